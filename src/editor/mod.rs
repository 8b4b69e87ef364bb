//! The guided editor: `poa edit FILE`, and `poa` alone as a start screen.
//!
//! Elm-shaped: `model` holds the state, `keys` turns key presses into
//! messages, `update` changes the model and returns commands, `view` draws
//! it. This file is the loop: the terminal, the clock, the disk and
//! `$EDITOR`; the only part of the editor that does input or output. It
//! never changes the model itself: the result of each effect (a save, an
//! export, a case opened or created) comes back to `update` as a message.
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
use model::{Model, Start};
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
    #[error("{path} was not saved with your latest changes. {kept}")]
    NotSaved { path: String, kept: String },
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

/// The width of the terminal, in columns, for the command line's reports
/// (only the editor talks to the terminal's driver).
pub fn terminal_width() -> Option<u16> {
    crossterm::terminal::size().ok().map(|(w, _)| w)
}

/// The hidden file beside a case that holds its unsaved changes.
/// Where the text goes when the case's folder cannot be written: the
/// user's state folder ($XDG_STATE_HOME/poa, ~/.local/state/poa), then the
/// temporary folder, under the case's name and the time.
fn fallback_recovery(path: &Path) -> Vec<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "case.poa.yaml".into());
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let file = format!("{stamp}-{name}");
    let mut dirs = Vec::new();
    if let Some(d) = std::env::var_os("XDG_STATE_HOME").filter(|d| !d.is_empty()) {
        dirs.push(PathBuf::from(d).join("poa"));
    }
    if let Some(h) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        dirs.push(PathBuf::from(h).join(".local/state/poa"));
    }
    dirs.push(std::env::temp_dir().join("poa"));
    dirs.into_iter()
        .filter(|d| private_dir(d))
        .map(|d| d.join(&file))
        .collect()
}

/// Makes `dir` for rescue copies, only this user may enter it, and says
/// whether it is fit: a folder of this user's (in a shared /tmp, one that
/// someone else made first is passed over, since they could read a case).
fn private_dir(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
        let _ = std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir);
        let Ok(meta) = std::fs::symlink_metadata(dir) else {
            return false;
        };
        let mine = meta.uid() == own_uid();
        if !meta.is_dir() || !mine {
            return false;
        }
        if meta.permissions().mode() & 0o077 != 0 {
            let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
        }
        true
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(dir).is_ok()
    }
}

/// This process's user id, read off a file it makes (std has no getuid).
#[cfg(unix)]
fn own_uid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    tempfile::tempfile()
        .and_then(|f| f.metadata())
        .map_or(u32::MAX, |m| m.uid())
}

/// This editor opened its case while another editor had it: its recovery
/// copy is its own (`.x.poa.yaml.recover-PID`), so that neither editor's
/// save or journal removes the other's unsaved text.
static SHARED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// This editor's recovery copy of the case at `path`.
pub fn recovery_path(path: &Path) -> PathBuf {
    if SHARED.load(std::sync::atomic::Ordering::Relaxed) {
        hidden(path, &format!("recover-{}", std::process::id()))
    } else {
        hidden(path, "recover")
    }
}

/// The newest recovery copy of the case at `path`, this editor's or one
/// another editor left (stopped, or killed).
fn newest_recovery(path: &Path) -> Option<PathBuf> {
    let own = hidden(path, "recover");
    let name = own.file_name()?.to_string_lossy().into_owned();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n == name
                || n.strip_prefix(&name)
                    .is_some_and(|rest| rest.starts_with('-'))
        })
        .map(|e| path.with_file_name(e.file_name()))
        .max_by_key(|p| modified(p))
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
    /// Every editor of a case holds its lock file shared; one that can
    /// take it alone is the only one. The last to quit removes the file, so
    /// a third editor is warned while a second is still open.
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
        let alone = file.try_lock().is_ok();
        if alone {
            let mut f = &file;
            let _ = f.write_all(format!("{}\n", std::process::id()).as_bytes());
            let _ = file.unlock();
        } else {
            SHARED.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        let _ = file.try_lock_shared();
        (
            Lock {
                file: Some(file),
                path,
            },
            !alone,
        )
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if let Some(f) = self.file.take() {
            let _ = f.unlock();
            // The last editor out removes the lock.
            if f.try_lock().is_ok() {
                let _ = std::fs::remove_file(&self.path);
                let _ = f.unlock();
            }
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
                let _ = writeln!(
                    std::io::stderr(),
                    "poa stopped on an error. Your latest text is safe in {}; open {} again to restore it.",
                    crate::case::shown(&rec),
                    crate::case::shown(&path)
                );
            }
        }
        previous(info);
    }));
}

