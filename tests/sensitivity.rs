//! The sensitivity tornado, checked from the outside: every bar is the exact difference of two
//! projections made through the public path (a lever: the plan with it moved, through
//! `compare`; an assumption: the scenario with it changed, baseline and plan alike), the bars
//! are sorted by size, the natural units are the documented ones, and the bars of the bundled
//! plan have the values worked out by hand.

use ncms_sim::figure::{Figure, Unit};
use ncms_sim::indicator::Indicator;
use ncms_sim::measured::Measured;
use ncms_sim::params::{self, Role};
use ncms_sim::protection::{protection_of_plans, PlanProtection, ProtectionFigure};
use ncms_sim::scenario::NamedPlan;
use ncms_sim::sensitivity::{natural_unit, tornado, Bar, Outcome, Step, Tornado, TornadoJob};
use ncms_sim::validate::apply_assumptions;
use ncms_sim::{compare, parse_scenario, CheckedScenario, Edits};
use rust_decimal::Decimal;

fn plan_2013() -> CheckedScenario {
    parse_scenario(ncms_sim::scenarios::bundled("taizhou-2013-plan").unwrap()).unwrap()
}

/// The outcome with one parameter at `value`, through the public path.
fn outcome_with(scenario: &CheckedScenario, outcome: &Outcome, bar: &Bar, value: f64) -> Figure {
    let moved: Edits = [(bar.path.clone(), Some(value))].into();
    let comparison = if bar.role == Role::Policy {
        let mut plan = scenario.proposal.clone();
        plan.extend(moved);
        compare(scenario, &plan, None).unwrap()
    } else {
        let baseline = apply_assumptions(scenario, &moved).unwrap();
        compare(&baseline, &scenario.proposal, None).unwrap()
    };
    let year = comparison
        .proposal
        .years
        .iter()
        .find(|y| y.year == outcome.year)
        .unwrap();
    outcome.indicator.indicator().unwrap().of(year)
}

fn assert_bars_are_projections(scenario: &CheckedScenario, tornado: &Tornado) {
    for step in [Step::TenPercent, Step::NaturalUnit] {
        let bars = tornado.bars(step);
        assert!(
            bars.windows(2).all(|w| w[0].size() >= w[1].size()),
            "sorted"
        );
        for bar in bars {
            let low = outcome_with(scenario, &tornado.outcome, bar, bar.low);
            let high = outcome_with(scenario, &tornado.outcome, bar, bar.high);
            assert_eq!(
                (low, high),
                (bar.outcome_low, bar.outcome_high),
                "{}",
                bar.path
            );
            assert_eq!(Some(bar.swing), high.minus(&low), "{}", bar.path);
        }
    }
}

#[test]
fn every_bar_is_the_difference_of_two_projections_and_the_bars_are_sorted() {
    let s = plan_2013();
    for name in ["surplus", "closing_balance", "outpatient_share"] {
        let outcome = Outcome::parse(name, &s, None).unwrap();
        let tornado = tornado(&s, &s.proposal, outcome).unwrap();
        assert!(
            tornado.ten_percent.len() > 40,
            "{}",
            tornado.ten_percent.len()
        );
        assert_bars_are_projections(&s, &tornado);
    }
}

