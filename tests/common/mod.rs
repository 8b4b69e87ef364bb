//! The shipped examples, as the tests and benchmarks read them.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use poa::case::{self, Case, Date};

/// The date the tests check against, so that date rules give the same
/// answers on any day.
pub fn today() -> Date {
    "2026-11-22".parse().unwrap()
}

/// Every example case file, sorted.
pub fn example_paths() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".poa.yaml"))
            .collect();
    v.sort();
    v
}

/// The file names of the examples, sorted.
pub fn example_names() -> Vec<String> {
    example_paths()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

/// One example, loaded.
pub fn example(name: &str) -> Case {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    case::from_yaml(&std::fs::read_to_string(&p).unwrap(), name).unwrap()
}

/// The case with every list `n` times as long.
pub fn repeated(case: &Case, n: usize) -> Case {
    let mut big = case.clone();
    for _ in 1..n {
        big.root_causes.extend(case.root_causes.iter().cloned());
        big.corrective_actions
            .extend(case.corrective_actions.iter().cloned());
        big.preventive_measures
            .extend(case.preventive_measures.iter().cloned());
        big.evidence.extend(case.evidence.iter().cloned());
    }
    big
}

/// Runs poa in `dir` in the C locale, so its messages are in English.
pub fn poa(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_poa"))
        .args(args)
        .current_dir(dir)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap()
}
