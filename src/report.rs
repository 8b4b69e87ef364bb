//! The report of `poa check`: each file's findings as JSON (DESIGN.md §3),
//! or as text for people, drawn with annotate-snippets: the code and the
//! message, the file, line and column, the line of the file with the words
//! marked, and the fix.
//!
//! Pure: it writes to the writer it is given. The caller reads the files,
//! and decides colour and width (it is the one that looks at the terminal).
//! Positions come from the [`Spans`] built when the case was loaded, and
//! each text is read once however many findings it has, so the report is
//! linear in the number of findings; a long line is cut around its mark
//! before it is drawn.

use std::collections::HashMap;
use std::io::{self, Write};
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};
use serde::Serialize;

use crate::case::{self, Case, FieldPath, Pos, Spans};
use crate::check::{self, FieldId, Finding, Severity};
use crate::playbook::Lang;

/// The width the text report fits when it does not write to a terminal.
pub const DEFAULT_WIDTH: usize = 100;

/// One checked file, as the JSON output shows it.
#[derive(Debug, Serialize)]
pub struct FileReport {
    pub path: String,
    pub findings: Vec<Finding>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// What was done or skipped (`fixed 3 findings and saved the file`),
    /// printed as `note:` lines in the text report.
    #[serde(skip)]
    pub notes: Vec<String>,
}

impl FileReport {
    pub fn new(path: String, findings: Vec<Finding>, notes: Vec<String>) -> FileReport {
        let (errors, warnings, infos) = check::counts(&findings);
        FileReport {
            path,
            findings,
            errors,
            warnings,
            infos,
            notes,
        }
    }
}

/// The text a file's findings point into.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// A case file: its text, the case read from it, and where its values are.
    Case {
        text: &'a str,
        case: &'a Case,
        spans: &'a Spans,
    },
    /// A draft (.md, .txt): findings name its lines.
    Draft(&'a str),
}

/// How the text report is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Colours (only for a terminal, and not when NO_COLOR is set).
    pub color: bool,
    /// The columns a line of the report may take.
    pub width: usize,
    /// The language of the messages (`--lang`); quoted words stay English.
    pub lang: Lang,
}

impl Default for Style {
    fn default() -> Style {
        Style {
            color: false,
            width: DEFAULT_WIDTH,
            lang: Lang::En,
        }
    }
}

#[derive(Serialize)]
struct Json<'a> {
    version: u32,
    files: &'a [FileReport],
}

/// `{"version":1,"files":[...]}`, pretty-printed, with a final newline.
pub fn write_json(out: &mut impl Write, files: &[FileReport]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &Json { version: 1, files })?;
    writeln!(out)
}

/// The text report of one file: each finding, then the notes, then the
/// file's summary line.
pub fn write_text(
    out: &mut impl Write,
    file: &FileReport,
    source: Source<'_>,
    style: Style,
) -> io::Result<()> {
    let renderer = if style.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .term_width(style.width);
    let mut places = Places::new(source);
    for f in &file.findings {
        let place = places.of(f);
        let drawn = draw(&renderer, &file.path, f, &place, style);
        out.write_all(drawn.as_bytes())?;
        out.write_all(b"\n\n")?;
    }
    for n in &file.notes {
        writeln!(out, "note: {}: {n}", file.path)?;
    }
    let summary = if file.findings.is_empty() {
        match style.lang {
            Lang::En => "no problems found".to_string(),
            Lang::Zh => "没有发现问题".to_string(),
        }
    } else {
        tally_in(style.lang, file.errors, file.warnings, file.infos)
    };
    writeln!(out, "{}: {summary}", file.path)
}

/// The line under the reports of several files: `3 files: 2 errors, ...`.
/// Writes nothing for one file.
pub fn write_total(out: &mut impl Write, files: &[FileReport], lang: Lang) -> io::Result<()> {
    if files.len() < 2 {
        return Ok(());
    }
    let (e, w, i) = files.iter().fold((0, 0, 0), |a, r| {
        (a.0 + r.errors, a.1 + r.warnings, a.2 + r.infos)
    });
    match lang {
        Lang::En => writeln!(out, "{} files: {}", files.len(), tally(e, w, i)),
        Lang::Zh => writeln!(
            out,
            "共 {} 个文件：{}",
            files.len(),
            tally_in(lang, e, w, i)
        ),
    }
}

