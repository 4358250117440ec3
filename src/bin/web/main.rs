//! The browser app (Yew): the engine's scenarios, controls for every policy lever, and the
//! comparison of baseline and proposal redrawn on every input. On native targets this is an empty
//! program, so that `cargo build` never needs a web crate: only `state`'s pure modules compile
//! there, for their tests.
//!
//! Invariant: no policy arithmetic here. Every figure shown comes from a
//! [`ncms_sim::Comparison`] computed by the engine; the app formats, lays out and stores state.
//!
//! The layers, from the top: `app` (the root component, wiring only) and `hooks`; `components`
//! (one per file); `browser` (all browser I/O); `state` (the work, undo, links, the reducer);
//! `view` (formatting, the interface's words, shared props). Every import points down this list.
//! What loads after first paint (the answers, the new-fund dialog, the printed report) is the
//! second module, `src/bin/web-extras/`, built from `extras/` over the same layers.

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
#[allow(
    dead_code,
    reason = "shared with the second module (extras), which uses the rest"
)]
mod browser;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod hooks;
// Pure modules (no browser) are compiled and unit-tested natively too.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod state;
#[allow(
    dead_code,
    reason = "shared with the second module (extras), which uses the rest"
)]
mod view;

fn main() {
    #[cfg(target_arch = "wasm32")]
    yew::Renderer::<app::App>::new().render();
}
