//! "What I changed": the plan's edits, labelled by the engine's registry, before → after, each in
//! its unit ("no cap → 500.00 元", "85.0% → 88.0%").

use crate::view::shared::Shared;
use crate::view::ui_words::ui;
use ncms_sim::{Comparison, Lang};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChangesProps {
    pub comparison: Shared<Comparison>,
    pub lang: Lang,
}

#[function_component]
pub fn Changes(props: &ChangesProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    let changes = &props.comparison.changes;
    let assumed = &props.comparison.assumption_changes;
    let item = |c: &ncms_sim::report::Change| {
        let (before, after) = c.show(lang);
        html! {
            <li data-testid={format!("change-{}", c.path)}
                data-after={c.after.map(|v| v.to_string()).unwrap_or_else(|| "null".into())}>
                <span class="change-label">{ c.label.get(lang) }</span>
                <span class="change-values">{ format!("{before} → {after}") }</span>
            </li>
        }
    };
    html! {
        <section class="panel changes" aria-labelledby="changes-title" data-testid="changes"
            data-count={changes.len().to_string()}>
            <h2 id="changes-title">{ ui.changes }</h2>
            if changes.is_empty() {
                <p class="muted">{ ui.no_changes }</p>
            } else {
                <ul>{ for changes.iter().map(item) }</ul>
            }
            if !assumed.is_empty() {
                <h3 data-testid="assumption-changes">{ ui.assumption_changes }</h3>
                <ul class="assumed">{ for assumed.iter().map(|c| {
                    let mut c = c.clone();
                    c.path = format!("assumption-{}", c.path);
                    item(&c)
                }) }</ul>
            }
        </section>
    }
}
