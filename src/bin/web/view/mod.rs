//! What components share to show things: how figures read on screen (`format`), the interface's
//! own words (`ui_words`), props that compare by identity (`shared`) and the result panels'
//! props (`year_props`).
//!
//! May import: the engine only.

#[cfg(target_arch = "wasm32")]
pub mod format;
#[cfg(target_arch = "wasm32")]
pub mod shared;
// Pure: the words are compiled natively too, for the state's messages and their tests.
pub mod ui_words;
#[cfg(target_arch = "wasm32")]
pub mod year_props;
