//! The app's hooks: what the root component does besides laying out its panels, each named for
//! what it keeps true. The first state, the page's listeners, the autosave, the panels that
//! follow once typing pauses, printing, presentation mode, the document's language, and the
//! actions on files (open, save, share, CSV, workbook), so that `App` only wires.

use crate::browser::{bridge, files, page, storage, tools};
use crate::components::number_field::FieldActions;
use crate::state::bands::RiskBands;
use crate::state::link::Draft;
use crate::state::reducer::{Action, NoticeKind, Scope, State};
use crate::state::work::{Source, Work};
use crate::view::shared::Shared;
use crate::view::ui_words::ui;
use ncms_sim::{Comparison, Edits, Lang, Problem, ProblemKind, Text};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// How long typing must pause before the panels below the fold follow (ms).
const SETTLE_AFTER_MS: u32 = 120;

/// How long typing must pause before the draft is written (ms).
const AUTOSAVE_AFTER_MS: u32 = 400;

/// The first state: this tab's draft (or the newest), then the page's link on top of it.
pub fn initial_state() -> State {
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
pub fn use_action<E, D, F>(state: &UseReducerHandle<State>, deps: D, to_action: F) -> Callback<E>
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

/// What the fields of one scope send, made once: sliders as edits, typed text to be read, answers
/// to the fields' questions, the field left.
#[hook]
pub fn use_field_actions(state: &UseReducerHandle<State>, scope: Scope) -> FieldActions {
    let dispatcher = state.dispatcher();
    (*use_memo(scope, move |&scope| {
        let send = |make: fn(Scope, String, f64, Option<f64>, String) -> Action| {
            let dispatcher = dispatcher.clone();
            move |path: String, value: Option<f64>, text: String| {
                dispatcher.dispatch(make(scope, path, page::now(), value, text))
            }
        };
        let slider = send(|scope, path, at, value, _| Action::Edit {
            scope,
            path,
            value,
            at,
        });
        let typed = send(|scope, path, at, _, text| Action::Type {
            scope,
            path,
            text,
            at,
        });
        let resolve = send(|_, path, at, value, _| Action::Resolve { path, value, at });
        let leave = dispatcher.clone();
        FieldActions {
            on_slider: Callback::from(move |(path, value)| slider(path, value, String::new())),
            on_type: Callback::from(move |(path, text)| typed(path, None, text)),
            on_resolve: Callback::from(move |(path, value)| resolve(path, value, String::new())),
            on_leave: Callback::from(move |path| leave.dispatch(Action::LeaveField(path))),
        }
    }))
    .clone()
}

/// Once: drop the link from the address bar (a reload then shows the draft), follow links
/// pasted into this tab later, and take the undo keys.
#[hook]
pub fn use_page_listeners(state: &UseReducerHandle<State>) {
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
                page::UndoKey::Undo => Action::Undo,
                page::UndoKey::Redo => Action::Redo,
            })
        }));
    });
}

/// After every change, once typing pauses, this tab's draft is kept (and a refusal of the
/// browser said); leaving or hiding the page writes it at once, pending or not. Writing the draft
/// on every keystroke would cost each one a few milliseconds.
#[hook]
pub fn use_autosave(state: &UseReducerHandle<State>) {
    let timer = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    let latest = use_mut_ref(|| None::<Draft>);
    {
        // The draft is made when the work has changed, not at every render.
        let (state, timer, latest) = (state.clone(), timer.clone(), latest.clone());
        use_effect_with(state.revision, move |_| {
            let draft = Draft {
                work: state.work.clone(),
                history: state.history.clone(),
                lang: state.lang,
                saved_at: page::now(),
            };
            let dispatcher = state.dispatcher();
            *latest.borrow_mut() = Some(draft.clone());
            let save = gloo_timers::callback::Timeout::new(AUTOSAVE_AFTER_MS, move || {
                dispatcher.dispatch(Action::Stored(storage::store(&draft).err()));
            });
            // A newer change replaces the pending save (dropping a Timeout cancels it).
            *timer.borrow_mut() = Some(save);
        });
    }
    use_effect_with((), move |_| {
        page::on_page_hide(Callback::from(move |_| {
            if let Some(draft) = latest.borrow().as_ref() {
                let _ = storage::store(draft);
            }
        }));
    });
}

/// What the panels below the fold show: the state's comparison and edits once typing pauses,
/// so that a keystroke redraws only what is in view.
#[derive(Clone, PartialEq)]
pub struct Settled {
    pub comparison: Shared<Comparison>,
    pub edits: Edits,
    /// Whether they are the state's current ones.
    pub is_current: bool,
}

