//! Structural edits of a scenario: a hospital level's line or kind of care added or removed, a
//! scheme-wide rule switched on or off, the ceiling's form changed, the fund renamed. What a
//! numeric edit cannot express. New parts start from the calibrated Taizhou 2012 scenario's values
//! for the same level (seed 000), so a new line is plausible before the official sets it; each
//! result is validated like any scenario.

use crate::base::field_path::{FieldPath, Segment};
use crate::base::lang::Text;
use crate::base::money::{self, Yuan};
use crate::scenario::file_format::*;
use rust_decimal::Decimal;

/// A kind of care on a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Care {
    Outpatient,
    Inpatient,
}

/// A scheme-wide rule that a fund may or may not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    ConsultationFee,
    SpecialDisease,
    MajorDisease,
    RiskReserve,
}

/// The form of the annual ceiling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CeilingForm {
    None,
    Fixed,
    IncomeMultiple,
}

/// Why a structural edit cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructureError {
    /// A scenario needs one line, and a line one kind of care.
    WouldBeEmpty,
    NoSuchLine,
    TooManyLines,
}

impl StructureError {
    /// Why the change cannot be made, in both languages.
    pub fn describe(self) -> Text {
        match self {
            StructureError::WouldBeEmpty => Text::new(
                "至少要保留一个服务项目，每个项目至少保留门诊或住院之一",
                "a fund keeps at least one line, and a line at least one kind of care",
            ),
            StructureError::NoSuchLine => Text::new("没有这个服务项目", "there is no such line"),
            StructureError::TooManyLines => {
                Text::new("服务项目已达上限", "the most lines a scenario may have")
            }
        }
    }
}

/// The edits of `edits` whose places `scenario` still has (after a line, a kind of care or a
/// rule was removed, its edits go with it).
pub fn edits_it_still_has(scenario: &Scenario, edits: &Edits) -> Edits {
    edits_from(
        edits
            .iter()
            .filter(|(path, _)| {
                FieldPath::parse(path)
                    .ok()
                    .and_then(|p| crate::scenario::params::find(&p))
                    .is_some_and(|place| place.param.read(scenario, place.line).is_some())
            })
            .map(|(k, v)| (k.clone(), *v)),
    )
}

/// The scenario new parts are taken from.
fn reference() -> Option<Scenario> {
    crate::scenario::validate::read_scenario(crate::scenario::bundled::bundled("taizhou-2012")?)
        .ok()
}

/// Care of `care` kind at `level` as the reference scenario has it, from the nearest level that
/// has that kind of care.
fn reference_care(level: Level, care: Care) -> ServiceLine {
    let lines = reference().map(|s| s.lines).unwrap_or_default();
    let rank = |l: Level| Level::ALL.iter().position(|x| *x == l).unwrap_or(0) as i32;
    let has = |line: &ServiceLine| match care {
        Care::Outpatient => line.outpatient.is_some(),
        Care::Inpatient => line.inpatient.is_some(),
    };
    let nearest = lines
        .iter()
        .filter(|line| has(line))
        .min_by_key(|line| (rank(line.level) - rank(level)).abs());
    let mut line = ServiceLine {
        level,
        outpatient: None,
        inpatient: None,
    };
    match (care, nearest) {
        (Care::Outpatient, Some(n)) => line.outpatient = n.outpatient.clone(),
        (Care::Inpatient, Some(n)) => line.inpatient = n.inpatient.clone(),
        (Care::Outpatient, None) => {
            line.outpatient = Some(Outpatient {
                visits_per_enrollee: 0.5,
                mean_cost: money::fen(Decimal::from(60)),
                cost_cv: 1.2,
                scope_share: 0.85,
                deductible: money::ZERO,
                reimbursement_ratio: 0.3,
                visit_cap: None,
            })
        }
        (Care::Inpatient, None) => {
            line.inpatient = Some(Inpatient {
                admissions_per_1000: 30.0,
                mean_cost: money::fen(Decimal::from(6000)),
                cost_cv: 1.1,
                scope_share: 0.85,
                deductible: money::fen(Decimal::from(500)),
                reimbursement_ratio: 0.8,
                admission_cap: None,
            })
        }
    }
    line
}

/// Adds a line for `level` with outpatient and inpatient care; its index.
pub fn add_line(s: &mut Scenario, level: Level) -> Result<usize, StructureError> {
    if s.lines.len() >= crate::scenario::json_reader::MAX_LINES {
        return Err(StructureError::TooManyLines);
    }
    let mut line = reference_care(level, Care::Outpatient);
    line.inpatient = reference_care(level, Care::Inpatient).inpatient;
    // Keep the lines in the order of the referral ladder.
    let at = s
        .lines
        .iter()
        .position(|l| l.level > level)
        .unwrap_or(s.lines.len());
    s.lines.insert(at, line);
    Ok(at)
}

/// Removes line `index`; a scenario keeps at least one line.
pub fn remove_line(s: &mut Scenario, index: usize) -> Result<(), StructureError> {
    if index >= s.lines.len() {
        return Err(StructureError::NoSuchLine);
    }
    if s.lines.len() == 1 {
        return Err(StructureError::WouldBeEmpty);
    }
    s.lines.remove(index);
    Ok(())
}

