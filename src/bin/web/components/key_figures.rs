//! The headline cards of the selected year: income, spending, surplus, surplus rate and
//! accumulated balance. The active plan large, then the baseline and every other plan, each
//! plan with its difference from the baseline (the engine's). One card per figure, each given
//! its row of the state's figures: a card renders again only when its figures change.

use crate::state::shown::{Row, YearFigures};
use crate::view::shared::Shared;
use crate::view::ui_words::ui;
use ncms_sim::indicator::Indicator;
use ncms_sim::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct KeyFiguresProps {
    pub figures: Shared<YearFigures>,
    /// Each plan's name, in order.
    pub names: Vec<String>,
    pub active: usize,
    pub lang: Lang,
}

#[function_component]
pub fn KeyFigures(props: &KeyFiguresProps) -> Html {
    let ui = ui(props.lang);
    html! {
        <section class="cards" aria-label={ui.key_figures} aria-live="polite">
            { for Indicator::CARDS.iter().filter_map(|&i| props.figures.row(i)).map(|row| html! {
                <Card key={row.indicator.name()} row={row.clone()} names={props.names.clone()}
                    active={props.active} lang={props.lang} />
            }) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct CardProps {
    row: Shared<Row>,
    names: Vec<String>,
    active: usize,
    lang: Lang,
}

#[function_component]
fn Card(props: &CardProps) -> Html {
    let ui = ui(props.lang);
    let row = &props.row;
    let Some(active) = row.plans.get(props.active) else {
        return html! {};
    };
    let name = |i: usize| props.names.get(i).map_or("", String::as_str);
    let id = row.indicator.name();
    html! {
        <div class={classes!("card", active.figure.negative.then_some("negative"))}
            data-testid={format!("kpi-{id}")}
            data-value={active.figure.raw.clone()} data-baseline={row.baseline.raw.clone()}>
            <div class="card-label">{ row.title.clone() }</div>
            <div class={classes!("card-value", format!("plan-{}", props.active))}>{ active.figure.text.clone() }</div>
            <div class="card-change">{ format!("{} {} {}", name(props.active), ui.versus_baseline, active.change) }</div>
            <ul class="card-others">
                <li class="baseline">{ format!("{} {}", ui.baseline, row.baseline.text) }</li>
                { for row.plans.iter().enumerate().filter(|(i, _)| *i != props.active).map(|(i, plan)| html! {
                    <li class={format!("plan-{i}")} data-testid={format!("kpi-{id}-plan-{i}")}
                        data-value={plan.figure.raw.clone()}>
                        <span class="swatch" aria-hidden="true"></span>
                        { format!("{} {} ({})", name(i), plan.figure.text, plan.change) }
                    </li>
                }) }
            </ul>
        </div>
    }
}
