//! Reading a case file: the checks on the bytes (size, binary, control
//! characters), then the YAML, with a message for each way it can fail that
//! names the file, the line and the column and says what to do.

use std::fmt;
use std::io::Read;
use std::path::Path;

use serde::Deserialize;

use super::{Case, Spans, VERSION, Value};

/// The largest file `poa` reads: far above any real case or draft, far below
/// a file that was picked by mistake.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Why a case file (or a draft, or a notice) could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: no such file. Check the name and the folder you are in")]
    NotFound { path: String },
    #[error("{path}: is a folder, not a file. Give the path of a file inside it")]
    IsDir { path: String },
    #[error(
        "{path}: is not a plain file (a pipe, a device or a socket), and poa reads only files saved on disk. Save its text to a file and give that file"
    )]
    NotAFile { path: String },
    #[error("{path}: cannot be read ({source}). Check that the file exists and you may read it")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: is {}, too large for a case file or draft (the limit is {limit}). Check that this is the right file",
        size.beside(*limit)
    )]
    TooLarge {
        path: String,
        size: ByteSize,
        limit: ByteSize,
    },
    #[error(
        "{path}: is a zip archive, but not a Word document poa can read ({detail}). Open it in Word or LibreOffice and save it again as .docx, or save the text as .txt"
    )]
    NotWord { path: String, detail: String },
    #[error("{path}: is empty. {hint}")]
    Empty { path: String, hint: &'static str },
    #[error(
        "{path}: is saved as UTF-16 (what some Windows editors call \"Unicode\"), and poa reads UTF-8. Save it again as UTF-8: in Notepad, File > Save as, Encoding: UTF-8"
    )]
    Utf16 { path: String },
    #[error(
        "{path}:{line}:{column}: is not a text file (binary data here). Give a file of plain text saved as UTF-8"
    )]
    Binary {
        path: String,
        line: usize,
        column: usize,
    },
    #[error(
        "{path}:{line}:{column}: holds an invisible control character (U+{code:04X}). Delete it; it often comes with text copied from a PDF or a chat app"
    )]
    ControlChar {
        path: String,
        line: usize,
        column: usize,
        code: u32,
    },
    #[error("{path}:{line}:{column}: {what}")]
    Shape {
        path: String,
        line: usize,
        column: usize,
        what: &'static str,
    },
    #[error(
        "{path}:{line}: {field} holds an invisible control character (U+{code:04X}), written as a YAML escape such as \\e or \\x1b. Delete it: it can change what a terminal shows and does"
    )]
    EscapedControl {
        path: String,
        line: usize,
        field: String,
        code: u32,
    },
    #[error("{path}:{line}:{column}: the YAML is malformed: {detail}. {hint}")]
    Syntax {
        path: String,
        line: usize,
        column: usize,
        detail: String,
        hint: &'static str,
    },
    #[error(
        "{path}:{line}:{column}: unknown key `{key}`{place}. The keys allowed here are: {expected}. Correct the spelling or delete the line"
    )]
    UnknownKey {
        path: String,
        line: usize,
        column: usize,
        key: String,
        place: String,
        expected: String,
    },
    #[error("{path}:{line}:{column}: {field}: {message}")]
    BadValue {
        path: String,
        line: usize,
        column: usize,
        field: String,
        message: String,
    },
    #[error(
        "{path}: has no `version` line, so it is not a poa case file. Add `version: {VERSION}` as its first line"
    )]
    NoVersion { path: String },
    #[error(
        "{path}: is a version {found} case file, written by a newer poa; this poa reads version {VERSION}. Update poa to open it"
    )]
    NewerVersion { path: String, found: u64 },
    #[error(
        "{path}:{line}: `version: {found}` is not a version poa knows. Write `version: {VERSION}`"
    )]
    BadVersion {
        path: String,
        line: usize,
        found: String,
    },
    #[error(
        "{path}: is not a case file: its top level must be keys such as `version:`, `seller:` and `notice:`, one per line"
    )]
    NotMapping { path: String },
}

/// A size for messages: "52.4 MB".
#[derive(Debug, Clone, Copy)]
pub struct ByteSize(pub u64);

impl ByteSize {
    /// This size as said beside `limit`: "more than 4.0 MB" where both
    /// would read "4.0 MB", so a file just over is not told it is the limit.
    pub fn beside(self, limit: ByteSize) -> String {
        let (size, cap) = (self.to_string(), limit.to_string());
        if size == cap && self.0 > limit.0 {
            format!("more than {cap}")
        } else {
            size
        }
    }
}

impl fmt::Display for ByteSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = self.0 as f64;
        if b >= 1024.0 * 1024.0 {
            write!(f, "{:.1} MB", b / (1024.0 * 1024.0))
        } else if b >= 1024.0 {
            write!(f, "{:.1} KB", b / 1024.0)
        } else {
            write!(f, "{} bytes", self.0)
        }
    }
}

