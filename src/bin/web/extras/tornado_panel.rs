//! Which lever matters most (敏感性): every policy lever and assumption moved down and up by
//! ±10 % or by one natural unit, its effect on one outcome, largest first: a tornado chart and a
//! table (`ncms_sim::sensitivity`, the same as `ncms sensitivity`). Follows the settled plan,
//! worked out by the compute service off the page's thread; the last tornado stays, marked
//! stale, while the new one is worked out.

use crate::extras::compute::{use_compute, Computed};
use crate::state::shown::raw as figure_raw;
use crate::view::shared::Shared;
use crate::view::ui_words::ui;
use ncms_sim::params::Role;
use ncms_sim::sensitivity::{move_words, Outcome, Step, Tornado};
use ncms_sim::service::{Ask, Reply, Request};
use ncms_sim::{CheckedScenario, Edits, Lang};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TornadoPanelProps {
    pub scenario: Shared<CheckedScenario>,
    /// The same scenario as the compute service reads it.
    pub scenario_json: Rc<str>,
    pub edits: Edits,
    pub lang: Lang,
}

/// The outcomes offered, by the report's field name, then what the plan does for families (the
/// protection figures, first year).
const OUTCOMES: [&str; 8] = [
    "surplus",
    "closing_balance",
    "outpatient_share",
    "catastrophic_10",
    "inpatient_catastrophic_10",
    "catastrophic_25",
    "impoverishing",
    "mean_oop_per_admission",
];
/// Bars drawn before "show all".
const TOP: usize = 12;

/// The chart's geometry: wide (labels beside the bars) or narrow (a phone: labels above them).
struct Layout {
    width: f64,
    /// Where the bars start, and how far down the row they sit.
    bars_x: f64,
    bar_dy: f64,
    row: f64,
    /// Label width in half-em units.
    label_fit: usize,
    class: &'static str,
}

const WIDE: Layout = Layout {
    width: 680.0,
    bars_x: 280.0,
    bar_dy: 0.0,
    row: 22.0,
    label_fit: 38,
    class: "tornado wide",
};

const NARROW: Layout = Layout {
    width: 360.0,
    bars_x: 0.0,
    bar_dy: 18.0,
    row: 38.0,
    label_fit: 50,
    class: "tornado narrow",
};

/// `text` cut to about `width` half-em units (a Chinese character is two), with "…" when cut.
fn fit(text: &str, width: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        used += if c.is_ascii() { 1 } else { 2 };
        if used > width {
            out.push('…');
            return out;
        }
        out.push(c);
    }
    out
}

fn chart(t: &Tornado, step: Step, count: usize, lang: Lang, layout: &Layout) -> Html {
    let bars = &t.bars(step)[..count.min(t.bars(step).len())];
    let base = t.base.value();
    let (lo, hi) = bars.iter().fold((base, base), |(lo, hi), b| {
        let (a, c) = (b.outcome_low.value(), b.outcome_high.value());
        (lo.min(a).min(c), hi.max(a).max(c))
    });
    let span = if hi > lo { hi - lo } else { 1.0 };
    let x = |v: f64| layout.bars_x + 4.0 + (v - lo) / span * (layout.width - layout.bars_x - 8.0);
    let height = layout.row * bars.len() as f64 + 24.0;
    let bar_height = if layout.bar_dy > 0.0 {
        14.0
    } else {
        layout.row - 6.0
    };
    let rect = |from: f64, to: f64, y: f64, class: &'static str| {
        let (a, b) = (x(from), x(to));
        html! { <rect class={class} x={a.min(b).to_string()} y={y.to_string()}
        width={(a - b).abs().max(0.5).to_string()} height={bar_height.to_string()} /> }
    };
    html! {
        <svg viewBox={format!("0 0 {} {height}", layout.width)} class={layout.class} role="img"
            aria-label={ui(lang).tornado_aria}>
            <line class="tn-base" x1={x(base).to_string()} x2={x(base).to_string()} y1="0"
                y2={(height - 18.0).to_string()} />
            <text class="tn-base-label" x={x(base).to_string()} y={(height - 4.0).to_string()}
                text-anchor="middle">{ t.outcome.indicator.shown().text(&t.base, lang) }</text>
            { for bars.iter().enumerate().map(|(i, b)| {
                let y = 4.0 + layout.row * i as f64;
                let label = b.label.get(lang);
                html! {
                    <g class="tn-row">
                        <title>{ format!("{label}: {}", move_words(b, step, lang)) }</title>
                        <text x="0" y={(y + 13.0).to_string()} class="row-label">{ fit(label, layout.label_fit) }</text>
                        { rect(base, b.outcome_low.value(), y + layout.bar_dy, "tn-low") }
                        { rect(base, b.outcome_high.value(), y + layout.bar_dy, "tn-high") }
                    </g>
                }
            }) }
        </svg>
    }
}

