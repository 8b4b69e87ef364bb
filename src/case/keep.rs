//! Saving a case into the file it came from without rewriting what did not
//! change: the writer's layout (flow lists, quotes, indents, blank lines,
//! key order, comments) stays wherever its value is the same, and only the
//! keys and items that changed are written in `poa`'s own form.
//!
//! The text is split into entries at each level (a key and what is
//! indented under it, or a `- ` item), an entry whose YAML value is the same
//! in the old file and the new text is copied from the old file, and one
//! that changed is merged level by level where both sides have children.
//! The result is read back and must give the same case; if it does not,
//! the whole file is written as `to_yaml` writes it (with the comments
//! kept), so a fault here can cost layout, never a word.

use serde_yaml::Value;

use super::Case;
use super::save::{block_lines, keep_comments, to_yaml};

/// The text to save for `case` over the file text `old`.
pub fn keep_layout(old: &str, case: &Case) -> String {
    let new = to_yaml(case);
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    if old_lines.iter().all(|l| is_filler(l)) {
        return new;
    }
    // First with the keys the file leaves out still left out (a default
    // such as `response: plan-of-action` need not be written), then with
    // every key the file lacks added; each read back, and the first that
    // gives the same case is saved, else poa's own layout.
    for add in [Missing::Leave, Missing::Add] {
        let mut merged = Vec::with_capacity(new_lines.len() + 16);
        merge(&old_lines, &new_lines, 0, add, &mut merged);
        let mut text = merged.join("\n");
        text.push('\n');
        if super::from_yaml(&text, "").is_ok_and(|c| to_yaml(&c) == new) {
            return text;
        }
    }
    keep_comments(old, &new)
}

/// A changed one-line `key: value` as the writer wrote the line it
/// replaces: in the same quotes, and with its comment at the end
/// (`contact_name: "Daniel Ortiz"   # signs` becomes
/// `contact_name: "Daniel Ortiz Jr"   # signs`). A line poa writes as a
/// block, or in quotes of its own, is left as poa wrote it.
fn as_written(was: &str, now: &str) -> String {
    fn value_of(line: &str) -> Option<(&str, &str)> {
        line.split_once(": ")
            .filter(|(k, _)| !k.trim_start().starts_with('-') && !k.contains(['"', '\'']))
    }
    let (Some((_, old)), Some((key, new))) = (value_of(was), value_of(now)) else {
        return now.to_string();
    };
    let comment = trailing_comment(was).unwrap_or("");
    let plain = !new.starts_with(['"', '\'', '|', '>', '[', '{']) && !new.is_empty();
    let value = match old.as_bytes().first() {
        Some(b'"') if plain => serde_json::to_string(new).unwrap_or_else(|_| new.to_string()),
        Some(b'\'') if plain => format!("'{}'", new.replace('\'', "''")),
        _ => new.to_string(),
    };
    if new.starts_with(['|', '>']) {
        return now.to_string();
    }
    format!("{key}: {value}{comment}")
}

/// The comment at the end of a `key: value` line, with the spaces before
/// it (`"   # check with Ana"`); a `#` inside quotes is not one.
fn trailing_comment(line: &str) -> Option<&str> {
    let b = line.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let after_space = i > 0 && matches!(b[i - 1], b' ' | b'\t');
        match quote {
            Some(b'"') if c == b'\\' => i += 1,
            Some(b'\'') if c == b'\'' && b.get(i + 1) == Some(&b'\'') => i += 1,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            // A quote opens only where a value starts.
            None if matches!(c, b'"' | b'\'')
                && line[..i].trim_end().ends_with([':', '-', '[', ',']) =>
            {
                quote = Some(c);
            }
            None if c == b'#' && after_space => {
                return Some(&line[line[..i].trim_end().len()..]);
            }
            None => {}
        }
        i += 1;
    }
    None
}

