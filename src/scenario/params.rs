//! The parameter registry: every numeric input of a scenario declared once, in [`PARAMS`], with
//! its path pattern, unit, allowed range, usual range, labels, group, slider step, whether it is a
//! **policy lever** (what next year's plan decides) or an **assumption** (costs, utilisation,
//! growth, …), a one-line help text, and how to read and write it in a [`Scenario`].
//!
//! Validation ranges, the labels and units of "what I changed", the app's controls, the fast edit
//! path and `ncms params` all read this table (like ripgrep's one `Flag` definition driving
//! parsing, help and completions, or PolicyEngine's parameter metadata). Rules between fields
//! (a deductible below the ceiling, …) are written by hand in `validate`.

use crate::base::field_path::FieldPath;
use crate::base::lang::{capitalise, Label, Lang, Text};
use crate::base::money::{self, Yuan};
use crate::base::units::Unit;
use crate::scenario::file_format::*;
use crate::scenario::terms::level_label;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a parameter is to an official.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Decided by next year's plan: funding, ratios, deductibles, caps, ceilings, …
    Policy,
    /// What the fund is and how it behaves: population, utilisation, costs, growth, the horizon,
    /// the targets. It changes baseline and proposal alike.
    Assumption,
    /// A figure the fund reported for the base year, for calibration only.
    Observed,
}

/// Where a parameter sits in the interface, and in `ncms params`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Funding,
    /// A service line (one hospital level); the app shows one group per line.
    Line,
    Ceiling,
    ConsultationFee,
    SpecialDisease,
    MajorDisease,
    CriticalIllness,
    RiskReserve,
    Population,
    FundAccount,
    Behaviour,
    Projection,
    /// Households' income, for the protection figures only: it moves no figure of the fund.
    Households,
    /// How uncertain the assumptions are, for the stochastic projection only: it moves no
    /// figure of the deterministic projection.
    Ranges,
    Targets,
    Observed,
}

impl Group {
    pub fn label(self) -> Label {
        match self {
            Group::Funding => Label::new("筹资", "Funding"),
            Group::Line => Label::new("服务项目", "Service lines"),
            Group::Ceiling => Label::new("封顶线", "Ceiling"),
            Group::ConsultationFee => Label::new("一般诊疗费", "Consultation fee"),
            Group::SpecialDisease => Label::new("特殊病种大额门诊", "Special-disease outpatient"),
            Group::MajorDisease => Label::new("重大疾病", "Major diseases"),
            Group::CriticalIllness => Label::new("大病保险", "Critical-illness insurance"),
            Group::RiskReserve => Label::new("风险基金", "Risk reserve"),
            Group::Population => Label::new("参合人口", "Population"),
            Group::FundAccount => Label::new("基金账户", "Fund account"),
            Group::Behaviour => Label::new("就医行为", "Behaviour"),
            Group::Projection => Label::new("预测期与增长", "Horizon and growth"),
            Group::Households => {
                Label::new("家庭收入（医疗保障效果）", "Household income (protection)")
            }
            Group::Ranges => Label::new("假设的不确定范围（风险测算）", "Assumption ranges (risk)"),
            Group::Targets => Label::new("政策目标", "Targets"),
            Group::Observed => Label::new("实际报告数（校准）", "Reported figures (calibration)"),
        }
    }
}

/// A closed range of allowed values; `min_open` makes the lower end exclusive (a cost > 0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Range {
    pub min: f64,
    pub max: f64,
    pub min_open: bool,
}

impl Range {
    pub fn contains(&self, value: f64) -> bool {
        value.is_finite()
            && value <= self.max
            && if self.min_open {
                value > self.min
            } else {
                value >= self.min
            }
    }
}

pub const fn closed_range(min: f64, max: f64) -> Range {
    Range {
        min,
        max,
        min_open: false,
    }
}

const fn above(min: f64, max: f64) -> Range {
    Range {
        min,
        max,
        min_open: true,
    }
}

/// The largest sum of money a fund input may hold, in yuan: no county or prefecture fund comes
/// near 10^12 yuan, and the bound keeps every sum of a ten-year projection far inside what
/// `Decimal` represents (`docs/model.md` §7).
pub const MAX_FUND_YUAN: f64 = 1e12;

/// The most enrollees a scenario may have: more than China's population, so that any pool of
/// the scheme fits, the national aggregate included (802 million enrollees in 2013).
///
/// The sums it leads to stay exact (`docs/model.md` §7). At this bound, with the highest funding
/// per head (five payers of 10 000 yuan) and ten years of the highest growth (+30 % a year in
/// enrollment and funding), income stays below 10^16 yuan: inside the 64-bit fen paths of
/// `money` (9.2 × 10^16 yuan; beyond them `Decimal` takes over, exactly) and far inside
/// `Decimal` (7.9 × 10^26 yuan at two decimals). A national fund at its real funding (370.6
/// yuan a head in 2013) raises 3 × 10^11 yuan; even that growth keeps it below 3.4 × 10^13
/// yuan, where `f64` still holds every whole fen (below 2^53 fen, 9.0 × 10^13 yuan).
pub const MAX_ENROLLEES: f64 = 1.5e9;

/// A value as a scenario holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Slot {
    /// An optional value that is not set (no cap, a target switched off).
    Empty,
    Money(Yuan),
    Real(f64),
    Whole(i64),
}

impl Slot {
    /// The value as an `f64`; `None` when empty.
    pub fn number(self) -> Option<f64> {
        match self {
            Slot::Empty => None,
            Slot::Money(m) => Some(money::to_f64(m)),
            Slot::Real(v) => Some(v),
            Slot::Whole(n) => Some(n as f64),
        }
    }
}

/// Why a value could not be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteError {
    /// The place does not exist in this scenario (a line without inpatient care, no such line).
    Absent,
    /// `null` for a value that cannot be empty.
    NotOptional,
    /// A fraction for a whole number (enrollees, years).
    NotWhole,
    /// NaN, an infinity, or beyond what the type holds.
    NotRepresentable,
}

/// A scalar field of a scenario that the registry can read and write.
trait Field {
    fn read(&self) -> Slot;
    fn write(&mut self, value: Option<f64>) -> Result<(), WriteError>;
}

impl Field for Yuan {
    fn read(&self) -> Slot {
        Slot::Money(*self)
    }
    fn write(&mut self, value: Option<f64>) -> Result<(), WriteError> {
        let value = value.ok_or(WriteError::NotOptional)?;
        *self = money::from_f64(value).ok_or(WriteError::NotRepresentable)?;
        Ok(())
    }
}

impl Field for f64 {
    fn read(&self) -> Slot {
        Slot::Real(*self)
    }
    fn write(&mut self, value: Option<f64>) -> Result<(), WriteError> {
        let value = value.ok_or(WriteError::NotOptional)?;
        if !value.is_finite() {
            return Err(WriteError::NotRepresentable);
        }
        *self = value;
        Ok(())
    }
}

fn whole(value: Option<f64>, min: f64, max: f64) -> Result<i64, WriteError> {
    let value = value.ok_or(WriteError::NotOptional)?;
    if !value.is_finite() {
        return Err(WriteError::NotRepresentable);
    }
    if value.fract() != 0.0 {
        return Err(WriteError::NotWhole);
    }
    // Out of the type's range is a range problem for validation: clamp into a value that fails it.
    Ok(value.clamp(min, max) as i64)
}

