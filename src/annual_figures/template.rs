//! The figures template: one sheet, one figure a row, labelled in Chinese with English beside,
//! written as CSV text or an .xlsx workbook ([`csv`], [`xlsx`]) and read back from the bytes of
//! either ([`read`]) into [`AnnualFigures`], with every problem naming its cell (`D12`).
//!
//! A row is `代码 Key | 项目 | Item | 数值 Value | 单位 Unit | 来源 Source`. The code, not the
//! row's position, says which figure a row holds, so an official may reorder rows, delete the
//! ones that do not apply or add notes between them; columns are found by their header, so they
//! may be reordered too. A code the template does not know, a value without a code and a figure
//! given twice are errors: each would lose or mix up a figure silently.

use crate::annual_figures::report_form::{
    self, AnnualFigures, FigureRow, Source, Value, ValueKind,
};
use crate::base::lang::{Lang, Text};
use crate::base::money;
use crate::scenario::problem::{
    closest, text_hint, CellRef, Expected, Found, Problem, ProblemKind,
};
use crate::spreadsheet::grid::{self, CellValue, Sheet, SheetOut, Style, Written};
use rust_decimal::Decimal;
use std::str::FromStr;

/// The columns of the template, as the header names them.
const KEY: &str = "代码 Key";
const VALUE: &str = "数值 Value";

/// A figures file read: the figures, and the warnings about them (values far from the usual,
/// parts above their totals, …). Errors are returned instead of this.
#[derive(Debug, Clone)]
pub struct ReadFigures {
    pub figures: AnnualFigures,
    pub warnings: Vec<Problem>,
}

/// The template's cells for `lang` (which label comes first), filled with `figures` if given.
pub fn sheet(figures: Option<&AnnualFigures>, lang: Lang) -> SheetOut {
    let pair = |zh: &str, en: &str| match lang {
        Lang::Zh => (zh.to_string(), en.to_string()),
        Lang::En => (en.to_string(), zh.to_string()),
    };
    let bold = |t: String| Written::text(t, Style::Bold);
    let plain = |t: String| Written::text(t, Style::Plain);
    let (title, title_other) = pair(
        "新农合基金年度统计数据（校准用）",
        "NCMS fund annual figures (for calibration)",
    );
    let (how, how_other) = pair(
        "填写说明：只填“数值”列（黄色）；不知道的留空，0 表示没有。金额以元为单位（不写“万元”）；\
         比例写小数或百分数（0.718 或 71.8%）。住院合计含重大疾病，分级数不含。“来源”列写出处\
         （如文件名：原文），会写入测算的数据来源。请勿改动“代码”列。",
        "How to fill in: only the Value column (shaded); leave a figure you do not know empty, 0 \
         means none. Money in yuan (not 万元); ratios as fractions or percentages (0.718 or \
         71.8%). The inpatient total includes major diseases; the levels do not. The Source column \
         says where a figure comes from (file: words), and is cited in the scenario. Do not change \
         the Key column.",
    );
    let header = match lang {
        Lang::Zh => [
            "代码 Key",
            "项目",
            "Item",
            "数值 Value",
            "单位 Unit",
            "来源 Source",
        ],
        Lang::En => [
            "Key 代码",
            "Item",
            "项目",
            "Value 数值",
            "Unit 单位",
            "Source 来源",
        ],
    };
    let mut rows = vec![
        vec![bold(title), plain(title_other)],
        vec![plain(how)],
        vec![plain(how_other)],
        Vec::new(),
        header.iter().map(|h| bold(h.to_string())).collect(),
    ];
    let mut section = None;
    for row in report_form::rows() {
        if section != Some(row.section) {
            section = Some(row.section);
            let heading = row.section.heading();
            let (first, second) = pair(heading.zh, heading.en);
            rows.push(vec![plain(String::new()), bold(first), bold(second)]);
        }
        rows.push(figure_row(row, figures, lang));
    }
    SheetOut {
        name: lang.pick("年度数据 Figures", "Figures 年度数据").into(),
        rows,
        widths: vec![34.0, 40.0, 52.0, 18.0, 16.0, 48.0],
        frozen_rows: 5,
    }
}

