//! The official's work, as it is saved, linked and undone: where the scenario came from and the
//! plans (sets of policy edits) over it. Pure data, no browser: the history of undo and redo,
//! links and stored drafts are all made of [`Work`] values, and this module is tested natively.

use ncms_sim::structure::{self, Care, CeilingForm, Rule};
use ncms_sim::{CheckedScenario, Edits, Lang, Level, Problem, ProblemKind, Scenario, Text};
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
    /// The name of the plan whose policy was last written into the baseline (设为基线), so
    /// that the baseline keeps a visible mark of where it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_from: Option<String>,
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
            baseline_from: None,
        }
    }

    /// The work a scenario file opens as: its named plans (or its proposal as one plan), its
    /// assumptions, and the plan shown first. A file that cannot be read opens with one empty
    /// plan (loading it then reports its problems).
    pub fn opened(source: Source, lang: Lang) -> Work {
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

    /// The work as a scenario file over `original` (the file's own values): the assumptions and
    /// the active plan as edits of them, and every plan by name when there are several, so that
    /// it reopens ([`Work::opened`]) exactly as it is now.
    pub fn file_json(&self, original: &Scenario) -> String {
        let mut scenario = original.clone();
        scenario.assumptions = self.assumptions.clone();
        scenario.proposal = self.edits().clone();
        scenario.plans = if self.plans.len() > 1 {
            self.plans
                .iter()
                .map(|p| ncms_sim::scenario::NamedPlan {
                    name: p.name.clone(),
                    edits: p.edits.clone(),
                })
                .collect()
        } else {
            Vec::new()
        };
        serde_json::to_string_pretty(&scenario)
            .map_or_else(|_| String::new(), |json| format!("{json}\n"))
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

    /// The plan at `index` becomes the active one; `false` if there is none or it already is.
    pub fn select_plan(&mut self, index: usize) -> bool {
        if index >= self.plans.len() || index == self.active {
            return false;
        }
        self.active = index;
        true
    }

    /// A new plan, made active: no edits (it starts as the baseline) or a copy of the active
    /// plan's edits, named next in the series (方案三 after 方案二). `false` when the workspace
    /// is full.
    pub fn add_plan(&mut self, start: PlanStart, lang: Lang) -> bool {
        if self.plans.len() >= MAX_PLANS {
            return false;
        }
        let edits = match start {
            PlanStart::Baseline => Edits::new(),
            PlanStart::Active => self.edits().clone(),
        };
        let name = self.next_plan_name(lang);
        self.plans.push(Plan { name, edits });
        self.active = self.plans.len() - 1;
        true
    }

    /// The first default name after every default name in use, in `lang`.
    fn next_plan_name(&self, lang: Lang) -> String {
        let last = self
            .plans
            .iter()
            .filter_map(|p| default_plan_index(&p.name))
            .max();
        let mut index = last.map_or(self.plans.len(), |i| i + 1);
        while self.plans.iter().any(|p| p.name == plan_name(index, lang)) {
            index += 1;
        }
        plan_name(index, lang)
    }

    /// Removes the plan at `index`, keeping the same plan active where it can; `false` if it
    /// is the last plan or there is none at `index`.
    pub fn delete_plan(&mut self, index: usize) -> bool {
        if self.plans.len() <= 1 || index >= self.plans.len() {
            return false;
        }
        self.plans.remove(index);
        if self.active >= index && self.active > 0 {
            self.active -= 1;
        }
        true
    }

    /// Renames the plan at `index` to `name`, trimmed; `false` for an empty or unchanged name.
    pub fn rename_plan(&mut self, index: usize, name: &str) -> bool {
        let name = name.trim();
        match self.plans.get_mut(index) {
            Some(plan) if !name.is_empty() && plan.name != name => {
                plan.name = name.to_string();
                true
            }
            _ => false,
        }
    }

    /// The work with plan `index`'s policy made the scenario's own (`original` is the file's
    /// scenario this work is over): its edits are written into the file's values (the
    /// assumptions kept), it has no edits left, and the other plans keep only the edits that
    /// still differ from the new baseline. The problems if the plan is not valid.
    pub fn with_baseline_from(
        &self,
        index: usize,
        original: &CheckedScenario,
    ) -> Result<Work, Vec<Problem>> {
        let Some(plan) = self.plans.get(index) else {
            return Ok(self.clone());
        };
        let (proposal, _) = ncms_sim::check_plan(original, &plan.edits)?;
        let mut scenario = proposal.into_scenario();
        scenario.proposal.clear();
        let mut work = self.clone();
        // An assumption of a lever the plan sets would undo the plan's value: the plan wins.
        work.assumptions
            .retain(|path, _| !plan.edits.contains_key(path));
        for other in &mut work.plans {
            other
                .edits
                .retain(|path, value| plan.edits.get(path).is_none_or(|v| v != value));
        }
        work.source = self.source.edited(&scenario);
        work.baseline_from = Some(plan.name.clone());
        Ok(work)
    }

    /// The work after a change of the fund's structure (`original` is the file's scenario this
    /// work is over): the work then holds the edited scenario as a file of its own, every edit
    /// following its line and the edits of places the structure no longer has dropped.
    pub fn restructured(
        &self,
        original: &CheckedScenario,
        change: &Structural,
    ) -> Result<Work, Vec<Problem>> {
        let mut scenario = original.scenario().clone();
        let mut work = self.clone();
        let refused = |e: structure::StructureError| {
            vec![Problem::new(
                "lines",
                ProblemKind::Unreadable {
                    reason: e.describe(),
                },
                "",
            )]
        };
        let remap = |work: &mut Work, f: &dyn Fn(&Edits) -> Edits| {
            work.assumptions = f(&work.assumptions);
            for plan in &mut work.plans {
                plan.edits = f(&plan.edits);
            }
        };
        match change {
            Structural::AddLine(level) => {
                let at = structure::add_line(&mut scenario, *level).map_err(refused)?;
                remap(&mut work, &|e| structure::edits_after_adding_line(e, at));
            }
            Structural::RemoveLine(index) => {
                structure::remove_line(&mut scenario, *index).map_err(refused)?;
                remap(&mut work, &|e| {
                    structure::edits_after_removing_line(e, *index)
                });
            }
            Structural::SetCare(line, care, on) => {
                structure::set_care(&mut scenario, *line, *care, *on).map_err(refused)?
            }
            Structural::SetRule(rule, on) => structure::set_rule(&mut scenario, *rule, *on),
            Structural::SetCeiling(form) => structure::set_ceiling(&mut scenario, *form),
            Structural::IndexDeductibles(on) => scenario.projection.index_deductibles = *on,
            Structural::Rename(name) => scenario.name = name.clone(),
        }
        let keep = |edits: &Edits| structure::edits_it_still_has(&scenario, edits);
        remap(&mut work, &keep);
        work.source = self.source.edited(&scenario);
        Ok(work)
    }
}

/// Several plan levers set at once, as one undo step named by the key (the total funding
/// lever, an applied answer).
pub type ManyEdits = (String, Vec<(String, Option<f64>)>);

/// Where a new plan starts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PlanStart {
    /// No edits: the plan is the baseline until it is edited.
    Baseline,
    /// A copy of the active plan's edits.
    Active,
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

impl Source {
    /// The source after the scenario was edited in the app: a file of its own, under the name
    /// it had.
    fn edited(&self, scenario: &Scenario) -> Source {
        Source::File {
            name: match self {
                Source::Bundled(id) => format!("{id}.json"),
                Source::File { name, .. } => name.clone(),
            },
            json: serde_json::to_string_pretty(scenario)
                .unwrap_or_default()
                .into(),
            edited: true,
        }
    }
}

/// The most plans a workspace holds: a committee weighs 方案一、二、三 against this year.
pub const MAX_PLANS: usize = 5;

const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// The default name of the plan at `index`: 方案一, 方案二, … / Plan 1, Plan 2, …
pub fn plan_name(index: usize, lang: Lang) -> String {
    match (lang, NUMERALS.get(index)) {
        (Lang::Zh, Some(numeral)) => format!("方案{numeral}"),
        (Lang::Zh, None) => format!("方案{}", index + 1),
        (Lang::En, _) => format!("Plan {}", index + 1),
    }
}

/// The index of a default plan name in either language (方案三 and Plan 3 are 2), if it is one.
fn default_plan_index(name: &str) -> Option<usize> {
    if let Some(rest) = name.strip_prefix("方案") {
        return NUMERALS.iter().position(|n| *n == rest).or_else(|| {
            rest.parse::<usize>()
                .ok()
                .filter(|&n| n > 10)
                .map(|n| n - 1)
        });
    }
    name.strip_prefix("Plan ")?
        .parse::<usize>()
        .ok()
        .filter(|&n| n >= 1)
        .map(|n| n - 1)
}

impl Plan {
    /// The plan's name as shown in `lang`: a default name follows the language (方案二 is
    /// "Plan 2" in English), a name the official gave stays as written.
    pub fn display_name(&self, lang: Lang) -> String {
        match default_plan_index(&self.name) {
            Some(index) => plan_name(index, lang),
            None => self.name.clone(),
        }
    }
}

/// Undo and redo over [`Work`]: every action that replaces the work pushes the work it replaces,
/// so nothing is ever lost that an undo cannot bring back. Successive edits of the same field
/// within a short time (a slider being dragged, a number being typed) make one step. The steps
/// are shared (`Rc`): the state is cloned at every edit, and a hundred steps are then a hundred
/// pointers, not a hundred copies of the work.
#[derive(Clone, PartialEq, Debug, Default, Serialize, Deserialize)]
pub struct History {
    pub past: Vec<Rc<Work>>,
    pub future: Vec<Rc<Work>>,
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
        self.past.push(Rc::new(before.clone()));
        if self.past.len() > MAX_STEPS {
            self.past.remove(0);
        }
    }

    /// The work before `current`, if any; `current` becomes redoable.
    pub fn undo(&mut self, current: &Work) -> Option<Work> {
        let previous = self.past.pop()?;
        self.future.push(Rc::new(current.clone()));
        self.last_edit = None;
        Some(Rc::unwrap_or_clone(previous))
    }

    /// The work undone last, if any; `current` becomes undoable again.
    pub fn redo(&mut self, current: &Work) -> Option<Work> {
        let next = self.future.pop()?;
        self.past.push(Rc::new(current.clone()));
        self.last_edit = None;
        Some(Rc::unwrap_or_clone(next))
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

    /// The Taizhou 2012 scenario as the app holds it: its own proposal set aside.
    fn taizhou() -> CheckedScenario {
        let json = ncms_sim::scenarios::bundled("taizhou-2012").unwrap();
        let mut raw = ncms_sim::read_scenario(json).unwrap();
        raw.proposal.clear();
        ncms_sim::check(raw).unwrap()
    }

    fn edits(pairs: &[(&str, f64)]) -> Edits {
        pairs
            .iter()
            .map(|(p, v)| (p.to_string(), Some(*v)))
            .collect()
    }

    const RATIO: &str = "lines[2].inpatient.reimbursement_ratio";
    const DEDUCTIBLE: &str = "lines[2].inpatient.deductible";

    #[test]
    fn a_new_plan_starts_from_the_baseline_or_the_active_plan_and_continues_the_series() {
        let mut work = work(150.0);
        assert!(work.add_plan(PlanStart::Baseline, Lang::Zh));
        assert_eq!(work.plans[1].name, "方案二");
        assert!(work.plans[1].edits.is_empty());
        assert_eq!(work.active, 1);
        work.active = 0;
        assert!(work.add_plan(PlanStart::Active, Lang::Zh));
        assert_eq!(work.plans[2].name, "方案三");
        assert_eq!(work.plans[2].edits, work.plans[0].edits);
        // After a deletion the series goes on from the highest name, never repeating one.
        assert!(work.delete_plan(1));
        assert!(work.add_plan(PlanStart::Baseline, Lang::Zh));
        assert_eq!(work.plans[2].name, "方案四");
        // A plan the official named does not stop the series.
        assert!(work.rename_plan(0, "保大病"));
        assert!(work.add_plan(PlanStart::Baseline, Lang::En));
        assert_eq!(work.plans[3].name, "Plan 5");
    }

    #[test]
    fn a_full_workspace_takes_no_more_plans() {
        let mut work = work(150.0);
        for _ in 1..MAX_PLANS {
            assert!(work.add_plan(PlanStart::Baseline, Lang::Zh));
        }
        let before = work.clone();
        assert!(!work.add_plan(PlanStart::Active, Lang::Zh));
        assert_eq!(work, before);
    }

    #[test]
    fn deleting_a_plan_keeps_the_active_one_and_never_the_last() {
        let mut work = work(150.0);
        work.add_plan(PlanStart::Baseline, Lang::Zh);
        work.add_plan(PlanStart::Baseline, Lang::Zh);
        assert_eq!(work.active, 2);
        assert!(work.delete_plan(0));
        assert_eq!(work.active, 1);
        assert_eq!(work.plans[work.active].name, "方案三");
        assert!(!work.delete_plan(5));
        assert!(work.delete_plan(1));
        assert!(!work.delete_plan(0), "the last plan stays");
        assert_eq!(work.plans.len(), 1);
    }

    #[test]
    fn a_rename_is_trimmed_and_an_empty_or_unchanged_name_is_refused() {
        let mut work = work(150.0);
        assert!(work.rename_plan(0, "  保大病 "));
        assert_eq!(work.plans[0].name, "保大病");
        assert!(!work.rename_plan(0, "保大病"));
        assert!(!work.rename_plan(0, "   "));
        assert!(!work.rename_plan(3, "x"));
    }

    #[test]
    fn selecting_a_plan_makes_it_active() {
        let mut work = work(150.0);
        work.add_plan(PlanStart::Baseline, Lang::Zh);
        assert!(work.select_plan(0));
        assert_eq!(work.active, 0);
        assert!(!work.select_plan(0), "already active");
        assert!(!work.select_plan(7));
    }

    #[test]
    fn default_plan_names_follow_the_language_and_given_names_stay() {
        let plan = |name: &str| Plan {
            name: name.into(),
            edits: Edits::new(),
        };
        assert_eq!(plan("方案二").display_name(Lang::En), "Plan 2");
        assert_eq!(plan("Plan 3").display_name(Lang::Zh), "方案三");
        assert_eq!(plan("Plan 12").display_name(Lang::Zh), "方案12");
        assert_eq!(plan("方案12").display_name(Lang::En), "Plan 12");
        assert_eq!(plan("保大病").display_name(Lang::En), "保大病");
        assert_eq!(plan("Plan B").display_name(Lang::Zh), "Plan B");
    }

    #[test]
    fn a_plan_made_the_baseline_is_written_into_the_file_and_the_others_keep_their_differences() {
        let original = taizhou();
        let mut work = Work::new(
            Source::Bundled("taizhou-2012".into()),
            edits(&[(RATIO, 0.8), (DEDUCTIBLE, 600.0)]),
            Lang::Zh,
        );
        work.add_plan(PlanStart::Baseline, Lang::Zh);
        work.plans[1].edits = edits(&[(RATIO, 0.8), (DEDUCTIBLE, 800.0)]);
        work.assumptions = edits(&[(DEDUCTIBLE, 700.0), ("population.growth", 0.01)]);
        let after = work.with_baseline_from(0, &original).unwrap();
        assert!(after.plans[0].edits.is_empty());
        // The other plan keeps only what differs from the new baseline.
        assert_eq!(after.plans[1].edits, edits(&[(DEDUCTIBLE, 800.0)]));
        // An assumption of a lever the plan sets is dropped: the plan wins.
        assert_eq!(after.assumptions, edits(&[("population.growth", 0.01)]));
        let Source::File { json, edited, name } = &after.source else {
            panic!("a made baseline is a file of its own")
        };
        assert!(edited);
        assert_eq!(name, "taizhou-2012.json");
        let scenario = ncms_sim::read_scenario(json).unwrap();
        assert_eq!(ncms_sim::value_at(&scenario, RATIO), Some(0.8));
        assert_eq!(ncms_sim::value_at(&scenario, DEDUCTIBLE), Some(600.0));
        // The baseline keeps the name of the plan it came from; the work before had no mark.
        assert_eq!(work.baseline_from, None);
        assert_eq!(
            after.baseline_from.as_deref(),
            Some(work.plans[0].name.as_str())
        );
    }

    #[test]
    fn an_invalid_plan_cannot_become_the_baseline() {
        let original = taizhou();
        let work = Work::new(
            Source::Bundled("taizhou-2012".into()),
            edits(&[(RATIO, 1.5)]),
            Lang::Zh,
        );
        let problems = work.with_baseline_from(0, &original).unwrap_err();
        assert_eq!(problems[0].path, RATIO);
    }

    #[test]
    fn removing_a_line_takes_its_edits_and_renumbers_the_others() {
        let original = taizhou();
        let work = Work::new(
            Source::Bundled("taizhou-2012".into()),
            edits(&[
                ("lines[1].inpatient.reimbursement_ratio", 0.9),
                (RATIO, 0.8),
            ]),
            Lang::Zh,
        );
        let after = work
            .restructured(&original, &Structural::RemoveLine(1))
            .unwrap();
        assert_eq!(
            after.plans[0].edits,
            edits(&[("lines[1].inpatient.reimbursement_ratio", 0.8)])
        );
        let Source::File { json, .. } = &after.source else {
            panic!("a restructured scenario is a file of its own")
        };
        let scenario = ncms_sim::read_scenario(json).unwrap();
        assert_eq!(scenario.lines.len(), original.lines.len() - 1);
    }

    #[test]
    fn a_structural_change_the_fund_cannot_take_is_refused_in_words() {
        let original = taizhou();
        let work = Work::new(
            Source::Bundled("taizhou-2012".into()),
            Edits::new(),
            Lang::Zh,
        );
        let problems = work
            .restructured(&original, &Structural::RemoveLine(99))
            .unwrap_err();
        assert_eq!(
            problems[0].message.get(Lang::En),
            ncms_sim::structure::StructureError::NoSuchLine
                .describe()
                .get(Lang::En)
        );
    }

    #[test]
    fn a_saved_file_reopens_as_the_same_work() {
        let original = taizhou();
        let mut work = Work::new(
            Source::Bundled("taizhou-2012".into()),
            edits(&[(RATIO, 0.8)]),
            Lang::Zh,
        );
        work.add_plan(PlanStart::Active, Lang::Zh);
        work.plans[1].edits.insert(DEDUCTIBLE.into(), Some(900.0));
        // An assumption's range travels with the assumptions.
        work.assumptions = edits(&[("population.growth", 0.01), ("ranges.cost_growth", 0.05)]);
        let json = work.file_json(&original);
        let reopened = Work::opened(
            Source::File {
                name: "saved.json".into(),
                json: json.into(),
                edited: false,
            },
            Lang::Zh,
        );
        assert_eq!(reopened.plans, work.plans);
        assert_eq!(reopened.active, work.active);
        assert_eq!(reopened.assumptions, work.assumptions);
    }

    #[test]
    fn plans_are_named_in_each_language() {
        assert_eq!(plan_name(2, Lang::Zh), "方案三");
        assert_eq!(plan_name(2, Lang::En), "Plan 3");
    }
}
