//! Pagination: the flow's chunks placed on pages between the margins, a
//! group of chunks that keep together moved whole to the next page when it
//! does not fit, a table's header row repeated on the pages the table goes
//! on to, a chunk taller than any page sliced as a last resort; bookmarks
//! noted with their pages; then the running header (from page 2) and the
//! "Page N of M" footer. This file does not break lines or lay out blocks;
//! it moves what `flow` made.

use std::collections::HashMap;

use super::flow::Chunk;
use super::font::FontKind;
use super::inline::{self, Missing};
use super::style::{
    FIT, FOOTER_RISE, GREY, HAIRLINE, HEADER_RULE_Y, HEADER_Y, MARGIN, PAD, ROW_SPLIT_LINES,
    RULE_GREY, SLICE_SLACK, SMALL,
};
use super::{Bookmark, Item, Page, Setup};
use crate::markup::{Span, Style};

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
            // Drawn again, not read again: the copy is not in the structure.
            let start = page.items.len();
            place(h, self.top, &mut page);
            for it in &mut page.items[start..] {
                if let Item::Text { node, .. } = it {
                    *node = None;
                }
            }
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

/// A table body row cut after its first `k` lines: the part that ends the
/// page, ruled at its foot, and the part that goes on after the repeated
/// header. Text goes by its baseline; the column rules are drawn again for
/// each part's height.
fn split_row(row: &Chunk, k: usize) -> (Chunk, Chunk) {
    let cut = k as f32 * row.row_leading;
    let top_h = cut + 2.0 * PAD;
    let rest_h = row.height - cut;
    let mut top = Chunk::new(top_h);
    let mut rest = Chunk::new(rest_h);
    for c in [&mut top, &mut rest] {
        c.table = row.table;
        c.first_baseline = row.first_baseline;
        c.row_leading = row.row_leading;
    }
    top.space_before = row.space_before;
    top.row_lines = k;
    rest.row_lines = row.row_lines - k;
    let mut right = f32::MIN;
    let mut left = f32::MAX;
    for it in &row.items {
        match it {
            Item::Text { y, .. } if *y < PAD + cut => top.items.push(it.clone()),
            Item::Text { .. } => rest.items.push(shift(it, -cut)),
            Item::Line {
                x1,
                x2,
                width,
                gray,
                ..
            } if x1 == x2 => {
                left = left.min(*x1);
                right = right.max(*x1);
                for (c, h) in [(&mut top, top_h), (&mut rest, rest_h)] {
                    c.items.push(Item::Line {
                        x1: *x1,
                        y1: 0.0,
                        x2: *x2,
                        y2: h,
                        width: *width,
                        gray: *gray,
                    });
                }
            }
            Item::Line { .. } => rest.items.push(shift(it, rest_h - row.height)),
            Item::Fill { .. } => {}
        }
    }
    top.items.push(Item::Line {
        x1: left,
        y1: top_h,
        x2: right,
        y2: top_h,
        width: HAIRLINE,
        gray: RULE_GREY,
    });
    (top, rest)
}

/// How many lines of a table body row fit in `room` points, when the row
/// may be split there: at least two lines on each side.
fn row_lines_that_fit(row: &Chunk, room: f32) -> Option<usize> {
    if row.table.is_none() || row.table_header || row.row_lines < 2 * ROW_SPLIT_LINES {
        return None;
    }
    let k = ((room - 2.0 * PAD + FIT) / row.row_leading).floor();
    if k < ROW_SPLIT_LINES as f32 {
        return None;
    }
    Some((k as usize).min(row.row_lines - ROW_SPLIT_LINES))
}

/// Pages laid out, with their outline and where the last page's content ends.
pub(super) struct Paginated {
    pub(super) pages: Vec<Page>,
    pub(super) bookmarks: Vec<Bookmark>,
    /// The share of the last page's content height that is used.
    pub(super) last_fill: f32,
}

/// Places chunks on pages.
pub(super) fn paginate(chunks: Vec<Chunk>, setup: &Setup) -> Paginated {
    let (pw, ph) = setup.paper.size();
    let top = MARGIN;
    let bottom = ph - MARGIN;
    let content = bottom - top;
    let headers: HashMap<usize, Chunk> = chunks
        .iter()
        .filter(|c| c.table_header)
        .filter_map(|c| c.table.map(|t| (t, c.clone())))
        .collect();
    let mut chunks: Vec<Chunk> = chunks
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
        // A tall table row that does not fit is split between its lines
        // rather than leave a hole at the foot of the page.
        // The group's last chunk may be such a row (a heading, the header
        // row and the first row keep together).
        let above = group_height(at_top) - chunks[j].height;
        if !fits
            && !at_top
            && let Some(k) = row_lines_that_fit(&chunks[j], bottom - y - above)
        {
            let (first, rest) = split_row(&chunks[j], k);
            chunks[j] = first;
            chunks.insert(j + 1, rest);
            continue;
        }
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
                    y,
                });
            }
            place(c, y, sheets.last());
            y += c.height;
        }
        i = j + 1;
    }
    Paginated {
        pages: sheets.pages,
        bookmarks,
        last_fill: (y - top) / content,
    }
}

