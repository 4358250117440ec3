//! The annual figures a fund reports (统计报表, 年度运行分析): enrollees, funding, funds raised,
//! person-times, costs and payments by kind of care and hospital level, the rules in force. This
//! is what an official has, rather than lognormal parameters; `calibrate` turns it into a scenario.
//!
//! Every figure is declared once, in [`rows`]: its code in the template (`inpatient.county.payments`),
//! its labels, its kind of value and, where the parameter registry has one, its usual span. The
//! template writer and reader, the checks and the calibration's citations all read that table.
//! Each figure carries its [`Source`] (the template cell, or a seed file and figure) so that a
//! scenario built from it can cite it. Not to be confused with `figure`, the typed numbers of a
//! report.

use crate::base::lang::{Label, Lang, Text};
use crate::base::money::{self, Yuan};
use crate::base::units::{self, Unit};
use crate::scenario::file_format::CareKind;
use crate::scenario::file_format::Level;
use crate::scenario::params::{self, closed_range, Range};
use crate::scenario::problem::{CellRef, Problem, ProblemKind};
use crate::scenario::terms::level_label;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// One figure of a kind of care, for its total or for one hospital level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineFigure {
    /// Visits, admissions or (special disease) patients: person-times of care (就诊/住院人次).
    PersonTimes,
    /// Total medical cost (医疗总费用).
    Cost,
    /// Mean cost per visit, admission or patient (次均费用), when the total cost is not known.
    MeanCost,
    /// What the fund paid (补偿金额).
    Payments,
    /// Payments over cost within the policy scope (政策范围内补偿比).
    PolicyRatio,
    /// The share of cost within the policy scope (政策范围内费用占比).
    ScopeShare,
    /// The rules: deductible (起付线), reimbursement ratio (补偿比例), cap on one claim.
    Deductible,
    Ratio,
    Cap,
}

impl LineFigure {
    const MEASURES: [LineFigure; 6] = [
        LineFigure::PersonTimes,
        LineFigure::Cost,
        LineFigure::MeanCost,
        LineFigure::Payments,
        LineFigure::PolicyRatio,
        LineFigure::ScopeShare,
    ];
    const RULES: [LineFigure; 3] = [LineFigure::Deductible, LineFigure::Ratio, LineFigure::Cap];

    fn key(self) -> &'static str {
        match self {
            LineFigure::PersonTimes => "person_times",
            LineFigure::Cost => "cost",
            LineFigure::MeanCost => "mean_cost",
            LineFigure::Payments => "payments",
            LineFigure::PolicyRatio => "policy_ratio",
            LineFigure::ScopeShare => "scope_share",
            LineFigure::Deductible => "deductible",
            LineFigure::Ratio => "ratio",
            LineFigure::Cap => "cap",
        }
    }

    /// Whether this is one of the rules in force rather than a measured figure.
    pub fn is_rule(self) -> bool {
        Self::RULES.contains(&self)
    }
}

/// Every figure of the template. `Line` figures belong to a kind of care, at one hospital level
/// or (`level: None`) for the kind's total; special-disease care has one line and no levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureId {
    NameZh,
    NameEn,
    Year,
    Enrollees,
    ParticipationRate,
    Individual,
    Central,
    Provincial,
    Municipal,
    County,
    /// Government subsidy per head, all levels together (when the split is not known).
    Government,
    FundingPerHead,
    FundsRaised,
    OpeningBalance,
    /// Fund payments in the year, every kind of care (当年基金支出).
    Payments,
    /// Compensated person-times, every kind of care (补偿人次).
    CompensatedPersonTimes,
    /// Of the fund's payments, what goes to care the model does not price: health checks
    /// (健康体检) and other items outside the lines (其他支出).
    OtherPayments,
    /// Of the compensated person-times, those of care the model does not price (health checks
    /// and other): the rest that reconciles the total with the lines.
    OtherPersonTimes,
    Line {
        care: CareKind,
        level: Option<Level>,
        figure: LineFigure,
    },
    MajorCases,
    MajorCost,
    MajorPayments,
    CeilingAmount,
    CeilingMultiple,
    RuralNetIncome,
    CeilingFloor,
    CriticalIllnessPremium,
    ReserveRate,
    ReserveCap,
}

impl FigureId {
    pub const fn line(care: CareKind, level: Option<Level>, figure: LineFigure) -> FigureId {
        FigureId::Line {
            care,
            level,
            figure,
        }
    }
}

/// What a figure's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    Text,
    Year,
    /// People or person-times.
    Count,
    /// Yuan, not negative.
    Money,
    /// Yuan, possibly negative (a balance).
    SignedMoney,
    /// A fraction from 0 to 1 (written 0.718 or 71.8%).
    Share,
    /// A multiple (of rural net income).
    Multiple,
}

