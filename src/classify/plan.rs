//! Plans: an actor intends, prepares or carries out a future-oriented action.
//!
//! Most plan signals are lexicon cues (`claim=plan`): "plans to", "aims to",
//! "will" after an actor, 计划, 拟, 推进. This file holds what the lexicon
//! cannot say alone: where a task line starts (so that 加快 at the head of a
//! government work-report line counts, and not inside a noun phrase), and
//! what an open-subject "will" / 将 means.

use super::{
    rule_id, ClaimKind, Doc, Evidence, How, Lexicon, Section, Sentence, Signal, Signals, WordSet,
};
use aho_corasick::{AhoCorasick, MatchKind};
use once_cell::sync::Lazy;

use crate::matcher::Hit;
use crate::span::Span;

/// True for the Chinese numerals 一 to 十 (as a match, not a search of a
/// string of them).
#[inline]
fn is_cjk_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Length in bytes of the bullet or task-line marker at the start of `text`
/// (`- `, `• `, `1. `, `(a)`, `(一)`, `一、`, `一是`), including spaces.
pub fn marker_len(text: &str) -> usize {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    let b = trimmed.as_bytes();
    // Every marker starts with one of these bytes ('•' with 0xE2, '·' with
    // 0xC2, the Chinese numerals with 0xE4 or 0xE5): most lines are passed
    // over at once.
    if !matches!(
        b.first(),
        Some(b'-' | b'*' | b'>' | b'(' | b'0'..=b'9' | 0xC2 | 0xE2 | 0xE4 | 0xE5)
    ) {
        return lead;
    }
    // A line starting with 0xE4 or 0xE5 has a marker only if it starts with
    // a numeral: most Chinese lines are passed over after one char.
    if matches!(b[0], 0xE4 | 0xE5) && !trimmed.starts_with(is_cjk_numeral) {
        return lead;
    }
    lead + marker_at(trimmed)
}

/// Length in bytes of the marker at the start of the trimmed line `trimmed`
/// with the spaces after it ([`marker_len`] without its quick rejections).
fn marker_at(trimmed: &str) -> usize {
    let b = trimmed.as_bytes();
    let mut n = 0;
    // Dashes, stars and bullets.
    for p in ["- ", "* ", "• ", "· ", "> ", "--", "-"] {
        if trimmed.starts_with(p) {
            n = p.len();
            break;
        }
    }
    if n == 0 {
        // 1. / 1) / 1、
        let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && digits <= 2 {
            let rest = &trimmed[digits..];
            for p in [".) ", ". ", ") ", "、", ".", ")"] {
                if rest.starts_with(p) && !rest[p.len()..].starts_with(|c: char| c.is_ascii_digit())
                {
                    n = digits + p.len();
                    break;
                }
            }
        }
    }
    if n == 0 && trimmed.starts_with('(') {
        // (a) (1) (一) (iv)
        let window = trimmed
            .char_indices()
            .nth(8)
            .map_or(trimmed.len(), |(i, _)| i);
        if let Some(close) = trimmed[..window].find(')') {
            let inner = &trimmed[1..close];
            if !inner.is_empty()
                && inner.chars().count() <= 4
                && inner
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || is_cjk_numeral(c))
            {
                n = close + 1;
            }
        }
    }
    if n == 0 {
        // 一、 二是 十二是
        let numerals: usize = trimmed
            .chars()
            .take_while(|&c| is_cjk_numeral(c))
            .map(char::len_utf8)
            .sum();
        if numerals > 0 && numerals <= 6 {
            let rest = &trimmed[numerals..];
            if rest.starts_with('、') {
                n = numerals + '、'.len_utf8();
            } else if rest.starts_with('是') {
                n = numerals + '是'.len_utf8();
            }
        }
    }
    if n == 0 {
        return 0;
    }
    let after = &trimmed[n..];
    n + (after.len() - after.trim_start().len())
}

/// Adverbs and connectives that may stand between the start of a task line
/// and its verb (同时，还将……; 今年要……).
const LEAD_WORDS: &[&str] = &[
    "同时",
    "此外",
    "另外",
    "今后",
    "今年",
    "明年",
    "下一步",
    "下步",
    "还",
    "也",
    "并",
    "要",
    "将",
    "继续",
    "进一步",
    "切实",
    "全力",
    "着力",
    "更加",
    "首先",
    "其次",
    "最后",
    "第一",
    "第二",
    "第三",
    "重点",
    "主要",
    "一方面",
    "另一方面",
    "为此",
    "对此",
    "与此同时",
    "当前",
    "目前",
];
/// [`LEAD_WORDS`] with the byte pairs its words start with.
static LEAD_WORD_SET: WordSet = WordSet::new(LEAD_WORDS);

