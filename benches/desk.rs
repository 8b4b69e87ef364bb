//! `poa report` at a consultant's scale: 1,000 case files in a folder,
//! made here from the shipped examples (each with its own store name and
//! notice date), checked and made into the report's rows. Budget (issue
//! 14): under 0.5 s on two cores. Measured on two workers and on one.

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};

const CASES: usize = 1000;

fn folder() -> (tempfile::TempDir, Vec<PathBuf>) {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut sources: Vec<String> = std::fs::read_dir(&examples)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".poa.yaml"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    sources.sort();
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::with_capacity(CASES);
    for i in 0..CASES {
        let source = &sources[i % sources.len()];
        let text: String = source
            .lines()
            .map(|l| {
                if l.starts_with("  store_name:") {
                    format!("  store_name: Client Store {i}\n")
                } else if l.starts_with("  received:") {
                    format!("  received: 2026-11-{:02}\n", 1 + i % 28)
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        let path = dir.path().join(format!("client-{i:04}.poa.yaml"));
        std::fs::write(&path, text).unwrap();
        files.push(path);
    }
    (dir, files)
}

fn report(c: &mut Criterion) {
    let (_dir, files) = folder();
    let today = "2026-11-22".parse().unwrap();
    // The dictionary and the rules are loaded once, as in one run.
    assert_eq!(poa::cli::report_rows(&files[..7], today, 1).len(), 7);
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    for workers in [2, 1] {
        group.bench_function(format!("{CASES} cases, {workers} workers"), |b| {
            b.iter(|| {
                let rows = poa::cli::report_rows(&files, today, workers);
                assert_eq!(rows.len(), CASES);
                rows
            })
        });
    }
    group.finish();
}

criterion_group!(benches, report);
criterion_main!(benches);
