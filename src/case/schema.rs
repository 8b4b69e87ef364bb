//! The field table: every field of a case, once. For each: where it sits
//! (section and key), what kind of value it holds, its role in the letter,
//! when it is required, the fewest words a specific answer has, what it
//! should say, its labels in English and Chinese, and its guide key.
//!
//! The editor's steps and inputs, the checker's field roles, required
//! lists and minimum words, the playbook guide's titles, import and the
//! span map all read this table. Adding a field to the case touches the
//! model (`case/mod.rs`), this table and the accessor in `access.rs`,
//! nothing else.

use super::field::{FieldPath, Section};
use crate::playbook::Lang;

/// How a value is typed and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Line,
    /// Several lines, soft-wrapped.
    Text,
    /// YYYY-MM-DD.
    Date,
    /// A whole number.
    Number,
    /// One of a fixed list.
    Choice,
    /// Several values, one per line or separated by commas.
    List,
    /// Ids of other items (`R1`, `E2`), separated by commas.
    Links,
    /// The item's own id (`R1`, `E1`).
    Id,
    /// A file's path.
    Path,
}

impl Kind {
    /// A value of several lines.
    pub fn is_multiline(self) -> bool {
        matches!(self, Kind::Text | Kind::List | Kind::Links)
    }

    /// A text the checker reads (names and prose; not ids, paths, dates,
    /// numbers or links).
    pub fn is_read(self) -> bool {
        matches!(self, Kind::Line | Kind::Text | Kind::Choice | Kind::List)
    }
}

/// What a text is in the letter. A case's fields have one of these by the
/// table; a draft's lines are read into them, and only a draft has
/// headings and an introduction of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Names, ids, dates, owners, links: only identifier rules read them.
    Data,
    /// The notice as received: no rule reads it, the letter never shows it.
    Notice,
    /// A heading of a draft.
    Heading,
    /// A draft's opening, before its first section.
    Intro,
    Cause,
    Action,
    Measure,
    Explanation,
    Evidence,
    Closing,
}

impl Role {
    /// The writer's own prose for the letter.
    pub fn is_prose(self) -> bool {
        !matches!(self, Role::Data | Role::Notice | Role::Heading)
    }
}

/// When a field must be filled (rule C001 and C002).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Required {
    No,
    /// In every case.
    Always,
    /// In a plan of action (each root cause's 5W1H).
    Plan,
}

