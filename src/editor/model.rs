//! The editor's state: the case being written, where the writer is (step,
//! item, field), the text being edited, the findings, and the overlays.
//! Plain data and pure helpers; nothing here draws or reads a file.

use std::collections::BTreeMap;
use std::path::PathBuf;

use ratatui_textarea::{TextArea, WrapMode};

use super::strings::S;
use crate::case::{
    Case, CorrectiveAction, Date, Evidence, EvidenceKind, FieldPath, MARKETPLACES, Metric,
    PreventiveMeasure, Response, RootCause, Section,
};
use crate::check::{self, FieldId, Finding};
use crate::playbook::{self, Lang, Playbook};

/// A step of the interview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    Seller,
    Notice,
    Metrics,
    RootCauses,
    Corrective,
    Preventive,
    Explanation,
    Evidence,
    Review,
}

impl Step {
    pub fn name(self) -> S {
        match self {
            Step::Seller => S::StepSeller,
            Step::Notice => S::StepNotice,
            Step::Metrics => S::StepMetrics,
            Step::RootCauses => S::StepCauses,
            Step::Corrective => S::StepActions,
            Step::Preventive => S::StepMeasures,
            Step::Explanation => S::StepExplanation,
            Step::Evidence => S::StepEvidence,
            Step::Review => S::StepReview,
        }
    }

    /// Steps that hold a list of items.
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Step::Metrics | Step::RootCauses | Step::Corrective | Step::Preventive | Step::Evidence
        )
    }

    /// The step a part of the case belongs to.
    pub fn of_section(s: Section) -> Step {
        match s {
            Section::Seller => Step::Seller,
            Section::Notice => Step::Notice,
            Section::Metrics => Step::Metrics,
            Section::RootCauses => Step::RootCauses,
            Section::CorrectiveActions => Step::Corrective,
            Section::PreventiveMeasures => Step::Preventive,
            Section::Explanation => Step::Explanation,
            Section::Evidence => Step::Evidence,
            Section::Closing | Section::Dated => Step::Review,
        }
    }
}

/// How a field is typed.
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
    /// One of a fixed list; ↑/↓ cycles.
    Choice,
    /// Several values, one per line or separated by commas.
    List,
}

/// A field of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The guide key (`root_causes.why`), also how the case is read and written.
    pub key: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
    pub kind: Kind,
}

