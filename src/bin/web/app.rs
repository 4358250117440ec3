//! The root component: builds the first state (this tab's draft, else the most recent draft, else
//! the default scenario; then a link on top, undoably), wires callbacks to actions and browser
//! I/O, keeps the draft after every change, and lays out the panels. Wiring only: the logic lives
//! in `state` (what changes) and the components (what shows).

use crate::browser::files;
use crate::browser::page::{self, UndoKey};
use crate::browser::storage;
use crate::components::answers::Answers;
use crate::components::balance_chart::BalanceChart;
use crate::components::changes::Changes;
use crate::components::controls::{Controls, ManyEdits};
use crate::components::gauge::Gauge;
use crate::components::key_figures::KeyFigures;
use crate::components::lines_table::LinesTable;
use crate::components::new_fund::NewFund;
use crate::components::notice::{AutosaveBanner, NoticeBanner};
use crate::components::number_field::NumberField;
use crate::components::plans_bar::PlansBar;
use crate::components::print_report::PrintReport;
use crate::components::ratios::Ratios;
use crate::components::summary_table::SummaryTable;
use crate::components::targets_table::TargetsTable;
use crate::components::toolbar::Toolbar;
use crate::state::link::Draft;
use crate::state::reducer::{own_work, Action, NoticeKind, Scope, State};
use crate::state::work::Source;
use crate::view::shared::Shared;
use crate::view::ui_words::ui;
use crate::view::year_props::{PlanResult, PlanResults};
use ncms_sim::{Lang, Problem, ProblemKind, Text};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// How long typing must pause before the panels below the fold follow (ms).
const SETTLE_AFTER_MS: u32 = 120;

/// How long typing must pause before the draft is written (ms).
const AUTOSAVE_AFTER_MS: u32 = 400;

/// The work as a scenario file: the file's own values, with the assumptions and the plan on
/// screen as edits of them (it reopens exactly as it is now, and lists both apart), and every
/// plan by name when there are several.
fn saved_file(state: &State) -> String {
    let mut scenario = state.loaded.original.scenario().clone();
    scenario.assumptions = state.work.assumptions.clone();
    scenario.proposal = state.work.edits().clone();
    scenario.plans = if state.work.plans.len() > 1 {
        state
            .work
            .plans
            .iter()
            .map(|p| ncms_sim::scenario::NamedPlan {
                name: p.name.clone(),
                edits: p.edits.clone(),
            })
            .collect()
    } else {
        Vec::new()
    };
    serde_json::to_string_pretty(&scenario)
        .map_or_else(|_| String::new(), |json| format!("{json}\n"))
}

/// The first state: this tab's draft (or the newest), then the page's link on top of it.
fn initial_state() -> State {
    let draft = storage::starting_draft();
    let lang = draft.as_ref().map_or(Lang::Zh, |d| d.lang);
    let state = draft
        .and_then(|d| State::from_work(d.work, d.history, d.lang).ok())
        .unwrap_or_else(|| State::default_state(lang));
    match link_action() {
        Some(action) => (*Rc::new(state).reduce(action)).clone(),
        None => state,
    }
}

/// The action for the page's link, if it has one.
fn link_action() -> Option<Action> {
    match page::fragment_work() {
        Ok(None) => None,
        Ok(Some(work)) => Some(Action::Load {
            work,
            from: NoticeKind::Link,
        }),
        Err(problems) => Some(Action::Refused(NoticeKind::Link, problems)),
    }
}

/// A callback that turns its input into an action (todomvc's `make_callback`), made once per
/// value of `deps`: the same callback on every render, so that components given it are not
/// rendered again for a new but equal callback.
#[hook]
fn use_action<E, D, F>(state: &UseReducerHandle<State>, deps: D, to_action: F) -> Callback<E>
where
    E: 'static,
    D: PartialEq + 'static,
    F: Fn(E) -> Action + 'static,
{
    let dispatcher = state.dispatcher();
    (*use_memo(deps, move |_| {
        Callback::from(move |e: E| dispatcher.dispatch(to_action(e)))
    }))
    .clone()
}

fn unreadable(path: String, reason: Text) -> Vec<Problem> {
    vec![Problem::new(path, ProblemKind::Unreadable { reason }, "")]
}

