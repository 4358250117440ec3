//! One parameter: a slider and a typed number bound to the same edit path, with the field's
//! problems under it. Shares are typed in percent; the edit sent is the fraction.
//!
//! Nothing typed passes silently wrong: "90" and "90%" are 90 %; "0.9" in a percent box could be
//! 0.9 % or 90 %, so the field asks, and applies nothing until answered. A value ten times beyond
//! what real funds have (an amount typed in 万元, say) is confirmed before it is applied.
//! Full-width digits and thousands separators, as Chinese input methods and spreadsheets write
//! them, are read as the number they are.

use crate::state::fields::Field;
use crate::state::typed_number::{interpret, shown, Typed};
use crate::view::ui_words::{fill, ui};
use ncms_sim::figure::trimmed;
use ncms_sim::Lang;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    pub field: Field,
    /// The value in the plan being edited (`None`: empty, "no cap").
    pub value: Option<f64>,
    pub lang: Lang,
    /// Whether the plan differs from the baseline here.
    pub edited: bool,
    /// The engine's problems for this field, already worded.
    pub problems: Vec<String>,
    pub on_edit: Callback<(String, Option<f64>)>,
}

fn dom_id(path: &str) -> String {
    path.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

#[function_component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let draft = use_state(|| None::<String>);
    let pending = use_state(|| None::<Typed>);
    let field = &props.field;
    let lang = props.lang;
    let ui = ui(lang);
    let id = format!("f-{}", dom_id(&field.path));
    let error_id = format!("{id}-error");
    let path = field.path.clone();

    let emit = {
        let (on_edit, path) = (props.on_edit.clone(), path.clone());
        move |value: Option<f64>| on_edit.emit((path.clone(), value))
    };
    let on_slider = {
        let (emit, draft, pending) = (emit.clone(), draft.clone(), pending.clone());
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            draft.set(None);
            pending.set(None);
            if let Ok(value) = input.value().parse::<f64>() {
                emit(Some(value));
            }
        })
    };
    let on_typed = {
        let (emit, draft, pending, field) =
            (emit.clone(), draft.clone(), pending.clone(), field.clone());
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            match interpret(&text, &field) {
                Typed::Value(v) => {
                    pending.set(None);
                    emit(Some(v));
                }
                Typed::Empty => {
                    pending.set(None);
                    emit(None);
                }
                other => pending.set(Some(other)),
            }
            draft.set(Some(text));
        })
    };
    let on_blur = {
        let (draft, pending) = (draft.clone(), pending.clone());
        // A pending question keeps the typed text on screen until it is answered.
        Callback::from(move |_: FocusEvent| {
            if pending.is_none() {
                draft.set(None);
            }
        })
    };
    let answer = |value: Option<f64>| {
        let (emit, draft, pending) = (emit.clone(), draft.clone(), pending.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(v) = value {
                emit(Some(v));
            }
            pending.set(None);
            draft.set(None);
        })
    };

    let text = (*draft).clone().unwrap_or_else(|| {
        props
            .value
            .map_or(String::new(), |v| shown(v, field.unit()))
    });
    let slider_value = props.value.unwrap_or(field.min).to_string();
    let suffix = field.unit().suffix(lang);
    let mut messages = props.problems.clone();
    if *pending == Some(Typed::NotANumber) {
        messages.insert(0, ui.not_a_number.to_string());
    }
    let invalid = !messages.is_empty();
    let class = classes!(
        "field",
        props.edited.then_some("edited"),
        invalid.then_some("invalid")
    );
    let label = field.label.get(lang).to_string();
    let placeholder = field
        .optional()
        .then(|| field.param.empty_label().get(lang).to_string());
    let value_text = field.param.show(props.value, lang);

    let question = match *pending {
        Some(Typed::Ask {
            as_percent,
            as_fraction,
        }) => {
            let typed = trimmed(as_fraction);
            let big = format!("{}%", trimmed(as_fraction * 100.0));
            let small = format!("{typed}%");
            html! {
                <div class="ask" role="alert" data-testid={format!("ask-{path}")}>
                    <span>{ fill(ui.ask_percent, &[("typed", &typed), ("big", &big), ("small", &small)]) }</span>
                    <button type="button" data-testid={format!("ask-{path}-fraction")}
                        onclick={answer(Some(as_fraction))}>{ big }</button>
                    <button type="button" class="secondary" data-testid={format!("ask-{path}-percent")}
                        onclick={answer(Some(as_percent))}>{ small }</button>
                </div>
            }
        }
        Some(Typed::Confirm(v)) => {
            let (lo, hi) = field.param.typical;
            let usual = format!(
                "{} – {}",
                field.param.show(Some(lo), lang),
                field.param.show(Some(hi), lang)
            );
            html! {
                <div class="ask" role="alert" data-testid={format!("confirm-{path}")}>
                    <span>{ fill(ui.confirm_unusual, &[("value", &field.param.show(Some(v), lang)), ("usual", &usual)]) }</span>
                    <button type="button" data-testid={format!("confirm-{path}-yes")}
                        onclick={answer(Some(v))}>{ ui.use_anyway }</button>
                    <button type="button" class="secondary" data-testid={format!("confirm-{path}-no")}
                        onclick={answer(None)}>{ ui.cancel }</button>
                </div>
            }
        }
        _ => html! {},
    };

    html! {
        <div {class} data-testid={format!("field-{}", field.path)}
            data-value={props.value.map(|v| v.to_string()).unwrap_or_default()}>
            <label for={id.clone()}>{ label.clone() }</label>
            <div class="field-inputs">
                <input type="range" class="slider" aria-label={label.clone()}
                    aria-valuetext={value_text}
                    data-testid={format!("slider-{}", field.path)}
                    min={field.min.to_string()} max={field.max.to_string()}
                    step={field.param.step.to_string()} value={slider_value}
                    oninput={on_slider} />
                <span class="typed">
                    <input type="text" inputmode="decimal" id={id.clone()} class="number"
                        data-testid={format!("input-{}", field.path)}
                        aria-invalid={invalid.to_string()}
                        aria-describedby={invalid.then(|| error_id.clone())}
                        placeholder={placeholder}
                        value={text} oninput={on_typed} onblur={on_blur} />
                    <span class="unit">{ suffix }</span>
                </span>
            </div>
            { question }
            if invalid {
                <ul class="field-problems" id={error_id} role="alert"
                    data-testid={format!("problem-{}", field.path)}>
                    { for messages.iter().map(|m| html! { <li>{ m.clone() }</li> }) }
                </ul>
            }
        </div>
    }
}