fn figure_row(row: &FigureRow, figures: Option<&AnnualFigures>, lang: Lang) -> Vec<Written> {
    let (label, label_other) = match lang {
        Lang::Zh => (row.label.zh.clone(), row.label.en.clone()),
        Lang::En => (row.label.en.clone(), row.label.zh.clone()),
    };
    let unit = row.kind.unit_label();
    let unit = match lang {
        Lang::Zh => format!("{} {}", unit.zh, unit.en),
        Lang::En => format!("{} {}", unit.en, unit.zh),
    };
    let reported = figures.and_then(|f| f.get(row.id));
    let value = match reported.map(|r| &r.value) {
        None => CellValue::Empty,
        Some(Value::Text(t)) => CellValue::Text(t.clone()),
        Some(Value::Money(m)) => CellValue::Number(money::to_f64(*m)),
        Some(Value::Number(v)) => CellValue::Number(*v),
    };
    let style = match row.kind {
        ValueKind::Money | ValueKind::SignedMoney => Style::InputMoney,
        ValueKind::Count => Style::InputCount,
        ValueKind::Share => Style::InputPercent,
        ValueKind::Text | ValueKind::Year | ValueKind::Multiple => Style::Input,
    };
    let note = reported.map(|r| r.source.note.clone()).unwrap_or_default();
    vec![
        Written::text(row.key.clone(), Style::Plain),
        Written::text(label, Style::Plain),
        Written::text(label_other, Style::Plain),
        Written { value, style },
        Written::text(unit, Style::Plain),
        Written::text(note, Style::Plain),
    ]
}

/// The template (or `figures` in it) as CSV text for Excel and WPS (UTF-8 with a byte-order mark).
pub fn csv(figures: Option<&AnnualFigures>, lang: Lang) -> String {
    grid::write_csv(&sheet(figures, lang))
}

/// The template (or `figures` in it) as an .xlsx workbook.
pub fn xlsx(figures: Option<&AnnualFigures>, lang: Lang) -> Vec<u8> {
    crate::spreadsheet::xlsx::write(&sheet(figures, lang))
}

fn unreadable(zh: &str, en: &str) -> Problem {
    Problem::new(
        "",
        ProblemKind::Unreadable {
            reason: Text::new(zh, en),
        },
        "",
    )
}

/// The cells of a figures file: an .xlsx workbook (a ZIP archive) or CSV text, told apart by
/// their first bytes rather than the file's name, which people change.
pub fn read_sheet(bytes: &[u8]) -> Result<Sheet, Vec<Problem>> {
    if bytes.starts_with(b"PK\x03\x04") {
        #[cfg(any(feature = "xlsx", not(target_arch = "wasm32")))]
        return crate::spreadsheet::xlsx::read(bytes).map_err(|p| vec![*p]);
        #[cfg(not(any(feature = "xlsx", not(target_arch = "wasm32"))))]
        return Err(vec![unreadable(
            "此版本只能读取 CSV：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后上传",
            "this build reads CSV only: in Excel, save the sheet as \"CSV UTF-8 (Comma \
             delimited)\" and upload that",
        )]);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(vec![unreadable(
            "这是旧版 .xls（或 WPS .et）文件：请另存为 .xlsx 或 CSV UTF-8 后上传",
            "this is an old .xls (or WPS .et) file: save it as .xlsx or CSV UTF-8 and upload that",
        )]);
    }
    grid::read_csv(bytes).map_err(|p| vec![*p])
}

/// Reads a figures file (its bytes; `file_name` is cited as the figures' source): every problem
/// at once, each naming its cell. Errors (a missing column, text in a number cell, a negative
/// cost, a ratio above 1, …) are returned instead of the figures; warnings (3 yuan a visit, …)
/// come with them.
pub fn read(bytes: &[u8], file_name: &str) -> Result<ReadFigures, Vec<Problem>> {
    let sheet = read_sheet(bytes)?;
    let (figures, mut problems) = figures_from_sheet(&sheet, file_name)?;
    problems.extend(figures.check());
    if problems.iter().any(Problem::is_error) {
        Err(problems)
    } else {
        Ok(ReadFigures {
            figures,
            warnings: problems,
        })
    }
}

