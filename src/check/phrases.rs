//! Phrase lists (`templates/phrases.yaml`, plus a writer's own file)
//! compiled once into one trie of words, which finds whole-word phrases,
//! without regard to case, in one pass over a text's words.
//!
//! Words, not bytes: "sue" is never found in "issue", "ass" never in
//! "class", and the thousands of phrases the lists expand to build in a
//! millisecond (a byte automaton over them takes tens).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::doc::Scope;
use super::text::{ascii_tokens, folded, word_hash};

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
pub(crate) struct CodeList {
    #[serde(default)]
    scope: Option<Scope>,
    #[serde(default)]
    say: Option<String>,
    #[serde(default)]
    phrases: Vec<Entry>,
    #[serde(default)]
    except: Vec<String>,
    /// A phrase under "not", "no", "never" in its clause does not count
    /// ("we do not offer any incentive for a review").
    #[serde(default)]
    negatable: bool,
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

use super::FxMap;

/// The phrases as a trie over interned words.
#[derive(Default)]
struct Trie {
    /// Every word of every phrase, numbered.
    words: FxMap<Box<str>, u32>,
    /// After `finish`: each word's `word_hash` → its number, so a text's
    /// words are looked up without copying them; a hit is confirmed
    /// against `names`. `None` if two words of the lists share a hash
    /// (then `words` is used).
    by_hash: Option<FxMap<u64, u32>>,
    /// After `finish`: every word by its number.
    names: Vec<Box<str>>,
    /// The root's children by word: `root[w]` is the node word `w` leads
    /// to from the root (0 for none). Every match starts here.
    root: Vec<u32>,
    /// The other nodes' children while building: (node, word, child).
    kids: Vec<(u32, u32, u32)>,
    /// While building: (node, word) → child, so a node with many children
    /// ("ph 1" … "ph 200000" under "ph") is not searched child by child.
    edges: FxMap<(u32, u32), u32>,
    /// After `finish`: the children of node n are `kid[kid_start[n]..kid_start[n + 1]]`,
    /// sorted by word.
    kid_start: Vec<u32>,
    kid: Vec<(u32, u32)>,
    /// Nodes made so far (node 0 is the root).
    nodes: u32,
    /// (node, pattern) while building; sorted into `start`/`ends` by `finish`.
    pending: Vec<(u32, u32)>,
    /// The patterns that end at node n are `ends[start[n]..start[n + 1]]`.
    start: Vec<u32>,
    ends: Vec<u32>,
}

impl Trie {
    fn new() -> Trie {
        Trie {
            words: FxMap::with_capacity_and_hasher(4096, Default::default()),
            // About what the embedded lists make: no growing on the way.
            edges: FxMap::with_capacity_and_hasher(1 << 16, Default::default()),
            kids: Vec::with_capacity(1 << 16),
            pending: Vec::with_capacity(1 << 14),
            nodes: 1,
            ..Trie::default()
        }
    }

    fn finish(&mut self) {
        let mut by_hash = FxMap::with_capacity_and_hasher(self.words.len(), Default::default());
        let unique = self
            .words
            .iter()
            .all(|(w, &id)| by_hash.insert(word_hash(w), id).is_none());
        self.by_hash = unique.then_some(by_hash);
        self.names = vec![Box::from(""); self.words.len()];
        for (w, &id) in &self.words {
            self.names[id as usize] = w.clone();
        }
        self.pending.sort_unstable();
        self.pending.dedup();
        self.start = vec![0; self.nodes as usize + 1];
        for &(n, _) in &self.pending {
            self.start[n as usize + 1] += 1;
        }
        for i in 1..self.start.len() {
            self.start[i] += self.start[i - 1];
        }
        self.ends = self.pending.iter().map(|&(_, p)| p).collect();
        self.pending = Vec::new();
        // The children by node (a counting sort: nodes are numbered),
        // then each node's by word.
        self.kid_start = vec![0; self.nodes as usize + 1];
        for &(n, _, _) in &self.kids {
            self.kid_start[n as usize + 1] += 1;
        }
        for i in 1..self.kid_start.len() {
            self.kid_start[i] += self.kid_start[i - 1];
        }
        let mut at = self.kid_start.clone();
        self.kid = vec![(0, 0); self.kids.len()];
        for &(n, w, c) in &self.kids {
            self.kid[at[n as usize] as usize] = (w, c);
            at[n as usize] += 1;
        }
        for n in 0..self.nodes as usize {
            self.kid[self.kid_start[n] as usize..self.kid_start[n + 1] as usize].sort_unstable();
        }
        self.kids = Vec::new();
        self.edges = FxMap::default();
    }

