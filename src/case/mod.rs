//! The case: everything a writer knows about one notice and its answer.
//!
//! Owns the model of DESIGN.md §2, its schema version, loading from YAML with
//! messages that name the line, atomic saving, and field paths such as
//! `root_causes[0].why`. Only this module knows the YAML crate. It does not
//! check the content (that is `check`) and does not read the clock.

mod access;
mod date;
mod field;
mod items;
mod keep;
mod load;
mod load_zh;
mod locate;
mod migrate;
mod save;
pub mod schema;

use serde::{Deserialize, Serialize};

pub use access::{BadValue, TextField, Value, normal_cause_id};
pub use date::{Date, DateError, FoundDate, MONTHS, day_word, find_dates, month_word};
pub use field::{FieldPath, Part, Section};
pub use keep::keep_layout;
pub use load::{
    LoadError, MAX_FILE_BYTES, decode_text, from_yaml, from_yaml_with_spans, is_word,
    missing_evidence_files, read_file, read_stdin,
};
pub use locate::{Pos, Spans};
pub use save::{SaveError, keep_comments, save_atomic, text_to_save, to_yaml, write_atomic};

/// Text with every line break as `\n`: terminals send a paste's line breaks
/// as CR, Windows files end lines with CRLF, old Mac files with CR.
pub fn line_breaks(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// How a file the writer made breaks its lines and whether it opens with a
/// byte-order mark, so that a draft is read with LF line breaks and
/// written back as it came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextForm {
    breaks: &'static str,
    bom: bool,
}

impl TextForm {
    /// The form of `text`, and the text as poa reads it: no mark, and LF
    /// line breaks (a draft saved with CR alone is not one long line).
    pub fn read(text: &str) -> (TextForm, String) {
        let bom = text.starts_with('\u{feff}');
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let breaks = if body.contains("\r\n") {
            "\r\n"
        } else if body.contains('\r') && !body.contains('\n') {
            "\r"
        } else {
            "\n"
        };
        (TextForm { breaks, bom }, line_breaks(body))
    }

    /// The form of the file at `path` when its text was read by
    /// `read_file`, which drops the byte-order mark: the mark is looked
    /// for in the file.
    pub fn of_file(path: &std::path::Path, text: &str) -> (TextForm, String) {
        use std::io::Read;
        let (mut form, body) = TextForm::read(text);
        let mut head = [0u8; 3];
        form.bom |= std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut head))
            .is_ok_and(|()| head == [0xEF, 0xBB, 0xBF]);
        (form, body)
    }

    /// `text` (LF line breaks) in this form again.
    pub fn write(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 3);
        if self.bom {
            out.push('\u{feff}');
        }
        if self.breaks == "\n" {
            out.push_str(text);
        } else {
            out.push_str(&text.replace('\n', self.breaks));
        }
        out
    }
}

/// The largest character boundary of `text` at or before byte `i`, for
/// cutting a window of bytes out of text of any script.
pub fn floor_char_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The first control character that a writer's YAML file holds in any of
/// its texts, escapes included (`"\e"`): for files of the writer's own
/// (`--phrases`) whose texts reach the terminal.
pub fn control_in_yaml(text: &str) -> Option<char> {
    fn walk(v: &serde_yaml::Value) -> Option<char> {
        match v {
            serde_yaml::Value::String(s) => s.chars().find(|&c| load::is_forbidden_control(c)),
            serde_yaml::Value::Sequence(items) => items.iter().find_map(walk),
            serde_yaml::Value::Mapping(m) => {
                m.iter().find_map(|(k, v)| walk(k).or_else(|| walk(v)))
            }
            serde_yaml::Value::Tagged(t) => walk(&t.value),
            _ => None,
        }
    }
    serde_yaml::from_str::<serde_yaml::Value>(text)
        .ok()
        .as_ref()
        .and_then(walk)
}

/// A path as messages show it: a control character in a file name (an
/// escape sequence that would retitle or clear the terminal) written out.
pub fn shown(path: impl AsRef<std::path::Path>) -> String {
    visible(&path.as_ref().display().to_string()).into_owned()
}