impl ValueKind {
    /// The unit figures of this kind are shown in.
    pub fn unit(self) -> Unit {
        match self {
            ValueKind::Text | ValueKind::Count => Unit::Count,
            ValueKind::Year => Unit::Year,
            ValueKind::Money | ValueKind::SignedMoney => Unit::Yuan,
            ValueKind::Share => Unit::Share,
            ValueKind::Multiple => Unit::Multiple,
        }
    }

    /// What the template's unit column says.
    pub fn unit_label(self) -> Label {
        match self {
            ValueKind::Text => Label::new("文字", "text"),
            ValueKind::Year => Label::new("年", "year"),
            ValueKind::Count => Label::new("人/人次", "persons / person-times"),
            ValueKind::Money | ValueKind::SignedMoney => Label::new("元", "yuan"),
            ValueKind::Share => Label::new("比例（0.718 或 71.8%）", "fraction (0.718 or 71.8%)"),
            ValueKind::Multiple => Label::new("倍", "times"),
        }
    }

    /// The values a figure of this kind may take. Money is bounded like a scenario's funds.
    pub fn range(self) -> Range {
        match self {
            ValueKind::Text => closed_range(0.0, 0.0),
            ValueKind::Year => closed_range(1990.0, 2100.0),
            ValueKind::Count => closed_range(0.0, 1e11),
            ValueKind::Money => closed_range(0.0, 1e13),
            ValueKind::SignedMoney => closed_range(-1e13, 1e13),
            ValueKind::Share => closed_range(0.0, 1.0),
            ValueKind::Multiple => closed_range(0.0, 100.0),
        }
    }
}

/// A reported value: money stays exact; people, shares and years are numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Value {
    Text(String),
    Number(f64),
    Money(Yuan),
}

impl Value {
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(v) => Some(*v),
            Value::Money(m) => Some(money::to_f64(*m)),
            Value::Text(_) => None,
        }
    }

    /// The value as written back into a sheet: money with its decimals, shares as fractions.
    pub fn plain(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Number(v) => units::trimmed(*v),
            Value::Money(m) => m.normalize().to_string(),
        }
    }
}

/// Where a figure comes from: the file (a template, or a seed document), the cell of the sheet it
/// was read from, and what the template's source column says about it.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Source {
    pub file: String,
    pub cell: Option<CellRef>,
    /// The source column's text: "000_f4e4bc0b06ba3db8.txt: 全市共计筹资18.95亿元", say.
    pub note: String,
}

/// A figure as reported, with its source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reported {
    pub value: Value,
    pub source: Source,
}

/// The figures of one fund's year. Absent figures are unknown; a figure of 0 means "none".
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct AnnualFigures {
    pub values: BTreeMap<FigureId, Reported>,
}

impl AnnualFigures {
    pub fn get(&self, id: FigureId) -> Option<&Reported> {
        self.values.get(&id)
    }

    pub fn insert(&mut self, id: FigureId, value: Value, source: Source) {
        self.values.insert(id, Reported { value, source });
    }

    pub fn remove(&mut self, id: FigureId) -> Option<Reported> {
        self.values.remove(&id)
    }

    pub fn contains(&self, id: FigureId) -> bool {
        self.values.contains_key(&id)
    }

    /// The figure as a number (money through its exact decimal).
    pub fn number(&self, id: FigureId) -> Option<f64> {
        self.get(id).and_then(|r| r.value.number())
    }

    pub fn money(&self, id: FigureId) -> Option<Yuan> {
        match self.get(id)?.value {
            Value::Money(m) => Some(m),
            Value::Number(v) => money::from_f64(v),
            Value::Text(_) => None,
        }
    }

