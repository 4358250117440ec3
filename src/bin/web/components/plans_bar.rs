//! The workspace's plans (方案一、二、三 …), each a set of edits over the same baseline: one chip
//! per plan in its colour, the active one in the levers panel; create, duplicate, rename,
//! delete, and make a plan the new baseline. Every change is one undoable step.

use crate::state::work::MAX_PLANS;
use crate::view::ui_words::ui;
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
}

#[function_component]
pub fn PlansBar(props: &PlansBarProps) -> Html {
    let ui = ui(props.lang);
    let renaming = use_state(|| false);
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
    let click = |cb: &Callback<()>| cb.reform(|_: MouseEvent| ());
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
                    <input type="text" class="plan-name" data-testid="plan-name-input"
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
                    onclick={click(&props.on_duplicate)}>{ ui.duplicate_plan }</button>
                <button type="button" class="secondary small" data-testid="plan-delete"
                    disabled={props.plans.len() <= 1}
                    onclick={props.on_delete.reform(move |_: MouseEvent| active)}>{ ui.delete_plan }</button>
                <button type="button" class="secondary small" data-testid="plan-make-baseline"
                    title={ui.make_baseline_hint}
                    onclick={props.on_make_baseline.reform(move |_: MouseEvent| active)}>{ ui.make_baseline }</button>
            </div>
        </nav>
    }
}
