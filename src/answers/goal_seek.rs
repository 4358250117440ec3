//! Goal seek (反推): the value of one lever, or of a group of levers moved together ([`Lever`]),
//! at which an indicator of a year meets a target ([`Target`]), found by bracketed root finding
//! over the lever's allowed range, with the monotonicity checked on the bracket rather than
//! assumed (the release effect and groups of levers can break it: docs/model.md §5). An answer says
//! the value, what it achieves, or that the target cannot be met and the best reachable value,
//! in words in Chinese and English ([`Answer::words`]); the app's one-click questions are below.
//!
//! A target may also be on what the plan does for families ([`Measured::Protection`]: "the
//! inpatient catastrophic share at most 10 %"), in the first year, for the baseline's patients
//! (docs/protection.md): each value tried re-prices the plan for the same patients. The
//! protection laws (a higher ratio, a lower deductible, a higher ceiling never raise a share)
//! make such a target monotone in a single lever; it is checked on the scan all the same.

use crate::answers::measured::Measured;
use crate::answers::patient::PatientKind;
use crate::answers::protection::{
    figures, figures_like, Measure, Patients, PlanFigures, ProtectionFigure,
};
use crate::answers::risk::{plan_risk, plan_risk_over, Draws, PlanRisk, RiskFigure, RiskOptions};
use crate::base::lang::{capitalise, Label, Lang, Text};
use crate::base::money::{self, Yuan};
use crate::base::units::{self, Unit};
use crate::model::indicator::{Indicator, When};
use crate::model::projection::{simulate, simulate_proposal_against, simulate_with_twin, Twin};
use crate::model::report::Report;
use crate::scenario::edits::{self, Edit, Scope};
use crate::scenario::file_format::{Edits, Scenario};
use crate::scenario::params::{self, Place};
use crate::scenario::problem::Problem;
use crate::scenario::validate::{check_edited, for_projections, CheckedScenario};
use serde::{Deserialize, Serialize};

/// What goal seek moves.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Lever {
    /// One policy parameter at one place (`lines[2].inpatient.reimbursement_ratio`).
    Param(Place),
    /// Every general outpatient ratio, the same points added to each (`outpatient_ratios`).
    OutpatientRatios,
    /// Every inpatient ratio of the lines, the same points added to each (`inpatient_ratios`).
    /// Special-disease care, reimbursed like inpatient care, keeps its own ratio.
    InpatientRatios,
    /// Funding per enrollee, every payer keeping its current share (`funding_per_head`).
    FundingPerHead,
}

/// The names of the groups of levers, as the CLI and the app write them.
pub const LEVER_GROUPS: [&str; 3] = ["outpatient_ratios", "inpatient_ratios", "funding_per_head"];

const OUTPATIENT_RATIO: &str = "lines[*].outpatient.reimbursement_ratio";
const INPATIENT_RATIO: &str = "lines[*].inpatient.reimbursement_ratio";

impl Lever {
    /// A lever by name: a group name or the path of a policy parameter the scenario has.
    pub fn parse(name: &str, scenario: &Scenario) -> Result<Lever, SolveError> {
        let lever = match name {
            "outpatient_ratios" => Lever::OutpatientRatios,
            "inpatient_ratios" => Lever::InpatientRatios,
            "funding_per_head" => Lever::FundingPerHead,
            _ => {
                let place = params::find_text(name)
                    .ok()
                    .flatten()
                    .filter(|p| p.param.read(scenario, p.line).is_some())
                    .ok_or_else(|| SolveError::UnknownLever(name.to_string()))?;
                if !place.param.is_lever() {
                    return Err(SolveError::NotALever(name.to_string()));
                }
                Lever::Param(place)
            }
        };
        if lever.lines(scenario).is_empty() && lever.group_path().is_some() {
            return Err(SolveError::NothingToMove(name.to_string()));
        }
        Ok(lever)
    }

    /// The name the lever is parsed from.
    pub fn name(&self) -> String {
        match self {
            Lever::Param(place) => place.path(),
            Lever::OutpatientRatios => "outpatient_ratios".into(),
            Lever::InpatientRatios => "inpatient_ratios".into(),
            Lever::FundingPerHead => "funding_per_head".into(),
        }
    }

    /// What the lever is called, in both languages.
    pub fn label(&self, scenario: &Scenario) -> Text {
        match self {
            Lever::Param(place) => place.param.label_at(&edits::levels(scenario), place.line),
            Lever::OutpatientRatios => Text::new(
                "各级普通门诊补偿比例",
                "Every general outpatient reimbursement ratio",
            ),
            Lever::InpatientRatios => {
                Text::new("各级住院补偿比例", "Every inpatient reimbursement ratio")
            }
            Lever::FundingPerHead => Text::new("人均筹资", "Funding per enrollee"),
        }
    }

    /// The unit of the lever's value. A group of ratios is valued by the points added to each
    /// (a share: 0.05 is five points), funding per head in yuan.
    pub fn unit(&self) -> Unit {
        match self {
            Lever::Param(place) => place.param.unit,
            Lever::OutpatientRatios | Lever::InpatientRatios => Unit::Share,
            Lever::FundingPerHead => Unit::Yuan,
        }
    }

    fn group_path(&self) -> Option<&'static str> {
        match self {
            Lever::OutpatientRatios => Some(OUTPATIENT_RATIO),
            Lever::InpatientRatios => Some(INPATIENT_RATIO),
            _ => None,
        }
    }

    /// The places a group of ratios moves, with their values in `s`.
    fn lines(&self, s: &Scenario) -> Vec<(Place, f64)> {
        let Some(param) = self.group_path().and_then(params::by_path) else {
            return Vec::new();
        };
        param
            .lines(s)
            .filter_map(|line| {
                let value = param.read(s, line)?.number()?;
                Some((Place { param, line }, value))
            })
            .collect()
    }

    /// Steps per unit of the lever's value: a lever is set on a grid, so that every value tried
    /// is one an official can type back (a fen of money, 0.0001 point of a share).
    fn grid(&self) -> f64 {
        match self.unit() {
            Unit::Yuan => 100.0,
            Unit::Share => 1e6,
            _ => 1e4,
        }
    }
}

/// How a target bounds its indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    AtLeast,
    AtMost,
    Equal,
}

/// A target on an indicator: `surplus >= 0` in 2013, `outpatient_share <= 0.25`, `closing_balance
/// >= 0` in every year of the horizon; or on a protection figure of the first year:
/// `inpatient_catastrophic_10 <= 0.10`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// The figure (named `indicator` in the JSON form, whichever kind of figure it is).
    pub indicator: Measured,
    pub goal: Goal,
    pub value: f64,
    pub when: When,
}

impl Target {
    /// Reads `INDICATOR=VALUE`, `INDICATOR>=VALUE` or `INDICATOR<=VALUE`; a share may be written
    /// as a fraction (0.25) or in per cent (25%).
    pub fn parse(text: &str, when: When) -> Result<Target, SolveError> {
        let bad = || SolveError::BadTarget(text.to_string());
        let (name, goal, value) = if let Some((n, v)) = text.split_once(">=") {
            (n, Goal::AtLeast, v)
        } else if let Some((n, v)) = text.split_once("<=") {
            (n, Goal::AtMost, v)
        } else if let Some((n, v)) = text.split_once('=') {
            (n, Goal::Equal, v)
        } else {
            return Err(bad());
        };
        let indicator = Measured::parse(name.trim())
            .ok_or_else(|| SolveError::UnknownIndicator(name.trim().to_string()))?;
        let value = value.trim();
        let value = match value.strip_suffix('%') {
            Some(percent) => percent.trim().parse::<f64>().map(|v| v / 100.0),
            None => value.parse::<f64>(),
        }
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(bad)?;
        Ok(Target {
            indicator,
            goal,
            value,
            when,
        })
    }

