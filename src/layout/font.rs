//! The fonts of the documents (DejaVu, embedded in the binary by the
//! `dejavu` crate) and their metrics: glyph advances with kerning, and
//! which characters each font can show.

use std::sync::OnceLock;

use serde::Serialize;

/// The faces a document uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum FontKind {
    Serif,
    SerifBold,
    SerifItalic,
    SerifBoldItalic,
    Sans,
    SansBold,
    Mono,
}

impl FontKind {
    pub const ALL: [FontKind; 7] = [
        FontKind::Serif,
        FontKind::SerifBold,
        FontKind::SerifItalic,
        FontKind::SerifBoldItalic,
        FontKind::Sans,
        FontKind::SansBold,
        FontKind::Mono,
    ];

    /// The TrueType file of the face.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            FontKind::Serif => dejavu::serif::regular(),
            FontKind::SerifBold => dejavu::serif::bold(),
            FontKind::SerifItalic => dejavu::serif::italic(),
            FontKind::SerifBoldItalic => dejavu::serif::bold_italic(),
            FontKind::Sans => dejavu::sans::regular(),
            FontKind::SansBold => dejavu::sans::bold(),
            FontKind::Mono => dejavu::sans_mono::regular(),
        }
    }

    /// The family and style name, for snapshots and messages.
    pub fn name(self) -> &'static str {
        match self {
            FontKind::Serif => "DejaVuSerif",
            FontKind::SerifBold => "DejaVuSerif-Bold",
            FontKind::SerifItalic => "DejaVuSerif-Italic",
            FontKind::SerifBoldItalic => "DejaVuSerif-BoldItalic",
            FontKind::Sans => "DejaVuSans",
            FontKind::SansBold => "DejaVuSans-Bold",
            FontKind::Mono => "DejaVuSansMono",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The face for a body text style.
    pub fn body(bold: bool, italic: bool) -> FontKind {
        match (bold, italic) {
            (false, false) => FontKind::Serif,
            (true, false) => FontKind::SerifBold,
            (false, true) => FontKind::SerifItalic,
            (true, true) => FontKind::SerifBoldItalic,
        }
    }
}

/// One parsed face with what measuring needs.
pub struct Face {
    face: ttf_parser::Face<'static>,
    units: f32,
}

fn faces() -> &'static [Face] {
    static CELL: OnceLock<Vec<Face>> = OnceLock::new();
    CELL.get_or_init(|| {
        FontKind::ALL
            .iter()
            .map(|k| {
                let face = ttf_parser::Face::parse(k.bytes(), 0).expect("the embedded fonts parse");
                Face {
                    units: f32::from(face.units_per_em()),
                    face,
                }
            })
            .collect()
    })
}

fn face(kind: FontKind) -> &'static Face {
    &faces()[kind.index()]
}

/// Can `kind` show `c`?
pub fn covers(kind: FontKind, c: char) -> bool {
    c == ' ' || face(kind).face.glyph_index(c).is_some()
}

/// Can every face show `c`? (What the documents can print as it is.)
pub fn printable(c: char) -> bool {
    c.is_whitespace() || FontKind::ALL.iter().all(|k| covers(*k, c))
}

/// The character drawn in place of one the fonts lack.
pub const REPLACEMENT: char = '?';

/// The ASCII form of the full-width punctuation (and digits, letters and
/// space) that a Chinese or Japanese keyboard types in English text.
pub fn ascii_form(c: char) -> Option<char> {
    Some(match c {
        // Full-width forms of ASCII: ！ to ～.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0)?,
        '\u{3000}' => ' ',
        '。' | '｡' => '.',
        '、' | '､' => ',',
        '「' | '」' | '『' | '』' | '《' | '》' | '〈' | '〉' => '"',
        '【' | '〔' | '〖' => '[',
        '】' | '〕' | '〗' => ']',
        _ => return None,
    })
}

