//! How sure are we (风险测算): the projection of the baseline and every plan under many draws of
//! the assumptions that move the figures over the horizon (cost, use, enrollment and funding
//! growth, the elasticity, a yearly shock to costs and to use), each drawn around the scenario's
//! value with the spread of its `ranges` section; the bands of the balance year by year, the
//! chances of a deficit, of running out and of outpatient spending above its cap, and the reserve
//! that keeps the chance of running out within the horizon at 10 % or less.
//!
//! The draws are seeded and reproducible to the bit on every platform: a small self-written
//! generator (SplitMix64 seeding xoshiro256**) and Box–Muller normals with `libm`. The plans and
//! the baseline see the same draws (common random numbers). Paths run through the batch
//! projection (`model::batch`, `f64`); when every spread is zero the figures come from the exact
//! projection, to the fen. docs/risk.md states the ranges, their derivation and the method.

use crate::base::lang::{Label, Text};
use crate::base::money::{self, fen_from_f64, to_f64, Yuan};
use crate::model::batch::{Assumptions, Batch, PathYear, MAX_YEARS};
use crate::model::projection::{simulate, simulate_proposal_against};
use crate::model::report::Report;
use crate::scenario::file_format::{NamedPlan, Ranges, Scenario};
use crate::scenario::problem::{Problem, ProblemKind};
use crate::scenario::validate::{check_named_plans, CheckedScenario};
use serde::{Deserialize, Serialize};

/// The name and version of the risk figures' JSON form.
pub const RISK_FORMAT: &str = "ncms-sim/risk@1";
/// Draws when none are asked for: the P5 and P95 bands then move by about a percentile between
/// seeds, and a probability by at most 1.1 points (one standard error, docs/risk.md).
pub const DEFAULT_DRAWS: u32 = 2000;
/// The most draws: 20 000 paths of ten years for a few plans stay within tens of megabytes.
pub const MAX_DRAWS: u32 = 20_000;
pub const DEFAULT_SEED: u64 = 1;
/// Seeds are whole numbers a JavaScript number holds exactly (2^53 − 1).
pub const MAX_SEED: u64 = (1 << 53) - 1;
/// `spread_scale` multiplies every spread: 0 (certain) to 10.
pub const MAX_SPREAD_SCALE: f64 = 10.0;
/// Normal draws are kept within ±8 standard deviations (beyond: 10⁻¹⁵ of the draws).
const Z_LIMIT: f64 = 8.0;
/// Drawn growth rates are kept within −50 % and +100 % a year, and the elasticity within the
/// registry's −2 to 0.
const GROWTH_LIMITS: (f64, f64) = (-0.5, 1.0);
const ELASTICITY_LIMITS: (f64, f64) = (-2.0, 0.0);
/// Amounts beyond 10^20 yuan (only reachable with absurd spreads) are shown at this bound.
const MAX_AMOUNT: f64 = 1e20;

/// The risk figures' own words; the balances are named by `indicator`'s vocabulary.
pub mod words {
    use crate::base::lang::Label;

    pub const TITLE: Label = Label::new("风险测算", "how sure");
    pub const P_DEFICIT: Label = Label::new("当年赤字概率", "chance of a deficit");
    pub const P_EXHAUSTED: Label = Label::new("基金已耗尽概率", "chance it has run out");
    pub const P_OUTPATIENT_OVER_CAP: Label = Label::new(
        "门诊统筹占比超上限概率",
        "chance outpatient share is over its cap",
    );
    pub const EXPECTED_SHORTFALL: Label =
        Label::new("耗尽时平均缺口", "mean shortfall when run out");
    pub const RESERVE_FOR_90: Label = Label::new(
        "使预测期内耗尽概率不超过 10% 所需的追加储备",
        "extra reserve that keeps the chance of running out within the horizon at 10 % or less",
    );
    pub const DRAWS: Label = Label::new("抽样次数", "draws");
    pub const SEED: Label = Label::new("随机种子", "seed");
}

/// A chance that goal seek can target and the app can ask about ([`Measured::Risk`]): the plan's
/// share of draws with a deficit in a year, or run out by a year (by the last: within the
/// horizon), over the default draws and seed.
///
/// [`Measured::Risk`]: crate::answers::measured::Measured::Risk
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RiskFigure {
    /// [`RiskYear::p_deficit`].
    PDeficit,
    /// [`RiskYear::p_exhausted`].
    PExhausted,
}

