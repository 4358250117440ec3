//! The controls panel, in two tabs: the **policy levers** of the active plan (funding with a
//! total that moves the payers together, benefits per hospital level, ceiling, consultation fee,
//! special and major diseases, premium, reserve) and the **assumptions** of the fund (population,
//! utilisation and costs per level, growth, horizon, targets, …) with its structure. Every field
//! comes from the engine's registry; the problems of the current edits show at their fields.

use crate::components::funding_total::FundingTotal;
use crate::components::number_field::FieldActions;
use crate::components::number_field::NumberField;
use crate::components::structure_editor::StructureEditor;
use crate::state::fields::{section_title, Field};
use crate::state::reducer::{Loaded, Typing};
use crate::state::work::Structural;
use crate::view::shared::Shared;
use crate::view::ui_words::ui;
use ncms_sim::params::FUNDING_TOTAL;
use ncms_sim::{Edits, Lang, Problem};
use std::collections::BTreeMap;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub loaded: Shared<Loaded>,
    /// The active plan's edits.
    pub edits: Edits,
    pub assumptions: Edits,
    pub problems: Shared<Vec<Problem>>,
    pub lang: Lang,
    /// What the fields send, for the plan's levers and for the assumptions.
    pub plan_actions: FieldActions,
    pub assumption_actions: FieldActions,
    /// What is typed into the fields, by path.
    pub typing: Shared<BTreeMap<String, Typing>>,
    pub on_structure: Callback<Structural>,
    pub on_reset: Callback<()>,
}

/// A problem's field path, without the `proposal.` or `assumptions.` of a file's own edits.
fn field_of_problem(path: &str) -> &str {
    path.strip_prefix("proposal.")
        .or_else(|| path.strip_prefix("assumptions."))
        .unwrap_or(path)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Levers,
    Assumptions,
}

#[function_component]
pub fn Controls(props: &ControlsProps) -> Html {
    let tab = use_state(|| Tab::Levers);
    let ui = ui(props.lang);
    let lang = props.lang;
    let loaded = &props.loaded;
    let (fields, edits, actions) = match *tab {
        Tab::Levers => (&loaded.levers, &props.edits, &props.plan_actions),
        Tab::Assumptions => (
            &loaded.assumption_fields,
            &props.assumptions,
            &props.assumption_actions,
        ),
    };
    let field_html = |field: &Field| {
        let problems: Vec<String> = props
            .problems
            .iter()
            .filter(|p| field_of_problem(&p.path) == field.path)
            .map(|p| p.message.get(lang).to_string())
            .collect();
        html! {
            <NumberField key={field.path.clone()} field={field.clone()} value={field.value_in(edits)}
                {lang} edited={edits.contains_key(&field.path)} {problems}
                typing={props.typing.get(&field.path).cloned()} actions={actions.clone()} />
        }
    };

    let mut groups: Vec<(String, Vec<Html>)> = Vec::new();
    let mut last = None;
    for field in fields.iter() {
        if last != Some(field.section) {
            groups.push((
                section_title(field.section, &loaded.scenario, lang),
                Vec::new(),
            ));
            last = Some(field.section);
            // The total funding per head leads the funding group: it moves every payer at once.
            if *tab == Tab::Levers
                && field.section
                    == crate::state::fields::Section::Group(ncms_sim::params::Group::Funding)
            {
                if let Some((_, items)) = groups.last_mut() {
                    items.push(html! {
                        <div class="total-lever">
                            <FundingTotal scenario={loaded.scenario.clone()} edits={props.edits.clone()}
                                {lang} typing={props.typing.get(FUNDING_TOTAL.path).cloned()}
                                actions={props.plan_actions.clone()} />
                        </div>
                    });
                }
            }
        }
        if let Some((_, items)) = groups.last_mut() {
            items.push(field_html(field));
        }
    }
    let on_reset = props.on_reset.reform(|_: MouseEvent| ());
    let select = |t: Tab| {
        let tab = tab.clone();
        Callback::from(move |_: MouseEvent| tab.set(t))
    };
    let tab_button = |t: Tab, label: &'static str, id: &'static str| {
        let count = match t {
            Tab::Levers => props.edits.len(),
            Tab::Assumptions => props.assumptions.len(),
        };
        html! {
            <button type="button" role="tab" aria-selected={(*tab == t).to_string()}
                class={classes!("tab", (*tab == t).then_some("active"))} data-testid={id}
                onclick={select(t)}>
                { label }
                if count > 0 { <span class="count">{ count }</span> }
            </button>
        }
    };

    html! {
        <aside class="controls no-print" aria-label={ui.controls}>
            <div class="controls-head">
                <div class="tabs" role="tablist">
                    { tab_button(Tab::Levers, ui.controls, "tab-levers") }
                    { tab_button(Tab::Assumptions, ui.assumptions, "tab-assumptions") }
                </div>
                <button type="button" class="secondary" data-testid="reset-button"
                    title={ui.reset_hint} onclick={on_reset}>{ ui.reset }</button>
            </div>
            if *tab == Tab::Assumptions {
                <p class="muted hint">{ ui.assumptions_hint }</p>
            }
            if !props.problems.is_empty() {
                <div class="alert" role="alert" data-testid="edit-problems">
                    <p>{ ui.invalid_edits }</p>
                    <ul>
                        { for props.problems.iter().map(|p| html! { <li>{ p.describe(lang) }</li> }) }
                    </ul>
                    <p>{ ui.showing_last_valid }</p>
                </div>
            }
            { for groups.into_iter().map(|(title, items)| html! {
                <fieldset class="group">
                    <legend>{ title }</legend>
                    { for items }
                </fieldset>
            }) }
            if *tab == Tab::Assumptions {
                <StructureEditor scenario={loaded.original.scenario().clone()} {lang}
                    on_structure={props.on_structure.clone()} />
            }
        </aside>
    }
}
