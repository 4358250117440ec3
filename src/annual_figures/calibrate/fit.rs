//! The fit: a fund's lines of care in the `f64` world of the distribution maths, the figures the
//! model gives for them ([`Measure`]), the levers that move them ([`Knob`]) and the search that
//! sets each lever so that the model gives a reported figure ([`Model::solve`]). Lines are priced
//! exactly as `model` prices them (the same closed forms of `lognormal`), so that the finished
//! scenario's report agrees with the fit.

use crate::base::lang::Text;
use crate::base::lognormal::{expected_benefit, ClaimSize, Layer};
use crate::base::money;
use crate::scenario::file_format::CareKind;
use crate::scenario::file_format::Level;

/// The nearest fen: the model rounds mean costs, deductibles and caps to the fen as money.
pub(super) fn fen(amount: f64) -> f64 {
    money::to_f64(money::fen_from_f64(amount))
}

/// A line's parameters in the `f64` world of the fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Params {
    /// Claims a year (visits, admissions, patients).
    pub(super) volume: f64,
    pub(super) mean_cost: f64,
    pub(super) cv: f64,
    pub(super) scope: f64,
    pub(super) deductible: f64,
    pub(super) ratio: f64,
    pub(super) cap: Option<f64>,
}

/// The levers the fit moves: each scales a parameter from its starting value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Lever {
    Volume,
    Cost,
    Scope,
    Ratio,
    Dispersion,
    /// The split of a kind's person-times across levels, its total kept: tilted towards the
    /// levels whose policy-scope ratio is higher (or lower), the unknown when only the kind's
    /// totals are reported.
    Mix,
}

impl Lever {
    pub(super) fn describe(self) -> Text {
        match self {
            Lever::Volume => Text::new("就诊量", "volumes"),
            Lever::Cost => Text::new("次均费用", "mean costs"),
            Lever::Scope => Text::new("政策范围内费用占比", "policy-scope shares"),
            Lever::Ratio => Text::new("补偿比例", "reimbursement ratios"),
            Lever::Dispersion => Text::new("费用离散程度", "cost dispersion"),
            Lever::Mix => Text::new("各级人次构成", "the split of person-times across levels"),
        }
    }
}

/// Which of a line's parameters the figures give (and so no lever may move).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Given {
    pub(super) volume: bool,
    pub(super) mean: bool,
    pub(super) scope: bool,
    pub(super) ratio: bool,
}

#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) care: CareKind,
    pub(super) level: Option<Level>,
    pub(super) now: Params,
    pub(super) start: Params,
    pub(super) given: Given,
    /// The line has its own payments or policy-scope ratio: the kind's levers leave it alone.
    pub(super) own: bool,
    /// Inpatient or special-disease care under an annual ceiling.
    pub(super) under_ceiling: bool,
    /// The volume is `start × volume_scale × mix`: the total set by one lever, the split by
    /// another.
    pub(super) volume_scale: f64,
    pub(super) mix: f64,
    /// Each lever's scale on this line (volume, cost, scope, ratio, dispersion), 1 at the start.
    pub(super) scales: [f64; 5],
}

impl Line {
    pub(super) fn set(&mut self, lever: Lever, scale: f64) {
        if let Some(slot) = self.scales.get_mut(lever as usize) {
            *slot = scale;
        }
        let (start, now) = (self.start, &mut self.now);
        match lever {
            Lever::Volume => {
                self.volume_scale = scale;
                now.volume = start.volume * scale * self.mix;
            }
            // Continuous while fitting (a fen step would make the search and its derivatives
            // jump); the scenario rounds to the fen.
            Lever::Cost => now.mean_cost = (start.mean_cost * scale).max(0.01),
            Lever::Scope => now.scope = (start.scope * scale).clamp(1e-4, 1.0),
            Lever::Ratio => now.ratio = (start.ratio * scale).clamp(0.0, 1.0),
            Lever::Dispersion => now.cv = (start.cv * scale).clamp(0.05, 6.0),
            // The mix moves several lines together: `Model::apply`.
            Lever::Mix => {}
        }
    }

    /// Whether cost dispersion changes what the line pays: a deductible or a cap shapes it (the
    /// annual ceiling caps inpatient and special-disease claims).
    pub(super) fn has_shape(&self) -> bool {
        self.now.deductible > 0.0 || self.now.cap.is_some() || self.under_ceiling
    }

