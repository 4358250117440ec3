//! Bad scenarios get every problem at once, with the field path, the value, the allowed range, a
//! message in both languages, the position in the file and, for the slips people make by hand, a
//! hint; nothing panics. Data-driven: one `problems_of(json)` and assertions on what comes back,
//! and every rule between two fields through one `check_rule`, one fen below, at and above.

mod common;
use common::{small_json, small_with};
use ncms_sim::problem::{Expected, Found, Position, ProblemKind, Severity};
use ncms_sim::{compare, parse_scenario, read_checked, Edits, Lang, Problem};
use serde_json::{json, Value};

/// The problems of `text`, each checked for the things every problem must have.
fn problems_of(text: &str) -> Vec<Problem> {
    let problems = parse_scenario(text).expect_err("the scenario is invalid");
    for p in &problems {
        assert!(
            !p.message.zh.is_empty() && !p.message.en.is_empty(),
            "both languages: {p:?}"
        );
        assert_ne!(
            p.message.zh, p.message.en,
            "the Chinese message is a translation: {p:?}"
        );
        for english in [
            "invalid type",
            "expected",
            "f64",
            "u64",
            "u32",
            "i32",
            "struct ",
            "sequence",
            "variant",
        ] {
            assert!(
                !p.message.zh.contains(english),
                "no English or Rust words in Chinese: {}",
                p.message.zh
            );
        }
        assert!(
            !p.path.is_empty()
                || p.position.is_some()
                || matches!(p.kind, ProblemKind::TooLarge { .. }),
            "every rejection names a path or a position (or is about the whole file): {p:?}"
        );
    }
    problems
}

fn paths(problems: &[Problem]) -> Vec<&str> {
    problems.iter().map(|p| p.path.as_str()).collect()
}

/// Asserts `json` fails with exactly the problems at `expected` (in any order).
fn check_paths(json: &Value, expected: &[&str]) -> Vec<Problem> {
    let problems = problems_of(&json.to_string());
    let mut found = paths(&problems);
    let mut expected = expected.to_vec();
    found.sort();
    expected.sort();
    assert_eq!(found, expected, "problems: {problems:#?}");
    problems
}

#[test]
fn the_fixture_itself_is_valid() {
    assert!(parse_scenario(&small_json().to_string()).is_ok());
}

#[test]
fn a_ratio_above_one_says_the_range_in_fractions_and_percent() {
    let json = small_with("/lines/1/inpatient/reimbursement_ratio", json!(1.3));
    let problems = check_paths(&json, &["lines[1].inpatient.reimbursement_ratio"]);
    let p = &problems[0];
    assert_eq!(p.value, "1.3");
    assert_eq!(p.allowed, "0 – 1 (0.0% – 100.0%)");
    assert_eq!(p.label.as_ref().unwrap().zh, "县级医院 住院补偿比例");
    assert_eq!(
        p.message.en,
        "County hospital inpatient reimbursement ratio must be within 0 – 1 (0.0% – 100.0%); it is 1.3 (130.0%)"
    );
    assert_eq!(
        p.message.zh,
        "县级医院 住院补偿比例应在 0 – 1 (0.0% – 100.0%) 之间，现为 1.3（130.0%）"
    );
    assert!(p.hint.is_none(), "1.3 is not a percentage slip");
}

#[test]
fn a_ratio_written_in_percent_gets_a_hint() {
    let json = small_with("/lines/1/inpatient/reimbursement_ratio", json!(75));
    let problems = check_paths(&json, &["lines[1].inpatient.reimbursement_ratio"]);
    assert_eq!(
        problems[0].hint.as_ref().unwrap().en,
        "ratios are fractions: did you mean 0.75 (75%)?"
    );
    assert!(problems[0].hint.as_ref().unwrap().zh.contains("0.75"));
}

#[test]
fn a_percent_sign_thousands_separators_and_full_width_digits_get_hints() {
    let cases = [
        (
            "/lines/1/inpatient/reimbursement_ratio",
            json!("75%"),
            "write ratios as fractions without %: 0.75",
        ),
        (
            "/financing/other_income",
            json!("4,600,000"),
            "remove the thousands separators: 4600000",
        ),
        (
            "/financing/individual",
            json!("１３０"),
            "write half-width (ASCII) digits and signs: 130",
        ),
        (
            "/financing/opening_balance",
            json!("500万"),
            "amounts are in yuan, without a unit: write 5,000,000",
        ),
        (
            "/population/enrollees",
            json!("100000"),
            "write numbers without quotes: 100000",
        ),
    ];
    for (pointer, value, hint) in cases {
        let problems = problems_of(&small_with(pointer, value.clone()).to_string());
        assert_eq!(problems.len(), 1, "{pointer}: {problems:#?}");
        let p = &problems[0];
        assert!(
            matches!(
                p.kind,
                ProblemKind::WrongType {
                    found: Found::Text(_),
                    ..
                }
            ),
            "{p:?}"
        );
        assert_eq!(
            p.hint.as_ref().map(|h| h.en.as_str()),
            Some(hint),
            "{pointer} = {value}"
        );
    }
}

#[test]
fn an_amount_in_wan_yuan_is_flagged_as_unusual() {
    // 0.02 万元 written where 200 yuan is meant: within range, far below any real contribution.
    let json = small_with("/financing/individual", json!(0.02));
    let checked = read_checked(&json.to_string()).expect("valid, with a warning");
    let warning = checked
        .warnings
        .iter()
        .find(|w| w.path == "financing.individual")
        .expect("a warning at the field");
    assert_eq!(warning.severity, Severity::Warning);
    assert!(
        warning.hint.as_ref().unwrap().en.contains("write 200"),
        "{warning:?}"
    );
    // The bundled scenarios carry no such warning.
    for (id, json) in ncms_sim::scenarios::BUNDLED {
        assert!(read_checked(json).unwrap().warnings.is_empty(), "{id}");
    }
}

