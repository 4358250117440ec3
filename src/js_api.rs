//! The JS API (wasm32 only): `simulate(scenario, years?)` and `validate(scenario)` for a plain web
//! page or Node, over the same engine as the CLI; `solve(scenario, lever, target, year?)` and
//! `sensitivity(scenario, outcome?, year?)`, as `ncms solve` and `ncms sensitivity`;
//! `protection(scenario, lang?)`, as `ncms protection`; `risk(scenario, options?)`, as
//! `ncms risk`; and
//! `compute(request)`, the app's compute service (the page's Web Worker runs it); and
//! `template(format, lang)` and
//! `calibrate(bytes, fileName, lang)` for a fund's annual figures (an .xlsx file needs the
//! `xlsx` feature; CSV always reads).
//!
//! A scenario may be passed as a JSON string or as a plain object. An object goes through
//! `JSON.stringify` and the same reader as a file, so a page gets exactly the CLI's checks: unknown
//! fields rejected and field paths in every error. Results go back through serde-wasm-bindgen as
//! plain objects (money as decimal strings, as in the CLI's JSON). Every bad argument is thrown as
//! a list of problems, like an invalid scenario; nothing here panics, so a bad call never takes
//! the module down (the `web` profile aborts on a panic).

use crate::base::lang::{Lang, Text};
use crate::model::compare::compare;
use crate::scenario::problem::{Problem, ProblemKind};
use crate::scenario::validate::read_checked;
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// A bad argument, thrown as the same kind of list as the problems of a scenario.
fn refuse(path: &str, zh: &str, en: &str) -> JsValue {
    to_js(&vec![Problem::new(
        path,
        ProblemKind::Unreadable {
            reason: Text::new(zh, en),
        },
        "",
    )])
}

fn scenario_text(scenario: &JsValue) -> Result<String, JsValue> {
    if let Some(text) = scenario.as_string() {
        return Ok(text);
    }
    let plain_object =
        scenario.is_object() && !scenario.is_function() && !js_sys::Array::is_array(scenario);
    if !plain_object {
        let got = scenario.js_typeof().as_string().unwrap_or_default();
        return Err(refuse(
            "scenario",
            &format!("场景须为 JSON 文字或普通对象，收到的是 {got}"),
            &format!("the scenario must be a JSON string or a plain object, not {got}"),
        ));
    }
    js_sys::JSON::stringify(scenario)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            refuse(
                "scenario",
                "场景对象无法转为 JSON（含循环引用或 BigInt？）",
                "the scenario object cannot be written as JSON (a cycle or a BigInt?)",
            )
        })
}

/// `years`: absent, or a whole number of years from 1 to 10. Nothing is coerced.
fn horizon(years: &JsValue) -> Result<Option<u32>, JsValue> {
    if years.is_undefined() || years.is_null() {
        return Ok(None);
    }
    match years.as_f64() {
        Some(n) if n.fract() == 0.0 && (1.0..=10.0).contains(&n) => Ok(Some(n as u32)),
        Some(n) => Err(refuse(
            "years",
            &format!("预测年数须为 1 到 10 的整数，收到 {n}"),
            &format!("years must be a whole number from 1 to 10, not {n}"),
        )),
        None => Err(refuse(
            "years",
            "预测年数须为数字（1 到 10 的整数），不接受文字",
            "years must be a number (a whole number from 1 to 10), not text or another type",
        )),
    }
}

#[derive(Serialize)]
struct Validation {
    ok: bool,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
}

/// Validates a scenario: `{ ok, problems: [{ path, value, allowed, message: { zh, en }, … }],
/// warnings }`.
#[wasm_bindgen]
pub fn validate(scenario: JsValue) -> Result<JsValue, JsValue> {
    let text = scenario_text(&scenario)?;
    let (problems, warnings) = match read_checked(&text) {
        Ok(checked) => (Vec::new(), checked.warnings),
        Err(problems) => (problems, Vec::new()),
    };
    Ok(to_js(&Validation {
        ok: problems.is_empty(),
        problems,
        warnings,
    }))
}

/// Simulates a scenario's baseline and its proposal over `years` (default: the scenario's own
/// horizon) and returns the comparison, the same object as `ncms simulate --format json`.
/// Throws the list of problems when the scenario or an argument is invalid.
#[wasm_bindgen]
pub fn simulate(scenario: JsValue, years: JsValue) -> Result<JsValue, JsValue> {
    let text = scenario_text(&scenario)?;
    let years = horizon(&years)?;
    let checked = read_checked(&text)
        .map_err(|problems| to_js(&problems))?
        .scenario;
    let comparison =
        compare(&checked, &checked.proposal, years).map_err(|problems| to_js(&problems))?;
    Ok(to_js(&comparison))
}

