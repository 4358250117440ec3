//! The app's state: the official's work and its undo history, links and stored drafts, the
//! controls a scenario offers, how typed text reads as a number, and the reducer every action
//! goes through. Everything here but the reducer is pure (no browser) and unit-tested natively.
//!
//! May import: the engine (`ncms_sim`) and `view::shared` (the reducer only); nothing of
//! `components` or `browser`.

pub mod fields;
pub mod link;
#[cfg(target_arch = "wasm32")]
pub mod reducer;
pub mod shown;
pub mod typed_number;
pub mod work;