#[hook]
pub fn use_settled(state: &UseReducerHandle<State>) -> Settled {
    let settled = use_state(|| (state.comparison.clone(), state.work.edits().clone()));
    let timer = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    {
        let (settled, timer) = (settled.clone(), timer.clone());
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
    let (comparison, edits) = (*settled).clone();
    Settled {
        is_current: Shared::ptr_eq(&comparison, &state.comparison),
        comparison,
        edits,
    }
}

/// The risk bands the balance chart draws, and whether they are stale (worked out for another
/// scenario or other plans than those on screen now, typing included).
#[derive(Clone, PartialEq)]
pub struct ChartBands {
    pub bands: Option<Shared<RiskBands>>,
    pub stale: bool,
}

/// The app's second module (`extras`): loaded once the first paint is done, given the context
/// whenever what it shows changes (the settled plan, the plans, the language, the new-fund
/// dialog), and heard when the official applies an answer or opens a calibrated fund, and when
/// the risk panel's bands arrive (returned, for the chart).
#[hook]
pub fn use_extras(
    state: &UseReducerHandle<State>,
    settled: &Settled,
    new_fund: bool,
    set_new_fund: UseStateSetter<bool>,
) -> ChartBands {
    let bands = use_state(|| None::<Shared<RiskBands>>);
    // The context as it is now, every plan with its current edits: what the second module asks
    // for when it cannot wait for typing to pause (the browser is about to print).
    let latest = use_mut_ref(|| None::<bridge::Context>);
    {
        let dispatcher = state.dispatcher();
        let (lang, latest) = (state.lang, latest.clone());
        let set_bands = bands.setter();
        use_effect_with((), move |_| {
            let open_fund = set_new_fund.clone();
            bridge::on_request(Callback::from(move |request| match request {
                bridge::Request::Apply {
                    edits: (key, edits),
                } => dispatcher.dispatch(Action::EditMany {
                    key,
                    edits,
                    at: page::now(),
                }),
                bridge::Request::Open { name, json } => {
                    let lang = latest.borrow().as_ref().map_or(lang, |c| c.lang);
                    dispatcher.dispatch(open_file(name, json, lang));
                    open_fund.set(false);
                }
                bridge::Request::CloseNewFund => open_fund.set(false),
                bridge::Request::Refresh => {
                    if let Some(context) = latest.borrow().as_ref() {
                        bridge::publish(context);
                    }
                }
                bridge::Request::ShowBands { bands } => set_bands.set(Some(Shared::new(bands))),
            }));
            wasm_bindgen_futures::spawn_local(async move {
                // After the first paint: the page shows the results before this starts.
                gloo_timers::future::TimeoutFuture::new(0).await;
                if bridge::load_extras().await.is_err() {
                    page::say_in("extras-answers", ui(lang).extras_failed);
                }
            });
        });
    }
    let context = |active_edits: &Edits| bridge::Context {
        lang: state.lang,
        scenario_json: state.loaded.scenario_json.clone(),
        scenario_key: state.loaded.scenario_key,
        plans: state
            .results
            .iter()
            .zip(state.work.plans.iter())
            .enumerate()
            .map(|(i, (shown, plan))| {
                let edits = if i == state.work.active {
                    active_edits.clone()
                } else {
                    plan.edits.clone()
                };
                (shown.name.clone(), edits)
            })
            .collect(),
        active: state.work.active,
        settled: settled.edits.clone(),
        new_fund,
    };
    let now = context(state.work.edits());
    let stale = (*bands)
        .as_ref()
        .is_some_and(|b| !b.is_for(state.loaded.scenario_key, &now.plans));
    *latest.borrow_mut() = Some(now);
    // Published when what the second module shows changes: the plan once typing pauses.
    use_effect_with(context(&settled.edits), bridge::publish);
    ChartBands {
        bands: (*bands).clone(),
        stale,
    }
}

/// Presentation mode, kept in the address so that a reload or a bookmark keeps it: whether it
/// is on, and the callback that switches it.
#[hook]
pub fn use_presentation() -> (bool, Callback<()>) {
    let presenting = use_state(page::presentation_flag);
    let toggle = {
        let presenting = presenting.clone();
        Callback::from(move |_| {
            let on = !*presenting;
            page::set_presentation_flag(on);
            presenting.set(on);
        })
    };
    // Esc leaves presentation mode, as it leaves a slide show.
    {
        let presenting = presenting.clone();
        use_effect_with((), move |_| {
            // The address says whether the page presents now (this closure outlives the render).
            page::on_escape_key(Callback::from(move |_| {
                if page::presentation_flag() {
                    page::set_presentation_flag(false);
                    presenting.set(false);
                }
            }));
        });
    }
    (*presenting, toggle)
}

/// The document's language attribute and title follow the interface's language.
#[hook]
pub fn use_document_language(lang: Lang) {
    use_effect_with(lang, |lang| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = document.document_element() {
                let _ = root.set_attribute("lang", lang.html_tag());
            }
            document.set_title(ui(*lang).title);
        }
    });
}

