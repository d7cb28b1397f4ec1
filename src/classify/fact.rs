//! Facts: past or present events, figures and states; and the sentences that
//! assert nothing (titles, headings, questions, bylines, boilerplate).

use super::{rule_id, ClaimKind, Doc, Evidence, How, Lang, Lexicon, Sentence, Signal, Signals};
use crate::segment::SegmentKind;

/// Boilerplate markers: a sentence containing one asserts nothing.
const BOILERPLATE: &[&str] = &[
    "©",
    "-->",
    "<!--",
    "http://",
    "https://",
    "All rights reserved",
    "Comments",
    "Click here",
    "Read more",
    "Subscribe",
    "Sign up",
    "Share this",
    "版权所有",
    "责任编辑",
    "来源:",
    "时间:",
    "原标题",
    "编辑:",
    "记者 ",
    "摄",
];

/// `FIRSTS[a]` is true when a boilerplate marker starts with the byte `a`;
/// bit `256 * a + b` of `PAIRS` when one starts with the bytes `a`, `b`
/// (every marker has at least two bytes).
static MARKER_FIRSTS: [bool; 256] = marker_heads().0;
static MARKER_PAIRS: [u64; 1024] = marker_heads().1;

const fn marker_heads() -> ([bool; 256], [u64; 1024]) {
    let mut firsts = [false; 256];
    let mut pairs = [0u64; 1024];
    let mut k = 0;
    while k < BOILERPLATE.len() {
        let m = BOILERPLATE[k].as_bytes();
        firsts[m[0] as usize] = true;
        let key = ((m[0] as usize) << 8) | m[1] as usize;
        pairs[key / 64] |= 1 << (key % 64);
        k += 1;
    }
    (firsts, pairs)
}

/// True when `body` contains a boilerplate marker: one pass over the first
/// bytes of its chars (a marker, being text, starts only at a char), the
/// markers are compared only where their first two bytes stand.
fn has_boilerplate(body: &str) -> bool {
    let b = body.as_bytes();
    let mut i = 0;
    while i + 1 < b.len() {
        let x = b[i];
        if MARKER_FIRSTS[usize::from(x)] {
            let key = (usize::from(x) << 8) | usize::from(b[i + 1]);
            if MARKER_PAIRS[key / 64] & (1 << (key % 64)) != 0
                && BOILERPLATE.iter().any(|m| b[i..].starts_with(m.as_bytes()))
            {
                return true;
            }
        }
        // The length of the char `x` starts: one for ASCII, else its
        // leading one bits.
        i += if x < 0x80 {
            1
        } else {
            x.leading_ones() as usize
        };
    }
    false
}

/// The number of whitespace-separated words of `s` that hold a letter,
/// counting stops at `limit` (one pass over the bytes, no splitting; only
/// chars beyond ASCII are decoded).
fn words_with_letter(s: &str, limit: usize) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    let mut letter = false;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let (space, alpha, len) = if x < 0x80 {
            let space = x == b' ' || (b'\t'..=b'\r').contains(&x);
            (space, !letter && x.is_ascii_alphabetic(), 1)
        } else {
            let c = s[i..].chars().next().unwrap_or_default();
            (
                c.is_whitespace(),
                !letter && c.is_alphabetic(),
                c.len_utf8(),
            )
        };
        if space {
            if letter {
                n += 1;
                if n == limit {
                    return n;
                }
                letter = false;
            }
        } else if alpha {
            letter = true;
        }
        i += len;
        if letter {
            // The rest of a word that holds a letter: up to a space, a
            // control char or a char beyond ASCII.
            while i < b.len() && b[i] > b' ' && b[i] < 0x80 {
                i += 1;
            }
        }
    }
    n + usize::from(letter)
}

/// True when the sentence carries no claim (kind `none`).
pub fn is_not_a_claim(doc: &Doc<'_>, lex: Lexicon<'_>, s: &Sentence<'_>) -> bool {
    if matches!(s.kind, SegmentKind::Title | SegmentKind::Heading) {
        return true;
    }
    let body = doc.text[s.body..s.span.end].trim();
    let core = body.trim_end_matches(['"', '\'', ')', ' ']);
    if core.ends_with('?') || core.ends_with('？') {
        return true;
    }
    if body.len() < 120 && has_boilerplate(body) {
        return true;
    }
    // A line with no sentence-final mark and no strong cue is a label, a
    // list entry or navigation ("二、总体要求", "1、2011年度评选").
    let line_end = doc.text[s.span.end..].trim_start_matches([' ', '\t']);
    let ends_line = line_end.is_empty() || line_end.starts_with(['\n', '\r']);
    let final_mark = core.ends_with(['.', '!', '。', ';', '…', ':', '*']);
    if ends_line && !final_mark {
        let strong = s
            .hits
            .iter()
            .any(|h| lex.cue(h).claim.is_some() && lex.cue(h).weight >= 3);
        let short = || match s.lang {
            Lang::En => body.split_whitespace().take(11).count() <= 10,
            Lang::Zh => s.body_cjk <= 40,
        };
        if !strong && short() {
            return true;
        }
    }
    match s.lang {
        // Both tests want a sentence without figures: the words are
        // counted only then.
        Lang::En if s.figures.is_empty() => {
            let words = words_with_letter(body, 7); // only "fewer than 4" and "at most 6" matter
            if words < 4 {
                return true;
            }
            // "he said." / "the company said in a statement."
            if words <= 6 && s.hits.iter().any(|h| lex.cue(h).speech) {
                return true;
            }
        }
        Lang::En => {}
        Lang::Zh => {
            let cjk = s.body_cjk;
            if cjk < 5 && s.figures.is_empty() {
                return true;
            }
            // Attribution only: "……告诉《第一财经日报》。" / "李伟说。"
            // (The cheap tests first; the words after the verb only then.)
            let speech = s.hits.iter().rev().find(|h| lex.cue(h).speech);
            if let Some(h) = speech.filter(|_| s.figures.is_empty() && cjk < 40) {
                let mut rest = doc.text[h.span.end..s.span.end].trim_end_matches(['。', '.', ' ']);
                // As `trim_end_matches("记者")` and `trim_start_matches("本报")`,
                // without setting up a substring search.
                while let Some(r) = rest.strip_suffix("记者") {
                    rest = r;
                }
                while let Some(r) = rest.strip_prefix("本报") {
                    rest = r;
                }
                if rest.starts_with('《') && rest.ends_with('》') {
                    rest = "";
                }
                let claimish = s
                    .hits
                    .iter()
                    .any(|h| lex.cue(h).claim.is_some_and(|k| k != ClaimKind::Fact));
                if rest.is_empty() && !claimish {
                    return true;
                }
            }
        }
    }
    false
}

