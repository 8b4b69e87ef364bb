//! Compiled regular expressions, built once on first use.
//!
//! `ascii!` builds a pattern without Unicode classes (`\b`, `\s`, `\d` and
//! `(?i)` in their ASCII forms): the patterns of poa look for ASCII shapes
//! (ids, dates, links), and without Unicode tables they compile in
//! microseconds instead of milliseconds, which whole-process `poa check`
//! needs. `unicode!` keeps Unicode for the few patterns with CJK text.

macro_rules! ascii {
    ($re:expr $(,)?) => {{
        static CELL: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        CELL.get_or_init(|| {
            regex::RegexBuilder::new($re)
                .unicode(false)
                .build()
                .expect("a valid ASCII pattern")
        })
    }};
}

macro_rules! unicode {
    ($re:expr $(,)?) => {{
        static CELL: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        CELL.get_or_init(|| regex::Regex::new($re).expect("a valid pattern"))
    }};
}

/// A pattern over English words, matched byte by byte in ASCII mode: the
/// checker's word lists with bounded gaps (`[^.;]{0,40}`) compile to a
/// fraction of their Unicode size, which a one-shot `poa check` feels.
///
/// Two more savings on the build, which is most of a one-shot check's
/// time (measured on the checker's 18 largest patterns):
/// - no literal prefilter: for the short texts of a letter the lazy DFA
///   alone is as fast, and extracting the literals of a case-insensitive
///   word list was two thirds of each build;
/// - a `(?i)` pattern is built in lower case and matched against the text
///   in lower case (ASCII lower-casing keeps every byte in its place), a
///   quarter less to build than the pattern's case-insensitive form.
///
/// Matches are widened to whole characters, so they slice the text safely.
pub struct Words {
    re: regex_automata::meta::Regex,
    /// The pattern was `(?i)`: match the text lower-cased.
    fold: bool,
}

/// A match of `Words` in a text.
#[derive(Debug, Clone, Copy)]
pub struct WordMatch<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> WordMatch<'t> {
    fn new(text: &'t str, m: regex_automata::Match) -> WordMatch<'t> {
        let start = crate::case::floor_char_boundary(text, m.start());
        let mut end = m.end().min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        WordMatch { text, start, end }
    }
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
    pub fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

impl Words {
    pub fn new(re: &str) -> Words {
        use regex_automata::{meta, util::syntax};
        let body = re.trim_start();
        let (pattern, fold) = match body.strip_prefix("(?i)") {
            Some(rest) => (lower_outside_escapes(rest), true),
            None => (body.to_string(), false),
        };
        let re = meta::Builder::new()
            .syntax(syntax::Config::new().unicode(false).utf8(false))
            .configure(meta::Config::new().auto_prefilter(false).utf8_empty(false))
            .build(&pattern)
            .expect("a valid word pattern");
        Words { re, fold }
    }

    /// Runs `f` on the bytes to match: the text, or the text lower-cased
    /// in a buffer kept per thread.
    fn on<R>(&self, text: &str, f: impl FnOnce(&[u8]) -> R) -> R {
        if !self.fold {
            return f(text.as_bytes());
        }
        thread_local! {
            static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        BUF.with(|b| {
            let mut b = b.borrow_mut();
            b.clear();
            b.extend(text.bytes().map(|c| c.to_ascii_lowercase()));
            f(&b)
        })
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.on(text, |t| self.re.is_match(t))
    }
    pub fn find<'t>(&self, text: &'t str) -> Option<WordMatch<'t>> {
        self.on(text, |t| self.re.find(t))
            .map(|m| WordMatch::new(text, m))
    }
    pub fn find_iter<'t>(&self, text: &'t str) -> impl Iterator<Item = WordMatch<'t>> + use<'t> {
        let found: Vec<regex_automata::Match> = self.on(text, |t| self.re.find_iter(t).collect());
        found.into_iter().map(move |m| WordMatch::new(text, m))
    }
}

/// A pattern's letters in lower case, but for the letter of an escape
/// (`\B`, `\S` and `\W` mean other things than `\b`, `\s` and `\w`).
fn lower_outside_escapes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut escaped = false;
    for c in pattern.chars() {
        out.push(if escaped { c } else { c.to_ascii_lowercase() });
        escaped = !escaped && c == '\\';
    }
    out
}

/// A `Words` pattern compiled once, where it is used.
macro_rules! words {
    ($re:expr $(,)?) => {{
        static CELL: std::sync::OnceLock<$crate::pattern::Words> = std::sync::OnceLock::new();
        CELL.get_or_init(|| $crate::pattern::Words::new($re))
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_free_pattern_matches_any_case_and_keeps_escapes() {
        let w = Words::new(r"(?i)\bSeller Central\b\S*");
        let m = w.find("Write to seller CENTRAL-team now").unwrap();
        assert_eq!(m.as_str(), "seller CENTRAL-team");
        // `\B` stays "not a word boundary", not "a word boundary".
        let inside = Words::new(r"(?i)\Bing\b");
        assert!(inside.is_match("Shipping"));
        assert!(!inside.is_match("ING is a bank"));
        // Without `(?i)` the case counts.
        assert!(!Words::new(r"\bASIN\b").is_match("asin"));
        let all: Vec<&str> = Words::new(r"(?i)\bno\b")
            .find_iter("No, no and NO — não")
            .map(|m| m.as_str())
            .collect();
        assert_eq!(all, ["No", "no", "NO"]);
    }
}
