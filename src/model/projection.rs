//! The scheme model of docs/model.md: one year of the fund ([`simulate_year`]: income, lines of care,
//! scheme-wide items, ledger, indicators) and the projection over the horizon ([`simulate`],
//! [`simulate_proposal`]).
//!
//! Benefits per claim come from the limited expected values of `lognormal`; every money figure is
//! rounded to the fen once, per line, and totals are sums of the rounded lines, so each table adds
//! up. The release effect (释放效应) scales a line's volume by `(q1/q0)^e`, where `q` is the share
//! the patient pays under the proposal (1) and the baseline (0) in the same year.

use crate::base::lang::Label;
use crate::base::lognormal::{price_layer, Layer, LayerMemo, Shape};
use crate::base::money::{
    self, fen, fen_from_f64, fen_of_product, minus, plus, ratio, to_f64, Yuan,
};
use crate::model::report::*;
use crate::model::targets::{calibration_rows, check_targets_with, required_ceiling};
use crate::scenario::file_format::{Level, Scenario};
use crate::scenario::validate::CheckedScenario;
use rust_decimal::Decimal;

/// The patient's share of cost is clamped here before the release ratio `(q1/q0)^e` (docs/model.md).
const MIN_PATIENT_SHARE: f64 = 0.01;

/// Projects the scenario's own rules (its baseline) over its horizon.
pub fn simulate(scenario: &CheckedScenario) -> Report {
    project(scenario, None, None)
}

/// Projects `proposal` with its release effect measured against `baseline`, year by year.
/// Both must come from the same scenario (same lines and horizon), as `compare` ensures.
pub fn simulate_proposal(proposal: &CheckedScenario, baseline: &Report) -> Report {
    project(
        proposal,
        Some(Reference {
            report: baseline,
            scenario: None,
        }),
        None,
    )
}

/// [`simulate_proposal`] when the baseline's scenario is at hand (`baseline` must be
/// `simulate(baseline_scenario)`): a line the plan leaves alone has the same claims as in the
/// baseline and no release effect, so its figures are taken from the baseline instead of being
/// priced again. The report is the same to the bit; an edit of one line prices one line.
pub fn simulate_proposal_against(
    proposal: &CheckedScenario,
    baseline_scenario: &CheckedScenario,
    baseline: &Report,
) -> Report {
    project(
        proposal,
        Some(Reference {
            report: baseline,
            scenario: Some(baseline_scenario),
        }),
        None,
    )
}

/// Another projection of the same years whose lines a projection may copy: `report`, of
/// `scenario`, made against `reference` (`None`: a baseline). A line with the same claims as the
/// twin's, under the same elasticity and against a reference line of the same actual ratio (or
/// none on both sides), is the twin's line to the bit. Goal seek and the sensitivity tornado
/// move one parameter at a time around a plan: the plan's report is the twin of every move, and
/// only the lines the move touches are priced.
#[derive(Clone, Copy)]
pub(crate) struct Twin<'a> {
    pub scenario: &'a Scenario,
    pub report: &'a Report,
    pub reference: Option<&'a Report>,
}

/// [`simulate`] (no `baseline`) or [`simulate_proposal_against`] (`baseline` given), copying
/// what it can from `twin`. The report is the same to the bit.
pub(crate) fn simulate_with_twin(
    scenario: &CheckedScenario,
    baseline: Option<(&CheckedScenario, &Report)>,
    twin: Twin,
) -> Report {
    project(
        scenario,
        baseline.map(|(scenario, report)| Reference {
            report,
            scenario: Some(scenario),
        }),
        Some(twin),
    )
}

/// What a proposal is measured against: the baseline's report and, when known, its scenario.
#[derive(Clone, Copy)]
struct Reference<'a> {
    report: &'a Report,
    scenario: Option<&'a Scenario>,
}

