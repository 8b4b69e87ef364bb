//! The export seam: a case to one of its documents (Markdown, the appeal
//! form's text, PDF and Word: Markdown read into the `markup` tree, then
//! laid out and written as PDF, or written as Word's paragraphs), with
//! the choices both the command line and the editor pass (`Export`), the
//! report of characters the PDF's fonts lack, and the documents' default
//! file names. A new format is a `Format` variant and its arm in `export`.

use std::path::{Path, PathBuf};

use crate::case::{Case, Date, FieldPath};
use crate::compose::{self, ComposeError, Letter, Templates};
use crate::layout::{self, Paper, Setup, font};
use crate::markup;
use crate::pdf;
use crate::playbook::Lang;

/// The default output path: `x.poa.yaml` → `x.md`.
pub fn output_path(case_file: &Path, extension: &str) -> PathBuf {
    let name = case_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "appeal".into());
    case_file.with_file_name(format!("{}.{extension}", case_stem(&name)))
}

/// The record of the documents poa wrote beside a case, so that a default
/// output never replaces a file it did not write (the draft `import` read,
/// a letter edited by hand since): `.x.poa.yaml.written`, one line per
/// document, its hash and its name.
fn written_record(case_file: &Path) -> PathBuf {
    let name = case_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    case_file.with_file_name(format!(".{name}.written"))
}

/// FNV-1a, 64 bits: stable across builds, for the record above.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// May poa write its document over `out`, the default output of
/// `case_file`? Yes when there is no such file, or it is what poa last
/// wrote there. Otherwise the message says why not and what to do.
pub fn may_replace(case_file: &Path, out: &Path, new: &[u8]) -> Result<(), String> {
    let Ok(old) = std::fs::read(out) else {
        return Ok(());
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let record = std::fs::read_to_string(written_record(case_file)).unwrap_or_default();
    let recorded = record
        .lines()
        .filter_map(|l| l.split_once(' '))
        .find(|(_, n)| *n == name)
        .map(|(h, _)| h.to_string());
    let ours = match recorded {
        Some(h) => h == format!("{:016x}", fnv(&old)),
        // Written before the record was kept: a PDF poa made names poa as
        // its producer (nobody edits a PDF by hand); a text, only when it
        // is the very document (a draft may well open with poa's title).
        None if out.extension().is_some_and(|e| e == "pdf") => {
            old.windows(5).any(|w| w == b"poa 0")
        }
        None => old == new,
    };
    if ours {
        Ok(())
    } else {
        Err(format!(
            "{}: poa did not write this file, or it was changed since (the draft you imported, a letter edited by hand), so it is kept as it is. Write the document elsewhere with -o, or rename that file and export again",
            crate::case::shown(out)
        ))
    }
}

/// Notes that poa wrote `bytes` to `out`, the default output of `case_file`.
pub fn note_written(case_file: &Path, out: &Path, bytes: &[u8]) {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let path = written_record(case_file);
    let record = std::fs::read_to_string(&path).unwrap_or_default();
    let mut lines: Vec<String> = record
        .lines()
        .filter(|l| l.split_once(' ').is_some_and(|(_, n)| n != name))
        .map(String::from)
        .collect();
    lines.push(format!("{:016x} {name}", fnv(bytes)));
    let _ = crate::case::write_atomic(&path, format!("{}\n", lines.join("\n")).as_bytes());
}

/// The documents poa exported beside `case_file` under their default
/// names that are still there, with when each was written. (Read from the
/// record, not hashed: `poa report` looks at hundreds of cases.)
pub fn exported(case_file: &Path) -> Vec<(Format, PathBuf, std::time::SystemTime)> {
    let Ok(record) = std::fs::read_to_string(written_record(case_file)) else {
        return Vec::new();
    };
    let names: Vec<&str> = record
        .lines()
        .filter_map(|l| l.split_once(' ').map(|(_, n)| n))
        .collect();
    Format::ALL
        .iter()
        .filter_map(|&format| {
            let out = output_path(case_file, format.extension());
            let name = out.file_name()?.to_string_lossy().into_owned();
            if !names.contains(&name.as_str()) {
                return None;
            }
            let modified = std::fs::metadata(&out).ok()?.modified().ok()?;
            Some((format, out, modified))
        })
        .collect()
}

/// A case file's name without its endings (`.poa.yaml`, `.poa.yml`,
/// `.yaml`, `.yml`), all of them: a name typed in full in front of the
/// suggested ending ("x.poa.yaml.poa.yaml") gives `x`.
pub fn case_stem(mut name: &str) -> &str {
    while let Some(stem) = [".poa.yaml", ".poa.yml", ".yaml", ".yml"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
    {
        name = stem;
    }
    name
}

/// A kind of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// The letter as Markdown
    Md,
    /// Plain text, one block per box of the appeal form
    Txt,
    /// A print-quality PDF
    Pdf,
    /// A Word document, with Word's styles, to edit or restyle
    Docx,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Md, Format::Txt, Format::Pdf, Format::Docx];

    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Txt => "txt",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

/// How a document is made: the one set of choices the command line and
/// the editor both pass.
#[derive(Clone, Copy)]
pub struct Export<'a> {
    pub format: Format,
    /// The PDF's paper; `None` for the marketplace's (`Case::paper`).
    pub paper: Option<Paper>,
    /// The date the letter carries.
    pub date: Date,
    pub templates: &'a Templates,
    /// Marked as a draft, not for submission: at its head, and in the PDF's
    /// running header and title (a letter exported with errors left).
    pub draft: bool,
    /// The PDF written as PDF/A-2b (an archival PDF), for a portal or an
    /// archive that asks for it.
    pub pdfa: bool,
    /// The language of the warnings (what the PDF printed otherwise).
    pub lang: Lang,
    /// The letter turned down before this one (`History::before`): the
    /// letter then opens by saying what it follows and what is new.
    pub before: Option<crate::history::Before<'a>>,
}

