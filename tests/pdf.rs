//! The PDF: the layout of every example (snapshots of positioned lines),
//! the file read back with a PDF text extractor, paper sizes, fonts, a long
//! case, determinism, and what happens to characters the fonts lack.

use poa::case::{self, Case, Date};
use poa::compose::{self, Templates};
use poa::layout::{self, Item, Laid, Paper, Setup};
use poa::markup;
use poa::pdf;

mod common;
use common::{example, example_names as examples};

fn date_of(c: &Case) -> Date {
    c.dated.unwrap_or_else(|| "2026-11-20".parse().unwrap())
}

fn paper_of(c: &Case) -> Paper {
    if c.uses_letter_paper() {
        Paper::Letter
    } else {
        Paper::A4
    }
}

fn setup_of(c: &Case) -> Setup {
    Setup {
        paper: paper_of(c),
        header_left: format!(
            "{} · Merchant token {}",
            c.seller.store_name, c.seller.merchant_token
        ),
        header_right: "Plan of Action · date".into(),
    }
}

fn markdown(c: &Case) -> String {
    Templates::embedded()
        .markdown(&compose::letter(c, date_of(c)).unwrap())
        .unwrap()
}

fn laid(c: &Case) -> Laid {
    layout::layout(&markup::parse(&markdown(c)), &setup_of(c))
}

fn pdf_bytes(c: &Case) -> Vec<u8> {
    let info = pdf::Info {
        title: format!("Plan of Action — {}", c.seller.legal_name),
        author: c.seller.legal_name.clone(),
        subject: c.notice.violation.clone(),
        keywords: vec![],
        date: (2026, 11, 20),
        archival: false,
    };
    pdf::write(&laid(c), &info).expect("the PDF is written")
}

/// The text of every page, read back with lopdf.
fn extract(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).expect("the PDF parses");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages
        .iter()
        .map(|p| doc.extract_text(&[*p]).unwrap_or_default())
        .collect()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn layout_of_every_example() {
    for name in examples() {
        let c = example(&name);
        insta::assert_snapshot!(
            format!("layout-{}", name.trim_end_matches(".poa.yaml")),
            layout::describe(&laid(&c))
        );
    }
}