/// The one door for text into a case from outside a case file (a paste, a
/// draft to import, a notice, the text $EDITOR gives back): LF line breaks,
/// and none of the control characters a case file refuses (an escape
/// sequence, a stray byte-order mark), so that what is saved loads again.
pub fn clean_text(text: &str) -> String {
    let text = line_breaks(text);
    if text.chars().any(load::is_forbidden_control) {
        text.chars()
            .filter(|c| !load::is_forbidden_control(*c))
            .collect()
    } else {
        text
    }
}

/// Text for a terminal: every control character but the line break and
/// the tab shown as `\u{1b}`, so that a name or a message can never move
/// the cursor, change the title or write to the clipboard.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t'))
    {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| {
            if c.is_control() && !matches!(c, '\n' | '\t') {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// Parses data written in YAML (playbooks, phrase lists, the catalogue), so
/// that only this module knows the YAML crate.
pub fn data_from_yaml<T: serde::de::DeserializeOwned>(
    text: &str,
    name: &str,
) -> Result<T, LoadError> {
    serde_yaml::from_str(text).map_err(|e| load::explain(&e, name, text))
}

/// What to tell a writer whose case file is empty: the version line a
/// case file starts with, and how to create one.
pub fn empty_case_hint() -> &'static str {
    static HINT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HINT.get_or_init(|| {
        format!(
            "A case file starts with `version: {VERSION}`; create one with `poa new FILE --violation ID`"
        )
    })
}

/// The schema version this build writes. Version 1 (root causes linked by
/// their position) still loads, and is saved as version 2 (linked by id).
pub const VERSION: u32 = 2;

/// The marketplaces Amazon runs and `poa` knows (DESIGN.md §2).
pub const MARKETPLACES: [&str; 20] = [
    "US", "CA", "MX", "BR", "UK", "DE", "FR", "IT", "ES", "NL", "SE", "PL", "BE", "TR", "AE", "SA",
    "IN", "JP", "AU", "SG",
];

/// Marketplaces whose paper is US Letter; all others use A4.
pub const LETTER_MARKETPLACES: [&str; 4] = ["US", "CA", "MX", "BR"];

/// The days a seller usually has to answer a notice.
pub const APPEAL_WINDOW_DAYS: i64 = 17;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    #[serde(default)]
    pub version: u32,
    #[serde(default)]
    pub seller: Seller,
    #[serde(default)]
    pub notice: Notice,
    #[serde(default)]
    pub metrics: Vec<Metric>,
    #[serde(default)]
    pub root_causes: Vec<RootCause>,
    #[serde(default)]
    pub corrective_actions: Vec<CorrectiveAction>,
    #[serde(default)]
    pub preventive_measures: Vec<PreventiveMeasure>,
    #[serde(default)]
    pub explanation: String,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    #[serde(default)]
    pub closing: String,
    #[serde(default, deserialize_with = "date::optional")]
    pub dated: Option<Date>,
    /// Amazon's replies that turned down a letter sent for this notice,
    /// oldest first (`poa rejected`): a later letter says what is new.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejections: Vec<Rejection>,
    /// The writer's own notes: never rendered.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default, skip_serializing_if = "CheckSettings::is_default")]
    pub check: CheckSettings,
}

/// Amazon's answer that turned a letter down.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rejection {
    /// The day the reply came.
    pub on: Date,
    /// The reply's words, as Amazon wrote them.
    #[serde(default)]
    pub reply: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Seller {
    pub legal_name: String,
    pub store_name: String,
    pub merchant_token: String,
    pub marketplace: String,
    pub contact_name: String,
    pub contact_role: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Response {
    /// Accept the finding and show the fix: root cause, actions, prevention.
    #[default]
    PlanOfAction,
    /// The account did not break the policy: explanation and evidence.
    Dispute,
}

impl Response {
    pub const ALL: [Response; 2] = [Response::PlanOfAction, Response::Dispute];

    /// The id written in the case file.
    pub fn id(self) -> &'static str {
        match self {
            Response::PlanOfAction => "plan-of-action",
            Response::Dispute => "dispute",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Notice {
    pub violation: String,
    pub response: Response,
    #[serde(deserialize_with = "date::optional")]
    pub received: Option<Date>,
    /// The last day to answer, when the notice names one ("within 72
    /// hours", "by 2 December"); otherwise 17 days after `received`.
    #[serde(
        deserialize_with = "date::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub deadline: Option<Date>,
    pub reference: String,
    pub asins: Vec<String>,
    pub orders: Vec<String>,
    pub asks: Vec<String>,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Metric {
    pub metric: String,
    pub count: Option<u64>,
    pub total: Option<u64>,
    pub window_days: Option<u32>,
}

impl Metric {
    /// The rate in percent, when both figures are there and the total is not zero.
    pub fn percent(&self) -> Option<f64> {
        match (self.count, self.total) {
            (Some(c), Some(t)) if t > 0 => Some(c as f64 * 100.0 / t as f64),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RootCause {
    /// The stable id actions and measures link to (`R1`); given on load to a
    /// cause that has none.
    pub id: String,
    pub summary: String,
    pub what: String,
    pub when: String,
    #[serde(rename = "where")]
    pub where_: String,
    pub who: String,
    pub why: String,
    pub how: String,
}

impl RootCause {
    /// The six answers with the labels the letter gives them, in order.
    pub fn parts(&self) -> [(&'static str, &'static str, &str); 6] {
        [
            ("what", "What happened", &self.what),
            ("when", "When it happened", &self.when),
            ("where", "Where it happened", &self.where_),
            ("who", "Who was involved", &self.who),
            ("why", "Why it happened", &self.why),
            ("how", "How it happened", &self.how),
        ]
    }

    /// The root cause as the appeal form's text shows it (`n` is 1-based).
    pub fn form_text(&self, n: usize) -> String {
        let summary = self.summary.trim().trim_end_matches('.');
        let mut s = if summary.is_empty() {
            format!("Root cause {n}")
        } else {
            format!("Root cause {n}: {summary}")
        };
        for (_, label, answer) in self.parts() {
            if !answer.trim().is_empty() {
                s.push('\n');
                s.push_str(label);
                s.push_str(": ");
                s.push_str(answer.trim());
            }
        }
        s
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CorrectiveAction {
    pub action: String,
    #[serde(deserialize_with = "date::optional")]
    pub done_on: Option<Date>,
    pub owner: String,
    /// The ids of the root causes it answers (`R1`). A version 1 file's
    /// numbers (1-based positions) are read as ids on load.
    #[serde(deserialize_with = "migrate::cause_links")]
    pub causes: Vec<String>,
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PreventiveMeasure {
    pub measure: String,
    pub owner: String,
    #[serde(deserialize_with = "date::optional")]
    pub starts_on: Option<Date>,
    pub cadence: String,
    /// The ids of the root causes it answers (`R1`).
    #[serde(deserialize_with = "migrate::cause_links")]
    pub causes: Vec<String>,
    pub evidence: Vec<String>,
}

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceKind {
    Invoice,
    Tracking,
    Authorization,
    TestReport,
    TrainingRecord,
    Sop,
    Screenshot,
    #[default]
    Other,
}

impl EvidenceKind {
    pub const ALL: [EvidenceKind; 8] = [
        EvidenceKind::Invoice,
        EvidenceKind::Tracking,
        EvidenceKind::Authorization,
        EvidenceKind::TestReport,
        EvidenceKind::TrainingRecord,
        EvidenceKind::Sop,
        EvidenceKind::Screenshot,
        EvidenceKind::Other,
    ];

    /// The id written in the case file.
    pub fn id(self) -> &'static str {
        match self {
            EvidenceKind::Invoice => "invoice",
            EvidenceKind::Tracking => "tracking",
            EvidenceKind::Authorization => "authorization",
            EvidenceKind::TestReport => "test-report",
            EvidenceKind::TrainingRecord => "training-record",
            EvidenceKind::Sop => "sop",
            EvidenceKind::Screenshot => "screenshot",
            EvidenceKind::Other => "other",
        }
    }

    /// A label for documents: "Invoice", "Test report".
    pub fn label(self) -> &'static str {
        match self {
            EvidenceKind::Invoice => "Invoice",
            EvidenceKind::Tracking => "Tracking record",
            EvidenceKind::Authorization => "Authorization",
            EvidenceKind::TestReport => "Test report",
            EvidenceKind::TrainingRecord => "Training record",
            EvidenceKind::Sop => "Procedure",
            EvidenceKind::Screenshot => "Screenshot",
            EvidenceKind::Other => "Document",
        }
    }

    pub fn from_id(id: &str) -> Option<EvidenceKind> {
        EvidenceKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Evidence {
    pub id: String,
    pub title: String,
    pub kind: EvidenceKind,
    #[serde(deserialize_with = "date::optional")]
    pub date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// Per-case settings of the checker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CheckSettings {
    /// Codes not reported for this case.
    pub allow: Vec<String>,
    /// L001: the longest document, in words (default 1,000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_words: Option<usize>,
    /// L002: the longest section, in characters (default 2,000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_section_chars: Option<usize>,
    /// The G family (spelling, grammar, translated phrasing) runs; `false`
    /// turns it off for a writer who does not want it.
    #[serde(skip_serializing_if = "is_true")]
    pub grammar: bool,
    /// Words spelt as the writer means (names, brands, terms): G001 never
    /// flags them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
}

impl Default for CheckSettings {
    fn default() -> CheckSettings {
        CheckSettings {
            allow: Vec::new(),
            max_words: None,
            max_section_chars: None,
            grammar: true,
            words: Vec::new(),
        }
    }
}

fn is_true(b: &bool) -> bool {
    *b
}

impl CheckSettings {
    fn is_default(&self) -> bool {
        *self == CheckSettings::default()
    }
}

impl Case {
    /// An empty case of the current version.
    pub fn new() -> Case {
        Case {
            version: VERSION,
            ..Case::default()
        }
    }

    pub fn is_dispute(&self) -> bool {
        self.notice.response == Response::Dispute
    }

    /// The last day to appeal: the notice's own deadline when it names one
    /// ("within 72 hours", "by 2 December"), else 17 days after it arrived.
    /// The letter, the editor's countdown and D006 all read this one date.
    pub fn appeal_deadline(&self) -> Option<Date> {
        self.notice
            .deadline
            .or_else(|| self.notice.received.map(|d| d.add_days(APPEAL_WINDOW_DAYS)))
    }

    /// US Letter for the Americas, A4 elsewhere.
    pub fn uses_letter_paper(&self) -> bool {
        LETTER_MARKETPLACES.contains(&self.seller.marketplace.trim().to_ascii_uppercase().as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_is_read_with_lf_and_written_back_as_it_came() {
        for saved in ["a\r\nb\r\n", "a\rb\r", "\u{feff}a\nb\n", "a\nb\n"] {
            let (form, text) = TextForm::read(saved);
            assert_eq!(text, "a\nb\n", "{saved:?}");
            assert_eq!(form.write(&text), saved);
        }
    }

    #[test]
    fn metric_percent_needs_a_total() {
        let m = Metric {
            count: Some(96),
            total: Some(1200),
            ..Metric::default()
        };
        assert_eq!(m.percent(), Some(8.0));
        let zero = Metric {
            count: Some(1),
            total: Some(0),
            ..Metric::default()
        };
        assert_eq!(zero.percent(), None);
    }

    #[test]
    fn deadline_is_seventeen_days_after_the_notice() {
        let mut case = Case::new();
        case.notice.received = "2026-11-18".parse().ok();
        assert_eq!(case.appeal_deadline().unwrap().to_string(), "2026-12-05");
    }

    #[test]
    fn the_notices_own_deadline_wins() {
        let mut case = Case::new();
        case.notice.received = "2026-11-25".parse().ok();
        case.notice.deadline = "2026-11-28".parse().ok();
        assert_eq!(case.appeal_deadline().unwrap().to_string(), "2026-11-28");
    }
}
