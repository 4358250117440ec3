//! Structured mutations of a scenario's JSON tree: a leaf set to an extreme or odd value, keys
//! deleted, written twice or renamed, a struct wrapped in a list, a type swapped, `proposal` edits
//! with valid and invalid paths (and `assumptions` and named `plans` edits), `lines` resized,
//! levels changed, whole parts removed or swapped.
//!
//! A mutation holds indices, not paths: which leaf or key it hits is resolved against the tree as
//! the earlier mutations left it, so every generated list of mutations applies, and shrinks.

use ncms_sim::figure::Unit;
use ncms_sim::params::{Param, Role, PARAMS};
use ncms_sim::path::{FieldPath, Segment};
use ncms_sim::read::MAX_LINES;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Map, Value};

/// A key that the writer turns into a second copy of `key` (a JSON tree cannot hold one).
const DUPLICATE: char = '\u{E000}';
const DUPLICATE_END: char = '\u{E001}';
/// A string value that the writer turns into the raw text after it (`1e400`, `NaN`, `-0`, …).
const RAW: char = '\u{E002}';

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Item(usize),
}

/// Which place a mutation hits.
#[derive(Debug, Clone)]
pub enum Target {
    /// A row of the parameter registry, at a line of the scenario.
    Param { row: Index, line: Index },
    /// A registry place that the file writes.
    Present(Index),
    /// Any leaf of the tree (a number, a string, a boolean or null).
    Leaf(Index),
    /// Any node below the root.
    Node(Index),
}

