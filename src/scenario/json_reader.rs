//! Reading scenario JSON into the raw [`Scenario`] type: the file's checks before any range is
//! looked at. A byte-order mark is accepted (Windows Notepad writes one); then, in order:
//!
//! 1. a size limit (a file over [`MAX_FILE_BYTES`] is refused before it is parsed);
//! 2. the JSON syntax, with the position and a hint for full-width punctuation;
//! 3. the structure: a key written twice, more than [`MAX_LINES`] service lines;
//! 4. the typed reading through our own deserializer over the JSON tree, whose errors are
//!    structured (`UnknownField { expected }`, `WrongType { expected, found }`, …) rather than
//!    serde's English, and which refuses a struct written as a list (`"government": [273]`
//!    would otherwise be read by position, bypassing the field names). An unknown field is set
//!    aside and the reading goes on, so one typo does not hide the problems behind it.
//!
//! Every problem gets the position of its path in the file ([`Spans`]).

use crate::base::field_path::{FieldPath, Segment};
use crate::base::units::Unit;
use crate::scenario::file_format::Scenario;
use crate::scenario::params;
use crate::scenario::problem::{
    closest, syntax_hint, text_hint, Expected, Found, Position, Problem, ProblemKind,
};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fmt;

/// The largest scenario file read, in bytes: a real one is a few kilobytes.
pub const MAX_FILE_BYTES: usize = 1 << 20;
/// The most service lines a scenario may have: five levels, with room for several hospitals of
/// one level under different rules.
pub const MAX_LINES: usize = 20;
/// Enough to list every misspelling of a real file; a bound so that no input loops for long.
const MAX_UNKNOWN_FIELDS: usize = 50;

/// Where each path of a file is written: the position of its key (or of a list item).
#[derive(Debug, Clone, Default)]
pub struct Spans(HashMap<String, Position>);

