//! The scheme engine of the NCMS (新农合) policy simulator: scenario files, validation, the
//! limited-expected-value model of `../shared/MODEL.md`, the fund ledger, indicators, targets and
//! the multi-year projection. Pure Rust: no I/O, no browser; the CLI, the JS API and the Yew app
//! are thin layers over it.
//!
//! The main types: [`Scenario`] (the file), [`CheckedScenario`] (validated), [`Report`] (a
//! projection), [`Comparison`] (baseline and proposal side by side).
//!
//! ```
//! let json = include_str!("../scenarios/taizhou-2012.json");
//! let scenario = ncms_sim::parse_scenario(json).expect("a valid scenario");
//! let report = ncms_sim::simulate(&scenario);
//! let year = report.first_year();
//! // The ledger adds up to the fen.
//! assert_eq!(year.income.total - year.spending.total, year.surplus);
//! ```

pub mod edits;
pub mod lognormal;
pub mod model;
pub mod money;
pub mod render;
pub mod report;
pub mod scenario;
pub mod scenarios;
pub mod targets;
pub mod text;
pub mod validate;

#[cfg(all(target_arch = "wasm32", feature = "js-api"))]
mod js_api;

pub use edits::{apply_edits, describe_edits, value_at};
pub use model::{compare, compare_with_baseline, simulate, simulate_proposal, simulate_year};
pub use report::{Comparison, Report, YearReport};
pub use scenario::{Edits, Level, Scenario};
pub use text::{Lang, Text};
pub use validate::{check, parse_scenario, read_scenario, CheckedScenario, Problem};
