//! The app's own words, in Chinese and English. Field, level, line and target labels come from the
//! engine (`ncms_sim::text`, `ncms_sim::render`) so that the app and the CLI share one vocabulary;
//! only what exists in the interface alone is written here.

use ncms_sim::{Lang, Text};

/// The catalogue: each word once, in Chinese then in English. It makes [`Ui`], one struct of every
/// word per language, so that a component reads `ui(lang).reset` and no word is written twice.
macro_rules! catalogue {
    ($($name:ident: $zh:expr, $en:expr;)*) => {
        /// Every interface word, in one language.
        pub struct Ui {
            $(pub $name: &'static str,)*
        }

        static ZH: Ui = Ui { $($name: $zh,)* };
        static EN: Ui = Ui { $($name: $en,)* };
    };
}

/// The interface's words in `lang`.
pub fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

catalogue! {
    title: "新农合基金政策模拟",
        "NCMS fund policy simulator";
    subtitle: "调整筹资与补偿方案，即时查看基金收支、结余与目标达成",
        "Change funding and benefits; see income, spending, balance and targets at once";
    language_switch: "English",
        "中文";
    language_switch_label: "Switch to English",
        "切换到中文";
    scenario: "基金",
        "Fund";
    menu: "菜单",
        "Menu";
    open_file: "打开文件…",
        "Open file…";
    save_file: "保存文件",
        "Save file";
    share_link: "复制链接",
        "Copy link";
    link_copied: "链接已生成（已尝试复制到剪贴板）",
        "Link ready (copied to the clipboard if allowed)";
    export_csv: "导出 CSV",
        "Export CSV";
    export_xlsx: "导出 Excel 报表",
        "Export workbook";
    print: "打印",
        "Print";
    reset: "恢复方案原值",
        "Reset";
    reset_hint: "撤销所有调整，回到所载文件自带的调整",
        "Undo every edit: back to the loaded scenario's own proposal";
    opened_file: "已打开文件",
        "Opened file";
    edited_file: "已修改结构",
        "Restructured";
    structure_refused: "无法这样修改基金结构：",
        "The fund's structure cannot be changed so:";
    plans: "方案",
        "Plans";
    loading_tools: "正在载入表格工具…",
        "Loading the spreadsheet tools…";
    calibrating: "正在读取并校准…",
        "Reading and calibrating…";
    template_refused: "无法使用该文件：",
        "The file cannot be used:";
    calibrated_from: "已由以下文件校准",
        "Calibrated from";
    figure: "指标",
        "Figure";
    reported: "报告值",
        "Reported";
    modelled: "模型值",
        "Model";
    deviation: "偏差",
        "Deviation";
    cell: "单元格",
        "Cell";
    calibration_assumptions: "数据未给出、按默认值补足的部分",
        "What the figures left out, filled from stated defaults";
    open_calibrated: "使用此基金",
        "Use this fund";
    new_fund: "新建基金：从年度统计数据开始",
        "A new fund from its annual figures";
    new_fund_intro: "下载模板，在 Excel 或 WPS 中填入本基金的年度数据（参合人数、人均筹资、各级医疗机构的就诊人次、医疗费用和基金支付、现行补偿政策），再打开填好的文件。模拟器据此校准出本基金的测算场景；数据缺少的部分按经校准的台州 2012 年结构补足，并列为假设。数据不会离开本机。",
        "Download the template, fill in the fund's annual figures in Excel or WPS (enrollees, funding per head, person-times, medical costs and fund payments by hospital level, the current rules), then open the filled file. The simulator calibrates a scenario of the fund from them; what the figures leave out is filled from the calibrated Taizhou 2012 structure and listed as assumptions. The figures never leave this computer.";
    template_xlsx: "下载模板（Excel）",
        "Template (Excel)";
    template_csv: "下载模板（CSV）",
        "Template (CSV)";
    open_figures: "打开填好的模板…",
        "Open the filled template…";
    new_fund_button: "新建基金…",
        "New fund…";
    report_title: "新农合基金测算报告",
        "NCMS fund projection report";
    made_at: "生成时间",
        "Made";
    version: "版本",
        "Version";
    r_summary: "摘要",
        "Summary";
    r_figure_in_year: "{year} 年{figure} {value}",
        "{figure} in {year}: {value}";
    r_summary_line: "{name}：{surplus}；{balance}；{share}；{targets}",
        "{name}: {surplus}; {balance}; {share}; {targets}";
    r_targets_met: "{year} 年目标达标 {met}/{all} 项。",
        "{met} of {all} targets met in {year}.";
    r_assumptions: "测算假设",
        "Assumptions";
    r_none: "未调整假设",
        "No assumption changed";
    r_plans: "各方案的政策调整",
        "Each plan's policy changes";
    r_years: "逐年测算",
        "Year by year";
    view: "视图",
        "View";
    results: "测算结果",
        "Results";
    surplus_short: "当年结余",
        "Surplus";
    outpatient_short: "门诊",
        "Outpatient";
    balance_short: "累计结余",
        "Balance";
    presentation: "演示模式",
        "Present";
    exit_presentation: "退出演示",
        "Exit presentation";
    answers: "解答",
        "Answers";
    tab_questions: "一键反推",
        "Questions";
    tab_tornado: "敏感性",
        "Which lever matters";
    tab_patient: "典型病例",
        "One patient";
    tab_waterfall: "变化原因",
        "Why it changed";
    patient_bars: "基线与方案下患者与基金各付多少",
        "What the patient and the scheme pay, baseline and plan";
    scheme_pays: "基金支付",
        "Scheme pays";
    patient_pays: "患者自付（按层次）",
        "Patient pays (by layer)";
    layer: "费用层次",
        "Layer of the bill";
    patient_short: "自付",
        "patient";
    scheme_short: "基金",
        "scheme";
    total: "合计",
        "Total";
    kind_of_care: "就医类型",
        "Kind of care";
    level: "医疗机构",
        "Hospital level";
    bill: "总费用",
        "Total bill";
    waterfall_desc: "从基线到方案的变化，按每项调整分解为价格效应与释放效应",
        "The change from baseline to plan, by edit, split into price and release effects";
    outcome: "分析指标",
        "Outcome";
    outcome_surplus: "首年当年结余",
        "Surplus, first year";
    outcome_balance: "期末累计结余",
        "Balance at the horizon";
    recompute: "重新计算",
        "Recompute";
    explain_change: "分解变化",
        "Explain the change";
    stale: "方案已改动：请重新计算",
        "The plan has changed: recompute";
    waterfall_hint: "按每项调整分解方案带来的变化（Shapley 值：与调整顺序无关，各项之和精确到分）。",
        "Splits the plan's change by edit (Shapley values: independent of the order of edits, adding up to the fen).";
    price_effect: "价格效应",
        "Price effect";
    release_effect: "释放效应",
        "Release effect";
    edit: "调整",
        "Edit";
    raises: "增加",
        "raises";
    lowers: "减少",
        "lowers";
    versus_baseline: "较基线",
        "vs baseline";
    rename_plan: "重命名",
        "Rename";
    add_plan: "新建方案（同基线）",
        "New plan (from baseline)";
    add_plan_hint: "新建一个与基线相同的方案（最多 5 个）",
        "A new plan equal to the baseline (at most 5)";
    duplicate_plan: "复制当前方案",
        "Copy this plan";
    duplicate_plan_hint: "新建一个与当前方案相同的方案（最多 5 个）",
        "A new plan equal to this one (at most 5)";
    make_baseline_ask: "把“{name}”的 {count} 项调整写入基线？其余方案将改为与新基线比较，与之相同的调整从其余方案中去掉。可撤销。",
        "Write the {count} edits of “{name}” into the baseline? Every other plan is then measured from the new baseline, and edits equal to these are dropped from them. Undo brings it all back.";
    baseline_from: "基线已取自“{name}”",
        "Baseline taken from “{name}”";
    plan_deleted: "已删除“{name}”；点“撤销”可恢复。",
        "“{name}” deleted; Undo brings it back.";
    delete_plan: "删除方案",
        "Delete";
    make_baseline: "设为基线",
        "Make baseline";
    make_baseline_hint: "把当前方案的政策写入基线：以后各方案都与它比较",
        "Write this plan's policy into the baseline: every plan is then compared with it";
    controls: "政策参数",
        "Policy levers";
    search_levers: "查找参数",
        "Find a lever";
    search_levers_placeholder: "按名称查找，如：县 住院 补偿",
        "Find by name, e.g. county inpatient ratio";
    search_levers_none: "没有名称含“{query}”的参数或假设",
        "No lever or assumption is named “{query}”";
    funding_split: "改动合计时各方按现有比例分摊（精确到分）：{shares}",
        "A new total splits in the payers' present shares, to the fen: {shares}";
    not_a_number: "请输入数字",
        "Type a number";
    year: "年度",
        "Year";
    baseline_intro: "基线：现行政策，{year} 年起逐年测算；方案：调整政策参数后的测算。均为测算值，不是决算。",
        "Baseline: the current rules, projected from {year}; plan: the rules changed. Projections, not accounts.";
    baseline: "基线",
        "Baseline";
    proposal: "方案",
        "Proposal";
    difference: "变化",
        "Change";
    key_figures: "基金收支",
        "Fund income and spending";
    summary: "年度概要",
        "Yearly summary";
    spending_by_line: "分项支出",
        "Spending by line";
    line: "项目",
        "Line";
    targets: "目标检查",
        "Targets";
    target: "目标",
        "Target";
    gap: "差距",
        "Gap";
    changes: "本次调整",
        "What I changed";
    no_changes: "未作调整：方案与基线相同",
        "No changes: the proposal equals the baseline";
    cap: "上限",
        "cap";
    gauge_title: "{figure}（上限 {cap}）",
        "{figure} (cap {cap})";
    cap_used: "已用上限",
        "of the cap used";
    headroom: "余量",
        "Headroom";
    over_cap: "超出上限",
        "Over the cap by";
    balance_chart: "累计结余走势",
        "Accumulated balance";
    balance_chart_desc: "基线与各方案的年末累计结余，标出首个当年收不抵支的年份与可用结余（扣除风险基金）耗尽的年份",
        "Year-end accumulated balance, baseline and plans, with the first year spending exceeds income and the year the available balance (less the risk reserve) runs out";
    first_deficit: "首个当年赤字",
        "First yearly deficit";
    exhausted: "可用结余耗尽",
        "Available balance runs out";
    mark_on_chart: "{plan}{mark} {year}",
        "{plan}: {mark} {year}";
    mark_legend: "{mark}（{plan}）：{year}（基线 {baseline}）",
        "{mark} ({plan}): {year} (baseline {baseline})";
    none: "无",
        "none";
    yuan: "元",
        "yuan";
    invalid_edits: "当前调整无效，未重新计算：",
        "These edits are invalid and were not computed:";
    showing_last_valid: "下方显示的是最近一次有效的结果。",
        "The results below are the last valid ones.";
    file_rejected: "无法打开该文件：",
        "The file could not be opened:";
    link_rejected: "链接无效或已被改动：",
        "The link is invalid or was altered:";
    work_kept: "当前工作未受影响。",
        "Your current work is unchanged.";
    dismiss: "关闭",
        "Dismiss";
    notes: "说明",
        "Notes";
    policy_ratio: "政策范围内补偿比",
        "Policy-scope ratio";
    ratios: "补偿比",
        "Reimbursement ratios";
    use_anyway: "仍然使用",
        "Use it";
    cancel: "取消",
        "Cancel";
    undo: "撤销",
        "Undo";
    undo_hint: "撤销上一步（Ctrl+Z）",
        "Undo the last step (Ctrl+Z)";
    redo: "重做",
        "Redo";
    redo_hint: "重做（Ctrl+Y）",
        "Redo (Ctrl+Y)";
    autosave_failed: "自动保存失败：",
        "Autosave failed:";
    autosave_advice: "。当前工作仍在本页；请点“保存文件”保存，以免关闭页面后丢失。",
        ". Your work is still on this page; use “Save file” to keep it before closing the page.";
    unusual_values: "文件已打开，但以下数值远离常见范围，请核对：",
        "The file is open, but these values are far from the usual; please check them:";
    unusual_footer: "如数值无误，可关闭此提示。",
        "If they are right, dismiss this notice.";
    assumptions: "测算假设",
        "Assumptions";
    assumptions_hint: "假设（人口、就诊、费用、增长、目标……）同时改变基线与各方案，与方案调整分开列出。",
        "Assumptions (population, use, costs, growth, targets, …) change the baseline and every plan alike, and are listed apart from the plan's changes.";
    structure: "基金结构",
        "Structure of the fund";
    name_zh: "中文名称",
        "Chinese name";
    name_en: "英文名称",
        "English name";
    outpatient: "门诊",
        "Outpatient";
    inpatient: "住院",
        "Inpatient";
    remove: "删除",
        "Remove";
    add_line: "增加服务项目",
        "Add a line";
    rule_fee: "一般诊疗费",
        "Consultation fee";
    rule_special: "特殊病种大额门诊",
        "Special-disease outpatient";
    rule_major: "重大疾病",
        "Major diseases";
    rule_reserve: "风险基金",
        "Risk reserve";
    index_deductibles: "起付线与限额随费用增长",
        "Deductibles and caps follow costs";
    ceiling_form: "封顶线形式",
        "Ceiling";
    ceiling_none: "不设封顶线",
        "No ceiling";
    ceiling_fixed: "固定金额",
        "Fixed amount";
    ceiling_multiple: "农民人均纯收入倍数",
        "Multiple of rural net income";
    assumption_changes: "假设调整（基线与方案同时适用）",
        "Assumptions changed (baseline and plans alike)";
    tornado_aria: "各参数对结果的影响，从大到小",
        "Effect of each parameter, largest first";
    tornado_outcome: "结果",
        "Outcome";
    tornado_step: "变动幅度",
        "Move";
    tornado_ten_percent: "各参数 ±10%",
        "Each ±10%";
    tornado_natural_unit: "各参数 ± 一个常用单位（5 个百分点、10 元…）",
        "Each ± one unit (5 points, 10 yuan, …)";
    working: "计算中…",
        "Working it out…";
    parameter_down: "参数下调",
        "Parameter down";
    parameter_up: "参数上调",
        "Parameter up";
    parameter: "参数",
        "Parameter";
    tornado_move: "变动",
        "Move";
    tornado_down: "下调时",
        "Down";
    tornado_up: "上调时",
        "Up";
    tornado_swing: "差额",
        "Swing";
    role_assumption: "假设",
        "assumption";
    role_policy: "政策",
        "policy";
    held_by_range: "（受取值范围限制）",
        " (held by its range)";
    show_top: "只看前 12 项",
        "Show the top 12";
    show_all: "显示全部",
        "Show all";
    tornado_note: "每项只动一个参数，其余保持方案现值；政策参数只改方案，假设同时改变基线与方案。",
        "Each bar moves one parameter, the rest as the plan has them; a policy lever moves the plan only, an assumption the baseline too.";
    in_the_plan: "已在方案中",
        "In the plan";
    apply_closest: "采用最接近的值",
        "Apply the closest value";
    not_monotone: "注意：指标随该参数的变化不是单调的，这是若干个解之一。",
        "Note: the figure does not move one way with this lever; this is one of several answers.";
    apply: "采用",
        "Apply";
    apply_lower_end: "采用下限",
        "Apply the lower end";
    apply_upper_end: "采用上限",
        "Apply the upper end";
    seek_title: "自定义反推：某一参数取何值时达到目标",
        "Any lever, any target";
    seek_move: "调整",
        "Move";
    seek_so_that: "使",
        "so that";
    seek_comparison: "比较",
        "Comparison";
    seek_target_value: "目标值",
        "Target value";
    seek_year: "年份",
        "in";
    every_year: "预测期每年",
        "every year";
    solve: "求解",
        "Solve";
    seek_bad_target: "目标值应为一个数，例如 0、25 或 -1000000",
        "The target is a number, such as 0, 25 or -1000000";
    q_break_even_next_year: "{year}年当年收支平衡，人均筹资至少要多少？",
        "What funding per head breaks even in {year}?";
    q_break_even_horizon: "预测期内每年都不出现赤字，人均筹资至少要多少？",
        "What funding per head avoids a deficit in every year of the horizon?";
    q_outpatient_within_cap: "门诊统筹支出占比不超过 {cap}，各级门诊补偿比例最高可提高多少？",
        "How far can every outpatient ratio rise with outpatient pooling within {cap}?";
    q_inpatient_no_deficit: "{year}年不出现赤字，各级住院补偿比例最高可提高多少？",
        "How far can every inpatient ratio rise with no deficit in {year}?";
    q_surplus_band: "当年结余率保持在 {lo} – {hi}，人均筹资应在什么范围？",
        "What funding per head keeps the surplus rate within {lo} – {hi}?";
    q_policy_scope_target: "住院政策范围内补偿比达到 {target}，住院补偿比例要提高多少？花多少钱？",
        "What inpatient ratios reach the {target} policy-scope target, and what does it cost?";
    q_inpatient_catastrophic: "住院自付超过家庭年收入 10% 的患者比例降到 {share} 以下，各级住院补偿比例要提高多少？花多少钱？",
        "What inpatient ratios bring the inpatient stays costing over 10 % of household income under {share}, and what does it cost?";
    q_deficit_chance: "下一年（{year}年）当年赤字概率不超过 {chance}，人均筹资至少要多少？",
        "What funding per head keeps the chance of a deficit in {year} at {chance} or less?";
    q_run_out_chance: "预测期内基金耗尽概率不超过 {chance}，各级住院补偿比例最多能提高多少？",
        "What are the highest inpatient ratios with a chance of running out within the horizon of {chance} or less?";
    ask_percent: "“{typed}”是指 {big} 还是 {small}？",
        "Does “{typed}” mean {big} or {small}?";
    confirm_unusual: "{value} 远超出常见范围（{usual}），确定使用吗？",
        "{value} is far from the usual {usual}. Use it anyway?";
    patient_summary: "{case}：患者自付 {patient_before} → {patient_after}（{change}），基金支付 {scheme_before} → {scheme_after}",
        "{case}: the patient pays {patient_before} → {patient_after} ({change}); the scheme {scheme_before} → {scheme_after}";
    template_xlsx_file: "基金年度数据模板.xlsx",
        "fund-figures-template.xlsx";
    template_csv_file: "基金年度数据模板.csv",
        "fund-figures-template.csv";
    plan_volume: "方案人次",
        "Volume";
    link_part_missing: "链接缺少这一部分",
        "this part of the link is missing";
    link_part_not_base64: "链接这一部分不是有效的 base64url 文字",
        "this part of the link is not valid base64url text";
    link_work_unreadable: "链接中的工作内容无法读取（可能被截断或改动）",
        "the work in the link cannot be read (cut short or altered?)";
    link_no_plan: "链接中没有方案",
        "the link holds no plan";
    link_unknown_part: "链接含有无法识别的部分",
        "the link has a part the app does not know";
    link_version_unknown: "链接版本缺失或无法识别",
        "the link's version is missing or unknown";
    link_edits_not_numbers: "调整内容不是由数字组成的 JSON 对象",
        "the edits are not a JSON object of numbers";
    link_scenario_missing: "链接须指定一个内置基金或包含一个文件",
        "the link must name one bundled scenario or carry one file";
    tools_not_loaded: "无法载入表格工具（请检查网络后重试）",
        "the spreadsheet tools could not be loaded (check the connection and try again)";
    tools_failed: "表格工具出错",
        "the spreadsheet tools failed";
    tools_lack_function: "表格工具缺少此功能",
        "the spreadsheet tools lack this function";
    tools_answer_unreadable: "表格工具的结果无法读取",
        "the spreadsheet tools' answer cannot be read";
    storage_disabled: "浏览器禁用了本地存储",
        "the browser does not allow local storage";
    calibration_unreadable: "校准结果无法读取",
        "the calibration cannot be read";
    no_such_bundled_scenario: "没有这个内置基金",
        "there is no bundled scenario by this id";
    storage_full: "浏览器存储空间不足（本次工作约 {size} KB）",
        "the browser's storage is full (this work is about {size} KB)";
    not_applied: "未应用：{fields} 的输入尚未确认，以下为上次确认的结果",
        "Not applied: what is typed in {fields} is not confirmed; the results below are the last confirmed ones";
    list_separator: "、",
        ", ";
    compute_on_page: "此浏览器不能在后台计算，分析在页面上逐项进行，输入时可能略有停顿。",
        "This browser cannot compute in the background: the answers are worked out on the page, one at a time, and typing may pause briefly.";
    extras_failed: "分析模块无法载入（请检查网络后刷新页面）；测算结果不受影响。",
        "The answers could not be loaded (check the connection and reload the page); the results above are unaffected.";
    protection: "医疗保障效果：灾难性与致贫性卫生支出",
        "What the plans do for families: catastrophic and impoverishing spending";
    protection_detail: "细分",
        "Detail";
    protection_overall: "全部患者",
        "All patients";
    protection_by_kind: "按服务类别（超过收入 10%）",
        "By kind of care (over 10 % of income)";
    protection_by_line: "按服务项目（超过收入 10%）",
        "By line (over 10 % of income)";
    cost_per_point: "每降低 1 个百分点（超过收入 10%）的基金支出",
        "Fund's cost per point avoided (over 10 % of income)";
    trade_off_axis: "权衡图纵轴",
        "Trade-off chart, upwards";
    trade_off_surplus: "首年当年结余",
        "Surplus, first year";
    trade_off_balance: "期末累计结余",
        "Balance at the horizon";
    trade_off_desc: "各方案的基金结余与灾难性支出比例：越靠左上越好",
        "Each plan's fund figure against its catastrophic share: up and to the left is better";
    trade_off_caption: "保大病与保小病：每个点是一个方案，横轴为自付超过家庭收入 10% 的患者比例，纵轴为基金结余。",
        "保大病 or 保小病: each point is a plan, across the share of patients paying over 10 % of household income, up the fund's figure.";
    risk: "风险测算：结余有多确定",
        "How sure are we: the balance over many draws";
    risk_draws: "{draws} 次抽样，随机种子 {seed}；各方案与基线使用相同的抽样",
        "{draws} draws, seed {seed}; the plans and the baseline see the same draws";
    risk_deficit: "{chance}在 {year} 年出现当年赤字",
        "{chance} that {year} ends in a deficit";
    risk_exhausted: "{chance}在 {year} 年底前用完可用结余",
        "{chance} that the available balance runs out by the end of {year}";
    risk_said: "{sentence}（{share}）",
        "{sentence} ({share})";
    risk_reserve: "使耗尽概率不超过 10% 需追加储备：",
        "Extra reserve to keep the chance of running out at 10 % or less: ";
    risk_caption: "图中阴影为各方案累计结余的 P10–P90 区间（浅色为 P5–P95），由下方风险测算的抽样得出。",
        "The shaded bands are each plan's P10–P90 of the accumulated balance (lighter: P5–P95), from the draws of the risk figures below.";
    range_hint: "约 2/3 的抽样在 {low} 至 {high} 之间（中心值 {central}）",
        "About 2 in 3 draws within {low} to {high} (central {central})";
    band_legend: "P10–P90",
        "P10–P90";
    chance_never: "没有可能（抽样中从未出现）",
        "no chance (in none of the draws)";
    chance_always: "必然（每次抽样都出现）",
        "certain (in every draw)";
    chance_under: "不到 1/100 的可能",
        "a chance of less than 1 in 100";
    chance_over: "超过 99/100 的可能",
        "a chance of more than 99 in 100";
    chance_about: "约 {k}/{n} 的可能",
        "a chance of about {k} in {n}";
}

/// A probability as an official reads it: a simple fraction, or the edges said as edges.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Chance {
    /// In none of the draws.
    Never,
    /// Above 0 and below 1 %.
    UnderOneIn100,
    /// About `k` in `n`: 1 in n up to about one half, then tenths, then hundredths.
    About { k: u32, n: u32 },
    /// Above 99 % and below 1.
    OverNinetyNineIn100,
    /// In every draw.
    Always,
}

