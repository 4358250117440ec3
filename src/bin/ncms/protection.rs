//! `ncms protection FILE`: what the baseline and each plan of the file do for families: the
//! shares of patients whose out-of-pocket payment is catastrophic or impoverishing, by line and
//! overall, and the fund's cost per point avoided.

use crate::args::{Args, Format};
use crate::output::{self, emit};
use ncms_sim::protection::protection;
use ncms_sim::render;
use std::process::ExitCode;

pub const USAGE: &[&str] = &["ncms protection FILE [--format table|json] [--lang zh|en]"];
pub const HELP: &[&str] = &[
    "protection  what the baseline and each plan do for families: shares of patients paying over \
     10%/25% of household income or 40% of capacity to pay, or pushed below the poverty line, \
     by line and overall, and the fund's cost per point avoided (first year)",
];

pub fn run(mut args: Args) -> Result<ExitCode, String> {
    let file = args.file()?;
    let format = args.format(&[Format::Table, Format::Json])?;
    let lang = args.lang()?;
    args.finish()?;
    let scenario = match output::scenario(&file, lang) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let figures = match output::of_plans(&file, lang, |baseline, plan| {
        protection(&scenario, baseline, plan)
    }) {
        Ok(figures) => figures,
        Err(code) => return Ok(code),
    };
    Ok(emit(&match format {
        Format::Json => serde_json::to_string_pretty(&figures).map_err(|e| e.to_string())? + "\n",
        _ => render::protection_table(&figures, lang),
    }))
}
