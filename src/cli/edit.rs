//! `poa edit FILE` and `poa` alone: the guided editor.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::anyhow;

use super::today;
use crate::editor::{self, Options};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The case file (*.poa.yaml)
    pub file: PathBuf,
    /// The language of the questions and hints: en or zh (default: from the locale)
    #[arg(long, value_name = "en|zh")]
    pub lang: Option<String>,
}

pub fn options(lang: Option<&str>) -> anyhow::Result<Options> {
    let lang = super::lang_arg(lang)?;
    Ok(Options {
        lang,
        today: today(),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    })
}

fn need_terminal() -> anyhow::Result<()> {
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        Ok(())
    } else {
        Err(anyhow!(
            "the editor needs a terminal. Run it in a terminal window, or use `poa check` and `poa render` in scripts"
        ))
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let opts = options(args.lang.as_deref())?;
    // Read the file first, so a bad file gets its message on a normal screen.
    let source = crate::case::read_file(&args.file, crate::case::empty_case_hint())?;
    crate::case::from_yaml(&source, &crate::case::shown(&args.file))?;
    need_terminal()?;
    editor::edit(args.file, opts)?;
    Ok(ExitCode::SUCCESS)
}

/// `poa` with no command.
pub fn start(lang: Option<&str>) -> anyhow::Result<ExitCode> {
    let opts = options(lang)?;
    need_terminal()?;
    editor::start(opts)?;
    Ok(ExitCode::SUCCESS)
}
