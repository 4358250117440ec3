//! What must hold for every input text: no panic (reading, checking, simulating, describing the
//! problems, rendering the table and the CSV); a rejection names a path or a position for every
//! problem; an accepted file simulates with its own proposal, and the report's money has two
//! decimals, its ledger adds up to the fen, year after year, for baseline and proposal, and no
//! figure is NaN or infinite; the plan's waterfall adds up and its typical patients are priced;
//! its risk figures run, in order; an accepted scenario reads back as itself.

use crate::common;
use ncms_sim::compare::compare_plans;
use ncms_sim::problem::ProblemKind;
use ncms_sim::report::Comparison;
use ncms_sim::{attribution, patient, render};
use ncms_sim::{compare, read_checked, CheckedScenario, Lang, Problem};
use rust_decimal::Decimal;
use serde_json::Value;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// What the engine did with a text that broke no law.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Accepted,
    Rejected,
}

/// A law broken, in words, with the law's short name for the tally.
#[derive(Debug, Clone)]
pub struct Broken {
    pub law: &'static str,
    pub detail: String,
}

impl Broken {
    pub fn is_panic(&self) -> bool {
        self.law.starts_with("no panic")
    }
}

fn broken(law: &'static str, detail: impl Into<String>) -> Broken {
    Broken {
        law,
        detail: detail.into(),
    }
}

/// Runs the reader, validation and, for an accepted file, the comparison (with `years` as a
/// second horizon when given), and checks every law.
pub fn examine(text: &str, years: Option<u32>) -> Result<Outcome, Broken> {
    match catch_unwind(AssertUnwindSafe(|| laws(text, years))) {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".into());
            let law = if message.contains("the bounds should have excluded") {
                "no panic (fen_from_f64's debug assertion)"
            } else {
                "no panic"
            };
            Err(broken(law, message))
        }
    }
}

fn laws(text: &str, years: Option<u32>) -> Result<Outcome, Broken> {
    let checked = match read_checked(text) {
        Ok(checked) => checked,
        Err(problems) => {
            rejection(text, &problems)?;
            return Ok(Outcome::Rejected);
        }
    };
    for warning in &checked.warnings {
        if warning.is_error() || warning.path.is_empty() {
            return Err(broken(
                "a warning is a warning with a path",
                format!("{warning:?}"),
            ));
        }
    }
    let scenario = &checked.scenario;
    let comparison = compare(scenario, &scenario.proposal, None).map_err(|problems| {
        broken(
            "check agrees with simulate",
            format!("compare refused an accepted file: {problems:#?}"),
        )
    })?;
    report(scenario, &comparison, scenario.projection.years)?;
    if let Some(years) = years {
        // Another horizon, as `ncms simulate --years` asks: inside the registry's range it runs,
        // outside it is refused at `projection.years`.
        let allowed = ncms_sim::params::by_path("projection.years")
            .expect("a registry row for the horizon")
            .range
            .contains(f64::from(years));
        match compare(scenario, &scenario.proposal, Some(years)) {
            Ok(comparison) if allowed => report(scenario, &comparison, years)?,
            Ok(_) => {
                return Err(broken(
                    "a horizon out of range is refused",
                    format!("{years} years ran"),
                ))
            }
            Err(problems) if allowed => {
                return Err(broken(
                    "check agrees with simulate",
                    format!("compare refused an accepted file over {years} years: {problems:#?}"),
                ))
            }
            Err(problems) => {
                if problems.iter().any(|p| p.path != "projection.years") {
                    return Err(broken(
                        "a horizon out of range is refused at projection.years",
                        format!("{years} years: {problems:#?}"),
                    ));
                }
            }
        }
    }
    plan_views(scenario, &comparison, text)?;
    // `ncms simulate`: every named plan (or the proposal) against the baseline, as the table
    // of each and the CSV of all.
    let plans = compare_plans(scenario, "方案", None).map_err(|problems| {
        broken(
            "check agrees with simulate",
            format!("compare_plans refused an accepted file: {problems:#?}"),
        )
    })?;
    for plan in &plans {
        report(scenario, &plan.comparison, scenario.projection.years)?;
    }
    for lang in [Lang::Zh, Lang::En] {
        let _ = render::csv(&plans, lang);
    }
    how_sure(scenario, text)?;
    // What was accepted reads back as itself.
    let written = serde_json::to_string(scenario.scenario()).expect("a scenario serialises");
    match read_checked(&written) {
        // The assumptions are written in: the same scenario runs, its changes no longer listed.
        Ok(again) if again.scenario.scenario() == scenario.scenario() => {}
        Ok(again) => {
            return Err(broken(
                "an accepted scenario round-trips",
                format!("read back differently: {:#?}", again.scenario.scenario()),
            ))
        }
        Err(problems) => {
            return Err(broken(
                "an accepted scenario round-trips",
                format!("written {written}\nrefused: {problems:#?}"),
            ))
        }
    }
    Ok(Outcome::Accepted)
}

