//! Goal seek, checked from the outside: every answer's edits, put back through `compare` (the
//! path the app and the CLI use), meet the target within its tolerance, and one grid step
//! beyond the answer does not (the answer is the edge, not merely a value that works); targets
//! that cannot be met are reported with the best value, not looped over; the one-click
//! questions give the values worked out for the bundled plan; properties over random funds.

mod common;
use common::{checked, small};
use ncms_sim::indicator::{Indicator, When};
use ncms_sim::solve::{
    break_even_funding, edits_at, funding_for_surplus_band, highest_inpatient_ratios,
    highest_outpatient_ratios, inpatient_ratios_for_policy_target, solve, Answer, Goal, Horizon,
    Lever, Side, SolveError, Status, Target,
};
use ncms_sim::{compare, parse_scenario, CheckedScenario, Edits, Scenario};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn plan_2013() -> CheckedScenario {
    parse_scenario(ncms_sim::scenarios::bundled("taizhou-2013-plan").unwrap()).unwrap()
}

/// The target's indicator with `edits` as the plan, through `compare`: in its year, or the worst
/// year of the horizon.
fn reached(scenario: &CheckedScenario, target: &Target, edits: &Edits) -> f64 {
    let comparison = compare(scenario, edits, None).unwrap();
    let values = comparison
        .proposal
        .years
        .iter()
        .filter(|y| target.when == When::EveryYear || target.when == When::Year(y.year))
        .map(|y| target.indicator.indicator().unwrap().of(y).value());
    match target.goal {
        Goal::AtMost => values.fold(f64::NEG_INFINITY, f64::max),
        _ => values.fold(f64::INFINITY, f64::min),
    }
}

fn meets(target: &Target, value: f64) -> bool {
    match target.goal {
        Goal::AtLeast => value >= target.value,
        Goal::AtMost => value <= target.value,
        Goal::Equal => true,
    }
}

/// One step of the lever's grid: a fen of money, a millionth of a share.
fn step(answer: &Answer) -> f64 {
    match answer.unit {
        ncms_sim::figure::Unit::Yuan => 0.01,
        ncms_sim::figure::Unit::Share => 1e-6,
        _ => 1e-4,
    }
}

/// The laws of an answer: what it reports is what `compare` gives; a solved answer meets the
/// target, and the next grid value beyond it does not.
fn assert_answer_holds(scenario: &CheckedScenario, plan: &Edits, lever: Lever, answer: &Answer) {
    let target = answer.target;
    let value = reached(scenario, &target, &answer.edits);
    assert_eq!(value, answer.achieved, "achieved is what compare gives");
    assert_eq!(
        edits_at(scenario, plan, lever, answer.value).unwrap(),
        answer.edits
    );
    match answer.status {
        Status::Solved => {
            assert!(meets(&target, value), "{answer:#?}");
            let beyond = match answer.holds {
                Side::AtOrAbove => answer.value - step(answer),
                Side::AtOrBelow => answer.value + step(answer),
                _ => return,
            };
            if beyond < answer.range.0 || beyond > answer.range.1 {
                return;
            }
            let edits = edits_at(scenario, plan, lever, beyond).unwrap();
            if compare(scenario, &edits, None).is_ok() {
                let next = reached(scenario, &target, &edits);
                assert!(
                    !meets(&target, next),
                    "one step beyond {} ({beyond}) still meets the target: {next}",
                    answer.value
                );
            }
        }
        Status::HoldsOverWholeRange => {
            for end in [answer.range.0, answer.range.1] {
                let edits = edits_at(scenario, plan, lever, end).unwrap();
                assert!(meets(&target, reached(scenario, &target, &edits)));
            }
        }
        Status::Unreachable => {
            for end in [answer.range.0, answer.range.1] {
                let edits = edits_at(scenario, plan, lever, end).unwrap();
                if compare(scenario, &edits, None).is_ok() && target.goal != Goal::Equal {
                    assert!(!meets(&target, reached(scenario, &target, &edits)));
                }
            }
        }
    }
}

