//! The `ncms` command line: exit codes, formats and errors, run as a user would. Data-driven: one
//! `check(args, Expect { status, stdout, stderr })` runs the program and checks what it shows;
//! where a test is a list of cases, it is a table of them.

use serde_json::{json, Value};
use std::process::{Command, Output};
use Shows::{At, Json, Lacks, Len, Starts, Text};

/// What a run of `ncms` must show: its exit code, and what it prints on each stream.
#[derive(Default)]
struct Expect<'a> {
    status: i32,
    stdout: &'a [Shows<'a>],
    stderr: &'a [Shows<'a>],
}

/// One thing a stream must show.
enum Shows<'a> {
    /// The text contains this.
    Text(&'a str),
    /// The text starts with this.
    Starts(&'a str),
    /// The text does not contain this.
    Lacks(&'a str),
    /// The text is JSON.
    Json,
    /// The text is JSON, and the value at this JSON pointer is this.
    At(&'a str, Value),
    /// The text is JSON, and the array at this JSON pointer has this many items.
    Len(&'a str, usize),
}

/// What a run printed, for the checks a table cannot say (sums, ranges, a second run).
struct Run {
    stdout: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).expect("checked as JSON")
    }
}

/// Runs `ncms args` from the crate's folder and checks it shows `expect`.
#[track_caller]
fn check(args: &[&str], expect: Expect) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_ncms"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    verify(args, &out, &expect)
}

/// Checks that `out`, the output of `ncms args`, shows `expect`; a failure names the command and
/// shows both streams.
#[track_caller]
fn verify(args: &[&str], out: &Output, expect: &Expect) -> Run {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if let Err(what) = mismatch(out.status.code(), &stdout, &stderr, expect) {
        panic!(
            "ncms {}: {what}\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
            args.join(" ")
        );
    }
    Run { stdout }
}

/// The first thing the run does not show as `expect` says.
fn mismatch(
    status: Option<i32>,
    stdout: &str,
    stderr: &str,
    expect: &Expect,
) -> Result<(), String> {
    if status != Some(expect.status) {
        return Err(format!("exit code {status:?}, expected {}", expect.status));
    }
    for (name, text, shows) in [
        ("stdout", stdout, expect.stdout),
        ("stderr", stderr, expect.stderr),
    ] {
        for show in shows {
            show.in_text(text)
                .map_err(|what| format!("{name} {what}"))?;
        }
    }
    Ok(())
}

impl Shows<'_> {
    /// Whether `text` shows this; if not, what it shows instead.
    fn in_text(&self, text: &str) -> Result<(), String> {
        let at = |pointer: &str| -> Result<Value, String> {
            let json: Value =
                serde_json::from_str(text).map_err(|e| format!("is not JSON: {e}"))?;
            json.pointer(pointer)
                .cloned()
                .ok_or_else(|| format!("has no {pointer}"))
        };
        match self {
            Text(part) if !text.contains(part) => Err(format!("lacks {part:?}")),
            Starts(start) if !text.starts_with(start) => {
                Err(format!("does not start with {start:?}"))
            }
            Lacks(part) if text.contains(part) => Err(format!("shows {part:?}")),
            Text(_) | Starts(_) | Lacks(_) => Ok(()),
            Json => at("").map(drop),
            At(pointer, expected) => match at(pointer)? {
                found if found == *expected => Ok(()),
                found => Err(format!("{pointer} is {found}, expected {expected}")),
            },
            Len(pointer, expected) => match at(pointer)?.as_array().map(Vec::len) {
                Some(found) if found == *expected => Ok(()),
                found => Err(format!(
                    "{pointer} has {found:?} items, expected {expected}"
                )),
            },
        }
    }
}

const TAIZHOU_2012: &str = "scenarios/taizhou-2012.json";
const TAIZHOU_PLAN: &str = "scenarios/taizhou-2013-plan.json";
const PINGHU: &str = "scenarios/pinghu-2012.json";

