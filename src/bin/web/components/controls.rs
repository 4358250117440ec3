//! The controls panel, in two tabs: the **policy levers** of the active plan (funding with a
//! total that moves the payers together, benefits per hospital level, ceiling, consultation fee,
//! special and major diseases, premium, reserve) and the **assumptions** of the fund (population,
//! utilisation and costs per level, growth, horizon, targets, …) with its structure. Every field
//! comes from the engine's registry; the problems of the current edits show at their fields. A
//! search box finds a lever or assumption by its name in either language.

use crate::components::funding_total::FundingTotal;
use crate::components::number_field::FieldActions;
use crate::components::number_field::NumberField;
use crate::components::structure_editor::StructureEditor;
use crate::state::fields::{field_for, range_hint, section_title, Field};
use crate::state::reducer::{Loaded, Typing};
use crate::state::work::Structural;
use crate::view::shared::Shared;
use crate::view::ui_words::{fill, ui};
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

/// Whether a field's name holds every word of `query`, in either language (a lever is found by
/// its Chinese or its English name, whichever the interface shows).
fn field_matches(field: &Field, query: &str) -> bool {
    let names = format!("{} {}", field.label.zh, field.label.en).to_lowercase();
    query
        .split_whitespace()
        .all(|word| names.contains(&word.to_lowercase()))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Levers,
    Assumptions,
}

#[function_component]
pub fn Controls(props: &ControlsProps) -> Html {
    let tab = use_state(|| Tab::Levers);
    let query = use_state_eq(String::new);
    let on_query = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            query.set(input.value());
        })
    };
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
    let field_in = |field: &Field, edits: &Edits, actions: &FieldActions| {
        let problems: Vec<String> = props
            .problems
            .iter()
            .filter(|p| field_of_problem(&p.path) == field.path)
            .map(|p| p.on_screen(lang))
            .collect();
        let value = field.value_in(edits);
        let hint = range_hint(field, value, loaded.scenario.scenario(), lang);
        html! {
            <NumberField key={field.path.clone()} field={field.clone()} {value}
                {lang} edited={edits.contains_key(&field.path)} {problems} {hint}
                typing={props.typing.get(&field.path).cloned()} actions={actions.clone()} />
        }
    };

    let field_html = |field: &Field| field_in(field, edits, actions);
    let funding_total = html! {
        <div class="total-lever">
            <FundingTotal scenario={loaded.scenario.clone()} edits={props.edits.clone()}
                {lang} typing={props.typing.get(FUNDING_TOTAL.path).cloned()}
                actions={props.plan_actions.clone()} />
        </div>
    };
    // A search shows the fields of both tabs whose names hold what is typed, each under its tab.
    let searching = !query.trim().is_empty();
    let found: Vec<(String, Vec<Html>)> = if searching {
        [
            (
                ui.controls,
                &loaded.levers,
                &props.edits,
                &props.plan_actions,
            ),
            (
                ui.assumptions,
                &loaded.assumption_fields,
                &props.assumptions,
                &props.assumption_actions,
            ),
        ]
        .into_iter()
        .map(|(title, fields, edits, actions)| {
            let mut items = fields
                .iter()
                .filter(|f| field_matches(f, &query))
                .map(|f| field_in(f, edits, actions))
                .collect::<Vec<_>>();
            // The total funding per head is a lever of its own, found like the others.
            let total = field_for(&FUNDING_TOTAL, &loaded.scenario, 0);
            if std::ptr::eq(fields, &loaded.levers) && field_matches(&total, &query) {
                items.insert(0, funding_total.clone());
            }
            (title.to_string(), items)
        })
        .filter(|(_, items)| !items.is_empty())
        .collect()
    } else {
        Vec::new()
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
                    items.push(funding_total.clone());
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
            <div class="lever-search">
                <label for="lever-search" class="visually-hidden">{ ui.search_levers }</label>
                <input id="lever-search" type="search" data-testid="lever-search"
                    placeholder={ui.search_levers_placeholder} value={(*query).clone()} oninput={on_query} />
            </div>
            if searching {
                if found.is_empty() {
                    <p class="muted hint" data-testid="lever-search-none">
                        { fill(ui.search_levers_none, &[("query", query.trim())]) }</p>
                }
                { for found.into_iter().map(|(title, items)| html! {
                    <fieldset class="group" data-testid="lever-search-results">
                        <legend>{ title }</legend>
                        { for items }
                    </fieldset>
                }) }
            } else if *tab == Tab::Assumptions {
                <p class="muted hint">{ ui.assumptions_hint }</p>
            }
            if !props.problems.is_empty() {
                <div class="alert" role="alert" data-testid="edit-problems">
                    <p>{ ui.invalid_edits }</p>
                    <ul>
                        { for props.problems.iter().map(|p| html! { <li>{ p.on_screen(lang) }</li> }) }
                    </ul>
                    <p>{ ui.showing_last_valid }</p>
                </div>
            }
            if !searching {
            { for groups.into_iter().map(|(title, items)| html! {
                <fieldset class="group">
                    <legend>{ title }</legend>
                    { for items }
                </fieldset>
            }) }
            }
            if *tab == Tab::Assumptions && !searching {
                <StructureEditor scenario={loaded.original.scenario().clone()} {lang}
                    on_structure={props.on_structure.clone()} />
            }
        </aside>
    }
}
