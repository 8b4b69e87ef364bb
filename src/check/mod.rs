//! The checker: completeness, dates, tone and policy of an appeal.
//!
//! `check` turns a case or a draft into findings, which are plain data: the
//! CLI prints them and the editor draws them. Each rule is one small type in
//! `rules/`, registered once in a list sorted by code; simple rules are
//! phrase lists (`templates/phrases.yaml`), compiled once into one matcher.
//! It reads no file and no clock: the caller passes today's date.

pub(crate) mod catalog;
pub mod doc;
pub mod draft;
pub mod phrases;
mod rules;
pub mod sense;
pub mod spell;
pub mod text;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;

pub use catalog::{RuleInfo, RuleZh, catalog, chinese, documented, info, zh};
pub use doc::{Doc, Field, FieldId, Role};
pub use draft::{Draft, SectionKind};
pub use phrases::{PhraseError, PhraseSet};

use crate::case::{Case, Date};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A style hint.
    Info,
    /// Weakens the appeal.
    Warning,
    /// Likely rejected, or against policy.
    Error,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One thing the checker found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub field: FieldId,
    /// Byte offsets in the field's text, when the finding has a place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    pub excerpt: String,
    pub message: String,
    /// The safe replacement for `start..end`, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

impl Serialize for FieldId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Finding {
    /// A finding of rule `rule` on a span of a field.
    pub fn span(rule: &Meta, field: &Field, start: usize, end: usize, message: String) -> Finding {
        Finding {
            code: rule.code,
            severity: rule.severity,
            field: field.id,
            start: Some(start),
            end: Some(end),
            excerpt: field.text[start..end].to_string(),
            message,
            fix: None,
        }
    }

    /// A finding of rule `rule` about a whole field (or a missing one).
    pub fn whole(rule: &Meta, field: FieldId, excerpt: &str, message: String) -> Finding {
        Finding {
            code: rule.code,
            severity: rule.severity,
            field,
            start: None,
            end: None,
            excerpt: text::shorten(excerpt, 60),
            message,
            fix: None,
        }
    }

    pub fn with_fix(mut self, fix: String) -> Finding {
        self.fix = Some(fix);
        self
    }

    /// The message in the writer's language. In Chinese it is the code's
    /// message from `templates/rules.zh.yaml`, with the marked words and the
    /// proposed wording left in English; a sentence about the fix is left
    /// out when the finding has none.
    pub fn message_in(&self, lang: crate::playbook::Lang) -> std::borrow::Cow<'_, str> {
        let Some(zh) = (lang == crate::playbook::Lang::Zh)
            .then(|| catalog::zh(self.code))
            .flatten()
        else {
            return std::borrow::Cow::Borrowed(&self.message);
        };
        let said = if self.excerpt.is_empty() {
            "这里".to_string()
        } else {
            format!("“{}”", text::shorten(&self.excerpt, 60))
        };
        let mut out = String::new();
        let mut dropped = false;
        for sentence in zh.say_for(&self.message).split_inclusive('。') {
            match &self.fix {
                Some(fix) => out.push_str(&sentence.replace("{fix}", &format!("“{fix}”"))),
                None if sentence.contains("{fix}") => dropped = true,
                None => out.push_str(sentence),
            }
        }
        // With no fix to name, the rule's own words say what to write.
        if dropped {
            out.push_str(&format!("英文说明：{}", self.message));
        }
        std::borrow::Cow::Owned(out.replace("{match}", &said).trim().to_string())
    }

    /// The same finding at another severity than its rule's default, for
    /// the few rules whose catalogue entry names a milder case (C004: an
    /// action without an owner is a warning, without a date an error).
    pub fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }
}

/// The limits the length rules use.
#[derive(Debug, Clone)]
pub struct Settings {
    /// L001: the longest letter, in words.
    pub max_words: usize,
    /// L002: the longest section, in characters.
    pub max_section_chars: usize,
    /// Codes not reported.
    pub allow: Vec<String>,
    /// Evidence `file` values that the caller looked for and did not find
    /// (the checker reads no disk).
    pub missing_files: Vec<String>,
    /// The G family (spelling, grammar, translated phrasing) runs.
    pub grammar: bool,
    /// Words the writer spells as they mean to (G001 never flags them):
    /// the case's `check.words` and any `--words` file, in lower case.
    pub words: std::collections::HashSet<String>,
    /// The PDF prints Chinese, Japanese and Korean letters on this
    /// computer (a font was found), so L003 does not flag them; the caller
    /// looked (the checker reads no disk). See [`Settings::look_for_fonts`].
    pub cjk_font: bool,
    /// The letter Amazon turned down, when the case records a rejection
    /// and the letter it answered was kept (`poa submit`): C019 finds its
    /// text repeated. The caller reads it (the checker reads no disk).
    pub rejected: Option<std::sync::Arc<Rejected>>,
    /// Date fields whose text is no date yet, with what was typed (the
    /// editor's half-typed "2026-11-109"). The case holds them empty, and
    /// the rules that find the date missing say what was typed instead.
    pub typed: Vec<(crate::case::FieldPath, String)>,
}