#[test]
fn break_even_funding_for_2013_is_438_11_a_head_and_one_fen_less_is_a_deficit() {
    let s = plan_2013();
    let answer = break_even_funding(&s, &s.proposal, Horizon::NextYear).unwrap();
    assert_eq!(answer.status, Status::Solved);
    assert_eq!(answer.value, 438.11);
    assert_eq!(answer.current, Some(420.0));
    assert_eq!(answer.holds, Side::AtOrAbove);
    assert!(answer.monotone);
    // 130 + 290 = 420 today: each payer keeps its share, to the fen, adding up to 438.11.
    assert_eq!(answer.edits["financing.individual"], Some(135.61));
    assert_eq!(answer.edits["financing.government.county"], Some(302.5));
    assert!(answer.achieved >= 0.0 && answer.achieved <= answer.tolerance);
    assert_eq!(
        answer.words.zh,
        "需人均筹资 438.11 元（或以上）才能实现2013年当年收支平衡（现为 420.00 元）。"
    );
    assert_eq!(
        answer.words.en,
        "It takes funding per enrollee of 438.11 yuan or more to break even in 2013 (now 420.00 yuan)."
    );
    assert_answer_holds(&s, &s.proposal, Lever::FundingPerHead, &answer);

    let whole = break_even_funding(&s, &s.proposal, Horizon::WholeHorizon).unwrap();
    assert_eq!(whole.value, 502.01);
    assert_answer_holds(&s, &s.proposal, Lever::FundingPerHead, &whole);
}

#[test]
fn the_one_click_questions_answer_the_bundled_plan() {
    let s = plan_2013();
    let outpatient = highest_outpatient_ratios(&s, &s.proposal).unwrap();
    assert_eq!(outpatient.status, Status::Solved);
    assert_eq!(outpatient.holds, Side::AtOrBelow);
    assert!(
        (outpatient.value - 0.4897).abs() < 1e-3,
        "{}",
        outpatient.value
    );
    assert!(outpatient.achieved <= 0.25 && 0.25 - outpatient.achieved <= 1e-4);
    assert_answer_holds(&s, &s.proposal, Lever::OutpatientRatios, &outpatient);

    // The plan runs a deficit: the inpatient ratios must come down to break even.
    let inpatient = highest_inpatient_ratios(&s, &s.proposal, Horizon::NextYear).unwrap();
    assert_eq!(inpatient.holds, Side::AtOrBelow);
    assert!(
        inpatient.value < -0.03 && inpatient.value > -0.033,
        "{}",
        inpatient.value
    );
    assert_answer_holds(&s, &s.proposal, Lever::InpatientRatios, &inpatient);

    // The plan already beats 75 %: the ratios could fall 0.96 point and still reach it, for
    // 24.5 million yuan less.
    let policy = inpatient_ratios_for_policy_target(&s, &s.proposal).unwrap();
    assert_eq!(policy.value, -0.00958);
    assert!(policy.spending_change < Decimal::from(-24_000_000));
    assert!(policy.words.zh.contains("当年基金支出减少"));
    assert_answer_holds(&s, &s.proposal, Lever::InpatientRatios, &policy);

    let band = funding_for_surplus_band(&s, &s.proposal).unwrap();
    // The floor of the surplus rate is the break-even funding, to the fen.
    assert_eq!(band.floor.value, 438.11);
    assert!(band.ceiling.value > 519.0 && band.ceiling.value < 521.0);
    assert!(band.ceiling.achieved <= 0.15);
    assert!(band.words.zh.starts_with("人均筹资在 438.11 元 至"));
    assert_answer_holds(&s, &s.proposal, Lever::FundingPerHead, &band.ceiling);
}

