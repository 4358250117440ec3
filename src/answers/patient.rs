//! One patient (典型病例): for a bill at a hospital level, what the patient pays and what the scheme
//! pays, layer by layer, under the baseline and under the proposal. The layers are the model's own
//! (`benefit = min(C, r · max(0, Y − d))` on the eligible cost `Y`), so the mean over a line's
//! lognormal patients is the line's mean benefit in the report.

use crate::base::lang::{capitalise, Label, Lang, Text};
use crate::base::money::{self, Yuan};
use crate::scenario::edits;
use crate::scenario::file_format::{Edits, Level, Scenario};
use crate::scenario::problem::Problem;
use crate::scenario::terms::level_label;
use crate::scenario::validate::{check_plan, CheckedScenario};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The name and version of a patient comparison's JSON form.
pub const PATIENT_FORMAT: &str = "ncms-sim/patient@1";

/// The largest bill accepted, in yuan: far above any one stay, a bound for typed input.
pub const MAX_BILL_YUAN: f64 = 1e8;

/// What the patient was treated for, and so which of the scheme's rules pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PatientKind {
    /// A general outpatient visit (普通门诊) at a level.
    Outpatient,
    /// An admission (住院) at a level.
    Inpatient,
    /// A year of special-disease outpatient care (特殊病种大额门诊), one claim a year.
    SpecialDisease,
    /// A major-disease case (重大疾病), paid as a ratio of the limited cost.
    MajorDisease,
}

impl PatientKind {
    pub const ALL: [PatientKind; 4] = [
        PatientKind::Outpatient,
        PatientKind::Inpatient,
        PatientKind::SpecialDisease,
        PatientKind::MajorDisease,
    ];

    /// The name in files and on the command line (`special_disease`).
    pub fn name(self) -> &'static str {
        match self {
            PatientKind::Outpatient => "outpatient",
            PatientKind::Inpatient => "inpatient",
            PatientKind::SpecialDisease => "special_disease",
            PatientKind::MajorDisease => "major_disease",
        }
    }

    pub fn label(self) -> Label {
        match self {
            PatientKind::Outpatient => Label::new("普通门诊", "outpatient visit"),
            PatientKind::Inpatient => Label::new("住院", "inpatient stay"),
            PatientKind::SpecialDisease => Label::new(
                "特殊病种大额门诊（全年）",
                "special-disease outpatient care (a year)",
            ),
            PatientKind::MajorDisease => Label::new("重大疾病", "major-disease case"),
        }
    }

    /// General outpatient and inpatient care are priced per hospital level; the scheme-wide
    /// special- and major-disease rules are not.
    pub fn has_level(self) -> bool {
        matches!(self, PatientKind::Outpatient | PatientKind::Inpatient)
    }
}

/// A patient to price: the kind of care, the level (for outpatient and inpatient care), the
/// total bill and, if not the line's, the share of it inside the policy scope.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PatientCase {
    pub level: Option<Level>,
    pub kind: PatientKind,
    /// The whole bill, in yuan.
    pub bill: Yuan,
    /// 政策范围内费用占比 of this bill; `None`: the line's.
    pub scope_share: Option<f64>,
}

/// The rules that price one patient in one plan, as the model applies them in the first year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CaseRules {
    /// The share of the bill inside the policy scope (1 for a major-disease case).
    pub scope_share: f64,
    /// 起付线 per visit, admission or (special disease) year.
    pub deductible: Yuan,
    /// 补偿比例 of the eligible cost above the deductible (of the limited cost for a major disease).
    pub ratio: f64,
    /// Most paid per visit or admission (`None`: no cap).
    pub cap: Option<Yuan>,
    /// The annual ceiling (封顶线), compared with this claim's benefit alone, as in the model.
    pub ceiling: Option<Yuan>,
    /// A major disease's limited cost per case (限定费用).
    pub limited_cost: Option<Yuan>,
}