impl Spans {
    /// The position of `path`, or of its nearest ancestor that the file writes.
    pub fn find(&self, path: &str) -> Option<Position> {
        let mut path = path;
        loop {
            if let Some(p) = self.0.get(path) {
                return Some(*p);
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }

    /// Gives every problem that has none the position of its path. An empty path is found too:
    /// it is a key written as `""` at the top of the file (the scanner records it under ""),
    /// whereas a problem of the file as a whole has its position already, or has none to find.
    pub fn locate(&self, problems: &mut [Problem]) {
        for problem in problems {
            if problem.position.is_none() {
                problem.position = self.find(&problem.path);
            }
        }
    }
}

/// A scenario read from text, with where its paths are written and the unknown fields that were
/// set aside to read it (errors all the same: the caller reports them with the rest).
pub struct ReadScenario {
    pub scenario: Scenario,
    pub spans: Spans,
    pub set_aside: Vec<Problem>,
}

/// Reads scenario JSON into the raw type (no range checks), or every reading problem found.
pub fn read(text: &str) -> Result<ReadScenario, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > MAX_FILE_BYTES {
        return Err(vec![Problem::new(
            "",
            ProblemKind::TooLarge {
                bytes: text.len(),
                max: MAX_FILE_BYTES,
            },
            "",
        )]);
    }
    let mut value: Value =
        serde_json::from_str(text).map_err(|e| vec![syntax_problem(text, &e)])?;
    let spans = scan(text);
    let mut problems: Vec<Problem> = spans
        .duplicates
        .iter()
        .map(|(path, key)| {
            Problem::new(
                path.clone(),
                ProblemKind::DuplicateKey { key: key.clone() },
                "",
            )
        })
        .collect();
    if let Some(lines) = value.get("lines").and_then(Value::as_array) {
        if lines.len() > MAX_LINES {
            problems.push(Problem::new(
                "lines",
                ProblemKind::TooManyLines {
                    count: lines.len(),
                    max: MAX_LINES,
                },
                lines.len().to_string(),
            ));
        }
    }
    let spans = Spans(spans.positions);
    if !problems.is_empty() {
        spans.locate(&mut problems);
        return Err(problems);
    }
    loop {
        match Scenario::deserialize(Reader(&value)) {
            Ok(scenario) => {
                spans.locate(&mut problems);
                return Ok(ReadScenario {
                    scenario,
                    spans,
                    set_aside: problems,
                });
            }
            Err(error) => {
                let unknown = matches!(error.kind, ReadKind::UnknownField { .. });
                let path = error.path.clone();
                let mut problem = error.into_problem();
                if path.is_root() {
                    // The top level is not an object (`null`, a list, a number): there is no key
                    // to point at, so point at the value.
                    problem.position = Some(start_of_value(text));
                }
                problems.push(problem);
                if !unknown || problems.len() >= MAX_UNKNOWN_FIELDS || !remove(&mut value, &path) {
                    break;
                }
            }
        }
    }
    spans.locate(&mut problems);
    Err(problems)
}

/// Where the JSON value of `text` starts, after any whitespace.
fn start_of_value(text: &str) -> Position {
    let mut position = Position { line: 1, column: 1 };
    for c in text.chars() {
        match c {
            '\n' => {
                position.line += 1;
                position.column = 1;
            }
            ' ' | '\t' | '\r' => position.column += 1,
            _ => break,
        }
    }
    position
}

/// Removes the field at `path` from the tree; false if it is not there.
fn remove(value: &mut Value, path: &FieldPath) -> bool {
    let Some((last, parents)) = path.segments().split_last() else {
        return false;
    };
    let mut node = value;
    for segment in parents {
        node = match (segment, node) {
            (Segment::Key(k), Value::Object(map)) => match map.get_mut(k) {
                Some(next) => next,
                None => return false,
            },
            (Segment::Index(i), Value::Array(items)) => match items.get_mut(*i) {
                Some(next) => next,
                None => return false,
            },
            _ => return false,
        };
    }
    match (last, node) {
        (Segment::Key(k), Value::Object(map)) => map.remove(k).is_some(),
        _ => false,
    }
}

/// The character at a one-based line and byte column of `text`, and its column in characters.
fn char_at(text: &str, line: usize, column: usize) -> (Option<char>, usize) {
    let Some(row) = text.split('\n').nth(line.saturating_sub(1)) else {
        return (None, column);
    };
    let mut byte = column.saturating_sub(1).min(row.len());
    while !row.is_char_boundary(byte) {
        byte -= 1;
    }
    let chars_before = row[..byte].chars().count();
    (row[byte..].chars().next(), chars_before + 1)
}

fn syntax_problem(text: &str, error: &serde_json::Error) -> Problem {
    let (found, column) = char_at(text, error.line(), error.column());
    let position = Some(Position {
        line: error.line(),
        column,
    });
    let kind = match error.classify() {
        serde_json::error::Category::Eof => ProblemKind::Truncated,
        _ if found.is_some_and(|c| c.is_ascii_digit()) => ProblemKind::BadNumber,
        _ => ProblemKind::Syntax { found },
    };
    let hint = match kind {
        ProblemKind::Syntax { found } => syntax_hint(found).or_else(|| trailing_comma(text, error)),
        _ => None,
    };
    Problem::new("", kind, found.map(String::from).unwrap_or_default())
        .with_hint(hint)
        .at(position)
}

/// A hint when the character before a closing bracket is a comma.
fn trailing_comma(text: &str, error: &serde_json::Error) -> Option<crate::base::lang::Text> {
    let row = text.split('\n').nth(error.line().checked_sub(1)?)?;
    let before = row.get(..error.column().checked_sub(1)?)?;
    let closing = row.get(error.column() - 1..)?.starts_with(['}', ']']);
    (closing && before.trim_end().ends_with(',')).then(|| {
        crate::base::lang::Text::new(
            "最后一项后面不能有逗号",
            "remove the comma after the last item",
        )
    })
}

/// The positions of every path and the keys written twice, from text that is valid JSON.
struct Scan {
    positions: HashMap<String, Position>,
    duplicates: Vec<(String, String)>,
}

fn scan(text: &str) -> Scan {
    let mut scanner = Scanner {
        chars: text.chars().peekable(),
        line: 1,
        column: 1,
        out: Scan {
            positions: HashMap::new(),
            duplicates: Vec::new(),
        },
    };
    scanner.value(&mut String::new());
    scanner.out
}

struct Scanner<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: usize,
    column: usize,
    out: Scan,
}

