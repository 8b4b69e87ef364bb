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

/// The default severity of a code.
pub fn severity(code: &str) -> Severity {
    info(code).map_or(Severity::Warning, |r| r.severity)
}
