//! `poa rules [CODE]`: the check catalogue, or one rule explained.

use std::process::ExitCode;

use anyhow::anyhow;

use crate::check::{self, Checker};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A check code, such as T001
    pub code: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut text = String::new();
    let Some(code) = args.code else {
        for r in check::catalog() {
            let first = r.finds.split(" (").next().unwrap_or(&r.finds);
            let line = format!(
                "{}  {:<7}  {}",
                r.code,
                r.severity.label(),
                first.trim_end_matches('.')
            );
            text.push_str(&crate::check::text::shorten(&line, 100));
            text.push('\n');
        }
        text.push_str("\n`poa rules CODE` explains one code, with a bad and a better example.\n");
        super::emit(&text)?;
        return Ok(ExitCode::SUCCESS);
    };
    let r = check::info(&code).ok_or_else(|| {
        anyhow!("`{code}` is not a check code. `poa rules` lists them all (C001 to T018)")
    })?;
    text.push_str(&format!(
        "{}  {}  ({})\n\n",
        r.code,
        r.name,
        r.severity.label()
    ));
    for (title, body) in [
        ("What it finds", &r.finds),
        ("Why it hurts an appeal", &r.why),
        ("Bad", &r.bad),
        ("Better", &r.good),
    ] {
        text.push_str(title);
        text.push('\n');
        text.push_str(&super::playbooks::wrap(body, 78, "  ", "  "));
        text.push('\n');
    }
    let phrases = Checker::standard().phrases().phrases_of(&r.code);
    if !phrases.is_empty() {
        // One plain example of each phrase ("(a|b) c" shows as "a c").
        let examples: Vec<String> = phrases
            .iter()
            .filter_map(|p| crate::check::phrases::example(p))
            .map(|p| format!("\"{p}\""))
            .collect();
        let shown = &examples[..examples.len().min(12)];
        let more = if examples.len() > shown.len() {
            format!(", and {} more", examples.len() - shown.len())
        } else {
            String::new()
        };
        text.push_str("Phrases it looks for, for example (templates/phrases.yaml; add your own with --phrases)\n");
        text.push_str(&super::playbooks::wrap(
            &format!("{}{more}", shown.join(", ")),
            78,
            "  ",
            "  ",
        ));
    }
    super::emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
