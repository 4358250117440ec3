//! `ncms solve FILE`: goal seek: the value of a lever (or of a group of levers) at which an
//! indicator meets a target, on the file's proposal (or its baseline when it has none).

use crate::args::{Args, Format};
use crate::output::{self, emit, print_problems};
use ncms_sim::indicator::When;
use ncms_sim::render;
use ncms_sim::solve::{solve, Lever, SolveError, Target};
use std::process::ExitCode;

pub const USAGE: &[&str] = &[
    "ncms solve FILE --lever PATH|GROUP --target INDICATOR=VALUE [--year Y|all] [--format table|json] [--lang zh|en]",
];
pub const HELP: &[&str] = &[
    "solve     the value of a lever that meets a target (on the proposal, else the baseline): \
     --target surplus>=0, outpatient_share<=25%, closing_balance>=0 --year all, …",
    "          GROUP outpatient_ratios|inpatient_ratios (the same points added to each) or \
     funding_per_head (every payer in its share); Y a year of the horizon (default the first) or all",
    "          INDICATOR a report field, or a protection figure of the first year: \
     --target catastrophic_10<=10%, inpatient_catastrophic_10<=0.15, impoverishing<=0.15%, \
     mean_oop_per_admission<=2500 (ncms sensitivity --help lists them)",
    "          or a chance over the risk figures' draws (2000, seed 1), for the plan: \
     --target 'p_deficit<=10%' (in --year, default the first), 'p_exhausted<=5%' (by --year, \
     default within the horizon)",
];

pub fn run(mut args: Args) -> Result<ExitCode, String> {
    let file = args.file()?;
    let lever = args
        .take("--lever")
        .ok_or("solve needs --lever PATH or GROUP")?;
    let target = args
        .take("--target")
        .ok_or("solve needs --target INDICATOR=VALUE (or >=, <=)")?;
    let year = args.take("--year");
    let format = args.format(&[Format::Table, Format::Json])?;
    let lang = args.lang()?;
    args.finish()?;
    let scenario = match output::scenario(&file, lang) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let when = match year.as_deref() {
        // The first year; the chance of having run out, within the horizon.
        None => Target::default_when(&target, &scenario),
        Some("all") => When::EveryYear,
        Some(text) => When::Year(
            text.parse()
                .map_err(|_| format!("--year takes a year or all, not {text:?}"))?,
        ),
    };
    let asked = Lever::parse(&lever, &scenario)
        .and_then(|lever| Ok((lever, Target::parse(&target, when)?)))
        .and_then(|(lever, target)| solve(&scenario, &scenario.proposal, lever, target));
    match asked {
        Ok(answer) => Ok(emit(&match format {
            Format::Json => output::json_with_format("ncms-sim/answer@1", &answer)?,
            _ => render::answer_table(&answer, lang),
        })),
        Err(SolveError::Invalid(problems)) => {
            print_problems(&file, &problems, lang);
            Ok(ExitCode::from(output::INVALID))
        }
        Err(other) => Err(other.describe(lang)),
    }
}
