//! All browser I/O: the page (its address fragment, keys, printing, the presentation flag, the
//! page being hidden, the time), stored drafts, files in and out, and the tools module loaded on
//! demand. What the browser reports arrives as callbacks; nothing here changes the state itself.
//!
//! May import: `state` (the work and drafts it stores) and the engine.

pub mod bridge;
pub mod files;
pub mod page;
pub mod storage;
pub mod tools;
