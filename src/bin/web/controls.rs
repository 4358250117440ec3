//! The levers panel: every policy lever of the loaded scenario from the parameter registry,
//! grouped (funding, one group per hospital level, ceiling, consultation fee, special and major
//! diseases, premium, reserve), with the problems of the current edits at their fields.

use crate::fields::{section_title, Field};
use crate::i18n::ui;
use crate::number_field::NumberField;
use crate::state::Loaded;
use ncms_sim::{Edits, Lang, Problem};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub loaded: Rc<Loaded>,
    pub edits: Edits,
    pub problems: Rc<Vec<Problem>>,
    pub lang: Lang,
    pub on_edit: Callback<(String, Option<f64>)>,
    pub on_reset: Callback<()>,
}

/// A problem's field path, without the `proposal.` of a file's own proposal.
fn field_of_problem(path: &str) -> &str {
    path.strip_prefix("proposal.").unwrap_or(path)
}

/// The value a field shows: the plan's edit if it has one, else the baseline's.
pub fn value_of(field: &Field, edits: &Edits) -> Option<f64> {
    match edits.get(&field.path) {
        Some(value) => *value,
        None => field.baseline,
    }
}

#[function_component]
pub fn Controls(props: &ControlsProps) -> Html {
    let ui = ui(props.lang);
    let lang = props.lang;
    let loaded = &props.loaded;

    let mut groups: Vec<(String, Vec<Html>)> = Vec::new();
    let mut last = None;
    for field in &loaded.levers {
        if last != Some(field.section) {
            groups.push((
                section_title(field.section, &loaded.scenario, lang),
                Vec::new(),
            ));
            last = Some(field.section);
        }
        let problems: Vec<String> = props
            .problems
            .iter()
            .filter(|p| field_of_problem(&p.path) == field.path)
            .map(|p| p.message.get(lang).to_string())
            .collect();
        if let Some((_, items)) = groups.last_mut() {
            items.push(html! {
                <NumberField key={field.path.clone()} field={field.clone()}
                    value={value_of(field, &props.edits)} {lang}
                    edited={props.edits.contains_key(&field.path)} {problems}
                    on_edit={props.on_edit.clone()} />
            });
        }
    }
    let on_reset = props.on_reset.reform(|_: MouseEvent| ());

    html! {
        <aside class="controls no-print" aria-label={ui.controls}>
            <div class="controls-head">
                <h2>{ ui.controls }</h2>
                <button type="button" class="secondary" data-testid="reset-button"
                    title={ui.reset_hint} onclick={on_reset}>{ ui.reset }</button>
            </div>
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
        </aside>
    }
}
