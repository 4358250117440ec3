//! The app's state and every way it changes ([`Action`]), as a Yew `Reducible`. The official's
//! [`Work`] is what every action changes; every action that replaces it records the work it
//! replaces in the [`History`], so undo brings back anything (a switched scenario, a reset, an
//! opened file or link, a removed line). Loading a scenario and running the engine happen here;
//! the browser's I/O (files, storage, links, keys) happens in `browser` and arrives as actions.

use crate::state::fields::field_for;
use crate::state::fields::{fields_of, Field};
use crate::state::shown::YearFigures;
use crate::state::shown::{PlanResult, PlanResults};
use crate::state::typed_number::{interpret, Typed};
use crate::state::work::{History, PlanStart, Source, Structural, Work};
use crate::view::shared::Shared;
use crate::view::ui_words::both;
use ncms_sim::params::Role;
use ncms_sim::params::FUNDING_TOTAL;
use ncms_sim::validate::apply_assumptions;
use ncms_sim::{compare_with_baseline, read_checked, simulate, PlanComparison};
use ncms_sim::{CheckedScenario, Comparison, Edits, Lang, Problem, ProblemKind, Report, Text};
use std::collections::BTreeMap;
use std::rc::Rc;

/// A scenario loaded, with its assumptions applied and its baseline simulated once: what every
/// edit of a plan is compared with.
#[derive(PartialEq)]
pub struct Loaded {
    pub source: Source,
    /// The scenario as its file writes it (its own proposal and assumptions set aside: they are
    /// the work's).
    pub original: CheckedScenario,
    /// The assumptions applied to make `scenario`.
    pub assumptions: Edits,
    /// The baseline scenario: the file's values with the work's assumptions.
    pub scenario: Shared<CheckedScenario>,
    /// The same scenario as a file, JSON text: what the compute service reads.
    pub scenario_json: Rc<str>,
    /// `scenario_json`'s key, by which risk bands say which scenario they are for.
    pub scenario_key: u64,
    pub baseline: Report,
    /// The policy levers, for the levers panel.
    pub levers: Vec<Field>,
    /// The assumptions, for their own panel (values of the file, before the work's edits).
    pub assumption_fields: Vec<Field>,
    /// Values far from the usual, found when the scenario was read.
    pub warnings: Vec<Problem>,
}

/// Why a notice is shown.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NoticeKind {
    /// A file could not be opened.
    File,
    /// A link could not be used.
    Link,
    /// A file was opened, with values far from the usual.
    Unusual,
    /// A change of the fund's structure could not be made.
    Structure,
}

/// A notice over the results: shown until dismissed; the work in progress is untouched.
#[derive(Clone, PartialEq, Debug)]
pub struct Notice {
    pub kind: NoticeKind,
    pub problems: Vec<Problem>,
}

/// Which edits an edit belongs to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Scope {
    /// The active plan's policy levers.
    Plan,
    /// The assumptions, for the baseline and every plan.
    Assumption,
}

/// What is typed into one field and how it reads.
#[derive(Clone, PartialEq, Debug)]
pub struct Typing {
    pub scope: Scope,
    pub text: String,
    pub reading: Typed,
    /// The field's label, for the results' "not applied" line.
    pub label: Text,
    /// Why a value that reads as a number cannot be applied as it is (a total out of range).
    pub refused: Option<Problem>,
}

impl Typing {
    /// Whether the text has not become a value of the work.
    pub fn pending(&self) -> bool {
        self.refused.is_some() || !matches!(self.reading, Typed::Value(_) | Typed::Empty)
    }
}

/// One plan's results against the baseline.
#[derive(Clone, PartialEq)]
pub struct PlanView {
    /// The plan's last valid comparison with the baseline.
    pub comparison: Shared<Comparison>,
    /// Problems of the plan's current edits (empty when they are valid).
    pub problems: Shared<Vec<Problem>>,
}