impl Chance {
    /// The fraction nearest `p` among those an official reads at a glance.
    pub fn of(p: f64) -> Chance {
        if p.is_nan() || p <= 0.0 {
            Chance::Never
        } else if p >= 1.0 {
            Chance::Always
        } else if p < 0.01 {
            Chance::UnderOneIn100
        } else if p > 0.99 {
            Chance::OverNinetyNineIn100
        } else if p <= 0.55 {
            Chance::About {
                k: 1,
                n: (1.0 / p).round() as u32,
            }
        } else if p < 0.95 {
            Chance::About {
                k: ((p * 10.0).round() as u32).clamp(6, 9),
                n: 10,
            }
        } else {
            Chance::About {
                k: (p * 100.0).round() as u32,
                n: 100,
            }
        }
    }

    /// The chance in words ("约 1/3 的可能", "a chance of about 1 in 3").
    pub fn words(self, lang: Lang) -> String {
        let ui = ui(lang);
        match self {
            Chance::Never => ui.chance_never.into(),
            Chance::UnderOneIn100 => ui.chance_under.into(),
            Chance::About { k, n } => fill(
                ui.chance_about,
                &[("k", &k.to_string()), ("n", &n.to_string())],
            ),
            Chance::OverNinetyNineIn100 => ui.chance_over.into(),
            Chance::Always => ui.chance_always.into(),
        }
    }
}