#[test]
fn check_accepts_a_good_scenario() {
    check(
        &["check", TAIZHOU_2012],
        Expect {
            status: 0,
            stdout: &[Text("ok (Taizhou NCMS 2012")],
            ..Expect::default()
        },
    );
}

#[test]
fn check_lists_every_problem_and_exits_one() {
    let dir = std::env::temp_dir().join(format!("ncms-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    let json = std::fs::read_to_string(TAIZHOU_2012)
        .unwrap()
        .replace("\"enrollees\": 4420000", "\"enrollees\": 0")
        .replace(
            "\"reimbursement_ratio\": 0.85, \"admission_cap\"",
            "\"reimbursement_ratio\": 1.3, \"admission_cap\"",
        );
    std::fs::write(&bad, json).unwrap();
    check(
        &["check", bad.to_str().unwrap(), "--lang", "zh"],
        Expect {
            status: 1,
            stderr: &[
                Text("发现 2 个问题"),
                Text("population.enrollees"),
                Text("县级医院 住院补偿比例应在 0 – 1 (0.0% – 100.0%) 之间，现为 1.3（130.0%）〔lines[2].inpatient.reimbursement_ratio，第 38 行"),
                // Both languages.
                Text("reimbursement ratio must be within 0 – 1"),
            ],
            ..Expect::default()
        },
    );
}

#[test]
fn simulate_prints_json_with_the_requested_years() {
    check(
        &["simulate", TAIZHOU_PLAN, "--years", "3", "--format", "json"],
        Expect {
            status: 0,
            stdout: &[
                At("/format", json!("ncms-sim/report@1")),
                Len("/baseline/years", 3),
                At("/proposal/years/2/year", json!(2015)),
                Len("/changes", 10),
                // Money is an exact decimal string.
                At("/proposal/years/0/funding_per_enrollee", json!("420.00")),
            ],
            ..Expect::default()
        },
    );
}

#[test]
fn simulate_prints_csv_and_tables() {
    check(
        &["simulate", PINGHU, "--format", "csv"],
        Expect {
            status: 0,
            stdout: &[
                Starts("plan,section,item,year,unit,baseline,plan,difference,target,met\n"),
                Text("proposal,summary,Fund income,2012,yuan,166980000.00,166980000.00,0.00,,\n"),
            ],
            ..Expect::default()
        },
    );
    check(
        &["simulate", PINGHU, "--lang", "zh"],
        Expect {
            status: 0,
            stdout: &[Text("住院政策范围内补偿比")],
            ..Expect::default()
        },
    );
}

#[test]
fn usage_errors_exit_two_and_help_exits_zero() {
    let cases: [(&[&str], i32); 6] = [
        (&["simulate"], 2),
        (&["simulate", PINGHU, "--years", "11"], 2),
        (&["simulate", PINGHU, "--format", "xml"], 2),
        (&["simulate", "no-such-file.json"], 2),
        (&["frobnicate", "x"], 2),
        (&["--help"], 0),
    ];
    for (args, status) in cases {
        check(
            args,
            Expect {
                status,
                ..Expect::default()
            },
        );
    }
}

#[test]
fn a_misspelt_option_is_an_error_not_ignored() {
    check(
        &["simulate", PINGHU, "--yeras", "3"],
        Expect {
            status: 2,
            stderr: &[Text("unknown option --yeras for simulate")],
            ..Expect::default()
        },
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let args = [
        "simulate",
        TAIZHOU_PLAN,
        "--format",
        "json",
        "--years",
        "10",
    ];
    let mut child = Command::new(env!("CARGO_BIN_EXE_ncms"))
        .args(args)
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
    verify(
        &args,
        &out,
        &Expect {
            status: 0,
            stderr: &[Lacks("panicked")],
            ..Expect::default()
        },
    );
}

#[test]
fn params_lists_every_registry_row() {
    let rows = check(
        &["params", "--format", "json"],
        Expect {
            status: 0,
            stdout: &[Len("", ncms_sim::params::PARAMS.len())],
            ..Expect::default()
        },
    )
    .json();
    assert!(rows
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["path"] == "lines[*].inpatient.reimbursement_ratio"
            && r["role"] == "policy"
            && r["unit"] == "share"));
    check(
        &["params", "--lang", "zh"],
        Expect {
            status: 0,
            stdout: &[Text(
                "projection.cost_growth\n    医疗费用年增长率 · 假设 · 比例（小数）",
            )],
            ..Expect::default()
        },
    );
}

#[test]
fn explain_walks_the_surplus_from_baseline_to_proposal() {
    let waterfall = check(
        &["explain", TAIZHOU_PLAN, "--format", "json"],
        Expect {
            status: 0,
            stdout: &[
                At("/format", json!("ncms-sim/waterfall@1")),
                At("/outcome", json!("surplus")),
                At("/year", json!(2013)),
                At("/method/kind", json!("exact")),
                At("/method/subsets", json!(1024)),
                Len("/bars", 20),
                At("/bars/0/path", json!("financing.government.county")),
                At("/bars/0/kind", json!("price")),
                At("/bars/0/amount", json!("75140000.00")),
                At("/bars/1/kind", json!("release")),
                At("/bars/0/label/zh", json!("县级财政补助")),
            ],
            ..Expect::default()
        },
    )
    .json();
    // The bars add up to the difference `simulate` reports, to the fen.
    let sum: rust_decimal::Decimal = waterfall["bars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            b["amount"]
                .as_str()
                .unwrap()
                .parse::<rust_decimal::Decimal>()
                .unwrap()
        })
        .sum();
    let report = check(
        &["simulate", TAIZHOU_PLAN, "--format", "json"],
        Expect {
            status: 0,
            stdout: &[Json],
            ..Expect::default()
        },
    )
    .json();
    assert_eq!(sum.to_string(), report["differences"][0]["surplus"]);
    assert_eq!(waterfall["change"], report["differences"][0]["surplus"]);

    check(
        &[
            "explain",
            TAIZHOU_PLAN,
            "--outcome",
            "closing_balance",
            "--lang",
            "zh",
        ],
        Expect {
            status: 0,
            stdout: &[
                Text("## 2017 年累计结余为何变化"),
                Text("Shapley 值，精确计算：10 项调整的全部 1024 个组合"),
                Text("县级财政补助"),
            ],
            ..Expect::default()
        },
    );
}

#[test]
fn explain_needs_a_proposal_and_a_projected_year() {
    let cases: [(&[&str], i32, &[Shows]); 3] = [
        (
            &["explain", TAIZHOU_2012],
            1,
            &[Text("has no proposal: nothing to explain")],
        ),
        (
            &["explain", TAIZHOU_PLAN, "--year", "2020"],
            2,
            &[Text("2020 is not a projected year (2013 to 2017)")],
        ),
        (&["explain", TAIZHOU_PLAN, "--outcome", "deficit"], 2, &[]),
    ];
    for (args, status, stderr) in cases {
        check(
            args,
            Expect {
                status,
                stderr,
                ..Expect::default()
            },
        );
    }
}

#[test]
fn patient_prices_one_stay_layer_by_layer() {
    let stay = [
        "patient",
        TAIZHOU_PLAN,
        "--level",
        "county",
        "--kind",
        "inpatient",
        "--cost",
        "30000",
    ];
    check(
        &[&stay[..], &["--format", "json"]].concat(),
        Expect {
            status: 0,
            stdout: &[
                At("/format", json!("ncms-sim/patient@1")),
                At("/baseline/scheme", json!("21250.00")),
                At("/proposal/scheme", json!("22000.00")),
                At("/proposal/patient", json!("8000.00")),
                At("/proposal/layers/0/layer", json!("outside_scope")),
                At("/proposal/layers/0/patient", json!("4500.00")),
                At(
                    "/proposal/layers/2/label/en",
                    json!("Above the deductible, at the ratio (co-payment / scheme)"),
                ),
            ],
            ..Expect::default()
        },
    );
    check(
        &[&stay[..], &["--scope", "0.6"]].concat(),
        Expect {
            status: 0,
            stdout: &[Text("Policy-scope share       60.0%      60.0%")],
            ..Expect::default()
        },
    );
}

#[test]
fn patient_without_a_case_lists_the_typical_patients() {
    check(
        &["patient", TAIZHOU_PLAN, "--lang", "zh"],
        Expect {
            status: 0,
            stdout: &[
                Text("村卫生室门诊，50 元"),
                Text("乡镇卫生院住院，3 000 元"),
                Text("县级医院住院，10 000 元"),
                Text("省市级医院住院，100 000 元"),
            ],
            ..Expect::default()
        },
    );
    check(
        &["patient", PINGHU, "--format", "json"],
        Expect {
            status: 0,
            stdout: &[Len("", 4)],
            ..Expect::default()
        },
    );
}

#[test]
fn patient_options_that_do_not_fit_exit_two() {
    let cases: [(&[&str], &[Shows]); 5] = [
        (&["--kind", "inpatient"], &[]),
        (&["--kind", "inpatient", "--cost", "100"], &[]),
        (
            &["--level", "moon", "--kind", "inpatient", "--cost", "1"],
            &[],
        ),
        (
            &["--level", "village", "--kind", "inpatient", "--cost", "100"],
            &[Text(
                "the scenario has no rules for Village clinic inpatient stay",
            )],
        ),
        (
            &["--level", "county", "--kind", "inpatient", "--cost", "-5"],
            &[],
        ),
    ];
    for (options, stderr) in cases {
        check(
            &[&["patient", TAIZHOU_PLAN][..], options].concat(),
            Expect {
                status: 2,
                stderr,
                ..Expect::default()
            },
        );
    }
}

#[test]
fn solve_answers_in_words_and_in_json() {
    check(
        &[
            "solve",
            TAIZHOU_PLAN,
            "--lever",
            "funding_per_head",
            "--target",
            "surplus>=0",
            "--lang",
            "zh",
        ],
        Expect {
            status: 0,
            stdout: &[
                Starts("需人均筹资 438.11 元（或以上）才能实现2013年当年收支平衡"),
                Text("求得值"),
            ],
            ..Expect::default()
        },
    );
    let answer = check(
        &[
            "solve",
            TAIZHOU_PLAN,
            "--lever",
            "inpatient_ratios",
            "--target",
            "closing_balance>=0",
            "--year",
            "all",
            "--format",
            "json",
        ],
        Expect {
            status: 0,
            stdout: &[
                At("/format", json!("ncms-sim/answer@1")),
                At("/status", json!("solved")),
                At("/target/when/kind", json!("every_year")),
            ],
            ..Expect::default()
        },
    )
    .json();
    let value = answer["value"].as_f64().unwrap();
    assert!(value < 0.0 && value > -0.2, "{value}");
    assert!(answer["edits"]["lines[2].inpatient.reimbursement_ratio"].is_number());
}

#[test]
fn solve_targets_a_chance_over_the_draws() {
    let deficit = |lang: &'static str| {
        [
            "solve",
            TAIZHOU_PLAN,
            "--lever",
            "funding_per_head",
            "--target",
            "p_deficit<=10%",
            "--lang",
            lang,
        ]
    };
    check(
        &deficit("zh"),
        Expect {
            status: 0,
            stdout: &[
                Starts(
                    "需人均筹资 480.86 元（或以上）才能使2013年当年赤字概率不超过 10.00%\
                     （现为 420.00 元）。按 2000 次抽样（随机种子 1）测算。",
                ),
                Text("2013年 当年赤字概率 ≤ 10.00%"),
                Text("74.70%"),
            ],
            ..Expect::default()
        },
    );
    check(
        &deficit("en"),
        Expect {
            status: 0,
            stdout: &[
                Starts(
                    "It takes funding per enrollee of 480.86 yuan or more to keep the chance of \
                     a deficit in 2013 at most 10.00% (now 420.00 yuan). Over 2000 draws (seed 1).",
                ),
                Text("in 2013 chance of a deficit ≤ 10.00%"),
            ],
            ..Expect::default()
        },
    );
    // The chance of running out is asked within the horizon unless a year is given.
    check(
        &[
            "solve",
            TAIZHOU_PLAN,
            "--lever",
            "inpatient_ratios",
            "--target",
            "p_exhausted<=5%",
            "--format",
            "json",
        ],
        Expect {
            status: 0,
            stdout: &[
                At("/format", json!("ncms-sim/answer@1")),
                At("/status", json!("solved")),
                At("/target/indicator", json!("p_exhausted")),
                At("/target/when/kind", json!("every_year")),
                At("/value", json!(-0.256842)),
                At("/achieved", json!(0.05)),
                At("/now", json!(0.805)),
                At("/monotone", json!(true)),
                At(
                    "/words/en",
                    json!(
                        "It takes every inpatient reimbursement ratio moved by -25.68 points or \
                         less to keep the chance of running out within the horizon at most \
                         5.00%. Over 2000 draws (seed 1)."
                    ),
                ),
            ],
            ..Expect::default()
        },
    );
    check(
        &[
            "solve",
            TAIZHOU_PLAN,
            "--lever",
            "inpatient_ratios",
            "--target",
            "p_exhausted<=5%",
            "--year",
            "2015",
            "--format",
            "json",
        ],
        Expect {
            status: 0,
            stdout: &[
                At("/target/when/kind", json!("year")),
                At("/target/when/year", json!(2015)),
            ],
            ..Expect::default()
        },
    );
}

