//! Which lever matters most (敏感性分析): every policy lever and every assumption of a scenario
//! moved down and up by a stated step, ±10 % of its value and ± one natural unit
//! ([`natural_unit`]), and what each move does to one outcome (next year's surplus, the balance
//! at the horizon, the outpatient share, …), sorted by size: a tornado ([`Tornado`]).
//!
//! A lever moves the plan only (the proposal, measured against the same baseline); an assumption
//! moves the scenario itself, so baseline and proposal alike. Each bar is the exact difference
//! of two projections (money to the fen).
//!
//! The outcome may also be what the plan does for families ([`Measured::Protection`]: a
//! catastrophic or impoverishing share, the mean out-of-pocket payment per admission), in the
//! first year, for the baseline's patients (docs/protection.md): a lever re-prices the plan for
//! the same patients; an assumption (the households' income among them) makes new patients and
//! re-prices the plan for them. Each bar is then the exact difference of two such pricings.

use crate::answers::measured::Measured;
use crate::answers::protection::{figures, figures_like, Patients, PlanFigures, ProtectionFigure};
use crate::base::lang::{capitalise, Lang, Text};
use crate::base::units::{Figure, Unit};
use crate::model::indicator::{Indicator, When};
use crate::model::projection::{simulate, simulate_proposal_against, simulate_with_twin, Twin};
use crate::model::report::Report;
use crate::scenario::edits::{self, Edit, Scope};
use crate::scenario::file_format::{Edits, Scenario};
use crate::scenario::params::{self, Group, Param, Place, Role, Slot};
use crate::scenario::problem::Problem;

use crate::scenario::validate::{check_edited, for_projections, CheckedScenario};
use serde::{Deserialize, Serialize};

/// What the tornado measures: an indicator in one year, or a protection figure in the first
/// year. The field keeps the name `indicator` of the JSON form (`"indicator": "surplus"`,
/// `"indicator": "catastrophic_10"`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub indicator: Measured,
    pub year: i32,
}

impl Outcome {
    /// An outcome by the report's field name or the protection figure's name, in `year`, or by
    /// default in the year it is read for: the first year (the plan's) for a year's figure, the
    /// horizon for the balance. A protection figure is for the first year only.
    pub fn parse(name: &str, scenario: &Scenario, year: Option<i32>) -> Option<Outcome> {
        let indicator = Measured::parse(name)?;
        let last = match indicator {
            // The tornado moves assumptions the chances are drawn over: not an outcome of it.
            Measured::Risk(_) => return None,
            Measured::Protection(_) => scenario.year,
            Measured::Indicator(_) => scenario.year + scenario.projection.years.max(1) as i32 - 1,
        };
        let year = year.unwrap_or(match indicator {
            Measured::Indicator(
                Indicator::ClosingBalance | Indicator::AvailableBalance | Indicator::BalanceRatio,
            ) => last,
            _ => scenario.year,
        });
        (scenario.year..=last)
            .contains(&year)
            .then_some(Outcome { indicator, year })
    }

    /// The outcome in a report (an indicator's; `None` for a protection figure).
    fn of(&self, report: &Report) -> Option<Figure> {
        let Measured::Indicator(indicator) = self.indicator else {
            return None;
        };
        When::Year(self.year)
            .years(report)
            .next()
            .map(|y| indicator.of(y))
    }

    /// The protection figure measured, if it is one.
    fn protection(&self) -> Option<ProtectionFigure> {
        match self.indicator {
            Measured::Protection(figure) => Some(figure),
            Measured::Indicator(_) | Measured::Risk(_) => None,
        }
    }

    /// "2013年当年结余" / "surplus in 2013".
    pub fn label(&self) -> Text {
        let label = self.indicator.label();
        Text::new(
            format!("{}年{}", self.year, label.zh),
            format!("{} in {}", capitalise(&label.en), self.year),
        )
    }
}

