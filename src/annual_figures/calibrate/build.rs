//! Building the scenario: the fund's figures written down, the lines of care chosen and started
//! from the defaults, each reported figure paired with the levers that can reproduce it, and the
//! finished scenario with its notes, sources and reported figures.

use super::fit::{fen, price, Fit, Given, Knob, Lever, Line, Major, Measure, Model, Params};
use super::{defaults, Options, DEFAULTS_FILE};
use crate::annual_figures::report_form::{
    self, levels_of, AnnualFigures, FigureId, LineFigure, Source as FigureSource, Value,
    GOVERNMENT_LEVELS,
};
use crate::base::lang::{Lang, Text};
use crate::base::money::{self, Yuan};
use crate::scenario::file_format::CareKind;
use crate::scenario::file_format::*;
use crate::scenario::problem::{Problem, ProblemKind};
use std::collections::BTreeMap;

/// The default parameters of a kind of care at a level: Taizhou's line at that level, or at the
/// nearest level Taizhou has (its outpatient care stops at county hospitals), scaled to
/// `enrollees`.
fn default_params(care: CareKind, level: Option<Level>, enrollees: f64) -> Params {
    let d = defaults();
    if care == CareKind::SpecialDisease {
        let sd = d.rules.special_disease.as_ref();
        return sd.map_or(
            Params {
                volume: 0.0,
                mean_cost: 20_000.0,
                cv: 1.2,
                scope: 0.85,
                deductible: 0.0,
                ratio: 0.6,
                cap: None,
            },
            |sd| Params {
                volume: sd.patients_per_1000 / 1000.0 * enrollees,
                mean_cost: money::to_f64(sd.annual_cost),
                cv: sd.cost_cv,
                scope: sd.scope_share,
                deductible: money::to_f64(sd.deductible),
                ratio: sd.reimbursement_ratio,
                cap: None,
            },
        );
    }
    let wanted = level.unwrap_or(Level::County) as i32;
    // The nearest level, the lower of two equally near (no sort: it costs wasm).
    let line = d
        .lines
        .iter()
        .filter(|l| match care {
            CareKind::Outpatient => l.outpatient.is_some(),
            _ => l.inpatient.is_some(),
        })
        .min_by_key(|l| ((l.level as i32 - wanted).abs(), l.level))
        .expect("Taizhou 2012 has outpatient and inpatient care");
    match (care, &line.outpatient, &line.inpatient) {
        (CareKind::Outpatient, Some(o), _) => Params {
            volume: o.visits_per_enrollee * enrollees,
            mean_cost: money::to_f64(o.mean_cost),
            cv: o.cost_cv,
            scope: o.scope_share,
            deductible: money::to_f64(o.deductible),
            ratio: o.reimbursement_ratio,
            cap: o.visit_cap.map(money::to_f64),
        },
        (_, _, Some(i)) => Params {
            volume: i.admissions_per_1000 / 1000.0 * enrollees,
            mean_cost: money::to_f64(i.mean_cost),
            cv: i.cost_cv,
            scope: i.scope_share,
            deductible: money::to_f64(i.deductible),
            ratio: i.reimbursement_ratio,
            cap: i.admission_cap.map(money::to_f64),
        },
        _ => unreachable!("filtered on the kind of care"),
    }
}

/// The scenario under construction: the fund's figures, what is assumed, and the lines.
pub(super) struct Builder<'a> {
    figures: &'a AnnualFigures,
    enrollees: u64,
    individual: Yuan,
    government: GovernmentSubsidy,
    other_income: Yuan,
    ceiling: Option<Ceiling>,
    major: Major,
    premium: Yuan,
    model: Model,
    fits: Vec<Fit>,
    pub(super) warnings: Vec<Problem>,
    pub(super) assumptions: Vec<Text>,
    /// The fund's totals some lines are fitted to (its payments, its compensated person-times).
    pub(super) fitted_totals: Vec<FigureId>,
    /// What the fitted levers did, for the notes.
    fitted: Vec<Text>,
}

/// Six significant digits: what a person can read in the scenario file, and far below any
/// figure's precision (a relative 5 × 10⁻⁷).
fn significant(value: f64) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    let digits = 5 - value.abs().log10().floor() as i32;
    let factor = 10f64.powi(digits);
    (value * factor).round() / factor
}

fn yuan(value: f64) -> Yuan {
    money::fen_from_f64(value)
}

