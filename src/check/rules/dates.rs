//! Dates, figures and identifiers: what can be checked against the calendar
//! and against the shapes Amazon uses.

use super::{at, item_at};
use crate::case::{FieldPath, MARKETPLACES, Section};
use crate::check::doc::{FieldId, Role};
use crate::check::text::{dates, is_asin, is_merchant_token, is_order_id, malformed_ids};
use crate::check::{Cx, Finding, Meta, Rule};

/// D001: a date in the future where the fact is past.
pub struct FutureDate;

impl Rule for FutureDate {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let today = cx.today;
        if let Some(case) = cx.doc.case {
            if let Some(d) = case.notice.received.filter(|d| *d > today) {
                out.push(Finding::whole(

                    me,
                    at("notice.received"),
                    &d.to_string(),
                    format!("The notice is dated {}, which is after today ({}). Correct the date the notice arrived.", d.long(), today.long()),
                ));
            }
            for (i, a) in case.corrective_actions.iter().enumerate() {
                if let Some(d) = a.done_on.filter(|d| *d > today) {
                    out.push(Finding::whole(

                        me,
                        item_at(Section::CorrectiveActions, i, "done_on"),
                        &d.to_string(),
                        format!(
                            "This action is dated {}, after today ({}). A corrective action must be done before you appeal: finish it first, or move it to the preventive measures.",
                            d.long(),
                            today.long()
                        ),
                    ));
                }
            }
            for (i, e) in case.evidence.iter().enumerate() {
                if let Some(d) = e.date.filter(|d| *d > today) {
                    out.push(Finding::whole(

                        me,
                        item_at(Section::Evidence, i, "date"),
                        &d.to_string(),
                        format!("This document is dated {}, after today. Give the date the document carries.", d.long()),
                    ));
                }
            }
        } else if cx.doc.draft.is_some() {
            for f in cx.doc.fields.iter().filter(|f| f.role == Role::Action) {
                for d in dates(f.text) {
                    if let Some(day) = d.date.filter(|day| *day > today) {
                        out.push(
                            Finding::span(

                                me,
                                f,
                                d.range.start,
                                d.range.end,
                                format!(
                                    "This corrective action is dated {}, after today ({}). A corrective action must be done before you appeal.",
                                    day.long(),
                                    today.long()
                                ),
                            ),
                        );
                    }
                }
            }
        }
    }
}

/// D002: metric figures that cannot be.
pub struct ImpossibleMetric;

impl Rule for ImpossibleMetric {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let Some(case) = cx.doc.case else { return };
        for (i, m) in case.metrics.iter().enumerate() {
            let id = item_at(Section::Metrics, i, "count");
            match (m.count, m.total) {
                (_, Some(0)) => out.push(Finding::whole(

                    me,
                    item_at(Section::Metrics, i, "total"),
                    "0",
                    "The total is 0, so there is no rate. Copy the number of orders from Account Health.".into(),
                )),
                (Some(c), Some(t)) if c > t => out.push(Finding::whole(

                    me,
                    id,
                    &format!("{c} of {t}"),
                    format!("The count ({c}) is larger than the total ({t}), which cannot be. Check that the two numbers are not swapped."),
                )),
                _ => {}
            }
        }
    }
}

/// D003: a metric inside its target.
pub struct MetricWithinTarget;

impl Rule for MetricWithinTarget {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let (Some(case), Some(pb)) = (cx.doc.case, cx.doc.playbook) else {
            return;
        };
        let Some(spec) = &pb.metric else { return };
        for (i, m) in case.metrics.iter().enumerate() {
            let Some(p) = m.percent() else { continue };
            if m.count <= m.total && spec.meets_target(p) {
                out.push(Finding::whole(

                    me,
                    item_at(Section::Metrics, i, "count"),
                    &format!("{p:.1}%"),
                    format!(
                        "These figures give {p:.1}%, which meets the {} target of {}. Check the figures in Account Health, or whether the notice is about another violation.",
                        spec.name,
                        spec.target_label()
                    ),
                ));
            }
        }
    }
}

/// D004: a malformed identifier.
pub struct MalformedIdentifier;

