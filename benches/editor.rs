//! The editor's budget (DESIGN.md §7, issue 6): a keystroke re-checks and
//! redraws within one 16 ms frame, on a large case.
//!
//! One iteration is what the editor's loop does for a key: `update` (the
//! edit, the re-check, the preview on the Review step) and `view` drawn to
//! a 120×40 terminal buffer.

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use poa::editor::model::{Model, Step};
use poa::editor::msg::Msg;
use poa::editor::update::update;
use poa::editor::view;
use poa::playbook::Lang;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::{example, ten_times};

mod support;

fn model(step: Step, fields_on: usize) -> Model {
    let big = ten_times(&example("late-shipment.poa.yaml"));
    let today = "2026-11-22".parse().unwrap();
    let mut m = Model::new(PathBuf::from("big.poa.yaml"), big, Lang::En, today);
    update(&mut m, Msg::GoStep(step));
    for _ in 0..fields_on {
        update(&mut m, Msg::NextField);
    }
    m
}

/// A field that received a 5,000-line paste (issue 13): a log or an order
/// list pasted whole into a root cause's "how".
fn pasted(lines: usize) -> Model {
    let mut m = model(Step::RootCauses, 6);
    let text: String = (0..lines)
        .map(|i| {
            format!(
                "Order 113-{:07}-{:07} confirmed a day late on the carrier log.\r",
                i,
                i * 7
            )
        })
        .collect();
    update(&mut m, Msg::Paste(text));
    m
}

fn keystroke(c: &mut Criterion) {
    let mut g = c.benchmark_group("editor keystroke (x10 case, 120x40)");
    for (name, step, field) in [
        ("root cause 'why'", Step::RootCauses, 5),
        ("review closing, with preview", Step::Review, 0),
        ("after a 5,000-line paste", Step::RootCauses, 6),
    ] {
        let mut m = if name.contains("paste") {
            pasted(5_000)
        } else {
            model(step, field)
        };
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        let mut n = 0u32;
        g.bench_function(name, |b| {
            b.iter(|| {
                // Type a letter, and every 30th key take a word back out, so
                // the text stays the same size.
                n += 1;
                let key = if n.is_multiple_of(30) {
                    KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL)
                } else {
                    KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE)
                };
                update(&mut m, Msg::Input(key));
                term.draw(|f| view::view(&m, f)).unwrap();
            })
        });
    }
    g.finish();
}

criterion_group!(benches, keystroke);
criterion_main!(benches);
