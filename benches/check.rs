//! The checker's budgets (DESIGN.md §7, issue 4):
//! - check of a typical example case: under 300 µs (issue 11); a case ten times larger
//!   about ten times that;
//! - whole-process `poa check` over 1,000 case files: under 2 s on two cores;
//! - whole-process `poa check` of a 1,500-word letter: under 10 ms.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use poa::check::Checker;
use support::{example, ten_times};

mod support;

fn in_process(c: &mut Criterion) {
    let checker = Checker::standard();
    let today = "2026-11-22".parse().unwrap();
    let typical = example("late-shipment.poa.yaml");
    let weak = example("weak-draft.poa.yaml");
    let big = ten_times(&typical);
    let mut g = c.benchmark_group("check");
    g.bench_function("late-shipment (typical)", |b| {
        b.iter(|| checker.check_case(&typical, today))
    });
    g.bench_function("weak-draft (many findings)", |b| {
        b.iter(|| checker.check_case(&weak, today))
    });
    g.bench_function("late-shipment x10", |b| {
        b.iter(|| checker.check_case(&big, today))
    });
    // A long consultant letter written elsewhere: headings, line types and
    // the sentence reading of every line.
    let letter = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/corpus/rb-inauthentic-consultant-long.txt"),
    )
    .unwrap();
    g.bench_function("draft: long consultant letter", |b| {
        b.iter(|| checker.check_draft(&poa::check::Draft::parse(&letter), today))
    });
    g.finish();
}

fn binary() -> PathBuf {
    let exe = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/poa");
    assert!(
        exe.exists(),
        "build the release binary first: cargo build --release"
    );
    exe
}

/// A 1,500-word letter in the shape sellers write.
fn letter_1500() -> String {
    let para = "We confirmed 58 of the 96 late orders one day after the expected ship date because the tracking upload ran after midnight. ";
    let mut s = String::from("# Plan of Action\n\n## Root cause\n\n");
    while s.split_whitespace().count() < 500 {
        s.push_str(para);
    }
    s.push_str("\n\n## Corrective actions\n\n");
    while s.split_whitespace().count() < 1000 {
        s.push_str("- On 19 November 2026 we refunded 14 buyers and confirmed every open order with valid tracking.\n");
    }
    s.push_str("\n## Preventive measures\n\n");
    while s.split_whitespace().count() < 1500 {
        s.push_str(
            "- The shift lead runs the unshipped-orders report at 14:00 each business day.\n",
        );
    }
    s
}

fn whole_process(c: &mut Criterion) {
    let exe = binary();
    let dir = tempfile::tempdir().unwrap();
    let letter = dir.path().join("letter.md");
    std::fs::write(&letter, letter_1500()).unwrap();
    let sources: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".poa.yaml"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
    let mut files = Vec::new();
    for i in 0..1000 {
        let p = dir.path().join(format!("case-{i:04}.poa.yaml"));
        std::fs::write(&p, &sources[i % sources.len()]).unwrap();
        files.push(p);
    }
    let mut g = c.benchmark_group("poa check (whole process)");
    g.sample_size(20);
    g.bench_function("1,500-word letter", |b| {
        b.iter(|| {
            let o = Command::new(&exe)
                .args(["check", "--today", "2026-11-22"])
                .arg(&letter)
                .output()
                .unwrap();
            assert!(o.status.code().is_some());
        })
    });
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    g.bench_function("1,000 case files", |b| {
        b.iter(|| {
            let o = Command::new(&exe)
                .args(["check", "--format", "json", "--today", "2026-11-22"])
                .args(&files)
                .output()
                .unwrap();
            assert!(o.status.code().is_some());
        })
    });
    g.finish();
}

criterion_group!(benches, in_process, whole_process);
criterion_main!(benches);
