//! The head of the results: the fund's name, the year the figures show, and one line that says
//! what the baseline and a plan are, so that a first look does not read a plan's projection as
//! the fund's accounts.

use crate::view::ui_words::{fill, ui};
use ncms_sim::{Lang, Text};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultsHeadProps {
    pub scenario_name: Text,
    /// The years of the horizon, in order.
    pub years: Vec<i32>,
    /// The index of the year shown.
    pub year: usize,
    pub lang: Lang,
    pub on_year: Callback<usize>,
}

#[function_component]
pub fn ResultsHead(props: &ResultsHeadProps) -> Html {
    let ui = ui(props.lang);
    let on_change = props.on_year.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        select.value().parse().unwrap_or(0)
    });
    html! {
        <div class="results-head">
            <h2 data-testid="scenario-name">{ props.scenario_name.get(props.lang) }</h2>
            <label for="year-select" class="no-print">{ ui.year }</label>
            <select id="year-select" class="no-print" data-testid="year-select" onchange={on_change}>
                { for props.years.iter().enumerate().map(|(i, y)| html! {
                    <option value={i.to_string()} selected={i == props.year}>{ y.to_string() }</option>
                }) }
            </select>
            <p class="intro muted" data-testid="baseline-intro">{ fill(ui.baseline_intro, &[("year",
                &props.years.first().map_or(String::new(), i32::to_string))]) }</p>
        </div>
    }
}
