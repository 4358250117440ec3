//! Laws of the model, checked on random scenarios (proptest): a higher ratio or a lower deductible
//! never lowers spending; an infinite ceiling equals no ceiling; full cover pays the whole cost;
//! the ledger adds up to the fen; +1 yuan a head adds exactly the enrollee count; JSON round-trips.

mod common;
use common::{checked, small};
use ncms_sim::lognormal::{expected_benefit, ClaimSize, Layer};
use ncms_sim::scenario::Ceiling;
use ncms_sim::{compare, read_scenario, simulate, Edits, Scenario};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// A random but valid variation of the fixture.
fn any_scenario() -> impl Strategy<Value = Scenario> {
    (
        1u64..5_000_000,
        (0.0f64..1.0, 0.0f64..1.0, 0.0f64..1.0),
        (10.0f64..20_000.0, 0.0f64..3.0, 0.05f64..1.0),
        (0u32..5_000, 1u32..30),
        (0u32..50_000, 0u32..50_000), // fen: 0 to 500 yuan a head
    )
        .prop_map(
            |(enrollees, (r0, r1, r2), (cost, cv, scope), (deductible, years), (ind, gov))| {
                let mut s = small();
                s.population.enrollees = enrollees;
                s.financing.individual = Decimal::new(ind as i64, 2);
                s.financing.government.county = Decimal::new(gov as i64, 2);
                let lines = &mut s.lines;
                lines[0].outpatient.as_mut().unwrap().reimbursement_ratio = r0;
                let township = lines[0].inpatient.as_mut().unwrap();
                township.reimbursement_ratio = r1;
                township.mean_cost = Decimal::from_f64_retain(cost).unwrap().round_dp(2);
                township.cost_cv = cv;
                township.scope_share = scope;
                township.deductible = Decimal::from(deductible);
                lines[1].inpatient.as_mut().unwrap().reimbursement_ratio = r2;
                s.projection.years = years % 10 + 1;
                s
            },
        )
}

fn spending(s: Scenario) -> Decimal {
    simulate(&checked(s)).years[0].spending.total
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn a_higher_ratio_never_lowers_spending(s in any_scenario(), line in 0usize..2, bump in 0.0f64..1.0) {
        let before = spending(s.clone());
        let mut raised = s;
        let inpatient = raised.lines[line].inpatient.as_mut().unwrap();
        inpatient.reimbursement_ratio = (inpatient.reimbursement_ratio + bump).min(1.0);
        prop_assert!(spending(raised) >= before);
    }

    #[test]
    fn a_higher_ratio_never_lowers_spending_with_the_release_effect(s in any_scenario(), bump in 0.0f64..1.0) {
        let scenario = checked(s.clone());
        let ratio = s.lines[1].inpatient.as_ref().unwrap().reimbursement_ratio;
        let edits: Edits = [("lines[1].inpatient.reimbursement_ratio".to_string(), Some((ratio + bump).min(1.0)))].into();
        let comparison = compare(&scenario, &edits, None).unwrap();
        for (b, p) in comparison.baseline.years.iter().zip(&comparison.proposal.years) {
            prop_assert!(p.spending.total >= b.spending.total);
        }
    }

    #[test]
    fn a_lower_deductible_never_lowers_spending(s in any_scenario(), cut in 0u32..5_000) {
        let before = spending(s.clone());
        let mut lowered = s;
        let inpatient = lowered.lines[0].inpatient.as_mut().unwrap();
        inpatient.deductible = (inpatient.deductible - Decimal::from(cut)).max(Decimal::ZERO);
        prop_assert!(spending(lowered) >= before);
    }

    #[test]
    fn an_infinite_ceiling_equals_no_ceiling(mean in 1.0f64..100_000.0, cv in 0.0f64..4.0,
                                             deductible in 0.0f64..10_000.0, ratio in 0.01f64..1.0) {
        let claim = ClaimSize::new(mean, cv);
        let capped = expected_benefit(&claim, &Layer { deductible, ratio, cap: Some(f64::INFINITY) });
        let uncapped = expected_benefit(&claim, &Layer { deductible, ratio, cap: None });
        prop_assert_eq!(capped, uncapped);
        // And a ceiling far above any claim is within rounding of no ceiling, through the ledger.
        let huge = expected_benefit(&claim, &Layer { deductible, ratio, cap: Some(1e15) });
        prop_assert!((huge - uncapped).abs() <= 1e-9 * mean);
    }

    #[test]
    fn the_largest_ceiling_allowed_costs_the_same_as_none_to_a_millionth(s in any_scenario()) {
        let mut none = s.clone();
        none.rules.annual_ceiling = None;
        let mut huge = s;
        // 10^8 yuan, the registry's bound: far above any claim, yet the lognormal tail beyond it
        // is not exactly zero, hence the relative tolerance.
        huge.rules.annual_ceiling = Some(Ceiling::Fixed(Decimal::from(100_000_000u64)));
        let (a, b) = (spending(none), spending(huge));
        let tolerance = (a * Decimal::new(1, 6)).max(Decimal::new(5, 2));
        prop_assert!(b <= a && a - b <= tolerance, "{} vs {}", a, b);
    }

    #[test]
    fn full_cover_pays_the_whole_cost(s in any_scenario()) {
        let mut s = s;
        s.rules.annual_ceiling = None;
        for line in &mut s.lines {
            for (ratio, deductible, scope) in line.outpatient.iter_mut().map(|o| (&mut o.reimbursement_ratio, &mut o.deductible, &mut o.scope_share))
                .chain(line.inpatient.iter_mut().map(|i| (&mut i.reimbursement_ratio, &mut i.deductible, &mut i.scope_share))) {
                *ratio = 1.0;
                *deductible = Decimal::ZERO;
                *scope = 1.0;
            }
            if let Some(o) = line.outpatient.as_mut() { o.visit_cap = None; }
        }
        let y = simulate(&checked(s)).years.remove(0);
        for line in &y.spending.lines {
            prop_assert_eq!(line.benefit, line.total_cost);
            prop_assert!((line.actual_ratio - 1.0).abs() < 1e-12);
            prop_assert!((line.policy_ratio - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn the_ledger_adds_up_to_the_fen(s in any_scenario()) {
        let scenario = checked(s);
        common::ledger_adds_up(&scenario, &simulate(&scenario)).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn one_more_yuan_a_head_adds_exactly_the_enrollee_count(s in any_scenario(), through_government in any::<bool>()) {
        let before = simulate(&checked(s.clone())).years.remove(0);
        let mut richer = s;
        if through_government {
            richer.financing.government.central += Decimal::ONE;
        } else {
            richer.financing.individual += Decimal::ONE;
        }
        let after = simulate(&checked(richer)).years.remove(0);
        prop_assert_eq!(after.income.total - before.income.total, Decimal::from(before.enrollees));
    }

    #[test]
    fn scenario_json_round_trips(s in any_scenario()) {
        let json = serde_json::to_string(&s).unwrap();
        let back = read_scenario(&json).unwrap();
        prop_assert_eq!(&back, &s);
        prop_assert_eq!(simulate(&checked(back)), simulate(&checked(s)));
    }
}

#[test]
fn bundled_scenarios_round_trip_through_json() {
    for (id, json) in ncms_sim::scenarios::BUNDLED {
        let scenario = read_scenario(json).unwrap();
        let again = read_scenario(&serde_json::to_string_pretty(&scenario).unwrap()).unwrap();
        assert_eq!(again, scenario, "{id}");
    }
}
