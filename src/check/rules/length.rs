//! The letter's form: its length, each section against the appeal form's
//! box, and the characters its PDF cannot print.

use crate::case::Section;
use crate::check::doc::FieldId;
use crate::check::{Cx, Finding, Meta, Rule};
use crate::layout::font;

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

/// L003: a character the PDF's fonts cannot print (a Chinese name, the
/// full-width punctuation a pinyin keyboard types, an emoji). The PDF prints
/// full-width punctuation in its English form and the rest as "?"; the fix
/// gives the English marks in the case itself. A sentence in another
/// language is P003's, not this rule's.
pub struct Unprintable;

impl Rule for Unprintable {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        if cx.doc.case.is_none() {
            return;
        }
        for (i, f) in cx.doc.fields.iter().enumerate() {
            if f.text.is_ascii() || !matches!(f.id, FieldId::Case(p) if p.in_letter()) {
                continue;
            }
            // A prose field, sentence by sentence; any other as one.
            let whole = 0..f.text.len();
            let parts: &[std::ops::Range<usize>] = if f.role.is_prose() {
                &cx.sentences[i]
            } else {
                std::slice::from_ref(&whole)
            };
            // With a Chinese font on this computer, its letters print.
            let printable =
                |c: char| font::printable(c) || (cx.settings.cjk_font && font::is_cjk(c));
            for r in parts {
                let s = &f.text[r.clone()];
                if s.chars().all(printable) || (f.role.is_prose() && super::policy::not_english(s))
                {
                    continue;
                }
                let bad: Vec<(usize, char)> = s
                    .char_indices()
                    .filter(|(_, c)| !printable(*c))
                    .map(|(at, c)| (r.start + at, c))
                    .collect();
                let (Some(first), Some(last)) = (bad.first(), bad.last()) else {
                    continue;
                };
                let (start, end) = (first.0, last.0 + last.1.len_utf8());
                let marks = bad.iter().any(|(_, c)| font::ascii_form(*c).is_some());
                let lost: String = bad
                    .iter()
                    .map(|(_, c)| *c)
                    .filter(|c| font::ascii_form(*c).is_none())
                    .collect();
                let message = if lost.is_empty() {
                    "This is full-width punctuation from a Chinese keyboard. The PDF has no such marks and prints English ones in their place; write the English marks (, . : ( )) so every copy of the letter reads the same.".to_string()
                } else {
                    format!(
                        "Amazon reads the letter in English, and {} may not print: the PDF shows Chinese, Japanese or Korean letters only with such a font on the computer that makes it, and emoji never (they come out as \"?\"). Write names in Latin letters (pinyin), as on your business registration.",
                        crate::check::text::shorten(&lost, 20)
                    )
                };
                let mut finding = Finding::span(me, f, start, end, message);
                if marks {
                    let before = f.text[..start].chars().next_back();
                    let after = f.text[end..].chars().next();
                    finding = finding.with_fix(font::ascii_punctuation(
                        &f.text[start..end],
                        before,
                        after,
                    ));
                }
                out.push(finding);
            }
        }
    }
}
