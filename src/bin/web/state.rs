//! The app's state and every way it changes ([`Action`]), as a Yew `Reducible`. The official's
//! [`Work`] is what every action changes; every action that replaces it records the work it
//! replaces in the [`History`], so undo brings back anything (a switched scenario, a reset, an
//! opened file or link). Loading a scenario and running the engine happen here; the browser's I/O
//! (files, storage, links, keys) happens in `browser` and arrives as actions.

use crate::fields::{fields_of, Field};
use crate::work::{History, Source, Work};
use ncms_sim::params::Role;
use ncms_sim::{compare_with_baseline, read_checked, simulate};
use ncms_sim::{CheckedScenario, Comparison, Edits, Lang, Problem, ProblemKind, Report, Text};
use std::rc::Rc;
use yew::Reducible;

/// A scenario loaded and simulated once: the baseline every edit is compared with.
#[derive(PartialEq)]
pub struct Loaded {
    pub source: Source,
    pub scenario: CheckedScenario,
    pub baseline: Report,
    /// The policy levers of the scenario, for the controls panel.
    pub levers: Vec<Field>,
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
}

/// A notice over the results: shown until dismissed; the work in progress is untouched.
#[derive(Clone, PartialEq, Debug)]
pub struct Notice {
    pub kind: NoticeKind,
    pub problems: Vec<Problem>,
}

#[derive(Clone, PartialEq)]
pub struct State {
    pub lang: Lang,
    pub work: Work,
    pub history: History,
    pub loaded: Rc<Loaded>,
    /// The last valid comparison: what the results show.
    pub comparison: Rc<Comparison>,
    /// Problems of the current edits (empty when they are valid).
    pub problems: Rc<Vec<Problem>>,
    pub notice: Option<Notice>,
    /// Why the last attempt to keep the work in the browser failed, if it did.
    pub autosave_failure: Option<Text>,
    /// Bumped on every change worth storing.
    pub revision: u64,
}

pub enum Action {
    SetLang(Lang),
    /// Set one field of the active plan (`None`: empty an optional value, "no cap"); `at` is the
    /// time in ms, so that a run of edits of one field is one undo step.
    Edit {
        path: String,
        value: Option<f64>,
        at: f64,
    },
    /// Back to the loaded scenario's own proposal.
    Reset,
    /// Replace the work (a bundled scenario picked, a file opened, a link followed).
    Load {
        work: Work,
        from: NoticeKind,
    },
    /// A link or file that could not even be read.
    Refused(NoticeKind, Vec<Problem>),
    Dismiss,
    SetYear(usize),
    Undo,
    Redo,
    /// The outcome of keeping the work in the browser's storage.
    Stored(Option<Text>),
}

/// Reads, validates and simulates a scenario source.
fn load(source: &Source) -> Result<Loaded, Vec<Problem>> {
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
    let baseline = simulate(&checked.scenario);
    let levers = fields_of(&checked.scenario, Role::Policy);
    Ok(Loaded {
        source: source.clone(),
        scenario: checked.scenario,
        baseline,
        levers,
        warnings: checked.warnings,
    })
}

fn compute(loaded: &Loaded, edits: &Edits) -> Result<Comparison, Vec<Problem>> {
    compare_with_baseline(&loaded.scenario, &loaded.baseline, edits)
}

impl State {
    /// The state for `work`, or the problems that stop its scenario from loading. Invalid edits
    /// are kept and reported, with the scenario's own proposal (or no edits) as the last valid
    /// result.
    pub fn from_work(work: Work, history: History, lang: Lang) -> Result<State, Vec<Problem>> {
        let loaded = Rc::new(load(&work.source)?);
        let (comparison, problems) = results(&loaded, work.edits())?;
        Ok(State {
            lang,
            work,
            history,
            loaded,
            comparison: Rc::new(comparison),
            problems: Rc::new(problems),
            notice: None,
            autosave_failure: None,
            revision: 0,
        })
    }

    /// The default: the first bundled scenario with its own proposal.
    pub fn default_state(lang: Lang) -> State {
        let (id, json) = ncms_sim::scenarios::BUNDLED[0];
        let edits = ncms_sim::read_scenario(json)
            .map(|s| s.proposal)
            .unwrap_or_default();
        State::from_work(
            Work::new(Source::Bundled(id.into()), edits, lang),
            History::default(),
            lang,
        )
        .expect("the default bundled scenario is valid (checked by the engine's tests)")
    }

    /// Makes `work` current, loading its scenario if it is another one; the problems if its
    /// scenario cannot be loaded (the state is then unchanged). `strict`: invalid edits are
    /// refused too (a link or file must reproduce a valid state), else they are kept and shown
    /// at their fields with the last valid results.
    fn settle(&mut self, work: Work, strict: bool) -> Result<(), Vec<Problem>> {
        let same_scenario = work.source == self.loaded.source;
        let loaded = if same_scenario {
            self.loaded.clone()
        } else {
            Rc::new(load(&work.source)?)
        };
        match compute(&loaded, work.edits()) {
            Ok(comparison) => {
                self.comparison = Rc::new(comparison);
                self.problems = Rc::new(Vec::new());
            }
            Err(problems) if strict => return Err(problems),
            Err(problems) => {
                // The last valid results stay on screen; a scenario just loaded has none, so it
                // shows its own proposal (or no edits) instead.
                if !same_scenario {
                    self.comparison = Rc::new(results(&loaded, work.edits())?.0);
                }
                self.problems = Rc::new(problems);
            }
        }
        self.loaded = loaded;
        self.work = work;
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
}

/// The comparison for `edits`, or the last valid one (the scenario's own proposal, else none)
/// with the edits' problems.
fn results(loaded: &Loaded, edits: &Edits) -> Result<(Comparison, Vec<Problem>), Vec<Problem>> {
    match compute(loaded, edits) {
        Ok(c) => Ok((c, Vec::new())),
        Err(problems) => {
            let fallback = compute(loaded, &loaded.scenario.proposal)
                .or_else(|_| compute(loaded, &Edits::new()))?;
            Ok((fallback, problems))
        }
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
            Action::Edit { path, value, at } => {
                let mut work = state.work.clone();
                let baseline = state
                    .loaded
                    .levers
                    .iter()
                    .find(|f| f.path == path)
                    .map(|f| f.baseline);
                let edits = work.edits_mut();
                if baseline == Some(value) {
                    edits.remove(&path);
                } else {
                    edits.insert(path.clone(), value);
                }
                // The scenario is loaded already: this cannot fail to load.
                let _ = state.replace(work, Some((&path, at)), false);
            }
            Action::Reset => {
                let mut work = state.work.clone();
                *work.edits_mut() = state.loaded.scenario.proposal.clone();
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
