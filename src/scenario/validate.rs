//! Parse, then validate: scenario JSON becomes a [`CheckedScenario`], the only type the model
//! accepts, or a list of every [`Problem`] found. Ranges come from the parameter registry; the
//! rules between fields (a deductible below the ceiling, the scheme's part below the fee, …) are
//! written here. A scenario's own `proposal` is checked too, exactly as `simulate` will run it,
//! so `check` and `simulate` always agree. Nothing here panics on any input.

use crate::base::money::{self, Yuan};
use crate::base::short_sort;
use crate::scenario::edits::Change;
use crate::scenario::edits::{self, Edit, Scope};
use crate::scenario::file_format::{Ceiling, Edits, NamedPlan, Scenario};
use crate::scenario::json_reader::{self, Spans};
use crate::scenario::params::{self, Param, Place, Role, Slot};
use crate::scenario::problem::{scale_hint, Problem, ProblemKind};
use std::ops::Deref;

/// A scenario that passed validation, its assumptions applied and its proposal checked. It can
/// only be made here, so the model never sees a ratio of 1.3 or a zero population.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedScenario {
    /// The scenario the model runs: the file's values with its assumption edits written in (its
    /// `assumptions` then empty).
    scenario: Scenario,
    /// The assumption edits, labelled with the file's value before and the value after.
    assumption_changes: Vec<Change>,
}

impl Deref for CheckedScenario {
    type Target = Scenario;
    fn deref(&self) -> &Scenario {
        &self.scenario
    }
}

impl CheckedScenario {
    fn new(scenario: Scenario) -> CheckedScenario {
        CheckedScenario {
            scenario,
            assumption_changes: Vec::new(),
        }
    }
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    pub fn into_scenario(self) -> Scenario {
        self.scenario
    }
    /// The assumptions changed from the file's values (empty when none).
    pub fn assumption_changes(&self) -> &[Change] {
        &self.assumption_changes
    }
}

/// A file that was read and validated, and the warnings about values far from the usual.
#[derive(Debug, Clone)]
pub struct Checked {
    pub scenario: CheckedScenario,
    pub warnings: Vec<Problem>,
}

/// Reads and validates scenario JSON: every problem at once, each with its path, its position
/// in the file and, where it helps, a hint. Warnings are dropped; see [`read_checked`].
pub fn parse_scenario(json: &str) -> Result<CheckedScenario, Vec<Problem>> {
    read_checked(json).map(|checked| checked.scenario)
}

/// [`parse_scenario`] with the warnings kept.
pub fn read_checked(json: &str) -> Result<Checked, Vec<Problem>> {
    let read = json_reader::read(json)?;
    let spans = read.spans;
    match check(read.scenario) {
        Ok(_) if !read.set_aside.is_empty() => {
            let mut all = read.set_aside;
            locate(&spans, &mut all);
            Err(all)
        }
        Err(problems) if !read.set_aside.is_empty() => {
            let mut all = read.set_aside;
            all.extend(problems);
            locate(&spans, &mut all);
            Err(all)
        }
        Ok(scenario) => {
            let mut warnings = warnings(&scenario);
            locate(&spans, &mut warnings);
            Ok(Checked { scenario, warnings })
        }
        Err(mut problems) => {
            locate(&spans, &mut problems);
            Err(problems)
        }
    }
}

/// Gives every problem its position in the file and lists them in file order.
fn locate(spans: &Spans, problems: &mut [Problem]) {
    spans.locate(problems);
    short_sort::sort_by_key(problems, |p| {
        p.position.map_or((usize::MAX, 0), |p| (p.line, p.column))
    });
}

/// Reads scenario JSON into the raw type, without range checks (unknown fields are errors).
pub fn read_scenario(json: &str) -> Result<Scenario, Vec<Problem>> {
    let read = json_reader::read(json)?;
    if read.set_aside.is_empty() {
        Ok(read.scenario)
    } else {
        Err(read.set_aside)
    }
}

