//! Organisations the lexicon does not know, found by their shape.
//!
//! - English: a run of capitalised words ending in an organisation word from
//!   `lexicons/suffixes.tsv` ("Deterra Royalties", "Highveld Steel and
//!   Vanadium Corp Ltd", "House Armed Services Committee"), or opened by one
//!   ("Office of Management and Budget"). Connectives (of, and, for, the, &)
//!   may join the words.
//! - Chinese: the characters before a suffix (有限公司, 集团, 研究院, 日报),
//!   walking left over name characters and over places, materials and other
//!   names the lexicon found inside it, until punctuation, a function word or a
//!   verb of the sentence (江苏卓群纳米稀土股份有限公司, 中色南方稀土(新丰)有限公司).
//!
//! Spans that a lexicon organisation already covers are not reported again.

use crate::classify::{is_cjk, CueInfo};
use crate::lexicon::{Entry, EntryType};
use crate::matcher::Hit;
use crate::segment::Segment;
use crate::span::Span;

/// Characters that never belong to a Chinese organisation name and stop the
/// walk left from its suffix.
const ZH_STOP: &str = "的和与及在对向从将由被把为是了等同跟给让使称说据以于也还并且而或又都就已到至其该这那此各每某另即均共今年月日时后但如若因所上下里间个家名位次份批项种其近约逾超达共向自经于已称据";

/// Words that open a phrase and are cut from the front of a Chinese name.
const ZH_LEAD: &[&str] = &[
    "收购", "成立", "组建", "设立", "旗下", "下属", "控股", "入股", "参股", "联合", "携手", "签署",
    "签约", "作为", "通过", "来自", "位于", "包括", "以及", "其中", "加上", "表示", "认为", "告诉",
    "记者", "本报", "目前", "近日", "日前", "昨日", "昨天", "今天", "上述", "当地", "国内", "国外",
    "全国", "全球", "其他", "另外", "同时", "此外", "由于", "根据", "按照", "针对", "关于", "随着",
    "对于", "除了", "经过", "面对", "支持", "推动", "引导", "鼓励", "要求", "建设", "创建", "组织",
    "发布", "公布", "宣布", "披露", "透露", "介绍", "获悉", "了解", "得知", "显示", "指出", "强调",
    "会同", "牵头", "依托", "所属", "锚定", "落实", "贯彻", "坚持", "在", "原", "新",
];

/// Characters of generic descriptors (全球矿业, 民营钢厂, 全资子公司): a
/// Chinese head made only of them is not a name.
const ZH_GENERIC: &str =
    "国内外全球民营国有大型小中最一两几多家海本当地资子私采该其各某些新老原现行业企团体";

/// Capitalised words that describe rather than name ("Critical Minerals",
/// "Asian Metals"): an English name made only of them is not one.
fn is_en_generic(w: &str) -> bool {
    matches!(
        w,
        "Critical"
            | "Raw"
            | "Rare"
            | "Earth"
            | "Earths"
            | "Strategic"
            | "Key"
            | "Major"
            | "Green"
            | "Clean"
            | "Advanced"
            | "Asian"
            | "African"
            | "Processing"
            | "Mining"
            | "Minerals"
            | "Metals"
            | "Materials"
            | "Energy"
            | "Resources"
            | "Technology"
            | "Industrial"
            | "Industry"
            | "Magnets"
            | "Supply"
            | "Chain"
            | "Security"
            | "Domestic"
            | "Foreign"
            | "International"
            | "Local"
            | "Regional"
            | "Public"
            | "Private"
            | "Sovereign"
            | "Heavy"
            | "Light"
            | "Base"
            | "Precious"
            | "Battery"
            | "Electric"
            | "Vehicle"
            | "Vehicles"
            | "Defence"
            | "Defense"
            | "Production"
            | "Act"
            | "Plan"
            | "Strategy"
            | "Policy"
            | "Program"
            | "Programme"
            | "Index"
    )
}

/// Connectives that may join the words of an English name.
fn is_en_connect(w: &str) -> bool {
    matches!(
        w,
        "of" | "and" | "for" | "the" | "&" | "de" | "del" | "du" | "la" | "on"
    )
}

