//! What a letter is about, against what its notice is about: C018, a
//! letter that answers another violation than the one it names.
//!
//! Each playbook's typical causes, actions, measures and notice words make
//! its vocabulary; a word weighs more the fewer playbooks use it. The
//! letter's causes, actions and measures are scored against every
//! vocabulary. An ODR letter whose causes are sales rank, images and ads
//! scores low for the order defect playbook and high for others.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::check::doc::Role;
use crate::check::text::content_words;
use crate::check::{Cx, Finding, Meta, Rule};
use crate::pattern::Words;
use crate::playbook::{self, Playbook};

struct Vocabulary {
    playbooks: Vec<&'static Playbook>,
    /// For each word (its hash, sorted), the playbooks that use it (by
    /// place in `playbooks`) and how much it says: ln(playbooks /
    /// playbooks using it).
    words: Vec<(u64, Vec<u8>, f64)>,
}

fn vocabulary() -> &'static Vocabulary {
    static CELL: OnceLock<Vocabulary> = OnceLock::new();
    CELL.get_or_init(|| {
        let playbooks: Vec<&'static Playbook> = playbook::all()
            .iter()
            .copied()
            .filter(|p| p.id != "other")
            .collect();
        let mut words: HashMap<u64, (Vec<u8>, f64)> = HashMap::new();
        for (i, p) in playbooks.iter().enumerate() {
            let mut text = vec![p.title.clone(), p.policy.clone()];
            text.extend(p.keywords.en.iter().cloned());
            text.extend(
                p.root_causes
                    .iter()
                    .flat_map(|c| [c.summary.en.clone(), c.why.en.clone()]),
            );
            text.extend(p.corrective.iter().map(|a| a.action.en.clone()));
            text.extend(p.preventive.iter().map(|m| m.measure.en.clone()));
            for w in content_words(&text.join(" ")) {
                words.entry(w).or_default().0.push(i as u8);
            }
        }
        let n = playbooks.len() as f64;
        let mut words: Vec<(u64, Vec<u8>, f64)> = words
            .into_iter()
            .map(|(w, (users, _))| {
                let weight = (n / users.len() as f64).ln();
                (w, users, weight)
            })
            .collect();
        words.sort_unstable_by_key(|w| w.0);
        Vocabulary { playbooks, words }
    })
}

/// The letter's score against each playbook, highest first, from its words
/// sorted as `content_words` gives them.
fn scores(words: &[u64]) -> Vec<(&'static Playbook, f64)> {
    let v = vocabulary();
    let mut sum = vec![0.0; v.playbooks.len()];
    // Both lists are sorted: one walk along the two finds the shared words.
    let mut known = v.words.iter().peekable();
    for w in words {
        while known.next_if(|k| k.0 < *w).is_some() {}
        if let Some((_, users, weight)) = known.next_if(|k| k.0 == *w) {
            for &u in users {
                sum[u as usize] += weight;
            }
        }
    }
    let mut out: Vec<(&'static Playbook, f64)> = v.playbooks.iter().copied().zip(sum).collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    out
}

/// C018: the letter answers another violation than its notice names.
pub struct WrongViolation;

/// The playbook a letter's causes and actions read closest to, when it is
/// another than the one its notice names: (named, closest).
fn other_violation(cx: &Cx) -> Option<(&'static Playbook, &'static Playbook)> {
    *cx.topic.get_or_init(|| read_topic(cx))
}

fn read_topic(cx: &Cx) -> Option<(&'static Playbook, &'static Playbook)> {
    let named = cx.doc.playbook.filter(|p| p.id != "other")?;
    // The words of the causes, actions and measures, each field's as the
    // other rules read them.
    let mut words: Vec<u64> = Vec::new();
    for f in cx
        .doc
        .statements()
        .filter(|f| matches!(f.role, Role::Cause | Role::Action | Role::Measure))
    {
        words.extend_from_slice(&cx.content_words(f.id, f.text));
    }
    words.sort_unstable();
    words.dedup();
    if words.len() < 15 {
        return None;
    }
    let ranked = scores(&words);
    let (best, top) = ranked.first().copied()?;
    let own = ranked
        .iter()
        .find(|(p, _)| p.id == named.id)
        .map_or(0.0, |r| r.1);
    // Measured on 66 letters: the two that answer another violation score
    // 0.25 and 0.42 of the best; letters on their own violation 0.63 and up.
    (best.id != named.id && top >= 12.0 && own < top * 0.5).then_some((named, best))
}

impl Rule for WrongViolation {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let Some((named, best)) = other_violation(cx) else {
            return;
        };
        out.push(Finding::whole(
            me,
            crate::check::FieldId::Document,
            "",
            format!(
                "The letter answers a notice about {}, but its causes and actions are about other things: they read closer to a letter about {}. Write about what the notice names: which orders or items it covers, why it happened in your process, and what you changed.",
                named.title.to_lowercase(),
                best.title.to_lowercase()
            ),
        ));
    }
}

