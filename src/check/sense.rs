//! What a sentence says, as far as the rules need it: whether it reports
//! something done, a plan, a standing rule or a guess; whether a word sits
//! under a negation or inside a quotation; who is said to have failed.
//!
//! This is poa's own small reading of English, not a parser. It knows the
//! shapes appeal letters use (a subject, a verb in the past or with "will",
//! a modal, "because of", "not", quotes) and the few hundred words that
//! carry them. A part-of-speech tagger was measured for this (harper-core:
//! about 125 crates, 11 MB and ten CPU-minutes of build, a 2 s dictionary
//! load) and judged too heavy for what these rules ask of it.

use std::ops::Range;

/// A word of a text with its place, lower-cased.
#[derive(Debug, Clone)]
pub struct Token<'t> {
    pub start: usize,
    pub end: usize,
    /// The word lowered, borrowed from the text when it is lower already
    /// (most words are: no allocation for them).
    pub lower: std::borrow::Cow<'t, str>,
}

/// The words of `text` ("don't" is one word; "A-to-z" one word).
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    // About one word in six bytes of English.
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    if text.is_ascii() {
        // The common case, read byte by byte with no decoding.
        read_tokens(text, text.bytes().map(char::from).enumerate(), &mut out);
    } else {
        read_tokens(text, text.char_indices(), &mut out);
    }
    out
}

/// `tokens` over the characters of `text` with their byte offsets.
fn read_tokens<'t>(
    text: &'t str,
    chars: impl Iterator<Item = (usize, char)>,
    out: &mut Vec<Token<'t>>,
) {
    let mut start: Option<usize> = None;
    let mut chars = chars.peekable();
    while let Some((i, c)) = chars.next() {
        let word = c.is_alphanumeric();
        let joiner = matches!(c, '\'' | '\u{2019}' | '-')
            && start.is_some()
            && chars.peek().is_some_and(|(_, d)| d.is_alphanumeric());
        match (start, word || joiner) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push(token(text, s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(token(text, s, text.len()));
    }
}

fn token(text: &str, start: usize, end: usize) -> Token<'_> {
    let s = &text[start..end];
    let lower = if s.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        let l = s.to_lowercase();
        if l.contains('\u{2019}') {
            l.replace('\u{2019}', "'")
        } else {
            l
        }
        .into()
    } else {
        s.into()
    };
    Token { start, end, lower }
}

/// Does a clause boundary (, ; : — or a conjunction that starts a new
/// clause) lie between two byte offsets?
fn boundary_between(text: &str, a: usize, b: usize) -> bool {
    text.get(a..b)
        .is_some_and(|s| s.contains([',', ';', ':', '—', '(', ')']) || s.contains(" but "))
}

const NEGATIONS: [&str; 9] = [
    "not", "no", "never", "without", "nor", "neither", "cannot", "none", "nothing",
];

/// Is the word at `pos` said under a negation: "not", "no", "never",
/// "n't", "without" among the five words before it in the same clause?
/// "We do not offer any incentive" negates "incentive".
pub fn negated(text: &str, pos: usize) -> bool {
    negated_within(text, pos, 7)
}

/// `negated`, with the negation among the `words` words before `pos`.
pub fn negated_within(text: &str, pos: usize, words: usize) -> bool {
    // The words before `pos` are enough: a few dozen bytes, not the text.
    let pos = crate::case::floor_char_boundary(text, pos.min(text.len()));
    let from = crate::case::floor_char_boundary(text, pos.saturating_sub(words * 16));
    let toks: Vec<Token> = tokens(&text[from..pos])
        .into_iter()
        .map(|t| Token {
            start: t.start + from,
            end: t.end + from,
            lower: t.lower,
        })
        .collect();
    toks.iter().rev().take(words).any(|t| {
        (NEGATIONS.contains(&t.lower.as_ref()) || t.lower.ends_with("n't")) && {
            // "not offer any refund, gift or discount": the list is negated
            // whole; "did not check, so the card went out" ends the clause.
            let between = &text[t.end..pos];
            let list = between.contains(" or ") || between.contains(" nor ");
            let stops = between.contains([';', ':', '—', '(', ')'])
                || between.contains(" but ")
                || (between.contains(',') && !list);
            !stops
        }
    })
}

