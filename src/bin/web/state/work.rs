//! The official's work, as it is saved, linked and undone: where the scenario came from and the
//! plans (sets of policy edits) over it. Pure data, no browser: the history of undo and redo,
//! links and stored drafts are all made of [`Work`] values, and this module is tested natively.

use ncms_sim::{Edits, Lang};
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// Where the scenario came from.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A scenario bundled with the app, by id.
    Bundled(String),
    /// A scenario file the user opened (or a link carried), by name and text; `edited` when its
    /// structure was changed in the app (lines, rules, name).
    File {
        name: String,
        json: Rc<str>,
        #[serde(default)]
        edited: bool,
    },
}

impl Source {
    /// The scenario's JSON text: bundled ones from the engine, files as they were read.
    pub fn json(&self) -> Option<&str> {
        match self {
            Source::Bundled(id) => ncms_sim::scenarios::bundled(id),
            Source::File { json, .. } => Some(json),
        }
    }
}

/// One plan (方案): a name and its policy edits over the scenario.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Plan {
    pub name: String,
    pub edits: Edits,
}

/// Everything the official has set: what a reload, a link, a saved draft and an undo restore.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Work {
    pub source: Source,
    /// Assumptions changed from the scenario's values: they make the baseline of every plan.
    #[serde(default)]
    pub assumptions: Edits,
    /// At least one plan; the active one is edited in the levers panel.
    pub plans: Vec<Plan>,
    #[serde(default)]
    pub active: usize,
    /// The index of the year the figures show.
    #[serde(default)]
    pub year: usize,
}

impl Work {
    /// A scenario with one plan holding `edits`.
    pub fn new(source: Source, edits: Edits, lang: Lang) -> Work {
        Work {
            source,
            assumptions: Edits::new(),
            plans: vec![Plan {
                name: plan_name(0, lang),
                edits,
            }],
            active: 0,
            year: 0,
        }
    }

    /// The active plan's edits.
    pub fn edits(&self) -> &Edits {
        static NONE: Edits = Edits::new();
        self.plans.get(self.active).map_or(&NONE, |p| &p.edits)
    }

    /// The active plan's edits, for changing.
    pub fn edits_mut(&mut self) -> &mut Edits {
        if self.plans.is_empty() {
            self.plans.push(Plan {
                name: plan_name(0, Lang::Zh),
                edits: Edits::new(),
            });
        }
        self.active = self.active.min(self.plans.len() - 1);
        &mut self.plans[self.active].edits
    }
}

/// The most plans a workspace holds: a committee weighs 方案一、二、三 against this year.
pub const MAX_PLANS: usize = 5;

/// The default name of the plan at `index`: 方案一, 方案二, … / Plan 1, Plan 2, …
pub fn plan_name(index: usize, lang: Lang) -> String {
    const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    match lang {
        Lang::Zh => format!("方案{}", NUMERALS.get(index).copied().unwrap_or("")),
        Lang::En => format!("Plan {}", index + 1),
    }
}

/// Undo and redo over [`Work`]: every action that replaces the work pushes the work it replaces,
/// so nothing is ever lost that an undo cannot bring back. Successive edits of the same field
/// within a short time (a slider being dragged, a number being typed) make one step.
#[derive(Clone, PartialEq, Debug, Default, Serialize, Deserialize)]
pub struct History {
    pub past: Vec<Work>,
    pub future: Vec<Work>,
    /// The field and time (ms) of the last edit, to merge the next edit of the same field.
    #[serde(skip)]
    last_edit: Option<(String, f64)>,
}

/// How many steps back the history keeps.
pub const MAX_STEPS: usize = 100;
/// Edits of one field closer together than this (ms) are one step.
pub const MERGE_WITHIN_MS: f64 = 1500.0;

impl History {
    /// Records that `before` is being replaced. `edit` names the field and time of an edit, so
    /// that a run of edits of one field becomes one step.
    pub fn record(&mut self, before: &Work, edit: Option<(&str, f64)>) {
        let merge = match (&self.last_edit, edit) {
            (Some((field, at)), Some((next, now))) => field == next && now - at < MERGE_WITHIN_MS,
            _ => false,
        };
        self.last_edit = edit.map(|(field, now)| (field.to_string(), now));
        self.future.clear();
        if merge && !self.past.is_empty() {
            return;
        }
        self.past.push(before.clone());
        if self.past.len() > MAX_STEPS {
            self.past.remove(0);
        }
    }

    /// The work before `current`, if any; `current` becomes redoable.
    pub fn undo(&mut self, current: &Work) -> Option<Work> {
        let previous = self.past.pop()?;
        self.future.push(current.clone());
        self.last_edit = None;
        Some(previous)
    }

    /// The work undone last, if any; `current` becomes undoable again.
    pub fn redo(&mut self, current: &Work) -> Option<Work> {
        let next = self.future.pop()?;
        self.past.push(current.clone());
        self.last_edit = None;
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn work(individual: f64) -> Work {
        let edits: Edits = [("financing.individual".to_string(), Some(individual))].into();
        Work::new(Source::Bundled("pinghu-2012".into()), edits, Lang::Zh)
    }

    #[test]
    fn undo_and_redo_walk_the_steps_back_and_forth() {
        let mut history = History::default();
        let (a, b, c) = (work(1.0), work(2.0), work(3.0));
        history.record(&a, None);
        history.record(&b, None);
        assert_eq!(history.undo(&c), Some(b.clone()));
        assert_eq!(history.undo(&b), Some(a.clone()));
        assert_eq!(history.undo(&a), None);
        assert_eq!(history.redo(&a), Some(b.clone()));
        assert_eq!(history.redo(&b), Some(c.clone()));
        assert_eq!(history.redo(&c), None);
    }

    #[test]
    fn a_run_of_edits_of_one_field_is_one_step() {
        let mut history = History::default();
        history.record(&work(1.0), Some(("financing.individual", 0.0)));
        history.record(&work(2.0), Some(("financing.individual", 500.0)));
        history.record(&work(3.0), Some(("financing.individual", 1000.0)));
        assert_eq!(history.past.len(), 1);
        // Another field, or a pause, starts a new step.
        history.record(&work(4.0), Some(("financing.government.county", 1100.0)));
        history.record(&work(5.0), Some(("financing.government.county", 5000.0)));
        assert_eq!(history.past.len(), 3);
        assert_eq!(history.undo(&work(6.0)), Some(work(5.0)));
    }

    #[test]
    fn a_new_action_clears_what_could_be_redone_and_the_history_is_bounded() {
        let mut history = History::default();
        history.record(&work(1.0), None);
        history.undo(&work(2.0));
        assert!(history.can_redo());
        history.record(&work(1.0), None);
        assert!(!history.can_redo());
        for i in 0..(MAX_STEPS + 20) {
            history.record(&work(i as f64), None);
        }
        assert_eq!(history.past.len(), MAX_STEPS);
    }

    #[test]
    fn plans_are_named_in_each_language() {
        assert_eq!(plan_name(2, Lang::Zh), "方案三");
        assert_eq!(plan_name(2, Lang::En), "Plan 3");
    }
}