#[test]
fn a_target_out_of_reach_is_reported_with_the_best_value_not_looped_over() {
    let s = plan_2013();
    let lever = Lever::parse("lines[2].inpatient.reimbursement_ratio", &s).unwrap();
    let target = Target::parse("surplus_rate>=50%", When::Year(2013)).unwrap();
    let answer = solve(&s, &s.proposal, lever, target).unwrap();
    assert_eq!(answer.status, Status::Unreachable);
    assert_eq!(answer.value, 0.0, "the lowest ratio comes closest");
    assert!(answer.achieved < 0.5 && answer.achieved > 0.3);
    assert!(answer.iterations < 40, "{} projections", answer.iterations);
    assert!(answer
        .words
        .en
        .starts_with("No value of County hospital inpatient"));
    assert_answer_holds(&s, &s.proposal, lever, &answer);
}

#[test]
fn a_target_met_everywhere_answers_with_the_end_of_the_range_nearest_the_edge() {
    let s = plan_2013();
    let target = Target::parse("outpatient_share<=0.9", When::Year(2013)).unwrap();
    let answer = solve(&s, &s.proposal, Lever::OutpatientRatios, target).unwrap();
    assert_eq!(answer.status, Status::HoldsOverWholeRange);
    assert_eq!(answer.value, answer.range.1, "the highest ratios");
    assert_answer_holds(&s, &s.proposal, Lever::OutpatientRatios, &answer);
}

#[test]
fn an_equality_is_met_within_its_tolerance_and_a_balance_over_the_horizon() {
    let s = plan_2013();
    let lever = Lever::parse("lines[2].inpatient.reimbursement_ratio", &s).unwrap();
    let target = Target::parse("surplus=0", When::Year(2014)).unwrap();
    let answer = solve(&s, &s.proposal, lever, target).unwrap();
    assert_eq!(answer.status, Status::Solved);
    assert!(
        answer.achieved.abs() <= answer.tolerance,
        "{}",
        answer.achieved
    );
    assert!((answer.value - 0.7387).abs() < 1e-3);
    assert_answer_holds(&s, &s.proposal, lever, &answer);

    let never_negative = Target::parse("closing_balance>=0", When::EveryYear).unwrap();
    let answer = solve(&s, &s.proposal, Lever::FundingPerHead, never_negative).unwrap();
    assert_eq!(answer.status, Status::Solved);
    assert!(
        answer.words.zh.contains("累计结余不为负"),
        "{}",
        answer.words.zh
    );
    assert_answer_holds(&s, &s.proposal, Lever::FundingPerHead, &answer);
}

#[test]
fn without_a_proposal_the_baseline_is_solved_on() {
    let s = parse_scenario(ncms_sim::scenarios::bundled("taizhou-2012").unwrap()).unwrap();
    assert!(s.proposal.is_empty());
    let answer = break_even_funding(&s, &s.proposal, Horizon::NextYear).unwrap();
    assert_eq!(answer.current, Some(403.0));
    assert_answer_holds(&s, &s.proposal, Lever::FundingPerHead, &answer);
}

#[test]
fn questions_that_cannot_be_asked_say_why() {
    let s = plan_2013();
    assert_eq!(
        Lever::parse("projection.cost_growth", &s),
        Err(SolveError::NotALever("projection.cost_growth".into()))
    );
    assert!(matches!(
        Lever::parse("lines[9].inpatient.reimbursement_ratio", &s),
        Err(SolveError::UnknownLever(_))
    ));
    assert!(matches!(
        Target::parse("surplus_ratio>=0", When::Year(2013)),
        Err(SolveError::UnknownIndicator(_))
    ));
    assert!(matches!(
        Target::parse("surplus>0", When::Year(2013)),
        Err(SolveError::BadTarget(_))
    ));
    let target = Target::parse("outpatient_share<=25%", When::Year(2013)).unwrap();
    assert_eq!(
        (target.indicator, target.goal, target.value),
        (Indicator::OutpatientShare.into(), Goal::AtMost, 0.25)
    );
    let late = Target::parse("surplus>=0", When::Year(2030)).unwrap();
    assert_eq!(
        solve(&s, &s.proposal, Lever::FundingPerHead, late).unwrap_err(),
        SolveError::YearOutside(2030)
    );
    let every = Target::parse("surplus=0", When::EveryYear).unwrap();
    assert_eq!(
        solve(&s, &s.proposal, Lever::FundingPerHead, every).unwrap_err(),
        SolveError::EqualEveryYear
    );
    assert!(SolveError::NotALever("x".into())
        .describe(ncms_sim::Lang::Zh)
        .contains("假设"));
}

