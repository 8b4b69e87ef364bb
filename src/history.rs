//! The letters sent for a case: `poa submit` keeps the case as it was
//! sent, and its letter, in a folder beside it that can be committed to
//! git (`late.poa.yaml` → `late.submitted/2026-11-20.poa.yaml` and
//! `2026-11-20.md`; a second letter the same day is `2026-11-20-2`). What
//! the later letters say is new, `poa diff`, C019 and the editor's Review
//! read the versions from here.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::case::{self, Case, Date};

/// A letter sent: the case as it was, the day, and its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Sent {
    pub on: Date,
    pub file: PathBuf,
    pub case: Case,
}

/// The folder of the letters sent for `case_file`.
pub fn folder(case_file: &Path) -> PathBuf {
    let name = case_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "appeal".into());
    case_file.with_file_name(format!("{}.submitted", crate::document::case_stem(&name)))
}

/// The versions in the folder, oldest first, by their names: the date,
/// then the number of a second one that day.
pub fn list(case_file: &Path) -> Vec<(Date, u32, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(folder(case_file)) else {
        return Vec::new();
    };
    let mut out: Vec<(Date, u32, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = name.strip_suffix(".poa.yaml")?;
            let (day, n) = match stem.get(10..) {
                Some("") => (stem, 1),
                Some(rest) => (&stem[..10], rest.strip_prefix('-')?.parse().ok()?),
                None => return None,
            };
            Some((day.parse().ok()?, n, e.path()))
        })
        .collect();
    out.sort();
    out
}

/// Reads one version. A version that does not read (edited by hand since)
/// is named with its place, as any case file.
pub fn read(on: Date, file: &Path) -> anyhow::Result<Sent> {
    let text = case::read_file(
        file,
        "A submitted version should hold the case as it was sent",
    )?;
    let case = case::from_yaml(&text, &case::shown(file))?;
    Ok(Sent {
        on,
        file: file.to_path_buf(),
        case,
    })
}

/// Keeps `source` (the case file's text, its comments and layout as they
/// are) and `letter` (its Markdown) as the version sent on `on`; returns
/// the case copy's path. Never writes over an earlier version.
pub fn record(case_file: &Path, source: &str, letter: &str, on: Date) -> anyhow::Result<PathBuf> {
    let dir = folder(case_file);
    std::fs::create_dir_all(&dir).map_err(|e| {
        anyhow::anyhow!(
            "{}: the folder for the letters sent could not be made ({e}). Check that you may write beside the case",
            case::shown(&dir)
        )
    })?;
    let taken = list(case_file)
        .iter()
        .filter(|(d, _, _)| *d == on)
        .map(|(_, n, _)| *n)
        .max();
    let stem = match taken {
        None => on.to_string(),
        Some(n) => format!("{on}-{}", n + 1),
    };
    let copy = dir.join(format!("{stem}.poa.yaml"));
    case::write_atomic(&dir.join(format!("{stem}.md")), letter.as_bytes())?;
    case::write_atomic(&copy, source.as_bytes())?;
    Ok(copy)
}

/// Keeps the letter of `case` as sent on `on`: its Markdown, made as an
/// export makes it (saying what is new when it follows a rejection), and
/// `source`, the case file's text. Returns the case copy's path. A letter
/// that cannot be made is a [`crate::compose::ComposeError`] inside the
/// error, for the caller to place at its field.
pub fn submit(
    case_file: &Path,
    source: &str,
    case: &Case,
    history: &History,
    on: Date,
) -> anyhow::Result<PathBuf> {
    let templates = crate::compose::Templates::embedded();
    let doc = crate::document::export(
        case,
        &crate::document::Export {
            format: crate::document::Format::Md,
            paper: None,
            date: case.dated.unwrap_or(on),
            templates: &templates,
            draft: false,
            pdfa: false,
            lang: crate::playbook::Lang::En,
            before: history.before(case),
        },
    )?;
    record(case_file, source, &String::from_utf8_lossy(&doc.bytes), on)
}

/// The letters sent for a case, read once: how many, the last, and the
/// texts of the one the case's last rejection answered (for C019).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub count: usize,
    /// The day of the last letter sent, read from its name.
    pub last_on: Option<Date>,
    /// The last letter sent, when it reads.
    pub last: Option<Sent>,
    pub rejected: Option<Arc<crate::check::Rejected>>,
}

/// What a letter after a rejection follows: how many letters were sent,
/// the last one, and the day Amazon turned it down.
#[derive(Debug, Clone, Copy)]
pub struct Before<'h> {
    pub sent: usize,
    pub last: &'h Sent,
    pub rejected_on: Date,
}

impl History {
    /// The history of `case_file`. The last letter not reading (edited by
    /// hand since) is an error, named with its place as any case file.
    pub fn read(case_file: &Path, case: &Case) -> anyhow::Result<History> {
        let versions = list(case_file);
        let last = match versions.last() {
            Some((on, _, file)) => Some(read(*on, file)?),
            None => None,
        };
        Ok(History::of(&versions, last, case))
    }

    /// [`History::read`] for a report or a check: a letter that does not
    /// read is left out, and the letters are still counted.
    pub fn read_lenient(case_file: &Path, case: &Case) -> History {
        let versions = list(case_file);
        let last = versions
            .last()
            .and_then(|(on, _, file)| read(*on, file).ok());
        History::of(&versions, last, case)
    }

    fn of(versions: &[(Date, u32, PathBuf)], last: Option<Sent>, case: &Case) -> History {
        // The letter the last rejection answered: the last sent on or
        // before that day, most often the last of all.
        let rejected = case.rejections.iter().map(|r| r.on).max().and_then(|on| {
            let (sent_on, _, file) = versions.iter().rfind(|(d, _, _)| *d <= on)?;
            let texts = match &last {
                Some(l) if l.file == *file => crate::check::Rejected::texts_of(&l.case),
                _ => crate::check::Rejected::texts_of(&read(*sent_on, file).ok()?.case),
            };
            Some(Arc::new(crate::check::Rejected {
                sent_on: Some(*sent_on),
                rejected_on: Some(on),
                texts,
            }))
        });
        History {
            count: versions.len(),
            last_on: versions.last().map(|(d, _, _)| *d),
            last,
            rejected,
        }
    }

    /// When Amazon turned the last letter down: the last rejection dated
    /// on or after it.
    pub fn turned_down(&self, case: &Case) -> Option<Date> {
        let last = self.last_on?;
        case.rejections
            .iter()
            .map(|r| r.on)
            .filter(|d| *d >= last)
            .max()
    }

    /// What a letter for `case` follows: when the last letter sent was
    /// turned down, the next one is a new letter. Before that, exporting
    /// again is the same letter.
    pub fn before(&self, case: &Case) -> Option<Before<'_>> {
        Some(Before {
            sent: self.count,
            last: self.last.as_ref()?,
            rejected_on: self.turned_down(case)?,
        })
    }
}
