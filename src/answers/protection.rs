//! What a plan does for families (医疗保障效果): from each line's lognormal bills and its rules, the
//! distribution of what a patient pays out of pocket in a patient-year, against a lognormal
//! distribution of household income; the shares of patients whose payment is catastrophic
//! (above 10 % or 25 % of household income, or 40 % of capacity to pay) or impoverishing, for
//! the baseline and each plan, and the fund's cost per point of catastrophic share avoided.
//!
//! Numeric integration, not sampling, so that every figure is smooth in every lever: one bill is
//! integrated by Gauss–Legendre over the lognormal, split where the payment rule bends; a year of
//! outpatient visits by Panjer's recursion on a grid. docs/protection.md states the model and its
//! measured accuracy. Everything here is `f64` with `libm`, like `lognormal`; money only at the
//! edge, through `money::fen_from_f64`.

use crate::answers::patient::{self, CaseRules, PatientKind, PatientLayer};
use crate::base::lang::{Label, Lang, Text};
use crate::base::lognormal::{expected_benefit, standard_normal_cdf, ClaimSize, Layer};
use crate::base::money::{self, fen_from_f64, minus, to_f64, Yuan};
use crate::base::units::{Figure, Shown, Unit};
use crate::model::compare::differences;
use crate::model::projection::{simulate, simulate_proposal_against};
use crate::model::report::Report;
use crate::scenario::file_format::{Households, Level, NamedPlan, Scenario};
use crate::scenario::problem::Problem;
use crate::scenario::terms::level_label;
use crate::scenario::validate::{check_named_plans, CheckedScenario};
use serde::{Deserialize, Serialize};
use std::f64::consts::{PI, SQRT_2};

/// The name and version of the protection figures' JSON form.
pub const PROTECTION_FORMAT: &str = "ncms-sim/protection@1";

/// The SDG 3.8.2 thresholds: out-of-pocket payments above these shares of household income.
const INCOME_SHARES: [f64; 2] = [0.10, 0.25];
/// Xu et al. (2003): payments above this share of capacity to pay are catastrophic.
const CAPACITY_SHARE: f64 = 0.40;
/// Cells of the grid a year of outpatient visits is added up on.
const GRID_CELLS: usize = 1024;
/// The standard normal is integrated over ±this many standard deviations (beyond it: 2 × 10⁻¹⁹).
const NORMAL_SPAN: f64 = 9.0;
/// Below this a change of share (a billionth of a point) is no share avoided: the cost per point
/// is not given.
const MIN_AVOIDED: f64 = 1e-11;

/// The four measures, in the order of [`Shares`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Measure {
    /// Out-of-pocket above 10 % of household income (SDG 3.8.2).
    #[serde(rename = "catastrophic_10")]
    Catastrophic10,
    /// Out-of-pocket above 25 % of household income (SDG 3.8.2).
    #[serde(rename = "catastrophic_25")]
    Catastrophic25,
    /// Out-of-pocket above 40 % of capacity to pay (Xu et al. 2003).
    #[serde(rename = "catastrophic_ctp40")]
    CatastrophicCtp40,
    /// Income per head from above the poverty line to below it (因病致贫).
    #[serde(rename = "impoverishing")]
    Impoverishing,
}

impl Measure {
    pub const ALL: [Measure; 4] = [
        Measure::Catastrophic10,
        Measure::Catastrophic25,
        Measure::CatastrophicCtp40,
        Measure::Impoverishing,
    ];

    /// Its key in the JSON form (`catastrophic_10`).
    pub fn name(self) -> &'static str {
        match self {
            Measure::Catastrophic10 => "catastrophic_10",
            Measure::Catastrophic25 => "catastrophic_25",
            Measure::CatastrophicCtp40 => "catastrophic_ctp40",
            Measure::Impoverishing => "impoverishing",
        }
    }

    pub fn label(self) -> Label {
        match self {
            Measure::Catastrophic10 => Label::new(
                "自付超过家庭年收入 10% 的患者比例",
                "patients paying over 10 % of household income",
            ),
            Measure::Catastrophic25 => Label::new(
                "自付超过家庭年收入 25% 的患者比例",
                "patients paying over 25 % of household income",
            ),
            Measure::CatastrophicCtp40 => Label::new(
                "自付超过家庭支付能力 40% 的患者比例",
                "patients paying over 40 % of capacity to pay",
            ),
            Measure::Impoverishing => Label::new(
                "因病致贫的患者比例（降至贫困线以下）",
                "patients pushed below the poverty line",
            ),
        }
    }

    /// The measure in a few words, for a column or a row of a table.
    pub fn short_label(self) -> Label {
        match self {
            Measure::Catastrophic10 => Label::new("超过收入 10%", "over 10 % of income"),
            Measure::Catastrophic25 => Label::new("超过收入 25%", "over 25 % of income"),
            Measure::CatastrophicCtp40 => {
                Label::new("超过支付能力 40%", "over 40 % of capacity to pay")
            }
            Measure::Impoverishing => Label::new("因病致贫", "impoverished"),
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A protection figure the tornado measures and goal seek targets: a share overall or of one
/// kind of care, or the mean out-of-pocket payment per admission, of one plan for the baseline's
/// first-year patients. Named as the JSON form names it: `catastrophic_10` (overall),
/// `inpatient_catastrophic_10` (the kind's), `mean_oop_per_admission`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProtectionFigure {
    /// A measure over every patient-year of every line.
    Overall(Measure),
    /// A measure over the patient-years of one kind of care.
    Kind(PatientKind, Measure),
    /// The mean out-of-pocket payment per admission, over the baseline's admissions.
    MeanOopPerAdmission,
}

/// The overall `mean_oop_per_admission`, named apart from the report's "住院次均自付"
/// (`Indicator::MeanOutOfPocketPerAdmission`, over the plan's own admissions): a plan's differs
/// from it by the release effect's change of mix (docs/protection.md §2).
pub const MEAN_OOP_PER_ADMISSION: Label = Label::new(
    "次均住院自付（按基线住院人次）",
    "mean out-of-pocket per admission (the baseline's admissions)",
);

impl ProtectionFigure {
    /// Every protection figure: the four overall shares, the four of each kind of care, the mean
    /// out-of-pocket payment per admission.
    pub fn all() -> impl Iterator<Item = ProtectionFigure> {
        Measure::ALL
            .into_iter()
            .map(ProtectionFigure::Overall)
            .chain(PatientKind::ALL.into_iter().flat_map(|kind| {
                Measure::ALL
                    .into_iter()
                    .map(move |measure| ProtectionFigure::Kind(kind, measure))
            }))
            .chain(std::iter::once(ProtectionFigure::MeanOopPerAdmission))
    }

    /// Its name: `catastrophic_10`, `inpatient_catastrophic_10`, `mean_oop_per_admission`.
    pub fn name(self) -> String {
        match self {
            ProtectionFigure::Overall(measure) => measure.name().to_string(),
            ProtectionFigure::Kind(kind, measure) => format!("{}_{}", kind.name(), measure.name()),
            ProtectionFigure::MeanOopPerAdmission => "mean_oop_per_admission".to_string(),
        }
    }

    /// The figure of a name.
    pub fn parse(name: &str) -> Option<ProtectionFigure> {
        ProtectionFigure::all().find(|f| f.name() == name)
    }

    /// Its label, from the measure's and the kind of care's: "住院（每次）自付超过家庭年收入 10%
    /// 的患者比例" / "share of patients paying over 10 % of household income (inpatient stays)".
    pub fn label(self) -> Text {
        match self {
            ProtectionFigure::Overall(measure) => {
                let label = measure.label();
                Text::new(label.zh, format!("share of {}", label.en))
            }
            ProtectionFigure::Kind(kind, measure) => {
                let (kind, measure) = (kind_label(kind), measure.label());
                Text::new(
                    format!("{}{}", kind.zh, measure.zh),
                    format!("share of {} ({})", measure.en, kind.en),
                )
            }
            ProtectionFigure::MeanOopPerAdmission => MEAN_OOP_PER_ADMISSION.into(),
        }
    }

    /// The kind of care it is about (`None`: every patient, or every admission), named as a
    /// patient-year of it is: "住院（每次）" / "inpatient stays".
    pub fn care(self) -> Option<Label> {
        match self {
            ProtectionFigure::Kind(kind, _) => Some(kind_label(kind)),
            _ => None,
        }
    }

    /// The kind of care's name, or the figure's where it is about every patient.
    pub fn care_name(self) -> Text {
        self.care().map_or_else(|| self.label(), Text::from)
    }

    /// A share (a fraction of patients), or money per admission.
    pub fn unit(self) -> Unit {
        match self {
            ProtectionFigure::MeanOopPerAdmission => Unit::Yuan,
            _ => Unit::Share,
        }
    }

    /// How it is shown: shares in per cent, the payment in 元.
    pub fn shown(self) -> Shown {
        match self {
            ProtectionFigure::MeanOopPerAdmission => Shown::Amount,
            _ => Shown::Percent,
        }
    }

    /// The figure in one plan's figures (`None`: the plan has no care of that kind).
    pub fn of(self, figures: &PlanFigures) -> Option<Figure> {
        match self {
            ProtectionFigure::Overall(measure) => {
                Some(Figure::Share(figures.overall.shares.get(measure)))
            }
            ProtectionFigure::Kind(kind, measure) => figures
                .kinds
                .iter()
                .find(|k| k.kind == kind)
                .map(|k| Figure::Share(k.shares.get(measure))),
            ProtectionFigure::MeanOopPerAdmission => {
                Some(Figure::Yuan(figures.overall.mean_oop_per_admission))
            }
        }
    }
}

/// What a patient-year of a kind of care is: "住院（每次）" / "inpatient stays".
pub fn kind_label(kind: PatientKind) -> Label {
    match kind {
        PatientKind::Outpatient => {
            Label::new("普通门诊（每人全年）", "outpatient care (a user's year)")
        }
        PatientKind::Inpatient => Label::new("住院（每次）", "inpatient stays"),
        PatientKind::SpecialDisease => Label::new(
            "特殊病种大额门诊（每人全年）",
            "special-disease care (a patient's year)",
        ),
        PatientKind::MajorDisease => Label::new("重大疾病（每例）", "major-disease cases"),
    }
}

/// The four shares of patients, as fractions (0.12 is 12 %). A plan's change holds the
/// differences from the baseline in the same fields.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Shares {
    pub catastrophic_10: f64,
    pub catastrophic_25: f64,
    pub catastrophic_ctp40: f64,
    pub impoverishing: f64,
}

