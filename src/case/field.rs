//! Field paths: how a finding, the editor and `check --fix` name one text of
//! a case (`root_causes[0].why`, `notice.asks[1]`, `explanation`).

use std::fmt;
use std::str::FromStr;

use super::Case;

/// The parts of a case, in the order of the letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Seller,
    Notice,
    Metrics,
    RootCauses,
    CorrectiveActions,
    PreventiveMeasures,
    Explanation,
    Evidence,
    Closing,
    /// The date the letter carries (`dated`).
    Dated,
}

impl Section {
    /// The key of this section in the case file.
    pub fn key(self) -> &'static str {
        match self {
            Section::Seller => "seller",
            Section::Notice => "notice",
            Section::Metrics => "metrics",
            Section::RootCauses => "root_causes",
            Section::CorrectiveActions => "corrective_actions",
            Section::PreventiveMeasures => "preventive_measures",
            Section::Explanation => "explanation",
            Section::Evidence => "evidence",
            Section::Closing => "closing",
            Section::Dated => "dated",
        }
    }

    /// A name for people: "Root causes".
    pub fn title(self) -> &'static str {
        match self {
            Section::Seller => "Seller",
            Section::Notice => "Notice",
            Section::Metrics => "Metrics",
            Section::RootCauses => "Root causes",
            Section::CorrectiveActions => "Corrective actions",
            Section::PreventiveMeasures => "Preventive measures",
            Section::Explanation => "Explanation",
            Section::Evidence => "Evidence",
            Section::Closing => "Closing",
            Section::Dated => "Date of the letter",
        }
    }

    /// True for the sections that hold a list of items.
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Section::Metrics
                | Section::RootCauses
                | Section::CorrectiveActions
                | Section::PreventiveMeasures
                | Section::Evidence
        )
    }

    fn from_key(key: &str) -> Option<Section> {
        ALL_SECTIONS.into_iter().find(|s| s.key() == key)
    }
}

const ALL_SECTIONS: [Section; 10] = [
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

/// The keys a text field can have, so that a path is `Copy`.
const KEYS: [&str; 39] = [
    "legal_name",
    "store_name",
    "merchant_token",
    "marketplace",
    "contact_name",
    "contact_role",
    "violation",
    "reference",
    "asins",
    "orders",
    "asks",
    "text",
    "summary",
    "what",
    "when",
    "where",
    "who",
    "why",
    "how",
    "action",
    "owner",
    "measure",
    "cadence",
    "title",
    "response",
    "received",
    "deadline",
    "metric",
    "count",
    "total",
    "window_days",
    "done_on",
    "starts_on",
    "causes",
    "evidence",
    "id",
    "kind",
    "date",
    "file",
];

/// Which part of an item: the key inside a section (`why`), empty for a
/// section that is one text (`explanation`).
pub type Part = &'static str;

/// One text field of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldPath {
    pub section: Section,
    /// The item, for list sections.
    pub index: Option<usize>,
    pub key: Part,
    /// The entry, for list keys such as `notice.asks`.
    pub sub: Option<usize>,
}

impl FieldPath {
    pub fn top(section: Section) -> FieldPath {
        FieldPath {
            section,
            index: None,
            key: "",
            sub: None,
        }
    }

    pub fn key(section: Section, key: Part) -> FieldPath {
        FieldPath {
            section,
            index: None,
            key,
            sub: None,
        }
    }

    pub fn item(section: Section, index: usize, key: Part) -> FieldPath {
        FieldPath {
            section,
            index: Some(index),
            key,
            sub: None,
        }
    }

    pub fn entry(section: Section, key: Part, sub: usize) -> FieldPath {
        FieldPath {
            section,
            index: None,
            key,
            sub: Some(sub),
        }
    }

    /// True for the texts the writer composes as prose for the letter, which
    /// the tone and policy rules read. Names, ids and the notice are not.
    pub fn is_prose(&self) -> bool {
        match self.section {
            Section::Seller | Section::Notice | Section::Metrics => false,
            Section::RootCauses | Section::Explanation | Section::Closing => true,
            Section::CorrectiveActions => self.key == "action",
            Section::PreventiveMeasures => matches!(self.key, "measure" | "cadence"),
            Section::Evidence => self.key == "title",
            Section::Dated => false,
        }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.section.key())?;
        if let Some(i) = self.index {
            write!(f, "[{i}]")?;
        }
        if !self.key.is_empty() {
            write!(f, ".{}", self.key)?;
        }
        if let Some(s) = self.sub {
            write!(f, "[{s}]")?;
        }
        Ok(())
    }
}

