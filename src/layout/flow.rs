//! Block flow: the blocks of a document, one after another down a column,
//! as chunks (pieces placed whole) with the space above each and the keeps
//! between them. Headings keep with what follows; lists hang their text
//! after a number or a bullet; quotes get a bar, code blocks a shading;
//! tables become one chunk per row, the header row marked so that it can
//! repeat. Lines are set by `inline`; this file does not know pages, which
//! `pages` fills.

use super::font::{self, FontKind};
use super::inline::{self, Missing, Word, baseline_in, break_lines, paragraph, set_line};
use super::style::{
    BODY, BODY_LEADING, BREAK_HEIGHT, BREAK_Y, BULLET_OFFSET, CODE_FILL, CODE_INSET, CODE_LEADING,
    CODE_NARROWING, CODE_SIZE, HAIRLINE, HEAD_FILL, HEADING_1, HEADING_2, HEADING_3, INDENT, INK,
    ITEM_INNER_SPACE, ITEM_SPACE, MIN_COLUMN, NUMBER_GAP, NUMBER_ROOM, PAD, PARA_SPACE,
    QUESTION_ROOM, QUESTION_SHARE, QUOTE_BAR_GREY, QUOTE_BAR_WIDTH, QUOTE_BAR_X, QUOTE_INDENT,
    RULE_GREY, TABLE_LEADING, TABLE_SIZE,
};
use super::style::{FIT, KEEP_WHOLE, SQUEEZE_LEADING, SQUEEZE_SPACE};
use super::{Item, Node, Role};
use crate::markup::{self, Block, Span, Style};

/// A piece of the page flow that is placed whole.
#[derive(Debug, Clone)]
pub(super) struct Chunk {
    pub(super) height: f32,
    pub(super) space_before: f32,
    /// y relative to the chunk's top.
    pub(super) items: Vec<Item>,
    /// No page break after this chunk.
    pub(super) keep_with_next: bool,
    /// The baseline of the first line, relative to the chunk's top.
    pub(super) first_baseline: f32,
    /// The table (numbered in the document) this chunk is a row of.
    pub(super) table: Option<usize>,
    /// This chunk is its table's header row.
    pub(super) table_header: bool,
    /// The outline entry that starts at this chunk.
    pub(super) bookmark: Option<String>,
    /// A table body row: how many lines its tallest cell has, where it may
    /// be split between two of them.
    pub(super) row_lines: usize,
    /// A table row: the leading of its lines.
    pub(super) row_leading: f32,
}

impl Chunk {
    pub(super) fn new(height: f32) -> Chunk {
        Chunk {
            height,
            space_before: 0.0,
            items: Vec::new(),
            keep_with_next: false,
            first_baseline: 0.0,
            table: None,
            table_header: false,
            bookmark: None,
            row_lines: 0,
            row_leading: TABLE_LEADING,
        }
    }
}

/// The flow of one document: where its missing characters are noted, and
/// how many tables it has had.
pub(super) struct Flow<'a> {
    missing: &'a mut Missing,
    /// The structure elements made so far, and the one being filled.
    nodes: Vec<Node>,
    parent: Option<usize>,
    tables: usize,
    /// How far the spacing is tightened to fit: 0 (as set) to 1 (the
    /// tightest the fit pass allows).
    squeeze: f32,
}