#[test]
fn a_negative_cost_is_one_problem() {
    let json = small_with("/lines/0/outpatient/mean_cost", json!(-50));
    let problems = check_paths(&json, &["lines[0].outpatient.mean_cost"]);
    assert_eq!(problems[0].value, "-50");
    assert_eq!(problems[0].allowed, "> 0, ≤ 1,000,000 元");
}

#[test]
fn a_deductible_above_the_ceiling() {
    let json = small_with("/lines/1/inpatient/deductible", json!(70000));
    let problems = check_paths(&json, &["lines[1].inpatient.deductible"]);
    assert_eq!(
        problems[0].message.en,
        "County hospital inpatient deductible of 70000 yuan is above the ceiling of 60000 yuan"
    );
    assert!(problems[0].message.zh.contains("高于封顶线"));
}

#[test]
fn zero_population() {
    let json = small_with("/population/enrollees", json!(0));
    let problems = check_paths(&json, &["population.enrollees"]);
    assert_eq!(
        problems[0].message.en,
        "Enrollees must be within 1 – 1,500,000,000; it is 0"
    );
}

#[test]
fn a_national_fund_is_accepted_and_more_than_china_is_not() {
    // The national scheme had 802 million enrollees in 2013 (China Health Statistics Yearbook
    // 2014) and 836 million at its peak in 2010; no pool can enroll more than China's 1.41
    // billion people.
    let warned = |enrollees: u64| {
        let json = small_with("/population/enrollees", json!(enrollees)).to_string();
        let checked = read_checked(&json).unwrap_or_else(|p| panic!("{enrollees}: {p:?}"));
        checked
            .warnings
            .iter()
            .any(|w| w.path == "population.enrollees")
    };
    assert!(
        !warned(802_000_000),
        "within ten times a province: no prompt"
    );
    assert!(
        warned(1_500_000_000),
        "the bound itself: accepted, with a warning"
    );
    let problems = check_paths(
        &small_with("/population/enrollees", json!(1_500_000_001u64)),
        &["population.enrollees"],
    );
    assert!(matches!(problems[0].kind, ProblemKind::OutOfRange { .. }));
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut json = small_json();
    json["lines"][0]["inpatient"]["reimbursement_ratio"] = json!(1.5);
    json["lines"][1]["inpatient"]["scope_share"] = json!(-0.1);
    json["population"]["enrollees"] = json!(0);
    json["projection"]["years"] = json!(11);
    json["behaviour"]["elasticity"] = json!(0.5);
    check_paths(
        &json,
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
fn an_unknown_field_is_refused_with_the_fields_allowed_and_the_closest() {
    let mut json = small_json();
    json["lines"][1]["inpatient"]["deductable"] = json!(600);
    let problems = check_paths(&json, &["lines[1].inpatient.deductable"]);
    let p = &problems[0];
    assert!(
        p.message.en.starts_with("unknown field `deductable`"),
        "{}",
        p.message.en
    );
    assert!(
        p.message.zh.starts_with("未知字段“deductable”"),
        "{}",
        p.message.zh
    );
    assert!(p.message.zh.contains("deductible"));
    assert_eq!(p.hint.as_ref().unwrap().en, "did you mean `deductible`?");
    assert!(p.position.is_some());
}

#[test]
fn unknown_fields_do_not_hide_the_other_problems() {
    let mut json = small_json();
    json["lines"][1]["inpatient"]["deductable"] = json!(600);
    json["financing"]["subsidy"] = json!(10);
    json["lines"][0]["inpatient"]["reimbursement_ratio"] = json!(1.3);
    json["population"]["enrollees"] = json!(0);
    check_paths(
        &json,
        &[
            "financing.subsidy",
            "lines[1].inpatient.deductable",
            "population.enrollees",
            "lines[0].inpatient.reimbursement_ratio",
        ],
    );
    // A missing field still ends the reading: what follows cannot be trusted.
    let mut json = small_json();
    json["extra"] = json!(1);
    json.as_object_mut().unwrap().remove("projection");
    let problems = check_paths(&json, &["extra", "projection"]);
    assert!(matches!(problems[1].kind, ProblemKind::MissingField { .. }));
}

#[test]
fn a_malformed_number_names_its_position() {
    let text = small_json()
        .to_string()
        .replace("\"individual\":100", "\"individual\":1O0");
    let problems = problems_of(&text);
    assert_eq!(problems.len(), 1);
    let position = problems[0].position.expect("a position");
    assert_eq!(position.line, 1);
    assert_eq!(
        problems[0].message.en,
        "malformed JSON: the character 'O' cannot stand here"
    );
}

#[test]
fn full_width_punctuation_gets_a_hint_and_its_position() {
    let text = "{\n  \"id\"： \"x\"\n}";
    let problems = problems_of(text);
    let p = &problems[0];
    assert_eq!(p.position.map(|p| (p.line, p.column)), Some((2, 7)));
    assert_eq!(
        p.hint.as_ref().unwrap().en,
        "'：' is a full-width character: write the ASCII ':'"
    );
    let text = small_json().to_string().replace(",\"year\"", "，\"year\"");
    assert!(problems_of(&text)[0]
        .hint
        .as_ref()
        .unwrap()
        .zh
        .contains("全角"));
}

#[test]
fn a_trailing_comma_gets_a_hint() {
    let text = small_json().to_string().replacen('}', ",}", 1);
    let problems = problems_of(&text);
    assert_eq!(
        problems[0].hint.as_ref().unwrap().en,
        "remove the comma after the last item"
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = format!("\u{feff}{}", small_json());
    assert!(parse_scenario(&text).is_ok());
}

#[test]
fn truncated_json() {
    let text = small_json().to_string();
    let problems = problems_of(&text[..text.len() / 2]);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].message.en.starts_with("the file is incomplete"),
        "{}",
        problems[0].message.en
    );
    assert!(problems[0].message.zh.starts_with("文件不完整"));
}

#[test]
fn missing_fields_and_wrong_types_say_what_is_wanted_in_words() {
    let mut json = small_json();
    json["financing"]
        .as_object_mut()
        .unwrap()
        .remove("individual");
    let problems = check_paths(&json, &["financing.individual"]);
    assert_eq!(problems[0].message.zh, "缺少必填字段“individual”");

    let problems = check_paths(
        &small_with("/population/enrollees", json!("many")),
        &["population.enrollees"],
    );
    assert_eq!(
        problems[0].message.en,
        "Enrollees must be a whole number; it is the text \"many\""
    );
    assert_eq!(problems[0].message.zh, "参合人数应为整数，现为文字“many”");

    let problems = check_paths(
        &small_with("/population/enrollees", json!(4.5)),
        &["population.enrollees"],
    );
    assert!(matches!(problems[0].kind, ProblemKind::NotWhole));
    // A whole number written with a decimal point or an exponent is the whole number.
    assert!(parse_scenario(&small_with("/population/enrollees", json!(1e5)).to_string()).is_ok());

    let problems = check_paths(&small_with("/name", json!("Test")), &["name"]);
    assert!(matches!(
        problems[0].kind,
        ProblemKind::WrongType {
            expected: Expected::Names,
            ..
        }
    ));
}

#[test]
fn a_struct_written_as_a_list_is_refused() {
    let problems = check_paths(
        &small_with("/financing/government", json!([273])),
        &["financing.government"],
    );
    assert!(matches!(
        problems[0].kind,
        ProblemKind::WrongType {
            expected: Expected::Object,
            found: Found::List
        }
    ));
    assert!(problems[0].message.en.contains("bypassing the field names"));
    check_paths(
        &small_with(
            "/lines/0/inpatient",
            json!([30, 3000, 1.0, 0.9, 200, 0.8, null]),
        ),
        &["lines[0].inpatient"],
    );
}

#[test]
fn a_key_written_twice_is_refused() {
    let text = small_json()
        .to_string()
        .replacen("\"year\":2012", "\"year\":2012,\"year\":2013", 1);
    let problems = problems_of(&text);
    assert_eq!(paths(&problems), ["year"]);
    assert!(matches!(problems[0].kind, ProblemKind::DuplicateKey { .. }));
    // In a proposal too: the last would silently win.
    let mut json = small_json();
    json["proposal"] = json!({ "financing.individual": 120 });
    let text = json.to_string().replace(
        "\"financing.individual\":120",
        "\"financing.individual\":120,\"financing.individual\":130",
    );
    assert_eq!(
        paths(&problems_of(&text)),
        ["proposal.financing.individual"]
    );
}

#[test]
fn an_empty_key_at_the_top_is_refused_at_its_position() {
    // Found by the fuzz harness: the key `""` has the empty path of the file as a whole, and the
    // problem had no position either, so nothing said where it was.
    let mut json = small_json();
    json[""] = json!(1);
    let text = serde_json::to_string_pretty(&json).unwrap();
    let problems = problems_of(&text);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        matches!(&problems[0].kind, ProblemKind::UnknownField { field, .. } if field.is_empty()),
        "{problems:#?}"
    );
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("\"\":"))
        .unwrap()
        + 1;
    assert_eq!(
        problems[0].position.map(|p| (p.line, p.column)),
        Some((line, 3))
    );
}