#[derive(Clone, PartialEq)]
pub struct State {
    pub lang: Lang,
    pub work: Work,
    pub history: History,
    pub loaded: Shared<Loaded>,
    /// Every plan's results, in the order of `work.plans`.
    pub plans: Vec<PlanView>,
    /// Every plan's name (as shown in `lang`) and results: what the plan panels show, made
    /// again only when a plan, its results or the language change, so that panels given it
    /// render only then.
    pub results: PlanResults,
    /// The summary figures of the shown year, as the panels show them (made with `results`).
    pub figures: Shared<YearFigures>,
    /// The active plan's last valid comparison: what the detailed panels show.
    pub comparison: Shared<Comparison>,
    /// Problems of the active plan's current edits (empty when they are valid).
    pub problems: Shared<Vec<Problem>>,
    pub notice: Option<Notice>,
    /// What the official is typing, by field path: the text and how it reads. A reading that is
    /// not a value (a question open, a far-from-usual value to confirm, text that is not a
    /// number, a total out of range) is pending: nothing is computed for it, and the results say
    /// that they are those of the last confirmed state.
    pub typing: Shared<BTreeMap<String, Typing>>,
    /// Why the last attempt to keep the work in the browser failed, if it did.
    pub autosave_failure: Option<Text>,
    /// Bumped on every change worth storing.
    pub revision: u64,
}

pub enum Action {
    SetLang(Lang),
    /// Set one field (`None`: empty an optional value, "no cap"); `at` is the time in ms, so that a
    /// run of edits of one field is one undo step.
    Edit {
        scope: Scope,
        path: String,
        value: Option<f64>,
        at: f64,
    },
    /// Text typed into a field: applied when it reads as a usual value, else held as pending.
    Type {
        scope: Scope,
        path: String,
        text: String,
        at: f64,
    },
    /// A pending reading answered: `Some(value)` applies exactly that value (the answer to
    /// "0.9 % or 90 %?", or "use it anyway"); `None` drops what was typed.
    Resolve {
        path: String,
        value: Option<f64>,
        at: f64,
    },
    /// The official left a field: an applied reading's text gives way to the value; a pending one
    /// stays, with its message, until it is answered or corrected.
    LeaveField(String),
    /// Set several levers of the plan at once (the total funding lever), as one step named `key`.
    EditMany {
        key: String,
        edits: Vec<(String, Option<f64>)>,
        at: f64,
    },
    /// Back to the loaded scenario's own proposal (and no changed assumption).
    Reset,
    /// Replace the work (a bundled scenario picked, a file opened, a link followed).
    Load {
        work: Work,
        from: NoticeKind,
    },
    /// Change the fund's structure.
    Structure(Structural),
    /// Plans: a new one (from the baseline or a copy of the active one), one removed, renamed,
    /// chosen, or made the new baseline.
    AddPlan(PlanStart),
    DeletePlan(usize),
    RenamePlan(usize, String),
    SelectPlan(usize),
    MakeBaseline(usize),
    /// A link or file that could not even be read.
    Refused(NoticeKind, Vec<Problem>),
    Dismiss,
    SetYear(usize),
    Undo,
    Redo,
    /// The outcome of keeping the work in the browser's storage.
    Stored(Option<Text>),
}

/// A scenario file read and validated, its own proposal and assumptions set aside.
struct Read {
    original: CheckedScenario,
    warnings: Vec<Problem>,
}

fn read(source: &Source) -> Result<Read, Vec<Problem>> {
    let json = source.json().ok_or_else(|| {
        vec![Problem::new(
            "#s",
            ProblemKind::Unreadable {
                reason: both(|w| w.no_such_bundled_scenario),
            },
            "",
        )]
    })?;
    let checked = read_checked(json)?;
    let mut raw = ncms_sim::read_scenario(json)?;
    raw.proposal.clear();
    raw.assumptions.clear();
    Ok(Read {
        original: ncms_sim::check(raw)?,
        warnings: checked.warnings,
    })
}

/// The loaded state of `source` with `assumptions`, reusing what `previous` already has.
fn load(
    source: &Source,
    assumptions: &Edits,
    previous: Option<&Loaded>,
) -> Result<Loaded, Vec<Problem>> {
    let (original, warnings) = match previous {
        Some(p) if p.source == *source => (p.original.clone(), p.warnings.clone()),
        _ => {
            let read = read(source)?;
            (read.original, read.warnings)
        }
    };
    let scenario = apply_assumptions(&original, assumptions)?;
    let baseline = simulate(&scenario);
    let scenario_json: Rc<str> = serde_json::to_string(scenario.scenario())
        .unwrap_or_default()
        .into();
    Ok(Loaded {
        source: source.clone(),
        levers: fields_of(&scenario, Role::Policy),
        assumption_fields: fields_of(&original, Role::Assumption),
        original,
        assumptions: assumptions.clone(),
        scenario_key: crate::state::bands::scenario_key(&scenario_json),
        scenario_json,
        scenario: Shared::new(scenario),
        baseline,
        warnings,
    })
}

