//! Every text of the editor's screens, in English and Simplified Chinese.
//! (The appeal itself is always English; these are the tool's own words.)

use crate::playbook::Lang;

/// A text of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum S {
    Steps,
    StepSeller,
    StepNotice,
    StepMetrics,
    StepCauses,
    StepActions,
    StepMeasures,
    StepExplanation,
    StepEvidence,
    StepReview,
    /// Short step names for a narrow rail.
    ShortCauses,
    ShortActions,
    ShortMeasures,
    ShortExplanation,
    /// The guide box's title when its text goes on below.
    HintMore,
    MessageMore,
    /// `{n}`.
    ChoicesShown,
    Findings,
    NoFindings,
    FindingsElsewhere,
    FillUndone,
    InOtherItem,
    CheckedAll,
    CheckedNoGrammar,
    Saved,
    Unsaved,
    Words,
    DaysLeft,
    DayLeft,
    Overdue,
    DueToday,
    NoDeadline,
    NoItems,
    Example,
    TooSmall,
    NotTaken,
    Help,
    HelpTitle,
    Suggestions,
    SuggestionsEmpty,
    Problems,
    NoProblems,
    Preview,
    ExportHint,
    OfferSubmit,
    Submitted,
    RemoveItem,
    Recovered,
    Locked,
    StartTitle,
    StartNewViolation,
    StartNewNotice,
    StartOpen,
    StartNoFiles,
    PickViolation,
    PasteNotice,
    PasteNoticeHint,
    FileName,
    FileNameHint,
    StartKeysList,
    StartKeysPaste,
    StartKeysName,
    NotADate,
    NotAChoice,
    NotANumber,
    Choices,
    Closing,
    LetterDate,
    PressAnyKey,
    Language,
    /// `{title}`, `{n}`, `{total}`.
    ItemOfTotal,
    /// `{files}`: one per line.
    Written,
    NoFix,
    /// `{error}`.
    NoLetterYet,
    /// `{violation}`.
    NoticeRead,
    NotANotice,
    NameFirst,
    /// `{path}`.
    FileExists,
    HelpLegend,
    /// `{fields}`: the labels, separated by commas.
    AlsoFilled,
    DiskChanged,
    NotSavedDiskChanged,
    /// `{n}`: the errors left.
    ExportWithErrors,
    ExportNotes,
    Checking,
    Meaning,
    /// `{error}`.
    QuitNotSaved,
    /// `{fields}`: the half-typed texts, one a line.
    QuitHalfTyped,
    /// `{fields}`, `{copy}`, `{file}`.
    KeptHalfTyped,
    /// `{size}`, `{limit}`.
    TooLargeForCase,
    /// `{path}`.
    KeptExternal,
    WhatWasRead,
    NotFound,
    /// `{violation}`.
    ReadViolation,
    /// `{other}`.
    ReadNotSure,
    /// `{date}`.
    ReadReceived,
    /// `{date}`.
    ReadDeadlineOwn,
    /// `{date}`.
    ReadDeadlineUsual,
    /// `{list}`.
    ReadAsins,
    /// `{list}`.
    ReadOrders,
    /// `{n}`.
    ReadAsks,
    ReadFigures,
    ReadFiguresDays,
    ReadAsksChinese,
    ReadConfirm,
}