impl Field for u64 {
    fn read(&self) -> Slot {
        Slot::Whole(i64::try_from(*self).unwrap_or(i64::MAX))
    }
    fn write(&mut self, value: Option<f64>) -> Result<(), WriteError> {
        let n = whole(value, -1.0, 9.0e15)?;
        *self = u64::try_from(n).map_err(|_| WriteError::NotRepresentable)?;
        Ok(())
    }
}

impl Field for u32 {
    fn read(&self) -> Slot {
        Slot::Whole(i64::from(*self))
    }
    fn write(&mut self, value: Option<f64>) -> Result<(), WriteError> {
        let n = whole(value, -1.0, f64::from(u32::MAX))?;
        *self = u32::try_from(n).map_err(|_| WriteError::NotRepresentable)?;
        Ok(())
    }
}

impl Field for i32 {
    fn read(&self) -> Slot {
        Slot::Whole(i64::from(*self))
    }
    fn write(&mut self, value: Option<f64>) -> Result<(), WriteError> {
        *self = whole(value, f64::from(i32::MIN), f64::from(i32::MAX))? as i32;
        Ok(())
    }
}

impl<T: Field + Default> Field for Option<T> {
    fn read(&self) -> Slot {
        self.as_ref().map_or(Slot::Empty, Field::read)
    }
    fn write(&mut self, value: Option<f64>) -> Result<(), WriteError> {
        match value {
            None => *self = None,
            Some(_) => {
                let mut inner = T::default();
                inner.write(value)?;
                *self = Some(inner);
            }
        }
        Ok(())
    }
}

/// How the registry reaches one field: reading from `&Scenario`, writing into `&mut Scenario`,
/// with the line index for `lines[*]` rows (ignored elsewhere).
#[derive(Clone, Copy)]
struct Access {
    read: fn(&Scenario, usize) -> Option<Slot>,
    write: fn(&mut Scenario, usize, Option<f64>) -> Result<(), WriteError>,
}

/// The parts of a scenario that hold parameters: `get` and `get_mut` find one (`None`: absent).
trait Part {
    type Of;
    fn get(s: &Scenario, line: usize) -> Option<&Self::Of>;
    fn get_mut(s: &mut Scenario, line: usize) -> Option<&mut Self::Of>;
}

macro_rules! part {
    ($name:ident, $of:ty, |$s:ident, $i:ident| $get:expr, $get_mut:expr) => {
        struct $name;
        impl Part for $name {
            type Of = $of;
            #[allow(unused_variables, clippy::needless_question_mark)]
            fn get($s: &Scenario, $i: usize) -> Option<&$of> {
                Some($get)
            }
            #[allow(unused_variables, clippy::needless_question_mark)]
            fn get_mut($s: &mut Scenario, $i: usize) -> Option<&mut $of> {
                Some($get_mut)
            }
        }
    };
}

part!(Root, Scenario, |s, i| s, s);
part!(Pop, Population, |s, i| &s.population, &mut s.population);
part!(Fin, Financing, |s, i| &s.financing, &mut s.financing);
part!(
    Gov,
    GovernmentSubsidy,
    |s, i| &s.financing.government,
    &mut s.financing.government
);
part!(
    Out,
    Outpatient,
    |s, i| s.lines.get(i)?.outpatient.as_ref()?,
    s.lines.get_mut(i)?.outpatient.as_mut()?
);
part!(
    Inp,
    Inpatient,
    |s, i| s.lines.get(i)?.inpatient.as_ref()?,
    s.lines.get_mut(i)?.inpatient.as_mut()?
);
part!(Rul, Rules, |s, i| &s.rules, &mut s.rules);
part!(
    Fixed,
    Yuan,
    |s, i| match s.rules.annual_ceiling.as_ref()? {
        Ceiling::Fixed(amount) => amount,
        Ceiling::IncomeMultiple(_) => return None,
    },
    match s.rules.annual_ceiling.as_mut()? {
        Ceiling::Fixed(amount) => amount,
        Ceiling::IncomeMultiple(_) => return None,
    }
);
part!(
    Mult,
    IncomeMultipleCeiling,
    |s, i| match s.rules.annual_ceiling.as_ref()? {
        Ceiling::IncomeMultiple(rule) => rule,
        Ceiling::Fixed(_) => return None,
    },
    match s.rules.annual_ceiling.as_mut()? {
        Ceiling::IncomeMultiple(rule) => rule,
        Ceiling::Fixed(_) => return None,
    }
);
part!(
    Fee,
    ConsultationFee,
    |s, i| s.rules.consultation_fee.as_ref()?,
    s.rules.consultation_fee.as_mut()?
);
part!(
    Spec,
    SpecialDisease,
    |s, i| s.rules.special_disease.as_ref()?,
    s.rules.special_disease.as_mut()?
);
part!(
    Major,
    MajorDisease,
    |s, i| s.rules.major_disease.as_ref()?,
    s.rules.major_disease.as_mut()?
);
part!(
    Reserve,
    RiskReserve,
    |s, i| s.rules.risk_reserve.as_ref()?,
    s.rules.risk_reserve.as_mut()?
);
part!(Beh, Behaviour, |s, i| &s.behaviour, &mut s.behaviour);
part!(Proj, Projection, |s, i| &s.projection, &mut s.projection);
part!(Tgt, Targets, |s, i| &s.targets, &mut s.targets);
part!(Hh, Households, |s, i| &s.households, &mut s.households);
part!(Rng, Ranges, |s, i| &s.ranges, &mut s.ranges);
part!(
    Obs,
    Observed,
    |s, i| s.observed.as_ref()?,
    s.observed.as_mut()?
);

/// `at!(Part, field)`: the access to one field of a part; `at!(Part)`: the part itself.
macro_rules! at {
    ($part:ident) => {
        Access {
            read: |s, i| $part::get(s, i).map(Field::read),
            write: |s, i, v| $part::get_mut(s, i).ok_or(WriteError::Absent)?.write(v),
        }
    };
    ($part:ident, $field:ident) => {
        Access {
            read: |s, i| $part::get(s, i).map(|p| Field::read(&p.$field)),
            write: |s, i, v| {
                $part::get_mut(s, i)
                    .ok_or(WriteError::Absent)?
                    .$field
                    .write(v)
            },
        }
    };
}

/// One numeric input of the scenario format.
pub struct Param {
    /// The path, with `[*]` for a line index: `lines[*].inpatient.reimbursement_ratio`.
    pub path: &'static str,
    /// The label without the hospital level, which [`Param::label_at`] adds for lines.
    pub label: Label,
    /// One line on what it is and how it is used.
    pub help: Label,
    pub unit: Unit,
    pub role: Role,
    pub group: Group,
    /// What validation accepts.
    pub range: Range,
    /// The usual span of real funds: the slider's span, and what a value a hundred or ten
    /// thousand times off is measured against (a ratio typed as 75, an amount in 万元).
    pub typical: (f64, f64),
    /// The slider's step, in the stored unit (0.01 is one point of a ratio).
    pub step: f64,
    /// Whether the value may be empty (`null`: no cap, a target switched off).
    pub optional: bool,
    access: Access,
}

impl std::fmt::Debug for Param {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.debug_struct("Param").field("path", &self.path).finish()
    }
}

impl PartialEq for Param {
    fn eq(&self, other: &Param) -> bool {
        self.path == other.path
    }
}

impl Param {
    /// Whether the path runs through `lines[*]`.
    pub fn per_line(&self) -> bool {
        self.path.starts_with("lines[*]")
    }