/// The spans inside quotation marks ("…", “…”, „…“, «…», 「…」, 『…』) of two
/// words or more: words quoted from a notice, a policy or a buyer.
pub fn quoted(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // Every opening mark is '"' or outside ASCII: most texts have neither.
    if text.is_ascii() && memchr::memchr(b'"', text.as_bytes()).is_none() {
        return out;
    }
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '"' | '“' | '„' | '«' | '「' | '『') => {
                open = Some((i + c.len_utf8(), c))
            }
            (Some((s, o)), _)
                if matches!(
                    (o, c),
                    ('"', '"') | ('“', '”') | ('„', '“') | ('«', '»') | ('「', '」') | ('『', '』')
                ) =>
            {
                if text[s..i].split_whitespace().count() >= 2 {
                    out.push(s..i);
                }
                open = None;
            }
            (Some(_), '\n') => open = None,
            _ => {}
        }
    }
    out
}

/// Is `range` inside one of `quotes`?
pub fn inside(quotes: &[Range<usize>], range: &Range<usize>) -> bool {
    quotes
        .iter()
        .any(|q| q.start <= range.start && range.end <= q.end)
}

/// What a sentence does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mood {
    /// Reports something done: a verb in the past, or "have" with a participle.
    pub done: bool,
    /// Announces a plan ("we will", "going to", "plan to"), with the words.
    pub plan: Option<Range<usize>>,
    /// Starts with a bare verb, as an order or a to-do item ("Add staff").
    pub imperative: bool,
    /// States a standing rule or habit ("we check every order", "will not").
    pub rule: bool,
}

/// Past forms that do not end in "-ed".
const PAST: [&str; 64] = [
    "made",
    "took",
    "sent",
    "gave",
    "found",
    "built",
    "bought",
    "set",
    "put",
    "wrote",
    "held",
    "ran",
    "met",
    "told",
    "paid",
    "began",
    "chose",
    "kept",
    "left",
    "brought",
    "taught",
    "spent",
    "sold",
    "did",
    "got",
    "went",
    "had",
    "was",
    "were",
    "been",
    "done",
    "given",
    "taken",
    "written",
    "chosen",
    "begun",
    "shown",
    "known",
    "seen",
    "saw",
    "knew",
    "thought",
    "understood",
    "sought",
    "won",
    "lost",
    "cut",
    "shut",
    "hired",
    "read",
    "rebuilt",
    "rewrote",
    "undertook",
    "withdrew",
    "drew",
    "froze",
    "stole",
    "led",
    "fed",
    "spoke",
    "became",
    "came",
    "let",
    "gotten",
];

/// Words in "-ed" that are not past forms.
const NOT_PAST: [&str; 18] = [
    "need", "needed", "speed", "feed", "seed", "indeed", "proceed", "exceed", "succeed", "bed",
    "red", "hundred", "sacred", "naked", "wicked", "embed", "breed", "based",
];

/// Words after which a past form is an adjective ("the affected buyers").
const DETERMINERS: [&str; 30] = [
    "the", "a", "an", "our", "their", "all", "any", "every", "each", "these", "those", "this",
    "that", "its", "his", "her", "more", "most", "newly", "well", "your", "my", "from", "with",
    "of", "for", "in", "on", "at", "into",
];

/// Words before a verb that make it not a report of the past.
const NOT_YET: [&str; 14] = [
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "to", "going",
    "plan", "'ll", "cannot",
];

/// Verbs a to-do item starts with.
const BASE_VERBS: [&str; 60] = [
    "add",
    "turn",
    "check",
    "review",
    "train",
    "hire",
    "use",
    "ensure",
    "make",
    "provide",
    "set",
    "implement",
    "establish",
    "update",
    "remove",
    "create",
    "improve",
    "strengthen",
    "increase",
    "monitor",
    "keep",
    "send",
    "move",
    "stop",
    "start",
    "contact",
    "reach",
    "verify",
    "inspect",
    "hold",
    "assign",
    "introduce",
    "adopt",
    "change",
    "replace",
    "install",
    "build",
    "run",
    "do",
    "take",
    "work",
    "learn",
    "study",
    "read",
    "communicate",
    "reply",
    "respond",
    "refund",
    "contract",
    "switch",
    "enable",
    "register",
    "obtain",
    "ask",
    "require",
    "audit",
    "apply",
    "pay",
    "be",
    "try",
];

