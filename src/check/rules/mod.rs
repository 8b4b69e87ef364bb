//! Every rule, one small type per code, in one registry sorted by code.

mod dates;
mod evidence;
mod facts;
mod grammar;
mod length;
mod notice;
mod phrase;
mod plan;
pub use plan::answers_the_notice;
mod policy;
mod reading;
mod required;
mod spelling;
mod tone;
mod topic;

use super::doc::{Field, FieldId, in_scope};
use super::phrases::Hit;
use super::text::match_case;
use super::{Cx, Finding, Meta, Registered, Rule, Severity};
use crate::case::{FieldPath, Section};

const fn registered(
    code: &'static str,
    severity: Severity,
    phrases: bool,
    rule: &'static dyn Rule,
) -> Registered {
    Registered {
        meta: Meta {
            code,
            severity,
            phrases,
        },
        rule,
    }
}

/// A rule whose findings are its own logic.
const fn rule(code: &'static str, severity: Severity, rule: &'static dyn Rule) -> Registered {
    registered(code, severity, false, rule)
}

/// A rule whose findings are its phrase list and nothing else.
const fn phrase(code: &'static str, severity: Severity) -> Registered {
    registered(code, severity, true, &phrase::PhraseRule)
}

/// A rule with its own logic that reads a phrase list as well.
const fn reads_phrases(
    code: &'static str,
    severity: Severity,
    rule: &'static dyn Rule,
) -> Registered {
    registered(code, severity, true, rule)
}

/// The rules, sorted by code: the one list of codes and severities.
pub(super) fn registry() -> &'static [Registered] {
    use Severity::{Error, Info, Warning};
    static RULES: &[Registered] = &[
        rule("C001", Error, &required::MissingRequired),
        rule("C002", Error, &required::IncompleteFiveWhys),
        rule("C003", Warning, &plan::TooShort),
        rule("C004", Error, &plan::ActionWithoutDateOrOwner),
        rule("C005", Warning, &plan::MeasureWithoutOwnerStartOrCadence),
        rule("C006", Error, &evidence::RequiredEvidenceMissing),
        rule("C007", Warning, &evidence::EvidenceMismatch),
        rule("C008", Warning, &plan::FewerThanPlaybookMinimum),
        rule("C009", Warning, &plan::MeasureRepeatsAction),
        reads_phrases("C010", Warning, &plan::ActionWrittenAsPlan),
        rule("C011", Warning, &plan::UnansweredRootCause),
        rule("C012", Warning, &notice::NoticeItemNotAddressed),
        reads_phrases("C013", Warning, &reading::ClicheRootCause),
        rule("C014", Warning, &facts::NoConcreteData),
        rule("C015", Error, &facts::PlaceholderLeft),
        rule("C016", Error, &reading::NotACause),
        rule("C017", Warning, &topic::AnswersNoCause),
        rule("C018", Error, &topic::WrongViolation),
        rule("C019", Warning, &plan::RepeatsRejectedText),
        rule("D001", Error, &dates::FutureDate),
        rule("D002", Error, &dates::ImpossibleMetric),
        rule("D003", Info, &dates::MetricWithinTarget),
        rule("D004", Error, &dates::MalformedIdentifier),
        rule("D005", Warning, &evidence::EvidenceOutsideWindow),
        rule("D006", Warning, &dates::NoticeOutOfWindow),
        rule("D007", Warning, &dates::InconsistentDate),
        rule("G001", Warning, &spelling::Misspelling),
        reads_phrases("G002", Warning, &grammar::SecondLanguageGrammar),
        phrase("G003", Warning),
        rule("L001", Warning, &length::DocumentTooLong),
        rule("L002", Warning, &length::SectionTooLong),
        rule("L003", Warning, &length::Unprintable),
        rule("P001", Error, &policy::ExternalContact),
        phrase("P002", Error),
        rule("P003", Error, &policy::NotEnglish),
        phrase("P004", Error),
        reads_phrases("P005", Error, &policy::QuestionToAmazon),
        phrase("P006", Error),
        phrase("T001", Warning),
        phrase("T002", Warning),
        phrase("T003", Warning),
        reads_phrases("T004", Warning, &reading::Blame),
        phrase("T005", Error),
        reads_phrases("T006", Warning, &reading::Hedge),
        phrase("T007", Warning),
        rule("T008", Warning, &tone::ExclamationOrShouting),
        reads_phrases("T009", Warning, &tone::RepeatedApology),
        phrase("T010", Warning),
        phrase("T011", Warning),
        phrase("T012", Warning),
        reads_phrases("T013", Warning, &reading::Denial),
        reads_phrases("T014", Info, &tone::FirstPersonSingular),
        rule("T015", Info, &tone::PassiveHidesActor),
        rule("T016", Info, &tone::LongSentence),
        phrase("T017", Warning),
        phrase("T018", Warning),
        rule("T019", Warning, &reading::Minimising),
        rule("T020", Warning, &reading::DamagingDisclosure),
        rule("T021", Warning, &reading::CopiedFromNotice),
    ];
    RULES
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
                .filter(move |h| h.code == code && in_scope(f.role, h.scope))
                .map(move |h| (f, h))
        })
}

/// The findings of a phrase code's hits, with the code's message.
pub(super) fn phrase_findings(me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
    let code = me.code;
    for (field, hit) in hits(cx, code) {
        let matched = &field.text[hit.start..hit.end];
        let fix = hit.fix.as_deref().map(|f| match_case(matched, f));
        let message = cx
            .phrases
            .say(code)
            .unwrap_or("Rewrite this phrase.")
            .replace("{match}", matched)
            .replace("{fix}", &format!("\"{}\"", fix.as_deref().unwrap_or("")));
        let mut finding = Finding::span(me, field, hit.start, hit.end, message);
        if let Some(fix) = fix {
            finding = finding.with_fix(fix);
        }
        out.push(finding);
    }
}

/// A finding of rule `me` that something is missing.
pub(super) fn missing(me: &Meta, id: FieldId, message: String) -> Finding {
    Finding::whole(me, id, "", message)
}

/// A place in a case by its path text.
pub(super) fn at(path: &str) -> FieldId {
    FieldId::Case(path.parse::<FieldPath>().expect("a valid path"))
}

pub(super) fn item_at(section: Section, index: usize, key: &'static str) -> FieldId {
    FieldId::Case(FieldPath::item(section, index, key))
}
