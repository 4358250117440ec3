//! The workspace's plans (方案一、二、三 …), each a set of edits over the same baseline: one chip
//! per plan in its colour, the active one in the levers panel; create, duplicate, rename,
//! delete, and make a plan the new baseline. Every change is one undoable step. Making a plan the
//! baseline says what it will do and waits for a yes; the baseline then carries the name of the
//! plan it came from. A deleted plan is said, with the way back.

use crate::state::work::MAX_PLANS;
use crate::view::ui_words::{fill, ui};
use ncms_sim::Lang;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PlansBarProps {
    /// Each plan's name, and whether its current edits are invalid.
    pub plans: Vec<(String, bool)>,
    pub active: usize,
    pub lang: Lang,
    pub on_select: Callback<usize>,
    pub on_add: Callback<()>,
    pub on_duplicate: Callback<()>,
    pub on_delete: Callback<usize>,
    pub on_rename: Callback<(usize, String)>,
    pub on_make_baseline: Callback<usize>,
    /// How many edits the active plan has.
    pub active_edits: usize,
    /// The plan whose policy was last written into the baseline.
    pub baseline_from: Option<String>,
}

/// What the bar asks or says under its buttons.
#[derive(Clone, PartialEq)]
enum Said {
    Nothing,
    /// Making the active plan the baseline, waiting for a yes.
    AskMakeBaseline,
    /// A plan was deleted: its name.
    Deleted(String),
}

#[function_component]
pub fn PlansBar(props: &PlansBarProps) -> Html {
    let ui = ui(props.lang);
    let renaming = use_state(|| false);
    let said = use_state_eq(|| Said::Nothing);
    // The rename box takes the keyboard as soon as it opens.
    let name_box = use_node_ref();
    {
        let name_box = name_box.clone();
        use_effect_with(*renaming, move |open| {
            if *open {
                if let Some(input) = name_box.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                    input.select();
                }
            }
        });
    }
    let name_of = |i: usize| props.plans.get(i).map(|p| p.0.clone()).unwrap_or_default();
    let active = props.active;
    let full = props.plans.len() >= MAX_PLANS;
    let on_rename_done = {
        let (renaming, on_rename) = (renaming.clone(), props.on_rename.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_rename.emit((active, input.value()));
            renaming.set(false);
        })
    };
    let start_rename = {
        let renaming = renaming.clone();
        Callback::from(move |_: MouseEvent| renaming.set(true))
    };
    let click = |cb: &Callback<()>| {
        let (cb, said) = (cb.clone(), said.clone());
        Callback::from(move |_: MouseEvent| {
            said.set(Said::Nothing);
            cb.emit(());
        })
    };
    let on_delete = {
        let (cb, said, name) = (props.on_delete.clone(), said.clone(), name_of(active));
        Callback::from(move |_: MouseEvent| {
            said.set(Said::Deleted(name.clone()));
            cb.emit(active);
        })
    };
    let ask_make_baseline = {
        let said = said.clone();
        Callback::from(move |_: MouseEvent| said.set(Said::AskMakeBaseline))
    };
    let make_baseline = {
        let (cb, said) = (props.on_make_baseline.clone(), said.clone());
        Callback::from(move |_: MouseEvent| {
            said.set(Said::Nothing);
            cb.emit(active);
        })
    };
    let never_mind = {
        let said = said.clone();
        Callback::from(move |_: MouseEvent| said.set(Said::Nothing))
    };
    html! {
        <nav class="plans no-print" aria-label={ui.plans} data-testid="plans">
            <div class="plan-chips" role="tablist">
                { for props.plans.iter().enumerate().map(|(i, (name, invalid))| {
                    let on_select = props.on_select.reform(move |_: MouseEvent| i);
                    html! {
                        <button type="button" role="tab" aria-selected={(i == active).to_string()}
                            class={classes!("plan-chip", format!("plan-{i}"), (i == active).then_some("active"),
                                invalid.then_some("invalid"))}
                            data-testid={format!("plan-{i}")} onclick={on_select}>
                            <span class="swatch" aria-hidden="true"></span>{ name.clone() }
                        </button>
                    }
                }) }
            </div>
            <div class="plan-tools">
                if *renaming {
                    <input type="text" class="plan-name" data-testid="plan-name-input" ref={name_box}
                        aria-label={ui.rename_plan}
                        value={props.plans.get(active).map(|p| p.0.clone()).unwrap_or_default()}
                        onchange={on_rename_done} />
                } else {
                    <button type="button" class="secondary small" data-testid="plan-rename" onclick={start_rename}>
                        { ui.rename_plan }</button>
                }
                <button type="button" class="secondary small" data-testid="plan-add" disabled={full}
                    title={ui.add_plan_hint} onclick={click(&props.on_add)}>{ ui.add_plan }</button>
                <button type="button" class="secondary small" data-testid="plan-duplicate" disabled={full}
                    title={ui.duplicate_plan_hint}
                    onclick={click(&props.on_duplicate)}>{ ui.duplicate_plan }</button>
                <button type="button" class="secondary small" data-testid="plan-delete"
                    disabled={props.plans.len() <= 1}
                    onclick={on_delete}>{ ui.delete_plan }</button>
                <button type="button" class="secondary small" data-testid="plan-make-baseline"
                    title={ui.make_baseline_hint} disabled={props.active_edits == 0}
                    aria-expanded={(*said == Said::AskMakeBaseline).to_string()}
                    onclick={ask_make_baseline}>{ ui.make_baseline }</button>
            </div>
            if let Some(from) = &props.baseline_from {
                <p class="plan-said baseline-mark" data-testid="baseline-from">
                    <span class="swatch baseline-swatch" aria-hidden="true"></span>
                    { fill(ui.baseline_from, &[("name", from)]) }</p>
            }
            { match &*said {
                Said::Nothing => html! {},
                Said::AskMakeBaseline => html! {
                    <div class="ask plan-said" role="alertdialog" data-testid="make-baseline-ask">
                        <span>{ fill(ui.make_baseline_ask, &[("name", &name_of(active)),
                            ("count", &props.active_edits.to_string())]) }</span>
                        <button type="button" data-testid="make-baseline-yes" onclick={make_baseline}>
                            { ui.make_baseline }</button>
                        <button type="button" class="secondary" data-testid="make-baseline-no"
                            onclick={never_mind.clone()}>{ ui.cancel }</button>
                    </div>
                },
                Said::Deleted(name) => html! {
                    <p class="plan-said" role="status" data-testid="plan-deleted">
                        { fill(ui.plan_deleted, &[("name", name)]) }
                        <button type="button" class="link-button" data-testid="plan-deleted-ok"
                            aria-label={ui.dismiss} onclick={never_mind}>{ "×" }</button>
                    </p>
                },
            } }
        </nav>
    }
}
