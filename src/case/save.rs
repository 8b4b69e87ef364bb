//! Writing a case file: YAML in the key order of DESIGN.md §2, multi-line
//! text as `|` blocks, saved through a temporary file in the same folder and
//! a rename, so a crash or a full disk leaves the old file whole.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Case;

const HEADER: &str =
    "# poa case file. Edit it with `poa edit FILE` or by hand; `poa check FILE` reviews it.\n";

/// Why a file could not be written. The file that was there is unchanged.
#[derive(Debug, thiserror::Error)]
#[error(
    "{path}: could not be saved ({source}). The file on disk is unchanged; free some disk space or check the folder's permissions, then save again"
)]
pub struct SaveError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
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
    let mut block_indent: Option<usize> = None;
    for line in yaml.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        let indent = content.len() - content.trim_start().len();
        if let Some(bi) = block_indent {
            if content.trim().is_empty() || indent > bi {
                out.push_str(line);
                continue;
            }
            block_indent = None;
        }
        if opens_block(content) {
            block_indent = Some(indent);
        }
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
    write_atomic(path, to_yaml(case).as_bytes())
}

/// Writes `bytes` to `path` through a temporary file and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let fail = |source| SaveError {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "case".to_string());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)?;
        if let Ok(meta) = std::fs::metadata(path) {
            file.set_permissions(meta.permissions())?;
        }
        file.write_all(bytes)?;
        file.flush()?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{CorrectiveAction, RootCause, from_yaml};

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
    fn failed_write_keeps_the_old_file() {
        let p = std::path::Path::new("/nonexistent-dir-poa/x.poa.yaml");
        let e = write_atomic(p, b"x").unwrap_err();
        assert!(e.to_string().contains("The file on disk is unchanged"));
    }
}