/// The letter a rejection answered: when it was sent, when it was turned
/// down, and the texts of its letter (causes, actions, measures,
/// explanation), trimmed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rejected {
    pub sent_on: Option<crate::case::Date>,
    pub rejected_on: Option<crate::case::Date>,
    pub texts: std::collections::HashSet<String>,
}

impl Rejected {
    /// The texts of a letter's case that C019 compares: its causes,
    /// actions, measures and explanation, trimmed.
    pub fn texts_of(case: &Case) -> std::collections::HashSet<String> {
        case.text_fields()
            .into_iter()
            .filter(|f| f.path.in_letter() && rules::answers_the_notice(f.path.section))
            .map(|f| f.text.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect()
    }
}

impl Settings {
    /// What the finding that the date at `path` is missing says when a
    /// text that is no date yet was typed there ([`Settings::typed`]).
    pub fn not_a_date_yet(
        &self,
        path: &crate::case::FieldPath,
        today: crate::case::Date,
    ) -> Option<String> {
        let (_, typed) = self.typed.iter().find(|(p, _)| p == path)?;
        let label = path.field().map_or("this date", |f| f.label[0]);
        Some(format!(
            "The date typed in {label}, \"{}\", is not a date yet: write it as YYYY-MM-DD, for example {today}.",
            typed.trim()
        ))
    }

    /// Sets [`Settings::cjk_font`] for `case`: the font folders are looked
    /// in (once a run) only when a letter of the case needs them.
    pub fn look_for_fonts(&mut self, case: &crate::case::Case) {
        let needs = case.text_fields().into_iter().any(|f| {
            f.path.in_letter()
                && !f.text.is_ascii()
                && f.text.chars().any(crate::layout::font::is_cjk)
        });
        self.cjk_font = needs && crate::layout::font::fallback().is_some();
    }
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            max_words: 1000,
            max_section_chars: 2000,
            allow: Vec::new(),
            missing_files: Vec::new(),
            grammar: true,
            words: Default::default(),
            cjk_font: false,
            rejected: None,
            typed: Vec::new(),
        }
    }
}

/// Where each field is in a document's `fields`. Rules ask it for every
/// field they read, so its hash is `Fx`.
pub type FieldIndex = FxMap<FieldId, usize>;

/// FxHash (as in rustc): a fast hash for small keys no one chooses to
/// collide: field ids, the phrase trie's words, the words of the writer's
/// own letter.
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        // Eight bytes at a time, the last ones padded and told apart by
        // their number.
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.write_u64(u64::from_le_bytes(c.try_into().expect("eight bytes")));
        }
        let rest = chunks.remainder();
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        self.write_u64(u64::from_le_bytes(last) ^ rest.len() as u64);
    }
    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map hashed with `Fx`.
pub type FxMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;

/// What a rule sees.
pub struct Cx<'a> {
    pub doc: &'a Doc<'a>,
    pub phrases: &'a PhraseSet,
    /// Phrase hits of each field of `doc.fields`, same order.
    pub hits: &'a [Vec<phrases::Hit>],
    /// The sentences of each prose field (empty for other fields).
    pub sentences: &'a [Vec<std::ops::Range<usize>>],
    /// The words of each prose field (0 for other fields).
    pub words: &'a [usize],
    pub today: Date,
    pub settings: &'a Settings,
    /// Where each field is in `doc.fields` (and so in `hits`, `sentences`).
    pub index: &'a FieldIndex,
    /// The violation the letter reads closest to, when it is not the
    /// notice's (C017 and C018 both ask): (named, closest).
    pub topic: std::cell::OnceCell<
        Option<(
            &'static crate::playbook::Playbook,
            &'static crate::playbook::Playbook,
        )>,
    >,
    /// The words of each field of `doc.fields` (`sense::tokens`), read the
    /// first time a rule asks and shared by the rules after it.
    pub tokens: Vec<std::cell::OnceCell<Vec<sense::Token<'a>>>>,
    /// The content words of each field (`text::content_words`), as
    /// `tokens`: read once, shared.
    pub content: Vec<std::cell::OnceCell<Vec<u64>>>,
}

