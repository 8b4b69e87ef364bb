//! A calendar date as the case file writes it: `YYYY-MM-DD`.
//!
//! Wraps `jiff::civil::Date` so the rest of the code has one date type with
//! the parsing messages a writer can act on. Never reads the clock.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A day in the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(jiff::civil::Date);

/// The months' names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// The years a case file may hold.
    pub const YEARS: std::ops::RangeInclusive<i16> = 1900..=2199;

    /// A date from its parts; `None` when the day does not exist or the
    /// year is outside `YEARS` (a date read from a draft or a notice is
    /// then no date, never one the case file would refuse).
    pub fn new(year: i16, month: i8, day: i8) -> Option<Date> {
        if !Date::YEARS.contains(&year) {
            return None;
        }
        jiff::civil::Date::new(year, month, day).ok().map(Date)
    }

    pub fn year(self) -> i16 {
        self.0.year()
    }

    pub fn month(self) -> i8 {
        self.0.month()
    }

    pub fn day(self) -> i8 {
        self.0.day()
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        let span = self.0.until(later.0).expect("dates in range");
        i64::from(span.get_days())
    }

    /// This date moved by `days` (which may be negative); saturates at the
    /// ends of the supported range.
    pub fn add_days(self, days: i64) -> Date {
        let span = jiff::Span::new().days(days.clamp(-7_000_000, 7_000_000));
        Date(self.0.checked_add(span).unwrap_or(self.0))
    }

    /// "18 November 2026": the unambiguous long form used in letters.
    pub fn long(self) -> String {
        format!(
            "{} {} {}",
            self.day(),
            MONTHS[(self.month() - 1) as usize],
            self.year()
        )
    }

    /// Wraps a jiff date (used by the edges that read the clock).
    pub fn from_civil(date: jiff::civil::Date) -> Date {
        Date(date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.year(),
            self.month(),
            self.day()
        )
    }
}