/// Reads a text file the way every command does: refuses folders, huge,
/// binary and empty files before anything is parsed. `empty_hint` says what
/// to do with an empty file of this kind.
pub fn read_file(path: &Path, empty_hint: &'static str) -> Result<String, LoadError> {
    let name = crate::case::shown(path);
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound { path: name.clone() },
        _ => LoadError::Io {
            path: name.clone(),
            source: e,
        },
    })?;
    if meta.is_dir() {
        return Err(LoadError::IsDir { path: name });
    }
    // A pipe would block the read for ever, a device never end.
    if !meta.is_file() {
        return Err(LoadError::NotAFile { path: name });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: name,
            size: ByteSize(meta.len()),
            limit: ByteSize(MAX_FILE_BYTES),
        });
    }
    let file = std::fs::File::open(path).map_err(|e| LoadError::Io {
        path: name.clone(),
        source: e,
    })?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| LoadError::Io {
            path: name.clone(),
            source: e,
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: name,
            size: ByteSize(bytes.len() as u64),
            limit: ByteSize(MAX_FILE_BYTES),
        });
    }
    // A Word file (a zip holding word/document.xml) is read as its text,
    // which then passes the same checks as any text.
    if bytes.starts_with(WORD_MAGIC) {
        let text = crate::docx::text_of(&bytes).map_err(|detail| LoadError::NotWord {
            path: name.clone(),
            detail,
        })?;
        return decode_text(&name, text.into_bytes(), empty_hint);
    }
    decode_text(&name, bytes, empty_hint)
}

/// Is the file at `path` one `read_file` reads as a Word document (a
/// zip), whatever its name?
pub fn is_word(path: &Path) -> bool {
    let mut head = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head == *WORD_MAGIC)
}

/// How a zip, and so a Word file, starts.
const WORD_MAGIC: &[u8; 4] = b"PK\x03\x04";

/// Text pasted on standard input (`--reply -`), with the limits and checks
/// of [`read_file`]; `name` says what it is in messages.
pub fn read_stdin(name: &str, empty_hint: &'static str) -> Result<String, LoadError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| LoadError::Io {
            path: name.to_string(),
            source: e,
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: name.to_string(),
            size: ByteSize(bytes.len() as u64),
            limit: ByteSize(MAX_FILE_BYTES),
        });
    }
    decode_text(name, bytes, empty_hint)
}

/// The evidence files a case names (relative to its file) that are not on
/// disk. The checker reads no disk: `poa check` and the editor's loop ask
/// this and pass the answer in (C007).
pub fn missing_evidence_files(case: &Case, case_path: &Path) -> Vec<String> {
    let dir = match case_path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    case.evidence
        .iter()
        .filter_map(|e| e.file.as_deref().map(str::trim))
        .filter(|f| !f.is_empty() && !dir.join(f).exists())
        .map(str::to_string)
        .collect()
}

/// Text saved as UTF-16: with its byte-order mark, or, without one, a
/// zero byte beside each letter of a text in English (a zero byte is
/// never in UTF-8 text).
fn is_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let head = &bytes[..bytes.len().min(64) & !1];
    head.len() >= 4
        && (head.chunks(2).all(|p| p[1] == 0 && p[0] != 0)
            || head.chunks(2).all(|p| p[0] == 0 && p[1] != 0))
}

/// Checks bytes that claim to be text and returns them as a string.
pub fn decode_text(
    name: &str,
    mut bytes: Vec<u8>,
    empty_hint: &'static str,
) -> Result<String, LoadError> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    if is_utf16(&bytes) {
        return Err(LoadError::Utf16 {
            path: name.to_string(),
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(LoadError::Empty {
            path: name.to_string(),
            hint: empty_hint,
        });
    }
    let binary_at = |offset: usize| {
        let (line, column) = line_col(&bytes[..offset]);
        LoadError::Binary {
            path: name.to_string(),
            line,
            column,
        }
    };
    if let Some(i) = bytes.iter().position(|&b| b == 0) {
        return Err(binary_at(i));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let (line, column) = line_col(&bytes[..at]);
            return Err(LoadError::Binary {
                path: name.to_string(),
                line,
                column,
            });
        }
    };
    if let Some((i, c)) = text.char_indices().find(|&(_, c)| is_forbidden_control(c)) {
        let (line, column) = line_col(&text.as_bytes()[..i]);
        return Err(LoadError::ControlChar {
            path: name.to_string(),
            line,
            column,
            code: c as u32,
        });
    }
    Ok(text)
}