    pub(super) fn free(&self, lever: Lever) -> bool {
        match lever {
            Lever::Volume => !self.given.volume,
            Lever::Cost => !self.given.mean,
            Lever::Scope => !self.given.scope,
            Lever::Ratio => !self.given.ratio,
            Lever::Dispersion => self.has_shape(),
            Lever::Mix => !self.given.volume,
        }
    }
}

/// A line's figures for one year, as the model prices them (docs/model.md §3, as `model` does).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Priced {
    pub(super) volume: f64,
    pub(super) cost: f64,
    pub(super) eligible: f64,
    pub(super) payments: f64,
    pub(super) compensated: f64,
}

pub(super) fn price(line: &Line, ceiling: Option<f64>) -> Priced {
    let p = &line.now;
    let cap = match line.care {
        CareKind::Outpatient => p.cap,
        CareKind::Inpatient => match (p.cap, ceiling) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        },
        CareKind::SpecialDisease => ceiling,
    };
    let eligible_mean = p.mean_cost * p.scope;
    let claim = ClaimSize::new(eligible_mean, p.cv);
    let benefit = expected_benefit(
        &claim,
        &Layer {
            deductible: p.deductible,
            ratio: p.ratio,
            cap,
        },
    );
    let compensated = if benefit > 0.0 {
        claim.survival(p.deductible)
    } else {
        0.0
    };
    Priced {
        volume: p.volume,
        cost: p.volume * p.mean_cost,
        eligible: p.volume * eligible_mean,
        payments: p.volume * benefit,
        compensated: p.volume * compensated,
    }
}

/// A figure of the fitted model: a sum over some lines, plus what lies outside them (major
/// diseases inside the inpatient totals, the premium inside total payments).
#[derive(Debug, Clone)]
pub(super) enum Measure {
    Volume(Vec<usize>, f64),
    Cost(Vec<usize>, f64),
    /// Total cost ÷ volume, with cost and volume outside the lines.
    MeanCost(Vec<usize>, f64, f64),
    Payments(Vec<usize>, f64),
    Eligible(Vec<usize>),
    PolicyRatio(Vec<usize>),
    Compensated(Vec<usize>, f64),
}

/// A group of lines moved together by one lever.
#[derive(Debug, Clone)]
pub(super) struct Knob {
    pub(super) lever: Lever,
    pub(super) lines: Vec<usize>,
    pub(super) scale: f64,
    /// For the mix: each line's starting volume and log policy-scope ratio (a tilt by `scale`
    /// multiplies a line's volume by `scale ^ (weight − mean weight)`).
    pub(super) mix: Vec<(f64, f64)>,
}

/// A reported figure and the levers that reproduce it, tried in order: the next one moves only
/// when the one before cannot reach the figure (a scope share stops at 100 %).
#[derive(Debug, Clone)]
pub(super) struct Fit {
    pub(super) measure: Measure,
    pub(super) target: f64,
    pub(super) knobs: Vec<Knob>,
}

#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Major {
    pub(super) cases: f64,
    pub(super) limited_cost: f64,
    pub(super) ratio: f64,
}

impl Major {
    pub(super) fn cost(&self) -> f64 {
        self.cases * self.limited_cost
    }
    pub(super) fn payments(&self) -> f64 {
        self.cost() * self.ratio
    }
}

/// The lines being fitted, the annual ceiling that caps inpatient and special-disease claims,
/// and a figure that chooses among several dispersions that fit equally well.
pub(super) struct Model {
    pub(super) lines: Vec<Line>,
    pub(super) ceiling: Option<f64>,
    /// With a deductible and a cap, two dispersions can give the same payments (one pays more
    /// claims less); the compensated person-times, when reported, tell them apart.
    pub(super) tiebreak: Option<(Measure, f64)>,
}

/// The relative distance of `value` from `target` (the absolute one when the target is 0).
pub(super) fn relative(value: f64, target: f64) -> f64 {
    if target == 0.0 {
        value.abs()
    } else {
        (value / target - 1.0).abs()
    }
}

/// A bracket of a sign change: `(a, f(a), b, f(b))` on the logarithm of a scale.
type Bracket = (f64, f64, f64, f64);

