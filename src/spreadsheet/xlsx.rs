//! The .xlsx workbook of a figures sheet, written and read without a spreadsheet library.
//!
//! An .xlsx file is a ZIP archive of a few XML files. Writing one takes six small files stored
//! uncompressed (no deflate needed, only a CRC-32), with inline strings so that no shared-string
//! table is needed: about 200 lines and a few KB of wasm, where a writer crate would bring a
//! compressor. Reading (behind the `xlsx` feature on wasm32; always on natively) inflates with
//! `miniz_oxide` and scans the first sheet's XML for its cells. calamine does the same job
//! generally (every format, encodings, dates) but added about 290 KB gzip to a wasm module,
//! more than the whole app; the tests read our files with calamine to check that they are the
//! workbooks Excel-compatible readers expect (`docs/calibration.md`, "The template").

use crate::spreadsheet::grid::{CellValue, SheetOut, Style};

/// The sheet's XML namespaces.
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Writes a one-sheet workbook.
pub fn write(sheet: &SheetOut) -> Vec<u8> {
    write_workbook(std::slice::from_ref(sheet))
}

/// Writes a workbook of several sheets, in order (the hand-over workbook).
pub fn write_workbook(sheets: &[SheetOut]) -> Vec<u8> {
    let mut files: Vec<(String, String)> = vec![
        ("[Content_Types].xml".into(), content_types(sheets.len())),
        ("_rels/.rels".into(), ROOT_RELS.to_string()),
        ("xl/workbook.xml".into(), workbook_xml(sheets)),
        (
            "xl/_rels/workbook.xml.rels".into(),
            workbook_rels(sheets.len()),
        ),
        ("xl/styles.xml".into(), STYLES.to_string()),
    ];
    for (i, sheet) in sheets.iter().enumerate() {
        files.push((
            format!("xl/worksheets/sheet{}.xml", i + 1),
            sheet_xml(sheet),
        ));
    }
    let files: Vec<(&str, String)> = files.iter().map(|(n, c)| (n.as_str(), c.clone())).collect();
    zip_stored(&files)
}

fn content_types(sheets: usize) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    );
    for i in 1..=sheets {
        xml.push_str(&format!(
            r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        ));
    }
    xml.push_str(r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#);
    xml
}

fn workbook_rels(sheets: usize) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for i in 1..=sheets {
        xml.push_str(&format!(
            r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#
        ));
    }
    xml.push_str(&format!(
        r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
        sheets + 1
    ));
    xml
}

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

/// Cell formats, indexed by [`style_index`]: plain, bold, and the shaded input cells (general,
/// money `#,##0.00`, counts `#,##0`, percentages `0.00%`).
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFF2CC"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="9"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/><xf numFmtId="4" fontId="0" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/><xf numFmtId="3" fontId="0" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/><xf numFmtId="10" fontId="0" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

fn style_index(style: Style) -> usize {
    match style {
        Style::Plain => 0,
        Style::Bold => 1,
        Style::Input => 2,
        Style::InputMoney => 3,
        Style::InputCount => 4,
        Style::InputPercent => 5,
        Style::Money => 6,
        Style::Count => 7,
        Style::Percent => 8,
    }
}

fn workbook_xml(sheets: &[SheetOut]) -> String {
    let mut entries = String::new();
    for (i, sheet) in sheets.iter().enumerate() {
        // Excel refuses sheet names over 31 characters or with any of : \ / ? * [ ].
        let name: String = sheet
            .name
            .chars()
            .filter(|c| !matches!(c, ':' | '\\' | '/' | '?' | '*' | '[' | ']'))
            .take(31)
            .collect();
        entries.push_str(&format!(
            r#"<sheet name="{}" sheetId="{}" r:id="rId{}"/>"#,
            escape(&name),
            i + 1,
            i + 1
        ));
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>{entries}</sheets></workbook>"#
    )
}

