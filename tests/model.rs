//! The ledger, the indicators, the targets and the projection, checked on values: every threshold
//! rule below / at / above, the ledger to the fen, and the release effect.

mod common;
use common::{assert_comparison_adds_up, checked, scenario_from, small, small_with};
use ncms_sim::report::{CareKind, YearReport};
use ncms_sim::{compare, parse_scenario, simulate, Edits};
use rust_decimal::Decimal;
use serde_json::json;
use std::str::FromStr;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn edits(pairs: &[(&str, f64)]) -> Edits {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), Some(*v)))
        .collect()
}

#[test]
fn the_ledger_adds_up_to_the_fen_in_every_scenario_and_year() {
    for (id, json) in ncms_sim::scenarios::BUNDLED {
        let scenario = parse_scenario(json).unwrap();
        let comparison = compare(&scenario, &scenario.proposal, None).unwrap();
        common::assert_comparison_adds_up(&scenario, &comparison);
        assert_eq!(
            comparison.baseline.years.len(),
            scenario.projection.years as usize,
            "{id}"
        );
    }
}

#[test]
fn income_is_enrollees_times_funding_plus_interest_and_other() {
    let report = simulate(&checked(small()));
    let y = &report.years[0];
    assert_eq!(y.enrollees, 100_000);
    assert_eq!(y.income.individual_contributions, d("10000000"));
    assert_eq!(y.income.government_subsidies, d("20000000"));
    assert_eq!(y.income.interest, d("100000.00")); // 2 % of 5 M
    assert_eq!(y.income.other, d("500000.00"));
    assert_eq!(y.income.total, d("30600000.00"));
    // Year 2: enrollment +1 %, funding +5 % per head, rounded to the fen.
    let y2 = &report.years[1];
    assert_eq!(y2.enrollees, 101_000);
    assert_eq!(y2.funding_per_enrollee, d("315.00"));
}

#[test]
fn consultation_fee_is_claims_or_the_cap_whichever_is_lower() {
    // 1 visit × 5.5 = 5.5 yuan a head, under the 11-yuan cap: claims are paid.
    let y = simulate(&checked(small())).years.remove(0);
    assert_eq!(y.spending.consultation_fee, d("550000.00"));
    // 3 visits × 5.5 = 16.5 a head: the cap of 11 a head binds.
    let s = scenario_from(small_with(
        "/rules/consultation_fee/visits_per_served_resident",
        json!(3.0),
    ));
    let y = simulate(&checked(s)).years.remove(0);
    assert_eq!(y.spending.consultation_fee, d("1100000.00"));
    // Exactly at the cap: 2 visits × 5.5 = 11.
    let s = scenario_from(small_with(
        "/rules/consultation_fee/visits_per_served_resident",
        json!(2.0),
    ));
    let y = simulate(&checked(s)).years.remove(0);
    assert_eq!(y.spending.consultation_fee, d("1100000.00"));
}

#[test]
fn the_fee_cap_binds_from_two_visits_per_served_resident_whatever_the_share_served() {
    // 5.5 yuan a visit against an 11-yuan cap: the threshold is 2 visits per served resident.
    for (visits, expected) in [(1.9, "522500.00"), (2.0, "550000.00"), (2.1, "550000.00")] {
        let mut json = small_with("/rules/consultation_fee/served_share", json!(0.5));
        json["rules"]["consultation_fee"]["visits_per_served_resident"] = json!(visits);
        let y = simulate(&checked(scenario_from(json))).years.remove(0);
        // 100 000 enrollees × 0.5 served × min(visits × 5.5, 11).
        assert_eq!(y.spending.consultation_fee, d(expected), "{visits} visits");
    }
}

#[test]
fn raising_the_scheme_part_under_a_binding_cap_changes_nothing() {
    let scenario =
        parse_scenario(ncms_sim::scenarios::bundled("wafangdian-village-fee").unwrap()).unwrap();
    let comparison = compare(
        &scenario,
        &edits(&[("rules.consultation_fee.scheme_part", 6.0)]),
        None,
    )
    .unwrap();
    let (b, p) = (&comparison.baseline.years[0], &comparison.proposal.years[0]);
    assert_eq!(b.spending.consultation_fee, d("5280000.00")); // 600 000 × 0.8 × 11
    assert_eq!(p.spending.consultation_fee, b.spending.consultation_fee);
    assert_eq!(p.spending.total, b.spending.total);
}

