//! Why did it change (变化归因): the baseline's surplus of a year, or its closing balance, walked
//! to the proposal's in one bar per edit of the plan, each split into its price effect and its
//! release effect (释放效应). Shapley values make the bars independent of the order of the edits;
//! they add up to the change exactly, to the fen.

use crate::base::lang::{Label, Text};
use crate::base::money::{self, Yuan};
use crate::model::projection::{simulate, simulate_proposal};
use crate::model::report::{Change, Report, YearReport};
use crate::scenario::edits::{self, Edit, Scope};
use crate::scenario::file_format::Edits;
use crate::scenario::params::PARAMS;
use crate::scenario::problem::{Problem, ProblemKind};
use crate::scenario::validate::{check, check_edited, check_part_of_plan, CheckedScenario};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The name and version of the waterfall's JSON form.
pub const WATERFALL_FORMAT: &str = "ncms-sim/waterfall@1";

/// Orderings drawn when the edits are too many for every subset: 64 orderings and their reverses.
pub const SAMPLED_ORDERINGS: usize = 128;

/// The seed of the orderings, fixed so that the same plan always gets the same bars.
pub const SAMPLING_SEED: u64 = 0x6e63_6d73_2d73_696d; // "ncms-sim"

/// Up to this many edits the Shapley values are exact, over all 2^n subsets. The limit is where
/// the exact values stop being cheaper than the estimate: the sampler projects up to
/// `SAMPLED_ORDERINGS × (n − 1) + 2` subsets, which is 1154 ≥ 2^10 at 10 edits but
/// 1282 < 2^11 at 11, so below 11 an estimate would cost more than the truth.
pub const EXACT_MAX_EDITS: usize = 10;

/// The figure the waterfall explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The year's surplus (当年结余); by default of the first year, the year the plan sets.
    Surplus,
    /// The accumulated balance at the end of the year (累计结余); by default at the horizon.
    ClosingBalance,
}

impl Outcome {
    pub fn label(self) -> Label {
        match self {
            Outcome::Surplus => Label::new("当年结余", "Surplus"),
            Outcome::ClosingBalance => Label::new("累计结余", "Accumulated balance"),
        }
    }

    /// The figure in one year of a report.
    pub fn of(self, year: &YearReport) -> Yuan {
        match self {
            Outcome::Surplus => year.surplus,
            Outcome::ClosingBalance => year.closing_balance,
        }
    }

    /// The year explained when none is asked for, as an index into a horizon of `years`.
    fn default_year(self, years: u32) -> u32 {
        match self {
            Outcome::Surplus => 0,
            Outcome::ClosingBalance => years.saturating_sub(1),
        }
    }
}

/// The two parts of an edit's effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EffectKind {
    /// What the edit moves with utilisation held at the baseline's: funding, and what the fund
    /// pays per visit or admission.
    Price,
    /// What the edit moves through utilisation: more visits and admissions when patients pay
    /// less (and fewer when they pay more).
    Release,
}

impl EffectKind {
    pub fn label(self) -> Label {
        match self {
            EffectKind::Price => Label::new("价格效应", "Price effect"),
            EffectKind::Release => Label::new("释放效应", "Release effect"),
        }
    }
}

/// One bar of the waterfall: the price or the release part of one edit's effect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    /// The edited field (`lines[2].inpatient.reimbursement_ratio`).
    pub path: String,
    /// Its label, from the parameter registry ("县级医院 住院补偿比例").
    pub label: Text,
    pub kind: EffectKind,
    /// What this part of the edit adds to the figure (negative: takes away), to the fen.
    pub amount: Yuan,
}

/// How the Shapley values were computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Method {
    /// Exact: every subset of the edits was projected (`subsets` = 2^`edits`).
    Exact { edits: usize, subsets: usize },
    /// Estimated from `orderings` orderings of the edits, half of them drawn with `seed` from
    /// the edits in registry order and half their reverses; `subsets` distinct subsets were
    /// projected. The bars still add up exactly: each ordering's steps add up to the change.
    Sampled {
        edits: usize,
        orderings: usize,
        seed: u64,
        subsets: usize,
    },
}

