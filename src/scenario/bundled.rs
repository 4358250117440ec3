//! The scenarios bundled with the simulator (the files in `scenarios/`), compiled in so that the
//! app and the tests need no file system. The first is the app's default.

/// The calibrated Taizhou 2012 scenario, also the defaults of calibration (`calibrate`), which
/// names it alone so that a module calibrating figures need not carry the other files.
pub const TAIZHOU_2012: &str = include_str!("../../scenarios/taizhou-2012.json");

/// `(id, JSON)` of every bundled scenario, the default first.
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "taizhou-2013-plan",
        include_str!("../../scenarios/taizhou-2013-plan.json"),
    ),
    ("taizhou-2012", TAIZHOU_2012),
    (
        "pinghu-2012",
        include_str!("../../scenarios/pinghu-2012.json"),
    ),
    (
        "wafangdian-village-fee",
        include_str!("../../scenarios/wafangdian-village-fee.json"),
    ),
];

/// The JSON of a bundled scenario by id.
pub fn bundled(id: &str) -> Option<&'static str> {
    BUNDLED
        .iter()
        .find(|(name, _)| *name == id)
        .map(|(_, json)| *json)
}
