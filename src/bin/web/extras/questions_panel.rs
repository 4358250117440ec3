//! Questions officials bring, one click each (反推): break-even funding per head, the highest
//! ratios the fund or the outpatient cap allows, the funding that keeps the surplus rate in its
//! band, the inpatient ratios that reach the policy-scope target and what they cost; and any
//! lever against any target (`ncms_sim::solve`, the same goal seek as `ncms solve`). Each answer
//! is in words, with an "apply" button that makes it an edit of the active plan (one undo step).
//!
//! The one-click answers follow the plan: they are worked out on the settled plan after the page
//! has painted, one question per task, so that a keystroke waits for one question at most.

use crate::extras::compute::{use_compute, use_compute_after, Computed};
use crate::state::typed_number::normalise;
use crate::state::work::ManyEdits;
use crate::view::format::raw;
use crate::view::shared::Shared;
use crate::view::ui_words::{fill, ui};
use ncms_sim::indicator::{Indicator, When};
use ncms_sim::measured::Measured;
use ncms_sim::params;
use ncms_sim::risk::RiskFigure;
use ncms_sim::service::{Ask, Reply, Request};
use ncms_sim::solve::{group_label, Answer, Found, Goal, Question, Status, LEVER_GROUPS};
use ncms_sim::{CheckedScenario, Edits, Lang};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QuestionsPanelProps {
    pub scenario: Shared<CheckedScenario>,
    /// The same scenario as the compute service reads it.
    pub scenario_json: Rc<str>,
    /// The active plan's (settled) edits: the plan the questions are asked of.
    pub edits: Edits,
    pub lang: Lang,
    pub on_apply: Callback<ManyEdits>,
}

/// The question as an official asks it, with the scenario's own targets written in.
fn asked(question: Question, scenario: &CheckedScenario, lang: Lang) -> String {
    let targets = &scenario.targets;
    let pct = |v: f64| ncms_sim::figure::trimmed((v * 1e4).round() / 100.0) + "%";
    let year = scenario.year;
    let words = ui(lang);
    match question {
        Question::BreakEvenNextYear => {
            fill(words.q_break_even_next_year, &[("year", &year.to_string())])
        }
        Question::BreakEvenHorizon => words.q_break_even_horizon.to_string(),
        Question::OutpatientWithinCap => fill(
            words.q_outpatient_within_cap,
            &[("cap", &pct(targets.outpatient_share_max.unwrap_or(0.25)))],
        ),
        Question::InpatientNoDeficit => {
            fill(words.q_inpatient_no_deficit, &[("year", &year.to_string())])
        }
        Question::SurplusBand => fill(
            words.q_surplus_band,
            &[
                ("lo", &pct(targets.surplus_rate_min.unwrap_or(0.0))),
                ("hi", &pct(targets.surplus_rate_max.unwrap_or(0.15))),
            ],
        ),
        Question::PolicyScopeTarget => fill(
            words.q_policy_scope_target,
            &[(
                "target",
                &pct(targets.inpatient_policy_ratio_min.unwrap_or(0.75)),
            )],
        ),
        Question::InpatientCatastrophic => fill(
            words.q_inpatient_catastrophic,
            &[(
                "share",
                &pct(ncms_sim::solve::INPATIENT_CATASTROPHIC_TARGET),
            )],
        ),
        Question::DeficitChance => fill(
            words.q_deficit_chance,
            &[
                ("year", &year.to_string()),
                ("chance", &pct(ncms_sim::solve::DEFICIT_CHANCE_TARGET)),
            ],
        ),
        Question::RunOutChance => fill(
            words.q_run_out_chance,
            &[("chance", &pct(ncms_sim::solve::RUN_OUT_CHANCE_TARGET))],
        ),
    }
}

fn status_name(status: Status) -> &'static str {
    match status {
        Status::Solved => "solved",
        Status::HoldsOverWholeRange => "holds_over_whole_range",
        Status::Unreachable => "unreachable",
    }
}

/// The plan's levers that an answer sets differently from `plan`: what "apply" writes.
fn changes(answer: &Answer, plan: &Edits) -> Vec<(String, Option<f64>)> {
    answer
        .edits
        .iter()
        .filter(|(path, value)| plan.get(*path) != Some(value))
        .map(|(path, value)| (path.clone(), *value))
        .collect()
}

