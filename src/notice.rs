//! Reading a notice pasted from Seller Central or an email: which violation
//! it is about (a ranked guess, with "not sure" when the text does not
//! decide), the ASINs, the order ids, the day it arrived, the deadline and
//! the questions it asks. English and Chinese notices.
//!
//! Pure: text in, a `Reading` out.

use crate::case::{Date, FoundDate, find_dates};
use crate::playbook::{self, Lang};

/// How sure the reader is of the violation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confidence {
    /// One violation clearly leads.
    Sure,
    /// Two violations score close: both are shown.
    NotSure,
    /// The text does not look like an Amazon notice at all.
    NotANotice,
}

/// What a notice says.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The best guess, unless the text is not a notice.
    pub violation: Option<&'static str>,
    /// Violations with their scores, best first (the runner-up is second).
    pub ranking: Vec<(&'static str, f64)>,
    pub confidence: Confidence,
    pub asins: Vec<String>,
    pub orders: Vec<String>,
    pub received: Option<Date>,
    pub deadline: Option<Date>,
    pub asks: Vec<String>,
    pub language: Lang,
    /// The marketplace the notice names (Amazon.co.uk → UK), if one.
    pub marketplace: Option<&'static str>,
    /// The figures of the metric the notice gives: "96 of 1,214 orders",
    /// "1,214 个订单中有 96 个", "over the last 30 days".
    pub figures: Figures,
}

/// A metric's figures as a notice states them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    pub count: Option<u64>,
    pub total: Option<u64>,
    pub window_days: Option<u32>,
}

/// "1,214" → 1214.
fn number(s: &str) -> Option<u64> {
    s.replace(',', "").parse().ok()
}

/// The count, total and window a notice states for its metric. The count
/// and the total come as a pair or not at all: one number alone could be
/// anything the notice counts.
fn figures(text: &str) -> Figures {
    let mut f = Figures::default();
    let pair = ascii!(
        r"(?i)\b(\d{1,3}(?:,\d{3})+|\d+) (?:out of|of) (?:your |the |all )?(\d{1,3}(?:,\d{3})+|\d+) (?:[a-z-]+ ){0,2}orders\b"
    );
    if let Some(c) = pair.captures(text) {
        f.count = number(&c[1]);
        f.total = number(&c[2]);
    } else if let Some(c) =
        unicode!(r"(\d{1,3}(?:,\d{3})+|\d+)\s*个订单中(?:有|共有)?\s*(\d{1,3}(?:,\d{3})+|\d+)\s*个")
            .captures(text)
    {
        f.total = number(&c[1]);
        f.count = number(&c[2]);
    }
    // A count above its total is no pair the notice meant.
    if let (Some(c), Some(t)) = (f.count, f.total)
        && c > t
    {
        f.count = None;
        f.total = None;
    }
    let window =
        ascii!(r"(?i)\b(?:over|in|during|for) the (?:last|past|previous) (\d{1,3})[ -]days?\b")
            .captures(text)
            .or_else(|| ascii!(r"(?i)\b(\d{1,3})-day (?:period|window)\b").captures(text))
            .or_else(|| unicode!(r"(?:在)?过去\s*(\d{1,3})\s*天").captures(text));
    f.window_days = window
        .and_then(|c| c[1].parse().ok())
        .filter(|d| (1..=365).contains(d));
    f
}

/// Words that Amazon's notices use about a seller's account or listings.
const NOTICE_MARKERS: [&str; 38] = [
    "selling privileges",
    "privileges",
    "restricted",
    "your ability to sell",
    "our target",
    "plan of action",
    "account health",
    "seller performance",
    "seller central",
    "deactivated",
    "deactivation",
    "reactivate",
    "reinstate",
    "we have removed",
    "we removed",
    "your listings",
    "your account",
    "appeal",
    "policy",
    "policies",
    "rights owner",
    "performance notification",
    "section 3",
    "business solutions agreement",
    "销售权限",
    "行动计划",
    "账户状况",
    "卖家绩效",
    "申诉",
    "政策",
    "停用",
    "已被移除",
    "移除",
    "权利所有人",
    "亚马逊",
    "绩效",
    "违反",
    "恢复",
];

