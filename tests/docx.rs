//! Word documents: every example exported as `.docx` and read back (its
//! XML: Word's heading styles, real numbering, tables, the running header
//! and the page-number field, the paper; its text through poa's own Word
//! reader), a Chinese name kept as written, and Word drafts read by
//! `check` and `import`. When LibreOffice is installed, the documents are
//! converted to PDF by it and their text read back, and a draft it wrote
//! is imported.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::poa;

const EXAMPLES: [&str; 7] = [
    "dispute-restricted",
    "inauthentic-invoices",
    "ip-complaint",
    "late-shipment",
    "order-defect",
    "review-manipulation",
    "weak-draft",
];

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(format!("{name}.poa.yaml"))
}

/// A folder holding copies of the examples.
fn examples_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in EXAMPLES {
        std::fs::copy(example(name), dir.path().join(format!("{name}.poa.yaml"))).unwrap();
    }
    dir
}

/// One part of a Word file, as text.
fn part(docx: &Path, name: &str) -> String {
    let file = std::fs::File::open(docx).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{} has no {name}", docx.display()))
        .read_to_string(&mut s)
        .unwrap();
    s
}

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "poa failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The headings of the letter's Markdown, without their marks.
fn headings(md: &str) -> Vec<(usize, String)> {
    md.lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| {
            let level = l.chars().take_while(|c| *c == '#').count();
            (level, l[level..].trim().to_string())
        })
        .collect()
}

#[test]
fn every_example_is_a_word_document_with_words_own_structure() {
    let dir = examples_dir();
    for name in EXAMPLES {
        let case = format!("{name}.poa.yaml");
        ok(&poa(&["render", &case, "--format", "docx"], dir.path()));
        ok(&poa(&["render", &case, "--format", "md"], dir.path()));
        let docx = dir.path().join(format!("{name}.docx"));
        let md = std::fs::read_to_string(dir.path().join(format!("{name}.md"))).unwrap();
        let body = part(&docx, "word/document.xml");
        let styles = part(&docx, "word/styles.xml");

        // Word's built-in styles, by their built-in names.
        for (id, builtin) in [("Title", "Title"), ("Heading1", "heading 1")] {
            assert!(
                styles.contains(&format!("w:styleId=\"{id}\""))
                    && styles.contains(&format!("w:val=\"{builtin}\"")),
                "{name}: no {builtin} style"
            );
        }
        // Every heading of the letter, in its Word style.
        let text = poa::docx::text_of(&std::fs::read(&docx).unwrap()).unwrap();
        for (level, heading) in headings(&md) {
            let style = ["Title", "Heading1", "Heading2", "Heading3"][level.min(4) - 1];
            assert!(
                text.contains(&format!(
                    "{} {}",
                    "#".repeat(level),
                    heading.replace('*', "")
                )),
                "{name}: the heading {heading:?} is not read back as a level {level} heading"
            );
            assert!(
                body.contains(&format!("<w:pStyle w:val=\"{style}\" />")),
                "{name}: no paragraph in {style}"
            );
        }
        // Numbered lists numbered by Word, not typed digits.
        if md.lines().any(|l| l.starts_with("1. ")) {
            assert!(body.contains("<w:numPr>"), "{name}: no Word numbering");
            let numbering = part(&docx, "word/numbering.xml");
            assert!(numbering.contains("w:val=\"decimal\""), "{name}");
            assert!(
                !text.lines().any(|l| l.starts_with("1. 1.")),
                "{name}: the number is in the text too"
            );
        }
        // The 5W1H tables as Word tables.
        if md.contains("| Question |") {
            assert!(body.contains("<w:tbl>"), "{name}: no table");
            assert!(text.contains("What happened: "), "{name}: {text}");
        }
        // The running header names the store and the merchant token, the
        // footer counts pages with Word's fields.
        let token = md
            .lines()
            .find_map(|l| l.strip_prefix("**Merchant token:** "))
            .unwrap()
            .trim_end_matches('\\');
        let headers = part(&docx, "word/header2.xml") + &part(&docx, "word/header1.xml");
        assert!(
            headers.contains(token),
            "{name}: no merchant token in the header"
        );
        let footer = part(&docx, "word/footer1.xml");
        assert!(
            footer.contains(">PAGE<") && footer.contains(">NUMPAGES<"),
            "{name}"
        );
        // The letter's words, every one, in the same order.
        let words = |s: &str| -> Vec<String> {
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() > 3 && !w.chars().all(|c| c.is_ascii_digit()))
                .map(str::to_lowercase)
                .collect()
        };
        let printed: String = body
            .split("<w:t xml:space=\"preserve\">")
            .skip(1)
            .map(|t| format!("{} ", t.split("</w:t>").next().unwrap()))
            .collect::<String>()
            .replace("&apos;", "'")
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        let (want, got) = (words(&md), words(&printed));
        let differs = want.iter().zip(&got).position(|(a, b)| a != b);
        assert!(
            differs.is_none() && want.len() == got.len(),
            "{name}: the Word text differs from the letter at word {differs:?}: {:?}",
            differs.map(|i| (
                &want[i..(i + 6).min(want.len())],
                &got[i..(i + 6).min(got.len())]
            ))
        );
    }
}