/// What to do with a key `to_yaml` writes and the file leaves out.
#[derive(Clone, Copy, PartialEq)]
enum Missing {
    /// Leave it out (it loads as its default).
    Leave,
    /// Write it, unless it is empty.
    Add,
}

/// A blank line or a comment: it belongs to the entry that follows.
fn is_filler(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// `v` without the keys whose value is empty (`''`, `[]`, nothing): a file
/// that leaves them out says the same as `to_yaml`, which writes them all.
fn without_empties(v: Value) -> Value {
    match v {
        Value::Mapping(m) => Value::Mapping(
            m.into_iter()
                .map(|(k, v)| (k, without_empties(v)))
                .filter(|(_, v)| !is_empty(v))
                .collect(),
        ),
        Value::Sequence(items) => Value::Sequence(items.into_iter().map(without_empties).collect()),
        other => other,
    }
}

/// `{key: <empty>}`, as an entry's value reads once its empties are gone.
fn is_empty_entry(v: &Value) -> bool {
    matches!(v, Value::Mapping(m) if m.is_empty())
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Sequence(s) => s.is_empty(),
        Value::Mapping(m) => m.is_empty(),
        _ => false,
    }
}

/// A key with what is indented under it, or one `- ` item.
struct Entry<'a> {
    /// The blank lines and comments before it.
    lead: Vec<&'a str>,
    /// Its lines, from its first (`key:` or `- `) on.
    lines: Vec<&'a str>,
}

impl<'a> Entry<'a> {
    fn is_item(&self) -> bool {
        let first = self.lines[0].trim_start_matches(' ');
        first == "-" || first.starts_with("- ")
    }

    /// The key of a `key:` entry.
    fn key(&self) -> Option<&'a str> {
        if self.is_item() {
            return None;
        }
        let first = self.lines[0].trim_start_matches(' ');
        first.split_once(':').map(|(k, _)| k.trim())
    }

    /// Its YAML value, for comparing (`None`: not readable alone).
    fn value(&self, indent: usize) -> Option<Value> {
        let mut text = String::new();
        for l in &self.lines {
            text.push_str(l.get(indent..).unwrap_or_else(|| l.trim_start()));
            text.push('\n');
        }
        serde_yaml::from_str(&text).ok().map(without_empties)
    }

    /// The lines under a `key:` whose value is not on its own line, or
    /// under a `- key: value` item (read as a map at the item's indent
    /// plus two), with the indent they stand at.
    fn children(&self, indent: usize) -> Option<(Vec<String>, usize)> {
        let first = self.lines[0];
        if self.is_item() {
            let rest = &first[indent + 1..];
            let body = rest.trim_start_matches(' ');
            // `- key: value` or `- key:`; a scalar item has no children.
            if body.is_empty() || body.starts_with(['|', '>', '[', '{', '"', '\'']) {
                return None;
            }
            body.split_once(':')?;
            let at = first.len() - body.len();
            let mut out = vec![format!("{}{body}", " ".repeat(at))];
            out.extend(self.lines[1..].iter().map(|l| l.to_string()));
            return Some((out, at));
        }
        let (_, after) = first.split_once(':')?;
        let after = after.trim();
        if !(after.is_empty() || after.starts_with('#')) {
            return None;
        }
        let rest: Vec<String> = self.lines[1..].iter().map(|l| l.to_string()).collect();
        let at = rest.iter().find(|l| !is_filler(l)).map(|l| indent_of(l))?;
        Some((rest, at))
    }
}