impl Rule for MalformedIdentifier {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        if let Some(case) = cx.doc.case {
            let token = case.seller.merchant_token.trim();
            if !token.is_empty() && !is_merchant_token(token) {
                out.push(Finding::whole(

                    me,
                    at("seller.merchant_token"),
                    token,
                    format!("`{token}` does not look like a Merchant Token: an A and 9 to 15 capital letters and digits. Copy it from Settings > Account Info > Your Merchant Token."),
                ));
            }
            let mp = case.seller.marketplace.trim();
            if !mp.is_empty() && !MARKETPLACES.contains(&mp.to_ascii_uppercase().as_str()) {
                out.push(Finding::whole(
                    me,
                    at("seller.marketplace"),
                    mp,
                    format!(
                        "`{mp}` is not a marketplace code. Use one of: {}.",
                        MARKETPLACES.join(" ")
                    ),
                ));
            }
            for (i, a) in case.notice.asins.iter().enumerate() {
                let a = a.trim();
                if !a.is_empty() && !is_asin(a) {
                    out.push(Finding::whole(

                        me,
                        FieldId::Case(FieldPath::entry(Section::Notice, "asins", i)),
                        a,
                        format!("`{a}` is not an ASIN: an ASIN is 10 characters, B0 and 8 capital letters or digits. Copy it from the notice."),
                    ));
                }
            }
            for (i, o) in case.notice.orders.iter().enumerate() {
                let o = o.trim();
                if !o.is_empty() && !is_order_id(o) {
                    out.push(Finding::whole(

                        me,
                        FieldId::Case(FieldPath::entry(Section::Notice, "orders", i)),
                        o,
                        format!("`{o}` is not an order id: an order id is 3-7-7 digits, like 113-4821937-5520146."),
                    ));
                }
            }
        }
        for f in cx.doc.fields.iter().filter(|f| f.role.is_prose()) {
            for (r, kind) in malformed_ids(f.text) {
                let shape = if kind == "ASIN" {
                    "an ASIN is B0 and 8 capital letters or digits"
                } else {
                    "an order id is 3-7-7 digits, like 113-4821937-5520146"
                };
                let token = f.text[r.clone()].to_string();
                out.push(Finding::span(

                    me,
                    f,
                    r.start,
                    r.end,
                    format!("`{token}` looks like an {kind} but is not one: {shape}. Copy it again from Seller Central."),
                ));
            }
        }
    }
}

/// D006: the notice is older than the appeal window.
pub struct NoticeOutOfWindow;

impl Rule for NoticeOutOfWindow {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let Some(case) = cx.doc.case else { return };
        let (Some(received), Some(deadline)) = (case.notice.received, case.appeal_deadline())
        else {
            return;
        };
        if deadline < cx.today && received <= cx.today {
            out.push(Finding::whole(

                me,
                at("notice.received"),
                &received.to_string(),
                format!(
                    "The notice arrived on {}, and the time to answer ended on {}. Check the deadline in the notice, and submit the appeal without more delay.",
                    received.long(),
                    deadline.long()
                ),
            ));
        }
    }
}

/// D007: a date that contradicts another.
pub struct InconsistentDate;

impl Rule for InconsistentDate {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let Some(case) = cx.doc.case else { return };
        if let (Some(dated), Some(received)) = (case.dated, case.notice.received)
            && dated < received
        {
            out.push(Finding::whole(

                me,
                FieldId::Case(FieldPath::top(Section::Dated)),
                &dated.to_string(),
                format!(
                    "The letter is dated {}, before the notice it answers arrived ({}). Correct one of the two dates.",
                    dated.long(),
                    received.long()
                ),
            ));
        }
        // A letter after a rejection answers Amazon's reply: a date kept
        // from the letter before says it was written before the reply came.
        if let (Some(dated), Some(reply)) = (case.dated, case.rejections.iter().map(|r| r.on).max())
            && dated < reply
        {
            out.push(Finding::whole(
                me,
                FieldId::Case(FieldPath::top(Section::Dated)),
                &dated.to_string(),
                format!(
                    "The letter is dated {}, before Amazon's reply of {} that it answers. Date it on the day you send it.",
                    dated.long(),
                    reply.long()
                ),
            ));
        }
        if let Some(dated) = case.dated {
            for (i, a) in case.corrective_actions.iter().enumerate() {
                if let Some(d) = a.done_on.filter(|d| *d > dated) {
                    out.push(Finding::whole(

                        me,
                        item_at(Section::CorrectiveActions, i, "done_on"),
                        &d.to_string(),
                        format!(
                            "This action is dated {}, after the letter's date ({}). Date the letter on or after the last action, or correct the action's date.",
                            d.long(),
                            dated.long()
                        ),
                    ));
                }
            }
        }
    }
}
