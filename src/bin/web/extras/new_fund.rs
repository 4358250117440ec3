//! A new fund from the figures an official has (统计报表): download the template (Excel or CSV),
//! fill it in, open it; the engine calibrates a scenario that reproduces the reported figures,
//! shows how well (reported, modelled, deviation, cell), warns where the fit is poor or a figure
//! implausible, lists what it assumed, and opens the fund on request. The spreadsheet work runs in
//! the separately loaded tools module (`tools`).

use crate::browser::files;
use crate::browser::tools;
use crate::view::ui_words::{both, ui};
use ncms_sim::figure::Unit;
use ncms_sim::{Lang, Problem, Text};
use serde::Deserialize;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NewFundProps {
    pub lang: Lang,
    /// Opens the calibrated scenario: its file name and JSON.
    pub on_open: Callback<(String, String)>,
    pub on_close: Callback<()>,
}

/// One reported figure against the calibrated model.
#[derive(Clone, PartialEq, Deserialize)]
struct FitRow {
    label: Text,
    unit: String,
    reported: f64,
    modelled: f64,
    deviation: f64,
    #[serde(default)]
    cell: Option<Cell>,
}

#[derive(Clone, PartialEq, Deserialize)]
struct Cell {
    reference: String,
}

#[derive(Clone, PartialEq, Deserialize)]
struct Warning {
    message: Text,
    #[serde(default)]
    hint: Option<Text>,
}

/// The tools module's answer to `calibrate` (its scenario apart, as JSON text).
#[derive(Clone, PartialEq, Deserialize)]
struct Calibration {
    #[serde(skip)]
    scenario: String,
    #[serde(skip)]
    id: String,
    table: Vec<FitRow>,
    warnings: Vec<Warning>,
    assumptions: Vec<Text>,
}

