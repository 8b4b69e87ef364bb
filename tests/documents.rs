//! The Markdown letter and the appeal-form text of every example (insta
//! snapshots), round trips of case files, and the writer's text that must
//! not break the letter's structure.

use std::path::Path;

use poa::case::{self, Case, Date};
use poa::compose::{self, Templates};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};

mod common;
use common::{example, example_paths as examples};

fn load(p: &Path) -> Case {
    case::from_yaml(
        &std::fs::read_to_string(p).unwrap(),
        &p.display().to_string(),
    )
    .unwrap()
}

fn name(p: &Path) -> String {
    p.file_name()
        .unwrap()
        .to_string_lossy()
        .trim_end_matches(".poa.yaml")
        .to_string()
}

fn date_of(case: &Case) -> Date {
    case.dated.unwrap_or_else(|| "2026-11-20".parse().unwrap())
}

#[test]
fn markdown_of_every_example() {
    let t = Templates::embedded();
    for p in examples() {
        let case = load(&p);
        let letter = compose::letter(&case, date_of(&case)).unwrap();
        insta::assert_snapshot!(format!("md-{}", name(&p)), t.markdown(&letter).unwrap());
    }
}

#[test]
fn form_text_of_every_example() {
    let t = Templates::embedded();
    for p in examples() {
        let case = load(&p);
        let letter = compose::letter(&case, date_of(&case)).unwrap();
        insta::assert_snapshot!(format!("txt-{}", name(&p)), t.form_text(&letter).unwrap());
    }
}

#[test]
fn every_example_round_trips_through_save() {
    for p in examples() {
        let case = load(&p);
        let yaml = case::to_yaml(&case);
        let again = case::from_yaml(&yaml, "again").unwrap();
        assert_eq!(again, case, "{}", p.display());
        assert_eq!(
            case::to_yaml(&again),
            yaml,
            "saving is stable: {}",
            p.display()
        );
    }
}

const AWKWARD: [&str; 12] = [
    "He said \"stop\" and 'wait'",
    "key: value: more",
    "# not a comment",
    "   leading spaces",
    "\ttab first\tand inside",
    "一行中文，还有标点。",
    "emoji 📦🚚 in text",
    "line one\nline two\n\nparagraph",
    "trailing spaces   \nnext",
    "- looks like a list\n- second",
    "null",
    "yes",
];

#[test]
fn awkward_text_survives_save_and_load() {
    for text in AWKWARD {
        let mut case = Case::new();
        case.explanation = text.to_string();
        case.seller.store_name = text.lines().next().unwrap().to_string();
        case.notice.asks = vec![text.to_string()];
        case.root_causes.push(case::RootCause {
            id: "R1".into(),
            why: text.to_string(),
            ..Default::default()
        });
        let yaml = case::to_yaml(&case);
        let back = case::from_yaml(&yaml, "t").unwrap_or_else(|e| panic!("{text:?}: {e}\n{yaml}"));
        assert_eq!(back, case, "{text:?}\n{yaml}");
    }
}

#[test]
fn multi_line_text_is_saved_as_a_block_a_person_can_edit() {
    let mut case = Case::new();
    case.explanation = "First line.\nSecond line.".into();
    let yaml = case::to_yaml(&case);
    assert!(
        yaml.contains("explanation: |-\n  First line.\n  Second line.\n"),
        "{yaml}"
    );
}

/// Counts of the structures the letter is made of.
#[derive(Debug, Default, PartialEq)]
struct Shape {
    h2: usize,
    h1: usize,
    h3: usize,
    ordered_items: usize,
    quotes: usize,
    tables: usize,
}

fn shape(md: &str) -> Shape {
    let mut s = Shape::default();
    let mut lists: Vec<bool> = Vec::new();
    for ev in Parser::new_ext(md, pulldown_cmark::Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => s.h1 += 1,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => s.h2 += 1,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H3,
                ..
            }) => s.h3 += 1,
            Event::Start(Tag::List(start)) => lists.push(start.is_some()),
            Event::End(pulldown_cmark::TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) if lists.last() == Some(&true) => s.ordered_items += 1,
            Event::Start(Tag::BlockQuote(_)) => s.quotes += 1,
            Event::Start(Tag::Table(_)) => s.tables += 1,
            _ => {}
        }
    }
    s
}