fn language(lang: &JsValue) -> Result<Lang, JsValue> {
    match lang.as_string().as_deref() {
        None | Some("zh") => Ok(Lang::Zh),
        Some("en") => Ok(Lang::En),
        Some(other) => Err(refuse(
            "lang",
            &format!("语言须为 zh 或 en，收到 {other}"),
            &format!("lang must be zh or en, not {other}"),
        )),
    }
}

/// The blank figures template: `"csv"` gives its text (UTF-8 with a byte-order mark, for Excel),
/// `"xlsx"` a workbook's bytes (a `Uint8Array`). Labels in Chinese first unless `lang` is `"en"`.
#[wasm_bindgen]
pub fn template(format: &str, lang: JsValue) -> Result<JsValue, JsValue> {
    let lang = language(&lang)?;
    match format {
        "csv" => Ok(JsValue::from_str(&crate::annual_figures::template::csv(
            None, lang,
        ))),
        "xlsx" => Ok(js_sys::Uint8Array::from(
            &crate::annual_figures::template::xlsx(None, lang)[..],
        )
        .into()),
        other => Err(refuse(
            "format",
            &format!("模板格式须为 csv 或 xlsx，收到 {other}"),
            &format!("the template format must be csv or xlsx, not {other}"),
        )),
    }
}

/// Calibrates a filled figures file (its bytes; `fileName` is cited as the figures' source):
/// `{ scenario, table: [{ key, label, unit, reported, modelled, deviation, cell }], warnings,
/// assumptions }`, the scenario as a file holds it. Throws the problems of a bad file, each
/// naming its cell.
#[wasm_bindgen]
pub fn calibrate(bytes: &[u8], file_name: &str, lang: JsValue) -> Result<JsValue, JsValue> {
    let lang = language(&lang)?;
    let read = crate::annual_figures::template::read(bytes, file_name).map_err(|p| to_js(&p))?;
    let id = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem)
        .to_string();
    let id = if id.trim().is_empty() {
        "calibrated".to_string()
    } else {
        id
    };
    let options = crate::annual_figures::calibrate::Options { id, lang };
    let calibration = crate::annual_figures::calibrate::calibrate(&read.figures, &options)
        .map_err(|p| to_js(&p))?;
    Ok(to_js(&calibration))
}

/// The hand-over workbook (.xlsx bytes) of a scenario and its plans (its named plans, or its
/// proposal): an overview sheet and a sheet per table, in `lang`, dated `madeAt`.
#[wasm_bindgen]
pub fn workbook(scenario: JsValue, lang: JsValue, made_at: &str) -> Result<JsValue, JsValue> {
    let lang = language(&lang)?;
    let text = scenario_text(&scenario)?;
    let checked = read_checked(&text)
        .map_err(|problems| to_js(&problems))?
        .scenario;
    let plans = crate::compare_plans(&checked, lang.pick("方案", "proposal"), None)
        .map_err(|problems| to_js(&problems))?;
    let bytes = crate::output::handover_workbook::workbook(&checked, &plans, lang, made_at);
    Ok(js_sys::Uint8Array::from(&bytes[..]).into())
}

/// A year argument: `undefined` (the default), a year of the horizon, or `"all"` where allowed.
fn year_argument(
    year: &JsValue,
    all: bool,
) -> Result<Option<crate::model::indicator::When>, JsValue> {
    use crate::model::indicator::When;
    if year.is_undefined() || year.is_null() {
        return Ok(None);
    }
    if all && year.as_string().as_deref() == Some("all") {
        return Ok(Some(When::EveryYear));
    }
    match year.as_f64() {
        Some(y) if y.fract() == 0.0 && (1990.0..=2100.0).contains(&y) => {
            Ok(Some(When::Year(y as i32)))
        }
        _ => Err(refuse(
            "year",
            &format!(
                "年份须为预测期内的一年{}",
                if all {
                    "，或 \"all\"（每一年）"
                } else {
                    ""
                }
            ),
            &format!(
                "year must be a year of the horizon{}",
                if all { ", or \"all\" (every year)" } else { "" }
            ),
        )),
    }
}