impl Method {
    /// The method in words, for the reader of the waterfall.
    pub fn describe(&self) -> Text {
        match *self {
            Method::Exact { edits, subsets } => Text::new(
                format!("Shapley 值，精确计算：{edits} 项调整的全部 {subsets} 个组合"),
                format!("Shapley values, exact: all {subsets} subsets of the {edits} edits"),
            ),
            Method::Sampled {
                edits,
                orderings,
                seed,
                ..
            } => Text::new(
                format!(
                    "Shapley 值，抽样估计：{edits} 项调整的 {orderings} 种顺序（固定种子 {seed:#x}，\
                     正反成对）；各条仍精确相加"
                ),
                format!(
                    "Shapley values, estimated from {orderings} orderings of the {edits} edits \
                     (fixed seed {seed:#x}, each with its reverse); the bars still add up exactly"
                ),
            ),
        }
    }
}

/// Why a figure changed: from the baseline's value to the proposal's, bar by bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Waterfall {
    #[serde(skip_deserializing)]
    pub format: &'static str,
    pub scenario_id: String,
    pub scenario_name: Text,
    pub outcome: Outcome,
    pub year: i32,
    /// The baseline's figure, where the waterfall starts.
    pub baseline: Yuan,
    /// The proposal's figure, where it ends.
    pub proposal: Yuan,
    /// proposal − baseline: the sum of every bar.
    pub change: Yuan,
    /// The sum of the price bars.
    pub price_change: Yuan,
    /// The sum of the release bars.
    pub release_change: Yuan,
    /// The edits (before → after), in the order of the bars.
    pub changes: Vec<Change>,
    /// Per edit, in registry order: its price bar, then its release bar.
    pub bars: Vec<Bar>,
    pub method: Method,
    /// How the split and the rounding are defined, for the reader.
    pub notes: Vec<Text>,
}

/// One edit's two bars together.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EditEffect<'a> {
    pub change: &'a Change,
    pub price: Yuan,
    pub release: Yuan,
    /// price + release.
    pub total: Yuan,
}

impl Waterfall {
    /// The bars paired by edit, with each edit's total.
    pub fn by_edit(&self) -> Vec<EditEffect<'_>> {
        self.changes
            .iter()
            .zip(self.bars.chunks_exact(2))
            .map(|(change, pair)| EditEffect {
                change,
                price: pair[0].amount,
                release: pair[1].amount,
                total: pair[0].amount + pair[1].amount,
            })
            .collect()
    }
}

/// Why there is no waterfall.
#[derive(Debug, Clone, PartialEq)]
pub enum ExplainError {
    /// The plan is not valid (or an edit is not a policy lever).
    Invalid(Vec<Problem>),
    /// The year asked for is not projected.
    YearOutside { year: i32, first: i32, last: i32 },
    /// Two edits of the same field: which one counts would depend on their order.
    SameFieldTwice { path: String },
    /// The weighted sums of the Shapley values leave what `Decimal` holds (7.9 × 10^26 yuan at
    /// two decimals): only a scenario at the far ends of several ranges at once (spending of
    /// 10^25 yuan a year) comes near it.
    TooLarge,
}

impl ExplainError {
    pub fn describe(&self, lang: crate::base::lang::Lang) -> String {
        match self {
            ExplainError::Invalid(problems) => problems
                .iter()
                .map(|p| p.describe(lang))
                .collect::<Vec<_>>()
                .join("\n"),
            ExplainError::YearOutside { year, first, last } => lang.pick(
                format!("{year} 年不在预测期内（{first}–{last} 年）"),
                format!("{year} is not a projected year ({first} to {last})"),
            ),
            ExplainError::SameFieldTwice { path } => lang.pick(
                format!("{path} 被调整了两次"),
                format!("{path} is edited twice"),
            ),
            ExplainError::TooLarge => lang.pick(
                "金额过大（超过 7.9 × 10^26 元），无法精确到分地分解各项调整的作用".to_string(),
                "the amounts are too large (beyond 7.9 × 10^26 yuan) to share out between the \
                 edits to the fen"
                    .to_string(),
            ),
        }
    }
}

