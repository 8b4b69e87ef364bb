//! Messages (what the writer or the world asks for) and commands (effects
//! the update hands back to the loop, which alone does input and output).

use std::path::PathBuf;

use crossterm::event::KeyEvent;

use super::model::Step;
use crate::case::Case;
use crate::document::Format;

/// An intent.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    NextField,
    PrevField,
    NextStep,
    PrevStep,
    NextItem,
    PrevItem,
    AddItem,
    RemoveItem,
    MoveItemUp,
    MoveItemDown,
    /// A key for the text box.
    Input(KeyEvent),
    /// Text pasted (bracketed paste).
    Paste(String),
    ChoiceNext,
    ChoicePrev,
    NextFinding,
    ApplyFix,
    JumpToFinding,
    NextPlaceholder,
    OpenSuggestions,
    Help,
    /// Closes the overlay, or goes back on the start screen.
    Close,
    /// y or n to a question.
    Answer(bool),
    OverlayUp,
    OverlayDown,
    /// Scrolls a message box by lines (Up, Down, PgUp, PgDn).
    ScrollMessage(i16),
    OverlayEnter,
    ScrollPreview(i16),
    /// The writer paused: no key for a moment.
    Idle,
    /// A key pressed while the window is too small: not taken, but counted
    /// and said, so the writer knows.
    NotTaken,
    /// Scrolls the field's guide by lines.
    ScrollHint(i16),
    /// Hides or shows the step rail.
    ToggleRail,
    Export(Vec<Format>),
    /// Export with errors left, marked as a draft.
    ExportDraft,
    Save,
    EditExternally,
    Quit,
    /// Results of commands.
    Saved {
        revision: u64,
        error: Option<String>,
    },
    /// The files written and what the writer should know of them; whether
    /// they were marked as a draft.
    Exported(Result<(Vec<PathBuf>, Vec<String>), String>, bool),
    /// The writer sends the letter just exported: keep it as sent.
    Submit,
    /// The letter kept (its copy's path), or why not; the history since.
    Submitted(Result<PathBuf, String>, Box<crate::history::History>),
    ExternalEdited(Option<String>),
    /// The text written in the other editor is larger than the field may
    /// hold: it was not taken, and its file is kept.
    ExternalTooLarge {
        bytes: u64,
        kept: PathBuf,
    },
    /// A case file was opened or created: its case, the newer recovery copy
    /// when there is one, and whether another editor holds it.
    Opened {
        path: PathBuf,
        case: Box<Case>,
        recovered: Option<Box<Case>>,
        /// The half-typed texts the recovery copy kept (shown with it).
        typed: super::model::Pending,
        locked: bool,
        /// The letters sent for the case (`poa submit`), read from their
        /// folder.
        history: Box<crate::history::History>,
    },
    /// A case file could not be opened.
    OpenFailed(String),
    /// The new case's file name is taken.
    NameTaken {
        path: PathBuf,
        violation: String,
    },
    /// A save found the case file changed on disk since it was read.
    ChangedOnDisk,
    /// The evidence files of the case that are not on disk.
    FilesMissing(Vec<String>),
    /// The terminal's new size, in columns and lines.
    Resized {
        width: u16,
        height: u16,
    },
    /// The writer chose the file over its recovery copy: the file's case.
    RecoveryDiscarded(Option<Box<Case>>),
    /// Start screen.
    StartUp,
    StartDown,
    StartEnter,
    StartContinue,
    GoStep(Step),
}

/// An effect for the loop to run.
#[derive(Debug, Clone, PartialEq)]
pub enum Cmd {
    /// Look on disk for the evidence files the case names.
    LookForFiles,
    /// Save over a file that changed on disk: the writer said so.
    SaveAnyway,
    Save,
    /// Write the documents; `draft` marks them not for submission.
    Export {
        formats: Vec<Format>,
        draft: bool,
    },
    /// The field's text, and how many bytes the field may hold.
    EditExternally(String, usize),
    /// Keep the case and its letter as sent today.
    Submit,
    Quit,
    /// Start-screen outcomes.
    CreateCase {
        path: PathBuf,
        case: Box<Case>,
    },
    OpenCase(PathBuf),
    /// Delete the recovery copy (the writer chose not to restore it).
    DiscardRecovery,
}
