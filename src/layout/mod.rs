//! Markdown to positioned lines on pages: the PDF's layout, pure and
//! testable without a PDF. Line breaking by real glyph widths with kerning,
//! ragged right, no hyphenation; headings kept with what follows; no single
//! widow or orphan line; nested lists with hanging indents; tables whose
//! rows never split and whose header repeats after a page break; words too
//! long for a line broken between characters. The `pdf` module draws the
//! pages this returns and nothing else.

pub mod blocks;
pub mod font;

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

use serde::Serialize;

use blocks::{Block, Span, Style};
pub use font::FontKind;

/// The paper of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Paper {
    /// 8.5 × 11 in.
    Letter,
    /// 210 × 297 mm.
    A4,
}

impl Paper {
    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::Letter => (612.0, 792.0),
            Paper::A4 => (595.28, 841.89),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Paper::Letter => "letter",
            Paper::A4 => "a4",
        }
    }
}

/// What a document needs besides its Markdown.
#[derive(Debug, Clone)]
pub struct Setup {
    pub paper: Paper,
    /// Left of the running header (from page 2): store and merchant token.
    pub header_left: String,
    /// Right of the running header: "Plan of Action · date".
    pub header_right: String,
}

/// Something drawn on a page. Coordinates are points from the top-left
/// corner; `y` of a text is its baseline. `gray` is 0 for black.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Item {
    Text {
        x: f32,
        y: f32,
        font: FontKind,
        size: f32,
        gray: f32,
        text: String,
        /// Kerning: (char index, thousandths of an em, negative = closer).
        kerns: Vec<(usize, f32)>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        gray: f32,
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        gray: f32,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
}

/// An outline entry: a section title and the page (0-based) it starts on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bookmark {
    pub title: String,
    pub page: usize,
}

/// A laid-out document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Laid {
    pub pages: Vec<Page>,
    pub bookmarks: Vec<Bookmark>,
    /// Characters the fonts lack, drawn as `?`.
    pub missing: BTreeSet<char>,
}

const MARGIN: f32 = 72.0;
const BODY: f32 = 10.5;
const BODY_LEADING: f32 = 14.5;
const PARA_SPACE: f32 = 7.0;
const ITEM_SPACE: f32 = 3.0;
const INDENT: f32 = 18.0;
const TABLE_SIZE: f32 = 9.5;
const TABLE_LEADING: f32 = 13.0;
const PAD: f32 = 4.5;
const SMALL: f32 = 8.5;
const GREY: f32 = 0.33;
const RULE_GREY: f32 = 0.45;
const HEAD_FILL: f32 = 0.92;

/// A piece of the page flow that is placed whole.
#[derive(Debug, Clone)]
struct Chunk {
    height: f32,
    space_before: f32,
    /// y relative to the chunk's top.
    items: Vec<Item>,
    /// No page break after this chunk.
    keep_with_next: bool,
    /// The baseline of the first line, relative to the chunk's top.
    first_baseline: f32,
    table: Option<usize>,
    table_header: bool,
    bookmark: Option<String>,
}

impl Chunk {
    fn new(height: f32) -> Chunk {
        Chunk {
            height,
            space_before: 0.0,
            items: Vec::new(),
            keep_with_next: false,
            first_baseline: 0.0,
            table: None,
            table_header: false,
            bookmark: None,
        }
    }
}

/// A word (or a piece of one) ready to be set.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    font: FontKind,
    width: f32,
    /// A space follows it in the source.
    space: bool,
    /// A hard line break follows it.
    hard: bool,
}

struct Ctx {
    missing: BTreeSet<char>,
    tables: usize,
}

impl Ctx {
    /// Replaces characters a font lacks, and notes them.
    fn clean(&mut self, font: FontKind, text: &str) -> String {
        text.chars()
            .map(|c| {
                if font::covers(font, c) || c == '\n' {
                    c
                } else {
                    self.missing.insert(c);
                    font::REPLACEMENT
                }
            })
            .collect()
    }
}

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

