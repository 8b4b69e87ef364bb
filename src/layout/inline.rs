//! Inline setting: styled spans to words in their fonts, words to lines by
//! real glyph widths (greedy, ragged right, no hyphenation, a word too long
//! for a line broken between characters), and lines to text items; a
//! paragraph becomes one flow chunk per line, with the keeps that stop a
//! widow or an orphan. Characters the fonts lack are replaced here, and
//! noted. This file does not place blocks after one another or lines on
//! pages; that is `flow` and `pages`.

use std::collections::BTreeSet;

use super::Item;
use super::flow::Chunk;
use super::font::{self, FontKind};
use super::style::{ASCENT, FIT, INK, RUNT_SHARE};
use crate::markup::{Span, Style};

/// A word (or a piece of one) ready to be set.
#[derive(Debug, Clone)]
pub(super) struct Word {
    text: String,
    font: FontKind,
    width: f32,
    /// A space follows it in the source.
    space: bool,
    /// A hard line break follows it.
    hard: bool,
    /// No line may break before it: an id, a number or a "·" that belongs
    /// to the word before it ("Evidence: E1", "Root cause 2", "12 May").
    glue: bool,
}

/// The characters the fonts lack, met so far in a document.
#[derive(Debug, Default)]
pub(super) struct Missing {
    pub(super) chars: BTreeSet<char>,
}

impl Missing {
    /// Replaces characters a font lacks, and notes them: full-width
    /// punctuation by its ASCII form, a letter the fallback face has
    /// (Chinese, Japanese, Korean) is kept for it, anything else is `?`.
    pub(super) fn clean(&mut self, font: FontKind, text: &str) -> String {
        if text.chars().all(|c| c == '\n' || font::covers(font, c)) {
            return text.to_string();
        }
        let plain = font::ascii_punctuation(text, None, None);
        plain
            .chars()
            .map(|c| {
                if font::covers(font, c) || c == '\n' || font::covers(FontKind::Cjk, c) {
                    c
                } else {
                    self.chars.insert(c);
                    font::REPLACEMENT
                }
            })
            .collect()
    }
}

/// `piece` in runs of one face: `font` where it has the characters, the
/// fallback face where only that has them.
fn runs(piece: &str, font: FontKind) -> Vec<(&str, FontKind)> {
    // Every face has ASCII: most words need no look-up.
    if piece.is_ascii() {
        return vec![(piece, font)];
    }
    let mut out: Vec<(&str, FontKind)> = Vec::new();
    let mut from = 0;
    let mut current = font;
    for (at, c) in piece.char_indices() {
        let f = if font::covers(font, c) {
            font
        } else {
            FontKind::Cjk
        };
        if f != current && at > from {
            out.push((&piece[from..at], current));
            from = at;
        }
        current = f;
    }
    out.push((&piece[from..], current));
    out
}

/// The face a span of `style` is set in, in a block whose face is `base`.
fn font_for(style: Style, base: FontKind) -> FontKind {
    if style.code {
        return FontKind::Mono;
    }
    match base {
        FontKind::Sans | FontKind::SansBold => {
            if style.bold || base == FontKind::SansBold {
                FontKind::SansBold
            } else {
                FontKind::Sans
            }
        }
        _ => FontKind::body(style.bold, style.italic),
    }
}

