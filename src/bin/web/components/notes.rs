//! The notes under the results: the approximations the figures rest on, in the engine's words.

use crate::view::ui_words::ui;
use ncms_sim::{Label, Lang};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NotesProps {
    pub notes: Vec<Label>,
    pub lang: Lang,
}

#[function_component]
pub fn Notes(props: &NotesProps) -> Html {
    html! {
        <section class="panel notes">
            <h2>{ ui(props.lang).notes }</h2>
            <ul>
                { for props.notes.iter().map(|n| html! { <li>{ n.get(props.lang) }</li> }) }
            </ul>
        </section>
    }
}
