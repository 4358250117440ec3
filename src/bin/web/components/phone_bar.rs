//! The phone's bar: tabs between the levers and the results, and the key figures of the year in
//! one line that stays in view.

use crate::state::shown::YearFigures;
use crate::view::shared::Shared;
use crate::view::ui_words::ui;
use ncms_sim::indicator::Indicator;
use ncms_sim::Lang;
use yew::prelude::*;

/// On a phone the page shows the levers or the results, never both side by side.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum PhoneView {
    Levers,
    Results,
}

impl PhoneView {
    /// The class the page's layout takes for this view.
    pub fn class(self) -> &'static str {
        match self {
            PhoneView::Levers => "phone-levers",
            PhoneView::Results => "phone-results",
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct PhoneBarProps {
    pub view: PhoneView,
    pub on_view: Callback<PhoneView>,
    pub figures: Shared<YearFigures>,
    pub active: usize,
    pub lang: Lang,
}

#[function_component]
pub fn PhoneBar(props: &PhoneBarProps) -> Html {
    let ui = ui(props.lang);
    let tab = |view: PhoneView, id: &'static str, label: &'static str| {
        let on_view = props.on_view.clone();
        html! {
            <button type="button" role="tab" data-testid={id}
                aria-selected={(props.view == view).to_string()}
                onclick={Callback::from(move |_: MouseEvent| on_view.emit(view))}>{ label }</button>
        }
    };
    // The active plan's surplus, balance and outpatient share, in the cards' words and units.
    let summary: Vec<String> = [
        (ui.surplus_short, Indicator::Surplus),
        (ui.balance_short, Indicator::ClosingBalance),
        (ui.outpatient_short, Indicator::OutpatientShare),
    ]
    .iter()
    .filter_map(|(word, indicator)| {
        let cell = &props
            .figures
            .row(*indicator)?
            .plans
            .get(props.active)?
            .figure;
        Some(format!("{word} {}", cell.text))
    })
    .collect();
    html! {
        <div class="phone-bar">
            <div class="phone-tabs" role="tablist" aria-label={ui.view}>
                { tab(PhoneView::Levers, "phone-levers", ui.controls) }
                { tab(PhoneView::Results, "phone-results", ui.results) }
            </div>
            <span class="phone-summary" aria-live="polite">{ summary.join(" · ") }</span>
        </div>
    }
}
