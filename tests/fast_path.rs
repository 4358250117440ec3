//! The fast edit path against the file: edits applied to the typed scenario in memory
//! (`compare_with_baseline`, what the app runs on every keystroke, and what the solver and the
//! sensitivity run hundreds of times) give exactly the report of the same edits written into the
//! scenario's JSON as its `proposal` and read back with `parse_scenario`. Exactly: the JSON of the
//! two comparisons is compared as text, so every `f64` agrees to the bit.
//!
//! Also: a proposal that copies the baseline's unchanged lines (`simulate_proposal_against`)
//! equals one that prices every line again (`simulate_proposal`), and the proposal scenario the
//! edits build equals the scenario whose fields hold the edited values in its JSON.

mod common;
use ncms_sim::figure::Unit;
use ncms_sim::params::{self, Place, Role, Slot};
use ncms_sim::{
    check_plan, compare, compare_with_baseline, parse_scenario, simulate, simulate_proposal,
    simulate_proposal_against, CheckedScenario, Edits,
};
use proptest::prelude::*;
use serde_json::Value;

/// The comparison by the JSON path: `scenario` written with `edits` as its proposal, read back.
fn through_json(scenario: &CheckedScenario, edits: &Edits) -> Option<String> {
    let mut file = scenario.scenario().clone();
    file.proposal = edits.clone();
    let json = serde_json::to_string_pretty(&file).unwrap();
    let read = parse_scenario(&json).ok()?;
    let comparison = compare(&read, &read.proposal, None).unwrap();
    Some(serde_json::to_string(&comparison).unwrap())
}

/// The comparison by the fast path: the baseline simulated once, the edits applied in memory.
fn in_memory(scenario: &CheckedScenario, edits: &Edits) -> Option<String> {
    let mut baseline_scenario = scenario.scenario().clone();
    baseline_scenario.proposal.clear();
    let baseline_scenario = ncms_sim::check(baseline_scenario).unwrap();
    let baseline = simulate(&baseline_scenario);
    let comparison = compare_with_baseline(&baseline_scenario, &baseline, edits).ok()?;
    Some(serde_json::to_string(&comparison).unwrap())
}

/// Checks both paths on `edits` and, when valid, the two other equalities of the module's doc.
/// Returns whether the edits were valid.
fn assert_paths_agree(scenario: &CheckedScenario, edits: &Edits) -> bool {
    let fast = in_memory(scenario, edits);
    let file = through_json(scenario, edits);
    assert_eq!(
        fast.is_some(),
        file.is_some(),
        "validity differs for {edits:?}"
    );
    let (Some(fast), Some(file)) = (fast, file) else {
        return false;
    };
    assert!(fast == file, "reports differ for {edits:?}");

    let (proposal, _) = check_plan(scenario, edits).unwrap();
    let baseline = simulate(scenario);
    assert_eq!(
        simulate_proposal_against(&proposal, scenario, &baseline),
        simulate_proposal(&proposal, &baseline),
        "copying unchanged lines changed the report for {edits:?}"
    );

    // The same values written into the fields of the JSON.
    let mut json: Value = serde_json::to_value(scenario.scenario()).unwrap();
    json.as_object_mut().unwrap().remove("proposal");
    for (path, value) in edits {
        let pointer = ncms_sim::path::FieldPath::parse(path)
            .unwrap()
            .json_pointer();
        *json.pointer_mut(&pointer).unwrap() = serde_json::to_value(value).unwrap();
    }
    let written = parse_scenario(&json.to_string()).unwrap();
    assert_eq!(proposal.scenario(), written.scenario(), "{edits:?}");
    true
}

#[test]
fn every_bundled_scenario_gives_the_same_report_both_ways() {
    for (id, json) in ncms_sim::scenarios::BUNDLED {
        let scenario = parse_scenario(json).unwrap();
        assert!(assert_paths_agree(&scenario, &scenario.proposal), "{id}");
        // And with no edits at all: the proposal is the baseline.
        assert!(assert_paths_agree(&scenario, &Edits::new()), "{id}");
    }
}

/// Every lever of a scenario that holds a number (empty caps stay as they are).
fn levers(scenario: &CheckedScenario) -> Vec<Place> {
    params::places(scenario)
        .filter(|p| p.param.role == Role::Policy)
        .filter(|p| !matches!(p.param.read(scenario, p.line), Some(Slot::Empty)))
        .collect()
}

/// A value for `place` at `fraction` of its usual span, rounded as an official would type it.
fn value_at(place: &Place, fraction: f64) -> f64 {
    let (lo, hi) = place.param.typical;
    let value = lo + (hi - lo) * fraction;
    match place.param.unit {
        Unit::Yuan => (value * 100.0).round() / 100.0,
        _ => value,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_give_the_same_report_both_ways(
        which in 0usize..4,
        picks in proptest::collection::vec((any::<prop::sample::Index>(), 0.0f64..1.0, any::<bool>()), 1..5),
        keep_plan in any::<bool>(),
    ) {
        let scenario = parse_scenario(ncms_sim::scenarios::BUNDLED[which].1).unwrap();
        let places = levers(&scenario);
        let mut edits = if keep_plan { scenario.proposal.clone() } else { Edits::new() };
        for (index, fraction, empty) in picks {
            let place = index.get(&places);
            let value = if empty && place.param.optional { None } else { Some(value_at(place, fraction)) };
            edits.insert(place.path(), value);
        }
        assert_paths_agree(&scenario, &edits);
    }
}