    /// The years a target written as `text` is read in when none are given: the first year, or
    /// for the chance of having run out, within the horizon (`ncms solve`, the JS API).
    pub fn default_when(text: &str, scenario: &Scenario) -> When {
        match Target::parse(text, When::EveryYear) {
            Ok(t) if t.indicator == Measured::Risk(RiskFigure::PExhausted) => When::EveryYear,
            _ => When::Year(scenario.year),
        }
    }

    /// The indicator as the target reads it in `report`: in its year, or the worst year of the
    /// horizon (the lowest for a floor, the highest for a cap). `None` for a protection figure,
    /// which [`Target::read_protection`] reads.
    fn read(&self, report: &Report) -> Option<f64> {
        let Measured::Indicator(indicator) = self.indicator else {
            return None;
        };
        let values = self.when.years(report).map(|y| indicator.of(y).value());
        match self.goal {
            Goal::AtMost => values.reduce(f64::max),
            _ => values.reduce(f64::min),
        }
    }

    /// How far the figure may wander where it should stand still: 0 for the projection's
    /// figures (exact where they do not move); for a protection share the accuracy to which
    /// its laws hold, 10⁻¹² (docs/protection.md §4: the quadrature's panels move with the
    /// rules, so a figure the lever no longer moves can differ in its last digits).
    fn noise(&self) -> f64 {
        match self.indicator {
            Measured::Protection(_) if self.indicator.unit() == Unit::Share => 1e-12,
            _ => 0.0,
        }
    }

    /// The protection figure as the target reads it in a plan's figures.
    fn read_protection(&self, figures: &PlanFigures) -> Option<f64> {
        match self.indicator {
            Measured::Protection(figure) => figure.of(figures).map(|f| f.value()),
            Measured::Indicator(_) | Measured::Risk(_) => None,
        }
    }

    /// The chance as the target reads it in a plan's risk figures: in its year, or the worst
    /// year of the horizon (for the chance of having run out, which only grows, the last: within
    /// the horizon).
    fn read_risk(&self, figures: &PlanRisk) -> Option<f64> {
        let Measured::Risk(figure) = self.indicator else {
            return None;
        };
        let values = figures
            .years
            .iter()
            .filter(|y| matches!(self.when, When::EveryYear) || self.when == When::Year(y.year))
            .map(|y| figure.of(y));
        match self.goal {
            Goal::AtMost => values.reduce(f64::max),
            _ => values.reduce(f64::min),
        }
    }

    /// Whether `gap` (the indicator less the target) meets the target within `tolerance`.
    fn met(&self, gap: f64, tolerance: f64) -> bool {
        match self.goal {
            Goal::AtLeast => gap >= 0.0,
            Goal::AtMost => gap <= 0.0,
            Goal::Equal => gap.abs() <= tolerance,
        }
    }

    /// How close the answer comes to the target: 0.01 percentage point of a share; 0.01 % of the
    /// year's income for money of the fund (for a surplus of 0, the same as 0.01 point of the
    /// surplus rate); 0.01 % of the target otherwise (a patient's payment among them).
    fn tolerance(&self, report: &Report) -> f64 {
        const PART: f64 = 1e-4;
        match self.indicator.unit() {
            Unit::Share => PART,
            Unit::Yuan if !self.indicator.is_protection() => {
                let income = self
                    .when
                    .years(report)
                    .next()
                    .map_or(0.0, |y| money::to_f64(y.income.total));
                PART * self.value.abs().max(income).max(1.0)
            }
            _ => PART * self.value.abs().max(1.0),
        }
    }
}

/// What goal seek found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The lever's value at the target's edge: the target holds at it, and within the tolerance
    /// of equality.
    Solved,
    /// The target holds over the lever's whole allowed range; the value is the end of the range
    /// nearest the target's edge.
    HoldsOverWholeRange,
    /// No value in the allowed range meets the target; the value is the best one reachable.
    Unreachable,
}

/// Where, around the answer's value, the target holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// At the value and above it: the value is the least that meets the target.
    AtOrAbove,
    /// At the value and below it: the value is the most that still meets the target.
    AtOrBelow,
    /// At the value only (a target of equality).
    At,
    Nowhere,
}

/// The answer to one goal-seek question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// The lever's name (a path or a group name) and label.
    pub lever: String,
    pub lever_label: Text,
    /// The unit of `value`, `current` and `range`.
    pub unit: Unit,
    pub target: Target,
    pub status: Status,
    /// The lever's value that answers (see [`Status`]): exactly what `edits` write.
    pub value: f64,
    /// The lever's value in the plan solved on (`None`: an empty optional value, no cap).
    pub current: Option<f64>,
    /// The values the lever may take, as validation allows them.
    pub range: (f64, f64),
    pub holds: Side,
    /// The indicator at `value`, and with the plan as it is.
    pub achieved: f64,
    pub now: f64,
    /// How close to the target counts as meeting it.
    pub tolerance: f64,
    /// Whether the indicator moved one way over the bracket the answer was found in (and over
    /// the scan of the range). When not, the answer is one of several.
    pub monotone: bool,
    /// How many times the target's edge was crossed in the scan of the range.
    pub crossings: u32,
    /// Projections run.
    pub iterations: u32,
    /// The plan with the lever at `value`: apply these to reproduce the answer.
    pub edits: Edits,
    /// Fund spending and surplus of the target's (first) year at `value`, less the plan's.
    pub spending_change: Yuan,
    pub surplus_change: Yuan,
    /// The answer in words.
    pub words: Text,
}

impl Answer {
    /// The answer in one language: "需人均筹资 463.20 元才能实现 2013 年当年收支平衡（现为
    /// 420.00 元）。"
    pub fn words(&self, lang: Lang) -> &str {
        self.words.get(lang)
    }
}

/// Why a question could not be asked.
#[derive(Debug, Clone, PartialEq)]
pub enum SolveError {
    /// The scenario's plan is invalid.
    Invalid(Vec<Problem>),
    UnknownLever(String),
    /// An assumption, not something a plan decides.
    NotALever(String),
    /// A group of levers the scenario has no line for.
    NothingToMove(String),
    UnknownIndicator(String),
    BadTarget(String),
    /// A year outside the horizon.
    YearOutside(i32),
    /// "Equal in every year" asks for more than one lever can give.
    EqualEveryYear,
    /// The lever cannot move: its allowed range is one value.
    NoRoom(String),
    /// A protection figure asked of a year other than the first (or of every year).
    FirstYearOnly(i32),
    /// A protection figure of a kind of care the scenario does not have (its name).
    NoSuchCare(Text),
}

