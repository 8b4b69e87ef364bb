//! Typed access to a case by field path: the one place that maps a path of
//! the field table (`schema.rs`) to the value in the model. Reading and
//! writing share one match (the `slot!` macro), so a field's address is
//! written once.
//!
//! On top of it: the visitor over the texts the checker reads, and the
//! codec the editor uses to show a value as text and to read it back.

use super::field::{FieldPath, Section};
use super::schema::{self, Kind};
use super::{Case, Date, EvidenceKind, Response};

/// A value of a case, borrowed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    Text(&'a str),
    /// A list of texts (ASINs, questions, linked ids).
    List(&'a [String]),
    Date(Option<Date>),
    Number(Option<u64>),
    Response(Response),
    EvidenceKind(EvidenceKind),
    /// A text that may be absent (an evidence file).
    Optional(Option<&'a str>),
}

/// The place of a value in the model, for reading (`&`) or writing (`&mut`).
enum Slot<T, L, D, N, W, R, K, O> {
    Text(T),
    List(L),
    Date(D),
    Count(N),
    Days(W),
    Response(R),
    Kind(K),
    Optional(O),
}

type SlotRef<'a> = Slot<
    &'a String,
    &'a Vec<String>,
    &'a Option<Date>,
    &'a Option<u64>,
    &'a Option<u32>,
    &'a Response,
    &'a EvidenceKind,
    &'a Option<String>,
>;

type SlotMut<'a> = Slot<
    &'a mut String,
    &'a mut Vec<String>,
    &'a mut Option<Date>,
    &'a mut Option<u64>,
    &'a mut Option<u32>,
    &'a mut Response,
    &'a mut EvidenceKind,
    &'a mut Option<String>,
>;

/// The one map from a path to the model's member. `$get` is `get` or
/// `get_mut`, `$m` is empty or `mut`.
macro_rules! slot {
    ($c:expr, $p:expr, $get:ident $(, $m:tt)?) => {{
        use Section::*;
        let c = $c;
        let p = $p;
        let i = p.index;
        Some(match (p.section, p.key) {
            (Seller, k) => {
                let s = & $($m)? c.seller;
                Slot::Text(match k {
                    "legal_name" => & $($m)? s.legal_name,
                    "store_name" => & $($m)? s.store_name,
                    "merchant_token" => & $($m)? s.merchant_token,
                    "marketplace" => & $($m)? s.marketplace,
                    "contact_name" => & $($m)? s.contact_name,
                    "contact_role" => & $($m)? s.contact_role,
                    _ => return None,
                })
            }
            (Notice, k) => {
                let n = & $($m)? c.notice;
                match k {
                    "violation" => Slot::Text(& $($m)? n.violation),
                    "response" => Slot::Response(& $($m)? n.response),
                    "received" => Slot::Date(& $($m)? n.received),
                    "deadline" => Slot::Date(& $($m)? n.deadline),
                    "reference" => Slot::Text(& $($m)? n.reference),
                    "asins" => Slot::List(& $($m)? n.asins),
                    "orders" => Slot::List(& $($m)? n.orders),
                    "asks" => Slot::List(& $($m)? n.asks),
                    "text" => Slot::Text(& $($m)? n.text),
                    _ => return None,
                }
            }
            (Metrics, k) => {
                let it = c.metrics.$get(i?)?;
                match k {
                    "metric" => Slot::Text(& $($m)? it.metric),
                    "count" => Slot::Count(& $($m)? it.count),
                    "total" => Slot::Count(& $($m)? it.total),
                    "window_days" => Slot::Days(& $($m)? it.window_days),
                    _ => return None,
                }
            }
            (RootCauses, k) => {
                let it = c.root_causes.$get(i?)?;
                Slot::Text(match k {
                    "id" => & $($m)? it.id,
                    "summary" => & $($m)? it.summary,
                    "what" => & $($m)? it.what,
                    "when" => & $($m)? it.when,
                    "where" => & $($m)? it.where_,
                    "who" => & $($m)? it.who,
                    "why" => & $($m)? it.why,
                    "how" => & $($m)? it.how,
                    _ => return None,
                })
            }
            (CorrectiveActions, k) => {
                let it = c.corrective_actions.$get(i?)?;
                match k {
                    "action" => Slot::Text(& $($m)? it.action),
                    "done_on" => Slot::Date(& $($m)? it.done_on),
                    "owner" => Slot::Text(& $($m)? it.owner),
                    "causes" => Slot::List(& $($m)? it.causes),
                    "evidence" => Slot::List(& $($m)? it.evidence),
                    _ => return None,
                }
            }
            (PreventiveMeasures, k) => {
                let it = c.preventive_measures.$get(i?)?;
                match k {
                    "measure" => Slot::Text(& $($m)? it.measure),
                    "owner" => Slot::Text(& $($m)? it.owner),
                    "starts_on" => Slot::Date(& $($m)? it.starts_on),
                    "cadence" => Slot::Text(& $($m)? it.cadence),
                    "causes" => Slot::List(& $($m)? it.causes),
                    "evidence" => Slot::List(& $($m)? it.evidence),
                    _ => return None,
                }
            }
            (Explanation, "") => Slot::Text(& $($m)? c.explanation),
            (Evidence, k) => {
                let it = c.evidence.$get(i?)?;
                match k {
                    "id" => Slot::Text(& $($m)? it.id),
                    "title" => Slot::Text(& $($m)? it.title),
                    "kind" => Slot::Kind(& $($m)? it.kind),
                    "date" => Slot::Date(& $($m)? it.date),
                    "file" => Slot::Optional(& $($m)? it.file),
                    _ => return None,
                }
            }
            (Closing, "") => Slot::Text(& $($m)? c.closing),
            (Dated, "") => Slot::Date(& $($m)? c.dated),
            _ => return None,
        })
    }};
}

fn slot<'a>(case: &'a Case, path: &FieldPath) -> Option<SlotRef<'a>> {
    slot!(case, path, get)
}

