//! Raw byte mutations of a scenario's text: bits flipped, bytes inserted, deleted, truncated or
//! spliced, full-width punctuation and digits, byte-order marks, NUL bytes, invalid UTF-8 (the
//! engine takes `&str`, so the bytes go through `String::from_utf8_lossy`, as a browser's
//! `TextDecoder` would), and padding up to the size limit.

use crate::structured::{structured, Structured};
use ncms_sim::read::MAX_FILE_BYTES;
use proptest::prelude::*;
use proptest::sample::Index;

/// Byte strings spliced in: full-width punctuation, marks, control bytes, invalid UTF-8, tokens.
const TOKENS: &[&[u8]] = &[
    "，".as_bytes(),
    "：".as_bytes(),
    "“".as_bytes(),
    "”".as_bytes(),
    "｛".as_bytes(),
    "｝".as_bytes(),
    "［".as_bytes(),
    "］".as_bytes(),
    "。".as_bytes(),
    "０".as_bytes(),
    "\u{feff}".as_bytes(),
    "\u{a0}".as_bytes(),
    "\u{3000}".as_bytes(),
    "\u{2028}".as_bytes(),
    b"\0",
    b"\xff",
    b"\xc0\x80",
    b"\xed\xa0\x80",
    b"\xe4\xb8",
    b"\\",
    b"\\u",
    b"\\ud800",
    b"\"",
    b",",
    b":",
    b"{",
    b"}",
    b"[",
    b"]",
    b"-",
    b"e",
    b".",
    b"0",
    b"99999999999999999999999",
    b"1e400",
    b"null",
    b"true",
    b"\n",
    b"\r",
    b"\t",
    b"/*",
    b"//",
    b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
];

/// ASCII punctuation and digits and their full-width forms.
const FULL_WIDTH: &[(u8, &str)] = &[
    (b',', "，"),
    (b':', "："),
    (b'"', "“"),
    (b'"', "”"),
    (b'{', "｛"),
    (b'}', "｝"),
    (b'[', "［"),
    (b']', "］"),
    (b'.', "．"),
    (b'0', "０"),
    (b'1', "１"),
    (b'5', "５"),
];

#[derive(Debug, Clone)]
pub enum ByteOp {
    Flip(Index, u8),
    Set(Index, u8),
    Insert(Index, usize),
    InsertByte(Index, u8),
    Delete(Index, usize),
    Truncate(Index),
    /// Copies `len` bytes from one place to another.
    Splice(Index, usize, Index),
    /// Replaces one occurrence of an ASCII character by its full-width form.
    FullWidth(usize, Index),
    /// Replaces every occurrence.
    FullWidthAll(usize),
    Bom,
    /// Pads with spaces to `MAX_FILE_BYTES + delta` bytes, at the start or the end.
    Pad(i8, bool),
}

