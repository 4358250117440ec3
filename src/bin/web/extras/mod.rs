//! What the app loads after first paint, as its second wasm module (`src/bin/web-extras/`): the
//! answers (questions and goal seek, the tornado, one patient, the waterfall), the protection
//! and risk panels, the new-fund
//! dialog and the printed report, each mounted into the place the first-paint app leaves for it
//! (`roots`) and told what to show through `browser::bridge`. So the page a keystroke waits for
//! carries none of their code.
//!
//! May import: `components` (the balance chart, for the report), `browser`, `state`, `view` and
//! the engine; the first-paint app imports nothing of it.

pub mod answers;
pub mod compute;
pub mod in_view;
pub mod new_fund;
pub mod patient_panel;
pub mod print_report;
pub mod protection_panel;
pub mod questions_panel;
pub mod risk_panel;
pub mod roots;
pub mod tornado_panel;
pub mod waterfall_panel;
