//! One policy lever: a slider and a typed number bound to the same edit path, with the field's
//! problems under it. Ratios are typed in percent; the edit sent is the fraction.

use crate::fields::{Field, FieldUnit};
use crate::i18n::ui;
use ncms_sim::money::decimal_from_f64;
use ncms_sim::Lang;
use rust_decimal::Decimal;
use std::str::FromStr;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    pub field: Field,
    /// The value in the proposal being edited (`None`: no cap).
    pub value: Option<f64>,
    pub lang: Lang,
    /// Whether the proposal differs from the baseline here.
    pub edited: bool,
    /// The engine's problems for this field, already worded.
    pub problems: Vec<String>,
    pub on_edit: Callback<(String, f64)>,
    pub on_unset: Callback<String>,
}

/// The number as typed in the box: percent for ratios, plain otherwise.
fn shown(value: f64, unit: FieldUnit) -> String {
    let Some(decimal) = decimal_from_f64(value) else {
        return value.to_string();
    };
    match unit {
        FieldUnit::Ratio => (decimal * Decimal::from(100)).normalize().to_string(),
        _ => decimal.normalize().to_string(),
    }
}

/// What was typed, as the edit's number; `None` if it is not a number.
fn typed(text: &str, unit: FieldUnit) -> Option<f64> {
    let text = text.trim();
    let number: f64 = match unit {
        // Through a decimal, so that typing 72.35 sends exactly 0.7235.
        FieldUnit::Ratio => (Decimal::from_str(text).ok()? / Decimal::from(100))
            .normalize()
            .to_string()
            .parse()
            .ok()?,
        _ => text.parse().ok()?,
    };
    number.is_finite().then_some(number)
}

fn dom_id(path: &str) -> String {
    path.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

#[function_component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let draft = use_state(|| None::<String>);
    let local_error = use_state(|| false);
    let field = &props.field;
    let ui = ui(props.lang);
    let id = format!("f-{}", dom_id(&field.path));
    let error_id = format!("{id}-error");

    let on_slider = {
        let (path, on_edit, draft, local_error) = (
            field.path.clone(),
            props.on_edit.clone(),
            draft.clone(),
            local_error.clone(),
        );
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            draft.set(None);
            local_error.set(false);
            if let Ok(value) = input.value().parse::<f64>() {
                on_edit.emit((path.clone(), value));
            }
        })
    };
    let on_typed = {
        let (path, unit, optional) = (field.path.clone(), field.unit, field.optional);
        let (on_edit, on_unset, draft, local_error) = (
            props.on_edit.clone(),
            props.on_unset.clone(),
            draft.clone(),
            local_error.clone(),
        );
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            if text.trim().is_empty() && optional {
                local_error.set(false);
                on_unset.emit(path.clone());
            } else if let Some(value) = typed(&text, unit) {
                local_error.set(false);
                on_edit.emit((path.clone(), value));
            } else {
                local_error.set(true);
            }
            draft.set(Some(text));
        })
    };
    let on_blur = {
        let draft = draft.clone();
        Callback::from(move |_: FocusEvent| draft.set(None))
    };

    let text = (*draft)
        .clone()
        .unwrap_or_else(|| props.value.map_or(String::new(), |v| shown(v, field.unit)));
    let slider_value = props.value.unwrap_or(field.min).to_string();
    let suffix = match field.unit {
        FieldUnit::Ratio => "%",
        FieldUnit::Yuan => ui.yuan,
        FieldUnit::Number => "",
    };
    let mut messages = props.problems.clone();
    if *local_error {
        messages.insert(0, ui.not_a_number.to_string());
    }
    let invalid = !messages.is_empty();
    let class = classes!(
        "field",
        props.edited.then_some("edited"),
        invalid.then_some("invalid")
    );
    let label = field.label.get(props.lang).to_string();
    let placeholder = field.optional.then(|| ui.no_cap.to_string());

    html! {
        <div {class} data-testid={format!("field-{}", field.path)}
            data-value={props.value.map(|v| v.to_string()).unwrap_or_default()}>
            <label for={id.clone()}>{ label.clone() }</label>
            <div class="field-inputs">
                <input type="range" class="slider" aria-label={label.clone()}
                    data-testid={format!("slider-{}", field.path)}
                    min={field.min.to_string()} max={field.max.to_string()}
                    step={field.step.to_string()} value={slider_value}
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
            if invalid {
                <ul class="field-problems" id={error_id} role="alert"
                    data-testid={format!("problem-{}", field.path)}>
                    { for messages.iter().map(|m| html! { <li>{ m.clone() }</li> }) }
                </ul>
            }
        </div>
    }
}
