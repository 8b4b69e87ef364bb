//! Second-language grammar that reviewers notice and spell checkers miss
//! (G002): a verb after "have" or "was" left in its base form ("we have
//! reply", "was deactivate"), a number or "some" before a singular noun
//! ("14 buyer message", "some customer receives"), and a singular subject
//! with the plural verb ("the buyer give"). Each finding carries the
//! corrected words as its fix where the correction is certain.
//!
//! These are the shapes Chinese writers of English produce most (Swan and
//! Smith, "Learner English", 2nd ed., Cambridge 2001, the chapter on
//! Chinese speakers: tense and aspect marking, plural marking after
//! numerals, third-person -s), on the nouns and verbs of the appeal trade.

use crate::check::doc::Role;
use crate::check::sense;
use crate::check::{Cx, Finding, Meta, Rule};

/// Verbs of the trade with their past participle.
const PARTICIPLES: [(&str, &str); 47] = [
    ("reply", "replied"),
    ("check", "checked"),
    ("contact", "contacted"),
    ("refund", "refunded"),
    ("ship", "shipped"),
    ("remove", "removed"),
    ("change", "changed"),
    ("update", "updated"),
    ("add", "added"),
    ("train", "trained"),
    ("stop", "stopped"),
    ("fix", "fixed"),
    ("delete", "deleted"),
    ("upgrade", "upgraded"),
    ("improve", "improved"),
    ("finish", "finished"),
    ("cancel", "cancelled"),
    ("deliver", "delivered"),
    ("arrange", "arranged"),
    ("hire", "hired"),
    ("inform", "informed"),
    ("solve", "solved"),
    ("receive", "received"),
    ("deactivate", "deactivated"),
    ("suspend", "suspended"),
    ("block", "blocked"),
    ("send", "sent"),
    ("buy", "bought"),
    ("make", "made"),
    ("take", "taken"),
    ("give", "given"),
    ("find", "found"),
    ("replace", "replaced"),
    ("investigate", "investigated"),
    ("establish", "established"),
    ("implement", "implemented"),
    ("strengthen", "strengthened"),
    ("associate", "associated"),
    ("use", "used"),
    ("pack", "packed"),
    ("test", "tested"),
    ("print", "printed"),
    ("scan", "scanned"),
    ("sell", "sold"),
    ("request", "requested"),
    ("upload", "uploaded"),
    ("publish", "published"),
];

/// Countable nouns of the trade: (singular, plural).
const NOUNS: [(&str, &str); 32] = [
    ("sku", "SKUs"),
    ("asin", "ASINs"),
    ("box", "boxes"),
    ("shipment", "shipments"),
    ("refund", "refunds"),
    ("photo", "photos"),
    ("picture", "pictures"),
    ("invoice", "invoices"),
    ("ticket", "tickets"),
    ("email", "emails"),
    ("carton", "cartons"),
    ("label", "labels"),
    ("piece", "pieces"),
    ("replacement", "replacements"),
    ("buyer", "buyers"),
    ("customer", "customers"),
    ("order", "orders"),
    ("message", "messages"),
    ("item", "items"),
    ("product", "products"),
    ("complaint", "complaints"),
    ("claim", "claims"),
    ("parcel", "parcels"),
    ("package", "packages"),
    ("listing", "listings"),
    ("unit", "units"),
    ("employee", "employees"),
    ("worker", "workers"),
    ("review", "reviews"),
    ("return", "returns"),
    ("supplier", "suppliers"),
    ("account", "accounts"),
];

/// Words that, after a number and a noun, show the noun ends the phrase
/// ("14 buyer message and…", "some customer receives").
const AFTER_NOUN: [&str; 34] = [
    "and", "or", "with", "from", "in", "on", "for", "to", "that", "who", "which", "about", "was",
    "were", "is", "are", "has", "have", "had", "did", "but", "because", "before", "after", "at",
    "by", "since", "into", "last", "during", "within", "over", "across", "of",
];

/// Verbs in the past that end a counted noun phrase ("14 buyer said",
/// "3 customer complained").
const PAST_AFTER_COUNT: [&str; 14] = [
    "said",
    "complained",
    "opened",
    "left",
    "asked",
    "received",
    "returned",
    "reported",
    "wrote",
    "gave",
    "came",
    "arrived",
    "got",
    "filed",
];

/// Verbs in the third person that end a plural noun phrase ("some
/// customer receives").
const VERBS_S: [&str; 16] = [
    "receives",
    "complains",
    "says",
    "wants",
    "leaves",
    "opens",
    "asks",
    "gets",
    "writes",
    "sends",
    "buys",
    "thinks",
    "needs",
    "gives",
    "comes",
    "arrives",
];

/// Nouns English does not count, made plural as a learner does
/// ("feedbacks", "informations"): (as written, as English has it).
pub const UNCOUNTABLE: [(&str, &str); 11] = [
    ("feedbacks", "feedback"),
    ("informations", "information"),
    ("advices", "advice"),
    ("equipments", "equipment"),
    ("evidences", "evidence"),
    ("furnitures", "furniture"),
    ("luggages", "luggage"),
    ("baggages", "baggage"),
    ("knowledges", "knowledge"),
    ("softwares", "software"),
    ("staffs", "staff"),
];

fn number_word(w: &str) -> bool {
    (w.chars().all(|c| c.is_ascii_digit()) && w != "1" && w.len() <= 5)
        || matches!(
            w,
            "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "some"
                | "many"
                | "several"
                | "few"
                | "these"
                | "those"
                | "all"
        )
}