impl FieldSpec {
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

const fn f(key: &'static str, en: &'static str, zh: &'static str, kind: Kind) -> FieldSpec {
    FieldSpec { key, en, zh, kind }
}

const SELLER: [FieldSpec; 6] = [
    f(
        "seller.legal_name",
        "Legal name",
        "公司法定名称",
        Kind::Line,
    ),
    f("seller.store_name", "Store name", "店铺名称", Kind::Line),
    f(
        "seller.merchant_token",
        "Merchant token",
        "商家记号",
        Kind::Line,
    ),
    f("seller.marketplace", "Marketplace", "站点", Kind::Choice),
    f("seller.contact_name", "Who signs", "署名人", Kind::Line),
    f(
        "seller.contact_role",
        "Their role",
        "署名人职务",
        Kind::Line,
    ),
];

const NOTICE: [FieldSpec; 9] = [
    f("notice.violation", "Violation", "违规类型", Kind::Choice),
    f("notice.response", "Answer", "申诉方式", Kind::Choice),
    f("notice.received", "Notice date", "通知日期", Kind::Date),
    f(
        "notice.deadline",
        "Deadline (if the notice gives one)",
        "截止日期（通知中有写的话）",
        Kind::Date,
    ),
    f("notice.asins", "ASINs", "ASIN", Kind::List),
    f("notice.orders", "Orders", "订单号", Kind::List),
    f(
        "notice.asks",
        "The notice's questions",
        "通知里的问题",
        Kind::List,
    ),
    f(
        "notice.reference",
        "Notification id",
        "通知编号",
        Kind::Line,
    ),
    f("notice.text", "The notice", "通知全文", Kind::Text),
];

const METRICS: [FieldSpec; 3] = [
    f(
        "metrics.count",
        "Count (e.g. late shipments)",
        "数量（如迟发订单数）",
        Kind::Number,
    ),
    f(
        "metrics.total",
        "Total (e.g. shipped orders)",
        "总数（如发货订单总数）",
        Kind::Number,
    ),
    f(
        "metrics.window_days",
        "Over how many days",
        "统计天数",
        Kind::Number,
    ),
];

const CAUSES: [FieldSpec; 7] = [
    f("root_causes.summary", "Summary", "一句话概括", Kind::Line),
    f("root_causes.what", "What", "发生了什么", Kind::Text),
    f("root_causes.when", "When", "什么时候", Kind::Text),
    f("root_causes.where", "Where", "在哪里", Kind::Text),
    f("root_causes.who", "Who", "涉及谁", Kind::Text),
    f("root_causes.why", "Why", "为什么", Kind::Text),
    f("root_causes.how", "How", "怎么发现/扩大", Kind::Text),
];

const ACTIONS: [FieldSpec; 5] = [
    f(
        "corrective_actions.action",
        "Action taken",
        "已完成的措施",
        Kind::Text,
    ),
    f(
        "corrective_actions.done_on",
        "Done on",
        "完成日期",
        Kind::Date,
    ),
    f(
        "corrective_actions.owner",
        "Owner (a role)",
        "负责人（岗位）",
        Kind::Line,
    ),
    f(
        "corrective_actions.causes",
        "Answers root causes (numbers)",
        "对应的根本原因（编号）",
        Kind::List,
    ),
    f(
        "corrective_actions.evidence",
        "Evidence ids (E1, E2)",
        "证明文件编号（E1、E2）",
        Kind::List,
    ),
];

const MEASURES: [FieldSpec; 6] = [
    f(
        "preventive_measures.measure",
        "Measure",
        "预防措施",
        Kind::Text,
    ),
    f(
        "preventive_measures.owner",
        "Owner (a role)",
        "负责人（岗位）",
        Kind::Line,
    ),
    f(
        "preventive_measures.starts_on",
        "Starts on",
        "开始日期",
        Kind::Date,
    ),
    f(
        "preventive_measures.cadence",
        "How often",
        "执行频率",
        Kind::Line,
    ),
    f(
        "preventive_measures.causes",
        "Answers root causes (numbers)",
        "对应的根本原因（编号）",
        Kind::List,
    ),
    f(
        "preventive_measures.evidence",
        "Evidence ids (E1, E2)",
        "证明文件编号（E1、E2）",
        Kind::List,
    ),
];

const EXPLANATION: [FieldSpec; 1] = [f("explanation", "Explanation", "申诉说明", Kind::Text)];

const EVIDENCE: [FieldSpec; 5] = [
    f("evidence.title", "Document", "文件名称", Kind::Line),
    f("evidence.kind", "Kind", "类型", Kind::Choice),
    f("evidence.date", "Date on it", "文件日期", Kind::Date),
    f(
        "evidence.file",
        "File (optional)",
        "文件路径（可选）",
        Kind::Line,
    ),
    f("evidence.id", "Id", "编号", Kind::Line),
];

const REVIEW: [FieldSpec; 2] = [
    f("closing", "Closing paragraph", "结尾段落", Kind::Text),
    f("dated", "Date on the letter", "申诉信日期", Kind::Date),
];

/// The fields of a step.
pub fn fields(step: Step) -> &'static [FieldSpec] {
    match step {
        Step::Seller => &SELLER,
        Step::Notice => &NOTICE,
        Step::Metrics => &METRICS,
        Step::RootCauses => &CAUSES,
        Step::Corrective => &ACTIONS,
        Step::Preventive => &MEASURES,
        Step::Explanation => &EXPLANATION,
        Step::Evidence => &EVIDENCE,
        Step::Review => &REVIEW,
    }
}

