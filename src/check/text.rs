//! Reading text the way the rules need: sentences, words, dates, ASINs and
//! order ids. Pure functions over `&str` that return byte ranges.

use std::ops::Range;

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

/// Is `c` a character of a script written without spaces (Chinese,
/// Japanese kana, Korean syllables)? Each counts as a word, as word
/// processors count them, so a Chinese answer is not "one word".
pub fn counts_alone(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'   // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{AC00}'..='\u{D7AF}' // Hangul syllables
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{20000}'..='\u{3FFFF}' // CJK extensions B and later
    )
}

/// Is `c` part of a word?
fn word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// Words: runs of letters or digits, with inner apostrophes, hyphens and
/// dots ("don't", "A-to-z", "8.0"); each Chinese, Japanese or Korean
/// character on its own (`counts_alone`).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    let ascii = text.is_ascii();
    std::iter::from_fn(move || {
        if ascii {
            let b = text.as_bytes();
            let start = at + b[at..].iter().position(u8::is_ascii_alphanumeric)?;
            let mut end = start + 1;
            while end < b.len() {
                if b[end].is_ascii_alphanumeric()
                    || (matches!(b[end], b'\'' | b'-' | b'.')
                        && b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric))
                {
                    end += 1;
                } else {
                    break;
                }
            }
            at = end;
            return Some(&text[start..end]);
        }
        let rest = &text[at..];
        let start = at + rest.find(word_char)?;
        let first = text[start..].chars().next()?;
        if counts_alone(first) {
            at = start + first.len_utf8();
            return Some(&text[start..at]);
        }
        let mut end = start;
        let mut prev_joiner = false;
        for (i, c) in text[start..].char_indices() {
            if counts_alone(c) {
                break;
            } else if word_char(c) {
                end = start + i + c.len_utf8();
                prev_joiner = false;
            } else if !prev_joiner && matches!(c, '\'' | '\u{2019}' | '-' | '.') {
                prev_joiner = true;
            } else {
                break;
            }
        }
        at = end;
        Some(&text[start..end])
    })
}

/// The words of a case's letter: its prose fields (the editor's count and
/// `poa report`'s).
pub fn prose_words(case: &crate::case::Case) -> usize {
    case.text_fields()
        .iter()
        .filter(|f| f.path.is_prose())
        .map(|f| word_count(f.text))
        .sum()
}

/// The number of words, as `words` counts them, without building them.
pub fn word_count(text: &str) -> usize {
    if text.is_ascii() {
        let b = text.as_bytes();
        let mut n = 0;
        let mut prev_word = false;
        for (i, &c) in b.iter().enumerate() {
            let word = c.is_ascii_alphanumeric()
                || (prev_word
                    && matches!(c, b'\'' | b'-' | b'.')
                    && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric));
            n += usize::from(word && !prev_word);
            prev_word = word;
        }
        return n;
    }
    let is_word = |c: char| {
        if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        }
    };
    let mut n = 0;
    let mut prev_word = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if counts_alone(c) {
            n += 1;
            prev_word = false;
            continue;
        }
        let word = is_word(c)
            || (prev_word
                && matches!(c, '\'' | '\u{2019}' | '-' | '.')
                && chars.peek().is_some_and(|&d| is_word(d)));
        if word && !prev_word {
            n += 1;
        }
        prev_word = word;
    }
    n
}

/// Words as an English reader meets them in a sentence: a name or an
/// address in Chinese characters (a run of them) is one word, where
/// `word_count` counts each character.
pub fn sentence_words(text: &str) -> usize {
    let mut n = word_count(text);
    if !text.is_ascii() {
        let mut prev = false;
        for c in text.chars() {
            let alone = counts_alone(c);
            if alone && prev {
                n -= 1;
            }
            prev = alone;
        }
    }
    n
}

const ABBREVIATIONS: [&str; 16] = [
    "e.g", "i.e", "etc", "co", "ltd", "inc", "no", "nr", "vs", "mr", "mrs", "ms", "dr", "st",
    "approx", "fig",
];

