//! Runs the real `poa` binary on real files: the examples, and every kind
//! of bad input, checking exit codes, messages and that nothing is damaged.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::example_paths as examples;

fn poa(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_poa"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        // No Chinese font, whatever the machine has (the tests that want
        // one say so): a Chinese name prints as "?".
        .env("POA_CJK_FONT", "")
        .output()
        .expect("poa runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A copy of an example in a fresh folder.
fn copy_example(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    let dst = dir.path().join(name);
    std::fs::copy(src, &dst).unwrap();
    (dir, dst)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

const GOOD_HEAD: &str = "version: 1
seller:
  legal_name: Acme Trading Co., Ltd.
  store_name: AcmeHome
  merchant_token: A1B2C3D4E5F6G7
  marketplace: US
notice:
  violation: late-shipment-rate
  received: 2026-11-18
";

#[test]
fn every_example_renders_to_markdown_and_text() {
    let examples = examples();
    assert!(examples.len() >= 6);
    for ex in examples {
        let name = ex.file_name().unwrap().to_string_lossy().into_owned();
        let (dir, case) = copy_example(&name);
        let before = std::fs::read(&case).unwrap();
        for (format, ext) in [("md", "md"), ("txt", "txt")] {
            let o = poa(&["render", &name, "--format", format], dir.path());
            assert!(o.status.success(), "{name} {format}: {}", stderr(&o));
            let out = case.with_file_name(name.replace(".poa.yaml", &format!(".{ext}")));
            let text = std::fs::read_to_string(&out)
                .unwrap_or_else(|_| panic!("{} written", out.display()));
            assert!(text.contains("Merchant token"), "{name} {format}");
            assert!(
                stderr(&o).contains("Wrote"),
                "{name}: says where the file went"
            );
        }
        assert_eq!(
            std::fs::read(&case).unwrap(),
            before,
            "{name}: the case file was changed"
        );
    }
}

#[test]
fn render_to_stdout_and_to_a_chosen_file() {
    let (dir, _) = copy_example("late-shipment.poa.yaml");
    let o = poa(&["render", "late-shipment.poa.yaml", "-o", "-"], dir.path());
    assert!(o.status.success());
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(md.starts_with("# Plan of Action"));
    assert!(md.contains("96 of 1,200 shipped orders over 30 days, 8.0%, against the 4% target"));
    let o = poa(
        &[
            "render",
            "late-shipment.poa.yaml",
            "--format",
            "txt",
            "-o",
            "form.txt",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let txt = std::fs::read_to_string(dir.path().join("form.txt")).unwrap();
    assert!(txt.contains("characters) ===="));
    assert!(txt.contains("How to submit"));
}

#[test]
fn render_date_comes_from_the_flag_then_the_case() {
    let (dir, _) = copy_example("late-shipment.poa.yaml");
    let o = poa(
        &[
            "render",
            "late-shipment.poa.yaml",
            "-o",
            "-",
            "--date",
            "2026-11-21",
        ],
        dir.path(),
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("**Date:** 21 November 2026"));
    let o = poa(
        &[
            "render",
            "late-shipment.poa.yaml",
            "-o",
            "-",
            "--date",
            "2026-13-40",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("month must be 01 to 12"),
        "{}",
        stderr(&o)
    );
}

/// Runs `args`, expects exit 2 and a message holding every `needles`.
fn fails_with(dir: &Path, args: &[&str], needles: &[&str]) -> String {
    let o = poa(args, dir);
    let msg = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {msg}");
    for n in needles {
        assert!(msg.contains(n), "{args:?}: message lacks {n:?}:\n{msg}");
    }
    msg
}

#[test]
fn malformed_yaml_names_file_line_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{GOOD_HEAD}root_causes:\n- summary: \"unclosed\n  why: x\n");
    let p = write(dir.path(), "bad.poa.yaml", &text);
    fails_with(
        dir.path(),
        &["render", "bad.poa.yaml"],
        &["bad.poa.yaml:", "malformed", "quotes"],
    );
    assert_eq!(std::fs::read_to_string(p).unwrap(), text);
}

#[test]
fn unknown_key_names_the_key_and_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{GOOD_HEAD}root_causes:\n- summary: One\n  whyy: typo\n");
    write(dir.path(), "k.poa.yaml", &text);
    fails_with(
        dir.path(),
        &["render", "k.poa.yaml"],
        &[
            "k.poa.yaml:12:3",
            "unknown key `whyy`",
            "root_causes[0]",
            "why",
            "Correct the spelling",
        ],
    );
}

#[test]
fn impossible_date_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "d.poa.yaml",
        &GOOD_HEAD.replace("2026-11-18", "2026-13-40"),
    );
    fails_with(
        dir.path(),
        &["render", "d.poa.yaml"],
        &["d.poa.yaml:9:", "notice.received", "2026-13-40", "month"],
    );
}

#[test]
fn a_missing_field_that_blocks_the_letter_is_named_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "m.poa.yaml",
        &GOOD_HEAD.replace("  merchant_token: A1B2C3D4E5F6G7\n", ""),
    );
    fails_with(
        dir.path(),
        &["render", "m.poa.yaml"],
        &["m.poa.yaml:2", "seller.merchant_token", "Merchant Token"],
    );
    write(
        dir.path(),
        "v.poa.yaml",
        &GOOD_HEAD.replace("late-shipment-rate", "late-shipments"),
    );
    fails_with(
        dir.path(),
        &["render", "v.poa.yaml"],
        &["v.poa.yaml:8", "`late-shipments`", "poa playbooks"],
    );
}

#[test]
fn empty_binary_huge_folder_and_missing_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.poa.yaml", "\n  \n");
    fails_with(
        dir.path(),
        &["render", "empty.poa.yaml"],
        &["empty.poa.yaml", "is empty", "poa new"],
    );
    std::fs::write(dir.path().join("bin.poa.yaml"), [b'v', 0, 159, 146, 150]).unwrap();
    fails_with(
        dir.path(),
        &["render", "bin.poa.yaml"],
        &["bin.poa.yaml:1:2", "not a text file"],
    );
    let big = std::fs::File::create(dir.path().join("big.poa.yaml")).unwrap();
    big.set_len(50 * 1024 * 1024).unwrap();
    let started = std::time::Instant::now();
    fails_with(
        dir.path(),
        &["render", "big.poa.yaml"],
        &["big.poa.yaml", "50.0 MB", "too large"],
    );
    assert!(
        started.elapsed().as_secs() < 5,
        "a huge file is refused without reading it"
    );
    std::fs::create_dir(dir.path().join("folder.poa.yaml")).unwrap();
    fails_with(
        dir.path(),
        &["render", "folder.poa.yaml"],
        &["folder.poa.yaml", "is a folder"],
    );
    fails_with(
        dir.path(),
        &["render", "nothere.poa.yaml"],
        &["nothere.poa.yaml", "no such file"],
    );
    write(
        dir.path(),
        "ctl.poa.yaml",
        &format!("{GOOD_HEAD}closing: a\u{1b}b\n"),
    );
    fails_with(
        dir.path(),
        &["render", "ctl.poa.yaml"],
        &["ctl.poa.yaml:10:11", "control character"],
    );
}

