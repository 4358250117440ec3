//! How a text typed into a parameter's box reads as a number: the pure part of the number field,
//! tested natively. Shares are typed in percent and sent as fractions; nothing typed passes
//! silently wrong: "90" and "90%" are 90 %, "0.9" in a percent box could be 0.9 % or 90 % and is
//! asked about, a value far beyond real funds' span is confirmed first, and full-width digits and
//! thousands separators (as Chinese input methods and spreadsheets write them) read as the number
//! they are.

use crate::state::fields::Field;
use ncms_sim::figure::Unit;
use ncms_sim::money::decimal_from_f64;
use rust_decimal::Decimal;
use std::str::FromStr;

/// What a typed text means for a field.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Typed {
    /// A value to apply (the stored unit: a fraction for shares).
    Value(f64),
    /// Emptied: no value (for optional fields).
    Empty,
    /// A percent box got a number below 1 that is also a usual fraction: 0.9 % or 90 %?
    Ask {
        as_percent: f64,
        as_fraction: f64,
    },
    /// A value far from the usual: apply only when confirmed.
    Confirm(f64),
    NotANumber,
}

/// Full-width digits and signs as ASCII, thousands separators dropped.
pub fn normalise(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' | '。' => Some('.'),
            '－' | '−' => Some('-'),
            '％' => Some('%'),
            ',' | '，' | ' ' | '\u{3000}' => None,
            c => Some(c),
        })
        .collect()
}

/// Reads `text` typed into `field`.
pub fn interpret(text: &str, field: &Field) -> Typed {
    let text = normalise(text);
    if text.is_empty() {
        return if field.optional() {
            Typed::Empty
        } else {
            Typed::NotANumber
        };
    }
    let (number, percent_sign) = match text.strip_suffix('%') {
        Some(n) => (n.trim(), true),
        None => (text.as_str(), false),
    };
    // 万, 亿 and 千 are read as the amounts they are: "460万" is 4 600 000, never 460.
    let (number, multiple) = match number.char_indices().last() {
        Some((at, '万')) => (&number[..at], Some(10_000)),
        Some((at, '亿')) => (&number[..at], Some(100_000_000)),
        Some((at, '千')) => (&number[..at], Some(1_000)),
        _ => (number, None),
    };
    if multiple.is_some() && (percent_sign || field.unit() == Unit::Share) {
        return Typed::NotANumber;
    }
    // Through a decimal, so that typing 72.35 sends exactly 0.7235.
    let Ok(decimal) = Decimal::from_str(number.trim()) else {
        return Typed::NotANumber;
    };
    let Some(decimal) = decimal.checked_mul(Decimal::from(multiple.unwrap_or(1))) else {
        return Typed::NotANumber;
    };
    let Ok(typed) = decimal.normalize().to_string().parse::<f64>() else {
        return Typed::NotANumber;
    };
    if field.unit() == Unit::Share {
        let as_percent = (decimal / Decimal::from(100))
            .normalize()
            .to_string()
            .parse::<f64>()
            .unwrap_or(typed / 100.0);
        let (lo, hi) = field.param.typical;
        let also_a_fraction = typed != 0.0 && typed.abs() < 1.0 && typed >= lo && typed <= hi;
        return if percent_sign || !also_a_fraction {
            Typed::Value(as_percent)
        } else {
            Typed::Ask {
                as_percent,
                as_fraction: typed,
            }
        };
    }
    if percent_sign {
        return Typed::NotANumber;
    }
    if field.is_unusual(typed) {
        Typed::Confirm(typed)
    } else {
        Typed::Value(typed)
    }
}