impl Shares {
    fn from_array(values: [f64; 4]) -> Shares {
        Shares {
            catastrophic_10: values[0],
            catastrophic_25: values[1],
            catastrophic_ctp40: values[2],
            impoverishing: values[3],
        }
    }

    fn to_array(self) -> [f64; 4] {
        [
            self.catastrophic_10,
            self.catastrophic_25,
            self.catastrophic_ctp40,
            self.impoverishing,
        ]
    }

    pub fn get(&self, measure: Measure) -> f64 {
        self.to_array()[measure.index()]
    }

    /// `self − base`, measure by measure.
    pub fn minus(&self, base: &Shares) -> Shares {
        let (a, b) = (self.to_array(), base.to_array());
        Shares::from_array(std::array::from_fn(|i| a[i] - b[i]))
    }
}

/// One line of care: its patients in the first year (the baseline's) and what they pay under
/// one plan's rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineProtection {
    /// `None` for the scheme-wide special- and major-disease rules.
    pub level: Option<Level>,
    pub kind: PatientKind,
    /// Patient-years in the first year: admissions, outpatient users (enrollees with at least one
    /// visit), special-disease patients, major-disease cases.
    pub patients: f64,
    /// Visits per outpatient user in the year (Poisson visits, at least one); 1 otherwise.
    pub claims_per_patient: f64,
    /// The mean bill of a patient-year.
    pub mean_bill: Yuan,
    /// The mean out-of-pocket payment of a patient-year (an admission for inpatient care).
    pub mean_oop: Yuan,
    #[serde(flatten)]
    pub shares: Shares,
    /// Against the baseline (`None` for the baseline itself).
    pub change: Option<LineChange>,
}

/// A line of a plan less the same line of the baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineChange {
    #[serde(flatten)]
    pub shares: Shares,
    pub mean_oop: Yuan,
}

/// Every line of one kind of care together, weighted by their patients.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KindProtection {
    pub kind: PatientKind,
    pub patients: f64,
    pub mean_oop: Yuan,
    #[serde(flatten)]
    pub shares: Shares,
    /// Against the baseline (`None` for the baseline itself).
    pub change: Option<LineChange>,
}

/// Every patient-year of every line together, weighted by the lines' patients.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overall {
    pub patients: f64,
    #[serde(flatten)]
    pub shares: Shares,
    /// Over the inpatient lines' admissions (major-disease cases apart, as in the report).
    pub mean_oop_per_admission: Yuan,
}

/// Where a plan leaves the fund: the trade-off point against its shares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FundPoint {
    /// The first year, whose spending the shares are set against.
    pub year: i32,
    pub spending: Yuan,
    pub surplus: Yuan,
    /// The last year of the horizon.
    pub horizon_year: i32,
    pub closing_balance: Yuan,
    pub available_balance: Yuan,
}

/// The fund's cost per percentage point of a share avoided: the plan's extra first-year spending
/// over the fall in the share, in points. `None` when the share does not fall.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostPerPoint {
    pub catastrophic_10: Option<Yuan>,
    pub catastrophic_25: Option<Yuan>,
    pub catastrophic_ctp40: Option<Yuan>,
    pub impoverishing: Option<Yuan>,
}

impl CostPerPoint {
    pub fn get(&self, measure: Measure) -> Option<Yuan> {
        match measure {
            Measure::Catastrophic10 => self.catastrophic_10,
            Measure::Catastrophic25 => self.catastrophic_25,
            Measure::CatastrophicCtp40 => self.catastrophic_ctp40,
            Measure::Impoverishing => self.impoverishing,
        }
    }
}

/// A plan less the baseline, overall.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanChange {
    #[serde(flatten)]
    pub shares: Shares,
    pub mean_oop_per_admission: Yuan,
    /// The plan's first-year fund spending less the baseline's (release effect included).
    pub extra_spending: Yuan,
    pub surplus: Yuan,
    pub closing_balance: Yuan,
    pub cost_per_point: CostPerPoint,
}

/// One plan's protection figures (the baseline's too): overall, by kind of care and by line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanProtection {
    pub name: String,
    pub overall: Overall,
    pub kinds: Vec<KindProtection>,
    pub lines: Vec<LineProtection>,
    pub fund: FundPoint,
    /// Against the baseline (`None` for the baseline itself).
    pub change: Option<PlanChange>,
}

/// The income distribution the figures use, as fitted, for the reader to check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncomeAssumption {
    pub mean_per_head: Yuan,
    pub gini: f64,
    /// The standard deviation of log income per head, `√2 Φ⁻¹((1 + Gini)/2)`.
    pub sigma: f64,
    pub median_per_head: Yuan,
    /// The mean income per head of each fifth of people, poorest first.
    pub quintile_means: Vec<Yuan>,
    /// People whose income per head is below the poverty line before any payment.
    pub below_poverty_line: f64,
    /// People whose household has no capacity to pay (income per head at most subsistence).
    pub below_subsistence: f64,
}

/// The households' assumptions, echoed with the fitted distribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProtectionAssumptions {
    pub income: IncomeAssumption,
    pub household_size: f64,
    pub poverty_line: Yuan,
    pub subsistence: Yuan,
}

/// The baseline and every plan, for the first year: what `ncms protection` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Protection {
    #[serde(skip_deserializing)]
    pub format: &'static str,
    pub scenario_id: String,
    pub scenario_name: Text,
    /// The year the figures are for: the scenario's first.
    pub year: i32,
    /// The baseline first, then each plan.
    pub plans: Vec<PlanProtection>,
    pub assumptions: ProtectionAssumptions,
    /// How the figures are made, where a reader could read them otherwise.
    pub notes: Vec<Text>,
}

/// How the figures are made (docs/protection.md says more).
const NOTES: &[Label] = &[
    Label::new(
        "按患者-年计算：每次住院、每位门诊患者一年的门诊、每位特殊病种患者一年、每例重大疾病，各自与家庭年收入比较，视为该户当年唯一的医疗支出（SDG 3.8.2 的阈值按此口径使用）。",
        "Per patient-year: each admission, each outpatient user's year of visits at a level, each \
         special-disease patient's year and each major-disease case is set against a year of \
         household income, as if it were the household's only health spending that year (the \
         SDG 3.8.2 thresholds applied per patient-year).",
    ),
    Label::new(
        "第一年的规则与费用；患者为基线第一年的患者（各方案改变的是自付多少，而不是谁生病），释放效应只计入基金支出。",
        "The first year's rules and costs; the patients are the baseline's first-year patients \
         (a plan changes what each pays, not who is ill): the release effect enters the fund's \
         spending, not the patients.",
    ),
    Label::new(
        "门诊就诊次数服从泊松分布（均值为人均就诊次数），门诊患者为全年至少就诊一次者；封顶线按每次住院（特殊病种按全年）比较；重大疾病按限定费用计，患者自付限定费用的其余部分。",
        "Outpatient visits are Poisson with the visits per enrollee as mean, a user having at \
         least one; the annual ceiling caps each admission (special disease: the year); a \
         major-disease case costs its limited cost, of which the patient pays what the ratio \
         leaves.",
    ),
    Label::new(
        "家庭人均收入服从对数正态分布（均值与基尼系数），家庭收入 = 人均收入 × 户均人口；支付能力 = 家庭收入 − 户均人口 × 基本生存支出。",
        "Income per head is lognormal (mean and Gini coefficient); household income is income \
         per head times the household size; capacity to pay is household income less \
         subsistence for every member.",
    ),
];