fn project(scenario: &CheckedScenario, reference: Option<Reference>, twin: Option<Twin>) -> Report {
    let s: &Scenario = scenario;
    let horizon = s.projection.years.max(1);
    let mut fixed = Fixed::new(s);
    // Lines whose claims are those of the baseline, year after year (see `simulate_proposal_against`).
    let from_reference = match reference.and_then(|r| r.scenario) {
        Some(base) if same_frames(s, base) => SameClaims::of(&fixed, base),
        _ => SameClaims::default(),
    };
    let from_twin = match twin {
        Some(twin)
            if same_frames(s, twin.scenario)
                && s.behaviour.elasticity.to_bits()
                    == twin.scenario.behaviour.elasticity.to_bits() =>
        {
            SameClaims::of(&fixed, twin.scenario)
        }
        _ => SameClaims::default(),
    };
    let mut years = Vec::with_capacity(horizon as usize);
    let mut opening = money::fen(s.financing.opening_balance);
    let mut reserve = s
        .rules
        .risk_reserve
        .as_ref()
        .map_or(money::ZERO, |r| money::fen(r.opening_reserve));
    for t in 0..horizon {
        let reference_year = reference.and_then(|r| r.report.years.get(t as usize));
        let twin_year = twin.and_then(|twin| {
            Some(TwinYear {
                year: twin.report.years.get(t as usize)?,
                reference: match twin.reference {
                    Some(r) => Some(r.years.get(t as usize)?),
                    None => None,
                },
            })
        });
        let copies = Copies {
            from_reference: &from_reference,
            from_twin: &from_twin,
            twin: twin_year,
        };
        let year = year_of(s, &mut fixed, t, opening, reserve, reference_year, &copies);
        opening = year.closing_balance;
        reserve = year.risk_reserve;
        years.push(year);
    }
    let negative = |amount: Yuan| amount.is_sign_negative() && !amount.is_zero();
    let first_year =
        |test: &dyn Fn(&YearReport) -> bool| years.iter().find(|y| test(y)).map(|y| y.year);
    Report {
        calibration: calibration_rows(s, &years[0]),
        first_deficit_year: first_year(&|y| negative(y.surplus)),
        exhaustion_year: first_year(&|y| negative(y.available_balance)),
        balance_negative_year: first_year(&|y| negative(y.closing_balance)),
        years,
        notes: MODEL_NOTES.to_vec(),
    }
}

/// Which lines of a projection have the very claims of another scenario's (the baseline's, or a
/// twin's): their figures can be copied rather than priced again.
#[derive(Default)]
struct SameClaims {
    lines: Vec<bool>,
    special_disease: bool,
}

impl SameClaims {
    fn of(proposal: &Fixed, other: &Scenario) -> SameClaims {
        let ceiling = other.rules.annual_ceiling.as_ref().map(|c| c.amount());
        let same = |a: &LineBasis, b: &LineBasis| a.same_claims(b, proposal.ceiling, ceiling);
        let (lines, special_disease) = line_bases(other);
        if proposal.lines.len() != lines.len() {
            return SameClaims::default();
        }
        SameClaims {
            lines: proposal
                .lines
                .iter()
                .zip(&lines)
                .map(|(a, b)| same(a, b))
                .collect(),
            special_disease: match (&proposal.special_disease, &special_disease) {
                (Some(a), Some(b)) => same(a, b),
                _ => false,
            },
        }
    }
}

/// A twin's year: its report and the reference it was made against.
#[derive(Clone, Copy)]
struct TwinYear<'a> {
    year: &'a YearReport,
    reference: Option<&'a YearReport>,
}

/// Where a year's lines may be copied from instead of priced.
struct Copies<'a> {
    /// Lines with the baseline's claims: the reference's own lines (no release effect).
    from_reference: &'a SameClaims,
    /// Lines with the twin's claims: the twin's lines, where the references agree.
    from_twin: &'a SameClaims,
    twin: Option<TwinYear<'a>>,
}

