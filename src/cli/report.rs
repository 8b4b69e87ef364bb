//! `poa report [DIR|FILE...] [--drafts] [--format text|json|md|html]
//! [-o OUT] [--today YYYY-MM-DD] [--lang en|zh]`: every case of a folder
//! (its subfolders too), one row each, soonest deadline first. The rows
//! are made and written by [`crate::desk`]; this finds the files, reads
//! and checks them on every core, and looks at their dates on disk.
//!
//! Exit status as `check`: 2 when a file could not be read (it still has
//! its row), 1 when a case has errors, else 0.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::SystemTime;

use super::{parse_date_arg, today};
use crate::case::{self, Date};
use crate::check::{self, Checker, Draft};
use crate::desk::{self, Document, Exported, Item, Row, Status};
use crate::playbook::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for the terminal
    Text,
    /// Every case with its findings, for other tools
    Json,
    /// A Markdown table
    Md,
    /// One self-contained page for a browser, with each case's findings
    Html,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folders to look through (with their subfolders) for *.poa.yaml, or
    /// case files (default: this folder)
    pub paths: Vec<PathBuf>,
    /// Drafts written elsewhere (.md, .txt) have a row too (not the
    /// documents poa exported)
    #[arg(long)]
    pub drafts: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Write the report to a file (the HTML's links are made from its folder)
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The date the days left are counted from (default: today)
    #[arg(long, value_parser = parse_date_arg, value_name = "YYYY-MM-DD")]
    pub today: Option<Date>,
    /// A file of words spelt as you mean them, one per line, as for `check`
    #[arg(long, value_name = "FILE")]
    pub words: Vec<PathBuf>,
    /// Leave out the spelling and grammar checks (the G codes)
    #[arg(long)]
    pub no_grammar: bool,
    /// The language of the report: en or zh (default: from LANG)
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
}

/// Folders never looked into: poa's own and tools' (hidden folders, such
/// as `.git`, are left out as well).
const SKIPPED: [&str; 3] = ["target", "node_modules", "__pycache__"];

/// How deep the search goes below a folder named.
const MAX_DEPTH: usize = 24;

/// What every file is checked with.
struct Job<'a> {
    checker: &'a Checker,
    today: Date,
    words: std::collections::HashSet<String>,
    grammar: bool,
    lang: Lang,
    /// The folder the HTML's links start from.
    base: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    check::warm_in_background(!args.no_grammar);
    let lang = super::lang_arg(args.lang.as_deref())?;
    let today = args.today.unwrap_or_else(today);
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut files = Vec::new();
    for p in &paths {
        if p.is_dir() {
            find(p, args.drafts, 0, &mut files);
        } else if p.exists() {
            files.push(p.clone());
        } else {
            return Err(anyhow::anyhow!(
                "{}: no such file or folder. Name a folder of cases, or a case file",
                case::shown(p)
            ));
        }
    }
    files.sort();
    files.dedup();
    let base = match &args.output {
        Some(out) if out != Path::new("-") => out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        _ => PathBuf::from("."),
    };
    let job = Job {
        checker: Checker::standard(),
        today,
        words: super::check::read_words(&args.words)?,
        grammar: !args.no_grammar,
        lang,
        base,
    };
    let progress = Progress::start(files.len());
    let rows = rows_with(&job, &files, super::cores(), || progress.one_done());
    progress.finish();
    let mut out = Vec::new();
    match args.format {
        Format::Text => desk::write_text(&mut out, &rows, today, lang)?,
        Format::Json => desk::write_json(&mut out, &rows, today)?,
        Format::Md => desk::write_md(&mut out, &rows, today, lang)?,
        Format::Html => desk::write_html(&mut out, &rows, today, lang)?,
    }
    match &args.output {
        Some(o) if o != Path::new("-") => {
            if super::is_case_file(o) {
                return Err(anyhow::anyhow!(
                    "{}: is a case file, and poa never writes a report over one. Choose another name with -o",
                    case::shown(o)
                ));
            }
            case::write_atomic(o, &out)?;
            note!("Wrote {} ({})", case::shown(o), desk::summary(&rows, lang));
        }
        _ => super::emit_bytes(&out)?,
    }
    let broken = rows.iter().any(|r| r.status == Status::Broken);
    let errors = rows.iter().any(|r| r.errors > 0);
    Ok(if broken {
        ExitCode::from(2)
    } else if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The report's rows for these files, checked on `workers` threads, in
/// the report's order (for the benchmark; `run` adds the progress count).
pub fn rows(files: &[PathBuf], today: Date, workers: usize) -> Vec<Row> {
    let job = Job {
        checker: Checker::standard(),
        today,
        words: Default::default(),
        grammar: true,
        lang: Lang::En,
        base: PathBuf::from("."),
    };
    rows_with(&job, files, workers, || {})
}

fn rows_with(job: &Job, files: &[PathBuf], workers: usize, done: impl Fn() + Sync) -> Vec<Row> {
    let mut rows = super::on_cores(files, workers, |p| {
        let row = row_of(job, p);
        done();
        row
    });
    desk::sort(&mut rows);
    rows
}

/// Is `name` a case file's?
fn is_case_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.ends_with(".poa.yaml") || name.ends_with(".poa.yml")
}