/// Why a text is not a date; the message says what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("`{0}` is not a date: write it as YYYY-MM-DD, for example 2026-11-18")]
    Shape(String),
    #[error("`{0}` is not a real date: the month must be 01 to 12")]
    Month(String),
    #[error("`{text}` is not a real date: {month} has {max} days")]
    Day {
        text: String,
        month: &'static str,
        max: i8,
    },
    #[error("`{0}` is outside the years poa accepts (1900 to 2199)")]
    Year(String),
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Date, DateError> {
        let t = text.trim();
        let shape = || DateError::Shape(t.to_string());
        let b = t.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(shape());
        }
        let num = |r: std::ops::Range<usize>| -> Result<i16, DateError> {
            let s = &t[r];
            if !s.bytes().all(|c| c.is_ascii_digit()) {
                return Err(shape());
            }
            s.parse::<i16>().map_err(|_| shape())
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        if !Date::YEARS.contains(&year) {
            return Err(DateError::Year(t.to_string()));
        }
        if !(1..=12).contains(&month) {
            return Err(DateError::Month(t.to_string()));
        }
        let first = jiff::civil::Date::new(year, month as i8, 1).map_err(|_| shape())?;
        let max = first.days_in_month();
        if day < 1 || day > i16::from(max) {
            return Err(DateError::Day {
                text: t.to_string(),
                month: MONTHS[(month - 1) as usize],
                max,
            });
        }
        Date::new(year, month as i8, day as i8).ok_or_else(shape)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        struct DateVisitor;
        impl Visitor<'_> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date written as YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Date, E> {
                Err(E::custom(DateError::Shape(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Date, E> {
                Err(E::custom(DateError::Shape(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Date, E> {
                Err(E::custom(DateError::Shape(v.to_string())))
            }
        }
        d.deserialize_str(DateVisitor)
    }
}

impl Date {
    /// A date as a writer types it in a date field: 2026-12-01, and also
    /// 2026/12/01, 2026.12.1, 2026年12月1日, "1 December 2026" or
    /// "December 1, 2026". A date whose day and month could be swapped
    /// (01/12/2026) is none: the writer is asked for YYYY-MM-DD.
    pub fn read_typed(text: &str) -> Option<Date> {
        let t = text.trim().trim_end_matches(['.', '。']).trim_end();
        if let Ok(d) = t.parse() {
            return Some(d);
        }
        match find_dates(t, None).as_slice() {
            [one] if one.range == (0..t.len()) => one.date,
            _ => None,
        }
    }
}

/// A date written in a text, with the day when it is certain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub range: std::ops::Range<usize>,
    /// The day, when the text gives year, month and day without doubt.
    pub date: Option<Date>,
}

/// Every date written in `text`, in order: ISO (2026-11-19), "19 November
/// 2026", "November 19, 2026", "Nov 19", "2026年11月19日", slash dates
/// (19/11/2026) and weekday phrases ("on Monday", no day). `day_first`
/// says how to read a slash date whose day and month could be swapped;
/// `None` leaves such a date without a day.
pub fn find_dates(text: &str, day_first: Option<bool>) -> Vec<FoundDate> {
    let mut out: Vec<FoundDate> = Vec::new();
    let mut push = |range: std::ops::Range<usize>, date: Option<Date>| {
        if !out
            .iter()
            .any(|d| d.range.start < range.end && range.start < d.range.end)
        {
            out.push(FoundDate { range, date });
        }
    };
    let num = |s: &str| s.parse::<i16>().ok();
    let ymd = |c: &regex::Captures| {
        Date::new(
            num(&c[1]).unwrap_or(0),
            num(&c[2]).unwrap_or(0) as i8,
            num(&c[3]).unwrap_or(0) as i8,
        )
    };
    if text.bytes().any(|b| b.is_ascii_digit()) {
        for c in ascii!(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b").captures_iter(text) {
            push(c.get(0).unwrap().range(), ymd(&c));
        }
        // "2026/11/19", "2026.11.19": the year first, as Chinese and
        // Japanese writers put it, leaves no doubt.
        for c in ascii!(r"\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b").captures_iter(text) {
            push(c.get(0).unwrap().range(), ymd(&c));
        }
        if text.contains('年') {
            for c in
                unicode!(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]").captures_iter(text)
            {
                push(c.get(0).unwrap().range(), ymd(&c));
            }
        }
        for (range, date) in month_dates(text) {
            push(range, date);
        }
        for c in ascii!(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b").captures_iter(text) {
            let (a, b, y) = (
                num(&c[1]).unwrap_or(0) as i8,
                num(&c[2]).unwrap_or(0) as i8,
                num(&c[3]).unwrap_or(0),
            );
            let date = if a > 12 {
                Date::new(y, b, a)
            } else if b > 12 {
                Date::new(y, a, b)
            } else {
                match day_first {
                    Some(true) => Date::new(y, b, a),
                    Some(false) => Date::new(y, a, b),
                    None => None,
                }
            };
            push(c.get(0).unwrap().range(), date);
        }
    }
    if text.to_ascii_lowercase().contains("day") {
        for m in ascii!(
            r"(?i)\b(?:on|since|every|each|by)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
        )
        .find_iter(text)
        {
            push(m.range(), None);
        }
    }
    out.sort_by_key(|d| d.range.start);
    out
}

/// The month a word names: "Nov", "November", "Sept." (a trailing dot is
/// the caller's); `None` for other words.
pub fn month_word(w: &str) -> Option<i8> {
    if w.len() < 3 || w.len() > 9 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            let full = m.as_bytes();
            let w = w.as_bytes();
            // The whole name, its first three letters, or "Sept".
            (w.len() == full.len() || w.len() == 3 || (w.len() == 4 && full.starts_with(b"Sept")))
                && full.len() >= w.len()
                && full[..w.len()].eq_ignore_ascii_case(w)
        })
        .map(|i| i as i8 + 1)
}

/// A day of the month written as "19" or "19th".
pub fn day_word(w: &str) -> Option<i8> {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let suffix = &w[digits..];
    if !(suffix.is_empty()
        || ["st", "nd", "rd", "th"]
            .iter()
            .any(|s| s.eq_ignore_ascii_case(suffix)))
    {
        return None;
    }
    w[..digits].parse().ok().filter(|d| (1..=31).contains(d))
}

/// Dates with the month's name: "19 November 2026", "November 19, 2026",
/// "Nov 19". Scanned by hand: a pattern for every month name costs more to
/// build than a whole `poa check` may take.
fn month_dates(text: &str) -> Vec<(std::ops::Range<usize>, Option<Date>)> {
    let b = text.as_bytes();
    // Runs of ASCII letters and digits.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_alphanumeric() {
            let s = i;
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            words.push((s, i));
        } else {
            i += 1;
        }
    }
    let gap = |from: usize, to: usize, allowed: &[u8]| {
        b[from..to]
            .iter()
            .all(|c| c.is_ascii_whitespace() || allowed.contains(c))
            && to > from
    };
    let year = |k: usize, after: usize| -> Option<(i16, usize)> {
        let &(s, e) = words.get(k)?;
        let w = &text[s..e];
        (e - s == 4 && w.bytes().all(|c| c.is_ascii_digit()) && gap(after, s, b",."))
            .then(|| (w.parse().ok(), e))
            .and_then(|(y, e)| y.map(|y| (y, e)))
    };
    let mut out = Vec::new();
    for k in 0..words.len() {
        let (ms, me) = words[k];
        let Some(month) = month_word(&text[ms..me]) else {
            continue;
        };
        let month_end = if b.get(me) == Some(&b'.') { me + 1 } else { me };
        // "19 November [2026]"
        if k > 0 {
            let (ds, de) = words[k - 1];
            if let Some(day) = day_word(&text[ds..de])
                && gap(de, ms, b"")
            {
                let (date, end) = match year(k + 1, month_end) {
                    Some((y, e)) => (Date::new(y, month, day), e),
                    None => (None, month_end),
                };
                out.push((ds..end, date));
                continue;
            }
        }
        // "November 19[, 2026]"
        if let Some(&(ds, de)) = words.get(k + 1)
            && let Some(day) = day_word(&text[ds..de])
            && gap(me, ds, b".")
        {
            let (date, end) = match year(k + 2, de) {
                Some((y, e)) => (Date::new(y, month, day), e),
                None => (None, de),
            };
            out.push((ms..end, date));
        }
    }
    out
}

