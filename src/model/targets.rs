//! The year checked against the scenario's targets (by default the 2013 standards of seed
//! 000_f4e4bc0b06ba3db8.txt), and the base year against the figures the fund reported.

use crate::base::lang::Label;
use crate::base::money::{to_f64, Yuan};
use crate::base::units::Unit;
use crate::model::report::{Bound, CalibrationRow, TargetCheck, YearReport};
use crate::scenario::file_format::Scenario;

fn target(
    id: &'static str,
    label: Label,
    unit: Unit,
    bound: Bound,
    target: f64,
    actual: Option<f64>,
) -> TargetCheck {
    let gap = actual.map(|a| match bound {
        Bound::AtLeast => a - target,
        Bound::AtMost => target - a,
    });
    // A figure equal to its bound meets it; the tolerance absorbs f64 noise in ratios (1e-9 of a
    // percentage point), never a real shortfall.
    let met = gap.map(|g| g >= -1e-11 * target.abs().max(1.0));
    TargetCheck {
        id,
        label,
        unit,
        bound,
        target,
        actual,
        met,
        gap,
    }
}

/// Every target of the scenario that is switched on, checked against `year`.
pub fn check_targets(s: &Scenario, year: &YearReport) -> Vec<TargetCheck> {
    check_targets_with(s, year, required_ceiling(s))
}

/// [`check_targets`] with the required ceiling worked out once (a projection checks every year
/// against the same one).
pub fn check_targets_with(
    s: &Scenario,
    year: &YearReport,
    required_ceiling: Option<Yuan>,
) -> Vec<TargetCheck> {
    let t = &s.targets;
    let i = &year.indicators;
    let mut checks = Vec::with_capacity(13);
    if let Some(min) = t.funding_per_enrollee_min {
        checks.push(target(
            "funding_per_enrollee",
            Label::new("人均筹资", "Funding per enrollee"),
            Unit::Yuan,
            Bound::AtLeast,
            to_f64(min),
            Some(to_f64(year.funding_per_enrollee)),
        ));
    }
    if let Some(min) = t.government_per_enrollee_min {
        checks.push(target(
            "government_per_enrollee",
            Label::new("人均政府补助", "Government subsidy per enrollee"),
            Unit::Yuan,
            Bound::AtLeast,
            to_f64(min),
            Some(to_f64(year.government_per_enrollee)),
        ));
    }
    if let Some(min) = t.participation_min {
        checks.push(target(
            "participation",
            Label::new("参合率", "Participation rate"),
            Unit::Share,
            Bound::AtLeast,
            min,
            s.population.participation_rate,
        ));
    }
    if let Some(min) = t.inpatient_policy_ratio_min {
        checks.push(target(
            "inpatient_policy_ratio",
            Label::new("住院政策范围内补偿比", "Inpatient policy-scope ratio"),
            Unit::Share,
            Bound::AtLeast,
            min,
            Some(i.inpatient_policy_ratio),
        ));
    }
    if let Some(required) = required_ceiling {
        checks.push(target(
            "annual_ceiling",
            Label::new(
                "封顶线（≥ 全国农民人均纯收入倍数且不低于下限）",
                "Annual ceiling (income multiple, with a floor)",
            ),
            Unit::Yuan,
            Bound::AtLeast,
            to_f64(required),
            Some(year.annual_ceiling.map_or(f64::INFINITY, to_f64)),
        ));
    }
    if let Some(min) = t.primary_outpatient_ratio_min {
        checks.push(target(
            "primary_outpatient_ratio",
            Label::new(
                "基层普通门诊政策范围内补偿比（约）",
                "Primary-care outpatient policy-scope ratio (about)",
            ),
            Unit::Share,
            Bound::AtLeast,
            min,
            Some(i.primary_outpatient_policy_ratio),
        ));
    }
    if let Some(max) = t.outpatient_share_max {
        checks.push(target(
            "outpatient_share",
            Label::new(
                "门诊统筹支出占当年筹资",
                "Outpatient pooling spending / funds",
            ),
            Unit::Share,
            Bound::AtMost,
            max,
            Some(i.outpatient_share),
        ));
    }
    if let (Some(min), Some(md)) = (t.major_disease_ratio_min, &s.rules.major_disease) {
        checks.push(target(
            "major_disease_ratio",
            Label::new(
                "重大疾病限定费用补偿比",
                "Major-disease ratio of the limited cost",
            ),
            Unit::Share,
            Bound::AtLeast,
            min,
            Some(md.reimbursement_ratio),
        ));
    }
    if let Some(min) = t.surplus_rate_min {
        checks.push(target(
            "surplus_rate_min",
            Label::new("当年结余率（下限）", "Surplus rate (floor)"),
            Unit::Share,
            Bound::AtLeast,
            min,
            Some(i.surplus_rate),
        ));
    }
    if let Some(max) = t.surplus_rate_max {
        checks.push(target(
            "surplus_rate_max",
            Label::new("当年结余率（上限）", "Surplus rate (ceiling)"),
            Unit::Share,
            Bound::AtMost,
            max,
            Some(i.surplus_rate),
        ));
    }
    if let Some(max) = t.balance_ratio_max {
        // A band, not only a ceiling: a negative balance (a fund in deficit) misses it too.
        let mut check = target(
            "balance_ratio",
            Label::new(
                "累计结余率（0 至上限）",
                "Accumulated balance / funds (0 to the cap)",
            ),
            Unit::Share,
            Bound::AtMost,
            max,
            Some(i.balance_ratio),
        );
        if i.balance_ratio < 0.0 {
            check.gap = Some(i.balance_ratio);
            check.met = Some(false);
        }
        checks.push(check);
    }
    checks
}

