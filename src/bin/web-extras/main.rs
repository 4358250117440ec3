//! The app's second wasm module, loaded after first paint (`src/bin/web/extras/`): the answers,
//! the new-fund dialog and the printed report, mounted into the places the first-paint app
//! leaves for them and told what to show through `browser::bridge`. It shares the first module's
//! source files; each module's wasm holds only what it uses. On native targets this is an empty
//! program.

#[cfg(target_arch = "wasm32")]
#[allow(
    dead_code,
    reason = "shared with the first-paint module, which uses the rest"
)]
#[path = "../web/browser/mod.rs"]
mod browser;
#[cfg(target_arch = "wasm32")]
#[allow(
    dead_code,
    reason = "shared with the first-paint module, which uses the rest"
)]
#[path = "../web/components/mod.rs"]
mod components;
#[cfg(target_arch = "wasm32")]
#[path = "../web/extras/mod.rs"]
mod extras;
#[cfg(target_arch = "wasm32")]
#[allow(
    dead_code,
    reason = "shared with the first-paint module, which uses the rest"
)]
#[path = "../web/state/mod.rs"]
mod state;
#[cfg(target_arch = "wasm32")]
#[allow(
    dead_code,
    reason = "shared with the first-paint module, which uses the rest"
)]
#[path = "../web/view/mod.rs"]
mod view;

/// The events that bubble and that either module listens to.
#[cfg(target_arch = "wasm32")]
const BUBBLING: [&str; 14] = [
    "click",
    "dblclick",
    "input",
    "change",
    "submit",
    "keydown",
    "keyup",
    "keypress",
    "focusin",
    "focusout",
    "mousedown",
    "mouseup",
    "pointerdown",
    "pointerup",
];

/// Renders `C` into an element of its own inside the place `id` the first module left, if the
/// page has it. Events from inside stop at the place: the two modules are two Yew apps, each with
/// its own listeners, and the first must never take the second's events for its own.
#[cfg(target_arch = "wasm32")]
fn mount<C: yew::BaseComponent<Properties = ()>>(id: &str) {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Some(place), Ok(root)) = (
        document.get_element_by_id(id),
        document.create_element("div"),
    ) else {
        return;
    };
    let stop =
        wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| {
            e.stop_propagation()
        });
    for event in BUBBLING {
        let _ = place.add_event_listener_with_callback(event, stop.as_ref().unchecked_ref());
    }
    // The page lives as long as the module: the listener is never removed.
    stop.forget();
    if place.append_child(&root).is_ok() {
        yew::Renderer::<C>::with_root(root).render();
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        use extras::roots::{AnswersRoot, NewFundRoot, PrintRoot};
        mount::<AnswersRoot>("extras-answers");
        mount::<NewFundRoot>("extras-new-fund");
        mount::<PrintRoot>("extras-print");
    }
}
