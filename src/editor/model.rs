//! The editor's state: the case being written, where the writer is (step,
//! item, field), the text being edited, the findings, and the overlays.
//! Plain data and pure helpers; nothing here draws or reads a file.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use ratatui_textarea::{TextArea, WrapMode};

use super::strings::S;
pub use crate::case::schema::Kind;
use crate::case::{BadValue, Case, Date, EvidenceKind, MARKETPLACES, Response, Section, schema};
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

    /// The name on a narrow rail.
    pub fn short_name(self) -> S {
        match self {
            Step::RootCauses => S::ShortCauses,
            Step::Corrective => S::ShortActions,
            Step::Preventive => S::ShortMeasures,
            Step::Explanation => S::ShortExplanation,
            s => s.name(),
        }
    }

    /// Steps that hold a list of items.
    pub fn is_list(self) -> bool {
        self.list().is_some()
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

/// A field of a step: a row of the case's field table.
pub type FieldSpec = &'static schema::Field;

impl Step {
    /// The sections of the case this step asks about.
    pub fn sections(self) -> &'static [Section] {
        match self {
            Step::Seller => &[Section::Seller],
            Step::Notice => &[Section::Notice],
            Step::Metrics => &[Section::Metrics],
            Step::RootCauses => &[Section::RootCauses],
            Step::Corrective => &[Section::CorrectiveActions],
            Step::Preventive => &[Section::PreventiveMeasures],
            Step::Explanation => &[Section::Explanation],
            Step::Evidence => &[Section::Evidence],
            Step::Review => &[Section::Closing, Section::Dated],
        }
    }

    /// The list section of a list step.
    pub fn list(self) -> Option<Section> {
        self.sections().first().copied().filter(|s| s.is_list())
    }
}

/// The fields of a step, in the order of the field table.
pub fn fields(step: Step) -> &'static [FieldSpec] {
    static CELL: OnceLock<Vec<Vec<FieldSpec>>> = OnceLock::new();
    let all = CELL.get_or_init(|| {
        ALL_STEPS
            .iter()
            .map(|s| {
                schema::FIELDS
                    .iter()
                    .filter(|f| f.in_editor && s.sections().contains(&f.section))
                    .collect()
            })
            .collect()
    });
    &all[step as usize]
}

