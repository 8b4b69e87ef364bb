//! Pages to PDF bytes: the only module that imports krilla (the PDF writer
//! under typst).
//!
//! Draws the glyphs the layout measured (skrifa's advances and kerning,
//! from `layout::font`), in the DejaVu faces subset and embedded with their
//! Unicode text (so the letter can be searched and copied), and the
//! fallback face for Chinese letters where the layout used one. The PDF is
//! tagged: the layout's structure (headings, paragraphs, lists, tables) in
//! reading order, the running heads and rules marked as artifacts, and the
//! document's language English. The outline's entries open at their
//! headings. PDF/A-2b on request. The same pages give the same bytes: the
//! dates come from the caller, and krilla writes nothing at random.

use std::num::NonZeroU16;

use krilla::color::luma;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, SpanTag, TableHeaderScope, Tag,
    TagGroup, TagKind, TagTree,
};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Data, Document, SerializeSettings};

use crate::layout::font::{self, FontKind};
use crate::layout::{Item, Laid, Role};

/// The document information of a PDF.
#[derive(Debug, Clone, Default)]
pub struct Info {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// (year, month, day) of the document: the letter's date.
    pub date: (i32, u8, u8),
    /// Written as PDF/A-2b, for archives that ask for it.
    pub archival: bool,
}

/// The language of the letter, in the PDF's catalog and tags.
const LANG: &str = "en";

/// A grey for krilla: 0 is black, 1 white.
fn grey(g: f32) -> luma::Color {
    luma::Color::new((g.clamp(0.0, 1.0) * 255.0).round() as u8)
}

/// A solid fill of grey `g`.
fn solid(g: f32) -> Fill {
    Fill {
        paint: grey(g).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

/// The faces of the document, loaded once per document as krilla reads
/// them.
struct Faces {
    fonts: Vec<Option<Font>>,
}

impl Faces {
    fn new() -> Faces {
        Faces {
            fonts: vec![None; FontKind::Cjk as usize + 1],
        }
    }

    fn get(&mut self, kind: FontKind) -> Option<Font> {
        let slot = &mut self.fonts[kind as usize];
        if slot.is_none() {
            let bytes = kind.bytes();
            if !bytes.is_empty() {
                *slot = Font::new(Data::from(bytes), kind.face_index());
            }
        }
        slot.clone()
    }
}

/// What a piece of the page is when it is not the letter's text.
fn artifact(kind: ArtifactType) -> ContentTag<'static> {
    ContentTag::Artifact(Artifact::with_kind(kind))
}

fn draw_text(s: &mut Surface, faces: &mut Faces, item: &Item) {
    let Item::Text {
        x,
        y,
        font: kind,
        size,
        gray,
        text,
        ..
    } = item
    else {
        return;
    };
    let Some(font) = faces.get(*kind) else {
        return;
    };
    let glyphs: Vec<KrillaGlyph> = font::glyphs(*kind, text)
        .into_iter()
        .map(|g| KrillaGlyph::new(GlyphId::new(g.id), g.advance, 0.0, 0.0, 0.0, g.text, None))
        .collect();
    s.set_fill(Some(solid(*gray)));
    s.draw_glyphs(Point::from_xy(*x, *y), &glyphs, font, text, *size, false);
}

fn draw_shape(s: &mut Surface, item: &Item) {
    match *item {
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            gray,
        } => {
            let mut pb = PathBuilder::new();
            pb.move_to(x1, y1);
            pb.line_to(x2, y2);
            if let Some(path) = pb.finish() {
                s.set_fill(None);
                s.set_stroke(Some(Stroke {
                    paint: grey(gray).into(),
                    width,
                    ..Stroke::default()
                }));
                s.draw_path(&path);
                s.set_stroke(None);
            }
        }
        Item::Fill { x, y, w, h, gray } => {
            let mut pb = PathBuilder::new();
            if let Some(rect) = Rect::from_xywh(x, y, w, h) {
                pb.push_rect(rect);
            }
            if let Some(path) = pb.finish() {
                s.set_fill(Some(solid(gray)));
                s.draw_path(&path);
            }
        }
        Item::Text { .. } => {}
    }
}