fn normalize(text: &str) -> String {
    crate::case::line_breaks(text).replace(['\u{a0}', '\t', '\u{3000}'], " ")
}

fn language(text: &str) -> Lang {
    let cjk = text
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    let latin = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
    if cjk * 3 > latin { Lang::Zh } else { Lang::En }
}

fn count(hay: &str, needle: &str) -> usize {
    if needle.is_empty() {
        return 0;
    }
    let mut n = 0;
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let s = from + i;
        let e = s + needle.len();
        let ascii = needle.is_ascii();
        let before_ok = !ascii
            || hay[..s]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = !ascii || hay[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            n += 1;
        }
        from = e;
    }
    n
}

/// The violation a letter's title or opening names ("Plan of Action -
/// Order Defect Rate"), when one stands out.
pub fn violation_named(text: &str) -> Option<&'static str> {
    let ranking = rank(&normalize(text).to_lowercase());
    let top = ranking.first()?;
    let second = ranking.get(1).map_or(0.0, |r| r.1);
    (top.1 > second * 1.5).then_some(top.0)
}

/// Scores each playbook by its notice keywords; longer keywords weigh more.
fn rank(lower: &str) -> Vec<(&'static str, f64)> {
    let mut scores: Vec<(&'static str, f64)> = playbook::all()
        .iter()
        .filter(|p| p.id != "other")
        .map(|p| {
            let score: f64 = p
                .keywords
                .en
                .iter()
                .chain(p.keywords.zh.iter())
                .map(|k| {
                    let k = k.to_lowercase();
                    let hits = count(lower, &k).min(3) as f64;
                    let weight = if k.is_ascii() {
                        k.split_whitespace().count() as f64
                    } else {
                        (k.chars().count() as f64 / 2.0).max(1.0)
                    };
                    hits * weight
                })
                .sum();
            (p.id.as_str(), score)
        })
        .filter(|(_, s)| *s > 0.0)
        .collect();
    scores.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    scores
}

fn unique(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

fn isbn10_ok(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 {
        return false;
    }
    let mut sum = 0u32;
    for (i, c) in b.iter().enumerate() {
        let v = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'X' if i == 9 => 10,
            _ => return false,
        };
        sum += (10 - i as u32) * v;
    }
    sum.is_multiple_of(11)
}

/// ASINs: B0 and 8 capitals or digits; a 10-digit book ASIN (ISBN-10) only
/// where its line names an ASIN and its check digit is right.
fn asins(text: &str) -> Vec<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    for m in ascii!(r"\bB0[A-Z0-9]{8}\b").find_iter(text) {
        found.push((m.start(), m.as_str().to_string()));
    }
    for m in ascii!(r"\b\d{9}[\dX]\b").find_iter(text) {
        let line_start = text[..m.start()].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[m.end()..]
            .find('\n')
            .map_or(text.len(), |i| m.end() + i);
        let line = text[line_start..line_end].to_ascii_uppercase();
        if (line.contains("ASIN") || line.contains("ISBN")) && isbn10_ok(m.as_str()) {
            found.push((m.start(), m.as_str().to_string()));
        }
    }
    found.sort();
    unique(found.into_iter().map(|(_, a)| a))
}

fn orders(text: &str) -> Vec<String> {
    unique(
        ascii!(r"\b\d{3}-\d{7}-\d{7}\b")
            .find_iter(text)
            .map(|m| m.as_str().to_string()),
    )
}

/// Read slash dates day-first when any slash date in the text can only be
/// day-first (18/11/2026).
fn day_first(text: &str) -> bool {
    ascii!(r"\b(\d{1,2})/(\d{1,2})/\d{4}\b")
        .captures_iter(text)
        .any(|c| c[1].parse::<u32>().unwrap_or(0) > 12)
}

fn first_date_in(line: &str, day_first: bool) -> Option<Date> {
    find_dates(line, Some(day_first))
        .into_iter()
        .find_map(|d: FoundDate| d.date)
}

