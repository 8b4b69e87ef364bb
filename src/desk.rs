//! The consultant's desk: `poa report`'s rows, one for each case of a
//! folder (its store, violation, deadline and days left, what the checker
//! found, when it was changed and whether it was exported since), put in
//! the order of their deadlines and written as text, JSON, Markdown or one
//! self-contained HTML page.
//!
//! Pure: the command line finds and reads the files, checks them and
//! reads the clock; this module decides each row's status, orders the
//! rows and writes them. A file that could not be read is a row that says
//! why, never the end of the report.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use crate::case::{Date, visible};
use crate::check::{FieldId, Finding, Severity};
use crate::playbook::Lang;

/// Days before the deadline from which a case is "due".
pub const DUE_WITHIN_DAYS: i64 = 3;

/// Where a case stands, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The deadline has passed.
    Overdue,
    /// The deadline is within [`DUE_WITHIN_DAYS`] days.
    Due,
    /// The file could not be read as a case or a draft.
    Broken,
    /// The checker found errors.
    NeedsWork,
    /// No errors: it can be sent.
    Ready,
}

impl Status {
    /// The status of a case read well, from its errors and days left.
    pub fn of(errors: usize, days_left: Option<i64>) -> Status {
        match days_left {
            Some(d) if d < 0 => Status::Overdue,
            Some(d) if d <= DUE_WITHIN_DAYS => Status::Due,
            _ if errors > 0 => Status::NeedsWork,
            _ => Status::Ready,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::Overdue, Lang::En) => "overdue",
            (Status::Due, Lang::En) => "due",
            (Status::Broken, Lang::En) => "broken",
            (Status::NeedsWork, Lang::En) => "needs work",
            (Status::Ready, Lang::En) => "ready",
            (Status::Overdue, Lang::Zh) => "已逾期",
            (Status::Due, Lang::Zh) => "即将到期",
            (Status::Broken, Lang::Zh) => "无法读取",
            (Status::NeedsWork, Lang::Zh) => "需要修改",
            (Status::Ready, Lang::Zh) => "可以提交",
        }
    }

    /// The CSS class (and the JSON's word).
    fn id(self) -> &'static str {
        match self {
            Status::Overdue => "overdue",
            Status::Due => "due",
            Status::Broken => "broken",
            Status::NeedsWork => "needs-work",
            Status::Ready => "ready",
        }
    }
}

/// Whether the case's documents were written since its last change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Exported {
    /// poa wrote no document of it beside it.
    Never,
    /// Every document poa wrote is as new as the case, or newer.
    Current,
    /// The case was changed after its documents were written.
    Stale,
}

impl Exported {
    fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Exported::Never, Lang::En) => "no",
            (Exported::Current, Lang::En) => "yes",
            (Exported::Stale, Lang::En) => "before last change",
            (Exported::Never, Lang::Zh) => "未导出",
            (Exported::Current, Lang::Zh) => "已导出",
            (Exported::Stale, Lang::Zh) => "导出后又修改过",
        }
    }
}

/// A document poa exported beside a case.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// Its format's extension: md, txt, pdf, docx.
    pub format: &'static str,
    /// Its path as the report shows it.
    pub path: String,
    /// Its link from where the report is written (relative, URL-encoded).
    #[serde(skip)]
    pub href: String,
    /// Written since the case's last change.
    pub current: bool,
}

/// One finding as the report lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub code: &'static str,
    pub severity: Severity,
    /// The field's key (`root_causes[0].why`), or the draft's line.
    pub field: String,
    /// The field as the editor names it, in the report's language.
    #[serde(skip)]
    pub place: String,
    pub message: String,
    pub excerpt: String,
}

impl Item {
    pub fn of(f: &Finding, lang: Lang) -> Item {
        Item {
            code: f.code,
            severity: f.severity,
            field: f.field.to_string(),
            place: place(&f.field, lang),
            message: f.message_in(lang).into_owned(),
            excerpt: f.excerpt.clone(),
        }
    }
}

