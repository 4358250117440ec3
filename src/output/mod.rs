//! What a comparison becomes for people: the text tables and CSV that the CLI prints and the app
//! exports (`tables`), and the hand-over workbook a committee receives (`handover_workbook`).
//!
//! May import: `base`, `scenario`, `model`, `answers` and `spreadsheet`.

pub mod handover_workbook;
pub mod tables;
