//! The scenario file format (`scenarios/*.json`): what one county or prefecture fund looks like in
//! the base year, the rules it runs under, and the targets it is checked against.
//!
//! These types are the *raw* file: serde reads them with unknown fields denied, and
//! [`crate::scenario::validate`] turns them into a [`crate::CheckedScenario`] that the model accepts.
//! Money is [`Yuan`] (exact decimal), rates are fractions (0.75 is 75 %).

use crate::base::lang::Text;
use crate::base::money::{self, Yuan};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Edits: a field path (`lines[2].inpatient.reimbursement_ratio`) and its new value; `null`
/// (`None`) empties an optional value (no cap, a target switched off). A scenario's own
/// `proposal` and the official's edits in the app are both of this type.
pub type Edits = BTreeMap<String, Option<f64>>;

/// Edits from `(path, value)` pairs, the last value of a path kept (as `collect` keeps it).
/// Inserted one by one rather than collected: `BTreeMap`'s `collect` sorts, and brings a copy of
/// std's sort (about 3.5 KB of wasm) for each kind of iterator collected.
pub fn edits_from(pairs: impl IntoIterator<Item = (String, Option<f64>)>) -> Edits {
    let mut edits = Edits::new();
    for (path, value) in pairs {
        edits.insert(path, value);
    }
    edits
}

fn money_zero() -> Yuan {
    money::ZERO
}

/// One fund in its base year: the baseline, and optionally a proposal written as edits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Short stable identifier, also the file name: `taizhou-2012`.
    pub id: String,
    pub name: Text,
    /// The base year whose utilisation and costs the file writes down.
    pub year: i32,
    /// What the scenario is, its assumptions and how it was calibrated, for people.
    pub notes: String,
    /// Where the figures come from: a seed file name and the figure taken from it.
    pub sources: Vec<Source>,
    pub population: Population,
    pub financing: Financing,
    /// Service lines by hospital level; each has general outpatient and/or inpatient care.
    pub lines: Vec<ServiceLine>,
    pub rules: Rules,
    #[serde(default)]
    pub behaviour: Behaviour,
    pub projection: Projection,
    #[serde(default)]
    pub targets: Targets,
    /// Households' income, for the protection figures (`protection`); absent from a file (and
    /// written as absent) when it is the default, the 2012 national rural figures.
    #[serde(default, skip_serializing_if = "Households::is_default")]
    pub households: Households,
    /// How uncertain the assumptions are, for the stochastic projection (`risk`); absent from a
    /// file (and written as absent) when it is the default (docs/risk.md).
    #[serde(default, skip_serializing_if = "Ranges::is_default")]
    pub ranges: Ranges,
    /// Figures observed in the base year, reported next to the model's (calibration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed: Option<Observed>,
    /// Changed assumptions (costs, growth, utilisation, …) as edits to this file's values: they
    /// make the baseline, and so every plan, and are listed apart from the plan's changes.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub assumptions: Edits,
    /// Next year's rules as edits to this scenario (e.g. a published plan); empty if none.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub proposal: Edits,
    /// Several named plans (方案一、方案二 …) over the same baseline, as a workspace saves them;
    /// `proposal` is then the one shown first. Empty if the file has only its `proposal`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plans: Vec<NamedPlan>,
}

/// A plan with a name: policy edits over the scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedPlan {
    pub name: String,
    #[serde(default)]
    pub edits: Edits,
}