#[test]
fn solve_reports_a_target_out_of_reach() {
    check(
        &[
            "solve",
            TAIZHOU_PLAN,
            "--lever",
            "lines[2].inpatient.reimbursement_ratio",
            "--target",
            "surplus_rate>=50%",
            "--format",
            "json",
        ],
        Expect {
            status: 0,
            stdout: &[
                At("/status", json!("unreachable")),
                At("/value", json!(0.0)),
            ],
            ..Expect::default()
        },
    );
}

#[test]
fn solve_refuses_an_assumption_as_a_lever_and_needs_one() {
    let cases: [(&[&str], &str); 2] = [
        (
            &[
                "--lever",
                "projection.cost_growth",
                "--target",
                "surplus>=0",
            ],
            "is an assumption, not a policy lever",
        ),
        (&[], "solve needs --lever"),
    ];
    for (options, error) in cases {
        check(
            &[&["solve", TAIZHOU_PLAN][..], options].concat(),
            Expect {
                status: 2,
                stderr: &[Text(error)],
                ..Expect::default()
            },
        );
    }
}

#[test]
fn sensitivity_prints_the_tornado() {
    check(
        &["sensitivity", TAIZHOU_PLAN, "--top", "3"],
        Expect {
            status: 0,
            stdout: &[
                Starts("# Surplus in 2013: -80,023,455.67"),
                Text("## Each parameter ±10%"),
                Text("County subsidy"),
                Text("+256,360,000.00"),
            ],
            ..Expect::default()
        },
    );
    check(
        &[
            "sensitivity",
            TAIZHOU_PLAN,
            "--outcome",
            "outpatient_share",
            "--format",
            "json",
        ],
        Expect {
            status: 0,
            stdout: &[
                At("/format", json!("ncms-sim/tornado@1")),
                At("/outcome/indicator", json!("outpatient_share")),
                At(
                    "/ten_percent/0/path",
                    json!("lines[1].outpatient.reimbursement_ratio"),
                ),
            ],
            ..Expect::default()
        },
    );
    check(
        &["sensitivity", TAIZHOU_PLAN, "--outcome", "profit"],
        Expect {
            status: 2,
            ..Expect::default()
        },
    );
}