impl Copies<'_> {
    const NONE: Copies<'static> = Copies {
        from_reference: &SameClaims {
            lines: Vec::new(),
            special_disease: false,
        },
        from_twin: &SameClaims {
            lines: Vec::new(),
            special_disease: false,
        },
        twin: None,
    };

    /// The line to copy, if any: `own` and `twin` are the reference's and the twin's line,
    /// `twin_reference` the line the twin was measured against.
    fn line<'a>(
        &self,
        same_as_reference: bool,
        same_as_twin: bool,
        reference: Option<&'a LineResult>,
        twin: Option<&'a LineResult>,
        twin_reference: Option<&LineResult>,
    ) -> Option<&'a LineResult> {
        if same_as_reference {
            if let Some(line) = reference {
                return Some(line);
            }
        }
        let twin = twin.filter(|_| same_as_twin)?;
        let same_reference = match (reference, twin_reference) {
            (None, None) => true,
            (Some(a), Some(b)) => a.actual_ratio.to_bits() == b.actual_ratio.to_bits(),
            _ => false,
        };
        same_reference.then_some(twin)
    }
}

/// Whether two scenarios have the same years: enrollment, growth and indexing, so that year `t`
/// scales both alike.
fn same_frames(a: &Scenario, b: &Scenario) -> bool {
    a.year == b.year
        && a.population.enrollees == b.population.enrollees
        && a.population.growth.to_bits() == b.population.growth.to_bits()
        && a.projection == b.projection
}

/// Approximations the figures rest on: static, so a projection allocates no text.
const MODEL_NOTES: &[Label] = &[
    Label::new(
        "年度封顶线按每次住院计算（闭式近似），同一人一年多次住院时略高估基金支出。",
        "The annual ceiling is applied per admission (closed-form approximation); for members \
             admitted more than once a year this slightly overstates fund spending.",
    ),
    Label::new(
        "释放效应：各项目利用量乘以 (q1/q0)^e，q 为患者自付比例（下限 1%），e 为需求弹性。",
        "Release effect: each line's volume is multiplied by (q1/q0)^e, q being the share the \
             patient pays (at least 1 %) and e the demand elasticity.",
    ),
    Label::new(
        "基金耗尽年按可用结余（累计结余减风险基金）计算：风险基金不用于日常补偿。",
        "The year the fund runs out counts the available balance (the closing balance less \
             the risk reserve, which is not available for claims).",
    ),
];

/// Growth factor `(1 + g)^t`. `libm::pow`, like all the model's maths, so that wasm32 and
/// native builds agree to the bit.
pub(crate) fn grown(rate: f64, t: u32) -> f64 {
    libm::pow(1.0 + rate, f64::from(t))
}

/// Money per head grown by `factor`, rounded to the fen.
pub(crate) fn grown_money(amount: Yuan, factor: f64) -> Yuan {
    if factor == 1.0 {
        fen(amount)
    } else {
        fen_from_f64(to_f64(amount) * factor)
    }
}

/// Year `t` of a scenario: who is enrolled and how prices and use have grown.
pub(crate) struct YearFrame {
    t: u32,
    enrollees: u64,
    funding: f64,
    cost: f64,
    utilisation: f64,
    /// Deductibles, caps and ceilings follow costs only when the scenario indexes them.
    policy: f64,
}

impl YearFrame {
    fn new(s: &Scenario, t: u32) -> YearFrame {
        let p = &s.projection;
        let cost = grown(p.cost_growth, t);
        YearFrame {
            t,
            enrollees: (s.population.enrollees as f64 * grown(s.population.growth, t)).round()
                as u64,
            funding: grown(p.funding_growth, t),
            cost,
            utilisation: grown(p.utilisation_growth, t),
            policy: if p.index_deductibles { cost } else { 1.0 },
        }
    }

    /// A frame for pricing one claim: unit costs at `cost` times the base year's, deductibles and
    /// caps at `policy` times theirs; one enrollee, base-year use (the batch projection's grid).
    pub(crate) fn pricing(cost: f64, policy: f64) -> YearFrame {
        YearFrame {
            t: 0,
            enrollees: 1,
            funding: 1.0,
            cost,
            utilisation: 1.0,
            policy,
        }
    }

