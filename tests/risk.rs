//! How sure are we (`risk`): with no spread every quantile is the exact projection to the fen and
//! every probability 0 or 1 as the projection says; the batch projection agrees with the exact
//! one; more funding never raises the chance of a deficit; a wider spread never narrows the band;
//! a seed gives the same figures to the bit; 2000 draws agree with 20 000 within the Monte Carlo
//! error docs/risk.md states; the reserve for 90 % does what it says; `ranges` validates.

use ncms_sim::batch::{Assumptions, Batch, PathYear};
use ncms_sim::money::{self, to_f64};
use ncms_sim::risk::{risk, risk_of_plans, PlanRisk, Risk, RiskOptions};
use ncms_sim::scenario::{NamedPlan, Ranges};
use ncms_sim::{
    check, check_plan, parse_scenario, read_checked, scenarios, simulate,
    simulate_proposal_against, CheckedScenario, Edits, Report,
};

fn plan_file() -> CheckedScenario {
    parse_scenario(scenarios::bundled("taizhou-2013-plan").unwrap()).unwrap()
}

fn options(draws: u32, seed: u64, spread_scale: f64) -> RiskOptions {
    RiskOptions {
        draws,
        seed,
        spread_scale,
    }
}

fn run(s: &CheckedScenario, o: RiskOptions) -> Risk {
    risk(s, "baseline", "proposal", &o).unwrap()
}

/// The exact reports: the baseline and the file's proposal.
fn exact(s: &CheckedScenario) -> (Report, Report) {
    let base = simulate(s);
    let (plan, _) = check_plan(s, &s.proposal).unwrap();
    let plan = simulate_proposal_against(&plan, s, &base);
    (base, plan)
}

fn assert_certain_figures_are_the_projection(risk: &Risk, reports: [&Report; 2]) {
    assert_eq!(risk.plans.len(), 2);
    assert_eq!(risk.plans[0].name, "baseline");
    assert_eq!(risk.plans[1].name, "proposal");
    for (plan, report) in risk.plans.iter().zip(reports) {
        assert_eq!(plan.years.len(), report.years.len());
        let mut lowest = money::ZERO;
        for (y, r) in plan.years.iter().zip(&report.years) {
            assert_eq!(y.year, r.year);
            for q in [
                y.closing_balance.p5,
                y.closing_balance.p10,
                y.closing_balance.p50,
                y.closing_balance.p90,
                y.closing_balance.p95,
            ] {
                assert_eq!(q, r.closing_balance, "{} {}", plan.name, y.year);
            }
            for q in [
                y.available_balance.p5,
                y.available_balance.p50,
                y.available_balance.p95,
            ] {
                assert_eq!(q, r.available_balance, "{} {}", plan.name, y.year);
            }
            let deficit = r.surplus < money::ZERO;
            assert_eq!(y.p_deficit, if deficit { 1.0 } else { 0.0 });
            let exhausted = report.exhaustion_year.is_some_and(|e| e <= r.year);
            assert_eq!(y.p_exhausted, if exhausted { 1.0 } else { 0.0 });
            let over = r.indicators.outpatient_share > r.indicators.outpatient_share_cap;
            assert_eq!(y.p_outpatient_over_cap, if over { 1.0 } else { 0.0 });
            let short = (r.available_balance < money::ZERO).then(|| -r.available_balance);
            assert_eq!(y.expected_shortfall, short);
            lowest = lowest.min(r.available_balance);
        }
        assert_eq!(plan.reserve_for_90, -lowest);
    }
}

#[test]
fn with_no_spread_every_quantile_is_the_exact_projection_to_the_fen() {
    let s = plan_file();
    let (base, plan) = exact(&s);
    // The 2013 plan runs a deficit from 2013 and runs out within the horizon: the law is checked
    // on both answers, 0 and 1.
    assert_eq!(plan.first_deficit_year, Some(2013));
    assert!(plan.exhaustion_year.is_some());
    let certain = run(&s, options(2000, 1, 0.0));
    assert_certain_figures_are_the_projection(&certain, [&base, &plan]);
    // Ranges of zero written in the file: the same.
    let mut zero = s.scenario().clone();
    zero.ranges = Ranges::default().scaled(0.0);
    let zero = check(zero).unwrap();
    assert_certain_figures_are_the_projection(&run(&zero, options(50, 9, 1.0)), [&base, &plan]);
}

