//! Reimbursement ratios of the selected year, as officials quote them: policy-scope (政策范围内)
//! and actual (实际), inpatient and outpatient, baseline against proposal.

use crate::view::format::{share, share_change};
use crate::view::ui_words::ui;
use crate::view::year_props::YearProps;
use ncms_sim::indicator::Indicator;
use ncms_sim::lang::capitalise;
use yew::prelude::*;

#[function_component]
pub fn Ratios(props: &YearProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    let Some((b, p)) = props.years() else {
        return html! {};
    };
    let (bi, pi) = (&b.indicators, &p.indicators);
    let Some(d) = props.comparison.differences.get(props.year) else {
        return html! {};
    };
    // The differences are the engine's (`Comparison::differences`), not subtracted here.
    let rows = [
        (
            "inpatient_policy_ratio",
            capitalise(Indicator::InpatientPolicyRatio.label().get(lang)),
            bi.inpatient_policy_ratio,
            pi.inpatient_policy_ratio,
            d.inpatient_policy_ratio,
        ),
        (
            "inpatient_actual_ratio",
            capitalise(Indicator::InpatientActualRatio.label().get(lang)),
            bi.inpatient_actual_ratio,
            pi.inpatient_actual_ratio,
            d.inpatient_actual_ratio,
        ),
        (
            "outpatient_policy_ratio",
            capitalise(Indicator::OutpatientPolicyRatio.label().get(lang)),
            bi.outpatient_policy_ratio,
            pi.outpatient_policy_ratio,
            d.outpatient_policy_ratio,
        ),
        (
            "outpatient_actual_ratio",
            capitalise(Indicator::OutpatientActualRatio.label().get(lang)),
            bi.outpatient_actual_ratio,
            pi.outpatient_actual_ratio,
            d.outpatient_actual_ratio,
        ),
    ];
    html! {
            <section class="panel" aria-labelledby="ratios-title">
                <h2 id="ratios-title">{ ui.ratios }</h2>
                <div class="table-scroll" tabindex="0">
                <table class="figures">
                    <thead><tr>
                        <th scope="col"></th>
                        <th scope="col">{ ui.baseline }</th>
                        <th scope="col">{ ui.proposal }</th>
                        <th scope="col">{ ui.difference }</th>
                    </tr></thead>
                    <tbody>
                    { for rows.iter().map(|(id, label, base, prop, change)| html! {
                        <tr>
                            <th scope="row">{ label.clone() }</th>
                            <td>{ share(*base) }</td>
                            <td class="strong" data-testid={format!("ratio-{id}")} data-value={prop.to_string()}>
                                { share(*prop) }</td>
                            <td class="change">{ share_change(*change, lang) }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
    </div>
            </section>
        }
}
