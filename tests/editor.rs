//! The editor without a terminal: `update` on messages, and `view` on a
//! TestBackend (snapshots of every step at 80×24 and 120×40, in English and
//! Chinese).

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use poa::case::Case;
use poa::document::Format;
use poa::editor::model::{Model, Overlay, Start, Step, StepState};
use poa::editor::msg::{Cmd, Msg};
use poa::editor::update::update;
use poa::editor::{keys, view};
use poa::playbook::Lang;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod common;
use common::{example, today};

fn model(name: &str, lang: Lang) -> Model {
    Model::new(PathBuf::from(name), example(name), lang, today())
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn typ(m: &mut Model, text: &str) {
    for c in text.chars() {
        update(m, Msg::Input(key(KeyCode::Char(c))));
    }
}

fn go(m: &mut Model, step: Step) {
    update(m, Msg::GoStep(step));
}

/// On to the field `guide` of the step the model is on.
fn to_field(m: &mut Model, guide: &str) {
    while m.spec().unwrap().guide != guide {
        update(m, Msg::NextField);
    }
}

fn screen(m: &Model, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view::view(m, f)).unwrap();
    format!("{}", term.backend())
}

#[test]
fn typing_changes_the_case_and_the_findings_at_once() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::RootCauses);
    update(&mut m, Msg::NextField); // What
    let before = m.revision;
    typ(&mut m, " We didn't check.");
    assert!(m.case.root_causes[0].what.ends_with("We didn't check."));
    assert!(m.revision > before);
    assert!(m.step_findings().iter().any(|f| f.code == "T001"));
    assert!(m.dirty());
}

#[test]
fn navigation_is_never_blocked_and_half_typed_dates_are_kept() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::Notice);
    to_field(&mut m, "notice.received");
    // A slip of the keyboard makes the date invalid.
    let before = m.case.notice.received;
    typ(&mut m, "9");
    assert_eq!(
        m.case.notice.received, before,
        "an invalid date leaves the case as it was"
    );
    assert_eq!(m.input.lines().join(""), "2026-11-109");
    assert!(
        screen(&m, 120, 40).contains("Notice date: 2026-11-109 — not a date yet"),
        "the overview shows what was typed, and that it is not a date yet"
    );
    update(&mut m, Msg::NextField);
    let left_at = m.spec().unwrap().guide;
    update(&mut m, Msg::NextStep);
    assert_eq!(m.step, Step::Metrics, "forward always works");
    update(&mut m, Msg::PrevStep);
    assert_eq!(
        m.spec().unwrap().guide,
        left_at,
        "back where the writer was"
    );
    update(&mut m, Msg::PrevField);
    assert_eq!(m.spec().unwrap().guide, "notice.received");
    assert_eq!(
        m.input.lines().join(""),
        "2026-11-109",
        "the writer's text came back"
    );
    update(&mut m, Msg::Input(key(KeyCode::Backspace)));
    update(&mut m, Msg::Input(key(KeyCode::Backspace)));
    typ(&mut m, "9");
    assert_eq!(m.case.notice.received, Some("2026-11-19".parse().unwrap()));
}

#[test]
fn a_date_is_read_as_typed_and_a_half_typed_one_is_named_not_called_missing() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::Corrective);
    to_field(&mut m, "corrective_actions.done_on");
    // Emptied, then typed as a Chinese seller writes a date: read.
    while !m.input.is_empty() {
        update(&mut m, Msg::Input(key(KeyCode::Backspace)));
    }
    assert_eq!(m.case.corrective_actions[0].done_on, None);
    typ(&mut m, "2026/11/12");
    assert_eq!(
        m.case.corrective_actions[0].done_on,
        Some("2026-11-12".parse().unwrap())
    );
    // Emptied, then a date with a slip: the finding says what was typed,
    // as the box does, not that the date is missing.
    while !m.input.is_empty() {
        update(&mut m, Msg::Input(key(KeyCode::Backspace)));
    }
    typ(&mut m, "2026/11/1x");
    let said: Vec<&str> = m
        .step_findings()
        .into_iter()
        .filter(|f| f.code == "C004")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].contains("\"2026/11/1x\", is not a date yet"),
        "{said:?}"
    );
    assert!(!said[0].contains("has no date") && !said[0].contains("done_on"));
    let zh = m
        .step_findings()
        .into_iter()
        .find(|f| f.code == "C004")
        .unwrap()
        .message_in(Lang::Zh)
        .into_owned();
    assert!(zh.contains("还不是一个日期"), "{zh}");
}

#[test]
fn review_shows_the_state_of_the_whole_letter() {
    let weak = model("weak-draft.poa.yaml", Lang::En);
    assert_eq!(weak.step_state(Step::Review), StepState::Errors);
    let clean = model("late-shipment.poa.yaml", Lang::En);
    assert_eq!(clean.step_state(Step::Review), StepState::Done);
}

#[test]
fn findings_name_the_field_as_the_screen_does() {
    let mut m = model("weak-draft.poa.yaml", Lang::En);
    go(&mut m, Step::Notice);
    let s = screen(&m, 120, 40);
    assert!(s.contains("! C012 ASINs 1: The notice names ASIN"), "{s}");
    assert!(!s.contains("notice.asins[0]"), "{s}");
    // On Review, the step and item come first.
    go(&mut m, Step::Review);
    let s = screen(&m, 120, 40);
    assert!(s.contains("C002 Root causes 1 · Where"), "{s}");
}

#[test]
fn the_selected_finding_is_shown_whole() {
    let mut m = model("weak-draft.poa.yaml", Lang::En);
    go(&mut m, Step::RootCauses);
    let message = m.step_findings()[0].message.clone();
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| view::view(&m, f)).unwrap();
    // The findings box, its lines joined as a reader would read them.
    let buffer = term.backend().buffer();
    let rows: Vec<String> = (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect()
        })
        .collect();
    let from = rows.iter().position(|r| r.contains("Findings")).unwrap();
    let text: String = rows[from + 1..]
        .iter()
        .map(|r| r.trim_matches(|c| c == '│' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains(&message),
        "{message:?} is not whole in:\n{text}"
    );
}

#[test]
fn a_suggestion_on_an_empty_list_starts_the_first_item() {
    let mut case = example("late-shipment.poa.yaml");
    case.evidence.clear();
    let mut m = Model::new(PathBuf::from("x.poa.yaml"), case, Lang::En, today());
    go(&mut m, Step::Evidence);
    assert!(screen(&m, 80, 24).contains("No items yet"));
    update(&mut m, Msg::OpenSuggestions);
    let Some(Overlay::Suggestions { items, .. }) = &m.overlay else {
        panic!("no suggestions: {:?}", m.overlay)
    };
    let first = items[0].0.clone();
    update(&mut m, Msg::OverlayEnter);
    assert_eq!(m.case.evidence.len(), 1);
    assert_eq!(m.case.evidence[0].title, first);
    assert_eq!(m.case.evidence[0].id, "E1");
}

#[test]
fn items_are_added_removed_and_reordered() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::Corrective);
    let n = m.case.corrective_actions.len();
    update(&mut m, Msg::AddItem);
    assert_eq!(m.case.corrective_actions.len(), n + 1);
    assert_eq!(m.item, n);
    typ(&mut m, "Refunded all 14 buyers.");
    update(&mut m, Msg::MoveItemUp);
    assert_eq!(m.item, n - 1);
    assert_eq!(
        m.case.corrective_actions[n - 1].action,
        "Refunded all 14 buyers."
    );
    update(&mut m, Msg::RemoveItem);
    assert_eq!(m.overlay, Some(Overlay::ConfirmRemove));
    update(&mut m, Msg::Answer(false));
    assert_eq!(m.case.corrective_actions.len(), n + 1, "no removes nothing");
    update(&mut m, Msg::RemoveItem);
    update(&mut m, Msg::Answer(true));
    assert_eq!(m.case.corrective_actions.len(), n);
    assert!(
        m.case
            .corrective_actions
            .iter()
            .all(|a| a.action != "Refunded all 14 buyers.")
    );
}

/// The summaries of the root causes each action answers.
fn answered(m: &Model) -> Vec<Vec<String>> {
    m.case
        .corrective_actions
        .iter()
        .map(|a| {
            a.causes
                .iter()
                .filter_map(|id| m.case.root_causes.iter().find(|r| r.id == *id))
                .map(|r| r.summary.clone())
                .collect()
        })
        .collect()
}