#[test]
fn the_batch_path_of_the_scenarios_own_assumptions_is_the_projection() {
    let s = plan_file();
    let (base, plan_report) = exact(&s);
    let (plan, _) = check_plan(&s, &s.proposal).unwrap();
    let own = Assumptions::of(&s);
    let batch = Batch::new(&s, std::slice::from_ref(&plan), &[own]);
    let mut out = vec![PathYear::default(); batch.plans() * batch.years()];
    batch.project(&own, &mut out);
    for (p, report) in [&base, &plan_report].into_iter().enumerate() {
        for (t, r) in report.years.iter().enumerate() {
            let y = out[p * batch.years() + t];
            let scale = to_f64(r.income.total);
            for (fast, exact) in [
                (y.closing_balance, r.closing_balance),
                (y.available_balance, r.available_balance),
                (y.surplus, r.surplus),
            ] {
                let error = (fast - to_f64(exact)).abs() / scale;
                assert!(error < 1e-9, "plan {p} year {t}: {fast} against {exact}");
            }
        }
    }
}

#[test]
fn a_batch_path_with_other_growth_is_the_projection_of_that_growth() {
    let s = plan_file();
    // A path with 9 % cost growth, 0 % use growth and elasticity −0.35, without shocks, projected
    // in a batch whose grids span the costs of 3 % to 13 % growth: between the grid's points.
    let mut path = Assumptions::of(&s);
    path.cost_growth = 0.09;
    path.utilisation_growth = 0.0;
    path.elasticity = -0.35;
    let mut low = path;
    low.cost_growth = 0.03;
    let mut high = path;
    high.cost_growth = 0.13;
    let mut edited = s.scenario().clone();
    edited.projection.cost_growth = 0.09;
    edited.projection.utilisation_growth = 0.0;
    edited.behaviour.elasticity = -0.35;
    let edited = check(edited).unwrap();
    let (base, plan_report) = exact(&edited);
    let (plan, _) = check_plan(&s, &s.proposal).unwrap();
    let batch = Batch::new(&s, std::slice::from_ref(&plan), &[path, low, high]);
    let mut out = vec![PathYear::default(); batch.plans() * batch.years()];
    batch.project(&path, &mut out);
    for (p, report) in [&base, &plan_report].into_iter().enumerate() {
        for (t, r) in report.years.iter().enumerate() {
            let y = out[p * batch.years() + t];
            let error =
                (y.closing_balance - to_f64(r.closing_balance)).abs() / to_f64(r.income.total);
            assert!(
                error < 1e-9,
                "plan {p} year {t}: {y:?} against {}",
                r.closing_balance
            );
        }
    }
}

/// The plans `plans` over the 2013 file's baseline.
fn named(edits: &[(&str, Edits)]) -> Vec<NamedPlan> {
    edits
        .iter()
        .map(|(name, edits)| NamedPlan {
            name: name.to_string(),
            edits: edits.clone(),
        })
        .collect()
}