/// Is `path` a draft: a .md or .txt that is not a document poa exported
/// from a case beside it?
fn is_draft(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let Some(stem) = [".md", ".markdown", ".txt", ".docx"]
        .iter()
        .find_map(|e| name.strip_suffix(e))
    else {
        return false;
    };
    let original = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let stem = &original.unwrap_or_default()[..stem.len()];
    !["poa.yaml", "poa.yml"]
        .iter()
        .any(|e| path.with_file_name(format!("{stem}.{e}")).exists())
}

/// The case files (and drafts) under `dir`, its subfolders too. Links to
/// folders are not followed (a link back up would never end); hidden
/// entries and tools' folders are left out.
fn find(dir: &Path, drafts: bool, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || SKIPPED.contains(&name.as_str()) {
            continue;
        }
        // The files of this folder are shown as `x.poa.yaml`, not `./x.poa.yaml`.
        let path = if dir == Path::new(".") {
            PathBuf::from(&name)
        } else {
            entry.path()
        };
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            // The letters sent for a case (`poa submit`) are its history,
            // not cases of their own.
            if name.ends_with(".submitted") {
                continue;
            }
            if depth < MAX_DEPTH {
                find(&path, drafts, depth + 1, out);
            }
        } else if is_case_name(&name) || (drafts && is_draft(&path)) {
            out.push(path);
        }
    }
}

/// When a file was changed, in this computer's time zone.
fn local(t: SystemTime) -> Option<String> {
    let z = jiff::ZonedDateTime::try_from(t).ok()?;
    Some(z.strftime("%Y-%m-%d %H:%M").to_string())
}

fn row_of(job: &Job, path: &Path) -> Row {
    let shown = case::shown(path);
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let changed = modified.and_then(local);
    match read_row(job, path, modified) {
        Ok(mut row) => {
            row.changed = changed;
            row
        }
        Err(e) => {
            // The row says it is broken: the reason needs no "error:".
            let line = super::error_line(&e, job.lang);
            let reason = ["error: ", "错误："]
                .iter()
                .find_map(|p| line.strip_prefix(p))
                .unwrap_or(&line)
                .to_string();
            Row::broken(shown, reason, changed)
        }
    }
}

fn read_row(job: &Job, path: &Path, modified: Option<SystemTime>) -> anyhow::Result<Row> {
    let name = case::shown(path);
    let hint = if is_draft(path) {
        "Write the appeal in it, or remove it from the folder"
    } else {
        case::empty_case_hint()
    };
    let text = case::read_file(path, hint)?;
    if !is_case_name(&name) && !super::looks_like_case(&text) && is_draft(path) {
        return Ok(draft_row(job, name, &text));
    }
    // The report points at no line: the case without its spans.
    let case = case::from_yaml(&text, &name)?;
    let history = crate::history::History::read_lenient(path, &case);
    let settings = super::check::settings_for(&case, path, &job.words, job.grammar, &history);
    let findings = job
        .checker
        .check_doc(&check::Doc::from_case(&case), job.today, &settings);
    let (errors, warnings, infos) = check::counts(&findings);
    let deadline = case.appeal_deadline();
    let days_left = deadline.map(|d| job.today.days_until(d));
    let documents: Vec<Document> = crate::document::exported(path)
        .into_iter()
        .map(|(format, out, written)| Document {
            format: format.extension(),
            path: case::shown(&out),
            href: desk::href(&relative(&out, &job.base)),
            current: modified.is_none_or(|m| written >= m),
        })
        .collect();
    let exported = if documents.is_empty() {
        Exported::Never
    } else if documents.iter().all(|d| d.current) {
        Exported::Current
    } else {
        Exported::Stale
    };
    let violation = case.notice.violation.trim().to_string();
    let violation_title = crate::playbook::get(&violation)
        .map_or_else(|| violation.clone(), |p| p.title_in(job.lang).to_string());
    Ok(Row {
        file: name,
        draft: false,
        store: case.seller.store_name.trim().to_string(),
        marketplace: case.seller.marketplace.trim().to_string(),
        violation,
        violation_title,
        response: case.notice.response.id().to_string(),
        received: case.notice.received,
        deadline,
        deadline_from_notice: case.notice.deadline.is_some(),
        days_left,
        errors,
        warnings,
        infos,
        words: check::text::prose_words(&case),
        changed: None,
        exported,
        documents,
        letters_sent: history.count,
        turned_down: history.turned_down(&case),
        status: Status::of(errors, days_left),
        problem: None,
        findings: findings.iter().map(|f| Item::of(f, job.lang)).collect(),
    })
}

