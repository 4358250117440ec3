//! One spreadsheet as a grid of cells ([`Sheet`]), the form both a CSV file and an .xlsx
//! workbook's sheet take before `template` reads figures from it; and CSV text in and out
//! (RFC 4180 as Excel and WPS write it: a byte-order mark, quoted fields, CRLF).

use crate::scenario::problem::{Problem, ProblemKind};

/// What a cell holds once read. A CSV file's cells are all text; an .xlsx cell may be a number.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Empty,
    Number(f64),
    Text(String),
}

impl CellValue {
    pub fn is_empty(&self) -> bool {
        match self {
            CellValue::Empty => true,
            CellValue::Text(t) => t.trim().is_empty(),
            CellValue::Number(_) => false,
        }
    }

    /// The cell as text (a number in its shortest form).
    pub fn text(&self) -> String {
        match self {
            CellValue::Empty => String::new(),
            CellValue::Number(v) => v.to_string(),
            CellValue::Text(t) => t.trim().to_string(),
        }
    }
}

/// How a written cell looks in a workbook (a CSV file has no looks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    #[default]
    Plain,
    /// Bold: the title, the header row, section headings.
    Bold,
    /// A cell to fill in (shaded), and its number format.
    Input,
    InputMoney,
    InputCount,
    InputPercent,
    /// Figures of a table (the hand-over workbook): yuan `#,##0.00`, counts `#,##0`, shares
    /// `0.00%`, unshaded.
    Money,
    Count,
    Percent,
}

/// A cell to write: a value and its look.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub value: CellValue,
    pub style: Style,
}

impl Written {
    pub fn text(text: impl Into<String>, style: Style) -> Written {
        Written {
            value: CellValue::Text(text.into()),
            style,
        }
    }
}

/// A sheet to write: rows of cells, the sheet's name, column widths (in characters) and how many
/// rows stay in view when scrolling (the title and the header).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SheetOut {
    pub name: String,
    pub rows: Vec<Vec<Written>>,
    pub widths: Vec<f64>,
    pub frozen_rows: usize,
}

/// A sheet as read: its name (none for CSV) and its rows of cells, zero-based.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    pub name: Option<String>,
    pub rows: Vec<Vec<CellValue>>,
}

impl Sheet {
    pub fn get(&self, row: usize, column: usize) -> &CellValue {
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .unwrap_or(&CellValue::Empty)
    }
}

/// The most rows and columns a figures sheet may have: the template has about 130 rows; the
/// bound keeps a wrong file from taking the page's memory.
pub const MAX_ROWS: usize = 5000;
pub const MAX_COLUMNS: usize = 200;

fn unreadable(zh: &str, en: &str) -> Problem {
    Problem::new(
        "",
        ProblemKind::Unreadable {
            reason: crate::base::lang::Text::new(zh, en),
        },
        "",
    )
}

pub(crate) fn too_large() -> Box<Problem> {
    Box::new(unreadable(
        &format!("表格过大：最多 {MAX_ROWS} 行、{MAX_COLUMNS} 列（模板约 130 行）"),
        &format!(
            "the sheet is too large: at most {MAX_ROWS} rows and {MAX_COLUMNS} columns (the \
             template has about 130 rows)"
        ),
    ))
}

/// Reads CSV bytes: UTF-8 with or without a byte-order mark (GBK is refused with the way to
/// save as UTF-8), fields separated by commas (or semicolons or tabs, when the first line says
/// so), quoted as Excel and WPS quote them, lines ended by CRLF, LF or CR.
pub fn read_csv(bytes: &[u8]) -> Result<Sheet, Box<Problem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Box::new(Problem::new(
            "",
            ProblemKind::NotUtf8 {
                offset: e.valid_up_to(),
            },
            "",
        ))
    })?;
    let delimiter = delimiter(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    // A field is quoted only when its first character is a quote; a quote elsewhere is text.
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            c if c == delimiter => {
                row.push(cell(std::mem::take(&mut field)));
                at_field_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(cell(std::mem::take(&mut field)));
                rows.push(std::mem::take(&mut row));
                at_field_start = true;
            }
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
        if rows.len() > MAX_ROWS || row.len() > MAX_COLUMNS {
            return Err(too_large());
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(cell(field));
        rows.push(row);
    }
    Ok(Sheet { name: None, rows })
}