impl RiskFigure {
    pub const ALL: [RiskFigure; 2] = [RiskFigure::PDeficit, RiskFigure::PExhausted];

    /// Its name, the field of [`RiskYear`] it is: `p_deficit`, `p_exhausted`.
    pub fn name(self) -> &'static str {
        match self {
            RiskFigure::PDeficit => "p_deficit",
            RiskFigure::PExhausted => "p_exhausted",
        }
    }

    pub fn parse(name: &str) -> Option<RiskFigure> {
        RiskFigure::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Its words, the risk figures' own.
    pub fn label(self) -> Label {
        match self {
            RiskFigure::PDeficit => words::P_DEFICIT,
            RiskFigure::PExhausted => words::P_EXHAUSTED,
        }
    }

    /// Its value in a year of a plan's figures.
    pub fn of(self, year: &RiskYear) -> f64 {
        match self {
            RiskFigure::PDeficit => year.p_deficit,
            RiskFigure::PExhausted => year.p_exhausted,
        }
    }
}

/// The assumption each range spreads, by their paths, where that is a value of the scenario (the
/// yearly shocks spread the log of a level, which no field holds): what the app shows a range
/// beside, as its central value.
pub const SPREAD_ASSUMPTIONS: [(&str, &str); 5] = [
    ("ranges.cost_growth", "projection.cost_growth"),
    ("ranges.utilisation_growth", "projection.utilisation_growth"),
    ("ranges.enrollment_growth", "population.growth"),
    ("ranges.funding_growth", "projection.funding_growth"),
    ("ranges.elasticity", "behaviour.elasticity"),
];

/// The assumption the range at `range_path` spreads, if it is a value of the scenario.
pub fn spread_assumption(range_path: &str) -> Option<&'static str> {
    SPREAD_ASSUMPTIONS
        .iter()
        .find(|(range, _)| *range == range_path)
        .map(|(_, assumption)| *assumption)
}

/// How many draws, from which seed, and how wide.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RiskOptions {
    pub draws: u32,
    pub seed: u64,
    /// Multiplies every spread of the scenario's `ranges` (0: every assumption certain).
    pub spread_scale: f64,
}

impl Default for RiskOptions {
    fn default() -> Self {
        RiskOptions {
            draws: DEFAULT_DRAWS,
            seed: DEFAULT_SEED,
            spread_scale: 1.0,
        }
    }
}

impl RiskOptions {
    /// What is wrong with these options, each naming its option, in both languages.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut refuse = |path: &str, zh: String, en: String| {
            problems.push(Problem::new(
                path,
                ProblemKind::Unreadable {
                    reason: Text::new(zh, en),
                },
                "",
            ))
        };
        if !(1..=MAX_DRAWS).contains(&self.draws) {
            refuse(
                "draws",
                format!("抽样次数须为 1 到 {MAX_DRAWS} 的整数，收到 {}", self.draws),
                format!(
                    "draws must be a whole number from 1 to {MAX_DRAWS}, not {}",
                    self.draws
                ),
            );
        }
        if self.seed > MAX_SEED {
            refuse(
                "seed",
                format!("随机种子须为 0 到 {MAX_SEED} 的整数，收到 {}", self.seed),
                format!(
                    "seed must be a whole number from 0 to {MAX_SEED}, not {}",
                    self.seed
                ),
            );
        }
        if !(self.spread_scale.is_finite() && (0.0..=MAX_SPREAD_SCALE).contains(&self.spread_scale))
        {
            refuse(
                "spread_scale",
                format!(
                    "范围倍数须为 0 到 {MAX_SPREAD_SCALE} 的数，收到 {}",
                    self.spread_scale
                ),
                format!(
                    "spread_scale must be a number from 0 to {MAX_SPREAD_SCALE}, not {}",
                    self.spread_scale
                ),
            );
        }
        problems
    }
}

/// Five quantiles of a balance over the draws.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub p5: Yuan,
    pub p10: Yuan,
    pub p50: Yuan,
    pub p90: Yuan,
    pub p95: Yuan,
}