/// A draft's row: what the checker found; it has no notice, so no deadline.
fn draft_row(job: &Job, name: String, text: &str) -> Row {
    let (_, text) = case::TextForm::read(text);
    let mut settings = check::Settings::default();
    settings.words.extend(job.words.iter().cloned());
    settings.grammar &= job.grammar;
    let findings = job
        .checker
        .check_draft_with(&Draft::parse(&text), job.today, &settings);
    let (errors, warnings, infos) = check::counts(&findings);
    Row {
        draft: true,
        violation_title: match job.lang {
            Lang::En => "(draft)".to_string(),
            Lang::Zh => "（草稿）".to_string(),
        },
        errors,
        warnings,
        infos,
        words: check::text::word_count(&text),
        status: Status::of(errors, None),
        problem: None,
        findings: findings.iter().map(|f| Item::of(f, job.lang)).collect(),
        ..Row::broken(name, String::new(), None)
    }
}

/// `path` seen from the folder `base` (both as given, made absolute from
/// the current folder when one of them is not).
fn relative(path: &Path, base: &Path) -> PathBuf {
    let absolute = |p: &Path| {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        }
    };
    let norm = |p: PathBuf| -> Vec<std::ffi::OsString> {
        let mut parts = Vec::new();
        for c in p.components() {
            match c {
                std::path::Component::ParentDir => {
                    parts.pop();
                }
                std::path::Component::Normal(s) => parts.push(s.to_os_string()),
                _ => {}
            }
        }
        parts
    };
    let to = norm(absolute(path));
    let from = norm(absolute(base));
    let same = to.iter().zip(&from).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in same..from.len() {
        out.push("..");
    }
    for part in &to[same..] {
        out.push(part);
    }
    out
}

/// A count on standard error of the cases checked, shown only when the
/// work has taken a second and standard error is a terminal, and wiped
/// when it ends.
struct Progress {
    done: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    stop: Option<std::sync::mpsc::Sender<()>>,
    drawer: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    fn start(total: usize) -> Progress {
        use std::sync::atomic::Ordering;
        let done = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        if !std::io::stderr().is_terminal() || total < 2 {
            return Progress {
                done,
                stop: None,
                drawer: None,
            };
        }
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let count = done.clone();
        let drawer = std::thread::spawn(move || {
            use std::io::Write as _;
            use std::sync::mpsc::RecvTimeoutError;
            use std::time::Duration;
            if stopped.recv_timeout(Duration::from_secs(1)) != Err(RecvTimeoutError::Timeout) {
                return;
            }
            loop {
                let n = count.load(Ordering::Relaxed);
                let width = 30;
                let full = n * width / total.max(1);
                let _ = write!(
                    std::io::stderr(),
                    "\r[{}{}] {n} of {total} cases checked",
                    "#".repeat(full),
                    " ".repeat(width - full)
                );
                if stopped.recv_timeout(Duration::from_millis(100))
                    != Err(RecvTimeoutError::Timeout)
                {
                    break;
                }
            }
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        });
        Progress {
            done,
            stop: Some(stop),
            drawer: Some(drawer),
        }
    }

    fn one_done(&self) {
        self.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    fn finish(mut self) {
        drop(self.stop.take());
        if let Some(d) = self.drawer.take() {
            let _ = d.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_seen_from_the_report_folder() {
        assert_eq!(
            relative(Path::new("/a/b/c.pdf"), Path::new("/a/d")),
            PathBuf::from("../b/c.pdf")
        );
        assert_eq!(
            relative(Path::new("/a/b/c.pdf"), Path::new("/a/b")),
            PathBuf::from("c.pdf")
        );
    }
}
