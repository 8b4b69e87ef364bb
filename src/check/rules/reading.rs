//! Rules that read what a sentence says, not only which words it uses:
//! a root cause that names no process failure (C016), restating the
//! violation (C013), minimising (T019), a damaging disclosure (T020),
//! Amazon's question copied as the writer's own words (T021), and the
//! analysis parts of blame (T004), hedges (T006) and denial (T013).
//!
//! Each reads statements (`Doc::statements`): lines that are not headings,
//! lead-ins, attachment lines, greetings or closings; T021 reads headings
//! too. Quoted words are never the writer's.

use std::ops::Range;

use super::phrase_findings;
use crate::check::doc::{Field, FieldId, Role, in_scope};
use crate::check::sense::{self, Party};
use crate::check::{Cx, Finding, Meta, Rule};
use crate::pattern::{WordMatch, Words};

/// The sentences of a statement with their ranges.
fn sentences_of<'a>(cx: &'a Cx, f: &Field) -> &'a [Range<usize>] {
    cx.at(f.id).map_or(&[], |i| cx.sentences[i].as_slice())
}

/// Does a phrase hit of `code` fall in `range` of field `f`?
fn phrase_in(cx: &Cx, code: &'static str, f: &Field, range: &Range<usize>) -> bool {
    cx.at(f.id).is_some_and(|i| {
        cx.hits[i].iter().any(|h| {
            h.code == code
                && in_scope(f.role, h.scope)
                && h.start < range.end
                && range.start < h.end
        })
    })
}

/// Has field `f` a phrase hit of `code` anywhere?
fn phrase_anywhere(cx: &Cx, code: &'static str, f: &Field) -> bool {
    phrase_in(cx, code, f, &(0..f.text.len().max(1)))
}

/// The matches of `re` in a field that are the writer's own words: not
/// inside a quotation of the notice, a policy or a buyer.
fn own_matches<'t>(re: &Words, text: &'t str) -> Vec<WordMatch<'t>> {
    let quotes = sense::quoted(text);
    re.find_iter(text)
        .filter(|m| !sense::inside(&quotes, &m.range()))
        .collect()
}

/// Is the field a root cause: a draft's cause line, or a case's "why"?
fn is_cause(f: &Field) -> bool {
    f.role == Role::Cause && !matches!(f.id, FieldId::Case(p) if p.key != "why")
}

/// The writer owns a failure of the process in this text ("we had no
/// second check", "our listing process", "we relied on one carrier").
fn names_process_failure(text: &str) -> bool {
    words!(
        r"(?i)\b(?:no|without|lacked|lack of|missing|did not have|didn't have|had no|never had|not have a)\b[^.;]{0,40}?\b(?:check|checks|process|procedure|backup|second|review|control|controls|system|rule|step|verification|record|records|sop|training|alert|alerts|sync|buffer|plan|monitoring|inspection|checklist|limit|tool|template|approval|owner|schedule|stock level|safety stock)\b|\b(?:we|i|our team|nobody|no one)\s+(?:did not|didn't|never|failed to|forgot to|only)\s+(?:\w+\s+)?(?:check|checked|verify|compare|track|confirm|inspect|review|train|set|update|sync|monitor|test|record|keep|have|plan|read)\b|\bour (?:\w+ )?(?:process|procedure|system|workflow|checklist|rule|rules|software|erp|template|sop|policy)\b|\b(?:did not|didn't|never|does not|doesn't) (?:ask|require|check|verify|include|flag|catch|compare|record|alert|warn|stop|block|sync|update)\b|\b(?:we|i) (?:relied|depended) on\b|\bonly (?:one|a single) (?:carrier|supplier|courier|person|shipper|warehouse|employee|source)\b|\bmanual(?:ly)?\b|\bby hand\b|\bnot (?:checked|verified|updated|synced|trained|inspected|compared|recorded)\b"
    )
    .is_match(text)
}