/// A slice of the bill and who pays it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PatientLayer {
    /// Items outside the catalogue (政策范围外): the patient pays them.
    OutsideScope,
    /// The eligible cost up to the deductible: the patient pays it.
    Deductible,
    /// The eligible cost above the deductible (or within the limited cost): the scheme pays the
    /// ratio of it, up to the caps below; the patient the rest (the co-payment).
    AtRatio,
    /// What the ratio would pay above the cap per visit or admission: the patient pays it.
    OverCap,
    /// What the ratio would pay above the annual ceiling: the patient pays it.
    OverCeiling,
    /// A major-disease bill above the limited cost: the patient pays it.
    OverLimitedCost,
}

impl PatientLayer {
    /// The layer's name for people.
    pub fn label(self, kind: PatientKind) -> Label {
        match (self, kind) {
            (PatientLayer::OutsideScope, _) => Label::new(
                "目录外（政策范围外）费用",
                "Outside the catalogue (policy scope)",
            ),
            (PatientLayer::Deductible, _) => Label::new("起付线", "Deductible"),
            (PatientLayer::AtRatio, PatientKind::MajorDisease) => Label::new(
                "限定费用内按比例补偿（自付 / 基金）",
                "Within the limited cost, at the ratio (co-payment / scheme)",
            ),
            (PatientLayer::AtRatio, _) => Label::new(
                "起付线以上按比例补偿（自付 / 基金）",
                "Above the deductible, at the ratio (co-payment / scheme)",
            ),
            (PatientLayer::OverCap, PatientKind::Outpatient) => {
                Label::new("超过每次门诊补偿限额", "Above the per-visit cap")
            }
            (PatientLayer::OverCap, _) => {
                Label::new("超过每次住院补偿限额", "Above the per-admission cap")
            }
            (PatientLayer::OverCeiling, _) => Label::new("超过封顶线", "Above the annual ceiling"),
            (PatientLayer::OverLimitedCost, _) => {
                Label::new("超过限定费用", "Above the limited cost")
            }
        }
    }

    /// The layers of a kind of care, in the order they apply.
    pub fn of(kind: PatientKind) -> &'static [PatientLayer] {
        use PatientLayer::*;
        match kind {
            PatientKind::Outpatient => &[OutsideScope, Deductible, AtRatio, OverCap],
            PatientKind::Inpatient => &[OutsideScope, Deductible, AtRatio, OverCap, OverCeiling],
            PatientKind::SpecialDisease => &[OutsideScope, Deductible, AtRatio, OverCeiling],
            PatientKind::MajorDisease => &[OverLimitedCost, AtRatio],
        }
    }
}

/// One layer of the bill: its slice, split between patient and scheme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LayerShare {
    pub layer: PatientLayer,
    pub label: Text,
    pub patient: Yuan,
    pub scheme: Yuan,
}

/// One patient's bill under one plan. `patient + scheme` is the bill, to the fen, and each is
/// the sum of its column of `layers`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PatientBill {
    pub rules: CaseRules,
    /// The bill inside the policy scope (the limited cost or the bill, if less, for a major
    /// disease).
    pub eligible: Yuan,
    pub layers: Vec<LayerShare>,
    pub patient: Yuan,
    pub scheme: Yuan,
    /// scheme / eligible (政策范围内补偿比).
    pub policy_ratio: f64,
    /// scheme / bill (实际补偿比).
    pub actual_ratio: f64,
}

/// One patient under the baseline and under the proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PatientComparison {
    #[serde(skip_deserializing)]
    pub format: &'static str,
    /// "县级医院 住院，费用 30,000.00 元" or a typical case's name.
    pub name: Text,
    pub level: Option<Level>,
    pub kind: PatientKind,
    pub bill: Yuan,
    /// The year whose rules apply (the scenario's first).
    pub year: i32,
    pub baseline: PatientBill,
    pub proposal: PatientBill,
    /// proposal − baseline, for the patient and for the scheme (they cancel out).
    pub patient_change: Yuan,
    pub scheme_change: Yuan,
    /// How the layers are applied, where a reader could read them otherwise.
    pub notes: Vec<Text>,
}

