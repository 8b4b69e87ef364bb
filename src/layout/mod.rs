//! The document tree (`markup`) to positioned lines on pages: the PDF's
//! layout, pure and testable without a PDF. Line breaking by real glyph
//! widths with kerning, ragged right, no hyphenation; headings kept with
//! what follows; no single widow or orphan line; nested lists with hanging
//! indents; tables whose header repeats after a page break and whose tall
//! rows split between lines (two at least on each side), never a short one;
//! a fit pass that tightens the spacing within set limits when the last
//! page would be near-empty; the structure of the letter (headings,
//! paragraphs, lists, tables) for the PDF's tags; words too long for a line broken between characters. The
//! `pdf` module draws the pages this returns and nothing else; Markdown is
//! read by `markup`, not here.
//!
//! The stages, as typst splits them: `inline` sets spans into lines,
//! `flow` stacks blocks into chunks, `pages` places chunks on pages and adds
//! the running heads; `style` holds every typographic number they use. This
//! file owns the output types, the entry point and the text form that
//! snapshot tests keep; it draws nothing itself.

mod flow;
pub mod font;
mod inline;
mod pages;
mod style;

use std::collections::BTreeSet;
use std::fmt::Write;

use serde::Serialize;

pub use font::FontKind;
use inline::Missing;

use crate::markup::Block;

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
        /// The structure element ([`Laid::structure`]) the text belongs
        /// to; `None` for what is not part of the letter (running heads,
        /// page numbers, a table header repeated on a later page).
        node: Option<usize>,
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

/// An outline entry: a section title, the page (0-based) it starts on and
/// the top of its heading there (points from the top of the page).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bookmark {
    pub title: String,
    pub page: usize,
    pub y: f32,
}

/// What a structure element is, for the PDF's tags (what a screen reader
/// or a reflowing reader follows).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Role {
    Heading {
        level: u8,
        title: String,
    },
    Paragraph,
    List {
        ordered: bool,
    },
    ListItem,
    /// A list item's number or bullet.
    Label,
    /// A list item's text.
    ListBody,
    Table,
    Row,
    HeaderCell,
    Cell,
    Quote,
    Code,
}

/// A structure element: its role and the element it is inside.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    pub role: Role,
    pub parent: Option<usize>,
}

/// A laid-out document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Laid {
    pub pages: Vec<Page>,
    /// The structure elements in reading order, each after its parent.
    pub structure: Vec<Node>,
    pub bookmarks: Vec<Bookmark>,
    /// Characters the fonts lack, drawn as `?`.
    pub missing: BTreeSet<char>,
}

/// Lays out the blocks of a document (`markup::parse` reads them from
/// Markdown). The fit pass: when the last page of a longer document is
/// near-empty (less than a quarter used), or the letter runs past three
/// pages, the spacing is tightened step by step within set limits; the
/// first step that mends it is kept, and with none, the step that gives
/// the fewest pages (the least tightened of those).
pub fn layout(blocks: &[Block], setup: &Setup) -> Laid {
    let (pw, _) = setup.paper.size();
    let mut best: Option<(pages::Paginated, Missing, Vec<Node>)> = None;
    for squeeze in style::SQUEEZE_STEPS {
        let mut missing = Missing::default();
        let mut flow = flow::Flow::new(&mut missing, squeeze);
        let chunks = flow.document(blocks, style::MARGIN, pw - 2.0 * style::MARGIN);
        let structure = flow.structure();
        let laid = pages::paginate(chunks, setup);
        let n = laid.pages.len();
        let good = n == 1 || (laid.last_fill >= style::LAST_PAGE_SHARE && n <= style::MOST_PAGES);
        if best.as_ref().is_none_or(|(b, _, _)| n < b.pages.len()) {
            best = Some((laid, missing, structure));
        }
        if good {
            let (b, _, _) = best.as_ref().expect("just set");
            // A step that fills its last page but makes more pages than an
            // earlier one loses to it.
            if b.pages.len() == n {
                break;
            }
        }
    }
    let (mut laid, mut missing, structure) = best.expect("one step at least");
    pages::running_heads(&mut laid.pages, setup, &mut missing);
    Laid {
        pages: laid.pages,
        structure,
        bookmarks: laid.bookmarks,
        missing: missing.chars,
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
    //! What the layout tests beside each stage share: a setup, a document
    //! laid out from Markdown, and its body text.

    use super::*;

    fn setup() -> Setup {
        Setup {
            paper: Paper::Letter,
            header_left: "Store · Merchant token A1".into(),
            header_right: "Plan of Action · 1 January 2026".into(),
        }
    }

    /// A Markdown document laid out on letter paper.
    pub(super) fn laid(markdown: &str) -> Laid {
        layout(&crate::markup::parse(markdown), &setup())
    }

    /// Body text items per page (no header or footer), as (page, y, text).
    pub(super) fn body(l: &Laid) -> Vec<(usize, f32, String)> {
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
}
