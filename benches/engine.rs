//! Engine benchmarks (criterion): one year and a 5-year projection of the Taizhou scenarios, and
//! the work the app does on every edit (apply the edits, validate, project the proposal).
//! Goal: a 5-year projection under 20 µs natively. Run with `scripts/bench.sh`.

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
    c.bench_function(
        "edit/taizhou-2013-plan/5y (apply edits + validate + project + diff)",
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

criterion_group!(benches, projection);
criterion_main!(benches);
