//! The figures template: written as CSV and .xlsx, read back from either, and every kind of bad
//! template refused with the cell named in both languages. Our .xlsx files are read with calamine
//! too, a general spreadsheet reader, as a check that they are what Excel-compatible readers
//! expect.

use calamine::Reader;
use ncms_sim::figures::{self, AnnualFigures, FigureId, LineFigure, Source, Value};
use ncms_sim::problem::{Problem, ProblemKind, Severity};
use ncms_sim::report::CareKind;
use ncms_sim::scenario::Level;
use ncms_sim::template;
use ncms_sim::xlsx::crc32;
use ncms_sim::Lang;
use rust_decimal::Decimal;

fn taizhou_csv() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/figures/taizhou-2012.csv"
    ))
    .unwrap()
}

/// The row (1-based, as a sheet numbers it) of a code in a CSV template.
fn row_of(csv: &str, key: &str) -> usize {
    csv.lines()
        .position(|l| l.split(',').next() == Some(key))
        .unwrap_or_else(|| panic!("{key} not in the template"))
        + 1
}

/// The fields of one CSV line, quotes honoured (the template quotes labels with commas).
fn fields(line: &str) -> Vec<String> {
    let (mut out, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    out.push(field);
    out
}

fn line(fields: &[String]) -> String {
    let quote = |f: &String| {
        if f.contains([',', '"']) {
            format!("\"{}\"", f.replace('"', "\"\""))
        } else {
            f.clone()
        }
    };
    fields.iter().map(quote).collect::<Vec<_>>().join(",")
}

/// The template with `value` (as the sheet holds it) in the value column of `key`'s row.
fn with_value(csv: &str, key: &str, value: &str) -> String {
    csv.lines()
        .map(|l| {
            let mut f = fields(l);
            if f.first().map(String::as_str) == Some(key) {
                f[3] = value.to_string();
            }
            line(&f)
        })
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// A template with the figures a scenario needs (year, enrollees, funding) and `extra`.
fn minimal(extra: &[(&str, &str)]) -> String {
    let mut csv = template::csv(None, Lang::Zh);
    for (key, value) in [
        ("year", "2012"),
        ("enrollees", "100000"),
        ("funding.per_head", "400"),
    ]
    .iter()
    .chain(extra)
    {
        csv = with_value(&csv, key, value);
    }
    csv
}

fn errors(result: Result<template::ReadFigures, Vec<Problem>>) -> Vec<Problem> {
    match result {
        Ok(read) => panic!("expected errors, read {:?}", read.figures.values.keys()),
        Err(problems) => problems,
    }
}

fn cell(problem: &Problem) -> &str {
    &problem.cell.as_ref().expect("a cell").reference
}

#[test]
fn the_blank_template_has_every_figure_once_in_both_languages() {
    for lang in [Lang::Zh, Lang::En] {
        let csv = template::csv(None, lang);
        assert!(
            csv.starts_with('\u{feff}'),
            "Excel needs the BOM to read UTF-8"
        );
        for row in figures::rows() {
            let lines = csv
                .lines()
                .filter(|l| l.split(',').next() == Some(row.key.as_str()))
                .count();
            assert_eq!(lines, 1, "{}", row.key);
            assert!(csv.contains(&row.label.zh) || csv.contains(&format!("\"{}", row.label.zh)));
        }
        let header = csv.lines().nth(4).unwrap();
        match lang {
            Lang::Zh => assert_eq!(
                header,
                "代码 Key,项目,Item,数值 Value,单位 Unit,来源 Source"
            ),
            Lang::En => assert_eq!(
                header,
                "Key 代码,Item,项目,Value 数值,Unit 单位,Source 来源"
            ),
        }
    }
    assert_eq!(row_of(&template::csv(None, Lang::Zh), "funds_raised"), 19);
}

#[test]
fn an_empty_template_asks_for_the_figures_a_scenario_needs() {
    let problems = errors(template::read(
        template::csv(None, Lang::En).as_bytes(),
        "t.csv",
    ));
    let missing: Vec<&str> = problems
        .iter()
        .filter(|p| p.kind == ProblemKind::MissingFigure)
        .map(|p| p.path.as_str())
        .collect();
    assert_eq!(missing, vec!["year", "enrollees", "funding.per_head"]);
    assert!(
        problems[1].message.zh.contains("缺少参合人数"),
        "{}",
        problems[1].message.zh
    );
    assert_eq!(
        problems[1].message.en,
        "Enrollees is needed to build a scenario"
    );
}

#[test]
fn the_taizhou_figures_file_reads_with_its_sources() {
    let read = template::read(&taizhou_csv(), "taizhou-2012.csv").unwrap();
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    let f = &read.figures;
    assert_eq!(
        f.money(FigureId::FundsRaised),
        Some(Decimal::new(1_895_000_000, 0))
    );
    assert_eq!(f.number(FigureId::Enrollees), Some(4_420_000.0));
    // Written "71.80%" in the sheet.
    let ratio = FigureId::line(CareKind::Inpatient, None, LineFigure::PolicyRatio);
    assert_eq!(f.number(ratio), Some(0.718));
    let source = &f.get(FigureId::FundsRaised).unwrap().source;
    assert_eq!(source.file, "taizhou-2012.csv");
    assert_eq!(source.cell.as_ref().unwrap().reference, "D19");
    assert_eq!(
        source.note,
        "000_f4e4bc0b06ba3db8.txt: 2012年，全市共计筹资18.95亿元"
    );
    assert_eq!(f.values.len(), 20);
}

fn sample_figures() -> AnnualFigures {
    let mut f = AnnualFigures::default();
    let src = |note: &str| Source {
        file: "x".into(),
        cell: None,
        note: note.into(),
    };
    f.insert(
        FigureId::NameZh,
        Value::Text("测试县, \"甲\"".into()),
        src(""),
    );
    f.insert(FigureId::Year, Value::Number(2013.0), src(""));
    f.insert(FigureId::Enrollees, Value::Number(250_000.0), src("a: b"));
    f.insert(
        FigureId::FundingPerHead,
        Value::Money(Decimal::new(40_250, 2)),
        src(""),
    );
    f.insert(
        FigureId::OpeningBalance,
        Value::Money(Decimal::new(-1_234_567, 2)),
        src(""),
    );
    let county = FigureId::line(
        CareKind::Inpatient,
        Some(Level::County),
        LineFigure::PolicyRatio,
    );
    f.insert(county, Value::Number(0.7183), src("report, p. 3"));
    let visits = FigureId::line(CareKind::Outpatient, None, LineFigure::PersonTimes);
    f.insert(visits, Value::Number(1_234_567.0), src(""));
    f
}

fn same_values(a: &AnnualFigures, b: &AnnualFigures) {
    let keys = |f: &AnnualFigures| f.values.keys().copied().collect::<Vec<_>>();
    assert_eq!(keys(a), keys(b));
    for (id, reported) in &a.values {
        let other = &b.values[id];
        assert_eq!(reported.value, other.value, "{id:?}");
        assert_eq!(reported.source.note, other.source.note, "{id:?}");
    }
}

#[test]
fn filled_figures_survive_csv_and_xlsx() {
    let figures = sample_figures();
    for lang in [Lang::Zh, Lang::En] {
        let csv = template::csv(Some(&figures), lang);
        let read = template::read(csv.as_bytes(), "f.csv").unwrap();
        same_values(&figures, &read.figures);
        let xlsx = template::xlsx(Some(&figures), lang);
        let read = template::read(&xlsx, "f.xlsx").unwrap();
        same_values(&figures, &read.figures);
        let cell = read.figures.cell(FigureId::Enrollees).unwrap();
        assert_eq!(
            cell.sheet.as_deref(),
            Some(lang.pick("年度数据 Figures", "Figures 年度数据"))
        );
    }
}

/// Our workbook's cells as calamine reads them, as text.
fn calamine_cells(bytes: &[u8]) -> (String, Vec<Vec<String>>) {
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let (h, w) = range.get_size();
    let start = range.start().unwrap_or((0, 0));
    let mut rows = vec![vec![String::new(); (start.1 as usize) + w]; (start.0 as usize) + h];
    for (r, c, v) in range.cells() {
        rows[start.0 as usize + r][start.1 as usize + c] = match v {
            calamine::Data::Float(f) => f.to_string(),
            calamine::Data::Int(i) => i.to_string(),
            other => other.to_string(),
        };
    }
    (name, rows)
}

fn our_cells(bytes: &[u8]) -> (String, Vec<Vec<String>>) {
    let sheet = template::read_sheet(bytes).unwrap();
    let rows = sheet
        .rows
        .iter()
        .map(|r| r.iter().map(|c| c.text()).collect())
        .collect();
    (sheet.name.unwrap(), rows)
}

/// Rows without their trailing empty cells, and without trailing empty rows (a reader may
/// or may not keep a row of formatted but empty cells).
fn trimmed(rows: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|mut r| {
            while r.last().is_some_and(String::is_empty) {
                r.pop();
            }
            r.into_iter().map(|c| c.trim().to_string()).collect()
        })
        .collect();
    while rows.last().is_some_and(Vec::is_empty) {
        rows.pop();
    }
    rows
}

#[test]
fn calamine_reads_our_workbooks_as_we_do() {
    let figures = sample_figures();
    let xlsx = template::xlsx(Some(&figures), Lang::Zh);
    let (name, theirs) = calamine_cells(&xlsx);
    let (our_name, ours) = our_cells(&xlsx);
    assert_eq!(name, our_name);
    assert_eq!(trimmed(theirs.clone()), trimmed(ours));
    let row = theirs.iter().find(|r| r[0] == "enrollees").unwrap();
    assert_eq!(row[3], "250000");
    assert!(theirs
        .iter()
        .any(|r| r[0] == "name.zh" && r[3] == "测试县, \"甲\""));
}

/// A ZIP of deflated entries, as Excel writes them, with the sheet's text in a shared-string
/// table: the other way to store a workbook, and the one our writer does not use.
fn deflated_workbook(cells: &[(&str, &str, bool)]) -> Vec<u8> {
    let mut shared = Vec::new();
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (reference, value, text) in cells {
        let row: String = reference.chars().filter(char::is_ascii_digit).collect();
        if *text {
            sheet.push_str(&format!(
                r#"<row r="{row}"><c r="{reference}" t="s"><v>{}</v></c></row>"#,
                shared.len()
            ));
            shared.push(format!(
                "<si><r><t>{}</t></r><rPh sb=\"0\" eb=\"1\"><t>ふりがな</t></rPh></si>",
                value.replace('&', "&amp;")
            ));
        } else {
            sheet.push_str(&format!(
                r#"<row r="{row}"><c r="{reference}"><v>{value}</v></c></row>"#
            ));
        }
    }
    sheet.push_str("</sheetData></worksheet>");
    let files = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet7.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="报表" sheetId="1" r:id="rId9"/></sheets></workbook>"#.to_string()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet7.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.to_string()),
        ("xl/sharedStrings.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{0}" uniqueCount="{0}">{1}</sst>"#, shared.len(), shared.join(""))),
        ("xl/worksheets/sheet7.xml", sheet),
    ];
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, content) in &files {
        let data = content.as_bytes();
        let packed = miniz_oxide::deflate::compress_to_vec(data, 6);
        let offset = out.len() as u32;
        let header = |v: &mut Vec<u8>| {
            for n in [20u16, 0, 8, 0, 33] {
                v.extend_from_slice(&n.to_le_bytes());
            }
            v.extend_from_slice(&crc32(data).to_le_bytes());
            v.extend_from_slice(&(packed.len() as u32).to_le_bytes());
            v.extend_from_slice(&(data.len() as u32).to_le_bytes());
            v.extend_from_slice(&(name.len() as u16).to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes());
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        header(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&packed);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes());
        header(&mut central);
        for _ in 0..3 {
            central.extend_from_slice(&0u16.to_le_bytes());
        }
        central.extend_from_slice(&0u32.to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let (cd_offset, cd_size) = (out.len() as u32, central.len() as u32);
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for n in [0u16, 0, files.len() as u16, files.len() as u16] {
        out.extend_from_slice(&n.to_le_bytes());
    }
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

#[test]
fn a_deflated_workbook_with_shared_strings_reads_like_excel_wrote_it() {
    let bytes = deflated_workbook(&[
        ("A1", "代码 Key", true),
        ("D1", "数值 Value", true),
        ("A2", "year", true),
        ("D2", "2012", false),
        ("A3", "enrollees", true),
        ("D3", "4420000", false),
        ("A4", "funding.per_head", true),
        ("D4", "403", false),
        ("A5", "inpatient.total.policy_ratio", true),
        ("D5", "0.718", false),
        ("A6", "name.zh", true),
        ("D6", "台州 & 市", true),
    ]);
    let (name, theirs) = calamine_cells(&bytes);
    let (our_name, ours) = our_cells(&bytes);
    assert_eq!((name.as_str(), our_name.as_str()), ("报表", "报表"));
    assert_eq!(trimmed(theirs), trimmed(ours));
    let read = template::read(&bytes, "excel.xlsx").unwrap();
    let f = &read.figures;
    assert_eq!(
        f.text(FigureId::NameZh),
        Some("台州 & 市"),
        "phonetic guides left out"
    );
    assert_eq!(f.number(FigureId::Enrollees), Some(4_420_000.0));
    let cell = f.cell(FigureId::Enrollees).unwrap();
    assert_eq!(
        (cell.sheet.as_deref(), cell.reference.as_str()),
        (Some("报表"), "D3")
    );
}

#[test]
fn a_missing_column_is_named_with_the_header_row() {
    // Deleting the value column, as an official might.
    let csv: String = template::csv(None, Lang::Zh)
        .lines()
        .map(|l| {
            let mut f = fields(l);
            if f.len() > 3 {
                f.remove(3);
            }
            line(&f)
        })
        .collect::<Vec<_>>()
        .join("\n");
    let problems = errors(template::read(csv.as_bytes(), "t.csv"));
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].kind,
        ProblemKind::MissingColumn {
            column: "数值 Value"
        }
    );
    assert_eq!(cell(&problems[0]), "A5:E5");
    assert_eq!(
        problems[0].describe(Lang::Zh),
        "表头缺少“数值 Value”列〔单元格 A5:E5〕"
    );
    assert_eq!(
        problems[0].describe(Lang::En),
        "the header has no column \"数值 Value\" [cell A5:E5]"
    );
    let problems = errors(template::read(b"just,some\ntext,here", "t.csv"));
    assert!(matches!(problems[0].kind, ProblemKind::NoHeader { .. }));
}

#[test]
fn text_in_a_number_cell_is_named_with_its_cell_and_a_hint() {
    let csv = minimal(&[("funds_raised", "18.95亿"), ("payments", "abc")]);
    let problems = errors(template::read(csv.as_bytes(), "t.csv"));
    assert_eq!(problems.len(), 2, "{problems:?}");
    let raised = &problems[0];
    assert_eq!(cell(raised), "D19");
    assert_eq!(raised.path, "funds_raised");
    assert!(matches!(raised.kind, ProblemKind::WrongType { .. }));
    assert_eq!(
        raised.describe(Lang::Zh),
        "当年筹集基金总额应为以元为单位的金额（如 403 或 59.45），现为文字“18.95亿”。\
         金额以元为单位、不加单位：写 1,895,000,000〔单元格 D19，funds_raised〕"
    );
    assert_eq!(
        raised.hint.as_ref().unwrap().zh,
        "金额以元为单位、不加单位：写 1,895,000,000"
    );
    assert!(raised.describe(Lang::En).starts_with(
        "Funds raised in the year must be an amount in yuan (such as 403 or 59.45); it is the text \"18.95亿\""
    ));
    assert_eq!(cell(&problems[1]), "D21");
}

#[test]
fn a_negative_cost_and_a_ratio_above_one_are_errors_in_their_cells() {
    let cost = "inpatient.county.cost";
    let ratio = "inpatient.total.policy_ratio";
    let csv = minimal(&[(cost, "-5000"), (ratio, "71.8")]);
    let template_text = template::csv(None, Lang::Zh);
    let problems = errors(template::read(csv.as_bytes(), "t.csv"));
    let errors: Vec<&Problem> = problems.iter().filter(|p| p.is_error()).collect();
    assert_eq!(errors.len(), 2, "{problems:?}");
    let on = |key: &str| errors.iter().find(|p| p.path == key).unwrap();
    assert_eq!(cell(on(cost)), format!("D{}", row_of(&template_text, cost)));
    assert!(matches!(on(cost).kind, ProblemKind::OutOfRange { .. }));
    assert!(
        on(cost).message.zh.starts_with(
            "住院（县级医院）医疗总费用应在 0 – 10,000,000,000,000 元 之间，现为 -5000"
        ),
        "{}",
        on(cost).message.zh
    );
    assert_eq!(
        cell(on(ratio)),
        format!("D{}", row_of(&template_text, ratio))
    );
    assert!(on(ratio).message.en.contains("it is 71.8"));
    assert!(on(ratio)
        .hint
        .as_ref()
        .unwrap()
        .en
        .contains("did you mean 0.718 or 71.8%"));
}

#[test]
fn three_yuan_a_visit_is_a_warning_at_the_cost_cell() {
    let cost = "outpatient.township.cost";
    let csv = minimal(&[
        ("outpatient.township.person_times", "1000000"),
        (cost, "3000000"),
    ]);
    let read = template::read(csv.as_bytes(), "t.csv").unwrap();
    let warning = &read.warnings[0];
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.value, "3");
    assert_eq!(cell(warning), format!("D{}", row_of(&csv, cost)));
    assert!(
        warning
            .message
            .zh
            .contains("普通门诊（乡镇卫生院）次均费用（医疗总费用 ÷ 人次） 3 远离常见范围"),
        "{}",
        warning.message.zh
    );
    // The same mean typed directly.
    let mean = "outpatient.township.mean_cost";
    let read = template::read(minimal(&[(mean, "3")]).as_bytes(), "t.csv").unwrap();
    assert!(matches!(read.warnings[0].kind, ProblemKind::Unusual { .. }));
}

