//! Plain-text renderings of a [`Comparison`]: an aligned table for the terminal and CSV for
//! spreadsheets, and tables of a waterfall and of one patient. The CLI and the app's "Export CSV"
//! both use these, so the numbers a user exports are the numbers the command line prints.

use crate::answers::attribution::Waterfall;
use crate::answers::patient::{PatientBill, PatientComparison, PatientKind, PatientLayer};
use crate::base::lang::{capitalise, Lang, Text};
use crate::base::money::Yuan;
pub use crate::base::units::{count, percent, yuan};
use crate::base::units::{Figure, Shown};
use crate::model::indicator::Indicator;
use crate::model::report::{Bound, Comparison, LineResult, Report, TargetCheck, Unit, YearReport};
use crate::scenario::terms::level_name;
use std::fmt::Write;

/// A figure in its unit.
pub fn figure(value: f64, unit: Unit) -> String {
    match unit {
        Unit::Share => percent(value),
        Unit::Yuan => {
            if value.is_infinite() {
                "∞".into()
            } else {
                crate::base::money::decimal_from_f64(value).map_or_else(|| value.to_string(), yuan)
            }
        }
        Unit::Count => count(value),
        Unit::Months => format!("{value:.1}"),
        other => other.show(value, Lang::En),
    }
}

/// The name of a line: "县级医院 住院" / "County hospital inpatient".
pub fn line_name(line: &LineResult) -> Text {
    use crate::model::report::CareKind;
    let kind = match line.kind {
        CareKind::Outpatient => Text::new("普通门诊", "outpatient"),
        CareKind::Inpatient => Text::new("住院", "inpatient"),
        CareKind::SpecialDisease => {
            return Text::new("特殊病种大额门诊", "Special-disease outpatient")
        }
    };
    let level = line
        .level
        .map(level_name)
        .unwrap_or_else(|| Text::new("", ""));
    Text::new(
        format!("{} {}", level.zh, kind.zh),
        format!("{} {}", level.en, kind.en),
    )
}

/// One row of a year's spending table: a line of care (with its volume and ratios) or one of the
/// scheme-wide items, ending with the total.
pub struct SpendingRow<'a> {
    /// Stable within a scenario: `line-0`, `line-1`, … for lines of care (special disease last),
    /// then `line-consultation_fee`, `line-major_disease`, `line-critical_illness_premium`,
    /// `line-total`.
    pub id: String,
    pub name: Text,
    /// The line of care, when the row is one; `None` for the fee, major diseases, premium, total.
    pub line: Option<&'a LineResult>,
    pub benefit: Yuan,
    pub is_total: bool,
}

impl SpendingRow<'_> {
    /// This row's spending less the same row's in `base` (the engine's difference).
    pub fn difference(&self, base: &SpendingRow) -> Yuan {
        self.benefit - base.benefit
    }
}

/// The rows of a year's spending in table order: every line of care, the special-disease line,
/// the consultation fee, major diseases, the critical-illness premium and the total. The CLI's
/// table, the CSV and the app's table all list spending through this one function.
pub fn spending_rows(year: &YearReport) -> Vec<SpendingRow<'_>> {
    let s = &year.spending;
    let lines = s.lines.iter().chain(s.special_disease.iter()).enumerate();
    let lines = lines.map(|(i, line)| SpendingRow {
        id: format!("line-{i}"),
        name: line_name(line),
        line: Some(line),
        benefit: line.benefit,
        is_total: false,
    });
    let items = [
        (
            "consultation_fee",
            Text::new("一般诊疗费", "Consultation fee"),
            s.consultation_fee,
        ),
        (
            "major_disease",
            Text::new("重大疾病", "Major diseases"),
            s.major_disease,
        ),
        (
            "critical_illness_premium",
            Text::new("大病保险保费", "Critical-illness premium"),
            s.critical_illness_premium,
        ),
        ("total", Text::new("合计", "Total"), s.total),
    ];
    let items = items.into_iter().map(|(id, name, benefit)| SpendingRow {
        id: format!("line-{id}"),
        name,
        line: None,
        benefit,
        is_total: id == "total",
    });
    lines.chain(items).collect()
}

/// A summary row's name in the exact tables (the CLI's text table): the vocabulary's title with
/// the unit the exact figures are in ("基金收入（元）", "Fund income (yuan)").
pub fn exact_title(row: Indicator, lang: Lang) -> String {
    let unit = match row.shown() {
        Shown::FundTotal | Shown::Amount => Some(Unit::Yuan.suffix(lang)),
        Shown::Persons | Shown::PersonTimes | Shown::Months => Some(row.shown().unit_word(lang)),
        Shown::Percent => None,
    };
    match (unit, lang) {
        (None, _) => row.title(lang),
        (Some(unit), Lang::Zh) => format!("{}（{unit}）", row.title(lang)),
        (Some(unit), Lang::En) => format!("{} ({unit})", row.title(lang)),
    }
}