fn is_past(t: &str) -> bool {
    PAST.contains(&t)
        || (t.len() > 4 && t.ends_with("ed") && !NOT_PAST.contains(&t))
        || (t.len() > 4 && t.ends_with("ied"))
}

/// Reads a sentence (or one list item's text).
pub fn mood(sentence: &str) -> Mood {
    let toks = tokens(sentence);
    let mut m = Mood::default();
    // The first word after list marks and openers ("1)", "First,", "Then").
    let first = toks.iter().position(|t| {
        !t.lower.chars().all(|c| c.is_ascii_digit())
            && !matches!(
                t.lower.as_ref(),
                "first"
                    | "firstly"
                    | "then"
                    | "also"
                    | "and"
                    | "next"
                    | "finally"
                    | "secondly"
                    | "second"
                    | "third"
                    | "lastly"
                    | "a"
                    | "b"
                    | "c"
                    | "d"
                    | "i"
                    | "ii"
            )
            || t.lower == "i" && toks.len() == 1
    });
    if let Some(f) = first {
        let w = toks[f].lower.as_ref();
        let next = toks.get(f + 1).map(|t| t.lower.as_ref());
        // "Check every order" is a to-do; "Check of listings" and "Review
        // showed" are nouns.
        if BASE_VERBS.contains(&w)
            && !matches!(next, Some("of" | "showed" | "found" | "is" | "was"))
        {
            m.imperative = true;
        }
    }
    for (i, t) in toks.iter().enumerate() {
        let w = t.lower.as_ref();
        let prev = |k: usize| i.checked_sub(k).map(|j| toks[j].lower.as_ref());
        let same_clause = |k: usize| {
            i.checked_sub(k)
                .is_some_and(|j| !boundary_between(sentence, toks[j].end, t.start))
        };
        // "May" the month is no modal: "On 3 May we refunded".
        let month = |j: usize| {
            toks[j].lower == "may"
                && (sentence[toks[j].start..].starts_with('M')
                    || toks
                        .get(j.wrapping_sub(1))
                        .is_some_and(|p| p.lower.chars().all(|c| c.is_ascii_digit())))
        };
        match w {
            "will" | "shall" | "'ll" => {
                let next = toks.get(i + 1).map(|t| t.lower.as_ref());
                if matches!(next, Some("not" | "never" | "no" | "always")) {
                    m.rule = true;
                } else if m.plan.is_none() {
                    m.plan = Some(t.start..t.end);
                }
            }
            "won't" => m.rule = true,
            "going" if toks.get(i + 1).is_some_and(|n| n.lower == "to") => {
                m.plan.get_or_insert(t.start..toks[i + 1].end);
            }
            "plan" | "plans" | "planning" | "intend" | "intends" | "aim" | "aims"
                if toks.get(i + 1).is_some_and(|n| n.lower == "to")
                    && !matches!(prev(1), Some("the" | "a" | "our" | "this")) =>
            {
                m.plan.get_or_insert(t.start..toks[i + 1].end);
            }
            "always" | "whenever" | "must" => m.rule = true,
            "every" | "each"
                if toks.get(i + 1).is_some_and(|n| {
                    matches!(
                        n.lower.as_ref(),
                        "day"
                            | "week"
                            | "month"
                            | "monday"
                            | "morning"
                            | "time"
                            | "order"
                            | "shipment"
                            | "batch"
                            | "listing"
                            | "new"
                            | "quarter"
                    )
                }) =>
            {
                m.rule = true
            }
            _ => {}
        }
        if is_past(w) {
            let adjective = prev(1).is_some_and(|p| {
                DETERMINERS.contains(&p) || p.chars().all(|c| c.is_ascii_digit() || c == ',')
            });
            let not_yet = (1..=3).any(|k| {
                same_clause(k) && prev(k).is_some_and(|p| NOT_YET.contains(&p)) && !month(i - k)
                    // "to have been" is not yet either, but "had to" is done.
                    && !(prev(k) == Some("to") && prev(k + 1).is_some_and(|q| matches!(q, "had" | "used" | "decided" | "began" | "started" | "tried" | "managed")))
            });
            // "was" and "were" alone report a state; with a participle after
            // them the participle counts.
            let helper = matches!(w, "was" | "were" | "had" | "been" | "did");
            if !adjective && !not_yet && !helper {
                m.done = true;
            }
            if w == "did" && !not_yet {
                m.done = true;
            }
        }
    }
    // "We provide refunds", "Our team checks": a habit, stated in the present.
    if !m.done && m.plan.is_none() {
        for (i, t) in toks.iter().enumerate() {
            let subject = matches!(
                t.lower.as_ref(),
                "we" | "team" | "staff" | "manager" | "lead"
            );
            if subject
                && toks.get(i + 1).is_some_and(|n| {
                    let n = n.lower.as_ref();
                    BASE_VERBS.contains(&n)
                        || (n.ends_with('s') && BASE_VERBS.contains(&&n[..n.len() - 1]))
                        || n == "only"
                })
            {
                m.rule = true;
            }
        }
    }
    m
}

