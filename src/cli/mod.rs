//! The command line: parsing (clap), files, the clock, exit codes and the
//! human output (`poa check`'s report is drawn by [`crate::report`]). The
//! only module that reads the disk, the clock and the terminal for the
//! commands (the editor's loop does its own).
//!
//! Exit status: 0 fine; 1 `check` found an error (or a warning with
//! `--deny warnings`); 2 bad usage or a file that cannot be read or parsed.

/// `eprintln!` that never panics: a note on standard error is not worth a
/// crash when that stream is closed (`poa check ... 2>&1 | head -1`).
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod check;
mod edit;
mod import;
mod new;
mod playbooks;
mod render;
mod report;
pub use report::rows as report_rows;
mod rules;
mod versions;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, anyhow};
use clap::{Parser, Subcommand};

use crate::case::{self, Case, Date, FieldPath, Spans};

#[derive(Debug, Parser)]
#[command(
    name = "poa",
    version,
    about = "Write, check and render the Plan of Action that answers an Amazon suspension notice",
    long_about = "poa helps an Amazon seller, or the consultant working for one, answer a suspension or \
deactivation notice with a Plan of Action (root cause, corrective actions, preventive measures, \
evidence) or a dispute. Everything runs offline: the case never leaves this machine."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The language of the editor's questions and hints, the findings and
    /// the guides: en or zh
    #[arg(long, value_name = "en|zh", global = false)]
    lang: Option<String>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start a case file from a violation's playbook (or from a pasted notice)
    New(new::Args),
    /// Write the appeal in the guided editor
    Edit(edit::Args),
    /// Review a case file or a draft: completeness, dates, tone and policy
    Check(check::Args),
    /// Write the appeal as Markdown, plain text for the appeal form, PDF or Word
    Render(render::Args),
    /// Every case of a folder at a glance: deadline, days left, what the
    /// checker found, whether it was exported (text, JSON, Markdown, HTML)
    Report(report::Args),
    /// Split a draft written elsewhere (.txt, .md, .docx) into a case file by its headings
    Import(import::Args),
    /// Keep the letter as it is sent to Amazon (beside the case, in NAME.submitted/)
    Submit(versions::SubmitArgs),
    /// Record Amazon's reply that turned the last letter down
    Rejected(versions::RejectedArgs),
    /// What changed, field by field, since the last letter sent
    Diff(versions::DiffArgs),
    /// The check catalogue, or one rule explained with examples
    Rules(rules::Args),
    /// The violation types, or one playbook's whole guide
    Playbooks(playbooks::Args),
}

/// Runs the command line and returns the exit status.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    // `poa --lang zh check FILE` means the same as `poa check FILE --lang zh`.
    let lang = cli.lang;
    // The language of an error: the one asked for anywhere on the line.
    let said = lang
        .clone()
        .or_else(|| cli.command.as_ref().and_then(Command::lang));
    let error_lang = lang_arg(said.as_deref()).unwrap_or(crate::playbook::Lang::En);
    let result = match cli.command {
        None => edit::start(lang.as_deref()),
        Some(command) => match command {
            Command::New(mut args) => {
                args.lang = args.lang.or(lang);
                new::run(args)
            }
            Command::Edit(mut args) => {
                args.lang = args.lang.or(lang);
                edit::run(args)
            }
            Command::Check(mut args) => {
                args.lang = args.lang.or(lang);
                check::run(args)
            }
            Command::Render(mut args) => {
                args.lang = args.lang.or(lang);
                render::run(args)
            }
            Command::Import(args) => import::run(args),
            Command::Submit(args) => versions::submit(args),
            Command::Rejected(args) => versions::rejected(args),
            Command::Diff(mut args) => {
                args.lang = args.lang.or(lang);
                versions::diff(args)
            }
            Command::Report(mut args) => {
                args.lang = args.lang.or(lang);
                report::run(args)
            }
            Command::Rules(mut args) => {
                args.lang = args.lang.or(lang);
                rules::run(args)
            }
            Command::Playbooks(mut args) => {
                args.lang = args.lang.or(lang);
                playbooks::run(args)
            }
        },
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            note!("{}", error_line(&e, error_lang));
            ExitCode::from(2)
        }
    }
}

impl Command {
    /// The `--lang` given after the command, if it takes one.
    fn lang(&self) -> Option<String> {
        match self {
            Command::New(a) => a.lang.clone(),
            Command::Edit(a) => a.lang.clone(),
            Command::Check(a) => a.lang.clone(),
            Command::Render(a) => a.lang.clone(),
            Command::Rules(a) => a.lang.clone(),
            Command::Playbooks(a) => a.lang.clone(),
            Command::Report(a) => a.lang.clone(),
            Command::Diff(a) => a.lang.clone(),
            Command::Import(_) | Command::Submit(_) | Command::Rejected(_) => None,
        }
    }
}

/// The line a failed command prints: a file that could not be read is
/// explained in Chinese under `--lang zh` (the rest is in English).
pub(crate) fn error_line(e: &anyhow::Error, lang: crate::playbook::Lang) -> String {
    let load = e.chain().find_map(|c| c.downcast_ref::<case::LoadError>());
    match (lang, load) {
        (crate::playbook::Lang::Zh, Some(load)) => {
            format!("错误：{}", case::visible(&load.zh()))
        }
        _ => format!("error: {}", error_text(e)),
    }
}

