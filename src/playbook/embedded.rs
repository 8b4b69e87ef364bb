//! The playbook and interview texts, compiled in (the list is made by
//! `build.rs` from the files under `templates/playbooks/`).

include!(concat!(env!("OUT_DIR"), "/playbooks.rs"));

pub const INTERVIEW: &str = include_str!("../../templates/interview.yaml");