/// How far a parameter is moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// 10 % of its value, down and up.
    TenPercent,
    /// One natural unit of it ([`natural_unit`]), down and up.
    NaturalUnit,
}

/// One natural unit of a parameter: the move an official thinks in, by its unit (and for money
/// and shares, by what kind of amount the registry's usual span says it is).
///
/// | unit | one unit |
/// |---|---|
/// | a ratio or share | 5 points |
/// | a rate a year (growth, interest, the reserve's rate: at most 30 %) | 1 point |
/// | money per head, per visit, per admission (a deductible, a fee) | 10 yuan |
/// | money per case or per person-year (a cost, a cap, a ceiling: usual span beyond 100 000) | 1 000 yuan |
/// | a sum of the fund (balance, reserve, other income: usual span beyond 10^8) | 1 000 000 yuan |
/// | visits per enrollee | 0.1 |
/// | admissions or patients per 1000 | 1 |
/// | cases per 100 000 | 10 |
/// | enrollees | 10 000 |
/// | a multiple of income | 1 |
/// | a plain number (elasticity, dispersion) | 0.1 |
pub fn natural_unit(param: &Param) -> f64 {
    match param.unit {
        Unit::Share if param.range.max <= 0.3 => 0.01,
        Unit::Share => 0.05,
        Unit::Yuan if param.typical.1 >= 1e8 => 1e6,
        Unit::Yuan if param.typical.1 >= 1e5 => 1000.0,
        Unit::Yuan => 10.0,
        Unit::PerEnrollee => 0.1,
        Unit::PerThousand => 1.0,
        Unit::PerHundredThousand => 10.0,
        Unit::Count => 10_000.0,
        Unit::Multiple => 1.0,
        Unit::Number => 0.1,
        Unit::Months | Unit::Year | Unit::Years => 1.0,
    }
}

/// One bar of the tornado: a parameter moved down and up, and the outcome at each end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    pub path: String,
    pub label: Text,
    pub role: Role,
    /// The parameter's unit (of `value`, `step`, `low` and `high`).
    pub unit: Unit,
    /// Its value in the plan (for an assumption, in the scenario).
    pub value: f64,
    /// The size of the move.
    pub step: f64,
    /// The values tried: `value ∓ step`, kept inside what validation allows (money to the fen,
    /// whole numbers whole). Where a move is not allowed, that end stays at `value`.
    pub low: f64,
    pub high: f64,
    /// Whether an end was held back by the allowed range or a rule between fields.
    pub limited: bool,
    /// The outcome with the parameter at `low` and at `high`.
    pub outcome_low: Figure,
    pub outcome_high: Figure,
    /// `outcome_high − outcome_low`: the exact difference of the two projections.
    pub swing: Figure,
}

impl Bar {
    /// The size of the bar, for sorting.
    pub fn size(&self) -> f64 {
        self.swing.value().abs()
    }
}

/// Every lever and assumption, moved by both steps, sorted by the size of their effect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tornado {
    pub outcome: Outcome,
    pub outcome_label: Text,
    /// The outcome with nothing moved (the plan as it is).
    pub base: Figure,
    /// Bars of ±10 %, largest first.
    pub ten_percent: Vec<Bar>,
    /// Bars of ± one natural unit, largest first.
    pub natural_unit: Vec<Bar>,
    /// Projections run (for a protection figure: plans priced, and patients made for a moved
    /// assumption's baseline).
    pub projections: u32,
}

impl Tornado {
    pub fn bars(&self, step: Step) -> &[Bar] {
        match step {
            Step::TenPercent => &self.ten_percent,
            Step::NaturalUnit => &self.natural_unit,
        }
    }
}

/// Why a tornado could not be drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum TornadoError {
    /// The plan is invalid.
    Invalid(Vec<Problem>),
    /// The outcome's year is not in the horizon.
    YearOutside(i32),
    /// A protection figure of a kind of care the scenario does not have (its name).
    NoSuchCare(Text),
}