/// The standard normal quantile Φ⁻¹(p), 0 < p < 1: Acklam's rational approximation (relative
/// error 1.15 × 10⁻⁹) and one Halley step on `erfc`, which brings it to a few ulps.
fn standard_normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969683028665376e+01,
        2.209460984245205e+02,
        -2.759285104469687e+02,
        1.38357751867269e+02,
        -3.066479806614716e+01,
        2.506628277459239e+00,
    ];
    const B: [f64; 5] = [
        -5.447609879822406e+01,
        1.615858368580409e+02,
        -1.556989798598866e+02,
        6.680131188771972e+01,
        -1.328068155288572e+01,
    ];
    const C: [f64; 6] = [
        -7.784894002430293e-03,
        -3.223964580411365e-01,
        -2.400758277161838e+00,
        -2.549732539343734e+00,
        4.374664141464968e+00,
        2.938163982698783e+00,
    ];
    const D: [f64; 4] = [
        7.784695709041462e-03,
        3.224671290700398e-01,
        2.445134137142996e+00,
        3.754408661907416e+00,
    ];
    const LOW: f64 = 0.02425;
    let tail = |q: f64| {
        let r = libm::sqrt(-2.0 * libm::log(q));
        (((((C[0] * r + C[1]) * r + C[2]) * r + C[3]) * r + C[4]) * r + C[5])
            / ((((D[0] * r + D[1]) * r + D[2]) * r + D[3]) * r + 1.0)
    };
    let x = if p < LOW {
        tail(p)
    } else if p > 1.0 - LOW {
        -tail(1.0 - p)
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    };
    let e = 0.5 * libm::erfc(-x / SQRT_2) - p;
    let u = e * libm::sqrt(2.0 * PI) * libm::exp(x * x / 2.0);
    x - u / (1.0 + x * u / 2.0)
}

/// 1 − Φ(z), computed directly so that the upper tail keeps its precision.
fn standard_normal_survival(z: f64) -> f64 {
    0.5 * libm::erfc(z / SQRT_2)
}

fn standard_normal_density(z: f64) -> f64 {
    libm::exp(-0.5 * z * z) / libm::sqrt(2.0 * PI)
}

/// The σ of a lognormal with Gini coefficient `gini`: G = 2Φ(σ/√2) − 1.
pub fn lognormal_sigma_of_gini(gini: f64) -> f64 {
    SQRT_2 * standard_normal_quantile((1.0 + gini) / 2.0)
}

/// Which households a payment hits, for one measure: a year's payment `t` counts when
/// `t > scale × (I − offset)` for income per head `I` above `offset`; at or below it, every
/// payment counts (`below_counts`: capacity to pay) or none does (impoverishing: the household
/// was poor already).
#[derive(Debug, Clone, Copy)]
struct Threshold {
    scale: f64,
    offset: f64,
    below_counts: bool,
}

/// The households of a scenario in the `f64` world: the lognormal of income per head (`σ = 0`:
/// every household has the mean) and, for each measure, which households a payment hits.
#[derive(Debug, Clone, Copy)]
struct Incomes {
    mean: f64,
    mu: f64,
    sigma: f64,
    thresholds: [Threshold; 4],
    /// ln of each threshold's scale, and P(I < offset): worked out once.
    ln_scale: [f64; 4],
    below_offset: [f64; 4],
    /// P(I < poverty line) and P(I ≤ subsistence).
    below_poverty_line: f64,
    below_subsistence: f64,
}

impl Incomes {
    fn new(households: &Households) -> Incomes {
        let mean = to_f64(households.income_per_head);
        let sigma = lognormal_sigma_of_gini(households.income_gini);
        let size = households.household_size;
        let poverty_line = to_f64(households.poverty_line);
        let subsistence = to_f64(households.subsistence);
        let threshold = |scale: f64, offset: f64, below_counts: bool| Threshold {
            scale,
            offset,
            below_counts,
        };
        let mut incomes = Incomes {
            mean,
            mu: libm::log(mean) - sigma * sigma / 2.0,
            sigma,
            thresholds: [
                // Above 10 % and 25 % of household income n I.
                threshold(INCOME_SHARES[0] * size, 0.0, false),
                threshold(INCOME_SHARES[1] * size, 0.0, false),
                // Above 40 % of capacity to pay n (I − subsistence); none is capacity at all.
                threshold(CAPACITY_SHARE * size, subsistence, true),
                // From at or above the line to below it: I − t/n < z, that is t > n (I − z).
                threshold(size, poverty_line, false),
            ],
            ln_scale: [0.0; 4],
            below_offset: [0.0; 4],
            below_poverty_line: 0.0,
            below_subsistence: 0.0,
        };
        incomes.ln_scale = incomes.thresholds.map(|th| libm::log(th.scale));
        incomes.below_offset = incomes.thresholds.map(|th| incomes.below(th.offset));
        incomes.below_poverty_line = incomes.below(poverty_line);
        incomes.below_subsistence = incomes.at_or_below(subsistence);
        incomes
    }

    fn is_degenerate(&self) -> bool {
        self.sigma == 0.0
    }

    /// P(I < x).
    fn below(&self, x: f64) -> f64 {
        if self.is_degenerate() {
            f64::from(u8::from(self.mean < x))
        } else if x > 0.0 {
            standard_normal_cdf((libm::log(x) - self.mu) / self.sigma)
        } else {
            0.0
        }
    }

    /// P(I ≤ x): P(I < x) but for every household having the mean.
    fn at_or_below(&self, x: f64) -> f64 {
        if self.is_degenerate() {
            f64::from(u8::from(self.mean <= x))
        } else {
            self.below(x)
        }
    }

    /// For a payment of `t` yuan in the year, the share of households for which it counts, less
    /// the jump at `t = 0+` ([`Incomes::jump`]): 0 at `t = 0`, and continuous for a lognormal
    /// income. With offset `c` and scale `k`, it is `P(c ≤ I < c + t/k)` (`c = 0`: above a share
    /// of income; capacity to pay; impoverishing: `z ≤ I < z + t/n`).
    fn continuous(&self, t: f64) -> [f64; 4] {
        if t <= 0.0 {
            return [0.0; 4];
        }
        let ln_t = libm::log(t);
        std::array::from_fn(|k| {
            let th = &self.thresholds[k];
            if th.offset > 0.0 {
                (self.below(th.offset + t / th.scale) - self.below_offset[k]).max(0.0)
            } else if self.is_degenerate() {
                self.below(t / th.scale)
            } else {
                standard_normal_cdf((ln_t - self.ln_scale[k] - self.mu) / self.sigma)
            }
        })
    }

    /// What any payment above 0 adds: the households with no capacity to pay, for whom every
    /// payment is catastrophic.
    fn jump(&self) -> [f64; 4] {
        self.thresholds.map(|th| {
            if th.below_counts {
                self.at_or_below(th.offset)
            } else {
                0.0
            }
        })
    }

    /// The shares for a payment every patient of the line makes (a major-disease case).
    fn of_fixed_payment(&self, pays: f64) -> [f64; 4] {
        if self.is_degenerate() {
            return at_the_mean_income(self, |t| f64::from(u8::from(pays > t)));
        }
        let continuous = self.continuous(pays);
        let jump = self.jump();
        std::array::from_fn(|k| continuous[k] + if pays > 0.0 { jump[k] } else { 0.0 })
    }
}

/// E over households of P(payment > t(I)) for each measure, given `payment_above(t)` = the
/// chance that a patient-year's payment exceeds `t` (and `any` = P(payment > 0)) — for a
/// degenerate income, the closed form at the one income.
fn at_the_mean_income(incomes: &Incomes, payment_above: impl Fn(f64) -> f64) -> [f64; 4] {
    let m = incomes.mean;
    incomes.thresholds.map(|th| {
        if m > th.offset {
            payment_above(th.scale * (m - th.offset))
        } else if th.below_counts || (m == th.offset && th.offset > 0.0) {
            // No capacity to pay: any payment; exactly at the poverty line: any payment takes
            // the household below it.
            payment_above(0.0)
        } else {
            0.0
        }
    })
}

