//! What a plan does for families (医疗保障效果): for the baseline and every plan, the share of
//! patients whose out-of-pocket payment is catastrophic (over 10 % or 25 % of household income,
//! over 40 % of capacity to pay) or impoverishing, and the mean out of pocket per admission, with
//! each plan's difference from the baseline and the fund's cost per point avoided (the engine's
//! `ncms_sim::protection`, the same as `ncms protection`); by kind of care or by line on request;
//! and the trade-off a trainer shows: each plan as a point of its fund figure against its
//! catastrophic share, 保大病 against 保小病 in one picture. Worked out by the compute service
//! once typing pauses.

use crate::extras::compute::{use_compute, Computed};
use crate::view::format::{amount, amount_change, fund};
use crate::view::ui_words::ui;
use ncms_sim::figure::{Figure, Shown};
use ncms_sim::protection::{kind_label, Measure, PlanProtection, Protection, Shares};
use ncms_sim::scenario::NamedPlan;
use ncms_sim::service::{Ask, Reply, Request};
use ncms_sim::text::level_name;
use ncms_sim::Lang;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProtectionPanelProps {
    /// The baseline scenario as the compute service reads it.
    pub scenario_json: Rc<str>,
    /// Every plan: its name and (settled) edits.
    pub plans: Vec<(String, ncms_sim::Edits)>,
    pub lang: Lang,
}

/// How far the figures are broken down.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Detail {
    Overall,
    Kinds,
    Lines,
}

/// The fund figure the trade-off chart sets against the catastrophic share.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FundAxis {
    Surplus,
    Balance,
}

fn share(v: f64, lang: Lang) -> String {
    Shown::Percent.text(&Figure::Share(v), lang)
}

fn share_change(v: f64, lang: Lang) -> String {
    Shown::Percent.change(&Figure::Share(v), lang)
}

/// One row of shares: the baseline's, then each plan's with its difference.
fn share_cells(shares: &[(&Shares, Option<Shares>)], measure: Measure, lang: Lang) -> Html {
    html! {
        { for shares.iter().map(|(s, change)| html! {
            <td data-value={s.get(measure).to_string()}>
                { share(s.get(measure), lang) }
                if let Some(c) = change {
                    <span class="cell-change">{ share_change(c.get(measure), lang) }</span>
                }
            </td>
        }) }
    }
}

#[function_component]
pub fn ProtectionPanel(props: &ProtectionPanelProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    let detail = use_state(|| Detail::Overall);
    let axis = use_state(|| FundAxis::Surplus);
    let request = Request {
        scenario: props.scenario_json.to_string(),
        plan: ncms_sim::Edits::new(),
        ask: Ask::Protection {
            plans: props
                .plans
                .iter()
                .map(|(name, edits)| NamedPlan {
                    name: name.clone(),
                    edits: edits.clone(),
                })
                .collect(),
            baseline_name: ui.baseline.to_string(),
        },
    };
    let Computed { reply, fresh, ms } = use_compute("protection".into(), Some(request));
    let on_detail = {
        let detail = detail.clone();
        Callback::from(move |e: Event| {
            detail.set(
                match e
                    .target_unchecked_into::<HtmlSelectElement>()
                    .value()
                    .as_str()
                {
                    "kinds" => Detail::Kinds,
                    "lines" => Detail::Lines,
                    _ => Detail::Overall,
                },
            )
        })
    };
    let on_axis = {
        let axis = axis.clone();
        Callback::from(move |e: Event| {
            axis.set(
                if e.target_unchecked_into::<HtmlSelectElement>().value() == "balance" {
                    FundAxis::Balance
                } else {
                    FundAxis::Surplus
                },
            )
        })
    };
    let body = match reply.as_deref() {
        None => html! { <p class="muted">{ ui.working }</p> },
        Some(Reply::Refused { reason }) => html! { <p class="alert">{ reason.get(lang) }</p> },
        Some(Reply::Protection { protection }) => html! {
            <>
                { overall_table(protection, lang) }
                { match *detail {
                    Detail::Overall => html! {},
                    Detail::Kinds => kinds_table(protection, lang),
                    Detail::Lines => lines_table(protection, lang),
                } }
                { trade_off(protection, *axis, lang) }
                <ul class="notes-small">{ for protection.notes.iter().map(|n| html! { <li>{ n.get(lang) }</li> }) }</ul>
            </>
        },
        Some(_) => html! {},
    };
    html! {
        <section class={classes!("panel", "protection", (!fresh).then_some("stale"))} data-testid="protection-panel"
            data-ready={fresh.to_string()} data-compute-ms={ms.to_string()} aria-labelledby="protection-title">
            <h2 id="protection-title">{ ui.protection }</h2>
            <div class="panel-form">
                <label>{ ui.protection_detail }
                    <select data-testid="protection-detail" onchange={on_detail}>
                        <option value="overall" selected={*detail == Detail::Overall}>{ ui.protection_overall }</option>
                        <option value="kinds" selected={*detail == Detail::Kinds}>{ ui.protection_by_kind }</option>
                        <option value="lines" selected={*detail == Detail::Lines}>{ ui.protection_by_line }</option>
                    </select>
                </label>
                <label>{ ui.trade_off_axis }
                    <select data-testid="trade-off-axis" onchange={on_axis}>
                        <option value="surplus" selected={*axis == FundAxis::Surplus}>{ ui.trade_off_surplus }</option>
                        <option value="balance" selected={*axis == FundAxis::Balance}>{ ui.trade_off_balance }</option>
                    </select>
                </label>
            </div>
            { body }
        </section>
    }
}

