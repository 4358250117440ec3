//! The work as text: the share-link fragment (`#w=<base64url JSON of the work>`; links of the
//! first version, `#v=1&s=…&e=…`, still open) and the draft kept in the browser's storage, with
//! its undo history (a file's text is stored once however many steps refer to it). Decoding
//! never panics: a damaged link is a [`Problem`]. Pure: tested natively.

use crate::state::work::{History, Source, Work};
use crate::view::ui_words::{both, Ui};
use ncms_sim::{Edits, Lang, Problem, ProblemKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::rc::Rc;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// base64url (padding tolerated) back to bytes; `None` for any other character.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let value = ALPHABET.iter().position(|&a| a == c)? as u32;
        buffer = (buffer << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// The fragment (without `#`) that reproduces `work` on any copy of the app.
pub fn fragment(work: &Work) -> String {
    let json = serde_json::to_string(work).unwrap_or_default();
    format!("w={}", encode(json.as_bytes()))
}

fn damaged(part: &str, reason: fn(&Ui) -> &'static str) -> Vec<Problem> {
    vec![Problem::new(
        format!("#{part}"),
        ProblemKind::Unreadable {
            reason: both(reason),
        },
        "",
    )]
}

fn text_part(part: &str, value: Option<&str>) -> Result<String, Vec<Problem>> {
    let value = value.ok_or_else(|| damaged(part, |w| w.link_part_missing))?;
    decode(value)
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(|| damaged(part, |w| w.link_part_not_base64))
}

/// Reads a fragment (with or without `#`). `Ok(None)`: there is no work in it.
pub fn parse_fragment(fragment: &str) -> Result<Option<Work>, Vec<Problem>> {
    let fragment = fragment.trim_start_matches('#');
    if fragment.is_empty() {
        return Ok(None);
    }
    if let Some(encoded) = fragment.strip_prefix("w=") {
        let json = text_part("w", Some(encoded))?;
        let work: Work =
            serde_json::from_str(&json).map_err(|_| damaged("w", |w| w.link_work_unreadable))?;
        if work.plans.is_empty() {
            return Err(damaged("w", |w| w.link_no_plan));
        }
        return Ok(Some(work));
    }
    parse_first_version(fragment).map(Some)
}

/// Links of the first version: `v=1&s=<id>&e=<edits>` or `v=1&f=<file>&n=<name>&e=<edits>`.
fn parse_first_version(fragment: &str) -> Result<Work, Vec<Problem>> {
    let mut version = None;
    let (mut id, mut file, mut name, mut edits) = (None, None, None, None);
    for pair in fragment.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "v" => version = Some(value),
            "s" => id = Some(value),
            "f" => file = Some(value),
            "n" => name = Some(value),
            "e" => edits = Some(value),
            other => return Err(damaged(other, |w| w.link_unknown_part)),
        }
    }
    if version != Some("1") {
        return Err(damaged("v", |w| w.link_version_unknown));
    }
    let edits_text = text_part("e", edits)?;
    let numbers: BTreeMap<String, f64> = serde_json::from_str(&edits_text)
        .map_err(|_| damaged("e", |w| w.link_edits_not_numbers))?;
    let edits = ncms_sim::scenario::edits_from(numbers.into_iter().map(|(k, v)| (k, Some(v))));
    let source = match (id, file) {
        (Some(id), None) => Source::Bundled(text_part("s", Some(id))?),
        (None, Some(file)) => Source::File {
            edited: false,
            json: text_part("f", Some(file))?.into(),
            name: name
                .map(|n| text_part("n", Some(n)))
                .transpose()?
                .unwrap_or_else(|| "scenario.json".into()),
        },
        _ => return Err(damaged("s", |w| w.link_scenario_missing)),
    };
    Ok(Work::new(source, edits, Lang::Zh))
}

/// What a tab keeps in the browser's storage: its work, its undo history and its language.
#[derive(Clone, PartialEq, Debug)]
pub struct Draft {
    pub work: Work,
    pub history: History,
    pub lang: Lang,
    /// When it was written (ms since the epoch), to find the most recent draft.
    pub saved_at: f64,
}

/// A [`Draft`] as stored: each file's text once, referred to by number.
#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    lang: Lang,
    saved_at: f64,
    files: Vec<Rc<str>>,
    work: StoredWork,
    past: Vec<StoredWork>,
    future: Vec<StoredWork>,
}

#[derive(Serialize, Deserialize)]
struct StoredWork {
    /// A bundled id, or `None` for a file.
    bundled: Option<String>,
    /// The file's name, its number in `files` and whether it was edited in the app.
    file: Option<(String, usize, bool)>,
    #[serde(default)]
    assumptions: Edits,
    plans: Vec<crate::state::work::Plan>,
    active: usize,
    year: usize,
    #[serde(default)]
    baseline_from: Option<String>,
}

const DRAFT_VERSION: u32 = 2;