/// Control characters no text of a case may hold (tab and line ends may):
/// the C0 and C1 controls, a byte-order mark inside the text, and the
/// bidirectional embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069), which make a reader see words in another order than
/// the file holds. The marks that Arabic and Hebrew text carries
/// (U+200E, U+200F, U+061C) are allowed: they reorder nothing.
pub fn is_forbidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{FEFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The deepest nesting of `[` and `{` a case file may have.
const MAX_FLOW_DEPTH: usize = 32;

/// The first place (line, column) where a case file uses what no case file
/// needs: collections nested deeper than `MAX_FLOW_DEPTH`, or an anchor
/// or alias (`&name`, `*name`), which can multiply a small file into
/// gigabytes. Quoted text, comments and `|` blocks are the writer's words
/// and are not read.
fn unneeded_yaml(source: &str) -> Option<(usize, usize, &'static str)> {
    let mut depth = 0usize;
    for (n, (line, in_block)) in super::save::block_lines(source.lines()).enumerate() {
        if in_block {
            continue;
        }
        let mut quote: Option<char> = None;
        // At the start of a node: where a quote, an anchor or an alias may
        // begin (inside a plain value, `*` and `'` are only text).
        let mut start = true;
        let bytes = line.as_bytes();
        let mut escaped = false;
        for (col, c) in line.char_indices() {
            let next = bytes.get(col + 1).copied().unwrap_or(b' ');
            if let Some(q) = quote {
                // `\"` inside double quotes, `''` inside single ones.
                if escaped {
                    escaped = false;
                } else if (q == '"' && c == '\\') || (q == '\'' && c == '\'' && next == b'\'') {
                    escaped = true;
                } else if c == q {
                    quote = None;
                    start = false;
                }
                continue;
            }
            match c {
                ' ' | '\t' => continue,
                '#' if col == 0 || bytes[col - 1] == b' ' => break,
                '"' | '\'' if start => quote = Some(c),
                // A bracket is a collection only where a node starts or
                // inside one (in a plain value it is text).
                '[' | '{' if start || depth > 0 => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Some((
                            n + 1,
                            col + 1,
                            "lists or maps are nested too deep for a case file (more than 32 levels). Write the case as `poa new` does",
                        ));
                    }
                    start = true;
                    continue;
                }
                ']' | '}' if depth > 0 => depth -= 1,
                ',' if depth > 0 => {
                    start = true;
                    continue;
                }
                ':' if next == b' ' => {
                    start = true;
                    continue;
                }
                '-' if start && next == b' ' => continue,
                // A plain value cannot start with `!`: it is a tag, which
                // the parser would drop without a word (`!!binary`).
                '!' if start => {
                    return Some((
                        n + 1,
                        col + 1,
                        "uses a YAML tag (such as !!binary or !name), which a case file does not need and poa would drop. Delete the tag, or put the text in quotes",
                    ));
                }
                '&' | '*' if start && (next.is_ascii_alphanumeric() || next == b'_') => {
                    return Some((
                        n + 1,
                        col + 1,
                        "uses a YAML anchor or alias (&name or *name), which a case file does not need. Write the value out in full",
                    ));
                }
                _ => {}
            }
            start = false;
        }
    }
    None
}

/// 1-based line and column (in characters) after `before`.
fn line_col(before: &[u8]) -> (usize, usize) {
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

#[derive(Deserialize)]
struct VersionProbe {
    version: Option<serde_yaml::Value>,
}

/// Parses the text of a case file. `name` is the file name for messages.
pub fn from_yaml(source: &str, name: &str) -> Result<Case, LoadError> {
    if let Some((i, c)) = source
        .char_indices()
        .find(|&(_, c)| is_forbidden_control(c))
    {
        let (line, column) = line_col(&source.as_bytes()[..i]);
        return Err(LoadError::ControlChar {
            path: name.to_string(),
            line,
            column,
            code: c as u32,
        });
    }
    // A case file needs neither deep nesting nor YAML's anchors and
    // aliases, and either can make the parser slow or huge: refused first.
    if let Some((line, column, what)) = unneeded_yaml(source) {
        return Err(LoadError::Shape {
            path: name.to_string(),
            line,
            column,
            what,
        });
    }
    // One parse when the file is right. The version is looked at on its own
    // only when the case does not parse or has no version this poa reads,
    // so that a file from a newer poa is named as such before its new keys
    // are called unknown.
    let parsed = serde_yaml::from_str::<Case>(source);
    let readable = matches!(&parsed, Ok(c) if (1..=VERSION).contains(&c.version));
    if !readable {
        probe_version(source, name)?;
    }
    let mut case = parsed.map_err(|e| explain(&e, name, source))?;
    case.migrate();
    refuse_escaped_controls(&case, source, name)?;
    one_kind_of_line_break(&mut case, source);
    Ok(case)
}

/// A line break inside a value is `\n`, whatever wrote the file: a YAML
/// escape (`"Harbor\rLane"`, `"a\r\nb"`) can put a carriage return in a
/// value, which a PDF prints as "?" and the text export passes on raw. In
/// a one-line field (a name, a reference) such a break is a space.
fn one_kind_of_line_break(case: &mut Case, source: &str) {
    // Only an escape writes a carriage return into a value (YAML reads
    // the file's own line breaks as `\n`): none, nothing to do.
    if memchr::memchr(b'\\', source.as_bytes()).is_none() {
        return;
    }
    case.each_text_mut(|path, text| {
        if !text.contains('\r') {
            return;
        }
        let multiline = super::schema::of_path(path).is_none_or(|f| f.kind.is_multiline());
        *text = if multiline {
            super::line_breaks(text)
        } else {
            text.replace("\r\n", " ").replace('\r', " ")
        };
    });
}

/// The bytes of the file are free of control characters (checked above),
/// but YAML's escapes (`"\e"`, `"\x1b"`, `"\u0007"`) write them inside
/// quoted text. No value of a case may hold one: a case from a client must
/// not clear a consultant's screen or write to the clipboard when it is
/// printed.
fn refuse_escaped_controls(case: &Case, source: &str, name: &str) -> Result<(), LoadError> {
    // Every such escape starts with a backslash: none, nothing to look for.
    if memchr::memchr(b'\\', source.as_bytes()).is_none() {
        return Ok(());
    }
    let bad = |text: &str| text.chars().find(|&c| is_forbidden_control(c));
    let in_value = |v: Value<'_>| match v {
        Value::Text(t) | Value::Optional(Some(t)) => bad(t),
        Value::List(l) => l.iter().find_map(|t| bad(t)),
        _ => None,
    };
    let mut found = case
        .fields()
        .into_iter()
        .find_map(|(path, _)| case.get(&path).and_then(in_value).map(|c| (Some(path), c)));
    if found.is_none() {
        let other = [case.notes.as_str()]
            .into_iter()
            .chain(case.check.allow.iter().map(String::as_str))
            .chain(case.rejections.iter().map(|r| r.reply.as_str()));
        found = other.into_iter().find_map(|t| bad(t).map(|c| (None, c)));
    }
    let Some((path, c)) = found else {
        return Ok(());
    };
    let spans = Spans::new(source);
    let line = path
        .and_then(|p| spans.nearest(&p))
        .map_or(1, |(_, pos)| pos.line);
    Err(LoadError::EscapedControl {
        path: name.to_string(),
        line,
        field: path.map_or_else(|| "a value".to_string(), |p| p.to_string()),
        code: c as u32,
    })
}

