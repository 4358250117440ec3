//! The calibration case of docs/model.md §4: the Taizhou 2012 scenario reproduces the seed's totals
//! (seed 000_f4e4bc0b06ba3db8.txt) within 3 %. The seed's figures are written here, not read from
//! the scenario, so that a scenario edit cannot move the target.

use ncms_sim::{parse_scenario, scenarios, simulate};

fn within(label: &str, modelled: f64, reported: f64, tolerance: f64) {
    let deviation = modelled / reported - 1.0;
    assert!(
        deviation.abs() <= tolerance,
        "{label}: model {modelled}, seed {reported} ({:+.2}%)",
        deviation * 100.0
    );
}

#[test]
fn taizhou_2012_reproduces_the_seed_within_three_percent() {
    let scenario = parse_scenario(scenarios::bundled("taizhou-2012").unwrap()).unwrap();
    let report = simulate(&scenario);
    let y = &report.years[0];
    let money = |d: rust_decimal::Decimal| ncms_sim::money::to_f64(d);
    // 全市共计筹资18.95亿元，补偿……18.72亿元，其中住院补偿36.83万人次，补偿金额15.87亿元
    within("funds raised", money(y.income.total), 1.895e9, 0.03);
    within("fund spending", money(y.spending.total), 1.872e9, 0.03);
    within(
        "inpatient spending",
        money(y.indicators.inpatient_spending),
        1.587e9,
        0.03,
    );
    within(
        "inpatient person-times",
        y.indicators.admissions,
        368_300.0,
        0.03,
    );
    // 补偿1002.88万人次; 政策范围内住院补偿比例71.80%，普通门诊32.04%; 门诊均次费用59.45元
    within(
        "compensated person-times",
        y.indicators.compensated_person_times,
        10_028_800.0,
        0.03,
    );
    within(
        "inpatient policy-scope ratio",
        y.indicators.inpatient_policy_ratio,
        0.7180,
        0.03,
    );
    within(
        "outpatient policy-scope ratio",
        y.indicators.outpatient_policy_ratio,
        0.3204,
        0.03,
    );
    // 4.42 M enrollees at 403 yuan, of which government 273.
    assert_eq!(y.enrollees, 4_420_000);
    assert_eq!(y.funding_per_enrollee.to_string(), "403.00");
    assert_eq!(y.government_per_enrollee.to_string(), "273.00");
}

#[test]
fn calibration_rows_are_reported_for_scenarios_with_observed_figures() {
    for (id, json) in scenarios::BUNDLED {
        let scenario = parse_scenario(json).unwrap();
        let report = simulate(&scenario);
        assert_eq!(
            report.calibration.is_empty(),
            scenario.observed.is_none(),
            "{id}"
        );
        for row in &report.calibration {
            assert!((row.deviation - (row.modelled / row.observed - 1.0)).abs() < 1e-12);
            assert!(
                row.deviation.abs() <= 0.03,
                "{id} {}: {:+.2}%",
                row.id,
                row.deviation * 100.0
            );
        }
    }
}

#[test]
fn the_2013_plan_meets_the_policy_targets_it_was_written_for() {
    let scenario = parse_scenario(scenarios::bundled("taizhou-2013-plan").unwrap()).unwrap();
    let comparison = ncms_sim::compare(&scenario, &scenario.proposal, None).unwrap();
    let proposal = &comparison.proposal.years[0];
    let baseline = &comparison.baseline.years[0];
    for id in [
        "funding_per_enrollee",
        "government_per_enrollee",
        "inpatient_policy_ratio",
        "primary_outpatient_ratio",
        "major_disease_ratio",
        "outpatient_share",
        "annual_ceiling",
    ] {
        let met = |y: &ncms_sim::YearReport| y.targets.iter().find(|t| t.id == id).unwrap().met;
        assert_eq!(met(proposal), Some(true), "the plan meets {id}");
        if id != "outpatient_share" && id != "annual_ceiling" {
            assert_eq!(met(baseline), Some(false), "the 2012 rules miss {id}");
        }
    }
    // What the 2013 standards cost: more spending than the extra funding brings in.
    let difference = &comparison.differences[0];
    assert!(difference.spending > difference.income);
}