fn cell(text: String) -> CellValue {
    if text.trim().is_empty() {
        CellValue::Empty
    } else {
        CellValue::Text(text)
    }
}

/// The separator the first line uses most, outside quotes: a comma unless a semicolon (Excel in
/// some locales) or a tab (text copied from a sheet) is commoner.
fn delimiter(text: &str) -> char {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [',', ';', '\t'];
    let best = (0..3)
        .max_by_key(|i| (counts[*i], usize::from(*i == 0)))
        .unwrap_or(0);
    candidates[best]
}

/// Writes a sheet as CSV for Excel and WPS: a byte-order mark first (without it Excel on a
/// Chinese Windows reads UTF-8 as GBK), fields quoted when they need it, CRLF line ends.
pub fn write_csv(sheet: &SheetOut) -> String {
    let mut out = String::from("\u{feff}");
    for row in &sheet.rows {
        let fields: Vec<String> = row
            .iter()
            .map(|c| match &c.value {
                CellValue::Text(t) => csv_field(t),
                other => csv_field(&other.text()),
            })
            .collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_field(text: &str) -> String {
    let needs_quotes = text.contains([',', '"', '\n', '\r', ';', '\t'])
        || text.starts_with(' ')
        || text.ends_with(' ');
    if needs_quotes {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sheet: &Sheet) -> Vec<Vec<String>> {
        sheet
            .rows
            .iter()
            .map(|r| r.iter().map(CellValue::text).collect())
            .collect()
    }

    #[test]
    fn csv_as_excel_writes_it() {
        let bytes = "\u{feff}代码 Key,数值 Value\r\n\"a,b\",\"say \"\"hi\"\"\"\r\nx,\"two\nlines\"\r\n,\r\n";
        let sheet = read_csv(bytes.as_bytes()).unwrap();
        assert_eq!(
            texts(&sheet),
            vec![
                vec!["代码 Key", "数值 Value"],
                vec!["a,b", "say \"hi\""],
                vec!["x", "two\nlines"],
                vec!["", ""],
            ]
        );
        assert_eq!(sheet.get(3, 0), &CellValue::Empty);
        assert_eq!(sheet.get(99, 99), &CellValue::Empty);
    }

    #[test]
    fn semicolons_tabs_and_bare_line_ends() {
        let sheet = read_csv(b"a;b;c\n1;2,5;3").unwrap();
        assert_eq!(
            texts(&sheet),
            vec![vec!["a", "b", "c"], vec!["1", "2,5", "3"]]
        );
        let sheet = read_csv(b"a\tb\r1\t2").unwrap();
        assert_eq!(texts(&sheet), vec![vec!["a", "b"], vec!["1", "2"]]);
    }

    #[test]
    fn gbk_bytes_are_refused_with_the_offset() {
        // "代码" in GBK: B4 FA C2 EB.
        let problem = read_csv(b"ok,\xB4\xFA\xC2\xEB").unwrap_err();
        assert_eq!(problem.kind, ProblemKind::NotUtf8 { offset: 3 });
        assert!(
            problem.message.zh.contains("CSV UTF-8"),
            "{}",
            problem.message.zh
        );
        assert!(problem.message.en.contains("not UTF-8"));
    }

    #[test]
    fn written_csv_reads_back() {
        let sheet = SheetOut {
            name: "x".into(),
            rows: vec![vec![
                Written::text("a,\"b\"", Style::Plain),
                Written::text(" c", Style::Bold),
                Written {
                    value: CellValue::Number(59.45),
                    style: Style::InputMoney,
                },
            ]],
            ..SheetOut::default()
        };
        let csv = write_csv(&sheet);
        assert!(csv.starts_with('\u{feff}') && csv.ends_with("\r\n"));
        let read = read_csv(csv.as_bytes()).unwrap();
        assert_eq!(read.rows[0][0], CellValue::Text("a,\"b\"".into()));
        assert_eq!(read.rows[0][1], CellValue::Text(" c".into()));
        assert_eq!(read.rows[0][2], CellValue::Text("59.45".into()));
    }
}