#[test]
fn moving_adding_and_removing_causes_keeps_every_link_on_its_cause() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    let before = answered(&m);
    assert!(
        before.iter().any(|c| !c.is_empty()),
        "the example links its actions"
    );
    go(&mut m, Step::RootCauses);
    update(&mut m, Msg::MoveItemDown);
    assert_eq!(m.item, 1);
    assert_eq!(
        answered(&m),
        before,
        "moving a cause keeps what each action answers"
    );
    // The letter numbers causes by position: an action that answered the
    // first cause now names it as root cause 2.
    let letter = poa::compose::letter(&m.case, today()).unwrap();
    let moved = &m.case.root_causes[1].id;
    let i = m
        .case
        .corrective_actions
        .iter()
        .position(|a| a.causes == [moved.clone()])
        .expect("an action answers only the moved cause");
    assert!(
        letter.corrective[i].meta.contains("Root cause 2"),
        "{}",
        letter.corrective[i].meta
    );
    update(&mut m, Msg::AddItem);
    typ(&mut m, "A third cause");
    assert_eq!(answered(&m), before, "adding a cause links nothing to it");
    let gone = m.case.root_causes[0].summary.clone();
    m.item = 0;
    update(&mut m, Msg::RemoveItem);
    update(&mut m, Msg::Answer(true));
    let expected: Vec<Vec<String>> = before
        .iter()
        .map(|c| c.iter().filter(|s| **s != gone).cloned().collect())
        .collect();
    assert_eq!(
        answered(&m),
        expected,
        "links to a removed cause go with it"
    );
    assert!(
        m.case
            .corrective_actions
            .iter()
            .all(|a| a.causes.iter().all(|id| m.case.cause_number(id).is_some()))
    );
}

#[test]
fn a_fix_is_one_key_away_and_a_finding_is_a_jump() {
    let mut m = model("weak-draft.poa.yaml", Lang::En);
    go(&mut m, Step::RootCauses);
    let i = m
        .step_findings()
        .iter()
        .position(|f| f.code == "T001")
        .unwrap();
    assert!(
        screen(&m, 80, 24).contains("! T001 [F2] What: A contraction"),
        "a finding with a fix says so where a short line still shows it"
    );
    m.selected = i;
    update(&mut m, Msg::ApplyFix);
    assert!(
        m.case.root_causes[0]
            .what
            .contains("did not have the stock")
    );
    // From Review, F4 goes to the field of a finding.
    go(&mut m, Step::Review);
    let i = m
        .findings
        .iter()
        .position(|f| f.code == "C004" && f.field.to_string() == "corrective_actions[1].action")
        .unwrap();
    m.selected = i;
    update(&mut m, Msg::JumpToFinding);
    assert_eq!(
        (m.step, m.item, m.spec().unwrap().guide),
        (Step::Corrective, 1, "corrective_actions.action")
    );
}

#[test]
fn a_suggestion_is_inserted_with_its_owner_and_its_placeholder_selected() {
    let mut m = model("late-shipment.poa.yaml", Lang::Zh);
    go(&mut m, Step::Corrective);
    update(&mut m, Msg::AddItem);
    update(&mut m, Msg::OpenSuggestions);
    let Some(Overlay::Suggestions { items, .. }) = &m.overlay else {
        panic!("no suggestions")
    };
    assert!(
        items[0].0.is_ascii() && !items[0].1.is_ascii(),
        "English to insert, Chinese to read"
    );
    update(&mut m, Msg::OverlayEnter);
    let a = m.case.corrective_actions.last().unwrap();
    assert!(a.action.contains("{number}"), "{}", a.action);
    assert_eq!(a.owner, "Warehouse manager");
    assert!(m.input.is_selecting(), "the first placeholder is selected");
    typ(&mut m, "14");
    assert!(
        m.case
            .corrective_actions
            .last()
            .unwrap()
            .action
            .starts_with("Ship-confirmed all 14 open orders")
    );
}

#[test]
fn ctrl_z_takes_a_suggestion_back_with_the_owner_it_filled() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::Corrective);
    update(&mut m, Msg::AddItem);
    update(&mut m, Msg::OpenSuggestions);
    update(&mut m, Msg::OverlayEnter);
    assert_eq!(
        m.case.corrective_actions.last().unwrap().owner,
        "Warehouse manager"
    );
    let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
    let msg = keys::to_msg(&m, ctrl_z).unwrap();
    update(&mut m, msg);
    let a = m.case.corrective_actions.last().unwrap();
    assert_eq!(a.action, "");
    assert_eq!(a.owner, "", "the owner the suggestion filled went with it");
    assert!(m.status.contains("Owner"), "{}", m.status);
    // Near miss: an owner the writer typed after the suggestion stays.
    update(&mut m, Msg::OpenSuggestions);
    update(&mut m, Msg::OverlayEnter);
    m.case.corrective_actions.last_mut().unwrap().owner = "Shift lead".into();
    let msg = keys::to_msg(&m, ctrl_z).unwrap();
    update(&mut m, msg);
    assert_eq!(
        m.case.corrective_actions.last().unwrap().owner,
        "Shift lead"
    );
}

#[test]
fn arriving_in_a_filled_field_with_a_blank_selects_the_blank_not_the_field() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::Preventive);
    update(&mut m, Msg::AddItem);
    update(&mut m, Msg::OpenSuggestions);
    update(&mut m, Msg::OverlayEnter);
    let p = m.case.preventive_measures.last().unwrap();
    assert_eq!(p.cadence, "Every business day at {time}");
    to_field(&mut m, "preventive_measures.cadence");
    typ(&mut m, "15:00");
    assert_eq!(
        m.case.preventive_measures.last().unwrap().cadence,
        "Every business day at 15:00"
    );
    // Near miss: a filled field with no blank is selected whole, so typing
    // replaces it ("Night lead", not "Shift leadNight lead").
    update(&mut m, Msg::AddItem);
    update(&mut m, Msg::OpenSuggestions);
    update(&mut m, Msg::OverlayEnter);
    update(&mut m, Msg::NextField);
    assert_eq!(m.spec().unwrap().guide, "preventive_measures.owner");
    typ(&mut m, "Night lead");
    assert_eq!(
        m.case.preventive_measures.last().unwrap().owner,
        "Night lead"
    );
}

#[test]
fn pasting_many_lines_and_chinese_text_works() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::Notice);
    to_field(&mut m, "notice.text");
    let pasted =
        "您好，我们暂停了您的销售权限。\r\nASIN：B0BN5R8TQY\r\n\r\n请在 72 小时内提交行动计划。";
    update(&mut m, Msg::Paste(pasted.into()));
    assert!(
        m.case
            .notice
            .text
            .contains("您好，我们暂停了您的销售权限。\nASIN：B0BN5R8TQY")
    );
    // A one-line field gets the paste on one line.
    go(&mut m, Step::Seller);
    update(&mut m, Msg::Paste("\nAcme\nTrading".into()));
    assert!(!m.case.seller.legal_name.contains('\n'));
}

#[test]
fn choices_cycle_and_a_dispute_changes_the_steps() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::Seller);
    to_field(&mut m, "seller.marketplace");
    update(&mut m, Msg::ChoiceNext);
    assert_eq!(m.case.seller.marketplace, "CA");
    go(&mut m, Step::Notice);
    update(&mut m, Msg::NextField); // response
    update(&mut m, Msg::ChoiceNext);
    assert!(m.case.is_dispute());
    assert!(m.steps().contains(&Step::Explanation));
    assert!(!m.steps().contains(&Step::RootCauses));
}

#[test]
fn quitting_saves_first_and_exports_are_commands() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::Review);
    assert!(m.preview.starts_with("# Plan of Action"));
    let cmds = update(&mut m, Msg::Export(vec![Format::Pdf]));
    assert_eq!(
        cmds,
        vec![
            Cmd::Save,
            Cmd::Export {
                formats: vec![Format::Pdf],
                draft: false
            }
        ]
    );
    let cmds = update(&mut m, Msg::Quit);
    assert_eq!(cmds, vec![Cmd::Save, Cmd::Quit]);
    assert!(m.quit);
}

#[test]
fn keys_map_to_messages_in_one_table() {
    let m = model("late-shipment.poa.yaml", Lang::En);
    assert_eq!(keys::to_msg(&m, key(KeyCode::Tab)), Some(Msg::NextField));
    assert_eq!(keys::to_msg(&m, key(KeyCode::F(1))), Some(Msg::Help));
    assert_eq!(
        keys::to_msg(&m, KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL)),
        Some(Msg::Quit)
    );
    assert_eq!(
        keys::to_msg(&m, key(KeyCode::Char('x'))),
        Some(Msg::Input(key(KeyCode::Char('x'))))
    );
    // Every key the help shows leads somewhere or is the text box's own.
    assert!(keys::BINDINGS.len() >= 20);
}

