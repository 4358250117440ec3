//! Parse, then validate: scenario JSON becomes a [`CheckedScenario`], the only type the model
//! accepts, or a list of every [`Problem`] found, each with its field path, the value, the allowed
//! range and a message in Chinese and English. Nothing here panics on any input.

use crate::money::Yuan;
use crate::scenario::{Ceiling, Scenario};
use crate::text::{field_label, split_index, Lang, Text};
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt;
use std::ops::Deref;

/// One thing wrong with a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// Where: `lines[2].inpatient.deductible`; empty for the file as a whole.
    pub path: String,
    /// The value found, as written; empty when there is none.
    pub value: String,
    /// What is allowed, e.g. "0 – 1"; empty when the message says it.
    pub allowed: String,
    pub message: Text,
}

impl Problem {
    /// "path = value: message (allowed: …)" in one language.
    pub fn describe(&self, lang: Lang) -> String {
        let mut out = String::new();
        if !self.path.is_empty() {
            out.push_str(&self.path);
            if !self.value.is_empty() {
                out.push_str(" = ");
                out.push_str(&self.value);
            }
            out.push_str(": ");
        }
        out.push_str(self.message.get(lang));
        if !self.allowed.is_empty() {
            out.push_str(match lang {
                Lang::Zh => "（允许范围：",
                Lang::En => " (allowed: ",
            });
            out.push_str(&self.allowed);
            out.push_str(match lang {
                Lang::Zh => "）",
                Lang::En => ")",
            });
        }
        out
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} / {}", self.describe(Lang::En), self.message.zh)
    }
}

/// A scenario that passed validation. It can only be made by [`check`] (or [`parse_scenario`]),
/// so the model never sees a ratio of 1.3 or a zero population.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedScenario(Scenario);

impl Deref for CheckedScenario {
    type Target = Scenario;
    fn deref(&self) -> &Scenario {
        &self.0
    }
}

impl CheckedScenario {
    pub fn scenario(&self) -> &Scenario {
        &self.0
    }
    pub fn into_scenario(self) -> Scenario {
        self.0
    }
}

/// Reads scenario JSON (unknown fields are errors) and validates it, reporting every problem at
/// once. An unknown field is set aside and the file read again, so that a misspelt key does not
/// hide the problems behind it; a syntax error, a missing field or a wrong type ends the reading,
/// since nothing after it can be trusted.
pub fn parse_scenario(json: &str) -> Result<CheckedScenario, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut text = std::borrow::Cow::Borrowed(json);
    loop {
        match read_once(&text) {
            Ok(scenario) => {
                return match check(scenario) {
                    Ok(checked) if problems.is_empty() => Ok(checked),
                    Ok(_) => Err(problems),
                    Err(more) => {
                        problems.extend(more);
                        Err(problems)
                    }
                };
            }
            Err(failure) => {
                let unknown = failure.unknown_field;
                problems.push(failure.problem);
                match unknown.and_then(|path| without_field(&text, &path)) {
                    Some(next) if problems.len() < MAX_UNKNOWN_FIELDS => text = next.into(),
                    _ => return Err(problems),
                }
            }
        }
    }
}

/// Enough to list every misspelling of a real file; a bound so that no input loops for long.
const MAX_UNKNOWN_FIELDS: usize = 50;

/// Reads scenario JSON into the raw type, without range checks; the first problem only.
pub fn read_scenario(json: &str) -> Result<Scenario, Vec<Problem>> {
    read_once(json).map_err(|failure| vec![failure.problem])
}

struct ReadFailure {
    problem: Problem,
    /// The path of the field, when the problem is an unknown field that can be set aside.
    unknown_field: Option<String>,
}

/// Boxed: a failure is rare and large, a success is the common path.
fn read_once(json: &str) -> Result<Scenario, Box<ReadFailure>> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let scenario: Scenario =
        serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
            let path = error.path().to_string();
            let unknown_field = error
                .inner()
                .to_string()
                .starts_with("unknown field")
                .then(|| path.clone());
            Box::new(ReadFailure {
                problem: problem_from_serde(path, error.inner()),
                unknown_field,
            })
        })?;
    deserializer.end().map_err(|error| {
        Box::new(ReadFailure {
            problem: problem_from_serde(String::new(), &error),
            unknown_field: None,
        })
    })?;
    Ok(scenario)
}

