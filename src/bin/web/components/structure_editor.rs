//! The fund's structure, in the assumptions tab: its name, its service lines (add a hospital
//! level, switch outpatient or inpatient care on or off, remove a line), its scheme-wide rules
//! (consultation fee, special and major diseases, risk reserve), the form of its ceiling and
//! whether deductibles follow costs. Each change is one undoable step, validated by the engine.

use crate::state::work::Structural;
use crate::view::ui_words::ui;
use ncms_sim::scenario::Ceiling;
use ncms_sim::structure::{Care, CeilingForm, Rule};
use ncms_sim::text::level_name;
use ncms_sim::{Lang, Level, Scenario, Text};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StructureEditorProps {
    pub scenario: Scenario,
    pub lang: Lang,
    pub on_structure: Callback<Structural>,
}

#[function_component]
pub fn StructureEditor(props: &StructureEditorProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    let s = &props.scenario;
    let emit = |change: Structural| {
        let cb = props.on_structure.clone();
        Callback::from(move |_: MouseEvent| cb.emit(change.clone()))
    };
    let toggle = |make: fn(bool) -> Structural, on: bool| {
        let cb = props.on_structure.clone();
        Callback::from(move |_: Event| cb.emit(make(!on)))
    };
    let rename = {
        let (cb, name) = (props.on_structure.clone(), s.name.clone());
        move |which: Lang| {
            let (cb, name) = (cb.clone(), name.clone());
            Callback::from(move |e: Event| {
                let input: HtmlInputElement = e.target_unchecked_into();
                let value = input.value().trim().to_string();
                if value.is_empty() {
                    return;
                }
                let mut renamed: Text = name.clone();
                renamed.set(which, value);
                if renamed != name {
                    cb.emit(Structural::Rename(renamed));
                }
            })
        }
    };
    let add_level = use_state(|| Level::County);
    let on_level = {
        let add_level = add_level.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(level) = Level::parse(&select.value()) {
                add_level.set(level);
            }
        })
    };
    let ceiling_form = match &s.rules.annual_ceiling {
        None => "none",
        Some(Ceiling::Fixed(_)) => "fixed",
        Some(Ceiling::IncomeMultiple(_)) => "income_multiple",
    };
    let on_ceiling = {
        let cb = props.on_structure.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            cb.emit(Structural::SetCeiling(match select.value().as_str() {
                "fixed" => CeilingForm::Fixed,
                "income_multiple" => CeilingForm::IncomeMultiple,
                _ => CeilingForm::None,
            }))
        })
    };
    let rule_box = |rule: Rule, on: bool, label: &'static str, id: &'static str| {
        let cb = props.on_structure.clone();
        let onchange = Callback::from(move |_: Event| cb.emit(Structural::SetRule(rule, !on)));
        html! {
            <label class="check"><input type="checkbox" checked={on} data-testid={id} {onchange} />{ label }</label>
        }
    };
    let r = &s.rules;

    html! {
        <fieldset class="group structure" data-testid="structure">
            <legend>{ ui.structure }</legend>
            <div class="names">
                <label>{ ui.name_zh }<input type="text" value={s.name.zh.clone()} data-testid="name-zh" onchange={rename(Lang::Zh)} /></label>
                <label>{ ui.name_en }<input type="text" value={s.name.en.clone()} data-testid="name-en" onchange={rename(Lang::En)} /></label>
            </div>
            <table class="lines-structure">
                <thead><tr><th>{ ui.line }</th><th>{ ui.outpatient }</th><th>{ ui.inpatient }</th><th></th></tr></thead>
                <tbody>
                { for s.lines.iter().enumerate().map(|(i, line)| {
                    let care_box = |care: Care, on: bool, id: String| {
                        let cb = props.on_structure.clone();
                        let onchange = Callback::from(move |_: Event| cb.emit(Structural::SetCare(i, care, !on)));
                        html! { <input type="checkbox" checked={on} data-testid={id} {onchange}
                            aria-label={format!("{} {}", level_name(line.level).get(lang), match care {
                                Care::Outpatient => ui.outpatient, Care::Inpatient => ui.inpatient })} /> }
                    };
                    html! {
                        <tr data-testid={format!("structure-line-{i}")}>
                            <th scope="row">{ level_name(line.level).get(lang) }</th>
                            <td>{ care_box(Care::Outpatient, line.outpatient.is_some(), format!("care-{i}-outpatient")) }</td>
                            <td>{ care_box(Care::Inpatient, line.inpatient.is_some(), format!("care-{i}-inpatient")) }</td>
                            <td><button type="button" class="secondary small" data-testid={format!("remove-line-{i}")}
                                disabled={s.lines.len() == 1} onclick={emit(Structural::RemoveLine(i))}>{ ui.remove }</button></td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            <div class="add-line">
                <select data-testid="add-line-level" onchange={on_level} aria-label={ui.add_line}>
                    { for Level::ALL.iter().map(|l| html! {
                        <option value={l.name()} selected={*l == *add_level}>{ level_name(*l).get(lang) }</option>
                    }) }
                </select>
                <button type="button" class="secondary small" data-testid="add-line"
                    onclick={emit(Structural::AddLine(*add_level))}>{ ui.add_line }</button>
            </div>
            <div class="rules">
                { rule_box(Rule::ConsultationFee, r.consultation_fee.is_some(), ui.rule_fee, "rule-consultation_fee") }
                { rule_box(Rule::SpecialDisease, r.special_disease.is_some(), ui.rule_special, "rule-special_disease") }
                { rule_box(Rule::MajorDisease, r.major_disease.is_some(), ui.rule_major, "rule-major_disease") }
                { rule_box(Rule::RiskReserve, r.risk_reserve.is_some(), ui.rule_reserve, "rule-risk_reserve") }
                <label class="check"><input type="checkbox" checked={s.projection.index_deductibles}
                    data-testid="index-deductibles" onchange={toggle(Structural::IndexDeductibles, s.projection.index_deductibles)} />
                    { ui.index_deductibles }</label>
            </div>
            <label class="ceiling-form">{ ui.ceiling_form }
                <select data-testid="ceiling-form" onchange={on_ceiling}>
                    <option value="none" selected={ceiling_form == "none"}>{ ui.ceiling_none }</option>
                    <option value="fixed" selected={ceiling_form == "fixed"}>{ ui.ceiling_fixed }</option>
                    <option value="income_multiple" selected={ceiling_form == "income_multiple"}>{ ui.ceiling_multiple }</option>
                </select>
            </label>
        </fieldset>
    }
}