/// Opens a case file in the editor.
pub fn edit(path: PathBuf, opts: Options) -> Result<(), EditorError> {
    // The checker's patterns and dictionary build while the terminal is
    // set up and the first screen drawn (`poa edit`, and `poa new` opening
    // its case).
    crate::check::warm_in_background(true);
    let source = case::read_file(&path, case::empty_case_hint())?;
    let case = case::from_yaml(&source, &crate::case::shown(&path))?;
    let mut m = Model::new(path.clone(), Case::new(), opts.lang, opts.today);
    m.no_color = opts.no_color;
    run(m, Some((path, case)))
}

/// The start screen: a new case, or one of the case files in this folder.
pub fn start(opts: Options) -> Result<(), EditorError> {
    crate::check::warm_in_background(true);
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
    run(m, None)
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

/// The message that opens a case: with its recovery copy when that holds
/// something the file does not.
fn opened(path: PathBuf, case: Case, locked: bool) -> Msg {
    let copy = newest_recovery(&path)
        .filter(|rec| newer_than_file(rec, &path))
        .and_then(|rec| read_bounded(&rec).map(|t| (rec, t)))
        .and_then(|(rec, t)| {
            let r = case::from_yaml(&t, &crate::case::shown(&rec)).ok()?;
            Some((r, model::pending_of(&t)))
        })
        .filter(|(r, typed)| *r != case || !typed.is_empty());
    let (recovered, typed) = match copy {
        Some((r, typed)) => (Some(Box::new(r)), typed),
        None => (None, Default::default()),
    };
    let history = Box::new(crate::history::History::read_lenient(&path, &case));
    Msg::Opened {
        path,
        case: Box::new(case),
        recovered,
        typed,
        locked,
        history,
    }
}

/// Is the recovery copy beside `path` newer than the case file itself? A
/// copy older than the file (left by an editor that stopped, then the file
/// saved since) is not offered as "newer".
fn newer_than_file(copy: &Path, path: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(copy), modified(path)) {
        (Some(copy), Some(file)) => copy > file,
        (Some(_), None) => true,
        _ => false,
    }
}

/// A recovery copy's text, read no further than a case file may be long.
fn read_bounded(path: &Path) -> Option<String> {
    use std::io::Read;
    // A pipe left where the copy should be would block the editor.
    if !std::fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let mut text = String::new();
    std::fs::File::open(path)
        .ok()?
        .take(case::MAX_FILE_BYTES)
        .read_to_string(&mut text)
        .ok()?;
    Some(text)
}

/// Timers of the loop.
struct Clock {
    last_edit: Option<Instant>,
    journal_rev: u64,
    /// The half-typed texts the recovery copy holds.
    journal_pending: model::Pending,
    last_journal: Instant,
    last_save: Instant,
}