fn compute(loaded: &Loaded, edits: &Edits) -> Result<Comparison, Vec<Problem>> {
    compare_with_baseline(&loaded.scenario, &loaded.baseline, edits)
}

/// The comparison for `edits`, or the scenario's own (else no edits') with the edits' problems.
fn results(loaded: &Loaded, edits: &Edits) -> Result<(Comparison, Vec<Problem>), Vec<Problem>> {
    match compute(loaded, edits) {
        Ok(c) => Ok((c, Vec::new())),
        Err(problems) => {
            let fallback = compute(loaded, &Edits::new())?;
            Ok((fallback, problems))
        }
    }
}

impl State {
    /// The state for `work`, or the problems that stop its scenario from loading. Invalid edits
    /// are kept and reported, with no edits as the last valid result.
    pub fn from_work(work: Work, history: History, lang: Lang) -> Result<State, Vec<Problem>> {
        let loaded = Shared::new(load(&work.source, &work.assumptions, None)?);
        let plans = work
            .plans
            .iter()
            .map(|plan| {
                let (comparison, problems) = results(&loaded, &plan.edits)?;
                Ok(PlanView {
                    comparison: Shared::new(comparison),
                    problems: Shared::new(problems),
                })
            })
            .collect::<Result<Vec<_>, Vec<Problem>>>()?;
        let mut state = State {
            lang,
            work,
            history,
            loaded,
            comparison: plans[0].comparison.clone(),
            problems: plans[0].problems.clone(),
            plans,
            results: Shared::new(Vec::new()),
            figures: Shared::new(YearFigures::default()),
            notice: None,
            typing: Shared::new(BTreeMap::new()),
            autosave_failure: None,
            revision: 0,
        };
        state.show_active();
        state.refresh_results();
        Ok(state)
    }

    /// The default: the first bundled scenario with its own proposal.
    pub fn default_state(lang: Lang) -> State {
        let (id, _) = ncms_sim::scenarios::BUNDLED[0];
        State::from_work(
            Work::opened(Source::Bundled(id.into()), lang),
            History::default(),
            lang,
        )
        .expect("the default bundled scenario is valid (checked by the engine's tests)")
    }

    /// Points the detailed panels at the active plan.
    fn show_active(&mut self) {
        self.work.active = self.work.active.min(self.plans.len().saturating_sub(1));
        if let Some(view) = self.plans.get(self.work.active) {
            self.comparison = view.comparison.clone();
            self.problems = view.problems.clone();
        }
    }

    /// Sets one field (`None`: empty an optional value), as one undo step with the edits of the
    /// same field just before it.
    fn edit(&mut self, scope: Scope, path: &str, value: Option<f64>, at: f64) {
        let mut work = self.work.clone();
        let fields = match scope {
            Scope::Plan => &self.loaded.levers,
            Scope::Assumption => &self.loaded.assumption_fields,
        };
        let baseline = fields.iter().find(|f| f.path == path).map(|f| f.baseline);
        let edits = match scope {
            Scope::Plan => work.edits_mut(),
            Scope::Assumption => &mut work.assumptions,
        };
        if baseline == Some(value) {
            edits.remove(path);
        } else {
            edits.insert(path.to_string(), value);
        }
        if let Err(problems) = self.replace(work, Some((path, at)), false) {
            // An assumption out of range: shown at its field, the work unchanged.
            self.assumption_problems(problems);
        }
    }

    /// Sets several plan levers at once, as one step named `key`.
    fn edit_many(&mut self, key: &str, edits: Vec<(String, Option<f64>)>, at: f64) {
        let mut work = self.work.clone();
        let plan = work.edits_mut();
        for (path, value) in edits {
            let baseline = self
                .loaded
                .levers
                .iter()
                .find(|f| f.path == path)
                .map(|f| f.baseline);
            if baseline == Some(value) {
                plan.remove(&path);
            } else {
                plan.insert(path, value);
            }
        }
        let _ = self.replace(work, Some((key, at)), false);
    }

