//! How figures read on screen, in each language, on top of `ncms_sim::render`; and the raw
//! `data-value` strings the tests compare with the CLI's JSON (money as its decimal string,
//! rates as the shortest `f64` text).

use crate::i18n::ui;
use ncms_sim::money::{decimal_from_f64, Yuan};
use ncms_sim::render::{count, percent, summary_rows, yuan, yuan_short, SummaryRow};
use ncms_sim::report::Unit;
use ncms_sim::{Lang, YearReport};

/// Money for people: large sums in 万元 (zh) or millions (en), small ones to the fen.
pub fn money(amount: Yuan, lang: Lang) -> String {
    money_from(amount, lang, Yuan::from(1_000_000))
}

/// In 万元 / millions from `threshold` up, to the fen below it.
fn money_from(amount: Yuan, lang: Lang, threshold: Yuan) -> String {
    let large = amount.abs() >= threshold;
    match (large, lang) {
        (true, Lang::Zh) => format!("{}元", yuan_short(amount, lang)),
        (true, Lang::En) => format!("{} yuan", yuan_short(amount, lang)),
        (false, _) => format!("{} {}", yuan(amount), ui(lang).yuan),
    }
}

/// A signed money difference: "+1,234万元". Differences of fund totals are often small beside the
/// totals, so they switch to 万元 / millions from 10 000 yuan, keeping a column in one unit.
pub fn money_change(amount: Yuan, lang: Lang) -> String {
    let text = money_from(amount, lang, Yuan::from(10_000));
    if amount > Yuan::ZERO {
        format!("+{text}")
    } else {
        text
    }
}

/// A share as a percentage: "71.8%".
pub fn share(value: f64) -> String {
    percent(value)
}

/// A signed difference of shares, in percentage points.
pub fn share_change(value: f64, lang: Lang) -> String {
    let points = match lang {
        Lang::Zh => "个百分点",
        Lang::En => " pp",
    };
    format!("{:+.1}{points}", value * 100.0)
}

/// The raw value of an `f64` for `data-value`.
pub fn raw(value: f64) -> String {
    value.to_string()
}

/// A summary row's money figure as the report holds it, when the row is money.
pub fn row_money(id: &str, year: &YearReport) -> Option<Yuan> {
    Some(match id {
        "funding_per_enrollee" => year.funding_per_enrollee,
        "income" => year.income.total,
        "spending" => year.spending.total,
        "surplus" => year.surplus,
        "closing_balance" => year.closing_balance,
        "risk_reserve" => year.risk_reserve,
        "outpatient_headroom" => year.indicators.outpatient_headroom,
        _ => return None,
    })
}

/// One summary cell: its text and its raw value.
pub fn row_cell(row: &SummaryRow, year: &YearReport, lang: Lang) -> (String, String) {
    if let Some(amount) = row_money(row.id, year) {
        return (money(amount, lang), amount.to_string());
    }
    let value = (row.read)(year);
    if row.id == "months_covered" {
        let months = value * 100.0;
        return (format!("{months:.1} {}", ui(lang).months), raw(months));
    }
    let text = match row.unit {
        Unit::Share => share(value),
        Unit::Count => count(value),
        Unit::Yuan => decimal_from_f64(value).map_or_else(|| value.to_string(), |d| money(d, lang)),
    };
    (text, raw(value))
}

/// The difference column of a summary row (proposal minus baseline).
pub fn row_change(row: &SummaryRow, base: &YearReport, prop: &YearReport, lang: Lang) -> String {
    if let (Some(b), Some(p)) = (row_money(row.id, base), row_money(row.id, prop)) {
        return money_change(p - b, lang);
    }
    let (b, p) = ((row.read)(base), (row.read)(prop));
    match (row.id, row.unit) {
        ("months_covered", _) => format!("{:+.1}", (p - b) * 100.0),
        (_, Unit::Share) => share_change(p - b, lang),
        (_, Unit::Count) => {
            let d = p - b;
            if d > 0.0 {
                format!("+{}", count(d))
            } else {
                count(d)
            }
        }
        (_, Unit::Yuan) => {
            decimal_from_f64(p - b).map_or_else(String::new, |d| money_change(d, lang))
        }
    }
}

/// The summary rows in the app's order (the engine's list).
pub fn rows() -> Vec<SummaryRow> {
    summary_rows()
}
