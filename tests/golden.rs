//! Golden reports: every scenario in `scenarios/` is simulated and compared with
//! `tests/golden/<id>.json` (the JSON contract) and `<id>.table.en.txt` / `.table.zh.txt`.
//! Regenerate after an intended change with `scripts/update-golden.sh`
//! (`UPDATE_GOLDEN=1 cargo test --test golden`), then review the diff; never edit them by hand.

mod common;
use ncms_sim::{compare, parse_scenario, render, Lang};
use serde_json::Value;
use std::path::PathBuf;

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some()
}

/// Compares JSON values: strings, booleans and structure exactly (money is a string), numbers to
/// 1e-9 relative, so that a last-bit difference of `exp` between platforms is not a failure.
fn assert_json_close(expected: &Value, actual: &Value, path: &str) {
    match (expected, actual) {
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (e.as_f64().unwrap(), a.as_f64().unwrap());
            assert!(
                (e - a).abs() <= 1e-9 * e.abs().max(1.0),
                "{path}: golden {e}, now {a}"
            );
        }
        (Value::Array(e), Value::Array(a)) => {
            assert_eq!(e.len(), a.len(), "{path}: length");
            for (i, (e, a)) in e.iter().zip(a).enumerate() {
                assert_json_close(e, a, &format!("{path}[{i}]"));
            }
        }
        (Value::Object(e), Value::Object(a)) => {
            let (ek, ak): (Vec<_>, Vec<_>) = (e.keys().collect(), a.keys().collect());
            assert_eq!(ek, ak, "{path}: keys");
            for (k, v) in e {
                assert_json_close(v, &a[k], &format!("{path}.{k}"));
            }
        }
        _ => assert_eq!(expected, actual, "{path}"),
    }
}

fn check_text(name: &str, actual: &str) {
    let path = golden_path(name);
    if updating() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run scripts/update-golden.sh",
            path.display()
        )
    });
    assert_eq!(expected, actual, "{name} differs from its golden file");
}

#[test]
fn every_scenario_matches_its_golden_report() {
    let files = common::scenario_files();
    assert!(files.len() >= 4);
    for (id, json) in files {
        let scenario = parse_scenario(&json).unwrap_or_else(|p| panic!("{id}: {p:#?}"));
        let comparison = compare(&scenario, &scenario.proposal, None).unwrap();
        let actual = serde_json::to_string_pretty(&comparison).unwrap() + "\n";
        let path = golden_path(&format!("{id}.json"));
        if updating() {
            std::fs::write(&path, &actual).unwrap();
        } else {
            let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
                panic!(
                    "{} is missing: run scripts/update-golden.sh",
                    path.display()
                )
            });
            let expected: Value = serde_json::from_str(&expected).unwrap();
            assert_json_close(&expected, &serde_json::from_str(&actual).unwrap(), &id);
        }
        check_text(
            &format!("{id}.table.en.txt"),
            &render::table(&comparison, Lang::En),
        );
        check_text(
            &format!("{id}.table.zh.txt"),
            &render::table(&comparison, Lang::Zh),
        );
    }
}

/// Every string of a report that is a number is money: a decimal in yuan with exactly two
/// decimals (the README's contract: `"1895000000.00"`, never `"300000000"` or `"0"`).
fn assert_money_has_two_decimals(value: &Value, path: &str, count: &mut usize) {
    match value {
        Value::String(s) if s.parse::<f64>().is_ok() => {
            let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
            assert!(
                fraction.len() == 2
                    && fraction.bytes().all(|b| b.is_ascii_digit())
                    && !whole.trim_start_matches('-').is_empty(),
                "{path} = {s:?}: money must have two decimals"
            );
            *count += 1;
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                assert_money_has_two_decimals(item, &format!("{path}[{i}]"), count);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                assert_money_has_two_decimals(item, &format!("{path}.{key}"), count);
            }
        }
        _ => {}
    }
}

#[test]
fn every_money_field_of_every_golden_report_has_two_decimals() {
    for (id, _) in common::scenario_files() {
        let text = std::fs::read_to_string(golden_path(&format!("{id}.json"))).unwrap();
        let report: Value = serde_json::from_str(&text).unwrap();
        let mut count = 0;
        assert_money_has_two_decimals(&report, &id, &mut count);
        assert!(count > 100, "{id}: {count} money fields");
    }
}
