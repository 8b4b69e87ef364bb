//! The letters sent for a case: `poa submit` keeps the case as it was
//! sent, and its letter, in a folder beside it that can be committed to
//! git (`late.poa.yaml` → `late.submitted/2026-11-20.poa.yaml` and
//! `2026-11-20.md`; a second letter the same day is `2026-11-20-2`). What
//! the later letters say is new, `poa diff`, C019 and the editor's Review
//! read the versions from here.

use std::path::{Path, PathBuf};

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

/// The last letter sent, if any.
pub fn last(case_file: &Path) -> anyhow::Result<Option<Sent>> {
    match list(case_file).pop() {
        Some((on, _, file)) => read(on, &file).map(Some),
        None => Ok(None),
    }
}

/// The letter a rejection of `rejected_on` answered: the last one sent on
/// or before that day.
pub fn answered_by(case_file: &Path, rejected_on: Date) -> anyhow::Result<Option<Sent>> {
    match list(case_file)
        .into_iter()
        .rfind(|(on, _, _)| *on <= rejected_on)
    {
        Some((on, _, file)) => read(on, &file).map(Some),
        None => Ok(None),
    }
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

/// What a later letter needs to know of the earlier ones: how many were
/// sent, the last one, and the rejection that answered it.
#[derive(Debug, Clone)]
pub struct Before {
    /// Letters sent before this one.
    pub sent: usize,
    pub last: Sent,
    /// The rejection dated on or after the last letter, if it was turned down.
    pub rejected_on: Option<Date>,
}

/// The history a letter for `case` follows: when the last letter sent was
/// turned down (a rejection dated on or after it), the next one is a new
/// letter. Before that, exporting again is the same letter.
pub fn before(case_file: &Path, case: &Case) -> anyhow::Result<Option<Before>> {
    let sent = list(case_file).len();
    Ok(last(case_file)?.and_then(|last| follows(sent, last, case)))
}

/// [`before`] from what was read: `sent` letters, the last one `last`.
pub fn follows(sent: usize, last: Sent, case: &Case) -> Option<Before> {
    let rejected_on = case
        .rejections
        .iter()
        .map(|r| r.on)
        .filter(|d| *d >= last.on)
        .max()?;
    Some(Before {
        sent,
        last,
        rejected_on: Some(rejected_on),
    })
}

/// The letter the case's last rejection answered, for C019: its texts
/// that answer the notice. `None` without a rejection or without the
/// letter it answered (or when that letter does not read).
pub fn rejected(case_file: &Path, case: &Case) -> Option<crate::check::Rejected> {
    let last = case.rejections.iter().map(|r| r.on).max()?;
    let sent = answered_by(case_file, last).ok()??;
    let texts = sent
        .case
        .text_fields()
        .into_iter()
        .filter(|f| f.path.in_letter() && crate::check::rules::answers_the_notice(f.path.section))
        .map(|f| f.text.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    Some(crate::check::Rejected {
        sent_on: Some(sent.on),
        rejected_on: Some(last),
        texts,
    })
}
