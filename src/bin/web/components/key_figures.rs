//! The headline cards of the selected year: income, spending, surplus, surplus rate and
//! accumulated balance. The active plan large, then the baseline and every other plan, each
//! plan with its difference from the baseline (the engine's).

use crate::view::format::{change_text, figure_raw, figure_text};
use crate::view::ui_words::ui;
use crate::view::year_props::PlansProps;
use ncms_sim::figure::Figure;
use ncms_sim::render::summary_rows;
use yew::prelude::*;

/// The summary rows the cards show, in order.
const CARDS: [&str; 5] = [
    "income",
    "spending",
    "surplus",
    "surplus_rate",
    "closing_balance",
];

fn negative(figure: &Figure) -> bool {
    figure.value() < 0.0
}

#[function_component]
pub fn KeyFigures(props: &PlansProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    let Some(base) = props.baseline() else {
        return html! {};
    };
    let rows = summary_rows();
    let cards = CARDS
        .iter()
        .filter_map(|id| rows.iter().find(|r| r.id == *id));
    let plans: Vec<_> = props.plan_years().collect();
    let Some(&(_, active_name, active)) = plans.iter().find(|(i, _, _)| *i == props.active) else {
        return html! {};
    };
    html! {
        <section class="cards" aria-label={ui.key_figures} aria-live="polite">
            { for cards.map(|row| {
                let value = row.figure(active);
                let base_value = row.figure(base);
                let change = row.difference(base, active).map(|d| change_text(&d, lang)).unwrap_or_default();
                html! {
                    <div class={classes!("card", negative(&value).then_some("negative"))}
                        data-testid={format!("kpi-{}", row.id)}
                        data-value={figure_raw(&value)} data-baseline={figure_raw(&base_value)}>
                        <div class="card-label">{ row.label.get(lang) }</div>
                        <div class={classes!("card-value", format!("plan-{}", props.active))}>{ figure_text(&value, lang) }</div>
                        <div class="card-change">{ format!("{} {} {change}", active_name, ui.versus_baseline) }</div>
                        <ul class="card-others">
                            <li class="baseline">{ format!("{} {}", ui.baseline, figure_text(&base_value, lang)) }</li>
                            { for plans.iter().filter(|(i, _, _)| *i != props.active).map(|(i, name, year)| {
                                let figure = row.figure(year);
                                let change = row.difference(base, year).map(|d| change_text(&d, lang)).unwrap_or_default();
                                html! {
                                    <li class={format!("plan-{i}")} data-testid={format!("kpi-{}-plan-{i}", row.id)}
                                        data-value={figure_raw(&figure)}>
                                        <span class="swatch" aria-hidden="true"></span>
                                        { format!("{name} {} ({change})", figure_text(&figure, lang)) }
                                    </li>
                                }
                            }) }
                        </ul>
                    </div>
                }
            }) }
        </section>
    }
}