#[test]
fn undo_and_redo_with_the_usual_keys() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::RootCauses);
    let before = m.case.root_causes[0].summary.clone();
    typ(&mut m, " now");
    assert_eq!(m.case.root_causes[0].summary, format!("{before} now"));
    let press = |m: &mut Model, c: char| {
        let msg = keys::to_msg(m, KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
        update(m, msg.expect("a message"));
    };
    for _ in 0..4 {
        press(&mut m, 'z');
    }
    assert_eq!(m.case.root_causes[0].summary, before, "Ctrl+Z undoes");
    press(&mut m, 'y');
    assert_eq!(
        m.case.root_causes[0].summary,
        format!("{before} "),
        "Ctrl+Y redoes"
    );
}

#[test]
fn the_start_screen_makes_a_new_case() {
    let mut m = Model::new(
        PathBuf::from("new.poa.yaml"),
        Case::new(),
        Lang::En,
        today(),
    );
    m.start = Some(Start::Menu {
        files: vec![],
        selected: 0,
    });
    update(&mut m, Msg::StartEnter);
    assert!(matches!(m.start, Some(Start::PickViolation { .. })));
    update(&mut m, Msg::StartEnter);
    assert!(matches!(m.start, Some(Start::NameFile { .. })));
    let cmds = update(&mut m, Msg::StartContinue);
    match &cmds[..] {
        [Cmd::CreateCase { path, case }] => {
            assert_eq!(
                path,
                &PathBuf::from("cancellation-rate-2026-11-22.poa.yaml")
            );
            assert_eq!(case.notice.violation, "cancellation-rate");
        }
        other => panic!("{other:?}"),
    }
    // Typing replaces the suggested name, and the extension comes once.
    let name_file = |m: &mut Model| {
        m.start = Some(Start::PickViolation { selected: 0 });
        update(m, Msg::StartEnter);
    };
    name_file(&mut m);
    typ(&mut m, "harbor");
    assert_eq!(m.input.lines().join(""), "harbor.poa.yaml");
    match &update(&mut m, Msg::StartContinue)[..] {
        [Cmd::CreateCase { path, .. }] => assert_eq!(path, &PathBuf::from("harbor.poa.yaml")),
        other => panic!("{other:?}"),
    }
    // A name typed in full in front of the suggested extension.
    name_file(&mut m);
    typ(&mut m, "my-case.poa.yaml");
    match &update(&mut m, Msg::StartContinue)[..] {
        [Cmd::CreateCase { path, .. }] => assert_eq!(path, &PathBuf::from("my-case.poa.yaml")),
        other => panic!("{other:?}"),
    }
    name_file(&mut m);
    m.input = ratatui_textarea::TextArea::new(vec!["acme.yaml".into()]);
    match &update(&mut m, Msg::StartContinue)[..] {
        [Cmd::CreateCase { path, .. }] => assert_eq!(path, &PathBuf::from("acme.poa.yaml")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_small_terminal_gets_a_clear_message_and_no_crash() {
    let m = model("late-shipment.poa.yaml", Lang::En);
    for (w, h) in [(79, 24), (80, 23), (20, 5), (1, 1)] {
        let s = screen(&m, w, h);
        if w >= 20 {
            assert!(
                s.contains("too small") || s.contains("at least"),
                "{w}x{h}: {s}"
            );
        }
    }
}

#[test]
fn no_color_draws_state_with_symbols_only() {
    let mut m = model("weak-draft.poa.yaml", Lang::En);
    m.no_color = true;
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    term.draw(|f| view::view(&m, f)).unwrap();
    let buf = term.backend().buffer();
    for y in 0..40 {
        for x in 0..120 {
            let cell = &buf[(x, y)];
            assert_eq!(cell.fg, ratatui::style::Color::Reset, "colour at {x},{y}");
        }
    }
    assert!(format!("{}", term.backend()).contains("✗"));
}

/// Every step, at two sizes, in two languages.
#[test]
fn snapshots_of_every_step() {
    for lang in [Lang::En, Lang::Zh] {
        for (name, file) in [
            ("poa", "late-shipment.poa.yaml"),
            ("dispute", "dispute-restricted.poa.yaml"),
        ] {
            let mut m = model(file, lang);
            for step in m.steps() {
                go(&mut m, step);
                for (w, h) in [(80, 24), (120, 40)] {
                    let id = format!("{}-{name}-{:?}-{w}x{h}", lang.code(), step).to_lowercase();
                    insta::assert_snapshot!(id, screen(&m, w, h));
                }
            }
        }
    }
}

#[test]
fn snapshots_of_the_overlays_and_the_start_screen() {
    let mut m = model("weak-draft.poa.yaml", Lang::En);
    go(&mut m, Step::Corrective);
    insta::assert_snapshot!("en-weak-corrective-120x40", screen(&m, 120, 40));
    update(&mut m, Msg::OpenSuggestions);
    insta::assert_snapshot!("en-suggestions-80x24", screen(&m, 80, 24));
    update(&mut m, Msg::Close);
    update(&mut m, Msg::Help);
    insta::assert_snapshot!("en-help-80x24", screen(&m, 80, 24));
    let mut s = Model::new(
        PathBuf::from("new.poa.yaml"),
        Case::new(),
        Lang::Zh,
        today(),
    );
    s.start = Some(Start::Menu {
        files: vec![PathBuf::from("acme.poa.yaml")],
        selected: 0,
    });
    insta::assert_snapshot!("zh-start-80x24", screen(&s, 80, 24));
}

#[test]
fn the_results_of_effects_come_back_as_messages_and_only_update_changes_the_model() {
    // Opening a case with a newer recovery copy shows the copy and asks.
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    let file = example("late-shipment.poa.yaml");
    let mut newer = file.clone();
    newer.closing = "Written after the last save.".into();
    update(
        &mut m,
        Msg::Opened {
            path: PathBuf::from("x.poa.yaml"),
            case: Box::new(file.clone()),
            recovered: Some(Box::new(newer.clone())),
            typed: Default::default(),
            locked: false,
            history: Default::default(),
        },
    );
    assert_eq!(m.case.closing, newer.closing);
    assert_eq!(m.overlay, Some(Overlay::Recovered));
    assert_eq!(
        update(&mut m, Msg::Answer(false)),
        vec![Cmd::DiscardRecovery]
    );
    update(&mut m, Msg::RecoveryDiscarded(Some(Box::new(file.clone()))));
    assert_eq!(m.case, file, "discarding the copy shows the file's case");
    assert_eq!(m.path, PathBuf::from("x.poa.yaml"));
    // A second editor on the file is told.
    update(
        &mut m,
        Msg::Opened {
            path: PathBuf::from("x.poa.yaml"),
            case: Box::new(file.clone()),
            recovered: None,
            typed: Default::default(),
            locked: true,
            history: Default::default(),
        },
    );
    assert_eq!(m.overlay, Some(Overlay::Locked));
    // A taken name sends the writer back to the name box with a message.
    m.start = Some(Start::Menu {
        files: Vec::new(),
        selected: 0,
    });
    update(
        &mut m,
        Msg::NameTaken {
            path: PathBuf::from("taken.poa.yaml"),
            violation: "late-shipment-rate".into(),
        },
    );
    assert!(matches!(m.start, Some(Start::NameFile { .. })));
    assert!(
        m.status.contains("taken.poa.yaml already exists"),
        "{}",
        m.status
    );
    update(&mut m, Msg::OpenFailed("broken.poa.yaml:3:1: bad".into()));
    assert!(matches!(m.start, Some(Start::Menu { .. })));
    assert_eq!(
        m.overlay,
        Some(Overlay::Message("broken.poa.yaml:3:1: bad".into()))
    );
}

#[test]
fn leaving_a_step_with_changes_saves() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::Seller);
    typ(&mut m, "x");
    let cmds = update(&mut m, Msg::NextStep);
    assert_eq!(
        cmds,
        vec![Cmd::Save],
        "the step's text is saved on leaving it"
    );
    let revision = m.revision;
    update(
        &mut m,
        Msg::Saved {
            revision,
            error: None,
        },
    );
    let cmds = update(&mut m, Msg::NextStep);
    assert!(cmds.is_empty(), "nothing new to save: {cmds:?}");
}

#[test]
fn a_notice_pasted_with_cr_line_breaks_keeps_its_lines_and_is_read() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/notices/restricted-products-72-hours.txt"
    ))
    .unwrap();
    let lines = text.trim_end().lines().count();
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    m.start = Some(Start::PasteNotice);
    m.input = Default::default();
    // As a terminal sends a paste: CR for each line break.
    update(&mut m, Msg::Paste(text.trim_end().replace('\n', "\r")));
    assert_eq!(m.input.lines().len(), lines, "every line break is kept");
    update(&mut m, Msg::StartContinue);
    assert!(
        matches!(&m.start, Some(Start::NameFile { violation, .. }) if violation == "restricted-products"),
        "{:?} / {}",
        m.start,
        m.status
    );
}

