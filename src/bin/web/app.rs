//! The root component: builds the first state (link, then stored session, then the default
//! scenario), wires callbacks to actions and browser I/O, and lays out the panels.

use crate::balance_chart::BalanceChart;
use crate::browser;
use crate::changes::Changes;
use crate::controls::Controls;
use crate::gauge::Gauge;
use crate::i18n::ui;
use crate::key_figures::KeyFigures;
use crate::lines_table::LinesTable;
use crate::link::{Saved, Source};
use crate::notice::NoticeBanner;
use crate::ratios::Ratios;
use crate::state::{Action, Notice, NoticeKind, State};
use crate::summary_table::SummaryTable;
use crate::targets_table::TargetsTable;
use crate::toolbar::Toolbar;
use ncms_sim::Lang;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The first state: the stored session (or the default scenario), then the link on top of it.
/// A link that cannot be used leaves the session as it was and says why.
fn initial_state() -> State {
    let stored = browser::stored();
    let lang = stored.as_ref().map_or(Lang::Zh, |s| s.lang);
    let session = stored
        .and_then(|saved| State::from_saved(&saved).ok())
        .unwrap_or_else(|| State::default_state(lang));
    let state = match browser::fragment_state() {
        Ok(None) => return session,
        Ok(Some(saved)) => Rc::new(session).reduce(Action::Load {
            saved,
            from: NoticeKind::Link,
            own_edits: false,
        }),
        Err(problems) => Rc::new(session).reduce(Action::Refused(NoticeKind::Link, problems)),
    };
    (*state).clone()
}

fn link_action() -> Option<Action> {
    match browser::fragment_state() {
        Ok(None) => None,
        Ok(Some(saved)) => Some(Action::Load {
            saved,
            from: NoticeKind::Link,
            own_edits: false,
        }),
        Err(problems) => Some(Action::Refused(NoticeKind::Link, problems)),
    }
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    let share_url = use_state(|| None::<String>);

    // Once: the link has been read, so drop it from the address bar (a reload then shows the
    // stored edits), and follow links pasted into this tab later.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            browser::clear_fragment();
            browser::on_hash_change(Callback::from(move |_| {
                if let Some(action) = link_action() {
                    dispatcher.dispatch(action);
                }
                browser::clear_fragment();
            }));
        });
    }
    {
        let saved = state.saved();
        use_effect_with(state.revision, move |_| browser::store(&saved));
    }
    use_effect_with(state.lang, |lang| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = document.document_element() {
                let _ = root.set_attribute(
                    "lang",
                    match lang {
                        Lang::Zh => "zh-CN",
                        Lang::En => "en",
                    },
                );
            }
            document.set_title(ui(*lang).title);
        }
    });

    let lang = state.lang;
    let ui = ui(lang);
    let on_edit = {
        let state = state.clone();
        Callback::from(move |(path, value): (String, f64)| {
            state.dispatch(Action::Edit(path, value))
        })
    };
    let on_unset = {
        let state = state.clone();
        Callback::from(move |path: String| state.dispatch(Action::Unset(path)))
    };
    let on_reset = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Reset))
    };
    let on_lang = {
        let state = state.clone();
        Callback::from(move |lang| state.dispatch(Action::SetLang(lang)))
    };
    let on_select = {
        let state = state.clone();
        Callback::from(move |id: String| {
            state.dispatch(Action::Load {
                saved: Saved {
                    source: Source::Bundled(id),
                    edits: Default::default(),
                    lang,
                },
                from: NoticeKind::File,
                own_edits: true,
            })
        })
    };
    let on_file = {
        let state = state.clone();
        Callback::from(move |file: web_sys::File| {
            let state = state.clone();
            browser::read_file(
                file,
                Callback::from(
                    move |(name, text): (String, Result<String, String>)| match text {
                        Ok(json) => state.dispatch(Action::Load {
                            saved: Saved {
                                source: Source::File { name, json },
                                edits: Default::default(),
                                lang,
                            },
                            from: NoticeKind::File,
                            own_edits: true,
                        }),
                        Err(message) => state.dispatch(Action::Refused(
                            NoticeKind::File,
                            vec![ncms_sim::Problem {
                                path: name,
                                value: String::new(),
                                allowed: String::new(),
                                message: ncms_sim::Text::new(message.clone(), message),
                            }],
                        )),
                    },
                ),
            );
        })
    };
    let on_save = {
        let state = state.clone();
        Callback::from(move |_| {
            let mut scenario = state.loaded.scenario.scenario().clone();
            scenario.proposal = state.edits.clone();
            if let Ok(json) = serde_json::to_string_pretty(&scenario) {
                browser::download(
                    &format!("{}.json", scenario.id),
                    "application/json",
                    &format!("{json}\n"),
                );
            }
        })
    };
    let on_share = {
        let (state, share_url) = (state.clone(), share_url.clone());
        Callback::from(move |_| {
            let url = browser::share_url(&state.saved());
            browser::copy_to_clipboard(&url);
            share_url.set(Some(url));
        })
    };
    let on_csv = {
        let state = state.clone();
        Callback::from(move |_| {
            let csv = ncms_sim::render::csv(&state.comparison, state.lang);
            // A byte-order mark, so that spreadsheet programs read the Chinese labels as UTF-8.
            browser::download(
                &format!("{}.csv", state.comparison.scenario_id),
                "text/csv",
                &format!("\u{feff}{csv}"),
            );
        })
    };
    let on_print = Callback::from(|_| browser::print());
    let on_dismiss = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Dismiss))
    };
    let on_year = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(index) = select.value().parse() {
                state.dispatch(Action::SetYear(index));
            }
        })
    };

    let comparison = state.comparison.clone();
    let year = state
        .year
        .min(comparison.proposal.years.len().saturating_sub(1));
    let notice: Option<Notice> = state.notice.clone();
    let stale = !state.problems.is_empty();

    html! {
        <div class="app">
            <Toolbar {lang} source={state.loaded.source.clone()} share_url={(*share_url).clone()}
                {on_select} {on_file} {on_save} {on_share} {on_csv} {on_print} {on_lang} />
            <main class="layout">
                <Controls loaded={state.loaded.clone()} edits={state.edits.clone()}
                    problems={state.problems.clone()} {lang} {on_edit} {on_unset} {on_reset} />
                <div class={classes!("results", stale.then_some("stale"))} data-testid="results"
                    data-stale={stale.to_string()}>
                    if let Some(notice) = notice {
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
                    <KeyFigures comparison={comparison.clone()} {year} {lang} />
                    <div class="row">
                        <div class="column">
                            <Gauge comparison={comparison.clone()} {year} {lang} />
                            <Ratios comparison={comparison.clone()} {year} {lang} />
                            <Changes comparison={comparison.clone()} {lang} />
                        </div>
                        <SummaryTable comparison={comparison.clone()} {year} {lang} />
                    </div>
                    <BalanceChart comparison={comparison.clone()} {lang} />
                    <TargetsTable comparison={comparison.clone()} {year} {lang} />
                    <LinesTable comparison={comparison.clone()} {year} {lang} />
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
