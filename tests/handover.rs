//! The hand-over workbook: an overview sheet and a sheet per table, read back by calamine (the
//! spreadsheet reader Excel-compatible tools use), every figure the engine's.

use calamine::{Data, DataType, Reader};
use ncms_sim::{compare_plans, handover, parse_scenario, Lang};

fn workspace() -> ncms_sim::CheckedScenario {
    let mut json: serde_json::Value =
        serde_json::from_str(ncms_sim::scenarios::bundled("taizhou-2013-plan").unwrap()).unwrap();
    let plan = json["proposal"].clone();
    let mut richer = plan.clone();
    richer["financing.individual"] = serde_json::json!(170);
    json["plans"] = serde_json::json!([{ "name": "方案一", "edits": plan }, { "name": "方案二", "edits": richer }]);
    json["assumptions"] = serde_json::json!({ "projection.cost_growth": 0.08 });
    parse_scenario(&json.to_string()).unwrap()
}

fn cell(range: &calamine::Range<Data>, row: usize, column: usize) -> String {
    match range.get((row, column)) {
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

#[test]
fn the_workbook_holds_the_overview_and_a_sheet_per_table_with_the_engines_figures() {
    let scenario = workspace();
    let plans = compare_plans(&scenario, "方案", None).unwrap();
    let bytes = handover::workbook(&scenario, &plans, Lang::Zh, "2026-11-25 10:00");
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["概况", "逐年测算", "目标", "分项支出", "风险测算"]
    );

    let overview = book.worksheet_range("概况").unwrap();
    let text: Vec<String> = overview
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join("|")
                .trim_end_matches('|')
                .to_string()
        })
        .collect();
    assert_eq!(text[0], "新农合基金测算报告");
    assert!(text.iter().any(|l| l == "生成时间|2026-11-25 10:00"));
    assert!(
        text.iter().any(
            |l| l.starts_with("医疗费用年增长率 (projection.cost_growth)")
                || l.contains("projection.cost_growth|6.0%|8.0%")
        ),
        "{text:#?}"
    );
    assert!(text.iter().any(|l| l == "方案：方案二"));
    assert!(
        text.iter()
            .any(|l| l.contains("financing.individual|130.00 元|170.00 元")),
        "{text:#?}"
    );

    // The years: the baseline's five years, then each plan's; income to the fen.
    let years = book.worksheet_range("逐年测算").unwrap();
    assert_eq!(cell(&years, 0, 0), "方案");
    let income_column = (0..30)
        .find(|c| cell(&years, 0, *c) == "基金收入（元）")
        .unwrap();
    let horizon = plans[0].comparison.baseline.years.len();
    for (i, plan) in plans.iter().enumerate() {
        for (k, year) in plan.comparison.proposal.years.iter().enumerate() {
            let row = 1 + horizon * (i + 1) + k;
            assert_eq!(cell(&years, row, 0), plan.name);
            assert_eq!(cell(&years, row, 1), year.year.to_string());
            let shown: f64 = cell(&years, row, income_column).parse().unwrap();
            assert_eq!(format!("{shown:.2}"), year.income.total.to_string());
        }
    }
    // Targets with their verdicts; spending by line with the engine's differences.
    let targets = book.worksheet_range("目标").unwrap();
    assert!(targets.rows().any(|r| r.iter().any(|c| *c == "未达标")));
    let spending = book.worksheet_range("分项支出").unwrap();
    let first = plans[0].comparison.proposal.years[0].spending.total
        - plans[0].comparison.baseline.years[0].spending.total;
    assert!(spending
        .rows()
        .any(|r| r.get(2).map(|c| c.to_string()) == Some("合计".into())
            && r.get(5).and_then(|c| c.as_f64()).map(|v| format!("{v:.2}"))
                == Some(first.to_string())));

    // How sure: the baseline and each plan, year by year, with `ncms risk`'s chances and reserve.
    let figures = ncms_sim::risk::risk(
        &scenario,
        "基线",
        "方案",
        &ncms_sim::risk::RiskOptions::default(),
    )
    .unwrap();
    let sure = book.worksheet_range("风险测算").unwrap();
    let columns = 10;
    assert_eq!(cell(&sure, 0, 7), "当年赤字概率");
    for (i, plan) in figures.plans.iter().enumerate() {
        let row = 1 + horizon * i;
        assert_eq!(cell(&sure, row, 0), plan.name);
        let at = |c: usize| sure.get((row, c)).and_then(|d| d.as_f64()).unwrap();
        assert_eq!(at(7), plan.years[0].p_deficit);
        assert_eq!(at(8), plan.years[0].p_exhausted);
        assert_eq!(
            format!("{:.2}", at(columns - 1)),
            plan.reserve_for_90.to_string()
        );
    }
    assert_eq!(
        cell(&sure, 1 + horizon * 3, 0),
        "抽样次数 2000 · 随机种子 1"
    );
}
