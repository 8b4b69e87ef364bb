//! `view(model, frame)`: draws the model and changes nothing.
//!
//! Steps down the left with their state (✓ done, ! warnings, ✗ errors, ·
//! untouched: a symbol as well as a colour), the question with the
//! playbook's hint and example, the field, the findings of the step, a
//! status line and a key bar. Below 80×24 a screen asks for more room.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph};

use super::keys::{BINDINGS, When};
use super::model::{Kind, Model, Overlay, Start, Step, StepState, choices, fields, item_count};
use super::strings::{S, fill, t};
use crate::check::{FieldId, Severity};
use crate::playbook::{self, Lang};

/// The smallest screen the editor draws on.
pub use super::model::{MIN_HEIGHT, MIN_WIDTH};

/// Colours, or none with NO_COLOR.
struct Theme {
    color: bool,
}

impl Theme {
    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }
    fn severity(&self, s: Severity) -> Style {
        match s {
            Severity::Error => self.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            Severity::Warning => self.fg(Color::Yellow),
            Severity::Info => self.fg(Color::Cyan),
        }
    }
    fn dim(&self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        }
    }
    fn accent(&self) -> Style {
        self.fg(Color::LightBlue).add_modifier(Modifier::BOLD)
    }
}

fn symbol(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✗",
        Severity::Warning => "!",
        Severity::Info => "i",
    }
}

/// Draws the whole screen.
pub fn view(m: &Model, f: &mut Frame) {
    let area = f.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let mut msg = format!(
            "{}\n\n({}×{})",
            t(m.lang, S::TooSmall),
            area.width,
            area.height
        );
        if m.not_taken > 0 {
            msg.push_str("\n\n");
            msg.push_str(&fill(
                m.lang,
                S::NotTaken,
                &[("n", &m.not_taken.to_string())],
            ));
        }
        f.render_widget(
            Paragraph::new(wrapped(&msg, area.width, Style::default())),
            area,
        );
        return;
    }
    let theme = Theme { color: !m.no_color };
    if let Some(start) = &m.start {
        start_view(m, start, f, &theme);
    } else {
        let status_line = status_spans(m, &theme);
        let status_rows = status_height(&status_line, area.width);
        let [main, status, keys] = Layout::vertical([
            Constraint::Min(10),
            Constraint::Length(status_rows),
            Constraint::Length(1),
        ])
        .areas(area);
        let narrow = area.width < WIDE;
        let rail_width = if m.rail_hidden {
            0
        } else if narrow {
            rail_width(m)
        } else {
            27
        };
        let [rail, content] =
            Layout::horizontal([Constraint::Length(rail_width), Constraint::Min(40)]).areas(main);
        if rail_width > 0 {
            steps_view(m, f, rail, &theme, narrow);
        }
        if m.step == Step::Review {
            review_view(m, f, content, &theme);
        } else {
            step_view(m, f, content, &theme);
        }
        status_view(status_line, f, status);
        keybar_view(m, f, keys);
    }
    if let Some(o) = &m.overlay {
        overlay_view(m, o, f, &theme);
    }
}

/// Under this many columns the step rail shows short names.
const WIDE: u16 = 100;

/// The narrow rail: as wide as its longest short name.
fn rail_width(m: &Model) -> u16 {
    let longest = m
        .steps()
        .iter()
        .map(|s| unicode_width::UnicodeWidthStr::width(t(m.lang, s.short_name())))
        .max()
        .unwrap_or(0);
    // Border, highlight mark, state mark and spaces.
    u16::try_from(longest + 7).unwrap_or(20)
}

fn steps_view(m: &Model, f: &mut Frame, area: Rect, theme: &Theme, narrow: bool) {
    let items: Vec<ListItem> = m
        .steps()
        .iter()
        .map(|&s| {
            let (sym, style) = match m.step_state(s) {
                StepState::Errors => ("✗", theme.severity(Severity::Error)),
                StepState::Warnings => ("!", theme.severity(Severity::Warning)),
                StepState::Done => ("✓", theme.fg(Color::Green)),
                StepState::Empty => ("·", theme.dim()),
            };
            let name = t(m.lang, if narrow { s.short_name() } else { s.name() });
            let mut line = vec![Span::styled(format!(" {sym} "), style), Span::raw(name)];
            let room = area.width.saturating_sub(7) as usize;
            let label_width = unicode_width::UnicodeWidthStr::width(name);
            if s.is_list() && label_width + 4 <= room {
                line.push(Span::styled(
                    format!(" ({})", item_count(&m.case, s)),
                    theme.dim(),
                ));
            }
            ListItem::new(Line::from(line))
        })
        .collect();
    let selected = m.steps().iter().position(|s| *s == m.step);
    let list = List::new(items)
        .block(Block::bordered().title(t(m.lang, S::Steps)))
        .highlight_style(Style::default().add_modifier(Modifier::REVERSED))
        .highlight_symbol("▶");
    let mut state = ListState::default().with_selected(selected);
    f.render_stateful_widget(list, area, &mut state);
}

/// `text` as lines of at most `width` cells. Ratatui's own wrapping breaks
/// only at spaces and can run a wide character over a border; textwrap
/// breaks Chinese between characters (UAX #14) and counts display width.
fn wrapped(text: &str, width: u16, style: Style) -> Vec<Line<'static>> {
    let options = textwrap::Options::new(usize::from(width.max(1)))
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|l| Line::styled(l.into_owned(), style))
        .collect()
}