#[test]
fn more_funding_never_raises_the_chance_of_a_deficit() {
    let s = plan_file();
    let base = simulate(&s);
    let individual = to_f64(s.financing.individual);
    let mut more = s.proposal.clone();
    more.insert("financing.individual".into(), Some(individual + 20.0));
    let mut most = s.proposal.clone();
    most.insert("financing.individual".into(), Some(individual + 60.0));
    let plans = named(&[("plan", s.proposal.clone()), ("more", more), ("most", most)]);
    let figures = risk_of_plans(&s, &base, &plans, "baseline", &options(2000, 3, 1.0)).unwrap();
    let p = |plan: usize| -> Vec<f64> {
        figures.plans[plan]
            .years
            .iter()
            .map(|y| y.p_deficit)
            .collect()
    };
    let (plan, more, most) = (p(1), p(2), p(3));
    for t in 0..plan.len() {
        assert!(
            more[t] <= plan[t] && most[t] <= more[t],
            "{t}: {plan:?} {more:?} {most:?}"
        );
    }
    // And it does lower it: 60 yuan more a head in 2013 closes most of the plan's deficit.
    assert!(most[0] < plan[0] - 0.2, "{plan:?} {most:?}");
}

fn widths(plan: &PlanRisk) -> Vec<(i64, i64)> {
    let width = |b: &ncms_sim::risk::Band| money_fen(b.p90) - money_fen(b.p10);
    plan.years
        .iter()
        .map(|y| (width(&y.closing_balance), width(&y.available_balance)))
        .collect()
}

fn money_fen(amount: money::Yuan) -> i64 {
    (to_f64(amount) * 100.0).round() as i64
}

#[test]
fn a_wider_spread_never_narrows_the_p10_to_p90_band() {
    let s = plan_file();
    let runs: Vec<Risk> = [0.0, 0.5, 1.0, 2.0]
        .iter()
        .map(|k| run(&s, options(2000, 5, *k)))
        .collect();
    for plan in 0..2 {
        for pair in runs.windows(2) {
            let (narrow, wide) = (widths(&pair[0].plans[plan]), widths(&pair[1].plans[plan]));
            for (n, w) in narrow.iter().zip(&wide) {
                assert!(w.0 >= n.0 && w.1 >= n.1, "{narrow:?} {wide:?}");
            }
            // And it widens the horizon's band.
            let last = narrow.len() - 1;
            assert!(wide[last].0 > narrow[last].0);
        }
    }
    // No spread: no band.
    assert!(widths(&runs[0].plans[0]).iter().all(|w| *w == (0, 0)));
}

#[test]
fn the_same_seed_gives_the_same_figures_to_the_bit_and_another_seed_others() {
    let s = plan_file();
    let a = run(&s, options(500, 42, 1.0));
    let b = run(&s, options(500, 42, 1.0));
    assert_eq!(a, b);
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    let c = run(&s, options(500, 43, 1.0));
    assert_ne!(a.plans, c.plans);
    assert_eq!((a.draws, a.seed, c.seed), (500, 42, 43));
}

#[test]
fn two_thousand_draws_agree_with_twenty_thousand_within_the_stated_error() {
    let s = plan_file();
    let small = run(&s, options(2000, 11, 1.0));
    let large = run(&s, options(20_000, 12, 1.0));
    let n_small = 2000.0_f64;
    let n_large = 20_000.0_f64;
    let both = 1.0 / n_small + 1.0 / n_large;
    for (a, b) in small.plans.iter().zip(&large.plans) {
        for (x, y) in a.years.iter().zip(&b.years) {
            // docs/risk.md: a probability's standard error is √(p(1 − p)/N).
            for (p, q) in [
                (x.p_deficit, y.p_deficit),
                (x.p_exhausted, y.p_exhausted),
                (x.p_outpatient_over_cap, y.p_outpatient_over_cap),
            ] {
                let se = (q * (1.0 - q) * both).sqrt();
                assert!(
                    (p - q).abs() <= 4.0 * se + 1e-12,
                    "{} {}: {p} {q}",
                    a.name,
                    x.year
                );
            }
            // The median's: 1.2533 σ/√N, σ from the large run's P10–P90 (2.563 σ).
            for (m, band) in [
                (x.closing_balance.p50, &y.closing_balance),
                (x.available_balance.p50, &y.available_balance),
            ] {
                let sigma = to_f64(band.p90 - band.p10) / 2.563;
                let se = 1.2533 * sigma * both.sqrt();
                let gap = (to_f64(m) - to_f64(band.p50)).abs();
                assert!(
                    gap <= 4.0 * se + 0.01,
                    "{} {}: {m} {}",
                    a.name,
                    x.year,
                    band.p50
                );
            }
        }
    }
    // The bands are real: the 2017 baseline balance spreads over more than 10 million yuan.
    let last = &large.plans[0].years[4].closing_balance;
    assert!(to_f64(last.p90 - last.p10) > 1e7, "{last:?}");
}