/// Splits `lines`, all at `indent` or deeper, into entries at `indent`, and
/// the filler lines after the last one. At a map's level, a `- ` line at
/// the same indent goes on the key before it (`key:` then `- item`).
fn entries<'a>(lines: &[&'a str], indent: usize) -> (Vec<Entry<'a>>, Vec<&'a str>) {
    let mut out: Vec<Entry<'a>> = Vec::new();
    let mut pending: Vec<&'a str> = Vec::new();
    for (line, in_block) in block_lines(lines.iter().copied()) {
        if !in_block && is_filler(line) {
            pending.push(line);
            continue;
        }
        let starts = !in_block && indent_of(line) == indent && {
            let item = line[indent..].starts_with("- ") || line[indent..] == *"-";
            // An item at a map's level belongs to the key above it.
            !(item && out.last().is_some_and(|e| !e.is_item()))
        };
        match out.last_mut() {
            Some(e) if !starts => {
                e.lines.append(&mut pending);
                e.lines.push(line);
            }
            _ => out.push(Entry {
                lead: std::mem::take(&mut pending),
                lines: vec![line],
            }),
        }
    }
    (out, pending)
}

/// Moves every line of `lines` by `by` columns (right when positive), if
/// each line has room; a uniform shift keeps YAML's meaning.
fn shift(lines: &[String], by: isize) -> Option<Vec<String>> {
    lines
        .iter()
        .map(|l| {
            if by >= 0 || l.trim().is_empty() {
                Some(format!("{}{l}", " ".repeat(by.max(0) as usize)))
            } else {
                let n = by.unsigned_abs();
                (indent_of(l) >= n).then(|| l[n..].to_string())
            }
        })
        .collect()
}

