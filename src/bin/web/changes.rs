//! "What I changed": the proposal's edits, labelled by the engine, before → after.

use crate::i18n::ui;
use ncms_sim::render::{figure, percent};
use ncms_sim::report::Unit;
use ncms_sim::{Comparison, Lang};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChangesProps {
    pub comparison: Rc<Comparison>,
    pub lang: Lang,
}

/// A value as an official reads it: ratios in percent, everything else as written.
fn value_text(path: &str, value: f64) -> String {
    if value.is_nan() {
        "–".into()
    } else if path.ends_with("ratio") {
        percent(value)
    } else if path.ends_with("elasticity") || path.ends_with("multiple") {
        value.to_string()
    } else {
        figure(value, Unit::Yuan)
    }
}

#[function_component]
pub fn Changes(props: &ChangesProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    let changes = &props.comparison.changes;
    html! {
        <section class="panel changes" aria-labelledby="changes-title" data-testid="changes"
            data-count={changes.len().to_string()}>
            <h2 id="changes-title">{ ui.changes }</h2>
            if changes.is_empty() {
                <p class="muted">{ ui.no_changes }</p>
            } else {
                <ul>
                { for changes.iter().map(|c| html! {
                    <li data-testid={format!("change-{}", c.path)} data-after={c.after.to_string()}>
                        <span class="change-label">{ c.label.get(lang) }</span>
                        <span class="change-values">
                            { format!("{} → {}", value_text(&c.path, c.before), value_text(&c.path, c.after)) }
                        </span>
                    </li>
                }) }
                </ul>
            }
        </section>
    }
}
