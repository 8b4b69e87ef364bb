//! Phrase lists (`templates/phrases.yaml`, plus a writer's own file)
//! compiled once into one Aho-Corasick automaton that finds whole words,
//! without regard to case, in one pass over a text.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

use super::doc::Scope;

/// The embedded phrase lists.
pub const EMBEDDED: &str = include_str!("../../templates/phrases.yaml");

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Entry {
    Plain(String),
    Full {
        p: String,
        #[serde(default)]
        fix: Option<String>,
        #[serde(default)]
        scope: Option<Scope>,
    },
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CodeList {
    #[serde(default)]
    scope: Option<Scope>,
    #[serde(default)]
    say: Option<String>,
    #[serde(default)]
    phrases: Vec<Entry>,
    #[serde(default)]
    except: Vec<String>,
}

/// One compiled pattern.
#[derive(Debug, Clone)]
struct Pattern {
    code: &'static str,
    fix: Option<String>,
    scope: Scope,
    /// An `except` pattern: cancels matches of its code that it covers.
    except: bool,
}

/// A phrase found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub code: &'static str,
    pub start: usize,
    pub end: usize,
    pub fix: Option<String>,
    pub scope: Scope,
}

/// Every phrase list, compiled.
pub struct PhraseSet {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    /// The message template of each code ("{match}", "{fix}").
    says: BTreeMap<&'static str, String>,
    /// The phrases of each code as written (before expansion).
    sources: BTreeMap<&'static str, Vec<String>>,
}

/// Why a phrase file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum PhraseError {
    #[error("{name}: {detail}")]
    Yaml { name: String, detail: String },
    #[error("{name}: `{code}` is not a check code that takes phrases ({known})")]
    UnknownCode {
        name: String,
        code: String,
        known: String,
    },
    #[error("{name}: the phrase `{phrase}` has an unclosed `(`")]
    Unbalanced { name: String, phrase: String },
}

/// The codes whose findings come from phrase lists.
pub const PHRASE_CODES: [&str; 19] = [
    "C010", "C013", "P002", "P004", "P005", "P006", "T001", "T002", "T003", "T004", "T005", "T006",
    "T007", "T010", "T011", "T012", "T013", "T017", "T018",
];

fn static_code(code: &str) -> Option<&'static str> {
    PHRASE_CODES.iter().find(|c| **c == code).copied()
}

/// Expands `(a|b) c (d|)` into every literal phrase it stands for.
pub fn expand(pattern: &str) -> Option<Vec<String>> {
    let Some(open) = pattern.find('(') else {
        return Some(vec![pattern.to_string()]);
    };
    let close = open + pattern[open..].find(')')?;
    let (head, rest) = (&pattern[..open], &pattern[close + 1..]);
    let mut out = Vec::new();
    for alt in pattern[open + 1..close].split('|') {
        for tail in expand(rest)? {
            out.push(format!("{head}{alt}{tail}"));
        }
    }
    Some(out)
}