/// Every plan's shares of the whole, with its difference and the fund's cost per point avoided
/// (the panel's and the printed report's).
pub fn overall_table(p: &Protection, lang: Lang) -> Html {
    let ui = ui(lang);
    let shares: Vec<(&Shares, Option<Shares>)> = p
        .plans
        .iter()
        .map(|plan| (&plan.overall.shares, plan.change.as_ref().map(|c| c.shares)))
        .collect();
    html! {
        <div class="table-scroll" tabindex="0">
        <table class="figures" data-testid="protection-table">
            <thead><tr><th scope="col"></th>
                { for p.plans.iter().enumerate().map(|(i, plan)| html! {
                    <th scope="col" class={if i == 0 { String::new() } else { format!("plan-{}", i - 1) }}>{ plan.name.clone() }</th>
                }) }
            </tr></thead>
            <tbody>
                { for Measure::ALL.iter().map(|&m| html! {
                    <tr data-testid={format!("protection-{}", m.name())}>
                        <th scope="row">{ ncms_sim::lang::capitalise(m.label().get(lang)) }</th>
                        { share_cells(&shares, m, lang) }
                    </tr>
                }) }
                <tr data-testid="protection-mean_oop_per_admission">
                    <th scope="row">{ ncms_sim::lang::capitalise(ncms_sim::protection::MEAN_OOP_PER_ADMISSION.get(lang)) }</th>
                    { for p.plans.iter().map(|plan| html! {
                        <td data-value={plan.overall.mean_oop_per_admission.to_string()}>
                            { amount(plan.overall.mean_oop_per_admission, lang) }
                            if let Some(c) = &plan.change {
                                <span class="cell-change">{ amount_change(c.mean_oop_per_admission, lang) }</span>
                            }
                        </td>
                    }) }
                </tr>
                <tr data-testid="protection-cost_per_point">
                    <th scope="row">{ ui.cost_per_point }</th>
                    { for p.plans.iter().map(|plan| html! {
                        <td>{ plan.change.as_ref()
                            .and_then(|c| c.cost_per_point.get(Measure::Catastrophic10))
                            .map_or_else(|| "–".to_string(), |y| fund(y, lang)) }</td>
                    }) }
                </tr>
            </tbody>
        </table>
        </div>
    }
}

/// A row of a detail table: its name, and the baseline's and every plan's shares with their change.
type DetailRow<'a> = (String, Vec<(&'a Shares, Option<Shares>)>);

/// The share over 10 % of income, one row per kind of care or per line: each row's name, and for
/// the baseline and every plan its shares and their change.
fn detail_table(id: &'static str, rows: Vec<DetailRow>, lang: Lang) -> Html {
    html! {
        <div class="table-scroll" tabindex="0">
        <table class="figures" data-testid={id}>
            <tbody>
                { for rows.iter().map(|(name, shares)| html! {
                    <tr>
                        <th scope="row">{ name.clone() }</th>
                        { share_cells(shares, Measure::Catastrophic10, lang) }
                    </tr>
                }) }
            </tbody>
        </table>
        </div>
    }
}

/// By kind of care: every plan's row `k` of its kinds.
fn kinds_table(p: &Protection, lang: Lang) -> Html {
    let Some(base) = p.plans.first() else {
        return html! {};
    };
    let rows = base
        .kinds
        .iter()
        .enumerate()
        .map(|(k, kind)| {
            let name = ncms_sim::lang::capitalise(kind_label(kind.kind).get(lang));
            let shares = p
                .plans
                .iter()
                .filter_map(|plan| plan.kinds.get(k))
                .map(|pk| (&pk.shares, pk.change.as_ref().map(|c| c.shares)))
                .collect();
            (name, shares)
        })
        .collect();
    detail_table("protection-kinds", rows, lang)
}

