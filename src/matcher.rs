//! One Aho-Corasick automaton over every alias of every loaded lexicon.
//!
//! Patterns are the aliases folded by [`crate::normalize::fold_str`]; the
//! automaton runs leftmost-longest and ASCII-case-insensitive over the
//! normalised text. Each pattern id indexes a side table that names the entry
//! and alias it came from. Latin-script aliases must sit on word boundaries
//! (no `REE` inside `free`), and acronyms must match their exact case; a match
//! that fails either check is dropped and the search resumes at the first
//! position after its start that is not inside a Latin word, so a valid alias
//! that starts there is still found.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use crate::lexicon::{Entry, Lang};
use crate::normalize::fold_str;
use crate::span::Span;

/// Index of an entry in the extractor's entry table.
pub type EntryId = u32;

/// One lexicon hit in the normalised text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Hit {
    /// Byte span in the normalised text.
    pub span: Span,
    /// The entry whose alias matched.
    pub entry: EntryId,
    /// Which alias of the entry (English aliases first, then Chinese).
    pub alias: u16,
}

#[derive(Clone, Debug)]
struct PatternInfo {
    entry: EntryId,
    alias: u16,
    /// Check word boundaries at the start and end (alias starts/ends with a
    /// Latin letter or digit).
    bound_start: bool,
    bound_end: bool,
    /// Folded alias, compared byte for byte when the case must match.
    exact: Option<Box<str>>,
}

/// The automaton and its side table.
#[derive(Clone, Debug)]
pub struct Matcher {
    ac: AhoCorasick,
    patterns: Vec<PatternInfo>,
}

/// A Latin-script "word" character: letters and digits other than CJK.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() && (c as u32) < 0x2E80
    }
}

impl Matcher {
    /// Builds the automaton over every alias of `entries`.
    pub fn new(entries: &[Entry]) -> Result<Matcher, aho_corasick::BuildError> {
        let mut pats: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            for (k, a) in e.aliases().enumerate() {
                let folded = fold_str(&a.text);
                let first = folded.chars().next().unwrap_or(' ');
                let last = folded.chars().next_back().unwrap_or(' ');
                let latin = a.lang == Lang::En;
                patterns.push(PatternInfo {
                    entry: i as EntryId,
                    alias: k.min(u16::MAX as usize) as u16,
                    bound_start: latin && is_word_char(first),
                    bound_end: latin && is_word_char(last),
                    exact: a.exact_case.then(|| folded.clone().into_boxed_str()),
                });
                pats.push(folded);
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&pats)?;
        Ok(Matcher { ac, patterns })
    }

    /// Number of patterns (aliases) in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// The automaton itself (for raw scans in benchmarks).
    pub fn automaton(&self) -> &AhoCorasick {
        &self.ac
    }

    fn accept(&self, hay: &str, span: Span, info: &PatternInfo) -> bool {
        if info.bound_start {
            if let Some(c) = hay[..span.start].chars().next_back() {
                if is_word_char(c) {
                    return false;
                }
            }
        }
        if info.bound_end {
            if let Some(c) = hay[span.end..].chars().next() {
                if is_word_char(c) {
                    return false;
                }
            }
        }
        if let Some(exact) = &info.exact {
            if hay.as_bytes()[span.start..span.end] != *exact.as_bytes() {
                return false;
            }
        }
        true
    }

    /// Appends every accepted hit in `hay` (normalised text) to `out`, in
    /// text order, non-overlapping.
    pub fn find_into(&self, hay: &str, out: &mut Vec<Hit>) {
        let mut at = 0;
        while at < hay.len() {
            let Some(m) = self.ac.find(Input::new(hay).span(at..hay.len())) else {
                break;
            };
            let span = Span::new(m.start(), m.end());
            let info = &self.patterns[m.pattern().as_usize()];
            if self.accept(hay, span, info) {
                out.push(Hit {
                    span,
                    entry: info.entry,
                    alias: info.alias,
                });
                at = m.end().max(m.start() + 1);
            } else {
                // Resume after the rejected start, and never inside a Latin
                // word: no pattern may start there (a pattern starting with a
                // word character would break the boundary, and one starting
                // with another character cannot begin mid-word).
                at = m.start() + hay[m.start()..].chars().next().map_or(1, char::len_utf8);
                let mut prev_word = hay[m.start()..at].chars().next().is_some_and(is_word_char);
                for c in hay[at..].chars() {
                    let word = is_word_char(c);
                    if !(prev_word && word) {
                        break;
                    }
                    at += c.len_utf8();
                    prev_word = word;
                }
            }
            while !hay.is_char_boundary(at) {
                at += 1;
            }
        }
    }

    /// Every accepted hit in `hay`.
    pub fn find(&self, hay: &str) -> Vec<Hit> {
        let mut out = Vec::new();
        self.find_into(hay, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::parse;

    fn matcher(tsv: &str) -> (Vec<Entry>, Matcher) {
        let entries = parse("t.tsv", tsv).unwrap();
        let m = Matcher::new(&entries).unwrap();
        (entries, m)
    }

    fn found<'a>(entries: &'a [Entry], m: &Matcher, text: &'a str) -> Vec<(&'a str, &'a str)> {
        m.find(text)
            .iter()
            .map(|h| (entries[h.entry as usize].id.as_str(), h.span.of(text)))
            .collect()
    }

    #[test]
    fn word_boundaries_and_case() {
        let (e, m) = matcher(
            "material.ree\tmaterial\tREE|rare earth elements\t-\norg.lynas\torg\tLynas\t-\nplace.us\tplace\tUS|U.S.\t-\n",
        );
        assert_eq!(
            found(&e, &m, "free REE, ree"),
            vec![("material.ree", "REE")]
        );
        assert_eq!(
            found(&e, &m, "LYNAS and lynas's plant"),
            vec![("org.lynas", "LYNAS"), ("org.lynas", "lynas")]
        );
        assert_eq!(
            found(&e, &m, "tell us about the US and U.S. plans"),
            vec![("place.us", "US"), ("place.us", "U.S.")]
        );
        assert!(found(&e, &m, "Lynasx").is_empty());
    }

    #[test]
    fn longest_chinese_alias_wins() {
        let (e, m) = matcher("org.baogang\torg\t-\t包钢|包钢集团\norg.nre\torg\t-\t包钢稀土\n");
        assert_eq!(
            found(&e, &m, "包钢稀土与包钢集团和包钢"),
            vec![
                ("org.nre", "包钢稀土"),
                ("org.baogang", "包钢集团"),
                ("org.baogang", "包钢")
            ]
        );
    }

    #[test]
    fn rejected_match_does_not_hide_a_later_one() {
        // "freedom" rejects "REE"-like matches; "rare earths" inside a longer word is rejected
        // but the search resumes inside it.
        let (e, m) = matcher("material.re\tmaterial\trare earth|earth\t-\n");
        assert_eq!(
            found(&e, &m, "rare earthly earth"),
            vec![("material.re", "earth")]
        );
    }
}
