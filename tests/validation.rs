//! Bad scenarios get every problem at once, with the field path, the value, the allowed range and
//! a message in both languages; nothing panics. Data-driven: one `check_problems(input, expected)`.

mod common;
use common::{small_json, small_with};
use ncms_sim::{parse_scenario, Lang, Problem};
use serde_json::json;

/// Parses `json` and asserts it fails with exactly the problems at `paths` (in order).
fn check_problems(json: &str, paths: &[&str]) -> Vec<Problem> {
    let problems = parse_scenario(json).expect_err("the scenario is invalid");
    let found: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(found, paths, "problems: {problems:#?}");
    for p in &problems {
        assert!(
            !p.message.zh.is_empty() && !p.message.en.is_empty(),
            "both languages: {p:?}"
        );
        assert_ne!(
            p.message.zh, p.message.en,
            "the Chinese message is a translation: {p:?}"
        );
    }
    problems
}

#[test]
fn the_fixture_itself_is_valid() {
    assert!(parse_scenario(&small_json().to_string()).is_ok());
}

#[test]
fn ratio_above_one() {
    let json = small_with("/lines/1/inpatient/reimbursement_ratio", json!(1.3));
    let problems = check_problems(
        &json.to_string(),
        &["lines[1].inpatient.reimbursement_ratio"],
    );
    assert_eq!(problems[0].value, "1.3");
    assert_eq!(problems[0].allowed, "0 – 1");
    assert!(
        problems[0].message.zh.contains("补偿比例"),
        "{}",
        problems[0].message.zh
    );
    assert!(problems[0].message.en.contains("reimbursement ratio"));
}

#[test]
fn negative_cost() {
    let json = small_with("/lines/0/outpatient/mean_cost", json!(-50));
    let problems = check_problems(
        &json.to_string(),
        &[
            "lines[0].outpatient.mean_cost",
            "lines[0].outpatient.mean_cost",
        ],
    );
    assert_eq!(problems[0].value, "-50");
}

#[test]
fn deductible_above_the_ceiling() {
    let json = small_with("/lines/1/inpatient/deductible", json!(70000));
    let problems = check_problems(&json.to_string(), &["lines[1].inpatient.deductible"]);
    assert!(
        problems[0]
            .message
            .en
            .contains("above the ceiling of 60000 yuan"),
        "{}",
        problems[0].message.en
    );
    assert!(problems[0].message.zh.contains("高于封顶线"));
}

#[test]
fn zero_population() {
    let json = small_with("/population/enrollees", json!(0));
    let problems = check_problems(&json.to_string(), &["population.enrollees"]);
    assert_eq!(problems[0].message.en, "enrollees cannot be zero");
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut json = small_json();
    json["lines"][0]["inpatient"]["reimbursement_ratio"] = json!(1.5);
    json["lines"][1]["inpatient"]["scope_share"] = json!(-0.1);
    json["population"]["enrollees"] = json!(0);
    json["projection"]["years"] = json!(11);
    json["behaviour"]["elasticity"] = json!(0.5);
    check_problems(
        &json.to_string(),
        &[
            "population.enrollees",
            "lines[0].inpatient.reimbursement_ratio",
            "lines[1].inpatient.scope_share",
            "behaviour.elasticity",
            "projection.years",
        ],
    );
}

#[test]
fn unknown_field_is_rejected_with_its_path() {
    let mut json = small_json();
    json["lines"][1]["inpatient"]["deductable"] = json!(600);
    let problems = check_problems(&json.to_string(), &["lines[1].inpatient.deductable"]);
    assert!(
        problems[0]
            .message
            .en
            .starts_with("unknown field `deductable`"),
        "{}",
        problems[0].message.en
    );
    assert!(
        problems[0]
            .message
            .zh
            .starts_with("未知字段 `deductable`，允许的字段："),
        "{}",
        problems[0].message.zh
    );
}

#[test]
fn unknown_fields_do_not_hide_the_other_problems() {
    let mut json = small_json();
    json["lines"][1]["inpatient"]["deductable"] = json!(600);
    json["financing"]["subsidy"] = json!(10);
    json["lines"][0]["inpatient"]["reimbursement_ratio"] = json!(1.3);
    json["population"]["enrollees"] = json!(0);
    let problems = check_problems(
        &json.to_string(),
        &[
            "financing.subsidy",
            "lines[1].inpatient.deductable",
            "population.enrollees",
            "lines[0].inpatient.reimbursement_ratio",
        ],
    );
    assert!(problems[1]
        .message
        .en
        .starts_with("unknown field `deductable`"));
    // A missing field still ends the reading: what follows cannot be trusted.
    let mut json = small_json();
    json["extra"] = json!(1);
    json.as_object_mut().unwrap().remove("projection");
    check_problems(&json.to_string(), &["extra", ""]);
}