/// The JSON text with the field at `path` removed, if it is there.
fn without_field(json: &str, path: &str) -> Option<String> {
    let mut value: serde_json::Value = serde_json::from_str(json).ok()?;
    let pointer = crate::edits::json_pointer(path)?;
    let (parent, key) = pointer.rsplit_once('/')?;
    value.pointer_mut(parent)?.as_object_mut()?.remove(key)?;
    Some(value.to_string())
}

/// Validates a scenario, reporting every problem at once.
pub fn check(scenario: Scenario) -> Result<CheckedScenario, Vec<Problem>> {
    let mut checker = Checker::default();
    checker.scenario(&scenario);
    if checker.problems.is_empty() {
        Ok(CheckedScenario(scenario))
    } else {
        Err(checker.problems)
    }
}

/// Turns a serde_json error into a problem an official can act on.
pub(crate) fn problem_from_serde(path: String, error: &serde_json::Error) -> Problem {
    use serde_json::error::Category;
    let at_zh = format!("（第 {} 行第 {} 列）", error.line(), error.column());
    let at_en = format!(" (line {}, column {})", error.line(), error.column());
    // serde_path_to_error writes `?` for a segment it could not name (inside a syntax error).
    let path = path
        .split('.')
        .filter(|segment| *segment != "?" && !segment.is_empty())
        .collect::<Vec<_>>()
        .join(".");
    let inner = error.to_string();
    // serde_json appends " at line L column C"; the position is given separately.
    let detail = inner
        .split(" at line ")
        .next()
        .unwrap_or(&inner)
        .to_string();
    let message = match error.classify() {
        Category::Eof => Text::new(
            format!("文件不完整：JSON 在结束前被截断{at_zh}"),
            format!("the file is incomplete: the JSON ends too early{at_en}"),
        ),
        Category::Syntax => Text::new(
            format!("JSON 格式错误：{detail}{at_zh}"),
            format!("malformed JSON: {detail}{at_en}"),
        ),
        Category::Io => Text::new(
            format!("读取失败：{detail}"),
            format!("read error: {detail}"),
        ),
        Category::Data => {
            let zh = if let Some(rest) = detail.strip_prefix("unknown field ") {
                let rest = rest
                    .replace(", expected one of ", "，允许的字段：")
                    .replace(", expected ", "，应为 ");
                format!("未知字段 {rest}（拼错或放错位置的字段会悄悄丢失，故不接受）")
            } else if let Some(rest) = detail.strip_prefix("missing field ") {
                format!("缺少必填字段 {rest}")
            } else if let Some(rest) = detail.strip_prefix("unknown variant ") {
                format!(
                    "未知取值 {}",
                    rest.replace(", expected one of ", "，允许的取值：")
                        .replace(", expected ", "，应为 ")
                )
            } else if detail.starts_with("invalid type") {
                format!("类型错误：{detail}")
            } else {
                format!("取值无效：{detail}")
            };
            Text::new(format!("{zh}{at_zh}"), format!("{detail}{at_en}"))
        }
    };
    Problem {
        path,
        value: String::new(),
        allowed: String::new(),
        message,
    }
}

#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

/// Shorthand for the allowed range text.
fn range_text(min: f64, max: f64) -> String {
    if max == f64::INFINITY {
        format!("≥ {min}")
    } else {
        format!("{min} – {max}")
    }
}

impl Checker {
    fn push(&mut self, path: &str, value: String, allowed: String, message: Text) {
        self.problems.push(Problem {
            path: path.to_string(),
            value,
            allowed,
            message,
        });
    }

    /// `min <= value <= max`, and finite.
    fn number(&mut self, path: &str, value: f64, min: f64, max: f64) {
        if value.is_finite() && value >= min && value <= max {
            return;
        }
        let label = field_label(leaf(path));
        let allowed = range_text(min, max);
        self.push(
            path,
            value.to_string(),
            allowed.clone(),
            Text::new(
                format!("{}应在 {} 之间，现为 {}", label.zh, allowed, value),
                format!("{} must be within {}; it is {}", label.en, allowed, value),
            ),
        );
    }