/// A value to write. The `In*` picks are relative to the target's registry range.
#[derive(Debug, Clone)]
pub enum Pick {
    Min,
    Max,
    /// `min − delta`, just outside (or, for money rounded to the fen, back inside).
    BelowMin(f64),
    AboveMax(f64),
    /// The next `f64` above an open minimum (5e-324 above 0).
    NextAboveMin,
    /// `min + u × (max − min)`.
    Uniform(f64),
    /// Log-uniform over the positive part of the range.
    LogUniform(f64),
    /// The usual span times a factor (a ratio typed as 75, an amount in 万元).
    Typical(f64),
    Json(Value),
    /// Text written into the file unquoted: numbers JSON cannot hold, NaN, `-0`, `01`, …
    Raw(&'static str),
}

/// How a key is misspelt.
#[derive(Debug, Clone, Copy)]
pub enum Twist {
    Upper,
    DropLast,
    AddS,
    Camel,
    TrailingSpace,
    FullWidth,
    Chinese,
    Empty,
    /// Renamed to the key of a sibling: the sibling's key is then written twice.
    Sibling(usize),
    /// Renamed to a key of another part of the format.
    Other(&'static str),
}

#[derive(Debug, Clone)]
pub enum Mutation {
    Set(Target, Pick),
    Delete(Index),
    /// Writes the key at `Index` twice, the second time with `Pick` (or the same value).
    Duplicate(Index, Option<Pick>),
    Rename(Index, Twist),
    /// `[node]`, or for an object the list of its values (`"government": [0, 0, 0, 273]`).
    WrapInList(Index, bool),
    SwapType(Index, u8),
    /// An edit in the `proposal`, the `assumptions` or one of the named `plans`.
    Edit(Edits, EditPath, Pick),
    ResizeLines(usize),
    Level(Index, Value),
    Part(PartChange),
}

/// Where an edit is written.
#[derive(Debug, Clone, Copy)]
pub enum Edits {
    Proposal,
    Assumptions,
    /// `plans[i % 3].edits`, the plans before it made as needed (名 方案一, 方案二, …).
    Plan(usize),
}

/// A key of an edit.
#[derive(Debug, Clone)]
pub enum EditPath {
    /// A registry row at a line the scenario has (if the row is per line).
    Param {
        row: Index,
        line: Index,
    },
    /// A registry row at a line index the scenario may not have.
    AtLine {
        row: Index,
        line: usize,
    },
    Written(&'static str),
    /// A policy lever that the file writes (a valid edit, unless the value is not).
    Lever(Index),
    /// Any registry place that the file writes (an assumption edit, say).
    Present(Index),
}

/// Whole parts removed, emptied, added or swapped.
#[derive(Debug, Clone)]
pub enum PartChange {
    Remove(&'static str),
    Set(&'static str, Value),
}

/// The registry places that the tree writes (a value there, null included), with their paths;
/// `levers_only` keeps the policy levers.
fn present(value: &Value, levers_only: bool) -> Vec<(&'static Param, String)> {
    let lines = value["lines"].as_array().map_or(0, Vec::len);
    let mut out = Vec::new();
    for param in PARAMS {
        if levers_only && !param.is_lever() {
            continue;
        }
        let count = if param.per_line() { lines } else { 1 };
        for line in 0..count {
            let path = param.path_at(line);
            if steps_of(&path).is_some_and(|steps| get(value, &steps).is_some()) {
                out.push((param, path));
            }
        }
    }
    out
}

/// A registry row by index.
fn row(index: &Index) -> &'static Param {
    &PARAMS[index.index(PARAMS.len())]
}

fn steps_of(path: &str) -> Option<Vec<Step>> {
    let path = FieldPath::parse(path).ok()?;
    Some(
        path.segments()
            .iter()
            .map(|s| match s {
                Segment::Key(k) => Step::Key(k.clone()),
                Segment::Index(i) => Step::Item(*i),
            })
            .collect(),
    )
}

fn steps_of_pointer(pointer: &str) -> Vec<Step> {
    pointer
        .split('/')
        .skip(1)
        .map(|s| match s.parse() {
            Ok(i) => Step::Item(i),
            Err(_) => Step::Key(s.to_string()),
        })
        .collect()
}

/// Every node below the root, in document order; `leaves_only` keeps scalars only.
fn nodes(value: &Value, leaves_only: bool) -> Vec<Vec<Step>> {
    fn walk(value: &Value, path: &mut Vec<Step>, leaves_only: bool, out: &mut Vec<Vec<Step>>) {
        let is_leaf = !matches!(value, Value::Object(_) | Value::Array(_));
        if !path.is_empty() && (is_leaf || !leaves_only) {
            out.push(path.clone());
        }
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    path.push(Step::Key(k.clone()));
                    walk(v, path, leaves_only, out);
                    path.pop();
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    path.push(Step::Item(i));
                    walk(v, path, leaves_only, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), leaves_only, &mut out);
    out
}

/// Every key of every object: the object's path and the key.
fn keys(value: &Value) -> Vec<(Vec<Step>, String)> {
    let mut out = Vec::new();
    let mut paths = vec![Vec::new()];
    paths.extend(nodes(value, false));
    for path in paths {
        if let Some(Value::Object(map)) = get(value, &path) {
            out.extend(map.keys().map(|k| (path.clone(), k.clone())));
        }
    }
    out
}

fn get<'a>(value: &'a Value, path: &[Step]) -> Option<&'a Value> {
    path.iter()
        .try_fold(value, |node, step| match (step, node) {
            (Step::Key(k), Value::Object(map)) => map.get(k),
            (Step::Item(i), Value::Array(items)) => items.get(*i),
            _ => None,
        })
}

fn get_mut<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter()
        .try_fold(value, |node, step| match (step, node) {
            (Step::Key(k), Value::Object(map)) => map.get_mut(k),
            (Step::Item(i), Value::Array(items)) => items.get_mut(*i),
            _ => None,
        })
}

/// Writes `new` at `path`, making the objects on the way where they are absent or null.
fn set(value: &mut Value, path: &[Step], new: Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut node = value;
    for step in parents {
        node = match (step, node) {
            (Step::Key(k), Value::Object(map)) => {
                let next = map.entry(k.clone()).or_insert(Value::Null);
                if next.is_null() {
                    *next = Value::Object(Map::new());
                }
                next
            }
            (Step::Item(i), Value::Array(items)) => match items.get_mut(*i) {
                Some(next) => next,
                None => return,
            },
            _ => return,
        };
    }
    match (last, node) {
        (Step::Key(k), Value::Object(map)) => {
            map.insert(k.clone(), new);
        }
        (Step::Item(i), Value::Array(items)) => {
            if let Some(slot) = items.get_mut(*i) {
                *slot = new;
            }
        }
        _ => {}
    }
}

fn number(x: f64) -> Value {
    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
}

/// The value a pick writes for `param` (or, for a place outside the registry, a range of
/// 0 to a million).
fn resolve(pick: &Pick, param: Option<&Param>) -> Value {
    let (min, max, typical) = param.map_or((0.0, 1e6, (1.0, 1e4)), |p| {
        (p.range.min, p.range.max, p.typical)
    });
    // A value drawn inside the range of a whole-numbered place is a whole number.
    let whole = param.is_some_and(|p| {
        matches!(p.unit, Unit::Count | Unit::Year | Unit::Years) && p.role != Role::Observed
    });
    let drawn = |x: f64| number(if whole { x.round() } else { x });
    match pick {
        Pick::Min => number(min),
        Pick::Max => number(max),
        Pick::BelowMin(d) => number(min - d),
        Pick::AboveMax(d) => number(max + d),
        Pick::NextAboveMin => number(if min == 0.0 {
            f64::from_bits(1)
        } else {
            f64::from_bits(min.to_bits() + 1)
        }),
        Pick::Uniform(u) => drawn(min + u * (max - min)),
        Pick::LogUniform(u) => {
            let lo = min.max(1e-6);
            let hi = max.max(lo);
            drawn(lo * (hi / lo).powf(*u))
        }
        Pick::Typical(factor) => number(typical.1 * factor),
        Pick::Json(v) => v.clone(),
        Pick::Raw(text) => Value::String(format!("{RAW}{text}")),
    }
}

/// The registry row and path of a target in the current tree.
fn target_path(value: &Value, target: &Target) -> Option<(Vec<Step>, Option<&'static Param>)> {
    match target {
        Target::Param { row: r, line } => {
            let param = row(r);
            let lines = value["lines"].as_array().map_or(1, |l| l.len().max(1));
            Some((steps_of(&param.path_at(line.index(lines)))?, Some(param)))
        }
        Target::Present(i) => {
            let all = present(value, false);
            (!all.is_empty()).then(|| {
                let (param, path) = &all[i.index(all.len())];
                (
                    steps_of(path).expect("a registry path parses"),
                    Some(*param),
                )
            })
        }
        Target::Leaf(i) => {
            let all = nodes(value, true);
            (!all.is_empty()).then(|| (all[i.index(all.len())].clone(), None))
        }
        Target::Node(i) => {
            let all = nodes(value, false);
            (!all.is_empty()).then(|| (all[i.index(all.len())].clone(), None))
        }
    }
}

fn twisted(key: &str, twist: Twist, siblings: &[String]) -> String {
    match twist {
        Twist::Upper => key.to_uppercase(),
        Twist::DropLast => {
            let mut key = key.to_string();
            key.pop();
            key
        }
        Twist::AddS => format!("{key}s"),
        Twist::Camel => {
            let mut out = String::new();
            let mut upper = false;
            for c in key.chars() {
                if c == '_' {
                    upper = true;
                } else if upper {
                    out.extend(c.to_uppercase());
                    upper = false;
                } else {
                    out.push(c);
                }
            }
            out
        }
        Twist::TrailingSpace => format!("{key} "),
        Twist::FullWidth => key
            .chars()
            .map(|c| match c {
                '!'..='~' => char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c),
                c => c,
            })
            .collect(),
        Twist::Chinese => "参合人数".to_string(),
        Twist::Empty => String::new(),
        Twist::Sibling(i) if !siblings.is_empty() => siblings[i % siblings.len()].clone(),
        Twist::Sibling(_) => key.to_string(),
        Twist::Other(other) => other.to_string(),
    }
}

