//! Why did it change: the waterfall's bars add up to the change to the fen on every bundled plan
//! and on random edit sets (exact and sampled), whatever the order of the edits; the release part
//! is zero without elasticity; known effects come out at their values.

mod common;
use common::{checked, small};
use ncms_sim::attribution::{
    explain, explain_edits, EffectKind, ExplainError, Method, Outcome, Waterfall, EXACT_MAX_EDITS,
};
use ncms_sim::edits::{resolve, Edit, Scope};
use ncms_sim::params::{self, Slot};
use ncms_sim::{compare, parse_scenario, scenarios, CheckedScenario, Edits};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn plan_2013() -> CheckedScenario {
    parse_scenario(scenarios::bundled("taizhou-2013-plan").unwrap()).unwrap()
}

/// Every identity of a waterfall: the bars add up to the change, each family to its total, the
/// ends are the comparison's figures, every amount is whole fen.
fn assert_adds_up(w: &Waterfall, scenario: &CheckedScenario, edits: &Edits) {
    let sum = |kind: Option<EffectKind>| -> Decimal {
        w.bars
            .iter()
            .filter(|b| kind.is_none_or(|k| b.kind == k))
            .map(|b| b.amount)
            .sum()
    };
    assert_eq!(sum(None), w.change, "{} {:?}", w.year, w.outcome);
    assert_eq!(sum(Some(EffectKind::Price)), w.price_change);
    assert_eq!(sum(Some(EffectKind::Release)), w.release_change);
    assert_eq!(w.price_change + w.release_change, w.change);
    assert_eq!(w.proposal - w.baseline, w.change);
    for bar in &w.bars {
        assert_eq!(bar.amount.scale(), 2, "{} {}", bar.path, bar.amount);
    }
    assert_eq!(w.bars.len(), 2 * w.changes.len());
    let comparison = compare(scenario, edits, None).unwrap();
    let t = (w.year - scenario.year) as usize;
    assert_eq!(w.baseline, w.outcome.of(&comparison.baseline.years[t]));
    assert_eq!(w.proposal, w.outcome.of(&comparison.proposal.years[t]));
}

#[test]
fn the_bars_add_up_to_the_change_on_every_bundled_plan() {
    let mut plans = 0;
    for (id, json) in scenarios::BUNDLED {
        let scenario = parse_scenario(json).unwrap();
        if scenario.proposal.is_empty() {
            continue;
        }
        plans += 1;
        let edits = scenario.proposal.clone();
        let horizon = scenario.projection.years as i32;
        for year in scenario.year..scenario.year + horizon {
            let w = explain(&scenario, &edits, Outcome::Surplus, Some(year)).unwrap();
            assert_adds_up(&w, &scenario, &edits);
        }
        let w = explain(&scenario, &edits, Outcome::ClosingBalance, None).unwrap();
        assert_eq!(w.year, scenario.year + horizon - 1, "{id}");
        assert_adds_up(&w, &scenario, &edits);
    }
    assert!(plans >= 1);
}

#[test]
fn the_2013_plan_is_explained_exactly_with_its_known_effects() {
    let scenario = plan_2013();
    let w = explain(&scenario, &scenario.proposal, Outcome::Surplus, None).unwrap();
    assert_eq!(
        w.method,
        Method::Exact {
            edits: 10,
            subsets: 1024
        }
    );
    assert_eq!(w.year, 2013);
    // Bars in registry order: funding first, then the lines, the ceiling, the scheme-wide rules.
    let paths: Vec<&str> = w.changes.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths[0], "financing.government.county");
    assert_eq!(paths[1], "lines[0].outpatient.reimbursement_ratio");
    assert_eq!(paths[9], "rules.major_disease.reimbursement_ratio");
    let effects = w.by_edit();
    // 17 yuan more a head for 4 420 000 enrollees, with no interest: exactly 75 140 000, no release.
    assert_eq!(effects[0].price, d("75140000.00"));
    assert_eq!(effects[0].release, d("0.00"));
    // Major diseases have no release effect: 199.9 per 100 000 of 4.42 M cases at 16 376 yuan,
    // the ratio from 59.57 % to 70 %: 101 284 020.66 − 86 192 701.58 paid, each to the fen.
    assert_eq!(effects[9].release, d("0.00"));
    assert_eq!(effects[9].price, d("-15091319.08"));
    // The 80 000 floor does not bind: 6 × 14 552 = 87 312 is above it.
    assert_eq!(
        effects[7].change.path,
        "rules.annual_ceiling.income_multiple.floor"
    );
    assert_eq!(
        (effects[7].price, effects[7].release),
        (d("0.00"), d("0.00"))
    );
    // Every higher ratio costs the fund, in price and in release.
    for effect in effects[1..]
        .iter()
        .filter(|e| e.change.path.contains("ratio"))
    {
        assert!(effect.price < Decimal::ZERO, "{}", effect.change.path);
        assert!(effect.release <= Decimal::ZERO, "{}", effect.change.path);
    }
    assert!(w.release_change < Decimal::ZERO);
    assert_eq!(w.change, w.proposal - w.baseline);
}