    fn enrollees_f(&self) -> f64 {
        self.enrollees as f64
    }
}

/// What a projection works out once rather than every year: the decimal rates the ledger
/// multiplies money by, the ceiling before indexing, the ceiling the targets require, and each
/// line's claims with the logarithms it keeps from year to year.
struct Fixed {
    /// The annual ceiling's amount in the base year (`None`: no ceiling).
    ceiling: Option<Yuan>,
    /// The risk reserve's rate and cap as the decimals the file wrote.
    reserve: Option<(Decimal, Decimal)>,
    outpatient_share_cap: f64,
    outpatient_share_cap_decimal: Decimal,
    required_ceiling: Option<Yuan>,
    /// General outpatient and inpatient care, level by level, in the report's order.
    lines: Vec<LineBasis>,
    special_disease: Option<LineBasis>,
}

impl Fixed {
    fn new(s: &Scenario) -> Fixed {
        let decimal = |v: f64| money::decimal_from_f64(v).unwrap_or_default();
        let outpatient_share_cap = s.targets.outpatient_share_max.unwrap_or(0.25);
        let (lines, special_disease) = line_bases(s);
        Fixed {
            ceiling: s.rules.annual_ceiling.as_ref().map(|c| c.amount()),
            reserve: s
                .rules
                .risk_reserve
                .as_ref()
                .map(|rr| (decimal(rr.rate), decimal(rr.cap))),
            outpatient_share_cap,
            outpatient_share_cap_decimal: decimal(outpatient_share_cap),
            required_ceiling: required_ceiling(s),
            lines,
            special_disease,
        }
    }
}

/// Every line of care of a scenario, as written: general outpatient and inpatient care level by
/// level, in the report's order, and special-disease outpatient care.
pub(crate) fn line_bases(s: &Scenario) -> (Vec<LineBasis>, Option<LineBasis>) {
    let mut lines = Vec::with_capacity(s.lines.len() * 2);
    for line in &s.lines {
        if let Some(o) = &line.outpatient {
            lines.push(LineBasis {
                level: Some(line.level),
                kind: CareKind::Outpatient,
                rate: o.visits_per_enrollee,
                mean_cost: to_f64(o.mean_cost),
                cost_cv: o.cost_cv,
                scope_share: o.scope_share,
                deductible: to_f64(o.deductible),
                ratio: o.reimbursement_ratio,
                cap: o.visit_cap.map(to_f64),
                under_ceiling: false,
                shape: None,
                memo: LayerMemo::default(),
            });
        }
        if let Some(i) = &line.inpatient {
            lines.push(LineBasis {
                level: Some(line.level),
                kind: CareKind::Inpatient,
                rate: i.admissions_per_1000 / 1000.0,
                mean_cost: to_f64(i.mean_cost),
                cost_cv: i.cost_cv,
                scope_share: i.scope_share,
                deductible: to_f64(i.deductible),
                ratio: i.reimbursement_ratio,
                cap: i.admission_cap.map(to_f64),
                under_ceiling: true,
                shape: None,
                memo: LayerMemo::default(),
            });
        }
    }
    let special_disease = s.rules.special_disease.as_ref().map(|sd| LineBasis {
        level: None,
        kind: CareKind::SpecialDisease,
        rate: sd.patients_per_1000 / 1000.0,
        mean_cost: to_f64(sd.annual_cost),
        cost_cv: sd.cost_cv,
        scope_share: sd.scope_share,
        deductible: to_f64(sd.deductible),
        ratio: sd.reimbursement_ratio,
        cap: None,
        under_ceiling: true,
        shape: None,
        memo: LayerMemo::default(),
    });
    (lines, special_disease)
}