#[test]
fn risk_reserve_moves_the_rate_until_the_cap() {
    let report = simulate(&checked(small()));
    let y0 = &report.years[0];
    assert_eq!(y0.risk_reserve_moved, d("918000.00")); // 3 % of 30.6 M
                                                       // With a reserve at 9.5 % of income, only the room to 10 % moves.
    let s = scenario_from(small_with(
        "/rules/risk_reserve/opening_reserve",
        json!(2907000),
    ));
    let y0 = simulate(&checked(s)).years.remove(0);
    assert_eq!(y0.risk_reserve_moved, d("153000.00")); // 3 060 000 − 2 907 000
                                                       // At the cap, nothing moves.
    let s = scenario_from(small_with(
        "/rules/risk_reserve/opening_reserve",
        json!(3060000),
    ));
    let y0 = simulate(&checked(s)).years.remove(0);
    assert_eq!(y0.risk_reserve_moved, d("0.00"));
    assert_eq!(y0.available_balance, y0.closing_balance - d("3060000"));
}

fn target<'a>(y: &'a YearReport, id: &str) -> &'a ncms_sim::report::TargetCheck {
    y.targets
        .iter()
        .find(|t| t.id == id)
        .unwrap_or_else(|| panic!("target {id}"))
}

#[test]
fn funding_target_below_at_and_above() {
    // The fixture's government pays 200 a head; the 2013 target is 415 in all.
    for (individual, met, gap) in [
        (214.99, false, -0.01),
        (215.0, true, 0.0),
        (215.01, true, 0.01),
    ] {
        let s = scenario_from(small_with("/financing/individual", json!(individual)));
        let y = simulate(&checked(s)).years.remove(0);
        let t = target(&y, "funding_per_enrollee");
        assert_eq!(t.met, Some(met), "individual {individual}");
        assert!((t.gap.unwrap() - gap).abs() < 1e-9, "gap {:?}", t.gap);
    }
}

#[test]
fn outpatient_share_cap_below_at_and_above() {
    let y = simulate(&checked(small())).years.remove(0);
    let share = y.indicators.outpatient_share;
    assert!(share > 0.0);
    // Same spending, caps just above, at and just below the share.
    for (cap, met) in [(share + 1e-6, true), (share, true), (share - 1e-6, false)] {
        let mut s = small();
        s.targets.outpatient_share_max = Some(cap);
        let y = simulate(&checked(s)).years.remove(0);
        assert_eq!(
            target(&y, "outpatient_share").met,
            Some(met),
            "cap {cap} share {share}"
        );
        let expected_headroom =
            ncms_sim::money::fen(ncms_sim::money::decimal_from_f64(cap).unwrap() * y.income.total)
                - y.indicators.outpatient_spending;
        assert_eq!(y.indicators.outpatient_headroom, expected_headroom);
    }
    // The outpatient share counts general outpatient care and the consultation fee, nothing else.
    let outpatient: Decimal = y
        .spending
        .lines
        .iter()
        .filter(|l| l.kind == CareKind::Outpatient)
        .map(|l| l.benefit)
        .sum();
    assert_eq!(
        y.indicators.outpatient_spending,
        outpatient + y.spending.consultation_fee
    );
}

#[test]
fn ceiling_target_uses_the_larger_of_multiple_and_floor() {
    // 8 × 7917 = 63 336 < 80 000: the floor rules; the fixture's 60 000 misses by 20 000.
    let y = simulate(&checked(small())).years.remove(0);
    let t = target(&y, "annual_ceiling");
    assert_eq!(
        (t.target, t.actual, t.met),
        (80_000.0, Some(60_000.0), Some(false))
    );
    assert_eq!(t.gap, Some(-20_000.0));
    // The income-multiple ceiling: max(8 × 9 000, 80 000) = 80 000 meets it exactly.
    let s = scenario_from(small_with(
        "/rules/annual_ceiling",
        json!({ "income_multiple": { "multiple": 8, "rural_net_income": 9000, "floor": 80000 } }),
    ));
    let y = simulate(&checked(s)).years.remove(0);
    assert_eq!(y.annual_ceiling, Some(d("80000")));
    assert_eq!(target(&y, "annual_ceiling").met, Some(true));
}

