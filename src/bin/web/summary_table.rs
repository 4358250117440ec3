//! The yearly summary of the selected year, row for row the CLI's table (`render::summary_rows`):
//! baseline, proposal and the change.

use crate::format::{row_cell, row_change, rows};
use crate::i18n::ui;
use crate::year_props::YearProps;
use yew::prelude::*;

#[function_component]
pub fn SummaryTable(props: &YearProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    let Some((b, p)) = props.years() else {
        return html! {};
    };
    html! {
        <section class="panel" aria-labelledby="summary-title">
            <h2 id="summary-title">{ format!("{} {}", ui.summary, p.year) }</h2>
            <table class="figures" data-testid="summary-table">
                <thead><tr>
                    <th scope="col"></th>
                    <th scope="col">{ ui.baseline }</th>
                    <th scope="col">{ ui.proposal }</th>
                    <th scope="col">{ ui.difference }</th>
                </tr></thead>
                <tbody>
                { for rows().iter().map(|row| {
                    let (bt, bv) = row_cell(row, b, lang);
                    let (pt, pv) = row_cell(row, p, lang);
                    html! {
                        <tr>
                            <th scope="row">{ row.label.get(lang) }</th>
                            <td data-testid={format!("sum-{}-baseline", row.id)} data-value={bv}>{ bt }</td>
                            <td data-testid={format!("sum-{}-proposal", row.id)} data-value={pv}>{ pt }</td>
                            <td class="change">{ row_change(row, b, p, lang) }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
        </section>
    }
}