/// One year of one plan over the draws.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskYear {
    pub year: i32,
    /// The accumulated balance (累计结余) at the year's end.
    pub closing_balance: Band,
    /// The balance less the risk reserve (可用结余) at the year's end.
    pub available_balance: Band,
    /// The share of draws with a deficit in the year (surplus below zero).
    pub p_deficit: f64,
    /// The share of draws whose available balance has been below zero in this year or before.
    pub p_exhausted: f64,
    /// The share of draws whose outpatient spending exceeds its cap of the year's funds.
    pub p_outpatient_over_cap: f64,
    /// Over the draws whose available balance is below zero at this year's end: the mean of what
    /// is missing (minus the available balance). `None` when no draw is below zero.
    pub expected_shortfall: Option<Yuan>,
}

/// The baseline's or one plan's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanRisk {
    pub name: String,
    pub years: Vec<RiskYear>,
    /// The extra opening reserve that keeps the share of draws running out within the horizon at
    /// 10 % or less: minus the 10th percentile of the lowest available balance of each path
    /// (zero when that percentile is not negative), rounded up to the fen. Its interest is not
    /// counted.
    pub reserve_for_90: Yuan,
}

/// The baseline and every plan: what `ncms risk` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Risk {
    #[serde(skip_deserializing)]
    pub format: &'static str,
    pub draws: u32,
    pub seed: u64,
    /// The baseline first, then each plan.
    pub plans: Vec<PlanRisk>,
}

/// SplitMix64 (Steele, Lea and Flood 2014): the seed's stream, which seeds xoshiro256**.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// xoshiro256** (Blackman and Vigna 2018): fast, small, and the same on every platform.
struct Xoshiro256 {
    s: [u64; 4],
}

impl Xoshiro256 {
    fn seeded(seed: u64) -> Xoshiro256 {
        let mut state = seed;
        Xoshiro256 {
            s: [
                splitmix64(&mut state),
                splitmix64(&mut state),
                splitmix64(&mut state),
                splitmix64(&mut state),
            ],
        }
    }

    fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform on (0, 1]: the top 53 bits, plus one, over 2^53.
    fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) + 1) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }
}

/// Standard normal draws by Box–Muller, both of each pair used; `libm` so that every platform
/// draws the same numbers.
struct Normals {
    rng: Xoshiro256,
    spare: Option<f64>,
}

impl Normals {
    fn seeded(seed: u64) -> Normals {
        Normals {
            rng: Xoshiro256::seeded(seed),
            spare: None,
        }
    }

    fn next(&mut self) -> f64 {
        if let Some(z) = self.spare.take() {
            return z;
        }
        let radius = libm::sqrt(-2.0 * libm::log(self.rng.uniform()));
        let angle = 2.0 * std::f64::consts::PI * self.rng.uniform();
        self.spare = Some(radius * libm::sin(angle));
        radius * libm::cos(angle)
    }
}

/// The paths' assumptions: `draws` sets around the scenario's own, with `ranges`' spreads. Each
/// path takes 25 normals in a fixed order (the five rates, then the two shocks of each of ten
/// years), so a path's draws depend on the seed and its number only: not on the spreads (a wider
/// range scales the same deviations), the horizon or how many paths are drawn.
pub fn draw_assumptions(
    scenario: &Scenario,
    ranges: &Ranges,
    draws: u32,
    seed: u64,
) -> Vec<Assumptions> {
    let base = Assumptions::of(scenario);
    let mut normals = Normals::seeded(seed);
    let mut z = move || normals.next().clamp(-Z_LIMIT, Z_LIMIT);
    let growth =
        |g: f64, spread: f64, z: f64| (g + spread * z).clamp(GROWTH_LIMITS.0, GROWTH_LIMITS.1);
    (0..draws)
        .map(|_| {
            let mut path = base;
            path.cost_growth = growth(base.cost_growth, ranges.cost_growth, z());
            path.utilisation_growth =
                growth(base.utilisation_growth, ranges.utilisation_growth, z());
            path.enrollment_growth = growth(base.enrollment_growth, ranges.enrollment_growth, z());
            path.funding_growth = growth(base.funding_growth, ranges.funding_growth, z());
            path.elasticity = (base.elasticity + ranges.elasticity * z())
                .clamp(ELASTICITY_LIMITS.0, ELASTICITY_LIMITS.1);
            for t in 0..MAX_YEARS {
                path.cost_shocks[t] = ranges.cost_shock * z();
                path.utilisation_shocks[t] = ranges.utilisation_shock * z();
            }
            path
        })
        .collect()
}

/// An amount of the batch as money, within the bound.
fn amount(value: f64) -> Yuan {
    if value.is_nan() {
        // Only a library caller's NaN spread gets here: validation bounds every range.
        return money::ZERO;
    }
    fen_from_f64(value.clamp(-MAX_AMOUNT, MAX_AMOUNT))
}

