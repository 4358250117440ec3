//! Money: yuan held as `Decimal` and rounded to the fen in exactly one function, [`fen`].
//!
//! The distribution maths works in `f64`; [`fen_from_f64`] is the one place where such a number
//! becomes money. Scenario files write money as JSON numbers or strings; [`deserialize`] reads
//! either exactly as written (0.1 stays 0.1, never 0.1000000000000000055) and rounds it to the
//! fen, so that every amount the engine holds has exactly two decimals and every report prints
//! them ("403.00", never "403").

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::de::{self, Deserializer, Unexpected, Visitor};
use std::fmt;
use std::str::FromStr;

/// An amount in yuan (元).
pub type Yuan = Decimal;

/// Zero yuan, written with two decimals ("0.00").
pub const ZERO: Yuan = Decimal::from_parts(0, 0, 0, false, 2);

/// Rounds to the fen (分, 0.01 yuan), half away from zero as in Chinese fund accounting, and
/// always shows two decimals ("403.00").
pub fn fen(amount: Decimal) -> Decimal {
    // An amount already in fen is returned as it is, which is what the rounding below would give.
    if amount.scale() == 2 {
        return amount;
    }
    let mut rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    rounded
}

/// The boundary from the distribution maths to money: an `f64` amount in yuan, rounded to the fen
/// (half away from zero, on the `f64` value of amount × 100). Below 9 × 10^13 yuan this works in
/// whole fen, a quarter of the projection's time less than going through `Decimal::from_f64`.
///
/// Validation bounds every input so that no amount the model computes comes near `Decimal`'s
/// limit (about 7.9 × 10^28) or leaves the finite `f64`s (`docs/model.md` §7: every money input
/// is bounded at 10^12 yuan); the fuzz harness checks it. A non-finite amount is therefore a bug,
/// caught by the debug assertion in tests.
pub fn fen_from_f64(amount: f64) -> Decimal {
    debug_assert!(
        amount.is_finite() && amount.abs() < 1e27,
        "an amount the bounds should have excluded: {amount}"
    );
    let cents = (amount * 100.0).round();
    if cents.abs() < 9.0e15 {
        Decimal::new(cents as i64, 2)
    } else {
        Decimal::from_f64(amount).map(fen).unwrap_or(ZERO)
    }
}

/// [`fen_from_f64`]'s rounding kept in `f64`, for the batch projection (`model::batch`), which
/// follows the ledger's amounts per head to the fen without leaving `f64`.
pub fn fen_in_f64(amount: f64) -> f64 {
    (amount * 100.0).round() / 100.0
}

/// An `f64` rate or factor as the decimal a person wrote (0.03 stays 0.03): Rust prints the
/// shortest text that reads back as the same `f64`, and that text is parsed as a decimal.
pub fn decimal_from_f64(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    shortest_decimal(value).or_else(|| Decimal::from_str(&value.to_string()).ok())
}

/// Exact powers of ten as `f64` (every one up to 10^22 is exact).
const POW10_F64: [f64; 20] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19,
];

/// The shortest decimal that reads back as `value`, found without printing it: the first `n`
/// for which the whole number `k` nearest `value × 10^n` gives back `value` as `k / 10^n`.
///
/// Why it is what `value.to_string()` prints: the division of two exact `f64`s is correctly
/// rounded, like reading decimal text, so `k / 10^n == value` says that `k·10^-n` reads back as
/// `value`. While `|k| < 2^40`, the `f64`s that read back as `value` span less than a thousandth
/// of `10^-n`, so at most one multiple of `10^-n` does, `k` is found by rounding, and the first
/// `n` that works has the fewest digits: the one Rust prints. Beyond 2^40 (or zero, whose sign
/// the printing keeps), `None`, and the caller prints. A test checks it against printing.
fn shortest_decimal(value: f64) -> Option<Decimal> {
    const LIMIT: f64 = (1u64 << 40) as f64;
    if value == 0.0 {
        return None;
    }
    for (n, scale) in POW10_F64.iter().enumerate().take(16) {
        let k = (value * scale).round();
        if k.abs() >= LIMIT {
            return None;
        }
        if k / scale == value {
            return Some(Decimal::new(k as i64, n as u32));
        }
    }
    None
}