/// On a phone the page shows the levers or the results, never both side by side.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PhoneView {
    Levers,
    Results,
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    let share_url = use_state(|| None::<String>);
    let phone_view = use_state(|| PhoneView::Results);
    let presenting = use_state(page::presentation_flag);
    let new_fund = use_state(|| false);
    // The printed report is built only while printing (the browser says before and after).
    let printing = use_state(|| false);
    {
        let printing = printing.clone();
        use_effect_with((), move |_| {
            let after = printing.clone();
            page::on_print(
                Callback::from(move |_| printing.set(true)),
                Callback::from(move |_| after.set(false)),
            );
        });
    }

    // Once: drop the link from the address bar (a reload then shows the draft), follow links
    // pasted into this tab later, and take the undo keys.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            page::clear_fragment();
            let on_hash = dispatcher.clone();
            page::on_hash_change(Callback::from(move |_| {
                if let Some(action) = link_action() {
                    on_hash.dispatch(action);
                }
                page::clear_fragment();
            }));
            page::on_undo_keys(Callback::from(move |key| {
                dispatcher.dispatch(match key {
                    UndoKey::Undo => Action::Undo,
                    UndoKey::Redo => Action::Redo,
                })
            }));
        });
    }
    // After every change, once typing pauses: keep this tab's draft, and say so if the browser
    // refuses. Writing the draft on every keystroke would cost each one a few milliseconds.
    let autosave = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    let latest_draft = use_mut_ref(|| None::<Draft>);
    {
        let draft = Draft {
            work: state.work.clone(),
            history: state.history.clone(),
            lang: state.lang,
            saved_at: page::now(),
        };
        let dispatcher = state.dispatcher();
        let (autosave, latest) = (autosave.clone(), latest_draft.clone());
        use_effect_with(state.revision, move |_| {
            *latest.borrow_mut() = Some(draft.clone());
            let timer = gloo_timers::callback::Timeout::new(AUTOSAVE_AFTER_MS, move || {
                dispatcher.dispatch(Action::Stored(storage::store(&draft).err()));
            });
            // A newer change replaces the pending save (dropping a Timeout cancels it).
            *autosave.borrow_mut() = Some(timer);
        });
    }
    // Leaving or hiding the page writes the draft at once, pending or not.
    {
        let latest = latest_draft.clone();
        use_effect_with((), move |_| {
            page::on_page_hide(Callback::from(move |_| {
                if let Some(draft) = latest.borrow().as_ref() {
                    let _ = storage::store(draft);
                }
            }));
        });
    }
    use_effect_with(state.lang, |lang| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = document.document_element() {
                let _ = root.set_attribute("lang", lang.pick("zh-CN", "en"));
            }
            document.set_title(ui(*lang).title);
        }
    });

    let lang = state.lang;
    let ui = ui(lang);
    let on_edit = use_action(
        &state,
        (),
        |(scope, path, value): (Scope, String, Option<f64>)| Action::Edit {
            scope,
            path,
            value,
            at: page::now(),
        },
    );
    let on_edit_many = use_action(&state, (), |(key, edits): ManyEdits| Action::EditMany {
        key,
        edits,
        at: page::now(),
    });
    let on_structure = use_action(&state, (), Action::Structure);
    let on_reset = use_action(&state, (), |_| Action::Reset);
    let on_lang = use_action(&state, (), Action::SetLang);
    let on_undo = use_action(&state, (), |_| Action::Undo);
    let on_redo = use_action(&state, (), |_| Action::Redo);
    let on_dismiss = use_action(&state, (), |_| Action::Dismiss);
    let on_select = use_action(&state, lang, move |id: String| Action::Load {
        work: own_work(Source::Bundled(id), lang),
        from: NoticeKind::File,
    });
    let on_year = use_action(&state, (), |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        Action::SetYear(select.value().parse().unwrap_or(0))
    });
    let on_file = {
        let dispatcher = state.dispatcher();
        Callback::from(move |file: web_sys::File| {
            let dispatcher = dispatcher.clone();
            files::read_file(
                file,
                Callback::from(move |(name, text): (String, Result<String, String>)| {
                    dispatcher.dispatch(match text {
                        Ok(json) => {
                            // A file opens with its own proposal as the plan and its own
                            // assumptions.
                            let source = Source::File {
                                name,
                                json: json.into(),
                                edited: false,
                            };
                            Action::Load {
                                work: own_work(source, lang),
                                from: NoticeKind::File,
                            }
                        }
                        Err(message) => Action::Refused(
                            NoticeKind::File,
                            unreadable(name, Text::new(message.clone(), message)),
                        ),
                    })
                }),
            );
        })
    };
    let on_workbook = {
        let state = state.clone();
        Callback::from(move |_| {
            let json = saved_file(&state);
            let (lang, name) = (state.lang, state.loaded.scenario.id.clone());
            let dispatcher = state.dispatcher();
            wasm_bindgen_futures::spawn_local(async move {
                match crate::browser::tools::workbook(&json, lang, &page::local_time()).await {
                    Ok(bytes) => files::download_bytes(
                        &format!("{name}.xlsx"),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        &bytes,
                    ),
                    Err(problems) => {
                        dispatcher.dispatch(Action::Refused(NoticeKind::File, problems))
                    }
                }
            });
        })
    };
    let on_save = {
        let state = state.clone();
        Callback::from(move |_| {
            files::download(
                &format!("{}.json", state.loaded.scenario.id),
                "application/json",
                &saved_file(&state),
            );
        })
    };
    let on_share = {
        let (state, share_url) = (state.clone(), share_url.clone());
        Callback::from(move |_| {
            let url = page::share_url(&state.work);
            files::copy_to_clipboard(&url);
            share_url.set(Some(url));
        })
    };
    let on_csv = {
        let state = state.clone();
        Callback::from(move |_| {
            let plans: Vec<ncms_sim::PlanComparison> = state
                .work
                .plans
                .iter()
                .zip(&state.plans)
                .map(|(plan, view)| ncms_sim::PlanComparison {
                    name: plan.name.clone(),
                    comparison: (*view.comparison).clone(),
                })
                .collect();
            let csv = ncms_sim::render::csv(&plans, state.lang);
            // A byte-order mark, so that spreadsheet programs read the Chinese labels as UTF-8.
            files::download(
                &format!("{}.csv", state.comparison.scenario_id),
                "text/csv",
                &format!("\u{feff}{csv}"),
            );
        })
    };
    let on_print = Callback::from(|_| page::print());
    let on_new_fund = {
        let new_fund = new_fund.clone();
        Callback::from(move |_| new_fund.set(true))
    };
    let on_new_fund_close = {
        let new_fund = new_fund.clone();
        Callback::from(move |_| new_fund.set(false))
    };
    let on_open_calibrated = {
        let (dispatcher, new_fund) = (state.dispatcher(), new_fund.clone());
        Callback::from(move |(name, json): (String, String)| {
            let source = Source::File {
                name,
                json: json.into(),
                edited: false,
            };
            dispatcher.dispatch(Action::Load {
                work: own_work(source, lang),
                from: NoticeKind::File,
            });
            new_fund.set(false);
        })
    };
    let on_present = {
        let presenting = presenting.clone();
        Callback::from(move |_| {
            let on = !*presenting;
            page::set_presentation_flag(on);
            presenting.set(on);
        })
    };
    let show = |view: PhoneView| {
        let phone_view = phone_view.clone();
        Callback::from(move |_: MouseEvent| phone_view.set(view))
    };
    let on_plan_select = use_action(&state, (), Action::SelectPlan);
    let on_plan_add = use_action(&state, (), |_| Action::AddPlan);
    let on_plan_duplicate = use_action(&state, (), |_| Action::DuplicatePlan);
    let on_plan_delete = use_action(&state, (), Action::DeletePlan);
    let on_plan_rename = use_action(&state, (), |(i, name)| Action::RenamePlan(i, name));
    let on_make_baseline = use_action(&state, (), Action::MakeBaseline);
    let plans: PlanResults = Shared::new(
        state
            .work
            .plans
            .iter()
            .zip(&state.plans)
            .map(|(plan, view)| PlanResult {
                name: plan.name.clone(),
                comparison: view.comparison.clone(),
            })
            .collect(),
    );
    let plan_chips: Vec<(String, bool)> = state
        .work
        .plans
        .iter()
        .zip(&state.plans)
        .map(|(plan, view)| (plan.name.clone(), !view.problems.is_empty()))
        .collect();
    let active = state.work.active;

    // In presentation mode, big sliders for the levers being discussed: the active plan's
    // edits (or else the total funding and the first inpatient and outpatient ratios).
    let edits = state.work.edits();
    let mut discussed: Vec<crate::state::fields::Field> = state
        .loaded
        .levers
        .iter()
        .filter(|f| edits.contains_key(&f.path))
        .take(3)
        .cloned()
        .collect();
    if discussed.len() < 3 {
        let total = crate::state::fields::field_for(
            &ncms_sim::params::FUNDING_TOTAL,
            &state.loaded.scenario,
            0,
        );
        let fallback = std::iter::once(total).chain(
            state
                .loaded
                .levers
                .iter()
                .filter(|f| {
                    f.path.ends_with("inpatient.reimbursement_ratio")
                        || f.path.ends_with("outpatient.reimbursement_ratio")
                })
                .cloned(),
        );
        for field in fallback {
            if discussed.len() < 3 && !discussed.iter().any(|d| d.path == field.path) {
                discussed.push(field);
            }
        }
    }
    // The panels below the fold (targets, answers, spending by line) follow the figures once
    // typing pauses, so that a keystroke redraws only what is in view.
    let settled = use_state(|| (state.comparison.clone(), state.work.edits().clone()));
    let settle_timer = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    {
        let (settled, timer) = (settled.clone(), settle_timer.clone());
        let now = (state.comparison.clone(), state.work.edits().clone());
        use_effect_with(state.revision, move |_| {
            if !Shared::ptr_eq(&settled.0, &now.0) {
                *timer.borrow_mut() = Some(gloo_timers::callback::Timeout::new(
                    SETTLE_AFTER_MS,
                    move || settled.set(now),
                ));
            }
        });
    }
    let (settled_comparison, settled_edits) = (*settled).clone();
    let is_settled = Shared::ptr_eq(&settled_comparison, &state.comparison);
    let comparison = state.comparison.clone();
    let year = state
        .work
        .year
        .min(comparison.proposal.years.len().saturating_sub(1));
    let stale = !state.problems.is_empty();

    let surplus = comparison.proposal.years.get(year);
    html! {
        <div class={classes!("app", presenting.then_some("present"),
            match *phone_view { PhoneView::Levers => "phone-levers", PhoneView::Results => "phone-results" })}>
            <Toolbar {lang} source={state.loaded.source.clone()} share_url={(*share_url).clone()}
                can_undo={state.history.can_undo()} can_redo={state.history.can_redo()}
                {on_select} {on_file} {on_save} {on_share} {on_csv} {on_print} {on_lang}
                {on_undo} {on_redo} presenting={*presenting} {on_present} {on_new_fund} {on_workbook} />
            <div class="phone-bar">
                <div class="phone-tabs" role="tablist" aria-label={ui.view}>
                <button type="button" role="tab" data-testid="phone-levers"
                    aria-selected={(*phone_view == PhoneView::Levers).to_string()}
                    onclick={show(PhoneView::Levers)}>{ ui.controls }</button>
                <button type="button" role="tab" data-testid="phone-results"
                    aria-selected={(*phone_view == PhoneView::Results).to_string()}
                    onclick={show(PhoneView::Results)}>{ ui.results }</button>
                </div>
                if let Some(y) = surplus {
                    <span class="phone-summary" aria-live="polite">
                        { format!("{} {} · {} {}", ui.surplus_short, crate::view::format::money(y.surplus, lang),
                            ui.balance_short, crate::view::format::money(y.closing_balance, lang)) }
                    </span>
                }
            </div>
            if let Some(reason) = state.autosave_failure.clone() {
                <AutosaveBanner {reason} {lang} />
            }
            <main class="layout">
                <Controls loaded={state.loaded.clone()} edits={state.work.edits().clone()}
                    assumptions={state.work.assumptions.clone()}
                    problems={state.problems.clone()} {lang} on_edit={on_edit.clone()}
                    on_edit_many={on_edit_many.clone()}
                    {on_structure} {on_reset} />
                <div class={classes!("results", stale.then_some("stale"))} data-testid="results"
                    data-stale={stale.to_string()} data-settled={is_settled.to_string()}>
                    if *new_fund {
                        <NewFund {lang} on_open={on_open_calibrated} on_close={on_new_fund_close} />
                    }
                    if let Some(notice) = state.notice.clone() {
                        <NoticeBanner {notice} {lang} {on_dismiss} />
                    }
                    <div class="results-head">
                        <h2 data-testid="scenario-name">{ comparison.scenario_name.get(lang) }</h2>
                        <label for="year-select" class="no-print">{ ui.year }</label>
                        <select id="year-select" class="no-print" data-testid="year-select" onchange={on_year}>
                            { for comparison.proposal.years.iter().enumerate().map(|(i, y)| html! {
                                <option value={i.to_string()} selected={i == year}>{ y.year.to_string() }</option>
                            }) }
                        </select>
                    </div>
                    <PlansBar plans={plan_chips} {active} {lang} on_select={on_plan_select}
                        on_add={on_plan_add} on_duplicate={on_plan_duplicate} on_delete={on_plan_delete}
                        on_rename={on_plan_rename} on_make_baseline={on_make_baseline} />
                    <KeyFigures plans={plans.clone()} {active} {year} {lang} />
                    <div class="row">
                        <div class="column">
                            <Gauge comparison={comparison.clone()} {year} {lang} />
                            <Ratios comparison={comparison.clone()} {year} {lang} />
                            <Changes comparison={comparison.clone()} {lang} />
                        </div>
                        <SummaryTable plans={plans.clone()} {active} {year} {lang} />
                    </div>
                    <BalanceChart plans={plans.clone()} {active} {lang} values_on_points={*presenting} />
                    if *presenting {
                        <section class="panel discussed" data-testid="discussed-levers">
                            { for discussed.iter().map(|field| {
                                let value = if field.path == ncms_sim::params::FUNDING_TOTAL.path {
                                    Some(ncms_sim::edits::funding_per_head(&state.loaded.scenario, edits).iter().map(|(_, v)| v).sum())
                                } else {
                                    crate::components::controls::value_of(field, edits)
                                };
                                let on_edit = if field.path == ncms_sim::params::FUNDING_TOTAL.path {
                                    let (on_many, scenario, plan) = (on_edit_many.clone(), state.loaded.scenario.scenario().clone(), edits.clone());
                                    Callback::from(move |(_, v): (String, Option<f64>)| if let Some(total) = v {
                                        on_many.emit((ncms_sim::params::FUNDING_TOTAL.path.to_string(),
                                            ncms_sim::edits::funding_in_shares(&scenario, &plan, total)));
                                    })
                                } else {
                                    on_edit.reform(|(p, v): (String, Option<f64>)| (Scope::Plan, p, v))
                                };
                                html! {
                                    <NumberField key={field.path.clone()} field={field.clone()} {value} {lang}
                                        edited={edits.contains_key(&field.path)} problems={Vec::<String>::new()} {on_edit} />
                                }
                            }) }
                        </section>
                    }
                    <TargetsTable comparison={settled_comparison.clone()} {year} {lang} />
                    <Answers scenario={state.loaded.scenario.clone()} edits={settled_edits} on_apply={on_edit_many.clone()}
                        plan_name={state.work.plans.get(active).map(|p| p.name.clone()).unwrap_or_default()} {lang} />
                    <LinesTable comparison={settled_comparison} {year} {lang} />
                    if *printing {
                    <PrintReport plans={plans.clone()} scenario={state.loaded.scenario.clone()} {lang}
                        edits={state.work.plans.iter().map(|p| p.edits.clone()).collect::<Vec<_>>()}
                        made_at={page::local_time()} />
                    }
                    <section class="panel notes">
                        <h2>{ ui.notes }</h2>
                        <ul>
                            { for comparison.proposal.notes.iter().map(|n| html! { <li>{ n.get(lang) }</li> }) }
                        </ul>
                    </section>
                </div>
            </main>
        </div>
    }
}
