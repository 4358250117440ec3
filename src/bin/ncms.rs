//! `ncms`: the command line over the scheme engine.
//!
//! `ncms simulate FILE [--years N] [--format table|json|csv] [--lang zh|en]` prints the report of a
//! scenario (its baseline, and its proposal when the file has one); `ncms check FILE` validates a
//! scenario and exits 1 with every problem. Exit codes: 0 ok, 1 invalid scenario, 2 usage or I/O.

use ncms_sim::{compare, parse_scenario, render, Lang, Problem};
use std::process::ExitCode;

const USAGE: &str = "\
usage: ncms simulate FILE [--years N] [--format table|json|csv] [--lang zh|en]
       ncms check FILE [--lang zh|en]

  simulate  project the scenario's baseline (and its proposal, if it has one)
  check     validate the scenario; exit 1 and list every problem if it is invalid
  FILE      a scenario JSON file, or - for standard input";

#[derive(Debug, Clone, Copy, PartialEq)]
enum Format {
    Table,
    Json,
    Csv,
}

struct Args {
    command: String,
    file: String,
    years: Option<u32>,
    format: Format,
    lang: Lang,
}

fn parse_args(raw: &[String]) -> Result<Args, String> {
    let mut positional = Vec::new();
    let mut years = None;
    let mut format = Format::Table;
    let mut lang = Lang::En;
    let mut i = 0;
    while i < raw.len() {
        let arg = &raw[i];
        let mut value = |name: &str| -> Result<String, String> {
            i += 1;
            raw.get(i)
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--years" => {
                let v = value("--years")?;
                let n: u32 = v
                    .parse()
                    .map_err(|_| format!("--years takes a whole number of years, not {v:?}"))?;
                if !(1..=10).contains(&n) {
                    return Err(format!("--years must be 1 to 10, not {n}"));
                }
                years = Some(n);
            }
            "--format" => {
                format = match value("--format")?.as_str() {
                    "table" => Format::Table,
                    "json" => Format::Json,
                    "csv" => Format::Csv,
                    other => return Err(format!("--format is table, json or csv, not {other:?}")),
                }
            }
            "--lang" => {
                lang = match value("--lang")?.as_str() {
                    "zh" => Lang::Zh,
                    "en" => Lang::En,
                    other => return Err(format!("--lang is zh or en, not {other:?}")),
                }
            }
            "-h" | "--help" => return Err(String::new()),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            _ => positional.push(arg.clone()),
        }
        i += 1;
    }
    match positional.as_slice() {
        [command, file] if command == "simulate" || command == "check" => Ok(Args {
            command: command.clone(),
            file: file.clone(),
            years,
            format,
            lang,
        }),
        [command, ..] if command != "simulate" && command != "check" => {
            Err(format!("unknown command {command:?}"))
        }
        _ => Err("expected a command and one FILE".into()),
    }
}

fn read(file: &str) -> Result<String, String> {
    if file == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("cannot read {file}: {e}"))
    }
}

fn print_problems(file: &str, problems: &[Problem], lang: Lang) {
    let (heading, count) = match lang {
        Lang::Zh => (format!("{file}：发现 {} 个问题", problems.len()), ""),
        Lang::En => (format!("{file}: {} problem(s)", problems.len()), ""),
    };
    eprintln!("{heading}{count}");
    for problem in problems {
        eprintln!("  - {}", problem.describe(lang));
        let other = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
        eprintln!("    {}", problem.message.get(other));
    }
}

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse_args(&raw) {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("ncms: {message}");
            }
            eprintln!("{USAGE}");
            return if message.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    let text = match read(&args.file) {
        Ok(text) => text,
        Err(message) => {
            eprintln!("ncms: {message}");
            return ExitCode::from(2);
        }
    };
    let scenario = match parse_scenario(&text) {
        Ok(scenario) => scenario,
        Err(problems) => {
            print_problems(&args.file, &problems, args.lang);
            return ExitCode::from(1);
        }
    };
    if args.command == "check" {
        println!("{}: ok ({})", args.file, scenario.name.get(args.lang));
        return ExitCode::SUCCESS;
    }
    let comparison = match compare(&scenario, &scenario.proposal, args.years) {
        Ok(comparison) => comparison,
        Err(problems) => {
            print_problems(&args.file, &problems, args.lang);
            return ExitCode::from(1);
        }
    };
    let output = match args.format {
        Format::Table => render::table(&comparison, args.lang),
        Format::Csv => render::csv(&comparison, args.lang),
        Format::Json => match serde_json::to_string_pretty(&comparison) {
            Ok(json) => json + "\n",
            Err(e) => {
                eprintln!("ncms: cannot write JSON: {e}");
                return ExitCode::from(2);
            }
        },
    };
    print!("{output}");
    ExitCode::SUCCESS
}