impl Scanner<'_> {
    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn skip_space(&mut self) {
        while self.chars.peek().is_some_and(|c| c.is_whitespace()) {
            self.bump();
        }
    }

    fn here(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }

    /// A string's contents, after its opening quote, decoded as serde_json decodes them, so that
    /// a key written with escapes is the key the reader reports (and two keys are one only when
    /// they are).
    fn string(&mut self) -> String {
        let mut out = String::new();
        while let Some(c) = self.bump() {
            match c {
                '"' => break,
                '\\' => match self.bump() {
                    Some('u') => {
                        let mut code = self.hex4();
                        if (0xD800..0xDC00).contains(&code) {
                            // Valid JSON follows a high surrogate with a low one, `\uDC00`.
                            self.bump();
                            self.bump();
                            let low = self.hex4();
                            code = 0x10000
                                + ((code - 0xD800) << 10)
                                + (low.wrapping_sub(0xDC00) & 0x3FF);
                        }
                        out.extend(char::from_u32(code));
                    }
                    Some('b') => out.push('\u{8}'),
                    Some('f') => out.push('\u{c}'),
                    Some('n') => out.push('\n'),
                    Some('r') => out.push('\r'),
                    Some('t') => out.push('\t'),
                    Some(other) => out.push(other), // `"`, `\\` and `/`
                    None => break,
                },
                c => out.push(c),
            }
        }
        out
    }

    /// The four hexadecimal digits of a `\u` escape.
    fn hex4(&mut self) -> u32 {
        let hex: String = (0..4).filter_map(|_| self.bump()).collect();
        u32::from_str_radix(&hex, 16).unwrap_or(0xFFFD)
    }

    fn value(&mut self, path: &mut String) {
        self.skip_space();
        match self.chars.peek() {
            Some('{') => {
                self.bump();
                let mut keys = std::collections::HashSet::new();
                loop {
                    self.skip_space();
                    match self.bump() {
                        Some('"') => {
                            let at = self.here();
                            let key = self.string();
                            let length = path.len();
                            if !path.is_empty() {
                                path.push('.');
                            }
                            path.push_str(&key);
                            let position = Position {
                                line: at.line,
                                column: at.column.saturating_sub(1).max(1),
                            };
                            if !keys.insert(key.clone()) {
                                self.out.duplicates.push((path.clone(), key));
                            }
                            self.out.positions.entry(path.clone()).or_insert(position);
                            self.skip_space();
                            self.bump(); // ':'
                            self.value(path);
                            path.truncate(length);
                        }
                        Some(',') => {}
                        _ => break, // '}' (the text is valid JSON)
                    }
                }
            }
            Some('[') => {
                self.bump();
                let mut index = 0;
                loop {
                    self.skip_space();
                    match self.chars.peek() {
                        Some(']') | None => {
                            self.bump();
                            break;
                        }
                        Some(',') => {
                            self.bump();
                        }
                        Some(_) => {
                            let length = path.len();
                            path.push_str(&format!("[{index}]"));
                            let here = self.here();
                            self.out.positions.entry(path.clone()).or_insert(here);
                            self.value(path);
                            path.truncate(length);
                            index += 1;
                        }
                    }
                }
            }
            Some('"') => {
                self.bump();
                self.string();
            }
            _ => {
                while self
                    .chars
                    .peek()
                    .is_some_and(|c| !matches!(c, ',' | '}' | ']') && !c.is_whitespace())
                {
                    self.bump();
                }
            }
        }
    }
}

/// A reading error: where (built from the inside out) and what.
#[derive(Debug)]
struct ReadError {
    path: FieldPath,
    kind: ReadKind,
}

#[derive(Debug)]
enum ReadKind {
    UnknownField {
        field: String,
        expected: &'static [&'static str],
    },
    MissingField,
    UnknownVariant {
        found: String,
        expected: &'static [&'static str],
    },
    WrongType(Found),
    /// A list where an object with named fields is wanted.
    ListForObject,
}