impl TornadoError {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            TornadoError::Invalid(problems) => problems
                .iter()
                .map(|p| p.describe(lang))
                .collect::<Vec<_>>()
                .join("; "),
            TornadoError::YearOutside(year) => lang.pick(
                format!("{year} 年不在预测期内"),
                format!("{year} is not in the projection's horizon"),
            ),
            TornadoError::NoSuchCare(label) => lang.pick(
                format!("场景中没有{}", label.zh),
                format!("the scenario has no {}", label.en),
            ),
        }
    }
}

/// Whether a parameter belongs in the tornado of `outcome`: a lever or an assumption that moves
/// figures (not the targets, which only judge them; not the base year or the horizon, which
/// frame them).
fn moves_figures(param: &Param, outcome: Outcome) -> bool {
    matches!(param.role, Role::Policy | Role::Assumption)
        && param.group != Group::Targets
        // Households' income moves the protection figures, never the fund's.
        && (param.group != Group::Households || outcome.indicator.is_protection())
        // The ranges move the stochastic projection only.
        && param.group != Group::Ranges
        && !param.frames_the_scenario()
}

/// The tornado of `outcome` over every lever and assumption of `scenario`, on `plan` (its
/// proposal, or no edits: the baseline).
pub fn tornado(
    scenario: &CheckedScenario,
    plan: &Edits,
    outcome: Outcome,
) -> Result<Tornado, TornadoError> {
    let mut job = TornadoJob::new(scenario, plan, outcome)?;
    while !job.advance(usize::MAX) {}
    Ok(job.finish())
}

/// A tornado drawn a few parameters at a time, so that a page can draw it between keystrokes:
/// [`TornadoJob::advance`] until it says it is done, then [`TornadoJob::finish`]. The bars are
/// exactly [`tornado`]'s, whatever the slices.
pub struct TornadoJob {
    scenario: CheckedScenario,
    baseline_report: Report,
    planned: CheckedScenario,
    planned_report: Report,
    /// The baseline's first-year patients and the plan's figures for them, for a protection
    /// figure: every move's twin (only the lines a move touches are priced again).
    patients: Option<(Patients, PlanFigures)>,
    plan: Vec<Edit>,
    outcome: Outcome,
    base: Figure,
    places: Vec<Place>,
    next: usize,
    ten_percent: Vec<Bar>,
    natural: Vec<Bar>,
    projections: u32,
}

impl TornadoJob {
    /// Checks the plan and projects it once; no bar yet.
    pub fn new(
        scenario: &CheckedScenario,
        plan: &Edits,
        outcome: Outcome,
    ) -> Result<TornadoJob, TornadoError> {
        let scenario = for_projections(scenario);
        let baseline_report = simulate(&scenario);
        let (resolved, problems) = edits::resolve(plan, &scenario, Scope::Plan);
        if !problems.is_empty() {
            return Err(TornadoError::Invalid(problems));
        }
        let planned = check_edited(&scenario, &resolved).map_err(TornadoError::Invalid)?;
        let planned_report = simulate_proposal_against(&planned, &scenario, &baseline_report);
        let patients = outcome.protection().map(|_| {
            let patients = Patients::of(&scenario);
            let priced = figures(&patients, &planned);
            (patients, priced)
        });
        let base = match (outcome.protection(), &patients) {
            (Some(figure), Some((_, priced))) => {
                if outcome.year != scenario.year {
                    return Err(TornadoError::YearOutside(outcome.year));
                }
                figure
                    .of(priced)
                    .ok_or_else(|| TornadoError::NoSuchCare(figure.care_name()))?
            }
            _ => outcome
                .of(&planned_report)
                .ok_or(TornadoError::YearOutside(outcome.year))?,
        };
        let places = params::places(&scenario)
            .filter(|p| moves_figures(p.param, outcome))
            .collect();
        Ok(TornadoJob {
            scenario,
            baseline_report,
            planned,
            planned_report,
            patients,
            plan: resolved,
            outcome,
            base,
            places,
            next: 0,
            ten_percent: Vec::new(),
            natural: Vec::new(),
            projections: 2,
        })
    }