/// Goal seek, as `ncms solve`: the value of `lever` (a registry path such as
/// `"financing.individual"`, or `"outpatient_ratios"`, `"inpatient_ratios"`,
/// `"funding_per_head"`) at which `target` (`"surplus>=0"`, `"outpatient_share<=25%"`, or on a
/// protection figure of the first year: `"inpatient_catastrophic_10<=0.15"`, or on a chance over
/// the risk figures' draws: `"p_deficit<=10%"`, `"p_exhausted<=5%"`) holds in `year` (default the
/// first year, for `p_exhausted` within the horizon; `"all"`: every year of the horizon), on the
/// scenario's proposal
/// (else its baseline). Returns the answer (`value`, `status`, `edits`, `words`, …); throws the
/// problems of an invalid scenario, or one problem naming the bad argument.
#[wasm_bindgen]
pub fn solve(
    scenario: JsValue,
    lever: &str,
    target: &str,
    year: JsValue,
) -> Result<JsValue, JsValue> {
    use crate::answers::goal_seek::{self, Lever, SolveError, Target};
    let text = scenario_text(&scenario)?;
    let when = year_argument(&year, true)?;
    let checked = read_checked(&text)
        .map_err(|problems| to_js(&problems))?
        .scenario;
    let when = when.unwrap_or_else(|| Target::default_when(target, &checked));
    Lever::parse(lever, &checked)
        .and_then(|lever| Ok((lever, Target::parse(target, when)?)))
        .and_then(|(lever, target)| goal_seek::solve(&checked, &checked.proposal, lever, target))
        .map(|answer| to_js(&answer))
        .map_err(|error| match error {
            SolveError::Invalid(problems) => to_js(&problems),
            other => {
                let path = match other {
                    SolveError::UnknownLever(_)
                    | SolveError::NotALever(_)
                    | SolveError::NothingToMove(_)
                    | SolveError::NoRoom(_) => "lever",
                    SolveError::YearOutside(_)
                    | SolveError::EqualEveryYear
                    | SolveError::FirstYearOnly(_) => "year",
                    _ => "target",
                };
                refuse(path, &other.describe(Lang::Zh), &other.describe(Lang::En))
            }
        })
}

/// The tornado, as `ncms sensitivity`: every lever and assumption moved ±10 % and ± one natural
/// unit, and its effect on `outcome` (a report field: `"surplus"`, the default,
/// `"closing_balance"`, `"outpatient_share"`, …; or a protection figure of the first year:
/// `"catastrophic_10"`, `"inpatient_catastrophic_10"`, `"impoverishing"`,
/// `"mean_oop_per_admission"`, …) in `year` (default: the first year, the horizon for a
/// balance), on the scenario's proposal. Throws like `solve`.
#[wasm_bindgen]
pub fn sensitivity(scenario: JsValue, outcome: JsValue, year: JsValue) -> Result<JsValue, JsValue> {
    use crate::answers::sensitivity::{tornado, Outcome, TornadoError};
    use crate::model::indicator::When;
    let text = scenario_text(&scenario)?;
    let name = match outcome.as_string() {
        Some(name) => name,
        None if outcome.is_undefined() || outcome.is_null() => "surplus".to_string(),
        None => {
            return Err(refuse(
                "outcome",
                "结果须为报告中的指标名或保障效果指标名，如 \"surplus\"、\"catastrophic_10\"",
                "the outcome is an indicator of the report or a protection figure, such as \"surplus\" or \"catastrophic_10\"",
            ))
        }
    };
    let year = match year_argument(&year, false)? {
        Some(When::Year(y)) => Some(y),
        _ => None,
    };
    let checked = read_checked(&text)
        .map_err(|problems| to_js(&problems))?
        .scenario;
    let outcome = Outcome::parse(&name, &checked, year).ok_or_else(|| {
        refuse(
            "outcome",
            &format!("“{name}”不是报告中的指标或保障效果指标，或年份不在预测期内（保障效果指标只测算第一年）"),
            &format!(
                "{name:?} is not an indicator of the report or a protection figure, or the year is not in the horizon (a protection figure's is the first)"
            ),
        )
    })?;
    tornado(&checked, &checked.proposal, outcome)
        .map(|t| to_js(&t))
        .map_err(|error| match error {
            TornadoError::Invalid(problems) => to_js(&problems),
            other => refuse("year", &other.describe(Lang::Zh), &other.describe(Lang::En)),
        })
}

