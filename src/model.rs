//! The scheme model of MODEL.md: one year of the fund ([`simulate_year`]: income, lines of care,
//! scheme-wide items, ledger, indicators) and the projection over the horizon ([`simulate`],
//! [`simulate_proposal`]).
//!
//! Benefits per claim come from the limited expected values of `lognormal`; every money figure is
//! rounded to the fen once, per line, and totals are sums of the rounded lines, so each table adds
//! up. The release effect (释放效应) scales a line's volume by `(q1/q0)^e`, where `q` is the share
//! the patient pays under the proposal (1) and the baseline (0) in the same year.

use crate::lang::Text;
use crate::lognormal::{expected_benefit, ClaimSize, Layer};
use crate::money::{self, fen, fen_from_f64, ratio, to_f64, Yuan};
use crate::report::*;
use crate::scenario::{Level, Scenario};
use crate::targets::{calibration_rows, check_targets};
use crate::validate::CheckedScenario;
use rust_decimal::Decimal;

/// The patient's share of cost is clamped here before the release ratio `(q1/q0)^e` (MODEL.md).
const MIN_PATIENT_SHARE: f64 = 0.01;

/// Projects the scenario's own rules (its baseline) over its horizon.
pub fn simulate(scenario: &CheckedScenario) -> Report {
    project(scenario, None)
}

/// Projects `proposal` with its release effect measured against `baseline`, year by year.
/// Both must come from the same scenario (same lines and horizon), as `compare` ensures.
pub fn simulate_proposal(proposal: &CheckedScenario, baseline: &Report) -> Report {
    project(proposal, Some(baseline))
}

fn project(scenario: &CheckedScenario, reference: Option<&Report>) -> Report {
    let horizon = scenario.projection.years.max(1);
    let mut years = Vec::with_capacity(horizon as usize);
    let mut opening = money::fen(scenario.financing.opening_balance);
    let mut reserve = scenario
        .rules
        .risk_reserve
        .as_ref()
        .map_or(money::ZERO, |r| money::fen(r.opening_reserve));
    for t in 0..horizon {
        let reference_year = reference.and_then(|r| r.years.get(t as usize));
        let year = simulate_year(scenario, t, opening, reserve, reference_year);
        opening = year.closing_balance;
        reserve = year.risk_reserve;
        years.push(year);
    }
    let negative = |amount: Yuan| amount.is_sign_negative() && !amount.is_zero();
    let first_year =
        |test: &dyn Fn(&YearReport) -> bool| years.iter().find(|y| test(y)).map(|y| y.year);
    Report {
        calibration: calibration_rows(scenario, &years[0]),
        first_deficit_year: first_year(&|y| negative(y.surplus)),
        exhaustion_year: first_year(&|y| negative(y.available_balance)),
        balance_negative_year: first_year(&|y| negative(y.closing_balance)),
        years,
        notes: model_notes(),
    }
}

fn model_notes() -> Vec<Text> {
    vec![
        Text::new(
            "年度封顶线按每次住院计算（闭式近似），同一人一年多次住院时略高估基金支出。",
            "The annual ceiling is applied per admission (closed-form approximation); for members \
             admitted more than once a year this slightly overstates fund spending.",
        ),
        Text::new(
            "释放效应：各项目利用量乘以 (q1/q0)^e，q 为患者自付比例（下限 1%），e 为需求弹性。",
            "Release effect: each line's volume is multiplied by (q1/q0)^e, q being the share the \
             patient pays (at least 1 %) and e the demand elasticity.",
        ),
        Text::new(
            "基金耗尽年按可用结余（累计结余减风险基金）计算：风险基金不用于日常补偿。",
            "The year the fund runs out counts the available balance (the closing balance less \
             the risk reserve, which is not available for claims).",
        ),
    ]
}

/// Growth factor `(1 + g)^t`. `libm::pow`, like all the model's maths, so that wasm32 and
/// native builds agree to the bit.
fn grown(rate: f64, t: u32) -> f64 {
    libm::pow(1.0 + rate, f64::from(t))
}