/// The messages for a file whose version is missing, newer or not a
/// number, or that is not a mapping of keys at all.
fn probe_version(source: &str, name: &str) -> Result<(), LoadError> {
    match serde_yaml::from_str::<VersionProbe>(source) {
        Ok(probe) => check_version(probe.version, source, name)?,
        Err(e)
            if e.to_string().starts_with("invalid type")
                && e.location().is_none_or(|l| l.line() <= 1) =>
        {
            return Err(LoadError::NotMapping {
                path: name.to_string(),
            });
        }
        Err(_) => {} // the strict parse reports it with its place
    }
    Ok(())
}

/// Parses the text of a case file, and finds where each of its values is
/// written ([`Spans`]), for messages and the report that point at lines.
pub fn from_yaml_with_spans(source: &str, name: &str) -> Result<(Case, Spans), LoadError> {
    let case = from_yaml(source, name)?;
    Ok((case, Spans::new(source)))
}

fn check_version(
    version: Option<serde_yaml::Value>,
    source: &str,
    name: &str,
) -> Result<(), LoadError> {
    let path = name.to_string();
    let line = || {
        source
            .lines()
            .position(|l| l.starts_with("version"))
            .map_or(1, |i| i + 1)
    };
    match version {
        None | Some(serde_yaml::Value::Null) => Err(LoadError::NoVersion { path }),
        Some(serde_yaml::Value::Number(n))
            if n.as_u64()
                .is_some_and(|v| (1..=u64::from(VERSION)).contains(&v)) =>
        {
            Ok(())
        }
        Some(serde_yaml::Value::Number(n))
            if n.as_u64().is_some_and(|v| v > u64::from(VERSION)) =>
        {
            Err(LoadError::NewerVersion {
                path,
                found: n.as_u64().unwrap_or_default(),
            })
        }
        Some(other) => Err(LoadError::BadVersion {
            path,
            line: line(),
            found: serde_yaml::to_string(&other)
                .unwrap_or_default()
                .trim()
                .to_string(),
        }),
    }
}