/// Capitalised words that are not words of an English name before a
/// suffix: determiners, prepositions, titles, nationalities, ordinals.
fn is_en_not_name(w: &str) -> bool {
    matches!(
        w,
        "The"
            | "A"
            | "An"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "It"
            | "Its"
            | "Their"
            | "Our"
            | "His"
            | "Her"
            | "In"
            | "On"
            | "At"
            | "For"
            | "From"
            | "By"
            | "With"
            | "As"
            | "But"
            | "And"
            | "Or"
            | "If"
            | "When"
            | "While"
            | "After"
            | "Before"
            | "Since"
            | "Under"
            | "Over"
            | "Meanwhile"
            | "However"
            | "Mr"
            | "Ms"
            | "Mrs"
            | "Dr"
            | "Chinese"
            | "American"
            | "Australian"
            | "European"
            | "Western"
            | "Japanese"
            | "Korean"
            | "British"
            | "Indian"
            | "Canadian"
            | "Russian"
            | "French"
            | "German"
            | "Global"
            | "World"
            | "National"
            | "Federal"
            | "State"
            | "New"
            | "Last"
            | "Next"
            | "First"
            | "Second"
            | "Third"
            | "Former"
            | "Minister"
            | "President"
            | "Secretary"
    )
}

/// The ASCII word right before `at`, across spaces on the same line only
/// (bounded work: at most one word is read).
fn word_before(text: &str, at: usize) -> Option<&str> {
    let b = text.as_bytes();
    let mut end = at;
    while end > 0 && b[end - 1] == b' ' {
        end -= 1;
    }
    let mut start = end;
    while start > 0
        && (b[start - 1].is_ascii_alphanumeric()
            || matches!(b[start - 1], b'.' | b'\'' | b'-' | b'&'))
    {
        start -= 1;
    }
    (start < end).then(|| &text[start..end])
}

fn is_cap_word(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}

/// Finds organisation names not covered by lexicon organisations, in text order.
pub fn find(
    text: &str,
    segments: &[Segment],
    hits: &[Hit],
    entries: &[Entry],
    cues: &[CueInfo],
) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for (k, h) in hits.iter().enumerate() {
        let ty = entries[h.entry as usize].ty;
        let cue = &cues[h.entry as usize];
        // Suffix words, and capitalised material words after a capitalised
        // word ("Mittal Steel").
        let material_tail = matches!(ty, EntryType::Material | EntryType::Element)
            && text[h.span.start..].starts_with(|c: char| c.is_ascii_uppercase())
            && word_before(text, h.span.start)
                .is_some_and(|w| is_cap_word(w) && !is_en_not_name(w));
        if ty != EntryType::Suffix && !material_tail {
            continue;
        }
        let si = segments.partition_point(|s| s.span.end <= h.span.start);
        let Some(seg) = segments
            .get(si)
            .filter(|s| s.span.start <= h.span.start && h.span.end <= s.span.end)
        else {
            continue;
        };
        let span = if material_tail {
            en_name(text, seg.span, &hits[..k], h, entries)
        } else if text[h.span.start..h.span.end].chars().any(is_cjk) {
            zh_name(text, seg.span, &hits[..k], h, entries)
        } else if cue.head {
            en_head(text, seg.span, h)
        } else {
            en_name(text, seg.span, &hits[..k], h, entries)
        };
        if let Some(span) = span {
            // Not inside or equal to a lexicon organisation.
            // Hits do not overlap, so only the hit starting at or before the
            // name can cover it.
            let j = hits.partition_point(|o| o.span.start <= span.start);
            let covered = j.checked_sub(1).is_some_and(|j| {
                let o = &hits[j];
                entries[o.entry as usize].ty == EntryType::Org && span.end <= o.span.end
            });
            if !covered && out.last().is_none_or(|l| l.end <= span.start) {
                out.push(span);
            } else if let Some(l) = out.last_mut() {
                // A longer name over the previous one (…Corp Ltd).
                if l.start >= span.start && span.end > l.end {
                    *l = span;
                }
            }
        }
    }
    out
}

