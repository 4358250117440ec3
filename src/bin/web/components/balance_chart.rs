//! The multi-year chart of the accumulated balance (inline SVG): the baseline dashed and every plan
//! in its colour, the zero line, and the active plan's first yearly deficit and the year its
//! available balance runs out. In presentation mode the values are written on the points. When
//! the risk panel's figures are in (`state::bands`), each plan's P10–P90 band of the balance (and
//! P5–P95, lighter) lies behind its line in its colour, marked while it is for other plans.

use crate::state::bands::{BandYear, RiskBands};
use crate::state::shown::PlanResults;
use crate::view::format::fund;
use crate::view::shared::Shared;
use crate::view::ui_words::{fill, ui};
use ncms_sim::figure::Shown;
use ncms_sim::money::to_f64;
use ncms_sim::{Lang, Report};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BalanceChartProps {
    pub plans: PlanResults,
    pub active: usize,
    pub lang: Lang,
    /// Write every value on its point (presentation mode), not only in the tooltip.
    #[prop_or_default]
    pub values_on_points: bool,
    /// Each plan's band of the balance, from the risk figures, if they are in.
    #[prop_or_default]
    pub bands: Option<Shared<RiskBands>>,
    /// The bands are for other plans or another scenario than those drawn (being worked out).
    #[prop_or_default]
    pub bands_stale: bool,
}

const W: f64 = 640.0;
const H: f64 = 260.0;
const LEFT: f64 = 78.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 34.0;