    pub fn text(&self, id: FigureId) -> Option<&str> {
        match &self.get(id)?.value {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }

    pub fn cell(&self, id: FigureId) -> Option<CellRef> {
        self.get(id).and_then(|r| r.source.cell.clone())
    }

    /// A line figure of `care` at `level` (`None`: the kind's total).
    pub fn line(&self, care: CareKind, level: Option<Level>, figure: LineFigure) -> Option<f64> {
        self.number(FigureId::line(care, level, figure))
    }

    /// Whether any figure of `care` at `level` is given.
    pub fn has_line(&self, care: CareKind, level: Option<Level>) -> bool {
        self.values.keys().any(|id| {
            matches!(id, FigureId::Line { care: c, level: l, .. } if *c == care && *l == level)
        })
    }

    /// Checks the figures against each other and against what is plausible: values out of their
    /// range and figures needed to build a scenario are errors; figures far from the registry's
    /// usual spans (3 yuan a visit), payments above costs and parts above their totals are
    /// warnings. Each problem names the figure's cell when it was read from a sheet.
    pub fn check(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        for (id, reported) in &self.values {
            let row = row(*id);
            let Some(value) = reported.value.number() else {
                continue;
            };
            let range = row.range();
            if !range.contains(value) {
                problems.push(
                    self.problem(
                        *id,
                        ProblemKind::OutOfRange {
                            range,
                            unit: row.kind.unit(),
                        },
                    )
                    .with_hint(share_hint(row.kind, value)),
                );
            } else if let Some(typical) = row.typical {
                if unusual(value, typical) {
                    problems.push(
                        self.problem(
                            *id,
                            ProblemKind::Unusual {
                                typical,
                                unit: row.kind.unit(),
                            },
                        )
                        .warning(),
                    );
                }
            }
        }
        self.check_required(&mut problems);
        for care in [
            CareKind::Outpatient,
            CareKind::Inpatient,
            CareKind::SpecialDisease,
        ] {
            for level in levels_of(care) {
                self.check_line(care, level, &mut problems);
            }
            self.check_parts(care, &mut problems);
        }
        self.check_funding(&mut problems);
        self.check_rests(&mut problems);
        self.check_deductibles(&mut problems);
        problems
    }

    /// A problem about figure `id`, labelled and placed at its cell.
    fn problem(&self, id: FigureId, kind: ProblemKind) -> Problem {
        let value = self.get(id).map(|r| r.value.plain()).unwrap_or_default();
        let row = row(id);
        Problem::new(row.key.clone(), kind, value)
            .labelled(row.label.clone())
            .in_cell(self.cell(id))
    }

    fn check_required(&self, problems: &mut Vec<Problem>) {
        let has = |id| self.contains(id);
        if !has(FigureId::Year) {
            problems.push(self.problem(FigureId::Year, ProblemKind::MissingFigure));
        }
        let per_head = has(FigureId::FundingPerHead)
            || (has(FigureId::Individual)
                && (has(FigureId::Government) || GOVERNMENT_LEVELS.iter().any(|id| has(*id))));
        if !(has(FigureId::Enrollees) || has(FigureId::FundsRaised) && per_head) {
            problems.push(self.problem(FigureId::Enrollees, ProblemKind::MissingFigure));
        }
        if !(per_head || has(FigureId::FundsRaised) && has(FigureId::Enrollees)) {
            problems.push(self.problem(FigureId::FundingPerHead, ProblemKind::MissingFigure));
        }
    }

    /// One line: its mean cost (given, or cost ÷ person-times) in the usual span, payments
    /// within the cost.
    fn check_line(&self, care: CareKind, level: Option<Level>, problems: &mut Vec<Problem>) {
        let id = |figure| FigureId::line(care, level, figure);
        let person_times = self.number(id(LineFigure::PersonTimes));
        let cost = self.number(id(LineFigure::Cost));
        if let (Some(n), Some(c)) = (person_times, cost) {
            if n > 0.0 {
                let mean = c / n;
                let mean_row = row(id(LineFigure::MeanCost));
                let derived = |kind| {
                    Problem::new(
                        row(id(LineFigure::Cost)).key.clone(),
                        kind,
                        units::trimmed((mean * 100.0).round() / 100.0),
                    )
                    .labelled(derived_mean_label(&mean_row.label))
                    .in_cell(self.cell(id(LineFigure::Cost)))
                };
                if mean <= 0.0 {
                    problems.push(derived(ProblemKind::OutOfRange {
                        range: mean_row.range(),
                        unit: Unit::Yuan,
                    }));
                } else if let Some(typical) = mean_row.typical {
                    if unusual(mean, typical) {
                        problems.push(
                            derived(ProblemKind::Unusual {
                                typical,
                                unit: Unit::Yuan,
                            })
                            .warning(),
                        );
                    }
                }
            }
        }
        let payments = self.number(id(LineFigure::Payments));
        let cost = cost.or_else(|| Some(self.number(id(LineFigure::MeanCost))? * person_times?));
        if let (Some(p), Some(c)) = (payments, cost) {
            if p > c * (1.0 + 1e-9) {
                problems.push(
                    self.problem(
                        id(LineFigure::Payments),
                        ProblemKind::PaymentsAboveCost {
                            cost: plain_money(c),
                        },
                    )
                    .warning(),
                );
            }
        }
    }

    /// The levels of a kind against its total (the inpatient total includes major diseases).
    fn check_parts(&self, care: CareKind, problems: &mut Vec<Problem>) {
        if care == CareKind::SpecialDisease {
            return;
        }
        for figure in [
            LineFigure::PersonTimes,
            LineFigure::Cost,
            LineFigure::Payments,
        ] {
            let total_id = FigureId::line(care, None, figure);
            let Some(total) = self.number(total_id) else {
                continue;
            };
            let mut parts: f64 = levels_of(care)
                .into_iter()
                .flatten()
                .filter_map(|level| self.line(care, Some(level), figure))
                .sum();
            if care == CareKind::Inpatient {
                let major = match figure {
                    LineFigure::PersonTimes => FigureId::MajorCases,
                    LineFigure::Cost => FigureId::MajorCost,
                    _ => FigureId::MajorPayments,
                };
                parts += self.number(major).unwrap_or(0.0);
            }
            if parts > total * (1.0 + 1e-6) + 0.005 {
                let shown = |v: f64| match figure {
                    LineFigure::PersonTimes => units::trimmed(v),
                    _ => plain_money(v),
                };
                problems.push(
                    self.problem(
                        total_id,
                        ProblemKind::PartsAboveTotal {
                            parts: shown(parts),
                            total: shown(total),
                        },
                    )
                    .warning(),
                );
            }
        }
    }

    /// The care the model does not price within its total: never more than the total.
    fn check_rests(&self, problems: &mut Vec<Problem>) {
        for (total_id, rest_id) in RESTS {
            let (Some(total), Some(rest)) = (self.number(total_id), self.number(rest_id)) else {
                continue;
            };
            if rest > total * (1.0 + 1e-9) + 0.005 {
                let shown = |v: f64| match row(rest_id).kind {
                    ValueKind::Money => plain_money(v),
                    _ => units::trimmed(v),
                };
                problems.push(
                    self.problem(
                        rest_id,
                        ProblemKind::PartsAboveTotal {
                            parts: shown(rest),
                            total: shown(total),
                        },
                    )
                    .warning(),
                );
            }
        }
    }

    /// Funding per head against its parts, and funds raised against enrollees × funding.
    fn check_funding(&self, problems: &mut Vec<Problem>) {
        let levels: Vec<f64> = GOVERNMENT_LEVELS
            .iter()
            .filter_map(|id| self.number(*id))
            .collect();
        let government_levels = (!levels.is_empty()).then(|| levels.iter().sum::<f64>());
        let disagree = |parts: f64, total: f64| (parts - total).abs() > 0.005;
        if let (Some(parts), Some(total)) = (government_levels, self.number(FigureId::Government)) {
            if disagree(parts, total) {
                problems.push(
                    self.problem(
                        FigureId::Government,
                        ProblemKind::PartsDisagree {
                            parts: plain_money(parts),
                            total: plain_money(total),
                        },
                    )
                    .warning(),
                );
            }
        }
        let government = government_levels.or(self.number(FigureId::Government));
        if let (Some(individual), Some(government), Some(total)) = (
            self.number(FigureId::Individual),
            government,
            self.number(FigureId::FundingPerHead),
        ) {
            if disagree(individual + government, total) {
                problems.push(
                    self.problem(
                        FigureId::FundingPerHead,
                        ProblemKind::PartsDisagree {
                            parts: plain_money(individual + government),
                            total: plain_money(total),
                        },
                    )
                    .warning(),
                );
            }
        }
        let per_head = self
            .number(FigureId::FundingPerHead)
            .or_else(|| Some(self.number(FigureId::Individual)? + government?));
        if let (Some(raised), Some(enrollees), Some(per_head)) = (
            self.number(FigureId::FundsRaised),
            self.number(FigureId::Enrollees),
            per_head,
        ) {
            let contributions = enrollees * per_head;
            if raised < contributions - 1.0 {
                problems.push(
                    self.problem(
                        FigureId::FundsRaised,
                        ProblemKind::IncomeBelowContributions {
                            contributions: plain_money(contributions),
                        },
                    )
                    .warning(),
                );
            }
        }
    }

    /// Deductibles above a ceiling given as an amount would leave nothing to reimburse.
    fn check_deductibles(&self, problems: &mut Vec<Problem>) {
        let Some(ceiling) = self.number(FigureId::CeilingAmount) else {
            return;
        };
        for id in self.values.keys() {
            if let FigureId::Line {
                figure: LineFigure::Deductible,
                ..
            } = id
            {
                if self.number(*id).is_some_and(|d| d > ceiling) {
                    problems.push(self.problem(
                        *id,
                        ProblemKind::DeductibleAboveCeiling {
                            ceiling: plain_money(ceiling),
                        },
                    ));
                }
            }
        }
    }
}

/// The fund's totals that can include care the model does not price, each with the row of that
/// rest (health checks and other): the total's lines are fitted to the total less the rest.
pub const RESTS: [(FigureId, FigureId); 2] = [
    (FigureId::Payments, FigureId::OtherPayments),
    (FigureId::CompensatedPersonTimes, FigureId::OtherPersonTimes),
];

/// The payers of the government subsidy, from the centre down.
pub const GOVERNMENT_LEVELS: [FigureId; 4] = [
    FigureId::Central,
    FigureId::Provincial,
    FigureId::Municipal,
    FigureId::County,
];

/// Far from the usual span: below its lower end (when that is above zero) or above its upper.
fn unusual(value: f64, (lo, hi): (f64, f64)) -> bool {
    value > 0.0 && ((lo > 0.0 && value < lo) || value > hi)
}

fn plain_money(value: f64) -> String {
    money::fen_from_f64(value).normalize().to_string()
}

/// A share written as a percentage (71.8 for 0.718) is the commonest slip.
fn share_hint(kind: ValueKind, value: f64) -> Option<Text> {
    (kind == ValueKind::Share && value > 1.0 && value <= 100.0).then(|| {
        let meant = units::trimmed(value / 100.0);
        let written = units::trimmed(value);
        Text::new(
            format!("比例写成小数或带 % 的百分数：是否想写 {meant} 或 {written}%？"),
            format!("write a ratio as a fraction or with %: did you mean {meant} or {written}%?"),
        )
    })
}

fn derived_mean_label(mean: &Text) -> Text {
    Text::new(
        format!("{}（医疗总费用 ÷ 人次）", mean.zh),
        format!("{} (total cost ÷ person-times)", mean.en),
    )
}

/// A group of rows in the template, with its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Fund,
    Outpatient,
    Inpatient,
    SpecialDisease,
    MajorDisease,
    Rules,
}

