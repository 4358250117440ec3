//! `ncms`: the command line over the scheme engine.
//!
//! `ncms simulate FILE` prints the report of a scenario (its baseline, and its proposal when the
//! file has one); `ncms check FILE` validates a scenario and exits 1 with every problem;
//! `ncms params` lists every parameter of the format from the registry. Exit codes: 0 ok,
//! 1 invalid scenario, 2 usage or I/O. Output to a closed pipe (`| head`) ends quietly.

use ncms_sim::figure::Unit;
use ncms_sim::params::{Role, PARAMS};
use ncms_sim::problem::range_text;
use ncms_sim::{compare, read_checked, render, Lang, Problem};
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "\
usage: ncms simulate FILE [--years N] [--format table|json|csv] [--lang zh|en]
       ncms check FILE [--lang zh|en]
       ncms params [--format table|json] [--lang zh|en]

  simulate  project the scenario's baseline (and its proposal, if it has one)
  check     validate the scenario; exit 1 and list every problem if it is invalid
  params    list every parameter of the scenario format: path, unit, range, policy or assumption
  FILE      a scenario JSON file, or - for standard input";

#[derive(Debug, Clone, Copy, PartialEq)]
enum Format {
    Table,
    Json,
    Csv,
}

struct Args {
    command: String,
    file: Option<String>,
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
    let (command, file) = match positional.as_slice() {
        [command] if command == "params" => (command.clone(), None),
        [command, file] if command == "simulate" || command == "check" => {
            (command.clone(), Some(file.clone()))
        }
        [command, ..] if !["simulate", "check", "params"].contains(&command.as_str()) => {
            return Err(format!("unknown command {command:?}"))
        }
        [command, ..] if command == "params" => return Err("params takes no FILE".into()),
        _ => return Err("expected a command and one FILE".into()),
    };
    Ok(Args {
        command,
        file,
        years,
        format,
        lang,
    })
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
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    let heading = match lang {
        Lang::Zh if errors > 0 => format!("{file}：发现 {errors} 个问题"),
        Lang::Zh => format!("{file}：{warnings} 条提醒"),
        Lang::En if errors > 0 => format!("{file}: {errors} problem(s)"),
        Lang::En => format!("{file}: {warnings} warning(s)"),
    };
    eprintln!("{heading}");
    for problem in problems {
        let mark = if problem.is_error() { "-" } else { "!" };
        eprintln!("  {mark} {}", problem.describe(lang));
        eprintln!("    {}", problem.describe(lang.other()));
    }
}

/// Writes to standard output; a closed pipe is not an error worth a panic.
fn emit(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ncms: cannot write: {e}");
            ExitCode::from(2)
        }
    }
}

fn role_name(role: Role, lang: Lang) -> &'static str {
    match role {
        Role::Policy => lang.pick("政策", "policy"),
        Role::Assumption => lang.pick("假设", "assumption"),
        Role::Observed => lang.pick("报告数", "reported"),
    }
}

fn unit_name(unit: Unit, lang: Lang) -> String {
    match unit {
        Unit::Share => lang.pick("比例（小数）", "fraction").into(),
        Unit::Count => lang.pick("人数/人次", "count").into(),
        Unit::Number => lang.pick("数值", "number").into(),
        Unit::Year => lang.pick("年份", "year").into(),
        other => other.suffix(lang).into(),
    }
}

/// The registry as a table or JSON.
fn params_listing(format: Format, lang: Lang) -> Result<String, String> {
    if format == Format::Json {
        #[derive(serde::Serialize)]
        struct Row<'a> {
            path: &'a str,
            label: ncms_sim::Label,
            help: ncms_sim::Label,
            unit: Unit,
            role: Role,
            group: ncms_sim::params::Group,
            range: ncms_sim::params::Range,
            typical: (f64, f64),
            step: f64,
            optional: bool,
        }
        let rows: Vec<Row> = PARAMS
            .iter()
            .map(|p| Row {
                path: p.path,
                label: p.label,
                help: p.help,
                unit: p.unit,
                role: p.role,
                group: p.group,
                range: p.range,
                typical: p.typical,
                step: p.step,
                optional: p.optional,
            })
            .collect();
        return serde_json::to_string_pretty(&rows)
            .map(|s| s + "\n")
            .map_err(|e| e.to_string());
    }
    let mut out = String::new();
    let mut group = None;
    for p in PARAMS {
        if group != Some(p.group) {
            out.push_str(&format!("\n## {}\n", p.group.label().get(lang)));
            group = Some(p.group);
        }
        let optional = if p.optional {
            lang.pick("，可为空", ", may be null")
        } else {
            ""
        };
        out.push_str(&format!(
            "{}\n    {} · {} · {} · {}{optional}\n    {}\n",
            p.path,
            ncms_sim::lang::capitalise(p.label.get(lang)),
            role_name(p.role, lang),
            unit_name(p.unit, lang),
            range_text(&p.range, p.unit, lang),
            p.help.get(lang),
        ));
    }
    Ok(out)
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
    if args.command == "params" {
        return match params_listing(args.format, args.lang) {
            Ok(text) => emit(&text),
            Err(e) => {
                eprintln!("ncms: {e}");
                ExitCode::from(2)
            }
        };
    }
    let file = args.file.as_deref().unwrap_or("-");
    let text = match read(file) {
        Ok(text) => text,
        Err(message) => {
            eprintln!("ncms: {message}");
            return ExitCode::from(2);
        }
    };
    let checked = match read_checked(&text) {
        Ok(checked) => checked,
        Err(problems) => {
            print_problems(file, &problems, args.lang);
            return ExitCode::from(1);
        }
    };
    if !checked.warnings.is_empty() {
        print_problems(file, &checked.warnings, args.lang);
    }
    let scenario = checked.scenario;
    if args.command == "check" {
        return emit(&format!("{file}: ok ({})\n", scenario.name.get(args.lang)));
    }
    let comparison = match compare(&scenario, &scenario.proposal, args.years) {
        Ok(comparison) => comparison,
        Err(problems) => {
            print_problems(file, &problems, args.lang);
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
    emit(&output)
}