    fn ends_of(&self, node: u32) -> &[u32] {
        &self.ends[self.start[node as usize] as usize..self.start[node as usize + 1] as usize]
    }

    /// The number of a word, given on first sight.
    fn word_id(&mut self, word: &str) -> u32 {
        match self.words.get(word) {
            Some(&w) => w,
            None => {
                let w = self.words.len() as u32;
                self.words.insert(word.into(), w);
                w
            }
        }
    }

    /// The node `w` leads to from `node`, made if it is new.
    fn child(&mut self, node: u32, w: u32) -> u32 {
        let found = if node == 0 {
            self.root.get(w as usize).copied().filter(|&n| n != 0)
        } else {
            self.edges.get(&(node, w)).copied()
        };
        if let Some(n) = found {
            return n;
        }
        let n = self.nodes;
        self.nodes += 1;
        if node == 0 {
            if self.root.len() <= w as usize {
                self.root.resize(w as usize + 1, 0);
            }
            self.root[w as usize] = n;
        } else {
            self.kids.push((node, w, n));
            self.edges.insert((node, w), n);
        }
        n
    }

    /// The node `w` leads to from `node`, once built.
    fn next(&self, node: u32, w: u32) -> Option<u32> {
        if node == 0 {
            return self.root.get(w as usize).copied().filter(|&n| n != 0);
        }
        let kids = &self.kid
            [self.kid_start[node as usize] as usize..self.kid_start[node as usize + 1] as usize];
        kids.binary_search_by_key(&w, |&(word, _)| word)
            .ok()
            .map(|i| kids[i].1)
    }
}

/// Whether `word` of a text is `listed`, a word as the lists hold it.
fn same_word(listed: &str, word: &str) -> bool {
    if word.is_ascii() {
        return listed.eq_ignore_ascii_case(word);
    }
    listed.chars().eq(folded(word))
}

/// The words of a text, as byte ranges: runs of letters and digits with
/// inner `'`, `’`, `-` and `.` ("don't", "A-to-z", "8.0"), and every other
/// visible character on its own ("%", "#", "!").
fn spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(text.len() / 5);
    if text.is_ascii() {
        ascii_tokens(text.as_bytes(), |s, e, _, _| out.push((s, e)));
        return out;
    }
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if crate::check::text::counts_alone(c) {
            // A Chinese character is a word of its own, as word_count counts.
            out.push((i, i + c.len_utf8()));
        } else if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if crate::check::text::counts_alone(d) {
                    break;
                } else if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    chars.next();
                } else if matches!(d, '\'' | '\u{2019}' | '-' | '.') {
                    let mut ahead = chars.clone();
                    ahead.next();
                    if ahead.peek().is_some_and(|&(_, n)| n.is_alphanumeric()) {
                        chars.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            out.push((i, end));
        } else if !c.is_whitespace() {
            out.push((i, i + c.len_utf8()));
        }
    }
    out
}

/// The words of a phrase, lower-case, `’` read as `'`, each given to
/// `word` (whose answer stands for it from then on).
fn words_of<T>(text: &str, word: &mut impl FnMut(&str) -> T) -> Vec<T> {
    let mut key = String::new();
    spans(text)
        .into_iter()
        .map(|(s, e)| {
            key.clear();
            let token = &text[s..e];
            if token.is_ascii() {
                key.push_str(token);
                key.make_ascii_lowercase();
            } else {
                key.extend(folded(token));
            }
            word(&key)
        })
        .collect()
}