impl Section {
    pub fn heading(self) -> Label {
        match self {
            Section::Fund => Label::new("一、基本情况与筹资", "1. The fund and its funding"),
            Section::Outpatient => Label::new(
                "二、普通门诊（合计与分级）",
                "2. General outpatient care (total and by level)",
            ),
            Section::Inpatient => Label::new(
                "三、住院（合计含重大疾病；分级不含）",
                "3. Inpatient care (the total includes major diseases; the levels do not)",
            ),
            Section::SpecialDisease => {
                Label::new("四、特殊病种大额门诊", "4. Special-disease outpatient care")
            }
            Section::MajorDisease => Label::new(
                "五、重大疾病（已含在住院合计中）",
                "5. Major diseases (included in the inpatient total)",
            ),
            Section::Rules => Label::new("六、封顶线与其他规则", "6. The ceiling and other rules"),
        }
    }
}

/// One row of the template: a figure's code, labels, kind of value, section and usual span.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureRow {
    pub id: FigureId,
    /// The code in the template's first column: `inpatient.county.payments`.
    pub key: String,
    pub label: Text,
    pub kind: ValueKind,
    pub section: Section,
    /// The usual span, from the parameter registry where a parameter matches the figure.
    pub typical: Option<(f64, f64)>,
}

impl FigureRow {
    /// The values this figure may take; a mean cost must be above zero.
    pub fn range(&self) -> Range {
        match self.id {
            FigureId::Line {
                figure: LineFigure::MeanCost,
                ..
            } => Range {
                min: 0.0,
                max: 1e7,
                min_open: true,
            },
            _ => self.kind.range(),
        }
    }
}

