//! The risk figures' bands of the balance, as the balance chart draws them behind each plan's
//! line: worked out by the second module's risk panel (in the compute worker) and sent to the
//! first module through the bridge, with what they were worked out for, so that the chart can tell
//! on its own, at every keystroke, whether they still belong to the plans it draws.
//!
//! Why through the bridge into the first module's state, not drawn by the second module into a
//! host inside the chart's SVG: the chart's vertical scale must hold the bands (a plan's P5 can lie
//! far below every line), and the scale, the years' places and the plans' order belong to the
//! chart. A layer drawn by another module would have to repeat them and redraw whenever the first
//! module's scale moved; a few numbers a year through the bridge keep one drawing in one place.

use ncms_sim::Edits;
use serde::{Deserialize, Serialize};

/// One year's quantiles of the accumulated balance (累计结余), yuan.
#[derive(Clone, Copy, PartialEq, Debug, Serialize, Deserialize)]
pub struct BandYear {
    pub p5: f64,
    pub p10: f64,
    pub p90: f64,
    pub p95: f64,
}

/// Every plan's bands over the horizon, and what they were worked out for.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct RiskBands {
    /// The scenario's key ([`scenario_key`] of its file).
    pub scenario: u64,
    /// Every plan's name and edits, in order.
    pub plans_for: Vec<(String, Edits)>,
    /// Each plan's bands by year, in the plans' order (the baseline's are not drawn: the chart's
    /// dashed baseline is the reference the plans are read against).
    pub plans: Vec<Vec<BandYear>>,
}

impl RiskBands {
    /// Whether these bands are for the scenario of key `scenario` and exactly these plans.
    pub fn is_for(&self, scenario: u64, plans: &[(String, Edits)]) -> bool {
        self.scenario == scenario && self.plans_for == plans
    }
}

/// A key of a scenario file's text (FNV-1a, 64 bits): the same in both modules, whatever their
/// builds, so that each can tell whether bands are for the scenario it holds.
pub fn scenario_key(json: &str) -> u64 {
    json.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_are_for_their_own_scenario_and_plans_only() {
        let plans = vec![("方案一".to_string(), Edits::new())];
        let bands = RiskBands {
            scenario: scenario_key("{\"a\":1}"),
            plans_for: plans.clone(),
            plans: vec![],
        };
        assert!(bands.is_for(scenario_key("{\"a\":1}"), &plans));
        assert!(!bands.is_for(scenario_key("{\"a\":2}"), &plans));
        let mut edited = plans.clone();
        edited[0]
            .1
            .insert("financing.individual".into(), Some(100.0));
        assert!(!bands.is_for(scenario_key("{\"a\":1}"), &edited));
        assert!(!bands.is_for(scenario_key("{\"a\":1}"), &[]));
    }

    #[test]
    fn the_key_is_fnv_1a() {
        assert_eq!(scenario_key(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(scenario_key("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
