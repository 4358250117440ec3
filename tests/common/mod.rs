//! Shared test fixtures: a small, readable scenario and helpers to edit it, and the ledger's
//! identities, written once for every test that checks a report adds up.
#![allow(dead_code)] // each test file uses a different subset of these helpers

use ncms_sim::money::{self, Yuan};
use ncms_sim::report::{Comparison, Report};
use ncms_sim::{check, CheckedScenario, Scenario};
use serde_json::{json, Value};

/// A two-level county fund with round numbers, every rule switched on.
pub fn small_json() -> Value {
    json!({
        "id": "test-county",
        "name": { "zh": "测试县", "en": "Test county" },
        "year": 2012,
        "notes": "fixture",
        "sources": [{ "file": "fixture", "figure": "none" }],
        "population": { "enrollees": 100000, "growth": 0.01, "participation_rate": 0.97 },
        "financing": {
            "individual": 100,
            "government": { "central": 100, "provincial": 60, "municipal": 20, "county": 20 },
            "other_income": 500000,
            "interest_rate": 0.02,
            "opening_balance": 5000000
        },
        "lines": [
            {
                "level": "township",
                "outpatient": { "visits_per_enrollee": 2.0, "mean_cost": 50, "cost_cv": 1.2, "scope_share": 0.9,
                                "deductible": 0, "reimbursement_ratio": 0.4, "visit_cap": 30 },
                "inpatient": { "admissions_per_1000": 30, "mean_cost": 3000, "cost_cv": 1.0, "scope_share": 0.9,
                               "deductible": 200, "reimbursement_ratio": 0.8, "admission_cap": null }
            },
            {
                "level": "county",
                "inpatient": { "admissions_per_1000": 40, "mean_cost": 8000, "cost_cv": 1.3, "scope_share": 0.85,
                               "deductible": 600, "reimbursement_ratio": 0.7, "admission_cap": null }
            }
        ],
        "rules": {
            "annual_ceiling": { "fixed": 60000 },
            "consultation_fee": { "level": "village", "fee_per_visit": 6, "scheme_part": 5.5,
                                  "visits_per_served_resident": 1.0, "cap_per_capita": 11, "served_share": 1.0 },
            "special_disease": { "patients_per_1000": 2, "annual_cost": 15000, "cost_cv": 1.2, "scope_share": 0.85,
                                 "deductible": 0, "reimbursement_ratio": 0.6 },
            "major_disease": { "cases_per_100k": 200, "limited_cost": 20000, "reimbursement_ratio": 0.7 },
            "critical_illness_premium": 15,
            "risk_reserve": { "rate": 0.03, "cap": 0.1, "opening_reserve": 0 }
        },
        "behaviour": { "elasticity": -0.2 },
        "projection": { "years": 5, "funding_growth": 0.05, "cost_growth": 0.06, "utilisation_growth": 0.02 }
    })
}

pub fn scenario_from(value: Value) -> Scenario {
    serde_json::from_value(value).expect("fixture deserialises")
}

pub fn small() -> Scenario {
    scenario_from(small_json())
}

pub fn checked(scenario: Scenario) -> CheckedScenario {
    check(scenario).unwrap_or_else(|problems| panic!("fixture is valid: {problems:?}"))
}

/// Sets `pointer` (JSON pointer) in the fixture to `value`.
pub fn small_with(pointer: &str, value: Value) -> Value {
    let mut json = small_json();
    *json
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in the fixture")) = value;
    json
}