/// Writes into `out` the merge of one level: `old` and `new` hold the
/// lines of the same map or list, at `indent` in `old`.
fn merge(old: &[&str], new: &[&str], indent: usize, missing: Missing, out: &mut Vec<String>) {
    let (olds, tail) = entries(old, indent);
    let new_indent = new
        .iter()
        .find(|l| !is_filler(l))
        .map_or(indent, |l| indent_of(l));
    let (news, _) = entries(new, new_indent);
    let by = indent as isize - new_indent as isize;
    let Some(first) = olds.first() else {
        out.extend(new.iter().map(|l| l.to_string()));
        return;
    };
    let new_text = |e: &Entry| -> Vec<String> {
        let lines: Vec<String> = e.lines.iter().map(|l| l.to_string()).collect();
        shift(&lines, by).unwrap_or(lines)
    };
    let old_text = |e: &Entry, out: &mut Vec<String>| {
        out.extend(e.lead.iter().chain(&e.lines).map(|l| l.to_string()));
    };
    // One changed entry: the old lead, then its children merged where both
    // sides have them, or else the new lines.
    let changed = |o: &Entry, n: &Entry, out: &mut Vec<String>| {
        out.extend(o.lead.iter().map(|l| l.to_string()));
        let (Some((oc, oi)), Some((nc, _))) = (o.children(indent), n.children(new_indent)) else {
            let mut lines = new_text(n);
            if let ([was], [now]) = (o.lines.as_slice(), lines.as_mut_slice()) {
                *now = as_written(was, now);
            }
            out.extend(lines);
            return;
        };
        let oc_ref: Vec<&str> = oc.iter().map(String::as_str).collect();
        let nc_ref: Vec<&str> = nc.iter().map(String::as_str).collect();
        let mut inner = Vec::new();
        if o.is_item() {
            merge(&oc_ref, &nc_ref, oi, missing, &mut inner);
            // The item's dash goes back on its first line.
            if let Some(l) = inner.iter_mut().find(|l| !is_filler(l)) {
                if oi == indent + 2 && l.get(..oi).is_some_and(|p| p.trim().is_empty()) {
                    *l = format!("{}- {}", " ".repeat(indent), &l[oi..]);
                } else {
                    out.extend(new_text(n));
                    return;
                }
            }
        } else {
            inner.push(o.lines[0].to_string());
            merge(&oc_ref, &nc_ref, oi, missing, &mut inner);
        }
        out.extend(inner);
    };
    let values_old: Vec<Option<Value>> = olds.iter().map(|e| e.value(indent)).collect();
    if first.is_item() {
        // A list: the new order; each item taken from an old one that
        // is the same, else merged with the old one in its place.
        let mut used = vec![false; olds.len()];
        for (j, n) in news.iter().enumerate() {
            let nv = n.value(new_indent);
            let same = (0..olds.len()).find(|&i| !used[i] && nv.is_some() && values_old[i] == nv);
            match same {
                Some(i) => {
                    used[i] = true;
                    old_text(&olds[i], out);
                }
                None if j < olds.len() && !used[j] && olds[j].is_item() => {
                    used[j] = true;
                    changed(&olds[j], n, out);
                }
                None => out.extend(new_text(n)),
            }
        }
    } else {
        // A map: the writer's order; a key that is new goes after the
        // key it follows in poa's order.
        let mut placed = vec![false; news.len()];
        let mut at_key: Vec<(Option<&str>, Vec<String>)> = Vec::new();
        for (i, o) in olds.iter().enumerate() {
            let mut text = Vec::new();
            let key = o.key();
            if let Some(j) = news.iter().position(|n| key.is_some() && n.key() == key) {
                placed[j] = true;
                if values_old[i].is_some() && values_old[i] == news[j].value(new_indent) {
                    old_text(o, &mut text);
                } else {
                    changed(o, &news[j], &mut text);
                }
            } else if key.is_none() || values_old[i].as_ref().is_some_and(is_empty_entry) {
                // Not a key (left to the read-back), or an empty one poa
                // does not write (`check: {allow: []}`): as written.
                old_text(o, &mut text);
            }
            at_key.push((key, text));
        }
        for (j, n) in news.iter().enumerate() {
            // A key left out and still empty stays left out.
            if placed[j]
                || missing == Missing::Leave
                || n.value(new_indent).is_some_and(|v| is_empty_entry(&v))
            {
                continue;
            }
            let after = news[..j].iter().rev().find_map(|p| {
                at_key
                    .iter()
                    .position(|(k, _)| k.is_some() && *k == p.key())
            });
            let entry = (n.key(), new_text(n));
            match after {
                Some(i) => at_key.insert(i + 1, entry),
                None => at_key.insert(0, entry),
            }
        }
        for (_, text) in at_key {
            out.extend(text);
        }
    }
    out.extend(tail.iter().map(|l| l.to_string()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::from_yaml;

    /// A case file as a person writes it by hand: flow lists, double
    /// quotes, four-space indents, items under their key, blank lines,
    /// comments, and keys in an order of their own.
    const HAND: &str = "\
version: 2
# the client's details, from the call
seller:
    store_name: \"Harbor Lane Home\"
    legal_name: Harbor Lane Home LLC
    merchant_token: A1B2C3D4E5F6G7
    marketplace: US

notice:
    violation: late-shipment-rate
    received: 2026-11-18
    asins: [B0C9X2KLMP, B0C9X2KLMQ]

root_causes:
  - id: R1
    summary: We confirmed shipments once a day.   # check with Ana
    why: The evening pickup came after the cut-off.
  - id: R2
    summary: \"Our carrier scanned late\"
    why: The driver scanned at the depot.

corrective_actions:
  - action: We confirmed all 14 open orders.
    done_on: 2026-11-19
    causes: [R1]
";

    #[test]
    fn an_unchanged_case_is_saved_as_it_was_written() {
        let case = from_yaml(HAND, "x").unwrap();
        assert_eq!(keep_layout(HAND, &case), HAND);
    }

    #[test]
    fn a_change_rewrites_only_what_changed() {
        let mut case = from_yaml(HAND, "x").unwrap();
        case.root_causes[1].why = "The driver scanned the parcels at the depot.".into();
        case.seller.store_name = "Harbor Lane".into();
        let text = keep_layout(HAND, &case);
        let back = from_yaml(&text, "x").unwrap();
        assert_eq!(to_yaml(&back), to_yaml(&case), "{text}");
        // The unchanged lines are byte for byte the writer's.
        for line in [
            "# the client's details, from the call",
            "    legal_name: Harbor Lane Home LLC",
            "    asins: [B0C9X2KLMP, B0C9X2KLMQ]",
            "    summary: We confirmed shipments once a day.   # check with Ana",
            "    summary: \"Our carrier scanned late\"",
            "    causes: [R1]",
        ] {
            assert!(text.lines().any(|l| l == line), "{line:?} kept:\n{text}");
        }
        // The changed ones stand where they stood, at the writer's indent,
        // in the writer's quotes.
        assert!(text.contains("    store_name: \"Harbor Lane\"\n"), "{text}");
        assert!(
            text.contains("    why: The driver scanned the parcels at the depot.\n"),
            "{text}"
        );
        assert!(text.find("store_name").unwrap() < text.find("legal_name").unwrap());
        assert!(
            !text.starts_with("# poa case file"),
            "no header added:\n{text}"
        );
    }

    #[test]
    fn a_changed_line_keeps_its_comment_and_its_quotes() {
        let mut case = from_yaml(HAND, "x").unwrap();
        case.root_causes[0].summary = "We confirmed shipments twice a day.".into();
        case.root_causes[1].summary = "Our carrier's driver scanned late".into();
        let text = keep_layout(HAND, &case);
        assert_eq!(
            to_yaml(&from_yaml(&text, "x").unwrap()),
            to_yaml(&case),
            "{text}"
        );
        assert!(
            text.contains("    summary: We confirmed shipments twice a day.   # check with Ana\n"),
            "{text}"
        );
        assert!(
            text.contains("    summary: \"Our carrier's driver scanned late\"\n"),
            "{text}"
        );
        // Single quotes, a '#' inside them, and a comment after.
        let old = "version: 2\nseller:\n  contact_name: 'Ana #2 O''Neil'   # signs\n";
        let mut case = from_yaml(old, "x").unwrap();
        case.seller.contact_name = "Ana O'Neil".into();
        let text = keep_layout(old, &case);
        assert!(
            text.contains("  contact_name: 'Ana O''Neil'   # signs\n"),
            "{text}"
        );
        assert_eq!(
            from_yaml(&text, "x").unwrap().seller.contact_name,
            "Ana O'Neil"
        );
        // What is a comment and what is not.
        assert_eq!(trailing_comment("  why: a#b"), None);
        assert_eq!(trailing_comment("  why: \"a # b\""), None);
        assert_eq!(trailing_comment("  why: \"a # b\"  # c"), Some("  # c"));
        assert_eq!(trailing_comment("  why: we didn't # c"), Some(" # c"));
    }

    #[test]
    fn items_added_removed_and_moved_keep_the_others_as_written() {
        let mut case = from_yaml(HAND, "x").unwrap();
        case.root_causes.swap(0, 1);
        let mut third = case.root_causes[0].clone();
        third.id = "R3".into();
        third.summary = "A third cause".into();
        case.root_causes.push(third);
        case.corrective_actions.clear();
        case.closing = "Thank you for your time.".into();
        let text = keep_layout(HAND, &case);
        let back = from_yaml(&text, "x").unwrap();
        assert_eq!(to_yaml(&back), to_yaml(&case), "{text}");
        assert!(
            text.contains("    summary: \"Our carrier scanned late\"\n"),
            "{text}"
        );
        assert!(text.contains("# check with Ana"), "{text}");
        assert!(text.contains("closing: Thank you for your time."), "{text}");
    }

    #[test]
    fn a_file_poa_cannot_merge_is_written_whole_and_right() {
        // Tabs, a document marker and a `|+` block: whatever the merge
        // makes of it, the saved text loads as the case.
        let odd = "---\nversion: 2\nclosing: |+\n  Thanks.\n\nseller:\n  legal_name: A\n";
        let mut case = from_yaml(odd, "x").unwrap();
        case.seller.legal_name = "B".into();
        let text = keep_layout(odd, &case);
        assert_eq!(
            to_yaml(&from_yaml(&text, "x").unwrap()),
            to_yaml(&case),
            "{text}"
        );
    }
}
