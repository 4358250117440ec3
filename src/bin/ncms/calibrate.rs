//! `ncms calibrate FIGURES`: a filled figures template (CSV or .xlsx) to a scenario.

use crate::args::Args;
use crate::output::{self, emit, print_problems, write_file};
use ncms_sim::calibrate::{self, Options};
use ncms_sim::template;
use std::process::ExitCode;

pub const USAGE: &[&str] = &["ncms calibrate FIGURES [--id ID] [--lang zh|en] [--out FILE]"];

pub const HELP: &[&str] = &[
    "calibrate build a scenario from a fund's annual figures (a filled template, CSV or .xlsx):\n            \
     the scenario JSON to standard output (or --out), the calibration table to standard error",
];

/// The scenario id from the figures file's name: `figures/taizhou-2012.csv` → `taizhou-2012`.
fn id_from(file: &str) -> String {
    let name = std::path::Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| !s.is_empty() && *s != "-")
        .unwrap_or("calibrated");
    name.to_string()
}

fn file_name(file: &str) -> String {
    std::path::Path::new(file)
        .file_name()
        .and_then(|s| s.to_str())
        .filter(|s| *s != "-")
        .unwrap_or("figures")
        .to_string()
}

pub fn calibrate(mut args: Args) -> Result<ExitCode, String> {
    let file = args.file()?;
    let id = args.take("--id").unwrap_or_else(|| id_from(&file));
    let out = args.take("--out");
    let lang = args.lang()?;
    args.finish()?;
    let bytes = output::read_bytes(&file)?;
    let read = match template::read(&bytes, &file_name(&file)) {
        Ok(read) => read,
        Err(problems) => {
            print_problems(&file, &problems, lang);
            return Ok(ExitCode::from(output::INVALID));
        }
    };
    let calibration = match calibrate::calibrate(&read.figures, &Options { id, lang }) {
        Ok(c) => c,
        Err(problems) => {
            print_problems(&file, &problems, lang);
            return Ok(ExitCode::from(output::INVALID));
        }
    };
    eprint!("{}", calibrate::table_text(&calibration, lang));
    if !calibration.warnings.is_empty() {
        print_problems(&file, &calibration.warnings, lang);
    }
    let json = serde_json::to_string_pretty(calibration.scenario.scenario())
        .map_err(|e| e.to_string())?
        + "\n";
    match out {
        Some(path) => write_file(&path, json.as_bytes()),
        None => Ok(emit(&json)),
    }
}
