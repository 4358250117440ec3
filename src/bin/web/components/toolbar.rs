//! The top bar: the fund picker, undo and redo, open / save a file, share link, CSV, print,
//! presentation and language; on a phone the file and export buttons fold behind a menu.

use crate::state::work::Source;
use crate::view::ui_words::ui;
use ncms_sim::scenarios::BUNDLED;
use ncms_sim::{read_scenario, Lang};
use web_sys::{File, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub lang: Lang,
    pub source: Source,
    pub share_url: Option<String>,
    pub on_select: Callback<String>,
    pub on_file: Callback<File>,
    pub on_save: Callback<()>,
    pub on_share: Callback<()>,
    pub on_csv: Callback<()>,
    pub on_print: Callback<()>,
    pub on_lang: Callback<Lang>,
    pub can_undo: bool,
    pub can_redo: bool,
    pub on_undo: Callback<()>,
    pub on_redo: Callback<()>,
    pub presenting: bool,
    pub on_present: Callback<()>,
    pub on_new_fund: Callback<()>,
    pub on_workbook: Callback<()>,
}

const FILE_OPTION: &str = "__file__";

#[function_component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    // The bundled scenarios' names, read once.
    let names = use_memo((), |_| {
        BUNDLED
            .iter()
            .map(|(id, json)| {
                let name = read_scenario(json).map(|s| s.name).ok();
                (id.to_string(), name)
            })
            .collect::<Vec<_>>()
    });
    let on_select = {
        let on_select = props.on_select.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let id = select.value();
            if id != FILE_OPTION {
                on_select.emit(id);
            }
        })
    };
    let on_file = {
        let on_file = props.on_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                on_file.emit(file);
            }
            // Choosing the same file again must fire `change` again.
            input.set_value("");
        })
    };
    let selected = match &props.source {
        Source::Bundled(id) => id.clone(),
        Source::File { .. } => FILE_OPTION.to_string(),
    };
    // On a phone the file and export buttons fold behind 菜单 (on wider screens they all show).
    let menu = use_state_eq(|| false);
    let menu_open = *menu;
    let toggle_menu = Callback::from(move |_: MouseEvent| menu.set(!*menu));
    let other = lang.other();
    let click = |cb: &Callback<()>| cb.reform(|_: MouseEvent| ());
    let on_lang = props.on_lang.reform(move |_: MouseEvent| other);
    html! {
        <header class="toolbar no-print">
            <div class="brand">
                <h1>{ ui.title }</h1>
                <p class="muted">{ ui.subtitle }</p>
            </div>
            <div class={classes!("tools", menu_open.then_some("open"))}>
                <label class="select-label" for="scenario-select">{ ui.scenario }</label>
                <select id="scenario-select" data-testid="scenario-select" onchange={on_select}>
                    { for names.iter().map(|(id, name)| html! {
                        <option value={id.clone()} selected={*id == selected}>
                            { name.as_ref().map_or(id.clone(), |n| n.get(lang).to_string()) }
                        </option>
                    }) }
                    if let Source::File { name, edited, .. } = &props.source {
                        <option value={FILE_OPTION} selected=true>
                            { format!("{}: {name}", if *edited { ui.edited_file } else { ui.opened_file }) }
                        </option>
                    }
                </select>
                <button type="button" class="secondary" data-testid="undo-button"
                    title={ui.undo_hint} disabled={!props.can_undo}
                    onclick={click(&props.on_undo)}>{ ui.undo }</button>
                <button type="button" class="secondary" data-testid="redo-button"
                    title={ui.redo_hint} disabled={!props.can_redo}
                    onclick={click(&props.on_redo)}>{ ui.redo }</button>
                <button type="button" class="secondary menu-toggle" data-testid="menu-toggle"
                    aria-expanded={menu_open.to_string()} aria-controls="toolbar-menu"
                    onclick={toggle_menu}>{ ui.menu }</button>
                <div class="menu-items" id="toolbar-menu">
                <button type="button" class="secondary" data-testid="new-fund-button"
                    onclick={click(&props.on_new_fund)}>{ ui.new_fund_button }</button>
                <label class="button secondary file-button">
                    { ui.open_file }
                    <input type="file" accept=".json,application/json" class="visually-hidden"
                        data-testid="file-input" onchange={on_file} />
                </label>
                <button type="button" class="secondary" data-testid="save-button"
                    onclick={click(&props.on_save)}>{ ui.save_file }</button>
                <button type="button" class="secondary" data-testid="share-button"
                    onclick={click(&props.on_share)}>{ ui.share_link }</button>
                <button type="button" class="secondary" data-testid="csv-button"
                    onclick={click(&props.on_csv)}>{ ui.export_csv }</button>
                <button type="button" class="secondary" data-testid="xlsx-button"
                    onclick={click(&props.on_workbook)}>{ ui.export_xlsx }</button>
                <button type="button" class="secondary" data-testid="present-button"
                    aria-pressed={props.presenting.to_string()}
                    onclick={click(&props.on_present)}>{ if props.presenting { ui.exit_presentation } else { ui.presentation } }</button>
                <button type="button" class="secondary" data-testid="print-button"
                    onclick={click(&props.on_print)}>{ ui.print }</button>
                </div>
                <button type="button" class="lang" data-testid="lang-toggle" lang={other.code()}
                    aria-label={ui.language_switch_label} onclick={on_lang}>{ ui.language_switch }</button>
            </div>
            if let Some(url) = &props.share_url {
                <div class="share-row">
                    <label for="share-link">{ ui.link_copied }</label>
                    <input id="share-link" type="text" readonly=true data-testid="share-link"
                        value={url.clone()} />
                </div>
            }
        </header>
    }
}
