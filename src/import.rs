//! A draft written elsewhere (.md, .txt) made into a case, by its headings:
//! root causes (split by "What:", "Why:" labels when they have them),
//! corrective actions and preventive measures with their dates and owners,
//! evidence with its kind, the ASINs and orders named anywhere; what fits no
//! section is kept in `notes`. Pure: the caller reads and writes the files.

use crate::case::schema::{self, Required};
use crate::case::{
    Case, CorrectiveAction, Date, Evidence, EvidenceKind, FieldPath, PreventiveMeasure, Response,
    RootCause, Section,
};
use crate::check::text::{asin_ranges, dates, order_ranges, sentences};
use crate::check::{Draft, SectionKind};

/// The text of a list item or paragraph, without its list marker.
fn strip_marker(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut first = lines.first().copied().unwrap_or("");
    for m in ["- ", "* ", "• ", "+ "] {
        if let Some(r) = first.strip_prefix(m) {
            first = r;
        }
    }
    let digits = first.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && first[digits..].starts_with(['.', ')']) {
        first = first[digits + 1..].trim_start();
    }
    let first = first.trim_start_matches("**").replacen("**", "", 1);
    std::iter::once(first.as_str())
        .chain(lines[1..].iter().copied())
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// "2026-11-08: We opened ... Owner: warehouse manager." → the text without
/// its leading date and its owner note, and the owner.
fn split_item(text: &str) -> (String, String) {
    let mut t = text.trim().to_string();
    // Only a date the case can hold leaves the text for `done_on`: one it
    // cannot (year 2206) stays in the writer's words.
    if let Some(d) = dates(&t).into_iter().next()
        && d.range.start == 0
        && d.date.is_some()
    {
        let after = t[d.range.end..].trim_start();
        if let Some(rest) = after
            .strip_prefix(':')
            .or_else(|| after.strip_prefix(" -"))
            .or_else(|| after.strip_prefix('-'))
        {
            t = rest.trim_start().to_string();
        }
    }
    let mut owner = String::new();
    // ASCII lower case keeps every byte where it was (İ or the Kelvin sign
    // change length under full lower-casing, and the offset would be off).
    let lower = t.to_ascii_lowercase();
    if let Some(i) = lower.rfind("owner:") {
        let tail = t[i + 6..].trim().trim_end_matches(['.', ')', ';']).trim();
        if !tail.is_empty() && tail.split_whitespace().count() <= 5 && !tail.contains('.') {
            owner = tail.to_string();
            t = t[..i]
                .trim_end()
                .trim_end_matches(['(', '-', ';', ','])
                .trim_end()
                .to_string();
        }
    }
    (t, owner)
}

fn first_date(text: &str) -> Option<Date> {
    dates(text).into_iter().find_map(|d| d.date)
}

fn evidence_kind(text: &str) -> EvidenceKind {
    let t = text.to_lowercase();
    let has = |w: &[&str]| w.iter().any(|x| t.contains(x));
    if has(&["invoice", "receipt"]) {
        EvidenceKind::Invoice
    } else if has(&["tracking", "scan", "carrier", "manifest"]) {
        EvidenceKind::Tracking
    } else if has(&["authori", "licen", "loa", "letter of"]) {
        EvidenceKind::Authorization
    } else if has(&["test report", "lab", "certificate", "cpc"]) {
        EvidenceKind::TestReport
    } else if has(&["training", "sign-off", "attendance"]) {
        EvidenceKind::TrainingRecord
    } else if has(&["sop", "procedure", "checklist", "policy document"]) {
        EvidenceKind::Sop
    } else if has(&["screenshot", "photo", "picture", "image"]) {
        EvidenceKind::Screenshot
    } else {
        EvidenceKind::Other
    }
}

/// Splits a root cause text by "What:", "Why:" ... labels (the 5W1H keys of
/// the field table), when it has them.
fn five_w(text: &str) -> RootCause {
    let keys: Vec<&'static str> = schema::of_section(Section::RootCauses)
        .filter(|f| f.required == Required::Plan)
        .map(|f| f.key)
        .collect();
    // The answers are written through the case's own accessor.
    let mut one = Case::new();
    one.root_causes.push(RootCause::default());
    fn slot<'a>(case: &'a mut Case, key: &'static str) -> &'a mut String {
        let path = FieldPath::item(Section::RootCauses, 0, key);
        case.text_mut(&path).expect("a root cause has its 5W1H")
    }
    let mut current: Option<&'static str> = None;
    let mut rest = Vec::new();
    for line in text.lines() {
        let t = line
            .trim()
            .trim_start_matches(['-', '*', '•'])
            .trim()
            .trim_start_matches("**");
        let label = keys.iter().copied().find(|k| {
            let lower = t.to_ascii_lowercase();
            lower.starts_with(&format!("{k}:"))
                || lower.starts_with(&format!("{k}**:"))
                || lower.starts_with(&format!("{k} "))
                    && lower
                        .split_once(':')
                        .is_some_and(|(h, _)| h.split_whitespace().count() <= 4)
        });
        if let Some(k) = label {
            current = Some(k);
            let body = t.split_once(':').map_or("", |(_, b)| b).trim().to_string();
            *slot(&mut one, k) = body;
        } else if let Some(k) = current {
            let s = slot(&mut one, k);
            s.push('\n');
            s.push_str(line.trim());
        } else {
            rest.push(line.trim());
        }
    }
    let mut r = one.root_causes.remove(0);
    let rest = rest.join("\n").trim().to_string();
    if !rest.is_empty() {
        let first_sentence = sentences(&rest)
            .first()
            .map_or(rest.as_str(), |r| &rest[r.clone()])
            .to_string();
        if r.what.is_empty() && r.why.is_empty() {
            r.what = rest;
        } else {
            r.what = format!("{rest}\n{}", r.what).trim().to_string();
        }
        if first_sentence.split_whitespace().count() <= 20 {
            r.summary = first_sentence.trim_end_matches('.').to_string();
        }
    }
    r
}

/// The root causes of a draft, each with the summary its own heading
/// gives ("### Root cause 2: Our label rule shipped orders untracked"):
/// under such headings, all a heading holds is one cause (its text and its
/// 5W1H table); without them, each paragraph or list item is one.
fn root_cause_texts(draft: &Draft) -> Vec<(Option<String>, String)> {
    let lines: Vec<_> = draft
        .lines
        .iter()
        .filter(|l| l.section == SectionKind::RootCause)
        .collect();
    let headed = lines.iter().skip(1).any(|l| l.heading);
    if !headed {
        return draft
            .items(SectionKind::RootCause)
            .into_iter()
            .map(|(_, item, _)| (None, strip_marker(&item)))
            .collect();
    }
    let mut out: Vec<(Option<String>, String)> = Vec::new();
    for l in lines {
        if l.heading {
            // "Root cause 1: We shipped …" gives "We shipped …".
            let title = l
                .text
                .trim()
                .trim_start_matches('#')
                .trim()
                .replace("**", "");
            let summary = title
                .split_once(':')
                .map(|(_, s)| s.trim().to_string())
                .filter(|s| !s.is_empty());
            out.push((summary, String::new()));
            continue;
        }
        if l.item.is_none() {
            continue;
        }
        let Some(last) = out.last_mut() else { continue };
        last.1.push_str(&strip_marker(l.text));
        last.1.push('\n');
    }
    out.retain(|(_, text)| !text.trim().is_empty());
    out
}

/// A case made from a draft; what fits no section goes to `notes`.
pub fn case_from_draft(text: &str, violation: Option<&str>) -> Case {
    // What the case is made of is text a case file can hold.
    let text = crate::case::clean_text(text);
    let draft = Draft::parse(&text);
    let mut case = Case::new();
    if let Some(v) = violation {
        case.notice.violation = v.to_string();
    }
    for (summary, text) in root_cause_texts(&draft) {
        let mut r = five_w(&text);
        if r.what.is_empty() && r.why.is_empty() {
            // Answers with no "what" or "why" ("Who was involved: …", a
            // table row under the cause's text) belong to the cause above.
            let Some(last) = case.root_causes.last_mut() else {
                continue;
            };
            for (old, new) in [
                (&mut last.when, r.when),
                (&mut last.where_, r.where_),
                (&mut last.who, r.who),
                (&mut last.how, r.how),
            ] {
                if old.is_empty() {
                    *old = new;
                }
            }
            continue;
        }
        if let Some(summary) = summary {
            r.summary = summary;
        }
        case.root_causes.push(r);
    }
    for (_, item, _) in draft.items(SectionKind::Corrective) {
        let text = strip_marker(&item);
        let (action, owner) = split_item(&text);
        case.corrective_actions.push(CorrectiveAction {
            done_on: first_date(&text),
            action,
            owner,
            ..Default::default()
        });
    }
    for (_, item, _) in draft.items(SectionKind::Preventive) {
        let text = strip_marker(&item);
        let (measure, owner) = split_item(&text);
        case.preventive_measures.push(PreventiveMeasure {
            starts_on: first_date(&text),
            measure,
            owner,
            ..Default::default()
        });
    }
    for (n, (_, item, _)) in draft.items(SectionKind::Evidence).into_iter().enumerate() {
        let title = strip_marker(&item);
        case.evidence.push(Evidence {
            id: format!("E{}", n + 1),
            kind: evidence_kind(&title),
            date: first_date(&title),
            title,
            file: None,
        });
    }
    case.explanation = draft
        .items(SectionKind::Explanation)
        .into_iter()
        .map(|(_, t, _)| strip_marker(&t))
        .collect::<Vec<_>>()
        .join("\n\n");
    if !case.explanation.is_empty() && case.root_causes.is_empty() {
        case.notice.response = Response::Dispute;
    }
    let other: Vec<String> = draft
        .lines
        .iter()
        .filter(|l| !l.heading && matches!(l.section, SectionKind::Intro | SectionKind::Closing))
        .map(|l| l.text.to_string())
        .collect();
    let other = other.join("\n").trim().to_string();
    if !other.is_empty() {
        case.notes = format!("Imported text that fits no section of the case:\n{other}");
    }
    let mut asins = Vec::new();
    let mut orders = Vec::new();
    for r in asin_ranges(&text) {
        let a = text[r].to_string();
        if !asins.contains(&a) {
            asins.push(a);
        }
    }
    for r in order_ranges(&text) {
        let o = text[r].to_string();
        if !orders.contains(&o) {
            orders.push(o);
        }
    }
    case.notice.asins = asins;
    case.notice.orders = orders;
    case.migrate();
    case
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_that_change_length_when_lower_cased_do_not_break_an_import() {
        // İ (U+0130) lower-cases to two characters, the Kelvin sign to one
        // shorter: offsets taken from a lower-cased copy used to cut inside a
        // character and panic.
        let draft = "## Root cause\n\nWhy: İİİ the K\u{212A} scale was not calibrated for 3 weeks.\n\n## Corrective actions\n\n- 2026-11-08: İstanbul ẞ team recalibrated the \u{212A}-scale. Owner: warehouse manager\n\n## Preventive measures\n\n- Weekly İ check of the scale. Owner: QA lead\n";
        let case = case_from_draft(draft, None);
        assert_eq!(case.corrective_actions.len(), 1);
        assert_eq!(case.corrective_actions[0].owner, "warehouse manager");
        assert!(
            case.corrective_actions[0]
                .action
                .starts_with("İstanbul ẞ team")
        );
        assert!(case.root_causes[0].why.contains("K\u{212A} scale"));
        let case = case_from_draft(
            "## Root cause\nLate.\n\n## Corrective actions\n- İİİİİİ owner: x\n",
            None,
        );
        assert_eq!(case.corrective_actions[0].owner, "x");
        assert_eq!(case.corrective_actions[0].action, "İİİİİİ");
    }
}
