//! The parameter registry against the scenarios: every numeric input of every bundled scenario has
//! one registry row, and every row names something some bundled scenario has. A new field without
//! a row, or a row whose path is misspelt, fails here rather than vanishing from the interface.

mod common;
use ncms_sim::params::{self, PARAMS};
use ncms_sim::path::FieldPath;
use ncms_sim::read_scenario;
use serde_json::Value;
use std::collections::BTreeSet;

/// Keys whose values are text, names or switches, not numbers.
const NOT_NUMERIC: &[&str] = &[
    "id",
    "notes",
    "file",
    "figure",
    "zh",
    "en",
    "level",
    "index_deductibles",
];
/// Keys that hold a part of the scenario and may be `null` when the part is absent.
const PARTS: &[&str] = &[
    "consultation_fee",
    "special_disease",
    "major_disease",
    "risk_reserve",
    "annual_ceiling",
    "outpatient",
    "inpatient",
    "observed",
];

/// Every leaf of the scenario that holds (or may hold) a number, as a path.
fn numeric_leaves(value: &Value, path: &mut Vec<String>, out: &mut Vec<String>) {
    let here = || path.join(".").replace(".[", "[");
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if path.is_empty() && key == "proposal" {
                    continue;
                }
                path.push(key.clone());
                numeric_leaves(child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                path.push(format!("[{i}]"));
                numeric_leaves(child, path, out);
                path.pop();
            }
        }
        Value::Null => {
            let leaf = path.last().map(String::as_str).unwrap_or_default();
            if !PARTS.contains(&leaf) {
                out.push(here());
            }
        }
        Value::Number(_) | Value::String(_) => {
            let leaf = path.last().map(String::as_str).unwrap_or_default();
            if !NOT_NUMERIC.contains(&leaf) && !path.iter().any(|p| p == "sources" || p == "name") {
                out.push(here());
            }
        }
        Value::Bool(_) => {}
    }
}

#[test]
fn every_numeric_leaf_of_every_bundled_scenario_has_a_registry_row() {
    let mut matched = BTreeSet::new();
    for (id, json) in ncms_sim::scenarios::BUNDLED {
        let scenario = read_scenario(json).unwrap();
        // The scenario as the engine holds it, defaults (targets, behaviour) included.
        let mut value = serde_json::to_value(&scenario).unwrap();
        // The assumption ranges are written only when they are not the defaults: hold them too.
        value["ranges"] = serde_json::to_value(&scenario.ranges).unwrap();
        let mut leaves = Vec::new();
        numeric_leaves(&value, &mut Vec::new(), &mut leaves);
        assert!(leaves.len() > 40, "{id}: {leaves:?}");
        for leaf in leaves {
            let path = FieldPath::parse(&leaf).unwrap_or_else(|e| panic!("{id}: {leaf}: {e:?}"));
            let place =
                params::find(&path).unwrap_or_else(|| panic!("{id}: {leaf} has no registry row"));
            matched.insert(place.param.path);
        }
        // A proposal edits registered levers only.
        for key in scenario.proposal.keys() {
            let place = params::find(&FieldPath::parse(key).unwrap()).expect("a registered path");
            assert!(place.param.is_lever(), "{id}: {key}");
        }
    }
    let unmatched: Vec<_> = PARAMS
        .iter()
        .map(|p| p.path)
        .filter(|p| !matched.contains(p))
        .collect();
    assert!(
        unmatched.is_empty(),
        "registry rows that match nothing in any bundled scenario: {unmatched:?}"
    );
}

#[test]
fn the_registry_reads_and_writes_every_place_it_names() {
    for (id, json) in ncms_sim::scenarios::BUNDLED {
        let scenario = read_scenario(json).unwrap();
        for place in params::places(&scenario) {
            let value = place.param.read(&scenario, place.line).unwrap().number();
            let mut copy = scenario.clone();
            place.param.write(&mut copy, place.line, value).unwrap();
            assert_eq!(
                copy,
                scenario,
                "{id}: writing {} back changes nothing",
                place.path()
            );
        }
    }
}

#[test]
fn every_policy_lever_and_assumption_has_labels_help_and_a_sensible_slider() {
    for p in PARAMS {
        assert!(
            p.typical.0 >= p.range.min && p.typical.1 <= p.range.max,
            "{}: usual span inside the allowed",
            p.path
        );
        assert!(
            p.step <= (p.typical.1 - p.typical.0).max(p.step),
            "{}",
            p.path
        );
        assert!(p.label.en.is_ascii(), "{}", p.path);
        assert!(
            !p.help.zh.is_empty() && p.help.zh != p.help.en,
            "{}",
            p.path
        );
    }
}