impl SolveError {
    pub fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            SolveError::Invalid(problems) => problems
                .iter()
                .map(|p| p.describe(lang))
                .collect::<Vec<_>>()
                .join("; "),
            SolveError::UnknownLever(name) => {
                if zh {
                    format!(
                        "没有名为 {name} 的调节项（可用参数路径或 {}）",
                        LEVER_GROUPS.join("、")
                    )
                } else {
                    format!(
                        "no lever {name}: give a parameter path or one of {}",
                        LEVER_GROUPS.join(", ")
                    )
                }
            }
            SolveError::NotALever(name) => lang.pick(
                format!("{name} 是假设，不是方案可调的政策参数"),
                format!("{name} is an assumption, not a policy lever a plan sets"),
            ),
            SolveError::NothingToMove(name) => lang.pick(
                format!("场景中没有 {name} 可调的服务项目"),
                format!("the scenario has no line for {name} to move"),
            ),
            SolveError::UnknownIndicator(name) => {
                let names: Vec<String> = Measured::all().map(|i| i.name()).collect();
                lang.pick(
                    format!("没有名为 {name} 的指标；可用：{}", names.join("、")),
                    format!("no indicator {name}; one of {}", names.join(", ")),
                )
            }
            SolveError::BadTarget(text) => lang.pick(
                format!("目标应写成 指标=值、指标>=值 或 指标<=值，而不是 {text:?}"),
                format!("a target is INDICATOR=VALUE, >=VALUE or <=VALUE, not {text:?}"),
            ),
            SolveError::YearOutside(year) => lang.pick(
                format!("{year} 年不在预测期内"),
                format!("{year} is not in the projection's horizon"),
            ),
            SolveError::EqualEveryYear => lang.pick(
                "“每年相等”无法由一个调节项满足：请用 >= 或 <=".to_string(),
                "a target equal in every year cannot be met by one lever: use >= or <=".into(),
            ),
            SolveError::NoRoom(name) => lang.pick(
                format!("{name} 的允许范围只有一个值，无可调整"),
                format!("{name} has a single allowed value: nothing to move"),
            ),
            SolveError::FirstYearOnly(year) => lang.pick(
                format!("医疗保障效果指标只测算第一年（{year} 年）"),
                format!("the protection figures are for the first year ({year}) only"),
            ),
            SolveError::NoSuchCare(label) => lang.pick(
                format!("场景中没有{}", label.zh),
                format!("the scenario has no {}", label.en),
            ),
        }
    }
}

/// One evaluation of the lever at a grid point.
#[derive(Debug, Clone, Copy)]
struct Point {
    k: i64,
    gap: f64,
}

/// A question being answered: the baseline, the plan, the lever and the target.
struct Seek<'a> {
    baseline: &'a CheckedScenario,
    baseline_report: Report,
    plan_edits: &'a Edits,
    plan: Vec<Edit>,
    planned: CheckedScenario,
    /// The plan's own report: the twin of every value tried (only the lines the lever moves are
    /// priced again).
    planned_report: Report,
    /// The baseline's first-year patients and the plan's figures for them, for a target on a
    /// protection figure: the twin of every value tried.
    patients: Option<(Patients, PlanFigures)>,
    lever: Lever,
    target: Target,
    projections: u32,
    /// For a chance: the paths, drawn at the first value tried and kept for the others.
    draws: Option<Draws>,
}

impl Seek<'_> {
    /// The lever's value in the plan.
    fn current(&self) -> Option<f64> {
        match self.lever {
            Lever::Param(place) => place.param.read(&self.planned, place.line)?.number(),
            Lever::OutpatientRatios | Lever::InpatientRatios => Some(0.0),
            Lever::FundingPerHead => Some(edits::funding_total(self.baseline, self.plan_edits)),
        }
    }

    /// The values validation allows the lever (before the rules between fields, which
    /// [`Seek::usable`] finds).
    fn range(&self) -> (f64, f64) {
        match self.lever {
            Lever::Param(place) => {
                let range = place.param.range;
                let min = if range.min_open {
                    range.min + 1.0 / self.lever.grid()
                } else {
                    range.min
                };
                (min, range.max)
            }
            Lever::OutpatientRatios | Lever::InpatientRatios => {
                let ratios: Vec<f64> = self
                    .lever
                    .lines(&self.planned)
                    .iter()
                    .map(|(_, v)| *v)
                    .collect();
                let lowest = ratios.iter().copied().fold(f64::INFINITY, f64::min);
                let highest = ratios.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                (-lowest, 1.0 - highest)
            }
            Lever::FundingPerHead => {
                let payers = edits::funding_per_head(self.baseline, self.plan_edits);
                let total = edits::funding_total(self.baseline, self.plan_edits);
                let most = params::by_path("financing.individual").map_or(1e4, |p| p.range.max);
                let largest_share = if total > 0.0 {
                    payers.iter().map(|(_, v)| v / total).fold(0.0, f64::max)
                } else {
                    1.0
                };
                (0.0, most / largest_share)
            }
        }
    }

    /// The lever's edits at grid point `k`, as (path, value).
    fn lever_edits(&self, k: i64) -> Vec<(Place, f64)> {
        lever_edits(
            self.lever,
            self.baseline,
            self.plan_edits,
            &self.planned,
            k as f64 / self.lever.grid(),
        )
    }

    /// The proposal at grid point `k`; `None` when the plan with it is invalid.
    fn proposal_at(&mut self, k: i64) -> Option<CheckedScenario> {
        let mut all = self.plan.clone();
        all.extend(self.lever_edits(k).into_iter().map(|(place, value)| Edit {
            place,
            value: Some(value),
        }));
        self.projections += 1;
        check_edited(self.baseline, &all).ok()
    }

    /// The proposal's report at grid point `k`; `None` when the plan with it is invalid.
    fn report_at(&mut self, k: i64) -> Option<Report> {
        let proposal = self.proposal_at(k)?;
        Some(simulate_with_twin(
            &proposal,
            Some((self.baseline, &self.baseline_report)),
            Twin {
                scenario: &self.planned,
                report: &self.planned_report,
                reference: Some(&self.baseline_report),
            },
        ))
    }

    /// The target's figure at grid point `k`: from the projection, or for a protection figure
    /// from the plan priced for the baseline's patients (no projection needed).
    fn value_at(&mut self, k: i64) -> Option<f64> {
        if self.target.indicator.is_risk() {
            let proposal = self.proposal_at(k)?;
            let options = RiskOptions::default();
            let draws = self
                .draws
                .get_or_insert_with(|| Draws::new(self.baseline, &options));
            let figures = plan_risk_over(
                self.baseline,
                &self.baseline_report,
                &proposal,
                &options,
                draws,
            );
            self.target.read_risk(&figures)
        } else if self.target.indicator.is_protection() {
            let proposal = self.proposal_at(k)?;
            let (patients, priced) = self.patients.as_ref()?;
            self.target.read_protection(&figures_like(
                patients,
                &proposal,
                patients,
                &self.planned,
                priced,
            ))
        } else {
            let report = self.report_at(k)?;
            self.target.read(&report)
        }
    }

    fn at(&mut self, k: i64) -> Option<Point> {
        let gap = self.value_at(k)? - self.target.value;
        Some(Point { k, gap })
    }

    /// The grid points between `lo` and `hi` where the plan is valid, when validity is an
    /// interval around `inside` (the rules between fields bind a lever on one side: a deductible
    /// below the ceiling): each end moved in by bisection until valid.
    fn usable(&mut self, lo: i64, hi: i64, inside: i64) -> (i64, i64) {
        let edge = |from: i64, seek: &mut Self| -> i64 {
            if seek.at(from).is_some() {
                return from;
            }
            let (mut bad, mut good) = (from, inside);
            while (good - bad).abs() > 1 {
                let mid = bad + (good - bad) / 2;
                if seek.at(mid).is_some() {
                    good = mid;
                } else {
                    bad = mid;
                }
            }
            good
        };
        let lo = edge(lo, self);
        let hi = edge(hi, self);
        (lo, hi)
    }

    /// Whether `p` is on the target's side.
    fn meets(&self, p: &Point, tolerance: f64) -> bool {
        self.target.met(p.gap, tolerance)
    }

    /// Which side of the edge `p` is on, for bracketing: meeting or not for a bound, the sign of
    /// the gap for equality.
    fn side(&self, p: &Point, tolerance: f64) -> bool {
        match self.target.goal {
            Goal::Equal => p.gap >= 0.0,
            _ => self.meets(p, tolerance),
        }
    }
}