/// A case file read and parsed, with where its values are for pointing at lines.
pub(crate) struct Loaded {
    pub path: PathBuf,
    /// The file's text as read, its comments and layout kept.
    pub source: String,
    pub case: Case,
    pub spans: Spans,
}

impl Loaded {
    /// "FILE:LINE" for a field (`root_causes[0].why`), or "FILE" when the
    /// line is unknown.
    pub fn place(&self, field: &str) -> String {
        let at = field
            .parse::<FieldPath>()
            .ok()
            .and_then(|p| self.spans.nearest(&p));
        match at {
            Some((_, pos)) => format!("{}:{}", crate::case::shown(&self.path), pos.line),
            None => crate::case::shown(&self.path),
        }
    }
}

pub(crate) fn load_case(path: &Path) -> anyhow::Result<Loaded> {
    let source = case::read_file(path, case::empty_case_hint())?;
    let (case, spans) = case::from_yaml_with_spans(&source, &crate::case::shown(path))?;
    Ok(Loaded {
        path: path.to_path_buf(),
        source,
        case,
        spans,
    })
}

/// Writes to standard output; a closed pipe (`poa rules | head`) is not an error.
pub(crate) fn emit(text: &str) -> anyhow::Result<()> {
    emit_bytes(text.as_bytes())
}

/// [`emit`] for bytes (a document written with `-o -`).
pub(crate) fn emit_bytes(bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// Chinese when the locale (LC_ALL, LC_MESSAGES, LANG) says so.
/// The language a `--lang` asks for, or the locale's when none is given.
pub(crate) fn lang_arg(code: Option<&str>) -> anyhow::Result<crate::playbook::Lang> {
    match code {
        Some(c) => crate::playbook::Lang::from_code(c)
            .ok_or_else(|| anyhow::anyhow!("--lang {c}: use en or zh")),
        None => Ok(lang_from_env()),
    }
}

pub(crate) fn lang_from_env() -> crate::playbook::Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            return if v.to_ascii_lowercase().starts_with("zh") {
                crate::playbook::Lang::Zh
            } else {
                crate::playbook::Lang::En
            };
        }
    }
    crate::playbook::Lang::En
}

/// `work` done on each item, on every core, with the results in the
/// items' order: a worker takes the next item as it finishes one, so a
/// slow file does not hold up the rest.
pub(crate) fn on_every_core<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    on_cores(items, cores(), work)
}

/// The cores this process may use.
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `work` done on each item by `workers` threads (see `on_every_core`).
pub(crate) fn on_cores<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let workers = workers.min(items.len()).max(1);
    if workers == 1 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let result = work(item);
                    *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|m| {
            m.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .expect("every item was worked on")
        })
        .collect()
}

/// Today's date on this machine's clock, in its time zone.
pub(crate) fn today() -> Date {
    Date::from_civil(jiff::ZonedDateTime::now().date())
}

pub(crate) fn parse_date_arg(s: &str) -> Result<Date, String> {
    s.parse::<Date>().map_err(|e| e.to_string())
}

/// True when `path` holds, or is named like, a case file.
pub(crate) fn is_case_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if name.ends_with(".yaml") || name.ends_with(".yml") {
        return true;
    }
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if !meta.is_file() || meta.len() > case::MAX_FILE_BYTES {
        return false;
    }
    std::fs::read_to_string(path).is_ok_and(|t| looks_like_case(&t))
}

/// A text that is a case file whatever its name: it starts with the
/// version line and has the top-level keys of a case.
pub(crate) fn looks_like_case(text: &str) -> bool {
    text.lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .is_some_and(|l| l.starts_with("version:"))
        && text.lines().any(|l| {
            ["seller:", "notice:", "root_causes:"]
                .iter()
                .any(|k| l.starts_with(k))
        })
}

/// An error as the terminal shows it: its chain of causes, each once (an
/// error that already says its cause, as a save error names the system's
/// reason, is not followed by it again), control characters written out.
pub(crate) fn error_text(e: &anyhow::Error) -> String {
    let mut text = e.to_string();
    for cause in e.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
    }
    case::visible(&text).into_owned()
}

/// Writes an output file (never a case file) atomically, or to stdout for `-`.
/// Do the two paths name one file on disk (through links, `./`)?
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

pub(crate) fn write_output(out: &Path, bytes: &[u8], input: &Path) -> anyhow::Result<()> {
    if out == Path::new("-") {
        // `render -o - | head` is not an error, as for `check | head`.
        return emit_bytes(bytes).context("writing to standard output");
    }
    if same_file(out, input) || is_case_file(out) {
        return Err(anyhow!(
            "{}: is a case file, and poa never writes a document over a case file. Choose another name with -o, for example -o {}",
            crate::case::shown(out),
            crate::case::shown(out.with_extension("md"))
        ));
    }
    if out.is_dir() {
        return Err(anyhow!(
            "{}: is a folder. Give a file name with -o, for example -o {}",
            crate::case::shown(out),
            crate::case::shown(out.join("appeal.md"))
        ));
    }
    case::write_atomic(out, bytes)?;
    Ok(())
}