/// The draft as text for the browser's storage.
pub fn draft_to_text(draft: &Draft) -> String {
    let mut files: Vec<Rc<str>> = Vec::new();
    let mut store = |work: &Work| {
        let (bundled, file) = match &work.source {
            Source::Bundled(id) => (Some(id.clone()), None),
            Source::File { name, json, edited } => {
                let index = files.iter().position(|f| f == json).unwrap_or_else(|| {
                    files.push(json.clone());
                    files.len() - 1
                });
                (None, Some((name.clone(), index, *edited)))
            }
        };
        StoredWork {
            bundled,
            file,
            assumptions: work.assumptions.clone(),
            plans: work.plans.clone(),
            active: work.active,
            year: work.year,
            baseline_from: work.baseline_from.clone(),
        }
    };
    let work = store(&draft.work);
    let past = draft.history.past.iter().map(|w| store(w)).collect();
    let future = draft.history.future.iter().map(|w| store(w)).collect();
    serde_json::to_string(&Stored {
        version: DRAFT_VERSION,
        lang: draft.lang,
        saved_at: draft.saved_at,
        files,
        work,
        past,
        future,
    })
    .unwrap_or_default()
}

/// A stored draft back; `None` if it is not one this version can read.
pub fn draft_from_text(text: &str) -> Option<Draft> {
    let stored: Stored = serde_json::from_str(text).ok()?;
    if stored.version != DRAFT_VERSION {
        return None;
    }
    let load = |w: StoredWork| -> Option<Work> {
        let source = match (w.bundled, w.file) {
            (Some(id), None) => Source::Bundled(id),
            (None, Some((name, index, edited))) => Source::File {
                name,
                json: stored.files.get(index)?.clone(),
                edited,
            },
            _ => return None,
        };
        (!w.plans.is_empty()).then_some(Work {
            source,
            assumptions: w.assumptions,
            plans: w.plans,
            active: w.active,
            year: w.year,
            baseline_from: w.baseline_from,
        })
    };
    let work = load(stored.work)?;
    let steps = |works: Vec<StoredWork>| works.into_iter().filter_map(load).map(Rc::new).collect();
    let mut history = History::default();
    history.past = steps(stored.past);
    history.future = steps(stored.future);
    Some(Draft {
        work,
        history,
        lang: stored.lang,
        saved_at: stored.saved_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_work(json: &str, individual: f64) -> Work {
        let edits: Edits = [
            ("financing.individual".to_string(), Some(individual)),
            ("lines[0].outpatient.visit_cap".to_string(), None),
        ]
        .into();
        Work::new(
            Source::File {
                name: "mine.json".into(),
                json: json.into(),
                edited: false,
            },
            edits,
            Lang::Zh,
        )
    }

    #[test]
    fn a_link_reproduces_the_work() {
        let work = file_work("{\"id\": \"x\"}", 120.5);
        let fragment = fragment(&work);
        assert_eq!(parse_fragment(&format!("#{fragment}")).unwrap(), Some(work));
        assert_eq!(parse_fragment("").unwrap(), None);
    }

    #[test]
    fn a_first_version_link_still_opens() {
        let edits = encode(br#"{"financing.individual":130}"#);
        let id = encode(b"pinghu-2012");
        let work = parse_fragment(&format!("v=1&s={id}&e={edits}"))
            .unwrap()
            .unwrap();
        assert_eq!(work.source, Source::Bundled("pinghu-2012".into()));
        assert_eq!(work.edits().get("financing.individual"), Some(&Some(130.0)));
    }

    #[test]
    fn a_damaged_link_is_a_problem_not_a_panic() {
        for fragment in [
            "w=%%%",
            "w=e30",
            "w=",
            "v=2&s=x",
            "v=1&s=***&e=e30",
            "zz=1",
            "w=bnVsbA",
        ] {
            let problems = parse_fragment(fragment).unwrap_err();
            assert!(problems[0].path.starts_with('#'), "{fragment}");
            assert!(!problems[0].message.zh.is_empty());
        }
    }

    #[test]
    fn a_draft_stores_each_file_once_and_reads_back() {
        let big = "x".repeat(10_000);
        let mut history = History::default();
        for i in 0..20 {
            history.record(&file_work(&big, f64::from(i)), None);
        }
        let mut work = file_work(&big, 99.0);
        // The baseline's origin travels with the draft.
        work.baseline_from = Some("Plan 2".into());
        let draft = Draft {
            work,
            history,
            lang: Lang::En,
            saved_at: 1.0e12,
        };
        let text = draft_to_text(&draft);
        assert!(
            text.len() < 2 * big.len(),
            "the file is stored once: {} bytes",
            text.len()
        );
        assert_eq!(draft_from_text(&text), Some(draft));
        assert_eq!(draft_from_text("{}"), None);
    }

    #[test]
    fn a_stored_draft_comes_back_from_the_compact_form() {
        // Drafts are to be kept in the compact form (issue 14): it must hold every part of one.
        let mut history = History::default();
        history.record(&file_work("{\"id\": \"x\"}", 100.0), None);
        let mut work = file_work("{\"id\": \"x\"}", 120.5);
        work.baseline_from = Some("方案二".into());
        let draft = Draft {
            work,
            history,
            lang: Lang::En,
            saved_at: 1.7e12,
        };
        let stored: Stored = serde_json::from_str(&draft_to_text(&draft)).unwrap();
        let bytes = ncms_sim::compact::to_bytes(&stored).unwrap();
        let back: Stored = ncms_sim::compact::from_bytes(&bytes).unwrap();
        let text = serde_json::to_string(&back).unwrap();
        assert_eq!(text, serde_json::to_string(&stored).unwrap());
        assert_eq!(draft_from_text(&text), Some(draft));
    }
}