#[test]
fn the_bundled_plan_turns_most_on_the_county_subsidy_and_county_inpatient_care() {
    let s = plan_2013();
    let outcome = Outcome::parse("surplus", &s, None).unwrap();
    assert_eq!(
        (outcome.indicator, outcome.year),
        (Indicator::Surplus.into(), 2013)
    );
    let t = tornado(&s, &s.proposal, outcome).unwrap();
    assert_eq!(t.base, Figure::Yuan(Decimal::new(-8_002_345_567, 2)));
    // ±10 % of the county subsidy (290 yuan): 29 yuan a head either way for 4.42 million
    // enrollees, so a swing of 2 × 29 × 4 420 000 yuan exactly.
    let first = &t.ten_percent[0];
    assert_eq!(first.path, "financing.government.county");
    assert_eq!((first.low, first.high), (261.0, 319.0));
    assert_eq!(first.swing, Figure::Yuan(Decimal::from(256_360_000)));
    assert_eq!(
        t.ten_percent[1].path,
        "lines[2].inpatient.reimbursement_ratio"
    );
    // One natural unit: 10 yuan a head moves income by 2 × 10 × 4 420 000 whichever payer pays.
    let individual = t
        .natural_unit
        .iter()
        .find(|b| b.path == "financing.individual")
        .unwrap();
    assert_eq!(individual.swing, Figure::Yuan(Decimal::from(88_400_000)));
    assert_eq!(individual.step, 10.0);
    // A cost assumption moves baseline and plan alike, so it shows as an assumption.
    let cost = t
        .natural_unit
        .iter()
        .find(|b| b.path == "lines[2].inpatient.mean_cost")
        .unwrap();
    assert_eq!((cost.role, cost.step), (Role::Assumption, 1000.0));
    // Targets and the horizon frame the figures: no bar.
    assert!(!t.ten_percent.iter().any(|b| b.path.starts_with("targets.")
        || b.path == "projection.years"
        || b.path == "year"));
}

#[test]
fn a_move_beyond_the_allowed_range_stops_at_its_end() {
    let s = plan_2013();
    let outcome = Outcome::parse("outpatient_share", &s, None).unwrap();
    let t = tornado(&s, &s.proposal, outcome).unwrap();
    let deductible = t
        .natural_unit
        .iter()
        .find(|b| b.path == "lines[1].outpatient.deductible")
        .unwrap();
    assert_eq!((deductible.low, deductible.high), (0.0, 10.0));
    assert!(deductible.limited);
}

#[test]
fn natural_units_are_the_documented_ones() {
    let unit = |path: &str| natural_unit(params::by_path(path).unwrap());
    assert_eq!(unit("lines[*].inpatient.reimbursement_ratio"), 0.05);
    assert_eq!(unit("projection.cost_growth"), 0.01);
    assert_eq!(unit("rules.risk_reserve.rate"), 0.01);
    assert_eq!(unit("financing.individual"), 10.0);
    assert_eq!(unit("lines[*].inpatient.deductible"), 10.0);
    assert_eq!(unit("lines[*].inpatient.mean_cost"), 1000.0);
    assert_eq!(unit("rules.annual_ceiling.fixed"), 1000.0);
    assert_eq!(unit("financing.opening_balance"), 1e6);
    assert_eq!(unit("population.enrollees"), 10_000.0);
    assert_eq!(unit("lines[*].inpatient.admissions_per_1000"), 1.0);
    assert_eq!(unit("behaviour.elasticity"), 0.1);
    assert_eq!(
        params::by_path("lines[*].outpatient.visits_per_enrollee").map(|p| p.unit),
        Some(Unit::PerEnrollee)
    );
    assert_eq!(unit("lines[*].outpatient.visits_per_enrollee"), 0.1);
}

#[test]
fn every_bundled_scenario_has_a_tornado_made_of_projections() {
    for (id, json) in ncms_sim::scenarios::BUNDLED.iter().skip(1) {
        let s = parse_scenario(json).unwrap();
        let outcome = Outcome::parse("closing_balance", &s, None).unwrap();
        let t = tornado(&s, &s.proposal, outcome).unwrap();
        assert!(!t.natural_unit.is_empty(), "{id}");
        assert_bars_are_projections(&s, &t);
    }
}

#[test]
fn a_tornado_drawn_a_few_parameters_at_a_time_is_the_same_tornado() {
    let s = plan_2013();
    let outcome = Outcome::parse("surplus", &s, None).unwrap();
    let whole = tornado(&s, &s.proposal, outcome).unwrap();
    for slice in [1, 3, 7] {
        let mut job = TornadoJob::new(&s, &s.proposal, outcome).unwrap();
        let mut rounds = 0;
        while !job.advance(slice) {
            rounds += 1;
            let (done, all) = job.progress();
            assert_eq!(done, rounds * slice);
            assert!(done < all);
        }
        let (done, all) = job.progress();
        assert_eq!(done, all);
        assert_eq!(rounds + 1, all.div_ceil(slice));
        assert_eq!(job.finish(), whole, "slices of {slice}");
    }
}

