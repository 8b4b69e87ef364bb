//! The plan itself: answers long enough to be specific (C003), actions
//! with dates and owners (C004), measures with owners, starts and cadences
//! (C005), as many items as the playbook asks (C008), measures that are not
//! repeats of actions (C009), and every root cause answered (C011).

use std::collections::BTreeSet;

use super::item_at;
use super::missing;
use crate::case::Section;
use crate::check::doc::FieldId;
use crate::check::doc::Role;
use crate::check::draft::LineKind;
use crate::check::sense;
use crate::check::text::{content_words, dates, overlap, word_count};
use crate::check::{Cx, Finding, Meta, Rule, Severity};

/// The fewest words an answer needs to be specific, from the field table.
fn min_words(id: &FieldId) -> Option<usize> {
    let FieldId::Case(p) = id else { return None };
    p.field().map(|f| f.min_words).filter(|n| *n > 0)
}

/// C003: an answer too short to be specific.
pub struct TooShort;

/// Words that name a group, not a role: "our staff", "the team",
/// "employees", "someone". A reviewer cannot tell from them which step of
/// the work failed, nor who now answers for it.
const NO_ROLE: [&str; 24] = [
    "staff",
    "team",
    "teams",
    "employee",
    "employees",
    "people",
    "person",
    "worker",
    "workers",
    "someone",
    "somebody",
    "everyone",
    "we",
    "us",
    "they",
    "member",
    "members",
    "colleague",
    "colleagues",
    "personnel",
    "human",
    "manpower",
    "company",
    "operator",
];

/// The words of a "who" that say nothing of the role: determiners and the
/// like ("our", "the", "all", "some of").
fn filler(w: &str) -> bool {
    matches!(
        w,
        "our"
            | "the"
            | "a"
            | "an"
            | "all"
            | "some"
            | "of"
            | "my"
            | "their"
            | "one"
            | "two"
            | "few"
            | "new"
            | "internal"
            | "and"
            | "company's"
            | "own"
            | "error"
            | "mistake"
    )
}

/// A "who" made only of group words ("our staff", "the team", "we"): the
/// text it names, or `None` when it names a role.
fn names_no_role(text: &str) -> Option<&str> {
    let answer = text.trim().trim_end_matches('.');
    let words: Vec<String> = answer
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let group = words.iter().any(|w| NO_ROLE.contains(&w.as_str()));
    (group
        && words.len() <= 5
        && words
            .iter()
            .all(|w| NO_ROLE.contains(&w.as_str()) || filler(w)))
    .then_some(answer)
}

/// The answer of a root cause's "who": the case's field, or a draft's
/// "Who: …" line.
fn who_answer<'t>(f: &crate::check::Field<'t>) -> Option<&'t str> {
    match &f.id {
        FieldId::Case(p) if p.section == Section::RootCauses && p.key == "who" => Some(f.text),
        FieldId::Line(_) => {
            let (label, rest) = f.text.split_once(':')?;
            label.trim().eq_ignore_ascii_case("who").then_some(rest)
        }
        _ => None,
    }
}

