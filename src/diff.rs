//! What changed between two versions of a case, field by field, in words:
//! "Root cause 2 · Why it happened: changed", an action added, a measure
//! removed. Items are matched by what they are, not where they stand: root
//! causes and evidence by their ids, actions, measures and metrics by their
//! text (so a new first action does not make every action "changed").
//! Pure: `poa diff`, the letter's "what is new" and the editor's Review
//! read it.

use serde::Serialize;

use crate::case::Value;
use crate::case::{Case, FieldPath, Section};
use crate::playbook::Lang;

/// What happened to a field or an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// An item that was not there.
    Added,
    /// An item that is gone.
    Removed,
    /// A field with other text.
    Changed,
}

/// One change.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub kind: Kind,
    #[serde(serialize_with = "section_key")]
    pub section: Section,
    /// The item in the new version (for added and changed items of a list),
    /// or in the old one (for a removed item).
    pub item: Option<usize>,
    /// The field's key (`why`), or `None` for a whole item.
    pub key: Option<&'static str>,
    /// The field or item as a writer knows it: "Root cause 2 · Why it happened".
    pub place: String,
    /// The text before, and after (`None` where there is none).
    pub old: Option<String>,
    pub new: Option<String>,
}

fn section_key<S: serde::Serializer>(s: &Section, to: S) -> Result<S::Ok, S::Error> {
    to.serialize_str(s.key())
}

/// "Root cause", "Corrective action": one item of a list section.
pub fn item_name(section: Section, lang: Lang) -> &'static str {
    let zh = lang == Lang::Zh;
    match section {
        Section::Metrics if zh => "指标",
        Section::Metrics => "Metric",
        Section::RootCauses if zh => "根本原因",
        Section::RootCauses => "Root cause",
        Section::CorrectiveActions if zh => "纠正措施",
        Section::CorrectiveActions => "Corrective action",
        Section::PreventiveMeasures if zh => "预防措施",
        Section::PreventiveMeasures => "Preventive measure",
        Section::Evidence if zh => "证明文件",
        Section::Evidence => "Evidence",
        s if zh => s.title_zh(),
        s => s.title(),
    }
}

/// A value as text, for comparing and for showing.
fn text_of(v: Value<'_>) -> String {
    match v {
        Value::Text(t) => t.trim().to_string(),
        Value::List(l) => l
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        Value::Date(d) => d.map(|d| d.to_string()).unwrap_or_default(),
        Value::Number(n) => n.map(|n| n.to_string()).unwrap_or_default(),
        Value::Response(r) => r.id().to_string(),
        Value::EvidenceKind(k) => k.label().to_string(),
        Value::Optional(o) => o.unwrap_or("").trim().to_string(),
    }
}

/// The fields of one item (or of a section without items), with their
/// text, in the field table's order.
fn fields_of(
    case: &Case,
    section: Section,
    index: Option<usize>,
) -> Vec<(FieldPath, &'static str, String)> {
    case.fields()
        .into_iter()
        .filter(|(p, _)| p.section == section && p.index == index && p.sub.is_none())
        .map(|(p, f)| {
            let text = case.get(&p).map(text_of).unwrap_or_default();
            (p, f.key, text)
        })
        .collect()
}

/// The field that says what an item is: a cause's summary (or what
/// happened), an action's action, a measure's measure, a metric's name.
fn main_text(case: &Case, section: Section, index: usize) -> String {
    let fields = fields_of(case, section, Some(index));
    let pick = |key: &str| {
        fields
            .iter()
            .find(|(_, k, t)| *k == key && !t.is_empty())
            .map(|(_, _, t)| t.clone())
    };
    [
        "summary", "what", "action", "measure", "title", "name", "kind",
    ]
    .iter()
    .find_map(|k| pick(k))
    .unwrap_or_default()
}