/// The places `lever` writes at value `x`, and their values: one parameter, each ratio of a group
/// with the points added (to the millionth, as typed: 0.42 + 0.073 is 0.493, not
/// 0.49300000000000005), or every payer's share of funding (to the fen, adding up to `x`).
fn lever_edits(
    lever: Lever,
    baseline: &Scenario,
    plan_edits: &Edits,
    planned: &Scenario,
    x: f64,
) -> Vec<(Place, f64)> {
    match lever {
        Lever::Param(place) => vec![(place, x)],
        Lever::OutpatientRatios | Lever::InpatientRatios => lever
            .lines(planned)
            .into_iter()
            .map(|(place, r)| (place, (((r + x) * 1e6).round() / 1e6).clamp(0.0, 1.0)))
            .collect(),
        Lever::FundingPerHead => edits::funding_in_shares(baseline, plan_edits, x)
            .into_iter()
            .filter_map(|(path, value)| {
                let place = params::find_text(&path).ok().flatten()?;
                Some((place, value?))
            })
            .collect(),
    }
}

/// `plan` with `lever` at `value` (on the lever's grid: a fen, 0.0001 point), as edits: what an
/// answer's `edits` are, for any value (the app's "try a little more").
pub fn edits_at(
    scenario: &CheckedScenario,
    plan: &Edits,
    lever: Lever,
    value: f64,
) -> Result<Edits, SolveError> {
    let (resolved, problems) = edits::resolve(plan, scenario, Scope::Plan);
    if !problems.is_empty() {
        return Err(SolveError::Invalid(problems));
    }
    let planned = check_edited(scenario, &resolved).map_err(SolveError::Invalid)?;
    let grid = lever.grid();
    let mut out = plan.clone();
    let x = (value * grid).round() / grid;
    for (place, value) in lever_edits(lever, scenario, plan, &planned, x) {
        out.insert(place.path(), Some(value));
    }
    Ok(out)
}

/// Points of a scan of the range: 16 intervals.
const SCAN: i64 = 16;

/// Goal seek: the value of `lever` at which `target` is met, on `plan` (the scenario's proposal
/// when it has one, or no edits: the baseline). The lever's other values stay as the plan sets
/// them; the release effect is measured against the baseline, as in every comparison.
pub fn solve(
    scenario: &CheckedScenario,
    plan: &Edits,
    lever: Lever,
    target: Target,
) -> Result<Answer, SolveError> {
    if target.when == When::EveryYear && target.goal == Goal::Equal {
        return Err(SolveError::EqualEveryYear);
    }
    let scenario = &for_projections(scenario);
    let baseline_report = simulate(scenario);
    if let When::Year(year) = target.when {
        if !baseline_report.years.iter().any(|y| y.year == year) {
            return Err(SolveError::YearOutside(year));
        }
    }
    if target.indicator.is_protection() && target.when != When::Year(scenario.year) {
        return Err(SolveError::FirstYearOnly(scenario.year));
    }
    let (resolved, problems) = edits::resolve(plan, scenario, Scope::Plan);
    if !problems.is_empty() {
        return Err(SolveError::Invalid(problems));
    }
    let planned = check_edited(scenario, &resolved).map_err(SolveError::Invalid)?;
    let planned_report = simulate_proposal_against(&planned, scenario, &baseline_report);
    let tolerance = target.tolerance(&planned_report);
    let patients = target.indicator.is_protection().then(|| {
        let patients = Patients::of(scenario);
        let priced = figures(&patients, &planned);
        (patients, priced)
    });
    let now = match &patients {
        Some((_, priced)) => {
            let Measured::Protection(figure) = target.indicator else {
                unreachable!("patients are made for a protection figure only")
            };
            target
                .read_protection(priced)
                .ok_or_else(|| SolveError::NoSuchCare(figure.care_name()))?
        }
        None if target.indicator.is_risk() => target
            .read_risk(&plan_risk(
                scenario,
                &baseline_report,
                &planned,
                &RiskOptions::default(),
            ))
            .unwrap_or(f64::NAN),
        None => target.read(&planned_report).unwrap_or(f64::NAN),
    };
    let mut seek = Seek {
        baseline: scenario,
        baseline_report,
        plan_edits: plan,
        plan: resolved,
        planned,
        planned_report,
        patients,
        lever,
        target,
        projections: 1,
        draws: None,
    };
    let grid = lever.grid();
    let current = seek.current();
    let (lo, hi) = seek.range();
    let (klo, khi) = ((lo * grid).ceil() as i64, (hi * grid).floor() as i64);
    if klo >= khi {
        return Err(SolveError::NoRoom(lever.name()));
    }
    let k_now = current.map_or(klo, |c| ((c * grid).round() as i64).clamp(klo, khi));
    let (klo, khi) = seek.usable(klo, khi, k_now);

    // Scan the range, then pick the bracket around the edge nearest the plan's value.
    let mut ks: Vec<i64> = (0..=SCAN).map(|j| klo + (khi - klo) * j / SCAN).collect();
    ks.push(k_now);
    ks.sort_unstable();
    ks.dedup();
    let scan: Vec<Point> = ks.into_iter().filter_map(|k| seek.at(k)).collect();
    let mut monotone = is_monotone(&scan, target.noise());
    let brackets: Vec<(Point, Point)> = scan
        .windows(2)
        .filter(|w| seek.side(&w[0], tolerance) != seek.side(&w[1], tolerance))
        .map(|w| (w[0], w[1]))
        .collect();
    let crossings = brackets.len() as u32;
    let exact = scan
        .iter()
        .filter(|p| target.goal == Goal::Equal && p.gap == 0.0)
        .min_by_key(|p| (p.k - k_now).abs())
        .copied();

    let (status, best, holds) = if let Some(hit) = exact {
        (Status::Solved, hit, Side::At)
    } else if let Some(&(a, b)) = brackets
        .iter()
        .min_by_key(|(a, b)| ((a.k + b.k) / 2 - k_now).abs())
    {
        let (found, bracket_monotone) = refine(&mut seek, a, b, tolerance);
        monotone &= bracket_monotone;
        let holds = match target.goal {
            Goal::Equal => Side::At,
            _ if seek.meets(&b, tolerance) => Side::AtOrAbove,
            _ => Side::AtOrBelow,
        };
        (Status::Solved, found, holds)
    } else {
        let closest = |points: &[Point]| {
            points
                .iter()
                .copied()
                .min_by(|x, y| x.gap.abs().total_cmp(&y.gap.abs()))
        };
        let everywhere = scan.iter().all(|p| seek.meets(p, tolerance));
        let best = closest(&scan).ok_or_else(|| SolveError::NoRoom(lever.name()))?;
        // Of the values within the tolerance of the closest (where the figure stops moving: a
        // ceiling above every bill), the one nearest the plan's: no move beyond what helps.
        let tie = best.gap.abs() + tolerance;
        let best = scan
            .iter()
            .copied()
            .filter(|p| p.gap.abs() <= tie)
            .min_by_key(|p| (p.k - k_now).abs())
            .unwrap_or(best);
        if everywhere && target.goal != Goal::Equal {
            // The end of the range nearest the edge, which is the end the question asks for:
            // the highest ratio still under a cap, the lowest funding still breaking even.
            let ends = [scan[0], scan[scan.len() - 1]];
            let end = closest(&ends).unwrap_or(best);
            let holds = if end.k == ends[0].k {
                Side::AtOrAbove
            } else {
                Side::AtOrBelow
            };
            (Status::HoldsOverWholeRange, end, holds)
        } else {
            (Status::Unreachable, best, Side::Nowhere)
        }
    };

    let report = seek
        .report_at(best.k)
        .ok_or_else(|| SolveError::NoRoom(lever.name()))?;
    let achieved = if seek.patients.is_some() || target.indicator.is_risk() {
        seek.value_at(best.k).unwrap_or(f64::NAN)
    } else {
        target.read(&report).unwrap_or(f64::NAN)
    };
    let first = |r: &Report| target.when.years(r).next().cloned();
    let (at_value, at_plan) = (first(&report), first(&seek.planned_report));
    let change = |f: fn(&crate::model::report::YearReport) -> Yuan| match (&at_value, &at_plan) {
        (Some(a), Some(b)) => money::minus(f(a), f(b)),
        _ => money::ZERO,
    };
    let mut answer = Answer {
        lever: lever.name(),
        lever_label: lever.label(scenario),
        unit: lever.unit(),
        target,
        status,
        value: best.k as f64 / grid,
        current,
        range: (klo as f64 / grid, khi as f64 / grid),
        holds,
        achieved,
        now,
        tolerance,
        monotone,
        crossings,
        iterations: seek.projections,
        edits: {
            let mut edits = plan.clone();
            for (place, value) in seek.lever_edits(best.k) {
                edits.insert(place.path(), Some(value));
            }
            edits
        },
        spending_change: change(|y| y.spending.total),
        surplus_change: change(|y| y.surplus),
        words: Text::default(),
    };
    answer.words = Text::both(|lang| words(&answer, lang));
    if target.indicator.is_risk() {
        // A chance is of the draws it is counted over: say which.
        let options = RiskOptions::default();
        answer.words = Text::both(|lang| {
            let over = lang.pick(
                format!(
                    "按 {} 次抽样（随机种子 {}）测算。",
                    options.draws, options.seed
                ),
                format!(" Over {} draws (seed {}).", options.draws, options.seed),
            );
            format!("{}{over}", words(&answer, lang))
        });
    }
    if target.indicator.is_protection() {
        // What a protection target costs the fund is half the answer: say it.
        answer.words = words_with_cost(&answer);
    }
    Ok(answer)
}