/// Switches a kind of care on a line on (from the reference values) or off.
pub fn set_care(
    s: &mut Scenario,
    index: usize,
    care: Care,
    on: bool,
) -> Result<(), StructureError> {
    let line = s.lines.get_mut(index).ok_or(StructureError::NoSuchLine)?;
    match (care, on) {
        (Care::Outpatient, true) if line.outpatient.is_none() => {
            line.outpatient = reference_care(line.level, care).outpatient
        }
        (Care::Inpatient, true) if line.inpatient.is_none() => {
            line.inpatient = reference_care(line.level, care).inpatient
        }
        (Care::Outpatient, false) if line.inpatient.is_some() => line.outpatient = None,
        (Care::Inpatient, false) if line.outpatient.is_some() => line.inpatient = None,
        (_, false) => return Err(StructureError::WouldBeEmpty),
        _ => {}
    }
    Ok(())
}

/// Switches a scheme-wide rule on (from the reference values, or the seeds' where the reference
/// lacks it) or off.
pub fn set_rule(s: &mut Scenario, rule: Rule, on: bool) {
    let reference = reference();
    let r = &mut s.rules;
    match (rule, on) {
        (Rule::ConsultationFee, true) if r.consultation_fee.is_none() => {
            // Wafangdian's village fee (seed 001): 6 yuan, 5.5 paid by the scheme, 11 a year cap.
            r.consultation_fee = Some(ConsultationFee {
                level: Level::Village,
                fee_per_visit: money::fen(Decimal::from(6)),
                scheme_part: money::fen(Decimal::new(55, 1)),
                visits_per_served_resident: 2.0,
                cap_per_capita: money::fen(Decimal::from(11)),
                served_share: 1.0,
            })
        }
        (Rule::SpecialDisease, true) if r.special_disease.is_none() => {
            r.special_disease = reference.and_then(|s| s.rules.special_disease)
        }
        (Rule::MajorDisease, true) if r.major_disease.is_none() => {
            r.major_disease = reference.and_then(|s| s.rules.major_disease)
        }
        (Rule::RiskReserve, true) if r.risk_reserve.is_none() => {
            r.risk_reserve = reference.and_then(|s| s.rules.risk_reserve)
        }
        (Rule::ConsultationFee, false) => r.consultation_fee = None,
        (Rule::SpecialDisease, false) => r.special_disease = None,
        (Rule::MajorDisease, false) => r.major_disease = None,
        (Rule::RiskReserve, false) => r.risk_reserve = None,
        _ => {}
    }
}

/// Changes the ceiling's form, keeping its amount where the new form can: a fixed ceiling at the
/// amount in force; an income multiple of 8 with the 80 000-yuan floor (the 2013 rule, seed 000).
pub fn set_ceiling(s: &mut Scenario, form: CeilingForm) {
    let current: Option<Yuan> = s
        .rules
        .annual_ceiling
        .as_ref()
        .and_then(Ceiling::checked_amount);
    s.rules.annual_ceiling = match form {
        CeilingForm::None => None,
        CeilingForm::Fixed => Some(Ceiling::Fixed(
            current.unwrap_or_else(|| money::fen(Decimal::from(80_000))),
        )),
        CeilingForm::IncomeMultiple => match s.rules.annual_ceiling.take() {
            Some(Ceiling::IncomeMultiple(rule)) => Some(Ceiling::IncomeMultiple(rule)),
            _ => Some(Ceiling::IncomeMultiple(IncomeMultipleCeiling {
                multiple: 8.0,
                rural_net_income: s
                    .targets
                    .national_rural_net_income
                    .unwrap_or_else(|| money::fen(Decimal::from(7917))),
                floor: money::fen(Decimal::from(80_000)),
            })),
        },
    };
}

/// Edits that named line `removed` dropped, and those of later lines moved down one, so that every
/// edit still names the line it was made for.
pub fn edits_after_removing_line(edits: &Edits, removed: usize) -> Edits {
    edits_from(edits.iter().filter_map(|(key, value)| {
        let Ok(path) = FieldPath::parse(key) else {
            return Some((key.clone(), *value));
        };
        match path.segments() {
            [Segment::Key(lines), Segment::Index(i), rest @ ..] if lines == "lines" => {
                let i = *i;
                if i == removed {
                    return None;
                }
                let mut moved =
                    FieldPath::root()
                        .key("lines")
                        .index(if i > removed { i - 1 } else { i });
                for segment in rest {
                    moved = match segment {
                        Segment::Key(k) => moved.key(k),
                        Segment::Index(n) => moved.index(*n),
                    };
                }
                Some((moved.to_string(), *value))
            }
            _ => Some((key.clone(), *value)),
        }
    }))
}

