//! What a plan does for families (`protection`): a seeded Monte Carlo of a million patients per
//! line agrees with the integration within its standard error and the stated accuracy; a
//! hand-worked bill at every threshold (below, at, above); full cover leaves every share at 0; a
//! higher ratio, a lower deductible or a higher ceiling never raises a share (laws); the figures
//! are smooth in a lever; the cost per point is the extra spending over the points avoided; the
//! households section reads, validates and writes back as it should.

mod common;
use common::{checked, small, small_json};
use ncms_sim::lognormal::standard_normal_cdf;
use ncms_sim::money;
use ncms_sim::patient::{self, PatientKind};
use ncms_sim::protection::{
    figures, lognormal_sigma_of_gini, protection, LineProtection, Measure, Patients, PlanFigures,
    Protection,
};
use ncms_sim::scenario::{Ceiling, Households};
use ncms_sim::{check, parse_scenario, read_scenario, scenarios, simulate, Scenario};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

/// Integration accuracy stated in docs/protection.md: one claim to 10⁻¹², a year of visits on
/// its grid to 5 × 10⁻⁶.
const ONE_CLAIM_ACCURACY: f64 = 1e-12;
const VISITS_ACCURACY: f64 = 5e-6;

fn yuan(text: &str) -> Decimal {
    money::fen(Decimal::from_str(text).unwrap())
}

fn plan_file() -> ncms_sim::CheckedScenario {
    parse_scenario(scenarios::bundled("taizhou-2013-plan").unwrap()).unwrap()
}

fn shares_of(line: &LineProtection) -> [f64; 4] {
    Measure::ALL.map(|m| line.shares.get(m))
}

/// SplitMix64, its uniforms in (0, 1) and standard normals by Box–Muller: a generator of our
/// own, so that the seeded run is the same everywhere.
struct Draws {
    state: u64,
    spare: Option<f64>,
}

impl Draws {
    fn new(seed: u64) -> Draws {
        Draws {
            state: seed,
            spare: None,
        }
    }

