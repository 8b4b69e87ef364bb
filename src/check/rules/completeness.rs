//! Completeness: the parts an appeal must have, and the facts each holds.

use std::collections::BTreeSet;

use super::{at, item_at};
use crate::case::schema::{self, Required};
use crate::case::{Case, Section, Value};
use crate::check::doc::{FieldId, Role};
use crate::check::draft::SectionKind;
use crate::check::text::{
    ascii_tokens, dates, has_concrete_data, shorten, word_count, word_hash, words,
};
use crate::check::{Cx, Finding, Meta, Rule, Severity};
use crate::playbook;

fn missing(me: &Meta, id: FieldId, message: String) -> Finding {
    Finding::whole(me, id, "", message)
}

/// C001: a required field is empty, or a list that needs an item has none.
pub struct MissingRequired;

impl Rule for MissingRequired {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        if let Some(case) = cx.doc.case {
            case_required(me, case, out);
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

fn case_required(me: &Meta, case: &Case, out: &mut Vec<Finding>) {
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
        out.push(missing(me,
            at("notice.received"),
            "The date the notice arrived is empty. Write it as YYYY-MM-DD: it sets the 17-day deadline.".into(),
        ));
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

/// The fewest words an answer needs to be specific, from the field table.
fn min_words(id: &FieldId) -> Option<usize> {
    let FieldId::Case(p) = id else { return None };
    p.field().map(|f| f.min_words).filter(|n| *n > 0)
}

/// C003: an answer too short to be specific.
pub struct TooShort;

impl Rule for TooShort {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        for (f, _, n) in cx.prose() {
            let Some(min) = min_words(&f.id) else {
                continue;
            };
            if n > 0 && n < min {
                out.push(Finding::whole(

                    me,
                    f.id,
                    f.text,
                    format!(
                        "This answer has {n} word{} and is too short to be specific (aim for {min} or more). Add the facts: numbers, dates, the step of your process.",
                        if n == 1 { "" } else { "s" }
                    ),
                ));
            }
        }
    }
}

/// C004: a corrective action without a date (error) or an owner (warning).
pub struct ActionWithoutDateOrOwner;

impl Rule for ActionWithoutDateOrOwner {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        if let Some(case) = cx.doc.case {
            for (i, a) in case.corrective_actions.iter().enumerate() {
                if a.action.trim().is_empty() {
                    continue;
                }
                let id = item_at(Section::CorrectiveActions, i, "action");
                if a.done_on.is_none() {
                    out.push(Finding::whole(

                        me,
                        id,
                        &a.action,
                        "This action has no date. Amazon wants actions that are finished: give the day it was done (done_on). If it is not done yet, do it first or move it to the preventive measures.".into(),
                    ));
                }
                if a.owner.trim().is_empty() {
                    // A missing owner weakens the action; a missing date sinks it.
                    out.push(
                        Finding::whole(
                            me,
                            id,
                            &a.action,
                            "This action has no owner. Name the role that did it (for example: warehouse manager), not a person's name.".into(),
                        )
                        .with_severity(Severity::Warning),
                    );
                }
            }
        } else if let Some(draft) = cx.doc.draft {
            for (_, text, line) in draft.items(SectionKind::Corrective) {
                if word_count(&text) >= 4 && dates(&text).is_empty() {
                    out.push(Finding::whole(

                        me,
                        FieldId::Line(line),
                        &text,
                        "This corrective action has no date. Say on which day it was done (\"On 19 November 2026 we ...\"): Amazon wants actions that are already finished.".into(),
                    ));
                }
            }
        }
    }
}

/// C005: a preventive measure without an owner, a start date or a cadence.
pub struct MeasureWithoutOwnerStartOrCadence;

impl Rule for MeasureWithoutOwnerStartOrCadence {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let Some(case) = cx.doc.case else { return };
        for (i, m) in case.preventive_measures.iter().enumerate() {
            if m.measure.trim().is_empty() {
                continue;
            }
            let mut lacks = Vec::new();
            if m.owner.trim().is_empty() {
                lacks.push("an owner (the role that runs it)");
            }
            if m.starts_on.is_none() {
                lacks.push("a start date");
            }
            if m.cadence.trim().is_empty() {
                lacks.push("a cadence (how often it is done and checked)");
            }
            if !lacks.is_empty() {
                out.push(Finding::whole(

                    me,
                    item_at(Section::PreventiveMeasures, i, "measure"),
                    &m.measure,
                    format!("This measure is missing {}. Without them it reads as a wish, not a control.", join_and(&lacks)),
                ));
            }
        }
    }
}

pub(super) fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [a] => a.to_string(),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

/// C008: fewer items than the playbook asks for.
pub struct FewerThanPlaybookMinimum;