/// A singular countable noun of the dictionary that a count may stand
/// before ("mug", "defect"), not a month ("may") nor a plural.
fn dictionary_noun(w: &str) -> bool {
    w.len() > 2
        && !w.ends_with('s')
        && crate::case::month_word(w).is_none()
        && crate::check::spell::countable_noun(w)
}

fn last_days() -> &'static crate::pattern::Words {
    words!(
        r"(?i)\b(?:in|during|over|for|within) (?:last|past) (?:(?:[0-9]{1,3}|two|three|four|five|six|seven|eight|nine|ten|twelve|few|several) )?(?:days?|weeks?|months?|years?|quarters?)\b"
    )
}

/// Two shapes read from the sentence rather than word by word: a sentence
/// that opens on "Is important that" with its "It" left out (Spanish and
/// Italian writers), and a date written "the 15 of November".
fn dropped_subject_and_dates(me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
    let bare = words!(
        r"(?i)^(?:is|was) (?:important|necessary|possible|clear|true|normal|usual|impossible|our responsibility)\b"
    );
    for f in cx.doc.statements() {
        // "the 15 of November", "the 3rd of Nov": the date's words as
        // `case::find_dates` reads them.
        if f.text.contains(" of ") {
            let toks = cx.tokens(f);
            for w in toks.windows(4) {
                if w[0].lower == "the"
                    && w[2].lower == "of"
                    && let Some(day) = crate::case::day_word(&w[1].lower)
                    && crate::case::month_word(&w[3].lower).is_some()
                {
                    let said = &f.text[w[0].start..w[3].end];
                    let fix = format!("{day} {}", &f.text[w[3].start..w[3].end]);
                    out.push(
                        Finding::span(
                            me,
                            f,
                            w[0].start,
                            w[3].end,
                            format!("\"{said}\": English writes the date \"{fix}\"."),
                        )
                        .with_fix(fix),
                    );
                }
            }
        }
        // "in last 60 days", "during past week": a span of time counted
        // back from now takes "the" ("last month" alone needs none).
        for m in last_days().find_iter(f.text) {
            let said = m.as_str();
            // "for last week's orders": a possessive, not a span.
            if f.text[m.end()..].starts_with(['\'', '’']) {
                continue;
            }
            let Some(space) = said.find(' ') else {
                continue;
            };
            let fix = format!("{} the {}", &said[..space], &said[space + 1..]);
            out.push(
                Finding::span(
                    me,
                    f,
                    m.start(),
                    m.end(),
                    format!("\"{said}\": a span of time counted back from today takes \"the\". Write \"{fix}\"."),
                )
                .with_fix(fix),
            );
        }
        let sentences = cx.at(f.id).map_or(&[][..], |i| &cx.sentences[i][..]);
        for s in sentences {
            let sentence = &f.text[s.clone()];
            let lead = sentence.len() - sentence.trim_start().len();
            if let Some(m) = bare.find(sentence.trim_start()) {
                let (start, end) = (s.start + lead + m.start(), s.start + lead + m.end());
                let said = &f.text[start..end];
                let fix = format!("It {}{}", said[..1].to_lowercase(), &said[1..]);
                out.push(
                    Finding::span(
                        me,
                        f,
                        start,
                        end,
                        format!(
                            "\"{said}\": an English sentence needs its subject. Write \"{fix}\"."
                        ),
                    )
                    .with_fix(fix),
                );
            }
        }
    }
}

/// Adjectives a learner puts straight after "will" or "must", leaving
/// out "be" (Chinese has no copula before an adjective: "we will more
/// careful", "staff must careful").
const BE_ADJECTIVES: [&str; 12] = [
    "careful",
    "strict",
    "serious",
    "responsible",
    "sure",
    "aware",
    "attentive",
    "cautious",
    "honest",
    "clear",
    "stricter",
    "able",
];

/// Verbs of [`PARTICIPLES`] that are nouns too ("the answer will be
/// refund", "the first step will be check-in"): no fix after "be".
const BE_NOUNS: [&str; 6] = ["refund", "change", "update", "fix", "reply", "contact"];

/// Verbs a learner puts after "is" or "are" in their plain form ("the
/// buyer is complain", "we are forget"); none of them is also a noun.
const IS_VERBS: [&str; 14] = [
    "complain",
    "forget",
    "receive",
    "send",
    "want",
    "ask",
    "know",
    "think",
    "understand",
    "remove",
    "delete",
    "replace",
    "deliver",
    "investigate",
];

/// Verbs of [`PARTICIPLES`] that are nouns after "before" or "after"
/// ("before upload", "after use", "before delivery" is not one of them).
const ING_NOUNS: [&str; 9] = [
    "upload", "use", "test", "print", "scan", "request", "refund", "update", "contact",
];

const MODALS: [&str; 7] = ["will", "would", "should", "must", "shall", "can", "could"];

/// The "-ing" form of a verb of [`PARTICIPLES`]: "ship" → "shipping",
/// "make" → "making", "check" → "checking".
fn ing(verb: &str) -> String {
    match verb {
        "ship" | "stop" | "forget" | "scan" => format!("{verb}{}ing", &verb[verb.len() - 1..]),
        "cancel" => "cancelling".into(),
        v if v.ends_with('e') && !v.ends_with("ee") => format!("{}ing", &v[..v.len() - 1]),
        v => format!("{v}ing"),
    }
}

