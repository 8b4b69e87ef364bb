//! The data compiled into the binary: every playbook under
//! `templates/playbooks/`, the interview, the rules catalogue and the phrase
//! lists. `build.rs` turns each YAML file into JSON at build time, so a run
//! parses JSON (about ten times faster); the YAML files stay the source that
//! people edit, and a test keeps both readings alike.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// Parses embedded data (the JSON `build.rs` made from a template's YAML).
pub fn data<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON a run reads says what the YAML a person edits says: both
    /// parsed into the types `poa` uses, and shown alike.
    fn same<T: serde::de::DeserializeOwned + std::fmt::Debug>(yaml_path: &str, json: &str) {
        let yaml = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(yaml_path),
        )
        .unwrap();
        let from_yaml: T = crate::case::data_from_yaml(&yaml, yaml_path).unwrap();
        let from_json: T = data(json).unwrap();
        assert_eq!(
            format!("{from_yaml:?}"),
            format!("{from_json:?}"),
            "{yaml_path}: the embedded JSON differs from the YAML"
        );
    }

    #[test]
    fn embedded_json_reads_as_the_yaml_does() {
        for (name, json) in PLAYBOOKS {
            same::<crate::playbook::Playbook>(&format!("templates/playbooks/{name}"), json);
        }
        same::<std::collections::BTreeMap<String, crate::playbook::Both<crate::playbook::Guide>>>(
            "templates/interview.yaml",
            INTERVIEW,
        );
        same::<std::collections::BTreeMap<String, crate::check::RuleInfo>>(
            "templates/rules.yaml",
            RULES,
        );
        same::<std::collections::BTreeMap<String, crate::check::phrases::CodeList>>(
            "templates/phrases.yaml",
            PHRASES,
        );
    }
}