impl Rule for FewerThanPlaybookMinimum {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let (Some(case), Some(pb)) = (cx.doc.case, cx.doc.playbook) else {
            return;
        };
        if case.is_dispute() {
            return;
        }
        let actions = case
            .corrective_actions
            .iter()
            .filter(|a| !a.action.trim().is_empty())
            .count();
        let measures = case
            .preventive_measures
            .iter()
            .filter(|m| !m.measure.trim().is_empty())
            .count();
        for (section, have, need, what) in [
            (
                Section::CorrectiveActions,
                actions,
                pb.minimums.corrective_actions,
                "corrective actions",
            ),
            (
                Section::PreventiveMeasures,
                measures,
                pb.minimums.preventive_measures,
                "preventive measures",
            ),
        ] {
            if have > 0 && have < need {
                out.push(missing(me,
                    FieldId::Section(section),
                    format!(
                        "There {} {have} of the {need} {what} a {} appeal usually needs. Add what you did (the playbook has suggestions: `poa playbooks {}`).",
                        if have == 1 { "is" } else { "are" },
                        pb.title,
                        pb.id
                    ),
                ));
            }
        }
    }
}

/// Words too common to say whether two texts are about the same thing.
const STOPWORDS: [&str; 40] = [
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "by", "at", "from", "we",
    "our", "all", "every", "each", "is", "are", "was", "were", "be", "it", "its", "this", "that",
    "these", "those", "as", "now", "new", "into", "their", "they", "has", "have", "had", "so",
];

/// The hashes of `STOPWORDS`, sorted.
fn stopwords() -> &'static [u64] {
    static HASHES: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    HASHES.get_or_init(|| {
        let mut v: Vec<u64> = STOPWORDS.iter().map(|w| word_hash(w)).collect();
        v.sort_unstable();
        v
    })
}

/// The words that carry meaning in `text`, in any case and without a
/// plural `s`, each as its `word_hash` (numbers sort and compare far
/// faster than strings; two words sharing a hash is vanishingly rare),
/// sorted and without repeats.
fn content_words(text: &str) -> Vec<u64> {
    let stop = stopwords();
    let mut v = Vec::new();
    let mut keep = |w: &str, h: u64| {
        if stop.binary_search(&h).is_err() {
            let plural = w.bytes().rev().take_while(|b| b | 0x20 == b's').count();
            v.push(if plural == 0 {
                h
            } else {
                word_hash(&w[..w.len() - plural])
            });
        }
    };
    if text.is_ascii() {
        // Each word hashed as it is read.
        ascii_tokens(text.as_bytes(), |s, e, h, word| {
            if word {
                keep(&text[s..e], h);
            }
        });
    } else {
        for w in words(text) {
            keep(w, word_hash(w));
        }
    }
    v.sort_unstable();
    v.dedup();
    v
}

/// Shared words over all words of two sorted lists.
fn overlap<T: Ord>(a: &[T], b: &[T]) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// C009: a preventive measure that only repeats a corrective action.
pub struct MeasureRepeatsAction;

impl Rule for MeasureRepeatsAction {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let Some(case) = cx.doc.case else { return };
        let actions: Vec<(usize, Vec<u64>)> = case
            .corrective_actions
            .iter()
            .enumerate()
            .map(|(i, a)| (i, content_words(&a.action)))
            .filter(|(_, w)| w.len() >= 3)
            .collect();
        for (i, m) in case.preventive_measures.iter().enumerate() {
            let mw = content_words(&m.measure);
            if mw.len() < 3 {
                continue;
            }
            for (j, aw) in &actions {
                // Jaccard of 0.7 needs sizes within that ratio.
                let (small, large) = (mw.len().min(aw.len()), mw.len().max(aw.len()));
                if (small as f64) < 0.7 * large as f64 {
                    continue;
                }
                if overlap(&mw, aw) >= 0.7 {
                    out.push(Finding::whole(

                        me,
                        item_at(Section::PreventiveMeasures, i, "measure"),
                        &m.measure,
                        format!(
                            "This measure repeats corrective action {}. A preventive measure is the lasting control: say what now happens regularly, who does it and how often.",
                            j + 1
                        ),
                    ));
                    break;
                }
            }
        }
    }
}

/// C011: a root cause that no action or measure answers.
pub struct UnansweredRootCause;

impl Rule for UnansweredRootCause {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let Some(case) = cx.doc.case else { return };
        if case.is_dispute() {
            return;
        }
        let causes = case.root_causes.len();
        let mut links: BTreeSet<usize> = BTreeSet::new();
        let mut any_links = false;
        let items = case
            .corrective_actions
            .iter()
            .enumerate()
            .map(|(i, a)| {
                (
                    Section::CorrectiveActions,
                    i,
                    "action",
                    &a.action,
                    &a.causes,
                )
            })
            .chain(case.preventive_measures.iter().enumerate().map(|(i, m)| {
                (
                    Section::PreventiveMeasures,
                    i,
                    "measure",
                    &m.measure,
                    &m.causes,
                )
            }));
        for (section, i, key, text, ids) in items {
            for id in ids {
                any_links = true;
                match case.cause_number(id) {
                    Some(n) => {
                        links.insert(n);
                    }
                    None => out.push(bad_link(me, item_at(section, i, key), text, id, causes)),
                }
            }
        }
        if !any_links || causes < 2 {
            return;
        }
        // Causes an action or measure names in words ("root cause 2").
        let named: BTreeSet<usize> = case
            .corrective_actions
            .iter()
            .map(|a| a.action.as_str())
            .chain(case.preventive_measures.iter().map(|m| m.measure.as_str()))
            .flat_map(named_causes)
            .collect();
        for (i, r) in case.root_causes.iter().enumerate() {
            let n = i + 1;
            if !links.contains(&n) && !named.contains(&n) {
                out.push(Finding::whole(

                    me,
                    item_at(Section::RootCauses, i, "summary"),
                    &r.summary,
                    format!("No corrective action or preventive measure answers root cause {n}. Add one, or link the ones that do (causes: [{n}])."),
                ));
            }
        }
    }
}