/// The apply button of an answer: greyed out once the plan is the answer.
fn apply_button(
    answer: &Answer,
    label: &'static str,
    testid: String,
    props: &QuestionsPanelProps,
) -> Html {
    let lang = props.lang;
    let changes = changes(answer, &props.edits);
    // The plan already has the lever at the answer (a total per head may split into payers a
    // fen differently from the plan's own split, so the lever's value decides, not the edits).
    let applied = changes.is_empty() || answer.current == Some(answer.value);
    let on_apply = props.on_apply.clone();
    let lever = answer.lever.clone();
    let onclick = Callback::from(move |_: MouseEvent| {
        // Its own undo step: named by the lever and the moment.
        let key = format!("solve:{lever}:{}", crate::browser::page::now());
        on_apply.emit((key, changes.clone()))
    });
    let text = if applied {
        ui(lang).in_the_plan
    } else if answer.status == Status::Unreachable {
        ui(lang).apply_closest
    } else {
        label
    };
    html! {
        <button type="button" class="secondary small" data-testid={testid} disabled={applied} {onclick}>{ text }</button>
    }
}

/// An answer, its value in `data-answer` (not `data-value`, which marks the results' figures:
/// answers come later than the figures, after typing pauses).
fn answer_block(answer: &Answer, id: &str, props: &QuestionsPanelProps) -> Html {
    let lang = props.lang;
    html! {
        <div class="q-answer" data-testid={format!("answer-{id}")} data-answer={raw(answer.value)}
            data-status={status_name(answer.status)} data-lever={answer.lever.clone()}>
            <p>{ answer.words(lang) }</p>
            if !answer.monotone {
                <p class="muted small">{ ui(lang).not_monotone }</p>
            }
            { apply_button(answer, ui(lang).apply, format!("apply-{id}"), props) }
        </div>
    }
}

/// A reply of the compute service about a question: its answer, a band, or why not.
fn reply_block(reply: &Reply, id: &str, props: &QuestionsPanelProps) -> Html {
    let lang = props.lang;
    match reply {
        Reply::Found {
            found: Found::One(answer),
        }
        | Reply::Answer { answer } => answer_block(answer, id, props),
        Reply::Found {
            found: Found::Band(band),
        } => html! {
            <div class="q-answer" data-testid={format!("answer-{id}")} data-floor={raw(band.floor.value)}
                data-ceiling={raw(band.ceiling.value)}>
                <p>{ band.words.get(lang) }</p>
                <div class="q-buttons">
                    { apply_button(&band.floor, ui(lang).apply_lower_end, format!("apply-{id}-floor"), props) }
                    { apply_button(&band.ceiling, ui(lang).apply_upper_end, format!("apply-{id}-ceiling"), props) }
                </div>
            </div>
        },
        Reply::Refused { reason } => {
            html! { <p class="alert" data-testid={format!("answer-{id}")}>{ reason.get(lang) }</p> }
        }
        _ => html! {},
    }
}

#[function_component]
pub fn QuestionsPanel(props: &QuestionsPanelProps) -> Html {
    // Each question is asked of the compute service on its own, so answers show as they come.
    html! {
        <div class="questions-panel" data-testid="questions-panel">
            <ol class="questions">
                { for Question::ALL.iter().map(|&question| html! {
                    <QuestionItem key={question.id()} {question} scenario={props.scenario.clone()}
                        scenario_json={props.scenario_json.clone()} edits={props.edits.clone()}
                        lang={props.lang} on_apply={props.on_apply.clone()} />
                }) }
            </ol>
            <GoalSeek scenario={props.scenario.clone()} scenario_json={props.scenario_json.clone()}
                edits={props.edits.clone()} lang={props.lang} on_apply={props.on_apply.clone()} />
        </div>
    }
}

/// How long the plan must stay the same, once typing has paused, before the chance questions are
/// asked (the others are asked at once).
const CHANCE_AFTER_MS: u32 = 400;