#[test]
fn paper_follows_the_marketplace() {
    let dir = examples_dir();
    // order-defect is for Amazon.co.uk (A4); dispute-restricted is for
    // Amazon.com.au (A4); late-shipment is for the US (Letter).
    let size = |name: &str, extra: &[&str]| {
        let case = format!("{name}.poa.yaml");
        let mut args = vec!["render", case.as_str(), "--format", "docx", "-o", "x.docx"];
        args.extend_from_slice(extra);
        ok(&poa(&args, dir.path()));
        let body = part(&dir.path().join("x.docx"), "word/document.xml");
        let at = body.find("<w:pgSz ").unwrap();
        body[at..at + 40].to_string()
    };
    let us = std::fs::read_to_string(example("late-shipment")).unwrap();
    assert!(us.contains("marketplace: US"), "the example is for the US");
    assert!(size("late-shipment", &[]).contains("w:w=\"12240\""));
    assert!(size("order-defect", &[]).contains("w:w=\"11906\""));
    assert!(size("order-defect", &["--paper", "letter"]).contains("w:w=\"12240\""));
}

#[test]
fn a_chinese_name_is_kept_as_written_and_a_draft_is_marked() {
    let dir = examples_dir();
    let case = std::fs::read_to_string(example("late-shipment")).unwrap();
    let legal = case
        .lines()
        .find(|l| l.trim_start().starts_with("legal_name:"))
        .unwrap()
        .to_string();
    let case = case.replace(&legal, "  legal_name: 深圳市华南贸易有限公司");
    std::fs::write(dir.path().join("zh.poa.yaml"), case).unwrap();
    let out = poa(
        &["render", "zh.poa.yaml", "--format", "docx", "--draft"],
        dir.path(),
    );
    ok(&out);
    // Word has the fonts: nothing was printed as "?", nothing to warn of.
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("warning"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docx = dir.path().join("zh.docx");
    let text = poa::docx::text_of(&std::fs::read(&docx).unwrap()).unwrap();
    assert!(text.contains("深圳市华南贸易有限公司"), "{text}");
    assert!(text.contains("DRAFT, NOT FOR SUBMISSION"));
    assert!(part(&docx, "word/header2.xml").contains("DRAFT"));
    // The Chinese has a Chinese face to fall to.
    assert!(part(&docx, "word/styles.xml").contains("w:eastAsia="));
}

#[test]
fn a_word_draft_is_checked_and_imported() {
    let dir = examples_dir();
    ok(&poa(
        &[
            "render",
            "order-defect.poa.yaml",
            "--format",
            "docx",
            "-o",
            "client.docx",
        ],
        dir.path(),
    ));
    let before = std::fs::read(dir.path().join("client.docx")).unwrap();
    // Checked as a draft, with its sections found.
    let out = poa(&["check", "client.docx", "--fix"], dir.path());
    let said =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(!said.contains("no section headings"), "{said}");
    assert!(said.contains("client.docx"), "{said}");
    assert!(
        said.contains("a Word file is not changed by --fix"),
        "{said}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("client.docx")).unwrap(),
        before
    );
    // A Word file named as text is told by its bytes, and left alone too.
    std::fs::write(dir.path().join("client.txt"), &before).unwrap();
    let out = poa(&["check", "client.txt", "--fix"], dir.path());
    let said =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("a Word file is not changed by --fix"),
        "{said}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("client.txt")).unwrap(),
        before
    );
    // Imported into a case with the letter's causes, actions and measures.
    ok(&poa(&["import", "client.docx"], dir.path()));
    let case = poa::case::from_yaml(
        &std::fs::read_to_string(dir.path().join("client.poa.yaml")).unwrap(),
        "client.poa.yaml",
    )
    .unwrap();
    let original = poa::case::from_yaml(
        &std::fs::read_to_string(example("order-defect")).unwrap(),
        "order-defect.poa.yaml",
    )
    .unwrap();
    assert_eq!(case.root_causes.len(), original.root_causes.len());
    assert_eq!(
        case.corrective_actions.len(),
        original.corrective_actions.len()
    );
    assert_eq!(
        case.preventive_measures.len(),
        original.preventive_measures.len()
    );
    assert_eq!(case.root_causes[0].who, original.root_causes[0].who);
}