/// Sign changes of `f` from `x0` outwards, in widening steps; the first found.
fn widen(
    f: &mut impl FnMut(f64) -> f64,
    x0: f64,
    f0: f64,
    (lo, hi): (f64, f64),
    first: bool,
) -> Option<Bracket> {
    let mut step = if first { 0.5 } else { 0.02 };
    for _ in 0..12 {
        let (a, b) = ((x0 - step).max(lo), (x0 + step).min(hi));
        let (fa, fb) = (f(a), f(b));
        if fa.signum() != f0.signum() {
            return Some((a, fa, x0, f0));
        }
        if fb.signum() != f0.signum() {
            return Some((x0, f0, b, fb));
        }
        if a <= lo && b >= hi {
            return None;
        }
        step *= 2.5;
    }
    None
}

/// `f` on a grid over the bounds: the points, and every sign change between two of them.
fn scan(f: &mut impl FnMut(f64) -> f64, (lo, hi): (f64, f64)) -> (Vec<(f64, f64)>, Vec<Bracket>) {
    const POINTS: usize = 64;
    let points: Vec<(f64, f64)> = (0..=POINTS)
        .map(|k| {
            let x = lo + (hi - lo) * k as f64 / POINTS as f64;
            (x, f(x))
        })
        .collect();
    let brackets = points
        .windows(2)
        .filter(|w| w[0].1.signum() != w[1].1.signum())
        .map(|w| (w[0].0, w[0].1, w[1].0, w[1].1))
        .collect();
    (points, brackets)
}

/// The root in a bracket: regula falsi with the Illinois modification, which never stalls on one
/// side. Returns the point and `f` there.
fn refine(
    f: &mut impl FnMut(f64) -> f64,
    (mut a, mut fa, mut b, mut fb): Bracket,
    tolerance: f64,
) -> (f64, f64) {
    let mut side = 0;
    let (mut x, mut fx) = (a, fa);
    for _ in 0..100 {
        x = if fb != fa {
            b - fb * (b - a) / (fb - fa)
        } else {
            0.5 * (a + b)
        };
        if !(x > a.min(b) && x < a.max(b)) {
            x = 0.5 * (a + b);
        }
        fx = f(x);
        if fx == 0.0 || (b - a).abs() < 1e-13 || fx.abs() <= tolerance {
            break;
        }
        if fx.signum() == fb.signum() {
            b = x;
            fb = fx;
            if side == -1 {
                fa /= 2.0;
            }
            side = -1;
        } else {
            a = x;
            fa = fx;
            if side == 1 {
                fb /= 2.0;
            }
            side = 1;
        }
    }
    (x, fx)
}

impl Model {
    pub(super) fn measure(&self, measure: &Measure) -> f64 {
        let lines = match measure {
            Measure::Volume(l, _)
            | Measure::Cost(l, _)
            | Measure::MeanCost(l, _, _)
            | Measure::Payments(l, _)
            | Measure::Eligible(l)
            | Measure::PolicyRatio(l)
            | Measure::Compensated(l, _) => l,
        };
        // Only the lines the measure sums are priced: the searches one lever at a time call
        // this thousands of times.
        let mut prices = vec![Priced::default(); self.lines.len()];
        for i in lines {
            prices[*i] = price(&self.lines[*i], self.ceiling);
        }
        self.measure_on(&prices, measure)
    }

    /// A measure from lines already priced.
    fn measure_on(&self, prices: &[Priced], measure: &Measure) -> f64 {
        let sum = |lines: &[usize], f: fn(&Priced) -> f64| -> f64 {
            lines.iter().map(|i| f(&prices[*i])).sum()
        };
        match measure {
            Measure::Volume(l, extra) => sum(l, |p| p.volume) + extra,
            Measure::Cost(l, extra) => sum(l, |p| p.cost) + extra,
            Measure::MeanCost(l, cost, volume) => {
                let v = sum(l, |p| p.volume) + volume;
                if v > 0.0 {
                    (sum(l, |p| p.cost) + cost) / v
                } else {
                    0.0
                }
            }
            Measure::Payments(l, extra) => sum(l, |p| p.payments) + extra,
            Measure::Eligible(l) => sum(l, |p| p.eligible),
            Measure::PolicyRatio(l) => {
                let e = sum(l, |p| p.eligible);
                if e > 0.0 {
                    sum(l, |p| p.payments) / e
                } else {
                    0.0
                }
            }
            Measure::Compensated(l, extra) => sum(l, |p| p.compensated) + extra,
        }
    }

