//! Words for people that are not parameters: the names of hospital levels, of kinds of care and
//! of the scenario's structural fields (`lines`, `rules`, …). Parameter labels live in the
//! registry (`params`); one term has one translation.

use crate::base::lang::{Label, Text};
use crate::scenario::file_format::Level;

/// The name of a hospital level.
pub fn level_name(level: Level) -> Text {
    level_label(level).into()
}

/// The name of a hospital level, without allocating.
pub fn level_label(level: Level) -> Label {
    match level {
        Level::Village => Label::new("村卫生室", "Village clinic"),
        Level::Township => Label::new("乡镇卫生院", "Township health centre"),
        Level::County => Label::new("县级医院", "County hospital"),
        Level::Higher => Label::new("省市级医院", "Higher-level hospital"),
        Level::OutOfArea => Label::new("统筹区外", "Outside the pooling area"),
    }
}

/// The label of a structural (non-numeric) key of the scenario format; `None` for a key this
/// module does not name (numeric parameters are named by the registry).
pub fn structure_label(key: &str) -> Option<Label> {
    Some(match key {
        "id" => Label::new("编号", "identifier"),
        "name" => Label::new("名称", "name"),
        "zh" => Label::new("中文名称", "Chinese name"),
        "en" => Label::new("英文名称", "English name"),
        "year" => Label::new("基准年", "base year"),
        "notes" => Label::new("说明", "notes"),
        "sources" => Label::new("数据来源", "sources"),
        "file" => Label::new("来源文件", "source file"),
        "figure" => Label::new("来源数据", "source figure"),
        "population" => Label::new("参合人口", "population"),
        "financing" => Label::new("筹资", "financing"),
        "government" => Label::new("政府补助", "government subsidy"),
        "lines" => Label::new("服务项目", "service lines"),
        "level" => Label::new("医疗机构级别", "hospital level"),
        "outpatient" => Label::new("普通门诊", "general outpatient"),
        "inpatient" => Label::new("住院", "inpatient"),
        "rules" => Label::new("补偿规则", "rules"),
        "annual_ceiling" => Label::new("封顶线", "annual ceiling"),
        "fixed" => Label::new("封顶线", "annual ceiling"),
        "income_multiple" => Label::new("按收入倍数的封顶线", "ceiling as an income multiple"),
        "consultation_fee" => Label::new("一般诊疗费", "general consultation fee"),
        "special_disease" => Label::new("特殊病种大额门诊", "special-disease outpatient"),
        "major_disease" => Label::new("重大疾病", "major diseases"),
        "risk_reserve" => Label::new("风险基金", "risk reserve"),
        "behaviour" => Label::new("就医行为", "behaviour"),
        "projection" => Label::new("预测", "projection"),
        "index_deductibles" => Label::new(
            "起付线与限额是否随费用增长",
            "whether deductibles and caps follow costs",
        ),
        "targets" => Label::new("政策目标", "targets"),
        "observed" => Label::new("实际报告数", "reported figures"),
        "proposal" => Label::new("方案调整", "proposal"),
        "assumptions" => Label::new("假设调整", "assumption changes"),
        _ => return None,
    })
}