impl<'a> Cx<'a> {
    /// The place of a field in `doc.fields`.
    pub fn at(&self, id: FieldId) -> Option<usize> {
        self.index.get(&id).copied()
    }

    /// The words of a field of the document (`sense::tokens` of its text),
    /// read once however many rules ask.
    pub fn tokens(&self, f: &doc::Field<'a>) -> &[sense::Token<'a>] {
        match self.at(f.id).and_then(|i| self.tokens.get(i)) {
            Some(cell) => cell.get_or_init(|| sense::tokens(f.text)),
            // Not a field of this document: never the case in the rules.
            None => &[],
        }
    }

    /// The content words (`text::content_words`) of the field `id` whose
    /// text is `text`, read once however many rules ask; a text that is
    /// not that field's is read on the spot.
    pub fn content_words(&self, id: FieldId, text: &str) -> std::borrow::Cow<'_, [u64]> {
        match self.at(id) {
            Some(i) if self.doc.fields[i].text == text => std::borrow::Cow::Borrowed(
                self.content[i].get_or_init(|| text::content_words(text)),
            ),
            _ => std::borrow::Cow::Owned(text::content_words(text)),
        }
    }
}

impl Cx<'_> {
    /// The prose fields with their sentences and word counts.
    pub fn prose(&self) -> impl Iterator<Item = (&Field<'_>, &[std::ops::Range<usize>], usize)> {
        self.doc
            .fields
            .iter()
            .zip(self.sentences.iter().zip(self.words.iter()))
            .filter(|(f, _)| f.role.is_prose())
            .map(|(f, (s, w))| (f, s.as_slice(), *w))
    }
}

/// What the registry says of a rule: the one place its code and default
/// severity are written. Its documentation is the entry of the same code
/// in `templates/rules.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meta {
    pub code: &'static str,
    pub severity: Severity,
    /// Its findings come from phrase lists, so a writer's `--phrases` file
    /// may add phrases under this code.
    pub phrases: bool,
}

/// A check. One type per code; `registry` lists them sorted by code, each
/// with its `Meta`, which `check` receives so that a rule never spells its
/// own code or severity.
pub trait Rule: Send + Sync {
    fn check(&self, rule: &Meta, cx: &Cx, out: &mut Vec<Finding>);
}

/// A rule with its code and severity.
pub struct Registered {
    pub meta: Meta,
    pub rule: &'static dyn Rule,
}

/// Every rule, sorted by code.
pub fn registry() -> &'static [Registered] {
    rules::registry()
}

/// The registry's entry for a code (any case).
pub fn meta(code: &str) -> Option<&'static Meta> {
    registry()
        .iter()
        .map(|r| &r.meta)
        .find(|m| m.code.eq_ignore_ascii_case(code))
}

/// The checker with its phrase lists compiled.
pub struct Checker {
    phrases: PhraseSet,
}