/// The words of spans, measured at `size`.
pub(super) fn words(spans: &[Span], base: FontKind, size: f32, missing: &mut Missing) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    // The character before the span, for the side of a quote mark.
    let mut before: Option<char> = None;
    for span in spans {
        let font = font_for(span.style, base);
        if span.text == "\n" {
            if let Some(w) = out.last_mut() {
                w.hard = true;
                w.space = false;
            }
            continue;
        }
        let clean = missing.clean(font, &span.text);
        let text = if span.style.code {
            clean
        } else {
            curly(&clean, before)
        };
        before = text.chars().next_back().or(before);
        let mut rest = text.as_str();
        // A span that starts with a space ends the word before it.
        if rest.starts_with(char::is_whitespace)
            && let Some(w) = out.last_mut()
        {
            w.space = true;
        }
        let mut first = true;
        while !rest.is_empty() {
            let trimmed = rest.trim_start_matches([' ', '\n', '\t']);
            let end = trimmed.find([' ', '\n', '\t']).unwrap_or(trimmed.len());
            let piece = &trimmed[..end];
            rest = &trimmed[end..];
            if piece.is_empty() {
                break;
            }
            let joins = first && !text.starts_with(char::is_whitespace);
            let pieces = runs(piece, font);
            let n = pieces.len();
            for (k, (part, face)) in pieces.into_iter().enumerate() {
                let space = k + 1 == n && rest.starts_with(char::is_whitespace);
                match out.last_mut() {
                    // Glue to the previous word when no space separates
                    // them ("**bold**," continues a word in another font).
                    Some(prev)
                        if k == 0 && joins && !prev.space && !prev.hard && prev.font == face =>
                    {
                        prev.text.push_str(part);
                        prev.width = font::width(face, &prev.text, size);
                        prev.space = space;
                    }
                    _ => out.push(Word {
                        width: font::width(face, part, size),
                        // The runs of one word in two faces stay together.
                        glue: k > 0
                            || out
                                .last()
                                .is_some_and(|p: &Word| !p.hard && binds(&p.text, part)),
                        text: part.to_string(),
                        font: face,
                        space,
                        hard: false,
                    }),
                }
            }
            first = false;
        }
    }
    out
}

/// Typographic quotes for straight ones, as print sets them: an
/// apostrophe or closing mark after a letter, digit or closing
/// punctuation, an opening mark elsewhere. Only the PDF curls them: the
/// Markdown and the form text keep what the writer typed, for Amazon's
/// form. `before` is the character before `text`.
pub(super) fn curly(text: &str, before: Option<char>) -> String {
    if !text.contains(['\'', '"']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 4);
    let mut prev = before;
    for c in text.chars() {
        let opens = prev.is_none_or(|p| {
            p.is_whitespace() || "([{<\u{2014}\u{2013}\u{201C}\u{2018}-/".contains(p)
        });
        let curled = match c {
            '\'' if opens => '\u{2018}',
            '\'' => '\u{2019}',
            '"' if opens => '\u{201C}',
            '"' => '\u{201D}',
            _ => c,
        };
        out.push(curled);
        prev = Some(curled);
    }
    out
}