fn words(spans: &[Span], base: FontKind, size: f32, ctx: &mut Ctx) -> Vec<Word> {
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
        let text = ctx.clean(font, &span.text);
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
fn break_lines(words: Vec<Word>, max: f32, size: f32) -> Vec<Vec<Word>> {
    let mut lines: Vec<Vec<Word>> = Vec::new();
    let mut line: Vec<Word> = Vec::new();
    let mut x = 0.0;
    for w in words.into_iter().flat_map(|w| split_long(w, max, size)) {
        let gap = match line.last() {
            Some(p) if p.space => font::width(p.font, " ", size),
            _ => 0.0,
        };
        if !line.is_empty() && x + gap + w.width > max + 0.01 {
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
fn set_line(
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
fn baseline_in(leading: f32, size: f32) -> f32 {
    (leading + size * 0.72) / 2.0
}

/// A paragraph as one chunk per line, with widow and orphan control.
fn paragraph(
    spans: &[Span],
    x: f32,
    width: f32,
    base: FontKind,
    size: f32,
    leading: f32,
    ctx: &mut Ctx,
) -> Vec<Chunk> {
    let lines = break_lines(words(spans, base, size, ctx), width, size);
    let n = lines.len();
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let mut c = Chunk::new(leading);
            c.first_baseline = baseline_in(leading, size);
            set_line(line, x, c.first_baseline, size, 0.0, &mut c.items);
            // No break after the first line or before the last one.
            c.keep_with_next = n > 1 && (i == 0 || i + 2 == n);
            c
        })
        .collect()
}

struct Flow<'a> {
    ctx: &'a mut Ctx,
}

impl Flow<'_> {
    fn blocks(
        &mut self,
        blocks: &[Block],
        x: f32,
        width: f32,
        first_space: f32,
        inner: f32,
    ) -> Vec<Chunk> {
        let mut out: Vec<Chunk> = Vec::new();
        let mut pending: Option<f32> = None;
        for (bi, block) in blocks.iter().enumerate() {
            let space = if bi == 0 { first_space } else { inner };
            let mut chunks = match block {
                Block::Heading { level, spans } => {
                    let (size, leading, before, after) = match level {
                        1 => (16.0, 20.0, 0.0, 10.0),
                        2 => (12.5, 16.0, 15.0, 6.0),
                        _ => (10.5, 14.0, 10.0, 4.0),
                    };
                    let mut cs =
                        paragraph(spans, x, width, FontKind::SansBold, size, leading, self.ctx);
                    for c in &mut cs {
                        c.keep_with_next = true;
                    }
                    if let Some(c) = cs.first_mut() {
                        c.space_before = before;
                        if *level == 2 {
                            c.bookmark = Some(blocks::plain(spans).trim().to_string());
                        }
                    }
                    out.extend(cs);
                    pending = Some(after);
                    continue;
                }
                Block::Paragraph(spans) => paragraph(
                    spans,
                    x,
                    width,
                    FontKind::Serif,
                    BODY,
                    BODY_LEADING,
                    self.ctx,
                ),
                Block::List { start, items } => self.list(*start, items, x, width),
                Block::Table { header, rows } => self.table(header, rows, x, width),
                Block::Quote(inner_blocks) => {
                    let mut cs = self.blocks(inner_blocks, x + 14.0, width - 14.0, 0.0, PARA_SPACE);
                    for c in &mut cs {
                        c.items.push(Item::Line {
                            x1: x + 3.0,
                            y1: -c.space_before,
                            x2: x + 3.0,
                            y2: c.height,
                            width: 1.5,
                            gray: 0.7,
                        });
                    }
                    cs
                }
                Block::Code(text) => {
                    let lines: Vec<Block> = text
                        .lines()
                        .map(|l| {
                            Block::Paragraph(vec![Span {
                                text: l.to_string(),
                                style: Style {
                                    code: true,
                                    ..Style::default()
                                },
                            }])
                        })
                        .collect();
                    let mut cs = Vec::new();
                    for l in &lines {
                        if let Block::Paragraph(s) = l {
                            cs.extend(paragraph(
                                s,
                                x + 6.0,
                                width - 12.0,
                                FontKind::Mono,
                                9.0,
                                12.0,
                                self.ctx,
                            ));
                        }
                    }
                    for c in &mut cs {
                        c.items.insert(
                            0,
                            Item::Fill {
                                x,
                                y: 0.0,
                                w: width,
                                h: c.height,
                                gray: 0.95,
                            },
                        );
                    }
                    cs
                }
                Block::Rule => {
                    let mut c = Chunk::new(8.0);
                    c.items.push(Item::Line {
                        x1: x,
                        y1: 4.0,
                        x2: x + width,
                        y2: 4.0,
                        width: 0.5,
                        gray: RULE_GREY,
                    });
                    vec![c]
                }
            };
            if let Some(first) = chunks.first_mut() {
                first.space_before = pending.take().unwrap_or(space);
            }
            out.append(&mut chunks);
        }
        out
    }

    fn list(&mut self, start: Option<u64>, items: &[Vec<Block>], x: f32, width: f32) -> Vec<Chunk> {
        let mut out = Vec::new();
        let ordered = start.is_some();
        let last_number = start.unwrap_or(1) + items.len().saturating_sub(1) as u64;
        let number_width = font::width(FontKind::Serif, &format!("{last_number}."), BODY);
        let indent = if ordered {
            INDENT.max(number_width + 6.0)
        } else {
            INDENT
        };
        for (i, item) in items.iter().enumerate() {
            let mut cs = self.blocks(
                item,
                x + indent,
                width - indent,
                if i == 0 { 0.0 } else { ITEM_SPACE },
                ITEM_SPACE + 1.0,
            );
            if cs.is_empty() {
                cs.push(Chunk::new(BODY_LEADING));
            }
            let marker = match start {
                Some(n) => format!("{}.", n + i as u64),
                None => "•".to_string(),
            };
            let first = &mut cs[0];
            let (w, kerns) = font::measure(FontKind::Serif, &marker, BODY);
            let mx = if ordered {
                x + indent - 5.0 - w
            } else {
                x + indent - 11.0
            };
            // The marker comes first, so text read back from the PDF is in order.
            first.items.insert(
                0,
                Item::Text {
                    x: mx,
                    y: first.first_baseline,
                    font: FontKind::Serif,
                    size: BODY,
                    gray: 0.0,
                    text: marker,
                    kerns,
                },
            );
            out.extend(cs);
        }
        out
    }

    fn table(
        &mut self,
        header: &[Vec<Span>],
        rows: &[Vec<Vec<Span>>],
        x: f32,
        width: f32,
    ) -> Vec<Chunk> {
        let id = self.ctx.tables;
        self.ctx.tables += 1;
        let cols = header
            .len()
            .max(rows.iter().map(Vec::len).max().unwrap_or(0))
            .max(1);
        let widths = column_widths(header, rows, cols, width);
        let mut out = Vec::new();
        let bold = |spans: &[Span]| -> Vec<Span> {
            spans
                .iter()
                .map(|s| Span {
                    text: s.text.clone(),
                    style: Style {
                        bold: true,
                        ..s.style
                    },
                })
                .collect()
        };
        if !header.is_empty() {
            let cells: Vec<Vec<Span>> = header.iter().map(|c| bold(c)).collect();
            let mut c = self.row(&cells, x, &widths, true);
            c.table = Some(id);
            c.table_header = true;
            c.keep_with_next = true;
            out.push(c);
        }
        for r in rows {
            let mut c = self.row(r, x, &widths, false);
            c.table = Some(id);
            out.push(c);
        }
        if let Some(first) = out.first_mut() {
            first.space_before = PARA_SPACE;
        }
        out
    }

    fn row(&mut self, cells: &[Vec<Span>], x: f32, widths: &[f32], header: bool) -> Chunk {
        let mut laid: Vec<Vec<Vec<Word>>> = Vec::new();
        for (i, w) in widths.iter().enumerate() {
            let spans = cells.get(i).map(Vec::as_slice).unwrap_or(&[]);
            laid.push(break_lines(
                words(spans, FontKind::Serif, TABLE_SIZE, self.ctx),
                w - 2.0 * PAD,
                TABLE_SIZE,
            ));
        }
        let lines = laid.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height = lines as f32 * TABLE_LEADING + 2.0 * PAD;
        let mut c = Chunk::new(height);
        c.first_baseline = PAD + baseline_in(TABLE_LEADING, TABLE_SIZE);
        let total: f32 = widths.iter().sum();
        if header {
            c.items.push(Item::Fill {
                x,
                y: 0.0,
                w: total,
                h: height,
                gray: HEAD_FILL,
            });
            c.items.push(Item::Line {
                x1: x,
                y1: 0.0,
                x2: x + total,
                y2: 0.0,
                width: 0.5,
                gray: RULE_GREY,
            });
        }
        let mut cx = x;
        for (i, cell) in laid.iter().enumerate() {
            for (li, line) in cell.iter().enumerate() {
                let baseline =
                    PAD + li as f32 * TABLE_LEADING + baseline_in(TABLE_LEADING, TABLE_SIZE);
                set_line(line, cx + PAD, baseline, TABLE_SIZE, 0.0, &mut c.items);
            }
            c.items.push(Item::Line {
                x1: cx,
                y1: 0.0,
                x2: cx,
                y2: height,
                width: 0.5,
                gray: RULE_GREY,
            });
            cx += widths[i];
        }
        c.items.push(Item::Line {
            x1: cx,
            y1: 0.0,
            x2: cx,
            y2: height,
            width: 0.5,
            gray: RULE_GREY,
        });
        c.items.push(Item::Line {
            x1: x,
            y1: height,
            x2: cx,
            y2: height,
            width: 0.5,
            gray: RULE_GREY,
        });
        c
    }
}

/// Column widths: a two-column question/answer table is 28% / 72%; other
/// tables share the width by the natural width of their content.
fn column_widths(
    header: &[Vec<Span>],
    rows: &[Vec<Vec<Span>>],
    cols: usize,
    width: f32,
) -> Vec<f32> {
    if cols == 2 {
        return vec![width * 0.28, width * 0.72];
    }
    let natural = |spans: &[Span]| {
        font::width(FontKind::Serif, &blocks::plain(spans), TABLE_SIZE) + 2.0 * PAD
    };
    let mut w = vec![40.0f32; cols];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (i, cell) in row.iter().enumerate().take(cols) {
            w[i] = w[i].max(natural(cell).min(width));
        }
    }
    let sum: f32 = w.iter().sum();
    w.iter().map(|x| x / sum * width).collect()
}

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

