//! Field paths: how a finding, the editor and `check --fix` name one field
//! of a case (`root_causes[0].why`, `notice.asks[1]`, `explanation`). The
//! keys a path may hold are the keys of the field table (`schema.rs`).

use std::fmt;
use std::str::FromStr;

use super::schema::{self, Field};

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

    /// The name in Simplified Chinese, as the editor's steps call it.
    pub fn title_zh(self) -> &'static str {
        match self {
            Section::Seller => "卖家信息",
            Section::Notice => "通知",
            Section::Metrics => "指标数据",
            Section::RootCauses => "根本原因",
            Section::CorrectiveActions => "纠正措施",
            Section::PreventiveMeasures => "预防措施",
            Section::Explanation => "申诉说明",
            Section::Evidence => "证明文件",
            Section::Closing => "结尾段落",
            Section::Dated => "申诉信日期",
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

    /// One item of a list section, as a writer names it: "Root cause",
    /// "纠正措施"; the section's own name for the others.
    pub fn item_title(self, lang: crate::playbook::Lang) -> &'static str {
        let zh = lang == crate::playbook::Lang::Zh;
        match self {
            Section::Metrics if !zh => "Metric",
            Section::RootCauses if !zh => "Root cause",
            Section::CorrectiveActions if !zh => "Corrective action",
            Section::PreventiveMeasures if !zh => "Preventive measure",
            Section::Metrics => "指标",
            s if zh => s.title_zh(),
            s => s.title(),
        }
    }

    fn from_key(key: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Every section, in the order of the case file.
    pub const ALL: [Section; 10] = [
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
}

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

    /// The field of the table this path names.
    pub fn field(&self) -> Option<&'static Field> {
        schema::of_path(self)
    }

    /// True for the texts the writer composes as prose for the letter, which
    /// the tone and policy rules read. Names, ids and the notice are not.
    pub fn is_prose(&self) -> bool {
        self.field().is_some_and(|f| f.role.is_prose())
    }

    /// True for the texts the letter prints: all but the notice's own text
    /// and its reference, which the writer keeps for themselves, and the
    /// ids of its violation and answer (the letter prints their titles).
    pub fn in_letter(&self) -> bool {
        !(self.section == Section::Notice
            && matches!(self.key, "text" | "reference" | "violation" | "response"))
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
            (schema::field(section, k).ok_or_else(bad)?.key, sub)
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
}
