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
    let mut rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    rounded
}

/// The boundary from the distribution maths to money: an `f64` amount in yuan, rounded to the fen
/// (half away from zero, on the `f64` value of amount × 100). Below 9 × 10^13 yuan this works in
/// whole fen, a quarter of the projection's time less than going through `Decimal::from_f64`.
///
/// Validation bounds every input so that no amount the model computes comes near `Decimal`'s
/// limit (about 7.9 × 10^28) or leaves the finite `f64`s (README, "Bounds"); the fuzz harness
/// checks it. A non-finite amount is therefore a bug, caught by the debug assertion in tests.
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

/// An `f64` rate or factor as the decimal a person wrote (0.03 stays 0.03): Rust prints the
/// shortest text that reads back as the same `f64`, and that text is parsed as a decimal.
pub fn decimal_from_f64(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    Decimal::from_str(&value.to_string()).ok()
}

/// An amount typed or edited as an `f64`, as money: the decimal a person wrote, to the fen.
/// `None` when it is not a finite number `Decimal` can hold.
pub fn from_f64(value: f64) -> Option<Yuan> {
    decimal_from_f64(value).map(fen)
}

/// `count × per_head` to the fen: what a number of enrollees pay or cost at an amount a head.
/// (A product with zero would otherwise lose its two decimals.)
pub fn times(count: u64, per_head: Yuan) -> Yuan {
    fen(Decimal::from(count) * per_head)
}

/// Money into the `f64` world of the distribution maths.
pub fn to_f64(amount: Decimal) -> f64 {
    amount.to_f64().unwrap_or(0.0)
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
/// rounded to the fen.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    deserializer.deserialize_any(MoneyVisitor)
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