/// What a root cause gives instead of a process failure, with the words.
fn not_a_cause(text: &str) -> Option<(Range<usize>, &'static str)> {
    let person = words!(
        r"(?i)\b(?:new|inexperienced|untrained|temporary|part-time) (?:employee|staff|worker|colleague|hire|operator|assistant|team member)s?\b|\b(?:mistake|error|negligence|fault) (?:of|from|by) (?:the |an |our |a |one )?(?:employee|staff|worker|colleague|operator|packer)s?\b|\b(?:staff|employee|employees|worker|workers|team) (?:did not|didn't) (?:know|understand|notice|realise|realize)\b|\binexperience\b|\b(?:staff|employee|employees|worker|workers|team|colleague)s? (?:is|are|was|were) (?:new|not trained|untrained|inexperienced)\b|\b(?:was|were) (?:inexperienced|untrained|not trained|new to the job)\b"
    );
    let outside = words!(
        r"(?i)\b(?:because of|due to|caused by|owing to|as a result of|affected by)\s+(?:the |a |an |our |some )?(?:unexpected |sudden |heavy |bad |severe |long )?(?:travel|holiday|holidays|vacation|weather|storm|snow|snowstorm|rain|flood|floods|typhoon|hurricane|pandemic|covid|epidemic|strike|strikes|illness|sickness|peak|high season|busy season|chinese new year|spring festival|golden week|prime day|black friday|delay|delays|traffic|customs|port|congestion|surge|influx|large number|too many|increase in orders|lockdown)\b(?:\s+(?:delay|delays|disruption|disruptions|closure|closures|problem|problems|issue|issues))?|\btoo many orders\b|\bpeak (?:sales |shopping |)season\b|\b(?:sudden|unexpected) (?:increase|surge|rise|spike) (?:in|of) (?:orders|sales|demand)\b|\b(?:typhoon|hurricane|snowstorm|snowfall|blizzard|earthquake|floods?|lockdown|pandemic|covid(?:-19)?)\b|\b(?:because of|due to)\s+(?:\w+\s+){0,3}?(?:holiday|holidays|festival|new year|vacation|weather)\b|\bstrikes? (?:of|by|at) (?:the )?\w+|\b(?:because of|due to|during) (?:the )?(?:prime day|prime big deal days|black friday|cyber monday|singles' day|double 11|christmas|holiday season|the holidays)\b|\b(?:orders|sales|demand) (?:increased|grew|rose|doubled|tripled|surged|jumped)\b"
    );
    let symptom = words!(
        r"(?i)\b(?:out of stock|stock-?outs?|(?:shortage|lack) of (?:inventory|stock|goods)|ran out of (?:stock|inventory)|(?:negative|bad|poor) (?:feedback|reviews?|ratings?)|(?:customers?|buyers?) (?:complained|left|gave|filed|opened|were not satisfied|was not satisfied|were unhappy|was unhappy|reported)|(?:was|were|got) lost in (?:the )?(?:mail|post|transit)|arrived (?:with|damaged|broken|late|in a poor)|received (?:a |the )?(?:damaged|broken|wrong|used)|(?:claims?|complaints?) (?:were|was) (?:filed|opened|made|received)|(?:orders?|shipments?|parcels?) (?:were|was) (?:late|delayed|shipped late|not delivered|cancelled|canceled)|(?:stock|inventory) (?:was|were|is) not enough|not enough (?:stock|inventory))\b"
    );
    for (re, what) in [
        (person, "person"),
        (outside, "outside"),
        (symptom, "symptom"),
    ] {
        if let Some(m) = re.find(text) {
            return Some((m.range(), what));
        }
    }
    None
}

/// The writer says an investigation was made ("we made a detailed
/// investigation", "after careful analysis").
fn claims_investigation(text: &str) -> Option<Range<usize>> {
    words!(
        r"(?i)\b(?:made|did|conducted|carried out|performed|completed|done)\s+(?:a |an )?(?:detailed |thorough |full |careful |complete |internal |deep |comprehensive )*(?:investigation|review|analysis|self-examination|self-check|audit|check)\b"
    )
    .find(text)
    .map(|m| m.range())
}

/// C016: a root cause that gives the symptom, an outside event, a person,
/// or an investigation with no finding, instead of a process failure.
pub struct NotACause;