impl Scenario {
    /// The plans of the file: its named plans, or else its `proposal` as one plan (named
    /// `default_name`), or none.
    pub fn named_plans(&self, default_name: &str) -> Vec<NamedPlan> {
        if !self.plans.is_empty() {
            self.plans.clone()
        } else if !self.proposal.is_empty() {
            vec![NamedPlan {
                name: default_name.to_string(),
                edits: self.proposal.clone(),
            }]
        } else {
            Vec::new()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// A seed file name (`000_f4e4bc0b06ba3db8.txt`) or another public reference.
    pub file: String,
    /// The figure taken from it, in the document's words where possible.
    pub figure: String,
}

/// 参合人数 and its growth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Population {
    /// Enrollees (参合人数).
    pub enrollees: u64,
    /// Yearly growth of enrollment, a fraction (0.01 is +1 % a year).
    #[serde(default)]
    pub growth: f64,
    /// Participation rate (参合率), when known; checked against the participation target.
    #[serde(default)]
    pub participation_rate: Option<f64>,
}

/// Funding per enrollee per year (人均筹资) and the fund's other income.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Financing {
    /// Individual contribution per enrollee (个人缴费).
    #[serde(deserialize_with = "money::deserialize")]
    pub individual: Yuan,
    /// Government subsidies per enrollee (各级财政补助).
    pub government: GovernmentSubsidy,
    /// Other income in the year, in yuan (medical-assistance transfers, late enrolment, ...).
    #[serde(default = "money_zero", deserialize_with = "money::deserialize")]
    pub other_income: Yuan,
    /// Interest earned on the opening balance, a fraction a year.
    #[serde(default)]
    pub interest_rate: f64,
    /// Accumulated balance (累计结余) at the start of the base year.
    #[serde(default = "money_zero", deserialize_with = "money::deserialize")]
    pub opening_balance: Yuan,
}

/// Government subsidy per enrollee, by level of government. Unknown splits go in one level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GovernmentSubsidy {
    #[serde(default = "money_zero", deserialize_with = "money::deserialize")]
    pub central: Yuan,
    #[serde(default = "money_zero", deserialize_with = "money::deserialize")]
    pub provincial: Yuan,
    #[serde(default = "money_zero", deserialize_with = "money::deserialize")]
    pub municipal: Yuan,
    #[serde(default = "money_zero", deserialize_with = "money::deserialize")]
    pub county: Yuan,
}

impl GovernmentSubsidy {
    pub fn total(&self) -> Yuan {
        self.central + self.provincial + self.municipal + self.county
    }
}

impl Financing {
    /// Funding per enrollee: individual contribution plus every government level.
    pub fn per_enrollee(&self) -> Yuan {
        self.individual + self.government.total()
    }
}

/// Where care is given. The order is the referral ladder, from the village up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 村卫生室
    Village,
    /// 乡镇卫生院 (and community health centres)
    Township,
    /// 县级医院
    County,
    /// 省市级医院: higher level inside the province
    Higher,
    /// 统筹区外: outside the pooling area
    OutOfArea,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::Village,
        Level::Township,
        Level::County,
        Level::Higher,
        Level::OutOfArea,
    ];

    /// Its name in scenario files (`"out_of_area"`): the key of forms and figures too.
    pub fn name(self) -> &'static str {
        match self {
            Level::Village => "village",
            Level::Township => "township",
            Level::County => "county",
            Level::Higher => "higher",
            Level::OutOfArea => "out_of_area",
        }
    }

    /// The level of a name as [`Level::name`] writes it.
    pub fn parse(name: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.name() == name)
    }

    /// Primary care (基层): village clinics and township centres.
    pub fn is_primary(self) -> bool {
        matches!(self, Level::Village | Level::Township)
    }
}

/// Care at one hospital level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceLine {
    pub level: Level,
    #[serde(default)]
    pub outpatient: Option<Outpatient>,
    #[serde(default)]
    pub inpatient: Option<Inpatient>,
}

/// General outpatient care (普通门诊) at one level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outpatient {
    /// Compensable visits per enrollee per year.
    pub visits_per_enrollee: f64,
    /// Mean total cost of a visit.
    #[serde(deserialize_with = "money::deserialize")]
    pub mean_cost: Yuan,
    /// Coefficient of variation of the cost of a visit (lognormal).
    pub cost_cv: f64,
    /// Share of the cost inside the policy scope (政策范围内费用占比).
    pub scope_share: f64,
    /// Deductible per visit (usually 0 for outpatient care).
    #[serde(default = "money_zero", deserialize_with = "money::deserialize")]
    pub deductible: Yuan,
    /// Reimbursement ratio (补偿比例) of eligible cost above the deductible.
    pub reimbursement_ratio: f64,
    /// Most the scheme pays for one visit; `null` for no cap.
    #[serde(default, deserialize_with = "money::deserialize_option")]
    pub visit_cap: Option<Yuan>,
}

