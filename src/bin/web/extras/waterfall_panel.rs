//! Why did it change: a waterfall from the baseline's surplus (or balance at the horizon) to the
//! active plan's, one row per edit with its direct price effect and its release effect (more use
//! when patients pay less) apart. The engine's attribution (`ncms_sim::attribution`) splits the
//! change by Shapley values, so the bars add up to the change to the fen whatever the order of
//! the edits. Computed on request by the compute service, off the page's thread: it projects
//! every subset of the edits.

use crate::extras::compute::{use_compute, Computed};
use crate::view::format::{fund, fund_change};
use crate::view::shared::Shared;
use crate::view::ui_words::ui;
use ncms_sim::attribution::{Outcome, Waterfall};
use ncms_sim::service::{Ask, Reply, Request};
use ncms_sim::{CheckedScenario, Edits, Lang};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WaterfallPanelProps {
    pub scenario: Shared<CheckedScenario>,
    /// The same scenario as the compute service reads it.
    pub scenario_json: Rc<str>,
    pub edits: Edits,
    pub plan_name: String,
    pub lang: Lang,
}

const W: f64 = 680.0;
const LABEL: f64 = 250.0;
const ROW: f64 = 24.0;

fn chart(w: &Waterfall, lang: Lang, plan: &str) -> Html {
    let ui = ui(lang);
    let f = ncms_sim::money::to_f64;
    let effects = w.by_edit();
    // The running total through every bar, to find the scale.
    let mut running = f(w.baseline);
    let mut points = vec![0.0, running];
    for e in &effects {
        running += f(e.price);
        points.push(running);
        running += f(e.release);
        points.push(running);
    }
    let (lo, hi) = points
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
    let span = (hi - lo).max(1.0);
    let x = |v: f64| LABEL + (v - lo) / span * (W - LABEL - 10.0);
    let rows = effects.len() + 2;
    let height = ROW * rows as f64 + 8.0;
    let mut y = 4.0;
    let mut out = Vec::new();
    let total_bar = |y: f64, value: f64, label: String, class: &'static str| {
        let (a, b) = (x(0.0_f64.max(lo).min(hi)), x(value));
        html! {
            <g class={class}>
                <text x="0" y={(y + 15.0).to_string()} class="row-label">{ label }</text>
                <rect x={a.min(b).to_string()} y={y.to_string()} width={(a - b).abs().max(1.0).to_string()} height={(ROW - 6.0).to_string()} />
            </g>
        }
    };
    out.push(total_bar(
        y,
        f(w.baseline),
        format!("{} {}", ui.baseline, fund(w.baseline, lang)),
        "wf-total",
    ));
    y += ROW;
    let mut start = f(w.baseline);
    for e in &effects {
        let price_end = start + f(e.price);
        let release_end = price_end + f(e.release);
        let seg = |from: f64, to: f64, class: &'static str| {
            let (a, b) = (x(from), x(to));
            html! { <rect class={class} x={a.min(b).to_string()} y={y.to_string()}
            width={(a - b).abs().max(0.5).to_string()} height={(ROW - 6.0).to_string()} /> }
        };
        out.push(html! {
            <g class="wf-edit">
                <text x="0" y={(y + 15.0).to_string()} class="row-label">
                    { format!("{} {}", e.change.label.get(lang), fund_change(e.total, lang)) }
                </text>
                { seg(start, price_end, if e.price.is_sign_negative() { "wf-price lower" } else { "wf-price higher" }) }
                { seg(price_end, release_end, "wf-release") }
            </g>
        });
        start = release_end;
        y += ROW;
    }
    out.push(total_bar(
        y,
        f(w.proposal),
        format!("{plan} {}", fund(w.proposal, lang)),
        "wf-total plan",
    ));
    html! {
        <svg viewBox={format!("0 0 {W} {height}")} class="waterfall" role="img" aria-label={ui.waterfall_desc}>
            <line class="wf-zero" x1={x(0.0_f64.clamp(lo, hi)).to_string()} x2={x(0.0_f64.clamp(lo, hi)).to_string()}
                y1="0" y2={height.to_string()} />
            { for out }
        </svg>
    }
}

