//! `poa render FILE [--format md|txt|pdf|docx] [-o OUT] [--paper letter|a4]
//! [--date YYYY-MM-DD] [--templates DIR] [--draft | --submit]`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, anyhow};

use super::{load_case, parse_date_arg, today, write_output};
use crate::case::Date;
use crate::compose::{self, ComposeError, Templates};
use crate::document::{self, Export, Format};
use crate::layout::Paper;

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
    /// Mark the document as a draft, not for submission (for a client's review)
    #[arg(long)]
    pub draft: bool,
    /// Write the PDF as PDF/A-2b, for an archive or a portal that asks for it
    #[arg(long)]
    pub pdfa: bool,
    /// This is the letter sent to Amazon: keep it as sent (as `poa submit`),
    /// on the --date given or today
    #[arg(long, conflicts_with = "draft")]
    pub submit: bool,
    /// The language of the warnings: en or zh (default: the locale's)
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
}

pub fn read_templates(dir: &Path) -> anyhow::Result<Vec<(String, String)>> {
    if !dir.is_dir() {
        return Err(anyhow!(
            "{}: is not a folder. --templates takes a folder that holds letter.md or form.txt",
            crate::case::shown(dir)
        ));
    }
    let mut out = Vec::new();
    for (name, _) in compose::TEMPLATES {
        let path = dir.join(name);
        // Anything by that name is read, so a folder, a pipe or a broken
        // link called letter.md is named as such, not passed over.
        if path.symlink_metadata().is_ok() {
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
            crate::case::shown(dir)
        ));
    }
    Ok(out)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let lang = super::lang_arg(args.lang.as_deref())?;
    let loaded = load_case(&args.file)?;
    let date = args.date.or(loaded.case.dated).unwrap_or_else(today);
    let templates = match &args.templates {
        Some(dir) => Templates::with_overrides(&read_templates(dir)?)?,
        None => Templates::embedded(),
    };
    let history = crate::history::History::read(&args.file, &loaded.case)?;
    let ex = Export {
        format: args.format,
        paper: args.paper.map(|p| match p {
            PaperArg::Letter => Paper::Letter,
            PaperArg::A4 => Paper::A4,
        }),
        date,
        draft: args.draft,
        pdfa: args.pdfa,
        lang,
        templates: &templates,
        before: history.before(&loaded.case),
    };
    if args.pdfa && args.format != Format::Pdf {
        note!(
            "note: --pdfa is for the PDF; the {} is written as usual",
            args.format.extension()
        );
    }
    let doc = document::export(&loaded.case, &ex).map_err(|e| explain(&loaded, e))?;
    for line in &doc.warnings {
        note!("warning: {line}");
    }
    let bytes = doc.bytes;
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| document::output_path(&args.file, args.format.extension()));
    // A default output never replaces a file poa did not write there.
    let default = args.output.is_none();
    if default {
        document::may_replace(&args.file, &out, &bytes).map_err(|e| anyhow!(e))?;
    }
    write_output(&out, &bytes, &args.file)
        .with_context(|| format!("the {} was not written", args.format.extension()))?;
    // Written to the default name, with -o or without: recorded, so that
    // the next export there knows poa wrote it.
    let default_name = document::output_path(&args.file, args.format.extension());
    if out == default_name || super::same_file(&out, &default_name) {
        document::note_written(&args.file, &out, &bytes);
    }
    if out != Path::new("-") {
        note!("Wrote {}", crate::case::shown(&out));
    }
    if args.submit {
        super::versions::record_sent(&loaded, &history, args.date.unwrap_or_else(today))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A compose error, placed at the line of the field it is about.
pub(crate) fn explain(loaded: &super::Loaded, e: ComposeError) -> anyhow::Error {
    match e.field() {
        Some(field) => anyhow!("{}: {e}", loaded.place(field)),
        None => anyhow!("{}: {e}", crate::case::shown(&loaded.path)),
    }
}