/// `ncms risk` on one accepted file in 8, with 50 draws (at twice the file's spreads on every
/// other one): no panic; bands in order, P5 ≤ P10 ≤ P50 ≤ P90 ≤ P95, money with two decimals;
/// chances within 0 and 1, and the chance of having run out never falling from year to year.
fn how_sure(scenario: &CheckedScenario, text: &str) -> Result<(), Broken> {
    if text.len() % 8 != 0 {
        return Ok(());
    }
    let options = ncms_sim::risk::RiskOptions {
        draws: 50,
        seed: text.len() as u64,
        spread_scale: if text.len() % 16 == 0 { 2.0 } else { 1.0 },
    };
    let figures = ncms_sim::risk::risk(scenario, "基线", "方案", &options).map_err(|problems| {
        broken(
            "check agrees with risk",
            format!("risk refused an accepted file: {problems:#?}"),
        )
    })?;
    for plan in &figures.plans {
        let mut exhausted = 0.0;
        for y in &plan.years {
            for band in [&y.closing_balance, &y.available_balance] {
                let q = [band.p5, band.p10, band.p50, band.p90, band.p95];
                if q.windows(2).any(|w| w[0] > w[1]) {
                    return Err(broken("risk's bands are in order", format!("{y:#?}")));
                }
            }
            let chances = [y.p_deficit, y.p_exhausted, y.p_outpatient_over_cap];
            if chances.iter().any(|p| !(0.0..=1.0).contains(p)) || y.p_exhausted < exhausted {
                return Err(broken(
                    "risk's chances are within 0 and 1, running out never undone",
                    format!("{y:#?}"),
                ));
            }
            exhausted = y.p_exhausted;
        }
    }
    for plan in &figures.plans {
        // The figures, not the plan's name (a file may name a plan "1").
        let json = serde_json::to_value((&plan.years, plan.reserve_for_90))
            .expect("the risk figures serialise");
        two_decimals(&json, &mut String::new())
            .map_err(|detail| broken("money has exactly two decimals", detail))?;
    }
    for lang in [Lang::Zh, Lang::En] {
        let _ = render::risk_table(&figures, lang);
    }
    Ok(())
}

/// Up to this many edits, every accepted plan is explained (at most 2^4 subsets projected); a
/// larger one in 32, since the exact waterfall of 10 edits projects 1024 subsets.
const ALWAYS_EXPLAINED: usize = 4;

