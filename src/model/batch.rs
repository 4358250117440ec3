//! The batch projection: the baseline and its plans projected under many sets of assumptions at
//! once, for the stochastic projection (`risk`). What does not depend on the drawn assumptions is
//! worked out once: each line's benefit per claim as a function of the year's unit cost, priced
//! exactly by `lognormal` on a grid of cost levels and interpolated between its points. A path
//! then costs a few multiplications a line.
//!
//! Everything here is `f64`, amounts in yuan not rounded to the fen: the batch answers how a fund's
//! balance is distributed, where a fen is far below the Monte Carlo error. It is not the ledger:
//! a path agrees with [`simulate`] of the same assumptions to a billionth of the year's income
//! (measured: 10⁻¹¹ to 10⁻¹⁰ on the 2013 plan; tests/risk.rs checks 10⁻⁹), and the risk figures of
//! a certain projection are taken from `simulate` itself, to the fen.
//!
//! [`simulate`]: crate::model::projection::simulate

use crate::base::money::{fen_in_f64, to_f64};
use crate::model::projection::{grown, grown_money, line_bases, LineBasis, YearFrame};
use crate::scenario::file_format::{CareKind, Scenario};
use crate::scenario::validate::CheckedScenario;

/// The longest horizon a scenario may have (validation bounds `projection.years` to 1–10).
pub const MAX_YEARS: usize = 10;
/// Points of each line's grid of cost levels: the interpolation error is then about 10⁻¹⁰ of the
/// year's income for the spreads of docs/risk.md.
const GRID_POINTS: usize = 64;
/// The patient's share of cost is clamped here before the release ratio, as in the projection.
const MIN_PATIENT_SHARE: f64 = 0.01;

/// One set of assumptions: a path of the stochastic projection. Growth rates hold for the whole
/// horizon; the shocks are to the logarithm of year `t`'s cost and use levels, and later years
/// build on them (year `t`'s level carries the shocks of years `0..=t`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Assumptions {
    pub cost_growth: f64,
    pub utilisation_growth: f64,
    pub enrollment_growth: f64,
    pub funding_growth: f64,
    pub elasticity: f64,
    pub cost_shocks: [f64; MAX_YEARS],
    pub utilisation_shocks: [f64; MAX_YEARS],
}

impl Assumptions {
    /// The scenario's own assumptions, without shocks.
    pub fn of(s: &Scenario) -> Assumptions {
        Assumptions {
            cost_growth: s.projection.cost_growth,
            utilisation_growth: s.projection.utilisation_growth,
            enrollment_growth: s.population.growth,
            funding_growth: s.projection.funding_growth,
            elasticity: s.behaviour.elasticity,
            cost_shocks: [0.0; MAX_YEARS],
            utilisation_shocks: [0.0; MAX_YEARS],
        }
    }
}

/// A path's year: where the fund stands at its end.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PathYear {
    pub surplus: f64,
    pub closing_balance: f64,
    pub available_balance: f64,
    pub outpatient_over_cap: bool,
}

/// The benefit per claim of one line in one year, at unit costs `e^x` times the scenario's.
struct Grid {
    x0: f64,
    dx: f64,
    values: Vec<f64>,
}

impl Grid {
    /// Catmull–Rom interpolation on the uniform grid, extended linearly beyond its ends.
    fn at(&self, x: f64) -> f64 {
        let n = self.values.len();
        if n == 1 || self.dx <= 0.0 {
            return self.values[0];
        }
        let h = ((x - self.x0) / self.dx).clamp(0.0, (n - 1) as f64);
        let j = (h.floor() as usize).min(n - 2);
        let u = h - j as f64;
        let v = &self.values;
        let p1 = v[j];
        let p2 = v[j + 1];
        let p0 = if j > 0 { v[j - 1] } else { 2.0 * p1 - p2 };
        let p3 = if j + 2 < n { v[j + 2] } else { 2.0 * p2 - p1 };
        p1 + 0.5
            * u
            * (p2 - p0
                + u * (2.0 * p0 - 5.0 * p1 + 4.0 * p2 - p3 + u * (3.0 * (p1 - p2) + p3 - p0)))
    }
}

/// A line of care of one plan: its claims and its grid for each year.
struct BatchLine {
    kind: CareKind,
    rate: f64,
    mean_cost: f64,
    grids: Vec<Grid>,
    /// A plan's line, each year: the log of the release ratio's base, `ln(q1/q0)`, against the
    /// baseline's line at the same cost level (`None`: the baseline, or the same share paid).
    release: Vec<Option<Grid>>,
}