/// The counts of a report in the writer's language.
fn tally_in(lang: Lang, e: usize, w: usize, i: usize) -> String {
    match lang {
        Lang::En => tally(e, w, i),
        Lang::Zh => format!("{e} 个错误，{w} 个警告，{i} 个提示"),
    }
}

/// "s" for any number but one.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn tally(e: usize, w: usize, i: usize) -> String {
    format!(
        "{e} error{}, {w} warning{}, {i} info{}",
        plural(e),
        plural(w),
        plural(i)
    )
}

/// Where a finding is drawn.
enum Place<'a> {
    /// A line of text with a mark: the line (or the part of it around the
    /// mark), its number in the file, the bytes to mark in it, and the
    /// column of the mark in the file, in characters.
    Line {
        text: &'a str,
        line: usize,
        mark: Range<usize>,
        column: usize,
        /// The line is the file's own. False for a value that the file
        /// writes in another way (quotes with escapes, folded lines): then
        /// the value's own line is shown, without a number.
        from_file: bool,
    },
    /// Only a line (and a column).
    At { line: usize, column: Option<usize> },
    /// The whole file.
    File,
}

/// Finds the places of one file's findings, reading each text once.
struct Places<'a> {
    lines: Vec<&'a str>,
    case: Option<(&'a Spans, HashMap<FieldPath, &'a str>)>,
    /// Lines counted inside a value, for the value of the last finding.
    in_value: Count<FieldPath>,
    /// Characters counted in a line of the file, for columns.
    in_line: Count<usize>,
}

impl<'a> Places<'a> {
    fn new(source: Source<'a>) -> Places<'a> {
        let (text, case) = match source {
            Source::Case { text, case, spans } => {
                let texts = case
                    .text_fields()
                    .into_iter()
                    .map(|f| (f.path, f.text))
                    .collect();
                (text, Some((spans, texts)))
            }
            Source::Draft(text) => (text, None),
        };
        Places {
            lines: text.lines().collect(),
            case,
            in_value: Count::default(),
            in_line: Count::default(),
        }
    }

    fn of(&mut self, f: &Finding) -> Place<'a> {
        match f.field {
            FieldId::Line(n) => self.draft_line(n, f),
            FieldId::Case(path) => self.case_field(path, f),
            FieldId::Section(section) => match &self.case {
                Some((spans, _)) => match spans.section(section) {
                    Some(pos) => self.rest_of_line(pos),
                    None => Place::File,
                },
                None => Place::File,
            },
            FieldId::Document => Place::File,
        }
    }

    /// The column, in characters, of byte `byte` of file line `line`.
    fn column(&mut self, line: usize, byte: usize) -> usize {
        let text = self.line(line);
        self.in_line.to(line, text, byte).2 + 1
    }

