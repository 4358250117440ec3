//! The tools module: the engine's JS API (`template`, `calibrate`, …), built with the spreadsheet
//! reader and writer, loaded only when an official asks for a template, opens filled-in figures or
//! exports a workbook. The main page stays small (`ARCHITECTURE.md`, "The app's two wasm modules"); this loads
//! `tools/ncms_sim.js` beside the page, once, with `import()`.

use crate::browser::page::import_module;
use crate::view::ui_words::{both, Ui};
use js_sys::{Function, Promise, Reflect, Uint8Array};
use ncms_sim::{Problem, ProblemKind, Text};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    static MODULE: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// The module's address, beside the page (the app may live under any path).
fn module_url() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    web_sys::Url::new_with_base("tools/ncms_sim.js", &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| "./tools/ncms_sim.js".into())
}

fn failure(reason: fn(&Ui) -> &'static str) -> Vec<Problem> {
    vec![Problem::new(
        "",
        ProblemKind::Unreadable {
            reason: both(reason),
        },
        "",
    )]
}

/// The loaded and initialised module.
pub async fn module() -> Result<JsValue, Vec<Problem>> {
    if let Some(module) = MODULE.with(|m| m.borrow().clone()) {
        return Ok(module);
    }
    let cannot = || failure(|w| w.tools_not_loaded);
    let module = JsFuture::from(import_module(&module_url()))
        .await
        .map_err(|_| cannot())?;
    let init: Function = Reflect::get(&module, &"default".into())
        .map_err(|_| cannot())?
        .dyn_into()
        .map_err(|_| cannot())?;
    let started = init.call0(&JsValue::NULL).map_err(|_| cannot())?;
    JsFuture::from(Promise::resolve(&started))
        .await
        .map_err(|_| cannot())?;
    MODULE.with(|m| *m.borrow_mut() = Some(module.clone()));
    Ok(module)
}

/// Problems thrown by the module (a list of `{ path, message: { zh, en }, … }`), as problems.
fn thrown(error: JsValue) -> Vec<Problem> {
    #[derive(serde::Deserialize)]
    struct Thrown {
        #[serde(default)]
        path: String,
        message: Text,
        #[serde(default)]
        hint: Option<Text>,
        /// The spreadsheet cell the problem is in (`D19`), named in the words.
        #[serde(default)]
        cell: Option<ncms_sim::problem::CellRef>,
    }
    let text = js_sys::JSON::stringify(&error)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    match serde_json::from_str::<Vec<Thrown>>(&text) {
        Ok(list) if !list.is_empty() => list
            .into_iter()
            .map(|t| {
                Problem::new(t.path, ProblemKind::Unreadable { reason: t.message }, "")
                    .with_hint(t.hint)
                    .in_cell(t.cell)
            })
            .collect(),
        _ => failure(|w| w.tools_failed),
    }
}

/// Calls `name(args…)` of the module; the result as JSON text, or bytes for a workbook.
async fn call(name: &str, args: &[JsValue]) -> Result<JsValue, Vec<Problem>> {
    let module = module().await?;
    let function: Function = Reflect::get(&module, &name.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| failure(|w| w.tools_lack_function))?;
    let array = js_sys::Array::new();
    for a in args {
        array.push(a);
    }
    function.apply(&JsValue::NULL, &array).map_err(thrown)
}

/// The figures template: CSV text or .xlsx bytes.
pub async fn template(format: &str, lang: ncms_sim::Lang) -> Result<Vec<u8>, Vec<Problem>> {
    let result = call("template", &[format.into(), lang.code().into()]).await?;
    Ok(match result.as_string() {
        Some(text) => text.into_bytes(),
        None => Uint8Array::new(&result).to_vec(),
    })
}

/// A calibrated scenario from a filled template's bytes: the scenario's JSON, and the JSON of the
/// rest of the module's answer (the table, warnings and assumptions).
pub async fn calibrate(
    bytes: &[u8],
    file_name: &str,
    lang: ncms_sim::Lang,
) -> Result<(String, String), Vec<Problem>> {
    let array = Uint8Array::from(bytes);
    let result = call(
        "calibrate",
        &[array.into(), file_name.into(), lang.code().into()],
    )
    .await?;
    let unreadable = || failure(|w| w.tools_answer_unreadable);
    let json = |value: &JsValue| {
        js_sys::JSON::stringify(value)
            .ok()
            .and_then(|s| s.as_string())
    };
    let scenario = Reflect::get(&result, &"scenario".into()).map_err(|_| unreadable())?;
    let scenario = json(&scenario).ok_or_else(unreadable)?;
    let _ = Reflect::set(&result, &"scenario".into(), &JsValue::NULL);
    Ok((scenario, json(&result).ok_or_else(unreadable)?))
}

/// The hand-over workbook (.xlsx bytes) of a saved scenario file's text.
pub async fn workbook(
    scenario_json: &str,
    lang: ncms_sim::Lang,
    made_at: &str,
) -> Result<Vec<u8>, Vec<Problem>> {
    let result = call(
        "workbook",
        &[scenario_json.into(), lang.code().into(), made_at.into()],
    )
    .await?;
    Ok(Uint8Array::new(&result).to_vec())
}
