//! Calibration: a fund's annual figures ([`AnnualFigures`]) become a scenario whose model
//! reproduces them ([`calibrate`]), with a table of each reported figure against the model's and
//! warnings where the fit is poor or a figure implausible. [`reported_figures`] goes the other
//! way (a scenario's figures as a fund would report them), for round trips.
//!
//! What the figures give is written down (enrollees, funding, rules, costs ÷ volumes). What they
//! do not give starts from the calibrated Taizhou 2012 scenario (the split of care across levels,
//! relative costs, dispersion, scope shares, rules, special-disease care), and one lever at a time
//! is then fitted so that the model reproduces a reported figure: volumes to person-times, costs
//! to total costs, policy-scope shares to payments or eligible costs, reimbursement ratios (or,
//! when the rules are given, cost dispersion) to policy-scope ratios, outpatient visits to the
//! compensated person-times, the split of person-times across levels to a kind's policy-scope
//! ratio when only its totals are known. Each fit is a one-dimensional root search on the
//! model's own closed forms (`lognormal`), repeated in turn until none moves; where figures are
//! still missed (the fits interact), Levenberg–Marquardt moves every one of those levers, line by
//! line, to reproduce all the figures at once, with a faint pull towards the defaults. The table
//! then comes from `simulate` on the finished, validated scenario, never from the fit's
//! arithmetic. A reported total that includes care the model does not price (health checks
//! and other: [`report_form::RESTS`]) is reconciled by a row for that rest, given or (when
//! every kind's figures are given) the total less the model's part, rather than absorbed into
//! the figures the fund gave.

mod build;
mod fit;

use crate::annual_figures::report_form::{
    self, levels_of, AnnualFigures, FigureId, LineFigure, Source as FigureSource, Value,
};
use crate::base::lang::{Lang, Text};
use crate::base::money;
use crate::base::units::Unit;
use crate::model::projection::simulate;
use crate::model::report::{CareKind, LineResult, YearReport};
use crate::scenario::file_format::*;
use crate::scenario::problem::{CellRef, Problem, ProblemKind};
use crate::scenario::validate::{self, CheckedScenario};
use build::Builder;
use serde::Serialize;
use std::sync::OnceLock;

/// A reported figure the calibrated model misses by more than this is a warning; so is care the
/// model does not price above this share of its total.
pub const POOR_FIT: f64 = 0.01;

/// A rest of a total the figures do not give (health checks and other) is shown when the total
/// less the model's part is above this share of the total: below, it is the fit's own miss.
pub const REST_SHOWN: f64 = 0.001;

/// The file the defaults come from, as the scenario cites it.
pub const DEFAULTS_FILE: &str = "taizhou-2012.json";

/// What to call the scenario, and the language of its notes.
#[derive(Debug, Clone)]
pub struct Options {
    /// The scenario's `id` (a file name without `.json`).
    pub id: String,
    pub lang: Lang,
}

/// A calibrated scenario, how well it reproduces the figures, and what it assumed.
#[derive(Debug, Clone, Serialize)]
pub struct Calibration {
    #[serde(serialize_with = "serialize_checked")]
    pub scenario: CheckedScenario,
    /// Every reported figure the model computes, against the model's value.
    pub table: Vec<FitRow>,
    /// Implausible figures and poor fits (> 1 %); the scenario is usable all the same.
    pub warnings: Vec<Problem>,
    /// The defaults and assumptions used where the figures were silent (also in the notes).
    pub assumptions: Vec<Text>,
}

fn serialize_checked<S: serde::Serializer>(s: &CheckedScenario, ser: S) -> Result<S::Ok, S::Error> {
    s.scenario().serialize(ser)
}

/// One reported figure against the calibrated model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FitRow {
    /// The template code: `inpatient.total.payments`.
    pub key: String,
    pub label: Text,
    pub unit: Unit,
    pub reported: f64,
    pub modelled: f64,
    /// modelled ÷ reported − 1 (0 when both are 0); for a reconciling row, (modelled −
    /// reported) ÷ its total.
    pub deviation: f64,
    pub cell: Option<CellRef>,
    /// A reconciling item, not a figure the model computes: the part of a reported total that
    /// is care the model does not price (health checks and other). `reported` is the rest given
    /// (or, without one, the total less the model's part, its label saying so) and `modelled`
    /// the total less the model's part; the total's row is the model's part plus `reported`.
    pub reconciling: bool,
}

