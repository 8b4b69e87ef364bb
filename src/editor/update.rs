//! `update(model, msg) -> commands`: every change of state, and no input or
//! output (the loop runs the commands it returns).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea};

use super::model::{
    self, Kind, Model, Overlay, Start, Step, choice_matches, choices, fields, item_count, place_of,
};
use super::msg::{Cmd, Msg};
use super::strings::{S, fill, t};
use crate::case::{Case, Response, Section};
use crate::check;
use crate::compose::Templates;
use crate::playbook::{self, Lang};

/// Applies a message; returns the effects to run. Every change of the
/// editor's state happens here.
pub fn update(m: &mut Model, msg: Msg) -> Vec<Cmd> {
    // Each message box opens at its top; one that stays open keeps its
    // place whatever else arrives (a save, a check).
    let shown = m.overlay.clone();
    let cmds = update_any(m, msg);
    if m.overlay != shown {
        m.overlay_scroll = 0;
    }
    cmds
}

fn update_any(m: &mut Model, msg: Msg) -> Vec<Cmd> {
    // A check put off for a large case runs before anything that reads the
    // findings (a fix, a jump, a step, an export), and at the pause.
    if m.check_due && !matches!(msg, Msg::Input(_) | Msg::Paste(_)) {
        m.recheck();
    }
    if matches!(msg, Msg::Idle) {
        return Vec::new();
    }
    if matches!(msg, Msg::NotTaken) {
        m.not_taken += 1;
        return Vec::new();
    }
    // The count is of keys pressed while the window stayed too small.
    if !m.too_small() {
        m.not_taken = 0;
    }
    if let Some(cmds) = outcome(m, &msg) {
        return cmds;
    }
    // A window too small to show the field takes no pasted text: it would
    // land where the writer cannot see it (keys are stopped in `keys`).
    if m.too_small() && matches!(msg, Msg::Paste(_)) {
        return Vec::new();
    }
    if m.start.is_some() {
        return update_start(m, msg);
    }
    let step_before = m.step;
    let (revision, documents) = (m.revision, m.case.evidence.len());
    let on_file = m.spec().is_some_and(|s| s.guide == "evidence.file");
    let mut cmds = update_case(m, msg);
    // The files to look for change only with the file field or the list.
    if m.revision != revision && (on_file || m.case.evidence.len() != documents) {
        cmds.push(Cmd::LookForFiles);
    }
    // Leaving a step saves what was written in it.
    if m.step != step_before && m.dirty() && !cmds.contains(&Cmd::Save) {
        cmds.push(Cmd::Save);
    }
    cmds
}

/// A fresh model for a case, keeping what belongs to the session: the
/// language, the day, colours, the terminal's size and the folder's files.
fn reopen(m: &mut Model, path: std::path::PathBuf, case: Case) {
    let mut fresh = Model::new(path, case, m.lang, m.today);
    fresh.no_color = m.no_color;
    fresh.screen = m.screen;
    fresh.files = std::mem::take(&mut m.files);
    *m = fresh;
}

/// The results of opening, creating and restoring a case, on any screen.
fn outcome(m: &mut Model, msg: &Msg) -> Option<Vec<Cmd>> {
    match msg {
        Msg::Opened {
            path,
            case,
            recovered,
            typed,
            locked,
            history,
        } => {
            let shown = recovered.as_deref().unwrap_or(case).clone();
            reopen(m, path.clone(), shown);
            // The letters sent are known now: the letter and the findings
            // read them.
            if history.count > 0 {
                m.history = (**history).clone();
                m.preview = preview(m);
                m.recheck();
            }
            if recovered.is_some() {
                m.overlay = Some(Overlay::Recovered);
                // What was half typed comes back with the copy.
                m.pending = typed.clone();
                m.load_field();
            }
            if *locked {
                m.overlay = Some(Overlay::Locked);
            }
        }
        Msg::OpenFailed(error) => {
            m.start = Some(Start::Menu {
                files: m.files.clone(),
                selected: 0,
            });
            m.overlay = Some(Overlay::Message(error.clone()));
        }
        Msg::NameTaken { path, violation } => {
            m.status = fill(
                m.lang,
                S::FileExists,
                &[("path", &crate::case::shown(path))],
            );
            m.start = Some(Start::NameFile {
                violation: violation.clone(),
                notice: None,
                reading: None,
            });
        }
        Msg::Resized { width, height } => m.screen = (*width, *height),
        Msg::ChangedOnDisk => {
            // Quitting waits for the writer's answer.
            m.quit = false;
            m.overlay = Some(Overlay::ChangedOnDisk);
        }
        Msg::FilesMissing(files) => {
            if m.missing_files != *files {
                m.missing_files = files.clone();
                m.recheck();
            }
        }
        Msg::RecoveryDiscarded(original) => {
            if let Some(case) = original {
                reopen(m, m.path.clone(), (**case).clone());
            }
        }
        _ => return None,
    }
    // A case just opened: its evidence files are looked for on disk.
    let opened = matches!(msg, Msg::Opened { .. } | Msg::RecoveryDiscarded(Some(_)));
    Some(if opened {
        vec![Cmd::LookForFiles]
    } else {
        Vec::new()
    })
}