/// What one plan (or the baseline) is, in the batch's `f64` terms.
struct PlanBasis {
    individual: f64,
    government: f64,
    other_income: f64,
    premium: f64,
    interest_rate: f64,
    opening_balance: f64,
    opening_reserve: f64,
    reserve: Option<(f64, f64)>,
    outpatient_share_cap: f64,
    lines: Vec<BatchLine>,
    /// served share, visits per served resident, scheme part, cap per served resident.
    fee: Option<(f64, f64, f64, f64)>,
    /// cases per enrollee, limited cost, ratio.
    major: Option<(f64, f64, f64)>,
}

/// The baseline and its plans, ready to be projected under any of the assumptions they were made
/// for (the grids span the cost levels of those assumptions).
pub struct Batch {
    years: usize,
    enrollees: f64,
    /// The scenario's cost growth factor of each year, `(1 + g)^t`, and its logarithm.
    cost: Vec<f64>,
    ln_cost: Vec<f64>,
    /// The span of each year's relative cost level over the paths: what the grids cover.
    span: Vec<(f64, f64)>,
    /// Deductibles, caps and fees follow the scenario's assumed cost growth when it indexes them.
    policy: Vec<f64>,
    plans: Vec<PlanBasis>,
}

impl Batch {
    /// The batch of `baseline` and `plans` (each from `validate::check_plan` over `baseline`),
    /// with grids spanning every cost level that `paths` reach.
    pub fn new(
        baseline: &CheckedScenario,
        plans: &[CheckedScenario],
        paths: &[Assumptions],
    ) -> Batch {
        let s: &Scenario = baseline;
        let years = (s.projection.years.max(1) as usize).min(MAX_YEARS);
        let cost: Vec<f64> = (0..years)
            .map(|t| grown(s.projection.cost_growth, t as u32))
            .collect();
        let ln_cost: Vec<f64> = cost.iter().map(|c| libm::log(*c)).collect();
        // The span of each year's relative cost level over the paths.
        let mut span = vec![(f64::INFINITY, f64::NEG_INFINITY); years];
        for path in paths {
            for (t, x) in relative_cost_levels(path, &ln_cost)
                .into_iter()
                .take(years)
                .enumerate()
            {
                span[t].0 = span[t].0.min(x);
                span[t].1 = span[t].1.max(x);
            }
        }
        for bounds in &mut span {
            if bounds.0 > bounds.1 {
                *bounds = (0.0, 0.0);
            }
        }
        let policy: Vec<f64> = (0..years)
            .map(|t| {
                if s.projection.index_deductibles {
                    cost[t]
                } else {
                    1.0
                }
            })
            .collect();
        let base = PlanBasis::new(s, &cost, &policy, &span);
        let mut batch = Batch {
            years,
            enrollees: s.population.enrollees as f64,
            cost,
            ln_cost,
            span,
            policy,
            plans: Vec::with_capacity(plans.len() + 1),
        };
        let others: Vec<PlanBasis> = plans.iter().map(|p| batch.basis_of(p, &base)).collect();
        batch.plans.push(base);
        batch.plans.extend(others);
        batch
    }

    /// The batch of `plan` alone (plan 0), over the paths this batch was made for and measured
    /// against its baseline (the release effect): what a plan's paths need when the baseline's
    /// are not wanted again (goal seek over a chance). Its grids are priced as [`Batch::new`]
    /// prices them: the figures are the same to the bit.
    pub fn of_plan(&self, plan: &CheckedScenario) -> Batch {
        let basis = self.basis_of(plan, &self.plans[0]);
        Batch {
            years: self.years,
            enrollees: self.enrollees,
            cost: self.cost.clone(),
            ln_cost: self.ln_cost.clone(),
            span: self.span.clone(),
            policy: self.policy.clone(),
            plans: vec![basis],
        }
    }

    /// A plan's basis over this batch's grids, its release effect measured against `base`.
    fn basis_of(&self, plan: &Scenario, base: &PlanBasis) -> PlanBasis {
        let mut basis = PlanBasis::new(plan, &self.cost, &self.policy, &self.span);
        for (line, base_line) in basis.lines.iter_mut().zip(&base.lines) {
            line.release = line
                .grids
                .iter()
                .zip(&base_line.grids)
                .zip(&self.cost)
                .map(|((own, reference), cost)| release_grid(own, reference, line.mean_cost * cost))
                .collect();
        }
        basis
    }