/// Income: contributions and subsidies per head, interest on a positive opening balance, and
/// other income growing with funding.
fn income(s: &Scenario, y: &YearFrame, opening: Yuan) -> (Income, Yuan, Yuan) {
    let f = &s.financing;
    let individual = grown_money(f.individual, y.funding);
    let government = grown_money(f.government.total(), y.funding);
    let individual_contributions = money::times(y.enrollees, individual);
    let government_subsidies = money::times(y.enrollees, government);
    let interest = fen_from_f64(to_f64(opening.max(Decimal::ZERO)) * f.interest_rate);
    let other = grown_money(f.other_income, y.funding);
    let total = plus(
        plus(
            plus(individual_contributions, government_subsidies),
            interest,
        ),
        other,
    );
    (
        Income {
            individual_contributions,
            government_subsidies,
            interest,
            other,
            total,
        },
        individual,
        government,
    )
}

/// The share the patient pays, clamped, and the release multiplier against a reference line.
fn release_factor(actual_ratio: f64, reference: Option<&LineResult>, elasticity: f64) -> f64 {
    let Some(reference) = reference else {
        return 1.0;
    };
    let q1 = (1.0 - actual_ratio).max(MIN_PATIENT_SHARE);
    let q0 = (1.0 - reference.actual_ratio).max(MIN_PATIENT_SHARE);
    if q1 == q0 {
        1.0
    } else {
        libm::pow(q1 / q0, elasticity)
    }
}

/// One line of care as the scenario writes it, in the `f64` world, before any growth; it keeps
/// the logarithms of its layer from year to year.
pub(crate) struct LineBasis {
    level: Option<Level>,
    pub(crate) kind: CareKind,
    /// Claims per enrollee before utilisation growth and the release effect.
    pub(crate) rate: f64,
    pub(crate) mean_cost: f64,
    cost_cv: f64,
    scope_share: f64,
    /// Nominal deductible and cap, before indexing.
    deductible: f64,
    ratio: f64,
    cap: Option<f64>,
    /// Whether the annual ceiling, applied per claim (see the notes), bounds the cap.
    under_ceiling: bool,
    /// The lognormal shape, worked out when the line is first priced.
    shape: Option<Shape>,
    memo: LayerMemo,
}

impl LineBasis {
    /// Whether two lines have the same claims in every year of frames that are the same, given
    /// each scenario's ceiling.
    fn same_claims(
        &self,
        other: &LineBasis,
        ceiling: Option<Yuan>,
        other_ceiling: Option<Yuan>,
    ) -> bool {
        let same = |a: f64, b: f64| a.to_bits() == b.to_bits();
        self.level == other.level
            && self.kind == other.kind
            && same(self.rate, other.rate)
            && same(self.mean_cost, other.mean_cost)
            && same(self.cost_cv, other.cost_cv)
            && same(self.scope_share, other.scope_share)
            && same(self.deductible, other.deductible)
            && same(self.ratio, other.ratio)
            && self.cap.map(f64::to_bits) == other.cap.map(f64::to_bits)
            && self.under_ceiling == other.under_ceiling
            && (!self.under_ceiling || ceiling == other_ceiling)
    }

