//! The policy levers a scenario offers: which edit paths exist in it, how to label them and the
//! range of their sliders. Ranges only bound the slider; the engine's validation decides what is
//! allowed, and a typed number outside the slider is still sent to it.

use ncms_sim::scenario::Ceiling;
use ncms_sim::text::{level_name, path_label};
use ncms_sim::{value_at, Lang, Scenario, Text};

/// How a lever's number is shown and typed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FieldUnit {
    /// Yuan.
    Yuan,
    /// A fraction, typed and shown as a percentage.
    Ratio,
    /// A plain number (a multiple, an elasticity).
    Number,
}

/// Where a lever sits in the controls panel.
#[derive(Clone, PartialEq, Debug)]
pub enum Group {
    Funding,
    /// A service line, by its index in `lines`.
    Line(usize),
    Ceiling,
    ConsultationFee,
    /// Special-disease outpatient care and major diseases.
    SpecialCare,
    Behaviour,
}

/// One adjustable number of the scenario.
#[derive(Clone, PartialEq, Debug)]
pub struct Field {
    /// The edit path (`lines[1].inpatient.reimbursement_ratio`).
    pub path: String,
    pub group: Group,
    pub label: Text,
    pub unit: FieldUnit,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    /// The value in the baseline (`None`: a cap that is not set).
    pub baseline: Option<f64>,
    /// Whether the field may be empty (no cap).
    pub optional: bool,
}

/// A slider bound: at least `floor`, room to double the baseline, rounded up to `step`.
fn upper(baseline: Option<f64>, floor: f64, step: f64) -> f64 {
    let wanted = (baseline.unwrap_or(0.0) * 2.0).max(floor);
    (wanted / step).ceil() * step
}

struct Spec {
    key: &'static str,
    unit: FieldUnit,
    floor: f64,
    step: f64,
    optional: bool,
}

const fn spec(key: &'static str, unit: FieldUnit, floor: f64, step: f64, optional: bool) -> Spec {
    Spec {
        key,
        unit,
        floor,
        step,
        optional,
    }
}

const OUTPATIENT: [Spec; 3] = [
    spec("reimbursement_ratio", FieldUnit::Ratio, 1.0, 0.01, false),
    spec("deductible", FieldUnit::Yuan, 100.0, 1.0, false),
    spec("visit_cap", FieldUnit::Yuan, 200.0, 1.0, true),
];

const INPATIENT: [Spec; 3] = [
    spec("reimbursement_ratio", FieldUnit::Ratio, 1.0, 0.01, false),
    spec("deductible", FieldUnit::Yuan, 3000.0, 10.0, false),
    spec("admission_cap", FieldUnit::Yuan, 200_000.0, 1000.0, true),
];