#[test]
fn the_terminal_cursor_sits_where_the_writer_types_for_an_input_method() {
    let mut m = model("late-shipment.poa.yaml", Lang::Zh);
    go(&mut m, Step::Seller);
    to_field(&mut m, "seller.contact_name");
    m.input = Default::default();
    typ(&mut m, "李伟");
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    term.draw(|f| view::view(&m, f)).unwrap();
    let at = term.get_cursor_position().unwrap();
    let buffer = term.backend().buffer().clone();
    // A wide character takes two cells: 伟 is drawn just left of the cursor.
    assert_eq!(buffer[(at.x - 2, at.y)].symbol(), "伟", "cursor at {at:?}");
    assert_eq!(buffer[(at.x - 4, at.y)].symbol(), "李");
    // With the help open, the cursor is not placed on the field behind it.
    update(&mut m, Msg::Help);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    term.draw(|f| view::view(&m, f)).unwrap();
    assert_ne!(term.get_cursor_position().unwrap(), at);
}

#[test]
fn keys_typed_while_the_window_is_too_small_do_not_reach_a_field() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::RootCauses);
    let before = m.case.clone();
    update(
        &mut m,
        Msg::Resized {
            width: 60,
            height: 20,
        },
    );
    // Keys go through the key table, as the loop sends them.
    let press = |m: &mut Model, k: KeyEvent| {
        if let Some(msg) = keys::to_msg(m, k) {
            update(m, msg);
        }
    };
    for c in "typed blind".chars() {
        press(&mut m, key(KeyCode::Char(c)));
    }
    press(&mut m, key(KeyCode::PageDown));
    update(&mut m, Msg::Paste("pasted blind".into()));
    assert_eq!(m.case, before, "nothing typed into a field nobody can see");
    assert_eq!(m.step, Step::RootCauses);
    let small = screen(&m, 60, 20);
    assert!(small.contains("too small"));
    // The writer is told the keys were not taken (11 letters, PgDn).
    assert!(small.contains("Keys not taken: 12"), "{small}");
    // Quitting still works, and saves.
    let quit = keys::to_msg(&m, KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL));
    assert_eq!(quit, Some(Msg::Quit));
    assert_eq!(update(&mut m, Msg::Quit), vec![Cmd::Save, Cmd::Quit]);
    m.quit = false;
    update(
        &mut m,
        Msg::Resized {
            width: 80,
            height: 24,
        },
    );
    press(&mut m, key(KeyCode::Char('!')));
    assert_ne!(m.case, before, "at 80×24 typing works again");
    assert_eq!(m.not_taken, 0, "the count starts again");
}

#[test]
fn f4_on_an_asin_never_mentioned_goes_to_the_answer_not_the_notice_list() {
    let mut m = model("weak-draft.poa.yaml", Lang::En);
    go(&mut m, Step::Review);
    m.selected = m
        .findings
        .iter()
        .position(|f| f.code == "C012" && f.field.to_string().starts_with("notice.asins"))
        .expect("the weak draft never mentions its ASIN");
    update(&mut m, Msg::JumpToFinding);
    assert_eq!(
        (m.step, m.item, m.spec().unwrap().guide),
        (Step::RootCauses, 0, "root_causes.what")
    );
}

#[test]
fn the_editor_looks_for_evidence_files_as_poa_check_does() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    let mut case = example("late-shipment.poa.yaml");
    case.evidence[0].file = Some("evidence/pickup-log.pdf".into());
    let cmds = update(
        &mut m,
        Msg::Opened {
            path: PathBuf::from("x.poa.yaml"),
            case: Box::new(case),
            recovered: None,
            typed: Default::default(),
            locked: false,
            history: Default::default(),
        },
    );
    assert_eq!(
        cmds,
        vec![Cmd::LookForFiles],
        "an opened case's files are looked for"
    );
    let c007 = |m: &Model| {
        m.findings
            .iter()
            .filter(|f| f.code == "C007" && f.message.contains("pickup-log.pdf"))
            .count()
    };
    assert_eq!(c007(&m), 0);
    update(
        &mut m,
        Msg::FilesMissing(vec!["evidence/pickup-log.pdf".into()]),
    );
    assert_eq!(c007(&m), 1, "{:?}", m.findings);
    // Typing another file name asks the loop to look again.
    go(&mut m, Step::Evidence);
    to_field(&mut m, "evidence.file");
    let cmds = update(&mut m, Msg::Input(key(KeyCode::Char('x'))));
    assert!(cmds.contains(&Cmd::LookForFiles), "{cmds:?}");
}

#[test]
fn a_suggestion_adds_to_what_is_written_says_what_else_it_filled_and_undoes() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::Preventive);
    update(&mut m, Msg::AddItem);
    typ(&mut m, "Our own first line.");
    let before = m.case.preventive_measures.last().unwrap().measure.clone();
    update(&mut m, Msg::OpenSuggestions);
    update(&mut m, Msg::OverlayEnter);
    let p = m.case.preventive_measures.last().unwrap().clone();
    assert!(
        p.measure.starts_with("Our own first line.\n"),
        "nothing written is lost: {}",
        p.measure
    );
    assert!(!p.owner.is_empty() && !p.cadence.is_empty());
    assert!(
        m.status.contains("Owner (a role)") && m.status.contains("How often"),
        "the writer is told which other fields were filled: {}",
        m.status
    );
    // One Ctrl+Z takes the suggestion back out of the text.
    let undo = keys::to_msg(&m, KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
    update(&mut m, undo.expect("Ctrl+Z is bound"));
    assert_eq!(m.input.lines().join("\n"), before);
}

#[test]
fn a_file_changed_on_disk_is_never_overwritten_without_asking() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    typ(&mut m, " Inc");
    // The loop found the file changed since it was read, and did not save.
    update(&mut m, Msg::ChangedOnDisk);
    assert_eq!(m.overlay, Some(Overlay::ChangedOnDisk));
    assert!(screen(&m, 100, 30).contains("changed outside this editor"));
    // y: the writer's version is saved over it.
    assert_eq!(update(&mut m, Msg::Answer(true)), vec![Cmd::SaveAnyway]);
    // n: no more saves until asked; the text stays.
    update(&mut m, Msg::ChangedOnDisk);
    update(&mut m, Msg::Answer(false));
    assert!(m.hold_saves && m.dirty());
    assert!(m.status.contains("Not saved"), "{}", m.status);
    // Quitting then does not write over the other change.
    assert_eq!(update(&mut m, Msg::Quit), vec![Cmd::Quit]);
    m.quit = false;
    // Ctrl+S asks again.
    assert_eq!(update(&mut m, Msg::Save), vec![Cmd::Save]);
    assert!(!m.hold_saves);
    // A question asked while quitting keeps the editor open for the answer.
    m.quit = true;
    update(&mut m, Msg::ChangedOnDisk);
    assert!(!m.quit);
}

