//! The notice reader on the notices under tests/notices: violation, ASINs,
//! orders, dates and asks must be read right on every one, and text that is
//! not a notice must not be forced into a violation.

use std::path::Path;

use poa::notice::{self, Confidence};
use poa::playbook::Lang;

#[derive(serde::Deserialize)]
struct Expect {
    violation: Option<String>,
    also: Vec<String>,
    asins: Vec<String>,
    orders: Vec<String>,
    received: Option<String>,
    deadline: Option<String>,
    asks: Vec<String>,
    language: String,
}

#[test]
fn every_test_notice_is_read_right() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/notices");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 8);
    let mut failures = Vec::new();
    let mut kinds = std::collections::BTreeSet::new();
    for p in &names {
        let name = p.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(p).unwrap();
        let e: Expect = poa::case::data_from_yaml(
            &std::fs::read_to_string(p.with_extension("expect.yaml")).unwrap(),
            &name,
        )
        .unwrap();
        let r = notice::read(&text);
        let mut fail = |what: &str, got: String, want: String| {
            if got != want {
                failures.push(format!("{name}: {what}: got {got}, want {want}"));
            }
        };
        match &e.violation {
            None => fail("violation", format!("{:?}", r.violation), "None".into()),
            Some(v) => {
                kinds.insert(v.clone());
                let ok = r
                    .violation
                    .is_some_and(|g| g == v || e.also.iter().any(|a| a == g));
                if !ok {
                    fail(
                        "violation",
                        format!(
                            "{:?} ({:?})",
                            r.violation,
                            r.ranking.iter().take(3).collect::<Vec<_>>()
                        ),
                        v.clone(),
                    );
                }
                if !e.also.is_empty() {
                    fail(
                        "confidence",
                        format!("{:?}", r.confidence),
                        "NotSure".into(),
                    );
                    let top2: Vec<&str> = r.ranking.iter().take(2).map(|x| x.0).collect();
                    for a in e.also.iter().chain(std::iter::once(v)) {
                        if !top2.contains(&a.as_str()) {
                            fail(
                                "runner-up",
                                format!("{top2:?}"),
                                format!("{a} among the top two"),
                            );
                        }
                    }
                } else {
                    fail("confidence", format!("{:?}", r.confidence), "Sure".into());
                }
            }
        }
        if e.violation.is_none() {
            fail(
                "confidence",
                format!("{:?}", r.confidence),
                format!("{:?}", Confidence::NotANotice),
            );
        }
        fail("asins", format!("{:?}", r.asins), format!("{:?}", e.asins));
        fail(
            "orders",
            format!("{:?}", r.orders),
            format!("{:?}", e.orders),
        );
        fail(
            "received",
            format!("{:?}", r.received.map(|d| d.to_string())),
            format!("{:?}", e.received),
        );
        fail(
            "deadline",
            format!("{:?}", r.deadline.map(|d| d.to_string())),
            format!("{:?}", e.deadline),
        );
        fail("asks", format!("{:?}", r.asks), format!("{:?}", e.asks));
        let lang = match r.language {
            Lang::En => "en",
            Lang::Zh => "zh",
        };
        if e.violation.is_some() {
            fail("language", lang.into(), e.language.clone());
        }
    }
    assert!(
        kinds.len() >= 8,
        "the corpus covers {} violations",
        kinds.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_notice_pasted_with_cr_line_breaks_reads_as_the_same_notice() {
    // Terminals send each line break of a paste as CR; files from Windows
    // end lines with CRLF.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/notices");
    let mut checked = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        // Some fixtures are CRLF already: start from plain line feeds.
        let text = std::fs::read_to_string(&p).unwrap().replace("\r\n", "\n");
        let lf = notice::read(&text);
        for breaks in ["\r", "\r\n"] {
            let pasted = notice::read(&text.replace('\n', breaks));
            let name = p.display();
            assert_eq!(pasted.violation, lf.violation, "{name}");
            assert_eq!(pasted.received, lf.received, "{name}");
            assert_eq!(pasted.deadline, lf.deadline, "{name}");
            assert_eq!(pasted.asins, lf.asins, "{name}");
            assert_eq!(pasted.orders, lf.orders, "{name}");
            assert_eq!(pasted.asks, lf.asks, "{name}: the questions survive");
        }
        checked += 1;
    }
    assert!(checked >= 8);
}