/// A random but valid variation of the test fund, with or without a plan.
fn any_fund() -> impl Strategy<Value = (Scenario, bool)> {
    (
        10_000u64..5_000_000,
        (0.2f64..0.9, 0.3f64..0.95, 0.3f64..0.95),
        (0u32..3_000, 50u32..400, 100u32..400),
        (-0.02f64..0.1, 1u32..6),
        any::<bool>(),
    )
        .prop_map(
            |(
                enrollees,
                (r0, r1, r2),
                (deductible, individual, government),
                (growth, years),
                plan,
            )| {
                let mut s = small();
                s.population.enrollees = enrollees;
                s.financing.individual = Decimal::from(individual);
                s.financing.government.county = Decimal::from(government);
                s.lines[0].outpatient.as_mut().unwrap().reimbursement_ratio = r0;
                let township = s.lines[0].inpatient.as_mut().unwrap();
                township.reimbursement_ratio = r1;
                township.deductible = Decimal::from(deductible);
                s.lines[1].inpatient.as_mut().unwrap().reimbursement_ratio = r2;
                s.projection.cost_growth = growth;
                s.projection.years = years;
                (s, plan)
            },
        )
}

const LEVERS: [&str; 5] = [
    "funding_per_head",
    "inpatient_ratios",
    "outpatient_ratios",
    "lines[1].inpatient.reimbursement_ratio",
    "lines[0].inpatient.deductible",
];

const TARGETS: [(&str, bool); 6] = [
    ("surplus>=0", false),
    ("surplus>=0", true),
    ("surplus_rate<=0.1", false),
    ("outpatient_share<=0.2", false),
    ("closing_balance>=0", true),
    ("inpatient_policy_ratio>=0.7", false),
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_answer_meets_its_target_at_the_edge_or_says_it_cannot(
        (fund, with_plan) in any_fund(),
        lever in 0usize..5,
        target in 0usize..6,
    ) {
        let s = checked(fund);
        let plan: Edits = if with_plan {
            [("lines[1].inpatient.reimbursement_ratio".to_string(), Some(0.8))].into()
        } else {
            Edits::new()
        };
        let lever = Lever::parse(LEVERS[lever], &s).unwrap();
        let (text, every_year) = TARGETS[target];
        let when = if every_year { When::EveryYear } else { When::Year(s.year) };
        let target = Target::parse(text, when).unwrap();
        let answer = solve(&s, &plan, lever, target).unwrap();
        prop_assert!(answer.iterations < 200, "{} projections", answer.iterations);
        assert_answer_holds(&s, &plan, lever, &answer);
    }
}

/// A protection target's figure with `edits` as the plan, through the public path
/// (`protection_of_plans`, what `ncms protection` prints).
fn protection_reached(scenario: &CheckedScenario, target: &Target, edits: &Edits) -> f64 {
    use ncms_sim::measured::Measured;
    use ncms_sim::protection::{protection_of_plans, ProtectionFigure};
    let plans = [ncms_sim::scenario::NamedPlan {
        name: "plan".into(),
        edits: edits.clone(),
    }];
    let all = protection_of_plans(scenario, &ncms_sim::simulate(scenario), &plans, "b").unwrap();
    let plan = &all.plans[1];
    match target.indicator {
        Measured::Protection(ProtectionFigure::Overall(m)) => plan.overall.shares.get(m),
        Measured::Protection(ProtectionFigure::Kind(kind, m)) => plan
            .kinds
            .iter()
            .find(|k| k.kind == kind)
            .unwrap()
            .shares
            .get(m),
        Measured::Protection(ProtectionFigure::MeanOopPerAdmission) => {
            ncms_sim::money::to_f64(plan.overall.mean_oop_per_admission)
        }
        Measured::Indicator(_) | Measured::Risk(_) => unreachable!("a protection target"),
    }
}