/// Edits that named line `added` or later moved up one, after a line was inserted at `added`.
pub fn edits_after_adding_line(edits: &Edits, added: usize) -> Edits {
    edits_from(edits.iter().map(|(key, value)| {
        let moved = FieldPath::parse(key)
            .ok()
            .and_then(|path| match path.segments() {
                [Segment::Key(lines), Segment::Index(i), rest @ ..]
                    if lines == "lines" && *i >= added =>
                {
                    let mut moved = FieldPath::root().key("lines").index(i + 1);
                    for segment in rest {
                        moved = match segment {
                            Segment::Key(k) => moved.key(k),
                            Segment::Index(n) => moved.index(*n),
                        };
                    }
                    Some(moved.to_string())
                }
                _ => None,
            });
        (moved.unwrap_or_else(|| key.clone()), *value)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pinghu() -> Scenario {
        crate::scenario::validate::read_scenario(
            crate::scenario::bundled::bundled("pinghu-2012").unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn edits_from_pairs_are_what_collect_makes_the_last_value_of_a_path_kept() {
        let pairs = vec![
            ("lines[1].outpatient.deductible".to_string(), Some(10.0)),
            ("financing.individual".to_string(), Some(90.0)),
            ("lines[1].outpatient.deductible".to_string(), None),
            ("financing.individual".to_string(), Some(100.0)),
        ];
        let collected: Edits = pairs.clone().into_iter().collect();
        assert_eq!(edits_from(pairs), collected);
        assert_eq!(collected["financing.individual"], Some(100.0));
        assert_eq!(collected["lines[1].outpatient.deductible"], None);
    }

    #[test]
    fn a_new_line_takes_the_reference_values_of_its_level_and_validates() {
        let mut s = pinghu();
        let before = s.lines.len();
        s.lines.retain(|l| l.level != Level::Higher);
        add_line(&mut s, Level::Higher).unwrap();
        assert_eq!(s.lines.len(), before);
        let higher = s.lines.iter().find(|l| l.level == Level::Higher).unwrap();
        assert_eq!(
            higher.inpatient.as_ref().unwrap().mean_cost.to_string(),
            "13500.00"
        );
        // Taizhou has no outpatient care at higher hospitals: the nearest level's (county) is taken.
        assert_eq!(
            higher.outpatient.as_ref().unwrap().mean_cost.to_string(),
            "110.00"
        );
        assert!(crate::scenario::validate::check(s).is_ok());
    }

    #[test]
    fn nothing_is_left_empty() {
        let mut s = pinghu();
        while s.lines.len() > 1 {
            remove_line(&mut s, 0).unwrap();
        }
        assert_eq!(remove_line(&mut s, 0), Err(StructureError::WouldBeEmpty));
        let only = if s.lines[0].outpatient.is_some() {
            Care::Outpatient
        } else {
            Care::Inpatient
        };
        if s.lines[0].outpatient.is_some() && s.lines[0].inpatient.is_some() {
            set_care(&mut s, 0, Care::Inpatient, false).unwrap();
            assert_eq!(
                set_care(&mut s, 0, Care::Outpatient, false),
                Err(StructureError::WouldBeEmpty)
            );
        } else {
            assert_eq!(
                set_care(&mut s, 0, only, false),
                Err(StructureError::WouldBeEmpty)
            );
        }
    }

    #[test]
    fn rules_switch_on_with_cited_values_and_off() {
        let mut s = pinghu();
        set_rule(&mut s, Rule::ConsultationFee, true);
        assert_eq!(
            s.rules
                .consultation_fee
                .as_ref()
                .unwrap()
                .cap_per_capita
                .to_string(),
            "11.00"
        );
        set_ceiling(&mut s, CeilingForm::IncomeMultiple);
        assert!(matches!(
            s.rules.annual_ceiling,
            Some(Ceiling::IncomeMultiple(_))
        ));
        assert!(crate::scenario::validate::check(s.clone()).is_ok());
        set_rule(&mut s, Rule::ConsultationFee, false);
        set_ceiling(&mut s, CeilingForm::None);
        assert!(s.rules.consultation_fee.is_none() && s.rules.annual_ceiling.is_none());
        assert!(crate::scenario::validate::check(s).is_ok());
    }

    #[test]
    fn edits_follow_their_lines() {
        let edits: Edits = [
            (
                "lines[0].outpatient.reimbursement_ratio".to_string(),
                Some(0.4),
            ),
            ("lines[1].inpatient.deductible".to_string(), Some(300.0)),
            ("lines[2].inpatient.deductible".to_string(), Some(600.0)),
            ("financing.individual".to_string(), Some(120.0)),
        ]
        .into();
        let after = edits_after_removing_line(&edits, 1);
        assert_eq!(
            after.keys().collect::<Vec<_>>(),
            [
                "financing.individual",
                "lines[0].outpatient.reimbursement_ratio",
                "lines[1].inpatient.deductible"
            ]
        );
        assert_eq!(after["lines[1].inpatient.deductible"], Some(600.0));
        let added = edits_after_adding_line(&edits, 1);
        assert_eq!(added["lines[3].inpatient.deductible"], Some(600.0));
        assert_eq!(added["lines[2].inpatient.deductible"], Some(300.0));
        assert_eq!(added["lines[0].outpatient.reimbursement_ratio"], Some(0.4));
    }
}
