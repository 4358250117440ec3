//! The `ncms` command line: exit codes, formats and errors, run as a user would.

use std::process::{Command, Output};

fn ncms(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ncms"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_accepts_a_good_scenario() {
    let out = ncms(&["check", "scenarios/taizhou-2012.json"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("ok (Taizhou NCMS 2012"));
}

#[test]
fn check_lists_every_problem_and_exits_one() {
    let dir = std::env::temp_dir().join(format!("ncms-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    let json = std::fs::read_to_string("scenarios/taizhou-2012.json")
        .unwrap()
        .replace("\"enrollees\": 4420000", "\"enrollees\": 0")
        .replace(
            "\"reimbursement_ratio\": 0.85, \"admission_cap\"",
            "\"reimbursement_ratio\": 1.3, \"admission_cap\"",
        );
    std::fs::write(&bad, json).unwrap();
    let out = ncms(&["check", bad.to_str().unwrap(), "--lang", "zh"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("发现 2 个问题"), "{err}");
    assert!(err.contains("population.enrollees"), "{err}");
    assert!(
        err.contains("县级医院 住院补偿比例应在 0 – 1 (0.0% – 100.0%) 之间，现为 1.3（130.0%）〔lines[2].inpatient.reimbursement_ratio，第 38 行"),
        "{err}"
    );
    assert!(
        err.contains("reimbursement ratio must be within 0 – 1"),
        "both languages: {err}"
    );
}

#[test]
fn simulate_prints_json_with_the_requested_years() {
    let out = ncms(&[
        "simulate",
        "scenarios/taizhou-2013-plan.json",
        "--years",
        "3",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["format"], "ncms-sim/report@1");
    assert_eq!(report["baseline"]["years"].as_array().unwrap().len(), 3);
    assert_eq!(report["proposal"]["years"][2]["year"], 2015);
    assert_eq!(report["changes"].as_array().unwrap().len(), 10);
    // Money is an exact decimal string.
    assert_eq!(
        report["proposal"]["years"][0]["funding_per_enrollee"],
        "420.00"
    );
}

#[test]
fn simulate_prints_csv_and_tables() {
    let out = ncms(&["simulate", "scenarios/pinghu-2012.json", "--format", "csv"]);
    let csv = text(&out.stdout);
    assert!(csv.starts_with("plan,section,item,year,unit,baseline,plan,difference,target,met\n"));
    assert!(
        csv.contains("proposal,summary,Income,2012,yuan,166980000.00,166980000.00,0.00,,\n"),
        "{csv}"
    );
    let out = ncms(&["simulate", "scenarios/pinghu-2012.json", "--lang", "zh"]);
    assert!(text(&out.stdout).contains("住院政策范围内补偿比"));
}

#[test]
fn usage_errors_exit_two() {
    assert_eq!(ncms(&["simulate"]).status.code(), Some(2));
    assert_eq!(
        ncms(&["simulate", "scenarios/pinghu-2012.json", "--years", "11"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        ncms(&["simulate", "scenarios/pinghu-2012.json", "--format", "xml"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        ncms(&["simulate", "no-such-file.json"]).status.code(),
        Some(2)
    );
    assert_eq!(ncms(&["frobnicate", "x"]).status.code(), Some(2));
    assert_eq!(ncms(&["--help"]).status.code(), Some(0));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_ncms"))
        .args([
            "simulate",
            "scenarios/taizhou-2013-plan.json",
            "--format",
            "json",
            "--years",
            "10",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then close the pipe as `| head -1` does.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        !text(&out.stderr).contains("panicked"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn params_lists_every_registry_row() {
    let out = ncms(&["params", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), ncms_sim::params::PARAMS.len());
    assert!(rows
        .iter()
        .any(|r| r["path"] == "lines[*].inpatient.reimbursement_ratio"
            && r["role"] == "policy"
            && r["unit"] == "share"));
    let out = ncms(&["params", "--lang", "zh"]);
    assert!(text(&out.stdout)
        .contains("projection.cost_growth\n    医疗费用年增长率 · 假设 · 比例（小数）"));
}

#[test]
fn a_misspelt_option_is_an_error_not_ignored() {
    let out = ncms(&["simulate", "scenarios/pinghu-2012.json", "--yeras", "3"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown option --yeras for simulate"));
}

#[test]
fn explain_walks_the_surplus_from_baseline_to_proposal() {
    let out = ncms(&[
        "explain",
        "scenarios/taizhou-2013-plan.json",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let w: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(w["format"], "ncms-sim/waterfall@1");
    assert_eq!(w["outcome"], "surplus");
    assert_eq!(w["year"], 2013);
    assert_eq!(w["method"]["kind"], "exact");
    assert_eq!(w["method"]["subsets"], 1024);
    let bars = w["bars"].as_array().unwrap();
    assert_eq!(bars.len(), 20);
    assert_eq!(bars[0]["path"], "financing.government.county");
    assert_eq!(bars[0]["kind"], "price");
    assert_eq!(bars[0]["amount"], "75140000.00");
    assert_eq!(bars[1]["kind"], "release");
    assert_eq!(bars[0]["label"]["zh"], "县级财政补助");
    // The bars add up to the difference `simulate` reports, to the fen.
    let sum: rust_decimal::Decimal = bars
        .iter()
        .map(|b| {
            b["amount"]
                .as_str()
                .unwrap()
                .parse::<rust_decimal::Decimal>()
                .unwrap()
        })
        .sum();
    let simulated = ncms(&[
        "simulate",
        "scenarios/taizhou-2013-plan.json",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&simulated.stdout).unwrap();
    assert_eq!(sum.to_string(), report["differences"][0]["surplus"]);
    assert_eq!(w["change"], report["differences"][0]["surplus"]);

    let out = ncms(&[
        "explain",
        "scenarios/taizhou-2013-plan.json",
        "--outcome",
        "closing_balance",
        "--lang",
        "zh",
    ]);
    let table = text(&out.stdout);
    assert!(table.contains("## 2017 年累计结余为何变化"), "{table}");
    assert!(table.contains("Shapley 值，精确计算：10 项调整的全部 1024 个组合"));
    assert!(table.contains("县级财政补助"), "{table}");
}

#[test]
fn explain_needs_a_proposal_and_a_projected_year() {
    let out = ncms(&["explain", "scenarios/taizhou-2012.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("has no proposal: nothing to explain"));
    let out = ncms(&[
        "explain",
        "scenarios/taizhou-2013-plan.json",
        "--year",
        "2020",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("2020 is not a projected year (2013 to 2017)"));
    let out = ncms(&[
        "explain",
        "scenarios/taizhou-2013-plan.json",
        "--outcome",
        "deficit",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn patient_prices_one_stay_layer_by_layer() {
    let out = ncms(&[
        "patient",
        "scenarios/taizhou-2013-plan.json",
        "--level",
        "county",
        "--kind",
        "inpatient",
        "--cost",
        "30000",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let p: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(p["format"], "ncms-sim/patient@1");
    assert_eq!(p["baseline"]["scheme"], "21250.00");
    assert_eq!(p["proposal"]["scheme"], "22000.00");
    assert_eq!(p["proposal"]["patient"], "8000.00");
    assert_eq!(p["proposal"]["layers"][0]["layer"], "outside_scope");
    assert_eq!(p["proposal"]["layers"][0]["patient"], "4500.00");
    assert_eq!(
        p["proposal"]["layers"][2]["label"]["en"],
        "Above the deductible, at the ratio (co-payment / scheme)"
    );

    let out = ncms(&[
        "patient",
        "scenarios/taizhou-2013-plan.json",
        "--level",
        "county",
        "--kind",
        "inpatient",
        "--cost",
        "30000",
        "--scope",
        "0.6",
    ]);
    let table = text(&out.stdout);
    assert!(
        table.contains("Policy-scope share       60.0%      60.0%"),
        "{table}"
    );
}

#[test]
fn patient_without_a_case_lists_the_typical_patients() {
    let out = ncms(&[
        "patient",
        "scenarios/taizhou-2013-plan.json",
        "--lang",
        "zh",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    for name in [
        "村卫生室门诊，50 元",
        "乡镇卫生院住院，3 000 元",
        "县级医院住院，10 000 元",
        "省市级医院住院，100 000 元",
    ] {
        assert!(table.contains(name), "{name}: {table}");
    }
    let out = ncms(&["patient", "scenarios/pinghu-2012.json", "--format", "json"]);
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 4);
}

#[test]
fn patient_options_that_do_not_fit_exit_two() {
    let file = "scenarios/taizhou-2013-plan.json";
    let code = |args: &[&str]| {
        let mut all = vec!["patient", file];
        all.extend_from_slice(args);
        ncms(&all).status.code()
    };
    assert_eq!(code(&["--kind", "inpatient"]), Some(2));
    assert_eq!(code(&["--kind", "inpatient", "--cost", "100"]), Some(2));
    assert_eq!(
        code(&["--level", "moon", "--kind", "inpatient", "--cost", "1"]),
        Some(2)
    );
    assert_eq!(
        code(&["--level", "village", "--kind", "inpatient", "--cost", "100"]),
        Some(2)
    );
    assert_eq!(
        code(&["--level", "county", "--kind", "inpatient", "--cost", "-5"]),
        Some(2)
    );
    let out = ncms(&[
        "patient",
        file,
        "--level",
        "village",
        "--kind",
        "inpatient",
        "--cost",
        "100",
    ]);
    assert!(
        text(&out.stderr).contains("the scenario has no rules for Village clinic inpatient stay")
    );
}

#[test]
fn solve_answers_in_words_and_in_json() {
    let out = ncms(&[
        "solve",
        "scenarios/taizhou-2013-plan.json",
        "--lever",
        "funding_per_head",
        "--target",
        "surplus>=0",
        "--lang",
        "zh",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(
        table.starts_with("需人均筹资 438.11 元（或以上）才能实现2013年当年收支平衡"),
        "{table}"
    );
    assert!(table.contains("求得值"), "{table}");

    let out = ncms(&[
        "solve",
        "scenarios/taizhou-2013-plan.json",
        "--lever",
        "inpatient_ratios",
        "--target",
        "closing_balance>=0",
        "--year",
        "all",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answer["format"], "ncms-sim/answer@1");
    assert_eq!(answer["status"], "solved");
    assert_eq!(answer["target"]["when"]["kind"], "every_year");
    let value = answer["value"].as_f64().unwrap();
    assert!(value < 0.0 && value > -0.2, "{value}");
    assert!(answer["edits"]["lines[2].inpatient.reimbursement_ratio"].is_number());
}

#[test]
fn solve_reports_a_target_out_of_reach_and_refuses_assumptions() {
    let out = ncms(&[
        "solve",
        "scenarios/taizhou-2013-plan.json",
        "--lever",
        "lines[2].inpatient.reimbursement_ratio",
        "--target",
        "surplus_rate>=50%",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answer["status"], "unreachable");
    assert_eq!(answer["value"], 0.0);

    let out = ncms(&[
        "solve",
        "scenarios/taizhou-2013-plan.json",
        "--lever",
        "projection.cost_growth",
        "--target",
        "surplus>=0",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is an assumption, not a policy lever"));
    let out = ncms(&["solve", "scenarios/taizhou-2013-plan.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("solve needs --lever"));
}

#[test]
fn sensitivity_prints_the_tornado() {
    let out = ncms(&[
        "sensitivity",
        "scenarios/taizhou-2013-plan.json",
        "--top",
        "3",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(
        table.starts_with("# Surplus in 2013: -80,023,455.67"),
        "{table}"
    );
    assert!(table.contains("## Each parameter ±10%"), "{table}");
    assert!(
        table.contains("County subsidy") && table.contains("+256,360,000.00"),
        "{table}"
    );

    let out = ncms(&[
        "sensitivity",
        "scenarios/taizhou-2013-plan.json",
        "--outcome",
        "outpatient_share",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let tornado: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(tornado["format"], "ncms-sim/tornado@1");
    assert_eq!(tornado["outcome"]["indicator"], "outpatient_share");
    assert_eq!(
        tornado["ten_percent"][0]["path"],
        "lines[1].outpatient.reimbursement_ratio"
    );
    let out = ncms(&[
        "sensitivity",
        "scenarios/taizhou-2013-plan.json",
        "--outcome",
        "profit",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn protection_prints_json_baseline_first_with_shares_as_fractions() {
    let out = ncms(&[
        "protection",
        "scenarios/taizhou-2013-plan.json",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let figures: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(figures["format"], "ncms-sim/protection@1");
    assert_eq!(figures["year"], 2013);
    let plans = figures["plans"].as_array().unwrap();
    let names: Vec<_> = plans.iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["baseline", "proposal"]);
    assert!(plans[0]["change"].is_null());
    let overall = &plans[1]["overall"];
    for key in [
        "catastrophic_10",
        "catastrophic_25",
        "catastrophic_ctp40",
        "impoverishing",
    ] {
        let share = overall[key].as_f64().unwrap();
        assert!(share > 0.0 && share < 1.0, "{key}: {share}");
        assert!(plans[1]["change"][key].as_f64().unwrap() < 0.0, "{key}");
        assert!(
            plans[1]["change"]["cost_per_point"][key].is_string(),
            "{key}"
        );
    }
    // Money is an exact decimal string; the lines name their level and kind.
    assert_eq!(overall["mean_oop_per_admission"], "2652.43");
    assert_eq!(plans[1]["change"]["extra_spending"], "193863435.29");
    let line = &plans[1]["lines"][4];
    assert_eq!(
        (&line["level"], &line["kind"]),
        (&"county".into(), &"inpatient".into())
    );
    assert!(line["mean_oop"].is_string());
    let assumptions = &figures["assumptions"];
    assert_eq!(assumptions["income"]["mean_per_head"], "14552.00");
    assert_eq!(assumptions["income"]["gini"], 0.375);
    assert_eq!(assumptions["household_size"], 3.9);
    assert_eq!(assumptions["poverty_line"], "2300.00");
    assert_eq!(assumptions["subsistence"], "2322.00");
}

#[test]
fn protection_prints_a_table_in_either_language() {
    let out = ncms(&["protection", "scenarios/taizhou-2013-plan.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(
        table.starts_with(
            "# Taizhou NCMS 2013 plan (taizhou-2013-plan): what the plans do for families, 2013"
        ),
        "{table}"
    );
    assert!(
        table.contains("Patients paying over 10 % of household income"),
        "{table}"
    );
    assert!(
        table.contains("Fund's cost per point avoided, over 10 % of income"),
        "{table}"
    );
    assert!(table.contains("County hospital inpatient stays"), "{table}");
    assert!(table.contains("## Households assumed"), "{table}");
    let out = ncms(&["protection", "scenarios/pinghu-2012.json", "--lang", "zh"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(table.contains("医疗保障效果"), "{table}");
    assert!(
        table.contains("自付超过家庭年收入 10% 的患者比例"),
        "{table}"
    );
    assert!(table.contains("## 基线"), "{table}");
    assert!(table.contains("因病致贫"), "{table}");
}

#[test]
fn protection_names_its_bad_arguments() {
    let file = "scenarios/taizhou-2013-plan.json";
    let out = ncms(&["protection", file, "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("protection does not print csv"),
        "{}",
        text(&out.stderr)
    );
    let out = ncms(&["protection", file, "--year", "2014"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown option --year for protection"));
    let out = ncms(&["protection"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("protection needs a FILE"));
    let out = ncms(&["protection", file, "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--lang is zh or en"));
    assert_eq!(
        ncms(&["protection", "no-such-file.json"]).status.code(),
        Some(2)
    );
}