impl ReadError {
    fn new(kind: ReadKind) -> ReadError {
        ReadError {
            path: FieldPath::root(),
            kind,
        }
    }

    fn inside(mut self, segment: Segment) -> ReadError {
        self.path.push_front(segment);
        self
    }

    fn into_problem(self) -> Problem {
        let path = self.path.to_string();
        let place = params::find(&self.path);
        let label = place.map(|p| p.param.label_at(&[], p.line));
        let unit = place.map(|p| p.param.unit);
        let problem = match self.kind {
            ReadKind::UnknownField { field, expected } => {
                let hint = closest(&field, expected).map(|c| {
                    crate::base::lang::Text::new(
                        format!("是否想写“{c}”？"),
                        format!("did you mean `{c}`?"),
                    )
                });
                Problem::new(
                    path,
                    ProblemKind::UnknownField {
                        field,
                        expected: expected.to_vec(),
                    },
                    "",
                )
                .with_hint(hint)
            }
            ReadKind::MissingField => {
                let field = self.path.leaf().unwrap_or_default().to_string();
                Problem::new(path, ProblemKind::MissingField { field }, "")
            }
            ReadKind::UnknownVariant { found, expected } => Problem::new(
                path,
                ProblemKind::UnknownVariant {
                    found: found.clone(),
                    expected: expected.to_vec(),
                },
                found,
            ),
            ReadKind::ListForObject => Problem::new(
                path,
                ProblemKind::WrongType {
                    expected: Expected::Object,
                    found: Found::List,
                },
                "",
            ),
            ReadKind::WrongType(found) => {
                let expected = expected_at(&self.path);
                let value = match &found {
                    Found::Number(n) | Found::Text(n) => n.clone(),
                    Found::Bool(b) => b.to_string(),
                    Found::Null => "null".into(),
                    _ => String::new(),
                };
                let hint = match &found {
                    Found::Text(t) => text_hint(t, expected, unit),
                    _ => None,
                };
                let kind = match (&found, expected, place) {
                    // A whole number the field's type cannot hold (-1 enrollees, a year of 2^63)
                    // is out of the range, not a fraction.
                    (Found::Number(n), Expected::WholeNumber, Some(place)) if is_whole(n) => {
                        ProblemKind::OutOfRange {
                            range: place.param.range,
                            unit: place.param.unit,
                        }
                    }
                    (Found::Number(_), Expected::WholeNumber, _) => ProblemKind::NotWhole,
                    _ => ProblemKind::WrongType { expected, found },
                };
                Problem::new(path, kind, value).with_hint(hint)
            }
        };
        match label {
            Some(label) => problem.labelled(label),
            None => problem,
        }
    }
}

/// Whether a number as written is a whole number (of any size).
fn is_whole(number: &str) -> bool {
    number
        .parse::<f64>()
        .is_ok_and(|n| n.is_finite() && n.fract() == 0.0)
}

/// What the format wants at `path`, from the registry for numbers and the structure otherwise.
fn expected_at(path: &FieldPath) -> Expected {
    if let Some(place) = params::find(path) {
        let p = place.param;
        return match p.unit {
            Unit::Yuan => Expected::Money,
            Unit::Count | Unit::Year | Unit::Years if p.role != params::Role::Observed => {
                Expected::WholeNumber
            }
            _ if p.optional => Expected::NumberOrNull,
            _ => Expected::Number,
        };
    }
    let segments = path.segments();
    if segments.first() == Some(&Segment::Key("proposal".into())) && segments.len() > 1 {
        return Expected::NumberOrNull;
    }
    match segments.last() {
        Some(Segment::Index(_)) => Expected::Object,
        Some(Segment::Key(key)) => match key.as_str() {
            "id" | "notes" | "file" | "figure" | "zh" | "en" => Expected::Text,
            "name" => Expected::Names,
            "sources" | "lines" => Expected::List,
            "level" => Expected::Level,
            "index_deductibles" => Expected::Bool,
            _ => Expected::Object,
        },
        None => Expected::Object,
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} at {}", self.kind_name(), self.path)
    }
}

