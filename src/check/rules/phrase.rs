//! Rules that are nothing but their phrase list (`templates/phrases.yaml`).

use super::phrase_findings;
use crate::check::{Cx, Finding, Rule};

/// A code whose findings are its phrases.
pub struct PhraseRule(pub &'static str);

impl Rule for PhraseRule {
    fn code(&self) -> &'static str {
        self.0
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        phrase_findings(cx, self.0, out);
    }
}
