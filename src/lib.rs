//! The scheme engine of the NCMS (新农合) policy simulator: scenario files, validation, the
//! limited-expected-value model of `docs/model.md`, the fund ledger, indicators, targets and
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
//! The engine's layers, from the ground up, one folder each (`ARCHITECTURE.md` has the map):
//! [`base`] (languages, field paths, money, the lognormal maths, units), [`scenario`] (the file,
//! the parameter registry, problems, reading, edits, validation), [`model`] (the report, targets,
//! the projection, the batch projection, indicators, comparison), [`answers`] (goal seek,
//! sensitivity, attribution, one patient, protection, how sure: `risk`), [`spreadsheet`] (sheets,
//! CSV, .xlsx), [`output`] (text tables, CSV, the hand-over workbook) and [`annual_figures`] (a
//! fund's own figures, the template, calibration). Every import points down this list; each
//! folder's `mod.rs` says what it may import.
//!
//! The modules are also re-exported here under the names they were published with
//! (`ncms_sim::money`, `ncms_sim::render`, …), so the library's public paths do not depend on
//! the folders.

pub mod annual_figures;
pub mod answers;
pub mod base;
pub mod model;
pub mod output;
pub mod scenario;
pub mod service;
pub mod spreadsheet;

#[cfg(all(target_arch = "wasm32", feature = "js-api"))]
mod js_api;

// The published module paths.
pub use annual_figures::{calibrate, report_form as figures, template};
pub use answers::{
    attribution, goal_seek as solve, measured, patient, protection, risk, sensitivity,
};
pub use base::{compact, field_path as path, lang, lognormal, money, short_sort, units as figure};
pub use model::{batch, compare, indicator, report, targets};
pub use output::{handover_workbook as handover, tables as render};
pub use scenario::{
    bundled as scenarios, edits, json_reader as read, params, problem,
    structure_edits as structure, terms as text, validate,
};
pub use spreadsheet::{grid as sheet, xlsx};

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
