//! The scheme model: what a checked scenario does in a year and over its horizon. The report's
//! types (the JSON contract), the targets, the yearly model and the projection, the indicators
//! questions are asked about, and the comparison of a plan with the baseline.
//!
//! May import: `base` and `scenario`. Within the layer: `report`, `targets`, `projection`,
//! `batch`, `indicator`, `compare`, each importing only those before it.
//!
//! The projection's entry points are re-exported here, so that `ncms_sim::model::simulate` names
//! them as it always has.

pub mod batch;
pub mod compare;
pub mod indicator;
pub mod projection;
pub mod report;
pub mod targets;

pub use projection::*;
