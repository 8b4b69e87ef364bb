//! Reading text the way the rules need: sentences, words, dates, ASINs and
//! order ids. Pure functions over `&str` that return byte ranges.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

macro_rules! regex {
    ($re:expr) => {{
        static CELL: OnceLock<Regex> = OnceLock::new();
        CELL.get_or_init(|| Regex::new($re).expect("valid regex"))
    }};
}

/// At most `max` characters, with "…" when cut.
pub fn shorten(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Words: runs of letters or digits (with inner apostrophes and hyphens).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    regex!(r"[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*")
        .find_iter(text)
        .map(|m| m.as_str())
}

pub fn word_count(text: &str) -> usize {
    words(text).count()
}

const ABBREVIATIONS: [&str; 16] = [
    "e.g", "i.e", "etc", "co", "ltd", "inc", "no", "nr", "vs", "mr", "mrs", "ms", "dr", "st",
    "approx", "fig",
];

/// Sentence ranges: split at `.`, `!`, `?` (and their full-width forms)
/// followed by a space or the end, and at line ends; abbreviations,
/// decimals and versions do not end a sentence.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let end_here = match c {
            '\n' => true,
            '。' | '！' | '？' => true,
            '.' | '!' | '?' => {
                let next = iter.peek().map(|&(_, n)| n);
                let at_break = next.is_none_or(|n| n.is_whitespace() || n == '"' || n == ')');
                at_break && !(c == '.' && is_abbreviation(&text[start..i]))
            }
            _ => false,
        };
        if end_here {
            let end = i + c.len_utf8();
            push_trimmed(text, start, if c == '\n' { i } else { end }, &mut out);
            start = end;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn is_abbreviation(before: &str) -> bool {
    let last = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    ABBREVIATIONS.contains(&last.as_str())
        || (last.len() == 1 && last.chars().all(|c| c.is_alphabetic()))
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(start + lead..end - trail);
    }
}

/// Amazon Standard Identification Numbers: `B0` and 8 capitals or digits,
/// or a 10-digit ISBN for books.
pub fn asin_ranges(text: &str) -> Vec<Range<usize>> {
    regex!(r"\b(?:B0[A-Z0-9]{8}|\d{9}[\dX])\b")
        .find_iter(text)
        .map(|m| m.range())
        .collect()
}

/// Amazon order ids: 3-7-7 digits.
pub fn order_ranges(text: &str) -> Vec<Range<usize>> {
    regex!(r"\b\d{3}-\d{7}-\d{7}\b")
        .find_iter(text)
        .map(|m| m.range())
        .collect()
}

/// Tokens that look like an ASIN or an order id but are not one.
pub fn malformed_ids(text: &str) -> Vec<(Range<usize>, &'static str)> {
    let mut out = Vec::new();
    for m in regex!(r"\bB0[A-Za-z0-9]{5,11}\b").find_iter(text) {
        let t = m.as_str();
        let letters_digits = t
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        let has_digit = t[2..].chars().any(|c| c.is_ascii_digit());
        if has_digit && (t.len() != 10 || !letters_digits) {
            out.push((m.range(), "ASIN"));
        }
    }
    for m in regex!(r"\b\d{3}-\d{5,9}-\d{5,9}\b").find_iter(text) {
        let t = m.as_str();
        let parts: Vec<usize> = t.split('-').map(str::len).collect();
        if parts != [3, 7, 7] {
            out.push((m.range(), "order id"));
        }
    }
    out
}

/// Is `t` a well-formed ASIN (or ISBN-10)?
pub fn is_asin(t: &str) -> bool {
    regex!(r"^(?:B0[A-Z0-9]{8}|\d{9}[\dX])$").is_match(t)
}

pub fn is_order_id(t: &str) -> bool {
    regex!(r"^\d{3}-\d{7}-\d{7}$").is_match(t)
}

/// A Merchant Token: `A` and 9 to 15 capitals or digits.
pub fn is_merchant_token(t: &str) -> bool {
    regex!(r"^A[A-Z0-9]{9,15}$").is_match(t)
}

pub use crate::case::FoundDate;

/// Dates in text: ISO, "19 November 2026", "November 19, 2026", "Nov 19",
/// "19/11/2026", "2026年11月19日" and weekday names ("on Monday"). A slash
/// date that could be either day or month first has no day.
pub fn dates(text: &str) -> Vec<FoundDate> {
    crate::case::find_dates(text, None)
}

/// Does the text hold a fact a reviewer can check: a number, date, rate,
/// ASIN or order id?
pub fn has_concrete_data(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        || !dates(text).is_empty()
        || regex!(r"(?i)\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand)\b").is_match(text)
}

/// `replacement`, capitalised like `matched` ("Don't" → "Do not").
pub fn match_case(matched: &str, replacement: &str) -> String {
    let letters: Vec<char> = matched.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if matched.starts_with(|c: char| c.is_uppercase()) {
        let mut cs = replacement.chars();
        return match cs.next() {
            Some(f) => f.to_uppercase().chain(cs).collect(),
            None => String::new(),
        };
    }
    replacement.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn sentences_skip_abbreviations_and_decimals() {
        assert_eq!(
            sents(
                "Our rate was 8.0% in v2.3 of the tool. Shenzhen Co. Ltd. supplied it! Next?\nNew line"
            ),
            [
                "Our rate was 8.0% in v2.3 of the tool.",
                "Shenzhen Co. Ltd. supplied it!",
                "Next?",
                "New line"
            ]
        );
    }

    #[test]
    fn finds_ids_and_near_misses() {
        let t = "B0C4X9K2LM, B0C4X9K2L and 113-4821937-5520146 but 113-482193-5520146.";
        assert_eq!(asin_ranges(t).len(), 1);
        assert_eq!(order_ranges(t).len(), 1);
        let bad: Vec<&str> = malformed_ids(t).into_iter().map(|(r, _)| &t[r]).collect();
        assert_eq!(bad, ["B0C4X9K2L", "113-482193-5520146"]);
        assert!(malformed_ids("B0OKSHELF and BOOKS").is_empty());
    }

    #[test]
    fn match_case_follows_the_original() {
        assert_eq!(match_case("Don't", "do not"), "Do not");
        assert_eq!(match_case("DON'T", "do not"), "DO NOT");
        assert_eq!(match_case("don't", "do not"), "do not");
    }
}
