//! One Aho-Corasick automaton over every alias of every loaded lexicon.
//!
//! The automaton does not run over the text itself but over its *key*: the
//! normalised text with ASCII letters lowercased, every other ASCII byte
//! (spaces, punctuation) turned into a space, and one space put in front.
//! Every other byte is kept, so key offset `i + 1` is text offset `i`.
//! Patterns are the aliases mapped the same way; an alias that starts with
//! a Latin letter or digit (`Baogang`, `3D`, and Chinese aliases such as
//! `TCL集团` or `232条款`) gets a leading space, so it can only match where a
//! word starts (no `REE` inside `free`, no `he` inside `the`) and the
//! automaton itself rules out the in-word matches that frequent short words
//! would otherwise produce.
//!
//! The automaton runs leftmost-longest; each pattern id indexes a side table
//! that names the entry and alias it came from. What the key cannot check is
//! checked after a match: a Latin alias must end on a word boundary, and an
//! acronym (or an alias written `=Name`) must match its exact case. A match
//! that fails gives way to the longest shorter alias at the same start that
//! passes, or else the search resumes one byte after its start.
//! Latin words glued to Chinese characters (`在ASX上市`) have no space before
//! them in the key; an anchored search at each such word start finds them.
//!
//! The unanchored search is the automaton's own, with its transitions on the
//! key's ASCII bytes read from a table made when the matcher is built
//! (`src/matcher/search.rs`): the same matches, in fewer instructions.

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, Input, MatchKind};

mod search;

use crate::lexicon::{Entry, EntryType, Lang};
use crate::normalize::fold_str;
use crate::span::Span;

thread_local! {
    /// Each thread's memo of the automaton's steps over Chinese characters.
    static MEMO: std::cell::RefCell<search::Memo> = std::cell::RefCell::new(search::Memo::new());
}

/// Index of an entry in the extractor's entry table.
pub type EntryId = u32;

/// A map keyed by entry, hashed by one multiplication: entry ids are small
/// dense integers chosen by the extractor, not by the text, so std's
/// collision-resistant SipHash buys nothing here and cost a hash per mention.
pub(crate) type EntryMap<V> =
    std::collections::HashMap<EntryId, V, std::hash::BuildHasherDefault<EntryHasher>>;

/// The hasher of [`EntryMap`] (Fibonacci hashing of the id).
#[derive(Default)]
pub(crate) struct EntryHasher(u64);

impl std::hash::Hasher for EntryHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0 ^ u64::from(n)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

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
    /// The pattern starts with the word-start space of the key.
    lead: bool,
    /// The alias ends with a Latin letter or digit: the text must not go on
    /// with one.
    bound_end: bool,
    /// Folded alias, compared byte for byte when the case must match.
    exact: Option<Box<str>>,
    /// The punctuation an alias opens with (`'` of `'ll`): the key has a
    /// space there, the text must have this byte.
    opener: Option<u8>,
    /// Punctuation the alias ends with (`.` of `U.S.`), left out of the
    /// pattern: the hit takes it in when the text has it.
    trailing: Box<[u8]>,
    /// A Latin alias of several words that is no name (a cue, an anaphor: "the
    /// ministry"): it gives way to a name that starts at one of its later
    /// words and runs past it ("the Ministry of Commerce").
    yields: bool,
    /// Another pattern is a proper prefix of this one: when a match of this
    /// pattern is refused, a shorter match at the same start may pass.
    /// Without one there is nothing to search for.
    has_prefix: bool,
}

