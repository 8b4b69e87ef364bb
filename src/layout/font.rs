//! The fonts of the documents (DejaVu, embedded in the binary by the
//! `dejavu` crate) and their metrics: glyph advances with kerning, and
//! which characters each font can show.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Serialize;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::raw::tables::kern::{Subtable0, SubtableKind};
use skrifa::raw::{FileRef, FontRef, TableProvider};
use skrifa::string::StringId;
use skrifa::{GlyphId, MetadataProvider, charmap::Charmap};

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
    /// The face found on this computer for Chinese, Japanese and Korean
    /// letters ([`fallback`]); not one of [`FontKind::ALL`].
    Cjk,
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
            FontKind::Cjk => fallback().map_or(&[], |f| f.bytes),
        }
    }

    /// The face's index in its file (a collection holds several).
    pub fn face_index(self) -> u32 {
        match self {
            FontKind::Cjk => fallback().map_or(0, |f| f.index),
            _ => 0,
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
            FontKind::Cjk => "CJK",
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
    charmap: Charmap<'static>,
    metrics: GlyphMetrics<'static>,
    /// The horizontal pair tables of its `kern` table (DejaVu's kerning).
    kern: Vec<Subtable0<'static>>,
    units: f32,
}

impl Face {
    fn parse(bytes: &'static [u8], index: u32) -> Option<Face> {
        let font = FontRef::from_index(bytes, index).ok()?;
        let kern = font
            .kern()
            .map(|k| {
                k.subtables()
                    .flatten()
                    .filter(|s| s.is_horizontal() && !s.is_variable() && !s.is_cross_stream())
                    .filter_map(|s| match s.kind() {
                        Ok(SubtableKind::Format0(t)) => Some(t),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        Some(Face {
            charmap: font.charmap(),
            metrics: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units: f32::from(font.head().ok()?.units_per_em()),
            kern,
        })
    }

    fn glyph(&self, c: char) -> Option<GlyphId> {
        self.charmap.map(c).filter(|g| g.to_u32() != 0)
    }

    fn advance(&self, g: GlyphId) -> f32 {
        self.metrics.advance_width(g).unwrap_or(0.0)
    }

    fn kerning(&self, left: GlyphId, right: GlyphId) -> f32 {
        self.kern
            .iter()
            .find_map(|t| t.kerning(left, right))
            .map_or(0.0, |k| k as f32)
    }
}

fn faces() -> &'static [Face] {
    static CELL: OnceLock<Vec<Face>> = OnceLock::new();
    CELL.get_or_init(|| {
        FontKind::ALL
            .iter()
            .map(|k| Face::parse(k.bytes(), 0).expect("the embedded fonts parse"))
            .collect()
    })
}

fn face(kind: FontKind) -> Option<&'static Face> {
    match kind {
        FontKind::Cjk => fallback().map(|f| &f.face),
        _ => Some(&faces()[kind.index()]),
    }
}

/// Can `kind` show `c`?
pub fn covers(kind: FontKind, c: char) -> bool {
    c == ' ' || face(kind).is_some_and(|f| f.glyph(c).is_some())
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

/// One glyph of a run: its id in the face, its advance in ems with the
/// kerning to the next glyph, and the bytes of the text it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub id: u32,
    pub advance: f32,
    pub text: Range<usize>,
}

/// The glyphs of `text` in `f`, each with the kerning between it and the
/// glyph before it and its own advance (font units), and its bytes; a
/// character the face lacks is [`REPLACEMENT`]'s glyph.
fn kerned<'a>(
    f: &'a Face,
    text: &'a str,
) -> impl Iterator<Item = (GlyphId, f32, f32, Range<usize>)> + 'a {
    let mut prev: Option<GlyphId> = None;
    text.char_indices().filter_map(move |(at, c)| {
        let Some(gid) = f.glyph(c).or_else(|| f.glyph(REPLACEMENT)) else {
            prev = None;
            return None;
        };
        let kern = prev.map_or(0.0, |p| f.kerning(p, gid));
        prev = Some(gid);
        Some((gid, kern, f.advance(gid), at..at + c.len_utf8()))
    })
}

/// The glyphs of `text` in `kind`, kerned, as the PDF draws them (the
/// layout has replaced the characters the faces lack already).
pub fn glyphs(kind: FontKind, text: &str) -> Vec<Glyph> {
    let Some(f) = face(kind) else {
        return Vec::new();
    };
    let mut out: Vec<Glyph> = Vec::with_capacity(text.len());
    for (gid, kern, advance, bytes) in kerned(f, text) {
        if let Some(last) = out.last_mut() {
            last.advance += kern / f.units;
        }
        out.push(Glyph {
            id: gid.to_u32(),
            advance: advance / f.units,
            text: bytes,
        });
    }
    out
}

/// The width of `text` in points at `size`, kerned.
pub fn width(kind: FontKind, text: &str, size: f32) -> f32 {
    face(kind).map_or(0.0, |f| {
        kerned(f, text)
            .map(|(_, kern, advance, _)| kern + advance)
            .sum::<f32>()
            * size
            / f.units
    })
}

/// A face found on this computer for the Chinese, Japanese and Korean
/// letters DejaVu lacks (a Chinese legal name, a signer's name).
pub struct Fallback {
    pub bytes: &'static [u8],
    pub index: u32,
    pub path: PathBuf,
    face: Face,
}

/// The variable that names the fallback face's file; set and empty, no
/// face is looked for (as on a machine without one).
pub const FALLBACK_VAR: &str = "POA_CJK_FONT";

/// Font files with Chinese letters, most wanted first: Noto and Source
/// Han (Linux, installed with most desktops), WenQuanYi (Debian's
/// fonts-wqy-microhei), Droid; then Windows and macOS faces.
const FALLBACK_FILES: [&str; 17] = [
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
    "NotoSansSC-Regular.otf",
    "NotoSansSC-Regular.ttf",
    "SourceHanSans-Regular.ttc",
    "SourceHanSansSC-Regular.otf",
    "NotoSerifCJK-Regular.ttc",
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "DroidSansFallbackFull.ttf",
    "DroidSansFallback.ttf",
    "msyh.ttc",
    "msyh.ttf",
    "simhei.ttf",
    "simsun.ttc",
    "PingFang.ttc",
    "Hiragino Sans GB.ttc",
];

/// The folders fonts are installed in.
fn font_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/System/Library/Fonts",
        "/Library/Fonts",
        "C:\\Windows\\Fonts",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        dirs.push(home.join(".fonts"));
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join("Library/Fonts"));
    }
    if let Some(windir) = std::env::var_os("WINDIR") {
        dirs.push(PathBuf::from(windir).join("Fonts"));
    }
    dirs
}