/// Builds a scenario from a fund's figures: see the module's documentation. Errors (a figure out
/// of range, the enrollees or the funding per head missing, …) come back as the list of problems;
/// so does a scenario that fails validation, which the figures' checks should have prevented.
pub fn calibrate(figures: &AnnualFigures, options: &Options) -> Result<Calibration, Vec<Problem>> {
    let checks = figures.check();
    if checks.iter().any(Problem::is_error) {
        return Err(checks.into_iter().filter(Problem::is_error).collect());
    }
    let mut build = Builder::new(figures);
    build.fund()?;
    build.lines();
    build.fit();
    let scenario = build.scenario(options);
    let checked = validate::check(scenario)?;
    let report = simulate(&checked);
    // A total no line was fitted to may leave a rest to derive; one the fit took whole may not
    // (a miss there is the fit's, said as a poor fit).
    let free: Vec<FigureId> = report_form::RESTS
        .iter()
        .map(|(total, _)| *total)
        .filter(|total| !build.fitted_totals.contains(total))
        .collect();
    let table = table_with_rests(figures, &checked, report.first_year(), &free);
    // A rest the figures leave out travels with the scenario as the table shows it, so that
    // `simulate` reconciles the total the same way (the reported figures do not move the model).
    let derived = |id: FigureId| {
        let row = report_form::row(id);
        let given = figures.contains(id);
        table
            .iter()
            .find(|r| r.key == row.key && !given)
            .map(|r| r.reported)
    };
    let (other_person_times, other_spending) = (
        derived(FigureId::OtherPersonTimes),
        derived(FigureId::OtherPayments),
    );
    let checked = if other_person_times.is_some() || other_spending.is_some() {
        let mut scenario = checked.into_scenario();
        if let Some(observed) = scenario.observed.as_mut() {
            observed.other_person_times = other_person_times.or(observed.other_person_times);
            observed.other_spending = other_spending
                .map(money::fen_from_f64)
                .or(observed.other_spending);
        }
        validate::check(scenario)?
    } else {
        checked
    };
    let mut warnings = checks;
    warnings.extend(build.warnings);
    // Care the model does not price above 1 % of its total is said, with what it means.
    for (total_id, rest_id) in report_form::RESTS {
        let row_of = |id: FigureId| {
            let key = &report_form::row(id).key;
            table.iter().find(|r| &r.key == key)
        };
        let (Some(total), Some(rest)) = (row_of(total_id), row_of(rest_id)) else {
            continue;
        };
        let share = if total.reported > 0.0 {
            rest.reported / total.reported
        } else {
            0.0
        };
        if share > POOR_FIT {
            let show = |v: f64| report_form::show(rest_id, v, Lang::En);
            warnings.push(
                Problem::new(
                    rest.key.clone(),
                    ProblemKind::UnpricedRest {
                        total: show(total.reported),
                        share,
                        spending: rest_id == FigureId::OtherPayments,
                    },
                    show(rest.reported),
                )
                .labelled(rest.label.clone())
                .in_cell(rest.cell.clone())
                .warning(),
            );
        }
    }
    // A reconciling row misses by what its total misses: the total's row says so.
    for row in table.iter().filter(|r| !r.reconciling) {
        if row.deviation.abs() > POOR_FIT {
            let id = report_form::by_key(&row.key).map(|r| r.id);
            let show =
                |v: f64| id.map_or_else(|| v.to_string(), |id| report_form::show(id, v, Lang::En));
            warnings.push(
                Problem::new(
                    row.key.clone(),
                    ProblemKind::PoorFit {
                        reported: show(row.reported),
                        modelled: show(row.modelled),
                        deviation: row.deviation,
                    },
                    figure_text(row.reported),
                )
                .labelled(row.label.clone())
                .in_cell(row.cell.clone())
                .warning(),
            );
        }
    }
    warnings.extend(validate::warnings(&checked));
    Ok(Calibration {
        scenario: checked,
        table,
        warnings,
        assumptions: build.assumptions,
    })
}

fn figure_text(v: f64) -> String {
    crate::base::units::trimmed(v)
}

/// The calibrated Taizhou 2012 scenario, whose structure fills what a fund's figures leave out.
pub(super) fn defaults() -> &'static Scenario {
    static DEFAULTS: OnceLock<Scenario> = OnceLock::new();
    DEFAULTS.get_or_init(|| {
        validate::parse_scenario(crate::scenario::bundled::TAIZHOU_2012)
            .expect("the bundled Taizhou 2012 is valid (tests/calibration.rs)")
            .into_scenario()
    })
}