/// `text` with its full-width punctuation in ASCII, spaced as English is
/// ("checked，and" becomes "checked, and"); `before` and `after` are the
/// characters around it, for the spaces at its ends.
pub fn ascii_punctuation(text: &str, before: Option<char>, after: Option<char>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut prev = before;
    while let Some(c) = chars.next() {
        let Some(a) = ascii_form(c) else {
            out.push(c);
            prev = Some(c);
            continue;
        };
        let next = chars.peek().copied().or(after);
        let word = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
        if matches!(a, '(' | '[') && word(prev) {
            out.push(' ');
        }
        out.push(a);
        if matches!(a, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']') && word(next) {
            out.push(' ');
        }
        prev = Some(a);
    }
    out
}

fn kerning(f: &ttf_parser::Face, left: ttf_parser::GlyphId, right: ttf_parser::GlyphId) -> i16 {
    let Some(kern) = f.tables().kern else {
        return 0;
    };
    kern.subtables
        .into_iter()
        .filter(|s| s.horizontal && !s.variable)
        .find_map(|s| s.glyphs_kerning(left, right))
        .unwrap_or(0)
}

/// The width of `text` in points at `size`, with kerning; and the kerning
/// adjustments (char index before which to move, in thousandths of an em,
/// negative = closer) that the PDF writer applies.
pub fn measure(kind: FontKind, text: &str, size: f32) -> (f32, Vec<(usize, f32)>) {
    let f = face(kind);
    let mut units = 0.0f32;
    let mut kerns = Vec::new();
    let mut prev: Option<ttf_parser::GlyphId> = None;
    for (i, c) in text.chars().enumerate() {
        let gid = f
            .face
            .glyph_index(c)
            .or_else(|| f.face.glyph_index(REPLACEMENT));
        let Some(gid) = gid else {
            prev = None;
            continue;
        };
        if let Some(p) = prev {
            let k = kerning(&f.face, p, gid);
            if k != 0 {
                units += f32::from(k);
                kerns.push((i, f32::from(k) * 1000.0 / f.units));
            }
        }
        units += f32::from(f.face.glyph_hor_advance(gid).unwrap_or(0));
        prev = Some(gid);
    }
    (units * size / f.units, kerns)
}

/// The width of `text`, without the kerning list.
pub fn width(kind: FontKind, text: &str, size: f32) -> f32 {
    measure(kind, text, size).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_with_real_advances_and_kerning() {
        let w = width(FontKind::Serif, "W", 10.0);
        assert!(w > 8.0 && w < 11.0, "{w}");
        let (av, kerns) = measure(FontKind::Serif, "AV", 10.0);
        assert!(!kerns.is_empty(), "DejaVu Serif kerns A and V");
        assert!(av < width(FontKind::Serif, "A", 10.0) + width(FontKind::Serif, "V", 10.0));
        assert!(width(FontKind::SerifBold, "bold", 10.0) > width(FontKind::Serif, "bold", 10.0));
    }

    #[test]
    fn full_width_punctuation_becomes_english_punctuation() {
        assert_eq!(
            ascii_punctuation(
                "We checked，and refunded（ASIN B0X）。Done：yes",
                None,
                None
            ),
            "We checked, and refunded (ASIN B0X). Done: yes"
        );
        assert_eq!(
            ascii_punctuation("１２ orders、", None, Some('a')),
            "12 orders, "
        );
        // Chinese letters are not punctuation: they stay for the writer.
        assert_eq!(ascii_punctuation("深圳，", None, None), "深圳,");
        assert_eq!(ascii_form('中'), None);
        assert!(!printable('，') && !printable('。'));
    }

    #[test]
    fn knows_what_it_cannot_show() {
        assert!(printable('é') && printable('€') && printable('“') && printable('·'));
        assert!(!printable('中'));
        assert!(!printable('📦'));
        assert!(covers(FontKind::Serif, REPLACEMENT));
    }
}