fn edit_key(value: &Value, path: &EditPath) -> String {
    let lines = value["lines"].as_array().map_or(1, |l| l.len().max(1));
    match path {
        EditPath::Param { row: r, line } => row(r).path_at(line.index(lines)),
        EditPath::AtLine { row: r, line } => row(r).path_at(*line),
        EditPath::Written(text) => text.to_string(),
        EditPath::Lever(i) | EditPath::Present(i) => {
            let all = present(value, matches!(path, EditPath::Lever(_)));
            if all.is_empty() {
                return "financing.individual".into();
            }
            all[i.index(all.len())].1.clone()
        }
    }
}

impl Mutation {
    pub fn apply(&self, value: &mut Value, serial: &mut usize) {
        match self {
            Mutation::Set(target, pick) => {
                if let Some((path, param)) = target_path(value, target) {
                    set(value, &path, resolve(pick, param));
                }
            }
            Mutation::Delete(i) => {
                let all = keys(value);
                if all.is_empty() {
                    return;
                }
                let (parent, key) = &all[i.index(all.len())];
                if let Some(Value::Object(map)) = get_mut(value, parent) {
                    map.remove(key);
                }
            }
            Mutation::Duplicate(i, pick) => {
                let all = keys(value);
                if all.is_empty() {
                    return;
                }
                let (parent, key) = &all[i.index(all.len())];
                *serial += 1;
                let marker = format!("{DUPLICATE}{serial}{DUPLICATE_END}{key}");
                if let Some(Value::Object(map)) = get_mut(value, parent) {
                    let copy = match pick {
                        Some(pick) => resolve(pick, None),
                        None => map[key].clone(),
                    };
                    map.insert(marker, copy);
                }
            }
            Mutation::Rename(i, twist) => {
                let all = keys(value);
                if all.is_empty() {
                    return;
                }
                let (parent, key) = &all[i.index(all.len())];
                if let Some(Value::Object(map)) = get_mut(value, parent) {
                    let siblings: Vec<String> = map.keys().filter(|k| *k != key).cloned().collect();
                    let mut new = twisted(key, *twist, &siblings);
                    if map.contains_key(&new) && new != *key {
                        *serial += 1;
                        new = format!("{DUPLICATE}{serial}{DUPLICATE_END}{new}");
                    }
                    if let Some(v) = map.remove(key) {
                        map.insert(new, v);
                    }
                }
            }
            Mutation::WrapInList(i, values_only) => {
                let all = nodes(value, false);
                if all.is_empty() {
                    return;
                }
                if let Some(node) = get_mut(value, &all[i.index(all.len())]) {
                    *node = match (node.take(), values_only) {
                        (Value::Object(map), true) => {
                            Value::Array(map.into_iter().map(|(_, v)| v).collect())
                        }
                        (other, _) => Value::Array(vec![other]),
                    };
                }
            }
            Mutation::SwapType(i, how) => {
                let all = nodes(value, false);
                if all.is_empty() {
                    return;
                }
                if let Some(node) = get_mut(value, &all[i.index(all.len())]) {
                    *node = swapped(node.take(), *how);
                }
            }
            Mutation::Edit(edits, path, pick) => {
                let key = edit_key(value, path);
                let param = FieldPath::parse(&key)
                    .ok()
                    .and_then(|p| ncms_sim::params::find(&p))
                    .map(|p| p.param);
                let new = resolve(pick, param);
                let root = value.as_object_mut().expect("the root is an object");
                let map = match edits {
                    Edits::Proposal => root.entry("proposal").or_insert_with(|| json!({})),
                    Edits::Assumptions => root.entry("assumptions").or_insert_with(|| json!({})),
                    Edits::Plan(i) => {
                        let plans = root.entry("plans").or_insert_with(|| json!([]));
                        if !plans.is_array() {
                            *plans = json!([]);
                        }
                        let plans = plans.as_array_mut().unwrap();
                        let i = i % 3;
                        while plans.len() <= i {
                            let name = ["方案一", "方案二", "方案三"][plans.len()];
                            plans.push(json!({ "name": name, "edits": {} }));
                        }
                        if !plans[i].is_object() {
                            plans[i] = json!({ "name": "方案", "edits": {} });
                        }
                        let plan = plans[i].as_object_mut().unwrap();
                        plan.entry("edits").or_insert_with(|| json!({}))
                    }
                };
                if !map.is_object() {
                    *map = json!({});
                }
                map.as_object_mut().unwrap().insert(key, new);
            }
            Mutation::ResizeLines(n) => {
                if let Some(Value::Array(lines)) = value.get_mut("lines") {
                    if lines.is_empty() {
                        return;
                    }
                    let old = std::mem::take(lines);
                    *lines = old.iter().cycle().take(*n).cloned().collect();
                }
            }
            Mutation::Level(i, level) => {
                let lines = value["lines"].as_array().map_or(0, Vec::len);
                // One index past the lines: the consultation fee's level.
                let at = i.index(lines + 1);
                let path = if at < lines {
                    vec![Step::Key("lines".into()), Step::Item(at)]
                } else {
                    vec![
                        Step::Key("rules".into()),
                        Step::Key("consultation_fee".into()),
                    ]
                };
                if let Some(Value::Object(map)) = get_mut(value, &path) {
                    map.insert("level".into(), level.clone());
                }
            }
            Mutation::Part(PartChange::Remove(pointer)) => {
                let mut path = steps_of_pointer(pointer);
                if let Some(Step::Key(last)) = path.pop() {
                    if let Some(Value::Object(map)) = get_mut(value, &path) {
                        map.remove(&last);
                    }
                }
            }
            Mutation::Part(PartChange::Set(pointer, new)) => {
                set(value, &steps_of_pointer(pointer), new.clone());
            }
        }
    }
}