/// A lognormal bill in the `f64` world: the same `μ` and `σ` as `lognormal::ClaimSize`.
#[derive(Debug, Clone, Copy)]
struct Bill {
    mean: f64,
    mu: f64,
    sigma: f64,
}

impl Bill {
    /// The same lognormal, to the bit.
    fn same_as(&self, other: &Bill) -> bool {
        self.mean.to_bits() == other.mean.to_bits()
            && self.mu.to_bits() == other.mu.to_bits()
            && self.sigma.to_bits() == other.sigma.to_bits()
    }

    fn new(mean: f64, cv: f64) -> Bill {
        let sigma_squared = libm::log(1.0 + cv * cv);
        Bill {
            mean,
            mu: libm::log(mean) - sigma_squared / 2.0,
            sigma: libm::sqrt(sigma_squared),
        }
    }

    fn is_degenerate(&self) -> bool {
        self.sigma == 0.0 || self.mean <= 0.0
    }

    /// P(X > x).
    fn survival(&self, x: f64) -> f64 {
        if x == f64::INFINITY {
            0.0
        } else if x < 0.0 {
            1.0
        } else if self.is_degenerate() {
            if self.mean > x {
                1.0
            } else {
                0.0
            }
        } else if x == 0.0 {
            1.0
        } else {
            standard_normal_survival((libm::log(x) - self.mu) / self.sigma)
        }
    }
}

/// What a patient pays on a bill `x` under one claim's rules: `x − min(cap, r · max(0, p x − d))`,
/// the layers of `patient::bill` (the scheme's part capped by the per-claim cap and the annual
/// ceiling, the patient paying the rest) without the rounding to the fen. Piecewise linear and
/// nondecreasing in `x`: slope 1 up to the deductible, `1 − r p` above it, 1 again above the cap.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Payment {
    scope: f64,
    deductible: f64,
    ratio: f64,
    /// The lower of the cap per claim and the ceiling (∞: neither).
    cap: f64,
}

impl Payment {
    /// The patient's part of the claim rules (`None`: nothing in the scenario pays it).
    fn of(rules: Option<&CaseRules>, kind: PatientKind) -> Payment {
        let Some(rules) = rules else {
            return Payment {
                scope: 0.0,
                deductible: 0.0,
                ratio: 0.0,
                cap: f64::INFINITY,
            };
        };
        let layers = PatientLayer::of(kind);
        let limit = |layer, amount: Option<Yuan>| {
            amount
                .filter(|_| layers.contains(&layer))
                .map_or(f64::INFINITY, to_f64)
        };
        Payment {
            scope: rules.scope_share,
            deductible: to_f64(rules.deductible),
            ratio: rules.ratio,
            cap: limit(PatientLayer::OverCap, rules.cap)
                .min(limit(PatientLayer::OverCeiling, rules.ceiling)),
        }
    }

    fn paid_share(&self) -> f64 {
        self.ratio * self.scope
    }

    /// The bill at the deductible.
    fn at_deductible(&self) -> f64 {
        self.deductible / self.scope
    }

    /// The bill at which the cap binds (∞ without a cap).
    fn at_cap(&self) -> f64 {
        self.at_deductible() + self.cap / self.paid_share()
    }

    /// What the patient pays on a bill of `x`.
    fn patient_pays(&self, x: f64) -> f64 {
        if self.paid_share() <= 0.0 {
            return x;
        }
        let benefit = (self.ratio * (self.scope * x - self.deductible).max(0.0)).min(self.cap);
        (x - benefit).max(0.0)
    }

    /// The bills where the rule bends (finite and above 0), for the quadrature to split at.
    fn kinks(&self) -> [f64; 2] {
        if self.paid_share() <= 0.0 {
            return [f64::INFINITY; 2];
        }
        let a = self.at_deductible();
        [if a > 0.0 { a } else { f64::INFINITY }, self.at_cap()]
    }

    /// The payments at which [`Payment::bill_at_most`] bends (finite and above 0; ∞ otherwise):
    /// the deductible's bill, and what the patient pays where the cap starts to bind.
    fn bends(&self) -> [f64; 2] {
        self.kinks().map(|x| {
            let t = self.patient_pays(x);
            if x.is_finite() && t > 0.0 {
                t
            } else {
                f64::INFINITY
            }
        })
    }

    /// The largest bill on which the patient pays at most `t` (`t ≥ 0`; ∞ when every bill is):
    /// `P(payment > t) = P(X > bill_at_most(t))`, solving the linear piece the payment `t` is on.
    fn bill_at_most(&self, t: f64) -> f64 {
        let paid = self.paid_share();
        if paid <= 0.0 {
            return t;
        }
        let a = self.at_deductible();
        if t < a {
            return t;
        }
        let top = self.at_cap();
        let pays_at_top = if top.is_finite() {
            top - self.cap
        } else {
            f64::INFINITY
        };
        let slope = 1.0 - paid;
        if t < pays_at_top && slope > 0.0 {
            return (t - self.ratio * self.deductible) / slope;
        }
        if top.is_finite() {
            // Above the cap the patient pays every further yuan (with r p = 1 the middle piece is
            // flat at the deductible, and the payment grows again only past the cap).
            (t + self.cap).max(top)
        } else {
            f64::INFINITY
        }
    }
}

/// The 8-point Gauss–Legendre rule on [−1, 1]: nodes (positive half) and weights.
const GAUSS_LEGENDRE_8: [(f64, f64); 4] = [
    (0.183_434_642_495_649_8, 0.362_683_783_378_362),
    (0.525_532_409_916_329, 0.313_706_645_877_887_3),
    (0.796_666_477_413_626_7, 0.222_381_034_453_374_5),
    (0.960_289_856_497_536_3, 0.101_228_536_290_376_26),
];

/// ∫ f over [lo, hi] by the 8-point rule, added into `sum`.
fn gauss_legendre<const N: usize>(
    lo: f64,
    hi: f64,
    f: &mut impl FnMut(f64) -> [f64; N],
    sum: &mut [f64; N],
) {
    if hi <= lo {
        return;
    }
    let (mid, half) = ((lo + hi) / 2.0, (hi - lo) / 2.0);
    for (x, w) in GAUSS_LEGENDRE_8 {
        for u in [mid - half * x, mid + half * x] {
            let values = f(u);
            for (s, v) in sum.iter_mut().zip(values) {
                *s += w * half * v;
            }
        }
    }
}

/// ∫ f φ over [lo, NORMAL_SPAN] of a standard normal variable, on fixed panels of `width` from
/// −NORMAL_SPAN (the same nodes whatever the plan) split at the `cuts`, so that every piece is
/// smooth.
fn integrate_normal<const N: usize>(
    width: f64,
    lo: f64,
    cuts: &[f64],
    mut f: impl FnMut(f64) -> [f64; N],
) -> [f64; N] {
    let lo = lo.max(-NORMAL_SPAN);
    let count = (2.0 * NORMAL_SPAN / width).round() as usize;
    let mut points: Vec<f64> = (0..count)
        .map(|i| -NORMAL_SPAN + i as f64 * width)
        .chain(cuts.iter().copied())
        .filter(|u| *u > lo && *u < NORMAL_SPAN)
        .chain([lo, NORMAL_SPAN])
        .collect();
    points.sort_by(f64::total_cmp);
    points.dedup();
    let mut weighted = |u: f64| {
        let weight = standard_normal_density(u);
        f(u).map(|v| v * weight)
    };
    let mut sum = [0.0; N];
    for piece in points.windows(2) {
        gauss_legendre(piece[0], piece[1], &mut weighted, &mut sum);
    }
    sum
}

/// Cuts closing in on `u` from above, halving the distance each time down to 10⁻¹³: where the
/// integrand is smooth in `ln(u' − u)` rather than in `u'` (an offset threshold that starts at 0).
fn graded_towards(u: f64, width: f64) -> impl Iterator<Item = f64> {
    (1..=44).map(move |j| u + width * libm::ldexp(1.0, -j))
}

/// How one claim's shares are integrated: over the households' incomes, or over the bills,
/// whichever integrand is the smoother (docs/protection.md). Fixed for a line, so that every plan
/// is integrated on the same nodes (split where its own rule bends).
#[derive(Debug, Clone, Copy)]
enum Quadrature {
    /// Over `u = (ln X − μ_X)/σ_X`, the bills: the integrand (the households a payment hits)
    /// turns over `σ_I/σ_X`. Unless incomes vary far less than bills:
    OverBills { width: f64 },
    /// Over `u = (ln I − μ_I)/σ_I`, the incomes: the integrand P(payment > t(I)) turns over
    /// `σ_X/σ_I`.
    OverIncomes { width: f64 },
    /// A bill or an income that does not vary: closed forms.
    Closed,
}

