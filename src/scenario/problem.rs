//! What can be wrong with a scenario, an edit or a file, as structured [`ProblemKind`]s with their
//! fields, and the words for people derived from them in each language (ripgrep's
//! `ignore::Error`: an enum with a `Display` written for people). No message is made by
//! rewording another library's English.
//!
//! A [`Problem`] also carries the parameter's label, the position in the file and, for the
//! mistakes people make by hand (a ratio written as 75, "75%", "4,600,000", full-width digits, an
//! amount in 万元), a hint.

use crate::base::lang::{Lang, Text};
use crate::base::units::{group_thousands, trimmed, Unit};
use crate::scenario::params::{Param, Range, Role};
use serde::Serialize;
use std::fmt;

/// Where in the file: one-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A cell of a spreadsheet (a figures template): `D12`, and the sheet's name when the file has
/// sheets (an .xlsx workbook; a CSV file has one unnamed sheet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct CellRef {
    pub sheet: Option<String>,
    /// The cell in A1 notation (`D12`), or a range of a row (`A4:F4`).
    pub reference: String,
}

impl CellRef {
    /// The cell at a zero-based row and column: `(11, 3)` is `D12`.
    pub fn at(sheet: Option<&str>, row: usize, column: usize) -> CellRef {
        CellRef {
            sheet: sheet.map(str::to_string),
            reference: format!("{}{}", column_letters(column), row + 1),
        }
    }

    /// The cell in words: "单元格 D12" / "cell D12", with the sheet when there is one.
    pub fn describe(&self, lang: Lang) -> String {
        match (&self.sheet, lang) {
            (Some(sheet), Lang::Zh) => format!("工作表“{sheet}”单元格 {}", self.reference),
            (Some(sheet), Lang::En) => format!("cell {} of sheet \"{sheet}\"", self.reference),
            (None, Lang::Zh) => format!("单元格 {}", self.reference),
            (None, Lang::En) => format!("cell {}", self.reference),
        }
    }
}

/// Spreadsheet column letters of a zero-based column: 0 is `A`, 25 `Z`, 26 `AA`.
pub fn column_letters(column: usize) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// An error stops the scenario; a warning is shown but the scenario runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

/// What kind of value the format wants at a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expected {
    Number,
    WholeNumber,
    Money,
    /// A number, or `null` for "none".
    NumberOrNull,
    Text,
    Object,
    List,
    Bool,
    Level,
    /// `{ "zh": …, "en": … }`.
    Names,
}

/// What was found instead, as written.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Found {
    Null,
    Bool(bool),
    Number(String),
    Text(String),
    List,
    Object,
    Other,
}

