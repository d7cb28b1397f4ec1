//! List markers that open a bullet: glyphs (`•`, `⁃`, `- `), numbers and
//! letters (`1.`, `1.)`, `1)`, `(1)`, `a.`, `ii.`, `1、`), Chinese numerals
//! (`一、`, `(一)`, `一是`) and circled numbers (`①`).
//!
//! A marker at the start of a segment makes it a bullet, and the period of
//! `1.` or `a.` does not end it. When an item runs on in the same line, the
//! next marker of the same form ("1. The first item 2. The second item")
//! starts the next segment: see [`Marker::is_followed_by`].

use super::{char_at, zh};

/// How the marker is written around its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    /// `1.`
    Dot,
    /// `1.)`
    DotParen,
    /// `1)`
    Paren,
    /// `(1)`
    Parens,
    /// `1、`
    Comma,
    /// `一是`
    Shi,
    /// `①`
    Circled,
    /// A glyph (`•`), maybe followed by a numbered label (`• 9.`).
    Glyph(char),
    /// `- ` or `* ` at the start of a line.
    Dash,
    /// A section number: `Section 1.`, `Sec. 2.`, `Article 3.`, `§ 4.`
    Section,
}

/// A list marker at the start of a segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Marker {
    /// Byte offset just past the marker.
    pub(super) end: usize,
    form: Form,
    /// Arabic, Chinese or circled number.
    num: Option<u32>,
    /// A single-letter label, as its byte.
    letter: Option<u8>,
    /// A roman numeral label (`i` to `xx`).
    roman: Option<u32>,
}

/// Glyphs that mark list items.
fn is_glyph(c: char) -> bool {
    matches!(
        c,
        '•' | '‣'
            | '⁃'
            | '◦'
            | '▪'
            | '▫'
            | '●'
            | '○'
            | '■'
            | '□'
            | '◆'
            | '◇'
            | '►'
            | '▶'
            | '➢'
            | '✓'
            | '✔'
            | '★'
            | '☆'
            | '∙'
            | '・'
            | '·'
    )
}

const ROMAN: [&str; 20] = [
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
    "xvi", "xvii", "xviii", "xix", "xx",
];

/// A marker's label.
#[derive(Clone, Copy, Default)]
struct Label {
    num: Option<u32>,
    letter: Option<u8>,
    roman: Option<u32>,
    /// Written in Chinese numerals.
    chinese: bool,
}

/// Parses a label at `at`: up to three digits, one letter or a roman
/// numeral (upper case only at the start of a line), or up to three Chinese
/// numerals. Returns the label and the offset after it.
fn label(text: &str, at: usize, end: usize, line_start: bool) -> Option<(Label, usize)> {
    let bytes = text.as_bytes().get(..end)?;
    let first = *bytes.get(at)?;
    if first.is_ascii_digit() {
        let len = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if len > 3 {
            return None;
        }
        let num = text[at..at + len].parse().ok()?;
        return Some((
            Label {
                num: Some(num),
                ..Label::default()
            },
            at + len,
        ));
    }
    if first.is_ascii_alphabetic() {
        let len = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        let word = &bytes[at..at + len];
        let upper = first.is_ascii_uppercase();
        if (upper && !line_start) || len > 5 {
            return None;
        }
        if word.iter().any(|b| b.is_ascii_uppercase() != upper) {
            return None;
        }
        let roman = if word
            .iter()
            .all(|b| matches!(b.to_ascii_lowercase(), b'i' | b'v' | b'x'))
        {
            ROMAN
                .iter()
                .position(|r| r.as_bytes().eq_ignore_ascii_case(word))
                .map(|i| i as u32 + 1)
        } else {
            None // ROMAN is written in these letters only
        };
        let letter = (len == 1).then(|| first.to_ascii_lowercase());
        if roman.is_none() && letter.is_none() {
            return None;
        }
        return Some((
            Label {
                letter,
                roman,
                ..Label::default()
            },
            at + len,
        ));
    }
    let mut digits = [0u32; 3];
    let mut n = 0;
    let mut q = at;
    while let Some(c) = char_at(text, q, end) {
        let Some(d) = zh::numeral(c) else { break };
        if n == digits.len() {
            return None;
        }
        digits[n] = d;
        n += 1;
        q += c.len_utf8();
    }
    let num = zh::numeral_value(&digits[..n])?;
    Some((
        Label {
            num: Some(num),
            chinese: true,
            ..Label::default()
        },
        q,
    ))
}

