//! poa: write, check and render the Plan of Action that answers an Amazon
//! seller suspension or deactivation notice.
//!
//! The data flows one way; every stage hands the next plain data:
//!
//! ```text
//! case file ─► case (model, load/save) ─► check (rules ─► findings) ─► report (text/json)
//!                                      └► compose (Tera ─► Markdown) ─► layout (pulldown-cmark ─► pages) ─► pdf (printpdf)
//!                                                                    └► text export
//! editor (ratatui): event ─► update(model, msg) ─► view(model)   uses case, check, compose
//! cli (clap): one file per command; the only place that reads the clock, the terminal and the disk
//! ```

#[macro_use]
mod pattern;

pub mod case;
pub mod check;
pub mod cli;
pub mod compose;
pub mod document;
pub mod editor;
pub mod layout;
pub mod notice;
pub mod pdf;
pub mod playbook;
pub mod report;