/// Whether a cell is the header of a column, in either language and any case. Header cells are
/// short: the instructions above the header mention the columns too.
fn names(cell: &CellValue, zh: &str, en: &str) -> bool {
    // ASCII only: the English headers are ASCII, and Unicode case tables cost kilobytes of wasm.
    let text = cell.text().to_ascii_lowercase();
    text.chars().count() <= 24
        && (text.contains(zh) || text.split(|c: char| !c.is_alphanumeric()).any(|w| w == en))
}

/// The header row (zero-based) and the columns of the code, the value and the source.
struct Columns {
    header: usize,
    key: usize,
    value: usize,
    source: Option<usize>,
}

fn columns(sheet: &Sheet) -> Result<Columns, Box<Problem>> {
    let is_key = |c: &CellValue| names(c, "代码", "key");
    let is_value = |c: &CellValue| names(c, "数值", "value");
    let header = sheet
        .rows
        .iter()
        .take(50)
        .position(|row| row.iter().any(|c| is_key(c) || is_value(c)))
        .ok_or_else(|| {
            Box::new(Problem::new(
                "",
                ProblemKind::NoHeader {
                    columns: vec![KEY, VALUE],
                },
                "",
            ))
        })?;
    let row = &sheet.rows[header];
    let find = |test: &dyn Fn(&CellValue) -> bool| row.iter().position(test);
    let whole_row = CellRef {
        sheet: sheet.name.clone(),
        reference: format!(
            "A{0}:{1}{0}",
            header + 1,
            crate::scenario::problem::column_letters(row.len().max(1) - 1)
        ),
    };
    let missing = |column| {
        Box::new(
            Problem::new("", ProblemKind::MissingColumn { column }, "")
                .in_cell(Some(whole_row.clone())),
        )
    };
    Ok(Columns {
        header,
        key: find(&is_key).ok_or_else(|| missing(KEY))?,
        value: find(&is_value).ok_or_else(|| missing(VALUE))?,
        source: find(&|c| names(c, "来源", "source")),
    })
}

/// The figures of a sheet, and the problems of reading them (checks of the values come after);
/// a sheet without its header or a needed column is only that problem: nothing else can be read.
pub fn figures_from_sheet(
    sheet: &Sheet,
    file_name: &str,
) -> Result<(AnnualFigures, Vec<Problem>), Vec<Problem>> {
    let mut figures = AnnualFigures::default();
    let mut problems = Vec::new();
    let columns = columns(sheet).map_err(|p| vec![*p])?;
    let mut first_cell: std::collections::HashMap<report_form::FigureId, String> =
        Default::default();
    let keys = report_form::keys();
    for r in columns.header + 1..sheet.rows.len() {
        let cell = |c| CellRef::at(sheet.name.as_deref(), r, c);
        let key = sheet.get(r, columns.key).text();
        let value = sheet.get(r, columns.value);
        if key.is_empty() {
            if !value.is_empty() {
                problems.push(
                    Problem::new("", ProblemKind::ValueWithoutKey, value.text())
                        .in_cell(Some(cell(columns.value))),
                );
            }
            continue;
        }
        let Some(row) = report_form::by_key(&key) else {
            let hint = closest(&key, &keys)
                .map(|k| Text::new(format!("是否想写 {k}？"), format!("did you mean {k}?")));
            problems.push(
                Problem::new(key.clone(), ProblemKind::UnknownFigure { key }, "")
                    .with_hint(hint)
                    .in_cell(Some(cell(columns.key))),
            );
            continue;
        };
        if value.is_empty() {
            continue;
        }
        let here = cell(columns.value);
        if let Some(first) = first_cell.get(&row.id) {
            problems.push(
                Problem::new(
                    row.key.clone(),
                    ProblemKind::DuplicateFigure {
                        first: first.clone(),
                    },
                    value.text(),
                )
                .labelled(row.label.clone())
                .in_cell(Some(here)),
            );
            continue;
        }
        match parse_value(value, row) {
            Ok(parsed) => {
                first_cell.insert(row.id, here.reference.clone());
                let note = columns
                    .source
                    .map(|c| sheet.get(r, c).text())
                    .unwrap_or_default();
                figures.insert(
                    row.id,
                    parsed,
                    Source {
                        file: file_name.to_string(),
                        cell: Some(here),
                        note,
                    },
                );
            }
            Err(problem) => problems.push(problem.in_cell(Some(here))),
        }
    }
    Ok((figures, problems))
}