    /// The control of `path` in `scope` (the total funding lever is the plan's too).
    fn field(&self, scope: Scope, path: &str) -> Option<Field> {
        if scope == Scope::Plan && path == FUNDING_TOTAL.path {
            return Some(field_for(&FUNDING_TOTAL, &self.loaded.scenario, 0));
        }
        let fields = match scope {
            Scope::Plan => &self.loaded.levers,
            Scope::Assumption => &self.loaded.assumption_fields,
        };
        fields.iter().find(|f| f.path == path).cloned()
    }

    /// Applies `value` to the field at `path`: the total funding lever through the payers' shares
    /// (refused at the total when out of its range), any other field as itself. The problem when
    /// it cannot be applied.
    fn apply(&mut self, scope: Scope, path: &str, value: Option<f64>, at: f64) -> Option<Problem> {
        if scope == Scope::Plan && path == FUNDING_TOTAL.path {
            let total = value?;
            match ncms_sim::edits::funding_total_edits(
                &self.loaded.scenario,
                self.work.edits(),
                total,
            ) {
                Ok(edits) => self.edit_many(FUNDING_TOTAL.path, edits, at),
                Err(mut problems) => return problems.pop(),
            }
        } else {
            self.edit(scope, path, value, at);
        }
        None
    }

    /// Text typed into a field, read and applied, or held as pending.
    fn typed(&mut self, scope: Scope, path: String, text: String, at: f64) {
        let Some(field) = self.field(scope, &path) else {
            return;
        };
        let reading = interpret(&text, &field);
        let refused = match reading {
            Typed::Value(v) => self.apply(scope, &path, Some(v), at),
            Typed::Empty => self.apply(scope, &path, None, at),
            _ => None,
        };
        let mut typing = (*self.typing).clone();
        typing.insert(
            path,
            Typing {
                scope,
                text,
                reading,
                label: field.label.clone(),
                refused,
            },
        );
        self.typing = Shared::new(typing);
    }

    /// Forgets what was typed into `path`.
    fn forget_typing(&mut self, path: &str) {
        if self.typing.contains_key(path) {
            let mut typing = (*self.typing).clone();
            typing.remove(path);
            self.typing = Shared::new(typing);
        }
    }

    /// The labels of the fields whose typed text is pending, in the panel's order.
    pub fn pending_labels(&self) -> Vec<String> {
        self.typing
            .values()
            .filter(|t| t.pending())
            .map(|t| t.label.get(self.lang).to_string())
            .collect()
    }

    /// Makes the plans' names and results again, if they changed.
    fn refresh_results(&mut self) {
        let results: Vec<PlanResult> = self
            .work
            .plans
            .iter()
            .zip(&self.plans)
            .map(|(plan, view)| PlanResult {
                name: plan.display_name(self.lang),
                comparison: view.comparison.clone(),
            })
            .collect();
        if *self.results != results {
            self.results = Shared::new(results);
        }
        let figures = YearFigures::of(
            self.results.iter().map(|r| &*r.comparison),
            self.shown_year(),
            self.lang,
            &self.figures,
        );
        if *self.figures != figures {
            self.figures = Shared::new(figures);
        }
    }

    /// The index of the year the figures show, within the horizon.
    pub fn shown_year(&self) -> usize {
        self.work
            .year
            .min(self.comparison.proposal.years.len().saturating_sub(1))
    }

    /// The years of the horizon, in order.
    pub fn horizon_years(&self) -> Vec<i32> {
        self.comparison
            .proposal
            .years
            .iter()
            .map(|y| y.year)
            .collect()
    }

    /// Each plan's name as shown, and whether its current edits are invalid: the plans' chips.
    pub fn plan_chips(&self) -> Vec<(String, bool)> {
        self.results
            .iter()
            .zip(&self.plans)
            .map(|(plan, view)| (plan.name.clone(), !view.problems.is_empty()))
            .collect()
    }

    /// Every plan's name as shown, in order.
    pub fn plan_names(&self) -> Vec<String> {
        self.results.iter().map(|p| p.name.clone()).collect()
    }