/// Round tick spacing (1, 2 or 5 × 10^n) for about `count` ticks over `span`.
fn tick_step(span: f64, count: f64) -> f64 {
    let raw = (span / count).max(1.0);
    let magnitude = 10f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// A coordinate to a tenth of a unit: the SVG needs no more, and an integer is written several
/// times faster than a float (the chart is drawn again at every edit).
fn coord(v: f64) -> String {
    let tenths = (v * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.unsigned_abs();
    format!("{sign}{}.{}", t / 10, t % 10)
}

fn balances(report: &Report) -> Vec<f64> {
    report
        .years
        .iter()
        .map(|y| to_f64(y.closing_balance))
        .collect()
}

#[function_component]
pub fn BalanceChart(props: &BalanceChartProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    let Some(active) = props.plans.get(props.active).or(props.plans.first()) else {
        return html! {};
    };
    let c = &active.comparison;
    let years: Vec<i32> = c.baseline.years.iter().map(|y| y.year).collect();
    if years.is_empty() {
        return html! {};
    }
    let base = balances(&c.baseline);
    let plans: Vec<(usize, &str, Vec<f64>)> = props
        .plans
        .iter()
        .enumerate()
        .map(|(i, p)| (i, p.name.as_str(), balances(&p.comparison.proposal)))
        .collect();
    // Each drawn plan's band, when it spans the chart's years.
    let bands: Vec<(usize, &[BandYear])> = props
        .bands
        .as_ref()
        .map(|b| {
            b.plans
                .iter()
                .enumerate()
                .take(plans.len())
                .filter(|(_, band)| band.len() == years.len())
                .map(|(i, band)| (i, band.as_slice()))
                .collect()
        })
        .unwrap_or_default();
    // The scale holds the bands too: a plan's P5 may lie far below every line.
    let band_ends = bands
        .iter()
        .flat_map(|(_, band)| band.iter().flat_map(|b| [b.p5, b.p95]));
    let all = base
        .iter()
        .copied()
        .chain(plans.iter().flat_map(|(_, _, v)| v.iter().copied()))
        .chain(band_ends);
    let (low, high) = all.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let step = tick_step((high - low).max(1.0), 4.0);
    let (low, high) = ((low / step).floor() * step, (high / step).ceil() * step);
    let high = if high <= low { low + step } else { high };
    let tick = |v: f64| Shown::FundTotal.axis_number(v, lang);
    let ticks: Vec<f64> = (0..)
        .map(|k| low + step * k as f64)
        .take_while(|v| *v <= high + step / 2.0)
        .collect();
    // Room on the left for the longest tick label at a phone's 23 px text (about 12.7 units a
    // character): the wide bands' "-600,000" would otherwise be cut at the edge.
    let longest = ticks.iter().map(|t| tick(*t).chars().count()).max();
    let left = LEFT.max(8.0 + 12.7 * longest.unwrap_or(0) as f64);
    let n = years.len();
    let x = |i: usize| {
        if n == 1 {
            left + (W - left - RIGHT) / 2.0
        } else {
            left + (W - left - RIGHT) * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: f64| TOP + (H - TOP - BOTTOM) * (high - v) / (high - low);
    let points = |values: &[f64]| {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{},{}", coord(x(i)), coord(y(*v))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Values on points and in tooltips as every panel shows a fund total; the axis in the same
    // unit, its word written once above it.
    let label =
        |v: f64| ncms_sim::money::decimal_from_f64(v).map_or_else(String::new, |d| fund(d, lang));
    let year_x = |year: Option<i32>| {
        year.and_then(|yr| years.iter().position(|y| *y == yr))
            .map(x)
    };
    // The first yearly deficit (spending above income: the balance may still be positive) and
    // the year the available balance runs out. When the two fall close together their labels
    // are stacked, never drawn over each other.
    let deficit_x = year_x(c.proposal.first_deficit_year);
    let exhausted_x = year_x(c.proposal.exhaustion_year);
    let close = matches!((deficit_x, exhausted_x), (Some(a), Some(b)) if (a - b).abs() < 150.0);
    let marker = |year: Option<i32>,
                  px: Option<f64>,
                  text: &str,
                  class: &'static str,
                  row: f64|
     -> Html {
        match (year, px) {
            (Some(year), Some(px)) => html! {
                <g class={class}>
                    <line x1={coord(px)} x2={coord(px)} y1={coord(TOP + row * 13.0)}
                        y2={coord(H - BOTTOM)} />
                    // A stacked label's row in ems: a phone's larger text stacks as far apart.
                    <text x={coord(px + if px > W / 2.0 { -4.0 } else { 4.0 })}
                        y={coord(TOP - 8.0)} dy={format!("{:.2}em", row * 1.05)}
                        text-anchor={if px > W / 2.0 { "end" } else { "start" }}>
                        { fill(ui.mark_on_chart, &[("plan", &active.name), ("mark", text), ("year", &year.to_string())]) }
                    </text>
                </g>
            },
            _ => html! {},
        }
    };
    let year_text = |y: Option<i32>| y.map_or(ui.none.to_string(), |y| y.to_string());
    // A band as a closed outline: along its top, then back along its bottom.
    let area = |band: &[BandYear], top: fn(&BandYear) -> f64, bottom: fn(&BandYear) -> f64| {
        let along = band.iter().enumerate().map(|(i, b)| (x(i), y(top(b))));
        let back = band
            .iter()
            .enumerate()
            .rev()
            .map(|(i, b)| (x(i), y(bottom(b))));
        along
            .chain(back)
            .map(|(px, py)| format!("{},{}", coord(px), coord(py)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let band_areas: Vec<(usize, String, String)> = bands
        .iter()
        .map(|(i, band)| {
            (
                *i,
                area(band, |b| b.p95, |b| b.p5),
                area(band, |b| b.p90, |b| b.p10),
            )
        })
        .collect();
    let stale = props.bands_stale.to_string();
    html! {
        <section class="panel chart-panel" aria-labelledby="chart-title">
            <h2 id="chart-title">{ ui.balance_chart }</h2>
            <p class="legend" data-testid="chart-legend">
                <span class="key key-baseline">{ ui.baseline }</span>
                { for plans.iter().map(|(i, name, _)| html! {
                    <span class={classes!("key", "key-plan", format!("plan-{i}"))}>{ *name }</span>
                }) }
                if !band_areas.is_empty() {
                    <span class={classes!("key", "key-band", props.bands_stale.then_some("stale"))}
                        data-testid="band-legend" data-stale={stale.clone()}>{ ui.band_legend }</span>
                }
                <span data-testid="deficit-year"
                    data-value={c.proposal.first_deficit_year.map(|y| y.to_string()).unwrap_or_default()}>
                    { fill(ui.mark_legend, &[("mark", ui.first_deficit), ("plan", &active.name),
                        ("year", &year_text(c.proposal.first_deficit_year)),
                        ("baseline", &year_text(c.baseline.first_deficit_year))]) }
                </span>
                <span data-testid="exhaustion-year"
                    data-value={c.proposal.exhaustion_year.map(|y| y.to_string()).unwrap_or_default()}>
                    { fill(ui.mark_legend, &[("mark", ui.exhausted), ("plan", &active.name),
                        ("year", &year_text(c.proposal.exhaustion_year)),
                        ("baseline", &year_text(c.baseline.exhaustion_year))]) }
                </span>
            </p>
            <svg viewBox={format!("0 0 {} {}", coord(W), coord(H))} class="chart" role="img" data-testid="balance-chart"
                aria-label={ui.balance_chart_desc}>
                <text class="axis-unit" x={coord(left - 6.0)} y="14" text-anchor="end">
                    { Shown::FundTotal.unit_word(lang) }</text>
                { for ticks.iter().map(|t| html! {
                    <g class="tick">
                        <line x1={coord(left)} x2={coord(W - RIGHT)}
                            y1={coord(y(*t))} y2={coord(y(*t))}
                            class={if *t == 0.0 { "zero" } else { "grid" }} />
                        <text x={coord(left - 6.0)} y={coord(y(*t) + 4.0)}
                            text-anchor="end">{ tick(*t) }</text>
                    </g>
                }) }
                { for years.iter().enumerate().map(|(i, yr)| html! {
                    <text class="year" x={coord(x(i))} y={coord(H - BOTTOM + 18.0)}
                        text-anchor="middle">{ yr.to_string() }</text>
                }) }
                { marker(c.proposal.first_deficit_year, deficit_x, ui.first_deficit, "mark deficit", 0.0) }
                { marker(c.proposal.exhaustion_year, exhausted_x, ui.exhausted, "mark exhausted",
                    if close { 1.0 } else { 0.0 }) }
                { for band_areas.iter().map(|(i, outer, inner)| html! {
                    <g class={classes!("band", format!("plan-{i}"), props.bands_stale.then_some("stale"))}
                        data-testid={format!("band-plan-{i}")} data-stale={stale.clone()}>
                        <polygon class="band-outer" points={outer.clone()} />
                        <polygon class="band-inner" points={inner.clone()} />
                    </g>
                }) }
                <polyline class="line-baseline" points={points(&base)} />
                { for plans.iter().map(|(i, name, values)| html! {
                    <g class={classes!("plan-line", format!("plan-{i}"), (*i == props.active).then_some("active"))}>
                        <polyline points={points(values)} />
                        { for values.iter().enumerate().map(|(k, v)| html! {
                            <circle class={if *v < 0.0 { "dot bad" } else { "dot" }} cx={coord(x(k))}
                                cy={coord(y(*v))} r="3.5">
                                <title>{ format!("{name} {}: {}", years[k], label(*v)) }</title>
                            </circle>
                        }) }
                        if props.values_on_points && *i == props.active {
                            { for values.iter().enumerate().map(|(k, v)| html! {
                                <text class="point-value" x={coord(x(k))} y={coord(y(*v) - 8.0)}
                                    text-anchor="middle">{ label(*v) }</text>
                            }) }
                        }
                    </g>
                }) }
            </svg>
            if !band_areas.is_empty() {
                <p class="muted small band-caption">{ ui.risk_caption }</p>
            }
        </section>
    }
}