/// The levels a kind of care has rows for: `None` (the total) first. Village clinics admit no
/// inpatients; special-disease care is one line without levels.
pub fn levels_of(care: CareKind) -> Vec<Option<Level>> {
    match care {
        CareKind::Outpatient => std::iter::once(None)
            .chain(Level::ALL.into_iter().map(Some))
            .collect(),
        CareKind::Inpatient => std::iter::once(None)
            .chain(
                Level::ALL
                    .into_iter()
                    .filter(|l| *l != Level::Village)
                    .map(Some),
            )
            .collect(),
        CareKind::SpecialDisease => vec![None],
    }
}

fn care_key(care: CareKind) -> &'static str {
    match care {
        CareKind::Outpatient => "outpatient",
        CareKind::Inpatient => "inpatient",
        CareKind::SpecialDisease => "special_disease",
    }
}

fn care_label(care: CareKind) -> Label {
    match care {
        CareKind::Outpatient => Label::new("普通门诊", "General outpatient"),
        CareKind::Inpatient => Label::new("住院", "Inpatient"),
        CareKind::SpecialDisease => Label::new("特殊病种大额门诊", "Special-disease outpatient"),
    }
}

fn line_figure_label(care: CareKind, figure: LineFigure) -> Label {
    use CareKind::{Inpatient as In, Outpatient as Out, SpecialDisease as Sd};
    use LineFigure as F;
    match (figure, care) {
        (F::PersonTimes, Out) => Label::new("就诊人次", "visits (person-times)"),
        (F::PersonTimes, In) => Label::new("住院人次", "admissions (person-times)"),
        (F::PersonTimes, Sd) => Label::new("患者人数", "patients"),
        (F::Cost, _) => Label::new("医疗总费用", "total medical cost"),
        (F::MeanCost, Out) => Label::new("次均费用", "mean cost per visit"),
        (F::MeanCost, In) => Label::new("次均住院费用", "mean cost per admission"),
        (F::MeanCost, Sd) => Label::new("人均年费用", "mean yearly cost per patient"),
        (F::Payments, _) => Label::new("基金支付（补偿金额）", "fund payments"),
        (F::PolicyRatio, _) => Label::new("政策范围内补偿比", "policy-scope ratio"),
        (F::ScopeShare, _) => Label::new(
            "政策范围内费用占比",
            "share of cost within the policy scope",
        ),
        (F::Deductible, Out) => Label::new("起付线（每次就诊）", "deductible per visit"),
        (F::Deductible, In) => Label::new("起付线（每次住院）", "deductible per admission"),
        (F::Deductible, Sd) => Label::new("起付线（每年）", "deductible per year"),
        (F::Ratio, _) => Label::new("补偿比例（政策规定）", "reimbursement ratio (the rule)"),
        (F::Cap, Out) => Label::new("每次就诊补偿限额", "cap on the benefit of one visit"),
        (F::Cap, _) => Label::new("每次住院补偿限额", "cap on the benefit of one admission"),
    }
}