#[derive(Properties, PartialEq)]
struct QuestionItemProps {
    question: Question,
    scenario: Shared<CheckedScenario>,
    scenario_json: Rc<str>,
    edits: Edits,
    lang: Lang,
    on_apply: Callback<ManyEdits>,
}

/// One question and its answer, asked again when the plan changes; the last answer stays,
/// marked stale, while the new one is worked out.
#[function_component]
fn QuestionItem(props: &QuestionItemProps) -> Html {
    let lang = props.lang;
    let question = props.question;
    let request = Request {
        scenario: props.scenario_json.to_string(),
        plan: props.edits.clone(),
        ask: Ask::Question { question },
    };
    // The chances over the risk figures' draws take the worker half a second: asked once the
    // plan has stayed the same a little longer than the others.
    let after = if question.is_chance() {
        CHANCE_AFTER_MS
    } else {
        0
    };
    let Computed { reply, fresh, ms } =
        use_compute_after(format!("question:{}", question.id()), Some(request), after);
    let panel = QuestionsPanelProps {
        scenario: props.scenario.clone(),
        scenario_json: props.scenario_json.clone(),
        edits: props.edits.clone(),
        lang,
        on_apply: props.on_apply.clone(),
    };
    html! {
        <li class={classes!("question", (!fresh).then_some("stale"))} data-testid={format!("q-{}", question.id())}
            data-ready={fresh.to_string()} data-compute-ms={ms.to_string()}>
            <p class="q-text">{ asked(question, &props.scenario, lang) }</p>
            { match &reply {
                Some(reply) => reply_block(reply, question.id(), &panel),
                None => html! { <p class="muted">{ ui(lang).working }</p> },
            } }
        </li>
    }
}