/// True when `hit` opens the sentence body (after a marker and at most a
/// few lead words or a short adverbial ending in a comma).
pub fn at_start(doc: &Doc<'_>, s: &Sentence<'_>, hit: &Hit) -> bool {
    if hit.span.start < s.body || hit.span.start - s.body > 64 {
        return false;
    }
    let mut gap = doc.text[s.body..hit.span.start].trim();
    if gap.is_empty() {
        return true;
    }
    // A short adverbial clause: 今后，/ 同时，/ 为此，
    if let Some(head) = gap.strip_suffix(',').or_else(|| gap.strip_suffix(':')) {
        if head.chars().count() <= 8 && !head.contains(',') {
            return true;
        }
        gap = head;
    }
    // Only lead words.
    let mut rest = gap.trim_start_matches([',', ' ', ':']);
    'outer: while !rest.is_empty() {
        if let Some(w) = LEAD_WORD_SET.prefix_in(rest) {
            rest = rest[w.len()..].trim_start_matches([',', ' ']);
            continue 'outer;
        }
        return false;
    }
    true
}

/// Characters that, right after 计划 or 目标, make it a noun (计划的, 计划产量,
/// 目标之一) — or that end the phrase.
const NOUN_AFTER: &str = "的产指内外经中之书单表数量性和与及等,。;:、)!?";
/// Characters that, right before, make it a noun (这一计划, 按照计划, 生产计划).
const NOUN_BEFORE: &str = "的照据个项这此该一产性度展作划和与及本原新家";
/// Words shortly before that make it the object of "according to" (按照国家计划生产).
const ACCORDING_TO: &[&str] = &["按照", "根据", "依照", "依据", "按"];
/// [`ACCORDING_TO`] with the byte pairs its words start with.
static ACCORDING_TO_SET: WordSet = WordSet::new(ACCORDING_TO);

/// True when a Chinese word that can be a noun or a verb (计划, 目标, 预期)
/// reads as a noun at `span`: it ends the phrase, or a determiner or a noun
/// stands right before it.
pub fn reads_as_noun(text: &str, span: Span) -> bool {
    let after = text[span.end..].chars().next();
    let before = text[..span.start].chars().next_back();
    match after {
        None => return true,
        Some(c) if NOUN_AFTER.contains(c) => return true,
        _ => {}
    }
    if matches!(before, Some(c) if NOUN_BEFORE.contains(c)) {
        return true;
    }
    let from = text[..span.start]
        .char_indices()
        .rev()
        .nth(7)
        .map_or(0, |(i, _)| i);
    let window = &text[from..span.start];
    ACCORDING_TO_SET.contains_any(window) && !window.contains([',', '。'])
}

/// English verbs after "will" that describe a state or change of things
/// rather than an action of an actor ("demand will rise").
const CHANGE_VERBS: &[&str] = &[
    "rise", "fall", "increase", "decrease", "decline", "grow", "drop", "remain", "reach", "exceed",
    "surge", "double", "triple", "soar", "slump", "face", "see", "become", "be", "have", "need",
    "struggle", "benefit", "suffer", "hit", "top", "continue", "last", "take", "cost", "mean",
    "likely", "probably", "not",
];

/// Verbs that introduce someone's view or prediction.
const OPINION: &[&str] = &[
    "认为", "预测", "预计", "看来", "分析", "判断", "估计", "觉得", "相信",
];

/// [`OPINION`] in one automaton, built once: a single scan of the text
/// before a cue (with the automaton's vector prefilter) instead of a
/// substring search per word. (Leftmost-first matching: the kind the
/// prefilter serves; whether a word occurs does not depend on it.)
static OPINION_SCAN: Lazy<AhoCorasick> = Lazy::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(OPINION)
        .expect("opinion words build an automaton")
});

/// Markers that close the disposal construction 将 + object + verb-complement
/// (将价格降下来, 将储备列入国家层面, 将金属折算成氧化物, 将小矿关掉).
const DISPOSAL: &[&str] = &[
    "为", "成", "到", "至", "入", "给", "进", "下来", "出来", "起来", "掉",
];
/// [`DISPOSAL`] with the byte pairs its words start with.
static DISPOSAL_SET: WordSet = WordSet::new(DISPOSAL);

