//! The letter as data: every text the templates place, already worded
//! (dates written out, rates computed, section titles chosen), so the
//! templates only arrange them.

use serde::Serialize;

use super::{ComposeError, playbook_of, thousands};
use crate::case::{Case, Date, Response};
use crate::playbook::Playbook;

#[derive(Debug, Clone, Serialize)]
pub struct Letter {
    pub dispute: bool,
    pub title: String,
    pub violation: String,
    pub policy: String,
    pub seller: SellerView,
    pub date: String,
    pub date_iso: String,
    pub received: String,
    /// The last day to appeal, 17 days after the notice ("" when unknown).
    pub deadline: String,
    pub reference: String,
    pub opening: String,
    pub metrics: Vec<String>,
    pub sections: Sections,
    pub root_causes: Vec<CauseView>,
    pub corrective: Vec<ItemView>,
    pub preventive: Vec<ItemView>,
    pub explanation: String,
    pub evidence: Vec<EvidenceView>,
    pub closing: String,
    pub signature: Signature,
    /// For a second or later letter: what it follows, and what is new.
    pub resubmission: Option<Resubmission>,
}

/// What a letter sent after another says first.
#[derive(Debug, Clone, Serialize)]
pub struct Resubmission {
    /// "This is our second plan of action for this notice. It answers your
    /// reply of 28 November 2026 to our letter of 20 November 2026."
    pub intro: String,
    /// What is new since that letter, one line each.
    pub changes: Vec<String>,
}

