//! How sure are we (风险测算): for the baseline and every plan, the chance of a deficit in the
//! plan's first year and of the available balance running out within the horizon, in words and
//! as a share, and the extra reserve that keeps the chance of running out at 10 % or less (the
//! engine's `ncms_sim::risk`, the same as `ncms risk` with its default draws and seed). Worked
//! out by the compute service once typing pauses; the bands of the balance are sent to the first
//! module's balance chart through the bridge (`state::bands` says why).

use crate::browser::bridge;
use crate::extras::compute::{use_compute, Computed};
use crate::state::bands::{scenario_key, BandYear, RiskBands};
use crate::view::format::{fund, share};
use crate::view::ui_words::{fill, ui, Chance};
use ncms_sim::risk::{PlanRisk, Risk, RiskOptions};
use ncms_sim::scenario::NamedPlan;
use ncms_sim::service::{Ask, Reply, Request};
use ncms_sim::{Edits, Lang};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RiskPanelProps {
    /// The baseline scenario as the compute service reads it.
    pub scenario_json: Rc<str>,
    /// Every plan: its name and (settled) edits.
    pub plans: Vec<(String, Edits)>,
    pub lang: Lang,
}

/// The risk request of the baseline and `plans`, with the default draws and seed (the panel's
/// and the printed report's, the same text, so that the second is answered from the first).
pub fn risk_request(scenario_json: &str, plans: &[(String, Edits)], lang: Lang) -> Request {
    Request {
        scenario: scenario_json.to_string(),
        plan: Edits::new(),
        ask: Ask::Risk {
            plans: plans
                .iter()
                .map(|(name, edits)| NamedPlan {
                    name: name.clone(),
                    edits: edits.clone(),
                })
                .collect(),
            baseline_name: ui(lang).baseline.to_string(),
            options: RiskOptions::default(),
        },
    }
}

/// One plan's card as it reads: its figures in words, worked out before the card is drawn.
#[derive(PartialEq)]
pub struct RiskCard {
    pub name: String,
    /// `baseline` or `plan-i`, for the plan's colour.
    pub class: String,
    pub p_deficit: f64,
    pub deficit: String,
    pub p_exhausted: f64,
    pub exhausted: String,
    pub reserve: String,
    pub reserve_value: String,
}

/// The cards of the baseline and every plan.
pub fn risk_cards(risk: &Risk, lang: Lang) -> Vec<RiskCard> {
    let ui = ui(lang);
    let said = |template: &str, p: f64, year: i32| {
        let sentence = fill(
            template,
            &[
                ("chance", &Chance::of(p).words(lang)),
                ("year", &year.to_string()),
            ],
        );
        fill(
            ui.risk_said,
            &[
                ("sentence", &ncms_sim::lang::capitalise(&sentence)),
                ("share", &share(p, lang)),
            ],
        )
    };
    risk.plans
        .iter()
        .enumerate()
        .filter_map(|(i, plan): (usize, &PlanRisk)| {
            let (first, last) = (plan.years.first()?, plan.years.last()?);
            Some(RiskCard {
                name: plan.name.clone(),
                class: if i == 0 {
                    "baseline".into()
                } else {
                    format!("plan-{}", i - 1)
                },
                p_deficit: first.p_deficit,
                deficit: said(ui.risk_deficit, first.p_deficit, first.year),
                p_exhausted: last.p_exhausted,
                exhausted: said(ui.risk_exhausted, last.p_exhausted, last.year),
                reserve: fund(plan.reserve_for_90, lang),
                reserve_value: plan.reserve_for_90.to_string(),
            })
        })
        .collect()
}

/// Each plan's bands of the accumulated balance (the baseline's left out), for the chart.
pub fn bands_of(risk: &Risk, scenario_json: &str, plans: &[(String, Edits)]) -> RiskBands {
    let f = ncms_sim::money::to_f64;
    RiskBands {
        scenario: scenario_key(scenario_json),
        plans_for: plans.to_vec(),
        plans: risk
            .plans
            .iter()
            .skip(1)
            .map(|plan| {
                plan.years
                    .iter()
                    .map(|y| BandYear {
                        p5: f(y.closing_balance.p5),
                        p10: f(y.closing_balance.p10),
                        p90: f(y.closing_balance.p90),
                        p95: f(y.closing_balance.p95),
                    })
                    .collect()
            })
            .collect(),
    }
}

/// The cards, as the panel and the printed report show them.
pub fn cards_view(cards: &[RiskCard], lang: Lang) -> Html {
    let ui = ui(lang);
    html! {
        <div class="risk-cards">
            { for cards.iter().map(|c| html! {
                <div class={classes!("risk-card", c.class.clone())} data-testid={format!("risk-card-{}", c.class)}
                    data-p-deficit={c.p_deficit.to_string()} data-p-exhausted={c.p_exhausted.to_string()}
                    data-reserve={c.reserve_value.clone()}>
                    <h3><span class="swatch"></span>{ c.name.clone() }</h3>
                    <p data-testid="risk-deficit">{ c.deficit.clone() }</p>
                    <p data-testid="risk-exhausted">{ c.exhausted.clone() }</p>
                    <p class="risk-reserve">{ ui.risk_reserve }<strong>{ c.reserve.clone() }</strong></p>
                </div>
            }) }
        </div>
    }
}

#[function_component]
pub fn RiskPanel(props: &RiskPanelProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    let request = risk_request(&props.scenario_json, &props.plans, lang);
    let Computed { reply, fresh, ms } = use_compute("risk".into(), Some(request));
    // The bands go to the chart once they are for the plans given now; until then the chart
    // marks the ones it has as stale by itself.
    {
        // The plans and scenario are part of what the bands are for: sent again when they
        // change, even with figures equal to the last.
        let deps = (
            reply.clone(),
            fresh,
            props.scenario_json.clone(),
            props.plans.clone(),
        );
        use_effect_with(deps, move |(reply, fresh, scenario_json, plans)| {
            if let (Some(Reply::Risk { risk }), true) = (reply.as_deref(), *fresh) {
                bridge::request(&bridge::Request::ShowBands {
                    bands: bands_of(risk, scenario_json, plans),
                });
            }
        });
    }
    let body = match reply.as_deref() {
        None => html! { <p class="muted">{ ui.working }</p> },
        Some(Reply::Refused { reason }) => html! { <p class="alert">{ reason.get(lang) }</p> },
        Some(Reply::Risk { risk }) => {
            let cards = risk_cards(risk, lang);
            let draws = fill(
                ui.risk_draws,
                &[
                    ("draws", &risk.draws.to_string()),
                    ("seed", &risk.seed.to_string()),
                ],
            );
            html! {
                <>
                    <p class="muted small" data-testid="risk-draws" data-draws={risk.draws.to_string()}
                        data-seed={risk.seed.to_string()}>{ draws }</p>
                    { cards_view(&cards, lang) }
                </>
            }
        }
        Some(_) => html! {},
    };
    html! {
        <section class={classes!("panel", "risk", (!fresh).then_some("stale"))} data-testid="risk-panel"
            data-ready={fresh.to_string()} data-stale={(!fresh).to_string()} data-compute-ms={ms.to_string()}
            aria-labelledby="risk-title">
            <h2 id="risk-title">{ ui.risk }</h2>
            { body }
        </section>
    }
}