impl Rule for NotACause {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let mut real_causes = 0;
        // The line before each draft line that is a lead-in: a cause listed
        // under "we found these reasons:" is offered as a why.
        let mut listed_reasons = std::collections::HashSet::new();
        let mut reasons_lead_in = false;
        let mut under_reasons = false;
        let names_reasons = words!(r"(?i)\b(?:reasons?|problems?|causes?|issues?|why)\b");
        for f in &cx.doc.fields {
            let opens = f.kind == crate::check::draft::LineKind::LeadIn
                || (f.kind == crate::check::draft::LineKind::Text
                    && f.text.trim_end().ends_with([':', '：']));
            match f.kind {
                _ if opens => {
                    under_reasons = names_reasons.is_match(f.text);
                    reasons_lead_in |= under_reasons && f.role == Role::Cause;
                }
                crate::check::draft::LineKind::Heading => under_reasons = false,
                _ if under_reasons => {
                    listed_reasons.insert(f.id);
                }
                _ => {}
            }
        }
        let offered_as_why = |f: &Field, sentence: &str| {
            matches!(f.id, FieldId::Case(_))
                || !reasons_lead_in
                || listed_reasons.contains(&f.id)
                || words!(r"(?i)\b(?:because|due to|caused by|owing to|as a result|the reason|led to|so that|resulted in|result of)\b").is_match(sentence)
        };
        let causes: Vec<&Field> = cx.doc.statements().filter(|f| is_cause(f)).collect();
        // A symptom told beside a named process failure is the "what" of
        // the cause, and an event followed by what failed in the process is
        // its trigger: neither is flagged then.
        let any_process = causes.iter().any(|f| names_process_failure(f.text));
        for (i, f) in causes.iter().enumerate() {
            let f = *f;
            // In a case only the same root cause's fields count.
            let next_owns = causes.get(i + 1).is_some_and(|g| {
                let same = match (f.id, g.id) {
                    (FieldId::Case(a), FieldId::Case(b)) => a.index == b.index,
                    _ => true,
                };
                same && names_process_failure(g.text)
            });
            if names_process_failure(f.text) {
                real_causes += 1;
                continue;
            }
            let before = out.len();
            let cliche = phrase_anywhere(cx, "C013", f);
            for s in sentences_of(cx, f) {
                let text = &f.text[s.clone()];
                let Some((r, what)) = not_a_cause(text) else {
                    continue;
                };
                if what == "symptom" && (!offered_as_why(f, text) || any_process)
                    || what == "outside" && next_owns
                {
                    continue;
                }
                let r = s.start + r.start..s.start + r.end;
                // A person blamed is said once, by T004.
                let blamed = phrase_in(cx, "T004", f, s) || sense::blame(text).is_some();
                if phrase_in(cx, "C013", f, s)
                    || blamed && what == "person"
                    || sense::negated_within(f.text, r.start, 3)
                {
                    continue;
                }
                let said = &f.text[r.clone()];
                let message = match what {
                    "person" => format!(
                        "\"{said}\" names a person, not a process. Say what let the mistake through: the training, the check or the rule that was missing."
                    ),
                    "outside" => format!(
                        "\"{said}\" is an event outside your control, not a root cause. Say what in your process failed when it happened: the backup, the check or the rule that was missing."
                    ),
                    _ => format!(
                        "\"{said}\" is what happened, not why. A root cause names the step of your process that let it happen (for example: stock was updated by hand once a week, so listings stayed live at zero)."
                    ),
                };
                out.push(Finding::span(me, f, r.start, r.end, message));
                break;
            }
            // A cause that blames, guesses or denies is no cause either.
            let weak = sense::blame(f.text).is_some()
                || !sense::hedges(f.text).is_empty()
                || ["T004", "T006", "T013"]
                    .iter()
                    .any(|c| phrase_anywhere(cx, c, f));
            if out.len() == before
                && !cliche
                && !weak
                && !restates_violation(f.text)
                && claims_investigation(f.text).is_none()
            {
                real_causes += 1;
            }
        }
        if real_causes > 0 {
            return;
        }
        // No cause is stated anywhere: an investigation the letter claims
        // found nothing it tells.
        for f in cx.doc.statements() {
            if let Some(r) = claims_investigation(f.text) {
                out.push(Finding::span(
                    me,
                    f,
                    r.start,
                    r.end,
                    "You say you investigated, but the letter never says what you found. Write the finding: which step failed, for which orders or ASINs, and why.".into(),
                ));
                return;
            }
        }
    }
}

