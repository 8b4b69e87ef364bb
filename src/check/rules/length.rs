//! Length: the whole letter, and each section against the appeal form's box.

use crate::case::Section;
use crate::check::doc::FieldId;
use crate::check::{Cx, Finding, Meta, Rule};

/// L001: a document longer than the recommended length.
pub struct DocumentTooLong;

impl Rule for DocumentTooLong {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let words: usize = cx.words.iter().sum();
        let max = cx.settings.max_words;
        if words > max {
            out.push(Finding::whole(

                me,
                FieldId::Document,
                "",
                format!(
                    "The letter has about {words} words; aim for {max} or fewer. Reviewers spend a few minutes on an appeal: cut repetition and move detail into attached documents."
                ),
            ));
        }
    }
}

/// What the form adds to an action or measure: its number, date, labels.
const ITEM_OVERHEAD: usize = 50;

/// L002: a section longer than the appeal form's field.
pub struct SectionTooLong;

impl Rule for SectionTooLong {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let max = cx.settings.max_section_chars;
        let mut sections: Vec<(FieldId, &'static str, usize)> = Vec::new();
        if let Some(case) = cx.doc.case {
            // As the appeal form's text shows them: root causes with their
            // labels, actions and measures with their dates and owners.
            let chars = |s: &str| s.chars().count();
            let causes: usize = case
                .root_causes
                .iter()
                .enumerate()
                .map(|(i, r)| chars(&r.form_text(i + 1)) + 2)
                .sum();
            let actions: usize = case
                .corrective_actions
                .iter()
                .map(|a| chars(&a.action) + chars(&a.owner) + ITEM_OVERHEAD)
                .sum();
            let measures: usize = case
                .preventive_measures
                .iter()
                .map(|m| chars(&m.measure) + chars(&m.owner) + chars(&m.cadence) + ITEM_OVERHEAD)
                .sum();
            for (section, n) in [
                (Section::RootCauses, causes),
                (Section::CorrectiveActions, actions),
                (Section::PreventiveMeasures, measures),
                (Section::Explanation, chars(&case.explanation)),
            ] {
                sections.push((FieldId::Section(section), section.title(), n));
            }
        } else if let Some(draft) = cx.doc.draft {
            for (kind, line) in &draft.sections {
                let chars: usize = draft
                    .lines
                    .iter()
                    .filter(|l| !l.heading && l.section == *kind)
                    .map(|l| l.text.chars().count() + 1)
                    .sum();
                sections.push((FieldId::Line(*line), kind.title(), chars));
            }
        }
        for (id, title, chars) in sections {
            if chars > max {
                out.push(Finding::whole(

                    me,
                    id,
                    "",
                    format!(
                        "The {} section has about {chars} characters, more than the {max} an appeal form box usually takes. Shorten it, or move detail into an attached document.",
                        title.to_lowercase()
                    ),
                ));
            }
        }
    }
}