/// The registry pattern whose usual span a line figure shares.
fn line_param(care: CareKind, figure: LineFigure) -> Option<&'static str> {
    use CareKind::{Inpatient as In, Outpatient as Out, SpecialDisease as Sd};
    use LineFigure as F;
    Some(match (figure, care) {
        (F::MeanCost, Out) => "lines[*].outpatient.mean_cost",
        (F::MeanCost, In) => "lines[*].inpatient.mean_cost",
        (F::MeanCost, Sd) => "rules.special_disease.annual_cost",
        (F::ScopeShare, Out) => "lines[*].outpatient.scope_share",
        (F::ScopeShare, In) => "lines[*].inpatient.scope_share",
        (F::ScopeShare, Sd) => "rules.special_disease.scope_share",
        (F::PolicyRatio, Out) => "observed.outpatient_policy_ratio",
        (F::PolicyRatio, _) => "observed.inpatient_policy_ratio",
        (F::Deductible, Out) => "lines[*].outpatient.deductible",
        (F::Deductible, In) => "lines[*].inpatient.deductible",
        (F::Deductible, Sd) => "rules.special_disease.deductible",
        (F::Ratio, Out) => "lines[*].outpatient.reimbursement_ratio",
        (F::Ratio, In) => "lines[*].inpatient.reimbursement_ratio",
        (F::Ratio, Sd) => "rules.special_disease.reimbursement_ratio",
        (F::Cap, Out) => "lines[*].outpatient.visit_cap",
        (F::Cap, _) => "lines[*].inpatient.admission_cap",
        _ => return None,
    })
}

fn typical_of(pattern: Option<&str>) -> Option<(f64, f64)> {
    params::by_path(pattern?).map(|p| p.typical)
}

fn fund_row(
    id: FigureId,
    key: &str,
    label: Label,
    kind: ValueKind,
    section: Section,
    param: Option<&str>,
) -> FigureRow {
    FigureRow {
        id,
        key: key.to_string(),
        label: Text::new(label.zh, crate::base::lang::capitalise(label.en)),
        kind,
        section,
        typical: typical_of(param),
    }
}

fn line_row(care: CareKind, level: Option<Level>, figure: LineFigure) -> FigureRow {
    let (care_name, figure_name) = (care_label(care), line_figure_label(care, figure));
    let place = match (care, level) {
        (CareKind::SpecialDisease, _) => None,
        (_, Some(level)) => Some(level_label(level)),
        (CareKind::Inpatient, None) => Some(Label::new(
            "合计，含重大疾病",
            "total, major diseases included",
        )),
        (_, None) => Some(Label::new("合计", "total")),
    };
    let label = match place {
        Some(place) => Text::new(
            format!("{}（{}）{}", care_name.zh, place.zh, figure_name.zh),
            format!(
                "{}, {}: {}",
                care_name.en,
                place.en.to_ascii_lowercase(),
                figure_name.en
            ),
        ),
        None => Text::new(
            format!("{}{}", care_name.zh, figure_name.zh),
            format!("{}: {}", care_name.en, figure_name.en),
        ),
    };
    let key = match level {
        Some(level) => format!("{}.{}.{}", care_key(care), level.name(), figure.key()),
        None if care == CareKind::SpecialDisease => format!("{}.{}", care_key(care), figure.key()),
        None => format!("{}.total.{}", care_key(care), figure.key()),
    };
    let kind = match figure {
        LineFigure::PersonTimes => ValueKind::Count,
        LineFigure::PolicyRatio | LineFigure::ScopeShare | LineFigure::Ratio => ValueKind::Share,
        _ => ValueKind::Money,
    };
    let section = match care {
        CareKind::Outpatient => Section::Outpatient,
        CareKind::Inpatient => Section::Inpatient,
        CareKind::SpecialDisease => Section::SpecialDisease,
    };
    // A total's policy ratio mixes levels, but its usual span is the same; rules have no total.
    FigureRow {
        id: FigureId::line(care, level, figure),
        key,
        label,
        kind,
        section,
        typical: typical_of(line_param(care, figure)),
    }
}