    /// How many parameters there are to move, and how many are done.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.places.len())
    }

    /// Moves the next `count` parameters (each by both steps, down and up); whether every
    /// parameter is done.
    pub fn advance(&mut self, count: usize) -> bool {
        let TornadoJob {
            scenario,
            baseline_report,
            planned,
            planned_report,
            patients,
            plan,
            outcome,
            base,
            places,
            next,
            ten_percent,
            natural,
            projections,
        } = self;
        let mut run = Run {
            scenario,
            baseline_report,
            planned,
            planned_report,
            patients: patients.as_ref(),
            plan,
            outcome: *outcome,
            projections: *projections,
        };
        let levels = edits::levels(scenario);
        let end = next.saturating_add(count).min(places.len());
        for &place in &places[*next..end] {
            let Some(slot) = place.param.read(planned, place.line) else {
                continue;
            };
            let Some(value) = slot.number() else {
                continue;
            };
            for (step, bars) in [
                (Step::TenPercent, &mut *ten_percent),
                (Step::NaturalUnit, &mut *natural),
            ] {
                let size = match step {
                    Step::TenPercent => 0.1 * value.abs(),
                    Step::NaturalUnit => natural_unit(place.param),
                };
                if size == 0.0 {
                    continue;
                }
                let (low, low_limited) = moved(place.param, slot, value, -size);
                let (high, high_limited) = moved(place.param, slot, value, size);
                let (outcome_low, low_ok) = run.outcome_at(place, value, low, *base);
                let (outcome_high, high_ok) = run.outcome_at(place, value, high, *base);
                let Some(swing) = outcome_high.minus(&outcome_low) else {
                    continue;
                };
                bars.push(Bar {
                    path: place.path(),
                    label: place.param.label_at(&levels, place.line),
                    role: place.param.role,
                    unit: place.param.unit,
                    value,
                    step: size,
                    low: if low_ok { low } else { value },
                    high: if high_ok { high } else { value },
                    limited: low_limited || high_limited || !low_ok || !high_ok,
                    outcome_low,
                    outcome_high,
                    swing,
                });
            }
        }
        *projections = run.projections;
        *next = end;
        end == places.len()
    }

    /// The tornado, bars sorted largest first (parameters not yet moved have no bar).
    pub fn finish(mut self) -> Tornado {
        for bars in [&mut self.ten_percent, &mut self.natural] {
            bars.sort_by(|a, b| b.size().total_cmp(&a.size()).then(a.path.cmp(&b.path)));
        }
        Tornado {
            outcome: self.outcome,
            outcome_label: self.outcome.label(),
            base: self.base,
            ten_percent: self.ten_percent,
            natural_unit: self.natural,
            projections: self.projections,
        }
    }
}

/// `value + by`, kept inside the parameter's allowed range, to the fen for money and whole for
/// counts; and whether the range held it back.
fn moved(param: &Param, slot: Slot, value: f64, by: f64) -> (f64, bool) {
    let range = param.range;
    let wanted = value + by;
    let mut to = wanted.clamp(range.min, range.max);
    let mut limited = to != wanted;
    if matches!(slot, Slot::Money(_)) {
        to = (to * 100.0).round() / 100.0;
    }
    if matches!(slot, Slot::Whole(_)) {
        to = to.round();
    }
    if !range.contains(to) {
        // An open lower end (a cost above 0): no move down to it.
        to = value;
        limited = true;
    }
    (to, limited)
}

/// The projections of one tornado.
struct Run<'a> {
    scenario: &'a CheckedScenario,
    baseline_report: &'a Report,
    /// The plan as it is, and its report: every move's twin (only the lines a move touches are
    /// priced again).
    planned: &'a CheckedScenario,
    planned_report: &'a Report,
    /// The baseline's patients and the plan's figures for them, for a protection figure.
    patients: Option<&'a (Patients, PlanFigures)>,
    plan: &'a [Edit],
    outcome: Outcome,
    projections: u32,
}

