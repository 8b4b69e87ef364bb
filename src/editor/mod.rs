//! The guided editor: `poa edit FILE`, and `poa` alone as a start screen.
//!
//! Elm-shaped: `model` holds the state, `keys` turns key presses into
//! messages, `update` changes the model and returns commands, `view` draws
//! it. This file is the loop: the terminal, the clock, the disk and
//! `$EDITOR`; the only part of the editor that does input or output.
//!
//! Nothing is lost: every change is copied to a recovery file within a
//! second, the case file itself is saved atomically when typing pauses, on
//! every step change and on quit; a panic restores the terminal and writes
//! the recovery file; the next open offers what the recovery file holds.

pub mod keys;
pub mod model;
pub mod msg;
pub mod strings;
pub mod update;
pub mod view;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};

use crate::case::{self, Case, Date};
use crate::compose::Templates;
use crate::document::{self, Export, Format};
use crate::playbook::Lang;
use model::{Model, Overlay, Start};
use msg::{Cmd, Msg};

/// Why the editor could not run.
#[derive(Debug, thiserror::Error)]
pub enum EditorError {
    #[error(transparent)]
    Load(#[from] case::LoadError),
    #[error(transparent)]
    Save(#[from] case::SaveError),
    #[error("the terminal failed: {0}")]
    Terminal(#[from] std::io::Error),
}

/// How the editor starts.
#[derive(Debug, Clone)]
pub struct Options {
    pub lang: Lang,
    pub today: Date,
    pub no_color: bool,
}

/// The case the panic hook writes to the recovery file.
static SNAPSHOT: Mutex<Option<(PathBuf, Case)>> = Mutex::new(None);

/// The hidden file beside a case that holds its unsaved changes.
pub fn recovery_path(path: &Path) -> PathBuf {
    hidden(path, "recover")
}

fn lock_path(path: &Path) -> PathBuf {
    hidden(path, "lock")
}

fn hidden(path: &Path, what: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{what}"))
}

/// Holds the lock on a case while the editor has it open.
struct Lock {
    file: Option<std::fs::File>,
    path: PathBuf,
}

impl Lock {
    /// Takes the lock; `held_elsewhere` says another editor has it.
    fn take(case_path: &Path) -> (Lock, bool) {
        let path = lock_path(case_path);
        let Ok(file) = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
        else {
            return (Lock { file: None, path }, false);
        };
        match file.try_lock() {
            Ok(()) => {
                let mut f = &file;
                let _ = f.write_all(format!("{}\n", std::process::id()).as_bytes());
                (
                    Lock {
                        file: Some(file),
                        path,
                    },
                    false,
                )
            }
            Err(_) => (Lock { file: None, path }, true),
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if let Some(f) = self.file.take() {
            let _ = f.unlock();
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

fn snapshot(m: &Model) {
    if let Ok(mut s) = SNAPSHOT.lock() {
        *s = Some((m.path.clone(), m.case.clone()));
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = ratatui::try_restore();
        let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
        if let Ok(Some((path, case))) = SNAPSHOT.lock().map(|s| s.clone()) {
            let rec = recovery_path(&path);
            if case::write_atomic(&rec, case::to_yaml(&case).as_bytes()).is_ok() {
                eprintln!(
                    "poa stopped on an error. Your latest text is safe in {}; open {} again to restore it.",
                    rec.display(),
                    path.display()
                );
            }
        }
        previous(info);
    }));
}

/// Opens a case file in the editor.
pub fn edit(path: PathBuf, opts: Options) -> Result<(), EditorError> {
    let source = case::read_file(
        &path,
        "A case file starts with `version: 1`; create one with `poa new FILE`",
    )?;
    let case = case::from_yaml(&source, &path.display().to_string())?;
    let model = open_model(path, case, &opts);
    run(model, &opts)
}

/// The start screen: a new case, or one of the case files in this folder.
pub fn start(opts: Options) -> Result<(), EditorError> {
    let mut m = Model::new(
        PathBuf::from("new.poa.yaml"),
        Case::new(),
        opts.lang,
        opts.today,
    );
    m.no_color = opts.no_color;
    m.files = case_files(Path::new("."));
    m.start = Some(Start::Menu {
        files: m.files.clone(),
        selected: 0,
    });
    run(m, &opts)
}

fn case_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| {
            r.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(".poa.yaml"))
                .map(|p| p.strip_prefix("./").map(Path::to_path_buf).unwrap_or(p))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// A model for a case, with the recovery offer when a newer copy exists.
fn open_model(path: PathBuf, case: Case, opts: &Options) -> Model {
    let rec = recovery_path(&path);
    let recovered = std::fs::read_to_string(&rec)
        .ok()
        .and_then(|t| case::from_yaml(&t, &rec.display().to_string()).ok())
        .filter(|r| *r != case);
    let mut m = Model::new(
        path,
        recovered.clone().unwrap_or(case),
        opts.lang,
        opts.today,
    );
    m.no_color = opts.no_color;
    if recovered.is_some() {
        m.overlay = Some(Overlay::Recovered);
    }
    m
}

/// Timers of the loop.
struct Clock {
    last_edit: Option<Instant>,
    journal_rev: u64,
    last_journal: Instant,
    last_save: Instant,
}

fn run(mut m: Model, opts: &Options) -> Result<(), EditorError> {
    install_panic_hook();
    let mut terminal = ratatui::try_init()?;
    let _ = crossterm::execute!(std::io::stdout(), EnableBracketedPaste);
    let mut lock = None;
    let mut original: Option<Case> = None;
    if m.start.is_none() {
        let (l, held) = Lock::take(&m.path);
        lock = Some(l);
        if held {
            m.overlay = Some(Overlay::Locked);
        }
        if matches!(m.overlay, Some(Overlay::Recovered)) {
            original = read_case(&m.path);
        }
    }
    let mut clock = Clock {
        last_edit: None,
        journal_rev: m.revision,
        last_journal: Instant::now(),
        last_save: Instant::now(),
    };
    let mut last_rev = m.revision;
    let result = loop {
        if let Err(e) = terminal.draw(|f| view::view(&m, f)) {
            break Err(e.into());
        }
        if m.quit {
            break Ok(());
        }
        let msg = match event::poll(Duration::from_millis(200)) {
            Ok(true) => match event::read() {
                Ok(Event::Key(k)) => keys::to_msg(&m, k),
                Ok(Event::Paste(s)) => Some(Msg::Paste(s)),
                Ok(_) => None,
                Err(e) => break Err(e.into()),
            },
            Ok(false) => None,
            Err(e) => break Err(e.into()),
        };
        let step_before = m.step;
        let mut cmds = msg
            .map(|msg| update::update(&mut m, msg))
            .unwrap_or_default();
        if m.revision != last_rev {
            last_rev = m.revision;
            clock.last_edit = Some(Instant::now());
            snapshot(&m);
        }
        if m.step != step_before && m.dirty() {
            cmds.push(Cmd::Save);
        }
        timers(&mut m, &mut clock, &mut cmds);
        for cmd in cmds {
            run_cmd(
                cmd,
                &mut m,
                opts,
                &mut terminal,
                &mut lock,
                &mut original,
                &mut clock,
            );
        }
    };
    let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    drop(lock);
    result
}

/// The recovery copy within a second of a change; the case file when typing pauses.
fn timers(m: &mut Model, clock: &mut Clock, cmds: &mut Vec<Cmd>) {
    if m.start.is_some() {
        return;
    }
    let now = Instant::now();
    if m.revision != clock.journal_rev
        && (now.duration_since(clock.last_journal) >= Duration::from_millis(800)
            || clock
                .last_edit
                .is_some_and(|t| now.duration_since(t) >= Duration::from_millis(300)))
    {
        let _ = case::write_atomic(&recovery_path(&m.path), case::to_yaml(&m.case).as_bytes());
        clock.journal_rev = m.revision;
        clock.last_journal = now;
    }
    let idle = clock
        .last_edit
        .is_some_and(|t| now.duration_since(t) >= Duration::from_secs(2));
    let overdue = now.duration_since(clock.last_save) >= Duration::from_secs(10);
    if m.dirty() && (idle || overdue) && !cmds.contains(&Cmd::Save) {
        cmds.push(Cmd::Save);
    }
}

fn read_case(path: &Path) -> Option<Case> {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| case::from_yaml(&t, "").ok())
}

fn save(m: &mut Model, clock: &mut Clock) {
    let revision = m.revision;
    let error = case::save_atomic(&m.path, &m.case)
        .err()
        .map(|e| e.to_string());
    if error.is_none() {
        let _ = std::fs::remove_file(recovery_path(&m.path));
        clock.journal_rev = revision;
    }
    clock.last_save = Instant::now();
    update::update(m, Msg::Saved { revision, error });
}

#[allow(clippy::too_many_arguments)]
fn run_cmd(
    cmd: Cmd,
    m: &mut Model,
    opts: &Options,
    terminal: &mut ratatui::DefaultTerminal,
    lock: &mut Option<Lock>,
    original: &mut Option<Case>,
    clock: &mut Clock,
) {
    match cmd {
        Cmd::Save => {
            if m.start.is_none() && m.dirty() {
                save(m, clock);
            }
        }
        Cmd::Quit => {
            m.quit = true;
        }
        Cmd::Export(formats) => {
            let result = export(m, &formats);
            update::update(m, Msg::Exported(result));
        }
        Cmd::EditExternally(text) => {
            let edited = external_editor(&text, terminal);
            update::update(m, Msg::ExternalEdited(edited));
        }
        Cmd::DiscardRecovery => {
            if let Some(case) = original.take() {
                let (path, lang, today, no_color) = (m.path.clone(), m.lang, m.today, m.no_color);
                *m = Model::new(path, case, lang, today);
                m.no_color = no_color;
            }
            let _ = std::fs::remove_file(recovery_path(&m.path));
        }
        Cmd::CreateCase { path, case } => {
            if path.exists() {
                m.status = match m.lang {
                    Lang::En => format!("{} already exists: choose another name", path.display()),
                    Lang::Zh => format!("{} 已存在，请换一个名称", path.display()),
                };
                m.start = Some(Start::NameFile {
                    violation: case.notice.violation.clone(),
                    notice: None,
                });
                return;
            }
            match case::save_atomic(&path, &case) {
                Ok(()) => switch_to(m, path, *case, opts, lock),
                Err(e) => m.overlay = Some(Overlay::Message(e.to_string())),
            }
        }
        Cmd::OpenCase(path) => {
            let loaded = case::read_file(&path, "")
                .and_then(|s| case::from_yaml(&s, &path.display().to_string()));
            match loaded {
                Ok(case) => switch_to(m, path, case, opts, lock),
                Err(e) => {
                    m.start = Some(Start::Menu {
                        files: m.files.clone(),
                        selected: 0,
                    });
                    m.overlay = Some(Overlay::Message(e.to_string()));
                }
            }
        }
    }
}

/// From the start screen to editing a case.
fn switch_to(m: &mut Model, path: PathBuf, case: Case, opts: &Options, lock: &mut Option<Lock>) {
    let files = m.files.clone();
    *m = open_model(path, case, opts);
    m.files = files;
    let (l, held) = Lock::take(&m.path);
    *lock = Some(l);
    if held {
        m.overlay = Some(Overlay::Locked);
    }
    snapshot(m);
}

/// Writes the documents next to the case file.
fn export(m: &Model, formats: &[Format]) -> Result<Vec<PathBuf>, String> {
    let templates = Templates::embedded();
    let mut written = Vec::new();
    for &format in formats {
        let ex = Export {
            format,
            paper: None,
            date: m.case.dated.unwrap_or(m.today),
            templates: &templates,
        };
        let doc = document::export(&m.case, &ex).map_err(|e| e.to_string())?;
        let out = document::output_path(&m.path, format.extension());
        case::write_atomic(&out, &doc.bytes).map_err(|e| e.to_string())?;
        written.push(out);
    }
    Ok(written)
}

/// Runs `$VISUAL` or `$EDITOR` on the text, with the terminal handed over.
fn external_editor(text: &str, terminal: &mut ratatui::DefaultTerminal) -> Option<String> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_string());
    let file = std::env::temp_dir().join(format!("poa-field-{}.txt", std::process::id()));
    std::fs::write(&file, text).ok()?;
    let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    let mut parts = editor.split_whitespace();
    let status = parts.next().map(|prog| {
        std::process::Command::new(prog)
            .args(parts)
            .arg(&file)
            .status()
    });
    if let Ok(t) = ratatui::try_init() {
        *terminal = t;
    }
    let _ = crossterm::execute!(std::io::stdout(), EnableBracketedPaste);
    let _ = terminal.clear();
    let result = match status {
        Some(Ok(s)) if s.success() => std::fs::read_to_string(&file).ok(),
        _ => None,
    };
    let _ = std::fs::remove_file(&file);
    result
}
