//! Presentation mode's big sliders: the levers being discussed, the active plan's edits (or else
//! the total funding per head and the first inpatient and outpatient ratios), three at most.

use crate::components::funding_total::FundingTotal;
use crate::components::number_field::{FieldActions, NumberField};
use crate::state::fields::Field;
use crate::state::reducer::{Loaded, Typing};
use crate::view::shared::Shared;
use ncms_sim::params::FUNDING_TOTAL;
use ncms_sim::{Edits, Lang};
use std::collections::BTreeMap;
use yew::prelude::*;

/// How many levers presentation mode shows.
const DISCUSSED: usize = 3;

#[derive(Properties, PartialEq)]
pub struct DiscussedLeversProps {
    pub loaded: Shared<Loaded>,
    /// The active plan's edits.
    pub edits: Edits,
    pub lang: Lang,
    pub typing: Shared<BTreeMap<String, Typing>>,
    pub actions: FieldActions,
}

/// What the slots show: the plan's edited levers first, then the usual ones.
enum Slot<'a> {
    FundingTotal,
    Lever(&'a Field),
}

fn discussed<'a>(levers: &'a [Field], edits: &Edits) -> Vec<Slot<'a>> {
    let mut slots: Vec<Slot> = levers
        .iter()
        .filter(|f| edits.contains_key(&f.path))
        .take(DISCUSSED)
        .map(Slot::Lever)
        .collect();
    if slots.len() < DISCUSSED {
        slots.push(Slot::FundingTotal);
    }
    let usual = levers.iter().filter(|f| {
        f.path.ends_with("inpatient.reimbursement_ratio")
            || f.path.ends_with("outpatient.reimbursement_ratio")
    });
    for field in usual {
        let shown = slots
            .iter()
            .any(|s| matches!(s, Slot::Lever(f) if f.path == field.path));
        if slots.len() < DISCUSSED && !shown {
            slots.push(Slot::Lever(field));
        }
    }
    slots
}

#[function_component]
pub fn DiscussedLevers(props: &DiscussedLeversProps) -> Html {
    let lang = props.lang;
    html! {
        <section class="panel discussed" data-testid="discussed-levers">
            { for discussed(&props.loaded.levers, &props.edits).into_iter().map(|slot| match slot {
                Slot::FundingTotal => html! {
                    <FundingTotal scenario={props.loaded.scenario.clone()} edits={props.edits.clone()}
                        {lang} typing={props.typing.get(FUNDING_TOTAL.path).cloned()}
                        actions={props.actions.clone()} />
                },
                Slot::Lever(field) => html! {
                    <NumberField key={field.path.clone()} field={field.clone()}
                        value={field.value_in(&props.edits)} {lang}
                        edited={props.edits.contains_key(&field.path)} problems={Vec::<String>::new()}
                        typing={props.typing.get(&field.path).cloned()} actions={props.actions.clone()} />
                },
            }) }
        </section>
    }
}
