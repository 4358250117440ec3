//! The total funding per head (人均筹资合计): one lever that moves every payer at once, each
//! keeping its share (the engine's `edits::funding_total_edits`, which refuses a total out of its
//! range at the total), its value the engine's sum of the payers (`edits::funding_total`). The
//! levers panel and presentation mode both show it.

use crate::components::number_field::{FieldActions, NumberField};
use crate::state::fields::field_for;
use crate::state::reducer::Typing;
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
    pub typing: Option<Typing>,
    /// The plan's field actions: the state applies the total through the payers' shares.
    pub actions: FieldActions,
}

#[function_component]
pub fn FundingTotal(props: &FundingTotalProps) -> Html {
    let field = field_for(&FUNDING_TOTAL, &props.scenario, 0);
    let value = ncms_sim::edits::funding_total(&props.scenario, &props.edits);
    html! {
        <NumberField key={FUNDING_TOTAL.path} {field} value={Some(value)} lang={props.lang}
            edited={false} problems={Vec::<String>::new()} typing={props.typing.clone()}
            actions={props.actions.clone()} />
    }
}