/// Turns a YAML or serde error into a message a writer can act on.
pub(crate) fn explain(e: &serde_yaml::Error, name: &str, source: &str) -> LoadError {
    let path = name.to_string();
    let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
    let full = e.to_string();
    let msg = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => full.as_str(),
    };
    // Messages from serde carry the path of the value: "root_causes[0]: ...".
    let (field, detail) = match msg.split_once(": ") {
        Some((f, d)) if !f.contains(' ') => (f.to_string(), d.to_string()),
        _ => (String::new(), msg.to_string()),
    };
    // Two documents in one file: the line that starts the second (or ends
    // the first) is the place, not 1:1.
    if detail.contains("more than one document") {
        let at = source
            .lines()
            .enumerate()
            .skip_while(|(_, l)| l.trim() == "---" || l.trim().is_empty() || l.starts_with('#'))
            .find(|(_, l)| {
                let t = l.trim_end();
                t == "---" || t == "..." || t.starts_with("--- ") || t.starts_with("... ")
            })
            .map_or(1, |(i, _)| i + 1);
        return LoadError::Shape {
            path,
            line: at,
            column: 1,
            what: "this line starts a second YAML document, and a file holds one. Delete this line and what follows it, or put the second part in a file of its own",
        };
    }
    if let Some(rest) = detail.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or_default().to_string();
        let expected = rest
            .split_once("expected ")
            .map(|(_, x)| x.trim_start_matches("one of ").replace('`', ""))
            .unwrap_or_else(|| "none".to_string());
        let place = if field.is_empty() {
            " at the top level".to_string()
        } else {
            format!(" in `{field}`")
        };
        return LoadError::UnknownKey {
            path,
            line,
            column,
            key,
            place,
            expected,
        };
    }
    // Serde's word for a value of neither allowed shape.
    if detail.starts_with("data did not match any variant of untagged enum") {
        let message = if detail.ends_with(" Entry") {
            "each phrase is text, or keys such as `{p: \"...\", fix: \"...\"}` (p, fix, scope)"
        } else {
            "this value has a shape that is not allowed here"
        };
        return LoadError::BadValue {
            path,
            line,
            column,
            field: value_name(field),
            message: message.to_string(),
        };
    }
    if e.location().is_some()
        && (detail.starts_with("invalid")
            || detail.starts_with("unknown variant")
            || detail.starts_with('`'))
    {
        // The value as the writer wrote it, from where the parser stopped.
        let written = source
            .lines()
            .nth(line.saturating_sub(1))
            .and_then(|l| l.get(l.char_indices().nth(column.saturating_sub(1))?.0..))
            .map(str::trim_end);
        let message = friendly_value_error(&detail, written);
        return LoadError::BadValue {
            path,
            line,
            column,
            field: value_name(field),
            message,
        };
    }
    // A key written twice: the parser gives no place, the file does (the
    // second time the key stands at the indent of its first).
    if let Some(rest) = detail.strip_prefix("duplicate field `") {
        let key = rest.split('`').next().unwrap_or_default();
        // Indents at which the key stands in the current map; a new item
        // or a line further out starts another map.
        let mut seen: Vec<usize> = Vec::new();
        for (i, l) in source.lines().enumerate() {
            let trimmed = l.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            // A line at `outer` ends every map indented further in (for
            // "- ", the previous item's).
            let outer = l.len() - trimmed.len();
            seen.retain(|&at| at <= outer);
            let body = trimmed.strip_prefix("- ").unwrap_or(trimmed);
            if body.strip_prefix(key).is_some_and(|r| r.starts_with(':')) {
                let indent = l.len() - body.len();
                if seen.contains(&indent) {
                    return LoadError::Syntax {
                        path,
                        line: i + 1,
                        column: indent + 1,
                        detail: format!("`{key}` is written a second time here"),
                        hint: "YAML keeps only one of them: join the two into one, or delete the one you do not want",
                    };
                }
                seen.push(indent);
            }
        }
    }
    // A quote left open runs on to wherever the parser gives up, often the
    // end of the file: the line that opened it is the place to show.
    if let Some((open_line, open_column)) = unclosed_quote(source, line) {
        return LoadError::Syntax {
            path,
            line: open_line,
            column: open_column,
            detail: "this text opens a quotation mark (\") that no line closes".into(),
            hint: "Close the quotes: put the closing \" at the end of the text, or remove the opening one",
        };
    }
    LoadError::Syntax {
        path,
        line,
        column,
        detail: detail.trim_end_matches('.').to_string(),
        hint: "Check the indentation and the quotes on this line and the line above; text that holds `: ` or starts with `#`, `-`, `[`, `{`, `*`, `&` or a quote needs quotes around it, or a `|` block",
    }
}

/// The value a serde message is about, or "value" when it names none.
fn value_name(field: String) -> String {
    if field.is_empty() {
        "value".to_string()
    } else {
        field
    }
}

/// The first line before `before` (1-based) whose value opens a double
/// quote that the line does not close (`store_name: "Harbor Lane`), with
/// the quote's column, when no later line up to `before` closes it.
fn unclosed_quote(source: &str, before: usize) -> Option<(usize, usize)> {
    let unescaped_quotes = |s: &str| {
        let mut n = 0;
        let mut escaped = false;
        for c in s.chars() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => n += 1,
                _ => escaped = false,
            }
        }
        n
    };
    let lines: Vec<&str> = source.lines().take(before).collect();
    for (i, l) in lines.iter().enumerate() {
        // `key: "…`, `- "…` or `- key: "…`.
        let item = l.trim_start();
        let (listed, item) = match item.strip_prefix("- ") {
            Some(rest) => (true, rest),
            None => (false, item),
        };
        let value = match item.split_once(": ") {
            Some((_, v)) => v,
            None if listed => item,
            None => "",
        }
        .trim_start();
        if value.starts_with('"') && unescaped_quotes(value) % 2 == 1 {
            // A quoted text may go on over lines; it is open only if none
            // of them closes it.
            let closed = lines[i + 1..].iter().any(|n| unescaped_quotes(n) % 2 == 1);
            if !closed {
                let column = l.len() - value.len() + 1;
                return Some((i + 1, column));
            }
        }
    }
    None
}

