//! Pagination: the flow's chunks placed on pages between the margins, a
//! group of chunks that keep together moved whole to the next page when it
//! does not fit, a table's header row repeated on the pages the table goes
//! on to, a chunk taller than any page sliced as a last resort; bookmarks
//! noted with their pages; then the running header (from page 2) and the
//! "Page N of M" footer. This file does not break lines or lay out blocks;
//! it moves what `flow` made.

use std::collections::HashMap;

use super::flow::Chunk;
use super::font::{self, FontKind};
use super::inline::Missing;
use super::style::{
    FIT, FOOTER_RISE, GREY, HAIRLINE, HEADER_RULE_Y, HEADER_Y, MARGIN, SLICE_SLACK, SMALL,
};
use super::{Bookmark, Item, Page, Setup};

/// Slices a chunk taller than a page into pieces that fit (a last resort
/// for a table row or a line taller than the whole page).
fn slice_tall(chunk: Chunk, max: f32) -> Vec<Chunk> {
    if chunk.height <= max {
        return vec![chunk];
    }
    let pieces = (chunk.height / max).ceil() as usize;
    let step = chunk.height / pieces as f32;
    (0..pieces)
        .map(|p| {
            let top = p as f32 * step;
            let mut c = Chunk::new(step);
            c.table = chunk.table;
            c.items = chunk
                .items
                .iter()
                .filter_map(|it| match it {
                    Item::Text { y, .. } if *y > top && *y <= top + step => Some(shift(it, -top)),
                    Item::Text { .. } => None,
                    Item::Line {
                        x1,
                        y1,
                        x2,
                        y2,
                        width,
                        gray,
                    } => Some(Item::Line {
                        x1: *x1,
                        y1: (y1 - top).clamp(0.0, step),
                        x2: *x2,
                        y2: (y2 - top).clamp(0.0, step),
                        width: *width,
                        gray: *gray,
                    }),
                    Item::Fill { .. } => None,
                })
                .collect();
            c
        })
        .collect()
}

/// An item moved down by `dy`.
fn shift(item: &Item, dy: f32) -> Item {
    let mut it = item.clone();
    match &mut it {
        Item::Text { y, .. } => *y += dy,
        Item::Line { y1, y2, .. } => {
            *y1 += dy;
            *y2 += dy;
        }
        Item::Fill { y, .. } => *y += dy,
    }
    it
}

/// The pages filled so far, and what a page break needs to know.
struct Sheets {
    pages: Vec<Page>,
    width: f32,
    height: f32,
    /// The top of the content area.
    top: f32,
    /// The header row of each table, by table number.
    headers: HashMap<usize, Chunk>,
}

impl Sheets {
    /// A blank page of the document's paper.
    fn blank(&self) -> Page {
        Page {
            width: self.width,
            height: self.height,
            items: Vec::new(),
        }
    }

    /// Starts a new page for `next`; when `next` is a row of a table that
    /// goes on, the table's header is repeated at the top. Returns where
    /// the flow goes on.
    fn break_before(&mut self, next: &Chunk) -> f32 {
        let mut page = self.blank();
        let mut y = self.top;
        if let Some(t) = next.table
            && !next.table_header
            && let Some(h) = self.headers.get(&t)
        {
            place(h, self.top, &mut page);
            y += h.height;
        }
        self.pages.push(page);
        y
    }

    /// The page being filled.
    fn last(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page")
    }
}