fn build_rows() -> Vec<FigureRow> {
    use FigureId as I;
    use Section as S;
    use ValueKind as K;
    let mut rows = vec![
        fund_row(
            I::NameZh,
            "name.zh",
            Label::new("统筹地区名称（中文）", "fund name (Chinese)"),
            K::Text,
            S::Fund,
            None,
        ),
        fund_row(
            I::NameEn,
            "name.en",
            Label::new(
                "统筹地区名称（英文，可不填）",
                "fund name (English, optional)",
            ),
            K::Text,
            S::Fund,
            None,
        ),
        fund_row(
            I::Year,
            "year",
            Label::new("年度", "year"),
            K::Year,
            S::Fund,
            Some("year"),
        ),
        fund_row(
            I::Enrollees,
            "enrollees",
            Label::new("参合人数", "enrollees"),
            K::Count,
            S::Fund,
            Some("population.enrollees"),
        ),
        fund_row(
            I::ParticipationRate,
            "participation_rate",
            Label::new("参合率", "participation rate"),
            K::Share,
            S::Fund,
            Some("population.participation_rate"),
        ),
        fund_row(
            I::FundingPerHead,
            "funding.per_head",
            Label::new("人均筹资", "funding per head"),
            K::Money,
            S::Fund,
            None,
        ),
        fund_row(
            I::Individual,
            "funding.individual",
            Label::new("人均个人缴费", "individual contribution per head"),
            K::Money,
            S::Fund,
            Some("financing.individual"),
        ),
        fund_row(
            I::Government,
            "funding.government",
            Label::new(
                "人均各级财政补助合计",
                "government subsidy per head, all levels",
            ),
            K::Money,
            S::Fund,
            None,
        ),
        fund_row(
            I::Central,
            "funding.central",
            Label::new(
                "其中：人均中央财政补助",
                "of which central government, per head",
            ),
            K::Money,
            S::Fund,
            Some("financing.government.central"),
        ),
        fund_row(
            I::Provincial,
            "funding.provincial",
            Label::new("其中：人均省级财政补助", "of which provincial, per head"),
            K::Money,
            S::Fund,
            Some("financing.government.provincial"),
        ),
        fund_row(
            I::Municipal,
            "funding.municipal",
            Label::new("其中：人均市级财政补助", "of which municipal, per head"),
            K::Money,
            S::Fund,
            Some("financing.government.municipal"),
        ),
        fund_row(
            I::County,
            "funding.county",
            Label::new("其中：人均县级财政补助", "of which county, per head"),
            K::Money,
            S::Fund,
            Some("financing.government.county"),
        ),
        fund_row(
            I::FundsRaised,
            "funds_raised",
            Label::new("当年筹集基金总额", "funds raised in the year"),
            K::Money,
            S::Fund,
            None,
        ),
        fund_row(
            I::OpeningBalance,
            "opening_balance",
            Label::new(
                "年初累计结余",
                "accumulated balance at the start of the year",
            ),
            K::SignedMoney,
            S::Fund,
            None,
        ),
        fund_row(
            I::Payments,
            "payments",
            Label::new(
                "当年基金支出（补偿金额合计）",
                "fund payments in the year, all care",
            ),
            K::Money,
            S::Fund,
            None,
        ),
        fund_row(
            I::OtherPayments,
            "other.payments",
            Label::new(
                "其中：其他支出（体检等，模型不测算）",
                "of which other spending the model does not price (health checks and other)",
            ),
            K::Money,
            S::Fund,
            None,
        ),
        fund_row(
            I::CompensatedPersonTimes,
            "compensated_person_times",
            Label::new("补偿人次合计", "compensated person-times, all care"),
            K::Count,
            S::Fund,
            None,
        ),
        fund_row(
            I::OtherPersonTimes,
            "other.person_times",
            Label::new(
                "其中：其他补偿人次（体检等，模型不测算）",
                "of which other person-times the model does not price (health checks and other)",
            ),
            K::Count,
            S::Fund,
            None,
        ),
    ];
    for care in [
        CareKind::Outpatient,
        CareKind::Inpatient,
        CareKind::SpecialDisease,
    ] {
        for level in levels_of(care) {
            for figure in LineFigure::MEASURES {
                rows.push(line_row(care, level, figure));
            }
            if level.is_some() || care == CareKind::SpecialDisease {
                for figure in LineFigure::RULES {
                    // The annual ceiling is the special-disease line's only cap.
                    if !(care == CareKind::SpecialDisease && figure == LineFigure::Cap) {
                        rows.push(line_row(care, level, figure));
                    }
                }
            }
        }
    }
    rows.extend([
        fund_row(
            I::MajorCases,
            "major_disease.cases",
            Label::new("重大疾病救治人数", "major-disease cases"),
            K::Count,
            S::MajorDisease,
            None,
        ),
        fund_row(
            I::MajorCost,
            "major_disease.cost",
            Label::new("重大疾病医疗总费用", "major-disease total cost"),
            K::Money,
            S::MajorDisease,
            None,
        ),
        fund_row(
            I::MajorPayments,
            "major_disease.payments",
            Label::new("重大疾病基金补偿金额", "major-disease payments by the fund"),
            K::Money,
            S::MajorDisease,
            None,
        ),
        fund_row(
            I::CeilingAmount,
            "ceiling.amount",
            Label::new(
                "封顶线（每人每年，金额）",
                "annual ceiling per person (amount)",
            ),
            K::Money,
            S::Rules,
            Some("rules.annual_ceiling.fixed"),
        ),
        fund_row(
            I::CeilingMultiple,
            "ceiling.multiple",
            Label::new(
                "封顶线（农民人均纯收入的倍数）",
                "annual ceiling as a multiple of rural net income",
            ),
            K::Multiple,
            S::Rules,
            Some("rules.annual_ceiling.income_multiple.multiple"),
        ),
        fund_row(
            I::RuralNetIncome,
            "ceiling.rural_net_income",
            Label::new("农民人均纯收入", "rural net income per head"),
            K::Money,
            S::Rules,
            Some("rules.annual_ceiling.income_multiple.rural_net_income"),
        ),
        fund_row(
            I::CeilingFloor,
            "ceiling.floor",
            Label::new("封顶线最低额", "ceiling floor"),
            K::Money,
            S::Rules,
            Some("rules.annual_ceiling.income_multiple.floor"),
        ),
        fund_row(
            I::CriticalIllnessPremium,
            "critical_illness_premium",
            Label::new(
                "大病保险人均保费（由基金支付）",
                "critical-illness premium per head (paid by the fund)",
            ),
            K::Money,
            S::Rules,
            Some("rules.critical_illness_premium"),
        ),
        fund_row(
            I::ReserveRate,
            "risk_reserve.rate",
            Label::new(
                "风险基金提取比例",
                "risk reserve: share of income set aside",
            ),
            K::Share,
            S::Rules,
            Some("rules.risk_reserve.rate"),
        ),
        fund_row(
            I::ReserveCap,
            "risk_reserve.cap",
            Label::new(
                "风险基金规模上限（占当年筹资）",
                "risk reserve cap (share of income)",
            ),
            K::Share,
            S::Rules,
            Some("rules.risk_reserve.cap"),
        ),
    ]);
    rows
}

