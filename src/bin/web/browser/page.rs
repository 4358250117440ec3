//! The page itself: its address (the fragment a link carries, the presentation flag), the undo
//! keys, printing, the page being hidden, and the time. Nothing here leaves the page's origin.

use crate::state::link::{fragment, parse_fragment};
use crate::state::work::Work;
use ncms_sim::Problem;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

#[wasm_bindgen::prelude::wasm_bindgen(
    inline_js = "export function import_module(url) { return import(url); }"
)]
extern "C" {
    /// `import(url)`: loads a JS module (the second module's loader, the tools module's) by its
    /// URL. One declaration, so that the page fetches one snippet for it.
    pub fn import_module(url: &str) -> js_sys::Promise;
}

pub fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

pub fn now() -> f64 {
    js_sys::Date::now()
}

/// The work carried by the page's fragment: `Ok(None)` when there is none.
pub fn fragment_work() -> Result<Option<Work>, Vec<Problem>> {
    let hash = window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    parse_fragment(&hash)
}

/// Removes the fragment once read, so that a reload shows the stored draft, not the link's.
pub fn clear_fragment() {
    let Some(window) = window() else { return };
    let location = window.location();
    if location.hash().map(|h| h.is_empty()).unwrap_or(true) {
        return;
    }
    let url = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The link that reproduces `work` on this page.
pub fn share_url(work: &Work) -> String {
    let Some(window) = window() else {
        return String::new();
    };
    let location = window.location();
    format!(
        "{}{}{}#{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default(),
        fragment(work)
    )
}

pub fn print() {
    if let Some(window) = window() {
        let _ = window.print();
    }
}

/// Calls `on_change` whenever the fragment changes (a link pasted into this tab).
pub fn on_hash_change(on_change: Callback<()>) {
    let Some(window) = window() else { return };
    let closure = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || on_change.emit(()));
    let _ = window.add_event_listener_with_callback("hashchange", closure.as_ref().unchecked_ref());
    // The app lives as long as the page: the listener is never removed.
    closure.forget();
}

/// What an undo key asks for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UndoKey {
    Undo,
    Redo,
}

/// Calls `on_key` for Ctrl+Z (undo), Ctrl+Y and Ctrl+Shift+Z (redo), ⌘ on a Mac. The app's undo
/// covers typed numbers too (each is an edit), so the keys are the app's everywhere.
pub fn on_undo_keys(on_key: Callback<UndoKey>) {
    let Some(window) = window() else { return };
    let closure = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(
        move |event: web_sys::KeyboardEvent| {
            if !(event.ctrl_key() || event.meta_key()) || event.alt_key() {
                return;
            }
            let key = event.key().to_ascii_lowercase();
            let action = match (key.as_str(), event.shift_key()) {
                ("z", false) => UndoKey::Undo,
                ("z", true) | ("y", _) => UndoKey::Redo,
                _ => return,
            };
            event.prevent_default();
            on_key.emit(action);
        },
    );
    let _ = window.add_event_listener_with_callback("keydown", closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Calls `on_escape` for the Escape key, unless a field has taken it first (a pending typed
/// value drops its reading with Esc and stops the event there).
pub fn on_escape_key(on_escape: Callback<()>) {
    let Some(window) = window() else { return };
    let closure = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(
        move |event: web_sys::KeyboardEvent| {
            if event.key() == "Escape" && !event.default_prevented() {
                on_escape.emit(());
            }
        },
    );
    let _ = window.add_event_listener_with_callback("keydown", closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Whether the page was opened in presentation mode (`?present` in its address).
pub fn presentation_flag() -> bool {
    window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|s| {
            s.trim_start_matches('?')
                .split('&')
                .any(|p| p == "present" || p == "present=1")
        })
}

/// Puts presentation mode in the address (or takes it out), so a reload or a bookmark keeps it.
pub fn set_presentation_flag(on: bool) {
    let Some(window) = window() else { return };
    let location = window.location();
    let url = format!(
        "{}{}{}",
        location.pathname().unwrap_or_default(),
        if on { "?present" } else { "" },
        location.hash().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The browser's local date and time, for the report: "2026-11-25 14:03".
pub fn local_time() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Calls `before` when the browser is about to print (Ctrl+P, the print button, print to PDF) and
/// `after` when it has.
pub fn on_print(before: Callback<()>, after: Callback<()>) {
    let Some(window) = window() else { return };
    for (event, callback) in [("beforeprint", before), ("afterprint", after)] {
        let closure = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || callback.emit(()));
        let _ = window.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        closure.forget();
    }
}

/// Calls `on_hide` when the page is hidden or left (tab switched, closed, reloaded), when unsaved
/// work must be written at once.
pub fn on_page_hide(on_hide: Callback<()>) {
    let Some(window) = window() else { return };
    let closure = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || on_hide.emit(()));
    let _ = window.add_event_listener_with_callback("pagehide", closure.as_ref().unchecked_ref());
    if let Some(document) = window.document() {
        let _ = document
            .add_event_listener_with_callback("visibilitychange", closure.as_ref().unchecked_ref());
    }
    closure.forget();
}

/// Writes `text` into the element `id` (a place whose module could not load says so).
pub fn say_in(id: &str, text: &str) {
    if let Some(element) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        element.set_text_content(Some(text));
    }
}
