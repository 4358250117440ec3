//! Figures and their units: how a number is meant ([`Unit`]), a typed figure ([`Figure`]) that
//! carries its unit with it instead of an `f64` and a guess, and how each reads for people in
//! either language. Money stays exact ([`crate::base::money::Yuan`]); shares, counts and months are `f64`.

use crate::base::lang::Lang;
use crate::base::money::{self, Yuan};
use serde::Serialize;

/// What a number means, and so how it is shown and typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// An amount in yuan (元).
    Yuan,
    /// A fraction shown as a percentage (0.75 is 75 %): ratios, shares, rates, growth.
    Share,
    /// A number of people, claims or person-times.
    Count,
    /// Visits or claims per enrollee per year.
    PerEnrollee,
    /// Per 1000 enrollees per year (‰).
    PerThousand,
    /// Per 100 000 enrollees per year.
    PerHundredThousand,
    /// A multiple (of rural net income).
    Multiple,
    /// A plain number: an elasticity, a coefficient of variation.
    Number,
    /// Months of spending.
    Months,
    /// A calendar year.
    Year,
    /// A number of years.
    Years,
}

impl Unit {
    /// The unit's word after a number ("元", "%", "次/人"); empty for plain numbers.
    pub fn suffix(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Unit::Yuan, Lang::Zh) => "元",
            (Unit::Yuan, Lang::En) => "yuan",
            (Unit::Share, _) => "%",
            (Unit::PerEnrollee, Lang::Zh) => "次/人",
            (Unit::PerEnrollee, Lang::En) => "per enrollee",
            (Unit::PerThousand, _) => "‰",
            (Unit::PerHundredThousand, Lang::Zh) => "/10万人",
            (Unit::PerHundredThousand, Lang::En) => "per 100 000",
            (Unit::Multiple, Lang::Zh) => "倍",
            (Unit::Multiple, Lang::En) => "×",
            (Unit::Months, Lang::Zh) => "个月",
            (Unit::Months, Lang::En) => "months",
            (Unit::Years, Lang::Zh) => "年",
            (Unit::Years, Lang::En) => "years",
            (Unit::Count | Unit::Number | Unit::Year, _) => "",
        }
    }

    /// A number of this unit as people read it: `0.75` → "75%", `80000` → "80,000 元".
    pub fn show(self, value: f64, lang: Lang) -> String {
        if value.is_nan() {
            return "–".into();
        }
        if value.is_infinite() {
            return if value > 0.0 { "∞" } else { "−∞" }.into();
        }
        match self {
            Unit::Share => percent(value),
            Unit::Yuan => match money::decimal_from_f64(value) {
                Some(amount) => format!("{} {}", yuan(amount), self.suffix(lang)),
                None => value.to_string(),
            },
            Unit::Count => count(value),
            Unit::Year => format!("{value}"),
            Unit::Number => trimmed(value),
            Unit::PerThousand => format!("{}‰", trimmed(value)),
            Unit::Multiple if lang == Lang::En => format!("{}×", trimmed(value)),
            _ => format!("{} {}", trimmed(value), self.suffix(lang)),
        }
    }
}

/// A figure of the report with its unit: what a table cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "unit", content = "value", rename_all = "snake_case")]
pub enum Figure {
    Yuan(Yuan),
    Share(f64),
    Count(f64),
    Months(f64),
}

impl Figure {
    pub fn unit(&self) -> Unit {
        match self {
            Figure::Yuan(_) => Unit::Yuan,
            Figure::Share(_) => Unit::Share,
            Figure::Count(_) => Unit::Count,
            Figure::Months(_) => Unit::Months,
        }
    }

    /// The figure as an `f64` (money through its exact decimal).
    pub fn value(&self) -> f64 {
        match self {
            Figure::Yuan(amount) => money::to_f64(*amount),
            Figure::Share(v) | Figure::Count(v) | Figure::Months(v) => *v,
        }
    }

    /// `self − base`: the engine's difference of two figures of the same kind (money exactly).
    /// Figures of different kinds have no difference.
    pub fn minus(&self, base: &Figure) -> Option<Figure> {
        Some(match (self, base) {
            (Figure::Yuan(a), Figure::Yuan(b)) => Figure::Yuan(*a - *b),
            (Figure::Share(a), Figure::Share(b)) => Figure::Share(a - b),
            (Figure::Count(a), Figure::Count(b)) => Figure::Count(a - b),
            (Figure::Months(a), Figure::Months(b)) => Figure::Months(a - b),
            _ => return None,
        })
    }

    /// The figure for a CSV cell: money in yuan with two decimals, the rest as plain numbers
    /// (shares as fractions to six decimals, counts whole, months to two).
    pub fn plain(&self) -> String {
        match self {
            Figure::Yuan(amount) => money::fen(*amount).to_string(),
            Figure::Share(v) => format!("{v:.6}"),
            Figure::Count(v) => format!("{v:.0}"),
            Figure::Months(v) => format!("{v:.2}"),
        }
    }
}

/// A percentage with one decimal: 0.718 → "71.8%".
pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// Yuan with thousands separators and two decimals: "1,895,000,000.00".
pub fn yuan(amount: Yuan) -> String {
    let text = money::fen(amount).to_string();
    let (sign, digits) = text
        .strip_prefix('-')
        .map_or(("", text.as_str()), |d| ("-", d));
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "00"));
    format!("{sign}{}.{fraction}", group_thousands(whole))
}

/// A count rounded to a whole number with separators.
pub fn count(value: f64) -> String {
    group_thousands(&format!("{value:.0}"))
}

/// `1234567` → `1,234,567` (a leading minus sign is kept).
pub fn group_thousands(whole: &str) -> String {
    let (sign, digits) = whole.strip_prefix('-').map_or(("", whole), |d| ("-", d));
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

/// A plain number without float noise: the shortest text that reads back as the value.
pub fn trimmed(value: f64) -> String {
    money::decimal_from_f64(value).map_or_else(|| value.to_string(), |d| d.normalize().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_read_as_people_write_them() {
        assert_eq!(Unit::Share.show(0.75, Lang::Zh), "75.0%");
        assert_eq!(Unit::Yuan.show(80000.0, Lang::Zh), "80,000.00 元");
        assert_eq!(Unit::Yuan.show(80000.0, Lang::En), "80,000.00 yuan");
        assert_eq!(Unit::PerThousand.show(62.5, Lang::En), "62.5‰");
        assert_eq!(Unit::Multiple.show(8.0, Lang::Zh), "8 倍");
        assert_eq!(Unit::Number.show(-0.2, Lang::En), "-0.2");
        assert_eq!(Unit::Yuan.show(f64::NAN, Lang::En), "–");
    }

    #[test]
    fn differences_are_exact_for_money() {
        let a = Figure::Yuan(Yuan::new(10001, 2));
        let b = Figure::Yuan(Yuan::new(9999, 2));
        assert_eq!(a.minus(&b), Some(Figure::Yuan(Yuan::new(2, 2))));
        assert_eq!(a.minus(&Figure::Share(0.1)), None);
        assert_eq!(Figure::Share(0.25).plain(), "0.250000");
        assert_eq!(a.plain(), "100.01");
    }
}
