//! The controls panel: every lever of the loaded scenario, grouped (funding, one group per hospital
//! level, ceiling, consultation fee, behaviour), with the problems of the current edits.

use crate::fields::group_title;
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
    pub on_edit: Callback<(String, f64)>,
    pub on_unset: Callback<String>,
    pub on_reset: Callback<()>,
}

fn field_of_problem(path: &str) -> &str {
    path.strip_prefix("proposal.").unwrap_or(path)
}

#[function_component]
pub fn Controls(props: &ControlsProps) -> Html {
    let ui = ui(props.lang);
    let lang = props.lang;
    let loaded = &props.loaded;

    let mut groups: Vec<(String, Vec<Html>)> = Vec::new();
    let mut last_group = None;
    for field in &loaded.fields {
        if last_group != Some(&field.group) {
            groups.push((
                group_title(&field.group, &loaded.scenario, lang),
                Vec::new(),
            ));
            last_group = Some(&field.group);
        }
        let problems: Vec<String> = props
            .problems
            .iter()
            .filter(|p| field_of_problem(&p.path) == field.path)
            .map(|p| p.describe(lang))
            .collect();
        let value = props.edits.get(&field.path).copied().or(field.baseline);
        let edited = props.edits.contains_key(&field.path);
        if let Some((_, items)) = groups.last_mut() {
            items.push(html! {
                <NumberField key={field.path.clone()} field={field.clone()} {value} {lang}
                    {edited} {problems}
                    on_edit={props.on_edit.clone()} on_unset={props.on_unset.clone()} />
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