/// The value at or below which at least `percent` % of the sorted values lie (nearest rank).
fn quantile(sorted: &[f64], percent: usize) -> f64 {
    let n = sorted.len();
    let rank = (percent * n).div_ceil(100).max(1);
    sorted[rank.min(n) - 1]
}

fn band(values: &mut [f64]) -> Band {
    values.sort_unstable_by(f64::total_cmp);
    Band {
        p5: amount(quantile(values, 5)),
        p10: amount(quantile(values, 10)),
        p50: amount(quantile(values, 50)),
        p90: amount(quantile(values, 90)),
        p95: amount(quantile(values, 95)),
    }
}

/// One plan's figures from its paths: `path(d, t)` is draw `d`'s year `t`.
fn summarise(
    name: &str,
    first_year: i32,
    draws: usize,
    years: usize,
    path: impl Fn(usize, usize) -> PathYear,
) -> PlanRisk {
    let share = |count: usize| count as f64 / draws as f64;
    let mut lowest = vec![f64::INFINITY; draws];
    let mut closing = vec![0.0; draws];
    let mut available = vec![0.0; draws];
    let mut out = Vec::with_capacity(years);
    for t in 0..years {
        let (mut deficits, mut exhausted, mut over_cap, mut short) = (0, 0, 0, 0);
        let mut missing = 0.0;
        for d in 0..draws {
            let y = path(d, t);
            closing[d] = y.closing_balance;
            available[d] = y.available_balance;
            lowest[d] = lowest[d].min(y.available_balance);
            deficits += usize::from(y.surplus < 0.0);
            exhausted += usize::from(lowest[d] < 0.0);
            over_cap += usize::from(y.outpatient_over_cap);
            if y.available_balance < 0.0 {
                short += 1;
                missing -= y.available_balance.max(-MAX_AMOUNT);
            }
        }
        out.push(RiskYear {
            year: first_year + t as i32,
            closing_balance: band(&mut closing),
            available_balance: band(&mut available),
            p_deficit: share(deficits),
            p_exhausted: share(exhausted),
            p_outpatient_over_cap: share(over_cap),
            expected_shortfall: (short > 0).then(|| amount(missing / short as f64)),
        });
    }
    lowest.sort_unstable_by(f64::total_cmp);
    // At most `draws / 10` paths lie below the (draws/10 + 1)-th lowest: with that much more
    // reserve, no more than 10 % run out; with less, more do.
    let tenth = lowest.get(draws / 10).copied().unwrap_or(0.0);
    PlanRisk {
        name: name.to_string(),
        years: out,
        reserve_for_90: if tenth < 0.0 {
            // Rounded up to the fen, so that the path at the tenth does not run out by a part of
            // a fen.
            let reserve = amount(-tenth);
            if to_f64(reserve) < -tenth {
                reserve + Yuan::new(1, 2)
            } else {
                reserve
            }
        } else {
            money::ZERO
        },
    }
}

/// A year of the exact projection as a path.
fn exact_year(report: &Report, t: usize) -> PathYear {
    let y = &report.years[t];
    PathYear {
        surplus: to_f64(y.surplus),
        closing_balance: to_f64(y.closing_balance),
        available_balance: to_f64(y.available_balance),
        outpatient_over_cap: y.indicators.outpatient_share > y.indicators.outpatient_share_cap,
    }
}

/// The baseline (named `baseline_name`, projected as `baseline_report`, which is
/// `simulate(scenario)`) and `plans`, each a plan's edits over `scenario`: what the app would
/// show for its plans.
pub fn risk_of_plans(
    scenario: &CheckedScenario,
    baseline_report: &Report,
    plans: &[NamedPlan],
    baseline_name: &str,
    options: &RiskOptions,
) -> Result<Risk, Vec<Problem>> {
    let problems = options.problems();
    if !problems.is_empty() {
        return Err(problems);
    }
    let checked = check_named_plans(scenario, plans)?;
    let names: Vec<&str> = std::iter::once(baseline_name)
        .chain(plans.iter().map(|p| p.name.as_str()))
        .collect();
    let entries = risk_of_checked(scenario, baseline_report, &checked, &names, options);
    Ok(Risk {
        format: RISK_FORMAT,
        draws: options.draws,
        seed: options.seed,
        plans: entries,
    })
}

