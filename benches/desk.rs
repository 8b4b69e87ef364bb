//! `poa report` at a consultant's scale: 1,000 case files in a folder,
//! made here from the shipped examples (each with its own store name and
//! notice date), checked and made into the report's rows. Budget (issue
//! 14): under 0.5 s on two cores. Measured on two workers and on one.
//! And `poa diff` on a long case: 40 root causes, 120 actions and 80
//! measures against the version sent, a quarter of them changed.

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

fn long_diff(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/order-defect.poa.yaml");
    let base = poa::case::from_yaml(&std::fs::read_to_string(path).unwrap(), "x").unwrap();
    let mut old = base.clone();
    old.root_causes = (0..40)
        .map(|i| {
            let mut r = base.root_causes[i % base.root_causes.len()].clone();
            r.id = format!("R{}", i + 1);
            r.why = format!("{} (case {i})", r.why);
            r
        })
        .collect();
    old.corrective_actions = (0..120)
        .map(|i| {
            let mut a = base.corrective_actions[i % base.corrective_actions.len()].clone();
            a.action = format!("Step {i}: {}", a.action);
            a
        })
        .collect();
    old.preventive_measures = (0..80)
        .map(|i| {
            let mut m = base.preventive_measures[i % base.preventive_measures.len()].clone();
            m.measure = format!("Check {i}: {}", m.measure);
            m
        })
        .collect();
    let mut new = old.clone();
    for (i, r) in new
        .root_causes
        .iter_mut()
        .enumerate()
        .filter(|(i, _)| i % 4 == 0)
    {
        r.how = format!("Found on day {i} by reading every order.");
    }
    for a in new.corrective_actions.iter_mut().step_by(4) {
        a.owner = "Operations lead".into();
    }
    new.preventive_measures
        .retain(|m| !m.measure.starts_with("Check 7"));
    new.corrective_actions.swap(3, 90);
    let changes = poa::diff::diff(&old, &new, poa::playbook::Lang::En);
    assert!(changes.len() > 40, "{}", changes.len());
    c.bench_function("diff/long case", |b| {
        b.iter(|| poa::diff::diff(&old, &new, poa::playbook::Lang::En))
    });
}

criterion_group!(benches, report, long_diff);
criterion_main!(benches);