/// Every lever of `scenario`, in panel order.
pub fn fields_of(scenario: &Scenario) -> Vec<Field> {
    let levels: Vec<_> = scenario.lines.iter().map(|l| l.level).collect();
    let mut fields = Vec::new();
    let mut push = |path: String, group: Group, label: Text, spec: &Spec| {
        let baseline = value_at(scenario, &path);
        if baseline.is_none() && !spec.optional {
            return;
        }
        let (min, max) = if spec.unit == FieldUnit::Ratio {
            (0.0, 1.0)
        } else if spec.key == "elasticity" {
            ((baseline.unwrap_or(0.0) * 2.0).min(-1.0), 0.0)
        } else {
            (0.0, upper(baseline, spec.floor, spec.step))
        };
        fields.push(Field {
            path,
            group,
            label,
            unit: spec.unit,
            min,
            max,
            step: spec.step,
            baseline,
            optional: spec.optional,
        });
    };

    let money = |key| spec(key, FieldUnit::Yuan, 500.0, 1.0, false);
    for key in ["individual", "central", "provincial", "municipal", "county"] {
        let path = if key == "individual" {
            format!("financing.{key}")
        } else {
            format!("financing.government.{key}")
        };
        let label = path_label(&path, &levels);
        push(path, Group::Funding, label, &money(key));
    }

    for (index, line) in scenario.lines.iter().enumerate() {
        let care: [(&str, bool, &[Spec; 3]); 2] = [
            ("outpatient", line.outpatient.is_some(), &OUTPATIENT),
            ("inpatient", line.inpatient.is_some(), &INPATIENT),
        ];
        for (kind, present, specs) in care {
            if !present {
                continue;
            }
            for spec in specs.iter() {
                let short = format!("{kind}.{}", spec.key);
                let label = path_label(&short, &[]);
                push(
                    format!("lines[{index}].{short}"),
                    Group::Line(index),
                    label,
                    spec,
                );
            }
        }
    }

    match &scenario.rules.annual_ceiling {
        Some(Ceiling::Fixed(_)) => {
            let path = "rules.annual_ceiling.fixed".to_string();
            let label = path_label(&path, &levels);
            push(
                path,
                Group::Ceiling,
                label,
                &spec("fixed", FieldUnit::Yuan, 300_000.0, 1000.0, false),
            );
        }
        Some(Ceiling::IncomeMultiple(_)) => {
            for spec in [
                spec("multiple", FieldUnit::Number, 20.0, 0.5, false),
                spec("floor", FieldUnit::Yuan, 300_000.0, 1000.0, false),
                spec("rural_net_income", FieldUnit::Yuan, 30_000.0, 100.0, false),
            ] {
                let path = format!("rules.annual_ceiling.income_multiple.{}", spec.key);
                let label = path_label(&path, &levels);
                push(path, Group::Ceiling, label, &spec);
            }
        }
        None => {}
    }

    if scenario.rules.consultation_fee.is_some() {
        for spec in [
            spec("fee_per_visit", FieldUnit::Yuan, 20.0, 0.5, false),
            spec("scheme_part", FieldUnit::Yuan, 20.0, 0.5, false),
            spec("cap_per_capita", FieldUnit::Yuan, 100.0, 1.0, false),
        ] {
            let path = format!("rules.consultation_fee.{}", spec.key);
            let label = path_label(&path, &levels);
            push(path, Group::ConsultationFee, label, &spec);
        }
    }

    if scenario.rules.special_disease.is_some() {
        for spec in [
            spec("reimbursement_ratio", FieldUnit::Ratio, 1.0, 0.01, false),
            spec("deductible", FieldUnit::Yuan, 3000.0, 10.0, false),
        ] {
            let path = format!("rules.special_disease.{}", spec.key);
            let label = path_label(&path, &levels);
            push(path, Group::SpecialCare, label, &spec);
        }
    }
    if scenario.rules.major_disease.is_some() {
        let path = "rules.major_disease.reimbursement_ratio".to_string();
        let label = path_label(&path, &levels);
        push(
            path,
            Group::SpecialCare,
            label,
            &spec("reimbursement_ratio", FieldUnit::Ratio, 1.0, 0.01, false),
        );
    }

    let path = "behaviour.elasticity".to_string();
    let label = path_label(&path, &levels);
    push(
        path,
        Group::Behaviour,
        label,
        &spec("elasticity", FieldUnit::Number, 1.0, 0.01, false),
    );
    fields
}

/// The heading of a group of levers.
pub fn group_title(group: &Group, scenario: &Scenario, lang: Lang) -> String {
    let ui = crate::i18n::ui(lang);
    match group {
        Group::Funding => ui.funding.to_string(),
        Group::Line(index) => scenario
            .lines
            .get(*index)
            .map(|l| level_name(l.level).get(lang).to_string())
            .unwrap_or_default(),
        Group::Ceiling => ui.ceiling.to_string(),
        Group::ConsultationFee => ui.consultation_fee.to_string(),
        Group::SpecialCare => ui.special_care.to_string(),
        Group::Behaviour => ui.behaviour.to_string(),
    }
}