/// A text that is not a field path of a case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a field of a case (for example: root_causes[0].why)")]
pub struct BadPath(pub String);

impl FromStr for FieldPath {
    type Err = BadPath;

    fn from_str(s: &str) -> Result<FieldPath, BadPath> {
        let bad = || BadPath(s.to_string());
        let (head, rest) = s.split_once('.').unwrap_or((s, ""));
        let (name, index) = split_index(head).ok_or_else(bad)?;
        let section = Section::from_key(name).ok_or_else(bad)?;
        if section.is_list() != index.is_some() {
            return Err(bad());
        }
        let (key, sub) = if rest.is_empty() {
            ("", None)
        } else {
            let (k, sub) = split_index(rest).ok_or_else(bad)?;
            (*KEYS.iter().find(|x| **x == k).ok_or_else(bad)?, sub)
        };
        Ok(FieldPath {
            section,
            index,
            key,
            sub,
        })
    }
}

fn split_index(s: &str) -> Option<(&str, Option<usize>)> {
    match s.split_once('[') {
        None => Some((s, None)),
        Some((name, rest)) => {
            let n = rest.strip_suffix(']')?.parse().ok()?;
            Some((name, Some(n)))
        }
    }
}

/// A text of a case, borrowed, with its path.
#[derive(Debug, Clone, Copy)]
pub struct TextField<'a> {
    pub path: FieldPath,
    pub text: &'a str,
}