impl Rule for TooShort {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        for (f, _, n) in cx.prose() {
            if let Some(vague) = who_answer(f).and_then(names_no_role) {
                out.push(Finding::whole(
                    me,
                    f.id,
                    f.text,
                    format!(
                        "Who: \"{vague}\" names a group, not a role, so a reviewer cannot tell which step of your work failed. Name the role and what it did: \"the packer on the evening shift, who labels the orders\", \"our listing editor\"."
                    ),
                ));
                continue;
            }
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
                    let typed = cx.settings.not_a_date_yet(
                        &crate::case::FieldPath::item(Section::CorrectiveActions, i, "done_on"),
                        cx.today,
                    );
                    out.push(Finding::whole(
                        me,
                        id,
                        &a.action,
                        typed.unwrap_or_else(|| "This action has no date. Amazon wants actions that are finished: give the day it was done (done_on). If it is not done yet, do it first or move it to the preventive measures.".into()),
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
        } else if cx.doc.draft.is_some() {
            let actions = draft_items(cx, Role::Action);
            let undated: Vec<&(FieldId, String)> = actions
                .iter()
                .filter(|(_, t)| word_count(t) >= 4 && dates(t).is_empty())
                .collect();
            if undated.is_empty() {
                return;
            }
            if undated.len() == actions.len() && actions.len() > 1 {
                // Not one action is dated: one finding says so, not one per line.
                out.push(missing(
                    me,
                    FieldId::Document,
                    format!(
                        "None of the {} corrective actions says when it was done. Put the date on each (\"On 19 November 2026 we ...\"): Amazon wants actions that are already finished.",
                        actions.len()
                    ),
                ));
                return;
            }
            for (id, text) in undated {
                out.push(Finding::whole(
                    me,
                    *id,
                    text,
                    "This corrective action has no date. Say on which day it was done (\"On 19 November 2026 we ...\"): Amazon wants actions that are already finished.".into(),
                ));
            }
        }
    }
}

/// The items of a draft whose statements have `role`: (the place of the
/// item's first line, the item's text).
fn draft_items(cx: &Cx, role: Role) -> Vec<(FieldId, String)> {
    let mut out: Vec<(FieldId, String, Option<usize>)> = Vec::new();
    let mut last_role = None;
    for f in &cx.doc.fields {
        let continues = out
            .last()
            .is_some_and(|(_, _, item)| f.item.is_some() && *item == f.item)
            && last_role == Some(f.role);
        last_role = Some(f.role);
        if f.role != role || f.kind != LineKind::Text {
            continue;
        }
        if continues {
            let last = out.last_mut().expect("an item");
            last.1.push(' ');
            last.1.push_str(f.text);
        } else {
            out.push((f.id, f.text.to_string(), f.item));
        }
    }
    out.into_iter().map(|(id, t, _)| (id, t)).collect()
}

/// C010: a corrective action written as a plan ("we will", "going to"),
/// or as a to-do ("Add staff to check orders"), with nothing in it done.
pub struct ActionWrittenAsPlan;

impl Rule for ActionWrittenAsPlan {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let mut plans = Vec::new();
        super::phrase_findings(me, cx, &mut plans);
        for p in plans {
            let Some(i) = cx.at(p.field) else { continue };
            let f = &cx.doc.fields[i];
            let start = p.start.unwrap_or(0);
            let sentence = sense::sentence_at(&cx.sentences[i], start).unwrap_or(0..f.text.len());
            // The clause of the plan, from the last comma or semicolon before
            // it: "We refunded all 96 buyers, and we will be more careful" is
            // a done action and a plan, and the plan is still one.
            let clause = f.text[sentence.start..start]
                .rfind([',', ';'])
                .map_or(sentence.start, |k| sentence.start + k + 1);
            let m = sense::mood(&f.text[clause..sentence.end]);
            // "Closed and will never be used again": done, with a rule;
            // "there will be no shortage again" is a promise (T007), not a plan.
            let after = f.text[p.end.unwrap_or(start)..].to_lowercase();
            let before = f.text[..start].trim_end().to_lowercase();
            let rule = after
                .split_whitespace()
                .take(3)
                .any(|w| matches!(w, "not" | "never" | "no"))
                || before.ends_with("there");
            if f.kind == LineKind::Text && !m.done && !rule {
                out.push(p);
            }
        }
        if cx.doc.draft.is_none() {
            return;
        }
        for f in cx.doc.statements().filter(|f| f.role == Role::Action) {
            let m = sense::mood(f.text);
            if m.imperative && !m.done && m.plan.is_none() && word_count(f.text) >= 3 {
                out.push(Finding::whole(
                    me,
                    f.id,
                    f.text,
                    "This reads as a to-do, not as something done. Corrective actions must be finished before you appeal: write what you did, in the past tense, with the date. Move plans to the preventive measures.".into(),
                ));
            }
        }
    }
}

pub struct MeasureWithoutOwnerStartOrCadence;

impl Rule for MeasureWithoutOwnerStartOrCadence {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let Some(case) = cx.doc.case else {
            // A draft's measure: neither who runs it nor how often.
            for (id, text) in draft_items(cx, Role::Measure) {
                // A measure reads as one: a plan, a rule or a to-do, not a
                // report of something done or a sentence about the letter.
                let m = sense::mood(&text);
                // A promise, a plea or an apology is no measure to complete.
                let other = cx.at(id).is_some_and(|i| {
                    cx.hits[i]
                        .iter()
                        .any(|h| matches!(h.code, "T002" | "T003" | "T007" | "T009" | "T011"))
                });
                let measure = !m.done && !other && (m.plan.is_some() || m.rule || m.imperative);
                if measure
                    && word_count(&text) >= 5
                    && !sense::names_owner(&text)
                    && !sense::names_cadence(&text)
                {
                    out.push(Finding::whole(
                        me,
                        id,
                        &text,
                        "This measure says neither who runs it nor how often, so it reads as a wish. Name the role and the rhythm (\"our shipping lead checks the pickup scans every day at 16:00\").".into(),
                    ));
                }
            }
            return;
        };
        for (i, m) in case.preventive_measures.iter().enumerate() {
            if m.measure.trim().is_empty() {
                continue;
            }
            let mut lacks = Vec::new();
            if m.owner.trim().is_empty() {
                lacks.push("an owner (the role that runs it)");
            }
            // A start date half typed is not missing: it is not a date yet.
            let typed = m.starts_on.is_none().then(|| {
                cx.settings.not_a_date_yet(
                    &crate::case::FieldPath::item(Section::PreventiveMeasures, i, "starts_on"),
                    cx.today,
                )
            });
            let typed = typed.flatten();
            if m.starts_on.is_none() && typed.is_none() {
                lacks.push("a start date");
            }
            if m.cadence.trim().is_empty() {
                lacks.push("a cadence (how often it is done and checked)");
            }
            let message = match (lacks.is_empty(), typed) {
                (true, None) => continue,
                (true, Some(typed)) => typed,
                (false, typed) => {
                    let missing = format!(
                        "This measure is missing {}. Without them it reads as a wish, not a control.",
                        join_and(&lacks)
                    );
                    typed.map_or(missing.clone(), |t| format!("{missing} {t}"))
                }
            };
            out.push(Finding::whole(
                me,
                item_at(Section::PreventiveMeasures, i, "measure"),
                &m.measure,
                message,
            ));
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
                        "There {} {have} of the {need} {what} an appeal for {} usually needs. Add what you did (the playbook has suggestions: `poa playbooks {}`).",
                        if have == 1 { "is" } else { "are" },
                        pb.title,
                        pb.id
                    ),
                ));
            }
        }
    }
}

