//! `poa new FILE [--violation ID] [--from-notice NOTICE.txt] [--dispute]
//! [--marketplace CODE] [--no-edit]`

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::anyhow;

use crate::case::{self, Case, MARKETPLACES, Response};
use crate::playbook::{self, Playbook};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The case file to create (for example my-store.poa.yaml)
    pub file: PathBuf,
    /// The violation id, as `poa playbooks` lists it
    #[arg(long, value_name = "ID")]
    pub violation: Option<String>,
    /// Answer with a dispute (the account did not break the policy) instead of a plan of action
    #[arg(long)]
    pub dispute: bool,
    /// The marketplace code: US CA MX BR UK DE FR IT ES NL SE PL BE TR AE SA IN JP AU SG
    #[arg(long, value_name = "CODE")]
    pub marketplace: Option<String>,
    /// Only write the file; do not open the editor
    #[arg(long)]
    pub no_edit: bool,
}

/// A new case scaffolded from a playbook.
pub fn scaffold(pb: &Playbook, response: Response, marketplace: &str) -> Case {
    let mut case = Case::new();
    case.seller.marketplace = marketplace.to_string();
    case.notice.violation = pb.id.clone();
    case.notice.response = response;
    if let Some(m) = &pb.metric {
        case.metrics.push(case::Metric {
            metric: m.id.clone(),
            window_days: Some(m.window_days),
            ..Default::default()
        });
    }
    if response == Response::PlanOfAction {
        case.root_causes.push(Default::default());
        case.corrective_actions.push(Default::default());
        case.preventive_measures.push(Default::default());
    }
    let mut n = 0;
    for spec in pb.evidence_for(response).iter().filter(|e| e.required) {
        n += 1;
        case.evidence.push(case::Evidence {
            id: format!("E{n}"),
            title: spec.title.en.clone(),
            kind: spec.kind,
            ..Default::default()
        });
    }
    case
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

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.file.exists() {
        return Err(anyhow!(
            "{}: already exists, and poa new never writes over a file. Open it with `poa edit {}`, or choose another name",
            args.file.display(),
            args.file.display()
        ));
    }
    let marketplace = marketplace_arg(args.marketplace.as_deref())?;
    let Some(id) = args.violation.as_deref() else {
        return Err(anyhow!(
            "say which violation the notice is about: --violation ID (`poa playbooks` lists the ids)"
        ));
    };
    let pb = playbook::get(id).ok_or_else(|| {
        anyhow!(
            "--violation {id}: not a violation poa knows. Use one of: {}",
            playbook::ids().join(", ")
        )
    })?;
    let response = if args.dispute {
        Response::Dispute
    } else {
        pb.response
    };
    let case = scaffold(pb, response, &marketplace);
    case::save_atomic(&args.file, &case)?;
    eprintln!(
        "Created {} for {} ({}).",
        args.file.display(),
        pb.title,
        if response == Response::Dispute {
            "dispute"
        } else {
            "plan of action"
        }
    );
    eprintln!(
        "Next: fill it in, check it with `poa check {0}`, then `poa render {0}`.",
        args.file.display()
    );
    Ok(ExitCode::SUCCESS)
}