/// Places chunks on pages.
pub(super) fn paginate(chunks: Vec<Chunk>, setup: &Setup) -> (Vec<Page>, Vec<Bookmark>) {
    let (pw, ph) = setup.paper.size();
    let top = MARGIN;
    let bottom = ph - MARGIN;
    let content = bottom - top;
    let headers: HashMap<usize, Chunk> = chunks
        .iter()
        .filter(|c| c.table_header)
        .filter_map(|c| c.table.map(|t| (t, c.clone())))
        .collect();
    let chunks: Vec<Chunk> = chunks
        .into_iter()
        .flat_map(|c| slice_tall(c, content - SLICE_SLACK))
        .collect();
    let mut sheets = Sheets {
        pages: Vec::new(),
        width: pw,
        height: ph,
        top,
        headers,
    };
    let first = sheets.blank();
    sheets.pages.push(first);
    let mut bookmarks = Vec::new();
    let mut y = top;
    let mut i = 0;
    while i < chunks.len() {
        // The group that must stay together: up to the first chunk that may break after it.
        let mut j = i;
        while j + 1 < chunks.len() && chunks[j].keep_with_next {
            j += 1;
        }
        let group_height = |at_top: bool| -> f32 {
            chunks[i..=j]
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    c.height
                        + if k == 0 && at_top {
                            0.0
                        } else {
                            c.space_before
                        }
                })
                .sum()
        };
        let at_top = (y - top).abs() < FIT;
        let fits = y + group_height(at_top) <= bottom + FIT;
        if !fits && !at_top && group_height(true) <= content {
            y = sheets.break_before(&chunks[i]);
            continue;
        }
        // Place the group one chunk at a time (a group taller than a page
        // breaks where it must).
        for c in &chunks[i..=j] {
            let at_top = (y - top).abs() < FIT;
            let space = if at_top { 0.0 } else { c.space_before };
            if y + space + c.height > bottom + FIT && !at_top {
                y = sheets.break_before(c);
            } else {
                y += space;
            }
            if let Some(b) = &c.bookmark {
                bookmarks.push(Bookmark {
                    title: b.clone(),
                    page: sheets.pages.len() - 1,
                });
            }
            place(c, y, sheets.last());
            y += c.height;
        }
        i = j + 1;
    }
    (sheets.pages, bookmarks)
}

/// Draws a chunk on a page with its top at `y`.
fn place(c: &Chunk, y: f32, page: &mut Page) {
    page.items.extend(c.items.iter().map(|it| shift(it, y)));
}

/// Adds the running header (from page 2) and "Page N of M" to every page.
pub(super) fn running_heads(pages: &mut [Page], setup: &Setup, missing: &mut Missing) {
    let n = pages.len();
    let left = missing.clean(FontKind::Sans, &setup.header_left);
    let right = missing.clean(FontKind::Sans, &setup.header_right);
    for (i, p) in pages.iter_mut().enumerate() {
        let footer = format!("Page {} of {n}", i + 1);
        let (w, kerns) = font::measure(FontKind::Sans, &footer, SMALL);
        p.items.push(Item::Text {
            x: (p.width - w) / 2.0,
            y: p.height - FOOTER_RISE,
            font: FontKind::Sans,
            size: SMALL,
            gray: GREY,
            text: footer,
            kerns,
        });
        if i == 0 {
            continue;
        }
        let (_, kl) = font::measure(FontKind::Sans, &left, SMALL);
        let (rw, kr) = font::measure(FontKind::Sans, &right, SMALL);
        let header = [
            Item::Text {
                x: MARGIN,
                y: HEADER_Y,
                font: FontKind::Sans,
                size: SMALL,
                gray: GREY,
                text: left.clone(),
                kerns: kl,
            },
            Item::Text {
                x: p.width - MARGIN - rw,
                y: HEADER_Y,
                font: FontKind::Sans,
                size: SMALL,
                gray: GREY,
                text: right.clone(),
                kerns: kr,
            },
            Item::Line {
                x1: MARGIN,
                y1: HEADER_RULE_Y,
                x2: p.width - MARGIN,
                y2: HEADER_RULE_Y,
                width: HAIRLINE,
                gray: GREY,
            },
        ];
        // The header first and the footer last, in reading order.
        p.items.splice(0..0, header);
    }
}

#[cfg(test)]
mod tests {
    use super::super::style::BODY_LEADING;
    use super::super::tests::{body, laid};
    use super::*;