/// Every kind of problem, with the fields its words need.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ProblemKind {
    /// The text is not JSON; `found` is the character at the position, if any.
    Syntax {
        found: Option<char>,
    },
    /// The JSON ends before it is complete.
    Truncated,
    /// A number in the JSON that cannot be read as a number (too large, say).
    BadNumber,
    TooLarge {
        bytes: usize,
        max: usize,
    },
    TooManyLines {
        count: usize,
        max: usize,
    },
    /// A key the format does not have here (a misspelling would be lost silently).
    UnknownField {
        field: String,
        expected: Vec<&'static str>,
    },
    MissingField {
        field: String,
    },
    DuplicateKey {
        key: String,
    },
    WrongType {
        expected: Expected,
        found: Found,
    },
    /// A name that is not one of the allowed values (`"countyy"` for a level).
    UnknownVariant {
        found: String,
        expected: Vec<&'static str>,
    },
    OutOfRange {
        range: Range,
        unit: Unit,
    },
    /// Text that must not be empty, or a list that needs an entry (`id`, `sources`, `lines`).
    Empty,
    LineWithoutCare,
    DeductibleAboveCeiling {
        ceiling: String,
    },
    SchemePartAboveFee {
        fee: String,
    },
    SurplusBandReversed,
    ZeroCeiling,
    /// An edit's key that is not a field path in its one spelling.
    BadPath {
        written: String,
    },
    /// An edit of a path that names no parameter of this scenario.
    UnknownPath,
    /// A plan may change policy levers only.
    NotALever {
        role: Role,
        frame: bool,
    },
    /// `null` for a value that cannot be empty.
    NotOptional,
    NotWhole,
    NotFinite,
    /// A value within the allowed range but far from what real funds have: a warning.
    Unusual {
        typical: (f64, f64),
        unit: Unit,
    },
    /// A file or link that could not be read at all; the reason is written by the caller.
    Unreadable {
        reason: Text,
    },
    /// Bytes that are not UTF-8 text (a CSV saved as GBK, say), at this byte offset.
    NotUtf8 {
        offset: usize,
    },
    /// A figures sheet without its header row (the row naming the columns).
    NoHeader {
        columns: Vec<&'static str>,
    },
    /// The header row lacks a column the sheet needs.
    MissingColumn {
        column: &'static str,
    },
    /// A code in a figures sheet that names no figure.
    UnknownFigure {
        key: String,
    },
    /// A figure given twice; `first` is the cell of the first one.
    DuplicateFigure {
        first: String,
    },
    /// A value on a row without a code: it would be lost silently.
    ValueWithoutKey,
    /// A figure needed to build a scenario (enrollees, funding per head, the year).
    MissingFigure,
    /// Fund payments above the total cost they pay for: an actual ratio above 100 %.
    PaymentsAboveCost {
        cost: String,
    },
    /// The parts (levels, payers) add up to more than the total given for them.
    PartsAboveTotal {
        parts: String,
        total: String,
    },
    /// The parts add up to a different total than the one given.
    PartsDisagree {
        parts: String,
        total: String,
    },
    /// Funds raised below enrollees × funding per head.
    IncomeBelowContributions {
        contributions: String,
    },
    /// The calibrated model does not reproduce a reported figure.
    PoorFit {
        reported: String,
        modelled: String,
        deviation: f64,
    },
    /// A reported total includes much care the model does not price (health checks and
    /// other): `share` of `total`. With `spending`, the model's spending leaves it out.
    UnpricedRest {
        total: String,
        share: f64,
        spending: bool,
    },
}

/// One thing wrong with a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// Where: `lines[2].inpatient.deductible`, `proposal.lines[2].inpatient.deductible`; empty
    /// for the file as a whole.
    pub path: String,
    /// The value found, as written; empty when there is none.
    pub value: String,
    /// What is allowed, e.g. "0 – 1"; empty when the message says it.
    pub allowed: String,
    /// The problem in words, in both languages.
    pub message: Text,
    pub kind: ProblemKind,
    /// The parameter's label ("县级医院 住院补偿比例"), when the path names one.
    pub label: Option<Text>,
    /// What was probably meant, for the mistakes people make by hand.
    pub hint: Option<Text>,
    /// Where in the file, when the problem comes from a file.
    pub position: Option<Position>,
    /// The spreadsheet cell, when the problem comes from a figures sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<CellRef>,
    pub severity: Severity,
}

impl Problem {
    /// A problem at `path` (empty for the whole file) of `kind`, about `value` as written.
    pub fn new(path: impl Into<String>, kind: ProblemKind, value: impl Into<String>) -> Problem {
        let mut problem = Problem {
            path: path.into(),
            value: value.into(),
            allowed: String::new(),
            message: Text::default(),
            kind,
            label: None,
            hint: None,
            position: None,
            cell: None,
            severity: Severity::Error,
        };
        problem.reword();
        problem
    }

    /// The same problem about the field labelled `label`.
    pub fn labelled(mut self, label: Text) -> Problem {
        self.label = Some(label);
        self.reword();
        self
    }

    pub fn with_hint(mut self, hint: Option<Text>) -> Problem {
        self.hint = hint;
        self
    }

    pub fn at(mut self, position: Option<Position>) -> Problem {
        self.position = position;
        self
    }

    /// The same problem found in a spreadsheet cell.
    pub fn in_cell(mut self, cell: Option<CellRef>) -> Problem {
        self.cell = cell;
        self
    }

    pub fn warning(mut self) -> Problem {
        self.severity = Severity::Warning;
        self
    }

    /// The same problem found in the proposal's edits: its path gains `proposal.`.
    pub fn in_proposal(self) -> Problem {
        self.under("proposal")
    }