#[test]
fn sensitivity_and_solve_ask_what_a_plan_does_for_families() {
    check(
        &[
            "sensitivity",
            TAIZHOU_PLAN,
            "--outcome",
            "inpatient_catastrophic_10",
            "--top",
            "2",
            "--lang",
            "zh",
        ],
        Expect {
            status: 0,
            stdout: &[
                Starts("# 2013年住院（每次）自付超过家庭年收入 10% 的患者比例: 17.7%"),
                Text("县级医院 住院补偿比例"),
            ],
            ..Expect::default()
        },
    );
    check(
        &[
            "sensitivity",
            TAIZHOU_PLAN,
            "--outcome",
            "catastrophic_10",
            "--format",
            "json",
        ],
        Expect {
            status: 0,
            stdout: &[
                At("/outcome/indicator", json!("catastrophic_10")),
                At("/outcome/year", json!(2013)),
                At("/base/unit", json!("share")),
                At("/base/value", json!(0.011630572557113824)),
                At(
                    "/ten_percent/0/path",
                    json!("lines[2].inpatient.scope_share"),
                ),
            ],
            ..Expect::default()
        },
    );
    check(
        &[
            "sensitivity",
            TAIZHOU_PLAN,
            "--outcome",
            "catastrophic_10",
            "--year",
            "2014",
        ],
        Expect {
            status: 2,
            stderr: &[Text(
                "catastrophic_10 is a protection figure, for the first year (2013) only",
            )],
            ..Expect::default()
        },
    );
    check(
        &[
            "solve",
            TAIZHOU_PLAN,
            "--lever",
            "inpatient_ratios",
            "--target",
            "inpatient_catastrophic_10<=15%",
            "--lang",
            "en",
        ],
        Expect {
            status: 0,
            stdout: &[
                Starts(
                    "It takes every inpatient reimbursement ratio moved by +6.72 points or more \
                     to keep the share of patients paying over 10 % of household income \
                     (inpatient stays) in 2013 at most 15.00%. Fund spending that year rises by \
                     181.84 million yuan.",
                ),
                Text("Monotone (checked)"),
            ],
            ..Expect::default()
        },
    );
    check(
        &[
            "solve",
            TAIZHOU_PLAN,
            "--lever",
            "rules.annual_ceiling.income_multiple.multiple",
            "--target",
            "inpatient_catastrophic_10<=0.1",
            "--format",
            "json",
        ],
        Expect {
            status: 0,
            stdout: &[
                At("/target/indicator", json!("inpatient_catastrophic_10")),
                At("/status", json!("unreachable")),
                At("/value", json!(6.0)),
                At("/monotone", json!(true)),
                At("/spending_change", json!("0.00")),
            ],
            ..Expect::default()
        },
    );
    check(
        &[
            "solve",
            TAIZHOU_PLAN,
            "--lever",
            "inpatient_ratios",
            "--target",
            "catastrophic_10<=0.1",
            "--year",
            "all",
        ],
        Expect {
            status: 2,
            stderr: &[Text(
                "the protection figures are for the first year (2013) only",
            )],
            ..Expect::default()
        },
    );
}