    /// A policy lever: the only kind of parameter a plan (a `proposal`) may change.
    pub fn is_lever(&self) -> bool {
        self.role == Role::Policy
    }

    /// The start year and the horizon belong to the scenario as a whole: no plan has its own.
    pub fn frames_the_scenario(&self) -> bool {
        matches!(self.path, "year" | "projection.years")
    }

    /// The concrete path of this parameter for line `line` (ignored unless per line).
    pub fn path_at(&self, line: usize) -> String {
        // By hand rather than `format!`: the app names every edit on every keystroke.
        match self.path.split_once("[*]") {
            Some((head, tail)) => {
                let mut path = String::with_capacity(self.path.len() + 4);
                path.push_str(head);
                path.push('[');
                push_number(&mut path, line);
                path.push(']');
                path.push_str(tail);
                path
            }
            None => self.path.to_string(),
        }
    }

    /// The value in `scenario` (for line `line`); `None` when the place is absent.
    pub fn read(&self, scenario: &Scenario, line: usize) -> Option<Slot> {
        (self.access.read)(scenario, line)
    }

    /// Writes `value` (`None`: empty it) into `scenario`, without validating the range.
    pub fn write(
        &self,
        scenario: &mut Scenario,
        line: usize,
        value: Option<f64>,
    ) -> Result<(), WriteError> {
        if value.is_none() && !self.optional {
            return Err(WriteError::NotOptional);
        }
        (self.access.write)(scenario, line, value)
    }

    /// The indices this row has in `scenario`: every line for a per-line row, else just 0.
    pub fn lines(&self, scenario: &Scenario) -> std::ops::Range<usize> {
        if self.per_line() {
            0..scenario.lines.len()
        } else {
            0..1
        }
    }

    /// The full label at a line: "县级医院 住院补偿比例" / "County hospital inpatient
    /// reimbursement ratio" (the hospital level first for per-line rows).
    pub fn label_at(&self, scenario_levels: &[Level], line: usize) -> Text {
        if !self.per_line() {
            return Text::new(self.label.zh, capitalise(self.label.en));
        }
        match scenario_levels.get(line).map(|l| level_label(*l)) {
            Some(level) => Text::new(
                [level.zh, " ", self.label.zh].concat(),
                [level.en, " ", self.label.en].concat(),
            ),
            None => Text::new(
                format!("第{}项 {}", line + 1, self.label.zh),
                format!("Line {} {}", line + 1, self.label.en),
            ),
        }
    }

    /// Shows a value of this parameter: "75.0%", "80,000.00 元"; empty optional values read
    /// as "no cap", "switched off".
    pub fn show(&self, value: Option<f64>, lang: Lang) -> String {
        match value {
            Some(v) => self.unit.show(v, lang),
            None => self.empty_label().get(lang).to_string(),
        }
    }

    /// What an empty value of this parameter means.
    pub fn empty_label(&self) -> Label {
        if self.path.ends_with("_cap") {
            Label::new("不设限额", "no cap")
        } else if self.group == Group::Targets {
            Label::new("不考核", "not checked")
        } else {
            Label::new("未填写", "not given")
        }
    }
}

/// Appends a whole number in decimal.
fn push_number(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[i..].iter().map(|d| char::from(*d)));
}

/// A resolved place: a registry row and the line it applies to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    pub param: &'static Param,
    pub line: usize,
}

impl Place {
    pub fn path(&self) -> String {
        self.param.path_at(self.line)
    }
}

/// The registry row and line of a path written as text: `Err` when it is not a path at all,
/// `Ok(None)` when it names no registered parameter. What the fast edit path resolves with.
pub fn find_text(text: &str) -> Result<Option<Place>, crate::base::field_path::PathError> {
    let pattern = crate::base::field_path::Pattern::parse(text)?;
    Ok(by_pattern()
        .get(pattern.pattern.as_str())
        .and_then(|index| {
            let param = &PARAMS[*index];
            // Only `lines` takes an index, and exactly one.
            (pattern.indices == usize::from(param.per_line())).then_some(Place {
                param,
                line: pattern.first_index.unwrap_or(0),
            })
        }))
}

/// The registry row and line of a path, if the path names a registered parameter.
pub fn find(path: &FieldPath) -> Option<Place> {
    let (pattern, line) = path.pattern();
    let index = by_pattern().get(pattern.as_str())?;
    let param = &PARAMS[*index];
    // Only `lines` takes an index, and exactly one.
    let indices = path
        .segments()
        .iter()
        .filter(|s| matches!(s, crate::base::field_path::Segment::Index(_)))
        .count();
    if indices != usize::from(param.per_line()) {
        return None;
    }
    Some(Place {
        param,
        line: line.unwrap_or(0),
    })
}

/// The registry row of a pattern (`lines[*].inpatient.deductible`).
pub fn by_path(pattern: &str) -> Option<&'static Param> {
    by_pattern().get(pattern).map(|i| &PARAMS[*i])
}

fn by_pattern() -> &'static HashMap<&'static str, usize> {
    static INDEX: OnceLock<HashMap<&'static str, usize>> = OnceLock::new();
    INDEX.get_or_init(|| {
        PARAMS
            .iter()
            .enumerate()
            .map(|(i, p)| (p.path, i))
            .collect()
    })
}

/// Every place of `scenario` that holds a registered parameter, in registry order, lines in order.
pub fn places(scenario: &Scenario) -> impl Iterator<Item = Place> + '_ {
    PARAMS.iter().flat_map(move |param| {
        param
            .lines(scenario)
            .filter(move |line| param.read(scenario, *line).is_some())
            .map(move |line| Place { param, line })
    })
}

/// Funding per enrollee from every payer together: not a field of the scenario but a lever of the
/// interface, which moves the payers in their current shares (`edits::funding_in_shares`).
pub static FUNDING_TOTAL: Param = Param {
    path: "financing.total",
    label: Label::new("人均筹资合计", "funding per enrollee, all payers"),
    help: Label::new(
        "个人缴费与各级财政补助之和；调整时各方按现有比例同步变动。",
        "The individual contribution and every subsidy together; moving it moves each payer in its current share.",
    ),
    unit: Unit::Yuan,
    role: Role::Policy,
    group: Group::Funding,
    range: closed_range(0.0, 50_000.0),
    typical: (50.0, 5000.0),
    step: 1.0,
    optional: false,
    access: Access {
        read: |s, _| Some(Slot::Money(s.financing.per_enrollee())),
        write: |_, _, _| Err(WriteError::Absent),
    },
};

#[allow(clippy::too_many_arguments)]
const fn row(
    path: &'static str,
    label: Label,
    help: Label,
    unit: Unit,
    role: Role,
    group: Group,
    range: Range,
    typical: (f64, f64),
    step: f64,
    optional: bool,
    access: Access,
) -> Param {
    Param {
        path,
        label,
        help,
        unit,
        role,
        group,
        range,
        typical,
        step,
        optional,
        access,
    }
}

use Group as G;
use Role::{Assumption as A, Observed as O, Policy as P};
use Unit as U;

const RATIO: Range = closed_range(0.0, 1.0);
const PER_HEAD: Range = closed_range(0.0, 10_000.0);
const FUND: Range = closed_range(0.0, MAX_FUND_YUAN);
const GROWTH: Range = closed_range(-0.3, 0.3);
const CV: Range = closed_range(0.0, 10.0);
const DEDUCTIBLE: Range = closed_range(0.0, 1e6);
const CAP: Range = above(0.0, 1e7);
const COST: Range = above(0.0, 1e7);