#[test]
fn nothing_is_drawn_outside_the_margins() {
    for name in examples() {
        let l = laid(&example(&name));
        for (i, p) in l.pages.iter().enumerate() {
            for it in &p.items {
                if let Item::Text {
                    x,
                    y,
                    font,
                    size,
                    text,
                    ..
                } = it
                {
                    let w = layout::font::width(*font, text, *size);
                    let body = *y > 60.0 && *y < p.height - 50.0;
                    if body {
                        assert!(
                            *x >= 71.9 && x + w <= p.width - 71.9,
                            "{name} p{}: {text} at {x} (+{w})",
                            i + 1
                        );
                        assert!(
                            *y >= 72.0 && *y <= p.height - 72.0 + 0.5,
                            "{name} p{}: {text} at y {y}",
                            i + 1
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn the_pdf_holds_every_title_token_sentence_and_page_number() {
    for name in examples() {
        let c = example(&name);
        let bytes = pdf_bytes(&c);
        let pages = extract(&bytes);
        let n = pages.len();
        let mut all = String::new();
        for (i, p) in pages.iter().enumerate() {
            assert!(
                p.contains(&format!("Page {} of {n}", i + 1)),
                "{name}: page {} has no footer",
                i + 1
            );
            // Drop the running header and footer so a sentence split across pages reads whole.
            let body: Vec<&str> = p
                .lines()
                .filter(|l| {
                    !l.starts_with("Page ")
                        && !l.contains("Merchant token ")
                        && !l.starts_with("Plan of Action · ")
                })
                .collect();
            all.push_str(&body.join("\n"));
            all.push('\n');
        }
        // The PDF curls quotes; the case holds them straight.
        let text = squash(&all)
            .replace(['\u{2018}', '\u{2019}'], "'")
            .replace(['\u{201C}', '\u{201D}'], "\"");
        assert!(
            text.contains(&c.seller.merchant_token),
            "{name}: no merchant token"
        );
        let md = markdown(&c);
        for line in md.lines().filter(|l| l.starts_with("## ")) {
            let title = line.trim_start_matches("## ").replace('\\', "");
            assert!(
                text.contains(&squash(&title)),
                "{name}: no section title {title}"
            );
        }
        for f in c.text_fields() {
            if !f.path.is_prose() || f.path.section == case::Section::Notice {
                continue;
            }
            for sentence in f
                .text
                .split(['\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                let mut s = squash(sentence.trim_start_matches("- "));
                if f.path.key == "summary" {
                    // A summary is a heading, without its full stop.
                    s = s.trim_end_matches('.').to_string();
                }
                let head: String = s.chars().take(20).collect();
                let near: Option<String> = text
                    .find(&head)
                    .map(|i| text[i..].chars().take(300).collect());
                assert!(
                    text.contains(&s),
                    "{name} {}: the PDF lacks {s:?}; near: {near:?}",
                    f.path
                );
            }
        }
    }
}

#[test]
fn paper_follows_the_marketplace() {
    for (mp, paper, w, h) in [
        ("US", Paper::Letter, 612.0, 792.0),
        ("BR", Paper::Letter, 612.0, 792.0),
        ("DE", Paper::A4, 595.28, 841.89),
        ("JP", Paper::A4, 595.28, 841.89),
    ] {
        let mut c = example("late-shipment.poa.yaml");
        c.seller.marketplace = mp.into();
        assert_eq!(paper_of(&c), paper, "{mp}");
        let doc = lopdf::Document::load_mem(&pdf_bytes(&c)).unwrap();
        let (_, page) = doc.get_pages().into_iter().next().unwrap();
        let media = doc
            .get_dictionary(page)
            .unwrap()
            .get(b"MediaBox")
            .unwrap()
            .as_array()
            .unwrap()
            .clone();
        let num = |o: &lopdf::Object| {
            o.as_float()
                .or_else(|_| o.as_i64().map(|i| i as f32))
                .unwrap()
        };
        assert!(
            (num(&media[2]) - w).abs() < 0.1 && (num(&media[3]) - h).abs() < 0.1,
            "{mp}: {media:?}"
        );
    }
}

#[test]
fn fonts_are_embedded_subset_and_mapped_to_unicode() {
    let bytes = pdf_bytes(&example("late-shipment.poa.yaml"));
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let mut fonts = 0;
    for (_, obj) in doc.objects.iter() {
        if let Ok(d) = obj.as_dict()
            && d.get(b"Type").ok().and_then(|t| t.as_name().ok())
                == Some(b"FontDescriptor".as_slice())
        {
            fonts += 1;
            assert!(d.get(b"FontFile2").is_ok(), "the font program is embedded");
            let name = String::from_utf8_lossy(d.get(b"FontName").unwrap().as_name().unwrap())
                .into_owned();
            assert!(
                name.len() > 7 && name.as_bytes()[6] == b'+',
                "subset name {name}"
            );
        }
    }
    assert!(fonts >= 3);
    assert!(
        bytes.windows(10).any(|w| w == b"/ToUnicode"),
        "text can be copied"
    );
    assert!(
        bytes.len() < 200_000,
        "subset fonts keep the file small: {} bytes",
        bytes.len()
    );
}

#[test]
fn the_document_info_names_the_case_and_claims_no_pdf_x() {
    let bytes = pdf_bytes(&example("late-shipment.poa.yaml"));
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let info_ref = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info_ref).unwrap();
    let text = |key: &[u8]| {
        let o = info.get(key).unwrap();
        lopdf::decode_text_string(o).unwrap()
    };
    assert_eq!(text(b"Title"), "Plan of Action — Harbor Lane Goods LLC");
    assert_eq!(text(b"Author"), "Harbor Lane Goods LLC");
    assert!(
        info.get(b"GTS_PDFXVersion").is_err(),
        "an empty PDF/X version makes readers call the file PDF/X"
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let c = example("order-defect.poa.yaml");
    let a = pdf_bytes(&c);
    let b = pdf_bytes(&c);
    assert!(a == b, "two renders differ");
}

/// A case long enough for 30 pages: every list many times over.
fn long_case() -> Case {
    common::repeated(&example("order-defect.poa.yaml"), 13)
}

#[test]
fn a_thirty_page_case_lays_out_and_writes() {
    let c = long_case();
    let l = laid(&c);
    assert!(l.pages.len() >= 30, "{} pages", l.pages.len());
    // Table headers repeat on the pages a table continues on, and no page
    // other than the first lacks the running header.
    for (i, p) in l.pages.iter().enumerate().skip(1) {
        assert!(
            p.items.iter().any(|it| matches!(it, Item::Text { text, y, .. } if *y < 50.0 && text.contains("Merchant token"))),
            "page {} has no running header",
            i + 1
        );
    }
    let bytes = pdf_bytes(&c);
    assert_eq!(extract(&bytes).len(), l.pages.len());
}

#[test]
fn qpdf_finds_the_files_clean() {
    if std::process::Command::new("qpdf")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("qpdf is not installed; skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for name in examples() {
        let p = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&p, pdf_bytes(&example(&name))).unwrap();
        let o = std::process::Command::new("qpdf")
            .arg("--check")
            .arg(&p)
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(
            o.status.success() && out.contains("No syntax or stream encoding errors"),
            "{name}: {out}"
        );
    }
}

#[test]
fn a_character_no_font_has_is_replaced_and_reported() {
    // Chinese letters print with a Chinese font found on the computer
    // (tests/cli.rs tries both ways); an emoji no font here has.
    let mut c = example("late-shipment.poa.yaml");
    c.root_causes[0].what = "Our supplier shipped late 📦🚚.".into();
    let l = laid(&c);
    assert!(l.missing.contains(&'📦') && l.missing.contains(&'🚚'));
    let text = squash(&extract(&pdf_bytes(&c)).join("\n"));
    assert!(text.contains("Our supplier shipped late ??."), "{text}");
}

/// The structure elements of a tagged PDF, depth first, as (depth, tag).
fn struct_tags(doc: &lopdf::Document) -> Vec<(usize, String)> {
    fn walk(
        doc: &lopdf::Document,
        obj: &lopdf::Object,
        depth: usize,
        out: &mut Vec<(usize, String)>,
    ) {
        let obj = match obj {
            lopdf::Object::Reference(r) => match doc.get_object(*r) {
                Ok(o) => o,
                Err(_) => return,
            },
            o => o,
        };
        match obj {
            lopdf::Object::Array(a) => {
                for k in a {
                    walk(doc, k, depth, out);
                }
            }
            lopdf::Object::Dictionary(d) => {
                let Ok(s) = d.get(b"S").and_then(|s| s.as_name()) else {
                    return;
                };
                out.push((depth, String::from_utf8_lossy(s).into_owned()));
                if let Ok(k) = d.get(b"K") {
                    walk(doc, k, depth + 1, out);
                }
            }
            _ => {}
        }
    }
    let root = doc
        .catalog()
        .unwrap()
        .get(b"StructTreeRoot")
        .expect("a structure tree");
    let root = doc.get_dictionary(root.as_reference().unwrap()).unwrap();
    let mut out = Vec::new();
    walk(doc, root.get(b"K").unwrap(), 0, &mut out);
    out
}

#[test]
fn the_pdf_is_tagged_in_reading_order_in_english() {
    let bytes = pdf_bytes(&example("order-defect.poa.yaml"));
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let cat = doc.catalog().unwrap();
    let lang = lopdf::decode_text_string(cat.get(b"Lang").expect("/Lang")).unwrap();
    assert_eq!(lang, "en");
    let marked = cat.get(b"MarkInfo").and_then(|m| match m {
        lopdf::Object::Reference(r) => doc.get_dictionary(*r),
        o => o.as_dict(),
    });
    assert!(
        marked.unwrap().get(b"Marked").unwrap().as_bool().unwrap(),
        "MarkInfo says the file is tagged"
    );
    let tags = struct_tags(&doc);
    let names: Vec<&str> = tags.iter().map(|(_, t)| t.as_str()).collect();
    // The title first, then the letter's blocks in the order they read.
    let first = names.iter().position(|t| *t != "Document").unwrap();
    assert_eq!(names[first], "H1", "{names:?}");
    for t in [
        "H2", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD",
    ] {
        assert!(names.contains(&t), "no {t} in {names:?}");
    }
    let h2 = names.iter().position(|t| *t == "H2").unwrap();
    let table = names.iter().position(|t| *t == "Table").unwrap();
    assert!(
        h2 < table,
        "the first section's heading comes before its table"
    );
    // Every cell sits in a row, every row in a table; every item in a list.
    for (i, (d, t)) in tags.iter().enumerate() {
        let parent = tags[..i]
            .iter()
            .rev()
            .find(|(pd, _)| pd + 1 == *d)
            .map(|(_, p)| p.as_str());
        match t.as_str() {
            "TD" | "TH" => assert_eq!(parent, Some("TR")),
            "TR" => assert_eq!(parent, Some("Table")),
            "LI" => assert_eq!(parent, Some("L")),
            "Lbl" | "LBody" => assert_eq!(parent, Some("LI")),
            _ => {}
        }
    }
}

#[test]
fn bookmarks_open_at_their_heading() {
    let c = example("order-defect.poa.yaml");
    let l = laid(&c);
    let bytes = pdf_bytes(&c);
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let outlines = doc
        .catalog()
        .unwrap()
        .get(b"Outlines")
        .unwrap()
        .as_reference()
        .unwrap();
    let outlines = doc.get_dictionary(outlines).unwrap();
    let mut at = outlines.get(b"First").unwrap().as_reference().ok();
    let mut seen = 0;
    let height = l.pages[0].height;
    while let Some(r) = at {
        let item = doc.get_dictionary(r).unwrap();
        let title = lopdf::decode_text_string(item.get(b"Title").unwrap()).unwrap();
        let b = &l.bookmarks[seen];
        assert_eq!(title, b.title);
        let dest = match item.get(b"Dest").unwrap() {
            lopdf::Object::Reference(r) => doc.get_object(*r).unwrap(),
            d => d,
        };
        let dest = dest.as_array().unwrap();
        assert_eq!(dest[1].as_name().unwrap(), b"XYZ");
        let top = dest[3].as_float().unwrap();
        assert!(
            (top - (height - b.y)).abs() < 1.0,
            "{title}: opens at {top}, its heading is at {}",
            height - b.y
        );
        assert!(
            top < height - 60.0 || b.page > 0,
            "{title} opens below the page's top"
        );
        seen += 1;
        at = item.get(b"Next").and_then(|n| n.as_reference()).ok();
    }
    assert_eq!(seen, l.bookmarks.len());
    assert!(seen >= 3);
    // The viewer opens the file with the bookmarks panel showing.
    let mode = doc.catalog().unwrap().get(b"PageMode").unwrap();
    assert_eq!(mode.as_name().unwrap(), b"UseOutlines");
    // The catalog is still the tagged one, in English.
    assert!(doc.catalog().unwrap().get(b"StructTreeRoot").is_ok());
    assert!(doc.catalog().unwrap().get(b"Lang").is_ok());
}

#[test]
fn pdfa_2b_is_written_on_request_and_stays_tagged() {
    let c = example("late-shipment.poa.yaml");
    let info = pdf::Info {
        title: "Plan of Action".into(),
        author: c.seller.legal_name.clone(),
        date: (2026, 11, 20),
        archival: true,
        ..pdf::Info::default()
    };
    let bytes = pdf::write(&laid(&c), &info).expect("PDF/A is written");
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("<pdfaid:part>2</pdfaid:part>") || text.contains("pdfaid:part=\"2\""),
        "no PDF/A part"
    );
    assert!(
        text.contains("<pdfaid:conformance>B</pdfaid:conformance>")
            || text.contains("pdfaid:conformance=\"B\"")
    );
    assert!(
        text.contains("/OutputIntents"),
        "PDF/A needs an output intent"
    );
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    assert!(!struct_tags(&doc).is_empty());
    assert!(bytes != pdf_bytes(&c));
}

/// The share of the last page's content height (between the margins) that
/// holds text, from the laid-out pages the PDF is drawn from.
fn last_page_fill(l: &Laid) -> f32 {
    let p = l.pages.last().unwrap();
    let lowest = p
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Text { y, .. } if *y > 60.0 && *y < p.height - 50.0 => Some(*y),
            _ => None,
        })
        .fold(72.0, f32::max);
    (lowest - 72.0) / (p.height - 144.0)
}

#[test]
fn every_example_ends_on_a_used_page_with_its_signature_whole() {
    for name in examples() {
        let c = example(&name);
        let l = laid(&c);
        let fill = last_page_fill(&l);
        assert!(
            l.pages.len() == 1 || fill > 0.25,
            "{name}: the last of {} pages is {:.0}% used",
            l.pages.len(),
            fill * 100.0
        );
        assert!(l.pages.len() <= 3, "{name}: {} pages", l.pages.len());
        // Read back from the PDF: "Sincerely," and the signer on one page.
        let pages = extract(&pdf_bytes(&c));
        let on = |t: &str| pages.iter().position(|p| squash(p).contains(t));
        let signer = c.seller.contact_name.clone();
        assert!(on("Sincerely,").is_some(), "{name}");
        assert_eq!(
            on("Sincerely,"),
            on(&signer),
            "{name}: the signature left alone"
        );
    }
}

#[test]
fn a_long_case_flows_without_a_near_empty_page() {
    // late-shipment has 6 corrective actions and 4 preventive measures:
    // 30, 40 and 50 of them.
    for n in [3, 4, 5] {
        let c = common::repeated(&example("late-shipment.poa.yaml"), n);
        let l = laid(&c);
        assert!(l.pages.len() > 3);
        let fill = last_page_fill(&l);
        assert!(
            fill > 0.25,
            "x{n}: the last of {} pages is {:.0}% used",
            l.pages.len(),
            fill * 100.0
        );
        let pages = extract(&pdf_bytes(&c));
        let on = |t: &str| pages.iter().position(|p| squash(p).contains(t));
        assert_eq!(on("Sincerely,"), on(&c.seller.contact_name), "x{n}");
    }
}