/// The bundled scenario files, by file name, read from `scenarios/`.
pub fn scenario_files() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("scenarios/ exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// The ledger's identities, year after year, to the fen, written once for the model tests, the
/// property tests and the fuzz laws: the years follow each other from the scenario's; income is
/// the sum of its parts; spending is the lines plus the consultation fee, special disease, major
/// disease and the critical-illness premium; surplus = income − spending; the first opening
/// balance is the scenario's and each next opening is this year's closing; closing = opening +
/// surplus; reserve = last year's reserve + the amount moved; available = closing − reserve; and
/// no amount carries more than two decimals (a line's benefit exactly two).
///
/// `scenario` is the baseline the report was projected from (a plan cannot edit the opening
/// balance or the opening reserve: both are assumptions). The first identity broken is returned,
/// naming the year and the identity.
pub fn ledger_adds_up(scenario: &Scenario, report: &Report) -> Result<(), String> {
    let mut opening = money::fen(scenario.financing.opening_balance);
    let mut reserve = scenario
        .rules
        .risk_reserve
        .as_ref()
        .map_or(money::ZERO, |rr| money::fen(rr.opening_reserve));
    for (t, y) in report.years.iter().enumerate() {
        let at = |what: String| format!("year {t} ({}): {what}", y.year);
        if y.year != scenario.year + t as i32 {
            return Err(at(format!(
                "the years follow each other from {}",
                scenario.year
            )));
        }
        let i = &y.income;
        if i.total != i.individual_contributions + i.government_subsidies + i.interest + i.other {
            return Err(at(format!(
                "income {} ≠ the sum of its parts {i:?}",
                i.total
            )));
        }
        let s = &y.spending;
        let lines: Yuan = s.lines.iter().map(|l| l.benefit).sum();
        let special = s
            .special_disease
            .as_ref()
            .map_or(money::ZERO, |l| l.benefit);
        let parts =
            lines + s.consultation_fee + special + s.major_disease + s.critical_illness_premium;
        if s.total != parts {
            return Err(at(format!(
                "spending {} ≠ lines {lines} + consultation fee {} + special disease {special} \
                 + major disease {} + premium {} = {parts}",
                s.total, s.consultation_fee, s.major_disease, s.critical_illness_premium
            )));
        }
        if y.surplus != i.total - s.total {
            return Err(at(format!(
                "surplus {} ≠ income {} − spending {}",
                y.surplus, i.total, s.total
            )));
        }
        if y.opening_balance != opening {
            return Err(at(format!(
                "opening {} ≠ last year's closing (or the scenario's opening) {opening}",
                y.opening_balance
            )));
        }
        if y.closing_balance != y.opening_balance + y.surplus {
            return Err(at(format!(
                "closing {} ≠ opening {} + surplus {}",
                y.closing_balance, y.opening_balance, y.surplus
            )));
        }
        if y.risk_reserve != reserve + y.risk_reserve_moved {
            return Err(at(format!(
                "reserve {} ≠ last year's {reserve} + moved {}",
                y.risk_reserve, y.risk_reserve_moved
            )));
        }
        if y.available_balance != y.closing_balance - y.risk_reserve {
            return Err(at(format!(
                "available {} ≠ closing {} − reserve {}",
                y.available_balance, y.closing_balance, y.risk_reserve
            )));
        }
        let amounts = [
            (
                "income.individual_contributions",
                i.individual_contributions,
            ),
            ("income.government_subsidies", i.government_subsidies),
            ("income.interest", i.interest),
            ("income.other", i.other),
            ("income.total", i.total),
            ("spending.consultation_fee", s.consultation_fee),
            ("spending.major_disease", s.major_disease),
            (
                "spending.critical_illness_premium",
                s.critical_illness_premium,
            ),
            ("spending.total", s.total),
            ("surplus", y.surplus),
            ("opening_balance", y.opening_balance),
            ("closing_balance", y.closing_balance),
            ("risk_reserve_moved", y.risk_reserve_moved),
            ("risk_reserve", y.risk_reserve),
            ("available_balance", y.available_balance),
            (
                "indicators.outpatient_headroom",
                y.indicators.outpatient_headroom,
            ),
        ];
        if let Some((name, amount)) = amounts.iter().find(|(_, a)| a.scale() > 2) {
            return Err(at(format!("{name} {amount} is not rounded to the fen")));
        }
        let benefits = s.lines.iter().chain(&s.special_disease);
        if let Some((n, line)) = benefits.enumerate().find(|(_, l)| l.benefit.scale() != 2) {
            return Err(at(format!(
                "the benefit of spending line {n}, {}, has not exactly two decimals",
                line.benefit
            )));
        }
        opening = y.closing_balance;
        reserve = y.risk_reserve;
    }
    Ok(())
}

/// The differences of a comparison are proposal − baseline, year by year, for every amount they
/// list; there is one for every year.
pub fn differences_are_proposal_minus_baseline(c: &Comparison) -> Result<(), String> {
    let years = c.baseline.years.len();
    if c.differences.len() != years || c.proposal.years.len() != years {
        return Err(format!(
            "{} differences for {years} baseline years and {} proposal years",
            c.differences.len(),
            c.proposal.years.len()
        ));
    }
    for ((d, b), p) in c
        .differences
        .iter()
        .zip(&c.baseline.years)
        .zip(&c.proposal.years)
    {
        let pairs = [
            ("income", d.income, p.income.total - b.income.total),
            ("spending", d.spending, p.spending.total - b.spending.total),
            ("surplus", d.surplus, p.surplus - b.surplus),
            (
                "closing_balance",
                d.closing_balance,
                p.closing_balance - b.closing_balance,
            ),
            (
                "available_balance",
                d.available_balance,
                p.available_balance - b.available_balance,
            ),
            (
                "outpatient_headroom",
                d.outpatient_headroom,
                p.indicators.outpatient_headroom - b.indicators.outpatient_headroom,
            ),
        ];
        if d.year != p.year || p.year != b.year {
            return Err(format!(
                "the difference of {} is of years {} and {}",
                d.year, p.year, b.year
            ));
        }
        if let Some((name, difference, expected)) = pairs.iter().find(|(_, d, e)| d != e) {
            return Err(format!(
                "year {}: the difference in {name} {difference} ≠ proposal − baseline {expected}",
                d.year
            ));
        }
    }
    Ok(())
}

/// Both projections of a comparison add up ([`ledger_adds_up`]) and differ as it says
/// ([`differences_are_proposal_minus_baseline`]); `scenario` is its baseline.
pub fn comparison_adds_up(scenario: &Scenario, c: &Comparison) -> Result<(), String> {
    for (name, report) in [("baseline", &c.baseline), ("proposal", &c.proposal)] {
        ledger_adds_up(scenario, report).map_err(|broken| format!("{name}, {broken}"))?;
    }
    differences_are_proposal_minus_baseline(c)
}

/// [`ledger_adds_up`], panicking with the identity broken.
#[track_caller]
pub fn assert_ledger_adds_up(scenario: &Scenario, report: &Report) {
    if let Err(broken) = ledger_adds_up(scenario, report) {
        panic!("the ledger does not add up in {}: {broken}", scenario.id);
    }
}

/// [`comparison_adds_up`], panicking with the identity broken.
#[track_caller]
pub fn assert_comparison_adds_up(scenario: &Scenario, c: &Comparison) {
    if let Err(broken) = comparison_adds_up(scenario, c) {
        panic!("the ledger does not add up in {}: {broken}", scenario.id);
    }
}