/// Splits `s` at the `|` that are outside parentheses.
fn split_top(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut from) = (0i32, 0);
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            '|' if depth == 0 => {
                out.push(&s[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[from..]);
    out
}

/// A phrase as slots of alternative word sequences: "(the|our) carrier
/// (lost|delayed)" is [[the],[our]] [[carrier]] [[lost],[delayed]]. A
/// group holds whole words and may nest; `(a|)` makes a word optional.
fn slots<T: Clone>(phrase: &str, word: &mut impl FnMut(&str) -> T) -> Option<Vec<Vec<Vec<T>>>> {
    let mut out = Vec::new();
    let mut rest = phrase;
    loop {
        let Some(open) = rest.find('(') else {
            if rest.contains(')') {
                return None;
            }
            out.extend(words_of(rest, word).into_iter().map(|w| vec![vec![w]]));
            return Some(out);
        };
        if rest[..open].contains(')') {
            return None;
        }
        out.extend(
            words_of(&rest[..open], word)
                .into_iter()
                .map(|w| vec![vec![w]]),
        );
        let mut depth = 0;
        let close = rest[open..].char_indices().find_map(|(i, c)| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            (depth == 0).then_some(open + i)
        })?;
        let mut alternatives = Vec::new();
        for part in split_top(&rest[open + 1..close]) {
            alternatives.extend(sequences(&slots(part, word)?));
        }
        out.push(alternatives);
        rest = &rest[close + 1..];
    }
}

/// The deepest nesting of parentheses a phrase may have.
const MAX_DEPTH: usize = 6;
/// The most word sequences one phrase may stand for.
const MAX_PATHS: u64 = 2_000;
/// The most words one phrase may hold, its alternatives counted: a phrase
/// is a few words (and each is a step of the trie's building).
const MAX_WORDS: usize = 200;
/// The most word sequences the writer's files may stand for in all (the
/// embedded lists stand for some 11,500): a trie of that size takes tens of
/// megabytes, not gigabytes.
const MAX_TOTAL_PATHS: u64 = 100_000;

/// How many words a phrase holds, its alternatives counted.
fn words_in(phrase: &str) -> usize {
    phrase
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '|'))
        .filter(|w| !w.is_empty())
        .count()
}

