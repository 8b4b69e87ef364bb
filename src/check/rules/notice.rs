//! What the notice names: every ASIN and order it lists is addressed (C012).

use crate::case::Section;
use crate::check::doc::FieldId;
use crate::check::{Cx, Finding, Meta, Rule};

/// C012: an ASIN or order from the notice that the appeal never mentions.
pub struct NoticeItemNotAddressed;

impl Rule for NoticeItemNotAddressed {
    fn check(&self, me: &Meta, cx: &Cx, out: &mut Vec<Finding>) {
        let Some(case) = cx.doc.case else { return };
        let prose: Vec<&str> = cx
            .doc
            .fields
            .iter()
            .filter(|f| f.role.is_prose())
            .map(|f| f.text)
            .collect();
        let mentioned = |id: &str| prose.iter().any(|t| t.contains(id));
        for (i, a) in case.notice.asins.iter().enumerate() {
            let a = a.trim();
            if !a.is_empty() && !mentioned(a) {
                out.push(Finding::whole(

                    me,
                    FieldId::Case(crate::case::FieldPath::entry(Section::Notice, "asins", i)),
                    a,
                    format!("The notice names ASIN {a}, but the appeal never mentions it. Say what happened with it and what you did, or why it is not affected."),
                ));
            }
        }
        let missing_orders: Vec<(usize, &str)> = case
            .notice
            .orders
            .iter()
            .enumerate()
            .map(|(i, o)| (i, o.trim()))
            .filter(|(_, o)| !o.is_empty() && !mentioned(o))
            .collect();
        if missing_orders.len() > 5 {
            let (i, first) = missing_orders[0];
            out.push(Finding::whole(

                me,
                FieldId::Case(crate::case::FieldPath::entry(Section::Notice, "orders", i)),
                first,
                format!(
                    "{} of the {} orders in the notice are never mentioned (the first is {first}). List them in an action or an attached document, and say what you did for each.",
                    missing_orders.len(),
                    case.notice.orders.len()
                ),
            ));
        } else {
            for (i, o) in missing_orders {
                out.push(Finding::whole(

                    me,
                    FieldId::Case(crate::case::FieldPath::entry(Section::Notice, "orders", i)),
                    o,
                    format!("The notice names order {o}, but the appeal never mentions it. Say what you did for it (refund, replacement, reply)."),
                ));
            }
        }
    }
}
