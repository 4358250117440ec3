//! The app's state as text: the share-link fragment (`#v=1&s=<id>&e=<edits>` for a bundled
//! scenario, `#v=1&f=<file>&n=<name>&e=<edits>` for an opened file, each part base64url JSON) and
//! the record kept in localStorage. Decoding never panics: a damaged link is a [`Problem`].

use ncms_sim::{Edits, Lang, Problem, Text};
use serde::{Deserialize, Serialize};

/// Where the scenario came from.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Bundled(String),
    File { name: String, json: String },
}

/// What a link or the stored record holds.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Saved {
    pub source: Source,
    pub edits: Edits,
    #[serde(default)]
    pub lang: Lang,
}

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
        let chars = chunk.len() + 1;
        for i in 0..chars {
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

/// The fragment (without `#`) that reproduces `saved` (the language is not part of a link).
pub fn fragment(saved: &Saved) -> String {
    let edits = serde_json::to_string(&saved.edits).unwrap_or_else(|_| "{}".into());
    let edits = encode(edits.as_bytes());
    match &saved.source {
        Source::Bundled(id) => format!("v=1&s={}&e={edits}", encode(id.as_bytes())),
        Source::File { name, json } => format!(
            "v=1&f={}&n={}&e={edits}",
            encode(json.as_bytes()),
            encode(name.as_bytes())
        ),
    }
}

fn damaged(part: &str, en: &str, zh: &str) -> Vec<Problem> {
    vec![Problem {
        path: format!("#{part}"),
        value: String::new(),
        allowed: String::new(),
        message: Text::new(zh, en),
    }]
}

fn text_part(part: &str, value: Option<&str>) -> Result<String, Vec<Problem>> {
    let value = value
        .ok_or_else(|| damaged(part, "this part of the link is missing", "链接缺少这一部分"))?;
    decode(value)
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(|| {
            damaged(
                part,
                "this part of the link is not valid base64url text",
                "链接这一部分不是有效的 base64url 文本",
            )
        })
}

/// Reads a fragment (with or without `#`). `Ok(None)`: there is no app state in it.
pub fn parse_fragment(fragment: &str) -> Result<Option<Saved>, Vec<Problem>> {
    let fragment = fragment.trim_start_matches('#');
    if fragment.is_empty() {
        return Ok(None);
    }
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
            other => {
                return Err(damaged(
                    other,
                    "the link has a part the app does not know",
                    "链接含有无法识别的部分",
                ))
            }
        }
    }
    if version != Some("1") {
        return Err(damaged(
            "v",
            "the link's version is missing or unknown (expected 1)",
            "链接版本缺失或无法识别（应为 1）",
        ));
    }
    let edits_text = text_part("e", edits)?;
    let edits: Edits = serde_json::from_str(&edits_text).map_err(|e| {
        damaged(
            "e",
            &format!("the edits are not a JSON object of numbers: {e}"),
            &format!("调整内容不是数字组成的 JSON 对象：{e}"),
        )
    })?;
    let source = match (id, file) {
        (Some(id), None) => Source::Bundled(text_part("s", Some(id))?),
        (None, Some(file)) => Source::File {
            json: text_part("f", Some(file))?,
            name: name
                .map(|n| text_part("n", Some(n)))
                .transpose()?
                .unwrap_or_else(|| "scenario.json".into()),
        },
        _ => {
            return Err(damaged(
                "s",
                "the link must name one bundled scenario or carry one file",
                "链接须指定一个内置方案或包含一个文件",
            ))
        }
    };
    Ok(Some(Saved {
        source,
        edits,
        lang: Lang::Zh,
    }))
}