impl Resubmission {
    /// The opening of letter number `sent + 1`, after the last one, sent
    /// on `last_on`, was turned down on `rejected_on`.
    pub fn new(
        dispute: bool,
        sent: usize,
        last_on: Date,
        rejected_on: Date,
        changes: Vec<String>,
    ) -> Resubmission {
        let ordinal = match sent + 1 {
            2 => "second".to_string(),
            3 => "third".to_string(),
            4 => "fourth".to_string(),
            5 => "fifth".to_string(),
            n => format!("{n}th"),
        };
        let kind = if dispute { "appeal" } else { "plan of action" };
        let new = if changes.is_empty() {
            ""
        } else {
            " What is new in it:"
        };
        Resubmission {
            intro: format!(
                "This is our {ordinal} {kind} for this notice. It answers your reply of {} to our letter of {}.{new}",
                rejected_on.long(),
                last_on.long()
            ),
            changes,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SellerView {
    pub legal_name: String,
    pub store_name: String,
    pub merchant_token: String,
    pub marketplace: String,
    pub marketplace_label: String,
}

/// Section titles, in the order of the letter (without numbers).
#[derive(Debug, Clone, Serialize)]
pub struct Sections {
    pub root_causes: String,
    pub corrective: String,
    pub preventive: String,
    pub explanation: String,
    pub evidence: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CauseView {
    pub n: usize,
    pub summary: String,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub question: &'static str,
    pub answer: String,
}

/// A corrective action or a preventive measure.
#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    pub n: usize,
    pub text: String,
    /// "Completed 19 November 2026 · Owner: Warehouse manager · Evidence: E1"
    pub meta: String,
    /// The text is one paragraph without a list, so the meta can follow on
    /// the next line.
    pub simple: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    pub id: String,
    pub title: String,
    /// "Tracking record, 25 November 2026, file pickup-log.pdf"
    pub details: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Signature {
    pub name: String,
    pub role_line: String,
    pub store_line: String,
}

/// "Amazon.com (US)".
pub fn marketplace_label(code: &str) -> String {
    let code = code.trim().to_ascii_uppercase();
    let domain = marketplace_domain(&code);
    if domain == code {
        code
    } else {
        format!("{domain} ({code})")
    }
}

/// "Amazon.com", or the code itself when poa does not know it.
pub fn marketplace_domain(code: &str) -> String {
    let code = code.trim().to_ascii_uppercase();
    let domain = match code.as_str() {
        "US" => "Amazon.com",
        "CA" => "Amazon.ca",
        "MX" => "Amazon.com.mx",
        "BR" => "Amazon.com.br",
        "UK" | "GB" => "Amazon.co.uk",
        "DE" => "Amazon.de",
        "FR" => "Amazon.fr",
        "IT" => "Amazon.it",
        "ES" => "Amazon.es",
        "NL" => "Amazon.nl",
        "SE" => "Amazon.se",
        "PL" => "Amazon.pl",
        "BE" => "Amazon.com.be",
        "TR" => "Amazon.com.tr",
        "AE" => "Amazon.ae",
        "SA" => "Amazon.sa",
        "IN" => "Amazon.in",
        "JP" => "Amazon.co.jp",
        "AU" => "Amazon.com.au",
        "SG" => "Amazon.sg",
        _ => return code,
    };
    domain.to_string()
}

fn required(value: &str, field: &str, hint: &'static str) -> Result<String, ComposeError> {
    let v = value.trim();
    if v.is_empty() {
        Err(ComposeError::Missing {
            field: field.to_string(),
            hint,
        })
    } else {
        Ok(v.to_string())
    }
}

impl Letter {
    /// What the letter is: "Plan of Action", or "Appeal" for a dispute.
    pub fn kind_title(&self) -> &'static str {
        if self.dispute {
            "Appeal"
        } else {
            "Plan of Action"
        }
    }
}

/// The letter of a case, dated `date`.
pub fn letter(case: &Case, date: Date) -> Result<Letter, ComposeError> {
    let pb = playbook_of(case)?;
    let s = &case.seller;
    let store_name = required(
        &s.store_name,
        "seller.store_name",
        "Write the store name buyers see on Amazon",
    )?;
    let merchant_token = required(
        &s.merchant_token,
        "seller.merchant_token",
        "Copy it from Seller Central: Settings > Account Info > Your Merchant Token",
    )?;
    let marketplace = required(
        &s.marketplace,
        "seller.marketplace",
        "Write the marketplace code, for example US, UK or DE",
    )?
    .to_ascii_uppercase();
    let legal_name = if s.legal_name.trim().is_empty() {
        store_name.clone()
    } else {
        s.legal_name.trim().to_string()
    };
    let dispute = case.notice.response == Response::Dispute;
    let received = case.notice.received.map(Date::long).unwrap_or_default();
    let metrics = metric_sentences(case, pb);
    let marketplace_label = marketplace_label(&marketplace);
    let title = format!(
        "{} — {} ({})",
        if dispute { "Appeal" } else { "Plan of Action" },
        pb.title,
        marketplace_domain(&marketplace)
    );
    let reference = if received.is_empty() {
        format!("Notification about {}", pb.title)
    } else {
        format!("Notification of {received} — {}", pb.title)
    };
    let opening = opening(case, pb, &received, &metrics);
    let sections = section_titles(case);
    let root_causes = case
        .root_causes
        .iter()
        .enumerate()
        .map(|(i, r)| CauseView {
            n: i + 1,
            summary: r
                .summary
                .trim()
                .trim_end_matches(['.', '。', '．'])
                .to_string(),
            rows: r
                .parts()
                .into_iter()
                .filter(|(_, _, a)| !a.trim().is_empty())
                .map(|(_, q, a)| Row {
                    question: q,
                    answer: a.trim().to_string(),
                })
                .collect(),
        })
        .collect();
    let corrective = case
        .corrective_actions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut meta = Vec::new();
            if let Some(d) = a.done_on {
                meta.push(format!("Completed {}", d.long()));
            }
            push_owner(&mut meta, &a.owner);
            push_links(&mut meta, case, &a.causes, &a.evidence);
            item(i, &a.action, meta)
        })
        .collect();
    let preventive = case
        .preventive_measures
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut meta = Vec::new();
            push_owner(&mut meta, &m.owner);
            if let Some(d) = m.starts_on {
                meta.push(if d <= date {
                    format!("In place since {}", d.long())
                } else {
                    format!("Starts {}", d.long())
                });
            }
            if !m.cadence.trim().is_empty() {
                meta.push(format!("Frequency: {}", one_line(&m.cadence)));
            }
            push_links(&mut meta, case, &m.causes, &m.evidence);
            item(i, &m.measure, meta)
        })
        .collect();
    let evidence = case
        .evidence
        .iter()
        .map(|e| {
            let mut details = vec![e.kind.label().to_string()];
            if let Some(d) = e.date {
                details.push(d.long());
            }
            if let Some(f) = e.file.as_deref().filter(|f| !f.trim().is_empty()) {
                let name = std::path::Path::new(f.trim())
                    .file_name()
                    .map_or_else(|| f.to_string(), |n| n.to_string_lossy().into_owned());
                details.push(format!("file {name}"));
            }
            EvidenceView {
                id: e.id.trim().to_string(),
                title: one_line(&e.title),
                details: details.join(", "),
            }
        })
        .collect();
    let closing = if case.closing.trim().is_empty() {
        default_closing(dispute, !case.evidence.is_empty())
    } else {
        case.closing.trim().to_string()
    };
    let name = if s.contact_name.trim().is_empty() {
        legal_name.clone()
    } else {
        s.contact_name.trim().to_string()
    };
    let role_line = match (s.contact_role.trim(), s.contact_name.trim().is_empty()) {
        ("", true) => String::new(),
        ("", false) => legal_name.clone(),
        (role, _) => format!("{role}, {legal_name}"),
    };
    Ok(Letter {
        dispute,
        title,
        violation: pb.title.clone(),
        policy: pb.policy.clone(),
        seller: SellerView {
            legal_name: legal_name.clone(),
            store_name: store_name.clone(),
            merchant_token: merchant_token.clone(),
            marketplace,
            marketplace_label,
        },
        date: date.long(),
        date_iso: date.to_string(),
        deadline: case.appeal_deadline().map(Date::long).unwrap_or_default(),
        received,
        reference,
        opening,
        metrics,
        sections,
        root_causes,
        corrective,
        preventive,
        explanation: case.explanation.trim().to_string(),
        evidence,
        closing,
        signature: Signature {
            name,
            role_line,
            store_line: format!("Store: {store_name} · Merchant token: {merchant_token}"),
        },
        resubmission: None,
    })
}

