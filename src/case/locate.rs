//! Where each value of a case file sits in its text, so that messages can
//! say "line 14" for `root_causes[0].why` and the report can underline a
//! word inside it.
//!
//! [`Spans`] is built once per loaded file, by a small scanner for the
//! block-style YAML that `poa` writes and people write by hand (mappings,
//! sequences, block scalars, one-line flow lists), and is keyed by
//! [`FieldPath`]. It never fails: a line it does not understand is skipped,
//! a key that is not part of a case (`version`, `check`) is not kept, and a
//! path it did not see has no position. It reads no YAML library and does
//! not check the content.

use std::collections::HashMap;

use super::field::{FieldPath, Section};

/// A position in the file: 1-based line, and 1-based column in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
    /// The value is a block scalar: its first line of text is `line`, and
    /// every further line of the value is one file line further down.
    pub block: bool,
}

/// The positions of a case file's values, sections and items, by path.
///
/// Keys: a section (`FieldPath::top(Section::RootCauses)`), an item (a path
/// with an index and an empty key: `root_causes[0]`), a key
/// (`root_causes[0].why`, `notice.asks`) and an entry of a list key
/// (`notice.asks[1]`).
#[derive(Debug, Clone, Default)]
pub struct Spans {
    map: HashMap<FieldPath, Pos>,
}

struct Frame {
    path: String,
    indent: usize,
    is_item: bool,
    next_index: usize,
}

/// What the scanner saw, by its path text, before it is turned into a
/// `FieldPath`.
struct Found {
    map: HashMap<FieldPath, Pos>,
}

impl Found {
    fn insert(&mut self, path: &str, pos: Pos) {
        if let Some(p) = field_path(path) {
            self.map.insert(p, pos);
        }
    }
}

/// The `FieldPath` of a path the scanner built, when it is part of a case.
fn field_path(path: &str) -> Option<FieldPath> {
    if let Ok(p) = path.parse() {
        return Some(p);
    }
    // A list section on its own (`root_causes`) is not a field: read it as
    // its first item and keep the section.
    if path.contains(['.', '[']) {
        return None;
    }
    let item: FieldPath = format!("{path}[0]").parse().ok()?;
    Some(FieldPath::top(item.section))
}

/// The path one step up: entry → key → item → section.
fn parent(path: &FieldPath) -> Option<FieldPath> {
    let mut up = *path;
    if up.sub.is_some() {
        up.sub = None;
    } else if !up.key.is_empty() {
        up.key = "";
    } else if up.index.is_some() {
        up.index = None;
    } else {
        return None;
    }
    Some(up)
}

