//! Writing a case file: YAML in the key order of DESIGN.md §2, multi-line
//! text as `|` blocks, saved through a temporary file in the same folder and
//! a rename, so a crash or a full disk leaves the old file whole. A save
//! over a file keeps the writer's layout and comments where the values did
//! not change (`keep.rs`; this extends DESIGN.md §2, which said a save
//! writes poa's own layout).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Case;

const HEADER: &str =
    "# poa case file. Edit it with `poa edit FILE` or by hand; `poa check FILE` reviews it.\n";

/// Why a file could not be written. The file that was there is unchanged.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.explain())]
pub struct SaveError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

impl SaveError {
    /// What went wrong and what to do: a folder that does not exist is
    /// named as such (not as a full disk).
    fn explain(&self) -> String {
        use std::io::ErrorKind as K;
        let path = self.path.display();
        // An output that was never there is not "unchanged".
        let kept = if self.path.symlink_metadata().is_ok() {
            "The file on disk is unchanged"
        } else {
            "Nothing was written"
        };
        let parent = self.path.parent().filter(|p| !p.as_os_str().is_empty());
        if let Some(dir) = parent
            && self.source.kind() == K::NotFound
            && !dir.is_dir()
        {
            return format!(
                "{path}: could not be saved: the folder {} does not exist. {kept}; create the folder, or choose another place to write to",
                dir.display()
            );
        }
        let todo = match self.source.kind() {
            K::StorageFull | K::QuotaExceeded => "free some disk space, then save again",
            K::PermissionDenied | K::ReadOnlyFilesystem => {
                "check the folder's permissions, or choose another place to write to"
            }
            K::InvalidInput => "choose another name to write to",
            _ => "free some disk space or check the folder's permissions, then save again",
        };
        format!(
            "{path}: could not be saved ({}). {kept}; {todo}",
            self.source
        )
    }
}

/// The YAML text of a case, as `poa` writes it.
pub fn to_yaml(case: &Case) -> String {
    // A case built in code (an import, a new case) may not have its ids yet;
    // what is written always has them, at the current version.
    let migrated;
    let case = if case.version != super::VERSION || case.root_causes.iter().any(|r| r.id.is_empty())
    {
        migrated = {
            let mut c = case.clone();
            c.migrate();
            c
        };
        &migrated
    } else {
        case
    };
    let body = serde_yaml::to_string(case).expect("a case always serializes");
    let mut out = String::with_capacity(body.len() + HEADER.len());
    out.push_str(HEADER);
    out.push_str(&blank_nulls(&body));
    out
}

/// `done_on: null` reads as `done_on:` to a person; both load as "not set".
/// Lines inside `|` blocks are the writer's text and are left alone.
fn blank_nulls(yaml: &str) -> String {
    let mut out = String::with_capacity(yaml.len());
    for (line, in_block) in block_lines(yaml.split_inclusive('\n')) {
        if in_block {
            out.push_str(line);
            continue;
        }
        let content = line.trim_end_matches('\n');
        match content.strip_suffix(": null") {
            Some(head) => {
                out.push_str(head);
                out.push(':');
                out.push('\n');
            }
            None => out.push_str(line),
        }
    }
    out
}

/// Each line of a YAML text with whether it is inside a `|` or `>` block:
/// the writer's text there is never a key, a comment or YAML syntax.
pub(super) fn block_lines<'a>(
    lines: impl Iterator<Item = &'a str>,
) -> impl Iterator<Item = (&'a str, bool)> {
    lines.scan(None, |block_indent: &mut Option<usize>, line| {
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start().len();
        if let Some(b) = *block_indent {
            if content.trim().is_empty() || indent > b {
                return Some((line, true));
            }
            *block_indent = None;
        }
        if opens_block(content) {
            *block_indent = Some(indent);
        }
        Some((line, false))
    })
}

fn opens_block(line: &str) -> bool {
    let Some(i) = line.rfind(['|', '>']) else {
        return false;
    };
    let (before, indicator) = line.split_at(i);
    (before.ends_with(": ") || before.ends_with("- ") || before.trim().is_empty())
        && indicator[1..]
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '+')
}

