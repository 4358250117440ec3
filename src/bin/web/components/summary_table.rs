//! The yearly summary of the selected year, row for row the CLI's table (`render::summary_rows`):
//! the baseline and every plan, each plan with its difference from the baseline (the engine's).

use crate::view::format::{change_text, row_cell};
use crate::view::ui_words::ui;
use crate::view::year_props::PlansProps;
use ncms_sim::render::summary_rows;
use yew::prelude::*;

#[function_component]
pub fn SummaryTable(props: &PlansProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    let Some(base) = props.baseline() else {
        return html! {};
    };
    let plans: Vec<_> = props.plan_years().collect();
    html! {
        <section class="panel summary" aria-labelledby="summary-title">
            <h2 id="summary-title">{ format!("{} {}", ui.summary, base.year) }</h2>
            <div class="table-scroll" tabindex="0">
            <table class="figures" data-testid="summary-table">
                <thead><tr>
                    <th scope="col"></th>
                    <th scope="col">{ ui.baseline }</th>
                    { for plans.iter().map(|(i, name, _)| html! {
                        <th scope="col" class={format!("plan-{i}")}><span class="swatch" aria-hidden="true"></span>{ *name }</th>
                    }) }
                </tr></thead>
                <tbody>
                { for summary_rows().iter().map(|row| {
                    let (bt, bv) = row_cell(row, base, lang);
                    html! {
                        <tr>
                            <th scope="row">{ row.label.get(lang) }</th>
                            <td data-testid={format!("sum-{}-baseline", row.id)} data-value={bv}>{ bt }</td>
                            { for plans.iter().map(|(i, _, year)| {
                                let (text, value) = row_cell(row, year, lang);
                                let change = row.difference(base, year).map(|d| change_text(&d, lang)).unwrap_or_default();
                                let testid = if *i == props.active {
                                    format!("sum-{}-proposal", row.id)
                                } else {
                                    format!("sum-{}-plan-{i}", row.id)
                                };
                                html! {
                                    <td data-testid={testid} data-value={value}
                                        class={classes!((*i == props.active).then_some("active"))}>
                                        { text }<span class="cell-change">{ change }</span>
                                    </td>
                                }
                            }) }
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            </div>
        </section>
    }
}
