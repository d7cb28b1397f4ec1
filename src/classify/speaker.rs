//! Speakers: who is quoted ("factory director Chen Lin", 教授王国珍,
//! "Mr O'Leary said").
//!
//! A speaker is looked for only in sentences with a verb of saying. A role
//! from the lexicon is joined with the name written next to it (capitalised
//! words after an English role; two to three Chinese characters after a
//! Chinese role, before the verb). Without a role, an English name right
//! before "said"/"told" or after a title (Mr, Ms, Dr) is taken.

use super::{is_cjk, Doc, Lang, Lexicon, Sentence, Speaker};
use crate::lexicon::EntryType;
use crate::span::Span;

const TITLES: &[&str] = &[
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "Prof",
    "Professor",
    "Sir",
    "Dame",
    "President",
    "Premier",
    "Secretary",
    "Senator",
    "Governor",
];

/// True for the capitals [`TITLES`] start with (a test checks the list).
#[inline]
fn title_initial(c: u8) -> bool {
    matches!(c, b'M' | b'D' | b'P' | b'S' | b'G')
}

/// Offsets, in order, of the words of `text` (split on spaces) that start
/// with a title's initial ([`title_initial`]): the only words that can be
/// titles. Blocks of 16 bytes without such a capital are passed over with
/// one test.
fn title_word_starts(text: &[u8]) -> impl Iterator<Item = usize> + '_ {
    text.chunks(16)
        .enumerate()
        .filter(|(_, block)| block.iter().fold(false, |a, &c| a | title_initial(c)))
        .flat_map(|(n, block)| 16 * n..16 * n + block.len())
        .filter(|&k| title_initial(text[k]) && (k == 0 || text[k - 1] == b' '))
}

/// Capitalised words starting at `at` (at most four), as a span.
fn name_after(text: &str, at: usize, limit: usize) -> Option<Span> {
    let mut end = at;
    let mut words = 0;
    let mut pos = at;
    let bytes = text.as_bytes();
    while pos < limit && words < 4 {
        while pos < limit && bytes[pos] == b' ' {
            pos += 1;
        }
        if pos >= limit || !bytes[pos].is_ascii_uppercase() {
            break;
        }
        let w_end = text[pos..limit]
            .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-' || c == '.'))
            .map_or(limit, |i| pos + i);
        let word = text[pos..w_end].trim_end_matches(['.', '\'']);
        if word.is_empty() {
            break;
        }
        end = pos + word.len();
        words += 1;
        pos = w_end;
    }
    (words > 0).then(|| {
        Span::new(
            at + (text[at..end].len() - text[at..end].trim_start().len()),
            end,
        )
    })
}

/// Capitalised words ending at `end` (at most three), as a span.
fn name_before(text: &str, start: usize, end: usize) -> Option<Span> {
    let before = text[start..end].trim_end();
    let stop = start + before.len();
    let mut from = stop;
    let mut words = 0;
    // The words split on spaces, from the last (as `rsplit(' ')`, the
    // spaces found by a byte loop rather than a searcher set up per word).
    let b = before.as_bytes();
    let mut word_end = b.len();
    loop {
        let word_start = b[..word_end]
            .iter()
            .rposition(|&c| c == b' ')
            .map_or(0, |i| i + 1);
        let w = &before[word_start..word_end];
        if ends_name(w, words) {
            break;
        }
        from -= w.len();
        words += 1;
        if from > start {
            from -= 1; // the space
        }
        if word_start == 0 {
            break;
        }
        word_end = word_start - 1;
    }
    if words == 0 {
        return None;
    }
    let from = from + (text[from..stop].len() - text[from..stop].trim_start().len());
    Some(Span::new(from, stop))
}

/// True when the word `w`, read backwards after `words` words of a name,
/// is not part of it: a fourth word, a word without a capital, or a
/// capitalised article or pronoun.
fn ends_name(w: &str, words: usize) -> bool {
    words == 3
        || !w.starts_with(|c: char| c.is_ascii_uppercase())
        || matches!(
            w,
            "The" | "A" | "An" | "It" | "This" | "That" | "He" | "She" | "They" | "We"
        )
}

/// [`name_before`] with `rsplit`: what the tests compare it with.
#[cfg(test)]
fn name_before_plain(text: &str, start: usize, end: usize) -> Option<Span> {
    let before = text[start..end].trim_end();
    let stop = start + before.len();
    let mut from = stop;
    let mut words = 0;
    for w in before.rsplit(' ') {
        if ends_name(w, words) {
            break;
        }
        from -= w.len();
        words += 1;
        if from > start {
            from -= 1; // the space
        }
    }
    if words == 0 {
        return None;
    }
    let from = from + (text[from..stop].len() - text[from..stop].trim_start().len());
    Some(Span::new(from, stop))
}

