//! The controls a scenario offers, read from the engine's parameter registry: every place of the
//! scenario that holds a parameter of the wanted role, with its label, unit and slider span. No
//! path is written here, so no slider can vanish for a misspelt path. Slider spans only bound
//! the slider: validation decides what is allowed, and a typed number outside the span is still
//! sent to the engine.

use ncms_sim::edits::levels;
use ncms_sim::figure::Unit;
use ncms_sim::params::{self, Group, Param, Role, Slot};
use ncms_sim::{short_sort, Edits, Lang, Scenario, Text};

/// Where a control sits in its panel.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Section {
    /// A registry group (funding, ceiling, …).
    Group(Group),
    /// A service line, by its index in `lines`.
    Line(usize),
}

/// One adjustable number of the scenario.
#[derive(Clone, PartialEq, Debug)]
pub struct Field {
    pub param: &'static Param,
    /// The line index for per-line parameters (0 otherwise).
    pub line: usize,
    /// The edit path (`lines[1].inpatient.reimbursement_ratio`).
    pub path: String,
    pub section: Section,
    /// The full label, with the hospital level for lines ("乡镇卫生院 住院补偿比例").
    pub label: Text,
    pub min: f64,
    pub max: f64,
    /// The value in the baseline (`None`: a cap that is not set).
    pub baseline: Option<f64>,
}

impl Field {
    pub fn unit(&self) -> Unit {
        self.param.unit
    }

    /// The value the field shows in a plan or the assumptions: the edit if there is one, else
    /// the scenario's.
    pub fn value_in(&self, edits: &Edits) -> Option<f64> {
        match edits.get(&self.path) {
            Some(value) => *value,
            None => self.baseline,
        }
    }

    pub fn optional(&self) -> bool {
        self.param.optional
    }

    /// Whether a value is far from what real funds have (ten times beyond the usual span): it is
    /// then confirmed before it is applied, so a slip of scale never passes silently.
    pub fn is_unusual(&self, value: f64) -> bool {
        let (lo, hi) = self.param.typical;
        (hi > 0.0 && value > hi * 10.0) || (lo > 0.0 && value > 0.0 && value < lo / 10.0)
    }
}

/// The slider's span: the usual span, widened to hold the baseline value, within what is allowed.
/// An amount of money spans half to twice the baseline's (within the usual span, from 0 where
/// the usual span starts there): real funds' usual spans are wide (50 – 5 000 yuan a head), and
/// across all of it the thumb would sit at one end and move in leaps.
fn span(param: &Param, baseline: Option<f64>) -> (f64, f64) {
    if param.unit == Unit::Share && param.range.min == 0.0 && param.range.max == 1.0 {
        return (0.0, 1.0);
    }
    let (mut lo, mut hi) = param.typical;
    match baseline {
        Some(v) if param.unit == Unit::Yuan && v > 0.0 => {
            if lo > 0.0 {
                lo = lo.max(v / 2.0).min(v);
            }
            hi = hi.min(v * 2.0).max(v * 1.5).max(lo + param.step * 10.0);
        }
        Some(v) => {
            lo = lo.min(v);
            hi = hi.max(v * 1.5);
        }
        None => {}
    }
    let lo = lo.max(param.range.min);
    let hi = hi.min(param.range.max);
    // Round the ends to the step so that the slider lands on the values people type.
    let step = param.step;
    ((lo / step).floor() * step, (hi / step).ceil() * step)
}

/// Every place of `scenario` holding a parameter of `role`, in registry order, lines in line order
/// (for lines, each line's parameters together).
pub fn fields_of(scenario: &Scenario, role: Role) -> Vec<Field> {
    let mut fields: Vec<Field> = params::places(scenario)
        .filter(|place| place.param.role == role)
        .map(|place| field_for(place.param, scenario, place.line))
        .collect();
    // Group each line's controls together, lines after funding and before the rules.
    let order = |f: &Field| match f.section {
        Section::Group(Group::Funding) => (0, 0),
        Section::Line(i) => (1, i),
        Section::Group(g) => (2, g as usize),
    };
    short_sort::sort_by_key(&mut fields, order);
    fields
}

/// What a range reads as beside its assumption: about two draws in three (±1 spread) fall within
/// `low` and `high` of the assumption's value in `scenario`, each shown in the assumption's unit.
/// `None` for fields that are no range of a scenario value (the yearly shocks included).
pub fn range_hint(
    field: &Field,
    spread: Option<f64>,
    scenario: &Scenario,
    lang: Lang,
) -> Option<String> {
    let assumption = params::by_path(ncms_sim::risk::spread_assumption(&field.path)?)?;
    let central = assumption.read(scenario, 0).and_then(Slot::number)?;
    let spread = spread?;
    let words = crate::view::ui_words::ui(lang);
    // The sum's binary noise (-0.2 - 0.1 is -0.30000000000000004) is not the range's.
    let clean = |v: f64| (v * 1e9).round() / 1e9;
    Some(crate::view::ui_words::fill(
        words.range_hint,
        &[
            ("low", &assumption.show(Some(clean(central - spread)), lang)),
            (
                "high",
                &assumption.show(Some(clean(central + spread)), lang),
            ),
            ("central", &assumption.show(Some(central), lang)),
        ],
    ))
}