fn zh_name(text: &str, seg: Span, before: &[Hit], suffix: &Hit, entries: &[Entry]) -> Option<Span> {
    let mut start = suffix.span.start;
    let mut chars = 0;
    let mut hit_i = before.len();
    while start > seg.start && chars < 16 {
        // Jump over a lexicon name that ends here (place, material, org ...).
        while hit_i > 0 && before[hit_i - 1].span.end > start {
            hit_i -= 1;
        }
        if hit_i > 0 && before[hit_i - 1].span.end == start {
            let h = before[hit_i - 1];
            let ty = entries[h.entry as usize].ty;
            let name_part = matches!(
                ty,
                EntryType::Place
                    | EntryType::Material
                    | EntryType::Element
                    | EntryType::Org
                    | EntryType::Suffix
            ) || (ty == EntryType::Anaphor && h.span.len() >= 6);
            if name_part {
                start = h.span.start;
                chars += text[h.span.start..h.span.end].chars().count();
                hit_i -= 1;
                continue;
            }
            if !matches!(ty, EntryType::Policy) {
                break;
            }
        }
        let c = text[..start].chars().next_back()?;
        let name_char = (is_cjk(c) && !ZH_STOP.contains(c))
            || c.is_ascii_alphanumeric()
            || c == '('
            || c == ')';
        if !name_char {
            break;
        }
        start -= c.len_utf8();
        chars += 1;
    }
    // Unbalanced bracket at the front: drop it.
    let mut name = &text[start..suffix.span.end];
    loop {
        let before_len = name.len();
        name = name.trim_start_matches(['(', ')']);
        for w in ZH_LEAD {
            if let Some(rest) = name.strip_prefix(w) {
                if rest.len() >= suffix.span.len() {
                    name = rest;
                }
            }
        }
        if name.len() == before_len {
            break;
        }
    }
    let start = suffix.span.end - name.len();
    let head = &text[start..suffix.span.start];
    if head.is_empty() && name.len() < text[start.min(suffix.span.start)..suffix.span.end].len() + 1
    {
        // Only the suffix is left after cutting lead words (按照省委): a
        // public body named by its suffix alone stands as a name.
        let public = entries[suffix.entry as usize].id == "suffix.public";
        return (public && suffix.span.len() >= 6 && start > seg.start).then_some(suffix.span);
    }
    if head.chars().all(|c| ZH_GENERIC.contains(c) || !is_cjk(c)) {
        return None;
    }
    let head_chars = head
        .chars()
        .filter(|&c| is_cjk(c) || c.is_ascii_alphanumeric())
        .count();
    if head_chars < 2
        || head.contains('家')
        || head.matches('(').count() != head.matches(')').count()
    {
        return None;
    }
    Some(Span::new(start, suffix.span.end))
}

/// Bytes of an ASCII word: letters, digits, `&`, and `'`, `-` and `.`
/// inside it.
#[inline]
fn in_word(b: u8) -> bool {
    IN_WORD[b as usize]
}

/// [`in_word`] for every byte: one lookup instead of five tests.
static IN_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || matches!(b, b'&' | b'\'' | b'-' | b'.');
        c += 1;
    }
    t
};

/// Word bytes that never open or close a word.
#[inline]
fn word_punct(b: u8) -> bool {
    matches!(b, b'\'' | b'-' | b'.')
}

/// The ASCII words of `text[from..to]`, as spans, in text order: maximal
/// runs of [`in_word`] bytes (cut at `from` and `to`) without the `'`, `-`
/// and `.` at either end; runs of those alone are no word.
struct Words<'t> {
    bytes: &'t [u8],
    i: usize,
    to: usize,
}

impl<'t> Words<'t> {
    fn new(text: &'t str, from: usize, to: usize) -> Words<'t> {
        Words {
            bytes: text.as_bytes(),
            i: from,
            to,
        }
    }
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let bytes = self.bytes;
        while self.i < self.to && !(bytes[self.i].is_ascii_alphanumeric() || bytes[self.i] == b'&')
        {
            self.i += 1;
        }
        let s = self.i;
        while self.i < self.to && in_word(bytes[self.i]) {
            self.i += 1;
        }
        if self.i == s {
            return None;
        }
        let mut e = self.i;
        while e > s && word_punct(bytes[e - 1]) {
            e -= 1;
        }
        Some((s, e))
    }
}

/// The words of [`Words`], last first, read backwards from `to`: a name
/// before a suffix is read from its end, and most stop after a word or two.
struct WordsRev<'t> {
    bytes: &'t [u8],
    from: usize,
    i: usize,
}

impl<'t> WordsRev<'t> {
    fn new(text: &'t str, from: usize, to: usize) -> WordsRev<'t> {
        WordsRev {
            bytes: text.as_bytes(),
            from,
            i: to,
        }
    }
}

impl Iterator for WordsRev<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let bytes = self.bytes;
        loop {
            while self.i > self.from && !in_word(bytes[self.i - 1]) {
                self.i -= 1;
            }
            if self.i <= self.from {
                return None;
            }
            let mut e = self.i;
            while self.i > self.from && in_word(bytes[self.i - 1]) {
                self.i -= 1;
            }
            let mut s = self.i;
            while s < e && word_punct(bytes[s]) {
                s += 1;
            }
            while e > s && word_punct(bytes[e - 1]) {
                e -= 1;
            }
            if s < e {
                return Some((s, e));
            }
        }
    }
}

