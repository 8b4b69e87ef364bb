//! Spelling (G001): the English dictionary shipped in `templates/dictionary/`
//! (SCOWL's en_US, MIT and BSD licensed; every form of it is made at build
//! time, with `spellbook` to read the affix rules), the trade's
//! vocabulary (`templates/vocabulary.txt`), British spellings, and the
//! names of the case itself.
//!
//! A word is flagged only when it looks like a slip of a known word: one
//! letter left out, doubled, swapped, or changed. Unknown words with no such
//! neighbour (a brand, a Chinese name, a product code) are never flagged, and
//! capitalised words inside a sentence are taken as names.
//!
//! The word map is read in place: a process that checks spelling pays no
//! load (the dictionary's parse took some 10 ms, and its noun and verb
//! lists 8 more).

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

/// Every form of the dictionary's words, as written there ("order",
/// "orders", "Amazon", "iPhone"), mapped to what the word is: built by
/// `build.rs` from the `.dic` and `.aff` files and read in place, so no
/// process pays the dictionary's parse.
static WORD_MAP: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words.fst"));
/// A word of the dictionary (as `build.rs` writes the bits).
const WORD: u64 = 1;
/// A lower-case stem that takes the plural and the possessive.
const COUNTABLE_NOUN: u64 = 2;
/// A lower-case stem that takes "-ing".
const PLAIN_VERB: u64 = 4;

/// The word map, opened once (opening reads only its header).
fn word_map() -> &'static fst::Map<&'static [u8]> {
    static CELL: OnceLock<fst::Map<&'static [u8]>> = OnceLock::new();
    CELL.get_or_init(|| fst::Map::new(WORD_MAP).expect("build.rs wrote the word map"))
}

/// What the dictionary says of `word`, exactly as written (0: nothing).
/// Each thread keeps what it looked up: the grammar rule asks of most
/// words of a letter whether they are nouns or verbs, the words of
/// letters repeat, and a hash lookup is some ten times cheaper than the
/// map's (a folder's report asks millions of times).
fn bits(word: &str) -> u64 {
    thread_local! {
        static SEEN: Memo<u64> = Default::default();
    }
    remembered(&SEEN, word, || word_map().get(word).unwrap_or(0))
}

/// What a thread found for each word it asked (no lock for the report's
/// threads to wait on).
type Memo<V> = std::cell::RefCell<super::FxMap<Box<str>, V>>;

/// `find(word)`, found once per thread: kept for the words of many
/// letters, then begun again.
fn remembered<V: Clone>(
    memo: &'static std::thread::LocalKey<Memo<V>>,
    word: &str,
    find: impl FnOnce() -> V,
) -> V {
    const KEPT: usize = 1 << 16;
    if let Some(v) = memo.with(|m| m.borrow().get(word).cloned()) {
        return v;
    }
    let v = find();
    memo.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= KEPT {
            m.clear();
        }
        m.insert(word.into(), v.clone());
    });
    v
}

/// Is `word` a word of the dictionary, read as Hunspell reads case: as
/// written; a capitalised or all-capital word also in lower case ("Order",
/// "ORDER"); an all-capital word also capitalised ("AMAZON"). A word the
/// dictionary writes with capitals is not taken in lower case ("amazon").
fn in_dictionary(word: &str) -> bool {
    if bits(word) & WORD != 0 {
        return true;
    }
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest = chars.as_str();
    let all_capitals = !word.chars().any(char::is_lowercase);
    let capitalised = first.is_uppercase() && !rest.chars().any(char::is_uppercase);
    if !(all_capitals || capitalised) {
        return false;
    }
    if bits(&word.to_lowercase()) & WORD != 0 {
        return true;
    }
    all_capitals && !rest.is_empty() && bits(&format!("{first}{}", rest.to_lowercase())) & WORD != 0
}

