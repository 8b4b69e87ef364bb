//! What the rules read: a document made of fields, each with its place and
//! its role in the letter, from a case file or from a draft written
//! elsewhere. Rules never look at the YAML or the draft's raw lines.

use std::fmt;

use serde::Deserialize;

use super::draft::{Draft, LineKind, SectionKind};
use super::sense;
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
        SectionKind::Plan => Role::Action,
    }
}

/// The role of a draft's line: its section's, unless what the line is or
/// says decides ("Dear Amazon" is no root cause; a plan under "Plan of
/// action" is a measure, a done thing an action; a standing rule among
/// the corrective actions is a measure).
fn role_of_line(kind: LineKind, section: SectionKind, text: &str) -> Role {
    match kind {
        LineKind::Heading => Role::Heading,
        LineKind::Reference | LineKind::Info => Role::Data,
        LineKind::Attachment => Role::Evidence,
        LineKind::Salutation | LineKind::Closing => Role::Closing,
        LineKind::Blank | LineKind::LeadIn | LineKind::Text => {
            let role = of_section(section);
            if kind == LineKind::Text
                && matches!(section, SectionKind::Plan | SectionKind::Corrective)
            {
                let m = sense::mood(text);
                let rule_only = m.rule && m.plan.is_none() && !m.imperative;
                // Under "Plan of action", a plan with a role and a rhythm is a
                // measure; a bare "we will" or to-do stays an action that is
                // not done (C010).
                let measure = section == SectionKind::Plan
                    && (m.plan.is_some() || m.imperative)
                    && (sense::names_owner(text) || sense::names_cadence(text));
                if !m.done && (rule_only || measure) {
                    return Role::Measure;
                }
            }
            role
        }
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
    /// What the line is, in a draft; `Text` for a case's fields.
    pub kind: LineKind,
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
                kind: LineKind::Text,
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
                role: role_of_line(l.kind, l.section, l.text),
                text: l.text,
                kind: l.kind,
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

    /// A statement the writer composed: prose that is not a heading, a
    /// lead-in, an attachment line, a greeting or a closing.
    pub fn statements(&self) -> impl Iterator<Item = &Field<'a>> {
        self.fields
            .iter()
            .filter(|f| f.role.is_prose() && f.kind == LineKind::Text)
    }

    pub fn is_dispute(&self) -> bool {
        self.case.is_some_and(Case::is_dispute)
    }
}