/// One field of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub section: Section,
    /// The key inside the section or item; empty for a section that is one
    /// value (`explanation`).
    pub key: &'static str,
    pub kind: Kind,
    pub role: Role,
    pub required: Required,
    /// The fewest words of a specific answer (rule C003); 0 for none.
    pub min_words: usize,
    /// What the field should say, for messages: "Write {want}."
    pub want: &'static str,
    /// The label in its step of the editor.
    pub label: [&'static str; 2],
    /// The title out of its step (the playbook guide, messages).
    pub title: [&'static str; 2],
    /// Shown in the editor's steps.
    pub in_editor: bool,
    /// The key of its guide in the playbooks and `templates/interview.yaml`:
    /// the section's key, a dot and the field's key (`root_causes.why`), or
    /// the section's key alone (`explanation`).
    pub guide: &'static str,
}

impl Field {
    pub fn label(&self, lang: Lang) -> &'static str {
        self.label[lang_index(lang)]
    }

    pub fn title(&self, lang: Lang) -> &'static str {
        self.title[lang_index(lang)]
    }

    /// The path of this field in item `index` (ignored outside lists).
    pub fn path(&self, index: usize) -> FieldPath {
        FieldPath {
            section: self.section,
            index: self.section.is_list().then_some(index),
            key: self.key,
            sub: None,
        }
    }
}

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Zh => 1,
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "a row of the table, read as one line per field"
)]
const fn row(
    section: Section,
    guide: &'static str,
    kind: Kind,
    role: Role,
    required: Required,
    min_words: usize,
    want: &'static str,
    label: [&'static str; 2],
    title: [&'static str; 2],
) -> Field {
    Field {
        section,
        key: after_dot(guide),
        kind,
        role,
        required,
        min_words,
        want,
        label,
        title,
        in_editor: true,
        guide,
    }
}

/// `root_causes.why` → `why`; `explanation` → empty.
const fn after_dot(s: &'static str) -> &'static str {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'.' {
            let (_, rest) = s.split_at(i + 1);
            return rest;
        }
        i += 1;
    }
    ""
}

/// A field the case file holds but the editor does not ask for.
const fn hidden(mut f: Field) -> Field {
    f.in_editor = false;
    f
}

use Kind::{Choice, Date, Id, Line, Links, List, Number, Path, Text};
use Required::{Always, No, Plan};
use Role::{Action, Cause, Closing, Data, Evidence, Explanation, Measure, Notice};
use Section as S;

/// Every field, section by section, in the order the editor asks for them.
pub static FIELDS: &[Field] = &[
    row(
        S::Seller,
        "seller.legal_name",
        Line,
        Data,
        Always,
        0,
        "the company's legal name, as in Seller Central",
        ["Legal name", "公司法定名称"],
        ["Seller: legal name", "卖家：公司法定名称"],
    ),
    row(
        S::Seller,
        "seller.store_name",
        Line,
        Data,
        Always,
        0,
        "the store name buyers see",
        ["Store name", "店铺名称"],
        ["Seller: store name", "卖家：店铺名称"],
    ),
    row(
        S::Seller,
        "seller.merchant_token",
        Line,
        Data,
        Always,
        0,
        "the Merchant Token (Settings > Account Info)",
        ["Merchant token", "商家记号"],
        ["Seller: merchant token", "卖家：商家记号"],
    ),
    row(
        S::Seller,
        "seller.marketplace",
        Choice,
        Data,
        Always,
        0,
        "the marketplace code, such as US or DE",
        ["Marketplace", "站点"],
        ["Seller: marketplace", "卖家：站点"],
    ),
    row(
        S::Seller,
        "seller.contact_name",
        Line,
        Data,
        No,
        0,
        "the name of the person who signs",
        ["Who signs", "署名人"],
        ["Seller: who signs", "卖家：署名人"],
    ),
    row(
        S::Seller,
        "seller.contact_role",
        Line,
        Data,
        No,
        0,
        "the signer's role",
        ["Their role", "署名人职务"],
        ["Seller: signer's role", "卖家：署名人职务"],
    ),
    row(
        S::Notice,
        "notice.violation",
        Choice,
        Data,
        Always,
        0,
        "the violation id (`poa playbooks` lists them)",
        ["Violation", "违规类型"],
        ["Notice: violation", "通知：违规类型"],
    ),
    row(
        S::Notice,
        "notice.response",
        Choice,
        Data,
        No,
        0,
        "plan-of-action or dispute",
        ["Answer", "申诉方式"],
        ["Notice: answer", "通知：申诉方式"],
    ),
    row(
        S::Notice,
        "notice.received",
        Date,
        Data,
        Always,
        0,
        "the date the notice arrived",
        ["Notice date", "通知日期"],
        ["Notice: date", "通知：日期"],
    ),
    row(
        S::Notice,
        "notice.deadline",
        Date,
        Data,
        No,
        0,
        "the last day to answer, when the notice names one",
        [
            "Deadline (if the notice gives one)",
            "截止日期（通知中有写的话）",
        ],
        ["Notice: deadline", "通知：截止日期"],
    ),
    row(
        S::Notice,
        "notice.asins",
        List,
        Data,
        No,
        0,
        "the ASINs the notice names",
        ["ASINs", "ASIN"],
        ["Notice: ASINs", "通知：ASIN"],
    ),
    row(
        S::Notice,
        "notice.orders",
        List,
        Data,
        No,
        0,
        "the order ids the notice names",
        ["Orders", "订单号"],
        ["Notice: orders", "通知：订单号"],
    ),
    row(
        S::Notice,
        "notice.asks",
        List,
        Notice,
        No,
        0,
        "the notice's own questions",
        ["The notice's questions", "通知里的问题"],
        ["Notice: its questions", "通知：问题"],
    ),
    row(
        S::Notice,
        "notice.reference",
        Line,
        Notice,
        No,
        0,
        "the notification id",
        ["Notification id", "通知编号"],
        ["Notice: notification id", "通知：通知编号"],
    ),
    row(
        S::Notice,
        "notice.text",
        Text,
        Notice,
        No,
        0,
        "the notice as received",
        ["The notice", "通知全文"],
        ["Notice: full text", "通知：全文"],
    ),
    hidden(row(
        S::Metrics,
        "metrics.metric",
        Line,
        Data,
        No,
        0,
        "the metric id from the playbook",
        ["Metric", "指标"],
        ["Metric figures", "指标数据"],
    )),
    row(
        S::Metrics,
        "metrics.count",
        Number,
        Data,
        No,
        0,
        "the count (for example late shipments)",
        ["Count (e.g. late shipments)", "数量（如迟发订单数）"],
        ["Metric: count", "指标：数量"],
    ),
    row(
        S::Metrics,
        "metrics.total",
        Number,
        Data,
        No,
        0,
        "the total (for example shipped orders)",
        ["Total (e.g. shipped orders)", "总数（如发货订单总数）"],
        ["Metric: total", "指标：总数"],
    ),
    row(
        S::Metrics,
        "metrics.window_days",
        Number,
        Data,
        No,
        0,
        "the days the metric covers",
        ["Over how many days", "统计天数"],
        ["Metric: days", "指标：统计天数"],
    ),
    hidden(row(
        S::RootCauses,
        "root_causes.id",
        Id,
        Data,
        No,
        0,
        "the root cause's id, such as R1",
        ["Id", "编号"],
        ["Root cause: id", "根本原因：编号"],
    )),
    row(
        S::RootCauses,
        "root_causes.summary",
        Line,
        Cause,
        No,
        4,
        "the root cause in one line",
        ["Summary", "一句话概括"],
        ["Root cause, in one line", "根本原因（一句话）"],
    ),
    row(
        S::RootCauses,
        "root_causes.what",
        Text,
        Cause,
        Plan,
        8,
        "what happened, with the numbers",
        ["What", "发生了什么"],
        ["Root cause: what happened", "根本原因：发生了什么"],
    ),
    row(
        S::RootCauses,
        "root_causes.when",
        Text,
        Cause,
        Plan,
        2,
        "when it happened, with dates",
        ["When", "什么时候"],
        ["Root cause: when", "根本原因：什么时候"],
    ),
    row(
        S::RootCauses,
        "root_causes.where",
        Text,
        Cause,
        Plan,
        2,
        "where in your operation it happened",
        ["Where", "在哪里"],
        ["Root cause: where", "根本原因：在哪里"],
    ),
    row(
        S::RootCauses,
        "root_causes.who",
        Text,
        Cause,
        Plan,
        2,
        "which roles were involved",
        ["Who", "涉及谁"],
        ["Root cause: who", "根本原因：涉及谁"],
    ),
    row(
        S::RootCauses,
        "root_causes.why",
        Text,
        Cause,
        Plan,
        8,
        "why your process let it happen",
        ["Why", "为什么"],
        ["Root cause: why", "根本原因：为什么"],
    ),
    row(
        S::RootCauses,
        "root_causes.how",
        Text,
        Cause,
        Plan,
        6,
        "how you found the cause and how the problem grew",
        ["How", "怎么发现/扩大"],
        ["Root cause: how", "根本原因：怎么发现、怎么扩大的"],
    ),
    row(
        S::CorrectiveActions,
        "corrective_actions.action",
        Text,
        Action,
        No,
        5,
        "what was done, with the date and the numbers",
        ["Action taken", "已完成的措施"],
        ["Corrective action", "纠正措施"],
    ),
    row(
        S::CorrectiveActions,
        "corrective_actions.done_on",
        Date,
        Data,
        No,
        0,
        "the day it was done",
        ["Done on", "完成日期"],
        ["Corrective action: done on", "纠正措施：完成日期"],
    ),
    row(
        S::CorrectiveActions,
        "corrective_actions.owner",
        Line,
        Data,
        No,
        0,
        "the role that did it",
        ["Owner (a role)", "负责人（岗位）"],
        ["Corrective action: owner", "纠正措施：负责人"],
    ),
    row(
        S::CorrectiveActions,
        "corrective_actions.causes",
        Links,
        Data,
        No,
        0,
        "the root causes it answers (R1, R2)",
        ["Answers root causes (R1, R2)", "对应的根本原因（R1、R2）"],
        ["Corrective action: root causes", "纠正措施：对应的根本原因"],
    ),
    row(
        S::CorrectiveActions,
        "corrective_actions.evidence",
        Links,
        Data,
        No,
        0,
        "the evidence that shows it (E1, E2)",
        ["Evidence ids (E1, E2)", "证明文件编号（E1、E2）"],
        ["Corrective action: evidence", "纠正措施：证明文件"],
    ),
    row(
        S::PreventiveMeasures,
        "preventive_measures.measure",
        Text,
        Measure,
        No,
        6,
        "what keeps it from happening again",
        ["Measure", "预防措施"],
        ["Preventive measure", "预防措施"],
    ),
    row(
        S::PreventiveMeasures,
        "preventive_measures.owner",
        Line,
        Data,
        No,
        0,
        "the role that keeps it up",
        ["Owner (a role)", "负责人（岗位）"],
        ["Preventive measure: owner", "预防措施：负责人"],
    ),
    row(
        S::PreventiveMeasures,
        "preventive_measures.starts_on",
        Date,
        Data,
        No,
        0,
        "the day it starts",
        ["Starts on", "开始日期"],
        ["Preventive measure: starts on", "预防措施：开始日期"],
    ),
    row(
        S::PreventiveMeasures,
        "preventive_measures.cadence",
        Line,
        Measure,
        No,
        0,
        "how often it is done and checked",
        ["How often", "执行频率"],
        ["Preventive measure: how often", "预防措施：执行频率"],
    ),
    row(
        S::PreventiveMeasures,
        "preventive_measures.causes",
        Links,
        Data,
        No,
        0,
        "the root causes it answers (R1, R2)",
        ["Answers root causes (R1, R2)", "对应的根本原因（R1、R2）"],
        [
            "Preventive measure: root causes",
            "预防措施：对应的根本原因",
        ],
    ),
    row(
        S::PreventiveMeasures,
        "preventive_measures.evidence",
        Links,
        Data,
        No,
        0,
        "the evidence that shows it (E1, E2)",
        ["Evidence ids (E1, E2)", "证明文件编号（E1、E2）"],
        ["Preventive measure: evidence", "预防措施：证明文件"],
    ),
    row(
        S::Explanation,
        "explanation",
        Text,
        Explanation,
        No,
        40,
        "why the account did not break the policy, pointing to the evidence",
        ["Explanation", "申诉说明"],
        ["Explanation (dispute)", "申诉说明"],
    ),
    row(
        S::Evidence,
        "evidence.title",
        Line,
        Evidence,
        No,
        0,
        "what the document is",
        ["Document", "文件名称"],
        ["Evidence", "证明文件"],
    ),
    row(
        S::Evidence,
        "evidence.kind",
        Choice,
        Data,
        No,
        0,
        "the kind of document",
        ["Kind", "类型"],
        ["Evidence: kind", "证明文件：类型"],
    ),
    row(
        S::Evidence,
        "evidence.date",
        Date,
        Data,
        No,
        0,
        "the date on the document",
        ["Date on it", "文件日期"],
        ["Evidence: date", "证明文件：日期"],
    ),
    row(
        S::Evidence,
        "evidence.file",
        Path,
        Data,
        No,
        0,
        "the file's path, relative to the case file",
        ["File (optional)", "文件路径（可选）"],
        ["Evidence: file", "证明文件：文件路径"],
    ),
    row(
        S::Evidence,
        "evidence.id",
        Id,
        Data,
        No,
        0,
        "the evidence id, such as E1",
        ["Id", "编号"],
        ["Evidence: id", "证明文件：编号"],
    ),
    row(
        S::Closing,
        "closing",
        Text,
        Closing,
        No,
        0,
        "the last paragraph",
        ["Closing paragraph", "结尾段落"],
        ["Closing paragraph", "结尾段落"],
    ),
    row(
        S::Dated,
        "dated",
        Date,
        Data,
        No,
        0,
        "the date the letter carries",
        ["Date on the letter", "申诉信日期"],
        ["Date on the letter", "申诉信日期"],
    ),
];

/// The fields of a section, in the editor's order.
pub fn of_section(section: Section) -> impl Iterator<Item = &'static Field> {
    section_fields(section).iter()
}

/// The rows of a section: the table keeps each section's rows together (a
/// test sees to it), so a lookup reads only a handful of keys.
fn section_fields(section: Section) -> &'static [Field] {
    static RANGES: std::sync::OnceLock<Vec<(Section, usize, usize)>> = std::sync::OnceLock::new();
    let ranges = RANGES.get_or_init(|| {
        let mut v: Vec<(Section, usize, usize)> = Vec::new();
        for (i, f) in FIELDS.iter().enumerate() {
            match v.last_mut() {
                Some((s, _, end)) if *s == f.section => *end = i + 1,
                _ => v.push((f.section, i, i + 1)),
            }
        }
        v
    });
    ranges
        .iter()
        .find(|(s, _, _)| *s == section)
        .map_or(&[], |&(_, a, b)| &FIELDS[a..b])
}