/// Deserializes an optional date where an empty text or `~` means "not set",
/// so `done_on: ""` in a hand-edited file loads.
pub fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    struct OptVisitor;
    impl<'de> Visitor<'de> for OptVisitor {
        type Value = Option<Date>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a date written as YYYY-MM-DD")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(OptVisitor)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            if v.trim().is_empty() {
                return Ok(None);
            }
            v.parse().map(Some).map_err(E::custom)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Err(E::custom(DateError::Shape(v.to_string())))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Err(E::custom(DateError::Shape(v.to_string())))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Err(E::custom(DateError::Shape(v.to_string())))
        }
    }
    d.deserialize_option(OptVisitor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_iso() {
        let d: Date = "2026-11-18".parse().unwrap();
        assert_eq!(d.to_string(), "2026-11-18");
        assert_eq!(d.long(), "18 November 2026");
    }

    #[test]
    fn rejects_impossible_dates_with_reasons() {
        assert!(matches!(
            "2026-13-40".parse::<Date>(),
            Err(DateError::Month(_))
        ));
        let e = "2026-02-30".parse::<Date>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "`2026-02-30` is not a real date: February has 28 days"
        );
        assert!("2028-02-29".parse::<Date>().is_ok());
        assert!(matches!(
            "18/11/2026".parse::<Date>(),
            Err(DateError::Shape(_))
        ));
        assert!(matches!(
            "2026-1-18".parse::<Date>(),
            Err(DateError::Shape(_))
        ));
        assert!(matches!(
            "0026-11-18".parse::<Date>(),
            Err(DateError::Year(_))
        ));
    }

    #[test]
    fn a_typed_date_is_read_as_writers_write_dates_and_never_guessed() {
        for typed in [
            "2026-12-01",
            "2026/12/01",
            "2026.12.1",
            "2026年12月1日",
            "1 December 2026",
            "December 1, 2026.",
            " 2026-12-01 ",
        ] {
            assert_eq!(
                Date::read_typed(typed).map(|d| d.to_string()).as_deref(),
                Some("2026-12-01"),
                "{typed}"
            );
        }
        // Day and month that could be swapped, a half-typed date, a date
        // in a sentence, a day that is not: none.
        for typed in [
            "01/12/2026",
            "2026-12",
            "2026-11-109",
            "done on 2026-12-01",
            "2026/02/30",
        ] {
            assert_eq!(Date::read_typed(typed), None, "{typed}");
        }
    }

    #[test]
    fn finds_dates_in_many_forms() {
        let t = "On 19 November 2026, on Nov 20, on 2026-11-21, by December 5, 2026, 25/12/2026, 2026年11月9日 and 05/11/2026.";
        let found: Vec<Option<String>> = find_dates(t, None)
            .into_iter()
            .map(|d| d.date.map(|d| d.to_string()))
            .collect();
        assert_eq!(
            found,
            [
                Some("2026-11-19".into()),
                None,
                Some("2026-11-21".into()),
                Some("2026-12-05".into()),
                Some("2026-12-25".into()),
                Some("2026-11-09".into()),
                None
            ]
        );
        let uk = find_dates("05/11/2026", Some(true));
        assert_eq!(uk[0].date.unwrap().to_string(), "2026-11-05");
        let us = find_dates("05/11/2026", Some(false));
        assert_eq!(us[0].date.unwrap().to_string(), "2026-05-11");
    }

    #[test]
    fn counts_days() {
        let a: Date = "2026-11-18".parse().unwrap();
        assert_eq!(a.add_days(17).to_string(), "2026-12-05");
        assert_eq!(a.days_until(a.add_days(17)), 17);
        assert_eq!(a.add_days(-365).to_string(), "2025-11-18");
    }
}
