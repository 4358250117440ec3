//! The JS API (wasm32 only): `simulate(scenario)` and `validate(scenario)` for a plain web page or
//! Node, over the same engine as the CLI.
//!
//! A scenario may be passed as a JSON string or as a plain object. An object goes through
//! `JSON.stringify` and the same reader as a file, so a page gets exactly the CLI's checks: unknown
//! fields rejected and field paths in every error. Results go back through serde-wasm-bindgen as
//! plain objects (money as decimal strings, as in the CLI's JSON).

use crate::{compare, parse_scenario, Problem};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn scenario_text(scenario: &JsValue) -> Result<String, JsValue> {
    if let Some(text) = scenario.as_string() {
        return Ok(text);
    }
    js_sys::JSON::stringify(scenario)
        .map(String::from)
        .map_err(|_| JsValue::from_str("the scenario must be a JSON string or a plain object"))
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

#[derive(Serialize)]
struct Validation {
    ok: bool,
    problems: Vec<Problem>,
}

/// Validates a scenario: `{ ok, problems: [{ path, value, allowed, message: { zh, en } }] }`.
#[wasm_bindgen]
pub fn validate(scenario: JsValue) -> Result<JsValue, JsValue> {
    let text = scenario_text(&scenario)?;
    let problems = parse_scenario(&text).err().unwrap_or_default();
    to_js(&Validation {
        ok: problems.is_empty(),
        problems,
    })
}

/// Simulates a scenario's baseline and its proposal over `years` (default: the scenario's own
/// horizon) and returns the comparison, the same object as `ncms simulate --format json`.
/// Throws the list of problems when the scenario is invalid.
#[wasm_bindgen]
pub fn simulate(scenario: JsValue, years: Option<u32>) -> Result<JsValue, JsValue> {
    let text = scenario_text(&scenario)?;
    let checked =
        parse_scenario(&text).map_err(|problems| to_js(&problems).unwrap_or(JsValue::NULL))?;
    let comparison = compare(&checked, &checked.proposal, years)
        .map_err(|problems| to_js(&problems).unwrap_or(JsValue::NULL))?;
    to_js(&comparison)
}