/// A finding's place in words: "Root cause 1 · Why", "line 12".
fn place(field: &FieldId, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match field {
        FieldId::Case(p) => {
            let section = if zh {
                p.section.title_zh()
            } else {
                p.section.title()
            };
            match (p.field(), p.index) {
                (Some(f), Some(i)) => format!("{section} {} · {}", i + 1, f.label(lang)),
                (Some(f), None) => format!("{section} · {}", f.label(lang)),
                (None, _) => p.to_string(),
            }
        }
        FieldId::Section(s) if zh => s.title_zh().to_string(),
        FieldId::Section(s) => s.title().to_string(),
        FieldId::Line(n) if zh => format!("第 {n} 行"),
        FieldId::Line(n) => format!("line {n}"),
        FieldId::Document if zh => "全文".to_string(),
        FieldId::Document => "the whole letter".to_string(),
    }
}

/// One case (or draft, or file that could not be read) of the report.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The file, as the report shows its path.
    pub file: String,
    /// A draft (.md, .txt) rather than a case file.
    pub draft: bool,
    pub store: String,
    pub marketplace: String,
    /// The violation's id (`late-shipment-rate`).
    pub violation: String,
    /// Its playbook's title, in the report's language.
    pub violation_title: String,
    /// `plan-of-action` or `dispute`.
    pub response: String,
    pub received: Option<Date>,
    pub deadline: Option<Date>,
    /// The deadline is the notice's own ("within 72 hours"), not 17 days
    /// after it arrived.
    pub deadline_from_notice: bool,
    pub days_left: Option<i64>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub words: usize,
    /// When the file was last changed, local time (`2026-12-01 14:05`).
    pub changed: Option<String>,
    pub exported: Exported,
    pub documents: Vec<Document>,
    /// Letters recorded as sent (`poa submit`).
    pub letters_sent: usize,
    /// When Amazon turned the last of them down (`poa rejected`), if it did.
    pub turned_down: Option<Date>,
    pub status: Status,
    /// Why the file could not be read, for a broken row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    pub findings: Vec<Item>,
}

impl Row {
    /// The row of a file that could not be read.
    pub fn broken(file: String, problem: String, changed: Option<String>) -> Row {
        Row {
            file,
            draft: false,
            store: String::new(),
            marketplace: String::new(),
            violation: String::new(),
            violation_title: String::new(),
            response: String::new(),
            received: None,
            deadline: None,
            deadline_from_notice: false,
            days_left: None,
            errors: 0,
            warnings: 0,
            infos: 0,
            words: 0,
            changed,
            exported: Exported::Never,
            documents: Vec::new(),
            letters_sent: 0,
            turned_down: None,
            status: Status::Broken,
            problem: Some(problem),
            findings: Vec::new(),
        }
    }
}

/// The rows in the order a consultant works them: by deadline, the
/// soonest first (rows with no deadline after), then by file.
pub fn sort(rows: &mut [Row]) {
    rows.sort_by(|a, b| {
        let key = |r: &Row| (r.deadline.is_none(), r.deadline);
        key(a).cmp(&key(b)).then_with(|| a.file.cmp(&b.file))
    });
}

/// The counts of each status.
fn tally(rows: &[Row]) -> [(Status, usize); 5] {
    let n = |s: Status| rows.iter().filter(|r| r.status == s).count();
    [
        (Status::Overdue, n(Status::Overdue)),
        (Status::Due, n(Status::Due)),
        (Status::NeedsWork, n(Status::NeedsWork)),
        (Status::Ready, n(Status::Ready)),
        (Status::Broken, n(Status::Broken)),
    ]
}

/// "31 cases: 3 overdue, 4 due within 3 days, 10 need work, 12 ready, 2
/// broken" (the statuses with none are left out).
pub fn summary(rows: &[Row], lang: Lang) -> String {
    let parts: Vec<String> = tally(rows)
        .into_iter()
        .filter(|&(_, n)| n > 0)
        .map(|(s, n)| match (lang, s) {
            (Lang::En, Status::Due) => format!("{n} due within {DUE_WITHIN_DAYS} days"),
            (Lang::En, Status::NeedsWork) => {
                format!("{n} need{} work", if n == 1 { "s" } else { "" })
            }
            (Lang::En, s) => format!("{n} {}", s.label(lang)),
            (Lang::Zh, Status::Due) => format!("{n} 个 {DUE_WITHIN_DAYS} 天内到期"),
            (Lang::Zh, s) => format!("{n} 个{}", s.label(lang)),
        })
        .collect();
    let total = rows.len();
    match lang {
        Lang::En if total == 0 => "no case files found".to_string(),
        Lang::Zh if total == 0 => "没有找到案件文件".to_string(),
        Lang::En => format!(
            "{total} case{}: {}",
            crate::report::plural(total),
            parts.join(", ")
        ),
        Lang::Zh => format!("共 {total} 个案件：{}", parts.join("，")),
    }
}