impl Quadrature {
    fn new(bill: &Bill, incomes: &Incomes) -> Quadrature {
        if bill.is_degenerate() || incomes.is_degenerate() {
            return Quadrature::Closed;
        }
        // Panels of half the integrand's scale, and at most half the normal's own.
        let width = |integrand_scale: f64| {
            let width = 0.5 * integrand_scale.min(1.0);
            2.0 * NORMAL_SPAN / (2.0 * NORMAL_SPAN / width).ceil()
        };
        let (bills, incomes) = (bill.sigma, incomes.sigma);
        if incomes >= bills / 4.0 {
            // Households a payment hits turn over σ_I/σ_X, a small payment's share over 1/σ_X.
            Quadrature::OverBills {
                width: width((incomes / bills).min(1.0 / bills)),
            }
        } else {
            // The chance a payment exceeds an income's threshold turns over σ_X/σ_I (≥ 4).
            Quadrature::OverIncomes {
                width: width(1.0 / incomes),
            }
        }
    }

    /// The four shares of one claim (an admission, a special-disease year), the jump included.
    fn shares(&self, bill: &Bill, payment: &Payment, incomes: &Incomes) -> [f64; 4] {
        let above = |t: f64| bill.survival(payment.bill_at_most(t));
        let any = above(0.0);
        match *self {
            Quadrature::Closed if incomes.is_degenerate() => at_the_mean_income(incomes, above),
            Quadrature::Closed => incomes.of_fixed_payment(payment.patient_pays(bill.mean)),
            Quadrature::OverBills { width } => {
                let cuts = payment
                    .kinks()
                    .map(|k| (libm::log(k) - bill.mu) / bill.sigma);
                let continuous = integrate_normal(width, -NORMAL_SPAN, &cuts, |u| {
                    incomes.continuous(payment.patient_pays(libm::exp(bill.mu + bill.sigma * u)))
                });
                let jump = incomes.jump();
                std::array::from_fn(|k| continuous[k] + jump[k] * any)
            }
            Quadrature::OverIncomes { width } => {
                let bends = payment.bends();
                let u_of = |income: f64| (libm::log(income) - incomes.mu) / incomes.sigma;
                incomes.thresholds.map(|th| {
                    // Households above the offset, from where the threshold starts at 0.
                    let lo = if th.offset > 0.0 {
                        u_of(th.offset)
                    } else {
                        -NORMAL_SPAN
                    };
                    // Where the threshold bends, and closing in on the offset, where the
                    // threshold starts at 0 and the integrand is smooth in its logarithm.
                    let cuts: Vec<f64> = bends
                        .iter()
                        .map(|t| u_of(th.offset + t / th.scale))
                        .chain(graded_towards(lo, width).filter(|_| th.offset > 0.0))
                        .collect();
                    let [above_offset] = integrate_normal(width, lo, &cuts, |u| {
                        let income = libm::exp(incomes.mu + incomes.sigma * u);
                        [above(th.scale * (income - th.offset))]
                    });
                    let below = if th.below_counts {
                        incomes.at_or_below(th.offset) * any
                    } else {
                        0.0
                    };
                    above_offset + below
                })
            }
        }
    }
}

/// A year of outpatient visits at one level: Poisson visits (mean `lambda`, users having at least
/// one), each paid by the visit's rules, added up on a grid of `cells` cells of `step` yuan. The
/// grid and the households' shares at its points depend on the baseline only.
#[derive(Debug, Clone)]
struct VisitGrid {
    lambda: f64,
    cells: usize,
    step: f64,
    /// [`Incomes::continuous`] at each point of the grid, and at its top.
    shares: Vec<[f64; 4]>,
    top: [f64; 4],
    /// The Fourier transform's twiddles for twice the grid.
    turns: Vec<(f64, f64)>,
}

/// `e^{−2πik/n}` for `k < n/2`, from `libm` (so that native and wasm32 agree to the bit).
fn twiddles(n: usize) -> Vec<(f64, f64)> {
    (0..n / 2)
        .map(|k| {
            let angle = -2.0 * PI * k as f64 / n as f64;
            (libm::cos(angle), libm::sin(angle))
        })
        .collect()
}

/// The discrete Fourier transform in place (radix 2, `re.len()` a power of two), unscaled;
/// `inverse` turns the twiddles the other way.
fn fourier(re: &mut [f64], im: &mut [f64], twiddles: &[(f64, f64)], inverse: bool) {
    let n = re.len();
    let mut j = 0;
    for i in 1..n {
        let mut bit = n >> 1;
        while j & bit != 0 {
            j ^= bit;
            bit >>= 1;
        }
        j |= bit;
        if i < j {
            re.swap(i, j);
            im.swap(i, j);
        }
    }
    let mut size = 2;
    while size <= n {
        let half = size / 2;
        let stride = n / size;
        for start in (0..n).step_by(size) {
            for k in 0..half {
                let (wr, wi) = twiddles[k * stride];
                let wi = if inverse { -wi } else { wi };
                let (a, b) = (start + k, start + k + half);
                let (xr, xi) = (re[b] * wr - im[b] * wi, re[b] * wi + im[b] * wr);
                re[b] = re[a] - xr;
                im[b] = im[a] - xi;
                re[a] += xr;
                im[a] += xi;
            }
        }
        size *= 2;
    }
}

impl VisitGrid {
    fn new(bill: &Bill, lambda: f64, incomes: &Incomes) -> VisitGrid {
        VisitGrid::with_cells(bill, lambda, incomes, GRID_CELLS)
    }

    fn with_cells(bill: &Bill, lambda: f64, incomes: &Incomes, cells: usize) -> VisitGrid {
        // The grid reaches past one visit's bill at 5.3 σ (P ≈ 6 × 10⁻⁸) and the bills of many
        // visits: a year with a visit above it is priced at its top.
        let one_visit = if bill.is_degenerate() {
            bill.mean
        } else {
            libm::exp(bill.mu + 5.3 * bill.sigma)
        };
        let many = (lambda + 6.0 * libm::sqrt(lambda) + 6.0) * bill.mean;
        let step = (one_visit + many) / cells as f64;
        VisitGrid {
            lambda,
            cells,
            step,
            shares: (0..cells)
                .map(|s| incomes.continuous(s as f64 * step))
                .collect(),
            top: incomes.continuous(cells as f64 * step),
            turns: twiddles(2 * cells),
        }
    }

    /// E[ψ(S)] for a user's year S (ψ: [`Incomes::continuous`]), and P(S > 0).
    fn expect(&self, bill: &Bill, payment: &Payment) -> ([f64; 4], f64) {
        let (h, cells) = (self.step, self.cells);
        // One visit on the grid by rounding: cell j holds P(payment ∈ ((j − ½)h, (j + ½)h]); the
        // mass above the last cell (`tail`) is kept apart.
        let mut visit = vec![0.0; cells];
        let mut above = 1.0;
        for (j, cell) in visit.iter_mut().enumerate() {
            let next = bill.survival(payment.bill_at_most((j as f64 + 0.5) * h));
            *cell = above - next;
            above = next;
        }
        let tail = above;
        let nothing = 1.0 - bill.survival(payment.bill_at_most(0.0));
        let lambda = self.lambda;
        let (year, users, with_tail, any) = if lambda < 1e-12 {
            // As few visits as this: a user has one.
            (visit, 1.0, tail, 1.0 - nothing)
        } else {
            // The compound Poisson of the visits below the tail, through its Fourier transform:
            // ĝ = exp(λ (f̂ − 1)) (Klugman, Panjer & Willmot, *Loss Models*, aggregate losses by
            // the FFT), on twice the grid so that sums beyond it do not wrap onto it.
            let n = 2 * cells;
            let mut re = visit;
            re.resize(n, 0.0);
            let mut im = vec![0.0; n];
            fourier(&mut re, &mut im, &self.turns, false);
            // A real sequence's transform is conjugate-symmetric: half of it gives the rest.
            for k in 0..=n / 2 {
                let size = libm::exp(lambda * (re[k] - 1.0));
                let angle = lambda * im[k];
                re[k] = size * libm::cos(angle);
                im[k] = size * libm::sin(angle);
                if k > 0 && k < n / 2 {
                    re[n - k] = re[k];
                    im[n - k] = -im[k];
                }
            }
            fourier(&mut re, &mut im, &self.turns, true);
            re.truncate(cells);
            for g in &mut re {
                *g /= n as f64;
            }
            // Users: at least one visit. P(N ≥ 1) = 1 − e^{−λ}; at least one visit in the tail:
            // 1 − e^{−λ τ}; any payment: 1 − e^{−λ(1 − q₀)}, q₀ = P(a visit costs nothing).
            (
                re,
                -libm::expm1(-lambda),
                -libm::expm1(-lambda * tail),
                -libm::expm1(-lambda * (1.0 - nothing)),
            )
        };
        let mut sum = [0.0; 4];
        for (p, shares) in year.iter().zip(&self.shares).skip(1) {
            for (s, share) in sum.iter_mut().zip(shares) {
                *s += p * share;
            }
        }
        let expected = std::array::from_fn(|k| (sum[k] + with_tail * self.top[k]) / users);
        (expected, any / users)
    }
}