#[test]
fn after_a_paste_the_writer_sees_what_was_read_before_the_case_is_made() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    m.start = Some(Start::PasteNotice);
    m.input = Default::default();
    let notice = "通知日期：2026年11月29日\r\r我们停用了您的销售权限，因为您的订单缺陷率超过了 1% 的目标。在过去 60 天内，您有 14 个订单出现缺陷。\r受影响的 ASIN：B0C9X2KLMP\r请在 17 天内向我们提交行动计划，其中应包括：\r• 问题的根本原因\r• 您已经采取的措施\r• 防止问题再次发生的措施";
    update(&mut m, Msg::Paste(notice.into()));
    update(&mut m, Msg::StartContinue);
    let shown = screen(&m, 100, 30);
    for line in [
        "Violation: order-defect-rate",
        "Notice date: 2026-11-29",
        "Deadline: 2026-12-16 (as the notice says)",
        "ASINs: B0C9X2KLMP",
        "The notice's questions: 3",
    ] {
        assert!(shown.contains(line), "{line:?} not on the screen:\n{shown}");
    }
    // One count without its total is no figure to show.
    assert!(!shown.contains("Figures:"), "{shown}");
    assert!(
        shown.contains("its questions stay in the notice's text"),
        "{shown}"
    );
    // The metric's figures, read and put on the case's metric.
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    m.start = Some(Start::PasteNotice);
    m.input = Default::default();
    let notice = notice.replace(
        "在过去 60 天内，您有 14 个订单出现缺陷。",
        "在过去 30 天内，您的订单缺陷率为 1.2%（1,214 个订单中有 14 个订单出现缺陷）。",
    );
    update(&mut m, Msg::Paste(notice.clone()));
    update(&mut m, Msg::StartContinue);
    let shown = screen(&m, 100, 30);
    assert!(
        shown.contains("Figures: 14 of 1,214 orders over 30 days"),
        "{shown}"
    );
    let notice = notice.as_str();
    let metric = &poa::editor::update::new_case("order-defect-rate", Some(notice)).metrics[0];
    assert_eq!(
        (metric.count, metric.total, metric.window_days),
        (Some(14), Some(1214), Some(30))
    );
}

#[test]
fn export_with_errors_left_asks_first() {
    let mut m = model("weak-draft.poa.yaml", Lang::En);
    assert!(
        poa::check::counts(&m.findings).0 > 0,
        "the weak draft has errors"
    );
    go(&mut m, Step::Review);
    let cmds = update(&mut m, Msg::Export(vec![Format::Pdf]));
    assert_eq!(cmds, vec![Cmd::Save], "nothing exported yet");
    assert_eq!(
        m.overlay,
        Some(Overlay::ExportWithErrors(vec![Format::Pdf]))
    );
    assert!(screen(&m, 100, 30).contains("error(s) are left"));
    assert_eq!(update(&mut m, Msg::Answer(false)), Vec::<Cmd>::new());
    assert_eq!(m.overlay, None);
    update(&mut m, Msg::Export(vec![Format::Pdf]));
    assert_eq!(
        update(&mut m, Msg::Answer(true)),
        vec![
            Cmd::Save,
            Cmd::Export {
                formats: vec![Format::Pdf],
                draft: false
            }
        ]
    );
    // d exports it marked as a draft, not for submission.
    update(&mut m, Msg::Export(vec![Format::Pdf]));
    let msg = keys::to_msg(&m, key(KeyCode::Char('d'))).unwrap();
    assert_eq!(
        update(&mut m, msg),
        vec![
            Cmd::Save,
            Cmd::Export {
                formats: vec![Format::Pdf],
                draft: true
            }
        ]
    );
    assert_eq!(m.overlay, None);
}

#[test]
fn an_export_says_what_the_pdf_printed_otherwise() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    update(
        &mut m,
        Msg::Exported(
            Ok((
                vec![PathBuf::from("late-shipment.pdf")],
                vec![
                "seller.legal_name: the PDF font has no glyphs for 深 圳 — they are printed as ?"
                    .into(),
            ],
            )),
            false,
        ),
    );
    let s = screen(&m, 100, 30);
    assert!(s.contains("late-shipment.pdf"), "{s}");
    assert!(s.contains("could not print everything"), "{s}");
    assert!(s.contains("seller.legal_name"), "{s}");
    // The status line says what was written, in one line; the notes are
    // in the box, not run over the key bar.
    assert_eq!(m.status, "Written: late-shipment.pdf");
}

#[test]
fn a_letter_exported_for_amazon_is_kept_as_sent_with_one_key() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    let written = || Ok((vec![PathBuf::from("late-shipment.pdf")], Vec::new()));
    // A draft is not sent: no offer.
    update(&mut m, Msg::Exported(written(), true));
    assert!(matches!(m.overlay, Some(Overlay::Message(_))));
    assert!(!screen(&m, 100, 30).contains("Press s"));
    update(&mut m, Msg::Close);
    // The letter for Amazon: s keeps it, any other key only closes.
    update(&mut m, Msg::Exported(written(), false));
    let s = screen(&m, 100, 30);
    assert!(
        s.contains("late-shipment.pdf") && s.contains("letter 1"),
        "{s}"
    );
    let msg = keys::to_msg(&m, key(KeyCode::Char('x'))).unwrap();
    assert_eq!(update(&mut m, msg), Vec::<Cmd>::new());
    assert_eq!(m.overlay, None);
    update(&mut m, Msg::Exported(written(), false));
    let msg = keys::to_msg(&m, key(KeyCode::Char('s'))).unwrap();
    assert_eq!(update(&mut m, msg), vec![Cmd::Save, Cmd::Submit]);
    // Kept: the history counts it, and the writer is told where and what next.
    let history = poa::history::History {
        count: 1,
        last_on: Some(today()),
        ..Default::default()
    };
    update(
        &mut m,
        Msg::Submitted(
            Ok(PathBuf::from("late-shipment.submitted/2026-11-22.poa.yaml")),
            Box::new(history),
        ),
    );
    assert_eq!(m.history.count, 1);
    let s = screen(&m, 100, 30);
    assert!(s.contains("Kept as letter 1"), "{s}");
    assert!(s.contains("--reply -"), "{s}");
    // The next export offers letter 2.
    update(&mut m, Msg::Close);
    update(&mut m, Msg::Exported(written(), false));
    assert!(screen(&m, 100, 30).contains("letter 2"));
}

#[test]
fn the_review_shows_the_letter_as_it_reads_not_its_markdown() {
    let mut m = model("order-defect.poa.yaml", Lang::En);
    go(&mut m, Step::Review);
    assert!(m.preview.starts_with("# "), "the preview is the Markdown");
    let mut s = screen(&m, 120, 40);
    for _ in 0..12 {
        update(&mut m, Msg::ScrollPreview(3));
        s.push_str(&screen(&m, 120, 40));
    }
    assert!(s.contains("Plan of Action"), "{s}");
    assert!(
        !s.contains("**") && !s.contains("# Plan") && !s.contains("| ---"),
        "{s}"
    );
    // A 5W1H row reads as a labelled line, a corrective action keeps its
    // number.
    assert!(s.contains("What happened: 14 buyers"), "{s}");
    assert!(s.contains("1. "), "{s}");
}

#[test]
fn the_metrics_labels_and_the_closing_example_fit_the_case() {
    let mut m = model("order-defect.poa.yaml", Lang::En);
    go(&mut m, Step::Metrics);
    let s = screen(&m, 120, 40);
    assert!(s.contains("Orders with a defect"), "{s}");
    assert!(s.contains("Out of: orders"), "{s}");
    to_field(&mut m, "metrics.count");
    let s = screen(&m, 120, 40);
    assert!(!s.contains('{'), "{s}");
    // The shared guide's blanks take the playbook's words.
    let p = poa::playbook::get("order-defect-rate");
    assert_eq!(
        poa::playbook::fill_blanks(p, "How many {count} did the {metric} count in {days} days?"),
        "How many orders with a defect did the Order Defect Rate count in 60 days?"
    );
    go(&mut m, Step::Review);
    while m.spec().is_some_and(|s| s.guide != "closing") {
        update(&mut m, Msg::NextField);
    }
    let s = screen(&m, 120, 40);
    assert!(!s.contains("Late Shipment Rate policy"), "{s}");
    assert!(s.contains("Order Defect Rate"), "{s}");
    assert!(!s.contains("{policy}"), "{s}");
}

fn alt(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::ALT)
}