/// Places chunks on pages.
fn paginate(chunks: Vec<Chunk>, setup: &Setup) -> (Vec<Page>, Vec<Bookmark>) {
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
        .flat_map(|c| slice_tall(c, content - 40.0))
        .collect();
    let mut pages = vec![Page {
        width: pw,
        height: ph,
        items: Vec::new(),
    }];
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
        let at_top = (y - top).abs() < 0.01;
        let fits = y + group_height(at_top) <= bottom + 0.01;
        if !fits && !at_top && group_height(true) <= content {
            pages.push(Page {
                width: pw,
                height: ph,
                items: Vec::new(),
            });
            y = top;
            // A table that goes on repeats its header.
            if let Some(t) = chunks[i].table
                && !chunks[i].table_header
                && let Some(h) = headers.get(&t)
            {
                place(h, top, pages.last_mut().expect("a page"));
                y += h.height;
            }
            continue;
        }
        // Place the group one chunk at a time (a group taller than a page
        // breaks where it must).
        for c in &chunks[i..=j] {
            let at_top = (y - top).abs() < 0.01;
            let space = if at_top { 0.0 } else { c.space_before };
            if y + space + c.height > bottom + 0.01 && !at_top {
                pages.push(Page {
                    width: pw,
                    height: ph,
                    items: Vec::new(),
                });
                y = top;
                if let Some(t) = c.table
                    && !c.table_header
                    && let Some(h) = headers.get(&t)
                {
                    place(h, top, pages.last_mut().expect("a page"));
                    y += h.height;
                }
            } else {
                y += space;
            }
            if let Some(b) = &c.bookmark {
                bookmarks.push(Bookmark {
                    title: b.clone(),
                    page: pages.len() - 1,
                });
            }
            place(c, y, pages.last_mut().expect("a page"));
            y += c.height;
        }
        i = j + 1;
    }
    (pages, bookmarks)
}

