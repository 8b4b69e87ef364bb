//! Tone rules that need more than a phrase list: punctuation, counting,
//! pronouns, sentence shape.

use super::{hits, phrase_findings};
use crate::check::doc::Role;
use crate::check::text::sentence_words;
use crate::check::{Cx, Finding, Meta, Rule};

/// Capitals that are names, not shouting.
const ACRONYMS: [&str; 52] = [
    "ASIN", "ASINS", "USPS", "FEDEX", "ASTM", "CPSC", "CPSIA", "USPTO", "GMBH", "CORP", "GTIN",
    "ISBN", "MSDS", "ROHS", "REACH", "NOTE", "HAZMAT", "FNSKU", "SKUS", "UPCS", "EANS", "LLC",
    "IATA", "OSHA", "EPA", "FDA", "EUIPO", "WIPO", "CNIPA", "SGS", "INTERTEK", "TUV", "BSCI",
    "ISTA", "ANSI", "IEEE", "NIST", "UKCA", "PSE", "TELEC", "ACMA", "RCM", "BSMI", "INMETRO",
    "NOM", "SABER", "SASO", "ECAS", "GCC", "AEO", "CTPAT", "EORI",
];

/// T008: exclamation marks, or shouting in capitals.
pub struct ExclamationOrShouting;

impl Rule for ExclamationOrShouting {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        // Built on first need: most letters have neither.
        let bang = || unicode!(r"[!！]+");
        let caps = || ascii!(r"\b[A-Z]{4,}(?:[\s,]+[A-Z]{4,})+\b");
        for f in cx.doc.prose() {
            if f.text.contains('!') || f.text.contains('！') {
                for m in bang().find_iter(f.text) {
                    out.push(Finding::span(

                        me,
                        f,
                        m.start(),
                        m.end(),
                        "An exclamation mark reads as shouting in an appeal. End the sentence with a full stop.".into(),
                    ));
                }
            }
            // Two words of four capitals need eight (counting them is cheap).
            if f.text.bytes().filter(u8::is_ascii_uppercase).count() < 8 {
                continue;
            }
            for m in caps().find_iter(f.text) {
                // "[STORE NAME]" is a template's blank (C015), not shouting.
                if f.text[..m.start()].ends_with('[') {
                    continue;
                }
                let shouted = m
                    .as_str()
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .filter(|w| !w.is_empty() && !ACRONYMS.contains(w))
                    .count();
                if shouted >= 2 {
                    out.push(Finding::span(

                        me,
                        f,
                        m.start(),
                        m.end(),
                        "Words in capitals read as shouting. Write them in normal case; keep capitals for names such as ASIN or FBA.".into(),
                    ));
                }
            }
        }
    }
}

/// T009: more than one apology in the document.
pub struct RepeatedApology;

impl Rule for RepeatedApology {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        // The apology words are the code's phrase list: every one after the
        // first is reported.
        let mut apologies = Vec::new();
        phrase_findings(me, cx, &mut apologies);
        out.extend(apologies.into_iter().skip(1));
    }
}

/// Words before "I" that make it a name or a numeral ("Line I").
const ROMAN_AFTER: [&str; 14] = [
    "Line",
    "Phase",
    "Part",
    "Class",
    "Type",
    "Grade",
    "Level",
    "Stage",
    "Section",
    "Chapter",
    "Model",
    "Batch",
    "Building",
    "Warehouse",
];

/// T014: first person singular, or a mix of "I" and "we".
pub struct FirstPersonSingular;

impl Rule for FirstPersonSingular {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let plural = || ascii!(r"(?i)\b(?:we|our|us)\b");
        let mut uses_we = None;
        let mut reported = None;
        for (f, hit) in hits(cx, me.code) {
            // The first in each field.
            if reported == Some(f.id) {
                continue;
            }
            let word = &f.text[hit.start..hit.end];
            let capitals = word.len() > 1 && !word.bytes().any(|b| b.is_ascii_lowercase());
            let prev = f.text[..hit.start]
                .trim_end()
                .rsplit(char::is_whitespace)
                .next()
                .unwrap_or("");
            let numeral =
                word.eq_ignore_ascii_case("i") && (word == "i" || ROMAN_AFTER.contains(&prev));
            if capitals || numeral {
                continue;
            }
            reported = Some(f.id);
            let uses_we =
                *uses_we.get_or_insert_with(|| cx.doc.prose().any(|f| plural().is_match(f.text)));
            let message = if uses_we {
                "This mixes \"I\" and \"we\". Write the whole appeal as \"we\": it speaks for the business."
            } else {
                "Write \"we\" and \"our\" instead of \"I\" and \"my\": the appeal speaks for the business and its processes."
            };
            out.push(Finding::span(me, f, hit.start, hit.end, message.into()));
        }
    }
}

/// T015: passive voice that hides who acted.
pub struct PassiveHidesActor;

impl Rule for PassiveHidesActor {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let fault = || {
            ascii!(
                r"(?i)\b(?:mistakes?|errors?|problems?|issues?)\s+(?:was|were|have been|has been)\s+(?:made|caused|committed|found)\b|\b(?:was|were|has been|have been)\s+(?:not\s+)?(?:missed|overlooked|ignored|neglected|forgotten|mishandled|misplaced|mislabell?ed|violated)\b",
            )
        };
        let late = || {
            ascii!(
                r"(?i)\b(?:was|were)\s+(?:not\s+)?(?:shipped|sent|confirmed|delivered|dispatched|listed|uploaded|processed|packed|checked|updated|handled)\s+(?:late|wrongly|incorrectly|by mistake|too late)\b|\b(?:was|were)\s+not\s+(?:checked|updated|confirmed|shipped|reviewed|inspected|tested|trained|verified)\b",
            )
        };
        for (f, sentences, _) in cx.prose() {
            let lower = f.text.to_ascii_lowercase();
            if !(lower.contains("was") || lower.contains("were") || lower.contains("been")) {
                continue;
            }
            for re in [fault(), late()] {
                for m in re.find_iter(f.text) {
                    // "by" later in the same sentence names who acted.
                    let end = sentences
                        .iter()
                        .find(|r| r.contains(&m.start()))
                        .map_or(f.text.len(), |r| r.end);
                    if regex_by(&f.text[m.end()..end.max(m.end())]) {
                        continue;
                    }
                    out.push(Finding::span(

                        me,
                        f,
                        m.start(),
                        m.end(),
                        format!(
                            "\"{}\" hides who acted. Say who did it: \"we shipped 23 orders late\", \"our packer missed the check\".",
                            m.as_str()
                        ),
                    ));
                }
            }
        }
    }
}

fn regex_by(rest: &str) -> bool {
    rest.split_whitespace()
        .take(6)
        .any(|w| w.eq_ignore_ascii_case("by"))
}

/// T016: a sentence longer than 35 words.
pub struct LongSentence;

impl Rule for LongSentence {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        for (f, sentences, words) in cx.prose().filter(|(f, _, _)| f.role != Role::Evidence) {
            if words <= 35 {
                continue;
            }
            for r in sentences {
                let n = sentence_words(&f.text[r.clone()]);
                if n > 35 {
                    out.push(Finding::span(

                        me,
                        f,
                        r.start,
                        r.end,
                        format!("This sentence has {n} words. Split it into two or three short sentences, one fact each."),
                    ));
                }
            }
        }
    }
}