    fn apply(&mut self, knob: &Knob, scale: f64) {
        if knob.lever == Lever::Mix {
            // A level's share moves at most twentyfold either way: the tilt reallocates
            // person-times, it does not empty a level the figures say exists. The factors keep
            // the starting total, so the volume lever's scale still sets the total.
            let mean = knob.mix.iter().map(|(_, w)| w).sum::<f64>() / knob.mix.len().max(1) as f64;
            let factors: Vec<f64> = knob
                .mix
                .iter()
                .map(|(_, w)| scale.powf(w - mean).clamp(0.05, 20.0))
                .collect();
            let start: f64 = knob.mix.iter().map(|(v, _)| v).sum();
            let tilted: f64 = knob.mix.iter().zip(&factors).map(|((v, _), f)| v * f).sum();
            let norm = if tilted > 0.0 { start / tilted } else { 1.0 };
            for (i, f) in knob.lines.iter().zip(factors) {
                let line = &mut self.lines[*i];
                line.mix = f * norm;
                line.now.volume = line.start.volume * line.volume_scale * line.mix;
            }
            return;
        }
        for i in &knob.lines {
            self.lines[*i].set(knob.lever, scale);
        }
    }

    /// The scales a knob may take: beyond them every line is at a bound (a share of 100 %).
    fn bounds(&self, knob: &Knob) -> (f64, f64) {
        let starts = knob.lines.iter().map(|i| {
            let s = &self.lines[*i].start;
            match knob.lever {
                Lever::Volume => s.volume,
                Lever::Cost => s.mean_cost,
                Lever::Scope => s.scope,
                Lever::Ratio => s.ratio,
                Lever::Dispersion => s.cv,
                Lever::Mix => s.volume,
            }
        });
        let (lo, hi) = starts.fold((f64::INFINITY, 0.0f64), |(lo, hi), s| {
            (lo.min(s), hi.max(s))
        });
        match knob.lever {
            // A default line the figures leave no room for may vanish; none grows past a
            // thousandfold of its default, and a mean cost stays within twentyfold of its.
            Lever::Volume => (1e-6, 1e3),
            Lever::Mix => (1e-6, 1e6),
            Lever::Cost => (0.05, 20.0),
            Lever::Scope | Lever::Ratio => (1e-4, 1.0 / lo.max(1e-4)),
            Lever::Dispersion => (0.05 / hi.max(0.05), 6.0 / lo.max(0.05)),
        }
    }

    /// Fits every figure in turn, over and over, until every figure is reproduced or nothing
    /// moves any more: the fits interact (a scope share moves a policy-scope ratio through the
    /// deductible; inpatient dispersion moves the compensated person-times).
    pub(super) fn solve(&mut self, fits: &mut [Fit]) {
        for round in 0..200 {
            let mut moved = 0.0f64;
            for fit in fits.iter_mut() {
                for k in 0..fit.knobs.len() {
                    let before = fit.knobs[k].scale;
                    let residual =
                        self.solve_knob(&mut fit.knobs[k], &fit.measure, fit.target, round == 0);
                    moved = moved.max(relative(fit.knobs[k].scale, before));
                    if residual <= 1e-12 {
                        break;
                    }
                }
            }
            // Every figure reproduced is not enough: a dispersion chosen by the tiebreak before
            // the other lines were fitted may choose again. Stop when nothing moves.
            if round > 0 && moved <= 1e-10 {
                break;
            }
        }
    }