fn place(c: &Chunk, y: f32, page: &mut Page) {
    page.items.extend(c.items.iter().map(|it| shift(it, y)));
}

/// Adds the running header (from page 2) and "Page N of M" to every page.
fn frame(pages: &mut [Page], setup: &Setup, ctx: &mut Ctx) {
    let n = pages.len();
    let left = ctx.clean(FontKind::Sans, &setup.header_left);
    let right = ctx.clean(FontKind::Sans, &setup.header_right);
    for (i, p) in pages.iter_mut().enumerate() {
        let footer = format!("Page {} of {n}", i + 1);
        let (w, kerns) = font::measure(FontKind::Sans, &footer, SMALL);
        p.items.push(Item::Text {
            x: (p.width - w) / 2.0,
            y: p.height - 36.0,
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
                y: 43.0,
                font: FontKind::Sans,
                size: SMALL,
                gray: GREY,
                text: left.clone(),
                kerns: kl,
            },
            Item::Text {
                x: p.width - MARGIN - rw,
                y: 43.0,
                font: FontKind::Sans,
                size: SMALL,
                gray: GREY,
                text: right.clone(),
                kerns: kr,
            },
            Item::Line {
                x1: MARGIN,
                y1: 49.0,
                x2: p.width - MARGIN,
                y2: 49.0,
                width: 0.5,
                gray: GREY,
            },
        ];
        // The header first and the footer last, in reading order.
        p.items.splice(0..0, header);
    }
}

