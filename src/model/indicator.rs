//! The one vocabulary of a year's figures: each [`Indicator`] of the yearly report once, named as
//! the report's fields are (`surplus`, `outpatient_share`, …), with its label in both languages,
//! its unit and how it is shown ([`Shown`]: fund totals in 万元 / million yuan, amounts per head
//! or per case in 元, rates in per cent and their differences in 个百分点, people and
//! person-times with their word). The cards, the tables, the targets, the answers, the tornado,
//! the waterfall, the CSV, the workbook and the printed report all name and show a figure from
//! here; goal seek and the tornado ask their questions in its terms, in one year or in every year
//! of the horizon ([`When`]).

use crate::base::lang::{Label, Lang};
use crate::base::money;
use crate::base::units::{Figure, Shown, Unit};
use crate::model::report::{Report, YearReport};
use serde::{Deserialize, Serialize};

/// A figure of one year of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    Enrollees,
    Income,
    Spending,
    Surplus,
    ClosingBalance,
    AvailableBalance,
    RiskReserve,
    FundingPerEnrollee,
    SurplusRate,
    BalanceRatio,
    MonthsCovered,
    OutpatientSpending,
    OutpatientShare,
    OutpatientCapUsed,
    OutpatientHeadroom,
    InpatientPolicyRatio,
    InpatientActualRatio,
    OutpatientPolicyRatio,
    OutpatientActualRatio,
    PrimaryOutpatientPolicyRatio,
    MeanOutOfPocketPerAdmission,
    InpatientSpending,
    Admissions,
    CompensatedPersonTimes,
}

impl Indicator {
    pub const ALL: [Indicator; 24] = [
        Indicator::Enrollees,
        Indicator::Income,
        Indicator::Spending,
        Indicator::Surplus,
        Indicator::ClosingBalance,
        Indicator::AvailableBalance,
        Indicator::RiskReserve,
        Indicator::FundingPerEnrollee,
        Indicator::SurplusRate,
        Indicator::BalanceRatio,
        Indicator::MonthsCovered,
        Indicator::OutpatientSpending,
        Indicator::OutpatientShare,
        Indicator::OutpatientCapUsed,
        Indicator::OutpatientHeadroom,
        Indicator::InpatientPolicyRatio,
        Indicator::InpatientActualRatio,
        Indicator::OutpatientPolicyRatio,
        Indicator::OutpatientActualRatio,
        Indicator::PrimaryOutpatientPolicyRatio,
        Indicator::MeanOutOfPocketPerAdmission,
        Indicator::InpatientSpending,
        Indicator::Admissions,
        Indicator::CompensatedPersonTimes,
    ];