/// The loop, on the start screen or (`open`) on a case read from its file.
fn run(mut m: Model, open: Option<(PathBuf, Case)>) -> Result<(), EditorError> {
    install_panic_hook();
    let mut terminal = ratatui::try_init()?;
    let _ = crossterm::execute!(std::io::stdout(), EnableBracketedPaste);
    let mut lock = None;
    let mut original: Option<Case> = None;
    let mut first = Vec::new();
    let mut disk: Option<String> = None;
    if let Some((path, case)) = open {
        disk = read_bounded(&path);
        let (l, held) = Lock::take(&path);
        lock = Some(l);
        original = Some(case.clone());
        first = update::update(&mut m, opened(path, case, held));
        snapshot(&m);
    }
    let mut clock = Clock {
        last_edit: None,
        journal_rev: m.revision,
        journal_pending: Default::default(),
        last_journal: Instant::now(),
        last_save: Instant::now(),
    };
    if let Ok(size) = terminal.size() {
        update::update(
            &mut m,
            Msg::Resized {
                width: size.width,
                height: size.height,
            },
        );
    }
    let mut world = World {
        terminal: &mut terminal,
        lock: &mut lock,
        original: &mut original,
        clock: &mut clock,
        disk: &mut disk,
    };
    for cmd in first {
        run_cmd(cmd, &mut m, &mut world);
    }
    let mut last_rev = m.revision;
    let result = loop {
        if let Err(e) = world.terminal.draw(|f| view::view(&m, f)) {
            break Err(e.into());
        }
        if m.quit {
            break Ok(());
        }
        // A check put off for a large case runs at the first pause.
        let wait = if m.check_due { 120 } else { 200 };
        let msg = match event::poll(Duration::from_millis(wait)) {
            Ok(true) => match event::read() {
                Ok(Event::Key(k)) => keys::to_msg(&m, k),
                Ok(Event::Paste(s)) => Some(Msg::Paste(s)),
                Ok(Event::Resize(width, height)) => Some(Msg::Resized { width, height }),
                Ok(_) => None,
                Err(e) => break Err(e.into()),
            },
            Ok(false) => m.check_due.then_some(Msg::Idle),
            Err(e) => break Err(e.into()),
        };
        let mut cmds = msg
            .map(|msg| update::update(&mut m, msg))
            .unwrap_or_default();
        if m.revision != last_rev {
            last_rev = m.revision;
            world.clock.last_edit = Some(Instant::now());
            snapshot(&m);
        }
        timers(&mut m, world.clock, &mut cmds);
        for cmd in cmds {
            run_cmd(cmd, &mut m, &mut world);
        }
    };
    let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    // Text the case file does not hold (a save refused or failed) is kept:
    // beside the case when the folder takes it, else in the user's own
    // folder; the exit status says it was not saved.
    if m.start.is_none() && m.dirty() && result.is_ok() {
        let text = case::to_yaml(&m.case);
        let kept = std::iter::once(recovery_path(&m.path))
            .chain(fallback_recovery(&m.path))
            .find(|rec| case::write_atomic(rec, text.as_bytes()).is_ok());
        // A rescue copy holds the whole case: for this user's eyes only.
        #[cfg(unix)]
        if let Some(rec) = &kept {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(rec, std::fs::Permissions::from_mode(0o600));
        }
        drop(lock);
        return Err(EditorError::NotSaved {
            path: crate::case::shown(&m.path),
            kept: match kept {
                Some(rec) if rec == recovery_path(&m.path) => format!(
                    "They are kept in {}: open {} again to restore them.",
                    crate::case::shown(&rec),
                    crate::case::shown(&m.path)
                ),
                Some(rec) => format!(
                    "The folder could not be written, so they are kept in {}: copy that file over {} when the folder can be written.",
                    crate::case::shown(&rec),
                    crate::case::shown(&m.path)
                ),
                None => {
                    "No recovery copy could be written anywhere (is the disk full?).".to_string()
                }
            },
        });
    }
    // Text typed but not a value yet (the writer was asked, and quit): in
    // the recovery copy, written now, and said where.
    if m.start.is_none() && !m.pending.is_empty() && result.is_ok() {
        let rec = recovery_path(&m.path);
        if journal(&m).is_ok() {
            let _ = writeln!(
                std::io::stderr(),
                "{}",
                strings::fill(
                    m.lang,
                    strings::S::KeptHalfTyped,
                    &[
                        ("fields", &update::half_typed(&m)),
                        ("copy", &crate::case::shown(&rec)),
                        ("file", &crate::case::shown(&m.path)),
                    ],
                )
            );
        }
    }
    drop(lock);
    result
}

/// Writes the recovery copy: the case, with what is half typed.
fn journal(m: &Model) -> Result<(), case::SaveError> {
    let mut copy = case::to_yaml(&m.case);
    copy.push_str(&model::pending_lines(&m.pending));
    case::write_atomic(&recovery_path(&m.path), copy.as_bytes())
}