/// The field at a path (its item and entry aside).
pub fn field(section: Section, key: &str) -> Option<&'static Field> {
    section_fields(section).iter().find(|f| f.key == key)
}

/// The field a path names.
pub fn of_path(path: &FieldPath) -> Option<&'static Field> {
    field(path.section, path.key)
}

/// The field whose guide key is `key` (`root_causes.why`).
pub fn by_guide_key(key: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.guide == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_listed_once_and_sections_stay_together() {
        let mut seen = std::collections::BTreeSet::new();
        let mut last_section = None;
        let mut done = std::collections::BTreeSet::new();
        for f in FIELDS {
            assert!(seen.insert((f.section, f.key)), "{:?} twice", f.key);
            if last_section != Some(f.section) {
                assert!(done.insert(f.section), "{:?} is split", f.section);
                last_section = Some(f.section);
            }
            assert!(!f.want.is_empty() && !f.label[0].is_empty() && !f.label[1].is_empty());
            let guide = if f.key.is_empty() {
                f.section.key().to_string()
            } else {
                format!("{}.{}", f.section.key(), f.key)
            };
            assert_eq!(f.guide, guide);
            assert_eq!(
                f.key.is_empty(),
                !f.section.is_list() && !matches!(f.section, S::Seller | S::Notice),
                "{:?} {}",
                f.section,
                f.key
            );
        }
    }

    #[test]
    fn only_prose_has_a_minimum_of_words() {
        for f in FIELDS {
            assert!(f.min_words == 0 || f.role.is_prose(), "{}", f.guide);
        }
    }
}