/// The tag of a structure element.
fn tag_of(role: &Role) -> TagKind {
    match role {
        Role::Heading { level, title } => Tag::Hn(
            NonZeroU16::new(u16::from((*level).max(1))).unwrap_or(NonZeroU16::MIN),
            Some(title.clone()),
        )
        .into(),
        Role::Paragraph => Tag::P.into(),
        Role::List { ordered: true } => Tag::L(ListNumbering::Decimal).into(),
        Role::List { ordered: false } => Tag::L(ListNumbering::Disc).into(),
        Role::ListItem => Tag::LI.into(),
        Role::Label => Tag::Lbl.into(),
        Role::ListBody => Tag::LBody.into(),
        Role::Table => Tag::Table.into(),
        Role::Row => Tag::TR.into(),
        Role::HeaderCell => Tag::TH(TableHeaderScope::Column).into(),
        Role::Cell => Tag::TD.into(),
        Role::Quote => Tag::BlockQuote.into(),
        Role::Code => Tag::Code.into(),
    }
}

/// The tag tree: each element with the content drawn for it, then the
/// elements inside it; an element with nothing drawn is left out.
fn tag_tree(laid: &Laid, content: &mut [Vec<Identifier>]) -> TagTree {
    let n = laid.structure.len();
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (i, node) in laid.structure.iter().enumerate() {
        match node.parent {
            Some(p) if p < n => kids[p].push(i),
            _ => roots.push(i),
        }
    }
    fn group(
        i: usize,
        laid: &Laid,
        kids: &[Vec<usize>],
        content: &mut [Vec<Identifier>],
    ) -> Option<TagGroup> {
        let mut g = TagGroup::new(tag_of(&laid.structure[i].role));
        for id in std::mem::take(&mut content[i]) {
            g.push(id);
        }
        for &k in &kids[i] {
            if let Some(child) = group(k, laid, kids, content) {
                g.push(child);
            }
        }
        (!g.children.is_empty()).then_some(g)
    }
    let mut tree = TagTree::new().with_lang(Some(LANG.to_string()));
    for r in roots {
        if let Some(g) = group(r, laid, &kids, content) {
            tree.push(g);
        }
    }
    tree
}

