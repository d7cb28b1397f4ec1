//! Facts: past or present events, figures and states; and the sentences that
//! assert nothing (titles, headings, questions, bylines, boilerplate).

use super::{
    rule_id, ClaimKind, Doc, Evidence, How, Lang, Lexicon, Sentence, Signal, Signals, WordSet,
};
use crate::segment::SegmentKind;
use crate::swar::{gather, in_range, HIGH, ONES};

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

/// [`BOILERPLATE`] with the table of the pairs of bytes its markers start
/// with (every marker has at least two bytes).
static MARKERS: WordSet = WordSet::new(BOILERPLATE);

/// True when `body` contains a boilerplate marker. The pair of bytes at
/// every offset is looked up in [`MARKERS`], four offsets per test (no
/// char is decoded: no marker starts with a continuation byte, so none
/// matches there); the markers are compared only where a pair fits. Fast
/// on Latin text, where almost every offset starts a char; Chinese text
/// takes [`has_boilerplate_by_char`].
fn has_boilerplate(body: &str) -> bool {
    let b = body.as_bytes();
    let fits = |p: usize| MARKERS.may_start_with(b[p], b[p + 1]);
    let found = |p: usize| fits(p) && BOILERPLATE.iter().any(|m| b[p..].starts_with(m.as_bytes()));
    // A marker (two bytes at least) starts before the last byte.
    let starts = b.len().saturating_sub(1);
    let mut p = 0;
    while p + 4 <= starts {
        if (fits(p) | fits(p + 1) | fits(p + 2) | fits(p + 3)) && (p..p + 4).any(found) {
            return true;
        }
        p += 4;
    }
    (p..starts).any(found)
}

/// [`has_boilerplate`] in one pass over the first bytes of the chars (a
/// marker, being text, starts only at a char): a third of the offsets of
/// Chinese text. The markers are compared only where their first two bytes
/// stand.
fn has_boilerplate_by_char(body: &str) -> bool {
    let b = body.as_bytes();
    let mut i = 0;
    while i + 1 < b.len() {
        let x = b[i];
        // One look at the pair table (no marker starts with a byte whose
        // pairs are all unset), then the char's length from a table.
        if MARKERS.may_start_with(x, b[i + 1])
            && BOILERPLATE.iter().any(|m| b[i..].starts_with(m.as_bytes()))
        {
            return true;
        }
        i += usize::from(CHAR_LEN[usize::from(x)]);
    }
    false
}

/// The length of the char a byte starts: one for ASCII, else its leading
/// one bits.
static CHAR_LEN: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut x = 0;
    while x < 256 {
        t[x] = if x < 0x80 {
            1
        } else {
            (x as u8).leading_ones() as u8
        };
        x += 1;
    }
    t
};

/// [`has_boilerplate`] by substring search: what the tests compare it with.
#[cfg(test)]
fn has_boilerplate_plain(body: &str) -> bool {
    BOILERPLATE.iter().any(|m| body.contains(m))
}

/// Masks of the ASCII letters and of the ASCII whitespace (space, `\t` to
/// `\r`) among 16 ASCII bytes, `None` when one is beyond ASCII.
#[inline(always)]
fn letters_and_spaces(block: &[u8]) -> Option<(u32, u32)> {
    let word = |i: usize| u64::from_le_bytes(block[i..i + 8].try_into().unwrap_or([0; 8]));
    let (lo, hi) = (word(0), word(8));
    if (lo | hi) & HIGH != 0 {
        return None;
    }
    let letters = |w: u64| gather(in_range(w | (ONES * 0x20), b'a', b'z'));
    let spaces = |w: u64| gather(in_range(w, b' ', b' ') | in_range(w, b'\t', b'\r'));
    Some((letters(lo) | letters(hi) << 8, spaces(lo) | spaces(hi) << 8))
}

/// The number of whitespace-separated words of `s` that hold a letter,
/// counting stops at `limit`.
///
/// ASCII is read 16 bytes at a time, as masks of letters and of spaces
/// ([`letters_and_spaces`]): a letter begins the count of a new word when
/// the letter or space before it (other bytes between them do not matter)
/// is a space, or there is none. From the first block with a byte beyond
/// ASCII on, chars are read one by one ([`words_with_letter_from`]).
fn words_with_letter(s: &str, limit: usize) -> usize {
    let b = s.as_bytes();
    // Words with a letter begun so far; whether the last letter or space
    // read is a letter (the word being read holds one).
    let (mut count, mut letter) = (0usize, false);
    let mut at = 0;
    let mut pad = [b' '; 16];
    while at < b.len() {
        let block = if at + 16 <= b.len() {
            &b[at..at + 16]
        } else {
            // The rest, padded with spaces, which begin no word.
            pad[..b.len() - at].copy_from_slice(&b[at..]);
            &pad[..]
        };
        let Some((alpha, space)) = letters_and_spaces(block) else {
            return words_with_letter_from(s, at, count - usize::from(letter), letter, limit);
        };
        let other = !(alpha | space) & 0xFFFF;
        let carry = u32::from(letter);
        // The runs of other bytes that follow a letter (or the letter state
        // carried in): a one added at the start of a run clears the run.
        let seed = ((alpha << 1) | carry) & other;
        let after_letter = alpha | ((other.wrapping_add(seed) ^ other) & other);
        let first = alpha & !((after_letter << 1) | carry);
        count += first.count_ones() as usize;
        if count >= limit {
            return limit;
        }
        letter = after_letter & 0x8000 != 0;
        at += 16;
    }
    count
}

