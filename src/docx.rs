//! The Word writer: the document tree (`markup`) to a `.docx`, the same
//! letter as the PDF with Word's own styles, so a consultant can restyle
//! it: the title in `Title`, sections in `Heading 1` to `Heading 3`, lists
//! numbered by Word (each list its own numbering, from its first number),
//! tables in `Table Grid` with a bold header row, rows kept whole across pages, the
//! running header from page 2 and "Page N of M" as fields. Built with
//! docx-rs; this file knows Word's structure and nothing of cases.

use docx_rs::{
    AbstractNumbering, AlignmentType, BorderType, BreakType, Docx, Footer, Header, IndentLevel,
    Level, LevelJc, LevelText, LineSpacing, NumPages, NumberFormat, Numbering, NumberingId,
    PageMargin, PageNum, Paragraph, ParagraphBorder, ParagraphBorderPosition, Run, RunFonts,
    SpecialIndentType, Start, Style, StyleType, Tab, TabValueType, Table, TableCell,
    TableLayoutType, TableRow, WidthType,
};

use crate::layout::{Paper, Setup};
use crate::markup::{Block, Span};

/// One inch in twentieths of a point, Word's unit of length.
const INCH: i32 = 1440;
/// The margin on every side, as the PDF's.
const MARGIN: i32 = INCH;
/// How far each level of a list is indented.
const LIST_STEP: i32 = 720;
/// The hanging indent that holds a list's number.
const HANGING: i32 = 360;
/// Latin text: a face every Word has, that LibreOffice maps to a metric twin.
const LATIN: &str = "Calibri";
/// Chinese text (names, addresses): on every Windows and in Word for Mac.
const EAST_ASIA: &str = "SimSun";
const MONO: &str = "Consolas";

/// The page in twips, width and height.
fn page(paper: Paper) -> (u32, u32) {
    match paper {
        Paper::Letter => (12240, 15840),
        Paper::A4 => (11906, 16838),
    }
}

/// The document's Word file.
pub fn write(blocks: &[Block], setup: &Setup) -> Result<Vec<u8>, String> {
    let (width, height) = page(setup.paper);
    let text_width = width as i32 - 2 * MARGIN;
    let mut w = Writer {
        docx: styled(Docx::new()),
        next_list: 2,
        text_width,
    };
    for b in blocks {
        w.block(b, 0, false);
    }
    let running = Paragraph::new()
        .style("Header")
        .add_tab(Tab::new().val(TabValueType::Right).pos(text_width as usize))
        .add_run(Run::new().add_text(clean(&setup.header_left)))
        .add_run(Run::new().add_tab().add_text(clean(&setup.header_right)));
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .style("Footer")
            .align(AlignmentType::Center)
            .add_run(Run::new().add_text("Page "))
            .add_page_num(PageNum::new())
            .add_run(Run::new().add_text(" of "))
            .add_num_pages(NumPages::new()),
    );
    let docx = w
        .docx
        .page_size(width, height)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN)
                .header(INCH / 2)
                .footer(INCH / 2),
        )
        // The first page carries the letter's own head, as the PDF's.
        .first_header(Header::new().add_paragraph(Paragraph::new().style("Header")))
        .header(Header::new().add_paragraph(running))
        .first_footer(footer.clone())
        .footer(footer)
        .title_pg();
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut out)
        .map_err(|e| format!("the Word file could not be packed: {e}"))?;
    Ok(out.into_inner())
}

