//! Edits: "set this field to this number" (or `null`: empty an optional value, such as a cap).
//! Each edit is resolved once against the parameter registry ([`resolve`]) and written into the
//! typed scenario in memory ([`apply`]); no JSON is involved, so an edit costs nanoseconds and
//! a solver can run hundreds. Validation of the result is `validate`'s: an edit can never
//! produce what a file could not.
//!
//! Paths are the ones validation reports (`lines[1].inpatient.reimbursement_ratio`), in their one
//! spelling (`path`), which lets the app list "what I changed" and put edits in a share link
//! without a second vocabulary.

use crate::base::lang::Text;
use crate::base::units::Unit;
use crate::scenario::file_format::{Edits, Level, Scenario};
use crate::scenario::params::Role;
use crate::scenario::params::{self, Place, Slot, WriteError};
use crate::scenario::problem::{Problem, ProblemKind};
use serde::{Deserialize, Serialize};

/// One edit, resolved: the registry row and line it writes, and the value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edit {
    pub place: Place,
    pub value: Option<f64>,
}

/// Whether the edits come from a plan (policy levers only) or change the scenario itself
/// (assumptions too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Plan,
    Scenario,
}

/// The levels of the scenario's lines, for labels.
pub fn levels(scenario: &Scenario) -> Vec<Level> {
    scenario.lines.iter().map(|l| l.level).collect()
}

/// Resolves every edit against the registry and `scenario`: the edits that resolve, and a
/// problem at the edit's path for each that does not.
pub fn resolve(edits: &Edits, scenario: &Scenario, scope: Scope) -> (Vec<Edit>, Vec<Problem>) {
    let mut resolved = Vec::with_capacity(edits.len());
    let mut problems = Vec::new();
    for (key, value) in edits {
        match resolve_one(key, *value, scenario, scope) {
            Ok(edit) => resolved.push(edit),
            Err(problem) => problems.push(*problem),
        }
    }
    (resolved, problems)
}

/// One edit against the registry. Nothing is written for people unless the edit is refused: this
/// runs for every edit on every keystroke.
fn resolve_one(
    key: &str,
    value: Option<f64>,
    scenario: &Scenario,
    scope: Scope,
) -> Result<Edit, Box<Problem>> {
    let shown = || value.map_or_else(|| "null".to_string(), |v| v.to_string());
    let place = params::find_text(key)
        .map_err(|_| {
            Box::new(Problem::new(
                key,
                ProblemKind::BadPath {
                    written: key.to_string(),
                },
                shown(),
            ))
        })?
        .filter(|p| p.param.read(scenario, p.line).is_some())
        .ok_or_else(|| Box::new(Problem::new(key, ProblemKind::UnknownPath, shown())))?;
    let param = place.param;
    let refuse = |kind| {
        let label = param.label_at(&levels(scenario), place.line);
        Box::new(Problem::new(key, kind, shown()).labelled(label))
    };
    let editable = match scope {
        Scope::Plan => param.is_lever(),
        Scope::Scenario => param.role != params::Role::Observed,
    };
    if !editable {
        return Err(refuse(ProblemKind::NotALever {
            role: param.role,
            frame: param.frames_the_scenario(),
        }));
    }
    match value {
        Some(v) if !v.is_finite() => Err(refuse(ProblemKind::NotFinite)),
        None if !param.optional => Err(refuse(ProblemKind::NotOptional)),
        _ => Ok(Edit { place, value }),
    }
}

/// `scenario` with the edits written in (its own `proposal` and `assumptions` dropped: they are
/// what the edits replace); not yet validated.
pub fn apply(scenario: &Scenario, edits: &[Edit]) -> Result<Scenario, Vec<Problem>> {
    let mut edited = without_edits(scenario);
    apply_in_place(&mut edited, edits)?;
    Ok(edited)
}