/// Verbs ending in 得 that are not a verb + degree complement (将获得 is
/// "will obtain", 将价格炒得过高 a disposal).
const DE_VERBS: &[char] = &['获', '取', '赢', '值', '记', '懂', '觉', '使', '博', '求'];

/// A degree complement V得 in the clause (炒得过高), not a verb in 得.
#[cfg(test)]
fn degree_complement(clause: &str) -> bool {
    clause.match_indices('得').any(|(i, _)| {
        clause[..i]
            .chars()
            .next_back()
            .is_some_and(|c| !DE_VERBS.contains(&c) && c > '\u{2E80}')
    })
}

/// True when a bare 将 is the preposition of the disposal construction (将 X
/// 纳入 Y) rather than the future auxiliary (将加快): no verb cue follows it
/// right away, and a disposal complement closes its clause.
/// (Asked of every cue: the test that the cue is 将 at all is inlined.)
#[inline]
pub fn disposal_jiang(doc: &Doc<'_>, lex: Lexicon<'_>, s: &Sentence<'_>, hit: &Hit) -> bool {
    doc.text.as_bytes().get(hit.span.start..hit.span.end) == Some("将".as_bytes())
        && jiang_is_disposal(doc, lex, s, hit)
}

/// [`disposal_jiang`] once the cue is known to be 将.
fn jiang_is_disposal(doc: &Doc<'_>, lex: Lexicon<'_>, s: &Sentence<'_>, hit: &Hit) -> bool {
    // A verb cue right after it makes it the future auxiliary.
    let k = s.hits.partition_point(|h| h.span.start < hit.span.end);
    if s.hits
        .get(k)
        .is_some_and(|h| h.span.start == hit.span.end && lex.cue(h).claim.is_some())
    {
        return false;
    }
    // The clause after it, at most 15 characters (bounded work per cue).
    let (clause, degree) = disposal_clause(&doc.text[hit.span.end..s.span.end]);
    if ZH_CHANGE_SET.prefix_in(clause).is_some() {
        return false;
    }
    DISPOSAL_SET.contains_any(clause) || degree
}

/// The clause at the start of `after`: its first 15 chars at most, up to
/// the first `,` `。` `;` `:` `!` `?`; and whether it holds a degree
/// complement V得 (炒得过高: 得 after an ideograph but a verb in 得 of
/// [`DE_VERBS`]). One pass over its chars ([`disposal_clause_plain`] is
/// what the tests compare it with).
fn disposal_clause(after: &str) -> (&str, bool) {
    let mut end = after.len();
    let mut prev = None;
    let mut degree = false;
    for (n, (i, c)) in after.char_indices().enumerate() {
        if n == 15 || matches!(c, ',' | '。' | ';' | ':' | '!' | '?') {
            end = i;
            break;
        }
        if c == '得' {
            degree |= prev.is_some_and(|p: char| !DE_VERBS.contains(&p) && p > '\u{2E80}');
        }
        prev = Some(c);
    }
    (&after[..end], degree)
}

/// [`disposal_clause`] read in steps: the window of 15 chars, the cut at
/// the first mark, the search for 得.
#[cfg(test)]
fn disposal_clause_plain(after: &str) -> (&str, bool) {
    let window = after.char_indices().nth(15).map_or(after.len(), |(i, _)| i);
    let clause = &after[..window];
    let clause = &clause[..clause
        .find([',', '。', ';', ':', '!', '?'])
        .unwrap_or(clause.len())];
    (clause, degree_complement(clause))
}

/// Chinese verbs after 将/要/会 that describe a change or state of things
/// rather than an action (产量将超过, 价格将继续上涨).
const ZH_CHANGE: &[&str] = &[
    "超过",
    "超",
    "达到",
    "达",
    "增长",
    "增加",
    "下降",
    "减少",
    "上涨",
    "下跌",
    "回落",
    "走高",
    "走低",
    "出现",
    "成为",
    "进入",
    "面临",
    "迎来",
    "维持",
    "有所",
    "远超",
    "突破",
    "接近",
    "低于",
    "高于",
    "影响",
    "导致",
    "带来",
    "推高",
    "拉动",
    "受益",
    "受到",
    "是",
    "更加",
    "大幅",
    "明显",
    "逐步",
    "继续上涨",
    "继续下跌",
    "继续增长",
    "继续走高",
    "继续下降",
    "持续上涨",
    "持续增长",
    "不断",
    "变得",
    "有利于",
    "利好",
    "冲击",
    "对",
];
/// [`ZH_CHANGE`] with the byte pairs its words start with.
static ZH_CHANGE_SET: WordSet = WordSet::new(ZH_CHANGE);