/// Serde's `detail` in the writer's words; `written` is the value as the
/// file has it, where one is known.
fn friendly_value_error(detail: &str, written: Option<&str>) -> String {
    if let Some(rest) = detail.strip_prefix("unknown variant `") {
        let found = rest.split('`').next().unwrap_or_default();
        let allowed = rest
            .split_once("expected ")
            .map(|(_, x)| x.trim_start_matches("one of ").replace('`', ""))
            .unwrap_or_default();
        return format!(
            "`{}` is not allowed here. Write one of: {allowed}",
            short(found)
        );
    }
    if detail.starts_with('`') {
        // Our own date messages, with the value they quote kept short.
        return shorten_quoted(detail);
    }
    let typed = detail
        .strip_prefix("invalid type: ")
        .or_else(|| detail.strip_prefix("invalid value: "));
    if let Some(rest) = typed {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another value"));
        let want = match expected {
            e if e.starts_with("struct") => "a group of keys, each on its own indented line",
            e if e.starts_with("a sequence") => "a list: `[A, B]`, or one `- item` per line",
            "u64" | "u32" | "usize" | "u8" | "u16" => "a whole number without commas, such as 1200",
            "a string" => "text",
            "field identifier" => "a key name, such as `legal_name`",
            "a map" => "a group of keys, each on its own line",
            e => e,
        };
        // Serde's names for what it found, in the writer's words.
        let found = if found == "unit value" {
            "nothing (an empty value or `~`)".to_string()
        } else if let Some(n) = found.strip_prefix("integer `") {
            let n = n.split('`').next().unwrap_or_default();
            if found.contains(" as u128") || found.contains(" as i128") {
                return format!("the number `{}` is too large; this needs {want}", short(n));
            }
            format!("the number `{}`", short(n))
        } else if let Some(x) = found.strip_prefix("floating point `") {
            format!(
                "the number `{}`",
                short(x.split('`').next().unwrap_or_default())
            )
        } else if let Some(b) = found.strip_prefix("boolean ") {
            format!("yes or no ({b})")
        } else if found == "sequence" {
            "a list".to_string()
        } else if found == "map" {
            "a group of keys".to_string()
        } else if let Some(t) = found.strip_prefix("string \"") {
            format!("the text \"{}\"", short(t.strip_suffix('"').unwrap_or(t)))
        } else {
            shorten_quoted(&found.replace("string ", "text "))
        };
        let empty_list = if found.starts_with("nothing") && want.starts_with("a list") {
            ". For an empty list write `[]`, or leave the key out".to_string()
        } else if want == "text" && (found == "a list" || found == "a group of keys") {
            // "legal_name: [Shenzhen] Trading": YAML reads a value that
            // opens on a bracket as a list. The writer's own value is the
            // example, when it is on the line.
            let example = written
                .filter(|w| w.starts_with(['[', '{']) && !w.contains('"'))
                .map_or_else(|| "[Shenzhen] Trading".to_string(), short);
            format!(
                ". YAML reads a value that starts with `[` or `{{` as a list or keys: put the whole text in quotes, as \"{example}\""
            )
        } else {
            String::new()
        };
        return format!("found {found}, but this needs {want}{empty_list}");
    }
    shorten_quoted(detail)
}

/// A value quoted back in a message, cut to 40 characters: a 300-digit
/// number or a pasted page is not echoed whole.
fn short(s: &str) -> String {
    const MOST: usize = 40;
    let n = s.chars().count();
    if n <= MOST {
        return s.to_string();
    }
    let head: String = s.chars().take(MOST).collect();
    format!("{head}… ({n} characters)")
}