fn sheet_xml(sheet: &SheetOut) -> String {
    let mut xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">"#
    );
    if sheet.frozen_rows > 0 {
        let below = sheet.frozen_rows + 1;
        xml.push_str(&format!(
            r#"<sheetViews><sheetView workbookViewId="0"><pane ySplit="{}" topLeftCell="A{below}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#,
            sheet.frozen_rows
        ));
    }
    if !sheet.widths.is_empty() {
        xml.push_str("<cols>");
        for (i, width) in sheet.widths.iter().enumerate() {
            xml.push_str(&format!(
                r#"<col min="{0}" max="{0}" width="{width}" customWidth="1"/>"#,
                i + 1
            ));
        }
        xml.push_str("</cols>");
    }
    xml.push_str("<sheetData>");
    for (r, row) in sheet.rows.iter().enumerate() {
        xml.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            let reference = format!("{}{}", crate::scenario::problem::column_letters(c), r + 1);
            let style = match style_index(cell.style) {
                0 => String::new(),
                s => format!(r#" s="{s}""#),
            };
            match &cell.value {
                CellValue::Empty if style.is_empty() => {}
                CellValue::Empty => xml.push_str(&format!(r#"<c r="{reference}"{style}/>"#)),
                CellValue::Number(v) => {
                    xml.push_str(&format!(r#"<c r="{reference}"{style}><v>{v}</v></c>"#))
                }
                CellValue::Text(t) => xml.push_str(&format!(
                    r#"<c r="{reference}"{style} t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                    escape(t)
                )),
            }
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

/// Text for XML: the five special characters escaped, and control characters (which XML 1.0
/// cannot hold) dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

/// The CRC-32 of ZIP (IEEE 802.3, reflected), from a table built at compile time.
pub fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut crc = i as u32;
            let mut k = 0;
            while k < 8 {
                crc = if crc & 1 == 1 {
                    0xEDB8_8320 ^ (crc >> 1)
                } else {
                    crc >> 1
                };
                k += 1;
            }
            table[i] = crc;
            i += 1;
        }
        table
    };
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc = TABLE[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// A ZIP archive of stored (uncompressed) entries, dated 1980-01-01 so that the same sheet
/// always gives the same bytes.
fn zip_stored(files: &[(&str, String)]) -> Vec<u8> {
    const DOS_DATE: u16 = (1 << 5) | 1;
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, content) in files {
        let data = content.as_bytes();
        let crc = crc32(data);
        let size = data.len() as u32;
        let offset = out.len() as u32;
        let header = |out: &mut Vec<u8>| {
            out.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0
            out.extend_from_slice(&0u16.to_le_bytes()); // flags
            out.extend_from_slice(&0u16.to_le_bytes()); // method: stored
            out.extend_from_slice(&0u16.to_le_bytes()); // time
            out.extend_from_slice(&DOS_DATE.to_le_bytes());
            out.extend_from_slice(&crc.to_le_bytes());
            out.extend_from_slice(&size.to_le_bytes()); // compressed
            out.extend_from_slice(&size.to_le_bytes()); // uncompressed
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes()); // extra field
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        header(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);

        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // version made by
        header(&mut central);
        central.extend_from_slice(&0u16.to_le_bytes()); // comment
        central.extend_from_slice(&0u16.to_le_bytes()); // disk
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = out.len() as u32;
    let central_size = central.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&central_size.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

#[cfg(any(feature = "xlsx", not(target_arch = "wasm32")))]
pub use read::read;

/// Reading the first sheet of a workbook into a [`crate::spreadsheet::grid::Sheet`].
#[cfg(any(feature = "xlsx", not(target_arch = "wasm32")))]
mod read {
    use super::crc32;
    use crate::base::lang::Text;
    use crate::scenario::problem::{Problem, ProblemKind};
    use crate::spreadsheet::grid::{too_large, CellValue, Sheet, MAX_COLUMNS, MAX_ROWS};
    use std::borrow::Cow;

    /// The largest part of a workbook inflated: a figures sheet is tens of KB; the bound stops
    /// a ZIP bomb.
    const MAX_PART_BYTES: usize = 32 << 20;

    fn unreadable(zh: &str, en: &str) -> Box<Problem> {
        Box::new(Problem::new(
            "",
            ProblemKind::Unreadable {
                reason: Text::new(
                    format!("无法读取 .xlsx 文件：{zh}"),
                    format!("the .xlsx file cannot be read: {en}"),
                ),
            },
            "",
        ))
    }

    fn damaged() -> Box<Problem> {
        unreadable(
            "文件已损坏或不是 Excel 工作簿",
            "it is damaged, or not an Excel workbook",
        )
    }

    /// Reads the cells of the workbook's first sheet.
    pub fn read(bytes: &[u8]) -> Result<Sheet, Box<Problem>> {
        let zip = Zip::new(bytes)?;
        let workbook = zip.text("xl/workbook.xml")?.ok_or_else(damaged)?;
        let (name, relation) = first_sheet(&workbook).ok_or_else(damaged)?;
        let path = match zip.text("xl/_rels/workbook.xml.rels")? {
            Some(rels) => sheet_path(&rels, &relation),
            None => None,
        }
        .unwrap_or_else(|| "xl/worksheets/sheet1.xml".to_string());
        let shared = match zip.text("xl/sharedStrings.xml")? {
            Some(xml) => shared_strings(&xml)?,
            None => Vec::new(),
        };
        let xml = zip.text(&path)?.ok_or_else(damaged)?;
        let rows = cells(&xml, &shared)?;
        Ok(Sheet {
            name: Some(name),
            rows,
        })
    }

    struct Entry {
        name: String,
        method: u16,
        crc: u32,
        compressed: usize,
        offset: usize,
    }

    struct Zip<'a> {
        bytes: &'a [u8],
        entries: Vec<Entry>,
    }

    fn u16_at(b: &[u8], i: usize) -> Option<u16> {
        Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
    }

    fn u32_at(b: &[u8], i: usize) -> Option<u32> {
        Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
    }

    impl<'a> Zip<'a> {
        /// The central directory, found from the end-of-directory record at the file's end.
        fn new(bytes: &'a [u8]) -> Result<Zip<'a>, Box<Problem>> {
            let lowest = bytes.len().saturating_sub(22 + 65_535);
            let end = (lowest..=bytes.len().saturating_sub(22))
                .rev()
                .find(|i| u32_at(bytes, *i) == Some(0x0605_4b50))
                .ok_or_else(damaged)?;
            let count = u16_at(bytes, end + 10).ok_or_else(damaged)? as usize;
            let start = u32_at(bytes, end + 16).ok_or_else(damaged)?;
            if start == u32::MAX {
                return Err(unreadable("文件过大（ZIP64）", "it is too large (ZIP64)"));
            }
            let mut entries = Vec::with_capacity(count);
            let mut at = start as usize;
            for _ in 0..count {
                if u32_at(bytes, at) != Some(0x0201_4b50) {
                    return Err(damaged());
                }
                let field = |o| u16_at(bytes, at + o).ok_or_else(damaged);
                let (name_len, extra_len, comment_len) = (field(28)?, field(30)?, field(32)?);
                let name = bytes
                    .get(at + 46..at + 46 + name_len as usize)
                    .ok_or_else(damaged)?;
                entries.push(Entry {
                    name: String::from_utf8_lossy(name).replace('\\', "/"),
                    method: field(10)?,
                    crc: u32_at(bytes, at + 16).ok_or_else(damaged)?,
                    compressed: u32_at(bytes, at + 20).ok_or_else(damaged)? as usize,
                    offset: u32_at(bytes, at + 42).ok_or_else(damaged)? as usize,
                });
                at += 46 + name_len as usize + extra_len as usize + comment_len as usize;
            }
            Ok(Zip { bytes, entries })
        }

        /// A part as text; `None` when the archive has no such part. Names are matched without
        /// regard to case or a leading slash, as Excel does.
        fn text(&self, name: &str) -> Result<Option<String>, Box<Problem>> {
            let wanted = name.trim_start_matches('/');
            let Some(entry) = self
                .entries
                .iter()
                .find(|e| e.name.trim_start_matches('/').eq_ignore_ascii_case(wanted))
            else {
                return Ok(None);
            };
            let header = entry.offset;
            if u32_at(self.bytes, header) != Some(0x0403_4b50) {
                return Err(damaged());
            }
            let name_len = u16_at(self.bytes, header + 26).ok_or_else(damaged)? as usize;
            let extra_len = u16_at(self.bytes, header + 28).ok_or_else(damaged)? as usize;
            let start = header + 30 + name_len + extra_len;
            let data = self
                .bytes
                .get(start..start + entry.compressed)
                .ok_or_else(damaged)?;
            let content = match entry.method {
                0 => data.to_vec(),
                8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, MAX_PART_BYTES)
                    .map_err(|_| damaged())?,
                _ => {
                    return Err(unreadable(
                        "使用了不支持的压缩方式（请用 Excel 或 WPS 重新保存）",
                        "it uses a compression this reader does not know (save it again from \
                         Excel or WPS)",
                    ))
                }
            };
            if crc32(&content) != entry.crc {
                return Err(damaged());
            }
            String::from_utf8(content).map(Some).map_err(|_| damaged())
        }
    }

    /// One step of the XML: an element opening (`empty` when it closes itself), closing, or text.
    enum Token<'a> {
        Open {
            name: &'a str,
            attributes: &'a str,
            empty: bool,
        },
        Close {
            name: &'a str,
        },
        Text(Cow<'a, str>),
    }

    /// A scanner for the XML a workbook holds: elements, attributes, text, the predefined
    /// entities and character references, CDATA, comments and declarations. A DOCTYPE (which
    /// could declare entities) is refused.
    struct Scanner<'a> {
        xml: &'a str,
        at: usize,
    }

    /// The name without its namespace prefix: `x:c` is `c`.
    fn local(name: &str) -> &str {
        name.rsplit(':').next().unwrap_or(name)
    }

    impl<'a> Scanner<'a> {
        fn new(xml: &'a str) -> Scanner<'a> {
            Scanner { xml, at: 0 }
        }

        fn skip_past(&mut self, end: &str) -> Result<(), Box<Problem>> {
            let found = self.xml[self.at..].find(end).ok_or_else(damaged)?;
            self.at += found + end.len();
            Ok(())
        }

        fn next(&mut self) -> Result<Option<Token<'a>>, Box<Problem>> {
            loop {
                let rest = &self.xml[self.at..];
                if rest.is_empty() {
                    return Ok(None);
                }
                if !rest.starts_with('<') {
                    let end = rest.find('<').unwrap_or(rest.len());
                    self.at += end;
                    return Ok(Some(Token::Text(unescape(&rest[..end]))));
                }
                if rest.starts_with("<?") {
                    self.skip_past("?>")?;
                } else if rest.starts_with("<!--") {
                    self.skip_past("-->")?;
                } else if let Some(data) = rest.strip_prefix("<![CDATA[") {
                    let end = data.find("]]>").ok_or_else(damaged)?;
                    self.at += 9 + end + 3;
                    return Ok(Some(Token::Text(Cow::Borrowed(&data[..end]))));
                } else if rest.starts_with("<!") {
                    return Err(damaged());
                } else if let Some(close) = rest.strip_prefix("</") {
                    let end = close.find('>').ok_or_else(damaged)?;
                    self.at += 2 + end + 1;
                    return Ok(Some(Token::Close {
                        name: local(close[..end].trim()),
                    }));
                } else {
                    // The tag ends at the first '>' outside a quoted attribute value.
                    let mut quote = None;
                    let end = rest
                        .char_indices()
                        .skip(1)
                        .find(|(_, c)| match (quote, *c) {
                            (None, '"' | '\'') => {
                                quote = Some(*c);
                                false
                            }
                            (Some(q), c) if c == q => {
                                quote = None;
                                false
                            }
                            (None, '>') => true,
                            _ => false,
                        })
                        .map(|(i, _)| i)
                        .ok_or_else(damaged)?;
                    let inner = &rest[1..end];
                    let empty = inner.ends_with('/');
                    let inner = inner.trim_end_matches('/');
                    let name_end = inner
                        .find(|c: char| c.is_whitespace())
                        .unwrap_or(inner.len());
                    self.at += end + 1;
                    return Ok(Some(Token::Open {
                        name: local(&inner[..name_end]),
                        attributes: &inner[name_end..],
                        empty,
                    }));
                }
            }
        }
    }

    /// The value of the attribute with local name `wanted` (`r:id` is found as `id`).
    fn attribute<'a>(attributes: &'a str, wanted: &str) -> Option<Cow<'a, str>> {
        let mut rest = attributes;
        loop {
            rest = rest.trim_start();
            let eq = rest.find('=')?;
            let name = rest[..eq].trim();
            let after = rest[eq + 1..].trim_start();
            let quote = after.chars().next()?;
            if quote != '"' && quote != '\'' {
                return None;
            }
            let close = after[1..].find(quote)?;
            let value = &after[1..1 + close];
            if local(name) == wanted {
                return Some(unescape(value));
            }
            rest = &after[close + 2..];
        }
    }

    /// The predefined entities and character references; anything else stays as written.
    fn unescape(text: &str) -> Cow<'_, str> {
        if !text.contains('&') {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(amp) = rest.find('&') {
            out.push_str(&rest[..amp]);
            let after = &rest[amp + 1..];
            let Some(semi) = after.find(';').filter(|s| *s <= 10) else {
                out.push('&');
                rest = after;
                continue;
            };
            let entity = &after[..semi];
            let c = match entity {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .map(|hex| u32::from_str_radix(hex, 16))
                    .or_else(|| entity.strip_prefix('#').map(str::parse::<u32>))
                    .and_then(Result::ok)
                    .and_then(char::from_u32),
            };
            match c {
                Some(c) => {
                    out.push(c);
                    rest = &after[semi + 1..];
                }
                None => {
                    out.push('&');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        Cow::Owned(out)
    }

    /// The first sheet's name and relationship id.
    fn first_sheet(xml: &str) -> Option<(String, String)> {
        let mut scanner = Scanner::new(xml);
        while let Ok(Some(token)) = scanner.next() {
            if let Token::Open {
                name: "sheet",
                attributes,
                ..
            } = token
            {
                let name = attribute(attributes, "name")?.into_owned();
                let id = attribute(attributes, "id")?.into_owned();
                return Some((name, id));
            }
        }
        None
    }

    /// The part a relationship points to, as a path in the archive.
    fn sheet_path(rels: &str, id: &str) -> Option<String> {
        let mut scanner = Scanner::new(rels);
        while let Ok(Some(token)) = scanner.next() {
            if let Token::Open {
                name: "Relationship",
                attributes,
                ..
            } = token
            {
                if attribute(attributes, "Id").as_deref() == Some(id) {
                    let target = attribute(attributes, "Target")?;
                    return Some(match target.strip_prefix('/') {
                        Some(absolute) => absolute.to_string(),
                        None => format!("xl/{target}"),
                    });
                }
            }
        }
        None
    }

    /// The shared strings: each `<si>`'s text runs joined, phonetic guides (`<rPh>`) left out.
    fn shared_strings(xml: &str) -> Result<Vec<String>, Box<Problem>> {
        let mut strings = Vec::new();
        let mut scanner = Scanner::new(xml);
        let (mut in_text, mut in_phonetic) = (false, false);
        let mut current = String::new();
        while let Some(token) = scanner.next()? {
            match token {
                Token::Open { name: "si", .. } => current.clear(),
                Token::Open {
                    name: "rPh", empty, ..
                } => in_phonetic = !empty,
                Token::Close { name: "rPh" } => in_phonetic = false,
                Token::Open {
                    name: "t", empty, ..
                } => in_text = !empty,
                Token::Close { name: "t" } => in_text = false,
                Token::Text(text) if in_text && !in_phonetic => current.push_str(&text),
                Token::Close { name: "si" } => {
                    strings.push(std::mem::take(&mut current));
                    if strings.len() > MAX_ROWS * MAX_COLUMNS {
                        return Err(too_large());
                    }
                }
                _ => {}
            }
        }
        Ok(strings)
    }

    /// `D12` → (11, 3), zero-based.
    fn parse_reference(reference: &str) -> Option<(usize, usize)> {
        let letters = reference
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        if letters == 0 || letters > 3 {
            return None;
        }
        let column = reference[..letters].chars().fold(0usize, |n, c| {
            n * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1)
        });
        let row: usize = reference[letters..].parse().ok()?;
        Some((row.checked_sub(1)?, column - 1))
    }

    /// The cells of a sheet's XML. A cell's type (`t`) says how to read its value: a shared
    /// string (`s`), an inline string, a formula's text result (`str`), a boolean, an error, or
    /// (no type) a number. Rows and cells without a reference follow the previous one.
    fn cells(xml: &str, shared: &[String]) -> Result<Vec<Vec<CellValue>>, Box<Problem>> {
        let mut rows: Vec<Vec<CellValue>> = Vec::new();
        let mut scanner = Scanner::new(xml);
        let mut row = 0usize;
        let mut column = 0usize;
        let mut next_row = 0usize;
        let mut kind = String::new();
        let mut value = String::new();
        let (mut in_value, mut in_text, mut in_phonetic, mut in_cell) =
            (false, false, false, false);
        while let Some(token) = scanner.next()? {
            match token {
                Token::Open {
                    name: "row",
                    attributes,
                    ..
                } => {
                    row = attribute(attributes, "r")
                        .and_then(|r| r.parse::<usize>().ok())
                        .and_then(|r| r.checked_sub(1))
                        .unwrap_or(next_row);
                    next_row = row + 1;
                    column = 0;
                }
                Token::Open {
                    name: "c",
                    attributes,
                    empty,
                } => {
                    if let Some((r, c)) =
                        attribute(attributes, "r").and_then(|r| parse_reference(&r))
                    {
                        row = r;
                        column = c;
                    }
                    kind = attribute(attributes, "t").unwrap_or_default().into_owned();
                    value.clear();
                    in_cell = !empty;
                    if empty {
                        column += 1;
                    }
                }
                Token::Open {
                    name: "v", empty, ..
                } if in_cell => in_value = !empty,
                Token::Close { name: "v" } => in_value = false,
                Token::Open {
                    name: "rPh", empty, ..
                } => in_phonetic = !empty,
                Token::Close { name: "rPh" } => in_phonetic = false,
                Token::Open {
                    name: "t", empty, ..
                } if in_cell => in_text = !empty,
                Token::Close { name: "t" } => in_text = false,
                Token::Text(text) if in_value || (in_text && !in_phonetic) => value.push_str(&text),
                Token::Close { name: "c" } if in_cell => {
                    in_cell = false;
                    if row >= MAX_ROWS || column >= MAX_COLUMNS {
                        return Err(too_large());
                    }
                    let cell = match kind.as_str() {
                        "s" => value
                            .trim()
                            .parse::<usize>()
                            .ok()
                            .and_then(|i| shared.get(i))
                            .map_or(CellValue::Empty, |s| CellValue::Text(s.clone())),
                        "inlineStr" | "str" | "e" | "d" => CellValue::Text(value.clone()),
                        "b" => CellValue::Text(
                            if value.trim() == "1" { "TRUE" } else { "FALSE" }.into(),
                        ),
                        _ => match value.trim() {
                            "" => CellValue::Empty,
                            number => number
                                .parse::<f64>()
                                .map_or_else(|_| CellValue::Text(value.clone()), CellValue::Number),
                        },
                    };
                    if !cell.is_empty() {
                        if rows.len() <= row {
                            rows.resize(row + 1, Vec::new());
                        }
                        let cells = &mut rows[row];
                        if cells.len() <= column {
                            cells.resize(column + 1, CellValue::Empty);
                        }
                        cells[column] = cell;
                    }
                    column += 1;
                }
                _ => {}
            }
        }
        Ok(rows)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn references_and_entities() {
            assert_eq!(parse_reference("A1"), Some((0, 0)));
            assert_eq!(parse_reference("D12"), Some((11, 3)));
            assert_eq!(parse_reference("AA3"), Some((2, 26)));
            assert_eq!(parse_reference("12"), None);
            assert_eq!(
                unescape("a &amp; b &lt;&#20013;&#x6587;&gt; &bogus; &"),
                "a & b <中文> &bogus; &"
            );
            assert_eq!(attribute(r#" r="D12" t='s'"#, "t").as_deref(), Some("s"));
            assert_eq!(
                attribute(r#" sheetId="1" r:id="rId7""#, "id").as_deref(),
                Some("rId7")
            );
        }

        #[test]
        fn cells_of_every_type_with_and_without_references() {
            let shared = vec!["共享".to_string()];
            let xml = r#"<?xml version="1.0"?><x:worksheet xmlns:x="m"><x:sheetData>
                <x:row r="2"><x:c r="B2" t="s"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>a&amp;</x:t></x:r><x:r><x:t>b</x:t></x:r><x:rPh><x:t>ruby</x:t></x:rPh></x:is></x:c></x:row>
                <x:row><x:c><x:v>1.5E3</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="str"><x:f>A1</x:f><x:v>text</x:v></x:c><x:c r="F3"/><x:c r="G3" t="e"><x:v>#DIV/0!</x:v></x:c></x:row>
                </x:sheetData></x:worksheet>"#;
            let rows = cells(xml, &shared).unwrap();
            assert_eq!(rows[0], Vec::<CellValue>::new());
            assert_eq!(rows[1][1], CellValue::Text("共享".into()));
            assert_eq!(rows[1][2], CellValue::Text("a&b".into()));
            assert_eq!(rows[2][0], CellValue::Number(1500.0));
            assert_eq!(rows[2][1], CellValue::Text("TRUE".into()));
            assert_eq!(rows[2][2], CellValue::Text("text".into()));
            assert_eq!(rows[2][6], CellValue::Text("#DIV/0!".into()));
        }

        #[test]
        fn a_doctype_is_refused() {
            let xml = r#"<!DOCTYPE x [<!ENTITY a "b">]><sheetData/>"#;
            assert!(cells(xml, &[]).is_err());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spreadsheet::grid::Written;

    #[test]
    fn crc32_of_known_strings() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn the_same_sheet_gives_the_same_bytes() {
        let sheet = SheetOut {
            name: "Figures 数据".into(),
            rows: vec![vec![Written::text("a<b>&", Style::Bold)]],
            widths: vec![10.0],
            frozen_rows: 1,
        };
        let a = write(&sheet);
        assert_eq!(a, write(&sheet));
        assert!(a.starts_with(b"PK\x03\x04"));
        let xml = sheet_xml(&sheet);
        assert!(xml.contains("a&lt;b&gt;&amp;"), "{xml}");
    }
}