    /// Years of the horizon.
    pub fn years(&self) -> usize {
        self.years
    }

    /// Plans, the baseline first.
    pub fn plans(&self) -> usize {
        self.plans.len()
    }

    /// Projects the baseline and every plan along `path`, writing year `t` of plan `p` into
    /// `out[p * years + t]` (`out` holds `plans() × years()` entries; what does not fit is not
    /// written). Plans are measured against the baseline of the same path: they see the same
    /// draws.
    pub fn project(&self, path: &Assumptions, out: &mut [PathYear]) {
        let years = self.years;
        let x = relative_cost_levels(path, &self.ln_cost);
        let mut cost = [0.0; MAX_YEARS];
        let mut utilisation = [0.0; MAX_YEARS];
        let mut enrollees = [0.0; MAX_YEARS];
        let mut funding = [0.0; MAX_YEARS];
        let ln_use_growth = libm::log(1.0 + path.utilisation_growth);
        let mut ln_use = 0.0;
        // Growth factors year by year: `(1 + g)^t` by repeated multiplication.
        let (mut enrolled, mut funded) = (1.0, 1.0);
        for t in 0..years {
            if t > 0 {
                ln_use += ln_use_growth;
                enrolled *= 1.0 + path.enrollment_growth;
                funded *= 1.0 + path.funding_growth;
            }
            ln_use += path.utilisation_shocks[t];
            cost[t] = libm::exp(self.ln_cost[t] + x[t]);
            utilisation[t] = libm::exp(ln_use);
            enrollees[t] = (self.enrollees * enrolled).round();
            funding[t] = funded;
        }
        for (p, plan) in self.plans.iter().enumerate() {
            let mut opening = plan.opening_balance;
            let mut reserve = plan.opening_reserve;
            for t in 0..years {
                let e = enrollees[t];
                let u = utilisation[t];
                let c = cost[t];
                // Amounts per head to the fen, as the ledger has them.
                let per_head = |amount: f64| fen_in_f64(amount * funding[t]);
                let income = e * (per_head(plan.individual) + per_head(plan.government))
                    + fen_in_f64(opening.max(0.0) * plan.interest_rate)
                    + per_head(plan.other_income);
                let mut spending = 0.0;
                let mut outpatient = 0.0;
                let claims = e * u;
                for line in &plan.lines {
                    let benefit = line.grids[t].at(x[t]);
                    // `(q1/q0)^e` as `exp(e ln(q1/q0))`, the logarithm from the grid.
                    let release = match line.release.get(t) {
                        Some(Some(grid)) => libm::exp(path.elasticity * grid.at(x[t])),
                        _ => 1.0,
                    };
                    let paid = claims * line.rate * release * benefit;
                    spending += paid;
                    if line.kind == CareKind::Outpatient {
                        outpatient += paid;
                    }
                }
                if let Some((share, visits, part, cap)) = plan.fee {
                    let served = e * share;
                    let policy = self.policy[t];
                    let fee = (served * visits * u * part * policy).min(served * cap * policy);
                    spending += fee;
                    outpatient += fee;
                }
                if let Some((cases, limited, ratio)) = plan.major {
                    spending += e * cases * u * limited * c * ratio;
                }
                spending += e * per_head(plan.premium);
                let surplus = income - spending;
                let closing = opening + surplus;
                if let Some((rate, cap)) = plan.reserve {
                    let room = (cap * income - reserve).max(0.0);
                    reserve += (rate * income).min(room);
                }
                let share = if income != 0.0 {
                    outpatient / income
                } else {
                    0.0
                };
                if let Some(slot) = out.get_mut(p * years + t) {
                    *slot = PathYear {
                        surplus,
                        closing_balance: closing,
                        available_balance: closing - reserve,
                        outpatient_over_cap: share > plan.outpatient_share_cap,
                    };
                }
                opening = closing;
            }
        }
    }
}