/// The figures of the baseline and of `checked` (plans checked over `scenario`), named by
/// `names` (the baseline's first), for options already checked.
fn risk_of_checked(
    scenario: &CheckedScenario,
    baseline_report: &Report,
    checked: &[CheckedScenario],
    names: &[&str],
    options: &RiskOptions,
) -> Vec<PlanRisk> {
    let years = baseline_report.years.len().min(MAX_YEARS);
    let first_year = scenario.year;
    let ranges = scenario.ranges.scaled(options.spread_scale);
    if ranges.is_zero() {
        // Certain: every draw is the exact projection, to the fen.
        let reports: Vec<Report> = std::iter::once(baseline_report.clone())
            .chain(
                checked
                    .iter()
                    .map(|p| simulate_proposal_against(p, scenario, baseline_report)),
            )
            .collect();
        reports
            .iter()
            .zip(names)
            .map(|(report, name)| {
                summarise(name, first_year, 1, years, |_, t| exact_year(report, t))
            })
            .collect()
    } else {
        let paths = draw_assumptions(scenario, &ranges, options.draws, options.seed);
        let batch = Batch::new(scenario, checked, &paths);
        along_paths(&batch, &paths, names, first_year, years)
    }
}

/// The figures of each plan of `batch` (named by `names`, in its order) along `paths`, over the
/// first `years` years from `first_year`.
fn along_paths(
    batch: &Batch,
    paths: &[Assumptions],
    names: &[&str],
    first_year: i32,
    years: usize,
) -> Vec<PlanRisk> {
    let stride = batch.plans() * batch.years();
    let mut outcomes = vec![PathYear::default(); paths.len() * stride];
    for (path, out) in paths.iter().zip(outcomes.chunks_mut(stride)) {
        batch.project(path, out);
    }
    names
        .iter()
        .enumerate()
        .map(|(p, name)| {
            summarise(name, first_year, paths.len(), years, |d, t| {
                outcomes[d * stride + p * batch.years() + t]
            })
        })
        .collect()
}

/// The paths of `options` over a scenario, drawn once for the figures of many plans
/// ([`plan_risk_over`]): goal seek reads a chance at every value it tries, and the paths are the
/// same for each (they depend on the seed only). None when the spreads are zero: every figure is
/// then the exact projection's.
pub struct Draws(Option<(Vec<Assumptions>, Batch)>);

impl Draws {
    /// The paths, and the baseline's batch over them (its grids priced once).
    pub fn new(scenario: &CheckedScenario, options: &RiskOptions) -> Draws {
        let ranges = scenario.ranges.scaled(options.spread_scale);
        Draws((!ranges.is_zero()).then(|| {
            let paths = draw_assumptions(scenario, &ranges, options.draws, options.seed);
            let baseline = Batch::new(scenario, &[], &paths);
            (paths, baseline)
        }))
    }
}

/// [`plan_risk`] over paths drawn once: the same figures to the bit, without drawing the paths,
/// pricing the baseline's grids or projecting the baseline again (each plan's projection along a
/// path is its own).
pub fn plan_risk_over(
    scenario: &CheckedScenario,
    baseline_report: &Report,
    plan: &CheckedScenario,
    options: &RiskOptions,
    draws: &Draws,
) -> PlanRisk {
    let Some((paths, baseline)) = &draws.0 else {
        return plan_risk(scenario, baseline_report, plan, options);
    };
    let years = baseline_report.years.len().min(MAX_YEARS);
    let mut figures = along_paths(&baseline.of_plan(plan), paths, &[""], scenario.year, years);
    figures.pop().expect("the plan")
}

/// One plan's figures (`plan` checked over `scenario`, whose projection is `baseline_report`),
/// over the draws of `options`: what goal seek reads a chance from at each value it tries. The
/// draws depend on the seed only, so every value of a lever sees the same paths (common random
/// numbers) and a chance moves with the lever by whole draws.
pub fn plan_risk(
    scenario: &CheckedScenario,
    baseline_report: &Report,
    plan: &CheckedScenario,
    options: &RiskOptions,
) -> PlanRisk {
    let mut figures = risk_of_checked(
        scenario,
        baseline_report,
        std::slice::from_ref(plan),
        &["", ""],
        options,
    );
    figures.pop().expect("the baseline and the plan")
}