fn restated() -> &'static crate::pattern::Words {
    words!(
        r"(?i)\b(?:root cause|main cause|the cause|the reason)\b[^.;]{0,60}?\b(?:is|was|were|are)\b(?:\s+(?:clearly|simply|just|mainly|due to|because of|the|a|an|our|that we|we))*\s+(?:\w+\s+){0,3}?(?:violat\w*|breach\w*|complaints?|claims?|notice|suspension|deactivation|(?:high |poor )?(?:odr|order defect rate|late shipment rate|cancellation rate|cancel rate)\b)"
    )
}

fn restates_violation(text: &str) -> bool {
    restated().is_match(text)
}

/// C013: the phrase list of clichés, and a root cause that restates the
/// violation ("the root cause was violating the dropshipping policy").
pub struct ClicheRootCause;

impl Rule for ClicheRootCause {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        phrase_findings(me, cx, out);
        let restated = restated();
        for f in cx
            .doc
            .statements()
            .filter(|f| matches!(f.role, Role::Cause | Role::Intro | Role::Explanation))
        {
            if !sense::holds_any(f.text, &["cause", "reason"]) {
                continue;
            }
            for m in restated.find_iter(f.text) {
                if phrase_in(cx, me.code, f, &m.range()) {
                    continue;
                }
                out.push(Finding::span(
                    me,
                    f,
                    m.start(),
                    m.end(),
                    "This gives the violation as its own cause. Say why it happened: which step of your process let it through.".into(),
                ));
            }
        }
    }
}

/// T019: minimising ("only 7 orders", "a minor issue", "it still arrived
/// in time").
pub struct Minimising;

impl Rule for Minimising {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let re = words!(
            r"(?i)\b(?:only|just|merely)\s+(?:had\s+|have\s+|has\s+|sold\s+|shipped\s+|fulfilled\s+|received\s+|affected\s+|involved\s+|got\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of|a handful of|a small number of|a tiny number of|\d[\d,]*)\s+(?:of\s+(?:this|these|the)\b|(?:\w+\s+)?(?:orders?|items?|units?|buyers?|customers?|complaints?|claims?|cases?|parcels?|packages?|listings?|products?|sales|incidents?|asins?|returns?)\b)|\b(?:only|just|merely) (?:\$|€|£|¥|US\$|CA\$|CAD ?|EUR ?|USD ?)\d[\d.,]*|\ba handful of\b|\b(?:a |an )?(?:minor|small|tiny|isolated|rare|one-off|one-time) (?:issue|mistake|problem|incident|error|case|matter)\b|\b(?:still|nevertheless|nonetheless) (?:arrived|reached|arrive|reach|got to|was delivered|were delivered|be delivered|delivered)\b|\bno other (?:customer|customers|buyer|buyers) (?:have|has|had|complained|reported)\b|\b(?:the )?(?:impact|damage|effect) (?:was|is) (?:minor|small|minimal|limited|negligible)\b|\b(?:only|just) (?:a )?(?:small|tiny) (?:part|portion|percentage|fraction)\b"
        );
        for f in cx
            .doc
            .fields
            .iter()
            .filter(|f| f.role.is_prose() && f.role != Role::Evidence)
        {
            for m in own_matches(re, f.text) {
                let before = f.text[..m.start()].trim_end().to_lowercase();
                let after = f.text[m.end()..].trim_start().to_lowercase();
                let compound = [
                    "service", "support", "team", "agent", "account", "person", "carrier",
                    "supplier",
                ]
                .iter()
                .any(|w| after.starts_with(w));
                if before.ends_with("not") || compound {
                    continue;
                }
                out.push(Finding::span(
                    me,
                    f,
                    m.start(),
                    m.end(),
                    format!(
                        "\"{}\" makes the problem sound small, and reviewers read it as minimising. Give the count plainly (\"7 orders were affected\") and say what you did about each.",
                        m.as_str()
                    ),
                ));
            }
        }
    }
}