    /// The name of the report's field (`income` and `spending` are their totals).
    pub fn name(self) -> &'static str {
        match self {
            Indicator::Enrollees => "enrollees",
            Indicator::Income => "income",
            Indicator::Spending => "spending",
            Indicator::Surplus => "surplus",
            Indicator::ClosingBalance => "closing_balance",
            Indicator::AvailableBalance => "available_balance",
            Indicator::RiskReserve => "risk_reserve",
            Indicator::FundingPerEnrollee => "funding_per_enrollee",
            Indicator::SurplusRate => "surplus_rate",
            Indicator::BalanceRatio => "balance_ratio",
            Indicator::MonthsCovered => "months_covered",
            Indicator::OutpatientSpending => "outpatient_spending",
            Indicator::OutpatientShare => "outpatient_share",
            Indicator::OutpatientCapUsed => "outpatient_cap_used",
            Indicator::OutpatientHeadroom => "outpatient_headroom",
            Indicator::InpatientPolicyRatio => "inpatient_policy_ratio",
            Indicator::InpatientActualRatio => "inpatient_actual_ratio",
            Indicator::OutpatientPolicyRatio => "outpatient_policy_ratio",
            Indicator::OutpatientActualRatio => "outpatient_actual_ratio",
            Indicator::PrimaryOutpatientPolicyRatio => "primary_outpatient_policy_ratio",
            Indicator::MeanOutOfPocketPerAdmission => "mean_out_of_pocket_per_admission",
            Indicator::InpatientSpending => "inpatient_spending",
            Indicator::Admissions => "admissions",
            Indicator::CompensatedPersonTimes => "compensated_person_times",
        }
    }

    /// The indicator of a report field's name.
    pub fn parse(name: &str) -> Option<Indicator> {
        Indicator::ALL.into_iter().find(|i| i.name() == name)
    }

    /// The figure's name, in lower case where English puts it inside a sentence ("the surplus
    /// in 2014"); [`Indicator::title`] is the name at the head of a row or a card.
    pub fn label(self) -> Label {
        match self {
            Indicator::Enrollees => Label::new("参合人数", "enrollees"),
            Indicator::Income => Label::new("基金收入", "fund income"),
            Indicator::Spending => Label::new("基金支出", "fund spending"),
            Indicator::Surplus => Label::new("当年结余", "surplus"),
            Indicator::ClosingBalance => Label::new("累计结余", "accumulated balance"),
            Indicator::AvailableBalance => {
                Label::new("可用结余（不含风险基金）", "available balance")
            }
            Indicator::RiskReserve => Label::new("风险基金", "risk reserve"),
            Indicator::FundingPerEnrollee => Label::new("人均筹资", "funding per enrollee"),
            Indicator::SurplusRate => Label::new("当年结余率", "surplus rate"),
            Indicator::BalanceRatio => Label::new("累计结余率", "balance ratio"),
            Indicator::MonthsCovered => {
                Label::new("累计结余可支付月数", "months of spending covered")
            }
            Indicator::OutpatientSpending => {
                Label::new("门诊统筹支出", "outpatient pooling spending")
            }
            Indicator::OutpatientShare => Label::new("门诊统筹支出占比", "outpatient share"),
            Indicator::OutpatientCapUsed => Label::new("门诊统筹上限使用率", "outpatient cap used"),
            Indicator::OutpatientHeadroom => Label::new("门诊统筹剩余额度", "outpatient headroom"),
            Indicator::InpatientPolicyRatio => {
                Label::new("住院政策范围内补偿比", "inpatient policy-scope ratio")
            }
            Indicator::InpatientActualRatio => {
                Label::new("住院实际补偿比", "inpatient actual ratio")
            }
            Indicator::OutpatientPolicyRatio => {
                Label::new("门诊政策范围内补偿比", "outpatient policy-scope ratio")
            }
            Indicator::OutpatientActualRatio => {
                Label::new("门诊实际补偿比", "outpatient actual ratio")
            }
            Indicator::PrimaryOutpatientPolicyRatio => Label::new(
                "基层门诊政策范围内补偿比",
                "primary outpatient policy-scope ratio",
            ),
            Indicator::MeanOutOfPocketPerAdmission => {
                Label::new("住院次均自付", "out of pocket per admission")
            }
            Indicator::InpatientSpending => Label::new("住院补偿支出", "inpatient spending"),
            Indicator::Admissions => Label::new("住院人次", "admissions"),
            Indicator::CompensatedPersonTimes => Label::new("补偿人次", "compensated person-times"),
        }
    }

    /// The figure's name at the head of a row, a column or a card: "Fund income", "基金收入".
    pub fn title(self, lang: Lang) -> String {
        crate::base::lang::capitalise(self.label().get(lang))
    }

    pub fn unit(self) -> Unit {
        match self {
            Indicator::Enrollees => Unit::Count,
            Indicator::Income
            | Indicator::Spending
            | Indicator::Surplus
            | Indicator::ClosingBalance
            | Indicator::AvailableBalance
            | Indicator::RiskReserve
            | Indicator::FundingPerEnrollee
            | Indicator::OutpatientSpending
            | Indicator::OutpatientHeadroom
            | Indicator::MeanOutOfPocketPerAdmission
            | Indicator::InpatientSpending => Unit::Yuan,
            Indicator::MonthsCovered => Unit::Months,
            Indicator::Admissions | Indicator::CompensatedPersonTimes => Unit::Count,
            _ => Unit::Share,
        }
    }

    /// The figure in one year of a report, with its unit (money exact).
    pub fn of(self, year: &YearReport) -> Figure {
        let i = &year.indicators;
        match self {
            Indicator::Enrollees => Figure::Count(year.enrollees as f64),
            Indicator::Income => Figure::Yuan(year.income.total),
            Indicator::Spending => Figure::Yuan(year.spending.total),
            Indicator::Surplus => Figure::Yuan(year.surplus),
            Indicator::ClosingBalance => Figure::Yuan(year.closing_balance),
            Indicator::AvailableBalance => Figure::Yuan(year.available_balance),
            Indicator::RiskReserve => Figure::Yuan(year.risk_reserve),
            Indicator::FundingPerEnrollee => Figure::Yuan(year.funding_per_enrollee),
            Indicator::SurplusRate => Figure::Share(i.surplus_rate),
            Indicator::BalanceRatio => Figure::Share(i.balance_ratio),
            Indicator::MonthsCovered => Figure::Months(i.months_covered),
            Indicator::OutpatientSpending => Figure::Yuan(i.outpatient_spending),
            Indicator::OutpatientShare => Figure::Share(i.outpatient_share),
            Indicator::OutpatientCapUsed => Figure::Share(i.outpatient_cap_used),
            Indicator::OutpatientHeadroom => Figure::Yuan(i.outpatient_headroom),
            Indicator::InpatientPolicyRatio => Figure::Share(i.inpatient_policy_ratio),
            Indicator::InpatientActualRatio => Figure::Share(i.inpatient_actual_ratio),
            Indicator::OutpatientPolicyRatio => Figure::Share(i.outpatient_policy_ratio),
            Indicator::OutpatientActualRatio => Figure::Share(i.outpatient_actual_ratio),
            Indicator::PrimaryOutpatientPolicyRatio => {
                Figure::Share(i.primary_outpatient_policy_ratio)
            }
            // Out of pocket per admission is an average in yuan, kept as the report's `f64`.
            Indicator::MeanOutOfPocketPerAdmission => Figure::Yuan(
                money::decimal_from_f64(i.mean_out_of_pocket_per_admission)
                    .map_or(money::ZERO, money::fen),
            ),
            Indicator::InpatientSpending => Figure::Yuan(i.inpatient_spending),
            Indicator::Admissions => Figure::Count(i.admissions),
            Indicator::CompensatedPersonTimes => Figure::Count(i.compensated_person_times),
        }
    }

    /// How the figure is shown: the one display rule of its kind.
    pub fn shown(self) -> Shown {
        match self {
            Indicator::Income
            | Indicator::Spending
            | Indicator::Surplus
            | Indicator::ClosingBalance
            | Indicator::AvailableBalance
            | Indicator::RiskReserve
            | Indicator::OutpatientSpending
            | Indicator::OutpatientHeadroom
            | Indicator::InpatientSpending => Shown::FundTotal,
            Indicator::FundingPerEnrollee | Indicator::MeanOutOfPocketPerAdmission => Shown::Amount,
            Indicator::Enrollees => Shown::Persons,
            Indicator::Admissions | Indicator::CompensatedPersonTimes => Shown::PersonTimes,
            Indicator::MonthsCovered => Shown::Months,
            _ => Shown::Percent,
        }
    }

    /// A value of this indicator as people read it: "463.20 元", "24.8%", "21,027.43 万元".
    pub fn show(self, value: f64, lang: Lang) -> String {
        let figure = match self.unit() {
            Unit::Yuan => match money::decimal_from_f64(value) {
                Some(amount) => Figure::Yuan(money::fen(amount)),
                None => return self.unit().show(value, lang),
            },
            Unit::Share => Figure::Share(value),
            Unit::Months => Figure::Months(value),
            _ => Figure::Count(value),
        };
        self.shown().text(&figure, lang)
    }

    /// The figure in `year`, as people read it.
    pub fn text(self, year: &YearReport, lang: Lang) -> String {
        self.shown().text(&self.of(year), lang)
    }

    /// `proposal`'s figure less `baseline`'s (the engine's difference, exact for money).
    pub fn difference(self, baseline: &YearReport, proposal: &YearReport) -> Option<Figure> {
        self.of(proposal).minus(&self.of(baseline))
    }

    /// The difference of `proposal` from `baseline` as people read it, signed: "+2.27 万元",
    /// "−0.9 个百分点".
    pub fn change_text(self, baseline: &YearReport, proposal: &YearReport, lang: Lang) -> String {
        self.difference(baseline, proposal)
            .map_or_else(String::new, |d| self.shown().change(&d, lang))
    }

    /// The rows officials read first, in order: the yearly summary of every table (the CLI's,
    /// the app's, the CSV's, the workbook's and the printed report's).
    pub const SUMMARY: [Indicator; 18] = [
        Indicator::Enrollees,
        Indicator::FundingPerEnrollee,
        Indicator::Income,
        Indicator::Spending,
        Indicator::Surplus,
        Indicator::SurplusRate,
        Indicator::ClosingBalance,
        Indicator::BalanceRatio,
        Indicator::MonthsCovered,
        Indicator::RiskReserve,
        Indicator::OutpatientShare,
        Indicator::OutpatientHeadroom,
        Indicator::InpatientPolicyRatio,
        Indicator::InpatientActualRatio,
        Indicator::OutpatientPolicyRatio,
        Indicator::OutpatientActualRatio,
        Indicator::MeanOutOfPocketPerAdmission,
        Indicator::CompensatedPersonTimes,
    ];

    /// The headline cards, in order.
    pub const CARDS: [Indicator; 5] = [
        Indicator::Income,
        Indicator::Spending,
        Indicator::Surplus,
        Indicator::SurplusRate,
        Indicator::ClosingBalance,
    ];
}