/// Saves a case atomically.
pub fn save_atomic(path: &Path, case: &Case) -> Result<(), SaveError> {
    let old = super::read_file(path, "").ok();
    write_atomic(path, text_to_save(path, old.as_deref(), case).as_bytes())
}

/// The text to write for `case` over the file at `path` whose text was
/// `old` (as `read_file` gave it): the writer's layout and comments kept,
/// and the file's line breaks (CRLF stays CRLF) and byte-order mark.
pub fn text_to_save(path: &Path, old: Option<&str>, case: &Case) -> String {
    match old {
        Some(old) => {
            let (form, body) = super::TextForm::of_file(path, old);
            form.write(&super::keep::keep_layout(&body, case))
        }
        None => to_yaml(case),
    }
}

/// `new` (a case as `to_yaml` writes it) with the comment lines the writer
/// put in `old`, each block of them before the key, item or section it
/// stood before (or the nearest one still there), at that line's indent.
/// Lines inside a `|` block are the writer's text, never comments; the
/// layout is `to_yaml`'s.
pub fn keep_comments(old: &str, new: &str) -> String {
    use super::FieldPath;
    #[allow(clippy::type_complexity)]
    let anchor_lines = |text: &str| -> Vec<(usize, FieldPath)> {
        let spans = super::Spans::new(text);
        let mut v: Vec<(usize, FieldPath)> = spans
            .iter()
            .map(|(p, pos)| (if pos.block { pos.line - 1 } else { pos.line }, *p))
            .collect();
        // The least specific path of a line first: a comment above
        // "- summary: x" stands before the item, not its summary.
        v.sort_by_key(|(line, p)| (*line, p.index.is_some(), !p.key.is_empty(), p.sub.is_some()));
        v
    };
    let old_anchors = anchor_lines(old);
    // Where a block of comments goes: before a path, before a line that
    // opens with the same key (`version:`), or at the end.
    enum Anchor {
        Path(FieldPath),
        Key(String),
        End,
    }
    let mut blocks: Vec<(Anchor, Vec<String>)> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    for (i, (line, in_block)) in block_lines(old.lines()).enumerate() {
        let body = line.trim();
        if in_block {
            continue;
        }
        if body.starts_with('#') {
            if line != HEADER.trim_end() {
                pending.push(body.to_string());
            }
            continue;
        }
        if body.is_empty() {
            continue;
        }
        if !pending.is_empty() {
            let anchor = match old_anchors.iter().find(|(l, _)| *l == i + 1) {
                Some((_, p)) => Anchor::Path(*p),
                None => {
                    Anchor::Key(line[..line.find(':').map_or(line.len(), |c| c + 1)].to_string())
                }
            };
            blocks.push((anchor, std::mem::take(&mut pending)));
        }
    }
    if !pending.is_empty() {
        blocks.push((Anchor::End, pending));
    }
    if blocks.is_empty() {
        return new.to_string();
    }
    let new_spans = super::Spans::new(new);
    let lines: Vec<&str> = new.lines().collect();
    let mut before: std::collections::BTreeMap<usize, Vec<String>> = Default::default();
    let mut at_end = Vec::new();
    let first_key = lines
        .iter()
        .position(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map_or(1, |i| i + 1);
    for (anchor, comments) in blocks {
        let line = match &anchor {
            Anchor::Path(p) => new_spans
                .nearest(p)
                .map(|(_, pos)| if pos.block { pos.line - 1 } else { pos.line }),
            Anchor::Key(key) => lines
                .iter()
                .position(|l| l.starts_with(key.as_str()))
                .map(|i| i + 1),
            Anchor::End => None,
        };
        match (line, anchor) {
            (Some(l), _) => before.entry(l).or_default().extend(comments),
            (None, Anchor::End) => at_end.extend(comments),
            (None, _) => before.entry(first_key).or_default().extend(comments),
        }
    }
    let mut out = String::with_capacity(new.len() + 256);
    for (i, line) in lines.iter().enumerate() {
        if let Some(comments) = before.get(&(i + 1)) {
            let pad = " ".repeat(line.len() - line.trim_start().len());
            for c in comments {
                out.push_str(&pad);
                out.push_str(c);
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    for c in at_end {
        out.push_str(&c);
        out.push('\n');
    }
    out
}

/// Writes `bytes` to `path` through a temporary file and a rename, so a
/// crash or a full disk leaves the old file whole. A symbolic link is
/// written through (the file it points to is replaced, the link stays), the
/// file keeps its mode and, where this user may, its owner, and anything
/// that is not a plain file (a device, a pipe, a folder) is refused rather
/// than replaced.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let fail = |source| SaveError {
        path: path.to_path_buf(),
        source,
    };
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    };
    let existing = std::fs::metadata(&target).ok();
    if let Some(m) = &existing
        && !m.is_file()
    {
        return Err(fail(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "it is not a plain file (a device, a pipe or a folder), and poa writes only files",
        )));
    }
    // A file this user may not write (made read-only, or another user's in
    // a shared folder) is not replaced behind its owner's back.
    if existing.is_some()
        && let Err(e) = std::fs::OpenOptions::new().write(true).open(&target)
        && e.kind() == std::io::ErrorKind::PermissionDenied
    {
        return Err(fail(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "the file is read-only for you (its permissions or its owner say so), so it is not replaced",
        )));
    }
    // A file with other hard links is written in place, so that every name
    // of it keeps the new text (a rename would give this name a new file).
    #[cfg(unix)]
    if let Some(m) = &existing
        && std::os::unix::fs::MetadataExt::nlink(m) > 1
    {
        let write = || -> std::io::Result<()> {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .truncate(true)
                .open(&target)?;
            f.write_all(bytes)?;
            f.sync_all()
        };
        return write().map_err(fail);
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "case".to_string());
    let result = (|| {
        // A new file with a name nobody can guess, created by this call only.
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        // A new file gets the mode any new file gets here (0666 less the
        // umask), as before; an existing one keeps its own, below.
        #[cfg(unix)]
        if existing.is_none() {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let mut tmp = builder.tempfile_in(&dir).map_err(without_path)?;
        if let Some(meta) = &existing {
            tmp.as_file().set_permissions(meta.permissions())?;
            keep_owner(tmp.path(), meta);
        }
        tmp.write_all(bytes)?;
        tmp.flush()?;
        tmp.as_file().sync_all()?;
        tmp.persist(&target).map_err(|e| e.error)?;
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        remove_stale_temporaries(&dir, &prefix);
        Ok(())
    })();
    result.map_err(fail)
}

