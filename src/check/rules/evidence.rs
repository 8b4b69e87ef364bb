//! Evidence: what the playbook requires, what the letter cites, the files,
//! and the dates the documents must carry.

use std::collections::BTreeSet;

use super::item_at;
use crate::case::{EvidenceKind, Section};
use crate::check::doc::FieldId;
use crate::check::{Cx, Finding, Meta, Rule};

/// File types the appeal form takes.
pub const ACCEPTED_TYPES: [&str; 8] = ["pdf", "jpg", "jpeg", "png", "gif", "tif", "tiff", "pjpeg"];

/// C006: evidence the playbook requires is not listed.
pub struct RequiredEvidenceMissing;

impl Rule for RequiredEvidenceMissing {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let Some(pb) = cx.doc.playbook else { return };
        let Some(case) = cx.doc.case else {
            // A draft: the documents a reviewer reads first, named nowhere.
            let text: String = cx
                .doc
                .fields
                .iter()
                .map(|f| f.text.to_lowercase())
                .collect::<Vec<_>>()
                .join("\n");
            for spec in pb.evidence.iter().filter(|s| s.required) {
                let words: &[&str] = match spec.kind {
                    EvidenceKind::Invoice => &["invoice", "receipt of purchase", "purchase order"],
                    EvidenceKind::Authorization => {
                        &["authoriz", "authoris", "letter of auth", "loa"]
                    }
                    EvidenceKind::TestReport => {
                        &["test report", "lab report", "certificate", "test result"]
                    }
                    _ => continue,
                };
                // "Items we do not have invoices for" names none.
                let named = words.iter().any(|w| {
                    text.match_indices(w)
                        .any(|(at, _)| !crate::check::sense::negated(&text, at))
                });
                if !named {
                    out.push(Finding::whole(
                        me,
                        FieldId::Document,
                        "",
                        format!(
                            "A {} appeal needs this document, and the letter never mentions one: {}. It must show: {}. Attach it and name it in the letter.",
                            pb.title,
                            spec.title.en,
                            spec.must_show.en.join("; ")
                        ),
                    ));
                }
            }
            return;
        };
        let listed: BTreeSet<EvidenceKind> = case.evidence.iter().map(|e| e.kind).collect();
        for spec in pb
            .evidence_for(case.notice.response)
            .iter()
            .filter(|s| s.required)
        {
            if !listed.contains(&spec.kind) {
                out.push(Finding::whole(

                    me,
                    FieldId::Section(Section::Evidence),
                    "",
                    format!(
                        "A {} appeal needs this document: {} (kind: {}). It must show: {}. List it under evidence and attach it.",
                        pb.title,
                        spec.title.en,
                        spec.kind.id(),
                        spec.must_show.en.join("; ")
                    ),
                ));
            }
        }
    }
}

/// `E1`, `E12`: evidence ids cited in a text.
fn cited_ids(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    for (i, _) in text.match_indices('E') {
        let before_ok = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        let after_ok = b
            .get(i + 1 + digits)
            .is_none_or(|c| !c.is_ascii_alphanumeric());
        if before_ok && digits > 0 && digits <= 3 && after_ok {
            out.push(text[i..i + 1 + digits].to_string());
        }
    }
    out
}

/// C007: evidence cited but not listed, listed but never cited, a missing
/// file, or a file type the appeal form does not take.
pub struct EvidenceMismatch;