/// True when the word after `hit` is a verb of state or change (English
/// `CHANGE_VERBS`, Chinese `ZH_CHANGE`), not "have to".
pub fn state_verb_follows(doc: &Doc<'_>, s: &Sentence<'_>, hit: &Hit) -> bool {
    let after = doc.text[hit.span.end..s.span.end].trim_start();
    if s.lang == super::Lang::Zh {
        return ZH_CHANGE_SET.prefix_in(after).is_some();
    }
    let mut words = after
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty());
    let first = words.next().unwrap_or("").to_ascii_lowercase();
    if first == "have" && words.next().is_some_and(|w| w.eq_ignore_ascii_case("to")) {
        return false;
    }
    CHANGE_VERBS.contains(&first.as_str())
}

/// The kind a "will"/将 cue signals when nothing tells whether its subject is
/// an actor: English reads the verb after it ("will be built" plan, "will
/// rise" forecast); Chinese, whose subjects are often left out of task lines,
/// reads it as the plan of the actor carried from earlier sentences.
pub fn unknown_subject(
    doc: &Doc<'_>,
    s: &Sentence<'_>,
    hit: &Hit,
    claim: ClaimKind,
    else_claim: Option<ClaimKind>,
) -> Option<ClaimKind> {
    if s.lang == super::Lang::Zh {
        // What follows 将/要 decides: a change of things (将超过, 将继续上涨) is
        // a forecast, anything else the plan of an actor left unsaid.
        let after = &doc.text[hit.span.end..s.span.end];
        let change = ZH_CHANGE_SET.prefix_in(after).is_some();
        // After 认为/预测 (someone's view), an open subject is not an actor's
        // intent but a prediction.
        let from = super::actor::floor_char(
            doc.text,
            s.span.start.max(hit.span.start.saturating_sub(360)),
        );
        let opinion = !change && OPINION_SCAN.is_match(&doc.text[from..hit.span.start]);
        return if change || opinion {
            else_claim.or(Some(claim))
        } else {
            Some(claim)
        };
    }
    let after = doc.text[hit.span.end..s.span.end].trim_start();
    let mut words = after
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty());
    let first = words.next().unwrap_or("").to_ascii_lowercase();
    if first == "be" {
        // Passive "will be built" is a plan; "will be lower" a forecast.
        let next = words.next().unwrap_or("");
        if next.len() > 3 && (next.ends_with("ed") || next.ends_with("en")) {
            return Some(claim);
        }
        return else_claim;
    }
    if CHANGE_VERBS.contains(&first.as_str()) {
        return else_claim;
    }
    Some(claim)
}

