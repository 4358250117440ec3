//! The 测算报告 an official hands over: printed (or saved as PDF) from the browser on A4, it
//! replaces the interactive page on paper. Title, fund, date and time, the app's version; a
//! summary in words of the baseline and every plan; the assumptions; every plan's policy changes; a multi-year table per plan; the targets per plan;
//! the balance chart; one typical patient per plan; the model's notes. Every figure is the
//! engine's, named and shown as on screen.

use crate::components::balance_chart::BalanceChart;
use crate::extras::protection_panel::overall_table;
use crate::extras::risk_panel::{bands_of, cards_view, risk_cards};
use crate::state::shown::PlanResults;
use crate::view::format::{amount, fund};
use crate::view::shared::Shared;
use crate::view::ui_words::{fill, ui};
use ncms_sim::figure::{Figure, Shown, Unit};
use ncms_sim::indicator::Indicator;
use ncms_sim::report::Change;
use ncms_sim::service::Reply;
use ncms_sim::{CheckedScenario, Lang};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PrintReportProps {
    pub plans: PlanResults,
    /// The typical patient under the baseline and each plan, worked out beforehand by the compute
    /// service (printing cannot wait for it).
    pub patients: Option<Rc<Reply>>,
    /// What the baseline and each plan do for families, worked out beforehand likewise.
    pub protection: Option<Rc<Reply>>,
    /// How sure the baseline and each plan are (the risk figures), worked out beforehand likewise.
    pub risk: Option<Rc<Reply>>,
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
    // The yearly rows of the tables, named and shown by the engine's vocabulary.
    let rows = [
        Indicator::Income,
        Indicator::Spending,
        Indicator::Surplus,
        Indicator::ClosingBalance,
        Indicator::OutpatientShare,
        Indicator::InpatientPolicyRatio,
        Indicator::OutpatientPolicyRatio,
    ];
    let table = |report: &ncms_sim::Report, title: String| {
        html! {
            <>
                <h3>{ title }</h3>
                <table class="figures report-table">
                    <thead><tr><th></th>{ for years.iter().map(|y| html! { <th>{ y.to_string() }</th> }) }</tr></thead>
                    <tbody>{ for rows.iter().map(|row| html! {
                        <tr><th scope="row">{ row.title(lang) }</th>
                            { for report.years.iter().map(|y| html! { <td>{ row.text(y, lang) }</td> }) }</tr>
                    }) }</tbody>
                </table>
            </>
        }
    };
    // The summary up front, a line for the baseline and each plan: the first year's surplus, the
    // balance at the horizon, the outpatient share and the targets met, in the engine's words.
    let summary: Vec<String> = std::iter::once((ui.baseline.to_string(), baseline))
        .chain(
            props
                .plans
                .iter()
                .map(|p| (p.name.clone(), &p.comparison.proposal)),
        )
        .filter_map(|(name, report)| {
            let (first, last) = (report.years.first()?, report.years.last()?);
            let figure = |indicator: Indicator, y: &ncms_sim::YearReport| {
                fill(
                    ui.r_figure_in_year,
                    &[
                        ("figure", &indicator.title(lang)),
                        ("year", &y.year.to_string()),
                        ("value", &indicator.text(y, lang)),
                    ],
                )
            };
            let met = first.targets.iter().filter(|t| t.met == Some(true)).count();
            let targets = fill(
                ui.r_targets_met,
                &[
                    ("met", &met.to_string()),
                    ("all", &first.targets.len().to_string()),
                    ("year", &first.year.to_string()),
                ],
            );
            Some(fill(
                ui.r_summary_line,
                &[
                    ("name", &name),
                    ("surplus", &figure(Indicator::Surplus, first)),
                    ("balance", &figure(Indicator::ClosingBalance, last)),
                    ("share", &figure(Indicator::OutpatientShare, first)),
                    ("targets", &targets),
                ],
            ))
        })
        .collect();
    let assumption_changes = s.assumption_changes();
    // The key assumptions, named and shown by the parameter registry.
    let key_assumptions: Vec<(String, String)> = [
        "population.enrollees",
        "projection.years",
        "projection.funding_growth",
        "projection.cost_growth",
        "projection.utilisation_growth",
        "behaviour.elasticity",
        "financing.opening_balance",
        // The ranges the risk figures draw from.
        "ranges.cost_growth",
        "ranges.utilisation_growth",
        "ranges.enrollment_growth",
        "ranges.funding_growth",
        "ranges.elasticity",
        "ranges.cost_shock",
        "ranges.utilisation_shock",
    ]
    .iter()
    .filter_map(|path| {
        let param = ncms_sim::params::by_path(path)?;
        let value = param.read(s, 0).and_then(|slot| slot.number());
        // A sum of the fund (the opening balance) in 万元, as every fund total on screen.
        let shown = match value {
            Some(v) if param.unit == Unit::Yuan && param.typical.1 >= 1e8 => {
                fund(ncms_sim::money::fen_from_f64(v), lang)
            }
            // Enrollees are people, as the yearly summary says them.
            Some(v) if param.unit == Unit::Count => Shown::Persons.text(&Figure::Count(v), lang),
            _ => param.show(value, lang),
        };
        Some((ncms_sim::lang::capitalise(param.label.get(lang)), shown))
    })
    .collect();
    // The bands behind each plan's line on paper too, from the same risk figures as the cards
    // (worked out for exactly the plans printed, so never stale here).
    let print_bands = match props.risk.as_deref() {
        Some(Reply::Risk { risk }) => Some(Shared::new(bands_of(risk, "", &[]))),
        _ => None,
    };
    // The risk figures in words, with their draws and seed.
    let risk = match props.risk.as_deref() {
        Some(Reply::Risk { risk }) => Some((
            risk_cards(risk, lang),
            fill(
                ui.risk_draws,
                &[
                    ("draws", &risk.draws.to_string()),
                    ("seed", &risk.seed.to_string()),
                ],
            ),
        )),
        _ => None,
    };
    html! {
        <article class="print-report" data-testid="print-report" aria-hidden="true">
            <header>
                <h1>{ ui.report_title }</h1>
                <p class="report-fund">{ s.name.get(lang) }</p>
                <p class="report-meta">{ format!("{}：{} · {}：{} {}", ui.made_at, props.made_at, ui.version,
                    ui.title, env!("CARGO_PKG_VERSION")) }</p>
            </header>
            <section class="report-summary" data-testid="report-summary">
                <h2>{ ui.r_summary }</h2>
                <ul>{ for summary.iter().map(|line| html! { <li>{ line.clone() }</li> }) }</ul>
            </section>
            <section>
                <h2>{ ui.r_assumptions }</h2>
                <table class="figures report-kv"><tbody>
                    { for key_assumptions.iter().map(|(k, v)| html! { <tr><th scope="row">{ k.clone() }</th><td>{ v.clone() }</td></tr> }) }
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
                        let cell = |check: Option<&ncms_sim::report::TargetCheck>| match check {
                            Some(c) => format!("{} {}", c.actual_text(lang), c.verdict().get(lang)),
                            None => "–".into(),
                        };
                        html! {
                            <tr><th scope="row">{ t.label.get(lang) }</th>
                                <td>{ t.target_text(lang) }</td>
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
                <BalanceChart plans={props.plans.clone()} active={0} {lang} values_on_points=true
                    bands={print_bands} />
            </section>
            if let Some(Reply::ReportPatients { name, patients }) = props.patients.as_deref() {
                <section>
                    <h2>{ format!("{}：{}", ui.tab_patient, name.get(lang)) }</h2>
                    <table class="figures report-table">
                        <thead><tr><th></th><th>{ ui.patient_pays }</th><th>{ ui.scheme_pays }</th></tr></thead>
                        <tbody>
                            { for std::iter::once(ui.baseline.to_string())
                                .chain(props.plans.iter().map(|p| p.name.clone()))
                                .zip(patients)
                                .map(|(name, patient)| match patient {
                                    Ok(c) => html! { <tr><th scope="row">{ name }</th>
                                        <td>{ amount(c.proposal.patient, lang) }</td>
                                        <td>{ amount(c.proposal.scheme, lang) }</td></tr> },
                                    Err(reason) => html! { <tr><th scope="row">{ name }</th><td colspan="2">{ reason.get(lang) }</td></tr> },
                                }) }
                        </tbody>
                    </table>
                </section>
            }
            if let Some(Reply::Protection { protection }) = props.protection.as_deref() {
                <section class="report-protection">
                    <h2>{ ui.protection }</h2>
                    { overall_table(protection, lang) }
                </section>
            }
            if let Some((cards, draws)) = risk {
                <section class="report-risk" data-testid="report-risk">
                    <h2>{ ui.risk }</h2>
                    <p class="muted">{ draws }</p>
                    { cards_view(&cards, lang) }
                </section>
            }
            <section>
                <h2>{ ui.notes }</h2>
                <ul>{ for first.comparison.proposal.notes.iter().map(|n| html! { <li>{ n.get(lang) }</li> }) }</ul>
            </section>
        </article>
    }
}