    fn ratio(&mut self, path: &str, value: f64) {
        self.number(path, value, 0.0, 1.0);
    }

    fn money(&mut self, path: &str, value: Yuan, min: Decimal, max: Option<Decimal>) {
        let above_max = max.is_some_and(|max| value > max);
        if value >= min && !above_max {
            return;
        }
        let label = field_label(leaf(path));
        let allowed = match max {
            Some(max) => format!("{min} – {max} 元"),
            None => format!("≥ {min} 元"),
        };
        self.push(
            path,
            value.to_string(),
            allowed.clone(),
            Text::new(
                format!("{}应在 {} 之间，现为 {} 元", label.zh, allowed, value),
                format!(
                    "{} must be within {}; it is {} yuan",
                    label.en,
                    allowed.replace('元', "yuan"),
                    value
                ),
            ),
        );
    }

    fn positive_money(&mut self, path: &str, value: Yuan) {
        if value > Decimal::ZERO {
            return;
        }
        let label = field_label(leaf(path));
        self.push(
            path,
            value.to_string(),
            "> 0 元".into(),
            Text::new(
                format!("{}必须大于 0，现为 {} 元", label.zh, value),
                format!("{} must be above 0; it is {} yuan", label.en, value),
            ),
        );
    }

    fn scenario(&mut self, s: &Scenario) {
        if s.id.trim().is_empty() {
            self.push(
                "id",
                String::new(),
                String::new(),
                Text::new("编号不能为空", "the id must not be empty"),
            );
        }
        self.number("year", s.year as f64, 1990.0, 2100.0);
        if s.sources.is_empty() {
            self.push(
                "sources",
                String::new(),
                String::new(),
                Text::new("至少需要一条数据来源", "at least one source is needed"),
            );
        }

        // Population
        if s.population.enrollees == 0 {
            self.push(
                "population.enrollees",
                "0".into(),
                "≥ 1".into(),
                Text::new("参合人数不能为 0", "enrollees cannot be zero"),
            );
        }
        self.number(
            "population.enrollees",
            s.population.enrollees as f64,
            0.0,
            2.0e9,
        );
        self.number("population.growth", s.population.growth, -0.5, 1.0);
        if let Some(rate) = s.population.participation_rate {
            self.ratio("population.participation_rate", rate);
        }

        // Financing
        let per_head_max = Some(Decimal::from(100_000));
        let f = &s.financing;
        self.money(
            "financing.individual",
            f.individual,
            Decimal::ZERO,
            per_head_max,
        );
        let g = &f.government;
        for (key, value) in [
            ("central", g.central),
            ("provincial", g.provincial),
            ("municipal", g.municipal),
            ("county", g.county),
        ] {
            self.money(
                &format!("financing.government.{key}"),
                value,
                Decimal::ZERO,
                per_head_max,
            );
        }
        self.money(
            "financing.other_income",
            f.other_income,
            Decimal::ZERO,
            None,
        );
        self.number("financing.interest_rate", f.interest_rate, 0.0, 0.2);
        self.money(
            "financing.opening_balance",
            f.opening_balance,
            Decimal::ZERO,
            None,
        );

        // Rules first: the lines check their deductibles against the ceiling.
        let ceiling = self.rules(s);

        if s.lines.is_empty() {
            self.push(
                "lines",
                "[]".into(),
                String::new(),
                Text::new(
                    "至少需要一个服务项目",
                    "at least one service line is needed",
                ),
            );
        }
        for (i, line) in s.lines.iter().enumerate() {
            let at = format!("lines[{i}]");
            if line.outpatient.is_none() && line.inpatient.is_none() {
                self.push(
                    &at,
                    String::new(),
                    String::new(),
                    Text::new(
                        "服务项目需要门诊或住院参数",
                        "a line needs outpatient or inpatient parameters",
                    ),
                );
            }
            if let Some(o) = &line.outpatient {
                let at = format!("{at}.outpatient");
                self.number(
                    &format!("{at}.visits_per_enrollee"),
                    o.visits_per_enrollee,
                    0.0,
                    100.0,
                );
                self.claim(
                    &at,
                    o.mean_cost,
                    o.cost_cv,
                    o.scope_share,
                    o.deductible,
                    o.reimbursement_ratio,
                );
                if let Some(cap) = o.visit_cap {
                    self.positive_money(&format!("{at}.visit_cap"), cap);
                }
                self.deductible_below_ceiling(&format!("{at}.deductible"), o.deductible, ceiling);
            }
            if let Some(p) = &line.inpatient {
                let at = format!("{at}.inpatient");
                self.number(
                    &format!("{at}.admissions_per_1000"),
                    p.admissions_per_1000,
                    0.0,
                    1000.0,
                );
                self.claim(
                    &at,
                    p.mean_cost,
                    p.cost_cv,
                    p.scope_share,
                    p.deductible,
                    p.reimbursement_ratio,
                );
                if let Some(cap) = p.admission_cap {
                    self.positive_money(&format!("{at}.admission_cap"), cap);
                }
                self.deductible_below_ceiling(&format!("{at}.deductible"), p.deductible, ceiling);
            }
        }

        self.number("behaviour.elasticity", s.behaviour.elasticity, -2.0, 0.0);

        let p = &s.projection;
        self.number("projection.years", p.years as f64, 1.0, 10.0);
        self.number("projection.funding_growth", p.funding_growth, -0.5, 1.0);
        self.number("projection.cost_growth", p.cost_growth, -0.5, 1.0);
        self.number(
            "projection.utilisation_growth",
            p.utilisation_growth,
            -0.5,
            1.0,
        );

        self.targets(s);

        for (path, value) in &s.proposal {
            if !value.is_finite() {
                self.push(
                    &format!("proposal.{path}"),
                    value.to_string(),
                    String::new(),
                    Text::new("调整值必须是有限数字", "an edit must be a finite number"),
                );
            }
        }
    }