/// A cell's value as the figure's kind: numbers from a workbook as they are; text as people
/// and spreadsheets write numbers (`1,895,000,000`, `71.8%` for a ratio); anything else is
/// text in a number cell, with a hint for the usual slips (`18.95亿`, full-width digits).
fn parse_value(cell: &CellValue, row: &FigureRow) -> Result<Value, Box<Problem>> {
    if row.kind == ValueKind::Text {
        return Ok(Value::Text(cell.text()));
    }
    let expected = match row.kind {
        ValueKind::Money | ValueKind::SignedMoney => Expected::Money,
        ValueKind::Year => Expected::WholeNumber,
        _ => Expected::Number,
    };
    let wrong = |text: &str| {
        Box::new(
            Problem::new(
                row.key.clone(),
                ProblemKind::WrongType {
                    expected,
                    found: Found::Text(text.to_string()),
                },
                text,
            )
            .labelled(row.label.clone())
            .with_hint(text_hint(text, expected, Some(row.kind.unit()))),
        )
    };
    let decimal = match cell {
        CellValue::Number(v) => money::decimal_from_f64(*v).ok_or_else(|| wrong(&v.to_string()))?,
        CellValue::Text(t) => {
            parse_decimal(t, row.kind == ValueKind::Share).ok_or_else(|| wrong(t.trim()))?
        }
        CellValue::Empty => return Err(wrong("")),
    };
    if row.kind == ValueKind::Year && !decimal.fract().is_zero() {
        return Err(Box::new(
            Problem::new(row.key.clone(), ProblemKind::NotWhole, decimal.to_string())
                .labelled(row.label.clone()),
        ));
    }
    Ok(match row.kind {
        ValueKind::Money | ValueKind::SignedMoney => Value::Money(money::fen(decimal)),
        _ => Value::Number(money::to_f64(decimal)),
    })
}

/// A number as written in a cell: plain or scientific decimal notation, thousands grouped with
/// commas (`1,895,000,000`, as Excel exports formatted numbers), and, for a ratio, a percentage.
fn parse_decimal(text: &str, share: bool) -> Option<Decimal> {
    let t = text.trim();
    if share {
        if let Some(percent) = t.strip_suffix('%') {
            return parse_decimal(percent, false).map(|d| d / Decimal::from(100));
        }
    }
    let plain = if t.contains(',') {
        ungroup(t)?
    } else {
        t.to_string()
    };
    let ok = !plain.is_empty()
        && plain
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    if !ok {
        return None;
    }
    Decimal::from_str(&plain)
        .or_else(|_| Decimal::from_scientific(&plain))
        .ok()
}

/// `1,895,000,000.50` → `1895000000.50`, only when the commas group thousands exactly.
fn ungroup(text: &str) -> Option<String> {
    let (whole, fraction) = text
        .split_once('.')
        .map_or((text, None), |(w, f)| (w, Some(f)));
    let digits = whole.strip_prefix('-').unwrap_or(whole);
    let mut groups = digits.split(',');
    let first = groups.next()?;
    let grouped = (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    grouped.then(|| {
        let mut out = whole.replace(',', "");
        if let Some(f) = fraction {
            out.push('.');
            out.push_str(f);
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_people_and_spreadsheets_write_them() {
        let d = |t: &str, share| parse_decimal(t, share).map(|d| d.normalize().to_string());
        assert_eq!(d("1,895,000,000", false).as_deref(), Some("1895000000"));
        assert_eq!(
            d("1,895,000,000.50", false).as_deref(),
            Some("1895000000.5")
        );
        assert_eq!(d(" 59.45 ", false).as_deref(), Some("59.45"));
        assert_eq!(d("71.80%", true).as_deref(), Some("0.718"));
        assert_eq!(d("1.5e3", false).as_deref(), Some("1500"));
        assert_eq!(d("71.80%", false), None, "a percentage only for ratios");
        assert_eq!(
            d("1,89,5000", false),
            None,
            "commas that do not group thousands"
        );
        assert_eq!(d("18.95亿", false), None);
        assert_eq!(d("abc", false), None);
    }
}