/// Two shapes with a certain correction: "will (more) careful" lacks its
/// "be" ("will be more careful"), and a verb's plain form after "before"
/// or "after" wants "-ing" ("before ship" → "before shipping"). Not
/// "will be careful", "must carefully check", "after ship date" or "after
/// check-in".
fn missing_be_and_ing(me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
    let shape = words!(
        r"(?i)\b(?:will|would|should|must|shall|can|could)\s+(?:more\s+|very\s+|so\s+)?(?:careful|strict|serious|responsible|sure|aware|attentive|cautious|honest|clear|stricter|able)\b|\b(?:before|after|without|be|is|are|am)\s+[a-z]+\b"
    );
    for f in cx.doc.statements().filter(|f| shape.is_match(f.text)) {
        let toks = cx.tokens(f);
        let joined =
            |a: &sense::Token<'_>, b: &sense::Token<'_>| f.text[a.end..b.start].trim().is_empty();
        for (i, t) in toks.iter().enumerate() {
            let w = t.lower.as_ref();
            if MODALS.contains(&w) {
                let mut j = i + 1;
                if toks
                    .get(j)
                    .is_some_and(|a| matches!(a.lower.as_ref(), "more" | "very" | "so"))
                {
                    j += 1;
                }
                let Some(adj) = toks.get(j) else { continue };
                if !BE_ADJECTIVES.contains(&adj.lower.as_ref())
                    || !toks[i..=j].windows(2).all(|p| joined(&p[0], &p[1]))
                    // "will sure" is said for "surely"; leave it.
                    || (adj.lower == "sure" && j == i + 1)
                {
                    continue;
                }
                let modal = &f.text[t.start..t.end];
                let said = &f.text[t.start..adj.end];
                let fix = format!("{modal} be{}", &f.text[t.end..adj.end]);
                out.push(
                    Finding::span(
                        me,
                        f,
                        t.start,
                        adj.end,
                        format!(
                            "\"{said}\": before a word like \"{}\", English needs \"be\". Write \"{fix}\".",
                            &f.text[adj.start..adj.end]
                        ),
                    )
                    .with_fix(fix),
                );
                continue;
            }
            // "will be check": after "be" a done-to verb takes its
            // participle ("be checked"). "is complain": "-ing", or the past.
            if matches!(w, "be" | "is" | "are" | "am")
                && let Some(v) = toks.get(i + 1)
                && joined(t, v)
                && !f.text[v.end..].starts_with('-')
            {
                let said = &f.text[t.start..v.end];
                let be = &f.text[t.start..t.end];
                if w == "be"
                    && let Some((_, done)) = PARTICIPLES
                        .iter()
                        .find(|(b, _)| *b == v.lower && !BE_NOUNS.contains(b))
                {
                    let fix = format!("{be} {done}");
                    out.push(
                        Finding::span(
                            me,
                            f,
                            t.start,
                            v.end,
                            format!("\"{said}\": after \"be\" the verb takes its past form. Write \"{fix}\"."),
                        )
                        .with_fix(fix),
                    );
                    continue;
                }
                if w != "be" && i > 0 && IS_VERBS.contains(&v.lower.as_ref()) {
                    let past = PARTICIPLES.iter().find(|(b, _)| *b == v.lower).map_or_else(
                        || format!("{}ed", v.lower.trim_end_matches('e')),
                        |(_, p)| (*p).to_string(),
                    );
                    out.push(Finding::span(
                        me,
                        f,
                        t.start,
                        v.end,
                        format!(
                            "\"{said}\": \"{be}\" does not go with the verb's plain form. For what happened, write the past alone (\"{past}\"); for what is going on, \"{be} {}\".",
                            ing(&v.lower)
                        ),
                    ));
                    continue;
                }
            }
            if matches!(w, "before" | "after" | "without")
                && let Some(v) = toks.get(i + 1)
                && PARTICIPLES.iter().any(|(base, _)| *base == v.lower)
                // "before upload", "after use": nouns of their own there.
                && !ING_NOUNS.contains(&v.lower.as_ref())
                && joined(t, v)
                // "after ship date", "before check-in": the plain form is
                // a noun there, with a noun after it.
                && !f.text[v.end..].starts_with('-')
                && toks.get(i + 2).is_none_or(|n| {
                    !joined(v, n)
                        || matches!(
                            n.lower.as_ref(),
                            "the"
                                | "a"
                                | "an"
                                | "it"
                                | "them"
                                | "each"
                                | "every"
                                | "any"
                                | "our"
                                | "their"
                                | "his"
                                | "her"
                                | "all"
                                | "orders"
                                | "products"
                                | "items"
                                | "packages"
                                | "goods"
                                | "to"
                                | "and"
                                | "or"
                                | "then"
                                | "with"
                                | "by"
                        )
                })
            {
                let said = &f.text[t.start..v.end];
                let prep = &f.text[t.start..t.end];
                let fix = format!("{prep} {}", ing(&v.lower));
                out.push(
                    Finding::span(
                        me,
                        f,
                        t.start,
                        v.end,
                        format!(
                            "\"{said}\": after \"{prep}\" a verb takes \"-ing\". Write \"{fix}\"."
                        ),
                    )
                    .with_fix(fix),
                );
            }
        }
    }
}

