//! Answers to the questions officials bring, each made by running the model rather than by
//! pricing claims its own way: goal seek (反推), the sensitivity tornado (敏感性), why a figure
//! changed (the waterfall, 变化归因) and one patient's bill (典型病例).
//!
//! What a plan does for families (`protection`: catastrophic and impoverishing spending) and how
//! sure the projection is (`risk`: the stochastic projection, through `model::batch`) are here
//! too.
//!
//! May import: `base`, `scenario` and `model`. The answers do not import each other, but for
//! `protection`, which prices the distribution of patients with one patient's rules (`patient`),
//! so that the two can never disagree; and goal seek and the tornado, which ask about protection
//! figures too (`measured` names them, `protection` computes them).

pub mod attribution;
pub mod goal_seek;
pub mod measured;
pub mod patient;
pub mod protection;
pub mod risk;
pub mod sensitivity;