/// Plan signals beyond the lexicon cues: in a report's task section, a line
/// is a task of the body delivering the report unless it says otherwise.
pub fn signals(doc: &Doc<'_>, _lex: Lexicon<'_>, s: &Sentence<'_>, out: &mut Signals) {
    if s.section == Section::Tasks {
        out.push(Signal {
            kind: ClaimKind::Plan,
            weight: 1,
            evidence: Evidence {
                rule: rule_id(ClaimKind::Plan, s.lang, How::TaskSection).into(),
                entry: None,
                cue: None,
            },
            at: s.body.min(doc.text.len()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::{contains_any, prefix_in};
    use super::*;

    #[test]
    fn opinion_scan_finds_what_contains_finds() {
        let mut texts = vec![
            String::new(),
            "认".to_string(),
            "业内人士认 为".to_string(),
            "分 析师预".to_string(),
            "He believes prices will rise".to_string(),
        ];
        for w in OPINION {
            texts.push(w.to_string());
            texts.push(format!("业内人士{w}，价格"));
            texts.push(format!("{w}今年"));
            let cut = w.char_indices().last().map_or(0, |(i, _)| i);
            texts.push(format!("市场{}价格", &w[..cut]));
        }
        for t in &texts {
            let expected = OPINION.iter().any(|w| t.contains(w));
            assert_eq!(OPINION_SCAN.is_match(t.as_str()), expected, "{t:?}");
        }
    }

    #[test]
    fn disposal_clause_agrees_with_reading_in_steps() {
        let pool = [
            "得", "获", "值", "炒", "价", "格", "过", "高", "降", "下来", ",", "。", ";", ":", "!",
            "?", " ", "a", "1", "将", "成", "\u{2E80}", "\u{2E81}", "é", "😀",
        ];
        let mut seed = 0x1357_9bdf_u32;
        let mut texts = vec![String::new(), "得".into(), "炒得".into(), "获得".into()];
        for round in 0..3000 {
            let mut t = String::new();
            for _ in 0..round % 40 {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                t.push_str(pool[seed as usize % pool.len()]);
            }
            texts.push(t);
        }
        for t in &texts {
            for (i, _) in t.char_indices() {
                let after = &t[i..];
                assert_eq!(
                    disposal_clause(after),
                    disposal_clause_plain(after),
                    "{after:?}"
                );
            }
            assert_eq!(disposal_clause(t), disposal_clause_plain(t), "{t:?}");
        }
    }

    const CJK_NUMERALS: &str = "一二三四五六七八九十";

    #[test]
    fn word_sets_agree_with_their_lists() {
        let sets = [
            &LEAD_WORD_SET,
            &ACCORDING_TO_SET,
            &DISPOSAL_SET,
            &ZH_CHANGE_SET,
        ];
        let mut texts: Vec<String> = [
            "",
            "将价格降下来",
            "产量将超过万吨,价格将继续上涨。",
            "按计划",
            "a b",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        for set in sets {
            for w in set.words {
                texts.push(w.to_string());
                texts.push(format!("{w}稀土"));
                texts.push(format!("稀土{w}"));
                let cut = w.char_indices().last().map_or(0, |(i, _)| i);
                texts.push(format!("{}价格", &w[..cut]));
            }
        }
        for set in sets {
            for t in &texts {
                for (i, _) in t.char_indices() {
                    let text = &t[i..];
                    assert_eq!(set.prefix_in(text), prefix_in(text, set.words), "{text:?}");
                    assert_eq!(
                        set.contains_any(text),
                        contains_any(text, set.words),
                        "{text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn markers() {
        assert_eq!(
            &"- Baogang aligns"[marker_len("- Baogang aligns")..],
            "Baogang aligns"
        );
        assert_eq!(
            &"6. Scrap: The"[marker_len("6. Scrap: The")..],
            "Scrap: The"
        );
        assert_eq!(&"(一)立足壮大"[marker_len("(一)立足壮大")..], "立足壮大");
        assert_eq!(&"二是加快产业"[marker_len("二是加快产业")..], "加快产业");
        assert_eq!(&"一、总体要求"[marker_len("一、总体要求")..], "总体要求");
        assert_eq!(&"(b) Within 15"[marker_len("(b) Within 15")..], "Within 15");
        assert_eq!(marker_len("1.7 billion yuan"), 0);
        assert_eq!(marker_len("一要加大"), 0);
        assert_eq!(marker_len("Baogang"), 0);
        assert_eq!(marker_len("  Baogang"), 2);
        assert_eq!(marker_len("稀土"), 0);
        assert_eq!(marker_len("• 稀土"), "• ".len());
        assert_eq!(marker_len("· 稀土"), "· ".len());
        assert_eq!(marker_len("> quoted"), 2);
        assert_eq!(marker_len("* item"), 2);
        for numeral in CJK_NUMERALS.chars() {
            let line = format!("{numeral}、稀土");
            assert_eq!(marker_len(&line), numeral.len_utf8() + '、'.len_utf8());
        }
    }

    #[test]
    fn marker_len_quick_rejections_agree_with_marker_at() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_cjk_numeral(c), CJK_NUMERALS.contains(c), "{c:?}");
        }
        let mut lines = vec![String::new(), " ".to_string()];
        let starts = (0x20..0x250)
            .chain(0x2000..0x2100)
            .chain(0x3000..0x3010)
            .chain(0x4000..0x6000)
            .filter_map(char::from_u32);
        for c in starts {
            for rest in [
                "",
                "、稀土",
                "是加快",
                "二是",
                ". x",
                ") x",
                "一)x",
                " 稀土",
            ] {
                lines.push(format!("{c}{rest}"));
                lines.push(format!("  {c}{rest}"));
            }
        }
        for line in &lines {
            let trimmed = line.trim_start();
            let lead = line.len() - trimmed.len();
            assert_eq!(marker_len(line), lead + marker_at(trimmed), "{line:?}");
        }
    }
}