/// The choices of a choice field.
pub fn choices(key: &str) -> Vec<&'static str> {
    match key {
        "seller.marketplace" => MARKETPLACES.to_vec(),
        "notice.violation" => playbook::ids(),
        "notice.response" => vec!["plan-of-action", "dispute"],
        "evidence.kind" => EvidenceKind::ALL.iter().map(|k| k.id()).collect(),
        _ => Vec::new(),
    }
}

/// The steps of a case: Metrics only for a rate violation, Explanation
/// instead of the plan for a dispute.
pub fn steps(case: &Case) -> Vec<Step> {
    let mut v = vec![Step::Seller, Step::Notice];
    if playbook::get(&case.notice.violation).is_some_and(|p| p.metric.is_some()) {
        v.push(Step::Metrics);
    }
    if case.is_dispute() {
        v.push(Step::Explanation);
    } else {
        v.extend([Step::RootCauses, Step::Corrective, Step::Preventive]);
    }
    v.extend([Step::Evidence, Step::Review]);
    v
}

/// How many items a list step has.
pub fn item_count(case: &Case, step: Step) -> usize {
    match step {
        Step::Metrics => case.metrics.len(),
        Step::RootCauses => case.root_causes.len(),
        Step::Corrective => case.corrective_actions.len(),
        Step::Preventive => case.preventive_measures.len(),
        Step::Evidence => case.evidence.len(),
        _ => 1,
    }
}

fn list_text(items: &[String]) -> String {
    items.join("\n")
}