/// A figure for the text table: money to the fen with separators, shares in percent, counts
/// whole, months to one decimal.
pub fn figure_text(figure: &Figure) -> String {
    match figure {
        Figure::Yuan(amount) => yuan(*amount),
        Figure::Months(months) => format!("{months:.1}"),
        other => self::figure(other.value(), other.unit()),
    }
}

fn cell(row: Indicator, year: &YearReport) -> String {
    figure_text(&row.of(year))
}

fn push_table(out: &mut String, header: &[String], rows: &[Vec<String>]) {
    let columns = header.len();
    let width = |i: usize| {
        rows.iter()
            .chain(std::iter::once(&header.to_vec()))
            .map(|r| r.get(i).map_or(0, |c| display_width(c)))
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..columns).map(width).collect();
    let mut line = |cells: &[String]| {
        for (i, c) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(display_width(c));
            if i == 0 {
                out.push_str(c);
                out.push_str(&" ".repeat(pad));
            } else {
                out.push_str("  ");
                out.push_str(&" ".repeat(pad));
                out.push_str(c);
            }
        }
        out.push('\n');
    };
    line(header);
    for r in rows {
        line(r);
    }
}

/// Terminal width: CJK characters take two columns.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            if (c as u32) >= 0x1100 && !matches!(c, '–' | '…' | '≥' | '≤' | '∞') {
                2
            } else {
                1
            }
        })
        .sum()
}

fn report_table(out: &mut String, title: &str, report: &Report, lang: Lang) {
    let _ = writeln!(out, "\n## {title}");
    let header: Vec<String> = std::iter::once(String::new())
        .chain(report.years.iter().map(|y| y.year.to_string()))
        .collect();
    let rows: Vec<Vec<String>> = Indicator::SUMMARY
        .iter()
        .map(|&row| {
            std::iter::once(exact_title(row, lang))
                .chain(report.years.iter().map(|y| cell(row, y)))
                .collect()
        })
        .collect();
    push_table(out, &header, &rows);
    let (deficit, exhausted) = match lang {
        Lang::Zh => ("首个赤字年", "基金耗尽年"),
        Lang::En => ("First deficit year", "Balance runs out"),
    };
    let none = match lang {
        Lang::Zh => "无",
        Lang::En => "none",
    };
    let year_or_none = |y: Option<i32>| y.map_or(none.to_string(), |y| y.to_string());
    let _ = writeln!(
        out,
        "{deficit}: {}; {exhausted}: {}",
        year_or_none(report.first_deficit_year),
        year_or_none(report.exhaustion_year)
    );
}

fn target_text(check: &TargetCheck, lang: Lang) -> (String, String, String) {
    let gap = check.gap_text(lang);
    let verdict = check.verdict().get(lang);
    (
        check.target_text(lang),
        check.actual_text(lang),
        if gap.is_empty() {
            verdict.to_string()
        } else {
            format!("{verdict} ({gap})")
        },
    )
}