#[test]
fn participation_without_data_is_not_assessed() {
    let s = scenario_from(small_with("/population/participation_rate", json!(null)));
    let y = simulate(&checked(s)).years.remove(0);
    let t = target(&y, "participation");
    assert_eq!((t.actual, t.met, t.gap), (None, None, None));
}

#[test]
fn a_fund_that_overspends_shows_its_deficit_and_exhaustion_years() {
    // Ratios of 100 % on every line: spending far above income.
    let mut s = small();
    for line in &mut s.lines {
        line.inpatient.as_mut().unwrap().reimbursement_ratio = 1.0;
    }
    s.financing.opening_balance = d("20000000");
    let report = simulate(&checked(s));
    assert_eq!(report.first_deficit_year, Some(2012));
    let exhausted = report.exhaustion_year.expect("the balance runs out");
    let first_negative = report
        .years
        .iter()
        .find(|y| y.closing_balance < Decimal::ZERO)
        .unwrap()
        .year;
    assert_eq!(exhausted, first_negative);
    assert!(report
        .years
        .iter()
        .filter(|y| y.year < exhausted)
        .all(|y| y.closing_balance >= Decimal::ZERO));
    // Generously funded, the fixture has neither.
    let healthy = simulate(&checked(scenario_from(small_with(
        "/financing/individual",
        json!(400),
    ))));
    assert_eq!(
        (healthy.first_deficit_year, healthy.exhaustion_year),
        (None, None)
    );
}

#[test]
fn release_effect_follows_the_patients_share() {
    let scenario = checked(small());
    let comparison = compare(
        &scenario,
        &edits(&[("lines[1].inpatient.reimbursement_ratio", 0.9)]),
        None,
    )
    .unwrap();
    let (b, p) = (&comparison.baseline.years[0], &comparison.proposal.years[0]);
    let (bl, pl) = (&b.spending.lines[2], &p.spending.lines[2]);
    assert_eq!(bl.release_factor, 1.0);
    let q0 = 1.0 - bl.actual_ratio;
    let q1 = 1.0 - pl.actual_ratio;
    let expected = libm::pow(q1 / q0, -0.2);
    assert!((pl.release_factor - expected).abs() < 1e-12);
    assert!((pl.volume - bl.volume * expected).abs() < 1e-6);
    // Untouched lines keep their volume.
    assert_eq!(p.spending.lines[0].volume, b.spending.lines[0].volume);
    // With an elasticity of 0 (an assumption of the scenario, not of the plan) there is no
    // release effect.
    let mut inelastic = small();
    inelastic.behaviour.elasticity = 0.0;
    let comparison = compare(
        &checked(inelastic),
        &edits(&[("lines[1].inpatient.reimbursement_ratio", 0.9)]),
        None,
    )
    .unwrap();
    assert_eq!(
        comparison.proposal.years[0].spending.lines[2].volume,
        bl.volume
    );
}

#[test]
fn no_edits_means_the_proposal_is_the_baseline() {
    let scenario = checked(small());
    let comparison = compare(&scenario, &Edits::new(), None).unwrap();
    assert_eq!(comparison.baseline, comparison.proposal);
    assert!(comparison
        .differences
        .iter()
        .all(|d| d.spending.is_zero() && d.closing_balance.is_zero()));
    assert!(comparison.changes.is_empty());
}

#[test]
fn changes_are_labelled_with_before_and_after() {
    let scenario = checked(small());
    let comparison = compare(
        &scenario,
        &edits(&[("lines[1].inpatient.deductible", 400.0)]),
        None,
    )
    .unwrap();
    let change = &comparison.changes[0];
    assert_eq!((change.before, change.after), (Some(600.0), Some(400.0)));
    assert_eq!(change.label.en, "County hospital inpatient deductible");
    assert_eq!(change.label.zh, "县级医院 住院起付线");
    assert!(
        comparison.differences[0].spending > Decimal::ZERO,
        "a lower deductible costs money"
    );
}

#[test]
fn years_override_the_horizon() {
    let scenario = checked(small());
    for years in [1, 3, 10] {
        let comparison = compare(&scenario, &Edits::new(), Some(years)).unwrap();
        assert_eq!(comparison.baseline.years.len(), years as usize);
        assert_eq!(comparison.proposal.years.len(), years as usize);
        assert_eq!(
            comparison.baseline.years.last().unwrap().year,
            2012 + years as i32 - 1
        );
    }
    assert!(compare(&scenario, &Edits::new(), Some(11)).is_err());
}

