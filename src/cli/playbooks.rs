//! `poa playbooks [ID] [--lang zh]`: the violation types, or one playbook's
//! whole guide, readable in an 80-column terminal.

use std::process::ExitCode;

use anyhow::anyhow;
use unicode_width::UnicodeWidthChar;

use crate::case::{Section, schema};
use crate::playbook::{self, Lang, Playbook};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A violation id, such as late-shipment-rate
    pub id: Option<String>,
    /// The language of the guidance: en or zh (the appeal itself stays English)
    #[arg(long, value_name = "en|zh")]
    pub lang: Option<String>,
}

fn is_wide(c: char) -> bool {
    c.width().unwrap_or(0) == 2
}

/// Punctuation that may not start a line.
fn closes(c: char) -> bool {
    "，。、；：！？）」』”’》〉】,.;:!?)".contains(c)
}

/// Wraps text of any script to `width` display columns; Chinese breaks
/// between characters, other text between words. Every line starts with
/// `first` (then `rest`).
pub(crate) fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    // Tokens: a run of non-wide, non-space characters; a single wide character; a space.
    let mut tokens: Vec<String> = Vec::new();
    for c in text.chars() {
        if c.is_whitespace() {
            tokens.push(" ".into());
        } else if is_wide(c) || closes(c) && tokens.last().is_some_and(|t| t.chars().all(is_wide)) {
            if closes(c)
                && let Some(last) = tokens.last_mut()
                && last != " "
            {
                last.push(c);
            } else {
                tokens.push(c.to_string());
            }
        } else {
            match tokens.last_mut() {
                Some(t) if t != " " && !t.chars().any(is_wide) => t.push(c),
                _ => tokens.push(c.to_string()),
            }
        }
    }
    let w = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let mut out = String::new();
    let mut line = String::new();
    let mut prefix = first;
    for t in tokens {
        if t == " " {
            if !line.is_empty() && !line.ends_with(' ') {
                line.push(' ');
            }
            continue;
        }
        if !line.trim().is_empty()
            && w(prefix) + w(line.trim_end()) + w(&t) + usize::from(line.ends_with(' ')) > width
        {
            out.push_str(prefix);
            out.push_str(line.trim_end());
            out.push('\n');
            line.clear();
            prefix = rest;
        }
        line.push_str(&t);
    }
    if !line.trim().is_empty() {
        out.push_str(prefix);
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

struct Labels {
    policy: &'static str,
    metric: &'static str,
    asks: &'static str,
    guide: &'static str,
    question: &'static str,
    hint: &'static str,
    example: &'static str,
    causes: &'static str,
    actions: &'static str,
    measures: &'static str,
    evidence: &'static str,
    required: &'static str,
    optional: &'static str,
    must_show: &'static str,
    owner: &'static str,
    cadence: &'static str,
    window: &'static str,
    minimums: &'static str,
    dispute: &'static str,
    meaning: &'static str,
}

const EN: Labels = Labels {
    policy: "Policy",
    metric: "Metric",
    asks: "What the notice usually asks",
    guide: "The questions, with hints and examples",
    question: "Q",
    hint: "Hint",
    example: "Example",
    causes: "Typical root causes (describe yours, with facts)",
    actions: "Corrective actions to adapt (already done; fill in the {braces})",
    measures: "Preventive measures to adapt (lasting controls; fill in the {braces})",
    evidence: "Evidence to attach",
    required: "required",
    optional: "recommended",
    must_show: "Must show",
    owner: "owner",
    cadence: "cadence",
    window: "dated within {n} days before the notice",
    minimums: "Minimum counts",
    dispute: "If you dispute the notice instead",
    meaning: "",
};

const ZH: Labels = Labels {
    policy: "相关政策",
    metric: "考核指标",
    asks: "通知里通常要求回答的问题",
    guide: "填写指引（问题、提示、示例）",
    question: "问题",
    hint: "提示",
    example: "示例",
    causes: "常见根本原因（请结合自己的实际情况和数据来写）",
    actions: "可参考的纠正措施（必须是已完成的；把 {大括号} 换成实际内容）",
    measures: "可参考的预防措施（长期制度；把 {大括号} 换成实际内容）",
    evidence: "需要附上的证明文件",
    required: "必需",
    optional: "建议",
    must_show: "文件上必须能看到",
    owner: "负责人",
    cadence: "频率",
    window: "日期须在通知前 {n} 天内",
    minimums: "最少条数",
    dispute: "如果要申诉（认为没有违规）",
    meaning: "意思：",
};

/// One playbook as a readable guide.
pub fn guide_text(pb: &Playbook, lang: Lang) -> String {
    let l = match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    };
    let width = 80;
    let sep = match lang {
        Lang::En => ": ",
        Lang::Zh => "：",
    };
    let mut s = String::new();
    s.push_str(&format!(
        "{}\n{}\n",
        pb.title,
        "=".repeat(pb.title.chars().count())
    ));
    s.push_str(&format!("{} · {}\n\n", pb.id, pb.category.label()));
    s.push_str(&wrap(
        &pb.policy,
        width,
        &format!("{}{sep}", l.policy),
        "  ",
    ));
    if let Some(m) = &pb.metric {
        let dir = match (m.direction, lang) {
            (playbook::Direction::Below, Lang::En) => "below",
            (playbook::Direction::Above, Lang::En) => "at least",
            (playbook::Direction::Below, Lang::Zh) => "低于",
            (playbook::Direction::Above, Lang::Zh) => "不低于",
        };
        let line = match lang {
            Lang::En => format!(
                "{}: {} of {}, target {dir} {} over {} days",
                m.name,
                m.count,
                m.total,
                m.target_label(),
                m.window_days
            ),
            Lang::Zh => format!(
                "{}：{} ÷ {}，目标{dir} {}，统计 {} 天",
                m.name,
                m.count,
                m.total,
                m.target_label(),
                m.window_days
            ),
        };
        s.push_str(&wrap(&line, width, &format!("{}{sep}", l.metric), "  "));
    }
    s.push_str(&format!("\n{}\n", l.asks));
    for (i, a) in pb.asks.iter().enumerate() {
        s.push_str(&wrap(a, width, &format!("  {}. ", i + 1), "     "));
    }
    s.push_str(&format!("\n{}\n", l.guide));
    // The metric's section guide, then each field the playbook guides, in
    // the order of the field table.
    let metric = schema::field(Section::Metrics, "metric").filter(|_| pb.metric.is_some());
    let guided = metric.map(|f| ("metrics", f)).into_iter().chain(
        schema::FIELDS
            .iter()
            .filter(|f| pb.guide.contains_key(f.guide))
            .map(|f| (f.guide, f)),
    );
    for (key, field) in guided {
        let Some(g) = pb.guide(key, lang) else {
            continue;
        };
        s.push_str(&format!("\n  {}\n", field.title(lang)));
        s.push_str(&wrap(
            &crate::playbook::fill_blanks(Some(pb), &g.question),
            width,
            &format!("    {}{sep}", l.question),
            "      ",
        ));
        s.push_str(&wrap(
            &crate::playbook::fill_blanks(Some(pb), &g.hint),
            width,
            &format!("    {}{sep}", l.hint),
            "      ",
        ));
        s.push_str(&wrap(
            &crate::playbook::fill_blanks(Some(pb), &g.example),
            width,
            &format!("    {}{sep}", l.example),
            "      ",
        ));
    }
    let meaning = |s: &mut String, text: &crate::playbook::Text| {
        if lang == Lang::Zh {
            s.push_str(&wrap(
                &text.zh,
                width,
                &format!("    {}", l.meaning),
                "    ",
            ));
        }
    };
    s.push_str(&format!("\n{}\n", l.causes));
    for c in &pb.root_causes {
        s.push_str(&wrap(
            &format!("{} {}", c.summary.en, c.why.en),
            width,
            "  - ",
            "    ",
        ));
        if lang == Lang::Zh {
            s.push_str(&wrap(
                &format!("{}{}", c.summary.zh, c.why.zh),
                width,
                &format!("    {}", l.meaning),
                "    ",
            ));
        }
    }
    s.push_str(&format!("\n{}\n", l.actions));
    for a in &pb.corrective {
        s.push_str(&wrap(&a.action.en, width, "  - ", "    "));
        meaning(&mut s, &a.action);
        s.push_str(&wrap(
            a.owner.get(lang),
            width,
            &format!("    {}{sep}", l.owner),
            "      ",
        ));
    }
    s.push_str(&format!("\n{}\n", l.measures));
    for m in &pb.preventive {
        s.push_str(&wrap(&m.measure.en, width, "  - ", "    "));
        meaning(&mut s, &m.measure);
        s.push_str(&wrap(
            &format!(
                "{}; {}{sep}{}",
                m.owner.get(lang),
                l.cadence,
                m.cadence.get(lang)
            ),
            width,
            &format!("    {}{sep}", l.owner),
            "      ",
        ));
    }
    let evidence = move |s: &mut String, list: &[playbook::EvidenceSpec]| {
        for e in list {
            let tag = if e.required { l.required } else { l.optional };
            s.push_str(&wrap(
                &format!("[{tag}] {} ({})", e.title.get(lang), e.kind.id()),
                width,
                "  - ",
                "    ",
            ));
            let joiner = if lang == Lang::Zh { "；" } else { "; " };
            s.push_str(&wrap(
                &e.must_show.get(lang).join(joiner),
                width,
                &format!("    {}{sep}", l.must_show),
                "      ",
            ));
            if let Some(n) = e.window_days {
                s.push_str(&format!(
                    "    {}\n",
                    l.window.replace("{n}", &n.to_string())
                ));
            }
        }
    };
    s.push_str(&format!("\n{}\n", l.evidence));
    evidence(&mut s, &pb.evidence);
    if let Some(d) = &pb.dispute {
        s.push_str(&format!("\n{}\n", l.dispute));
        for (i, a) in d.asks.iter().enumerate() {
            s.push_str(&wrap(a, width, &format!("  {}. ", i + 1), "     "));
        }
        evidence(&mut s, &d.evidence);
    }
    let m = pb.minimums;
    let counts = match lang {
        Lang::En => format!(
            "{} root cause · {} corrective · {} preventive",
            m.root_causes, m.corrective_actions, m.preventive_measures
        ),
        Lang::Zh => format!(
            "根本原因 {} 条 · 纠正措施 {} 条 · 预防措施 {} 条",
            m.root_causes, m.corrective_actions, m.preventive_measures
        ),
    };
    s.push_str(&format!("\n{}{sep}{counts}\n", l.minimums));
    s
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let lang = super::lang_arg(args.lang.as_deref())?;
    let Some(id) = args.id else {
        let mut text = format!("{:<25}{:<14}TITLE\n", "ID", "CATEGORY");
        let pad = " ".repeat(39);
        for pb in playbook::all() {
            let head = format!("{:<25}{:<14}", pb.id, pb.category.label());
            text.push_str(&wrap(&pb.title, 80, &head, &pad));
        }
        text.push_str("\n`poa playbooks ID` shows one guide; add --lang zh for Chinese.\n");
        super::emit(&text)?;
        return Ok(ExitCode::SUCCESS);
    };
    // Ids are lower case; one typed in capitals is meant.
    let pb = playbook::get(&id.to_ascii_lowercase())
        .ok_or_else(|| anyhow!("`{id}` is {}", playbook::unknown_violation(&id)))?;
    super::emit(&guide_text(pb, lang))?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_chinese_by_width_and_english_by_words() {
        let zh = wrap(
            "每个工作日下午两点，由班组长查看未发货订单报告，并确认当天到期的所有订单。",
            20,
            "- ",
            "  ",
        );
        for line in zh.lines() {
            assert!(unicode_width::UnicodeWidthStr::width(line) <= 20, "{line}");
            assert!(
                !line
                    .trim_start_matches(['-', ' '])
                    .starts_with(['，', '。']),
                "{line}"
            );
        }
        let en = wrap(
            "The shift lead checks the unshipped orders report every day",
            20,
            "- ",
            "  ",
        );
        assert_eq!(
            en,
            "- The shift lead\n  checks the\n  unshipped orders\n  report every day\n"
        );
    }

    #[test]
    fn every_guide_fits_80_columns_in_both_languages() {
        for pb in playbook::all() {
            for lang in [Lang::En, Lang::Zh] {
                for line in guide_text(pb, lang).lines() {
                    let w = unicode_width::UnicodeWidthStr::width(line);
                    // A single word longer than the line (a URL-like id) may overflow.
                    let long_word = line
                        .split_whitespace()
                        .any(|w| unicode_width::UnicodeWidthStr::width(w) > 60);
                    assert!(w <= 80 || long_word, "{} {:?}: {line} ({w})", pb.id, lang);
                }
            }
        }
    }
}
