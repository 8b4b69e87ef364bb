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