/// Every numeric input of the scenario format, in the order of the interface.
pub static PARAMS: &[Param] = &[
    // Funding per enrollee (policy).
    row("financing.individual", Label::new("个人缴费", "individual contribution"),
        Label::new("每名参合人员每年个人缴纳的费用。", "What each enrollee pays a year."),
        U::Yuan, P, G::Funding, PER_HEAD, (10.0, 2000.0), 1.0, false, at!(Fin, individual)),
    row("financing.government.central", Label::new("中央财政补助", "central government subsidy"),
        Label::new("中央财政对每名参合人员的年补助。", "The central government's subsidy per enrollee a year."),
        U::Yuan, P, G::Funding, PER_HEAD, (0.0, 2000.0), 1.0, false, at!(Gov, central)),
    row("financing.government.provincial", Label::new("省级财政补助", "provincial subsidy"),
        Label::new("省级财政对每名参合人员的年补助。", "The province's subsidy per enrollee a year."),
        U::Yuan, P, G::Funding, PER_HEAD, (0.0, 2000.0), 1.0, false, at!(Gov, provincial)),
    row("financing.government.municipal", Label::new("市级财政补助", "municipal subsidy"),
        Label::new("市级财政对每名参合人员的年补助。", "The municipality's subsidy per enrollee a year."),
        U::Yuan, P, G::Funding, PER_HEAD, (0.0, 2000.0), 1.0, false, at!(Gov, municipal)),
    row("financing.government.county", Label::new("县级财政补助", "county subsidy"),
        Label::new("县级财政对每名参合人员的年补助。", "The county's subsidy per enrollee a year."),
        U::Yuan, P, G::Funding, PER_HEAD, (0.0, 2000.0), 1.0, false, at!(Gov, county)),
    // Benefits per line (policy).
    row("lines[*].outpatient.reimbursement_ratio", Label::new("普通门诊补偿比例", "outpatient reimbursement ratio"),
        Label::new("起付线以上政策范围内门诊费用由基金支付的比例。", "The share of eligible outpatient cost above the deductible that the fund pays."),
        U::Share, P, G::Line, RATIO, (0.2, 1.0), 0.01, false, at!(Out, reimbursement_ratio)),
    row("lines[*].outpatient.deductible", Label::new("普通门诊起付线", "outpatient deductible"),
        Label::new("每次门诊由患者自付、基金不予支付的起付金额（通常为 0）。", "What the patient pays per visit before the fund pays (usually 0)."),
        U::Yuan, P, G::Line, DEDUCTIBLE, (0.0, 500.0), 1.0, false, at!(Out, deductible)),
    row("lines[*].outpatient.visit_cap", Label::new("每次门诊补偿限额", "per-visit cap"),
        Label::new("基金对一次门诊最多支付的金额；空白为不设限额。", "The most the fund pays for one visit; empty for no cap."),
        U::Yuan, P, G::Line, CAP, (5.0, 500.0), 1.0, true, at!(Out, visit_cap)),
    row("lines[*].inpatient.reimbursement_ratio", Label::new("住院补偿比例", "inpatient reimbursement ratio"),
        Label::new("起付线以上政策范围内住院费用由基金支付的比例。", "The share of eligible inpatient cost above the deductible that the fund pays."),
        U::Share, P, G::Line, RATIO, (0.2, 1.0), 0.01, false, at!(Inp, reimbursement_ratio)),
    row("lines[*].inpatient.deductible", Label::new("住院起付线", "inpatient deductible"),
        Label::new("每次住院由患者自付、基金不予支付的起付金额。", "What the patient pays per admission before the fund pays."),
        U::Yuan, P, G::Line, DEDUCTIBLE, (0.0, 5000.0), 10.0, false, at!(Inp, deductible)),
    row("lines[*].inpatient.admission_cap", Label::new("每次住院补偿限额", "per-admission cap"),
        Label::new("基金对一次住院最多支付的金额（在年度封顶线之内）；空白为不设限额。", "The most the fund pays for one admission, within the annual ceiling; empty for no cap."),
        U::Yuan, P, G::Line, CAP, (1000.0, 500_000.0), 1000.0, true, at!(Inp, admission_cap)),
    // The ceiling (policy, with one assumption).
    row("rules.annual_ceiling.fixed", Label::new("封顶线", "annual ceiling"),
        Label::new("每人每年住院补偿的最高金额。", "The most the fund pays one person's inpatient care in a year."),
        U::Yuan, P, G::Ceiling, above(0.0, 1e8), (10_000.0, 1e6), 1000.0, false, at!(Fixed)),
    row("rules.annual_ceiling.income_multiple.multiple", Label::new("封顶线倍数", "ceiling multiple of rural net income"),
        Label::new("封顶线为农民人均纯收入的倍数（2013 年要求不低于 8 倍）。", "The ceiling as a multiple of rural net income per head (8 or more from 2013)."),
        U::Multiple, P, G::Ceiling, closed_range(0.0, 100.0), (1.0, 20.0), 0.5, false, at!(Mult, multiple)),
    row("rules.annual_ceiling.income_multiple.floor", Label::new("封顶线下限", "ceiling floor"),
        Label::new("按倍数计算的封顶线不低于此金额（2013 年为 8 万元）。", "The ceiling is at least this amount (80 000 yuan from 2013)."),
        U::Yuan, P, G::Ceiling, closed_range(0.0, 1e8), (0.0, 1e6), 1000.0, false, at!(Mult, floor)),
    row("rules.annual_ceiling.income_multiple.rural_net_income", Label::new("农民人均纯收入", "rural net income per head"),
        Label::new("封顶线倍数所依据的农民人均纯收入。", "The rural net income per head the ceiling multiple applies to."),
        U::Yuan, A, G::Ceiling, above(0.0, 1e6), (1000.0, 50_000.0), 100.0, false, at!(Mult, rural_net_income)),
    // The consultation fee.
    row("rules.consultation_fee.fee_per_visit", Label::new("每次一般诊疗费", "consultation fee per visit"),
        Label::new("每次就诊收取的一般诊疗费。", "The general consultation fee charged per visit."),
        U::Yuan, P, G::ConsultationFee, closed_range(0.0, 1000.0), (1.0, 50.0), 0.5, false, at!(Fee, fee_per_visit)),
    row("rules.consultation_fee.scheme_part", Label::new("一般诊疗费基金支付部分", "part of the fee paid by the scheme"),
        Label::new("每次一般诊疗费中由基金支付的部分，其余由患者支付。", "The part of each fee the fund pays; the patient pays the rest."),
        U::Yuan, P, G::ConsultationFee, closed_range(0.0, 1000.0), (0.0, 50.0), 0.5, false, at!(Fee, scheme_part)),
    row("rules.consultation_fee.cap_per_capita", Label::new("一般诊疗费人均年支付限额", "yearly fee cap per served resident"),
        Label::new("基金每年为每名服务人口支付一般诊疗费的上限。", "The most the fund pays in fees a year per resident served by the clinics."),
        U::Yuan, P, G::ConsultationFee, closed_range(0.0, 10_000.0), (1.0, 200.0), 1.0, false, at!(Fee, cap_per_capita)),
    row("rules.consultation_fee.visits_per_served_resident", Label::new("服务人口年均收费就诊次数", "fee-bearing visits per served resident"),
        Label::new("每名服务人口每年收取一般诊疗费的就诊次数。", "Visits charged the fee, per served resident a year."),
        U::PerEnrollee, A, G::ConsultationFee, closed_range(0.0, 50.0), (0.0, 10.0), 0.1, false, at!(Fee, visits_per_served_resident)),
    row("rules.consultation_fee.served_share", Label::new("服务人口占参合人数比例", "share of enrollees served"),
        Label::new("由收取一般诊疗费的机构服务的参合人员比例。", "The share of enrollees served by the clinics that charge the fee."),
        U::Share, A, G::ConsultationFee, RATIO, (0.1, 1.0), 0.01, false, at!(Fee, served_share)),
    // Special-disease outpatient care.
    row("rules.special_disease.reimbursement_ratio", Label::new("特殊病种补偿比例", "special-disease reimbursement ratio"),
        Label::new("特殊病种大额门诊按住院比照补偿的比例。", "The ratio at which special-disease outpatient care is reimbursed, like inpatient care."),
        U::Share, P, G::SpecialDisease, RATIO, (0.2, 1.0), 0.01, false, at!(Spec, reimbursement_ratio)),
    row("rules.special_disease.deductible", Label::new("特殊病种起付线", "special-disease deductible"),
        Label::new("特殊病种每人每年的起付金额。", "What each patient pays a year before the fund pays."),
        U::Yuan, P, G::SpecialDisease, DEDUCTIBLE, (0.0, 5000.0), 10.0, false, at!(Spec, deductible)),
    row("rules.special_disease.patients_per_1000", Label::new("特殊病种每千人患者数", "special-disease patients per 1000"),
        Label::new("每千名参合人员中特殊病种大额门诊患者数。", "Special-disease outpatients per 1000 enrollees."),
        U::PerThousand, A, G::SpecialDisease, closed_range(0.0, 1000.0), (0.1, 50.0), 0.1, false, at!(Spec, patients_per_1000)),
    row("rules.special_disease.annual_cost", Label::new("特殊病种人均年费用", "special-disease yearly cost per patient"),
        Label::new("一名特殊病种患者一年的平均医疗费用。", "The mean yearly cost of one patient's treatment."),
        U::Yuan, A, G::SpecialDisease, COST, (1000.0, 200_000.0), 100.0, false, at!(Spec, annual_cost)),
    row("rules.special_disease.cost_cv", Label::new("特殊病种费用变异系数", "special-disease cost dispersion"),
        Label::new("患者年费用的变异系数（标准差 ÷ 均值）。", "The coefficient of variation of a patient's yearly cost (sd ÷ mean)."),
        U::Number, A, G::SpecialDisease, CV, (0.3, 3.0), 0.05, false, at!(Spec, cost_cv)),
    row("rules.special_disease.scope_share", Label::new("特殊病种政策范围内费用占比", "special-disease policy-scope share"),
        Label::new("费用中属于政策报销范围的比例。", "The share of the cost inside the policy scope."),
        U::Share, A, G::SpecialDisease, RATIO, (0.5, 1.0), 0.01, false, at!(Spec, scope_share)),
    // Major diseases.
    row("rules.major_disease.reimbursement_ratio", Label::new("重大疾病补偿比例", "major-disease reimbursement ratio"),
        Label::new("重大疾病按限定费用补偿的比例（不低于 70%）。", "The share of the limited cost the fund pays (70 % or more)."),
        U::Share, P, G::MajorDisease, RATIO, (0.5, 1.0), 0.01, false, at!(Major, reimbursement_ratio)),
    row("rules.major_disease.limited_cost", Label::new("重大疾病限定费用", "major-disease limited cost per case"),
        Label::new("每例重大疾病的限定费用标准。", "The limited cost per case the ratio applies to."),
        U::Yuan, P, G::MajorDisease, COST, (1000.0, 500_000.0), 100.0, false, at!(Major, limited_cost)),
    row("rules.major_disease.cases_per_100k", Label::new("重大疾病每十万人病例数", "major-disease cases per 100 000"),
        Label::new("每十万名参合人员每年的重大疾病病例数。", "Major-disease cases per 100 000 enrollees a year."),
        U::PerHundredThousand, A, G::MajorDisease, closed_range(0.0, 100_000.0), (10.0, 1000.0), 1.0, false, at!(Major, cases_per_100k)),
    // Critical-illness insurance and the reserve.
    row("rules.critical_illness_premium", Label::new("大病保险人均保费", "critical-illness premium per enrollee"),
        Label::new("基金为每名参合人员购买大病保险的年保费。", "The yearly premium per enrollee the fund pays for critical-illness insurance."),
        U::Yuan, P, G::CriticalIllness, PER_HEAD, (0.0, 100.0), 1.0, false, at!(Rul, critical_illness_premium)),
    row("rules.risk_reserve.rate", Label::new("风险基金提取比例", "share of income set aside"),
        Label::new("每年按当年筹资提取风险基金的比例。", "The share of the year's income set aside as a risk reserve."),
        U::Share, P, G::RiskReserve, closed_range(0.0, 0.2), (0.0, 0.1), 0.005, false, at!(Reserve, rate)),
    row("rules.risk_reserve.cap", Label::new("风险基金规模上限", "reserve cap as a share of income"),
        Label::new("风险基金累计达到当年筹资的这一比例后不再提取。", "The reserve stops growing at this share of the year's income."),
        U::Share, P, G::RiskReserve, RATIO, (0.0, 0.3), 0.01, false, at!(Reserve, cap)),
    row("rules.risk_reserve.opening_reserve", Label::new("年初风险基金", "opening reserve"),
        Label::new("基准年初已有的风险基金。", "The reserve held at the start of the base year."),
        U::Yuan, A, G::RiskReserve, FUND, (0.0, 1e10), 10_000.0, false, at!(Reserve, opening_reserve)),
    // Population (assumptions).
    // From one person to more than China's population (1.41 billion), so that a prefecture, a
    // province or the national scheme (802 million in 2013, 836 million at its peak in 2010) is
    // accepted. The usual span runs from a small county (a few thousand enrollees) to a
    // populous province (10^8). See `MAX_ENROLLEES` for why every sum stays exact.
    row("population.enrollees", Label::new("参合人数", "enrollees"),
        Label::new("基准年参合人数。", "Enrollees in the base year."),
        U::Count, A, G::Population, closed_range(1.0, MAX_ENROLLEES), (5000.0, 1e8), 1000.0, false, at!(Pop, enrollees)),
    row("population.growth", Label::new("参合人数年增长率", "yearly growth of enrollment"),
        Label::new("参合人数每年的增长率。", "How fast enrollment grows a year."),
        U::Share, A, G::Population, GROWTH, (-0.05, 0.05), 0.001, false, at!(Pop, growth)),
    row("population.participation_rate", Label::new("参合率", "participation rate"),
        Label::new("参合人数占应参合人口的比例（用于参合率目标）。", "Enrollees over the eligible population (for the participation target)."),
        U::Share, A, G::Population, RATIO, (0.8, 1.0), 0.001, true, at!(Pop, participation_rate)),
    // The fund account (assumptions).
    row("financing.other_income", Label::new("其他收入", "other income"),
        Label::new("每年的其他收入，如医疗救助资助参合资金。", "Other income a year, such as medical-assistance transfers."),
        U::Yuan, A, G::FundAccount, FUND, (0.0, 1e10), 10_000.0, false, at!(Fin, other_income)),
    row("financing.interest_rate", Label::new("利率", "interest rate"),
        Label::new("年初累计结余的年利率。", "Interest a year on a positive opening balance."),
        U::Share, A, G::FundAccount, closed_range(0.0, 0.2), (0.0, 0.1), 0.001, false, at!(Fin, interest_rate)),
    row("financing.opening_balance", Label::new("年初累计结余", "opening accumulated balance"),
        Label::new("基准年初基金累计结余；已透支的基金为负数。", "The accumulated balance at the start of the base year; negative for a fund in deficit."),
        U::Yuan, A, G::FundAccount, closed_range(-MAX_FUND_YUAN, MAX_FUND_YUAN), (-1e10, 1e10), 10_000.0, false, at!(Fin, opening_balance)),
    // Utilisation and costs per line (assumptions).
    row("lines[*].outpatient.visits_per_enrollee", Label::new("人均普通门诊次数", "outpatient visits per enrollee"),
        Label::new("每名参合人员每年可补偿的普通门诊次数。", "Compensable general outpatient visits per enrollee a year."),
        U::PerEnrollee, A, G::Line, closed_range(0.0, 50.0), (0.0, 10.0), 0.01, false, at!(Out, visits_per_enrollee)),
    row("lines[*].outpatient.mean_cost", Label::new("门诊次均费用", "mean cost per visit"),
        Label::new("一次普通门诊的平均总费用。", "The mean total cost of one general outpatient visit."),
        U::Yuan, A, G::Line, above(0.0, 1e6), (10.0, 1000.0), 0.5, false, at!(Out, mean_cost)),
    row("lines[*].outpatient.cost_cv", Label::new("门诊费用变异系数", "outpatient cost dispersion"),
        Label::new("一次门诊费用的变异系数（标准差 ÷ 均值）。", "The coefficient of variation of the cost of a visit (sd ÷ mean)."),
        U::Number, A, G::Line, CV, (0.3, 3.0), 0.05, false, at!(Out, cost_cv)),
    row("lines[*].outpatient.scope_share", Label::new("门诊政策范围内费用占比", "outpatient policy-scope share"),
        Label::new("门诊费用中属于政策报销范围的比例。", "The share of outpatient cost inside the policy scope."),
        U::Share, A, G::Line, RATIO, (0.5, 1.0), 0.01, false, at!(Out, scope_share)),
    row("lines[*].inpatient.admissions_per_1000", Label::new("每千人住院人次", "admissions per 1000 enrollees"),
        Label::new("每千名参合人员每年的住院人次。", "Admissions per 1000 enrollees a year."),
        U::PerThousand, A, G::Line, closed_range(0.0, 1000.0), (1.0, 300.0), 0.5, false, at!(Inp, admissions_per_1000)),
    row("lines[*].inpatient.mean_cost", Label::new("次均住院费用", "mean cost per admission"),
        Label::new("一次住院的平均总费用。", "The mean total cost of one admission."),
        U::Yuan, A, G::Line, COST, (500.0, 100_000.0), 100.0, false, at!(Inp, mean_cost)),
    row("lines[*].inpatient.cost_cv", Label::new("住院费用变异系数", "inpatient cost dispersion"),
        Label::new("一次住院费用的变异系数（标准差 ÷ 均值）。", "The coefficient of variation of the cost of an admission (sd ÷ mean)."),
        U::Number, A, G::Line, CV, (0.3, 3.0), 0.05, false, at!(Inp, cost_cv)),
    row("lines[*].inpatient.scope_share", Label::new("住院政策范围内费用占比", "inpatient policy-scope share"),
        Label::new("住院费用中属于政策报销范围的比例。", "The share of inpatient cost inside the policy scope."),
        U::Share, A, G::Line, RATIO, (0.5, 1.0), 0.01, false, at!(Inp, scope_share)),
    // Behaviour and projection (assumptions).
    row("behaviour.elasticity", Label::new("需求弹性", "demand elasticity"),
        Label::new("就医需求对自付比例的弧弹性（兰德健康保险实验约为 −0.2）。", "The arc elasticity of demand to the share the patient pays (RAND HIE: about −0.2)."),
        U::Number, A, G::Behaviour, closed_range(-2.0, 0.0), (-1.0, 0.0), 0.01, false, at!(Beh, elasticity)),
    row("year", Label::new("基准年", "base year"),
        Label::new("场景所描述的基准年份。", "The base year the scenario describes."),
        U::Year, A, G::Projection, closed_range(1990.0, 2100.0), (2005.0, 2035.0), 1.0, false, at!(Root, year)),
    row("projection.years", Label::new("预测年数", "projection years"),
        Label::new("预测的年数（含基准年，1–10 年）。", "Years projected, the base year included (1 to 10)."),
        U::Years, A, G::Projection, closed_range(1.0, 10.0), (1.0, 10.0), 1.0, false, at!(Proj, years)),
    row("projection.funding_growth", Label::new("人均筹资年增长率", "yearly growth of funding"),
        Label::new("人均筹资（含其他收入和大病保险保费）每年的增长率。", "How fast funding per head grows a year (other income and the premium too)."),
        U::Share, A, G::Projection, GROWTH, (-0.05, 0.2), 0.005, false, at!(Proj, funding_growth)),
    row("projection.cost_growth", Label::new("医疗费用年增长率", "yearly growth of unit costs"),
        Label::new("次均医疗费用每年的增长率（医疗费用上涨）。", "How fast the cost of a visit or admission grows a year (medical inflation)."),
        U::Share, A, G::Projection, GROWTH, (-0.05, 0.2), 0.005, false, at!(Proj, cost_growth)),
    row("projection.utilisation_growth", Label::new("就诊率年增长率", "yearly growth of utilisation"),
        Label::new("人均就诊和住院次数每年的增长率。", "How fast visits and admissions per head grow a year."),
        U::Share, A, G::Projection, GROWTH, (-0.05, 0.2), 0.005, false, at!(Proj, utilisation_growth)),
    // Households (assumptions of the protection figures; docs/protection.md gives the sources).
    row("households.income_per_head", Label::new("农民人均纯收入（家庭收入分布均值）", "mean income per head of households"),
        Label::new("参合家庭人均年纯收入的均值（对数正态分布）；默认 7 917 元，2012 年全国农民人均纯收入。", "The mean yearly net income per head of enrollees' households (lognormal); default 7 917 yuan, the 2012 national rural net income per head."),
        U::Yuan, A, G::Households, above(0.0, 1e6), (1000.0, 50_000.0), 100.0, false, at!(Hh, income_per_head)),
    row("households.income_gini", Label::new("人均收入基尼系数", "Gini coefficient of income per head"),
        Label::new("人均收入的基尼系数，决定对数正态分布的离散程度（0：各户收入相同）；默认 0.375，按 2012 年农村居民五等份收入拟合。", "The Gini coefficient of income per head, which sets the lognormal's spread (0: every household has the mean); default 0.375, fitted to the 2012 rural income quintiles."),
        U::Number, A, G::Households, closed_range(0.0, 0.8), (0.25, 0.5), 0.005, false, at!(Hh, income_gini)),
    row("households.household_size", Label::new("户均人口", "members per household"),
        Label::new("每户人数：家庭收入 = 人均收入 × 户均人口；默认 3.9 人（农村住户调查）。", "Members of a household: household income is income per head times this; default 3.9 (rural household survey)."),
        U::Number, A, G::Households, closed_range(1.0, 20.0), (2.0, 6.0), 0.1, false, at!(Hh, household_size)),
    row("households.poverty_line", Label::new("贫困线（人均每年）", "poverty line per head a year"),
        Label::new("自付医疗费用使家庭人均收入由线上降到线下即为因病致贫；默认 2 300 元，2011 年农村扶贫标准。", "A payment that takes income per head from above this line to below it impoverishes; default 2 300 yuan, China's 2011 rural poverty line."),
        U::Yuan, A, G::Households, closed_range(0.0, 1e5), (1000.0, 10_000.0), 10.0, false, at!(Hh, poverty_line)),
    row("households.subsistence", Label::new("人均基本生存支出", "subsistence spending per head a year"),
        Label::new("支付能力 = 家庭收入 − 户均人口 × 此额（Xu 等 2003）；默认 2 322 元，2012 年农村居民人均食品支出。", "Capacity to pay is household income less this for each member (Xu et al. 2003); default 2 322 yuan, rural food spending per head in 2012."),
        U::Yuan, A, G::Households, closed_range(0.0, 1e5), (1000.0, 10_000.0), 10.0, false, at!(Hh, subsistence)),
    // Assumption ranges (the stochastic projection; docs/risk.md gives the derivations).
    row("ranges.cost_growth", Label::new("医疗费用年增长率的标准差", "spread of the growth of unit costs"),
        Label::new("每条模拟路径的医疗费用年增长率围绕场景值正态分布的标准差，整个预测期不变；默认 0.03（3 个百分点），由一项全国居民医保支出预测的误差推得。", "The standard deviation of each path's yearly growth of unit costs around the scenario's value, held for the whole horizon; default 0.03 (3 points), derived from the error of a published national projection."),
        U::Share, A, G::Ranges, closed_range(0.0, 0.2), (0.0, 0.1), 0.005, false, at!(Rng, cost_growth)),
    row("ranges.utilisation_growth", Label::new("就诊率年增长率的标准差", "spread of the growth of utilisation"),
        Label::new("每条路径的人均就诊和住院次数年增长率的标准差，整个预测期不变；默认 0.03。", "The standard deviation of each path's yearly growth of visits and admissions per head, held for the whole horizon; default 0.03."),
        U::Share, A, G::Ranges, closed_range(0.0, 0.2), (0.0, 0.1), 0.005, false, at!(Rng, utilisation_growth)),
    row("ranges.enrollment_growth", Label::new("参合人数年增长率的标准差", "spread of the growth of enrollment"),
        Label::new("每条路径的参合人数年增长率的标准差；默认 0.01（判断：参合人数有登记，参合率在 95% 以上）。", "The standard deviation of each path's yearly growth of enrollment; default 0.01 (judgement: enrollment is counted and participation is above 95 %)."),
        U::Share, A, G::Ranges, closed_range(0.0, 0.2), (0.0, 0.05), 0.005, false, at!(Rng, enrollment_growth)),
    row("ranges.funding_growth", Label::new("人均筹资年增长率的标准差", "spread of the growth of funding"),
        Label::new("每条路径的人均筹资年增长率（场景假设的增长，而非方案决定的筹资标准）的标准差；默认 0.02（判断）。", "The standard deviation of each path's yearly growth of funding per head (the growth the scenario assumes, not the funding a plan decides); default 0.02 (judgement)."),
        U::Share, A, G::Ranges, closed_range(0.0, 0.2), (0.0, 0.05), 0.005, false, at!(Rng, funding_growth)),
    row("ranges.elasticity", Label::new("需求弹性的标准差", "spread of the demand elasticity"),
        Label::new("每条路径的需求弹性的标准差（抽取值限于 −2 到 0）；默认 0.1，文献中 −0.1 至 −0.4 的范围。", "The standard deviation of each path's demand elasticity (draws kept within −2 to 0); default 0.1, the literature's −0.1 to −0.4."),
        U::Number, A, G::Ranges, closed_range(0.0, 1.0), (0.0, 0.5), 0.01, false, at!(Rng, elasticity)),
    row("ranges.cost_shock", Label::new("医疗费用年度冲击的标准差", "spread of the yearly shock to costs"),
        Label::new("每年医疗费用水平（对数）随机冲击的标准差，以后各年在此基础上增长；默认 0.044，由 2009–2011 年全国新农合人均支出增长 36%、28%、45% 推得。", "The standard deviation of each year's shock to the log of unit costs, on which later years build; default 0.044, derived from national NCMS spending per enrollee growing 36 %, 28 % and 45 % in 2009–2011."),
        U::Number, A, G::Ranges, closed_range(0.0, 0.5), (0.0, 0.2), 0.002, false, at!(Rng, cost_shock)),
    row("ranges.utilisation_shock", Label::new("就诊率年度冲击的标准差", "spread of the yearly shock to use"),
        Label::new("每年就诊率水平（对数）随机冲击的标准差，以后各年在此基础上增长；默认 0.044，推导同上。", "The standard deviation of each year's shock to the log of utilisation, on which later years build; default 0.044, derived likewise."),
        U::Number, A, G::Ranges, closed_range(0.0, 0.5), (0.0, 0.2), 0.002, false, at!(Rng, utilisation_shock)),
    // Targets (assumptions: the standards the year is checked against).
    row("targets.participation_min", Label::new("参合率目标", "participation target"),
        Label::new("参合率不低于此值。", "Participation at least this."),
        U::Share, A, G::Targets, RATIO, (0.8, 1.0), 0.01, true, at!(Tgt, participation_min)),
    row("targets.inpatient_policy_ratio_min", Label::new("住院政策范围内补偿比目标", "inpatient policy-scope ratio target"),
        Label::new("住院政策范围内补偿比不低于此值。", "Inpatient policy-scope ratio at least this."),
        U::Share, A, G::Targets, RATIO, (0.5, 1.0), 0.01, true, at!(Tgt, inpatient_policy_ratio_min)),
    row("targets.ceiling_income_multiple_min", Label::new("封顶线倍数目标", "ceiling multiple target"),
        Label::new("封顶线不低于全国农民人均纯收入的此倍数。", "The ceiling at least this multiple of national rural net income."),
        U::Multiple, A, G::Targets, closed_range(0.0, 100.0), (1.0, 20.0), 0.5, true, at!(Tgt, ceiling_income_multiple_min)),
    row("targets.national_rural_net_income", Label::new("全国农民人均纯收入", "national rural net income per head"),
        Label::new("封顶线倍数目标所依据的全国农民人均纯收入。", "The national rural net income per head of the ceiling target."),
        U::Yuan, A, G::Targets, above(0.0, 1e6), (1000.0, 50_000.0), 100.0, true, at!(Tgt, national_rural_net_income)),
    row("targets.ceiling_floor_min", Label::new("封顶线最低额", "minimum ceiling"),
        Label::new("封顶线不低于此金额。", "The ceiling at least this amount."),
        U::Yuan, A, G::Targets, closed_range(0.0, 1e8), (0.0, 1e6), 1000.0, true, at!(Tgt, ceiling_floor_min)),
    row("targets.primary_outpatient_ratio_min", Label::new("基层门诊补偿比目标", "primary outpatient ratio target"),
        Label::new("基层（村、乡）普通门诊政策范围内补偿比约为此值（按不低于检查）。", "Village and township outpatient policy-scope ratio about this (checked as at least)."),
        U::Share, A, G::Targets, RATIO, (0.2, 1.0), 0.01, true, at!(Tgt, primary_outpatient_ratio_min)),
    row("targets.outpatient_share_max", Label::new("门诊统筹占比上限", "outpatient share cap"),
        Label::new("门诊统筹支出不超过当年筹资的此比例。", "Outpatient pooling spending at most this share of the year's funds."),
        U::Share, A, G::Targets, RATIO, (0.1, 0.5), 0.01, true, at!(Tgt, outpatient_share_max)),
    row("targets.funding_per_enrollee_min", Label::new("人均筹资目标", "funding per enrollee target"),
        Label::new("人均筹资不低于此金额。", "Funding per enrollee at least this."),
        U::Yuan, A, G::Targets, closed_range(0.0, 50_000.0), (0.0, 5000.0), 1.0, true, at!(Tgt, funding_per_enrollee_min)),
    row("targets.government_per_enrollee_min", Label::new("人均政府补助目标", "government subsidy target"),
        Label::new("人均政府补助不低于此金额。", "Government subsidy per enrollee at least this."),
        U::Yuan, A, G::Targets, closed_range(0.0, 40_000.0), (0.0, 5000.0), 1.0, true, at!(Tgt, government_per_enrollee_min)),
    row("targets.major_disease_ratio_min", Label::new("重大疾病补偿比目标", "major-disease ratio target"),
        Label::new("重大疾病补偿比例不低于此值。", "Major-disease ratio at least this."),
        U::Share, A, G::Targets, RATIO, (0.5, 1.0), 0.01, true, at!(Tgt, major_disease_ratio_min)),
    row("targets.surplus_rate_min", Label::new("当年结余率下限", "minimum surplus rate"),
        Label::new("当年结余率不低于此值（0 表示不出现当年赤字）。", "The surplus rate at least this (0: no yearly deficit)."),
        U::Share, A, G::Targets, closed_range(-1.0, 1.0), (-0.1, 0.2), 0.01, true, at!(Tgt, surplus_rate_min)),
    row("targets.surplus_rate_max", Label::new("当年结余率上限", "maximum surplus rate"),
        Label::new("当年结余率不高于此值。", "The surplus rate at most this."),
        U::Share, A, G::Targets, closed_range(-1.0, 1.0), (0.0, 0.3), 0.01, true, at!(Tgt, surplus_rate_max)),
    row("targets.balance_ratio_max", Label::new("累计结余率上限", "maximum accumulated balance ratio"),
        Label::new("累计结余不超过当年筹资的此比例（且不为负）。", "The accumulated balance at most this share of the year's funds (and not negative)."),
        U::Share, A, G::Targets, RATIO, (0.1, 0.5), 0.01, true, at!(Tgt, balance_ratio_max)),
    // Reported base-year figures (calibration).
    row("observed.income", Label::new("实际筹资总额", "reported funds raised"),
        Label::new("基准年报告的筹资总额。", "Funds raised as reported for the base year."),
        U::Yuan, O, G::Observed, closed_range(0.0, 1e13), (0.0, 1e10), 10_000.0, true, at!(Obs, income)),
    row("observed.spending", Label::new("实际基金支出", "reported fund spending"),
        Label::new("基准年报告的基金支出。", "Fund spending as reported for the base year."),
        U::Yuan, O, G::Observed, closed_range(0.0, 1e13), (0.0, 1e10), 10_000.0, true, at!(Obs, spending)),
    row("observed.other_spending", Label::new("其中：其他支出（体检等）", "of which other spending (health checks and other)"),
        Label::new("基金支出中模型不测算的部分（体检等）：模型与支出减去这部分相比。", "Fund spending on care the model does not price (health checks and other): the model is compared with spending less this."),
        U::Yuan, O, G::Observed, closed_range(0.0, 1e13), (0.0, 1e10), 10_000.0, true, at!(Obs, other_spending)),
    row("observed.inpatient_spending", Label::new("实际住院补偿金额", "reported inpatient spending"),
        Label::new("基准年报告的住院补偿金额（含重大疾病）。", "Inpatient spending as reported, major diseases included."),
        U::Yuan, O, G::Observed, closed_range(0.0, 1e13), (0.0, 1e10), 10_000.0, true, at!(Obs, inpatient_spending)),
    row("observed.admissions", Label::new("实际住院补偿人次", "reported inpatient person-times"),
        Label::new("基准年报告的住院补偿人次（含重大疾病）。", "Inpatient person-times as reported, major-disease cases included."),
        U::Count, O, G::Observed, closed_range(0.0, 1e10), (0.0, 1e7), 1.0, true, at!(Obs, admissions)),
    row("observed.compensated_person_times", Label::new("实际补偿人次", "reported compensated person-times"),
        Label::new("基准年报告的补偿总人次。", "Compensated person-times as reported."),
        U::Count, O, G::Observed, closed_range(0.0, 1e11), (0.0, 1e8), 1.0, true, at!(Obs, compensated_person_times)),
    row("observed.other_person_times", Label::new("其中：其他补偿人次（体检等）", "of which other person-times (health checks and other)"),
        Label::new("补偿总人次中模型不测算的部分（体检等）：模型与合计减去这部分相比。", "The compensated person-times of care the model does not price (health checks and other): the model is compared with the total less these."),
        U::Count, O, G::Observed, closed_range(0.0, 1e11), (0.0, 1e8), 1.0, true, at!(Obs, other_person_times)),
    row("observed.inpatient_policy_ratio", Label::new("实际住院政策范围内补偿比", "reported inpatient policy-scope ratio"),
        Label::new("基准年报告的住院政策范围内补偿比。", "The inpatient policy-scope ratio as reported."),
        U::Share, O, G::Observed, RATIO, (0.3, 1.0), 0.001, true, at!(Obs, inpatient_policy_ratio)),
    row("observed.outpatient_policy_ratio", Label::new("实际门诊政策范围内补偿比", "reported outpatient policy-scope ratio"),
        Label::new("基准年报告的普通门诊政策范围内补偿比。", "The outpatient policy-scope ratio as reported."),
        U::Share, O, G::Observed, RATIO, (0.1, 1.0), 0.001, true, at!(Obs, outpatient_policy_ratio)),
    row("observed.outpatient_mean_cost", Label::new("实际门诊次均费用", "reported mean outpatient cost"),
        Label::new("基准年报告的普通门诊次均费用。", "The mean cost of an outpatient visit as reported."),
        U::Yuan, O, G::Observed, closed_range(0.0, 1e6), (10.0, 1000.0), 0.01, true, at!(Obs, outpatient_mean_cost)),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_a_unique_pattern_that_parses() {
        let mut seen = std::collections::HashSet::new();
        for param in PARAMS {
            assert!(seen.insert(param.path), "{} twice", param.path);
            let concrete = param.path_at(3);
            let path = FieldPath::parse(&concrete).unwrap_or_else(|e| panic!("{concrete}: {e:?}"));
            assert_eq!(find(&path).map(|p| p.param.path), Some(param.path));
            assert_eq!(find_text(&concrete), Ok(find(&path)));
            assert_eq!(param.path_at(3), param.path.replacen("[*]", "[3]", 1));
            assert!(param.range.min <= param.range.max);
            assert!(param.typical.0 <= param.typical.1, "{}", param.path);
            assert!(param.step > 0.0);
            assert!(!param.label.zh.is_empty() && !param.help.en.is_empty());
        }
    }

    #[test]
    fn paths_with_the_wrong_indices_name_nothing() {
        for text in ["lines.inpatient.deductible", "financing[0].individual"] {
            if let Ok(path) = FieldPath::parse(text) {
                assert!(find(&path).is_none(), "{text}");
            }
        }
        let nested = FieldPath::parse("lines[1].inpatient[2].deductible").unwrap();
        assert!(find(&nested).is_none());
    }
}