/// The words of the report's columns.
struct Words {
    status: &'static str,
    deadline: &'static str,
    left: &'static str,
    store: &'static str,
    marketplace: &'static str,
    violation: &'static str,
    errors: &'static str,
    warnings: &'static str,
    words: &'static str,
    changed: &'static str,
    exported: &'static str,
    letters: &'static str,
    file: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            status: "status",
            deadline: "deadline",
            left: "days left",
            store: "store",
            marketplace: "market",
            violation: "violation",
            errors: "errors",
            warnings: "warnings",
            words: "words",
            changed: "changed",
            exported: "exported",
            letters: "letters sent",
            file: "file",
        },
        Lang::Zh => Words {
            status: "状态",
            deadline: "截止日期",
            left: "剩余天数",
            store: "店铺",
            marketplace: "站点",
            violation: "违规类型",
            errors: "错误",
            warnings: "警告",
            words: "词数",
            changed: "修改时间",
            exported: "导出",
            letters: "已提交",
            file: "文件",
        },
    }
}

/// The days left in words: "5", "today", "3 days late".
fn days_text(row: &Row, lang: Lang) -> String {
    match (row.days_left, lang) {
        (None, _) => "-".to_string(),
        (Some(0), Lang::En) => "today".to_string(),
        (Some(0), Lang::Zh) => "今天".to_string(),
        (Some(d), Lang::En) if d < 0 => format!("{} late", -d),
        (Some(d), Lang::Zh) if d < 0 => format!("逾期 {} 天", -d),
        (Some(d), _) => d.to_string(),
    }
}

/// The letters sent: "-", "1", "2, rejected 2026-11-24".
fn letters_text(row: &Row, lang: Lang) -> String {
    match (row.letters_sent, row.turned_down, lang) {
        (0, _, _) => "-".to_string(),
        (n, None, _) => n.to_string(),
        (n, Some(d), Lang::En) => format!("{n}, rejected {d}"),
        (n, Some(d), Lang::Zh) => format!("{n}，{d} 被驳回"),
    }
}

fn deadline_text(row: &Row) -> String {
    match row.deadline {
        // A deadline the notice set itself is marked, since it is not the
        // usual 17 days.
        Some(d) if row.deadline_from_notice => format!("{d}*"),
        Some(d) => d.to_string(),
        None => "-".to_string(),
    }
}

/// The cells of a row, as text, in the columns' order.
fn cells(row: &Row, lang: Lang) -> [String; 13] {
    let dash = |s: &str| {
        if s.is_empty() {
            "-".to_string()
        } else {
            visible(s).into_owned()
        }
    };
    let count = |n: usize| {
        if row.status == Status::Broken {
            "-".to_string()
        } else {
            n.to_string()
        }
    };
    [
        row.status.label(lang).to_string(),
        deadline_text(row),
        days_text(row, lang),
        dash(&row.store),
        dash(&row.marketplace),
        dash(&row.violation_title),
        count(row.errors),
        count(row.warnings),
        count(row.words),
        row.changed.clone().unwrap_or_else(|| "-".into()),
        if row.status == Status::Broken {
            "-".to_string()
        } else {
            row.exported.label(lang).to_string()
        },
        letters_text(row, lang),
        visible(&row.file).into_owned(),
    ]
}

fn headers(lang: Lang) -> [&'static str; 13] {
    let w = words(lang);
    [
        w.status,
        w.deadline,
        w.left,
        w.store,
        w.marketplace,
        w.violation,
        w.errors,
        w.warnings,
        w.words,
        w.changed,
        w.exported,
        w.letters,
        w.file,
    ]
}

/// The widest a text column gets before it is cut with "…" (the file, the
/// last column, is never cut).
const MAX_COLUMN: usize = 24;