/// The answer's words followed by what it does to the fund's spending in the target's year,
/// against the plan.
fn words_with_cost(answer: &Answer) -> Text {
    let cost = answer.spending_change;
    Text::both(|lang| {
        // A fund total, in the one display rule of fund totals (万元 / million yuan).
        let amount = units::Shown::FundTotal.text(&units::Figure::Yuan(cost.abs()), lang);
        let cost_words = match (cost.cmp(&money::ZERO), lang) {
            (std::cmp::Ordering::Equal, Lang::Zh) => "当年基金支出不变。".to_string(),
            (std::cmp::Ordering::Equal, Lang::En) => "Fund spending that year is the same.".into(),
            (std::cmp::Ordering::Greater, Lang::Zh) => format!("当年基金支出增加 {amount}。"),
            (std::cmp::Ordering::Less, Lang::Zh) => format!("当年基金支出减少 {amount}。"),
            (std::cmp::Ordering::Greater, Lang::En) => {
                format!("Fund spending that year rises by {amount}.")
            }
            (std::cmp::Ordering::Less, Lang::En) => {
                format!("Fund spending that year falls by {amount}.")
            }
        };
        // Chinese sentences follow each other with no space.
        format!("{}{}{cost_words}", words(answer, lang), lang.pick("", " "))
    })
}

/// Whether the gaps of points in order of the lever never turn back (by more than `noise`).
fn is_monotone(points: &[Point], noise: f64) -> bool {
    let steps: Vec<f64> = points.windows(2).map(|w| w[1].gap - w[0].gap).collect();
    steps.iter().all(|d| *d >= -noise) || steps.iter().all(|d| *d <= noise)
}

/// Narrows the bracket `a < b` (on opposite sides of the target's edge) to the two grid points
/// around the edge and returns the one where the target holds (for equality, the nearer), by
/// regula falsi
/// with the Illinois weighting and a bisection every third step (so that a kinked indicator
/// still halves the bracket). Three points inside the bracket are looked at first, to check that
/// the indicator moves one way across it; returns the point and whether it did.
fn refine(seek: &mut Seek, mut a: Point, mut b: Point, tolerance: f64) -> (Point, bool) {
    let side_a = seek.side(&a, tolerance);
    let mut monotone = true;
    // The look inside: quartiles, which also narrow the bracket.
    if b.k - a.k > 4 {
        let inside: Vec<Point> = (1..4)
            .filter_map(|q| seek.at(a.k + (b.k - a.k) * q / 4))
            .collect();
        let mut all = vec![a];
        all.extend(inside.iter().copied());
        all.push(b);
        monotone = is_monotone(&all, seek.target.noise());
        for w in all.windows(2) {
            if seek.side(&w[0], tolerance) != seek.side(&w[1], tolerance) {
                (a, b) = (w[0], w[1]);
                break;
            }
        }
    }
    let (mut weight_a, mut weight_b) = (1.0, 1.0);
    let mut step = 0;
    // To neighbouring grid points: the answer is the least (or most) value on the grid that
    // meets the target, whatever the tolerance, so that every question about one edge (surplus
    // ≥ 0, surplus rate ≥ 0) gives the same value.
    while b.k - a.k > 1 {
        step += 1;
        let (ga, gb) = (a.gap * weight_a, b.gap * weight_b);
        let k = if step % 3 == 0 || ga == gb {
            a.k + (b.k - a.k) / 2
        } else {
            let t = ga / (ga - gb);
            (a.k + ((b.k - a.k) as f64 * t).round() as i64).clamp(a.k + 1, b.k - 1)
        };
        let Some(m) = seek.at(k) else {
            // Invalid inside a valid bracket: the rules between fields bind here too; halve.
            monotone = false;
            break;
        };
        let (lo, hi) = (a.gap.min(b.gap), a.gap.max(b.gap));
        let noise = seek.target.noise();
        if m.gap < lo - noise || m.gap > hi + noise {
            monotone = false;
        }
        if seek.side(&m, tolerance) == side_a {
            a = m;
            weight_a = 1.0;
            weight_b *= 0.5;
        } else {
            b = m;
            weight_b = 1.0;
            weight_a *= 0.5;
        }
    }
    let chosen = match seek.target.goal {
        Goal::Equal => {
            if a.gap.abs() <= b.gap.abs() {
                a
            } else {
                b
            }
        }
        _ if seek.meets(&a, tolerance) => a,
        _ => b,
    };
    (chosen, monotone)
}