/// A corrective action told in the present ("We check every order"): an
/// action is already done, so it is told in the past. Only in a case's
/// corrective actions or a draft's own corrective section, where nothing
/// is a standing rule; "we now check" is left alone (a change that holds).
fn done_in_the_present(me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
    use crate::check::doc::FieldId;
    let corrective = |f: &crate::check::doc::Field<'_>| match f.id {
        FieldId::Case(p) => {
            p.section == crate::case::Section::CorrectiveActions && p.key == "action"
        }
        FieldId::Line(n) => cx.doc.draft.is_some_and(|d| {
            d.lines
                .iter()
                .any(|l| l.n == n && l.section == crate::check::draft::SectionKind::Corrective)
        }),
        _ => false,
    };
    for f in cx.doc.statements().filter(|f| corrective(f)) {
        let toks = cx.tokens(f);
        for (i, who) in toks.iter().enumerate() {
            if !matches!(who.lower.as_ref(), "we" | "i") {
                continue;
            }
            // "when we check", "if we ship", "or we stop": a rule or a
            // condition, told in the present on purpose; "let": the plain form.
            if i.checked_sub(1).is_some_and(|k| {
                matches!(
                    toks[k].lower.as_ref(),
                    "when"
                        | "whenever"
                        | "if"
                        | "once"
                        | "before"
                        | "after"
                        | "until"
                        | "unless"
                        | "that"
                        | "so"
                        | "let"
                        | "help"
                        | "make"
                        | "now"
                        | "or"
                        | "otherwise"
                        | "else"
                )
            }) {
                continue;
            }
            let Some(mut verb) = toks.get(i + 1) else {
                continue;
            };
            // "we are deleted the listing": a done action told as "are" and
            // its participle, with the thing done to after it.
            let mut passive = false;
            if matches!(verb.lower.as_ref(), "are" | "were" | "am" | "was")
                && let Some(v) = toks.get(i + 2)
                && PARTICIPLES
                    .iter()
                    .any(|(b, p)| *p == v.lower && *b != v.lower)
                && !matches!(
                    v.lower.as_ref(),
                    "sent"
                        | "given"
                        | "informed"
                        | "suspended"
                        | "deactivated"
                        | "blocked"
                        | "associated"
                )
                && toks.get(i + 3).is_some_and(|n| {
                    matches!(
                        n.lower.as_ref(),
                        "the"
                            | "a"
                            | "an"
                            | "all"
                            | "our"
                            | "this"
                            | "these"
                            | "those"
                            | "each"
                            | "every"
                    )
                })
            {
                verb = v;
                passive = true;
            }
            let found = if passive {
                PARTICIPLES.iter().find(|(_, p)| *p == verb.lower)
            } else {
                PARTICIPLES.iter().find(|(b, _)| *b == verb.lower)
            };
            let Some((_, done)) = found else { continue };
            if !f.text[who.end..toks[i + 1].start].trim().is_empty()
                || (!passive && f.text[verb.end..].starts_with('-'))
            {
                continue;
            }
            // The simple past, where it is not the participle.
            let past = match *done {
                "taken" => "took",
                "given" => "gave",
                p => p,
            };
            let said = &f.text[who.start..verb.end];
            let fix = format!("{} {past}", &f.text[who.start..who.end]);
            out.push(
                Finding::span(
                    me,
                    f,
                    who.start,
                    verb.end,
                    format!(
                        "\"{said}\": a corrective action is already done, so tell it in the past: \"{fix}\". If it is something you keep doing, it belongs in the preventive measures."
                    ),
                )
                .with_fix(fix),
            );
        }
    }
}

/// A pronoun or a bare noun that may stand before a bare "not" ("we not
/// check", "staff not careful"), and whether it takes "does" and "was".
fn not_pronoun(w: &str) -> Option<bool> {
    match w {
        "we" | "they" | "i" | "you" | "staff" | "people" => Some(false),
        "he" | "she" | "it" => Some(true),
        _ => None,
    }
}

/// Adjectives said of a product or a person after a bare "not" ("the
/// watch not waterproof", "the photo not clear"), besides [`BE_ADJECTIVES`].
fn not_adjective(w: &str) -> bool {
    BE_ADJECTIVES.contains(&w)
        || matches!(
            w,
            "correct"
                | "right"
                | "wrong"
                | "ready"
                | "real"
                | "genuine"
                | "authentic"
                | "original"
                | "enough"
                | "available"
                | "accurate"
                | "complete"
                | "visible"
                | "good"
                | "safe"
                | "working"
                | "damaged"
                | "broken"
                | "same"
                | "new"
        )
        || ["proof", "ful", "able", "ible", "ive", "ous"]
            .iter()
            .any(|end| w.len() > end.len() + 3 && w.ends_with(end))
}

/// Words after which a noun and "not" are an object and its state ("we
/// found the label not correct", "told the packer not to"), not a subject.
const NOT_OBJECT_VERBS: [&str; 20] = [
    "found",
    "find",
    "saw",
    "see",
    "considered",
    "consider",
    "made",
    "make",
    "kept",
    "keep",
    "left",
    "leave",
    "thought",
    "believed",
    "noticed",
    "marked",
    "want",
    "wanted",
    "asked",
    "told",
];