/// Why a patient cannot be priced.
#[derive(Debug, Clone, PartialEq)]
pub enum CaseError {
    /// The plan is not valid.
    Invalid(Vec<Problem>),
    /// Outpatient and inpatient care need a level.
    LevelNeeded {
        kind: PatientKind,
    },
    /// Special- and major-disease rules are scheme-wide.
    LevelNotApplicable {
        kind: PatientKind,
    },
    /// The scenario has no such line, or no such rule.
    NotInScenario {
        level: Option<Level>,
        kind: PatientKind,
    },
    /// A major-disease case is priced on its limited cost, not a policy-scope share.
    ScopeNotApplicable,
    BillOutOfRange {
        bill: String,
    },
    ScopeOutOfRange {
        scope: f64,
    },
}

impl CaseError {
    pub fn describe(&self, lang: Lang) -> String {
        let kind_name = |kind: PatientKind| kind.label().get(lang);
        match self {
            CaseError::Invalid(problems) => problems
                .iter()
                .map(|p| p.describe(lang))
                .collect::<Vec<_>>()
                .join("\n"),
            CaseError::LevelNeeded { kind } => lang.pick(
                format!("{}需要指定医疗机构级别", kind_name(*kind)),
                format!("{} needs a hospital level", capitalise(kind_name(*kind))),
            ),
            CaseError::LevelNotApplicable { kind } => lang.pick(
                format!(
                    "{}按全统筹区统一规则补偿，不分医疗机构级别",
                    kind_name(*kind)
                ),
                format!(
                    "{} is paid by scheme-wide rules, not by hospital level",
                    capitalise(kind_name(*kind))
                ),
            ),
            CaseError::NotInScenario { level, kind } => {
                let level = level.map(|l| level_label(l).get(lang)).unwrap_or_default();
                lang.pick(
                    format!("本方案没有{level}{}的补偿规则", kind_name(*kind)),
                    format!(
                        "the scenario has no rules for {}{}",
                        if level.is_empty() {
                            String::new()
                        } else {
                            format!("{level} ")
                        },
                        kind_name(*kind)
                    ),
                )
            }
            CaseError::ScopeNotApplicable => lang
                .pick(
                    "重大疾病按限定费用补偿，不适用政策范围内费用占比",
                    "a major-disease case is paid on its limited cost: a policy-scope share does \
                     not apply",
                )
                .into(),
            CaseError::BillOutOfRange { bill } => lang.pick(
                format!("费用应大于 0 且不超过 1 亿元，现为 {bill}"),
                format!("the bill must be above 0 and at most 100 000 000 yuan, not {bill}"),
            ),
            CaseError::ScopeOutOfRange { scope } => lang.pick(
                format!("政策范围内费用占比应在 0 – 1 之间，现为 {scope}"),
                format!("the policy-scope share must be within 0 – 1, not {scope}"),
            ),
        }
    }
}

/// The rules that price `kind` at `level` in `scenario`'s first year (the first line of that
/// level, as the model reads each line). `scope_share` overrides the line's.
pub fn rules(
    scenario: &Scenario,
    level: Option<Level>,
    kind: PatientKind,
    scope_share: Option<f64>,
) -> Result<CaseRules, CaseError> {
    match (kind.has_level(), level) {
        (true, None) => return Err(CaseError::LevelNeeded { kind }),
        (false, Some(_)) => return Err(CaseError::LevelNotApplicable { kind }),
        _ => {}
    }
    if let Some(scope) = scope_share {
        if kind == PatientKind::MajorDisease {
            return Err(CaseError::ScopeNotApplicable);
        }
        if !(0.0..=1.0).contains(&scope) {
            return Err(CaseError::ScopeOutOfRange { scope });
        }
    }
    let missing = CaseError::NotInScenario { level, kind };
    let line = || {
        scenario
            .lines
            .iter()
            .find(|l| Some(l.level) == level)
            .ok_or(missing.clone())
    };
    // The model's ceiling in the first year: the rule's amount to the fen (`model::simulate_year`).
    let ceiling = scenario
        .rules
        .annual_ceiling
        .as_ref()
        .map(|c| money::fen(c.amount()));
    let rules = match kind {
        PatientKind::Outpatient => {
            let o = line()?.outpatient.as_ref().ok_or(missing)?;
            CaseRules {
                scope_share: scope_share.unwrap_or(o.scope_share),
                deductible: o.deductible,
                ratio: o.reimbursement_ratio,
                cap: o.visit_cap,
                // The model applies the annual ceiling to inpatient and special-disease care only.
                ceiling: None,
                limited_cost: None,
            }
        }
        PatientKind::Inpatient => {
            let i = line()?.inpatient.as_ref().ok_or(missing)?;
            CaseRules {
                scope_share: scope_share.unwrap_or(i.scope_share),
                deductible: i.deductible,
                ratio: i.reimbursement_ratio,
                cap: i.admission_cap,
                ceiling,
                limited_cost: None,
            }
        }
        PatientKind::SpecialDisease => {
            let sd = scenario.rules.special_disease.as_ref().ok_or(missing)?;
            CaseRules {
                scope_share: scope_share.unwrap_or(sd.scope_share),
                deductible: sd.deductible,
                ratio: sd.reimbursement_ratio,
                cap: None,
                ceiling,
                limited_cost: None,
            }
        }
        PatientKind::MajorDisease => {
            let md = scenario.rules.major_disease.as_ref().ok_or(missing)?;
            CaseRules {
                scope_share: 1.0,
                deductible: money::ZERO,
                ratio: md.reimbursement_ratio,
                cap: None,
                ceiling: None,
                limited_cost: Some(md.limited_cost),
            }
        }
    };
    Ok(rules)
}