/// Word's built-in styles the letter uses, by their built-in names, so
/// Word and LibreOffice treat them as their own (the navigation pane, a
/// table of contents, restyling with a theme).
fn styled(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(size)
            .color("1F3864")
            .outline_lvl(level)
            .line_spacing(LineSpacing::new().before(240).after(80))
    };
    // The running head and foot: small and grey, without space after.
    let running = |id: &str, name: &str| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .size(17)
            .color("595959")
            .line_spacing(LineSpacing::new().after(0))
    };
    let fonts = RunFonts::new()
        .ascii(LATIN)
        .hi_ansi(LATIN)
        .cs(LATIN)
        .east_asia(EAST_ASIA);
    docx.default_fonts(fonts)
        .default_size(22)
        .default_line_spacing(LineSpacing::new().after(120).line(259))
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .bold()
                .size(32)
                .color("1F3864")
                .line_spacing(LineSpacing::new().after(200)),
        )
        .add_style(heading("Heading1", "heading 1", 28, 0))
        .add_style(heading("Heading2", "heading 2", 24, 1))
        .add_style(heading("Heading3", "heading 3", 22, 2))
        .add_style(
            Style::new("ListParagraph", StyleType::Paragraph)
                .name("List Paragraph")
                .based_on("Normal")
                .q_format(true),
        )
        .add_style(
            Style::new("Quote", StyleType::Paragraph)
                .name("Quote")
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .italic()
                .indent(Some(LIST_STEP), None, Some(LIST_STEP), None),
        )
        .add_style(
            Style::new("PlainText", StyleType::Paragraph)
                .name("Plain Text")
                .based_on("Normal")
                .fonts(RunFonts::new().ascii(MONO).hi_ansi(MONO).cs(MONO))
                .size(19)
                .line_spacing(LineSpacing::new().after(0)),
        )
        .add_style(running("Header", "header"))
        .add_style(running("Footer", "footer"))
        .add_style(
            Style::new("TableGrid", StyleType::Table)
                .name("Table Grid")
                .layout(TableLayoutType::Fixed),
        )
}

struct Writer {
    docx: Docx,
    /// The next numbering id: 1 is docx-rs's own default list.
    next_list: usize,
    text_width: i32,
}

impl Writer {
    /// Adds a block; `depth` is how many lists hold it, `quoted` whether a
    /// quote does.
    fn block(&mut self, block: &Block, depth: usize, quoted: bool) {
        match block {
            Block::Heading { level, spans } => {
                let style = match level {
                    1 => "Title",
                    2 => "Heading1",
                    3 => "Heading2",
                    _ => "Heading3",
                };
                let p = runs(Paragraph::new().style(style).keep_next(true), spans);
                self.push(p);
            }
            Block::Paragraph(spans) => {
                let mut p = Paragraph::new();
                if quoted {
                    p = p.style("Quote");
                } else if depth > 0 {
                    p = p.style("ListParagraph").indent(
                        Some(LIST_STEP * depth as i32),
                        None,
                        None,
                        None,
                    );
                }
                self.push(runs(p, spans));
            }
            Block::List { start, items } => self.list(*start, items, depth, quoted),
            Block::Table { header, rows } => self.table(header, rows),
            Block::Quote(inner) => {
                for b in inner {
                    self.block(b, depth, true);
                }
            }
            Block::Code(text) => {
                let mut run = Run::new();
                for (i, line) in text.split('\n').enumerate() {
                    if i > 0 {
                        run = run.add_break(BreakType::TextWrapping);
                    }
                    run = run.add_text(clean(line));
                }
                self.push(Paragraph::new().style("PlainText").add_run(run));
            }
            Block::Rule => {
                let mut p = Paragraph::new();
                p.property = p.property.set_border(
                    ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                        .val(BorderType::Single)
                        .size(6)
                        .color("A6A6A6"),
                );
                self.push(p);
            }
        }
    }

    /// The document with `add` done to it (docx-rs builds by value).
    fn add(&mut self, add: impl FnOnce(Docx) -> Docx) {
        self.docx = add(std::mem::take(&mut self.docx));
    }

    fn push(&mut self, p: Paragraph) {
        self.add(|d| d.add_paragraph(p));
    }