#[test]
fn malformed_number() {
    let text = small_json()
        .to_string()
        .replace("\"individual\":100", "\"individual\":1O0");
    let problems = check_problems(&text, &["financing"]);
    assert!(
        problems[0].message.en.contains("line 1, column"),
        "{}",
        problems[0].message.en
    );
}

#[test]
fn money_written_as_a_bad_string() {
    let json = small_with("/financing/individual", json!("100 yuan"));
    let problems = check_problems(&json.to_string(), &["financing.individual"]);
    assert!(problems[0].message.en.contains("is not an amount in yuan"));
}

#[test]
fn truncated_json() {
    let text = small_json().to_string();
    let cut = &text[..text.len() / 2];
    let problems = parse_scenario(cut).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].message.en.starts_with("the file is incomplete"),
        "{}",
        problems[0].message.en
    );
    assert!(problems[0].message.zh.starts_with("文件不完整"));
}

#[test]
fn missing_field_and_wrong_type() {
    let mut json = small_json();
    json["financing"]
        .as_object_mut()
        .unwrap()
        .remove("individual");
    let problems = check_problems(&json.to_string(), &["financing"]);
    assert!(problems[0].message.zh.starts_with("缺少必填字段"));
    let json = small_with("/population/enrollees", json!("many"));
    check_problems(&json.to_string(), &["population.enrollees"]);
}

#[test]
fn trailing_garbage_and_empty_input() {
    assert_eq!(parse_scenario("").unwrap_err().len(), 1);
    let text = format!("{} x", small_json());
    assert_eq!(parse_scenario(&text).unwrap_err().len(), 1);
}

#[test]
fn unknown_hospital_level() {
    let json = small_with("/lines/0/level", json!("clinic"));
    let problems = check_problems(&json.to_string(), &["lines[0].level"]);
    assert!(problems[0].message.en.contains("unknown variant `clinic`"));
}

#[test]
fn consultation_fee_scheme_part_cannot_exceed_the_fee() {
    let json = small_with("/rules/consultation_fee/scheme_part", json!(7));
    check_problems(&json.to_string(), &["rules.consultation_fee.scheme_part"]);
}

#[test]
fn describe_reads_in_each_language() {
    let json = small_with("/lines/1/inpatient/reimbursement_ratio", json!(1.3));
    let problem = &parse_scenario(&json.to_string()).unwrap_err()[0];
    assert_eq!(
        problem.describe(Lang::En),
        "lines[1].inpatient.reimbursement_ratio = 1.3: reimbursement ratio must be within 0 – 1; it is 1.3 (allowed: 0 – 1)"
    );
    assert_eq!(
        problem.describe(Lang::Zh),
        "lines[1].inpatient.reimbursement_ratio = 1.3: 补偿比例应在 0 – 1 之间，现为 1.3（允许范围：0 – 1）"
    );
}

#[test]
fn bad_edits_are_reported_against_the_proposal() {
    let mut json = small_json();
    json["proposal"] = json!({ "lines[0].inpatient.reimbursement_ratio": 1.2, "lines[7].inpatient.deductible": 5 });
    let scenario = parse_scenario(&json.to_string()).expect("edits are checked when applied");
    let problems = ncms_sim::compare(&scenario, &scenario.proposal, None).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "proposal.lines[7].inpatient.deductible");
    let mut edits = ncms_sim::Edits::new();
    edits.insert("lines[0].inpatient.reimbursement_ratio".into(), 1.2);
    let problems = ncms_sim::compare(&scenario, &edits, None).unwrap_err();
    assert_eq!(problems[0].path, "lines[0].inpatient.reimbursement_ratio");
}

#[test]
fn every_bundled_scenario_is_valid() {
    for (id, json) in ncms_sim::scenarios::BUNDLED {
        let scenario = parse_scenario(json).unwrap_or_else(|p| panic!("{id}: {p:#?}"));
        assert_eq!(scenario.id, *id);
        assert!(!scenario.sources.is_empty() && !scenario.notes.is_empty());
    }
    assert_eq!(
        ncms_sim::scenarios::BUNDLED.len(),
        common::scenario_files().len(),
        "every file is bundled"
    );
}