/// By line of care (level and kind): every plan's row `l` of its lines.
fn lines_table(p: &Protection, lang: Lang) -> Html {
    let Some(base) = p.plans.first() else {
        return html! {};
    };
    let rows = base
        .lines
        .iter()
        .enumerate()
        .map(|(l, line)| {
            let level = line
                .level
                .map(|lv| level_name(lv).get(lang).to_string())
                .unwrap_or_default();
            let name = format!("{level} {}", kind_label(line.kind).get(lang));
            let shares = p
                .plans
                .iter()
                .filter_map(|plan| plan.lines.get(l))
                .map(|pl| (&pl.shares, pl.change.as_ref().map(|c| c.shares)))
                .collect();
            (name, shares)
        })
        .collect();
    detail_table("protection-lines", rows, lang)
}

const W: f64 = 560.0;
const H: f64 = 260.0;
const LEFT: f64 = 86.0;
const BOTTOM: f64 = 40.0;
const TOP: f64 = 16.0;
const RIGHT: f64 = 20.0;

/// Each plan (and the baseline) as a point: its catastrophic share across, its fund figure up.
fn trade_off(p: &Protection, axis: FundAxis, lang: Lang) -> Html {
    let ui = ui(lang);
    let fund_of = |plan: &PlanProtection| {
        ncms_sim::money::to_f64(match axis {
            FundAxis::Surplus => plan.fund.surplus,
            FundAxis::Balance => plan.fund.closing_balance,
        })
    };
    let points: Vec<(usize, &PlanProtection, f64, f64)> = p
        .plans
        .iter()
        .enumerate()
        .map(|(i, plan)| (i, plan, plan.overall.shares.catastrophic_10, fund_of(plan)))
        .collect();
    let (x_lo, x_hi) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.2), hi.max(p.2))
        });
    let (y_lo, y_hi) = points
        .iter()
        .fold((0.0f64, 0.0f64), |(lo, hi), p| (lo.min(p.3), hi.max(p.3)));
    let pad = |lo: f64, hi: f64| {
        let span = (hi - lo).abs().max(hi.abs() * 0.05).max(1e-9);
        (lo - span * 0.15, hi + span * 0.15)
    };
    let ((x_lo, x_hi), (y_lo, y_hi)) = (pad(x_lo, x_hi), pad(y_lo, y_hi));
    let x = |v: f64| LEFT + (W - LEFT - RIGHT) * (v - x_lo) / (x_hi - x_lo);
    let y = |v: f64| TOP + (H - TOP - BOTTOM) * (y_hi - v) / (y_hi - y_lo);
    let zero = y(0.0);
    let fund_label = match axis {
        FundAxis::Surplus => ui.trade_off_surplus,
        FundAxis::Balance => ui.trade_off_balance,
    };
    html! {
        <figure class="trade-off" data-testid="trade-off">
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={ui.trade_off_desc}>
                <line class="grid" x1={LEFT.to_string()} x2={(W - RIGHT).to_string()} y1={zero.to_string()} y2={zero.to_string()} />
                <text class="axis-unit" x={(LEFT - 6.0).to_string()} y="12" text-anchor="end">{ Shown::FundTotal.unit_word(lang) }</text>
                <text class="axis" x={(LEFT - 6.0).to_string()} y={(y(y_hi) + 12.0).to_string()} text-anchor="end">
                    { Shown::FundTotal.axis_number(y_hi, lang) }</text>
                <text class="axis" x={(LEFT - 6.0).to_string()} y={(y(y_lo)).to_string()} text-anchor="end">
                    { Shown::FundTotal.axis_number(y_lo, lang) }</text>
                <text class="axis" x={x(x_lo).to_string()} y={(H - 22.0).to_string()}>{ share(x_lo.max(0.0), lang) }</text>
                <text class="axis" x={x(x_hi).to_string()} y={(H - 22.0).to_string()} text-anchor="end">{ share(x_hi, lang) }</text>
                <text class="axis-title" x={((LEFT + W - RIGHT) / 2.0).to_string()} y={(H - 6.0).to_string()} text-anchor="middle">
                    { ncms_sim::lang::capitalise(Measure::Catastrophic10.label().get(lang)) }</text>
                { for points.iter().map(|(i, plan, sx, fy)| {
                    let class = if *i == 0 { "baseline".to_string() } else { format!("plan-{}", i - 1) };
                    html! {
                        <g class={classes!("trade-point", class.clone())} data-testid={format!("trade-off-{class}")}
                            data-share={sx.to_string()} data-fund={fy.to_string()}>
                            <title>{ format!("{}: {} · {} {}", plan.name, share(*sx, lang), fund_label,
                                ncms_sim::money::decimal_from_f64(*fy).map_or_else(String::new, |d| fund(d, lang))) }</title>
                            <circle cx={x(*sx).to_string()} cy={y(*fy).to_string()} r="6" />
                            <text x={(x(*sx) + 9.0).to_string()} y={(y(*fy) + 4.0).to_string()}>{ plan.name.clone() }</text>
                        </g>
                    }
                }) }
            </svg>
            <figcaption class="muted small">{ ui.trade_off_caption }</figcaption>
        </figure>
    }
}