/// Inpatient care (住院) at one level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inpatient {
    /// Admissions per 1000 enrollees per year.
    pub admissions_per_1000: f64,
    /// Mean total cost of an admission (次均住院费用).
    #[serde(deserialize_with = "money::deserialize")]
    pub mean_cost: Yuan,
    pub cost_cv: f64,
    /// Share of the cost inside the policy scope (政策范围内费用占比).
    pub scope_share: f64,
    /// Deductible per admission (起付线).
    #[serde(deserialize_with = "money::deserialize")]
    pub deductible: Yuan,
    pub reimbursement_ratio: f64,
    /// Most the scheme pays for one admission at this level, below the annual ceiling; `null`: none.
    #[serde(default, deserialize_with = "money::deserialize_option")]
    pub admission_cap: Option<Yuan>,
}

/// Scheme-wide rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Annual inpatient ceiling per person (封顶线); `null` for none.
    #[serde(default)]
    pub annual_ceiling: Option<Ceiling>,
    #[serde(default)]
    pub consultation_fee: Option<ConsultationFee>,
    #[serde(default)]
    pub special_disease: Option<SpecialDisease>,
    #[serde(default)]
    pub major_disease: Option<MajorDisease>,
    /// Critical-illness insurance premium per enrollee bought from the fund (大病保险).
    #[serde(default = "money_zero", deserialize_with = "money::deserialize")]
    pub critical_illness_premium: Yuan,
    #[serde(default)]
    pub risk_reserve: Option<RiskReserve>,
}

/// The annual ceiling, as a sum or as the 2013 rule "a multiple of rural net income, with a floor".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Ceiling {
    Fixed(#[serde(deserialize_with = "money::deserialize")] Yuan),
    IncomeMultiple(IncomeMultipleCeiling),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncomeMultipleCeiling {
    pub multiple: f64,
    /// Rural net income per head (农民人均纯收入) the multiple applies to.
    #[serde(deserialize_with = "money::deserialize")]
    pub rural_net_income: Yuan,
    #[serde(default = "money_zero", deserialize_with = "money::deserialize")]
    pub floor: Yuan,
}

impl Ceiling {
    /// The ceiling in yuan: `max(multiple × income, floor)` for the income rule. `None` when the
    /// product is beyond what `Decimal` holds, which validation's bounds exclude.
    pub fn checked_amount(&self) -> Option<Yuan> {
        match self {
            Ceiling::Fixed(amount) => Some(*amount),
            Ceiling::IncomeMultiple(rule) => {
                let multiple = money::decimal_from_f64(rule.multiple)?;
                let amount = multiple.checked_mul(rule.rural_net_income)?;
                Some(money::fen(amount).max(rule.floor))
            }
        }
    }

    /// [`Ceiling::checked_amount`] of a validated scenario, where it always exists.
    pub fn amount(&self) -> Yuan {
        self.checked_amount().unwrap_or(Decimal::MAX)
    }
}

/// The general consultation fee (一般诊疗费) at village clinics or township centres.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsultationFee {
    #[serde(default = "default_fee_level")]
    pub level: Level,
    /// The fee per visit.
    #[serde(deserialize_with = "money::deserialize")]
    pub fee_per_visit: Yuan,
    /// The part of the fee the scheme pays; the patient pays the rest.
    #[serde(deserialize_with = "money::deserialize")]
    pub scheme_part: Yuan,
    /// Visits charged the fee, per served resident per year (residents of the clinics' area).
    pub visits_per_served_resident: f64,
    /// Most the scheme pays per served resident per year.
    #[serde(deserialize_with = "money::deserialize")]
    pub cap_per_capita: Yuan,
    /// Share of enrollees served by the clinics that charge the fee (1 = all).
    #[serde(default = "one")]
    pub served_share: f64,
}

