//! Facts in the prose: a section with no count, date or id (C014), and a
//! suggestion's placeholder still in the text (C015).

use super::missing;
use crate::case::Section;
use crate::check::doc::{FieldId, Role};
use crate::check::draft::SectionKind;
use crate::check::text::{has_concrete_data, shorten, word_count};
use crate::check::{Cx, Finding, Meta, Rule};
use crate::playbook;

/// C014: a section with no concrete data.
pub struct NoConcreteData;

impl Rule for NoConcreteData {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let message = |title: &str| {
            format!(
                "The {} section has no number, date, rate, ASIN or order id. Add the facts a reviewer can check: how many, which ones, when.",
                title.to_lowercase()
            )
        };
        if let Some(case) = cx.doc.case {
            let sections: [(Section, Vec<&str>, bool); 4] = [
                (
                    Section::RootCauses,
                    cx.doc
                        .fields
                        .iter()
                        .filter(|f| f.role == Role::Cause)
                        .map(|f| f.text)
                        .collect(),
                    false,
                ),
                (
                    Section::CorrectiveActions,
                    case.corrective_actions
                        .iter()
                        .map(|a| a.action.as_str())
                        .collect(),
                    case.corrective_actions.iter().any(|a| a.done_on.is_some()),
                ),
                (
                    Section::PreventiveMeasures,
                    case.preventive_measures
                        .iter()
                        .flat_map(|m| [m.measure.as_str(), m.cadence.as_str()])
                        .collect(),
                    case.preventive_measures
                        .iter()
                        .any(|m| m.starts_on.is_some()),
                ),
                (Section::Explanation, vec![case.explanation.as_str()], false),
            ];
            for (section, texts, dated) in sections {
                if dated || texts.iter().any(|t| has_concrete_data(t)) {
                    continue;
                }
                let words: usize = texts.iter().map(|t| word_count(t)).sum();
                if words >= 8 && !dated && !texts.iter().any(|t| has_concrete_data(t)) {
                    out.push(missing(
                        me,
                        FieldId::Section(section),
                        message(section.title()),
                    ));
                }
            }
        } else if let Some(draft) = cx.doc.draft {
            let mut bare = Vec::new();
            let mut any_data = false;
            for (kind, line) in &draft.sections {
                if !matches!(
                    kind,
                    SectionKind::RootCause
                        | SectionKind::Corrective
                        | SectionKind::Preventive
                        | SectionKind::Explanation
                        | SectionKind::Plan
                ) {
                    continue;
                }
                let body: Vec<&str> = draft
                    .lines
                    .iter()
                    .filter(|l| !l.heading && l.section == *kind)
                    .map(|l| l.text)
                    .collect();
                let words: usize = body.iter().map(|t| word_count(t)).sum();
                if body.iter().any(|t| line_data(t)) {
                    any_data = true;
                } else if words >= 8 {
                    bare.push((*kind, *line, body.first().copied().unwrap_or("")));
                }
            }
            let anywhere = draft.lines.iter().any(|l| line_data(l.text));
            if !any_data && !anywhere && !bare.is_empty() {
                // A letter with no figure anywhere reads as a template: one
                // finding for the letter, not one per section.
                out.push(missing(
                    me,
                    FieldId::Document,
                    "The letter has no number, date, rate, ASIN or order id anywhere, so it reads as a template. Add the facts a reviewer can check: the metric, how many orders, which ASINs, the day each action was done.".into(),
                ));
                return;
            }
            for (kind, line, first) in bare {
                out.push(Finding::whole(
                    me,
                    FieldId::Line(line),
                    &shorten(first, 60),
                    message(kind.title()),
                ));
            }
        }
    }
}

/// Does a draft's line hold data, its list number ("1.", "(2)", "3)") aside?
fn line_data(line: &str) -> bool {
    let t = line
        .trim_start()
        .trim_start_matches(['(', '-', '*', '•', ' ']);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let body = if digits > 0 && digits <= 2 && t[digits..].starts_with(['.', ')']) {
        &t[digits + 1..]
    } else {
        t
    };
    has_concrete_data(body)
}

/// C015: a placeholder from a suggestion that is still in the text.
pub struct PlaceholderLeft;

impl Rule for PlaceholderLeft {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        for f in cx
            .doc
            .fields
            .iter()
            .filter(|f| f.role.is_prose() || f.role == Role::Data)
        {
            for r in playbook::placeholders(f.text) {
                let name = &f.text[r.start + 1..r.end - 1];
                out.push(Finding::span(
                    me,
                    f,
                    r.start,
                    r.end,
                    format!("Replace the placeholder {{{name}}} with the real {name}."),
                ));
            }
            // A template's own blanks: "XXX store", "[STORE NAME]", "____",
            // "(name)".
            for m in template_blank().find_iter(f.text) {
                if f.text[m.end()..].starts_with('(') {
                    continue; // a Markdown link: [text](address)
                }
                out.push(Finding::span(
                    me,
                    f,
                    m.start(),
                    m.end(),
                    format!(
                        "\"{}\" is a blank of a template that was never filled in. Write the real fact here (the name, the number, the date), or delete the sentence.",
                        m.as_str()
                    ),
                ));
            }
        }
    }
}

/// A template's blank, as sellers receive templates.
pub(super) fn template_blank() -> &'static regex::Regex {
    unicode!(
        r"\[(?:[A-Za-z][A-Za-z /'-]{1,30}|\.{3}|…)\]|【[^】\n]{1,20}】|\bX{2,}\b|_{3,}|\((?i:name|date|number|amount|store|store name|asin|order id|your name|company name|xx+)\)|\b(?:xxx+)\b"
    )
}