/// How deep the parentheses of `s` nest.
fn depth_of(s: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for c in s.chars() {
        match c {
            '(' => {
                depth += 1;
                max = max.max(depth);
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// How many word sequences a phrase of balanced parentheses, nested no
/// deeper than `MAX_DEPTH`, stands for (saturating).
fn paths(phrase: &str) -> u64 {
    let mut total = 1u64;
    let mut rest = phrase;
    while let Some(open) = rest.find('(') {
        let mut depth = 0;
        let Some(close) = rest[open..].char_indices().find_map(|(i, c)| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            (depth == 0).then_some(open + i)
        }) else {
            return total;
        };
        let inner: u64 = split_top(&rest[open + 1..close])
            .into_iter()
            .map(paths)
            .fold(0u64, u64::saturating_add);
        total = total.saturating_mul(inner.max(1));
        rest = &rest[close + 1..];
    }
    total
}

/// Every word sequence that slots stand for.
fn sequences<T: Clone>(slots: &[Vec<Vec<T>>]) -> Vec<Vec<T>> {
    let mut out = vec![Vec::new()];
    for alternatives in slots {
        out = out
            .iter()
            .flat_map(|head| {
                alternatives.iter().map(move |alt| {
                    let mut v = head.clone();
                    v.extend(alt.iter().cloned());
                    v
                })
            })
            .collect();
    }
    out
}

/// The first reading of a phrase, for people ("(a|b) c" reads "a c");
/// `None` when its parentheses do not balance.
pub fn example(phrase: &str) -> Option<String> {
    let s = slots(phrase, &mut str::to_string)?;
    Some(
        s.iter()
            .filter_map(|alts| alts.first())
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Adds every word sequence of `slots` below `node`, ending in `pattern`.
fn insert(trie: &mut Trie, node: u32, slots: &[Vec<Vec<u32>>], pattern: usize) {
    let Some((alternatives, rest)) = slots.split_first() else {
        if node != 0 {
            trie.pending.push((node, pattern as u32));
        }
        return;
    };
    for alt in alternatives {
        let mut n = node;
        for &w in alt {
            n = trie.child(n, w);
        }
        insert(trie, n, rest, pattern);
    }
}

/// Every phrase list, compiled.
#[derive(Default)]
pub struct PhraseSet {
    trie: Trie,
    patterns: Vec<Pattern>,
    /// The message template of each code ("{match}", "{fix}").
    says: BTreeMap<&'static str, String>,
    /// The phrases of each code as written (before expansion).
    sources: BTreeMap<&'static str, Vec<String>>,
    /// The codes whose phrases a negation cancels.
    negatable: Vec<&'static str>,
}

/// Why a phrase file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum PhraseError {
    /// The YAML could not be read: `detail` names the file, line and column.
    #[error("{detail}")]
    Yaml { name: String, detail: String },
    #[error("{name}:{line}:1: `{code}` is not a check code that takes phrases ({known})")]
    UnknownCode {
        name: String,
        /// The line the code stands on (1 if it cannot be found).
        line: usize,
        code: String,
        known: String,
    },
    #[error(
        "{name}: holds an invisible control character (U+{code:04X}), written as a YAML escape. Delete it: phrase messages are printed on the terminal"
    )]
    ControlChar { name: String, code: u32 },
    #[error(
        "{name}: the phrase `{phrase}` has a `(` or a `)` without its pair. Close each group: (our|the) carrier"
    )]
    Unbalanced { name: String, phrase: String },
    #[error(
        "{name}: the phrase `{phrase}` is too large: it holds more than 200 words, or its groups nest more than 6 deep or stand for more than 2,000 wordings. Split it into several shorter phrases"
    )]
    TooLarge { name: String, phrase: String },
    #[error(
        "{name}: the phrases stand for more than 100,000 wordings in all, more than poa reads. Use fewer alternatives in the groups, or fewer phrases"
    )]
    TooMany { name: String },
}

/// The codes whose findings come from phrase lists, as the registry marks them.
pub fn phrase_codes() -> impl Iterator<Item = &'static str> {
    super::registry()
        .iter()
        .filter(|r| r.meta.phrases)
        .map(|r| r.meta.code)
}

fn static_code(code: &str) -> Option<&'static str> {
    phrase_codes().find(|c| *c == code)
}

