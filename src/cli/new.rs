//! `poa new FILE [--violation ID] [--from-notice NOTICE.txt] [--dispute]
//! [--marketplace CODE] [--no-edit]`

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::anyhow;

use crate::case::{self, MARKETPLACES, Response};
use crate::notice::{self, Confidence, Reading};
use crate::playbook::{self, Lang, Playbook};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The case file to create (for example my-store.poa.yaml)
    pub file: PathBuf,
    /// The violation id, as `poa playbooks` lists it
    #[arg(long, value_name = "ID")]
    pub violation: Option<String>,
    /// A text file with the notice pasted from Seller Central or the email
    #[arg(long, value_name = "NOTICE.txt")]
    pub from_notice: Option<PathBuf>,
    /// Answer with a dispute (the account did not break the policy) instead of a plan of action
    #[arg(long)]
    pub dispute: bool,
    /// The marketplace code: US CA MX BR UK DE FR IT ES NL SE PL BE TR AE SA IN JP AU SG
    #[arg(long, value_name = "CODE")]
    pub marketplace: Option<String>,
    /// Only write the file; do not open the editor
    #[arg(long)]
    pub no_edit: bool,
    /// The language of the editor's questions and hints: en or zh
    #[arg(long, value_name = "en|zh")]
    pub lang: Option<String>,
}

pub fn marketplace_arg(code: Option<&str>) -> anyhow::Result<String> {
    let Some(code) = code else {
        return Ok(String::new());
    };
    let up = code.trim().to_ascii_uppercase();
    let up = if up == "GB" { "UK".to_string() } else { up };
    if MARKETPLACES.contains(&up.as_str()) {
        Ok(up)
    } else {
        Err(anyhow!(
            "--marketplace {code}: not a marketplace poa knows. Use one of: {}",
            MARKETPLACES.join(" ")
        ))
    }
}

fn describe(reading: &Reading, chosen: &Playbook) -> Vec<String> {
    let mut lines = Vec::new();
    let lang = if reading.language == Lang::Zh {
        "Chinese"
    } else {
        "English"
    };
    match reading.confidence {
        Confidence::Sure => lines.push(format!(
            "Read the notice ({lang}): {} — {}.",
            chosen.id, chosen.title
        )),
        Confidence::NotSure => {
            let other = reading
                .ranking
                .iter()
                .map(|r| r.0)
                .find(|id| *id != chosen.id)
                .and_then(playbook::get);
            lines.push(format!(
                "Read the notice ({lang}), but not sure of the violation: {} — {}.",
                chosen.id, chosen.title
            ));
            if let Some(o) = other {
                lines.push(format!(
                    "It could also be {} — {}. Read the notice again and change notice.violation if that fits better.",
                    o.id, o.title
                ));
            }
        }
        Confidence::NotANotice => lines.push(format!(
            "Using {} — {}, as --violation says.",
            chosen.id, chosen.title
        )),
    }
    let mut facts = vec![
        format!(
            "{} ASIN{}",
            reading.asins.len(),
            if reading.asins.len() == 1 { "" } else { "s" }
        ),
        format!(
            "{} order{}",
            reading.orders.len(),
            if reading.orders.len() == 1 { "" } else { "s" }
        ),
    ];
    facts.push(match reading.received {
        Some(d) => format!("received {}", d.long()),
        None => "no date found: fill in notice.received".into(),
    });
    if let Some(d) = reading.deadline {
        facts.push(format!("answer by {}", d.long()));
    }
    if let (Some(count), Some(total)) = (reading.figures.count, reading.figures.total) {
        facts.push(format!(
            "{} of {} orders{}",
            crate::compose::thousands(count),
            crate::compose::thousands(total),
            reading
                .figures
                .window_days
                .map_or_else(String::new, |d| format!(" over {d} days"))
        ));
    }
    facts.push(format!(
        "{} question{} asked",
        reading.asks.len(),
        if reading.asks.len() == 1 { "" } else { "s" }
    ));
    lines.push(format!("Found: {}.", facts.join(", ")));
    if reading.language == Lang::Zh && !reading.asks.is_empty() {
        lines.push("The notice is in Chinese, so its questions stay in notice.text and the letter uses the standard English section titles.".into());
    }
    lines
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // A link to nowhere is there too: writing would replace the link.
    if args.file.symlink_metadata().is_ok() {
        return Err(anyhow!(
            "{}: already exists, and poa new never writes over a file. Open it with `poa edit {}`, or choose another name",
            crate::case::shown(&args.file),
            crate::case::shown(&args.file)
        ));
    }
    let mut marketplace = marketplace_arg(args.marketplace.as_deref())?;
    let reading = match &args.from_notice {
        Some(path) => {
            let text = case::read_file(
                path,
                "Paste the whole notice from Seller Central or the email into it",
            )?;
            Some((notice::read(&text), text))
        }
        None => None,
    };
    let id: String = match (&args.violation, &reading) {
        // Ids are lower case; `LATE-SHIPMENT-RATE` typed in capitals is meant.
        (Some(v), _) => v.trim().to_ascii_lowercase(),
        (None, Some((r, _))) => match r.violation {
            Some(v) => v.to_string(),
            None => {
                return Err(anyhow!(
                    "{}: this does not read like an Amazon notice: no policy or violation words were found. Paste the whole notice (from Seller Central or the email), or say which violation it is with --violation ID (`poa playbooks` lists the ids)",
                    args.from_notice
                        .as_ref()
                        .map(crate::case::shown)
                        .unwrap_or_default()
                ));
            }
        },
        (None, None) => {
            return Err(anyhow!(
                "say which violation the notice is about: --violation ID (`poa playbooks` lists the ids), or --from-notice NOTICE.txt to read it from the notice"
            ));
        }
    };
    let pb = playbook::get(&id)
        .ok_or_else(|| anyhow!("--violation {id}: {}", playbook::unknown_violation(&id)))?;
    let response = if args.dispute {
        Response::Dispute
    } else {
        pb.response
    };
    if marketplace.is_empty()
        && let Some((r, _)) = &reading
        && let Some(m) = r.marketplace
    {
        marketplace = m.to_string();
    }
    let mut case = playbook::scaffold(pb, response, &marketplace);
    if let Some((r, text)) = &reading {
        notice::apply(&mut case, r, text);
        for line in describe(r, pb) {
            note!("{line}");
        }
    }
    case::save_atomic(&args.file, &case)?;
    note!(
        "Created {} for {} ({}).",
        crate::case::shown(&args.file),
        pb.title,
        if response == Response::Dispute {
            "dispute"
        } else {
            "plan of action"
        }
    );
    if args.no_edit || !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        note!(
            "Next: fill it in with `poa edit {0}`, check it with `poa check {0}`, then `poa render {0} --format pdf`.",
            crate::case::shown(&args.file)
        );
        return Ok(ExitCode::SUCCESS);
    }
    crate::editor::edit(args.file, super::edit::options(args.lang.as_deref())?)?;
    Ok(ExitCode::SUCCESS)
}