/// Finds the speaker of a sentence, if it quotes one.
pub fn find(doc: &Doc<'_>, lex: Lexicon<'_>, s: &Sentence<'_>) -> Option<Speaker> {
    let speech = s.hits.iter().find(|h| lex.cue(h).speech)?;
    let text = doc.text;
    // A role, with the name written next to it.
    let role = s
        .hits
        .iter()
        .filter(|h| lex.entries[h.entry as usize].ty == EntryType::Role)
        .min_by_key(|h| h.span.start.abs_diff(speech.span.start));
    if let Some(role) = role {
        let name = match s.lang {
            Lang::En => name_after(text, role.span.end, s.span.end),
            Lang::Zh => {
                let after = &text[role.span.end..s.span.end];
                let n: usize = after
                    .chars()
                    .take_while(|&c| is_cjk(c))
                    .take(4)
                    .map(char::len_utf8)
                    .sum();
                // A name of two or three characters right before the verb.
                let verb_at = s
                    .hits
                    .iter()
                    .find(|h| h.span.start >= role.span.end && lex.cue(h).speech)
                    .map(|h| h.span.start);
                match verb_at {
                    Some(v)
                        if v > role.span.end
                            && v - role.span.end <= n
                            && (v - role.span.end) / 3 >= 2
                            && (v - role.span.end) / 3 <= 3 =>
                    {
                        Some(Span::new(role.span.end, v))
                    }
                    _ => None,
                }
            }
        };
        let span = name.map_or(role.span, |n| {
            Span::new(role.span.start.min(n.start), role.span.end.max(n.end))
        });
        return Some(Speaker {
            name,
            role: Some(*role),
            span,
        });
    }
    if s.lang == Lang::En {
        // "Mr O'Leary said", "Lakshmi Mittal has told"
        // A title before a capitalised name, found in one pass over the
        // words that may be titles.
        let tb = s.text.as_bytes();
        for k in title_word_starts(tb) {
            let at = s.span.start + k;
            let end = tb[k..]
                .iter()
                .position(|&c| c == b' ')
                .map_or(tb.len(), |e| k + e);
            let w = s.text[k..end].trim_end_matches('.');
            if w.len() >= 2 && TITLES.contains(&w) {
                let after = (at + w.len() + 1).min(s.span.end);
                let after = if doc.text[..after].ends_with(". ")
                    || text.as_bytes().get(at + w.len()) == Some(&b'.')
                {
                    (at + w.len() + 2).min(s.span.end)
                } else {
                    after
                };
                if let Some(n) = name_after(text, after, s.span.end) {
                    return Some(Speaker {
                        name: Some(Span::new(at, n.end)),
                        role: None,
                        span: Span::new(at, n.end),
                    });
                }
            }
        }
        let from =
            super::actor::floor_char(text, s.span.start.max(speech.span.start.saturating_sub(60)));
        if let Some(n) = name_before(text, from, speech.span.start) {
            // Not an organisation or place the lexicon knows ("Baogang Group says").
            let named = s.hits.iter().any(|h| {
                h.span.overlaps(n)
                    && matches!(
                        lex.entries[h.entry as usize].ty,
                        EntryType::Org | EntryType::Place
                    )
            }) || s.found_orgs.iter().any(|f| f.overlaps(n));
            if !named && (n.start > s.body || s.text[n.start - s.span.start..].contains(' ')) {
                return Some(Speaker {
                    name: Some(n),
                    role: None,
                    span: n,
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_before_agrees_with_rsplit() {
        let pool = [
            " ", "  ", "Chen", "Lin", "Mr", "O'Leary", "The", "He", "It", "said", "a", "B", ",",
            "\u{a0}", "\u{3000}", "É", "é", "中", "\t", "Baogang", "Group", "X.",
        ];
        let mut seed = 0x2468_ace0_u32;
        for round in 0..5000 {
            let mut t = String::new();
            for _ in 0..round % 12 {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                t.push_str(pool[seed as usize % pool.len()]);
            }
            let bounds: Vec<usize> = t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
            for &start in &bounds {
                for &end in bounds.iter().filter(|&&e| e >= start) {
                    assert_eq!(
                        name_before(&t, start, end),
                        name_before_plain(&t, start, end),
                        "{t:?} {start} {end}"
                    );
                }
            }
        }
    }

    #[test]
    fn title_word_starts_are_those_of_split() {
        assert!(TITLES.iter().all(|t| title_initial(t.as_bytes()[0])));
        for text in [
            "",
            "A",
            "a",
            " Mr O'Leary said",
            "said Dr. Chen Lin, who heads the Ministry of Industry and Information Technology",
            "the  double  Space Before  Capitals and a Long Sentence That Runs Past Sixteen Bytes",
            "Ça va Très bien, Mr. Smith",
            "Secretary Gina said Prof. Dr Sir Dame Governor Senator Premier President Mrs Ms",
            "MDPSG mdpsg xM xD xP xS xG  Sa Da Pa Ma Ga",
        ] {
            let mut expected = Vec::new();
            let mut pos = 0;
            for w in text.split(' ') {
                if w.as_bytes().first().is_some_and(|&c| title_initial(c)) {
                    expected.push(pos);
                }
                pos += w.len() + 1;
            }
            let found: Vec<usize> = title_word_starts(text.as_bytes()).collect();
            assert_eq!(found, expected, "{text:?}");
        }
    }
}
