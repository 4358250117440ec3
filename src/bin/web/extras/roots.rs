//! The second module's roots, one per place the first-paint app leaves for it: the answers under
//! the results, the new-fund dialog, the printed report. Each follows the context the first
//! module publishes (`browser::bridge`) and sends back what the official does.

use crate::browser::bridge::{self, Context};
use crate::browser::page;
use crate::extras::answers::Answers;
use crate::extras::compute::use_compute;
use crate::extras::new_fund::NewFund;
use crate::extras::print_report::PrintReport;
use crate::extras::protection_panel::ProtectionPanel;
use crate::extras::risk_panel::{risk_request, RiskPanel};
use crate::state::shown::{PlanResult, PlanResults};
use crate::state::work::ManyEdits;
use crate::view::shared::Shared;
use ncms_sim::service::{Ask, Request};
use ncms_sim::{compare_with_baseline, simulate, CheckedScenario, Edits};
use yew::prelude::*;

/// The context, kept up to date: the one published before this module started, then each new one.
#[hook]
fn use_context_of_the_page() -> Option<Context> {
    let context = use_state(bridge::context);
    {
        let context = context.clone();
        use_effect_with((), move |_| {
            bridge::on_context(Callback::from(move |c| context.set(Some(c))));
        });
    }
    (*context).clone()
}

/// The scenario of a context, read once per scenario.
#[hook]
fn use_scenario(context: &Option<Context>) -> Option<Shared<CheckedScenario>> {
    let json = context.as_ref().map(|c| c.scenario_json.clone());
    (*use_memo(json, |json| {
        json.as_ref()
            .and_then(|j| ncms_sim::read_checked(j).ok())
            .map(|read| Shared::new(read.scenario))
    }))
    .clone()
}

#[function_component]
pub fn AnswersRoot() -> Html {
    let context = use_context_of_the_page();
    let scenario = use_scenario(&context);
    let on_apply =
        Callback::from(|edits: ManyEdits| bridge::request(&bridge::Request::Apply { edits }));
    let (Some(c), Some(scenario)) = (context, scenario) else {
        return html! {};
    };
    let plan_name = c
        .plans
        .get(c.active)
        .map(|p| p.0.clone())
        .unwrap_or_default();
    html! {
        <Answers {scenario} scenario_json={c.scenario_json.clone()} edits={c.settled.clone()}
            {plan_name} lang={c.lang} {on_apply} />
    }
}

#[function_component]
pub fn ProtectionRoot() -> Html {
    let Some(c) = use_context_of_the_page() else {
        return html! {};
    };
    html! { <ProtectionPanel scenario_json={c.scenario_json.clone()} plans={c.plans.clone()} lang={c.lang} /> }
}

#[function_component]
pub fn RiskRoot() -> Html {
    let Some(c) = use_context_of_the_page() else {
        return html! {};
    };
    html! { <RiskPanel scenario_json={c.scenario_json.clone()} plans={c.plans.clone()} lang={c.lang} /> }
}

#[function_component]
pub fn NewFundRoot() -> Html {
    let context = use_context_of_the_page();
    let Some(c) = context.filter(|c| c.new_fund) else {
        return html! {};
    };
    let on_open = Callback::from(|(name, json): (String, String)| {
        bridge::request(&bridge::Request::Open { name, json })
    });
    let on_close = Callback::from(|_| bridge::request(&bridge::Request::CloseNewFund));
    html! { <NewFund lang={c.lang} {on_open} {on_close} /> }
}

/// The printed report, built while the browser prints (it says before and after), from every
/// plan's comparison with the baseline, worked out here.
#[function_component]
pub fn PrintRoot() -> Html {
    let context = use_context_of_the_page();
    let scenario = use_scenario(&context);
    // While printing: the context as it is at that moment (asked for, and published at once).
    let printing = use_state(|| None::<Context>);
    {
        let printing = printing.clone();
        use_effect_with((), move |_| {
            let after = printing.clone();
            page::on_print(
                Callback::from(move |_| {
                    bridge::request(&bridge::Request::Refresh);
                    printing.set(bridge::context());
                }),
                Callback::from(move |_| after.set(None)),
            );
        });
    }
    // The typical patients, asked whenever the plans change: printing cannot wait for them.
    let request = context.as_ref().map(|c| Request {
        scenario: c.scenario_json.to_string(),
        plan: Edits::new(),
        ask: Ask::ReportPatients {
            plans: c.plans.iter().map(|(_, e)| e.clone()).collect(),
        },
    });
    let patients = use_compute("report-patients".into(), request);
    let protection = use_compute(
        "report-protection".into(),
        context.as_ref().map(|c| Request {
            scenario: c.scenario_json.to_string(),
            plan: Edits::new(),
            ask: Ask::Protection {
                plans: c
                    .plans
                    .iter()
                    .map(|(name, edits)| ncms_sim::scenario::NamedPlan {
                        name: name.clone(),
                        edits: edits.clone(),
                    })
                    .collect(),
                baseline_name: crate::view::ui_words::ui(c.lang).baseline.to_string(),
            },
        }),
    );
    // The risk figures: the panel's very request, answered from the compute client's last reply.
    let risk = use_compute(
        "report-risk".into(),
        context
            .as_ref()
            .map(|c| risk_request(&c.scenario_json, &c.plans, c.lang)),
    );
    // Whether what printing needs beforehand is worked out for the plans as published.
    let prepared = patients.fresh && protection.fresh && risk.fresh;
    let (Some(c), Some(scenario)) = ((*printing).clone(), scenario) else {
        return html! { <span hidden=true data-testid="report-prepared" data-ready={prepared.to_string()}></span> };
    };
    // What was worked out beforehand is printed only if it is for the plans being printed.
    let current = context.as_ref().is_some_and(|k| k.plans == c.plans);
    let (patients, protection, risk) = (
        patients.reply.filter(|_| current && patients.fresh),
        protection.reply.filter(|_| current && protection.fresh),
        risk.reply.filter(|_| current && risk.fresh),
    );
    let baseline = simulate(&scenario);
    let plans: PlanResults = Shared::new(
        c.plans
            .iter()
            .filter_map(|(name, edits)| {
                let comparison = compare_with_baseline(&scenario, &baseline, edits).ok()?;
                Some(PlanResult {
                    name: name.clone(),
                    comparison: Shared::new(comparison),
                })
            })
            .collect(),
    );
    html! {
        <PrintReport {plans} {scenario} {patients} {protection} {risk}
            lang={c.lang} made_at={page::local_time()} />
    }
}