impl Checker {
    /// The checker with the embedded phrase lists, compiled once per process.
    pub fn standard() -> &'static Checker {
        static CELL: OnceLock<Checker> = OnceLock::new();
        CELL.get_or_init(|| Checker {
            phrases: PhraseSet::compile(&[]).expect("embedded phrases compile"),
        })
    }

    /// A checker whose phrase lists include the writer's own files (name, text).
    pub fn with_phrases(extra: &[(String, String)]) -> Result<Checker, PhraseError> {
        Ok(Checker {
            phrases: PhraseSet::compile(extra)?,
        })
    }

    /// The phrase lists this checker uses.
    pub fn phrases(&self) -> &PhraseSet {
        &self.phrases
    }

    /// Findings of a document, sorted by place.
    pub fn check_doc(&self, doc: &Doc, today: Date, settings: &Settings) -> Vec<Finding> {
        self.run_rules(doc, today, settings, false)
    }

    /// The rules' findings, the rules run in registry order or (to warm
    /// the patterns beside a check that runs in order) the other way round.
    fn run_rules(
        &self,
        doc: &Doc,
        today: Date,
        settings: &Settings,
        reverse: bool,
    ) -> Vec<Finding> {
        // The phrases of each prose field and its number of words, from one
        // reading of its text.
        let (hits, words): (Vec<Vec<phrases::Hit>>, Vec<usize>) = doc
            .fields
            .iter()
            .map(|f| {
                if f.role.is_prose() && !f.text.is_empty() {
                    self.phrases.find_counting(f.text)
                } else {
                    (Vec::new(), 0)
                }
            })
            .unzip();
        let sentences: Vec<Vec<std::ops::Range<usize>>> = doc
            .fields
            .iter()
            .map(|f| {
                if f.role.is_prose() {
                    text::sentences(f.text)
                } else {
                    Vec::new()
                }
            })
            .collect();
        let order: FieldIndex = doc
            .fields
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id, i))
            .collect();
        let cx = Cx {
            doc,
            phrases: &self.phrases,
            hits: &hits,
            sentences: &sentences,
            words: &words,
            today,
            settings,
            index: &order,
            topic: std::cell::OnceCell::new(),
            tokens: doc.fields.iter().map(|_| Default::default()).collect(),
            content: doc.fields.iter().map(|_| Default::default()).collect(),
        };
        let mut out = Vec::new();
        let registry = rules::registry();
        // Spelling runs last: its dictionary (the longest load) then has
        // the time of every other rule to arrive from the warming thread.
        let spelling = |r: &&Registered| r.meta.code == "G001";
        let rules: Box<dyn Iterator<Item = _>> = if reverse {
            Box::new(registry.iter().rev())
        } else {
            Box::new(
                registry
                    .iter()
                    .filter(|r| !spelling(r))
                    .chain(registry.iter().filter(spelling)),
            )
        };
        for r in rules {
            if settings
                .allow
                .iter()
                .any(|a| a.eq_ignore_ascii_case(r.meta.code))
                || (!settings.grammar && r.meta.code.starts_with('G'))
            {
                continue;
            }
            r.rule.check(&r.meta, &cx, &mut out);
        }
        out.sort_by_key(|f| {
            let place = match f.field {
                FieldId::Document => 0,
                id => order.get(&id).map_or(usize::MAX - 1, |i| i + 1),
            };
            (place, f.start.unwrap_or(0), f.code)
        });
        one_say_per_phrase(&mut out);
        out
    }

    /// Findings of a case.
    pub fn check_case(&self, case: &Case, today: Date) -> Vec<Finding> {
        let doc = Doc::from_case(case);
        let settings = settings_of(case);
        self.check_doc(&doc, today, &settings)
    }

    /// Findings of a draft written elsewhere.
    pub fn check_draft(&self, draft: &Draft, today: Date) -> Vec<Finding> {
        self.check_draft_with(draft, today, &Settings::default())
    }

    /// Findings of a draft written elsewhere, with settings of the caller
    /// (`poa check --words`, `--no-grammar`).
    pub fn check_draft_with(
        &self,
        draft: &Draft,
        today: Date,
        settings: &Settings,
    ) -> Vec<Finding> {
        self.check_doc(&Doc::from_draft(draft), today, settings)
    }
}

/// A letter that reaches every rule's patterns: bad in most of the ways a
/// letter can be, so each rule gets past its first test of the text.
const WARM_UP: &str = include_str!("../../templates/warm-up.md");

/// Starts building the standard checker (the phrase lists and every rule's
/// patterns) on a background thread, by checking a letter that reaches
/// them. A one-shot `poa check`, or an editor just opened, then shares that
/// work over two cores instead of building every pattern in line. Each
/// pattern is built once, by whichever thread needs it first; the other
/// waits for it, so the results are the same whichever runs ahead.
/// With `spelling`, the G rules are warmed too (their word map is read in
/// place: it has no load to share).
pub fn warm_in_background(spelling: bool) {
    std::thread::spawn(move || {
        // The rules run from the last, with no phrase lists: the check
        // that runs beside compiles the lists and meets the rules from the
        // first, so the two threads seldom wait on the same pattern.
        let bare = Checker {
            phrases: PhraseSet::default(),
        };
        let today = Date::new(2026, 11, 22).expect("a real date");
        let draft = Draft::parse(WARM_UP);
        let doc = Doc::from_draft(&draft);
        let settings = Settings {
            grammar: spelling,
            ..Settings::default()
        };
        bare.run_rules(&doc, today, &settings, true);
    });
}

/// The settings a case asks for (`check:` in the case file).
pub fn settings_of(case: &Case) -> Settings {
    let d = Settings::default();
    Settings {
        max_words: case.check.max_words.unwrap_or(d.max_words),
        max_section_chars: case.check.max_section_chars.unwrap_or(d.max_section_chars),
        allow: case.check.allow.clone(),
        grammar: case.check.grammar,
        words: case
            .check
            .words
            .iter()
            .map(|w| w.trim().to_lowercase())
            .collect(),
        ..d
    }
}

