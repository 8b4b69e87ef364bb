//! A POA written elsewhere (`.txt`, `.md`): its lines, and the sections
//! found from its headings in the many ways sellers word them ("Root cause",
//! "Why it happened", "Actions taken", "Steps to prevent", numbered or not,
//! Markdown or plain, in capitals or ending in a colon).

/// The part of an appeal a heading opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// Before the first heading, or under an introduction heading.
    Intro,
    RootCause,
    Corrective,
    Preventive,
    Evidence,
    Explanation,
    Closing,
    /// Corrective actions and preventive measures under one heading
    /// ("Plan of action:", "Corrective and preventive actions"): each line
    /// is an action or a measure by what it says.
    Plan,
}

/// What a line of a draft is, whatever its section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Blank,
    Heading,
    /// A sentence that introduces what follows and ends in ":".
    LeadIn,
    /// A statement: what happened, what was done, what will be.
    Text,
    /// An attachment or a document listed as evidence.
    Attachment,
    /// Mostly identifiers (ASINs, orders, tracking numbers), a web address
    /// or a policy's title.
    Reference,
    /// A "Label: value" line of an account or company block.
    Info,
    /// "Dear Amazon", "Hello".
    Salutation,
    /// "Thank you", "Sincerely", and the name under them.
    Closing,
}

impl SectionKind {
    pub fn title(self) -> &'static str {
        match self {
            SectionKind::Intro => "Introduction",
            SectionKind::RootCause => "Root cause",
            SectionKind::Corrective => "Corrective actions",
            SectionKind::Preventive => "Preventive measures",
            SectionKind::Evidence => "Supporting documents",
            SectionKind::Explanation => "Explanation",
            SectionKind::Closing => "Closing",
            SectionKind::Plan => "Plan of action",
        }
    }
}

/// One line of a draft.
#[derive(Debug, Clone, Copy)]
pub struct DraftLine<'a> {
    /// 1-based line number.
    pub n: usize,
    pub text: &'a str,
    pub heading: bool,
    pub kind: LineKind,
    pub section: SectionKind,
    /// The item (list item or paragraph) of its section, counted from 0.
    pub item: Option<usize>,
}

/// A draft split into lines and sections.
#[derive(Debug, Clone)]
pub struct Draft<'a> {
    pub lines: Vec<DraftLine<'a>>,
    /// The sections found, in order, with the line of their heading.
    pub sections: Vec<(SectionKind, usize)>,
    /// A violation id, when the caller knows it.
    pub violation: Option<&'static str>,
}

