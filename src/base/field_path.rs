//! Field paths: `lines[2].inpatient.deductible` names one place in a scenario. This module is
//! the one parser and printer of paths; validation, edits, the registry, share links and the
//! JSON reader all go through [`FieldPath`], so a path has exactly one spelling.
//!
//! The grammar is strict: keys are lower-case ASCII words (`a-z`, `0-9`, `_`, starting with a
//! letter), separated by `.`; a list index follows its key in brackets, in decimal without
//! leading zeros. `lines.2.inpatient` and `lines[02]` are refused, not read as `lines[2]`.

use std::fmt;

/// The longest path accepted, in bytes: far above any real path, a bound for hostile input.
const MAX_PATH_LEN: usize = 200;

/// One step of a path: a key of an object or an index into a list.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// A parsed field path.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldPath(Vec<Segment>);

/// Why a text is not a field path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathError {
    Empty,
    TooLong,
    /// A character that cannot appear at this place, at this byte offset.
    Unexpected(usize),
}

impl FieldPath {
    /// The empty path: the scenario as a whole.
    pub fn root() -> FieldPath {
        FieldPath(Vec::new())
    }

    /// Parses the one spelling of a path (see the module's grammar).
    pub fn parse(text: &str) -> Result<FieldPath, PathError> {
        let mut segments = Vec::new();
        scan(text, |piece| {
            segments.push(match piece {
                Piece::Key(key) => Segment::Key(key.to_string()),
                Piece::Index(index) => Segment::Index(index),
            })
        })?;
        Ok(FieldPath(segments))
    }

    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    pub fn key(mut self, key: &str) -> FieldPath {
        self.0.push(Segment::Key(key.to_string()));
        self
    }

    pub fn index(mut self, index: usize) -> FieldPath {
        self.0.push(Segment::Index(index));
        self
    }

    /// `self` followed by `tail`.
    pub fn join(mut self, tail: &FieldPath) -> FieldPath {
        self.0.extend(tail.0.iter().cloned());
        self
    }

    /// Adds a segment in front: how the JSON reader builds a path from the inside out.
    pub(crate) fn push_front(&mut self, segment: Segment) {
        self.0.insert(0, segment);
    }

    /// The last key of the path (`deductible` for `lines[2].inpatient.deductible`).
    pub fn leaf(&self) -> Option<&str> {
        self.0.iter().rev().find_map(|s| match s {
            Segment::Key(k) => Some(k.as_str()),
            Segment::Index(_) => None,
        })
    }

    /// The path with every index replaced by `*`, as the parameter registry writes its rows
    /// (`lines[*].inpatient.deductible`), and the first index, if any.
    pub fn pattern(&self) -> (String, Option<usize>) {
        let mut out = String::new();
        let mut first = None;
        for segment in &self.0 {
            match segment {
                Segment::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Segment::Index(index) => {
                    first.get_or_insert(*index);
                    out.push_str("[*]");
                }
            }
        }
        (out, first)
    }

    /// The JSON pointer of the path (`/lines/2/inpatient/deductible`).
    pub fn json_pointer(&self) -> String {
        let mut out = String::new();
        for segment in &self.0 {
            out.push('/');
            match segment {
                Segment::Key(key) => out.push_str(&key.replace('~', "~0").replace('/', "~1")),
                Segment::Index(index) => out.push_str(&index.to_string()),
            }
        }
        out
    }
}

/// One step of a path as [`scan`] reads it, borrowed from the text.
enum Piece<'a> {
    Key(&'a str),
    Index(usize),
}