/// A copy of `scenario` without its `proposal`, `assumptions` and `plans` (not copied only to
/// be dropped: the app copies the scenario on every keystroke).
fn without_edits(scenario: &Scenario) -> Scenario {
    let Scenario {
        id,
        name,
        year,
        notes,
        sources,
        population,
        financing,
        lines,
        rules,
        behaviour,
        projection,
        targets,
        households,
        ranges,
        observed,
        assumptions: _,
        proposal: _,
        plans: _,
    } = scenario;
    Scenario {
        id: id.clone(),
        name: name.clone(),
        year: *year,
        notes: notes.clone(),
        sources: sources.clone(),
        population: population.clone(),
        financing: financing.clone(),
        lines: lines.clone(),
        rules: rules.clone(),
        behaviour: behaviour.clone(),
        projection: projection.clone(),
        targets: targets.clone(),
        households: households.clone(),
        ranges: ranges.clone(),
        observed: observed.clone(),
        assumptions: Edits::new(),
        proposal: Edits::new(),
        plans: Vec::new(),
    }
}

/// Writes the edits into `scenario`.
pub fn apply_in_place(scenario: &mut Scenario, edits: &[Edit]) -> Result<(), Vec<Problem>> {
    let mut problems = Vec::new();
    for edit in edits {
        let param = edit.place.param;
        if let Err(error) = param.write(scenario, edit.place.line, edit.value) {
            let kind = match error {
                WriteError::Absent => ProblemKind::UnknownPath,
                WriteError::NotOptional => ProblemKind::NotOptional,
                WriteError::NotWhole => ProblemKind::NotWhole,
                // A finite value beyond what the field's type holds (1e300 yuan) is out of range.
                WriteError::NotRepresentable if edit.value.is_some_and(f64::is_finite) => {
                    ProblemKind::OutOfRange {
                        range: param.range,
                        unit: param.unit,
                    }
                }
                WriteError::NotRepresentable => ProblemKind::NotFinite,
            };
            let shown = edit.value.map_or_else(|| "null".into(), |v| v.to_string());
            problems.push(
                Problem::new(edit.place.path(), kind, shown)
                    .labelled(param.label_at(&levels(scenario), edit.place.line)),
            );
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// The edits as labelled changes (before → after), in path order.
pub fn describe(baseline: &Scenario, edits: &[Edit]) -> Vec<Change> {
    let levels = levels(baseline);
    edits
        .iter()
        .map(|edit| {
            let param = edit.place.param;
            Change {
                path: edit.place.path(),
                label: param.label_at(&levels, edit.place.line),
                before: param.read(baseline, edit.place.line).and_then(Slot::number),
                after: edit.value.and_then(|v| {
                    // What the scenario holds after the edit: money to the fen.
                    let mut probe = Slot::Real(v);
                    if param.unit == crate::base::units::Unit::Yuan {
                        probe = crate::base::money::from_f64(v).map_or(probe, Slot::Money);
                    }
                    probe.number()
                }),
                unit: param.unit,
                role: param.role,
            }
        })
        .collect()
}

/// The current value at `path`, if it names a registered number that is set in the scenario.
pub fn value_at(scenario: &Scenario, path: &str) -> Option<f64> {
    let place = params::find_text(path).ok()??;
    place.param.read(scenario, place.line)?.number()
}

/// The paths of the funding levers (every payer per enrollee), from the registry.
pub fn funding_paths() -> impl Iterator<Item = &'static str> {
    params::PARAMS
        .iter()
        .filter(|p| p.group == params::Group::Funding && p.is_lever())
        .map(|p| p.path)
}

/// Funding per enrollee from every payer, in `scenario` with `edits` (the plan's values).
pub fn funding_per_head(scenario: &Scenario, edits: &Edits) -> Vec<(&'static str, f64)> {
    funding_paths()
        .map(|path| {
            let value = match edits.get(path) {
                Some(v) => v.unwrap_or(0.0),
                None => value_at(scenario, path).unwrap_or(0.0),
            };
            (path, value)
        })
        .collect()
}

/// Total funding per enrollee from every payer (个人缴费 + 各级财政补助), in `scenario` with
/// `edits`: the one sum every control that shows the total reads. Each payer is money to the
/// fen, so the sum is taken in whole fen and is exact.
pub fn funding_total(scenario: &Scenario, edits: &Edits) -> f64 {
    let fen: f64 = funding_per_head(scenario, edits)
        .iter()
        .map(|(_, v)| (v * 100.0).round())
        .sum();
    fen / 100.0
}

/// The payer edits that make funding per enrollee `total` ([`funding_in_shares`]), or the problem
/// with `total` itself when it is outside the total lever's range: a total the fund cannot have
/// is refused at the total, not as the payers' amounts it would split into.
pub fn funding_total_edits(
    scenario: &Scenario,
    edits: &Edits,
    total: f64,
) -> Result<Vec<(String, Option<f64>)>, Vec<Problem>> {
    let param = &params::FUNDING_TOTAL;
    if !param.range.contains(total) {
        return Err(vec![Problem::new(
            param.path,
            ProblemKind::OutOfRange {
                range: param.range,
                unit: param.unit,
            },
            crate::base::units::trimmed(total),
        )
        .labelled(param.label.into())]);
    }
    Ok(funding_in_shares(scenario, edits, total))
}

/// The payer edits that make funding per enrollee `total`, each payer keeping its current share
/// (all to the individual contribution when nothing is funded yet). Amounts are to the fen and
/// add up exactly to `total` (to the fen): the rounding remainder goes to the largest payer.
pub fn funding_in_shares(
    scenario: &Scenario,
    edits: &Edits,
    total: f64,
) -> Vec<(String, Option<f64>)> {
    let current = funding_per_head(scenario, edits);
    let sum = funding_total(scenario, edits);
    let total_fen = (total * 100.0).round();
    let mut fen: Vec<f64> = current
        .iter()
        .map(|(path, v)| {
            if sum > 0.0 {
                (v / sum * total_fen).round()
            } else if *path == "financing.individual" {
                total_fen
            } else {
                0.0
            }
        })
        .collect();
    let remainder = total_fen - fen.iter().sum::<f64>();
    if let Some(largest) = (0..fen.len()).max_by(|a, b| fen[*a].total_cmp(&fen[*b])) {
        fen[largest] += remainder;
    }
    current
        .iter()
        .zip(fen)
        .map(|((path, _), f)| (path.to_string(), Some(f / 100.0)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn total_funding_moves_the_payers_in_their_shares_to_the_fen() {
        let s = crate::scenario::validate::read_scenario(
            crate::scenario::bundled::bundled("taizhou-2012").unwrap(),
        )
        .unwrap();
        // Taizhou 2012: 130 individual + 273 government (all county in the file) = 403.
        let edits = funding_in_shares(&s, &Edits::new(), 500.0);
        let total: f64 = edits.iter().map(|(_, v)| v.unwrap()).sum();
        assert!((total - 500.0).abs() < 1e-9, "{edits:?}");
        let individual = edits
            .iter()
            .find(|(p, _)| p == "financing.individual")
            .unwrap()
            .1
            .unwrap();
        assert!(
            (individual - 130.0 * 500.0 / 403.0).abs() < 0.01,
            "{individual}"
        );
        assert_eq!(funding_paths().count(), 5);
    }

    #[test]
    fn a_total_outside_its_range_is_refused_at_the_total_not_at_the_payers() {
        let s = crate::scenario::validate::read_scenario(
            crate::scenario::bundled::bundled("taizhou-2012").unwrap(),
        )
        .unwrap();
        let max = params::FUNDING_TOTAL.range.max;
        assert!(funding_total_edits(&s, &Edits::new(), max).is_ok());
        let problem = funding_total_edits(&s, &Edits::new(), 99_999_999_999.0)
            .unwrap_err()
            .remove(0);
        assert_eq!(problem.path, "financing.total");
        assert!(matches!(problem.kind, ProblemKind::OutOfRange { .. }));
        assert!(problem
            .message
            .get(crate::base::lang::Lang::Zh)
            .contains("人均筹资合计"));
        assert!(funding_total_edits(&s, &Edits::new(), -1.0).is_err());
    }
}

/// One edited field: its path, its label, and the value before and after (`None`: empty, such
/// as "no cap"), with the unit and role from the parameter registry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub path: String,
    pub label: Text,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub unit: Unit,
    pub role: Role,
}

impl Change {
    /// The registry row of the changed field.
    pub fn param(&self) -> Option<&'static crate::scenario::params::Param> {
        crate::scenario::params::find_text(&self.path)
            .ok()
            .flatten()
            .map(|place| place.param)
    }

    /// "no cap → 500.00 元", "85.0% → 88.0%": the change in one language.
    pub fn show(&self, lang: crate::base::lang::Lang) -> (String, String) {
        let show = |v: Option<f64>| match (v, self.param()) {
            (v, Some(param)) => param.show(v, lang),
            (Some(v), None) => self.unit.show(v, lang),
            (None, None) => "–".to_string(),
        };
        (show(self.before), show(self.after))
    }
}