/// The day the notice arrived: an email header or a labelled date first,
/// then "On <date>" in the body.
fn received(text: &str, day_first: bool) -> Option<Date> {
    let header = unicode!(
        r"(?im)^\s*(?:date|sent|received|notification date|date sent|发件时间|发送时间|日期|通知日期|时间)\s*[:：]"
    );
    for line in text.lines() {
        if header.is_match(line)
            && let Some(d) = first_date_in(line, day_first)
        {
            return Some(d);
        }
    }
    let on = ascii!(r"(?i)\b(?:on|dated)\s+(?:[A-Z][a-z]+day,?\s+)?");
    for m in on.find_iter(text) {
        let rest = &text[m.end()..crate::case::floor_char_boundary(text, m.end() + 40)];
        if let Some(d) = find_dates(rest, Some(day_first)).into_iter().next()
            && d.range.start == 0
            && let Some(day) = d.date
        {
            return Some(day);
        }
    }
    for c in unicode!(r"(?:于|在)\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)").captures_iter(text)
    {
        let after = &text[c.get(0).unwrap().end()..];
        if !after.trim_start().starts_with("之前")
            && !after.trim_start().starts_with("前")
            && let Some(d) = first_date_in(&c[1], day_first)
        {
            return Some(d);
        }
    }
    None
}