#[test]
fn deductibles_stay_nominal_unless_indexed() {
    let nominal = simulate(&checked(small()));
    let mut s = small();
    s.projection.index_deductibles = true;
    let indexed = simulate(&checked(s));
    assert_eq!(
        nominal.years[0].spending.total,
        indexed.years[0].spending.total
    );
    // Nominal deductibles fall behind rising costs, so the fund pays more for care than when
    // indexed.
    assert!(
        nominal.years[4].indicators.inpatient_spending
            > indexed.years[4].indicators.inpatient_spending
    );
    assert!(
        nominal.years[4].indicators.inpatient_policy_ratio
            > nominal.years[0].indicators.inpatient_policy_ratio
    );
}

#[test]
fn compensated_person_times_exclude_claims_under_the_deductible() {
    let y = simulate(&checked(small())).years.remove(0);
    let county = &y.spending.lines[2];
    assert!(county.compensated < county.volume && county.compensated > 0.9 * county.volume);
    let outpatient = &y.spending.lines[0];
    assert_eq!(
        outpatient.compensated, outpatient.volume,
        "no deductible: every visit is compensated"
    );
}

#[test]
fn an_assumption_moves_baseline_and_proposal_alike_and_is_listed_apart() {
    let mut json = common::small_json();
    json["proposal"] = serde_json::json!({ "lines[1].inpatient.reimbursement_ratio": 0.8 });
    let plain = parse_scenario(&json.to_string()).unwrap();
    json["assumptions"] = serde_json::json!({ "projection.cost_growth": 0.10 });
    let costly = parse_scenario(&json.to_string()).unwrap();
    let (a, b) = (
        compare(&plain, &plain.proposal, None).unwrap(),
        compare(&costly, &costly.proposal, None).unwrap(),
    );
    // Year 0 is the base year: growth shows from year 1 on, in baseline and proposal alike.
    assert_eq!(
        a.baseline.years[0].spending.total,
        b.baseline.years[0].spending.total
    );
    assert!(b.baseline.years[4].spending.total > a.baseline.years[4].spending.total);
    assert!(b.proposal.years[4].spending.total > a.proposal.years[4].spending.total);
    // Listed apart from the plan's changes, with the file's value before.
    assert_eq!(b.changes.len(), 1);
    assert_eq!(b.assumption_changes.len(), 1);
    let change = &b.assumption_changes[0];
    assert_eq!(
        (change.path.as_str(), change.before, change.after),
        ("projection.cost_growth", Some(0.06), Some(0.10))
    );
    let table = ncms_sim::render::table(&b, ncms_sim::Lang::En);
    assert!(table.contains("## Assumptions changed (baseline and proposal alike)\n- Yearly growth of unit costs (projection.cost_growth): 6.0% → 10.0%"), "{table}");
    // A reported figure is not an assumption; an out-of-range assumption names its place.
    json["assumptions"] = serde_json::json!({ "observed.income": 5, "projection.cost_growth": 3 });
    let problems = parse_scenario(&json.to_string()).unwrap_err();
    let paths: Vec<_> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "assumptions.observed.income",
            "assumptions.projection.cost_growth"
        ]
    );
}

/// Taizhou 2012 with its figures per head at `enrollees`: 403 yuan of funding, and other income
/// and an opening balance of 25.73 and 67.87 yuan a head (113.74 M and 300 M over its 4.42 M
/// enrollees, to the fen). The reported figures are Taizhou's own, so they are left out.
fn taizhou_per_head(enrollees: u64) -> ncms_sim::CheckedScenario {
    let mut s = parse_scenario(ncms_sim::scenarios::bundled("taizhou-2012").unwrap())
        .unwrap()
        .into_scenario();
    s.population.enrollees = enrollees;
    s.financing.other_income = ncms_sim::money::times(enrollees, d("25.73"));
    s.financing.opening_balance = ncms_sim::money::times(enrollees, d("67.87"));
    s.observed = None;
    checked(s)
}

/// The 2013 plan's edits (taizhou-2013-plan.json), which Taizhou 2012's lines take as they are.
fn plan_2013_edits() -> Edits {
    parse_scenario(ncms_sim::scenarios::bundled("taizhou-2013-plan").unwrap())
        .unwrap()
        .proposal
        .clone()
}