#[test]
fn the_writers_text_cannot_change_the_letters_structure() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/late-shipment.poa.yaml");
    let clean = load(&p);
    let t = Templates::embedded();
    let md = |c: &Case| {
        t.markdown(&compose::letter(c, date_of(c)).unwrap())
            .unwrap()
    };
    let expected = shape(&md(&clean));
    let hostile = "# Heading?\n1. an item?\n> a quote?\n---\n**bold** _em_ [link](x) <b>html</b> | pipe\n    code?\n2) another";
    let mut case = clean.clone();
    case.root_causes[0].what = hostile.into();
    case.root_causes[0].summary = "1. # summary".into();
    case.corrective_actions[0].action = hostile.into();
    case.preventive_measures[0].measure = hostile.into();
    case.closing = hostile.into();
    case.seller.store_name = "## Store | *x*".into();
    // A line the template starts with a value (the signer's role), a lone
    // CR, a trailing run of #.
    case.seller.contact_role = "# Owner".into();
    case.seller.contact_name = "Daniel\r# INJECTED".into();
    case.root_causes[1].summary = "Supplier step C ###".into();
    let out = md(&case);
    assert_eq!(shape(&out), expected, "{out}");
    assert!(out.contains(r"1\. an item?"), "{out}");
    assert!(
        out.contains("Supplier step C \\###"),
        "the writer's ### is kept: {out}"
    );
    assert!(!out.contains('\r'), "{out}");
}

#[test]
fn a_writers_own_bullet_list_stays_a_list() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/late-shipment.poa.yaml");
    let mut case = load(&p);
    case.corrective_actions[0].action =
        "Refunded three groups of buyers:\n- 12 buyers in the US\n- 3 buyers in Canada".into();
    let md = Templates::embedded()
        .markdown(&compose::letter(&case, date_of(&case)).unwrap())
        .unwrap();
    let mut in_nested = 0;
    let mut depth = 0;
    for ev in Parser::new(&md) {
        match ev {
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(pulldown_cmark::TagEnd::List(_)) => depth -= 1,
            Event::Text(t) if depth == 2 && t.contains("buyers in") => in_nested += 1,
            _ => {}
        }
    }
    assert_eq!(in_nested, 2, "{md}");
}

#[test]
fn a_dispute_renders_explanation_and_evidence_instead() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/dispute-restricted.poa.yaml");
    let case = load(&p);
    let md = Templates::embedded()
        .markdown(&compose::letter(&case, date_of(&case)).unwrap())
        .unwrap();
    assert!(md.contains("## 1. Explanation"));
    assert!(md.contains("## 2. Evidence"));
    assert!(!md.contains("Root cause"));
    assert!(md.starts_with("# Appeal"));
}

#[test]
fn the_notice_asks_become_section_titles() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/late-shipment.poa.yaml");
    let mut case = load(&p);
    case.notice.asks = vec![
        "Why did it happen?".into(),
        "What did you fix?".into(),
        "How will you prevent it?".into(),
    ];
    let md = Templates::embedded()
        .markdown(&compose::letter(&case, date_of(&case)).unwrap())
        .unwrap();
    assert!(md.contains("## 1. Why did it happen?"));
    assert!(md.contains("## 2. What did you fix?"));
    assert!(md.contains("## 3. How will you prevent it?"));
    assert!(md.contains("## 4. Supporting documents"));
}

#[test]
fn templates_can_be_overridden() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/late-shipment.poa.yaml");
    let case = load(&p);
    let t = Templates::with_overrides(&[(
        "letter.md".into(),
        "Store {{ seller.store_name | md_inline }}".into(),
    )])
    .unwrap();
    let md = t
        .markdown(&compose::letter(&case, date_of(&case)).unwrap())
        .unwrap();
    assert_eq!(md, "Store Harbor Lane Home\n");
    let bad = Templates::with_overrides(&[("letter.md".into(), "{% if %}".into())]);
    assert!(bad.is_err());
}

#[test]
fn a_template_with_loops_in_loops_stops_with_a_message() {
    // Attack F22: Tera bounds each range to 100,000 numbers, not a loop
    // inside a loop; 10^10 turns ran for hours.
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/late-shipment.poa.yaml");
    let case = load(&p);
    let letter = compose::letter(&case, date_of(&case)).unwrap();
    let md = |src: &str| {
        Templates::with_overrides(&[("letter.md".into(), src.into())])
            .unwrap()
            .markdown(&letter)
    };
    let nested =
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}";
    let err = md(nested).unwrap_err().to_string();
    assert!(
        err.contains("template letter.md") && err.contains("loops"),
        "{err}"
    );
    // A template that writes more than any letter is stopped too.
    let long = format!(
        "{{% for i in range(end=90000) %}}{}{{% endfor %}}",
        "x".repeat(200)
    );
    let err = md(&long).unwrap_err().to_string();
    assert!(err.contains("longer than 16 MB"), "{err}");
    // Near miss: range as a writer uses it still works, step and all,
    // in every render (the budget is per render, not per template).
    let t = Templates::with_overrides(&[(
        "letter.md".into(),
        "{% for i in range(end=3) %}{{ i }}{% endfor %} {% for i in range(start=10, end=0, step_by=-4) %}{{ i }},{% endfor %}".into(),
    )])
    .unwrap();
    for _ in 0..3 {
        assert_eq!(t.markdown(&letter).unwrap(), "012 10,6,2,\n");
    }
    let t = Templates::with_overrides(&[(
        "letter.md".into(),
        "{% for i in range(end=60000) %}{% endfor %}ok".into(),
    )])
    .unwrap();
    assert_eq!(t.markdown(&letter).unwrap(), "ok\n");
    assert_eq!(t.markdown(&letter).unwrap(), "ok\n");
}