impl<'a> Builder<'a> {
    pub(super) fn new(figures: &'a AnnualFigures) -> Builder<'a> {
        Builder {
            figures,
            enrollees: 0,
            individual: money::ZERO,
            government: GovernmentSubsidy {
                central: money::ZERO,
                provincial: money::ZERO,
                municipal: money::ZERO,
                county: money::ZERO,
            },
            other_income: money::ZERO,
            ceiling: None,
            major: Major::default(),
            premium: money::ZERO,
            model: Model {
                lines: Vec::new(),
                ceiling: None,
                tiebreak: None,
            },
            fits: Vec::new(),
            warnings: Vec::new(),
            assumptions: Vec::new(),
            fitted_totals: Vec::new(),
            fitted: Vec::new(),
        }
    }

    fn assume(&mut self, zh: impl Into<String>, en: impl Into<String>) {
        self.assumptions.push(Text::new(zh, en));
    }

    fn money(&self, id: FigureId) -> Option<Yuan> {
        self.figures.money(id)
    }

    fn number(&self, id: FigureId) -> Option<f64> {
        self.figures.number(id)
    }

    /// Enrollees, funding per head by payer, other income, the ceiling, major diseases and the
    /// premium.
    pub(super) fn fund(&mut self) -> Result<(), Vec<Problem>> {
        use FigureId as F;
        let levels: Vec<(FigureId, Yuan)> = GOVERNMENT_LEVELS
            .iter()
            .filter_map(|id| Some((*id, self.money(*id)?)))
            .collect();
        let level_total: Option<Yuan> =
            (!levels.is_empty()).then(|| levels.iter().map(|(_, m)| *m).sum());
        let raised = self.money(F::FundsRaised);
        let enrollees_given = self.number(F::Enrollees);
        let mut per_head = self.money(F::FundingPerHead).or_else(|| {
            Some(self.money(F::Individual)? + level_total.or(self.money(F::Government))?)
        });
        if per_head.is_none() {
            // The figures' checks make sure funds raised and enrollees are both there.
            let (Some(raised), Some(n)) = (raised, enrollees_given) else {
                return Err(vec![Problem::new(
                    "funding.per_head",
                    ProblemKind::MissingFigure,
                    "",
                )
                .labelled(report_form::row(F::FundingPerHead).label.clone())]);
            };
            per_head = Some(yuan(money::to_f64(raised) / n.max(1.0)));
            self.assume(
                "人均筹资未填写：按筹资总额 ÷ 参合人数计算",
                "funding per head not given: funds raised ÷ enrollees",
            );
        }
        let per_head = per_head.unwrap_or(money::ZERO);
        let n = match enrollees_given {
            Some(n) => n,
            None => {
                let raised = raised.map_or(0.0, money::to_f64);
                self.assume(
                    "参合人数未填写：按筹资总额 ÷ 人均筹资计算",
                    "enrollees not given: funds raised ÷ funding per head",
                );
                raised / money::to_f64(per_head).max(0.01)
            }
        };
        self.enrollees = n.round().max(1.0) as u64;

        let government_total = level_total
            .or(self.money(F::Government))
            .or_else(|| Some(per_head - self.money(F::Individual)?).filter(|g| *g >= money::ZERO));
        let government_total = match government_total {
            Some(g) => g,
            None => {
                let d = defaults();
                let share =
                    money::ratio(d.financing.government.total(), d.financing.per_enrollee());
                self.assume(
                    format!(
                        "政府补助未填写：按台州 2012 年政府筹资比例 {:.2}% 计算",
                        share * 100.0
                    ),
                    format!(
                        "government subsidy not given: Taizhou's 2012 government share of {:.2}%",
                        share * 100.0
                    ),
                );
                yuan(money::to_f64(per_head) * share)
            }
        };
        self.individual = self
            .money(F::Individual)
            .unwrap_or(per_head - government_total)
            .max(money::ZERO);
        for (id, amount) in &levels {
            let slot = match id {
                F::Central => &mut self.government.central,
                F::Provincial => &mut self.government.provincial,
                F::Municipal => &mut self.government.municipal,
                _ => &mut self.government.county,
            };
            *slot = *amount;
        }
        let unsplit = government_total - level_total.unwrap_or(money::ZERO);
        if unsplit > money::ZERO {
            self.government.county += unsplit;
            self.assume(
                "各级财政补助的分级未知的部分记入县级",
                "government subsidy not split by level is written as county subsidy",
            );
        }

        let contributions = money::times(self.enrollees, self.individual + self.government.total());
        self.other_income = match raised {
            Some(raised) if raised > contributions => raised - contributions,
            _ => money::ZERO,
        };
        if raised.is_some_and(|r| r > contributions) {
            self.assume(
                "其他收入 = 筹资总额 − 参合人数 × 人均筹资",
                "other income = funds raised − enrollees × funding per head",
            );
        }

        self.ceiling = match (
            self.money(F::CeilingAmount),
            self.number(F::CeilingMultiple),
            self.money(F::RuralNetIncome),
        ) {
            (Some(amount), _, _) => Some(Ceiling::Fixed(amount)),
            (None, Some(multiple), Some(income)) => {
                Some(Ceiling::IncomeMultiple(IncomeMultipleCeiling {
                    multiple,
                    rural_net_income: income,
                    floor: self.money(F::CeilingFloor).unwrap_or(money::ZERO),
                }))
            }
            _ => {
                let ceiling = defaults().rules.annual_ceiling.clone();
                let amount = ceiling.as_ref().map_or(0.0, |c| money::to_f64(c.amount()));
                self.assume(
                    format!(
                        "封顶线未填写（或只有倍数没有收入）：采用台州 2012 年的 {amount:.0} 元"
                    ),
                    format!(
                        "annual ceiling not given (or a multiple without the income): Taizhou \
                         2012's {amount:.0} yuan"
                    ),
                );
                ceiling
            }
        };

        let cases = self.number(F::MajorCases).unwrap_or(0.0);
        let (cost, paid) = (self.number(F::MajorCost), self.number(F::MajorPayments));
        if cases > 0.0 && (cost.is_some() || paid.is_some()) {
            let standard = 0.7;
            let (cost, paid) = match (cost, paid) {
                (Some(c), Some(p)) => (c, p),
                (Some(c), None) => (c, c * standard),
                (None, Some(p)) => (p / standard, p),
                (None, None) => (0.0, 0.0),
            };
            if self.number(F::MajorCost).is_none() || self.number(F::MajorPayments).is_none() {
                self.assume(
                    "重大疾病费用或补偿金额缺一项：按限定费用 70% 的补偿标准推算",
                    "major-disease cost or payments missing: derived at the 70 % standard",
                );
            }
            self.major = Major {
                cases,
                limited_cost: fen(cost / cases),
                ratio: if cost > 0.0 {
                    (paid / cost).min(1.0)
                } else {
                    0.0
                },
            };
        }
        self.premium = self.money(F::CriticalIllnessPremium).unwrap_or(money::ZERO);
        Ok(())
    }

    fn enrollees_f(&self) -> f64 {
        self.enrollees as f64
    }

    /// Which levels each kind of care has, and their starting parameters.
    pub(super) fn lines(&mut self) {
        for care in [CareKind::Outpatient, CareKind::Inpatient] {
            for level in self.levels(care) {
                self.add_line(care, Some(level));
            }
        }
        let sd = |f| FigureId::line(CareKind::SpecialDisease, None, f);
        let sd_given = self.figures.has_line(CareKind::SpecialDisease, None);
        let sd_none = self.number(sd(LineFigure::PersonTimes)) == Some(0.0);
        if !sd_none {
            if !sd_given {
                self.assume(
                    "特殊病种大额门诊未填写：按台州 2012 年的患病率、费用与补偿比例设定",
                    "special-disease outpatient care not given: Taizhou 2012's patients, costs \
                     and ratio",
                );
            }
            self.add_line(CareKind::SpecialDisease, None);
        }
    }

    /// The levels of a kind: those the figures name (a level with 0 person-times has no such
    /// care); with none named, Taizhou's levels; and Taizhou's other levels as well when the
    /// kind's totals exceed what the named levels account for.
    fn levels(&mut self, care: CareKind) -> Vec<Level> {
        let f = self.figures;
        let all: Vec<Level> = levels_of(care).into_iter().flatten().collect();
        let none = |l: &Level| f.line(care, Some(*l), LineFigure::PersonTimes) == Some(0.0);
        let named: Vec<Level> = all
            .iter()
            .copied()
            .filter(|l| f.has_line(care, Some(*l)) && !none(l))
            .collect();
        let taizhou: Vec<Level> = defaults()
            .lines
            .iter()
            .filter(|l| match care {
                CareKind::Outpatient => l.outpatient.is_some(),
                _ => l.inpatient.is_some(),
            })
            .map(|l| l.level)
            .filter(|l| !none(l) && all.contains(l))
            .collect();
        let kind_words = match care {
            CareKind::Outpatient => ("普通门诊", "general outpatient"),
            _ => ("住院", "inpatient"),
        };
        if named.is_empty() {
            self.assume(
                format!(
                    "{}未分级填写：按台州 2012 年的分级结构（各级人次比例与相对费用）",
                    kind_words.0
                ),
                format!(
                    "{} care not given by level: Taizhou 2012's levels, their shares of \
                     person-times and their relative costs",
                    kind_words.1
                ),
            );
            return taizhou;
        }
        let major = |figure| match (care, figure) {
            (CareKind::Inpatient, LineFigure::PersonTimes) => self.major.cases,
            (CareKind::Inpatient, LineFigure::Cost) => self.major.cost(),
            (CareKind::Inpatient, LineFigure::Payments) => self.major.payments(),
            _ => 0.0,
        };
        let remainder = [
            LineFigure::PersonTimes,
            LineFigure::Cost,
            LineFigure::Payments,
        ]
        .into_iter()
        .any(|figure| {
            let Some(total) = f.line(care, None, figure) else {
                return false;
            };
            let parts: Option<f64> = named.iter().map(|l| f.line(care, Some(*l), figure)).sum();
            parts.is_some_and(|p| p + major(figure) < total * 0.995)
        });
        let mut levels = named.clone();
        if remainder {
            let extra: Vec<Level> = taizhou.into_iter().filter(|l| !named.contains(l)).collect();
            if !extra.is_empty() {
                self.assume(
                    format!(
                        "{}合计大于所填各级之和：差额按台州 2012 年的结构分配到未填写的级别",
                        kind_words.0
                    ),
                    format!(
                        "the {} totals exceed the levels given: the rest goes to the other levels \
                         in Taizhou 2012's proportions",
                        kind_words.1
                    ),
                );
            }
            levels.extend(extra);
        }
        // In the order of the referral ladder, as a scenario lists them.
        all.into_iter().filter(|l| levels.contains(l)).collect()
    }

    fn add_line(&mut self, care: CareKind, level: Option<Level>) {
        let f = self.figures;
        let n = self.enrollees_f();
        let get = |figure| f.line(care, level, figure);
        let mut start = default_params(care, level, n);
        let mut given = Given::default();
        let volume = get(LineFigure::PersonTimes).or_else(|| {
            Some(get(LineFigure::Cost)? / get(LineFigure::MeanCost).filter(|m| *m > 0.0)?)
        });
        if let Some(v) = volume {
            start.volume = v;
            given.volume = true;
        }
        let mean = get(LineFigure::MeanCost)
            .or_else(|| Some(get(LineFigure::Cost)? / volume.filter(|v| *v > 0.0)?));
        if let Some(m) = mean {
            start.mean_cost = fen(m).max(0.01);
            given.mean = true;
        }
        if let Some(s) = get(LineFigure::ScopeShare) {
            start.scope = s.max(1e-4);
            given.scope = true;
        }
        if let Some(r) = get(LineFigure::Ratio) {
            start.ratio = r;
            given.ratio = true;
        }
        if let Some(d) = get(LineFigure::Deductible) {
            start.deductible = fen(d);
        }
        if let Some(c) = get(LineFigure::Cap) {
            start.cap = (c > 0.0).then_some(fen(c));
        }
        let own = get(LineFigure::Payments).is_some() || get(LineFigure::PolicyRatio).is_some();
        self.model.lines.push(Line {
            care,
            level,
            now: start,
            start,
            given,
            own,
            under_ceiling: care != CareKind::Outpatient && self.ceiling.is_some(),
            volume_scale: 1.0,
            mix: 1.0,
            scales: [1.0; 5],
        });
    }

    fn indices(&self, test: impl Fn(&Line) -> bool) -> Vec<usize> {
        (0..self.model.lines.len())
            .filter(|i| test(&self.model.lines[*i]))
            .collect()
    }

    fn knob(&self, lever: Lever, lines: &[usize]) -> Option<Knob> {
        let free: Vec<usize> = lines
            .iter()
            .copied()
            .filter(|i| self.model.lines[*i].free(lever))
            .collect();
        // A mix needs two levels to move person-times between.
        let enough = if lever == Lever::Mix { 2 } else { 1 };
        // The mix tilts by each level's policy-scope ratio as the levels start, standardised so
        // that how far a tilt reaches does not depend on how far apart the ratios are.
        let mix = match lever {
            Lever::Mix => {
                let raw: Vec<(f64, f64)> = free
                    .iter()
                    .map(|i| {
                        let line = &self.model.lines[*i];
                        let p = price(line, self.model.ceiling);
                        let ratio = if p.eligible > 0.0 {
                            p.payments / p.eligible
                        } else {
                            0.0
                        };
                        (line.start.volume, ratio.max(1e-6).ln())
                    })
                    .collect();
                let n = raw.len().max(1) as f64;
                let mean = raw.iter().map(|r| r.1).sum::<f64>() / n;
                let spread = (raw.iter().map(|r| (r.1 - mean).powi(2)).sum::<f64>() / n).sqrt();
                raw.into_iter()
                    .map(|(v, w)| {
                        (
                            v,
                            if spread > 1e-9 {
                                (w - mean) / spread
                            } else {
                                0.0
                            },
                        )
                    })
                    .collect()
            }
            _ => Vec::new(),
        };
        (free.len() >= enough).then_some(Knob {
            lever,
            lines: free,
            scale: 1.0,
            mix,
        })
    }

    fn add_fit(&mut self, measure: Measure, target: f64, levers: &[(Lever, &[usize])]) {
        let knobs: Vec<Knob> = levers
            .iter()
            .filter_map(|(lever, lines)| self.knob(*lever, lines))
            .collect();

        if !knobs.is_empty() && target.is_finite() {
            self.fits.push(Fit {
                measure,
                target,
                knobs,
            });
        }
    }

    /// `add_fit` of one of the fund's totals, remembered: a total the lines are fitted to leaves
    /// no rest of care the model does not price to derive.
    fn add_total_fit(
        &mut self,
        total: FigureId,
        measure: Measure,
        target: f64,
        levers: &[(Lever, &[usize])],
    ) {
        let before = self.fits.len();
        self.add_fit(measure, target, levers);
        if self.fits.len() > before && !self.fitted_totals.contains(&total) {
            self.fitted_totals.push(total);
        }
    }

    /// Pairs each reported figure with the levers that can reproduce it, then fits.
    pub(super) fn fit(&mut self) {
        // The ceiling caps inpatient and special-disease claims in the fit as in the model.
        self.model.ceiling = self.ceiling.as_ref().map(|c| money::to_f64(c.amount()));
        let f = self.figures;
        let major = self.major;
        let all = self.indices(|_| true);
        let premium = money::to_f64(money::times(self.enrollees, self.premium));
        // Line by line: a line's own payments and policy-scope ratio.
        for i in 0..self.model.lines.len() {
            let (care, level) = (self.model.lines[i].care, self.model.lines[i].level);
            let get = |figure| f.line(care, level, figure);
            let me: &[usize] = &[i];
            if !self.model.lines[i].given.volume && !self.model.lines[i].given.mean {
                if let Some(cost) = get(LineFigure::Cost) {
                    self.add_fit(Measure::Cost(vec![i], 0.0), cost, &[(Lever::Cost, me)]);
                    self.model.lines[i].given.mean = true;
                }
            }
            let (payments, ratio) = (get(LineFigure::Payments), get(LineFigure::PolicyRatio));
            match (payments, ratio) {
                (Some(p), Some(r)) if r > 0.0 => {
                    self.add_fit(Measure::Eligible(vec![i]), p / r, &[(Lever::Scope, me)]);
                    self.add_fit(
                        Measure::Payments(vec![i], 0.0),
                        p,
                        &[(Lever::Ratio, me), (Lever::Dispersion, me)],
                    );
                }
                (Some(p), _) => self.add_fit(
                    Measure::Payments(vec![i], 0.0),
                    p,
                    &[
                        (Lever::Scope, me),
                        (Lever::Cost, me),
                        (Lever::Ratio, me),
                        (Lever::Dispersion, me),
                    ],
                ),
                (None, Some(r)) => self.add_fit(
                    Measure::PolicyRatio(vec![i]),
                    r,
                    &[(Lever::Ratio, me), (Lever::Dispersion, me)],
                ),
                (None, None) => {}
            }
        }
        // Kind by kind: totals move the lines without figures of their own. The fund's payments
        // are fitted less what went to care the model does not price (health checks and other).
        let payments_total = f
            .number(FigureId::Payments)
            .map(|p| (p - f.number(FigureId::OtherPayments).unwrap_or(0.0)).max(0.0));
        let missing_payments: Vec<CareKind> = [CareKind::Inpatient, CareKind::Outpatient]
            .into_iter()
            .filter(|care| f.line(*care, None, LineFigure::Payments).is_none())
            .filter(|care| self.model.lines.iter().any(|l| l.care == *care && !l.own))
            .collect();
        for care in [CareKind::Inpatient, CareKind::Outpatient] {
            let kind = self.indices(|l| l.care == care);
            if kind.is_empty() {
                continue;
            }
            let inpatient = care == CareKind::Inpatient;
            let (extra_volume, extra_cost, extra_payments) = if inpatient {
                (major.cases, major.cost(), major.payments())
            } else {
                (0.0, 0.0, 0.0)
            };
            let id = |figure| FigureId::line(care, None, figure);
            let get = |figure| f.line(care, None, figure);
            if let Some(t) = get(LineFigure::PersonTimes) {
                self.add_fit(
                    Measure::Volume(kind.clone(), extra_volume),
                    t,
                    &[(Lever::Volume, &kind)],
                );
            }
            let cost_free = self.indices(|l| l.care == care && !l.given.mean);
            let cost_known = get(LineFigure::Cost).is_some() || get(LineFigure::MeanCost).is_some();
            if let Some(c) = get(LineFigure::Cost) {
                self.add_fit(
                    Measure::Cost(kind.clone(), extra_cost),
                    c,
                    &[(Lever::Cost, &cost_free)],
                );
            } else if let Some(m) = get(LineFigure::MeanCost) {
                self.add_fit(
                    Measure::MeanCost(kind.clone(), extra_cost, extra_volume),
                    m,
                    &[(Lever::Cost, &cost_free)],
                );
            }
            let free = self.indices(|l| l.care == care && !l.own);
            if free.is_empty() {
                continue;
            }
            // Without a reported cost, a mean cost may move where a scope share cannot (100 %).
            let cost_fallback: Vec<usize> = if cost_known { Vec::new() } else { free.clone() };
            let ratio = get(LineFigure::PolicyRatio);
            let payments = get(LineFigure::Payments)
                .map(|p| {
                    (
                        id(LineFigure::Payments),
                        Measure::Payments(kind.clone(), extra_payments),
                        p,
                    )
                })
                .or_else(|| {
                    // The fund's total payments, when this is the only kind without its own.
                    (missing_payments == [care])
                        .then_some(payments_total)
                        .flatten()
                        .map(|p| {
                            (
                                FigureId::Payments,
                                Measure::Payments(all.clone(), major.payments() + premium),
                                p,
                            )
                        })
                });
            // A special-disease line the figures leave out is the last resort for the fund's
            // total payments: its patients are an assumption.
            let special_default: Vec<usize> = if f.has_line(CareKind::SpecialDisease, None) {
                Vec::new()
            } else {
                self.indices(|l| l.care == CareKind::SpecialDisease)
            };
            if let Some((pid, measure, p)) = payments {
                let total = pid == FigureId::Payments;
                let mut levers: Vec<(Lever, &[usize])> =
                    vec![(Lever::Scope, &free), (Lever::Cost, &cost_fallback)];
                if ratio.is_none() {
                    levers.extend([(Lever::Ratio, &free[..]), (Lever::Dispersion, &free[..])]);
                }
                if total {
                    levers.push((Lever::Volume, &special_default));
                }
                if total {
                    self.add_total_fit(FigureId::Payments, measure, p, &levers);
                } else {
                    self.add_fit(measure, p, &levers);
                }
            }
            if let Some(r) = ratio {
                // Moving person-times between levels first, then the dispersion; the joint
                // polish moves both, line by line.
                let dispersion: &[usize] = &free;
                self.add_fit(
                    Measure::PolicyRatio(kind.clone()),
                    r,
                    &[
                        (Lever::Ratio, &free),
                        (Lever::Mix, &kind),
                        (Lever::Dispersion, dispersion),
                    ],
                );
            }
        }
        // The fund's totals: payments shared by both kinds when neither reports its own, or
        // carried by a special-disease line the figures leave out; the compensated person-times
        // set the outpatient visits when no kind gives them.
        if let Some(p) = payments_total {
            let measure = Measure::Payments(all.clone(), major.payments() + premium);
            if missing_payments.len() == 2 {
                let free = self.indices(|l| l.care != CareKind::SpecialDisease && !l.own);
                self.add_total_fit(FigureId::Payments, measure, p, &[(Lever::Scope, &free)]);
            } else if missing_payments.is_empty() && !f.has_line(CareKind::SpecialDisease, None) {
                let special = self.indices(|l| l.care == CareKind::SpecialDisease);
                self.add_total_fit(FigureId::Payments, measure, p, &[(Lever::Volume, &special)]);
            }
        }
        let unknown = |care| {
            f.line(care, None, LineFigure::PersonTimes).is_none()
                && self
                    .model
                    .lines
                    .iter()
                    .any(|l| l.care == care && !l.given.volume)
        };
        let care = [CareKind::Outpatient, CareKind::Inpatient]
            .into_iter()
            .find(|c| unknown(*c));
        let compensated = self.compensated_target(care.is_some());
        if let Some(c) = compensated {
            let measure = Measure::Compensated(all.clone(), major.cases);
            if let Some(care) = care {
                let lines = self.indices(|l| l.care == care);
                let compensated = FigureId::CompensatedPersonTimes;
                self.add_total_fit(compensated, measure, c, &[(Lever::Volume, &lines)]);
            } else {
                // Every volume known: claims below a deductible are the rest, and how many
                // there are depends on the dispersion of the lines without figures of their own.
                let claimed: Vec<usize> = self
                    .fits
                    .iter()
                    .flat_map(|fit| &fit.knobs)
                    .filter(|k| k.lever == Lever::Dispersion)
                    .flat_map(|k| k.lines.iter().copied())
                    .collect();
                let below = self.indices(|l| {
                    l.care != CareKind::SpecialDisease && l.now.deductible > 0.0 && !l.own
                });
                // One lever a line: how many claims fall below a deductible is each line's own.
                let below: Vec<[usize; 1]> = below
                    .into_iter()
                    .filter(|i| !claimed.contains(i))
                    .map(|i| [i])
                    .collect();
                let levers: Vec<(Lever, &[usize])> =
                    below.iter().map(|i| (Lever::Dispersion, &i[..])).collect();
                self.add_total_fit(FigureId::CompensatedPersonTimes, measure, c, &levers);
            }
        }
        // Of dispersions that fit a line's payments equally, the one that best reproduces the
        // compensated person-times (a deductible and a cap can leave two).
        self.model.tiebreak =
            compensated.map(|c| (Measure::Compensated(all.clone(), major.cases), c));
        let mut fits = std::mem::take(&mut self.fits);
        self.model.solve(&mut fits);
        self.model.polish(&fits);
        self.fits = fits;
        self.describe_fit();
    }

    /// The compensated person-times the lines are fitted to: the reported total less those of
    /// care the model does not price (health checks and other) when the figures give them. When
    /// they do not, the total sets the volumes the figures leave open (`volumes_open`), as
    /// person-times of the lines; when every kind's person-times are given, it sets nothing
    /// (`None`): the detailed figures are the model's, and the total less the model's count is
    /// shown as the rest rather than absorbed into them.
    fn compensated_target(&mut self, volumes_open: bool) -> Option<f64> {
        let total = self.number(FigureId::CompensatedPersonTimes)?;
        match self.number(FigureId::OtherPersonTimes) {
            Some(other) => Some((total - other).max(0.0)),
            None if volumes_open => {
                self.assume(
                    "其他补偿人次（体检等）未填写：补偿人次合计全部视为模型测算的诊疗补偿，\
                     用于推算未填写的就诊量",
                    "other person-times (health checks and other) not given: the compensated \
                     person-times are taken as care the model prices, and set the volumes the \
                     figures leave open",
                );
                Some(total)
            }
            None => {
                self.assume(
                    "其他补偿人次（体检等）未填写：各类就诊量已由分项数据确定，补偿人次合计与\
                     模型之差列为模型不测算的其他补偿人次，不拟合到分项数据上",
                    "other person-times (health checks and other) not given: every kind's \
                     person-times are given, so the compensated person-times less the model's \
                     count are shown as the rest the model does not price, not fitted into the \
                     given figures",
                );
                None
            }
        }
    }

    /// What the fit moved, line by line, as multiples of where each lever started (a default,
    /// or a figure's value such as cost ÷ person-times), for the notes.
    fn describe_fit(&mut self) {
        for line in &self.model.lines {
            let mut moved = Vec::new();
            for lever in [
                Lever::Volume,
                Lever::Cost,
                Lever::Scope,
                Lever::Ratio,
                Lever::Dispersion,
            ] {
                let scale = match lever {
                    Lever::Volume => line.volume_scale * line.mix,
                    _ => line.scales[lever as usize],
                };
                if (scale - 1.0).abs() > 1e-4 {
                    moved.push((lever.describe(), scale));
                }
            }
            if moved.is_empty() {
                continue;
            }
            let name = line_name(line.care, line.level);
            let list = |lang: Lang| {
                moved
                    .iter()
                    .map(|(lever, scale)| format!("{} ×{scale:.3}", lever.get(lang)))
                    .collect::<Vec<_>>()
                    .join(lang.pick("，", ", "))
            };
            self.fitted.push(Text::new(
                format!("{}：{}", name.zh, list(Lang::Zh)),
                format!("{}: {}", name.en, list(Lang::En)),
            ));
        }
    }

    /// The scenario: figures where given, fitted values, and the defaults cited.
    pub(super) fn scenario(&mut self, options: &Options) -> Scenario {
        use FigureId as F;
        let f = self.figures;
        let d = defaults();
        let n = self.enrollees_f();
        let year = f.number(F::Year).map_or(d.year, |y| y as i32);
        let name_zh = f.text(F::NameZh).map(str::to_string);
        let name_en = f.text(F::NameEn).map(str::to_string);
        let name = Text::new(
            name_zh
                .clone()
                .unwrap_or_else(|| format!("校准测算 {year}")),
            name_en
                .or(name_zh)
                .unwrap_or_else(|| format!("Calibrated fund {year}")),
        );
        let mut by_level: BTreeMap<Level, ServiceLine> = BTreeMap::new();
        let mut special = None;
        for line in &self.model.lines {
            let p = &line.now;
            let per_enrollee = if n > 0.0 { p.volume / n } else { 0.0 };
            match (line.care, line.level) {
                // A default line the fund's payments leave no room for is no line.
                (CareKind::SpecialDisease, _) if p.volume < 0.5 => {}
                (CareKind::SpecialDisease, _) => {
                    special = Some(SpecialDisease {
                        patients_per_1000: significant(per_enrollee * 1000.0),
                        annual_cost: yuan(p.mean_cost),
                        cost_cv: significant(p.cv),
                        scope_share: significant(p.scope),
                        deductible: yuan(p.deductible),
                        reimbursement_ratio: significant(p.ratio),
                    })
                }
                (care, Some(level)) => {
                    let entry = by_level.entry(level).or_insert(ServiceLine {
                        level,
                        outpatient: None,
                        inpatient: None,
                    });
                    if care == CareKind::Outpatient {
                        entry.outpatient = Some(Outpatient {
                            visits_per_enrollee: significant(per_enrollee),
                            mean_cost: yuan(p.mean_cost),
                            cost_cv: significant(p.cv),
                            scope_share: significant(p.scope),
                            deductible: yuan(p.deductible),
                            reimbursement_ratio: significant(p.ratio),
                            visit_cap: p.cap.map(yuan),
                        });
                    } else {
                        entry.inpatient = Some(Inpatient {
                            admissions_per_1000: significant(per_enrollee * 1000.0),
                            mean_cost: yuan(p.mean_cost),
                            cost_cv: significant(p.cv),
                            scope_share: significant(p.scope),
                            deductible: yuan(p.deductible),
                            reimbursement_ratio: significant(p.ratio),
                            admission_cap: p.cap.map(yuan),
                        });
                    }
                }
                (_, None) => {}
            }
        }
        let major_disease = (self.major.cases > 0.0).then(|| MajorDisease {
            cases_per_100k: significant(self.major.cases / n * 100_000.0),
            limited_cost: yuan(self.major.limited_cost),
            reimbursement_ratio: significant(self.major.ratio),
        });
        let risk_reserve = match (f.number(F::ReserveRate), f.number(F::ReserveCap)) {
            (None, None) => {
                self.assume(
                    "风险基金按台州 2012 年设定（当年筹资的 3%，上限 10%）",
                    "risk reserve as in Taizhou 2012 (3 % of the year's funds, up to 10 %)",
                );
                d.rules.risk_reserve.clone()
            }
            (rate, cap) => Some(RiskReserve {
                rate: rate.unwrap_or(0.03),
                cap: cap.unwrap_or(0.10),
                opening_reserve: money::ZERO,
            }),
        };
        let opening_balance = match self.money(F::OpeningBalance) {
            Some(b) => b,
            None => {
                self.assume(
                    "年初累计结余未填写：按 0 计（影响结余率与可支付月数，不影响当年收支）",
                    "opening balance not given: 0 (it moves the balance indicators, not the \
                     year's income and spending)",
                );
                money::ZERO
            }
        };
        self.assume(
            "预测期增长率按台州 2012 年设定（人均筹资 5%、医疗费用 6%、就诊量 2%，5 年）",
            "projection as in Taizhou 2012 (funding +5 %, unit costs +6 %, utilisation +2 % a \
             year, 5 years)",
        );
        let sources = self.sources();
        let notes = self.notes(options.lang, year);
        Scenario {
            id: options.id.clone(),
            name,
            year,
            notes,
            sources,
            population: Population {
                enrollees: self.enrollees,
                growth: 0.0,
                participation_rate: f.number(F::ParticipationRate),
            },
            financing: Financing {
                individual: self.individual,
                government: self.government.clone(),
                other_income: self.other_income,
                interest_rate: 0.0,
                opening_balance,
            },
            lines: by_level.into_values().collect(),
            rules: Rules {
                annual_ceiling: self.ceiling.clone(),
                consultation_fee: None,
                special_disease: special,
                major_disease,
                critical_illness_premium: self.premium,
                risk_reserve,
            },
            behaviour: d.behaviour.clone(),
            projection: d.projection.clone(),
            targets: Targets::default(),
            households: Default::default(),
            ranges: Default::default(),
            observed: Some(self.observed()),
            // The figures are the baseline itself: nothing assumed over them, no plan yet.
            assumptions: Edits::new(),
            proposal: Edits::new(),
            plans: Vec::new(),
        }
    }

    /// The reported figures `simulate` shows against the model.
    fn observed(&self) -> Observed {
        use FigureId as F;
        let f = self.figures;
        let out = |figure| f.line(CareKind::Outpatient, None, figure);
        let inp = |figure| f.line(CareKind::Inpatient, None, figure);
        Observed {
            income: f.money(F::FundsRaised),
            spending: f.money(F::Payments),
            inpatient_spending: f.money(FigureId::line(
                CareKind::Inpatient,
                None,
                LineFigure::Payments,
            )),
            admissions: inp(LineFigure::PersonTimes),
            compensated_person_times: f.number(F::CompensatedPersonTimes),
            // Given here; a rest the figures leave out is written in once the model gives it.
            other_person_times: f.number(F::OtherPersonTimes),
            other_spending: f.money(F::OtherPayments),
            inpatient_policy_ratio: inp(LineFigure::PolicyRatio),
            outpatient_policy_ratio: out(LineFigure::PolicyRatio),
            outpatient_mean_cost: out(LineFigure::MeanCost)
                .or_else(|| {
                    Some(
                        out(LineFigure::Cost)?
                            / out(LineFigure::PersonTimes).filter(|v| *v > 0.0)?,
                    )
                })
                .map(yuan),
        }
    }

    /// Every reported figure, cited: the source column's file and words when it names them
    /// (`000_f4e4bc0b06ba3db8.txt: 全市共计筹资18.95亿元`), else the template file and cell;
    /// then the defaults' file and the assumptions.
    fn sources(&self) -> Vec<Source> {
        let mut out = Vec::new();
        // In the template's order; names are the scenario's own, not figures to cite.
        for row in report_form::rows() {
            let Some(reported) = self.figures.get(row.id) else {
                continue;
            };
            if matches!(reported.value, Value::Text(_)) {
                continue;
            }
            let value = reported.value.plain();
            let place = cell_words(&reported.source);
            let (file, words) = cited(&reported.source);
            out.push(Source {
                file,
                figure: match words {
                    Some(words) => format!("{words} [{} = {value}{place}]", row.key),
                    None => format!("{} = {value}{place} ({})", row.key, row.label.zh),
                },
            });
        }
        out.push(Source {
            file: DEFAULTS_FILE.into(),
            figure: "defaults where the figures are silent (calibrated to seed 000): levels, \
                     relative costs, cost dispersion, policy-scope shares, rules and \
                     special-disease care; see notes"
                .into(),
        });
        for a in &self.assumptions {
            out.push(Source {
                file: "assumption".into(),
                figure: a.en.clone(),
            });
        }
        out
    }

    fn notes(&self, lang: Lang, year: i32) -> String {
        let count = self.figures.values.len();
        let files: Vec<&str> = self
            .figures
            .values
            .values()
            .map(|r| r.source.file.as_str())
            .filter(|f| !f.is_empty())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let fitted: Vec<&str> = self.fitted.iter().map(|t| t.get(lang)).collect();
        let assumed: Vec<&str> = self.assumptions.iter().map(|t| t.get(lang)).collect();
        match lang {
            Lang::Zh => format!(
                "由 ncms calibrate 根据 {count} 项 {year} 年报表数据（{}）校准生成。拟合：{}。\
                 报表未提供的参数取自已校准的台州 2012 年场景（{DEFAULTS_FILE}）：{}。\
                 封顶线按每次住院计算（闭合公式近似）。",
                files.join("、"),
                if fitted.is_empty() {
                    "无".to_string()
                } else {
                    fitted.join("；")
                },
                assumed.join("；"),
            ),
            Lang::En => format!(
                "Calibrated by ncms calibrate from {count} figures reported for {year} ({}). \
                 Fitted: {}. Where the figures are silent, the defaults come from the calibrated \
                 Taizhou 2012 scenario ({DEFAULTS_FILE}): {}. The annual ceiling is applied per \
                 admission (the closed form's approximation).",
                files.join(", "),
                if fitted.is_empty() {
                    "nothing".to_string()
                } else {
                    fitted.join("; ")
                },
                assumed.join("; "),
            ),
        }
    }
}

/// ", D12" when the figure came from a sheet's cell.
fn cell_words(source: &FigureSource) -> String {
    source.cell.as_ref().map_or_else(String::new, |c| {
        format!(", {} {}", source.file, c.reference)
    })
}

/// The file and words a source note names: `FILE: words` or `FILE：words`, where FILE has no
/// spaces and looks like a file name (`000_f4e4bc0b06ba3db8.txt`) or is `assumption`.
fn cited(source: &FigureSource) -> (String, Option<String>) {
    let note = source.note.trim();
    let split = note.find([':', '：']).map(|i| {
        let sep = note[i..].chars().next().map_or(1, char::len_utf8);
        (note[..i].trim(), note[i + sep..].trim())
    });
    if let Some((file, words)) = split {
        let looks_like_file = !file.is_empty()
            && !file.contains(char::is_whitespace)
            && (file.contains('.') || file == "assumption");
        if looks_like_file {
            return (file.to_string(), Some(words.to_string()));
        }
    }
    let file = if source.file.is_empty() {
        "figures".to_string()
    } else {
        source.file.clone()
    };
    (file, (!note.is_empty()).then(|| note.to_string()))
}

/// "县级医院 住院" / "county hospital inpatient": a line of the fit in words.
fn line_name(care: CareKind, level: Option<Level>) -> Text {
    let care_words = match care {
        CareKind::Outpatient => ("普通门诊", "outpatient"),
        CareKind::Inpatient => ("住院", "inpatient"),
        CareKind::SpecialDisease => ("特殊病种大额门诊", "special-disease outpatient"),
    };
    match level {
        Some(level) => {
            let name = crate::scenario::terms::level_label(level);
            Text::new(
                format!("{} {}", name.zh, care_words.0),
                format!("{} {}", name.en.to_ascii_lowercase(), care_words.1),
            )
        }
        None => Text::new(care_words.0, care_words.1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(file: &str, note: &str) -> FigureSource {
        FigureSource {
            file: file.into(),
            cell: None,
            note: note.into(),
        }
    }

    #[test]
    fn a_source_note_names_its_file_when_it_looks_like_one() {
        let seed = note("t.csv", "000_f4e4bc0b06ba3db8.txt: 全市共计筹资18.95亿元");
        assert_eq!(
            cited(&seed),
            (
                "000_f4e4bc0b06ba3db8.txt".into(),
                Some("全市共计筹资18.95亿元".into())
            )
        );
        let full_width = note("t.csv", "004_b8266a3591212cdf.txt：门诊报销35%");
        assert_eq!(cited(&full_width).0, "004_b8266a3591212cdf.txt");
        let assumption = note("t.csv", "assumption: 330 000 enrollees");
        assert_eq!(cited(&assumption).0, "assumption");
        let words = note("t.csv", "annual report, page 3: table 2");
        assert_eq!(
            cited(&words),
            (
                "t.csv".into(),
                Some("annual report, page 3: table 2".into())
            )
        );
        assert_eq!(cited(&note("", "")), ("figures".into(), None));
    }

    #[test]
    fn fitted_values_keep_six_significant_digits() {
        assert_eq!(significant(0.123_456_789), 0.123_457);
        assert_eq!(significant(1_234.567_89), 1_234.57);
        assert_eq!(significant(0.0), 0.0);
    }
}
