//! The check catalogue (`templates/rules.yaml`): what each code finds, why
//! it hurts an appeal, and a bad and a better example.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::Severity;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleInfo {
    #[serde(skip)]
    pub code: String,
    pub name: String,
    pub severity: Severity,
    pub finds: String,
    pub why: String,
    pub bad: String,
    pub good: String,
}

impl<'de> Deserialize<'de> for Severity {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Severity, D::Error> {
        match String::deserialize(d)?.as_str() {
            "error" => Ok(Severity::Error),
            "warning" => Ok(Severity::Warning),
            "info" => Ok(Severity::Info),
            other => Err(serde::de::Error::custom(format!(
                "unknown severity {other}"
            ))),
        }
    }
}

/// Every code, sorted.
pub fn catalog() -> &'static [RuleInfo] {
    static CELL: OnceLock<Vec<RuleInfo>> = OnceLock::new();
    CELL.get_or_init(|| {
        let map: BTreeMap<String, RuleInfo> =
            crate::case::data_from_yaml(include_str!("../../templates/rules.yaml"))
                .unwrap_or_else(|e| panic!("templates/rules.yaml: {e}"));
        map.into_iter()
            .map(|(code, mut info)| {
                info.code = code;
                info
            })
            .collect()
    })
}

/// One code's entry.
pub fn info(code: &str) -> Option<&'static RuleInfo> {
    catalog().iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// The default severity of each code, as `templates/rules.yaml` gives it
/// (a test keeps the two equal). A table, so a check need not parse the
/// catalogue.
const SEVERITIES: [(&str, Severity); 48] = [
    ("C001", Severity::Error),
    ("C002", Severity::Error),
    ("C003", Severity::Warning),
    ("C004", Severity::Error),
    ("C005", Severity::Warning),
    ("C006", Severity::Error),
    ("C007", Severity::Warning),
    ("C008", Severity::Warning),
    ("C009", Severity::Warning),
    ("C010", Severity::Warning),
    ("C011", Severity::Warning),
    ("C012", Severity::Warning),
    ("C013", Severity::Warning),
    ("C014", Severity::Warning),
    ("C015", Severity::Error),
    ("D001", Severity::Error),
    ("D002", Severity::Error),
    ("D003", Severity::Info),
    ("D004", Severity::Error),
    ("D005", Severity::Warning),
    ("D006", Severity::Warning),
    ("D007", Severity::Warning),
    ("L001", Severity::Warning),
    ("L002", Severity::Warning),
    ("P001", Severity::Error),
    ("P002", Severity::Error),
    ("P003", Severity::Error),
    ("P004", Severity::Error),
    ("P005", Severity::Error),
    ("P006", Severity::Error),
    ("T001", Severity::Warning),
    ("T002", Severity::Warning),
    ("T003", Severity::Warning),
    ("T004", Severity::Warning),
    ("T005", Severity::Error),
    ("T006", Severity::Warning),
    ("T007", Severity::Warning),
    ("T008", Severity::Warning),
    ("T009", Severity::Warning),
    ("T010", Severity::Warning),
    ("T011", Severity::Warning),
    ("T012", Severity::Warning),
    ("T013", Severity::Warning),
    ("T014", Severity::Info),
    ("T015", Severity::Info),
    ("T016", Severity::Info),
    ("T017", Severity::Warning),
    ("T018", Severity::Warning),
];

/// The default severity of a code.
pub fn severity(code: &str) -> Severity {
    SEVERITIES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(Severity::Warning, |(_, s)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_severity_table_matches_the_catalogue() {
        let table: Vec<(&str, Severity)> = SEVERITIES.to_vec();
        let catalogue: Vec<(&str, Severity)> = catalog()
            .iter()
            .map(|r| (r.code.as_str(), r.severity))
            .collect();
        assert_eq!(table, catalogue);
    }
}
