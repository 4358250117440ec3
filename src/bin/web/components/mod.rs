//! The interface, one component per file: each takes what it shows as props and sends what the
//! official does as callbacks. No component computes a figure: each renders what the engine
//! computed (`Comparison`, an answer, a tornado, a waterfall, a patient).
//!
//! May import: `state` (types only), `view`, `browser` (only `new_fund`, for the tools module)
//! and the engine.

pub mod balance_chart;
pub mod changes;
pub mod controls;
pub mod discussed_levers;
pub mod funding_total;
pub mod gauge;
pub mod key_figures;
pub mod lines_table;
pub mod notes;
pub mod notice;
pub mod number_field;
pub mod phone_bar;
pub mod plans_bar;
pub mod ratios;
pub mod results_head;
pub mod structure_editor;
pub mod summary_table;
pub mod targets_table;
pub mod toolbar;