fn normalize(p: &str) -> String {
    p.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl PhraseSet {
    /// The embedded lists, plus the writer's own files (name, text).
    pub fn compile(extra: &[(String, String)]) -> Result<PhraseSet, PhraseError> {
        let mut lists: Vec<(String, BTreeMap<String, CodeList>)> = Vec::new();
        lists.push((
            "templates/phrases.yaml".into(),
            parse("templates/phrases.yaml", EMBEDDED)?,
        ));
        for (name, text) in extra {
            lists.push((name.clone(), parse(name, text)?));
        }
        let mut literals: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut says = BTreeMap::new();
        let mut sources: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
        let mut seen = std::collections::HashSet::new();
        for (name, list) in &lists {
            for (code, entry) in list {
                let code = static_code(code).ok_or_else(|| PhraseError::UnknownCode {
                    name: name.clone(),
                    code: code.clone(),
                    known: PHRASE_CODES.join(" "),
                })?;
                let default_scope = entry.scope.unwrap_or(Scope::Prose);
                if let Some(say) = &entry.say {
                    says.insert(code, say.clone());
                }
                let items = entry
                    .phrases
                    .iter()
                    .map(|e| match e {
                        Entry::Plain(p) => (p.clone(), None, default_scope, false),
                        Entry::Full { p, fix, scope } => (
                            p.clone(),
                            fix.clone(),
                            scope.unwrap_or(default_scope),
                            false,
                        ),
                    })
                    .chain(
                        entry
                            .except
                            .iter()
                            .map(|p| (p.clone(), None, default_scope, true)),
                    );
                for (phrase, fix, scope, except) in items {
                    if !except {
                        sources.entry(code).or_default().push(phrase.clone());
                    }
                    let expanded = expand(&phrase).ok_or_else(|| PhraseError::Unbalanced {
                        name: name.clone(),
                        phrase: phrase.clone(),
                    })?;
                    for lit in expanded {
                        let lit = normalize(&lit);
                        if lit.is_empty() {
                            continue;
                        }
                        let variants = if lit.contains('\'') {
                            vec![lit.clone(), lit.replace('\'', "\u{2019}")]
                        } else {
                            vec![lit]
                        };
                        for v in variants {
                            if !seen.insert((code, v.clone(), except)) {
                                continue;
                            }
                            literals.push(v);
                            patterns.push(Pattern {
                                code,
                                fix: fix.clone(),
                                scope,
                                except,
                            });
                        }
                    }
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&literals)
            .expect("phrase automaton builds");
        Ok(PhraseSet {
            automaton,
            patterns,
            says,
            sources,
        })
    }

    /// The phrases of a code, as written in the lists.
    pub fn phrases_of(&self, code: &str) -> &[String] {
        self.sources.get(code).map_or(&[], Vec::as_slice)
    }

    /// The message template for a code.
    pub fn say(&self, code: &str) -> Option<&str> {
        self.says.get(code).map(String::as_str)
    }

    /// Every whole-word phrase in `text`, longest first where two of one
    /// code overlap, with `except` matches removed.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let mut hits: Vec<Hit> = Vec::new();
        let mut excepts: Vec<(&'static str, usize, usize)> = Vec::new();
        for m in self.automaton.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            if !at_word_edge(text, s, e) {
                continue;
            }
            let p = &self.patterns[m.pattern().as_usize()];
            if p.except {
                excepts.push((p.code, s, e));
            } else {
                hits.push(Hit {
                    code: p.code,
                    start: s,
                    end: e,
                    fix: p.fix.clone(),
                    scope: p.scope,
                });
            }
        }
        hits.retain(|h| {
            !excepts
                .iter()
                .any(|&(c, s, e)| c == h.code && s <= h.start && h.end <= e)
                && !excepts
                    .iter()
                    .any(|&(c, s, e)| c == h.code && s < h.end && h.start < e)
        });
        // Within a code, keep the longest of overlapping hits.
        hits.sort_by(|a, b| {
            a.code
                .cmp(b.code)
                .then(a.start.cmp(&b.start))
                .then((b.end - b.start).cmp(&(a.end - a.start)))
        });
        let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
        for h in hits {
            if let Some(last) = kept.last()
                && last.code == h.code
                && h.start < last.end
            {
                continue;
            }
            kept.push(h);
        }
        kept.sort_by_key(|h| (h.start, h.code));
        kept
    }
}

fn parse(name: &str, text: &str) -> Result<BTreeMap<String, CodeList>, PhraseError> {
    crate::case::data_from_yaml(text).map_err(|e| PhraseError::Yaml {
        name: name.to_string(),
        detail: e.to_string(),
    })
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The match starts and ends at word edges (a phrase edge that is not a
/// letter, like `%` or `#`, needs no edge).
fn at_word_edge(text: &str, s: usize, e: usize) -> bool {
    let first = text[s..e].chars().next();
    let last = text[s..e].chars().next_back();
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    let left_ok = !first.is_some_and(is_word_char)
        || !before.is_some_and(|c| is_word_char(c) || c == '\'' || c == '\u{2019}' || c == '-');
    let right_ok = !last.is_some_and(is_word_char)
        || !after.is_some_and(|c| {
            is_word_char(c) || (c == '-' && text[e..].chars().nth(1).is_some_and(is_word_char))
        });
    left_ok && right_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> PhraseSet {
        PhraseSet::compile(&[]).unwrap()
    }

    fn codes(text: &str) -> Vec<(&'static str, String)> {
        set()
            .find(text)
            .into_iter()
            .map(|h| (h.code, text[h.start..h.end].to_string()))
            .collect()
    }

    #[test]
    fn expands_alternatives_and_optional_words() {
        assert_eq!(
            expand("(a|b) c(d|)").unwrap(),
            ["a cd", "a c", "b cd", "b c"]
        );
        assert!(expand("(a|b").is_none());
    }

    #[test]
    fn matches_whole_words_only() {
        assert!(
            codes("We fixed the issue.")
                .iter()
                .all(|(c, _)| *c != "T005")
        );
        let c = codes("We will sue them.");
        assert!(c.iter().any(|(code, m)| *code == "T005" && m == "sue"));
        assert!(codes("goodwill").is_empty());
    }

    #[test]
    fn contractions_match_both_apostrophes_and_not_possessives() {
        let t = codes("We didn’t check. We don't know. The seller's account.");
        let found: Vec<&str> = t
            .iter()
            .filter(|(c, _)| *c == "T001")
            .map(|(_, m)| m.as_str())
            .collect();
        assert_eq!(found, ["didn’t", "don't"]);
    }

    #[test]
    fn excepts_cancel_covered_matches() {
        assert!(
            codes("We refunded 17 A-to-z Guarantee claims.")
                .iter()
                .all(|(c, _)| *c != "T007")
        );
        assert!(codes("We guarantee it.").iter().any(|(c, _)| *c == "T007"));
        assert!(
            codes("We checked 100% of returns.")
                .iter()
                .all(|(c, _)| *c != "T007")
        );
    }

    #[test]
    fn overlapping_hits_of_one_code_keep_the_longest() {
        let t: Vec<_> = codes("please give us another chance")
            .into_iter()
            .filter(|(c, _)| *c == "T003")
            .collect();
        assert_eq!(t, [("T003", "another chance".to_string())]);
    }

    #[test]
    fn unknown_codes_in_a_user_file_are_refused() {
        let e = PhraseSet::compile(&[("mine.yaml".into(), "X999:\n  phrases: [a]\n".into())]);
        assert!(matches!(e, Err(PhraseError::UnknownCode { .. })));
        let ok = PhraseSet::compile(&[("mine.yaml".into(), "T002:\n  phrases: [gutted]\n".into())])
            .unwrap();
        assert!(ok.find("We were gutted.").iter().any(|h| h.code == "T002"));
    }
}