/// A catalogue word in both languages, for a message that is shown later, in whichever
/// language is current then: `both(|w| w.storage_disabled)`.
pub fn both(word: fn(&Ui) -> &'static str) -> Text {
    Text::new(word(&ZH), word(&EN))
}

/// A catalogue sentence with its `{name}` places filled: `fill(ui.ask_percent, &[("typed",
/// "0.9"), …])`. Each language orders the places as it needs.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chance_reads_as_a_simple_fraction_and_its_edges_as_edges() {
        assert_eq!(Chance::of(0.0), Chance::Never);
        assert_eq!(Chance::of(0.0005), Chance::UnderOneIn100);
        assert_eq!(Chance::of(0.0099), Chance::UnderOneIn100);
        assert_eq!(Chance::of(0.01), Chance::About { k: 1, n: 100 });
        assert_eq!(Chance::of(0.1), Chance::About { k: 1, n: 10 });
        assert_eq!(Chance::of(0.334), Chance::About { k: 1, n: 3 });
        assert_eq!(Chance::of(0.3), Chance::About { k: 1, n: 3 });
        assert_eq!(Chance::of(0.5), Chance::About { k: 1, n: 2 });
        assert_eq!(Chance::of(0.55), Chance::About { k: 1, n: 2 });
        assert_eq!(Chance::of(0.56), Chance::About { k: 6, n: 10 });
        assert_eq!(Chance::of(0.7), Chance::About { k: 7, n: 10 });
        assert_eq!(Chance::of(0.949), Chance::About { k: 9, n: 10 });
        assert_eq!(Chance::of(0.97), Chance::About { k: 97, n: 100 });
        assert_eq!(Chance::of(0.99), Chance::About { k: 99, n: 100 });
        assert_eq!(Chance::of(0.995), Chance::OverNinetyNineIn100);
        assert_eq!(Chance::of(1.0), Chance::Always);
    }

    #[test]
    fn a_chance_is_said_in_each_language() {
        assert_eq!(Chance::of(0.334).words(Lang::Zh), "约 1/3 的可能");
        assert_eq!(
            Chance::of(0.334).words(Lang::En),
            "a chance of about 1 in 3"
        );
        assert_eq!(
            fill(
                ui(Lang::Zh).risk_exhausted,
                &[
                    ("chance", &Chance::of(0.34).words(Lang::Zh)),
                    ("year", "2017")
                ]
            ),
            "约 1/3 的可能在 2017 年底前用完可用结余"
        );
        assert_eq!(
            Chance::of(0.0).words(Lang::En),
            "no chance (in none of the draws)"
        );
        assert_eq!(Chance::of(1.0).words(Lang::Zh), "必然（每次抽样都出现）");
    }
}