    /// The line in year `y`, under the year's ceiling `ceiling` (in yuan, as `f64`).
    pub(crate) fn price(
        &mut self,
        y: &YearFrame,
        ceiling: Option<f64>,
        reference: Option<&LineResult>,
        elasticity: f64,
    ) -> LineResult {
        let rate_per_enrollee = self.rate * y.utilisation;
        let mean_cost = self.mean_cost * y.cost;
        let own_cap = self.cap.map(|c| c * y.policy);
        let cap = if self.under_ceiling {
            match (own_cap, ceiling) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            }
        } else {
            own_cap
        };
        let layer = Layer {
            deductible: self.deductible * y.policy,
            ratio: self.ratio,
            cap,
        };
        let eligible_mean = mean_cost * self.scope_share;
        let cost_cv = self.cost_cv;
        let shape = self.shape.get_or_insert_with(|| Shape::new(cost_cv));
        let price = price_layer(eligible_mean, shape, &layer, &mut self.memo);
        let mean_benefit = price.mean_benefit;
        let policy_ratio = if eligible_mean > 0.0 {
            mean_benefit / eligible_mean
        } else {
            0.0
        };
        let actual_ratio = if mean_cost > 0.0 {
            mean_benefit / mean_cost
        } else {
            0.0
        };
        let release = release_factor(actual_ratio, reference, elasticity);
        let volume = y.enrollees_f() * rate_per_enrollee * release;
        LineResult {
            level: self.level,
            kind: self.kind,
            volume,
            compensated: volume * price.paid_share,
            release_factor: release,
            mean_cost,
            mean_benefit,
            total_cost: fen_from_f64(volume * mean_cost),
            eligible_cost: fen_from_f64(volume * eligible_mean),
            benefit: fen_from_f64(volume * mean_benefit),
            policy_ratio,
            actual_ratio,
        }
    }
}

/// General outpatient and inpatient care, level by level, and special-disease outpatient care,
/// each priced or, where `copies` allows, copied.
fn care_lines(
    s: &Scenario,
    fixed: &mut Fixed,
    y: &YearFrame,
    ceiling: Option<Yuan>,
    reference: Option<&YearReport>,
    copies: &Copies,
) -> (Vec<LineResult>, Option<LineResult>) {
    let elasticity = s.behaviour.elasticity;
    let ceiling_f = ceiling.map(to_f64);
    fn lines_of(r: Option<&YearReport>) -> &[LineResult] {
        r.map_or(&[][..], |r| r.spending.lines.as_slice())
    }
    fn special(r: Option<&YearReport>) -> Option<&LineResult> {
        r.and_then(|r| r.spending.special_disease.as_ref())
    }
    let reference_lines = lines_of(reference);
    let twin_lines = lines_of(copies.twin.map(|t| t.year));
    let twin_reference_lines = lines_of(copies.twin.and_then(|t| t.reference));
    let mut lines = Vec::with_capacity(fixed.lines.len());
    for (i, basis) in fixed.lines.iter_mut().enumerate() {
        let reference_line = reference_lines.get(i);
        let copy = copies.line(
            copies.from_reference.lines.get(i) == Some(&true),
            copies.from_twin.lines.get(i) == Some(&true),
            reference_line,
            twin_lines.get(i),
            twin_reference_lines.get(i),
        );
        lines.push(match copy {
            Some(line) => line.clone(),
            None => basis.price(y, ceiling_f, reference_line, elasticity),
        });
    }
    let reference_special = special(reference);
    let copy = copies.line(
        copies.from_reference.special_disease,
        copies.from_twin.special_disease,
        reference_special,
        special(copies.twin.map(|t| t.year)),
        special(copies.twin.and_then(|t| t.reference)),
    );
    let special_disease = fixed.special_disease.as_mut().map(|basis| match copy {
        Some(line) => line.clone(),
        None => basis.price(y, ceiling_f, reference_special, elasticity),
    });
    (lines, special_disease)
}

/// The scheme-wide items: the consultation fee, major diseases (and their cases), the premium.
struct SchemeItems {
    consultation_fee: Yuan,
    major_disease: Yuan,
    major_cases: f64,
    critical_illness_premium: Yuan,
}