/// The laws of an answer on a protection target: what it reports is what `ncms protection`
/// gives at its edits; a solved answer meets the target, within its tolerance of it, and one
/// grid step short of it does not.
fn assert_protection_answer_holds(s: &CheckedScenario, lever: Lever, answer: &Answer) {
    let target = answer.target;
    let value = protection_reached(s, &target, &answer.edits);
    assert_eq!(value, answer.achieved, "achieved is what protection gives");
    assert_eq!(
        protection_reached(s, &target, &s.proposal),
        answer.now,
        "now is the plan's"
    );
    assert!(answer.monotone, "{answer:#?}");
    if answer.status == Status::Solved {
        assert!(meets(&target, value));
        assert!((value - target.value).abs() <= answer.tolerance, "{value}");
        let short = match answer.holds {
            Side::AtOrAbove => answer.value - step(answer),
            _ => answer.value + step(answer),
        };
        let edits = edits_at(s, &s.proposal, lever, short).unwrap();
        assert!(!meets(&target, protection_reached(s, &target, &edits)));
    }
}

#[test]
fn the_inpatient_ratios_that_bring_inpatient_catastrophic_stays_to_15_percent() {
    let s = plan_2013();
    let target = Target::parse("inpatient_catastrophic_10<=15%", When::Year(2013)).unwrap();
    let answer = solve(&s, &s.proposal, Lever::InpatientRatios, target).unwrap();
    assert_eq!(answer.status, Status::Solved);
    assert_eq!(answer.holds, Side::AtOrAbove);
    // 6.72 points more at every level: 17.71 % of inpatient stays over 10 % of household
    // income now, 15.00 % then; 181.8 million yuan more spending in 2013.
    assert_eq!(answer.value, 0.067196);
    assert!((answer.now - 0.177_121_1).abs() < 1e-7);
    assert!(answer.achieved <= 0.15 && answer.achieved > 0.15 - 1e-6);
    assert_eq!(answer.spending_change, Decimal::new(18_184_326_484, 2));
    assert_protection_answer_holds(&s, Lever::InpatientRatios, &answer);
    assert_eq!(
        answer.words.zh,
        "需各级住院补偿比例调整 +6.72 个百分点（或以上）才能使2013年住院（每次）自付超过家庭年收入 \
         10% 的患者比例不超过 15.00%。当年基金支出增加 18,184.33 万元。"
    );
    assert_eq!(
        answer.words.en,
        "It takes every inpatient reimbursement ratio moved by +6.72 points or more to keep the \
         share of patients paying over 10 % of household income (inpatient stays) in 2013 at \
         most 15.00%. Fund spending that year rises by 181.84 million yuan."
    );
}

#[test]
fn the_county_ratio_that_brings_the_overall_catastrophic_share_to_1_1_percent() {
    let s = plan_2013();
    let lever = Lever::parse("lines[2].inpatient.reimbursement_ratio", &s).unwrap();
    let target = Target::parse("catastrophic_10<=0.011", When::Year(2013)).unwrap();
    let answer = solve(&s, &s.proposal, lever, target).unwrap();
    assert_eq!(answer.status, Status::Solved);
    assert_eq!(answer.value, 0.924882);
    assert_eq!(answer.current, Some(0.88));
    assert_protection_answer_holds(&s, lever, &answer);
}