impl ByteOp {
    pub fn apply(&self, bytes: &mut Vec<u8>) {
        let at = |i: &Index, len: usize| i.index(len + 1);
        match self {
            ByteOp::Flip(i, bit) if !bytes.is_empty() => {
                let n = bytes.len();
                bytes[i.index(n)] ^= 1 << (bit % 8);
            }
            ByteOp::Set(i, byte) if !bytes.is_empty() => {
                let n = bytes.len();
                bytes[i.index(n)] = *byte;
            }
            ByteOp::Insert(i, token) => {
                let p = at(i, bytes.len());
                let token = TOKENS[token % TOKENS.len()];
                bytes.splice(p..p, token.iter().copied());
            }
            ByteOp::InsertByte(i, byte) => {
                let p = at(i, bytes.len());
                bytes.insert(p, *byte);
            }
            ByteOp::Delete(i, len) if !bytes.is_empty() => {
                let p = i.index(bytes.len());
                let end = (p + len).min(bytes.len());
                bytes.drain(p..end);
            }
            ByteOp::Truncate(i) => {
                let p = at(i, bytes.len());
                bytes.truncate(p);
            }
            ByteOp::Splice(from, len, to) if !bytes.is_empty() => {
                let p = from.index(bytes.len());
                let chunk: Vec<u8> = bytes[p..(p + len).min(bytes.len())].to_vec();
                let q = at(to, bytes.len());
                bytes.splice(q..q, chunk);
            }
            ByteOp::FullWidth(which, i) => {
                let (ascii, wide) = FULL_WIDTH[which % FULL_WIDTH.len()];
                let places: Vec<usize> = (0..bytes.len()).filter(|&p| bytes[p] == ascii).collect();
                if !places.is_empty() {
                    let p = places[i.index(places.len())];
                    bytes.splice(p..=p, wide.bytes());
                }
            }
            ByteOp::FullWidthAll(which) => {
                let (ascii, wide) = FULL_WIDTH[which % FULL_WIDTH.len()];
                let mut out = Vec::with_capacity(bytes.len() * 2);
                for &b in bytes.iter() {
                    if b == ascii {
                        out.extend_from_slice(wide.as_bytes());
                    } else {
                        out.push(b);
                    }
                }
                *bytes = out;
            }
            ByteOp::Bom => {
                bytes.splice(0..0, "\u{feff}".bytes());
            }
            ByteOp::Pad(delta, at_start) => {
                let target = (MAX_FILE_BYTES as i64 + i64::from(*delta)) as usize;
                if target > bytes.len() {
                    let pad = vec![b' '; target - bytes.len()];
                    if *at_start {
                        bytes.splice(0..0, pad);
                    } else {
                        bytes.extend(pad);
                    }
                }
            }
            _ => {}
        }
    }
}

fn byte_op() -> impl Strategy<Value = ByteOp> {
    let i = any::<Index>;
    prop_oneof![
        3 => (i(), any::<u8>()).prop_map(|(i, b)| ByteOp::Flip(i, b)),
        1 => (i(), any::<u8>()).prop_map(|(i, b)| ByteOp::Set(i, b)),
        4 => (i(), any::<usize>()).prop_map(|(i, t)| ByteOp::Insert(i, t)),
        1 => (i(), any::<u8>()).prop_map(|(i, b)| ByteOp::InsertByte(i, b)),
        2 => (i(), 1usize..64).prop_map(|(i, n)| ByteOp::Delete(i, n)),
        1 => i().prop_map(ByteOp::Truncate),
        1 => (i(), 1usize..200, i()).prop_map(|(f, n, t)| ByteOp::Splice(f, n, t)),
        3 => (any::<usize>(), i()).prop_map(|(w, i)| ByteOp::FullWidth(w, i)),
        1 => any::<usize>().prop_map(ByteOp::FullWidthAll),
        1 => Just(ByteOp::Bom),
    ]
}

/// A rarer operation: pad to just below, at or above the size limit (each case reads a megabyte).
fn pad() -> impl Strategy<Value = ByteOp> {
    (-3i8..=3, any::<bool>()).prop_map(|(d, s)| ByteOp::Pad(d, s))
}

/// A bundled scenario, perhaps mutated structurally, then mutated byte by byte.
#[derive(Debug, Clone)]
pub struct Bytes {
    pub start: Structured,
    pub ops: Vec<ByteOp>,
}

impl Bytes {
    pub fn text(&self) -> String {
        let mut bytes = self.start.text().into_bytes();
        for op in &self.ops {
            op.apply(&mut bytes);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

pub fn bytes() -> impl Strategy<Value = Bytes> {
    let ops = prop_oneof![
        200 => prop::collection::vec(byte_op(), 1..=4),
        1 => (prop::collection::vec(byte_op(), 0..=2), pad()).prop_map(|(mut ops, pad)| {
            ops.insert(0, pad);
            ops
        }),
    ];
    (structured(0..=2), ops).prop_map(|(start, ops)| Bytes { start, ops })
}