/// Does the text name who runs a measure (a role, a team, "I")?
pub fn names_owner(text: &str) -> bool {
    words!(
        r"(?i)\b(?:manager|lead|leader|team|officer|supervisor|specialist|department|head|director|owner|coordinator|staff|person|employee|employees|assistant|agent|i|me|myself|inspector|accountant|buyer)\b"
    )
    .is_match(text)
}

/// Does the text say how often a measure runs, or from when?
pub fn names_cadence(text: &str) -> bool {
    words!(
        r"(?i)\b(?:every|each|daily|weekly|monthly|quarterly|yearly|annually|always|whenever|per (?:day|week|month|order|shipment)|twice|once a|at all times|before|after every|all new|any new|no longer|from now on|since|from \d)"
    )
    .is_match(text)
}

/// A guess where a fact is wanted: a modal ("may", "might", "could"), "it
/// would appear", "we think", "possible causes". Returns the span of the
/// guessing words. "Could not" reports a failure, not a guess; "so that we
/// could" is a purpose.
pub fn hedges(text: &str) -> Vec<Range<usize>> {
    let toks = tokens(text);
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let w = t.lower.as_ref();
        let next = toks.get(i + 1).map(|n| n.lower.as_ref());
        let prev = i.checked_sub(1).map(|j| toks[j].lower.as_ref());
        let prev2 = i.checked_sub(2).map(|j| toks[j].lower.as_ref());
        let hit = match w {
            // "Could" guesses before a verb of cause or seeming ("could cause",
            // "could have been"); before others it is a past ability ("our
            // packers could pack 55 a day").
            "could"
                if !matches!(
                    next,
                    Some(
                        "have"
                            | "be"
                            | "cause"
                            | "make"
                            | "lead"
                            | "result"
                            | "explain"
                            | "happen"
                            | "appear"
                            | "look"
                            | "seem"
                            | "possibly"
                            | "also"
                            | "interpret"
                    )
                ) || matches!(
                    toks.get(i + 2).map(|t| t.lower.as_ref()),
                    Some("read" | "seen" | "understood" | "mistaken" | "confused")
                ) =>
            {
                false
            }
            "may" | "might" | "could" => {
                let negated_or_asked = matches!(
                    next,
                    None | Some("not" | "never" | "no" | "i" | "we" | "you")
                );
                let purpose_or_question = matches!(
                    prev,
                    Some(
                        "so" | "that"
                            | "you"
                            | "amazon"
                            | "if"
                            | "what"
                            | "which"
                            | "how"
                            | "anything"
                            | "whatever"
                    )
                ) || matches!(prev2, Some("so" | "in" | "that"));
                // "3 May", "May 2026": the month.
                let month = w == "may"
                    && (text[..t.start].trim_end().ends_with(char::is_numeric)
                        || text[t.start..t.end].starts_with('M'));
                !(negated_or_asked || purpose_or_question || month)
            }
            "would" => matches!(next, Some("appear" | "seem")),
            "appears" | "seems" => matches!(next, Some("that" | "to")) && prev == Some("it"),
            "think" | "guess" | "suppose" | "assume" | "suspect" => {
                matches!(prev, Some("we" | "i")) && !matches!(next, Some("about" | "of"))
            }
            "possible" => matches!(
                next,
                Some(
                    "issues"
                        | "causes"
                        | "reasons"
                        | "problems"
                        | "cause"
                        | "reason"
                        | "explanation"
                )
            ),
            "probably" | "possibly" | "perhaps" | "maybe" | "presumably" => true,
            _ => false,
        };
        if hit {
            out.push(t.start..t.end);
        }
    }
    out
}

