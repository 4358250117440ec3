//! Lognormal claim sizes and the limited expected values that price a deductible, a ratio and a
//! cap exactly (Klugman, Panjer & Willmot, *Loss Models*, the lognormal and "limited loss" layers).
//!
//! Everything here is `f64`: probabilities are not money. See `money` for the boundary.
//! Logarithms and exponentials come from the pure-Rust `libm`, not the platform's maths library,
//! so that the browser (wasm32) and the CLI (native) compute bit-identical figures.

use std::f64::consts::SQRT_2;

/// The standard normal distribution function Φ, from `erfc` (libm) rather than a series of our own.
pub fn standard_normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / SQRT_2)
}

/// 1 − Φ(x), computed directly so that the upper tail keeps its precision.
fn standard_normal_survival(x: f64) -> f64 {
    0.5 * libm::erfc(x / SQRT_2)
}

/// The cost of one claim (a visit, an admission): lognormal with a mean and a coefficient of
/// variation. A coefficient of 0 means every claim costs exactly the mean.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClaimSize {
    mean: f64,
    mu: f64,
    sigma: f64,
    sigma_squared: f64,
}

impl ClaimSize {
    /// `mean` > 0 and `cv` >= 0 (a validated scenario guarantees both); a mean of 0 is allowed
    /// and describes a line with no cost.
    pub fn new(mean: f64, cv: f64) -> ClaimSize {
        let shape = Shape::new(cv);
        ClaimSize {
            mean,
            mu: shape.mu(libm::log(mean)),
            sigma: shape.sigma,
            sigma_squared: shape.sigma_squared,
        }
    }

    pub fn mean(&self) -> f64 {
        self.mean
    }

    fn is_degenerate(&self) -> bool {
        self.sigma == 0.0 || self.mean <= 0.0
    }

    /// The limited expected value E[min(X, u)]:
    /// `m Φ((ln u − μ − σ²)/σ) + u (1 − Φ((ln u − μ)/σ))`, with LEV(0) = 0 and LEV(∞) = m.
    pub fn limited_expected_value(&self, limit: f64) -> f64 {
        if limit <= 0.0 || self.mean <= 0.0 {
            return 0.0;
        }
        if limit == f64::INFINITY {
            return self.mean;
        }
        if self.is_degenerate() {
            return self.mean.min(limit);
        }
        let z = (libm::log(limit) - self.mu) / self.sigma;
        self.mean * standard_normal_cdf(z - self.sigma) + limit * standard_normal_survival(z)
    }

    /// P(X > u): the share of claims that exceed `u` (a deductible, say).
    pub fn survival(&self, limit: f64) -> f64 {
        if limit <= 0.0 {
            return if self.mean > 0.0 { 1.0 } else { 0.0 };
        }
        if self.is_degenerate() {
            return if self.mean > limit { 1.0 } else { 0.0 };
        }
        standard_normal_survival((libm::log(limit) - self.mu) / self.sigma)
    }

    #[cfg(test)]
    pub(crate) fn density(&self, x: f64) -> f64 {
        if x <= 0.0 {
            return 0.0;
        }
        let z = (x.ln() - self.mu) / self.sigma;
        (-0.5 * z * z).exp() / (x * self.sigma * (2.0 * std::f64::consts::PI).sqrt())
    }

    #[cfg(test)]
    pub(crate) fn sigma_squared(&self) -> f64 {
        self.sigma_squared
    }
}

/// One benefit layer: the scheme pays `ratio` of the eligible cost above `deductible`,
/// at most `cap` per claim (`None`: no cap).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layer {
    pub deductible: f64,
    pub ratio: f64,
    pub cap: Option<f64>,
}

/// The shape of a lognormal claim size, from its coefficient of variation `c`:
/// `σ² = ln(1 + c²)` and `σ`. It does not depend on the mean, so a projection, whose means grow
/// every year, computes it once per line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    sigma_squared: f64,
    sigma: f64,
}

impl Shape {
    pub fn new(cv: f64) -> Shape {
        let sigma_squared = libm::log(1.0 + cv * cv);
        Shape {
            sigma_squared,
            sigma: sigma_squared.sqrt(),
        }
    }

    /// `μ = ln m − σ²/2` from `ln m`.
    fn mu(&self, ln_mean: f64) -> f64 {
        ln_mean - self.sigma_squared / 2.0
    }
}

/// The last logarithm taken, kept for the next call: a deductible or a ceiling stays the same
/// from year to year unless the scenario indexes it (and a mean when costs do not grow), so a
/// projection takes each logarithm once instead of once a year. Same input, same `libm::log`.
#[derive(Debug, Clone, Copy)]
pub struct LnMemo {
    of: f64,
    ln: f64,
}

impl Default for LnMemo {
    fn default() -> LnMemo {
        LnMemo {
            of: f64::NAN,
            ln: f64::NAN,
        }
    }
}