/// Draws a chunk on a page with its top at `y`.
fn place(c: &Chunk, y: f32, page: &mut Page) {
    page.items.extend(c.items.iter().map(|it| shift(it, y)));
}

/// A line of the running heads at x = 0, and its width: in the small sans,
/// a Chinese store name in the fallback face.
fn small_line(text: &str, y: f32, missing: &mut Missing) -> (Vec<Item>, f32) {
    let span = Span {
        text: text.to_string(),
        style: Style::default(),
    };
    let words = inline::words(&[span], FontKind::Sans, SMALL, missing);
    let mut items = Vec::new();
    let w = inline::set_line(&words, 0.0, y, SMALL, GREY, &mut items);
    (items, w)
}

/// Items moved right by `dx`.
fn moved_right(items: &[Item], dx: f32) -> Vec<Item> {
    items
        .iter()
        .cloned()
        .map(|mut it| {
            if let Item::Text { x, .. } = &mut it {
                *x += dx;
            }
            it
        })
        .collect()
}

/// Adds the running header (from page 2) and "Page N of M" to every page.
pub(super) fn running_heads(pages: &mut [Page], setup: &Setup, missing: &mut Missing) {
    let n = pages.len();
    let left = small_line(&setup.header_left, HEADER_Y, missing);
    let right = small_line(&setup.header_right, HEADER_Y, missing);
    for (i, p) in pages.iter_mut().enumerate() {
        let footer = format!("Page {} of {n}", i + 1);
        let (footer, w) = small_line(&footer, p.height - FOOTER_RISE, missing);
        p.items.extend(moved_right(&footer, (p.width - w) / 2.0));
        if i == 0 {
            continue;
        }
        let mut header = moved_right(&left.0, MARGIN);
        header.extend(moved_right(&right.0, p.width - MARGIN - right.1));
        header.push(Item::Line {
            x1: MARGIN,
            y1: HEADER_RULE_Y,
            x2: p.width - MARGIN,
            y2: HEADER_RULE_Y,
            width: HAIRLINE,
            gray: GREY,
        });
        // The header first and the footer last, in reading order.
        p.items.splice(0..0, header);
    }
}

#[cfg(test)]
mod tests {
    use super::super::style::{BODY_LEADING, SQUEEZE_LEADING};
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
                // The fit pass may take up to a point off the leading.
                let gap = y - last_y;
                if gap < BODY_LEADING + 0.5 && gap > BODY_LEADING - SQUEEZE_LEADING - 0.5 {
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
    fn a_tall_row_splits_between_lines_and_the_header_repeats() {
        let row = format!("| **Q** | {} |\n", "answer text ".repeat(40));
        let md = format!("| Question | Finding |\n|---|---|\n{}", row.repeat(25));
        let l = laid(&md);
        assert!(l.pages.len() >= 3);
        let mut words = 0;
        for (i, p) in l.pages.iter().enumerate() {
            let texts: Vec<(f32, &str)> = p
                .items
                .iter()
                .filter_map(|it| match it {
                    Item::Text { text, y, .. } if *y > 60.0 && *y < p.height - 50.0 => {
                        Some((*y, text.as_str()))
                    }
                    _ => None,
                })
                .collect();
            assert_eq!(
                texts.first().map(|t| t.1),
                Some("Question"),
                "page {} starts with the header row",
                i + 1
            );
            words += texts
                .iter()
                .map(|t| t.1.matches("answer").count())
                .sum::<usize>();
            // The answer lines at the top and at the foot of a page: two at
            // least of a split row on each side.
            let answers: Vec<f32> = texts
                .iter()
                .filter(|t| t.1.contains("answer"))
                .map(|t| t.0)
                .collect();
            let before_first_q = texts
                .iter()
                .take_while(|t| t.1 != "Q")
                .filter(|t| t.1.contains("answer"))
                .count();
            assert!(
                before_first_q != 1,
                "page {}: one line of a row alone at the top",
                i + 1
            );
            let after_last_q = texts
                .iter()
                .rev()
                .take_while(|t| t.1 != "Q")
                .filter(|t| t.1.contains("answer"))
                .count();
            assert!(
                after_last_q != 1 || answers.len() == 1,
                "page {}: one line of a row alone",
                i + 1
            );
        }
        assert_eq!(words, 25 * 40, "no word of a split row is lost");
    }

    #[test]
    fn a_short_row_is_never_split() {
        // Rows of three lines and lead paragraphs of every length: a row is
        // either wholly on a page or wholly on the next.
        let row = format!("| **Q** | {} |\n", "answer text ".repeat(12));
        for lead in 0..40 {
            let md = format!(
                "{}| Question | Finding |\n|---|---|\n{}",
                "Short line.\n\n".repeat(lead),
                row.repeat(4)
            );
            let l = laid(&md);
            for p in &l.pages {
                let qs = p
                    .items
                    .iter()
                    .filter(|it| matches!(it, Item::Text { text, .. } if text == "Q"))
                    .count();
                let words: usize = p
                    .items
                    .iter()
                    .map(|it| match it {
                        Item::Text { text, .. } => text.matches("answer").count(),
                        _ => 0,
                    })
                    .sum();
                assert_eq!(words, qs * 12, "lead {lead}: a short row was split");
            }
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