/// How one line's patient-year is priced.
#[derive(Debug, Clone)]
enum Year {
    /// One claim: an admission, a special-disease year.
    OneClaim(Quadrature),
    /// Outpatient visits at a level.
    Visits(VisitGrid),
    /// A major-disease case at its limited cost.
    LimitedCost,
}

/// One line's patients, as the baseline has them in the first year.
#[derive(Debug, Clone)]
struct PatientLine {
    level: Option<Level>,
    kind: PatientKind,
    /// The scenario's line (outpatient and inpatient care).
    index: Option<usize>,
    patients: f64,
    claims_per_patient: f64,
    bill: Bill,
    cost_cv: f64,
    year: Year,
}

/// The first-year patients of a baseline: who is ill, what their care costs, and the households
/// they belong to. Every plan is priced for these patients ([`figures`]); a plan's edits are
/// policy levers, so they change what a patient pays, not the patients.
#[derive(Debug, Clone)]
pub struct Patients {
    year: i32,
    incomes: Incomes,
    households: Households,
    lines: Vec<PatientLine>,
}

impl Patients {
    /// The patients of `baseline`'s first year (costs and utilisation as written, growth not yet
    /// applied).
    pub fn of(baseline: &Scenario) -> Patients {
        Patients::made(baseline, None)
    }

    /// The same patients as [`Patients::of`]`(baseline)`, to the bit, made faster when
    /// `baseline` differs from the scenario of `twin` in a few lines only (an assumption moved,
    /// as in the tornado): a line whose bills and visits are the same as the twin's, for the same
    /// households, takes the twin's integration tables instead of working them out again.
    pub fn of_like(baseline: &Scenario, twin: &Patients) -> Patients {
        Patients::made(baseline, Some(twin))
    }

    fn made(baseline: &Scenario, twin: Option<&Patients>) -> Patients {
        let twin = twin.filter(|t| t.households == baseline.households);
        // The twin's tables for a line of this kind and place, with this bill (and visits).
        let reused = |kind: PatientKind, index: Option<usize>, bill: &Bill, lambda: f64| {
            twin?
                .lines
                .iter()
                .find(|l| {
                    l.kind == kind
                        && l.index == index
                        && l.bill.same_as(bill)
                        && match &l.year {
                            Year::Visits(grid) => grid.lambda.to_bits() == lambda.to_bits(),
                            _ => true,
                        }
                })
                .map(|l| l.year.clone())
        };
        let incomes = Incomes::new(&baseline.households);
        let enrollees = baseline.population.enrollees as f64;
        let mut lines = Vec::new();
        for (index, line) in baseline.lines.iter().enumerate() {
            if let Some(o) = &line.outpatient {
                let bill = Bill::new(to_f64(o.mean_cost), o.cost_cv);
                let lambda = o.visits_per_enrollee;
                let user_share = -libm::expm1(-lambda);
                lines.push(PatientLine {
                    level: Some(line.level),
                    kind: PatientKind::Outpatient,
                    index: Some(index),
                    patients: enrollees * user_share,
                    claims_per_patient: if lambda < 1e-12 {
                        1.0
                    } else {
                        lambda / user_share
                    },
                    bill,
                    cost_cv: o.cost_cv,
                    year: reused(PatientKind::Outpatient, Some(index), &bill, lambda)
                        .unwrap_or_else(|| Year::Visits(VisitGrid::new(&bill, lambda, &incomes))),
                });
            }
            if let Some(i) = &line.inpatient {
                let bill = Bill::new(to_f64(i.mean_cost), i.cost_cv);
                lines.push(PatientLine {
                    level: Some(line.level),
                    kind: PatientKind::Inpatient,
                    index: Some(index),
                    patients: enrollees * i.admissions_per_1000 / 1000.0,
                    claims_per_patient: 1.0,
                    bill,
                    cost_cv: i.cost_cv,
                    year: reused(PatientKind::Inpatient, Some(index), &bill, 0.0)
                        .unwrap_or_else(|| Year::OneClaim(Quadrature::new(&bill, &incomes))),
                });
            }
        }
        if let Some(sd) = &baseline.rules.special_disease {
            let bill = Bill::new(to_f64(sd.annual_cost), sd.cost_cv);
            lines.push(PatientLine {
                level: None,
                kind: PatientKind::SpecialDisease,
                index: None,
                patients: enrollees * sd.patients_per_1000 / 1000.0,
                claims_per_patient: 1.0,
                bill,
                cost_cv: sd.cost_cv,
                year: reused(PatientKind::SpecialDisease, None, &bill, 0.0)
                    .unwrap_or_else(|| Year::OneClaim(Quadrature::new(&bill, &incomes))),
            });
        }
        if let Some(md) = &baseline.rules.major_disease {
            lines.push(PatientLine {
                level: None,
                kind: PatientKind::MajorDisease,
                index: None,
                patients: enrollees * md.cases_per_100k / 100_000.0,
                claims_per_patient: 1.0,
                bill: Bill::new(to_f64(md.limited_cost), 0.0),
                cost_cv: 0.0,
                year: Year::LimitedCost,
            });
        }
        Patients {
            year: baseline.year,
            incomes,
            households: baseline.households.clone(),
            lines,
        }
    }

    /// The assumptions the figures use, with the fitted income distribution.
    pub fn assumptions(&self) -> ProtectionAssumptions {
        let h = &self.households;
        let i = &self.incomes;
        let mean = to_f64(h.income_per_head);
        let cuts: Vec<f64> = (1..5)
            .map(|k| standard_normal_quantile(k as f64 / 5.0))
            .collect();
        // The mean of people between two quantiles: 5 m (Φ(z_hi − σ) − Φ(z_lo − σ)).
        let below = |k: usize| match k {
            0 => 0.0,
            5 => 1.0,
            k => standard_normal_cdf(cuts[k - 1] - i.sigma),
        };
        ProtectionAssumptions {
            income: IncomeAssumption {
                mean_per_head: money::fen(h.income_per_head),
                gini: h.income_gini,
                sigma: i.sigma,
                median_per_head: fen_from_f64(libm::exp(i.mu)),
                quintile_means: (0..5)
                    .map(|k| fen_from_f64(5.0 * mean * (below(k + 1) - below(k))))
                    .collect(),
                below_poverty_line: i.below_poverty_line,
                below_subsistence: i.below_subsistence,
            },
            household_size: h.household_size,
            poverty_line: money::fen(h.poverty_line),
            subsistence: money::fen(h.subsistence),
        }
    }
}

/// The rules of outpatient or inpatient care at line `index` of `plan` in the first year, as
/// `patient::rules` reads them for the first line of a level (this reads the line itself, so that
/// two lines of one level keep their own rules).
fn line_rules(plan: &Scenario, index: usize, kind: PatientKind) -> Option<CaseRules> {
    let line = plan.lines.get(index)?;
    let ceiling = plan
        .rules
        .annual_ceiling
        .as_ref()
        .map(|c| money::fen(c.amount()));
    match kind {
        PatientKind::Outpatient => line.outpatient.as_ref().map(|o| CaseRules {
            scope_share: o.scope_share,
            deductible: o.deductible,
            ratio: o.reimbursement_ratio,
            cap: o.visit_cap,
            ceiling: None,
            limited_cost: None,
        }),
        PatientKind::Inpatient => line.inpatient.as_ref().map(|i| CaseRules {
            scope_share: i.scope_share,
            deductible: i.deductible,
            ratio: i.reimbursement_ratio,
            cap: i.admission_cap,
            ceiling,
            limited_cost: None,
        }),
        PatientKind::SpecialDisease | PatientKind::MajorDisease => None,
    }
}

/// The claim rules of `line` in `plan` (`None`: the plan has no rules that pay it).
fn rules_of(plan: &Scenario, line: &PatientLine) -> Option<CaseRules> {
    match line.index {
        Some(index) => line_rules(plan, index, line.kind),
        None => patient::rules(plan, None, line.kind, None).ok(),
    }
}