#[test]
fn protection_prints_json_baseline_first_with_shares_as_fractions() {
    let run = check(
        &["protection", TAIZHOU_PLAN, "--format", "json"],
        Expect {
            status: 0,
            stdout: &[
                At("/format", json!("ncms-sim/protection@1")),
                At("/year", json!(2013)),
                At("/plans/0/name", json!("baseline")),
                At("/plans/1/name", json!("proposal")),
                At("/plans/0/change", Value::Null),
                // Money is an exact decimal string; the lines name their level and kind.
                At("/plans/1/overall/mean_oop_per_admission", json!("2652.43")),
                At("/plans/1/change/extra_spending", json!("193863435.29")),
                At("/plans/1/lines/4/level", json!("county")),
                At("/plans/1/lines/4/kind", json!("inpatient")),
                At("/assumptions/income/mean_per_head", json!("14552.00")),
                At("/assumptions/income/gini", json!(0.375)),
                At("/assumptions/household_size", json!(3.9)),
                At("/assumptions/poverty_line", json!("2300.00")),
                At("/assumptions/subsistence", json!("2322.00")),
            ],
            ..Expect::default()
        },
    );
    let figures = run.json();
    assert!(figures["plans"][1]["lines"][4]["mean_oop"].is_string());
    let plan = &figures["plans"][1];
    for key in [
        "catastrophic_10",
        "catastrophic_25",
        "catastrophic_ctp40",
        "impoverishing",
    ] {
        let share = plan["overall"][key].as_f64().unwrap();
        assert!(share > 0.0 && share < 1.0, "{key}: {share}");
        assert!(plan["change"][key].as_f64().unwrap() < 0.0, "{key}");
        assert!(plan["change"]["cost_per_point"][key].is_string(), "{key}");
    }
}

