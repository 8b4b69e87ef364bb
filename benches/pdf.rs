//! The PDF of a three-page POA: under 20 ms (DESIGN.md §7), from the
//! Markdown (layout, then the PDF with its fonts subset).

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use poa::case;
use poa::compose::{self, Templates};
use poa::layout::{self, Paper, Setup};
use poa::markup;
use poa::pdf;

fn pdf_of_a_three_page_poa(c: &mut Criterion) {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/order-defect.poa.yaml");
    let case = case::from_yaml(&std::fs::read_to_string(p).unwrap(), "order-defect").unwrap();
    let md = Templates::embedded()
        .markdown(&compose::letter(&case, "2026-11-20".parse().unwrap()).unwrap())
        .unwrap();
    let setup = Setup {
        paper: Paper::A4,
        header_left: "NorthPeak · Merchant token A1".into(),
        header_right: "Plan of Action · 20 November 2026".into(),
    };
    let pages = layout::layout(&markup::parse(&md), &setup).pages.len();
    let info = pdf::Info {
        title: "Plan of Action".into(),
        date: (2026, 11, 20),
        ..Default::default()
    };
    let mut g = c.benchmark_group(format!("pdf ({pages} pages)"));
    // "layout" reads the Markdown too, as it did when layout took Markdown.
    g.bench_function("layout", |b| {
        b.iter(|| layout::layout(&markup::parse(&md), &setup))
    });
    let laid = layout::layout(&markup::parse(&md), &setup);
    g.bench_function("write", |b| b.iter(|| pdf::write(&laid, &info)));
    g.bench_function("layout+write", |b| {
        b.iter(|| pdf::write(&layout::layout(&markup::parse(&md), &setup), &info))
    });
    g.finish();
}

criterion_group!(benches, pdf_of_a_three_page_poa);
criterion_main!(benches);