/// A rate as the decimal a person wrote (validated rates always have one).
fn rate(value: f64) -> Decimal {
    money::decimal_from_f64(value).unwrap_or_default()
}

/// What a bill of `bill` yuan costs the patient and the scheme under `rules`, layer by layer:
/// the eligible cost `Y = fen(share × bill)`, the deductible `min(Y, d)`, the ratio's part
/// `fen(r × max(0, Y − d))`, then the cap and the ceiling: the scheme pays
/// `min(C, ceiling, fen(r · max(0, Y − d)))`, the model's layer (rounded once, to the fen).
/// A major-disease case pays `fen(r × min(bill, limited cost))`. Limits a kind of care does not
/// have (see [`PatientLayer::of`]) are ignored.
pub fn bill(rules: &CaseRules, kind: PatientKind, bill: Yuan) -> PatientBill {
    let bill = money::fen(bill);
    let zero = money::ZERO;
    let (eligible, outside, deductible) = match rules.limited_cost {
        Some(limit) => (bill.min(limit), bill - bill.min(limit), zero),
        None => {
            let eligible = money::fen(bill * rate(rules.scope_share));
            (eligible, bill - eligible, eligible.min(rules.deductible))
        }
    };
    let above = eligible - deductible;
    let at_ratio = money::fen(above * rate(rules.ratio));
    let co_payment = above - at_ratio;
    // Only the limits this kind of care has (a per-visit cap has no place in a major-disease
    // case), so that the layers always add up to the bill.
    let layers = PatientLayer::of(kind);
    let limit = |layer, amount: Option<Yuan>| amount.filter(|_| layers.contains(&layer));
    let over_cap =
        limit(PatientLayer::OverCap, rules.cap).map_or(zero, |cap| (at_ratio - cap).max(zero));
    let within_cap = at_ratio - over_cap;
    let over_ceiling = limit(PatientLayer::OverCeiling, rules.ceiling)
        .map_or(zero, |ceiling| (within_cap - ceiling).max(zero));
    let scheme = within_cap - over_ceiling;
    let layers: Vec<LayerShare> = layers
        .iter()
        .map(|&layer| {
            let (patient, paid) = match layer {
                PatientLayer::OutsideScope | PatientLayer::OverLimitedCost => (outside, zero),
                PatientLayer::Deductible => (deductible, zero),
                PatientLayer::AtRatio => (co_payment, scheme),
                PatientLayer::OverCap => (over_cap, zero),
                PatientLayer::OverCeiling => (over_ceiling, zero),
            };
            LayerShare {
                layer,
                label: layer.label(kind).into(),
                patient,
                scheme: paid,
            }
        })
        .collect();
    PatientBill {
        rules: *rules,
        eligible,
        patient: layers.iter().map(|l| l.patient).sum::<Yuan>() + zero,
        scheme: layers.iter().map(|l| l.scheme).sum::<Yuan>() + zero,
        layers,
        policy_ratio: money::ratio(scheme, eligible),
        actual_ratio: money::ratio(scheme, bill),
    }
}