/// Validates a scenario, applies its own assumptions and checks its own proposal, reporting every
/// problem at once; the problems of the edits have paths starting with `assumptions.` or
/// `proposal.`.
pub fn check(mut scenario: Scenario) -> Result<CheckedScenario, Vec<Problem>> {
    let mut checker = Checker::default();
    let all: Vec<Place> = params::places(&scenario).collect();
    checker.ranges(&scenario, all.into_iter());
    checker.structure(&scenario);
    checker.rules(&scenario);
    if !checker.problems.is_empty() {
        return Err(checker.problems);
    }
    let assumptions = std::mem::take(&mut scenario.assumptions);
    let proposal = scenario.proposal.clone();
    let plans = scenario.plans.clone();
    let mut checked =
        apply_assumptions(&CheckedScenario::new(scenario), &assumptions).map_err(|problems| {
            problems
                .into_iter()
                .map(|p| p.under("assumptions"))
                .collect::<Vec<_>>()
        })?;
    // Applying edits drops the file's own proposal and plans; the baseline keeps them, to be
    // checked next.
    checked.scenario.proposal = proposal;
    checked.scenario.plans = plans;
    for (i, plan) in checked.plans.iter().enumerate() {
        if plan.name.trim().is_empty() {
            return Err(vec![Problem::new(
                format!("plans[{i}].name"),
                ProblemKind::Empty,
                "",
            )]);
        }
        check_plan(&checked, &plan.edits).map_err(|problems| {
            problems
                .into_iter()
                .map(|p| p.under(&format!("plans[{i}].edits")))
                .collect::<Vec<_>>()
        })?;
    }
    if !checked.proposal.is_empty() {
        let proposal = checked.proposal.clone();
        check_plan(&checked, &proposal).map_err(|problems| {
            problems
                .into_iter()
                .map(Problem::in_proposal)
                .collect::<Vec<_>>()
        })?;
    }
    Ok(checked)
}

/// `base` with assumption edits (any registered parameter but reported figures) applied and
/// validated: the baseline every plan is measured against. The changes from `base` are kept,
/// added to any the base already had.
pub fn apply_assumptions(
    base: &CheckedScenario,
    assumptions: &Edits,
) -> Result<CheckedScenario, Vec<Problem>> {
    if assumptions.is_empty() {
        return Ok(base.clone());
    }
    let (resolved, mut problems) = edits::resolve(assumptions, base, Scope::Scenario);
    match check_edited(base, &resolved) {
        Ok(mut checked) if problems.is_empty() => {
            let mut changes = base.assumption_changes.clone();
            for change in edits::describe(base, &resolved) {
                // An assumption changed twice keeps the file's value as its "before".
                match changes.iter_mut().find(|c| c.path == change.path) {
                    Some(earlier) => earlier.after = change.after,
                    None => changes.push(change),
                }
            }
            checked.assumption_changes = changes;
            Ok(checked)
        }
        Ok(_) => Err(problems),
        Err(more) => {
            problems.extend(more);
            Err(problems)
        }
    }
}

/// The proposal of a plan: `baseline` with `edits` (policy levers only) applied and validated
/// again (the edited ranges and every rule between fields), and the edits as labelled changes.
/// Every named plan of a file checked over `baseline`, in order; a plan's problems are placed
/// under `plans[i].edits`, where the file holds them.
pub fn check_named_plans(
    baseline: &CheckedScenario,
    plans: &[NamedPlan],
) -> Result<Vec<CheckedScenario>, Vec<Problem>> {
    plans
        .iter()
        .enumerate()
        .map(|(i, plan)| {
            check_plan(baseline, &plan.edits)
                .map(|(proposal, _)| proposal)
                .map_err(|problems| {
                    problems
                        .into_iter()
                        .map(|p| p.under(&format!("plans[{i}].edits")))
                        .collect()
                })
        })
        .collect()
}

pub fn check_plan(
    baseline: &CheckedScenario,
    edits: &Edits,
) -> Result<(CheckedScenario, Vec<Change>), Vec<Problem>> {
    let (resolved, mut problems) = edits::resolve(edits, baseline, Scope::Plan);
    match check_edited(baseline, &resolved) {
        Ok(proposal) if problems.is_empty() => Ok((proposal, edits::describe(baseline, &resolved))),
        Ok(_) => Err(problems),
        Err(more) => {
            problems.extend(more);
            Err(problems)
        }
    }
}

