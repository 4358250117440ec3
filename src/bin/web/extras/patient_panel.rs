//! One patient (典型病例): a level, a kind of care and a bill, priced layer by layer under the
//! baseline and the active plan by the engine (`ncms_sim::patient`): outside the catalogue, the
//! deductible, the co-payment, the caps, the ceiling. A stacked bar per plan and a table; the
//! bundled typical patients one click away.

use crate::extras::compute::{use_compute, Computed};
use crate::view::format::amount;
use crate::view::shared::Shared;
use crate::view::ui_words::{fill, ui};
use ncms_sim::money::Yuan;
use ncms_sim::patient::{self, PatientBill, PatientCase, PatientKind, TYPICAL_CASES};
use ncms_sim::service::{Ask, Reply, Request};
use ncms_sim::text::level_name;
use ncms_sim::{CheckedScenario, Edits, Lang, Level};
use rust_decimal::Decimal;
use std::rc::Rc;
use std::str::FromStr;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PatientPanelProps {
    pub scenario: Shared<CheckedScenario>,
    /// The same scenario as the compute service reads it.
    pub scenario_json: Rc<str>,
    pub edits: Edits,
    pub plan_name: String,
    pub lang: Lang,
}

/// A bar of the bill: the scheme's part, then the patient's layer by layer.
fn bar(bill: &PatientBill, total: f64, y: f64, label: &str) -> Html {
    let width = 560.0;
    let x0 = 110.0;
    let scale = |a: Yuan| ncms_sim::money::to_f64(a) / total.max(1e-9) * width;
    let mut x = x0;
    let mut parts = Vec::new();
    let scheme = scale(bill.scheme);
    parts.push(html! {
        <rect class="seg scheme" x={x.to_string()} y={y.to_string()} width={scheme.max(0.0).to_string()} height="22">
            <title>{ format!("{}", bill.scheme) }</title>
        </rect>
    });
    x += scheme;
    for (i, layer) in bill.layers.iter().enumerate() {
        let w = scale(layer.patient);
        if w <= 0.0 {
            continue;
        }
        parts.push(html! {
            <rect class={format!("seg patient layer-{i}")} x={x.to_string()} y={y.to_string()}
                width={w.to_string()} height="22" />
        });
        x += w;
    }
    html! {
        <g>
            <text x="0" y={(y + 15.0).to_string()} class="bar-label">{ label.to_string() }</text>
            { for parts }
        </g>
    }
}