/// Words in common, over the words of the longer text: 1 for the same
/// words, 0 for none.
fn likeness(a: &str, b: &str) -> f32 {
    let words = |s: &str| -> std::collections::HashSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let most = a.len().max(b.len());
    if most == 0 {
        return 1.0;
    }
    a.intersection(&b).count() as f32 / most as f32
}

/// The old item each new item is, if any: by id for causes and evidence,
/// else the same text first, then the most alike (at least half the words).
fn match_items(old: &Case, new: &Case, section: Section) -> Vec<Option<usize>> {
    let (n_old, n_new) = (old.item_count(section), new.item_count(section));
    let id = |case: &Case, i: usize| -> Option<String> {
        match section {
            Section::RootCauses => case.root_causes.get(i).map(|r| r.id.clone()),
            Section::Evidence => case.evidence.get(i).map(|e| e.id.clone()),
            _ => None,
        }
        .filter(|s| !s.trim().is_empty())
    };
    let mut taken = vec![false; n_old];
    let mut out = vec![None; n_new];
    if matches!(section, Section::RootCauses | Section::Evidence) {
        for (j, slot) in out.iter_mut().enumerate() {
            let Some(want) = id(new, j) else { continue };
            if let Some(i) = (0..n_old).find(|&i| !taken[i] && id(old, i).as_ref() == Some(&want)) {
                taken[i] = true;
                *slot = Some(i);
            }
        }
        return out;
    }
    let old_text: Vec<String> = (0..n_old).map(|i| main_text(old, section, i)).collect();
    let new_text: Vec<String> = (0..n_new).map(|j| main_text(new, section, j)).collect();
    // The same text first, wherever it moved.
    for (j, slot) in out.iter_mut().enumerate() {
        if let Some(i) = (0..n_old).find(|&i| !taken[i] && old_text[i] == new_text[j]) {
            taken[i] = true;
            *slot = Some(i);
        }
    }
    // Then each new item to the most alike old one left.
    for j in 0..n_new {
        if out[j].is_some() {
            continue;
        }
        let best = (0..n_old)
            .filter(|&i| !taken[i])
            .map(|i| (i, likeness(&old_text[i], &new_text[j])))
            .filter(|(_, l)| *l >= 0.5)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((i, _)) = best {
            taken[i] = true;
            out[j] = Some(i);
        }
    }
    out
}

const SECTIONS: [Section; 10] = [
    Section::Seller,
    Section::Notice,
    Section::Metrics,
    Section::RootCauses,
    Section::CorrectiveActions,
    Section::PreventiveMeasures,
    Section::Explanation,
    Section::Evidence,
    Section::Closing,
    Section::Dated,
];

/// Everything that changed from `old` to `new`, in the order of the case.
pub fn diff(old: &Case, new: &Case, lang: Lang) -> Vec<Change> {
    let mut out = Vec::new();
    let label = |section: Section, index: Option<usize>, key: &'static str| -> String {
        let path = FieldPath {
            section,
            index,
            key: key_part(section, key),
            sub: None,
        };
        let field = path.field().map(|f| f.label(lang)).unwrap_or(key);
        match index {
            Some(i) => format!("{} {} · {field}", item_name(section, lang), i + 1),
            None if lang == Lang::Zh => format!("{} · {field}", section.title_zh()),
            None => format!("{} · {field}", section.title()),
        }
    };
    for section in SECTIONS {
        if !section.is_list() {
            let (a, b) = (fields_of(old, section, None), fields_of(new, section, None));
            for ((_, key, was), (_, _, now)) in a.iter().zip(&b) {
                if was != now {
                    out.push(Change {
                        kind: Kind::Changed,
                        section,
                        item: None,
                        key: Some(key),
                        place: label(section, None, key),
                        old: (!was.is_empty()).then(|| was.clone()),
                        new: (!now.is_empty()).then(|| now.clone()),
                    });
                }
            }
            continue;
        }
        let matched = match_items(old, new, section);
        for (j, m) in matched.iter().enumerate() {
            let Some(i) = *m else {
                out.push(Change {
                    kind: Kind::Added,
                    section,
                    item: Some(j),
                    key: None,
                    place: format!("{} {}", item_name(section, lang), j + 1),
                    old: None,
                    new: Some(main_text(new, section, j)),
                });
                continue;
            };
            let a = fields_of(old, section, Some(i));
            let b = fields_of(new, section, Some(j));
            for ((_, key, was), (_, _, now)) in a.iter().zip(&b) {
                if was != now {
                    out.push(Change {
                        kind: Kind::Changed,
                        section,
                        item: Some(j),
                        key: Some(key),
                        place: label(section, Some(j), key),
                        old: (!was.is_empty()).then(|| was.clone()),
                        new: (!now.is_empty()).then(|| now.clone()),
                    });
                }
            }
        }
        for i in 0..old.item_count(section) {
            if !matched.contains(&Some(i)) {
                out.push(Change {
                    kind: Kind::Removed,
                    section,
                    item: Some(i),
                    key: None,
                    place: format!("{} {}", item_name(section, lang), i + 1),
                    old: Some(main_text(old, section, i)),
                    new: None,
                });
            }
        }
    }
    out
}

