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
    /// From the registry, which is the one place severities are written.
    #[serde(skip, default = "no_severity")]
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

fn no_severity() -> Severity {
    Severity::Info
}

/// The documentation of every code, by code, as `templates/rules.yaml` has it.
pub fn documented() -> &'static BTreeMap<String, RuleInfo> {
    static CELL: OnceLock<BTreeMap<String, RuleInfo>> = OnceLock::new();
    CELL.get_or_init(|| {
        crate::embedded::data(crate::embedded::RULES)
            .unwrap_or_else(|e| panic!("templates/rules.yaml: {e}"))
    })
}

/// Every rule of the registry with its documentation, sorted by code. A
/// code without an entry in `templates/rules.yaml` shows with empty texts
/// (a test keeps the two complete).
pub fn catalog() -> &'static [RuleInfo] {
    static CELL: OnceLock<Vec<RuleInfo>> = OnceLock::new();
    CELL.get_or_init(|| {
        super::registry()
            .iter()
            .map(|r| {
                let mut info = documented().get(r.meta.code).cloned().unwrap_or(RuleInfo {
                    code: String::new(),
                    name: String::new(),
                    severity: r.meta.severity,
                    finds: String::new(),
                    why: String::new(),
                    bad: String::new(),
                    good: String::new(),
                });
                info.code = r.meta.code.to_string();
                info.severity = r.meta.severity;
                info
            })
            .collect()
    })
}

/// The Chinese texts of a code (`templates/rules.zh.yaml`): the
/// explanation `poa rules --lang zh` gives, and `say`, the message of its
/// findings, where `{match}` stands for the marked English words and
/// `{fix}` for the English wording proposed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleZh {
    pub name: String,
    pub finds: String,
    pub why: String,
    pub say: String,
    /// Messages for the kinds of finding a code covers (D004: an ASIN, an
    /// order id, a marketplace), each chosen by words of the English
    /// message; `say` when none fits.
    #[serde(default)]
    pub cases: Vec<ZhCase>,
}

/// One kind of finding of a code, in Chinese.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZhCase {
    /// Words the English message holds for this kind.
    pub when: String,
    pub say: String,
}

impl RuleZh {
    /// The message for a finding whose English message is `english`.
    pub fn say_for(&self, english: &str) -> &str {
        self.cases
            .iter()
            .find(|c| english.contains(&c.when))
            .map_or(&self.say, |c| &c.say)
    }
}

/// Every code's Chinese texts, by code.
pub fn chinese() -> &'static BTreeMap<String, RuleZh> {
    static CELL: OnceLock<BTreeMap<String, RuleZh>> = OnceLock::new();
    CELL.get_or_init(|| {
        crate::embedded::data(crate::embedded::RULES_ZH)
            .unwrap_or_else(|e| panic!("templates/rules.zh.yaml: {e}"))
    })
}

/// One code's Chinese texts.
pub fn zh(code: &str) -> Option<&'static RuleZh> {
    chinese().get(&code.to_ascii_uppercase())
}

/// One code's entry.
pub fn info(code: &str) -> Option<&'static RuleInfo> {
    catalog().iter().find(|r| r.code.eq_ignore_ascii_case(code))
}
