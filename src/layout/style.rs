//! Every typographic number of the documents, in points unless it says
//! otherwise: margins, sizes and leadings, spacing, indents, rules, greys
//! and the places of the running heads. The other layout files name these
//! constants and write no measure of their own; this file computes nothing
//! and knows nothing of blocks, lines or pages. Greys run from 0 (black) to
//! 1 (white).

/// The margin on every side of the page; the running heads sit inside it.
pub const MARGIN: f32 = 72.0;

/// The grey of text in the body of a page: black.
pub const INK: f32 = 0.0;
/// The size of body text.
pub const BODY: f32 = 10.5;
/// The leading (line height) of body text.
pub const BODY_LEADING: f32 = 14.5;
/// The space between two paragraphs, and above a table.
pub const PARA_SPACE: f32 = 7.0;
/// The space between two list items.
pub const ITEM_SPACE: f32 = 3.0;
/// The space between two blocks inside one list item.
pub const ITEM_INNER_SPACE: f32 = ITEM_SPACE + 1.0;
/// The part of a font's size that sits above the baseline, when a line is
/// centred in its line box.
pub const ASCENT: f32 = 0.72;
/// A rounding allowance: a line or a group fits when it overshoots by less.
pub const FIT: f32 = 0.01;
/// A paragraph's last line of one word narrower than this share of the
/// line is a runt, and takes a word from the line before.
pub const RUNT_SHARE: f32 = 0.2;

/// How a level of heading is set.
pub struct Heading {
    /// The size of its text.
    pub size: f32,
    /// Its leading.
    pub leading: f32,
    /// The space above it.
    pub before: f32,
    /// The space below it, before the block that follows.
    pub after: f32,
}

/// A level-1 heading: the letter's title.
pub const HEADING_1: Heading = Heading {
    size: 16.0,
    leading: 20.0,
    before: 0.0,
    after: 10.0,
};
/// A level-2 heading: a section, with its bookmark.
pub const HEADING_2: Heading = Heading {
    size: 12.5,
    leading: 16.0,
    before: 15.0,
    after: 6.0,
};
/// A heading of level 3 or deeper.
pub const HEADING_3: Heading = Heading {
    size: 10.5,
    leading: 14.0,
    before: 10.0,
    after: 4.0,
};

/// A list item of at most this many lines is never split by a page break;
/// nor is a letter's closing paragraph from its sign-off.
pub const KEEP_WHOLE: usize = 6;

/// The share by which the fit pass may shrink the spaces between blocks.
pub const SQUEEZE_SPACE: f32 = 0.45;
/// How much the fit pass may take off body and table leading (points).
pub const SQUEEZE_LEADING: f32 = 1.0;
/// The steps the fit pass tries, from as set (0) to the tightest (1).
pub const SQUEEZE_STEPS: [f32; 4] = [0.0, 0.34, 0.67, 1.0];
/// A last page filled less than this share of its content height is
/// near-empty, and the fit pass tightens the document.
pub const LAST_PAGE_SHARE: f32 = 0.25;
/// The pages a letter of this kind should run to: past them, the fit pass
/// tightens the document to save a page.
pub const MOST_PAGES: usize = 3;
/// A table row is split between pages only between lines, and only when it
/// has this many lines at least, this many on each side of the split.
pub const ROW_SPLIT_LINES: usize = 2;

/// The indent of a list item's text (the least, for a numbered list).
pub const INDENT: f32 = 18.0;
/// The room between the widest number of a numbered list and its text.
pub const NUMBER_ROOM: f32 = 6.0;
/// The gap between a number's right edge and the item's text.
pub const NUMBER_GAP: f32 = 5.0;
/// How far left of the item's text a bullet starts.
pub const BULLET_OFFSET: f32 = 11.0;

/// How far a block quote's content is indented.
pub const QUOTE_INDENT: f32 = 14.0;
/// Where a block quote's bar stands, from the quote's left edge.
pub const QUOTE_BAR_X: f32 = 3.0;
/// The stroke of a block quote's bar.
pub const QUOTE_BAR_WIDTH: f32 = 1.5;
/// The grey of a block quote's bar.
pub const QUOTE_BAR_GREY: f32 = 0.7;

/// The size of code block text.
pub const CODE_SIZE: f32 = 9.0;
/// The leading of code block lines.
pub const CODE_LEADING: f32 = 12.0;
/// The inset of code block text from the left edge of its shading.
pub const CODE_INSET: f32 = 6.0;
/// How much narrower code block text is than its shading (both sides).
pub const CODE_NARROWING: f32 = 2.0 * CODE_INSET;
/// The grey of a code block's shading.
pub const CODE_FILL: f32 = 0.95;

/// The height of the box a thematic break stands in.
pub const BREAK_HEIGHT: f32 = 8.0;
/// Where the line of a thematic break runs, from its box's top.
pub const BREAK_Y: f32 = 4.0;

/// The stroke of thin lines: table rules, thematic breaks, the header rule.
pub const HAIRLINE: f32 = 0.5;
/// The size of table text.
pub const TABLE_SIZE: f32 = 9.5;
/// The leading of table text.
pub const TABLE_LEADING: f32 = 13.0;
/// The padding inside a table cell, on every side.
pub const PAD: f32 = 4.5;
/// The most of the width the first column of a two-column table takes.
pub const QUESTION_SHARE: f32 = 0.28;
/// Room after the longest question of a two-column table (points).
pub const QUESTION_ROOM: f32 = 6.0;
/// The least natural width of a column, before the columns are scaled to
/// the table's width.
pub const MIN_COLUMN: f32 = 40.0;
/// The grey of table rules and thematic breaks.
pub const RULE_GREY: f32 = 0.45;
/// The grey of a table header row's shading.
pub const HEAD_FILL: f32 = 0.92;

/// How much shorter than the page's content a slice of a chunk too tall for
/// any page is.
pub const SLICE_SLACK: f32 = 40.0;

/// The size of the running header and the footer.
pub const SMALL: f32 = 8.5;
/// The grey of the running header, its rule and the footer.
pub const GREY: f32 = 0.33;
/// The baseline of the running header, from the top of the page.
pub const HEADER_Y: f32 = 43.0;
/// The rule under the running header, from the top of the page.
pub const HEADER_RULE_Y: f32 = 49.0;
/// The baseline of the footer, from the bottom of the page.
pub const FOOTER_RISE: f32 = 36.0;
