//! How figures read on screen, in each language, on top of `ncms_sim::render`; and the raw
//! `data-value` strings the tests compare with the CLI's JSON (money as its decimal string,
//! rates as the shortest `f64` text).

use crate::view::ui_words::ui;
use ncms_sim::figure::Figure;
use ncms_sim::money::Yuan;
use ncms_sim::render::{count, percent, yuan, yuan_short, SummaryRow};
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
    format!("{:+.1}{}", value * 100.0, ui(lang).points)
}

/// The raw value of an `f64` for `data-value`.
pub fn raw(value: f64) -> String {
    value.to_string()
}

/// A figure of the report as people read it.
pub fn figure_text(figure: &Figure, lang: Lang) -> String {
    match figure {
        Figure::Yuan(amount) => money(*amount, lang),
        Figure::Share(v) => share(*v),
        Figure::Count(v) => count(*v),
        Figure::Months(m) => format!("{m:.1} {}", ui(lang).months),
    }
}

/// A figure's raw value for `data-value`: money as its decimal string, the rest as `f64` text.
pub fn figure_raw(figure: &Figure) -> String {
    match figure {
        Figure::Yuan(amount) => amount.to_string(),
        Figure::Share(v) | Figure::Count(v) | Figure::Months(v) => raw(*v),
    }
}

/// A signed difference of two figures, computed by the engine (`SummaryRow::difference`).
pub fn change_text(difference: &Figure, lang: Lang) -> String {
    match difference {
        Figure::Yuan(amount) => money_change(*amount, lang),
        Figure::Share(v) => share_change(*v, lang),
        Figure::Count(v) if *v > 0.0 => format!("+{}", count(*v)),
        Figure::Count(v) => count(*v),
        Figure::Months(m) => format!("{m:+.1}"),
    }
}

/// One summary cell: its text and its raw value.
pub fn row_cell(row: &SummaryRow, year: &YearReport, lang: Lang) -> (String, String) {
    let figure = row.figure(year);
    (figure_text(&figure, lang), figure_raw(&figure))
}