/// A value of the lever as people read it: "463.20 元", "88.37%", "+7.30 个百分点".
pub fn show_lever_value(answer: &Answer, value: f64, lang: Lang) -> String {
    match answer.unit {
        Unit::Yuan => format!(
            "{} {}",
            money::decimal_from_f64(value).map_or_else(|| value.to_string(), units::yuan),
            Unit::Yuan.suffix(lang)
        ),
        Unit::Share if group(answer) => {
            let points = format!("{:+.2}", value * 100.0);
            lang.pick(format!("{points} 个百分点"), format!("{points} points"))
        }
        Unit::Share => format!("{:.2}%", value * 100.0),
        unit => unit.show(value, lang),
    }
}

/// Whether the answer moves a group of ratios (its value is the points added to each).
fn group(answer: &Answer) -> bool {
    answer.lever == "outpatient_ratios" || answer.lever == "inpatient_ratios"
}

/// A value of the target's indicator as people read it: "24.99%", "22,744.33 元".
pub fn show_indicator_value(indicator: Measured, value: f64, lang: Lang) -> String {
    match indicator.unit() {
        Unit::Share => format!("{:.2}%", value * 100.0),
        // Money in its figure's one display rule: a fund total in 万元, an amount a head in 元.
        Unit::Yuan => indicator.show(value, lang),
        unit => unit.show(value, lang),
    }
}

/// The years a target reads, in words: "2014年" / "in 2014", "预测期内每年" / "in every year of
/// the horizon"; for the chance of having run out, which counts every year up to its own,
/// "截至2015年" / "by 2015" and "预测期内" / "within the horizon".
pub fn when_words(target: &Target, lang: Lang) -> String {
    match (target.indicator, target.when, lang) {
        (Measured::Risk(RiskFigure::PExhausted), When::EveryYear, Lang::Zh) => "预测期内".into(),
        (Measured::Risk(RiskFigure::PExhausted), When::EveryYear, Lang::En) => {
            "within the horizon".into()
        }
        (Measured::Risk(RiskFigure::PExhausted), When::Year(y), Lang::Zh) => format!("截至{y}年"),
        (Measured::Risk(RiskFigure::PExhausted), When::Year(y), Lang::En) => format!("by {y}"),
        (_, when, _) => when.words(lang),
    }
}

/// What the target asks, as a verb phrase: "实现 2013 年当年收支平衡" / "break even in 2013".
fn goal_words(target: &Target, lang: Lang) -> String {
    let when = target.when.words(lang);
    let at_least_zero = target.goal == Goal::AtLeast && target.value == 0.0;
    use Measured::Indicator as Of;
    match (target.indicator, at_least_zero, lang) {
        (Of(Indicator::Surplus | Indicator::SurplusRate), true, Lang::Zh) => match target.when {
            When::Year(_) => format!("实现{when}当年收支平衡"),
            When::EveryYear => "实现预测期内每年收支平衡".to_string(),
        },
        (Of(Indicator::Surplus | Indicator::SurplusRate), true, Lang::En) => {
            format!("break even {when}")
        }
        (Of(Indicator::ClosingBalance | Indicator::AvailableBalance), true, Lang::Zh) => {
            format!("保证{when}{}不为负", target.indicator.label().zh)
        }
        (Of(Indicator::ClosingBalance | Indicator::AvailableBalance), true, Lang::En) => format!(
            "keep the {} from going negative {when}",
            target.indicator.label().en
        ),
        (Measured::Risk(RiskFigure::PExhausted), _, _) => {
            let by = when_words(target, lang);
            let value = show_indicator_value(target.indicator, target.value, lang);
            match (target.goal, lang) {
                (Goal::AtLeast, Lang::Zh) => format!("使{by}基金耗尽概率不低于 {value}"),
                (Goal::AtMost, Lang::Zh) => format!("使{by}基金耗尽概率不超过 {value}"),
                (Goal::Equal, Lang::Zh) => format!("使{by}基金耗尽概率达到 {value}"),
                (Goal::AtLeast, Lang::En) => {
                    format!("keep the chance of running out {by} at least {value}")
                }
                (Goal::AtMost, Lang::En) => {
                    format!("keep the chance of running out {by} at most {value}")
                }
                (Goal::Equal, Lang::En) => {
                    format!("bring the chance of running out {by} to {value}")
                }
            }
        }
        (indicator, _, _) => {
            let label = indicator.label();
            let label = label.get(lang);
            let value = show_indicator_value(indicator, target.value, lang);
            match (target.goal, lang) {
                (Goal::AtLeast, Lang::Zh) => format!("使{when}{label}不低于 {value}"),
                (Goal::AtMost, Lang::Zh) => format!("使{when}{label}不超过 {value}"),
                (Goal::Equal, Lang::Zh) => format!("使{when}{label}达到 {value}"),
                (Goal::AtLeast, Lang::En) => format!("keep the {label} {when} at least {value}"),
                (Goal::AtMost, Lang::En) => format!("keep the {label} {when} at most {value}"),
                (Goal::Equal, Lang::En) => format!("bring the {label} {when} to {value}"),
            }
        }
    }
}