/// Every reported figure the model computes, against the model's value for the base year, with
/// the rests of care the model does not price that the figures give.
pub fn fit_table(figures: &AnnualFigures, scenario: &Scenario, year: &YearReport) -> Vec<FitRow> {
    table_with_rests(figures, scenario, year, &[])
}

/// [`fit_table`], deriving the rest of each total in `free` that the figures do not give.
fn table_with_rests(
    figures: &AnnualFigures,
    scenario: &Scenario,
    year: &YearReport,
    free: &[FigureId],
) -> Vec<FitRow> {
    let mut rows = Vec::new();
    for row in report_form::rows() {
        let Some(reported) = figures.get(row.id) else {
            continue;
        };
        let Some(reported_value) = reported.value.number() else {
            continue;
        };
        let Some(modelled) = modelled(row.id, scenario, year) else {
            continue;
        };
        let deviation = if reported_value != 0.0 {
            modelled / reported_value - 1.0
        } else if modelled.abs() < 0.5 {
            0.0
        } else {
            1.0
        };
        rows.push(FitRow {
            key: row.key.clone(),
            label: row.label.clone(),
            unit: row.kind.unit(),
            reported: reported_value,
            modelled,
            deviation,
            cell: reported.source.cell.clone(),
            reconciling: false,
        });
    }
    reconcile(figures, &mut rows, free);
    rows
}

/// The reported totals that include care the model does not price (health checks and other),
/// reconciled: the rest given, or for a total in `free` (one no line was fitted to) the total
/// less the model's part when above [`REST_SHOWN`] of the total, is a row after its total, and
/// the total's row compares the model's part plus that rest with the total.
fn reconcile(figures: &AnnualFigures, rows: &mut Vec<FitRow>, free: &[FigureId]) {
    for (total_id, rest_id) in report_form::RESTS {
        let total_row = report_form::row(total_id);
        let Some(at) = rows.iter().position(|r| r.key == total_row.key) else {
            continue;
        };
        let (total, model) = (rows[at].reported, rows[at].modelled);
        let left = total - model;
        let rest_row = report_form::row(rest_id);
        let whole = |v: f64| match rest_row.kind {
            report_form::ValueKind::Money => money::to_f64(money::fen_from_f64(v)),
            _ => v.round(),
        };
        let given = figures.number(rest_id);
        let rest = match given {
            Some(rest) => rest,
            None if free.contains(&total_id) && total > 0.0 && left > REST_SHOWN * total => {
                whole(left)
            }
            None => continue,
        };
        let of_total = |v: f64| if total != 0.0 { v / total } else { 0.0 };
        rows[at].modelled = model + rest;
        rows[at].deviation = if total != 0.0 {
            (model + rest) / total - 1.0
        } else if (model + rest).abs() < 0.5 {
            0.0
        } else {
            1.0
        };
        let label = match given {
            Some(_) => rest_row.label.clone(),
            None => Text::new(
                format!("{}（未填写，按合计 − 模型推算）", rest_row.label.zh),
                format!(
                    "{} (not given: the total less the model)",
                    rest_row.label.en
                ),
            ),
        };
        rows.insert(
            at + 1,
            FitRow {
                key: rest_row.key.clone(),
                label,
                unit: rest_row.kind.unit(),
                reported: rest,
                modelled: left,
                deviation: of_total(left - rest),
                cell: figures.cell(rest_id),
                reconciling: true,
            },
        );
    }
}

/// The lines of the report a figure of `care` at `level` sums (every level: `None`).
fn lines_of(year: &YearReport, care: CareKind, level: Option<Level>) -> Vec<&LineResult> {
    match care {
        CareKind::SpecialDisease => year.spending.special_disease.iter().collect(),
        _ => year
            .spending
            .lines
            .iter()
            .filter(|l| l.kind == care && (level.is_none() || l.level == level))
            .collect(),
    }
}