/// Lays out a Markdown document.
pub fn layout(markdown: &str, setup: &Setup) -> Laid {
    let mut ctx = Ctx {
        missing: BTreeSet::new(),
        tables: 0,
    };
    let blocks = blocks::parse(markdown);
    let (pw, _) = setup.paper.size();
    let chunks = Flow { ctx: &mut ctx }.blocks(&blocks, MARGIN, pw - 2.0 * MARGIN, 0.0, PARA_SPACE);
    let (mut pages, bookmarks) = paginate(chunks, setup);
    frame(&mut pages, setup, &mut ctx);
    Laid {
        pages,
        bookmarks,
        missing: ctx.missing,
    }
}

/// The layout as text, one line of text per line: what snapshot tests keep.
pub fn describe(laid: &Laid) -> String {
    let mut s = String::new();
    for (i, p) in laid.pages.iter().enumerate() {
        let _ = writeln!(s, "page {} ({:.0} x {:.0})", i + 1, p.width, p.height);
        for it in &p.items {
            match it {
                Item::Text {
                    x,
                    y,
                    font,
                    size,
                    text,
                    ..
                } => {
                    let _ = writeln!(s, "  {y:6.1} {x:6.1} {:<22} {size:4.1} {text}", font.name());
                }
                Item::Line { x1, y1, x2, y2, .. } => {
                    let _ = writeln!(s, "  line {x1:.1},{y1:.1} - {x2:.1},{y2:.1}");
                }
                Item::Fill { x, y, w, h, .. } => {
                    let _ = writeln!(s, "  fill {x:.1},{y:.1} {w:.1}x{h:.1}");
                }
            }
        }
    }
    for b in &laid.bookmarks {
        let _ = writeln!(s, "bookmark p{} {}", b.page + 1, b.title);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> Setup {
        Setup {
            paper: Paper::Letter,
            header_left: "Store · Merchant token A1".into(),
            header_right: "Plan of Action · 1 January 2026".into(),
        }
    }

    /// Body text items per page (no header or footer), as (page, y, text).
    fn body(l: &Laid) -> Vec<(usize, f32, String)> {
        let mut v = Vec::new();
        for (i, p) in l.pages.iter().enumerate() {
            for it in &p.items {
                if let Item::Text { y, text, .. } = it
                    && *y > 60.0
                    && *y < p.height - 50.0
                {
                    v.push((i, *y, text.clone()));
                }
            }
        }
        v
    }

    #[test]
    fn a_word_too_long_for_the_line_is_broken_not_drawn_off_the_page() {
        let url = "https://example.com/".to_string() + &"averyveryverylongpath".repeat(12);
        let l = layout(&format!("Before {url} after."), &setup());
        for (_, _, t) in body(&l) {
            let w = font::width(FontKind::Serif, &t, BODY);
            assert!(w <= 612.0 - 144.0 + 0.5, "{t} is {w} wide");
        }
        assert!(body(&l).len() >= 3);
    }

    #[test]
    fn no_page_starts_or_ends_with_a_lone_line_of_a_paragraph() {
        // Paragraphs of 5 lines: wherever a page breaks one, at least two
        // of its lines stay on each side.
        // Paragraphs of 2 to 8 lines, so that page breaks fall inside them.
        let md: String = (0..40)
            .map(|i| format!("P{i} {}\n\n", "word ".repeat(30 + (i * 37) % 110)))
            .collect();
        let l = layout(&md, &setup());
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
            let l = layout(&md, &setup());
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
        let l = layout(&md, &setup());
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
            let l = layout(&md, &setup());
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

    #[test]
    fn nested_lists_hang_and_number() {
        let l = layout("1. one\n2. two\n   - inner bullet\n", &setup());
        let xs: Vec<(String, f32)> = body(&l)
            .into_iter()
            .map(|(_, _, t)| t)
            .zip(l.pages[0].items.iter().filter_map(|it| match it {
                Item::Text { x, y, .. } if *y > 60.0 && *y < 700.0 => Some(*x),
                _ => None,
            }))
            .collect();
        let x_of = |t: &str| xs.iter().find(|(s, _)| s == t).map(|x| x.1).unwrap();
        assert!(x_of("1.") < x_of("one"));
        assert!(x_of("•") > x_of("1."));
        assert!(x_of("inner bullet") > x_of("two"));
    }
}
