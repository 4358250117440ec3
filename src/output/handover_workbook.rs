//! The hand-over workbook (.xlsx) a committee receives: a first sheet with the fund, the date, the
//! version, the assumptions and each plan's policy changes, then one sheet per table: the years,
//! the targets and spending by line, every plan beside the baseline, and how sure the balance is
//! (the risk figures with their default draws and seed). Figures are numbers with
//! their formats (yuan to the fen, shares as percentages), so the committee can compute with
//! them; the CSV stays the machine-readable table (`render::csv`).

use crate::answers::risk::{self, RiskOptions};
use crate::base::lang::{capitalise, Lang};
use crate::model::compare::PlanComparison;
use crate::model::indicator::Indicator;
use crate::model::report::{Bound, Report};
use crate::output::tables::{exact_title, spending_rows};
use crate::scenario::validate::CheckedScenario;
use crate::spreadsheet::grid::{CellValue, SheetOut, Style, Written};

fn text(t: impl Into<String>) -> Written {
    Written::text(t, Style::Plain)
}

fn bold(t: impl Into<String>) -> Written {
    Written::text(t, Style::Bold)
}

/// A header row: each column's name in `lang`, bold.
fn header(lang: Lang, columns: &[(&str, &str)]) -> Vec<Written> {
    columns
        .iter()
        .map(|(zh, en)| bold(lang.pick(*zh, *en)))
        .collect()
}