impl LnMemo {
    pub fn ln(&mut self, x: f64) -> f64 {
        if x.to_bits() != self.of.to_bits() {
            self.of = x;
            self.ln = libm::log(x);
        }
        self.ln
    }
}

/// The logarithms one line keeps across years: of the eligible mean, the deductible and the top
/// of the layer.
#[derive(Debug, Clone, Copy, Default)]
pub struct LayerMemo {
    mean: LnMemo,
    deductible: LnMemo,
    top: LnMemo,
}

/// What one layer pays on one claim size: the mean benefit, and the share of claims that get a
/// benefit, P(Y > d) (0 when the layer pays nothing).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayerPrice {
    pub mean_benefit: f64,
    pub paid_share: f64,
}

/// [`expected_benefit`] and, when it is positive, [`ClaimSize::survival`] at the deductible, for
/// eligible cost of mean `mean` and shape `shape`: exactly the same operations, but the normal
/// tail at the deductible is computed once for both (it is the same `z`), `ln m` only when a
/// finite limit needs it, and logarithms are remembered in `memo` across years.
pub fn price_layer(mean: f64, shape: &Shape, layer: &Layer, memo: &mut LayerMemo) -> LayerPrice {
    const NOTHING: LayerPrice = LayerPrice {
        mean_benefit: 0.0,
        paid_share: 0.0,
    };
    if layer.ratio <= 0.0 || mean <= 0.0 {
        return NOTHING;
    }
    let degenerate = shape.sigma == 0.0;
    let mut mu = None;
    // `z = (ln u − μ)/σ`, and the two terms of LEV(u) = m Φ(z − σ) + u (1 − Φ(z)).
    let mut lev_and_tail = |limit: f64, ln: &mut LnMemo, ln_mean: &mut LnMemo| -> (f64, f64) {
        let mu = *mu.get_or_insert_with(|| shape.mu(ln_mean.ln(mean)));
        let z = (ln.ln(limit) - mu) / shape.sigma;
        let tail = standard_normal_survival(z);
        (
            mean * standard_normal_cdf(z - shape.sigma) + limit * tail,
            tail,
        )
    };
    let d = layer.deductible;
    let (lev_deductible, tail_deductible) = if d <= 0.0 {
        (0.0, 1.0)
    } else if degenerate {
        (mean.min(d), if mean > d { 1.0 } else { 0.0 })
    } else {
        lev_and_tail(d, &mut memo.deductible, &mut memo.mean)
    };
    let upper = match layer.cap {
        Some(cap) => d + cap / layer.ratio,
        None => f64::INFINITY,
    };
    let lev_upper = if upper <= 0.0 {
        0.0
    } else if upper == f64::INFINITY {
        mean
    } else if degenerate {
        mean.min(upper)
    } else {
        lev_and_tail(upper, &mut memo.top, &mut memo.mean).0
    };
    let mean_benefit = (layer.ratio * (lev_upper - lev_deductible)).max(0.0);
    LayerPrice {
        mean_benefit,
        paid_share: if mean_benefit > 0.0 {
            tail_deductible
        } else {
            0.0
        },
    }
}

