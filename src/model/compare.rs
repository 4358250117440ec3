//! Baseline against proposal: the scenario's rules and a plan's edits, projected side by side,
//! with what changed and the differences year by year. Above both the model and the edits, so
//! that neither needs the other.

use crate::base::money::minus;
use crate::model::projection::{simulate, simulate_proposal_against};
use crate::model::report::{Comparison, Report, YearDifference, REPORT_FORMAT};
use crate::scenario::edits::{resolve, Scope};
use crate::scenario::file_format::{Edits, NamedPlan};
use crate::scenario::problem::Problem;
use crate::scenario::validate::{check_edited, check_plan, CheckedScenario};
use serde::Serialize;

/// Baseline and proposal of `scenario` with `edits`, and what changed between them.
/// `years` overrides the scenario's horizon, for baseline and proposal alike.
pub fn compare(
    scenario: &CheckedScenario,
    edits: &Edits,
    years: Option<u32>,
) -> Result<Comparison, Vec<Problem>> {
    let baseline_scenario = match years {
        Some(years) if years != scenario.projection.years => {
            // A horizon asked for on the command line, not an assumption of the scenario: it is
            // not listed among the assumption changes.
            let edits: Edits = [("projection.years".to_string(), Some(f64::from(years)))].into();
            let (resolved, problems) = resolve(&edits, scenario, Scope::Scenario);
            if !problems.is_empty() {
                return Err(problems);
            }
            check_edited(scenario, &resolved)?
        }
        _ => scenario.clone(),
    };
    let baseline = simulate(&baseline_scenario);
    compare_with_baseline(&baseline_scenario, &baseline, edits)
}

/// One plan of a workspace and its comparison with the baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanComparison {
    pub name: String,
    pub comparison: Comparison,
}

/// Every plan of the scenario (its named plans, or its proposal as one plan named
/// `default_name`; the baseline alone when it has neither) against the baseline.
pub fn compare_plans(
    scenario: &CheckedScenario,
    default_name: &str,
    years: Option<u32>,
) -> Result<Vec<PlanComparison>, Vec<Problem>> {
    let mut plans = scenario.named_plans(default_name);
    if plans.is_empty() {
        plans.push(NamedPlan {
            name: default_name.to_string(),
            edits: Edits::new(),
        });
    }
    plans
        .into_iter()
        .map(|plan| {
            Ok(PlanComparison {
                comparison: compare(scenario, &plan.edits, years)?,
                name: plan.name,
            })
        })
        .collect()
}

/// [`compare`] for a baseline already simulated (`baseline` is `simulate(baseline_scenario)`):
/// what the app does on every edit.
pub fn compare_with_baseline(
    baseline_scenario: &CheckedScenario,
    baseline: &Report,
    edits: &Edits,
) -> Result<Comparison, Vec<Problem>> {
    let (proposal_scenario, changes) = check_plan(baseline_scenario, edits)?;
    let proposal = simulate_proposal_against(&proposal_scenario, baseline_scenario, baseline);
    Ok(Comparison {
        format: REPORT_FORMAT,
        scenario_id: baseline_scenario.id.clone(),
        scenario_name: baseline_scenario.name.clone(),
        differences: differences(baseline, &proposal),
        baseline: baseline.clone(),
        proposal,
        changes,
        assumption_changes: baseline_scenario.assumption_changes().to_vec(),
    })
}

/// `proposal` minus `baseline`, year by year (a plan less the baseline, or one plan less
/// another): the one place the engine subtracts two projections.
pub fn differences(baseline: &Report, proposal: &Report) -> Vec<YearDifference> {
    baseline
        .years
        .iter()
        .zip(&proposal.years)
        .map(|(b, p)| {
            let (bi, pi) = (&b.indicators, &p.indicators);
            YearDifference {
                year: p.year,
                income: minus(p.income.total, b.income.total),
                spending: minus(p.spending.total, b.spending.total),
                surplus: minus(p.surplus, b.surplus),
                closing_balance: minus(p.closing_balance, b.closing_balance),
                available_balance: minus(p.available_balance, b.available_balance),
                outpatient_headroom: minus(pi.outpatient_headroom, bi.outpatient_headroom),
                surplus_rate: pi.surplus_rate - bi.surplus_rate,
                outpatient_share: pi.outpatient_share - bi.outpatient_share,
                inpatient_policy_ratio: pi.inpatient_policy_ratio - bi.inpatient_policy_ratio,
                inpatient_actual_ratio: pi.inpatient_actual_ratio - bi.inpatient_actual_ratio,
                outpatient_policy_ratio: pi.outpatient_policy_ratio - bi.outpatient_policy_ratio,
                outpatient_actual_ratio: pi.outpatient_actual_ratio - bi.outpatient_actual_ratio,
            }
        })
        .collect()
}