/// The answer in words, in one language.
pub fn words(answer: &Answer, lang: Lang) -> String {
    let subject = answer.lever_label.get(lang);
    let value = show_lever_value(answer, answer.value, lang);
    let goal = goal_words(&answer.target, lang);
    let now = match answer.current {
        Some(c) if !group(answer) => lang.pick(
            format!("（现为 {}）", show_lever_value(answer, c, lang)),
            format!(" (now {})", show_lever_value(answer, c, lang)),
        ),
        _ => String::new(),
    };
    let indicator = answer.target.indicator;
    let achieved = show_indicator_value(indicator, answer.achieved, lang);
    let (lo, hi) = (
        show_lever_value(answer, answer.range.0, lang),
        show_lever_value(answer, answer.range.1, lang),
    );
    let grouped = group(answer);
    let change = match (grouped, lang) {
        (true, Lang::Zh) => "调整",
        (true, Lang::En) => "moved by",
        (false, Lang::Zh) => "",
        (false, Lang::En) => "of",
    };
    let met_now = answer
        .target
        .met(answer.now - answer.target.value, answer.tolerance);
    let up_to = if grouped {
        "can be moved by up to"
    } else {
        "can go up to"
    };
    match (answer.status, answer.holds, lang) {
        (Status::Solved, Side::AtOrAbove, Lang::Zh) if met_now => {
            format!("{subject}{change} {value}（或以上）仍能{goal}{now}。")
        }
        (Status::Solved, Side::AtOrAbove, Lang::Zh) => {
            format!("需{subject}{change} {value}（或以上）才能{goal}{now}。")
        }
        (Status::Solved, Side::AtOrAbove, Lang::En) if met_now => format!(
            "{} {change} {value} or more still manages to {goal}{now}.",
            capitalise(subject)
        ),
        (Status::Solved, Side::AtOrAbove, Lang::En) => {
            format!("It takes {} {change} {value} or more to {goal}{now}.", lower(subject))
        }
        (Status::Solved, Side::AtOrBelow, Lang::Zh) if met_now => {
            format!("{subject}最多可{change} {value}，仍能{goal}{now}。")
        }
        (Status::Solved, Side::AtOrBelow, Lang::Zh) => {
            format!("需{subject}{change} {value}（或以下）才能{goal}{now}。")
        }
        (Status::Solved, Side::AtOrBelow, Lang::En) if met_now => format!(
            "{} {up_to} {value} and still {goal}{now}.",
            capitalise(subject)
        ),
        (Status::Solved, Side::AtOrBelow, Lang::En) => {
            format!("It takes {} {change} {value} or less to {goal}{now}.", lower(subject))
        }
        (Status::Solved, _, Lang::Zh) => format!(
            "{subject}{change} {value} 时，{}{}为 {achieved}（目标 {}）{now}。",
            answer.target.when.words(lang),
            indicator.label().zh,
            show_indicator_value(indicator, answer.target.value, lang)
        ),
        (Status::Solved, _, Lang::En) => format!(
            "With {} {} {value}, the {} {} is {achieved} (target {}){now}.",
            lower(subject),
            if grouped { "moved by" } else { "at" },
            indicator.label().en,
            answer.target.when.words(lang),
            show_indicator_value(indicator, answer.target.value, lang)
        ),
        (Status::HoldsOverWholeRange, _, Lang::Zh) => format!(
            "{subject}在允许范围内（{lo} – {hi}）都能{goal}；最接近界限的是 {value}，此时{}为 {achieved}。",
            indicator.label().zh
        ),
        (Status::HoldsOverWholeRange, _, Lang::En) => format!(
            "{} anywhere in its allowed range ({lo} – {hi}) manages to {goal}; the nearest to the \
             edge is {value}, where the {} is {achieved}.",
            capitalise(subject),
            indicator.label().en
        ),
        (Status::Unreachable, _, Lang::Zh) => format!(
            "{subject}在允许范围内（{lo} – {hi}）无法{goal}；最接近的是 {value}，此时{}为 {achieved}。",
            indicator.label().zh
        ),
        (Status::Unreachable, _, Lang::En) => format!(
            "No value of {} in its allowed range ({lo} – {hi}) can {goal}; the closest is \
             {value}, where the {} is {achieved}.",
            lower(subject),
            indicator.label().en
        ),
    }
}

/// "Funding per enrollee" → "funding per enrollee" inside a sentence; a label that starts with
/// a hospital level keeps its capital ("County hospital …" reads as a name).
fn lower(label: &str) -> String {
    let mut text = label.to_string();
    let named = crate::scenario::file_format::Level::ALL
        .iter()
        .any(|level| label.starts_with(crate::scenario::terms::level_label(*level).en));
    if !named {
        if let Some(first) = text.get_mut(0..1) {
            first.make_ascii_lowercase();
        }
    }
    text
}

/// The years a one-click question is about: next year (the plan's, the first of the horizon),
/// or every year of the horizon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Horizon {
    NextYear,
    WholeHorizon,
}

impl Horizon {
    fn when(self, scenario: &Scenario) -> When {
        match self {
            Horizon::NextYear => When::Year(scenario.year),
            Horizon::WholeHorizon => When::EveryYear,
        }
    }
}

/// Break-even funding per head: the least funding per enrollee (every payer in its share) with
/// no deficit next year, or in any year of the horizon.
pub fn break_even_funding(
    scenario: &CheckedScenario,
    plan: &Edits,
    horizon: Horizon,
) -> Result<Answer, SolveError> {
    let target = Target {
        indicator: Indicator::Surplus.into(),
        goal: Goal::AtLeast,
        value: 0.0,
        when: horizon.when(scenario),
    };
    solve(scenario, plan, Lever::FundingPerHead, target)
}

/// The highest outpatient ratios (the same points added at every level) that keep next year's
/// outpatient pooling share within its cap (the scenario's target, 25 % by default).
pub fn highest_outpatient_ratios(
    scenario: &CheckedScenario,
    plan: &Edits,
) -> Result<Answer, SolveError> {
    let target = Target {
        indicator: Indicator::OutpatientShare.into(),
        goal: Goal::AtMost,
        value: scenario.targets.outpatient_share_max.unwrap_or(0.25),
        when: Horizon::NextYear.when(scenario),
    };
    solve(scenario, plan, Lever::OutpatientRatios, target)
}

/// The highest inpatient ratios (the same points added at every level) with no deficit next
/// year, or in any year of the horizon.
pub fn highest_inpatient_ratios(
    scenario: &CheckedScenario,
    plan: &Edits,
    horizon: Horizon,
) -> Result<Answer, SolveError> {
    let target = Target {
        indicator: Indicator::Surplus.into(),
        goal: Goal::AtLeast,
        value: 0.0,
        when: horizon.when(scenario),
    };
    solve(scenario, plan, Lever::InpatientRatios, target)
}

/// Funding per head that keeps next year's surplus rate inside its band (the scenario's
/// targets, 0 to 15 % by default): the least funding that reaches the floor and the most that
/// stays under the ceiling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FundingBand {
    pub floor: Answer,
    pub ceiling: Answer,
    pub words: Text,
}

pub fn funding_for_surplus_band(
    scenario: &CheckedScenario,
    plan: &Edits,
) -> Result<FundingBand, SolveError> {
    let when = Horizon::NextYear.when(scenario);
    let band = |goal, value| Target {
        indicator: Indicator::SurplusRate.into(),
        goal,
        value,
        when,
    };
    let targets = &scenario.targets;
    let (min, max) = (
        targets.surplus_rate_min.unwrap_or(0.0),
        targets.surplus_rate_max.unwrap_or(0.15),
    );
    let floor = solve(
        scenario,
        plan,
        Lever::FundingPerHead,
        band(Goal::AtLeast, min),
    )?;
    let ceiling = solve(
        scenario,
        plan,
        Lever::FundingPerHead,
        band(Goal::AtMost, max),
    )?;
    let words = Text::both(|lang| {
        let (a, b) = (
            show_lever_value(&floor, floor.value, lang),
            show_lever_value(&ceiling, ceiling.value, lang),
        );
        let (lo, hi) = (
            show_indicator_value(Indicator::SurplusRate.into(), min, lang),
            show_indicator_value(Indicator::SurplusRate.into(), max, lang),
        );
        let both = floor.status == Status::Solved && ceiling.status == Status::Solved;
        match (both, lang) {
            (true, Lang::Zh) => format!(
                "人均筹资在 {a} 至 {b} 之间，{}当年结余率保持在 {lo} – {hi}。",
                when.words(lang)
            ),
            (true, Lang::En) => format!(
                "Funding per enrollee between {a} and {b} keeps the surplus rate {} within \
                 {lo} – {hi}.",
                when.words(lang)
            ),
            (false, _) => format!("{} {}", floor.words(lang), ceiling.words(lang)),
        }
    });
    Ok(FundingBand {
        floor,
        ceiling,
        words,
    })
}

