//! Engine benchmarks (criterion): one year and a 5-year projection of the Taizhou scenarios, the
//! work the app does on every edit (apply the edits, validate, project the proposal, diff) for
//! one edit and for the ten edits of the 2013 plan, one waterfall of the 2013 plan (10 edits,
//! exact Shapley values) and its typical patients, a full sensitivity tornado, goal seek, the
//! protection figures (baseline and plan), the risk figures (2000 draws, and the batch projection's
//! cost per path), and the JS API's work natively. Goals natively: a
//! 5-year projection ≤ 5 µs, one edit → full comparison ≤ 10 µs. Run with `scripts/bench.sh`.

use criterion::{criterion_group, criterion_main, Criterion};
use ncms_sim::{compare_with_baseline, parse_scenario, scenarios, simulate, CheckedScenario};
use std::hint::black_box;

fn scenario(id: &str, years: u32) -> CheckedScenario {
    let mut s = parse_scenario(scenarios::bundled(id).unwrap())
        .unwrap()
        .into_scenario();
    s.projection.years = years;
    ncms_sim::check(s).unwrap()
}

fn projection(c: &mut Criterion) {
    for id in ["taizhou-2012", "taizhou-2013-plan"] {
        for years in [1, 5] {
            let s = scenario(id, years);
            c.bench_function(&format!("simulate/{id}/{years}y"), |b| {
                b.iter(|| simulate(black_box(&s)))
            });
        }
    }
    // What the app does on each input: the baseline is cached; the proposal is rebuilt from edits.
    let plan = scenario("taizhou-2013-plan", 5);
    let baseline = simulate(&plan);
    let one_edit: ncms_sim::Edits = [(
        "lines[2].inpatient.reimbursement_ratio".to_string(),
        Some(0.88),
    )]
    .into();
    c.bench_function(
        "edit/taizhou-2013-plan/5y/one edit (check_plan + project + diff)",
        |b| {
            b.iter(|| {
                compare_with_baseline(black_box(&plan), black_box(&baseline), black_box(&one_edit))
                    .unwrap()
            })
        },
    );
    c.bench_function(
        "edit/taizhou-2013-plan/5y/the plan's 10 edits (check_plan + project + diff)",
        |b| {
            b.iter(|| {
                compare_with_baseline(
                    black_box(&plan),
                    black_box(&baseline),
                    black_box(&plan.proposal),
                )
                .unwrap()
            })
        },
    );
}

/// "Why did it change" for the 2013 plan: 2^10 subsets, each projected with and without the
/// release effect; the first year's surplus (one year projected) and the balance at the horizon.
fn waterfall(c: &mut Criterion) {
    use ncms_sim::attribution::{explain, Outcome};
    let plan = scenario("taizhou-2013-plan", 5);
    for (name, outcome) in [
        ("surplus 2013", Outcome::Surplus),
        ("balance 2017", Outcome::ClosingBalance),
    ] {
        c.bench_function(
            &format!("waterfall/taizhou-2013-plan/10 edits/{name}"),
            |b| {
                b.iter(|| {
                    explain(black_box(&plan), black_box(&plan.proposal), outcome, None).unwrap()
                })
            },
        );
    }
    let (proposal, _) = ncms_sim::check_plan(&plan, &plan.proposal).unwrap();
    c.bench_function("patient/taizhou-2013-plan/4 typical patients", |b| {
        b.iter(|| ncms_sim::patient::typical(black_box(&plan), black_box(&proposal)))
    });
}

/// The answers: a full sensitivity tornado (every lever and assumption, ±10 % and ± one natural
/// unit: about 440 projections) and one goal seek (break-even funding per head, next year).
fn answers(c: &mut Criterion) {
    use ncms_sim::sensitivity::{tornado, Outcome};
    use ncms_sim::solve::{break_even_funding, Horizon, Lever};
    let plan = scenario("taizhou-2013-plan", 5);
    let outcome = Outcome::parse("surplus", &plan, None).unwrap();
    c.bench_function("tornado/taizhou-2013-plan/surplus 2013", |b| {
        b.iter(|| tornado(black_box(&plan), black_box(&plan.proposal), outcome).unwrap())
    });
    c.bench_function(
        "solve/taizhou-2013-plan/break-even funding per head 2013",
        |b| {
            b.iter(|| {
                break_even_funding(
                    black_box(&plan),
                    black_box(&plan.proposal),
                    Horizon::NextYear,
                )
                .unwrap()
            })
        },
    );
    let lever = Lever::parse("lines[2].inpatient.reimbursement_ratio", &plan).unwrap();
    let target =
        ncms_sim::solve::Target::parse("surplus=0", ncms_sim::indicator::When::Year(2014)).unwrap();
    c.bench_function(
        "solve/taizhou-2013-plan/county inpatient ratio for surplus 2014 = 0",
        |b| {
            b.iter(|| {
                ncms_sim::solve::solve(black_box(&plan), black_box(&plan.proposal), lever, target)
                    .unwrap()
            })
        },
    );
    // Goal seek under risk: each value tried is the plan's 2000 paths (and the baseline's) by
    // the batch projection.
    let chance =
        ncms_sim::solve::Target::parse("p_deficit<=10%", ncms_sim::indicator::When::Year(2013))
            .unwrap();
    let mut group = c.benchmark_group("solve");
    group.sample_size(10);
    group.bench_function(
        "taizhou-2013-plan/funding for P(deficit 2013) <= 10%",
        |b| {
            b.iter(|| {
                ncms_sim::solve::solve(
                    black_box(&plan),
                    black_box(&plan.proposal),
                    Lever::FundingPerHead,
                    chance,
                )
                .unwrap()
            })
        },
    );
    let run_out =
        ncms_sim::solve::Target::parse("p_exhausted<=5%", ncms_sim::indicator::When::EveryYear)
            .unwrap();
    group.bench_function(
        "taizhou-2013-plan/inpatient ratios for P(run out by 2017) <= 5%",
        |b| {
            b.iter(|| {
                ncms_sim::solve::solve(
                    black_box(&plan),
                    black_box(&plan.proposal),
                    Lever::InpatientRatios,
                    run_out,
                )
                .unwrap()
            })
        },
    );
    group.finish();
}