fn update_case(m: &mut Model, msg: Msg) -> Vec<Cmd> {
    match msg {
        Msg::NextField => {
            complete_choice(m);
            commit(m);
            let n = fields(m.step).len();
            if m.field + 1 < n {
                m.field += 1;
                m.load_field();
            } else {
                go_step(m, 1);
            }
        }
        Msg::PrevField => {
            commit(m);
            if m.field > 0 {
                m.field -= 1;
                m.load_field();
            } else if go_step(m, -1) {
                m.field = fields(m.step).len().saturating_sub(1);
                m.load_field();
            }
        }
        Msg::NextStep => {
            complete_choice(m);
            commit(m);
            go_step(m, 1);
        }
        Msg::PrevStep => {
            commit(m);
            go_step(m, -1);
        }
        Msg::GoStep(step) => {
            commit(m);
            to_step(m, step);
            m.status.clear();
            enter_step(m);
        }
        Msg::NextItem | Msg::PrevItem => {
            commit(m);
            let n = item_count(&m.case, m.step);
            m.item = if msg == Msg::NextItem {
                (m.item + 1).min(n.saturating_sub(1))
            } else {
                m.item.saturating_sub(1)
            };
            m.load_field();
            m.recheck();
        }
        Msg::AddItem => {
            commit(m);
            m.item = model::add_item(&mut m.case, m.step);
            m.field = 0;
            changed(m);
            m.load_field();
        }
        Msg::RemoveItem => {
            if item_count(&m.case, m.step) > 0 {
                m.overlay = Some(Overlay::ConfirmRemove);
            }
        }
        Msg::MoveItemUp | Msg::MoveItemDown => {
            commit(m);
            m.item = model::move_item(&mut m.case, m.step, m.item, msg == Msg::MoveItemUp);
            // Marks of suggested text are by item number: moved, they go.
            m.suggested.clear();
            changed(m);
            m.load_field();
        }
        Msg::Input(key) => input(m, key),
        Msg::Paste(text) => {
            // A case poa could not open again is not made: the paste is
            // refused whole, and is still the writer's to paste in parts.
            if m.field_bytes() + text.len() > m.room() {
                m.overlay = Some(Overlay::Message(too_large(m, text.len())));
                return Vec::new();
            }
            let text = crate::case::clean_text(&text);
            let text = match m.spec().map(|s| s.kind) {
                Some(k) if k.is_multiline() => text,
                _ => text.split_whitespace().collect::<Vec<_>>().join(" "),
            };
            if m.spec().is_some() && m.input.insert_str(&text) {
                typed(m);
            }
        }
        Msg::ChoiceNext | Msg::ChoicePrev => {
            if let Some(spec) = m.spec() {
                let mut options = choice_matches(spec, &m.choice_query);
                if options.is_empty() {
                    options = choices(spec);
                }
                if !options.is_empty() {
                    let cur = m.input.lines().join("");
                    let i = options.iter().position(|o| *o == cur.trim());
                    let next = match (i, msg == Msg::ChoiceNext) {
                        (Some(i), true) => (i + 1) % options.len(),
                        (Some(i), false) => (i + options.len() - 1) % options.len(),
                        (None, _) => 0,
                    };
                    m.input = TextArea::new(vec![options[next].to_string()]);
                    m.input.move_cursor(CursorMove::End);
                    edited(m);
                }
            }
        }
        Msg::NextFinding => {
            let n = m.visible_findings().len();
            if n > 0 {
                m.selected = (m.selected + 1) % n;
            } else if !m.findings.is_empty() {
                // Nothing here: say where the findings are, so F3 is
                // never a key that does nothing.
                let counts: Vec<String> = m
                    .steps()
                    .into_iter()
                    .filter(|s| *s != Step::Review)
                    .filter_map(|s| {
                        let k = m
                            .findings
                            .iter()
                            .filter(|f| place_of(&m.case, &f.field).0 == s)
                            .count();
                        let name = t(m.lang, s.name());
                        (k > 0).then(|| match s == m.step {
                            true => format!("{name} ({k}, {})", t(m.lang, S::InOtherItem)),
                            false => format!("{name} ({k})"),
                        })
                    })
                    .collect();
                m.status = fill(
                    m.lang,
                    S::FindingsElsewhere,
                    &[("steps", &counts.join(", "))],
                );
            }
        }
        Msg::ApplyFix => {
            let target = m.visible_findings().get(m.selected).map(|f| (*f).clone());
            match target {
                Some(f) if f.fix.is_some() => {
                    commit(m);
                    if check::apply_fixes(&mut m.case, std::slice::from_ref(&f)) > 0 {
                        changed(m);
                        m.load_field();
                        m.status = change_preview(&f.excerpt, &f.fix.unwrap_or_default());
                    }
                }
                Some(_) => m.status = no_fix(m.lang).into(),
                None => {}
            }
        }
        Msg::JumpToFinding => {
            if let Some(f) = m.visible_findings().get(m.selected).map(|f| (*f).clone()) {
                commit(m);
                let (step, item, field) = place_of(&m.case, &answer_of(m, &f));
                m.step = if m.steps().contains(&step) {
                    step
                } else {
                    Step::Review
                };
                m.item = item;
                m.field = field;
                enter_step(m);
                match m.step_findings().iter().position(|g| **g == f) {
                    Some(i) => m.selected = i,
                    // Landed where the finding is answered, not where it is
                    // listed: the status says why the writer is here.
                    None => {
                        m.selected = 0;
                        m.status = format!("{} {}", f.code, f.message_in(m.lang));
                    }
                }
            }
        }
        Msg::NextPlaceholder => select_placeholder(m, true),
        Msg::OpenSuggestions => {
            let items = suggestions(m);
            m.overlay = Some(Overlay::Suggestions { items, selected: 0 });
        }
        Msg::Help => m.overlay = Some(Overlay::Help),
        Msg::Close => m.overlay = None,
        Msg::Answer(yes) => {
            let overlay = m.overlay.take();
            match overlay {
                Some(Overlay::ConfirmRemove) if yes => {
                    model::remove_item(&mut m.case, m.step, m.item);
                    m.suggested.clear();
                    let n = item_count(&m.case, m.step);
                    m.item = m.item.min(n.saturating_sub(1));
                    m.pending.retain(|(s, _, _), _| *s != m.step);
                    changed(m);
                    m.load_field();
                }
                Some(Overlay::ExportWithErrors(formats)) if yes => {
                    return vec![
                        Cmd::Save,
                        Cmd::Export {
                            formats,
                            draft: false,
                        },
                    ];
                }
                Some(Overlay::ChangedOnDisk) if yes => {
                    m.hold_saves = false;
                    return vec![Cmd::SaveAnyway];
                }
                Some(Overlay::ChangedOnDisk) => {
                    m.hold_saves = true;
                    m.status = t(m.lang, S::NotSavedDiskChanged).into();
                }
                Some(Overlay::Recovered) if !yes => return vec![Cmd::DiscardRecovery],
                Some(Overlay::Recovered) => {
                    // The restored case is already in the model; write it.
                    changed(m);
                    return vec![Cmd::Save];
                }
                _ => {}
            }
        }
        Msg::OverlayUp | Msg::OverlayDown => {
            if let Some(Overlay::Suggestions { items, selected }) = &mut m.overlay {
                let n = items.len().max(1);
                *selected = if msg == Msg::OverlayDown {
                    (*selected + 1) % n
                } else {
                    (*selected + n - 1) % n
                };
            }
        }
        Msg::OverlayEnter => {
            if let Some(Overlay::Suggestions { items, selected }) = m.overlay.take()
                && let Some((text, _)) = items.get(selected)
            {
                insert_suggestion(m, text);
            }
        }
        Msg::ScrollPreview(d) => {
            // The view stops at the letter's last line, as for the guide.
            let room = i32::from(m.review_room.get());
            m.review_scroll = (i32::from(m.review_scroll) + i32::from(d)).clamp(0, room) as u16;
        }
        Msg::ScrollMessage(d) => {
            let room = i32::from(m.overlay_room.get());
            m.overlay_scroll = (i32::from(m.overlay_scroll) + i32::from(d)).clamp(0, room) as u16;
        }
        Msg::ScrollHint(d) => {
            // The view stops at the guide's last line.
            let room = i32::from(m.hint_room.get());
            m.hint_scroll = (i32::from(m.hint_scroll) + i32::from(d)).clamp(0, room) as u16;
        }
        Msg::ToggleRail => m.rail_hidden = !m.rail_hidden,
        Msg::Export(formats) => {
            commit(m);
            // Errors are what gets an appeal rejected: ask before exporting.
            if check::counts(&m.findings).0 > 0 {
                m.overlay = Some(Overlay::ExportWithErrors(formats));
                return vec![Cmd::Save];
            }
            return vec![
                Cmd::Save,
                Cmd::Export {
                    formats,
                    draft: false,
                },
            ];
        }
        Msg::Save => {
            commit(m);
            m.hold_saves = false;
            return vec![Cmd::Save];
        }
        Msg::EditExternally => {
            if m.spec().is_some() {
                return vec![Cmd::EditExternally(m.input.lines().join("\n"), m.room())];
            }
        }
        Msg::ExternalTooLarge { bytes, kept } => {
            let mut text = too_large(m, bytes as usize);
            text.push_str("\n\n");
            text.push_str(&fill(
                m.lang,
                S::KeptExternal,
                &[("path", &crate::case::shown(kept))],
            ));
            m.overlay = Some(Overlay::Message(text));
        }
        Msg::ExternalEdited(text) => {
            if let Some(text) = text {
                let text = crate::case::clean_text(&text);
                let lines: Vec<String> = text
                    .trim_end_matches('\n')
                    .split('\n')
                    .map(String::from)
                    .collect();
                m.input = TextArea::new(lines);
                edited(m);
                m.load_field();
            }
        }
        Msg::Quit => {
            commit(m);
            // Text that is not a date or a number yet is in no file: the
            // writer is told, once, before the editor closes on it.
            if !m.pending.is_empty() && !m.quit_half_typed {
                m.quit_half_typed = true;
                m.overlay = Some(Overlay::Message(fill(
                    m.lang,
                    S::QuitHalfTyped,
                    &[("fields", &half_typed(m))],
                )));
                return Vec::new();
            }
            m.quit = true;
            // Asked a second time after a failed save: quit, and the loop
            // keeps the text in a recovery copy wherever it can write one.
            if m.quit_unsaved {
                return vec![Cmd::Quit];
            }
            // A file changed on disk is not overwritten on the way out: the
            // loop keeps the text in the recovery copy and says where.
            if m.hold_saves || m.overlay == Some(Overlay::ChangedOnDisk) {
                return vec![Cmd::Quit];
            }
            return vec![Cmd::Save, Cmd::Quit];
        }
        Msg::Saved { revision, error } => match error {
            None => {
                m.saved_revision = m.saved_revision.max(revision);
            }
            Some(e) => {
                // Never quit on a failed save: the text would be gone
                // (unless the writer asked again, knowing it).
                if m.quit && m.quit_unsaved {
                } else if m.quit {
                    m.quit = false;
                    m.quit_unsaved = true;
                    m.overlay = Some(Overlay::Message(fill(
                        m.lang,
                        S::QuitNotSaved,
                        &[("error", &e)],
                    )));
                } else {
                    m.overlay = Some(Overlay::Message(e.clone()));
                }
                m.status = e;
            }
        },
        Msg::ExportDraft => {
            if let Some(Overlay::ExportWithErrors(formats)) = m.overlay.take() {
                return vec![
                    Cmd::Save,
                    Cmd::Export {
                        formats,
                        draft: true,
                    },
                ];
            }
        }
        Msg::Exported(result, draft) => {
            let sent = result.is_ok() && !draft;
            // The status line says it in one line: the files written, or
            // the error's first line (the box below has the rest).
            let files = |paths: &[std::path::PathBuf], between: &str| {
                let list: Vec<String> = paths.iter().map(crate::case::shown).collect();
                fill(m.lang, S::Written, &[("files", &list.join(between))])
            };
            m.status = match &result {
                Ok((paths, _)) => files(paths, ", ").replace('\n', " "),
                Err(e) => e.lines().next().unwrap_or_default().to_string(),
            };
            let text = match result {
                Ok((paths, notes)) => {
                    let mut text = files(&paths, "\n");
                    // What the PDF printed otherwise: never a silent "?".
                    if !notes.is_empty() {
                        text = format!(
                            "{text}\n\n{}\n{}",
                            t(m.lang, S::ExportNotes),
                            notes.join("\n")
                        );
                    }
                    text
                }
                Err(e) => e,
            };
            m.overlay = Some(if sent {
                // Kept when sent, the next letter can say what is new.
                let n = (m.history.count + 1).to_string();
                Overlay::Exported(format!(
                    "{text}\n\n{}",
                    fill(m.lang, S::OfferSubmit, &[("n", &n)])
                ))
            } else {
                Overlay::Message(text)
            });
        }
        Msg::Submit => {
            m.overlay = None;
            return vec![Cmd::Save, Cmd::Submit];
        }
        Msg::Submitted(kept, history) => {
            let text = match kept {
                Ok(copy) => fill(
                    m.lang,
                    S::Submitted,
                    &[
                        ("n", &history.count.to_string()),
                        (
                            "date",
                            &match m.lang {
                                crate::playbook::Lang::Zh => m.today.to_string(),
                                crate::playbook::Lang::En => m.today.long(),
                            },
                        ),
                        ("path", &crate::case::shown(&copy)),
                        ("file", &crate::case::shown(&m.path)),
                    ],
                ),
                Err(e) => e,
            };
            m.history = *history;
            m.status = text.lines().next().unwrap_or_default().to_string();
            m.overlay = Some(Overlay::Message(text));
        }
        Msg::StartUp
        | Msg::StartDown
        | Msg::StartEnter
        | Msg::StartContinue
        | Msg::Idle
        | Msg::NotTaken => {}
        // Handled by `outcome` before a screen sees them.
        Msg::Opened { .. }
        | Msg::OpenFailed(_)
        | Msg::NameTaken { .. }
        | Msg::Resized { .. }
        | Msg::ChangedOnDisk
        | Msg::FilesMissing(_)
        | Msg::RecoveryDiscarded(_) => {}
    }
    Vec::new()
}