    /// A list as Word numbers it: its own numbering from its first number,
    /// the item's first paragraph numbered, the rest of the item indented
    /// under it, a list inside an item one level in.
    fn list(&mut self, start: Option<u64>, items: &[Vec<Block>], depth: usize, quoted: bool) {
        let id = self.next_list;
        self.next_list += 1;
        let level = depth.min(8);
        let indent = LIST_STEP * (level as i32 + 1);
        let (format, text) = match start {
            Some(_) => ("decimal", format!("%{}.", level + 1)),
            None => ("bullet", "•".to_string()),
        };
        let first = start.map_or(1, |s| s.clamp(0, 32767) as usize);
        let mut abs = AbstractNumbering::new(id);
        for l in 0..=level {
            let (fmt, txt, at) = if l == level {
                (format, text.clone(), first)
            } else {
                ("decimal", format!("%{}.", l + 1), 1)
            };
            abs = abs.add_level(
                Level::new(
                    l,
                    Start::new(at),
                    NumberFormat::new(fmt),
                    LevelText::new(txt),
                    LevelJc::new("left"),
                )
                .indent(
                    Some(LIST_STEP * (l as i32 + 1)),
                    Some(SpecialIndentType::Hanging(HANGING)),
                    None,
                    None,
                ),
            );
        }
        self.add(|d| {
            d.add_abstract_numbering(abs)
                .add_numbering(Numbering::new(id, id))
        });
        for item in items {
            let mut numbered = false;
            for b in item {
                match b {
                    Block::Paragraph(spans) if !numbered => {
                        numbered = true;
                        let p = Paragraph::new()
                            .style(if quoted { "Quote" } else { "ListParagraph" })
                            .numbering(NumberingId::new(id), IndentLevel::new(level));
                        self.push(runs(p, spans));
                    }
                    Block::Paragraph(spans) => {
                        let p = Paragraph::new().style("ListParagraph").indent(
                            Some(indent),
                            None,
                            None,
                            None,
                        );
                        self.push(runs(p, spans));
                    }
                    other => {
                        if !numbered {
                            numbered = true;
                            self.push(
                                Paragraph::new()
                                    .style("ListParagraph")
                                    .numbering(NumberingId::new(id), IndentLevel::new(level)),
                            );
                        }
                        self.block(other, depth + 1, quoted);
                    }
                }
            }
        }
    }

    /// A table at the text's width, its header row bold, no row split
    /// across pages (docx-rs 0.4 cannot mark a row to repeat); a
    /// two-column question table gives its first column the room of a
    /// label.
    fn table(&mut self, header: &[Vec<Span>], rows: &[Vec<Vec<Span>>]) {
        let columns = header
            .len()
            .max(rows.iter().map(Vec::len).max().unwrap_or(0))
            .max(1);
        let widths: Vec<usize> = if columns == 2 {
            let first = self.text_width * 3 / 10;
            vec![first as usize, (self.text_width - first) as usize]
        } else {
            vec![(self.text_width / columns as i32) as usize; columns]
        };
        let row = |cells: &[Vec<Span>], head: bool| {
            let cells = (0..columns)
                .map(|i| {
                    let mut spans = cells.get(i).cloned().unwrap_or_default();
                    if head {
                        spans.iter_mut().for_each(|s| s.style.bold = true);
                    }
                    let p = Paragraph::new().line_spacing(LineSpacing::new().after(0));
                    TableCell::new()
                        .width(widths[i], WidthType::Dxa)
                        .add_paragraph(runs(p, &spans))
                })
                .collect();
            TableRow::new(cells).cant_split()
        };
        let mut all = Vec::with_capacity(rows.len() + 1);
        if !header.is_empty() {
            all.push(row(header, true));
        }
        all.extend(rows.iter().map(|r| row(r, false)));
        let table = Table::new(all)
            .style("TableGrid")
            .set_grid(widths.clone())
            .width(self.text_width as usize, WidthType::Dxa)
            .layout(TableLayoutType::Fixed);
        // Word runs two tables together: a paragraph keeps them apart.
        self.add(|d| {
            d.add_table(table)
                .add_paragraph(Paragraph::new().line_spacing(LineSpacing::new().after(0)))
        });
    }
}

