//! Every embedded playbook is held to the schema of
//! templates/playbooks/README.md: ids, both languages, placeholders, counts.

use std::collections::BTreeSet;

use poa::case::EvidenceKind;
use poa::playbook::{self, Both, Guide, Lang, Text};

const GUIDE_FIELDS: [&str; 11] = [
    "root_causes.summary",
    "root_causes.what",
    "root_causes.when",
    "root_causes.where",
    "root_causes.who",
    "root_causes.why",
    "root_causes.how",
    "corrective_actions.action",
    "preventive_measures.measure",
    "explanation",
    "evidence.title",
];

/// Braces balance, and what is inside is lower-case words.
fn placeholders_ok(text: &str) -> Result<BTreeSet<String>, String> {
    let mut found = BTreeSet::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match c {
            '{' if open.is_some() => return Err(format!("nested brace in {text:?}")),
            '{' => open = Some(i),
            '}' => {
                let s = open
                    .take()
                    .ok_or_else(|| format!("unopened brace in {text:?}"))?;
                let inner = &text[s + 1..i];
                if inner.is_empty() || !inner.chars().all(|c| c.is_ascii_lowercase() || c == ' ') {
                    return Err(format!(
                        "placeholder {{{inner}}} is not lower-case words in {text:?}"
                    ));
                }
                found.insert(inner.to_string());
            }
            _ => {}
        }
    }
    match open {
        Some(_) => Err(format!("unclosed brace in {text:?}")),
        None => Ok(found),
    }
}

fn both_present(what: &str, t: &Text, errors: &mut Vec<String>) {
    if t.en.trim().is_empty() || t.zh.trim().is_empty() {
        errors.push(format!("{what}: a language is missing"));
        return;
    }
    match (placeholders_ok(&t.en), placeholders_ok(&t.zh)) {
        (Ok(a), Ok(b)) if a != b => errors.push(format!(
            "{what}: placeholders differ between en {a:?} and zh {b:?}"
        )),
        (Err(e), _) | (_, Err(e)) => errors.push(format!("{what}: {e}")),
        _ => {}
    }
    if t.zh.is_ascii() {
        errors.push(format!("{what}: the zh text is not Chinese: {:?}", t.zh));
    }
}

fn guide_ok(what: &str, g: &Both<Guide>, errors: &mut Vec<String>) {
    for lang in [Lang::En, Lang::Zh] {
        let x = g.get(lang);
        for (part, text) in [
            ("question", &x.question),
            ("hint", &x.hint),
            ("example", &x.example),
        ] {
            if text.trim().is_empty() {
                errors.push(format!("{what} {}.{part} is empty", lang.code()));
            }
        }
    }
    if g.zh.question.is_ascii() {
        errors.push(format!("{what}: zh question is not Chinese"));
    }
}