#[test]
fn a_ceiling_cannot_bring_inpatient_catastrophic_stays_under_10_percent() {
    // The ceiling binds only on the largest bills: raised to any height it leaves the share of
    // inpatient stays over 10 % of income at 17.71 %; the answer is the plan's own ceiling,
    // the nearest value as close as any (within 0.01 point), at no cost.
    let s = plan_2013();
    for path in [
        "rules.annual_ceiling.income_multiple.floor",
        "rules.annual_ceiling.income_multiple.multiple",
    ] {
        let lever = Lever::parse(path, &s).unwrap();
        let target = Target::parse("inpatient_catastrophic_10<=10%", When::Year(2013)).unwrap();
        let answer = solve(&s, &s.proposal, lever, target).unwrap();
        assert_eq!(answer.status, Status::Unreachable, "{path}");
        assert_eq!(Some(answer.value), answer.current, "{path}");
        assert!((answer.achieved - 0.177_121).abs() < 1e-5);
        assert_protection_answer_holds(&s, lever, &answer);
    }
    // Nor can the inpatient ratios: at 100 % for the township (+8 points) 14.48 % remain.
    let target = Target::parse("inpatient_catastrophic_10<=10%", When::Year(2013)).unwrap();
    let answer = solve(&s, &s.proposal, Lever::InpatientRatios, target).unwrap();
    assert_eq!(answer.status, Status::Unreachable);
    assert_eq!(answer.value, 0.079999);
    assert!((answer.achieved - 0.144_798).abs() < 1e-5);
    assert!(answer.words.en.starts_with(
        "No value of every inpatient reimbursement ratio in its allowed range (-72.00 points – \
         +8.00 points) can keep the share of patients paying over 10 % of household income \
         (inpatient stays) in 2013 at most 10.00%; the closest is +8.00 points"
    ));
    assert_protection_answer_holds(&s, Lever::InpatientRatios, &answer);
}

#[test]
fn protection_targets_on_money_and_over_the_whole_range() {
    let s = plan_2013();
    // Mean out-of-pocket per admission: money, its tolerance 0.01 % of the target.
    let target = Target::parse("mean_oop_per_admission<=2500", When::Year(2013)).unwrap();
    let answer = solve(&s, &s.proposal, Lever::InpatientRatios, target).unwrap();
    assert_eq!(answer.status, Status::Solved);
    assert_eq!(answer.tolerance, 0.25);
    assert_protection_answer_holds(&s, Lever::InpatientRatios, &answer);
    // 1.16 % overall now: a cap of 10 % holds for any inpatient ratios; the end nearest the
    // edge is the least generous.
    let target = Target::parse("catastrophic_10<=0.10", When::Year(2013)).unwrap();
    let answer = solve(&s, &s.proposal, Lever::InpatientRatios, target).unwrap();
    assert_eq!(answer.status, Status::HoldsOverWholeRange);
    assert_eq!(answer.value, answer.range.0);
    assert_protection_answer_holds(&s, Lever::InpatientRatios, &answer);
}

#[test]
fn protection_targets_are_for_the_first_year_and_the_care_the_scenario_has() {
    let s = plan_2013();
    for when in [When::Year(2014), When::EveryYear] {
        let target = Target::parse("catastrophic_10<=0.1", when).unwrap();
        assert_eq!(
            solve(&s, &s.proposal, Lever::InpatientRatios, target).unwrap_err(),
            SolveError::FirstYearOnly(2013)
        );
    }
    // Wafangdian's fund has no special-disease care.
    let wafangdian =
        parse_scenario(ncms_sim::scenarios::bundled("wafangdian-village-fee").unwrap()).unwrap();
    assert!(wafangdian.rules.special_disease.is_none());
    let target = Target::parse(
        "special_disease_catastrophic_10<=0.1",
        When::Year(wafangdian.year),
    )
    .unwrap();
    let error = solve(
        &wafangdian,
        &wafangdian.proposal,
        Lever::InpatientRatios,
        target,
    )
    .unwrap_err();
    assert!(matches!(error, SolveError::NoSuchCare(_)), "{error:?}");
    assert_eq!(
        error.describe(ncms_sim::Lang::En),
        "the scenario has no special-disease care (a patient's year)"
    );
}

