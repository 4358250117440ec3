//! The 测算报告 an official hands over: printed (or saved as PDF) from the browser on A4, it
//! replaces the interactive page on paper. Title, fund, date and time, the app's version; the
//! assumptions; every plan's policy changes; a multi-year table per plan; the targets per plan;
//! the balance chart; one typical patient per plan; the model's notes. Every figure is the
//! engine's, money to the fen.

use crate::components::balance_chart::BalanceChart;
use crate::view::shared::Shared;
use crate::view::ui_words::ui;
use crate::view::year_props::PlanResults;
use ncms_sim::figure::{percent, yuan};
use ncms_sim::patient::{self, TYPICAL_CASES};
use ncms_sim::report::{Bound, Change};
use ncms_sim::{CheckedScenario, Edits, Lang};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PrintReportProps {
    pub plans: PlanResults,
    /// Each plan's edits, in the order of `plans`.
    pub edits: Vec<Edits>,
    pub scenario: Shared<CheckedScenario>,
    pub lang: Lang,
    /// When the report was made, as the browser's local time.
    pub made_at: String,
}

fn changes_list(changes: &[Change], lang: Lang, none: &str) -> Html {
    if changes.is_empty() {
        return html! { <p class="muted">{ none.to_string() }</p> };
    }
    html! {
        <ul>{ for changes.iter().map(|c| {
            let (before, after) = c.show(lang);
            html! { <li>{ format!("{}：{before} → {after}", c.label.get(lang)) }</li> }
        }) }</ul>
    }
}