/// What a draft's first line says.
pub const DRAFT_MARK: &str =
    "DRAFT, NOT FOR SUBMISSION: this letter still has problems the checker found (run poa check).";

/// A document made, with what the writer should know about it (characters
/// the PDF could not print).
#[derive(Debug)]
pub struct Document {
    pub bytes: Vec<u8>,
    pub warnings: Vec<String>,
}

/// The paper a case's PDF uses: US Letter for the Americas, A4 elsewhere.
pub fn paper_of(case: &Case) -> Paper {
    if case.uses_letter_paper() {
        Paper::Letter
    } else {
        Paper::A4
    }
}

/// The letter of a case dated `date`; after a letter that was turned
/// down (`before`), it opens by saying what it follows and what is new.
pub fn letter_of(
    case: &Case,
    date: Date,
    before: Option<crate::history::Before>,
) -> Result<Letter, ComposeError> {
    let changes = before.map(|b| crate::diff::diff(&b.last.case, case, Lang::En));
    letter_after(case, date, before.zip(changes.as_deref()))
}

/// [`letter_of`] with the changes since the letter turned down already
/// found (the editor's Review shows them too).
pub fn letter_after(
    case: &Case,
    date: Date,
    before: Option<(crate::history::Before, &[crate::diff::Change])>,
) -> Result<Letter, ComposeError> {
    let mut letter = compose::letter(case, date)?;
    if let Some((b, changes)) = before {
        letter.resubmission = Some(compose::Resubmission::new(
            letter.dispute,
            b.sent,
            b.last.on,
            b.rejected_on,
            crate::diff::news(changes, case),
        ));
    }
    Ok(letter)
}