#[derive(Clone, PartialEq)]
enum Step {
    Ready,
    Working(&'static str),
    Failed(Vec<Problem>),
    Calibrated {
        name: String,
        calibration: Box<Calibration>,
    },
}

fn show(value: f64, unit: &str, lang: Lang) -> String {
    let unit = match unit {
        "yuan" => Unit::Yuan,
        "share" => Unit::Share,
        _ => Unit::Count,
    };
    unit.show(value, lang)
}

#[function_component]
pub fn NewFund(props: &NewFundProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    let step = use_state(|| Step::Ready);

    let download = |format: &'static str| {
        let step = step.clone();
        Callback::from(move |_: MouseEvent| {
            let step = step.clone();
            step.set(Step::Working(ui.loading_tools));
            wasm_bindgen_futures::spawn_local(async move {
                match tools::template(format, lang).await {
                    Ok(bytes) => {
                        let (name, mime) = match format {
                            "xlsx" => (
                                ui.template_xlsx_file,
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            ),
                            _ => (ui.template_csv_file, "text/csv"),
                        };
                        files::download_bytes(name, mime, &bytes);
                        step.set(Step::Ready);
                    }
                    Err(problems) => step.set(Step::Failed(problems)),
                }
            });
        })
    };
    let on_file = {
        let step = step.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let step = step.clone();
            step.set(Step::Working(ui.calibrating));
            files::read_bytes(
                file,
                Callback::from(move |(name, bytes): (String, Result<Vec<u8>, String>)| {
                    let step = step.clone();
                    let bytes = match bytes {
                        Ok(bytes) => bytes,
                        Err(reason) => {
                            step.set(Step::Failed(vec![Problem::new(
                                name,
                                ncms_sim::ProblemKind::Unreadable {
                                    reason: Text::new(reason.clone(), reason),
                                },
                                "",
                            )]));
                            return;
                        }
                    };
                    wasm_bindgen_futures::spawn_local(async move {
                        let answer = tools::calibrate(&bytes, &name, lang).await;
                        let parsed = answer.map(|(scenario, rest)| {
                            serde_json::from_str::<Calibration>(&rest).map(|mut c| {
                                c.id = ncms_sim::read_scenario(&scenario)
                                    .map(|s| s.id)
                                    .unwrap_or_default();
                                c.scenario = scenario;
                                c
                            })
                        });
                        step.set(match parsed {
                            Ok(Ok(calibration)) => Step::Calibrated {
                                name,
                                calibration: Box::new(calibration),
                            },
                            Ok(Err(_)) => Step::Failed(vec![Problem::new(
                                "",
                                ncms_sim::ProblemKind::Unreadable {
                                    reason: both(|w| w.calibration_unreadable),
                                },
                                "",
                            )]),
                            Err(problems) => Step::Failed(problems),
                        });
                    });
                }),
            );
        })
    };
    let on_close = props.on_close.reform(|_: MouseEvent| ());

    let body = match &*step {
        Step::Ready => html! {},
        Step::Working(what) => {
            html! { <p class="muted" data-testid="new-fund-working" aria-live="polite">{ *what }</p> }
        }
        Step::Failed(problems) => html! {
            <div class="alert" role="alert" data-testid="new-fund-problems">
                <p><strong>{ ui.template_refused }</strong></p>
                <ul>{ for problems.iter().map(|p| html! { <li>{ p.describe(lang) }</li> }) }</ul>
            </div>
        },
        Step::Calibrated { name, calibration } => {
            let c = calibration;
            let file = format!("{}.json", if c.id.is_empty() { "my-county" } else { &c.id });
            let json = c.scenario.clone();
            let on_open = {
                let (on_open, file) = (props.on_open.clone(), file.clone());
                Callback::from(move |_: MouseEvent| on_open.emit((file.clone(), json.clone())))
            };
            html! {
                <div data-testid="calibration">
                    <p><strong>{ format!("{}：{name}", ui.calibrated_from) }</strong></p>
                    <div class="table-scroll" tabindex="0">
                    <table class="figures" data-testid="calibration-table">
                        <thead><tr><th scope="col">{ ui.figure }</th><th scope="col">{ ui.reported }</th>
                            <th scope="col">{ ui.modelled }</th><th scope="col">{ ui.deviation }</th><th scope="col">{ ui.cell }</th></tr></thead>
                        <tbody>{ for c.table.iter().map(|r| html! {
                            <tr class={classes!((r.deviation.abs() > 0.01).then_some("poor"))}
                                data-deviation={r.deviation.to_string()}>
                                <th scope="row">{ r.label.get(lang) }</th>
                                <td>{ show(r.reported, &r.unit, lang) }</td>
                                <td>{ show(r.modelled, &r.unit, lang) }</td>
                                <td>{ format!("{:+.2}%", r.deviation * 100.0) }</td>
                                <td>{ r.cell.as_ref().map(|c| c.reference.clone()).unwrap_or_default() }</td>
                            </tr>
                        }) }</tbody>
                    </table>
                    </div>
                    if !c.warnings.is_empty() {
                        <div class="warn" data-testid="calibration-warnings">
                            <ul>{ for c.warnings.iter().map(|w| html! { <li>{ match &w.hint {
                                Some(h) => format!("{} {}", w.message.get(lang), h.get(lang)),
                                None => w.message.get(lang).to_string(),
                            } }</li> }) }</ul>
                        </div>
                    }
                    if !c.assumptions.is_empty() {
                        <details>
                            <summary>{ ui.calibration_assumptions }</summary>
                            <ul class="notes-small">{ for c.assumptions.iter().map(|a| html! { <li>{ a.get(lang) }</li> }) }</ul>
                        </details>
                    }
                    <button type="button" data-testid="open-calibrated" onclick={on_open}>{ ui.open_calibrated }</button>
                </div>
            }
        }
    };

    html! {
        <section class="panel new-fund no-print" data-testid="new-fund" aria-labelledby="new-fund-title">
            <div class="answers-head">
                <h2 id="new-fund-title">{ ui.new_fund }</h2>
                <button type="button" class="secondary small" data-testid="new-fund-close" onclick={on_close}>{ ui.dismiss }</button>
            </div>
            <p>{ ui.new_fund_intro }</p>
            <div class="panel-form">
                <button type="button" class="secondary" data-testid="template-xlsx" onclick={download("xlsx")}>{ ui.template_xlsx }</button>
                <button type="button" class="secondary" data-testid="template-csv" onclick={download("csv")}>{ ui.template_csv }</button>
                <label class="button file-button">
                    { ui.open_figures }
                    <input type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        class="visually-hidden" data-testid="figures-input" onchange={on_file} />
                </label>
            </div>
            { body }
        </section>
    }
}
