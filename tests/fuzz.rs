//! Every door for text into poa, fed hostile text (issue 16): a case file,
//! a draft to import, a pasted notice, a writer's phrase file, the letter's
//! way to a PDF, and the editor's messages. Nothing may panic, and what
//! comes out must load again. Bounded so that the gate stays fast; run
//! with `PROPTEST_CASES=5000` for a longer search.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use poa::document::{self, Export, Format};
use poa::editor::model::{Model, Step};
use poa::editor::msg::Msg;
use poa::editor::update::update;
use poa::editor::view;
use poa::playbook::Lang;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod common;
use common::{example, today};

/// `PROPTEST_CASES` when it is set (a longer search), else `default`.
fn cases(default: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig::with_cases(n)
}

/// Text as writers, pasted notices and attackers write it: any Unicode,
/// Markdown and YAML specials, CR line breaks, wide and case-changing
/// letters, ids and dates.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,300}",
        "[a-zA-Z0-9 #*_>|\\-:.,()\\[\\]{}'\"\\\\\r\n\t]{0,300}",
        "(## Root cause|- |1\\. |Owner: |2026-11-1[0-9]|2206-11-18|B0C4X9K2LM|113-4821937-5520146|İ|ẞ|K|我们|，|。|\r|\n|\u{202e}|🙂|within 72 hours|请在 17 天内|by 3 December| ){0,60}",
    ]
}

fn case_yaml() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,400}",
        // Fragments of a real case file, shuffled and cut.
        proptest::collection::vec(
            prop_oneof![
                Just("version: 2\n".to_string()),
                Just("seller:\n  legal_name: A\n".to_string()),
                Just(
                    "notice:\n  violation: late-shipment-rate\n  received: 2026-11-10\n"
                        .to_string()
                ),
                Just("root_causes:\n- id: R1\n  summary: x\n".to_string()),
                Just(
                    "corrective_actions:\n- action: |\n    a\n    # b\n  done_on: 2026-11-11\n"
                        .to_string()
                ),
                Just("closing: \"\\e[2J\"\n".to_string()),
                Just("notes: &a [1, 2]\nmore: *a\n".to_string()),
                Just("  - [[[{{\n".to_string()),
                "[a-z_]{1,8}: [^\n]{0,30}\n",
            ],
            0..12,
        )
        .prop_map(|parts| parts.concat()),
    ]
}

/// An example case rewritten as people write YAML by hand: four-space
/// indents, items under their key, double quotes, blank lines, comments.
fn hand_written() -> impl Strategy<Value = String> {
    let names = common::example_paths();
    (0..names.len(), any::<bool>(), any::<bool>()).prop_map(move |(i, quote, deeper)| {
        let text = std::fs::read_to_string(&names[i]).unwrap();
        let mut out = String::new();
        for line in text.lines() {
            let indent = line.len() - line.trim_start().len();
            // Everything under a top-level key two columns further in
            // (items under their key): a uniform shift keeps the meaning.
            let top_key = indent == 0 && !line.starts_with('-');
            let mut l = if deeper && !top_key && !line.trim().is_empty() {
                format!("  {line}")
            } else {
                line.to_string()
            };
            let plain = !l.contains(['"', '\\', '\'']) && !l.ends_with(['|', '>']);
            if quote && plain && l.trim_start().starts_with("summary: ") {
                l = l.replacen("summary: ", "summary: \"", 1) + "\"";
            }
            if top_key && !line.starts_with('#') && !line.trim().is_empty() {
                out.push_str("\n# the writer's note\n");
            }
            out.push_str(&l);
            out.push('\n');
        }
        out
    })
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn any_case_file_loads_or_says_why_and_what_loads_saves_and_loads_again(text in case_yaml()) {
        if let Ok(case) = poa::case::from_yaml(&text, "x.poa.yaml") {
            let saved = poa::case::to_yaml(&case);
            let again = poa::case::from_yaml(&saved, "x.poa.yaml");
            prop_assert!(again.is_ok(), "{saved}");
            // The writer's comments are carried over without breaking it.
            let kept = poa::case::keep_comments(&text, &saved);
            prop_assert_eq!(poa::case::from_yaml(&kept, "x.poa.yaml").ok(), again.ok());
        }
    }

    #[test]
    fn any_edit_saved_over_any_case_file_loads_as_the_edited_case(
        text in prop_oneof![case_yaml(), hand_written()],
        value in hostile(),
        field in 0usize..6,
    ) {
        use poa::case::{from_yaml, keep_layout, to_yaml};
        if let Ok(mut case) = from_yaml(&text, "x.poa.yaml") {
            let value = poa::case::clean_text(&value);
            match field {
                0 => case.seller.legal_name = value,
                1 => case.closing = value,
                2 => case.notice.asins.push(value),
                3 => match case.root_causes.first_mut() {
                    Some(r) => r.why = value,
                    None => case.explanation = value,
                },
                4 => {
                    case.root_causes.reverse();
                    case.corrective_actions.truncate(1);
                }
                _ => case.root_causes.push(poa::case::RootCause {
                    summary: value,
                    ..Default::default()
                }),
            }
            // The writer's layout is kept where it can be, and what is
            // saved is the edited case, whatever the file looked like.
            let saved = keep_layout(&text, &case);
            let back = from_yaml(&saved, "x.poa.yaml");
            prop_assert!(back.is_ok(), "{saved}");
            prop_assert_eq!(to_yaml(&back.unwrap()), to_yaml(&case));
        }
    }

    #[test]
    fn any_draft_imports_into_a_case_that_loads(text in hostile()) {
        let case = poa::import::case_from_draft(&text, None);
        let saved = poa::case::to_yaml(&case);
        prop_assert!(poa::case::from_yaml(&saved, "d.poa.yaml").is_ok(), "{saved}");
    }

    #[test]
    fn any_notice_is_read_and_its_deadline_never_before_it(text in hostile()) {
        let r = poa::notice::read(&text);
        if let (Some(received), Some(deadline)) = (r.received, r.deadline) {
            prop_assert!(deadline >= received, "{r:?}");
        }
    }

    #[test]
    fn any_phrase_file_compiles_or_says_why(phrase in "[a-z ()|']{0,80}", code in "(T002|G003|P006|X999)") {
        let file = format!("{code}:\n  phrases: [\"{phrase}\"]\n");
        let _ = poa::check::Checker::with_phrases(&[("p.yaml".into(), file)]);
    }

    #[test]
    fn any_text_in_the_letter_makes_a_pdf(text in hostile(), field in 0usize..6) {
        let mut case = example("late-shipment.poa.yaml");
        match field {
            0 => case.closing = text,
            1 => case.root_causes[0].summary = text,
            2 => case.corrective_actions[0].action = text,
            3 => case.seller.contact_role = text,
            4 => case.seller.legal_name = text,
            _ => case.preventive_measures[0].cadence = text,
        }
        let templates = poa::compose::Templates::embedded();
        let ex = Export {
            format: Format::Pdf,
            paper: None,
            date: today(),
            templates: &templates,
            draft: false,
            pdfa: false,
            lang: poa::playbook::Lang::En,
            before: None,
        };
        // A letter that cannot be composed says why; one that can is a PDF.
        if let Ok(doc) = document::export(&case, &ex) {
            prop_assert!(doc.bytes.starts_with(b"%PDF-"));
        }
    }
}