/// A copy of `scenario` for loops that project it hundreds of times (goal seek, the sensitivity
/// tornado): the same figures without the texts the model never reads (notes, sources, name,
/// assumption labels), so that each value tried copies a few hundred bytes rather than every
/// citation. Its reports are those of `scenario`; never show or save it.
pub(crate) fn for_projections(scenario: &CheckedScenario) -> CheckedScenario {
    let mut lean = scenario.scenario.clone();
    lean.notes = String::new();
    lean.sources = Vec::new();
    lean.name = Default::default();
    lean.proposal.clear();
    lean.plans.clear();
    CheckedScenario::new(lean)
}

/// `scenario` with resolved edits applied, validated where the edits can have made it invalid.
pub fn check_edited(
    scenario: &CheckedScenario,
    edits: &[Edit],
) -> Result<CheckedScenario, Vec<Problem>> {
    apply_checked(scenario, edits, true)
}

/// `scenario` with some of the edits of a valid plan applied: each edited value checked against
/// its range, as [`check_edited`] does, but not the rules between fields. Those rules bind a whole
/// plan, not its parts: a plan that lowers the ceiling and the deductible together may be invalid
/// with the lower ceiling alone. Attribution measures such parts of a plan (`attribution`), and
/// the model's maths is defined on them (a deductible above the ceiling pays nothing, a scheme
/// part above the fee pays the part). Nothing else may call this.
pub fn check_part_of_plan(
    scenario: &CheckedScenario,
    edits: &[Edit],
) -> Result<CheckedScenario, Vec<Problem>> {
    apply_checked(scenario, edits, false)
}

/// `edits` applied to `scenario`, each edited value checked against its range, and with `rules`
/// the rules between fields too.
fn apply_checked(
    scenario: &CheckedScenario,
    edits: &[Edit],
    rules: bool,
) -> Result<CheckedScenario, Vec<Problem>> {
    let edited = edits::apply(scenario, edits)?;
    let mut checker = Checker::default();
    checker.ranges(&edited, edits.iter().map(|e| e.place));
    if rules {
        checker.rules(&edited);
    }
    if checker.problems.is_empty() {
        Ok(CheckedScenario {
            scenario: edited,
            assumption_changes: scenario.assumption_changes.clone(),
        })
    } else {
        Err(checker.problems)
    }
}

/// Values inside their allowed range but far from what real funds have (ten times beyond the
/// usual span): probably a slip of scale. Zero is never unusual: it means "none".
pub fn warnings(scenario: &Scenario) -> Vec<Problem> {
    let levels = edits::levels(scenario);
    let mut out = Vec::new();
    for place in params::places(scenario) {
        let param = place.param;
        if param.role == Role::Observed {
            continue;
        }
        let Some(value) = param.read(scenario, place.line).and_then(Slot::number) else {
            continue;
        };
        let (lo, hi) = param.typical;
        let unusual =
            (hi > 0.0 && value > hi * 10.0) || (lo > 0.0 && value > 0.0 && value < lo / 10.0);
        if unusual {
            out.push(
                Problem::new(
                    place.path(),
                    ProblemKind::Unusual {
                        typical: param.typical,
                        unit: param.unit,
                    },
                    shown(param.read(scenario, place.line)),
                )
                .labelled(param.label_at(&levels, place.line))
                .with_hint(scale_hint(param, value))
                .warning(),
            );
        }
    }
    out
}

/// A value as the file writes it.
fn shown(slot: Option<Slot>) -> String {
    match slot {
        Some(Slot::Money(m)) => m.normalize().to_string(),
        Some(Slot::Real(v)) => v.to_string(),
        Some(Slot::Whole(n)) => n.to_string(),
        Some(Slot::Empty) => "null".into(),
        None => String::new(),
    }
}