/// The comparison as an aligned text table in one language.
pub fn table(comparison: &Comparison, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} ({})",
        comparison.scenario_name.get(lang),
        comparison.scenario_id
    );
    let (baseline_title, proposal_title) = match lang {
        Lang::Zh => ("基线（现行政策）", "方案"),
        Lang::En => ("Baseline (current rules)", "Proposal"),
    };
    if !comparison.assumption_changes.is_empty() {
        let _ = writeln!(
            out,
            "\n## {}",
            lang.pick(
                "假设调整（基线与方案同时适用）",
                "Assumptions changed (baseline and proposal alike)"
            )
        );
        for change in &comparison.assumption_changes {
            let (before, after) = change.show(lang);
            let _ = writeln!(
                out,
                "- {} ({}): {before} → {after}",
                change.label.get(lang),
                change.path
            );
        }
    }
    report_table(&mut out, baseline_title, &comparison.baseline, lang);
    if !comparison.changes.is_empty() {
        let _ = writeln!(
            out,
            "\n## {}",
            match lang {
                Lang::Zh => "调整内容",
                Lang::En => "What changed",
            }
        );
        for change in &comparison.changes {
            let (before, after) = change.show(lang);
            let _ = writeln!(
                out,
                "- {} ({}): {before} → {after}",
                change.label.get(lang),
                change.path,
            );
        }
        report_table(&mut out, proposal_title, &comparison.proposal, lang);
    }

    let base = comparison.baseline.first_year();
    let prop = comparison.proposal.first_year();
    let _ = writeln!(
        out,
        "\n## {} {}",
        match lang {
            Lang::Zh => "分项支出",
            Lang::En => "Spending by line,",
        },
        base.year
    );
    let mut rows = Vec::new();
    for (b, p) in spending_rows(base).into_iter().zip(spending_rows(prop)) {
        let volume = |row: &SpendingRow| row.line.map_or(String::new(), |l| count(l.volume));
        let policy =
            |row: &SpendingRow| row.line.map_or(String::new(), |l| percent(l.policy_ratio));
        rows.push(vec![
            b.name.get(lang).to_string(),
            volume(&b),
            policy(&b),
            yuan(b.benefit),
            volume(&p),
            policy(&p),
            yuan(p.benefit),
        ]);
    }
    let header: Vec<String> = match lang {
        Lang::Zh => [
            "",
            "基线人次",
            "政策内补偿比",
            "基线支出",
            "方案人次",
            "政策内补偿比",
            "方案支出",
        ],
        Lang::En => [
            "",
            "Base volume",
            "Policy ratio",
            "Base spending",
            "Prop. volume",
            "Policy ratio",
            "Prop. spending",
        ],
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    push_table(&mut out, &header, &rows);

    let _ = writeln!(
        out,
        "\n## {} {}",
        match lang {
            Lang::Zh => "目标检查",
            Lang::En => "Targets,",
        },
        base.year
    );
    let header: Vec<String> = match lang {
        Lang::Zh => ["", "目标", "基线", "基线结果", "方案", "方案结果"],
        Lang::En => ["", "Target", "Baseline", "Result", "Proposal", "Result"],
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    let rows: Vec<Vec<String>> = base
        .targets
        .iter()
        .zip(&prop.targets)
        .map(|(b, p)| {
            let (target, b_actual, b_met) = target_text(b, lang);
            let (_, p_actual, p_met) = target_text(p, lang);
            vec![
                b.label.get(lang).to_string(),
                target,
                b_actual,
                b_met,
                p_actual,
                p_met,
            ]
        })
        .collect();
    push_table(&mut out, &header, &rows);

    if !comparison.baseline.calibration.is_empty() {
        let _ = writeln!(
            out,
            "\n## {}",
            match lang {
                Lang::Zh => "校准：模型与实际",
                Lang::En => "Calibration: model against reported",
            }
        );
        let header: Vec<String> = match lang {
            Lang::Zh => ["", "实际", "模型", "偏差"],
            Lang::En => ["", "Reported", "Model", "Deviation"],
        }
        .iter()
        .map(|s| s.to_string())
        .collect();
        let rows: Vec<Vec<String>> = comparison
            .baseline
            .calibration
            .iter()
            .map(|r| {
                vec![
                    r.label.get(lang).to_string(),
                    figure(r.observed, r.unit),
                    figure(r.modelled, r.unit),
                    format!("{:+.2}%", r.deviation * 100.0),
                ]
            })
            .collect();
        push_table(&mut out, &header, &rows);
    }
    let _ = writeln!(out);
    for note in &comparison.baseline.notes {
        let _ = writeln!(out, "* {}", note.get(lang));
    }
    out
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Every plan against the baseline as one CSV table, one figure per row, for spreadsheets and
/// scripts: `plan, section, item, year, unit, baseline, plan value, difference, target, met`,
/// headers in `lang`. Money in yuan with two decimals, shares as fractions to four decimals,
/// counts whole, months to one decimal; a target row gives the target and whether the plan
/// meets it.
pub fn csv(plans: &[crate::model::compare::PlanComparison], lang: Lang) -> String {
    let header = match lang {
        Lang::Zh => "方案,类别,项目,年度,单位,基线,方案值,差额,目标,是否达标",
        Lang::En => "plan,section,item,year,unit,baseline,plan,difference,target,met",
    };
    let mut out = format!("{header}\n");
    let unit_name = |unit: Unit| -> &'static str {
        match unit {
            Unit::Yuan => lang.pick("元", "yuan"),
            Unit::Share => lang.pick("比例", "share"),
            Unit::Months => lang.pick("月", "months"),
            _ => lang.pick("数量", "count"),
        }
    };
    let plain = |figure: &Figure| match figure {
        Figure::Share(v) => format!("{v:.4}"),
        Figure::Months(v) => format!("{v:.1}"),
        other => other.plain(),
    };
    let number = |unit: Unit, v: f64| match unit {
        Unit::Yuan => crate::base::money::decimal_from_f64(v)
            .map_or_else(String::new, |d| crate::base::money::fen(d).to_string()),
        Unit::Share => format!("{v:.4}"),
        _ => format!("{v:.0}"),
    };
    let (summary, spending, targets) = (
        lang.pick("概要", "summary"),
        lang.pick("分项支出", "spending by line"),
        lang.pick("目标", "targets"),
    );
    for plan in plans {
        let name = csv_field(&plan.name);
        let c = &plan.comparison;
        for (b, p) in c.baseline.years.iter().zip(&c.proposal.years) {
            let mut row = |section: &str, item: &str, unit: &str, cells: [String; 5]| {
                let _ = writeln!(
                    out,
                    "{name},{},{},{},{},{}",
                    csv_field(section),
                    csv_field(item),
                    b.year,
                    unit,
                    cells.join(",")
                );
            };
            for summary_row in Indicator::SUMMARY {
                let (bf, pf) = (summary_row.of(b), summary_row.of(p));
                let difference = summary_row
                    .difference(b, p)
                    .map_or_else(String::new, |d| plain(&d));
                row(
                    summary,
                    &summary_row.title(lang),
                    unit_name(bf.unit()),
                    [
                        plain(&bf),
                        plain(&pf),
                        difference,
                        String::new(),
                        String::new(),
                    ],
                );
            }
            for (bl, pl) in spending_rows(b).into_iter().zip(spending_rows(p)) {
                row(
                    spending,
                    bl.name.get(lang),
                    unit_name(Unit::Yuan),
                    [
                        bl.benefit.to_string(),
                        pl.benefit.to_string(),
                        pl.difference(&bl).to_string(),
                        String::new(),
                        String::new(),
                    ],
                );
            }
            for (bt, pt) in b.targets.iter().zip(&p.targets) {
                let actual =
                    |t: &TargetCheck| t.actual.map_or(String::new(), |a| number(t.unit, a));
                let difference = match (bt.actual, pt.actual) {
                    (Some(x), Some(y)) if x.is_finite() && y.is_finite() => number(pt.unit, y - x),
                    _ => String::new(),
                };
                let bound = match pt.bound {
                    Bound::AtLeast => "≥",
                    Bound::AtMost => "≤",
                };
                let met = match pt.met {
                    Some(true) => lang.pick("是", "yes"),
                    Some(false) => lang.pick("否", "no"),
                    None => lang.pick("无数据", "no data"),
                };
                row(
                    targets,
                    pt.label.get(lang),
                    unit_name(pt.unit),
                    [
                        actual(bt),
                        actual(pt),
                        difference,
                        format!("{bound}{}", number(pt.unit, pt.target)),
                        met.to_string(),
                    ],
                );
            }
        }
    }
    out
}

/// A waterfall ("why did it change") as an aligned text table: the baseline's figure, one row
/// per edit with its price and release bars and their total, the proposal's figure, the method.
pub fn waterfall_table(waterfall: &Waterfall, lang: Lang) -> String {
    let mut out = String::new();
    let what = waterfall.outcome.label().get(lang);
    let _ = writeln!(
        out,
        "# {} ({})",
        waterfall.scenario_name.get(lang),
        waterfall.scenario_id
    );
    let _ = writeln!(
        out,
        "## {}",
        match lang {
            Lang::Zh => format!("{} 年{}为何变化", waterfall.year, what),
            Lang::En => format!(
                "Why the {} of {} changes",
                what.to_lowercase(),
                waterfall.year
            ),
        }
    );
    let _ = writeln!(out, "{}\n", waterfall.method.describe().get(lang));
    let header: Vec<String> = match lang {
        Lang::Zh => ["", "调整", "价格效应", "释放效应", "合计"],
        Lang::En => ["", "Edit", "Price effect", "Release effect", "Total"],
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    let end_row = |name: String, amount: Yuan| {
        vec![
            name,
            String::new(),
            String::new(),
            String::new(),
            yuan(amount),
        ]
    };
    let (baseline, proposal, change) = match lang {
        Lang::Zh => ("基线", "方案", "变化"),
        Lang::En => ("Baseline", "Proposal", "Change"),
    };
    // "Baseline surplus": the figure's name after a word, in lower case in English.
    let what = lang.pick(what.to_string(), what.to_lowercase());
    let mut rows = vec![end_row(format!("{baseline} {what}"), waterfall.baseline)];
    for effect in waterfall.by_edit() {
        let (before, after) = effect.change.show(lang);
        rows.push(vec![
            effect.change.label.get(lang).to_string(),
            format!("{before} → {after}"),
            yuan(effect.price),
            yuan(effect.release),
            yuan(effect.total),
        ]);
    }
    rows.push(vec![
        change.to_string(),
        String::new(),
        yuan(waterfall.price_change),
        yuan(waterfall.release_change),
        yuan(waterfall.change),
    ]);
    rows.push(end_row(format!("{proposal} {what}"), waterfall.proposal));
    push_table(&mut out, &header, &rows);
    let _ = writeln!(out);
    for note in &waterfall.notes {
        let _ = writeln!(out, "* {}", note.get(lang));
    }
    out
}

/// One patient under the baseline and the proposal as an aligned text table: each layer of the
/// bill with what the patient and the scheme pay, the totals and ratios, then the rules applied.
pub fn patient_table(patient: &PatientComparison, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {}", patient.name.get(lang));
    let header: Vec<String> = match lang {
        Lang::Zh => ["", "基线 自付", "基线 基金", "方案 自付", "方案 基金"],
        Lang::En => [
            "",
            "Baseline patient",
            "Baseline scheme",
            "Proposal patient",
            "Proposal scheme",
        ],
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    let (b, p) = (&patient.baseline, &patient.proposal);
    let mut rows: Vec<Vec<String>> = b
        .layers
        .iter()
        .zip(&p.layers)
        .map(|(bl, pl)| {
            vec![
                bl.label.get(lang).to_string(),
                yuan(bl.patient),
                yuan(bl.scheme),
                yuan(pl.patient),
                yuan(pl.scheme),
            ]
        })
        .collect();
    let (total, change, policy, actual) = match lang {
        Lang::Zh => ("合计", "变化", "政策范围内补偿比", "实际补偿比"),
        Lang::En => ("Total", "Change", "Policy-scope ratio", "Actual ratio"),
    };
    rows.push(vec![
        total.into(),
        yuan(b.patient),
        yuan(b.scheme),
        yuan(p.patient),
        yuan(p.scheme),
    ]);
    rows.push(vec![
        change.into(),
        String::new(),
        String::new(),
        yuan(patient.patient_change),
        yuan(patient.scheme_change),
    ]);
    let ratio_row = |name: &str, read: fn(&PatientBill) -> f64| {
        vec![
            name.to_string(),
            String::new(),
            percent(read(b)),
            String::new(),
            percent(read(p)),
        ]
    };
    rows.push(ratio_row(policy, |bill| bill.policy_ratio));
    rows.push(ratio_row(actual, |bill| bill.actual_ratio));
    push_table(&mut out, &header, &rows);

    let _ = writeln!(out);
    let header: Vec<String> = match lang {
        Lang::Zh => ["补偿规则", "基线", "方案"],
        Lang::En => ["Rules", "Baseline", "Proposal"],
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    let none = match lang {
        Lang::Zh => "不设",
        Lang::En => "none",
    };
    let money = |amount: Option<Yuan>| amount.map_or(none.to_string(), yuan);
    let (br, pr) = (&b.rules, &p.rules);
    let mut rows = Vec::new();
    let mut rule = |zh: &str, en: &str, before: String, after: String| {
        rows.push(vec![lang.pick(zh, en).to_string(), before, after]);
    };
    if br.limited_cost.is_some() {
        rule(
            "限定费用",
            "Limited cost",
            money(br.limited_cost),
            money(pr.limited_cost),
        );
    } else {
        rule(
            "政策范围内费用占比",
            "Policy-scope share",
            percent(br.scope_share),
            percent(pr.scope_share),
        );
        rule(
            "起付线",
            "Deductible",
            yuan(br.deductible),
            yuan(pr.deductible),
        );
    }
    rule(
        "补偿比例",
        "Reimbursement ratio",
        percent(br.ratio),
        percent(pr.ratio),
    );
    let layers = PatientLayer::of(patient.kind);
    if layers.contains(&PatientLayer::OverCap) {
        let (zh, en) = match patient.kind {
            PatientKind::Outpatient => ("每次门诊补偿限额", "Cap per visit"),
            _ => ("每次住院补偿限额", "Cap per admission"),
        };
        rule(zh, en, money(br.cap), money(pr.cap));
    }
    if layers.contains(&PatientLayer::OverCeiling) {
        rule(
            "封顶线",
            "Annual ceiling",
            money(br.ceiling),
            money(pr.ceiling),
        );
    }
    push_table(&mut out, &header, &rows);
    let _ = writeln!(out);
    for note in &patient.notes {
        let _ = writeln!(out, "* {}", note.get(lang));
    }
    out
}

/// A goal-seek answer as text: the answer in words, then the lever, its range, the value found
/// and the plan's, the target and what is achieved, and how the search went.
pub fn answer_table(answer: &crate::answers::goal_seek::Answer, lang: Lang) -> String {
    use crate::answers::goal_seek::Status;
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", answer.words(lang));
    let lever_value = |v: f64| crate::answers::goal_seek::show_lever_value(answer, v, lang);
    let indicator = answer.target.indicator;
    let indicator_value =
        |v: f64| crate::answers::goal_seek::show_indicator_value(indicator, v, lang);
    let goal = match answer.target.goal {
        crate::answers::goal_seek::Goal::AtLeast => "≥",
        crate::answers::goal_seek::Goal::AtMost => "≤",
        crate::answers::goal_seek::Goal::Equal => "=",
    };
    let status = match (answer.status, lang) {
        (Status::Solved, Lang::Zh) => "已求得",
        (Status::Solved, Lang::En) => "solved",
        (Status::HoldsOverWholeRange, Lang::Zh) => "整个允许范围内均满足",
        (Status::HoldsOverWholeRange, Lang::En) => "met over the whole allowed range",
        (Status::Unreachable, Lang::Zh) => "允许范围内无法达到",
        (Status::Unreachable, Lang::En) => "cannot be met in the allowed range",
    };
    let yes_no = |b: bool| match (b, lang) {
        (true, Lang::Zh) => "是",
        (false, Lang::Zh) => "否",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
    };
    let rows: Vec<Vec<String>> = [
        (
            lang.pick("调节项", "Lever"),
            format!("{} ({})", answer.lever_label.get(lang), answer.lever),
        ),
        (
            lang.pick("允许范围", "Allowed range"),
            format!(
                "{} – {}",
                lever_value(answer.range.0),
                lever_value(answer.range.1)
            ),
        ),
        (
            lang.pick("现方案", "In the plan"),
            answer.current.map_or("–".into(), lever_value),
        ),
        (lang.pick("求得值", "Value"), lever_value(answer.value)),
        (
            lang.pick("目标", "Target"),
            format!(
                "{} {} {} {}",
                crate::answers::goal_seek::when_words(&answer.target, lang),
                indicator.label().get(lang),
                goal,
                indicator_value(answer.target.value)
            ),
        ),
        (
            lang.pick("现方案下", "With the plan"),
            indicator_value(answer.now),
        ),
        (
            lang.pick("求得值下", "At the value"),
            indicator_value(answer.achieved),
        ),
        (lang.pick("结果", "Outcome"), status.to_string()),
        (
            lang.pick("当年基金支出变化", "Change in fund spending"),
            crate::base::units::Shown::FundTotal.change(
                &crate::base::units::Figure::Yuan(answer.spending_change),
                lang,
            ),
        ),
        (
            lang.pick("单调（检查）", "Monotone (checked)"),
            yes_no(answer.monotone).to_string(),
        ),
        (
            lang.pick("测算次数", "Projections"),
            answer.iterations.to_string(),
        ),
    ]
    .into_iter()
    .map(|(k, v)| vec![k.to_string(), v])
    .collect();
    let header = [lang.pick("项目", "Item"), lang.pick("值", "Value")].map(String::from);
    push_table(&mut out, &header, &rows);
    out
}

/// A sensitivity tornado as text: one table per step (±10 %, ± one natural unit), the bars
/// largest first, each with the move, the outcome at either end and the swing; parameters that
/// do not move the outcome are counted, not listed.
pub fn tornado_table(
    tornado: &crate::answers::sensitivity::Tornado,
    top: usize,
    lang: Lang,
) -> String {
    use crate::answers::sensitivity::{move_words, Step};
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}: {}",
        tornado.outcome_label.get(lang),
        figure_text(&tornado.base)
    );
    for (step, title) in [
        (
            Step::TenPercent,
            lang.pick("各参数 ±10%", "Each parameter ±10%"),
        ),
        (
            Step::NaturalUnit,
            lang.pick("各参数 ± 一个自然单位", "Each parameter ± one natural unit"),
        ),
    ] {
        let _ = writeln!(out, "\n## {title}");
        let header: Vec<String> = match lang {
            Lang::Zh => ["", "类别", "调整", "下调时", "上调时", "差额"],
            Lang::En => ["", "Kind", "Move", "Down", "Up", "Swing"],
        }
        .iter()
        .map(|s| s.to_string())
        .collect();
        let bars = tornado.bars(step);
        let moving: Vec<_> = bars.iter().filter(|b| b.size() > 0.0).collect();
        let rows: Vec<Vec<String>> = moving
            .iter()
            .take(top)
            .map(|bar| {
                let kind = match (bar.role, lang) {
                    (crate::scenario::params::Role::Policy, Lang::Zh) => "政策",
                    (crate::scenario::params::Role::Policy, Lang::En) => "lever",
                    (_, Lang::Zh) => "假设",
                    (_, Lang::En) => "assumption",
                };
                vec![
                    bar.label.get(lang).to_string(),
                    kind.to_string(),
                    move_words(bar, step, lang),
                    figure_text(&bar.outcome_low),
                    figure_text(&bar.outcome_high),
                    signed(&bar.swing),
                ]
            })
            .collect();
        push_table(&mut out, &header, &rows);
        let hidden = moving.len().saturating_sub(top);
        let still = bars.len() - moving.len();
        if hidden > 0 {
            let _ = writeln!(
                out,
                "{}",
                lang.pick(
                    format!("（另有 {hidden} 项影响较小，未列出）"),
                    format!("({hidden} more with smaller effects not shown)")
                )
            );
        }
        if still > 0 {
            let _ = writeln!(
                out,
                "{}",
                lang.pick(
                    format!("（{still} 项对此结果无影响）"),
                    format!("({still} do not move this outcome)")
                )
            );
        }
    }
    out
}

/// A difference with its sign: "+1,234.00", "-0.5%".
fn signed(figure: &Figure) -> String {
    let text = figure_text(figure);
    if figure.value() > 0.0 {
        format!("+{text}")
    } else {
        text
    }
}

/// The protection figures as text (`ncms protection`): overall, each plan beside the baseline
/// with its change and the fund's trade-off; each plan's kinds of care and lines (a plan's
/// cells carry the change from the baseline in points); the households assumed.
pub fn protection_table(protection: &crate::answers::protection::Protection, lang: Lang) -> String {
    use crate::answers::protection::{kind_label, line_name, LineChange, Measure, PlanChange};
    use crate::answers::protection::{PlanProtection, Shares};
    let share = |s: f64| format!("{:.2}%", s * 100.0);
    let points = |d: f64| format!("{:+.2}", d * 100.0);
    let signed_yuan = |amount: Yuan| {
        let text = yuan(amount);
        if amount > Yuan::ZERO {
            format!("+{text}")
        } else {
            text
        }
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} ({}): {}",
        protection.scenario_name.get(lang),
        protection.scenario_id,
        lang.pick(
            format!("医疗保障效果，{} 年", protection.year),
            format!("what the plans do for families, {}", protection.year)
        )
    );
    let plans = &protection.plans;
    let Some(baseline) = plans.first() else {
        return out;
    };
    let others = &plans[1..];

    // Overall: a column per plan, and each plan's change beside it.
    let _ = writeln!(
        out,
        "\n## {}",
        lang.pick(
            format!("全部患者（{} 患者-年）", count(baseline.overall.patients)),
            format!(
                "All patients ({} patient-years)",
                count(baseline.overall.patients)
            )
        )
    );
    let mut header = vec![String::new(), baseline.name.clone()];
    for plan in others {
        header.push(plan.name.clone());
        header.push(lang.pick("变化", "change").to_string());
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    for measure in Measure::ALL {
        let mut row = vec![
            capitalise(measure.label().get(lang)),
            share(baseline.overall.shares.get(measure)),
        ];
        for plan in others {
            row.push(share(plan.overall.shares.get(measure)));
            row.push(plan.change.as_ref().map_or_else(String::new, |c| {
                format!(
                    "{} {}",
                    points(c.shares.get(measure)),
                    lang.pick("个百分点", "pt")
                )
            }));
        }
        rows.push(row);
    }
    type Of = fn(&PlanProtection) -> Yuan;
    type Change = fn(&PlanChange) -> Yuan;
    let first_year = baseline.fund.year;
    let horizon = baseline.fund.horizon_year;
    let money_rows: [(String, Of, Change); 4] = [
        (
            capitalise(crate::answers::protection::MEAN_OOP_PER_ADMISSION.get(lang)),
            |p| p.overall.mean_oop_per_admission,
            |c| c.mean_oop_per_admission,
        ),
        (
            lang.pick(
                format!("基金支出（{first_year} 年）"),
                format!("Fund spending ({first_year})"),
            ),
            |p| p.fund.spending,
            |c| c.extra_spending,
        ),
        (
            lang.pick(
                format!("当年结余（{first_year} 年）"),
                format!("Surplus ({first_year})"),
            ),
            |p| p.fund.surplus,
            |c| c.surplus,
        ),
        (
            lang.pick(
                format!("累计结余（{horizon} 年）"),
                format!("Closing balance ({horizon})"),
            ),
            |p| p.fund.closing_balance,
            |c| c.closing_balance,
        ),
    ];
    for (label, of, change) in money_rows {
        let mut row = vec![label, yuan(of(baseline))];
        for plan in others {
            row.push(yuan(of(plan)));
            row.push(
                plan.change
                    .as_ref()
                    .map_or_else(String::new, |c| signed_yuan(change(c))),
            );
        }
        rows.push(row);
    }
    for measure in Measure::ALL {
        let mut row = vec![
            lang.pick(
                format!(
                    "每减少 1 个百分点的基金成本（{}）",
                    measure.short_label().get(lang)
                ),
                format!(
                    "Fund's cost per point avoided, {}",
                    measure.short_label().get(lang)
                ),
            ),
            String::new(),
        ];
        for plan in others {
            row.push(
                plan.change
                    .as_ref()
                    .and_then(|c| c.cost_per_point.get(measure))
                    .map_or_else(|| "–".to_string(), yuan),
            );
            row.push(String::new());
        }
        rows.push(row);
    }
    push_table(&mut out, &header, &rows);

    // Each plan's kinds of care and lines.
    let cells =
        |name: String, patients: f64, shares: &Shares, mean: Yuan, change: Option<&LineChange>| {
            let mut row = vec![name, count(patients)];
            for measure in Measure::ALL {
                let value = share(shares.get(measure));
                row.push(match change {
                    Some(c) => format!("{value} ({})", points(c.shares.get(measure))),
                    None => value,
                });
            }
            row.push(match change {
                Some(c) => format!("{} ({})", yuan(mean), signed_yuan(c.mean_oop)),
                None => yuan(mean),
            });
            row
        };
    let mut header = vec![String::new(), lang.pick("患者", "Patients").to_string()];
    header.extend(Measure::ALL.map(|m| capitalise(m.short_label().get(lang))));
    header.push(lang.pick("人均自付", "Mean out-of-pocket").to_string());
    for plan in plans {
        let _ = writeln!(
            out,
            "\n## {}{}",
            plan.name,
            if plan.change.is_some() {
                lang.pick(
                    "（括号内为较基线的变化，份额以百分点计）",
                    " (in brackets: the change from the baseline, shares in points)",
                )
            } else {
                ""
            }
        );
        let mut rows: Vec<Vec<String>> = plan
            .kinds
            .iter()
            .map(|k| {
                let name = kind_label(k.kind).get(lang);
                cells(
                    lang.pick(format!("{name}：合计"), format!("All {name}")),
                    k.patients,
                    &k.shares,
                    k.mean_oop,
                    k.change.as_ref(),
                )
            })
            .collect();
        rows.extend(plan.lines.iter().map(|l| {
            cells(
                format!("  {}", line_name(l).get(lang)),
                l.patients,
                &l.shares,
                l.mean_oop,
                l.change.as_ref(),
            )
        }));
        push_table(&mut out, &header, &rows);
    }

    // The households assumed.
    let a = &protection.assumptions;
    let i = &a.income;
    let _ = writeln!(
        out,
        "\n## {}",
        lang.pick("家庭收入假设", "Households assumed")
    );
    let quintiles = i
        .quintile_means
        .iter()
        .map(|q| yuan(*q))
        .collect::<Vec<_>>()
        .join(" / ");
    let row =
        |label: (&str, &str), value: String| vec![lang.pick(label.0, label.1).to_string(), value];
    let rows = vec![
        row(
            ("人均收入均值", "Mean income per head"),
            yuan(i.mean_per_head),
        ),
        row(
            ("人均收入中位数", "Median income per head"),
            yuan(i.median_per_head),
        ),
        row(
            (
                "基尼系数（对数收入标准差）",
                "Gini coefficient (σ of log income)",
            ),
            format!("{} ({:.4})", i.gini, i.sigma),
        ),
        row(
            ("五等份人均收入", "Means of the fifths of people"),
            quintiles,
        ),
        row(
            ("户均人口", "Members per household"),
            format!("{}", a.household_size),
        ),
        row(
            ("贫困线（线下人口）", "Poverty line (people below it)"),
            format!("{} ({})", yuan(a.poverty_line), share(i.below_poverty_line)),
        ),
        row(
            (
                "基本生存支出（无支付能力人口）",
                "Subsistence (people with no capacity to pay)",
            ),
            format!("{} ({})", yuan(a.subsistence), share(i.below_subsistence)),
        ),
    ];
    let header = [lang.pick("假设", "Assumption"), lang.pick("值", "Value")].map(String::from);
    push_table(&mut out, &header, &rows);
    let _ = writeln!(out);
    for note in &protection.notes {
        let _ = writeln!(out, "* {}", note.get(lang));
    }
    out
}

/// The risk figures: for the baseline and each plan, the bands of the accumulated and the
/// available balance year by year, the chances and the shortfall, and the reserve for 90 %.
pub fn risk_table(risk: &crate::answers::risk::Risk, lang: Lang) -> String {
    use crate::answers::risk::{words, Band};
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}: {} {}, {} {}",
        capitalise(words::TITLE.get(lang)),
        words::DRAWS.get(lang),
        risk.draws,
        words::SEED.get(lang),
        risk.seed
    );
    let year_word = lang.pick("年份", "Year").to_string();
    let yuan_unit = Unit::Yuan.suffix(lang);
    let band_header = |indicator: Indicator| {
        let title = match lang {
            Lang::Zh => format!("{}（{yuan_unit}）", indicator.title(lang)),
            Lang::En => format!("{} ({yuan_unit})", indicator.title(lang)),
        };
        vec![
            year_word.clone(),
            format!("{title} P5"),
            "P10".to_string(),
            "P50".to_string(),
            "P90".to_string(),
            "P95".to_string(),
        ]
    };
    let band_row = |year: i32, band: &Band| {
        vec![
            year.to_string(),
            yuan(band.p5),
            yuan(band.p10),
            yuan(band.p50),
            yuan(band.p90),
            yuan(band.p95),
        ]
    };
    let chance = |p: f64| format!("{:.1}%", p * 100.0);
    for plan in &risk.plans {
        let _ = writeln!(out, "\n## {}", plan.name);
        for (indicator, of) in [
            (
                Indicator::ClosingBalance,
                (|y| &y.closing_balance) as fn(&crate::answers::risk::RiskYear) -> &Band,
            ),
            (Indicator::AvailableBalance, |y| &y.available_balance),
        ] {
            let rows: Vec<Vec<String>> =
                plan.years.iter().map(|y| band_row(y.year, of(y))).collect();
            push_table(&mut out, &band_header(indicator), &rows);
            out.push('\n');
        }
        let header = vec![
            year_word.clone(),
            capitalise(words::P_DEFICIT.get(lang)),
            capitalise(words::P_EXHAUSTED.get(lang)),
            capitalise(words::P_OUTPATIENT_OVER_CAP.get(lang)),
            match lang {
                Lang::Zh => format!("{}（{yuan_unit}）", words::EXPECTED_SHORTFALL.get(lang)),
                Lang::En => format!(
                    "{} ({yuan_unit})",
                    capitalise(words::EXPECTED_SHORTFALL.get(lang))
                ),
            },
        ];
        let rows: Vec<Vec<String>> = plan
            .years
            .iter()
            .map(|y| {
                vec![
                    y.year.to_string(),
                    chance(y.p_deficit),
                    chance(y.p_exhausted),
                    chance(y.p_outpatient_over_cap),
                    y.expected_shortfall.map_or_else(|| "-".to_string(), yuan),
                ]
            })
            .collect();
        push_table(&mut out, &header, &rows);
        let _ = writeln!(
            out,
            "\n{}: {} {yuan_unit}",
            capitalise(words::RESERVE_FOR_90.get(lang)),
            yuan(plan.reserve_for_90)
        );
    }
    out
}