/// A protection outcome with one parameter at `value`, through the public path: the plan (with
/// a lever moved) priced by `protection_of_plans` for the baseline's patients; an assumption
/// moved makes a new baseline, and the plan is priced over it.
fn protection_with(scenario: &CheckedScenario, outcome: &Outcome, bar: &Bar, value: f64) -> Figure {
    let moved: Edits = [(bar.path.clone(), Some(value))].into();
    let (baseline, plan) = if bar.role == Role::Policy {
        let mut plan = scenario.proposal.clone();
        plan.extend(moved);
        (scenario.clone(), plan)
    } else {
        let baseline = apply_assumptions(scenario, &moved).unwrap();
        (baseline, scenario.proposal.clone())
    };
    let report = ncms_sim::simulate(&baseline);
    let plans = [NamedPlan {
        name: "plan".into(),
        edits: plan,
    }];
    let all = protection_of_plans(&baseline, &report, &plans, "baseline").unwrap();
    figure_of(&all.plans[1], outcome)
}

/// The outcome's figure in one plan's protection figures, read from its fields.
fn figure_of(plan: &PlanProtection, outcome: &Outcome) -> Figure {
    match outcome.indicator {
        Measured::Protection(ProtectionFigure::Overall(measure)) => {
            Figure::Share(plan.overall.shares.get(measure))
        }
        Measured::Protection(ProtectionFigure::Kind(kind, measure)) => Figure::Share(
            plan.kinds
                .iter()
                .find(|k| k.kind == kind)
                .unwrap()
                .shares
                .get(measure),
        ),
        Measured::Protection(ProtectionFigure::MeanOopPerAdmission) => {
            Figure::Yuan(plan.overall.mean_oop_per_admission)
        }
        Measured::Indicator(_) | Measured::Risk(_) => unreachable!("a protection outcome"),
    }
}

#[test]
fn every_protection_bar_is_the_difference_of_two_pricings_and_the_bars_are_sorted() {
    let s = plan_2013();
    for name in [
        "inpatient_catastrophic_10",
        "catastrophic_10",
        "impoverishing",
        "mean_oop_per_admission",
    ] {
        let outcome = Outcome::parse(name, &s, None).unwrap();
        assert_eq!(outcome.year, 2013);
        let t = tornado(&s, &s.proposal, outcome).unwrap();
        // The plan as it is: the figure `ncms protection` prints for it.
        let base = protection_of_plans(
            &s,
            &ncms_sim::simulate(&s),
            &s.named_plans("plan"),
            "baseline",
        )
        .unwrap();
        assert_eq!(t.base, figure_of(&base.plans[1], &outcome), "{name}");
        for step in [Step::TenPercent, Step::NaturalUnit] {
            let bars = t.bars(step);
            assert!(bars.windows(2).all(|w| w[0].size() >= w[1].size()));
            // Every bar of the first outcome, the largest twelve of the others.
            let checked = if name == "inpatient_catastrophic_10" {
                bars.len()
            } else {
                12
            };
            for bar in &bars[..checked] {
                let low = protection_with(&s, &outcome, bar, bar.low);
                let high = protection_with(&s, &outcome, bar, bar.high);
                assert_eq!(
                    (low, high),
                    (bar.outcome_low, bar.outcome_high),
                    "{name} {}",
                    bar.path
                );
                assert_eq!(Some(bar.swing), high.minus(&low), "{name} {}", bar.path);
            }
        }
    }
}