/// The files under `dir` (four levels at most) named in `FALLBACK_FILES`.
fn find_fonts(dir: &Path, depth: u8, found: &mut Vec<(usize, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            if depth < 4 {
                find_fonts(&path, depth + 1, found);
            }
        } else if let Some(rank) = e.file_name().to_str().and_then(|n| {
            FALLBACK_FILES
                .iter()
                .position(|f| f.eq_ignore_ascii_case(n))
        }) {
            found.push((rank, path));
        }
    }
}

/// The face of a collection to use: the Simplified Chinese one where the
/// collection has several ("Noto Sans CJK SC"), else the first.
fn chinese_face(bytes: &[u8]) -> u32 {
    let Ok(FileRef::Collection(c)) = FileRef::new(bytes) else {
        return 0;
    };
    (0..c.len())
        .find(|&i| {
            c.get(i).is_ok_and(|f| {
                f.localized_strings(StringId::FAMILY_NAME)
                    .english_or_first()
                    .is_some_and(|n| n.to_string().ends_with(" SC"))
            })
        })
        .unwrap_or(0)
}

fn load(path: PathBuf) -> Option<Fallback> {
    let bytes: &'static [u8] = Vec::leak(std::fs::read(&path).ok()?);
    let index = chinese_face(bytes);
    let face = Face::parse(bytes, index)?;
    face.glyph('中')?;
    Some(Fallback {
        bytes,
        index,
        path,
        face,
    })
}

/// The fallback face, looked for once, when a character DejaVu lacks is
/// first met: the file `POA_CJK_FONT` names, or the first of the known
/// files in the system's font folders that reads.
pub fn fallback() -> Option<&'static Fallback> {
    static CELL: OnceLock<Option<Fallback>> = OnceLock::new();
    CELL.get_or_init(|| {
        if let Some(named) = std::env::var_os(FALLBACK_VAR) {
            return (!named.is_empty())
                .then(|| load(PathBuf::from(named)))
                .flatten();
        }
        let mut found = Vec::new();
        for d in font_dirs() {
            find_fonts(&d, 0, &mut found);
        }
        found.sort();
        found.into_iter().find_map(|(_, p)| load(p))
    })
    .as_ref()
}

/// The file `POA_CJK_FONT` names, when no fallback face could be made of
/// it (it cannot be read, or has no Chinese letters).
pub fn fallback_refused() -> Option<std::path::PathBuf> {
    let named = std::env::var_os(FALLBACK_VAR).filter(|n| !n.is_empty())?;
    fallback()
        .is_none()
        .then(|| Path::new(&named).to_path_buf())
}

/// Is `c` a Chinese, Japanese or Korean letter (what the fallback face is
/// for)?
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3040..=0x30FF | 0x3100..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Can the PDF show `c` on this computer: in DejaVu, or else in the
/// fallback face?
pub fn printable_here(c: char) -> bool {
    printable(c) || (ascii_form(c).is_none() && covers(FontKind::Cjk, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_with_real_advances_and_kerning() {
        let w = width(FontKind::Serif, "W", 10.0);
        assert!(w > 8.0 && w < 11.0, "{w}");
        let av = width(FontKind::Serif, "AV", 10.0);
        let (a, v) = (
            width(FontKind::Serif, "A", 10.0),
            width(FontKind::Serif, "V", 10.0),
        );
        assert!(
            av < a + v - 0.1,
            "DejaVu Serif kerns A and V: {av} against {a} + {v}"
        );
        // The PDF draws the same kerned advances the layout measured.
        let g = glyphs(FontKind::Serif, "AV");
        assert_eq!(g.len(), 2);
        assert!(((g[0].advance + g[1].advance) * 10.0 - av).abs() < 0.001);
        assert_eq!(g[1].text, 1..2);
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