/// Why `outcome` in `year` (`None`: the outcome's default year) changes from the baseline of
/// `scenario` to the plan `edits` (policy levers only, as in a `proposal`).
pub fn explain(
    scenario: &CheckedScenario,
    edits: &Edits,
    outcome: Outcome,
    year: Option<i32>,
) -> Result<Waterfall, ExplainError> {
    let (resolved, problems) = edits::resolve(edits, scenario, Scope::Plan);
    if !problems.is_empty() {
        return Err(ExplainError::Invalid(problems));
    }
    explain_edits(scenario, &resolved, outcome, year)
}

/// [`explain`] for edits already resolved. The order of `edits` does not matter.
///
/// **The split.** For a subset S of the edits, `v(S)` is the figure with the edits in S applied,
/// the release effect measured against the baseline as the model does. `p(S)` is the same with
/// the release factor held at 1 (the elasticity set to 0 for the proposal): utilisation stays the
/// baseline's and only funding and what the fund pays per claim move. `r(S) = v(S) − p(S)` is the
/// release effect of S; with no edit, `p = v` = the baseline, so `r(∅) = 0`. An edit's price bar
/// is its Shapley value in the game `p`, its release bar its Shapley value in `r`. Shapley values
/// are linear and efficient, so the price bars add up to `p(N) − p(∅)`, the release bars to
/// `r(N)`, and both together to the change `v(N) − v(∅)`; with an elasticity of 0, `r` is zero
/// for every subset and so is every release bar.
///
/// **The values.** A Shapley value is the mean, over orderings of the edits, of what the edit
/// adds when it joins those before it. Up to [`EXACT_MAX_EDITS`] edits it is computed exactly
/// from the 2^n subsets (`Σ |S|!(n−|S|−1)!/n! · (v(S∪i) − v(S))`); beyond, from
/// [`SAMPLED_ORDERINGS`] orderings drawn with a fixed seed from the edits in registry order, so
/// the result is deterministic and independent of the input's order.
///
/// **The money.** Every `v(S)` is a figure of the report, exact to the fen. Each bar's exact
/// value (a whole number of fen times an integer weight, over `n!` or the number of orderings)
/// is rounded to the fen with `money::fen`; the few fen the rounding leaves over (at most half
/// a fen a bar) go one fen each to the bars that rounding moved furthest the other way (the
/// largest-remainder method; ties to the earlier bar), price and release bars separately, so that
/// each family adds up to its own total and both to the change, exactly.
pub fn explain_edits(
    scenario: &CheckedScenario,
    edits: &[Edit],
    outcome: Outcome,
    year: Option<i32>,
) -> Result<Waterfall, ExplainError> {
    let sample = edits.len() > EXACT_MAX_EDITS;
    waterfall(scenario, edits, outcome, year, sample)
}

