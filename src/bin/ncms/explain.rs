//! `ncms explain FILE`: why the file's proposal changes the surplus or the balance, edit by edit.

use crate::args::{Args, Format};
use crate::output::{self, emit, print_problems};
use ncms_sim::attribution::{explain, ExplainError, Outcome};
use ncms_sim::render;
use std::process::ExitCode;

pub const USAGE: &[&str] = &[
    "ncms explain FILE [--year Y] [--outcome surplus|closing_balance] [--format table|json] [--lang zh|en]",
];
pub const HELP: &[&str] = &[
    "explain   why the proposal changes the surplus (first year) or the balance (horizon): a price \
     and a release bar per edit (Shapley values, to the fen)",
];

pub fn run(mut args: Args) -> Result<ExitCode, String> {
    let file = args.file()?;
    let year = args.whole("--year", 1990..=2100)?.map(|y| y as i32);
    let outcome = match args.take("--outcome").as_deref() {
        None | Some("surplus") => Outcome::Surplus,
        Some("closing_balance") => Outcome::ClosingBalance,
        Some(other) => {
            return Err(format!(
                "--outcome is surplus or closing_balance, not {other:?}"
            ))
        }
    };
    let format = args.format(&[Format::Table, Format::Json])?;
    let lang = args.lang()?;
    args.finish()?;
    let scenario = match output::scenario(&file, lang) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    if scenario.proposal.is_empty() {
        eprintln!(
            "ncms: {}",
            lang.pick(
                format!("{file} 没有方案（proposal），无可解释"),
                format!("{file} has no proposal: nothing to explain"),
            )
        );
        return Ok(ExitCode::from(output::INVALID));
    }
    match explain(&scenario, &scenario.proposal, outcome, year) {
        Ok(waterfall) => {
            let text = match format {
                Format::Json => {
                    serde_json::to_string_pretty(&waterfall).map_err(|e| e.to_string())? + "\n"
                }
                _ => render::waterfall_table(&waterfall, lang),
            };
            Ok(emit(&text))
        }
        Err(ExplainError::Invalid(problems)) => {
            print_problems(&file, &problems, lang);
            Ok(ExitCode::from(output::INVALID))
        }
        Err(other) => Err(other.describe(lang)),
    }
}
