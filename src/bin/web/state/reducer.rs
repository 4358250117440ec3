//! The app's state and every way it changes ([`Action`]), as a Yew `Reducible`. The official's
//! [`Work`] is what every action changes; every action that replaces it records the work it
//! replaces in the [`History`], so undo brings back anything (a switched scenario, a reset, an
//! opened file or link, a removed line). Loading a scenario and running the engine happen here;
//! the browser's I/O (files, storage, links, keys) happens in `browser` and arrives as actions.

use crate::state::fields::{fields_of, Field};
use crate::state::shown::YearFigures;
use crate::state::work::{History, PlanStart, Source, Structural, Work};
use crate::view::shared::Shared;
use crate::view::ui_words::both;
use crate::view::year_props::{PlanResult, PlanResults};
use ncms_sim::params::Role;
use ncms_sim::validate::apply_assumptions;
use ncms_sim::{compare_with_baseline, read_checked, simulate, PlanComparison};
use ncms_sim::{CheckedScenario, Comparison, Edits, Lang, Problem, ProblemKind, Report, Text};
use std::rc::Rc;
use yew::Reducible;

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
    Ok(Loaded {
        source: source.clone(),
        levers: fields_of(&scenario, Role::Policy),
        assumption_fields: fields_of(&original, Role::Assumption),
        original,
        assumptions: assumptions.clone(),
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

    /// The active plan's name as shown.
    pub fn active_plan_name(&self) -> String {
        self.results
            .get(self.work.active)
            .map(|p| p.name.clone())
            .unwrap_or_default()
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

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = (*self).clone();
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
                let mut work = state.work.clone();
                let fields = match scope {
                    Scope::Plan => &state.loaded.levers,
                    Scope::Assumption => &state.loaded.assumption_fields,
                };
                let baseline = fields.iter().find(|f| f.path == path).map(|f| f.baseline);
                let edits = match scope {
                    Scope::Plan => work.edits_mut(),
                    Scope::Assumption => &mut work.assumptions,
                };
                if baseline == Some(value) {
                    edits.remove(&path);
                } else {
                    edits.insert(path.clone(), value);
                }
                if let Err(problems) = state.replace(work, Some((&path, at)), false) {
                    // An assumption out of range: shown at its field, the work unchanged.
                    state.assumption_problems(problems);
                }
            }
            Action::EditMany { key, edits, at } => {
                let mut work = state.work.clone();
                let plan = work.edits_mut();
                for (path, value) in edits {
                    let baseline = state
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
                let _ = state.replace(work, Some((&key, at)), false);
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
                    return self;
                }
                let _ = state.replace(work, None, false);
            }
            Action::DeletePlan(i) => {
                let mut work = state.work.clone();
                if !work.delete_plan(i) {
                    return self;
                }
                let _ = state.replace(work, None, false);
            }
            Action::RenamePlan(i, name) => {
                let mut work = state.work.clone();
                if !work.rename_plan(i, &name) {
                    return self;
                }
                let _ = state.replace(work, None, false);
            }
            Action::SelectPlan(i) => {
                if !state.work.select_plan(i) {
                    return self;
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
                    None => return self,
                }
            }
            Action::Redo => {
                let current = state.work.clone();
                match state.history.redo(&current) {
                    Some(next) => {
                        let _ = state.settle(next, false);
                    }
                    None => return self,
                }
            }
            Action::Stored(failure) => {
                if state.autosave_failure == failure {
                    return self;
                }
                state.autosave_failure = failure;
            }
        }
        Rc::new(state)
    }
}
