//! Where each value of a case file sits in its text, so that messages can
//! say "line 14" for `root_causes[0].why`.
//!
//! A small scanner for the block-style YAML that `poa` writes and people
//! write by hand (mappings, sequences, block scalars, one-line flow lists).
//! It never fails: a line it does not understand is skipped, and a path it
//! did not see has no position.

use std::collections::HashMap;

/// A position in the file, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
    /// The value is a block scalar: its first line of text is `line`, and
    /// every further line of the value is one file line further down.
    pub block: bool,
}

/// Paths (`root_causes[0].why`) to the positions of their values.
#[derive(Debug, Clone, Default)]
pub struct Locator {
    map: HashMap<String, Pos>,
}

struct Frame {
    path: String,
    indent: usize,
    is_item: bool,
    next_index: usize,
}

impl Locator {
    pub fn new(source: &str) -> Locator {
        let mut map = HashMap::new();
        let mut stack: Vec<Frame> = Vec::new();
        // A block scalar waiting for its first line: (path, indent of its key).
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
                        map.insert(
                            path.clone(),
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
            let (mut rest, mut col, mut parent) = (content, ind, parent_path(&stack));
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
                map.insert(
                    path.clone(),
                    Pos {
                        line: line_no,
                        column: col + 1,
                        block: false,
                    },
                );
                stack.push(Frame {
                    path: path.clone(),
                    indent: ind,
                    is_item: true,
                    next_index: 0,
                });
                if rest.is_empty() || split_key(rest).is_none() {
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
                map.insert(
                    path.clone(),
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
                map.insert(
                    path.clone(),
                    Pos {
                        line: line_no,
                        column: vcol + 1,
                        block: false,
                    },
                );
                block = Some((path, col, false));
            } else {
                map.insert(
                    path.clone(),
                    Pos {
                        line: line_no,
                        column: vcol + 1,
                        block: false,
                    },
                );
                if let Some(inner) = value.strip_prefix('[') {
                    let mut offset = vcol + 1;
                    for (i, item) in inner.split(',').enumerate() {
                        let lead = item.len() - item.trim_start().len();
                        map.insert(
                            format!("{path}[{i}]"),
                            Pos {
                                line: line_no,
                                column: offset + lead + 1,
                                block: false,
                            },
                        );
                        offset += item.len() + 1;
                    }
                }
            }
        }
        Locator { map }
    }

    /// The position of the value at `path`.
    pub fn find(&self, path: &str) -> Option<Pos> {
        self.map.get(path).copied()
    }

    /// The position of `path`, or of the nearest enclosing path that the
    /// file has (for a key that is missing).
    pub fn nearest(&self, path: &str) -> Option<(String, Pos)> {
        let mut p = path.to_string();
        loop {
            if let Some(pos) = self.find(&p) {
                return Some((p, pos));
            }
            let cut = p.rfind(['.', '['])?;
            p.truncate(cut);
        }
    }

    /// The file line and column of byte `offset` inside the value at `path`.
    pub fn offset(&self, path: &str, text: &str, offset: usize) -> Option<(usize, usize)> {
        let pos = self.find(path)?;
        let before = &text[..offset.min(text.len())];
        let line_in_value = before.matches('\n').count();
        let col_in_line = before.len() - before.rfind('\n').map_or(0, |i| i + 1);
        if pos.block {
            Some((pos.line + line_in_value, pos.column + col_in_line))
        } else if line_in_value == 0 {
            Some((pos.line, pos.column + col_in_line))
        } else {
            Some((pos.line, pos.column))
        }
    }
}

fn parent_path(stack: &[Frame]) -> String {
    stack.last().map(|f| f.path.clone()).unwrap_or_default()
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

    const SRC: &str = "version: 1
seller:
  legal_name: Acme
  store_name: 'Acme: Home'
notice:
  violation: late-shipment-rate
  asins: [B0ABCDE123, B0ABCDE124]
  asks:
  - First question
  - Second question
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
";

    #[test]
    fn finds_values_in_block_yaml() {
        let l = Locator::new(SRC);
        let at = |p: &str| l.find(p).map(|p| (p.line, p.column));
        assert_eq!(at("version"), Some((1, 10)));
        assert_eq!(at("seller.legal_name"), Some((3, 15)));
        assert_eq!(at("seller.store_name"), Some((4, 15)));
        assert_eq!(at("notice.asins[1]"), Some((7, 23)));
        assert_eq!(at("notice.asks[1]"), Some((10, 5)));
        assert_eq!(at("notice.text"), Some((12, 5)));
        assert_eq!(at("root_causes[0].summary"), Some((15, 12)));
        assert_eq!(at("root_causes[0].why"), Some((17, 5)));
        assert_eq!(at("root_causes[0].how"), Some((19, 8)));
        assert_eq!(at("root_causes[1].summary"), Some((20, 12)));
        assert_eq!(at("corrective_actions[0].action"), Some((22, 13)));
        assert_eq!(at("corrective_actions[0].causes[0]"), Some((24, 9)));
        assert_eq!(at("explanation"), Some((25, 14)));
    }

    #[test]
    fn maps_offsets_inside_block_scalars() {
        let l = Locator::new(SRC);
        let text = "Because\nof this.";
        assert_eq!(l.offset("root_causes[0].why", text, 11), Some((18, 8)));
    }

    #[test]
    fn nearest_falls_back_to_the_parent() {
        let l = Locator::new(SRC);
        let (p, pos) = l.nearest("seller.merchant_token").unwrap();
        assert_eq!((p.as_str(), pos.line), ("seller", 2));
    }
}