    fn line(&self, line: usize) -> &'a str {
        line.checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .copied()
            .unwrap_or("")
    }

    fn draft_line(&mut self, n: usize, f: &Finding) -> Place<'a> {
        let text = self.line(n);
        let mark = match (f.start, f.end) {
            (Some(s), Some(e)) => clamp(text, s, e),
            _ => {
                let start = text.len() - text.trim_start().len();
                start..text.trim_end().len().max(start)
            }
        };
        if mark.is_empty() && f.start.is_none() {
            return Place::At {
                line: n,
                column: None,
            };
        }
        let column = self.column(n, mark.start);
        Place::Line {
            text,
            line: n,
            mark,
            column,
            from_file: true,
        }
    }

    fn case_field(&mut self, path: FieldPath, f: &Finding) -> Place<'a> {
        let Some((spans, texts)) = &self.case else {
            return Place::File;
        };
        let Some(pos) = spans.get(&path) else {
            return match spans.nearest(&path) {
                Some((_, pos)) => Place::At {
                    line: pos.line,
                    column: Some(self.column(pos.line, pos.column - 1)),
                },
                None => Place::File,
            };
        };
        let value = texts.get(&path).copied().unwrap_or("");
        let (Some(start), Some(end)) = (f.start, f.end) else {
            if value.trim().is_empty() {
                return Place::At {
                    line: pos.line,
                    column: Some(self.column(pos.line, pos.column - 1)),
                };
            }
            // The value as the file writes it, when it does so plainly (an
            // entry of a flow list is marked alone, not to the line's end).
            let first = first_line(value);
            return match self.written_at(pos.line, pos.column - 1, first) {
                Some(place) if !first.is_empty() => place,
                _ => self.rest_of_line(pos),
            };
        };
        // The mark's line in the value, then in the file.
        let (line_in_value, line_start, _) = self.in_value.to(path, value, start);
        let value_line = first_line(&value[line_start..]);
        let in_value_line = clamp(
            value_line,
            start.saturating_sub(line_start),
            end.saturating_sub(line_start),
        );
        let at = spans
            .at(&path, line_in_value, in_value_line.start)
            .unwrap_or(pos);
        let file_line = self.line(at.line);
        if let Some(place) =
            self.written_at(at.line, at.column - 1, &value_line[in_value_line.clone()])
        {
            return place;
        }
        // The file writes this value differently (escapes, folded lines):
        // show the value's own line, placed where the value starts on the
        // file's line.
        let start = if at.line == pos.line {
            pos.column - 1
        } else {
            0
        };
        let column = self.column(at.line, start.min(file_line.len()));
        Place::Line {
            text: value_line,
            line: at.line,
            mark: in_value_line,
            column,
            from_file: false,
        }
    }

    /// `wanted` marked where the file's line `line` writes it, at `byte`;
    /// `None` when the file writes it otherwise (quoted, escaped, folded).
    fn written_at(&mut self, line: usize, byte: usize, wanted: &str) -> Option<Place<'a>> {
        let text = self.line(line);
        if text.get(byte..byte + wanted.len()) != Some(wanted) {
            return None;
        }
        let column = self.column(line, byte);
        Some(Place::Line {
            text,
            line,
            mark: byte..byte + wanted.len(),
            column,
            from_file: true,
        })
    }

    /// The file's line at `pos`, marked from `pos` to its end.
    fn rest_of_line(&mut self, pos: Pos) -> Place<'a> {
        let text = self.line(pos.line);
        let start = case::floor_char_boundary(text, pos.column - 1);
        let end = text.trim_end().len().max(start);
        if start == end {
            return Place::At {
                line: pos.line,
                column: Some(self.column(pos.line, start)),
            };
        }
        let column = self.column(pos.line, start);
        Place::Line {
            text,
            line: pos.line,
            mark: start..end,
            column,
            from_file: true,
        }
    }
}

/// Counts the lines and characters of a text up to a byte, going on from
/// the last count when the next byte is further on in the same text.
/// Findings come sorted by place, so each text is read once.
struct Count<K> {
    key: Option<K>,
    byte: usize,
    line: usize,
    line_start: usize,
    chars: usize,
}

impl<K> Default for Count<K> {
    fn default() -> Count<K> {
        Count {
            key: None,
            byte: 0,
            line: 0,
            line_start: 0,
            chars: 0,
        }
    }
}

impl<K: PartialEq + Copy> Count<K> {
    /// (line, 0-based; byte where that line starts; characters from there
    /// to `byte`) of byte `byte` of `text`, named `key`.
    fn to(&mut self, key: K, text: &str, byte: usize) -> (usize, usize, usize) {
        let byte = case::floor_char_boundary(text, byte);
        if self.key != Some(key) || byte < self.byte {
            *self = Count {
                key: Some(key),
                ..Count::default()
            };
        }
        let seg = &text[self.byte..byte];
        match seg.rfind('\n') {
            Some(last) => {
                self.line += seg.bytes().filter(|&b| b == b'\n').count();
                self.line_start = self.byte + last + 1;
                self.chars = text[self.line_start..byte].chars().count();
            }
            None => self.chars += seg.chars().count(),
        }
        self.byte = byte;
        (self.line, self.line_start, self.chars)
    }
}