    /// The same problem found under `part` of the file (`proposal`, `assumptions`).
    pub fn under(mut self, part: &str) -> Problem {
        if !self.path.starts_with(part) {
            self.path = if self.path.is_empty() {
                part.to_string()
            } else {
                format!("{part}.{}", self.path)
            };
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn reword(&mut self) {
        self.allowed = match &self.kind {
            ProblemKind::OutOfRange { range, unit } => range_text(range, *unit, Lang::Zh),
            _ => String::new(),
        };
        let label = self.label.clone();
        let this = &*self;
        self.message = Text::both(|lang| {
            let label = label.as_ref().map_or_else(
                || default_label(&this.path, lang),
                |l| l.get(lang).to_string(),
            );
            words(&this.kind, lang, &label, &this.value)
        });
    }

    /// The problem for a person at a field of the app, in the field's own terms: a share in per
    /// cent (as the field takes it) and no hint about how a file writes fractions; no field path
    /// and no file position, which are for files and the command line ([`Problem::describe`]).
    pub fn on_screen(&self, lang: Lang) -> String {
        let ProblemKind::OutOfRange {
            range,
            unit: Unit::Share,
        } = &self.kind
        else {
            let mut out = self.message.get(lang).to_string();
            if let Some(hint) = &self.hint {
                out.push_str(lang.pick("。", ". "));
                out.push_str(hint.get(lang));
            }
            return out;
        };
        let percent = crate::base::units::percent;
        let shown = self
            .value
            .parse::<f64>()
            .map_or_else(|_| self.value.clone(), percent);
        let allowed = if range.min_open {
            format!("> {}, ≤ {}", percent(range.min), percent(range.max))
        } else {
            format!("{} – {}", percent(range.min), percent(range.max))
        };
        let label = self.label.as_ref().map_or_else(
            || default_label(&self.path, lang),
            |l| l.get(lang).to_string(),
        );
        match lang {
            Lang::Zh => format!("{label}应在 {allowed} 之间，现为 {shown}"),
            Lang::En => format!("{label} must be within {allowed}; it is {shown}"),
        }
    }

    /// The problem in one language, for a list: the message, the hint, then where it is
    /// ("lines[2].inpatient.reimbursement_ratio, line 12").
    pub fn describe(&self, lang: Lang) -> String {
        let mut out = self.message.get(lang).to_string();
        if let Some(hint) = &self.hint {
            out.push_str(lang.pick("。", ". "));
            out.push_str(hint.get(lang));
        }
        let mut place = Vec::new();
        if let Some(cell) = &self.cell {
            place.push(cell.describe(lang));
        }
        if !self.path.is_empty() {
            place.push(self.path.clone());
        }
        if let Some(p) = self.position {
            place.push(match lang {
                Lang::Zh => format!("第 {} 行第 {} 列", p.line, p.column),
                Lang::En => format!("line {}, column {}", p.line, p.column),
            });
        }
        if !place.is_empty() {
            out.push_str(&match lang {
                Lang::Zh => format!("〔{}〕", place.join("，")),
                Lang::En => format!(" [{}]", place.join(", ")),
            });
        }
        out
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{} / {}",
            self.describe(Lang::En),
            self.describe(Lang::Zh)
        )
    }
}

/// The label when no parameter names the path: the last key, as the format writes it.
fn default_label(path: &str, lang: Lang) -> String {
    let leaf = path
        .rsplit('.')
        .next()
        .unwrap_or(path)
        .split('[')
        .next()
        .unwrap_or_default();
    match crate::scenario::terms::structure_label(leaf) {
        Some(label) => crate::base::lang::capitalise(label.get(lang)),
        None if leaf.is_empty() => lang.pick("文件", "The file").to_string(),
        None => format!("`{leaf}`"),
    }
}

/// A number of a range for people: thousands grouped, no float noise.
fn number_text(value: f64) -> String {
    if value.abs() >= 10_000.0 && value.fract() == 0.0 && value.abs() < 1e15 {
        group_thousands(&format!("{value:.0}"))
    } else {
        trimmed(value)
    }
}

/// The allowed range in words: "0 – 1（0% – 100%）", "> 0 – 10,000,000 元".
pub fn range_text(range: &Range, unit: Unit, lang: Lang) -> String {
    let (min, max) = (number_text(range.min), number_text(range.max));
    let core = if range.min_open {
        format!("> {min}, ≤ {max}")
    } else {
        format!("{min} – {max}")
    };
    match unit {
        Unit::Share => format!(
            "{core} ({} – {})",
            crate::base::units::percent(range.min),
            crate::base::units::percent(range.max)
        ),
        Unit::Yuan => format!("{core} {}", unit.suffix(lang)),
        _ => core,
    }
}

fn expected_words(expected: Expected, lang: Lang) -> &'static str {
    match (expected, lang) {
        (Expected::Number, Lang::Zh) => "数字",
        (Expected::Number, Lang::En) => "a number",
        (Expected::WholeNumber, Lang::Zh) => "整数",
        (Expected::WholeNumber, Lang::En) => "a whole number",
        (Expected::Money, Lang::Zh) => "以元为单位的金额（如 403 或 59.45）",
        (Expected::Money, Lang::En) => "an amount in yuan (such as 403 or 59.45)",
        (Expected::NumberOrNull, Lang::Zh) => "数字或 null",
        (Expected::NumberOrNull, Lang::En) => "a number or null",
        (Expected::Text, Lang::Zh) => "文字（加引号）",
        (Expected::Text, Lang::En) => "text (in quotes)",
        (Expected::Object, Lang::Zh) => "带字段名的对象 {…}",
        (Expected::Object, Lang::En) => "an object with named fields {…}",
        (Expected::List, Lang::Zh) => "列表 […]",
        (Expected::List, Lang::En) => "a list […]",
        (Expected::Bool, Lang::Zh) => "true 或 false",
        (Expected::Bool, Lang::En) => "true or false",
        (Expected::Level, Lang::Zh) => {
            "医疗机构级别（village、township、county、higher、out_of_area 之一）"
        }
        (Expected::Level, Lang::En) => {
            "a hospital level (village, township, county, higher or out_of_area)"
        }
        (Expected::Names, Lang::Zh) => "含 zh 与 en 两个名称的对象",
        (Expected::Names, Lang::En) => "an object with a zh and an en name",
    }
}