fn default_fee_level() -> Level {
    Level::Village
}

fn one() -> f64 {
    1.0
}

/// Special-disease outpatient care (特殊病种大额门诊), reimbursed like inpatient care.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecialDisease {
    pub patients_per_1000: f64,
    /// Mean yearly cost of one patient's treatment.
    #[serde(deserialize_with = "money::deserialize")]
    pub annual_cost: Yuan,
    pub cost_cv: f64,
    pub scope_share: f64,
    #[serde(deserialize_with = "money::deserialize")]
    pub deductible: Yuan,
    pub reimbursement_ratio: f64,
}

/// Major diseases (重大疾病) paid as a ratio of a limited cost per case (限定费用).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MajorDisease {
    pub cases_per_100k: f64,
    #[serde(deserialize_with = "money::deserialize")]
    pub limited_cost: Yuan,
    pub reimbursement_ratio: f64,
}

/// The risk reserve (风险基金): a share of income set aside each year, up to a cap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskReserve {
    /// Share of the year's income set aside.
    pub rate: f64,
    /// The reserve stops growing at this share of the year's income.
    pub cap: f64,
    #[serde(default = "money_zero", deserialize_with = "money::deserialize")]
    pub opening_reserve: Yuan,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Behaviour {
    /// Arc elasticity of demand to the share the patient pays (RAND HIE: about −0.2).
    #[serde(default = "default_elasticity")]
    pub elasticity: f64,
}

fn default_elasticity() -> f64 {
    -0.2
}

