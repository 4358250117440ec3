//! Spreadsheets without a spreadsheet library: a sheet as a grid of cells with CSV in and out
//! (`grid`), and .xlsx workbooks written and read (`xlsx`). Both the figures template and the
//! hand-over workbook are made of these; neither owns them.
//!
//! May import: `base` and `scenario::problem` (a cell's problem is a `Problem`).

pub mod grid;
pub mod xlsx;
