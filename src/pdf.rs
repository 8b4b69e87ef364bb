//! Pages to PDF bytes: the only module that imports printpdf.
//!
//! Embeds the DejaVu faces the pages use, subset, with ToUnicode maps (so
//! the text can be searched and copied); sets the document information and
//! the outline. The same pages give the same bytes: the dates come from the
//! caller, and the ids printpdf draws at random are replaced.

use std::collections::BTreeSet;

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PageAnnotId, PageAnnotation, PaintMode,
    ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
};

use crate::layout::{FontKind, Item, Laid};

/// The document information of a PDF.
#[derive(Debug, Clone, Default)]
pub struct Info {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// (year, month, day) of the document: the letter's date.
    pub date: (i32, u8, u8),
}

/// The font's resource name, which printpdf also uses as the subset tag:
/// six capitals, as PDF readers expect of a subset ("POAAAB+DejaVuSerif").
fn font_id(kind: FontKind) -> FontId {
    FontId(format!("POAAA{}", (b'A' + kind as u8) as char))
}

fn gray(g: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: g,
        icc_profile: None,
    })
}

fn pt(x: f32, y: f32, height: f32) -> Point {
    Point {
        x: Pt(x),
        y: Pt(height - y),
    }
}

fn page_ops(items: &[Item], height: f32) -> Vec<Op> {
    let mut ops = Vec::with_capacity(items.len() * 5);
    for it in items {
        match it {
            Item::Fill {
                x,
                y,
                w,
                h,
                gray: g,
            } => {
                ops.push(Op::SetFillColor { col: gray(*g) });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(height - y - h),
                        width: Pt(*w),
                        height: Pt(*h),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                gray: g,
            } => {
                ops.push(Op::SetOutlineColor { col: gray(*g) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint {
                                p: pt(*x1, *y1, height),
                                bezier: false,
                            },
                            LinePoint {
                                p: pt(*x2, *y2, height),
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
            Item::Text {
                x,
                y,
                font,
                size,
                gray: g,
                text,
                kerns,
            } => {
                let mut segments = Vec::new();
                let chars: Vec<char> = text.chars().collect();
                let mut from = 0;
                for &(at, k) in kerns {
                    if at > from && at <= chars.len() {
                        segments.push(TextItem::Text(chars[from..at].iter().collect()));
                        // TJ moves left for positive numbers: kerning closer is negative.
                        segments.push(TextItem::Offset(-k));
                        from = at;
                    }
                }
                segments.push(TextItem::Text(chars[from..].iter().collect()));
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFillColor { col: gray(*g) });
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font_id(*font)),
                    size: Pt(*size),
                });
                ops.push(Op::SetTextCursor {
                    pos: pt(*x, *y, height),
                });
                ops.push(Op::ShowText { items: segments });
                ops.push(Op::EndTextSection);
            }
        }
    }
    ops
}

/// A stable stand-in for the random ids printpdf writes (FNV-1a, hex).
fn stable_id(bytes: &[u8], salt: u8) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(salt);
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}{:016x}", h.rotate_left(29) ^ 0x9e37_79b9_7f4a_7c15)
}

/// Replaces the two 32-character strings of the trailer's `/ID` with ids
/// made from the document's own bytes (same length, so no offset moves).
fn stabilize_ids(mut bytes: Vec<u8>) -> Vec<u8> {
    let Some(at) = find_last(&bytes, b"/ID") else {
        return bytes;
    };
    let body_hash_input = bytes[..at].to_vec();
    let mut i = at;
    for salt in 0..2u8 {
        let Some(open) = bytes[i..].iter().position(|&b| b == b'(').map(|p| p + i) else {
            break;
        };
        let Some(close) = bytes[open..]
            .iter()
            .position(|&b| b == b')')
            .map(|p| p + open)
        else {
            break;
        };
        let id = stable_id(&body_hash_input, salt);
        if close - open - 1 == id.len() {
            bytes[open + 1..close].copy_from_slice(id.as_bytes());
        }
        i = close + 1;
    }
    bytes
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// The PDF of laid-out pages.
pub fn write(laid: &Laid, info: &Info) -> Vec<u8> {
    let mut doc = PdfDocument::new(&info.title);
    let used: BTreeSet<FontKind> = laid
        .pages
        .iter()
        .flat_map(|p| p.items.iter())
        .filter_map(|it| match it {
            Item::Text { font, .. } => Some(*font),
            _ => None,
        })
        .collect();
    let mut warnings = Vec::new();
    for kind in used {
        let parsed = ParsedFont::from_bytes(kind.bytes(), 0, &mut warnings)
            .expect("the embedded fonts parse");
        doc.resources
            .fonts
            .map
            .insert(font_id(kind), printpdf::PdfFont::new(parsed));
    }
    let pages: Vec<PdfPage> = laid
        .pages
        .iter()
        .map(|p| {
            let mut page = PdfPage::new(
                Mm::from(Pt(p.width)),
                Mm::from(Pt(p.height)),
                page_ops(&p.items, p.height),
            );
            // Exact points: Mm round trips would turn 612 into 611.9999.
            page.media_box = Rect::from_wh(Pt(p.width), Pt(p.height));
            page.trim_box = Rect::from_wh(Pt(p.width), Pt(p.height));
            page.crop_box = Rect::from_wh(Pt(p.width), Pt(p.height));
            page
        })
        .collect();
    doc.with_pages(pages);
    for (i, b) in laid.bookmarks.iter().enumerate() {
        doc.bookmarks.map.insert(
            PageAnnotId(format!("B{i:04}")),
            PageAnnotation {
                name: b.title.clone(),
                page: b.page + 1,
            },
        );
    }
    let (year, month, day) = info.date;
    let when = printpdf::DateTime {
        date: printpdf::Date { year, month, day },
        time: printpdf::Time {
            hour: 0,
            minute: 0,
            second: 0,
            millisecond: 0,
        },
        offset: printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    };
    let meta = &mut doc.metadata.info;
    meta.document_title = info.title.clone();
    meta.author = info.author.clone();
    meta.subject = info.subject.clone();
    meta.keywords = info.keywords.clone();
    meta.creator = format!("poa {}", env!("CARGO_PKG_VERSION"));
    meta.producer = format!("poa {} (printpdf)", env!("CARGO_PKG_VERSION"));
    meta.creation_date = when;
    meta.modification_date = when;
    meta.metadata_date = when;
    let opts = PdfSaveOptions {
        subset_fonts: true,
        optimize: true,
        ..PdfSaveOptions::default()
    };
    let mut save_warnings = Vec::new();
    let bytes = doc.save(&opts, &mut save_warnings);
    stabilize_ids(drop_empty_pdfx_claim(bytes))
}

/// printpdf always writes `/GTS_PDFXVersion`, empty when the document makes
/// no PDF/X claim, and readers then list it as PDF/X. The key is blanked
/// with spaces of the same length, so every offset stays right.
fn drop_empty_pdfx_claim(mut bytes: Vec<u8>) -> Vec<u8> {
    for key in [b"/GTS_PDFXVersion()".as_slice(), b"/GTS_PDFXVersion ()"] {
        if let Some(at) = bytes.windows(key.len()).position(|w| w == key) {
            bytes[at..at + key.len()].fill(b' ');
        }
    }
    bytes
}
