//! The reimbursement ratios of the selected year, inpatient and outpatient, policy scope and
//! actual: the baseline and every plan, with each plan's difference in percentage points.

use crate::components::summary_table::FiguresTable;
use crate::state::shown::YearFigures;
use crate::view::shared::Shared;
use crate::view::ui_words::ui;
use ncms_sim::indicator::Indicator;
use ncms_sim::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RatiosProps {
    pub figures: Shared<YearFigures>,
    pub names: Vec<String>,
    pub active: usize,
    pub lang: Lang,
}

const RATIOS: [Indicator; 4] = [
    Indicator::InpatientPolicyRatio,
    Indicator::InpatientActualRatio,
    Indicator::OutpatientPolicyRatio,
    Indicator::OutpatientActualRatio,
];

#[function_component]
pub fn Ratios(props: &RatiosProps) -> Html {
    let ui = ui(props.lang);
    html! {
        <section class="panel" aria-labelledby="ratios-title">
            <h2 id="ratios-title">{ ui.ratios }</h2>
            <FiguresTable figures={props.figures.clone()} rows={RATIOS.to_vec()}
                names={props.names.clone()} active={props.active} lang={props.lang}
                id="ratios-table" prefix="ratio" />
        </section>
    }
}