/// `case` under `baseline` and under `proposal` (from `validate::check_plan`).
pub fn compare(
    baseline: &CheckedScenario,
    proposal: &CheckedScenario,
    case: &PatientCase,
) -> Result<PatientComparison, CaseError> {
    let name = case_name(case);
    compare_named(baseline, proposal, case, name)
}

/// [`compare`] for a plan written as edits of `scenario` (its `proposal`, or the app's edits).
pub fn compare_plan(
    scenario: &CheckedScenario,
    edits: &Edits,
    case: &PatientCase,
) -> Result<PatientComparison, CaseError> {
    let (proposal, _) = check_plan(scenario, edits).map_err(CaseError::Invalid)?;
    compare(scenario, &proposal, case)
}

fn compare_named(
    baseline: &CheckedScenario,
    proposal: &CheckedScenario,
    case: &PatientCase,
    name: Text,
) -> Result<PatientComparison, CaseError> {
    let amount = money::to_f64(case.bill);
    if !(amount > 0.0 && amount <= MAX_BILL_YUAN) {
        return Err(CaseError::BillOutOfRange {
            bill: case.bill.normalize().to_string(),
        });
    }
    let priced = |s: &Scenario| {
        rules(s, case.level, case.kind, case.scope_share).map(|r| bill(&r, case.kind, case.bill))
    };
    let before = priced(baseline)?;
    let after = priced(proposal)?;
    Ok(PatientComparison {
        format: PATIENT_FORMAT,
        name,
        level: case.level,
        kind: case.kind,
        bill: money::fen(case.bill),
        year: baseline.year,
        patient_change: after.patient - before.patient,
        scheme_change: after.scheme - before.scheme,
        notes: notes(baseline, case.kind),
        baseline: before,
        proposal: after,
    })
}

/// "县级医院 住院，费用 30,000.00 元" / "County hospital inpatient stay, bill 30,000.00 yuan".
fn case_name(case: &PatientCase) -> Text {
    let bill = crate::base::units::yuan(money::fen(case.bill));
    Text::both(|lang| {
        let kind = case.kind.label().get(lang);
        let what = match case.level {
            Some(level) => format!("{} {kind}", level_label(level).get(lang)),
            None => capitalise(kind),
        };
        lang.pick(
            format!("{what}，费用 {bill} 元"),
            format!("{what}, bill {bill} yuan"),
        )
    })
}

fn notes(scenario: &Scenario, kind: PatientKind) -> Vec<Text> {
    let mut notes = vec![Text::new(
        format!("按第一年（{} 年）的补偿规则计算。", scenario.year),
        format!("The rules of the first year ({}).", scenario.year),
    )];
    if matches!(kind, PatientKind::Inpatient | PatientKind::SpecialDisease) {
        notes.push(Text::new(
            "封顶线与本次（特殊病种为全年）补偿额比较，与模型的闭式近似一致；当年已获补偿的患者剩余额度更少。",
            "The annual ceiling is compared with this claim's benefit alone (special disease: \
             the year's), as the model's closed form does; a patient already paid this year has \
             less of it left.",
        ));
    }
    if kind == PatientKind::Inpatient && scenario.rules.major_disease.is_some() {
        notes.push(Text::new(
            "重大疾病病例不按普通住院补偿，而按限定费用×补偿比例单独支付（模型的重大疾病项目），不在本次住院之上叠加；\
             请选择“重大疾病”查看。",
            "A major-disease case is not paid as an ordinary admission but apart, at the ratio \
             of the limited cost (the model's major-disease item), never on top of this stay: \
             choose the major-disease kind to see it.",
        ));
    }
    notes
}

/// A typical patient bundled with the engine (典型病例).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TypicalCase {
    pub id: &'static str,
    pub name: Label,
    pub level: Level,
    pub kind: PatientKind,
    pub bill_yuan: u32,
}

impl TypicalCase {
    pub fn case(&self) -> PatientCase {
        PatientCase {
            level: Some(self.level),
            kind: self.kind,
            bill: money::fen(Decimal::from(self.bill_yuan)),
            scope_share: None,
        }
    }
}