/// Makes one document of a case.
pub fn export(case: &Case, ex: &Export) -> Result<Document, ComposeError> {
    let letter = letter_of(case, ex.date, ex.before)?;
    let marked = |text: String, mark: String| {
        if ex.draft {
            format!("{mark}\n\n{text}")
        } else {
            text
        }
    };
    let bytes = match ex.format {
        Format::Md => {
            marked(ex.templates.markdown(&letter)?, format!("**{DRAFT_MARK}**")).into_bytes()
        }
        Format::Txt => {
            marked(ex.templates.form_text(&letter)?, DRAFT_MARK.to_string()).into_bytes()
        }
        Format::Pdf | Format::Docx => {
            // The letter's tree and its pages, shared by the two.
            let md = marked(ex.templates.markdown(&letter)?, format!("**{DRAFT_MARK}**"));
            let blocks = markup::parse(&md);
            let mut setup = page_setup(&letter, ex.paper.unwrap_or_else(|| paper_of(case)));
            if ex.draft {
                setup.header_right = format!("DRAFT · {}", setup.header_right);
            }
            if ex.format == Format::Docx {
                crate::docx::write(&blocks, &setup)
                    .map_err(|detail| ComposeError::Docx { detail })?
            } else {
                let mut info = info(&letter, ex.date);
                info.archival = ex.pdfa;
                if ex.draft {
                    info.title = format!("DRAFT: {}", info.title);
                }
                let laid = layout::layout(&blocks, &setup);
                let bytes =
                    pdf::write(&laid, &info).map_err(|detail| ComposeError::Pdf { detail })?;
                let warnings = unprintable(case)
                    .into_iter()
                    .map(|(path, chars)| missing_glyphs(&path, &chars, ex.lang))
                    .collect();
                return Ok(Document { bytes, warnings });
            }
        }
    };
    Ok(Document {
        bytes,
        warnings: Vec::new(),
    })
}

fn page_setup(letter: &Letter, paper: Paper) -> Setup {
    Setup {
        paper,
        header_left: format!(
            "{} · Merchant token {}",
            letter.seller.store_name, letter.seller.merchant_token
        ),
        header_right: format!("{} · {}", letter.kind_title(), letter.date),
    }
}

fn info(letter: &Letter, date: Date) -> pdf::Info {
    pdf::Info {
        title: format!("{} — {}", letter.kind_title(), letter.seller.legal_name),
        author: letter.seller.legal_name.clone(),
        subject: letter.violation.clone(),
        keywords: vec![
            letter.seller.merchant_token.clone(),
            letter.seller.marketplace.clone(),
        ],
        date: (i32::from(date.year()), date.month() as u8, date.day() as u8),
        archival: false,
    }
}

/// The fields of the letter that hold characters the PDF's fonts lack,
/// with those characters (each once, in order). The notice's own text and
/// reference are never printed and are left out.
pub fn unprintable(case: &Case) -> Vec<(FieldPath, Vec<char>)> {
    let mut out = Vec::new();
    for f in case.text_fields() {
        if !f.path.in_letter() {
            continue;
        }
        let mut chars: Vec<char> = Vec::new();
        for c in f.text.chars().filter(|c| !font::printable_here(*c)) {
            if !chars.contains(&c) {
                chars.push(c);
            }
        }
        if !chars.is_empty() {
            out.push((f.path, chars));
        }
    }
    out
}