/// The key of a field as the field table has it.
fn key_part(section: Section, key: &'static str) -> crate::case::Part {
    crate::case::schema::of_section(section)
        .find(|f| f.key == key)
        .map(|f| f.path(0).key)
        .expect("a key of the field table")
}

/// What a second letter says is new, one line a change of the letter's
/// own sections (causes, actions, measures, explanation, evidence), for
/// the reader at Amazon: "Root cause 1 (Our label rule …): rewrote why it
/// happened and how". Removals and the seller's details are not news.
pub fn news(changes: &[Change], new: &Case) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut edited: Vec<(Section, usize, Vec<String>)> = Vec::new();
    for c in changes {
        let letter = matches!(
            c.section,
            Section::RootCauses
                | Section::CorrectiveActions
                | Section::PreventiveMeasures
                | Section::Explanation
                | Section::Evidence
        );
        if !letter {
            continue;
        }
        match (c.kind, c.item) {
            (Kind::Added, Some(j)) => {
                let what = short(&main_text(new, c.section, j));
                out.push(format!(
                    "A new {}: {what}",
                    item_name(c.section, Lang::En).to_lowercase()
                ));
            }
            (Kind::Changed, Some(j)) => {
                // A cause's answers by the letter's own questions ("why it
                // happened"), other fields by their labels.
                let question = crate::case::RootCause::default()
                    .parts()
                    .iter()
                    .find(|(k, _, _)| c.section == Section::RootCauses && Some(*k) == c.key)
                    .map(|(_, q, _)| q.to_string());
                let field = question
                    .unwrap_or_else(|| c.place.split(" · ").nth(1).unwrap_or_default().to_string())
                    .to_lowercase();
                match edited
                    .iter_mut()
                    .find(|(s, i, _)| *s == c.section && *i == j)
                {
                    Some((_, _, fields)) => fields.push(field),
                    None => edited.push((c.section, j, vec![field])),
                }
            }
            (Kind::Changed, None) => {
                out.push(format!("A rewritten {}", c.section.title().to_lowercase()));
            }
            _ => {}
        }
    }
    let mut revised: Vec<String> = edited
        .into_iter()
        .map(|(section, j, fields)| {
            let what = short(&main_text(new, section, j));
            format!(
                "{} {} ({what}): revised {}",
                item_name(section, Lang::En),
                j + 1,
                crate::compose::and_list(&fields)
            )
        })
        .collect();
    revised.append(&mut out);
    revised
}

/// A text cut to its first dozen words, for naming an item.
fn short(text: &str) -> String {
    let first = text.lines().next().unwrap_or("").trim();
    let words: Vec<&str> = first.split_whitespace().collect();
    if words.len() <= 12 {
        return first.trim_end_matches('.').to_string();
    }
    format!("{} …", words[..12].join(" "))
}