/// The typical patients, from the village up: round bills an official can picture.
pub const TYPICAL_CASES: &[TypicalCase] = &[
    TypicalCase {
        id: "village-visit",
        name: Label::new("村卫生室门诊，50 元", "A village clinic visit, 50 yuan"),
        level: Level::Village,
        kind: PatientKind::Outpatient,
        bill_yuan: 50,
    },
    TypicalCase {
        id: "township-stay",
        name: Label::new("乡镇卫生院住院，3 000 元", "A township stay, 3 000 yuan"),
        level: Level::Township,
        kind: PatientKind::Inpatient,
        bill_yuan: 3_000,
    },
    TypicalCase {
        id: "county-stay",
        name: Label::new(
            "县级医院住院，10 000 元",
            "A county hospital stay, 10 000 yuan",
        ),
        level: Level::County,
        kind: PatientKind::Inpatient,
        bill_yuan: 10_000,
    },
    TypicalCase {
        id: "higher-level-stay",
        name: Label::new(
            "省市级医院住院，100 000 元",
            "A stay at a higher-level hospital, 100 000 yuan",
        ),
        level: Level::Higher,
        kind: PatientKind::Inpatient,
        bill_yuan: 100_000,
    },
];

/// The typical patients the scenario has lines for, under the baseline and the proposal.
pub fn typical(
    baseline: &CheckedScenario,
    proposal: &CheckedScenario,
) -> Vec<(&'static TypicalCase, PatientComparison)> {
    TYPICAL_CASES
        .iter()
        .filter_map(|typical| {
            let case = typical.case();
            compare_named(baseline, proposal, &case, typical.name.into())
                .ok()
                .map(|c| (typical, c))
        })
        .collect()
}

/// [`typical`] for a plan written as edits of `scenario`.
pub fn typical_plan(
    scenario: &CheckedScenario,
    edits: &Edits,
) -> Result<Vec<(&'static TypicalCase, PatientComparison)>, CaseError> {
    let (proposal, _) = check_plan(scenario, edits).map_err(CaseError::Invalid)?;
    Ok(typical(scenario, &proposal))
}