/// `text` cut to `width` columns, with "…" for what was left out.
fn cut(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if unicode_width::UnicodeWidthStr::width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// The table for a terminal: columns padded by their display width (a
/// Chinese store name takes two columns a letter), then, under a broken
/// row, why it is broken; then the summary.
pub fn write_text(out: &mut impl Write, rows: &[Row], today: Date, lang: Lang) -> io::Result<()> {
    use unicode_width::UnicodeWidthStr;
    let head = headers(lang);
    let last = head.len() - 1;
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            cells(r, lang)
                .into_iter()
                .enumerate()
                .map(|(i, c)| if i == last { c } else { cut(&c, MAX_COLUMN) })
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = head.iter().map(|h| h.width()).collect();
    for row in &table {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.width());
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i == last {
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&" ".repeat(widths[i] - c.width() + 2));
            }
        }
        s.trim_end().to_string()
    };
    let title = match lang {
        Lang::En => format!("Cases on {today}, soonest deadline first"),
        Lang::Zh => format!("{today} 的案件，按截止日期排列"),
    };
    writeln!(out, "{title}\n")?;
    let head: Vec<String> = head.iter().map(|h| h.to_string()).collect();
    writeln!(out, "{}", line(&head))?;
    for (row, cells) in rows.iter().zip(&table) {
        writeln!(out, "{}", line(cells))?;
        if let Some(problem) = &row.problem {
            writeln!(out, "    {}", visible(problem))?;
        }
    }
    writeln!(out)?;
    if rows.iter().any(|r| r.deadline_from_notice) {
        writeln!(
            out,
            "{}",
            match lang {
                Lang::En => "* the notice's own deadline, not 17 days after it",
                Lang::Zh => "* 通知中写明的截止日期（不是收到后 17 天）",
            }
        )?;
    }
    writeln!(out, "{}", summary(rows, lang))
}

#[derive(Serialize)]
struct Json<'a> {
    version: u32,
    today: Date,
    cases: &'a [Row],
}

/// `{"version":1,"today":"…","cases":[…]}`, each case with its findings.
pub fn write_json(out: &mut impl Write, rows: &[Row], today: Date) -> io::Result<()> {
    serde_json::to_writer_pretty(
        &mut *out,
        &Json {
            version: 1,
            today,
            cases: rows,
        },
    )?;
    writeln!(out)
}

/// A Markdown table cell: one line, with `|` and the characters that
/// would start markup escaped.
fn md_cell(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in visible(text).chars() {
        match c {
            '\n' | '\r' => s.push(' '),
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' => {
                s.push('\\');
                s.push(c);
            }
            c => s.push(c),
        }
    }
    s
}

/// The table as Markdown, for a wiki or a message to the team; a broken
/// file's reason is in the last column.
pub fn write_md(out: &mut impl Write, rows: &[Row], today: Date, lang: Lang) -> io::Result<()> {
    let title = match lang {
        Lang::En => format!("# Cases on {today}"),
        Lang::Zh => format!("# {today} 的案件"),
    };
    writeln!(out, "{title}\n\n{}\n", summary(rows, lang))?;
    let note = match lang {
        Lang::En => "note",
        Lang::Zh => "说明",
    };
    let mut head: Vec<&str> = headers(lang).to_vec();
    head.push(note);
    writeln!(out, "| {} |", head.join(" | "))?;
    let rule: Vec<&str> = head.iter().map(|_| "---").collect();
    writeln!(out, "|{}|", rule.join("|"))?;
    for row in rows {
        let mut c: Vec<String> = cells(row, lang).iter().map(|c| md_cell(c)).collect();
        c.push(md_cell(row.problem.as_deref().unwrap_or("")));
        writeln!(out, "| {} |", c.join(" | "))?;
    }
    if rows.iter().any(|r| r.deadline_from_notice) {
        writeln!(
            out,
            "\n{}",
            match lang {
                Lang::En => "\\* the notice's own deadline, not 17 days after it",
                Lang::Zh => "\\* 通知中写明的截止日期（不是收到后 17 天）",
            }
        )?;
    }
    Ok(())
}

/// Text made safe for HTML, in an element or an attribute.
fn esc(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in visible(text).chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            c => s.push(c),
        }
    }
    s
}

