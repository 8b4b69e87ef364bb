//! G001: a word spelt wrong, with the word meant as its fix when only one
//! is near (see `check::spell` for what counts as a slip).

use std::collections::HashSet;

use crate::check::doc::Role;
use crate::check::draft::LineKind;
use crate::check::text::match_case;
use crate::check::{Cx, Field, Finding, Meta, Rule, sense, spell};

/// The longest word spelt, in bytes.
const MAX_WORD: usize = 30;

pub struct Misspelling;

/// The words of a field for spelling, with the checker's sentences (a
/// field that is not prose has none: it reads as one sentence).
fn words_of<'t>(cx: &Cx<'t>, f: &Field<'t>) -> Vec<spell::Word<'t>> {
    let sentences = cx.at(f.id).map_or(&[][..], |i| &cx.sentences[i][..]);
    spell::words(f.text, cx.tokens(f), sentences)
}

/// The words the letter itself vouches for: its names and data (the legal
/// name, the store, people, products, suppliers), its signature and
/// account lines, and the writer's own list.
fn own_words(cx: &Cx) -> HashSet<String> {
    let mut own: HashSet<String> = cx.settings.words.clone();
    for f in &cx.doc.fields {
        let vouches = matches!(f.role, Role::Data | Role::Closing)
            || matches!(
                f.kind,
                LineKind::Info | LineKind::Closing | LineKind::Salutation | LineKind::Reference
            );
        let words = words_of(cx, f);
        if vouches {
            own.extend(words.iter().map(|w| w.text.to_lowercase()));
        } else if f.role.is_prose() {
            // A word written with a capital inside a sentence is a name
            // ("Magazzino Adda"), and its plain uses are that name too.
            own.extend(
                words
                    .iter()
                    .filter(|w| !w.opens_sentence && capitals(w.text) == (true, false))
                    .map(|w| w.text.to_lowercase()),
            );
        }
    }
    own
}

/// Capitals in a word: none, the first only, or other (an acronym, "iPhone").
fn capitals(word: &str) -> (bool, bool) {
    let mut chars = word.chars();
    let first = chars.next().is_some_and(|c| c.is_ascii_uppercase());
    let inner = chars.any(|c| c.is_ascii_uppercase());
    (first, inner)
}

impl Rule for Misspelling {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let speller = spell::speller();
        let mut own: Option<HashSet<String>> = None;
        for f in cx.doc.statements().filter(|f| f.role != Role::Closing) {
            let quotes = sense::quoted(f.text);
            for w in words_of(cx, f) {
                // A word in quotation marks is mentioned, not used: a
                // claim's wording, a user name, a word of another language.
                let marked = f.text[..w.start].ends_with(['"', '“', '\'', '‘', '«'])
                    && f.text[w.end..].starts_with(['"', '”', '\'', '’', '»']);
                // Past 30 letters a "word" is a code, a hash or a key held
                // down, and its corrections would take time that grows
                // with its square: it is not spelt.
                if w.text.len() < 3
                    || w.text.len() > MAX_WORD
                    || marked
                    || sense::inside(&quotes, &(w.start..w.end))
                {
                    continue;
                }
                let (first, inner) = capitals(w.text);
                // A capital inside a sentence is a name, unless it is one
                // slip from a month, a day or "Amazon".
                if first && !inner && !w.opens_sentence {
                    if speller.unknown(w.text).is_some()
                        && let Some(meant) = spell::capitalised_slip(w.text)
                    {
                        out.push(
                            Finding::span(
                                me,
                                f,
                                w.start,
                                w.end,
                                format!(
                                    "\"{}\" is not spelt right. Did you mean \"{meant}\"?",
                                    w.text
                                ),
                            )
                            .with_fix(meant.to_string()),
                        );
                    }
                    continue;
                }
                // An acronym or a brand ("FBA", "iPhone"); a plural of a
                // noun that has none is G002's ("feedbacks").
                if inner {
                    continue;
                }
                let Some((sure, fixes)) = speller.unknown(w.text) else {
                    continue;
                };
                let lower = w.text.to_lowercase();
                if super::grammar::UNCOUNTABLE
                    .iter()
                    .any(|(many, _)| *many == lower)
                {
                    continue;
                }
                let own = own.get_or_insert_with(|| own_words(cx));
                if own.contains(&lower) {
                    continue;
                }
                // A capitalised first word is often a name: flagged only for
                // a typist's slip ("Recieved").
                if fixes.is_empty() || (first && !sure) || fixes.len() > 3 {
                    continue;
                }
                let shaped: Vec<String> = fixes.iter().map(|s| match_case(w.text, s)).collect();
                let meant = shaped
                    .iter()
                    .map(|s| format!("\"{s}\""))
                    .collect::<Vec<_>>()
                    .join(" or ");
                let finding = Finding::span(
                    me,
                    f,
                    w.start,
                    w.end,
                    format!("\"{}\" is not spelt right. Did you mean {meant}?", w.text),
                );
                out.push(if shaped.len() == 1 {
                    finding.with_fix(shaped[0].clone())
                } else {
                    finding
                });
            }
        }
    }
}
