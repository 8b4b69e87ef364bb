//! Embeds every playbook under `templates/playbooks/` in the binary, so a new
//! playbook needs no code change, and turns each embedded YAML file
//! (playbooks, interview, rules catalogue, phrase lists) into JSON once, at
//! build time: a run then reads JSON, which parses about ten times faster
//! than YAML, and a whole `poa check` keeps to its 10 ms budget
//! (DESIGN.md §11). A writer's own files (`--phrases`, cases) stay YAML.

use std::fmt::Write;
use std::path::{Path, PathBuf};

/// `templates/NAME.yaml` as JSON in `OUT_DIR/NAME.json`, its path returned.
fn to_json(src: &Path, out: &Path) -> PathBuf {
    println!("cargo::rerun-if-changed={}", src.display());
    let text = std::fs::read_to_string(src).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
    let value: serde_json::Value =
        serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
    let stem = src.file_stem().unwrap().to_string_lossy();
    let dest = out.join(format!("{stem}.json"));
    std::fs::write(&dest, serde_json::to_string(&value).unwrap()).expect("write json");
    dest
}

fn main() {
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let dir = Path::new("templates/playbooks");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("templates/playbooks exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    let books = out.join("playbooks");
    std::fs::create_dir_all(&books).expect("OUT_DIR/playbooks");
    let mut code = String::from("pub const PLAYBOOKS: &[(&str, &str)] = &[\n");
    for n in &names {
        let json = to_json(&dir.join(n), &books);
        writeln!(
            code,
            "    ({n:?}, include_str!({:?})),",
            json.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    for name in ["interview", "rules", "rules.zh", "phrases"] {
        let json = to_json(Path::new(&format!("templates/{name}.yaml")), &out);
        writeln!(
            code,
            "pub const {}: &str = include_str!({:?});",
            name.to_uppercase().replace('.', "_"),
            json.display().to_string()
        )
        .unwrap();
    }
    std::fs::write(out.join("embedded.rs"), code).expect("write embedded.rs");
}
