//! What the model returns: per-year ledgers, indicators and target checks ([`YearReport`]), the
//! projection ([`Report`]) and the side-by-side of baseline and proposal ([`Comparison`]).
//!
//! These are plain structs with public fields. Their JSON form is a documented contract
//! (`docs/file-format.md`, "The JSON report (a contract)"): money is a decimal string in yuan with two decimals, rates are
//! fractions, counts are numbers. Add fields freely; rename or remove one only with a new
//! `format` version.

use crate::base::lang::{Label, Lang, Text};
use crate::base::money::{self, Yuan};
use crate::base::units::{Figure, Shown};
use crate::scenario::file_format::Level;
use serde::Serialize;

pub use crate::base::units::Unit;
// Defined where the edits and the file format need them; part of the report's contract.
pub use crate::scenario::edits::Change;
pub use crate::scenario::file_format::CareKind;

/// The name and version of the JSON report format.
pub const REPORT_FORMAT: &str = "ncms-sim/report@1";

/// Baseline and proposal, computed together, and what changed between them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub format: &'static str,
    pub scenario_id: String,
    pub scenario_name: Text,
    pub baseline: Report,
    pub proposal: Report,
    /// The edits that turn the baseline into the proposal, labelled.
    pub changes: Vec<Change>,
    /// The assumptions changed from the scenario file's values: they make the baseline (and so
    /// every plan), and are listed apart from the plan's changes.
    pub assumption_changes: Vec<Change>,
    /// Proposal minus baseline, year by year.
    pub differences: Vec<YearDifference>,
}

/// One projection less another, year by year (a plan less the baseline, or one plan less
/// another): computed by the engine, so that no interface subtracts figures itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearDifference {
    pub year: i32,
    pub income: Yuan,
    pub spending: Yuan,
    pub surplus: Yuan,
    pub closing_balance: Yuan,
    pub available_balance: Yuan,
    pub outpatient_headroom: Yuan,
    pub surplus_rate: f64,
    pub outpatient_share: f64,
    pub inpatient_policy_ratio: f64,
    pub inpatient_actual_ratio: f64,
    pub outpatient_policy_ratio: f64,
    pub outpatient_actual_ratio: f64,
}

/// A projection of one set of rules over the horizon.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub years: Vec<YearReport>,
    /// The first year whose surplus is negative, if any.
    pub first_deficit_year: Option<i32>,
    /// The first year whose available balance (closing balance less the risk reserve, which is
    /// not available for claims) is negative: the fund has run out.
    pub exhaustion_year: Option<i32>,
    /// The first year whose closing balance, risk reserve included, is negative.
    pub balance_negative_year: Option<i32>,
    /// Base-year model figures against the figures the fund reported.
    pub calibration: Vec<CalibrationRow>,
    /// Approximations the figures rest on, for the reader.
    pub notes: Vec<Label>,
}

impl Report {
    pub fn first_year(&self) -> &YearReport {
        &self.years[0]
    }
}

