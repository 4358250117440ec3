//! The scheme model of MODEL.md: one year's lines, ledger and indicators ([`simulate_year`]), the
//! projection over the horizon ([`simulate`]) and baseline against proposal ([`compare`]).
//!
//! Benefits per claim come from the limited expected values of `lognormal`; every money figure is
//! rounded to the fen once, per line, and totals are sums of the rounded lines, so each table adds
//! up. The release effect (释放效应) scales a line's volume by `(q1/q0)^e`, where `q` is the share
//! the patient pays under the proposal (1) and the baseline (0) in the same year.

use crate::edits::apply_and_describe;
use crate::lognormal::{expected_benefit, ClaimSize, Layer};
use crate::money::{self, fen, fen_from_f64, ratio, to_f64, Yuan};
use crate::report::*;
use crate::scenario::{Edits, Level, Scenario};
use crate::targets::{calibration_rows, check_targets};
use crate::text::Text;
use crate::validate::{CheckedScenario, Problem};
use rust_decimal::Decimal;

/// The patient's share of cost is clamped here before the release ratio `(q1/q0)^e` (MODEL.md).
const MIN_PATIENT_SHARE: f64 = 0.01;

/// Projects the scenario's own rules (its baseline) over its horizon.
pub fn simulate(scenario: &CheckedScenario) -> Report {
    project(scenario, None)
}

/// Projects `proposal` with its release effect measured against `baseline`, year by year.
/// Both must come from the same scenario (same lines and horizon), as [`compare`] ensures.
pub fn simulate_proposal(proposal: &CheckedScenario, baseline: &Report) -> Report {
    project(proposal, Some(baseline))
}

/// Baseline and proposal of `scenario` with `edits`, and what changed between them.
/// `years` overrides the scenario's horizon.
pub fn compare(
    scenario: &CheckedScenario,
    edits: &Edits,
    years: Option<u32>,
) -> Result<Comparison, Vec<Problem>> {
    let mut baseline_scenario = scenario.scenario().clone();
    if let Some(years) = years {
        baseline_scenario.projection.years = years;
    }
    let baseline_checked = crate::validate::check(baseline_scenario)?;
    let baseline = simulate(&baseline_checked);
    compare_with_baseline(&baseline_checked, &baseline, edits)
}

/// [`compare`] for a baseline already simulated: what the app does on every edit.
pub fn compare_with_baseline(
    baseline_scenario: &CheckedScenario,
    baseline: &Report,
    edits: &Edits,
) -> Result<Comparison, Vec<Problem>> {
    let (proposal_scenario, changes) = apply_and_describe(baseline_scenario, edits)?;
    let proposal = simulate_proposal(&proposal_scenario, baseline);
    let differences = baseline
        .years
        .iter()
        .zip(&proposal.years)
        .map(|(b, p)| YearDifference {
            year: p.year,
            income: p.income.total - b.income.total,
            spending: p.spending.total - b.spending.total,
            surplus: p.surplus - b.surplus,
            closing_balance: p.closing_balance - b.closing_balance,
            surplus_rate: p.indicators.surplus_rate - b.indicators.surplus_rate,
            outpatient_share: p.indicators.outpatient_share - b.indicators.outpatient_share,
            inpatient_policy_ratio: p.indicators.inpatient_policy_ratio
                - b.indicators.inpatient_policy_ratio,
        })
        .collect();
    Ok(Comparison {
        format: REPORT_FORMAT,
        scenario_id: baseline_scenario.id.clone(),
        scenario_name: baseline_scenario.name.clone(),
        baseline: baseline.clone(),
        proposal,
        changes,
        differences,
    })
}

