//! Violation playbooks: per violation type, what a notice says, what the
//! interview asks, the typical causes, the actions and measures a writer can
//! insert, the evidence the appeal needs and the minimum counts.
//!
//! The playbooks are YAML under `templates/playbooks/`, embedded in the
//! binary and parsed once. This module reads no file at run time.

use crate::embedded;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::case::{EvidenceKind, Response};

/// The language of the guidance a writer reads (the appeal is always English).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.to_ascii_lowercase().as_str() {
            "en" | "english" => Some(Lang::En),
            "zh" | "zh-cn" | "zh-hans" | "cn" | "chinese" => Some(Lang::Zh),
            _ => None,
        }
    }
}

/// One text in English and Simplified Chinese.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// The same content in both languages.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Both<T> {
    pub en: T,
    pub zh: T,
}

impl<T> Both<T> {
    pub fn get(&self, lang: Lang) -> &T {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// The help for one field of the interview.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    pub question: String,
    pub hint: String,
    pub example: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Performance,
    Authenticity,
    Ip,
    Condition,
    Listing,
    Conduct,
    Account,
}

impl Category {
    pub fn label(self) -> &'static str {
        match self {
            Category::Performance => "performance",
            Category::Authenticity => "authenticity",
            Category::Ip => "ip",
            Category::Condition => "condition",
            Category::Listing => "listing",
            Category::Conduct => "conduct",
            Category::Account => "account",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// The rate must stay below the target (defects, late shipments).
    Below,
    /// The rate must stay above the target (valid tracking).
    Above,
}

/// A rate Amazon measures, with its target.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricSpec {
    pub id: String,
    pub name: String,
    /// What the count counts ("late shipments").
    pub count: String,
    /// What the total counts ("shipped orders").
    pub total: String,
    pub target_percent: f64,
    pub direction: Direction,
    pub window_days: u32,
}

impl MetricSpec {
    /// True when `percent` meets the target.
    pub fn meets_target(&self, percent: f64) -> bool {
        match self.direction {
            Direction::Below => percent < self.target_percent,
            Direction::Above => percent >= self.target_percent,
        }
    }