#[test]
fn an_edit_that_changes_nothing_gets_empty_bars() {
    let scenario = plan_2013();
    let mut edits = scenario.proposal.clone();
    // The township inpatient ratio as it already is.
    edits.insert("lines[1].inpatient.deductible".into(), Some(200.0));
    let w = explain(&scenario, &edits, Outcome::ClosingBalance, None).unwrap();
    let effect = w
        .by_edit()
        .into_iter()
        .find(|e| e.change.path == "lines[1].inpatient.deductible")
        .unwrap();
    assert_eq!((effect.price, effect.release), (d("0.00"), d("0.00")));
    assert!(matches!(w.method, Method::Sampled { edits: 11, .. }));
    assert_adds_up(&w, &scenario, &edits);
}

#[test]
fn without_elasticity_there_is_no_release_effect() {
    let mut s = plan_2013().into_scenario();
    s.behaviour.elasticity = 0.0;
    let scenario = checked(s);
    for outcome in [Outcome::Surplus, Outcome::ClosingBalance] {
        let w = explain(&scenario, &scenario.proposal, outcome, None).unwrap();
        assert_eq!(w.release_change, Decimal::ZERO);
        for bar in w.bars.iter().filter(|b| b.kind == EffectKind::Release) {
            assert_eq!(bar.amount, d("0.00"), "{}", bar.path);
        }
        assert_eq!(w.price_change, w.change);
    }
}

#[test]
fn no_edit_explains_no_change() {
    let scenario = plan_2013();
    let w = explain(&scenario, &Edits::new(), Outcome::Surplus, None).unwrap();
    assert!(w.bars.is_empty());
    assert_eq!(w.change, d("0.00"));
    assert_eq!(w.baseline, w.proposal);
}

#[test]
fn what_cannot_be_explained_says_why() {
    let scenario = plan_2013();
    let edits = scenario.proposal.clone();
    assert_eq!(
        explain(&scenario, &edits, Outcome::Surplus, Some(2018)),
        Err(ExplainError::YearOutside {
            year: 2018,
            first: 2013,
            last: 2017
        })
    );
    assert!(explain(&scenario, &edits, Outcome::Surplus, Some(2012)).is_err());
    // An assumption is not part of a plan.
    let mut with_assumption = edits.clone();
    with_assumption.insert("behaviour.elasticity".into(), Some(-0.5));
    assert!(matches!(
        explain(&scenario, &with_assumption, Outcome::Surplus, None),
        Err(ExplainError::Invalid(_))
    ));
    let (resolved, _) = resolve(&with_assumption, &scenario, Scope::Scenario);
    assert!(matches!(
        explain_edits(&scenario, &resolved, Outcome::Surplus, None),
        Err(ExplainError::Invalid(_))
    ));
    // The same field twice: which one counts would depend on the order.
    let (mut resolved, _) = resolve(&edits, &scenario, Scope::Plan);
    let mut again = resolved[0];
    again.value = Some(300.0);
    resolved.push(again);
    assert!(matches!(
        explain_edits(&scenario, &resolved, Outcome::Surplus, None),
        Err(ExplainError::SameFieldTwice { .. })
    ));
    // A plan that is invalid as a whole.
    let mut invalid = edits;
    invalid.insert("lines[2].inpatient.reimbursement_ratio".into(), Some(1.3));
    assert!(matches!(
        explain(&scenario, &invalid, Outcome::Surplus, None),
        Err(ExplainError::Invalid(_))
    ));
}

#[test]
fn a_part_of_a_plan_may_break_a_rule_the_whole_plan_keeps() {
    // Lowering the ceiling below the deductible is invalid alone, but valid with a lower
    // deductible: the waterfall still measures each edit alone.
    let scenario = checked(small());
    let edits: Edits = [
        ("rules.annual_ceiling.fixed".to_string(), Some(500.0)),
        ("lines[1].inpatient.deductible".to_string(), Some(400.0)),
    ]
    .into_iter()
    .collect();
    let w = explain(&scenario, &edits, Outcome::Surplus, None).unwrap();
    assert_adds_up(&w, &scenario, &edits);
    assert!(w.change > Decimal::ZERO, "a 500-yuan ceiling saves money");
}

/// The policy levers of the fixture, with a random value each within its usual span.
fn random_plan(scenario: &CheckedScenario, picks: &[(usize, f64)]) -> Edits {
    let levers: Vec<params::Place> = params::places(scenario)
        .filter(|p| p.param.is_lever())
        .filter(|p| p.param.read(scenario, p.line) != Some(Slot::Empty) || p.param.optional)
        .collect();
    picks
        .iter()
        .map(|&(index, u)| {
            let place = levers[index % levers.len()];
            let (lo, hi) = place.param.typical;
            let (lo, hi) = (lo.max(place.param.range.min), hi.min(place.param.range.max));
            let mut value = lo + u * (hi - lo);
            if place.param.range.min_open && value <= place.param.range.min {
                value = hi;
            }
            (place.path(), Some((value * 100.0).round() / 100.0))
        })
        .collect()
}