fn project(scenario: &CheckedScenario, reference: Option<&Report>) -> Report {
    let horizon = scenario.projection.years.max(1);
    let mut years = Vec::with_capacity(horizon as usize);
    let mut opening = scenario.financing.opening_balance;
    let mut reserve = scenario
        .rules
        .risk_reserve
        .as_ref()
        .map_or(Decimal::ZERO, |r| r.opening_reserve);
    for t in 0..horizon {
        let reference_year = reference.and_then(|r| r.years.get(t as usize));
        let year = simulate_year(scenario, t, opening, reserve, reference_year);
        opening = year.closing_balance;
        reserve = year.risk_reserve;
        years.push(year);
    }
    let first_deficit_year = years
        .iter()
        .find(|y| y.surplus.is_sign_negative() && !y.surplus.is_zero())
        .map(|y| y.year);
    let exhaustion_year = years
        .iter()
        .find(|y| y.closing_balance.is_sign_negative() && !y.closing_balance.is_zero())
        .map(|y| y.year);
    Report {
        calibration: calibration_rows(scenario, &years[0]),
        years,
        first_deficit_year,
        exhaustion_year,
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

/// The claim parameters of a line, in the `f64` world, for year `t`.
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
    let eligible = ClaimSize::new(line.mean_cost * line.scope_share, line.cost_cv);
    let mean_benefit = expected_benefit(&eligible, &line.layer);
    let eligible_mean = line.mean_cost * line.scope_share;
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
    let p = &s.projection;
    let enrollees = (s.population.enrollees as f64 * grown(s.population.growth, t)).round() as u64;
    let enrollees_f = enrollees as f64;
    let enrollees_d = Decimal::from(enrollees);
    let funding_factor = grown(p.funding_growth, t);
    let cost_factor = grown(p.cost_growth, t);
    let utilisation_factor = grown(p.utilisation_growth, t);
    let policy_factor = if p.index_deductibles {
        cost_factor
    } else {
        1.0
    };
    let nominal = |amount: Yuan| to_f64(amount) * policy_factor;
    let elasticity = s.behaviour.elasticity;

    // Income.
    let individual = grown_money(s.financing.individual, funding_factor);
    let government = grown_money(s.financing.government.total(), funding_factor);
    let individual_contributions = enrollees_d * individual;
    let government_subsidies = enrollees_d * government;
    let interest = fen_from_f64(to_f64(opening.max(Decimal::ZERO)) * s.financing.interest_rate);
    let other = grown_money(s.financing.other_income, funding_factor);
    let income_total = individual_contributions + government_subsidies + interest + other;

    // The annual ceiling, applied per admission (see the notes).
    let ceiling = s
        .rules
        .annual_ceiling
        .as_ref()
        .map(|c| grown_money(c.amount(), policy_factor));
    let ceiling_f = ceiling.map(to_f64);
    let cap_below_ceiling = |cap: Option<Yuan>| match (cap.map(nominal), ceiling_f) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };

    // Lines of care.
    let reference_lines = reference
        .map(|r| r.spending.lines.as_slice())
        .unwrap_or(&[]);
    let mut lines = Vec::with_capacity(s.lines.len() * 2);
    for line in &s.lines {
        if let Some(o) = &line.outpatient {
            let claim = ClaimLine {
                level: Some(line.level),
                kind: CareKind::Outpatient,
                rate_per_enrollee: o.visits_per_enrollee * utilisation_factor,
                mean_cost: to_f64(o.mean_cost) * cost_factor,
                cost_cv: o.cost_cv,
                scope_share: o.scope_share,
                layer: Layer {
                    deductible: nominal(o.deductible),
                    ratio: o.reimbursement_ratio,
                    cap: o.visit_cap.map(nominal),
                },
            };
            lines.push(price_line(
                &claim,
                enrollees_f,
                reference_lines.get(lines.len()),
                elasticity,
            ));
        }
        if let Some(i) = &line.inpatient {
            let claim = ClaimLine {
                level: Some(line.level),
                kind: CareKind::Inpatient,
                rate_per_enrollee: i.admissions_per_1000 / 1000.0 * utilisation_factor,
                mean_cost: to_f64(i.mean_cost) * cost_factor,
                cost_cv: i.cost_cv,
                scope_share: i.scope_share,
                layer: Layer {
                    deductible: nominal(i.deductible),
                    ratio: i.reimbursement_ratio,
                    cap: cap_below_ceiling(i.admission_cap),
                },
            };
            lines.push(price_line(
                &claim,
                enrollees_f,
                reference_lines.get(lines.len()),
                elasticity,
            ));
        }
    }

    let special_disease = s.rules.special_disease.as_ref().map(|sd| {
        let claim = ClaimLine {
            level: None,
            kind: CareKind::SpecialDisease,
            rate_per_enrollee: sd.patients_per_1000 / 1000.0 * utilisation_factor,
            mean_cost: to_f64(sd.annual_cost) * cost_factor,
            cost_cv: sd.cost_cv,
            scope_share: sd.scope_share,
            layer: Layer {
                deductible: nominal(sd.deductible),
                ratio: sd.reimbursement_ratio,
                cap: ceiling_f,
            },
        };
        let reference_line = reference.and_then(|r| r.spending.special_disease.as_ref());
        price_line(&claim, enrollees_f, reference_line, elasticity)
    });

    let consultation_fee = s
        .rules
        .consultation_fee
        .as_ref()
        .map_or(Decimal::ZERO, |fee| {
            let visits = enrollees_f * fee.visits_per_enrollee * utilisation_factor;
            let claimed = fen_from_f64(visits * to_f64(fee.scheme_part));
            let cap = fen_from_f64(enrollees_f * fee.served_share * to_f64(fee.cap_per_capita));
            claimed.min(cap)
        });

    let (major_disease, major_cases) =
        s.rules
            .major_disease
            .as_ref()
            .map_or((Decimal::ZERO, 0.0), |md| {
                let cases = enrollees_f * md.cases_per_100k / 100_000.0 * utilisation_factor;
                (
                    fen_from_f64(
                        cases * to_f64(md.limited_cost) * cost_factor * md.reimbursement_ratio,
                    ),
                    cases,
                )
            });

    let critical_illness_premium = enrollees_d * fen(s.rules.critical_illness_premium);

    let lines_total: Decimal = lines.iter().map(|l| l.benefit).sum();
    let special_total = special_disease
        .as_ref()
        .map_or(Decimal::ZERO, |l| l.benefit);
    let spending_total =
        lines_total + consultation_fee + special_total + major_disease + critical_illness_premium;

    // Ledger.
    let surplus = income_total - spending_total;
    let closing_balance = opening + surplus;
    let (risk_reserve_moved, risk_reserve) = match &s.rules.risk_reserve {
        Some(rr) => {
            let rate = money::decimal_from_f64(rr.rate).unwrap_or_default();
            let cap = money::decimal_from_f64(rr.cap).unwrap_or_default();
            let room = (fen(cap * income_total) - reserve_opening).max(Decimal::ZERO);
            let moved = fen(rate * income_total).min(room);
            (moved, reserve_opening + moved)
        }
        None => (Decimal::ZERO, reserve_opening),
    };

    // Indicators.
    let sum_by = |kind: CareKind, f: &dyn Fn(&LineResult) -> Decimal| -> Decimal {
        lines.iter().filter(|l| l.kind == kind).map(f).sum()
    };
    let outpatient_benefit = sum_by(CareKind::Outpatient, &|l| l.benefit);
    let outpatient_spending = outpatient_benefit + consultation_fee;
    let inpatient_benefit = sum_by(CareKind::Inpatient, &|l| l.benefit);
    let inpatient_cost = sum_by(CareKind::Inpatient, &|l| l.total_cost);
    let admissions: f64 = lines
        .iter()
        .filter(|l| l.kind == CareKind::Inpatient)
        .map(|l| l.volume)
        .sum();
    let primary = |f: &dyn Fn(&LineResult) -> Decimal| -> Decimal {
        lines
            .iter()
            .filter(|l| l.kind == CareKind::Outpatient && l.level.is_some_and(Level::is_primary))
            .map(f)
            .sum()
    };
    let outpatient_share_cap = s.targets.outpatient_share_max.unwrap_or(0.25);
    let outpatient_share = ratio(outpatient_spending, income_total);
    let indicators = Indicators {
        surplus_rate: ratio(surplus, income_total),
        balance_ratio: ratio(closing_balance, income_total),
        months_covered: if spending_total.is_zero() {
            0.0
        } else {
            12.0 * ratio(closing_balance, spending_total)
        },
        outpatient_spending,
        outpatient_share,
        outpatient_share_cap,
        outpatient_cap_used: if outpatient_share_cap > 0.0 {
            outpatient_share / outpatient_share_cap
        } else {
            0.0
        },
        outpatient_headroom: fen(
            money::decimal_from_f64(outpatient_share_cap).unwrap_or_default() * income_total,
        ) - outpatient_spending,
        inpatient_policy_ratio: ratio(
            inpatient_benefit,
            sum_by(CareKind::Inpatient, &|l| l.eligible_cost),
        ),
        inpatient_actual_ratio: ratio(inpatient_benefit, inpatient_cost),
        outpatient_policy_ratio: ratio(
            outpatient_benefit,
            sum_by(CareKind::Outpatient, &|l| l.eligible_cost),
        ),
        outpatient_actual_ratio: ratio(
            outpatient_benefit,
            sum_by(CareKind::Outpatient, &|l| l.total_cost),
        ),
        primary_outpatient_policy_ratio: ratio(
            primary(&|l| l.benefit),
            primary(&|l| l.eligible_cost),
        ),
        mean_out_of_pocket_per_admission: if admissions > 0.0 {
            to_f64(inpatient_cost - inpatient_benefit) / admissions
        } else {
            0.0
        },
        admissions: admissions + major_cases,
        inpatient_spending: inpatient_benefit + major_disease,
        compensated_person_times: lines.iter().map(|l| l.compensated).sum::<f64>()
            + special_disease.as_ref().map_or(0.0, |l| l.compensated)
            + major_cases,
    };

    let mut year = YearReport {
        year: s.year + t as i32,
        enrollees,
        funding_per_enrollee: individual + government,
        government_per_enrollee: government,
        income: Income {
            individual_contributions,
            government_subsidies,
            interest,
            other,
            total: income_total,
        },
        spending: Spending {
            lines,
            consultation_fee,
            special_disease,
            major_disease,
            critical_illness_premium,
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
