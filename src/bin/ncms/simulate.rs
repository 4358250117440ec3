//! `ncms simulate FILE` and `ncms check FILE`.

use crate::args::{Args, Format};
use crate::output::{self, emit, print_problems};
use ncms_sim::{compare_plans, render};
use std::process::ExitCode;

pub const USAGE: &[&str] = &[
    "ncms simulate FILE [--years N] [--format table|json|csv] [--lang zh|en]",
    "ncms check FILE [--lang zh|en]",
];

pub const HELP: &[&str] = &[
    "simulate  project the scenario's baseline (and its proposal, if it has one)",
    "check     validate the scenario (its proposal included); exit 1 and list every problem",
];

pub fn simulate(mut args: Args) -> Result<ExitCode, String> {
    let file = args.file()?;
    let years = args.whole("--years", 1..=10)?;
    let format = args.format(&[Format::Table, Format::Json, Format::Csv])?;
    let lang = args.lang()?;
    args.finish()?;
    let scenario = match output::scenario(&file, lang) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let plans = match compare_plans(&scenario, lang.pick("方案", "proposal"), years) {
        Ok(plans) => plans,
        Err(problems) => {
            print_problems(&file, &problems, lang);
            return Ok(ExitCode::from(output::INVALID));
        }
    };
    // A file with named plans prints every plan; one with a proposal (or none), the comparison.
    let several = !scenario.plans.is_empty();
    let text = match format {
        Format::Table if several => plans
            .iter()
            .map(|p| format!("# {}\n{}", p.name, render::table(&p.comparison, lang)))
            .collect::<Vec<_>>()
            .join("\n"),
        Format::Table => render::table(&plans[0].comparison, lang),
        Format::Csv => render::csv(&plans, lang),
        Format::Json if several => {
            pretty(&serde_json::json!({ "format": "ncms-sim/plans@1", "plans": plans }))?
        }
        Format::Json => pretty(&plans[0].comparison)?,
    };
    Ok(emit(&text))
}

/// Pretty JSON with a newline.
fn pretty<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| e.to_string())
}

pub fn check(mut args: Args) -> Result<ExitCode, String> {
    let file = args.file()?;
    let lang = args.lang()?;
    args.finish()?;
    Ok(match output::scenario(&file, lang) {
        Ok(scenario) => emit(&format!("{file}: ok ({})\n", scenario.name.get(lang))),
        Err(code) => code,
    })
}