fn slot_mut<'a>(case: &'a mut Case, path: &FieldPath) -> Option<SlotMut<'a>> {
    slot!(case, path, get_mut, mut)
}

/// A text of a case, borrowed, with its path.
#[derive(Debug, Clone, Copy)]
pub struct TextField<'a> {
    pub path: FieldPath,
    pub text: &'a str,
    /// Its row of the field table.
    pub field: &'static schema::Field,
}

/// A value that the editor's text does not hold yet (a date half typed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BadValue {
    #[error("not a date (YYYY-MM-DD)")]
    Date,
    #[error("not a whole number")]
    Number,
    #[error("not a field of this case")]
    NoField,
}

impl Case {
    /// The value at `path` (an entry of a list when `path.sub` is set).
    pub fn get(&self, path: &FieldPath) -> Option<Value<'_>> {
        let value = match slot(self, path)? {
            Slot::Text(t) => Value::Text(t),
            Slot::List(l) => match path.sub {
                Some(j) => return l.get(j).map(|t| Value::Text(t)),
                None => Value::List(l),
            },
            Slot::Date(d) => Value::Date(*d),
            Slot::Count(n) => Value::Number(*n),
            Slot::Days(n) => Value::Number(n.map(u64::from)),
            Slot::Response(r) => Value::Response(*r),
            Slot::Kind(k) => Value::EvidenceKind(*k),
            Slot::Optional(o) => Value::Optional(o.as_deref()),
        };
        Some(value)
    }

    /// The text at `path`, if the field there is a text.
    pub fn text(&self, path: &FieldPath) -> Option<&str> {
        match self.get(path)? {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The text at `path` for writing, if the field there is a text.
    pub fn text_mut(&mut self, path: &FieldPath) -> Option<&mut String> {
        let sub = path.sub;
        match slot_mut(self, path)? {
            Slot::Text(t) if sub.is_none() => Some(t),
            Slot::List(l) => l.get_mut(sub?),
            _ => None,
        }
    }

    /// Every text the checker reads, in the order of the field table: names,
    /// prose, and each entry of the notice's lists; not ids, paths, dates,
    /// numbers, choices kept as codes, or links.
    pub fn text_fields(&self) -> Vec<TextField<'_>> {
        let mut out = Vec::with_capacity(64);
        for_each_path(self, |path, field| {
            if !field.kind.is_read() {
                return;
            }
            match self.get(&path) {
                Some(Value::Text(text)) => out.push(TextField { path, text, field }),
                Some(Value::List(list)) => {
                    for (j, text) in list.iter().enumerate() {
                        out.push(TextField {
                            path: FieldPath {
                                sub: Some(j),
                                ..path
                            },
                            text,
                            field,
                        });
                    }
                }
                _ => {}
            }
        });
        out
    }

    /// Every field of the case with its path: each item of a list section
    /// in turn, in the order of the field table.
    pub fn fields(&self) -> Vec<(FieldPath, &'static schema::Field)> {
        let mut out = Vec::with_capacity(96);
        for_each_path(self, |path, field| out.push((path, field)));
        out
    }

    /// Calls `f` on every text of the case, for writing: each field's text,
    /// each entry of a list, an evidence file's name.
    pub fn each_text_mut(&mut self, mut f: impl FnMut(&FieldPath, &mut String)) {
        for (path, _) in self.fields() {
            match slot_mut(self, &path) {
                Some(Slot::Text(t)) | Some(Slot::Optional(Some(t))) => f(&path, t),
                Some(Slot::List(list)) => list.iter_mut().for_each(|t| f(&path, t)),
                _ => {}
            }
        }
    }

    /// How many items a list section has (1 for other sections).
    pub fn item_count(&self, section: Section) -> usize {
        match section {
            Section::Metrics => self.metrics.len(),
            Section::RootCauses => self.root_causes.len(),
            Section::CorrectiveActions => self.corrective_actions.len(),
            Section::PreventiveMeasures => self.preventive_measures.len(),
            Section::Evidence => self.evidence.len(),
            _ => 1,
        }
    }

    /// The value at `path` as the editor shows it: dates as YYYY-MM-DD,
    /// lists one per line, links separated by commas.
    pub fn display(&self, path: &FieldPath) -> String {
        let kind = schema::of_path(path).map(|f| f.kind);
        match self.get(path) {
            None => String::new(),
            Some(Value::Text(t)) => t.to_string(),
            Some(Value::List(l)) if kind == Some(Kind::Links) => l.join(", "),
            Some(Value::List(l)) => l.join("\n"),
            Some(Value::Date(d)) => d.map(|d| d.to_string()).unwrap_or_default(),
            Some(Value::Number(n)) => n.map(|n| n.to_string()).unwrap_or_default(),
            Some(Value::Response(r)) => r.id().to_string(),
            Some(Value::EvidenceKind(k)) => k.id().to_string(),
            Some(Value::Optional(o)) => o.unwrap_or_default().to_string(),
        }
    }

    /// Writes the value at `path` from the editor's text. A text that is not
    /// a valid value yet (a half-typed date) is an error and the case keeps
    /// its old value.
    pub fn assign(&mut self, path: &FieldPath, text: &str) -> Result<(), BadValue> {
        let kind = schema::of_path(path).map(|f| f.kind);
        let key = path.key;
        // Numbers typed for root causes are positions, read before the
        // slot is borrowed for writing.
        let links: Vec<String> = if kind == Some(Kind::Links) && key == "causes" {
            parse_list(text)
                .iter()
                .map(|t| self.cause_link(t))
                .collect()
        } else {
            Vec::new()
        };
        match slot_mut(self, path).ok_or(BadValue::NoField)? {
            Slot::Text(t) if matches!(kind, Some(Kind::Id)) => *t = text.trim().to_string(),
            Slot::Text(t) => *t = text.to_string(),
            Slot::List(l) => {
                *l = match (kind, key) {
                    (Some(Kind::Links), "causes") => links,
                    // Each question is a line: a question may hold commas.
                    (_, "asks") => text
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(String::from)
                        .collect(),
                    _ => parse_list(text),
                }
            }
            Slot::Date(d) => *d = parse_date(text)?,
            Slot::Count(n) => *n = parse_number(text)?,
            Slot::Days(n) => *n = parse_number(text)?,
            Slot::Response(r) => {
                *r = match text.trim() {
                    "dispute" => Response::Dispute,
                    _ => Response::PlanOfAction,
                }
            }
            Slot::Kind(k) => {
                if let Some(kind) = EvidenceKind::from_id(text.trim()) {
                    *k = kind;
                }
            }
            Slot::Optional(o) => *o = Some(text.trim().to_string()).filter(|f| !f.is_empty()),
        }
        Ok(())
    }
}

