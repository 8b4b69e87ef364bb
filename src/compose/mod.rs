//! From a case to the documents: the letter as Markdown (Tera templates
//! under `templates/`, embedded, overridable by a folder) and the plain text
//! for the appeal form.
//!
//! Pure: takes the case, its playbook and the letter's date; returns text.
//! It reads no file and no clock (the CLI passes the override templates in).

pub mod escape;
mod form;
mod letter;

pub use form::{FormField, form_fields};
pub use letter::{Letter, letter};

use crate::case::Case;
use crate::playbook::{self, Playbook};

/// The embedded templates: (name, source).
pub const TEMPLATES: [(&str, &str); 2] = [
    ("letter.md", include_str!("../../templates/letter.md")),
    ("form.txt", include_str!("../../templates/form.txt")),
];

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error("`{field}` is empty, and the letter cannot be made without it. {hint}")]
    Missing { field: String, hint: &'static str },
    #[error("notice.violation `{id}`: {}", crate::playbook::unknown_violation(.id))]
    UnknownViolation { id: String },
    #[error("template {name}: {detail}")]
    Template { name: String, detail: String },
    /// The PDF writer refused the pages (a font it cannot read, a PDF/A
    /// rule broken); the case is untouched.
    #[error(
        "the PDF could not be written ({detail}); the case file is unchanged. Try without --pdfa, or export the Markdown or the form text"
    )]
    Pdf { detail: String },
}

impl ComposeError {
    /// The case field the error is about, for pointing at its line.
    pub fn field(&self) -> Option<&str> {
        match self {
            ComposeError::Missing { field, .. } => Some(field),
            ComposeError::UnknownViolation { .. } => Some("notice.violation"),
            ComposeError::Template { .. } | ComposeError::Pdf { .. } => None,
        }
    }
}

/// Templates to render with: the embedded ones, with any the writer gives
/// (name, source) put in their place.
pub struct Templates {
    tera: tera::Tera,
}

impl Templates {
    pub fn embedded() -> Templates {
        Templates::with_overrides(&[]).expect("embedded templates compile")
    }

    /// `overrides` are (name, source) pairs, such as a `letter.md` read from
    /// the folder given with `--templates`.
    pub fn with_overrides(overrides: &[(String, String)]) -> Result<Templates, ComposeError> {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(Vec::<&'static str>::new());
        register_filters(&mut tera);
        for (name, src) in TEMPLATES {
            let src = overrides
                .iter()
                .find(|(n, _)| n == name)
                .map_or(src, |(_, s)| s.as_str());
            tera.add_raw_template(name, src)
                .map_err(|e| ComposeError::Template {
                    name: name.to_string(),
                    detail: tera_detail(&e),
                })?;
        }
        Ok(Templates { tera })
    }

    fn render(&self, name: &str, ctx: &tera::Context) -> Result<String, ComposeError> {
        self.tera
            .render(name, ctx)
            .map_err(|e| ComposeError::Template {
                name: name.to_string(),
                detail: tera_detail(&e),
            })
    }

    /// The letter as Markdown.
    pub fn markdown(&self, letter: &Letter) -> Result<String, ComposeError> {
        let ctx = tera::Context::from_serialize(letter).map_err(|e| ComposeError::Template {
            name: "letter.md".into(),
            detail: tera_detail(&e),
        })?;
        let mut md = self.render("letter.md", &ctx)?;
        tidy_blank_lines(&mut md);
        Ok(md)
    }

    /// The plain text for the appeal form.
    pub fn form_text(&self, letter: &Letter) -> Result<String, ComposeError> {
        let fields = form_fields(letter);
        let mut ctx =
            tera::Context::from_serialize(letter).map_err(|e| ComposeError::Template {
                name: "form.txt".into(),
                detail: tera_detail(&e),
            })?;
        ctx.insert("fields", &fields);
        let mut text = self.render("form.txt", &ctx)?;
        tidy_blank_lines(&mut text);
        Ok(text)
    }
}

fn tera_detail(e: &tera::Error) -> String {
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(inner) = src {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    s
}

fn register_filters(tera: &mut tera::Tera) {
    tera.register_filter("md_inline", |v: &str, _: tera::Kwargs, _: &tera::State| {
        escape::value(v)
    });
    tera.register_filter(
        "md_block",
        |v: &str, kw: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            let indent = kw.get::<i64>("indent")?.unwrap_or(0).clamp(0, 16) as usize;
            Ok(escape::block(v, indent))
        },
    );
    tera.register_filter("md_cell", |v: &str, _: tera::Kwargs, _: &tera::State| {
        escape::cell(v)
    });
    tera.register_filter(
        "plain",
        |v: &str, kw: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            let indent = kw.get::<i64>("indent")?.unwrap_or(0).clamp(0, 16) as usize;
            Ok(escape::plain(v, indent))
        },
    );
}

/// At most one blank line in a row, and one newline at the end.
fn tidy_blank_lines(s: &mut String) {
    let mut out = String::with_capacity(s.len());
    let mut blanks = 0;
    for line in s.lines() {
        if line.trim().is_empty() {
            blanks += 1;
            if blanks > 1 || out.is_empty() {
                continue;
            }
            out.push('\n');
        } else {
            blanks = 0;
            out.push_str(line.trim_end_matches(' '));
            out.push('\n');
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    *s = out;
}

/// The playbook of a case, or the error that stops a document.
pub fn playbook_of(case: &Case) -> Result<&'static Playbook, ComposeError> {
    let id = case.notice.violation.trim();
    if id.is_empty() {
        return Err(ComposeError::Missing {
            field: "notice.violation".into(),
            hint: "Write the violation id from `poa playbooks`, for example late-shipment-rate",
        });
    }
    playbook::get(id).ok_or_else(|| ComposeError::UnknownViolation { id: id.to_string() })
}

/// "1,200".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1200), "1,200");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