#[test]
fn keys_written_with_escapes_are_found_where_they_are() {
    // Found while tabulating the fuzz cases: the scanner read `\b`, `\f` and `\r` as letters and
    // dropped surrogate pairs, so a key written with them had no position, and `"no\btes"` was
    // taken for a second `"nobtes"`.
    for key in [
        r"note\bs",
        r"not\u00e9s",
        r"notes\ud83d\ude00",
        r"no\r\ftes",
        r"n\/otes",
    ] {
        let text =
            small_json()
                .to_string()
                .replacen("\"notes\"", &format!("\"{key}\":1,\"notes\""), 1);
        let problems = problems_of(&text);
        assert_eq!(problems.len(), 1, "{key}: {problems:#?}");
        assert!(
            matches!(problems[0].kind, ProblemKind::UnknownField { .. }),
            "{key}: {problems:#?}"
        );
        assert!(problems[0].position.is_some(), "{key}: {problems:#?}");
    }
    let text =
        small_json()
            .to_string()
            .replacen("\"notes\"", r#""nobtes":1,"no\btes":2,"notes""#, 1);
    let problems = problems_of(&text);
    assert_eq!(problems.len(), 2, "two unknown fields: {problems:#?}");
    assert!(problems
        .iter()
        .all(|p| matches!(p.kind, ProblemKind::UnknownField { .. }) && p.position.is_some()));
}

#[test]
fn a_whole_number_too_large_or_negative_for_its_field_is_out_of_range() {
    // Found while tabulating the fuzz cases: -1 enrollees, 1e300 enrollees and a year of 2^63 - 1
    // were refused as "must be a whole number", which each of them is.
    for (pointer, value, path) in [
        ("/population/enrollees", json!(-1), "population.enrollees"),
        (
            "/population/enrollees",
            json!(1e300),
            "population.enrollees",
        ),
        ("/year", json!(i64::MAX), "year"),
        ("/projection/years", json!(-3), "projection.years"),
    ] {
        let problems = check_paths(&small_with(pointer, value.clone()), &[path]);
        assert!(
            matches!(problems[0].kind, ProblemKind::OutOfRange { .. }),
            "{value}: {problems:#?}"
        );
    }
    let problems = check_paths(
        &small_with("/population/enrollees", json!(2.5)),
        &["population.enrollees"],
    );
    assert!(matches!(problems[0].kind, ProblemKind::NotWhole));
}

#[test]
fn an_edit_beyond_what_money_holds_is_out_of_range_not_infinite() {
    // Found while tabulating the fuzz cases: an edit of 1e300 yuan, finite, was refused as "must
    // be a finite number".
    let mut json = small_json();
    json["proposal"] = json!({ "financing.individual": 1e300 });
    let problems = check_paths(&json, &["proposal.financing.individual"]);
    assert!(
        matches!(problems[0].kind, ProblemKind::OutOfRange { .. }),
        "{problems:#?}"
    );
    assert_eq!(problems[0].allowed, "0 – 10,000 元");
}

#[test]
fn a_path_has_one_spelling() {
    let mut json = small_json();
    json["proposal"] =
        json!({ "lines.1.inpatient.deductible": 500, "lines[1].inpatient.deductible": 400 });
    let problems = check_paths(&json, &["proposal.lines.1.inpatient.deductible"]);
    assert!(matches!(problems[0].kind, ProblemKind::BadPath { .. }));
    assert!(
        problems[0].position.is_some(),
        "the position of the key in the file"
    );
}

#[test]
fn a_plan_cannot_change_the_horizon_the_start_year_or_an_assumption() {
    let mut json = small_json();
    json["proposal"] = json!({
        "projection.years": 3,
        "year": 2015,
        "behaviour.elasticity": 0,
        "observed.income": 5,
        "financing.individual": 120
    });
    let problems = check_paths(
        &json,
        &[
            "proposal.projection.years",
            "proposal.year",
            "proposal.behaviour.elasticity",
            "proposal.observed.income",
        ],
    );
    let horizon = problems
        .iter()
        .find(|p| p.path == "proposal.projection.years")
        .unwrap();
    assert_eq!(
        horizon.message.en,
        "the base year and the horizon belong to the scenario, not to a plan"
    );
    let elasticity = problems
        .iter()
        .find(|p| p.path == "proposal.behaviour.elasticity")
        .unwrap();
    assert!(
        elasticity.message.en.contains("is an assumption"),
        "{}",
        elasticity.message.en
    );
}

#[test]
fn check_checks_what_simulate_runs() {
    // A proposal whose edits are out of range, or aim at no parameter, fails `check` itself,
    // with every problem and the position of each key.
    let mut json = small_json();
    json["proposal"] = json!({ "lines[0].inpatient.reimbursement_ratio": 1.2, "lines[7].inpatient.deductible": 5 });
    let problems = check_paths(
        &json,
        &[
            "proposal.lines[0].inpatient.reimbursement_ratio",
            "proposal.lines[7].inpatient.deductible",
        ],
    );
    assert!(
        problems.iter().all(|p| p.position.is_some()),
        "{problems:#?}"
    );
    // A proposal that breaks a rule between fields: a ceiling below a deductible.
    let mut json = small_json();
    json["proposal"] = json!({ "rules.annual_ceiling.fixed": 500 });
    let problems = problems_of(&json.to_string());
    assert!(
        problems.iter().all(|p| p.path.starts_with("proposal.")),
        "{problems:#?}"
    );
    // Edits in the app are checked the same way, without the `proposal.` prefix.
    let scenario = parse_scenario(&small_json().to_string()).unwrap();
    let edits: Edits = [(
        "lines[0].inpatient.reimbursement_ratio".to_string(),
        Some(1.2),
    )]
    .into();
    let problems = compare(&scenario, &edits, None).unwrap_err();
    assert_eq!(paths(&problems), ["lines[0].inpatient.reimbursement_ratio"]);
}

#[test]
fn an_edit_can_remove_an_optional_value_but_not_a_required_one() {
    let scenario = parse_scenario(&small_json().to_string()).unwrap();
    let edits: Edits = [("lines[0].outpatient.visit_cap".to_string(), None)].into();
    let comparison = compare(&scenario, &edits, None).unwrap();
    let change = &comparison.changes[0];
    assert_eq!((change.before, change.after), (Some(30.0), None));
    assert_eq!(
        change.show(Lang::En),
        ("30.00 yuan".to_string(), "no cap".to_string())
    );
    let edits: Edits = [("lines[0].inpatient.deductible".to_string(), None)].into();
    let problems = compare(&scenario, &edits, None).unwrap_err();
    assert!(matches!(problems[0].kind, ProblemKind::NotOptional));
    // Adding a cap where there is none reads "no cap → …", not NaN.
    let edits: Edits = [("lines[0].inpatient.admission_cap".to_string(), Some(5000.0))].into();
    let comparison = compare(&scenario, &edits, None).unwrap();
    assert_eq!(
        comparison.changes[0].show(Lang::Zh),
        ("不设限额".to_string(), "5,000.00 元".to_string())
    );
    let plans = [ncms_sim::PlanComparison {
        name: "plan".into(),
        comparison: comparison.clone(),
    }];
    let csv = ncms_sim::render::csv(&plans, Lang::En);
    assert!(!csv.contains("NaN"));
    let table = ncms_sim::render::table(&comparison, Lang::En);
    assert!(table.contains("no cap → 5,000.00 yuan"), "{table}");
}

#[test]
fn trailing_garbage_and_empty_input() {
    assert_eq!(problems_of("").len(), 1);
    assert_eq!(problems_of(&format!("{} x", small_json())).len(), 1);
}

#[test]
fn a_file_that_is_not_an_object_is_refused_where_its_value_starts() {
    // Found by the fuzz harness: `null`, a number or a list as the whole file was refused at the
    // empty path of the file as a whole, with no position either.
    for (text, line, column) in [
        ("null", 1, 1),
        ("  \n\n   42", 3, 4),
        ("[1, 2]", 1, 1),
        ("\"scenario\"", 1, 1),
        ("\ttrue", 1, 2),
    ] {
        let problems = problems_of(text);
        assert_eq!(problems.len(), 1, "{text}: {problems:#?}");
        assert_eq!(
            problems[0].position,
            Some(Position { line, column }),
            "{text}"
        );
        assert!(
            matches!(
                problems[0].kind,
                ProblemKind::WrongType {
                    expected: Expected::Object,
                    ..
                }
            ),
            "{text}: {problems:#?}"
        );
    }
}

#[test]
fn an_unknown_hospital_level_lists_the_levels() {
    let problems = check_paths(
        &small_with("/lines/0/level", json!("clinic")),
        &["lines[0].level"],
    );
    assert!(
        problems[0]
            .message
            .en
            .contains("`clinic` is not one of the allowed values: village, township"),
        "{}",
        problems[0].message.en
    );
}

#[test]
fn the_scheme_part_cannot_exceed_the_fee() {
    let problems = check_paths(
        &small_with("/rules/consultation_fee/scheme_part", json!(7)),
        &["rules.consultation_fee.scheme_part"],
    );
    assert!(
        problems[0].message.en.contains("above the fee of 6 yuan"),
        "{}",
        problems[0].message.en
    );
}

#[test]
fn describe_reads_in_each_language_with_the_label_path_and_position() {
    let text = serde_json::to_string_pretty(&small_with(
        "/lines/1/inpatient/reimbursement_ratio",
        json!(1.3),
    ))
    .unwrap();
    let problem = &parse_scenario(&text).unwrap_err()[0];
    let line = problem.position.unwrap().line;
    assert_eq!(
        problem.describe(Lang::En),
        format!("County hospital inpatient reimbursement ratio must be within 0 – 1 (0.0% – 100.0%); it is 1.3 (130.0%) [lines[1].inpatient.reimbursement_ratio, line {line}, column 9]")
    );
    assert!(problem.describe(Lang::Zh).ends_with(&format!(
        "〔lines[1].inpatient.reimbursement_ratio，第 {line} 行第 9 列〕"
    )));
    assert_eq!(
        text.lines().nth(line - 1).unwrap().trim_start().get(..21),
        Some("\"reimbursement_ratio\"")
    );
}

#[test]
fn money_is_read_to_the_fen() {
    let mut json = small_json();
    json["financing"]["opening_balance"] = json!("5000000.1234567890123456789012345678901");
    json["financing"]["other_income"] = json!(300000000);
    let scenario = parse_scenario(&json.to_string()).unwrap();
    assert_eq!(scenario.financing.opening_balance.to_string(), "5000000.12");
    assert_eq!(scenario.financing.other_income.to_string(), "300000000.00");
}

#[test]
fn a_fund_already_in_deficit_can_be_written_down() {
    let json = small_with("/financing/opening_balance", json!(-2000000));
    let scenario =
        parse_scenario(&json.to_string()).expect("a negative opening balance is accepted");
    let report = ncms_sim::simulate(&scenario);
    assert_eq!(report.years[0].opening_balance.to_string(), "-2000000.00");
    assert_eq!(
        report.years[0].income.interest.to_string(),
        "0.00",
        "no interest on a deficit"
    );
}

#[test]
fn an_observed_figure_too_small_to_divide_by_gives_a_finite_deviation() {
    // Found by the fuzz harness: an observed ratio of 5e-324 is inside its range (0 – 1), and
    // modelled / observed − 1 was infinite, which the JSON report writes as null.
    let mut json = small_json();
    json["observed"] = json!({
        "inpatient_policy_ratio": 5e-324,
        "admissions": 1e-320,
        "outpatient_policy_ratio": 0.5,
    });
    let scenario = parse_scenario(&json.to_string()).expect("every figure is in range");
    let report = ncms_sim::simulate(&scenario);
    let deviation = |id: &str| {
        report
            .calibration
            .iter()
            .find(|row| row.id == id)
            .map(|row| row.deviation)
            .unwrap()
    };
    assert_eq!(deviation("inpatient_policy_ratio"), 0.0);
    assert_eq!(deviation("admissions"), 0.0);
    let outpatient = report.years[0].indicators.outpatient_policy_ratio;
    assert_eq!(deviation("outpatient_policy_ratio"), outpatient / 0.5 - 1.0);
}

#[test]
fn an_outpatient_share_cap_too_small_to_divide_by_is_used_like_a_cap_of_zero() {
    // Found by the fuzz harness: a cap of 5e-324 is inside its range (0 – 1), and the share of
    // the cap used was infinite, which the JSON report writes as null.
    let mut json = small_json();
    json["targets"] = json!({ "outpatient_share_max": 5e-324 });
    let scenario = parse_scenario(&json.to_string()).expect("the cap is in range");
    let year = ncms_sim::simulate(&scenario).years.remove(0);
    assert!(year.indicators.outpatient_share > 0.0);
    assert_eq!(year.indicators.outpatient_cap_used, 0.0);
    json["targets"] = json!({ "outpatient_share_max": 0 });
    let scenario = parse_scenario(&json.to_string()).expect("the cap is in range");
    let year = ncms_sim::simulate(&scenario).years.remove(0);
    assert_eq!(year.indicators.outpatient_cap_used, 0.0);
}

#[test]
fn values_near_the_limits_of_decimal_are_refused_not_a_panic() {
    let cases = [
        (
            "/rules/annual_ceiling",
            json!({ "income_multiple": { "multiple": 8, "rural_net_income": "79228162514264337593543950335", "floor": 0 } }),
            "rules.annual_ceiling.income_multiple.rural_net_income",
        ),
        (
            "/targets",
            json!({ "national_rural_net_income": 7.9e28 }),
            "targets.national_rural_net_income",
        ),
        (
            "/financing/opening_balance",
            json!(7.9e28),
            "financing.opening_balance",
        ),
        (
            "/financing/other_income",
            json!(7.9e28),
            "financing.other_income",
        ),
        (
            "/rules/risk_reserve/opening_reserve",
            json!(7.9e28),
            "rules.risk_reserve.opening_reserve",
        ),
        (
            "/rules/consultation_fee/cap_per_capita",
            json!(1e23),
            "rules.consultation_fee.cap_per_capita",
        ),
        (
            "/rules/major_disease/limited_cost",
            json!(1e26),
            "rules.major_disease.limited_cost",
        ),
        (
            "/financing/other_income",
            json!(1e300),
            "financing.other_income",
        ),
    ];
    for (pointer, value, path) in cases {
        let mut json = small_json();
        if pointer == "/targets" {
            json["targets"] = value;
        } else {
            json = small_with(pointer, value);
        }
        let problems = problems_of(&json.to_string());
        assert_eq!(paths(&problems), [path], "{pointer}: {problems:#?}");
    }
}

#[test]
fn bounded_work_a_file_too_large_and_too_many_lines() {
    let mut json = small_json();
    json["notes"] = json!("x".repeat(1 << 20));
    let problems = problems_of(&json.to_string());
    assert!(
        matches!(problems[0].kind, ProblemKind::TooLarge { .. }),
        "{problems:#?}"
    );
    let mut json = small_json();
    let line = json["lines"][1].clone();
    json["lines"] = Value::Array(vec![line; 21]);
    let problems = check_paths(&json, &["lines"]);
    assert_eq!(
        problems[0].message.en,
        "too many service lines (21); at most 20"
    );
    let mut json = small_json();
    json["lines"] = Value::Array(vec![json["lines"][1].clone(); 100_000]);
    assert!(
        problems_of(&json.to_string()).len() == 1,
        "refused before the work"
    );
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

// Rules between two fields (`validate::Checker::rules`), each tried one fen below its threshold,
// at it and one fen above it (one ten-thousandth for a share), from the side of either field
// where a plan can move both. Every case runs twice: written in the file, and as an edit of the
// file (a plan's `proposal`, or `assumptions` for an assumption), since `check` checks the edits
// exactly as `simulate` runs them.

/// What validation makes of one case: accepted, or refused with exactly these problems (each a
/// path, without the `proposal.` or `assumptions.` of an edit, and a kind).
enum Verdict {
    Accepted,
    Refused(Vec<(&'static str, ProblemKind)>),
}
use Verdict::{Accepted, Refused};

/// One rule between two fields: the fixture with `setup` written in (a valid scenario), then
/// `field` (a JSON pointer) set to each case's value.
struct Rule {
    setup: Vec<(&'static str, Value)>,
    field: &'static str,
    /// Where an edit of `field` is written: `proposal` for a policy lever, `assumptions` for an
    /// assumption.
    edited_in: &'static str,
    below: (f64, Verdict),
    at: (f64, Verdict),
    above: (f64, Verdict),
}

/// Sets `pointer` in `json` to `value`, adding the last key if it is missing.
fn set(json: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let parent = json
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no {parent} in the fixture"));
    match parent {
        Value::Object(map) => {
            map.insert(key.to_string(), value);
        }
        Value::Array(items) => items[key.parse::<usize>().unwrap()] = value,
        _ => panic!("{pointer}: not in an object or a list"),
    }
}

/// The field path of a JSON pointer: `/lines/1/inpatient/deductible` is
/// `lines[1].inpatient.deductible`.
fn path_of(pointer: &str) -> String {
    let mut path = String::new();
    for part in pointer.split('/').skip(1) {
        if part.parse::<usize>().is_ok() {
            path.push_str(&format!("[{part}]"));
        } else {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(part);
        }
    }
    path
}

/// Runs the three cases of `rule`, each written in the file and as an edit, and checks each ends
/// as its verdict says; a failure names the case.
fn check_rule(rule: Rule) {
    let mut base = small_json();
    for (pointer, value) in rule.setup {
        set(&mut base, pointer, value);
    }
    assert!(
        parse_scenario(&base.to_string()).is_ok(),
        "the setup is valid: {:#?}",
        parse_scenario(&base.to_string()).err()
    );
    let path = path_of(rule.field);
    for (case, (value, verdict)) in [
        ("below", rule.below),
        ("at", rule.at),
        ("above", rule.above),
    ] {
        let mut written = base.clone();
        set(&mut written, rule.field, json!(value));
        let mut edited = base.clone();
        edited[rule.edited_in] = json!({ path.as_str(): value });
        for (how, json, under) in [
            ("written in the file", written, None),
            ("as an edit", edited, Some(rule.edited_in)),
        ] {
            let text = json.to_string();
            let about = format!("{path} = {value} ({case}), {how}");
            match &verdict {
                Accepted => {
                    if let Err(problems) = parse_scenario(&text) {
                        panic!("{about}: accepted, yet {problems:#?}");
                    }
                }
                Refused(expected) => {
                    if parse_scenario(&text).is_ok() {
                        panic!("{about}: refused, yet accepted");
                    }
                    let problems = problems_of(&text);
                    let mut found: Vec<(String, &ProblemKind)> =
                        problems.iter().map(|p| (p.path.clone(), &p.kind)).collect();
                    let mut expected: Vec<(String, &ProblemKind)> = expected
                        .iter()
                        .map(|(path, kind)| match under {
                            Some(part) => (format!("{part}.{path}"), kind),
                            None => (path.to_string(), kind),
                        })
                        .collect();
                    found.sort_by(|a, b| a.0.cmp(&b.0));
                    expected.sort_by(|a, b| a.0.cmp(&b.0));
                    assert_eq!(found, expected, "{about}");
                }
            }
        }
    }
}

fn deductible_above(ceiling: &str) -> ProblemKind {
    ProblemKind::DeductibleAboveCeiling {
        ceiling: ceiling.into(),
    }
}

fn scheme_part_above(fee: &str) -> ProblemKind {
    ProblemKind::SchemePartAboveFee { fee: fee.into() }
}

fn out_of_range(pattern: &str) -> ProblemKind {
    let param = ncms_sim::params::by_path(pattern).unwrap();
    ProblemKind::OutOfRange {
        range: param.range,
        unit: param.unit,
    }
}

#[test]
fn an_outpatient_deductible_may_equal_the_ceiling_but_not_exceed_it() {
    check_rule(Rule {
        setup: vec![("/rules/annual_ceiling", json!({ "fixed": 60000 }))],
        field: "/lines/0/outpatient/deductible",
        edited_in: "proposal",
        below: (59999.99, Accepted),
        at: (60000.0, Accepted),
        above: (
            60000.01,
            Refused(vec![(
                "lines[0].outpatient.deductible",
                deductible_above("60000"),
            )]),
        ),
    });
}

#[test]
fn an_inpatient_deductible_may_equal_the_ceiling_but_not_exceed_it() {
    check_rule(Rule {
        setup: vec![("/rules/annual_ceiling", json!({ "fixed": 60000 }))],
        field: "/lines/1/inpatient/deductible",
        edited_in: "proposal",
        below: (59999.99, Accepted),
        at: (60000.0, Accepted),
        above: (
            60000.01,
            Refused(vec![(
                "lines[1].inpatient.deductible",
                deductible_above("60000"),
            )]),
        ),
    });
}

#[test]
fn the_special_disease_deductible_may_equal_the_ceiling_but_not_exceed_it() {
    check_rule(Rule {
        setup: vec![("/rules/annual_ceiling", json!({ "fixed": 60000 }))],
        field: "/rules/special_disease/deductible",
        edited_in: "proposal",
        below: (59999.99, Accepted),
        at: (60000.0, Accepted),
        above: (
            60000.01,
            Refused(vec![(
                "rules.special_disease.deductible",
                deductible_above("60000"),
            )]),
        ),
    });
}

#[test]
fn the_ceiling_may_come_down_to_the_highest_deductible_but_not_below_it() {
    // The county's inpatient deductible of 600 is the fixture's highest; it is the one refused.
    check_rule(Rule {
        setup: vec![],
        field: "/rules/annual_ceiling/fixed",
        edited_in: "proposal",
        below: (
            599.99,
            Refused(vec![(
                "lines[1].inpatient.deductible",
                deductible_above("599.99"),
            )]),
        ),
        at: (600.0, Accepted),
        above: (600.01, Accepted),
    });
}

#[test]
fn against_an_income_multiple_ceiling_the_floor_binds_when_it_is_the_larger() {
    // max(8 × 9 000, 80 000) = 80 000.
    check_rule(Rule {
        setup: vec![(
            "/rules/annual_ceiling",
            json!({ "income_multiple": { "multiple": 8, "rural_net_income": 9000, "floor": 80000 } }),
        )],
        field: "/lines/1/inpatient/deductible",
        edited_in: "proposal",
        below: (79999.99, Accepted),
        at: (80000.0, Accepted),
        above: (
            80000.01,
            Refused(vec![(
                "lines[1].inpatient.deductible",
                deductible_above("80000"),
            )]),
        ),
    });
}

#[test]
fn against_an_income_multiple_ceiling_the_multiple_binds_rounded_to_the_fen() {
    // max(8.5 × 9 000.01, 60 000) = 76 500.085, which is 76 500.09 to the fen (half away from
    // zero).
    check_rule(Rule {
        setup: vec![(
            "/rules/annual_ceiling",
            json!({ "income_multiple": { "multiple": 8.5, "rural_net_income": 9000.01, "floor": 60000 } }),
        )],
        field: "/lines/1/inpatient/deductible",
        edited_in: "proposal",
        below: (76500.08, Accepted),
        at: (76500.09, Accepted),
        above: (
            76500.10,
            Refused(vec![(
                "lines[1].inpatient.deductible",
                deductible_above("76500.09"),
            )]),
        ),
    });
}

#[test]
fn an_income_multiple_ceiling_must_work_out_above_zero() {
    // With a multiple of 0 the ceiling is the floor. The rule is strict, so the case at the
    // threshold is refused: a ceiling of 0 reimburses no admission (the fixed ceiling's range,
    // `> 0`, says the same). A floor one fen below zero is out of its own range as well. The
    // deductibles are 0, so that a ceiling of one fen is valid.
    check_rule(Rule {
        setup: vec![
            ("/lines/0/inpatient/deductible", json!(0)),
            ("/lines/1/inpatient/deductible", json!(0)),
            (
                "/rules/annual_ceiling",
                json!({ "income_multiple": { "multiple": 0, "rural_net_income": 9000, "floor": 80000 } }),
            ),
        ],
        field: "/rules/annual_ceiling/income_multiple/floor",
        edited_in: "proposal",
        below: (
            -0.01,
            Refused(vec![
                (
                    "rules.annual_ceiling.income_multiple.floor",
                    out_of_range("rules.annual_ceiling.income_multiple.floor"),
                ),
                ("rules.annual_ceiling", ProblemKind::ZeroCeiling),
            ]),
        ),
        at: (
            0.0,
            Refused(vec![("rules.annual_ceiling", ProblemKind::ZeroCeiling)]),
        ),
        above: (0.01, Accepted),
    });
}

#[test]
fn the_scheme_part_may_equal_the_fee_but_not_exceed_it() {
    // The fixture's fee is 6 yuan a visit.
    check_rule(Rule {
        setup: vec![],
        field: "/rules/consultation_fee/scheme_part",
        edited_in: "proposal",
        below: (5.99, Accepted),
        at: (6.0, Accepted),
        above: (
            6.01,
            Refused(vec![(
                "rules.consultation_fee.scheme_part",
                scheme_part_above("6"),
            )]),
        ),
    });
}

#[test]
fn the_fee_may_come_down_to_the_scheme_part_but_not_below_it() {
    // The fixture's scheme part is 5.5 yuan; the problem is the part's, worded with the fee.
    check_rule(Rule {
        setup: vec![],
        field: "/rules/consultation_fee/fee_per_visit",
        edited_in: "proposal",
        below: (
            5.49,
            Refused(vec![(
                "rules.consultation_fee.scheme_part",
                scheme_part_above("5.49"),
            )]),
        ),
        at: (5.5, Accepted),
        above: (5.51, Accepted),
    });
}

#[test]
fn the_minimum_surplus_rate_may_equal_the_maximum_but_not_exceed_it() {
    check_rule(Rule {
        setup: vec![(
            "/targets",
            json!({ "surplus_rate_min": 0.05, "surplus_rate_max": 0.15 }),
        )],
        field: "/targets/surplus_rate_min",
        edited_in: "assumptions",
        below: (0.1499, Accepted),
        at: (0.15, Accepted),
        above: (
            0.1501,
            Refused(vec![(
                "targets.surplus_rate_min",
                ProblemKind::SurplusBandReversed,
            )]),
        ),
    });
}

#[test]
fn the_maximum_surplus_rate_may_come_down_to_the_minimum_but_not_below_it() {
    // The problem is at the minimum, whichever of the two moved.
    check_rule(Rule {
        setup: vec![(
            "/targets",
            json!({ "surplus_rate_min": 0.05, "surplus_rate_max": 0.15 }),
        )],
        field: "/targets/surplus_rate_max",
        edited_in: "assumptions",
        below: (
            0.0499,
            Refused(vec![(
                "targets.surplus_rate_min",
                ProblemKind::SurplusBandReversed,
            )]),
        ),
        at: (0.05, Accepted),
        above: (0.0501, Accepted),
    });
}

#[test]
fn the_field_path_of_a_pointer() {
    for (pointer, path) in [
        (
            "/lines/1/inpatient/deductible",
            "lines[1].inpatient.deductible",
        ),
        ("/targets/surplus_rate_min", "targets.surplus_rate_min"),
    ] {
        assert_eq!(path_of(pointer), path);
    }
}

/// On screen a problem speaks in the field's terms: a ratio in per cent, no field path.
#[test]
fn a_problem_on_screen_names_the_field_in_per_cent_without_its_path() {
    let scenario =
        ncms_sim::parse_scenario(include_str!("../scenarios/taizhou-2012.json")).unwrap();
    let path = "lines[2].inpatient.reimbursement_ratio";
    let mut edits = ncms_sim::Edits::new();
    edits.insert(path.into(), Some(1.3));
    let problems = ncms_sim::check_plan(&scenario, &edits).unwrap_err();
    let problem = problems.iter().find(|p| p.path.ends_with(path)).unwrap();
    // The file's wording keeps the fraction and the path …
    assert!(problem.describe(ncms_sim::Lang::En).contains(path));
    // … the screen's has neither.
    let en = problem.on_screen(ncms_sim::Lang::En);
    assert_eq!(
        en,
        "County hospital inpatient reimbursement ratio must be within 0.0% – 100.0%; it is 130.0%"
    );
    let zh = problem.on_screen(ncms_sim::Lang::Zh);
    assert!(zh.ends_with("应在 0.0% – 100.0% 之间，现为 130.0%"), "{zh}");
    assert!(!zh.contains("lines") && !zh.contains("1.3"), "{zh}");
}