/// The model's value of a reported figure; `None` for inputs the scenario copies (enrollees,
/// funding, rules).
pub fn modelled(id: FigureId, scenario: &Scenario, year: &YearReport) -> Option<f64> {
    use FigureId as F;
    let m = money::to_f64;
    let cases = scenario.rules.major_disease.as_ref().map_or(0.0, |md| {
        year.enrollees as f64 * md.cases_per_100k / 100_000.0
    });
    let major_cost = scenario
        .rules
        .major_disease
        .as_ref()
        .map_or(0.0, |md| cases * m(md.limited_cost));
    Some(match id {
        F::FundsRaised => m(year.income.total),
        F::Payments => m(year.spending.total),
        F::CompensatedPersonTimes => year.indicators.compensated_person_times,
        F::MajorCases => cases,
        F::MajorCost => major_cost,
        F::MajorPayments => m(year.spending.major_disease),
        F::Line {
            care,
            level,
            figure,
        } => {
            let lines = lines_of(year, care, level);
            let totals = care == CareKind::Inpatient && level.is_none();
            let sum = |f: fn(&LineResult) -> f64| lines.iter().map(|l| f(l)).sum::<f64>();
            let volume = sum(|l| l.volume) + if totals { cases } else { 0.0 };
            let cost = sum(|l| money::to_f64(l.total_cost)) + if totals { major_cost } else { 0.0 };
            let eligible = sum(|l| money::to_f64(l.eligible_cost));
            let benefit = sum(|l| money::to_f64(l.benefit));
            let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
            match figure {
                LineFigure::PersonTimes => volume,
                LineFigure::Cost => cost,
                LineFigure::MeanCost => ratio(cost, volume),
                LineFigure::Payments => {
                    benefit
                        + if totals {
                            m(year.spending.major_disease)
                        } else {
                            0.0
                        }
                }
                LineFigure::PolicyRatio => ratio(benefit, eligible),
                LineFigure::ScopeShare => ratio(eligible, sum(|l| money::to_f64(l.total_cost))),
                LineFigure::Deductible | LineFigure::Ratio | LineFigure::Cap => return None,
            }
        }
        _ => return None,
    })
}

/// The calibration table as text, one reported figure a line, for a terminal.
pub fn table_text(calibration: &Calibration, lang: Lang) -> String {
    // Chinese characters take two columns of a terminal.
    let columns =
        |text: &str| -> usize { text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum() };
    let pad = |text: &str, width: usize| {
        format!("{text}{}", " ".repeat(width.saturating_sub(columns(text))))
    };
    let heading = match lang {
        Lang::Zh => ("数据项", "报告数", "模型", "偏差"),
        Lang::En => ("figure", "reported", "model", "deviation"),
    };
    let width = calibration
        .table
        .iter()
        .map(|r| columns(r.label.get(lang)))
        .chain([columns(heading.0)])
        .max()
        .unwrap_or(0)
        + 2;
    // Ratios to 0.01 %, as funds report them (71.80 %); the rest in their units.
    let show = |row: &FitRow, value: f64| match row.unit {
        Unit::Share => format!("{:.2}%", value * 100.0),
        unit => unit.show(value, lang),
    };
    let right = |text: &str, width: usize| {
        format!("{}{text}", " ".repeat(width.saturating_sub(columns(text))))
    };
    let mut out = format!(
        "{}{}  {}  {}\n",
        pad(heading.0, width),
        right(heading.1, 24),
        right(heading.2, 24),
        right(heading.3, 9)
    );
    for row in &calibration.table {
        let flag = if row.deviation.abs() > POOR_FIT {
            " !"
        } else {
            ""
        };
        out.push_str(&format!(
            "{}{}  {}  {:>+8.2}%{flag}\n",
            pad(row.label.get(lang), width),
            right(&show(row, row.reported), 24),
            right(&show(row, row.modelled), 24),
            row.deviation * 100.0
        ));
    }
    out
}