/// The lines `skip..skip + take` of `text` wrapped to `width`, wrapping no
/// more of a long letter than the window shows.
fn wrapped_window(text: &str, width: u16, skip: usize, take: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::with_capacity(take.min(256));
    let mut seen = 0;
    for paragraph in text.split('\n') {
        for line in wrapped(paragraph, width, Style::default()) {
            if seen >= skip {
                lines.push(line);
            }
            seen += 1;
        }
        if lines.len() >= take {
            break;
        }
    }
    lines
}

/// Where a finding is, in the words of the screen: `Why`, `ASINs 2`, or
/// with the step and item when it is not on this step (`Root causes 1 · Why`).
fn place_label(m: &Model, id: &FieldId, with_step: bool) -> String {
    let FieldId::Case(p) = id else {
        // A whole list, or the letter as a whole (length).
        let (step, _, _) = super::model::place_of(&m.case, id);
        return t(m.lang, step.name()).to_string();
    };
    let (step, _, _) = super::model::place_of(&m.case, id);
    // `notice.asins[2]` is entry 3 of the ASINs field.
    let Some(spec) = p.field().filter(|f| f.in_editor) else {
        return p.to_string();
    };
    let mut label = m.label(spec);
    if let Some(i) = p.sub {
        label = format!("{label} {}", i + 1);
    }
    if !with_step {
        return label;
    }
    let step_name = t(m.lang, step.name());
    match p.index {
        Some(i) => format!("{step_name} {} · {label}", i + 1),
        None if step == Step::Review || matches!(step, Step::Seller | Step::Notice) => {
            format!("{step_name} · {label}")
        }
        None => label,
    }
}

/// The guide for the current field: question, hint, example.
fn guide_lines(m: &Model, spec: super::model::FieldSpec, width: u16) -> Vec<Line<'static>> {
    let Some(g) = m.guide(spec, m.lang) else {
        return Vec::new();
    };
    let mut lines = wrapped(
        &m.fill_guide(&g.question),
        width,
        Style::default().add_modifier(Modifier::BOLD),
    );
    lines.extend(wrapped(&m.fill_guide(&g.hint), width, Style::default()));
    if let Some((example, meaning)) = m.example(spec) {
        lines.extend(wrapped(
            &format!("{}: {example}", t(m.lang, S::Example)),
            width,
            Style::default().add_modifier(Modifier::ITALIC),
        ));
        if let Some(meaning) = meaning {
            lines.extend(wrapped(
                &format!("（{}：{meaning}）", t(m.lang, S::Meaning)),
                width,
                Style::default().add_modifier(Modifier::DIM),
            ));
        }
    }
    lines
}

fn step_view(m: &Model, f: &mut Frame, area: Rect, theme: &Theme) {
    let findings = m.visible_findings();
    let rows = finding_rows(m, &findings, area.width.saturating_sub(2));
    let findings_height = (rows.min(7) as u16 + 2).max(3);
    let one_line = m.spec().is_some_and(|s| !s.kind.is_multiline());
    let head_height = if area.height >= 30 { 7 } else { 5 };
    // A one-line field shows all of a long value, wrapped, up to four lines.
    let value_rows = if one_line {
        let mut text = m.input.lines().join(" ");
        if text.is_empty() {
            text = format!(" {}", m.input.placeholder_text());
        }
        wrapped(&text, area.width.saturating_sub(3), Style::default())
            .len()
            .clamp(1, 4) as u16
    } else {
        1
    };
    let [head, fields_bar, input_area, overview_area, findings_area] = Layout::vertical([
        Constraint::Length(head_height),
        Constraint::Length(1),
        if one_line {
            Constraint::Length(value_rows + 2)
        } else {
            Constraint::Min(4)
        },
        if one_line {
            Constraint::Min(0)
        } else {
            Constraint::Length(0)
        },
        Constraint::Length(findings_height),
    ])
    .areas(area);
    let specs = fields(m.step);
    let mut title = t(m.lang, m.step.name()).to_string();
    if m.step.is_list() {
        let n = item_count(&m.case, m.step);
        if n > 0 {
            title = fill(
                m.lang,
                S::ItemOfTotal,
                &[
                    ("title", &title),
                    ("n", &(m.item + 1).to_string()),
                    ("total", &n.to_string()),
                ],
            );
            // A root cause shows the id that actions and measures link to.
            if m.step == Step::RootCauses
                && let Some(r) = m.case.root_causes.get(m.item)
                && !r.id.is_empty()
            {
                title = format!("{title} · {}", r.id);
            }
        }
    }
    let empty_list = m.step.is_list() && item_count(&m.case, m.step) == 0;
    let spec = m.spec();
    let head_width = head.width.saturating_sub(2);
    let mut lines = Vec::new();
    if empty_list {
        lines = wrapped(t(m.lang, S::NoItems), head_width, Style::default());
    }
    if let Some(spec) = spec {
        lines.extend(guide_lines(m, spec, head_width));
    }
    // A guide longer than its box scrolls (Alt+PgDn), and says so.
    let rows = usize::from(head.height.saturating_sub(2));
    let last_top = lines.len().saturating_sub(rows);
    m.hint_room.set(u16::try_from(last_top).unwrap_or(u16::MAX));
    let top = usize::from(m.hint_scroll).min(last_top);
    let mut head_block = Block::bordered().title(Span::styled(title, theme.accent()));
    if top < last_top {
        head_block = head_block.title_bottom(Line::styled(
            format!("↓ {}", t(m.lang, S::HintMore)),
            theme.dim(),
        ));
    }
    let lines: Vec<Line> = lines.into_iter().skip(top).collect();
    f.render_widget(Paragraph::new(Text::from(lines)).block(head_block), head);
    // The fields of the step, the current one marked.
    // When the labels do not fit, the bar starts near the current one.
    let label_cells = |i: usize| {
        unicode_width::UnicodeWidthStr::width(m.label(specs[i]).as_str())
            + if i > 0 { 3 } else { 0 }
    };
    let mut first = 0;
    while first < m.field
        && (first..specs.len()).map(label_cells).sum::<usize>() + 2 > usize::from(fields_bar.width)
    {
        first += 1;
    }
    let mut bar = Vec::new();
    if first > 0 {
        bar.push(Span::styled("…", theme.dim()));
    }
    for (i, s) in specs.iter().enumerate().skip(first) {
        if i > 0 {
            bar.push(Span::styled(" · ", theme.dim()));
        }
        let label = m.label(s);
        if i == m.field {
            bar.push(Span::styled(
                format!("[{label}]"),
                Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            ));
        } else {
            bar.push(Span::raw(label));
        }
    }
    f.render_widget(Paragraph::new(Line::from(bar)), fields_bar);
    if !empty_list && let Some(spec) = spec {
        let mut block_title = m.label(spec);
        let pending = m.pending.contains_key(&(m.step, m.item, spec.guide));
        if pending {
            block_title = format!("{block_title} — {}", t(m.lang, not_valid(spec.kind)));
        }
        if spec.kind == Kind::Choice {
            block_title = format!("{block_title} — {}", t(m.lang, S::Choices));
        }
        let border = if pending {
            theme.severity(Severity::Error)
        } else {
            theme.accent()
        };
        let block = Block::bordered()
            .title(Span::styled(block_title, border))
            .border_style(border);
        let inner = block.inner(input_area);
        f.render_widget(block, input_area);
        draw_input(m, f, inner);
        place_cursor(m, f, inner);
    }
    if spec.is_some_and(|s| s.kind == Kind::Choice) && overview_area.height > 2 {
        choices_view(m, f, overview_area, theme);
    } else if one_line && overview_area.height > 2 {
        overview_view(m, f, overview_area, theme);
    }
    findings_view(m, &findings, f, findings_area, theme);
}