/// Money per head grown by `factor`, rounded to the fen.
fn grown_money(amount: Yuan, factor: f64) -> Yuan {
    if factor == 1.0 {
        fen(amount)
    } else {
        fen_from_f64(to_f64(amount) * factor)
    }
}

/// Year `t` of a scenario: who is enrolled and how prices and use have grown.
struct YearFrame<'a> {
    s: &'a Scenario,
    t: u32,
    enrollees: u64,
    funding: f64,
    cost: f64,
    utilisation: f64,
    /// Deductibles, caps and ceilings follow costs only when the scenario indexes them.
    policy: f64,
}

impl<'a> YearFrame<'a> {
    fn new(s: &'a Scenario, t: u32) -> YearFrame<'a> {
        let p = &s.projection;
        let cost = grown(p.cost_growth, t);
        YearFrame {
            s,
            t,
            enrollees: (s.population.enrollees as f64 * grown(s.population.growth, t)).round()
                as u64,
            funding: grown(p.funding_growth, t),
            cost,
            utilisation: grown(p.utilisation_growth, t),
            policy: if p.index_deductibles { cost } else { 1.0 },
        }
    }

    fn enrollees_f(&self) -> f64 {
        self.enrollees as f64
    }

    /// A nominal policy amount (deductible, cap) in year `t`, in the `f64` world.
    fn nominal(&self, amount: Yuan) -> f64 {
        to_f64(amount) * self.policy
    }
}

/// Income: contributions and subsidies per head, interest on a positive opening balance, and
/// other income growing with funding.
fn income(y: &YearFrame, opening: Yuan) -> (Income, Yuan, Yuan) {
    let f = &y.s.financing;
    let individual = grown_money(f.individual, y.funding);
    let government = grown_money(f.government.total(), y.funding);
    let individual_contributions = money::times(y.enrollees, individual);
    let government_subsidies = money::times(y.enrollees, government);
    let interest = fen_from_f64(to_f64(opening.max(Decimal::ZERO)) * f.interest_rate);
    let other = grown_money(f.other_income, y.funding);
    let total = individual_contributions + government_subsidies + interest + other;
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

/// The claim parameters of a line, in the `f64` world, for one year.
struct ClaimLine {
    level: Option<Level>,
    kind: CareKind,
    /// Claims per enrollee before the release effect.
    rate_per_enrollee: f64,
    mean_cost: f64,
    cost_cv: f64,
    scope_share: f64,
    layer: Layer,
}

fn price_line(
    line: &ClaimLine,
    enrollees: f64,
    reference: Option<&LineResult>,
    elasticity: f64,
) -> LineResult {
    let eligible_mean = line.mean_cost * line.scope_share;
    let eligible = ClaimSize::new(eligible_mean, line.cost_cv);
    let mean_benefit = expected_benefit(&eligible, &line.layer);
    let policy_ratio = if eligible_mean > 0.0 {
        mean_benefit / eligible_mean
    } else {
        0.0
    };
    let actual_ratio = if line.mean_cost > 0.0 {
        mean_benefit / line.mean_cost
    } else {
        0.0
    };
    let release = release_factor(actual_ratio, reference, elasticity);
    let volume = enrollees * line.rate_per_enrollee * release;
    let compensated_share = if mean_benefit > 0.0 {
        eligible.survival(line.layer.deductible)
    } else {
        0.0
    };
    LineResult {
        level: line.level,
        kind: line.kind,
        volume,
        compensated: volume * compensated_share,
        release_factor: release,
        mean_cost: line.mean_cost,
        mean_benefit,
        total_cost: fen_from_f64(volume * line.mean_cost),
        eligible_cost: fen_from_f64(volume * eligible_mean),
        benefit: fen_from_f64(volume * mean_benefit),
        policy_ratio,
        actual_ratio,
    }
}

/// General outpatient and inpatient care, level by level, and special-disease outpatient care.
fn care_lines(
    y: &YearFrame,
    ceiling: Option<Yuan>,
    reference: Option<&YearReport>,
) -> (Vec<LineResult>, Option<LineResult>) {
    let s = y.s;
    let elasticity = s.behaviour.elasticity;
    let ceiling_f = ceiling.map(to_f64);
    // The annual ceiling, applied per admission (see the notes), bounds every admission cap.
    let cap_below_ceiling = |cap: Option<Yuan>| match (cap.map(|c| y.nominal(c)), ceiling_f) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let reference_lines = reference.map_or(&[][..], |r| r.spending.lines.as_slice());
    let mut lines = Vec::with_capacity(s.lines.len() * 2);
    for line in &s.lines {
        if let Some(o) = &line.outpatient {
            let claim = ClaimLine {
                level: Some(line.level),
                kind: CareKind::Outpatient,
                rate_per_enrollee: o.visits_per_enrollee * y.utilisation,
                mean_cost: to_f64(o.mean_cost) * y.cost,
                cost_cv: o.cost_cv,
                scope_share: o.scope_share,
                layer: Layer {
                    deductible: y.nominal(o.deductible),
                    ratio: o.reimbursement_ratio,
                    cap: o.visit_cap.map(|c| y.nominal(c)),
                },
            };
            lines.push(price_line(
                &claim,
                y.enrollees_f(),
                reference_lines.get(lines.len()),
                elasticity,
            ));
        }
        if let Some(i) = &line.inpatient {
            let claim = ClaimLine {
                level: Some(line.level),
                kind: CareKind::Inpatient,
                rate_per_enrollee: i.admissions_per_1000 / 1000.0 * y.utilisation,
                mean_cost: to_f64(i.mean_cost) * y.cost,
                cost_cv: i.cost_cv,
                scope_share: i.scope_share,
                layer: Layer {
                    deductible: y.nominal(i.deductible),
                    ratio: i.reimbursement_ratio,
                    cap: cap_below_ceiling(i.admission_cap),
                },
            };
            lines.push(price_line(
                &claim,
                y.enrollees_f(),
                reference_lines.get(lines.len()),
                elasticity,
            ));
        }
    }
    let special_disease = s.rules.special_disease.as_ref().map(|sd| {
        let claim = ClaimLine {
            level: None,
            kind: CareKind::SpecialDisease,
            rate_per_enrollee: sd.patients_per_1000 / 1000.0 * y.utilisation,
            mean_cost: to_f64(sd.annual_cost) * y.cost,
            cost_cv: sd.cost_cv,
            scope_share: sd.scope_share,
            layer: Layer {
                deductible: y.nominal(sd.deductible),
                ratio: sd.reimbursement_ratio,
                cap: ceiling_f,
            },
        };
        let reference_line = reference.and_then(|r| r.spending.special_disease.as_ref());
        price_line(&claim, y.enrollees_f(), reference_line, elasticity)
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

fn scheme_items(y: &YearFrame) -> SchemeItems {
    let rules = &y.s.rules;
    // The consultation fee: visits and the cap both count the residents the clinics serve; the
    // scheme's part and the cap are nominal policy amounts, like deductibles.
    let consultation_fee = rules.consultation_fee.as_ref().map_or(money::ZERO, |fee| {
        let served = y.enrollees_f() * fee.served_share;
        let visits = served * fee.visits_per_served_resident * y.utilisation;
        let claimed = fen_from_f64(visits * y.nominal(fee.scheme_part));
        let cap = fen_from_f64(served * y.nominal(fee.cap_per_capita));
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
fn risk_reserve(s: &Scenario, income: Yuan, opening_reserve: Yuan) -> (Yuan, Yuan) {
    match &s.rules.risk_reserve {
        Some(rr) => {
            let rate = money::decimal_from_f64(rr.rate).unwrap_or_default();
            let cap = money::decimal_from_f64(rr.cap).unwrap_or_default();
            let room = (fen(cap * income) - opening_reserve).max(money::ZERO);
            let moved = fen(rate * income).min(room);
            (moved, opening_reserve + moved)
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

/// The indicators officials read, from the year's ledger and lines.
fn indicators(
    s: &Scenario,
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
    let sum_by = |kind: CareKind, f: fn(&LineResult) -> Yuan| -> Yuan {
        lines.iter().filter(|l| l.kind == kind).map(f).sum::<Yuan>() + money::ZERO
    };
    let primary = |f: fn(&LineResult) -> Yuan| -> Yuan {
        lines
            .iter()
            .filter(|l| l.kind == CareKind::Outpatient && l.level.is_some_and(Level::is_primary))
            .map(f)
            .sum::<Yuan>()
            + money::ZERO
    };
    let outpatient_benefit = sum_by(CareKind::Outpatient, |l| l.benefit);
    let outpatient_spending = outpatient_benefit + items.consultation_fee;
    let inpatient_benefit = sum_by(CareKind::Inpatient, |l| l.benefit);
    let inpatient_cost = sum_by(CareKind::Inpatient, |l| l.total_cost);
    let admissions: f64 = lines
        .iter()
        .filter(|l| l.kind == CareKind::Inpatient)
        .map(|l| l.volume)
        .sum();
    let outpatient_share_cap = s.targets.outpatient_share_max.unwrap_or(0.25);
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
        outpatient_headroom: fen(
            money::decimal_from_f64(outpatient_share_cap).unwrap_or_default() * income_total,
        ) - outpatient_spending,
        inpatient_policy_ratio: ratio(
            inpatient_benefit,
            sum_by(CareKind::Inpatient, |l| l.eligible_cost),
        ),
        inpatient_actual_ratio: ratio(inpatient_benefit, inpatient_cost),
        outpatient_policy_ratio: ratio(
            outpatient_benefit,
            sum_by(CareKind::Outpatient, |l| l.eligible_cost),
        ),
        outpatient_actual_ratio: ratio(
            outpatient_benefit,
            sum_by(CareKind::Outpatient, |l| l.total_cost),
        ),
        primary_outpatient_policy_ratio: ratio(
            primary(|l| l.benefit),
            primary(|l| l.eligible_cost),
        ),
        mean_out_of_pocket_per_admission: if admissions > 0.0 {
            to_f64(inpatient_cost - inpatient_benefit) / admissions
        } else {
            0.0
        },
        admissions: admissions + items.major_cases,
        inpatient_spending: inpatient_benefit + items.major_disease,
        compensated_person_times: lines.iter().map(|l| l.compensated).sum::<f64>()
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
    let y = YearFrame::new(s, t);
    let (income, individual, government) = income(&y, opening);
    let ceiling = s
        .rules
        .annual_ceiling
        .as_ref()
        .map(|c| grown_money(c.amount(), y.policy));
    let (lines, special_disease) = care_lines(&y, ceiling, reference);
    let items = scheme_items(&y);

    let lines_total: Yuan = lines.iter().map(|l| l.benefit).sum();
    let special_total = special_disease.as_ref().map_or(money::ZERO, |l| l.benefit);
    let spending_total = money::ZERO
        + lines_total
        + items.consultation_fee
        + special_total
        + items.major_disease
        + items.critical_illness_premium;

    let surplus = income.total - spending_total;
    let closing_balance = opening + surplus;
    let (risk_reserve_moved, risk_reserve) = risk_reserve(s, income.total, reserve_opening);
    let totals = Totals {
        income: income.total,
        spending: spending_total,
        surplus,
        closing_balance,
    };
    let indicators = indicators(s, &totals, &lines, special_disease.as_ref(), &items);
    let mut year = YearReport {
        year: s.year + y.t as i32,
        enrollees: y.enrollees,
        funding_per_enrollee: individual + government,
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
        available_balance: closing_balance - risk_reserve,
        annual_ceiling: ceiling,
        indicators,
        targets: Vec::new(),
    };
    year.targets = check_targets(s, &year);
    year
}
