//! The document tree: Markdown (pulldown-cmark events) read into blocks
//! (headings, paragraphs, lists, tables, quotes, code, rules) that hold
//! spans of styled text. `parse` gives the blocks of a document as a plain
//! `Vec<Block>`; nothing else belongs to a document yet, so there is no
//! wrapper type. This is the stage between `compose`, which writes the
//! Markdown, and the writers that read the tree: `layout` for the PDF, and
//! whatever DOCX or HTML writer comes later. So it must not know fonts,
//! sizes, widths or pages, and it measures nothing.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// How a span of text is set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
}

/// A piece of inline text; `"\n"` alone is a hard line break.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

/// A block of a document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading of `level` 1 (the title) to 6.
    Heading {
        level: u8,
        spans: Vec<Span>,
    },
    Paragraph(Vec<Span>),
    /// A list numbered from `start`, or bulleted when `start` is `None`;
    /// each item is the blocks it holds.
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    /// A table: the cells of its header row, then of each body row.
    Table {
        header: Vec<Vec<Span>>,
        rows: Vec<Vec<Vec<Span>>>,
    },
    /// A block quote and the blocks inside it.
    Quote(Vec<Block>),
    /// A code block's text, its line breaks kept, without a trailing one.
    Code(String),
    /// A thematic break.
    Rule,
}

/// Where inline content goes while parsing.
enum Frame {
    Blocks(Vec<Block>),
    Inline {
        kind: InlineKind,
        spans: Vec<Span>,
    },
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Item(Vec<Block>),
    Table {
        header: Vec<Vec<Span>>,
        rows: Vec<Vec<Vec<Span>>>,
        row: Vec<Vec<Span>>,
        in_head: bool,
    },
    Quote(Vec<Block>),
    Code(String),
}

enum InlineKind {
    Paragraph,
    Heading(u8),
    Cell,
}

fn level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Adds a finished block to the innermost container.
fn push_block(stack: &mut [Frame], block: Block) {
    for f in stack.iter_mut().rev() {
        match f {
            Frame::Blocks(v) | Frame::Item(v) | Frame::Quote(v) => {
                v.push(block);
                return;
            }
            _ => {}
        }
    }
}

/// Adds inline text, opening an implicit paragraph inside a tight list item.
fn push_span(stack: &mut Vec<Frame>, span: Span) {
    if let Some(Frame::Inline { spans, .. }) = stack.last_mut() {
        if let (Some(last), false) = (spans.last_mut(), span.text == "\n")
            && last.style == span.style
            && last.text != "\n"
        {
            last.text.push_str(&span.text);
            return;
        }
        spans.push(span);
        return;
    }
    if let Some(Frame::Code(s)) = stack.last_mut() {
        s.push_str(&span.text);
        return;
    }
    stack.push(Frame::Inline {
        kind: InlineKind::Paragraph,
        spans: vec![span],
    });
}

/// Closes an implicit paragraph (tight list items have no Paragraph events).
fn close_implicit(stack: &mut Vec<Frame>) {
    if matches!(
        stack.last(),
        Some(Frame::Inline {
            kind: InlineKind::Paragraph,
            ..
        })
    ) && let Some(Frame::Inline { spans, .. }) = stack.pop()
    {
        push_block(stack, Block::Paragraph(spans));
    }
}

