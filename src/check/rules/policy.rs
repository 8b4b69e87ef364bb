//! Policy: what must not appear in an appeal at all.

use regex::Regex;

use super::phrase_findings;
use crate::check::catalog::severity;
use crate::check::{Cx, Finding, Rule};

/// A shape of contact data: its pattern (built on first need), a cheap
/// test of the text and its lower case that must pass first, and what it is.
type Shape = (fn() -> &'static Regex, fn(&str, &str) -> bool, &'static str);

/// Three digits, a separator, a digit: how the phone numbers the regex
/// knows without `+` or `(` begin.
/// Six or more digits in one run of digits, spaces, dots, dashes, brackets
/// and `+`: the least every phone pattern below needs, so a text without
/// it never runs that pattern.
fn phone_like(t: &str) -> bool {
    let mut digits = 0;
    for b in t.bytes() {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                if digits >= 6 {
                    return true;
                }
            }
            b'.' | b'-' | b'(' | b')' | b'+' => {}
            b if b.is_ascii_whitespace() => {}
            _ => digits = 0,
        }
    }
    false
}

/// P001: an external link, email address, phone number or messaging handle.
pub struct ExternalContact;

impl Rule for ExternalContact {
    fn code(&self) -> &'static str {
        "P001"
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        // Each shape with a cheap test of the text (and its lower case) that
        // must pass before the pattern runs.
        // The patterns are built on first need: most texts never need them.
        let checks: [Shape; 6] = [
            (
                || ascii!(r"(?i)\b(?:https?://|www\.)[!-'*-;=?-~]+"),
                |t, l| t.contains("://") || l.contains("www."),
                "a link. Appeal forms do not accept external links: attach the document instead and refer to it by its id (E1)",
            ),
            (
                || ascii!(r"(?i)\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+\b"),
                |t, _| t.contains('@'),
                "an email address. Amazon contacts sellers through Seller Central only: delete it",
            ),
            (
                || {
                    ascii!(
                        r"(?i)\b[a-z0-9-]{2,}\.(?:com|net|org|cn|io|shop|store|info|biz|co)(?:\.[a-z]{2})?(?:/[!-~]*)?\b"
                    )
                },
                |_, l| {
                    const TLDS: [&str; 10] = [
                        "com", "net", "org", "cn", "io", "shop", "store", "info", "biz", "co",
                    ];
                    l.match_indices('.')
                        .any(|(i, _)| TLDS.iter().any(|t| l[i + 1..].starts_with(t)))
                },
                "a web address. Appeal forms do not accept external links: attach the document instead",
            ),
            (
                || {
                    ascii!(
                        r"(?:\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,5}){2,4}|\(\d{3}\)\s?\d{3}[\s.-]\d{4}|\b\d{3}[\s.-]\d{3}[\s.-]\d{4}\b|\b1[3-9]\d[\s-]\d{4}[\s-]\d{4}\b)"
                    )
                },
                |t, _| phone_like(t),
                "a phone number. Amazon contacts sellers through Seller Central only: delete it",
            ),
            (
                || {
                    ascii!(
                        r"(?i)\b(?:wechat|weixin|whatsapp|telegram|skype|viber|line|qq)\b\s*(?:(?:id|number|no\.?|account)\s*)?:\s*[@+]?[A-Za-z0-9_.\-]{3,}|\b(?:wechat|weixin|whatsapp|telegram|skype|viber)\s+(?:id|number)\s+[@+]?[A-Za-z0-9_.\-]{3,}"
                    )
                },
                // The handle follows a colon, or "id" or "number".
                |_, l| {
                    (l.contains(':') || l.contains(" id ") || l.contains(" number "))
                        && [
                            "wechat", "weixin", "whatsapp", "telegram", "skype", "viber", "qq",
                            "line",
                        ]
                        .iter()
                        .any(|a| l.contains(a))
                },
                "a messaging-app contact. Amazon contacts sellers through Seller Central only: delete it",
            ),
            (
                // Chinese app names and the full-width colon.
                || {
                    unicode!(
                        r"(?:微信|QQ号|(?i:wechat|weixin|whatsapp|telegram|skype|viber|line|qq))\s*(?:id|号)?\s*[：:]\s*[@+]?[A-Za-z0-9_.\-]{3,}"
                    )
                },
                |t, _| t.contains('：') || t.contains('微') || t.contains("QQ"),
                "a messaging-app contact. Amazon contacts sellers through Seller Central only: delete it",
            ),
        ];
        let sev = severity("P001");
        for f in cx.doc.prose() {
            let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
            let lower = f.text.to_ascii_lowercase();
            for (re, may_match, what) in checks {
                if !may_match(f.text, &lower) {
                    continue;
                }
                for m in re().find_iter(f.text) {
                    let r = m.range();
                    if taken.iter().any(|t| t.start < r.end && r.start < t.end) {
                        continue;
                    }
                    let s = m.as_str().to_ascii_lowercase();
                    let amazon_name = (s.starts_with("amazon.") || s.contains(".amazon."))
                        && !s.contains('/')
                        && !s.starts_with("www.");
                    if amazon_name {
                        continue;
                    }
                    taken.push(r.clone());
                    out.push(Finding::span(
                        "P001",
                        sev,
                        f,
                        r.start,
                        r.end,
                        format!("This is {what}."),
                    ));
                }
            }
        }
    }
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c)
}