impl ReadError {
    fn kind_name(&self) -> &'static str {
        match self.kind {
            ReadKind::UnknownField { .. } => "unknown field",
            ReadKind::MissingField => "missing field",
            ReadKind::UnknownVariant { .. } => "unknown variant",
            ReadKind::WrongType(_) => "wrong type",
            ReadKind::ListForObject => "list for an object",
        }
    }
}

impl std::error::Error for ReadError {}

fn found(unexpected: de::Unexpected) -> Found {
    use de::Unexpected as U;
    match unexpected {
        U::Bool(b) => Found::Bool(b),
        U::Unsigned(n) => Found::Number(n.to_string()),
        U::Signed(n) => Found::Number(n.to_string()),
        U::Float(n) => Found::Number(n.to_string()),
        U::Char(c) => Found::Text(c.to_string()),
        U::Str(s) => Found::Text(s.to_string()),
        U::Unit | U::Option => Found::Null,
        U::Seq => Found::List,
        U::Map => Found::Object,
        _ => Found::Other,
    }
}

impl de::Error for ReadError {
    fn custom<T: fmt::Display>(_message: T) -> ReadError {
        ReadError::new(ReadKind::WrongType(Found::Other))
    }
    fn invalid_type(unexpected: de::Unexpected, _expected: &dyn de::Expected) -> ReadError {
        ReadError::new(ReadKind::WrongType(found(unexpected)))
    }
    fn invalid_value(unexpected: de::Unexpected, _expected: &dyn de::Expected) -> ReadError {
        ReadError::new(ReadKind::WrongType(found(unexpected)))
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> ReadError {
        ReadError::new(ReadKind::UnknownField {
            field: field.to_string(),
            expected,
        })
        .inside(Segment::Key(field.to_string()))
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> ReadError {
        ReadError::new(ReadKind::UnknownVariant {
            found: variant.to_string(),
            expected,
        })
    }
    fn missing_field(field: &'static str) -> ReadError {
        ReadError::new(ReadKind::MissingField).inside(Segment::Key(field.to_string()))
    }
}

/// A deserializer over a JSON tree with structured errors and path tracking.
struct Reader<'a>(&'a Value);

impl Reader<'_> {
    fn unexpected(&self) -> ReadError {
        ReadError::new(ReadKind::WrongType(match self.0 {
            Value::Null => Found::Null,
            Value::Bool(b) => Found::Bool(*b),
            Value::Number(n) => Found::Number(n.to_string()),
            Value::String(s) => Found::Text(s.clone()),
            Value::Array(_) => Found::List,
            Value::Object(_) => Found::Object,
        }))
    }

    /// A whole number written as `4.6e6` or `600000.0` reads as the integer it is.
    fn integral(&self) -> Option<i128> {
        let n = self.0.as_number()?;
        if let Some(i) = n.as_i64() {
            return Some(i128::from(i));
        }
        if let Some(u) = n.as_u64() {
            return Some(i128::from(u));
        }
        let f = n.as_f64()?;
        (f.fract() == 0.0 && f.abs() < 1e18).then_some(f as i128)
    }
}

macro_rules! integer {
    ($method:ident) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
            match self.integral() {
                Some(n) if n >= 0 => visitor.visit_u64(u64::try_from(n).unwrap_or(u64::MAX)),
                Some(n) => visitor.visit_i64(i64::try_from(n).unwrap_or(i64::MIN)),
                None => self.deserialize_any(visitor),
            }
        }
    };
}

impl<'de> de::Deserializer<'de> for Reader<'de> {
    type Error = ReadError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visitor.visit_seq(Items {
                items: items.iter(),
                index: 0,
            }),
            Value::Object(map) => visitor.visit_map(Members::new(map)),
        }
    }

    integer!(deserialize_u64);
    integer!(deserialize_u32);
    integer!(deserialize_i32);
    integer!(deserialize_i64);

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Object(map) => visitor.visit_map(Members::new(map)),
            Value::Array(_) => Err(ReadError::new(ReadKind::ListForObject)),
            _ => Err(self.unexpected()),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Object(map) => visitor.visit_map(Members::new(map)),
            Value::Array(_) => Err(ReadError::new(ReadKind::ListForObject)),
            _ => Err(self.unexpected()),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Array(items) => visitor.visit_seq(Items {
                items: items.iter(),
                index: 0,
            }),
            _ => Err(self.unexpected()),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            Value::Object(map) if map.len() == 1 => {
                let (key, value) = map.iter().next().expect("one entry");
                visitor.visit_enum(Variant { key, value })
            }
            Value::Object(map) => Err(ReadError::new(ReadKind::UnknownVariant {
                found: map.keys().cloned().collect::<Vec<_>>().join(", "),
                expected: variants,
            })),
            _ => Err(self.unexpected()),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 u8 u16 i128 u128 f32 f64 char str string bytes byte_buf unit unit_struct
        tuple tuple_struct identifier ignored_any
    }
}