/// The recovery copy within a second of a change; the case file when typing pauses.
fn timers(m: &mut Model, clock: &mut Clock, cmds: &mut Vec<Cmd>) {
    if m.start.is_some() || m.quit {
        return;
    }
    let now = Instant::now();
    // A half-typed text changes no revision, and is journalled too.
    if (m.revision != clock.journal_rev || m.pending != clock.journal_pending)
        && (now.duration_since(clock.last_journal) >= Duration::from_millis(800)
            || clock
                .last_edit
                .is_some_and(|t| now.duration_since(t) >= Duration::from_millis(300)))
    {
        let _ = journal(m);
        clock.journal_rev = m.revision;
        clock.journal_pending = m.pending.clone();
        clock.last_journal = now;
    }
    let idle = clock
        .last_edit
        .is_some_and(|t| now.duration_since(t) >= Duration::from_secs(2));
    let overdue = now.duration_since(clock.last_save) >= Duration::from_secs(10);
    if m.dirty() && !m.hold_saves && (idle || overdue) && !cmds.contains(&Cmd::Save) {
        cmds.push(Cmd::Save);
    }
}

/// Saves the case, unless the file changed on disk since this editor last
/// read or wrote it and the writer has not said to overwrite it (`force`).
fn save(m: &mut Model, w: &mut World, force: bool) -> Option<Msg> {
    let now = read_bounded(&m.path);
    if !force && now.is_some() && now != *w.disk {
        w.clock.last_save = Instant::now();
        return Some(Msg::ChangedOnDisk);
    }
    let revision = m.revision;
    // The writer's layout, comments and line breaks in the file are kept.
    let text = case::text_to_save(&m.path, w.disk.as_deref(), &m.case);
    let error = case::write_atomic(&m.path, text.as_bytes())
        .err()
        .map(|e| e.to_string());
    if error.is_none() {
        // A half-typed text is in no file: its copy is written again,
        // after (so newer than) the file just saved.
        if m.pending.is_empty() {
            let _ = std::fs::remove_file(recovery_path(&m.path));
        } else {
            w.clock.journal_pending = Default::default();
        }
        w.clock.journal_rev = revision;
        *w.disk = Some(text);
    }
    w.clock.last_save = Instant::now();
    update::update(m, Msg::Saved { revision, error });
    None
}

/// What the loop owns besides the model: the terminal, the lock, the
/// file's case while its recovery copy is shown, and the timers.
struct World<'a> {
    terminal: &'a mut ratatui::DefaultTerminal,
    lock: &'a mut Option<Lock>,
    original: &'a mut Option<Case>,
    clock: &'a mut Clock,
    /// The case file's text as this editor last read or wrote it.
    disk: &'a mut Option<String>,
}

