//! The app's state and every way it changes ([`Action`]), as a Yew `Reducible`. The official's
//! [`Work`] is what every action changes; every action that replaces it records the work it
//! replaces in the [`History`], so undo brings back anything (a switched scenario, a reset, an
//! opened file or link, a removed line). Loading a scenario and running the engine happen here;
//! the browser's I/O (files, storage, links, keys) happens in `browser` and arrives as actions.

use crate::state::fields::{fields_of, Field};
use crate::state::work::{plan_name, History, Plan, Source, Work, MAX_PLANS};
use crate::view::shared::Shared;
use ncms_sim::params::Role;
use ncms_sim::structure::{self, Care, CeilingForm, Rule};
use ncms_sim::validate::apply_assumptions;
use ncms_sim::{compare_with_baseline, read_checked, simulate};
use ncms_sim::{
    CheckedScenario, Comparison, Edits, Lang, Level, Problem, ProblemKind, Report, Text,
};
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

/// A change of the fund's structure.
#[derive(Clone, PartialEq, Debug)]
pub enum Structural {
    AddLine(Level),
    RemoveLine(usize),
    SetCare(usize, Care, bool),
    SetRule(Rule, bool),
    SetCeiling(CeilingForm),
    IndexDeductibles(bool),
    Rename(Text),
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
    /// Plans: a new one (no edits), a copy of the active one, one removed, renamed, chosen, or
    /// made the new baseline.
    AddPlan,
    DuplicatePlan,
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
                reason: Text::new(
                    "没有这个内置方案",
                    "there is no bundled scenario by this id",
                ),
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

/// The work a scenario file opens as: its named plans (or its proposal as one plan), its
/// assumptions, and the plan shown first.
pub fn own_work(source: Source, lang: Lang) -> Work {
    let scenario = source
        .json()
        .and_then(|json| ncms_sim::read_scenario(json).ok());
    let mut work = Work::new(source, Edits::new(), lang);
    if let Some(s) = scenario {
        let plans = s.named_plans(&plan_name(0, lang));
        if !plans.is_empty() {
            work.plans = plans
                .into_iter()
                .map(|p| Plan {
                    name: p.name,
                    edits: p.edits,
                })
                .collect();
            work.active = work
                .plans
                .iter()
                .position(|p| p.edits == s.proposal)
                .unwrap_or(0);
        }
        work.assumptions = s.assumptions;
    }
    work
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
            notice: None,
            autosave_failure: None,
            revision: 0,
        };
        state.show_active();
        Ok(state)
    }

    /// The default: the first bundled scenario with its own proposal.
    pub fn default_state(lang: Lang) -> State {
        let (id, _) = ncms_sim::scenarios::BUNDLED[0];
        State::from_work(
            own_work(Source::Bundled(id.into()), lang),
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

    /// Plan `i`'s policy becomes the scenario's own: its edits are written into the file's values
    /// (the assumptions kept), the plan has no edits left, and the other plans lose the edits
    /// the new baseline already has.
    fn make_baseline(&mut self, i: usize) -> Result<(), Vec<Problem>> {
        let Some(plan) = self.work.plans.get(i).cloned() else {
            return Ok(());
        };
        let (proposal, _) = ncms_sim::check_plan(&self.loaded.original, &plan.edits)?;
        let mut scenario = proposal.into_scenario();
        scenario.proposal.clear();
        let mut work = self.work.clone();
        // An assumption of a lever the plan sets would undo the plan's value: the plan wins.
        work.assumptions
            .retain(|path, _| !plan.edits.contains_key(path));
        for other in &mut work.plans {
            other
                .edits
                .retain(|path, value| plan.edits.get(path).is_none_or(|v| v != value));
        }
        work.source = Source::File {
            name: match &self.work.source {
                Source::Bundled(id) => format!("{id}.json"),
                Source::File { name, .. } => name.clone(),
            },
            json: serde_json::to_string_pretty(&scenario)
                .unwrap_or_default()
                .into(),
            edited: true,
        };
        self.replace(work, None, false)
    }

    /// Applies a structural change to the file's scenario: the work then holds the edited
    /// scenario as a file of its own, with every edit following its line.
    fn restructure(&mut self, change: Structural) -> Result<(), Vec<Problem>> {
        let mut scenario = self.loaded.original.scenario().clone();
        let mut work = self.work.clone();
        let refused = |reason: Text| {
            vec![Problem::new(
                "lines",
                ProblemKind::Unreadable { reason },
                "",
            )]
        };
        let structure_error = |e: structure::StructureError| {
            refused(match e {
                structure::StructureError::WouldBeEmpty => Text::new(
                    "至少要保留一个服务项目，每个项目至少保留门诊或住院之一",
                    "a fund keeps at least one line, and a line at least one kind of care",
                ),
                structure::StructureError::NoSuchLine => {
                    Text::new("没有这个服务项目", "there is no such line")
                }
                structure::StructureError::TooManyLines => {
                    Text::new("服务项目已达上限", "the most lines a scenario may have")
                }
            })
        };
        let remap = |work: &mut Work, f: &dyn Fn(&Edits) -> Edits| {
            work.assumptions = f(&work.assumptions);
            for plan in &mut work.plans {
                plan.edits = f(&plan.edits);
            }
        };
        match change {
            Structural::AddLine(level) => {
                let at = structure::add_line(&mut scenario, level).map_err(structure_error)?;
                remap(&mut work, &|e| structure::edits_after_adding_line(e, at));
            }
            Structural::RemoveLine(index) => {
                structure::remove_line(&mut scenario, index).map_err(structure_error)?;
                remap(&mut work, &|e| {
                    structure::edits_after_removing_line(e, index)
                });
            }
            Structural::SetCare(line, care, on) => {
                structure::set_care(&mut scenario, line, care, on).map_err(structure_error)?
            }
            Structural::SetRule(rule, on) => structure::set_rule(&mut scenario, rule, on),
            Structural::SetCeiling(form) => structure::set_ceiling(&mut scenario, form),
            Structural::IndexDeductibles(on) => scenario.projection.index_deductibles = on,
            Structural::Rename(name) => scenario.name = name,
        }
        // Edits of places the structure no longer has are dropped with it.
        let keep = |edits: &Edits| -> Edits {
            edits
                .iter()
                .filter(|(path, _)| {
                    ncms_sim::path::FieldPath::parse(path)
                        .ok()
                        .and_then(|p| ncms_sim::params::find(&p))
                        .is_some_and(|place| place.param.read(&scenario, place.line).is_some())
                })
                .map(|(k, v)| (k.clone(), *v))
                .collect()
        };
        remap(&mut work, &keep);
        let json = serde_json::to_string_pretty(&scenario).unwrap_or_default();
        let name = match &self.work.source {
            Source::Bundled(id) => format!("{id}.json"),
            Source::File { name, .. } => name.clone(),
        };
        work.source = Source::File {
            name,
            json: json.into(),
            edited: true,
        };
        self.replace(work, None, false)
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = (*self).clone();
        match action {
            Action::SetLang(lang) => {
                state.lang = lang;
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
                let own = own_work(state.work.source.clone(), state.lang);
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
                if let Err(problems) = state.restructure(change) {
                    state.notice = Some(Notice {
                        kind: NoticeKind::Structure,
                        problems,
                    });
                }
            }
            Action::AddPlan | Action::DuplicatePlan if state.work.plans.len() >= MAX_PLANS => {
                return self
            }
            Action::AddPlan => {
                let mut work = state.work.clone();
                let name = plan_name(work.plans.len(), state.lang);
                work.plans.push(Plan {
                    name,
                    edits: Edits::new(),
                });
                work.active = work.plans.len() - 1;
                let _ = state.replace(work, None, false);
            }
            Action::DuplicatePlan => {
                let mut work = state.work.clone();
                let mut copy = work.plans[work.active].clone();
                copy.name = format!("{}{}", copy.name, state.lang.pick("（副本）", " (copy)"));
                work.plans.push(copy);
                work.active = work.plans.len() - 1;
                let _ = state.replace(work, None, false);
            }
            Action::DeletePlan(i) => {
                if state.work.plans.len() <= 1 || i >= state.work.plans.len() {
                    return self;
                }
                let mut work = state.work.clone();
                work.plans.remove(i);
                if work.active >= i && work.active > 0 {
                    work.active -= 1;
                }
                let _ = state.replace(work, None, false);
            }
            Action::RenamePlan(i, name) => {
                let name = name.trim().to_string();
                if name.is_empty() || state.work.plans.get(i).is_none_or(|p| p.name == name) {
                    return self;
                }
                let mut work = state.work.clone();
                work.plans[i].name = name;
                let _ = state.replace(work, None, false);
            }
            Action::SelectPlan(i) => {
                if i >= state.work.plans.len() || i == state.work.active {
                    return self;
                }
                state.work.active = i;
                state.show_active();
                state.revision += 1;
            }
            Action::MakeBaseline(i) => {
                if let Err(problems) = state.make_baseline(i) {
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
