//! The letters of a case over time: `poa submit CASE` keeps the letter as
//! it is sent; `poa rejected CASE` records Amazon's reply that turned it
//! down; `poa diff CASE` says, field by field, what changed since the
//! last letter sent.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::anyhow;

use super::{load_case, parse_date_arg, today};
use crate::case::{self, Date, Rejection};
use crate::diff::{self, Kind};
use crate::history::{self, History};

#[derive(Debug, clap::Args)]
pub struct SubmitArgs {
    /// The case file (*.poa.yaml)
    pub file: PathBuf,
    /// The day it is sent (default: today)
    #[arg(long, value_parser = parse_date_arg, value_name = "YYYY-MM-DD")]
    pub date: Option<Date>,
}

#[derive(Debug, clap::Args)]
pub struct RejectedArgs {
    /// The case file (*.poa.yaml)
    pub file: PathBuf,
    /// The day Amazon's reply came (default: today)
    #[arg(long, value_parser = parse_date_arg, value_name = "YYYY-MM-DD")]
    pub date: Option<Date>,
    /// A file with the reply's text as Amazon wrote it (`-` to paste it)
    #[arg(long, value_name = "FILE")]
    pub reply: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The case file (*.poa.yaml)
    pub file: PathBuf,
    /// The output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// The language: en or zh (default: the locale's)
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
}

pub fn submit(args: SubmitArgs) -> anyhow::Result<ExitCode> {
    let loaded = load_case(&args.file)?;
    let history = History::read(&args.file, &loaded.case)?;
    record_sent(&loaded, &history, args.date.unwrap_or_else(today))?;
    Ok(ExitCode::SUCCESS)
}

/// Keeps the case and its letter as sent on `on`, and says where and what
/// comes next. `poa submit` and `poa render --submit`.
pub(super) fn record_sent(
    loaded: &super::Loaded,
    history: &History,
    on: Date,
) -> anyhow::Result<()> {
    let file = &loaded.path;
    // The case as it is on disk, its comments and layout kept.
    let copy =
        history::submit(file, &loaded.source, &loaded.case, history, on).map_err(|e| {
            match e.downcast::<crate::compose::ComposeError>() {
                Ok(e) => super::render::explain(loaded, e),
                Err(e) => e,
            }
        })?;
    note!(
        "Recorded letter {} of {}, sent on {}: {} (and its letter, .md). If Amazon turns it down, record the reply with `poa rejected {}`; the next letter then says what is new.",
        history.count + 1,
        case::shown(file),
        on.long(),
        case::shown(&copy),
        case::shown(file),
    );
    Ok(())
}

pub fn rejected(args: RejectedArgs) -> anyhow::Result<ExitCode> {
    let mut loaded = load_case(&args.file)?;
    let on = args.date.unwrap_or_else(today);
    let hint = "Paste Amazon's reply";
    let reply = match &args.reply {
        None => String::new(),
        Some(p) if p.as_os_str() == "-" => {
            if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
                note!(
                    "Paste Amazon's reply, then press Enter and Ctrl+D (on Windows, Ctrl+Z then Enter):"
                );
            }
            case::read_stdin("the pasted reply", hint)?
        }
        Some(p) => case::read_file(p, hint)?,
    };
    let reply = case::clean_text(&reply).trim().to_string();
    if history::list(&args.file).is_empty() {
        note!(
            "note: no letter of {} was recorded as sent (poa submit), so the next letter cannot say what changed since",
            case::shown(&args.file)
        );
    }
    loaded.case.rejections.push(Rejection { on, reply });
    loaded.case.rejections.sort_by_key(|r| r.on);
    case::save_atomic(&args.file, &loaded.case)?;
    note!(
        "Recorded Amazon's reply of {} in {}. The next letter says what is new since the one it turned down; `poa diff {}` shows what changed.",
        on.long(),
        case::shown(&args.file),
        case::shown(&args.file),
    );
    Ok(ExitCode::SUCCESS)
}

pub fn diff(args: DiffArgs) -> anyhow::Result<ExitCode> {
    let lang = super::lang_arg(args.lang.as_deref())?;
    let zh = lang == crate::playbook::Lang::Zh;
    let loaded = load_case(&args.file)?;
    let Some(last) = History::read(&args.file, &loaded.case)?.last else {
        return Err(anyhow!(
            "{}: no letter was recorded as sent for this case, so there is nothing to compare with. Record one with `poa submit {}` when you send it",
            case::shown(&args.file),
            case::shown(&args.file)
        ));
    };
    let changes = diff::diff(&last.case, &loaded.case, lang);
    let mut out = String::new();
    match args.format {
        DiffFormat::Json => {
            let json = serde_json::json!({
                "file": case::shown(&args.file),
                "since": last.on.to_string(),
                "version": case::shown(&last.file),
                "changes": changes,
            });
            out = serde_json::to_string_pretty(&json)? + "\n";
        }
        DiffFormat::Text => {
            let head = if zh {
                format!(
                    "{}：与 {} 提交的版本（{}）相比",
                    case::shown(&args.file),
                    last.on,
                    case::shown(&last.file)
                )
            } else {
                format!(
                    "{}: changes since the letter sent on {} ({})",
                    case::shown(&args.file),
                    last.on.long(),
                    case::shown(&last.file)
                )
            };
            out.push_str(&head);
            out.push_str("\n\n");
            if changes.is_empty() {
                out.push_str(if zh {
                    "没有任何改动：这就是上次提交的内容。\n"
                } else {
                    "Nothing has changed: this is the letter that was sent.\n"
                });
            }
            for c in &changes {
                let what = match (c.kind, zh) {
                    (Kind::Added, false) => "new",
                    (Kind::Removed, false) => "removed",
                    (Kind::Changed, false) => "changed",
                    (Kind::Added, true) => "新增",
                    (Kind::Removed, true) => "已删除",
                    (Kind::Changed, true) => "已修改",
                };
                out.push_str(&format!("{}: {what}\n", c.place));
                let (was, now) = if zh {
                    ("原文", "现在")
                } else {
                    ("was", "now")
                };
                if let Some(old) = &c.old {
                    out.push_str(&indented(was, old));
                }
                if let Some(new) = &c.new {
                    out.push_str(&indented(now, new));
                }
                out.push('\n');
            }
        }
    }
    super::emit(&case::visible(&out))?;
    Ok(ExitCode::SUCCESS)
}

/// "  was: first line" and the text's other lines under it.
fn indented(label: &str, text: &str) -> String {
    let mut s = String::new();
    for (i, line) in text.lines().enumerate() {
        if i == 0 {
            s.push_str(&format!("  {label}: {line}\n"));
        } else {
            s.push_str(&format!(
                "  {}  {line}\n",
                " ".repeat(label.chars().count())
            ));
        }
    }
    s
}