const STYLE: &str = "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI','Noto Sans','PingFang SC','Microsoft YaHei',sans-serif;margin:24px;color:#1d2327}\
h1{font-size:22px;margin:0 0 4px}p.sum{margin:0 0 16px;color:#50575e}\
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #dcdcde;vertical-align:top}\
th{background:#f6f7f7;font-weight:600;position:sticky;top:0}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.d{white-space:nowrap}\
.st{display:inline-block;padding:1px 8px;border-radius:10px;font-size:13px;white-space:nowrap}\
.overdue .st{background:#d63638;color:#fff}.due .st{background:#dba617;color:#1d2327}.broken .st{background:#50575e;color:#fff}\
.needs-work .st{background:#f0c33c33;color:#8a2424;border:1px solid #d63638}.ready .st{background:#00a32a;color:#fff}\
tr.more td{border-bottom:2px solid #c3c4c7;padding-top:0}details summary{cursor:pointer;color:#2271b1}\
ul.f{margin:6px 0;padding-left:20px}ul.f li{margin:3px 0}.error b{color:#d63638}.warning b{color:#996800}.info b{color:#50575e}\
.where{color:#50575e}q{color:#50575e}.stale{color:#996800}a{color:#2271b1}p.foot{color:#50575e;font-size:13px}";

/// One self-contained page (no script, no file or link it needs): the
/// table, and under each case its findings folded, with links to the
/// documents exported beside it.
pub fn write_html(out: &mut impl Write, rows: &[Row], today: Date, lang: Lang) -> io::Result<()> {
    let zh = lang == Lang::Zh;
    let head = headers(lang);
    let title = if zh {
        format!("{today} 的案件")
    } else {
        format!("Cases on {today}")
    };
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p class=\"sum\">{}</p>\n<table>\n<thead><tr>",
        if zh { "zh-Hans" } else { "en" },
        esc(&title),
        esc(&title),
        esc(&summary(rows, lang)),
    );
    for col in head {
        let _ = write!(h, "<th>{}</th>", esc(col));
    }
    h.push_str("</tr></thead>\n");
    for row in rows {
        html_row(&mut h, row, lang, head.len());
    }
    h.push_str("</table>\n");
    if rows.iter().any(|r| r.deadline_from_notice) {
        let _ = writeln!(
            h,
            "<p class=\"foot\">{}</p>",
            if zh {
                "* 通知中写明的截止日期（不是收到后 17 天）"
            } else {
                "* the notice's own deadline, not 17 days after it"
            }
        );
    }
    h.push_str("</body>\n</html>\n");
    out.write_all(h.as_bytes())
}

fn html_row(h: &mut String, row: &Row, lang: Lang, columns: usize) {
    let zh = lang == Lang::Zh;
    let c = cells(row, lang);
    let _ = write!(h, "<tbody class=\"{}\"><tr>", row.status.id());
    let _ = write!(h, "<td><span class=\"st\">{}</span></td>", esc(&c[0]));
    for (i, cell) in c.iter().enumerate().skip(1) {
        match i {
            // The counts and days line up on the right.
            2 | 6 | 7 | 8 => {
                let _ = write!(h, "<td class=\"n\">{}</td>", esc(cell));
            }
            // Dates are not broken across lines.
            1 | 9 => {
                let _ = write!(h, "<td class=\"d\">{}</td>", esc(cell));
            }
            10 => {
                let _ = write!(h, "<td>{}", esc(cell));
                for d in &row.documents {
                    let stale = if d.current { "" } else { " class=\"stale\"" };
                    let _ = write!(
                        h,
                        " <a href=\"{}\"{stale} title=\"{}\">{}</a>",
                        esc(&d.href),
                        esc(&d.path),
                        esc(d.format)
                    );
                }
                h.push_str("</td>");
            }
            _ => {
                let _ = write!(h, "<td>{}</td>", esc(cell));
            }
        }
    }
    h.push_str("</tr>");
    let _ = write!(h, "<tr class=\"more\"><td colspan=\"{columns}\">");
    if let Some(problem) = &row.problem {
        let _ = write!(h, "{}", esc(problem));
    } else if row.findings.is_empty() {
        h.push_str(if zh {
            "检查没有发现问题"
        } else {
            "the checker found nothing to fix"
        });
    } else {
        let said = counted(row, lang);
        let _ = write!(
            h,
            "<details><summary>{}</summary><ul class=\"f\">",
            esc(&said)
        );
        for f in &row.findings {
            let class = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
            };
            let _ = write!(
                h,
                "<li class=\"{class}\"><b>{}</b> <span class=\"where\">{}:</span> {}",
                esc(f.code),
                esc(&f.place),
                esc(&f.message)
            );
            if !f.excerpt.is_empty() {
                let _ = write!(h, " <q>{}</q>", esc(&f.excerpt));
            }
            h.push_str("</li>");
        }
        h.push_str("</ul></details>");
    }
    h.push_str("</td></tr></tbody>\n");
}

