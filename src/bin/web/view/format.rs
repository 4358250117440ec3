//! How figures read on screen: thin names over the engine's one display rule
//! (`ncms_sim::figure::Shown`) for the panels that show amounts outside the yearly summary (the
//! gauge, spending by line, the waterfall, one patient, the phone's bar), and the raw
//! `data-value` strings the browser tests compare with the CLI's JSON. No unit or format is
//! decided here.

use ncms_sim::figure::{Figure, Shown};
use ncms_sim::money::Yuan;
use ncms_sim::Lang;

/// A fund total: "21,027.43 万元" / "210.27 million yuan".
pub fn fund(amount: Yuan, lang: Lang) -> String {
    Shown::FundTotal.text(&Figure::Yuan(amount), lang)
}

/// A signed difference of fund totals: "+2.27 万元".
pub fn fund_change(amount: Yuan, lang: Lang) -> String {
    Shown::FundTotal.change(&Figure::Yuan(amount), lang)
}

/// An amount per head or per case: "415.00 元".
pub fn amount(amount: Yuan, lang: Lang) -> String {
    Shown::Amount.text(&Figure::Yuan(amount), lang)
}

/// A signed difference of amounts per head or per case: "-120.00 元".
pub fn amount_change(amount: Yuan, lang: Lang) -> String {
    Shown::Amount.change(&Figure::Yuan(amount), lang)
}

/// A rate: "71.8%".
pub fn share(value: f64, lang: Lang) -> String {
    Shown::Percent.text(&Figure::Share(value), lang)
}

/// The raw value of an `f64` for `data-value`.
pub fn raw(value: f64) -> String {
    value.to_string()
}
