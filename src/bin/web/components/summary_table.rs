//! The yearly summary of the selected year, row for row the CLI's table (`Indicator::SUMMARY`):
//! the baseline and every plan, each plan with its difference from the baseline (the engine's).
//! One component per row ([`FigureRow`], also the ratios panel's), each given its row of the
//! state's figures: a row renders again only when its figures change.

use crate::state::shown::{Row, YearFigures};
use crate::view::shared::Shared;
use crate::view::ui_words::ui;
use ncms_sim::indicator::Indicator;
use ncms_sim::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SummaryTableProps {
    pub figures: Shared<YearFigures>,
    /// Each plan's name, in order.
    pub names: Vec<String>,
    pub active: usize,
    pub lang: Lang,
}

#[function_component]
pub fn SummaryTable(props: &SummaryTableProps) -> Html {
    let ui = ui(props.lang);
    html! {
        <section class="panel summary" aria-labelledby="summary-title">
            <h2 id="summary-title">{ format!("{} {}", ui.summary, props.figures.year) }</h2>
            <FiguresTable figures={props.figures.clone()} rows={Indicator::SUMMARY.to_vec()}
                names={props.names.clone()} active={props.active} lang={props.lang}
                id="summary-table" prefix="sum" />
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct FiguresTableProps {
    pub figures: Shared<YearFigures>,
    pub rows: Vec<Indicator>,
    pub names: Vec<String>,
    pub active: usize,
    pub lang: Lang,
    /// The table's test id.
    pub id: &'static str,
    /// The cells' test ids start with it: `{prefix}-{figure}-baseline`, `-proposal` (the active
    /// plan), `-plan-{i}` (the others).
    pub prefix: &'static str,
}

/// A table of figures: one row per figure, the baseline and every plan in columns (which scroll
/// sideways when they do not fit, the figure's name kept in view).
#[function_component]
pub fn FiguresTable(props: &FiguresTableProps) -> Html {
    let ui = ui(props.lang);
    html! {
        <div class="table-scroll" tabindex="0">
        <table class="figures" data-testid={props.id}>
            <thead><tr>
                <th scope="col"></th>
                <th scope="col">{ ui.baseline }</th>
                { for props.names.iter().enumerate().map(|(i, name)| html! {
                    <th scope="col" class={format!("plan-{i}")}><span class="swatch" aria-hidden="true"></span>{ name.clone() }</th>
                }) }
            </tr></thead>
            <tbody>
            { for props.rows.iter().filter_map(|&i| props.figures.row(i)).map(|row| html! {
                <FigureRow key={row.indicator.name()} row={row.clone()} active={props.active}
                    prefix={props.prefix} />
            }) }
            </tbody>
        </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct FigureRowProps {
    row: Shared<Row>,
    active: usize,
    prefix: &'static str,
}

#[function_component]
fn FigureRow(props: &FigureRowProps) -> Html {
    let row = &props.row;
    let (prefix, id) = (props.prefix, row.indicator.name());
    html! {
        <tr>
            <th scope="row">{ row.title.clone() }</th>
            <td data-testid={format!("{prefix}-{id}-baseline")} data-value={row.baseline.raw.clone()}>{ row.baseline.text.clone() }</td>
            { for row.plans.iter().enumerate().map(|(i, plan)| {
                let testid = if i == props.active {
                    format!("{prefix}-{id}-proposal")
                } else {
                    format!("{prefix}-{id}-plan-{i}")
                };
                html! {
                    <td data-testid={testid} data-value={plan.figure.raw.clone()}
                        class={classes!((i == props.active).then_some("active"))}>
                        { plan.figure.text.clone() }<span class="cell-change">{ plan.change.clone() }</span>
                    </td>
                }
            }) }
        </tr>
    }
}