impl Spans {
    /// Scans `source` once.
    pub fn new(source: &str) -> Spans {
        let mut found = Found {
            map: HashMap::new(),
        };
        let mut stack: Vec<Frame> = Vec::new();
        // A block scalar waiting for its first line: (path, indent of its key, seen).
        let mut block: Option<(String, usize, bool)> = None;
        for (n, raw) in source.lines().enumerate() {
            let line_no = n + 1;
            let ind = raw.len() - raw.trim_start_matches(' ').len();
            let content = raw[ind..].trim_end();
            if let Some((path, key_indent, seen)) = &mut block {
                if content.is_empty() {
                    continue;
                }
                if ind > *key_indent {
                    if !*seen {
                        found.insert(
                            path,
                            Pos {
                                line: line_no,
                                column: ind + 1,
                                block: true,
                            },
                        );
                        *seen = true;
                    }
                    continue;
                }
                block = None;
            }
            if content.is_empty() || content.starts_with('#') || content == "---" {
                continue;
            }
            let is_item = content == "-" || content.starts_with("- ");
            while let Some(top) = stack.last() {
                if ind > top.indent || (ind == top.indent && is_item && !top.is_item) {
                    break;
                }
                stack.pop();
            }
            let (mut rest, mut col) = (content, ind);
            let mut parent = stack.last().map(|f| f.path.clone()).unwrap_or_default();
            if is_item {
                let index = match stack.last_mut() {
                    Some(top) => {
                        top.next_index += 1;
                        top.next_index - 1
                    }
                    None => 0,
                };
                let path = format!("{parent}[{index}]");
                rest = rest[1..].trim_start();
                col = ind + (content.len() - rest.len());
                let scalar = !rest.is_empty() && split_key(rest).is_none();
                found.insert(&path, value_pos(line_no, col, rest, scalar));
                stack.push(Frame {
                    path: path.clone(),
                    indent: ind,
                    is_item: true,
                    next_index: 0,
                });
                if rest.is_empty() || scalar {
                    continue;
                }
                parent = path;
            }
            let Some((key, value, value_at)) = split_key(rest) else {
                continue;
            };
            let path = if parent.is_empty() {
                key.to_string()
            } else {
                format!("{parent}.{key}")
            };
            let vcol = col + value_at;
            if value.is_empty() {
                found.insert(
                    &path,
                    Pos {
                        line: line_no,
                        column: col + 1,
                        block: false,
                    },
                );
                stack.push(Frame {
                    path,
                    indent: col,
                    is_item: false,
                    next_index: 0,
                });
            } else if value.starts_with('|') || value.starts_with('>') {
                found.insert(
                    &path,
                    Pos {
                        line: line_no,
                        column: vcol + 1,
                        block: false,
                    },
                );
                block = Some((path, col, false));
            } else {
                found.insert(&path, value_pos(line_no, vcol, value, true));
                if let Some(inner) = value.strip_prefix('[') {
                    let mut offset = vcol + 1;
                    for (i, item) in inner.split(',').enumerate() {
                        let lead = item.len() - item.trim_start().len();
                        found.insert(
                            &format!("{path}[{i}]"),
                            value_pos(line_no, offset + lead, item.trim_start(), true),
                        );
                        offset += item.len() + 1;
                    }
                }
            }
        }
        Spans { map: found.map }
    }

    /// The position of the value at `path` (for a section or an item, of
    /// its first line).
    pub fn get(&self, path: &FieldPath) -> Option<Pos> {
        self.map.get(path).copied()
    }

    /// Every path the file has, with its position.
    pub fn iter(&self) -> impl Iterator<Item = (&FieldPath, &Pos)> {
        self.map.iter()
    }

    /// The position of a section's key.
    pub fn section(&self, section: Section) -> Option<Pos> {
        self.get(&FieldPath::top(section))
    }

    /// The position of `path`, or of the nearest enclosing path that the
    /// file has (for a key that is missing): entry, key, item, section.
    pub fn nearest(&self, path: &FieldPath) -> Option<(FieldPath, Pos)> {
        let mut p = *path;
        loop {
            if let Some(pos) = self.get(&p) {
                return Some((p, pos));
            }
            p = parent(&p)?;
        }
    }

    /// The file line and byte column (1-based) of a place inside the value
    /// at `path`, given as its line in the value (0-based) and its byte in
    /// that line. A place past the first line of a value that is not a
    /// block scalar is given the value's own position.
    pub fn at(&self, path: &FieldPath, line_in_value: usize, byte_in_line: usize) -> Option<Pos> {
        let pos = self.get(path)?;
        Some(if pos.block {
            Pos {
                line: pos.line + line_in_value,
                column: pos.column + byte_in_line,
                block: true,
            }
        } else if line_in_value == 0 {
            Pos {
                column: pos.column + byte_in_line,
                ..pos
            }
        } else {
            pos
        })
    }

    /// The file line and byte column (1-based) of byte `offset` of `text`,
    /// the value at `path`. Reads `text` up to `offset`; the report, which
    /// places many findings, keeps its own count with [`Spans::at`].
    pub fn offset(&self, path: &FieldPath, text: &str, offset: usize) -> Option<(usize, usize)> {
        let before = &text[..super::floor_char_boundary(text, offset)];
        let line_in_value = before.matches('\n').count();
        let byte_in_line = before.len() - before.rfind('\n').map_or(0, |i| i + 1);
        self.at(path, line_in_value, byte_in_line)
            .map(|p| (p.line, p.column))
    }
}

