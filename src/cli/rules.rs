//! `poa rules [CODE]`: the check catalogue, or one rule explained.

use std::process::ExitCode;

use anyhow::anyhow;

use crate::check::{self, Checker};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A check code, such as T001
    pub code: Option<String>,
    /// The language of the explanations: en or zh (default: from LANG);
    /// the examples stay English, as the appeal is
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let zh = super::lang_arg(args.lang.as_deref())? == crate::playbook::Lang::Zh;
    let mut text = String::new();
    let Some(code) = args.code else {
        for r in check::catalog() {
            let first = match check::zh(&r.code).filter(|_| zh) {
                Some(c) => c.name.as_str(),
                None => r.finds.split(" (").next().unwrap_or(&r.finds),
            };
            let line = format!(
                "{}  {:<7}  {}",
                r.code,
                r.severity.label(),
                first.trim_end_matches('.')
            );
            text.push_str(&crate::check::text::shorten(&line, 100));
            text.push('\n');
        }
        text.push_str(if zh {
            "\n`poa rules 代码` 解释一个代码，并给出一个差的和一个更好的例子。\n"
        } else {
            "\n`poa rules CODE` explains one code, with a bad and a better example.\n"
        });
        super::emit(&text)?;
        return Ok(ExitCode::SUCCESS);
    };
    let r = check::info(&code).ok_or_else(|| {
        let all = check::catalog();
        let (first, last) = (&all[0].code, &all[all.len() - 1].code);
        anyhow!("`{code}` is not a check code. `poa rules` lists them all ({first} to {last})")
    })?;
    let cn = check::zh(&r.code).filter(|_| zh);
    text.push_str(&format!(
        "{}  {}  ({})\n\n",
        r.code,
        cn.map_or(r.name.as_str(), |c| c.name.as_str()),
        r.severity.label()
    ));
    let sections = match cn {
        Some(c) => [
            ("它查什么", &c.finds),
            ("为什么会影响申诉", &c.why),
            ("差的写法", &r.bad),
            ("更好的写法", &r.good),
        ],
        None => [
            ("What it finds", &r.finds),
            ("Why it hurts an appeal", &r.why),
            ("Bad", &r.bad),
            ("Better", &r.good),
        ],
    };
    for (title, body) in sections {
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
        text.push_str(if zh {
            "它查找的说法，例如（可用 --phrases 加上你自己的）\n"
        } else {
            "Phrases it looks for, for example (templates/phrases.yaml; add your own with --phrases)\n"
        });
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
