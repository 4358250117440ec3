//! Spending by line of care in the selected year: each level's outpatient and inpatient care,
//! the special-disease, consultation-fee, major-disease and premium lines, and the total.

use crate::view::format::{fund, fund_change, share};
use crate::view::ui_words::ui;
use crate::view::year_props::YearProps;
use ncms_sim::render::{count, spending_rows};
use yew::prelude::*;

#[function_component]
pub fn LinesTable(props: &YearProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    let Some((b, p)) = props.years() else {
        return html! {};
    };
    // Lines of care always show; scheme-wide items only when they cost something.
    let rows: Vec<_> = spending_rows(b)
        .into_iter()
        .zip(spending_rows(p))
        .filter(|(b, p)| {
            b.line.is_some() || b.is_total || !(b.benefit.is_zero() && p.benefit.is_zero())
        })
        .collect();
    html! {
            <section class="panel" aria-labelledby="lines-title">
                <h2 id="lines-title">{ format!("{} {}", ui.spending_by_line, p.year) }</h2>
                <div class="table-scroll" tabindex="0">
                <table class="figures" data-testid="lines-table">
                    <thead><tr>
                        <th scope="col">{ ui.line }</th>
                        <th scope="col">{ ui.plan_volume }</th>
                        <th scope="col">{ ui.policy_ratio }</th>
                        <th scope="col">{ ui.baseline }</th>
                        <th scope="col">{ ui.proposal }</th>
                        <th scope="col">{ ui.difference }</th>
                    </tr></thead>
                    <tbody>
                    { for rows.into_iter().map(|(b, p)| html! {
                        <tr class={classes!(p.is_total.then_some("total"))}>
                            <th scope="row">{ p.name.get(lang) }</th>
                            <td>{ p.line.map(|l| count(l.volume)).unwrap_or_default() }</td>
                            <td>{ p.line.map(|l| share(l.policy_ratio, lang)).unwrap_or_default() }</td>
                            <td data-testid={format!("{}-baseline", b.id)} data-value={b.benefit.to_string()}>
                                { fund(b.benefit, lang) }</td>
                            <td data-testid={format!("{}-proposal", p.id)} data-value={p.benefit.to_string()}>
                                { fund(p.benefit, lang) }</td>
                            <td class="change">{ fund_change(p.difference(&b), lang) }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
    </div>
            </section>
        }
}