impl<'a> Draft<'a> {
    pub fn parse(text: &'a str) -> Draft<'a> {
        let raw: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
        let mut lines = Vec::new();
        let mut sections = Vec::new();
        let mut section = SectionKind::Intro;
        let mut item: Option<usize> = None;
        let mut in_item = false;
        let mut closed = false;
        let mut continues_heading = false;
        for (i, &line) in raw.iter().enumerate() {
            let n = i + 1;
            let push = |lines: &mut Vec<DraftLine<'a>>, kind, section, item| {
                lines.push(DraftLine {
                    n,
                    text: line,
                    heading: kind == LineKind::Heading,
                    kind,
                    section,
                    item,
                })
            };
            if line.trim().is_empty() {
                in_item = false;
                continues_heading = false;
                push(&mut lines, LineKind::Blank, section, None);
                continue;
            }
            // The second line of a heading copied from a notice, wrapped:
            // "-- Greater detail on the actions you have taken to resolve the
            // Drop" / "Shipping Policy violations."
            if continues_heading && line.split_whitespace().count() <= 8 {
                continues_heading = false;
                push(&mut lines, LineKind::Heading, section, None);
                continue;
            }
            continues_heading = false;
            let after_causes = sections.iter().any(|(k, _)| *k == SectionKind::RootCause);
            let heading = if plan_heading(line) && after_causes && section != SectionKind::Plan {
                Some(Some(SectionKind::Plan))
            } else {
                heading_kind(line).or_else(|| question_heading(line))
            };
            if let Some(kind) = heading {
                // A heading that names no section (a title, a sub-heading)
                // keeps the section it is in; "Plan of action" after the
                // causes opens the plan.
                if let Some(kind) = kind {
                    section = kind;
                    sections.push((kind, n));
                }
                item = None;
                in_item = false;
                let t = line.trim();
                continues_heading = (t.starts_with("--")
                    || t.to_lowercase().starts_with("greater detail"))
                    && !t.ends_with(['.', ':', '?']);
                push(&mut lines, LineKind::Heading, section, None);
                continue;
            }
            if let Some(kind) = inline_heading(line).or_else(|| {
                // A paragraph before any section that reports what was found
                // is the root cause ("What we found is that ...").
                (section == SectionKind::Intro && !in_item && finds_cause(line))
                    .then_some(SectionKind::RootCause)
            }) {
                section = kind;
                sections.push((kind, n));
                item = None;
                in_item = false;
            }
            let kind = line_kind(line, section, closed);
            // A lead-in ("We found these reasons for the high cancellation
            // rate:") opens the section it names; so does a line of several
            // sentences ending in ":" whose last sentence names another.
            let colon = kind == LineKind::Text && line.trim_end().ends_with([':', '：']);
            let names = (kind == LineKind::LeadIn || colon)
                .then(|| lead_in_section(line))
                .flatten()
                .filter(|k| *k != section);
            let opens = colon && names.is_some();
            if kind == LineKind::LeadIn || opens {
                push(&mut lines, kind, section, None);
                if let Some(k) = names {
                    section = k;
                    sections.push((k, n));
                }
                item = None;
                in_item = false;
                continue;
            }
            if kind == LineKind::Closing {
                closed = true;
            }
            let starts_item = is_list_item(line) || !in_item;
            if starts_item {
                item = Some(item.map_or(0, |i| i + 1));
            }
            in_item = true;
            push(&mut lines, kind, section, item);
        }
        // The name, role and company under the letter, with no "Regards"
        // above them: the last block of short lines without a full stop.
        let end = lines
            .iter()
            .rposition(|l| l.kind != LineKind::Blank)
            .map_or(0, |i| i + 1);
        let start = lines[..end]
            .iter()
            .rposition(|l| l.kind == LineKind::Blank)
            .map_or(0, |i| i + 1);
        let signature = end > start
            && end - start <= 4
            && start > 0
            && lines[start..end].iter().all(|l| {
                let t = l.text.trim();
                matches!(l.kind, LineKind::Text | LineKind::Info | LineKind::Closing)
                    && t.split_whitespace().count() <= 8
                    && !t.ends_with(['.', '!', '?', ':', ';'])
            });
        if signature {
            for l in &mut lines[start..end] {
                l.kind = LineKind::Closing;
                l.item = None;
            }
        }
        if !sections.iter().any(|(k, _)| {
            matches!(
                k,
                SectionKind::RootCause
                    | SectionKind::Corrective
                    | SectionKind::Preventive
                    | SectionKind::Plan
                    | SectionKind::Explanation
            )
        }) {
            infer_sections(&mut lines, &mut sections);
        }
        // The violation the letter says it answers, from its title and
        // opening lines.
        let opening: Vec<&str> = raw
            .iter()
            .filter(|l| !l.trim().is_empty())
            .take(4)
            .copied()
            .collect();
        let violation = crate::notice::violation_named(&opening.join("\n"));
        Draft {
            lines,
            sections,
            violation,
        }
    }

    /// True when the draft has at least one heading poa understood.
    pub fn has_structure(&self) -> bool {
        self.sections.iter().any(|(k, _)| {
            matches!(
                k,
                SectionKind::RootCause | SectionKind::Corrective | SectionKind::Preventive
            )
        })
    }

