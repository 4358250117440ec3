//! The phone's bar: tabs between the levers and the results, and the key figures of the year in
//! one line that stays in view.

use crate::view::format;
use crate::view::ui_words::ui;
use ncms_sim::{Lang, YearReport};
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
    /// The active plan's selected year.
    pub year: Option<YearReport>,
    pub lang: Lang,
}

#[function_component]
pub fn PhoneBar(props: &PhoneBarProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    let tab = |view: PhoneView, id: &'static str, label: &'static str| {
        let on_view = props.on_view.clone();
        html! {
            <button type="button" role="tab" data-testid={id}
                aria-selected={(props.view == view).to_string()}
                onclick={Callback::from(move |_: MouseEvent| on_view.emit(view))}>{ label }</button>
        }
    };
    html! {
        <div class="phone-bar">
            <div class="phone-tabs" role="tablist" aria-label={ui.view}>
                { tab(PhoneView::Levers, "phone-levers", ui.controls) }
                { tab(PhoneView::Results, "phone-results", ui.results) }
            </div>
            if let Some(y) = &props.year {
                <span class="phone-summary" aria-live="polite">
                    { format!("{} {} · {} {}", ui.surplus_short, format::money(y.surplus, lang),
                        ui.balance_short, format::money(y.closing_balance, lang)) }
                </span>
            }
        </div>
    }
}