    /// After the fits one at a time, every figure at once: where they interact (a split of
    /// person-times moves costs, payments and ratios together), Levenberg–Marquardt on the
    /// logarithm of every lever's scale on every line those fits move minimises the squared
    /// relative misses of every reported figure, with a faint pull (10⁻⁸) towards the defaults
    /// so that what the figures cannot tell apart stays where it started. The split of a kind's
    /// person-times becomes one volume per level here. Runs only when a figure is still missed.
    pub(super) fn polish(&mut self, fits: &[Fit]) {
        const PULL: f64 = 1e-4; // the square root of the 10⁻⁸ weight
        let mut params: Vec<(Lever, usize)> = Vec::new();
        for knob in fits.iter().flat_map(|fit| &fit.knobs) {
            let lever = match knob.lever {
                Lever::Mix => Lever::Volume,
                other => other,
            };
            for i in &knob.lines {
                if !params.contains(&(lever, *i)) {
                    params.push((lever, *i));
                }
            }
        }
        let mut targets: Vec<(Measure, f64)> = fits
            .iter()
            .map(|fit| (fit.measure.clone(), fit.target))
            .collect();
        if let Some((measure, target)) = &self.tiebreak {
            if !fits
                .iter()
                .any(|fit| matches!(fit.measure, Measure::Compensated(..)))
            {
                targets.push((measure.clone(), *target));
            }
        }
        let misses = |model: &Model| -> Vec<f64> {
            let prices = model.prices();
            targets
                .iter()
                .map(|(m, t)| (model.measure_on(&prices, m) - t) / t.abs().max(1e-9))
                .collect()
        };
        if params.is_empty() || misses(self).iter().all(|r| r.abs() <= 1e-9) {
            return;
        }
        let bounds: Vec<(f64, f64)> = params
            .iter()
            .map(|(lever, i)| {
                let (lo, hi) = self.bounds(&Knob {
                    lever: *lever,
                    lines: vec![*i],
                    scale: 1.0,
                    mix: Vec::new(),
                });
                (lo.ln(), hi.ln())
            })
            .collect();
        let start: Vec<f64> = params
            .iter()
            .map(|(lever, i)| self.lines[*i].scales[*lever as usize].ln())
            .collect();
        let n = params.len();
        // The lines priced at the last full evaluation: a Jacobian column moves one lever of
        // one line, so only that line is priced again.
        let mut cache: Vec<Priced> = Vec::new();
        let mut residuals = |x: &[f64], only: Option<usize>| -> Vec<f64> {
            let prices = match only {
                Some(j) if !cache.is_empty() => {
                    let (lever, i) = params[j];
                    let before = self.lines[i].scales[lever as usize];
                    self.lines[i].set(lever, x[j].exp());
                    let mut prices = cache.clone();
                    prices[i] = price(&self.lines[i], self.ceiling);
                    self.lines[i].set(lever, before);
                    prices
                }
                _ => {
                    for ((lever, i), xj) in params.iter().zip(x) {
                        self.lines[*i].set(*lever, xj.exp());
                    }
                    cache = self.prices();
                    cache.clone()
                }
            };
            let mut r: Vec<f64> = targets
                .iter()
                .map(|(m, t)| (self.measure_on(&prices, m) - t) / t.abs().max(1e-9))
                .collect();
            r.extend(x.iter().map(|xj| PULL * xj));
            r
        };
        let cost = |r: &[f64]| r.iter().map(|v| v * v).sum::<f64>();
        // From where the fits one at a time left the levers, and from the defaults: the
        // better of the two (a search can stall where a split of person-times saturates).
        let from_fits = levenberg_marquardt(&mut residuals, start.clone(), &bounds, n);
        // Close enough: a miss of 0.01 % is a hundredth of the narrowest figure's rounding.
        let exact = from_fits.1[..from_fits.1.len() - n]
            .iter()
            .all(|v| v.abs() <= 1e-4);
        let best = if exact {
            from_fits
        } else {
            let from_defaults = levenberg_marquardt(&mut residuals, vec![0.0; n], &bounds, n);
            if cost(&from_defaults.1) < cost(&from_fits.1) {
                from_defaults
            } else {
                from_fits
            }
        };
        residuals(&best.0, None);
    }

    /// Every line priced once: what the measures of a joint fit sum.
    fn prices(&self) -> Vec<Priced> {
        self.lines.iter().map(|l| price(l, self.ceiling)).collect()
    }

