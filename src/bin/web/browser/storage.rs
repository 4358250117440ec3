//! Drafts in the browser's localStorage, one per tab: each tab keeps its own draft
//! (`ncms-sim/draft/<tab>`; the tab's id lives in sessionStorage, which survives a reload of that
//! tab only), so two tabs never overwrite each other's work; a new tab starts from the most
//! recent draft. A failed write is reported, never swallowed.

use crate::browser::page::{now, window};
use crate::state::link::{draft_from_text, draft_to_text, Draft};
use crate::view::ui_words::{both, fill, ui};
use ncms_sim::{short_sort, Text};

const DRAFT_PREFIX: &str = "ncms-sim/draft/";
const TAB_KEY: &str = "ncms-sim/tab";
/// Drafts kept for tabs that have been closed: the most recent ones.
const MAX_DRAFTS: usize = 8;

fn local() -> Option<web_sys::Storage> {
    window()?.local_storage().ok()?
}

fn session() -> Option<web_sys::Storage> {
    window()?.session_storage().ok()?
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
    let storage = local().ok_or_else(|| both(|w| w.storage_disabled))?;
    let key = format!("{DRAFT_PREFIX}{}", tab_id());
    let text = draft_to_text(draft);
    if storage.set_item(&key, &text).is_err() {
        // Make room by dropping the oldest drafts of other tabs, then try once more.
        prune(&storage, &key, 1);
        storage.set_item(&key, &text).map_err(|_| {
            let size = (text.len() / 1024).to_string();
            Text::both(|lang| fill(ui(lang).storage_full, &[("size", &size)]))
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
    short_sort::sort_by(&mut others, |a, b| b.1.total_cmp(&a.1));
    for (key, _) in others.into_iter().skip(keep) {
        let _ = storage.remove_item(&key);
    }
}