/// Is `word` (lower case) a countable noun of the dictionary: one that takes
/// both the plural and the possessive (Hunspell's `S` and `M` flags, as
/// `mug/SM`)?
pub fn countable_noun(word: &str) -> bool {
    bits(word) & COUNTABLE_NOUN != 0
}

/// Is `word` (lower case) a verb's plain form in the dictionary: one that
/// takes "-ing" (Hunspell's `G` flag, as `allow/EGDS`)? Many are nouns
/// too ("order", "label"): the caller reads the place.
pub fn plain_verb(word: &str) -> bool {
    bits(word) & PLAIN_VERB != 0
}

/// The plural of a noun as the dictionary's `S` suffix makes it: "boxes",
/// "batteries", "mugs".
pub fn plural(noun: &str) -> String {
    let b = noun.as_bytes();
    match b.last() {
        Some(b'y') if b.len() > 1 && !b"aeiou".contains(&b[b.len() - 2]) => {
            format!("{}ies", &noun[..noun.len() - 1])
        }
        Some(b's' | b'x' | b'z' | b'h') => format!("{noun}es"),
        _ => format!("{noun}s"),
    }
}

const VOCABULARY: &str = include_str!("../../templates/vocabulary.txt");

/// What the speller says of a word: `None` when it is spelt right, else
/// its corrections and whether they are of the surest kind.
pub type Verdict = Option<(bool, Vec<String>)>;

/// The dictionary with the trade's words.
pub struct Speller {
    trade: HashSet<String>,
}

/// The speller, loaded once per process.
pub fn speller() -> &'static Speller {
    static CELL: OnceLock<Speller> = OnceLock::new();
    CELL.get_or_init(|| Speller {
        trade: words_of_list(VOCABULARY),
    })
}

/// The words of a word list: one per line, `#` comments, any case.
pub fn words_of_list(text: &str) -> HashSet<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// British spellings and their American forms, as endings or inner parts:
/// a word the American dictionary lacks is taken if its American form is
/// known ("organise", "colour", "centre", "cancelled", "licence").
const BRITISH: [(&str, &str); 15] = [
    ("mould", "mold"),
    ("isation", "ization"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ising", "izing"),
    ("yse", "yze"),
    ("our", "or"),
    ("tre", "ter"),
    ("lled", "led"),
    ("lling", "ling"),
    ("ller", "ler"),
    ("ence", "ense"),
    ("ogue", "og"),
    ("mme", "m"),
];

/// Little words a learner glues to the next ("in compliance", "on time").
const GLUED: [&str; 11] = [
    "in", "on", "at", "as", "of", "to", "a", "no", "any", "every", "all",
];

/// Capitalised words a learner misspells as often as any other, besides
/// the months of `case::MONTHS`: a capital word inside a sentence one slip
/// from one of these is flagged, though other capital words are taken as
/// names.
const CAPITALISED: [&str; 10] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Amazon",
    "English",
    "Chinese",
];

/// The month, day or other capitalised word one slip from `word`, if any
/// ("Septmber", "Amzon"). "May" is left out: three letters are one slip
/// from too many names.
pub fn capitalised_slip(word: &str) -> Option<&'static str> {
    let lower = word.to_ascii_lowercase();
    crate::case::MONTHS
        .iter()
        .chain(CAPITALISED.iter())
        .filter(|c| c.len() > 3 && c.len().abs_diff(lower.len()) <= 1)
        .find(|c| {
            let c = c.to_ascii_lowercase();
            c != lower && one_slip(&lower, &c)
        })
        .copied()
}

/// How sure a correction is: a swap or a doubled letter is the typist's
/// slip; a vowel for a vowel the learner's; anything else a guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Slip {
    SwapOrDouble,
    Vowel,
    Other,
}

