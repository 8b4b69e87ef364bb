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
pub(crate) use letter::and_list;
pub use letter::{Letter, Resubmission, letter};

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
    /// The Word file could not be packed; the case is untouched.
    #[error(
        "the Word file could not be written ({detail}); the case file is unchanged. Export the PDF or the Markdown instead"
    )]
    Docx { detail: String },
}

impl ComposeError {
    /// The case field the error is about, for pointing at its line.
    pub fn field(&self) -> Option<&str> {
        match self {
            ComposeError::Missing { field, .. } => Some(field),
            ComposeError::UnknownViolation { .. } => Some("notice.violation"),
            ComposeError::Template { .. }
            | ComposeError::Pdf { .. }
            | ComposeError::Docx { .. } => None,
        }
    }
}

/// Templates to render with: the embedded ones, with any the writer gives
/// (name, source) put in their place.
pub struct Templates {
    tera: tera::Tera,
    /// A writer's template is in the set: it renders on a thread of its
    /// own, given up after [`RENDER_LIMIT`].
    custom: bool,
}

/// How long a writer's template may take: loops in loops over one
/// `range` (whose numbers the budget counts once) can run for hours with
/// no output to stop them.
pub const RENDER_LIMIT: std::time::Duration = std::time::Duration::from_secs(10);

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
        Ok(Templates {
            tera,
            custom: !overrides.is_empty(),
        })
    }

    /// Renders one template within bounds: at most [`RANGE_BUDGET`]
    /// numbers from `range` in all, and at most [`OUTPUT_LIMIT`] bytes of
    /// text, so a writer's template with loops in loops stops with a
    /// message instead of running for hours.
    fn render(&self, name: &str, ctx: &tera::Context) -> Result<String, ComposeError> {
        if !self.custom {
            return render_bounded(&self.tera, name, ctx);
        }
        // A writer's template: on a thread that is left behind (the command
        // then ends) when it runs past the limit.
        let (tera, owned, key) = (self.tera.clone(), ctx.clone(), name.to_string());
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(render_bounded(&tera, &key, &owned));
        });
        rx.recv_timeout(RENDER_LIMIT)
            .unwrap_or_else(|_| {
                Err(ComposeError::Template {
                    name: name.to_string(),
                    detail: format!(
                        "it ran for more than {} seconds without finishing; check its loops (a loop inside a loop inside a loop runs millions of times)",
                        RENDER_LIMIT.as_secs()
                    ),
                })
            })
    }
}

/// Renders one template within bounds: at most [`RANGE_BUDGET`] numbers
/// from `range` in all, and at most [`OUTPUT_LIMIT`] bytes of text.
fn render_bounded(
    tera: &tera::Tera,
    name: &str,
    ctx: &tera::Context,
) -> Result<String, ComposeError> {
    RANGE_LEFT.with(|left| left.set(RANGE_BUDGET));
    let mut out = Capped::default();
    let result = tera.render_to(name, ctx, &mut out);
    let fail = |detail: String| ComposeError::Template {
        name: name.to_string(),
        detail,
    };
    if out.full {
        return Err(fail(format!(
            "the document would be longer than {} MB; check the template's loops",
            OUTPUT_LIMIT >> 20
        )));
    }
    result.map_err(|e| fail(tera_detail(&e)))?;
    String::from_utf8(out.bytes)
        .map_err(|_| fail("the template wrote text that is not UTF-8".into()))
}

impl Templates {
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

/// The numbers `range` may give in one render, all calls together. Tera
/// bounds each call (100,000) but not a loop inside a loop; a letter's
/// template needs a few dozen.
const RANGE_BUDGET: usize = 100_000;

/// The longest document a template may write: a letter is tens of KB.
const OUTPUT_LIMIT: usize = 16 << 20;

thread_local! {
    /// What is left of [`RANGE_BUDGET`] in the render on this thread.
    static RANGE_LEFT: std::cell::Cell<usize> = const { std::cell::Cell::new(RANGE_BUDGET) };
}

/// Tera's `range(start=0, end, step_by=1)`, charged to the render's budget.
fn range(kw: tera::Kwargs, _: &tera::State) -> tera::TeraResult<Vec<i64>> {
    let start = kw.get::<i64>("start")?.unwrap_or(0);
    let end = kw.must_get::<i64>("end")?;
    let step = kw.get::<i64>("step_by")?.unwrap_or(1);
    if step == 0 {
        return Err(tera::Error::message("range: step_by cannot be 0"));
    }
    let span = if step > 0 {
        i128::from(end) - i128::from(start)
    } else {
        i128::from(start) - i128::from(end)
    };
    let len = if span <= 0 {
        0
    } else {
        (span + i128::from(step.unsigned_abs()) - 1) / i128::from(step.unsigned_abs())
    };
    let left = RANGE_LEFT.with(|l| l.get());
    // An empty range still costs one: a loop of empty loops is work too.
    let cost = usize::try_from(len).unwrap_or(usize::MAX).max(1);
    if cost > left {
        return Err(tera::Error::message(format!(
            "range: the template's loops ask for more than {RANGE_BUDGET} numbers in all; a letter needs far fewer"
        )));
    }
    RANGE_LEFT.with(|l| l.set(left - cost));
    Ok((0..len as i64).map(|i| start + i * step).collect())
}

/// A buffer that refuses to grow past [`OUTPUT_LIMIT`].
#[derive(Default)]
struct Capped {
    bytes: Vec<u8>,
    full: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > OUTPUT_LIMIT {
            self.full = true;
            return Err(std::io::Error::other("the document is too long"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
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
    tera.register_function("range", range);
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
