//! `poa import DRAFT.md|.txt|.docx [-o FILE]`: a finished draft split into a case
//! file by its headings, so a draft written elsewhere joins the guided flow.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::anyhow;

use crate::case;
use crate::check::Draft;
use crate::import::case_from_draft;
use crate::playbook;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The draft (.txt, .md, or a Word document .docx)
    pub draft: PathBuf,
    /// The case file to write (default: the draft's name with .poa.yaml)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The violation id, as `poa playbooks` lists it
    #[arg(long, value_name = "ID")]
    pub violation: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let name = args.draft.to_string_lossy();
    if name.ends_with(".poa.yaml") {
        return Err(anyhow!(
            "{}: is already a case file, not a draft to import. Open it with `poa edit {}`, or check it with `poa check {}`",
            case::visible(&name),
            case::visible(&name),
            case::visible(&name)
        ));
    }
    let text = case::read_file(&args.draft, "Write or paste the appeal into it first")?;
    // A draft saved with CR line breaks alone is many lines, not one.
    let text = case::TextForm::read(&text).1;
    let out = args.output.clone().unwrap_or_else(|| {
        let stem = args
            .draft
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "draft".into());
        args.draft.with_file_name(format!("{stem}.poa.yaml"))
    });
    // A link to nowhere is there too: writing would replace the link.
    if out.symlink_metadata().is_ok() {
        return Err(anyhow!(
            "{}: already exists, and poa import never writes over a file. Choose another name with -o",
            crate::case::shown(&out)
        ));
    }
    if let Some(v) = &args.violation
        && playbook::get(v).is_none()
    {
        return Err(anyhow!(
            "--violation {v}: {}",
            playbook::unknown_violation(v)
        ));
    }
    let draft = Draft::parse(&text);
    if !draft.has_structure() {
        return Err(anyhow!(
            "{}: no section headings found (such as \"Root cause\", \"Corrective actions\", \"Preventive measures\"), so the draft cannot be split. Add the headings, then import again",
            crate::case::shown(&args.draft)
        ));
    }
    let case = case_from_draft(&text, args.violation.as_deref());
    case::save_atomic(&out, &case)?;
    note!(
        "Imported {} into {}: {} root cause{}, {} corrective action{}, {} preventive measure{}, {} document{}.",
        crate::case::shown(&args.draft),
        crate::case::shown(&out),
        case.root_causes.len(),
        s(case.root_causes.len()),
        case.corrective_actions.len(),
        s(case.corrective_actions.len()),
        case.preventive_measures.len(),
        s(case.preventive_measures.len()),
        case.evidence.len(),
        s(case.evidence.len()),
    );
    if !case.notes.is_empty() {
        note!(
            "Text that fits no section (introduction, signature) is kept under notes, which is never rendered."
        );
    }
    note!(
        "Next: fill in the seller and notice, and split each root cause into what, when, where, who, why and how: `poa check {}` lists what is missing.",
        crate::case::shown(&out)
    );
    Ok(ExitCode::SUCCESS)
}

fn s(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
