//! poa: write, check and render the Plan of Action that answers an Amazon
//! seller suspension or deactivation notice.
//!
//! The data flows one way; every stage hands the next plain data:
//!
//! ```text
//! case file ─► case (field table, model, load/save) ─► check (rules ─► findings) ─► report (text/json)
//!                                                  └► compose (Tera ─► Markdown) ─► markup (pulldown-cmark ─► blocks) ─► layout (blocks ─► pages) ─► pdf (krilla)
//!                                                                                └► text export
//! document: the export seam, case ─► md | txt | pdf, for the cli and the editor
//! draft (.md/.txt) ─► import (by its headings) ─► case
//! editor (ratatui): event ─► update(model, msg) ─► view(model)   uses case, check, document
//! cli (clap): one file per command; reads the clock, the terminal and the disk for the commands
//!             (the editor's loop does its own)
//! ```

#[macro_use]
mod pattern;

pub mod case;
pub mod check;
pub mod cli;
pub mod compose;
pub mod desk;
pub mod diff;
pub mod document;
pub mod docx;
pub mod editor;
mod embedded;
pub mod history;
pub mod import;
pub mod layout;
pub mod markup;
pub mod notice;
pub mod pdf;
pub mod playbook;
pub mod report;