/// What the official does with files and links.
#[derive(Clone)]
pub struct FileActions {
    /// A scenario file chosen to open.
    pub on_open: Callback<web_sys::File>,
    pub on_save: Callback<()>,
    pub on_share: Callback<()>,
    pub on_csv: Callback<()>,
    pub on_workbook: Callback<()>,
    pub on_print: Callback<()>,
    /// The link made by the last share, shown on the page.
    pub share_url: Option<String>,
}

/// Opens a file's scenario as the work, with its own proposal as the plan and its own
/// assumptions.
fn open_file(name: String, json: String, lang: Lang) -> Action {
    let source = Source::File {
        name,
        json: json.into(),
        edited: false,
    };
    Action::Load {
        work: Work::opened(source, lang),
        from: NoticeKind::File,
    }
}

fn unreadable(path: String, reason: Text) -> Vec<Problem> {
    vec![Problem::new(path, ProblemKind::Unreadable { reason }, "")]
}

#[hook]
pub fn use_file_actions(state: &UseReducerHandle<State>) -> FileActions {
    let share_url = use_state(|| None::<String>);
    // The state of the last render, read when the official clicks: the callbacks are made once,
    // so that the toolbar is not rendered again at every edit for callbacks that are new but do
    // the same.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    let made = use_memo((), {
        let share_url = share_url.setter();
        move |_| file_callbacks(latest, share_url)
    });
    FileActions {
        share_url: (*share_url).clone(),
        ..(*made).clone()
    }
}

/// The callbacks of [`FileActions`], each reading the state as `latest` holds it when called.
fn file_callbacks(
    latest: Rc<RefCell<UseReducerHandle<State>>>,
    share_url: UseStateSetter<Option<String>>,
) -> FileActions {
    let now = move || latest.borrow().clone();
    let on_open = {
        let now = now.clone();
        Callback::from(move |file: web_sys::File| {
            let state = now();
            let (dispatcher, lang) = (state.dispatcher(), state.lang);
            files::read_file(
                file,
                Callback::from(move |(name, text): (String, Result<String, String>)| {
                    dispatcher.dispatch(match text {
                        Ok(json) => open_file(name, json, lang),
                        Err(message) => Action::Refused(
                            NoticeKind::File,
                            unreadable(name, Text::new(message.clone(), message)),
                        ),
                    })
                }),
            );
        })
    };
    let on_save = {
        let now = now.clone();
        Callback::from(move |_| {
            let state = now();
            files::download(
                &format!("{}.json", state.loaded.scenario.id),
                "application/json",
                &state.work.file_json(state.loaded.original.scenario()),
            );
        })
    };
    let on_share = {
        let now = now.clone();
        Callback::from(move |_| {
            let url = page::share_url(&now().work);
            files::copy_to_clipboard(&url);
            share_url.set(Some(url));
        })
    };
    let on_csv = {
        let now = now.clone();
        Callback::from(move |_| {
            let state = now();
            let csv = ncms_sim::render::csv(&state.plan_comparisons(), state.lang);
            // A byte-order mark, so that spreadsheet programs read the Chinese labels as UTF-8.
            files::download(
                &format!("{}.csv", state.comparison.scenario_id),
                "text/csv",
                &format!("\u{feff}{csv}"),
            );
        })
    };
    let on_workbook = Callback::from(move |_| {
        let state = now();
        let json = state.work.file_json(state.loaded.original.scenario());
        let (lang, name) = (state.lang, state.loaded.scenario.id.clone());
        let dispatcher = state.dispatcher();
        wasm_bindgen_futures::spawn_local(async move {
            match tools::workbook(&json, lang, &page::local_time()).await {
                Ok(bytes) => files::download_bytes(
                    &format!("{name}.xlsx"),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    &bytes,
                ),
                Err(problems) => dispatcher.dispatch(Action::Refused(NoticeKind::File, problems)),
            }
        });
    });
    FileActions {
        on_open,
        on_save,
        on_share,
        on_csv,
        on_workbook,
        on_print: Callback::from(|_| page::print()),
        share_url: None,
    }
}
