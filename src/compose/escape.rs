//! Making the writer's text safe inside the letter's Markdown.
//!
//! A line the writer starts with `#`, `1.` or `>` must not become a heading,
//! an item of the letter's own list or a quote; `*`, `_`, `[` and friends
//! must not change the meaning. A writer's own bullet list stays a list.

/// Escapes characters that would start Markdown inline syntax.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '&' if looks_like_entity(&chars[i + 1..]) => out.push_str("\\&"),
            '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

fn looks_like_entity(rest: &[char]) -> bool {
    let word: String = rest.iter().take(12).take_while(|c| **c != ';').collect();
    rest.get(word.chars().count()) == Some(&';')
        && !word.is_empty()
        && (word.starts_with('#') || word.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A one-line value (a name, a role, a cause's summary in its heading): one
/// line whatever it holds, never a heading, a list or a quote where a
/// template puts it at the start of a line, and a trailing `###` kept
/// (Markdown would take it as a heading's closing marks).
pub fn value(text: &str) -> String {
    let one = text.replace(['\r', '\n'], " ");
    let mut s = prose_line(one.trim());
    let hashes = s.len() - s.trim_end_matches('#').len();
    if hashes > 0 && hashes < s.len() {
        s.insert(s.len() - hashes, '\\');
    }
    s
}

/// A line of the writer's text, read as a bullet item or as prose.
enum Line<'a> {
    Blank,
    Bullet { level: usize, text: &'a str },
    Prose(&'a str),
}

fn classify(line: &str) -> Line<'_> {
    let trimmed = line.trim_end();
    let body = trimmed.trim_start();
    if body.is_empty() {
        return Line::Blank;
    }
    let lead = leading_width(trimmed);
    for marker in ["- ", "* ", "• ", "+ ", "· "] {
        if let Some(rest) = body.strip_prefix(marker) {
            let rest = rest.trim_start();
            if !rest.is_empty() {
                return Line::Bullet {
                    level: (lead / 2).min(3),
                    text: rest,
                };
            }
        }
    }
    Line::Prose(body)
}

fn leading_width(s: &str) -> usize {
    s.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// Escapes what would make a prose line start a block: a heading, a quote,
/// an ordered list item, a thematic break or setext underline, a fence.
fn prose_line(body: &str) -> String {
    let mut s = inline(body);
    let starts_block = s.starts_with('#')
        || s.starts_with("\\>")
        || s.starts_with('=')
        || s.starts_with('-')
        || s.starts_with('+')
        || s.starts_with("```")
        || s.starts_with("~~~");
    if starts_block && !s.starts_with("\\") {
        s.insert(0, '\\');
    } else if let Some(n) = s.find(['.', ')'])
        && n > 0
        && n <= 9
        && s[..n].bytes().all(|b| b.is_ascii_digit())
    {
        s.insert(n, '\\');
    }
    s
}

/// The writer's text as a Markdown block. Paragraphs stay paragraphs, line
/// breaks stay line breaks, bullet lists stay lists. Every line after the
/// first is indented by `indent` spaces so the text stays inside a list item.
pub fn block(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    // A lone CR is a line break to Markdown: it is one here too, so the
    // line after it is escaped as a line.
    let text = crate::case::line_breaks(text);
    let lines: Vec<Line> = text.lines().map(classify).collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut first = true;
    let newline = |out: &mut String, first: &mut bool| {
        if !*first {
            out.push('\n');
            out.push_str(&pad);
        }
        *first = false;
    };
    let mut prev_blank = true;
    let mut prev_kind_bullet = false;
    for (i, line) in lines.iter().enumerate() {
        match line {
            Line::Blank => {
                if !prev_blank {
                    out.push('\n');
                }
                prev_blank = true;
                continue;
            }
            Line::Bullet { level, text } => {
                newline(&mut out, &mut first);
                out.push_str(&"  ".repeat(*level));
                out.push_str("- ");
                out.push_str(&prose_line(text));
                prev_kind_bullet = true;
            }
            Line::Prose(body) => {
                if prev_kind_bullet && !prev_blank {
                    // A paragraph after a list needs a blank line, or it
                    // would continue the last item.
                    out.push('\n');
                }
                newline(&mut out, &mut first);
                out.push_str(&prose_line(body));
                if matches!(lines.get(i + 1), Some(Line::Prose(_))) {
                    out.push('\\');
                }
                prev_kind_bullet = false;
            }
        }
        prev_blank = false;
    }
    while out.ends_with('\n') {
        out.pop();
    }
    out
}

/// The writer's text inside a table cell: one line, `<br>` between lines.
pub fn cell(text: &str) -> String {
    let text = crate::case::line_breaks(text);
    let parts: Vec<String> = text
        .lines()
        .map(classify)
        .filter_map(|l| match l {
            Line::Blank => None,
            Line::Bullet { text, .. } => Some(format!("• {}", inline(text))),
            Line::Prose(body) => Some(inline(body)),
        })
        .collect();
    parts.join("<br>")
}

/// The writer's text as plain text: bullets as `- `, continuation lines
/// indented by `indent` spaces, blank lines kept (one at most).
pub fn plain(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let text = crate::case::line_breaks(text);
    let mut out = String::with_capacity(text.len());
    let mut prev_blank = true;
    for line in text.lines().map(classify) {
        match line {
            Line::Blank => {
                if !prev_blank {
                    out.push('\n');
                }
                prev_blank = true;
                continue;
            }
            Line::Bullet { level, text } => {
                if !out.is_empty() {
                    out.push('\n');
                    out.push_str(&pad);
                }
                out.push_str(&"  ".repeat(level));
                out.push_str("- ");
                out.push_str(text);
            }
            Line::Prose(body) => {
                if !out.is_empty() {
                    out.push('\n');
                    out.push_str(&pad);
                }
                out.push_str(&body.replace('\t', " "));
            }
        }
        prev_blank = false;
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_never_makes_a_heading_a_list_or_a_new_line() {
        assert_eq!(value("# Owner"), "\\# Owner");
        assert_eq!(value("1. Owner"), "1\\. Owner");
        assert_eq!(value("Daniel\r# INJECTED"), "Daniel # INJECTED");
        assert_eq!(value("Supplier step C ###"), "Supplier step C \\###");
        assert_eq!(value("Owner"), "Owner");
    }

    #[test]
    fn inline_specials_are_escaped() {
        assert_eq!(
            inline("a *b* _c_ [d](e) <f> g|h"),
            r"a \*b\* \_c\_ \[d\](e) \<f\> g\|h"
        );
        assert_eq!(
            inline("Fish & chips &amp; more"),
            r"Fish & chips \&amp; more"
        );
        // "$5 and $6" is no formula for a viewer that reads $…$ as math.
        assert_eq!(inline("Cost $5 and $6 total"), r"Cost \$5 and \$6 total");
    }

    #[test]
    fn block_starters_lose_their_power() {
        assert_eq!(block("# Not a heading", 0), r"\# Not a heading");
        assert_eq!(block("1. not an item", 0), r"1\. not an item");
        assert_eq!(block("12) not either", 0), r"12\) not either");
        assert_eq!(block("> not a quote", 0), r"\> not a quote");
        assert_eq!(block("---", 0), r"\---");
        assert_eq!(block("2026 was the year.", 0), "2026 was the year.");
    }

    #[test]
    fn lines_paragraphs_and_lists_survive() {
        let text = "First line\nsecond line\n\nThen a list:\n- one\n- two\n  - nested\nAfter.";
        assert_eq!(
            block(text, 3),
            "First line\\\n   second line\n\n   Then a list:\n   - one\n   - two\n     - nested\n\n   After."
        );
    }

    #[test]
    fn cells_stay_on_one_line() {
        assert_eq!(cell("a|b\n- x\n- y"), r"a\|b<br>• x<br>• y");
    }

    #[test]
    fn plain_keeps_markers_and_indents() {
        assert_eq!(plain("One\n* two\n\n\nThree", 2), "One\n  - two\n\n  Three");
    }
}