/// What the PDF printed instead of the characters its fonts lack: the
/// English mark for full-width punctuation, `?` for the rest; in the
/// writer's language.
fn missing_glyphs(path: &FieldPath, chars: &[char], lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let (marks, lost): (Vec<char>, Vec<char>) =
        chars.iter().partition(|c| font::ascii_form(**c).is_some());
    let mut parts = Vec::new();
    if !marks.is_empty() {
        let shown: Vec<String> = marks
            .iter()
            .take(8)
            .map(|c| format!("{c}→{}", font::ascii_form(*c).unwrap_or(*c)))
            .collect();
        let shown = shown.join(if zh { "、" } else { ", " });
        parts.push(if zh {
            format!("全角标点已按英文标点印出（{shown}）")
        } else {
            format!("full-width punctuation printed in English form ({shown})")
        });
    }
    let (letters, other): (Vec<char>, Vec<char>) = lost.into_iter().partition(|c| font::is_cjk(*c));
    // "“深圳市华南贸易有”等字" in Chinese, "深 圳 … " in English; eight at most.
    let shown = |cs: &[char]| -> String {
        if zh {
            let head: String = cs.iter().take(8).collect();
            let more = if cs.len() > 8 { "等字" } else { "" };
            return format!("“{head}”{more}");
        }
        let mut s: String = cs.iter().take(8).map(|c| format!("{c} ")).collect();
        if cs.len() > 8 {
            s.push_str("… ");
        }
        s
    };
    let are = |cs: &[char]| if cs.len() == 1 { "it is" } else { "they are" };
    let var = font::FALLBACK_VAR;
    if !letters.is_empty() {
        let refused = font::fallback_refused().map(|p| crate::case::shown(&p));
        let empty_var = std::env::var_os(var).is_some_and(|v| v.is_empty());
        let they = are(&letters);
        let letters = shown(&letters);
        parts.push(match (zh, refused) {
            (false, Some(file)) => format!(
                "{var} names {file}, which cannot be read as a font with Chinese letters: {letters}— {} printed as ?. Set {var} to a font file that has them (Noto Sans CJK, WenQuanYi), or write it in Latin letters (for a name, pinyin)",
                they,
            ),
            (false, None) if empty_var => format!(
                "{var} is set but empty, which tells poa to use no Chinese font: {letters}— {} printed as ?. Unset {var} to use a font of this computer, or set it to a font file",
                they,
            ),
            (true, None) if empty_var => format!(
                "{var} 已设置但为空，表示不使用中文字体：{letters}在 PDF 中印成了 ?。取消 {var} 即可使用这台电脑上的字体，或把它设为字体文件"
            ),
            (false, None) => format!(
                "no Chinese, Japanese or Korean font was found on this computer: {letters}— {} printed as ?. Install one (Noto Sans CJK, or fonts-wqy-microhei) or set {var} to a font file, or write it in Latin letters (for a name, pinyin)",
                they,
            ),
            (true, Some(file)) => format!(
                "{var} 指向的 {file} 无法作为含中文字形的字体读取：{letters}在 PDF 中印成了 ?。请把 {var} 设为含中文字形的字体文件（如 Noto Sans CJK、文泉驿），或改用拼音书写（姓名可用拼音）"
            ),
            (true, None) => format!(
                "这台电脑上没有找到中文、日文或韩文字体：{letters}在 PDF 中印成了 ?。请安装一个（Noto Sans CJK 或 fonts-wqy-microhei），或把 {var} 设为字体文件，或改用拼音书写（姓名可用拼音）"
            ),
        });
    }
    if !other.is_empty() {
        let glyphs = shown(&other);
        parts.push(if zh {
            format!("PDF 的字体没有{glyphs}的字形，印成了 ?。请删掉它们，或改用 md 或 txt 导出")
        } else {
            format!(
                "the PDF fonts have no {} for {glyphs}— {} printed as ?. Leave {} out, or use the md or txt export for it",
                if other.len() == 1 { "glyph" } else { "glyphs" },
                are(&other),
                if other.len() == 1 { "it" } else { "them" },
            )
        });
    }
    let sep = if zh { "；" } else { "; " };
    format!("{}: {}", place_of(path, lang), parts.join(sep))
}

/// A field as a writer knows it, with its key for a consultant: "Root
/// causes 2 · Who (root_causes[1].who)", "卖家信息 · 公司法定名称 (seller.legal_name)".
fn place_of(path: &FieldPath, lang: Lang) -> String {
    let Some(field) = path.field() else {
        return path.to_string();
    };
    let section = match lang {
        Lang::Zh => path.section.title_zh(),
        Lang::En => path.section.title(),
    };
    let label = field.label(lang);
    match path.index {
        Some(i) => format!("{section} {} · {label} ({path})", i + 1),
        None => format!("{section} · {label} ({path})"),
    }
}

#[cfg(test)]
mod tests {
    use super::case_stem;

    #[test]
    fn a_case_stem_loses_every_case_ending() {
        assert_eq!(case_stem("late.poa.yaml"), "late");
        assert_eq!(case_stem("late.yml"), "late");
        assert_eq!(case_stem("my-case.poa.yaml.poa.yaml"), "my-case");
        assert_eq!(case_stem("notes.txt"), "notes.txt");
    }
}