fn first_line(s: &str) -> &str {
    s.split('\n').next().unwrap_or("").trim_end_matches('\r')
}

/// `start..end` inside `text`, on character boundaries.
fn clamp(text: &str, start: usize, end: usize) -> Range<usize> {
    let s = case::floor_char_boundary(text, start);
    s..case::floor_char_boundary(text, end).max(s)
}

/// The byte `n` characters before `i` in `text` (or 0).
fn back(text: &str, i: usize, n: usize) -> usize {
    match n.checked_sub(1) {
        Some(k) => text[..i].char_indices().rev().nth(k).map_or(0, |(j, _)| j),
        None => i,
    }
}

/// The byte `n` characters after `i` in `text` (or its end).
fn forward(text: &str, i: usize, n: usize) -> usize {
    text[i..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(j, _)| i + j)
}

/// The part of a line that is drawn: enough around the mark to fill
/// `width` columns, so that a line of megabytes costs no more than a short
/// one. The renderer trims it to the width and shows where it did.
fn window(text: &str, mark: &Range<usize>, width: usize) -> (Range<usize>, Range<usize>) {
    // A mark longer than two thirds of the width is drawn as its start.
    let mark_end = forward(text, mark.start, width * 2 / 3).min(mark.end);
    if text.len() <= 4 * width {
        return (0..text.len(), mark.start..mark_end);
    }
    let start = back(text, mark.start, width);
    let end = forward(text, mark_end, width);
    (start..end, mark.start - start..mark_end - start)
}

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// One finding, drawn.
fn draw(renderer: &Renderer, path: &str, f: &Finding, place: &Place<'_>, style: Style) -> String {
    let width = style.width;
    let zh = style.lang == Lang::Zh;
    let message = f.message_in(style.lang);
    let title = level(f.severity).primary_title(message.as_ref()).id(f.code);
    let field = match f.field {
        FieldId::Case(p) if zh => p.field().map(|fd| {
            Level::NOTE
                .no_name()
                .message(format!("字段：{}", fd.title(style.lang)))
        }),
        FieldId::Section(sec) if zh => Some(
            Level::NOTE
                .no_name()
                .message(format!("部分：{}", sec.title_zh())),
        ),
        FieldId::Case(_) | FieldId::Section(_) => {
            Some(Level::NOTE.no_name().message(format!("field: {}", f.field)))
        }
        FieldId::Line(_) | FieldId::Document => None,
    };
    let excerpt = (!f.excerpt.is_empty()).then(|| Level::NOTE.no_name().message(&f.excerpt));
    // A fix is written under the words it replaces; `--fix` applies the
    // fixes that have a place.
    let fix = f.fix.as_ref().map(|fix| {
        if zh {
            format!("改为：{fix}")
        } else {
            format!("write: {fix}")
        }
    });
    let applies = (f.fix.is_some() && f.start.is_some()).then(|| {
        Level::HELP.message(if zh {
            "加上 --fix 再检查一次即可自动修正"
        } else {
            "poa check --fix applies it"
        })
    });
    let mut column = None;
    let group = match place {
        Place::Line {
            text,
            line,
            mark,
            column: file_column,
            from_file,
        } => {
            let (cut, in_cut) = window(text, mark, width);
            let shown = &text[cut];
            // annotate-snippets counts the column in the text it is given;
            // where that is not the file's whole line, the file's column is
            // put in its place.
            let drawn_column = shown[..in_cut.start].chars().count() + 1;
            if drawn_column != *file_column {
                column = Some((
                    format!(":{line}:{drawn_column}"),
                    format!(":{line}:{file_column}"),
                ));
            }
            let snippet = Snippet::source(shown)
                .line_start(*line)
                .path(path)
                .line_numbering(*from_file)
                .annotation(AnnotationKind::Primary.span(in_cut).label(fix));
            title.element(snippet).elements(field).elements(applies)
        }
        Place::At { line, column } => {
            let mut origin = Origin::path(path).line(*line);
            if let Some(c) = column {
                origin = origin.char_column(*c);
            }
            title
                .element(origin)
                .elements(field)
                .elements(excerpt)
                .elements(fix.map(|t| Level::HELP.message(t)))
                .elements(applies)
        }
        Place::File => title
            .element(Origin::path(path))
            .elements(field)
            .elements(excerpt)
            .elements(fix.map(|t| Level::HELP.message(t)))
            .elements(applies),
    };
    let drawn = renderer.render(&[group]);
    match column {
        Some((from, to)) => put_column(drawn, &from, &to),
        None => drawn,
    }
}