/// What the baseline and each plan of the scenario (its named plans, or its proposal) do for
/// families, as `ncms protection --format json`: `{ format, year, plans: [{ name, overall, kinds,
/// lines, fund, change }], assumptions, notes }`, the baseline first, shares as fractions and
/// money as decimal strings; the baseline and the proposal named in `lang` (Chinese unless
/// `"en"`). Throws the problems of an invalid scenario.
#[wasm_bindgen]
pub fn protection(scenario: JsValue, lang: JsValue) -> Result<JsValue, JsValue> {
    let lang = language(&lang)?;
    let text = scenario_text(&scenario)?;
    let checked = read_checked(&text)
        .map_err(|problems| to_js(&problems))?
        .scenario;
    crate::protection::protection(
        &checked,
        lang.pick("基线", "baseline"),
        lang.pick("方案", "proposal"),
    )
    .map(|figures| to_js(&figures))
    .map_err(|problems| to_js(&problems))
}

/// `risk`'s options: `{ draws, seed, spreadScale, lang }`, each optional; a key not among these,
/// or a value of the wrong type, is refused naming it. Nothing is coerced.
fn risk_options(options: &JsValue) -> Result<(crate::risk::RiskOptions, Lang), JsValue> {
    let mut out = crate::risk::RiskOptions::default();
    let mut lang = Lang::Zh;
    if options.is_undefined() || options.is_null() {
        return Ok((out, lang));
    }
    if !options.is_object() || js_sys::Array::is_array(options) || options.is_function() {
        return Err(refuse(
            "options",
            "选项须为普通对象，如 { draws: 2000, seed: 1 }",
            "options must be a plain object, such as { draws: 2000, seed: 1 }",
        ));
    }
    let whole = |key: &str, value: &JsValue, max: f64| -> Result<f64, JsValue> {
        match value.as_f64() {
            Some(n) if n.fract() == 0.0 && (0.0..=max).contains(&n) => Ok(n),
            _ => Err(refuse(
                key,
                &format!("{key} 须为 0 到 {max} 的整数"),
                &format!("{key} must be a whole number from 0 to {max}"),
            )),
        }
    };
    for key in js_sys::Object::keys(&js_sys::Object::from(options.clone())).iter() {
        let key = key.as_string().unwrap_or_default();
        let value = js_sys::Reflect::get(options, &JsValue::from_str(&key)).unwrap_or_default();
        if value.is_undefined() {
            continue;
        }
        match key.as_str() {
            // Out of range (0 draws, …) is for the engine to refuse, in its words.
            "draws" => out.draws = whole("draws", &value, f64::from(u32::MAX))? as u32,
            "seed" => out.seed = whole("seed", &value, 9_007_199_254_740_991.0)? as u64,
            "spreadScale" => {
                out.spread_scale = value.as_f64().ok_or_else(|| {
                    refuse(
                        "spreadScale",
                        "spreadScale 须为数字（0 到 10）",
                        "spreadScale must be a number (0 to 10)",
                    )
                })?
            }
            "lang" => lang = language(&value)?,
            other => {
                return Err(refuse(
                    other,
                    &format!("未知选项 {other}（可用：draws、seed、spreadScale、lang）"),
                    &format!("unknown option {other} (draws, seed, spreadScale, lang)"),
                ))
            }
        }
    }
    Ok((out, lang))
}

/// How sure the projection is, as `ncms risk --format json`: `{ format, draws, seed, plans: [{
/// name, years: [{ year, closing_balance: { p5, p10, p50, p90, p95 }, available_balance, p_deficit,
/// p_exhausted, p_outpatient_over_cap, expected_shortfall }], reserve_for_90 }] }`, the baseline
/// first, money as decimal strings. `options`: `{ draws, seed, spreadScale, lang }` (defaults
/// 2000, 1, 1 and Chinese names). Throws the problems of an invalid scenario or option.
#[wasm_bindgen]
pub fn risk(scenario: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let (options, lang) = risk_options(&options)?;
    let text = scenario_text(&scenario)?;
    let checked = read_checked(&text)
        .map_err(|problems| to_js(&problems))?
        .scenario;
    crate::risk::risk(
        &checked,
        lang.pick("基线", "baseline"),
        lang.pick("方案", "proposal"),
        &options,
    )
    .map(|figures| to_js(&figures))
    .map_err(|problems| to_js(&problems))
}

/// The app's compute service (`ncms_sim::service`): one request as JSON text, its reply as JSON
/// text. The page posts requests to a Web Worker that runs this, so that goal seek, the tornado,
/// the waterfall, one patient and the protection figures never run on the page's thread.
#[wasm_bindgen]
pub fn compute(request: &str) -> String {
    crate::service::answer_json(request)
}
