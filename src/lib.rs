//! The scheme engine of the NCMS (新农合) policy simulator: scenario files, validation, the
//! limited-expected-value model of `../shared/MODEL.md`, the fund ledger, indicators, targets and
//! the multi-year projection. Pure Rust: no I/O, no browser; the CLI, the JS API and the Yew app
//! are thin layers over it.
//!
//! The main types: [`Scenario`] (the file), [`CheckedScenario`] (validated), [`Report`] (a
//! projection), [`Comparison`] (baseline and proposal side by side), [`params::Param`] (one row
//! of the parameter registry that declares every input once), [`Problem`] (what is wrong, in
//! Chinese and English), [`attribution::Waterfall`] (why a figure changed, edit by edit) and
//! [`patient::PatientComparison`] (one patient's bill, layer by layer).
//!
//! ```
//! let json = include_str!("../scenarios/taizhou-2012.json");
//! let scenario = ncms_sim::parse_scenario(json).expect("a valid scenario");
//! let report = ncms_sim::simulate(&scenario);
//! let year = report.first_year();
//! // The ledger adds up to the fen.
//! assert_eq!(year.income.total - year.spending.total, year.surplus);
//! ```
//!
//! Modules from the ground up: `lang`, `path`, `money`, `lognormal`, `figure`; `scenario`,
//! `text`; `params` (the registry); `report` (the report's types); `problem`; `read`, `edits`;
//! `validate`; `targets`; `model`; `indicator`; `compare`, `structure`; `attribution`, `patient`,
//! `protection` (what a plan does for families), `solve`, `sensitivity`; `render`; then the
//! fund's annual figures: `figures` (their registry), `sheet` (a grid of cells, CSV), `xlsx`,
//! `template` (figures in and out of a sheet), `handover` (the hand-over workbook) and
//! `calibrate` (figures to a scenario, above `model`). Every import points down this list.

pub mod attribution;
pub mod calibrate;
pub mod compare;
pub mod edits;
pub mod figure;
pub mod figures;
pub mod handover;
pub mod indicator;
pub mod lang;
pub mod lognormal;
pub mod model;
pub mod money;
pub mod params;
pub mod path;
pub mod patient;
pub mod problem;
pub mod protection;
pub mod read;
pub mod render;
pub mod report;
pub mod scenario;
pub mod scenarios;
pub mod sensitivity;
pub mod sheet;
pub mod solve;
pub mod structure;
pub mod targets;
pub mod template;
pub mod text;
pub mod validate;
pub mod xlsx;

#[cfg(all(target_arch = "wasm32", feature = "js-api"))]
mod js_api;

pub use compare::{compare, compare_plans, compare_with_baseline, PlanComparison};
pub use edits::value_at;
pub use lang::{Label, Lang, Text};
pub use model::{simulate, simulate_proposal, simulate_proposal_against, simulate_year};
pub use problem::{Problem, ProblemKind};
pub use report::{Comparison, Report, YearReport};
pub use scenario::{Edits, Level, Scenario};
pub use validate::{
    check, check_plan, parse_scenario, read_checked, read_scenario, CheckedScenario,
};
