//! The plain text of each box of the appeal form. Built here rather than in
//! the template so that the character count matches the block exactly.

use serde::Serialize;

use super::Letter;
use super::escape::plain;

#[derive(Debug, Clone, Serialize)]
pub struct FormField {
    pub title: String,
    pub body: String,
    /// Characters (not bytes) in `body`.
    pub chars: usize,
    /// `chars` for people: "1,552".
    pub count: String,
}

impl FormField {
    fn new(title: &str, body: String) -> FormField {
        let body = body.trim_end().to_string();
        let chars = body.chars().count();
        FormField {
            title: title.to_string(),
            chars,
            count: super::thousands(chars as u64),
            body,
        }
    }
}

/// One block per box of the appeal form.
pub fn form_fields(letter: &Letter) -> Vec<FormField> {
    let mut fields = Vec::new();
    // A later letter says first, in its first box, what it follows and
    // what is new.
    let news = letter.resubmission.as_ref().map(|r| {
        let mut s = r.intro.clone();
        for c in &r.changes {
            s.push_str(&format!("\n- {c}"));
        }
        s.push_str("\n\n");
        s
    });
    let news = news.unwrap_or_default();
    if letter.dispute {
        let body = format!(
            "{news}{}\n\n{}",
            letter.opening,
            plain(&letter.explanation, 0)
        );
        fields.push(FormField::new(&letter.sections.explanation, body));
    } else {
        let mut causes = Vec::new();
        for c in &letter.root_causes {
            let mut block = if c.summary.is_empty() {
                format!("Root cause {}", c.n)
            } else {
                format!("Root cause {}: {}", c.n, c.summary)
            };
            for r in &c.rows {
                block.push('\n');
                block.push_str(r.question);
                block.push_str(": ");
                block.push_str(&plain(&r.answer, 2));
            }
            causes.push(block);
        }
        fields.push(FormField::new(
            &letter.sections.root_causes,
            format!("{news}{}", causes.join("\n\n")),
        ));
        let actions: Vec<String> = letter
            .corrective
            .iter()
            .map(|a| item(&format!("{}. ", a.n), &a.text, &a.meta))
            .collect();
        fields.push(FormField::new(
            &letter.sections.corrective,
            actions.join("\n"),
        ));
        let measures: Vec<String> = letter
            .preventive
            .iter()
            .map(|m| item("- ", &m.text, &m.meta))
            .collect();
        fields.push(FormField::new(
            &letter.sections.preventive,
            measures.join("\n"),
        ));
    }
    let mut extra = Vec::new();
    if !letter.dispute {
        extra.push(letter.opening.clone());
    }
    if !letter.evidence.is_empty() {
        let mut docs = String::from("Attached documents:");
        for e in &letter.evidence {
            docs.push_str(&format!("\n- {}: {} ({})", e.id, e.title, e.details));
        }
        extra.push(docs);
    }
    extra.push(plain(&letter.closing, 0));
    let mut sign = letter.signature.name.clone();
    if !letter.signature.role_line.is_empty() {
        sign.push('\n');
        sign.push_str(&letter.signature.role_line);
    }
    sign.push('\n');
    sign.push_str(&letter.signature.store_line);
    extra.push(sign);
    fields.push(FormField::new("Additional information", extra.join("\n\n")));
    fields
}

fn item(marker: &str, text: &str, meta: &str) -> String {
    let pad = marker.chars().count();
    let mut s = format!("{marker}{}", plain(text, pad));
    if !meta.is_empty() {
        s.push('\n');
        s.push_str(&" ".repeat(pad));
        s.push_str(meta);
    }
    s
}
