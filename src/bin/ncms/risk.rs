//! `ncms risk FILE`: how sure the projection is. The baseline and each plan of the file under
//! many draws of the assumptions (`ranges`): the bands of the balance year by year, the chances
//! of a deficit, of running out and of outpatient spending over its cap, the expected shortfall,
//! and the reserve that keeps the chance of running out at 10 % or less.

use crate::args::{Args, Format};
use crate::output::{self, emit};
use ncms_sim::render;
use ncms_sim::risk::{risk, RiskOptions, MAX_DRAWS, MAX_SEED, MAX_SPREAD_SCALE};
use std::process::ExitCode;

pub const USAGE: &[&str] = &[
    "ncms risk FILE [--draws N] [--seed S] [--spread-scale K] [--format table|json] [--lang zh|en]",
];
pub const HELP: &[&str] = &[
    "risk        how sure: the baseline and each plan under 2000 seeded draws of the assumptions \
     (the file's ranges; --spread-scale 0 makes them certain): balance bands P5-P95, the chance \
     of a deficit, of running out, of outpatient spending over its cap, the reserve for 90 %",
];

/// `--seed`: a whole number a JavaScript number holds exactly.
fn seed(args: &mut Args) -> Result<Option<u64>, String> {
    let Some(value) = args.take("--seed") else {
        return Ok(None);
    };
    match value.parse::<u64>() {
        Ok(n) if n <= MAX_SEED => Ok(Some(n)),
        _ => Err(format!(
            "--seed takes a whole number from 0 to {MAX_SEED}, not {value:?}"
        )),
    }
}

/// `--spread-scale`: a number from 0 to 10.
fn spread_scale(args: &mut Args) -> Result<Option<f64>, String> {
    let Some(value) = args.take("--spread-scale") else {
        return Ok(None);
    };
    match value.parse::<f64>() {
        Ok(k) if k.is_finite() && (0.0..=MAX_SPREAD_SCALE).contains(&k) => Ok(Some(k)),
        _ => Err(format!(
            "--spread-scale takes a number from 0 to {MAX_SPREAD_SCALE}, not {value:?}"
        )),
    }
}

pub fn run(mut args: Args) -> Result<ExitCode, String> {
    let file = args.file()?;
    let mut options = RiskOptions::default();
    if let Some(draws) = args.whole("--draws", 1..=MAX_DRAWS)? {
        options.draws = draws;
    }
    if let Some(seed) = seed(&mut args)? {
        options.seed = seed;
    }
    if let Some(scale) = spread_scale(&mut args)? {
        options.spread_scale = scale;
    }
    let format = args.format(&[Format::Table, Format::Json])?;
    let lang = args.lang()?;
    args.finish()?;
    let scenario = match output::scenario(&file, lang) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let figures = match output::of_plans(&file, lang, |baseline, plan| {
        risk(&scenario, baseline, plan, &options)
    }) {
        Ok(figures) => figures,
        Err(code) => return Ok(code),
    };
    Ok(emit(&match format {
        Format::Json => serde_json::to_string_pretty(&figures).map_err(|e| e.to_string())? + "\n",
        _ => render::risk_table(&figures, lang),
    }))
}