/// The inpatient ratios (the same points added at every level) that reach next year's
/// policy-scope ratio target (75 % by default), and what it costs: `spending_change` of the
/// answer, also in its words.
pub fn inpatient_ratios_for_policy_target(
    scenario: &CheckedScenario,
    plan: &Edits,
) -> Result<Answer, SolveError> {
    let target = Target {
        indicator: Indicator::InpatientPolicyRatio.into(),
        goal: Goal::AtLeast,
        value: scenario.targets.inpatient_policy_ratio_min.unwrap_or(0.75),
        when: Horizon::NextYear.when(scenario),
    };
    let mut answer = solve(scenario, plan, Lever::InpatientRatios, target)?;
    answer.words = words_with_cost(&answer);
    Ok(answer)
}

/// The share of inpatient stays costing over 10 % of household income that the one-click
/// question brings them under (a tenth of them).
pub const INPATIENT_CATASTROPHIC_TARGET: f64 = 0.10;

/// The inpatient ratios (the same points added at every level) that bring next year's share of
/// inpatient stays costing over 10 % of household income to at most
/// [`INPATIENT_CATASTROPHIC_TARGET`], for the baseline's patients, and what it costs (in the
/// answer's words). Where the ratios cannot (the part of a bill outside the policy scope is paid
/// whatever the ratio), the answer says so and gives the closest.
pub fn inpatient_ratios_for_catastrophic_target(
    scenario: &CheckedScenario,
    plan: &Edits,
) -> Result<Answer, SolveError> {
    let target = Target {
        indicator: Measured::Protection(ProtectionFigure::Kind(
            PatientKind::Inpatient,
            Measure::Catastrophic10,
        )),
        goal: Goal::AtMost,
        value: INPATIENT_CATASTROPHIC_TARGET,
        when: Horizon::NextYear.when(scenario),
    };
    solve(scenario, plan, Lever::InpatientRatios, target)
}

/// The chance of a deficit next year that the one-click question keeps funding within.
pub const DEFICIT_CHANCE_TARGET: f64 = 0.10;
/// The chance of running out within the horizon that the one-click question keeps the inpatient
/// ratios within.
pub const RUN_OUT_CHANCE_TARGET: f64 = 0.05;

/// The least funding per head (every payer in its share) for which the chance of a deficit next
/// year, over the risk figures' draws, is at most [`DEFICIT_CHANCE_TARGET`].
pub fn funding_for_deficit_chance(
    scenario: &CheckedScenario,
    plan: &Edits,
) -> Result<Answer, SolveError> {
    let target = Target {
        indicator: Measured::Risk(RiskFigure::PDeficit),
        goal: Goal::AtMost,
        value: DEFICIT_CHANCE_TARGET,
        when: Horizon::NextYear.when(scenario),
    };
    solve(scenario, plan, Lever::FundingPerHead, target)
}

/// The highest inpatient ratios (the same points added at every level) for which the chance of
/// running out within the horizon, over the risk figures' draws, is at most
/// [`RUN_OUT_CHANCE_TARGET`].
pub fn inpatient_ratios_for_run_out_chance(
    scenario: &CheckedScenario,
    plan: &Edits,
) -> Result<Answer, SolveError> {
    let target = Target {
        indicator: Measured::Risk(RiskFigure::PExhausted),
        goal: Goal::AtMost,
        value: RUN_OUT_CHANCE_TARGET,
        when: When::EveryYear,
    };
    solve(scenario, plan, Lever::InpatientRatios, target)
}

/// The label of a group of levers, for lists.
pub fn group_label(name: &str) -> Option<Label> {
    Some(match name {
        "outpatient_ratios" => {
            Label::new("各级普通门诊补偿比例（同加减）", "All outpatient ratios")
        }
        "inpatient_ratios" => Label::new("各级住院补偿比例（同加减）", "All inpatient ratios"),
        "funding_per_head" => Label::new("人均筹资（按现有分担比例）", "Funding per head"),
        _ => return None,
    })
}

/// The one-click questions officials bring (the app's 一键反推), in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Question {
    BreakEvenNextYear,
    BreakEvenHorizon,
    OutpatientWithinCap,
    InpatientNoDeficit,
    SurplusBand,
    PolicyScopeTarget,
    InpatientCatastrophic,
    DeficitChance,
    RunOutChance,
}

/// What a one-click question found: one answer, or the two ends of a band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Found {
    One(Box<Answer>),
    Band(Box<FundingBand>),
}

impl Question {
    pub const ALL: [Question; 9] = [
        Question::BreakEvenNextYear,
        Question::BreakEvenHorizon,
        Question::OutpatientWithinCap,
        Question::InpatientNoDeficit,
        Question::SurplusBand,
        Question::PolicyScopeTarget,
        Question::InpatientCatastrophic,
        Question::DeficitChance,
        Question::RunOutChance,
    ];

    /// Whether its answer is a chance over the risk figures' draws: a goal seek of tens of
    /// values, each projecting 2000 paths (hundreds of milliseconds, not one).
    pub fn is_chance(self) -> bool {
        matches!(self, Question::DeficitChance | Question::RunOutChance)
    }

    /// Its stable name (`break-even-next-year`).
    pub fn id(self) -> &'static str {
        match self {
            Question::BreakEvenNextYear => "break-even-next-year",
            Question::BreakEvenHorizon => "break-even-horizon",
            Question::OutpatientWithinCap => "outpatient-within-cap",
            Question::InpatientNoDeficit => "inpatient-no-deficit",
            Question::SurplusBand => "surplus-band",
            Question::PolicyScopeTarget => "policy-scope-target",
            Question::InpatientCatastrophic => "inpatient-catastrophic",
            Question::DeficitChance => "deficit-chance",
            Question::RunOutChance => "run-out-chance",
        }
    }

    /// The question asked of `plan` over `scenario`.
    pub fn ask(self, scenario: &CheckedScenario, plan: &Edits) -> Result<Found, SolveError> {
        let one = |answer: Answer| Found::One(Box::new(answer));
        Ok(match self {
            Question::BreakEvenNextYear => {
                one(break_even_funding(scenario, plan, Horizon::NextYear)?)
            }
            Question::BreakEvenHorizon => {
                one(break_even_funding(scenario, plan, Horizon::WholeHorizon)?)
            }
            Question::OutpatientWithinCap => one(highest_outpatient_ratios(scenario, plan)?),
            Question::InpatientNoDeficit => {
                one(highest_inpatient_ratios(scenario, plan, Horizon::NextYear)?)
            }
            Question::SurplusBand => {
                Found::Band(Box::new(funding_for_surplus_band(scenario, plan)?))
            }
            Question::PolicyScopeTarget => one(inpatient_ratios_for_policy_target(scenario, plan)?),
            Question::InpatientCatastrophic => {
                one(inpatient_ratios_for_catastrophic_target(scenario, plan)?)
            }
            Question::DeficitChance => one(funding_for_deficit_chance(scenario, plan)?),
            Question::RunOutChance => one(inpatient_ratios_for_run_out_chance(scenario, plan)?),
        })
    }
}