#[test]
fn the_export_seam_makes_every_format_the_command_line_and_the_editor_write() {
    use poa::document::{self, Export, Format};
    let templates = Templates::embedded();
    for p in examples() {
        let case = load(&p);
        let date = date_of(&case);
        let letter = compose::letter(&case, date).unwrap();
        for format in Format::ALL {
            let ex = Export {
                format,
                paper: None,
                date,
                templates: &templates,
                draft: false,
                pdfa: false,
                lang: poa::playbook::Lang::En,
                before: None,
            };
            let doc = document::export(&case, &ex).unwrap();
            match format {
                Format::Md => {
                    assert_eq!(doc.bytes, templates.markdown(&letter).unwrap().into_bytes())
                }
                Format::Txt => assert_eq!(
                    doc.bytes,
                    templates.form_text(&letter).unwrap().into_bytes()
                ),
                Format::Pdf => {
                    assert!(doc.bytes.starts_with(b"%PDF-"), "{}", name(&p));
                    let a4 = document::export(
                        &case,
                        &Export {
                            paper: Some(poa::layout::Paper::A4),
                            ..ex
                        },
                    )
                    .unwrap();
                    let us = document::paper_of(&case) == poa::layout::Paper::Letter;
                    assert_eq!(
                        a4.bytes == doc.bytes,
                        !us,
                        "{}: the paper choice is honoured",
                        name(&p)
                    );
                }
                Format::Docx => {
                    // A zip, whose text is the letter's.
                    assert!(doc.bytes.starts_with(b"PK\x03\x04"), "{}", name(&p));
                    let text = poa::docx::text_of(&doc.bytes).unwrap();
                    assert!(text.contains(&letter.seller.legal_name), "{}", name(&p));
                }
            }
            assert!(doc.warnings.is_empty(), "{}: {:?}", name(&p), doc.warnings);
        }
    }
}

#[test]
fn the_pdf_export_names_each_field_whose_characters_it_cannot_print() {
    use poa::document::{self, Export, Format};
    let mut case = example("late-shipment.poa.yaml");
    // Emoji: no font has them (Chinese letters print where a Chinese font
    // is installed; tests/cli.rs renders them with one and without).
    case.seller.contact_name = "Li Wei 🙂".into();
    case.closing = "Thanks 🎉".into();
    let templates = Templates::embedded();
    let doc = document::export(
        &case,
        &Export {
            format: Format::Pdf,
            paper: None,
            date: date_of(&case),
            templates: &templates,
            draft: false,
            pdfa: false,
            lang: poa::playbook::Lang::En,
            before: None,
        },
    )
    .unwrap();
    assert_eq!(doc.warnings.len(), 2, "{:?}", doc.warnings);
    assert!(
        doc.warnings[0].starts_with(
            "Seller · Who signs (seller.contact_name): the PDF fonts have no glyph for 🙂"
        ),
        "{:?}",
        doc.warnings
    );
    assert!(doc.warnings[1].contains("(closing):"), "{:?}", doc.warnings);
}

#[test]
fn a_version_1_case_file_loads_as_the_same_case_and_saves_as_version_2() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let old = load(&dir.join("tests/fixtures/late-shipment-version-1.poa.yaml"));
    let new = load(&dir.join("examples/late-shipment.poa.yaml"));
    assert_eq!(old, new, "positions 1 and 2 become R1 and R2");
    let saved = case::to_yaml(&old);
    assert!(saved.contains("version: 2\n"), "{saved}");
    assert!(saved.contains("- id: R2\n"), "{saved}");
    assert!(!saved.contains("causes:\n    - 1"), "{saved}");
}

#[test]
fn a_summary_ending_in_a_chinese_full_stop_heads_its_cause_without_a_stop() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/late-shipment.poa.yaml");
    let mut case = load(&p);
    case.root_causes[0].summary = "We confirmed shipments after the pickup (6 pm)。".into();
    case.root_causes[1].summary = "Our label rule was wrong.".into();
    let md = Templates::embedded()
        .markdown(&compose::letter(&case, date_of(&case)).unwrap())
        .unwrap();
    let heading = |n: usize| {
        md.lines()
            .find(|l| l.contains(&format!("Root cause {n}:")))
            .unwrap_or_default()
            .trim_end()
            .to_string()
    };
    assert!(heading(1).ends_with("pickup (6 pm)"), "{}", heading(1));
    assert!(heading(2).ends_with("was wrong"), "{}", heading(2));
}