#[test]
fn codes_must_be_known_unique_and_values_need_a_code() {
    let mut csv = minimal(&[("payments", "100")]);
    csv = csv.replace("compensated_person_times,", "compensated_persontimes,");
    csv.push_str("\r\npayments,,,200,,\r\n,note,,300,,\r\n");
    let problems = errors(template::read(csv.as_bytes(), "t.csv"));
    let kinds: Vec<&ProblemKind> = problems.iter().map(|p| &p.kind).collect();
    assert!(matches!(kinds[0], ProblemKind::UnknownFigure { .. }));
    assert_eq!(
        problems[0].hint.as_ref().unwrap().en,
        "did you mean compensated_person_times?"
    );
    // Row 23: after the payments (row 21) and the other spending within them (row 22).
    assert_eq!(cell(&problems[0]), "A23");
    assert_eq!(
        *kinds[1],
        ProblemKind::DuplicateFigure {
            first: "D21".into()
        }
    );
    assert_eq!(*kinds[2], ProblemKind::ValueWithoutKey);
    assert_eq!(cell(&problems[2]), format!("D{}", csv.lines().count()));
}

#[test]
fn files_that_are_not_figures_sheets_say_what_to_do() {
    let gbk = b"\xB4\xFA\xC2\xEB Key,\xCA\xFD\xD6\xB5 Value\r\n";
    let problems = errors(template::read(gbk, "gbk.csv"));
    assert_eq!(problems[0].kind, ProblemKind::NotUtf8 { offset: 0 });
    let xls = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest";
    let problems = errors(template::read(xls, "old.xls"));
    assert!(problems[0].message.en.contains("old .xls"));
    let broken = b"PK\x03\x04 not really a zip";
    let problems = errors(template::read(broken, "broken.xlsx"));
    assert!(problems[0].message.zh.contains("无法读取 .xlsx 文件"));
}

