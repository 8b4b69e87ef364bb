//! The documents of a case as files: their default names, and the PDF of a
//! letter (Markdown, read into blocks, laid out, written) with the report
//! of characters the fonts lack. Shared by the command line and the
//! editor's export.

use std::path::{Path, PathBuf};

use crate::case::{Case, Date};
use crate::compose::Letter;
use crate::layout::{self, Paper, Setup};
use crate::markup;
use crate::pdf;

/// The default output path: `x.poa.yaml` → `x.md`.
pub fn output_path(case_file: &Path, extension: &str) -> PathBuf {
    let name = case_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "appeal".into());
    case_file.with_file_name(format!("{}.{extension}", case_stem(&name)))
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

/// The PDF of a letter, and a line for each field with characters the
/// fonts lack (printed as `?`).
pub fn pdf(
    case: &Case,
    letter: &Letter,
    markdown: &str,
    paper: Paper,
    date: Date,
) -> (Vec<u8>, Vec<String>) {
    let setup = Setup {
        paper,
        header_left: format!(
            "{} · Merchant token {}",
            letter.seller.store_name, letter.seller.merchant_token
        ),
        header_right: format!(
            "{} · {}",
            if letter.dispute {
                "Appeal"
            } else {
                "Plan of Action"
            },
            letter.date
        ),
    };
    let laid = layout::layout(&markup::parse(markdown), &setup);
    let info = pdf::Info {
        title: format!(
            "{} — {}",
            if letter.dispute {
                "Appeal"
            } else {
                "Plan of Action"
            },
            letter.seller.legal_name
        ),
        author: letter.seller.legal_name.clone(),
        subject: letter.violation.clone(),
        keywords: vec![
            letter.seller.merchant_token.clone(),
            letter.seller.marketplace.clone(),
        ],
        date: (i32::from(date.year()), date.month() as u8, date.day() as u8),
    };
    let bytes = pdf::write(&laid, &info);
    let mut missing = Vec::new();
    if !laid.missing.is_empty() {
        for f in case.text_fields() {
            if f.path.section == crate::case::Section::Notice
                && matches!(f.path.key, "text" | "reference")
            {
                continue;
            }
            let chars: Vec<char> = {
                let mut v: Vec<char> = f
                    .text
                    .chars()
                    .filter(|c| laid.missing.contains(c))
                    .collect();
                v.dedup();
                let mut seen = std::collections::BTreeSet::new();
                v.retain(|c| seen.insert(*c));
                v
            };
            if !chars.is_empty() {
                let shown: String = chars.iter().take(8).map(|c| format!("{c} ")).collect();
                missing.push(format!(
                    "{}: the PDF font has no {} for {}— {} printed as ?. Write it in Latin letters (for a name, pinyin), or use the md or txt export for it",
                    f.path,
                    if chars.len() == 1 { "glyph" } else { "glyphs" },
                    shown,
                    if chars.len() == 1 { "it is" } else { "they are" },
                ));
            }
        }
    }
    (bytes, missing)
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