/// E[min(C, r · max(0, Y − d))] = r · (LEV(d + C/r) − LEV(d)) for eligible cost `Y`.
pub fn expected_benefit(eligible: &ClaimSize, layer: &Layer) -> f64 {
    if layer.ratio <= 0.0 || eligible.mean() <= 0.0 {
        return 0.0;
    }
    let upper = match layer.cap {
        Some(cap) => layer.deductible + cap / layer.ratio,
        None => f64::INFINITY,
    };
    let benefit = layer.ratio
        * (eligible.limited_expected_value(upper)
            - eligible.limited_expected_value(layer.deductible));
    // Rounding in the two LEVs can leave a benefit of -1e-13 when the layer is empty.
    benefit.max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ∫ g(x) f(x) dx by Simpson's rule on ln x, split at `kinks` so that each piece is smooth:
    /// the reference the closed forms are checked against.
    fn integrate(claim: &ClaimSize, kinks: &[f64], g: impl Fn(f64) -> f64) -> f64 {
        let (lo, hi) = (claim.mu - 12.0 * claim.sigma, claim.mu + 12.0 * claim.sigma);
        let mut points = vec![lo];
        points.extend(kinks.iter().map(|k| k.ln()).filter(|k| *k > lo && *k < hi));
        points.push(hi);
        points.sort_by(f64::total_cmp);
        let f = |y: f64| {
            let x = y.exp();
            g(x) * claim.density(x) * x
        };
        let steps = 4_000;
        points
            .windows(2)
            .map(|w| {
                let h = (w[1] - w[0]) / steps as f64;
                let mut sum = f(w[0]) + f(w[1]);
                for i in 1..steps {
                    sum += f(w[0] + i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 };
                }
                sum * h / 3.0
            })
            .sum()
    }

    fn lev_by_integration(claim: &ClaimSize, limit: f64) -> f64 {
        integrate(claim, &[limit], |x| x.min(limit))
    }

    #[test]
    fn lev_matches_numerical_integration() {
        for &(mean, cv) in &[(59.45, 1.2), (9002.0, 1.5), (3000.0, 0.5), (20000.0, 2.5)] {
            let claim = ClaimSize::new(mean, cv);
            for &limit in &[0.1 * mean, 0.5 * mean, mean, 3.0 * mean, 20.0 * mean] {
                let closed = claim.limited_expected_value(limit);
                let numeric = lev_by_integration(&claim, limit);
                assert!(
                    (closed - numeric).abs() <= 1e-9 * mean,
                    "mean {mean} cv {cv} limit {limit}: closed {closed} numeric {numeric}"
                );
            }
        }
    }

    /// The fast path prices a layer with the very operations of the plain formulas: same bits.
    #[test]
    fn price_layer_is_expected_benefit_and_survival_to_the_bit() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut uniform = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for i in 0..50_000 {
            let mean = [0.0, 1e-3, 5.0, 60.0, 9000.0, 1e6][i % 6] * (0.5 + uniform());
            let cv = if i % 7 == 0 { 0.0 } else { 3.0 * uniform() };
            let layer = Layer {
                deductible: if i % 3 == 0 {
                    0.0
                } else {
                    2.0 * mean * uniform()
                },
                ratio: if i % 11 == 0 { 0.0 } else { uniform() },
                cap: (i % 2 == 0).then(|| mean * 5.0 * uniform()),
            };
            let claim = ClaimSize::new(mean, cv);
            let benefit = expected_benefit(&claim, &layer);
            let paid = if benefit > 0.0 {
                claim.survival(layer.deductible)
            } else {
                0.0
            };
            let mut memo = LayerMemo::default();
            // Twice with one memo: the remembered logarithms give the same figures.
            for _ in 0..2 {
                let price = price_layer(mean, &Shape::new(cv), &layer, &mut memo);
                assert_eq!(
                    price.mean_benefit.to_bits(),
                    benefit.to_bits(),
                    "{mean} {cv} {layer:?}"
                );
                assert_eq!(
                    price.paid_share.to_bits(),
                    paid.to_bits(),
                    "{mean} {cv} {layer:?}"
                );
            }
        }
    }

    #[test]
    fn lev_limits() {
        let claim = ClaimSize::new(9002.0, 1.5);
        assert_eq!(claim.limited_expected_value(0.0), 0.0);
        assert_eq!(claim.limited_expected_value(f64::INFINITY), 9002.0);
        assert!((claim.limited_expected_value(1e12) - 9002.0).abs() < 1e-6);
        assert!((claim.sigma_squared() - (1.0f64 + 2.25).ln()).abs() < 1e-15);
    }

    #[test]
    fn degenerate_claims_cost_the_mean() {
        let claim = ClaimSize::new(100.0, 0.0);
        assert_eq!(claim.limited_expected_value(40.0), 40.0);
        assert_eq!(claim.limited_expected_value(400.0), 100.0);
        let layer = Layer {
            deductible: 20.0,
            ratio: 0.5,
            cap: Some(30.0),
        };
        assert_eq!(expected_benefit(&claim, &layer), 30.0);
        let layer = Layer {
            deductible: 20.0,
            ratio: 0.5,
            cap: None,
        };
        assert_eq!(expected_benefit(&claim, &layer), 40.0);
        assert_eq!(claim.survival(99.0), 1.0);
        assert_eq!(claim.survival(100.0), 0.0);
    }

    #[test]
    fn survival_is_one_minus_cdf() {
        let claim = ClaimSize::new(1000.0, 1.0);
        let median = claim.mu.exp();
        assert!((claim.survival(median) - 0.5).abs() < 1e-12);
        assert!((standard_normal_cdf(1.959963984540054) - 0.975).abs() < 1e-12);
    }

    #[test]
    fn benefit_layer_matches_integration_of_the_payment_rule() {
        // E[min(C, r (Y - d)+)] integrated directly, against the closed form.
        let claim = ClaimSize::new(6000.0, 1.3);
        let layer = Layer {
            deductible: 800.0,
            ratio: 0.7,
            cap: Some(50_000.0),
        };
        let pay = |x: f64| (layer.ratio * (x - layer.deductible).max(0.0)).min(50_000.0);
        let kinks = [layer.deductible, layer.deductible + 50_000.0 / layer.ratio];
        let numeric = integrate(&claim, &kinks, pay);
        let closed = expected_benefit(&claim, &layer);
        assert!(
            (closed - numeric).abs() < 1e-4,
            "closed {closed} numeric {numeric}"
        );
    }
}