/// "our staff not check", "the packer not careful", "the tracking number
/// not updated": a "not" with no "did", "do", "was" or "is" before it
/// (Chinese and Arabic put 不/没 or ما straight before the verb). Fixed
/// where the field says the time: a root cause or an action happened
/// (did, was), a measure is how things are done (do, is); elsewhere both
/// are named. Not "decided not to", "do not check", "whether or not",
/// "not only", "we found the label not correct".
fn not_without_its_helper(me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
    let det = |w: &str| {
        matches!(
            w,
            "the" | "our" | "my" | "this" | "that" | "his" | "her" | "their" | "its" | "a" | "an"
        )
    };
    for f in cx
        .doc
        .statements()
        .filter(|f| f.text.contains(" not ") || f.text.contains(" NOT "))
    {
        let toks = cx.tokens(f);
        // Only letters and spaces between tokens `a` and `b`: one phrase.
        let joined = |a: usize, b: usize| {
            f.text[toks[a].end..toks[b].start]
                .chars()
                .all(|c| c == ' ' || c.is_alphabetic())
        };
        for i in 1..toks.len().saturating_sub(1) {
            if toks[i].lower != "not" || !joined(i - 1, i + 1) {
                continue;
            }
            let (who, next) = (&toks[i - 1], &toks[i + 1]);
            let w = who.lower.as_ref();
            // "does not", "could not", "were not": the helper is there.
            if matches!(
                w,
                "do" | "does"
                    | "did"
                    | "is"
                    | "are"
                    | "was"
                    | "were"
                    | "be"
                    | "been"
                    | "being"
                    | "am"
                    | "has"
                    | "have"
                    | "had"
                    | "need"
                    | "ought"
                    | "dare"
                    | "used"
            ) || MODALS.contains(&w)
                || matches!(w, "may" | "might")
            {
                continue;
            }
            // The subject: a pronoun, or a noun after its determiner ("the
            // tracking number"), and where its phrase opens.
            let (opens, one, person) = if let Some(one) = not_pronoun(w) {
                // "our staff": the phrase opens at its determiner.
                let opens = match i.checked_sub(2) {
                    Some(k) if det(&toks[k].lower) && joined(k, i - 1) => k,
                    _ => i - 1,
                };
                (opens, one, true)
            } else if w.len() > 2
                && w.bytes().all(|b| b.is_ascii_alphabetic())
                && !AFTER_NOUN.contains(&w)
                && let Some(d) = (i.saturating_sub(3)..i - 1)
                    .rev()
                    .find(|&k| det(&toks[k].lower) && joined(k, i - 1))
            {
                let one = !w.ends_with('s') || w.ends_with("ss");
                (d, one, false)
            } else {
                continue;
            };
            if opens.checked_sub(1).is_some_and(|k| {
                NOT_OBJECT_VERBS.contains(&toks[k].lower.as_ref())
                    || matches!(toks[k].lower.as_ref(), "let" | "help" | "have" | "to")
            }) {
                continue;
            }
            let n = next.lower.as_ref();
            // "the system, not the staff", "not only", "not yet": no verb.
            if det(n)
                || AFTER_NOUN.contains(&n)
                || matches!(
                    n,
                    "only" | "yet" | "just" | "so" | "as" | "all" | "even" | "always"
                )
            {
                continue;
            }
            let adjective = not_adjective(n);
            let base = !adjective
                && ((PLAIN_VERBS.contains(&n) && !n.starts_with("don"))
                    || PARTICIPLES.iter().any(|(v, _)| *v == n)
                    || !n.ends_with("ed") && crate::check::spell::plain_verb(n));
            let done = PARTICIPLES.iter().find(|(_, d)| *d == n).map(|(v, _)| *v);
            // The helper and the words after "not": "did not check", "was
            // not updated"; a person's "not received" is "did not receive".
            let (helpers, verb): ((&str, &str), std::borrow::Cow<str>) = if base {
                (if one { ("did", "does") } else { ("did", "do") }, n.into())
            } else if let (true, Some(v)) = (person, done) {
                (if one { ("did", "does") } else { ("did", "do") }, v.into())
            } else if !person && (done.is_some() || n.ends_with("ed") && n.len() > 4) || adjective {
                (if one { ("was", "is") } else { ("were", "are") }, n.into())
            } else {
                continue;
            };
            let verb = crate::check::text::match_case(&f.text[next.start..next.end], &verb);
            let not = &f.text[toks[i].start..toks[i].end];
            let said = &f.text[toks[opens].start..next.end];
            let subject = &f.text[toks[opens].start..who.end];
            let (then, today) = (
                format!("{} {not} {verb}", helpers.0),
                format!("{} {not} {verb}", helpers.1),
            );
            let fix = match f.role {
                Role::Cause | Role::Action => Some(then.clone()),
                Role::Measure => Some(today.clone()),
                _ => None,
            };
            let message = match &fix {
                Some(fix) => format!(
                    "\"{said}\": English needs \"{}\" before \"not\" here. Write \"{subject} {fix}\".",
                    fix.split(' ').next().unwrap_or_default()
                ),
                None => format!(
                    "\"{said}\": English needs a helping word before \"not\". Write \"{then}\" for what happened, or \"{today}\" for what is true now."
                ),
            };
            let finding = Finding::span(me, f, toks[i].start, next.end, message);
            out.push(match fix {
                Some(fix) => finding.with_fix(fix),
                None => finding,
            });
        }
    }
}

/// Singular subjects a learner gives the plain verb ("buyer give").
const SUBJECTS: [&str; 14] = [
    "buyer", "customer", "seller", "supplier", "carrier", "employee", "worker", "packer",
    "manager", "he", "she", "nobody", "everyone", "someone",
];

/// Verbs in their plain form that, after a singular subject, want an "s".
const PLAIN_VERBS: [&str; 28] = [
    "give",
    "receive",
    "say",
    "want",
    "leave",
    "open",
    "ask",
    "complain",
    "need",
    "think",
    "buy",
    "get",
    "write",
    "send",
    "forget",
    "stop",
    "check",
    "know",
    "lack",
    "miss",
    "ship",
    "use",
    "update",
    "find",
    "have",
    "do",
    "don't",
    "understand",
];