#[test]
fn a_zip_that_is_not_a_word_file_is_named_and_explained() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.docx");
    let file = std::fs::File::create(&path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    zip.start_file("readme.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut zip, b"hello").unwrap();
    zip.finish().unwrap();
    let out = poa(&["check", "notes.docx"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("notes.docx: is a zip archive, but not a Word document"),
        "{err}"
    );
    assert!(err.contains("save it again as .docx"), "{err}");
    let out = poa(&["import", "notes.docx"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("notes.poa.yaml").exists());
}

/// LibreOffice, when this machine has it.
fn soffice() -> Option<PathBuf> {
    ["soffice", "libreoffice"].iter().find_map(|name| {
        let ok = Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then(|| PathBuf::from(name))
    })
}

/// Converts files with LibreOffice, with a profile of its own (so tests
/// and a running LibreOffice do not share one).
fn convert(soffice: &Path, to: &str, files: &[PathBuf], dir: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
        .arg(dir)
        .args(files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "LibreOffice failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn libreoffice_opens_every_example_and_prints_its_text() {
    let Some(soffice) = soffice() else {
        eprintln!("LibreOffice is not installed: the conversion test is skipped");
        return;
    };
    let dir = examples_dir();
    let pdfs = dir.path().join("pdf");
    std::fs::create_dir(&pdfs).unwrap();
    let mut files = Vec::new();
    for name in EXAMPLES {
        let case = format!("{name}.poa.yaml");
        ok(&poa(&["render", &case, "--format", "docx"], dir.path()));
        ok(&poa(&["render", &case, "--format", "md"], dir.path()));
        files.push(dir.path().join(format!("{name}.docx")));
    }
    convert(&soffice, "pdf", &files, &pdfs);
    for name in EXAMPLES {
        let pdf = pdfs.join(format!("{name}.pdf"));
        let doc = lopdf::Document::load(&pdf)
            .unwrap_or_else(|e| panic!("{name}: LibreOffice wrote no readable PDF: {e}"));
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        let printed = doc.extract_text(&pages).unwrap();
        let printed: String = printed.split_whitespace().collect::<Vec<_>>().join(" ");
        let md = std::fs::read_to_string(dir.path().join(format!("{name}.md"))).unwrap();
        // The letter's plain sentences are printed.
        let sentences: Vec<&str> = md
            .lines()
            .map(|l| l.trim().trim_end_matches('\\'))
            .filter(|l| l.len() > 40 && l.is_ascii() && !l.contains(['*', '|', '#', '_', '`']))
            .filter(|l| !l.starts_with(|c: char| c == '-' || c.is_ascii_digit()))
            .take(12)
            .collect();
        assert!(!sentences.is_empty(), "{name}");
        for s in sentences {
            let head: String = s.split_whitespace().take(5).collect::<Vec<_>>().join(" ");
            assert!(
                printed.contains(&head),
                "{name}: {head:?} is not in LibreOffice's PDF"
            );
        }
        assert!(printed.contains("Page 1 of"), "{name}: no page footer");
    }
}

#[test]
fn a_draft_libreoffice_wrote_is_imported() {
    let Some(soffice) = soffice() else {
        eprintln!("LibreOffice is not installed: the Word import test is skipped");
        return;
    };
    // A seller's draft with headings, a numbered and a bulleted list and
    // a table, as a web page; LibreOffice saves it as a Word document.
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("draft.html");
    std::fs::write(
        &html,
        "<html><body>\
<h1>Plan of Action for Late Shipment Rate</h1>\
<p>Dear Seller Performance Team,</p>\
<h2>Root cause</h2>\
<p>Our packer missed the 14:00 carrier pick-up on 14 orders from 3 to 9 November 2026, because the carrier moved the pick-up from 17:00 and we kept our old packing schedule.</p>\
<table border=\"1\"><tr><td>Who was involved</td><td>The warehouse manager, who kept the schedule</td></tr></table>\
<h2>Corrective actions</h2>\
<ol><li>We shipped all 14 late orders on 10 November 2026.</li>\
<li>We moved the start of packing to 11:00 on 11 November 2026.</li></ol>\
<h2>Preventive measures</h2>\
<ul><li>The operations manager checks the carrier's pick-up time every Monday.</li>\
<li>A second packer works on days with more than 80 orders, from 12 November 2026.</li></ul>\
<p>Sincerely,<br>Li Wei (李伟)</p>\
</body></html>",
    )
    .unwrap();
    convert(&soffice, "docx:MS Word 2007 XML", &[html], dir.path());
    let text = poa::docx::text_of(&std::fs::read(dir.path().join("draft.docx")).unwrap()).unwrap();
    assert!(text.contains("## Corrective actions"), "{text}");
    assert!(text.contains("1. We shipped all 14"), "{text}");
    assert!(text.contains("- The operations manager"), "{text}");
    ok(&poa(&["import", "draft.docx"], dir.path()));
    let case = poa::case::from_yaml(
        &std::fs::read_to_string(dir.path().join("draft.poa.yaml")).unwrap(),
        "draft.poa.yaml",
    )
    .unwrap();
    assert_eq!(case.root_causes.len(), 1);
    assert!(case.root_causes[0].who.contains("warehouse manager"));
    assert_eq!(case.corrective_actions.len(), 2);
    assert_eq!(case.preventive_measures.len(), 2);
    assert_eq!(
        case.corrective_actions[1].done_on.map(|d| d.to_string()),
        Some("2026-11-11".into())
    );
}