/// What steps that answer no cause are usually about: how the listing
/// looks, marketing, other sales channels. Each with the words that mark a
/// step about it, and the words that show a cause is about it too.
struct Aside {
    what: &'static str,
    step: &'static [&'static str],
    cause: &'static [&'static str],
}

const ASIDES: [Aside; 3] = [
    Aside {
        what: "how the listing looks",
        step: &[
            "main image",
            "main images",
            "listing images",
            "listing image",
            "listing photos",
            "product photos",
            "a+ content",
            "logo",
            "banner",
            "storefront",
            "brand story",
            "bullet points",
            "product video",
            "white background",
        ],
        cause: &[
            "listing",
            "detail page",
            "title",
            "image",
            "photo",
            "picture",
            "description",
            "bullet",
            "keyword",
            "variation",
            "content",
            "trademark",
            "brand",
            "wording",
            "text",
            "claim",
            "search",
            "page",
        ],
    },
    Aside {
        what: "marketing",
        step: &[
            "sponsored",
            "advertising",
            "ads",
            "ad campaign",
            "campaign",
            "promotion",
            "influencer",
            "social media",
        ],
        cause: &[
            "advertis",
            "ads",
            "campaign",
            "promotion",
            "marketing",
            "sponsored",
            "coupon",
            "discount",
            "price",
            "deal",
        ],
    },
    Aside {
        what: "another sales channel",
        step: &[
            "shopify",
            "ebay",
            "etsy",
            "tiktok shop",
            "own website",
            "new website",
            "own shop",
        ],
        cause: &[
            "website", "shopify", "ebay", "etsy", "channel", "own shop", "offline", "tiktok",
        ],
    },
];

/// Each aside's words as two matchers, built once: (a step about it, a
/// cause about it). One pass over a text each, whatever the number of
/// words.
fn matchers() -> &'static [(Words, Words)] {
    static CELL: OnceLock<Vec<(Words, Words)>> = OnceLock::new();
    CELL.get_or_init(|| {
        ASIDES
            .iter()
            .map(|a| (any_of(a.step, true), any_of(a.cause, false)))
            .collect()
    })
}

/// One matcher for any of `words`, as whole words or inside longer ones.
fn any_of(words: &[&str], whole: bool) -> Words {
    let alt: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    let (l, r) = if whole { (r"\b", r"\b") } else { ("", "") };
    Words::new(&format!("(?i){l}(?:{}){r}", alt.join("|")))
}

/// A step about any aside at all: one pass rules out the many steps that
/// are about none.
fn any_step() -> &'static Words {
    static CELL: OnceLock<Words> = OnceLock::new();
    CELL.get_or_init(|| {
        let all: Vec<&str> = ASIDES.iter().flat_map(|a| a.step.iter().copied()).collect();
        any_of(&all, true)
    })
}

/// C017: a step about something no cause mentions: new images for a
/// packaging fault, a logo for drop shipping, a website for cancellations.
pub struct AnswersNoCause;

impl Rule for AnswersNoCause {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let causes: Vec<&str> = cx
            .doc
            .statements()
            .filter(|f| f.role == Role::Cause)
            .map(|f| f.text)
            .collect();
        // A letter on another violation altogether is C018's to say.
        if causes.is_empty() || other_violation(cx).is_some() {
            return;
        }
        let causes = causes.join(" ");
        // A cause word may stand inside a longer word ("advertising").
        let asides: Vec<(&Aside, &Words)> = ASIDES
            .iter()
            .zip(matchers())
            .filter(|(_, (_, cause))| !cause.is_match(&causes))
            .map(|(a, (step, _))| (a, step))
            .collect();
        if asides.is_empty() {
            return;
        }
        for f in cx
            .doc
            .statements()
            .filter(|f| matches!(f.role, Role::Action | Role::Measure))
            .filter(|f| any_step().is_match(f.text))
        {
            let Some((what, word)) = asides.iter().find_map(|(a, step)| {
                step.find(f.text)
                    .map(|m| (a.what, m.as_str().to_lowercase()))
            }) else {
                continue;
            };
            out.push(Finding::whole(
                me,
                f.id,
                f.text,
                format!(
                    "This step is about {what} (\"{word}\"), which none of your root causes mentions. Say which cause it fixes, or replace it with a step that changes what went wrong."
                ),
            ));
        }
    }
}