/// A message the writer could cause.
fn message() -> impl Strategy<Value = Msg> {
    let key = |c: KeyCode| Msg::Input(KeyEvent::new(c, KeyModifiers::NONE));
    prop_oneof![
        "[a-zA-Z0-9 #:,.我们]"
            .prop_map(move |s| key(KeyCode::Char(s.chars().next().unwrap_or('a')))),
        Just(key(KeyCode::Backspace)),
        Just(key(KeyCode::Enter)),
        Just(key(KeyCode::Left)),
        Just(Msg::Input(KeyEvent::new(
            KeyCode::Char('u'),
            KeyModifiers::CONTROL
        ))),
        Just(Msg::NextField),
        Just(Msg::PrevField),
        Just(Msg::NextStep),
        Just(Msg::PrevStep),
        Just(Msg::NextItem),
        Just(Msg::AddItem),
        Just(Msg::RemoveItem),
        Just(Msg::Answer(true)),
        Just(Msg::MoveItemUp),
        Just(Msg::ChoiceNext),
        Just(Msg::NextFinding),
        Just(Msg::ApplyFix),
        Just(Msg::JumpToFinding),
        Just(Msg::OpenSuggestions),
        Just(Msg::OverlayEnter),
        Just(Msg::Close),
        Just(Msg::ScrollHint(1)),
        Just(Msg::ToggleRail),
        Just(Msg::Idle),
        hostile().prop_map(Msg::Paste),
    ]
}

proptest! {
    #![proptest_config(cases(24))]

    #[test]
    fn any_run_of_the_writers_keys_keeps_the_editor_whole(msgs in proptest::collection::vec(message(), 1..60)) {
        let mut m = Model::new(
            PathBuf::from("late-shipment.poa.yaml"),
            example("late-shipment.poa.yaml"),
            Lang::Zh,
            today(),
        );
        update(&mut m, Msg::GoStep(Step::RootCauses));
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        for msg in msgs {
            update(&mut m, msg);
            term.draw(|f| view::view(&m, f)).unwrap();
        }
        // What the editor holds saves and loads again.
        let saved = poa::case::to_yaml(&m.case);
        prop_assert!(poa::case::from_yaml(&saved, "x").is_ok(), "{saved}");
    }
}

/// What the search found once, kept: a control character pasted into a
/// field, and a byte-order mark inside a draft, each made a case file that
/// would not load again.
#[test]
fn the_inputs_the_search_found_stay_fixed() {
    let mut m = Model::new(
        PathBuf::from("late-shipment.poa.yaml"),
        example("late-shipment.poa.yaml"),
        Lang::En,
        today(),
    );
    update(&mut m, Msg::GoStep(Step::RootCauses));
    update(&mut m, Msg::Paste("\u{e}a\u{1b}[2Jb\u{feff}".into()));
    let saved = poa::case::to_yaml(&m.case);
    assert!(poa::case::from_yaml(&saved, "x").is_ok(), "{saved}");
    assert!(
        m.case.root_causes[0].summary.contains("a[2Jb"),
        "the text stays, the controls go"
    );
    let case = poa::import::case_from_draft("¡\u{feff}", None);
    assert!(poa::case::from_yaml(&poa::case::to_yaml(&case), "d").is_ok());
    // Text that looks like YAML's anchors, aliases and brackets inside a
    // value is the writer's: the case still loads.
    for text in [
        "\"\t{&0",
        "pickup.[*A",
        "R&D team *checked* [all]",
        "'a' & *b",
    ] {
        let mut case = example("late-shipment.poa.yaml");
        case.root_causes[0].summary = text.into();
        case.closing = format!("{text}\n{text}");
        let saved = poa::case::to_yaml(&case);
        assert!(
            poa::case::from_yaml(&saved, "x").is_ok(),
            "{text:?}: {saved}"
        );
    }
}