/// The plan's other views, as `ncms explain` and `ncms patient` show them: the waterfall of the
/// first year's surplus runs and adds up to the comparison's change, and the typical patients
/// are priced.
fn plan_views(scenario: &CheckedScenario, c: &Comparison, text: &str) -> Result<(), Broken> {
    let edits = &scenario.proposal;
    if !edits.is_empty() && (edits.len() <= ALWAYS_EXPLAINED || text.len() % 32 == 0) {
        let w = attribution::explain(scenario, edits, attribution::Outcome::Surplus, None)
            .map_err(|e| broken("check agrees with explain", e.describe(Lang::En)))?;
        let (b, p) = (&c.baseline.years[0], &c.proposal.years[0]);
        let bars: Decimal = w.bars.iter().map(|bar| bar.amount).sum();
        let price: Decimal = w
            .bars
            .iter()
            .filter(|bar| bar.kind == attribution::EffectKind::Price)
            .map(|bar| bar.amount)
            .sum();
        let adds_up = w.baseline == b.surplus
            && w.proposal == p.surplus
            && w.change == p.surplus - b.surplus
            && bars == w.change
            && price == w.price_change
            && w.price_change + w.release_change == w.change;
        if !adds_up {
            return Err(broken(
                "the waterfall adds up to the change, to the fen",
                format!(
                    "{w:#?}\nbaseline surplus {}, proposal surplus {}",
                    b.surplus, p.surplus
                ),
            ));
        }
        let json = serde_json::to_value(&w).expect("a waterfall serialises");
        two_decimals(&json, &mut String::new())
            .map_err(|detail| broken("money has exactly two decimals", detail))?;
    }
    patient::typical_plan(scenario, edits)
        .map_err(|e| broken("check agrees with the typical patients", format!("{e:?}")))?;
    Ok(())
}

/// Every problem names a path or a position (a file too large may name neither), is an error,
/// says something in both languages, and its position lies inside the text.
fn rejection(text: &str, problems: &[Problem]) -> Result<(), Broken> {
    if problems.is_empty() {
        return Err(broken(
            "a rejection has a problem",
            "an empty list of problems",
        ));
    }
    if !problems.iter().any(Problem::is_error) {
        return Err(broken("a rejection has an error", format!("{problems:#?}")));
    }
    let rows: Vec<&str> = text.split('\n').collect();
    for p in problems {
        // What `ncms check` prints, in both languages: it must not panic either.
        let _ = p.to_string();
        let located = !p.path.is_empty()
            || p.position.is_some()
            || matches!(p.kind, ProblemKind::TooLarge { .. });
        if !located {
            return Err(broken(
                "a rejection names a path or a position",
                format!("{p:#?}"),
            ));
        }
        if p.message.zh.is_empty() || p.message.en.is_empty() {
            return Err(broken("a problem says what is wrong", format!("{p:#?}")));
        }
        words_fit(p)?;
        // A key the file writes can be pointed at.
        let about_a_key = matches!(
            p.kind,
            ProblemKind::UnknownField { .. } | ProblemKind::DuplicateKey { .. }
        );
        if about_a_key && p.position.is_none() {
            return Err(broken(
                "a key the file writes has a position",
                format!("{p:#?}"),
            ));
        }
        if let Some(position) = p.position {
            let inside = position.line >= 1
                && position.column >= 1
                && rows.get(position.line - 1).is_some_and(|row| {
                    // One past the last character: where a truncated file ends.
                    position.column <= row.chars().count() + 1
                });
            if !inside {
                return Err(broken(
                    "a position lies inside the text",
                    format!("{} rows: {p:#?}", rows.len()),
                ));
            }
        }
    }
    Ok(())
}

/// The words fit the value: "not a whole number" is said of a fraction, "not finite" of NaN or
/// an infinity, "out of range" of a value outside the range.
fn words_fit(p: &Problem) -> Result<(), Broken> {
    let number = p.value.parse::<f64>().ok();
    let fits = match &p.kind {
        ProblemKind::NotWhole => number.is_none_or(|n| !n.is_finite() || n.fract() != 0.0),
        ProblemKind::NotFinite => number.is_none_or(|n| !n.is_finite()),
        ProblemKind::OutOfRange { range, .. } => number.is_none_or(|n| !range.contains(n)),
        _ => true,
    };
    if fits {
        Ok(())
    } else {
        Err(broken("the words fit the value", format!("{p:#?}")))
    }
}

