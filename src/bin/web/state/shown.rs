//! The figures of the selected year as the panels show them, worked out once per comparison
//! rather than in each render: every figure of the baseline and of every plan, its text
//! in the engine's display rule, its raw value for `data-value` and each plan's difference from
//! the baseline (the engine's). A row whose figures did not change keeps the very same row, so
//! that a panel given rows renders again only the rows that changed. Pure: tested natively.

use crate::view::shared::Shared;
use ncms_sim::figure::Figure;
use ncms_sim::indicator::Indicator;
use ncms_sim::{Comparison, Lang, YearReport};

/// One plan's name and results against the baseline.
#[derive(Clone, PartialEq)]
pub struct PlanResult {
    pub name: String,
    pub comparison: Shared<Comparison>,
}

/// Every plan's results, in the workspace's order.
pub type PlanResults = Shared<Vec<PlanResult>>;

/// One figure as shown: its text and its raw value (money as its decimal string, the rest as
/// the shortest `f64` text), the value the browser tests compare with the CLI's JSON.
#[derive(Clone, PartialEq, Debug)]
pub struct Cell {
    pub text: String,
    pub raw: String,
    /// The figure as a number (money through its exact decimal), for drawing.
    pub value: f64,
    pub negative: bool,
}

impl Cell {
    fn of(indicator: Indicator, year: &YearReport, lang: Lang) -> Cell {
        let figure = indicator.of(year);
        Cell {
            text: indicator.shown().text(&figure, lang),
            raw: raw(&figure),
            value: figure.value(),
            negative: figure.value() < 0.0,
        }
    }
}

/// A figure's raw value for `data-value`.
pub fn raw(figure: &Figure) -> String {
    match figure {
        Figure::Yuan(amount) => amount.to_string(),
        Figure::Share(v) | Figure::Count(v) | Figure::Months(v) => v.to_string(),
    }
}

/// A plan's figure and its difference from the baseline.
#[derive(Clone, PartialEq, Debug)]
pub struct PlanCell {
    pub figure: Cell,
    /// Signed, in the figure's unit ("+2.27 万元", "-0.9 个百分点").
    pub change: String,
}

/// One summary figure of the selected year: the baseline's and each plan's.
#[derive(Clone, PartialEq, Debug)]
pub struct Row {
    pub indicator: Indicator,
    pub title: String,
    pub baseline: Cell,
    pub plans: Vec<PlanCell>,
}

/// Every figure of one year (`Indicator::ALL`, in its order); the summary table shows those of
/// `Indicator::SUMMARY`, the cards those of `Indicator::CARDS`, the gauge and the ratios theirs.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct YearFigures {
    pub year: i32,
    /// The cap on the outpatient share of income (the scenario's target, 25 % by default).
    pub outpatient_share_cap: f64,
    pub rows: Vec<Shared<Row>>,
}

impl YearFigures {
    /// The figures of year index `year` of `comparisons` (the plans in order, each against the
    /// same baseline), keeping `previous`'s rows where they are equal.
    pub fn of<'a>(
        comparisons: impl Iterator<Item = &'a Comparison> + Clone,
        year: usize,
        lang: Lang,
        previous: &YearFigures,
    ) -> YearFigures {
        let Some(first) = comparisons.clone().next() else {
            return YearFigures::default();
        };
        let Some(base) = first.baseline.years.get(year) else {
            return YearFigures::default();
        };
        let rows = Indicator::ALL
            .iter()
            .map(|&indicator| {
                let row = Row {
                    indicator,
                    title: indicator.title(lang),
                    baseline: Cell::of(indicator, base, lang),
                    plans: comparisons
                        .clone()
                        .filter_map(|c| c.proposal.years.get(year))
                        .map(|plan| PlanCell {
                            figure: Cell::of(indicator, plan, lang),
                            change: indicator.change_text(base, plan, lang),
                        })
                        .collect(),
                };
                match previous.rows.iter().find(|r| r.indicator == indicator) {
                    Some(kept) if **kept == row => kept.clone(),
                    _ => Shared::new(row),
                }
            })
            .collect();
        YearFigures {
            year: base.year,
            outpatient_share_cap: base.indicators.outpatient_share_cap,
            rows,
        }
    }

    /// The row of `indicator`, if the summary has it.
    pub fn row(&self, indicator: Indicator) -> Option<&Shared<Row>> {
        self.rows.iter().find(|r| r.indicator == indicator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comparison(edits: &[(&str, f64)]) -> Comparison {
        let json = ncms_sim::scenarios::bundled("taizhou-2012").unwrap();
        let scenario = ncms_sim::parse_scenario(json).unwrap();
        let baseline = ncms_sim::simulate(&scenario);
        let edits = edits
            .iter()
            .map(|(p, v)| (p.to_string(), Some(*v)))
            .collect();
        ncms_sim::compare_with_baseline(&scenario, &baseline, &edits).unwrap()
    }

    #[test]
    fn every_summary_figure_of_every_plan_is_shown_by_the_engines_rule() {
        let plans = [
            comparison(&[]),
            comparison(&[("financing.individual", 150.0)]),
        ];
        let shown = YearFigures::of(plans.iter(), 0, Lang::Zh, &YearFigures::default());
        assert_eq!(shown.year, 2012);
        assert_eq!(shown.rows.len(), Indicator::ALL.len());
        let income = shown.row(Indicator::Income).unwrap();
        assert_eq!(income.title, "基金收入");
        assert_eq!(income.plans.len(), 2);
        let base_year = &plans[1].baseline.years[0];
        let plan_year = &plans[1].proposal.years[0];
        assert_eq!(income.baseline.raw, base_year.income.total.to_string());
        assert_eq!(
            income.plans[1].figure.text,
            Indicator::Income.text(plan_year, Lang::Zh)
        );
        assert!(income.plans[1].figure.text.ends_with(" 万元"));
        // 20 yuan a head more (130 → 150) from 4.42 million enrollees: 8 840 万元.
        assert_eq!(base_year.enrollees, 4_420_000);
        assert_eq!(base_year.funding_per_enrollee.to_string(), "403.00");
        assert_eq!(income.plans[1].change, "+8,840.00 万元");
        assert_eq!(income.plans[0].change, "0.00 万元");
        let rate = shown.row(Indicator::SurplusRate).unwrap();
        assert!(rate.plans[1].change.ends_with("个百分点"));
    }

    #[test]
    fn a_row_that_did_not_change_is_the_same_row() {
        let before = [comparison(&[("lines[2].inpatient.deductible", 500.0)])];
        let after = [comparison(&[("lines[2].inpatient.deductible", 600.0)])];
        let first = YearFigures::of(before.iter(), 0, Lang::En, &YearFigures::default());
        let second = YearFigures::of(after.iter(), 0, Lang::En, &first);
        let kept = |i: Indicator| Shared::ptr_eq(first.row(i).unwrap(), second.row(i).unwrap());
        // A deductible moves spending, not enrollment or funding.
        assert!(kept(Indicator::Enrollees));
        assert!(kept(Indicator::FundingPerEnrollee));
        assert!(kept(Indicator::Income));
        assert!(!kept(Indicator::Spending));
        assert!(!kept(Indicator::Surplus));
    }
}