impl Default for Behaviour {
    fn default() -> Self {
        Behaviour {
            elasticity: default_elasticity(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Projection {
    /// Years to project, the base year included (1 to 10).
    pub years: u32,
    /// Yearly growth of funding per enrollee.
    #[serde(default)]
    pub funding_growth: f64,
    /// Yearly growth of unit costs (medical inflation).
    #[serde(default)]
    pub cost_growth: f64,
    /// Yearly growth of utilisation per enrollee.
    #[serde(default)]
    pub utilisation_growth: f64,
    /// Whether deductibles and caps rise with unit costs; otherwise they stay nominal.
    #[serde(default)]
    pub index_deductibles: bool,
}

/// The standards the year is checked against. Defaults are the 2013 plan
/// (seed 000_f4e4bc0b06ba3db8.txt); `null` switches a target off.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Targets {
    /// 参合率 >= 95 %.
    pub participation_min: Option<f64>,
    /// Policy-scope inpatient ratio >= 75 %.
    pub inpatient_policy_ratio_min: Option<f64>,
    /// Ceiling >= 8 × national rural net income per head ...
    pub ceiling_income_multiple_min: Option<f64>,
    /// ... taking this national rural net income per head ...
    #[serde(deserialize_with = "money::deserialize_option")]
    pub national_rural_net_income: Option<Yuan>,
    /// ... and >= 80 000 yuan.
    #[serde(deserialize_with = "money::deserialize_option")]
    pub ceiling_floor_min: Option<Yuan>,
    /// Primary-care general outpatient ratio about 40 % (checked as at least).
    pub primary_outpatient_ratio_min: Option<f64>,
    /// Outpatient pooling spending <= 25 % of the year's funds.
    pub outpatient_share_max: Option<f64>,
    /// Funding per enrollee >= 415 yuan ...
    #[serde(deserialize_with = "money::deserialize_option")]
    pub funding_per_enrollee_min: Option<Yuan>,
    /// ... of which government >= 290 yuan.
    #[serde(deserialize_with = "money::deserialize_option")]
    pub government_per_enrollee_min: Option<Yuan>,
    /// Major diseases reimbursed at >= 70 % of the limited cost.
    pub major_disease_ratio_min: Option<f64>,
    /// Surplus rate (当年结余率) within 0 to 15 %.
    pub surplus_rate_min: Option<f64>,
    pub surplus_rate_max: Option<f64>,
    /// Accumulated balance at most 25 % of the year's funds.
    pub balance_ratio_max: Option<f64>,
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            participation_min: Some(0.95),
            inpatient_policy_ratio_min: Some(0.75),
            ceiling_income_multiple_min: Some(8.0),
            // 2012 national rural net income per head, 7917 yuan (NBS statistical communiqué 2012).
            national_rural_net_income: Some(money::fen(Decimal::from(7917))),
            ceiling_floor_min: Some(money::fen(Decimal::from(80_000))),
            primary_outpatient_ratio_min: Some(0.40),
            outpatient_share_max: Some(0.25),
            funding_per_enrollee_min: Some(money::fen(Decimal::from(415))),
            government_per_enrollee_min: Some(money::fen(Decimal::from(290))),
            major_disease_ratio_min: Some(0.70),
            surplus_rate_min: Some(0.0),
            surplus_rate_max: Some(0.15),
            balance_ratio_max: Some(0.25),
        }
    }
}

/// The households patients belong to, for the protection figures (`protection`): income per head
/// is lognormal with this mean and Gini coefficient, a household has `household_size` members,
/// and the poverty line and the subsistence amount are per head a year. The defaults are the 2012
/// national rural figures (docs/protection.md says where each comes from); a field not written
/// takes its default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Households {
    /// Mean net income per head a year (农民人均纯收入).
    #[serde(deserialize_with = "money::deserialize")]
    pub income_per_head: Yuan,
    /// Gini coefficient of income per head (基尼系数); the lognormal's σ follows from it.
    pub income_gini: f64,
    /// Members of a household (户均人口): household income is income per head × this.
    pub household_size: f64,
    /// Poverty line per head a year (贫困线): a payment that takes income per head from above it
    /// to below it impoverishes.
    #[serde(deserialize_with = "money::deserialize")]
    pub poverty_line: Yuan,
    /// Subsistence spending per head a year (基本生存支出): capacity to pay is household income
    /// less this for every member (Xu et al. 2003).
    #[serde(deserialize_with = "money::deserialize")]
    pub subsistence: Yuan,
}

impl Default for Households {
    fn default() -> Self {
        Households {
            // 2012 national rural net income per head (NBS statistical communiqué 2012).
            income_per_head: money::fen(Decimal::from(7917)),
            // Fitted to the 2012 rural income quintiles (docs/protection.md): σ = 0.690.
            income_gini: 0.375,
            // About 3.9 residents a rural household (NBS rural household survey, 2012).
            household_size: 3.9,
            // China's 2011 rural poverty line, 2 300 yuan a head a year (2010 prices).
            poverty_line: money::fen(Decimal::from(2300)),
            // Rural food spending per head 2012: 5 908 yuan of consumption × 39.3 % (Engel).
            subsistence: money::fen(Decimal::from(2322)),
        }
    }
}

impl Households {
    /// Whether these are the defaults: a scenario then writes no `households` section.
    pub fn is_default(&self) -> bool {
        *self == Households::default()
    }
}

/// The spread of each assumption that moves the figures over the horizon, for the stochastic
/// projection (`risk`, 风险测算): each is the standard deviation of a normal distribution centred
/// at the scenario's own value. Growth rates are drawn once per path and hold for its whole
/// horizon; the two shocks are drawn every year, on the logarithm of the year's cost or use
/// level, and later years build on them. docs/risk.md says how each default was derived; a field
/// not written takes its default, and 0 makes the assumption certain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Ranges {
    /// Of the yearly growth of unit costs (`projection.cost_growth`), a fraction a year.
    pub cost_growth: f64,
    /// Of the yearly growth of utilisation per enrollee (`projection.utilisation_growth`).
    pub utilisation_growth: f64,
    /// Of the yearly growth of enrollment (`population.growth`).
    pub enrollment_growth: f64,
    /// Of the yearly growth of funding per head (`projection.funding_growth`): the growth the
    /// scenario assumes after its first year, not the funding a plan decides.
    pub funding_growth: f64,
    /// Of the demand elasticity (`behaviour.elasticity`).
    pub elasticity: f64,
    /// Of the yearly shock to the log of unit costs.
    pub cost_shock: f64,
    /// Of the yearly shock to the log of utilisation.
    pub utilisation_shock: f64,
}