    fn uniform(&mut self) -> f64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        ((z >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare.take() {
            return z;
        }
        let (u, v) = (self.uniform(), self.uniform());
        let r = (-2.0 * u.ln()).sqrt();
        let angle = 2.0 * std::f64::consts::PI * v;
        self.spare = Some(r * angle.sin());
        r * angle.cos()
    }

    fn lognormal(&mut self, mean: f64, cv: f64) -> f64 {
        let s2 = (1.0 + cv * cv).ln();
        (mean.ln() - s2 / 2.0 + s2.sqrt() * self.normal()).exp()
    }

    /// Poisson visits with mean `lambda`, given at least one (by inversion).
    fn visits_of_a_user(&mut self, lambda: f64) -> u32 {
        let u = self.uniform() * (1.0 - (-lambda).exp());
        let mut k = 1;
        let mut p = (-lambda).exp() * lambda;
        let mut below = p;
        while below < u && k < 200 {
            k += 1;
            p *= lambda / f64::from(k);
            below += p;
        }
        k
    }
}

/// σ of a lognormal with Gini `gini`, by bisection on G = 2Φ(σ/√2) − 1 (not the engine's
/// inverse).
fn sigma_of_gini(gini: f64) -> f64 {
    let (mut lo, mut hi) = (0.0, 5.0);
    for _ in 0..200 {
        let mid = (lo + hi) / 2.0;
        if 2.0 * standard_normal_cdf(mid / std::f64::consts::SQRT_2) - 1.0 < gini {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (lo + hi) / 2.0
}

/// What a patient pays on one bill, the layers of `patient::bill` in f64 (no fen).
fn pays(rules: &patient::CaseRules, kind: PatientKind, bill: f64) -> f64 {
    let f = money::to_f64;
    if let Some(limited) = rules.limited_cost {
        return bill - rules.ratio * bill.min(f(limited));
    }
    let cap = match kind {
        PatientKind::Outpatient => rules.cap.map_or(f64::INFINITY, f),
        _ => rules
            .cap
            .map_or(f64::INFINITY, f)
            .min(rules.ceiling.map_or(f64::INFINITY, f)),
    };
    let eligible = rules.scope_share * bill;
    bill - (rules.ratio * (eligible - f(rules.deductible)).max(0.0)).min(cap)
}

#[test]
fn the_f64_payment_is_the_patient_views_to_the_fen() {
    let scenario = plan_file();
    let mut draws = Draws::new(7);
    for (level, kind) in [
        (Some(ncms_sim::Level::Township), PatientKind::Outpatient),
        (Some(ncms_sim::Level::County), PatientKind::Inpatient),
        (None, PatientKind::SpecialDisease),
        (None, PatientKind::MajorDisease),
    ] {
        let rules = patient::rules(&scenario, level, kind, None).unwrap();
        for _ in 0..2_000 {
            let bill = money::fen_from_f64(draws.lognormal(10_000.0, 1.5));
            let exact = patient::bill(&rules, kind, bill).patient;
            let ours = pays(&rules, kind, money::to_f64(bill));
            assert!(
                (ours - money::to_f64(exact)).abs() <= 0.02,
                "{kind:?} {bill}: {ours} {exact}"
            );
        }
    }
}

/// One line simulated: `n` patient-years, each with a household drawn from the incomes; the
/// four shares and the mean payment.
fn simulate_line(
    scenario: &Scenario,
    line: &LineProtection,
    n: usize,
    draws: &mut Draws,
) -> ([f64; 4], f64) {
    let h = &scenario.households;
    let (mean_income, size) = (money::to_f64(h.income_per_head), h.household_size);
    let (poverty, subsistence) = (money::to_f64(h.poverty_line), money::to_f64(h.subsistence));
    let sigma = sigma_of_gini(h.income_gini);
    let mu = mean_income.ln() - sigma * sigma / 2.0;
    let rules = patient::rules(scenario, line.level, line.kind, None).unwrap();
    let (mean_cost, cv, lambda) = match (line.kind, line.level) {
        (PatientKind::Outpatient, Some(level)) => {
            let o = scenario.lines.iter().find(|l| l.level == level).unwrap();
            let o = o.outpatient.as_ref().unwrap();
            (money::to_f64(o.mean_cost), o.cost_cv, o.visits_per_enrollee)
        }
        (PatientKind::Inpatient, Some(level)) => {
            let i = scenario.lines.iter().find(|l| l.level == level).unwrap();
            let i = i.inpatient.as_ref().unwrap();
            (money::to_f64(i.mean_cost), i.cost_cv, 0.0)
        }
        (PatientKind::SpecialDisease, None) => {
            let sd = scenario.rules.special_disease.as_ref().unwrap();
            (money::to_f64(sd.annual_cost), sd.cost_cv, 0.0)
        }
        _ => {
            let md = scenario.rules.major_disease.as_ref().unwrap();
            (money::to_f64(md.limited_cost), 0.0, 0.0)
        }
    };
    let mut hits = [0usize; 4];
    let mut paid = 0.0;
    for _ in 0..n {
        let income = (mu + sigma * draws.normal()).exp();
        let claims = if line.kind == PatientKind::Outpatient {
            draws.visits_of_a_user(lambda)
        } else {
            1
        };
        let oop: f64 = (0..claims)
            .map(|_| {
                let bill = if cv > 0.0 {
                    draws.lognormal(mean_cost, cv)
                } else {
                    mean_cost
                };
                pays(&rules, line.kind, bill)
            })
            .sum();
        paid += oop;
        let household = size * income;
        let flags = [
            oop > 0.10 * household,
            oop > 0.25 * household,
            oop > 0.0 && (income <= subsistence || oop > 0.40 * size * (income - subsistence)),
            income >= poverty && income - oop / size < poverty,
        ];
        for (hit, flag) in hits.iter_mut().zip(flags) {
            *hit += usize::from(flag);
        }
    }
    (hits.map(|h| h as f64 / n as f64), paid / n as f64)
}

/// A million patient-years of every line of the 2013 plan (its proposal), each share within
/// four standard errors of the Monte Carlo plus the stated accuracy, and the mean payment within
/// four standard errors (sd of the payment from the same draws, bounded by the bill's).
fn check_monte_carlo(kinds: &[PatientKind], seed: u64) {
    let scenario = plan_file();
    let (plan, _) = ncms_sim::check_plan(&scenario, &scenario.proposal).unwrap();
    let figures: Protection = protection(&scenario, "baseline", "proposal").unwrap();
    let proposal = &figures.plans[1];
    let n = 1_000_000;
    let mut draws = Draws::new(seed);
    let mut checked = 0;
    for line in proposal.lines.iter().filter(|l| kinds.contains(&l.kind)) {
        let (simulated, mean_paid) = simulate_line(&plan, line, n, &mut draws);
        let accuracy = if line.kind == PatientKind::Outpatient {
            VISITS_ACCURACY
        } else {
            ONE_CLAIM_ACCURACY
        };
        for (k, measure) in Measure::ALL.iter().enumerate() {
            let p = line.shares.get(*measure);
            let standard_error = (p * (1.0 - p) / n as f64).sqrt();
            let tolerance = 4.0 * standard_error + accuracy + 1.0 / n as f64;
            assert!(
                (simulated[k] - p).abs() <= tolerance,
                "{:?} {:?} {measure:?}: integrated {p}, simulated {} (tolerance {tolerance})",
                line.level,
                line.kind,
                simulated[k]
            );
        }
        let mean_oop = money::to_f64(line.mean_oop);
        let bill_sd = money::to_f64(line.mean_bill) * 3.0;
        assert!(
            (mean_paid - mean_oop).abs() <= 4.0 * bill_sd / (n as f64).sqrt() + 0.01,
            "{:?} {:?}: mean paid {mean_paid}, integrated {mean_oop}",
            line.level,
            line.kind
        );
        checked += 1;
    }
    assert!(checked > 0);
}

#[test]
fn a_million_admissions_a_line_agree_with_the_integration() {
    check_monte_carlo(&[PatientKind::Inpatient], 2013);
}

#[test]
fn a_million_outpatient_users_a_line_agree_with_the_integration() {
    check_monte_carlo(&[PatientKind::Outpatient], 2014);
}

#[test]
fn a_million_special_and_major_disease_patients_agree_with_the_integration() {
    check_monte_carlo(
        &[PatientKind::SpecialDisease, PatientKind::MajorDisease],
        2015,
    );
}

/// One county inpatient line, every bill 10 000 yuan (cv 0), scope 75 %, deductible 500, ratio
/// 50 %: the patient pays 2 500 outside the scope + 500 + half of 7 000 = 6 500 yuan, the scheme
/// 3 500 (below the 60 000 ceiling). Households of four, all with the same income per head.
fn hand_worked(income_per_head: &str, cost_cv: f64) -> PlanFigures {
    let mut s = small();
    s.lines.retain(|l| l.level == ncms_sim::Level::County);
    let line = s.lines[0].inpatient.as_mut().unwrap();
    line.mean_cost = yuan("10000");
    line.cost_cv = cost_cv;
    line.scope_share = 0.75;
    line.deductible = yuan("500");
    line.reimbursement_ratio = 0.5;
    s.rules.special_disease = None;
    s.rules.major_disease = None;
    s.households = Households {
        income_per_head: yuan(income_per_head),
        income_gini: 0.0,
        household_size: 4.0,
        poverty_line: yuan("2300"),
        subsistence: yuan("2000"),
    };
    let s = checked(s);
    figures(&Patients::of(&s), &s)
}

#[test]
fn a_hand_worked_bill_is_catastrophic_exactly_above_each_threshold() {
    // 6 500 > 10 % of 4 I when I < 16 250; > 25 % of 4 I when I < 6 500; > 40 % of capacity
    // 4 (I − 2 000) when I < 6 062.50 (and always when I ≤ 2 000); impoverishing when
    // 2 300 ≤ I and I − 6 500 / 4 < 2 300, that is I < 3 925.
    let cases: &[(&str, [f64; 4])] = &[
        ("16249.99", [1.0, 0.0, 0.0, 0.0]),
        ("16250", [0.0, 0.0, 0.0, 0.0]),
        ("16250.01", [0.0, 0.0, 0.0, 0.0]),
        ("6499.99", [1.0, 1.0, 0.0, 0.0]),
        ("6500", [1.0, 0.0, 0.0, 0.0]),
        ("6062.49", [1.0, 1.0, 1.0, 0.0]),
        ("6062.50", [1.0, 1.0, 0.0, 0.0]),
        ("6062.51", [1.0, 1.0, 0.0, 0.0]),
        ("3924.99", [1.0, 1.0, 1.0, 1.0]),
        ("3925", [1.0, 1.0, 1.0, 0.0]),
        ("2300", [1.0, 1.0, 1.0, 1.0]),
        ("2299.99", [1.0, 1.0, 1.0, 0.0]),
        ("2000", [1.0, 1.0, 1.0, 0.0]),
        ("1500", [1.0, 1.0, 1.0, 0.0]),
    ];
    for (income, expected) in cases {
        let f = hand_worked(income, 0.0);
        let line = &f.lines[0];
        assert_eq!(shares_of(line), *expected, "income per head {income}");
        assert_eq!(line.mean_oop, yuan("6500"));
        assert_eq!(line.mean_bill, yuan("10000"));
        assert_eq!(f.overall.mean_oop_per_admission, yuan("6500"));
        assert_eq!(Measure::ALL.map(|m| f.overall.shares.get(m)), *expected);
    }
}

#[test]
fn a_hand_worked_lognormal_bill_is_its_tail_above_each_threshold() {
    // Bills lognormal with mean 10 000 and cv 1: σ² = ln 2, μ = ln 10 000 − σ²/2. Above the
    // deductible's bill (666.67) the patient pays t = 0.625 X + 250, so pays more than t when
    // X > (t − 250) / 0.625; the share is P(X > that bill) = 1 − Φ((ln x − μ)/σ).
    let s2 = std::f64::consts::LN_2;
    let (sigma, mu) = (s2.sqrt(), 10_000f64.ln() - s2 / 2.0);
    let tail = |bill: f64| 1.0 - standard_normal_cdf((bill.ln() - mu) / sigma);
    let f = hand_worked("16250", 1.0);
    // 10 %: t = 6 500, X > 10 000; 25 %: t = 16 250, X > 25 600; 40 % of capacity
    // 1.6 × 14 250 = 22 800, X > 36 080; impoverishing: t = 4 × 13 950 = 55 800, X > 88 880.
    let expected = [
        tail(10_000.0),
        tail(25_600.0),
        tail(36_080.0),
        tail(88_880.0),
    ];
    let ours = shares_of(&f.lines[0]);
    for k in 0..4 {
        assert!(
            (ours[k] - expected[k]).abs() < 1e-14,
            "{k}: {ours:?} {expected:?}"
        );
    }
    // The first is 1 − Φ(σ/2), a third of the patients.
    assert!((ours[0] - 0.338_603).abs() < 1e-6, "{}", ours[0]);
}

/// Ratio 100 %, no deductible, no cap, no ceiling and scope 100 % everywhere.
fn full_cover(mut s: Scenario) -> Scenario {
    for line in &mut s.lines {
        if let Some(o) = &mut line.outpatient {
            o.reimbursement_ratio = 1.0;
            o.deductible = money::ZERO;
            o.visit_cap = None;
            o.scope_share = 1.0;
        }
        if let Some(i) = &mut line.inpatient {
            i.reimbursement_ratio = 1.0;
            i.deductible = money::ZERO;
            i.admission_cap = None;
            i.scope_share = 1.0;
        }
    }
    s.rules.annual_ceiling = None;
    if let Some(sd) = &mut s.rules.special_disease {
        sd.reimbursement_ratio = 1.0;
        sd.deductible = money::ZERO;
        sd.scope_share = 1.0;
    }
    if let Some(md) = &mut s.rules.major_disease {
        md.reimbursement_ratio = 1.0;
    }
    s.proposal.clear();
    s.plans.clear();
    s
}

#[test]
fn full_cover_leaves_every_share_at_zero() {
    for (id, json) in scenarios::BUNDLED {
        let s = checked(full_cover(read_scenario(json).unwrap()));
        let f = protection(&s, "baseline", "proposal").unwrap();
        let baseline = &f.plans[0];
        for line in &baseline.lines {
            assert_eq!(shares_of(line), [0.0; 4], "{id}: {line:?}");
            assert_eq!(line.mean_oop, money::ZERO, "{id}: {line:?}");
        }
        for kind in &baseline.kinds {
            assert_eq!(Measure::ALL.map(|m| kind.shares.get(m)), [0.0; 4], "{id}");
        }
        assert_eq!(
            Measure::ALL.map(|m| baseline.overall.shares.get(m)),
            [0.0; 4]
        );
        assert_eq!(baseline.overall.mean_oop_per_admission, money::ZERO);
    }
}

/// Every share of every line, kind and overall, in one list.
fn every_share(f: &PlanFigures) -> Vec<f64> {
    let mut all: Vec<f64> = f.lines.iter().flat_map(shares_of).collect();
    all.extend(
        f.kinds
            .iter()
            .flat_map(|k| Measure::ALL.map(|m| k.shares.get(m))),
    );
    all.extend(Measure::ALL.map(|m| f.overall.shares.get(m)));
    all
}

/// A random but valid fixture: its rules and its households.
fn any_scenario() -> impl Strategy<Value = Scenario> {
    (
        (0.0f64..1.0, 0.0f64..1.0, 0.0f64..1.0, 0.0f64..1.0),
        (0u32..2_000, 0u32..3_000, 0u32..40),
        (
            5_000u32..200_000,
            proptest::option::of(5u32..200),
            0.0f64..3.0,
        ),
        (
            2_000u32..30_000,
            0.0f64..0.6,
            1.0f64..7.0,
            0u32..5_000,
            0u32..5_000,
        ),
    )
        .prop_map(
            |((r0, r1, r2, r3), (d1, d2, d0), (ceiling, visit_cap, cv), households)| {
                let mut s = small();
                let (mean, gini, size, poverty, subsistence) = households;
                let township = &mut s.lines[0];
                let o = township.outpatient.as_mut().unwrap();
                o.reimbursement_ratio = r0;
                o.deductible = Decimal::from(d0);
                o.visit_cap = visit_cap.map(Decimal::from);
                let i = township.inpatient.as_mut().unwrap();
                i.reimbursement_ratio = r1;
                i.deductible = Decimal::from(d1);
                i.cost_cv = cv;
                let county = s.lines[1].inpatient.as_mut().unwrap();
                county.reimbursement_ratio = r2;
                county.deductible = Decimal::from(d2);
                s.rules.annual_ceiling = Some(Ceiling::Fixed(Decimal::from(ceiling)));
                s.rules
                    .special_disease
                    .as_mut()
                    .unwrap()
                    .reimbursement_ratio = r3;
                s.households = Households {
                    income_per_head: Decimal::from(mean),
                    income_gini: gini,
                    household_size: (size * 10.0).round() / 10.0,
                    poverty_line: Decimal::from(poverty),
                    subsistence: Decimal::from(subsistence),
                };
                s
            },
        )
        .prop_filter("valid", |s| check(s.clone()).is_ok())
}

/// The plan `changed` can only help: none of its shares is above the baseline's (beyond the
/// integration's rounding).
fn never_raises(base: &Scenario, changed: Scenario) -> Result<(), TestCaseError> {
    let base = checked(base.clone());
    let changed = checked(changed);
    let patients = Patients::of(&base);
    let before = every_share(&figures(&patients, &base));
    let after = every_share(&figures(&patients, &changed));
    for (i, (b, a)) in before.iter().zip(&after).enumerate() {
        prop_assert!(*a <= b + 1e-12, "share {i}: {b} → {a}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn a_higher_ratio_never_raises_a_share(s in any_scenario(), which in 0usize..4, bump in 0.0f64..0.5) {
        let mut raised = s.clone();
        let ratio = match which {
            0 => &mut raised.lines[0].outpatient.as_mut().unwrap().reimbursement_ratio,
            1 => &mut raised.lines[0].inpatient.as_mut().unwrap().reimbursement_ratio,
            2 => &mut raised.lines[1].inpatient.as_mut().unwrap().reimbursement_ratio,
            _ => &mut raised.rules.special_disease.as_mut().unwrap().reimbursement_ratio,
        };
        *ratio = (*ratio + bump).min(1.0);
        never_raises(&s, raised)?;
    }

    #[test]
    fn a_lower_deductible_never_raises_a_share(s in any_scenario(), which in 0usize..3, cut in 0.0f64..1.0) {
        let mut lowered = s.clone();
        let deductible = match which {
            0 => &mut lowered.lines[0].outpatient.as_mut().unwrap().deductible,
            1 => &mut lowered.lines[0].inpatient.as_mut().unwrap().deductible,
            _ => &mut lowered.lines[1].inpatient.as_mut().unwrap().deductible,
        };
        *deductible = money::fen(*deductible * Decimal::from_f64_retain(cut).unwrap());
        never_raises(&s, lowered)?;
    }

    #[test]
    fn a_higher_ceiling_never_raises_a_share(s in any_scenario(), more in 0u32..200_000, none in any::<bool>()) {
        let mut higher = s.clone();
        higher.rules.annual_ceiling = if none {
            None
        } else {
            match &s.rules.annual_ceiling {
                Some(Ceiling::Fixed(c)) => Some(Ceiling::Fixed(*c + Decimal::from(more))),
                other => other.clone(),
            }
        };
        never_raises(&s, higher)?;
    }
}

/// The shares move smoothly with a lever: over 0.001 steps of the county inpatient ratio the
/// second differences stay far below the first (no steps, no kinks from the integration).
#[test]
fn the_shares_are_smooth_in_a_lever() {
    let base = plan_file();
    let patients = Patients::of(&base);
    let mut series: Vec<[f64; 4]> = Vec::new();
    for step in 0..=20 {
        let mut s = base.clone().into_scenario();
        s.proposal.clear();
        s.plans.clear();
        s.lines[2].inpatient.as_mut().unwrap().reimbursement_ratio = 0.80 + 0.001 * step as f64;
        let s = checked(s);
        series.push(shares_of(&figures(&patients, &s).lines[4]));
    }
    for k in 0..4 {
        for w in series.windows(3) {
            let first = w[1][k] - w[0][k];
            let second = w[2][k] - 2.0 * w[1][k] + w[0][k];
            assert!(first < 0.0, "{k}: the share falls with the ratio");
            assert!(second.abs() < 0.02 * first.abs(), "{k}: {series:?}");
        }
    }
}

#[test]
fn the_baselines_mean_payment_per_admission_is_the_reports() {
    for (id, json) in scenarios::BUNDLED {
        let s = parse_scenario(json).unwrap();
        let report = simulate(&s);
        let f = protection(&s, "baseline", "proposal").unwrap();
        let indicator = report
            .first_year()
            .indicators
            .mean_out_of_pocket_per_admission;
        let ours = money::to_f64(f.plans[0].overall.mean_oop_per_admission);
        assert!(
            (ours - indicator).abs() <= 0.011,
            "{id}: {ours} {indicator}"
        );
        // Line by line, the mean payment is the line's mean cost less its mean benefit.
        let lines = &report.first_year().spending.lines;
        let admissions: Vec<_> = f.plans[0]
            .lines
            .iter()
            .filter(|l| l.kind == PatientKind::Inpatient)
            .collect();
        let reported: Vec<_> = lines
            .iter()
            .filter(|l| l.kind == ncms_sim::report::CareKind::Inpatient)
            .collect();
        assert_eq!(admissions.len(), reported.len(), "{id}");
        for (ours, theirs) in admissions.iter().zip(reported) {
            assert_eq!(
                ours.mean_oop,
                money::fen_from_f64(theirs.mean_cost - theirs.mean_benefit)
            );
            assert_eq!(
                ours.patients, theirs.volume,
                "{id}: the baseline's admissions"
            );
        }
    }
}

#[test]
fn the_cost_per_point_is_the_extra_spending_over_the_points_avoided() {
    let scenario = plan_file();
    let f = protection(&scenario, "baseline", "proposal").unwrap();
    assert_eq!(f.plans.len(), 2);
    assert_eq!(f.plans[0].name, "baseline");
    assert!(f.plans[0].change.is_none());
    let change = f.plans[1].change.as_ref().unwrap();
    let comparison = ncms_sim::compare(&scenario, &scenario.proposal, None).unwrap();
    let extra = comparison.differences[0].spending;
    assert_eq!(change.extra_spending, extra);
    assert_eq!(
        change.closing_balance,
        comparison.differences.last().unwrap().closing_balance
    );
    for measure in Measure::ALL {
        let avoided =
            f.plans[0].overall.shares.get(measure) - f.plans[1].overall.shares.get(measure);
        assert!((change.shares.get(measure) + avoided).abs() < 1e-15);
        assert!(avoided > 0.0, "{measure:?}: the 2013 plan avoids some");
        let expected = money::fen_from_f64(money::to_f64(extra) / (100.0 * avoided));
        assert_eq!(
            change.cost_per_point.get(measure),
            Some(expected),
            "{measure:?}"
        );
    }
    // A plan that only raises funding spends nothing more and avoids nothing: no cost per point.
    let mut s = scenario.into_scenario();
    s.proposal = [("financing.individual".to_string(), Some(150.0))].into();
    let f = protection(&checked(s), "baseline", "proposal").unwrap();
    let change = f.plans[1].change.as_ref().unwrap();
    assert_eq!(change.extra_spending, money::ZERO);
    assert_eq!(change.cost_per_point.catastrophic_10, None);
    assert_eq!(change.shares.get(Measure::Catastrophic10), 0.0);
}

#[test]
fn every_named_plan_follows_the_baseline() {
    let mut s = plan_file().into_scenario();
    let proposal = s.proposal.clone();
    s.plans = vec![
        ncms_sim::scenario::NamedPlan {
            name: "方案一".into(),
            edits: proposal,
        },
        ncms_sim::scenario::NamedPlan {
            name: "方案二".into(),
            edits: [(
                "lines[3].inpatient.reimbursement_ratio".to_string(),
                Some(0.9),
            )]
            .into(),
        },
    ];
    let f = protection(&checked(s), "基线", "方案").unwrap();
    let names: Vec<_> = f.plans.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["基线", "方案一", "方案二"]);
    // The second plan raises the higher-level ratio only: that line's shares fall, no other moves.
    let second = &f.plans[2];
    for (i, line) in second.lines.iter().enumerate() {
        let change = line.change.as_ref().unwrap();
        let moved = Measure::ALL.map(|m| change.shares.get(m));
        if i == 5 {
            assert!(moved.iter().all(|d| *d < 0.0), "{moved:?}");
        } else {
            assert_eq!(moved, [0.0; 4], "line {i}");
        }
    }
}

#[test]
fn the_income_distribution_is_fitted_from_the_gini() {
    let f = protection(&checked(small()), "baseline", "proposal").unwrap();
    let income = &f.assumptions.income;
    assert_eq!(income.mean_per_head, yuan("7917"));
    assert_eq!(income.gini, 0.375);
    assert!((income.sigma - sigma_of_gini(0.375)).abs() < 1e-12);
    assert!((lognormal_sigma_of_gini(0.375) - income.sigma).abs() == 0.0);
    // The fifths of people of the fitted lognormal average the mean.
    let mean: Decimal = income.quintile_means.iter().sum::<Decimal>() / Decimal::from(5);
    assert!((money::to_f64(mean) - 7917.0).abs() < 0.01, "{mean}");
    assert_eq!(income.quintile_means[0], yuan("2480.23"));
    assert_eq!(income.quintile_means[4], yuan("17426.49"));
    assert_eq!(f.assumptions.household_size, 3.9);
    assert_eq!(f.assumptions.poverty_line, yuan("2300"));
    assert_eq!(f.assumptions.subsistence, yuan("2322"));
}

#[test]
fn the_households_section_is_absent_unless_it_differs_from_the_defaults() {
    let s = small();
    assert_eq!(s.households, Households::default());
    let json = serde_json::to_value(&s).unwrap();
    assert!(json.get("households").is_none(), "absent when default");
    // A field written takes its value, the others their defaults; the section is then written.
    let mut value = small_json();
    value["households"] = serde_json::json!({ "household_size": 4.5 });
    let read = read_scenario(&value.to_string()).unwrap();
    assert_eq!(read.households.household_size, 4.5);
    assert_eq!(read.households.poverty_line, yuan("2300"));
    let back = serde_json::to_value(&read).unwrap();
    assert_eq!(back["households"]["household_size"], 4.5);
    assert_eq!(read_scenario(&back.to_string()).unwrap(), read);
}

#[test]
fn households_are_validated_and_are_assumptions_not_levers() {
    let mut value = small_json();
    value["households"] =
        serde_json::json!({ "income_gini": 0.9, "household_size": 0.5, "incomes": 1 });
    let problems = ncms_sim::read_checked(&value.to_string()).unwrap_err();
    let paths: Vec<_> = problems.iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"households.incomes"), "{paths:?}");
    value["households"] = serde_json::json!({ "income_gini": 0.9, "household_size": 0.5 });
    let problems = ncms_sim::read_checked(&value.to_string()).unwrap_err();
    let mut paths: Vec<_> = problems.iter().map(|p| p.path.as_str()).collect();
    paths.sort();
    assert_eq!(
        paths,
        ["households.household_size", "households.income_gini"]
    );
    let gini = problems
        .iter()
        .find(|p| p.path == "households.income_gini")
        .unwrap();
    assert!(
        gini.describe(ncms_sim::Lang::Zh).contains("基尼系数"),
        "{gini:?}"
    );
    // A plan may not move them; the scenario's assumptions may, for the baseline and every plan.
    let plan: ncms_sim::Edits = [("households.income_per_head".to_string(), Some(15_000.0))].into();
    let base = checked(small());
    assert!(ncms_sim::check_plan(&base, &plan).is_err());
    let mut assumed = small_json();
    assumed["assumptions"] = serde_json::json!({ "households.income_per_head": 15000 });
    let s = parse_scenario(&assumed.to_string()).unwrap();
    assert_eq!(s.households.income_per_head, yuan("15000"));
    let richer = protection(&s, "b", "p").unwrap();
    let poorer = protection(&base, "b", "p").unwrap();
    let share = |f: &Protection| f.plans[0].overall.shares.get(Measure::Catastrophic10);
    assert!(share(&richer) < share(&poorer));
}

/// The tornado's and goal seek's shortcut: with one lever or assumption moved, `figures_like`
/// (and `Patients::of_like`) reuse the twin's lines where nothing of theirs moved, and give
/// exactly what `figures(Patients::of(…))` gives, every line, kind and share, to the bit.
#[test]
fn figures_like_a_twin_are_the_figures_to_the_bit_for_every_parameter_moved() {
    use ncms_sim::params::{self, Role};
    use ncms_sim::protection::figures_like;
    use ncms_sim::validate::{apply_assumptions, check_plan};
    let s = plan_file();
    let (planned, _) = check_plan(&s, &s.proposal).unwrap();
    let patients = Patients::of(&s);
    let priced = figures(&patients, &planned);
    let mut moved = 0;
    for place in params::places(&s) {
        let Some(value) = place
            .param
            .read(&planned, place.line)
            .and_then(|v| v.number())
        else {
            continue;
        };
        if place.param.role == Role::Observed || value == 0.0 {
            continue;
        }
        let to = if place.param.range.contains(value * 1.1) {
            value * 1.1
        } else {
            value * 0.9
        };
        let edit: ncms_sim::Edits = [(place.path(), Some(to))].into();
        let (baseline, plan) = if place.param.is_lever() {
            let mut plan = s.proposal.clone();
            plan.extend(edit);
            (s.clone(), plan)
        } else {
            match apply_assumptions(&s, &edit) {
                Ok(baseline) => (baseline, s.proposal.clone()),
                Err(_) => continue,
            }
        };
        let Ok((proposal, _)) = check_plan(&baseline, &plan) else {
            continue;
        };
        let fresh = Patients::of(&baseline);
        let like = Patients::of_like(&baseline, &patients);
        let expected = figures(&fresh, &proposal);
        assert_eq!(figures(&like, &proposal), expected, "{}", place.path());
        assert_eq!(
            figures_like(&like, &proposal, &patients, &planned, &priced),
            expected,
            "{}",
            place.path()
        );
        moved += 1;
    }
    assert!(moved > 60, "{moved}");
}