/// The text in the language.
pub fn t(lang: Lang, s: S) -> &'static str {
    let (en, zh) = match s {
        S::Steps => ("Steps", "步骤"),
        S::StepSeller => ("Seller", "卖家信息"),
        S::StepNotice => ("Notice", "通知"),
        S::StepMetrics => ("Metrics", "指标数据"),
        S::StepCauses => ("Root causes", "根本原因"),
        S::StepActions => ("Corrective actions", "纠正措施"),
        S::StepMeasures => ("Preventive measures", "预防措施"),
        S::StepExplanation => ("Explanation", "申诉说明"),
        S::StepEvidence => ("Evidence", "证明文件"),
        S::StepReview => ("Review", "检查与导出"),
        S::ShortCauses => ("Causes", "根本原因"),
        S::ShortActions => ("Actions", "纠正措施"),
        S::ShortMeasures => ("Measures", "预防措施"),
        S::ShortExplanation => ("Explain", "申诉说明"),
        S::HintMore => ("more: Alt+PgDn", "更多：Alt+PgDn"),
        S::MessageMore => (
            "Up/Down, PgUp/PgDn to read on · lines {from}–{to} of {n}",
            "上下键、PgUp/PgDn 翻看 · 第 {from}–{to} 行，共 {n} 行",
        ),
        S::Findings => ("Findings", "检查结果"),
        S::NoFindings => ("Nothing to fix in this step.", "这一步没有发现问题。"),
        S::Saved => ("saved", "已保存"),
        S::Unsaved => ("unsaved", "未保存"),
        S::Words => ("words", "字"),
        S::DaysLeft => ("days left to appeal", "天后申诉截止"),
        S::DayLeft => ("day left to appeal", "天后申诉截止"),
        S::Overdue => ("appeal window passed", "申诉期限已过"),
        S::DueToday => ("appeal due today", "今天是申诉截止日"),
        S::NoDeadline => ("no notice date yet", "尚未填写通知日期"),
        S::NoItems => (
            "No items yet. Press F6 to add one, or F5 to start from a suggestion.",
            "还没有内容。按 F6 添加一条，或按 F5 从参考写法开始。",
        ),
        S::Example => ("Example", "示例"),
        S::TooSmall => (
            "The window is too small for poa. Make it at least 80 columns by 24 lines.",
            "窗口太小，请把终端窗口调到至少 80 列、24 行。",
        ),
        S::NotTaken => (
            "Keys not taken: {n}. Nothing was typed into the case; make the window larger first.",
            "未接受的按键：{n} 个。案例中没有输入任何内容；请先把窗口放大。",
        ),
        S::Help => ("F1 help", "F1 帮助"),
        S::HelpTitle => ("Keys (Esc closes)", "快捷键（按 Esc 关闭）"),
        S::Suggestions => (
            "Suggestions from the playbook (Enter inserts, Esc closes)",
            "来自指南的参考写法（回车插入，Esc 关闭）",
        ),
        S::SuggestionsEmpty => (
            "The playbook has no suggestions for this field.",
            "这个字段没有参考写法。",
        ),
        S::Problems => ("To fix (F3 next, F4 go)", "待修改（F3 下一个，F4 跳转）"),
        S::NoProblems => (
            "No problems found. Export the appeal below.",
            "没有发现问题，可以在下方导出申诉信。",
        ),
        S::CheckedAll => (
            "Checked: required answers, root causes, actions and measures, dates and ids, evidence, tone, policy wording, length, spelling and grammar.",
            "已检查：必填内容、根本原因、纠正和预防措施、日期和编号、证明文件、语气、政策用语、长度、拼写和语法。",
        ),
        S::CheckedNoGrammar => (
            "Checked: required answers, root causes, actions and measures, dates and ids, evidence, tone, policy wording and length. Spelling and grammar are turned off for this case.",
            "已检查：必填内容、根本原因、纠正和预防措施、日期和编号、证明文件、语气、政策用语和长度。这个案例关闭了拼写和语法检查。",
        ),
        S::Preview => ("The letter", "申诉信预览"),
        S::ExportHint => (
            "Export: F6 Word · F7 Markdown · F8 form text · F9 PDF · F10 all",
            "导出：F6 Word · F7 Markdown · F8 表单文本 · F9 PDF · F10 全部",
        ),
        S::RemoveItem => (
            "Remove this item? Press y to remove, any other key to keep it.",
            "确定删除这一条吗？按 y 删除，按其他键取消。",
        ),
        S::Recovered => (
            "A copy of this case newer than the file was found: it holds text the file does not (typed but not yet a date or number, or left when the editor did not close normally). Press y to restore it, n to discard it.",
            "发现一份比文件更新的副本，里面有文件里没有的内容（还没写完的日期或数字，或者上次编辑器没有正常关闭时留下的）。按 y 恢复，按 n 丢弃。",
        ),
        S::Locked => (
            "This case is open in another poa editor. Changes made in both will overwrite each other. Press Enter to edit anyway, or Ctrl+Q to quit.",
            "这个案例正在另一个 poa 编辑器中打开，两边同时修改会互相覆盖。按回车继续编辑，或按 Ctrl+Q 退出。",
        ),
        S::StartTitle => (
            "poa — write the appeal for an Amazon notice",
            "poa —— 为亚马逊通知撰写申诉",
        ),
        S::StartNewViolation => ("New case: choose the violation", "新建案例：选择违规类型"),
        S::StartNewNotice => ("New case: paste the notice", "新建案例：粘贴通知内容"),
        S::StartOpen => (
            "Open a case file in this folder:",
            "打开本文件夹中的案例文件：",
        ),
        S::StartNoFiles => ("(no *.poa.yaml files here)", "（这里没有 *.poa.yaml 文件）"),
        S::PickViolation => (
            "Which violation is the notice about? (Enter chooses)",
            "通知针对的是哪种违规？（回车选择）",
        ),
        S::PasteNotice => (
            "Paste the whole notice, then press F2",
            "粘贴完整的通知内容，然后按 F2",
        ),
        S::PasteNoticeHint => (
            "Copy it from Seller Central (Performance > Account Health) or from the email. Ctrl+V or your terminal's paste works.",
            "从卖家后台（绩效 > 账户状况）或邮件里复制全文，用终端的粘贴功能粘贴进来。",
        ),
        S::FileName => (
            "Name of the new case file (Enter creates it)",
            "新案例文件的名称（回车创建）",
        ),
        S::StartKeysList => (
            "↑/↓ choose · Enter open · Esc back · Ctrl+Q quit",
            "↑/↓ 选择 · 回车 确定 · Esc 返回 · Ctrl+Q 退出",
        ),
        S::StartKeysPaste => (
            "Paste with your terminal's paste key · F2 continue · Esc back",
            "用终端的粘贴快捷键粘贴 · F2 继续 · Esc 返回",
        ),
        S::StartKeysName => (
            "Enter create · Esc back · Ctrl+Q quit",
            "回车 创建 · Esc 返回 · Ctrl+Q 退出",
        ),
        S::FileNameHint => (
            "It is saved in this folder; the name ends with .poa.yaml.",
            "保存在当前文件夹，文件名以 .poa.yaml 结尾。",
        ),
        S::NotAChoice => (
            "not a choice yet: pick one below with ↑/↓ or Enter",
            "还不是选项：用 ↑/↓ 或回车选一项",
        ),
        S::NotADate => (
            "not a date yet: write YYYY-MM-DD, e.g. 2026-11-18",
            "日期格式不对：请写成 YYYY-MM-DD，例如 2026-11-18",
        ),
        S::NotANumber => ("write a whole number, e.g. 1200", "请写整数，例如 1200"),
        S::Choices => (
            "type to search, ↑/↓, Enter picks and moves on",
            "输入搜索，↑/↓ 选，回车选定并跳到下一项",
        ),
        S::ChoicesShown => ("{n} choices", "{n} 个选项"),
        S::Closing => ("Closing paragraph (optional)", "结尾段落（可选）"),
        S::LetterDate => (
            "Date on the letter (YYYY-MM-DD, empty = today)",
            "申诉信日期（YYYY-MM-DD，留空即今天）",
        ),
        S::PressAnyKey => ("Press any key.", "按任意键继续。"),
        S::Language => ("English", "中文"),
        S::ItemOfTotal => (
            "{title} — item {n} of {total}",
            "{title} — 第 {n} 条，共 {total} 条",
        ),
        S::Written => ("Written:\n{files}", "已导出：\n{files}"),
        S::OfferSubmit => (
            "Is this the letter you send to Amazon? Press s when you send it: poa keeps it as letter {n}, so that if Amazon turns it down the next letter can say what is new. Any other key closes this.",
            "这就是要提交给亚马逊的申诉信吗？提交时按 s：poa 会把它保存为第 {n} 封信，如果被驳回，下一封信就能说明改了什么。按其他任意键关闭。",
        ),
        S::Submitted => (
            "Kept as letter {n}, sent on {date}: {path}\n\nIf Amazon turns it down, record its reply on the command line: `poa rejected {file} --reply -`, paste the reply, then Ctrl+D. The next letter then opens by saying what is new.",
            "已保存为第 {n} 封信，提交日期 {date}：{path}\n\n如果被亚马逊驳回，请在命令行记录亚马逊的回复：运行 `poa rejected {file} --reply -`，粘贴回复后按 Ctrl+D。下一封信开头会说明有哪些新内容。",
        ),
        S::Meaning => ("meaning", "意思是"),
        S::QuitHalfTyped => (
            "This is not a date or a number yet, so it is not in the case file:\n{fields}\n\nTo quit now, press Ctrl+Q again: poa keeps this text in the recovery copy and offers it when you open the case again. To go back and finish it:",
            "下面的内容还不是有效的日期或数字，所以没有存进案例文件：\n{fields}\n\n现在就退出：再按一次 Ctrl+Q，poa 会把这些内容留在恢复副本里，下次打开案例时会提示你恢复。返回把它写完：",
        ),
        S::KeptHalfTyped => (
            "Not yet a date or a number, so not in {file}:\n{fields}\nThis text is kept in {copy}: open {file} again to finish it.",
            "还不是有效的日期或数字，所以没有存进 {file}：\n{fields}\n这些内容保存在 {copy}：再次打开 {file} 就能接着写完。",
        ),
        S::TooLargeForCase => (
            "This text is {size}: with it the case file would be larger than {limit}, more than poa opens again, so it was not put in the field, and the field is as it was. An appeal is read in minutes: keep the letter short, and attach long documents as evidence files.",
            "这段文字有 {size}：放进去后案例文件会超过 {limit}，poa 以后就打不开了，所以没有放进这一栏，这一栏保持原样。审核员只花几分钟读申诉信：信要写短，长文件请作为证明文件附上。",
        ),
        S::KeptExternal => (
            "What you wrote in the other editor is kept in {path}.",
            "你在另一个编辑器里写的内容保存在 {path}。",
        ),
        S::QuitNotSaved => (
            "The case could not be saved, so the editor stays open and your text is still here: {error}\n\nFree some disk space or fix the folder's permissions, then press Ctrl+S. Or press Ctrl+Q again to quit: your text will be kept in a recovery copy, and the editor will say where.",
            "案例没能保存，所以编辑器不会退出，你写的内容都还在：{error}\n\n请腾出磁盘空间或修改文件夹权限，然后按 Ctrl+S。也可以再按一次 Ctrl+Q 退出：内容会保存到一份恢复副本里，退出时会告诉你位置。",
        ),
        S::Checking => ("checking when you pause…", "停下输入后检查…"),
        S::ExportNotes => (
            "The PDF could not print everything as written:",
            "PDF 没能按原样印出以下内容：",
        ),
        S::NoFix => (
            "This finding has no automatic fix: change the text as its message says.",
            "这个问题不能自动修正，请按提示修改文字。",
        ),
        S::NoLetterYet => (
            "The letter cannot be made yet: {error}",
            "还无法生成申诉信：{error}",
        ),
        S::NoticeRead => ("Read the notice: {violation}", "已识别通知：{violation}"),
        S::NotANotice => (
            "This does not read like an Amazon notice. Paste the whole notice, or press Esc and choose the violation.",
            "这段文字不像亚马逊的通知。请粘贴完整通知，或按 Esc 返回并手动选择违规类型。",
        ),
        S::NameFirst => ("Type a name for the file first.", "请先输入文件名。"),
        S::FileExists => (
            "{path} already exists: choose another name",
            "{path} 已存在，请换一个名称",
        ),
        S::ExportWithErrors => (
            "{n} error(s) are left, and errors are what gets an appeal rejected. Press d to export it marked as a draft (not for submission), y to export it as it is, or n to go back and fix them (F3 goes from one to the next).",
            "还有 {n} 个错误没有修改，这类问题最容易导致申诉被驳回。按 d 导出并标为草稿（不可提交），按 y 照原样导出，按 n 返回修改（按 F3 逐个查看）。",
        ),
        S::WhatWasRead => ("Read from the notice", "从通知中读到的内容"),
        S::NotFound => ("not found", "未找到"),
        S::ReadViolation => ("Violation: {violation}", "违规类型：{violation}"),
        S::ReadNotSure => (
            "Not sure: it could also be {other}. Press Esc to choose yourself.",
            "不太确定：也可能是 {other}。按 Esc 可以自己选择。",
        ),
        S::ReadReceived => ("Notice date: {date}", "通知日期：{date}"),
        S::ReadDeadlineOwn => (
            "Deadline: {date} (as the notice says)",
            "截止日期：{date}（按通知所写）",
        ),
        S::ReadDeadlineUsual => (
            "Deadline: {date} (17 days; the notice names no other)",
            "截止日期：{date}（17 天；通知中没有写别的期限）",
        ),
        S::ReadAsins => ("ASINs: {list}", "ASIN：{list}"),
        S::ReadOrders => ("Orders: {list}", "订单号：{list}"),
        S::ReadAsks => ("The notice's questions: {n}", "通知里的问题：{n} 个"),
        S::ReadFigures => (
            "Figures: {count} of {total} orders",
            "指标数据：{total} 个订单中有 {count} 个",
        ),
        S::ReadFiguresDays => (
            "Figures: {count} of {total} orders over {days} days",
            "指标数据：{days} 天内 {total} 个订单中有 {count} 个",
        ),
        S::ReadAsksChinese => (
            "The notice is in Chinese, so its questions stay in the notice's text and the letter uses the standard English section titles. To use Amazon's own words, switch Seller Central to English and paste the English notice.",
            "通知是中文的，所以这些问题保留在通知原文里，信中使用标准的英文章节标题。如果想用亚马逊原话作标题，请把卖家后台切换成英文，粘贴英文通知。",
        ),
        S::ReadConfirm => (
            "If this is right, name the file and press Enter. If not, press Esc and choose the violation yourself; every value can be corrected in the Notice step.",
            "如果以上内容正确，请输入文件名并按回车。不对的话按 Esc 自己选择违规类型；所有内容都可以在“通知”步骤里修改。",
        ),
        S::DiskChanged => (
            "The case file was changed outside this editor (another editor or program) since it was opened. Press y to save your version over it, or n to keep editing without saving: your text stays here and in the recovery copy, and Ctrl+S asks again.",
            "案例文件在打开之后被其他编辑器或程序修改过。按 y 用你这里的版本覆盖它；按 n 继续编辑但不保存：你的内容会留在这里和恢复副本中，按 Ctrl+S 可以再次选择。",
        ),
        S::NotSavedDiskChanged => (
            "Not saved: the file changed on disk. Ctrl+S to choose again.",
            "未保存：文件已在别处被修改。按 Ctrl+S 重新选择。",
        ),
        S::FindingsElsewhere => (
            "No finding in this step. Findings are in: {steps}. PgDn goes on; the Review lists them all.",
            "这一步没有问题。有问题的步骤：{steps}。按 PgDn 往下走；“检查与导出”列出全部问题。",
        ),
        S::FillUndone => (
            "Taken back, with what the suggestion filled: {fields}.",
            "已撤销，参考写法同时填好的内容也已撤回：{fields}。",
        ),
        S::InOtherItem => ("in another item: Alt+↓", "在其他条目：按 Alt+↓"),
        S::AlsoFilled => (
            "The suggestion also filled: {fields}. Check them before you type there.",
            "参考写法同时填好了：{fields}。在那里输入之前请先看一下。",
        ),
        S::HelpLegend => (
            "* in lists of items   † on the Review step   Other keys type text.",
            "* 列表步骤中可用   † 在检查与导出步骤中可用   其他按键用于输入文字。",
        ),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// A text with its `{name}` places filled.
pub fn fill(lang: Lang, s: S, args: &[(&str, &str)]) -> String {
    let mut out = t(lang, s).to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}
