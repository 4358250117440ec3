//! The browser app (Yew): the engine's scenarios, controls for every policy lever, and the
//! comparison of baseline and proposal redrawn on every input. On native targets this is an empty
//! program, so that `cargo build` never needs a web crate; every module is for wasm32 only.
//!
//! Invariant: no policy arithmetic here. Every figure shown comes from a
//! [`ncms_sim::Comparison`] computed by the engine; the app formats, lays out and stores state.

#[cfg(target_arch = "wasm32")]
mod answers;
#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod balance_chart;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
mod changes;
#[cfg(target_arch = "wasm32")]
mod controls;
#[cfg(target_arch = "wasm32")]
mod fields;
#[cfg(target_arch = "wasm32")]
mod format;
#[cfg(target_arch = "wasm32")]
mod gauge;
#[cfg(target_arch = "wasm32")]
mod i18n;
#[cfg(target_arch = "wasm32")]
mod key_figures;
#[cfg(target_arch = "wasm32")]
mod lines_table;
// Pure modules (no browser): compiled and unit-tested natively too.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod link;
#[cfg(target_arch = "wasm32")]
mod new_fund;
#[cfg(target_arch = "wasm32")]
mod notice;
#[cfg(target_arch = "wasm32")]
mod number_field;
#[cfg(target_arch = "wasm32")]
mod patient_panel;
#[cfg(target_arch = "wasm32")]
mod plans_bar;
#[cfg(target_arch = "wasm32")]
mod print_report;
#[cfg(target_arch = "wasm32")]
mod questions_panel;
#[cfg(target_arch = "wasm32")]
mod ratios;
#[cfg(target_arch = "wasm32")]
mod shared;
#[cfg(target_arch = "wasm32")]
mod state;
#[cfg(target_arch = "wasm32")]
mod structure_editor;
#[cfg(target_arch = "wasm32")]
mod summary_table;
#[cfg(target_arch = "wasm32")]
mod targets_table;
#[cfg(target_arch = "wasm32")]
mod toolbar;
#[cfg(target_arch = "wasm32")]
mod tools;
#[cfg(target_arch = "wasm32")]
mod tornado_panel;
#[cfg(target_arch = "wasm32")]
mod waterfall_panel;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod work;
#[cfg(target_arch = "wasm32")]
mod year_props;

fn main() {
    #[cfg(target_arch = "wasm32")]
    yew::Renderer::<app::App>::new().render();
}
