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
use super::style::{ASCENT, FIT, INK};
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
}

/// The characters the fonts lack, met so far in a document.
#[derive(Debug, Default)]
pub(super) struct Missing {
    pub(super) chars: BTreeSet<char>,
}

impl Missing {
    /// Replaces characters a font lacks, and notes them: full-width
    /// punctuation by its ASCII form, anything else by `?`.
    pub(super) fn clean(&mut self, font: FontKind, text: &str) -> String {
        if text.chars().all(|c| c == '\n' || font::covers(font, c)) {
            return text.to_string();
        }
        let plain = font::ascii_punctuation(text, None, None);
        plain
            .chars()
            .map(|c| {
                if font::covers(font, c) || c == '\n' {
                    c
                } else {
                    self.chars.insert(c);
                    font::REPLACEMENT
                }
            })
            .collect()
    }
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
    for span in spans {
        let font = font_for(span.style, base);
        if span.text == "\n" {
            if let Some(w) = out.last_mut() {
                w.hard = true;
                w.space = false;
            }
            continue;
        }
        let text = missing.clean(font, &span.text);
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
            match out.last_mut() {
                // Glue to the previous word when no space separates them
                // ("**bold**," continues a word in another font).
                Some(prev) if joins && !prev.space && !prev.hard && prev.font == font => {
                    prev.text.push_str(piece);
                    prev.width = font::width(font, &prev.text, size);
                    prev.space = rest.starts_with(char::is_whitespace);
                }
                _ => out.push(Word {
                    width: font::width(font, piece, size),
                    text: piece.to_string(),
                    font,
                    space: rest.starts_with(char::is_whitespace),
                    hard: false,
                }),
            }
            first = false;
        }
    }
    out
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
    });
    out
}

/// Breaks words into lines of at most `max` points (greedy, ragged right).
pub(super) fn break_lines(words: Vec<Word>, max: f32, size: f32) -> Vec<Vec<Word>> {
    let mut lines: Vec<Vec<Word>> = Vec::new();
    let mut line: Vec<Word> = Vec::new();
    let mut x = 0.0;
    for w in words.into_iter().flat_map(|w| split_long(w, max, size)) {
        let gap = match line.last() {
            Some(p) if p.space => font::width(p.font, " ", size),
            _ => 0.0,
        };
        if !line.is_empty() && x + gap + w.width > max + FIT {
            lines.push(std::mem::take(&mut line));
            x = 0.0;
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
    lines
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
        let (w, kerns) = font::measure(font, &text, size);
        out.push(Item::Text {
            x,
            y: baseline,
            font,
            size,
            gray,
            text,
            kerns,
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
}
