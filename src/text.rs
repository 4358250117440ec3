//! Words for people, in Chinese and English: the labels of fields, levels and targets that the
//! CLI, the validation messages and the app share, so that one term has one translation.

use crate::scenario::Level;
use serde::{Deserialize, Serialize};

/// The interface language. Chinese is the default: the users are Chinese officials.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// A fixed text in both languages: the labels of targets and report rows. Serialises like
/// [`Text`] (`{ "zh": …, "en": … }`) but costs no allocation, which matters on every keystroke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Label {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Label {
    pub const fn new(zh: &'static str, en: &'static str) -> Label {
        Label { zh, en }
    }

    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// The name of a hospital level.
pub fn level_name(level: Level) -> Text {
    let (zh, en) = match level {
        Level::Village => ("村卫生室", "Village clinic"),
        Level::Township => ("乡镇卫生院", "Township health centre"),
        Level::County => ("县级医院", "County hospital"),
        Level::Higher => ("省市级医院", "Higher-level hospital"),
        Level::OutOfArea => ("统筹区外", "Outside the pooling area"),
    };
    Text::new(zh, en)
}

/// The label of one field of the scenario format, by its key (the last part of a path).
pub fn field_label(key: &str) -> Text {
    let (zh, en) = match key {
        "id" => ("编号", "identifier"),
        "name" => ("名称", "name"),
        "year" => ("基准年", "base year"),
        "enrollees" => ("参合人数", "enrollees"),
        "growth" => ("参合人数年增长率", "yearly growth of enrollment"),
        "participation_rate" => ("参合率", "participation rate"),
        "individual" => ("个人缴费", "individual contribution"),
        "government" => ("政府补助", "government subsidy"),
        "central" => ("中央财政补助", "central government subsidy"),
        "provincial" => ("省级财政补助", "provincial subsidy"),
        "municipal" => ("市级财政补助", "municipal subsidy"),
        "county" => ("县级财政补助", "county subsidy"),
        "other_income" => ("其他收入", "other income"),
        "interest_rate" => ("利率", "interest rate"),
        "opening_balance" => ("年初累计结余", "opening accumulated balance"),
        "lines" => ("服务项目", "service lines"),
        "level" => ("医疗机构级别", "hospital level"),
        "outpatient" => ("普通门诊", "general outpatient"),
        "inpatient" => ("住院", "inpatient"),
        "visits_per_enrollee" => ("人均就诊次数", "visits per enrollee"),
        "admissions_per_1000" => ("每千人住院人次", "admissions per 1000 enrollees"),
        "mean_cost" => ("次均费用", "mean cost per claim"),
        "cost_cv" => ("费用变异系数", "cost coefficient of variation"),
        "scope_share" => ("政策范围内费用占比", "policy-scope share"),
        "deductible" => ("起付线", "deductible"),
        "reimbursement_ratio" => ("补偿比例", "reimbursement ratio"),
        "visit_cap" => ("每次门诊补偿限额", "per-visit cap"),
        "admission_cap" => ("每次住院补偿限额", "per-admission cap"),
        "annual_ceiling" => ("封顶线", "annual ceiling"),
        "fixed" => ("封顶线", "annual ceiling"),
        "multiple" => ("封顶线倍数", "ceiling multiple of rural net income"),
        "rural_net_income" => ("农民人均纯收入", "rural net income per head"),
        "floor" => ("封顶线下限", "ceiling floor"),
        "consultation_fee" => ("一般诊疗费", "general consultation fee"),
        "fee_per_visit" => ("每次诊疗费", "fee per visit"),
        "scheme_part" => ("新农合支付部分", "part paid by the scheme"),
        "cap_per_capita" => ("每人每年支付限额", "yearly cap per served resident"),
        "served_share" => ("服务覆盖比例", "share of enrollees served"),
        "special_disease" => ("特殊病种大额门诊", "special-disease outpatient"),
        "patients_per_1000" => ("每千人患者数", "patients per 1000 enrollees"),
        "annual_cost" => ("人均年费用", "mean yearly cost per patient"),
        "major_disease" => ("重大疾病", "major diseases"),
        "cases_per_100k" => ("每十万人病例数", "cases per 100 000 enrollees"),
        "limited_cost" => ("限定费用", "limited cost per case"),
        "critical_illness_premium" => ("大病保险人均保费", "critical-illness premium per enrollee"),
        "risk_reserve" => ("风险基金", "risk reserve"),
        "rate" => ("提取比例", "rate set aside"),
        "cap" => ("上限比例", "cap as a share of income"),
        "opening_reserve" => ("年初风险基金", "opening reserve"),
        "elasticity" => ("需求弹性", "demand elasticity"),
        "years" => ("预测年数", "projection years"),
        "funding_growth" => ("筹资年增长率", "yearly growth of funding"),
        "cost_growth" => ("费用年增长率", "yearly growth of unit costs"),
        "utilisation_growth" => ("利用率年增长率", "yearly growth of utilisation"),
        "proposal" => ("方案调整", "proposal"),
        "participation_min" => ("参合率目标", "participation target"),
        "inpatient_policy_ratio_min" => (
            "住院政策范围内补偿比目标",
            "inpatient policy-scope ratio target",
        ),
        "ceiling_income_multiple_min" => ("封顶线倍数目标", "ceiling multiple target"),
        "national_rural_net_income" => ("全国农民人均纯收入", "national rural net income per head"),
        "ceiling_floor_min" => ("封顶线最低额", "minimum ceiling"),
        "primary_outpatient_ratio_min" => ("基层门诊补偿比目标", "primary outpatient ratio target"),
        "outpatient_share_max" => ("门诊统筹占比上限", "outpatient share cap"),
        "funding_per_enrollee_min" => ("人均筹资目标", "funding per enrollee target"),
        "government_per_enrollee_min" => ("人均政府补助目标", "government subsidy target"),
        "major_disease_ratio_min" => ("重大疾病补偿比目标", "major-disease ratio target"),
        "surplus_rate_min" => ("当年结余率下限", "minimum surplus rate"),
        "surplus_rate_max" => ("当年结余率上限", "maximum surplus rate"),
        "balance_ratio_max" => ("累计结余率上限", "maximum accumulated balance ratio"),
        other => return Text::new(other, other),
    };
    Text::new(zh, en)
}