fn en_name(
    text: &str,
    seg: Span,
    _before: &[Hit],
    suffix: &Hit,
    _entries: &[Entry],
) -> Option<Span> {
    // Capitalised words (and connectives between them) right before the suffix.
    let from =
        crate::classify::floor_char(text, seg.start.max(suffix.span.start.saturating_sub(120)));
    let mut start = suffix.span.start;
    let mut taken = 0;
    let mut last_cap = start;
    for (s, e) in WordsRev::new(text, from, suffix.span.start) {
        let w = &text[s..e];
        // Only spaces (or '&') between this word and the name so far.
        if !text[e..start].chars().all(|c| c == ' ' || c == '&') {
            break;
        }
        if is_cap_word(w) && !is_en_not_name(w) {
            start = s;
            last_cap = s;
            taken += 1;
        } else if is_en_connect(w) && taken > 0 {
            start = s;
        } else {
            break;
        }
        if taken >= 6 {
            break;
        }
    }
    if taken == 0 {
        return None;
    }
    let start = last_cap;
    let generic = Words::new(text, start, suffix.span.start)
        .all(|(s, e)| is_en_generic(&text[s..e]) || is_en_connect(&text[s..e]));
    if generic {
        return None;
    }
    Some(Span::new(start, suffix.span.end))
}

fn en_head(text: &str, seg: Span, head: &Hit) -> Option<Span> {
    // "Ministry of" + capitalised words (and connectives).
    let words = Words::new(text, head.span.end, seg.end.min(head.span.end + 120));
    let mut end = head.span.end;
    let mut taken = 0;
    let mut last_cap = end;
    for (s, e) in words {
        if !text[end..s].chars().all(|c| c == ' ' || c == '&') {
            break;
        }
        let w = &text[s..e];
        if is_cap_word(w) {
            end = e;
            last_cap = e;
            taken += 1;
        } else if is_en_connect(w) && taken > 0 {
            end = e;
        } else {
            break;
        }
    }
    if taken == 0 {
        return None;
    }
    // Include capitalised words right before ("U.S. Department of ...", "UK Ministry of").
    let before = WordsRev::new(
        text,
        crate::classify::floor_char(text, seg.start.max(head.span.start.saturating_sub(40))),
        head.span.start,
    );
    let mut start = head.span.start;
    for (s, e) in before {
        if !text[e..start].chars().all(|c| c == ' ')
            || !is_cap_word(&text[s..e])
            || is_en_not_name(&text[s..e])
        {
            break;
        }
        start = s;
    }
    Some(Span::new(start, last_cap))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn in_word_table_agrees_with_the_tests() {
        for b in 0..=255u8 {
            let want = b.is_ascii_alphanumeric() || matches!(b, b'&' | b'\'' | b'-' | b'.');
            assert_eq!(in_word(b), want, "{b:#x}");
        }
    }

    /// The words of `text[from..to]` collected by a plain forward loop: the
    /// definition [`Words`] and [`WordsRev`] must agree with.
    fn en_words_plain(text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let bytes = text.as_bytes();
        let mut i = from;
        while i < to {
            while i < to && !(bytes[i].is_ascii_alphanumeric() || bytes[i] == b'&') {
                i += 1;
            }
            let s = i;
            while i < to
                && (bytes[i].is_ascii_alphanumeric()
                    || matches!(bytes[i], b'&' | b'\'' | b'-' | b'.'))
            {
                i += 1;
            }
            if i > s {
                let mut e = i;
                while e > s && matches!(bytes[e - 1], b'\'' | b'-' | b'.') {
                    e -= 1;
                }
                out.push((s, e));
            }
        }
        out
    }

    #[track_caller]
    fn words_agree(text: &str) {
        for from in 0..=text.len() {
            for to in 0..=text.len() {
                let want = en_words_plain(text, from, to);
                let fwd: Vec<_> = Words::new(text, from, to).collect();
                let mut rev: Vec<_> = WordsRev::new(text, from, to).collect();
                rev.reverse();
                assert_eq!(fwd, want, "{text:?} {from}..{to}");
                assert_eq!(rev, want, "{text:?} {from}..{to}");
            }
        }
    }

    #[test]
    fn words_match_the_plain_loop() {
        for text in [
            "",
            "Mittal Steel",
            "  U.S. Department of --Energy's- 'x' .. - & Co.",
            "Highveld Steel and Vanadium Corp Ltd",
            "a-b.c'd...e",
            "'-.",
            "稀土 Baotou 钢 & Steel",
        ] {
            words_agree(text);
        }
    }

    proptest! {
        #[test]
        fn words_agree_on_any_text(text in "[aZ9&'.\\- ,稀]{0,16}") {
            words_agree(&text);
        }
    }
}