/// Calls `f` for every field of every item, in the table's order.
fn for_each_path(case: &Case, mut f: impl FnMut(FieldPath, &'static schema::Field)) {
    let mut i = 0;
    let fields = schema::FIELDS;
    while i < fields.len() {
        let section = fields[i].section;
        let end = fields[i..]
            .iter()
            .position(|x| x.section != section)
            .map_or(fields.len(), |n| i + n);
        let items = if section.is_list() {
            case.item_count(section)
        } else {
            1
        };
        for item in 0..items {
            for field in &fields[i..end] {
                f(field.path(item), field);
            }
        }
        i = end;
    }
}

/// "r2", " R2 " and "2" all name root cause `R2`.
pub fn normal_cause_id(text: &str) -> String {
    let t = text.trim();
    let digits = t.strip_prefix(['R', 'r']).unwrap_or(t);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let n = digits.trim_start_matches('0');
        format!("R{}", if n.is_empty() { "0" } else { n })
    } else {
        t.to_string()
    }
}

fn parse_list(text: &str) -> Vec<String> {
    text.split(['\n', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn parse_date(text: &str) -> Result<Option<Date>, BadValue> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    // Typed in the editor as the writer writes dates ("2026/12/01",
    // "1 December 2026"), kept as YYYY-MM-DD.
    Date::read_typed(t).map(Some).ok_or(BadValue::Date)
}

fn parse_number<T: std::str::FromStr>(text: &str) -> Result<Option<T>, BadValue> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != ' ')
        .collect();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse().map(Some).map_err(|_| BadValue::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full_case() -> Case {
        let mut case = Case::new();
        case.metrics.push(Default::default());
        case.root_causes.push(Default::default());
        case.corrective_actions.push(Default::default());
        case.preventive_measures.push(Default::default());
        case.evidence.push(Default::default());
        case.notice.asks.push("Q".into());
        case
    }

    #[test]
    fn every_field_of_the_table_has_a_place_in_the_model() {
        let case = full_case();
        let fields = case.fields();
        assert_eq!(fields.len(), schema::FIELDS.len());
        for (path, field) in fields {
            assert!(case.get(&path).is_some(), "{} has no slot", field.guide);
        }
    }

    #[test]
    fn every_text_can_be_written() {
        let mut case = full_case();
        let paths: Vec<FieldPath> = case.text_fields().iter().map(|f| f.path).collect();
        assert!(paths.len() > 20);
        for p in paths {
            let text = case.text_mut(&p).unwrap_or_else(|| panic!("{p}"));
            text.push('x');
            assert_eq!(case.text(&p).map(|t| t.ends_with('x')), Some(true), "{p}");
        }
    }

    #[test]
    fn display_and_assign_round_trip_every_field() {
        let mut case = full_case();
        for (path, field) in case.clone().fields() {
            let sample = match field.kind {
                Kind::Date => "2026-11-19",
                Kind::Number => "1200",
                Kind::Choice if path.key == "response" => "dispute",
                Kind::Choice if path.key == "kind" => "invoice",
                Kind::Choice => "US",
                Kind::Links if path.key == "causes" => "R1, R2",
                Kind::Links => "E1, E2",
                Kind::List => "B0ABCDE123\nB0ABCDE124",
                Kind::Id => "R7",
                _ => "Some text",
            };
            case.assign(&path, sample).unwrap();
            assert_eq!(case.display(&path), sample, "{path}");
        }
    }

    #[test]
    fn half_typed_values_are_refused_and_the_old_value_kept() {
        let mut case = full_case();
        let p = FieldPath::item(Section::CorrectiveActions, 0, "done_on");
        case.assign(&p, "2026-11-19").unwrap();
        assert_eq!(case.assign(&p, "2026-11-"), Err(BadValue::Date));
        assert_eq!(case.display(&p), "2026-11-19");
        let n = FieldPath::item(Section::Metrics, 0, "count");
        assert_eq!(
            case.assign(&n, "1,200").map(|_| case.display(&n)),
            Ok("1200".into())
        );
        assert_eq!(case.assign(&n, "lots"), Err(BadValue::Number));
    }

    #[test]
    fn cause_links_take_numbers_or_ids() {
        assert_eq!(normal_cause_id(" r2 "), "R2");
        assert_eq!(normal_cause_id("3"), "R3");
        assert_eq!(normal_cause_id("R10"), "R10");
        assert_eq!(normal_cause_id("supplier"), "supplier");
        let mut case = full_case();
        let p = FieldPath::item(Section::CorrectiveActions, 0, "causes");
        case.assign(&p, "1, r2").unwrap();
        assert_eq!(case.corrective_actions[0].causes, ["R1", "R2"]);
    }
}
