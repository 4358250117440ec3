//! The props every "one year, baseline beside proposal" panel takes: the comparison, the selected
//! year and the language, with the pair of year reports to show.

use ncms_sim::{Comparison, Lang, YearReport};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct YearProps {
    pub comparison: Rc<Comparison>,
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
