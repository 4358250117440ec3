//! The ground floor: the two languages, field paths, money, the lognormal maths, the units of
//! figures, a compact positional form of serde values and a sort for short lists. Nothing here
//! knows what a scenario or a fund is.
//!
//! May import: only other modules of `base` (and `std`, `rust_decimal`, `libm`, `serde`).

pub mod compact;
pub mod field_path;
pub mod lang;
pub mod lognormal;
pub mod money;
pub mod short_sort;
pub mod units;