/// T020: a damaging disclosure: other accounts, stores or violating items
/// nobody asked about.
pub struct DamagingDisclosure;

impl Rule for DamagingDisclosure {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let re = words!(
            r"(?i)\b(?:our|my|its|their) (?:other|second|third|another|sister|backup|old|previous) (?:amazon |seller )?(?:account|accounts|store|stores|shop|shops|seller account)\b|\b(?:another|a second|a third|other) (?:amazon |seller )?(?:account|store|shop)s? (?:that |which )?(?:we|i|my \w+) (?:own|owns|run|runs|operate|have|has|manage|opened|registered)\b|\b(?:we|i) (?:also )?(?:own|run|operate|have|manage|opened|registered) (?:another|a second|other|two|three|several) (?:amazon |seller )?(?:account|store|shop)s?\b|\b(?:several|other|many|some|more) (?:other )?(?:items|products|listings|asins) in (?:our|my) (?:inventory|store|catalog|catalogue|shop) (?:that |which )?(?:also )?(?:violate|infringe|break|are not|do not|may)\b|\b(?:my|our) (?:wife|husband|brother|sister|father|mother|son|daughter|partner|friend|cousin|relative|uncle|aunt)\b[^.;]{0,50}?\b(?:account|accounts|store|shop|sells|seller)\b"
        );
        for f in cx.doc.statements() {
            for m in own_matches(re, f.text) {
                if sense::negated(f.text, m.start()) {
                    continue;
                }
                out.push(Finding::span(
                    me,
                    f,
                    m.start(),
                    m.end(),
                    "This tells Amazon about other accounts, stores or violating items it did not ask about, and can widen the review to them. Leave it out; answer only what the notice asks.".into(),
                ));
            }
        }
    }
}

/// T021: Amazon's question copied as the writer's own heading or sentence
/// ("the actions you have taken", "the issue(s) that you believe caused").
pub struct CopiedFromNotice;

impl Rule for CopiedFromNotice {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let re = words!(
            r"(?i)\b(?:the )?(?:actions|steps) you (?:have taken|took|will take|are taking|plan to take)\b|\b(?:issues?|issues?\(s\)|problems?|root causes?|root cause\(s\)) that you believe\b|\byou believe (?:caused|led)\b|\bcondition of your items\b|\bhow you will prevent\b|\bwhat you (?:have done|will do)\b|\b(?:what|which) (?:actions|steps|measures) (?:have|did|will) you\b|\bwhat is the root cause of\b[^?]{0,60}\byou\b|\bhow (?:will|do) you (?:prevent|ensure|make sure)\b"
        );
        for f in cx
            .doc
            .fields
            .iter()
            .filter(|f| f.role.is_prose() || f.role == Role::Heading)
        {
            if !sense::holds_any(f.text, &["you"]) {
                continue;
            }
            if let Some(m) = own_matches(re, f.text).first() {
                out.push(Finding::span(
                    me,
                    f,
                    m.start(),
                    m.end(),
                    "This is Amazon's question copied as your own words (\"you\", \"your items\"). Write it in your own voice: \"Root cause\", \"The actions we have taken\".".into(),
                ));
            }
        }
    }
}

/// T004: the phrase list of blame, and any sentence that puts the failure
/// on an outside party and owns nothing itself.
pub struct Blame;

impl Rule for Blame {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        phrase_findings(me, cx, out);
        for f in cx.doc.statements() {
            let quotes = sense::quoted(f.text);
            for s in sentences_of(cx, f) {
                let Some((party, r)) = sense::blame(&f.text[s.clone()]) else {
                    continue;
                };
                let r = s.start + r.start..s.start + r.end;
                if phrase_in(cx, me.code, f, s) || sense::inside(&quotes, &r) {
                    continue;
                }
                let what = match party {
                    Party::Staff => "on your staff. Staff work in your process",
                    Party::Amazon => "on Amazon. Amazon holds the seller responsible",
                    _ => {
                        "on someone else. Amazon holds the seller responsible for its buyers' experience"
                    }
                };
                out.push(Finding::span(
                    me,
                    f,
                    r.start,
                    r.end,
                    format!(
                        "\"{}\" puts the failure {what}: say what your own process lacked (for example: no second check before dispatch).",
                        &f.text[r.clone()]
                    ),
                ));
            }
        }
    }
}

