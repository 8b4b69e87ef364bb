//! What changed between two versions of a case, field by field, in words:
//! "Root cause 2 · Why it happened: changed", an action added, a measure
//! removed. Items are matched by what they are, not where they stand: root
//! causes and evidence by their ids, actions, measures and metrics by their
//! text (so a new first action does not make every action "changed").
//! Pure: `poa diff`, the letter's "what is new" and the editor's Review
//! read it.

use serde::Serialize;

use crate::case::schema::Field;
use crate::case::{Case, FieldPath, Section};
use crate::check::text::{content_words, overlap};
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
    /// Its row of the field table.
    #[serde(skip)]
    pub field: Option<&'static Field>,
    /// The field or item as a writer knows it: "Root cause 2 · Why it happened".
    pub place: String,
    /// The text before, and after (`None` where there is none).
    pub old: Option<String>,
    pub new: Option<String>,
}

fn section_key<S: serde::Serializer>(s: &Section, to: S) -> Result<S::Ok, S::Error> {
    to.serialize_str(s.key())
}

/// The fields of a case with their text, by item: one table read once,
/// in the field table's order.
struct Fields<'c> {
    case: &'c Case,
    rows: Vec<(FieldPath, &'static Field, String)>,
}

impl<'c> Fields<'c> {
    fn of(case: &'c Case) -> Fields<'c> {
        let rows = case
            .fields()
            .into_iter()
            .filter(|(p, _)| p.sub.is_none())
            .map(|(p, f)| (p, f, case.display(&p).trim().to_string()))
            .collect();
        Fields { case, rows }
    }

    /// The fields of one item (or of a section without items).
    fn item(
        &self,
        section: Section,
        index: Option<usize>,
    ) -> impl Iterator<Item = &(FieldPath, &'static Field, String)> {
        self.rows
            .iter()
            .filter(move |(p, _, _)| p.section == section && p.index == index)
    }

    /// The field that says what an item is: a cause's summary (or what
    /// happened), an action's action, a measure's measure, a metric's name.
    fn main_text(&self, section: Section, index: usize) -> String {
        [
            "summary", "what", "action", "measure", "title", "name", "kind",
        ]
        .iter()
        .find_map(|key| {
            self.item(section, Some(index))
                .find(|(_, f, t)| f.key == *key && !t.is_empty())
                .map(|(_, _, t)| t.clone())
        })
        .unwrap_or_default()
    }

    /// An item's id, for the sections whose items have one.
    fn id(&self, section: Section, i: usize) -> Option<&str> {
        match section {
            Section::RootCauses => self.case.root_causes.get(i).map(|r| r.id.as_str()),
            Section::Evidence => self.case.evidence.get(i).map(|e| e.id.as_str()),
            _ => None,
        }
        .filter(|s| !s.trim().is_empty())
    }
}

/// The old item each new item is, if any: by id for causes and evidence,
/// else the same text first, then the most alike (the words of the
/// project's word measure, `text::overlap`, at least a third in common).
fn match_items(old: &Fields, new: &Fields, section: Section) -> Vec<Option<usize>> {
    let (n_old, n_new) = (old.case.item_count(section), new.case.item_count(section));
    let mut taken = vec![false; n_old];
    let mut out = vec![None; n_new];
    if matches!(section, Section::RootCauses | Section::Evidence) {
        for (j, slot) in out.iter_mut().enumerate() {
            let Some(want) = new.id(section, j) else {
                continue;
            };
            if let Some(i) = (0..n_old).find(|&i| !taken[i] && old.id(section, i) == Some(want)) {
                taken[i] = true;
                *slot = Some(i);
            }
        }
        return out;
    }
    let old_text: Vec<String> = (0..n_old).map(|i| old.main_text(section, i)).collect();
    let new_text: Vec<String> = (0..n_new).map(|j| new.main_text(section, j)).collect();
    // The same text first, wherever it moved.
    for (j, slot) in out.iter_mut().enumerate() {
        if let Some(i) = (0..n_old).find(|&i| !taken[i] && old_text[i] == new_text[j]) {
            taken[i] = true;
            *slot = Some(i);
        }
    }
    // Then each new item to the most alike old one left.
    let old_words: Vec<Vec<u64>> = old_text.iter().map(|t| content_words(t)).collect();
    for j in 0..n_new {
        if out[j].is_some() {
            continue;
        }
        let words = content_words(&new_text[j]);
        let best = (0..n_old)
            .filter(|&i| !taken[i])
            .map(|i| (i, overlap(&old_words[i], &words)))
            .filter(|(_, l)| *l >= 1.0 / 3.0)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((i, _)) = best {
            taken[i] = true;
            out[j] = Some(i);
        }
    }
    out
}

/// Everything that changed from `old` to `new`, in the order of the case.
pub fn diff(old: &Case, new: &Case, lang: Lang) -> Vec<Change> {
    let (old, new) = (Fields::of(old), Fields::of(new));
    let mut out = Vec::new();
    let whole = |kind, section: Section, i, text| {
        let (old, new) = match kind {
            Kind::Removed => (Some(text), None),
            _ => (None, Some(text)),
        };
        Change {
            kind,
            section,
            item: Some(i),
            key: None,
            field: None,
            place: format!("{} {}", section.item_title(lang), i + 1),
            old,
            new,
        }
    };
    for section in Section::ALL {
        if !section.is_list() {
            changed_fields(&old, &new, section, None, None, lang, &mut out);
            continue;
        }
        let matched = match_items(&old, &new, section);
        for (j, m) in matched.iter().enumerate() {
            match *m {
                Some(i) => changed_fields(&old, &new, section, Some(i), Some(j), lang, &mut out),
                None => out.push(whole(Kind::Added, section, j, new.main_text(section, j))),
            }
        }
        for i in (0..old.case.item_count(section)).filter(|i| !matched.contains(&Some(*i))) {
            out.push(whole(Kind::Removed, section, i, old.main_text(section, i)));
        }
    }
    out
}

/// The fields of old item `was` that new item `now` has with other text
/// (both `None` for a section that is not a list).
fn changed_fields(
    old: &Fields,
    new: &Fields,
    section: Section,
    was: Option<usize>,
    now: Option<usize>,
    lang: Lang,
    out: &mut Vec<Change>,
) {
    let owner = match now {
        Some(j) => format!("{} {}", section.item_title(lang), j + 1),
        None => section.item_title(lang).to_string(),
    };
    for ((_, f, a), (_, _, b)) in old.item(section, was).zip(new.item(section, now)) {
        if a != b {
            out.push(Change {
                kind: Kind::Changed,
                section,
                item: now,
                key: Some(f.key),
                field: Some(f),
                place: format!("{owner} · {}", f.label(lang)),
                old: (!a.is_empty()).then(|| a.clone()),
                new: (!b.is_empty()).then(|| b.clone()),
            });
        }
    }
}

/// What a second letter says is new, one line a change of the letter's
/// own sections (causes, actions, measures, explanation, evidence), for
/// the reader at Amazon: "Root cause 1 (Our label rule …): rewrote why it
/// happened and how". Removals and the seller's details are not news.
pub fn news(changes: &[Change], new: &Case) -> Vec<String> {
    let table = Fields::of(new);
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
                let what = short(&table.main_text(c.section, j));
                out.push(format!(
                    "A new {}: {what}",
                    c.section.item_title(Lang::En).to_lowercase()
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
                    .or_else(|| c.field.map(|f| f.label(Lang::En).to_string()))
                    .unwrap_or_default()
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
            let what = short(&table.main_text(section, j));
            format!(
                "{} {} ({what}): revised {}",
                section.item_title(Lang::En),
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
