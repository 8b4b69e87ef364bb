//! The check report: text against JSON for a case with hundreds of
//! findings (F16 in the December attack report: the text report was
//! quadratic). The text report should stay within twice the JSON's time.

use criterion::{Criterion, criterion_group, criterion_main};
use poa::case::{self, Case, Spans};
use poa::check::Checker;
use poa::report::{self, FileReport, Source, Style};

/// A case with `n` root causes, each with five contractions and a phrase
/// that blames: about six findings a cause.
fn many_causes(n: usize) -> String {
    let mut s = String::from(
        "version: 1\nseller:\n  legal_name: Acme Trading Co., Ltd.\n  store_name: AcmeHome\n  merchant_token: A1B2C3D4E5F6G7\n  marketplace: US\nnotice:\n  violation: late-shipment-rate\n  received: 2026-11-18\nroot_causes:\n",
    );
    for i in 0..n {
        s.push_str(&format!(
            "- summary: Packer {i} skipped the scan on 12 orders on 2026-11-0{}\n  what: 12 orders left late because we didn't scan them and it wasn't seen.\n  why: |\n    It's the carrier's fault, we weren't told and we can't check.\n  how: x\n",
            i % 9 + 1
        ));
    }
    s
}

/// The weak example with a closing of `n` sentences, each with a contraction.
fn long_closing(n: usize) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/weak-draft.poa.yaml");
    let mut s = std::fs::read_to_string(path).unwrap();
    let at = s
        .find("closing: |\n")
        .expect("the example has a closing block")
        + 11;
    let sentences: String = (0..n)
        .map(|i| format!("  On day {i} we didn't confirm 3 orders on time.\n"))
        .collect();
    s.insert_str(at, &sentences);
    s
}

struct Loaded {
    name: &'static str,
    source: String,
    case: Case,
    spans: Spans,
    report: FileReport,
}

fn load(name: &'static str, source: String) -> Loaded {
    let (case, spans) = case::from_yaml_with_spans(&source, name).unwrap();
    let today = "2026-11-22".parse().unwrap();
    let findings = Checker::standard().check_case(&case, today);
    let report = FileReport::new(name.into(), findings, Vec::new());
    Loaded {
        name,
        source,
        case,
        spans,
        report,
    }
}

fn text_and_json(c: &mut Criterion) {
    let cases = [
        load("causes.poa.yaml", many_causes(100)),
        load("closing.poa.yaml", long_closing(400)),
    ];
    let mut g = c.benchmark_group("report");
    for l in &cases {
        let n = l.report.findings.len();
        assert!(n >= 400, "{}: {n} findings", l.name);
        g.bench_function(format!("{} text ({n} findings)", l.name), |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(1 << 20);
                let source = Source::Case {
                    text: &l.source,
                    case: &l.case,
                    spans: &l.spans,
                };
                report::write_text(&mut out, &l.report, source, Style::default()).unwrap();
                out
            })
        });
        g.bench_function(format!("{} json ({n} findings)", l.name), |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(1 << 20);
                report::write_json(&mut out, std::slice::from_ref(&l.report)).unwrap();
                out
            })
        });
    }
    g.finish();
    // What `poa check` does for one file: load, check, report.
    let mut g = c.benchmark_group("load+check+report");
    let checker = Checker::standard();
    let today = "2026-11-22".parse().unwrap();
    for l in &cases {
        let n = l.report.findings.len();
        for text in [true, false] {
            let label = if text { "text" } else { "json" };
            g.bench_function(format!("{} {label} ({n} findings)", l.name), |b| {
                b.iter(|| {
                    let (case, spans) = case::from_yaml_with_spans(&l.source, l.name).unwrap();
                    let findings = checker.check_case(&case, today);
                    let r = FileReport::new(l.name.into(), findings, Vec::new());
                    let mut out = Vec::with_capacity(1 << 20);
                    if text {
                        let source = Source::Case {
                            text: &l.source,
                            case: &case,
                            spans: &spans,
                        };
                        report::write_text(&mut out, &r, source, Style::default()).unwrap();
                    } else {
                        report::write_json(&mut out, std::slice::from_ref(&r)).unwrap();
                    }
                    out
                })
            });
        }
    }
    g.finish();
}

criterion_group!(benches, text_and_json);
criterion_main!(benches);
