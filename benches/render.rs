//! Load plus Markdown render of each example (budget: under 1 ms, DESIGN.md §7),
//! and the Word document of each (the export seam, as `render --format docx`).

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use poa::case;
use poa::compose::{self, Templates};

fn examples() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut v: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".poa.yaml"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    v.sort();
    v
}

fn load_and_render(c: &mut Criterion) {
    let templates = Templates::embedded();
    let date = "2026-11-20".parse().unwrap();
    let mut group = c.benchmark_group("load+md");
    for (name, source) in examples() {
        group.bench_function(&name, |b| {
            b.iter(|| {
                let case = case::from_yaml(&source, &name).unwrap();
                let letter = compose::letter(&case, date).unwrap();
                templates.markdown(&letter).unwrap()
            })
        });
    }
    group.finish();
}

fn word(c: &mut Criterion) {
    use poa::document::{self, Export, Format};
    let templates = Templates::embedded();
    let date = "2026-11-20".parse().unwrap();
    let mut group = c.benchmark_group("docx");
    for (name, source) in examples() {
        let case = case::from_yaml(&source, &name).unwrap();
        let ex = Export {
            format: Format::Docx,
            paper: None,
            date,
            templates: &templates,
            draft: false,
            pdfa: false,
            lang: poa::playbook::Lang::En,
            before: None,
        };
        group.bench_function(&name, |b| b.iter(|| document::export(&case, &ex).unwrap()));
    }
    group.finish();
}

criterion_group!(benches, load_and_render, word);
criterion_main!(benches);