/// A full label for a field path: `lines[1].inpatient.reimbursement_ratio` with the levels of
/// `levels` reads "县级医院 住院 补偿比例" / "County hospital inpatient reimbursement ratio".
pub fn path_label(path: &str, levels: &[Level]) -> Text {
    let mut zh = Vec::new();
    let mut en = Vec::new();
    let segments: Vec<&str> = path.split('.').collect();
    for (i, segment) in segments.iter().enumerate() {
        let (key, index) = split_index(segment);
        let last = i + 1 == segments.len();
        match (key, index) {
            ("lines", Some(n)) => {
                let name = levels.get(n).map(|l| level_name(*l)).unwrap_or_else(|| {
                    Text::new(format!("第{}项", n + 1), format!("line {}", n + 1))
                });
                zh.push(name.zh);
                en.push(name.en);
            }
            (
                "outpatient" | "inpatient" | "consultation_fee" | "special_disease"
                | "major_disease" | "risk_reserve",
                _,
            ) if !last => {
                let label = field_label(key);
                zh.push(label.zh);
                en.push(label.en);
            }
            _ if last => {
                let label = field_label(key);
                zh.push(label.zh);
                en.push(label.en);
            }
            _ => {}
        }
    }
    Text::new(zh.join(" "), capitalise(&en.join(" ")))
}

/// "county subsidy" → "County subsidy": a label that stands alone starts with a capital. English
/// labels are ASCII; upper-casing the first byte in place keeps Unicode case tables and the
/// formatting machinery out of the wasm (they cost 14 KB).
fn capitalise(text: &str) -> String {
    let mut text = text.to_string();
    if let Some(first) = text.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    text
}

/// `lines[2]` → (`lines`, Some(2)); `deductible` → (`deductible`, None).
pub(crate) fn split_index(segment: &str) -> (&str, Option<usize>) {
    match segment.find('[') {
        Some(open) if segment.ends_with(']') => (
            &segment[..open],
            segment[open + 1..segment.len() - 1].parse().ok(),
        ),
        _ => (segment, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_labels_name_the_level_and_the_field() {
        let levels = [Level::Township, Level::County];
        let label = path_label("lines[1].inpatient.reimbursement_ratio", &levels);
        assert_eq!(label.zh, "县级医院 住院 补偿比例");
        assert_eq!(label.en, "County hospital inpatient reimbursement ratio");
        let label = path_label("financing.government.county", &levels);
        assert_eq!(label.en, "County subsidy");
        assert_eq!(
            path_label("rules.annual_ceiling.fixed", &levels).zh,
            "封顶线"
        );
    }
}