impl Rule for EvidenceMismatch {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let Some(case) = cx.doc.case else {
            // A draft names its attachments by file: the form takes PDF and
            // images only.
            let file = words!(
                r"(?i)\b[\w.-]+\.(?:docx?|xlsx?|csv|zip|rar|7z|txt|pages|numbers|key|odt|ods|heic|webp|mp4|mov)\b|\((?:docx?|xlsx?|csv|zip|rar|word|excel)\)"
            );
            for f in cx
                .doc
                .fields
                .iter()
                .filter(|f| f.role.is_prose() || f.role == crate::check::doc::Role::Data)
            {
                for m in file.find_iter(f.text) {
                    out.push(Finding::span(
                        me,
                        f,
                        m.start(),
                        m.end(),
                        format!(
                            "{} is a file type the appeal form does not take. Save it as PDF (or JPG, PNG, GIF) and attach that.",
                            m.as_str()
                        ),
                    ));
                }
            }
            return;
        };
        let listed: BTreeSet<&str> = case
            .evidence
            .iter()
            .map(|e| e.id.trim())
            .filter(|s| !s.is_empty())
            .collect();
        let mut cited: BTreeSet<String> = BTreeSet::new();
        let mut cite = |id: FieldId, text: &str, ids: Vec<String>, out: &mut Vec<Finding>| {
            for e in ids {
                if !listed.contains(e.as_str()) {
                    out.push(Finding::whole(

                        me,
                        id,
                        text,
                        format!("This cites evidence {e}, which is not in the evidence list. Add {e} to the list, or correct the id."),
                    ));
                }
                cited.insert(e);
            }
        };
        for (i, a) in case.corrective_actions.iter().enumerate() {
            let ids = a
                .evidence
                .iter()
                .map(|s| s.trim().to_string())
                .chain(cited_ids(&a.action))
                .collect();
            cite(
                item_at(Section::CorrectiveActions, i, "action"),
                &a.action,
                ids,
                out,
            );
        }
        for (i, m) in case.preventive_measures.iter().enumerate() {
            let ids = m
                .evidence
                .iter()
                .map(|s| s.trim().to_string())
                .chain(cited_ids(&m.measure))
                .collect();
            cite(
                item_at(Section::PreventiveMeasures, i, "measure"),
                &m.measure,
                ids,
                out,
            );
        }
        for f in cx.doc.fields.iter().filter(|f| {
            f.role.is_prose() && !matches!(f.id, FieldId::Case(p) if matches!(p.section, Section::CorrectiveActions | Section::PreventiveMeasures | Section::Evidence))
        }) {
            cite(f.id, f.text, cited_ids(f.text), out);
        }
        let mut seen = BTreeSet::new();
        for (i, e) in case.evidence.iter().enumerate() {
            let id = item_at(Section::Evidence, i, "title");
            let eid = e.id.trim();
            if eid.is_empty() {
                out.push(Finding::whole(
                    me,
                    id,
                    &e.title,
                    "This document has no id. Give it one (E1, E2, ...) so actions can cite it."
                        .into(),
                ));
            } else if !seen.insert(eid) {
                out.push(Finding::whole(
                    me,
                    id,
                    &e.title,
                    format!("Two documents have the id {eid}. Give each its own id."),
                ));
            } else if !cited.contains(eid) {
                out.push(Finding::whole(

                    me,
                    id,
                    &e.title,
                    format!("{eid} is listed but nothing cites it. Cite it from the action or measure it proves (evidence: [{eid}]), or remove it."),
                ));
            }
            if let Some(file) = e.file.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
                let ext = std::path::Path::new(file)
                    .extension()
                    .map(|x| x.to_string_lossy().to_ascii_lowercase())
                    .unwrap_or_default();
                if !ACCEPTED_TYPES.contains(&ext.as_str()) {
                    out.push(Finding::whole(

                        me,
                        item_at(Section::Evidence, i, "file"),
                        file,
                        format!("{file} is not a type the appeal form takes. Save it as PDF, JPG, PNG or GIF."),
                    ));
                }
                if cx.settings.missing_files.iter().any(|m| m == file) {
                    out.push(Finding::whole(

                        me,
                        item_at(Section::Evidence, i, "file"),
                        file,
                        format!("{file} does not exist (the path is relative to the case file). Correct the path, or put the file there."),
                    ));
                }
            }
        }
    }
}

/// D005: evidence dated outside the window the playbook asks for.
pub struct EvidenceOutsideWindow;

impl Rule for EvidenceOutsideWindow {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let (Some(case), Some(pb)) = (cx.doc.case, cx.doc.playbook) else {
            return;
        };
        let Some(received) = case.notice.received else {
            return;
        };
        let specs = pb.evidence_for(case.notice.response);
        for (i, e) in case.evidence.iter().enumerate() {
            let (Some(date), Some(days)) = (
                e.date,
                specs
                    .iter()
                    .find(|s| s.kind == e.kind)
                    .and_then(|s| s.window_days),
            ) else {
                continue;
            };
            let earliest = received.add_days(-i64::from(days));
            let message = if date < earliest {
                Some(format!(
                    "{} is dated {}, more than {days} days before the notice ({}). Amazon asks for documents from {} or later.",
                    if e.kind == EvidenceKind::Invoice {
                        "This invoice"
                    } else {
                        "This document"
                    },
                    date.long(),
                    received.long(),
                    earliest.long()
                ))
            } else if e.kind == EvidenceKind::Invoice && date > received {
                Some(format!(
                    "This invoice is dated {}, after the notice ({}). An invoice made after the notice can look made for the appeal: use invoices for the stock you sold.",
                    date.long(),
                    received.long()
                ))
            } else {
                None
            };
            if let Some(m) = message {
                out.push(Finding::whole(
                    me,
                    item_at(Section::Evidence, i, "date"),
                    &date.to_string(),
                    m,
                ));
            }
        }
    }
}