    /// Does the draft have a section of this kind? A merged plan section
    /// holds both the corrective actions and the preventive measures.
    pub fn has(&self, kind: SectionKind) -> bool {
        self.sections.iter().any(|(k, _)| {
            *k == kind
                || (*k == SectionKind::Plan
                    && matches!(kind, SectionKind::Corrective | SectionKind::Preventive))
        })
    }

    /// The items of a section: (item number, its lines' text joined, first line number).
    pub fn items(&self, kind: SectionKind) -> Vec<(usize, String, usize)> {
        let mut out: Vec<(usize, String, usize)> = Vec::new();
        for l in self
            .lines
            .iter()
            .filter(|l| !l.heading && l.section == kind)
        {
            let Some(i) = l.item else { continue };
            match out.last_mut() {
                Some(last) if last.0 == i => {
                    last.1.push('\n');
                    last.1.push_str(l.text);
                }
                _ => out.push((i, l.text.to_string(), l.n)),
            }
        }
        out
    }
}

fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("• ") || t.starts_with("+ ") {
        return true;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && digits <= 3
        && matches!(t.as_bytes().get(digits), Some(b'.' | b')'))
        && t.as_bytes().get(digits + 1) == Some(&b' ')
}

/// Strips Markdown heading marks, bold, numbering and a final colon.
fn heading_text(line: &str) -> (String, bool, bool) {
    let mut t = line.trim();
    // "## Root cause", and the templates' "-- Our explanation".
    let md = t.starts_with('#') || t.starts_with("--") || t.starts_with("==");
    t = t.trim_start_matches(['#', '-', '=']).trim();
    let mut bold = false;
    for mark in ["**", "__"] {
        if let Some(inner) = t.strip_prefix(mark) {
            let inner = inner.trim_end_matches(':').trim_end();
            if let Some(inner) = inner.strip_suffix(mark) {
                t = inner.trim();
                bold = true;
            }
        }
    }
    // Numbering: "1.", "1)", "2 -", "I.", "II.", "A.", "Step 1:", "Part 2 -".
    let lower = t.to_ascii_lowercase();
    for word in ["step ", "part ", "section "] {
        if lower.starts_with(word) {
            let rest = &t[word.len()..];
            let n = rest.bytes().take_while(u8::is_ascii_digit).count();
            if n > 0 {
                t = rest[n..].trim_start_matches([':', '.', ')', '-', ' ']);
            }
        }
    }
    // "A) What went wrong", "B. Actions taken".
    let b = t.as_bytes();
    if b.len() > 3 && b[0].is_ascii_uppercase() && matches!(b[1], b')' | b'.') && b[2] == b' ' {
        t = t[2..].trim_start();
    }
    let n = t.bytes().take_while(u8::is_ascii_digit).count();
    if n > 0 && n <= 2 && t[n..].starts_with(['.', ')', ' ', ':']) {
        t = t[n..].trim_start_matches(['.', ')', ' ', ':', '-']);
    } else {
        let roman = t
            .bytes()
            .take_while(|b| matches!(b, b'I' | b'V' | b'X'))
            .count();
        if roman > 0 && roman <= 4 && t[roman..].starts_with(['.', ')']) {
            t = t[roman + 1..].trim_start();
        }
    }
    let t = t
        .trim()
        .trim_end_matches(':')
        .trim()
        .trim_matches('*')
        .trim();
    (t.to_string(), md, bold)
}