#[test]
fn protection_prints_a_table_in_either_language() {
    check(
        &["protection", TAIZHOU_PLAN],
        Expect {
            status: 0,
            stdout: &[
                Starts("# Taizhou NCMS 2013 plan (taizhou-2013-plan): what the plans do for families, 2013"),
                Text("Patients paying over 10 % of household income"),
                Text("Fund's cost per point avoided, over 10 % of income"),
                Text("County hospital inpatient stays"),
                Text("## Households assumed"),
            ],
            ..Expect::default()
        },
    );
    check(
        &["protection", PINGHU, "--lang", "zh"],
        Expect {
            status: 0,
            stdout: &[
                Text("医疗保障效果"),
                Text("自付超过家庭年收入 10% 的患者比例"),
                Text("## 基线"),
                Text("因病致贫"),
            ],
            ..Expect::default()
        },
    );
}

#[test]
fn protection_names_its_bad_arguments() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["protection", TAIZHOU_PLAN, "--format", "csv"],
            "protection does not print csv",
        ),
        (
            &["protection", TAIZHOU_PLAN, "--year", "2014"],
            "unknown option --year for protection",
        ),
        (&["protection"], "protection needs a FILE"),
        (
            &["protection", TAIZHOU_PLAN, "--lang", "fr"],
            "--lang is zh or en",
        ),
        (&["protection", "no-such-file.json"], ""),
    ];
    for (args, says) in cases {
        check(
            args,
            Expect {
                status: 2,
                stderr: &[Text(says)],
                ..Expect::default()
            },
        );
    }
}