/// A paragraph with the runs of `spans`: bold, italic and code kept, a
/// hard break as Word's line break.
fn runs(mut p: Paragraph, spans: &[Span]) -> Paragraph {
    for s in spans {
        if s.text == "\n" {
            p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
            continue;
        }
        let mut run = Run::new().add_text(clean(&s.text));
        if s.style.bold {
            run = run.bold();
        }
        if s.style.italic {
            run = run.italic();
        }
        if s.style.code {
            run = run.fonts(RunFonts::new().ascii(MONO).hi_ansi(MONO));
        }
        p = p.add_run(run);
    }
    p
}

/// Text as XML may hold it: a tab as a space, other control characters
/// (which the case's door already refuses) left out.
fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// A Word file's text as a draft poa reads: a heading as a Markdown
/// heading (by its style's built-in name or outline level, whatever the
/// style is called in the writer's language), a numbered item as "1.", a
/// bulleted one as "-", a table row as its cells ("What happened: …" for
/// a row of two), and a blank line between paragraphs. Deleted text (a
/// tracked change) is left out, inserted text kept.
pub fn text_of(bytes: &[u8]) -> Result<String, String> {
    let doc = docx_rs::read_docx(bytes).map_err(|e| e.to_string())?;
    let mut reader = Reader {
        doc: &doc,
        out: String::new(),
        counts: Default::default(),
        in_list: false,
    };
    for child in &doc.document.children {
        match child {
            docx_rs::DocumentChild::Paragraph(p) => reader.paragraph(p),
            docx_rs::DocumentChild::Table(t) => {
                reader.end_list();
                reader.table(t);
            }
            _ => {}
        }
    }
    Ok(format!("{}\n", reader.out.trim_end()))
}

/// A Word document read into a draft's text.
struct Reader<'a> {
    doc: &'a Docx,
    out: String,
    /// The items numbered so far, by list and level.
    counts: std::collections::HashMap<(usize, usize), usize>,
    /// The last line written was a list item.
    in_list: bool,
}

impl Reader<'_> {
    /// A list ends with a blank line.
    fn end_list(&mut self) {
        if self.in_list {
            self.out.push('\n');
            self.in_list = false;
        }
    }

    /// The Markdown level of a paragraph's heading: "Title" is 1, and
    /// "heading N" (or outline level N) is N + 1, as poa writes them.
    fn heading(&self, p: &Paragraph) -> Option<usize> {
        let outline = |l: &docx_rs::OutlineLvl| (l.v < 9).then_some((l.v + 2).min(6));
        if let Some(l) = &p.property.outline_lvl {
            return outline(l);
        }
        let id = &p.property.style.as_ref()?.val;
        let style = self.doc.styles.styles.iter().find(|s| &s.style_id == id)?;
        if style.name.starts_with("Title") {
            return Some(1);
        }
        if let Some(n) = style.name.get_heading_number() {
            return Some((n + 1).clamp(2, 6));
        }
        outline(style.paragraph_property.outline_lvl.as_ref()?)
    }

    /// Whether a list paragraph is numbered (not bulleted).
    fn numbered(&self, num: usize, level: usize) -> bool {
        let Some(n) = self.doc.numberings.numberings.iter().find(|n| n.id == num) else {
            return false;
        };
        self.doc
            .numberings
            .abstract_nums
            .iter()
            .find(|a| a.id == n.abstract_num_id)
            .and_then(|a| a.levels.iter().find(|l| l.level == level))
            .is_some_and(|l| !matches!(l.format.val.as_str(), "bullet" | "none"))
    }

    fn paragraph(&mut self, p: &Paragraph) {
        let text = paragraph_text(p);
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let list = p
            .property
            .numbering_property
            .as_ref()
            .and_then(|n| Some((n.id.as_ref()?.id, n.level.as_ref().map_or(0, |l| l.val))))
            .filter(|(id, _)| *id != 0);
        if let Some((id, level)) = list {
            let indent = "   ".repeat(level.min(8));
            let line = if self.numbered(id, level) {
                let n = self.counts.entry((id, level)).or_insert(0);
                *n += 1;
                format!("{indent}{n}. {text}\n")
            } else {
                format!("{indent}- {text}\n")
            };
            self.out.push_str(&line);
            self.in_list = true;
            return;
        }
        self.end_list();
        let line = match self.heading(p) {
            Some(level) => format!("{} {}\n\n", "#".repeat(level), text.replace('\n', " ")),
            None => format!("{text}\n\n"),
        };
        self.out.push_str(&line);
    }

    fn table(&mut self, t: &Table) {
        for (i, docx_rs::TableChild::TableRow(row)) in t.rows.iter().enumerate() {
            // A header row in bold ("Question | Finding") names columns:
            // it is not part of the answers.
            if i == 0 && t.rows.len() > 1 && all_bold(row) {
                continue;
            }
            let cells: Vec<String> = row
                .cells
                .iter()
                .map(|docx_rs::TableRowChild::TableCell(c)| {
                    let parts: Vec<String> = c
                        .children
                        .iter()
                        .filter_map(|content| match content {
                            docx_rs::TableCellContent::Paragraph(p) => {
                                Some(paragraph_text(p).trim().replace('\n', " "))
                            }
                            _ => None,
                        })
                        .filter(|s| !s.is_empty())
                        .collect();
                    parts.join(" ")
                })
                .collect();
            match cells.as_slice() {
                [] => {}
                [a, b] if !a.is_empty() && !b.is_empty() => {
                    let a = a.trim_end_matches(':');
                    self.out.push_str(&format!("{a}: {b}\n"));
                }
                _ => {
                    let line: Vec<&str> = cells
                        .iter()
                        .map(String::as_str)
                        .filter(|s| !s.is_empty())
                        .collect();
                    if !line.is_empty() {
                        self.out.push_str(&format!("{}\n", line.join(" | ")));
                    }
                }
            }
        }
        self.out.push('\n');
    }
}