/// An amount typed or edited as an `f64`, as money: the decimal a person wrote, to the fen.
/// `None` when it is not a finite number `Decimal` can hold.
pub fn from_f64(value: f64) -> Option<Yuan> {
    decimal_from_f64(value).map(fen)
}

/// `count × per_head` to the fen: what a number of enrollees pay or cost at an amount a head.
/// (A product with zero would otherwise lose its two decimals.)
pub fn times(count: u64, per_head: Yuan) -> Yuan {
    // A positive amount in fen times a count is a whole number of fen: 64-bit arithmetic gives
    // the product `Decimal` would, several times faster (and far faster in wasm).
    if per_head.scale() == 2 && per_head.is_sign_positive() {
        let product = i64::try_from(per_head.mantissa())
            .ok()
            .zip(i64::try_from(count).ok())
            .and_then(|(fen, count)| fen.checked_mul(count));
        if let Some(product) = product {
            return Decimal::new(product, 2);
        }
    }
    fen(Decimal::from(count) * per_head)
}

/// `a + b`, exactly as `Decimal` adds (see [`add_in_fen`]).
#[inline]
pub fn plus(a: Yuan, b: Yuan) -> Yuan {
    add_in_fen(a, b, false).unwrap_or_else(|| decimal_sum(a, b, false))
}

/// `a − b`, exactly as `Decimal` subtracts (see [`add_in_fen`]).
#[inline]
pub fn minus(a: Yuan, b: Yuan) -> Yuan {
    add_in_fen(a, b, true).unwrap_or_else(|| decimal_sum(a, b, true))
}

/// `Decimal`'s own sum or difference, out of line: rarely needed.
#[cold]
#[inline(never)]
fn decimal_sum(a: Yuan, b: Yuan, subtract: bool) -> Yuan {
    if subtract {
        a - b
    } else {
        a + b
    }
}

/// `a ± b` for two amounts in fen, in 64-bit whole fen: the ledger adds and subtracts a few
/// dozen amounts a year, and `Decimal` spends most of the model's non-maths time on them. The
/// result is `Decimal`'s to the bit, the sign of a zero included: `Decimal` returns a zero
/// operand's partner as it is (negated for `0 − b`) and writes an exact zero as `+0.00` (a test
/// checks every case against it).
#[inline]
fn add_in_fen(a: Yuan, b: Yuan, subtract: bool) -> Option<Yuan> {
    let (x, y) = (in_fen(a)?, in_fen(b)?);
    if x == 0 {
        return Some(if subtract && y != 0 { -b } else { b });
    }
    if y == 0 {
        return Some(a);
    }
    let result = if subtract {
        x.checked_sub(y)?
    } else {
        x.checked_add(y)?
    };
    Some(Decimal::new(result, 2))
}

/// The amount in whole fen, when it has two decimals and fits in 64 bits.
#[inline]
fn in_fen(amount: Yuan) -> Option<i64> {
    let (negative, scale, magnitude) = parts(amount)?;
    (scale == 2).then_some(if negative { -magnitude } else { magnitude })
}

/// A non-negative amount in whole fen, when it has two decimals and fits in 64 bits.
#[inline]
fn positive_fen(amount: Yuan) -> Option<i64> {
    match parts(amount)? {
        (false, 2, magnitude) => Some(magnitude),
        _ => None,
    }
}

/// Sign, scale and magnitude of a decimal whose magnitude fits in 63 bits, read from its
/// 16-byte form (flags, then the low, middle and high words) without 128-bit arithmetic.
#[inline(always)]
fn parts(amount: Decimal) -> Option<(bool, u32, i64)> {
    let bytes = amount.serialize();
    let word = |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    let (flags, lo, mid, hi) = (word(0), word(4), word(8), word(12));
    if hi != 0 || mid >= 1 << 31 {
        return None;
    }
    let magnitude = (i64::from(mid) << 32) | i64::from(lo);
    Some((flags >> 31 == 1, (flags >> 16) & 0xff, magnitude))
}