/// "4 errors, 22 warnings, 1 note", without the kinds it has none of.
fn counted(row: &Row, lang: Lang) -> String {
    let p = crate::report::plural;
    let parts: Vec<String> = [
        (row.errors, "error", "个错误"),
        (row.warnings, "warning", "个警告"),
        (row.infos, "note", "个提示"),
    ]
    .into_iter()
    .filter(|&(n, _, _)| n > 0)
    .map(|(n, en, zh)| match lang {
        Lang::En => format!("{n} {en}{}", p(n)),
        Lang::Zh => format!("{n} {zh}"),
    })
    .collect();
    parts.join(if lang == Lang::Zh { "，" } else { ", " })
}

/// A path as a relative link: each segment percent-encoded but for the
/// letters, digits and `-._~`, with `/` between segments.
pub fn href(path: &std::path::Path) -> String {
    use std::path::Component;
    let mut segments = Vec::new();
    for c in path.components() {
        match c {
            Component::ParentDir => segments.push("..".to_string()),
            Component::Normal(s) => {
                let mut seg = String::new();
                for b in s.to_string_lossy().bytes() {
                    if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                        seg.push(char::from(b));
                    } else {
                        let _ = write!(seg, "%{b:02X}");
                    }
                }
                segments.push(seg);
            }
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
    let rel = segments.join("/");
    if path.is_absolute() {
        format!("file:///{rel}")
    } else {
        rel
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(file: &str, deadline: Option<Date>, today: Date, errors: usize) -> Row {
        let days_left = deadline.map(|d| today.days_until(d));
        Row {
            store: "店铺 <b>&".into(),
            violation_title: "Late shipment rate".into(),
            deadline,
            days_left,
            errors,
            status: Status::of(errors, days_left),
            ..Row::broken(file.into(), String::new(), None)
        }
    }

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn the_status_is_the_most_urgent_thing_about_a_case() {
        assert_eq!(Status::of(0, Some(-1)), Status::Overdue);
        assert_eq!(Status::of(0, Some(0)), Status::Due);
        assert_eq!(Status::of(5, Some(3)), Status::Due);
        // A near miss: four days is not yet due.
        assert_eq!(Status::of(5, Some(4)), Status::NeedsWork);
        assert_eq!(Status::of(0, Some(4)), Status::Ready);
        assert_eq!(Status::of(1, None), Status::NeedsWork);
    }

    #[test]
    fn rows_go_by_deadline_and_the_undated_last() {
        let today = day("2026-12-03");
        let mut rows = vec![
            row("c", None, today, 0),
            row("b", Some(day("2026-12-20")), today, 0),
            row("a", Some(day("2026-12-01")), today, 0),
        ];
        sort(&mut rows);
        let files: Vec<&str> = rows.iter().map(|r| r.file.as_str()).collect();
        assert_eq!(files, ["a", "b", "c"]);
    }

    #[test]
    fn html_escapes_what_a_client_wrote() {
        let today = day("2026-12-03");
        let mut r = row("x.poa.yaml", Some(day("2026-12-20")), today, 0);
        r.store = "<script>alert(1)</script>".into();
        let mut out = Vec::new();
        write_html(&mut out, &[r], today, Lang::En).unwrap();
        let html = String::from_utf8(out).unwrap();
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    #[test]
    fn a_wide_store_name_is_padded_by_its_columns() {
        let today = day("2026-12-03");
        let rows = [row("x.poa.yaml", Some(day("2026-12-20")), today, 0)];
        let mut out = Vec::new();
        write_text(&mut out, &rows, today, Lang::En).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let head = lines[2];
        let body = lines[3];
        use unicode_width::UnicodeWidthStr;
        let col = |l: &str, word: &str| l[..l.find(word).unwrap()].width();
        assert_eq!(col(head, "violation"), col(body, "Late"), "{text}");
    }

    #[test]
    fn a_link_is_encoded_and_relative() {
        assert_eq!(
            href(std::path::Path::new("../客户/a b.pdf")),
            "../%E5%AE%A2%E6%88%B7/a%20b.pdf"
        );
    }

    #[test]
    fn a_markdown_cell_cannot_break_the_table() {
        assert_eq!(md_cell("a | b\nc"), "a \\| b c");
    }
}
