//! The total funding per head (人均筹资合计): one lever that moves every payer at once, each
//! keeping its share (the engine's `edits::funding_total_edits`, which refuses a total out of its
//! range at the total), its value the engine's sum of the payers (`edits::funding_total`), with
//! the shares each payer keeps. The levers panel and presentation mode both show it.

use crate::components::number_field::{FieldActions, NumberField};
use crate::state::fields::field_for;
use crate::state::reducer::Typing;
use crate::view::shared::Shared;
use crate::view::ui_words::{fill, ui};
use ncms_sim::figure::Unit;
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
    let lang = props.lang;
    let value = ncms_sim::edits::funding_total(&props.scenario, &props.edits);
    // How a new total splits: each payer keeps its share, its amount to the fen (the engine's
    // `funding_in_shares`). The shares are said, so the split is never a surprise.
    let shares: Vec<String> = ncms_sim::edits::funding_per_head(&props.scenario, &props.edits)
        .into_iter()
        .filter(|(_, amount)| *amount > 0.0 && value > 0.0)
        .filter_map(|(path, amount)| {
            let param = ncms_sim::params::by_path(path)?;
            Some(format!(
                "{} {}",
                param.label.get(lang),
                Unit::Share.show(amount / value, lang)
            ))
        })
        .collect();
    let ui = ui(lang);
    html! {
        <>
            <NumberField key={FUNDING_TOTAL.path} {field} value={Some(value)} {lang}
                edited={false} problems={Vec::<String>::new()} typing={props.typing.clone()}
                actions={props.actions.clone()} />
            if !shares.is_empty() {
                <p class="muted small split" data-testid="funding-split">
                    { fill(ui.funding_split, &[("shares", &shares.join(ui.list_separator))]) }</p>
            }
        </>
    }
}
