//! The app's state and every way it changes ([`Action`]), as a Yew `Reducible`. Loading a
//! scenario and re-running the engine happen here; the browser's I/O (files, storage, links)
//! happens in `browser` and arrives as actions.

use crate::fields::{fields_of, Field};
use crate::link::{Saved, Source};
use ncms_sim::scenarios::bundled;
use ncms_sim::{compare_with_baseline, parse_scenario, simulate};
use ncms_sim::{CheckedScenario, Comparison, Edits, Lang, Problem, Report, Text};
use std::rc::Rc;
use yew::Reducible;

/// A scenario loaded and simulated once: the baseline every edit is compared with.
#[derive(PartialEq)]
pub struct Loaded {
    pub source: Source,
    pub scenario: CheckedScenario,
    pub baseline: Report,
    pub fields: Vec<Field>,
}

/// Why the last load was refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NoticeKind {
    File,
    Link,
}

/// A refused file or link: shown until dismissed; the work in progress is untouched.
#[derive(Clone, PartialEq, Debug)]
pub struct Notice {
    pub kind: NoticeKind,
    pub problems: Vec<Problem>,
}

#[derive(Clone, PartialEq)]
pub struct State {
    pub lang: Lang,
    pub loaded: Rc<Loaded>,
    pub edits: Edits,
    /// The last valid comparison: what the results show.
    pub comparison: Rc<Comparison>,
    /// Problems of the current edits (empty when they are valid).
    pub problems: Rc<Vec<Problem>>,
    pub notice: Option<Notice>,
    /// Index of the year the figures show.
    pub year: usize,
    /// Bumped on every change worth storing.
    pub revision: u64,
}

pub enum Action {
    SetLang(Lang),
    /// Set one field of the proposal.
    Edit(String, f64),
    /// Drop the edit of one field (back to the baseline value, e.g. "no cap").
    Unset(String),
    /// Back to the loaded scenario's own proposal.
    Reset,
    /// Load a scenario with these edits (`None`: its own proposal).
    Load {
        saved: Saved,
        from: NoticeKind,
        own_edits: bool,
    },
    /// A link or file that could not even be read.
    Refused(NoticeKind, Vec<Problem>),
    Dismiss,
    SetYear(usize),
}

/// Reads, validates and simulates a scenario source.
fn load(source: &Source) -> Result<Loaded, Vec<Problem>> {
    let json = match source {
        Source::Bundled(id) => bundled(id).ok_or_else(|| {
            vec![Problem {
                path: "#s".into(),
                value: id.clone(),
                allowed: ncms_sim::scenarios::BUNDLED
                    .iter()
                    .map(|(id, _)| *id)
                    .collect::<Vec<_>>()
                    .join(", "),
                message: Text::new(
                    "没有这个内置方案",
                    "there is no bundled scenario by this id",
                ),
            }]
        })?,
        Source::File { json, .. } => json.as_str(),
    };
    let scenario = parse_scenario(json)?;
    let baseline = simulate(&scenario);
    let fields = fields_of(&scenario);
    Ok(Loaded {
        source: source.clone(),
        scenario,
        baseline,
        fields,
    })
}

fn compute(loaded: &Loaded, edits: &Edits) -> Result<Comparison, Vec<Problem>> {
    compare_with_baseline(&loaded.scenario, &loaded.baseline, edits)
}

impl State {
    /// The state for `saved`, or `None` if its scenario cannot be loaded. Invalid edits are kept
    /// and reported, with the scenario's own proposal (or no edits) as the last valid result.
    pub fn from_saved(saved: &Saved) -> Result<State, Vec<Problem>> {
        let loaded = load(&saved.source)?;
        let fallback = || {
            compute(&loaded, &loaded.scenario.proposal).or_else(|_| compute(&loaded, &Edits::new()))
        };
        let (comparison, problems) = match compute(&loaded, &saved.edits) {
            Ok(c) => (c, Vec::new()),
            Err(problems) => (fallback()?, problems),
        };
        Ok(State {
            lang: saved.lang,
            loaded: Rc::new(loaded),
            edits: saved.edits.clone(),
            comparison: Rc::new(comparison),
            problems: Rc::new(problems),
            notice: None,
            year: 0,
            revision: 0,
        })
    }

    /// The default: the first bundled scenario with its own proposal.
    pub fn default_state(lang: Lang) -> State {
        let (id, json) = ncms_sim::scenarios::BUNDLED[0];
        let edits = ncms_sim::read_scenario(json)
            .map(|s| s.proposal)
            .unwrap_or_default();
        State::from_saved(&Saved {
            source: Source::Bundled(id.into()),
            edits,
            lang,
        })
        .expect("the default bundled scenario is valid (checked by the engine's tests)")
    }

    pub fn saved(&self) -> Saved {
        Saved {
            source: self.loaded.source.clone(),
            edits: self.edits.clone(),
            lang: self.lang,
        }
    }

    fn with_edits(mut self, edits: Edits) -> State {
        match compute(&self.loaded, &edits) {
            Ok(comparison) => {
                self.comparison = Rc::new(comparison);
                self.problems = Rc::new(Vec::new());
            }
            Err(problems) => self.problems = Rc::new(problems),
        }
        self.edits = edits;
        self.revision += 1;
        self
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
            Action::Edit(path, value) => {
                let mut edits = state.edits.clone();
                let unchanged = state
                    .loaded
                    .fields
                    .iter()
                    .any(|f| f.path == path && f.baseline == Some(value));
                if unchanged {
                    edits.remove(&path);
                } else {
                    edits.insert(path, value);
                }
                state = state.with_edits(edits);
            }
            Action::Unset(path) => {
                let mut edits = state.edits.clone();
                edits.remove(&path);
                state = state.with_edits(edits);
            }
            Action::Reset => {
                let edits = state.loaded.scenario.proposal.clone();
                state = state.with_edits(edits);
            }
            Action::Load {
                mut saved,
                from,
                own_edits,
            } => {
                saved.lang = state.lang;
                let loaded = load(&saved.source);
                let result = loaded.and_then(|loaded| {
                    if own_edits {
                        saved.edits = loaded.scenario.proposal.clone();
                    }
                    let comparison = compute(&loaded, &saved.edits)?;
                    Ok((loaded, comparison))
                });
                match result {
                    Ok((loaded, comparison)) => {
                        state.loaded = Rc::new(loaded);
                        state.comparison = Rc::new(comparison);
                        state.edits = saved.edits;
                        state.problems = Rc::new(Vec::new());
                        state.notice = None;
                        state.year = 0;
                        state.revision += 1;
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
            Action::SetYear(year) => state.year = year,
        }
        Rc::new(state)
    }
}