/// The levels at which the scenario has `kind` of care, for a picker.
pub fn levels_with(scenario: &Scenario, kind: PatientKind) -> Vec<Level> {
    let mut levels: Vec<Level> = Vec::new();
    for level in edits::levels(scenario) {
        if !levels.contains(&level) && rules(scenario, Some(level), kind, None).is_ok() {
            levels.push(level);
        }
    }
    levels
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yuan(text: &str) -> Yuan {
        money::fen(text.parse().unwrap())
    }

    fn inpatient(
        deductible: &str,
        ratio: f64,
        cap: Option<&str>,
        ceiling: Option<&str>,
    ) -> CaseRules {
        CaseRules {
            scope_share: 1.0,
            deductible: yuan(deductible),
            ratio,
            cap: cap.map(yuan),
            ceiling: ceiling.map(yuan),
            limited_cost: None,
        }
    }

    fn scheme(rules: &CaseRules, amount: &str) -> Yuan {
        let priced = bill(rules, PatientKind::Inpatient, yuan(amount));
        assert_eq!(
            priced.patient + priced.scheme,
            yuan(amount),
            "the bill is split"
        );
        priced.scheme
    }

    fn layer(priced: &PatientBill, layer: PatientLayer) -> (Yuan, Yuan) {
        let l = priced.layers.iter().find(|l| l.layer == layer).unwrap();
        (l.patient, l.scheme)
    }

    #[test]
    fn nothing_is_paid_up_to_the_deductible() {
        let rules = inpatient("500", 0.8, None, None);
        assert_eq!(scheme(&rules, "499.99"), yuan("0"));
        assert_eq!(scheme(&rules, "500"), yuan("0"));
        assert_eq!(scheme(&rules, "600"), yuan("80"));
        let priced = bill(&rules, PatientKind::Inpatient, yuan("499.99"));
        assert_eq!(
            layer(&priced, PatientLayer::Deductible),
            (yuan("499.99"), yuan("0"))
        );
        let priced = bill(&rules, PatientKind::Inpatient, yuan("600"));
        assert_eq!(
            layer(&priced, PatientLayer::Deductible),
            (yuan("500"), yuan("0"))
        );
        assert_eq!(
            layer(&priced, PatientLayer::AtRatio),
            (yuan("20"), yuan("80"))
        );
    }

    #[test]
    fn the_cap_binds_only_above_it() {
        // 0.8 × (Y − 500) reaches the 1000-yuan cap at Y = 1750.
        let rules = inpatient("500", 0.8, Some("1000"), None);
        assert_eq!(scheme(&rules, "1749.99"), yuan("999.99"));
        assert_eq!(scheme(&rules, "1750"), yuan("1000"));
        assert_eq!(scheme(&rules, "2000"), yuan("1000"));
        let priced = bill(&rules, PatientKind::Inpatient, yuan("2000"));
        assert_eq!(
            layer(&priced, PatientLayer::OverCap),
            (yuan("200"), yuan("0"))
        );
        assert_eq!(
            layer(&priced, PatientLayer::AtRatio),
            (yuan("300"), yuan("1000"))
        );
        let priced = bill(&rules, PatientKind::Inpatient, yuan("1750"));
        assert_eq!(
            layer(&priced, PatientLayer::OverCap),
            (yuan("0"), yuan("0"))
        );
    }

    #[test]
    fn the_ceiling_binds_only_above_it() {
        // 0.9 × (Y − 1000) reaches the 80 000 ceiling at Y = 89 888.89 (88 888.89 above).
        let rules = inpatient("1000", 0.9, None, Some("80000"));
        assert_eq!(scheme(&rules, "89888"), yuan("79999.20"));
        assert_eq!(scheme(&rules, "89888.89"), yuan("80000.00"));
        assert_eq!(scheme(&rules, "100000"), yuan("80000"));
        let priced = bill(&rules, PatientKind::Inpatient, yuan("100000"));
        assert_eq!(
            layer(&priced, PatientLayer::OverCeiling),
            (yuan("9100"), yuan("0"))
        );
        // A per-admission cap below the ceiling binds first; the ceiling then has nothing left.
        let rules = inpatient("1000", 0.9, Some("50000"), Some("80000"));
        let priced = bill(&rules, PatientKind::Inpatient, yuan("100000"));
        assert_eq!(priced.scheme, yuan("50000"));
        assert_eq!(
            layer(&priced, PatientLayer::OverCap),
            (yuan("39100"), yuan("0"))
        );
        assert_eq!(
            layer(&priced, PatientLayer::OverCeiling),
            (yuan("0"), yuan("0"))
        );
    }

    #[test]
    fn items_outside_the_scope_are_the_patients() {
        let mut rules = inpatient("500", 0.85, None, Some("80000"));
        rules.scope_share = 0.85;
        let priced = bill(&rules, PatientKind::Inpatient, yuan("30000"));
        assert_eq!(priced.eligible, yuan("25500"));
        assert_eq!(
            layer(&priced, PatientLayer::OutsideScope),
            (yuan("4500"), yuan("0"))
        );
        // 0.85 × 25 000 = 21 250; the patient pays 4500 + 500 + 3750.
        assert_eq!(priced.scheme, yuan("21250"));
        assert_eq!(priced.patient, yuan("8750"));
        assert!((priced.policy_ratio - 21250.0 / 25500.0).abs() < 1e-12);
    }

    #[test]
    fn a_major_disease_is_paid_on_the_limited_cost() {
        let rules = CaseRules {
            scope_share: 1.0,
            deductible: money::ZERO,
            ratio: 0.7,
            cap: None,
            ceiling: None,
            limited_cost: Some(yuan("16376")),
        };
        let at_limit = bill(&rules, PatientKind::MajorDisease, yuan("16376"));
        assert_eq!(at_limit.scheme, yuan("11463.20"));
        let above = bill(&rules, PatientKind::MajorDisease, yuan("20000"));
        assert_eq!(above.scheme, yuan("11463.20"));
        assert_eq!(
            layer(&above, PatientLayer::OverLimitedCost),
            (yuan("3624"), yuan("0"))
        );
        let below = bill(&rules, PatientKind::MajorDisease, yuan("10000"));
        assert_eq!(below.scheme, yuan("7000"));
    }
}