    /// Every plan's name and comparison with the baseline: what the CSV and the workbook list.
    pub fn plan_comparisons(&self) -> Vec<PlanComparison> {
        self.results
            .iter()
            .map(|plan| PlanComparison {
                name: plan.name.clone(),
                comparison: (*plan.comparison).clone(),
            })
            .collect()
    }

    /// Makes `work` current, loading its scenario (and applying its assumptions) as needed and
    /// computing each plan whose results may have changed; the problems if that fails (the state
    /// is then unchanged). `strict`: invalid plan edits are refused too (a link or file must
    /// reproduce a valid state), else they are kept and shown at their fields with the plan's
    /// last valid results.
    fn settle(&mut self, work: Work, strict: bool) -> Result<(), Vec<Problem>> {
        let same = work.source == self.loaded.source && work.assumptions == self.loaded.assumptions;
        let loaded = if same {
            self.loaded.clone()
        } else {
            Shared::new(load(&work.source, &work.assumptions, Some(&self.loaded))?)
        };
        let mut views = Vec::with_capacity(work.plans.len());
        for (i, plan) in work.plans.iter().enumerate() {
            // A plan whose edits and baseline are unchanged keeps its results.
            let unchanged = same
                && self
                    .work
                    .plans
                    .get(i)
                    .is_some_and(|p| p.edits == plan.edits);
            if let (true, Some(view)) = (unchanged, self.plans.get(i)) {
                views.push(view.clone());
                continue;
            }
            let view = match compute(&loaded, &plan.edits) {
                Ok(comparison) => PlanView {
                    comparison: Shared::new(comparison),
                    problems: Shared::new(Vec::new()),
                },
                Err(problems) if strict => return Err(problems),
                Err(problems) => {
                    // The plan's last valid results stay on screen; a plan new to this
                    // baseline has none, so it shows no edits instead.
                    let last = self
                        .plans
                        .get(i)
                        .filter(|_| same && self.work.plans.len() == work.plans.len())
                        .map(|v| v.comparison.clone());
                    let comparison = match last {
                        Some(c) => c,
                        None => Shared::new(results(&loaded, &plan.edits)?.0),
                    };
                    PlanView {
                        comparison,
                        problems: Shared::new(problems),
                    }
                }
            };
            views.push(view);
        }
        self.loaded = loaded;
        self.plans = views;
        self.work = work;
        self.show_active();
        self.refresh_results();
        self.revision += 1;
        Ok(())
    }

    /// Replaces the work, recording the current one for undo.
    fn replace(
        &mut self,
        work: Work,
        edit: Option<(&str, f64)>,
        strict: bool,
    ) -> Result<(), Vec<Problem>> {
        let before = self.work.clone();
        self.settle(work, strict)?;
        self.history.record(&before, edit);
        Ok(())
    }

    /// The problems of an assumption edit that could not be applied, at their fields.
    fn assumption_problems(&mut self, problems: Vec<Problem>) {
        self.problems = Shared::new(problems);
        self.revision += 1;
    }
}

