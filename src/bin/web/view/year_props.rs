//! The props of the result panels: the comparison of the active plan with the baseline, or every
//! plan's, with the selected year and the language.

use crate::view::shared::Shared;
use ncms_sim::{Comparison, Lang, YearReport};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct YearProps {
    pub comparison: Shared<Comparison>,
    /// Index into the projection's years.
    pub year: usize,
    pub lang: Lang,
}

impl YearProps {
    /// The selected year of the baseline and of the proposal; `None` if the horizon is shorter.
    pub fn years(&self) -> Option<(&YearReport, &YearReport)> {
        let comparison = &self.comparison;
        Some((
            comparison.baseline.years.get(self.year)?,
            comparison.proposal.years.get(self.year)?,
        ))
    }
}