#[test]
fn every_playbook_meets_the_schema() {
    let all = playbook::all();
    assert!(all.len() >= 16, "only {} playbooks", all.len());
    let mut errors = Vec::new();
    let mut ids = BTreeSet::new();
    for pb in all {
        let id = &pb.id;
        if !ids.insert(id.clone()) {
            errors.push(format!("{id}: duplicate id"));
        }
        let kebab = !id.is_empty()
            && id.split('-').all(|w| {
                !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
        if !kebab {
            errors.push(format!("{id}: id is not kebab-case"));
        }
        if pb.keywords.en.is_empty() || pb.keywords.zh.is_empty() {
            errors.push(format!("{id}: keywords need both languages"));
        }
        if pb.asks.len() < 3 {
            errors.push(format!("{id}: fewer than 3 asks"));
        }
        for field in GUIDE_FIELDS {
            match pb.guide.get(field) {
                Some(g) => guide_ok(&format!("{id} guide {field}"), g, &mut errors),
                None => errors.push(format!("{id}: guide field {field} is missing")),
            }
        }
        if pb.metric.is_some() && !pb.guide.contains_key("metrics") {
            errors.push(format!("{id}: has a metric but no guide for metrics"));
        }
        if pb.root_causes.len() < 3 {
            errors.push(format!("{id}: fewer than 3 root causes"));
        }
        if pb.corrective.len() < 5 || pb.preventive.len() < 5 {
            errors.push(format!(
                "{id}: fewer than 5 corrective or preventive suggestions"
            ));
        }
        for (i, c) in pb.root_causes.iter().enumerate() {
            both_present(
                &format!("{id} root_causes[{i}].summary"),
                &c.summary,
                &mut errors,
            );
            both_present(&format!("{id} root_causes[{i}].why"), &c.why, &mut errors);
        }
        for (i, a) in pb.corrective.iter().enumerate() {
            both_present(
                &format!("{id} corrective[{i}].action"),
                &a.action,
                &mut errors,
            );
            both_present(
                &format!("{id} corrective[{i}].owner"),
                &a.owner,
                &mut errors,
            );
        }
        for (i, m) in pb.preventive.iter().enumerate() {
            both_present(
                &format!("{id} preventive[{i}].measure"),
                &m.measure,
                &mut errors,
            );
            both_present(
                &format!("{id} preventive[{i}].owner"),
                &m.owner,
                &mut errors,
            );
            both_present(
                &format!("{id} preventive[{i}].cadence"),
                &m.cadence,
                &mut errors,
            );
        }
        let dispute_evidence = pb.dispute.iter().flat_map(|d| d.evidence.iter());
        for (i, e) in pb.evidence.iter().chain(dispute_evidence).enumerate() {
            both_present(&format!("{id} evidence[{i}].title"), &e.title, &mut errors);
            if e.must_show.en.is_empty() || e.must_show.en.len() != e.must_show.zh.len() {
                errors.push(format!(
                    "{id} evidence[{i}]: must_show needs the same items in both languages"
                ));
            }
            if e.kind == EvidenceKind::Invoice && e.window_days != Some(365) {
                errors.push(format!(
                    "{id} evidence[{i}]: invoices must be dated within 365 days"
                ));
            }
        }
        let m = pb.minimums;
        if m.root_causes == 0 || m.corrective_actions == 0 || m.preventive_measures == 0 {
            errors.push(format!("{id}: minimums must be at least 1"));
        }
    }
    assert!(
        errors.is_empty(),
        "{} problems:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

#[test]
fn the_required_violations_have_playbooks() {
    for id in [
        "order-defect-rate",
        "late-shipment-rate",
        "cancellation-rate",
        "valid-tracking-rate",
        "inauthentic",
        "ip-trademark",
        "ip-copyright",
        "used-sold-as-new",
        "product-safety",
        "restricted-products",
        "listing-policy",
        "fair-pricing",
        "review-manipulation",
        "messaging-policy",
        "related-accounts",
        "dropshipping",
    ] {
        assert!(playbook::get(id).is_some(), "no playbook {id}");
    }
}

#[test]
fn inauthentic_requires_recent_invoices_that_show_the_supplier() {
    let pb = playbook::get("inauthentic").unwrap();
    let inv = pb
        .evidence
        .iter()
        .find(|e| e.kind == EvidenceKind::Invoice)
        .expect("an invoice entry");
    assert!(inv.required);
    assert_eq!(inv.window_days, Some(365));
    let shows = inv.must_show.en.join(" ").to_lowercase();
    for needed in ["supplier", "address", "phone", "date", "quantit"] {
        assert!(
            shows.contains(needed),
            "invoice must show {needed}: {shows}"
        );
    }
}

#[test]
fn the_shared_interview_covers_every_field_in_both_languages() {
    let interview = playbook::interview();
    let mut errors = Vec::new();
    // Every field the editor asks, from the field table, and the metric
    // section's own guide.
    let fields = poa::case::schema::FIELDS
        .iter()
        .filter(|f| f.in_editor)
        .map(|f| f.guide)
        .chain(["metrics"]);
    for field in fields {
        match interview.get(field) {
            Some(g) => guide_ok(&format!("interview {field}"), g, &mut errors),
            None => errors.push(format!("interview: {field} is missing")),
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn every_playbook_file_is_embedded() {
    let on_disk: BTreeSet<String> = std::fs::read_dir("templates/playbooks")
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .map(|n| n.trim_end_matches(".yaml").to_string())
        .collect();
    let embedded: BTreeSet<String> = playbook::all().iter().map(|p| p.id.clone()).collect();
    assert_eq!(on_disk, embedded, "file names must equal the ids");
}

#[test]
fn a_near_miss_of_an_id_is_recognised_but_never_guessed() {
    assert_eq!(
        playbook::closest("late-shipment"),
        Some("late-shipment-rate")
    );
    assert_eq!(
        playbook::closest("Late Shipment Rate"),
        Some("late-shipment-rate")
    );
    assert_eq!(playbook::closest("trademark"), Some("ip-trademark"));
    assert_eq!(playbook::closest("OTHER"), Some("other"));
    // Several ids fit, or too little was typed: no guess.
    assert_eq!(playbook::closest("rate"), None);
    assert_eq!(playbook::closest("ip"), None);
    assert_eq!(playbook::closest("shipping too slow"), None);
}

#[test]
fn plurals_and_spaces_do_not_hide_an_id() {
    assert_eq!(
        playbook::closest("late-shipments"),
        Some("late-shipment-rate")
    );
    assert_eq!(
        playbook::closest("expired product"),
        Some("expired-products")
    );
    assert_eq!(
        playbook::closest("Related Account"),
        Some("related-accounts")
    );
}