#[test]
fn numbers_as_excel_exports_them_are_read() {
    let csv = minimal(&[
        ("funds_raised", "1,895,000,000"),
        ("inpatient.total.policy_ratio", "71.80%"),
        ("participation_rate", "0.99"),
    ]);
    let read = template::read(csv.as_bytes(), "t.csv").unwrap();
    let f = &read.figures;
    assert_eq!(
        f.money(FigureId::FundsRaised),
        Some(Decimal::new(1_895_000_000, 0))
    );
    let ratio = FigureId::line(CareKind::Inpatient, None, LineFigure::PolicyRatio);
    assert_eq!(f.number(ratio), Some(0.718));
    assert_eq!(f.number(FigureId::ParticipationRate), Some(0.99));
}

fn ncms(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_ncms"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

#[test]
fn the_command_line_writes_the_template_in_either_format() {
    let out = ncms(&["template"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, template::csv(None, Lang::Zh).into_bytes());
    let out = ncms(&["template", "--lang", "en", "--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, template::xlsx(None, Lang::En));
    let file = std::env::temp_dir().join(format!("ncms-template-{}.xlsx", std::process::id()));
    let out = ncms(&[
        "template",
        "--format",
        "xlsx",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let (name, _) = calamine_cells(&std::fs::read(&file).unwrap());
    assert_eq!(name, "年度数据 Figures");
    std::fs::remove_file(file).ok();
    assert_eq!(
        ncms(&["template", "--format", "xls"]).status.code(),
        Some(2)
    );
}

#[test]
fn the_command_line_names_the_cell_of_a_bad_figure() {
    let file = std::env::temp_dir().join(format!("ncms-bad-{}.csv", std::process::id()));
    std::fs::write(&file, minimal(&[("funds_raised", "-1")])).unwrap();
    let out = ncms(&["calibrate", file.to_str().unwrap(), "--lang", "zh"]);
    std::fs::remove_file(&file).ok();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("发现 1 个问题"), "{err}");
    assert!(err.contains("〔单元格 D19，funds_raised〕"), "{err}");
    assert!(
        err.contains("[cell D19, funds_raised]"),
        "both languages: {err}"
    );
}

#[test]
fn care_the_model_does_not_price_has_its_row_under_its_total_and_no_more_than_it() {
    let csv = template::csv(None, Lang::Zh);
    let keys: Vec<&str> = csv.lines().map(|l| l.split(',').next().unwrap()).collect();
    let at = |key: &str| keys.iter().position(|k| *k == key).unwrap();
    assert_eq!(at("other.payments"), at("payments") + 1);
    assert_eq!(at("other.person_times"), at("compensated_person_times") + 1);
    let row = figures::by_key("other.person_times").unwrap();
    assert!(row.label.zh.contains("体检"), "{}", row.label.zh);
    // More other care than the total it is part of: a warning at the rest's cell.
    let read = template::read(
        minimal(&[
            ("compensated_person_times", "1000"),
            ("other.person_times", "1500"),
        ])
        .as_bytes(),
        "t.csv",
    )
    .unwrap();
    let warning = read
        .warnings
        .iter()
        .find(|w| w.path == "other.person_times")
        .expect("the rest above its total is said");
    assert!(matches!(warning.kind, ProblemKind::PartsAboveTotal { .. }));
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(cell(warning), format!("D{}", at("other.person_times") + 1));
}