/// Sentence ranges: split at `.`, `!`, `?` (and their full-width forms)
/// followed by a space or the end, and at line ends; abbreviations,
/// decimals and versions do not end a sentence.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    // From one byte that may end a sentence to the next: a line end, `.`,
    // `!`, `?`, or the first byte of `。`, `！`, `？` (and of other characters
    // past U+3000).
    while let Some(p) = b[i..]
        .iter()
        .position(|&c| matches!(c, b'\n' | b'.' | b'!' | b'?') || c >= 0xE3)
    {
        i += p;
        // (length of the terminator, whether it ends a sentence)
        let (len, end_here) = match b[i] {
            b'\n' => (1, true),
            b'.' | b'!' | b'?' => {
                let at_break = b
                    .get(i + 1)
                    .is_none_or(|n| n.is_ascii_whitespace() || matches!(n, b'"' | b')'))
                    || text[i + 1..].starts_with(char::is_whitespace);
                (
                    1,
                    at_break && !(b[i] == b'.' && is_abbreviation(&b[start..i])),
                )
            }
            // 。！？ in UTF-8.
            0xE3 if b[i..].starts_with("。".as_bytes()) => (3, true),
            0xEF if b[i..].starts_with("！".as_bytes()) || b[i..].starts_with("？".as_bytes()) => {
                (3, true)
            }
            _ => (1, false),
        };
        if end_here {
            push_trimmed(
                text,
                start,
                if b[i] == b'\n' { i } else { i + len },
                &mut out,
            );
            start = i + len;
        }
        i += len;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// Does the text before a full stop end with an abbreviation ("Co", "e.g",
/// a single letter)?
fn is_abbreviation(before: &[u8]) -> bool {
    let from = before
        .iter()
        .rposition(|c| c.is_ascii_whitespace() || *c == b'(')
        .map_or(0, |p| p + 1);
    let last = &before[from..];
    (last.len() == 1 && last[0].is_ascii_alphabetic())
        || ABBREVIATIONS
            .iter()
            .any(|a| a.as_bytes().eq_ignore_ascii_case(last))
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
    ascii!(r"\b(?:B0[A-Z0-9]{8}|\d{9}[\dX])\b")
        .find_iter(text)
        .map(|m| m.range())
        .collect()
}

/// Amazon order ids: 3-7-7 digits.
pub fn order_ranges(text: &str) -> Vec<Range<usize>> {
    ascii!(r"\b\d{3}-\d{7}-\d{7}\b")
        .find_iter(text)
        .map(|m| m.range())
        .collect()
}

/// Tokens that look like an ASIN or an order id but are not one.
pub fn malformed_ids(text: &str) -> Vec<(Range<usize>, &'static str)> {
    let mut out = Vec::new();
    // Each pattern only where its fixed part is in the text.
    let asins = text
        .contains("B0")
        .then(|| ascii!(r"\bB0[A-Za-z0-9]{5,11}\b").find_iter(text));
    for m in asins.into_iter().flatten() {
        let t = m.as_str();
        let letters_digits = t
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        let has_digit = t[2..].chars().any(|c| c.is_ascii_digit());
        if has_digit && (t.len() != 10 || !letters_digits) {
            out.push((m.range(), "ASIN"));
        }
    }
    let orders = text
        .contains('-')
        .then(|| ascii!(r"\b\d{3}-\d{5,9}-\d{5,9}\b").find_iter(text));
    for m in orders.into_iter().flatten() {
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
    ascii!(r"^(?:B0[A-Z0-9]{8}|\d{9}[\dX])$").is_match(t)
}

pub fn is_order_id(t: &str) -> bool {
    ascii!(r"^\d{3}-\d{7}-\d{7}$").is_match(t)
}

/// A Merchant Token: `A` and 9 to 15 capitals or digits.
pub fn is_merchant_token(t: &str) -> bool {
    ascii!(r"^A[A-Z0-9]{9,15}$").is_match(t)
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
    const NUMBERS: [&str; 18] = [
        "eight", "eighteen", "eleven", "fifty", "five", "forty", "four", "hundred", "nine", "one",
        "seven", "six", "ten", "thirty", "thousand", "three", "twelve", "two",
    ];
    text.bytes().any(|b| b.is_ascii_digit())
        || words(text).any(|w| w.len() >= 3 && NUMBERS.iter().any(|n| n.eq_ignore_ascii_case(w)))
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

/// A word's 64-bit FNV-1a hash as the phrase lists hold it: lower case,
/// `’` read as `'`; so a text's words are looked up without a lower-case
/// copy. (FNV, a byte at a time, beats hashing eight bytes at a time here:
/// words are short, and the leftover bytes cost more than they save.)
pub fn word_hash(word: &str) -> u64 {
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    if word.is_ascii() {
        for b in word.bytes() {
            h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(PRIME);
        }
        return h;
    }
    let mut buf = [0u8; 4];
    for c in folded(word) {
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(PRIME);
        }
    }
    h
}

/// A word's characters as the phrase lists hold them: lower case, `’`
/// read as `'`.
pub fn folded(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars()
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .flat_map(char::to_lowercase)
}

/// The tokens of an ASCII text as the phrase matcher reads them (words as
/// `words` finds them, and every other visible character on its own), each given to `f`
/// with its `word_hash` (taken as it is read) and whether it is a word
/// rather than a mark.
pub fn ascii_tokens(b: &[u8], mut f: impl FnMut(usize, usize, u64, bool)) {
    const PRIME: u64 = 0x0100_0000_01b3;
    const START: u64 = 0xcbf2_9ce4_8422_2325;
    let step = |h: u64, c: u8| (h ^ u64::from(c.to_ascii_lowercase())).wrapping_mul(PRIME);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_alphanumeric() {
            let start = i;
            let mut h = step(START, c);
            i += 1;
            while i < b.len() {
                let d = b[i];
                if d.is_ascii_alphanumeric()
                    || (matches!(d, b'\'' | b'-' | b'.')
                        && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric))
                {
                    h = step(h, d);
                    i += 1;
                } else {
                    break;
                }
            }
            f(start, i, h, true);
        } else {
            if !c.is_ascii_whitespace() {
                f(i, i + 1, step(START, c), false);
            }
            i += 1;
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
pub fn content_words(text: &str) -> Vec<u64> {
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
pub fn overlap<T: Ord>(a: &[T], b: &[T]) -> f64 {
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
    fn sentences_split_at_chinese_stops_only() {
        assert_eq!(
            sents("我们已经退款。买家满意！还有问题？没有 ok. 最后"),
            [
                "我们已经退款。",
                "买家满意！",
                "还有问题？",
                "没有 ok.",
                "最后"
            ]
        );
        assert_eq!(
            sents("“（全角）” text：中文、逗号，不断句"),
            ["“（全角）” text：中文、逗号，不断句"]
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
    fn word_count_agrees_with_words() {
        for t in [
            "",
            "one",
            "Don't stop — it's 8.0% of A-to-z, said Mr. O'Neil.",
            "我们 are here",
            "我们已经退款给14位买家。",
            "ASIN B0C 的库存abc123",
            "スーパー and 한국어",
            "a - b",
            "x.",
            "...word",
        ] {
            assert_eq!(word_count(t), words(t).count(), "{t}");
        }
    }

    #[test]
    fn chinese_is_counted_in_characters() {
        // "We have refunded 14 buyers": nine characters and a number, not
        // one word; English between them still counts by words.
        assert_eq!(word_count("我们已经退款给14位买家。"), 11);
        assert_eq!(word_count("我们的 FBA 库存"), 6);
        assert_eq!(word_count("We refunded 14 buyers."), 4);
        // In an English sentence a Chinese name is one word.
        assert_eq!(
            sentence_words("We bought from 深圳市华信有限公司 in May."),
            6
        );
        assert_eq!(sentence_words("We refunded 14 buyers."), 4);
    }

    #[test]
    fn match_case_follows_the_original() {
        assert_eq!(match_case("Don't", "do not"), "Do not");
        assert_eq!(match_case("DON'T", "do not"), "DO NOT");
        assert_eq!(match_case("don't", "do not"), "do not");
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