/// The position of a scalar value written at byte `col` of line `line`:
/// the text of a quoted value starts after its quote.
fn value_pos(line: usize, col: usize, value: &str, scalar: bool) -> Pos {
    let quoted = scalar && (value.starts_with('"') || value.starts_with('\''));
    Pos {
        line,
        column: col + 1 + usize::from(quoted),
        block: false,
    }
}

/// `key: value` → (key, value, byte offset of the value in `s`).
fn split_key(s: &str) -> Option<(&str, &str, usize)> {
    let bytes = s.as_bytes();
    let (key_end, after) = if bytes.first() == Some(&b'"') || bytes.first() == Some(&b'\'') {
        let q = bytes[0];
        let close = s[1..].find(q as char)? + 1;
        if s.as_bytes().get(close + 1) != Some(&b':') {
            return None;
        }
        (close + 1, close + 2)
    } else {
        let mut found = None;
        for (i, c) in s.char_indices() {
            if c == ':' && matches!(bytes.get(i + 1), None | Some(b' ')) {
                found = Some(i);
                break;
            }
            if c == '#' && i > 0 && bytes[i - 1] == b' ' {
                return None;
            }
        }
        let i = found?;
        (i, i + 1)
    };
    let key = s[..key_end].trim().trim_matches(['"', '\'']);
    let tail = &s[after..];
    let value_trimmed = tail.trim_start();
    let value_at = after + (tail.len() - value_trimmed.len());
    let value = strip_comment(value_trimmed);
    Some((key, value, value_at))
}

