//! What components share to show things: how figures read on screen (`format`), the interface's
//! own words (`ui_words`), props that compare by identity (`shared`) and the result panels'
//! props (`year_props`).
//!
//! May import: the engine only.

#[cfg(target_arch = "wasm32")]
pub mod format;
// Pure: props that compare by identity and the words are compiled natively too, for the
// state's figures and messages and their tests.
pub mod shared;
pub mod ui_words;
#[cfg(target_arch = "wasm32")]
pub mod year_props;