/// `fen(rate × amount)` for a non-negative rate and amount: the product of the mantissas rounded
/// half away from zero to the fen in integers, which is what `Decimal`'s exact product and
/// [`fen`] give; otherwise exactly that.
pub fn fen_of_product(rate: Decimal, amount: Yuan) -> Yuan {
    let scale = rate.scale() + amount.scale();
    if !(rate.is_sign_positive() && amount.is_sign_positive() && (3..=20).contains(&scale)) {
        return fen(rate * amount);
    }
    let (Some(r), Some(a)) = (small(rate), small(amount)) else {
        return fen(rate * amount);
    };
    let divisor = POW10[(scale - 2) as usize];
    // In 64 bits when the product fits (a rate of a few digits times a fund's income does).
    let rounded = match r.checked_mul(a).and_then(|p| p.checked_add(divisor / 2)) {
        Some(product) => u128::from(product / divisor),
        None => (u128::from(r) * u128::from(a) + u128::from(divisor / 2)) / u128::from(divisor),
    };
    match i64::try_from(rounded) {
        Ok(fen) => Decimal::new(fen, 2),
        Err(_) => self::fen(rate * amount),
    }
}

/// The mantissa of a non-negative decimal, when it fits in 64 bits.
#[inline]
fn small(amount: Decimal) -> Option<u64> {
    u64::try_from(amount.mantissa()).ok()
}

/// A running sum of money, to the fen. Non-negative amounts with two decimals (every line of the
/// ledger) are added as whole fen in 64 bits, which gives exactly the `Decimal` sum several times
/// faster; anything else is added as `Decimal`.
#[derive(Debug, Clone, Copy)]
pub struct Sum {
    fen: i64,
    rest: Option<Decimal>,
}

impl Default for Sum {
    fn default() -> Sum {
        Sum::new()
    }
}

impl Sum {
    pub const fn new() -> Sum {
        Sum { fen: 0, rest: None }
    }

    #[inline]
    pub fn add(&mut self, amount: Yuan) {
        match positive_fen(amount).and_then(|m| self.fen.checked_add(m)) {
            Some(next) => self.fen = next,
            None => self.add_decimal(amount),
        }
    }

    /// The rare amount that is not a non-negative sum of fen, kept out of line so that [`add`]
    /// stays a few instructions.
    #[cold]
    #[inline(never)]
    fn add_decimal(&mut self, amount: Yuan) {
        self.rest = Some(self.rest.unwrap_or(ZERO) + amount);
    }

    /// The sum; `0.00` when nothing was added.
    pub fn value(self) -> Yuan {
        let whole = Decimal::new(self.fen, 2);
        match self.rest {
            Some(rest) => rest + whole,
            None => whole,
        }
    }
}

/// The sum of amounts, to the fen (see [`Sum`]). An empty sum is `0.00`.
pub fn total(amounts: impl IntoIterator<Item = Yuan>) -> Yuan {
    let mut sum = Sum::new();
    for amount in amounts {
        sum.add(amount);
    }
    sum.value()
}