/// Counts of findings by severity: (errors, warnings, infos).
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    findings
        .iter()
        .fold((0, 0, 0), |(e, w, i), f| match f.severity {
            Severity::Error => (e + 1, w, i),
            Severity::Warning => (e, w + 1, i),
            Severity::Info => (e, w, i + 1),
        })
}

/// Applies the safe fixes of `findings` to a case. Returns how many were applied.
pub fn apply_fixes(case: &mut Case, findings: &[Finding]) -> usize {
    let mut by_field: BTreeMap<crate::case::FieldPath, Vec<&Finding>> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.fix.is_some()) {
        if let FieldId::Case(p) = f.field {
            by_field.entry(p).or_default().push(f);
        }
    }
    let mut applied = 0;
    for (path, list) in by_field {
        if let Some(text) = case.text_mut(&path) {
            applied += splice(text, list);
        }
    }
    applied
}

/// Applies the safe fixes of a draft's findings, line by line. Returns the
/// new text and how many were applied.
pub fn apply_draft_fixes(text: &str, findings: &[Finding]) -> (String, usize) {
    let mut by_line: BTreeMap<usize, Vec<&Finding>> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.fix.is_some()) {
        if let FieldId::Line(n) = f.field {
            by_line.entry(n).or_default().push(f);
        }
    }
    if by_line.is_empty() {
        return (text.to_string(), 0);
    }
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut applied = 0;
    for (n, list) in by_line {
        if let Some(line) = n.checked_sub(1).and_then(|i| lines.get_mut(i)) {
            applied += splice(line, list);
        }
    }
    (lines.join("\n"), applied)
}

/// Words that a translation finding (G003) rewrites are not also called
/// vague or template wording (T006, T017) by a second finding: one place,
/// one say, and the one with the better wording wins. Expects the
/// findings sorted by place.
fn one_say_per_phrase(out: &mut Vec<Finding>) {
    let rewritten: Vec<(FieldId, usize, usize)> = out
        .iter()
        .filter(|f| f.code == "G003")
        .filter_map(|f| Some((f.field, f.start?, f.end?)))
        .collect();
    if rewritten.is_empty() {
        return;
    }
    out.retain(|f| {
        let (Some(start), Some(end)) = (f.start, f.end) else {
            return true;
        };
        !(matches!(f.code, "T006" | "T017")
            && f.fix.is_none()
            && rewritten
                .iter()
                .any(|(id, s, e)| *id == f.field && start < *e && *s < end))
    });
}

/// Puts the fixes of `list` (findings on `text`) in place, from the end so
/// that earlier offsets stay valid. Skips overlaps, and any finding whose
/// excerpt is no longer where it says.
fn splice(text: &mut String, mut list: Vec<&Finding>) -> usize {
    list.sort_by_key(|f| std::cmp::Reverse(f.start));
    let mut limit = usize::MAX;
    let mut applied = 0;
    for f in list {
        let (Some(s), Some(e), Some(fix)) = (f.start, f.end, &f.fix) else {
            continue;
        };
        if e > limit || text.get(s..e) != Some(f.excerpt.as_str()) {
            continue;
        }
        text.replace_range(s..e, fix);
        limit = s;
        applied += 1;
    }
    applied
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(line: usize, start: usize, excerpt: &str, to: &str) -> Finding {
        Finding {
            code: "T001",
            severity: Severity::Warning,
            field: FieldId::Line(line),
            start: Some(start),
            end: Some(start + excerpt.len()),
            excerpt: excerpt.into(),
            message: String::new(),
            fix: Some(to.into()),
        }
    }

    #[test]
    fn draft_fixes_go_line_by_line_and_skip_stale_ones() {
        let text = "Root cause:\nWe didn't check. It's fixed.\r\nWe can't.\n";
        let findings = [
            fix(2, 3, "didn't", "did not"),
            fix(2, 17, "It's", "It is"),
            fix(3, 0, "can't", "cannot"), // stale: the excerpt is not at 0
            fix(9, 0, "x", "y"),          // no such line
        ];
        let (fixed, n) = apply_draft_fixes(text, &findings);
        assert_eq!(n, 2);
        assert_eq!(
            fixed,
            "Root cause:\nWe did not check. It is fixed.\r\nWe can't.\n"
        );
        assert_eq!(apply_draft_fixes(text, &[]), (text.to_string(), 0));
    }
}
