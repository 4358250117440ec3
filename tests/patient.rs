//! One patient: the layers split the bill exactly; the mean of one patient's benefit over a
//! line's lognormal patients is the line's mean benefit in the report (numerical integration);
//! typical patients follow the scenario's lines; what cannot be priced says why.

mod common;
use common::{checked, small};
use ncms_sim::patient::{
    self, bill, compare, compare_plan, rules, typical, CaseError, CaseRules, PatientCase,
    PatientKind, PatientLayer,
};
use ncms_sim::report::CareKind;
use ncms_sim::{check_plan, compare as compare_plans, money, parse_scenario, scenarios, Level};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(text: &str) -> Decimal {
    money::fen(Decimal::from_str(text).unwrap())
}

/// E[g(X)] for X lognormal with `mean` and coefficient of variation `cv`: Simpson's rule on
/// ln x over ±10 σ, split at `kinks` so that each piece is smooth (as `lognormal.rs` checks LEVs).
fn mean_over_patients(mean: f64, cv: f64, kinks: &[f64], g: impl Fn(f64) -> f64) -> f64 {
    if cv == 0.0 {
        return g(mean);
    }
    let s2 = (1.0 + cv * cv).ln();
    let (s, mu) = (s2.sqrt(), mean.ln() - s2 / 2.0);
    let (lo, hi) = (mu - 10.0 * s, mu + 10.0 * s);
    let mut points = vec![lo, hi];
    points.extend(kinks.iter().map(|k| k.ln()).filter(|k| *k > lo && *k < hi));
    points.sort_by(f64::total_cmp);
    let density = |y: f64| {
        let z = (y - mu) / s;
        (-0.5 * z * z).exp() / (s * (2.0 * std::f64::consts::PI).sqrt())
    };
    let f = |y: f64| g(y.exp()) * density(y);
    let steps = 1_000;
    points
        .windows(2)
        .map(|w| {
            let h = (w[1] - w[0]) / steps as f64;
            let mut sum = f(w[0]) + f(w[1]);
            for i in 1..steps {
                sum += f(w[0] + i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 };
            }
            sum * h / 3.0
        })
        .sum()
}

/// Where the benefit of one bill bends: the deductible and the binding cap, in bill terms.
fn kinks(r: &CaseRules) -> Vec<f64> {
    let to = |eligible: f64| eligible / r.scope_share;
    let d = money::to_f64(r.deductible);
    let mut kinks = vec![to(d)];
    let cap = [r.cap, r.ceiling].into_iter().flatten().min();
    if let Some(cap) = cap {
        kinks.push(to(d + money::to_f64(cap) / r.ratio));
    }
    kinks
}

#[test]
fn the_mean_patient_benefit_is_the_lines_mean_benefit() {
    let mut lines = 0;
    for (id, json) in scenarios::BUNDLED {
        let scenario = parse_scenario(json).unwrap();
        let (proposal, _) = check_plan(&scenario, &scenario.proposal).unwrap();
        let comparison = compare_plans(&scenario, &scenario.proposal, None).unwrap();
        for (plan, report) in [
            (&scenario, &comparison.baseline),
            (&proposal, &comparison.proposal),
        ] {
            let year = report.first_year();
            for line in year
                .spending
                .lines
                .iter()
                .chain(&year.spending.special_disease)
            {
                let kind = match line.kind {
                    CareKind::Outpatient => PatientKind::Outpatient,
                    CareKind::Inpatient => PatientKind::Inpatient,
                    CareKind::SpecialDisease => PatientKind::SpecialDisease,
                };
                let r = rules(plan, line.level, kind, None).unwrap();
                let cv = match (kind, line.level) {
                    (PatientKind::SpecialDisease, _) => {
                        plan.rules.special_disease.as_ref().unwrap().cost_cv
                    }
                    (_, level) => {
                        let l = plan.lines.iter().find(|l| Some(l.level) == level).unwrap();
                        match kind {
                            PatientKind::Outpatient => l.outpatient.as_ref().unwrap().cost_cv,
                            _ => l.inpatient.as_ref().unwrap().cost_cv,
                        }
                    }
                };
                let scheme = |x: f64| {
                    let amount = money::fen_from_f64(x);
                    money::to_f64(bill(&r, kind, amount).scheme)
                };
                let mean = mean_over_patients(line.mean_cost, cv, &kinks(&r), scheme);
                // Each patient's benefit is rounded to the fen: the mean may differ by half a fen.
                assert!(
                    (mean - line.mean_benefit).abs() <= 0.006 + 1e-9 * line.mean_benefit,
                    "{id} {:?} {kind:?}: patients {mean}, line {}",
                    line.level,
                    line.mean_benefit
                );
                lines += 1;
            }
        }
    }
    assert!(lines >= 40, "{lines} lines checked");
}

