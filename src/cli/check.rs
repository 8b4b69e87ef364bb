//! `poa check FILE... [--format text|json] [--fix] [--deny warnings]
//! [--today YYYY-MM-DD] [--phrases FILE]`

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{parse_date_arg, today};
use crate::case::{self, Date};
use crate::check::{self, Checker, Draft};
use crate::report::{self, FileReport, Source, Style, plural};

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
    /// Case files (*.poa.yaml) or drafts written elsewhere (.txt, .md, .docx)
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
    /// A file of words spelt as you mean them (names, brands, terms), one
    /// per line: the spelling check never flags them
    #[arg(long, value_name = "FILE")]
    pub words: Vec<PathBuf>,
    /// Leave out the spelling and grammar checks (the G codes)
    #[arg(long)]
    pub no_grammar: bool,
    /// The language of the messages: en or zh (default: from LANG); the
    /// quoted words and the English proposed stay English
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
}

/// One checked file: its report, and its text report when one is asked for
/// (drawn where the file was checked, so the sources need not be kept).
struct Checked {
    report: FileReport,
    text: Option<Vec<u8>>,
}

fn is_case_path(path: &Path, text: &str) -> bool {
    let name = path.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".yaml") || name.ends_with(".yml") {
        return true;
    }
    if name.ends_with(".txt") || name.ends_with(".md") || name.ends_with(".markdown") {
        // A case file saved under a draft's name (attack F31).
        return super::looks_like_case(text);
    }
    text.lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .is_some_and(|l| l.starts_with("version:"))
}

/// How the text report looks on this standard output: colour for a
/// terminal unless NO_COLOR is set, and the terminal's width.
fn text_style() -> Style {
    let terminal = std::io::stdout().is_terminal();
    let color = terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let width = if terminal {
        crate::editor::terminal_width().map_or(report::DEFAULT_WIDTH, usize::from)
    } else {
        report::DEFAULT_WIDTH
    };
    Style {
        color,
        width: width.max(40),
        lang: crate::playbook::Lang::En,
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // The checker's patterns are built on a second thread while this one
    // compiles the phrase lists, reads the files and checks them: a
    // one-shot check shares that work over two cores. (Parsing the
    // playbooks on two more threads as well made it slower: measured
    // 21.7 ms against 16.9 ms median for the 1,500-word letter.)
    check::warm_in_background(!args.no_grammar);
    let lang = super::lang_arg(args.lang.as_deref())?;
    let today = args.today.unwrap_or_else(today);
    let extra: Vec<(String, String)> = args
        .phrases
        .iter()
        .map(|p| {
            Ok((
                crate::case::shown(p),
                case::read_file(p, "Write phrases in the shape of templates/phrases.yaml")?,
            ))
        })
        .collect::<anyhow::Result<_>>()?;
    let words = read_words(&args.words)?;
    let owned;
    let checker: &Checker = if extra.is_empty() {
        Checker::standard()
    } else {
        owned = Checker::with_phrases(&extra)?;
        &owned
    };
    let style = match args.format {
        Format::Text => Some(Style {
            lang,
            ..text_style()
        }),
        Format::Json => None,
    };
    let job = Job {
        checker,
        today,
        fix: args.fix,
        style,
        words,
        grammar: !args.no_grammar,
        lang,
    };
    let files = once_each(&args.files);
    let results = check_all(&job, &files);
    let mut checked = Vec::new();
    let mut unreadable = false;
    for result in results {
        match result {
            Ok(r) => checked.push(r),
            Err(e) => {
                unreadable = true;
                note!("{}", super::error_line(&e, lang));
            }
        }
    }
    let mut reports = Vec::with_capacity(checked.len());
    for c in checked {
        // Each file's text report is written as it comes, not gathered.
        if let Some(text) = c.text {
            super::emit(&String::from_utf8_lossy(&text))?;
        }
        reports.push(c.report);
    }
    let mut out: Vec<u8> = Vec::new();
    match args.format {
        Format::Json => report::write_json(&mut out, &reports)?,
        Format::Text => report::write_total(&mut out, &reports, lang)?,
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

/// The files, each once: the same file named twice (`x` and `./x`) would
/// be checked twice, and with `--fix` saved twice at once.
fn once_each(files: &[PathBuf]) -> Vec<PathBuf> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let key = std::fs::canonicalize(f).unwrap_or_else(|_| f.clone());
        if seen.insert(key) {
            out.push(f.clone());
        } else {
            note!(
                "note: {} is named more than once; it is checked once",
                crate::case::shown(f)
            );
        }
    }
    out
}

/// What every file is checked with.
struct Job<'a> {
    checker: &'a Checker,
    today: Date,
    fix: bool,
    /// The text report's style, when the text report is asked for.
    style: Option<Style>,
    /// The writer's own words (`--words`), in lower case.
    words: std::collections::HashSet<String>,
    /// The G family runs (not `--no-grammar`).
    grammar: bool,
    /// The language of the notes.
    lang: crate::playbook::Lang,
}

/// Checks the files on every core, and returns the results in their order.
fn check_all(job: &Job, files: &[PathBuf]) -> Vec<anyhow::Result<Checked>> {
    super::on_every_core(files, |p| check_file(job, p))
}