/// One line of one plan: its shares, and the mean bill and payment of a patient-year.
fn price_line(line: &PatientLine, plan: &Scenario, incomes: &Incomes) -> LineProtection {
    let rules = rules_of(plan, line);
    let (shares, mean_bill, mean_oop) = match (&line.year, &rules) {
        (Year::LimitedCost, rules) => {
            // The model pays a case the ratio of its limited cost; the patient pays the rest.
            let limited = line.bill.mean;
            let ratio = rules.map_or(0.0, |r| r.ratio);
            let pays = limited - ratio * limited;
            (incomes.of_fixed_payment(pays), limited, pays)
        }
        (year, rules) => {
            let payment = Payment::of(rules.as_ref(), line.kind);
            let bill = &line.bill;
            let benefit = expected_benefit(
                &ClaimSize::new(bill.mean * payment.scope, line.cost_cv),
                &Layer {
                    deductible: payment.deductible,
                    ratio: payment.ratio,
                    cap: payment.cap.is_finite().then_some(payment.cap),
                },
            );
            let n = line.claims_per_patient;
            let shares = match year {
                Year::Visits(grid) => {
                    let (continuous, any) = grid.expect(bill, &payment);
                    let jump = incomes.jump();
                    std::array::from_fn(|k| continuous[k] + jump[k] * any)
                }
                Year::OneClaim(quadrature) => quadrature.shares(bill, &payment, incomes),
                Year::LimitedCost => unreachable!("priced above"),
            };
            (shares, n * bill.mean, n * (bill.mean - benefit))
        }
    };
    LineProtection {
        level: line.level,
        kind: line.kind,
        patients: line.patients,
        claims_per_patient: line.claims_per_patient,
        mean_bill: fen_from_f64(mean_bill),
        mean_oop: fen_from_f64(mean_oop),
        shares: Shares::from_array(shares.map(|s: f64| s.clamp(0.0, 1.0))),
        change: None,
    }
}

/// The mean of `value` over `lines`, weighted by their patients (0 without patients).
fn weighted(lines: &[&LineProtection], value: impl Fn(&LineProtection) -> f64) -> f64 {
    let patients: f64 = lines.iter().map(|l| l.patients).sum();
    if patients > 0.0 {
        lines.iter().map(|l| l.patients * value(l)).sum::<f64>() / patients
    } else {
        0.0
    }
}

fn weighted_shares(lines: &[&LineProtection]) -> Shares {
    Shares::from_array(std::array::from_fn(|k| {
        weighted(lines, |l| l.shares.to_array()[k])
    }))
}

/// One plan's figures for `patients`: every line, each kind of care and all together.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanFigures {
    pub overall: Overall,
    pub kinds: Vec<KindProtection>,
    pub lines: Vec<LineProtection>,
}

/// The figures of `plan` (the baseline's scenario, or a plan's from `validate::check_plan`) for
/// the baseline's `patients`: what the app recomputes when a plan changes.
pub fn figures(patients: &Patients, plan: &Scenario) -> PlanFigures {
    let lines: Vec<LineProtection> = patients
        .lines
        .iter()
        .map(|line| price_line(line, plan, &patients.incomes))
        .collect();
    aggregate(lines)
}

/// Each kind of care and all together, from the lines.
fn aggregate(lines: Vec<LineProtection>) -> PlanFigures {
    let all: Vec<&LineProtection> = lines.iter().collect();
    let admissions: Vec<&LineProtection> = lines
        .iter()
        .filter(|l| l.kind == PatientKind::Inpatient)
        .collect();
    let kinds = PatientKind::ALL
        .iter()
        .filter_map(|&kind| {
            let of_kind: Vec<&LineProtection> = lines.iter().filter(|l| l.kind == kind).collect();
            (!of_kind.is_empty()).then(|| KindProtection {
                kind,
                patients: of_kind.iter().map(|l| l.patients).sum(),
                mean_oop: fen_from_f64(weighted(&of_kind, |l| to_f64(l.mean_oop))),
                shares: weighted_shares(&of_kind),
                change: None,
            })
        })
        .collect();
    PlanFigures {
        overall: Overall {
            patients: all.iter().map(|l| l.patients).sum(),
            shares: weighted_shares(&all),
            mean_oop_per_admission: fen_from_f64(weighted(&admissions, |l| to_f64(l.mean_oop))),
        },
        kinds,
        lines,
    }
}

/// The figures of `plan` for `patients`, as [`figures`] makes them, to the bit, made faster when
/// `plan` and `patients` differ from a twin in a few lines only (one lever or assumption moved,
/// as in the tornado and goal seek): a line whose patients are priced alike in both (the same
/// bills and visits, the same households) under the same rules takes the twin's figures, with
/// its own number of patients.
pub fn figures_like(
    patients: &Patients,
    plan: &Scenario,
    twin_patients: &Patients,
    twin_plan: &Scenario,
    twin: &PlanFigures,
) -> PlanFigures {
    let same_households = patients.households == twin_patients.households;
    let lines: Vec<LineProtection> = patients
        .lines
        .iter()
        .map(|line| {
            let alike = same_households
                .then(|| {
                    twin_patients
                        .lines
                        .iter()
                        .zip(&twin.lines)
                        .find(|(t, _)| {
                            t.kind == line.kind
                                && t.index == line.index
                                && t.level == line.level
                                && t.bill.same_as(&line.bill)
                                && t.cost_cv.to_bits() == line.cost_cv.to_bits()
                                && t.claims_per_patient.to_bits()
                                    == line.claims_per_patient.to_bits()
                        })
                        .filter(|(t, _)| rules_of(twin_plan, t) == rules_of(plan, line))
                })
                .flatten();
            match alike {
                Some((_, priced)) => LineProtection {
                    patients: line.patients,
                    ..priced.clone()
                },
                None => price_line(line, plan, &patients.incomes),
            }
        })
        .collect();
    aggregate(lines)
}

/// Where a projection leaves the fund.
fn fund_point(report: &Report) -> FundPoint {
    let first = report.first_year();
    let last = report.years.last().unwrap_or(first);
    FundPoint {
        year: first.year,
        spending: first.spending.total,
        surplus: first.surplus,
        horizon_year: last.year,
        closing_balance: last.closing_balance,
        available_balance: last.available_balance,
    }
}

/// The fund's cost of a point of `avoided` share (a fraction): `extra / (100 × avoided)`.
fn cost_per_point(extra: Yuan, avoided: f64) -> Option<Yuan> {
    (avoided > MIN_AVOIDED).then(|| fen_from_f64(to_f64(extra) / (100.0 * avoided)))
}

/// One plan's entry: its figures and fund point, against the baseline's when given.
pub fn plan_protection(
    name: &str,
    figures: PlanFigures,
    report: &Report,
    baseline: Option<(&PlanFigures, &Report)>,
) -> PlanProtection {
    let fund = fund_point(report);
    let mut lines = figures.lines;
    let mut kinds = figures.kinds;
    let change = baseline.map(|(base, base_report)| {
        for (line, before) in lines.iter_mut().zip(&base.lines) {
            line.change = Some(LineChange {
                shares: line.shares.minus(&before.shares),
                mean_oop: minus(line.mean_oop, before.mean_oop),
            });
        }
        for (kind, before) in kinds.iter_mut().zip(&base.kinds) {
            kind.change = Some(LineChange {
                shares: kind.shares.minus(&before.shares),
                mean_oop: minus(kind.mean_oop, before.mean_oop),
            });
        }
        let shares = figures.overall.shares.minus(&base.overall.shares);
        let difference = differences(base_report, report);
        let first = difference.first();
        let last = difference.last();
        let extra = first.map_or(money::ZERO, |d| d.spending);
        let avoided = |measure: Measure| cost_per_point(extra, -shares.get(measure));
        PlanChange {
            shares,
            mean_oop_per_admission: minus(
                figures.overall.mean_oop_per_admission,
                base.overall.mean_oop_per_admission,
            ),
            extra_spending: extra,
            surplus: first.map_or(money::ZERO, |d| d.surplus),
            closing_balance: last.map_or(money::ZERO, |d| d.closing_balance),
            cost_per_point: CostPerPoint {
                catastrophic_10: avoided(Measure::Catastrophic10),
                catastrophic_25: avoided(Measure::Catastrophic25),
                catastrophic_ctp40: avoided(Measure::CatastrophicCtp40),
                impoverishing: avoided(Measure::Impoverishing),
            },
        }
    });
    PlanProtection {
        name: name.to_string(),
        overall: figures.overall,
        kinds,
        lines,
        fund,
        change,
    }
}

/// The baseline (named `baseline_name`) and `plans`, each a plan's edits over `scenario` whose
/// projection is `baseline_report` (`simulate(scenario)`): what the app shows for its plans.
pub fn protection_of_plans(
    scenario: &CheckedScenario,
    baseline_report: &Report,
    plans: &[NamedPlan],
    baseline_name: &str,
) -> Result<Protection, Vec<Problem>> {
    let patients = Patients::of(scenario);
    let base = figures(&patients, scenario);
    let mut entries = Vec::with_capacity(plans.len() + 1);
    for (plan, proposal) in plans.iter().zip(check_named_plans(scenario, plans)?) {
        let report = simulate_proposal_against(&proposal, scenario, baseline_report);
        entries.push(plan_protection(
            &plan.name,
            figures(&patients, &proposal),
            &report,
            Some((&base, baseline_report)),
        ));
    }
    entries.insert(
        0,
        plan_protection(baseline_name, base, baseline_report, None),
    );
    Ok(Protection {
        format: PROTECTION_FORMAT,
        scenario_id: scenario.id.clone(),
        scenario_name: scenario.name.clone(),
        year: patients.year,
        plans: entries,
        assumptions: patients.assumptions(),
        notes: NOTES.iter().map(|&n| n.into()).collect(),
    })
}