#[test]
fn a_major_disease_case_is_what_the_model_pays_per_case() {
    let scenario = parse_scenario(scenarios::bundled("taizhou-2013-plan").unwrap()).unwrap();
    let comparison = compare_plans(&scenario, &scenario.proposal, None).unwrap();
    let (proposal, _) = check_plan(&scenario, &scenario.proposal).unwrap();
    for (plan, report) in [
        (&scenario, &comparison.baseline),
        (&proposal, &comparison.proposal),
    ] {
        let md = plan.rules.major_disease.as_ref().unwrap();
        let cases = plan.population.enrollees as f64 * md.cases_per_100k / 100_000.0;
        let r = rules(plan, None, PatientKind::MajorDisease, None).unwrap();
        // The model pays every case at its limited cost.
        let per_case = bill(&r, PatientKind::MajorDisease, md.limited_cost).scheme;
        let paid = money::to_f64(report.first_year().spending.major_disease);
        assert!(
            (paid / cases - money::to_f64(per_case)).abs() <= 0.005,
            "{} per case against {per_case}",
            paid / cases
        );
    }
}

#[test]
fn a_county_stay_under_the_2013_plan() {
    let scenario = parse_scenario(scenarios::bundled("taizhou-2013-plan").unwrap()).unwrap();
    let case = PatientCase {
        level: Some(Level::County),
        kind: PatientKind::Inpatient,
        bill: d("30000"),
        scope_share: None,
    };
    let p = compare_plan(&scenario, &scenario.proposal, &case).unwrap();
    // 85 % of 30 000 in scope; 500 deductible; 85 % → 88 % of 25 000.
    assert_eq!(p.baseline.eligible, d("25500"));
    assert_eq!(p.baseline.scheme, d("21250"));
    assert_eq!(p.proposal.scheme, d("22000"));
    assert_eq!(p.proposal.patient, d("8000"));
    assert_eq!(p.scheme_change, d("750"));
    assert_eq!(p.patient_change, d("-750"));
    assert_eq!(p.baseline.rules.ceiling, Some(d("87312")));
    let layers: Vec<PatientLayer> = p.baseline.layers.iter().map(|l| l.layer).collect();
    assert_eq!(layers, PatientLayer::of(PatientKind::Inpatient));
    // A narrower policy scope: 60 % of the bill.
    let narrower = PatientCase {
        scope_share: Some(0.6),
        ..case
    };
    let p = compare_plan(&scenario, &scenario.proposal, &narrower).unwrap();
    assert_eq!(p.baseline.eligible, d("18000"));
    assert_eq!(p.baseline.scheme, d("14875"));
}

#[test]
fn typical_patients_are_those_the_scenario_has_lines_for() {
    let plan = parse_scenario(scenarios::bundled("taizhou-2013-plan").unwrap()).unwrap();
    let (proposal, _) = check_plan(&plan, &plan.proposal).unwrap();
    let all: Vec<&str> = typical(&plan, &proposal)
        .iter()
        .map(|(t, _)| t.id)
        .collect();
    assert_eq!(
        all,
        [
            "village-visit",
            "township-stay",
            "county-stay",
            "higher-level-stay"
        ]
    );
    // The fixture has township and county lines only.
    let fixture = checked(small());
    let some: Vec<&str> = typical(&fixture, &fixture)
        .iter()
        .map(|(t, _)| t.id)
        .collect();
    assert_eq!(some, ["township-stay", "county-stay"]);
    let (_, higher) = &typical(&plan, &proposal)[3];
    assert_eq!(higher.bill, d("100000"));
    assert_eq!(
        higher.name.en,
        "A stay at a higher-level hospital, 100 000 yuan"
    );
}