    /// Checks the scheme-wide rules and returns the ceiling in yuan, if there is one.
    fn rules(&mut self, s: &Scenario) -> Option<Yuan> {
        let r = &s.rules;
        let ceiling = match &r.annual_ceiling {
            None => None,
            Some(Ceiling::Fixed(amount)) => {
                self.positive_money("rules.annual_ceiling.fixed", *amount);
                Some(*amount)
            }
            Some(Ceiling::IncomeMultiple(rule)) => {
                let at = "rules.annual_ceiling.income_multiple";
                self.number(&format!("{at}.multiple"), rule.multiple, 0.0, 100.0);
                self.positive_money(&format!("{at}.rural_net_income"), rule.rural_net_income);
                self.money(&format!("{at}.floor"), rule.floor, Decimal::ZERO, None);
                r.annual_ceiling.as_ref().map(Ceiling::amount)
            }
        };
        if let Some(fee) = &r.consultation_fee {
            let at = "rules.consultation_fee";
            self.money(
                &format!("{at}.fee_per_visit"),
                fee.fee_per_visit,
                Decimal::ZERO,
                Some(Decimal::from(10_000)),
            );
            self.money(
                &format!("{at}.scheme_part"),
                fee.scheme_part,
                Decimal::ZERO,
                Some(fee.fee_per_visit),
            );
            self.number(
                &format!("{at}.visits_per_enrollee"),
                fee.visits_per_enrollee,
                0.0,
                100.0,
            );
            self.money(
                &format!("{at}.cap_per_capita"),
                fee.cap_per_capita,
                Decimal::ZERO,
                None,
            );
            self.ratio(&format!("{at}.served_share"), fee.served_share);
        }
        if let Some(sd) = &r.special_disease {
            let at = "rules.special_disease";
            self.number(
                &format!("{at}.patients_per_1000"),
                sd.patients_per_1000,
                0.0,
                1000.0,
            );
            self.claim(
                at,
                sd.annual_cost,
                sd.cost_cv,
                sd.scope_share,
                sd.deductible,
                sd.reimbursement_ratio,
            );
            self.deductible_below_ceiling(&format!("{at}.deductible"), sd.deductible, ceiling);
        }
        if let Some(md) = &r.major_disease {
            let at = "rules.major_disease";
            self.number(
                &format!("{at}.cases_per_100k"),
                md.cases_per_100k,
                0.0,
                100_000.0,
            );
            self.positive_money(&format!("{at}.limited_cost"), md.limited_cost);
            self.ratio(&format!("{at}.reimbursement_ratio"), md.reimbursement_ratio);
        }
        self.money(
            "rules.critical_illness_premium",
            r.critical_illness_premium,
            Decimal::ZERO,
            Some(Decimal::from(10_000)),
        );
        if let Some(rr) = &r.risk_reserve {
            self.number("rules.risk_reserve.rate", rr.rate, 0.0, 0.2);
            self.ratio("rules.risk_reserve.cap", rr.cap);
            self.money(
                "rules.risk_reserve.opening_reserve",
                rr.opening_reserve,
                Decimal::ZERO,
                None,
            );
        }
        ceiling
    }