impl Run<'_> {
    /// The outcome with `place` at `to` (`base` when it does not move), and whether the move
    /// was valid (when not, the outcome stays `base`).
    fn outcome_at(&mut self, place: Place, value: f64, to: f64, base: Figure) -> (Figure, bool) {
        if to == value {
            return (base, true);
        }
        match self.project(place, to) {
            Some(figure) => (figure, true),
            None => (base, false),
        }
    }

    fn project(&mut self, place: Place, to: f64) -> Option<Figure> {
        let edit = Edit {
            place,
            value: Some(to),
        };
        if let (Some(figure), Some(patients)) = (self.outcome.protection(), self.patients) {
            return self.price(edit, figure, patients);
        }
        let plan_twin = Twin {
            scenario: self.planned,
            report: self.planned_report,
            reference: Some(self.baseline_report),
        };
        let report = if place.param.is_lever() {
            // A lever: the plan with it moved, against the same baseline.
            let mut all = self.plan.to_vec();
            all.push(edit);
            let proposal = check_edited(self.scenario, &all).ok()?;
            self.projections += 1;
            simulate_with_twin(
                &proposal,
                Some((self.scenario, self.baseline_report)),
                plan_twin,
            )
        } else {
            // An assumption: a new baseline, and the plan over it.
            let baseline = check_edited(self.scenario, &[edit]).ok()?;
            let baseline_twin = Twin {
                scenario: self.scenario,
                report: self.baseline_report,
                reference: None,
            };
            let baseline_report = simulate_with_twin(&baseline, None, baseline_twin);
            let proposal = check_edited(&baseline, self.plan).ok()?;
            self.projections += 2;
            simulate_with_twin(&proposal, Some((&baseline, &baseline_report)), plan_twin)
        };
        self.outcome.of(&report)
    }

    /// A protection figure with `edit` made: a lever re-prices the plan for the baseline's
    /// patients; an assumption makes a new baseline, its patients, and the plan over it.
    fn price(
        &mut self,
        edit: Edit,
        figure: ProtectionFigure,
        (patients, priced): &(Patients, PlanFigures),
    ) -> Option<Figure> {
        if edit.place.param.is_lever() {
            let mut all = self.plan.to_vec();
            all.push(edit);
            let proposal = check_edited(self.scenario, &all).ok()?;
            self.projections += 1;
            figure.of(&figures_like(
                patients,
                &proposal,
                patients,
                self.planned,
                priced,
            ))
        } else {
            let baseline = check_edited(self.scenario, &[edit]).ok()?;
            let proposal = check_edited(&baseline, self.plan).ok()?;
            self.projections += 2;
            let moved = Patients::of_like(&baseline, patients);
            figure.of(&figures_like(
                &moved,
                &proposal,
                patients,
                self.planned,
                priced,
            ))
        }
    }
}

/// A bar's move as people read it: "±10% (79.2% – 96.8%)", "±5 points (…)".
pub fn move_words(bar: &Bar, step: Step, lang: Lang) -> String {
    let show = |v: f64| match bar.unit {
        Unit::Share => format!("{:.2}%", v * 100.0),
        unit => unit.show(v, lang),
    };
    let size = match (step, bar.unit, lang) {
        (Step::TenPercent, _, _) => "±10%".to_string(),
        (Step::NaturalUnit, Unit::Share, Lang::Zh) => {
            format!("±{} 个百分点", trim(bar.step * 100.0))
        }
        (Step::NaturalUnit, Unit::Share, Lang::En) => {
            format!("±{} points", trim(bar.step * 100.0))
        }
        (Step::NaturalUnit, unit, _) => format!("±{}", unit.show(bar.step, lang)),
    };
    format!("{size} ({} – {})", show(bar.low), show(bar.high))
}

fn trim(value: f64) -> String {
    crate::base::units::trimmed((value * 1e6).round() / 1e6)
}
