//! From older case files to the current model, on load: version 1 linked
//! actions and measures to root causes by position (`causes: [1]`);
//! version 2 gives every root cause a stable id (`R1`) and links by id, so
//! that moving or removing a cause never relinks an action to another.

use serde::Deserialize;

use super::{Case, VERSION};

/// Reads `causes:` as ids, whether the file wrote numbers (version 1, or a
/// number typed by hand) or ids. A number stays digits here, and
/// `Case::migrate` turns it into the id of the cause at that position.
pub(super) fn cause_links<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Vec::<Link>::deserialize(d).map(|links| links.into_iter().map(|l| l.0).collect())
}

/// One entry of `causes:`: an id, or a number kept as its digits.
struct Link(String);

impl<'de> Deserialize<'de> for Link {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Link, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Link;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a root cause's id such as R1, or its number such as 1")
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Link, E> {
                Ok(Link(n.to_string()))
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Link, E> {
                Ok(Link(s.trim().to_string()))
            }
        }
        d.deserialize_any(Visit)
    }
}

impl Case {
    /// Brings a loaded case to the current version: every root cause gets
    /// an id, and links written as positions become ids.
    pub fn migrate(&mut self) {
        let mut used: Vec<String> = self
            .root_causes
            .iter()
            .map(|r| r.id.trim().to_string())
            .filter(|id| !id.is_empty())
            .collect();
        for (i, r) in self.root_causes.iter_mut().enumerate() {
            if r.id.trim().is_empty() {
                let preferred = format!("R{}", i + 1);
                r.id = if used.contains(&preferred) {
                    next_free(&used)
                } else {
                    preferred
                };
                used.push(r.id.clone());
            } else {
                r.id = r.id.trim().to_string();
            }
        }
        let ids: Vec<String> = self.root_causes.iter().map(|r| r.id.clone()).collect();
        let resolve = |links: &mut Vec<String>| {
            for link in links.iter_mut() {
                *link = cause_link(&ids, link);
            }
        };
        for a in &mut self.corrective_actions {
            resolve(&mut a.causes);
        }
        for m in &mut self.preventive_measures {
            resolve(&mut m.causes);
        }
        self.version = VERSION;
    }

    /// A new root cause's id: the smallest `R` number no cause has.
    pub fn new_cause_id(&self) -> String {
        let used: Vec<String> = self.root_causes.iter().map(|r| r.id.clone()).collect();
        next_free(&used)
    }

    /// The link a writer means by `text`: a number is the position of a
    /// root cause as the editor and the letter count them (1 is the first);
    /// `r2` is `R2`.
    pub fn cause_link(&self, text: &str) -> String {
        let ids: Vec<String> = self.root_causes.iter().map(|r| r.id.clone()).collect();
        cause_link(&ids, text)
    }

    /// The position (1-based) of the root cause with this id, as the letter
    /// numbers them.
    pub fn cause_number(&self, id: &str) -> Option<usize> {
        self.root_causes
            .iter()
            .position(|r| r.id.eq_ignore_ascii_case(id.trim()))
            .map(|i| i + 1)
    }
}

fn cause_link(ids: &[String], text: &str) -> String {
    let t = text.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        let n: usize = t.parse().unwrap_or(0);
        return match n.checked_sub(1).and_then(|i| ids.get(i)) {
            Some(id) if !id.is_empty() => id.clone(),
            _ => super::normal_cause_id(t),
        };
    }
    super::normal_cause_id(t)
}

fn next_free(used: &[String]) -> String {
    (1..)
        .map(|n| format!("R{n}"))
        .find(|id| !used.contains(id))
        .unwrap_or_else(|| "R1".into())
}

#[cfg(test)]
mod tests {
    use crate::case::{CorrectiveAction, PreventiveMeasure, RootCause};

    use super::*;

    #[test]
    fn a_version_1_case_gets_ids_and_its_positions_become_ids() {
        let src = "version: 1
root_causes:
- summary: First
- summary: Second
corrective_actions:
- action: Fixed it
  causes: [2, 1]
preventive_measures:
- measure: Kept it fixed
  causes:
  - 2
";
        let case = crate::case::from_yaml(src, "old.poa.yaml").unwrap();
        assert_eq!(case.version, VERSION);
        assert_eq!(case.root_causes[0].id, "R1");
        assert_eq!(case.root_causes[1].id, "R2");
        assert_eq!(case.corrective_actions[0].causes, ["R2", "R1"]);
        assert_eq!(case.preventive_measures[0].causes, ["R2"]);
        let saved = crate::case::to_yaml(&case);
        assert!(saved.contains("version: 2"), "{saved}");
        assert!(saved.contains("- R2"), "{saved}");
        let again = crate::case::from_yaml(&saved, "new.poa.yaml").unwrap();
        assert_eq!(again, case);
    }

    #[test]
    fn a_link_that_is_neither_an_id_nor_a_number_says_what_to_write() {
        let src = "version: 2\ncorrective_actions:\n- action: x\n  causes: [R1, {a: 1}]\n";
        let m = crate::case::from_yaml(src, "x.poa.yaml")
            .unwrap_err()
            .to_string();
        assert!(m.starts_with("x.poa.yaml:4:"), "{m}");
        assert!(m.contains("corrective_actions[0].causes[1]"), "{m}");
        assert!(
            m.contains("a root cause's id such as R1, or its number such as 1"),
            "{m}"
        );
        assert!(
            !m.contains("untagged") && !m.contains("Link"),
            "no Rust in it: {m}"
        );
    }

    #[test]
    fn ids_stay_with_their_cause_and_new_ones_fill_the_gaps() {
        let mut case = Case::new();
        for (id, s) in [("R2", "b"), ("", "c"), ("R1", "a")] {
            case.root_causes.push(RootCause {
                id: id.into(),
                summary: s.into(),
                ..RootCause::default()
            });
        }
        case.corrective_actions.push(CorrectiveAction {
            causes: vec!["r1".into(), "3".into()],
            ..CorrectiveAction::default()
        });
        case.preventive_measures.push(PreventiveMeasure {
            causes: vec!["9".into()],
            ..PreventiveMeasure::default()
        });
        case.migrate();
        let ids: Vec<&str> = case.root_causes.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["R2", "R3", "R1"]);
        // "3" is the third cause as the letter counts them: R1.
        assert_eq!(case.corrective_actions[0].causes, ["R1", "R1"]);
        // A position past the end stays a link to nothing, which C011 reports.
        assert_eq!(case.preventive_measures[0].causes, ["R9"]);
        assert_eq!(case.new_cause_id(), "R4");
        assert_eq!(case.cause_number("r3"), Some(2));
    }
}
