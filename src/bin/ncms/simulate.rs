//! `ncms simulate FILE` and `ncms check FILE`.

use crate::args::{Args, Format};
use crate::output::{self, emit, print_problems};
use ncms_sim::{compare, render};
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
    let comparison = match compare(&scenario, &scenario.proposal, years) {
        Ok(comparison) => comparison,
        Err(problems) => {
            print_problems(&file, &problems, lang);
            return Ok(ExitCode::from(output::INVALID));
        }
    };
    let text = match format {
        Format::Table => render::table(&comparison, lang),
        Format::Csv => render::csv(&comparison, lang),
        Format::Json => {
            serde_json::to_string_pretty(&comparison).map_err(|e| e.to_string())? + "\n"
        }
    };
    Ok(emit(&text))
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
