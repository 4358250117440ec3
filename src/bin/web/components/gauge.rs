//! The outpatient pooling share of income against its cap (25 % by default): the active plan's
//! share large, with the part of the cap it uses and its headroom; then one bar for the baseline
//! and for every plan, the cap drawn across them.

use crate::state::shown::YearFigures;
use crate::view::shared::Shared;
use crate::view::ui_words::{fill, ui};
use ncms_sim::figure::{Figure, Shown};
use ncms_sim::indicator::Indicator;
use ncms_sim::Lang;
use yew::prelude::*;

const WIDTH: f64 = 380.0;
const LABEL: f64 = 90.0;
const BAR: f64 = 14.0;
const GAP: f64 = 8.0;

#[derive(Properties, PartialEq)]
pub struct GaugeProps {
    pub figures: Shared<YearFigures>,
    pub names: Vec<String>,
    pub active: usize,
    pub lang: Lang,
}

#[function_component]
pub fn Gauge(props: &GaugeProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    let figures = &props.figures;
    let (Some(share), Some(used), Some(headroom)) = (
        figures.row(Indicator::OutpatientShare),
        figures.row(Indicator::OutpatientCapUsed),
        figures.row(Indicator::OutpatientHeadroom),
    ) else {
        return html! {};
    };
    let Some(active) = share.plans.get(props.active) else {
        return html! {};
    };
    let cap = figures.outpatient_share_cap;
    let cap_text = Shown::Percent.text(&Figure::Share(cap), lang);
    // The scale of the drawing only: the cap sits at 60 % of the bar unless a share is larger.
    let largest = share
        .plans
        .iter()
        .map(|p| p.figure.value)
        .fold(share.baseline.value, f64::max);
    let scale = (cap / 0.6).max(largest * 1.08).max(0.01);
    let x = |v: f64| LABEL + (v.max(0.0) / scale * WIDTH).min(WIDTH);
    let over = |v: f64| v > cap;
    let headroom_now = headroom.plans.get(props.active);
    let over_now = headroom_now.is_some_and(|h| h.figure.negative);
    let headroom_text = headroom_now.map_or_else(String::new, |h| {
        if h.figure.negative {
            format!("{} {}", ui.over_cap, h.figure.text.trim_start_matches('-'))
        } else {
            format!("{} {}", ui.headroom, h.figure.text)
        }
    });
    // One bar for the baseline, then one per plan: its name, its class and test id, its share.
    let bars: Vec<(String, String, &crate::state::shown::Cell)> = std::iter::once((
        ui.baseline.to_string(),
        "baseline".to_string(),
        &share.baseline,
    ))
    .chain(share.plans.iter().enumerate().map(|(i, p)| {
        let name = props.names.get(i).cloned().unwrap_or_default();
        (name, format!("plan-{i}"), &p.figure)
    }))
    .collect();
    let height = (BAR + GAP) * bars.len() as f64 + 16.0;
    let cap_x = x(cap);
    html! {
        <section class="panel gauge" aria-labelledby="gauge-title">
            <h2 id="gauge-title">{ fill(ui.gauge_title, &[("figure", &Indicator::OutpatientShare.title(lang)), ("cap", &cap_text)]) }</h2>
            <div class="gauge-figures">
                <span class={classes!("gauge-share", over(active.figure.value).then_some("bad"))}
                    data-testid="outpatient-share" data-value={active.figure.raw.clone()}
                    data-baseline={share.baseline.raw.clone()}>
                    { active.figure.text.clone() }
                </span>
                if let Some(u) = used.plans.get(props.active) {
                    <span class="gauge-detail" data-testid="outpatient-cap-used" data-value={u.figure.raw.clone()}>
                        { format!("{} {}", u.figure.text, ui.cap_used) }
                    </span>
                }
                <span class={classes!("gauge-detail", over_now.then_some("bad"))}
                    data-testid="outpatient-headroom"
                    data-value={headroom_now.map(|h| h.figure.raw.clone()).unwrap_or_default()}>
                    { headroom_text }
                </span>
            </div>
            <svg viewBox={format!("0 0 {} {height}", LABEL + WIDTH + 70.0)} class="gauge-svg" role="img"
                aria-label={format!("{} {} / {} {cap_text}", Indicator::OutpatientShare.title(lang), active.figure.text, ui.cap)}>
                { for bars.iter().enumerate().map(|(k, (name, class, cell))| {
                    let y = (BAR + GAP) * k as f64;
                    html! {
                        <g class={classes!("gauge-row", class.clone(), (k == props.active + 1).then_some("active"))}
                            data-testid={format!("gauge-{class}")} data-value={cell.raw.clone()}>
                            <title>{ format!("{name}: {}", cell.text) }</title>
                            <rect x={LABEL.to_string()} y={y.to_string()} width={WIDTH.to_string()} height={BAR.to_string()} rx="3" class="gauge-track" />
                            <rect x={LABEL.to_string()} y={y.to_string()} width={(x(cell.value) - LABEL).max(0.0).to_string()} height={BAR.to_string()} rx="3"
                                class={classes!("gauge-fill", over(cell.value).then_some("bad"))} />
                            <text x={(LABEL - 6.0).to_string()} y={(y + BAR - 2.0).to_string()} class="gauge-name" text-anchor="end">{ name.clone() }</text>
                            <text x={(LABEL + WIDTH + 6.0).to_string()} y={(y + BAR - 2.0).to_string()} class="gauge-value">{ cell.text.clone() }</text>
                        </g>
                    }
                }) }
                <line x1={cap_x.to_string()} x2={cap_x.to_string()} y1="0" y2={(height - 14.0).to_string()} class="gauge-cap" />
                <text x={cap_x.to_string()} y={(height - 2.0).to_string()} class="gauge-cap-label" text-anchor="middle">
                    { format!("{} {cap_text}", ui.cap) }
                </text>
            </svg>
        </section>
    }
}
