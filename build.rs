//! Embeds every playbook under `templates/playbooks/` in the binary, so a new
//! playbook needs no code change.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let dir = Path::new("templates/playbooks");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("templates/playbooks exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    let mut out = String::from("pub const PLAYBOOKS: &[(&str, &str)] = &[\n");
    for n in &names {
        let path = std::fs::canonicalize(dir.join(n)).expect("playbook path");
        println!("cargo::rerun-if-changed={}", path.display());
        writeln!(
            out,
            "    ({n:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("playbooks.rs");
    std::fs::write(dest, out).expect("write playbooks.rs");
}