/// What to say of a value that does not parse yet.
fn not_valid(kind: Kind) -> S {
    match kind {
        Kind::Number => S::NotANumber,
        Kind::Choice => S::NotAChoice,
        _ => S::NotADate,
    }
}

/// The other fields of the step with their values, for one-line fields.
/// `s` cut to `cells` columns of the screen, with "…" when cut (a Chinese
/// character takes two).
fn fit(s: &str, cells: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let s = s.trim();
    if unicode_width::UnicodeWidthStr::width(s) <= cells {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > cells {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// The choices of a choice field that match what is typed, each with what
/// it means in the writer's language; the one chosen is marked.
fn choices_view(m: &Model, f: &mut Frame, area: Rect, theme: &Theme) {
    let Some(spec) = m.spec() else { return };
    let typed = m.input.lines().join("");
    let mut options = super::model::choice_matches(spec, &m.choice_query);
    if options.is_empty() {
        options = choices(spec);
    }
    let width = usize::from(area.width.saturating_sub(4));
    let items: Vec<ListItem> = options
        .iter()
        .map(|o| {
            let label = super::model::choice_label(spec.guide, o, m.lang);
            let text = if label.is_empty() {
                (*o).to_string()
            } else {
                format!("{o} — {label}")
            };
            ListItem::new(fit(&text, width))
        })
        .collect();
    let selected = options.iter().position(|o| *o == typed.trim());
    let mut state = ListState::default().with_selected(selected);
    let title = fill(
        m.lang,
        S::ChoicesShown,
        &[("n", &options.len().to_string())],
    );
    f.render_stateful_widget(
        List::new(items)
            .block(Block::bordered().title(Span::styled(title, theme.dim())))
            .highlight_style(Style::default().add_modifier(Modifier::REVERSED))
            .highlight_symbol("▶ "),
        area,
        &mut state,
    );
}

fn overview_view(m: &Model, f: &mut Frame, area: Rect, theme: &Theme) {
    let width = area.width.saturating_sub(4) as usize;
    let lines: Vec<Line> = fields(m.step)
        .iter()
        .enumerate()
        .map(|(i, s)| {
            // A half-typed date is shown as typed, not as the old value.
            let value = match m.pending.get(&(m.step, m.item, s.guide)) {
                Some(typed) => format!("{typed} — {}", t(m.lang, not_valid(s.kind))),
                None => super::model::get(&m.case, s, m.item),
            }
            .replace('\n', " · ");
            let text = fit(&format!("{}: {value}", m.label(s)), width);
            if i == m.field {
                Line::styled(text, Style::default().add_modifier(Modifier::BOLD))
            } else {
                Line::styled(text, theme.dim())
            }
        })
        .collect();
    f.render_widget(Paragraph::new(lines).block(Block::bordered()), area);
}

fn findings_view(
    m: &Model,
    findings: &[&crate::check::Finding],
    f: &mut Frame,
    area: Rect,
    theme: &Theme,
) {
    let title = format!("{} ({})", t(m.lang, S::Findings), findings.len());
    let block = Block::bordered().title(title);
    if findings.is_empty() {
        f.render_widget(
            Paragraph::new(t(m.lang, S::NoFindings))
                .style(theme.fg(Color::Green))
                .block(block),
            area,
        );
        return;
    }
    finding_list(m, findings, f, area, block, false, theme);
}

/// The line of a finding: symbol, code, `[F2]` when it has a fix, place
/// and message.
fn finding_text(m: &Model, x: &crate::check::Finding, with_step: bool) -> String {
    let fix = if x.fix.is_some() { " [F2]" } else { "" };
    // The F2 mark comes first, where a cut-short line still shows it.
    format!(
        "{} {}{fix} {}: {}",
        symbol(x.severity),
        x.code,
        place_label(m, &x.field, with_step),
        x.message_in(m.lang)
    )
}

/// How many rows the findings take: one each, and the selected one whole.
fn finding_rows(m: &Model, findings: &[&crate::check::Finding], width: u16) -> usize {
    let Some(x) = findings.get(m.selected.min(findings.len().saturating_sub(1))) else {
        return 0;
    };
    findings.len() - 1 + wrapped(&finding_text(m, x, false), width, Style::default()).len()
}

/// A list of findings, one line each, the selected one shown whole so its
/// message can be read to the end.
fn finding_list(
    m: &Model,
    findings: &[&crate::check::Finding],
    f: &mut Frame,
    area: Rect,
    block: Block,
    with_step: bool,
    theme: &Theme,
) {
    let width = area.width.saturating_sub(2);
    let selected = m.selected.min(findings.len() - 1);
    let items: Vec<ListItem> = findings
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let text = finding_text(m, x, with_step);
            let style = theme.severity(x.severity);
            if i == selected {
                // Whole, but no taller than the box: a list draws nothing
                // at all when its selected item does not fit.
                let rows = usize::from(area.height.saturating_sub(2)).max(1);
                let mut lines = wrapped(&text, width, style);
                if lines.len() > rows {
                    lines.truncate(rows);
                    if let Some(last) = lines.last_mut() {
                        let cut: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
                        let cells = usize::from(width).saturating_sub(1);
                        *last = Line::styled(
                            format!("{}…", fit(&cut, cells).trim_end_matches('…')),
                            style,
                        );
                    }
                }
                ListItem::new(lines)
            } else {
                let line = fit(&text, usize::from(width));
                ListItem::new(Line::styled(line, style))
            }
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(selected));
    f.render_stateful_widget(
        List::new(items)
            .block(block)
            .highlight_style(Style::default().add_modifier(Modifier::REVERSED)),
        area,
        &mut state,
    );
}

fn review_view(m: &Model, f: &mut Frame, area: Rect, theme: &Theme) {
    let [top, input_area, export] = Layout::vertical([
        Constraint::Min(8),
        Constraint::Length(5),
        Constraint::Length(1),
    ])
    .areas(area);
    let [problems, preview] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(top);
    let findings = m.visible_findings();
    // What was checked, so that "no problems" says how far it goes.
    let checked = if m.case.check.grammar {
        S::CheckedAll
    } else {
        S::CheckedNoGrammar
    };
    if findings.is_empty() {
        f.render_widget(
            Paragraph::new(wrapped(
                &format!("{}\n\n{}", t(m.lang, S::NoProblems), t(m.lang, checked)),
                problems.width.saturating_sub(2),
                Style::default(),
            ))
            .style(theme.fg(Color::Green))
            .block(Block::bordered().title(t(m.lang, S::Problems))),
            problems,
        );
    } else {
        let block = Block::bordered().title(t(m.lang, S::Problems));
        finding_list(m, &findings, f, problems, block, true, theme);
    }
    let letter = letter_lines(&m.preview, preview.width.saturating_sub(2));
    let room = letter
        .len()
        .saturating_sub(usize::from(preview.height.saturating_sub(2)));
    m.review_room.set(u16::try_from(room).unwrap_or(u16::MAX));
    f.render_widget(
        Paragraph::new(
            letter
                .into_iter()
                .skip(usize::from(m.review_scroll).min(room))
                .take(usize::from(preview.height))
                .collect::<Vec<_>>(),
        )
        .block(Block::bordered().title(format!("{} — Ctrl+↑/↓", t(m.lang, S::Preview)))),
        preview,
    );
    if let Some(spec) = m.spec() {
        let label = if spec.guide == "closing" {
            S::Closing
        } else {
            S::LetterDate
        };
        let block = Block::bordered().title(Span::styled(
            format!("{} — Tab", t(m.lang, label)),
            theme.accent(),
        ));
        let inner = block.inner(input_area);
        f.render_widget(block, input_area);
        draw_input(m, f, inner);
        place_cursor(m, f, inner);
    }
    f.render_widget(
        Paragraph::new(Span::styled(t(m.lang, S::ExportHint), theme.accent())),
        export,
    );
}

/// The letter as it reads, not its Markdown: headings in bold, lists with
/// their numbers and a hanging indent, the 5W1H tables as labelled lines.
fn letter_lines(markdown: &str, width: u16) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    blocks_lines(&crate::markup::parse(markdown), width, "", &mut out);
    out
}

fn spans_text(spans: &[crate::markup::Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// `text` wrapped to `width` with `first` before its first line and
/// `indent` before the others.
fn hanging(text: &str, width: u16, first: &str, indent: &str, style: Style) -> Vec<Line<'static>> {
    let options = textwrap::Options::new(usize::from(width.max(8)))
        .initial_indent(first)
        .subsequent_indent(indent)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    text.split('\n')
        .enumerate()
        .flat_map(|(i, part)| {
            let opts = if i == 0 {
                options.clone()
            } else {
                options.clone().initial_indent(indent)
            };
            textwrap::wrap(part, opts)
                .into_iter()
                .map(|l| Line::styled(l.into_owned(), style))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn blocks_lines(
    blocks: &[crate::markup::Block],
    width: u16,
    indent: &str,
    out: &mut Vec<Line<'static>>,
) {
    use crate::markup::Block;
    for b in blocks {
        match b {
            Block::Heading { level, spans } => {
                let mut style = Style::default().add_modifier(Modifier::BOLD);
                if *level == 1 {
                    style = style.add_modifier(Modifier::UNDERLINED);
                }
                out.extend(hanging(&spans_text(spans), width, indent, indent, style));
            }
            Block::Paragraph(spans) => {
                out.extend(hanging(
                    &spans_text(spans),
                    width,
                    indent,
                    indent,
                    Style::default(),
                ));
            }
            Block::List { start, items } => {
                for (i, item) in items.iter().enumerate() {
                    let mark = match start {
                        Some(n) => format!("{indent}{}. ", n + i as u64),
                        None => format!("{indent}• "),
                    };
                    let inner = " ".repeat(mark.chars().count());
                    let mut lines = Vec::new();
                    blocks_lines(item, width, &inner, &mut lines);
                    // The mark goes before the item's first line.
                    if let Some(first) = lines.first_mut() {
                        let text: String = first.spans.iter().map(|s| s.content.as_ref()).collect();
                        let rest = text
                            .strip_prefix(inner.as_str())
                            .unwrap_or(&text)
                            .to_string();
                        *first = Line::styled(format!("{mark}{rest}"), first.style);
                    }
                    out.extend(lines);
                }
            }
            Block::Table { header, rows } => {
                for row in rows {
                    // Two columns (a 5W1H table) read "What happened: ...";
                    // more, each cell under its header's name.
                    let lines: Vec<String> = if header.len() == 2 {
                        vec![
                            row.iter()
                                .map(|c| spans_text(c))
                                .collect::<Vec<_>>()
                                .join(": "),
                        ]
                    } else {
                        header
                            .iter()
                            .zip(row)
                            .map(|(h, cell)| match spans_text(h) {
                                l if l.trim().is_empty() => spans_text(cell),
                                l => format!("{l}: {}", spans_text(cell)),
                            })
                            .collect()
                    };
                    for text in lines {
                        out.extend(hanging(
                            &text,
                            width,
                            indent,
                            &format!("{indent}  "),
                            Style::default(),
                        ));
                    }
                }
            }
            Block::Quote(inner) => {
                let mut lines = Vec::new();
                blocks_lines(inner, width.saturating_sub(2), indent, &mut lines);
                out.extend(lines.into_iter().map(|l| {
                    let mut spans = vec![Span::raw("│ ")];
                    spans.extend(l.spans);
                    Line::from(spans)
                }));
            }
            Block::Code(text) => {
                out.extend(text.lines().map(|l| Line::raw(format!("{indent}{l}"))));
            }
            Block::Rule => out.push(Line::raw("─".repeat(usize::from(width.min(40))))),
        }
        out.push(Line::raw(""));
    }
    // One blank line between blocks, none at the end of a list item.
    while out.last().is_some_and(|l| l.width() == 0) && !indent.is_empty() {
        out.pop();
    }
}

fn status_view(spans: Vec<Span>, f: &mut Frame, area: Rect) {
    let line = Paragraph::new(Line::from(spans));
    // Wrapped only when it takes more than a row, so one row stays as it was.
    let line = match area.height {
        1 => line,
        _ => line.wrap(ratatui::widgets::Wrap { trim: true }),
    };
    f.render_widget(line, area);
}

/// The rows the status line takes: one, or up to three when what it says
/// is longer than the screen is wide, so that a message is read to its end.
fn status_height(spans: &[Span], width: u16) -> u16 {
    let plain: String = spans.iter().map(|s| s.content.as_ref()).collect();
    wrapped(&plain, width, Style::default()).len().clamp(1, 3) as u16
}

/// What the status line says: the file, saved or not, words, the days
/// left, and the last message.
fn status_spans<'a>(m: &'a Model, theme: &Theme) -> Vec<Span<'a>> {
    let name = m
        .path
        .file_name()
        .map(|n| crate::case::visible(&n.to_string_lossy()).into_owned())
        .unwrap_or_default();
    let saved = if m.dirty() {
        t(m.lang, S::Unsaved)
    } else {
        t(m.lang, S::Saved)
    };
    let days = match m.case.appeal_deadline() {
        None => t(m.lang, S::NoDeadline).to_string(),
        Some(d) => {
            let n = m.today.days_until(d);
            match n {
                n if n < 0 => t(m.lang, S::Overdue).to_string(),
                0 => t(m.lang, S::DueToday).to_string(),
                1 => format!("1 {}", t(m.lang, S::DayLeft)),
                n => format!("{n} {}", t(m.lang, S::DaysLeft)),
            }
        }
    };
    let days_style = match m.case.appeal_deadline().map(|d| m.today.days_until(d)) {
        Some(n) if n <= 3 => theme.severity(Severity::Error),
        Some(n) if n <= 7 => theme.severity(Severity::Warning),
        _ => Style::default(),
    };
    let mut spans = vec![
        Span::styled(
            format!(" {name} "),
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Span::raw(format!(
            "· {saved} · {} {} · ",
            m.word_count(),
            t(m.lang, S::Words)
        )),
        Span::styled(days, days_style),
    ];
    if m.check_due {
        spans.push(Span::styled(
            format!(" · {}", t(m.lang, S::Checking)),
            theme.dim(),
        ));
    }
    if !m.status.is_empty() {
        spans.push(Span::styled(format!(" · {}", m.status), theme.dim()));
    }
    spans
}

fn keybar_view(m: &Model, f: &mut Frame, area: Rect) {
    let wanted: &[&str] = match m.step {
        Step::Review => &["F10", "F9", "F3", "F4", "Tab", "PgUp", "F1", "Ctrl+Q"],
        s if s.is_list() => &[
            "Tab", "PgDn", "Alt+↓", "F6", "F5", "F2", "F3", "F1", "Ctrl+Q",
        ],
        _ => &["Tab", "PgDn", "PgUp", "F5", "F2", "F3", "F1", "Ctrl+Q"],
    };
    f.render_widget(
        Paragraph::new(Line::from(keybar(m, wanted, area.width))),
        area,
    );
}

/// The keys of the bar that fit in `width`, in order; help and quit are
/// always there (the rest of the keys are one F1 away).
fn keybar(m: &Model, wanted: &[&str], width: u16) -> Vec<Span<'static>> {
    let always = ["F1", "Ctrl+Q"];
    let entry = |key: &str| {
        BINDINGS.iter().find(|b| b.keys == key).map(|b| {
            let label = format!(" {}  ", b.short(m.lang));
            let cells = unicode_width::UnicodeWidthStr::width(b.keys)
                + unicode_width::UnicodeWidthStr::width(label.as_str());
            (b.keys, label, cells)
        })
    };
    let mut room = usize::from(width);
    for key in always {
        room = room.saturating_sub(entry(key).map_or(0, |e| e.2));
    }
    let mut shown = Vec::new();
    for key in wanted {
        if always.contains(key) {
            continue;
        }
        if let Some(e) = entry(key) {
            if e.2 > room {
                break;
            }
            room -= e.2;
            shown.push(e);
        }
    }
    shown.extend(always.iter().filter_map(|k| entry(k)));
    let mut spans = Vec::new();
    for (keys, label, _) in shown {
        spans.push(Span::styled(
            keys,
            Style::default().add_modifier(Modifier::REVERSED),
        ));
        spans.push(Span::raw(label));
    }
    spans
}

/// A centred rectangle of `w`×`h` (clamped to the area).
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn overlay_view(m: &Model, o: &Overlay, f: &mut Frame, theme: &Theme) {
    let area = f.area();
    match o {
        Overlay::Help => {
            let r = centered(
                area,
                area.width.saturating_sub(4).min(100),
                area.height.saturating_sub(2),
            );
            let entry = |b: &super::keys::Binding, key_width: usize| {
                let when = match b.when {
                    When::Always => "",
                    When::List => " *",
                    When::Review => " †",
                };
                Line::from(vec![
                    Span::styled(format!("{:>key_width$}  ", b.keys), theme.accent()),
                    Span::raw(format!("{}{when}", b.label(m.lang))),
                ])
            };
            let legend = Line::styled(t(m.lang, S::HelpLegend), theme.dim());
            let block = Block::bordered().title(t(m.lang, S::HelpTitle));
            let inner = block.inner(r);
            f.render_widget(Clear, r);
            f.render_widget(block, r);
            let rows = inner.height.saturating_sub(2) as usize;
            let [list_area, legend_area] =
                Layout::vertical([Constraint::Min(1), Constraint::Length(2)]).areas(inner);
            if BINDINGS.len() <= rows {
                let lines: Vec<Line> = BINDINGS.iter().map(|b| entry(b, 16)).collect();
                f.render_widget(Paragraph::new(lines), list_area);
            } else {
                // Two columns when the screen is short.
                let half = BINDINGS.len().div_ceil(2);
                let [left, right] =
                    Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                        .areas(list_area);
                let col = |bs: &[super::keys::Binding]| -> Vec<Line> {
                    bs.iter().map(|b| entry(b, 9)).collect()
                };
                f.render_widget(Paragraph::new(col(&BINDINGS[..half])), left);
                f.render_widget(Paragraph::new(col(&BINDINGS[half..])), right);
            }
            f.render_widget(Paragraph::new(vec![Line::raw(""), legend]), legend_area);
        }
        Overlay::Suggestions { items, selected } => {
            let r = centered(
                area,
                area.width.saturating_sub(8),
                area.height.saturating_sub(6),
            );
            f.render_widget(Clear, r);
            if items.is_empty() {
                f.render_widget(
                    Paragraph::new(t(m.lang, S::SuggestionsEmpty))
                        .block(Block::bordered().title(t(m.lang, S::Suggestions))),
                    r,
                );
                return;
            }
            let width = r.width.saturating_sub(6) as usize;
            let list: Vec<ListItem> = items
                .iter()
                .map(|(en, meaning)| {
                    // Whole, wrapped: a suggestion cut short cannot be judged.
                    let mut lines = wrapped(en, width as u16, Style::default());
                    if m.lang == Lang::Zh && meaning != en {
                        lines.extend(wrapped(meaning, width as u16, theme.dim()));
                    }
                    ListItem::new(lines)
                })
                .collect();
            let mut state = ListState::default().with_selected(Some(*selected));
            f.render_stateful_widget(
                List::new(list)
                    .block(Block::bordered().title(t(m.lang, S::Suggestions)))
                    .highlight_style(Style::default().add_modifier(Modifier::REVERSED))
                    .highlight_symbol("▶ "),
                r,
                &mut state,
            );
        }
        Overlay::ConfirmRemove
        | Overlay::Recovered
        | Overlay::ChangedOnDisk
        | Overlay::ExportWithErrors(_)
        | Overlay::Locked
        | Overlay::Exported(_)
        | Overlay::Message(_) => {
            let text = match o {
                Overlay::ExportWithErrors(_) => fill(
                    m.lang,
                    S::ExportWithErrors,
                    &[("n", &crate::check::counts(&m.findings).0.to_string())],
                ),
                Overlay::ConfirmRemove => t(m.lang, S::RemoveItem).to_string(),
                Overlay::ChangedOnDisk => t(m.lang, S::DiskChanged).to_string(),
                Overlay::Recovered => t(m.lang, S::Recovered).to_string(),
                Overlay::Locked => t(m.lang, S::Locked).to_string(),
                Overlay::Message(s) => format!("{s}\n\n{}", t(m.lang, S::PressAnyKey)),
                Overlay::Exported(s) => s.clone(),
                _ => String::new(),
            };
            // As tall as the text; a text taller than the window (an
            // export's notes can run long) scrolls, and says so.
            let width = area.width.saturating_sub(4).min(72);
            let lines = wrapped_window(&text, width.saturating_sub(2), 0, usize::MAX);
            let height = (lines.len() as u16 + 2).clamp(10, area.height.saturating_sub(2));
            let rows = usize::from(height.saturating_sub(2));
            let last_top = lines.len().saturating_sub(rows);
            m.overlay_room
                .set(u16::try_from(last_top).unwrap_or(u16::MAX));
            let top = usize::from(m.overlay_scroll).min(last_top);
            let mut block = Block::bordered().border_style(theme.accent());
            if last_top > 0 {
                let mark = match (top > 0, top < last_top) {
                    (true, true) => "↑↓",
                    (false, _) => "↓",
                    (true, false) => "↑",
                };
                block = block.title_bottom(Line::styled(
                    format!(
                        "{mark} {}",
                        fill(
                            m.lang,
                            S::MessageMore,
                            &[
                                ("from", &(top + 1).to_string()),
                                ("to", &(top + rows).to_string()),
                                ("n", &lines.len().to_string()),
                            ]
                        )
                    ),
                    theme.dim(),
                ));
            }
            let r = centered(area, width, height);
            f.render_widget(Clear, r);
            f.render_widget(
                Paragraph::new(lines.into_iter().skip(top).take(rows).collect::<Vec<_>>())
                    .block(block),
                r,
            );
        }
    }
}

fn start_view(m: &Model, start: &Start, f: &mut Frame, theme: &Theme) {
    let area = f.area();
    let [title, body, status] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(5),
        Constraint::Length(1),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(Span::styled(t(m.lang, S::StartTitle), theme.accent()))
            .block(Block::default().borders(Borders::BOTTOM)),
        title,
    );
    match start {
        Start::Menu { files, selected } => {
            let mut items = vec![
                ListItem::new(format!("+ {}", t(m.lang, S::StartNewViolation))),
                ListItem::new(format!("+ {}", t(m.lang, S::StartNewNotice))),
                ListItem::new(Line::styled(t(m.lang, S::StartOpen), theme.dim())),
            ];
            if files.is_empty() {
                items.push(ListItem::new(Line::styled(
                    format!("  {}", t(m.lang, S::StartNoFiles)),
                    theme.dim(),
                )));
            }
            for p in files {
                items.push(ListItem::new(format!("  {}", crate::case::shown(p))));
            }
            // The "Open…" label is not selectable: skip it in the highlight.
            let shown = if *selected >= 2 {
                selected + 1
            } else {
                *selected
            };
            let mut state = ListState::default().with_selected(Some(shown));
            f.render_stateful_widget(
                List::new(items)
                    .highlight_style(Style::default().add_modifier(Modifier::REVERSED))
                    .highlight_symbol("▶ "),
                body,
                &mut state,
            );
        }
        Start::PickViolation { selected } => {
            let items: Vec<ListItem> = playbook::all()
                .iter()
                .map(|p| ListItem::new(format!("{:<26} {}", p.id, p.title_in(m.lang))))
                .collect();
            let mut state = ListState::default().with_selected(Some(*selected));
            f.render_stateful_widget(
                List::new(items)
                    .block(Block::bordered().title(t(m.lang, S::PickViolation)))
                    .highlight_style(Style::default().add_modifier(Modifier::REVERSED))
                    .highlight_symbol("▶ "),
                body,
                &mut state,
            );
        }
        Start::PasteNotice => {
            let [hint, input] =
                Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(body);
            f.render_widget(
                Paragraph::new(wrapped(
                    t(m.lang, S::PasteNoticeHint),
                    hint.width,
                    Style::default(),
                )),
                hint,
            );
            let block = Block::bordered().title(t(m.lang, S::PasteNotice));
            let inner = block.inner(input);
            f.render_widget(block, input);
            f.render_widget(&m.input, inner);
            place_cursor(m, f, inner);
        }
        Start::NameFile { reading, .. } => {
            let [hint, input, read] = Layout::vertical([
                Constraint::Length(2),
                Constraint::Length(3),
                Constraint::Min(0),
            ])
            .areas(body);
            f.render_widget(Paragraph::new(t(m.lang, S::FileNameHint)), hint);
            let block = Block::bordered().title(t(m.lang, S::FileName));
            let inner = block.inner(input);
            f.render_widget(block, input);
            f.render_widget(&m.input, inner);
            place_cursor(m, f, inner);
            if let Some(r) = reading {
                let block = Block::bordered().title(t(m.lang, S::WhatWasRead));
                let text = what_was_read(m, r).join("\n");
                let inner = block.inner(read);
                f.render_widget(block, read);
                f.render_widget(
                    Paragraph::new(wrapped(&text, inner.width, Style::default())),
                    inner,
                );
            }
        }
    }
    // A message when there is one, else the keys of this screen.
    let keys = match start {
        Start::Menu { .. } | Start::PickViolation { .. } => S::StartKeysList,
        Start::PasteNotice => S::StartKeysPaste,
        Start::NameFile { .. } => S::StartKeysName,
    };
    let line = if m.status.is_empty() {
        t(m.lang, keys)
    } else {
        m.status.as_str()
    };
    f.render_widget(Paragraph::new(Span::styled(line, theme.dim())), status);
}

/// Tells the terminal where the text cursor is, so that an input method
/// (pinyin and the like) opens its candidate window at the place being
/// typed, not in a corner. Only while nothing covers the field.
/// The text box; while it is empty, its example, wrapped so that all of
/// it shows (the text box would cut it at the edge).
fn draw_input(m: &Model, f: &mut Frame, inner: Rect) {
    let example = m.input.placeholder_text();
    if m.input.is_empty() && !example.is_empty() {
        let style = Style::default().fg(Color::DarkGray);
        f.render_widget(
            Paragraph::new(wrapped(&format!(" {example}"), inner.width, style)),
            inner,
        );
    } else {
        f.render_widget(&m.input, inner);
    }
}

fn place_cursor(m: &Model, f: &mut Frame, area: Rect) {
    if m.overlay.is_some() {
        return;
    }
    let cursor = m.input.screen_cursor();
    let (top, left) = m.input.scroll_offset();
    let row = u16::try_from(cursor.row)
        .unwrap_or(u16::MAX)
        .saturating_sub(top);
    let col = u16::try_from(cursor.col)
        .unwrap_or(u16::MAX)
        .saturating_sub(left);
    if row < area.height && col < area.width {
        f.set_cursor_position((area.x + col, area.y + row));
    }
}

/// What the notice reader found, for the writer to confirm before the case
/// is made: the violation and how sure, the dates, the deadline, the ids
/// and the questions.
fn what_was_read(m: &Model, r: &crate::notice::Reading) -> Vec<String> {
    use crate::notice::Confidence;
    let title = |id: &str| {
        playbook::get(id).map_or(id.to_string(), |p| format!("{id} — {}", p.title_in(m.lang)))
    };
    let none = t(m.lang, S::NotFound);
    let mut lines = Vec::new();
    let violation = r.violation.map(title).unwrap_or_else(|| none.to_string());
    lines.push(fill(m.lang, S::ReadViolation, &[("violation", &violation)]));
    if r.confidence == Confidence::NotSure
        && let Some(other) = r
            .ranking
            .iter()
            .map(|x| x.0)
            .find(|id| Some(*id) != r.violation)
    {
        lines.push(fill(m.lang, S::ReadNotSure, &[("other", &title(other))]));
    }
    let date = |d: Option<crate::case::Date>| d.map_or(none.to_string(), |d| d.to_string());
    lines.push(fill(
        m.lang,
        S::ReadReceived,
        &[("date", &date(r.received))],
    ));
    let deadline = match (r.deadline, r.received) {
        (Some(d), _) => fill(m.lang, S::ReadDeadlineOwn, &[("date", &d.to_string())]),
        (None, Some(d)) => fill(
            m.lang,
            S::ReadDeadlineUsual,
            &[(
                "date",
                &d.add_days(crate::case::APPEAL_WINDOW_DAYS).to_string(),
            )],
        ),
        (None, None) => fill(m.lang, S::ReadDeadlineOwn, &[("date", none)]),
    };
    lines.push(deadline);
    let list = |v: &[String]| {
        if v.is_empty() {
            none.to_string()
        } else {
            v.join(", ")
        }
    };
    let f = r.figures;
    if let (Some(count), Some(total)) = (f.count, f.total) {
        let days = f.window_days.map_or_else(String::new, |d| d.to_string());
        let s = if days.is_empty() {
            S::ReadFigures
        } else {
            S::ReadFiguresDays
        };
        lines.push(fill(
            m.lang,
            s,
            &[
                ("count", &crate::compose::thousands(count)),
                ("total", &crate::compose::thousands(total)),
                ("days", &days),
            ],
        ));
    }
    lines.push(fill(m.lang, S::ReadAsins, &[("list", &list(&r.asins))]));
    lines.push(fill(m.lang, S::ReadOrders, &[("list", &list(&r.orders))]));
    lines.push(fill(
        m.lang,
        S::ReadAsks,
        &[("n", &r.asks.len().to_string())],
    ));
    // A Chinese notice's questions cannot head an English letter: said,
    // so the writer does not look for them in the field (as `poa new` says).
    if r.language == crate::playbook::Lang::Zh && !r.asks.is_empty() {
        lines.push(t(m.lang, S::ReadAsksChinese).to_string());
    }
    lines.push(String::new());
    lines.push(t(m.lang, S::ReadConfirm).to_string());
    lines
}