/// The baseline's report, then each plan's, with the names a sheet gives them.
fn reports<'a>(
    baseline: &'a Report,
    plans: &'a [PlanComparison],
    lang: Lang,
) -> impl Iterator<Item = (String, &'a Report)> + 'a {
    std::iter::once((lang.pick("基线", "Baseline").to_string(), baseline)).chain(
        plans
            .iter()
            .map(|p| (p.name.clone(), &p.comparison.proposal)),
    )
}

fn number(v: f64, style: Style) -> Written {
    Written {
        value: if v.is_finite() {
            CellValue::Number(v)
        } else {
            CellValue::Empty
        },
        style,
    }
}

fn money(amount: crate::base::money::Yuan) -> Written {
    number(crate::base::money::to_f64(amount), Style::Money)
}

/// The workbook's sheets (see the module's documentation).
pub fn sheets(
    scenario: &CheckedScenario,
    plans: &[PlanComparison],
    lang: Lang,
    made_at: &str,
) -> Vec<SheetOut> {
    let Some(first) = plans.first() else {
        return Vec::new();
    };
    let baseline = &first.comparison.baseline;
    let mut sheets = vec![
        overview(scenario, plans, lang, made_at),
        years(baseline, plans, lang),
        targets(baseline, plans, lang),
        spending(plans, lang),
    ];
    sheets.extend(how_sure(scenario, baseline, plans, lang));
    sheets
}

/// The workbook as bytes.
pub fn workbook(
    scenario: &CheckedScenario,
    plans: &[PlanComparison],
    lang: Lang,
    made_at: &str,
) -> Vec<u8> {
    crate::spreadsheet::xlsx::write_workbook(&sheets(scenario, plans, lang, made_at))
}

fn overview(
    scenario: &CheckedScenario,
    plans: &[PlanComparison],
    lang: Lang,
    made_at: &str,
) -> SheetOut {
    let s = scenario;
    let p = &s.projection;
    let mut rows = vec![
        vec![bold(
            lang.pick("新农合基金测算报告", "NCMS fund projection report"),
        )],
        vec![text(lang.pick("基金", "Fund")), text(s.name.get(lang))],
        vec![text(lang.pick("生成时间", "Made")), text(made_at)],
        vec![
            text(lang.pick("版本", "Version")),
            text(format!("ncms-sim {}", env!("CARGO_PKG_VERSION"))),
        ],
        vec![],
        vec![bold(lang.pick("测算假设", "Assumptions"))],
        vec![
            text(lang.pick("参合人数", "Enrollees")),
            number(s.population.enrollees as f64, Style::Count),
        ],
        vec![
            text(lang.pick("基准年", "Base year")),
            number(f64::from(s.year), Style::Plain),
        ],
        vec![
            text(lang.pick("预测年数", "Horizon (years)")),
            number(f64::from(p.years), Style::Plain),
        ],
        vec![
            text(lang.pick("人均筹资年增长率", "Yearly growth of funding")),
            number(p.funding_growth, Style::Percent),
        ],
        vec![
            text(lang.pick("医疗费用年增长率", "Yearly growth of unit costs")),
            number(p.cost_growth, Style::Percent),
        ],
        vec![
            text(lang.pick("就诊率年增长率", "Yearly growth of utilisation")),
            number(p.utilisation_growth, Style::Percent),
        ],
        vec![
            text(lang.pick("需求弹性", "Demand elasticity")),
            number(s.behaviour.elasticity, Style::Plain),
        ],
        vec![
            text(lang.pick("年初累计结余", "Opening balance")),
            money(s.financing.opening_balance),
        ],
        vec![],
    ];
    let change_rows = |rows: &mut Vec<Vec<Written>>, changes: &[crate::model::report::Change]| {
        rows.push(header(
            lang,
            &[
                ("参数", "Parameter"),
                ("字段", "Field"),
                ("原值", "Before"),
                ("新值", "After"),
            ],
        ));
        for c in changes {
            let (before, after) = c.show(lang);
            rows.push(vec![
                text(c.label.get(lang)),
                text(c.path.clone()),
                text(before),
                text(after),
            ]);
        }
    };
    rows.push(vec![bold(lang.pick(
        "假设调整（基线与方案同时适用）",
        "Assumptions changed (baseline and plans alike)",
    ))]);
    change_rows(&mut rows, s.assumption_changes());
    for plan in plans {
        rows.push(vec![]);
        rows.push(vec![bold(format!(
            "{}：{}",
            lang.pick("方案", "Plan"),
            plan.name
        ))]);
        change_rows(&mut rows, &plan.comparison.changes);
    }
    SheetOut {
        name: lang.pick("概况", "Overview").into(),
        rows,
        widths: vec![34.0, 44.0, 18.0, 18.0],
        frozen_rows: 0,
    }
}

fn years(baseline: &Report, plans: &[PlanComparison], lang: Lang) -> SheetOut {
    let rows_of = Indicator::SUMMARY;
    let mut first = header(lang, &[("方案", "Plan"), ("年度", "Year")]);
    first.extend(rows_of.iter().map(|&r| bold(exact_title(r, lang))));
    let mut rows = vec![first];
    for (name, report) in reports(baseline, plans, lang) {
        for year in &report.years {
            let mut row = vec![
                text(name.clone()),
                number(f64::from(year.year), Style::Plain),
            ];
            row.extend(rows_of.iter().map(|r| match r.of(year) {
                crate::base::units::Figure::Yuan(a) => money(a),
                crate::base::units::Figure::Share(v) => number(v, Style::Percent),
                crate::base::units::Figure::Count(v) => number(v.round(), Style::Count),
                crate::base::units::Figure::Months(v) => {
                    number((v * 10.0).round() / 10.0, Style::Plain)
                }
            }));
            rows.push(row);
        }
    }
    SheetOut {
        name: lang.pick("逐年测算", "Years").into(),
        widths: std::iter::once(18.0)
            .chain(std::iter::repeat_n(16.0, rows[0].len() - 1))
            .collect(),
        rows,
        frozen_rows: 1,
    }
}

fn targets(baseline: &Report, plans: &[PlanComparison], lang: Lang) -> SheetOut {
    let mut rows = vec![header(
        lang,
        &[
            ("方案", "Plan"),
            ("年度", "Year"),
            ("目标", "Target"),
            ("标准", "Standard"),
            ("实际", "Actual"),
            ("是否达标", "Met"),
            ("差距", "Margin"),
        ],
    )];
    for (name, report) in reports(baseline, plans, lang) {
        for year in &report.years {
            for t in &year.targets {
                let style = match t.unit {
                    crate::base::units::Unit::Share => Style::Percent,
                    crate::base::units::Unit::Yuan => Style::Money,
                    _ => Style::Plain,
                };
                let bound = match t.bound {
                    Bound::AtLeast => "≥",
                    Bound::AtMost => "≤",
                };
                let met = match t.met {
                    Some(true) => lang.pick("达标", "met"),
                    Some(false) => lang.pick("未达标", "missed"),
                    None => lang.pick("无数据", "no data"),
                };
                rows.push(vec![
                    text(name.clone()),
                    number(f64::from(year.year), Style::Plain),
                    text(t.label.get(lang)),
                    text(format!(
                        "{bound} {}",
                        crate::output::tables::figure(t.target, t.unit)
                    )),
                    t.actual.map_or(text(""), |a| number(a, style)),
                    text(met),
                    t.gap.map_or(text(""), |g| number(g, style)),
                ]);
            }
        }
    }
    SheetOut {
        name: lang.pick("目标", "Targets").into(),
        rows,
        widths: vec![18.0, 8.0, 40.0, 16.0, 16.0, 10.0, 16.0],
        frozen_rows: 1,
    }
}

fn spending(plans: &[PlanComparison], lang: Lang) -> SheetOut {
    let mut rows = vec![header(
        lang,
        &[
            ("方案", "Plan"),
            ("年度", "Year"),
            ("项目", "Line"),
            ("基线支出", "Baseline"),
            ("方案支出", "Plan"),
            ("差额", "Difference"),
        ],
    )];
    for plan in plans {
        let c = &plan.comparison;
        for (b, p) in c.baseline.years.iter().zip(&c.proposal.years) {
            for (bl, pl) in spending_rows(b).into_iter().zip(spending_rows(p)) {
                rows.push(vec![
                    text(plan.name.clone()),
                    number(f64::from(b.year), Style::Plain),
                    text(bl.name.get(lang)),
                    money(bl.benefit),
                    money(pl.benefit),
                    money(pl.difference(&bl)),
                ]);
            }
        }
    }
    SheetOut {
        name: lang.pick("分项支出", "Spending by line").into(),
        rows,
        widths: vec![18.0, 8.0, 30.0, 18.0, 18.0, 18.0],
        frozen_rows: 1,
    }
}

/// How sure the balance is: for the baseline and each plan, year by year, the accumulated
/// balance's P5 to P95 over the draws, the chances of a deficit and of having run out, and the
/// plan's reserve for 90 % (`ncms risk` with its defaults, the same plans as the other sheets).
fn how_sure(
    scenario: &CheckedScenario,
    baseline: &Report,
    plans: &[PlanComparison],
    lang: Lang,
) -> Option<SheetOut> {
    let named = scenario.named_plans(plans.first().map_or("", |p| p.name.as_str()));
    let baseline_name = lang.pick("基线", "Baseline");
    let options = RiskOptions::default();
    let figures = risk::risk_of_plans(scenario, baseline, &named, baseline_name, &options).ok()?;
    let w = |label: crate::base::lang::Label| bold(capitalise(label.get(lang)));
    let mut first = header(lang, &[("方案", "Plan"), ("年度", "Year")]);
    let balance = Indicator::ClosingBalance.title(lang);
    first.extend(
        ["P5", "P10", "P50", "P90", "P95"]
            .iter()
            .map(|q| bold(format!("{balance} {q}"))),
    );
    first.extend([
        w(risk::words::P_DEFICIT),
        w(risk::words::P_EXHAUSTED),
        w(risk::words::RESERVE_FOR_90),
    ]);
    let mut rows = vec![first];
    for plan in &figures.plans {
        for (k, y) in plan.years.iter().enumerate() {
            let b = &y.closing_balance;
            let mut row = vec![
                text(plan.name.clone()),
                number(f64::from(y.year), Style::Plain),
            ];
            row.extend([b.p5, b.p10, b.p50, b.p90, b.p95].map(money));
            row.push(number(y.p_deficit, Style::Percent));
            row.push(number(y.p_exhausted, Style::Percent));
            // The reserve is the plan's, over the whole horizon: on its first row.
            row.push(if k == 0 {
                money(plan.reserve_for_90)
            } else {
                text("")
            });
            rows.push(row);
        }
    }
    rows.push(vec![text(format!(
        "{} {} · {} {}",
        capitalise(risk::words::DRAWS.get(lang)),
        figures.draws,
        risk::words::SEED.get(lang),
        figures.seed
    ))]);
    Some(SheetOut {
        name: capitalise(risk::words::TITLE.get(lang)),
        widths: std::iter::once(18.0)
            .chain(std::iter::once(8.0))
            .chain(std::iter::repeat_n(18.0, 8))
            .collect(),
        rows,
        frozen_rows: 1,
    })
}
