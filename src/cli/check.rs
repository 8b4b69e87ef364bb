//! `poa check FILE... [--format text|json] [--fix] [--deny warnings]
//! [--today YYYY-MM-DD] [--phrases FILE]`

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use super::{parse_date_arg, today};
use crate::case::{self, Case, Date, Locator};
use crate::check::{self, Checker, Draft, FieldId, Finding, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    /// Exit 1 on warnings as well as errors
    Warnings,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Case files (*.poa.yaml) or drafts written elsewhere (.txt, .md)
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Apply the safe fixes (such as "don't" → "do not") and save the file
    #[arg(long)]
    pub fix: bool,
    /// Exit with status 1 on warnings too
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
    /// The date the date rules compare with (default: today)
    #[arg(long, value_parser = parse_date_arg, value_name = "YYYY-MM-DD")]
    pub today: Option<Date>,
    /// A file of your own phrases, in the shape of templates/phrases.yaml
    #[arg(long, value_name = "FILE")]
    pub phrases: Vec<PathBuf>,
}

/// One checked file, as the JSON output shows it.
#[derive(Debug, Serialize)]
struct FileReport {
    path: String,
    findings: Vec<Finding>,
    errors: usize,
    warnings: usize,
    infos: usize,
    #[serde(skip)]
    source: Source,
    #[serde(skip)]
    notes: Vec<String>,
}

#[derive(Debug, Default)]
enum Source {
    Case(String),
    Draft(String),
    #[default]
    None,
}

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    files: &'a [FileReport],
}

fn is_case_path(path: &Path, text: &str) -> bool {
    let name = path.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".yaml") || name.ends_with(".yml") {
        return true;
    }
    if name.ends_with(".txt") || name.ends_with(".md") || name.ends_with(".markdown") {
        return false;
    }
    text.lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .is_some_and(|l| l.starts_with("version:"))
}

/// Evidence files named in a case that are not on disk (relative to the case).
fn missing_files(case: &Case, case_path: &Path) -> Vec<String> {
    let dir = case_path.parent().unwrap_or(Path::new("."));
    case.evidence
        .iter()
        .filter_map(|e| e.file.as_deref().map(str::trim))
        .filter(|f| !f.is_empty() && !dir.join(f).exists())
        .map(str::to_string)
        .collect()
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let today = args.today.unwrap_or_else(today);
    let extra: Vec<(String, String)> = args
        .phrases
        .iter()
        .map(|p| {
            Ok((
                p.display().to_string(),
                case::read_file(p, "Write phrases in the shape of templates/phrases.yaml")?,
            ))
        })
        .collect::<anyhow::Result<_>>()?;
    let owned;
    let checker: &Checker = if extra.is_empty() {
        Checker::standard()
    } else {
        owned = Checker::with_phrases(&extra)?;
        &owned
    };
    let results = check_all(checker, &args.files, today, args.fix);
    let mut reports = Vec::new();
    let mut unreadable = false;
    for result in results {
        match result {
            Ok(r) => reports.push(r),
            Err(e) => {
                unreadable = true;
                eprintln!("error: {e:#}");
            }
        }
    }
    let mut out: Vec<u8> = Vec::new();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(
                &mut out,
                &Report {
                    version: 1,
                    files: &reports,
                },
            )?;
            writeln!(out)?;
        }
        Format::Text => {
            let color = std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            for r in &reports {
                write_text(&mut out, r, color)?;
            }
            if reports.len() > 1 {
                let (e, w, i) = reports.iter().fold((0, 0, 0), |a, r| {
                    (a.0 + r.errors, a.1 + r.warnings, a.2 + r.infos)
                });
                writeln!(out, "{} files: {}", reports.len(), tally(e, w, i))?;
            }
        }
    }
    super::emit(&String::from_utf8_lossy(&out))?;
    if unreadable {
        return Ok(ExitCode::from(2));
    }
    let errors = reports.iter().any(|r| r.errors > 0);
    let warnings = reports.iter().any(|r| r.warnings > 0);
    Ok(if errors || (args.deny.is_some() && warnings) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Checks the files on every core, and returns the results in their order.
fn check_all(
    checker: &Checker,
    files: &[PathBuf],
    today: Date,
    fix: bool,
) -> Vec<anyhow::Result<FileReport>> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len())
        .max(1);
    if workers == 1 {
        return files
            .iter()
            .map(|p| check_file(checker, p, today, fix))
            .collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<anyhow::Result<FileReport>>>> =
        files.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    let result = check_file(checker, path, today, fix);
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
                .expect("every file was checked")
        })
        .collect()
}