/// Which section a heading text names.
fn classify(text: &str) -> Option<SectionKind> {
    let t = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&[
        "corrective and preventive",
        "corrective and preventative",
        "corrective & preventive",
        "corrective/preventive",
    ]) {
        return Some(SectionKind::Plan);
    }
    if has(&[
        "prevent",
        "future",
        "from now",
        "recur",
        "long-term",
        "long term",
        "going forward",
        "from happening again",
        "happen again",
        "happening again",
        "stop it",
        "stop this",
        "avoid this",
    ]) {
        return Some(SectionKind::Preventive);
    }
    if has(&[
        "corrective",
        "correction",
        "solution",
        "action taken",
        "actions taken",
        "actions we have taken",
        "actions we took",
        "steps taken",
        "steps we have taken",
        "steps we took",
        "what we have done",
        "what we did",
        "what we do",
        "have taken",
        "measures taken",
        "solve",
        "our actions",
        "what we've done",
        "immediate",
        "resolve",
        "resolution",
        "remediation",
        "remedial",
        "fixes",
        "how we fixed",
        "actions",
    ]) {
        return Some(SectionKind::Corrective);
    }
    if t.starts_with("why ") && !t.starts_with("why we believe") {
        return Some(SectionKind::RootCause);
    }
    if has(&[
        "root cause",
        "cause",
        "why it happened",
        "why this happened",
        "what happened",
        "what went wrong",
        "reason",
        "problem",
        "investigation",
        "analysis",
    ]) {
        return Some(SectionKind::RootCause);
    }
    if has(&[
        "evidence",
        "supporting document",
        "documents",
        "attachment",
        "exhibit",
        "appendix",
        "proof",
    ]) {
        return Some(SectionKind::Evidence);
    }
    if has(&["explanation", "why we believe", "dispute"]) {
        return Some(SectionKind::Explanation);
    }
    if has(&["closing", "conclusion"]) {
        return Some(SectionKind::Closing);
    }
    if has(&["introduction", "overview", "summary", "background"]) {
        return Some(SectionKind::Intro);
    }
    None
}

/// When the line is a heading: the section it opens, or `None` for a
/// heading that names no section (a title, a sub-heading).
pub fn heading_kind(line: &str) -> Option<Option<SectionKind>> {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return None;
    }
    let (text, md, bold) = heading_text(trimmed);
    // "B0ABCDEFGH B0ABCDEFGJ" is in capitals, and a list of ids, not a heading.
    if text.is_empty() || is_reference(&text) {
        return None;
    }
    let words = text.split_whitespace().count();
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let caps = letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase());
    let colon = trimmed.ends_with(':') || trimmed.ends_with("**:");
    let numbered = trimmed != text
        && trimmed
            .trim_start_matches('#')
            .trim()
            .starts_with(|c: char| c.is_ascii_digit() || c == 'I' || c == 'V');
    let terminal = text.ends_with(['.', '!', '?', ';', ',']) && !text.ends_with("etc.");
    let short = text.chars().count() <= 80 && words <= 12;
    if md {
        return Some(classify(&text));
    }
    if !short || terminal {
        return None;
    }
    if caps {
        return Some(classify(&text));
    }
    if bold || numbered {
        return classify(&text).map(Some);
    }
    // "We took these actions on 19 November:" introduces a list; it is prose.
    let lower = text.to_lowercase();
    let sentence_start = [
        "we ",
        "i ",
        "our ",
        "they ",
        "this ",
        "these ",
        "it ",
        "the following",
    ]
    .iter()
    .any(|w| lower.starts_with(w));
    if colon && !sentence_start {
        return classify(&text).map(Some);
    }
    // A short line without punctuation: "Root Cause Analysis", "Actions taken".
    let title_like = words <= 10
        && !sentence_start
        && !text.contains(',')
        && text.starts_with(|c: char| c.is_uppercase());
    if title_like {
        classify(&text).map(Some)
    } else {
        None
    }
}

