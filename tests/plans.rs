//! A workspace of named plans over one baseline: each checked like a proposal, each compared with
//! the baseline, and all of them in one CSV table.

mod common;
use ncms_sim::{compare_plans, parse_scenario, render, Lang};
use serde_json::json;

fn workspace() -> serde_json::Value {
    let mut json = common::small_json();
    json["plans"] = json!([
        { "name": "方案一", "edits": { "lines[1].inpatient.reimbursement_ratio": 0.8 } },
        { "name": "方案二", "edits": { "financing.individual": 150, "lines[0].outpatient.visit_cap": null } },
        { "name": "现行", "edits": {} }
    ]);
    json
}

#[test]
fn every_named_plan_is_compared_with_the_same_baseline() {
    let scenario = parse_scenario(&workspace().to_string()).unwrap();
    let plans = compare_plans(&scenario, "proposal", None).unwrap();
    let names: Vec<_> = plans.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["方案一", "方案二", "现行"]);
    for plan in &plans {
        assert_eq!(plan.comparison.baseline, plans[0].comparison.baseline);
    }
    // 方案二 raises the individual contribution by 50 yuan for 100 000 enrollees.
    assert_eq!(
        plans[1].comparison.differences[0].income.to_string(),
        "5000000.00"
    );
    assert!(plans[0].comparison.differences[0]
        .spending
        .is_sign_positive());
    assert_eq!(plans[2].comparison.proposal, plans[2].comparison.baseline);
}

#[test]
fn a_plan_is_checked_like_a_proposal_with_its_own_path() {
    let mut json = workspace();
    json["plans"][1]["edits"]["lines[0].inpatient.reimbursement_ratio"] = json!(1.4);
    json["plans"][2]["edits"]["projection.years"] = json!(3);
    let problems = parse_scenario(&json.to_string()).unwrap_err();
    let paths: Vec<_> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        ["plans[1].edits.lines[0].inpatient.reimbursement_ratio"]
    );
    json["plans"][1]["edits"] = json!({});
    let problems = parse_scenario(&json.to_string()).unwrap_err();
    assert_eq!(problems[0].path, "plans[2].edits.projection.years");
    assert!(problems[0].position.is_some());
}

#[test]
fn the_csv_is_one_table_with_a_plan_column_targets_and_their_verdicts() {
    let scenario = parse_scenario(&workspace().to_string()).unwrap();
    let plans = compare_plans(&scenario, "proposal", None).unwrap();
    let csv = render::csv(&plans, Lang::En);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "plan,section,item,year,unit,baseline,plan,difference,target,met"
    );
    assert!(
        lines
            .iter()
            .all(|l| l.split(',').count() == 10 || l.contains('"')),
        "one shape of row"
    );
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("方案二,summary,Fund income,2012,"))
            .count(),
        1
    );
    assert!(
        csv.contains("方案二,summary,Fund income,2012,yuan,30600000.00,35600000.00,5000000.00,,\n"),
        "{csv}"
    );
    // Shares as fractions to four decimals; a target with its bound and verdict.
    let target = lines
        .iter()
        .find(|l| l.starts_with("方案一,targets,Outpatient pooling spending / funds,2012,share,"))
        .unwrap();
    assert!(target.ends_with(",≤0.2500,yes"), "{target}");
    let zh = render::csv(&plans, Lang::Zh);
    assert!(zh.starts_with("方案,类别,项目,年度,单位,基线,方案值,差额,目标,是否达标\n"));
    assert!(zh.contains("方案一,目标,门诊统筹支出占当年筹资,2012,比例,"));
}