impl Default for Ranges {
    fn default() -> Self {
        Ranges {
            // docs/risk.md: from the 27 % error of a published projection of the resident
            // scheme's 2022 spending, less what the yearly shocks explain.
            cost_growth: 0.03,
            utilisation_growth: 0.03,
            // Judgement: enrollment is counted, participation above 95 % (docs/risk.md).
            enrollment_growth: 0.01,
            // Judgement: the plan's funding is a lever; this is the growth assumed after it.
            funding_growth: 0.02,
            // Judgement: the literature's −0.1 to −0.4 around RAND's −0.2 (docs/risk.md).
            elasticity: 0.1,
            // docs/risk.md: national NCMS spending per enrollee grew 36 %, 28 % and 45 % in
            // 2009–2011 (China Statistical Yearbook 2012, table 21-20): a standard deviation of
            // 6.2 % in log growth, split evenly between costs and use.
            cost_shock: 0.044,
            utilisation_shock: 0.044,
        }
    }
}

impl Ranges {
    /// Whether these are the defaults: a scenario then writes no `ranges` section.
    pub fn is_default(&self) -> bool {
        *self == Ranges::default()
    }

    /// Every spread multiplied by `scale` (0: every assumption certain).
    pub fn scaled(&self, scale: f64) -> Ranges {
        Ranges {
            cost_growth: self.cost_growth * scale,
            utilisation_growth: self.utilisation_growth * scale,
            enrollment_growth: self.enrollment_growth * scale,
            funding_growth: self.funding_growth * scale,
            elasticity: self.elasticity * scale,
            cost_shock: self.cost_shock * scale,
            utilisation_shock: self.utilisation_shock * scale,
        }
    }

    /// Whether every spread is zero: the projection is then certain.
    pub fn is_zero(&self) -> bool {
        [
            self.cost_growth,
            self.utilisation_growth,
            self.enrollment_growth,
            self.funding_growth,
            self.elasticity,
            self.cost_shock,
            self.utilisation_shock,
        ]
        .iter()
        .all(|v| *v == 0.0)
    }
}

/// Base-year figures reported by the fund, for calibration. Every field is optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Observed {
    #[serde(deserialize_with = "money::deserialize_option")]
    pub income: Option<Yuan>,
    #[serde(deserialize_with = "money::deserialize_option")]
    pub spending: Option<Yuan>,
    /// Inpatient spending, major diseases included (as funds report it).
    #[serde(deserialize_with = "money::deserialize_option")]
    pub inpatient_spending: Option<Yuan>,
    /// Inpatient person-times, major-disease cases included.
    pub admissions: Option<f64>,
    pub compensated_person_times: Option<f64>,
    /// Of `compensated_person_times`, those of care the model does not price (health checks
    /// and other): the model is compared with the total less these.
    pub other_person_times: Option<f64>,
    /// Of `spending`, what went to care the model does not price (health checks and other).
    #[serde(deserialize_with = "money::deserialize_option")]
    pub other_spending: Option<Yuan>,
    pub inpatient_policy_ratio: Option<f64>,
    pub outpatient_policy_ratio: Option<f64>,
    /// Mean cost of a general outpatient visit over all levels.
    #[serde(deserialize_with = "money::deserialize_option")]
    pub outpatient_mean_cost: Option<Yuan>,
}

/// What kind of care a line pays for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CareKind {
    Outpatient,
    Inpatient,
    SpecialDisease,
}