impl State {
    /// What `action` does to the state; `false` when it changes nothing (Yew then renders
    /// nothing again). Every way the state changes goes through here.
    pub fn act(&mut self, action: Action) -> bool {
        let state = self;
        // What replaces the work, or the plan on screen, takes any typed text with it.
        if matches!(
            action,
            Action::Reset
                | Action::Load { .. }
                | Action::Structure(_)
                | Action::AddPlan(_)
                | Action::DeletePlan(_)
                | Action::SelectPlan(_)
                | Action::MakeBaseline(_)
                | Action::Undo
                | Action::Redo
        ) && !state.typing.is_empty()
        {
            state.typing = Shared::new(BTreeMap::new());
        }
        match action {
            Action::SetLang(lang) => {
                state.lang = lang;
                state.refresh_results();
                state.revision += 1;
            }
            Action::Edit {
                scope,
                path,
                value,
                at,
            } => {
                // A slider: the typed text of the field gives way to the slider's value.
                state.forget_typing(&path);
                let _ = state.apply(scope, &path, value, at);
            }
            Action::EditMany { key, edits, at } => state.edit_many(&key, edits, at),
            Action::Type {
                scope,
                path,
                text,
                at,
            } => state.typed(scope, path, text, at),
            Action::Resolve { path, value, at } => {
                let scope = state.typing.get(&path).map_or(Scope::Plan, |t| t.scope);
                let refused = match value {
                    Some(v) => state.apply(scope, &path, Some(v), at),
                    None => None,
                };
                match refused {
                    Some(problem) => {
                        let mut typing = (*state.typing).clone();
                        if let Some(t) = typing.get_mut(&path) {
                            t.reading = Typed::Value(value.unwrap_or_default());
                            t.refused = Some(problem);
                        }
                        state.typing = Shared::new(typing);
                    }
                    None => state.forget_typing(&path),
                }
            }
            Action::LeaveField(path) => {
                if state.typing.get(&path).is_some_and(|t| !t.pending()) {
                    state.forget_typing(&path);
                } else {
                    return false;
                }
            }
            Action::Reset => {
                // The active plan back to the file's plan of the same place (or no edits), and
                // the file's own assumptions.
                let mut work = state.work.clone();
                let own = Work::opened(state.work.source.clone(), state.lang);
                *work.edits_mut() = own
                    .plans
                    .get(work.active)
                    .map(|p| p.edits.clone())
                    .unwrap_or_default();
                work.assumptions = own.assumptions;
                if work != state.work {
                    let _ = state.replace(work, None, false);
                }
            }
            Action::Load { mut work, from } => {
                work.year = work.year.min(9);
                match state.replace(work, None, true) {
                    Ok(()) => {
                        state.notice = (!state.loaded.warnings.is_empty()).then(|| Notice {
                            kind: NoticeKind::Unusual,
                            problems: state.loaded.warnings.clone(),
                        });
                    }
                    Err(problems) => {
                        state.notice = Some(Notice {
                            kind: from,
                            problems,
                        })
                    }
                }
            }
            Action::Structure(change) => {
                let changed = state.work.restructured(&state.loaded.original, &change);
                if let Err(problems) = changed.and_then(|work| state.replace(work, None, false)) {
                    state.notice = Some(Notice {
                        kind: NoticeKind::Structure,
                        problems,
                    });
                }
            }
            Action::AddPlan(start) => {
                let mut work = state.work.clone();
                if !work.add_plan(start, state.lang) {
                    return false;
                }
                let _ = state.replace(work, None, false);
            }
            Action::DeletePlan(i) => {
                let mut work = state.work.clone();
                if !work.delete_plan(i) {
                    return false;
                }
                let _ = state.replace(work, None, false);
            }
            Action::RenamePlan(i, name) => {
                let mut work = state.work.clone();
                if !work.rename_plan(i, &name) {
                    return false;
                }
                let _ = state.replace(work, None, false);
            }
            Action::SelectPlan(i) => {
                if !state.work.select_plan(i) {
                    return false;
                }
                state.show_active();
                state.revision += 1;
            }
            Action::MakeBaseline(i) => {
                let changed = state.work.with_baseline_from(i, &state.loaded.original);
                if let Err(problems) = changed.and_then(|work| state.replace(work, None, false)) {
                    state.notice = Some(Notice {
                        kind: NoticeKind::Structure,
                        problems,
                    });
                }
            }
            Action::Refused(kind, problems) => state.notice = Some(Notice { kind, problems }),
            Action::Dismiss => state.notice = None,
            Action::SetYear(year) => {
                state.work.year = year;
                state.refresh_results();
                state.revision += 1;
            }
            // Every work in the history was loaded once, so settling it again cannot fail.
            Action::Undo => {
                let current = state.work.clone();
                match state.history.undo(&current) {
                    Some(previous) => {
                        let _ = state.settle(previous, false);
                    }
                    None => return false,
                }
            }
            Action::Redo => {
                let current = state.work.clone();
                match state.history.redo(&current) {
                    Some(next) => {
                        let _ = state.settle(next, false);
                    }
                    None => return false,
                }
            }
            Action::Stored(failure) => {
                if state.autosave_failure == failure {
                    return false;
                }
                state.autosave_failure = failure;
            }
        }
        true
    }
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for State {
    type Action = Action;

    fn reduce(self: std::rc::Rc<Self>, action: Action) -> std::rc::Rc<Self> {
        let mut state = (*self).clone();
        if state.act(action) {
            std::rc::Rc::new(state)
        } else {
            self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RATIO: &str = "lines[2].inpatient.reimbursement_ratio";

    /// The app's first state: the bundled Taizhou 2013 plan.
    fn fresh() -> State {
        State::default_state(Lang::Zh)
    }

    fn type_into(state: &mut State, scope: Scope, path: &str, text: &str) {
        state.act(Action::Type {
            scope,
            path: path.into(),
            text: text.into(),
            at: 0.0,
        });
    }

    #[test]
    fn a_question_open_leaves_the_work_and_its_results_as_they_were() {
        let mut state = fresh();
        let (work, comparison) = (state.work.clone(), state.comparison.clone());
        type_into(&mut state, Scope::Plan, RATIO, "0.9");
        assert_eq!(state.work, work, "nothing applied while asking");
        assert!(Shared::ptr_eq(&state.comparison, &comparison));
        assert!(matches!(state.typing[RATIO].reading, Typed::Ask { .. }));
        assert_eq!(
            state.pending_labels(),
            vec!["县级医院 住院补偿比例".to_string()]
        );
        state.act(Action::Resolve {
            path: RATIO.into(),
            value: Some(0.9),
            at: 1.0,
        });
        assert_eq!(state.work.edits()[RATIO], Some(0.9));
        assert!(state.pending_labels().is_empty());
    }

    #[test]
    fn text_that_is_not_a_number_is_pending_and_a_usual_value_applies() {
        let mut state = fresh();
        let work = state.work.clone();
        type_into(&mut state, Scope::Plan, RATIO, "8x");
        assert_eq!(state.work, work);
        assert_eq!(state.pending_labels().len(), 1);
        type_into(&mut state, Scope::Plan, RATIO, "86");
        assert_eq!(state.work.edits()[RATIO], Some(0.86));
        assert!(state.pending_labels().is_empty());
        // Leaving the field forgets the applied text; a pending one would stay.
        state.act(Action::LeaveField(RATIO.into()));
        assert!(state.typing.is_empty());
    }

    #[test]
    fn wan_typed_into_the_enrollees_is_the_amount_it_says() {
        let mut state = fresh();
        type_into(
            &mut state,
            Scope::Assumption,
            "population.enrollees",
            "460万",
        );
        assert_eq!(
            state.work.assumptions.get("population.enrollees"),
            Some(&Some(4_600_000.0))
        );
        assert_eq!(state.comparison.baseline.years[0].enrollees, 4_600_000);
    }

    #[test]
    fn a_range_typed_into_the_assumptions_reaches_the_scenario_the_worker_reads() {
        let mut state = fresh();
        type_into(&mut state, Scope::Assumption, "ranges.cost_growth", "5");
        assert_eq!(
            state.work.assumptions.get("ranges.cost_growth"),
            Some(&Some(0.05))
        );
        let read = ncms_sim::read_scenario(&state.loaded.scenario_json).unwrap();
        assert_eq!(read.ranges.cost_growth, 0.05);
    }

    #[test]
    fn a_total_out_of_range_is_refused_at_the_total_even_when_confirmed() {
        let mut state = fresh();
        let work = state.work.clone();
        let total = FUNDING_TOTAL.path;
        type_into(&mut state, Scope::Plan, total, "99999999999");
        assert!(matches!(state.typing[total].reading, Typed::Confirm(_)));
        state.act(Action::Resolve {
            path: total.into(),
            value: Some(99_999_999_999.0),
            at: 1.0,
        });
        assert_eq!(state.work, work, "no payer gets a share of it");
        let refused = state.typing[total]
            .refused
            .as_ref()
            .expect("said at the total");
        assert_eq!(refused.path, total);
        assert!(
            state.problems.is_empty(),
            "no problem at a field never typed in"
        );
        // A total within range moves every payer in its share.
        type_into(&mut state, Scope::Plan, total, "450");
        assert_eq!(
            ncms_sim::edits::funding_total(&state.loaded.scenario, state.work.edits()),
            450.0
        );
        assert!(state.pending_labels().is_empty());
    }

    #[test]
    fn undo_takes_typed_text_with_it() {
        let mut state = fresh();
        type_into(&mut state, Scope::Plan, RATIO, "86");
        type_into(&mut state, Scope::Plan, "financing.individual", "abc");
        assert_eq!(state.typing.len(), 2);
        state.act(Action::Undo);
        assert!(state.typing.is_empty());
    }
}