/// The automaton and its side table.
#[derive(Clone, Debug)]
pub struct Matcher {
    /// The automaton, used through its concrete type: the searches, one per
    /// match, are then direct calls the compiler can inline, not calls
    /// through the `AhoCorasick` wrapper's trait object.
    ac: NFA,
    patterns: Vec<PatternInfo>,
    /// Longest pattern, in bytes.
    max_len: usize,
    /// The automaton's transitions on the key's ASCII bytes, for the
    /// unanchored search.
    table: search::Table,
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

/// Text offsets where a Latin word starts right after a non-ASCII character
/// that is not a letter (`在ASX上市`): the key has no space there.
///
/// Bytes are tested in blocks of 16 without branching (the compiler makes
/// vector compares of it), and a block is looked at byte by byte only when
/// it holds such a start; [`glued_starts_plain`] is the byte-by-byte version
/// it is tested against.
fn glued_starts(hay: &str) -> Vec<usize> {
    const BLOCK: usize = 16;
    let bytes = hay.as_bytes();
    let mut out = Vec::new();
    if hay.is_ascii() {
        return out;
    }
    // Candidate `i`: an ASCII letter or digit after a byte beyond ASCII.
    let candidate = |i: usize| bytes[i].is_ascii_alphanumeric() && bytes[i - 1] >= 0x80;
    let mut i = 1;
    while i + BLOCK <= bytes.len() {
        let (prev, cur) = (&bytes[i - 1..i - 1 + BLOCK], &bytes[i..i + BLOCK]);
        let mut any = 0u8;
        for (&p, &c) in prev.iter().zip(cur) {
            let alnum = (c | 0x20).wrapping_sub(b'a') < 26 || c.wrapping_sub(b'0') < 10;
            any |= u8::from(alnum & (p >= 0x80));
        }
        if any != 0 {
            for j in (i..i + BLOCK).filter(|&j| candidate(j)) {
                push_glued(hay, j, &mut out);
            }
        }
        i += BLOCK;
    }
    for j in (i..bytes.len()).filter(|&j| candidate(j)) {
        push_glued(hay, j, &mut out);
    }
    out
}

/// Keeps the candidate start `i` when the character before it is no letter.
#[inline]
fn push_glued(hay: &str, i: usize, out: &mut Vec<usize>) {
    let prev = hay[..i].chars().next_back().unwrap_or(' ');
    if !is_word_char(prev) {
        out.push(i);
    }
}

/// [`glued_starts`] one byte at a time.
#[cfg(test)]
fn glued_starts_plain(hay: &str) -> Vec<usize> {
    let bytes = hay.as_bytes();
    let mut out = Vec::new();
    for i in 1..bytes.len() {
        if bytes[i].is_ascii_alphanumeric() && bytes[i - 1] >= 0x80 {
            push_glued(hay, i, &mut out);
        }
    }
    out
}

/// For each pattern, whether another pattern is a proper prefix of it. In
/// sorted order every prefix of a pattern comes before it, and the patterns
/// that are prefixes of the current one form a chain kept on a stack.
/// Equal patterns are no proper prefix of each other.
fn prefixed(pats: &[Vec<u8>]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..pats.len()).collect();
    order.sort_unstable_by(|&a, &b| pats[a].cmp(&pats[b]));
    let mut out = vec![false; pats.len()];
    let mut chain: Vec<&[u8]> = Vec::new();
    for i in order {
        let p = pats[i].as_slice();
        while chain.last().is_some_and(|q| !p.starts_with(q)) {
            chain.pop();
        }
        // Every pattern left on the chain is a prefix of `p`, the shortest
        // first (the others may be `p` itself, spelled by another alias).
        out[i] = chain.first().is_some_and(|q| q.len() < p.len());
        chain.push(p);
    }
    out
}

/// Maps one byte to its key byte.
const KEY: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b.is_ascii_alphanumeric() {
            b.to_ascii_lowercase()
        } else if b < 0x80 {
            b' '
        } else {
            b
        };
        i += 1;
    }
    t
};

/// [`KEY`] of one byte, computed without the table.
#[inline(always)]
fn key_byte(b: u8) -> u8 {
    let lower = b | 0x20;
    let letter = lower.wrapping_sub(b'a') < 26;
    let digit = b.wrapping_sub(b'0') < 10;
    if b >= 0x80 || digit {
        b
    } else if letter {
        lower
    } else {
        b' '
    }
}