/// The ceiling the targets require: `max(multiple × national income, floor)`.
pub fn required_ceiling(s: &Scenario) -> Option<Yuan> {
    let t = &s.targets;
    let by_income = match (t.ceiling_income_multiple_min, t.national_rural_net_income) {
        (Some(multiple), Some(income)) => Some(crate::base::money::fen(
            crate::base::money::decimal_from_f64(multiple)?.checked_mul(income)?,
        )),
        _ => None,
    };
    match (by_income, t.ceiling_floor_min) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// The base year's model figures next to the ones the scenario says were observed.
pub fn calibration_rows(s: &Scenario, year: &YearReport) -> Vec<CalibrationRow> {
    let Some(o) = &s.observed else {
        return Vec::new();
    };
    let i = &year.indicators;
    let outpatient: Vec<_> = year
        .spending
        .lines
        .iter()
        .filter(|l| l.kind == crate::model::report::CareKind::Outpatient)
        .collect();
    let visits: f64 = outpatient.iter().map(|l| l.volume).sum();
    let outpatient_cost: f64 = outpatient.iter().map(|l| to_f64(l.total_cost)).sum();
    let mut rows = Vec::new();
    let mut row = |id, label: Label, unit, observed: Option<f64>, modelled: f64| {
        if let Some(observed) = observed {
            // 0 when no deviation can be measured: against an observed 0, or against one so
            // small (a subnormal ratio, say) that the quotient leaves the finite f64s.
            let deviation = Some(modelled / observed - 1.0)
                .filter(|d| observed != 0.0 && d.is_finite())
                .unwrap_or(0.0);
            rows.push(CalibrationRow {
                id,
                label,
                unit,
                observed,
                modelled,
                deviation,
            });
        }
    };
    row(
        "income",
        Label::new("筹资总额", "Funds raised"),
        Unit::Yuan,
        o.income.map(to_f64),
        to_f64(year.income.total),
    );
    // Care the model does not price (health checks and other) reconciles a reported total: the
    // model's figure plus that rest against the total, then the rest the model leaves against
    // the one reported, as a share of the total.
    let other_spending = o.other_spending.map(to_f64);
    row(
        "spending",
        Label::new("基金支出", "Fund spending"),
        Unit::Yuan,
        o.spending.map(to_f64),
        to_f64(year.spending.total) + other_spending.unwrap_or(0.0),
    );
    row(
        "inpatient_spending",
        Label::new("住院补偿金额", "Inpatient spending"),
        Unit::Yuan,
        o.inpatient_spending.map(to_f64),
        to_f64(i.inpatient_spending),
    );
    row(
        "admissions",
        Label::new("住院补偿人次", "Inpatient person-times"),
        Unit::Count,
        o.admissions,
        i.admissions,
    );
    row(
        "compensated_person_times",
        Label::new("补偿人次", "Compensated person-times"),
        Unit::Count,
        o.compensated_person_times,
        i.compensated_person_times + o.other_person_times.unwrap_or(0.0),
    );
    row(
        "inpatient_policy_ratio",
        Label::new("住院政策范围内补偿比", "Inpatient policy-scope ratio"),
        Unit::Share,
        o.inpatient_policy_ratio,
        i.inpatient_policy_ratio,
    );
    row(
        "outpatient_policy_ratio",
        Label::new("普通门诊政策范围内补偿比", "Outpatient policy-scope ratio"),
        Unit::Share,
        o.outpatient_policy_ratio,
        i.outpatient_policy_ratio,
    );
    row(
        "outpatient_mean_cost",
        Label::new("门诊次均费用", "Mean outpatient cost per visit"),
        Unit::Yuan,
        o.outpatient_mean_cost.map(to_f64),
        if visits > 0.0 {
            outpatient_cost / visits
        } else {
            0.0
        },
    );
    // Each rest after its total.
    let rests = [
        (
            "spending",
            rest_row(
                "other_spending",
                Label::new(
                    "其中：其他支出（体检等，模型不测算）",
                    "Of which other spending (not priced)",
                ),
                Unit::Yuan,
                o.spending.map(to_f64),
                other_spending,
                to_f64(year.spending.total),
            ),
        ),
        (
            "compensated_person_times",
            rest_row(
                "other_person_times",
                Label::new(
                    "其中：其他补偿人次（体检等，模型不测算）",
                    "Of which other person-times (not priced)",
                ),
                Unit::Count,
                o.compensated_person_times,
                o.other_person_times,
                i.compensated_person_times,
            ),
        ),
    ];
    for (total, rest) in rests {
        let at = rows.iter().position(|r| r.id == total);
        if let (Some(at), Some(rest)) = (at, rest) {
            rows.insert(at + 1, rest);
        }
    }
    rows
}

/// The row of care the model does not price within a reported `total`: the rest reported
/// (`other`) against the rest the model leaves (`total − model`), the miss as a share of the
/// total. `None` unless both the total and the rest are reported.
fn rest_row(
    id: &'static str,
    label: Label,
    unit: Unit,
    total: Option<f64>,
    other: Option<f64>,
    model: f64,
) -> Option<CalibrationRow> {
    let (total, other) = (total?, other?);
    let left = total - model;
    Some(CalibrationRow {
        id,
        label,
        unit,
        observed: other,
        modelled: left,
        deviation: Some((left - other) / total)
            .filter(|d| total != 0.0 && d.is_finite())
            .unwrap_or(0.0),
    })
}