    /// The parameters every claim line shares.
    fn claim(
        &mut self,
        at: &str,
        mean_cost: Yuan,
        cv: f64,
        scope: f64,
        deductible: Yuan,
        ratio: f64,
    ) {
        let cost_path = if at.ends_with("special_disease") {
            "annual_cost"
        } else {
            "mean_cost"
        };
        self.positive_money(&format!("{at}.{cost_path}"), mean_cost);
        self.money(
            &format!("{at}.{cost_path}"),
            mean_cost,
            Decimal::ZERO,
            Some(Decimal::from(100_000_000)),
        );
        self.number(&format!("{at}.cost_cv"), cv, 0.0, 10.0);
        self.ratio(&format!("{at}.scope_share"), scope);
        self.money(&format!("{at}.deductible"), deductible, Decimal::ZERO, None);
        self.ratio(&format!("{at}.reimbursement_ratio"), ratio);
    }

    fn deductible_below_ceiling(&mut self, path: &str, deductible: Yuan, ceiling: Option<Yuan>) {
        if let Some(ceiling) = ceiling {
            if deductible > ceiling {
                self.push(
                    path,
                    deductible.to_string(),
                    format!("≤ {ceiling} 元"),
                    Text::new(
                        format!("起付线 {deductible} 元高于封顶线 {ceiling} 元"),
                        format!("the deductible of {deductible} yuan is above the ceiling of {ceiling} yuan"),
                    ),
                );
            }
        }
    }

    fn targets(&mut self, s: &Scenario) {
        let t = &s.targets;
        for (key, value) in [
            ("participation_min", t.participation_min),
            ("inpatient_policy_ratio_min", t.inpatient_policy_ratio_min),
            (
                "primary_outpatient_ratio_min",
                t.primary_outpatient_ratio_min,
            ),
            ("outpatient_share_max", t.outpatient_share_max),
            ("major_disease_ratio_min", t.major_disease_ratio_min),
            ("balance_ratio_max", t.balance_ratio_max),
        ] {
            if let Some(value) = value {
                self.ratio(&format!("targets.{key}"), value);
            }
        }
        for (key, value) in [
            ("surplus_rate_min", t.surplus_rate_min),
            ("surplus_rate_max", t.surplus_rate_max),
        ] {
            if let Some(value) = value {
                self.number(&format!("targets.{key}"), value, -1.0, 1.0);
            }
        }
        if let Some(multiple) = t.ceiling_income_multiple_min {
            self.number("targets.ceiling_income_multiple_min", multiple, 0.0, 100.0);
        }
        for (key, value) in [
            ("national_rural_net_income", t.national_rural_net_income),
            ("ceiling_floor_min", t.ceiling_floor_min),
            ("funding_per_enrollee_min", t.funding_per_enrollee_min),
            ("government_per_enrollee_min", t.government_per_enrollee_min),
        ] {
            if let Some(value) = value {
                self.money(&format!("targets.{key}"), value, Decimal::ZERO, None);
            }
        }
    }
}

/// The last key of a path: `lines[2].inpatient.deductible` → `deductible`.
fn leaf(path: &str) -> &str {
    let last = path.rsplit('.').next().unwrap_or(path);
    split_index(last).0
}
