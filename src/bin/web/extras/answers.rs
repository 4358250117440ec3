//! Answers to the questions officials bring, in tabs under the results: one-click questions and
//! goal seek (反推), which lever matters most (the tornado), one patient's bill (典型病例) and why
//! the figures changed (the waterfall). Each tab computes only when shown, and only while the panel
//! is on screen (`in_view`).

use crate::extras::in_view::{use_in_view, InView};
use crate::extras::patient_panel::PatientPanel;
use crate::extras::questions_panel::QuestionsPanel;
use crate::extras::tornado_panel::TornadoPanel;
use crate::extras::waterfall_panel::WaterfallPanel;
use crate::state::work::ManyEdits;
use crate::view::shared::Shared;
use crate::view::ui_words::ui;
use ncms_sim::{CheckedScenario, Edits, Lang};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AnswersProps {
    pub scenario: Shared<CheckedScenario>,
    /// The same scenario as the compute service reads it.
    pub scenario_json: Rc<str>,
    /// The active plan's edits and name.
    pub edits: Edits,
    pub plan_name: String,
    pub lang: Lang,
    /// An answer applied to the active plan.
    pub on_apply: Callback<ManyEdits>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Questions,
    Tornado,
    Patient,
    Waterfall,
}

#[function_component]
pub fn Answers(props: &AnswersProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    let tab = use_state(|| Tab::Questions);
    // The tabs compute only while the panel is on screen (or near it).
    let node = use_node_ref();
    let in_view = InView(use_in_view(node.clone()));
    let button = |t: Tab, label: &'static str, id: &'static str| {
        let tab_state = tab.clone();
        html! {
            <button type="button" role="tab" aria-selected={(*tab == t).to_string()}
                class={classes!("tab", (*tab == t).then_some("active"))} data-testid={id}
                onclick={Callback::from(move |_: MouseEvent| tab_state.set(t))}>{ label }</button>
        }
    };
    html! {
        <ContextProvider<InView> context={in_view}>
        <section class="panel answers" aria-labelledby="answers-title" ref={node} data-in-view={in_view.0.to_string()}>
            <div class="answers-head">
                <h2 id="answers-title">{ ui.answers }</h2>
                <div class="tabs" role="tablist">
                    { button(Tab::Questions, ui.tab_questions, "answers-questions") }
                    { button(Tab::Tornado, ui.tab_tornado, "answers-tornado") }
                    { button(Tab::Patient, ui.tab_patient, "answers-patient") }
                    { button(Tab::Waterfall, ui.tab_waterfall, "answers-waterfall") }
                </div>
            </div>
            if crate::extras::compute::on_the_page() {
                <p class="muted small" data-testid="compute-on-page">{ ui.compute_on_page }</p>
            }
            { match *tab {
                Tab::Questions => html! { <QuestionsPanel scenario={props.scenario.clone()} scenario_json={props.scenario_json.clone()} edits={props.edits.clone()}
                    {lang} on_apply={props.on_apply.clone()} /> },
                Tab::Tornado => html! { <TornadoPanel scenario={props.scenario.clone()} scenario_json={props.scenario_json.clone()} edits={props.edits.clone()} {lang} /> },
                Tab::Patient => html! { <PatientPanel scenario={props.scenario.clone()} scenario_json={props.scenario_json.clone()} edits={props.edits.clone()}
                    plan_name={props.plan_name.clone()} {lang} /> },
                Tab::Waterfall => html! { <WaterfallPanel scenario={props.scenario.clone()} scenario_json={props.scenario_json.clone()} edits={props.edits.clone()}
                    plan_name={props.plan_name.clone()} {lang} /> },
            } }
        </section>
        </ContextProvider<InView>>
    }
}
