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
    word_map(&out);
}

/// What the word map says of a word (`check::spell` reads the same bits).
const WORD: u64 = 1;
/// A lower-case stem that takes the plural and the possessive (`S` and `M`).
const COUNTABLE_NOUN: u64 = 2;
/// A lower-case stem that takes "-ing" (`G`).
const PLAIN_VERB: u64 = 4;

/// One affix rule of the `.aff` file: strip this, add that.
struct Affix {
    strip: String,
    add: String,
}

/// Every form the dictionary's affix rules make from its stems, as a
/// finite-state map (`OUT_DIR/words.fst`) from the word to `WORD` and the
/// stem's kind. Each form the rules may make is asked of `spellbook`, which
/// reads the rules' conditions and casing as Hunspell does, so the map
/// holds exactly the words the dictionary accepts, in the case they are
/// written there ("Amazon", "iPhone", "order"); a run reads it in place.
fn word_map(out: &Path) {
    let aff_path = "templates/dictionary/en_US.aff";
    let dic_path = "templates/dictionary/en_US.dic";
    println!("cargo::rerun-if-changed={aff_path}");
    println!("cargo::rerun-if-changed={dic_path}");
    let aff = std::fs::read_to_string(aff_path).expect("the shipped .aff");
    let dic = std::fs::read_to_string(dic_path).expect("the shipped .dic");
    let dict = spellbook::Dictionary::new(&aff, &dic).expect("the shipped dictionary parses");
    // flag -> (is a prefix, crosses with the other kind, rules)
    let mut affixes: std::collections::HashMap<char, (bool, bool, Vec<Affix>)> = Default::default();
    for line in aff.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        let (Some(&kind @ ("PFX" | "SFX")), Some(flag)) = (f.first(), f.get(1)) else {
            continue;
        };
        let flag = flag.chars().next().expect("a flag");
        let prefix = kind == "PFX";
        if f.len() == 4 {
            affixes.insert(flag, (prefix, f[2] == "Y", Vec::new()));
        } else if f.len() >= 5 {
            let zero = |s: &str| {
                if s == "0" {
                    String::new()
                } else {
                    s.to_string()
                }
            };
            affixes
                .get_mut(&flag)
                .expect("an affix's header comes before its rules")
                .2
                .push(Affix {
                    strip: zero(f[2]),
                    add: zero(f[3]),
                });
        }
    }
    let mut words: std::collections::BTreeMap<String, u64> = Default::default();
    let mut keep = |word: String, bits: u64| {
        if bits != WORD || dict.check(&word) {
            *words.entry(word).or_default() |= bits;
        }
    };
    for line in dic.lines().skip(1) {
        let (stem, flags) = line.split_once('/').unwrap_or((line, ""));
        let mut kind = WORD;
        if stem.bytes().all(|b| b.is_ascii_lowercase()) {
            if flags.contains('S') && flags.contains('M') {
                kind |= COUNTABLE_NOUN;
            }
            if flags.contains('G') {
                kind |= PLAIN_VERB;
            }
        }
        if dict.check(stem) {
            keep(stem.to_string(), kind);
        }
        let mut suffixed = Vec::new();
        for flag in flags.chars() {
            let Some((false, cross, rules)) = affixes.get(&flag) else {
                continue;
            };
            for r in rules {
                if let Some(base) = stem.strip_suffix(r.strip.as_str()) {
                    suffixed.push((format!("{base}{}", r.add), *cross));
                }
            }
        }
        for flag in flags.chars() {
            let Some((true, cross, rules)) = affixes.get(&flag) else {
                continue;
            };
            for r in rules {
                let with = |w: &str| {
                    w.strip_prefix(r.strip.as_str())
                        .map(|b| format!("{}{b}", r.add))
                };
                keep_some(&mut keep, with(stem));
                if *cross {
                    for (s, _) in suffixed.iter().filter(|(_, c)| *c) {
                        keep_some(&mut keep, with(s));
                    }
                }
            }
        }
        for (s, _) in suffixed {
            keep(s, WORD);
        }
    }
    let mut map = fst::MapBuilder::memory();
    for (w, bits) in &words {
        map.insert(w, *bits).expect("sorted, unique words");
    }
    let bytes = map.into_inner().expect("the word map");
    std::fs::write(out.join("words.fst"), bytes).expect("write words.fst");
}

fn keep_some(keep: &mut impl FnMut(String, u64), word: Option<String>) {
    if let Some(w) = word {
        keep(w, WORD);
    }
}