/// Fact signals beyond the cues: a figure with no other signal is a fact.
pub fn signals(_doc: &Doc<'_>, _lex: Lexicon<'_>, s: &Sentence<'_>, out: &mut Signals) {
    if let Some(f) = s.figures.first() {
        out.push(Signal {
            kind: ClaimKind::Fact,
            weight: 1,
            evidence: Evidence {
                rule: rule_id(ClaimKind::Fact, s.lang, How::Figure).into(),
                entry: None,
                cue: Some(f.span),
            },
            at: f.span.start,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_is_found_as_contains_finds_it() {
        assert!(BOILERPLATE.iter().all(|m| m.len() >= 2));
        let mut texts = vec![
            String::new(),
            "x".to_string(),
            "The company said it would expand output.".to_string(),
            "right here, eight nights".to_string(),
            "Share price rose; Sign of the times".to_string(),
            "本报记者王伟 摄".to_string(),
            "来源：新华社".to_string(),
            "记者王伟".to_string(),
            // Chars of two and four bytes before markers.
            "café©2024".to_string(),
            "😀摄".to_string(),
            "𠀀http://x".to_string(),
            "é".to_string(),
        ];
        for m in BOILERPLATE {
            texts.push(m.to_string());
            texts.push(format!("ab {m}"));
            texts.push(format!("{m} cd"));
            // A marker cut short is not the marker.
            let cut = m.char_indices().last().map_or(0, |(i, _)| i);
            texts.push(format!("ab {} cd", &m[..cut]));
        }
        for t in &texts {
            let expected = BOILERPLATE.iter().any(|m| t.contains(m));
            assert_eq!(has_boilerplate(t), expected, "{t:?}");
        }
    }

    #[test]
    fn words_with_letter_counts_as_split_whitespace_does() {
        for s in [
            "",
            " ",
            "he said.",
            "  he  said \t in\na statement , 2024 ",
            "2024 - 25 %",
            "Ça va\u{3000}très bien\u{a0}merci",
            "one two three four five six seven eight nine",
            "中国 稀土 集团",
            "ab\u{7f}cd e\u{85}f g\u{2009}h 1\u{a0}2 x\u{1680}y\u{200b}z",
            "\tword\x0bword\x0cword\rword\nword\x1cword",
        ] {
            for limit in [1, 4, 7, 11] {
                let expected = s
                    .split_whitespace()
                    .filter(|w| w.chars().any(|c| c.is_alphabetic()))
                    .take(limit)
                    .count();
                assert_eq!(words_with_letter(s, limit), expected, "{s:?} {limit}");
            }
        }
    }

    #[test]
    fn cjk_counts_as_chars_do() {
        for s in [
            "",
            "abc",
            "中国稀土集团有限公司",
            "2011年5月9日，𠀀𪚥丽\u{f900}\u{fa6a}ＡＢ。",
            "Ça va 稀土 \u{2fa1f}\u{2fa20}\u{33ff}\u{3400}\u{4dbf}\u{4dc0}\u{9fff}\u{a000}",
        ] {
            for (at, _) in s.char_indices() {
                let expected = s[at..].chars().filter(|&c| super::super::is_cjk(c)).count();
                assert_eq!(Lang::with_body_cjk(s, at).1, expected, "{s:?} {at}");
            }
            let (cjk, latin) = s.chars().fold((0, 0), |(c, l), ch| {
                if super::super::is_cjk(ch) {
                    (c + 1, l)
                } else if ch.is_ascii_alphabetic() {
                    (c, l + 1)
                } else {
                    (c, l)
                }
            });
            let expected = if cjk * 3 >= latin && cjk > 0 {
                Lang::Zh
            } else {
                Lang::En
            };
            assert_eq!(Lang::of(s), expected, "{s:?}");
        }
    }
}