fn found_words(found: &Found, lang: Lang) -> String {
    match (found, lang) {
        (Found::Null, Lang::Zh) => "空值 null".into(),
        (Found::Null, Lang::En) => "null".into(),
        (Found::Bool(b), Lang::Zh) => format!("布尔值 {b}"),
        (Found::Bool(b), Lang::En) => format!("the boolean {b}"),
        (Found::Number(n), Lang::Zh) => format!("数字 {n}"),
        (Found::Number(n), Lang::En) => format!("the number {n}"),
        (Found::Text(t), Lang::Zh) => format!("文字“{t}”"),
        (Found::Text(t), Lang::En) => format!("the text \"{t}\""),
        (Found::List, Lang::Zh) => "列表 […]".into(),
        (Found::List, Lang::En) => "a list […]".into(),
        (Found::Object, Lang::Zh) => "对象 {…}".into(),
        (Found::Object, Lang::En) => "an object {…}".into(),
        (Found::Other, Lang::Zh) => "其他内容".into(),
        (Found::Other, Lang::En) => "something else".into(),
    }
}

fn list(items: &[&str], lang: Lang) -> String {
    items.join(lang.pick("、", ", "))
}

fn words(kind: &ProblemKind, lang: Lang, label: &str, value: &str) -> String {
    use ProblemKind as K;
    let zh = lang == Lang::Zh;
    match kind {
        K::Syntax { found } => match (found, zh) {
            (Some(c), true) => format!("JSON 格式错误：出现了不应出现的字符“{c}”"),
            (Some(c), false) => format!("malformed JSON: the character '{c}' cannot stand here"),
            (None, true) => "JSON 格式错误".into(),
            (None, false) => "malformed JSON".into(),
        },
        K::Truncated => lang
            .pick(
                "文件不完整：JSON 在结束前被截断",
                "the file is incomplete: the JSON ends too early",
            )
            .into(),
        K::BadNumber => lang
            .pick(
                "无法读取的数字（过大或写法有误）",
                "a number that cannot be read (too large, or malformed)",
            )
            .into(),
        K::TooLarge { bytes, max } => match zh {
            true => format!("文件过大（{} KB），上限为 {} KB", bytes / 1024, max / 1024),
            false => format!(
                "the file is too large ({} KB); the limit is {} KB",
                bytes / 1024,
                max / 1024
            ),
        },
        K::TooManyLines { count, max } => match zh {
            true => format!("服务项目过多（{count} 项），最多 {max} 项"),
            false => format!("too many service lines ({count}); at most {max}"),
        },
        K::UnknownField { field, expected } => match zh {
            true => format!(
                "未知字段“{field}”（拼错或放错位置的字段会被悄悄忽略，故不接受）；此处允许的字段：{}",
                list(expected, lang)
            ),
            false => format!(
                "unknown field `{field}` (a misspelt or misplaced field would be lost silently, so \
                 it is refused); the fields allowed here: {}",
                list(expected, lang)
            ),
        },
        K::MissingField { field } => match zh {
            true => format!("缺少必填字段“{field}”"),
            false => format!("the required field `{field}` is missing"),
        },
        K::DuplicateKey { key } => match zh {
            true => format!("“{key}”出现了两次（后者会悄悄覆盖前者，故不接受）"),
            false => format!(
                "`{key}` appears twice (one would silently override the other, so it is refused)"
            ),
        },
        K::WrongType { expected, found } => {
            let mut text = match zh {
                true => format!(
                    "{label}应为{}，现为{}",
                    expected_words(*expected, lang),
                    found_words(found, lang)
                ),
                false => format!(
                    "{label} must be {}; it is {}",
                    expected_words(*expected, lang),
                    found_words(found, lang)
                ),
            };
            if *expected == Expected::Object && *found == Found::List {
                text.push_str(lang.pick(
                    "（列表按位置读取，会绕过字段名检查）",
                    " (a list would be read by position, bypassing the field names)",
                ));
            }
            text
        }
        K::UnknownVariant { found, expected } => match zh {
            true => format!("{label}“{found}”不是允许的取值；允许：{}", list(expected, lang)),
            false => format!(
                "{label} `{found}` is not one of the allowed values: {}",
                list(expected, lang)
            ),
        },
        K::OutOfRange { range, unit } => {
            let shown = match (unit, value.parse::<f64>()) {
                (Unit::Share, Ok(v)) => match lang {
                    Lang::Zh => format!("{value}（{}）", crate::base::units::percent(v)),
                    Lang::En => format!("{value} ({})", crate::base::units::percent(v)),
                },
                _ => value.to_string(),
            };
            let allowed = range_text(range, *unit, lang);
            match zh {
                true => format!("{label}应在 {allowed} 之间，现为 {shown}"),
                false => format!("{label} must be within {allowed}; it is {shown}"),
            }
        }
        K::Empty => match zh {
            true => format!("{label}不能为空"),
            false => format!("{label} cannot be empty"),
        },
        K::LineWithoutCare => lang
            .pick(
                "服务项目需要普通门诊或住院参数",
                "a service line needs outpatient or inpatient parameters",
            )
            .into(),
        K::DeductibleAboveCeiling { ceiling } => match zh {
            true => format!("{label} {value} 元高于封顶线 {ceiling} 元"),
            false => format!("{label} of {value} yuan is above the ceiling of {ceiling} yuan"),
        },
        K::SchemePartAboveFee { fee } => match zh {
            true => format!("{label} {value} 元高于每次一般诊疗费 {fee} 元"),
            false => format!("{label} of {value} yuan is above the fee of {fee} yuan a visit"),
        },
        K::SurplusBandReversed => lang
            .pick(
                "当年结余率下限高于上限",
                "the minimum surplus rate is above the maximum",
            )
            .into(),
        K::ZeroCeiling => lang
            .pick(
                "封顶线算得 0 元：任何住院都得不到补偿",
                "the ceiling works out at 0 yuan: no admission would be reimbursed",
            )
            .into(),
        K::BadPath { written } => match zh {
            true => format!(
                "“{written}”不是字段路径（应写作 lines[2].inpatient.deductible 这样的形式）"
            ),
            false => format!(
                "`{written}` is not a field path (write it as lines[2].inpatient.deductible)"
            ),
        },
        K::UnknownPath => lang
            .pick(
                "该场景中没有这个可调整的数值",
                "there is no adjustable number at this path in this scenario",
            )
            .into(),
        K::NotALever { frame: true, .. } => lang
            .pick(
                "基准年和预测年数属于整个测算，方案不能单独修改",
                "the base year and the horizon belong to the scenario, not to a plan",
            )
            .into(),
        K::NotALever { role, .. } => match (role, zh) {
            (Role::Observed, true) => format!("{label}是实际报告数，只用于校准，不能由方案修改"),
            (Role::Observed, false) => format!(
                "{label} is a reported figure, used for calibration only; a plan cannot change it"
            ),
            (_, true) => format!("{label}是测算假设，会同时影响基线与方案，不能作为方案调整"),
            (_, false) => format!(
                "{label} is an assumption: it changes baseline and proposal alike, so a plan \
                 cannot change it"
            ),
        },
        K::NotOptional => match zh {
            true => format!("{label}不能为空（null）"),
            false => format!("{label} cannot be empty (null)"),
        },
        K::NotWhole => match zh {
            true => format!("{label}应为整数，现为 {value}"),
            false => format!("{label} must be a whole number; it is {value}"),
        },
        K::NotFinite => match zh {
            true => format!("{label}必须是有限的数字"),
            false => format!("{label} must be a finite number"),
        },
        K::Unusual { typical, unit } => {
            let span = range_text(&crate::scenario::params::closed_range(typical.0, typical.1), *unit, lang);
            match zh {
                true => format!("{label} {value} 远离常见范围 {span}，请核对"),
                false => format!("{label} of {value} is far from the usual {span}; please check it"),
            }
        }
        K::Unreadable { reason } => reason.get(lang).to_string(),
        K::NotUtf8 { offset } => match zh {
            true => format!(
                "文件不是 UTF-8 编码的文字（第 {offset} 字节起无法读取），可能是 GBK 编码的 CSV：\
                 请在 Excel 中另存为“CSV UTF-8（逗号分隔）”，在 WPS 中另存为 CSV 并选择 UTF-8 编码，\
                 或直接上传 .xlsx 文件"
            ),
            false => format!(
                "the file is not UTF-8 text (unreadable from byte {offset}); it may be a CSV saved \
                 as GBK: in Excel save it as \"CSV UTF-8 (Comma delimited)\", in WPS save as CSV \
                 with UTF-8 encoding, or upload the .xlsx file itself"
            ),
        },
        K::NoHeader { columns } => match zh {
            true => format!(
                "找不到表头行：表头应含有以下各列：{}（请从模板开始填写）",
                list(columns, lang)
            ),
            false => format!(
                "no header row found: the header names the columns {} (start from the template)",
                list(columns, lang)
            ),
        },
        K::MissingColumn { column } => match zh {
            true => format!("表头缺少“{column}”列"),
            false => format!("the header has no column \"{column}\""),
        },
        K::UnknownFigure { key } => match zh {
            true => format!("代码“{key}”不是模板中的数据项（改动或拼错的代码会让数据悄悄丢失，故不接受）"),
            false => format!(
                "the code `{key}` names no figure of the template (a changed or misspelt code \
                 would lose the figure silently, so it is refused)"
            ),
        },
        K::DuplicateFigure { first } => match zh {
            true => format!("{label}填写了两次（第一次在 {first}），无法判断以哪个为准"),
            false => format!("{label} is given twice (first in {first}); which one counts is unclear"),
        },
        K::ValueWithoutKey => lang
            .pick(
                "这一行填了数值但没有代码（A 列），数值无法归属到任何数据项",
                "this row has a value but no code (column A), so the value belongs to no figure",
            )
            .into(),
        K::MissingFigure => match zh {
            true => format!("缺少{label}，无法建立测算"),
            false => format!("{label} is needed to build a scenario"),
        },
        K::PaymentsAboveCost { cost } => match zh {
            true => format!("{label} {value} 元高于医疗总费用 {cost} 元：实际补偿比超过 100%"),
            false => format!(
                "{label} of {value} yuan is above the total cost of {cost} yuan: an actual ratio \
                 above 100 %"
            ),
        },
        K::PartsAboveTotal { parts, total } => match zh {
            true => format!("{label}：各分项合计 {parts}，高于填写的合计 {total}"),
            false => format!("{label}: the parts add up to {parts}, more than the total of {total}"),
        },
        K::PartsDisagree { parts, total } => match zh {
            true => format!("{label}：各分项合计 {parts}，与填写的合计 {total} 不一致"),
            false => format!("{label}: the parts add up to {parts}, not the total of {total}"),
        },
        K::IncomeBelowContributions { contributions } => match zh {
            true => format!(
                "{label} {value} 元低于参合人数 × 人均筹资 = {contributions} 元"
            ),
            false => format!(
                "{label} of {value} yuan is below enrollees × funding per head = {contributions} yuan"
            ),
        },
        K::PoorFit {
            reported,
            modelled,
            deviation,
        } => match zh {
            true => format!(
                "{label}：校准后的模型为 {modelled}，报告数为 {reported}（偏差 {:+.1}%），\
                 报表数据可能前后不一致，或默认假设与本地差别较大",
                deviation * 100.0
            ),
            false => format!(
                "{label}: the calibrated model gives {modelled}, the fund reported {reported} \
                 ({:+.1}%); the figures may disagree with each other, or the defaults may be far \
                 from this fund",
                deviation * 100.0
            ),
        },
        K::UnpricedRest {
            total,
            share,
            spending,
        } => match (zh, spending) {
            (true, false) => format!(
                "{label}为 {value}，占报告合计 {total} 的 {:.1}%：模型的补偿人次不含这部分",
                share * 100.0
            ),
            (true, true) => format!(
                "{label}为 {value}，占报告合计 {total} 的 {:.1}%：模型的基金支出不含这部分，\
                 测算的当年结余因此比基金实际约高出此数",
                share * 100.0
            ),
            (false, false) => format!(
                "{label} is {value}, {:.1}% of the reported total of {total}: the model's \
                 person-times leave it out",
                share * 100.0
            ),
            (false, true) => format!(
                "{label} is {value}, {:.1}% of the reported total of {total}: the model's \
                 spending leaves it out, so its surplus is higher than the fund's by about as \
                 much",
                share * 100.0
            ),
        },
    }
}