/// Runs one effect and hands its result to `update` as a message.
fn run_cmd(cmd: Cmd, m: &mut Model, w: &mut World) {
    let result = match cmd {
        Cmd::Save if m.start.is_none() && m.dirty() => save(m, w, false),
        Cmd::SaveAnyway if m.start.is_none() => save(m, w, true),
        Cmd::Save | Cmd::SaveAnyway => None,
        // `update` already marked the model as quitting.
        Cmd::Quit => None,
        Cmd::LookForFiles => Some(Msg::FilesMissing(case::missing_evidence_files(
            &m.case, &m.path,
        ))),
        Cmd::Export { formats, draft } => Some(Msg::Exported(export(m, &formats, draft), draft)),
        Cmd::Submit => {
            // The case as saved just before, its comments and layout kept.
            let source = w.disk.clone().unwrap_or_else(|| case::to_yaml(&m.case));
            let kept = crate::history::submit(&m.path, &source, &m.case, &m.history, m.today)
                .map_err(|e| e.to_string());
            let history = crate::history::History::read_lenient(&m.path, &m.case);
            Some(Msg::Submitted(kept, Box::new(history)))
        }
        Cmd::EditExternally(text, room) => Some(external_editor(&text, room, w.terminal)),
        Cmd::DiscardRecovery => {
            // The copy that was offered, this editor's or another's.
            if let Some(rec) = newest_recovery(&m.path) {
                let _ = std::fs::remove_file(rec);
            }
            Some(Msg::RecoveryDiscarded(w.original.take().map(Box::new)))
        }
        Cmd::CreateCase { path, case } => {
            if path.exists() {
                Some(Msg::NameTaken {
                    violation: case.notice.violation.clone(),
                    path,
                })
            } else {
                match case::save_atomic(&path, &case) {
                    Ok(()) => Some(take_and_open(path, *case, w)),
                    Err(e) => Some(Msg::OpenFailed(e.to_string())),
                }
            }
        }
        Cmd::OpenCase(path) => {
            let loaded = case::read_file(&path, "")
                .and_then(|s| case::from_yaml(&s, &crate::case::shown(&path)));
            Some(match loaded {
                Ok(case) => take_and_open(path, case, w),
                Err(e) => Msg::OpenFailed(match m.lang {
                    crate::playbook::Lang::Zh => e.zh(),
                    crate::playbook::Lang::En => e.to_string(),
                }),
            })
        }
    };
    if let Some(msg) = result {
        let more = update::update(m, msg);
        snapshot(m);
        for cmd in more {
            run_cmd(cmd, m, w);
        }
    }
}

/// From the start screen to editing a case: the lock, then the case.
fn take_and_open(path: PathBuf, case: Case, w: &mut World) -> Msg {
    let (lock, held) = Lock::take(&path);
    *w.lock = Some(lock);
    *w.original = Some(case.clone());
    *w.disk = read_bounded(&path);
    opened(path, case, held)
}

/// Writes the documents next to the case file.
/// Writes the documents; the paths written and what the writer should know
/// of them (characters the PDF printed otherwise).
fn export(
    m: &Model,
    formats: &[Format],
    draft: bool,
) -> Result<(Vec<PathBuf>, Vec<String>), String> {
    let templates = Templates::embedded();
    let mut written = Vec::new();
    let mut notes = Vec::new();
    for &format in formats {
        let ex = Export {
            format,
            paper: None,
            date: m.case.dated.unwrap_or(m.today),
            templates: &templates,
            draft,
            pdfa: false,
            lang: m.lang,
            // A letter after a rejection says what is new since the one sent.
            before: m.history.before(&m.case),
        };
        let doc = document::export(&m.case, &ex).map_err(|e| e.to_string())?;
        let out = document::output_path(&m.path, format.extension());
        document::may_replace(&m.path, &out, &doc.bytes)?;
        case::write_atomic(&out, &doc.bytes).map_err(|e| e.to_string())?;
        document::note_written(&m.path, &out, &doc.bytes);
        written.push(out);
        notes.extend(doc.warnings);
    }
    Ok((written, notes))
}

/// Runs `$VISUAL` or `$EDITOR` on the text, with the terminal handed over.
/// A text larger than the field's `room` is not read in (it would make a
/// case poa cannot open again): its file is kept, and the message says where.
fn external_editor(text: &str, room: usize, terminal: &mut ratatui::DefaultTerminal) -> Msg {
    let Some(tmp) = start_external(text) else {
        return Msg::ExternalEdited(None);
    };
    let done = run_external(tmp.path(), terminal);
    let bytes = std::fs::metadata(tmp.path()).map_or(0, |md| md.len());
    if done && bytes > room as u64 {
        // Kept, not deleted: it is the writer's text.
        let kept = match tmp.into_temp_path().keep() {
            Ok(p) => p,
            Err(e) => {
                let p = e.path.to_path_buf();
                // Not deleted when dropped: forgotten.
                std::mem::forget(e.path);
                p
            }
        };
        return Msg::ExternalTooLarge { bytes, kept };
    }
    Msg::ExternalEdited(if done { read_bounded(tmp.path()) } else { None })
}

