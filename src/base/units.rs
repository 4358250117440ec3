//! Figures and their units: how a number is meant ([`Unit`]), a typed figure ([`Figure`]) that
//! carries its unit with it instead of an `f64` and a guess, and how each reads for people in
//! either language. Money stays exact ([`crate::base::money::Yuan`]); shares, counts and months are `f64`.

use crate::base::lang::Lang;
use crate::base::money::{self, Yuan};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What a number means, and so how it is shown and typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
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

/// How a figure of the report is shown to people: the one display rule of each kind, on every
/// panel and on paper (the CSV and the workbook keep exact numbers instead).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shown {
    /// A fund total, in 万元 (zh) or million yuan (en) with two decimals: "21,027.43 万元",
    /// "210.27 million yuan".
    FundTotal,
    /// An amount per head or per case, in yuan to the fen: "415.00 元".
    Amount,
    /// A rate, in per cent with one decimal: "24.8%"; its differences in percentage points.
    Percent,
    /// People: "4,420,000 人".
    Persons,
    /// Person-times: "10,028,800 人次".
    PersonTimes,
    /// Months, with one decimal: "8.4 个月".
    Months,
}

impl Shown {
    /// The unit's word after a number: "万元", "元", "%", "人", "人次", "个月"; for a
    /// difference of rates, [`Shown::change`] says "个百分点" instead of "%".
    pub fn unit_word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Shown::FundTotal, Lang::Zh) => "万元",
            (Shown::FundTotal, Lang::En) => "million yuan",
            (Shown::Amount, Lang::Zh) => "元",
            (Shown::Amount, Lang::En) => "yuan",
            (Shown::Percent, _) => "%",
            (Shown::Persons, Lang::Zh) => "人",
            (Shown::Persons, Lang::En) => "people",
            (Shown::PersonTimes, Lang::Zh) => "人次",
            (Shown::PersonTimes, Lang::En) => "person-times",
            (Shown::Months, Lang::Zh) => "个月",
            (Shown::Months, Lang::En) => "months",
        }
    }

    /// The number alone, without its unit, with a sign when `signed`.
    fn number(self, figure: &Figure, lang: Lang, signed: bool) -> String {
        let sign = |negative: bool, zero: bool| match (signed, negative, zero) {
            (_, true, _) => "-",
            (true, false, false) => "+",
            _ => "",
        };
        match (self, figure) {
            (Shown::FundTotal, Figure::Yuan(amount)) => {
                let per = match lang {
                    Lang::Zh => Decimal::from(10_000),
                    Lang::En => Decimal::from(1_000_000),
                };
                let scaled = (*amount / per).round_dp_with_strategy(
                    2,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                );
                let text = format!("{:.2}", scaled.abs());
                let (whole, fraction) = text.split_once('.').unwrap_or((&text, "00"));
                format!(
                    "{}{}.{fraction}",
                    sign(
                        scaled.is_sign_negative() && !scaled.is_zero(),
                        scaled.is_zero()
                    ),
                    group_thousands(whole)
                )
            }
            (_, Figure::Yuan(amount)) => {
                let amount = money::fen(*amount);
                let text = yuan(amount.abs());
                format!(
                    "{}{text}",
                    sign(
                        amount.is_sign_negative() && !amount.is_zero(),
                        amount.is_zero()
                    )
                )
            }
            (Shown::Percent, figure) => {
                let points = figure.value() * 100.0;
                let text = format!("{:.1}", points.abs());
                let zero = text.trim_start_matches(['0', '.']).is_empty();
                format!("{}{text}", sign(points < 0.0 && !zero, zero))
            }
            (Shown::Months, figure) => {
                let v = figure.value();
                let text = format!("{:.1}", v.abs());
                let zero = text.trim_start_matches(['0', '.']).is_empty();
                format!("{}{text}", sign(v < 0.0 && !zero, zero))
            }
            (_, figure) => {
                let v = figure.value().round();
                format!("{}{}", sign(v < 0.0, v == 0.0), count(v.abs()))
            }
        }
    }

    /// A round number on a chart's axis, in this kind's unit but without its word (which the
    /// axis shows once): a fund total of 400 000 000 yuan is "40,000" (万元) or "400" (million
    /// yuan); a decimal is kept only where the step between ticks needs it.
    pub fn axis_number(self, value: f64, lang: Lang) -> String {
        let scaled = match (self, lang) {
            (Shown::FundTotal, Lang::Zh) => value / 1e4,
            (Shown::FundTotal, Lang::En) => value / 1e6,
            (Shown::Percent, _) => value * 100.0,
            _ => value,
        };
        let rounded = (scaled * 10.0).round() / 10.0;
        let whole = rounded.trunc();
        let sign = if rounded < 0.0 { "-" } else { "" };
        if rounded == whole {
            format!("{sign}{}", count(whole.abs()))
        } else {
            format!(
                "{sign}{}.{}",
                count(whole.abs()),
                ((rounded.abs() - whole.abs()) * 10.0).round()
            )
        }
    }

    /// A figure as people read it, with its unit: "21,027.43 万元", "24.8%", "4,420,000 人".
    pub fn text(self, figure: &Figure, lang: Lang) -> String {
        if !figure.value().is_finite() {
            return "–".into();
        }
        let number = self.number(figure, lang, false);
        match self {
            Shown::Percent => format!("{number}%"),
            _ => format!("{number} {}", self.unit_word(lang)),
        }
    }

    /// A difference of two figures, signed, with its unit: "+2.27 万元", "-0.9 个百分点",
    /// "+0.9 pp".
    pub fn change(self, difference: &Figure, lang: Lang) -> String {
        if !difference.value().is_finite() {
            return "–".into();
        }
        let number = self.number(difference, lang, true);
        match (self, lang) {
            (Shown::Percent, Lang::Zh) => format!("{number} 个百分点"),
            (Shown::Percent, Lang::En) => format!("{number} pp"),
            _ => format!("{number} {}", self.unit_word(lang)),
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
    fn each_kind_of_figure_is_shown_by_one_rule_with_its_unit() {
        let fund = Figure::Yuan(Yuan::new(210_274_334_567, 2));
        assert_eq!(Shown::FundTotal.text(&fund, Lang::Zh), "210,274.33 万元");
        assert_eq!(
            Shown::FundTotal.text(&fund, Lang::En),
            "2,102.74 million yuan"
        );
        let small = Figure::Yuan(Yuan::new(2_274_433, 2));
        assert_eq!(Shown::FundTotal.change(&small, Lang::Zh), "+2.27 万元");
        let negative = Figure::Yuan(Yuan::new(-3_868_210_000, 2));
        assert_eq!(
            Shown::FundTotal.change(&negative, Lang::Zh),
            "-3,868.21 万元"
        );
        assert_eq!(
            Shown::FundTotal.text(&negative, Lang::En),
            "-38.68 million yuan"
        );
        assert_eq!(
            Shown::FundTotal.change(&Figure::Yuan(Yuan::ZERO), Lang::Zh),
            "0.00 万元"
        );
        let per_head = Figure::Yuan(Yuan::new(41500, 2));
        assert_eq!(Shown::Amount.text(&per_head, Lang::Zh), "415.00 元");
        assert_eq!(Shown::Amount.change(&per_head, Lang::En), "+415.00 yuan");
        assert_eq!(
            Shown::Percent.text(&Figure::Share(0.2484), Lang::Zh),
            "24.8%"
        );
        assert_eq!(
            Shown::Percent.change(&Figure::Share(0.009), Lang::Zh),
            "+0.9 个百分点"
        );
        assert_eq!(
            Shown::Percent.change(&Figure::Share(-0.009), Lang::En),
            "-0.9 pp"
        );
        assert_eq!(
            Shown::Percent.change(&Figure::Share(0.00001), Lang::En),
            "0.0 pp"
        );
        assert_eq!(
            Shown::Persons.text(&Figure::Count(4_420_000.0), Lang::Zh),
            "4,420,000 人"
        );
        assert_eq!(
            Shown::PersonTimes.text(&Figure::Count(10_028_800.4), Lang::En),
            "10,028,800 person-times"
        );
        assert_eq!(
            Shown::Months.text(&Figure::Months(8.44), Lang::Zh),
            "8.4 个月"
        );
        assert_eq!(
            Shown::Months.change(&Figure::Months(-0.94), Lang::En),
            "-0.9 months"
        );
        assert_eq!(Shown::Percent.text(&Figure::Share(f64::NAN), Lang::En), "–");
        assert_eq!(
            Shown::FundTotal.axis_number(400_000_000.0, Lang::Zh),
            "40,000"
        );
        assert_eq!(Shown::FundTotal.axis_number(400_000_000.0, Lang::En), "400");
        assert_eq!(
            Shown::FundTotal.axis_number(-250_000_000.0, Lang::En),
            "-250"
        );
        assert_eq!(Shown::FundTotal.axis_number(50_000_000.0, Lang::En), "50");
        assert_eq!(
            Shown::FundTotal.axis_number(5_000_000.0 / 2.0, Lang::En),
            "2.5"
        );
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