#[function_component]
pub fn WaterfallPanel(props: &WaterfallPanelProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    let outcome = use_state(|| Outcome::Surplus);
    // The waterfall asked for last (its plan and outcome): stale when the plan has changed since.
    let asked = use_state(|| None::<Request>);
    let Computed { reply, fresh, .. } = use_compute("waterfall".into(), (*asked).clone());
    let compute = {
        let (asked, json, edits, outcome) = (
            asked.clone(),
            props.scenario_json.clone(),
            props.edits.clone(),
            *outcome,
        );
        Callback::from(move |_: MouseEvent| {
            asked.set(Some(Request {
                scenario: json.to_string(),
                plan: edits.clone(),
                ask: Ask::Waterfall { outcome },
            }))
        })
    };
    let on_outcome = {
        let outcome = outcome.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            outcome.set(if select.value() == "closing_balance" {
                Outcome::ClosingBalance
            } else {
                Outcome::Surplus
            });
        })
    };
    let stale = asked
        .as_ref()
        .is_some_and(|a| a.plan != props.edits || a.ask != Ask::Waterfall { outcome: *outcome });
    let working = asked.is_some() && !fresh;
    html! {
            <div class="waterfall-panel" data-testid="waterfall-panel">
                <div class="panel-form">
                    <label>{ ui.outcome }
                        <select data-testid="waterfall-outcome" onchange={on_outcome}>
                            <option value="surplus" selected={*outcome == Outcome::Surplus}>{ ui.outcome_surplus }</option>
                            <option value="closing_balance" selected={*outcome == Outcome::ClosingBalance}>{ ui.outcome_balance }</option>
                        </select>
                    </label>
                    <button type="button" data-testid="waterfall-compute" onclick={compute}>
                        { if asked.is_some() { ui.recompute } else { ui.explain_change } }</button>
                    if working { <span class="stale-note" data-testid="waterfall-working">{ ui.working }</span> }
                    else if stale { <span class="stale-note">{ ui.stale }</span> }
                </div>
                { match (asked.is_some(), reply.as_deref()) {
                    (false, _) => html! { <p class="muted">{ ui.waterfall_hint }</p> },
                    (true, None) => html! { <p class="muted">{ ui.working }</p> },
                    (true, Some(Reply::Refused { reason })) => html! { <p class="alert">{ reason.get(lang) }</p> },
                    (true, Some(Reply::Waterfall { waterfall: w })) if w.changes.is_empty() => html! { <p class="muted">{ ui.no_changes }</p> },
                    (true, Some(Reply::Waterfall { waterfall: w })) => html! {
                        <div class={classes!(stale.then_some("stale"))} data-testid="waterfall"
                            data-change={w.change.to_string()}
                            data-bars-sum={w.bars.iter().map(|b| b.amount).sum::<ncms_sim::money::Yuan>().to_string()}>
                            <p class="wf-summary">{ format!("{} {}: {} → {}（{}）", w.outcome.label().get(lang), w.year,
                                fund(w.baseline, lang), fund(w.proposal, lang), fund_change(w.change, lang)) }</p>
                            { chart(w, lang, &props.plan_name) }
                            <p class="legend">
                                <span class="key-box higher">{ format!("{}（{}）", ui.price_effect, ui.raises) }</span>
                                <span class="key-box lower">{ format!("{}（{}）", ui.price_effect, ui.lowers) }</span>
                                <span class="key-box release">{ ui.release_effect }</span>
                            </p>
                            <div class="table-scroll" tabindex="0">
                            <table class="figures" data-testid="waterfall-table">
                                <thead><tr><th scope="col">{ ui.edit }</th><th scope="col">{ ui.price_effect }</th>
                                    <th scope="col">{ ui.release_effect }</th><th scope="col">{ ui.total }</th></tr></thead>
                                <tbody>
                                    { for w.by_edit().iter().map(|e| html! {
                                        <tr data-testid={format!("wf-{}", e.change.path)} data-total={e.total.to_string()}>
                                            <th scope="row">{ e.change.label.get(lang) }</th>
                                            <td>{ fund_change(e.price, lang) }</td>
                                            <td>{ fund_change(e.release, lang) }</td>
                                            <td>{ fund_change(e.total, lang) }</td>
                                        </tr>
                                    }) }
                                    <tr class="total"><th scope="row">{ ui.total }</th>
                                        <td>{ fund_change(w.price_change, lang) }</td>
                                        <td>{ fund_change(w.release_change, lang) }</td>
                                        <td>{ fund_change(w.change, lang) }</td></tr>
                                </tbody>
                            </table>
    </div>
                            <p class="muted small">{ w.method.describe().get(lang).to_string() }</p>
                        </div>
                    },
                    (true, Some(_)) => html! {},
                } }
            </div>
        }
}
