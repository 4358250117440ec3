//! A fund's own annual figures (统计报表) and the scenario they calibrate: the figures as the
//! report form has them with their registry and checks (`report_form`), the template they are
//! filled in (`template`), and calibration (`calibrate`), which fits a scenario whose model
//! reproduces them.
//!
//! May import: `base`, `scenario`, `model` and `spreadsheet`; nothing below imports it.

pub mod calibrate;
pub mod report_form;
pub mod template;