/// The heading of a section.
pub fn section_title(section: Section, scenario: &Scenario, lang: Lang) -> String {
    match section {
        Section::Group(group) => group.label().get(lang).to_string(),
        Section::Line(index) => scenario
            .lines
            .get(index)
            .map(|l| ncms_sim::text::level_name(l.level).get(lang).to_string())
            .unwrap_or_default(),
    }
}

/// The control for one parameter at one line of `scenario` (also for derived levers such as
/// [`ncms_sim::params::FUNDING_TOTAL`], which read but are not written).
pub fn field_for(param: &'static Param, scenario: &Scenario, line: usize) -> Field {
    let baseline = param.read(scenario, line).and_then(Slot::number);
    let (min, max) = span(param, baseline);
    Field {
        param,
        line,
        path: param.path_at(line),
        section: if param.per_line() {
            Section::Line(line)
        } else {
            Section::Group(param.group)
        },
        label: param.label_at(&levels(scenario), line),
        min,
        max,
        baseline,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ncms_sim::params::FUNDING_TOTAL;

    fn taizhou() -> Scenario {
        ncms_sim::read_scenario(ncms_sim::scenarios::bundled("taizhou-2012").unwrap()).unwrap()
    }

    #[test]
    fn a_money_slider_spans_half_to_twice_the_baseline_a_ratio_all_of_its_range() {
        let scenario = taizhou();
        let total = field_for(&FUNDING_TOTAL, &scenario, 0);
        let baseline = total.baseline.unwrap();
        assert!(
            baseline > 300.0,
            "Taizhou 2012 funds {baseline} yuan a head"
        );
        let step = FUNDING_TOTAL.step;
        assert_eq!(total.min, (baseline / 2.0 / step).floor() * step);
        assert_eq!(total.max, (baseline * 2.0 / step).ceil() * step);
        let fields = fields_of(&scenario, Role::Policy);
        let ratio = fields
            .iter()
            .find(|f| f.path.ends_with("inpatient.reimbursement_ratio"))
            .unwrap();
        assert_eq!((ratio.min, ratio.max), (0.0, 1.0));
        // A deductible whose usual span starts at 0 keeps 0 on its slider.
        let deductible = fields
            .iter()
            .find(|f| f.path.ends_with("inpatient.deductible") && f.baseline > Some(0.0))
            .unwrap();
        assert_eq!(deductible.min, 0.0);
        assert!(deductible.max >= deductible.baseline.unwrap() * 1.5);
    }

    #[test]
    fn a_range_reads_as_its_assumption_plus_or_minus_the_spread() {
        let scenario = taizhou();
        let fields = fields_of(&scenario, Role::Assumption);
        let field = |path: &str| fields.iter().find(|f| f.path == path).unwrap();
        let cost = field("ranges.cost_growth");
        let central = scenario.projection.cost_growth;
        let hint = range_hint(cost, cost.baseline, &scenario, Lang::En).unwrap();
        let show = |v: f64| {
            ncms_sim::params::by_path("projection.cost_growth")
                .unwrap()
                .show(Some(v), Lang::En)
        };
        assert!(hint.contains(&show(central - 0.03)), "{hint}");
        assert!(hint.contains(&show(central + 0.03)), "{hint}");
        let elasticity = field("ranges.elasticity");
        let hint = range_hint(elasticity, Some(0.1), &scenario, Lang::En).unwrap();
        let show = |v: f64| {
            ncms_sim::params::by_path("behaviour.elasticity")
                .unwrap()
                .show(Some(v), Lang::En)
        };
        let central = scenario.behaviour.elasticity;
        let low = ((central - 0.1) * 1e9).round() / 1e9;
        assert!(hint.contains(&format!("within {} to", show(low))), "{hint}");
        assert!(!hint.contains("0000000"), "{hint}");
        assert!(range_hint(field("ranges.cost_shock"), Some(0.044), &scenario, Lang::En).is_none());
        assert!(range_hint(
            field("projection.cost_growth"),
            Some(0.06),
            &scenario,
            Lang::En
        )
        .is_none());
    }

    #[test]
    fn every_assumption_range_is_an_assumption_field_with_its_default_spread() {
        let scenario = taizhou();
        let fields = fields_of(&scenario, Role::Assumption);
        let ranges: Vec<&Field> = fields
            .iter()
            .filter(|f| f.section == Section::Group(Group::Ranges))
            .collect();
        assert_eq!(ranges.len(), 7);
        let cost = ranges
            .iter()
            .find(|f| f.path == "ranges.cost_growth")
            .unwrap();
        assert_eq!(cost.baseline, Some(0.03));
        assert!(cost.min == 0.0 && cost.max >= 0.1);
        assert!(fields_of(&scenario, Role::Policy)
            .iter()
            .all(|f| f.section != Section::Group(Group::Ranges)));
    }
}