    #[test]
    fn no_page_starts_or_ends_with_a_lone_line_of_a_paragraph() {
        // Paragraphs of 5 lines: wherever a page breaks one, at least two
        // of its lines stay on each side.
        // Paragraphs of 2 to 8 lines, so that page breaks fall inside them.
        let md: String = (0..40)
            .map(|i| format!("P{i} {}\n\n", "word ".repeat(30 + (i * 37) % 110)))
            .collect();
        let l = laid(&md);
        assert!(l.pages.len() > 4);
        let lines = body(&l);
        for page in 0..l.pages.len() {
            let on: Vec<&(usize, f32, String)> = lines.iter().filter(|x| x.0 == page).collect();
            // Runs of lines one leading apart belong to one paragraph.
            let mut runs: Vec<Vec<&str>> = Vec::new();
            let mut last_y = f32::MIN;
            for (_, y, t) in &on {
                if (y - last_y - BODY_LEADING).abs() < 0.5 {
                    runs.last_mut().unwrap().push(t);
                } else {
                    runs.push(vec![t]);
                }
                last_y = *y;
            }
            let first = runs.first().unwrap();
            if !first[0].starts_with('P') {
                assert!(
                    first.len() >= 2,
                    "page {}: a widow line at the top",
                    page + 1
                );
            }
            let next_starts = lines
                .iter()
                .find(|x| x.0 == page + 1)
                .is_none_or(|x| x.2.starts_with('P'));
            if !next_starts {
                assert!(
                    runs.last().unwrap().len() >= 2,
                    "page {}: an orphan line at the bottom",
                    page + 1
                );
            }
        }
    }

    #[test]
    fn a_heading_is_never_the_last_thing_on_a_page() {
        // Lead paragraphs of many lengths put the heading at every height,
        // the bottom of the page among them.
        for lead in 0..40 {
            let md = format!(
                "{}## Heading\n\n{}\n",
                "Short line.\n\n".repeat(lead),
                "word ".repeat(200)
            );
            let l = laid(&md);
            for (i, p) in l.pages.iter().enumerate() {
                let last_body = p
                    .items
                    .iter()
                    .filter_map(|it| match it {
                        Item::Text { y, font, .. } if *y > 60.0 && *y < p.height - 50.0 => {
                            Some(*font)
                        }
                        _ => None,
                    })
                    .next_back();
                assert_ne!(
                    last_body,
                    Some(FontKind::SansBold),
                    "lead {lead}: page {} ends with the heading",
                    i + 1
                );
            }
            assert_eq!(l.bookmarks.len(), 1);
        }
    }

    #[test]
    fn table_rows_never_split_and_the_header_repeats() {
        let row = format!("| **Q** | {} |\n", "answer text ".repeat(40));
        let md = format!("| Question | Finding |\n|---|---|\n{}", row.repeat(25));
        let l = laid(&md);
        assert!(l.pages.len() >= 3);
        for (i, p) in l.pages.iter().enumerate() {
            let texts: Vec<&str> = p
                .items
                .iter()
                .filter_map(|it| match it {
                    Item::Text { text, y, .. } if *y > 60.0 && *y < p.height - 50.0 => {
                        Some(text.as_str())
                    }
                    _ => None,
                })
                .collect();
            assert_eq!(
                texts.first().copied(),
                Some("Question"),
                "page {} starts with the header row",
                i + 1
            );
            // Each row shows its "Q" and all of its 40 answers' words on the same page.
            let qs = texts.iter().filter(|t| **t == "Q").count();
            let words: usize = texts.iter().map(|t| t.matches("answer").count()).sum();
            assert_eq!(words, qs * 40, "page {}: a row was split", i + 1);
        }
    }

    #[test]
    fn a_table_header_is_never_left_alone_at_the_bottom() {
        let row = format!("| **Q** | {} |\n", "answer text ".repeat(20));
        for lead in 0..40 {
            let md = format!(
                "{}| Question | Finding |\n|---|---|\n{}",
                "Short line.\n\n".repeat(lead),
                row.repeat(3)
            );
            let l = laid(&md);
            for p in &l.pages {
                let last = p.items.iter().rev().find_map(|it| match it {
                    Item::Text { text, y, .. } if *y > 60.0 && *y < p.height - 50.0 => {
                        Some(text.as_str())
                    }
                    _ => None,
                });
                assert_ne!(
                    last,
                    Some("Finding"),
                    "lead {lead}: the header row ends a page"
                );
            }
        }
    }
}