/// A scenario's base-year figures as a fund would report them (money to the fen, person-times
/// whole, ratios to 0.01 %): every total and level, the rules, the ceiling. The round-trip
/// proof calibrates from these alone.
pub fn reported_figures(scenario: &CheckedScenario) -> AnnualFigures {
    use FigureId as F;
    let report = simulate(scenario);
    let year = report.first_year();
    let s: &Scenario = scenario;
    let mut out = AnnualFigures::default();
    let source = FigureSource {
        file: format!("{}.json", s.id),
        cell: None,
        note: String::new(),
    };
    let money_of = |v: f64| Value::Money(money::fen_from_f64(v));
    let mut put = |id: FigureId, value: Value| out.insert(id, value, source.clone());
    let whole = |v: f64| Value::Number(v.round());
    let share = |v: f64| Value::Number((v * 10_000.0).round() / 10_000.0);
    let m = money::to_f64;
    put(F::NameZh, Value::Text(s.name.zh.clone()));
    put(F::NameEn, Value::Text(s.name.en.clone()));
    put(F::Year, Value::Number(f64::from(s.year)));
    put(F::Enrollees, Value::Number(s.population.enrollees as f64));
    if let Some(p) = s.population.participation_rate {
        put(F::ParticipationRate, share(p));
    }
    let g = &s.financing.government;
    put(F::Individual, Value::Money(s.financing.individual));
    for (id, amount) in [
        (F::Central, g.central),
        (F::Provincial, g.provincial),
        (F::Municipal, g.municipal),
        (F::County, g.county),
    ] {
        put(id, Value::Money(amount));
    }
    put(F::FundingPerHead, Value::Money(s.financing.per_enrollee()));
    put(F::FundsRaised, Value::Money(year.income.total));
    put(F::OpeningBalance, Value::Money(s.financing.opening_balance));
    put(F::Payments, Value::Money(year.spending.total));
    put(
        F::CompensatedPersonTimes,
        whole(year.indicators.compensated_person_times),
    );
    // The model prices every payment and person-time it counts: nothing else is in the totals.
    put(F::OtherPayments, Value::Money(money::ZERO));
    put(F::OtherPersonTimes, Value::Number(0.0));
    for care in [
        CareKind::Outpatient,
        CareKind::Inpatient,
        CareKind::SpecialDisease,
    ] {
        for level in levels_of(care) {
            let lines = lines_of(year, care, level);
            if lines.is_empty() {
                continue;
            }
            let id = |figure| FigureId::line(care, level, figure);
            for figure in [
                LineFigure::PersonTimes,
                LineFigure::Cost,
                LineFigure::Payments,
                LineFigure::PolicyRatio,
            ] {
                if let Some(v) = modelled(id(figure), s, year) {
                    put(
                        id(figure),
                        match figure {
                            LineFigure::PersonTimes => whole(v),
                            LineFigure::PolicyRatio => share(v),
                            _ => money_of(v),
                        },
                    );
                }
            }
            // The rules of the level (of the first line there, if the scenario has several).
            let rules = match (care, level) {
                (CareKind::SpecialDisease, _) => s
                    .rules
                    .special_disease
                    .as_ref()
                    .map(|sd| (sd.deductible, sd.reimbursement_ratio, None)),
                (_, Some(level)) => {
                    s.lines
                        .iter()
                        .find(|l| l.level == level)
                        .and_then(|l| match care {
                            CareKind::Outpatient => l
                                .outpatient
                                .as_ref()
                                .map(|o| (o.deductible, o.reimbursement_ratio, o.visit_cap)),
                            _ => l
                                .inpatient
                                .as_ref()
                                .map(|i| (i.deductible, i.reimbursement_ratio, i.admission_cap)),
                        })
                }
                _ => None,
            };
            if let Some((deductible, ratio, cap)) = rules {
                put(id(LineFigure::Deductible), Value::Money(deductible));
                put(id(LineFigure::Ratio), Value::Number(ratio));
                if let Some(cap) = cap {
                    put(id(LineFigure::Cap), Value::Money(cap));
                }
            }
        }
    }
    if let Some(md) = &s.rules.major_disease {
        let cases = year.enrollees as f64 * md.cases_per_100k / 100_000.0;
        put(F::MajorCases, whole(cases));
        put(F::MajorCost, money_of(cases * m(md.limited_cost)));
        put(F::MajorPayments, Value::Money(year.spending.major_disease));
    }
    match &s.rules.annual_ceiling {
        Some(Ceiling::Fixed(amount)) => put(F::CeilingAmount, Value::Money(*amount)),
        Some(Ceiling::IncomeMultiple(rule)) => {
            put(F::CeilingMultiple, Value::Number(rule.multiple));
            put(F::RuralNetIncome, Value::Money(rule.rural_net_income));
            put(F::CeilingFloor, Value::Money(rule.floor));
        }
        None => {}
    }
    put(
        F::CriticalIllnessPremium,
        Value::Money(s.rules.critical_illness_premium),
    );
    if let Some(rr) = &s.rules.risk_reserve {
        put(F::ReserveRate, Value::Number(rr.rate));
        put(F::ReserveCap, Value::Number(rr.cap));
    }
    out
}
