//! Spending by line of care in the selected year: each level's outpatient and inpatient care,
//! the special-disease, consultation-fee, major-disease and premium lines, and the total.

use crate::format::{money, money_change, share};
use crate::i18n::ui;
use ncms_sim::money::Yuan;
use ncms_sim::render::{count, line_name};
use ncms_sim::{Comparison, Lang};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LinesTableProps {
    pub comparison: Rc<Comparison>,
    pub year: usize,
    pub lang: Lang,
}

struct Row {
    id: String,
    name: String,
    base: Yuan,
    prop: Yuan,
    volume: Option<(f64, f64)>,
    ratio: Option<(f64, f64)>,
    total: bool,
}

#[function_component]
pub fn LinesTable(props: &LinesTableProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    let (Some(b), Some(p)) = (
        props.comparison.baseline.years.get(props.year),
        props.comparison.proposal.years.get(props.year),
    ) else {
        return html! {};
    };
    let mut rows: Vec<Row> = b
        .spending
        .lines
        .iter()
        .chain(b.spending.special_disease.iter())
        .zip(
            p.spending
                .lines
                .iter()
                .chain(p.spending.special_disease.iter()),
        )
        .enumerate()
        .map(|(i, (bl, pl))| Row {
            id: format!("line-{i}"),
            name: line_name(pl).get(lang).to_string(),
            base: bl.benefit,
            prop: pl.benefit,
            volume: Some((bl.volume, pl.volume)),
            ratio: Some((bl.policy_ratio, pl.policy_ratio)),
            total: false,
        })
        .collect();
    for (id, name, base, prop) in [
        (
            "consultation_fee",
            ui.consultation_fee_line,
            b.spending.consultation_fee,
            p.spending.consultation_fee,
        ),
        (
            "major_disease",
            ui.major_disease_line,
            b.spending.major_disease,
            p.spending.major_disease,
        ),
        (
            "critical_illness_premium",
            ui.premium_line,
            b.spending.critical_illness_premium,
            p.spending.critical_illness_premium,
        ),
        ("total", ui.total, b.spending.total, p.spending.total),
    ] {
        if id != "total" && base.is_zero() && prop.is_zero() {
            continue;
        }
        rows.push(Row {
            id: format!("line-{id}"),
            name: name.to_string(),
            base,
            prop,
            volume: None,
            ratio: None,
            total: id == "total",
        });
    }
    let zh = lang == Lang::Zh;
    html! {
        <section class="panel" aria-labelledby="lines-title">
            <h2 id="lines-title">{ format!("{} {}", ui.spending_by_line, p.year) }</h2>
            <table class="figures" data-testid="lines-table">
                <thead><tr>
                    <th scope="col">{ ui.line }</th>
                    <th scope="col">{ if zh { "方案人次" } else { "Volume" } }</th>
                    <th scope="col">{ ui.policy_ratio }</th>
                    <th scope="col">{ ui.baseline }</th>
                    <th scope="col">{ ui.proposal }</th>
                    <th scope="col">{ ui.difference }</th>
                </tr></thead>
                <tbody>
                { for rows.into_iter().map(|r| html! {
                    <tr class={classes!(r.total.then_some("total"))}>
                        <th scope="row">{ r.name }</th>
                        <td>{ r.volume.map(|(_, v)| count(v)).unwrap_or_default() }</td>
                        <td>{ r.ratio.map(|(_, v)| share(v)).unwrap_or_default() }</td>
                        <td data-testid={format!("{}-baseline", r.id)} data-value={r.base.to_string()}>
                            { money(r.base, lang) }</td>
                        <td data-testid={format!("{}-proposal", r.id)} data-value={r.prop.to_string()}>
                            { money(r.prop, lang) }</td>
                        <td class="change">{ money_change(r.prop - r.base, lang) }</td>
                    </tr>
                }) }
                </tbody>
            </table>
        </section>
    }
}
