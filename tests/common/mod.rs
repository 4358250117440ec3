//! Shared test fixtures: a small, readable scenario and helpers to edit it.
#![allow(dead_code)] // each test file uses a different subset of these helpers

use ncms_sim::{check, CheckedScenario, Scenario};
use serde_json::{json, Value};

/// A two-level county fund with round numbers, every rule switched on.
pub fn small_json() -> Value {
    json!({
        "id": "test-county",
        "name": { "zh": "测试县", "en": "Test county" },
        "year": 2012,
        "notes": "fixture",
        "sources": [{ "file": "fixture", "figure": "none" }],
        "population": { "enrollees": 100000, "growth": 0.01, "participation_rate": 0.97 },
        "financing": {
            "individual": 100,
            "government": { "central": 100, "provincial": 60, "municipal": 20, "county": 20 },
            "other_income": 500000,
            "interest_rate": 0.02,
            "opening_balance": 5000000
        },
        "lines": [
            {
                "level": "township",
                "outpatient": { "visits_per_enrollee": 2.0, "mean_cost": 50, "cost_cv": 1.2, "scope_share": 0.9,
                                "deductible": 0, "reimbursement_ratio": 0.4, "visit_cap": 30 },
                "inpatient": { "admissions_per_1000": 30, "mean_cost": 3000, "cost_cv": 1.0, "scope_share": 0.9,
                               "deductible": 200, "reimbursement_ratio": 0.8, "admission_cap": null }
            },
            {
                "level": "county",
                "inpatient": { "admissions_per_1000": 40, "mean_cost": 8000, "cost_cv": 1.3, "scope_share": 0.85,
                               "deductible": 600, "reimbursement_ratio": 0.7, "admission_cap": null }
            }
        ],
        "rules": {
            "annual_ceiling": { "fixed": 60000 },
            "consultation_fee": { "level": "village", "fee_per_visit": 6, "scheme_part": 5.5,
                                  "visits_per_served_resident": 1.0, "cap_per_capita": 11, "served_share": 1.0 },
            "special_disease": { "patients_per_1000": 2, "annual_cost": 15000, "cost_cv": 1.2, "scope_share": 0.85,
                                 "deductible": 0, "reimbursement_ratio": 0.6 },
            "major_disease": { "cases_per_100k": 200, "limited_cost": 20000, "reimbursement_ratio": 0.7 },
            "critical_illness_premium": 15,
            "risk_reserve": { "rate": 0.03, "cap": 0.1, "opening_reserve": 0 }
        },
        "behaviour": { "elasticity": -0.2 },
        "projection": { "years": 5, "funding_growth": 0.05, "cost_growth": 0.06, "utilisation_growth": 0.02 }
    })
}

pub fn scenario_from(value: Value) -> Scenario {
    serde_json::from_value(value).expect("fixture deserialises")
}

pub fn small() -> Scenario {
    scenario_from(small_json())
}

pub fn checked(scenario: Scenario) -> CheckedScenario {
    check(scenario).unwrap_or_else(|problems| panic!("fixture is valid: {problems:?}"))
}

/// Sets `pointer` (JSON pointer) in the fixture to `value`.
pub fn small_with(pointer: &str, value: Value) -> Value {
    let mut json = small_json();
    *json
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in the fixture")) = value;
    json
}

/// The bundled scenario files, by file name, read from `scenarios/`.
pub fn scenario_files() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("scenarios/ exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}
