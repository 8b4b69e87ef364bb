//! Policy: what must not appear in an appeal at all.

use std::ops::Range;

use regex::Regex;

use super::phrase_findings;
use crate::check::doc::{FieldId, Role};
use crate::check::{Cx, Finding, Meta, Rule};

/// A shape of contact data: its pattern (built on first need), the parts
/// of a text the pattern can match in (most texts have none, and the
/// pattern never runs), and what it is.
type Shape = (
    fn() -> &'static Regex,
    fn(&str) -> Vec<Range<usize>>,
    &'static str,
);

/// The whole text if `may_match`, else nothing.
fn whole_if(t: &str, may_match: bool) -> Vec<Range<usize>> {
    if may_match {
        std::iter::once(0..t.len()).collect()
    } else {
        Vec::new()
    }
}

/// Whether a `.` of the text has `before` just before it or `after` just
/// after it, in any case.
fn dot_between(t: &str, before: &[&str], after: &[&str]) -> bool {
    let b = t.as_bytes();
    t.match_indices('.').any(|(i, _)| {
        before
            .iter()
            .any(|w| i >= w.len() && b[i - w.len()..i].eq_ignore_ascii_case(w.as_bytes()))
            || after.iter().any(|w| {
                b.get(i + 1..i + 1 + w.len())
                    .is_some_and(|x| x.eq_ignore_ascii_case(w.as_bytes()))
            })
    })
}

/// The parts of a text where a phone number can be: each run of digits,
/// spaces, dots, dashes, brackets and `+` with six digits or more, widened
/// by the character on each side so that `\b` sees what is around it.
fn phone_windows(t: &str) -> Vec<Range<usize>> {
    let b = t.as_bytes();
    let sep = |c: u8| {
        matches!(
            c,
            b'.' | b'-' | b'(' | b')' | b'+' | b' ' | b'\t' | b'\n' | b'\r'
        )
    };
    let mut out = Vec::new();
    let mut i = 0;
    // Jump from digit to digit: most of a text is far from any.
    while let Some(p) = next_digit(&b[i..]) {
        let mut start = i + p;
        while start > i && sep(b[start - 1]) {
            start -= 1;
        }
        let (mut end, mut digits) = (i + p, 0);
        while end < b.len() && (b[end].is_ascii_digit() || sep(b[end])) {
            digits += usize::from(b[end].is_ascii_digit());
            end += 1;
        }
        if digits >= 6 {
            let from = t[..start]
                .chars()
                .next_back()
                .map_or(0, |c| start - c.len_utf8());
            let to = t[end..].chars().next().map_or(end, |c| end + c.len_utf8());
            out.push(from..to);
        }
        i = end;
    }
    out
}

/// Where the first ASCII digit is, skipping 16 bytes at a time where
/// there is none (the test of 16 bytes compiles to a few vector steps).
fn next_digit(b: &[u8]) -> Option<usize> {
    let mut at = 0;
    for chunk in b.chunks_exact(16) {
        if chunk.iter().fold(false, |any, c| any | c.is_ascii_digit()) {
            break;
        }
        at += 16;
    }
    b[at..].iter().position(u8::is_ascii_digit).map(|p| at + p)
}

const APPS: [&str; 8] = [
    "wechat", "weixin", "whatsapp", "telegram", "skype", "viber", "qq", "line",
];

/// P001: an external link, email address, phone number or messaging handle.
pub struct ExternalContact;