    /// "4%" or "2.5%".
    pub fn target_label(&self) -> String {
        format_percent_target(self.target_percent)
    }
}

fn format_percent_target(p: f64) -> String {
    if p.fract() == 0.0 {
        format!("{p:.0}%")
    } else {
        format!("{p}%")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Minimums {
    pub root_causes: usize,
    pub corrective_actions: usize,
    pub preventive_measures: usize,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CauseSuggestion {
    pub summary: Text,
    pub why: Text,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionSuggestion {
    pub action: Text,
    pub owner: Text,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureSuggestion {
    pub measure: Text,
    pub owner: Text,
    pub cadence: Text,
}

/// A kind of document the appeal should attach.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceSpec {
    pub kind: EvidenceKind,
    pub required: bool,
    /// The document must be dated within this many days before the notice.
    #[serde(default)]
    pub window_days: Option<u32>,
    pub title: Text,
    pub must_show: Both<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisputeSpec {
    pub asks: Vec<String>,
    pub evidence: Vec<EvidenceSpec>,
}

/// One violation type.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Playbook {
    pub id: String,
    pub title: String,
    /// The title in Chinese, for the editor's choices; the English when
    /// empty.
    #[serde(default)]
    pub title_zh: String,
    pub category: Category,
    pub policy: String,
    pub response: Response,
    #[serde(default)]
    pub metric: Option<MetricSpec>,
    pub keywords: Both<Vec<String>>,
    pub asks: Vec<String>,
    pub minimums: Minimums,
    pub guide: BTreeMap<String, Both<Guide>>,
    pub root_causes: Vec<CauseSuggestion>,
    pub corrective: Vec<ActionSuggestion>,
    pub preventive: Vec<MeasureSuggestion>,
    pub evidence: Vec<EvidenceSpec>,
    #[serde(default)]
    pub dispute: Option<DisputeSpec>,
}

impl Playbook {
    /// The title in the writer's language.
    pub fn title_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh if !self.title_zh.is_empty() => &self.title_zh,
            _ => &self.title,
        }
    }

    /// The question, hint and example for a field (`metrics.count`): the
    /// playbook's own for the field, else its guide for the field's section
    /// (`metrics`), else the shared interview's.
    pub fn guide(&self, field: &str, lang: Lang) -> Option<&Guide> {
        let section = field.split_once('.').map(|(s, _)| s);
        self.guide
            .get(field)
            .or_else(|| section.and_then(|s| self.guide.get(s)))
            .or_else(|| interview().get(field))
            .or_else(|| section.and_then(|s| interview().get(s)))
            .map(|g| g.get(lang))
    }

    /// The evidence this answer needs: the dispute's list for a dispute
    /// when the playbook has one.
    pub fn evidence_for(&self, response: Response) -> &[EvidenceSpec] {
        match (response, &self.dispute) {
            (Response::Dispute, Some(d)) => &d.evidence,
            _ => &self.evidence,
        }
    }

    /// The questions a notice of this kind usually asks.
    pub fn asks_for(&self, response: Response) -> &[String] {
        match (response, &self.dispute) {
            (Response::Dispute, Some(d)) if !d.asks.is_empty() => &d.asks,
            _ => &self.asks,
        }
    }
}

/// A new case scaffolded from a playbook.
pub fn scaffold(pb: &Playbook, response: Response, marketplace: &str) -> crate::case::Case {
    let mut case = crate::case::Case::new();
    case.seller.marketplace = marketplace.to_string();
    case.notice.violation = pb.id.clone();
    case.notice.response = response;
    if let Some(m) = &pb.metric {
        case.metrics.push(crate::case::Metric {
            metric: m.id.clone(),
            window_days: Some(m.window_days),
            ..Default::default()
        });
    }
    if response == Response::PlanOfAction {
        // With its id (R1), so a link typed before the first save holds
        // (the editor keeps this case in memory until then).
        case.root_causes.push(crate::case::RootCause {
            id: "R1".into(),
            ..Default::default()
        });
        case.corrective_actions.push(Default::default());
        case.preventive_measures.push(Default::default());
    }
    let mut n = 0;
    for spec in pb.evidence_for(response).iter().filter(|e| e.required) {
        n += 1;
        case.evidence.push(crate::case::Evidence {
            id: format!("E{n}"),
            title: spec.title.en.clone(),
            kind: spec.kind,
            ..Default::default()
        });
    }
    case
}

/// The shared interview questions (`templates/interview.yaml`).
/// A guide's text with the playbook's facts in place of its blanks:
/// `{policy}`, `{metric}`, `{count}`, `{total}`, `{days}` (the shared
/// interview's guides are written for every violation).
pub fn fill_blanks(p: Option<&Playbook>, text: &str) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    let mt = p.and_then(|p| p.metric.as_ref());
    let days = mt.map_or_else(|| "30".to_string(), |m| m.window_days.to_string());
    // Without a playbook (or a metric), the words a guide would use.
    text.replace(
        "{policy}",
        p.map_or("policy the notice names", |p| &p.policy),
    )
    .replace("{metric}", mt.map_or("metric", |m| &m.name))
    .replace("{count}", mt.map_or("orders", |m| &m.count))
    .replace("{total}", mt.map_or("orders", |m| &m.total))
    .replace("{days}", &days)
}

pub fn interview() -> &'static BTreeMap<String, Both<Guide>> {
    static CELL: OnceLock<BTreeMap<String, Both<Guide>>> = OnceLock::new();
    CELL.get_or_init(|| {
        crate::embedded::data(embedded::INTERVIEW)
            .unwrap_or_else(|e| panic!("templates/interview.yaml: {e}"))
    })
}

/// The playbook of embedded file `i`, parsed on first use (a command that
/// needs one playbook parses one).
fn parsed(i: usize) -> &'static Playbook {
    static CELLS: OnceLock<Vec<OnceLock<Playbook>>> = OnceLock::new();
    let cells = CELLS.get_or_init(|| {
        embedded::PLAYBOOKS
            .iter()
            .map(|_| OnceLock::new())
            .collect()
    });
    cells[i].get_or_init(|| {
        let (name, src) = embedded::PLAYBOOKS[i];
        crate::embedded::data(src).unwrap_or_else(|e| panic!("templates/playbooks/{name}: {e}"))
    })
}