fn check_file(job: &Job, path: &Path) -> anyhow::Result<Checked> {
    let Job {
        checker,
        today,
        fix,
        style,
        ..
    } = *job;
    let zh = job.lang == crate::playbook::Lang::Zh;
    let say = |en: &str, cn: &str| if zh { cn.to_string() } else { en.to_string() };
    let with_job = |mut settings: check::Settings| {
        settings.words.extend(job.words.iter().cloned());
        settings.grammar &= job.grammar;
        settings
    };
    // An empty file is told what it was meant to be: a case, or a draft.
    let hint = if is_case_path(path, "") {
        case::empty_case_hint()
    } else {
        "Write the appeal in it, or check a case file (.poa.yaml)"
    };
    let text = case::read_file(path, hint)?;
    let name = crate::case::shown(path);
    let mut notes = Vec::new();
    if is_case_path(path, &text) {
        let (mut case, mut spans) = case::from_yaml_with_spans(&text, &name)?;
        let history = crate::history::History::read_lenient(path, &case);
        let settings = settings_for(&case, path, &job.words, job.grammar, &history);
        if !settings.grammar {
            notes.push(say(
                "spelling and grammar (the G codes) were not checked",
                "没有检查拼写和语法（G 类检查已关闭）",
            ));
        }
        let mut findings = checker.check_doc(&check::Doc::from_case(&case), today, &settings);
        let mut source = text;
        if fix {
            let n = check::apply_fixes(&mut case, &findings);
            if n > 0 {
                case::save_atomic(path, &case)?;
                notes.push(say(
                    &format!("fixed {n} finding{} and saved the file", plural(n)),
                    &format!("已自动修正 {n} 个问题并保存文件"),
                ));
                source = case::to_yaml(&case);
                spans = case::Spans::new(&source);
                findings = checker.check_doc(&check::Doc::from_case(&case), today, &settings);
            }
        }
        let report = FileReport::new(name, findings, notes);
        let source = Source::Case {
            text: &source,
            case: &case,
            spans: &spans,
        };
        Ok(drawn(report, source, style)?)
    } else {
        let settings = with_job(check::Settings::default());
        if !settings.grammar {
            notes.push(say(
                "spelling and grammar (the G codes) were not checked",
                "没有检查拼写和语法（G 类检查已关闭）",
            ));
        }
        // Read with LF line breaks, written back as the writer saved it.
        let (form, mut draft_text) = case::TextForm::of_file(path, &text);
        let mut findings = {
            let draft = Draft::parse(&draft_text);
            if !draft.has_structure() {
                notes.push(say("no section headings found (Root cause, Corrective actions, Preventive measures), so the checks that need sections were skipped", "没有找到分段标题（Root cause、Corrective actions、Preventive measures），需要分段的检查已跳过"));
            }
            checker.check_draft_with(&draft, today, &settings)
        };
        // A Word file is not rewritten as text: its fixes are for the
        // writer to make in Word (or after `poa import`).
        if fix && case::is_word(path) {
            notes.push(say(
                "a Word file is not changed by --fix: make the fixes in Word, or import it (poa import) and fix the case",
                "--fix 不会修改 Word 文件：请在 Word 里修改，或先导入（poa import）再修正案例",
            ));
        } else if fix {
            let (fixed, n) = check::apply_draft_fixes(&draft_text, &findings);
            if n > 0 {
                case::write_atomic(path, form.write(&fixed).as_bytes())?;
                notes.push(say(
                    &format!("fixed {n} finding{} and saved the file", plural(n)),
                    &format!("已自动修正 {n} 个问题并保存文件"),
                ));
                draft_text = fixed;
                findings = checker.check_draft_with(&Draft::parse(&draft_text), today, &settings);
            }
        }
        let report = FileReport::new(name, findings, notes);
        Ok(drawn(report, Source::Draft(&draft_text), style)?)
    }
}

/// The writer's own words (`--words` files), in lower case.
pub(super) fn read_words(files: &[PathBuf]) -> anyhow::Result<std::collections::HashSet<String>> {
    let mut words = std::collections::HashSet::new();
    for p in files {
        let text = case::read_file(p, "Write one word per line")?;
        words.extend(check::spell::words_of_list(&text));
    }
    Ok(words)
}

/// What a case is checked with on the command line: its own settings,
/// the writer's `--words` and `--no-grammar`, its evidence files and the
/// fonts of this computer.
pub(super) fn settings_for(
    case: &case::Case,
    path: &Path,
    words: &std::collections::HashSet<String>,
    grammar: bool,
    history: &crate::history::History,
) -> check::Settings {
    let mut settings = check::settings_of(case);
    settings.words.extend(words.iter().cloned());
    settings.grammar &= grammar;
    settings.missing_files = case::missing_evidence_files(case, path);
    settings.rejected = history.rejected.clone();
    settings.look_for_fonts(case);
    settings
}

/// The file's report, with its text report drawn when one is asked for.
fn drawn(report: FileReport, source: Source<'_>, style: Option<Style>) -> std::io::Result<Checked> {
    let text = match style {
        Some(style) => {
            let mut out = Vec::new();
            report::write_text(&mut out, &report, source, style)?;
            Some(out)
        }
        None => None,
    };
    Ok(Checked { report, text })
}