/// `detail` with each `quoted` part cut by [`short`].
fn shorten_quoted(detail: &str) -> String {
    let mut out = String::with_capacity(detail.len().min(400));
    for (i, part) in detail.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(&short(part));
        } else {
            out.push_str(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(src: &str) -> String {
        from_yaml(src, "x.poa.yaml").unwrap_err().to_string()
    }

    #[test]
    fn unknown_key_names_key_place_and_line() {
        let m = err("version: 1\nseller:\n  legal_name: A\n  stor_name: B\n");
        assert!(
            m.starts_with("x.poa.yaml:4:3: unknown key `stor_name` in `seller`"),
            "{m}"
        );
        assert!(m.contains("store_name"), "{m}");
    }

    #[test]
    fn a_quote_left_open_is_shown_where_it_opens() {
        // The parser gives up far below, at the next key it cannot read;
        // in a list item too.
        let m = err(
            "version: 2\nseller:\n  legal_name: \"Acme\n  store_name: Acme Home\nclosing: Thanks\n",
        );
        assert!(m.starts_with("x.poa.yaml:3:15: "), "{m}");
        assert!(m.contains("opens a quotation mark"), "{m}");
        let m = err("version: 2\nroot_causes:\n- summary: \"One\n  why: x\nclosing: Thanks\n");
        assert!(m.starts_with("x.poa.yaml:3:12: "), "{m}");
        // A quoted text closed on a later line is no open quote.
        assert!(
            from_yaml("version: 2\nclosing: \"Thanks\n  a lot\"\n", "x").is_ok(),
            "a quoted text may run over lines"
        );
        // Other faults keep the parser's place.
        let m = err("version: 2\nseller:\n  legal_name: A\n    store_name: B\n");
        assert!(!m.contains("quotation mark"), "{m}");
    }

    #[test]
    fn a_yaml_tag_is_refused_with_its_place() {
        // Attack F31: `!!binary` and `!Custom` were dropped without a word.
        let m = err("version: 2\nclosing: !!binary aGk=\n");
        assert!(
            m.starts_with("x.poa.yaml:2:10: ") && m.contains("YAML tag"),
            "{m}"
        );
        let m = err("version: 2\nroot_causes:\n- !Custom\n  summary: x\n");
        assert!(
            m.starts_with("x.poa.yaml:3:3: ") && m.contains("YAML tag"),
            "{m}"
        );
        // Near miss: a `!` inside a text or in quotes is text.
        assert!(from_yaml("version: 2\nclosing: Thank you!\n", "x").is_ok());
        assert!(from_yaml("version: 2\nclosing: \"!important\"\n", "x").is_ok());
    }

    #[test]
    fn text_saved_as_utf16_is_named_as_such() {
        let utf16 = |bom: bool| {
            let mut b: Vec<u8> = if bom { vec![0xFF, 0xFE] } else { vec![] };
            for u in "version: 2\n".encode_utf16() {
                b.extend_from_slice(&u.to_le_bytes());
            }
            b
        };
        for bom in [true, false] {
            let e = decode_text("n.txt", utf16(bom), "")
                .unwrap_err()
                .to_string();
            assert!(
                e.contains("UTF-16") && e.contains("Save it again as UTF-8"),
                "{e}"
            );
        }
        // Near miss: binary data with zero bytes here and there is binary.
        let e = decode_text("n.txt", b"ab\0\0cd\0\x01".to_vec(), "").unwrap_err();
        assert!(matches!(e, LoadError::Binary { .. }), "{e}");
    }

    #[test]
    fn type_faults_are_said_in_plain_words() {
        // Attack F28: serde's "unit value", "as u128" and a 300-digit echo.
        let m = err("version: 1\nroot_causes: ~\n");
        assert!(m.contains("found nothing"), "{m}");
        assert!(m.contains("For an empty list write `[]`"), "{m}");
        assert!(!m.contains("unit value"), "{m}");
        let m =
            err("version: 1\nmetrics:\n  - name: ODR\n    count: 100000000000000000000000000\n");
        assert!(!m.contains("u128"), "{m}");
        let m = err("version: 1\nnotice:\n  received: 1.5e300\n");
        assert!(m.contains("characters)"), "{m}");
        assert!(m.len() < 300, "{m}");
        let long = format!("version: 1\nnotice: {}\n", "X".repeat(5000));
        let m = err(&long);
        assert!(
            m.contains("the text \"XXXX") && m.len() < 400,
            "{}",
            &m[..300.min(m.len())]
        );
        // Near miss: a short value is quoted whole.
        let m = err("version: 1\nnotice:\n  received: 2026-13-40\n");
        assert!(
            m.contains("2026-13-40") && !m.contains("characters)"),
            "{m}"
        );
    }

    #[test]
    fn bad_dates_say_why() {
        let m = err("version: 1\nnotice:\n  received: 2026-13-40\n");
        assert!(m.starts_with("x.poa.yaml:3:"), "{m}");
        assert!(m.contains("notice.received"), "{m}");
        assert!(m.contains("month must be 01 to 12"), "{m}");
    }

    #[test]
    fn a_carriage_return_written_as_an_escape_is_a_line_break_or_a_space() {
        let source = "version: 2\nseller:\n  store_name: \"Harbor\\rLane Home\"\nroot_causes:\n  - what: \"58 orders\\r\\nconfirmed late\\rby a day\"\n";
        let case = from_yaml(source, "x.poa.yaml").unwrap();
        assert_eq!(
            case.seller.store_name, "Harbor Lane Home",
            "one line: a space"
        );
        assert_eq!(
            case.root_causes[0].what, "58 orders\nconfirmed late\nby a day",
            "several lines: each break a \\n"
        );
        // The near miss: a \n written as an escape is the writer's line break.
        let source = "version: 2\nroot_causes:\n  - what: \"58 orders\\nconfirmed late\"\n";
        let case = from_yaml(source, "x.poa.yaml").unwrap();
        assert_eq!(case.root_causes[0].what, "58 orders\nconfirmed late");
    }

    #[test]
    fn text_read_as_a_list_says_to_quote_it() {
        for source in [
            "version: 2\nseller:\n  legal_name: [Shenzhen] Trading\n",
            "version: 2\nseller:\n  legal_name: [unclosed\n",
            "version: 2\nseller:\n  store_name: {Home}\n",
        ] {
            let m = err(source);
            assert!(m.starts_with("x.poa.yaml:3:"), "{m}");
            assert!(m.contains("put the whole text in quotes"), "{m}");
        }
        // The writer's own value is the example.
        let m = err("version: 2\nseller:\n  store_name: {Home} Goods\n");
        assert!(m.contains("as \"{Home} Goods\""), "{m}");
        // A list where a list belongs is no such case.
        assert!(!err("version: 2\nnotice:\n  asins: B0C1\n").contains("in quotes"));
    }

    #[test]
    fn versions_are_checked_first() {
        assert!(err("seller:\n  legal_name: A\n").contains("has no `version` line"));
        assert!(err("version: 3\n").contains("version 3 case file, written by a newer poa"));
        assert!(err("version: one\n").contains("`version: one` is not a version"));
        assert!(err("just some words\n").contains("is not a case file"));
        // A newer file's new keys are not called unknown.
        assert!(
            err("version: 3\nfuture_key: x\n").contains("written by a newer poa"),
            "{}",
            err("version: 3\nfuture_key: x\n")
        );
        assert!(err("version: 0\n").contains("`version: 0` is not a version"));
    }

    #[test]
    fn a_case_loads_with_its_spans() {
        let (case, spans) =
            from_yaml_with_spans("version: 1\nseller:\n  legal_name: Acme\n", "x").unwrap();
        assert_eq!(case.seller.legal_name, "Acme");
        let p = super::super::FieldPath::key(super::super::Section::Seller, "legal_name");
        assert_eq!(spans.get(&p).map(|p| (p.line, p.column)), Some((3, 15)));
    }

    #[test]
    fn malformed_yaml_points_at_the_line() {
        let m = err("version: 1\nseller:\n  legal_name: \"Acme\n  store_name: B\n");
        assert!(m.starts_with("x.poa.yaml:"), "{m}");
        assert!(m.contains("the YAML is malformed"), "{m}");
    }

    #[test]
    fn wrong_types_say_what_is_needed() {
        let m = err("version: 1\nmetrics:\n- metric: x\n  count: lots\n");
        assert!(m.contains("x.poa.yaml:4:"), "{m}");
        assert!(m.contains("whole number"), "{m}");
        let m = err("version: 1\nnotice:\n  response: appeal\n");
        assert!(m.contains("Write one of: plan-of-action or dispute"), "{m}");
    }

    #[test]
    fn control_characters_written_as_yaml_escapes_are_refused_with_place() {
        // ESC ] 52: a clipboard write, hidden in a quoted value.
        let m = err(
            "version: 2\nseller:\n  legal_name: Acme\nroot_causes:\n- id: R1\n  why: \"We\\e]52;c;ZXZpbA==\\aforgot\"\n",
        );
        assert!(
            m.starts_with(
                "x.poa.yaml:6: root_causes[0].why holds an invisible control character (U+001B)"
            ),
            "{m}"
        );
        let m = err("version: 2\nnotice:\n  asins: [\"B0\\x07\"]\n");
        assert!(m.contains("notice.asins"), "{m}");
        let m = err("version: 2\nnotes: \"\\u0007\"\n");
        assert!(m.contains("x.poa.yaml:1: a value holds"), "{m}");
        // A tab or a line break written as an escape is text.
        assert!(from_yaml("version: 2\nclosing: \"a\\tb\\nc\"\n", "x").is_ok());
    }

    #[test]
    fn control_characters_are_refused_with_place() {
        let m = err("version: 1\nclosing: a\u{7}b\n");
        assert!(
            m.starts_with("x.poa.yaml:2:11: holds an invisible control character (U+0007)"),
            "{m}"
        );
    }

    #[test]
    fn binary_and_empty_text_are_refused() {
        let e = decode_text("f", vec![b'a', b'\n', 0, 1], "hint").unwrap_err();
        assert!(matches!(e, LoadError::Binary { line: 2, .. }));
        let e = decode_text("f", b" \n".to_vec(), "Write something.").unwrap_err();
        assert_eq!(e.to_string(), "f: is empty. Write something.");
        let e = decode_text("f", vec![b'a', 0xFF, b'b'], "").unwrap_err();
        assert!(matches!(
            e,
            LoadError::Binary {
                line: 1,
                column: 2,
                ..
            }
        ));
    }
}