/// The last day to answer: an explicit date next to "by" or a deadline
/// word, else "within N days / hours" counted from the day it arrived.
fn deadline(text: &str, received: Option<Date>, day_first: bool) -> Option<Date> {
    let by =
        ascii!(r"(?i)\b(?:by|before|no later than|not later than|until|deadline(?: is)?:?)\s+");
    for m in by.find_iter(text) {
        let rest = &text[m.end()..crate::case::floor_char_boundary(text, m.end() + 40)];
        if let Some(d) = find_dates(rest, Some(day_first)).into_iter().next()
            && d.range.start == 0
            && let Some(day) = d.date
            && Some(day) != received
        {
            return Some(day);
        }
    }
    for c in unicode!(r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*(?:之前|前|以前)")
        .captures_iter(text)
    {
        if let Some(d) = first_date_in(&c[1], day_first) {
            return Some(d);
        }
    }
    for c in unicode!(r"(?:截止日期|截止时间|最后期限)\s*[:：为是]?\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{1,2}-\d{1,2})").captures_iter(text) {
        if let Some(d) = first_date_in(&c[1], day_first) {
            return Some(d);
        }
    }
    let received = received?;
    // "within 17 days", "72 小时内", "请在 17 天内": the first such span that
    // is not the metric's window ("在过去 60 天内", "within the past 60
    // days", "最近 30 天内"), which ODR notices state too.
    let relative = unicode!(
        r"(?i)(?:within|in the next)\s+(\d{1,3})\s+(?:calendar\s+|business\s+)?(days?|hours?)|(\d{1,3})\s*(天|小时|個小時|个小时)\s*内|在\s*(\d{1,3})\s*(天|小时)|\b(\d{1,3})\s+(days?|hours?)\s+to\s+(?:submit|send|provide|respond|reply|appeal)"
    );
    for c in relative.captures_iter(text) {
        let whole = c.get(0)?;
        let from = crate::case::floor_char_boundary(text, whole.start().saturating_sub(12));
        let before = text[from..whole.start()].trim_end();
        if ["过去", "最近", "近"].iter().any(|w| before.ends_with(w)) {
            continue;
        }
        let (n, unit) = match (1..=7).step_by(2).find_map(|i| c.get(i).zip(c.get(i + 1))) {
            Some((n, u)) => (n.as_str(), u.as_str()),
            None => continue,
        };
        let n: i64 = n.parse().ok()?;
        let days = if unit.to_ascii_lowercase().starts_with("hour") || unit.contains('时') {
            (n + 23) / 24
        } else {
            n
        };
        return Some(received.add_days(days));
    }
    None
}

/// A list marker at the start of a line, and the length it takes.
fn list_marker(line: &str) -> Option<usize> {
    let t = line.trim_start();
    let lead = line.len() - t.len();
    for m in ["--", "-", "*", "•", "·", "●", "◦", "▪"] {
        if let Some(rest) = t.strip_prefix(m)
            && rest.starts_with(' ')
        {
            return Some(lead + m.len());
        }
    }
    if let Some(c) = unicode!(r"^(?:\d{1,2}[.)、]|[a-hA-H][.)]|\(\d{1,2}\)|（\d{1,2}）|[一二三四五六七八九十]{1,2}[、.．])").find(t) {
        return Some(lead + c.end());
    }
    None
}

const ASK_WORDS: [&str; 36] = [
    "root cause",
    "cause",
    "action",
    "actions",
    "step",
    "steps",
    "prevent",
    "explain",
    "explanation",
    "confirm",
    "confirmation",
    "evidence",
    "document",
    "documents",
    "invoice",
    "invoices",
    "how",
    "what",
    "why",
    "which",
    "method",
    "methods",
    "list",
    "原因",
    "措施",
    "步骤",
    "预防",
    "防止",
    "解释",
    "说明",
    "确认",
    "证明",
    "文件",
    "发票",
    "方法",
    "哪些",
];

fn is_id_line(item: &str) -> bool {
    let stripped = ascii!(r"\b(?:B0[A-Z0-9]{8}|\d{3}-\d{7}-\d{7})\b").replace_all(item, "");
    stripped.chars().filter(|c| c.is_alphabetic()).count() < 6
}

/// The questions the notice asks: the items of the list that follows its
/// request for a plan ("... that explains:", "请说明：").
fn asks(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks: Vec<(Option<String>, Vec<String>)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(len) = list_marker(lines[i]) else {
            i += 1;
            continue;
        };
        let intro = lines[..i]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .map(|l| l.trim().to_string());
        let mut items: Vec<String> = Vec::new();
        let mut current = lines[i].trim_start()
            [len - (lines[i].len() - lines[i].trim_start().len())..]
            .trim()
            .to_string();
        i += 1;
        while i < lines.len() {
            let l = lines[i];
            if l.trim().is_empty() {
                break;
            }
            if let Some(len) = list_marker(l) {
                items.push(std::mem::take(&mut current));
                current = l.trim_start()[len - (l.len() - l.trim_start().len())..]
                    .trim()
                    .to_string();
            } else {
                current.push(' ');
                current.push_str(l.trim());
            }
            i += 1;
        }
        items.push(current);
        let items: Vec<String> = items
            .into_iter()
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
            .collect();
        blocks.push((intro, items));
    }
    let intro_words = unicode!(
        r"(?i)(explain|include|includ|following|answer|address|describe|provide|should contain|tell us|说明|包括|包含|回答|提供|问题|内容)"
    );
    let mut best: Option<(usize, Vec<String>)> = None;
    for (intro, items) in blocks {
        if items.is_empty() || items.iter().filter(|s| is_id_line(s)).count() * 2 >= items.len() {
            continue;
        }
        let asky = items
            .iter()
            .filter(|s| {
                let l = s.to_lowercase();
                ASK_WORDS
                    .iter()
                    .any(|w| count(&l, w) > 0 || (!w.is_ascii() && l.contains(w)))
            })
            .count();
        let introduced = intro
            .as_deref()
            .is_some_and(|l| (l.ends_with(':') || l.ends_with('：')) && intro_words.is_match(l));
        let score = asky * 2 + if introduced { 3 } else { 0 };
        if (introduced || asky * 2 > items.len()) && best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, items));
        }
    }
    best.map(|(_, items)| items).unwrap_or_default()
}

