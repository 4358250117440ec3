//! What the command line prints: results to standard output (a closed pipe ends quietly),
//! problems to standard error in both languages.

use ncms_sim::{Lang, Problem};
use std::io::Write;
use std::process::ExitCode;

/// Exit codes: 0 ok, 1 invalid scenario or input, 2 usage or I/O.
pub const INVALID: u8 = 1;
pub const USAGE_OR_IO: u8 = 2;

/// Writes to standard output; a closed pipe (`| head`) is not an error worth a panic.
pub fn emit(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ncms: cannot write: {e}");
            ExitCode::from(USAGE_OR_IO)
        }
    }
}

/// Figures of the baseline and the file's plans, the two named as the app names them (基线, and
/// 方案 for a file's lone proposal), or the plans' problems printed and the exit code for them.
pub fn of_plans<T>(
    file: &str,
    lang: Lang,
    figures: impl FnOnce(&str, &str) -> Result<T, Vec<Problem>>,
) -> Result<T, ExitCode> {
    figures(lang.pick("基线", "baseline"), lang.pick("方案", "proposal")).map_err(|problems| {
        print_problems(file, &problems, lang);
        ExitCode::from(INVALID)
    })
}

/// Every problem (or warning), in `lang` and then in the other language.
pub fn print_problems(file: &str, problems: &[Problem], lang: Lang) {
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

/// Reads FILE (`-` for standard input).
pub fn read(file: &str) -> Result<String, String> {
    if file == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("cannot read {file}: {e}"))
    }
}

/// Reads FILE's bytes (`-` for standard input): a figures file may be an .xlsx workbook.
pub fn read_bytes(file: &str) -> Result<Vec<u8>, String> {
    if file == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(bytes)
    } else {
        std::fs::read(file).map_err(|e| format!("cannot read {file}: {e}"))
    }
}

/// Reads and validates a scenario file; on failure prints the problems and gives the exit code.
pub fn scenario(file: &str, lang: Lang) -> Result<ncms_sim::CheckedScenario, ExitCode> {
    let text = read(file).map_err(|message| {
        eprintln!("ncms: {message}");
        ExitCode::from(USAGE_OR_IO)
    })?;
    match ncms_sim::read_checked(&text) {
        Ok(checked) => {
            if !checked.warnings.is_empty() {
                print_problems(file, &checked.warnings, lang);
            }
            Ok(checked.scenario)
        }
        Err(problems) => {
            print_problems(file, &problems, lang);
            Err(ExitCode::from(INVALID))
        }
    }
}

/// Writes FILE (`--out FILE`).
pub fn write_file(path: &str, bytes: &[u8]) -> Result<ExitCode, String> {
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {path}: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

/// `body` as pretty JSON with a `format` field first (`"ncms-sim/answer@1"`), as every JSON the
/// CLI writes carries one.
pub fn json_with_format<T: serde::Serialize>(format: &str, body: &T) -> Result<String, String> {
    #[derive(serde::Serialize)]
    struct Out<'a, T: serde::Serialize> {
        format: &'a str,
        #[serde(flatten)]
        body: &'a T,
    }
    serde_json::to_string_pretty(&Out { format, body })
        .map(|text| text + "\n")
        .map_err(|e| e.to_string())
}
