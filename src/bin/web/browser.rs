//! The browser's I/O, in one place: localStorage, the URL fragment, downloads, the clipboard,
//! printing and reading a chosen file. Nothing here leaves the page's origin.

use crate::link::{fragment, parse_fragment, Saved};
use ncms_sim::Problem;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, File, FileReader, HtmlAnchorElement, Url};
use yew::Callback;

const STORAGE_KEY: &str = "ncms-sim/state@1";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok()?
}

/// The state stored by the last session, if any and readable.
pub fn stored() -> Option<Saved> {
    let text = storage()?.get_item(STORAGE_KEY).ok()??;
    serde_json::from_str(&text).ok()
}

pub fn store(saved: &Saved) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(saved)) {
        // A full or disabled storage only loses persistence, never the session.
        let _ = storage.set_item(STORAGE_KEY, &text);
    }
}

/// The app state carried by the page's fragment: `Ok(None)` when there is none.
pub fn fragment_state() -> Result<Option<Saved>, Vec<Problem>> {
    let hash = window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    parse_fragment(&hash)
}

/// Removes the fragment once read, so that a reload shows the stored edits, not the link's.
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

/// The link that reproduces `saved` on this page.
pub fn share_url(saved: &Saved) -> String {
    let Some(window) = window() else {
        return String::new();
    };
    let location = window.location();
    format!(
        "{}{}{}#{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default(),
        fragment(saved)
    )
}

pub fn copy_to_clipboard(text: &str) {
    if let Some(window) = window() {
        // The promise may be refused (no permission); the link is shown on the page anyway.
        let _ = window.navigator().clipboard().write_text(text);
    }
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(anchor) = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<HtmlAnchorElement>().ok())
    {
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    let _ = Url::revoke_object_url(&url);
}

pub fn print() {
    if let Some(window) = window() {
        let _ = window.print();
    }
}

/// Reads `file` as text and hands it to `done` with the file's name.
pub fn read_file(file: File, done: Callback<(String, Result<String, String>)>) {
    let name = file.name();
    let Ok(reader) = FileReader::new() else {
        done.emit((name, Err("FileReader is not available".into())));
        return;
    };
    let reader_in_callback = reader.clone();
    let on_load = wasm_bindgen::closure::Closure::once_into_js(move || {
        let text = reader_in_callback
            .result()
            .ok()
            .and_then(|v| v.as_string())
            .ok_or_else(|| "the file is not text".to_string());
        done.emit((name, text));
    });
    reader.set_onloadend(Some(on_load.unchecked_ref()));
    if reader.read_as_text(&file).is_err() {
        reader.set_onloadend(None);
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