/// Powers of ten that fit in 64 bits, for [`to_f64`].
const POW10: [u64; 20] = {
    let mut table = [1u64; 20];
    let mut i = 1;
    while i < 20 {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// Money into the `f64` world of the distribution maths.
///
/// The same figure as `rust_decimal`'s `to_f64`, to the bit (a test checks it), without its
/// 128-bit arithmetic, which wasm emulates slowly. `rust_decimal` adds the integral part and the
/// fraction over 10^scale, multiplies by 10^scale, rounds to a whole number and divides again.
/// For a mantissa `m` below 2^50 the rounding gives back `m` exactly (the error of the sum is far
/// below a half), so the figure is `m / 10^scale`, one correctly rounded division. Larger
/// mantissas take `rust_decimal`'s steps in 64 bits, or in its own 128.
#[inline]
pub fn to_f64(amount: Decimal) -> f64 {
    if let Some((negative, scale, mantissa)) = parts(amount) {
        if mantissa < 1 << 50 && (1..20).contains(&scale) {
            let value = mantissa as f64 / POW10_F64[scale as usize];
            return if negative { -value } else { value };
        }
    }
    to_f64_in_steps(amount)
}

/// [`to_f64`] for the other amounts: `rust_decimal`'s steps.
#[cold]
#[inline(never)]
fn to_f64_in_steps(amount: Decimal) -> f64 {
    let scale = amount.scale() as usize;
    let magnitude = amount.mantissa().unsigned_abs();
    let (Ok(mantissa), Some(&precision)) = (u64::try_from(magnitude), POW10.get(scale)) else {
        return amount.to_f64().unwrap_or(0.0);
    };
    let negative = amount.is_sign_negative();
    if scale == 0 {
        // `rust_decimal` converts the signed integer, so a negative zero becomes +0.0.
        let value = mantissa as f64;
        return if negative && mantissa != 0 {
            -value
        } else {
            value
        };
    }
    let value = if mantissa < 1 << 50 {
        mantissa as f64 / POW10_F64[scale]
    } else {
        let integral = (mantissa / precision) as f64;
        let fraction = (mantissa % precision) as f64 / precision as f64;
        if fraction == 0.0 {
            integral
        } else {
            let round_to = 10f64.powi(scale as i32);
            ((integral + fraction) * round_to).round() / round_to
        }
    };
    if negative {
        -value
    } else {
        value
    }
}

/// `numerator / denominator` as a plain `f64` ratio; zero when the denominator is zero.
pub fn ratio(numerator: Decimal, denominator: Decimal) -> f64 {
    if denominator.is_zero() {
        0.0
    } else {
        to_f64(numerator) / to_f64(denominator)
    }
}

/// Reads money written as a JSON number (`403`, `59.45`) or a decimal string (`"59.45"`),
/// rounded to the fen. A form that does not describe itself ([`crate::base::compact`]) holds the
/// decimal string `Decimal` writes.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    if deserializer.is_human_readable() {
        deserializer.deserialize_any(MoneyVisitor)
    } else {
        deserializer.deserialize_str(MoneyVisitor)
    }
}

/// [`deserialize`] for optional money: `null` or absent is `None`.
pub fn deserialize_option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Decimal>, D::Error> {
    struct OptionVisitor;
    impl<'de> Visitor<'de> for OptionVisitor {
        type Value = Option<Decimal>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an amount in yuan or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            deserialize(d).map(Some)
        }
    }
    deserializer.deserialize_option(OptionVisitor)
}

struct MoneyVisitor;