/// The numbers after each "root cause" in a text, in any case.
fn named_causes(text: &str) -> Vec<usize> {
    const WORDS: &[u8] = b"root cause ";
    let b = text.as_bytes();
    let mut out = Vec::new();
    for i in 0..b.len().saturating_sub(WORDS.len()) {
        if b[i] | 0x20 == b'r' && b[i..i + WORDS.len()].eq_ignore_ascii_case(WORDS) {
            let digits = &text[i + WORDS.len()..];
            let end = digits
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(digits.len());
            if let Ok(n) = digits[..end].parse() {
                out.push(n);
            }
        }
    }
    out
}

fn bad_link(me: &Meta, id: FieldId, text: &str, link: &str, causes: usize) -> Finding {
    let shown = link.strip_prefix('R').unwrap_or(link);
    Finding::whole(
        me,
        id,
        text,
        format!(
            "This item points to root cause {shown}, but the case has {causes}. Correct the number in causes."
        ),
    )
}

/// C012: an ASIN or order from the notice that the appeal never mentions.
pub struct NoticeItemNotAddressed;

impl Rule for NoticeItemNotAddressed {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let Some(case) = cx.doc.case else { return };
        let prose: Vec<&str> = cx
            .doc
            .fields
            .iter()
            .filter(|f| f.role.is_prose())
            .map(|f| f.text)
            .collect();
        let mentioned = |id: &str| prose.iter().any(|t| t.contains(id));
        for (i, a) in case.notice.asins.iter().enumerate() {
            let a = a.trim();
            if !a.is_empty() && !mentioned(a) {
                out.push(Finding::whole(

                    me,
                    FieldId::Case(crate::case::FieldPath::entry(Section::Notice, "asins", i)),
                    a,
                    format!("The notice names ASIN {a}, but the appeal never mentions it. Say what happened with it and what you did, or why it is not affected."),
                ));
            }
        }
        let missing_orders: Vec<(usize, &str)> = case
            .notice
            .orders
            .iter()
            .enumerate()
            .map(|(i, o)| (i, o.trim()))
            .filter(|(_, o)| !o.is_empty() && !mentioned(o))
            .collect();
        if missing_orders.len() > 5 {
            let (i, first) = missing_orders[0];
            out.push(Finding::whole(

                me,
                FieldId::Case(crate::case::FieldPath::entry(Section::Notice, "orders", i)),
                first,
                format!(
                    "{} of the {} orders in the notice are never mentioned (the first is {first}). List them in an action or an attached document, and say what you did for each.",
                    missing_orders.len(),
                    case.notice.orders.len()
                ),
            ));
        } else {
            for (i, o) in missing_orders {
                out.push(Finding::whole(

                    me,
                    FieldId::Case(crate::case::FieldPath::entry(Section::Notice, "orders", i)),
                    o,
                    format!("The notice names order {o}, but the appeal never mentions it. Say what you did for it (refund, replacement, reply)."),
                ));
            }
        }
    }
}

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
                    case.root_causes
                        .iter()
                        .flat_map(|r| {
                            [
                                &r.summary, &r.what, &r.when, &r.where_, &r.who, &r.why, &r.how,
                            ]
                        })
                        .map(String::as_str)
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
            for (kind, line) in &draft.sections {
                if !matches!(
                    kind,
                    SectionKind::RootCause
                        | SectionKind::Corrective
                        | SectionKind::Preventive
                        | SectionKind::Explanation
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
                if words >= 8 && !body.iter().any(|t| has_concrete_data(t)) {
                    out.push(Finding::whole(
                        me,
                        FieldId::Line(*line),
                        &shorten(body.first().copied().unwrap_or(""), 60),
                        message(kind.title()),
                    ));
                }
            }
        }
    }
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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causes_named_in_words() {
        assert_eq!(
            named_causes("Fixes Root Cause 2 and root cause 12; root causes 3; root cause x"),
            [2, 12]
        );
        assert!(named_causes("no cause here, 中文 root").is_empty());
    }

    #[test]
    fn content_words_drop_every_common_word_and_plurals() {
        // Every common word, wherever it sits in the list, is dropped.
        assert_eq!(
            content_words("the seller and those carriers have so many orders"),
            content_words("carrier many order seller")
        );
        assert_eq!(content_words("the and those have so").len(), 0);
        assert_eq!(content_words("orders order seller").len(), 2);
        // Case does not matter.
        assert_eq!(
            content_words("ORDERS Seller"),
            content_words("order seller")
        );
        assert_eq!(overlap(&["a", "b", "c"], &["a", "b", "d"]), 0.5);
    }
}
