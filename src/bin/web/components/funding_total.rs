//! The total funding per head (人均筹资): one lever that moves every payer at once, each keeping
//! its share (`ncms_sim::edits::funding_in_shares`), its value the engine's sum of the payers
//! (`ncms_sim::edits::funding_total`). The levers panel and presentation mode both show it.

use crate::components::number_field::NumberField;
use crate::state::fields::field_for;
use crate::state::work::ManyEdits;
use crate::view::shared::Shared;
use ncms_sim::params::FUNDING_TOTAL;
use ncms_sim::{CheckedScenario, Edits, Lang};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FundingTotalProps {
    /// The baseline scenario the plan edits.
    pub scenario: Shared<CheckedScenario>,
    /// The active plan's edits.
    pub edits: Edits,
    pub lang: Lang,
    pub on_edit_many: Callback<ManyEdits>,
}

#[function_component]
pub fn FundingTotal(props: &FundingTotalProps) -> Html {
    let field = field_for(&FUNDING_TOTAL, &props.scenario, 0);
    let value = ncms_sim::edits::funding_total(&props.scenario, &props.edits);
    let on_edit = {
        let (on_many, scenario, plan) = (
            props.on_edit_many.clone(),
            props.scenario.clone(),
            props.edits.clone(),
        );
        Callback::from(move |(_, total): (String, Option<f64>)| {
            if let Some(total) = total {
                let edits = ncms_sim::edits::funding_in_shares(&scenario, &plan, total);
                on_many.emit((FUNDING_TOTAL.path.to_string(), edits));
            }
        })
    };
    html! {
        <NumberField key={FUNDING_TOTAL.path} {field} value={Some(value)} lang={props.lang}
            edited={false} problems={Vec::<String>::new()} {on_edit} />
    }
}