/// The blocks of a Markdown document.
pub fn parse(markdown: &str) -> Vec<Block> {
    let mut stack: Vec<Frame> = vec![Frame::Blocks(Vec::new())];
    let mut style = Style::default();
    for ev in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::Paragraph) => {
                close_implicit(&mut stack);
                stack.push(Frame::Inline {
                    kind: InlineKind::Paragraph,
                    spans: Vec::new(),
                });
            }
            Event::Start(Tag::Heading { level: l, .. }) => stack.push(Frame::Inline {
                kind: InlineKind::Heading(level(l)),
                spans: Vec::new(),
            }),
            Event::Start(Tag::TableCell) => stack.push(Frame::Inline {
                kind: InlineKind::Cell,
                spans: Vec::new(),
            }),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell) => {
                if let Some(Frame::Inline { kind, spans }) = stack.pop() {
                    match kind {
                        InlineKind::Paragraph => push_block(&mut stack, Block::Paragraph(spans)),
                        InlineKind::Heading(l) => {
                            push_block(&mut stack, Block::Heading { level: l, spans })
                        }
                        InlineKind::Cell => {
                            if let Some(Frame::Table { row, .. }) = stack.last_mut() {
                                row.push(spans);
                            }
                        }
                    }
                }
            }
            Event::Start(Tag::List(start)) => {
                close_implicit(&mut stack);
                stack.push(Frame::List {
                    start,
                    items: Vec::new(),
                });
            }
            Event::End(TagEnd::List(_)) => {
                if let Some(Frame::List { start, items }) = stack.pop() {
                    push_block(&mut stack, Block::List { start, items });
                }
            }
            Event::Start(Tag::Item) => stack.push(Frame::Item(Vec::new())),
            Event::End(TagEnd::Item) => {
                close_implicit(&mut stack);
                if let Some(Frame::Item(blocks)) = stack.pop()
                    && let Some(Frame::List { items, .. }) = stack.last_mut()
                {
                    items.push(blocks);
                }
            }
            Event::Start(Tag::Table(_)) => stack.push(Frame::Table {
                header: Vec::new(),
                rows: Vec::new(),
                row: Vec::new(),
                in_head: false,
            }),
            Event::Start(Tag::TableHead) => {
                if let Some(Frame::Table { in_head, .. }) = stack.last_mut() {
                    *in_head = true;
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(Frame::Table {
                    header,
                    row,
                    in_head,
                    ..
                }) = stack.last_mut()
                {
                    *header = std::mem::take(row);
                    *in_head = false;
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(Frame::Table { rows, row, .. }) = stack.last_mut() {
                    rows.push(std::mem::take(row));
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(Frame::Table { header, rows, .. }) = stack.pop() {
                    push_block(&mut stack, Block::Table { header, rows });
                }
            }
            Event::Start(Tag::BlockQuote(_)) => {
                close_implicit(&mut stack);
                stack.push(Frame::Quote(Vec::new()));
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                close_implicit(&mut stack);
                if let Some(Frame::Quote(blocks)) = stack.pop() {
                    push_block(&mut stack, Block::Quote(blocks));
                }
            }
            Event::Start(Tag::CodeBlock(_)) => {
                close_implicit(&mut stack);
                stack.push(Frame::Code(String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(Frame::Code(s)) = stack.pop() {
                    push_block(&mut stack, Block::Code(s.trim_end().to_string()));
                }
            }
            Event::Start(Tag::Strong) => style.bold = true,
            Event::End(TagEnd::Strong) => style.bold = false,
            Event::Start(Tag::Emphasis) => style.italic = true,
            Event::End(TagEnd::Emphasis) => style.italic = false,
            Event::Text(t) => push_span(
                &mut stack,
                Span {
                    text: t.into_string(),
                    style,
                },
            ),
            Event::Code(t) => push_span(
                &mut stack,
                Span {
                    text: t.into_string(),
                    style: Style {
                        code: true,
                        ..style
                    },
                },
            ),
            Event::SoftBreak => push_span(
                &mut stack,
                Span {
                    text: " ".into(),
                    style,
                },
            ),
            Event::HardBreak => push_span(
                &mut stack,
                Span {
                    text: "\n".into(),
                    style,
                },
            ),
            Event::InlineHtml(h) | Event::Html(h) => {
                let tag = h.trim().to_ascii_lowercase();
                if tag == "<br>" || tag == "<br/>" || tag == "<br />" {
                    push_span(
                        &mut stack,
                        Span {
                            text: "\n".into(),
                            style,
                        },
                    );
                } else {
                    push_span(
                        &mut stack,
                        Span {
                            text: h.into_string(),
                            style,
                        },
                    );
                }
            }
            Event::Rule => {
                close_implicit(&mut stack);
                push_block(&mut stack, Block::Rule);
            }
            _ => {}
        }
    }
    close_implicit(&mut stack);
    match stack.into_iter().next() {
        Some(Frame::Blocks(b)) => b,
        _ => Vec::new(),
    }
}

/// The plain text of spans.
pub fn plain(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tight_and_loose_lists_both_hold_paragraphs() {
        let tight = parse("1. one\n2. two\n   - nested");
        let Block::List { start, items } = &tight[0] else {
            panic!("{tight:?}")
        };
        assert_eq!(*start, Some(1));
        assert_eq!(items.len(), 2);
        assert!(
            matches!(items[1][1], Block::List { start: None, .. }),
            "{items:?}"
        );
        let loose = parse("- one\n\n- two\n");
        let Block::List { items, .. } = &loose[0] else {
            panic!()
        };
        assert!(matches!(&items[0][0], Block::Paragraph(s) if plain(s) == "one"));
    }

    #[test]
    fn styles_breaks_and_tables() {
        let b =
            parse("**Seller:** Acme\\\n*Date:* `x`\n\n| A | B |\n|---|---|\n| **a** | b<br>c |\n");
        let Block::Paragraph(spans) = &b[0] else {
            panic!()
        };
        assert!(spans[0].style.bold && spans[0].text == "Seller:");
        assert!(spans.iter().any(|s| s.text == "\n"));
        assert!(spans.iter().any(|s| s.style.code));
        let Block::Table { header, rows } = &b[1] else {
            panic!("{b:?}")
        };
        assert_eq!(plain(&header[1]), "B");
        assert_eq!(plain(&rows[0][1]), "b\nc");
    }
}
