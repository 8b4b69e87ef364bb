//! Resubmissions: `poa submit` keeps the letter sent, `poa rejected`
//! records Amazon's reply, `poa diff` says what changed field by field,
//! the next letter opens by saying what is new, and C019 warns when a
//! letter repeats the one that was turned down.

use std::path::Path;
use std::process::Output;

mod common;
use common::poa;

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "poa failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A folder with the late-shipment example as `late.poa.yaml`, with a
/// comment of the writer's at its head.
fn case_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/late-shipment.poa.yaml");
    let text = std::fs::read_to_string(example).unwrap();
    std::fs::write(
        dir.path().join("late.poa.yaml"),
        format!("# Client: Harbor Lane, call Daniel before sending\n{text}"),
    )
    .unwrap();
    dir
}

fn edit(dir: &Path, f: impl FnOnce(&mut poa::case::Case)) {
    let path = dir.join("late.poa.yaml");
    let mut case =
        poa::case::from_yaml(&std::fs::read_to_string(&path).unwrap(), "late.poa.yaml").unwrap();
    f(&mut case);
    poa::case::save_atomic(&path, &case).unwrap();
}

fn codes(dir: &Path) -> Vec<String> {
    let out = poa(
        &[
            "check",
            "late.poa.yaml",
            "--format",
            "json",
            "--today",
            "2026-11-26",
        ],
        dir,
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut codes = Vec::new();
    let files = json["files"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| vec![json.clone()]);
    for f in files {
        for finding in f["findings"].as_array().unwrap() {
            codes.push(finding["code"].as_str().unwrap().to_string());
        }
    }
    codes
}

/// The letter kept as sent on `day`: the case as it was on disk (the
/// writer's comment with it), returned, and its letter as Markdown.
fn kept_on(dir: &Path, day: &str) -> String {
    let folder = dir.join("late.submitted");
    let copy = std::fs::read_to_string(folder.join(format!("{day}.poa.yaml"))).unwrap();
    assert!(copy.starts_with("# Client: Harbor Lane"));
    let letter = std::fs::read_to_string(folder.join(format!("{day}.md"))).unwrap();
    assert!(letter.starts_with("# Plan of Action"));
    copy
}

#[test]
fn a_letter_sent_is_kept_with_its_case_and_never_overwritten() {
    let dir = case_dir();
    let said = poa(
        &["submit", "late.poa.yaml", "--date", "2026-11-20"],
        dir.path(),
    );
    ok(&said);
    let folder = dir.path().join("late.submitted");
    let copy = kept_on(dir.path(), "2026-11-20");
    assert!(String::from_utf8_lossy(&said.stderr).contains("poa rejected late.poa.yaml"));
    // A second letter the same day is a second file.
    ok(&poa(
        &["submit", "late.poa.yaml", "--date", "2026-11-20"],
        dir.path(),
    ));
    assert!(folder.join("2026-11-20-2.poa.yaml").exists());
    assert_eq!(
        std::fs::read_to_string(folder.join("2026-11-20.poa.yaml")).unwrap(),
        copy
    );
}

#[test]
fn exporting_the_letter_sent_keeps_it_and_a_draft_is_never_kept() {
    let dir = case_dir();
    let folder = dir.path().join("late.submitted");
    // A draft is not what Amazon gets: refused before anything is written.
    let out = poa(
        &[
            "render",
            "late.poa.yaml",
            "--format",
            "pdf",
            "--submit",
            "--draft",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!folder.exists() && !dir.path().join("late.pdf").exists());
    // The PDF sent: written, and its letter kept as poa submit keeps it.
    let out = poa(
        &[
            "render",
            "late.poa.yaml",
            "--format",
            "pdf",
            "--submit",
            "--date",
            "2026-11-20",
        ],
        dir.path(),
    );
    ok(&out);
    assert!(dir.path().join("late.pdf").exists());
    kept_on(dir.path(), "2026-11-20");
    assert!(String::from_utf8_lossy(&out.stderr).contains("Recorded letter 1"));
    // Without --submit, an export keeps nothing.
    ok(&poa(
        &["render", "late.poa.yaml", "--format", "docx"],
        dir.path(),
    ));
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 2);
}

#[test]
fn diff_says_field_by_field_what_changed() {
    let dir = case_dir();
    // Nothing sent yet: said so, with what to do.
    let out = poa(&["diff", "late.poa.yaml"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("poa submit late.poa.yaml"));

    ok(&poa(
        &["submit", "late.poa.yaml", "--date", "2026-11-20"],
        dir.path(),
    ));
    let same = ok(&poa(&["diff", "late.poa.yaml"], dir.path()));
    assert!(same.contains("Nothing has changed"), "{same}");

    edit(dir.path(), |c| {
        c.root_causes[0].why = "The evening pickup left at 17:00, before our one daily confirmation at 19:00, and no one checked the confirmation report.".into();
        // A new first action: the old ones move down, and are not "changed".
        let mut new = c.corrective_actions[0].clone();
        new.action =
            "Trained the 4 packers on the new confirmation step on 25 November 2026.".into();
        c.corrective_actions.insert(0, new);
        c.preventive_measures.pop();
    });
    let text = ok(&poa(&["diff", "late.poa.yaml"], dir.path()));
    assert!(
        text.contains("changes since the letter sent on 20 November 2026"),
        "{text}"
    );
    assert!(text.contains("Root cause 1 · Why: changed"), "{text}");
    assert!(
        text.contains("now: The evening pickup left at 17:00"),
        "{text}"
    );
    assert!(text.contains("Corrective action 1: new"), "{text}");
    assert!(
        !text.contains("Corrective action 2"),
        "a moved action is not a change: {text}"
    );
    assert!(text.contains(": removed"), "{text}");
    assert!(!text.contains("Seller ·"), "{text}");

    let json = ok(&poa(
        &["diff", "late.poa.yaml", "--format", "json"],
        dir.path(),
    ));
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["since"], "2026-11-20");
    let changes = json["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 3, "{changes:?}");
    assert!(changes.iter().any(|c| c["kind"] == "changed"
        && c["section"] == "root_causes"
        && c["key"] == "why"
        && c["item"] == 0));
}

#[test]
fn the_letter_after_a_rejection_says_what_is_new() {
    let dir = case_dir();
    ok(&poa(
        &["submit", "late.poa.yaml", "--date", "2026-11-20"],
        dir.path(),
    ));
    // Sent, not turned down: exporting again is the same letter.
    let first = ok(&poa(&["render", "late.poa.yaml", "-o", "-"], dir.path()));
    assert!(!first.contains("second plan of action"), "{first}");

    std::fs::write(
        dir.path().join("reply.txt"),
        "Dear Seller,\r\nYour plan of action did not explain the root cause of the late shipments.\r\n",
    )
    .unwrap();
    ok(&poa(
        &[
            "rejected",
            "late.poa.yaml",
            "--date",
            "2026-11-24",
            "--reply",
            "reply.txt",
        ],
        dir.path(),
    ));
    let saved = std::fs::read_to_string(dir.path().join("late.poa.yaml")).unwrap();
    assert!(
        saved.starts_with("# Client: Harbor Lane"),
        "the comment is kept"
    );
    let case = poa::case::from_yaml(&saved, "late.poa.yaml").unwrap();
    assert_eq!(case.rejections.len(), 1);
    assert_eq!(case.rejections[0].on.to_string(), "2026-11-24");
    assert!(
        case.rejections[0]
            .reply
            .contains("did not explain the root cause")
    );
    assert!(!case.rejections[0].reply.contains('\r'));

    edit(dir.path(), |c| {
        c.root_causes[0].why = "The evening pickup left at 17:00, before our one daily confirmation at 19:00, and no one checked the confirmation report.".into();
        let mut new = c.corrective_actions[0].clone();
        new.action =
            "Trained the 4 packers on the new confirmation step on 25 November 2026.".into();
        c.corrective_actions.push(new);
    });
    let md = ok(&poa(&["render", "late.poa.yaml", "-o", "-"], dir.path()));
    assert!(md.contains("This is our second plan of action for this notice. It answers your reply of 24 November 2026 to our letter of 20 November 2026. What is new in it:"), "{md}");
    assert!(md.contains("- Root cause 1 ("), "{md}");
    assert!(md.contains("revised why it happened"), "{md}");
    assert!(
        md.contains("- A new corrective action: Trained the 4 packers"),
        "{md}"
    );
    // Before the letter's sections, where the reviewer starts reading.
    assert!(md.find("What is new").unwrap() < md.find("## 1.").unwrap());
    // The appeal form's first box says it too.
    let form = ok(&poa(
        &["render", "late.poa.yaml", "--format", "txt", "-o", "-"],
        dir.path(),
    ));
    let first_box = form.split("==== 2.").next().unwrap();
    assert!(
        first_box.contains("This is our second plan of action"),
        "{form}"
    );
}

#[test]
fn c019_warns_when_a_letter_repeats_the_one_turned_down() {
    let dir = case_dir();
    ok(&poa(
        &["submit", "late.poa.yaml", "--date", "2026-11-20"],
        dir.path(),
    ));
    // Sent but not turned down: nothing to repeat.
    assert!(!codes(dir.path()).contains(&"C019".to_string()));
    ok(&poa(
        &["rejected", "late.poa.yaml", "--date", "2026-11-24"],
        dir.path(),
    ));
    let fired = codes(dir.path());
    let c019 = fired.iter().filter(|c| *c == "C019").count();
    // Each root cause, and the plan as a whole: not one per field.
    let causes = poa::case::from_yaml(
        &std::fs::read_to_string(dir.path().join("late.poa.yaml")).unwrap(),
        "late.poa.yaml",
    )
    .unwrap()
    .root_causes
    .len();
    assert_eq!(c019, causes + 1, "{fired:?}");

    // The near miss: every cause revised and a new action. The actions
    // already done may stay as they were.
    edit(dir.path(), |c| {
        for (i, r) in c.root_causes.iter_mut().enumerate() {
            r.why = format!(
                "Cause {i}: the evening pickup left at 17:00, before our one daily confirmation at 19:00."
            );
        }
        let mut new = c.corrective_actions[0].clone();
        new.action =
            "Trained the 4 packers on the new confirmation step on 25 November 2026.".into();
        c.corrective_actions.push(new);
    });
    let fired = codes(dir.path());
    assert!(!fired.contains(&"C019".to_string()), "{fired:?}");
}

#[test]
fn the_report_tells_letters_sent_and_turned_down_and_leaves_the_copies_out() {
    let dir = case_dir();
    let report = |dir: &Path| -> serde_json::Value {
        let out = poa(
            &["report", "--format", "json", "--today", "2026-11-26"],
            dir,
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let v = report(dir.path());
    assert_eq!(v["cases"][0]["letters_sent"], 0);
    ok(&poa(
        &["submit", "late.poa.yaml", "--date", "2026-11-20"],
        dir.path(),
    ));
    let v = report(dir.path());
    // One row: the copy in late.submitted/ is not a case.
    assert_eq!(v["cases"].as_array().unwrap().len(), 1);
    assert_eq!(v["cases"][0]["letters_sent"], 1);
    assert!(v["cases"][0]["turned_down"].is_null());
    ok(&poa(
        &["rejected", "late.poa.yaml", "--date", "2026-11-24"],
        dir.path(),
    ));
    let v = report(dir.path());
    assert_eq!(v["cases"][0]["turned_down"], "2026-11-24");
    let text = ok(&poa(&["report", "--today", "2026-11-26"], dir.path()));
    assert!(text.contains("1, rejected 2026-11-24"), "{text}");
}