/// The field's text in a new file only this user can read, with a name
/// nobody can guess, never a link someone left in the temporary folder.
fn start_external(text: &str) -> Option<tempfile::NamedTempFile> {
    let mut tmp = tempfile::Builder::new()
        .prefix("poa-field-")
        .suffix(".txt")
        .tempfile()
        .ok()?;
    tmp.write_all(text.as_bytes()).ok()?;
    tmp.flush().ok()?;
    Some(tmp)
}

/// Runs the writer's editor on `file`; whether it ended well.
fn run_external(file: &Path, terminal: &mut ratatui::DefaultTerminal) -> bool {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_string());
    let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    let mut parts = editor.split_whitespace();
    let status = parts.next().map(|prog| {
        std::process::Command::new(prog)
            .args(parts)
            .arg(file)
            .status()
    });
    if let Ok(t) = ratatui::try_init() {
        *terminal = t;
    }
    let _ = crossterm::execute!(std::io::stdout(), EnableBracketedPaste);
    let _ = terminal.clear();
    matches!(status, Some(Ok(s)) if s.success())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_copy_older_than_the_file_is_not_offered() {
        let dir = tempfile::tempdir().unwrap();
        let case = dir.path().join("c.poa.yaml");
        let rec = recovery_path(&case);
        std::fs::write(&case, "version: 2\n").unwrap();
        std::fs::write(&rec, "version: 2\nclosing: later\n").unwrap();
        let at = |p: &Path, secs: u64| {
            let t = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(secs);
            std::fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(t)
                .unwrap();
        };
        // Two days old, and the file saved since.
        at(&rec, 1_800_000_000);
        at(&case, 1_800_000_000 + 2 * 86_400);
        assert!(!newer_than_file(&rec, &case));
        at(&rec, 1_800_000_000 + 3 * 86_400);
        assert!(newer_than_file(&rec, &case));
    }

    #[test]
    fn the_newest_recovery_copy_of_any_editor_is_the_one_offered() {
        let dir = tempfile::tempdir().unwrap();
        let case = dir.path().join("c.poa.yaml");
        std::fs::write(&case, "version: 2\n").unwrap();
        assert_eq!(newest_recovery(&case), None);
        let own = dir.path().join(".c.poa.yaml.recover");
        let other = dir.path().join(".c.poa.yaml.recover-4242");
        let unrelated = dir.path().join(".c.poa.yaml.recovered");
        for (p, secs) in [
            (&own, 1_800_000_000),
            (&other, 1_800_000_100),
            (&unrelated, 1_800_000_200),
        ] {
            std::fs::write(p, "version: 2\n").unwrap();
            std::fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
                .unwrap();
        }
        assert_eq!(newest_recovery(&case), Some(other));
    }

    #[test]
    fn the_lock_stays_until_the_last_editor_quits() {
        let dir = tempfile::tempdir().unwrap();
        let case = dir.path().join("c.poa.yaml");
        std::fs::write(&case, "version: 2\n").unwrap();
        let (first, held) = Lock::take(&case);
        assert!(!held);
        let (second, held) = Lock::take(&case);
        assert!(held, "the second editor is warned");
        drop(first);
        assert!(lock_path(&case).exists(), "the second still holds it");
        let (third, held) = Lock::take(&case);
        assert!(held, "a third editor is warned while the second is open");
        drop(second);
        drop(third);
        assert!(!lock_path(&case).exists(), "the last one out removes it");
    }
}

#[cfg(all(test, unix))]
mod rescue_tests {
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn rescue_folders_are_for_this_user_only() {
        // A rescue copy in a shared /tmp was world-readable (0644 in a
        // 0755 folder): a client's case open to every user of the machine.
        let root = tempfile::tempdir().unwrap();
        let fresh = root.path().join("state/poa");
        assert!(super::private_dir(&fresh));
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&fresh), 0o700);
        // One made open before is closed.
        let open = root.path().join("open");
        std::fs::create_dir(&open).unwrap();
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(super::private_dir(&open));
        assert_eq!(mode(&open), 0o700);
        // A file by that name is no folder to keep a case in.
        let file = root.path().join("file");
        std::fs::write(&file, "x").unwrap();
        assert!(!super::private_dir(&file));
    }
}
