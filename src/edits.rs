//! Policy edits: "set this field to this number". The proposal is the baseline scenario with its
//! edits applied and validated again, so an edit can never produce what a file could not.
//!
//! Paths are the ones validation reports (`lines[1].inpatient.reimbursement_ratio`), which lets the
//! app list "what I changed" and put the edits in a share link without a second vocabulary.

use crate::report::Change;
use crate::scenario::{Edits, Scenario};
use crate::text::{path_label, split_index, Text};
use crate::validate::{check, problem_from_serde, read_scenario, CheckedScenario, Problem};
use serde_json::Value;

/// The baseline with `edits` applied: validated, or every problem with the edit's path.
pub fn apply_edits(baseline: &Scenario, edits: &Edits) -> Result<CheckedScenario, Vec<Problem>> {
    if edits.is_empty() {
        let mut proposal = baseline.clone();
        proposal.proposal.clear();
        return check(proposal);
    }
    apply_to(baseline_json(baseline)?, edits)
}

/// The edits as labelled changes (before → after), in path order.
pub fn describe_edits(baseline: &Scenario, edits: &Edits) -> Vec<Change> {
    baseline_json(baseline)
        .map_or_else(|_| Vec::new(), |value| describe_in(&value, baseline, edits))
}

/// [`apply_edits`] and [`describe_edits`] together, serialising the baseline once: the work of
/// every keystroke in the app.
pub(crate) fn apply_and_describe(
    baseline: &Scenario,
    edits: &Edits,
) -> Result<(CheckedScenario, Vec<Change>), Vec<Problem>> {
    if edits.is_empty() {
        return Ok((apply_edits(baseline, edits)?, Vec::new()));
    }
    let value = baseline_json(baseline)?;
    let changes = describe_in(&value, baseline, edits);
    Ok((apply_to(value, edits)?, changes))
}

/// The current value at `path`, if it names a number (or a money string) in the scenario.
pub fn value_at(scenario: &Scenario, path: &str) -> Option<f64> {
    let value = serde_json::to_value(scenario).ok()?;
    number_of(value.pointer(&json_pointer(path)?)?)
}

/// The baseline as JSON without its own proposal: what edits are applied to and read from.
fn baseline_json(baseline: &Scenario) -> Result<Value, Vec<Problem>> {
    let mut value =
        serde_json::to_value(baseline).map_err(|e| vec![problem_from_serde(String::new(), &e)])?;
    if let Some(fields) = value.as_object_mut() {
        fields.remove("proposal");
    }
    Ok(value)
}

fn apply_to(mut value: Value, edits: &Edits) -> Result<CheckedScenario, Vec<Problem>> {
    let problems: Vec<Problem> = edits
        .iter()
        .filter_map(|(path, number)| set_number(&mut value, path, *number).err())
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    // Read back through the file reader: one deserialiser for files and edits alike keeps the
    // wasm small (serde_path_to_error instantiates every type once per input kind).
    check(read_scenario(&value.to_string())?)
}

fn describe_in(value: &Value, baseline: &Scenario, edits: &Edits) -> Vec<Change> {
    let levels: Vec<_> = baseline.lines.iter().map(|l| l.level).collect();
    edits
        .iter()
        .map(|(path, after)| Change {
            path: path.clone(),
            label: path_label(path, &levels),
            before: json_pointer(path)
                .and_then(|p| value.pointer(&p))
                .and_then(number_of)
                .unwrap_or(f64::NAN),
            after: *after,
        })
        .collect()
}

fn number_of(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// `lines[1].inpatient.deductible` → `/lines/1/inpatient/deductible`.
pub(crate) fn json_pointer(path: &str) -> Option<String> {
    let mut out = String::new();
    for segment in path.split('.') {
        let (key, index) = split_index(segment);
        if key.is_empty() || key.contains(['/', '~']) {
            return None;
        }
        out.push('/');
        out.push_str(key);
        if segment.contains('[') {
            out.push('/');
            out.push_str(&index?.to_string());
        }
    }
    Some(out)
}

fn set_number(value: &mut Value, path: &str, number: f64) -> Result<(), Problem> {
    let unknown = || Problem {
        path: format!("proposal.{path}"),
        value: number.to_string(),
        allowed: String::new(),
        message: Text::new(
            "没有可调整的这个数值字段",
            "there is no adjustable number at this path",
        ),
    };
    let target = json_pointer(path)
        .and_then(|p| value.pointer_mut(&p))
        .ok_or_else(unknown)?;
    if matches!(target, Value::Object(_) | Value::Array(_) | Value::Bool(_)) || path == "id" {
        return Err(unknown());
    }
    let Some(json_number) = serde_json::Number::from_f64(number) else {
        return Err(Problem {
            path: format!("proposal.{path}"),
            value: number.to_string(),
            allowed: String::new(),
            message: Text::new("调整值必须是有限数字", "an edit must be a finite number"),
        });
    };
    // Integers stay integers, so that `population.enrollees` and `projection.years` still read.
    *target = if number.fract() == 0.0 && number.abs() < 9.0e15 {
        Value::Number(serde_json::Number::from(number as i64))
    } else {
        Value::Number(json_number)
    };
    Ok(())
}