impl Case {
    /// Every text of the case, in the order of the letter.
    pub fn text_fields(&self) -> Vec<TextField<'_>> {
        use Section::*;
        let mut v = Vec::with_capacity(64);
        let s = &self.seller;
        for (key, text) in [
            ("legal_name", &s.legal_name),
            ("store_name", &s.store_name),
            ("merchant_token", &s.merchant_token),
            ("marketplace", &s.marketplace),
            ("contact_name", &s.contact_name),
            ("contact_role", &s.contact_role),
        ] {
            v.push(TextField {
                path: FieldPath::key(Seller, key),
                text,
            });
        }
        let n = &self.notice;
        v.push(TextField {
            path: FieldPath::key(Notice, "violation"),
            text: &n.violation,
        });
        v.push(TextField {
            path: FieldPath::key(Notice, "reference"),
            text: &n.reference,
        });
        for (key, list) in [
            ("asins", &n.asins),
            ("orders", &n.orders),
            ("asks", &n.asks),
        ] {
            for (i, text) in list.iter().enumerate() {
                v.push(TextField {
                    path: FieldPath::entry(Notice, key, i),
                    text,
                });
            }
        }
        v.push(TextField {
            path: FieldPath::key(Notice, "text"),
            text: &n.text,
        });
        for (i, m) in self.metrics.iter().enumerate() {
            v.push(TextField {
                path: FieldPath::item(Metrics, i, "metric"),
                text: &m.metric,
            });
        }
        for (i, r) in self.root_causes.iter().enumerate() {
            for (key, text) in [
                ("summary", &r.summary),
                ("what", &r.what),
                ("when", &r.when),
                ("where", &r.where_),
                ("who", &r.who),
                ("why", &r.why),
                ("how", &r.how),
            ] {
                v.push(TextField {
                    path: FieldPath::item(RootCauses, i, key),
                    text,
                });
            }
        }
        for (i, a) in self.corrective_actions.iter().enumerate() {
            v.push(TextField {
                path: FieldPath::item(CorrectiveActions, i, "action"),
                text: &a.action,
            });
            v.push(TextField {
                path: FieldPath::item(CorrectiveActions, i, "owner"),
                text: &a.owner,
            });
        }
        for (i, m) in self.preventive_measures.iter().enumerate() {
            for (key, text) in [
                ("measure", &m.measure),
                ("owner", &m.owner),
                ("cadence", &m.cadence),
            ] {
                v.push(TextField {
                    path: FieldPath::item(PreventiveMeasures, i, key),
                    text,
                });
            }
        }
        v.push(TextField {
            path: FieldPath::top(Explanation),
            text: &self.explanation,
        });
        for (i, e) in self.evidence.iter().enumerate() {
            v.push(TextField {
                path: FieldPath::item(Evidence, i, "title"),
                text: &e.title,
            });
        }
        v.push(TextField {
            path: FieldPath::top(Closing),
            text: &self.closing,
        });
        v
    }

    /// The text at `path`, if the case has that field.
    pub fn text(&self, path: &FieldPath) -> Option<&str> {
        self.text_fields()
            .into_iter()
            .find(|f| f.path == *path)
            .map(|f| f.text)
    }

    /// The text at `path` for writing, if the case has that field.
    pub fn text_mut(&mut self, path: &FieldPath) -> Option<&mut String> {
        use Section::*;
        let i = path.index;
        match (path.section, path.key) {
            (Seller, k) => {
                let s = &mut self.seller;
                Some(match k {
                    "legal_name" => &mut s.legal_name,
                    "store_name" => &mut s.store_name,
                    "merchant_token" => &mut s.merchant_token,
                    "marketplace" => &mut s.marketplace,
                    "contact_name" => &mut s.contact_name,
                    "contact_role" => &mut s.contact_role,
                    _ => return None,
                })
            }
            (Notice, k) => {
                let n = &mut self.notice;
                match (k, path.sub) {
                    ("violation", None) => Some(&mut n.violation),
                    ("reference", None) => Some(&mut n.reference),
                    ("text", None) => Some(&mut n.text),
                    ("asins", Some(j)) => n.asins.get_mut(j),
                    ("orders", Some(j)) => n.orders.get_mut(j),
                    ("asks", Some(j)) => n.asks.get_mut(j),
                    _ => None,
                }
            }
            (Metrics, "metric") => Some(&mut self.metrics.get_mut(i?)?.metric),
            (RootCauses, k) => {
                let r = self.root_causes.get_mut(i?)?;
                Some(match k {
                    "summary" => &mut r.summary,
                    "what" => &mut r.what,
                    "when" => &mut r.when,
                    "where" => &mut r.where_,
                    "who" => &mut r.who,
                    "why" => &mut r.why,
                    "how" => &mut r.how,
                    _ => return None,
                })
            }
            (CorrectiveActions, k) => {
                let a = self.corrective_actions.get_mut(i?)?;
                match k {
                    "action" => Some(&mut a.action),
                    "owner" => Some(&mut a.owner),
                    _ => None,
                }
            }
            (PreventiveMeasures, k) => {
                let m = self.preventive_measures.get_mut(i?)?;
                match k {
                    "measure" => Some(&mut m.measure),
                    "owner" => Some(&mut m.owner),
                    "cadence" => Some(&mut m.cadence),
                    _ => None,
                }
            }
            (Explanation, "") => Some(&mut self.explanation),
            (Evidence, "title") => Some(&mut self.evidence.get_mut(i?)?.title),
            (Closing, "") => Some(&mut self.closing),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_print_and_parse_back() {
        for text in [
            "root_causes[0].why",
            "notice.asks[2]",
            "explanation",
            "seller.merchant_token",
            "evidence[3].title",
            "preventive_measures[1].cadence",
        ] {
            let p: FieldPath = text.parse().unwrap();
            assert_eq!(p.to_string(), text);
        }
        assert!("root_causes.why".parse::<FieldPath>().is_err());
        assert!("explanation[0]".parse::<FieldPath>().is_err());
        assert!("root_causes[0].colour".parse::<FieldPath>().is_err());
    }

    #[test]
    fn every_listed_field_can_be_written() {
        let mut case = Case::new();
        case.root_causes.push(Default::default());
        case.corrective_actions.push(Default::default());
        case.preventive_measures.push(Default::default());
        case.evidence.push(Default::default());
        case.notice.asks.push("Q".into());
        let paths: Vec<FieldPath> = case.text_fields().iter().map(|f| f.path).collect();
        for p in paths {
            let text = case.text_mut(&p).unwrap_or_else(|| panic!("{p}"));
            text.push('x');
            assert_eq!(case.text(&p).map(|t| t.ends_with('x')), Some(true), "{p}");
        }
    }
}
