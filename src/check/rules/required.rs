//! The parts every appeal must have: the required fields (C001) and each
//! root cause's what, when, where, who, why and how (C002).

use super::at;
use super::missing;
use crate::case::schema::{self, Required};
use crate::case::{Case, Section, Value};
use crate::check::doc::FieldId;
use crate::check::draft::SectionKind;
use crate::check::{Cx, Finding, Meta, Rule};
use crate::playbook;

/// C001: a required field is empty, or a list that needs an item has none.
pub struct MissingRequired;

impl Rule for MissingRequired {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        if let Some(case) = cx.doc.case {
            case_required(me, case, cx, out);
        } else if let Some(draft) = cx.doc.draft {
            if !draft.has_structure() {
                return;
            }
            for (kind, what) in [
                (
                    SectionKind::RootCause,
                    "the root cause (what went wrong and why)",
                ),
                (
                    SectionKind::Corrective,
                    "the corrective actions already taken",
                ),
                (
                    SectionKind::Preventive,
                    "the preventive measures (what stops it happening again)",
                ),
            ] {
                if !draft.has(kind) {
                    out.push(missing(me,
                        FieldId::Document,
                        format!(
                            "The draft has no section for {what}. Amazon asks for it in every plan: add a heading \"{}\" and the section under it.",
                            kind.title()
                        ),
                    ));
                }
            }
        }
    }
}

fn case_required(me: &Meta, case: &Case, cx: &Cx, out: &mut Vec<Finding>) {
    // The texts every case needs (the notice date has its own message below).
    for f in schema::FIELDS
        .iter()
        .filter(|f| f.required == Required::Always && !f.section.is_list())
    {
        let path = f.path(0);
        if let Some(Value::Text(value)) = case.get(&path)
            && value.trim().is_empty()
        {
            out.push(missing(
                me,
                FieldId::Case(path),
                format!("This is empty. Write {}.", f.want),
            ));
        }
    }
    let v = case.notice.violation.trim();
    if !v.is_empty() && playbook::get(v).is_none() {
        let mut finding = Finding::whole(
            me,
            at("notice.violation"),
            v,
            format!("`{v}` is {}.", playbook::unknown_violation(v)),
        );
        // The likely id is the fix: the whole field is replaced.
        if let Some(id) = playbook::closest(v) {
            let text = case.notice.violation.as_str();
            let start = text.len() - text.trim_start().len();
            finding.start = Some(start);
            finding.end = Some(start + v.len());
            finding = finding.with_fix(id.to_string());
        }
        out.push(finding);
    }
    if case.notice.received.is_none() {
        let id = at("notice.received");
        let FieldId::Case(path) = &id else {
            unreachable!("a case path")
        };
        let message = cx.settings.not_a_date_yet(path, cx.today).unwrap_or_else(|| {
            "The date the notice arrived is empty. Write it as YYYY-MM-DD: it sets the 17-day deadline.".into()
        });
        out.push(missing(me, id, message));
    }
    let nonempty = |items: usize| items > 0;
    if case.is_dispute() {
        if case.explanation.trim().is_empty() {
            out.push(missing(me,
                FieldId::Case(crate::case::FieldPath::top(Section::Explanation)),
                "A dispute needs its explanation: why the account did not break the policy, pointing to the evidence.".into(),
            ));
        }
        if !nonempty(case.evidence.len()) {
            out.push(missing(me,
                FieldId::Section(Section::Evidence),
                "A dispute needs evidence. List the documents that show the account followed the policy.".into(),
            ));
        }
    } else {
        for (section, count, what) in [
            (
                Section::RootCauses,
                case.root_causes
                    .iter()
                    .filter(|r| {
                        !r.summary.trim().is_empty()
                            || !r.why.trim().is_empty()
                            || !r.what.trim().is_empty()
                    })
                    .count(),
                "at least one root cause",
            ),
            (
                Section::CorrectiveActions,
                case.corrective_actions
                    .iter()
                    .filter(|a| !a.action.trim().is_empty())
                    .count(),
                "at least one corrective action already taken",
            ),
            (
                Section::PreventiveMeasures,
                case.preventive_measures
                    .iter()
                    .filter(|m| !m.measure.trim().is_empty())
                    .count(),
                "at least one preventive measure",
            ),
        ] {
            if !nonempty(count) {
                out.push(missing(
                    me,
                    FieldId::Section(section),
                    format!(
                        "{} is empty. A plan of action needs {what}.",
                        section.title()
                    ),
                ));
            }
        }
    }
}

/// C002: a root cause leaves one of what/when/where/who/why/how empty.
pub struct IncompleteFiveWhys;

impl Rule for IncompleteFiveWhys {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let Some(case) = cx.doc.case else { return };
        if case.is_dispute() {
            return;
        }
        let five_w: Vec<_> = schema::of_section(Section::RootCauses)
            .filter(|f| f.required == Required::Plan)
            .collect();
        for i in 0..case.root_causes.len() {
            for f in &five_w {
                let path = f.path(i);
                if case.text(&path).is_some_and(|t| t.trim().is_empty()) {
                    out.push(missing(
                        me,
                        FieldId::Case(path),
                        format!(
                            "Root cause {} does not say {}. Answer it in one or two sentences.",
                            i + 1,
                            f.want
                        ),
                    ));
                }
            }
        }
    }
}