#[test]
fn what_cannot_be_priced_says_why() {
    let fixture = checked(small());
    let case = |level, kind, bill: &str, scope_share| PatientCase {
        level,
        kind,
        bill: d(bill),
        scope_share,
    };
    let error = |c: PatientCase| compare(&fixture, &fixture, &c).unwrap_err();
    assert_eq!(
        error(case(None, PatientKind::Inpatient, "100", None)),
        CaseError::LevelNeeded {
            kind: PatientKind::Inpatient
        }
    );
    assert!(matches!(
        error(case(
            Some(Level::County),
            PatientKind::SpecialDisease,
            "100",
            None
        )),
        CaseError::LevelNotApplicable { .. }
    ));
    assert!(matches!(
        error(case(
            Some(Level::Village),
            PatientKind::Outpatient,
            "100",
            None
        )),
        CaseError::NotInScenario { .. }
    ));
    assert!(matches!(
        error(case(
            Some(Level::County),
            PatientKind::Outpatient,
            "100",
            None
        )),
        CaseError::NotInScenario { .. }
    ));
    assert!(matches!(
        error(case(Some(Level::County), PatientKind::Inpatient, "0", None)),
        CaseError::BillOutOfRange { .. }
    ));
    assert!(matches!(
        error(case(
            Some(Level::County),
            PatientKind::Inpatient,
            "100",
            Some(1.2)
        )),
        CaseError::ScopeOutOfRange { .. }
    ));
    assert!(matches!(
        error(case(None, PatientKind::MajorDisease, "100", Some(0.9))),
        CaseError::ScopeNotApplicable
    ));
    let message = error(case(
        Some(Level::Village),
        PatientKind::Outpatient,
        "100",
        None,
    ))
    .describe(ncms_sim::Lang::Zh);
    assert_eq!(message, "本方案没有村卫生室普通门诊的补偿规则");
    assert_eq!(
        patient::levels_with(&fixture, PatientKind::Inpatient),
        [Level::Township, Level::County]
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn the_layers_split_the_bill_exactly(
        fen in 1i64..10_000_000_000,
        scope in 0.0f64..=1.0,
        deductible in 0i64..1_000_000,
        ratio in 0.0f64..=1.0,
        cap in proptest::option::of(1i64..100_000_000),
        ceiling in proptest::option::of(1i64..100_000_000),
        kind in proptest::sample::select(PatientKind::ALL.to_vec()),
    ) {
        let major = kind == PatientKind::MajorDisease;
        let r = CaseRules {
            scope_share: if major { 1.0 } else { scope },
            deductible: if major { money::ZERO } else { Decimal::new(deductible, 2) },
            ratio,
            cap: cap.map(|c| Decimal::new(c, 2)),
            ceiling: ceiling.map(|c| Decimal::new(c, 2)),
            limited_cost: major.then(|| Decimal::new(deductible + 1, 2)),
        };
        let amount = Decimal::new(fen, 2);
        let priced = bill(&r, kind, amount);
        prop_assert_eq!(priced.patient + priced.scheme, amount);
        let patient: Decimal = priced.layers.iter().map(|l| l.patient).sum();
        let scheme: Decimal = priced.layers.iter().map(|l| l.scheme).sum();
        prop_assert_eq!(patient, priced.patient);
        prop_assert_eq!(scheme, priced.scheme);
        for layer in &priced.layers {
            prop_assert!(layer.patient >= Decimal::ZERO && layer.scheme >= Decimal::ZERO, "{:?}", layer);
        }
        // The model's layer: min(C, ceiling, r · max(0, Y − d)), to the fen.
        let eligible = priced.eligible;
        let above = (eligible - r.deductible).max(Decimal::ZERO);
        let mut expected = money::fen(above * money::decimal_from_f64(ratio).unwrap());
        let layers = PatientLayer::of(kind);
        let limits = [(PatientLayer::OverCap, r.cap), (PatientLayer::OverCeiling, r.ceiling)];
        for (layer, limit) in limits {
            if let Some(limit) = limit.filter(|_| layers.contains(&layer)) {
                expected = expected.min(limit);
            }
        }
        prop_assert_eq!(priced.scheme, expected);
    }
}
