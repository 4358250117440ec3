//! `ncms`: the command line over the scheme engine. One module per command; each takes its
//! arguments from [`args::Args`] and prints through [`output`].
//!
//! Exit codes: 0 ok, 1 invalid scenario or input, 2 usage or I/O. Output to a closed pipe
//! (`| head`) ends quietly.

mod args;
mod calibrate;
mod explain;
mod output;
mod params;
mod patient;
mod protection;
mod risk;
mod sensitivity;
mod simulate;
mod solve;
mod template;

use std::process::ExitCode;

/// Every command's usage lines and one-line help, in this order.
const COMMANDS: &[(&[&str], &[&str])] = &[
    (simulate::USAGE, simulate::HELP),
    (explain::USAGE, explain::HELP),
    (patient::USAGE, patient::HELP),
    (protection::USAGE, protection::HELP),
    (risk::USAGE, risk::HELP),
    (solve::USAGE, solve::HELP),
    (sensitivity::USAGE, sensitivity::HELP),
    (params::USAGE, params::HELP),
    (template::USAGE, template::HELP),
    (calibrate::USAGE, calibrate::HELP),
];

fn usage() -> String {
    let usages: Vec<&str> = COMMANDS
        .iter()
        .flat_map(|(u, _)| u.iter().copied())
        .collect();
    let helps: Vec<&str> = COMMANDS
        .iter()
        .flat_map(|(_, h)| h.iter().copied())
        .collect();
    format!(
        "usage: {}\n\n  {}\n  FILE      a scenario JSON file, or - for standard input\n  FIGURES   a filled figures template (CSV or .xlsx), or - for standard input",
        usages.join("\n       "),
        helps.join("\n  ")
    )
}

fn run(raw: &[String]) -> Result<ExitCode, String> {
    let args = args::Args::parse(raw)?;
    match args.command.as_str() {
        "simulate" => simulate::simulate(args),
        "check" => simulate::check(args),
        "explain" => explain::run(args),
        "patient" => patient::run(args),
        "protection" => protection::run(args),
        "risk" => risk::run(args),
        "solve" => solve::run(args),
        "sensitivity" => sensitivity::run(args),
        "params" => params::run(args),
        "calibrate" => calibrate::calibrate(args),
        "template" => template::run(args),
        other => Err(format!("unknown command {other:?}")),
    }
}

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    match run(&raw) {
        Ok(code) => code,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("ncms: {message}");
            }
            eprintln!("{}", usage());
            if message.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(output::USAGE_OR_IO)
            }
        }
    }
}