#[test]
fn a_version_problem_gets_its_own_message() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "nov.poa.yaml",
        &GOOD_HEAD.replace("version: 1\n", ""),
    );
    fails_with(
        dir.path(),
        &["render", "nov.poa.yaml"],
        &["nov.poa.yaml", "no `version` line", "version: 2"],
    );
    write(
        dir.path(),
        "v9.poa.yaml",
        &GOOD_HEAD.replace("version: 1", "version: 9"),
    );
    fails_with(
        dir.path(),
        &["render", "v9.poa.yaml"],
        &["version 9", "newer poa", "Update poa"],
    );
}

#[test]
fn render_never_writes_over_a_case_file() {
    let (dir, case) = copy_example("late-shipment.poa.yaml");
    let (_keep, other) = copy_example("order-defect.poa.yaml");
    let other_in_dir = dir.path().join("order-defect.poa.yaml");
    std::fs::copy(&other, &other_in_dir).unwrap();
    let before = std::fs::read(&other_in_dir).unwrap();
    let mine = std::fs::read(&case).unwrap();
    fails_with(
        dir.path(),
        &[
            "render",
            "late-shipment.poa.yaml",
            "-o",
            "order-defect.poa.yaml",
        ],
        &["is a case file", "-o"],
    );
    fails_with(
        dir.path(),
        &[
            "render",
            "late-shipment.poa.yaml",
            "-o",
            "late-shipment.poa.yaml",
        ],
        &["is a case file"],
    );
    // A case file under another name is recognised by its content.
    std::fs::copy(&other, dir.path().join("notes.md")).unwrap();
    fails_with(
        dir.path(),
        &["render", "late-shipment.poa.yaml", "-o", "notes.md"],
        &["is a case file"],
    );
    assert_eq!(std::fs::read(&other_in_dir).unwrap(), before);
    assert_eq!(std::fs::read(&case).unwrap(), mine);
}

#[test]
fn new_scaffolds_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let o = poa(
        &[
            "new",
            "x.poa.yaml",
            "--violation",
            "inauthentic",
            "--marketplace",
            "de",
            "--no-edit",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.path().join("x.poa.yaml")).unwrap();
    assert!(text.contains("violation: inauthentic"));
    assert!(text.contains("marketplace: DE"));
    assert!(
        text.contains("kind: invoice"),
        "required invoices become entries:\n{text}"
    );
    let o = poa(
        &[
            "new",
            "x.poa.yaml",
            "--violation",
            "inauthentic",
            "--no-edit",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("x.poa.yaml")).unwrap(),
        text
    );
    fails_with(
        dir.path(),
        &["new", "y.poa.yaml", "--violation", "late", "--no-edit"],
        &["--violation late", "late-shipment-rate"],
    );
    fails_with(
        dir.path(),
        &[
            "new",
            "y.poa.yaml",
            "--violation",
            "inauthentic",
            "--marketplace",
            "XX",
            "--no-edit",
        ],
        &["--marketplace XX", "US CA"],
    );
    assert!(!dir.path().join("y.poa.yaml").exists());
}