/// T006: the phrase list of vague words, and guesses where a root cause
/// or an explanation should state a fact ("could have been", "it would
/// appear", "we think").
pub struct Hedge;

impl Rule for Hedge {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        phrase_findings(me, cx, out);
        for f in cx
            .doc
            .statements()
            .filter(|f| matches!(f.role, Role::Cause | Role::Explanation | Role::Intro))
        {
            let quotes = sense::quoted(f.text);
            let mut last_sentence = None;
            for r in sense::hedges(f.text) {
                let sentence = sense::sentence_at(sentences_of(cx, f), r.start);
                if sentence.is_some() && sentence == last_sentence {
                    continue;
                }
                if phrase_in(cx, me.code, f, &r) || sense::inside(&quotes, &r) {
                    continue;
                }
                last_sentence = sentence;
                out.push(Finding::span(
                    me,
                    f,
                    r.start,
                    r.end,
                    format!(
                        "\"{}\" is a guess. A root cause states what you found, not what may have happened: check the orders and write what did happen.",
                        &f.text[r.clone()]
                    ),
                ));
            }
        }
    }
}

/// T013: the phrase list of denials, and a negated claim about the
/// violation itself ("we were actually not selling counterfeit items",
/// "this account is not ours", "we did not mean to infringe").
pub struct Denial;

impl Rule for Denial {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        if cx.doc.is_dispute() && cx.doc.case.is_some_and(|c| !c.evidence.is_empty()) {
            return;
        }
        phrase_findings(me, cx, out);
        let re = words!(
            r"(?i)\b(?:we|i|our (?:account|store|company|products|items|goods|shop))\b[^.;:]{0,40}?\b(?:never\s+had\s+(?:any\s+)?(?:relation|relationship|connection)|(?:not|never)(?:\s+\w+){0,3}?\s+(?:counterfeit|fake|fakes|inauthentic|knock-?offs?|mean to|meant to|infringe|infringing)|no\s+(?:intention|relationship|association|connection)|not\s+(?:\w+\s+)?(?:related|associated|linked|connected|ours))\b"
        );
        let negation = words!(r"(?i)\b(?:not|never|no)\b");
        let subject = words!(r"(?i)\b(?:we|i|our)\b");
        for f in cx.doc.statements() {
            if !sense::holds_any(f.text, &["not", "never", "no "]) {
                continue;
            }
            for m in own_matches(re, f.text) {
                // Start at the subject nearest the negation: "We only had one
                // and we had no intention" is about the second clause.
                let neg = negation
                    .find(m.as_str())
                    .map_or(m.end(), |n| m.start() + n.start());
                let start = subject
                    .find_iter(&f.text[m.start()..neg])
                    .map(|w| m.start() + w.start())
                    .last()
                    .unwrap_or(m.start());
                let said = f.text[start..m.end()].to_lowercase();
                // "We did not know the item was fake" is ignorance (C013),
                // not denial; "not related to the notice" is no claim.
                if [
                    "know",
                    "check",
                    "realis",
                    "realiz",
                    "notice",
                    "verify",
                    "understand",
                    "rule",
                    "process",
                    "system",
                    "control",
                    "step",
                    "way",
                ]
                .iter()
                .any(|w| said.contains(w))
                    || phrase_in(cx, me.code, f, &m.range())
                {
                    continue;
                }
                out.push(Finding::span(
                    me,
                    f,
                    start,
                    m.end(),
                    format!(
                        "\"{}\" is a denial. Without the cause and the proof it reads as refusing to look: say what you found and attach the documents that show it.",
                        &f.text[start..m.end()]
                    ),
                ));
            }
        }
    }
}