#[test]
fn protection_bars_have_the_signs_the_protection_laws_require() {
    let s = plan_2013();
    for name in [
        "catastrophic_10",
        "catastrophic_25",
        "catastrophic_ctp40",
        "impoverishing",
        "inpatient_catastrophic_10",
        "inpatient_catastrophic_25",
        "special_disease_catastrophic_10",
    ] {
        let t = tornado(&s, &s.proposal, Outcome::parse(name, &s, None).unwrap()).unwrap();
        for bar in t.ten_percent.iter().chain(&t.natural_unit) {
            let swing = bar.swing.value();
            let path = bar.path.as_str();
            // A higher ratio or ceiling never raises a share; a higher deductible never lowers
            // one (beyond the 10⁻¹² the laws hold to).
            if path.ends_with("reimbursement_ratio") || path.starts_with("rules.annual_ceiling") {
                assert!(swing <= 1e-12, "{name} {path} {swing}");
            }
            if path.ends_with("deductible") {
                assert!(swing >= -1e-12, "{name} {path} {swing}");
            }
            // Money of the fund moves no share.
            if path.starts_with("financing.") {
                assert_eq!(swing, 0.0, "{name} {path}");
            }
        }
    }
    // Raising the county inpatient ratio by 10 % (88 % → 96.8 %) lowers the share of inpatient
    // stays over 10 % of household income from 19.84 % to 15.52 %; richer households (±10 % of
    // income per head) from 19.82 % to 15.95 %.
    let outcome = Outcome::parse("inpatient_catastrophic_10", &s, None).unwrap();
    let t = tornado(&s, &s.proposal, outcome).unwrap();
    assert!(
        (t.base.value() - 0.177_121_100_7).abs() < 1e-9,
        "{:?}",
        t.base
    );
    let bar = |path: &str| t.ten_percent.iter().find(|b| b.path == path).unwrap();
    let county = bar("lines[2].inpatient.reimbursement_ratio");
    assert_eq!((county.low, county.high), (0.792, 0.968));
    assert!((county.outcome_low.value() - 0.198_353_009).abs() < 1e-8);
    assert!((county.outcome_high.value() - 0.155_224_754).abs() < 1e-8);
    assert!((county.swing.value() + 0.043_128_255).abs() < 1e-8);
    let income = bar("households.income_per_head");
    assert_eq!(income.role, Role::Assumption);
    assert!((income.swing.value() + 0.038_677_859).abs() < 1e-8);
    assert_eq!(
        t.ten_percent[0].path, "lines[2].inpatient.scope_share",
        "the policy scope of county stays matters most"
    );
    // Mean out-of-pocket per admission: money, to the fen.
    let t = tornado(
        &s,
        &s.proposal,
        Outcome::parse("mean_oop_per_admission", &s, None).unwrap(),
    )
    .unwrap();
    assert_eq!(t.base, Figure::Yuan(Decimal::new(265_243, 2)));
    let county = t
        .ten_percent
        .iter()
        .find(|b| b.path == "lines[2].inpatient.reimbursement_ratio")
        .unwrap();
    assert_eq!(county.swing, Figure::Yuan(Decimal::new(-37_762, 2)));
}

#[test]
fn households_move_protection_outcomes_only_and_protection_is_for_the_first_year() {
    let s = plan_2013();
    let households = |t: &Tornado| {
        t.ten_percent
            .iter()
            .filter(|b| b.path.starts_with("households."))
            .count()
    };
    let surplus = tornado(
        &s,
        &s.proposal,
        Outcome::parse("surplus", &s, None).unwrap(),
    )
    .unwrap();
    assert_eq!(households(&surplus), 0);
    let share = tornado(
        &s,
        &s.proposal,
        Outcome::parse("catastrophic_10", &s, None).unwrap(),
    )
    .unwrap();
    assert_eq!(households(&share), 5);
    assert_eq!(
        share.outcome_label.en,
        "Share of patients paying over 10 % of household income in 2013"
    );
    assert_eq!(
        share.outcome_label.zh,
        "2013年自付超过家庭年收入 10% 的患者比例"
    );
    assert!(Outcome::parse("catastrophic_10", &s, Some(2013)).is_some());
    assert!(Outcome::parse("catastrophic_10", &s, Some(2014)).is_none());
    assert!(Outcome::parse("inpatient_catastrophic_99", &s, None).is_none());
    // The JSON form names the outcome as it names an indicator.
    let json = serde_json::to_value(&share).unwrap();
    assert_eq!(json["outcome"]["indicator"], "catastrophic_10");
    let back: Tornado = serde_json::from_value(json).unwrap();
    assert_eq!(back, share);
}
