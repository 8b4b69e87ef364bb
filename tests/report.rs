//! `poa report` on a consultant's folder: 30-odd cases in every state
//! (overdue, due, needing work, ready, broken, drafts, exported or not,
//! in subfolders), made from the shipped examples with their dates moved.

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::poa;

const TODAY: &str = "2026-11-22";

fn day(offset: i64) -> String {
    TODAY
        .parse::<poa::case::Date>()
        .unwrap()
        .add_days(offset)
        .to_string()
}

/// An example with its notice received `ago` days before TODAY, and the
/// lines given replacing its own (`("store_name", "…")`).
fn case_text(example: &str, ago: i64, set: &[(&str, &str)]) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(example);
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = String::new();
    for line in text.lines() {
        let key = line.trim_start().split(':').next().unwrap_or("");
        if line.starts_with("  received:") {
            out.push_str(&format!("  received: {}\n", day(-ago)));
            continue;
        }
        match set
            .iter()
            .find(|(k, _)| *k == key && line.starts_with("  "))
        {
            Some((k, v)) => out.push_str(&format!("  {k}: {v}\n")),
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// What the folder holds, for the tests to compare with.
struct Folder {
    dir: tempfile::TempDir,
    /// Case files a report must list (not the hidden or tools' ones).
    cases: usize,
    drafts: usize,
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

fn folder() -> Folder {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut cases = 0;
    let good = [
        "dispute-restricted.poa.yaml",
        "inauthentic-invoices.poa.yaml",
        "ip-complaint.poa.yaml",
        "late-shipment.poa.yaml",
        "order-defect.poa.yaml",
        "review-manipulation.poa.yaml",
    ];
    // Each good example ready (16 days left), due (2 left) and overdue
    // (3 days late).
    for ex in good {
        let stem = ex.trim_end_matches(".poa.yaml");
        for (state, ago) in [("ready", 1), ("due", 15), ("overdue", 20)] {
            write(
                d,
                &format!("{stem}-{state}.poa.yaml"),
                &case_text(ex, ago, &[]),
            );
            cases += 1;
        }
    }
    // The weak draft needs work, and is due besides.
    write(
        d,
        "weak-needs-work.poa.yaml",
        &case_text("weak-draft.poa.yaml", 1, &[]),
    );
    write(
        d,
        "weak-due.poa.yaml",
        &case_text("weak-draft.poa.yaml", 16, &[]),
    );
    cases += 2;
    // A 72-hour notice: its own deadline, tomorrow.
    let mut h72 = case_text("late-shipment.poa.yaml", 1, &[]);
    h72 = h72.replacen(
        "  received:",
        &format!("  deadline: {}\n  received:", day(1)),
        1,
    );
    write(d, "72-hours.poa.yaml", &h72);
    cases += 1;
    // A Chinese store, and a client's store name that is markup.
    write(
        d,
        "clients/shenzhen/hengyue.poa.yaml",
        &case_text(
            "inauthentic-invoices.poa.yaml",
            2,
            &[("store_name", "恒月家居旗舰店")],
        ),
    );
    write(
        d,
        "clients/acme/markup.poa.yaml",
        &case_text(
            "late-shipment.poa.yaml",
            3,
            &[("store_name", "\"<img src=x onerror=alert(1)>\"")],
        ),
    );
    write(
        d,
        "clients/acme/deep/under/here/order.poa.yaml",
        &case_text("order-defect.poa.yaml", 4, &[]),
    );
    // The short ending is a case file as well.
    write(
        d,
        "clients/acme/restricted.poa.yml",
        &case_text("dispute-restricted.poa.yaml", 5, &[]),
    );
    write(
        d,
        "clients/acme/reviews.poa.yaml",
        &case_text("review-manipulation.poa.yaml", 6, &[]),
    );
    cases += 5;
    // Broken: YAML that does not parse, an empty file, a key no case has.
    write(d, "broken-yaml.poa.yaml", "version: 1\nseller: [unclosed\n");
    write(d, "empty.poa.yaml", "");
    write(
        d,
        "unknown-key.poa.yaml",
        &case_text("late-shipment.poa.yaml", 1, &[]).replacen("seller:", "sellr:", 1),
    );
    cases += 3;
    // Exported: one whose documents are as new as it, one changed since.
    for name in ["exported-current", "exported-stale"] {
        write(
            d,
            &format!("{name}.poa.yaml"),
            &case_text("ip-complaint.poa.yaml", 1, &[]),
        );
        let o = poa(
            &["render", &format!("{name}.poa.yaml"), "--format", "md"],
            d,
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let o = poa(
            &["render", &format!("{name}.poa.yaml"), "--format", "txt"],
            d,
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        cases += 1;
    }
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .append(true)
        .open(d.join("exported-stale.poa.yaml"))
        .unwrap()
        .set_modified(later)
        .unwrap();
    // Drafts a client sent, and files a report must not list.
    write(
        d,
        "clients/acme/client-draft.md",
        "# Plan of Action\n\n## Root cause\n\nWe has many orders delay, buyer give negative feedback.\n\n## Corrective actions\n\nWe will check every order.\n\n## Preventive measures\n\nWe guarantee this never happen again.\n",
    );
    write(
        d,
        "notes.txt",
        "Call the client on Monday about the invoices.\n",
    );
    let drafts = 2;
    write(
        d,
        ".git/old.poa.yaml",
        &case_text("late-shipment.poa.yaml", 1, &[]),
    );
    write(
        d,
        "target/copy.poa.yaml",
        &case_text("late-shipment.poa.yaml", 1, &[]),
    );
    // A letter sent (`poa submit`) is a case's history, not a case.
    write(
        d,
        "clients/late.submitted/2026-11-10.poa.yaml",
        &case_text("late-shipment.poa.yaml", 5, &[]),
    );
    Folder { dir, cases, drafts }
}

fn json(f: &Folder, extra: &[&str]) -> (serde_json::Value, Output) {
    let mut args = vec!["report", "--today", TODAY, "--format", "json"];
    args.extend_from_slice(extra);
    let o = poa(&args, f.dir.path());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)));
    (v, o)
}

fn cases(v: &serde_json::Value) -> &Vec<serde_json::Value> {
    v["cases"].as_array().unwrap()
}

fn by_file<'a>(v: &'a serde_json::Value, file: &str) -> &'a serde_json::Value {
    cases(v)
        .iter()
        .find(|c| c["file"].as_str().unwrap().ends_with(file))
        .unwrap_or_else(|| panic!("no row for {file}"))
}