/// The same content as another type.
fn swapped(value: Value, how: u8) -> Value {
    match value {
        Value::Number(n) => match how % 3 {
            0 => Value::String(n.to_string()),
            1 => Value::Bool(n.as_f64().is_some_and(|x| x != 0.0)),
            _ => json!({ "value": n }),
        },
        Value::String(s) => match how % 3 {
            0 => number(s.len() as f64),
            1 => json!({ "zh": s, "en": s }),
            _ => Value::Null,
        },
        Value::Bool(b) => match how % 2 {
            0 => Value::String(b.to_string()),
            _ => json!(u8::from(b)),
        },
        Value::Null => match how % 3 {
            0 => json!(0),
            1 => json!(""),
            _ => json!("null"),
        },
        Value::Object(map) => match how % 3 {
            0 => Value::String(Value::Object(map).to_string()),
            1 => json!(map.len()),
            _ => Value::Null,
        },
        Value::Array(items) => match how % 3 {
            0 => Value::Object(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| (i.to_string(), v))
                    .collect(),
            ),
            1 => items.into_iter().next().unwrap_or(Value::Null),
            _ => json!({}),
        },
    }
}

/// The tree as file text, with the duplicate keys and raw values the tree could not hold.
pub fn write(value: &Value, pretty: bool) -> String {
    let text = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    }
    .expect("a JSON tree serialises");
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            DUPLICATE => {
                for c in chars.by_ref() {
                    if c == DUPLICATE_END {
                        break;
                    }
                }
            }
            '"' if chars.peek() == Some(&RAW) => {
                chars.next();
                for c in chars.by_ref() {
                    if c == '"' {
                        break;
                    }
                    out.push(c);
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Extreme and odd values, for any place.
fn odd_value() -> impl Strategy<Value = Pick> {
    let constants: Vec<Value> = vec![
        json!(0),
        json!(-0.0),
        json!(-1),
        json!(1),
        json!(0.5),
        json!(1e-300),
        json!(-1e-300),
        json!(1e300),
        json!(-1e300),
        json!(7.9e28),
        json!(7.922816251426434e28),
        json!(1e27),
        json!(1e18),
        json!(1e13),
        json!(1e12),
        json!(1_000_000_000_001i64),
        json!(9_007_199_254_740_993i64),
        json!(i64::MIN),
        json!(i64::MAX),
        json!(u64::MAX),
        json!(i32::MAX),
        json!(u32::MAX as u64 + 1),
        json!(75),
        json!(1.0000001),
        json!(0.999_999_999),
        json!(0.005),
        json!(0.004_999),
        json!(4.6e6),
        json!(600_000.0),
        json!(2.5),
        Value::Null,
        json!(true),
        json!(false),
        json!("NaN"),
        json!("nan"),
        json!("Infinity"),
        json!("-inf"),
        json!("75%"),
        json!("4,600,000"),
        json!("４６００"),
        json!("１２．５"),
        json!(""),
        json!(" "),
        json!("1e3"),
        json!("0.1"),
        json!("-0"),
        json!("12 元"),
        json!("1.2万"),
        json!("1_000"),
        json!("+5"),
        json!("0x10"),
        json!("1e400"),
        json!("1e-400"),
        json!("79228162514264337593543950335"),
        json!("79228162514264337593543950336"),
        json!("-79228162514264337593543950335"),
        json!("0.0000000000000000000000000001"),
        json!("1e28"),
        json!("1e-28"),
        json!("999999999999.995"),
        json!([]),
        json!({}),
        json!([1]),
        json!({ "fixed": 1 }),
        json!({ "zh": "名", "en": "name" }),
    ];
    let raw: Vec<&'static str> = vec![
        "1e400",
        "-1e400",
        "1E+308",
        "2e308",
        "123456789012345678901234567890",
        "-123456789012345678901234567890",
        "1e-400",
        "NaN",
        "Infinity",
        "-0",
        "-0.0",
        "01",
        "1.",
        ".5",
        "+1",
        "0x10",
        "1e",
        "--1",
        "4,600,000",
        "75%",
        "１",
        "undefined",
    ];
    prop_oneof![
        6 => prop::sample::select(constants).prop_map(Pick::Json),
        2 => prop::sample::select(raw).prop_map(Pick::Raw),
        2 => any::<f64>().prop_filter("finite", |x| x.is_finite()).prop_map(|x| Pick::Json(number(x))),
        1 => any::<i64>().prop_map(|x| Pick::Json(json!(x))),
    ]
}

/// A value for a registry place: mostly inside or at the edges of its range.
fn value_for_param() -> impl Strategy<Value = Pick> {
    prop_oneof![
        2 => Just(Pick::Min),
        2 => Just(Pick::Max),
        1 => (1e-12f64..2.0).prop_map(Pick::BelowMin),
        1 => (1e-12f64..2.0).prop_map(Pick::AboveMax),
        1 => Just(Pick::NextAboveMin),
        3 => (0.0f64..=1.0).prop_map(Pick::Uniform),
        3 => (0.0f64..=1.0).prop_map(Pick::LogUniform),
        1 => prop::sample::select(vec![0.0, 0.01, 0.1, 10.0, 100.0, 10_000.0]).prop_map(Pick::Typical),
        3 => odd_value(),
    ]
}

fn twist() -> impl Strategy<Value = Twist> {
    prop_oneof![
        Just(Twist::Upper),
        Just(Twist::DropLast),
        Just(Twist::AddS),
        Just(Twist::Camel),
        Just(Twist::TrailingSpace),
        Just(Twist::FullWidth),
        Just(Twist::Chinese),
        Just(Twist::Empty),
        any::<usize>().prop_map(Twist::Sibling),
        prop::sample::select(vec![
            "fixed",
            "income_multiple",
            "multiple",
            "enrollees",
            "proposal",
            "zh",
            "lines",
            "level",
            "deductible",
            "admission_cap",
        ])
        .prop_map(Twist::Other),
    ]
}

fn edit_path() -> impl Strategy<Value = EditPath> {
    prop_oneof![
        3 => (any::<Index>(), any::<Index>()).prop_map(|(row, line)| EditPath::Param { row, line }),
        3 => any::<Index>().prop_map(EditPath::Lever),
        1 => any::<Index>().prop_map(EditPath::Present),
        1 => (any::<Index>(), prop::sample::select(vec![5usize, 19, 20, 21, 99, 999_999_999])).prop_map(|(row, line)| EditPath::AtLine { row, line }),
        3 => prop::sample::select(vec![
            "lines.2.inpatient.reimbursement_ratio",
            "lines[99].inpatient.reimbursement_ratio",
            "lines[02].inpatient.deductible",
            "lines[1].inpatient.deductible ",
            " lines[1].inpatient.deductible",
            "lines[*].inpatient.deductible",
            "Lines[0].inpatient.deductible",
            "lines[0]",
            "lines",
            "lines[-1].inpatient.deductible",
            "lines[1e3].inpatient.deductible",
            "lines[4294967296].inpatient.deductible",
            "lines[9999999999].inpatient.deductible",
            "lines[1].inpatient[0].deductible",
            "lines[1].inpatient.deductible.",
            "financing..individual",
            "financing/individual",
            "financing.individual[0]",
            "financing",
            "projection.years",
            "projection.cost_growth",
            "year",
            "population.enrollees",
            "behaviour.elasticity",
            "observed.income",
            "targets.outpatient_share_max",
            "rules.annual_ceiling",
            "rules.annual_ceiling.fixed",
            "rules.annual_ceiling.income_multiple.multiple",
            "rules.annual_ceiling.income_multiple.rural_net_income",
            "rules.consultation_fee.scheme_part",
            "rules.risk_reserve.rate",
            "proposal.financing.individual",
            "",
            "住院补偿比例",
            "ｌｉｎｅｓ[0].inpatient.deductible",
            "lines[0].outpatient.visit_cap",
            "lines[3].outpatient.reimbursement_ratio",
            "a_very_long_key_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        ])
        .prop_map(EditPath::Written),
    ]
}

fn edits() -> impl Strategy<Value = Edits> {
    prop_oneof![
        4 => Just(Edits::Proposal),
        2 => Just(Edits::Assumptions),
        2 => (0usize..3).prop_map(Edits::Plan),
    ]
}

fn level() -> impl Strategy<Value = Value> {
    prop::sample::select(vec![
        json!("village"),
        json!("township"),
        json!("county"),
        json!("higher"),
        json!("out_of_area"),
        json!("County"),
        json!("countyy"),
        json!("out-of-area"),
        json!("county "),
        json!(""),
        json!("县级"),
        json!(3),
        Value::Null,
        json!({ "county": null }),
        json!({ "county": 1 }),
        json!({ "county": null, "village": null }),
        json!(["county"]),
    ])
}

fn part() -> impl Strategy<Value = PartChange> {
    let removable = vec![
        "/observed",
        "/targets",
        "/behaviour",
        "/proposal",
        "/plans",
        "/assumptions",
        "/notes",
        "/sources",
        "/population/growth",
        "/rules/annual_ceiling",
        "/rules/consultation_fee",
        "/rules/special_disease",
        "/rules/major_disease",
        "/rules/risk_reserve",
        "/rules/critical_illness_premium",
        "/financing/government",
        "/projection/index_deductibles",
    ];
    let fee = json!({ "level": "village", "fee_per_visit": 6, "scheme_part": 5.5,
                      "visits_per_served_resident": 3.0, "cap_per_capita": 11, "served_share": 0.9 });
    let settable: Vec<(&'static str, Value)> = vec![
        ("/rules/annual_ceiling", Value::Null),
        ("/rules/annual_ceiling", json!({ "fixed": 80000 })),
        ("/rules/annual_ceiling", json!({ "fixed": "0.001" })),
        (
            "/rules/annual_ceiling",
            json!({ "income_multiple": { "multiple": 100, "rural_net_income": 1e6, "floor": 1e8 } }),
        ),
        (
            "/rules/annual_ceiling",
            json!({ "income_multiple": { "multiple": 0, "rural_net_income": 0.01, "floor": 0 } }),
        ),
        (
            "/rules/annual_ceiling",
            json!({ "fixed": 80000, "income_multiple": { "multiple": 8, "rural_net_income": 7917 } }),
        ),
        ("/rules/annual_ceiling", json!("fixed")),
        ("/rules/annual_ceiling", json!({ "unlimited": null })),
        ("/rules/consultation_fee", fee.clone()),
        ("/rules/consultation_fee", Value::Null),
        ("/rules/special_disease", Value::Null),
        ("/rules/major_disease", Value::Null),
        ("/rules/risk_reserve", Value::Null),
        (
            "/rules/risk_reserve",
            json!({ "rate": 0.2, "cap": 1.0, "opening_reserve": 1e12 }),
        ),
        ("/targets", json!({})),
        (
            "/targets",
            json!({ "participation_min": null, "inpatient_policy_ratio_min": null, "ceiling_income_multiple_min": null,
                             "national_rural_net_income": null, "ceiling_floor_min": null, "primary_outpatient_ratio_min": null,
                             "outpatient_share_max": null, "funding_per_enrollee_min": null, "government_per_enrollee_min": null,
                             "major_disease_ratio_min": null, "surplus_rate_min": null, "surplus_rate_max": null, "balance_ratio_max": null }),
        ),
        (
            "/targets",
            json!({ "surplus_rate_min": 1, "surplus_rate_max": -1 }),
        ),
        ("/observed", json!({})),
        (
            "/observed",
            json!({ "income": 0, "spending": 0, "inpatient_spending": 0, "admissions": 0, "compensated_person_times": 0,
                              "inpatient_policy_ratio": 0, "outpatient_policy_ratio": 0, "outpatient_mean_cost": 0 }),
        ),
        (
            "/observed",
            json!({ "income": 1e13, "spending": 1e13, "inpatient_spending": 1e13, "admissions": 1e10,
                              "compensated_person_times": 1e11, "inpatient_policy_ratio": 1, "outpatient_policy_ratio": 1, "outpatient_mean_cost": 1e6 }),
        ),
        ("/plans", json!([])),
        ("/plans", json!({})),
        ("/plans", json!([{ "name": "", "edits": {} }])),
        ("/plans", json!([{ "name": "方案一" }])),
        (
            "/plans",
            json!([{ "name": "方案一", "edits": { "financing.individual": 150 } }, { "name": "方案一", "edits": {} }]),
        ),
        (
            "/plans",
            json!([{ "name": "方案一", "edits": { "projection.years": 3 } }]),
        ),
        ("/plans", json!(["方案一"])),
        ("/assumptions", json!({})),
        (
            "/assumptions",
            json!({ "projection.years": 10, "projection.cost_growth": 0.3 }),
        ),
        (
            "/assumptions",
            json!({ "population.enrollees": 1_500_000_000, "financing.individual": 150 }),
        ),
        ("/assumptions", json!({ "year": 2100 })),
        ("/proposal", json!({})),
        ("/proposal", json!([])),
        ("/proposal", Value::Null),
        ("/proposal", json!({ "financing.individual": null })),
        ("/projection/index_deductibles", json!(true)),
        ("/projection/index_deductibles", json!("yes")),
        ("/projection/index_deductibles", json!(1)),
        ("/projection/years", json!(10)),
        (
            "/projection",
            json!({ "years": 10, "funding_growth": 0.3, "cost_growth": 0.3, "utilisation_growth": 0.3, "index_deductibles": true }),
        ),
        (
            "/projection",
            json!({ "years": 10, "funding_growth": -0.3, "cost_growth": -0.3, "utilisation_growth": -0.3 }),
        ),
        (
            "/projection",
            json!({ "years": 10, "funding_growth": -0.3, "cost_growth": 0.3, "utilisation_growth": 0.3, "index_deductibles": true }),
        ),
        (
            "/population",
            json!({ "enrollees": 1_500_000_000, "growth": 0.3 }),
        ),
        (
            "/population",
            json!({ "enrollees": 1, "growth": -0.3, "participation_rate": 0 }),
        ),
        ("/behaviour", json!({ "elasticity": -2 })),
        ("/behaviour", json!({})),
        ("/financing/government", json!([0, 0, 0, 273])),
        ("/financing/government", json!({})),
        ("/financing/opening_balance", json!(-1e12)),
        ("/financing/opening_balance", json!(1e12)),
        ("/financing/opening_balance", json!("-0.001")),
        ("/name", json!("台州")),
        ("/name", json!({ "zh": "", "en": "" })),
        ("/id", json!("")),
        ("/id", json!("  ")),
        ("/id", json!("123")),
        ("/sources", json!([])),
        ("/sources", json!([["000.txt", "figure"]])),
        ("/lines", json!([])),
        ("/lines", json!({})),
        ("/lines", json!([{ "level": "county" }])),
        (
            "/lines",
            json!([{ "level": "county", "outpatient": null, "inpatient": null }]),
        ),
        (
            "/lines",
            json!([{ "level": "village", "outpatient": { "visits_per_enrollee": 50, "mean_cost": 1e6, "cost_cv": 10,
                            "scope_share": 1, "deductible": 0, "reimbursement_ratio": 1, "visit_cap": null } }]),
        ),
        (
            "/lines",
            json!([{ "level": "county", "inpatient": { "admissions_per_1000": 1000, "mean_cost": 1e7, "cost_cv": 0,
                            "scope_share": 1, "deductible": 0, "reimbursement_ratio": 1, "admission_cap": 1e7 } }]),
        ),
        (
            "/lines",
            json!([{ "level": "county", "inpatient": { "admissions_per_1000": 0, "mean_cost": 0.01, "cost_cv": 10,
                            "scope_share": 0, "deductible": 1e6, "reimbursement_ratio": 0, "admission_cap": 0.01 } }]),
        ),
    ];
    prop_oneof![
        prop::sample::select(removable).prop_map(PartChange::Remove),
        prop::sample::select(settable).prop_map(|(p, v)| PartChange::Set(p, v)),
    ]
}

fn any_index() -> impl Strategy<Value = Index> {
    any::<Index>()
}

/// One structured mutation.
pub fn mutation() -> impl Strategy<Value = Mutation> {
    let target_param =
        (any_index(), any_index()).prop_map(|(row, line)| Target::Param { row, line });
    prop_oneof![
        6 => (target_param, value_for_param()).prop_map(|(t, v)| Mutation::Set(t, v)),
        6 => (any_index().prop_map(Target::Present), value_for_param()).prop_map(|(t, v)| Mutation::Set(t, v)),
        4 => (any_index().prop_map(Target::Leaf), odd_value()).prop_map(|(t, v)| Mutation::Set(t, v)),
        1 => (any_index().prop_map(Target::Node), odd_value()).prop_map(|(t, v)| Mutation::Set(t, v)),
        2 => any_index().prop_map(Mutation::Delete),
        2 => (any_index(), prop::option::of(odd_value())).prop_map(|(i, v)| Mutation::Duplicate(i, v)),
        2 => (any_index(), twist()).prop_map(|(i, t)| Mutation::Rename(i, t)),
        1 => (any_index(), any::<bool>()).prop_map(|(i, v)| Mutation::WrapInList(i, v)),
        1 => (any_index(), any::<u8>()).prop_map(|(i, h)| Mutation::SwapType(i, h)),
        10 => (edits(), edit_path(), prop_oneof![4 => value_for_param(), 1 => Just(Pick::Json(Value::Null))]).prop_map(|(e, p, v)| Mutation::Edit(e, p, v)),
        2 => prop_oneof![Just(0usize), Just(1), Just(MAX_LINES), Just(MAX_LINES + 1), 0..=MAX_LINES + 2].prop_map(Mutation::ResizeLines),
        2 => (any_index(), level()).prop_map(|(i, l)| Mutation::Level(i, l)),
        4 => part().prop_map(Mutation::Part),
    ]
}

/// A value inside a registry range, or at its edges: what stresses the model rather than the
/// reader.
fn in_range() -> impl Strategy<Value = Pick> {
    prop_oneof![
        2 => Just(Pick::Min),
        2 => Just(Pick::Max),
        1 => Just(Pick::NextAboveMin),
        3 => (0.0f64..=1.0).prop_map(Pick::Uniform),
        3 => (0.0f64..=1.0).prop_map(Pick::LogUniform),
    ]
}

/// A mutation that keeps the file readable and mostly valid: a registry place or a proposal
/// edit set inside its range or at its edges, or a whole part swapped.
pub fn extreme() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        6 => (any_index().prop_map(Target::Present), in_range()).prop_map(|(t, v)| Mutation::Set(t, v)),
        4 => (prop_oneof![3 => Just(Edits::Proposal), 1 => (0usize..3).prop_map(Edits::Plan)], any_index().prop_map(EditPath::Lever), in_range())
            .prop_map(|(e, p, v)| Mutation::Edit(e, p, v)),
        1 => (any_index().prop_map(EditPath::Present), in_range()).prop_map(|(p, v)| Mutation::Edit(Edits::Assumptions, p, v)),
        1 => prop_oneof![Just(1usize), Just(MAX_LINES), 1..=MAX_LINES].prop_map(Mutation::ResizeLines),
    ]
}

/// A bundled scenario with structured mutations, written compact or pretty.
#[derive(Debug, Clone)]
pub struct Structured {
    pub base: usize,
    pub mutations: Vec<Mutation>,
    pub pretty: bool,
}

impl Structured {
    pub fn text(&self) -> String {
        let (_, json) = ncms_sim::scenarios::BUNDLED[self.base];
        let mut value: Value = serde_json::from_str(json).expect("a bundled scenario is JSON");
        let mut serial = 0;
        for mutation in &self.mutations {
            mutation.apply(&mut value, &mut serial);
        }
        write(&value, self.pretty)
    }
}

/// A bundled scenario with `mutations` of any kind.
pub fn structured(mutations: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = Structured> {
    with(mutation(), mutations)
}

/// A bundled scenario with `mutations` of the kind [`extreme`] makes.
pub fn extremes(mutations: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = Structured> {
    with(extreme(), mutations)
}

fn with(
    mutation: impl Strategy<Value = Mutation>,
    mutations: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = Structured> {
    (
        0..ncms_sim::scenarios::BUNDLED.len(),
        prop::collection::vec(mutation, mutations),
        any::<bool>(),
    )
        .prop_map(|(base, mutations, pretty)| Structured {
            base,
            mutations,
            pretty,
        })
}