/// The month names a date is written with, for [`binds`].
const MONTHS: [&str; 12] = [
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

/// Must `word` stay on the line of `prev`? A number or a short id after a
/// word ("cause 2", "Evidence: E1, E2"), a month after a day, a year or
/// day after a month, and a separator dot, which never starts a line.
pub(super) fn binds(prev: &str, word: &str) -> bool {
    let bare = word.trim_end_matches([',', '.', ';', ':', ')']);
    let prev_bare = prev.trim_end_matches([',', '.', ';', ':']);
    let is_month = |w: &str| {
        MONTHS
            .iter()
            .any(|m| w == *m || (w.len() == 3 && m.starts_with(w)))
    };
    let number = !bare.is_empty() && bare.len() <= 4 && bare.chars().all(|c| c.is_ascii_digit());
    // E1, R12, A3: one or two capitals, then digits.
    let letters = bare.chars().take_while(char::is_ascii_uppercase).count();
    let id = (1..=2).contains(&letters)
        && bare.len() > letters
        && bare.len() <= 5
        && bare[letters..].chars().all(|c| c.is_ascii_digit());
    match word {
        "·" | "—" | "–" => true,
        _ if is_month(bare) => {
            prev_bare.chars().all(|c| c.is_ascii_digit()) && !prev_bare.is_empty()
        }
        _ if number || id => !prev.ends_with('.') || is_month(prev_bare),
        _ => false,
    }
}

/// The words of a table cell: body text in the serif, bold (the header
/// row, the question column) in the bold sans, as forms set labels.
pub(super) fn cell_words(spans: &[Span], size: f32, missing: &mut Missing) -> Vec<Word> {
    let mut ws = words(spans, FontKind::Serif, size, missing);
    for w in &mut ws {
        if w.font == FontKind::SerifBold {
            w.font = FontKind::SansBold;
            w.width = font::width(w.font, &w.text, size);
        }
    }
    ws
}

/// Splits a word that is wider than `max` between characters.
fn split_long(word: Word, max: f32, size: f32) -> Vec<Word> {
    if word.width <= max {
        return vec![word];
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in word.text.chars() {
        let mut next = cur.clone();
        next.push(c);
        if !cur.is_empty() && font::width(word.font, &next, size) > max {
            out.push(Word {
                width: font::width(word.font, &cur, size),
                text: std::mem::take(&mut cur),
                font: word.font,
                space: false,
                hard: false,
                glue: false,
            });
            cur.push(c);
        } else {
            cur = next;
        }
    }
    out.push(Word {
        width: font::width(word.font, &cur, size),
        text: cur,
        font: word.font,
        space: word.space,
        hard: word.hard,
        glue: false,
    });
    if let Some(first) = out.first_mut() {
        first.glue = word.glue;
    }
    out
}

/// The space after `w` when another word follows it on its line.
fn gap_after(w: &Word, size: f32) -> f32 {
    if w.space {
        font::width(w.font, " ", size)
    } else {
        0.0
    }
}

/// The width of `words` set on one line.
fn line_width(words: &[Word], size: f32) -> f32 {
    let gaps: f32 = words.iter().rev().skip(1).map(|w| gap_after(w, size)).sum();
    words.iter().map(|w| w.width).sum::<f32>() + gaps
}

/// Breaks words into lines of at most `max` points (greedy, ragged right).
/// Glued words go to the next line together with the word they belong to
/// (unless that would leave the line empty), and a paragraph's last line is
/// not one short word when a word of the line before can join it.
pub(super) fn break_lines(words: Vec<Word>, max: f32, size: f32) -> Vec<Vec<Word>> {
    let mut lines: Vec<Vec<Word>> = Vec::new();
    let mut line: Vec<Word> = Vec::new();
    let mut x = 0.0;
    for w in words.into_iter().flat_map(|w| split_long(w, max, size)) {
        let gap = line.last().map_or(0.0, |p| gap_after(p, size));
        if !line.is_empty() && x + gap + w.width > max + FIT {
            // Take the words glued to `w` along, if others stay behind.
            let mut from = line.len();
            if w.glue {
                from -= 1;
                while from > 0 && line[from].glue {
                    from -= 1;
                }
            }
            // A chain as long as the line gives up its last word, so that
            // no line starts with a separator or an id alone.
            let from = if w.glue && from == 0 && line.len() > 1 {
                line.len() - 1
            } else {
                from
            };
            let carried = if w.glue && from > 0 {
                line.split_off(from)
            } else {
                Vec::new()
            };
            lines.push(std::mem::take(&mut line));
            line = carried;
            x = line_width(&line, size);
            if !line.is_empty() {
                x += gap_after(line.last().expect("a word"), size);
            }
        } else {
            x += gap;
        }
        x += w.width;
        let hard = w.hard;
        line.push(w);
        if hard {
            lines.push(std::mem::take(&mut line));
            x = 0.0;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    mend_runt(&mut lines, max, size);
    lines
}

/// A last line of one short word (a "runt") takes the last word of the
/// line before, when that line keeps two words and the pair fits.
fn mend_runt(lines: &mut [Vec<Word>], max: f32, size: f32) {
    let n = lines.len();
    if n < 2 {
        return;
    }
    let (before, last) = lines.split_at_mut(n - 1);
    let prev = &mut before[n - 2];
    let last = &mut last[0];
    let runt = last.len() == 1 && last[0].width < max * RUNT_SHARE;
    if !runt || prev.len() < 3 || prev.last().is_some_and(|w| w.hard) {
        return;
    }
    let moved = prev.last().expect("three words").clone();
    let mut joined = vec![moved];
    joined.extend(last.iter().cloned());
    if line_width(&joined, size) <= max + FIT {
        prev.pop();
        *last = joined;
    }
}

/// The text items of one line, runs of one font merged; returns its width.
pub(super) fn set_line(
    line: &[Word],
    x0: f32,
    baseline: f32,
    size: f32,
    gray: f32,
    out: &mut Vec<Item>,
) -> f32 {
    let mut x = x0;
    let mut i = 0;
    while i < line.len() {
        let font = line[i].font;
        let mut text = String::new();
        let mut j = i;
        while j < line.len() && line[j].font == font {
            text.push_str(&line[j].text);
            if line[j].space && j + 1 < line.len() {
                text.push(' ');
            }
            j += 1;
        }
        // A space between runs of two fonts belongs to the first run.
        let w = font::width(font, &text, size);
        out.push(Item::Text {
            x,
            y: baseline,
            font,
            size,
            gray,
            text,
            node: None,
        });
        x += w;
        i = j;
    }
    x - x0
}

/// The offset of the baseline from the top of a line box.
pub(super) fn baseline_in(leading: f32, size: f32) -> f32 {
    (leading + size * ASCENT) / 2.0
}

/// A paragraph as one chunk per line, with widow and orphan control.
pub(super) fn paragraph(
    spans: &[Span],
    x: f32,
    width: f32,
    base: FontKind,
    size: f32,
    leading: f32,
    missing: &mut Missing,
) -> Vec<Chunk> {
    let lines = break_lines(words(spans, base, size, missing), width, size);
    let n = lines.len();
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let mut c = Chunk::new(leading);
            c.first_baseline = baseline_in(leading, size);
            set_line(line, x, c.first_baseline, size, INK, &mut c.items);
            // No break after the first line or before the last one.
            c.keep_with_next = n > 1 && (i == 0 || i + 2 == n);
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::Item;
    use super::super::style::BODY;
    use super::super::tests::{body, laid};
    use super::*;

    #[test]
    fn a_word_too_long_for_the_line_is_broken_not_drawn_off_the_page() {
        let url = "https://example.com/".to_string() + &"averyveryverylongpath".repeat(12);
        let l = laid(&format!("Before {url} after."));
        for (_, _, t) in body(&l) {
            let w = font::width(FontKind::Serif, &t, BODY);
            assert!(w <= 612.0 - 144.0 + 0.5, "{t} is {w} wide");
        }
        assert!(body(&l).len() >= 3);
    }

    fn lines_of(text: &str, max: f32) -> Vec<String> {
        let spans = crate::markup::parse(text);
        let crate::markup::Block::Paragraph(spans) = &spans[0] else {
            panic!("a paragraph")
        };
        let mut missing = Missing::default();
        break_lines(words(spans, FontKind::Serif, BODY, &mut missing), max, BODY)
            .iter()
            .map(|l| {
                l.iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn an_id_or_a_number_stays_on_the_line_of_its_word() {
        // At every width, "Evidence: E1", "cause 2" and "12 November 2026"
        // are never broken apart, and no line starts with the separator.
        let text = "Completed 12 November 2026 · Owner: Operations lead · Root causes 1 and 2 · Evidence: E1, E2";
        for max in (170..420).step_by(3) {
            for l in lines_of(text, max as f32) {
                assert!(
                    !l.starts_with('·') && !l.starts_with("E1") && !l.starts_with("E2"),
                    "{max}: {l}"
                );
                assert!(!l.starts_with("2 ") && l != "2", "{max}: {l}");
                assert!(
                    !l.ends_with("Evidence:") && !l.ends_with("cause"),
                    "{max}: {l}"
                );
            }
        }
        // Near misses: an ordinary word may start a line, and a number after
        // a sentence's full stop is free.
        assert!(!binds("shipped", "orders"));
        assert!(!binds("done.", "12"));
        assert!(binds("12", "November") && binds("November", "2026") && binds("Evidence:", "E1,"));
    }

    #[test]
    fn a_last_line_of_one_short_word_takes_a_word_with_it() {
        for max in (150..420).step_by(2) {
            let lines = lines_of(
                "We checked every open order against the carrier scan log again today",
                max as f32,
            );
            let last = lines.last().unwrap();
            if lines.len() > 1 {
                assert!(last.contains(' '), "{max}: {lines:?}");
            }
        }
    }

    #[test]
    fn the_pdf_curls_quotes_and_apostrophes() {
        assert_eq!(
            curly("the supplier's \"new\" box ('2026')", None),
            "the supplier\u{2019}s \u{201C}new\u{201D} box (\u{2018}2026\u{2019})"
        );
        assert_eq!(curly("'quoted'", None), "\u{2018}quoted\u{2019}");
        assert_eq!(curly("no quotes", None), "no quotes");
    }

    #[test]
    fn table_labels_are_set_in_the_bold_sans() {
        let l =
            laid("| Question | Finding |\n|---|---|\n| **What happened** | We shipped late. |\n");
        let font_of = |t: &str| {
            l.pages[0].items.iter().find_map(|it| match it {
                Item::Text { text, font, .. } if text == t => Some(*font),
                _ => None,
            })
        };
        assert_eq!(font_of("Question"), Some(FontKind::SansBold));
        assert_eq!(font_of("What happened"), Some(FontKind::SansBold));
        assert_eq!(font_of("We shipped late."), Some(FontKind::Serif));
    }
}