/// The file-name box, with the suggested name's stem selected so that
/// typing replaces it and `.poa.yaml` stays.
fn name_box(stem: &str) -> TextArea<'static> {
    let mut input = TextArea::new(vec![format!("{stem}.poa.yaml")]);
    input.move_cursor(CursorMove::Head);
    input.start_selection();
    for _ in 0..stem.chars().count() {
        input.move_cursor(CursorMove::Forward);
    }
    input
}

fn no_fix(lang: Lang) -> &'static str {
    t(lang, S::NoFix)
}

/// Where the writer fixes a finding. Mostly its own place; an ASIN or
/// order of the notice that the appeal never mentions (C012) is fixed by
/// writing about it, in the first root cause or the explanation, not by
/// deleting it from the notice's list.
fn answer_of(m: &Model, f: &check::Finding) -> check::FieldId {
    use crate::case::{FieldPath, Section};
    match f.code {
        "C012" if m.case.is_dispute() => check::FieldId::Case(FieldPath::top(Section::Explanation)),
        "C012" => check::FieldId::Case(FieldPath::item(Section::RootCauses, 0, "what")),
        _ => f.field,
    }
}

/// Stores the field being edited; re-checks if the case changed.
fn commit(m: &mut Model) {
    if m.store_field() {
        changed(m);
    }
}