/// The system's reason alone: `tempfile` adds the temporary file's path,
/// a name the writer never chose and that is gone.
fn without_path(e: std::io::Error) -> std::io::Error {
    // Its message is "REASON at path \"…\"", and the reason is not
    // reachable otherwise.
    let text = e.to_string();
    match text.rfind(" at path \"") {
        Some(i) if e.get_ref().is_some() => std::io::Error::new(e.kind(), &text[..i]),
        _ => e,
    }
}

/// Deletes the temporary files an earlier save of this file left when it
/// was killed mid-write (`.NAME.XXXXXX.tmp`, an hour old or more: a save
/// going on now in another window is seconds old).
fn remove_stale_temporaries(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let hour = std::time::Duration::from_secs(3600);
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(middle) = name
            .to_str()
            .and_then(|n| n.strip_prefix(prefix))
            .and_then(|n| n.strip_suffix(".tmp"))
        else {
            continue;
        };
        if middle.is_empty()
            || middle.len() > 12
            || !middle.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            continue;
        }
        let old = entry
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= hour);
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Gives the new file the old one's owner and group, when this user may
/// (root may; others keep their own, which is what they had).
#[cfg(unix)]
fn keep_owner(path: &Path, meta: &std::fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let _ = std::os::unix::fs::chown(path, Some(meta.uid()), Some(meta.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_: &Path, _: &std::fs::Metadata) {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{CorrectiveAction, RootCause, from_yaml};

    #[test]
    fn a_hard_link_keeps_the_new_text_under_both_names() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.poa.yaml");
        let b = dir.path().join("b.poa.yaml");
        std::fs::write(&a, "one").unwrap();
        std::fs::hard_link(&a, &b).unwrap();
        write_atomic(&a, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "two");
    }

    #[test]
    #[cfg(unix)]
    fn a_read_only_file_is_not_replaced() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.poa.yaml");
        std::fs::write(&a, "one").unwrap();
        std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o444)).unwrap();
        // Root may write any file: the refusal is for everyone else.
        let root = std::fs::OpenOptions::new().write(true).open(&a).is_ok();
        let result = write_atomic(&a, b"two");
        if root {
            assert!(result.is_ok());
        } else {
            assert!(result.is_err());
            assert_eq!(std::fs::read_to_string(&a).unwrap(), "one");
        }
    }

    #[test]
    fn the_writers_comments_survive_a_save() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/late-shipment.poa.yaml");
        let source = std::fs::read_to_string(&path).unwrap();
        let case = crate::case::from_yaml(&source, "x").unwrap();
        let canonical = to_yaml(&case);
        // Comments at the top, before a section, before an item, and a
        // line inside a block that only looks like one.
        let mut old = format!("# PIN 4471\n{canonical}");
        old = old.replacen("root_causes:", "# checked with the client\nroot_causes:", 1);
        old = old.replacen(
            "- id: R2",
            "  # the second cause came from the carrier\n- id: R2",
            1,
        );
        let mut edited = case.clone();
        edited.seller.store_name.push_str(" Shop");
        edited.root_causes[0].how = "Line one.\n# not a comment\nLine three.".into();
        let new = keep_comments(&old, &to_yaml(&edited));
        for c in [
            "# PIN 4471",
            "# checked with the client",
            "# the second cause came from the carrier",
        ] {
            assert_eq!(new.matches(c).count(), 1, "{c} kept once:\n{new}");
        }
        let pin = new.find("# PIN 4471").unwrap();
        assert!(pin < new.find("version:").unwrap(), "{new}");
        let checked = new.find("# checked with the client").unwrap();
        assert!(checked < new.find("root_causes:").unwrap(), "{new}");
        let second = new.find("# the second cause").unwrap();
        assert!(
            second < new.find("- id: R2").unwrap() && second > new.find("- id: R1").unwrap(),
            "{new}"
        );
        // The case is the edited one, comments or not.
        assert_eq!(crate::case::from_yaml(&new, "x").unwrap(), edited);
        // Saved again, the block's own "# not a comment" is not taken for one.
        let again = keep_comments(&new, &to_yaml(&edited));
        assert_eq!(again, new);
    }

    #[test]
    fn writes_block_scalars_and_blank_dates() {
        let mut case = Case::new();
        case.seller.store_name = "Acme: Home".into();
        case.root_causes.push(RootCause {
            what: "line one\nline two: null".into(),
            ..RootCause::default()
        });
        case.corrective_actions.push(CorrectiveAction::default());
        let yaml = to_yaml(&case);
        assert!(
            yaml.contains("  what: |-\n    line one\n    line two: null\n"),
            "{yaml}"
        );
        assert!(yaml.contains("  done_on:\n"), "{yaml}");
        assert!(!yaml.contains("done_on: null"), "{yaml}");
        // The root cause is written with the id it gets on saving.
        assert!(yaml.contains("- id: R1\n"), "{yaml}");
        case.root_causes[0].id = "R1".into();
        assert_eq!(from_yaml(&yaml, "t").unwrap(), case);
    }

    #[test]
    fn keeps_the_design_key_order() {
        let yaml = to_yaml(&Case::new());
        let keys: Vec<&str> = yaml
            .lines()
            .filter(|l| !l.starts_with([' ', '#', '-']))
            .map(|l| l.split(':').next().unwrap())
            .collect();
        assert_eq!(
            keys,
            [
                "version",
                "seller",
                "notice",
                "metrics",
                "root_causes",
                "corrective_actions",
                "preventive_measures",
                "explanation",
                "evidence",
                "closing",
                "dated"
            ]
        );
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = std::env::temp_dir().join(format!("poa-save-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("a.poa.yaml");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "two");
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(left.len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_folder_that_does_not_exist_is_named_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-folder").join("x.pdf");
        let err = write_atomic(&missing, b"%PDF").unwrap_err().to_string();
        assert!(
            err.contains("the folder")
                && err.contains("no-such-folder")
                && err.contains("does not exist"),
            "{err}"
        );
        assert!(!err.contains("disk space"), "{err}");
    }

    #[test]
    fn a_failed_write_says_what_is_on_disk_and_never_the_temporary_name() {
        // A file that was never there is not "unchanged" (attack F27).
        let p = std::path::Path::new("/nonexistent-dir-poa/x.poa.yaml");
        let e = write_atomic(p, b"x").unwrap_err();
        assert!(e.to_string().contains("Nothing was written"), "{e}");
        // The system's reason comes without tempfile's ".x.poa.yaml.Ab12Cd.tmp".
        let cause = std::error::Error::source(&e).unwrap().to_string();
        assert!(
            !cause.contains(".tmp") && !cause.contains("at path"),
            "{cause}"
        );
        // A file that is there and was not replaced is said to be unchanged.
        #[cfg(unix)]
        {
            let e = write_atomic(std::path::Path::new("/dev/null"), b"x").unwrap_err();
            assert!(
                e.to_string().contains("The file on disk is unchanged"),
                "{e}"
            );
        }
    }

    #[test]
    fn a_save_keeps_the_files_line_breaks_and_byte_order_mark() {
        // Attack F31: `--fix` turned a CRLF case file into LF.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.poa.yaml");
        let lf = "version: 2\nseller:\n  legal_name: A\nclosing: Thanks\n";
        let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
        std::fs::write(&p, &crlf).unwrap();
        let text = crate::case::read_file(&p, "").unwrap();
        let mut case = from_yaml(&text, "w").unwrap();
        case.closing = "Thank you".into();
        save_atomic(&p, &case).unwrap();
        let saved = std::fs::read(&p).unwrap();
        assert!(saved.starts_with(&[0xEF, 0xBB, 0xBF]), "the mark is kept");
        let saved = String::from_utf8(saved).unwrap();
        assert!(saved.contains("closing: Thank you\r\n"), "{saved:?}");
        assert!(!saved.replace("\r\n", "").contains('\n'), "{saved:?}");
        // Near miss: an LF file stays LF.
        std::fs::write(&p, lf).unwrap();
        save_atomic(&p, &case).unwrap();
        assert!(!std::fs::read_to_string(&p).unwrap().contains('\r'));
    }

    #[test]
    fn a_save_deletes_what_a_killed_save_of_the_same_file_left() {
        // Attack F31: `.NAME.XXXXXX.tmp` files left by kill -9 stayed for ever.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.poa.yaml");
        let old = dir.path().join(".a.poa.yaml.Xy12Zq.tmp");
        let fresh = dir.path().join(".a.poa.yaml.Qq34Rr.tmp");
        let other = dir.path().join(".b.poa.yaml.Xy12Zq.tmp");
        let mine = dir.path().join(".a.poa.yaml.notes.tmp.txt");
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        for f in [&old, &fresh, &other, &mine] {
            std::fs::write(f, "partial").unwrap();
        }
        for f in [&old, &other, &mine] {
            std::fs::File::options()
                .write(true)
                .open(f)
                .unwrap()
                .set_modified(two_hours_ago)
                .unwrap();
        }
        write_atomic(&p, b"new").unwrap();
        assert!(
            !old.exists(),
            "an hour-old leftover of this file is deleted"
        );
        // Near misses: a save going on now, another file's leftover, and
        // a file of the writer's that only looks alike.
        assert!(fresh.exists() && other.exists() && mine.exists());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn a_save_writes_through_a_link_keeps_the_mode_and_never_replaces_a_device() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.poa.yaml");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.poa.yaml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink(),
            "the link stays"
        );
        assert_eq!(
            std::fs::read_to_string(&real).unwrap(),
            "new",
            "written through the link"
        );
        let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640, "the mode is kept");
        // Nothing but the file itself is left in the folder.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        // A device is refused, not replaced (as root this once replaced /dev/full).
        let e = write_atomic(Path::new("/dev/null"), b"x").unwrap_err();
        assert!(e.to_string().contains("not a plain file"), "{e}");
        assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
        let e = write_atomic(dir.path(), b"x").unwrap_err();
        assert!(e.to_string().contains("not a plain file"), "{e}");
    }
}