/// Whether every run with text in a table row is bold.
fn all_bold(row: &TableRow) -> bool {
    let mut any = false;
    for docx_rs::TableRowChild::TableCell(c) in &row.cells {
        for content in &c.children {
            let docx_rs::TableCellContent::Paragraph(p) = content else {
                continue;
            };
            for child in &p.children {
                let docx_rs::ParagraphChild::Run(r) = child else {
                    continue;
                };
                let has_text = r
                    .children
                    .iter()
                    .any(|c| matches!(c, docx_rs::RunChild::Text(t) if !t.text.trim().is_empty()));
                if !has_text {
                    continue;
                }
                if r.run_property.bold != Some(docx_rs::Bold::new()) {
                    return false;
                }
                any = true;
            }
        }
    }
    any
}

/// A paragraph's text: runs, inserted text and links, a tab as a space, a
/// line break as a line break.
fn paragraph_text(p: &Paragraph) -> String {
    fn run_text(r: &Run, s: &mut String) {
        for c in &r.children {
            match c {
                docx_rs::RunChild::Text(t) => s.push_str(&t.text),
                docx_rs::RunChild::Tab(_) | docx_rs::RunChild::PTab(_) => s.push(' '),
                docx_rs::RunChild::Break(_) | docx_rs::RunChild::CarriageReturn(_) => s.push('\n'),
                _ => {}
            }
        }
    }
    fn children(cs: &[docx_rs::ParagraphChild], s: &mut String) {
        for c in cs {
            match c {
                docx_rs::ParagraphChild::Run(r) => run_text(r, s),
                docx_rs::ParagraphChild::Insert(i) => {
                    for c in &i.children {
                        if let docx_rs::InsertChild::Run(r) = c {
                            run_text(r, s);
                        }
                    }
                }
                docx_rs::ParagraphChild::Hyperlink(h) => children(&h.children, s),
                docx_rs::ParagraphChild::StructuredDataTag(t) => {
                    for c in &t.children {
                        if let docx_rs::StructuredDataTagChild::Run(r) = c {
                            run_text(r, s);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut s = String::new();
    children(&p.children, &mut s);
    s
}