/// The protection figures of the 2013 plan (what the app recomputes when typing settles): the
/// baseline and the plan as `ncms protection` makes them (the baseline's patients, both plans'
/// figures and projections), and the parts: the patients of the baseline (again only when an
/// assumption moves) and one plan's figures for them.
fn protection(c: &mut Criterion) {
    use ncms_sim::protection::{figures, protection, Patients};
    let plan = scenario("taizhou-2013-plan", 5);
    c.bench_function("protection/taizhou-2013-plan/baseline + plan", |b| {
        b.iter(|| protection(black_box(&plan), "baseline", "proposal").unwrap())
    });
    c.bench_function(
        "protection/taizhou-2013-plan/patients of the baseline",
        |b| b.iter(|| Patients::of(black_box(&plan))),
    );
    let patients = Patients::of(&plan);
    let (proposal, _) = ncms_sim::check_plan(&plan, &plan.proposal).unwrap();
    c.bench_function("protection/taizhou-2013-plan/one plan's figures", |b| {
        b.iter(|| figures(black_box(&patients), black_box(&proposal)))
    });
    // The tornado and goal seek on a protection figure: each move re-prices the plan (a lever)
    // or makes new patients and re-prices (an assumption); no projection but the plan's own.
    use ncms_sim::sensitivity::{tornado, Outcome};
    let outcome = Outcome::parse("inpatient_catastrophic_10", &plan, None).unwrap();
    c.bench_function(
        "protection/taizhou-2013-plan/tornado of the inpatient catastrophic-10 share",
        |b| b.iter(|| tornado(black_box(&plan), black_box(&plan.proposal), outcome).unwrap()),
    );
    let outcome = Outcome::parse("catastrophic_10", &plan, None).unwrap();
    c.bench_function(
        "protection/taizhou-2013-plan/tornado of the catastrophic-10 share",
        |b| b.iter(|| tornado(black_box(&plan), black_box(&plan.proposal), outcome).unwrap()),
    );
    let target = ncms_sim::solve::Target::parse(
        "inpatient_catastrophic_10<=15%",
        ncms_sim::indicator::When::Year(2013),
    )
    .unwrap();
    c.bench_function(
        "protection/taizhou-2013-plan/solve inpatient ratios for inpatient catastrophic-10 <= 15%",
        |b| {
            b.iter(|| {
                ncms_sim::solve::solve(
                    black_box(&plan),
                    black_box(&plan.proposal),
                    ncms_sim::solve::Lever::InpatientRatios,
                    target,
                )
                .unwrap()
            })
        },
    );
}

/// How sure the 2013 plan is (`ncms risk`): 2000 draws of the baseline and the plan over five
/// years, goal ≤ 20 ms; and the batch projection's cost per path (the baseline and the plan along
/// one set of assumptions, the grids made beforehand).
fn risk(c: &mut Criterion) {
    use ncms_sim::batch::{Batch, PathYear};
    use ncms_sim::risk::{draw_assumptions, risk, RiskOptions};
    let plan = scenario("taizhou-2013-plan", 5);
    c.bench_function("risk/taizhou-2013-plan/2000", |b| {
        b.iter(|| {
            risk(
                black_box(&plan),
                "baseline",
                "proposal",
                &RiskOptions::default(),
            )
            .unwrap()
        })
    });
    let (proposal, _) = ncms_sim::check_plan(&plan, &plan.proposal).unwrap();
    let paths = draw_assumptions(&plan, &plan.ranges, 2000, 1);
    let batch = Batch::new(&plan, std::slice::from_ref(&proposal), &paths);
    let mut out = vec![PathYear::default(); batch.plans() * batch.years()];
    let mut i = 0;
    c.bench_function(
        "risk/taizhou-2013-plan/batch, one path (baseline + plan, 5y)",
        |b| {
            b.iter(|| {
                i = (i + 1) % paths.len();
                batch.project(black_box(&paths[i]), &mut out);
                out[0].closing_balance
            })
        },
    );
    c.bench_function("risk/taizhou-2013-plan/batch grids for 2000 paths", |b| {
        b.iter(|| Batch::new(&plan, std::slice::from_ref(&proposal), black_box(&paths)))
    });
}

/// What the JS API's `simulate` does, natively: read and validate the file, compare, and write
/// the comparison out (as JSON text here; the JS API hands it to JavaScript instead).
/// `benches/js-api.mjs` times the same call in wasm in Node and prints the ratio to this figure.
fn api(c: &mut Criterion) {
    let json = scenarios::bundled("taizhou-2013-plan").unwrap();
    c.bench_function("api/taizhou-2013-plan (parse + compare + JSON)", |b| {
        b.iter(|| {
            let scenario = parse_scenario(black_box(json)).unwrap();
            let comparison = ncms_sim::compare(&scenario, &scenario.proposal, None).unwrap();
            serde_json::to_string(&comparison).unwrap()
        })
    });
}

criterion_group!(benches, projection, waterfall, answers, protection, risk, api);
criterion_main!(benches);