/// The baseline and every plan of the file: its named plans, or else its `proposal` (named
/// `default_name`), or the baseline alone. What `ncms risk` prints.
pub fn risk(
    scenario: &CheckedScenario,
    baseline_name: &str,
    default_name: &str,
    options: &RiskOptions,
) -> Result<Risk, Vec<Problem>> {
    let baseline_report = simulate(scenario);
    let plans = scenario.named_plans(default_name);
    risk_of_plans(scenario, &baseline_report, &plans, baseline_name, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plans_figures_over_paths_drawn_once_are_its_own_to_the_bit() {
        let json = crate::scenario::bundled::bundled("taizhou-2013-plan").unwrap();
        let scenario = crate::scenario::validate::parse_scenario(json).unwrap();
        let baseline_report = simulate(&scenario);
        let none = crate::scenario::file_format::Edits::new();
        for (options, edits) in [
            (
                RiskOptions {
                    draws: 300,
                    ..RiskOptions::default()
                },
                &scenario.proposal,
            ),
            (
                RiskOptions {
                    draws: 300,
                    seed: 9,
                    ..RiskOptions::default()
                },
                &none,
            ),
            (
                RiskOptions {
                    spread_scale: 0.0,
                    ..RiskOptions::default()
                },
                &scenario.proposal,
            ),
        ] {
            let (plan, _) = crate::scenario::validate::check_plan(&scenario, edits).unwrap();
            let draws = Draws::new(&scenario, &options);
            let once = plan_risk_over(&scenario, &baseline_report, &plan, &options, &draws);
            let again = plan_risk_over(&scenario, &baseline_report, &plan, &options, &draws);
            let each = plan_risk(&scenario, &baseline_report, &plan, &options);
            assert_eq!(once, each);
            assert_eq!(again, each);
            assert!(!each.years.is_empty());
        }
    }

    #[test]
    fn every_spread_assumption_is_a_registry_path_and_its_range_a_range() {
        use crate::scenario::params::{by_path, Group};
        for (range, assumption) in SPREAD_ASSUMPTIONS {
            assert_eq!(
                by_path(range).map(|p| p.group),
                Some(Group::Ranges),
                "{range}"
            );
            assert!(by_path(assumption).is_some(), "{assumption}");
            assert_eq!(spread_assumption(range), Some(assumption));
        }
        assert_eq!(spread_assumption("ranges.cost_shock"), None);
    }

    #[test]
    fn splitmix64_gives_its_published_first_output() {
        // The reference implementation's first output from state 0.
        let mut state = 0;
        assert_eq!(splitmix64(&mut state), 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn normals_have_mean_zero_and_variance_one() {
        let mut normals = Normals::seeded(7);
        let n = 100_000;
        let draws: Vec<f64> = (0..n).map(|_| normals.next()).collect();
        let mean = draws.iter().sum::<f64>() / n as f64;
        let variance = draws.iter().map(|z| (z - mean) * (z - mean)).sum::<f64>() / n as f64;
        // Standard errors: 0.0032 for the mean, 0.0045 for the variance.
        assert!(mean.abs() < 0.015, "{mean}");
        assert!((variance - 1.0).abs() < 0.02, "{variance}");
    }

    #[test]
    fn quantiles_are_nearest_rank() {
        let sorted: Vec<f64> = (1..=20).map(f64::from).collect();
        assert_eq!(quantile(&sorted, 5), 1.0);
        assert_eq!(quantile(&sorted, 10), 2.0);
        assert_eq!(quantile(&sorted, 50), 10.0);
        assert_eq!(quantile(&sorted, 95), 19.0);
        assert_eq!(quantile(&[3.0], 5), 3.0);
    }

    #[test]
    fn the_reserve_for_90_lets_at_most_a_tenth_run_out() {
        // Ten paths with lowest balances −10 … −1 and ten at +1: the third lowest is −8.
        let lows: Vec<f64> = (1..=10).map(|i| -f64::from(i)).chain([1.0; 10]).collect();
        let risk = summarise("x", 2013, lows.len(), 1, |d, _| PathYear {
            surplus: 0.0,
            closing_balance: lows[d],
            available_balance: lows[d],
            outpatient_over_cap: false,
        });
        assert_eq!(risk.reserve_for_90, Yuan::new(800, 2));
        assert_eq!(risk.years[0].p_exhausted, 0.5);
        // Mean of 1 … 10.
        assert_eq!(risk.years[0].expected_shortfall, Some(Yuan::new(550, 2)));
    }
}