/// Puts the file's column in the first place line (the one after the title).
fn put_column(drawn: String, from: &str, to: &str) -> String {
    let Some(nl) = drawn.find('\n') else {
        return drawn;
    };
    match drawn[nl..].find(from) {
        Some(i) => {
            let at = nl + i;
            format!("{}{to}{}", &drawn[..at], &drawn[at + from.len()..])
        }
        None => drawn,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case;
    use crate::check::{Checker, Draft};

    fn today() -> case::Date {
        "2026-11-22".parse().unwrap()
    }

    /// A case file with `n` root causes, each with five contractions.
    fn case_text(n: usize) -> String {
        let mut s = String::from(
            "version: 1\nnotice:\n  violation: late-shipment-rate\n  received: 2026-11-18\nroot_causes:\n",
        );
        for i in 0..n {
            s.push_str(&format!(
                "- summary: Packer {i} skipped the scan on 12 orders\n  why: |\n    We didn't check. We hadn't a list.\n    It's late, we weren't ready and we can't wait.\n"
            ));
        }
        s
    }

    fn text_report(source: &str, style: Style) -> (FileReport, String) {
        let (case, spans) = case::from_yaml_with_spans(source, "big.poa.yaml").unwrap();
        let findings = Checker::standard().check_case(&case, today());
        let report = FileReport::new("big.poa.yaml".into(), findings, Vec::new());
        let mut out = Vec::new();
        let source = Source::Case {
            text: source,
            case: &case,
            spans: &spans,
        };
        write_text(&mut out, &report, source, style).unwrap();
        (report, String::from_utf8(out).unwrap())
    }

    #[test]
    fn a_finding_on_an_entry_of_a_flow_list_marks_that_entry_alone() {
        let source = "version: 2\nnotice:\n  violation: late-shipment-rate\n  received: 2026-11-18\n  orders: [111-6620493-8817254, 114-0938271-5546130]\n";
        let (_, out) = text_report(source, Style::default());
        let first = "\n  |            ^^^^^^^^^^^^^^^^^^^\n";
        let second = "\n  |                                 ^^^^^^^^^^^^^^^^^^^\n";
        assert!(out.contains(first), "{out}");
        assert!(out.contains(second), "{out}");
    }

    #[test]
    fn a_thousand_findings_are_each_drawn_once_at_their_line() {
        let (report, out) = text_report(&case_text(200), Style::default());
        let t001: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.code == "T001")
            .collect();
        assert!(t001.len() >= 1000, "{}", t001.len());
        assert_eq!(out.matches("warning[T001]").count(), t001.len());
        assert_eq!(
            out.matches("= help: poa check --fix applies it").count(),
            t001.len()
        );
        // Root cause 150's second line of `why`: file line 6 + 4 * 150 + 3.
        let line = 6 + 4 * 150 + 3;
        assert!(
            out.contains(&format!("--> big.poa.yaml:{line}:19\n")),
            "the `weren't` of root cause 150"
        );
        assert!(out.contains(&format!("{line} |     It's late, we weren't ready")));
        assert!(out.contains("^^^^^^^ write: were not\n"));
        let (e, w, i) = (report.errors, report.warnings, report.infos);
        assert!(out.ends_with(&format!("big.poa.yaml: {}\n", tally(e, w, i))));
    }

    #[test]
    fn the_text_report_grows_with_the_findings_not_faster() {
        let (small, a) = text_report(&case_text(100), Style::default());
        let (big, b) = text_report(&case_text(400), Style::default());
        assert!(big.findings.len() > 3 * small.findings.len());
        let per_small = a.len() as f64 / small.findings.len() as f64;
        let per_big = b.len() as f64 / big.findings.len() as f64;
        assert!(per_big < per_small * 1.1, "{per_small} {per_big}");
    }

    #[test]
    fn a_one_line_draft_of_megabytes_is_drawn_in_the_width() {
        let text = format!("## Root cause\n{}\n", "We didn't ship. ".repeat(20_000));
        let draft = Draft::parse(&text);
        let findings = Checker::standard().check_draft(&draft, today());
        assert!(findings.len() >= 20_000);
        let report = FileReport::new("l.md".into(), findings, Vec::new());
        let mut out = Vec::new();
        let style = Style {
            color: false,
            width: 80,
            lang: Lang::En,
        };
        write_text(&mut out, &report, Source::Draft(&text), style).unwrap();
        let out = String::from_utf8(out).unwrap();
        // The long line, as shown, fits the width.
        let widest = out
            .lines()
            .filter(|l| l.starts_with("2 |"))
            .map(|l| l.chars().count())
            .max()
            .unwrap();
        assert!(widest <= 80, "{widest}");
        assert!(out.len() < report.findings.len() * 1000, "{}", out.len());
        let last = 4 + 16 * 19_999;
        assert!(
            out.contains(&format!("--> l.md:2:{last}\n")),
            "the last column"
        );
    }

    #[test]
    fn a_value_the_file_writes_with_escapes_is_shown_as_it_reads() {
        let source = "version: 1\nclosing: \"We said \\\"no\\\" and we didn't wait.\"\n";
        let (report, out) = text_report(source, Style::default());
        assert!(report.findings.iter().any(|f| f.code == "T001"), "{out}");
        // The file's line and the column where the value starts; the
        // value's text, without a line number, since the file writes it
        // otherwise.
        assert!(out.contains("--> big.poa.yaml:2:11\n"), "{out}");
        assert!(
            out.contains("\n | We said \"no\" and we didn't wait.\n"),
            "{out}"
        );
        assert!(out.contains("write: did not"), "{out}");
    }

    #[test]
    fn colour_comes_from_the_renderer_only_when_asked() {
        let source = "version: 1\nclosing: We didn't wait.\n";
        let (_, plain) = text_report(source, Style::default());
        assert!(!plain.contains('\x1b'));
        let (_, coloured) = text_report(
            source,
            Style {
                color: true,
                width: 100,
                lang: Lang::En,
            },
        );
        assert!(coloured.contains('\x1b'));
    }

    #[test]
    fn json_is_the_documented_shape() {
        let report = FileReport::new("a.md".into(), Vec::new(), vec!["n".into()]);
        let mut out = Vec::new();
        write_json(&mut out, &[report]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\n  \"version\": 1,\n  \"files\": [\n    {\n      \"path\": \"a.md\",\n      \"findings\": [],\n      \"errors\": 0,\n      \"warnings\": 0,\n      \"infos\": 0\n    }\n  ]\n}\n"
        );
    }

    #[test]
    fn counts_go_on_from_the_last_place() {
        let text = "ab\ncdé\nfg";
        let mut c = Count::default();
        assert_eq!(c.to(1, text, 1), (0, 0, 1));
        assert_eq!(c.to(1, text, 6), (1, 3, 2), "inside é: its start");
        assert_eq!(c.to(1, text, 7), (1, 3, 3));
        assert_eq!(c.to(1, text, 9), (2, 8, 1));
        // Backwards, or another text: counted again from the start.
        assert_eq!(c.to(1, text, 4), (1, 3, 1));
        assert_eq!(c.to(2, "x\ny", 3), (1, 2, 1));
    }

    #[test]
    fn a_long_line_is_cut_around_its_mark() {
        let text = "x".repeat(10_000);
        let (cut, mark) = window(&text, &(5000..5004), 100);
        assert_eq!(cut, 4900..5104);
        assert_eq!(mark, 100..104);
        let (cut, mark) = window("short line", &(0..5), 100);
        assert_eq!((cut, mark), (0..10, 0..5));
    }
}