    /// One lever to one figure: the scale nearest the current one at which the model gives the
    /// figure (a sign change found by widening steps, else on a grid over the bounds, then
    /// refined); where none exists, the scale that comes closest. A dispersion with a tiebreak
    /// looks at every scale that gives the figure to within 0.01 % (payments can be flat in the
    /// dispersion when the deductible is small against the cost) and takes the one that best
    /// reproduces the tiebreak's figure. Returns the relative residual.
    fn solve_knob(&mut self, knob: &mut Knob, measure: &Measure, target: f64, first: bool) -> f64 {
        const NEAR: f64 = 1e-4;
        let (lo, hi) = self.bounds(knob);
        let bounds = (lo.ln(), hi.ln());
        let x0 = knob.scale.clamp(lo, hi).ln();
        let tiebreak = match knob.lever {
            Lever::Dispersion => self.tiebreak.clone(),
            _ => None,
        };
        let tolerance = 1e-14 * target.abs().max(1e-12);
        let near = |fx: f64| relative(fx + target, target) <= NEAR;
        let fixed: &Knob = knob;
        let mut candidates = Vec::new();
        let mut best;
        {
            let mut f = |x: f64| {
                self.apply(fixed, x.exp());
                self.measure(measure) - target
            };
            let f0 = f(x0);
            best = (x0, f0);
            if f0 == 0.0 {
                candidates.push(best);
            } else if tiebreak.is_none() {
                if let Some(bracket) = widen(&mut f, x0, f0, bounds, first) {
                    candidates.push(refine(&mut f, bracket, tolerance));
                }
            }
            if candidates.is_empty() {
                let (points, mut brackets) = scan(&mut f, bounds);
                for point in &points {
                    if point.1.abs() < best.1.abs() {
                        best = *point;
                    }
                }
                // Without a tiebreak, the sign change nearest the current scale.
                if tiebreak.is_none() {
                    let distance = |b: &Bracket| (b.0 - x0).abs().min((b.2 - x0).abs());
                    let nearest = brackets
                        .iter()
                        .copied()
                        .min_by(|a, b| distance(a).total_cmp(&distance(b)));
                    brackets = nearest.into_iter().collect();
                }
                for bracket in brackets {
                    candidates.push(refine(&mut f, bracket, tolerance));
                }
                if tiebreak.is_some() {
                    candidates.extend(points.into_iter().filter(|p| near(p.1)));
                }
            }
        }
        let chosen = match &tiebreak {
            Some((tie, tie_target)) if candidates.len() > 1 => {
                let mut scored: Vec<((f64, f64), f64)> = Vec::with_capacity(candidates.len());
                for candidate in candidates {
                    self.apply(fixed, candidate.0.exp());
                    scored.push((candidate, relative(self.measure(tie), *tie_target)));
                }
                // Where the tiebreak cannot tell candidates apart (within 0.001 %), the one
                // nearest the default dispersion (scale 1): the figures say nothing more.
                let least = scored.iter().map(|s| s.1).fold(f64::INFINITY, f64::min);
                scored
                    .into_iter()
                    .filter(|s| s.1 <= least + 1e-5)
                    .min_by(|a, b| a.0 .0.abs().total_cmp(&b.0 .0.abs()))
                    .map_or(best, |(candidate, _)| candidate)
            }
            _ => candidates.first().copied().unwrap_or(best),
        };
        knob.scale = chosen.0.exp();
        self.apply(knob, knob.scale);
        relative(chosen.1 + target, target)
    }
}

/// Solves `a · x = b` by Gaussian elimination with partial pivoting; `None` when singular.
fn solve_linear(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n).max_by(|i, j| a[*i][col].abs().total_cmp(&a[*j][col].abs()))?;
        if a[pivot][col].abs() < 1e-300 || !a[pivot][col].is_finite() {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        let (upper, lower) = a.split_at_mut(col + 1);
        let pivot_row = &upper[col];
        for (offset, row) in lower.iter_mut().enumerate() {
            let factor = row[col] / pivot_row[col];
            for (cell, above) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                *cell -= factor * above;
            }
            b[col + 1 + offset] -= factor * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let sum: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - sum) / a[row][row];
    }
    Some(x)
}

