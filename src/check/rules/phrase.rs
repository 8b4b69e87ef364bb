//! Rules that are nothing but their phrase list (`templates/phrases.yaml`).

use super::phrase_findings;
use crate::check::{Cx, Finding, Meta, Rule};

/// A code whose findings are its phrases.
pub struct PhraseRule;

impl Rule for PhraseRule {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        phrase_findings(me, cx, out);
    }
}