fn parse_list(text: &str) -> Vec<String> {
    text.split(['\n', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn date_text(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Reads a value: an empty text parses to "not set"; otherwise it must parse.
fn parse_date(text: &str) -> Result<Option<Date>, ()> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<Date>().map(Some).map_err(|_| ())
}

fn parse_number<T: std::str::FromStr>(text: &str) -> Result<Option<T>, ()> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != ' ')
        .collect();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse().map(Some).map_err(|_| ())
}

/// The text of a field as the editor shows it.
pub fn get(case: &Case, key: &str, item: usize) -> String {
    match key {
        "notice.response" => match case.notice.response {
            Response::PlanOfAction => "plan-of-action".into(),
            Response::Dispute => "dispute".into(),
        },
        "notice.received" => date_text(case.notice.received),
        "notice.deadline" => date_text(case.notice.deadline),
        "notice.asins" => list_text(&case.notice.asins),
        "notice.orders" => list_text(&case.notice.orders),
        "notice.asks" => list_text(&case.notice.asks),
        "metrics.count" => case
            .metrics
            .get(item)
            .and_then(|m| m.count)
            .map(|n| n.to_string())
            .unwrap_or_default(),
        "metrics.total" => case
            .metrics
            .get(item)
            .and_then(|m| m.total)
            .map(|n| n.to_string())
            .unwrap_or_default(),
        "metrics.window_days" => case
            .metrics
            .get(item)
            .and_then(|m| m.window_days)
            .map(|n| n.to_string())
            .unwrap_or_default(),
        "corrective_actions.done_on" => {
            date_text(case.corrective_actions.get(item).and_then(|a| a.done_on))
        }
        "corrective_actions.causes" => case
            .corrective_actions
            .get(item)
            .map(|a| {
                a.causes
                    .iter()
                    .map(|c| c.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default(),
        "corrective_actions.evidence" => case
            .corrective_actions
            .get(item)
            .map(|a| a.evidence.join(", "))
            .unwrap_or_default(),
        "preventive_measures.starts_on" => {
            date_text(case.preventive_measures.get(item).and_then(|m| m.starts_on))
        }
        "preventive_measures.causes" => case
            .preventive_measures
            .get(item)
            .map(|m| {
                m.causes
                    .iter()
                    .map(|c| c.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default(),
        "preventive_measures.evidence" => case
            .preventive_measures
            .get(item)
            .map(|m| m.evidence.join(", "))
            .unwrap_or_default(),
        "evidence.id" => case
            .evidence
            .get(item)
            .map(|e| e.id.clone())
            .unwrap_or_default(),
        "evidence.kind" => case
            .evidence
            .get(item)
            .map(|e| e.kind.id().to_string())
            .unwrap_or_default(),
        "evidence.date" => date_text(case.evidence.get(item).and_then(|e| e.date)),
        "evidence.file" => case
            .evidence
            .get(item)
            .and_then(|e| e.file.clone())
            .unwrap_or_default(),
        "dated" => date_text(case.dated),
        _ => path_of(key, item)
            .and_then(|p| case.text(&p).map(str::to_string))
            .unwrap_or_default(),
    }
}

/// The case path of a text field (`root_causes.why` item 1 → `root_causes[1].why`).
pub fn path_of(key: &str, item: usize) -> Option<FieldPath> {
    let (section, part) = key.split_once('.').unwrap_or((key, ""));
    let text = match (section, part) {
        (s, "") => s.to_string(),
        ("seller" | "notice", p) => format!("{section}.{p}"),
        (s, p) => format!("{s}[{item}].{p}"),
    };
    text.parse().ok()
}

/// Writes a field from the editor's text. `Err` when the text is not a
/// valid value yet (a date half typed): the case keeps its old value.
pub fn set(case: &mut Case, key: &str, item: usize, text: &str) -> Result<(), S> {
    let date = |t: &str| parse_date(t).map_err(|_| S::NotADate);
    match key {
        "notice.response" => {
            case.notice.response = match text.trim() {
                "dispute" => Response::Dispute,
                _ => Response::PlanOfAction,
            }
        }
        "notice.received" => case.notice.received = date(text)?,
        "notice.deadline" => case.notice.deadline = date(text)?,
        "notice.asins" => case.notice.asins = parse_list(text),
        "notice.orders" => case.notice.orders = parse_list(text),
        "notice.asks" => {
            case.notice.asks = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect()
        }
        "metrics.count" | "metrics.total" | "metrics.window_days" => {
            let Some(m) = case.metrics.get_mut(item) else {
                return Ok(());
            };
            match key {
                "metrics.count" => m.count = parse_number(text).map_err(|_| S::NotANumber)?,
                "metrics.total" => m.total = parse_number(text).map_err(|_| S::NotANumber)?,
                _ => m.window_days = parse_number(text).map_err(|_| S::NotANumber)?,
            }
        }
        "corrective_actions.done_on" => {
            if let Some(a) = case.corrective_actions.get_mut(item) {
                a.done_on = date(text)?;
            }
        }
        "corrective_actions.causes" | "preventive_measures.causes" => {
            let nums: Result<Vec<usize>, ()> = parse_list(text)
                .iter()
                .map(|s| s.parse().map_err(|_| ()))
                .collect();
            let nums = nums.map_err(|_| S::NotANumber)?;
            if key.starts_with("corrective") {
                if let Some(a) = case.corrective_actions.get_mut(item) {
                    a.causes = nums;
                }
            } else if let Some(m) = case.preventive_measures.get_mut(item) {
                m.causes = nums;
            }
        }
        "corrective_actions.evidence" => {
            if let Some(a) = case.corrective_actions.get_mut(item) {
                a.evidence = parse_list(text);
            }
        }
        "preventive_measures.evidence" => {
            if let Some(m) = case.preventive_measures.get_mut(item) {
                m.evidence = parse_list(text);
            }
        }
        "preventive_measures.starts_on" => {
            if let Some(m) = case.preventive_measures.get_mut(item) {
                m.starts_on = date(text)?;
            }
        }
        "evidence.id" | "evidence.kind" | "evidence.date" | "evidence.file" => {
            let Some(e) = case.evidence.get_mut(item) else {
                return Ok(());
            };
            match key {
                "evidence.id" => e.id = text.trim().to_string(),
                "evidence.kind" => {
                    if let Some(k) = EvidenceKind::from_id(text.trim()) {
                        e.kind = k;
                    }
                }
                "evidence.date" => e.date = date(text)?,
                _ => e.file = Some(text.trim().to_string()).filter(|f| !f.is_empty()),
            }
        }
        "dated" => case.dated = date(text)?,
        _ => {
            if let Some(slot) = path_of(key, item).and_then(|p| case.text_mut(&p)) {
                *slot = text.to_string();
            }
        }
    }
    Ok(())
}

/// Adds an empty item to a list step (a metric row gets the playbook's metric).
pub fn add_item(case: &mut Case, step: Step) -> usize {
    match step {
        Step::Metrics => {
            let (id, window) = playbook::get(&case.notice.violation)
                .and_then(|p| p.metric.as_ref())
                .map(|m| (m.id.clone(), Some(m.window_days)))
                .unwrap_or_default();
            case.metrics.push(Metric {
                metric: id,
                window_days: window,
                ..Metric::default()
            });
            case.metrics.len() - 1
        }
        Step::RootCauses => {
            case.root_causes.push(RootCause::default());
            case.root_causes.len() - 1
        }
        Step::Corrective => {
            case.corrective_actions.push(CorrectiveAction::default());
            case.corrective_actions.len() - 1
        }
        Step::Preventive => {
            case.preventive_measures.push(PreventiveMeasure::default());
            case.preventive_measures.len() - 1
        }
        Step::Evidence => {
            let n = (1..)
                .find(|n| !case.evidence.iter().any(|e| e.id == format!("E{n}")))
                .unwrap_or(1);
            case.evidence.push(Evidence {
                id: format!("E{n}"),
                ..Evidence::default()
            });
            case.evidence.len() - 1
        }
        _ => 0,
    }
}

pub fn remove_item(case: &mut Case, step: Step, item: usize) {
    fn rm<T>(v: &mut Vec<T>, i: usize) {
        if i < v.len() {
            v.remove(i);
        }
    }
    match step {
        Step::Metrics => rm(&mut case.metrics, item),
        Step::RootCauses => rm(&mut case.root_causes, item),
        Step::Corrective => rm(&mut case.corrective_actions, item),
        Step::Preventive => rm(&mut case.preventive_measures, item),
        Step::Evidence => rm(&mut case.evidence, item),
        _ => {}
    }
}

/// Moves item `from` one place up (`up`) or down; returns where it went.
pub fn move_item(case: &mut Case, step: Step, from: usize, up: bool) -> usize {
    fn mv<T>(v: &mut [T], i: usize, up: bool) -> usize {
        let j = if up {
            i.checked_sub(1)
        } else {
            Some(i + 1).filter(|j| *j < v.len())
        };
        match j {
            Some(j) if i < v.len() => {
                v.swap(i, j);
                j
            }
            _ => i,
        }
    }
    match step {
        Step::Metrics => mv(&mut case.metrics, from, up),
        Step::RootCauses => mv(&mut case.root_causes, from, up),
        Step::Corrective => mv(&mut case.corrective_actions, from, up),
        Step::Preventive => mv(&mut case.preventive_measures, from, up),
        Step::Evidence => mv(&mut case.evidence, from, up),
        _ => from,
    }
}

/// Where a finding points: (step, item, field index).
pub fn place_of(case: &Case, id: &FieldId) -> (Step, usize, usize) {
    match id {
        FieldId::Case(p) => {
            let step = Step::of_section(p.section);
            let step = if step == Step::Explanation && !case.is_dispute() {
                Step::Review
            } else {
                step
            };
            let key = if p.key.is_empty() {
                p.section.key().to_string()
            } else {
                format!("{}.{}", p.section.key(), p.key)
            };
            let field = fields(step).iter().position(|f| f.key == key).unwrap_or(0);
            (step, p.index.unwrap_or(0), field)
        }
        FieldId::Section(s) => (Step::of_section(*s), 0, 0),
        _ => (Step::Review, 0, 0),
    }
}

/// What opened on top of the screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help,
    /// Suggestions for the field, with the selected one.
    Suggestions {
        items: Vec<(String, String)>,
        selected: usize,
    },
    ConfirmRemove,
    Recovered,
    Locked,
    /// A message to read, then any key.
    Message(String),
}

/// The start screen (`poa` with no file).
#[derive(Debug)]
pub enum Start {
    /// The main menu; `selected` counts the two "new" entries first, then files.
    Menu {
        files: Vec<PathBuf>,
        selected: usize,
    },
    PickViolation {
        selected: usize,
    },
    PasteNotice,
    NameFile {
        violation: String,
        notice: Option<String>,
    },
}

/// Everything the editor knows.
pub struct Model {
    pub path: PathBuf,
    pub case: Case,
    pub lang: Lang,
    pub today: Date,
    /// `Some` while the start screen shows.
    pub start: Option<Start>,
    pub step: Step,
    pub item: usize,
    pub field: usize,
    /// The text of the current field, with its cursor and undo history.
    pub input: TextArea<'static>,
    /// Texts typed that are not valid yet (a half-typed date), by field.
    pub pending: BTreeMap<(Step, usize, &'static str), String>,
    pub findings: Vec<Finding>,
    /// The selected finding among those of the current step.
    pub selected: usize,
    pub overlay: Option<Overlay>,
    /// Edits since the file was last written.
    pub revision: u64,
    pub saved_revision: u64,
    pub status: String,
    pub review_scroll: u16,
    pub review_selected: usize,
    /// The letter as Markdown, when the Review step shows.
    pub preview: String,
    pub quit: bool,
    pub no_color: bool,
    /// Case files in the folder, for the start screen.
    pub files: Vec<PathBuf>,
}

impl Model {
    /// A model for a case file.
    pub fn new(path: PathBuf, case: Case, lang: Lang, today: Date) -> Model {
        let mut m = Model {
            path,
            case,
            lang,
            today,
            start: None,
            step: Step::Seller,
            item: 0,
            field: 0,
            input: TextArea::default(),
            pending: BTreeMap::new(),
            findings: Vec::new(),
            selected: 0,
            overlay: None,
            revision: 0,
            saved_revision: 0,
            status: String::new(),
            review_scroll: 0,
            review_selected: 0,
            preview: String::new(),
            quit: false,
            no_color: false,
            files: Vec::new(),
        };
        m.step = m.first_open_step();
        m.load_field();
        m.recheck();
        m
    }

    pub fn playbook(&self) -> Option<&'static Playbook> {
        playbook::get(&self.case.notice.violation)
    }

    pub fn steps(&self) -> Vec<Step> {
        steps(&self.case)
    }

    pub fn spec(&self) -> Option<FieldSpec> {
        fields(self.step).get(self.field).copied()
    }

    /// The step to start on: the first with an error, else Seller.
    fn first_open_step(&self) -> Step {
        Step::Seller
    }

    /// Puts the current field's text into the input box.
    pub fn load_field(&mut self) {
        let Some(spec) = self.spec() else {
            self.input = TextArea::default();
            return;
        };
        let text = self
            .pending
            .get(&(self.step, self.item, spec.key))
            .cloned()
            .unwrap_or_else(|| get(&self.case, spec.key, self.item));
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(String::from).collect()
        };
        let mut input = TextArea::new(lines);
        input.set_wrap_mode(WrapMode::WordOrGlyph);
        input.set_max_histories(200);
        // Underlines are for findings, not for the cursor's line.
        input.set_cursor_line_style(ratatui::style::Style::default());
        if let Some(g) = self
            .playbook()
            .and_then(|p| p.guide(spec.key, self.lang))
            .or_else(|| {
                playbook::interview()
                    .get(spec.key)
                    .map(|g| g.get(self.lang))
            })
        {
            input.set_placeholder_text(format!(
                "{}: {}",
                super::strings::t(self.lang, S::Example),
                g.example
            ));
        }
        input.move_cursor(ratatui_textarea::CursorMove::Bottom);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        self.input = input;
        self.underline();
    }

    /// Writes the input box back into the case (or keeps it pending).
    pub fn store_field(&mut self) -> bool {
        let Some(spec) = self.spec() else {
            return false;
        };
        if self.step.is_list() && self.item >= item_count(&self.case, self.step) {
            return false;
        }
        let text = self.input.lines().join("\n");
        let key = (self.step, self.item, spec.key);
        let before = get(&self.case, spec.key, self.item);
        match set(&mut self.case, spec.key, self.item, &text) {
            Ok(()) => {
                self.pending.remove(&key);
            }
            Err(_) => {
                self.pending.insert(key, text);
            }
        }
        get(&self.case, spec.key, self.item) != before
    }

    /// Runs the checker again.
    pub fn recheck(&mut self) {
        self.findings = check::Checker::standard().check_case(&self.case, self.today);
        let n = self.step_findings().len();
        if self.selected >= n {
            self.selected = n.saturating_sub(1);
        }
        self.underline();
    }

    /// The findings of the current step (and item).
    pub fn step_findings(&self) -> Vec<&Finding> {
        self.findings
            .iter()
            .filter(|f| {
                let (step, item, _) = place_of(&self.case, &f.field);
                step == self.step
                    && (!self.step.is_list()
                        || item == self.item
                        || matches!(f.field, FieldId::Section(_)))
            })
            .collect()
    }

    /// Findings with a place in the current field.
    pub fn field_findings(&self) -> Vec<&Finding> {
        let Some(spec) = self.spec() else {
            return Vec::new();
        };
        let path = path_of(spec.key, self.item);
        self.findings
            .iter()
            .filter(|f| matches!(f.field, FieldId::Case(p) if Some(p) == path))
            .collect()
    }

    /// Underlines, in the input box, the text the findings point at.
    pub fn underline(&mut self) {
        let excerpts: Vec<String> = self
            .field_findings()
            .iter()
            .filter(|f| f.start.is_some() && !f.excerpt.trim().is_empty())
            .map(|f| regex::escape(&f.excerpt))
            .collect();
        let pattern = excerpts.join("|");
        let _ = self.input.set_search_pattern(&pattern);
        let style = if self.no_color {
            ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::UNDERLINED)
        } else {
            ratatui::style::Style::default()
                .add_modifier(ratatui::style::Modifier::UNDERLINED)
                .fg(ratatui::style::Color::LightRed)
        };
        self.input.set_search_style(style);
    }

    /// Words in the letter's prose.
    pub fn word_count(&self) -> usize {
        self.case
            .text_fields()
            .iter()
            .filter(|f| f.path.is_prose())
            .map(|f| check::text::word_count(f.text))
            .sum()
    }

    /// The state of a step for the rail: has errors, has warnings, is done, or untouched.
    pub fn step_state(&self, step: Step) -> StepState {
        // Review stands for the whole letter: it shows the worst anywhere.
        let worst = self
            .findings
            .iter()
            .filter(|f| step == Step::Review || place_of(&self.case, &f.field).0 == step)
            .map(|f| f.severity)
            .max();
        match worst {
            Some(check::Severity::Error) => StepState::Errors,
            Some(check::Severity::Warning) => StepState::Warnings,
            _ if self.step_is_empty(step) => StepState::Empty,
            _ => StepState::Done,
        }
    }

    fn step_is_empty(&self, step: Step) -> bool {
        match step {
            Step::Review => false,
            s if s.is_list() => (0..item_count(&self.case, s)).all(|i| {
                fields(s)
                    .iter()
                    .all(|f| get(&self.case, f.key, i).trim().is_empty() || f.kind == Kind::Choice)
            }),
            s => fields(s)
                .iter()
                .filter(|f| f.kind != Kind::Choice)
                .all(|f| get(&self.case, f.key, 0).trim().is_empty()),
        }
    }

    pub fn dirty(&self) -> bool {
        self.revision != self.saved_revision
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    Empty,
    Done,
    Warnings,
    Errors,
}