#[test]
fn a_national_fund_simulates_and_its_ledger_adds_up_to_the_fen() {
    // The national scheme's 802 million enrollees of 2013 (China Health Statistics Yearbook
    // 2014) at Taizhou's figures per head.
    let national = taizhou_per_head(802_000_000);
    let comparison = compare(&national, &plan_2013_edits(), None).unwrap();
    assert_comparison_adds_up(&national, &comparison);
    let y = &comparison.baseline.years[0];
    // 802 000 000 × 403 yuan, and 802 000 000 × 25.73 of other income: exactly.
    assert_eq!(y.income.individual_contributions, d("104260000000.00"));
    assert_eq!(y.income.government_subsidies, d("218946000000.00"));
    assert_eq!(y.income.total, d("343841460000.00"));
    // The 2013 plan raises the county subsidy by 17 yuan a head: 13.634 billion more a year.
    let p = &comparison.proposal.years[0];
    assert_eq!(
        p.income.government_subsidies - y.income.government_subsidies,
        d("13634000000.00")
    );
    for year in comparison
        .baseline
        .years
        .iter()
        .chain(&comparison.proposal.years)
    {
        assert!(year.spending.total > Decimal::ZERO);
        assert!(year.indicators.surplus_rate.is_finite());
    }
}

#[test]
fn a_funds_figures_scale_linearly_with_its_enrollees() {
    // 802 000 and 802 000 000 enrollees at the same figures per head: every amount is a
    // thousand times larger, within the rounding of each amount summed to the fen (half a fen
    // at either size); counts are a thousand times larger to the last digits of an f64, and ratios the same.
    let k = 1000.0;
    let (small, national) = (taizhou_per_head(802_000), taizhou_per_head(802_000_000));
    let edits = plan_2013_edits();
    let (a, b) = (
        compare(&small, &edits, None).unwrap(),
        compare(&national, &edits, None).unwrap(),
    );
    let f = ncms_sim::money::to_f64;
    for (small, big) in [(&a.baseline, &b.baseline), (&a.proposal, &b.proposal)] {
        for (t, (s, n)) in small.years.iter().zip(&big.years).enumerate() {
            assert_eq!(n.enrollees, s.enrollees * 1000);
            // Each figure sums at most this many amounts rounded to the fen, over t + 1 years.
            let terms = (s.spending.lines.len() + 8) * (t + 1);
            let rounding = terms as f64 * (k + 1.0) * 0.005;
            let money = [
                ("income", s.income.total, n.income.total),
                ("spending", s.spending.total, n.spending.total),
                ("surplus", s.surplus, n.surplus),
                ("closing balance", s.closing_balance, n.closing_balance),
                ("risk reserve", s.risk_reserve, n.risk_reserve),
                (
                    "major diseases",
                    s.spending.major_disease,
                    n.spending.major_disease,
                ),
            ];
            let lines = s
                .spending
                .lines
                .iter()
                .zip(&n.spending.lines)
                .flat_map(|(s, n)| {
                    [
                        ("line benefit", s.benefit, n.benefit),
                        ("line cost", s.total_cost, n.total_cost),
                    ]
                });
            for (name, at_small, at_big) in money.into_iter().chain(lines) {
                let gap = (f(at_big) - k * f(at_small)).abs();
                assert!(
                    gap <= rounding,
                    "{} {name}: {at_big} against 1000 × {at_small}",
                    s.year
                );
            }
            let same = |x: f64, y: f64| (x - y).abs() <= 1e-12 * x.abs().max(1.0);
            let (si, ni) = (&s.indicators, &n.indicators);
            assert!(same(
                ni.compensated_person_times,
                k * si.compensated_person_times
            ));
            assert!(same(ni.admissions, k * si.admissions));
            // Ratios of amounts rounded to the fen: as close as the smaller fund's fen allow.
            for (x, y) in [
                (ni.inpatient_policy_ratio, si.inpatient_policy_ratio),
                (ni.outpatient_policy_ratio, si.outpatient_policy_ratio),
                (ni.surplus_rate, si.surplus_rate),
                (ni.outpatient_share, si.outpatient_share),
            ] {
                assert!((x - y).abs() <= 1e-9, "{} {x} against {y}", s.year);
            }
        }
    }
}