fn strip_comment(v: &str) -> &str {
    if v.starts_with('#') {
        return "";
    }
    if v.starts_with('"') || v.starts_with('\'') {
        return v;
    }
    match v.find(" #") {
        Some(i) => v[..i].trim_end(),
        None => v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Section::*;

    const SRC: &str = "version: 1
seller:
  legal_name: Acme
  store_name: 'Acme: Home'
notice:
  violation: late-shipment-rate
  asins: [B0ABCDE123, 'B0ABCDE124']
  asks:
  - First question
  - \"Second question\"
  text: |
    Dear seller,
    your rate is high.
root_causes:
- summary: One
  why: |-
    Because
    of this.
  how: x
- summary: Two
corrective_actions:
  - action: Did it
    causes:
      - 1
explanation: ''
closing: >
  Folded
  text.
check:
  allow: [T001]
";

    fn at(s: &Spans, p: FieldPath) -> Option<(usize, usize)> {
        s.get(&p).map(|p| (p.line, p.column))
    }

    #[test]
    fn finds_every_kind_of_path() {
        let s = Spans::new(SRC);
        // Sections, keys and quoted values (the column is the text's, after the quote).
        assert_eq!(at(&s, FieldPath::top(Seller)), Some((2, 1)));
        assert_eq!(at(&s, FieldPath::key(Seller, "legal_name")), Some((3, 15)));
        assert_eq!(at(&s, FieldPath::key(Seller, "store_name")), Some((4, 16)));
        assert_eq!(at(&s, FieldPath::key(Notice, "asks")), Some((8, 3)));
        // Entries of a flow list and of a block list.
        assert_eq!(at(&s, FieldPath::entry(Notice, "asins", 0)), Some((7, 11)));
        assert_eq!(at(&s, FieldPath::entry(Notice, "asins", 1)), Some((7, 24)));
        assert_eq!(at(&s, FieldPath::entry(Notice, "asks", 0)), Some((9, 5)));
        assert_eq!(at(&s, FieldPath::entry(Notice, "asks", 1)), Some((10, 6)));
        // A block scalar starts on its first line of text.
        assert_eq!(at(&s, FieldPath::key(Notice, "text")), Some((12, 5)));
        // A list section, its items (empty key) and their keys.
        assert_eq!(at(&s, FieldPath::top(RootCauses)), Some((14, 1)));
        assert_eq!(at(&s, FieldPath::item(RootCauses, 0, "")), Some((15, 3)));
        assert_eq!(
            at(&s, FieldPath::item(RootCauses, 0, "summary")),
            Some((15, 12))
        );
        assert_eq!(at(&s, FieldPath::item(RootCauses, 0, "why")), Some((17, 5)));
        assert_eq!(at(&s, FieldPath::item(RootCauses, 0, "how")), Some((19, 8)));
        assert_eq!(at(&s, FieldPath::item(RootCauses, 1, "")), Some((20, 3)));
        assert_eq!(
            at(&s, FieldPath::item(RootCauses, 1, "summary")),
            Some((20, 12))
        );
        assert_eq!(
            at(&s, FieldPath::item(CorrectiveActions, 0, "action")),
            Some((22, 13))
        );
        let cause = FieldPath {
            sub: Some(0),
            ..FieldPath::item(CorrectiveActions, 0, "causes")
        };
        assert_eq!(at(&s, cause), Some((24, 9)));
        // Sections that are one text.
        assert_eq!(at(&s, FieldPath::top(Explanation)), Some((25, 15)));
        assert_eq!(at(&s, FieldPath::top(Closing)), Some((27, 3)));
        // Keys that are not part of a case are not kept.
        assert_eq!(s.map.len(), 26, "{:?}", s.map.keys());
    }

    #[test]
    fn maps_offsets_inside_values() {
        let s = Spans::new(SRC);
        let why = FieldPath::item(RootCauses, 0, "why");
        assert_eq!(s.offset(&why, "Because\nof this.", 11), Some((18, 8)));
        assert_eq!(s.offset(&why, "Because\nof this.", 0), Some((17, 5)));
        let text = FieldPath::key(Notice, "text");
        assert_eq!(
            s.offset(&text, "Dear seller,\nyour rate is high.\n", 18),
            Some((13, 10))
        );
        let summary = FieldPath::item(RootCauses, 1, "summary");
        assert_eq!(s.offset(&summary, "Two", 1), Some((20, 13)));
        let store = FieldPath::key(Seller, "store_name");
        assert_eq!(s.offset(&store, "Acme: Home", 6), Some((4, 22)));
        // Past the first line of a value that is not a block: the value.
        let closing = FieldPath::top(Closing);
        assert_eq!(s.at(&closing, 0, 3).map(|p| p.line), Some(27));
    }

    #[test]
    fn nearest_falls_back_from_entry_to_key_to_item_to_section() {
        let s = Spans::new(SRC);
        let found = |p: FieldPath| s.nearest(&p).map(|(p, pos)| (p.to_string(), pos.line));
        assert_eq!(
            found(FieldPath::key(Seller, "merchant_token")),
            Some(("seller".into(), 2))
        );
        assert_eq!(
            found(FieldPath::entry(Notice, "asks", 5)),
            Some(("notice.asks".into(), 8))
        );
        assert_eq!(
            found(FieldPath::item(RootCauses, 1, "why")),
            Some(("root_causes[1]".into(), 20))
        );
        assert_eq!(
            found(FieldPath::item(RootCauses, 7, "why")),
            Some(("root_causes".into(), 14))
        );
        assert_eq!(found(FieldPath::item(Evidence, 0, "title")), None);
        assert_eq!(
            found(FieldPath::item(RootCauses, 0, "why")),
            Some(("root_causes[0].why".into(), 17))
        );
    }

    #[test]
    fn odd_lines_are_skipped_without_failing() {
        let s = Spans::new("version: 1\n: nothing\n- stray\nseller:\n\tlegal_name: x\n");
        assert_eq!(s.section(Seller).map(|p| p.line), Some(4));
        assert!(Spans::new("").get(&FieldPath::top(Seller)).is_none());
    }
}