#[test]
fn a_dispute_scaffold_has_no_plan_sections() {
    let dir = tempfile::tempdir().unwrap();
    let o = poa(
        &[
            "new",
            "d.poa.yaml",
            "--violation",
            "restricted-products",
            "--dispute",
            "--no-edit",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let case = poa::case::from_yaml(
        &std::fs::read_to_string(dir.path().join("d.poa.yaml")).unwrap(),
        "d",
    )
    .unwrap();
    assert!(case.is_dispute());
    assert!(case.root_causes.is_empty() && case.corrective_actions.is_empty());
    assert!(
        !case.evidence.is_empty(),
        "a dispute lists the evidence it needs"
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let o = poa(&["render"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let o = poa(&["frobnicate"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let o = poa(&["--help"], dir.path());
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn check_json_has_the_documented_shape() {
    let (dir, _) = copy_example("weak-draft.poa.yaml");
    let o = poa(
        &[
            "check",
            "weak-draft.poa.yaml",
            "--format",
            "json",
            "--today",
            "2026-11-22",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1), "errors give exit 1");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], 1);
    let file = &v["files"][0];
    assert_eq!(file["path"], "weak-draft.poa.yaml");
    let findings = file["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    let errors = findings.iter().filter(|f| f["severity"] == "error").count();
    assert_eq!(file["errors"], errors);
    let t001 = findings.iter().find(|f| f["code"] == "T001").unwrap();
    for key in [
        "code", "severity", "field", "start", "end", "excerpt", "message", "fix",
    ] {
        assert!(t001.get(key).is_some(), "finding lacks {key}: {t001}");
    }
    assert_eq!(t001["excerpt"], "didn't");
    assert_eq!(t001["fix"], "did not");
    assert!(
        t001["field"]
            .as_str()
            .unwrap()
            .starts_with("root_causes[0].")
    );
}

#[test]
fn check_exit_codes_follow_severity_and_deny() {
    let (dir, _) = copy_example("late-shipment.poa.yaml");
    let o = poa(
        &["check", "late-shipment.poa.yaml", "--today", "2026-11-22"],
        dir.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("no problems found"));
    write(
        dir.path(),
        "d.md",
        "We didn't check 12 orders on 2026-11-02.\n",
    );
    let o = poa(&["check", "d.md", "--today", "2026-11-22"], dir.path());
    assert_eq!(o.status.code(), Some(0), "warnings alone exit 0");
    let o = poa(
        &[
            "check",
            "d.md",
            "--today",
            "2026-11-22",
            "--deny",
            "warnings",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let o = poa(
        &["check", "d.md", "missing.md", "--today", "2026-11-22"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2), "an unreadable file gives exit 2");
    assert!(stderr(&o).contains("missing.md: no such file"));
}

#[test]
fn check_text_output_points_at_the_line_and_span() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "d.md",
        "# Plan\n\n## Root cause\nWe didn't check the 12 orders on 2026-11-02.\n",
    );
    let o = poa(&["check", "d.md", "--today", "2026-11-22"], dir.path());
    let out = String::from_utf8_lossy(&o.stdout);
    // The code and the message, the place, the line with the words marked,
    // and the fix written under them.
    assert!(
        out.contains(
            "warning[T001]: A contraction reads as casual. Write the full form: \"did not\"."
        ),
        "{out}"
    );
    assert!(out.contains("--> d.md:4:4"), "{out}");
    assert!(out.contains("4 | We didn't check"), "{out}");
    assert!(out.contains("  |    ^^^^^^ write: did not\n"), "{out}");
    assert!(out.contains("= help: poa check --fix applies it"), "{out}");
    assert!(
        out.ends_with("d.md: 2 errors, 1 warning, 0 infos\n"),
        "{out}"
    );
    assert!(
        !out.contains('\x1b'),
        "no colour when not a terminal: {out}"
    );
}

#[test]
fn check_text_output_points_into_a_case_file() {
    let dir = tempfile::tempdir().unwrap();
    let long = "The packer did not scan the label. ".repeat(12);
    write(
        dir.path(),
        "c.poa.yaml",
        &format!(
            "{GOOD_HEAD}root_causes:\n- summary: Packers skipped the scan on 12 orders\n  why: |\n    No second check.\n    {long}We didn't check the 12 orders.\n"
        ),
    );
    let o = poa(
        &["check", "c.poa.yaml", "--today", "2026-11-22"],
        dir.path(),
    );
    let out = String::from_utf8_lossy(&o.stdout);
    // A word on the second line of a block scalar, far along a long line:
    // the file's own line and column, the line cut to the width around it.
    let col = 5 + long.len() + 3;
    assert!(out.contains(&format!("--> c.poa.yaml:14:{col}")), "{out}");
    assert!(out.contains("= field: root_causes[0].why"), "{out}");
    assert!(
        out.contains("14 | ...") && out.contains("We didn't check the 12 orders."),
        "{out}"
    );
    assert!(out.contains("^^^^^^ write: did not"), "{out}");
    assert!(
        out.lines()
            .filter(|l| l.starts_with("14 "))
            .all(|l| l.chars().count() <= 100),
        "the long line fits the width of 100: {out}"
    );
    // A key that is not written points at its item; a section that is not
    // written is named without a line.
    assert!(
        out.contains("--> c.poa.yaml:11:3\n = field: root_causes[0].what"),
        "{out}"
    );
    assert!(
        out.contains("--> c.poa.yaml\n = field: corrective_actions"),
        "{out}"
    );
}

#[test]
fn check_fix_applies_safe_fixes_and_saves() {
    let (dir, case) = copy_example("weak-draft.poa.yaml");
    let o = poa(
        &[
            "check",
            "weak-draft.poa.yaml",
            "--fix",
            "--today",
            "2026-11-22",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("fixed 3 findings and saved the file"), "{out}");
    let text = std::fs::read_to_string(&case).unwrap();
    assert!(!text.contains("didn't") && !text.contains("don't"));
    assert!(text.contains("did not have the stock"));
    poa::case::from_yaml(&text, "fixed").expect("the fixed file still loads");
    assert!(!out.contains("[T001]"), "no contraction is left: {out}");
    let dir2 = tempfile::tempdir().unwrap();
    let d = write(
        dir2.path(),
        "d.txt",
        "Root cause:\nWe didn't check.\nIt's fixed.\n",
    );
    let o = poa(&["check", "d.txt", "--fix"], dir2.path());
    assert!(o.status.code().is_some());
    assert_eq!(
        std::fs::read_to_string(d).unwrap(),
        "Root cause:\nWe did not check.\nIt is fixed.\n"
    );
}

#[test]
fn check_reads_drafts_and_refuses_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bin.txt"), [0u8, 1, 2]).unwrap();
    fails_with(
        dir.path(),
        &["check", "bin.txt"],
        &["bin.txt:1:1", "not a text file"],
    );
    write(
        dir.path(),
        "bad.poa.yaml",
        "version: 1\nseller:\n  nam: x\n",
    );
    fails_with(
        dir.path(),
        &["check", "bad.poa.yaml"],
        &["bad.poa.yaml:3:3", "unknown key `nam`"],
    );
}

#[test]
fn rules_lists_and_explains() {
    let dir = tempfile::tempdir().unwrap();
    let o = poa(&["rules"], dir.path());
    let out = String::from_utf8_lossy(&o.stdout);
    let codes = out.lines().filter(|l| {
        l.len() > 5 && l[..4].chars().skip(1).all(|c| c.is_ascii_digit()) && l.as_bytes()[4] == b' '
    });
    assert_eq!(codes.count(), poa::check::registry().len(), "{out}");
    let o = poa(&["rules", "t001"], dir.path());
    let out = String::from_utf8_lossy(&o.stdout);
    for part in [
        "T001  Contraction",
        "What it finds",
        "Why it hurts an appeal",
        "Bad",
        "Better",
        "\"don't\"",
    ] {
        assert!(out.contains(part), "{part}: {out}");
    }
    fails_with(
        dir.path(),
        &["rules", "X123"],
        &["`X123` is not a check code"],
    );
}

#[test]
fn import_splits_a_draft_into_a_case() {
    let dir = tempfile::tempdir().unwrap();
    let src =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/good-us-consultant-bullets.md");
    std::fs::copy(&src, dir.path().join("draft.md")).unwrap();
    let o = poa(
        &[
            "import",
            "draft.md",
            "-o",
            "case.poa.yaml",
            "--violation",
            "late-shipment-rate",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let case = poa::case::from_yaml(
        &std::fs::read_to_string(dir.path().join("case.poa.yaml")).unwrap(),
        "c",
    )
    .unwrap();
    assert!(!case.root_causes.is_empty());
    assert!(case.corrective_actions.len() >= 3);
    assert!(
        case.corrective_actions.iter().all(|a| a.done_on.is_some()),
        "dates are read from the actions"
    );
    assert!(!case.preventive_measures.is_empty());
    assert_eq!(case.notice.violation, "late-shipment-rate");
    let o = poa(&["import", "draft.md", "-o", "case.poa.yaml"], dir.path());
    assert_eq!(o.status.code(), Some(2), "never overwrites");
    write(dir.path(), "flat.txt", "We are sorry. We fixed it.\n");
    fails_with(
        dir.path(),
        &["import", "flat.txt"],
        &["no section headings found"],
    );
    // A case file is no draft to split: the message says what to do with it.
    fails_with(
        dir.path(),
        &["import", "case.poa.yaml"],
        &[
            "case.poa.yaml",
            "already a case file",
            "poa edit case.poa.yaml",
        ],
    );
}

#[test]
fn new_from_notice_reads_the_notice_into_the_case() {
    let dir = tempfile::tempdir().unwrap();
    let src =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/notices/used-sold-as-new-table.txt");
    std::fs::copy(&src, dir.path().join("notice.txt")).unwrap();
    let o = poa(
        &[
            "new",
            "c.poa.yaml",
            "--from-notice",
            "notice.txt",
            "--no-edit",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let msg = stderr(&o);
    assert!(msg.contains("used-sold-as-new"), "{msg}");
    assert!(
        msg.contains("3 ASINs, 4 orders, received 20 November 2026"),
        "{msg}"
    );
    let case = poa::case::from_yaml(
        &std::fs::read_to_string(dir.path().join("c.poa.yaml")).unwrap(),
        "c",
    )
    .unwrap();
    assert_eq!(case.notice.violation, "used-sold-as-new");
    assert_eq!(case.notice.asins.len(), 3);
    assert_eq!(case.notice.orders.len(), 4);
    assert_eq!(case.notice.asks.len(), 4);
    assert_eq!(case.seller.marketplace, "US");
    assert!(case.notice.text.contains("Seller Performance Team"));
    assert_eq!(case.appeal_deadline().unwrap().to_string(), "2026-12-07");
}

#[test]
fn new_from_notice_says_when_it_is_not_sure_or_not_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let notices = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/notices");
    std::fs::copy(
        notices.join("ambiguous-odr-and-late-shipment.txt"),
        dir.path().join("a.txt"),
    )
    .unwrap();
    let o = poa(
        &["new", "a.poa.yaml", "--from-notice", "a.txt", "--no-edit"],
        dir.path(),
    );
    assert!(o.status.success());
    let msg = stderr(&o);
    assert!(msg.contains("not sure of the violation"), "{msg}");
    assert!(msg.contains("It could also be"), "{msg}");
    std::fs::copy(
        notices.join("not-notice-supplier-shipping.txt"),
        dir.path().join("s.txt"),
    )
    .unwrap();
    fails_with(
        dir.path(),
        &["new", "s.poa.yaml", "--from-notice", "s.txt", "--no-edit"],
        &[
            "s.txt",
            "does not read like an Amazon notice",
            "--violation",
        ],
    );
    assert!(!dir.path().join("s.poa.yaml").exists());
    let o = poa(
        &[
            "new",
            "s.poa.yaml",
            "--from-notice",
            "s.txt",
            "--violation",
            "other",
            "--no-edit",
        ],
        dir.path(),
    );
    assert!(
        o.status.success(),
        "a writer can still start from any text with --violation"
    );
    let zh = notices.join("zh-late-shipment-rate.txt");
    std::fs::copy(zh, dir.path().join("zh.txt")).unwrap();
    let o = poa(
        &["new", "z.poa.yaml", "--from-notice", "zh.txt", "--no-edit"],
        dir.path(),
    );
    assert!(o.status.success());
    assert!(stderr(&o).contains("standard English section titles"));
    let case = poa::case::from_yaml(
        &std::fs::read_to_string(dir.path().join("z.poa.yaml")).unwrap(),
        "z",
    )
    .unwrap();
    assert!(
        case.notice.asks.is_empty(),
        "Chinese asks do not become English section titles"
    );
}

#[test]
fn every_playbook_scaffolds_a_case_that_renders() {
    let dir = tempfile::tempdir().unwrap();
    for pb in poa::playbook::all() {
        for dispute in [false, true] {
            let name = format!("{}-{dispute}.poa.yaml", pb.id);
            let mut args = vec![
                "new",
                &name,
                "--violation",
                &pb.id,
                "--marketplace",
                "UK",
                "--no-edit",
            ];
            if dispute {
                args.push("--dispute");
            }
            let o = poa(&args, dir.path());
            assert!(o.status.success(), "{}: {}", pb.id, stderr(&o));
            let path = dir.path().join(&name);
            let mut case =
                poa::case::from_yaml(&std::fs::read_to_string(&path).unwrap(), &name).unwrap();
            case.seller.store_name = "Store".into();
            case.seller.merchant_token = "A1B2C3D4E5F6G7".into();
            poa::case::save_atomic(&path, &case).unwrap();
            for format in ["md", "txt"] {
                let o = poa(
                    &[
                        "render",
                        &name,
                        "--format",
                        format,
                        "-o",
                        "-",
                        "--date",
                        "2026-11-20",
                    ],
                    dir.path(),
                );
                assert!(o.status.success(), "{} {format}: {}", pb.id, stderr(&o));
            }
        }
    }
}

#[test]
fn playbooks_lists_and_guides_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let o = poa(&["playbooks"], dir.path());
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("late-shipment-rate") && out.contains("performance"));
    let o = poa(&["playbooks", "inauthentic"], dir.path());
    let en = String::from_utf8_lossy(&o.stdout);
    assert!(
        en.contains("Evidence to attach") && en.contains("[required]"),
        "{en}"
    );
    let o = poa(&["playbooks", "inauthentic", "--lang", "zh"], dir.path());
    let zh = String::from_utf8_lossy(&o.stdout);
    assert!(
        zh.contains("需要附上的证明文件") && zh.contains("意思："),
        "{zh}"
    );
    let o = Command::new(env!("CARGO_BIN_EXE_poa"))
        .args(["playbooks", "inauthentic"])
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("常见根本原因"),
        "a Chinese locale gives Chinese"
    );
    fails_with(
        dir.path(),
        &["playbooks", "late"],
        &["`late` is not a violation"],
    );
}

#[test]
fn render_pdf_writes_a_pdf_and_names_fields_with_missing_glyphs() {
    let (dir, case_path) = copy_example("late-shipment.poa.yaml");
    let o = poa(
        &["render", "late-shipment.poa.yaml", "--format", "pdf"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = std::fs::read(dir.path().join("late-shipment.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let mut case =
        poa::case::from_yaml(&std::fs::read_to_string(&case_path).unwrap(), "c").unwrap();
    case.root_causes[1].who = "Two packers of 深圳仓 worked the single shift.".into();
    poa::case::save_atomic(&case_path, &case).unwrap();
    let o = poa(
        &[
            "render",
            "late-shipment.poa.yaml",
            "--format",
            "pdf",
            "--paper",
            "a4",
            "-o",
            "a4.pdf",
        ],
        dir.path(),
    );
    assert!(
        o.status.success(),
        "a missing glyph never stops the render: {}",
        stderr(&o)
    );
    let msg = stderr(&o);
    assert_eq!(msg.matches("warning:").count(), 1, "reported once: {msg}");
    assert!(
        msg.contains("root_causes[1].who") && msg.contains("深") && msg.contains("printed as ?"),
        "{msg}"
    );
    let a4 = std::fs::read(dir.path().join("a4.pdf")).unwrap();
    assert!(a4.windows(6).any(|w| w == b"595.28"), "A4 when asked");
    // Full-width punctuation is printed in its English form, and said so.
    case.root_causes[1].who = "Two packers，one shift（weekdays）。".into();
    poa::case::save_atomic(&case_path, &case).unwrap();
    let o = poa(
        &[
            "render",
            "late-shipment.poa.yaml",
            "--format",
            "pdf",
            "-o",
            "fw.pdf",
        ],
        dir.path(),
    );
    let msg = stderr(&o);
    assert!(
        msg.contains("root_causes[1].who") && msg.contains("，→,") && !msg.contains("printed as ?"),
        "{msg}"
    );
    // In Chinese for a Chinese writer: `--lang zh`, or before the command.
    case.root_causes[1].who = "深圳仓的两名打包员，一个班次。".into();
    poa::case::save_atomic(&case_path, &case).unwrap();
    for args in [
        vec![
            "render",
            "late-shipment.poa.yaml",
            "--format",
            "pdf",
            "-o",
            "zh.pdf",
            "--lang",
            "zh",
        ],
        vec![
            "--lang",
            "zh",
            "render",
            "late-shipment.poa.yaml",
            "--format",
            "pdf",
            "-o",
            "zh.pdf",
        ],
    ] {
        let o = poa(&args, dir.path());
        let msg = stderr(&o);
        assert!(o.status.success(), "{msg}");
        assert!(
            msg.contains("root_causes[1].who")
                && msg.contains("全角标点已按英文标点印出（，→,、。→.）")
                && msg.contains("POA_CJK_FONT 已设置但为空")
                && msg.contains("“深圳仓的两名打包”等字在 PDF 中印成了 ?")
                && !msg.contains("printed as"),
            "{msg}"
        );
    }
}

#[test]
fn render_draft_marks_the_letter_not_for_submission() {
    let (dir, _) = copy_example("late-shipment.poa.yaml");
    for format in ["md", "txt"] {
        let o = poa(
            &[
                "render",
                "late-shipment.poa.yaml",
                "--format",
                format,
                "--draft",
                "-o",
                "-",
            ],
            dir.path(),
        );
        assert!(o.status.success(), "{}", stderr(&o));
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        let first = out.lines().next().unwrap_or_default();
        assert!(
            first.contains("DRAFT, NOT FOR SUBMISSION"),
            "{format}: {first}"
        );
        let o = poa(
            &[
                "render",
                "late-shipment.poa.yaml",
                "--format",
                format,
                "-o",
                "-",
            ],
            dir.path(),
        );
        assert!(
            !String::from_utf8_lossy(&o.stdout).contains("DRAFT"),
            "{format}"
        );
    }
}

#[test]
fn an_unknown_violation_names_the_likely_one_and_check_fix_applies_it() {
    let dir = tempfile::tempdir().unwrap();
    let o = poa(
        &[
            "new",
            "x.poa.yaml",
            "--violation",
            "late-shipment",
            "--no-edit",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Did you mean `late-shipment-rate`?"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("x.poa.yaml").exists());

    let (dir, case) = copy_example("late-shipment.poa.yaml");
    let text = std::fs::read_to_string(&case).unwrap();
    std::fs::write(
        &case,
        text.replace("violation: late-shipment-rate", "violation: Late Shipment"),
    )
    .unwrap();
    let name = case.to_str().unwrap();
    let o = poa(&["check", "--today", "2026-11-22", name], dir.path());
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Did you mean `late-shipment-rate`?"), "{out}");
    assert!(out.contains("write: late-shipment-rate"), "{out}");
    let o = poa(
        &["check", "--fix", "--today", "2026-11-22", name],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&case)
            .unwrap()
            .contains("violation: late-shipment-rate")
    );
}

#[test]
fn nothing_a_file_holds_or_is_named_reaches_the_terminal_as_a_control_sequence() {
    let dir = tempfile::tempdir().unwrap();
    // A file name with a title-changing escape, which does not exist.
    let o = poa(&["check", "evil\x1b]0;pwned\x07.md"], dir.path());
    let msg = stderr(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(!msg.contains('\x1b') && !msg.contains('\x07'), "{msg:?}");
    assert!(msg.contains("evil\\u{1b}]0;pwned\\u{7}.md"), "{msg}");
    // A phrase file whose message writes to the clipboard (OSC 52).
    write(
        dir.path(),
        "mine.yaml",
        "T002:\n  say: \"\\e]52;c;ZXZpbA==\\a Write calmly.\"\n  phrases: [gutted]\n",
    );
    write(dir.path(), "d.md", "## Root cause\n\nWe were gutted.\n");
    let o = poa(&["check", "--phrases", "mine.yaml", "d.md"], dir.path());
    let msg = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{msg}");
    assert!(
        msg.contains("mine.yaml: holds an invisible control character (U+001B)"),
        "{msg}"
    );
    assert!(!String::from_utf8_lossy(&o.stdout).contains('\x1b'));
}

#[test]
fn check_takes_a_word_list_and_can_leave_out_spelling_and_grammar() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "d.md",
        "## Root cause\n\nOur packer used the lumiq labels and shiped 14 orders late because the ERP did not sync.\n",
    );
    let o = poa(&["check", "--today", "2026-11-22", "d.md"], dir.path());
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(out.contains("warning[G001]: \"shiped\""), "{out}");
    assert!(out.contains("Did you mean \"shipped\"?"), "{out}");
    assert!(
        !out.contains("\"lumiq\""),
        "an unknown word with no near word is no slip: {out}"
    );
    write(dir.path(), "words.txt", "# our brand\nShiped\n");
    let o = poa(
        &[
            "check",
            "--today",
            "2026-11-22",
            "--words",
            "words.txt",
            "d.md",
        ],
        dir.path(),
    );
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(!out.contains("G001"), "{out}");
    let o = poa(
        &["check", "--today", "2026-11-22", "--no-grammar", "d.md"],
        dir.path(),
    );
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(!out.contains("[G00"), "{out}");
    assert!(
        out.contains("spelling and grammar (the G codes) were not checked"),
        "{out}"
    );
}

#[test]
fn a_pipe_given_as_any_input_is_refused_at_once_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe.poa.yaml"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo is not on this machine: skipped");
        return;
    }
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/late-shipment.poa.yaml"),
        dir.path().join("case.poa.yaml"),
    )
    .unwrap();
    // Nothing writes to the pipe: a read would block the test for ever.
    for args in [
        vec!["check", "pipe.poa.yaml"],
        vec!["render", "pipe.poa.yaml"],
        vec!["check", "case.poa.yaml", "--phrases", "pipe.poa.yaml"],
        vec!["check", "case.poa.yaml", "--words", "pipe.poa.yaml"],
    ] {
        let o = poa(&args, dir.path());
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("is not a plain file"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

/// A draft with the three sections, one item each.
const SHORT_DRAFT: &str = "## Root cause\nWe confirmed shipments once a day, after the evening pickup.\n\n## Corrective actions\n- On 18 November 2026 we confirmed all 14 open orders.\n\n## Preventive measures\n- The shipping lead confirms each order at 16:00 every business day.\n";

#[test]
fn a_draft_saved_with_cr_line_breaks_alone_is_imported_whole() {
    let dir = tempfile::tempdir().unwrap();
    let draft = &SHORT_DRAFT.replace('\n', "\r");
    std::fs::write(dir.path().join("cr.txt"), draft).unwrap();
    let o = poa(
        &["import", "cr.txt", "--violation", "late-shipment-rate"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let case = poa::case::from_yaml(
        &std::fs::read_to_string(dir.path().join("cr.poa.yaml")).unwrap(),
        "cr",
    )
    .unwrap();
    assert_eq!(case.root_causes.len(), 1, "{case:?}");
    assert_eq!(case.corrective_actions.len(), 1);
    assert_eq!(case.preventive_measures.len(), 1);
    // check --fix writes a CRLF draft back with CRLF, and keeps its mark.
    let crlf = format!(
        "\u{feff}{}",
        draft
            .replace('\r', "\r\n")
            .replace("confirmed all", "didn't miss any of the")
    );
    std::fs::write(dir.path().join("crlf.md"), &crlf).unwrap();
    poa(&["check", "crlf.md", "--fix"], dir.path());
    let after = std::fs::read_to_string(dir.path().join("crlf.md")).unwrap();
    assert!(after.contains("did not miss"), "{after}");
    assert!(after.starts_with('\u{feff}'));
    assert_eq!(after.matches("\r\n").count(), crlf.matches("\r\n").count());
}

#[test]
fn render_never_replaces_the_draft_import_read_nor_a_letter_edited_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let draft = SHORT_DRAFT;
    std::fs::write(dir.path().join("draft.md"), draft).unwrap();
    let o = poa(
        &["import", "draft.md", "--violation", "late-shipment-rate"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // Make the case whole enough to render.
    let path = dir.path().join("draft.poa.yaml");
    let mut case = poa::case::from_yaml(&std::fs::read_to_string(&path).unwrap(), "d").unwrap();
    let full = common::example("late-shipment.poa.yaml");
    case.seller = full.seller.clone();
    case.notice = full.notice.clone();
    poa::case::save_atomic(&path, &case).unwrap();
    let o = poa(&["render", "draft.poa.yaml"], dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("poa did not write this file"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("draft.md")).unwrap(),
        draft
    );
    // Its own output it replaces; edited by hand, it keeps it.
    let o = poa(&["render", "draft.poa.yaml", "--format", "txt"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let o = poa(&["render", "draft.poa.yaml", "--format", "txt"], dir.path());
    assert!(
        o.status.success(),
        "rendered again over its own: {}",
        stderr(&o)
    );
    std::fs::write(dir.path().join("draft.txt"), "my own edits").unwrap();
    let o = poa(&["render", "draft.poa.yaml", "--format", "txt"], dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("draft.txt")).unwrap(),
        "my own edits"
    );
    // -o is the writer's own choice.
    let o = poa(
        &[
            "render",
            "draft.poa.yaml",
            "--format",
            "txt",
            "-o",
            "draft.txt",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_phrase_file_too_deep_or_too_wide_is_refused_with_its_name() {
    let (dir, _) = copy_example("weak-draft.poa.yaml");
    let deep = format!(
        "T002:\n  phrases: [\"{}a{}\"]\n",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    let wide: String = (0..40).map(|i| format!("(a{i}|b{i}) ")).collect();
    let wide = format!("T002:\n  phrases: [\"{wide}\"]\n");
    for (name, text, says) in [
        ("deep.yaml", deep, "too large"),
        ("wide.yaml", wide, "too large"),
        (
            "half.yaml",
            "T002:\n  phrases: [\"a) b\"]\n".to_string(),
            "without its pair",
        ),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
        let o = poa(
            &["check", "weak-draft.poa.yaml", "--phrases", name],
            dir.path(),
        );
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(name) && stderr(&o).contains(says),
            "{name}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn a_file_name_with_an_escape_sequence_is_shown_written_out() {
    let (dir, _) = copy_example("weak-draft.poa.yaml");
    let name = "d\u{1b}[2J.poa.yaml";
    std::fs::copy(
        dir.path().join("weak-draft.poa.yaml"),
        dir.path().join(name),
    )
    .unwrap();
    for args in [vec!["check", name], vec!["render", name, "-o", "-"]] {
        let o = poa(&args, dir.path());
        let all = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
        assert!(
            !all.contains('\u{1b}'),
            "{args:?}: a raw escape reached the terminal"
        );
        assert!(
            all.contains(r"d\u{1b}[2J.poa.yaml") || args[0] == "render",
            "{args:?}: {all}"
        );
    }
}

#[test]
fn a_date_the_case_cannot_hold_is_imported_as_text_not_as_a_date() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("y.md"),
        "## Root cause\nLost parcels.\n\n## Corrective actions\n- 2206-11-18: We refunded all buyers.\n",
    )
    .unwrap();
    let o = poa(&["import", "y.md"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    // The case loads (check reports findings, exit 1, not a broken file, 2).
    let o = poa(&["check", "y.poa.yaml"], dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let case = poa::case::from_yaml(
        &std::fs::read_to_string(dir.path().join("y.poa.yaml")).unwrap(),
        "y",
    )
    .unwrap();
    assert_eq!(case.corrective_actions[0].done_on, None);
    assert!(
        case.corrective_actions[0].action.contains("2206-11-18"),
        "{:?}",
        case.corrective_actions[0]
    );
}

#[test]
fn a_bidirectional_override_is_refused_at_its_place_but_arabic_marks_are_not() {
    let (dir, _) = copy_example("late-shipment.poa.yaml");
    std::fs::write(
        dir.path().join("o.md"),
        "## Root cause\nWe will comply \u{202e} from now on.\n",
    )
    .unwrap();
    let o = poa(&["check", "o.md"], dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("o.md:2:") && stderr(&o).contains("U+202E"),
        "{}",
        stderr(&o)
    );
    // The right-to-left mark of Arabic text is text, not an attack.
    std::fs::write(
        dir.path().join("a.md"),
        "## Root cause\nشركة النور\u{200f} shipped late on 3 orders.\n",
    )
    .unwrap();
    let o = poa(&["check", "a.md"], dir.path());
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn deep_nesting_and_yaml_aliases_are_refused_at_once_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!(
        "version: 2\nnotes: {}{}\n",
        "[".repeat(80_000),
        "]".repeat(80_000)
    );
    let mut wide = format!(
        "version: 2\nclosing: &s \"{}\"\nroot_causes:\n",
        "x".repeat(100_000)
    );
    for _ in 0..1000 {
        wide.push_str("- {what: *s}\n");
    }
    for (name, text, says) in [
        ("deep.poa.yaml", deep, "nested too deep"),
        ("alias.poa.yaml", wide, "anchor or alias"),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
        let o = poa(&["check", name], dir.path());
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!("{name}:2:")) && stderr(&o).contains(says),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn a_key_written_twice_is_shown_where_it_is_written_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/late-shipment.poa.yaml"),
    )
    .unwrap();
    text.push_str("closing: A second closing.\n");
    let line = text.lines().count();
    std::fs::write(dir.path().join("dup.poa.yaml"), &text).unwrap();
    let o = poa(&["check", "dup.poa.yaml"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("dup.poa.yaml:{line}:1:"))
            && stderr(&o).contains("`closing` is written a second time"),
        "{}",
        stderr(&o)
    );
}

/// `render` of late-shipment with a Chinese legal name and signer, with the
/// Chinese font `font` ("" for none): stderr, and the PDF's text and fonts.
fn render_chinese_name(font: &str) -> (String, String, Vec<String>) {
    let (dir, path) = copy_example("late-shipment.poa.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .replace(
            "legal_name: Harbor Lane Goods LLC",
            "legal_name: 深圳市华南贸易有限公司",
        )
        .replace("contact_name: Daniel Ortiz", "contact_name: 王小明");
    std::fs::write(&path, text).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_poa"))
        .args(["render", "late-shipment.poa.yaml", "--format", "pdf"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .env("POA_CJK_FONT", font)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(dir.path().join("late-shipment.pdf")).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let words = doc.extract_text(&pages).unwrap_or_default();
    let fonts = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor"))
        .filter_map(|d| d.get(b"FontName").and_then(|n| n.as_name()).ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    (stderr(&o), words, fonts)
}

#[test]
fn a_chinese_name_prints_in_a_chinese_font_found_on_the_computer() {
    let Some(found) = poa::layout::font::fallback() else {
        // .ci/run installs fonts-wqy-microhei where it can.
        eprintln!("no Chinese font on this machine (apt-get install fonts-wqy-microhei); skipped");
        return;
    };
    let (err, text, fonts) = render_chinese_name(found.path.to_str().unwrap());
    assert!(!err.contains("printed as ?"), "{err}");
    assert!(text.contains("深圳市华南贸易有限公司"), "{text}");
    assert!(text.contains("王小明"), "{text}");
    assert!(
        fonts.iter().any(|f| !f.contains("DejaVu")),
        "the Chinese face is embedded: {fonts:?}"
    );
}

#[test]
fn without_a_chinese_font_a_chinese_name_is_printed_as_question_marks_and_said() {
    let (err, text, fonts) = render_chinese_name("");
    assert!(
        err.contains(
            "Seller · Legal name (seller.legal_name): POA_CJK_FONT is set but empty, which tells poa to use no Chinese font"
        ),
        "{err}"
    );
    assert!(
        err.contains("POA_CJK_FONT"),
        "it says how to give one: {err}"
    );
    assert!(err.contains("seller.contact_name"), "{err}");
    assert!(text.contains("???"), "{text}");
    assert!(!text.contains("深圳"), "{text}");
    assert!(fonts.iter().all(|f| f.contains("DejaVu")), "{fonts:?}");
}

#[test]
fn a_chinese_font_named_that_cannot_be_read_is_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "notes.ttf", "not a font");
    let (err, text, _) = render_chinese_name(bad.to_str().unwrap());
    assert!(
        err.contains("(seller.legal_name): POA_CJK_FONT names")
            && err.contains("notes.ttf, which cannot be read as a font with Chinese letters"),
        "{err}"
    );
    assert!(text.contains("???"), "{text}");
}

#[test]
fn the_same_file_named_twice_is_checked_and_fixed_once() {
    // Attack F26: `x x ./x --fix` saved the file from two threads at once
    // and said both "fixed and saved" and "could not be saved".
    let (dir, case) = copy_example("weak-draft.poa.yaml");
    let name = "weak-draft.poa.yaml";
    let o = poa(
        &["check", name, name, "./weak-draft.poa.yaml", name, "--fix"],
        dir.path(),
    );
    let out = String::from_utf8_lossy(&o.stdout);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(out.matches("saved the file").count(), 1, "{out}");
    assert!(!err.contains("could not be saved"), "{err}");
    assert!(
        err.contains("is named more than once; it is checked once"),
        "{err}"
    );
    // One file's report, with no total over "4 files".
    assert!(!out.contains("files:"), "{out}");
    poa::case::from_yaml(&std::fs::read_to_string(case).unwrap(), "fixed").unwrap();
    // Near miss: two different files are both checked.
    let other = dir.path().join("other.poa.yaml");
    std::fs::copy(dir.path().join(name), &other).unwrap();
    let o = poa(&["check", name, "other.poa.yaml"], dir.path());
    assert!(!stderr(&o).contains("more than once"), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("2 files"));
}

#[test]
fn a_template_folder_whose_letter_is_not_a_file_is_named() {
    // Attack F27: a folder or a pipe called letter.md was passed over, and
    // the folder was said to hold "neither letter.md nor form.txt".
    let (dir, _) = copy_example("late-shipment.poa.yaml");
    std::fs::create_dir_all(dir.path().join("t/letter.md")).unwrap();
    fails_with(
        dir.path(),
        &[
            "render",
            "late-shipment.poa.yaml",
            "--templates",
            "t",
            "-o",
            "o.md",
        ],
        &["letter.md", "is a folder"],
    );
    // Near miss: an empty folder is told what it should hold.
    std::fs::create_dir_all(dir.path().join("u")).unwrap();
    fails_with(
        dir.path(),
        &[
            "render",
            "late-shipment.poa.yaml",
            "--templates",
            "u",
            "-o",
            "o.md",
        ],
        &["holds neither letter.md nor form.txt"],
    );
}

#[test]
fn a_file_just_over_the_limit_is_not_told_it_is_the_limit() {
    // Attack F27: "is 4.0 MB, too large … (the limit is 4.0 MB)".
    let dir = tempfile::tempdir().unwrap();
    let f = std::fs::File::create(dir.path().join("big.md")).unwrap();
    f.set_len(poa::case::MAX_FILE_BYTES + 100).unwrap();
    let err = fails_with(dir.path(), &["check", "big.md"], &["big.md", "too large"]);
    assert!(err.contains("is more than 4.0 MB"), "{err}");
    let f = std::fs::File::create(dir.path().join("huge.md")).unwrap();
    f.set_len(poa::case::MAX_FILE_BYTES * 3).unwrap();
    let err = fails_with(dir.path(), &["check", "huge.md"], &["huge.md"]);
    assert!(err.contains("is 12.0 MB"), "{err}");
}

#[test]
fn a_phrase_file_fault_is_placed_and_said_in_plain_words() {
    // Attack F28: raw serde text ("expected struct CodeList"), no place.
    let (dir, _) = copy_example("late-shipment.poa.yaml");
    for (text, want) in [
        ("T001: [1, 2]\n", "p.yaml:1:7: T001: found a list"),
        ("T001: ~\n", "p.yaml:1:7: T001: found nothing"),
        ("T001:\n  sau: x\n", "p.yaml:2:3: unknown key `sau`"),
        (
            "T001:\n  phrases: [{q: 1}]\n",
            "p.yaml:2:12: T001.phrases: each phrase is text",
        ),
    ] {
        write(dir.path(), "p.yaml", text);
        let err = fails_with(
            dir.path(),
            &["check", "late-shipment.poa.yaml", "--phrases", "p.yaml"],
            &[want],
        );
        for jargon in ["CodeList", "struct", "untagged", "unit value"] {
            assert!(!err.contains(jargon), "{text:?}: {err}");
        }
    }
}

#[test]
fn small_things_of_the_attack_report_hold() {
    // Attack F31, one by one.
    let (dir, case) = copy_example("late-shipment.poa.yaml");
    // A case file saved as .txt is checked as a case, not as a draft
    // (which gave 12 false warnings); a draft that starts "version:" is
    // still a draft.
    std::fs::copy(&case, dir.path().join("case.txt")).unwrap();
    let as_case = poa(&["check", "late-shipment.poa.yaml"], dir.path());
    let as_txt = poa(&["check", "case.txt"], dir.path());
    let summary = |o: &Output| {
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        out.lines()
            .last()
            .unwrap_or_default()
            .split_once(": ")
            .map(|(_, s)| s.to_string())
    };
    assert_eq!(summary(&as_case), summary(&as_txt));
    write(
        dir.path(),
        "draft.txt",
        "version: the second draft\n\nRoot cause: we shipped late.\n",
    );
    let o = poa(&["check", "draft.txt"], dir.path());
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    // `render -o - | head`: a closed pipe is not an error, as for check.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let o = Command::new(env!("CARGO_BIN_EXE_poa"))
        .args(["render", "late-shipment.poa.yaml", "-o", "-"])
        .current_dir(dir.path())
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A playbook id in capitals is the id.
    let o = poa(&["playbooks", "LATE-SHIPMENT-RATE"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Late Shipment Rate"));
    // `new` over a link to nowhere keeps the link, as its message says.
    #[cfg(unix)]
    {
        let link = dir.path().join("link.poa.yaml");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &link).unwrap();
        fails_with(
            dir.path(),
            &[
                "new",
                "link.poa.yaml",
                "--violation",
                "late-shipment-rate",
                "--no-edit",
            ],
            &["link.poa.yaml", "already exists"],
        );
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert!(!dir.path().join("nowhere").exists());
    }
}

#[test]
fn a_file_that_cannot_be_read_is_explained_in_chinese_under_lang_zh() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{GOOD_HEAD}root_causes:\n- summary: \"unclosed\n  why: x\n");
    write(dir.path(), "bad.poa.yaml", &text);
    write(
        dir.path(),
        "k.poa.yaml",
        &format!("{GOOD_HEAD}root_causes:\n- summary: One\n  whyy: typo\n"),
    );
    // Each command, with --lang before or after it: where, what and what
    // to do, in Chinese, with the place as in English.
    let msg = fails_with(
        dir.path(),
        &[
            "--lang",
            "zh",
            "check",
            "bad.poa.yaml",
            "k.poa.yaml",
            "none.poa.yaml",
        ],
        &[
            "错误：bad.poa.yaml:11:12：YAML 格式有误",
            "请把引号关上",
            "错误：k.poa.yaml:12:3：不认识的键 `whyy`（在 `root_causes[0]` 里）",
            "请改正拼写",
            "错误：none.poa.yaml：找不到这个文件",
        ],
    );
    assert!(!msg.contains("malformed"), "{msg}");
    fails_with(
        dir.path(),
        &["render", "bad.poa.yaml", "--lang", "zh"],
        &["错误：bad.poa.yaml:11:12：", "请把引号关上"],
    );
    // Near miss: in English, English.
    let msg = fails_with(
        dir.path(),
        &["check", "bad.poa.yaml", "--lang", "en"],
        &["error: bad.poa.yaml:11:12: the YAML is malformed"],
    );
    assert!(!msg.contains("错误"), "{msg}");
}

#[test]
fn a_second_yaml_document_is_named_at_its_line_in_a_case_and_a_phrase_file() {
    let dir = tempfile::tempdir().unwrap();
    let case = format!("{GOOD_HEAD}---\nversion: 2\n");
    write(dir.path(), "two.poa.yaml", &case);
    fails_with(
        dir.path(),
        &["check", "two.poa.yaml"],
        &["two.poa.yaml:10:1:", "second YAML document"],
    );
    write(
        dir.path(),
        "end.poa.yaml",
        &format!("{GOOD_HEAD}...\ngarbage: [\n"),
    );
    fails_with(
        dir.path(),
        &["check", "end.poa.yaml"],
        &["end.poa.yaml:10:1:"],
    );
    write(dir.path(), "ok.poa.yaml", GOOD_HEAD);
    write(
        dir.path(),
        "p.yaml",
        "T002:\n  phrases: [a]\n---\nT002:\n  phrases: [b]\n",
    );
    fails_with(
        dir.path(),
        &["check", "ok.poa.yaml", "--phrases", "p.yaml"],
        &["p.yaml:3:1:", "second YAML document"],
    );
    // Near miss: a `---` that opens the one document is fine.
    write(dir.path(), "lead.poa.yaml", &format!("---\n{GOOD_HEAD}"));
    let o = poa(&["check", "lead.poa.yaml"], dir.path());
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn bidirectional_isolates_are_refused_and_the_marks_of_arabic_text_are_not() {
    let dir = tempfile::tempdir().unwrap();
    for (name, escape) in [("rli", "\\u2067"), ("lre", "\\u202A"), ("pdi", "\\u2069")] {
        let file = format!("{name}.poa.yaml");
        write(
            dir.path(),
            &file,
            &format!("{GOOD_HEAD}closing: \"Sent {escape}abc to the buyer\"\n"),
        );
        fails_with(
            dir.path(),
            &["check", &file],
            &[&format!("{file}:10:"), "invisible control character"],
        );
    }
    // A right-to-left mark reorders nothing: a name in Arabic may hold it.
    write(
        dir.path(),
        "rlm.poa.yaml",
        &format!("{GOOD_HEAD}closing: \"Signed by \\u200Fعمر\\u200F for the store\"\n"),
    );
    let o = poa(&["check", "rlm.poa.yaml"], dir.path());
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn a_phrase_file_of_many_phrases_with_one_first_word_all_match() {
    // 20,000 phrases under one first word: each is found (the trie's
    // children are looked up by word, not searched one by one).
    let dir = tempfile::tempdir().unwrap();
    let mut phrases = String::from("T002:\n  phrases:\n");
    for i in 0..20_000 {
        phrases.push_str(&format!("    - zorbly word{i}\n"));
    }
    write(dir.path(), "p.yaml", &phrases);
    let draft = "## Root cause\n\nThe label said zorbly word19999 on the box, and zorbly word7 on the invoice.\n";
    write(dir.path(), "d.md", draft);
    let o = poa(
        &["check", "d.md", "--phrases", "p.yaml", "--format", "json"],
        dir.path(),
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out.matches("\"T002\"").count(), 2, "{out}");
}

#[test]
fn a_template_whose_loops_never_end_is_given_up_and_named() {
    // Attack class 34: loops in loops over one range (its numbers counted
    // once by the range budget) ran for hours. Four deep is 10^12 turns.
    let (dir, _) = copy_example("late-shipment.poa.yaml");
    std::fs::create_dir_all(dir.path().join("t")).unwrap();
    std::fs::write(
        dir.path().join("t/letter.md"),
        "{% set r = range(end=1000) %}{% for a in r %}{% for b in r %}{% for c in r %}{% for d in r %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}ok\n",
    )
    .unwrap();
    let err = fails_with(
        dir.path(),
        &[
            "render",
            "late-shipment.poa.yaml",
            "--templates",
            "t",
            "-o",
            "o.md",
        ],
        &[
            "template letter.md",
            "more than 10 seconds",
            "check its loops",
        ],
    );
    assert!(!dir.path().join("o.md").exists(), "{err}");
    // Near miss: one loop over the same range renders.
    std::fs::write(
        dir.path().join("t/letter.md"),
        "{% set r = range(end=1000) %}{% for a in r %}{% endfor %}ok\n",
    )
    .unwrap();
    let o = poa(
        &[
            "render",
            "late-shipment.poa.yaml",
            "--templates",
            "t",
            "-o",
            "o.md",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("o.md")).unwrap(),
        "ok\n"
    );
}

#[test]
fn a_letter_written_to_its_default_name_with_o_is_still_poas() {
    // Re-run observation: `render -o x.md` over the default name was not
    // recorded, so after the case changed the next `render` refused with
    // "poa did not write this file".
    let (dir, _) = copy_example("late-shipment.poa.yaml");
    let name = "late-shipment.poa.yaml";
    let md = "late-shipment.md".to_string();
    let change = |to: &str| {
        let p = dir.path().join(name);
        let text = std::fs::read_to_string(&p).unwrap();
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with("legal_name:"))
            .unwrap()
            .to_string();
        std::fs::write(&p, text.replace(&line, &format!("  legal_name: {to}"))).unwrap();
    };
    let o = poa(&["render", name, "-o", &md], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    change("Harbor Lane Goods Inc");
    let o = poa(&["render", name], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(dir.path().join(&md))
            .unwrap()
            .contains("Harbor Lane Goods Inc")
    );
    // Near miss: a letter edited by hand since is still kept.
    std::fs::write(dir.path().join(&md), "My own letter.\n").unwrap();
    change("Harbor Lane Goods LLC");
    let o = poa(&["render", name], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("poa did not write this file"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join(&md)).unwrap(),
        "My own letter.\n"
    );
}

#[test]
fn a_closed_standard_error_is_no_crash() {
    // More error lines than a pipe holds, so some are written after the
    // reading end is closed, whenever the child starts.
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for i in 0..1000 {
        files.push(write(
            dir.path(),
            &format!("b{i:04}.poa.yaml"),
            "seller: [\n",
        ));
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_poa"))
        .arg("check")
        .args(&files)
        .current_dir(dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_eq!(
        status.code(),
        Some(2),
        "unreadable files exit 2, as with stderr open, not a panic's 101"
    );
}
