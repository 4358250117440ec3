//! The root component: the state (`state::reducer`), the hooks that keep the page, the draft and
//! the panels below the fold in step (`hooks`), and the panels laid out with their callbacks.
//! Wiring only: what changes lives in `state`, what shows in `components`, browser I/O in
//! `browser`.

use crate::components::balance_chart::BalanceChart;
use crate::components::changes::Changes;
use crate::components::controls::Controls;
use crate::components::discussed_levers::DiscussedLevers;
use crate::components::gauge::Gauge;
use crate::components::key_figures::KeyFigures;
use crate::components::lines_table::LinesTable;
use crate::components::notes::Notes;
use crate::components::notice::{AutosaveBanner, NoticeBanner, PendingBanner};
use crate::components::phone_bar::{PhoneBar, PhoneView};
use crate::components::plans_bar::PlansBar;
use crate::components::ratios::Ratios;
use crate::components::results_head::ResultsHead;
use crate::components::summary_table::SummaryTable;
use crate::components::targets_table::TargetsTable;
use crate::components::toolbar::Toolbar;
use crate::hooks::{
    initial_state, use_action, use_autosave, use_document_language, use_extras, use_field_actions,
    use_file_actions, use_page_listeners, use_presentation, use_settled,
};
use crate::state::reducer::{Action, NoticeKind, Scope};
use crate::state::work::{PlanStart, Source, Work};
use yew::prelude::*;

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    use_page_listeners(&state);
    use_autosave(&state);
    use_document_language(state.lang);
    let (presenting, on_present) = use_presentation();
    let settled = use_settled(&state);
    let files = use_file_actions(&state);
    let phone_view = use_state(|| PhoneView::Results);
    let new_fund = use_state(|| false);

    let lang = state.lang;
    let plan_actions = use_field_actions(&state, Scope::Plan);
    let assumption_actions = use_field_actions(&state, Scope::Assumption);
    let on_structure = use_action(&state, (), Action::Structure);
    let on_reset = use_action(&state, (), |_| Action::Reset);
    let on_lang = use_action(&state, (), Action::SetLang);
    let on_undo = use_action(&state, (), |_| Action::Undo);
    let on_redo = use_action(&state, (), |_| Action::Redo);
    let on_dismiss = use_action(&state, (), |_| Action::Dismiss);
    let on_year = use_action(&state, (), Action::SetYear);
    let on_select = use_action(&state, lang, move |id: String| Action::Load {
        work: Work::opened(Source::Bundled(id), lang),
        from: NoticeKind::File,
    });
    let on_plan_select = use_action(&state, (), Action::SelectPlan);
    let on_plan_add = use_action(&state, (), |_| Action::AddPlan(PlanStart::Baseline));
    let on_plan_duplicate = use_action(&state, (), |_| Action::AddPlan(PlanStart::Active));
    let on_plan_delete = use_action(&state, (), Action::DeletePlan);
    let on_plan_rename = use_action(&state, (), |(i, name)| Action::RenamePlan(i, name));
    let on_make_baseline = use_action(&state, (), Action::MakeBaseline);
    let on_phone_view = {
        let phone_view = phone_view.clone();
        Callback::from(move |view| phone_view.set(view))
    };
    let on_new_fund = {
        let new_fund = new_fund.clone();
        Callback::from(move |_| new_fund.set(true))
    };
    // The second module (answers, new fund, printed report): loaded after first paint, told
    // what to show, and heard when the official applies an answer or opens a fund.
    let bands = use_extras(&state, &settled, *new_fund, new_fund.setter());
    let comparison = state.comparison.clone();
    let year = state.shown_year();
    let active = state.work.active;
    let stale = !state.problems.is_empty();
    let pending = state.pending_labels();
    html! {
        <div class={classes!("app", presenting.then_some("present"), phone_view.class())}>
            <Toolbar {lang} source={state.loaded.source.clone()} share_url={files.share_url.clone()}
                can_undo={state.history.can_undo()} can_redo={state.history.can_redo()}
                {on_select} on_file={files.on_open.clone()} on_save={files.on_save.clone()}
                on_share={files.on_share.clone()} on_csv={files.on_csv.clone()}
                on_print={files.on_print.clone()} {on_lang} {on_undo} {on_redo} {presenting}
                {on_present} {on_new_fund} on_workbook={files.on_workbook.clone()} />
            <PhoneBar view={*phone_view} on_view={on_phone_view} figures={state.figures.clone()}
                {active} {lang} />
            if let Some(reason) = state.autosave_failure.clone() {
                <AutosaveBanner {reason} {lang} />
            }
            <main class="layout">
                <Controls loaded={state.loaded.clone()} edits={state.work.edits().clone()}
                    assumptions={state.work.assumptions.clone()}
                    problems={state.problems.clone()} {lang} plan_actions={plan_actions.clone()}
                    {assumption_actions} typing={state.typing.clone()} {on_structure} {on_reset} />
                <div class={classes!("results", stale.then_some("stale"), (!pending.is_empty()).then_some("pending"))}
                    data-testid="results" data-stale={stale.to_string()}
                    data-pending={(!pending.is_empty()).to_string()} data-settled={settled.is_current.to_string()}>
                    if !pending.is_empty() {
                        <PendingBanner fields={pending.clone()} {lang} />
                    }
                    <div id="extras-new-fund" class="extras-host"></div>
                    if let Some(notice) = state.notice.clone() {
                        <NoticeBanner {notice} {lang} {on_dismiss} />
                    }
                    <ResultsHead scenario_name={comparison.scenario_name.clone()}
                        years={state.horizon_years()}
                        {year} {lang} {on_year} />
                    <PlansBar plans={state.plan_chips()} {active} {lang} on_select={on_plan_select}
                        on_add={on_plan_add} on_duplicate={on_plan_duplicate} on_delete={on_plan_delete}
                        on_rename={on_plan_rename} on_make_baseline={on_make_baseline}
                        active_edits={state.work.edits().len()} baseline_from={state.work.baseline_from.clone()} />
                    <KeyFigures figures={state.figures.clone()} names={state.plan_names()} {active} {lang} />
                    <div class="row">
                        <div class="column">
                            <Gauge figures={state.figures.clone()} names={state.plan_names()} {active} {lang} />
                            <Ratios figures={state.figures.clone()} names={state.plan_names()} {active} {lang} />
                            <Changes comparison={comparison.clone()} {lang} />
                        </div>
                        <SummaryTable figures={state.figures.clone()} names={state.plan_names()} {active} {lang} />
                    </div>
                    <BalanceChart plans={state.results.clone()} {active} {lang} values_on_points={presenting}
                        bands={bands.bands.clone()} bands_stale={bands.stale} />
                    <div id="extras-risk" class="extras-host"></div>
                    <div id="extras-protection" class="extras-host"></div>
                    if presenting {
                        <DiscussedLevers loaded={state.loaded.clone()} edits={state.work.edits().clone()}
                            {lang} typing={state.typing.clone()} actions={plan_actions.clone()} />
                    }
                    <TargetsTable comparison={settled.comparison.clone()} {year} {lang} />
                    <div id="extras-answers" class="extras-host" data-testid="extras-answers"></div>
                    <LinesTable comparison={settled.comparison.clone()} {year} {lang} />
                    <div id="extras-print" class="extras-host"></div>
                    <Notes notes={comparison.proposal.notes.clone()} {lang} />
                </div>
            </main>
        </div>
    }
}