/// [`explain_edits`] with the method chosen (the tests compare the two).
fn waterfall(
    scenario: &CheckedScenario,
    edits: &[Edit],
    outcome: Outcome,
    year: Option<i32>,
    sample: bool,
) -> Result<Waterfall, ExplainError> {
    let edits = canonical(scenario, edits)?;
    // The whole plan must be valid; its parts need only be in range (`check_part_of_plan`).
    check_edited(scenario, &edits).map_err(ExplainError::Invalid)?;

    let horizon = scenario.projection.years.max(1);
    let first = scenario.year;
    let t = match year {
        None => outcome.default_year(horizon),
        Some(y) => u32::try_from(i64::from(y) - i64::from(first))
            .ok()
            .filter(|t| *t < horizon)
            .ok_or(ExplainError::YearOutside {
                year: y,
                first,
                last: first + horizon as i32 - 1,
            })?,
    };
    let mut game = Game::new(scenario, &edits, outcome, t)?;
    let n = edits.len();
    let shapley = if sample {
        game.sampled()?
    } else {
        game.exact()?
    };
    let (empty, all) = (shapley.empty, shapley.all);
    let price_change = all.price - empty.price;
    let release_change = (all.full - all.price) - (empty.full - empty.price);
    let price = apportion(&shapley.price, shapley.denominator, price_change);
    let release_numerators: Vec<Decimal> = shapley
        .full
        .iter()
        .zip(&shapley.price)
        .map(|(f, p)| f.checked_sub(*p).ok_or(ExplainError::TooLarge))
        .collect::<Result<_, _>>()?;
    let release = apportion(&release_numerators, shapley.denominator, release_change);

    let changes = edits::describe(scenario, &edits);
    let bars = changes
        .iter()
        .zip(price.into_iter().zip(release))
        .flat_map(|(change, (price, release))| {
            [(EffectKind::Price, price), (EffectKind::Release, release)].map(|(kind, amount)| Bar {
                path: change.path.clone(),
                label: change.label.clone(),
                kind,
                amount,
            })
        })
        .collect();
    // The game's own figure with no edit: the baseline's, since the release factor of an
    // unchanged line is exactly 1 (the tests check it against `compare`).
    let baseline = empty.full;
    Ok(Waterfall {
        format: WATERFALL_FORMAT,
        scenario_id: scenario.id.clone(),
        scenario_name: scenario.name.clone(),
        outcome,
        year: first + t as i32,
        baseline,
        proposal: all.full,
        change: all.full - baseline,
        price_change,
        release_change,
        changes,
        bars,
        method: if !sample {
            Method::Exact {
                edits: n,
                subsets: 1 << n,
            }
        } else {
            Method::Sampled {
                edits: n,
                orderings: SAMPLED_ORDERINGS,
                seed: SAMPLING_SEED,
                subsets: game.projected,
            }
        },
        notes: notes(),
    })
}

fn notes() -> Vec<Text> {
    vec![
        Text::new(
            "价格效应：就诊人次保持基线水平（需求弹性取 0）时的变化，即筹资和每次就诊、住院补偿额的变化；\
             释放效应：其余部分，即患者自付比例变化引起就诊人次变化的影响。",
            "Price effect: the change with utilisation held at the baseline's (elasticity 0), \
             that is funding and what the fund pays per visit or admission; release effect: the \
             rest, the change in visits and admissions as patients pay a different share.",
        ),
        Text::new(
            "各项调整的作用按 Shapley 值分摊（各种调整顺序下边际作用的平均），与调整的先后无关；\
             每条四舍五入到分，余下的几分按最大余数法分配，各条合计与总变化分毫不差。",
            "Each edit's share is its Shapley value (the mean of its marginal effects over the \
             orders of the edits), whatever order they were made in; each bar is rounded to the \
             fen and the few fen left over go by the largest remainder, so the bars add up to \
             the change exactly.",
        ),
    ]
}

/// The edits in registry order (rows as the interface lists them, lines in order), each a
/// policy lever, no field twice.
fn canonical(scenario: &CheckedScenario, edits: &[Edit]) -> Result<Vec<Edit>, ExplainError> {
    let levels = edits::levels(scenario);
    let mut problems = Vec::new();
    for edit in edits {
        let param = edit.place.param;
        if !param.is_lever() {
            problems.push(
                Problem::new(
                    edit.place.path(),
                    ProblemKind::NotALever {
                        role: param.role,
                        frame: param.frames_the_scenario(),
                    },
                    edit.value.map_or_else(|| "null".into(), |v| v.to_string()),
                )
                .labelled(param.label_at(&levels, edit.place.line)),
            );
        }
    }
    if !problems.is_empty() {
        return Err(ExplainError::Invalid(problems));
    }
    let row = |edit: &Edit| {
        let index = PARAMS
            .iter()
            .position(|p| std::ptr::eq(p, edit.place.param))
            .unwrap_or(usize::MAX);
        (index, edit.place.line)
    };
    let mut sorted = edits.to_vec();
    sorted.sort_by_key(row);
    if let Some(pair) = sorted.windows(2).find(|w| row(&w[0]) == row(&w[1])) {
        return Err(ExplainError::SameFieldTwice {
            path: pair[0].place.path(),
        });
    }
    Ok(sorted)
}

/// The figure of one subset of the edits: with the release effect, and with it held at 1.
#[derive(Debug, Clone, Copy)]
struct Value {
    full: Yuan,
    price: Yuan,
}