fn permuted(edits: &[Edit], seed: usize) -> Vec<Edit> {
    let mut out = edits.to_vec();
    out.reverse();
    let n = out.len();
    out.rotate_left(seed % n.max(1));
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_plans_add_up_exactly_in_any_order(
        picks in proptest::collection::vec((0usize..100, 0.0f64..1.0), 1..=EXACT_MAX_EDITS),
        closing in any::<bool>(),
        year in 0i32..5,
        seed in 0usize..100,
    ) {
        let scenario = checked(small());
        let edits = random_plan(&scenario, &picks);
        prop_assume!(ncms_sim::check_plan(&scenario, &edits).is_ok());
        let outcome = if closing { Outcome::ClosingBalance } else { Outcome::Surplus };
        let w = explain(&scenario, &edits, outcome, Some(2012 + year)).unwrap();
        assert_adds_up(&w, &scenario, &edits);
        prop_assert!(matches!(w.method, Method::Exact { .. }), "{:?}", w.method);
        let (resolved, _) = resolve(&edits, &scenario, Scope::Plan);
        let again = explain_edits(&scenario, &permuted(&resolved, seed), outcome, Some(2012 + year)).unwrap();
        prop_assert_eq!(again, w);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn sampled_plans_add_up_exactly_in_any_order(
        picks in proptest::collection::vec((0usize..100, 0.0f64..1.0), EXACT_MAX_EDITS + 1..=EXACT_MAX_EDITS + 3),
        seed in 0usize..100,
    ) {
        let scenario = checked(small());
        let edits = random_plan(&scenario, &picks);
        prop_assume!(edits.len() > EXACT_MAX_EDITS);
        prop_assume!(ncms_sim::check_plan(&scenario, &edits).is_ok());
        let w = explain(&scenario, &edits, Outcome::Surplus, None).unwrap();
        assert_adds_up(&w, &scenario, &edits);
        prop_assert!(matches!(w.method, Method::Sampled { .. }), "{:?}", w.method);
        let (resolved, _) = resolve(&edits, &scenario, Scope::Plan);
        let again = explain_edits(&scenario, &permuted(&resolved, seed), Outcome::Surplus, None).unwrap();
        prop_assert_eq!(again, w);
    }
}

#[test]
fn amounts_too_large_to_share_out_are_an_error_not_a_panic() {
    // Every value at the end of its range that makes spending largest: the most enrollees and
    // visits, the dearest visits, +30 % a year for ten years, and a plan that takes the patient's
    // share from 100 % to 1 % at an elasticity of −2 (ten thousand times the visits). The
    // balance reaches −10^25 yuan, which `Decimal` holds; its Shapley sums (up to 9! = 362 880
    // times a difference) do not, and `Decimal` would panic.
    let outpatient = |ratio: f64| {
        serde_json::json!({ "visits_per_enrollee": 50, "mean_cost": 1e6, "cost_cv": 0.0,
            "scope_share": 1, "deductible": 0, "reimbursement_ratio": ratio, "visit_cap": null })
    };
    let mut json = common::small_json();
    json["population"] = serde_json::json!({ "enrollees": 1_500_000_000u64, "growth": 0.3 });
    json["lines"] = serde_json::json!([
        { "level": "village", "outpatient": outpatient(0.0) },
        { "level": "township", "outpatient": outpatient(0.0) },
    ]);
    json["behaviour"]["elasticity"] = serde_json::json!(-2);
    json["projection"] = serde_json::json!({ "years": 10, "funding_growth": 0.3,
        "cost_growth": 0.3, "utilisation_growth": 0.3 });
    let scenario = parse_scenario(&json.to_string()).unwrap();
    let mut edits = Edits::new();
    for (path, value) in [
        ("lines[0].outpatient.reimbursement_ratio", 1.0),
        ("lines[1].outpatient.reimbursement_ratio", 1.0),
        ("lines[0].outpatient.visit_cap", 1e7),
        ("lines[1].outpatient.visit_cap", 1e7),
        ("financing.individual", 200.0),
        ("financing.government.central", 200.0),
        ("financing.government.provincial", 200.0),
        ("financing.government.municipal", 200.0),
        ("financing.government.county", 200.0),
        ("rules.critical_illness_premium", 20.0),
    ] {
        edits.insert(path.into(), Some(value));
    }
    let result = explain(&scenario, &edits, Outcome::ClosingBalance, None);
    assert!(
        matches!(result, Err(ExplainError::TooLarge)),
        "{:?}",
        result.map(|w| w.change)
    );
    let words = ExplainError::TooLarge.describe(ncms_sim::Lang::En);
    assert!(words.contains("too large"), "{words}");
}