#[test]
fn at_80x24_the_key_bar_keeps_help_and_quit_and_the_rail_narrows_or_hides() {
    for lang in [Lang::En, Lang::Zh] {
        let mut m = model("order-defect.poa.yaml", lang);
        for step in [Step::Seller, Step::RootCauses, Step::Review] {
            go(&mut m, step);
            let s = screen(&m, 80, 24);
            let bar = s.lines().last().unwrap();
            assert!(
                bar.contains("F1") && bar.contains("Ctrl+Q"),
                "{lang:?} {step:?}: {bar}"
            );
        }
        go(&mut m, Step::Preventive);
        let narrow = screen(&m, 80, 24);
        let wide = screen(&m, 120, 40);
        let name = if lang == Lang::En {
            "Measures"
        } else {
            "预防措施"
        };
        assert!(narrow.contains(name), "{narrow}");
        // The narrow rail leaves the field more than 60 of 80 columns.
        let top = narrow.lines().next().unwrap();
        let rail: usize = top.chars().take_while(|c| *c != '┐').count() + 1;
        assert!(rail <= 17, "rail of {rail} columns: {top}");
        if lang == Lang::En {
            assert!(wide.contains("Preventive measures"), "{wide}");
        }
        let msg =
            keys::to_msg(&m, KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL)).unwrap();
        update(&mut m, msg);
        let hidden = screen(&m, 80, 24);
        assert!(
            !hidden.contains(name) || !hidden.lines().nth(1).unwrap().contains(name),
            "{hidden}"
        );
        assert!(
            !hidden.contains("Steps") && !hidden.contains("步骤"),
            "{hidden}"
        );
    }
}

#[test]
fn a_long_hint_scrolls_and_says_there_is_more() {
    let mut m = model("order-defect.poa.yaml", Lang::En);
    go(&mut m, Step::RootCauses);
    let first = screen(&m, 80, 24);
    assert!(first.contains("more: Alt+PgDn"), "{first}");
    assert!(!first.contains("Example:"), "{first}");
    for _ in 0..10 {
        let msg = keys::to_msg(&m, alt(KeyCode::PageDown)).unwrap();
        update(&mut m, msg);
        screen(&m, 80, 24);
    }
    let end = screen(&m, 80, 24);
    assert!(end.contains("Example:"), "{end}");
    assert!(!end.contains("more: Alt+PgDn"), "{end}");
    // Alt+PgDn scrolls the hint: it does not change the step.
    assert_eq!(m.step, Step::RootCauses);
    // Back up from the end in one press per line, not from past it.
    let msg = keys::to_msg(&m, alt(KeyCode::PageUp)).unwrap();
    update(&mut m, msg);
    assert!(screen(&m, 80, 24).contains("more: Alt+PgDn"));
}

#[test]
fn a_one_line_field_shows_all_of_a_long_value() {
    let mut m = model("order-defect.poa.yaml", Lang::En);
    go(&mut m, Step::RootCauses);
    let summary = m.case.root_causes[0].summary.clone();
    typ(
        &mut m,
        " It was chosen on price alone and never drop-tested.",
    );
    let s = screen(&m, 80, 24);
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let start: String = summary
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains(&start),
        "the start of the value is on screen: {s}"
    );
    assert!(s.contains("drop-tested."), "{s}");
}

#[test]
fn choices_show_what_they_mean_and_are_searched_by_typing() {
    let mut m = model("late-shipment.poa.yaml", Lang::Zh);
    go(&mut m, Step::Notice);
    assert_eq!(m.spec().unwrap().guide, "notice.violation");
    let s = screen(&m, 120, 40);
    assert!(s.contains("迟发率超标"), "{s}");
    // Clear the field and search in Chinese.
    for _ in 0..40 {
        update(&mut m, Msg::Input(key(KeyCode::Backspace)));
    }
    typ(&mut m, "商标");
    let s = screen(&m, 120, 40);
    assert!(s.contains("ip-trademark — 商标侵权投诉"), "{s}");
    assert!(!s.contains("late-shipment-rate —"), "{s}");
    // Enter takes the first match and moves on.
    let msg = keys::to_msg(&m, key(KeyCode::Enter)).unwrap();
    update(&mut m, msg);
    assert_eq!(m.case.notice.violation, "ip-trademark");
    assert_eq!(m.spec().unwrap().guide, "notice.response");
    // Typing over a choice already made starts a new search.
    go(&mut m, Step::Notice);
    typ(&mut m, "迟发");
    assert!(screen(&m, 120, 40).contains("late-shipment-rate — 迟发率超标"));
    let enter = keys::to_msg(&m, key(KeyCode::Enter)).unwrap();
    update(&mut m, enter);
    assert_eq!(m.case.notice.violation, "late-shipment-rate");
    // In English, by the meaning: "country" words find marketplaces.
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::Seller);
    to_field(&mut m, "seller.marketplace");
    for _ in 0..5 {
        update(&mut m, Msg::Input(key(KeyCode::Backspace)));
    }
    typ(&mut m, "germ");
    assert!(screen(&m, 120, 40).contains("DE — Germany"));
    update(&mut m, Msg::ChoiceNext);
    assert_eq!(m.case.seller.marketplace, "DE");
    // A search that matches nothing is kept as typed and said to be no
    // choice yet, never replaced by a guess; the case keeps its value.
    for _ in 0..5 {
        update(&mut m, Msg::Input(key(KeyCode::Backspace)));
    }
    typ(&mut m, "zz");
    update(&mut m, Msg::NextField);
    assert_eq!(m.case.seller.marketplace, "DE");
    let s = screen(&m, 120, 40);
    assert!(s.contains("zz — not a choice yet"), "{s}");
}

#[test]
fn a_violation_is_found_by_its_notices_words_and_a_search_is_no_value() {
    let mut m = model("late-shipment.poa.yaml", Lang::Zh);
    go(&mut m, Step::Notice);
    for _ in 0..40 {
        update(&mut m, Msg::Input(key(KeyCode::Backspace)));
    }
    // "刷评" is in no title, but in the words of a review notice.
    typ(&mut m, "刷评");
    let s = screen(&m, 120, 40);
    assert!(s.contains("review-manipulation — 操纵评论"), "{s}");
    assert!(s.contains("1 个选项"), "{s}");
    // While it is typed, the case keeps its violation, and no finding
    // says "刷评" is no violation.
    assert_eq!(m.case.notice.violation, "late-shipment-rate");
    assert!(
        m.findings.iter().all(|f| f.code != "C001"),
        "{:?}",
        m.findings
    );
    assert!(m.steps().contains(&Step::Metrics));
    let enter = keys::to_msg(&m, key(KeyCode::Enter)).unwrap();
    update(&mut m, enter);
    assert_eq!(m.case.notice.violation, "review-manipulation");
    // In English too, by a phrase of the notice.
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::Notice);
    for _ in 0..40 {
        update(&mut m, Msg::Input(key(KeyCode::Backspace)));
    }
    typ(&mut m, "community guidelines");
    assert!(screen(&m, 120, 40).contains("review-manipulation —"));
    // Near miss: one letter is not searched among the notices' words,
    // or every type would match it.
    for _ in 0..40 {
        update(&mut m, Msg::Input(key(KeyCode::Backspace)));
    }
    typ(&mut m, "x");
    let s = screen(&m, 120, 40);
    assert!(!s.contains("review-manipulation —"), "{s}");
}

#[test]
fn a_suggestion_is_shown_whole_on_a_small_screen() {
    let mut m = model("order-defect.poa.yaml", Lang::En);
    go(&mut m, Step::Preventive);
    update(&mut m, Msg::OpenSuggestions);
    let Some(Overlay::Suggestions { items, .. }) = &m.overlay else {
        panic!("no suggestions");
    };
    let longest = items
        .iter()
        .map(|(en, _)| en.clone())
        .max_by_key(|s| s.len())
        .unwrap();
    assert!(longest.len() > 70, "{longest}");
    let s = screen(&m, 80, 24);
    let flat: String = s
        .lines()
        .map(|l| l.trim_matches(|c: char| "│┌┐└┘─ ▶".contains(c)))
        .collect::<Vec<_>>()
        .join(" ");
    let last_word = longest.split_whitespace().last().unwrap();
    assert!(flat.contains(last_word), "{last_word} missing: {s}");
}

#[test]
fn a_huge_paste_is_checked_at_the_pause_and_never_with_stale_findings() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::RootCauses);
    to_field(&mut m, "root_causes.how");
    let log: String = (0..5_000)
        .map(|i| {
            format!(
                "Order 113-{i:07}-{:07} left the warehouse a day late.\r",
                i * 7
            )
        })
        .collect();
    update(&mut m, Msg::Paste(log));
    assert!(m.case.root_causes[0].how.lines().count() > 5_000);
    // A contraction typed now is not found on this key: the check waits.
    typ(&mut m, " We didn't check it.");
    assert!(m.check_due);
    assert!(!m.findings.iter().any(|f| f.code == "T001"));
    assert!(screen(&m, 120, 40).contains("checking when you pause"));
    // The pause checks it.
    update(&mut m, Msg::Idle);
    assert!(!m.check_due);
    assert!(
        m.findings.iter().any(|f| f.code == "T001"),
        "{:?}",
        m.findings
    );
    // A fix asked for before the pause is made on fresh findings.
    typ(&mut m, " It wasn't done.");
    assert!(m.check_due);
    for _ in 0..2 {
        update(&mut m, Msg::NextFinding); // the check runs first
        let at = m.visible_findings().iter().position(|f| f.code == "T001");
        let at = at.expect("the contraction is found");
        while m.selected != at {
            update(&mut m, Msg::NextFinding);
        }
        update(&mut m, Msg::ApplyFix);
    }
    let how = &m.case.root_causes[0].how;
    assert!(
        how.ends_with("We did not check it. It was not done."),
        "{}",
        &how[how.len() - 60..]
    );
}

