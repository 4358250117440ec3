//! The targets of the selected year (2013 plan standards by default): each met or missed, for the
//! baseline and the proposal, with the proposal's gap.

use crate::view::ui_words::ui;
use crate::view::year_props::YearProps;
use ncms_sim::report::TargetCheck;
use ncms_sim::Lang;
use yew::prelude::*;

fn verdict(check: &TargetCheck, lang: Lang) -> Html {
    let class = match check.met {
        Some(true) => "badge met",
        Some(false) => "badge missed",
        None => "badge none",
    };
    html! { <span class={class}>{ check.verdict().get(lang) }</span> }
}

#[function_component]
pub fn TargetsTable(props: &YearProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    let Some((b, p)) = props.years() else {
        return html! {};
    };
    html! {
            <section class="panel" aria-labelledby="targets-title">
                <h2 id="targets-title">{ format!("{} {}", ui.targets, p.year) }</h2>
                <div class="table-scroll" tabindex="0">
                <table class="figures targets" data-testid="targets-table">
                    <thead><tr>
                        <th scope="col"></th>
                        <th scope="col">{ ui.target }</th>
                        <th scope="col">{ ui.baseline }</th>
                        <th scope="col">{ ui.proposal }</th>
                        <th scope="col">{ ui.gap }</th>
                    </tr></thead>
                    <tbody>
                    { for b.targets.iter().zip(&p.targets).map(|(bt, pt)| {
                        let met = match pt.met { Some(true) => "met", Some(false) => "missed", None => "none" };
                        html! {
                            <tr data-testid={format!("target-{}", pt.id)} data-met={met}
                                data-value={pt.actual.map(|a| a.to_string()).unwrap_or_default()}
                                data-gap={pt.gap.map(|g| g.to_string()).unwrap_or_default()}>
                                <th scope="row">{ pt.label.get(lang) }</th>
                                <td>{ pt.target_text(lang) }</td>
                                <td>{ bt.actual_text(lang) }{ " " }{ verdict(bt, lang) }</td>
                                <td>{ pt.actual_text(lang) }{ " " }{ verdict(pt, lang) }</td>
                                <td class={classes!("change", (pt.met == Some(false)).then_some("bad"))}>{ pt.gap_text(lang) }</td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
    </div>
            </section>
        }
}
