//! `ncms patient FILE`: what one patient pays, and what the scheme pays, layer by layer, under
//! the baseline and the file's proposal; without `--kind` and `--cost`, the typical patients.

use crate::args::{Args, Format};
use crate::output::{self, emit, print_problems};
use ncms_sim::money;
use ncms_sim::patient::{self, CaseError, PatientCase, PatientComparison, PatientKind};
use ncms_sim::{render, Lang, Level};
use std::process::ExitCode;

pub const USAGE: &[&str] = &[
    "ncms patient FILE [--level LEVEL --kind KIND --cost YUAN [--scope SHARE]] [--format table|json] [--lang zh|en]",
];
pub const HELP: &[&str] = &[
    "patient   one patient's bill layer by layer (patient and scheme, baseline and proposal); \
     without --kind and --cost, the typical patients",
    "          LEVEL village|township|county|higher|out_of_area (outpatient and inpatient care)",
    "          KIND outpatient|inpatient|special_disease|major_disease",
];

fn level(text: &str) -> Result<Level, String> {
    Level::ALL
        .into_iter()
        .find(|l| {
            serde_json::to_value(l)
                .ok()
                .as_ref()
                .and_then(|v| v.as_str())
                == Some(text)
        })
        .ok_or_else(|| {
            format!("--level is village, township, county, higher or out_of_area, not {text:?}")
        })
}

fn kind(text: &str) -> Result<PatientKind, String> {
    PatientKind::ALL
        .into_iter()
        .find(|k| k.name() == text)
        .ok_or_else(|| {
            format!(
                "--kind is outpatient, inpatient, special_disease or major_disease, not {text:?}"
            )
        })
}

fn number(name: &str, text: &str) -> Result<f64, String> {
    text.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("{name} takes a number, not {text:?}"))
}

pub fn run(mut args: Args) -> Result<ExitCode, String> {
    let file = args.file()?;
    let level = args.take("--level").map(|t| level(&t)).transpose()?;
    let kind = args.take("--kind").map(|t| kind(&t)).transpose()?;
    let cost = args.take("--cost");
    let scope = args
        .take("--scope")
        .map(|t| number("--scope", &t))
        .transpose()?;
    let format = args.format(&[Format::Table, Format::Json])?;
    let lang = args.lang()?;
    args.finish()?;
    let case = match (kind, &cost) {
        (Some(kind), Some(cost)) => Some(PatientCase {
            level,
            kind,
            bill: money::from_f64(number("--cost", cost)?)
                .ok_or_else(|| format!("--cost takes an amount in yuan, not {cost:?}"))?,
            scope_share: scope,
        }),
        (None, None) if level.is_none() && scope.is_none() => None,
        _ => return Err("--kind and --cost go together (and --level, --scope with them)".into()),
    };
    let scenario = match output::scenario(&file, lang) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let patients: Result<Vec<PatientComparison>, CaseError> = match case {
        Some(case) => patient::compare_plan(&scenario, &scenario.proposal, &case).map(|p| vec![p]),
        None => patient::typical_plan(&scenario, &scenario.proposal)
            .map(|all| all.into_iter().map(|(_, p)| p).collect()),
    };
    let patients = match patients {
        Ok(patients) => patients,
        Err(CaseError::Invalid(problems)) => {
            print_problems(&file, &problems, lang);
            return Ok(ExitCode::from(output::INVALID));
        }
        // The options do not fit the scenario (no such line, a level where none applies).
        Err(other) => return Err(other.describe(lang)),
    };
    let text = match format {
        Format::Json => {
            let json = if patients.len() == 1 && cost.is_some() {
                serde_json::to_string_pretty(&patients[0])
            } else {
                serde_json::to_string_pretty(&patients)
            };
            json.map_err(|e| e.to_string())? + "\n"
        }
        _ => table(&scenario, &patients, lang),
    };
    Ok(emit(&text))
}

fn table(
    scenario: &ncms_sim::CheckedScenario,
    patients: &[PatientComparison],
    lang: Lang,
) -> String {
    let mut out = format!("# {} ({})\n", scenario.name.get(lang), scenario.id);
    if scenario.proposal.is_empty() {
        out.push_str(lang.pick(
            "（本文件没有方案：基线与方案相同）\n",
            "(the file has no proposal: the proposal is the baseline)\n",
        ));
    }
    for patient in patients {
        out.push('\n');
        out.push_str(&render::patient_table(patient, lang));
    }
    out
}
