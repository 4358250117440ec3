//! The browser's I/O, in one place: the drafts in localStorage (one per tab), the URL fragment,
//! downloads, the clipboard, printing, reading a chosen file and the undo keys. Nothing here
//! leaves the page's origin.
//!
//! Each tab keeps its own draft (`ncms-sim/draft/<tab>`; the tab's id lives in sessionStorage,
//! which survives a reload of that tab only), so two tabs never overwrite each other's work; a
//! new tab starts from the most recent draft. A failed write is reported, never swallowed.

use crate::state::link::{draft_from_text, draft_to_text, fragment, parse_fragment, Draft};
use crate::state::work::Work;
use ncms_sim::{Problem, Text};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, File, FileReader, HtmlAnchorElement, Url};
use yew::Callback;

const DRAFT_PREFIX: &str = "ncms-sim/draft/";
const TAB_KEY: &str = "ncms-sim/tab";
/// Drafts kept for tabs that have been closed: the most recent ones.
const MAX_DRAFTS: usize = 8;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn local() -> Option<web_sys::Storage> {
    window()?.local_storage().ok()?
}

fn session() -> Option<web_sys::Storage> {
    window()?.session_storage().ok()?
}

pub fn now() -> f64 {
    js_sys::Date::now()
}

/// This tab's id: kept in sessionStorage, so a reload of the tab finds its own draft.
fn tab_id() -> String {
    let stored = session().and_then(|s| s.get_item(TAB_KEY).ok().flatten());
    if let Some(id) = stored {
        return id;
    }
    let id = format!(
        "{:x}{:x}",
        now() as u64,
        (js_sys::Math::random() * 1e9) as u64
    );
    if let Some(s) = session() {
        let _ = s.set_item(TAB_KEY, &id);
    }
    id
}

/// Every stored draft: its key and contents.
fn drafts() -> Vec<(String, Draft)> {
    let Some(storage) = local() else {
        return Vec::new();
    };
    let length = storage.length().unwrap_or(0);
    (0..length)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with(DRAFT_PREFIX))
        .filter_map(|key| {
            let text = storage.get_item(&key).ok().flatten()?;
            Some((key, draft_from_text(&text)?))
        })
        .collect()
}

/// The draft this tab starts from: its own (after a reload), or else the most recent one of any
/// tab (its work, not its history, which stays with that tab).
pub fn starting_draft() -> Option<Draft> {
    let own = format!("{DRAFT_PREFIX}{}", tab_id());
    let all = drafts();
    if let Some((_, draft)) = all.iter().find(|(key, _)| *key == own) {
        return Some(draft.clone());
    }
    all.into_iter()
        .map(|(_, d)| d)
        .max_by(|a, b| a.saved_at.total_cmp(&b.saved_at))
        .map(|d| Draft {
            history: Default::default(),
            ..d
        })
}

/// Keeps this tab's draft; `Err` says why it could not (storage full or disabled).
pub fn store(draft: &Draft) -> Result<(), Text> {
    let storage = local().ok_or_else(|| {
        Text::new(
            "浏览器禁用了本地存储",
            "the browser does not allow local storage",
        )
    })?;
    let key = format!("{DRAFT_PREFIX}{}", tab_id());
    let text = draft_to_text(draft);
    if storage.set_item(&key, &text).is_err() {
        // Make room by dropping the oldest drafts of other tabs, then try once more.
        prune(&storage, &key, 1);
        storage.set_item(&key, &text).map_err(|_| {
            Text::new(
                format!("浏览器存储空间不足（本次工作约 {} KB）", text.len() / 1024),
                format!(
                    "the browser's storage is full (this work is about {} KB)",
                    text.len() / 1024
                ),
            )
        })?;
    }
    prune(&storage, &key, MAX_DRAFTS);
    Ok(())
}

/// Keeps at most `keep` drafts besides this tab's, dropping the oldest.
fn prune(storage: &web_sys::Storage, own: &str, keep: usize) {
    let mut others: Vec<(String, f64)> = drafts()
        .into_iter()
        .filter(|(key, _)| key != own)
        .map(|(key, d)| (key, d.saved_at))
        .collect();
    others.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (key, _) in others.into_iter().skip(keep) {
        let _ = storage.remove_item(&key);
    }
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

pub fn copy_to_clipboard(text: &str) {
    if let Some(window) = window() {
        // The promise may be refused (no permission); the link is shown on the page anyway.
        let _ = window.navigator().clipboard().write_text(text);
    }
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    download_part(name, mime, &JsValue::from_str(text));
}

/// Offers `bytes` as a file download named `name` (a workbook).
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) {
    download_part(name, mime, &js_sys::Uint8Array::from(bytes).into());
}

fn download_part(name: &str, mime: &str, part: &JsValue) {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(part);
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
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
    read_with(
        file,
        done,
        FileReader::read_as_text,
        |v| v.as_string(),
        "the file is not text",
    );
}

/// Reads `file` with `start` (as text, as bytes) and hands `done` the file's name and what
/// `take` makes of the reader's result, or `unreadable`.
fn read_with<T: 'static>(
    file: File,
    done: Callback<(String, Result<T, String>)>,
    start: fn(&FileReader, &web_sys::Blob) -> Result<(), JsValue>,
    take: fn(JsValue) -> Option<T>,
    unreadable: &'static str,
) {
    let name = file.name();
    let Ok(reader) = FileReader::new() else {
        done.emit((name, Err("FileReader is not available".into())));
        return;
    };
    let reader_in_callback = reader.clone();
    let on_load = wasm_bindgen::closure::Closure::once_into_js(move || {
        let read = reader_in_callback
            .result()
            .ok()
            .and_then(take)
            .ok_or_else(|| unreadable.to_string());
        done.emit((name, read));
    });
    reader.set_onloadend(Some(on_load.unchecked_ref()));
    if start(&reader, &file).is_err() {
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

/// Reads `file` as bytes (a spreadsheet) and hands them to `done` with the file's name.
pub fn read_bytes(file: File, done: Callback<(String, Result<Vec<u8>, String>)>) {
    read_with(
        file,
        done,
        FileReader::read_as_array_buffer,
        |v| {
            v.is_instance_of::<js_sys::ArrayBuffer>()
                .then(|| js_sys::Uint8Array::new(&v).to_vec())
        },
        "the file could not be read",
    );
}
