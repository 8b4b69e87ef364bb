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

use crate::check::sense;
use crate::check::{Cx, Finding, Meta, Rule};

/// Verbs of the trade with their past participle.
const PARTICIPLES: [(&str, &str); 38] = [
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
];

/// Countable nouns of the trade: (singular, plural).
const NOUNS: [(&str, &str); 18] = [
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
const AFTER_NOUN: [&str; 22] = [
    "and", "or", "with", "from", "in", "on", "for", "to", "that", "who", "which", "about", "was",
    "were", "is", "are", "has", "have", "had", "did", "but", "because",
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

/// G002: the grammar of a second-language writer, where it is certain.
pub struct SecondLanguageGrammar;

/// One pass that finds the texts where any of the shapes may be: most
/// texts hold none, and are not read word by word.
fn candidates() -> &'static crate::pattern::Words {
    // Built once, inside the macro's first use.
    words!(&{
        let verbs: Vec<&str> = PARTICIPLES.iter().map(|(v, _)| *v).collect();
        let nouns: Vec<&str> = NOUNS.iter().map(|(n, _)| *n).collect();
        format!(
            r"(?i)\b(?:have|has|had|was|were|been)\s+(?:{})\b|\b(?:[0-9]{{1,5}}|two|three|four|five|six|seven|eight|nine|ten|some|many|several|few|these|those|all)\s+(?:[a-z]+\s+)?(?:{})\b|\b(?:buyer|customer|seller|supplier|carrier|employee)\s+(?:give|receive|say|want|leave|open|ask|complain|need|think|return|buy|get|write|send)\b",
            verbs.join("|"),
            nouns.join("|")
        )
    })
}

impl Rule for SecondLanguageGrammar {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        for f in cx
            .doc
            .statements()
            .filter(|f| candidates().is_match(f.text))
        {
            let toks = sense::tokens(f.text);
            for (i, t) in toks.iter().enumerate() {
                let w = t.lower.as_str();
                let next = toks.get(i + 1);
                // "we have reply", "was deactivate": a base form after have or be.
                if matches!(w, "have" | "has" | "had" | "was" | "were" | "been")
                    && let Some(n) = next
                    && let Some((_, done)) = PARTICIPLES.iter().find(|(v, _)| *v == n.lower)
                    && !f.text[t.end..n.start].contains([',', '.', ';'])
                    // "had to check", "have review meetings": not these.
                    && !toks.get(i + 2).is_some_and(|a| {
                        matches!(a.lower.as_str(), "meeting" | "meetings" | "process" | "team")
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
                let adjective = before.ends_with(['£', '$', '€', '¥'])
                    || i.checked_sub(1).is_some_and(|k| {
                        matches!(
                            toks[k].lower.as_str(),
                            "a" | "an" | "each" | "per" | "every"
                        )
                    });
                if number_word(w) && !adjective {
                    let mut j = i + 1;
                    // One noun may stand before the last ("buyer message").
                    if toks
                        .get(j + 1)
                        .is_some_and(|b| NOUNS.iter().any(|(s, _)| *s == b.lower))
                        && toks
                            .get(j)
                            .is_some_and(|a| NOUNS.iter().any(|(s, _)| *s == a.lower))
                    {
                        j += 1;
                    }
                    let Some(noun) = toks.get(j) else { continue };
                    let Some((_, plural)) = NOUNS.iter().find(|(s, _)| *s == noun.lower) else {
                        continue;
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
                                || AFTER_NOUN.contains(&a.lower.as_str())
                                || VERBS_S.contains(&a.lower.as_str())
                        }
                    };
                    // "all order ids", "some order" at a year ("2026 order")
                    // are not meant.
                    if !ends || (w.len() == 4 && w.starts_with("20")) {
                        continue;
                    }
                    // "some customer receives": the verb agrees with the plural.
                    let verb = after.filter(|a| VERBS_S.contains(&a.lower.as_str()));
                    let end = verb.map_or(noun.end, |v| v.end);
                    let said = &f.text[t.start..end];
                    let mut fixed = format!("{}{plural}", &f.text[t.start..noun.start]);
                    if let Some(v) = verb {
                        fixed.push_str(&f.text[noun.end..v.start]);
                        fixed.push_str(&f.text[v.start..v.end - 1]);
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
                // "the buyer give", "a customer receive", ", buyer give".
                let clause_start =
                    i == 0 || f.text[toks[i - 1].end..t.start].contains([',', '.', ';', ':']);
                let (det, n) =
                    if matches!(w, "the" | "a" | "this" | "that" | "each" | "every" | "one") {
                        (true, next)
                    } else {
                        (false, Some(t))
                    };
                let v_at = if det { i + 2 } else { i + 1 };
                if (det || clause_start)
                    && let Some(n) = n
                    && matches!(
                        n.lower.as_str(),
                        "buyer" | "customer" | "seller" | "supplier" | "carrier" | "employee"
                    )
                    && let Some(v) = toks.get(v_at)
                    && matches!(
                        v.lower.as_str(),
                        "give"
                            | "receive"
                            | "say"
                            | "want"
                            | "leave"
                            | "open"
                            | "ask"
                            | "complain"
                            | "need"
                            | "think"
                            | "return"
                            | "buy"
                            | "get"
                            | "write"
                            | "send"
                    )
                    && !f.text[n.end..v.start].contains([',', '.'])
                    && !matches!(
                        i.checked_sub(1).map(|k| toks[k].lower.as_str()),
                        Some("let" | "help" | "make" | "to" | "will" | "can" | "did" | "does")
                    )
                {
                    let fixed = format!("{}s", &f.text[v.start..v.end]);
                    out.push(
                        Finding::span(
                            me,
                            f,
                            n.start,
                            v.end,
                            format!(
                                "\"{}\": one {} takes \"{fixed}\". Write \"{} {fixed}\".",
                                &f.text[n.start..v.end],
                                n.lower,
                                &f.text[n.start..n.end]
                            ),
                        )
                        .with_fix(format!("{} {fixed}", &f.text[n.start..n.end])),
                    );
                }
            }
        }
    }
}
