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
use crate::playbook::{self, Playbook};

struct Vocabulary {
    /// Each playbook's words.
    bags: Vec<(&'static Playbook, Vec<u64>)>,
    /// How much each word says about which playbook it belongs to.
    weight: HashMap<u64, f64>,
}

fn vocabulary() -> &'static Vocabulary {
    static CELL: OnceLock<Vocabulary> = OnceLock::new();
    CELL.get_or_init(|| {
        let bags: Vec<(&'static Playbook, Vec<u64>)> = playbook::all()
            .iter()
            .filter(|p| p.id != "other")
            .map(|p| {
                let mut text = vec![p.title.clone(), p.policy.clone()];
                text.extend(p.keywords.en.iter().cloned());
                text.extend(
                    p.root_causes
                        .iter()
                        .flat_map(|c| [c.summary.en.clone(), c.why.en.clone()]),
                );
                text.extend(p.corrective.iter().map(|a| a.action.en.clone()));
                text.extend(p.preventive.iter().map(|m| m.measure.en.clone()));
                (*p, content_words(&text.join(" ")))
            })
            .collect();
        let mut df: HashMap<u64, usize> = HashMap::new();
        for (_, words) in &bags {
            for w in words {
                *df.entry(*w).or_default() += 1;
            }
        }
        let n = bags.len() as f64;
        let weight = df
            .into_iter()
            .map(|(w, d)| (w, (n / d as f64).ln()))
            .collect();
        Vocabulary { bags, weight }
    })
}

/// The letter's score against each playbook, highest first.
fn scores(words: &[u64]) -> Vec<(&'static Playbook, f64)> {
    let v = vocabulary();
    let mut out: Vec<(&'static Playbook, f64)> = v
        .bags
        .iter()
        .map(|(p, bag)| {
            let s = words
                .iter()
                .filter(|w| bag.binary_search(w).is_ok())
                .map(|w| v.weight.get(w).copied().unwrap_or(0.0))
                .sum();
            (*p, s)
        })
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    out
}

/// C018: the letter answers another violation than its notice names.
pub struct WrongViolation;

impl Rule for WrongViolation {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let Some(named) = cx.doc.playbook.filter(|p| p.id != "other") else {
            return;
        };
        let body: Vec<&str> = cx
            .doc
            .statements()
            .filter(|f| matches!(f.role, Role::Cause | Role::Action | Role::Measure))
            .map(|f| f.text)
            .collect();
        let words = content_words(&body.join(" "));
        if words.len() < 15 {
            return;
        }
        let ranked = scores(&words);
        let Some((best, top)) = ranked.first().copied() else {
            return;
        };
        let own = ranked
            .iter()
            .find(|(p, _)| p.id == named.id)
            .map_or(0.0, |r| r.1);
        // Measured on 66 letters: the two that answer another violation score
        // 0.25 and 0.42 of the best; letters on their own violation 0.63 and up.
        if best.id != named.id && top >= 12.0 && own < top * 0.5 {
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
}
