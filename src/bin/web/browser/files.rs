//! Files in and out: downloads of text and bytes, reading a file the official chose, the
//! clipboard. Nothing here leaves the page's origin.

use crate::browser::page::window;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, File, FileReader, HtmlAnchorElement, Url};
use yew::Callback;

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