/// Reads `text` by the module's grammar, handing each key and index to `piece` in order: the one
/// reader of paths, behind both [`FieldPath::parse`] and [`Pattern::parse`].
fn scan<'a>(text: &'a str, mut piece: impl FnMut(Piece<'a>)) -> Result<(), PathError> {
    if text.is_empty() {
        return Err(PathError::Empty);
    }
    if text.len() > MAX_PATH_LEN {
        return Err(PathError::TooLong);
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        // A key.
        let start = i;
        if !bytes.get(i).is_some_and(u8::is_ascii_lowercase) {
            return Err(PathError::Unexpected(i));
        }
        while bytes
            .get(i)
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_')
        {
            i += 1;
        }
        piece(Piece::Key(&text[start..i]));
        // Any indices.
        while bytes.get(i) == Some(&b'[') {
            i += 1;
            let start = i;
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            let digits = &text[start..i];
            let leading_zero = digits.len() > 1 && digits.starts_with('0');
            if digits.is_empty() || leading_zero || digits.len() > 9 {
                return Err(PathError::Unexpected(start));
            }
            if bytes.get(i) != Some(&b']') {
                return Err(PathError::Unexpected(i));
            }
            i += 1;
            piece(Piece::Index(
                digits.parse().map_err(|_| PathError::Unexpected(start))?,
            ));
        }
        match bytes.get(i) {
            None => return Ok(()),
            Some(b'.') => i += 1,
            Some(_) => return Err(PathError::Unexpected(i)),
        }
    }
}

/// What the parameter registry needs of a path: its pattern, with every index written `[*]`
/// (`lines[*].inpatient.deductible`), the first index and how many there are. Read straight
/// from the text, without building a [`FieldPath`]: the fast edit path resolves every edit of
/// every keystroke this way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub pattern: String,
    pub first_index: Option<usize>,
    pub indices: usize,
}

impl Pattern {
    pub fn parse(text: &str) -> Result<Pattern, PathError> {
        let mut out = Pattern {
            pattern: String::with_capacity(text.len() + 2),
            first_index: None,
            indices: 0,
        };
        scan(text, |piece| match piece {
            Piece::Key(key) => {
                if !out.pattern.is_empty() {
                    out.pattern.push('.');
                }
                out.pattern.push_str(key);
            }
            Piece::Index(index) => {
                out.first_index.get_or_insert(index);
                out.indices += 1;
                out.pattern.push_str("[*]");
            }
        })?;
        Ok(out)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if i == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_reads_and_prints_in_its_one_spelling() {
        for text in [
            "lines[2].inpatient.deductible",
            "financing.government.county",
            "rules.annual_ceiling.income_multiple.floor",
            "year",
            "sources[0]",
            "lines[10].outpatient.visit_cap",
        ] {
            assert_eq!(FieldPath::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn other_spellings_are_refused() {
        for text in [
            "",
            "lines.2.inpatient.deductible",
            "lines[02].inpatient",
            "lines[].inpatient",
            "lines[2]inpatient",
            "Lines[2]",
            " lines[2]",
            "lines[2].",
            ".lines",
            "lines..x",
            "lines[-1]",
            "lines[1e3]",
            "lines[2",
            "financing/individual",
            "lines[9999999999]",
        ] {
            assert!(FieldPath::parse(text).is_err(), "{text:?} must be refused");
        }
        assert_eq!(FieldPath::parse("lines.2.x"), Err(PathError::Unexpected(6)));
        assert_eq!(FieldPath::parse(&"a".repeat(201)), Err(PathError::TooLong));
    }

    #[test]
    fn a_pattern_read_from_text_is_the_parsed_paths() {
        for text in [
            "lines[3].inpatient.deductible",
            "financing.individual",
            "lines[1].inpatient[2].deductible",
        ] {
            let path = FieldPath::parse(text).unwrap();
            let pattern = Pattern::parse(text).unwrap();
            let (expected, first) = path.pattern();
            assert_eq!((pattern.pattern, pattern.first_index), (expected, first));
        }
        assert_eq!(
            Pattern::parse("lines[02]").unwrap_err(),
            PathError::Unexpected(6)
        );
        assert_eq!(
            Pattern::parse("lines[1].inpatient[2].x").unwrap().indices,
            2
        );
    }

    #[test]
    fn patterns_and_pointers() {
        let path = FieldPath::parse("lines[3].inpatient.deductible").unwrap();
        assert_eq!(
            path.pattern(),
            ("lines[*].inpatient.deductible".to_string(), Some(3))
        );
        assert_eq!(path.json_pointer(), "/lines/3/inpatient/deductible");
        assert_eq!(path.leaf(), Some("deductible"));
        let built = FieldPath::root().key("lines").index(3).key("inpatient");
        assert_eq!(built.to_string(), "lines[3].inpatient");
    }
}
