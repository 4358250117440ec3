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

/// Renders `C` into the element `id`, if the page has it.
#[cfg(target_arch = "wasm32")]
fn mount<C: yew::BaseComponent<Properties = ()>>(id: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        yew::Renderer::<C>::with_root(root).render();
    }
}

/// An empty app on an element outside the page. The two modules are two Yew apps, each numbering
/// its subtrees from 1 and marking its elements and events with the number; an event belongs to
/// the app whose number the closest marked element bears. The first module has one subtree, 1:
/// mounting this one first makes this module's subtrees 2 to 6, so that neither app ever
/// takes the other's events for its own.
#[cfg(target_arch = "wasm32")]
#[yew::function_component]
fn Nothing() -> yew::Html {
    yew::Html::default()
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        use extras::roots::{AnswersRoot, NewFundRoot, PrintRoot, ProtectionRoot, RiskRoot};
        if let Some(outside) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("div").ok())
        {
            yew::Renderer::<Nothing>::with_root(outside).render();
        }
        mount::<RiskRoot>("extras-risk");
        mount::<ProtectionRoot>("extras-protection");
        mount::<AnswersRoot>("extras-answers");
        mount::<NewFundRoot>("extras-new-fund");
        mount::<PrintRoot>("extras-print");
    }
}