/// The key of a text or alias: ASCII letters lowercased, other ASCII bytes
/// as spaces, all other bytes unchanged (same length).
pub fn key_bytes(s: &str) -> impl Iterator<Item = u8> + '_ {
    s.bytes().map(|b| KEY[b as usize])
}

impl Matcher {
    /// Builds the automaton over every alias of `entries`.
    pub fn new(entries: &[Entry]) -> Result<Matcher, aho_corasick::BuildError> {
        Matcher::with_table_rows(entries, search::MAX_ROWS)
    }

    /// [`Matcher::new`] with at most `rows` states in the search's table.
    fn with_table_rows(
        entries: &[Entry],
        rows: usize,
    ) -> Result<Matcher, aho_corasick::BuildError> {
        let mut pats: Vec<Vec<u8>> = Vec::new();
        let mut patterns = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let first_of_entry = pats.len();
            for (k, a) in e.aliases().enumerate() {
                let folded = fold_str(&a.text);
                let first = folded.chars().next().unwrap_or(' ');
                let last = folded.chars().next_back().unwrap_or(' ');
                let latin = a.lang == Lang::En;
                // A Chinese alias that opens with a Latin word (TCL集团,
                // 232条款) starts at a word start too, not inside "etcl".
                let lead = is_word_char(first) && (latin || first.is_ascii_alphanumeric());
                let mut pat: Vec<u8> = Vec::with_capacity(folded.len() + 1);
                if lead {
                    pat.push(b' ');
                }
                pat.extend(key_bytes(&folded));
                // Trailing punctuation says nothing about the words: trim it.
                // An alias that opens with punctuation ('ll, 'd) keeps it, as a
                // space in the key that the text must fill with that byte.
                while pat.last() == Some(&b' ') {
                    pat.pop();
                }
                let opener = folded.bytes().next().filter(|b| b.is_ascii_punctuation());
                if !lead && opener.is_none() {
                    let skip = pat.iter().take_while(|&&b| b == b' ').count();
                    pat.drain(..skip);
                }
                // Spelling variants that share a key are one pattern (the
                // first), unless one of them must match its exact case.
                let dup = pats[first_of_entry..].contains(&pat) && !a.exact_case;
                if pat.is_empty() || pat == b" " || dup {
                    continue;
                }
                patterns.push(PatternInfo {
                    entry: i as EntryId,
                    alias: k.min(u16::MAX as usize) as u16,
                    lead,
                    bound_end: latin && is_word_char(last),
                    // Compared with the text the pattern covers, which ends
                    // before trailing punctuation ("U.S." covers "U.S").
                    exact: a.exact_case.then(|| {
                        let covered = folded.len()
                            - (folded.len()
                                - folded
                                    .trim_end_matches(|c: char| {
                                        c.is_ascii() && !c.is_ascii_alphanumeric()
                                    })
                                    .len());
                        folded[..covered].to_string().into_boxed_str()
                    }),
                    opener: if lead { None } else { opener },
                    yields: latin
                        && !e.ty.is_entity()
                        && e.ty != EntryType::Role
                        && folded.trim().contains(' '),
                    has_prefix: false,
                    trailing: folded
                        .bytes()
                        .rev()
                        .take_while(|b| b.is_ascii() && !b.is_ascii_alphanumeric() && *b != b' ')
                        .collect::<Vec<u8>>()
                        .into_iter()
                        .rev()
                        .collect(),
                });
                pats.push(pat);
            }
        }
        for (info, has) in patterns.iter_mut().zip(prefixed(&pats)) {
            info.has_prefix = has;
        }
        let max_len = pats.iter().map(Vec::len).max().unwrap_or(0);
        // A contiguous NFA answers unanchored and anchored searches alike.
        let ac = NFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&pats)?;
        let table = search::Table::new(&ac, &pats, rows);
        Ok(Matcher {
            ac,
            patterns,
            max_len,
            table,
        })
    }

    /// Number of patterns (aliases) in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// The automaton itself (for raw scans in benchmarks: run it over
    /// [`Matcher::key`] of the text).
    pub fn automaton(&self) -> &NFA {
        &self.ac
    }

    /// The key the automaton runs over: a space, then the text mapped by
    /// [`key_bytes`]. Key offset `i + 1` is text offset `i`.
    pub fn key(text: &str) -> Vec<u8> {
        let mut key = Vec::with_capacity(text.len() + 1);
        key.push(b' ');
        // [`KEY`] as arithmetic, which the compiler vectorises (a table
        // lookup per byte does not); `key_is_the_table` checks every byte.
        key.extend(text.bytes().map(key_byte));
        key
    }

    /// The text span of a match `[start, end)` of the key, or `None` for a
    /// match that covers only the leading space.
    #[inline]
    fn text_span(info: &PatternInfo, start: usize, end: usize) -> Option<Span> {
        let s = if info.lead {
            start
        } else {
            start.checked_sub(1)?
        };
        (end > s + 1 || (end == s + 1 && !info.lead)).then(|| Span::new(s, end - 1))
    }

    fn accept(&self, hay: &str, span: Span, info: &PatternInfo) -> bool {
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
        if let Some(b) = info.opener {
            if hay.as_bytes().get(span.start) != Some(&b) {
                return false;
            }
        }
        true
    }

    /// Appends every accepted hit in `hay` (normalised text) to `out`, in
    /// text order, non-overlapping.
    pub fn find_into(&self, hay: &str, out: &mut Vec<Hit>) {
        MEMO.with_borrow_mut(|memo| self.find_into_with(hay, out, memo));
    }

    fn find_into_with(&self, hay: &str, out: &mut Vec<Hit>, memo: &mut search::Memo) {
        let key = Matcher::key(hay);
        let glued = glued_starts(hay);
        let mut g = 0;
        let mut buf: Vec<u8> = Vec::new();
        // `at` is a key offset; text offset t is key offset t + 1.
        let mut at = 0;
        // The next unanchored match, kept while it still lies ahead: glued
        // words between two matches must not make the search run again (it
        // would be quadratic on Chinese text full of glued Latin words).
        let mut pending: Option<Option<aho_corasick::Match>> = None;
        while at < key.len() {
            let m = match pending {
                Some(p) if p.is_none_or(|p| p.start() >= at) => p,
                _ => self.table.find(&self.ac, memo, &key, at),
            };
            pending = Some(m);
            // Where the next match starts in the text.
            let next = m.map_or(hay.len(), |m| {
                let lead = self.patterns[m.pattern().as_usize()].lead;
                if lead {
                    m.start()
                } else {
                    m.start().saturating_sub(1)
                }
            });
            // A Latin word glued to a Chinese character before it comes first.
            while g < glued.len() && glued[g] + 1 < at {
                g += 1;
            }
            if let Some(&i) = glued.get(g).filter(|&&i| i < next) {
                g += 1;
                if let Some(hit) = self.glued_at(hay, &key, i, &mut buf) {
                    at = hit.span.end + 1;
                    out.push(hit);
                }
                continue;
            }
            let Some(m) = m else { break };
            match self.best_at(hay, &key, m, |info, c| {
                Matcher::text_span(info, c.start(), c.end())
            }) {
                Some((hit, end, yields)) => {
                    let (hit, end) = yields
                        .then(|| self.name_inside(hay, &key, m.start(), end))
                        .flatten()
                        .unwrap_or((hit, end));
                    out.push(hit);
                    at = end;
                }
                None => at = m.start() + 1,
            }
        }
    }

    /// For a hit whose alias [yields](PatternInfo::yields), the name that
    /// starts at one of its later words (key offsets `from..end`) and ends
    /// past it, with the key offset where the search goes on.
    fn name_inside(&self, hay: &str, key: &[u8], from: usize, end: usize) -> Option<(Hit, usize)> {
        (from + 1..end)
            .filter(|&j| key[j] == b' ' && key.get(j + 1).is_some_and(|&b| b != b' '))
            .find_map(|j| {
                let c = self.search(Input::new(key).span(j..key.len()).anchored(Anchored::Yes))?;
                if c.end() <= end || self.patterns[c.pattern().as_usize()].yields {
                    return None;
                }
                self.best_at(hay, key, c, |info, c| {
                    Matcher::text_span(info, c.start(), c.end())
                })
                .filter(|&(_, e, yields)| e > end && !yields)
                .map(|(hit, e, _)| (hit, e))
            })
    }

    /// The word-start alias at text offset `i`, a Latin word that has no
    /// space before it in the key (it follows a Chinese character): an
    /// anchored search over a space and the key from there.
    fn glued_at(&self, hay: &str, key: &[u8], i: usize, buf: &mut Vec<u8>) -> Option<Hit> {
        buf.clear();
        buf.push(b' ');
        let end = (i + 1 + self.max_len).min(key.len());
        buf.extend_from_slice(&key[i + 1..end]);
        let m = self.search(Input::new(buf.as_slice()).anchored(Anchored::Yes))?;
        let (hit, _, _) = self.best_at(hay, buf, m, |info, c| {
            let span = Span::new(i, i + c.end() - 1);
            (info.lead && hay.is_char_boundary(span.end)).then_some(span)
        })?;
        Some(hit)
    }

    /// The hit for match `m` of `key`: `m` itself if its text span (given by
    /// `span_of`, `None` to refuse) passes the checks, else the longest
    /// shorter match anchored at the same start that does ("rare earth" in
    /// "rare earthly" falls back to "rare"). Returns the hit, the key offset
    /// where the search goes on and whether its alias yields to a name
    /// inside it.
    fn best_at(
        &self,
        hay: &str,
        key: &[u8],
        m: aho_corasick::Match,
        span_of: impl Fn(&PatternInfo, aho_corasick::Match) -> Option<Span>,
    ) -> Option<(Hit, usize, bool)> {
        let start = m.start();
        let mut cur = Some(m);
        while let Some(c) = cur {
            let info = &self.patterns[c.pattern().as_usize()];
            if let Some(mut span) = span_of(info, c).filter(|&sp| self.accept(hay, sp, info)) {
                let mut end = c.end();
                if !info.trailing.is_empty()
                    && hay.as_bytes()[span.end..].starts_with(&info.trailing)
                {
                    span.end += info.trailing.len();
                    end += info.trailing.len();
                }
                return Some((
                    Hit {
                        span,
                        entry: info.entry,
                        alias: info.alias,
                    },
                    end,
                    info.yields,
                ));
            }
            cur = if info.has_prefix && c.end() - 1 > start {
                self.search(
                    Input::new(key)
                        .span(start..c.end() - 1)
                        .anchored(Anchored::Yes),
                )
            } else {
                None
            };
        }
        None
    }

    /// The leftmost-longest match in `key[at..]`, the key of a text
    /// ([`Matcher::key`]): what the automaton's `try_find` gives for an
    /// unanchored search from `at`, found with its transitions on ASCII bytes
    /// looked up in a table (`src/matcher/search.rs`).
    #[inline]
    pub fn scan(&self, key: &[u8], at: usize) -> Option<aho_corasick::Match> {
        MEMO.with_borrow_mut(|memo| self.table.find(&self.ac, memo, key, at))
    }

    /// The number of leftmost-longest matches in `key`, one after the other
    /// (each search starts where the last match ended): the raw scan that
    /// benchmarks compare the whole extraction with.
    pub fn count_matches(&self, key: &[u8]) -> usize {
        MEMO.with_borrow_mut(|memo| {
            let mut n = 0;
            let mut at = 0;
            while let Some(m) = self.table.find(&self.ac, memo, key, at) {
                n += 1;
                at = m.end().max(at + 1);
            }
            n
        })
    }

    /// The leftmost-longest match in `input`. An NFA search cannot fail
    /// (it has no quit bytes and supports both kinds of start).
    #[inline]
    fn search(&self, input: Input<'_>) -> Option<aho_corasick::Match> {
        self.ac.try_find(&input).ok().flatten()
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

    #[test]
    fn entry_map_keeps_every_entry_apart() {
        let mut m: EntryMap<u32> = Default::default();
        for id in 0..5000u32 {
            m.insert(id, id * 3);
        }
        assert_eq!(m.len(), 5000);
        assert!((0..5000u32).all(|id| m.get(&id) == Some(&(id * 3))));
        assert_eq!(m.get(&5000), None);
    }

    #[test]
    fn glued_starts_are_the_plain_ones() {
        let texts = [
            "在ASX上市",
            "包钢2011年10月产量3.5万吨，Baogang和Lynas均在ASX、HKEX上市",
            "é1 café2 ü x°C 5G网络 A股 …3 —x",
            "",
            "a",
            "包",
            "纯中文没有拉丁字母的一句话。",
        ];
        for t in texts {
            // Every shift against the 16-byte blocks.
            for pad in 0..20 {
                let s = format!("{}{t}{}", "x".repeat(pad), "钢9".repeat(pad % 7));
                assert_eq!(glued_starts(&s), glued_starts_plain(&s), "{s:?}");
            }
        }
        assert_eq!(glued_starts("在ASX上市"), vec![3]);
    }

    #[test]
    fn prefixed_is_the_plain_check() {
        let pats: Vec<Vec<u8>> = [
            " rare",
            " rare earth",
            " rare earths",
            " ra",
            " d",
            " data",
            "包钢",
            "包钢集团",
            " rare",
            " x",
            "集团",
            " rare earth steel",
            " rb",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
        let plain: Vec<bool> = pats
            .iter()
            .map(|p| pats.iter().any(|q| q.len() < p.len() && p.starts_with(q)))
            .collect();
        assert_eq!(prefixed(&pats), plain);
        assert_eq!(plain.iter().filter(|&&x| x).count(), 7);
    }

    #[test]
    fn key_is_the_table() {
        for b in 0..=255u8 {
            assert_eq!(key_byte(b), KEY[b as usize], "byte {b:#x}");
        }
    }

    fn found<'a>(entries: &'a [Entry], m: &Matcher, text: &'a str) -> Vec<(&'a str, &'a str)> {
        m.find(text)
            .iter()
            .map(|h| (entries[h.entry as usize].id.as_str(), h.span.of(text)))
            .collect()
    }

    #[test]
    fn a_chinese_alias_that_opens_with_a_latin_word_starts_at_a_word() {
        let (e, m) = matcher("org.tcl\torg\tTCL\tTCL集团\npolicy.s232\tpolicy\t-\t232条款\n");
        // The Chinese alias is the longer match at the same word start (it
        // used to lose to the English one, which began at the space before).
        assert_eq!(
            found(&e, &m, "据TCL集团称 TCL集团 和 232条款"),
            vec![
                ("org.tcl", "TCL集团"),
                ("org.tcl", "TCL集团"),
                ("policy.s232", "232条款")
            ]
        );
        // Not inside a word.
        assert_eq!(found(&e, &m, "ETCL集团 1232条款"), vec![]);
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
    fn a_cue_gives_way_to_a_name_inside_it() {
        let (e, m) = matcher(
            "anaphor.gov\tanaphor\tthe ministry|the department\t-\n\
             org.mofcom\torg\tMinistry of Commerce\t-\n\
             org.doe\torg\tDepartment of Energy\t-\n\
             cue.expect\tcue\tis expected to\t-\tclaim=forecast\n",
        );
        assert_eq!(
            found(
                &e,
                &m,
                "approved by the Ministry of Commerce, and the ministry agreed"
            ),
            vec![
                ("org.mofcom", "Ministry of Commerce"),
                ("anaphor.gov", "the ministry")
            ]
        );
        assert_eq!(
            found(&e, &m, "the Department of Energy is expected to act"),
            vec![
                ("org.doe", "Department of Energy"),
                ("cue.expect", "is expected to")
            ]
        );
        // A name no longer than the cue does not take its place.
        assert_eq!(
            found(&e, &m, "the department said"),
            vec![("anaphor.gov", "the department")]
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
