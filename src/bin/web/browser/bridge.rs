//! The bridge between the app's two wasm modules. The first-paint module (the levers and the
//! results) publishes what the second (the answers, the new-fund dialog, the printed report,
//! loaded after first paint) needs to know as a [`Context`]; the second sends back what the
//! official did there as [`Request`]s (apply an answer, open a calibrated fund). Both travel as
//! JSON in DOM events on the window, so that neither module links the other's code; the latest
//! context is also kept on the window, for a module that starts after it was published.

use crate::browser::page::import_module;
use crate::state::bands::RiskBands;
use crate::state::work::ManyEdits;
use ncms_sim::{Edits, Lang};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::Callback;

/// What the second module shows its panels for.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Context {
    pub lang: Lang,
    /// The baseline scenario as a file (its assumptions applied), as the compute service reads it.
    /// It travels apart from the rest, once per scenario (under [`SCENARIO_KEY`] on the window):
    /// the context goes out at every settled edit and every panel of the second module reads it.
    #[serde(skip)]
    pub scenario_json: Rc<str>,
    /// The scenario's key (`state::bands::scenario_key` of its file).
    pub scenario_key: u64,
    /// Every plan: its name as shown and its edits, in order.
    pub plans: Vec<(String, Edits)>,
    pub active: usize,
    /// The active plan's edits once typing has paused: what the answers are asked of.
    pub settled: Edits,
    /// Whether the new-fund dialog is open.
    pub new_fund: bool,
}

/// What the second module asks the first to do.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// Set several levers of the active plan at once, as one undo step (an applied answer).
    Apply { edits: ManyEdits },
    /// Open a calibrated scenario: its file name and JSON.
    Open { name: String, json: String },
    /// The new-fund dialog was closed.
    CloseNewFund,
    /// Publish the context as it is now, every plan with its current edits, at once (the
    /// browser is about to print: the report cannot wait for typing to pause).
    Refresh,
    /// Draw these risk bands behind the balance chart's lines (the risk panel, when its figures
    /// for the plans it was given arrive).
    ShowBands { bands: RiskBands },
}

const CONTEXT_EVENT: &str = "ncms:context";
const REQUEST_EVENT: &str = "ncms:request";
const CONTEXT_KEY: &str = "__ncmsContext";
/// The scenario of the latest context, and its key (as text: a u64 is no JS number).
const SCENARIO_KEY: &str = "__ncmsScenario";
const SCENARIO_KEY_KEY: &str = "__ncmsScenarioKey";

thread_local! {
    /// The context read last, by its JSON: each of the second module's panels hears the same
    /// event, and the first reads it for all.
    static LAST_CONTEXT: RefCell<Option<(String, Context)>> = const { RefCell::new(None) };
    /// The scenario read last, by its key: every context of that scenario shares it.
    static LAST_SCENARIO: RefCell<Option<(u64, Rc<str>)>> = const { RefCell::new(None) };
}

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn send(event: &str, json: &str) {
    let Some(window) = window() else { return };
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&JsValue::from_str(json));
    if let Ok(e) = web_sys::CustomEvent::new_with_event_init_dict(event, &init) {
        let _ = window.dispatch_event(&e);
    }
}

/// Calls `on` with each event's detail as `read` reads it, for as long as the page lives.
fn listen<T: 'static>(event: &str, read: fn(String) -> Option<T>, on: Callback<T>) {
    let Some(window) = window() else { return };
    let closure = Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
        if let Some(value) = e.detail().as_string().and_then(read) {
            on.emit(value);
        }
    });
    let _ = window.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Publishes the context (the first module, when it changes): the scenario first, if it is not
/// the one published last.
pub fn publish(context: &Context) {
    let Ok(json) = serde_json::to_string(context) else {
        return;
    };
    let Some(window) = window() else { return };
    let key = JsValue::from_str(&context.scenario_key.to_string());
    let published = js_sys::Reflect::get(&window, &SCENARIO_KEY_KEY.into()).ok();
    if published.as_ref() != Some(&key) {
        let _ = js_sys::Reflect::set(
            &window,
            &SCENARIO_KEY.into(),
            &JsValue::from_str(&context.scenario_json),
        );
        let _ = js_sys::Reflect::set(&window, &SCENARIO_KEY_KEY.into(), &key);
    }
    let _ = js_sys::Reflect::set(&window, &CONTEXT_KEY.into(), &JsValue::from_str(&json));
    send(CONTEXT_EVENT, &json);
}

/// What `last` holds for `key`, if it was read for that key.
fn kept<K: PartialEq + 'static, V: Clone + 'static>(
    last: &'static std::thread::LocalKey<RefCell<Option<(K, V)>>>,
    key: &K,
) -> Option<V> {
    last.with_borrow(|l| l.as_ref().filter(|(k, _)| k == key).map(|(_, v)| v.clone()))
}

/// The scenario of `key`, as published on the window; read from there once per key.
fn scenario_of(key: u64) -> Option<Rc<str>> {
    if let Some(json) = kept(&LAST_SCENARIO, &key) {
        return Some(json);
    }
    let window = window()?;
    let published = js_sys::Reflect::get(&window, &SCENARIO_KEY_KEY.into())
        .ok()?
        .as_string()?;
    if published != key.to_string() {
        return None;
    }
    let json: Rc<str> = js_sys::Reflect::get(&window, &SCENARIO_KEY.into())
        .ok()?
        .as_string()?
        .into();
    LAST_SCENARIO.with(|l| *l.borrow_mut() = Some((key, json.clone())));
    Some(json)
}

/// A context published as `json`, with its scenario; read once however many panels ask.
fn read_context(json: String) -> Option<Context> {
    if let Some(context) = kept(&LAST_CONTEXT, &json) {
        return Some(context);
    }
    let mut context: Context = serde_json::from_str(&json).ok()?;
    context.scenario_json = scenario_of(context.scenario_key)?;
    LAST_CONTEXT.with(|l| *l.borrow_mut() = Some((json, context.clone())));
    Some(context)
}

/// The context published last, if any (the second module, when it starts).
pub fn context() -> Option<Context> {
    let window = window()?;
    let json = js_sys::Reflect::get(&window, &CONTEXT_KEY.into())
        .ok()?
        .as_string()?;
    read_context(json)
}

/// Calls `on` with every context published from now on (the second module).
pub fn on_context(on: Callback<Context>) {
    listen(CONTEXT_EVENT, read_context, on);
}

/// Asks the first module to do `request` (the second module).
pub fn request(request: &Request) {
    if let Ok(json) = serde_json::to_string(request) {
        send(REQUEST_EVENT, &json);
    }
}

/// Calls `on` with every request of the second module (the first module).
pub fn on_request(on: Callback<Request>) {
    listen(REQUEST_EVENT, |json| serde_json::from_str(&json).ok(), on);
}

/// Loads the second module (`extras/` beside the page) and starts it; a failure leaves the
/// answers' place saying so (the first module works on without it).
pub async fn load_extras() -> Result<(), JsValue> {
    let base = window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let url = web_sys::Url::new_with_base("extras/ncms-web-extras.js", &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| "./extras/ncms-web-extras.js".into());
    let module = wasm_bindgen_futures::JsFuture::from(import_module(&url)).await?;
    let init: js_sys::Function = js_sys::Reflect::get(&module, &"default".into())?.dyn_into()?;
    let started = init.call0(&JsValue::NULL)?;
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&started)).await?;
    Ok(())
}