struct Items<'a> {
    items: std::slice::Iter<'a, Value>,
    index: usize,
}

impl<'de> de::SeqAccess<'de> for Items<'de> {
    type Error = ReadError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, ReadError> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        let index = self.index;
        self.index += 1;
        seed.deserialize(Reader(item))
            .map(Some)
            .map_err(|e| e.inside(Segment::Index(index)))
    }
}

struct Members<'a> {
    entries: serde_json::map::Iter<'a>,
    value: Option<(&'a String, &'a Value)>,
}

impl<'a> Members<'a> {
    fn new(map: &'a Map<String, Value>) -> Members<'a> {
        Members {
            entries: map.iter(),
            value: None,
        }
    }
}

impl<'de> de::MapAccess<'de> for Members<'de> {
    type Error = ReadError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, ReadError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some((key, value));
        let key_reader: de::value::StrDeserializer<ReadError> = key.as_str().into_deserializer();
        seed.deserialize(key_reader).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, ReadError> {
        let (key, value) = self.value.take().expect("a key before its value");
        seed.deserialize(Reader(value))
            .map_err(|e| e.inside(Segment::Key(key.clone())))
    }
}

struct Variant<'a> {
    key: &'a String,
    value: &'a Value,
}

impl<'de> de::EnumAccess<'de> for Variant<'de> {
    type Error = ReadError;
    type Variant = Variant<'de>;
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), ReadError> {
        let key_reader: de::value::StrDeserializer<ReadError> =
            self.key.as_str().into_deserializer();
        let variant = seed
            .deserialize(key_reader)
            .map_err(|e| e.inside(Segment::Key(self.key.clone())))?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'de> {
    type Error = ReadError;
    fn unit_variant(self) -> Result<(), ReadError> {
        match self.value {
            Value::Null => Ok(()),
            _ => Err(Reader(self.value)
                .unexpected()
                .inside(Segment::Key(self.key.clone()))),
        }
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, ReadError> {
        seed.deserialize(Reader(self.value))
            .map_err(|e| e.inside(Segment::Key(self.key.clone())))
    }
    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        de::Deserializer::deserialize_seq(Reader(self.value), visitor)
            .map_err(|e| e.inside(Segment::Key(self.key.clone())))
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        de::Deserializer::deserialize_struct(Reader(self.value), "", fields, visitor)
            .map_err(|e| e.inside(Segment::Key(self.key.clone())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_point_at_keys_and_items() {
        let text = "{\n  \"a\": {\"b\": 1},\n  \"lines\": [ {\"x\": 2} ]\n}";
        let spans = Spans(scan(text).positions);
        assert_eq!(spans.find("a.b"), Some(Position { line: 2, column: 9 }));
        assert_eq!(
            spans.find("lines[0].x"),
            Some(Position {
                line: 3,
                column: 15
            })
        );
        assert_eq!(
            spans.find("lines[0].y"),
            Some(Position {
                line: 3,
                column: 14
            })
        );
        assert_eq!(spans.find("nowhere"), None);
    }

    #[test]
    fn keys_written_twice_are_found() {
        let scan = scan(r#"{"a": 1, "b": {"c": 1, "c": 2}, "a": 3}"#);
        let mut dups = scan.duplicates;
        dups.sort();
        assert_eq!(
            dups,
            vec![
                ("a".to_string(), "a".to_string()),
                ("b.c".into(), "c".into())
            ]
        );
    }
}