/// The PDF of laid-out pages, or what stopped krilla writing it.
pub fn write(laid: &Laid, info: &Info) -> Result<Vec<u8>, String> {
    let mut settings = SerializeSettings::default();
    if info.archival {
        settings.configuration = ConfigurationBuilder::new()
            .with_archival_validator(Archival::A2_B)
            .finish()
            .map_err(|e| format!("{e:?}"))?;
    }
    let mut doc = Document::new_with(settings);
    let mut faces = Faces::new();
    let mut content: Vec<Vec<Identifier>> = vec![Vec::new(); laid.structure.len()];
    for p in &laid.pages {
        let page_settings = PageSettings::from_wh(p.width, p.height)
            .ok_or_else(|| format!("a page of {} x {} points", p.width, p.height))?;
        let mut page = doc.start_page_with(page_settings);
        let mut s = page.surface();
        for it in &p.items {
            match it {
                Item::Text {
                    node: Some(n),
                    font: kind,
                    ..
                } if *n < content.len() => {
                    // Chinese letters are marked as such, for screen readers.
                    let span = SpanTag {
                        lang: (*kind == FontKind::Cjk).then_some("zh"),
                        ..SpanTag::empty()
                    };
                    let id = s.start_tagged(ContentTag::Span(span));
                    draw_text(&mut s, &mut faces, it);
                    s.end_tagged();
                    content[*n].push(id);
                }
                Item::Text { y, .. } => {
                    let kind = if *y < p.height / 2.0 {
                        ArtifactType::Header
                    } else {
                        ArtifactType::Footer
                    };
                    s.start_tagged(artifact(kind));
                    draw_text(&mut s, &mut faces, it);
                    s.end_tagged();
                }
                _ => {
                    s.start_tagged(artifact(ArtifactType::Layout));
                    draw_shape(&mut s, it);
                    s.end_tagged();
                }
            }
        }
        s.finish();
        page.finish();
    }
    doc.set_tag_tree(tag_tree(laid, &mut content));
    let mut outline = Outline::new();
    for b in &laid.bookmarks {
        let at = XyzDestination::new(b.page, Point::from_xy(0.0, b.y));
        outline.push_child(OutlineNode::new(b.title.clone(), at).with_open(true));
    }
    doc.set_outline(outline);
    let (year, month, day) = info.date;
    let when = DateTime::new(u16::try_from(year).unwrap_or(2000))
        .month(month)
        .day(day)
        .hour(0)
        .minute(0)
        .second(0)
        .utc_offset_hour(0);
    let version = env!("CARGO_PKG_VERSION");
    doc.set_metadata(
        Metadata::new()
            .title(info.title.clone())
            .authors(vec![info.author.clone()])
            .description(info.subject.clone())
            .keywords(info.keywords.clone())
            .creator(format!("poa {version}"))
            .producer(format!("poa {version} (krilla)"))
            .creation_date(when)
            .language(LANG.to_string()),
    );
    let bytes = doc.finish().map_err(|e| format!("{e:?}"))?;
    Ok(with_outline_shown(bytes))
}

/// The PDF with `/PageMode /UseOutlines` in its catalog, so a viewer opens
/// it with the bookmarks panel showing. krilla 0.8 has no setting for it:
/// this appends an incremental update (PDF 1.7 §7.5.6), a new version of
/// the catalog after the file krilla wrote, which stays byte for byte as
/// it was. A file with no outline, or one not shaped as expected, is
/// returned as it is.
fn with_outline_shown(mut pdf: Vec<u8>) -> Vec<u8> {
    let Some(update) = outline_update(&pdf) else {
        return pdf;
    };
    pdf.extend_from_slice(&update);
    pdf
}

fn outline_update(pdf: &[u8]) -> Option<Vec<u8>> {
    let after = memchr::memmem::rfind(pdf, b"trailer")? + b"trailer".len();
    let trailer = std::str::from_utf8(&pdf[after..]).ok()?;
    let dict = trailer[..trailer.find("startxref")?].trim();
    let inner = dict.strip_prefix("<<")?.strip_suffix(">>")?;
    let root: usize = inner
        .split("/Root")
        .nth(1)?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let prev: usize = trailer
        .split("startxref")
        .nth(1)?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let head = format!("\n{root} 0 obj\n");
    let at = memchr::memmem::find(pdf, head.as_bytes())? + head.len();
    let end = at + memchr::memmem::find(&pdf[at..], b"endobj")?;
    let catalog = std::str::from_utf8(&pdf[at..end]).ok()?.trim();
    let body = catalog.strip_prefix("<<")?;
    if !catalog.contains("/Outlines") || catalog.contains("/PageMode") {
        return None;
    }
    let mut out = Vec::new();
    if pdf.last() != Some(&b'\n') {
        out.push(b'\n');
    }
    let object_at = pdf.len() + out.len();
    out.extend_from_slice(
        format!("{root} 0 obj\n<</PageMode/UseOutlines{body}\nendobj\n").as_bytes(),
    );
    let xref_at = pdf.len() + out.len();
    out.extend_from_slice(
        format!(
            "xref\n{root} 1\n{object_at:010} 00000 n \ntrailer\n<<{inner}/Prev {prev}>>\nstartxref\n{xref_at}\n%%EOF\n"
        )
        .as_bytes(),
    );
    Some(out)
}