impl Rule for ExternalContact {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        const TLDS: [&str; 10] = [
            "com", "net", "org", "cn", "io", "shop", "store", "info", "biz", "co",
        ];
        let checks: [Shape; 6] = [
            (
                || ascii!(r"(?i)\b(?:https?://|www\.)[!-'*-;=?-~]+"),
                |t| whole_if(t, t.contains("://") || dot_between(t, &["www"], &[])),
                "a link. Appeal forms do not accept external links: attach the document instead and refer to it by its id (E1)",
            ),
            (
                || ascii!(r"(?i)\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+\b"),
                |t| whole_if(t, t.contains('@')),
                "an email address. Amazon contacts sellers through Seller Central only: delete it",
            ),
            (
                || {
                    ascii!(
                        r"(?i)\b[a-z0-9-]{2,}\.(?:com|net|org|cn|io|shop|store|info|biz|co)(?:\.[a-z]{2})?(?:/[!-~]*)?\b"
                    )
                },
                |t| whole_if(t, dot_between(t, &[], &TLDS)),
                "a web address. Appeal forms do not accept external links: attach the document instead",
            ),
            (
                || {
                    ascii!(
                        r"(?:\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,5}){2,4}|\(\d{3}\)\s?\d{3}[\s.-]\d{4}|\b\d{3}[\s.-]\d{3}[\s.-]\d{4}\b|\b1[3-9]\d[\s-]\d{4}[\s-]\d{4}\b)"
                    )
                },
                phone_windows,
                "a phone number. Amazon contacts sellers through Seller Central only: delete it",
            ),
            (
                || {
                    ascii!(
                        r"(?i)\b(?:wechat|weixin|whatsapp|telegram|skype|viber|line|qq)\b\s*(?:(?:id|number|no\.?|account)\s*)?:\s*[@+]?[A-Za-z0-9_.\-]{3,}|\b(?:wechat|weixin|whatsapp|telegram|skype|viber)\s+(?:id|number)\s+[@+]?[A-Za-z0-9_.\-]{3,}"
                    )
                },
                // The handle follows a colon, or "id" or "number".
                |t| {
                    let l = t.to_ascii_lowercase();
                    let handle = l.contains(':') || l.contains(" id ") || l.contains(" number ");
                    whole_if(t, handle && APPS.iter().any(|a| l.contains(a)))
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
                |t| {
                    let cjk = !t.is_ascii() && (t.contains('：') || t.contains('微'));
                    whole_if(t, cjk || t.contains("QQ"))
                },
                "a messaging-app contact. Amazon contacts sellers through Seller Central only: delete it",
            ),
        ];
        // A draft's account block ("Email address: ...") is data, and read too.
        let lines = cx
            .doc
            .fields
            .iter()
            .filter(|f| f.role == Role::Data && matches!(f.id, FieldId::Line(_)));
        for f in cx.doc.prose().chain(lines) {
            let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
            for (re, windows, what) in checks {
                for w in windows(f.text) {
                    for m in re().find_iter(&f.text[w.clone()]) {
                        let r = w.start + m.start()..w.start + m.end();
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
                            me,
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
}

/// Is the sentence `s` written in another language than English (not a
/// name or an address in its own letters)?
pub(crate) fn not_english(s: &str) -> bool {
    let latin = s.chars().filter(|c| is_latin(*c)).count();
    let other = s
        .chars()
        .filter(|c| c.is_alphabetic() && !is_latin(*c))
        .count();
    let cjk_punct = s.chars().any(|c| "，。！？；：、".contains(c));
    let name_like = !cjk_punct && other <= 30 && is_cjk_name_suffix(s);
    other >= 4 && (other > latin || cjk_punct) && !name_like
}

/// The Chinese stretches of a mostly English sentence ("包装问题",
/// "从10月开始"), when they hold four or more Chinese letters in all and
/// none is a company or place name ("深圳市华南贸易有限公司"). A name of
/// two or three letters alone ("张伟") is left to L003.
fn chinese_inside(s: &str) -> Vec<(usize, usize)> {
    let cjk = |c: char| c.is_alphabetic() && crate::layout::font::is_cjk(c);
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut letters = 0;
    let mut open: Option<(usize, usize)> = None;
    for (i, c) in s.char_indices() {
        let end = i + c.len_utf8();
        match open {
            _ if cjk(c) => {
                letters += 1;
                open = Some((open.map_or(i, |(a, _)| a), end));
            }
            // Digits inside a Chinese stretch belong to it ("10月").
            Some(_) if c.is_ascii_digit() => {}
            Some(run) => {
                runs.push(run);
                open = None;
            }
            None => {}
        }
    }
    runs.extend(open);
    if letters < 4 || runs.iter().any(|&(a, b)| is_cjk_name_suffix(&s[a..b])) {
        return Vec::new();
    }
    runs
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
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        // Only a text with letters beyond Latin can hold another language.
        for (f, sentences, _) in cx.prose().filter(|(f, _, _)| {
            !f.text.is_ascii() && f.text.chars().any(|c| c.is_alphabetic() && !is_latin(c))
        }) {
            for r in sentences.iter().cloned() {
                let s = &f.text[r.clone()];
                if not_english(s) {
                    out.push(Finding::span(

                        me,
                        f,
                        r.start,
                        r.end,
                        "This sentence is not in English. The appeal is read in English: write it in English (names and addresses may stay as they are).".into(),
                    ));
                } else {
                    // "the 包装问题 of the mugs": Chinese words inside an
                    // English sentence reach the reviewer as they are.
                    for (a, b) in chinese_inside(s) {
                        let part = &s[a..b];
                        out.push(Finding::span(
                        me,
                        f,
                        r.start + a,
                        r.start + b,
                        format!("\"{part}\" is Chinese inside an English sentence. The appeal is read in English: write this part in English, and a name in pinyin or as your business licence writes it."),
                    ));
                    }
                }
            }
        }
    }
}

/// P005: a question put to Amazon.
pub struct QuestionToAmazon;

impl Rule for QuestionToAmazon {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let before = out.len();
        phrase_findings(me, cx, out);
        for (f, sentences, _) in cx
            .prose()
            .filter(|(f, _, _)| f.text.contains('?') || f.text.contains('？'))
        {
            // A buyer's question quoted in the letter is not the writer's.
            let quotes = crate::check::sense::quoted(f.text);
            for r in sentences.iter().cloned() {
                let s = f.text[r.clone()].trim_end_matches(['"', ')', '\'', '”']);
                let mark = r.start + s.len().saturating_sub(1);
                if quotes.iter().any(|q| q.start <= mark && mark < q.end) {
                    continue;
                }
                if s.ends_with('?') || s.ends_with('？') {
                    if out[before..].iter().any(|x| {
                        x.field == f.id && x.start.is_some_and(|st| st >= r.start && st < r.end)
                    }) {
                        continue;
                    }
                    out.push(Finding::span(

                        me,
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