fn item(i: usize, text: &str, meta: Vec<String>) -> ItemView {
    let text = text.trim().to_string();
    let simple = !text.contains("\n\n")
        && !text.lines().any(|l| {
            matches!(l.trim_start().get(..2), Some("- " | "* " | "+ "))
                || l.trim_start().starts_with("• ")
        });
    ItemView {
        n: i + 1,
        text,
        meta: meta.join(" · "),
        simple,
    }
}

fn push_owner(meta: &mut Vec<String>, owner: &str) {
    if !owner.trim().is_empty() {
        meta.push(format!("Owner: {}", one_line(owner)));
    }
}

/// The root causes are named by their number in the letter, whatever their ids.
fn push_links(meta: &mut Vec<String>, case: &Case, causes: &[String], evidence: &[String]) {
    if !causes.is_empty() {
        let label = if causes.len() == 1 {
            "Root cause"
        } else {
            "Root causes"
        };
        let list: Vec<String> = causes
            .iter()
            .map(|id| match case.cause_number(id) {
                Some(n) => n.to_string(),
                None => id.strip_prefix('R').unwrap_or(id).to_string(),
            })
            .collect();
        meta.push(format!("{label} {}", and_list(&list)));
    }
    if !evidence.is_empty() {
        meta.push(format!("Evidence: {}", evidence.join(", ")));
    }
}

/// "1", "1 and 2", "1, 2 and 3".
pub(crate) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Late Shipment Rate: 96 of 1,200 shipped orders over 30 days, 8.0%, against the 4% target".
fn metric_sentences(case: &Case, pb: &Playbook) -> Vec<String> {
    let Some(spec) = &pb.metric else {
        return Vec::new();
    };
    case.metrics
        .iter()
        .filter(|m| m.metric.trim().is_empty() || m.metric.trim() == spec.id)
        .filter_map(|m| {
            let pct = m.percent()?;
            let window = m
                .window_days
                .map(|d| format!(" over {d} days"))
                .unwrap_or_default();
            let target = match spec.direction {
                crate::playbook::Direction::Below => format!("the {} target", spec.target_label()),
                crate::playbook::Direction::Above => {
                    format!("the target of at least {}", spec.target_label())
                }
            };
            Some(format!(
                "{}: {} of {} {}{window}, {pct:.1}%, against {target}",
                spec.name,
                thousands(m.count?),
                thousands(m.total?),
                spec.total,
            ))
        })
        .collect()
}

fn opening(case: &Case, pb: &Playbook, received: &str, metrics: &[String]) -> String {
    let when = if received.is_empty() {
        "your notification".to_string()
    } else {
        format!("your notification of {received}")
    };
    let mut subject = match metrics.first() {
        Some(m) => format!("about our {m}"),
        None => format!("under the {}", pb.policy),
    };
    let asins: Vec<&str> = case
        .notice
        .asins
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .collect();
    if !asins.is_empty() && metrics.is_empty() {
        let shown: Vec<String> = asins.iter().take(3).map(|a| a.to_string()).collect();
        let more = asins.len().saturating_sub(3);
        let list = if more > 0 {
            format!("{} and {more} more", shown.join(", "))
        } else {
            and_list(&shown)
        };
        subject.push_str(&format!(
            ", for {} {list}",
            if asins.len() == 1 { "ASIN" } else { "ASINs" }
        ));
    }
    if case.notice.response == Response::Dispute {
        format!(
            "This letter answers {when} {subject}, and shows with evidence that our account did not violate this policy."
        )
    } else {
        format!("This plan of action answers {when} {subject}.")
    }
}

fn section_titles(case: &Case) -> Sections {
    let asks: Vec<String> = case
        .notice
        .asks
        .iter()
        .map(|a| one_line(a))
        .filter(|a| !a.is_empty())
        .collect();
    let ask = |i: usize, default: &str| asks.get(i).cloned().unwrap_or_else(|| default.to_string());
    let causes = if case.root_causes.len() > 1 {
        "Root causes"
    } else {
        "Root cause"
    };
    if case.notice.response == Response::Dispute {
        Sections {
            root_causes: causes.into(),
            corrective: "Corrective actions taken".into(),
            preventive: "Preventive measures".into(),
            explanation: ask(0, "Explanation"),
            evidence: ask(1, "Evidence"),
        }
    } else {
        Sections {
            root_causes: ask(0, causes),
            corrective: ask(1, "Corrective actions taken"),
            preventive: ask(2, "Preventive measures"),
            explanation: "Explanation".into(),
            evidence: ask(3, "Supporting documents"),
        }
    }
}

fn default_closing(dispute: bool, has_evidence: bool) -> String {
    let docs = if has_evidence {
        "The documents listed above are attached. "
    } else {
        ""
    };
    if dispute {
        format!(
            "{docs}We ask you to review this explanation and the evidence, and to reinstate our selling privileges."
        )
    } else {
        format!("{docs}We ask you to review this plan of action.")
    }
}