fn scheme_items(s: &Scenario, y: &YearFrame) -> SchemeItems {
    let rules = &s.rules;
    // The consultation fee: visits and the cap both count the residents the clinics serve; the
    // scheme's part and the cap are nominal policy amounts, like deductibles.
    let consultation_fee = rules.consultation_fee.as_ref().map_or(money::ZERO, |fee| {
        let served = y.enrollees_f() * fee.served_share;
        let visits = served * fee.visits_per_served_resident * y.utilisation;
        let claimed = fen_from_f64(visits * (to_f64(fee.scheme_part) * y.policy));
        let cap = fen_from_f64(served * (to_f64(fee.cap_per_capita) * y.policy));
        claimed.min(cap)
    });
    let (major_disease, major_cases) =
        rules
            .major_disease
            .as_ref()
            .map_or((money::ZERO, 0.0), |md| {
                let cases = y.enrollees_f() * md.cases_per_100k / 100_000.0 * y.utilisation;
                let paid = cases * to_f64(md.limited_cost) * y.cost * md.reimbursement_ratio;
                (fen_from_f64(paid), cases)
            });
    // The premium per head grows with funding per head, as premiums are set from it.
    let premium = grown_money(rules.critical_illness_premium, y.funding);
    SchemeItems {
        consultation_fee,
        major_disease,
        major_cases,
        critical_illness_premium: money::times(y.enrollees, premium),
    }
}

/// The risk reserve moved this year and the reserve at its end:
/// `min(rate × income, max(0, cap × income − reserve))`.
fn risk_reserve(fixed: &Fixed, income: Yuan, opening_reserve: Yuan) -> (Yuan, Yuan) {
    match fixed.reserve {
        Some((rate, cap)) => {
            let room = minus(fen_of_product(cap, income), opening_reserve).max(money::ZERO);
            let moved = fen_of_product(rate, income).min(room);
            (moved, plus(opening_reserve, moved))
        }
        None => (money::ZERO, opening_reserve),
    }
}

/// The year's totals that the indicators read.
struct Totals {
    income: Yuan,
    spending: Yuan,
    surplus: Yuan,
    closing_balance: Yuan,
}

/// The money sums of a group of lines.
#[derive(Default)]
struct LineSums {
    benefit: money::Sum,
    eligible_cost: money::Sum,
    total_cost: money::Sum,
}

impl LineSums {
    fn add(&mut self, line: &LineResult) {
        self.benefit.add(line.benefit);
        self.eligible_cost.add(line.eligible_cost);
        self.total_cost.add(line.total_cost);
    }
}

/// The indicators officials read, from the year's ledger and lines.
fn indicators(
    fixed: &Fixed,
    totals: &Totals,
    lines: &[LineResult],
    special_disease: Option<&LineResult>,
    items: &SchemeItems,
) -> Indicators {
    let Totals {
        income: income_total,
        spending: spending_total,
        surplus,
        closing_balance,
    } = *totals;
    // Every sum over the lines in one pass; f64 sums start from −0.0 and add in line order, as
    // `Iterator::sum` does.
    let mut outpatient = LineSums::default();
    let mut inpatient = LineSums::default();
    let mut primary = LineSums::default();
    let mut admissions = -0.0;
    let mut compensated = -0.0;
    for line in lines {
        match line.kind {
            CareKind::Outpatient => {
                outpatient.add(line);
                if line.level.is_some_and(Level::is_primary) {
                    primary.add(line);
                }
            }
            CareKind::Inpatient => {
                inpatient.add(line);
                admissions += line.volume;
            }
            CareKind::SpecialDisease => {}
        }
        compensated += line.compensated;
    }
    let outpatient_benefit = outpatient.benefit.value();
    let outpatient_spending = plus(outpatient_benefit, items.consultation_fee);
    let inpatient_benefit = inpatient.benefit.value();
    let inpatient_cost = inpatient.total_cost.value();
    let outpatient_share_cap = fixed.outpatient_share_cap;
    let outpatient_share = ratio(outpatient_spending, income_total);
    let in_deficit = closing_balance.is_sign_negative() && !closing_balance.is_zero();
    Indicators {
        surplus_rate: ratio(surplus, income_total),
        balance_ratio: ratio(closing_balance, income_total),
        months_covered: if spending_total.is_zero() || in_deficit {
            0.0
        } else {
            12.0 * ratio(closing_balance, spending_total)
        },
        outpatient_spending,
        outpatient_share,
        outpatient_share_cap,
        // 0 against a cap of 0, or against one so small (a subnormal share) that the quotient
        // is not a finite number.
        outpatient_cap_used: Some(outpatient_share / outpatient_share_cap)
            .filter(|used| outpatient_share_cap > 0.0 && used.is_finite())
            .unwrap_or(0.0),
        outpatient_headroom: minus(
            fen_of_product(fixed.outpatient_share_cap_decimal, income_total),
            outpatient_spending,
        ),
        inpatient_policy_ratio: ratio(inpatient_benefit, inpatient.eligible_cost.value()),
        inpatient_actual_ratio: ratio(inpatient_benefit, inpatient_cost),
        outpatient_policy_ratio: ratio(outpatient_benefit, outpatient.eligible_cost.value()),
        outpatient_actual_ratio: ratio(outpatient_benefit, outpatient.total_cost.value()),
        primary_outpatient_policy_ratio: ratio(
            primary.benefit.value(),
            primary.eligible_cost.value(),
        ),
        mean_out_of_pocket_per_admission: if admissions > 0.0 {
            to_f64(minus(inpatient_cost, inpatient_benefit)) / admissions
        } else {
            0.0
        },
        admissions: admissions + items.major_cases,
        inpatient_spending: plus(inpatient_benefit, items.major_disease),
        compensated_person_times: compensated
            + special_disease.map_or(0.0, |l| l.compensated)
            + items.major_cases,
    }
}