/// Levenberg–Marquardt from `x` within `bounds`: minimises the sum of squares of `residuals`,
/// whose last `n` entries are the pull towards the defaults. `residuals(x, Some(j))` may assume
/// that `x` differs from the last `residuals(_, None)` only in coordinate `j` (a Jacobian column).
/// Returns the point and its residuals.
fn levenberg_marquardt(
    residuals: &mut impl FnMut(&[f64], Option<usize>) -> Vec<f64>,
    mut x: Vec<f64>,
    bounds: &[(f64, f64)],
    n: usize,
) -> (Vec<f64>, Vec<f64>) {
    let cost = |r: &[f64]| r.iter().map(|v| v * v).sum::<f64>();
    let mut r = residuals(&x, None);
    let mut lambda = 1e-3;
    for _ in 0..100 {
        let targets = r.len() - n;
        if r[..targets].iter().all(|v| v.abs() <= 1e-8) {
            break;
        }
        // The Jacobian by forward differences, from the point just evaluated.
        let mut jacobian = vec![vec![0.0; n]; r.len()];
        for j in 0..n {
            let h = 1e-6 * x[j].abs().max(1.0);
            let mut xh = x.clone();
            xh[j] += h;
            let rh = residuals(&xh, Some(j));
            for (i, row) in jacobian.iter_mut().enumerate() {
                row[j] = (rh[i] - r[i]) / h;
            }
        }
        let mut a = vec![vec![0.0; n]; n];
        let mut g = vec![0.0; n];
        for (i, row) in jacobian.iter().enumerate() {
            for j in 0..n {
                g[j] += row[j] * r[i];
                for l in 0..n {
                    a[j][l] += row[j] * row[l];
                }
            }
        }
        let mut improved = false;
        while lambda < 1e12 {
            let mut damped = a.clone();
            for (j, row) in damped.iter_mut().enumerate() {
                row[j] += lambda * (a[j][j] + 1e-12);
            }
            let Some(step) = solve_linear(damped, g.iter().map(|v| -v).collect()) else {
                lambda *= 4.0;
                continue;
            };
            let trial: Vec<f64> = x
                .iter()
                .zip(&step)
                .zip(bounds)
                .map(|((xj, dj), (lo, hi))| (xj + dj).clamp(*lo, *hi))
                .collect();
            let rt = residuals(&trial, None);
            if cost(&rt) < cost(&r) {
                // Stop when a step gains less than a millionth: the pull alone is moving.
                improved = cost(&r) - cost(&rt) > 1e-6 * cost(&r);
                x = trial;
                r = rt;
                lambda = (lambda / 3.0).max(1e-12);
                break;
            }
            lambda *= 4.0;
        }
        // The last point evaluated is the one accepted: the cache holds it for the Jacobian.
        if !improved {
            break;
        }
    }
    (x, r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_system_solves_and_a_singular_one_says_so() {
        let a = vec![
            vec![2.0, 1.0, -1.0],
            vec![-3.0, -1.0, 2.0],
            vec![-2.0, 1.0, 2.0],
        ];
        let x = solve_linear(a, vec![8.0, -11.0, -3.0]).unwrap();
        for (got, want) in x.iter().zip([2.0, 3.0, -1.0]) {
            assert!((got - want).abs() < 1e-12, "{x:?}");
        }
        assert!(solve_linear(vec![vec![1.0, 2.0], vec![2.0, 4.0]], vec![1.0, 2.0]).is_none());
    }

    #[test]
    fn the_root_search_finds_a_root_in_its_bracket() {
        let mut f = |x: f64| x * x * x - 2.0;
        let (x, fx) = refine(&mut f, (0.0, -2.0, 2.0, 6.0), 1e-14);
        assert!((x - 2f64.cbrt()).abs() < 1e-12 && fx.abs() < 1e-12);
        let (points, brackets) = scan(&mut |x: f64| (x - 0.3) * (x + 0.6), (-1.0, 1.0));
        assert_eq!(points.len(), 65);
        assert_eq!(brackets.len(), 2, "two roots, two sign changes");
    }

    #[test]
    fn levenberg_marquardt_fits_two_figures_with_two_levers() {
        // r1 = e^a + b − 3, r2 = a·b − 0.5 ... solved at a = 0.5, b = 1 approximately.
        let mut residuals = |x: &[f64], _: Option<usize>| {
            vec![
                x[0].exp() + x[1] - 3.0,
                x[0] * x[1] - 0.5,
                1e-6 * x[0],
                1e-6 * x[1],
            ]
        };
        let bounds = [(-5.0, 5.0), (-5.0, 5.0)];
        let (x, r) = levenberg_marquardt(&mut residuals, vec![0.0, 0.0], &bounds, 2);
        assert!(r[0].abs() < 1e-7 && r[1].abs() < 1e-7, "{x:?} {r:?}");
    }
}
