//! One parameter: a slider and a typed number bound to the same edit path, with the field's
//! problems under it. Shares are typed in percent; the edit sent is the fraction.
//!
//! The field is controlled: what is typed goes to the state (`Action::Type`), which reads it
//! (`state::typed_number`) and applies it only when it is a usual value; a question ("0.9 % or
//! 90 %?"), a far-from-usual value or text that is not a number stays pending there, and the
//! results say they are not applied. The question shows once typing pauses, so that "4" on the
//! way to "450" asks nothing.

use crate::state::fields::Field;
use crate::state::reducer::Typing;
use crate::state::typed_number::{shown, Typed};
use crate::view::ui_words::{fill, ui};
use ncms_sim::figure::trimmed;
use ncms_sim::Lang;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// How long typing must pause before a question about it is asked (ms).
const ASK_AFTER_MS: u32 = 600;

/// What a field sends, each with the field's path: a slider moved, text typed, a question
/// answered (`None`: cancelled), the field left. Made once per scope, so fields given them
/// render again only when their own value changes.
#[derive(Clone, PartialEq)]
pub struct FieldActions {
    pub on_slider: Callback<(String, Option<f64>)>,
    pub on_type: Callback<(String, String)>,
    pub on_resolve: Callback<(String, Option<f64>)>,
    pub on_leave: Callback<String>,
}

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
    /// What is typed into the field, if anything.
    #[prop_or_default]
    pub typing: Option<Typing>,
    pub actions: FieldActions,
    /// A line under the field (a range: what it spreads its assumption to).
    #[prop_or_default]
    pub hint: Option<String>,
}

fn dom_id(path: &str) -> String {
    path.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

#[function_component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let field = &props.field;
    let lang = props.lang;
    let ui = ui(lang);
    let id = format!("f-{}", dom_id(&field.path));
    let error_id = format!("{id}-error");
    let path = field.path.clone();
    let typing = props.typing.as_ref();
    // Whether typing has paused since the text last changed: only then is a question asked.
    // Set only while there is typed text, and only when it changes (`_eq`): a keystroke renders
    // the field once, not twice, and the other levers never.
    let paused = use_state_eq(|| true);
    let timer = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    {
        let (paused, timer) = (paused.clone(), timer.clone());
        use_effect_with(typing.map(|t| t.text.clone()), move |text| {
            if text.is_some() {
                paused.set(false);
                *timer.borrow_mut() = Some(gloo_timers::callback::Timeout::new(
                    ASK_AFTER_MS,
                    move || paused.set(true),
                ));
            }
        });
    }

    let on_slider = {
        let (on_slider, path) = (props.actions.on_slider.clone(), path.clone());
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(value) = input.value().parse::<f64>() {
                on_slider.emit((path.clone(), Some(value)));
            }
        })
    };
    let on_typed = {
        let (on_type, path) = (props.actions.on_type.clone(), path.clone());
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_type.emit((path.clone(), input.value()));
        })
    };
    let on_blur = {
        let (on_leave, path) = (props.actions.on_leave.clone(), path.clone());
        Callback::from(move |_: FocusEvent| on_leave.emit(path.clone()))
    };
    let on_key = {
        let (on_resolve, path) = (props.actions.on_resolve.clone(), path.clone());
        let pending = typing.is_some_and(Typing::pending);
        Callback::from(move |e: KeyboardEvent| {
            // Esc drops a pending reading: the field shows its value again.
            if e.key() == "Escape" && pending {
                // The field has taken this Esc: it does not also leave presentation mode.
                e.prevent_default();
                on_resolve.emit((path.clone(), None));
            }
        })
    };
    let answer = |value: Option<f64>| {
        let (on_resolve, path) = (props.actions.on_resolve.clone(), path.clone());
        Callback::from(move |_: MouseEvent| on_resolve.emit((path.clone(), value)))
    };

    let text = typing.map_or_else(
        || {
            props
                .value
                .map_or(String::new(), |v| shown(v, field.unit()))
        },
        |t| t.text.clone(),
    );
    let slider_value = props.value.unwrap_or(field.min).to_string();
    let suffix = field.unit().suffix(lang);
    let mut messages = props.problems.clone();
    if let Some(t) = typing {
        if let Some(problem) = &t.refused {
            messages.insert(0, problem.on_screen(lang));
        } else if t.reading == Typed::NotANumber {
            messages.insert(0, ui.not_a_number.to_string());
        }
    }
    let invalid = !messages.is_empty();
    let pending = typing.is_some_and(Typing::pending);
    let class = classes!(
        "field",
        props.edited.then_some("edited"),
        invalid.then_some("invalid"),
        pending.then_some("pending")
    );
    let label = field.label.get(lang).to_string();
    let placeholder = field
        .optional()
        .then(|| field.param.empty_label().get(lang).to_string());
    let value_text = field.param.show(props.value, lang);

    let reading = typing.filter(|t| t.refused.is_none()).map(|t| t.reading);
    let question = match reading.filter(|_| *paused) {
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
            data-value={props.value.map(|v| v.to_string()).unwrap_or_default()}
            data-pending={pending.to_string()}>
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
                        value={text} oninput={on_typed} onblur={on_blur} onkeydown={on_key} />
                    <span class="unit">{ suffix }</span>
                </span>
            </div>
            { question }
            if let Some(hint) = &props.hint {
                <p class="field-hint" data-testid={format!("hint-{}", field.path)}>{ hint.clone() }</p>
            }
            if invalid {
                <ul class="field-problems" id={error_id} role="alert"
                    data-testid={format!("problem-{}", field.path)}>
                    { for messages.iter().map(|m| html! { <li>{ m.clone() }</li> }) }
                </ul>
            }
        </div>
    }
}