#[test]
fn risk_prints_json_baseline_first_with_money_as_strings() {
    let run = check(
        &["risk", TAIZHOU_PLAN, "--format", "json"],
        Expect {
            status: 0,
            stdout: &[
                At("/format", json!("ncms-sim/risk@1")),
                At("/draws", json!(2000)),
                At("/seed", json!(1)),
                Len("/plans", 2),
                At("/plans/0/name", json!("baseline")),
                At("/plans/1/name", json!("proposal")),
                Len("/plans/1/years", 5),
                At("/plans/1/years/0/year", json!(2013)),
            ],
            ..Expect::default()
        },
    );
    let figures = run.json();
    let year = &figures["plans"][1]["years"][4];
    for key in ["p5", "p10", "p50", "p90", "p95"] {
        assert!(year["closing_balance"][key].is_string(), "{key}");
        assert!(year["available_balance"][key].is_string(), "{key}");
    }
    for key in ["p_deficit", "p_exhausted", "p_outpatient_over_cap"] {
        let p = year[key].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&p), "{key}: {p}");
    }
    assert!(year["expected_shortfall"].is_string());
    assert!(figures["plans"][1]["reserve_for_90"].is_string());
}

#[test]
fn risk_with_no_spread_is_the_projection_to_the_fen() {
    // `ncms simulate` of the same file: the baseline's accumulated balance of 2015, the year its
    // available balance runs out (2016) and the proposal's lowest available balance (2017).
    check(
        &[
            "risk",
            TAIZHOU_PLAN,
            "--spread-scale",
            "0",
            "--format",
            "json",
        ],
        Expect {
            status: 0,
            stdout: &[
                At("/plans/0/years/2/closing_balance/p5", json!("255085324.31")),
                At(
                    "/plans/0/years/2/closing_balance/p95",
                    json!("255085324.31"),
                ),
                At("/plans/0/years/2/p_exhausted", json!(0.0)),
                At("/plans/0/years/3/p_exhausted", json!(1.0)),
                At("/plans/0/years/0/p_deficit", json!(0.0)),
                At("/plans/0/years/1/p_deficit", json!(1.0)),
                At("/plans/0/years/0/expected_shortfall", Value::Null),
                At("/plans/1/reserve_for_90", json!("1153288332.65")),
            ],
            ..Expect::default()
        },
    );
}