fn check_file(
    checker: &Checker,
    path: &Path,
    today: Date,
    fix: bool,
) -> anyhow::Result<FileReport> {
    let text = case::read_file(
        path,
        "Write the appeal in it, or check a case file (.poa.yaml)",
    )?;
    let name = path.display().to_string();
    let mut notes = Vec::new();
    if is_case_path(path, &text) {
        let mut case = case::from_yaml(&text, &name)?;
        let mut settings = check::settings_of(&case);
        settings.missing_files = missing_files(&case, path);
        let mut findings = checker.check_doc(&check::Doc::from_case(&case), today, &settings);
        let mut source = text;
        if fix {
            let n = check::apply_fixes(&mut case, &findings);
            if n > 0 {
                case::save_atomic(path, &case)?;
                notes.push(format!("fixed {n} finding{} and saved the file", plural(n)));
                source = case::to_yaml(&case);
                findings = checker.check_doc(&check::Doc::from_case(&case), today, &settings);
            }
        }
        Ok(report(name, findings, Source::Case(source), notes))
    } else {
        let mut draft_text = text;
        let mut findings = {
            let draft = Draft::parse(&draft_text);
            if !draft.has_structure() {
                notes.push("no section headings found (Root cause, Corrective actions, Preventive measures), so the checks that need sections were skipped".into());
            }
            checker.check_draft(&draft, today)
        };
        if fix {
            let (fixed, n) = fix_draft(&draft_text, &findings);
            if n > 0 {
                case::write_atomic(path, fixed.as_bytes())?;
                notes.push(format!("fixed {n} finding{} and saved the file", plural(n)));
                draft_text = fixed;
                findings = checker.check_draft(&Draft::parse(&draft_text), today);
            }
        }
        Ok(report(name, findings, Source::Draft(draft_text), notes))
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn report(path: String, findings: Vec<Finding>, source: Source, notes: Vec<String>) -> FileReport {
    let (errors, warnings, infos) = check::counts(&findings);
    FileReport {
        path,
        findings,
        errors,
        warnings,
        infos,
        source,
        notes,
    }
}

/// Applies the fixes of a draft's findings, line by line.
fn fix_draft(text: &str, findings: &[Finding]) -> (String, usize) {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut n = 0;
    let mut by_line: std::collections::BTreeMap<usize, Vec<&Finding>> = Default::default();
    for f in findings {
        if let (FieldId::Line(l), Some(_)) = (f.field, &f.fix) {
            by_line.entry(l).or_default().push(f);
        }
    }
    for (l, mut fs) in by_line {
        let Some(line) = lines.get_mut(l - 1) else {
            continue;
        };
        fs.sort_by_key(|f| std::cmp::Reverse(f.start));
        let mut limit = usize::MAX;
        for f in fs {
            let (Some(s), Some(e)) = (f.start, f.end) else {
                continue;
            };
            if e > limit || e > line.len() || line.get(s..e) != Some(f.excerpt.as_str()) {
                continue;
            }
            line.replace_range(s..e, f.fix.as_deref().unwrap_or_default());
            limit = s;
            n += 1;
        }
    }
    (lines.join("\n"), n)
}

fn tally(e: usize, w: usize, i: usize) -> String {
    format!(
        "{e} error{}, {w} warning{}, {i} info{}",
        plural(e),
        plural(w),
        plural(i)
    )
}

struct Paint {
    on: bool,
}

impl Paint {
    fn sev(&self, s: Severity) -> (&'static str, &'static str) {
        if !self.on {
            return ("", "");
        }
        match s {
            Severity::Error => ("\x1b[1;31m", "\x1b[0m"),
            Severity::Warning => ("\x1b[1;33m", "\x1b[0m"),
            Severity::Info => ("\x1b[1;36m", "\x1b[0m"),
        }
    }

    fn dim(&self) -> (&'static str, &'static str) {
        if self.on {
            ("\x1b[2m", "\x1b[0m")
        } else {
            ("", "")
        }
    }
}

/// A finding's place: file line and column, the text line, and the column
/// range inside that line.
struct Place {
    file_line: Option<usize>,
    file_col: Option<usize>,
    text_line: String,
    marks: Option<(usize, usize)>,
}

fn place(f: &Finding, source: &Source, locator: Option<&Locator>) -> Place {
    let field_text = |s: &str| -> Option<String> {
        match (f.field, source) {
            (FieldId::Case(p), Source::Case(_)) => case::from_yaml(s, "")
                .ok()
                .and_then(|c| c.text(&p).map(str::to_string)),
            _ => None,
        }
    };
    match (f.field, source) {
        (FieldId::Line(n), Source::Draft(text)) => {
            let line = text.lines().nth(n - 1).unwrap_or("").to_string();
            let marks = f.start.zip(f.end).map(|(s, e)| {
                (
                    width(&line[..s.min(line.len())]),
                    width(&line[s.min(line.len())..e.min(line.len())]).max(1),
                )
            });
            Place {
                file_line: Some(n),
                file_col: f
                    .start
                    .map(|s| line[..s.min(line.len())].chars().count() + 1),
                text_line: line,
                marks,
            }
        }
        (FieldId::Case(p), Source::Case(src)) => {
            let path = p.to_string();
            let text = field_text(src).unwrap_or_default();
            let (Some(s), Some(e)) = (f.start, f.end) else {
                let pos = locator.and_then(|l| l.nearest(&path)).map(|(_, pos)| pos);
                return Place {
                    file_line: pos.map(|p| p.line),
                    file_col: pos.map(|p| p.column),
                    text_line: String::new(),
                    marks: None,
                };
            };
            let line_start = text[..s.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[line_start..]
                .find('\n')
                .map_or(text.len(), |i| line_start + i);
            let line = text[line_start..line_end].to_string();
            let (fl, fc) = locator
                .and_then(|l| l.offset(&path, &text, s))
                .map_or((None, None), |(a, b)| (Some(a), Some(b)));
            let rel_s = s - line_start;
            let rel_e = e.min(line_end) - line_start;
            Place {
                file_line: fl,
                file_col: fc,
                marks: Some((
                    width(&line[..rel_s]),
                    width(&line[rel_s..rel_e.max(rel_s)]).max(1),
                )),
                text_line: line,
            }
        }
        (FieldId::Section(sec), Source::Case(_)) => {
            let pos = locator.and_then(|l| l.find(sec.key()));
            Place {
                file_line: pos.map(|p| p.line),
                file_col: None,
                text_line: String::new(),
                marks: None,
            }
        }
        _ => Place {
            file_line: None,
            file_col: None,
            text_line: String::new(),
            marks: None,
        },
    }
}

fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

fn write_text(out: &mut impl Write, r: &FileReport, color: bool) -> std::io::Result<()> {
    let paint = Paint { on: color };
    let locator = match &r.source {
        Source::Case(src) => Some(Locator::new(src)),
        _ => None,
    };
    let (d0, d1) = paint.dim();
    for f in &r.findings {
        let (c0, c1) = paint.sev(f.severity);
        writeln!(
            out,
            "{c0}{}[{}]{c1}: {}",
            f.severity.label(),
            f.code,
            f.message
        )?;
        let p = place(f, &r.source, locator.as_ref());
        let loc = match (p.file_line, p.file_col) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", r.path),
            (Some(l), None) => format!("{}:{l}", r.path),
            _ => r.path.clone(),
        };
        let field = match f.field {
            FieldId::Line(_) => String::new(),
            id => format!("  {id}"),
        };
        writeln!(out, "  {d0}-->{d1} {loc}{field}")?;
        if let Some((start, len)) = p.marks {
            let num = p.file_line.map(|n| n.to_string()).unwrap_or_default();
            let pad = " ".repeat(num.len());
            writeln!(out, "  {pad} {d0}|{d1}")?;
            writeln!(out, "  {num} {d0}|{d1} {}", p.text_line)?;
            writeln!(
                out,
                "  {pad} {d0}|{d1} {}{c0}{}{c1}",
                " ".repeat(start),
                "^".repeat(len)
            )?;
        } else if !f.excerpt.is_empty() {
            writeln!(out, "  {d0}={d1} {}", f.excerpt)?;
        }
        if let Some(fix) = &f.fix {
            writeln!(out, "  {d0}= fix:{d1} {fix}  (poa check --fix applies it)")?;
        }
        writeln!(out)?;
    }
    for n in &r.notes {
        writeln!(out, "note: {}: {n}", r.path)?;
    }
    let summary = if r.findings.is_empty() {
        "no problems found".to_string()
    } else {
        tally(r.errors, r.warnings, r.infos)
    };
    writeln!(out, "{}: {summary}", r.path)?;
    Ok(())
}
