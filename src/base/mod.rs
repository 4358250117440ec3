//! The ground floor: the two languages, field paths, money, the lognormal maths and the units of
//! figures. Nothing here knows what a scenario or a fund is.
//!
//! May import: only other modules of `base` (and `std`, `rust_decimal`, `libm`, `serde`).

pub mod field_path;
pub mod lang;
pub mod lognormal;
pub mod money;
pub mod short_sort;
pub mod units;