/// Texts typed that are not valid yet (a half-typed date), by step, item
/// and field.
pub type Pending = BTreeMap<(Step, usize, &'static str), String>;

/// The comment that carries a half-typed text in a recovery copy: a
/// crash must not lose "2026-11-1" any more than a finished date.
const PENDING_MARK: &str = "# poa: typed, not yet valid: ";

/// The half-typed texts, as comment lines to follow the case in its
/// recovery copy (the case file itself never holds them).
pub fn pending_lines(pending: &Pending) -> String {
    let mut out = String::new();
    for ((step, item, guide), text) in pending {
        let line = serde_json::json!([*step as usize, item, guide, text]);
        out.push_str(PENDING_MARK);
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

/// The half-typed texts a recovery copy carries ([`pending_lines`]).
pub fn pending_of(copy: &str) -> Pending {
    let mut out = BTreeMap::new();
    for line in copy.lines() {
        let Some(json) = line.strip_prefix(PENDING_MARK) else {
            continue;
        };
        let Ok((step, item, guide, text)) =
            serde_json::from_str::<(usize, usize, String, String)>(json)
        else {
            continue;
        };
        let Some(&step) = ALL_STEPS.get(step) else {
            continue;
        };
        if let Some(spec) = fields(step).iter().find(|f| f.guide == guide) {
            out.insert((step, item, spec.guide), crate::case::clean_text(&text));
        }
    }
    out
}

const ALL_STEPS: [Step; 9] = [
    Step::Seller,
    Step::Notice,
    Step::Metrics,
    Step::RootCauses,
    Step::Corrective,
    Step::Preventive,
    Step::Explanation,
    Step::Evidence,
    Step::Review,
];

/// The choices of a choice field.
pub fn choices(spec: FieldSpec) -> Vec<&'static str> {
    match spec.guide {
        "seller.marketplace" => MARKETPLACES.to_vec(),
        "notice.violation" => playbook::ids(),
        "notice.response" => Response::ALL.iter().map(|r| r.id()).collect(),
        "evidence.kind" => EvidenceKind::ALL.iter().map(|k| k.id()).collect(),
        _ => Vec::new(),
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// What a choice means, in the writer's language: a playbook's title, a
/// marketplace's country, what an answer or a document kind is.
pub fn choice_label(guide: &str, id: &str, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let pick = |en: &str, cn: &str| if zh { cn.to_string() } else { en.to_string() };
    match guide {
        "notice.violation" => {
            playbook::get(id).map_or_else(String::new, |p| p.title_in(lang).to_string())
        }
        "notice.response" => match id {
            "plan-of-action" => pick(
                "Plan of Action: you fix what went wrong",
                "行动计划：承认问题并整改",
            ),
            "dispute" => pick(
                "Dispute: the account did not break the policy",
                "申辩：账户并未违规",
            ),
            _ => String::new(),
        },
        "evidence.kind" => match id {
            "invoice" => pick("Invoice", "发票"),
            "tracking" => pick("Tracking record", "物流追踪记录"),
            "authorization" => pick("Authorization from the brand", "品牌授权书"),
            "test-report" => pick("Test report", "检测报告"),
            "training-record" => pick("Training record", "培训记录"),
            "sop" => pick("Procedure (SOP)", "操作流程（SOP）"),
            "screenshot" => pick("Screenshot", "截图"),
            "other" => pick("Other document", "其他文件"),
            _ => String::new(),
        },
        "seller.marketplace" => {
            let (en, cn) = match id {
                "US" => ("United States", "美国"),
                "CA" => ("Canada", "加拿大"),
                "MX" => ("Mexico", "墨西哥"),
                "BR" => ("Brazil", "巴西"),
                "UK" => ("United Kingdom", "英国"),
                "DE" => ("Germany", "德国"),
                "FR" => ("France", "法国"),
                "IT" => ("Italy", "意大利"),
                "ES" => ("Spain", "西班牙"),
                "NL" => ("Netherlands", "荷兰"),
                "SE" => ("Sweden", "瑞典"),
                "PL" => ("Poland", "波兰"),
                "BE" => ("Belgium", "比利时"),
                "TR" => ("Türkiye", "土耳其"),
                "AE" => ("United Arab Emirates", "阿联酋"),
                "SA" => ("Saudi Arabia", "沙特阿拉伯"),
                "IN" => ("India", "印度"),
                "JP" => ("Japan", "日本"),
                "AU" => ("Australia", "澳大利亚"),
                "SG" => ("Singapore", "新加坡"),
                _ => ("", ""),
            };
            pick(en, cn)
        }
        _ => String::new(),
    }
}

/// The choices that match what the writer typed, in id or meaning (in
/// either language, any case); all of them when nothing is typed or the
/// text is a choice already.
pub fn choice_matches(spec: FieldSpec, query: &str) -> Vec<&'static str> {
    let options = choices(spec);
    let q = query.trim().to_lowercase();
    if q.is_empty() || options.iter().any(|o| o.eq_ignore_ascii_case(&q)) {
        return options;
    }
    options
        .into_iter()
        .filter(|o| {
            o.to_lowercase().contains(&q)
                || [Lang::En, Lang::Zh]
                    .iter()
                    .any(|l| choice_label(spec.guide, o, *l).to_lowercase().contains(&q))
                || keywords_match(spec, o, &q)
        })
        .collect()
}

/// A violation is found by the words of its notices too ("评论滥用",
/// "community guidelines"), in either language, from two letters typed.
fn keywords_match(spec: FieldSpec, id: &str, q: &str) -> bool {
    spec.guide == "notice.violation"
        && q.chars().count() >= 2
        && playbook::get(id).is_some_and(|p| {
            [&p.keywords.en, &p.keywords.zh]
                .into_iter()
                .flatten()
                .any(|k| k.to_lowercase().contains(q))
        })
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
    step.list().map_or(1, |s| case.item_count(s))
}

/// The text of a field as the editor shows it.
pub fn get(case: &Case, spec: FieldSpec, item: usize) -> String {
    case.display(&spec.path(item))
}

/// Writes a field from the editor's text. `Err` when the text is not a
/// valid value yet (a date half typed): the case keeps its old value.
pub fn set(case: &mut Case, spec: FieldSpec, item: usize, text: &str) -> Result<(), S> {
    case.assign(&spec.path(item), text).map_err(|e| match e {
        BadValue::Number => S::NotANumber,
        _ => S::NotADate,
    })
}

/// Adds an empty item to a list step (a metric row gets the playbook's metric).
pub fn add_item(case: &mut Case, step: Step) -> usize {
    let Some(section) = step.list() else {
        return 0;
    };
    let i = case.add_item(section).unwrap_or(0);
    if section == Section::Metrics
        && let Some(m) = playbook::get(&case.notice.violation).and_then(|p| p.metric.as_ref())
    {
        case.metrics[i].metric = m.id.clone();
        case.metrics[i].window_days = Some(m.window_days);
    }
    i
}

pub fn remove_item(case: &mut Case, step: Step, item: usize) {
    if let Some(section) = step.list() {
        case.remove_item(section, item);
    }
}

/// Moves item `from` one place up (`up`) or down; returns where it went.
pub fn move_item(case: &mut Case, step: Step, from: usize, up: bool) -> usize {
    match step.list() {
        Some(section) => case.move_item(section, from, up),
        None => from,
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
            let field = fields(step)
                .iter()
                .position(|f| f.section == p.section && f.key == p.key)
                .unwrap_or(0);
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
    /// The case file changed on disk since this editor read or wrote it.
    ChangedOnDisk,
    /// Export asked while errors are left: these formats, if the writer says so.
    ExportWithErrors(Vec<crate::document::Format>),
    Locked,
    /// A message to read, then any key.
    Message(String),
    /// The documents written for submission: s records the letter as sent.
    Exported(String),
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
        /// What was read from the pasted notice, shown to be confirmed.
        reading: Option<Box<crate::notice::Reading>>,
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
    pub pending: Pending,
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
    /// The terminal's size (columns, lines), as the loop last reported it.
    pub screen: (u16, u16),
    /// Evidence files the case names that the loop did not find on disk.
    pub missing_files: Vec<String>,
    /// The letters sent (`poa submit`): Review marks what changed since
    /// the last, a letter after a rejection says what is new, and C019
    /// reads the one turned down.
    pub history: crate::history::History,
    /// The writer chose not to overwrite a file changed on disk: no save
    /// until they ask for one (Ctrl+S); the recovery copy keeps the text.
    pub hold_saves: bool,
    /// The writer hid the step rail (Ctrl+T) to give the field the width.
    pub rail_hidden: bool,
    /// Keys pressed while the window was too small, not taken.
    pub not_taken: u32,
    /// How far the current field's guide is scrolled (Alt+PgDn/PgUp), in
    /// lines; back to the top when the field changes.
    pub hint_scroll: u16,
    /// The furthest the guide can scroll, as last drawn.
    pub hint_room: std::cell::Cell<u16>,
    /// The furthest the Review's letter can scroll, as last drawn.
    pub review_room: std::cell::Cell<u16>,
    /// The item and field each step was left at, to come back to.
    pub left_at: std::collections::BTreeMap<Step, (usize, usize)>,
    /// How far a message box is scrolled (an export's notes can be longer
    /// than a small window), in lines; back to the top for each message.
    pub overlay_scroll: u16,
    /// The furthest the message box can scroll, as last drawn.
    pub overlay_room: std::cell::Cell<u16>,
    /// What the writer typed in a choice field, to search the choices by.
    pub choice_query: String,
    /// The case is too large to check on every key: the check waits for
    /// the writer's pause (or the next key that reads the findings).
    pub check_due: bool,
    /// Fields a suggestion filled that the writer has not been to yet (step,
    /// item, key): arriving there selects the text, so that typing replaces
    /// it instead of running on after it ("Warehouse managerWarehouse
    /// manager").
    pub suggested: std::collections::BTreeSet<(Step, usize, &'static str)>,
    /// The last suggestion inserted and the other fields it filled, so
    /// that Ctrl+Z, which takes the text back, takes those back too.
    pub undo_fill: Option<Filled>,
    /// A save failed as the writer quit: a second Ctrl+Q quits without it.
    pub quit_unsaved: bool,
    /// The writer was told that Ctrl+Q leaves half-typed text out of the
    /// file: the next Ctrl+Q quits.
    pub quit_half_typed: bool,
}

/// A suggestion's other fields: where it went, the field's text before
/// it, and each field it filled with its value before and after.
#[derive(Debug, Clone)]
pub struct Filled {
    pub step: Step,
    pub item: usize,
    pub field_before: String,
    pub fields: Vec<(crate::case::FieldPath, String, String, &'static str)>,
}

/// A case with more text than this (in bytes; a typical case holds 5,000)
/// is checked when the writer pauses, not on every key: its check takes
/// longer than a frame. The size decides, not a clock, so the editor acts
/// the same on a fast machine and a slow one.
pub const CHECK_ON_PAUSE_AT: usize = 100_000;

/// The smallest terminal the editor draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

impl Model {
    /// A model for a case file.
    pub fn new(path: PathBuf, mut case: Case, lang: Lang, today: Date) -> Model {
        // Every root cause has its id before a link to it is typed (a case
        // made in code gets them here, not only when it is first saved).
        if case.root_causes.iter().any(|r| r.id.is_empty()) {
            case.migrate();
        }
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
            screen: (MIN_WIDTH, MIN_HEIGHT),
            missing_files: Vec::new(),
            history: Default::default(),
            hold_saves: false,
            rail_hidden: false,
            not_taken: 0,
            hint_scroll: 0,
            hint_room: std::cell::Cell::new(0),
            review_room: std::cell::Cell::new(u16::MAX),
            overlay_scroll: 0,
            left_at: Default::default(),
            overlay_room: std::cell::Cell::new(0),
            choice_query: String::new(),
            check_due: false,
            suggested: Default::default(),
            undo_fill: None,
            quit_unsaved: false,
            quit_half_typed: false,
        };
        m.load_field();
        m.recheck();
        m
    }

    /// How many bytes the current field may hold before the case file
    /// would grow past what poa reads back (`case::MAX_FILE_BYTES`), with a
    /// sixteenth kept for the YAML's quoting.
    pub fn room(&self) -> usize {
        let limit = crate::case::MAX_FILE_BYTES as usize / 16 * 15;
        let whole = crate::case::to_yaml(&self.case).len();
        limit.saturating_sub(whole.saturating_sub(self.field_bytes()))
    }

    /// The bytes of the text in the field's box, a line break each line.
    pub fn field_bytes(&self) -> usize {
        self.input.lines().iter().map(|l| l.len() + 1).sum()
    }

    /// A field's label, in this case's words: the Metrics step names what
    /// the violation's metric counts ("Late shipments", "Out of: shipped
    /// orders").
    pub fn label(&self, spec: FieldSpec) -> String {
        let metric = self.playbook().and_then(|p| p.metric.as_ref());
        let zh = self.lang == Lang::Zh;
        match (spec.guide, metric) {
            ("metrics.count", Some(mt)) if !zh => capitalised(&mt.count),
            ("metrics.total", Some(mt)) if !zh => format!("Out of: {}", mt.total),
            ("metrics.count", Some(mt)) => format!("问题订单数（{}）", mt.count),
            ("metrics.total", Some(mt)) => format!("总数（{}）", mt.total),
            _ => spec.label(self.lang).to_string(),
        }
    }

    /// A guide's text with this case's facts in place of its blanks:
    /// `{policy}`, `{metric}`, `{count}`, `{total}`, `{days}`.
    pub fn fill_guide(&self, text: &str) -> String {
        playbook::fill_blanks(self.playbook(), text)
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

    /// The guide of a field in a language: the playbook's, else the shared
    /// interview's.
    pub fn guide(&self, spec: FieldSpec, lang: Lang) -> Option<&'static playbook::Guide> {
        self.playbook()
            .and_then(|p| p.guide(spec.guide, lang))
            .or_else(|| playbook::interview().get(spec.guide).map(|g| g.get(lang)))
    }

    /// What to show as an example of the answer, with its blanks filled,
    /// and what it means when the example is English and the writer reads
    /// Chinese: the letter is written in English, so a Chinese writer sees
    /// an English example to follow, with its meaning beside it.
    pub fn example(&self, spec: FieldSpec) -> Option<(String, Option<String>)> {
        // A number or a date shows an example of its own, never the step's
        // example sentence (the writer would type a sentence).
        let own = |lang| {
            matches!(
                spec.kind,
                Kind::Number | Kind::Date | Kind::Id | Kind::Links
            )
            .then(|| playbook::interview().get(spec.guide).map(|g| g.get(lang)))
            .flatten()
            .or_else(|| self.guide(spec, lang))
        };
        let g = own(self.lang)?;
        // The notice's questions: the ones a notice of this violation asks
        // (an Order Defect Rate case is not shown late shipments).
        if spec.guide == "notice.asks"
            && let Some(p) = self.playbook()
        {
            let asks = match (self.case.notice.response, &p.dispute) {
                (crate::case::Response::Dispute, Some(d)) => &d.asks,
                _ => &p.asks,
            };
            if let Some(first) = asks.first() {
                return Some((first.clone(), None));
            }
        }
        let cjk = |s: &str| s.chars().any(check::text::counts_alone);
        if self.lang == Lang::Zh
            && cjk(&g.example)
            && let Some(en) = own(Lang::En).filter(|e| !cjk(&e.example))
        {
            return Some((
                self.fill_guide(&en.example),
                Some(self.fill_guide(&g.example)),
            ));
        }
        Some((self.fill_guide(&g.example), None))
    }

    /// Puts the current field's text into the input box.
    pub fn load_field(&mut self) {
        self.hint_scroll = 0;
        self.choice_query.clear();
        let Some(spec) = self.spec() else {
            self.input = TextArea::default();
            return;
        };
        let text = self
            .pending
            .get(&(self.step, self.item, spec.guide))
            .cloned()
            .unwrap_or_else(|| get(&self.case, spec, self.item));
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
        if let Some((example, _)) = self.example(spec) {
            input.set_placeholder_text(format!(
                "{}: {}",
                super::strings::t(self.lang, S::Example),
                example
            ));
        }
        input.move_cursor(ratatui_textarea::CursorMove::Bottom);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        let arrived = self.suggested.remove(&(self.step, self.item, spec.key)) && !input.is_empty();
        let blanks = input
            .lines()
            .iter()
            .any(|l| !playbook::placeholders(l).is_empty());
        if arrived && !blanks {
            input.select_all();
        }
        self.input = input;
        // A filled field with a blank ("Every day at {time}"): typing fills
        // the blank, not the whole field.
        if arrived && blanks {
            super::update::select_placeholder(self, false);
        }
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
        let key = (self.step, self.item, spec.guide);
        let before = get(&self.case, spec, self.item);
        // A search typed in a choice is not the case's value until it names
        // a choice: while "评论" is typed the violation stays as it was, and
        // no finding flashes for a type that does not exist. (A choice
        // emptied in the case file stays empty until one is picked.)
        let choice = spec.kind == Kind::Choice;
        // An emptied choice is a search about to be typed, too: the
        // violation is not dropped (and the steps with it) on the way.
        let searching =
            choice && text.trim() != before.trim() && !choices(spec).contains(&text.trim());
        if searching {
            self.pending.insert(key, text);
            return false;
        }
        match set(&mut self.case, spec, self.item, &text) {
            Ok(()) => {
                self.pending.remove(&key);
            }
            Err(_) => {
                self.pending.insert(key, text);
            }
        }
        get(&self.case, spec, self.item) != before
    }

    /// Runs the checker again.
    /// Checks now, or at the writer's pause when the case is large.
    pub fn recheck_soon(&mut self) {
        let size: usize = self.case.text_fields().iter().map(|f| f.text.len()).sum();
        if size > CHECK_ON_PAUSE_AT {
            self.check_due = true;
        } else {
            self.recheck();
        }
    }

    pub fn recheck(&mut self) {
        self.check_due = false;
        // The same rules as `poa check`, with the files the loop looked for.
        let mut settings = check::settings_of(&self.case);
        settings.missing_files = self.missing_files.clone();
        settings.rejected = self.history.rejected.clone();
        settings.look_for_fonts(&self.case);
        // A date field whose box holds no date yet is checked as empty, as
        // the writer sees it, not with the date it held before the slip;
        // the finding that it is missing says what was typed.
        settings.typed = self
            .pending
            .iter()
            .filter_map(|((_, item, guide), typed)| {
                schema::by_guide_key(guide)
                    .filter(|s| s.kind == schema::Kind::Date)
                    .map(|s| (s.path(*item), typed.clone()))
            })
            .collect();
        let mut seen = std::borrow::Cow::Borrowed(&self.case);
        for (path, _) in &settings.typed {
            let _ = seen.to_mut().assign(path, "");
        }
        self.findings = check::Checker::standard().check_doc(
            &check::Doc::from_case(&seen),
            self.today,
            &settings,
        );
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

    /// The findings listed on the current screen: the step's, or all of them on Review.
    pub fn visible_findings(&self) -> Vec<&Finding> {
        if self.step == Step::Review {
            self.findings.iter().collect()
        } else {
            self.step_findings()
        }
    }

    /// Findings with a place in the current field.
    pub fn field_findings(&self) -> Vec<&Finding> {
        let Some(spec) = self.spec() else {
            return Vec::new();
        };
        let path = spec.path(self.item);
        self.findings
            .iter()
            .filter(|f| matches!(f.field, FieldId::Case(p) if p == path))
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
        check::text::prose_words(&self.case)
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
                    .all(|f| get(&self.case, f, i).trim().is_empty() || f.kind == Kind::Choice)
            }),
            s => fields(s)
                .iter()
                .filter(|f| f.kind != Kind::Choice)
                .all(|f| get(&self.case, f, 0).trim().is_empty()),
        }
    }

    /// The window is too small to show a field: keys must not type blind.
    pub fn too_small(&self) -> bool {
        self.screen.0 < MIN_WIDTH || self.screen.1 < MIN_HEIGHT
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
