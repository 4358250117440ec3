//! The app's state: the official's work and its undo history, links and stored drafts, the
//! controls a scenario offers, how typed text reads as a number, and the reducer every action
//! goes through. Everything here is pure (no browser) and unit-tested natively.
//!
//! May import: the engine (`ncms_sim`), `view::shared` and `view::ui_words`; nothing of
//! `components` or `browser`. The reducer too is pure: only its `yew::Reducible` face is for
//! wasm32, so every action is tested natively.

pub mod bands;
pub mod fields;
pub mod link;
pub mod reducer;
pub mod shown;
pub mod typed_number;
pub mod work;