/// The marketplace named by its domain, the most named one first.
fn marketplace(lower: &str) -> Option<&'static str> {
    const DOMAINS: [(&str, &str); 20] = [
        ("amazon.com.mx", "MX"),
        ("amazon.com.br", "BR"),
        ("amazon.com.be", "BE"),
        ("amazon.com.tr", "TR"),
        ("amazon.com.au", "AU"),
        ("amazon.co.uk", "UK"),
        ("amazon.co.jp", "JP"),
        ("amazon.de", "DE"),
        ("amazon.fr", "FR"),
        ("amazon.it", "IT"),
        ("amazon.es", "ES"),
        ("amazon.nl", "NL"),
        ("amazon.se", "SE"),
        ("amazon.pl", "PL"),
        ("amazon.ae", "AE"),
        ("amazon.sa", "SA"),
        ("amazon.in", "IN"),
        ("amazon.sg", "SG"),
        ("amazon.ca", "CA"),
        ("amazon.com", "US"),
    ];
    let mut best: Option<(&'static str, usize)> = None;
    for (domain, code) in DOMAINS {
        let n = count(lower, domain);
        // "amazon.com" is inside "amazon.com.au": count only the longer one.
        let shadowed: usize = DOMAINS
            .iter()
            .filter(|(d, _)| d.len() > domain.len() && d.starts_with(domain))
            .map(|(d, _)| count(lower, d))
            .sum();
        let n = n.saturating_sub(shadowed);
        if n > 0 && best.is_none_or(|(_, b)| n > b) {
            best = Some((code, n));
        }
    }
    best.map(|(c, _)| c)
}

/// Reads a notice.
pub fn read(text: &str) -> Reading {
    let text = normalize(text);
    let lower = text.to_lowercase();
    let language = language(&text);
    let ranking = rank(&lower);
    let markers = NOTICE_MARKERS.iter().filter(|m| lower.contains(*m)).count();
    let top = ranking.first().map_or(0.0, |r| r.1);
    let second = ranking.get(1).map_or(0.0, |r| r.1);
    let from_buyer =
        ascii!(r"(?im)^\s*(?:message from|from):?\s*(?:amazon\s+)?(?:customer|buyer)\b")
            .is_match(&text);
    if markers < 3 || top < 2.0 || from_buyer {
        return Reading {
            violation: None,
            ranking,
            confidence: Confidence::NotANotice,
            asins: Vec::new(),
            orders: Vec::new(),
            received: None,
            deadline: None,
            asks: Vec::new(),
            language,
            marketplace: None,
            figures: Figures::default(),
        };
    }
    let confidence = if second > 0.0 && top < second * 1.5 {
        Confidence::NotSure
    } else {
        Confidence::Sure
    };
    let day_first = day_first(&text);
    let received = received(&text, day_first);
    Reading {
        violation: ranking.first().map(|r| r.0),
        confidence,
        asins: asins(&text),
        orders: orders(&text),
        deadline: deadline(&text, received, day_first),
        received,
        asks: asks(&text),
        ranking,
        language,
        marketplace: marketplace(&lower),
        figures: figures(&text),
    }
}