/// The number as typed in the box: percent for shares, plain otherwise.
pub fn shown(value: f64, unit: Unit) -> String {
    let Some(decimal) = decimal_from_f64(value) else {
        return value.to_string();
    };
    match unit {
        Unit::Share => (decimal * Decimal::from(100)).normalize().to_string(),
        _ => decimal.normalize().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::fields::field_for;

    /// The control of `path` in the Taizhou 2012 scenario.
    fn field(path: &str) -> Field {
        let json = ncms_sim::scenarios::bundled("taizhou-2012").unwrap();
        let scenario = ncms_sim::read_scenario(json).unwrap();
        let place = ncms_sim::params::find_text(path).unwrap().unwrap();
        let field = field_for(place.param, &scenario, place.line);
        assert_eq!(field.path, path, "the test names a place the scenario has");
        field
    }

    const RATIO: &str = "lines[2].inpatient.reimbursement_ratio";
    const INDIVIDUAL: &str = "financing.individual";
    const ENROLLEES: &str = "population.enrollees";
    const CAP: &str = "lines[0].outpatient.visit_cap";

    #[test]
    fn a_share_is_typed_in_percent_with_or_without_the_sign() {
        assert_eq!(interpret("85", &field(RATIO)), Typed::Value(0.85));
        assert_eq!(interpret("85%", &field(RATIO)), Typed::Value(0.85));
        assert_eq!(interpret("72.35", &field(RATIO)), Typed::Value(0.7235));
        assert_eq!(interpret("0.9%", &field(RATIO)), Typed::Value(0.009));
    }

    #[test]
    fn a_share_below_one_that_is_also_a_usual_fraction_is_asked_about() {
        assert_eq!(
            interpret("0.9", &field(RATIO)),
            Typed::Ask {
                as_percent: 0.009,
                as_fraction: 0.9
            }
        );
    }

    #[test]
    fn full_width_digits_and_thousands_separators_read_as_the_number() {
        assert_eq!(interpret("７５", &field(RATIO)), Typed::Value(0.75));
        assert_eq!(interpret("８５．５％", &field(RATIO)), Typed::Value(0.855));
        assert_eq!(
            interpret("4,420,000", &field(ENROLLEES)),
            Typed::Value(4_420_000.0)
        );
        assert_eq!(interpret(" 140 ", &field(INDIVIDUAL)), Typed::Value(140.0));
    }

    #[test]
    fn wan_yi_and_qian_are_read_as_the_amounts_they_are() {
        assert_eq!(
            interpret("460万", &field(ENROLLEES)),
            Typed::Value(4_600_000.0)
        );
        assert_eq!(
            interpret("４６０ 万", &field(ENROLLEES)),
            Typed::Value(4_600_000.0)
        );
        assert_eq!(
            interpret("1.2亿", &field(ENROLLEES)),
            Typed::Value(120_000_000.0)
        );
        assert_eq!(interpret("1.5千", &field(INDIVIDUAL)), Typed::Value(1500.0));
        // Never the bare number: 460 enrollees would be far from any fund.
        assert_ne!(interpret("460万", &field(ENROLLEES)), Typed::Value(460.0));
        // A share has no 万.
        assert_eq!(interpret("8万", &field(RATIO)), Typed::NotANumber);
        assert_eq!(interpret("万", &field(ENROLLEES)), Typed::NotANumber);
    }

    #[test]
    fn text_that_is_not_a_number_is_said_so() {
        assert_eq!(interpret("abc", &field(INDIVIDUAL)), Typed::NotANumber);
        assert_eq!(interpret("1.2.3", &field(INDIVIDUAL)), Typed::NotANumber);
        // A percent sign means nothing for money.
        assert_eq!(interpret("50%", &field(INDIVIDUAL)), Typed::NotANumber);
    }

    #[test]
    fn an_emptied_box_empties_an_optional_value_only() {
        assert_eq!(interpret("", &field(CAP)), Typed::Empty);
        assert_eq!(interpret("  ", &field(INDIVIDUAL)), Typed::NotANumber);
    }

    #[test]
    fn a_value_ten_times_beyond_the_usual_span_is_confirmed_first() {
        let individual = field(INDIVIDUAL);
        let (_, high) = individual.param.typical;
        assert_eq!(interpret("140", &individual), Typed::Value(140.0));
        let far = high * 10.0 + 1.0;
        assert_eq!(
            interpret(&far.to_string(), &individual),
            Typed::Confirm(far)
        );
    }

    #[test]
    fn a_value_shows_in_the_box_as_it_would_be_typed() {
        assert_eq!(shown(0.7235, Unit::Share), "72.35");
        assert_eq!(shown(140.0, Unit::Yuan), "140");
        assert_eq!(shown(139.3, Unit::Yuan), "139.3");
    }
}
