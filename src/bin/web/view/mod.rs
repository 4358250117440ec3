//! What components share to show things: how figures read on screen (`format`), the interface's
//! own words (`ui_words`), props that compare by identity (`shared`) and the result panels'
//! props (`year_props`).
//!
//! May import: the engine only.

pub mod format;
pub mod shared;
pub mod ui_words;
pub mod year_props;