/// Every figure of the template, in the template's order.
pub fn rows() -> &'static [FigureRow] {
    static ROWS: OnceLock<Vec<FigureRow>> = OnceLock::new();
    ROWS.get_or_init(build_rows)
}

/// Where each figure's row is, by id and by code.
type Index = (HashMap<FigureId, usize>, HashMap<&'static str, usize>);

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let rows = rows();
        let by_id = rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        let by_key = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.key.as_str(), i))
            .collect();
        (by_id, by_key)
    })
}

/// The row of a figure. Every `FigureId` the template knows has one; an id without a row (a rule
/// of a kind's total, say) borrows the nearest row's words and is never read from a sheet.
pub fn row(id: FigureId) -> &'static FigureRow {
    let (by_id, _) = index();
    let fallback = || match id {
        FigureId::Line { care, figure, .. } => {
            by_id.get(&FigureId::line(care, Some(Level::County), figure))
        }
        _ => None,
    };
    let i = by_id.get(&id).or_else(fallback).copied().unwrap_or(0);
    &rows()[i]
}

/// The row with template code `key`, if any.
pub fn by_key(key: &str) -> Option<&'static FigureRow> {
    let (_, by_key) = index();
    by_key.get(key).map(|i| &rows()[*i])
}

/// Every code of the template, for suggestions.
pub fn keys() -> Vec<&'static str> {
    rows().iter().map(|r| r.key.as_str()).collect()
}

/// A figure as people read it, in its unit: "1,895,000,000.00 元", "71.8%".
pub fn show(id: FigureId, value: f64, lang: Lang) -> String {
    row(id).kind.unit().show(value, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_a_unique_key_and_id() {
        let mut keys = std::collections::HashSet::new();
        let mut ids = std::collections::HashSet::new();
        for row in rows() {
            assert!(keys.insert(row.key.clone()), "{} twice", row.key);
            assert!(ids.insert(row.id), "{:?} twice", row.id);
            assert_eq!(by_key(&row.key).map(|r| r.id), Some(row.id));
            assert_eq!(super::row(row.id).key, row.key);
            assert!(!row.label.zh.is_empty() && !row.label.en.is_empty());
        }
        assert_eq!(
            row(FigureId::line(
                CareKind::Inpatient,
                Some(Level::County),
                LineFigure::Payments
            ))
            .key,
            "inpatient.county.payments"
        );
        assert_eq!(
            row(FigureId::line(
                CareKind::SpecialDisease,
                None,
                LineFigure::Ratio
            ))
            .key,
            "special_disease.ratio"
        );
        assert!(
            by_key("inpatient.village.payments").is_none(),
            "village clinics admit no one"
        );
        assert!(
            by_key("inpatient.total.ratio").is_none(),
            "a rule has no total"
        );
    }

    #[test]
    fn usual_spans_come_from_the_registry() {
        let mean = row(FigureId::line(
            CareKind::Outpatient,
            Some(Level::Village),
            LineFigure::MeanCost,
        ));
        assert_eq!(
            mean.typical,
            params::by_path("lines[*].outpatient.mean_cost").map(|p| p.typical)
        );
        assert!(mean.typical.is_some());
    }
}