#[test]
fn risk_is_the_same_for_a_seed_and_differs_for_another() {
    let args = |seed: &'static str| -> [&'static str; 6] {
        ["risk", TAIZHOU_PLAN, "--draws", "300", "--seed", seed]
    };
    let ok = || Expect {
        status: 0,
        ..Expect::default()
    };
    let first = check(&args("7"), ok()).stdout;
    let again = check(&args("7"), ok()).stdout;
    let other = check(&args("8"), ok()).stdout;
    assert_eq!(first, again);
    assert_ne!(first, other);
    assert!(
        first.starts_with("# How sure: draws 300, seed 7"),
        "{first}"
    );
}

#[test]
fn risk_prints_a_table_in_either_language() {
    check(
        &["risk", TAIZHOU_PLAN, "--draws", "200"],
        Expect {
            status: 0,
            stdout: &[
                Starts("# How sure: draws 200, seed 1"),
                Text("## baseline"),
                Text("## proposal"),
                Text("Accumulated balance (yuan) P5"),
                Text("Chance of a deficit"),
                Text("Chance it has run out"),
                Text("Extra reserve that keeps the chance of running out within the horizon at 10 % or less: "),
            ],
            ..Expect::default()
        },
    );
    check(
        &["risk", PINGHU, "--lang", "zh", "--draws", "200"],
        Expect {
            status: 0,
            stdout: &[
                Starts("# 风险测算: 抽样次数 200, 随机种子 1"),
                Text("## 基线"),
                Text("累计结余（元） P5"),
                Text("当年赤字概率"),
                Text("门诊统筹占比超上限概率"),
            ],
            ..Expect::default()
        },
    );
}

#[test]
fn risk_names_its_bad_arguments() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["risk", TAIZHOU_PLAN, "--draws", "0"],
            "--draws must be 1 to 20000, not 0",
        ),
        (
            &["risk", TAIZHOU_PLAN, "--draws", "many"],
            "--draws takes a whole number",
        ),
        (
            &["risk", TAIZHOU_PLAN, "--seed", "-1"],
            "--seed takes a whole number from 0 to 9007199254740991",
        ),
        (
            &["risk", TAIZHOU_PLAN, "--spread-scale", "11"],
            "--spread-scale takes a number from 0 to 10",
        ),
        (
            &["risk", TAIZHOU_PLAN, "--spread-scale", "NaN"],
            "--spread-scale takes a number from 0 to 10",
        ),
        (
            &["risk", TAIZHOU_PLAN, "--format", "csv"],
            "risk does not print csv",
        ),
        (
            &["risk", TAIZHOU_PLAN, "--year", "2014"],
            "unknown option --year for risk",
        ),
        (&["risk"], "risk needs a FILE"),
        (&["risk", "no-such-file.json"], ""),
    ];
    for (args, says) in cases {
        check(
            args,
            Expect {
                status: 2,
                stderr: &[Text(says)],
                ..Expect::default()
            },
        );
    }
}