impl Marker {
    /// The marker at `at` (the first character of a segment), if any.
    /// `line_start` allows the forms that only open a line (`- `, `A.`, `I.`).
    pub(super) fn at(text: &str, at: usize, end: usize, line_start: bool) -> Option<Marker> {
        if Marker::cannot_start(text, at, end) {
            return None;
        }
        Marker::at_general(text, at, end, line_start)
    }

    /// True for the commonest segment openings, which [`Marker::at_general`]
    /// would also reject: an ASCII word followed by a space and no number
    /// ("The company", "NP Energy"; a section number needs its number, and a
    /// label its `.` or bracket), and a Chinese character that is no numeral.
    fn cannot_start(text: &str, at: usize, end: usize) -> bool {
        let Some(bytes) = text.as_bytes().get(at..end) else {
            return false;
        };
        match bytes.first() {
            Some(b) if b.is_ascii_alphabetic() => {
                let len = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
                let rest = &bytes[len..];
                rest.first() == Some(&b' ')
                    && !rest
                        .iter()
                        .find(|b| **b != b' ')
                        .is_some_and(u8::is_ascii_digit)
            }
            // U+4000..U+9FFF: ideographs, among them the numerals 一..十.
            Some(0xE4..=0xE9) => char_at(text, at, end).is_some_and(|c| zh::numeral(c).is_none()),
            _ => false,
        }
    }

    /// [`Marker::at`] without the quick rejections.
    fn at_general(text: &str, at: usize, end: usize, line_start: bool) -> Option<Marker> {
        let c = char_at(text, at, end)?;
        let after = at + c.len_utf8();
        if is_glyph(c) && (c != '·' || line_start) {
            let rest = super::skip_ws(text, after, end);
            let form = Form::Glyph(c);
            return Some(match Marker::numbered(text, rest, end, line_start) {
                Some(m) => Marker { form, ..m },
                None => Marker {
                    end: after,
                    form,
                    num: None,
                    letter: None,
                    roman: None,
                },
            });
        }
        if matches!(c, '-' | '*') && line_start {
            return char_at(text, after, end)
                .filter(|c| c.is_whitespace())
                .map(|_| Marker {
                    end: after,
                    form: Form::Dash,
                    num: None,
                    letter: None,
                    roman: None,
                });
        }
        if ('\u{2460}'..='\u{2473}').contains(&c) {
            let num = c as u32 - 0x2460 + 1;
            return Some(Marker {
                end: after,
                form: Form::Circled,
                num: Some(num),
                letter: None,
                roman: None,
            });
        }
        if let Some(m) = Marker::section(text, at, end) {
            return Some(m);
        }
        Marker::numbered(text, at, end, line_start)
    }

    /// True when the marker makes its segment a bullet (a section number
    /// does not).
    pub(super) fn is_bullet(&self) -> bool {
        self.form != Form::Section
    }

