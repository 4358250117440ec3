//! `ncms params`: every parameter of the scenario format, from the registry.

use crate::args::{Args, Format};
use crate::output::emit;
use ncms_sim::figure::Unit;
use ncms_sim::params::{Role, PARAMS};
use ncms_sim::problem::range_text;
use ncms_sim::Lang;
use std::process::ExitCode;

pub const USAGE: &[&str] = &["ncms params [--format table|json] [--lang zh|en]"];
pub const HELP: &[&str] =
    &["params    list every parameter: path, label, policy or assumption, unit, range, help"];

pub fn run(mut args: Args) -> Result<ExitCode, String> {
    args.no_file()?;
    let format = args.format(&[Format::Table, Format::Json])?;
    let lang = args.lang()?;
    args.finish()?;
    Ok(emit(&params_listing(format, lang)?))
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