#[test]
fn the_one_click_catastrophic_question_says_the_ratios_cannot_and_gives_the_closest() {
    use ncms_sim::solve::{inpatient_ratios_for_catastrophic_target, Found, Question};
    let s = plan_2013();
    let answer = inpatient_ratios_for_catastrophic_target(&s, &s.proposal).unwrap();
    assert_eq!(answer.target.indicator.name(), "inpatient_catastrophic_10");
    assert_eq!(answer.status, Status::Unreachable);
    assert_eq!(answer.value, 0.079999);
    assert!((answer.achieved - 0.144_798).abs() < 1e-5);
    assert_eq!(
        answer.words.zh,
        "各级住院补偿比例在允许范围内（-72.00 个百分点 – +8.00 个百分点）无法使2013年住院（每次）\
         自付超过家庭年收入 10% 的患者比例不超过 10.00%；最接近的是 +8.00 个百分点，此时住院（每次）\
         自付超过家庭年收入 10% 的患者比例为 14.48%。当年基金支出增加 21,880.78 万元。"
    );
    assert_protection_answer_holds(&s, Lever::InpatientRatios, &answer);
    let Found::One(asked) = Question::InpatientCatastrophic
        .ask(&s, &s.proposal)
        .unwrap()
    else {
        panic!("one answer")
    };
    assert_eq!(*asked, answer);
    assert_eq!(
        Question::InpatientCatastrophic.id(),
        "inpatient-catastrophic"
    );
}

/// The plan's chance (`p_deficit` or `p_exhausted`, as the target reads it) with each of `plans`'
/// edits, through `risk_of_plans` (the path `ncms risk` and the app take), default draws and seed.
fn chances(s: &CheckedScenario, target: &Target, plans: &[Edits]) -> Vec<f64> {
    use ncms_sim::risk::{risk_of_plans, RiskOptions};
    use ncms_sim::scenario::file_format::NamedPlan;
    let named: Vec<NamedPlan> = plans
        .iter()
        .enumerate()
        .map(|(i, edits)| NamedPlan {
            name: format!("plan {i}"),
            edits: edits.clone(),
        })
        .collect();
    let risk = risk_of_plans(
        s,
        &ncms_sim::simulate(s),
        &named,
        "baseline",
        &RiskOptions::default(),
    )
    .unwrap();
    risk.plans[1..]
        .iter()
        .map(|plan| {
            let values = plan
                .years
                .iter()
                .filter(|y| target.when == When::EveryYear || target.when == When::Year(y.year))
                .map(|y| match target.indicator.name().as_str() {
                    "p_deficit" => y.p_deficit,
                    _ => y.p_exhausted,
                });
            match target.goal {
                Goal::AtMost => values.fold(f64::NEG_INFINITY, f64::max),
                _ => values.fold(f64::INFINITY, f64::min),
            }
        })
        .collect()
}

#[test]
fn the_funding_for_a_chance_of_a_deficit_in_2013_of_10_percent_is_480_86_a_head() {
    use ncms_sim::solve::{funding_for_deficit_chance, Found, Question};
    let s = plan_2013();
    let target = Target::parse("p_deficit<=10%", When::Year(2013)).unwrap();
    let answer = solve(&s, &s.proposal, Lever::FundingPerHead, target).unwrap();
    assert_eq!(answer.status, Status::Solved);
    assert_eq!(answer.holds, Side::AtOrAbove);
    assert_eq!(answer.value, 480.86);
    assert_eq!(answer.now, 0.747);
    assert!(answer.monotone);
    assert_eq!(answer.crossings, 1);
    assert_eq!(
        answer.words.zh,
        "需人均筹资 480.86 元（或以上）才能使2013年当年赤字概率不超过 10.00%（现为 420.00 元）。\
         按 2000 次抽样（随机种子 1）测算。"
    );
    assert_eq!(
        answer.words.en,
        "It takes funding per enrollee of 480.86 yuan or more to keep the chance of a deficit in \
         2013 at most 10.00% (now 420.00 yuan). Over 2000 draws (seed 1)."
    );
    // Re-evaluated through `risk`: the target holds at the answer, not a fen short of it.
    let short = edits_at(&s, &s.proposal, Lever::FundingPerHead, 480.85).unwrap();
    let at = chances(&s, &target, &[answer.edits.clone(), short]);
    assert_eq!(at[0], answer.achieved);
    assert!(at[0] <= 0.10, "{at:?}");
    assert!(at[1] > 0.10, "{at:?}");
    // More funding never raises the chance (common random numbers): 400 to 560 yuan a head.
    let scan: Vec<Edits> = (0..=16)
        .map(|i| {
            edits_at(
                &s,
                &s.proposal,
                Lever::FundingPerHead,
                400.0 + 10.0 * f64::from(i),
            )
        })
        .collect::<Result<_, _>>()
        .unwrap();
    let along = chances(&s, &target, &scan);
    assert!(along.windows(2).all(|w| w[1] <= w[0]), "{along:?}");
    assert!(along[0] > 0.7 && along[16] < 0.02, "{along:?}");
    // The one-click question is the same question.
    let direct = funding_for_deficit_chance(&s, &s.proposal).unwrap();
    assert_eq!(direct, answer);
    let Found::One(asked) = Question::DeficitChance.ask(&s, &s.proposal).unwrap() else {
        panic!("one answer")
    };
    assert_eq!(*asked, answer);
    assert_eq!(Question::DeficitChance.id(), "deficit-chance");
}