/// Who a failure is put on, in a sentence that does not also own it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    Amazon,
    Buyer,
    Carrier,
    Supplier,
    Competitor,
    Staff,
}

fn party_at(toks: &[Token<'_>], i: usize) -> Option<Party> {
    let w = toks[i].lower.as_ref();
    if matches!(w, "seller" | "sellers")
        && i.checked_sub(1)
            .is_some_and(|j| matches!(toks[j].lower.as_ref(), "party" | "third-party"))
    {
        return Some(Party::Supplier);
    }
    party(w)
}

fn party(w: &str) -> Option<Party> {
    Some(match w {
        "amazon" | "amazon's" | "you" | "your" | "algorithm" | "bot" => Party::Amazon,
        "buyer" | "buyers" | "customer" | "customers" | "buyer's" | "customer's" => Party::Buyer,
        "carrier" | "carriers" | "courier" | "couriers" | "usps" | "ups" | "fedex" | "dhl"
        | "mail" | "post" | "driver" | "logistics" | "forwarder" | "carrier's" | "courier's"
        | "transit" => Party::Carrier,
        "supplier" | "suppliers" | "factory" | "manufacturer" | "vendor" | "wholesaler"
        | "supplier's" | "factory's" | "provider" | "developer" | "agency" => Party::Supplier,
        "competitor" | "competitors" | "competitor's" => Party::Competitor,
        "staff" | "employee" | "employees" | "worker" | "workers" | "employee's" | "staff's"
        | "colleague" | "operator" | "assistant" | "packer" => Party::Staff,
        _ => return None,
    })
}

/// Words that say something went wrong.
fn failure(w: &str) -> bool {
    matches!(
        w,
        "error"
            | "errors"
            | "mistake"
            | "mistakes"
            | "mistakenly"
            | "wrongly"
            | "wrong"
            | "incorrectly"
            | "negligence"
            | "negligent"
            | "fault"
            | "failed"
            | "failure"
            | "lost"
            | "forgot"
            | "careless"
            | "carelessness"
            | "misread"
            | "misunderstood"
            | "mishandled"
            | "damaged"
            | "broke"
            | "delayed"
            | "ignored"
            | "abused"
            | "abusing"
            | "unfairly"
            | "falsely"
            | "faulty"
            | "defective"
            | "buggy"
            | "slow"
    )
}

/// Words with which a sentence owns the failure ("we did not check", "our
/// process had no step", "we relied on one carrier").
fn owns(toks: &[Token<'_>]) -> bool {
    toks.windows(2).any(|w| {
        let (a, b) = (w[0].lower.as_ref(), w[1].lower.as_ref());
        (matches!(a, "we" | "i")
            && matches!(
                b,
                "did"
                    | "didn't"
                    | "failed"
                    | "had"
                    | "lacked"
                    | "relied"
                    | "should"
                    | "chose"
                    | "never"
                    | "forgot"
                    | "missed"
                    | "allowed"
                    | "let"
                    | "made"
                    | "trusted"
            ))
            || (a == "our"
                && matches!(
                    b,
                    "process"
                        | "procedure"
                        | "system"
                        | "workflow"
                        | "checklist"
                        | "mistake"
                        | "error"
                        | "fault"
                        | "failure"
                        | "control"
                        | "sop"
                        | "rules"
                ))
            || (a == "because" && matches!(b, "our" | "we"))
            || (matches!(a, "no" | "without")
                && matches!(
                    b,
                    "check"
                        | "second"
                        | "backup"
                        | "process"
                        | "procedure"
                        | "review"
                        | "control"
                        | "step"
                        | "rule"
                        | "training"
                        | "one"
                        | "verification"
                ))
    })
}

/// Who a sentence puts the failure on, with the span from the party to the
/// failure word: an outside party as the one who erred ("the negligence of
/// the staff", "you deactivated our account in error", "the carrier lost
/// it"), in a sentence where the seller owns nothing.
pub fn blame(sentence: &str) -> Option<(Party, Range<usize>)> {
    // Most sentences name no outside party and no failure: one scan says so.
    let any_party = words!(
        r"(?i)\b(?:amazon|you|your|algorithm|bot|buyers?|customers?|carriers?|couriers?|usps|ups|fedex|dhl|mail|post|driver|logistics|forwarder|transit|suppliers?|factory|manufacturer|vendor|wholesaler|provider|developer|agency|competitors?|staff|employees?|workers?|colleague|operator|assistant|packer|sellers?)"
    );
    let any_failure = words!(
        r"(?i)\b(?:error|mistake|wrong|incorrect|negligen|fault|fail|lost|forgot|careless|misread|misunderstood|mishandled|damaged|broke|delayed|ignored|abus|unfair|false|faulty|defective|buggy|slow|did not|didn't|never|used|lied|wrote|posted|reported|attacked|copied|caused)"
    );
    if !any_party.is_match(sentence) || !any_failure.is_match(sentence) {
        return None;
    }
    let toks = tokens(sentence);
    if owns(&toks) {
        return None;
    }
    for (i, t) in toks.iter().enumerate() {
        let w = t.lower.as_ref();
        // "the negligence of the staff", "a mistake from the employee".
        if failure(w) {
            let after: Vec<&Token<'_>> = toks[i + 1..].iter().take(4).collect();
            if matches!(
                after.first().map(|t| t.lower.as_ref()),
                Some("of" | "from" | "by")
            ) && !matches!(
                i.checked_sub(1).map(|j| toks[j].lower.as_ref()),
                Some("our" | "my")
            ) {
                for a in &after[1..] {
                    if let Some(p) = party(&a.lower) {
                        return Some((p, t.start..a.end));
                    }
                    // "of our warehouse staff": two words may stand before the party.
                    if a.end - t.end > 40 {
                        break;
                    }
                }
            }
            // "in error", "by mistake" with Amazon as the one who acted:
            // "you deactivated our account in error".
            if matches!(w, "error" | "mistake")
                && i.checked_sub(1)
                    .is_some_and(|j| matches!(toks[j].lower.as_ref(), "in" | "by"))
                && let Some(a) = toks[..i]
                    .iter()
                    .rev()
                    .take(8)
                    .find(|a| party(&a.lower) == Some(Party::Amazon) && a.lower != "your")
            {
                return Some((Party::Amazon, a.start..t.end));
            }
        }
        // A party as the subject of a failure within four words: "the
        // customer had used it", "the carrier lost 40 parcels", "it was
        // lost in the mail".
        if let Some(p) = party_at(&toks, i) {
            if p == Party::Amazon && w == "you" {
                continue;
            }
            // "buyer accounts", "customer service": a compound, not the party.
            if toks.get(i + 1).is_some_and(|n| {
                matches!(
                    n.lower.as_ref(),
                    "account"
                        | "accounts"
                        | "service"
                        | "services"
                        | "support"
                        | "message"
                        | "messages"
                        | "review"
                        | "reviews"
                        | "feedback"
                        | "order"
                        | "orders"
                        | "claim"
                        | "claims"
                        | "return"
                        | "returns"
                        | "data"
                        | "address"
                        | "addresses"
                        | "name"
                        | "names"
                        | "team"
                        | "agent"
                        | "agents"
                        | "portal"
                        | "contract"
                        | "invoice"
                        | "invoices"
                )
            }) {
                continue;
            }
            // "The supplier did not send", "third party sellers did not put":
            // a party that did not do its part. A buyer who did not receive
            // is the symptom, not blame.
            // The words after the party, "also" and "then" aside.
            let next: Vec<&str> = toks[i + 1..]
                .iter()
                .map(|t| t.lower.as_ref())
                .filter(|w| !matches!(*w, "also" | "then"))
                .take(3)
                .collect();
            let did_not = matches!(next.as_slice(), ["did", "not", ..])
                || matches!(next.first(), Some(&("didn't" | "failed" | "never")));
            let after = next
                .iter()
                .find(|w| !matches!(**w, "did" | "not" | "didn't" | "failed" | "to" | "never"))
                .copied();
            // "Staff did not know the rule" is a gap in training (C016), not blame.
            let ignorance = matches!(
                after,
                Some("know" | "understand" | "realise" | "realize" | "notice")
            );
            if did_not
                && !ignorance
                && p != Party::Amazon
                && !(p == Party::Buyer
                    && matches!(after, Some("receive" | "get" | "want" | "like")))
            {
                let end = toks[i + 1..]
                    .iter()
                    .take(4)
                    .next_back()
                    .map_or(t.end, |t| t.end);
                return Some((p, t.start..end));
            }
            let before = i.checked_sub(1).map(|j| toks[j].lower.as_ref());
            if matches!(before, Some("our") | Some("my")) && p != Party::Staff {
                // "our carrier" is still the carrier; "our customers" are the
                // seller's to serve, not to blame.
                if p == Party::Buyer {
                    continue;
                }
            }
            for a in toks[i + 1..].iter().take(4) {
                if boundary_between(sentence, t.end, a.start) {
                    break;
                }
                let l = a.lower.as_ref();
                let adjective = matches!(
                    l,
                    "defective"
                        | "faulty"
                        | "damaged"
                        | "broken"
                        | "wrong"
                        | "slow"
                        | "lost"
                        | "delayed"
                );
                // "The customer had used it" is blame; "64 buyers used the
                // coupon" a fact.
                let rest = sentence[a.end..].trim_start().to_lowercase();
                if l == "used"
                    && p == Party::Buyer
                    && (sentence[t.end..a.start].contains("had")
                        || rest.starts_with("it")
                        || rest.starts_with("them"))
                {
                    return Some((p, t.start..a.end));
                }
                if (failure(l) && !(p == Party::Buyer && adjective))
                    || matches!(
                        (p, l),
                        (Party::Buyer, "lied" | "abused")
                            | (Party::Staff, "forgot" | "ignored")
                            | (
                                Party::Competitor,
                                "wrote" | "posted" | "reported" | "attacked" | "copied" | "abusing"
                            )
                            | (
                                Party::Buyer | Party::Supplier | Party::Carrier | Party::Competitor,
                                "caused"
                            )
                    )
                {
                    return Some((p, t.start..a.end));
                }
            }
            // "lost in the mail", "damaged in transit".
            if matches!(w, "mail" | "post" | "transit")
                && let Some(f) = toks[..i].iter().rev().take(3).find(|a| failure(&a.lower))
            {
                return Some((p, f.start..t.end));
            }
        }
    }
    None
}

/// Does `text` hold any of `needles` (lower-case ASCII), in any case? A
/// scan without allocation, to skip texts a rule's pattern cannot match.
pub fn holds_any(text: &str, needles: &[&str]) -> bool {
    let b = text.as_bytes();
    needles.iter().any(|n| {
        let n = n.as_bytes();
        let Some(&first) = n.first() else {
            return true;
        };
        // Only where the first letter stands, in either case.
        memchr::memchr2_iter(first, first.to_ascii_uppercase(), b).any(|i| {
            b.get(i..i + n.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(n))
        })
    })
}

/// The range of the sentence of `sentences` that holds byte `pos`.
pub fn sentence_at(sentences: &[Range<usize>], pos: usize) -> Option<Range<usize>> {
    sentences
        .iter()
        .find(|s| s.start <= pos && pos < s.end.max(s.start + 1))
        .cloned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn holds_any_finds_a_needle_in_any_case_and_nowhere_else() {
        assert!(super::holds_any("The ROOT Cause was", &["reason", "cause"]));
        assert!(super::holds_any("end: caus", &["cause", "caus"]));
        assert!(!super::holds_any("the cau", &["cause"]));
        assert!(!super::holds_any("", &["no "]));
        assert!(super::holds_any("NO refund", &["no "]));
    }

    #[test]
    fn tokens_read_ascii_as_any_text() {
        // The byte reading of ASCII text gives the words the character
        // reading gives once a character outside ASCII is in the text.
        for t in [
            "We don't ship A-to-z claims -- 14 orders, 'late' ones-",
            "x",
            "-start and end-",
            "it's  o'clock'",
        ] {
            let ascii: Vec<(usize, usize, String)> = super::tokens(t)
                .into_iter()
                .map(|k| (k.start, k.end, k.lower.into_owned()))
                .collect();
            let wide = format!("{t} é");
            let other: Vec<(usize, usize, String)> = super::tokens(&wide)
                .into_iter()
                .filter(|k| k.end <= t.len())
                .map(|k| (k.start, k.end, k.lower.into_owned()))
                .collect();
            assert_eq!(ascii, other, "{t}");
        }
    }

    use super::*;

    #[test]
    fn negation_reaches_the_words_of_its_clause_only() {
        let t = "We do not offer any incentive for a review.";
        assert!(negated(t, t.find("incentive").unwrap()));
        let t = "We didn't check, so the incentive was sent.";
        assert!(!negated(t, t.find("incentive").unwrap()));
        let t = "We offer an incentive for a review.";
        assert!(!negated(t, t.find("incentive").unwrap()));
    }

    #[test]
    fn quotations_are_found_and_single_words_are_not() {
        let t = r#"The policy says "do not ship from another retailer" and "fast" is a name."#;
        let q = quoted(t);
        assert_eq!(q.len(), 1);
        assert_eq!(&t[q[0].clone()], "do not ship from another retailer");
        assert_eq!(quoted("“两个 词” and 「这是 引用」").len(), 2);
    }

    #[test]
    fn done_plan_rule_and_to_do_are_told_apart() {
        assert!(mood("On 3 May we refunded 17 buyers.").done);
        assert!(mood("Contacted the supplier to replenish stock.").done);
        assert!(mood("We have increased manpower.").done);
        assert!(!mood("We will refund the affected buyers.").done);
        assert!(mood("We will refund the affected buyers.").plan.is_some());
        assert!(
            mood("We also plan to move more listings to FBA.")
                .plan
                .is_some()
        );
        assert!(mood("We are going to examine every item.").plan.is_some());
        let m = mood("All accounts have been closed and will never be used again.");
        assert!(m.done && m.rule && m.plan.is_none());
        assert!(mood("1) Turn our store on only when we are back.").imperative);
        assert!(mood("Add additional personnel to check each order.").imperative);
        assert!(!mood("Review of the listings showed 12 errors.").imperative);
        assert!(mood("We provide immediate refunds for any out of stock item.").rule);
        assert!(!mood("We provide immediate refunds.").done);
        assert!(!mood("We reviewed the affected listings.").rule);
        // An adjective in -ed is not a report.
        assert!(!mood("We will refund the affected buyers.").done);
    }

    #[test]
    fn hedges_are_modals_and_guesses_not_failures_or_purposes() {
        let t = "Dirt from manufacturing could make the product look used.";
        assert_eq!(hedges(t).len(), 1);
        assert_eq!(
            hedges("It would appear that some customers were unhappy.").len(),
            1
        );
        assert_eq!(hedges("We think the label was wrong.").len(), 1);
        assert!(hedges("We could not ship during the break.").is_empty());
        assert!(hedges("We added a carrier so that we could ship on Sundays.").is_empty());
        assert!(hedges("On 3 May we refunded 17 buyers.").is_empty());
        assert!(hedges("Our notice of 2 May named three ASINs.").is_empty());
    }

    #[test]
    fn blame_is_an_outside_party_failing_in_a_sentence_that_owns_nothing() {
        let cases = [
            (
                "Because of the negligence of the staff, orders were missed.",
                Party::Staff,
            ),
            ("It was mistake from the employee.", Party::Staff),
            (
                "We must declare that you deactivated our account in error.",
                Party::Amazon,
            ),
            ("The carrier lost 40 parcels in its depot.", Party::Carrier),
            ("One item was lost in the mail.", Party::Carrier),
            (
                "But the customer had used it before the return.",
                Party::Buyer,
            ),
        ];
        for (s, p) in cases {
            assert_eq!(blame(s).map(|b| b.0), Some(p), "{s}");
        }
        for s in [
            "We relied on one carrier without a backup, and it lost 40 parcels.",
            "Our lawyer checked the trademark before we listed it.",
            "We did not check the customer's address, so the parcel was lost in the mail.",
            "Our customers received items in the wrong size.",
            "We refunded all 17 customers on 3 May.",
        ] {
            assert_eq!(blame(s), None, "{s}");
        }
    }
}