/// [`words_with_letter`] from byte `i` (a char boundary) on, char by char,
/// with `n` words holding a letter already ended by a space and `letter`
/// telling whether the word read at `i` holds one: one pass over the
/// bytes, no splitting; only chars beyond ASCII are decoded. (Rarely
/// called: kept out of line.)
#[inline(never)]
fn words_with_letter_from(
    s: &str,
    mut i: usize,
    mut n: usize,
    mut letter: bool,
    limit: usize,
) -> usize {
    let b = s.as_bytes();
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
    let boilerplate = |body| match s.lang {
        Lang::En => has_boilerplate(body),
        Lang::Zh => has_boilerplate_by_char(body),
    };
    if body.len() < 120 && boilerplate(body) {
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
    fn char_len_table_is_the_leading_ones() {
        for x in 0..=255u8 {
            let expected = if x < 0x80 { 1 } else { x.leading_ones() };
            assert_eq!(u32::from(CHAR_LEN[usize::from(x)]), expected, "{x:#x}");
        }
    }

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
            assert_eq!(has_boilerplate_by_char(t), expected, "{t:?}");
        }
    }

    /// Pseudo-random texts of words, spaces, controls, punctuation, chars
    /// beyond ASCII and boilerplate markers, of every length up to a few
    /// blocks of 16 bytes.
    fn mixed_texts() -> Vec<String> {
        let pool = [
            "a", "Z", " ", "  ", "\t", "\n", "\x0b", "\x1c", "1", "2024", ",", ".", "-", "<", "h",
            "ht", "S", "Sh", "word", "said", "é", "中", "\u{a0}", "\u{3000}", "\u{2009}", "\u{85}",
            "😀", "©", "摄", "记者", "\u{7f}", "Ça", "ab1", "(", "\"",
        ];
        let mut texts = Vec::new();
        let mut seed = 0x1234_5678_u32;
        for round in 0..3000 {
            let mut t = String::new();
            let parts = round % 40;
            for _ in 0..parts {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                t.push_str(pool[seed as usize % pool.len()]);
            }
            if round % 7 == 0 {
                t.push_str(BOILERPLATE[seed as usize % BOILERPLATE.len()]);
            }
            texts.push(t);
        }
        // Markers at every offset around the block ends, and ASCII runs.
        for m in BOILERPLATE {
            for k in 0..40 {
                texts.push(format!("{}{m}", "x".repeat(k)));
                texts.push(format!("{}{m}", "é".repeat(k)));
            }
        }
        texts
    }

    #[test]
    fn swar_masks_agree_with_byte_tests() {
        let mut seed = 0x0bad_5eed_u32;
        for round in 0..20000 {
            let mut block = [0u8; 16];
            for x in &mut block {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                // ASCII mostly; now and then a byte beyond.
                *x = if round % 5 == 0 {
                    seed as u8
                } else {
                    seed as u8 & 0x7F
                };
            }
            let expected = block.iter().all(u8::is_ascii).then(|| {
                let mask = |f: fn(&u8) -> bool| {
                    (0..16).fold(0u32, |m, k| m | u32::from(f(&block[k])) << k)
                };
                (
                    mask(u8::is_ascii_alphabetic),
                    mask(|&x| x == b' ' || (b'\t'..=b'\r').contains(&x)),
                )
            });
            assert_eq!(letters_and_spaces(&block), expected, "{block:?}");
        }
    }

    #[test]
    fn boilerplate_pair_scan_agrees_with_contains_on_mixed_text() {
        for t in mixed_texts() {
            assert_eq!(has_boilerplate(&t), has_boilerplate_plain(&t), "{t:?}");
            assert_eq!(
                has_boilerplate_by_char(&t),
                has_boilerplate_plain(&t),
                "{t:?}"
            );
            for (i, _) in t.char_indices() {
                let u = &t[i..];
                assert_eq!(has_boilerplate(u), has_boilerplate_plain(u), "{u:?}");
                assert_eq!(
                    has_boilerplate_by_char(u),
                    has_boilerplate_plain(u),
                    "{u:?}"
                );
            }
        }
    }

    #[test]
    fn words_with_letter_blocks_agree_with_split_whitespace_on_mixed_text() {
        for t in mixed_texts() {
            for (i, _) in t.char_indices().step_by(3) {
                let u = &t[i..];
                for limit in [1, 4, 7, 11, 100] {
                    let expected = u
                        .split_whitespace()
                        .filter(|w| w.chars().any(|c| c.is_alphabetic()))
                        .take(limit)
                        .count();
                    assert_eq!(words_with_letter(u, limit), expected, "{u:?} {limit}");
                }
            }
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