#[function_component]
pub fn TornadoPanel(props: &TornadoPanelProps) -> Html {
    let lang = props.lang;
    let outcome_name = use_state(|| "surplus".to_string());
    let step = use_state(|| Step::TenPercent);
    let show_all = use_state(|| false);
    let request = Request {
        scenario: props.scenario_json.to_string(),
        plan: props.edits.clone(),
        ask: Ask::Tornado {
            outcome: (*outcome_name).clone(),
        },
    };
    let Computed { reply, fresh, ms } = use_compute("tornado".into(), Some(request));
    let on_outcome = {
        let outcome_name = outcome_name.clone();
        Callback::from(move |e: Event| {
            outcome_name.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let on_step = {
        let step = step.clone();
        Callback::from(move |e: Event| {
            step.set(
                if e.target_unchecked_into::<HtmlSelectElement>().value() == "natural_unit" {
                    Step::NaturalUnit
                } else {
                    Step::TenPercent
                },
            )
        })
    };
    let toggle = {
        let show_all = show_all.clone();
        Callback::from(move |_: MouseEvent| show_all.set(!*show_all))
    };
    // The engine's names of the outcomes, with their default years ("2013年当年结余").
    let outcome_label = |name: &str| {
        Outcome::parse(name, &props.scenario, None)
            .map_or_else(String::new, |o| o.label().get(lang).to_string())
    };
    html! {
        <div class={classes!("tornado-panel", (!fresh).then_some("stale"))} data-testid="tornado-panel"
            data-ready={fresh.to_string()} data-compute-ms={ms.to_string()}>
            <div class="panel-form">
                <label>{ ui(lang).tornado_outcome }
                    <select data-testid="tornado-outcome" onchange={on_outcome}>
                        { for OUTCOMES.iter().map(|name| html! {
                            <option value={*name} selected={*outcome_name == *name}>{ outcome_label(name) }</option>
                        }) }
                    </select>
                </label>
                <label>{ ui(lang).tornado_step }
                    <select data-testid="tornado-step" onchange={on_step}>
                        <option value="ten_percent" selected={*step == Step::TenPercent}>{ ui(lang).tornado_ten_percent }</option>
                        <option value="natural_unit" selected={*step == Step::NaturalUnit}>
                            { ui(lang).tornado_natural_unit }</option>
                    </select>
                </label>
            </div>
            { match reply.as_deref() {
                None => html! { <p class="muted">{ ui(lang).working }</p> },
                Some(Reply::Tornado { tornado: t }) => {
                    let bars = t.bars(*step);
                    let count = if *show_all { bars.len() } else { TOP.min(bars.len()) };
                    html! {
                        <div data-testid="tornado" data-base={figure_raw(&t.base)} data-projections={t.projections.to_string()}>
                            <p class="wf-summary">{ format!("{}：{}", t.outcome_label.get(lang), t.outcome.indicator.shown().text(&t.base, lang)) }</p>
                            { chart(t, *step, count, lang, &WIDE) }
                            { chart(t, *step, count, lang, &NARROW) }
                            <p class="legend">
                                <span class="key-box tn-low">{ ui(lang).parameter_down }</span>
                                <span class="key-box tn-high">{ ui(lang).parameter_up }</span>
                            </p>
                            <div class="table-scroll" tabindex="0">
                            <table class="figures" data-testid="tornado-table">
                                <thead><tr>
                                    <th scope="col">{ ui(lang).parameter }</th>
                                    <th scope="col" class="tn-move">{ ui(lang).tornado_move }</th>
                                    <th scope="col">{ ui(lang).tornado_down }</th>
                                    <th scope="col">{ ui(lang).tornado_up }</th>
                                    <th scope="col">{ ui(lang).tornado_swing }</th>
                                </tr></thead>
                                <tbody>
                                    { for bars[..count].iter().map(|b| html! {
                                        <tr data-testid={format!("tn-{}", b.path)} data-swing={figure_raw(&b.swing)}>
                                            <th scope="row">{ b.label.get(lang) }
                                                <span class={classes!("role", (b.role == Role::Assumption).then_some("assumption"))}>
                                                    { if b.role == Role::Assumption { ui(lang).role_assumption } else { ui(lang).role_policy } }
                                                </span>
                                                if b.limited { <span class="muted small">{ ui(lang).held_by_range }</span> }
                                            </th>
                                            <td class="tn-move">{ move_words(b, *step, lang) }</td>
                                            <td>{ t.outcome.indicator.shown().text(&b.outcome_low, lang) }</td>
                                            <td>{ t.outcome.indicator.shown().text(&b.outcome_high, lang) }</td>
                                            <td>{ t.outcome.indicator.shown().change(&b.swing, lang) }</td>
                                        </tr>
                                    }) }
                                </tbody>
                            </table>
                            </div>
                            if bars.len() > TOP {
                                <button type="button" class="secondary small" data-testid="tornado-all" onclick={toggle}>
                                    { if *show_all { ui(lang).show_top }
                                      else { ui(lang).show_all } }
                                    { if *show_all { String::new() } else { format!("（{}）", bars.len()) } }
                                </button>
                            }
                            <p class="muted small">{ ui(lang).tornado_note }</p>
                        </div>
                    }
                }
                Some(Reply::Refused { reason }) => html! {
                    <p class="alert" data-testid="tornado-error">{ reason.get(lang) }</p>
                },
                Some(_) => html! {},
            } }
        </div>
    }
}