    /// A section number at `at`: a section word ("Section", "Sec.",
    /// "Article", "Chapter", "Part", "§"), a number and a period before a
    /// space, as in "Sec. 3. Priority Projects.".
    fn section(text: &str, at: usize, end: usize) -> Option<Marker> {
        let bytes = text.as_bytes().get(..end)?;
        let mut q = at;
        if text.get(at..end)?.starts_with('§') {
            q += '§'.len_utf8();
        } else {
            let len = bytes[at..]
                .iter()
                .take_while(|b| b.is_ascii_alphabetic())
                .count();
            let word = &bytes[at..at + len];
            const WORDS: [&str; 14] = [
                "section", "sec", "article", "art", "chapter", "ch", "part", "rule", "clause",
                "schedule", "annex", "appendix", "item", "step",
            ];
            if !bytes.get(at)?.is_ascii_uppercase() {
                return None;
            }
            q += len;
            if bytes.get(q) == Some(&b'.') {
                q += 1;
            }
            // The number first: it rules out most words more cheaply.
            if !bytes[q..]
                .iter()
                .find(|b| **b != b' ')
                .is_some_and(u8::is_ascii_digit)
                || !WORDS
                    .iter()
                    .any(|w| w.as_bytes().eq_ignore_ascii_case(word))
            {
                return None;
            }
        }
        let spaces = bytes[q..].iter().take_while(|b| **b == b' ').count();
        q += spaces;
        let digits = bytes[q..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 4 {
            return None;
        }
        q += digits;
        if bytes.get(q).is_some_and(|b| b.is_ascii_lowercase()) {
            q += 1; // "Sec. 3a."
        }
        if bytes.get(q) != Some(&b'.') || bytes.get(q + 1).is_some_and(|b| !b.is_ascii_whitespace())
        {
            return None;
        }
        Some(Marker {
            end: q + 1,
            form: Form::Section,
            num: None,
            letter: None,
            roman: None,
        })
    }

    /// A numbered or lettered marker at `at`: `1.`, `1.)`, `1)`, `(1)`, `a.`,
    /// `1、`, `一、`, `(一)`, `一是`.
    fn numbered(text: &str, at: usize, end: usize, line_start: bool) -> Option<Marker> {
        let bytes = text.as_bytes().get(..end)?;
        let parens = bytes.get(at) == Some(&b'(');
        let start = if parens { at + 1 } else { at };
        let (label, q) = label(text, start, end, line_start)?;
        let rest = text.get(q..end)?;
        let (form, len) = if parens {
            if !rest.starts_with(')') {
                return None;
            }
            (Form::Parens, 1)
        } else if rest.starts_with(".)") {
            (Form::DotParen, 2)
        } else if rest.starts_with('.') {
            (Form::Dot, 1)
        } else if rest.starts_with(')') {
            (Form::Paren, 1)
        } else if rest.starts_with('、') {
            (Form::Comma, '、'.len_utf8())
        } else if rest.starts_with('是') && label.chinese {
            (Form::Shi, '是'.len_utf8())
        } else {
            return None;
        };
        let q = q + len;
        // "1.5", "a.m.", "U.S." are not markers: a dot or bracket must be
        // followed by a space, the end, or a non-ASCII character ("1.稀土").
        if matches!(form, Form::Dot | Form::DotParen | Form::Paren) {
            if let Some(next) = char_at(text, q, end) {
                if next.is_ascii() && !next.is_whitespace() {
                    return None;
                }
            }
        }
        Some(Marker {
            end: q,
            form,
            num: label.num,
            letter: label.letter,
            roman: label.roman,
        })
    }

    /// True when `next` continues this marker's list: the same form with the
    /// next number or letter ("1." then "2.", "a)" then "b)", "i." then
    /// "ii."), or the same glyph.
    pub(super) fn is_followed_by(&self, next: &Marker) -> bool {
        if self.form != next.form {
            return false;
        }
        let succ =
            |a: Option<u32>, b: Option<u32>| matches!((a, b), (Some(a), Some(b)) if b == a + 1);
        match self.form {
            Form::Dash | Form::Section | Form::Glyph('·') => false,
            Form::Glyph(_) => true,
            _ => {
                succ(self.num, next.num)
                    || succ(self.roman, next.roman)
                    || succ(self.letter.map(u32::from), next.letter.map(u32::from))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn end(s: &str) -> Option<usize> {
        Marker::at(s, 0, s.len(), true).map(|m| m.end)
    }

    #[test]
    fn markers() {
        assert_eq!(end("1. The"), Some(2));
        assert_eq!(end("1.) The"), Some(3));
        assert_eq!(end("12) The"), Some(3));
        assert_eq!(end("(3) The"), Some(3));
        assert_eq!(end("a. The"), Some(2));
        assert_eq!(end("iv. The"), Some(3));
        assert_eq!(end("• 9. The"), Some(6));
        assert_eq!(end("- item"), Some(1));
        assert_eq!(end("一、总体"), Some(6));
        assert_eq!(end("(二)加快"), Some(5));
        assert_eq!(end("三是推动"), Some(6));
        assert_eq!(end("十二、"), Some(9));
        assert_eq!(end("①稀土"), Some(3));
        assert_eq!(end("1.稀土"), Some(2));
        assert_eq!(end("Section 1. Purpose."), Some(10));
        assert_eq!(end("Sec. 3. Priority"), Some(7));
        assert_eq!(end("§ 4. Scope"), Some(5));
        assert_eq!(end("ITEM  7. Risk"), Some(8));
        assert_eq!(end("Part 3a. Scope"), Some(8));
        assert_eq!(end("XIV. Annex"), Some(4));
        assert_eq!(end("vii) and"), Some(4));
        assert!(!Marker::at("Sec. 3. x", 0, 9, true).unwrap().is_bullet());
    }

    #[test]
    fn not_markers() {
        for s in [
            "1.5%",
            "a.m. Mr.",
            "U.S. Steel",
            "2024年",
            "1987 EARNINGS",
            "-5%",
            "十分",
            "e.g. this",
            "(He said)",
            "abcdef. x",
            "The 3. x",
            "Sections 3. x",
            "Sec. x",
            "Part 12345. x",
            "ivy. x",
            "xxi. x",
        ] {
            assert_eq!(end(s), None, "{s}");
        }
        // Upper-case letters only open a line.
        assert!(Marker::at("A. Smith", 0, 8, false).is_none());
    }

    /// `cannot_start` rejects nothing `at_general` would take.
    #[track_caller]
    fn quick_rejections_agree(text: &str) {
        for at in 0..=text.len() {
            for end in at..=text.len() + 1 {
                if Marker::cannot_start(text, at, end) {
                    for line_start in [false, true] {
                        assert_eq!(
                            Marker::at_general(text, at, end, line_start),
                            None,
                            "{text:?} {at}..{end}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn quick_rejections() {
        for text in [
            "The company said",
            "Section 1. Purpose",
            "Sec 12. x",
            "Part  3a. y",
            "iv. The",
            "a) b",
            "A 1",
            "NP Energy",
            "一、总体",
            "十二是",
            "稀土。",
            "三是推动",
            "• 9. The",
        ] {
            quick_rejections_agree(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn quick_rejections_on_any_text(text in "[aAiIvxS 0-9.)(、是一十稀•§]{0,10}|(Section|Sec|Part|Item) {0,2}[0-9]{0,3}[a.]{0,2} ?[A-Z]?") {
            quick_rejections_agree(&text);
        }
    }

    #[test]
    fn successors() {
        let m = |s: &str| Marker::at(s, 0, s.len(), false).unwrap();
        assert!(m("1. x").is_followed_by(&m("2. y")));
        assert!(!m("1. x").is_followed_by(&m("3. y")));
        assert!(!m("1. x").is_followed_by(&m("2) y")));
        assert!(m("a. x").is_followed_by(&m("b. y")));
        assert!(m("i. x").is_followed_by(&m("ii. y")));
        assert!(m("• 9. x").is_followed_by(&m("• 10. y")));
        assert!(m("(一)x").is_followed_by(&m("(二)y")));
    }
}