/// A hint for a number outside its range that looks like a slip of scale: a ratio written in
/// percent (75 for 0.75), an amount in 万元 (10 000 yuan) or in yuan where 万元 was meant.
pub fn scale_hint(param: &Param, value: f64) -> Option<Text> {
    let (lo, hi) = param.typical;
    let fits = |v: f64| param.range.contains(v) && v >= lo && v <= hi;
    if param.unit == Unit::Share && value > 1.0 && value <= 100.0 && fits(value / 100.0) {
        let meant = trimmed(value / 100.0);
        return Some(Text::new(
            format!("比例用小数表示：是否想写 {meant}（{}%）？", trimmed(value)),
            format!(
                "ratios are fractions: did you mean {meant} ({}%)?",
                trimmed(value)
            ),
        ));
    }
    if param.unit == Unit::Yuan && value > 0.0 && fits(value * 10_000.0) && !fits(value) {
        let meant = number_text(value * 10_000.0);
        return Some(Text::new(
            format!(
                "金额以元为单位：若此处写的是 {} 万元，应写 {meant}",
                trimmed(value)
            ),
            format!(
                "amounts are in yuan: if this is {} 万元 (ten-thousands), write {meant}",
                trimmed(value)
            ),
        ));
    }
    None
}

/// A hint for a text where a number was expected: "75%", "4,600,000", "６０", "60万".
pub fn text_hint(text: &str, expected: Expected, unit: Option<Unit>) -> Option<Text> {
    let t = text.trim();
    let full_width: String = t
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '，' => ',',
            '－' => '-',
            '％' => '%',
            _ => c,
        })
        .collect();
    if full_width != t {
        return Some(Text::new(
            format!("请使用半角数字与符号：{full_width}"),
            format!("write half-width (ASCII) digits and signs: {full_width}"),
        ));
    }
    if let Some(number) = t
        .strip_suffix('%')
        .and_then(|n| n.trim().parse::<f64>().ok())
    {
        let meant = trimmed(number / 100.0);
        return Some(match unit {
            Some(Unit::Share) | None => Text::new(
                format!("比例用不带 % 的小数表示：写 {meant}"),
                format!("write ratios as fractions without %: {meant}"),
            ),
            Some(_) => Text::new(
                "这里需要的不是百分比",
                "a percentage is not what this field takes",
            ),
        });
    }
    let scaled = [("万元", 1e4), ("万", 1e4), ("亿元", 1e8), ("亿", 1e8)]
        .iter()
        .find_map(|(unit, factor)| Some((t.strip_suffix(unit)?, *factor)));
    if let Some((number, factor)) = scaled {
        if let Ok(n) = number.trim().replace(',', "").parse::<f64>() {
            let meant = number_text((n * factor).round());
            return Some(Text::new(
                format!("金额以元为单位、不加单位：写 {meant}"),
                format!("amounts are in yuan, without a unit: write {meant}"),
            ));
        }
    }
    let without_commas = t.replace(',', "");
    if t.contains(',') && without_commas.parse::<f64>().is_ok() {
        return Some(Text::new(
            format!("去掉千位分隔符：写 {without_commas}"),
            format!("remove the thousands separators: {without_commas}"),
        ));
    }
    if matches!(
        expected,
        Expected::Number | Expected::Money | Expected::WholeNumber
    ) && t.parse::<f64>().is_ok()
    {
        return Some(Text::new(
            format!("数字不要加引号：写 {t}"),
            format!("write numbers without quotes: {t}"),
        ));
    }
    None
}