impl Speller {
    /// `None` for a word spelt right; for another, its corrections and
    /// whether they are of the surest kind (as `slips`). Remembered.
    pub fn unknown(&self, word: &str) -> Verdict {
        // The editor checks the same words on every keystroke, a word's
        // case, possessive, British and trade forms take a few lookups, and
        // its neighbours some 80 µs.
        thread_local! {
            static VERDICTS: Memo<Verdict> = Default::default();
        }
        remembered(&VERDICTS, word, || {
            (!self.knows(word)).then(|| self.slips(word))
        })
    }

    /// Is `word` (letters and apostrophes) spelt as English or the trade
    /// spell it?
    fn knows(&self, word: &str) -> bool {
        // Most words are plain English: asked first, with no copy made.
        if in_dictionary(word) {
            return true;
        }
        let word = &word.replace('’', "'");
        let lower = word.to_lowercase();
        if self.trade.contains(&lower) || in_dictionary(word) || in_dictionary(&lower) {
            return true;
        }
        // "buyer's", "sellers'": the word without its possessive.
        if let Some(stem) = lower
            .strip_suffix("'s")
            .or_else(|| lower.strip_suffix('\''))
            && (self.trade.contains(stem) || in_dictionary(stem))
        {
            return true;
        }
        BRITISH.iter().any(|(gb, us)| {
            lower.match_indices(gb).any(|(i, _)| {
                let american = format!("{}{us}{}", &lower[..i], &lower[i + gb.len()..]);
                in_dictionary(&american)
            })
        })
    }

    /// The known words one slip away from `word`, of the surest kind found
    /// only ("recieve" gives "receive", "shiped" "shipped"), and whether
    /// that kind is the surest (a swapped, doubled or undoubled letter: a
    /// typist's slip).
    fn slips(&self, word: &str) -> (bool, Vec<String>) {
        let lower = word.replace('’', "'").to_lowercase();
        let chars: Vec<char> = lower.chars().collect();
        let mut found: Vec<(Slip, String)> = Vec::new();
        let mut consider = |slip: Slip, cand: Vec<char>| {
            let s: String = cand.into_iter().collect();
            if s != lower && s.chars().count() > 1 && in_dictionary(&s) {
                found.push((slip, s));
            }
        };
        let vowel = |c: char| "aeiou".contains(c);
        for i in 0..chars.len() {
            // A letter left out, or one doubled or undoubled.
            let mut del = chars.clone();
            let gone = del.remove(i);
            let double = (i > 0 && chars[i - 1] == gone) || chars.get(i + 1) == Some(&gone);
            consider(
                if double {
                    Slip::SwapOrDouble
                } else {
                    Slip::Other
                },
                del,
            );
            if i + 1 < chars.len() && chars[i] != chars[i + 1] {
                let mut swap = chars.clone();
                swap.swap(i, i + 1);
                consider(Slip::SwapOrDouble, swap);
            }
            for c in 'a'..='z' {
                if c != chars[i] {
                    let mut rep = chars.clone();
                    rep[i] = c;
                    let slip = if vowel(c) && vowel(chars[i]) {
                        Slip::Vowel
                    } else {
                        Slip::Other
                    };
                    consider(slip, rep);
                }
            }
        }
        for i in 0..=chars.len() {
            for c in 'a'..='z' {
                let mut ins = chars.clone();
                ins.insert(i, c);
                let double = (i > 0 && chars[i - 1] == c) || chars.get(i) == Some(&c);
                consider(
                    if double {
                        Slip::SwapOrDouble
                    } else {
                        Slip::Other
                    },
                    ins,
                );
            }
        }
        // "incompliance", "ontime", "alot": a little word glued to the
        // next, the learner's slip, when no letter slip explains it.
        if found.is_empty() {
            for glue in GLUED {
                if let Some(rest) = lower.strip_prefix(glue)
                    && rest.len() > 2
                    && in_dictionary(rest)
                {
                    found.push((Slip::SwapOrDouble, format!("{glue} {rest}")));
                }
            }
        }
        let Some(best) = found.iter().map(|(s, _)| *s).min() else {
            return (false, Vec::new());
        };
        let mut out: Vec<String> = Vec::new();
        for (slip, s) in found {
            if slip == best && !out.contains(&s) {
                out.push(s);
            }
        }
        (best == Slip::SwapOrDouble, out)
    }
}

