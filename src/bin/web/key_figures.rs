//! The headline cards: income, spending, surplus, surplus rate and accumulated balance of the
//! selected year, the proposal large and the baseline under it.

use crate::format::{money, money_change, share, share_change};
use crate::i18n::ui;
use crate::year_props::YearProps;
use ncms_sim::Lang;
use yew::prelude::*;

struct Card {
    id: &'static str,
    label: &'static str,
    proposal: String,
    baseline: String,
    change: String,
    raw: String,
    raw_baseline: String,
    negative: bool,
}

#[function_component]
pub fn KeyFigures(props: &YearProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    let Some((b, p)) = props.years() else {
        return html! {};
    };
    let zh = lang == Lang::Zh;
    let money_card = |id, label, bv: ncms_sim::money::Yuan, pv: ncms_sim::money::Yuan| Card {
        id,
        label,
        proposal: money(pv, lang),
        baseline: money(bv, lang),
        change: money_change(pv - bv, lang),
        raw: pv.to_string(),
        raw_baseline: bv.to_string(),
        negative: pv.is_sign_negative() && !pv.is_zero(),
    };
    let cards = [
        money_card(
            "income",
            if zh { "基金收入" } else { "Income" },
            b.income.total,
            p.income.total,
        ),
        money_card(
            "spending",
            if zh { "基金支出" } else { "Spending" },
            b.spending.total,
            p.spending.total,
        ),
        money_card(
            "surplus",
            if zh { "当年结余" } else { "Surplus" },
            b.surplus,
            p.surplus,
        ),
        Card {
            id: "surplus_rate",
            label: if zh {
                "当年结余率"
            } else {
                "Surplus rate"
            },
            proposal: share(p.indicators.surplus_rate),
            baseline: share(b.indicators.surplus_rate),
            change: share_change(p.indicators.surplus_rate - b.indicators.surplus_rate, lang),
            raw: p.indicators.surplus_rate.to_string(),
            raw_baseline: b.indicators.surplus_rate.to_string(),
            negative: p.indicators.surplus_rate < 0.0,
        },
        money_card(
            "closing_balance",
            if zh {
                "累计结余"
            } else {
                "Accumulated balance"
            },
            b.closing_balance,
            p.closing_balance,
        ),
    ];
    html! {
        <section class="cards" aria-label={ui.key_figures}>
            { for cards.into_iter().map(|c| html! {
                <div class={classes!("card", c.negative.then_some("negative"))}
                    data-testid={format!("kpi-{}", c.id)}
                    data-value={c.raw} data-baseline={c.raw_baseline}>
                    <div class="card-label">{ c.label }</div>
                    <div class="card-value">{ c.proposal }</div>
                    <div class="card-base">{ format!("{} {}", ui.baseline, c.baseline) }</div>
                    <div class="card-change">{ format!("{} {}", ui.difference, c.change) }</div>
                </div>
            }) }
        </section>
    }
}