/// The baseline and every plan of the file: its named plans, or else its `proposal` (named
/// `default_name`), or the baseline alone. What `ncms protection` prints.
pub fn protection(
    scenario: &CheckedScenario,
    baseline_name: &str,
    default_name: &str,
) -> Result<Protection, Vec<Problem>> {
    let baseline_report = simulate(scenario);
    let plans = scenario.named_plans(default_name);
    protection_of_plans(scenario, &baseline_report, &plans, baseline_name)
}

/// "县级医院 住院（每次）" / "County hospital inpatient stays": a line's name.
pub fn line_name(line: &LineProtection) -> Text {
    Text::both(|lang: Lang| {
        let kind = kind_label(line.kind).get(lang);
        match line.level {
            Some(level) => format!("{} {kind}", level_label(level).get(lang)),
            None => crate::base::lang::capitalise(kind),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quantile_inverts_the_normal_distribution() {
        for p in [
            1e-12,
            1e-6,
            0.01,
            0.02425,
            0.2,
            0.5,
            0.6875,
            0.9,
            0.99,
            1.0 - 1e-9,
        ] {
            let x = standard_normal_quantile(p);
            let back = standard_normal_cdf(x);
            assert!(
                (back - p).abs() <= 4e-16_f64.max(p * 1e-14),
                "{p}: {x} gives {back}"
            );
        }
        assert!((lognormal_sigma_of_gini(0.375) - 0.6903).abs() < 1e-3);
    }

    fn payment(scope: f64, deductible: f64, ratio: f64, cap: f64) -> Payment {
        Payment {
            scope,
            deductible,
            ratio,
            cap,
        }
    }

    #[test]
    fn the_bill_at_a_payment_inverts_the_payment() {
        let rules = [
            payment(0.85, 500.0, 0.85, f64::INFINITY),
            payment(0.85, 500.0, 0.85, 80_000.0),
            payment(1.0, 0.0, 1.0, 1000.0),
            payment(1.0, 300.0, 1.0, f64::INFINITY),
            payment(0.9, 0.0, 0.4, 30.0),
            payment(0.5, 0.0, 0.0, f64::INFINITY),
        ];
        for rule in rules {
            for t in [0.0, 1.0, 100.0, 588.0, 1000.0, 5_000.0, 1e5, 1e6] {
                let x = rule.bill_at_most(t);
                if x.is_finite() {
                    let at = rule.patient_pays(x);
                    assert!(
                        at <= t + 1e-9 * t.max(1.0),
                        "{rule:?} {t}: pays {at} at {x}"
                    );
                    let beyond = rule.patient_pays(x * (1.0 + 1e-9) + 1e-9);
                    assert!(beyond > t, "{rule:?} {t}: pays {beyond} just above {x}");
                } else {
                    assert!(rule.patient_pays(1e15) <= t, "{rule:?} {t}");
                }
            }
        }
    }

    /// The lines of the 2013 plan's proposal, as the figures see them.
    fn plan_lines() -> (Patients, Scenario) {
        let json = include_str!("../../scenarios/taizhou-2013-plan.json");
        let scenario = crate::parse_scenario(json).unwrap();
        let (plan, _) =
            crate::scenario::validate::check_plan(&scenario, &scenario.proposal).unwrap();
        (Patients::of(&scenario), plan.into_scenario())
    }

    fn largest_difference(a: [f64; 4], b: [f64; 4]) -> f64 {
        (0..4).map(|k| (a[k] - b[k]).abs()).fold(0.0, f64::max)
    }

    /// Each admission and special-disease line of the 2013 plan on its own nodes, against 20 times
    /// finer panels over the bills and over the incomes (the two agree to 10⁻¹⁴ with each other).
    #[test]
    fn one_claim_is_integrated_to_1e_12() {
        let (patients, plan) = plan_lines();
        let incomes = patients.incomes;
        let mut checked = 0;
        for line in &patients.lines {
            let Year::OneClaim(quadrature) = &line.year else {
                continue;
            };
            let payment = Payment::of(rules_of(&plan, line).as_ref(), line.kind);
            let ours = quadrature.shares(&line.bill, &payment, &incomes);
            let bills =
                Quadrature::OverBills { width: 0.02 }.shares(&line.bill, &payment, &incomes);
            let over_incomes =
                Quadrature::OverIncomes { width: 0.02 }.shares(&line.bill, &payment, &incomes);
            assert!(
                largest_difference(ours, bills) < 1e-12,
                "{line:?}: {ours:?} {bills:?}"
            );
            assert!(largest_difference(bills, over_incomes) < 1e-13, "{line:?}");
            checked += 1;
        }
        assert_eq!(checked, 5);
    }

    /// Incomes far narrower than bills are integrated over the incomes, graded towards the poverty
    /// line and subsistence; the same figures as fine panels over the bills.
    #[test]
    fn narrow_incomes_are_integrated_over_the_incomes() {
        let households = Households {
            income_gini: 0.1,
            ..Households::default()
        };
        let incomes = Incomes::new(&households);
        let bill = Bill::new(6000.0, 2.0);
        let quadrature = Quadrature::new(&bill, &incomes);
        assert!(
            matches!(quadrature, Quadrature::OverIncomes { .. }),
            "{quadrature:?}"
        );
        for payment in [
            payment(0.85, 500.0, 0.85, f64::INFINITY),
            payment(0.8, 800.0, 0.6, 20_000.0),
            payment(1.0, 0.0, 1.0, 5_000.0),
        ] {
            let ours = quadrature.shares(&bill, &payment, &incomes);
            let fine = Quadrature::OverBills { width: 0.005 }.shares(&bill, &payment, &incomes);
            assert!(
                largest_difference(ours, fine) < 1e-10,
                "{payment:?}: {ours:?} {fine:?}"
            );
        }
    }

    /// The outpatient lines on their 1024-cell grid against one of 32 768 cells.
    #[test]
    fn a_year_of_visits_is_added_up_to_5e_6() {
        let (patients, plan) = plan_lines();
        let incomes = patients.incomes;
        let mut checked = 0;
        for line in &patients.lines {
            let Year::Visits(grid) = &line.year else {
                continue;
            };
            let payment = Payment::of(rules_of(&plan, line).as_ref(), line.kind);
            let fine = VisitGrid::with_cells(&line.bill, grid.lambda, &incomes, 1 << 15);
            let (ours, any) = grid.expect(&line.bill, &payment);
            let (finer, any_finer) = fine.expect(&line.bill, &payment);
            assert!(
                largest_difference(ours, finer) < 5e-6,
                "{line:?}: {ours:?} {finer:?}"
            );
            assert!((any - any_finer).abs() < 1e-15);
            checked += 1;
        }
        assert_eq!(checked, 3);
    }

    /// With hardly any visits a user has one: the grid gives the one-claim figures.
    #[test]
    fn few_visits_make_a_user_year_of_one_visit() {
        let incomes = Incomes::new(&Households::default());
        let bill = Bill::new(300.0, 1.2);
        let payment = payment(0.8, 20.0, 0.5, 100.0);
        let one = Quadrature::new(&bill, &incomes).shares(&bill, &payment, &incomes);
        for lambda in [0.0, 1e-9] {
            let (continuous, any) = VisitGrid::new(&bill, lambda, &incomes).expect(&bill, &payment);
            let jump = incomes.jump();
            let shares = std::array::from_fn(|k| continuous[k] + jump[k] * any);
            assert!(
                largest_difference(shares, one) < 5e-6,
                "{lambda}: {shares:?} {one:?}"
            );
        }
    }

    /// A line's rules are the patient view's (`patient::rules`) for the first line of a level.
    #[test]
    fn the_lines_rules_are_the_patient_views() {
        for (id, json) in crate::scenario::bundled::BUNDLED {
            let scenario = crate::parse_scenario(json).unwrap();
            let patients = Patients::of(&scenario);
            for line in &patients.lines {
                let ours = rules_of(&scenario, line);
                let theirs = patient::rules(&scenario, line.level, line.kind, None).ok();
                assert_eq!(ours, theirs, "{id}: {:?} {:?}", line.level, line.kind);
                assert!(ours.is_some());
            }
        }
    }
}
