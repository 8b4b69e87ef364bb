//! Messages (what the writer or the world asks for) and commands (effects
//! the update hands back to the loop, which alone does input and output).

use std::path::PathBuf;

use crossterm::event::KeyEvent;

use super::model::Step;
use crate::case::Case;
use crate::document::Format;

/// An intent.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    OverlayEnter,
    ScrollPreview(i16),
    Export(Vec<Format>),
    Save,
    EditExternally,
    Quit,
    /// Results of commands.
    Saved {
        revision: u64,
        error: Option<String>,
    },
    Exported(Result<Vec<PathBuf>, String>),
    ExternalEdited(Option<String>),
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
    Save,
    Export(Vec<Format>),
    EditExternally(String),
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
