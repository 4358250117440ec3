//! The compact positional form (`ncms_sim::compact`) gives back every scenario exactly as it was
//! written, fields left out included, and refuses damaged input with an error, never a panic.

mod common;
use ncms_sim::compact::{from_bytes, to_bytes};
use ncms_sim::scenarios::BUNDLED;
use ncms_sim::{read_scenario, Edits, Scenario};
use proptest::prelude::*;

fn bundled() -> Vec<Scenario> {
    BUNDLED
        .iter()
        .map(|(id, json)| read_scenario(json).unwrap_or_else(|p| panic!("{id}: {p:?}")))
        .collect()
}

#[test]
fn every_bundled_scenario_comes_back_as_it_was() {
    for scenario in bundled() {
        let bytes = to_bytes(&scenario).unwrap();
        let back: Scenario = from_bytes(&bytes).unwrap_or_else(|e| panic!("{}: {e}", scenario.id));
        assert_eq!(back, scenario, "{}", scenario.id);
        // Smaller than its JSON: no field names (the notes, in both languages, are most of it).
        let json = serde_json::to_string(&scenario).unwrap();
        assert!(
            bytes.len() < json.len(),
            "{}: {} against {}",
            scenario.id,
            bytes.len(),
            json.len()
        );
    }
}

#[test]
fn fields_left_out_when_written_come_back_as_their_defaults() {
    // The small fixture leaves out households, ranges, plans and assumptions (written only when
    // they are not the default): a positional form must still read what follows them.
    let scenario = read_scenario(&common::small_json().to_string()).unwrap();
    assert!(scenario.plans.is_empty() && scenario.assumptions.is_empty());
    let back: Scenario = from_bytes(&to_bytes(&scenario).unwrap()).unwrap();
    assert_eq!(back, scenario);
}

#[test]
fn money_keeps_its_fen_and_an_empty_value_stays_empty() {
    let mut scenario = bundled().remove(0);
    scenario.financing.individual = "130.07".parse().unwrap();
    let mut edits = Edits::new();
    edits.insert("lines[1].inpatient.annual_ceiling".into(), None);
    edits.insert("financing.individual".into(), Some(131.5));
    scenario.proposal = edits.clone();
    let back: Scenario = from_bytes(&to_bytes(&scenario).unwrap()).unwrap();
    assert_eq!(back.financing.individual.to_string(), "130.07");
    assert_eq!(back.proposal, edits);
}

#[test]
fn a_cut_input_and_extra_bytes_are_errors() {
    let bytes = to_bytes(&bundled()[1]).unwrap();
    for cut in [0, 1, bytes.len() / 3, bytes.len() - 1] {
        assert!(
            from_bytes::<Scenario>(&bytes[..cut]).is_err(),
            "cut at {cut}"
        );
    }
    let mut longer = bytes.clone();
    longer.push(0);
    let err = from_bytes::<Scenario>(&longer).unwrap_err();
    assert_eq!(err.to_string(), "bytes left over after the value");
}

#[test]
fn a_type_that_asks_for_any_value_is_refused_with_a_reason() {
    // serde_json's Value can only be read by a form that describes itself.
    let bytes = to_bytes(&1u8).unwrap();
    let err = from_bytes::<serde_json::Value>(&bytes).unwrap_err();
    assert!(
        err.to_string().contains("does not describe itself"),
        "{err}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Damaged bytes (one byte changed, or a huge count written) give an error or some value,
    /// never a panic or an allocation larger than the input.
    #[test]
    fn damaged_input_never_panics(which in 0usize..4, at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let mut bytes = to_bytes(&bundled()[which]).unwrap();
        let i = at.index(bytes.len());
        bytes[i] = byte;
        let _ = from_bytes::<Scenario>(&bytes);
    }

    /// Edits of any paths and values come back exactly, an emptied value included.
    #[test]
    fn edits_come_back_exactly(pairs in prop::collection::vec(("[a-z_.\\[\\]0-9]{0,40}", prop::option::of(any::<f64>())), 0..20)) {
        let edits: Edits = pairs.into_iter().collect();
        let back: Edits = from_bytes(&to_bytes(&edits).unwrap()).unwrap();
        prop_assert_eq!(back.len(), edits.len());
        for ((k, v), (k2, v2)) in edits.iter().zip(back.iter()) {
            prop_assert_eq!(k, k2);
            prop_assert_eq!(v.map(f64::to_bits), v2.map(f64::to_bits));
        }
    }
}
