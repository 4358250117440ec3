//! The props of the result panels: the comparison of the active plan with the baseline, or every
//! plan's, with the selected year and the language.

use crate::view::shared::Shared;
use ncms_sim::{Comparison, Lang, YearReport};
use yew::prelude::*;

/// One plan's name and results against the baseline.
#[derive(Clone, PartialEq)]
pub struct PlanResult {
    pub name: String,
    pub comparison: Shared<Comparison>,
}

/// Every plan's results, in the workspace's order.
pub type PlanResults = Shared<Vec<PlanResult>>;

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