impl<'a> Flow<'a> {
    pub(super) fn new(missing: &'a mut Missing, squeeze: f32) -> Flow<'a> {
        Flow {
            missing,
            nodes: Vec::new(),
            parent: None,
            tables: 0,
            squeeze: squeeze.clamp(0.0, 1.0),
        }
    }

    /// The structure elements of what was laid out, in reading order.
    pub(super) fn structure(&mut self) -> Vec<Node> {
        std::mem::take(&mut self.nodes)
    }

    /// A new structure element inside the current one.
    fn open(&mut self, role: Role) -> usize {
        self.nodes.push(Node {
            role,
            parent: self.parent,
        });
        self.nodes.len() - 1
    }

    /// A space between blocks, tightened by the fit pass.
    fn space(&self, points: f32) -> f32 {
        points * (1.0 - SQUEEZE_SPACE * self.squeeze)
    }

    /// Table leading, tightened by the fit pass.
    fn table_leading(&self) -> f32 {
        TABLE_LEADING - SQUEEZE_LEADING * self.squeeze
    }

    /// Body leading, tightened by the fit pass.
    fn leading(&self) -> f32 {
        BODY_LEADING - SQUEEZE_LEADING * self.squeeze
    }

    /// The blocks of a whole document: `blocks`, with the letter's closing
    /// kept together. A sign-off ("Sincerely,": one short line ending with
    /// a comma) before the last block, the signature, keeps with it, and
    /// with the paragraph before it (its last two lines, if it is longer
    /// than a list item that is kept whole).
    pub(super) fn document(&mut self, blocks: &[Block], x: f32, width: f32) -> Vec<Chunk> {
        let mut starts = Vec::with_capacity(blocks.len());
        let mut out = self.blocks_from(blocks, x, width, 0.0, PARA_SPACE, &mut starts);
        let n = blocks.len();
        let sign_off = n >= 2
            && matches!(&blocks[n - 2], Block::Paragraph(spans) if {
                let t = markup::plain(spans);
                let t = t.trim();
                t.ends_with(',') && t.split_whitespace().count() <= 4
            });
        if sign_off && n >= 3 {
            let closing = starts[n - 3];
            let sign = starts[n - 2];
            let from = if sign - closing <= KEEP_WHOLE {
                closing
            } else {
                sign.saturating_sub(2)
            };
            let last = out.len().saturating_sub(1);
            for c in &mut out[from..last] {
                c.keep_with_next = true;
            }
        }
        out
    }

    /// Blocks in a column at `x`, `width` wide: `first_space` above the
    /// first, `inner` between the others (a heading sets its own).
    pub(super) fn blocks(
        &mut self,
        blocks: &[Block],
        x: f32,
        width: f32,
        first_space: f32,
        inner: f32,
    ) -> Vec<Chunk> {
        self.blocks_from(blocks, x, width, first_space, inner, &mut Vec::new())
    }

    /// As [`Flow::blocks`], noting in `starts` the index of each block's
    /// first chunk.
    fn blocks_from(
        &mut self,
        blocks: &[Block],
        x: f32,
        width: f32,
        first_space: f32,
        inner: f32,
        starts: &mut Vec<usize>,
    ) -> Vec<Chunk> {
        let mut out: Vec<Chunk> = Vec::new();
        let mut pending: Option<f32> = None;
        for (bi, block) in blocks.iter().enumerate() {
            starts.push(out.len());
            let space = self.space(if bi == 0 { first_space } else { inner });
            let mut chunks = match block {
                Block::Heading { level, spans } => {
                    let set = match level {
                        1 => HEADING_1,
                        2 => HEADING_2,
                        _ => HEADING_3,
                    };
                    let title = markup::plain(spans).trim().to_string();
                    let node = self.open(Role::Heading {
                        level: *level,
                        title: title.clone(),
                    });
                    let balanced = self.balanced_width(spans, width, FontKind::SansBold, set.size);
                    let mut cs = paragraph(
                        spans,
                        x,
                        balanced,
                        FontKind::SansBold,
                        set.size,
                        set.leading,
                        self.missing,
                    );
                    tag(&mut cs, node);
                    for c in &mut cs {
                        c.keep_with_next = true;
                    }
                    if let Some(c) = cs.first_mut() {
                        c.space_before = self.space(set.before);
                        if *level == 2 {
                            c.bookmark = Some(title);
                        }
                    }
                    out.extend(cs);
                    pending = Some(self.space(set.after));
                    continue;
                }
                Block::Paragraph(spans) => {
                    let node = self.open(Role::Paragraph);
                    let mut cs = paragraph(
                        spans,
                        x,
                        width,
                        FontKind::Serif,
                        BODY,
                        self.leading(),
                        self.missing,
                    );
                    tag(&mut cs, node);
                    cs
                }
                Block::List { start, items } => self.list(*start, items, x, width),
                Block::Table { header, rows } => self.table(header, rows, x, width),
                Block::Quote(inner_blocks) => {
                    let quote = self.open(Role::Quote);
                    let outer = self.parent.replace(quote);
                    let mut cs = self.blocks(
                        inner_blocks,
                        x + QUOTE_INDENT,
                        width - QUOTE_INDENT,
                        0.0,
                        PARA_SPACE,
                    );
                    self.parent = outer;
                    for c in &mut cs {
                        c.items.push(Item::Line {
                            x1: x + QUOTE_BAR_X,
                            y1: -c.space_before,
                            x2: x + QUOTE_BAR_X,
                            y2: c.height,
                            width: QUOTE_BAR_WIDTH,
                            gray: QUOTE_BAR_GREY,
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
                    let node = self.open(Role::Code);
                    let mut cs = Vec::new();
                    for l in &lines {
                        if let Block::Paragraph(s) = l {
                            cs.extend(paragraph(
                                s,
                                x + CODE_INSET,
                                width - CODE_NARROWING,
                                FontKind::Mono,
                                CODE_SIZE,
                                CODE_LEADING,
                                self.missing,
                            ));
                        }
                    }
                    tag(&mut cs, node);
                    for c in &mut cs {
                        c.items.insert(
                            0,
                            Item::Fill {
                                x,
                                y: 0.0,
                                w: width,
                                h: c.height,
                                gray: CODE_FILL,
                            },
                        );
                    }
                    cs
                }
                Block::Rule => {
                    let mut c = Chunk::new(BREAK_HEIGHT);
                    c.items.push(Item::Line {
                        x1: x,
                        y1: BREAK_Y,
                        x2: x + width,
                        y2: BREAK_Y,
                        width: HAIRLINE,
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

    /// A list, numbered from `start` or bulleted.
    fn list(&mut self, start: Option<u64>, items: &[Vec<Block>], x: f32, width: f32) -> Vec<Chunk> {
        let mut out = Vec::new();
        let ordered = start.is_some();
        let last_number = start.unwrap_or(1) + items.len().saturating_sub(1) as u64;
        let number_width = font::width(FontKind::Serif, &format!("{last_number}."), BODY);
        let indent = if ordered {
            INDENT.max(number_width + NUMBER_ROOM)
        } else {
            INDENT
        };
        let list = self.open(Role::List { ordered });
        let outer = self.parent;
        for (i, item) in items.iter().enumerate() {
            self.parent = Some(list);
            let li = self.open(Role::ListItem);
            self.parent = Some(li);
            let label = self.open(Role::Label);
            let body = self.open(Role::ListBody);
            self.parent = Some(body);
            let mut cs = self.blocks(
                item,
                x + indent,
                width - indent,
                if i == 0 { 0.0 } else { ITEM_SPACE },
                ITEM_INNER_SPACE,
            );
            if cs.is_empty() {
                cs.push(Chunk::new(self.leading()));
            }
            // An item of a few lines (an action and its status line) is
            // never split by a page break.
            if cs.len() <= KEEP_WHOLE && cs.iter().all(|c| c.table.is_none()) {
                let n = cs.len();
                for c in &mut cs[..n - 1] {
                    c.keep_with_next = true;
                }
            }
            let marker = match start {
                Some(n) => format!("{}.", n + i as u64),
                None => "•".to_string(),
            };
            let first = &mut cs[0];
            let w = font::width(FontKind::Serif, &marker, BODY);
            let mx = if ordered {
                x + indent - NUMBER_GAP - w
            } else {
                x + indent - BULLET_OFFSET
            };
            // The marker comes first, so text read back from the PDF is in order.
            first.items.insert(
                0,
                Item::Text {
                    x: mx,
                    y: first.first_baseline,
                    font: FontKind::Serif,
                    size: BODY,
                    gray: INK,
                    text: marker,
                    node: Some(label),
                },
            );
            out.extend(cs);
        }
        self.parent = outer;
        out
    }

    /// A table: a header row that keeps with the first row, then its rows.
    fn table(
        &mut self,
        header: &[Vec<Span>],
        rows: &[Vec<Vec<Span>>],
        x: f32,
        width: f32,
    ) -> Vec<Chunk> {
        let id = self.tables;
        self.tables += 1;
        let cols = header
            .len()
            .max(rows.iter().map(Vec::len).max().unwrap_or(0))
            .max(1);
        let widths = column_widths(header, rows, cols, width);
        let mut out = Vec::new();
        let table = self.open(Role::Table);
        let outer = self.parent.replace(table);
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
        self.parent = outer;
        if let Some(first) = out.first_mut() {
            first.space_before = self.space(PARA_SPACE);
        }
        out
    }

    /// The width to set a heading in so that, when it takes more than one
    /// line, its lines are of even length (no "(Amazon.com)" alone on the
    /// second): the narrowest that keeps the same number of lines.
    fn balanced_width(&mut self, spans: &[Span], width: f32, font: FontKind, size: f32) -> f32 {
        let count = |this: &mut Self, w: f32| {
            break_lines(inline::words(spans, font, size, this.missing), w, size).len()
        };
        let lines = count(self, width);
        if lines < 2 {
            return width;
        }
        let (mut lo, mut hi) = (width / lines as f32, width);
        for _ in 0..12 {
            let mid = (lo + hi) / 2.0;
            if count(self, mid) <= lines {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        hi + FIT
    }

    /// One table row as one chunk, ruled and, for the header, shaded.
    fn row(&mut self, cells: &[Vec<Span>], x: f32, widths: &[f32], header: bool) -> Chunk {
        let row = self.open(Role::Row);
        let outer = self.parent.replace(row);
        let cell_nodes: Vec<usize> = widths
            .iter()
            .map(|_| self.open(if header { Role::HeaderCell } else { Role::Cell }))
            .collect();
        self.parent = outer;
        let mut laid: Vec<Vec<Vec<Word>>> = Vec::new();
        for (i, w) in widths.iter().enumerate() {
            let spans = cells.get(i).map(Vec::as_slice).unwrap_or(&[]);
            laid.push(break_lines(
                inline::cell_words(spans, TABLE_SIZE, self.missing),
                w - 2.0 * PAD,
                TABLE_SIZE,
            ));
        }
        let lines = laid.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let leading = self.table_leading();
        let height = lines as f32 * leading + 2.0 * PAD;
        let mut c = Chunk::new(height);
        if !header {
            c.row_lines = lines;
        }
        c.row_leading = leading;
        c.first_baseline = PAD + baseline_in(leading, TABLE_SIZE);
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
                width: HAIRLINE,
                gray: RULE_GREY,
            });
        }
        let mut cx = x;
        for (i, cell) in laid.iter().enumerate() {
            let from = c.items.len();
            for (li, line) in cell.iter().enumerate() {
                let baseline = PAD + li as f32 * leading + baseline_in(leading, TABLE_SIZE);
                set_line(line, cx + PAD, baseline, TABLE_SIZE, INK, &mut c.items);
            }
            tag_items(&mut c.items[from..], cell_nodes[i]);
            c.items.push(column_rule(cx, height));
            cx += widths[i];
        }
        c.items.push(column_rule(cx, height));
        c.items.push(Item::Line {
            x1: x,
            y1: height,
            x2: cx,
            y2: height,
            width: HAIRLINE,
            gray: RULE_GREY,
        });
        c
    }
}

/// Marks the texts of `chunks` not yet in the structure as `node`'s.
fn tag(chunks: &mut [Chunk], node: usize) {
    for c in chunks {
        tag_items(&mut c.items, node);
    }
}

fn tag_items(items: &mut [Item], to: usize) {
    for it in items {
        if let Item::Text { node: n @ None, .. } = it {
            *n = Some(to);
        }
    }
}

/// Column widths: a two-column question/answer table gives its questions
/// the width of the longest (set in the bold sans), 28% at most, and the
/// answers the rest; other tables share the width by the natural width of
/// their content.
fn column_widths(
    header: &[Vec<Span>],
    rows: &[Vec<Vec<Span>>],
    cols: usize,
    width: f32,
) -> Vec<f32> {
    if cols == 2 {
        let longest = std::iter::once(header)
            .chain(rows.iter().map(Vec::as_slice))
            .filter_map(|r| r.first())
            .map(|c| font::width(FontKind::SansBold, &markup::plain(c), TABLE_SIZE))
            .fold(0.0f32, f32::max);
        let q = (longest + 2.0 * PAD + QUESTION_ROOM).clamp(MIN_COLUMN, width * QUESTION_SHARE);
        return vec![q, width - q];
    }
    let natural = |spans: &[Span]| {
        font::width(FontKind::Serif, &markup::plain(spans), TABLE_SIZE) + 2.0 * PAD
    };
    let mut w = vec![MIN_COLUMN; cols];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (i, cell) in row.iter().enumerate().take(cols) {
            w[i] = w[i].max(natural(cell).min(width));
        }
    }
    let sum: f32 = w.iter().sum();
    w.iter().map(|x| x / sum * width).collect()
}

/// The hairline between two cells of a table row, `height` tall.
fn column_rule(x: f32, height: f32) -> Item {
    Item::Line {
        x1: x,
        y1: 0.0,
        x2: x,
        y2: height,
        width: HAIRLINE,
        gray: RULE_GREY,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{body, laid};
    use super::*;

    #[test]
    fn nested_lists_hang_and_number() {
        let l = laid("1. one\n2. two\n   - inner bullet\n");
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