/// The places (subject, verb) of a singular subject that token `i` opens
/// with the verb's plain form: "the buyer give", "our warehouse worker
/// forget", ", buyer give", "nobody check". Not after "let", "help",
/// "make", "to" or a modal, where the plain form is right.
fn agreement(text: &str, toks: &[sense::Token<'_>], i: usize) -> Option<(usize, usize)> {
    let det = |w: &str| {
        matches!(
            w,
            "the"
                | "a"
                | "this"
                | "that"
                | "each"
                | "every"
                | "one"
                | "our"
                | "their"
                | "his"
                | "her"
                | "my"
        )
    };
    let w = toks[i].lower.as_ref();
    let clause_start = i == 0
        || text[toks[i - 1].end..toks[i].start].contains([',', '.', ';', ':'])
        || matches!(
            toks[i - 1].lower.as_ref(),
            "when"
                | "if"
                | "because"
                | "after"
                | "before"
                | "so"
                | "and"
                | "but"
                | "since"
                | "until"
        );
    // The subject: right after a determiner, or after a determiner and one
    // word ("our warehouse worker"), or opening a clause bare.
    let subject = if det(w) {
        if toks
            .get(i + 1)
            .is_some_and(|n| SUBJECTS.contains(&n.lower.as_ref()))
        {
            i + 1
        } else if toks
            .get(i + 2)
            .is_some_and(|n| SUBJECTS.contains(&n.lower.as_ref()))
            && toks.get(i + 1).is_some_and(|m| !m.lower.ends_with('s'))
            // "our warehouse worker", not "our SOP, nobody": one phrase.
            && !text[toks[i + 1].end..toks[i + 2].start].contains([',', '.', ';', ':'])
        {
            i + 2
        } else {
            return None;
        }
    } else if clause_start && SUBJECTS.contains(&w) {
        i
    } else {
        return None;
    };
    let verb = subject + 1;
    let v = toks.get(verb)?;
    if !PLAIN_VERBS.contains(&v.lower.as_ref())
        || text[toks[subject].end..v.start].contains([',', '.', '\''])
        || i.checked_sub(1).is_some_and(|k| {
            matches!(
                toks[k].lower.as_ref(),
                "let"
                    | "help"
                    | "make"
                    | "to"
                    | "will"
                    | "can"
                    | "did"
                    | "does"
                    | "would"
                    | "should"
                    | "must"
                    | "may"
                    | "could"
            )
        })
    {
        return None;
    }
    // "the buyer return policy", "a customer service": a noun after, not a verb.
    if matches!(v.lower.as_ref(), "check" | "use" | "update" | "ship")
        && toks.get(verb + 1).is_some_and(|n| {
            matches!(
                n.lower.as_ref(),
                "list" | "policy" | "process" | "date" | "method" | "window" | "rate"
            )
        })
    {
        return None;
    }
    Some((subject, verb))
}

/// Nouns of a group, which British English lets take "have" ("our team
/// have"): left alone.
const GROUPS: &[&str] = &[
    "team",
    "staff",
    "company",
    "management",
    "family",
    "crew",
    "group",
    "department",
    "government",
    "police",
    "public",
    "majority",
    "couple",
];

/// Words for one thing that a letter names by its id: "ASIN B0C9X2KLMP",
/// "order 113-2233445-6677889".
const NAMED_BY_ID: &[&str] = &[
    "asin", "order", "sku", "listing", "item", "product", "shipment", "parcel", "package", "claim",
    "case",
];

/// The places (subject, verb) of one thing with "have" or "do" after it:
/// "the product have", "our listing have", "ASIN B0C9X2KLMP have", "order
/// 113-2233445-6677889 do not". Any countable noun of the dictionary after
/// a determiner, or a thing with its id, where `agreement` knows only the
/// people of a letter.
fn have_agreement(text: &str, toks: &[sense::Token<'_>], i: usize) -> Option<(usize, usize)> {
    let joined = |a: usize, b: usize| {
        !text[toks[a].end..toks[b].start].contains([',', '.', ';', ':', '(', ')', '\''])
    };
    let w = toks[i].lower.as_ref();
    let (subject, verb) = if matches!(w, "the" | "this" | "that" | "our" | "my" | "each" | "every")
    {
        let n = toks.get(i + 1)?;
        let noun = n.lower.as_ref();
        if noun.ends_with('s')
            || GROUPS.contains(&noun)
            || !crate::check::spell::countable_noun(noun)
        {
            return None;
        }
        (i + 1, i + 2)
    } else if NAMED_BY_ID.contains(&w)
        && toks
            .get(i + 1)
            .is_some_and(|id| id.lower.bytes().any(|b| b.is_ascii_digit()) && id.lower.len() >= 5)
    {
        (i, i + 2)
    } else {
        return None;
    };
    let v = toks.get(verb)?;
    if !matches!(v.lower.as_ref(), "have" | "do")
        || !joined(subject, verb)
        || !joined(i, subject.max(i + 1))
    {
        return None;
    }
    // "each product have to": a rule's "have to" is the same fault, kept;
    // "the order do" as a question is not a letter's.
    Some((subject, verb))
}

/// A verb's third person singular: "gives", "checks", "misses", "has".
fn third_person(verb: &str) -> String {
    match verb.to_ascii_lowercase().as_str() {
        "have" => return "has".into(),
        "do" => return "does".into(),
        "don't" => return "doesn't".into(),
        _ => {}
    }
    let lower = verb.to_ascii_lowercase();
    if lower.ends_with(['s', 'x', 'z', 'o']) || lower.ends_with("sh") || lower.ends_with("ch") {
        format!("{verb}es")
    } else if lower.ends_with('y') && !lower.ends_with(['a', 'e', 'o', 'u']) && lower.len() > 2 {
        let stem = &lower[..lower.len() - 1];
        let vowel_before = stem.ends_with(['a', 'e', 'i', 'o', 'u']);
        if vowel_before {
            format!("{verb}s")
        } else {
            format!("{}ies", &verb[..verb.len() - 1])
        }
    } else {
        format!("{verb}s")
    }
}

/// G002: the grammar of a second-language writer, where it is certain.
pub struct SecondLanguageGrammar;

/// One pass that finds the texts where any of the shapes may be: most
/// texts hold none, and are not read word by word. (A count before a word
/// that does not end in s may be a dictionary noun left singular: "many
/// mug".)
fn candidates() -> &'static crate::pattern::Words {
    // Built once, inside the macro's first use.
    words!(&{
        let verbs: Vec<&str> = PARTICIPLES.iter().map(|(v, _)| *v).collect();
        let nouns: Vec<&str> = NOUNS.iter().map(|(n, _)| *n).collect();
        format!(
            r"(?i)\b(?:feedbacks|informations|advices|equipments|evidences|furnitures|luggages|baggages|knowledges|softwares|staffs)\b|\b(?:have|has|had|was|were|been)\s+(?:{})\b|\b(?:[0-9]{{1,5}}|two|three|four|five|six|seven|eight|nine|ten|some|many|several|few|these|those|all)\s+(?:[a-z]+\s+)?(?:{})\b|\b(?:[0-9]{{1,5}}|two|three|four|five|six|seven|eight|nine|ten|many|several)\s+(?:[a-z]+\s+)?[a-z]*[a-rt-z]\b|\b(?:{})\s+(?:{})\b|\b(?:the|this|that|our|my|each|every)\s+[a-z]+\s+(?:have|do)\b|\b(?:{})\s+[a-z0-9-]*[0-9][a-z0-9-]*\s+(?:have|do)\b",
            verbs.join("|"),
            nouns.join("|"),
            SUBJECTS.join("|"),
            PLAIN_VERBS.join("|"),
            NAMED_BY_ID.join("|")
        )
    })
}

impl Rule for SecondLanguageGrammar {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        super::phrase_findings(me, cx, out);
        dropped_subject_and_dates(me, cx, out);
        missing_be_and_ing(me, cx, out);
        done_in_the_present(me, cx, out);
        not_without_its_helper(me, cx, out);
        for f in cx
            .doc
            .statements()
            .filter(|f| candidates().is_match(f.text))
        {
            let toks = cx.tokens(f);
            let mut last_subject = None;
            for (i, t) in toks.iter().enumerate() {
                let w = t.lower.as_ref();
                let next = toks.get(i + 1);
                // "7 negative feedbacks", "all the informations"; "this
                // evidences our care" is the verb.
                if let Some((_, one)) = UNCOUNTABLE.iter().find(|(many, _)| *many == w)
                    && !i.checked_sub(1).is_some_and(|k| {
                        matches!(toks[k].lower.as_ref(), "it" | "this" | "which" | "that")
                    })
                {
                    let said = &f.text[t.start..t.end];
                    let fix = crate::check::text::match_case(said, one);
                    out.push(
                        Finding::span(
                            me,
                            f,
                            t.start,
                            t.end,
                            format!(
                                "\"{said}\": English does not count \"{one}\", so it has no plural. Write \"{fix}\"."
                            ),
                        )
                        .with_fix(fix),
                    );
                    continue;
                }
                // "we have reply", "was deactivate": a base form after have or be.
                if matches!(w, "have" | "has" | "had" | "was" | "were" | "been")
                    && let Some(n) = next
                    && let Some((_, done)) = PARTICIPLES.iter().find(|(v, _)| *v == n.lower)
                    && !f.text[t.end..n.start].contains([',', '.', ';'])
                    // "had to check", "have review meetings": not these.
                    && !toks.get(i + 2).is_some_and(|a| {
                        matches!(a.lower.as_ref(), "meeting" | "meetings" | "process" | "team")
                    })
                {
                    let said = &f.text[t.start..n.end];
                    let fix = format!("{} {done}", &f.text[t.start..t.end]);
                    out.push(
                        Finding::span(
                            me,
                            f,
                            t.start,
                            n.end,
                            format!(
                                "\"{said}\": after \"{}\" the verb takes its past form. Write \"{fix}\".",
                                &f.text[t.start..t.end]
                            ),
                        )
                        .with_fix(fix),
                    );
                    continue;
                }
                // "14 buyer message", "some customer receives".
                // "a £14 item", "the 3 order": a price or a count used as an
                // adjective is singular.
                let before = &f.text[..t.start];
                // "Class 2 label", "Model 3 box", "step 2 check": a number
                // in a name is no count either.
                let adjective = before.ends_with(['£', '$', '€', '¥'])
                    || i.checked_sub(1).is_some_and(|k| {
                        matches!(
                            toks[k].lower.as_ref(),
                            "a" | "an"
                                | "each"
                                | "per"
                                | "every"
                                | "class"
                                | "model"
                                | "type"
                                | "level"
                                | "section"
                                | "step"
                                | "version"
                                | "phase"
                                | "grade"
                                | "category"
                                | "size"
                                | "no"
                                | "number"
                                | "page"
                                | "item"
                                | "article"
                                | "chapter"
                                | "zone"
                                | "line"
                                | "bay"
                                | "dock"
                        ) || f.text[toks[k].start..].starts_with(|c: char| c.is_ascii_uppercase())
                            && k + 1 == i
                            && !f.text[toks[k].end..t.start].contains([',', '.', ';', ':'])
                            && k > 0
                            && crate::case::month_word(&toks[k].lower).is_none()
                    });
                // Digits inside a time, a decimal or a range ("16:00
                // pickup", "1.5 kg carton") count nothing.
                let inside = w.bytes().all(|b| b.is_ascii_digit())
                    && f.text[..t.start].ends_with([':', '.', ',', '/', '-']);
                if number_word(w) && !adjective && !inside {
                    let mut j = i + 1;
                    // One noun or adjective may stand before the last ("buyer
                    // message", "unauthorized listing"), but not a plural, a
                    // number or a time ("2 days order", "30 day return").
                    let is_noun = |t: Option<&sense::Token<'_>>| {
                        t.is_some_and(|a| NOUNS.iter().any(|(s, _)| *s == a.lower))
                    };
                    let modifier = toks.get(j).is_some_and(|a| {
                        a.lower.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
                            && !a.lower.ends_with('s')
                            && !matches!(
                                a.lower.as_ref(),
                                "day"
                                    | "week"
                                    | "month"
                                    | "year"
                                    | "hour"
                                    | "minute"
                                    | "more"
                                    | "other"
                                    | "of"
                            )
                    });
                    // After a trade noun, a countable noun of the dictionary
                    // ends the phrase too: "96 order defect", "3 buyer
                    // complaint".
                    // A count ("14", "many"), not "some" or "these": any
                    // countable noun of the dictionary follows it too.
                    let counted =
                        number_word(w) && !matches!(w, "some" | "few" | "these" | "those" | "all");
                    if is_noun(toks.get(j + 1)) && (is_noun(toks.get(j)) || modifier)
                        || counted
                            && is_noun(toks.get(j))
                            && toks.get(j + 1).is_some_and(|a| {
                                !AFTER_NOUN.contains(&a.lower.as_ref())
                                    && !PLAIN_VERBS.contains(&a.lower.as_ref())
                                    && dictionary_noun(&a.lower)
                            })
                            && !f.text[toks[j].end..toks[j + 1].start]
                                .contains([',', '.', ';', ':'])
                    {
                        j += 1;
                    }
                    let Some(noun) = toks.get(j) else { continue };
                    // The trade's nouns, and after a count ("14", "many")
                    // any countable noun of the dictionary ("many mug").
                    let plural: std::borrow::Cow<str> =
                        match NOUNS.iter().find(|(s, _)| *s == noun.lower) {
                            Some((_, p)) => (*p).into(),
                            None if counted && dictionary_noun(&noun.lower) => {
                                crate::check::spell::plural(&noun.lower).into()
                            }
                            None => continue,
                        };
                    if !f.text[t.end..noun.start]
                        .trim()
                        .chars()
                        .all(|c| c.is_alphabetic() || c == ' ')
                    {
                        continue;
                    }
                    // The phrase ends at the noun: a full stop, a comma, a
                    // function word or a verb follows.
                    let after = toks.get(j + 1);
                    let ends = match after {
                        None => true,
                        Some(a) => {
                            f.text[noun.end..a.start].contains([',', '.', ';', ':', ')'])
                                || AFTER_NOUN.contains(&a.lower.as_ref())
                                || VERBS_S.contains(&a.lower.as_ref())
                                || PAST_AFTER_COUNT.contains(&a.lower.as_ref())
                        }
                    };
                    // "all order ids", "some order" at a year ("2026 order")
                    // are not meant.
                    if !ends || (w.len() == 4 && w.starts_with("20")) {
                        continue;
                    }
                    // "some customer receives", "many mug was": the verb
                    // agrees with the plural.
                    let verb = after.filter(|a| {
                        VERBS_S.contains(&a.lower.as_ref())
                            || matches!(a.lower.as_ref(), "was" | "is" | "has")
                    });
                    let end = verb.map_or(noun.end, |v| v.end);
                    let said = &f.text[t.start..end];
                    let mut fixed = format!("{}{plural}", &f.text[t.start..noun.start]);
                    if let Some(v) = verb {
                        fixed.push_str(&f.text[noun.end..v.start]);
                        fixed.push_str(match v.lower.as_ref() {
                            "was" => "were",
                            "is" => "are",
                            "has" => "have",
                            _ => &f.text[v.start..v.end - 1],
                        });
                    }
                    out.push(
                        Finding::span(
                            me,
                            f,
                            t.start,
                            end,
                            format!(
                                "\"{said}\": after \"{}\" the noun is plural. Write \"{fixed}\".",
                                &f.text[t.start..t.end]
                            ),
                        )
                        .with_fix(fixed),
                    );
                }
                // "the buyer give", "our warehouse worker forget", "he
                // check": a singular subject with the verb's plain form.
                // Each subject once, whichever word it was reached from.
                if let Some(found) =
                    agreement(f.text, toks, i).or_else(|| have_agreement(f.text, toks, i))
                    && last_subject.replace(found.0) != Some(found.0)
                {
                    let (subject, verb) = (&toks[found.0], &toks[found.1]);
                    let said = &f.text[subject.start..verb.end];
                    let with_s = third_person(&f.text[verb.start..verb.end]);
                    // The subject with its id, if it has one: "ASIN B0C9X2KLMP has".
                    let fixed = format!("{}{with_s}", &f.text[subject.start..verb.start]);
                    // A rule is written in the present; what happened may
                    // want the past, which only the writer knows.
                    let rule = f.role == Role::Measure;
                    // "one ASIN", as written; "one buyer", in lower case.
                    let written = &f.text[subject.start..subject.end];
                    let one =
                        if written.len() > 1 && !written.bytes().any(|b| b.is_ascii_lowercase()) {
                            written
                        } else {
                            subject.lower.as_ref()
                        };
                    let finding = Finding::span(
                        me,
                        f,
                        subject.start,
                        verb.end,
                        if rule {
                            format!("\"{said}\": one {one} takes \"{with_s}\". Write \"{fixed}\".")
                        } else {
                            format!(
                                "\"{said}\": one {one} takes \"{with_s}\". Write \"{fixed}\", or the past form of \"{}\" if it happened before.",
                                verb.lower
                            )
                        },
                    );
                    out.push(if rule {
                        finding.with_fix(fixed)
                    } else {
                        finding
                    });
                }
            }
        }
    }
}