#[test]
fn the_reserve_for_90_keeps_the_chance_of_running_out_within_a_tenth() {
    let s = plan_file();
    let o = options(2000, 8, 1.0);
    let before = run(&s, o);
    let reserve = before.plans[1].reserve_for_90;
    let last = before.plans[1].years.len() - 1;
    assert!(before.plans[1].years[last].p_exhausted > 0.1);
    assert!(reserve > money::ZERO);
    // The same draws with that much more opening balance.
    let mut richer = s.scenario().clone();
    richer.financing.opening_balance += reserve;
    let after = run(&check(richer).unwrap(), o);
    let p = after.plans[1].years[last].p_exhausted;
    // The path at the tenth ends at zero give or take the f64 sums' last bits: one draw's
    // allowance.
    assert!(p <= 0.1 + 1.0 / 2000.0, "{p}");
    // And not much less: a fen less would be more than a tenth, so with interest it is close.
    assert!(p > 0.08, "{p}");
}

#[test]
fn bad_options_are_named() {
    let s = plan_file();
    for (o, path) in [
        (options(0, 1, 1.0), "draws"),
        (options(20_001, 1, 1.0), "draws"),
        (options(10, 1 << 53, 1.0), "seed"),
        (options(10, 1, -0.5), "spread_scale"),
        (options(10, 1, f64::NAN), "spread_scale"),
        (options(10, 1, 11.0), "spread_scale"),
    ] {
        let problems = risk(&s, "b", "p", &o).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, path);
        let en = problems[0].describe(ncms_sim::Lang::En);
        let zh = problems[0].describe(ncms_sim::Lang::Zh);
        assert!(en.contains(path) && !zh.is_empty(), "{en} / {zh}");
    }
}

#[test]
fn the_ranges_section_is_optional_bounded_and_strict() {
    let json = scenarios::bundled("taizhou-2013-plan").unwrap();
    let s = read_checked(json).unwrap().scenario;
    assert_eq!(s.ranges, Ranges::default());
    // Written as absent when it is the default.
    assert!(!serde_json::to_string(s.scenario())
        .unwrap()
        .contains("\"ranges\""));
    let with = |ranges: &str| {
        json.replacen(
            "\"proposal\":",
            &format!("\"ranges\": {ranges},\n  \"proposal\":"),
            1,
        )
    };
    let read = read_checked(&with(r#"{ "cost_growth": 0.05, "cost_shock": 0 }"#)).unwrap();
    assert_eq!(read.scenario.ranges.cost_growth, 0.05);
    assert_eq!(read.scenario.ranges.cost_shock, 0.0);
    assert_eq!(
        read.scenario.ranges.utilisation_shock,
        Ranges::default().utilisation_shock
    );
    for (ranges, path) in [
        (r#"{ "cost_growth": 0.5 }"#, "ranges.cost_growth"),
        (r#"{ "elasticity": -0.1 }"#, "ranges.elasticity"),
        (r#"{ "cost_shock": 0.9 }"#, "ranges.cost_shock"),
        (r#"{ "cost_grwth": 0.05 }"#, "ranges.cost_grwth"),
    ] {
        let problems = read_checked(&with(ranges)).unwrap_err();
        assert!(
            problems.iter().any(|p| p.path == path),
            "{ranges}: {:?}",
            problems.iter().map(|p| &p.path).collect::<Vec<_>>()
        );
        for p in &problems {
            assert!(!p.describe(ncms_sim::Lang::Zh).is_empty());
        }
    }
}
