//! Every rule, one small type per code, in one registry sorted by code.

mod completeness;
mod dates;
mod evidence;
mod length;
mod phrase;
mod policy;
mod tone;

use super::catalog::severity;
use super::doc::{Field, FieldId};
use super::phrases::Hit;
use super::text::match_case;
use super::{Cx, Finding, Rule};
use crate::case::{FieldPath, Section};

/// The rules, sorted by code.
pub fn registry() -> &'static [&'static dyn Rule] {
    use phrase::PhraseRule as P;
    static RULES: [&dyn Rule; 48] = [
        &completeness::MissingRequired,
        &completeness::IncompleteFiveWhys,
        &completeness::TooShort,
        &completeness::ActionWithoutDateOrOwner,
        &completeness::MeasureWithoutOwnerStartOrCadence,
        &evidence::RequiredEvidenceMissing,
        &evidence::EvidenceMismatch,
        &completeness::FewerThanPlaybookMinimum,
        &completeness::MeasureRepeatsAction,
        &P("C010"),
        &completeness::UnansweredRootCause,
        &completeness::NoticeItemNotAddressed,
        &P("C013"),
        &completeness::NoConcreteData,
        &completeness::PlaceholderLeft,
        &dates::FutureDate,
        &dates::ImpossibleMetric,
        &dates::MetricWithinTarget,
        &dates::MalformedIdentifier,
        &evidence::EvidenceOutsideWindow,
        &dates::NoticeOutOfWindow,
        &dates::InconsistentDate,
        &length::DocumentTooLong,
        &length::SectionTooLong,
        &policy::ExternalContact,
        &P("P002"),
        &policy::NotEnglish,
        &P("P004"),
        &policy::QuestionToAmazon,
        &P("P006"),
        &P("T001"),
        &P("T002"),
        &P("T003"),
        &P("T004"),
        &P("T005"),
        &P("T006"),
        &P("T007"),
        &tone::ExclamationOrShouting,
        &tone::RepeatedApology,
        &P("T010"),
        &P("T011"),
        &P("T012"),
        &tone::BareDenial,
        &tone::FirstPersonSingular,
        &tone::PassiveHidesActor,
        &tone::LongSentence,
        &P("T017"),
        &P("T018"),
    ];
    &RULES
}

/// The phrase hits of `code` in the fields where they count.
pub(super) fn hits<'c>(
    cx: &'c Cx,
    code: &'static str,
) -> impl Iterator<Item = (&'c Field<'c>, &'c Hit)> {
    cx.doc
        .fields
        .iter()
        .zip(cx.hits.iter())
        .flat_map(move |(f, hs)| {
            hs.iter()
                .filter(move |h| h.code == code && f.role.in_scope(h.scope))
                .map(move |h| (f, h))
        })
}

/// The findings of a phrase code's hits, with the code's message.
pub(super) fn phrase_findings(cx: &Cx, code: &'static str, out: &mut Vec<Finding>) {
    let sev = severity(code);
    for (field, hit) in hits(cx, code) {
        let matched = &field.text[hit.start..hit.end];
        let fix = hit.fix.as_deref().map(|f| match_case(matched, f));
        let message = cx
            .phrases
            .say(code)
            .unwrap_or("Rewrite this phrase.")
            .replace("{match}", matched)
            .replace("{fix}", &format!("\"{}\"", fix.as_deref().unwrap_or("")));
        let mut finding = Finding::span(code, sev, field, hit.start, hit.end, message);
        if let Some(fix) = fix {
            finding = finding.with_fix(fix);
        }
        out.push(finding);
    }
}

/// A place in a case by its path text.
pub(super) fn at(path: &str) -> FieldId {
    FieldId::Case(path.parse::<FieldPath>().expect("a valid path"))
}

pub(super) fn item_at(section: Section, index: usize, key: &'static str) -> FieldId {
    FieldId::Case(FieldPath::item(section, index, key))
}