#[test]
fn typing_in_a_field_a_suggestion_filled_replaces_it_and_never_doubles_it() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::Corrective);
    update(&mut m, Msg::AddItem);
    let item = m.item;
    update(&mut m, Msg::OpenSuggestions);
    update(&mut m, Msg::OverlayEnter);
    let owner = m.case.corrective_actions[item].owner.clone();
    assert!(!owner.is_empty(), "the suggestion filled the owner");
    while m.spec().unwrap().key != "owner" {
        update(&mut m, Msg::NextField);
    }
    typ(&mut m, "Warehouse manager");
    update(&mut m, Msg::NextField);
    assert_eq!(m.case.corrective_actions[item].owner, "Warehouse manager");
    // Undo brings the suggested owner back.
    update(&mut m, Msg::PrevField);
    let undo = keys::to_msg(&m, KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL)).unwrap();
    update(&mut m, undo.clone());
    update(&mut m, undo);
    update(&mut m, Msg::NextField);
    assert_eq!(m.case.corrective_actions[item].owner, owner);
    // A field the writer has been to once is theirs: no selection again.
    update(&mut m, Msg::PrevField);
    typ(&mut m, " and team");
    update(&mut m, Msg::NextField);
    assert_eq!(
        m.case.corrective_actions[item].owner,
        format!("{owner} and team")
    );
}

#[test]
fn a_save_that_fails_as_the_writer_quits_keeps_the_editor_open() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::Seller);
    typ(&mut m, " Inc");
    let cmds = update(&mut m, Msg::Quit);
    assert_eq!(cmds, vec![Cmd::Save, Cmd::Quit]);
    // The loop's save failed (a read-only folder, a full disk).
    let revision = m.revision;
    update(
        &mut m,
        Msg::Saved {
            revision,
            error: Some("case.poa.yaml: could not be saved (Permission denied)".into()),
        },
    );
    assert!(!m.quit, "the editor stays open with the text");
    assert!(m.dirty());
    let s = screen(&m, 100, 30);
    assert!(
        s.contains("could not be saved") && s.contains("Ctrl+Q again"),
        "{s}"
    );
    // Asked again, it quits (the loop writes the recovery copy).
    update(&mut m, Msg::Close);
    assert_eq!(update(&mut m, Msg::Quit), vec![Cmd::Quit]);
    assert!(m.quit);
}

#[test]
fn a_selected_finding_taller_than_its_box_is_still_shown() {
    // A violation poa does not know, as a hand-edited case file has it
    // (typed in the editor it is only a search).
    let mut m = model("order-defect.poa.yaml", Lang::Zh);
    m.case.notice.violation = "退货".into();
    m.recheck();
    go(&mut m, Step::Notice);
    let s = screen(&m, 80, 24);
    assert!(
        s.contains("C001"),
        "the unknown violation's finding is on screen: {s}"
    );
    // An id is not printed in the letter: no L003 on it.
    assert!(
        !m.findings.iter().any(|f| f.code == "L003"),
        "{:?}",
        m.findings
    );
}

#[test]
fn a_link_typed_in_a_new_case_before_its_first_save_holds() {
    // A new case lives in the editor until its first save: its first root
    // cause must already be R1, or "R1" typed in an action is a bad link
    // (C011) that `poa check` on the saved file does not see.
    let case = poa::editor::update::new_case("late-shipment-rate", None);
    assert_eq!(case.root_causes[0].id, "R1");
    let mut m = Model::new(PathBuf::from("new.poa.yaml"), case, Lang::En, today());
    go(&mut m, Step::Corrective);
    to_field(&mut m, "corrective_actions.causes");
    typ(&mut m, "R1");
    update(&mut m, Msg::NextField);
    m.recheck();
    assert_eq!(m.case.corrective_actions[0].causes, ["R1"]);
    assert!(
        !m.findings.iter().any(|f| f.code == "C011"),
        "{:?}",
        m.findings
            .iter()
            .map(|f| (f.code, f.message.as_str()))
            .collect::<Vec<_>>()
    );
    // Near miss: a cause that is not there is still a bad link.
    update(&mut m, Msg::PrevField);
    typ(&mut m, ", R7");
    update(&mut m, Msg::NextField);
    m.recheck();
    assert!(m.findings.iter().any(|f| f.code == "C011"));
}

#[test]
fn a_fix_leaves_each_other_finding_listed_once() {
    // From a journey: after F2 on L003 (full-width commas) the G002 of the
    // same field was listed twice.
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::RootCauses);
    to_field(&mut m, "root_causes.why");
    update(
        &mut m,
        Msg::Input(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::CONTROL)),
    );
    let text = "peak season order is too many，the scan step is not in our SOP，nobody check the unconfirmed order.";
    update(&mut m, Msg::Paste(text.into()));
    m.recheck();
    let listed = |m: &Model| {
        let mut v: Vec<(String, String, String)> = m
            .step_findings()
            .iter()
            .map(|f| (f.code.to_string(), f.field.to_string(), f.excerpt.clone()))
            .collect();
        v.sort();
        v
    };
    let before = listed(&m);
    let g002 = before.iter().filter(|f| f.0 == "G002").count();
    assert_eq!(
        g002, 1,
        "\"our SOP, nobody check\" is one fault: {before:?}"
    );
    let Some(i) = m.step_findings().iter().position(|f| f.code == "L003") else {
        panic!("L003 expected: {before:?}");
    };
    m.selected = i;
    update(&mut m, Msg::ApplyFix);
    m.recheck();
    let after = listed(&m);
    let mut once = after.clone();
    once.dedup();
    assert_eq!(after, once, "a finding listed twice: {after:?}");
    assert!(
        !after.iter().any(|f| f.0 == "L003" && f.1.ends_with("why")),
        "{after:?}"
    );
}

#[test]
fn the_review_letter_scrolls_no_further_than_its_end_and_back_at_once() {
    // From a journey: 84 × Ctrl+↓ left the preview blank, and 20 × Ctrl+↑
    // brought nothing back.
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::Review);
    screen(&m, 120, 40);
    for _ in 0..200 {
        update(&mut m, Msg::ScrollPreview(3));
    }
    let end = screen(&m, 120, 40);
    assert!(
        end.contains("Sincerely"),
        "the letter's end stays in view:\n{end}"
    );
    update(&mut m, Msg::ScrollPreview(-3));
    let back = screen(&m, 120, 40);
    assert_ne!(back, end, "one step up moves at once");
    for _ in 0..200 {
        update(&mut m, Msg::ScrollPreview(-3));
    }
    assert!(screen(&m, 120, 40).contains("Plan of Action"));
}

#[test]
fn a_fix_is_said_by_what_it_changed_in_a_few_words() {
    // From a journey: the status line showed "，the scan step is not in our
    // SOP， → , the", the sentence cut where the change was not.
    use poa::editor::update::change_preview;
    assert_eq!(change_preview("didn't", "did not"), "didn't → did not");
    let before =
        "peak season order is too many，the scan step is not in our SOP，nobody check the order.";
    let after =
        "peak season order is too many, the scan step is not in our SOP, nobody check the order.";
    let said = change_preview(before, after);
    let (l, r) = said.split_once(" → ").unwrap();
    assert!(
        l.contains('，') && r.contains(", ") && !r.contains('，'),
        "{said}"
    );
    assert!(l.chars().count() <= 30 && r.chars().count() <= 30, "{said}");
    // The change at the very start and at the very end are shown too.
    assert_eq!(
        change_preview("we has a plan", "we have a plan"),
        "we has a plan → we have a plan"
    );
}