/// C009: a preventive measure that only repeats a corrective action.
pub struct MeasureRepeatsAction;

impl Rule for MeasureRepeatsAction {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let Some(case) = cx.doc.case else {
            // A draft's measure that says again what an action did.
            let actions: Vec<Vec<u64>> = draft_items(cx, Role::Action)
                .iter()
                .map(|(_, t)| content_words(t))
                .filter(|w| w.len() >= 3)
                .collect();
            for (id, text) in draft_items(cx, Role::Measure) {
                let mw = content_words(&text);
                if mw.len() >= 3 && actions.iter().any(|aw| overlap(&mw, aw) >= 0.7) {
                    out.push(Finding::whole(
                        me,
                        id,
                        &text,
                        "This measure repeats a corrective action. A preventive measure is the lasting control: say what now happens regularly, who does it and how often.".into(),
                    ));
                }
            }
            return;
        };
        let actions: Vec<(usize, std::borrow::Cow<'_, [u64]>)> = case
            .corrective_actions
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let id = item_at(Section::CorrectiveActions, i, "action");
                (i, cx.content_words(id, &a.action))
            })
            .filter(|(_, w)| w.len() >= 3)
            .collect();
        for (i, m) in case.preventive_measures.iter().enumerate() {
            let id = item_at(Section::PreventiveMeasures, i, "measure");
            let mw = cx.content_words(id, &m.measure);
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

/// A field's item: its section and its place in the list.
type ItemKey = (Section, Option<usize>);

/// The sections a rejected letter's reviewer reads for what is new.
pub fn answers_the_notice(section: Section) -> bool {
    matches!(
        section,
        Section::RootCauses
            | Section::CorrectiveActions
            | Section::PreventiveMeasures
            | Section::Explanation
    )
}

/// C019: a cause, action, measure or explanation sent again word for word
/// after Amazon turned the letter that held it down.
pub struct RepeatsRejectedText;

impl Rule for RepeatsRejectedText {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let Some(rejected) = &cx.settings.rejected else {
            return;
        };
        let when = |d: Option<crate::case::Date>| d.map(|d| d.long());
        let told = match (when(rejected.rejected_on), when(rejected.sent_on)) {
            (Some(r), Some(s)) => format!("the letter of {s} that Amazon turned down on {r}"),
            (Some(r), None) => format!("the letter Amazon turned down on {r}"),
            _ => "the letter Amazon turned down".to_string(),
        };
        // One finding an item (a root cause, an action, a measure) whose
        // every answer is the rejected one, on its first; a revised item
        // (its why rewritten, its what kept) is not a repeat.
        let mut items: Vec<(ItemKey, Vec<&crate::check::doc::Field>)> = Vec::new();
        for (f, _, _) in cx.prose() {
            let FieldId::Case(path) = f.id else { continue };
            if !answers_the_notice(path.section) || f.text.trim().is_empty() {
                continue;
            }
            let key = (path.section, path.index);
            match items.iter_mut().find(|(k, _)| *k == key) {
                Some((_, fields)) => fields.push(f),
                None => items.push((key, vec![f])),
            }
        }
        // Actions already done stay true in a second letter: what matters
        // is that something is new, so they are told of together.
        let repeated = |fields: &[&crate::check::doc::Field]| {
            fields
                .iter()
                .all(|f| rejected.texts.contains(f.text.trim()))
        };
        let plan: Vec<_> = items
            .iter()
            .filter(|((s, _), _)| {
                matches!(s, Section::CorrectiveActions | Section::PreventiveMeasures)
            })
            .collect();
        if !plan.is_empty() && plan.iter().all(|(_, fields)| repeated(fields)) {
            out.push(Finding::whole(
                me,
                FieldId::Section(Section::CorrectiveActions),
                "",
                format!(
                    "No corrective action or preventive measure is new since {told}. Add what you did after the rejection, and what now stops it happening again."
                ),
            ));
        }
        for ((section, _), fields) in items
            .iter()
            .filter(|((s, _), _)| matches!(s, Section::RootCauses | Section::Explanation))
        {
            let words: usize = fields.iter().map(|f| word_count(f.text)).sum();
            if words < 6 || !repeated(fields) {
                continue;
            }
            let f = fields[0];
            let what = section.item_title(crate::playbook::Lang::En).to_lowercase();
            out.push(Finding::whole(
                me,
                f.id,
                f.text,
                format!(
                    "This {what} is word for word as in {told}. Rewrite it with what you found or did since the rejection: a letter that repeats the last one is usually turned down again."
                ),
            ));
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
}