/// A hint for a syntax error at a character people type by hand in Chinese input methods.
pub fn syntax_hint(found: Option<char>) -> Option<Text> {
    let c = found?;
    let ascii = match c {
        '，' => ',',
        '：' => ':',
        '“' | '”' | '＂' => '"',
        '｛' => '{',
        '｝' => '}',
        '［' | '【' => '[',
        '］' | '】' => ']',
        '．' | '。' => '.',
        '－' => '-',
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32)?,
        '\u{3000}' => ' ',
        _ => {
            return (c == '\'').then(|| {
                Text::new(
                    "JSON 的文字须用双引号 \"…\"",
                    "JSON text is written in double quotes \"…\"",
                )
            })
        }
    };
    Some(Text::new(
        format!("“{c}”是全角字符，应改为半角“{ascii}”"),
        format!("'{c}' is a full-width character: write the ASCII '{ascii}'"),
    ))
}

/// The expected name closest to a misspelt one, if it is close: `reimbursment_ratio` →
/// `reimbursement_ratio`.
pub fn closest<'a>(written: &str, expected: &[&'a str]) -> Option<&'a str> {
    expected
        .iter()
        .map(|e| (edit_distance(written, e), *e))
        .filter(|(d, e)| *d <= 2.max(e.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_messages_hold_no_english_or_rust_words() {
        let kinds = [
            ProblemKind::WrongType {
                expected: Expected::WholeNumber,
                found: Found::Number("4.5".into()),
            },
            ProblemKind::WrongType {
                expected: Expected::Object,
                found: Found::List,
            },
            ProblemKind::Truncated,
            ProblemKind::MissingField {
                field: "lines".into(),
            },
        ];
        for kind in kinds {
            let zh = Problem::new("population", kind, "").message.zh;
            for english in [
                "f64", "u64", "expected", "invalid", "sequence", "struct", "type",
            ] {
                assert!(!zh.contains(english), "{zh}");
            }
        }
    }

    #[test]
    fn hints_for_hand_written_numbers() {
        let hint = |t: &str| text_hint(t, Expected::Money, Some(Unit::Yuan)).map(|h| h.en);
        assert_eq!(
            hint("4,600,000").as_deref(),
            Some("remove the thousands separators: 4600000")
        );
        assert!(hint("６０").unwrap().contains("60"));
        assert!(hint("60万").unwrap().contains("600,000"));
        assert_eq!(
            text_hint("75%", Expected::Number, Some(Unit::Share))
                .unwrap()
                .en,
            "write ratios as fractions without %: 0.75"
        );
        assert!(syntax_hint(Some('，')).unwrap().zh.contains("半角"));
        assert_eq!(
            closest("reimbursment_ratio", &["reimbursement_ratio", "deductible"]),
            Some("reimbursement_ratio")
        );
        assert_eq!(
            closest("colour", &["reimbursement_ratio", "deductible"]),
            None
        );
    }
}