/// Which year a question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "year")]
pub enum When {
    /// One calendar year of the horizon.
    Year(i32),
    /// Every year of the horizon: the worst of them counts (the lowest for a floor, the highest
    /// for a cap), so "never negative" is "at least 0 in every year".
    EveryYear,
}

impl When {
    /// The years of `report` the question reads.
    pub fn years<'a>(self, report: &'a Report) -> impl Iterator<Item = &'a YearReport> + 'a {
        report
            .years
            .iter()
            .filter(move |y| matches!(self, When::EveryYear) || When::Year(y.year) == self)
    }

    /// "2014年" / "in 2014"; "预测期内每年" / "in every year of the horizon".
    pub fn words(self, lang: Lang) -> String {
        match (self, lang) {
            (When::Year(y), Lang::Zh) => format!("{y}年"),
            (When::Year(y), Lang::En) => format!("in {y}"),
            (When::EveryYear, Lang::Zh) => "预测期内每年".into(),
            (When::EveryYear, Lang::En) => "in every year of the horizon".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_indicator_reads_back_by_its_report_name() {
        for indicator in Indicator::ALL {
            assert_eq!(Indicator::parse(indicator.name()), Some(indicator));
            assert!(!indicator.label().zh.is_empty());
        }
        assert_eq!(Indicator::parse("surplus_ratio"), None);
    }
}