#[function_component]
pub fn PrintReport(props: &PrintReportProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    let Some(first) = props.plans.first() else {
        return html! {};
    };
    let baseline = &first.comparison.baseline;
    let s = &props.scenario;
    let years: Vec<i32> = baseline.years.iter().map(|y| y.year).collect();
    // The yearly rows of the tables: money in yuan to the fen, shares in percent.
    type Row = (&'static str, fn(&ncms_sim::YearReport) -> String);
    let rows: [Row; 7] = [
        (ui.r_income, |y| yuan(y.income.total)),
        (ui.r_spending, |y| yuan(y.spending.total)),
        (ui.r_surplus, |y| yuan(y.surplus)),
        (ui.r_balance, |y| yuan(y.closing_balance)),
        (ui.r_outpatient_share, |y| {
            percent(y.indicators.outpatient_share)
        }),
        (ui.r_inpatient_ratio, |y| {
            percent(y.indicators.inpatient_policy_ratio)
        }),
        (ui.r_outpatient_ratio, |y| {
            percent(y.indicators.outpatient_policy_ratio)
        }),
    ];
    let table = |report: &ncms_sim::Report, title: String| {
        html! {
            <>
                <h3>{ title }</h3>
                <table class="figures report-table">
                    <thead><tr><th></th>{ for years.iter().map(|y| html! { <th>{ y.to_string() }</th> }) }</tr></thead>
                    <tbody>{ for rows.iter().map(|(label, read)| html! {
                        <tr><th scope="row">{ *label }</th>
                            { for report.years.iter().map(|y| html! { <td>{ read(y) }</td> }) }</tr>
                    }) }</tbody>
                </table>
            </>
        }
    };
    let assumption_changes = s.assumption_changes();
    let p = &s.projection;
    let key_assumptions = [
        (
            ui.a_enrollees,
            ncms_sim::figure::count(s.population.enrollees as f64),
        ),
        (
            ui.a_years,
            format!("{} ({}–{})", p.years, s.year, s.year + p.years as i32 - 1),
        ),
        (ui.a_funding_growth, percent(p.funding_growth)),
        (ui.a_cost_growth, percent(p.cost_growth)),
        (ui.a_utilisation_growth, percent(p.utilisation_growth)),
        (ui.a_elasticity, s.behaviour.elasticity.to_string()),
        (
            ui.a_opening_balance,
            format!("{} {}", yuan(s.financing.opening_balance), ui.yuan),
        ),
    ];
    let typical = TYPICAL_CASES
        .iter()
        .find(|c| c.id == "county-stay" && patient::levels_with(s, c.kind).contains(&c.level))
        .or_else(|| {
            TYPICAL_CASES
                .iter()
                .find(|c| patient::levels_with(s, c.kind).contains(&c.level))
        });

    html! {
        <article class="print-report" data-testid="print-report" aria-hidden="true">
            <header>
                <h1>{ ui.report_title }</h1>
                <p class="report-fund">{ s.name.get(lang) }</p>
                <p class="report-meta">{ format!("{}：{} · {}：{} {}", ui.made_at, props.made_at, ui.version,
                    ui.title, env!("CARGO_PKG_VERSION")) }</p>
            </header>
            <section>
                <h2>{ ui.r_assumptions }</h2>
                <table class="figures report-kv"><tbody>
                    { for key_assumptions.iter().map(|(k, v)| html! { <tr><th scope="row">{ *k }</th><td>{ v.clone() }</td></tr> }) }
                </tbody></table>
                <h3>{ ui.assumption_changes }</h3>
                { changes_list(assumption_changes, lang, ui.r_none) }
            </section>
            <section>
                <h2>{ ui.r_plans }</h2>
                { for props.plans.iter().map(|plan| html! {
                    <div class="report-plan">
                        <h3>{ plan.name.clone() }</h3>
                        { changes_list(&plan.comparison.changes, lang, ui.no_changes) }
                    </div>
                }) }
            </section>
            <section class="report-tables">
                <h2>{ ui.r_years }</h2>
                { table(baseline, ui.baseline.to_string()) }
                { for props.plans.iter().map(|plan| table(&plan.comparison.proposal, plan.name.clone())) }
            </section>
            <section>
                <h2>{ format!("{} {}", ui.targets, years.first().copied().unwrap_or_default()) }</h2>
                <table class="figures report-table">
                    <thead><tr><th></th><th>{ ui.target }</th><th>{ ui.baseline }</th>
                        { for props.plans.iter().map(|p| html! { <th>{ p.name.clone() }</th> }) }</tr></thead>
                    <tbody>
                    { for baseline.years[0].targets.iter().enumerate().map(|(i, t)| {
                        let bound = match t.bound { Bound::AtLeast => "≥ ", Bound::AtMost => "≤ " };
                        let cell = |check: Option<&ncms_sim::report::TargetCheck>| match check {
                            Some(c) => format!("{} {}", c.actual.map_or("–".into(), |a| ncms_sim::render::figure(a, c.unit)),
                                match c.met { Some(true) => ui.met, Some(false) => ui.missed, None => ui.no_data }),
                            None => "–".into(),
                        };
                        html! {
                            <tr><th scope="row">{ t.label.get(lang) }</th>
                                <td>{ format!("{bound}{}", ncms_sim::render::figure(t.target, t.unit)) }</td>
                                <td>{ cell(Some(t)) }</td>
                                { for props.plans.iter().map(|p| html! {
                                    <td>{ cell(p.comparison.proposal.years[0].targets.get(i)) }</td>
                                }) }
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
            </section>
            <section class="report-chart">
                <BalanceChart plans={props.plans.clone()} active={0} {lang} values_on_points=true />
            </section>
            if let Some(case) = typical {
                <section>
                    <h2>{ format!("{}：{}", ui.tab_patient, case.name.get(lang)) }</h2>
                    <table class="figures report-table">
                        <thead><tr><th></th><th>{ ui.patient_pays }</th><th>{ ui.scheme_pays }</th></tr></thead>
                        <tbody>
                            { for std::iter::once((ui.baseline.to_string(), Edits::new()))
                                .chain(props.plans.iter().zip(&props.edits).map(|(p, e)| (p.name.clone(), e.clone())))
                                .map(|(name, edits)| match patient::compare_plan(s, &edits, &case.case()) {
                                    Ok(c) => html! { <tr><th scope="row">{ name }</th>
                                        <td>{ format!("{} {}", yuan(c.proposal.patient), ui.yuan) }</td>
                                        <td>{ format!("{} {}", yuan(c.proposal.scheme), ui.yuan) }</td></tr> },
                                    Err(e) => html! { <tr><th scope="row">{ name }</th><td colspan="2">{ e.describe(lang) }</td></tr> },
                                }) }
                        </tbody>
                    </table>
                </section>
            }
            <section>
                <h2>{ ui.notes }</h2>
                <ul>{ for first.comparison.proposal.notes.iter().map(|n| html! { <li>{ n.get(lang) }</li> }) }</ul>
            </section>
        </article>
    }
}