impl PhraseSet {
    /// The embedded lists, plus the writer's own files (name, text).
    pub fn compile(extra: &[(String, String)]) -> Result<PhraseSet, PhraseError> {
        let mut lists: Vec<(String, BTreeMap<String, CodeList>)> = Vec::new();
        lists.push((
            "templates/phrases.yaml".into(),
            crate::embedded::data(crate::embedded::PHRASES)
                .unwrap_or_else(|e| panic!("templates/phrases.yaml: {e}")),
        ));
        for (name, text) in extra {
            if let Some(c) = crate::case::control_in_yaml(text) {
                return Err(PhraseError::ControlChar {
                    name: name.clone(),
                    code: c as u32,
                });
            }
            lists.push((name.clone(), parse(name, text)?));
        }
        let mut trie = Trie::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut says = BTreeMap::new();
        let mut sources: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
        let mut negatable = Vec::new();
        let mut writers_paths = 0u64;
        for (n, (name, list)) in lists.iter().enumerate() {
            // The embedded list is poa's own; the writer's files are bounded.
            let writers = n > 0;
            for (code, entry) in list {
                let code = static_code(code).ok_or_else(|| PhraseError::UnknownCode {
                    name: name.clone(),
                    line: extra
                        .get(n.wrapping_sub(1))
                        .and_then(|(_, text)| {
                            text.lines().position(|l| {
                                l.strip_prefix(code.as_str())
                                    .is_some_and(|r| r.trim_start().starts_with(':'))
                                    || l.trim_start_matches(['"', '\'']).starts_with(code.as_str())
                                        && !l.starts_with(' ')
                            })
                        })
                        .map_or(1, |i| i + 1),
                    code: code.clone(),
                    known: phrase_codes().collect::<Vec<_>>().join(" "),
                })?;
                let default_scope = entry.scope.unwrap_or(Scope::Prose);
                if let Some(say) = &entry.say {
                    says.insert(code, say.clone());
                }
                if entry.negatable && !negatable.contains(&code) {
                    negatable.push(code);
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
                    // A phrase file is the writer's: its size is bounded
                    // before it is expanded (deep nesting would overflow
                    // the stack, many groups take memory without end).
                    if writers {
                        let depth = depth_of(&phrase);
                        let n = if depth > MAX_DEPTH {
                            u64::MAX
                        } else {
                            paths(&phrase)
                        };
                        if words_in(&phrase) > MAX_WORDS || n > MAX_PATHS {
                            return Err(PhraseError::TooLarge {
                                name: name.clone(),
                                phrase: crate::check::text::shorten(&phrase, 60),
                            });
                        }
                        writers_paths += n;
                        if writers_paths > MAX_TOTAL_PATHS {
                            return Err(PhraseError::TooMany { name: name.clone() });
                        }
                    }
                    // Words become numbers once, not at every path through the slots.
                    let slots = slots(&phrase, &mut |w| trie.word_id(w)).ok_or_else(|| {
                        PhraseError::Unbalanced {
                            name: name.clone(),
                            phrase: phrase.clone(),
                        }
                    })?;
                    patterns.push(Pattern {
                        code,
                        fix: fix.clone(),
                        scope,
                        except,
                    });
                    insert(&mut trie, 0, &slots, patterns.len() - 1);
                }
            }
        }
        trie.finish();
        Ok(PhraseSet {
            trie,
            patterns,
            says,
            sources,
            negatable,
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
        self.find_counting(text).0
    }

    /// `find`, and the number of words of the text as `text::word_count`
    /// counts them: both come from one reading of the text.
    pub fn find_counting(&self, text: &str) -> (Vec<Hit>, usize) {
        let mut hits: Vec<Hit> = Vec::new();
        let mut excepts: Vec<(&'static str, usize, usize)> = Vec::new();
        // Each token of the text as its number in the phrases' vocabulary.
        let mut toks: Vec<(Option<u32>, usize, usize)> = Vec::with_capacity(text.len() / 4);
        let mut words = 0;
        let mut key = String::new();
        let mut push = |s: usize, e: usize, hash: u64, word: bool| {
            words += usize::from(word);
            let token = &text[s..e];
            let id = match &self.trie.by_hash {
                Some(ids) => ids
                    .get(&hash)
                    .copied()
                    .filter(|&id| same_word(&self.trie.names[id as usize], token)),
                None => {
                    key.clear();
                    key.extend(folded(token));
                    self.trie.words.get(key.as_str()).copied()
                }
            };
            toks.push((id, s, e));
        };
        if text.is_ascii() {
            ascii_tokens(text.as_bytes(), &mut push);
        } else {
            for (s, e) in spans(text) {
                let token = &text[s..e];
                let word = token.chars().next().is_some_and(char::is_alphanumeric);
                push(s, e, word_hash(token), word);
            }
        }
        for i in 0..toks.len() {
            let mut node = 0u32;
            for tok in &toks[i..] {
                let Some(w) = tok.0 else { break };
                let Some(n) = self.trie.next(node, w) else {
                    break;
                };
                node = n;
                let (s, e) = (toks[i].1, tok.2);
                for &pi in self.trie.ends_of(node) {
                    let p = &self.patterns[pi as usize];
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
            }
        }
        // Words quoted from a notice, a policy or a buyer are not the
        // writer's; a negated phrase of a negatable code says the opposite.
        let quotes = if text.contains(['"', '“', '„', '«', '「', '『']) {
            super::sense::quoted(text)
        } else {
            Vec::new()
        };
        hits.retain(|h| {
            let quoted = super::sense::inside(&quotes, &(h.start..h.end));
            let negated = self.negatable.contains(&h.code) && super::sense::negated(text, h.start);
            !(quoted || negated)
        });
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
        (kept, words)
    }
}

fn parse(name: &str, text: &str) -> Result<BTreeMap<String, CodeList>, PhraseError> {
    crate::case::data_from_yaml(text, name).map_err(|e| PhraseError::Yaml {
        name: name.to_string(),
        detail: e.to_string(),
    })
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
    fn find_counts_words_as_word_count_does() {
        let set = set();
        for t in [
            "",
            "We didn't ship 58 of 96 orders (60.4%) on time.",
            "A-to-z claims, e.g. 8.0 version; don’t -- stop... ok!",
            "  trailing -dash and 'quoted' words' end ",
            "我们 已经 退款 14 位买家。Seller’s café résumé",
            "line one\nline two\ttab",
        ] {
            assert_eq!(
                set.find_counting(t).1,
                crate::check::text::word_count(t),
                "{t:?}"
            );
        }
    }

    #[test]
    fn phrases_read_as_slots_of_alternatives() {
        let s = slots("(a|b c) d (e|)", &mut str::to_string).unwrap();
        assert_eq!(
            sequences(&s),
            [
                vec!["a", "d", "e"],
                vec!["a", "d"],
                vec!["b", "c", "d", "e"],
                vec!["b", "c", "d"]
            ]
        );
        assert_eq!(
            sequences(&slots("x (y (z|w)|v)", &mut str::to_string).unwrap()).len(),
            3
        );
        assert!(slots("(a|b", &mut str::to_string).is_none());
        assert!(slots("a) b", &mut str::to_string).is_none());
        assert_eq!(paths("(a|b c) d (e|)"), 4);
        assert_eq!(paths("x (y (z|w)|v)"), 3);
        assert_eq!(depth_of("((a|b)|c)"), 2);
        let many: String = (0..40).map(|i| format!("(a{i}|b{i}) ")).collect();
        assert_eq!(paths(&many), 1 << 40);
        assert_eq!(
            example("(the|our) carrier (lost|delayed)").as_deref(),
            Some("the carrier lost")
        );
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
    fn a_writers_phrase_file_is_bounded_in_words_and_in_all() {
        let file = |text: String| PhraseSet::compile(&[("mine.yaml".into(), text)]);
        // One phrase of many words: refused before it is built (a phrase
        // of 100,000 words overflowed the stack).
        let long = format!("T002:\n  phrases: [\"{}\"]\n", "x ".repeat(100_000));
        assert!(matches!(file(long), Err(PhraseError::TooLarge { .. })));
        // The near miss: a long phrase, but a phrase.
        let fine = format!("T002:\n  phrases: [\"{}\"]\n", "x ".repeat(150));
        assert!(file(fine).is_ok());
        // Many phrases, each within bounds, standing for too much in all
        // (each ten two-way groups: 1,024 wordings; 200 of them).
        let group = "(a|b) ".repeat(10);
        let phrase = |i: usize| format!("    - \"w{i} {group}\"\n");
        let many: String = (0..200).map(phrase).collect();
        let e = file(format!("T002:\n  phrases:\n{many}"));
        assert!(
            matches!(e, Err(PhraseError::TooMany { .. })),
            "{:?}",
            e.err()
        );
        assert!(e.err().unwrap().to_string().contains("100,000 wordings"));
        // Fewer of them are read.
        let some: String = (0..20).map(phrase).collect();
        assert!(file(format!("T002:\n  phrases:\n{some}")).is_ok());
    }

    #[test]
    fn unknown_codes_in_a_user_file_are_refused() {
        let e = PhraseSet::compile(&[(
            "mine.yaml".into(),
            "T002:\n  phrases: [a]\nX999:\n  phrases: [a]\n".into(),
        )]);
        assert!(matches!(e, Err(PhraseError::UnknownCode { line: 3, .. })));
        assert!(
            e.err()
                .unwrap()
                .to_string()
                .starts_with("mine.yaml:3:1: `X999`")
        );
        let ok = PhraseSet::compile(&[("mine.yaml".into(), "T002:\n  phrases: [gutted]\n".into())])
            .unwrap();
        assert!(ok.find("We were gutted.").iter().any(|h| h.code == "T002"));
    }
}