#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    /// Every place within its registered range.
    fn ranges(&mut self, s: &Scenario, places: impl Iterator<Item = Place>) {
        let mut levels = None;
        for place in places {
            let param: &Param = place.param;
            let slot = param.read(s, place.line);
            let Some(value) = slot.and_then(Slot::number) else {
                continue;
            };
            if param.range.contains(value) {
                continue;
            }
            let levels = levels.get_or_insert_with(|| edits::levels(s));
            self.problems.push(
                Problem::new(
                    place.path(),
                    ProblemKind::OutOfRange {
                        range: param.range,
                        unit: param.unit,
                    },
                    shown(slot),
                )
                .labelled(param.label_at(levels, place.line))
                .with_hint(scale_hint(param, value)),
            );
        }
    }

    fn push(&mut self, path: &str, kind: ProblemKind, value: String) {
        self.problems.push(Problem::new(path, kind, value));
    }

    /// Structure and the rules between fields.
    /// The scenario's structure: what no edit of a number can change, so checked once, when the
    /// file is read.
    fn structure(&mut self, s: &Scenario) {
        if s.id.trim().is_empty() {
            self.push("id", ProblemKind::Empty, String::new());
        }
        if s.sources.is_empty() {
            self.push("sources", ProblemKind::Empty, String::new());
        }
        if s.lines.is_empty() {
            self.push("lines", ProblemKind::Empty, String::new());
        }
        if s.lines.len() > json_reader::MAX_LINES {
            self.push(
                "lines",
                ProblemKind::TooManyLines {
                    count: s.lines.len(),
                    max: json_reader::MAX_LINES,
                },
                s.lines.len().to_string(),
            );
        }
        for (i, line) in s.lines.iter().enumerate() {
            if line.outpatient.is_none() && line.inpatient.is_none() {
                self.push(
                    &format!("lines[{i}]"),
                    ProblemKind::LineWithoutCare,
                    String::new(),
                );
            }
        }
    }

    /// The rules between fields, which edits can break.
    fn rules(&mut self, s: &Scenario) {
        // A ceiling beyond what `Decimal` holds has out-of-range inputs, reported by `ranges`.
        let ceiling = s
            .rules
            .annual_ceiling
            .as_ref()
            .and_then(Ceiling::checked_amount);
        if ceiling.is_some_and(|c| c <= Yuan::ZERO) {
            self.push("rules.annual_ceiling", ProblemKind::ZeroCeiling, "0".into());
        }
        for (i, line) in s.lines.iter().enumerate() {
            if let Some(o) = &line.outpatient {
                self.deductible_below_ceiling(s, Some(i), "outpatient", o.deductible, ceiling);
            }
            if let Some(p) = &line.inpatient {
                self.deductible_below_ceiling(s, Some(i), "inpatient", p.deductible, ceiling);
            }
        }
        if let Some(sd) = &s.rules.special_disease {
            self.deductible_below_ceiling(s, None, "special_disease", sd.deductible, ceiling);
        }
        if let Some(fee) = &s.rules.consultation_fee {
            if fee.scheme_part > fee.fee_per_visit {
                let path = "rules.consultation_fee.scheme_part";
                let label = params::by_path(path).map(|p| p.label_at(&edits::levels(s), 0));
                let mut problem = Problem::new(
                    path,
                    ProblemKind::SchemePartAboveFee {
                        fee: fee.fee_per_visit.normalize().to_string(),
                    },
                    fee.scheme_part.normalize().to_string(),
                );
                if let Some(label) = label {
                    problem = problem.labelled(label);
                }
                self.problems.push(problem);
            }
        }
        let t = &s.targets;
        if let (Some(min), Some(max)) = (t.surplus_rate_min, t.surplus_rate_max) {
            if min > max {
                self.push(
                    "targets.surplus_rate_min",
                    ProblemKind::SurplusBandReversed,
                    min.to_string(),
                );
            }
        }
    }

    /// The deductible of line `line` (or of the scheme-wide item `kind`) at most the ceiling.
    /// Its path and label are written only for a problem: this runs on every edit.
    fn deductible_below_ceiling(
        &mut self,
        s: &Scenario,
        line: Option<usize>,
        kind: &str,
        deductible: Yuan,
        ceiling: Option<Yuan>,
    ) {
        let Some(ceiling) = ceiling else { return };
        if deductible <= ceiling || ceiling <= Yuan::ZERO {
            return;
        }
        let (path, pattern) = match line {
            Some(i) => (
                format!("lines[{i}].{kind}.deductible"),
                format!("lines[*].{kind}.deductible"),
            ),
            None => {
                let path = format!("rules.{kind}.deductible");
                (path.clone(), path)
            }
        };
        let mut problem = Problem::new(
            &path,
            ProblemKind::DeductibleAboveCeiling {
                ceiling: money::fen(ceiling).normalize().to_string(),
            },
            deductible.normalize().to_string(),
        );
        if let Some(param) = params::by_path(&pattern) {
            problem = problem.labelled(param.label_at(&edits::levels(s), line.unwrap_or(0)));
        }
        self.problems.push(problem);
    }
}