#[test]
fn the_highest_inpatient_ratios_with_a_chance_of_running_out_of_5_percent() {
    use ncms_sim::solve::{inpatient_ratios_for_run_out_chance, Found, Question};
    let s = plan_2013();
    let answer = inpatient_ratios_for_run_out_chance(&s, &s.proposal).unwrap();
    assert_eq!(answer.target.indicator.name(), "p_exhausted");
    assert_eq!(answer.target.when, When::EveryYear);
    assert_eq!(answer.status, Status::Solved);
    assert_eq!(answer.holds, Side::AtOrBelow);
    assert_eq!(answer.value, -0.256842);
    assert_eq!(answer.now, 0.805);
    assert!(answer.monotone);
    assert_eq!(
        answer.words.zh,
        "需各级住院补偿比例调整 -25.68 个百分点（或以下）才能使预测期内基金耗尽概率不超过 5.00%。\
         按 2000 次抽样（随机种子 1）测算。"
    );
    assert_eq!(
        answer.words.en,
        "It takes every inpatient reimbursement ratio moved by -25.68 points or less to keep the \
         chance of running out within the horizon at most 5.00%. Over 2000 draws (seed 1)."
    );
    let over = edits_at(&s, &s.proposal, Lever::InpatientRatios, -0.256841).unwrap();
    let at = chances(&s, &answer.target, &[answer.edits.clone(), over]);
    assert_eq!(at[0], answer.achieved);
    assert!(at[0] <= 0.05, "{at:?}");
    assert!(at[1] > 0.05, "{at:?}");
    // Higher ratios never lower the chance of running out.
    let scan: Vec<Edits> = (0..=8)
        .map(|i| {
            edits_at(
                &s,
                &s.proposal,
                Lever::InpatientRatios,
                -0.4 + 0.05 * f64::from(i),
            )
        })
        .collect::<Result<_, _>>()
        .unwrap();
    let along = chances(&s, &answer.target, &scan);
    assert!(along.windows(2).all(|w| w[1] >= w[0]), "{along:?}");
    let Found::One(asked) = Question::RunOutChance.ask(&s, &s.proposal).unwrap() else {
        panic!("one answer")
    };
    assert_eq!(*asked, answer);
    assert_eq!(Question::RunOutChance.id(), "run-out-chance");
    // The chance by a year is read in that year.
    let by_2015 = Target::parse("p_exhausted<=5%", When::Year(2015)).unwrap();
    let answer = solve(&s, &s.proposal, Lever::InpatientRatios, by_2015).unwrap();
    assert_eq!(answer.status, Status::Solved);
    assert!(answer.value > -0.256842, "{}", answer.value);
    assert!(answer
        .words
        .zh
        .contains("使截至2015年基金耗尽概率不超过 5.00%"));
}

/// The app asks these two a little later than the others (they take the worker half a second).
#[test]
fn the_chance_questions_are_the_two_over_the_draws() {
    use ncms_sim::solve::Question;
    let chances: Vec<&str> = Question::ALL
        .iter()
        .filter(|q| q.is_chance())
        .map(|q| q.id())
        .collect();
    assert_eq!(chances, ["deficit-chance", "run-out-chance"]);
}
