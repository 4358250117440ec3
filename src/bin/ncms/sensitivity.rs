//! `ncms sensitivity FILE`: which lever or assumption matters most for one outcome: each moved
//! by ±10 % and by ± one natural unit, the effects sorted by size (a tornado).

use crate::args::{Args, Format};
use crate::output::{self, emit, print_problems};
use ncms_sim::render;
use ncms_sim::sensitivity::{tornado, Outcome, TornadoError};
use std::process::ExitCode;

pub const USAGE: &[&str] = &[
    "ncms sensitivity FILE [--outcome surplus|closing_balance|outpatient_share|INDICATOR|PROTECTION] [--year Y] [--top N] [--format table|json] [--lang zh|en]",
];
pub const HELP: &[&str] = &[
    "sensitivity  every lever and assumption moved ±10% and ± one natural unit, sorted by its \
     effect on the outcome (surplus and outpatient share: first year; closing balance: horizon)",
    "          PROTECTION a protection figure of the first year: catastrophic_10|catastrophic_25|\
     catastrophic_ctp40|impoverishing (all patients), KIND_catastrophic_10 … (inpatient_, \
     outpatient_, special_disease_, major_disease_), mean_oop_per_admission",
];

pub fn run(mut args: Args) -> Result<ExitCode, String> {
    let file = args.file()?;
    let name = args
        .take("--outcome")
        .unwrap_or_else(|| "surplus".to_string());
    let year = args.whole("--year", 1990..=2100)?.map(|y| y as i32);
    let top = args.whole("--top", 1..=1000)?.unwrap_or(15) as usize;
    let format = args.format(&[Format::Table, Format::Json])?;
    let lang = args.lang()?;
    args.finish()?;
    let scenario = match output::scenario(&file, lang) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let outcome = Outcome::parse(&name, &scenario, year).ok_or_else(|| {
        match (year, ncms_sim::measured::Measured::parse(&name)) {
            (Some(_), Some(figure)) if figure.is_protection() => format!(
                "{name} is a protection figure, for the first year ({}) only",
                scenario.year
            ),
            (Some(year), Some(_)) => format!("{year} is not a year of the horizon"),
            _ => format!(
                "--outcome is an indicator of the report (surplus, closing_balance, \
                 outpatient_share, …) or a protection figure (catastrophic_10, \
                 inpatient_catastrophic_10, impoverishing, mean_oop_per_admission, …), not {name:?}"
            ),
        }
    })?;
    match tornado(&scenario, &scenario.proposal, outcome) {
        Ok(tornado) => Ok(emit(&match format {
            Format::Json => output::json_with_format("ncms-sim/tornado@1", &tornado)?,
            _ => render::tornado_table(&tornado, top, lang),
        })),
        Err(TornadoError::Invalid(problems)) => {
            print_problems(&file, &problems, lang);
            Ok(ExitCode::from(output::INVALID))
        }
        Err(other) => Err(other.describe(lang)),
    }
}
