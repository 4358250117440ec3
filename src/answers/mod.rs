//! Answers to the questions officials bring, each made by running the model rather than by
//! pricing claims its own way: goal seek (反推), the sensitivity tornado (敏感性), why a figure
//! changed (the waterfall, 变化归因) and one patient's bill (典型病例).
//!
//! May import: `base`, `scenario` and `model`. The answers do not import each other.

pub mod attribution;
pub mod goal_seek;
pub mod patient;
pub mod sensitivity;