/// Any lever against any target: the CLI's `ncms solve` in a form.
#[function_component]
fn GoalSeek(props: &QuestionsPanelProps) -> Html {
    let lang = props.lang;
    let scenario = &props.scenario;
    let lever = use_state(|| "funding_per_head".to_string());
    let indicator = use_state(|| Measured::Indicator(Indicator::Surplus));
    let goal = use_state(|| Goal::AtLeast);
    let value = use_state(|| "0".to_string());
    let when = use_state(|| "first".to_string());
    // The goal seek asked last (its plan, or why the typed target is not a number), and its
    // reply: asked once per submission.
    let asked = use_state(|| None::<Result<Request, ()>>);
    let Computed { reply, .. } = use_compute(
        "goal-seek".into(),
        asked.as_ref().and_then(|a| a.as_ref().ok()).cloned(),
    );

    let select = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: Event| {
            state.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let on_lever = select(&lever);
    let on_when = select(&when);
    let on_indicator = {
        let indicator = indicator.clone();
        let when = when.clone();
        Callback::from(move |e: Event| {
            let name = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(found) = Measured::parse(&name) {
                // The chance of running out is asked within the horizon unless a year is chosen,
                // as `ncms solve` asks it.
                if found == Measured::Risk(RiskFigure::PExhausted) && *when == "first" {
                    when.set("all".to_string());
                }
                indicator.set(found);
            }
        })
    };
    let on_goal = {
        let goal = goal.clone();
        Callback::from(move |e: Event| {
            goal.set(
                match e
                    .target_unchecked_into::<HtmlSelectElement>()
                    .value()
                    .as_str()
                {
                    "at_most" => Goal::AtMost,
                    "equal" => Goal::Equal,
                    _ => Goal::AtLeast,
                },
            )
        })
    };
    let on_value = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| {
            value.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let share = indicator.unit() == ncms_sim::figure::Unit::Share;
    let on_solve = {
        let (asked, scenario, edits, json) = (
            asked.clone(),
            scenario.clone(),
            props.edits.clone(),
            props.scenario_json.clone(),
        );
        let (lever, indicator, goal, value, when) = (
            (*lever).clone(),
            *indicator,
            *goal,
            (*value).clone(),
            (*when).clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let op = match goal {
                Goal::AtLeast => ">=",
                Goal::AtMost => "<=",
                Goal::Equal => "=",
            };
            // The target value as typed, read as every number box reads it.
            let typed = normalise(&value);
            let typed = typed.trim_end_matches('%');
            if typed.parse::<f64>().is_err() {
                asked.set(Some(Err(())));
                return;
            }
            let target = format!(
                "{}{op}{typed}{}",
                indicator.name(),
                if share { "%" } else { "" }
            );
            // A protection figure is for the first year only (its year select is off).
            let when = match when.as_str() {
                _ if indicator.is_protection() => When::Year(scenario.year),
                "all" => When::EveryYear,
                year => When::Year(year.parse().unwrap_or(scenario.year)),
            };
            asked.set(Some(Ok(Request {
                scenario: json.to_string(),
                plan: edits.clone(),
                ask: Ask::GoalSeek {
                    lever: lever.clone(),
                    target,
                    when,
                },
            })));
        })
    };

    let levels = ncms_sim::edits::levels(scenario);
    let levers = LEVER_GROUPS
        .iter()
        .filter_map(|name| Some((name.to_string(), group_label(name)?.get(lang).to_string())))
        .chain(
            params::places(scenario)
                .filter(|p| p.param.is_lever())
                .map(|p| {
                    (
                        p.path(),
                        p.param.label_at(&levels, p.line).get(lang).to_string(),
                    )
                }),
        );
    let years = (0..scenario.projection.years.max(1)).map(|i| scenario.year + i as i32);
    // A protection figure is for the first year only.
    let first_only = indicator.is_protection();
    let stale = asked
        .as_ref()
        .and_then(|a| a.as_ref().ok())
        .is_some_and(|request| request.plan != props.edits);
    html! {
        <form class="goal-seek" data-testid="goal-seek" onsubmit={on_solve}>
            <h3>{ ui(lang).seek_title }</h3>
            <div class="panel-form">
                <label>{ ui(lang).seek_move }
                    <select data-testid="seek-lever" onchange={on_lever}>
                        { for levers.map(|(path, label)| html! {
                            <option value={path.clone()} selected={*lever == path}>{ label }</option>
                        }) }
                    </select>
                </label>
                <label>{ ui(lang).seek_so_that }
                    <select data-testid="seek-indicator" onchange={on_indicator}>
                        { for Measured::all().map(|i| html! {
                            <option value={i.name()} selected={*indicator == i}>{ i.title(lang) }</option>
                        }) }
                    </select>
                </label>
                <select data-testid="seek-goal" aria-label={ui(lang).seek_comparison} onchange={on_goal}>
                    <option value="at_least" selected={*goal == Goal::AtLeast}>{ "≥" }</option>
                    <option value="at_most" selected={*goal == Goal::AtMost}>{ "≤" }</option>
                    <option value="equal" selected={*goal == Goal::Equal}>{ "=" }</option>
                </select>
                <label class="seek-value">
                    <input type="text" inputmode="decimal" class="number" data-testid="seek-value"
                        aria-label={ui(lang).seek_target_value} value={(*value).clone()} oninput={on_value} />
                    { if share { "%" } else { indicator.unit().suffix(lang) } }
                </label>
                <label>{ ui(lang).seek_year }
                    <select data-testid="seek-year" onchange={on_when} disabled={first_only}>
                        { for years.map(|y| html! {
                            <option value={y.to_string()} selected={if first_only { y == scenario.year }
                                else { *when == y.to_string() || (*when == "first" && y == scenario.year) }}>{ y }</option>
                        }) }
                        <option value="all" selected={!first_only && *when == "all"}>{ ui(lang).every_year }</option>
                    </select>
                </label>
                <button type="submit" data-testid="seek-solve">{ ui(lang).solve }</button>
                if stale { <span class="stale-note">{ crate::view::ui_words::ui(lang).stale }</span> }
            </div>
            { match (asked.as_ref(), reply.as_deref()) {
                (Some(Err(())), _) => html! {
                    <p class="alert" data-testid="answer-seek" role="alert">{ ui(lang).seek_bad_target }</p>
                },
                (Some(Ok(_)), Some(Reply::Refused { reason })) => html! {
                    <p class="alert" data-testid="answer-seek" role="alert">{ reason.get(lang) }</p>
                },
                (Some(Ok(_)), Some(reply)) => html! {
                    <div class={classes!(stale.then_some("stale"))}>{ reply_block(reply, "seek", props) }</div>
                },
                _ => html! {},
            } }
        </form>
    }
}
