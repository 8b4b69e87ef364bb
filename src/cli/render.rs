//! `poa render FILE [--format md|txt|pdf] [-o OUT] [--paper letter|a4]
//! [--date YYYY-MM-DD] [--templates DIR]`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, anyhow};

use super::{load_case, parse_date_arg, today, write_output};
use crate::case::{Case, Date};
use crate::compose::{self, ComposeError, Letter, Templates};
use crate::layout::{self, Paper, Setup};
use crate::pdf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The letter as Markdown
    Md,
    /// Plain text, one block per box of the appeal form
    Txt,
    /// A print-quality PDF
    Pdf,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Txt => "txt",
            Format::Pdf => "pdf",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PaperArg {
    /// US Letter, 8.5 x 11 in
    Letter,
    /// A4, 210 x 297 mm
    A4,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The case file (*.poa.yaml)
    pub file: PathBuf,
    /// The kind of document
    #[arg(long, value_enum, default_value = "md")]
    pub format: Format,
    /// Where to write it (default: the case file's name with the format's extension; `-` for the terminal)
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The PDF's paper (default: Letter for US, CA, MX, BR; A4 elsewhere)
    #[arg(long, value_enum)]
    pub paper: Option<PaperArg>,
    /// The date the letter carries (default: the case's `dated`, else today)
    #[arg(long, value_parser = parse_date_arg, value_name = "YYYY-MM-DD")]
    pub date: Option<Date>,
    /// A folder with your own letter.md and form.txt templates
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

/// The default output path: `x.poa.yaml` → `x.md`.
pub fn default_output(case_file: &Path, extension: &str) -> PathBuf {
    let name = case_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "appeal".into());
    let stem = ["poa.yaml", "poa.yml", "yaml", "yml"]
        .iter()
        .find_map(|ext| name.strip_suffix(&format!(".{ext}")))
        .unwrap_or(&name)
        .to_string();
    case_file.with_file_name(format!("{stem}.{extension}"))
}

pub fn read_templates(dir: &Path) -> anyhow::Result<Vec<(String, String)>> {
    if !dir.is_dir() {
        return Err(anyhow!(
            "{}: is not a folder. --templates takes a folder that holds letter.md or form.txt",
            dir.display()
        ));
    }
    let mut out = Vec::new();
    for (name, _) in compose::TEMPLATES {
        let path = dir.join(name);
        if path.is_file() {
            let src = crate::case::read_file(
                &path,
                "Delete the empty template, or copy the embedded one from the templates/ folder of poa",
            )?;
            out.push((name.to_string(), src));
        }
    }
    if out.is_empty() {
        return Err(anyhow!(
            "{}: holds neither letter.md nor form.txt. Copy them from poa's templates/ folder and change them there",
            dir.display()
        ));
    }
    Ok(out)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let loaded = load_case(&args.file)?;
    let date = args.date.or(loaded.case.dated).unwrap_or_else(today);
    let templates = match &args.templates {
        Some(dir) => Templates::with_overrides(&read_templates(dir)?)?,
        None => Templates::embedded(),
    };
    let letter = compose::letter(&loaded.case, date).map_err(|e| explain(&loaded, e))?;
    let bytes = match args.format {
        Format::Md => templates.markdown(&letter)?.into_bytes(),
        Format::Txt => templates.form_text(&letter)?.into_bytes(),
        Format::Pdf => {
            let paper = match args.paper {
                Some(PaperArg::Letter) => Paper::Letter,
                Some(PaperArg::A4) => Paper::A4,
                None if loaded.case.uses_letter_paper() => Paper::Letter,
                None => Paper::A4,
            };
            let md = templates.markdown(&letter)?;
            let (bytes, missing) = pdf_of(&loaded.case, &letter, &md, paper, date);
            for line in missing {
                eprintln!("warning: {line}");
            }
            bytes
        }
    };
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| default_output(&args.file, args.format.extension()));
    write_output(&out, &bytes, &args.file)
        .with_context(|| format!("the {} was not written", args.format.extension()))?;
    if out != Path::new("-") {
        eprintln!("Wrote {}", out.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// The PDF of a letter, and a line for each field with characters the
/// fonts lack (printed as `?`).
pub(crate) fn pdf_of(
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
    let laid = layout::layout(markdown, &setup);
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

/// A compose error, placed at the line of the field it is about.
pub(crate) fn explain(loaded: &super::Loaded, e: ComposeError) -> anyhow::Error {
    match e.field() {
        Some(field) => anyhow!("{}: {e}", loaded.place(field)),
        None => anyhow!("{}: {e}", loaded.path.display()),
    }
}
