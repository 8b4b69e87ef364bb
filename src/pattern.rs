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
/// Matches are widened to whole characters, so they slice the text safely.
pub struct Words(regex::bytes::Regex);

/// A match of `Words` in a text.
#[derive(Debug, Clone, Copy)]
pub struct WordMatch<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> WordMatch<'t> {
    fn new(text: &'t str, m: regex::bytes::Match<'_>) -> WordMatch<'t> {
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
        Words(
            regex::bytes::RegexBuilder::new(re)
                .unicode(false)
                .build()
                .expect("a valid word pattern"),
        )
    }
    pub fn is_match(&self, text: &str) -> bool {
        self.0.is_match(text.as_bytes())
    }
    pub fn find<'t>(&self, text: &'t str) -> Option<WordMatch<'t>> {
        self.0
            .find(text.as_bytes())
            .map(|m| WordMatch::new(text, m))
    }
    pub fn find_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = WordMatch<'t>> + 'r
    where
        't: 'r,
    {
        self.0
            .find_iter(text.as_bytes())
            .map(move |m| WordMatch::new(text, m))
    }
}

/// A `Words` pattern compiled once, where it is used.
macro_rules! words {
    ($re:expr $(,)?) => {{
        static CELL: std::sync::OnceLock<$crate::pattern::Words> = std::sync::OnceLock::new();
        CELL.get_or_init(|| $crate::pattern::Words::new($re))
    }};
}
