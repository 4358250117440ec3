//! The scenario file and everything that reads, edits and checks it: the file format, the words
//! for its parts, the parameter registry, problems, our own JSON reader, numeric and structural
//! edits, validation into a `CheckedScenario`, and the bundled scenarios. No projection is made
//! here: this layer says what a fund *is*, `model` says what it *does*.
//!
//! May import: `base`. Within the layer, from the bottom up: `file_format`, `terms`, `params`,
//! `problem`, `json_reader`, `edits`, `validate`; `bundled` imports nothing and
//! `structure_edits` imports `file_format`, `bundled` and `base`.
//!
//! The file format's types are re-exported here, so that `ncms_sim::scenario::Scenario` names
//! them as it always has.

pub mod bundled;
pub mod edits;
pub mod file_format;
pub mod json_reader;
pub mod params;
pub mod problem;
pub mod structure_edits;
pub mod terms;
pub mod validate;

pub use file_format::*;