/// Every playbook, sorted by id.
pub fn all() -> &'static [&'static Playbook] {
    static CELL: OnceLock<Vec<&'static Playbook>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut v: Vec<&'static Playbook> = (0..embedded::PLAYBOOKS.len()).map(parsed).collect();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    })
}

/// The playbook with this id (its file is `templates/playbooks/ID.yaml`).
pub fn get(id: &str) -> Option<&'static Playbook> {
    let id = id.trim();
    let i = embedded::PLAYBOOKS
        .iter()
        .position(|(name, _)| name.strip_suffix(".yaml") == Some(id))?;
    Some(parsed(i))
}

/// The ids of every playbook, for messages.
pub fn ids() -> Vec<&'static str> {
    all().iter().map(|p| p.id.as_str()).collect()
}

/// The violation id a writer most likely meant by `typed` (`late-shipment`,
/// `Late Shipments`, `trademark`): the one id that starts with it or
/// contains it, once case, separators and plurals are made alike.
pub fn closest(typed: &str) -> Option<&'static str> {
    // Lower case, words joined by `-`, a plural `s` dropped.
    fn norm(text: &str) -> String {
        text.trim()
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| match w.strip_suffix('s') {
                Some(one) if one.len() >= 3 && !one.ends_with('s') => one,
                _ => w,
            })
            .collect::<Vec<_>>()
            .join("-")
    }
    let want = norm(typed);
    if want.len() < 3 {
        return None;
    }
    let ids: Vec<(&'static str, String)> = ids().into_iter().map(|id| (id, norm(id))).collect();
    if let Some((id, _)) = ids.iter().find(|(_, n)| *n == want) {
        return Some(id);
    }
    let only = |fits: &dyn Fn(&str) -> bool| {
        let mut found = ids.iter().filter(|(_, n)| fits(n));
        match (found.next(), found.next()) {
            (Some((id, _)), None) => Some(*id),
            _ => None,
        }
    };
    only(&|n| n.starts_with(&want)).or_else(|| only(&|n| n.contains(&want)))
}

/// What to say of a violation id poa does not know, after the id: the
/// likely one, or the list.
pub fn unknown_violation(typed: &str) -> String {
    match closest(typed) {
        Some(id) => format!(
            "not a violation id poa knows. Did you mean `{id}`? `poa playbooks` lists them all"
        ),
        None => format!(
            "not a violation id poa knows. Use one of: {} (`other` when none fits); `poa playbooks` lists them",
            ids().join(", ")
        ),
    }
}

/// Placeholders in a suggestion: `{number}`, `{supplier name}`.
pub fn placeholders(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    // From each `{` to the next `}` (most texts have neither).
    while let Some(open) = text[at..].find('{').map(|i| at + i) {
        let Some(close) = text[open + 1..].find('}').map(|i| open + 1 + i) else {
            break;
        };
        // A later `{` before the `}` starts the placeholder instead.
        let s = text[open..close].rfind('{').map_or(open, |i| open + i);
        let inner = &text[s + 1..close];
        if !inner.is_empty()
            && inner
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c == b' ' || c.is_ascii_digit())
        {
            out.push(s..close + 1);
        }
        at = close + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    fn names(t: &str) -> Vec<&str> {
        placeholders(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn placeholders_are_lower_case_names_in_braces() {
        assert_eq!(
            names("On {date} we refunded {n} buyers {order id 2}."),
            ["{date}", "{n}", "{order id 2}"]
        );
        // The innermost `{` before a `}` starts one; stray braces are text.
        assert_eq!(names("} {a {date} b} {"), ["{date}"]);
        assert_eq!(
            names("{Date} {} {ok!} {日期} no braces"),
            Vec::<&str>::new()
        );
        assert_eq!(names("{x}{y}"), ["{x}", "{y}"]);
    }
}