/// Shapley numerators: each edit's value is `numerator / denominator`.
struct Shapley {
    full: Vec<Decimal>,
    price: Vec<Decimal>,
    denominator: Decimal,
    empty: Value,
    all: Value,
}

/// The cooperative game of the edits: the figure for any subset of them.
struct Game<'a> {
    /// The baseline, cut to the year explained (later years cannot change it).
    frame: CheckedScenario,
    /// The same with the elasticity at 0: the release factor is `(q1/q0)^0 = 1`.
    price_frame: CheckedScenario,
    reference: Report,
    edits: &'a [Edit],
    outcome: Outcome,
    t: usize,
    /// Distinct subsets projected (each twice: with and without the release effect).
    projected: usize,
}

impl<'a> Game<'a> {
    fn new(
        scenario: &CheckedScenario,
        edits: &'a [Edit],
        outcome: Outcome,
        t: u32,
    ) -> Result<Game<'a>, ExplainError> {
        let mut cut = scenario.scenario().clone();
        cut.proposal.clear();
        cut.projection.years = t + 1;
        let frame = check(cut).map_err(ExplainError::Invalid)?;
        let mut still = frame.scenario().clone();
        still.behaviour.elasticity = 0.0;
        let price_frame = check(still).map_err(ExplainError::Invalid)?;
        let reference = simulate(&frame);
        Ok(Game {
            frame,
            price_frame,
            reference,
            edits,
            outcome,
            t: t as usize,
            projected: 0,
        })
    }

    /// The figure with the edits whose indices `members` yields.
    fn value(&mut self, members: impl Iterator<Item = usize>) -> Result<Value, ExplainError> {
        let part: Vec<Edit> = members.map(|i| self.edits[i]).collect();
        let run = |base: &CheckedScenario| -> Result<Yuan, ExplainError> {
            let scenario = check_part_of_plan(base, &part).map_err(ExplainError::Invalid)?;
            let report = simulate_proposal(&scenario, &self.reference);
            Ok(self.outcome.of(&report.years[self.t]))
        };
        let value = Value {
            full: run(&self.frame)?,
            price: run(&self.price_frame)?,
        };
        self.projected += 1;
        Ok(value)
    }

    /// Exact Shapley values over every subset, a subset being a bit mask of edit indices.
    fn exact(&mut self) -> Result<Shapley, ExplainError> {
        let n = self.edits.len();
        let subsets = 1usize << n;
        let mut values = Vec::with_capacity(subsets);
        for mask in 0..subsets {
            values.push(self.value((0..n).filter(|i| mask & (1 << i) != 0))?);
        }
        // |S|! (n − |S| − 1)!: how many orderings put exactly S before the edit.
        let factorial: Vec<Decimal> = (0..=n)
            .scan(Decimal::ONE, |f, k| {
                if k > 0 {
                    *f *= Decimal::from(k);
                }
                Some(*f)
            })
            .collect();
        let mut full = vec![Decimal::ZERO; n];
        let mut price = vec![Decimal::ZERO; n];
        for (mask, before) in values.iter().enumerate() {
            let size = mask.count_ones() as usize;
            if size == n {
                continue;
            }
            let weight = factorial[size] * factorial[n - size - 1];
            for i in (0..n).filter(|i| mask & (1 << i) == 0) {
                let after = &values[mask | 1 << i];
                add_weighted(&mut full[i], weight, after.full, before.full)?;
                add_weighted(&mut price[i], weight, after.price, before.price)?;
            }
        }
        Ok(Shapley {
            full,
            price,
            denominator: factorial[n],
            empty: values[0],
            all: values[subsets - 1],
        })
    }

    /// Shapley values estimated from orderings drawn with a fixed seed, each with its reverse
    /// (antithetic pairs: an edit late in one is early in the other). Subsets are remembered, so
    /// each is projected once.
    fn sampled(&mut self) -> Result<Shapley, ExplainError> {
        let n = self.edits.len();
        let mut known: HashMap<Vec<u64>, Value> = HashMap::new();
        let mut random = SplitMix64(SAMPLING_SEED);
        let mut full = vec![Decimal::ZERO; n];
        let mut price = vec![Decimal::ZERO; n];
        let (mut empty, mut all) = (None, None);
        for _ in 0..SAMPLED_ORDERINGS / 2 {
            let mut order: Vec<usize> = (0..n).collect();
            // Fisher–Yates, from the registry order: deterministic whatever the input's order.
            for i in (1..n).rev() {
                let j = (random.next() % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
            let reverse: Vec<usize> = order.iter().rev().copied().collect();
            for ordering in [order, reverse] {
                let mut members = vec![0u64; n.div_ceil(64)];
                let mut before = self.known_value(&mut known, &members)?;
                empty.get_or_insert(before);
                for i in ordering {
                    members[i / 64] |= 1 << (i % 64);
                    let after = self.known_value(&mut known, &members)?;
                    add_weighted(&mut full[i], Decimal::ONE, after.full, before.full)?;
                    add_weighted(&mut price[i], Decimal::ONE, after.price, before.price)?;
                    before = after;
                }
                all.get_or_insert(before);
            }
        }
        let (Some(empty), Some(all)) = (empty, all) else {
            unreachable!("SAMPLED_ORDERINGS is at least 2");
        };
        Ok(Shapley {
            full,
            price,
            denominator: Decimal::from(SAMPLED_ORDERINGS),
            empty,
            all,
        })
    }

    fn known_value(
        &mut self,
        known: &mut HashMap<Vec<u64>, Value>,
        members: &[u64],
    ) -> Result<Value, ExplainError> {
        if let Some(value) = known.get(members) {
            return Ok(*value);
        }
        let n = self.edits.len();
        let value = self.value((0..n).filter(|i| members[i / 64] & (1 << (i % 64)) != 0))?;
        known.insert(members.to_vec(), value);
        Ok(value)
    }
}

/// `sum += weight × (after − before)`, or `TooLarge` where `Decimal` would overflow (and panic):
/// `n!` times a fund's largest figures can leave it, although every figure fits.
fn add_weighted(
    sum: &mut Decimal,
    weight: Decimal,
    after: Yuan,
    before: Yuan,
) -> Result<(), ExplainError> {
    *sum = after
        .checked_sub(before)
        .and_then(|d| d.checked_mul(weight))
        .and_then(|d| sum.checked_add(d))
        .ok_or(ExplainError::TooLarge)?;
    Ok(())
}

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny generator with a fixed output for a seed on
/// every platform, enough to shuffle orderings.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// `numerators[i] / denominator` to the fen, adding up to `total` exactly (which the exact
/// values do): each rounded with `money::fen`, then the whole fen left over, at most half a fen
/// per share, given one each to the shares rounding moved furthest the other way (ties to the
/// earlier share).
fn apportion(numerators: &[Decimal], denominator: Decimal, total: Yuan) -> Vec<Yuan> {
    let exact: Vec<Decimal> = numerators.iter().map(|n| n / denominator).collect();
    let mut shares: Vec<Yuan> = exact.iter().map(|e| money::fen(*e)).collect();
    let left = total - shares.iter().sum::<Decimal>();
    if left.is_zero() {
        return shares;
    }
    let one_fen = Decimal::new(if left.is_sign_positive() { 1 } else { -1 }, 2);
    let count = (left.abs() * Decimal::ONE_HUNDRED)
        .to_usize()
        .unwrap_or(0)
        .min(shares.len());
    let mut order: Vec<usize> = (0..shares.len()).collect();
    // Rounded down the most first when fen are missing, rounded up the most when over.
    order.sort_by(|&a, &b| {
        let (ea, eb) = (exact[a] - shares[a], exact[b] - shares[b]);
        let by_error = if left.is_sign_positive() {
            eb.cmp(&ea)
        } else {
            ea.cmp(&eb)
        };
        by_error.then(a.cmp(&b))
    });
    for &i in &order[..count] {
        shares[i] += one_fen;
    }
    shares
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::file_format::Edits;

    fn yuan(text: &str) -> Yuan {
        text.parse().unwrap()
    }

    #[test]
    fn apportioning_keeps_the_total_to_the_fen() {
        // Three equal thirds of 1.00: 0.33 each, the missing fen to the first.
        let shares = apportion(&[Decimal::ONE; 3], Decimal::from(3), yuan("1.00"));
        assert_eq!(shares, vec![yuan("0.34"), yuan("0.33"), yuan("0.33")]);
        // Two halves of a fen both round up; the fen too many comes off the first.
        let half = yuan("0.005");
        let shares = apportion(&[half, half], Decimal::ONE, yuan("0.01"));
        assert_eq!(shares, vec![yuan("0.00"), yuan("0.01")]);
        // Negative shares: -2/3 and -1/3 of 1.00.
        let shares = apportion(
            &[Decimal::from(-2), Decimal::from(-1)],
            Decimal::from(3),
            yuan("-1.00"),
        );
        assert_eq!(shares, vec![yuan("-0.67"), yuan("-0.33")]);
        // The share rounded down the most gets the fen: 0.334, 0.333, 0.333 of 1.00 → 0.33 ×3.
        let shares = apportion(
            &[yuan("0.334"), yuan("0.333"), yuan("0.333")],
            Decimal::ONE,
            yuan("1.00"),
        );
        assert_eq!(shares, vec![yuan("0.34"), yuan("0.33"), yuan("0.33")]);
    }

    #[test]
    fn the_sampler_is_fixed_by_its_seed() {
        let mut a = SplitMix64(SAMPLING_SEED);
        let mut b = SplitMix64(SAMPLING_SEED);
        assert_eq!(a.next(), b.next());
        // SplitMix64's published first output for seed 0.
        assert_eq!(SplitMix64(0).next(), 0xe220_a839_7b1d_cdaf);
    }

    #[test]
    fn sampled_values_are_close_to_the_exact_ones_when_edits_interact() {
        // Edits of the same lines and the ceiling, which interact: a ratio is worth more with a
        // lower deductible, a cap binds more with a higher ratio.
        let json = include_str!("../../scenarios/taizhou-2012.json");
        let scenario = crate::parse_scenario(json).unwrap();
        let plan: Edits = [
            ("financing.individual", Some(150.0)),
            ("lines[1].outpatient.reimbursement_ratio", Some(0.6)),
            ("lines[1].outpatient.visit_cap", Some(20.0)),
            ("lines[2].inpatient.reimbursement_ratio", Some(0.95)),
            ("lines[2].inpatient.deductible", Some(100.0)),
            ("lines[2].inpatient.admission_cap", Some(20_000.0)),
            ("lines[3].inpatient.reimbursement_ratio", Some(0.9)),
            ("lines[3].inpatient.deductible", Some(2000.0)),
            ("rules.annual_ceiling.income_multiple.multiple", Some(2.0)),
            ("rules.special_disease.reimbursement_ratio", Some(0.9)),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let (edits, problems) = edits::resolve(&plan, &scenario, Scope::Plan);
        assert!(problems.is_empty(), "{problems:?}");
        for outcome in [Outcome::Surplus, Outcome::ClosingBalance] {
            let exact = waterfall(&scenario, &edits, outcome, None, false).unwrap();
            let sampled = waterfall(&scenario, &edits, outcome, None, true).unwrap();
            assert_eq!(sampled.change, exact.change);
            let worst = exact
                .bars
                .iter()
                .zip(&sampled.bars)
                .map(|(e, s)| money::to_f64((e.amount - s.amount).abs()))
                .fold(0.0, f64::max);
            let largest = exact
                .bars
                .iter()
                .map(|b| money::to_f64(b.amount.abs()))
                .fold(0.0, f64::max);
            // Measured: 0.3 % (surplus) and 0.4 % (balance) of the largest bar.
            assert!(worst > 0.0, "the edits interact");
            assert!(
                worst <= 0.01 * largest,
                "{outcome:?}: {worst} against {largest}"
            );
        }
    }

    #[test]
    fn exact_values_stop_where_the_estimate_becomes_cheaper() {
        let budget = |n: usize| SAMPLED_ORDERINGS * (n - 1) + 2;
        assert!(1 << EXACT_MAX_EDITS <= budget(EXACT_MAX_EDITS));
        assert!(1 << (EXACT_MAX_EDITS + 1) > budget(EXACT_MAX_EDITS + 1));
    }
}
