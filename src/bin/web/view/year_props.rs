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

/// The props of a panel that shows every plan beside the baseline.
#[derive(Properties, PartialEq)]
pub struct PlansProps {
    pub plans: PlanResults,
    /// The index of the active plan.
    pub active: usize,
    pub year: usize,
    pub lang: Lang,
}

impl PlansProps {
    /// The baseline's selected year (the same in every plan's comparison).
    pub fn baseline(&self) -> Option<&YearReport> {
        self.plans.first()?.comparison.baseline.years.get(self.year)
    }

    /// Each plan's selected year, with its index and name.
    pub fn plan_years(&self) -> impl Iterator<Item = (usize, &str, &YearReport)> {
        self.plans.iter().enumerate().filter_map(|(i, p)| {
            Some((
                i,
                p.name.as_str(),
                p.comparison.proposal.years.get(self.year)?,
            ))
        })
    }
}