#[function_component]
pub fn PatientPanel(props: &PatientPanelProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    let first = TYPICAL_CASES
        .iter()
        .find(|c| patient::levels_with(&props.scenario, c.kind).contains(&c.level))
        .map(|c| c.case())
        .unwrap_or(PatientCase {
            level: Some(Level::County),
            kind: PatientKind::Inpatient,
            bill: ncms_sim::money::fen(Decimal::from(10_000)),
            scope_share: None,
        });
    let case = use_state(|| first);
    let bill_text = use_state(|| None::<String>);

    // Worked out by the compute service; the last bill stays, marked stale, until the new one.
    let request = Request {
        scenario: props.scenario_json.to_string(),
        plan: props.edits.clone(),
        ask: Ask::Patient { case: *case },
    };
    let Computed { reply, fresh, .. } = use_compute("patient".into(), Some(request));
    let set = |update: fn(&mut PatientCase, &str)| {
        let case = case.clone();
        let bill_text = bill_text.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_dyn_into::<HtmlSelectElement>()
                .map(|s| s.value())
                .or_else(|| e.target_dyn_into::<HtmlInputElement>().map(|i| i.value()))
                .unwrap_or_default();
            let mut next = *case;
            update(&mut next, &value);
            bill_text.set(None);
            case.set(next);
        })
    };
    let on_kind = set(|c, v| {
        if let Some(kind) = PatientKind::ALL.iter().find(|k| k.name() == v) {
            c.kind = *kind;
            c.level = kind.has_level().then_some(c.level.unwrap_or(Level::County));
            c.scope_share = None;
        }
    });
    let on_level = set(|c, v| {
        c.level = Level::parse(v);
    });
    let on_bill = {
        let (case, bill_text) = (case.clone(), bill_text.clone());
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            let cleaned: String = text
                .chars()
                .filter(|c| *c != ',' && !c.is_whitespace())
                .collect();
            if let Ok(amount) = Decimal::from_str(&cleaned) {
                let mut next = *case;
                next.bill = ncms_sim::money::fen(amount);
                case.set(next);
            }
            bill_text.set(Some(text));
        })
    };
    let kind = case.kind;
    let levels = patient::levels_with(&props.scenario, kind);
    let bill_value = (*bill_text)
        .clone()
        .unwrap_or_else(|| case.bill.normalize().to_string());

    let body = match reply.as_deref() {
        None => html! { <p class="muted">{ ui.working }</p> },
        Some(Reply::Refused { reason }) => {
            html! { <p class="alert" data-testid="patient-error">{ reason.get(lang) }</p> }
        }
        Some(Reply::Patient { patient: c }) => {
            let total = ncms_sim::money::to_f64(c.bill);
            let rows = c.baseline.layers.iter().zip(&c.proposal.layers);
            html! {
                            <>
                                <p class="patient-summary" data-testid="patient-summary"
                                    data-patient-baseline={c.baseline.patient.to_string()}
                                    data-patient-proposal={c.proposal.patient.to_string()}
                                    data-scheme-baseline={c.baseline.scheme.to_string()}
                                    data-scheme-proposal={c.proposal.scheme.to_string()}>
                                    { fill(ui.patient_summary, &[
                                        ("case", c.name.get(lang)),
                                        ("patient_before", &amount(c.baseline.patient, lang)),
                                        ("patient_after", &amount(c.proposal.patient, lang)),
                                        ("change", &crate::view::format::amount_change(c.patient_change, lang)),
                                        ("scheme_before", &amount(c.baseline.scheme, lang)),
                                        ("scheme_after", &amount(c.proposal.scheme, lang)),
                                    ]) }
                                </p>
                                <svg viewBox="0 0 680 70" class="patient-bars" role="img" aria-label={ui.patient_bars}>
                                    { bar(&c.baseline, total, 4.0, ui.baseline) }
                                    { bar(&c.proposal, total, 38.0, &props.plan_name) }
                                </svg>
                                <p class="legend">
                                    <span class="key-box scheme">{ ui.scheme_pays }</span>
                                    <span class="key-box patient">{ ui.patient_pays }</span>
                                </p>
                                <div class="table-scroll" tabindex="0">
                                <table class="figures" data-testid="patient-table">
                                    <thead><tr>
                                        <th scope="col">{ ui.layer }</th>
                                        <th scope="col">{ format!("{} {}", ui.baseline, ui.patient_short) }</th>
                                        <th scope="col">{ format!("{} {}", ui.baseline, ui.scheme_short) }</th>
                                        <th scope="col">{ format!("{} {}", props.plan_name, ui.patient_short) }</th>
                                        <th scope="col">{ format!("{} {}", props.plan_name, ui.scheme_short) }</th>
                                    </tr></thead>
                                    <tbody>
                                        { for rows.map(|(b, p)| html! {
                                            <tr>
                                                <th scope="row">{ b.label.get(lang) }</th>
                                                <td>{ amount(b.patient, lang) }</td>
                                                <td>{ amount(b.scheme, lang) }</td>
                                                <td>{ amount(p.patient, lang) }</td>
                                                <td>{ amount(p.scheme, lang) }</td>
                                            </tr>
                                        }) }
                                        <tr class="total">
                                            <th scope="row">{ ui.total }</th>
                                            <td>{ amount(c.baseline.patient, lang) }</td>
                                            <td>{ amount(c.baseline.scheme, lang) }</td>
                                            <td>{ amount(c.proposal.patient, lang) }</td>
                                            <td>{ amount(c.proposal.scheme, lang) }</td>
                                        </tr>
                                    </tbody>
                                </table>
            </div>
                                <ul class="notes-small">{ for c.notes.iter().map(|n| html! { <li>{ n.get(lang) }</li> }) }</ul>
                            </>
                        }
        }
        Some(_) => html! {},
    };

    html! {
        <div class={classes!("patient", (!fresh).then_some("stale"))} data-testid="patient-panel"
            data-ready={fresh.to_string()}>
            <div class="typical">
                { for TYPICAL_CASES.iter().filter(|c| patient::levels_with(&props.scenario, c.kind).contains(&c.level)).map(|c| {
                    let (case, bill_text, chosen) = (case.clone(), bill_text.clone(), c.case());
                    let onclick = Callback::from(move |_: MouseEvent| { bill_text.set(None); case.set(chosen); });
                    html! { <button type="button" class="secondary small" data-testid={format!("typical-{}", c.id)} {onclick}>
                        { c.name.get(lang) }</button> }
                }) }
            </div>
            <div class="patient-form">
                <label>{ ui.kind_of_care }
                    <select data-testid="patient-kind" onchange={on_kind}>
                        { for PatientKind::ALL.iter().map(|k| html! {
                            <option value={k.name()} selected={*k == kind}>{ k.label().get(lang) }</option>
                        }) }
                    </select>
                </label>
                if kind.has_level() {
                    <label>{ ui.level }
                        <select data-testid="patient-level" onchange={on_level}>
                            { for levels.iter().map(|l| html! {
                                <option value={l.name()} selected={Some(*l) == case.level}>{ level_name(*l).get(lang) }</option>
                            }) }
                        </select>
                    </label>
                }
                <label>{ ui.bill }
                    <input type="text" inputmode="decimal" class="number" data-testid="patient-bill"
                        value={bill_value} oninput={on_bill} />
                    <span class="unit">{ ui.yuan }</span>
                </label>
            </div>
            { body }
        </div>
    }
}