/// The comparison's laws: both projections span the horizon, add up, and differ as reported;
/// every money string has two decimals.
fn report(scenario: &CheckedScenario, c: &Comparison, years: u32) -> Result<(), Broken> {
    for (name, r) in [("baseline", &c.baseline), ("proposal", &c.proposal)] {
        if r.years.len() != years as usize {
            return Err(broken(
                "a projection spans the horizon",
                format!("{name}: {} years for a horizon of {years}", r.years.len()),
            ));
        }
        common::ledger_adds_up(scenario, r).map_err(|detail| {
            broken("the ledger adds up to the fen", format!("{name}: {detail}"))
        })?;
    }
    common::differences_are_proposal_minus_baseline(c)
        .map_err(|detail| broken("differences are proposal − baseline", detail))?;
    let json = serde_json::to_value(c).expect("a comparison serialises");
    two_decimals(&json, &mut String::new())
        .map_err(|detail| broken("money has exactly two decimals", detail))?;
    nulls_only_where_allowed(&json, "", &mut String::new())
        .map_err(|detail| broken("no NaN or infinity in a report", detail))?;
    // What `ncms simulate` prints: the table and the CSV, in both languages.
    for lang in [Lang::Zh, Lang::En] {
        let _ = render::table(c, lang);
    }
    Ok(())
}

/// The fields of the report contract that may be `null` ("not applicable"). A `null` anywhere
/// else is a NaN or an infinity that serde_json wrote as `null`.
const NULLABLE: &[&str] = &[
    "first_deficit_year",
    "exhaustion_year",
    "balance_negative_year",
    "annual_ceiling",
    "special_disease",
    "level",
    "actual",
    "met",
    "gap",
    "before",
    "after",
];

fn nulls_only_where_allowed(value: &Value, key: &str, path: &mut String) -> Result<(), String> {
    match value {
        Value::Null if !NULLABLE.contains(&key) => Err(format!("{path} is null")),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let length = path.len();
                path.push_str(&format!("[{i}]"));
                nulls_only_where_allowed(item, key, path)?;
                path.truncate(length);
            }
            Ok(())
        }
        Value::Object(map) => {
            for (k, item) in map {
                let length = path.len();
                path.push('.');
                path.push_str(k);
                nulls_only_where_allowed(item, k, path)?;
                path.truncate(length);
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Keys whose strings come from the file (an id or a name may be "123") or are words.
const TEXT_KEYS: &[&str] = &["scenario_id", "scenario_name"];

/// Every string that reads as a number is money: `-?digits.dd`.
fn two_decimals(value: &Value, path: &mut String) -> Result<(), String> {
    match value {
        Value::String(s) => {
            let numeric = s.parse::<f64>().is_ok()
                || s.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.');
            if numeric && !is_money(s) {
                return Err(format!("{path}: {s:?}"));
            }
            Ok(())
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let length = path.len();
                path.push_str(&format!("[{i}]"));
                two_decimals(item, path)?;
                path.truncate(length);
            }
            Ok(())
        }
        Value::Object(map) => {
            for (key, item) in map {
                if TEXT_KEYS.contains(&key.as_str()) {
                    continue;
                }
                let length = path.len();
                path.push('.');
                path.push_str(key);
                two_decimals(item, path)?;
                path.truncate(length);
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

fn is_money(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let Some((whole, fraction)) = digits.split_once('.') else {
        return false;
    };
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.len() == 2
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

#[test]
fn the_money_pattern() {
    for good in ["0.00", "-12.34", "1895000000.00"] {
        assert!(is_money(good), "{good}");
    }
    for bad in ["0", "1.5", "1.234", "-.50", "1e3", "12.3a", ""] {
        assert!(!is_money(bad), "{bad}");
    }
}
