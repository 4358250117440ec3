//! `ncms template`: the figures template to fill in, as CSV text or an .xlsx workbook.

use crate::args::Args;
use crate::output::write_file;
use ncms_sim::{template, Lang};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

pub const USAGE: &[&str] = &["ncms template [--format csv|xlsx] [--lang zh|en] [--out FILE]"];

pub const HELP: &[&str] =
    &["template  the figures template to fill in (CSV by default; .xlsx with --format xlsx)"];

/// Chinese first by default: the template is for officials (`--lang en` puts English first).
pub fn run(mut args: Args) -> Result<ExitCode, String> {
    args.no_file()?;
    let xlsx = match args.take("--format").as_deref() {
        None | Some("csv") => false,
        Some("xlsx") => true,
        Some(other) => return Err(format!("--format is csv or xlsx, not {other:?}")),
    };
    let out = args.take("--out");
    let lang = match args.take("--lang").as_deref() {
        None | Some("zh") => Lang::Zh,
        Some("en") => Lang::En,
        Some(other) => return Err(format!("--lang is zh or en, not {other:?}")),
    };
    args.finish()?;
    let bytes = if xlsx {
        template::xlsx(None, lang)
    } else {
        template::csv(None, lang).into_bytes()
    };
    match out {
        Some(path) => write_file(&path, &bytes),
        // A workbook's bytes would scramble a terminal.
        None if xlsx && std::io::stdout().is_terminal() => {
            Err("an .xlsx workbook is binary: give --out FILE or redirect the output".into())
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(&bytes).and_then(|_| stdout.flush()) {
                Ok(()) => Ok(ExitCode::SUCCESS),
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
                Err(e) => Err(format!("cannot write: {e}")),
            }
        }
    }
}