/// One year `t` (0 is the base year) of the scenario, opening with `opening` and `reserve`.
/// `reference` is the baseline's same year, for the release effect; `None` for the baseline.
pub fn simulate_year(
    scenario: &CheckedScenario,
    t: u32,
    opening: Yuan,
    reserve_opening: Yuan,
    reference: Option<&YearReport>,
) -> YearReport {
    let s: &Scenario = scenario;
    year_of(
        s,
        &mut Fixed::new(s),
        t,
        opening,
        reserve_opening,
        reference,
        &Copies::NONE,
    )
}

fn year_of(
    s: &Scenario,
    fixed: &mut Fixed,
    t: u32,
    opening: Yuan,
    reserve_opening: Yuan,
    reference: Option<&YearReport>,
    copies: &Copies,
) -> YearReport {
    let y = YearFrame::new(s, t);
    let (income, individual, government) = income(s, &y, opening);
    let ceiling = fixed.ceiling.map(|c| grown_money(c, y.policy));
    let (lines, special_disease) = care_lines(s, fixed, &y, ceiling, reference, copies);
    let items = scheme_items(s, &y);

    let spending_total = money::total(
        lines
            .iter()
            .map(|l| l.benefit)
            .chain(special_disease.as_ref().map(|l| l.benefit))
            .chain([
                items.consultation_fee,
                items.major_disease,
                items.critical_illness_premium,
            ]),
    );

    let surplus = minus(income.total, spending_total);
    let closing_balance = plus(opening, surplus);
    let (risk_reserve_moved, risk_reserve) = risk_reserve(fixed, income.total, reserve_opening);
    let totals = Totals {
        income: income.total,
        spending: spending_total,
        surplus,
        closing_balance,
    };
    let indicators = indicators(fixed, &totals, &lines, special_disease.as_ref(), &items);
    let mut year = YearReport {
        year: s.year + y.t as i32,
        enrollees: y.enrollees,
        funding_per_enrollee: plus(individual, government),
        government_per_enrollee: government,
        income,
        spending: Spending {
            lines,
            consultation_fee: items.consultation_fee,
            special_disease,
            major_disease: items.major_disease,
            critical_illness_premium: items.critical_illness_premium,
            total: spending_total,
        },
        surplus,
        opening_balance: opening,
        closing_balance,
        risk_reserve_moved,
        risk_reserve,
        available_balance: minus(closing_balance, risk_reserve),
        annual_ceiling: ceiling,
        indicators,
        targets: Vec::new(),
    };
    year.targets = check_targets_with(s, &year, fixed.required_ceiling);
    year
}
