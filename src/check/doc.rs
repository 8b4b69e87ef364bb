//! What the rules read: a document made of fields, each with its place and
//! its role in the letter, from a case file or from a draft written
//! elsewhere. Rules never look at the YAML or the draft's raw lines.

use std::fmt;

use serde::Deserialize;

use super::draft::{Draft, SectionKind};
use crate::case::{Case, FieldPath, Section};
use crate::playbook::{self, Playbook};

/// Where a phrase rule counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Every text the writer composes for the letter.
    Prose,
    /// Root causes only.
    Causes,
    /// Corrective actions only.
    Actions,
    /// Corrective actions and preventive measures.
    Plan,
    /// Prose outside the root causes.
    NotCauses,
}

/// What a text is in the letter: the field table's roles.
pub use crate::case::schema::Role;

/// Does a phrase of `scope` count in a text of this role?
pub fn in_scope(role: Role, scope: Scope) -> bool {
    role.is_prose()
        && match scope {
            Scope::Prose => true,
            Scope::Causes => role == Role::Cause,
            Scope::Actions => role == Role::Action,
            Scope::Plan => matches!(role, Role::Action | Role::Measure),
            Scope::NotCauses => role != Role::Cause,
        }
}

/// The role of a draft's lines under a section of this kind.
fn of_section(kind: SectionKind) -> Role {
    match kind {
        SectionKind::Intro => Role::Intro,
        SectionKind::RootCause => Role::Cause,
        SectionKind::Corrective => Role::Action,
        SectionKind::Preventive => Role::Measure,
        SectionKind::Evidence => Role::Evidence,
        SectionKind::Explanation => Role::Explanation,
        SectionKind::Closing => Role::Closing,
    }
}

/// The place a finding points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldId {
    Case(FieldPath),
    /// A whole part of a case (a list that is empty, a section too long).
    Section(Section),
    /// A line of a draft, 1-based.
    Line(usize),
    Document,
}

impl fmt::Display for FieldId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldId::Case(p) => p.fmt(f),
            FieldId::Section(s) => f.write_str(s.key()),
            FieldId::Line(n) => write!(f, "line:{n}"),
            FieldId::Document => f.write_str("document"),
        }
    }
}

/// One text of the document.
#[derive(Debug, Clone, Copy)]
pub struct Field<'a> {
    pub id: FieldId,
    pub role: Role,
    pub text: &'a str,
    /// The item it belongs to: the root cause, action or measure index in a
    /// case, the item number inside its section in a draft.
    pub item: Option<usize>,
}

/// A document to check.
pub struct Doc<'a> {
    pub fields: Vec<Field<'a>>,
    pub case: Option<&'a Case>,
    pub draft: Option<&'a Draft<'a>>,
    pub playbook: Option<&'static Playbook>,
}

impl<'a> Doc<'a> {
    pub fn from_case(case: &'a Case) -> Doc<'a> {
        let fields = case
            .text_fields()
            .into_iter()
            .map(|f| Field {
                id: FieldId::Case(f.path),
                role: f.field.role,
                text: f.text,
                item: f.path.index,
            })
            .collect();
        Doc {
            fields,
            case: Some(case),
            draft: None,
            playbook: playbook::get(&case.notice.violation),
        }
    }

    pub fn from_draft(draft: &'a Draft<'a>) -> Doc<'a> {
        let fields = draft
            .lines
            .iter()
            .filter(|l| !l.text.trim().is_empty())
            .map(|l| Field {
                id: FieldId::Line(l.n),
                role: if l.heading {
                    Role::Heading
                } else {
                    of_section(l.section)
                },
                text: l.text,
                item: l.item,
            })
            .collect();
        Doc {
            fields,
            case: None,
            draft: Some(draft),
            playbook: draft.violation.and_then(playbook::get),
        }
    }

    /// The fields the writer composed as prose.
    pub fn prose(&self) -> impl Iterator<Item = &Field<'a>> {
        self.fields.iter().filter(|f| f.role.is_prose())
    }

    pub fn is_dispute(&self) -> bool {
        self.case.is_some_and(Case::is_dispute)
    }
}