/// A letter without headings, in paragraphs: the first tells the notice,
/// the ones before the first dated action give the cause, dated actions
/// are the corrective actions, and what runs from a date on, at a rhythm or
/// as a plan, the preventive measures. Nothing is inferred unless the
/// letter has at least three paragraphs and a dated action.
fn infer_sections(lines: &mut [DraftLine<'_>], sections: &mut Vec<(SectionKind, usize)>) {
    use crate::check::sense;
    // Paragraphs: (first line index, last line index, joined text).
    let mut paras: Vec<(usize, usize, String)> = Vec::new();
    let mut open = false;
    for (i, l) in lines.iter().enumerate() {
        let text_like = matches!(l.kind, LineKind::Text | LineKind::LeadIn);
        if !text_like || l.section != SectionKind::Intro {
            open = false;
            continue;
        }
        match paras.last_mut() {
            Some(p) if open => {
                p.1 = i;
                p.2.push(' ');
                p.2.push_str(l.text);
            }
            _ => paras.push((i, i, l.text.to_string())),
        }
        open = true;
    }
    let dated_action = |t: &str| sense::mood(t).done && !crate::check::text::dates(t).is_empty();
    let measure = |t: &str| {
        let m = sense::mood(t);
        let lower = t.trim_start().to_lowercase();
        [
            "in future",
            "in the future",
            "from now on",
            "going forward",
            "to prevent",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
            || ((lower.starts_with("from ") || lower.starts_with("since "))
                && sense::names_cadence(lower.split_once(' ').map_or("", |(_, rest)| rest))
                && !crate::check::text::dates(t).is_empty())
            || (m.plan.is_some() && !m.done)
    };
    if paras.len() < 3 || !paras[1..].iter().any(|p| dated_action(&p.2)) {
        return;
    }
    // The opening tells the notice; a letter may start with the cause.
    let opening = words!(
        r"(?i)\b(?:notice|notification|received|suspend\w*|deactivat\w*|warning|appeal|plan of action|this letter|writing|our account|selling privileges)\b"
    )
    .is_match(&paras[0].2);
    let first_cause = usize::from(opening);
    let mut kind = SectionKind::Intro;
    for (n, (first, last, text)) in paras.iter().enumerate() {
        // The paragraph after the opening tells what happened, even when
        // it is dated: it is the cause.
        let next = if n < first_cause {
            SectionKind::Intro
        } else if n == first_cause {
            SectionKind::RootCause
        } else if measure(text) && kind != SectionKind::Intro {
            SectionKind::Preventive
        } else if dated_action(text) && kind != SectionKind::Preventive {
            SectionKind::Corrective
        } else if kind == SectionKind::Intro {
            SectionKind::RootCause
        } else {
            kind
        };
        if next != kind {
            kind = next;
            sections.push((kind, lines[*first].n));
        }
        for l in &mut lines[*first..=*last] {
            l.section = kind;
        }
    }
}

/// Amazon's own questions used as headings, in any punctuation: "--
/// Greater detail on the root cause(s) that led to the violation .",
/// "The actions you have taken to resolve the issue".
fn question_heading(line: &str) -> Option<Option<SectionKind>> {
    let t = line
        .trim()
        .trim_start_matches(['-', '*', '#', '>', ' '])
        .trim_start();
    let lower = t.to_lowercase();
    let asks = [
        "greater detail on",
        "greater details on",
        "the root cause(s)",
        "the actions you have taken",
        "the steps you have taken",
        "the steps you will take",
        "the actions you will take",
        "what steps you",
        "how you will prevent",
    ];
    // A question that names a section, as the notice asks it: "What
    // actions have you taken to resolve the complaint?"
    let asked = t.ends_with('?')
        && t.split_whitespace().count() <= 20
        && lower
            .split_whitespace()
            .any(|w| matches!(w, "you" | "your"));
    if t.split_whitespace().count() > 30 || !(asked || asks.iter().any(|a| lower.starts_with(a))) {
        return None;
    }
    if asked {
        return classify(&lower).map(Some);
    }
    Some(classify(&lower))
}

/// "Plan of action", "Action plan", "Our plan": a heading that, after the
/// causes, holds the actions and the measures together.
fn plan_heading(line: &str) -> bool {
    let (text, _, _) = heading_text(line);
    let t = text.to_lowercase();
    ["plan of action", "action plan", "our plan", "the plan"]
        .iter()
        .any(|p| t.starts_with(p))
        && t.split_whitespace().count() <= 6
}

/// A paragraph that reports what the writer found: the root cause of a
/// letter without headings.
fn finds_cause(line: &str) -> bool {
    let t = line.to_lowercase();
    [
        "what we found",
        "we found that",
        "we found out that",
        "we discovered that",
        "we have found that",
        "the reason for",
        "the reasons for",
        "the reason why",
        "this happened because",
        "the root cause",
        "the cause of",
    ]
    .iter()
    .any(|p| t.contains(p))
}

/// The section a lead-in names ("we found these reasons:", "our solutions
/// are as follows:", "we list the attachments:").
fn lead_in_section(line: &str) -> Option<SectionKind> {
    let last = line
        .rsplit(['.', '!', '?'])
        .find(|s| !s.trim().is_empty())
        .unwrap_or(line);
    classify(last)
}

fn starts_with_any(lower: &str, words: &[&str]) -> bool {
    words.iter().any(|w| lower.starts_with(w))
}

/// What a line that is not a heading is.
fn line_kind(line: &str, section: SectionKind, closed: bool) -> LineKind {
    let t = line.trim();
    let lower = t.to_lowercase();
    let words = t.split_whitespace().count();
    let terminal = t.ends_with(['.', '!', '?', ';']);
    if starts_with_any(&lower, &["dear ", "hello", "hi ", "to whom", "greetings"]) && words <= 8 {
        return LineKind::Salutation;
    }
    if starts_with_any(
        &lower,
        &[
            "sincerely",
            "best regards",
            "kind regards",
            "regards",
            "yours",
            "respectfully",
            "best wishes",
            "warm regards",
            "thank you",
            "thanks",
        ],
    ) && words <= 25
    {
        return LineKind::Closing;
    }
    if closed && words <= 8 && !terminal {
        return LineKind::Closing;
    }
    if t.ends_with([':', '：']) && words <= 30 {
        let sentences = t
            .split(['.', '!', '?'])
            .filter(|s| s.split_whitespace().count() >= 2)
            .count();
        if sentences <= 1 {
            return LineKind::LeadIn;
        }
    }
    let body = t.trim_start_matches(['-', '*', '•', '+', ' ']);
    let body_lower = body.to_lowercase();
    let numbered = {
        let b = body.trim_start_matches('(');
        let d = b.bytes().take_while(u8::is_ascii_digit).count();
        d > 0 && d <= 3 && b[d..].starts_with([')', '.'])
    };
    if starts_with_any(
        &body_lower,
        &[
            "attachment",
            "exhibit",
            "annex",
            "appendix",
            "enclosure",
            "enclosed:",
            "attached:",
            "documents attached",
            "attached documents",
            "attached are",
            "attached is",
        ],
    ) || evidence_label(body)
    {
        return LineKind::Attachment;
    }
    if is_reference(body) {
        return LineKind::Reference;
    }
    if let Some((key, value)) = body.split_once([':', '：']) {
        let key_words = key.split_whitespace().count();
        let value_words = value.split_whitespace().count();
        // "Who: our staff", "Why: …": a root cause told by its 5W1H is
        // the letter's own statement, read as prose, not an account line.
        let told = matches!(
            key.trim().to_lowercase().as_str(),
            "what"
                | "what happened"
                | "when"
                | "where"
                | "who"
                | "why"
                | "how"
                | "why it happened"
                | "how it happened"
                | "root cause"
                | "cause"
        );
        if !told
            && (1..=5).contains(&key_words)
            && (1..=14).contains(&value_words)
            && !value.trim_end().ends_with(['.', '!', '?'])
            && !value.contains("//")
            && key.chars().next().is_some_and(char::is_uppercase)
        {
            return LineKind::Info;
        }
    }
    if section == SectionKind::Evidence && (numbered || words <= 12 || !terminal) {
        return LineKind::Attachment;
    }
    LineKind::Text
}

/// "E1:", "E2 -", "Document 3:" open a line of the evidence list.
fn evidence_label(t: &str) -> bool {
    let b = t.as_bytes();
    (b.first() == Some(&b'E')
        && b.get(1).is_some_and(u8::is_ascii_digit)
        && t[1..]
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .starts_with([':', ' ', '.', ')']))
        || t.to_lowercase().starts_with("document ")
            && t[9..].starts_with(|c: char| c.is_ascii_digit())
}

/// A web address alone, or a line that is mostly identifiers.
fn is_reference(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() {
        return false;
    }
    if words.len() <= 3
        && words
            .iter()
            .any(|w| w.contains("://") || w.starts_with("www."))
    {
        return true;
    }
    let ids = words
        .iter()
        .filter(|w| {
            let w = w.trim_matches(|c: char| !c.is_ascii_alphanumeric());
            w.len() >= 8
                && w.bytes().any(|c| c.is_ascii_digit())
                && w.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
        })
        .count();
    words.len() >= 2 && ids * 2 >= words.len()
}

/// "Root cause: we ..." opens a section and goes on with its text.
fn inline_heading(line: &str) -> Option<SectionKind> {
    let t = line.trim().trim_start_matches("**");
    let (head, rest) = t.split_once(':')?;
    let head = head.trim_end_matches("**").trim();
    if rest.trim().is_empty() || head.split_whitespace().count() > 6 || head.len() > 50 {
        return None;
    }
    let (text, _, _) = heading_text(head);
    let lower = text.to_lowercase();
    let known = [
        "problem",
        "the problem",
        "issue",
        "reason",
        "reasons",
        "what happened",
        "root cause",
        "root causes",
        "cause",
        "causes",
        "corrective action",
        "corrective actions",
        "actions taken",
        "preventive measure",
        "preventive measures",
        "preventative measures",
        "prevention",
        "preventive action",
        "preventive actions",
        "evidence",
        "explanation",
    ];
    if known.contains(&lower.as_str()) {
        classify(&text)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SectionKind::*;

    #[test]
    fn finds_headings_worded_many_ways() {
        for (line, kind) in [
            ("## Root cause", RootCause),
            ("1. Root Cause Analysis", RootCause),
            ("Why it happened:", RootCause),
            ("**What happened**", RootCause),
            ("ROOT CAUSE", RootCause),
            ("Actions taken", Corrective),
            ("2) Corrective actions:", Corrective),
            ("What we have done", Corrective),
            (
                "Steps we have taken to prevent this in the future",
                Preventive,
            ),
            ("Steps to prevent", Preventive),
            ("III. PREVENTIVE MEASURES", Preventive),
            ("Supporting documents:", Evidence),
            ("### Evidence", Evidence),
        ] {
            assert_eq!(heading_kind(line), Some(Some(kind)), "{line}");
        }
    }

    #[test]
    fn prose_that_mentions_a_section_is_not_a_heading() {
        for line in [
            "The root cause was a missing check.",
            "We took these actions on 19 November 2026, in this order:",
            "- Refunded 17 buyers",
            "1. Refunded all 17 buyers on 19 November.",
            "B0C4X9K2LM and B0C4X9K2LN",
        ] {
            assert_eq!(heading_kind(line), None, "{line}");
        }
    }

    #[test]
    fn titles_are_headings_that_keep_the_section() {
        assert_eq!(
            heading_kind("PLAN OF ACTION - TRADEMARK COMPLAINT"),
            Some(None)
        );
        assert_eq!(heading_kind("# Plan of Action"), Some(None));
        let d = Draft::parse(
            "## Root cause
### Carrier delays
We had one carrier.
",
        );
        assert_eq!(d.lines[2].section, RootCause);
        assert!(d.lines[1].heading);
    }

    #[test]
    fn items_are_list_items_or_paragraphs() {
        let d = Draft::parse(
            "Intro line.\n\nRoot cause:\nWe did x.\nAnd y.\n\nCorrective actions:\n- One\n  more\n- Two\n\nPara.\n",
        );
        assert!(d.has_structure());
        let items = d.items(Corrective);
        assert_eq!(items.len(), 3, "{items:?}");
        assert_eq!(items[0].1, "- One\n  more");
        assert_eq!(d.items(RootCause).len(), 1);
    }

    #[test]
    fn headings_in_the_forms_real_letters_use() {
        for (line, kind) in [
            ("A) What went wrong:", RootCause),
            (
                "B) What we have done to prevent the problems from happening again in the future:",
                Preventive,
            ),
            (
                "-- Greater detail on the root cause(s) that led to the Drop Shipping Policy violations .",
                RootCause,
            ),
            (
                "What actions have you taken to resolve the complaint?",
                Corrective,
            ),
            ("PART 2: CORRECTIVE AND PREVENTIVE ACTIONS", Plan),
            ("4. What we do from now", Preventive),
            ("1. Why our listings broke the policy", RootCause),
            ("-- Our explanation", Explanation),
        ] {
            // A heading, or a lead-in that opens the section it names.
            let d = Draft::parse(line);
            assert_ne!(d.lines[0].kind, LineKind::Text, "{line}");
            assert_eq!(d.sections.first().map(|s| s.0), Some(kind), "{line}");
        }
    }

    #[test]
    fn every_line_has_a_kind() {
        let d = Draft::parse(
            "Dear Amazon,\n\nRoot cause:\nWe found these reasons:\n1. Our stock was updated by hand.\n\nAttachments:\n(1) Invoice of 3 May\n\nEmail address: x@example.com\nB0ABCDEFGH B0ABCDEFGJ B0ABCDEFGK\n\nBest regards\nLi Wei\n",
        );
        let kind = |n: usize| d.lines[n - 1].kind;
        assert_eq!(kind(1), LineKind::Salutation);
        assert_eq!(kind(4), LineKind::LeadIn);
        assert_eq!(kind(5), LineKind::Text);
        assert_eq!(kind(8), LineKind::Attachment);
        assert_eq!(kind(10), LineKind::Info);
        assert_eq!(kind(11), LineKind::Reference);
        assert_eq!(kind(13), LineKind::Closing);
        assert_eq!(kind(14), LineKind::Closing);
    }

    #[test]
    fn plan_of_action_after_the_causes_is_one_plan_section() {
        let d = Draft::parse(
            "Problem: we switched the store on a day early.\n\nPlan of action:\n1) Every open order has been shipped.\n",
        );
        assert_eq!(d.lines[0].section, RootCause);
        assert_eq!(d.lines[3].section, Plan);
        assert!(d.has(Corrective) && d.has(Preventive));
    }

    #[test]
    fn a_letter_without_headings_reads_as_opening_cause_actions_measures() {
        let d = Draft::parse(
            "We received the notice on 2026-11-13 about our late shipment rate.\n\nOur warehouse printed labels once a day, and nobody compared the time with the new pickup.\n\nOn 2026-11-14 our manager moved label printing to 10:00.\n\nSince 2026-11-16 our manager compares the pickup time every Monday.\n",
        );
        let sections: Vec<SectionKind> = d.sections.iter().map(|s| s.0).collect();
        assert_eq!(sections, [RootCause, Corrective, Preventive]);
        assert_eq!(d.lines[0].section, Intro);
        // Without a dated action nothing is inferred.
        let d = Draft::parse("We think it was an error.\n\nWe are sure.\n\nPlease check.\n");
        assert!(!d.has_structure());
    }

    #[test]
    fn inline_heading_starts_a_section() {
        let d = Draft::parse(
            "Root cause: we had no backup carrier.\nCorrective actions: we added one on 3 March.\n",
        );
        assert_eq!(d.lines[0].section, RootCause);
        assert_eq!(d.lines[1].section, Corrective);
    }
}