#[test]
fn review_marks_what_changed_since_the_letter_sent_and_warns_of_a_repeat() {
    let file = example("late-shipment.poa.yaml");
    let sent = poa::history::Sent {
        on: "2026-11-20".parse().unwrap(),
        file: PathBuf::from("x.submitted/2026-11-20.poa.yaml"),
        case: file.clone(),
    };
    let mut changed = file.clone();
    changed.root_causes[0].why =
        "The evening pickup left at 17:00, before our one daily confirmation.".into();
    changed.rejections.push(poa::case::Rejection {
        on: "2026-11-24".parse().unwrap(),
        reply: "Your plan did not explain the root cause.".into(),
    });
    let texts = file
        .text_fields()
        .into_iter()
        .map(|f| f.text.trim().to_string())
        .collect();
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    update(
        &mut m,
        Msg::Opened {
            path: PathBuf::from("x.poa.yaml"),
            case: Box::new(changed),
            recovered: None,
            typed: Default::default(),
            locked: false,
            history: Box::new(poa::history::History {
                count: 1,
                last_on: Some(sent.on),
                last: Some(sent),
                rejected: Some(std::sync::Arc::new(poa::check::Rejected {
                    sent_on: Some("2026-11-20".parse().unwrap()),
                    rejected_on: Some("2026-11-24".parse().unwrap()),
                    texts,
                })),
            }),
        },
    );
    assert!(
        m.preview
            .starts_with("> **Changed since the letter sent on 20 November 2026: Root cause 1.**"),
        "{}",
        m.preview
    );
    // The letter opens with what it follows, as the export does.
    assert!(m.preview.contains("This is our second plan of action"));
    // The second cause and the plan repeat the rejected letter; the first
    // cause was revised.
    let c019: Vec<_> = m.findings.iter().filter(|f| f.code == "C019").collect();
    assert!(!c019.is_empty());
    assert!(
        c019.iter()
            .all(|f| !f.field.to_string().contains("root_causes[0]"))
    );
    go(&mut m, Step::Review);
    let shown = screen(&m, 120, 40);
    assert!(shown.contains("Changed since the letter sent"), "{shown}");
}

#[test]
fn the_questions_example_is_the_violations_own() {
    // 80x24 journey: the notice's questions showed "The root cause of the
    // late shipments" in an Order Defect Rate case.
    let asks_example = |name: &str| {
        let mut m = model(name, Lang::En);
        go(&mut m, Step::Notice);
        for _ in 0..40 {
            if m.spec().is_some_and(|s| s.guide == "notice.asks") {
                return m.example(m.spec().unwrap()).unwrap().0;
            }
            update(&mut m, Msg::NextField);
        }
        panic!("no questions field in the notice step");
    };
    let odr = asks_example("order-defect.poa.yaml");
    assert!(odr.contains("Order Defect Rate"), "{odr}");
    assert!(!odr.contains("late shipment"), "{odr}");
    // Near miss: a late-shipment case keeps its own.
    let lsr = asks_example("late-shipment.poa.yaml");
    assert!(lsr.to_lowercase().contains("late shipment"), "{lsr}");
}

#[test]
fn a_long_export_message_scrolls_at_80x24_and_keeps_its_last_line_in_reach() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    let notes: Vec<String> = (1..=30)
        .map(|i| format!("root_causes[{i}].who: the PDF font has no glyphs for 深 — printed as ?"))
        .collect();
    update(
        &mut m,
        Msg::Exported(Ok((vec![PathBuf::from("late-shipment.pdf")], notes)), false),
    );
    let s = screen(&m, 80, 24);
    assert!(s.contains("late-shipment.pdf"), "{s}");
    assert!(
        !s.contains("Press s"),
        "the offer is below the window's bottom: {s}"
    );
    assert!(s.contains("to read on"), "the box says it scrolls: {s}");
    // Down and PgDn scroll, and do not close the box or send the letter.
    for _ in 0..8 {
        let msg = keys::to_msg(&m, key(KeyCode::PageDown)).unwrap();
        assert_eq!(update(&mut m, msg), Vec::<Cmd>::new());
    }
    assert!(matches!(m.overlay, Some(Overlay::Exported(_))));
    // An autosave arriving meanwhile leaves the box where it was read.
    let (scrolled, revision) = (m.overlay_scroll, m.revision);
    update(
        &mut m,
        Msg::Saved {
            revision,
            error: None,
        },
    );
    assert_eq!(m.overlay_scroll, scrolled);
    let s = screen(&m, 80, 24);
    assert!(
        s.contains("root_causes[30]") && s.contains("Press s"),
        "the end is in reach, and the scroll stops there: {s}"
    );
    // Scrolled back, the top comes back.
    let msg = keys::to_msg(&m, key(KeyCode::PageUp)).unwrap();
    update(&mut m, msg);
    let msg = keys::to_msg(&m, key(KeyCode::Up)).unwrap();
    update(&mut m, msg);
    let s = screen(&m, 80, 24);
    assert!(!s.contains("root_causes[30]"), "{s}");
    // s still sends; the next message opens at its top.
    let msg = keys::to_msg(&m, key(KeyCode::Char('s'))).unwrap();
    assert_eq!(update(&mut m, msg), vec![Cmd::Save, Cmd::Submit]);
    assert_eq!(m.overlay_scroll, 0);
    // A short message does not say it scrolls.
    update(
        &mut m,
        Msg::Exported(
            Ok((vec![PathBuf::from("late-shipment.pdf")], Vec::new())),
            false,
        ),
    );
    assert!(!screen(&m, 80, 24).contains("to read on"));
}

#[test]
fn back_to_a_step_the_writer_is_where_they_left_it() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::RootCauses);
    update(&mut m, Msg::NextItem);
    update(&mut m, Msg::NextField);
    update(&mut m, Msg::NextField);
    let (item, field) = (m.item, m.field);
    assert_eq!(item, 1);
    update(&mut m, Msg::NextStep);
    assert_eq!(m.step, Step::Corrective);
    assert_eq!(
        (m.item, m.field),
        (0, 0),
        "a step not seen yet opens at its top"
    );
    update(&mut m, Msg::PrevStep);
    assert_eq!(m.step, Step::RootCauses);
    assert_eq!((m.item, m.field), (item, field), "PgUp comes back to R2");
    assert!(screen(&m, 80, 24).contains("item 2 of 2"));
    // An item removed since is not come back to.
    update(&mut m, Msg::NextStep);
    m.case.root_causes.truncate(1);
    update(&mut m, Msg::PrevStep);
    assert_eq!(m.item, 0);
}

#[test]
fn quitting_on_text_that_is_no_value_yet_asks_once_and_says_what_it_was() {
    // Nothing half typed: Ctrl+Q saves and quits at once.
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    assert_eq!(update(&mut m, Msg::Quit), vec![Cmd::Save, Cmd::Quit]);
    // A count typed as "96x7": not in the case, so the writer is told.
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::Metrics);
    to_field(&mut m, "metrics.count");
    let count = m.case.metrics[0].count;
    typ(&mut m, "x7");
    assert_eq!(m.case.metrics[0].count, count);
    assert_eq!(update(&mut m, Msg::Quit), Vec::<Cmd>::new(), "not quit yet");
    assert!(!m.quit);
    let s = screen(&m, 80, 24);
    assert!(s.contains("not in the case file"), "{s}");
    assert!(s.contains("x7\""), "the text typed is shown: {s}");
    // Any key goes back to the field with the text as typed.
    let msg = keys::to_msg(&m, key(KeyCode::Char('a'))).unwrap();
    update(&mut m, msg);
    assert_eq!(m.overlay, None);
    assert!(m.input.lines().join("").ends_with("x7"));
    // Asked again: it quits, and the loop keeps the text.
    assert_eq!(update(&mut m, Msg::Quit), vec![Cmd::Save, Cmd::Quit]);
    assert!(!m.pending.is_empty());
}

#[test]
fn a_paste_that_would_make_a_case_poa_cannot_open_is_refused_whole() {
    let mut m = model("late-shipment.poa.yaml", Lang::En);
    go(&mut m, Step::RootCauses);
    update(&mut m, Msg::NextField); // What
    let before = m.case.root_causes[0].what.clone();
    update(&mut m, Msg::Paste("word ".repeat(900_000)));
    assert_eq!(m.case.root_causes[0].what, before, "the field is as it was");
    let s = screen(&m, 80, 24);
    assert!(
        s.contains("not put in the field") && s.contains("4.3 MB"),
        "{s}"
    );
    // The near miss: a long paste that fits goes in.
    update(&mut m, Msg::Close);
    update(&mut m, Msg::Paste(" and more".repeat(1000)));
    assert!(m.case.root_causes[0].what.ends_with("and more"));
}