/// Are `a` and `b` one letter apart (left out, added, changed or swapped)?
fn one_slip(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    match long.len() - short.len() {
        0 => {
            let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            diff.len() == 1
                || (diff.len() == 2
                    && diff[1] == diff[0] + 1
                    && a[diff[0]] == b[diff[1]]
                    && a[diff[1]] == b[diff[0]])
        }
        1 => (0..long.len()).any(|i| {
            let mut l = long.clone();
            l.remove(i);
            &l == short
        }),
        _ => false,
    }
}

/// A word of a text to spell-check: its place and whether it opens a
/// sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'t> {
    pub start: usize,
    pub end: usize,
    pub text: &'t str,
    pub opens_sentence: bool,
}

/// The words of a text that a spelling check reads: the words of
/// `sense::tokens`, each part of a hyphenated word on its own but a short
/// part before a hyphen, which is a prefix ("pre-shipment"). Left out is
/// what is not prose: a token with a digit or a letter outside ASCII (ids,
/// other scripts), and words glued to a link, an e-mail address or a file
/// name ("invoice.pdf", "zhang@mail.com"). A word opens a sentence when
/// nothing but marks stands before it in its sentence of `sentences` (the
/// checker's `text::sentences`; none: the text is one sentence), or when a
/// colon does.
pub fn words<'t>(
    text: &'t str,
    tokens: &[crate::check::sense::Token<'t>],
    sentences: &[Range<usize>],
) -> Vec<Word<'t>> {
    let glue = |c: Option<char>| matches!(c, Some('_' | '@' | '/' | '\\' | '#' | '=' | '&'));
    // A dot with a letter or digit on its other side: "invoice.pdf".
    let dotted = |before: &str, after: &str| {
        (before.ends_with('.')
            && before[..before.len() - 1].ends_with(|c: char| c.is_ascii_alphanumeric()))
            || (after.starts_with('.')
                && after[1..].starts_with(|c: char| c.is_ascii_alphanumeric()))
    };
    let mut out = Vec::with_capacity(tokens.len());
    // The sentence the last token stood in, whether a token came before in
    // it, and where that token ended.
    let (mut sentence, mut seen, mut last_end) = (0, false, 0);
    for t in tokens {
        while sentences.get(sentence).is_some_and(|r| r.end <= t.start) {
            sentence += 1;
            seen = false;
        }
        let opens = !seen || text.as_bytes()[last_end..t.start].contains(&b':');
        seen = true;
        last_end = t.end;
        let token = &text[t.start..t.end];
        let (before, after) = (&text[..t.start], &text[t.end..]);
        let letters = if token.is_ascii() {
            token
                .bytes()
                .all(|b| b.is_ascii_alphabetic() || matches!(b, b'\'' | b'-'))
        } else {
            token
                .chars()
                .all(|c| c.is_ascii_alphabetic() || matches!(c, '\'' | '’' | '-'))
        };
        if !letters
            || glue(before.chars().next_back())
            || glue(after.chars().next())
            || dotted(before, after)
        {
            continue;
        }
        if !token.as_bytes().contains(&b'-') {
            out.push(Word {
                start: t.start,
                end: t.end,
                text: token,
                opens_sentence: opens,
            });
            continue;
        }
        let mut at = t.start;
        let mut parts = token.split('-').peekable();
        while let Some(part) = parts.next() {
            let start = at;
            at += part.len() + 1;
            if part.is_empty() || (parts.peek().is_some() && part.len() <= 5) {
                continue;
            }
            out.push(Word {
                start,
                end: start + part.len(),
                text: part,
                opens_sentence: opens && start == t.start,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_map_holds_every_form_and_reads_case_as_hunspell_does() {
        // Forms the affix rules make, prefixes with suffixes among them.
        for w in [
            "order",
            "orders",
            "ordered",
            "reordering",
            "carrier's",
            "batteries",
            "redelivered",
            "unpacked",
            "disordered",
            "refunds",
            "happiness",
            "quickly",
        ] {
            assert!(in_dictionary(w), "{w}");
        }
        // A lower-case word capitalised or in capitals; a name as written,
        // in capitals, but not in lower case.
        for w in [
            "Order", "ORDER", "Amazon", "AMAZON", "Amazon's", "iPhone", "NASA",
        ] {
            assert!(in_dictionary(w), "{w}");
        }
        for w in [
            "nasa", "mcdonald", "iphone", "Nasa", "recieve", "shiped", "oRDER", "",
        ] {
            assert!(!in_dictionary(w), "{w}");
        }
        // The stems' kinds.
        assert!(countable_noun("mug") && !countable_noun("mugs") && !countable_noun("quickly"));
        assert!(plain_verb("allow") && !plain_verb("allowing") && !plain_verb("happiness"));
    }

    #[test]
    fn english_trade_words_and_british_spellings_are_known() {
        let s = speller();
        for w in [
            "receive",
            "shipped",
            "Refunded",
            "FBA",
            "ASIN",
            "dropshipping",
            "chargebacks",
            "organise",
            "colour",
            "centre",
            "cancelled",
            "licence",
            "buyer's",
            "don't",
            "unshipped",
            "restocked",
            "Walmart",
        ] {
            assert!(s.knows(w), "{w} should be known");
        }
        for w in [
            "recieve",
            "shiped",
            "adress",
            "seperate",
            "definately",
            "teh",
        ] {
            assert!(!s.knows(w), "{w} should not be known");
        }
    }

    #[test]
    fn corrections_are_the_surest_slip() {
        let s = speller();
        let corrections = |w: &str| s.slips(w).1;
        assert_eq!(corrections("recieve"), ["receive"]);
        assert_eq!(corrections("shiped"), ["shipped"]);
        assert_eq!(corrections("adress"), ["address"]);
        assert_eq!(corrections("seperate"), ["separate"]);
        assert_eq!(corrections("definately"), ["definitely"]);
        // A name is one slip from nothing the learner meant.
        assert!(corrections("hongda").is_empty());
        assert_eq!(corrections("incompliance"), ["in compliance"]);
        assert_eq!(capitalised_slip("Septmber"), Some("September"));
        assert_eq!(capitalised_slip("Febuary"), Some("February"));
        assert_eq!(capitalised_slip("Amzon"), Some("Amazon"));
        assert_eq!(capitalised_slip("Shenzhen"), None);
        assert_eq!(capitalised_slip("Mary"), None);
    }

    #[test]
    fn words_leave_out_links_files_ids_and_mark_sentence_starts() {
        let text = "We recieved 3 orders. see invoice.pdf, www.shop.com, ab12 and zhang@mail.com; buyer’s pre-paid box";
        let ws: Vec<(&str, bool)> = words(
            text,
            &crate::check::sense::tokens(text),
            &crate::check::text::sentences(text),
        )
        .iter()
        .map(|w| (w.text, w.opens_sentence))
        .collect();
        assert_eq!(
            ws,
            [
                ("We", true),
                ("recieved", false),
                ("orders", false),
                ("see", true),
                ("and", false),
                ("buyer’s", false),
                ("paid", false),
                ("box", false)
            ]
        );
        // "Co., Ltd." ends no sentence; a colon opens one.
        let text = "Hongda Trading Co., Ltd. shipped late. Reason: Recieved";
        let opening: Vec<&str> = words(
            text,
            &crate::check::sense::tokens(text),
            &crate::check::text::sentences(text),
        )
        .into_iter()
        .filter(|w| w.opens_sentence)
        .map(|w| w.text)
        .collect();
        assert_eq!(opening, ["Hongda", "Reason", "Recieved"]);
    }
}