impl Visitor<'_> for MoneyVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an amount in yuan (a number such as 403 or 59.45)")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(fen(Decimal::from(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(fen(Decimal::from(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        from_f64(v).ok_or_else(|| E::invalid_value(Unexpected::Float(v), &self))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        let trimmed = v.trim();
        // Plain decimal notation only: "59.45", "-12", "1.5e3". Separators, units and
        // full-width digits are refused with a hint (see `problem`).
        let plain = !trimmed.is_empty()
            && trimmed
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
        plain
            .then(|| Decimal::from_str(trimmed).or_else(|_| Decimal::from_scientific(trimmed)))
            .and_then(Result::ok)
            .map(fen)
            .ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Result<Decimal, serde_json::Error> {
        deserialize(&mut serde_json::Deserializer::from_str(s))
    }

    #[test]
    fn fen_rounds_half_away_from_zero_and_shows_two_decimals() {
        assert_eq!(fen(Decimal::new(12345, 3)).to_string(), "12.35");
        assert_eq!(fen(Decimal::new(-12345, 3)).to_string(), "-12.35");
        assert_eq!(fen(Decimal::new(12344, 3)).to_string(), "12.34");
        assert_eq!(fen(Decimal::from(403)).to_string(), "403.00");
        assert_eq!(ZERO.to_string(), "0.00");
    }

    #[test]
    fn fen_from_f64_rounds_to_whole_fen() {
        assert_eq!(fen_from_f64(1234.5678).to_string(), "1234.57");
        assert_eq!(fen_from_f64(-0.125).to_string(), "-0.13");
        assert_eq!(fen_from_f64(0.0).to_string(), "0.00");
        assert_eq!(fen_from_f64(1.0e14).to_string(), "100000000000000.00");
        assert_eq!(fen_from_f64(1.0e20).to_string(), "100000000000000000000.00");
    }

    #[test]
    fn money_reads_exactly_as_written_and_to_the_fen() {
        assert_eq!(read("0.1").unwrap().to_string(), "0.10");
        assert_eq!(read("59.45").unwrap().to_string(), "59.45");
        assert_eq!(
            read("\"1895000000.00\"").unwrap().to_string(),
            "1895000000.00"
        );
        assert_eq!(read("403").unwrap().to_string(), "403.00");
        assert_eq!(read("\"1.5e3\"").unwrap().to_string(), "1500.00");
        assert_eq!(
            read("1234.5678901234567890123456789012345678901")
                .unwrap()
                .to_string(),
            "1234.57"
        );
        for bad in [
            "\"abc\"",
            "\"4,600,000\"",
            "\"75%\"",
            "\"６０\"",
            "\"\"",
            "true",
        ] {
            assert!(read(bad).is_err(), "{bad} is not money");
        }
    }

    /// `to_f64` against `rust_decimal`'s own conversion, bit for bit, over scales, signs and sizes
    /// (the 128-bit fallback included).
    #[test]
    fn to_f64_is_rust_decimals_conversion_to_the_bit() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for i in 0..200_000u32 {
            let bits = next();
            let mantissa: i128 = match i % 4 {
                0 => (bits % 1_000_000_000_000) as i128,
                1 => (bits >> (bits % 64)) as i128,
                2 => bits as i128 * (next() % 1_000_000) as i128,
                _ => (bits % 100) as i128,
            };
            let mantissa = if next() % 3 == 0 { -mantissa } else { mantissa };
            let scale = (next() % 29) as u32;
            let amount = Decimal::from_i128_with_scale(mantissa, scale);
            let ours = to_f64(amount);
            let theirs = amount.to_f64().unwrap();
            assert_eq!(
                ours.to_bits(),
                theirs.to_bits(),
                "{amount:?}: {ours} vs {theirs}"
            );
        }
        let negative_zero = Decimal::from_parts(0, 0, 0, true, 0);
        assert_eq!(to_f64(negative_zero).to_bits(), 0.0f64.to_bits());
    }

    #[test]
    fn sums_and_products_in_fen_equal_decimal_arithmetic() {
        let amounts = [
            Decimal::new(12345, 2),
            Decimal::new(1, 2),
            ZERO,
            Decimal::new(99, 2),
        ];
        let by_decimal: Decimal = amounts.iter().copied().sum::<Decimal>() + ZERO;
        assert_eq!(total(amounts).to_string(), by_decimal.to_string());
        assert_eq!(total([]).to_string(), "0.00");
        // A negative amount or another scale falls back to `Decimal`, with the same result.
        let mixed = [
            Decimal::new(-5, 2),
            Decimal::new(15, 1),
            Decimal::new(100, 2),
        ];
        assert_eq!(total(mixed).to_string(), "2.45");
        assert_eq!(
            times(4_420_000, Decimal::new(42000, 2)).to_string(),
            "1856400000.00"
        );
        assert_eq!(times(3, ZERO).to_string(), "0.00");
        assert_eq!(times(3, Decimal::new(-1, 2)).to_string(), "-0.03");
        assert_eq!(fen(Decimal::new(40300, 2)).to_string(), "403.00");
    }

    /// The fast shortest decimal against printing and parsing, over decimals people write, over
    /// arbitrary `f64`s, and near powers of ten and of two.
    #[test]
    fn decimal_from_f64_is_what_printing_gives() {
        let by_printing = |v: f64| Decimal::from_str(&v.to_string()).ok();
        let mut seed: u64 = 0x1234_5678_9abc_def1;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut values = vec![
            0.0,
            -0.0,
            0.1 + 0.2,
            1e15,
            1e16,
            2f64.powi(40),
            5e-324,
            1e-7,
        ];
        for i in 0..300_000u64 {
            let r = next();
            let v = match i % 5 {
                0 => (r % 10_000_000_000) as f64 / POW10_F64[(next() % 13) as usize],
                1 => f64::from_bits(r) % 1e13,
                2 => (r % 1_000_000) as f64 * 0.01,
                3 => {
                    POW10_F64[(r % 20) as usize]
                        * (1.0 + ((next() % 5) as f64 - 2.0) * f64::EPSILON)
                }
                _ => 2f64.powi((r % 80) as i32 - 40) * (1.0 + (next() % 3) as f64 * f64::EPSILON),
            };
            values.push(if next() % 2 == 0 { v } else { -v });
        }
        for v in values.into_iter().filter(|v| v.is_finite()) {
            let ours = decimal_from_f64(v).unwrap();
            let theirs = by_printing(v).unwrap();
            assert_eq!(
                (ours.mantissa(), ours.scale(), ours.is_sign_negative()),
                (theirs.mantissa(), theirs.scale(), theirs.is_sign_negative()),
                "{v:e}"
            );
        }
    }

    /// The fen shortcuts against `Decimal`'s own arithmetic: value, scale and sign of zero.
    #[test]
    fn shortcuts_give_decimals_own_results() {
        let same = |a: Decimal, b: Decimal| {
            (a.mantissa(), a.scale(), a.is_sign_negative())
                == (b.mantissa(), b.scale(), b.is_sign_negative())
        };
        let mut seed: u64 = 0xdead_beef_1234_5678;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let amount = |next: &mut dyn FnMut() -> u64| {
            let mantissa = match next() % 6 {
                0 => 0,
                1 => (next() % 1000) as i64,
                2 => (next() % 1_000_000_000_000) as i64,
                3 => (1i64 << 32) - 2 + (next() % 4) as i64,
                4 => (next() % 3) as i64 + 5,
                _ => (next() >> 1) as i64,
            };
            let sign = if next() % 3 == 0 { -1 } else { 1 };
            let scale = [2, 2, 2, 0, 1, 3, 6][(next() % 7) as usize];
            Decimal::new(sign * mantissa, scale)
        };
        let negative_zero = -Decimal::new(0, 2);
        for i in 0..400_000 {
            let (a, b) = match i {
                0 => (negative_zero, negative_zero),
                1 => (negative_zero, ZERO),
                2 => (ZERO, negative_zero),
                3 => (Decimal::new(-5, 2), Decimal::new(-5, 2)),
                4 => (Decimal::new(-5, 2), Decimal::new(5, 2)),
                _ => (amount(&mut next), amount(&mut next)),
            };
            assert!(same(plus(a, b), a + b), "{a:?} + {b:?}");
            assert!(same(minus(a, b), a - b), "{a:?} - {b:?}");
            if let Some(product) = a.checked_mul(b) {
                assert!(same(fen_of_product(a, b), fen(product)), "{a:?} × {b:?}");
            }
        }
    }

    #[test]
    fn rates_become_the_decimal_a_person_wrote() {
        assert_eq!(decimal_from_f64(0.03).unwrap().to_string(), "0.03");
        assert_eq!(
            decimal_from_f64(0.1 + 0.2).unwrap().to_string(),
            "0.30000000000000004"
        );
        assert_eq!(decimal_from_f64(f64::NAN), None);
        assert_eq!(from_f64(1e30), None);
        assert_eq!(from_f64(12.345).unwrap().to_string(), "12.35");
    }
}