/// One year of the fund.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearReport {
    pub year: i32,
    pub enrollees: u64,
    /// Individual contribution plus government subsidy, per enrollee.
    pub funding_per_enrollee: Yuan,
    pub government_per_enrollee: Yuan,
    pub income: Income,
    pub spending: Spending,
    /// Income minus spending (当年结余).
    pub surplus: Yuan,
    pub opening_balance: Yuan,
    /// Opening balance plus surplus (累计结余).
    pub closing_balance: Yuan,
    /// Moved into the risk reserve this year: part of the balance, not available for claims.
    pub risk_reserve_moved: Yuan,
    pub risk_reserve: Yuan,
    /// Closing balance less the risk reserve.
    pub available_balance: Yuan,
    /// The annual ceiling in force, in yuan (`None`: no ceiling).
    pub annual_ceiling: Option<Yuan>,
    pub indicators: Indicators,
    pub targets: Vec<TargetCheck>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Income {
    pub individual_contributions: Yuan,
    pub government_subsidies: Yuan,
    pub interest: Yuan,
    pub other: Yuan,
    pub total: Yuan,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spending {
    /// General outpatient and inpatient care, level by level.
    pub lines: Vec<LineResult>,
    pub consultation_fee: Yuan,
    pub special_disease: Option<LineResult>,
    pub major_disease: Yuan,
    pub critical_illness_premium: Yuan,
    /// The sum of every line above, to the fen.
    pub total: Yuan,
}

/// One line of care in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineResult {
    /// `None` for the special-disease line, which is not tied to a level.
    pub level: Option<Level>,
    pub kind: CareKind,
    /// Visits, admissions or patients, release effect included.
    pub volume: f64,
    /// Claims that received a benefit (补偿人次): those above the deductible.
    pub compensated: f64,
    /// Volume multiplier from the release effect (1 in the baseline).
    pub release_factor: f64,
    pub mean_cost: f64,
    pub mean_benefit: f64,
    pub total_cost: Yuan,
    pub eligible_cost: Yuan,
    /// What the fund pays on this line.
    pub benefit: Yuan,
    /// benefit / eligible cost (政策范围内补偿比).
    pub policy_ratio: f64,
    /// benefit / total cost (实际补偿比).
    pub actual_ratio: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicators {
    /// surplus / income (当年结余率).
    pub surplus_rate: f64,
    /// closing balance / income (累计结余率).
    pub balance_ratio: f64,
    /// Months of this year's spending the closing balance would pay for (0 once the balance is
    /// negative: a fund in deficit covers no month).
    pub months_covered: f64,
    /// General outpatient plus consultation-fee payments (门诊统筹基金支出).
    pub outpatient_spending: Yuan,
    /// outpatient spending / income, against the cap.
    pub outpatient_share: f64,
    /// The cap on the outpatient share (25 %).
    pub outpatient_share_cap: f64,
    /// outpatient share / cap: 1 means the cap is used up; 0 when the cap is 0 (or so small that
    /// the quotient is not a finite number).
    pub outpatient_cap_used: f64,
    /// cap × income − outpatient spending: negative when over the cap.
    pub outpatient_headroom: Yuan,
    pub inpatient_policy_ratio: f64,
    pub inpatient_actual_ratio: f64,
    pub outpatient_policy_ratio: f64,
    pub outpatient_actual_ratio: f64,
    /// Policy-scope general outpatient ratio at village and township level.
    pub primary_outpatient_policy_ratio: f64,
    /// Mean cost an inpatient pays out of pocket per admission.
    pub mean_out_of_pocket_per_admission: f64,
    pub admissions: f64,
    pub inpatient_spending: Yuan,
    /// Compensated person-times (补偿人次), every line together.
    pub compensated_person_times: f64,
}

/// A target met or missed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetCheck {
    /// Stable identifier (`inpatient_policy_ratio`, ...).
    pub id: &'static str,
    pub label: Label,
    pub unit: Unit,
    pub bound: Bound,
    pub target: f64,
    /// `None` when the scenario does not give what the target needs.
    pub actual: Option<f64>,
    pub met: Option<bool>,
    /// The margin: actual − target for a minimum, target − actual for a maximum. Negative is
    /// the shortfall of a missed target.
    pub gap: Option<f64>,
}

impl TargetCheck {
    /// How the target's figures are shown: amounts (per head, a ceiling) in 元, rates in per
    /// cent with gaps in percentage points.
    pub fn shown(&self) -> Shown {
        match self.unit {
            Unit::Yuan => Shown::Amount,
            Unit::Months => Shown::Months,
            Unit::Count => Shown::Persons,
            _ => Shown::Percent,
        }
    }

    fn show(&self, value: f64, lang: Lang) -> String {
        self.shown().text(&self.figure(value), lang)
    }

    fn figure(&self, value: f64) -> Figure {
        match self.unit {
            Unit::Yuan => money::decimal_from_f64(value)
                .map_or(Figure::Share(f64::NAN), |d| Figure::Yuan(money::fen(d))),
            Unit::Months => Figure::Months(value),
            Unit::Count => Figure::Count(value),
            _ => Figure::Share(value),
        }
    }

    /// The target with its bound and unit: "≥ 415.00 元", "≤ 25.0%".
    pub fn target_text(&self, lang: Lang) -> String {
        let bound = match self.bound {
            Bound::AtLeast => "≥",
            Bound::AtMost => "≤",
        };
        format!("{bound} {}", self.show(self.target, lang))
    }

    /// The figure the target reads, with its unit; "–" when the scenario does not give it.
    pub fn actual_text(&self, lang: Lang) -> String {
        self.actual
            .map_or_else(|| "–".into(), |a| self.show(a, lang))
    }

    /// The margin, signed, in the figure's unit (percentage points for rates): "+0.9 个百分点".
    pub fn gap_text(&self, lang: Lang) -> String {
        self.gap
            .map_or_else(String::new, |g| self.shown().change(&self.figure(g), lang))
    }

    /// 达标 / 未达标 / 无数据.
    pub fn verdict(&self) -> Label {
        match self.met {
            Some(true) => Label::new("达标", "met"),
            Some(false) => Label::new("未达标", "missed"),
            None => Label::new("无数据", "no data"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    AtLeast,
    AtMost,
}

/// A base-year figure of the model against the one the fund reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationRow {
    pub id: &'static str,
    pub label: Label,
    pub unit: Unit,
    pub observed: f64,
    pub modelled: f64,
    /// modelled / observed − 1; 0 when it cannot be measured (an observed 0, or one so small
    /// that the quotient is not a finite number).
    pub deviation: f64,
}