/// "before → after" for the status line, short enough to be read whole:
/// only the part that changed, with a few letters around it ("…SOP，
/// nobody → …SOP, nobody"), each side at most 30 letters.
pub fn change_preview(before: &str, after: &str) -> String {
    let (b, a): (Vec<char>, Vec<char>) = (before.chars().collect(), after.chars().collect());
    let head = b.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let tail = b[head..]
        .iter()
        .rev()
        .zip(a[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    const AROUND: usize = 8;
    let side = |s: &[char]| -> String {
        let from = head.saturating_sub(AROUND);
        let to = (s.len() - tail + AROUND).min(s.len());
        let mut out = String::new();
        if from > 0 {
            out.push('…');
        }
        out.extend(&s[from..to]);
        if to < s.len() {
            out.push('…');
        }
        crate::check::text::shorten(&out, 30)
    };
    format!("{} → {}", side(&b), side(&a))
}

/// The case changed: count the edit and check again.
fn changed(m: &mut Model) {
    m.revision += 1;
    m.recheck_soon();
    if m.step == Step::Review {
        m.preview = preview(m);
    }
}

/// The input box changed.
fn edited(m: &mut Model) {
    let step_count_before = m.steps();
    // What the field held half-typed before this key (one field's text,
    // not the whole map: this runs on every keystroke).
    let key = m.spec().map(|s| (m.step, m.item, s.guide));
    let typed = |m: &Model| key.and_then(|k| m.pending.get(&k).cloned());
    let typed_before = typed(m);
    // A half-typed value is kept pending and changes nothing in the case.
    if m.store_field() {
        changed(m);
        // Changing the violation or the answer changes the steps.
        if m.steps() != step_count_before {
            m.recheck();
        }
    } else if typed(m) != typed_before {
        // A date that stops being one (or becomes one again) changes what
        // the checker sees, though not the case.
        m.recheck_soon();
    }
    m.underline();
}

fn input(m: &mut Model, key: KeyEvent) {
    if m.spec().is_none() {
        return;
    }
    // Keys that would break a one-line field.
    let one_line = m.spec().is_some_and(|s| !s.kind.is_multiline());
    if one_line
        && (key.code == KeyCode::Enter
            || (key.modifiers.contains(KeyModifiers::CONTROL)
                && matches!(key.code, KeyCode::Char('m' | 'j'))))
    {
        return;
    }
    // Typing over a choice searches afresh ("other" + "test" is no search).
    if let Some(spec) = m.spec().filter(|s| s.kind == Kind::Choice)
        && let KeyCode::Char(_) = key.code
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        && choices(spec).contains(&m.input.lines().join("").trim())
    {
        m.input = TextArea::default();
    }
    if m.input.input(key) {
        typed(m);
    }
}

/// The writer typed or pasted into the field: in a choice, that is also
/// what the choices are searched by (a choice picked with ↑/↓ is not).
fn typed(m: &mut Model) {
    edited(m);
    undo_fill_if_taken_back(m);
    if m.spec().is_some_and(|s| s.kind == Kind::Choice) {
        m.choice_query = m.input.lines().join("");
    }
}

/// Ctrl+Z took a suggestion back (the field holds again what it held
/// before): the owner, cadence or kind it filled go back too, unless the
/// writer has changed them since.
fn undo_fill_if_taken_back(m: &mut Model) {
    let Some(f) = &m.undo_fill else { return };
    if f.step != m.step || f.item != m.item {
        return;
    }
    if m.input.lines().join("\n") != f.field_before {
        return;
    }
    let f = m.undo_fill.take().expect("checked above");
    let mut back = Vec::new();
    for (path, before, after, key) in &f.fields {
        if m.case.display(path) == *after && m.case.assign(path, before).is_ok() {
            m.suggested.remove(&(f.step, f.item, *key));
            back.push(label_of(path.section, key, m.lang));
        }
    }
    if !back.is_empty() {
        changed(m);
        m.status = fill(m.lang, S::FillUndone, &[("fields", &back.join(", "))]);
    }
}

/// Leaving a choice field with a search typed takes the first choice that
/// matches it.
fn complete_choice(m: &mut Model) {
    let Some(spec) = m.spec().filter(|s| s.kind == Kind::Choice) else {
        return;
    };
    let typed = m.input.lines().join("");
    let options = choice_matches(spec, &typed);
    if typed.trim().is_empty() || options.iter().any(|o| *o == typed.trim()) {
        return;
    }
    if let Some(first) = options.first() {
        m.input = TextArea::new(vec![first.to_string()]);
        m.input.move_cursor(CursorMove::End);
        edited(m);
    }
}

/// Moves to the next (`dir` = 1) or previous step; false at either end.
fn go_step(m: &mut Model, dir: i32) -> bool {
    let steps = m.steps();
    let i = steps.iter().position(|s| *s == m.step).unwrap_or(0) as i32 + dir;
    if i < 0 || i as usize >= steps.len() {
        return false;
    }
    to_step(m, steps[i as usize]);
    // What the status said was about the step left behind.
    m.status.clear();
    enter_step(m);
    true
}

/// Why a text of `bytes` was not taken into the field.
fn too_large(m: &Model, bytes: usize) -> String {
    let mb = |b: usize| format!("{:.1} MB", b as f64 / (1024.0 * 1024.0));
    fill(
        m.lang,
        S::TooLargeForCase,
        &[
            ("size", &mb(bytes)),
            ("limit", &mb(crate::case::MAX_FILE_BYTES as usize)),
        ],
    )
}

/// The texts typed that are not a value yet, one a line: `Notice date:
/// "2026-11-109"`.
pub fn half_typed(m: &Model) -> String {
    m.pending
        .iter()
        .map(|((_, item, guide), text)| {
            let label = match crate::case::schema::by_guide_key(guide) {
                Some(s) if s.section.is_list() => format!("{} ({})", m.label(s), item + 1),
                Some(s) => m.label(s),
                None => guide.to_string(),
            };
            format!("{label}: \"{}\"", text.trim())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Goes to `step`, at the item and field the writer left it at (the first,
/// the first time): back from the next step, the writer is where they were.
/// Asked for the step they are on, they go to its top.
fn to_step(m: &mut Model, step: Step) {
    m.left_at.insert(m.step, (m.item, m.field));
    (m.item, m.field) = if step == m.step {
        (0, 0)
    } else {
        m.left_at.get(&step).copied().unwrap_or((0, 0))
    };
    m.step = step;
}

fn enter_step(m: &mut Model) {
    let n = item_count(&m.case, m.step);
    if m.step.is_list() && m.item >= n {
        m.item = n.saturating_sub(1);
    }
    m.field = m
        .field
        .min(super::model::fields(m.step).len().saturating_sub(1));
    m.selected = 0;
    m.load_field();
    m.recheck();
    if m.step == Step::Review {
        m.preview = preview(m);
        m.review_scroll = 0;
    }
}

/// The letter as Markdown, or what stops it; after a letter sent, what
/// changed since above it.
pub fn preview(m: &Model) -> String {
    let date = m.case.dated.unwrap_or(m.today);
    // One comparison with the last letter sent, for the letter's "what is
    // new" and for the note above it.
    let changes = m
        .history
        .last
        .as_ref()
        .map(|last| crate::diff::diff(&last.case, &m.case, m.lang));
    let before = m.history.before(&m.case).zip(changes.as_deref());
    let md = match crate::document::letter_after(&m.case, date, before)
        .and_then(|l| Templates::embedded().markdown(&l))
    {
        Ok(md) => md,
        Err(e) => return fill(m.lang, S::NoLetterYet, &[("error", &e.to_string())]),
    };
    match (&m.history.last, &changes) {
        (Some(last), Some(changes)) => {
            format!("{}\n\n{md}", changed_since(m.lang, last.on, changes))
        }
        _ => md,
    }
}

/// "Changed since the letter sent on 20 November 2026: Root cause 1;
/// Corrective action 3 (new) …", or that nothing has.
fn changed_since(
    lang: Lang,
    sent_on: crate::case::Date,
    changes: &[crate::diff::Change],
) -> String {
    use crate::diff::Kind;
    let zh = lang == Lang::Zh;
    let mut items: Vec<String> = Vec::new();
    for c in changes {
        let name = match c.item {
            Some(i) => format!("{} {}", c.section.item_title(lang), i + 1),
            None => c.section.item_title(lang).to_string(),
        };
        let name = match (c.kind, zh) {
            (Kind::Added, true) => format!("{name}（新增）"),
            (Kind::Added, false) => format!("{name} (new)"),
            (Kind::Removed, true) => format!("{name}（已删除）"),
            (Kind::Removed, false) => format!("{name} (removed)"),
            (Kind::Changed, _) => name,
        };
        if !items.contains(&name) {
            items.push(name);
        }
    }
    let text = match (items.is_empty(), zh) {
        (true, true) => format!("与 {sent_on} 提交的信相比没有改动。"),
        (true, false) => format!(
            "Nothing has changed since the letter sent on {}.",
            sent_on.long()
        ),
        (false, true) => format!("自 {sent_on} 提交后已修改：{}", items.join("；")),
        (false, false) => format!(
            "Changed since the letter sent on {}: {}.",
            sent_on.long(),
            items.join("; ")
        ),
    };
    format!("> **{text}**")
}

/// Suggestions for the current field: (English text to insert, what it says
/// in the writer's language).
fn suggestions(m: &Model) -> Vec<(String, String)> {
    let Some(spec) = m.spec() else {
        return Vec::new();
    };
    let Some(pb) = m.playbook() else {
        return Vec::new();
    };
    let pair = |t: &playbook::Text| (t.en.clone(), t.get(m.lang).to_string());
    match spec.guide {
        "root_causes.summary" => pb.root_causes.iter().map(|c| pair(&c.summary)).collect(),
        "root_causes.why" => pb.root_causes.iter().map(|c| pair(&c.why)).collect(),
        "corrective_actions.action" => pb.corrective.iter().map(|a| pair(&a.action)).collect(),
        "corrective_actions.owner" => pb.corrective.iter().map(|a| pair(&a.owner)).collect(),
        "preventive_measures.measure" => pb.preventive.iter().map(|p| pair(&p.measure)).collect(),
        "preventive_measures.owner" => pb.preventive.iter().map(|p| pair(&p.owner)).collect(),
        "preventive_measures.cadence" => pb.preventive.iter().map(|p| pair(&p.cadence)).collect(),
        "evidence.title" => pb
            .evidence_for(m.case.notice.response)
            .iter()
            .map(|e| pair(&e.title))
            .collect(),
        "notice.asks" => pb
            .asks_for(m.case.notice.response)
            .iter()
            .map(|a| (a.clone(), a.clone()))
            .collect(),
        key => pb
            .guide(key, Lang::En)
            .map(|g| {
                let shown = pb
                    .guide(key, m.lang)
                    .map(|x| x.example.clone())
                    .unwrap_or_default();
                vec![(g.example.clone(), shown)]
            })
            .unwrap_or_default(),
    }
}

/// Puts a suggestion in the field (with the owner and cadence that go with
/// an action or measure), and selects its first placeholder.
fn insert_suggestion(m: &mut Model, text: &str) {
    let Some(spec) = m.spec() else { return };
    // On an empty list the suggestion starts the first item.
    if m.step.is_list() && item_count(&m.case, m.step) == 0 {
        m.item = model::add_item(&mut m.case, m.step);
        m.load_field();
    }
    // The suggestion goes into the text box as an edit, so Ctrl+Z takes it
    // back: after what is written in a text or a list, in place of a
    // one-line value.
    let current = m.input.lines().join("\n");
    let case_before = m.case.clone();
    if current.trim().is_empty() || !spec.kind.is_multiline() {
        m.input.select_all();
        m.input.insert_str(text);
    } else {
        m.input.move_cursor(CursorMove::Bottom);
        m.input.move_cursor(CursorMove::End);
        m.input.insert_str(format!("\n{text}"));
    }
    edited(m);
    let mut filled: Vec<&'static str> = Vec::new();
    // An action's or measure's owner and cadence come with it.
    if let Some(pb) = m.playbook() {
        let i = m.item;
        if spec.guide == "corrective_actions.action"
            && let Some(s) = pb.corrective.iter().find(|s| s.action.en == text)
            && let Some(a) = m.case.corrective_actions.get_mut(i)
            && a.owner.trim().is_empty()
            && !s.owner.en.trim().is_empty()
        {
            a.owner = s.owner.en.clone();
            filled.push(label_of(Section::CorrectiveActions, "owner", m.lang));
            m.suggested.insert((m.step, i, "owner"));
        }
        if spec.guide == "preventive_measures.measure"
            && let Some(s) = pb.preventive.iter().find(|s| s.measure.en == text)
            && let Some(p) = m.case.preventive_measures.get_mut(i)
        {
            if p.owner.trim().is_empty() && !s.owner.en.trim().is_empty() {
                p.owner = s.owner.en.clone();
                filled.push(label_of(Section::PreventiveMeasures, "owner", m.lang));
                m.suggested.insert((m.step, i, "owner"));
            }
            if p.cadence.trim().is_empty() && !s.cadence.en.trim().is_empty() {
                p.cadence = s.cadence.en.clone();
                filled.push(label_of(Section::PreventiveMeasures, "cadence", m.lang));
                m.suggested.insert((m.step, i, "cadence"));
            }
        }
        if spec.guide == "evidence.title"
            && let Some(s) = pb
                .evidence_for(m.case.notice.response)
                .iter()
                .find(|s| s.title.en == text)
            && let Some(e) = m.case.evidence.get_mut(i)
        {
            e.kind = s.kind;
            filled.push(label_of(Section::Evidence, "kind", m.lang));
            m.suggested.insert((m.step, i, "kind"));
        }
    }
    changed(m);
    let i = m.item;
    let fields: Vec<_> = m
        .suggested
        .iter()
        .filter(|(st, it, _)| *st == m.step && *it == i)
        .filter_map(|&(st, it, key)| {
            let path = crate::case::FieldPath::item(st.list()?, it, key);
            let (before, after) = (case_before.display(&path), m.case.display(&path));
            (before != after).then_some((path, before, after, key))
        })
        .collect();
    m.undo_fill = (!fields.is_empty()).then(|| model::Filled {
        step: m.step,
        item: i,
        field_before: current.clone(),
        fields,
    });
    if !filled.is_empty() {
        // Said, so that a writer who goes on to those fields sees they hold text.
        m.status = fill(m.lang, S::AlsoFilled, &[("fields", &filled.join(", "))]);
    }
    select_placeholder(m, false);
}

/// A field's label in the editor, from the field table.
fn label_of(section: Section, key: &str, lang: Lang) -> &'static str {
    crate::case::schema::field(section, key).map_or("", |f| f.label(lang))
}

/// Selects the next `{placeholder}` after the cursor (from the start when
/// `after_cursor` is false), so typing replaces it.
pub(crate) fn select_placeholder(m: &mut Model, after_cursor: bool) {
    let lines: Vec<String> = m.input.lines().to_vec();
    let cursor = m.input.cursor();
    let (cy, cx) = (cursor.0, cursor.1);
    let mut found = None;
    for (y, line) in lines.iter().enumerate() {
        for r in playbook::placeholders(line) {
            let col = line[..r.start].chars().count();
            let len = line[r.clone()].chars().count();
            if !after_cursor || (y, col) > (cy, cx) || (y == cy && col >= cx && cx == 0) {
                found = Some((y, col, len));
                break;
            }
        }
        if found.is_some() {
            break;
        }
    }
    if found.is_none() && after_cursor {
        // Wrap around to the first one.
        return select_placeholder(m, false);
    }
    if let Some((y, col, len)) = found {
        m.input.cancel_selection();
        m.input.move_cursor(CursorMove::Jump(y as u16, col as u16));
        m.input.start_selection();
        m.input
            .move_cursor(CursorMove::Jump(y as u16, (col + len) as u16));
    }
}

/// The start screen.
fn update_start(m: &mut Model, msg: Msg) -> Vec<Cmd> {
    let Some(start) = m.start.take() else {
        return Vec::new();
    };
    let ids = playbook::ids();
    let next = match (start, msg) {
        (_, Msg::Quit) => {
            m.quit = true;
            return vec![Cmd::Quit];
        }
        (Start::Menu { files, selected }, Msg::StartUp) => Start::Menu {
            selected: selected.saturating_sub(1),
            files,
        },
        (Start::Menu { files, selected }, Msg::StartDown) => {
            let n = files.len() + 2;
            Start::Menu {
                selected: (selected + 1).min(n - 1),
                files,
            }
        }
        (Start::Menu { files, selected }, Msg::StartEnter) => match selected {
            0 => Start::PickViolation { selected: 0 },
            1 => {
                // A notice's long lines wrap, so all of it can be read back.
                m.input = TextArea::default();
                m.input
                    .set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
                Start::PasteNotice
            }
            i => {
                if let Some(path) = files.get(i - 2) {
                    return vec![Cmd::OpenCase(path.clone())];
                }
                Start::Menu { files, selected }
            }
        },
        (Start::PickViolation { selected }, Msg::StartUp) => Start::PickViolation {
            selected: selected.saturating_sub(1),
        },
        (Start::PickViolation { selected }, Msg::StartDown) => Start::PickViolation {
            selected: (selected + 1).min(ids.len() - 1),
        },
        (Start::PickViolation { selected }, Msg::StartEnter) => {
            let violation = ids[selected].to_string();
            m.input = name_box(&format!("{violation}-{}", m.today));
            Start::NameFile {
                violation,
                notice: None,
                reading: None,
            }
        }
        (Start::PasteNotice, Msg::Input(key)) => {
            m.input.input(key);
            Start::PasteNotice
        }
        (Start::PasteNotice, Msg::Paste(text)) => {
            m.input.insert_str(crate::case::clean_text(&text));
            Start::PasteNotice
        }
        (Start::PasteNotice, Msg::StartContinue) => {
            let text = m.input.lines().join("\n");
            let reading = crate::notice::read(&text);
            match reading.violation {
                Some(v) => {
                    m.input = name_box(&format!("{v}-{}", m.today));
                    m.status = fill(m.lang, S::NoticeRead, &[("violation", v)]);
                    Start::NameFile {
                        violation: v.to_string(),
                        notice: Some(text),
                        reading: Some(Box::new(reading)),
                    }
                }
                None => {
                    m.status = t(m.lang, S::NotANotice).into();
                    Start::PasteNotice
                }
            }
        }
        (
            Start::NameFile {
                violation,
                notice,
                reading,
            },
            Msg::Input(key),
        ) => {
            if key.code != KeyCode::Enter {
                m.input.input(key);
            }
            Start::NameFile {
                violation,
                notice,
                reading,
            }
        }
        (
            Start::NameFile {
                violation, notice, ..
            },
            Msg::StartContinue,
        ) => {
            let typed = m.input.lines().join("");
            let stem = crate::document::case_stem(typed.trim());
            if stem.is_empty() {
                m.status = t(m.lang, S::NameFirst).into();
                return Vec::new();
            }
            let path = std::path::PathBuf::from(format!("{stem}.poa.yaml"));
            let case = new_case(&violation, notice.as_deref());
            return vec![Cmd::CreateCase {
                path,
                case: Box::new(case),
            }];
        }
        (Start::Menu { files, selected }, Msg::Close) => Start::Menu { files, selected },
        (_, Msg::Close) => Start::Menu {
            files: m.files.clone(),
            selected: 0,
        },
        (s, _) => s,
    };
    m.start = Some(next);
    Vec::new()
}

/// A new case for a violation, from a notice when there is one.
pub fn new_case(violation: &str, notice: Option<&str>) -> Case {
    let pb = playbook::get(violation).unwrap_or_else(|| playbook::all()[0]);
    let mut case = playbook::scaffold(pb, pb.response, "");
    if let Some(text) = notice {
        let r = crate::notice::read(text);
        crate::notice::apply(&mut case, &r, text);
        if let Some(mp) = r.marketplace {
            case.seller.marketplace = mp.to_string();
        }
    }
    if case.notice.response == Response::Dispute {
        case.root_causes.clear();
    }
    case
}