/// Puts what the notice says into the case.
pub fn apply(case: &mut crate::case::Case, reading: &Reading, text: &str) {
    case.notice.asins = reading.asins.clone();
    case.notice.orders = reading.orders.clone();
    case.notice.received = reading.received;
    let usual = reading
        .received
        .map(|d| d.add_days(crate::case::APPEAL_WINDOW_DAYS));
    if reading.deadline != usual {
        case.notice.deadline = reading.deadline;
    }
    if reading.language == Lang::En {
        case.notice.asks = reading.asks.clone();
    }
    // The figures go on the metric the case tracks (the playbook's row);
    // what the notice does not say stays as it was.
    if let Some(m) = case.metrics.first_mut() {
        let f = reading.figures;
        m.count = f.count.or(m.count);
        m.total = f.total.or(m.total);
        m.window_days = f.window_days.or(m.window_days);
    }
    case.notice.text = crate::case::clean_text(text).trim().to_string();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_metrics_figures_are_read_as_the_notice_states_them() {
        let f = figures(
            "Your Late Shipment Rate is 8.0%: 96 of your 1,200 seller-fulfilled orders over the last 30 days shipped late.",
        );
        assert_eq!(
            (f.count, f.total, f.window_days),
            (Some(96), Some(1200), Some(30))
        );
        let f =
            figures("在过去 60 天内，您的迟发率为 7.9%（1,214 个订单中有 96 个订单延迟发货）。");
        assert_eq!(
            (f.count, f.total, f.window_days),
            (Some(96), Some(1214), Some(60))
        );
        let f = figures("14 out of 1,930 orders had a defect in the past 60 days.");
        assert_eq!(
            (f.count, f.total, f.window_days),
            (Some(14), Some(1930), Some(60))
        );
        let f = figures("Order Defect Rate: 2.4% (target: under 1%), 60-day period");
        assert_eq!((f.count, f.total, f.window_days), (None, None, Some(60)));
        // Near misses: a number alone, a pair of something else, a count
        // above its total, a window of no days.
        for text in [
            "You had 14 orders with a defect.",
            "3 of the 5 ASINs were removed.",
            "1,200 of 96 orders",
            "over the last 0 days",
        ] {
            let f = figures(text);
            assert_eq!(
                (f.count, f.total, f.window_days),
                (None, None, None),
                "{text}"
            );
        }
    }

    #[test]
    fn empty_or_unrelated_text_is_not_a_notice() {
        for t in [
            "",
            "Hello, the parcel left today.",
            "Please review my policy on returns. Thanks.",
        ] {
            let r = read(t);
            assert_eq!(r.confidence, Confidence::NotANotice, "{t}");
            assert!(r.violation.is_none() && r.asins.is_empty());
        }
    }

    #[test]
    fn a_date_word_before_wide_characters_does_not_cut_a_character() {
        // "by" or "on" followed by text whose 40th byte falls inside a character.
        let wide = format!("{}é", "—".repeat(13));
        for word in ["by", "on", "until", "dated", "no later than"] {
            let text = format!(
                "We have removed your selling privileges because your late shipment rate is above our target. Send a plan of action through Account Health. Please reply {word} {wide}"
            );
            let _ = read(&text);
        }
    }

    #[test]
    fn the_metric_window_is_not_the_deadline() {
        let zh = "通知日期：2026年11月29日\n我们停用了您的销售权限，因为在过去 60 天内的订单缺陷率超过了 1%。\n请在 17 天内向我们提交行动计划。";
        let r = read(zh);
        assert_eq!(
            r.received.map(|d| d.to_string()).as_deref(),
            Some("2026-11-29")
        );
        assert_eq!(
            r.deadline.map(|d| d.to_string()).as_deref(),
            Some("2026-12-16")
        );
        let en = "Date: November 25, 2026\nYour order defect rate over the past 60 days is 2.1%, above our target of 1%. You have 72 hours to submit a plan of action to Seller Performance.";
        let r = read(en);
        assert_eq!(
            r.deadline.map(|d| d.to_string()).as_deref(),
            Some("2026-11-28")
        );
        // Only the window: no deadline of the notice's own.
        let window = "Date: November 25, 2026\n最近 30 天内的迟发率为 7.9%。Seller Performance, account health, plan of action.";
        assert_eq!(read(window).deadline, None);
    }

    #[test]
    fn a_relative_deadline_needs_the_day_it_arrived() {
        let t = "We have removed your selling privileges because your late shipment rate is above our target of 4%. Send a plan of action within 17 days. Seller Performance, Account Health.";
        let r = read(t);
        assert_eq!(r.violation, Some("late-shipment-rate"));
        assert_eq!(r.deadline, None);
        let dated = format!("Date: 2026-11-18\n{t}");
        assert_eq!(
            read(&dated).deadline.map(|d| d.to_string()).as_deref(),
            Some("2026-12-05")
        );
    }

    #[test]
    fn reads_the_marketplace_from_its_domain() {
        assert_eq!(
            marketplace("sold on amazon.co.uk and amazon.co.uk"),
            Some("UK")
        );
        assert_eq!(marketplace("amazon.com.au listings"), Some("AU"));
        assert_eq!(marketplace("amazon.com"), Some("US"));
        assert_eq!(marketplace("no site"), None);
    }

    #[test]
    fn isbn_check_digits_are_checked() {
        assert!(isbn10_ok("0593312740"));
        assert!(!isbn10_ok("0593312741"));
        assert!(asins("Complaint ID: 4039281756\nASIN: 0593312740").len() == 1);
    }
}