fn is_cjk_name_suffix(s: &str) -> bool {
    const SUFFIXES: [&str; 16] = [
        "公司", "厂", "店", "市", "区", "路", "号", "省", "县", "镇", "村", "大厦", "室", "街",
        "楼", "园",
    ];
    SUFFIXES.iter().any(|x| s.trim_end().ends_with(x))
}

/// P003: prose that is not English (names and addresses aside).
pub struct NotEnglish;

impl Rule for NotEnglish {
    fn code(&self) -> &'static str {
        "P003"
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        let sev = severity("P003");
        // Only a text with letters beyond Latin can hold another language.
        for (f, sentences, _) in cx
            .prose()
            .filter(|(f, _, _)| f.text.chars().any(|c| c.is_alphabetic() && !is_latin(c)))
        {
            for r in sentences.iter().cloned() {
                let s = &f.text[r.clone()];
                let latin = s.chars().filter(|c| is_latin(*c)).count();
                let other = s
                    .chars()
                    .filter(|c| c.is_alphabetic() && !is_latin(*c))
                    .count();
                let cjk_punct = s.chars().any(|c| "，。！？；：、".contains(c));
                let name_like = !cjk_punct && other <= 30 && is_cjk_name_suffix(s);
                if other >= 4 && (other > latin || cjk_punct) && !name_like {
                    out.push(Finding::span(
                        "P003",
                        sev,
                        f,
                        r.start,
                        r.end,
                        "This sentence is not in English. The appeal is read in English: write it in English (names and addresses may stay as they are).".into(),
                    ));
                }
            }
        }
    }
}

/// P005: a question put to Amazon.
pub struct QuestionToAmazon;

impl Rule for QuestionToAmazon {
    fn code(&self) -> &'static str {
        "P005"
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        let before = out.len();
        phrase_findings(cx, "P005", out);
        let sev = severity("P005");
        for (f, sentences, _) in cx.prose().filter(|(f, _, _)| f.text.contains(['?', '？'])) {
            for r in sentences.iter().cloned() {
                let s = f.text[r.clone()].trim_end_matches(['"', ')', '\'']);
                if s.ends_with('?') || s.ends_with('？') {
                    if out[before..].iter().any(|x| {
                        x.field == f.id && x.start.is_some_and(|st| st >= r.start && st < r.end)
                    }) {
                        continue;
                    }
                    out.push(Finding::span(
                        "P005",
                        sev,
                        f,
                        r.start,
                        r.end,
                        "This is a question. Amazon asks for questions to be removed from appeals: state what you did instead.".into(),
                    ));
                }
            }
        }
    }
}