/// Year `t`'s unit costs relative to the scenario's own: `ln(C_t / (1 + g)^t)`, where the path's
/// `C_t = (1 + g')^t e^(ε_0 + … + ε_t)`.
fn relative_cost_levels(path: &Assumptions, ln_cost: &[f64]) -> [f64; MAX_YEARS] {
    let ln_growth = libm::log(1.0 + path.cost_growth);
    let mut shocks = 0.0;
    let mut x = [0.0; MAX_YEARS];
    for (t, ln_assumed) in ln_cost.iter().enumerate().take(MAX_YEARS) {
        shocks += path.cost_shocks[t];
        x[t] = t as f64 * ln_growth + shocks - ln_assumed;
    }
    x
}

impl PlanBasis {
    fn new(s: &Scenario, cost: &[f64], policy: &[f64], span: &[(f64, f64)]) -> PlanBasis {
        let (bases, special) = line_bases(s);
        let ceiling = s.rules.annual_ceiling.as_ref().map(|c| c.amount());
        let lines = bases
            .into_iter()
            .chain(special)
            .map(|mut basis| {
                let grids = (0..cost.len())
                    .map(|t| {
                        let ceiling = ceiling.map(|c| to_f64(grown_money(c, policy[t])));
                        grid(&mut basis, cost[t], policy[t], ceiling, span[t])
                    })
                    .collect();
                BatchLine {
                    kind: basis.kind,
                    rate: basis.rate,
                    mean_cost: basis.mean_cost,
                    grids,
                    release: Vec::new(),
                }
            })
            .collect();
        let f = &s.financing;
        let rules = &s.rules;
        PlanBasis {
            individual: to_f64(f.individual),
            government: to_f64(f.government.total()),
            other_income: to_f64(f.other_income),
            premium: to_f64(rules.critical_illness_premium),
            interest_rate: f.interest_rate,
            opening_balance: to_f64(f.opening_balance),
            opening_reserve: rules
                .risk_reserve
                .as_ref()
                .map_or(0.0, |r| to_f64(r.opening_reserve)),
            reserve: rules.risk_reserve.as_ref().map(|r| (r.rate, r.cap)),
            outpatient_share_cap: s.targets.outpatient_share_max.unwrap_or(0.25),
            lines,
            fee: rules.consultation_fee.as_ref().map(|fee| {
                (
                    fee.served_share,
                    fee.visits_per_served_resident,
                    to_f64(fee.scheme_part),
                    to_f64(fee.cap_per_capita),
                )
            }),
            major: rules.major_disease.as_ref().map(|md| {
                (
                    md.cases_per_100k / 100_000.0,
                    to_f64(md.limited_cost),
                    md.reimbursement_ratio,
                )
            }),
        }
    }
}

/// A plan's line against the baseline's at the same points: `ln(q1/q0)`, `q` the share the
/// patient pays at each cost level (at least 1 %, as in the projection); `None` when it is the
/// same at every point, so that the release factor is 1.
fn release_grid(own: &Grid, reference: &Grid, mean_cost: f64) -> Option<Grid> {
    let share = |benefit: f64, x: f64| {
        let cost = mean_cost * libm::exp(x);
        let ratio = if cost > 0.0 { benefit / cost } else { 0.0 };
        (1.0 - ratio).max(MIN_PATIENT_SHARE)
    };
    let mut same = true;
    let values = own
        .values
        .iter()
        .zip(&reference.values)
        .enumerate()
        .map(|(i, (b1, b0))| {
            let x = own.x0 + own.dx * i as f64;
            let (q1, q0) = (share(*b1, x), share(*b0, x));
            same &= q1 == q0;
            libm::log(q1 / q0)
        })
        .collect();
    (!same).then_some(Grid {
        x0: own.x0,
        dx: own.dx,
        values,
    })
}

/// The grid of one line in one year: its benefit per claim at unit costs `cost × e^x` for `x`
/// across `span`, priced exactly.
fn grid(
    basis: &mut LineBasis,
    cost: f64,
    policy: f64,
    ceiling: Option<f64>,
    span: (f64, f64),
) -> Grid {
    let (lo, hi) = span;
    let points = if hi > lo { GRID_POINTS } else { 1 };
    let dx = if points > 1 {
        (hi - lo) / (points - 1) as f64
    } else {
        0.0
    };
    let values = (0..points)
        .map(|i| {
            let x = lo + dx * i as f64;
            let frame = YearFrame::pricing(cost * libm::exp(x), policy);
            basis.price(&frame, ceiling, None, 0.0).mean_benefit
        })
        .collect();
    Grid { x0: lo, dx, values }
}