#[test]
fn every_case_of_the_folder_has_a_row_in_deadline_order() {
    let f = folder();
    assert!(f.cases >= 30, "the folder should hold 30 cases or more");
    let (v, o) = json(&f, &[]);
    let rows = cases(&v);
    assert_eq!(rows.len(), f.cases, "{rows:#?}");
    // Hidden folders and tools' folders are not looked into.
    assert!(
        rows.iter()
            .all(|c| !c["file"].as_str().unwrap().contains(".git")
                && !c["file"].as_str().unwrap().contains("target")
                && !c["file"].as_str().unwrap().contains(".submitted"))
    );
    // A folder several levels down is.
    by_file(&v, "deep/under/here/order.poa.yaml");
    let deadlines: Vec<Option<&str>> = rows.iter().map(|c| c["deadline"].as_str()).collect();
    let dated: Vec<&str> = deadlines.iter().flatten().copied().collect();
    let mut sorted = dated.clone();
    sorted.sort();
    assert_eq!(dated, sorted, "rows go by deadline");
    // The undated (broken) rows come last.
    let first_undated = deadlines.iter().position(Option::is_none).unwrap();
    assert!(deadlines[first_undated..].iter().all(Option::is_none));
    // Broken files make the exit status 2, as for `check`.
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn each_row_has_the_status_a_consultant_would_give_it() {
    let f = folder();
    let (v, _) = json(&f, &[]);
    let status = |file: &str| by_file(&v, file)["status"].as_str().unwrap().to_string();
    assert_eq!(status("late-shipment-ready.poa.yaml"), "ready");
    assert_eq!(by_file(&v, "late-shipment-ready.poa.yaml")["days_left"], 16);
    assert_eq!(status("late-shipment-due.poa.yaml"), "due");
    assert_eq!(by_file(&v, "late-shipment-due.poa.yaml")["days_left"], 2);
    assert_eq!(status("late-shipment-overdue.poa.yaml"), "overdue");
    assert_eq!(
        by_file(&v, "late-shipment-overdue.poa.yaml")["days_left"],
        -3
    );
    assert_eq!(status("weak-needs-work.poa.yaml"), "needs-work");
    assert!(
        by_file(&v, "weak-needs-work.poa.yaml")["errors"]
            .as_u64()
            .unwrap()
            > 0
    );
    // The notice's own deadline (72 hours) is used, not 17 days.
    let h72 = by_file(&v, "72-hours.poa.yaml");
    assert_eq!(h72["deadline"], day(1));
    assert_eq!(h72["deadline_from_notice"], true);
    assert_eq!(h72["status"], "due");
    // Broken files say why, at their line.
    let broken = by_file(&v, "broken-yaml.poa.yaml");
    assert_eq!(broken["status"], "broken");
    assert!(
        broken["problem"]
            .as_str()
            .unwrap()
            .contains("broken-yaml.poa.yaml:"),
        "{broken}"
    );
    assert_eq!(by_file(&v, "empty.poa.yaml")["status"], "broken");
    let unknown = by_file(&v, "unknown-key.poa.yaml");
    assert!(
        unknown["problem"].as_str().unwrap().contains("sellr"),
        "{unknown}"
    );
    // The row says what the case holds.
    let zh = by_file(&v, "hengyue.poa.yaml");
    assert_eq!(zh["store"], "恒月家居旗舰店");
    assert_eq!(zh["marketplace"], "DE");
    assert_eq!(zh["violation"], "inauthentic");
    assert!(zh["words"].as_u64().unwrap() > 300);
    assert!(zh["changed"].as_str().unwrap().starts_with("20"));
}

#[test]
fn a_case_changed_after_its_export_is_told_apart() {
    let f = folder();
    let (v, _) = json(&f, &[]);
    let current = by_file(&v, "exported-current.poa.yaml");
    assert_eq!(current["exported"], "current");
    let formats: Vec<&str> = current["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["format"].as_str().unwrap())
        .collect();
    assert_eq!(formats, ["md", "txt"]);
    assert_eq!(by_file(&v, "exported-stale.poa.yaml")["exported"], "stale");
    assert_eq!(
        by_file(&v, "late-shipment-ready.poa.yaml")["exported"],
        "never"
    );
}

#[test]
fn drafts_have_rows_only_when_asked_and_exports_are_not_drafts() {
    let f = folder();
    let (v, _) = json(&f, &[]);
    assert!(cases(&v).iter().all(|c| c["draft"] == false));
    let (v, _) = json(&f, &["--drafts"]);
    let drafts: Vec<&str> = cases(&v)
        .iter()
        .filter(|c| c["draft"] == true)
        .map(|c| c["file"].as_str().unwrap())
        .collect();
    assert_eq!(drafts.len(), f.drafts, "{drafts:?}");
    // The letters poa exported beside their cases are not drafts.
    assert!(drafts.iter().all(|d| !d.contains("exported")), "{drafts:?}");
    let client = by_file(&v, "client-draft.md");
    assert!(client["errors"].as_u64().unwrap() + client["warnings"].as_u64().unwrap() > 0);
    assert_eq!(cases(&v).len(), f.cases + f.drafts);
}

#[test]
fn the_text_table_lines_up_and_ends_with_the_tally() {
    let f = folder();
    let o = poa(&["report", "--today", TODAY], f.dir.path());
    let text = String::from_utf8(o.stdout).unwrap();
    let last = text.lines().last().unwrap();
    assert!(
        last.starts_with(&format!("{} cases: ", f.cases)) && last.contains("6 overdue"),
        "{last}"
    );
    assert!(last.contains("3 broken"), "{last}");
    // A broken row is followed by why.
    let at = text
        .lines()
        .position(|l| l.contains("broken-yaml"))
        .unwrap();
    assert!(
        text.lines().nth(at + 1).unwrap().starts_with("    "),
        "{text}"
    );
    // The Chinese store name takes two columns a character: the file
    // column starts at the same column on every row.
    use unicode_width::UnicodeWidthStr;
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(".poa.yaml") && !l.starts_with("    "))
        .collect();
    let col = |l: &str| l[..l.rfind("  ").unwrap()].width();
    let first = col(rows[0]);
    assert!(rows.iter().all(|l| col(l) == first), "{text}");
    assert!(text.contains("* the notice's own deadline"));
    // Nothing the client wrote reaches the terminal raw.
    assert!(!text.contains('\u{1b}'));
}

#[test]
fn the_markdown_table_keeps_one_row_a_case() {
    let f = folder();
    let o = poa(
        &["report", "--today", TODAY, "--format", "md"],
        f.dir.path(),
    );
    let text = String::from_utf8(o.stdout).unwrap();
    let table: Vec<&str> = text.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(table.len(), f.cases + 2, "{text}");
    let cells = |l: &str| l.replace("\\|", "").matches('|').count();
    let n = cells(table[0]);
    assert!(table.iter().all(|l| cells(l) == n), "{text}");
    assert!(text.contains("恒月家居旗舰店"));
}

#[test]
fn the_html_page_stands_alone_folds_findings_and_links_documents() {
    let f = folder();
    let out = f.dir.path().join("reports").join("today.html");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let o = poa(
        &[
            "report",
            "--today",
            TODAY,
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
        ],
        f.dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Self-contained: no script, no outside style sheet or image.
    for outside in ["<script", "<link", "src=\"http", "@import"] {
        assert!(!html.contains(outside), "{outside}");
    }
    // The client's markup is text, not markup.
    assert!(!html.contains("<img"), "the store name became markup");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert_eq!(html.matches("<tbody").count(), f.cases);
    // Findings are folded under the rows that have them.
    assert!(html.matches("<details>").count() >= 1);
    assert!(
        html.contains("C004"),
        "the weak draft's findings are listed"
    );
    // The links to exported documents work from the report's folder.
    let href = html
        .split("href=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .find(|h| h.ends_with("exported-current.md"))
        .unwrap();
    assert!(out.parent().unwrap().join(href).exists(), "{href}");
}

#[test]
fn in_chinese_the_report_speaks_chinese() {
    let f = folder();
    let o = poa(&["report", "--today", TODAY, "--lang", "zh"], f.dir.path());
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.contains("截止日期") && text.contains("已逾期"),
        "{text}"
    );
    assert!(
        text.lines()
            .last()
            .unwrap()
            .starts_with(&format!("共 {} 个案件", f.cases))
    );
}

#[test]
fn a_folder_of_good_cases_exits_zero_and_a_missing_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.poa.yaml",
        &case_text("late-shipment.poa.yaml", 1, &[]),
    );
    let o = poa(&["report", "--today", TODAY], dir.path());
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let o = poa(&["report", "nowhere"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("nowhere: no such file or folder"), "{err}");
}
