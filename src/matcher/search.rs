//! The matcher's unanchored search: the automaton's own leftmost-longest
//! search, step for step, with its transitions on the key's ASCII bytes
//! looked up in a table.
//!
//! The automaton is a contiguous NFA: each step reads a state's header,
//! looks the byte's class up among its transitions (a row for the states
//! near the root, a list for the rest) and may follow failure transitions
//! before it moves on. English text keeps it below the root almost all the
//! time (most words start some alias: "the", "said", "will"), so a step
//! costs some forty instructions. The key's ASCII bytes are only the space,
//! `a`–`z` and `0`–`9`, and the states those bytes reach from the start
//! state are some 32,000 for the default lexicons. [`Table`] holds, for the
//! shallowest of them (up to [`MAX_ROWS`]), the automaton's transition on
//! each of those bytes, one row per state: a step is then one load. It is
//! the same automaton's transition function, computed ahead of time for
//! part of its domain (what a DFA does for all of it, at 55 MB and 200 ms
//! for these patterns). Other bytes (Chinese, any byte of a key the table
//! has no column for) and steps to states without a row are the
//! automaton's own, and the search returns to the table at the next state
//! that has a row. The matches, and where each search stops, are the
//! automaton's: `table_search_is_the_automatons` checks them against
//! `try_find` on text of every script, `table_is_the_automatons_transitions`
//! every entry against `next_state`.
//!
//! Chinese text leaves the table at almost every character. Outside it, a
//! three-byte character that starts no pattern is passed over in one step
//! from the start state ([`Table::passes`]), and a character read from any
//! other state is looked up in the thread's [`Memo`] of the automaton's
//! steps over whole characters before the automaton takes them byte by
//! byte.
//!
//! A search begins by passing over the bytes that do not leave the start
//! state, eight at a time ([`Table::skip`]). Within a search, a step back to
//! the start state is an ordinary step: flagging it, so that the search
//! could pass over the rest of a word that starts no alias, cost more in
//! mispredicted branches (about one per English word) than it saved.
//! Criterion, matcher alone on English text: 118–128 MB/s with the flag,
//! 143–149 without; the raw scan 161–167 against 202–204.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, Match, PatternID};

use crate::pages::Pages;
use crate::swar::{eq_byte, HIGH};

/// Columns of the table: space, `a`–`z`, `0`–`9`, and one for every other
/// byte.
const COLUMNS: usize = 38;

/// The column of every byte other than the key's ASCII bytes: its entry in
/// every row is [`EXIT`].
const OTHER: u8 = 37;

/// The bytes of the columns, most frequent in English first: the steps of
/// a row through common letters then fall in its first 64 bytes, and the
/// table's hot entries share fewer cache lines.
const BYTES: &[u8; 37] = b" etaoinshrdlcumwfgypbvk0123456789jxqz";

/// Column of each byte.
const COLUMN: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut i = 0;
    while i < BYTES.len() {
        t[BYTES[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// The byte of each column but [`OTHER`].
fn column_byte(column: usize) -> u8 {
    BYTES[column]
}

// A table entry is the next state's row offset (its row index times
// `COLUMNS`), with flag bits. One test of `SPECIAL` keeps the common step
// (an ordinary state) to a load, a test and a move.

/// Some other bit below is set.
const SPECIAL: u32 = 1 << 31;
/// The next state is a match state.
const MATCH: u32 = 1 << 30;
/// The next state is the dead state: the search is over.
const DEAD: u32 = 1 << 29;
/// The byte has no column: the automaton takes the step.
const EXIT: u32 = 1 << 28;
/// The row offset of an entry.
const ROW: u32 = EXIT - 1;

/// A state with no row.
const NO_ROW: u32 = u32::MAX;

/// Most rows in a table: the shallowest 16,384 states (2.5 MB); deeper
/// ones stay in the automaton only. Criterion, matcher alone on English
/// text: 107 MB/s with the shallowest 500 states in the table, 127 with
/// 2,000, 157 with 6,000, 163 with 16,000 and 160 with all 32,000 states of
/// the default lexicons (4.9 MB); the full extraction ran alike from 5,000
/// states up. The cap halves the time to build the table (4 ms against 7,
/// most of it the pages of the table) and bounds it for large lexicons.
pub(super) const MAX_ROWS: usize = 1 << 14;

/// The transition table and what the search needs besides.
#[derive(Clone, Debug)]
pub(super) struct Table {
    /// `COLUMNS` entries per state (see [`SPECIAL`]); row 0 is the
    /// unanchored start state's.
    rows: Pages<u32>,
    /// The automaton's state of each row.
    states: Box<[StateID]>,
    /// The first match of each row's state (pattern and length), if it is a
    /// match state.
    matches: Box<[Option<(PatternID, u32)>]>,
    /// Row index of each automaton state that has one, by state id, or
    /// [`NO_ROW`].
    row_of: Box<[u32]>,
    /// `leaves[b]`: byte `b` takes the start state elsewhere.
    leaves: [bool; 256],
    /// Of the ASCII bytes only the space leaves the start state, so a byte
    /// that leaves is a space or a non-ASCII byte, tested eight at a time.
    only_space: bool,
    /// The automaton's unanchored start state.
    start: StateID,
    /// [`Table::passes_char`]: one bit per three-byte UTF-8 sequence (a
    /// lead byte `E0`–`EF` and two continuation bytes), set when the
    /// automaton, from the start state, reads it back to the start state
    /// with no match: a character (most often Chinese) that starts no
    /// pattern, passed over in one step instead of three.
    passes: Box<[u64]>,
    /// This table's number among all built (for [`Memo`]).
    id: u64,
    /// Every state id of the automaton fits a [`Memo`] entry (below
    /// [`MEMO_STATES`]); else the search steps without the memo.
    memo_fits: bool,
}

/// Entries of a [`Memo`] (a power of two).
const MEMO_ENTRIES: usize = 1 << 15;

/// An empty [`Memo`] entry (its state, `MEMO_STATES - 1`, is none the memo
/// is used with).
const MEMO_EMPTY: u64 = u64::MAX;

/// State ids a [`Memo`] entry holds: 24 bits for the state after, and 40
/// bits for the tag (state and character index) above them. The default
/// lexicons' automaton takes under 2^18.
const MEMO_STATES: u64 = 1 << 24;

/// The automaton's steps over whole three-byte characters, as a search
/// met them: state and character to the state after the character. A step
/// from a state other than the start state costs the automaton three of its
/// own (a lookup among the state's transitions and failure transitions each);
/// Chinese text spends about two thirds of its characters in such states,
/// and [`MEMO_ENTRIES`] (32,768) of the pairs met catch 78% of them on the
/// bulk corpus (72% with 16,384, 58% with 4,096; 83% with 65,536 entries of
/// the earlier sixteen bytes was slower: the memo left the L2). Its 256 KB
/// are entries of eight bytes. Direct-mapped, one per thread, for the table
/// it was last used with.
pub(super) struct Memo {
    table: u64,
    /// (state << 16 | character) << 24 | state after it: eight bytes, so
    /// that twice as many share the cache.
    entries: Box<[u64]>,
}

impl Memo {
    pub(super) fn new() -> Memo {
        Memo {
            table: u64::MAX,
            entries: vec![MEMO_EMPTY; MEMO_ENTRIES].into(),
        }
    }

    /// Empties the memo unless it holds `table`'s steps.
    fn for_table(&mut self, table: &Table) {
        if self.table != table.id {
            self.entries.fill(MEMO_EMPTY);
            self.table = table.id;
        }
    }
}

/// Tables built so far, for [`Table::id`].
static TABLES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The index of a three-byte sequence in [`Table::passes`]: its 16 bits of
/// payload (a bijection on lead `E0`–`EF` and continuations `80`–`BF`).
#[inline(always)]
fn char_index(lead: u8, second: u8, third: u8) -> usize {
    (usize::from(lead & 0x0F) << 12) | (usize::from(second & 0x3F) << 6) | usize::from(third & 0x3F)
}

/// The bytes and [`char_index`] of the three-byte sequence (lead `E0`–`EF`,
/// two continuation bytes) that `key[at..]` starts with, if it does.
#[inline(always)]
fn char_at(key: &[u8], at: usize) -> Option<([u8; 3], usize)> {
    match key.get(at..at + 3) {
        Some(&[x, y, z]) if x & 0xF0 == 0xE0 && y & 0xC0 == 0x80 && z & 0xC0 == 0x80 => {
            Some(([x, y, z], char_index(x, y, z)))
        }
        _ => None,
    }
}

/// For every three-byte sequence, whether the automaton reads it from
/// `start` back to `start` with no match on the way (see
/// [`Table::passes`]).
fn passing_chars(ac: &NFA, start: StateID) -> Box<[u64]> {
    let mut bits = vec![0u64; (1 << 16) / 64];
    let back = |sid: StateID, b: u8| {
        let next = ac.next_state(Anchored::No, sid, b);
        (!ac.is_special(next) || !(ac.is_match(next) || ac.is_dead(next))).then_some(next)
    };
    // The continuations from the start state, the same for every sequence
    // whose first two bytes lead back to it.
    let from_start: Vec<bool> = (0x80..=0xBFu8)
        .map(|z| back(start, z) == Some(start))
        .collect();
    for x in 0xE0..=0xEFu8 {
        let Some(s1) = back(start, x) else { continue };
        for y in 0x80..=0xBFu8 {
            let Some(s2) = back(s1, y) else { continue };
            for z in 0x80..=0xBFu8 {
                let passes = match s2 == start {
                    true => from_start[usize::from(z - 0x80)],
                    false => back(s2, z) == Some(start),
                };
                if passes {
                    let i = char_index(x, y, z);
                    bits[i / 64] |= 1 << (i % 64);
                }
            }
        }
    }
    bits.into()
}

impl Table {
    /// The table of `ac`, the automaton of the patterns `pats`: every state
    /// the key's ASCII bytes reach from the start state.
    ///
    /// Asking the automaton for each entry (`next_state`, which follows
    /// failure transitions) took 20 ms for the default lexicons. The table
    /// is built the way an Aho-Corasick DFA is instead. The states are the
    /// trie's, found by walking each pattern's ASCII prefix with anchored
    /// steps (which take trie transitions only). Then, shallowest first, a
    /// state's row is its failure state's row with its own trie transitions
    /// written over it. Failure states are the automaton's: under leftmost
    /// semantics a state with a match of its own (a pattern as long as its
    /// depth) fails to the dead state; any other child of `s` on byte `b`
    /// fails to the entry for `b` in the row of `s`'s failure state.
    /// `table_is_the_automatons_transitions` checks every entry against
    /// `next_state`.
    ///
    /// Only the shallowest `max_rows` states (at least the start state) get
    /// a row: a step to a state left out is the automaton's, and the search
    /// comes back to the table at the next state that has a row.
    pub(super) fn new(ac: &NFA, pats: &[Vec<u8>], max_rows: usize) -> Table {
        let max_rows = max_rows.max(1);
        // A contiguous NFA supports both kinds of start.
        let start = ac
            .start_state(Anchored::No)
            .expect("an NFA has an unanchored start state");
        // Passing over the start state would miss a match there (an empty
        // pattern, which the lexicon never makes).
        let skip_start = !ac.is_match(start);
        let mut b = Builder {
            ac,
            row_of: Vec::new(),
            states: Vec::new(),
            matches: Vec::new(),
            depths: Vec::new(),
            edges: Vec::new(),
        };
        b.add(start, 0);
        // The trie's states and transitions on the table's bytes.
        for pat in pats {
            let (mut sid, mut row) = (start, 0);
            for (depth, &byte) in (1..).zip(pat) {
                let column = COLUMN[usize::from(byte)];
                if column == OTHER {
                    break;
                }
                let next = ac.next_state(Anchored::Yes, sid, byte);
                if ac.is_dead(next) || next == start {
                    break;
                }
                let child = match b.row(next) {
                    Some(r) => r,
                    None => {
                        let r = b.add(next, depth);
                        b.edges.push((row, column, r));
                        r
                    }
                };
                (sid, row) = (next, child);
            }
        }
        // Rows in breadth-first order: the shallow states, where English
        // text spends most steps, share cache lines, and a failure state
        // (shallower than its state) is filled before the rows that copy it.
        b.renumber_by_depth();
        // Edges by parent row (a counting sort: linear, for the build's
        // sake).
        let parents: Vec<u32> = b.edges.iter().map(|e| e.0).collect();
        b.edges = permute(&b.edges, &stable_order(&parents));
        b.truncate(max_rows);
        let n = b.states.len();
        let mut fails = vec![NO_FAIL; n];
        let mut rows = vec![SPECIAL | DEAD; n * COLUMNS];
        for r in 0..n {
            let span = r * COLUMNS..(r + 1) * COLUMNS;
            if r == 0 {
                // The start state: the automaton's own transitions (its
                // loop on bytes that start no pattern included).
                for (column, slot) in rows[..usize::from(OTHER)].iter_mut().enumerate() {
                    let next = ac.next_state(Anchored::No, start, column_byte(column));
                    *slot = if ac.is_dead(next) {
                        SPECIAL | DEAD
                    } else {
                        // (No row: a state left out of the table.)
                        b.row(next).map_or(SPECIAL | EXIT, |row| b.entry(row, next))
                    };
                }
            } else if fails[r] != NO_FAIL {
                let from = fails[r] as usize * COLUMNS;
                rows.copy_within(from..from + COLUMNS, span.start);
            }
            rows[span.start + usize::from(OTHER)] = SPECIAL | EXIT;
            let first = b.edges.partition_point(|&(p, _, _)| (p as usize) < r);
            for &(_, column, child) in b.edges[first..].iter().take_while(|e| e.0 as usize == r) {
                let slot = span.start + usize::from(column);
                if child as usize >= n {
                    // A state left out of the table: the automaton steps.
                    rows[slot] = SPECIAL | EXIT;
                    continue;
                }
                let inherited = rows[slot];
                // The failure state is shallower than the child, so it has a
                // row whenever the child has one.
                debug_assert!(inherited & EXIT == 0, "row {r}, column {column}");
                let sid = b.states[child as usize];
                fails[child as usize] = if r == 0 {
                    0
                } else if inherited & DEAD != 0 {
                    NO_FAIL
                } else {
                    (inherited & ROW) / COLUMNS as u32
                };
                if b.own_match(child) {
                    fails[child as usize] = NO_FAIL;
                }
                rows[slot] = b.entry(child, sid);
            }
        }
        let mut leaves = [true; 256];
        if skip_start {
            for (b, leaves) in (0..=255u8).zip(leaves.iter_mut()) {
                *leaves = ac.next_state(Anchored::No, start, b) != start;
            }
        }
        let only_space = (0..0x80u8).all(|b| leaves[usize::from(b)] == (b == b' '));
        Table {
            rows: Pages::from_slice(&rows),
            states: b.states.into(),
            matches: b.matches.into(),
            row_of: b.row_of.into(),
            leaves,
            only_space,
            start,
            passes: passing_chars(ac, start),
            id: TABLES.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            // A state id is an offset into the automaton's memory.
            memo_fits: (ac.memory_usage() as u64) < MEMO_STATES - 1,
        }
    }

    /// The automaton's state after the three-byte sequence at `key[at..]`
    /// from `sid`, or `None` when `key[at..]` starts with no such sequence
    /// or the automaton meets a match inside it (which no pattern of whole
    /// characters makes). A dead state on the way is the result.
    #[inline]
    fn char_step(
        &self,
        ac: &NFA,
        memo: &mut Memo,
        sid: StateID,
        key: &[u8],
        at: usize,
    ) -> Option<StateID> {
        let (bytes, index) = char_at(key, at)?;
        let tag = (sid.as_u64() << 16) | index as u64;
        let slot = (tag.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - MEMO_ENTRIES.trailing_zeros()))
            as usize;
        let entry = &mut memo.entries[slot];
        if self.memo_fits && *entry >> 24 == tag {
            return Some(StateID::new_unchecked(
                (*entry & (MEMO_STATES - 1)) as usize,
            ));
        }
        let mut next = sid;
        for (k, b) in bytes.into_iter().enumerate() {
            next = ac.next_state(Anchored::No, next, b);
            if ac.is_special(next) {
                if ac.is_dead(next) {
                    break;
                }
                if k < 2 && ac.is_match(next) {
                    return None;
                }
            }
        }
        if self.memo_fits {
            *entry = tag << 24 | next.as_u64();
        }
        Some(next)
    }

    /// Whether `key[at..]` starts with a three-byte sequence that the
    /// automaton reads from the start state back to it with no match.
    #[inline(always)]
    fn passes_char(&self, key: &[u8], at: usize) -> bool {
        char_at(key, at).is_some_and(|(_, i)| self.passes[i / 64] >> (i % 64) & 1 != 0)
    }

    /// Number of states with a row.
    #[cfg(test)]
    pub(super) fn states(&self) -> usize {
        self.states.len()
    }

    /// Bytes the table takes.
    #[cfg(test)]
    pub(super) fn heap_bytes(&self) -> usize {
        self.rows.len() * 4
            + self.states.len() * std::mem::size_of::<StateID>()
            + self.matches.len() * std::mem::size_of::<Option<(PatternID, u32)>>()
            + self.row_of.len() * 4
    }

    /// The row offset of automaton state `sid`, if it has a row.
    #[inline]
    fn row_of(&self, sid: StateID) -> Option<u32> {
        self.row_of
            .get(sid.as_usize())
            .filter(|&&r| r != NO_ROW)
            .map(|&r| r * COLUMNS as u32)
    }

    /// The leftmost-longest match of `ac` (the automaton this table was made
    /// from) in `key[at..]`: what `ac.try_find` answers for an unanchored
    /// search of that span.
    #[inline]
    pub(super) fn find(
        &self,
        ac: &NFA,
        memo: &mut Memo,
        key: &[u8],
        mut at: usize,
    ) -> Option<Match> {
        memo.for_table(self);
        let mut found = None;
        // The row offset of the current state, while it has one.
        let mut row: u32 = 0;
        // The search begins in the start state (`skip` passes over nothing
        // when the start state is a match state: every byte leaves it).
        at = self.skip(key, at);
        'table: loop {
            // The current state has a row: steps by the table.
            while let Some(&b) = key.get(at) {
                let next = self.rows[(row + u32::from(COLUMN[usize::from(b)])) as usize];
                if next & SPECIAL == 0 {
                    row = next;
                    at += 1;
                    continue;
                }
                if next & (DEAD | EXIT) != 0 {
                    if next & DEAD != 0 {
                        return found;
                    }
                    break;
                }
                // Flagged, neither dead nor out of the table: a match state.
                row = next & ROW;
                at += 1;
                if let Some((pid, len)) = self.matches[row as usize / COLUMNS] {
                    found = Some(Match::new(pid, at - len as usize..at));
                }
            }
            if at >= key.len() {
                return found;
            }
            // A byte with no column: the automaton's own steps, back to the
            // table at the first state that has a row before an ASCII byte.
            let mut sid = self.states[row as usize / COLUMNS];
            while let Some(&b) = key.get(at) {
                if sid == self.start && self.passes_char(key, at) {
                    at += 3;
                    while self.passes_char(key, at) {
                        at += 3;
                    }
                    if key.get(at).is_some_and(|&b| b < 0x80) {
                        row = 0;
                        continue 'table;
                    }
                    continue;
                }
                // A whole character in one step (`char_step`, through the
                // memo) where it can, else one byte of the automaton's.
                match (b >= 0xE0)
                    .then(|| self.char_step(ac, memo, sid, key, at))
                    .flatten()
                {
                    Some(next) => (sid, at) = (next, at + 3),
                    None => (sid, at) = (ac.next_state(Anchored::No, sid, b), at + 1),
                }
                if ac.is_special(sid) {
                    if ac.is_dead(sid) {
                        return found;
                    }
                    if ac.is_match(sid) {
                        let pid = ac.match_pattern(sid, 0);
                        found = Some(Match::new(pid, at - ac.pattern_len(pid)..at));
                    }
                }
                if key.get(at).is_some_and(|&b| b < 0x80) {
                    if let Some(r) = self.row_of(sid) {
                        row = r;
                        continue 'table;
                    }
                }
            }
            return found;
        }
    }

    /// The first offset from `at` whose byte leaves the start state, or the
    /// length of `key`.
    #[inline(always)]
    fn skip(&self, key: &[u8], mut at: usize) -> usize {
        if self.only_space {
            while let Some(block) = key.get(at..at + 8) {
                let w = u64::from_le_bytes(block.try_into().expect("eight bytes"));
                // A space (the lowest flagged byte is exact, which is the
                // one taken) or a byte with the high bit set.
                let hits = eq_byte(w, b' ') | (w & HIGH);
                if hits != 0 {
                    return at + (hits.trailing_zeros() / 8) as usize;
                }
                at += 8;
            }
        }
        while let Some(&b) = key.get(at) {
            if !self.leaves[usize::from(b)] {
                at += 1;
            } else if self.passes_char(key, at) {
                at += 3;
            } else {
                return at;
            }
        }
        key.len()
    }
}

/// A failure state that is the dead state.
const NO_FAIL: u32 = u32::MAX;

/// The indexes of `keys` in the order of their keys (stable): a counting
/// sort, for keys that are small (depths, row indexes).
fn stable_order(keys: &[u32]) -> Vec<u32> {
    let max = keys.iter().copied().max().map_or(0, |m| m as usize + 1);
    let mut start = vec![0u32; max + 1];
    for &k in keys {
        start[k as usize + 1] += 1;
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut order = vec![0u32; keys.len()];
    for (i, &k) in keys.iter().enumerate() {
        order[start[k as usize] as usize] = i as u32;
        start[k as usize] += 1;
    }
    order
}

/// `v` in the order `order` (indexes into `v`).
fn permute<T: Copy>(v: &[T], order: &[u32]) -> Vec<T> {
    order.iter().map(|&i| v[i as usize]).collect()
}

/// The table's states while it is built.
struct Builder<'a> {
    ac: &'a NFA,
    row_of: Vec<u32>,
    states: Vec<StateID>,
    matches: Vec<Option<(PatternID, u32)>>,
    /// Depth in the trie (bytes from the start state) of each row.
    depths: Vec<u32>,
    /// Trie transitions: parent row, column, child row.
    edges: Vec<(u32, u8, u32)>,
}

impl Builder<'_> {
    /// Adds a row for `sid` at `depth`; returns its index.
    fn add(&mut self, sid: StateID, depth: u32) -> u32 {
        let ac = self.ac;
        let row = u32::try_from(self.states.len()).expect("fewer than 2^32 states");
        assert!(
            (row as usize + 1) * COLUMNS <= ROW as usize,
            "too many states for the table"
        );
        let i = sid.as_usize();
        if self.row_of.len() <= i {
            self.row_of.resize(i + 1, NO_ROW);
        }
        self.row_of[i] = row;
        self.states.push(sid);
        self.matches.push(ac.is_match(sid).then(|| {
            let pid = ac.match_pattern(sid, 0);
            (pid, ac.pattern_len(pid) as u32)
        }));
        self.depths.push(depth);
        row
    }

    /// Renumbers the rows shallowest first (the start state stays row 0).
    fn renumber_by_depth(&mut self) {
        let order = stable_order(&self.depths);
        let mut new = vec![0u32; order.len()];
        for (i, &old) in order.iter().enumerate() {
            new[old as usize] = i as u32;
        }
        self.states = permute(&self.states, &order);
        self.depths = permute(&self.depths, &order);
        self.matches = permute(&self.matches, &order);
        for r in self.row_of.iter_mut().filter(|r| **r != NO_ROW) {
            *r = new[*r as usize];
        }
        for (parent, _, child) in &mut self.edges {
            (*parent, *child) = (new[*parent as usize], new[*child as usize]);
        }
    }

    /// Keeps the first `n` rows.
    fn truncate(&mut self, n: usize) {
        if n >= self.states.len() {
            return;
        }
        for &sid in &self.states[n..] {
            self.row_of[sid.as_usize()] = NO_ROW;
        }
        self.states.truncate(n);
        self.depths.truncate(n);
        self.matches.truncate(n);
    }

    /// The row of `sid`, if it has one.
    fn row(&self, sid: StateID) -> Option<u32> {
        self.row_of
            .get(sid.as_usize())
            .copied()
            .filter(|&r| r != NO_ROW)
    }

    /// The state of `row` has a match of its own, not only ones copied from
    /// its failure state (which are shorter): it ends a leftmost search.
    fn own_match(&self, row: u32) -> bool {
        let (ac, sid) = (self.ac, self.states[row as usize]);
        let depth = self.depths[row as usize] as usize;
        // (`match_len` is only for match states.)
        ac.is_match(sid)
            && (0..ac.match_len(sid)).any(|k| ac.pattern_len(ac.match_pattern(sid, k)) == depth)
    }

    /// The entry for a transition to `sid`, whose row is `row`.
    fn entry(&self, row: u32, sid: StateID) -> u32 {
        let mut entry = row * COLUMNS as u32;
        if self.ac.is_match(sid) {
            entry |= SPECIAL | MATCH;
        }
        entry
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::Matcher;
    use aho_corasick::Input;
    use proptest::prelude::*;

    fn default_matcher() -> Matcher {
        crate::Extractor::new()
            .expect("embedded lexicons")
            .matcher()
            .clone()
    }

    /// The table's search from every offset of `key` against the
    /// automaton's own.
    fn agrees(m: &Matcher, key: &[u8]) {
        // One memo for all the searches, as a thread's searches share it.
        let mut memo = Memo::new();
        for at in 0..=key.len() {
            let want = m.ac.try_find(&Input::new(key).span(at..key.len())).unwrap();
            assert_eq!(
                m.table.find(&m.ac, &mut memo, key, at),
                want,
                "from {at} in {:?}",
                String::from_utf8_lossy(key)
            );
        }
    }

    /// Match after match from the start of `key`, as a search over a whole
    /// text goes: linear in the key, for long keys.
    fn agrees_along(m: &Matcher, key: &[u8]) -> usize {
        let (mut at, mut found) = (0, 0);
        let mut memo = Memo::new();
        loop {
            let want = m.ac.try_find(&Input::new(key).span(at..key.len())).unwrap();
            assert_eq!(m.table.find(&m.ac, &mut memo, key, at), want, "from {at}");
            match want {
                Some(w) => (at, found) = (w.end(), found + 1),
                None => return found,
            }
        }
    }

    /// Every three-byte sequence's bit against the automaton's own steps.
    #[test]
    fn passed_chars_are_the_automatons() {
        let m = default_matcher();
        let (ac, t) = (&m.ac, &m.table);
        let mut passed = 0;
        for x in 0xE0..=0xEFu8 {
            for y in 0x80..=0xBFu8 {
                for z in 0x80..=0xBFu8 {
                    let mut sid = t.start;
                    let mut clean = true;
                    for b in [x, y, z] {
                        sid = ac.next_state(Anchored::No, sid, b);
                        clean &= !ac.is_match(sid) && !ac.is_dead(sid);
                    }
                    let want = clean && sid == t.start;
                    assert_eq!(t.passes_char(&[x, y, z], 0), want, "{x:x} {y:x} {z:x}");
                    passed += usize::from(want);
                }
            }
        }
        // Most of the 65,536 pass; the first characters of the Chinese
        // aliases do not.
        assert!(passed > 60_000 && passed < 65_536 - 500, "{passed}");
        assert!(!t.passes_char("稀".as_bytes(), 0));
        assert!(!t.passes_char("包".as_bytes(), 0));
        assert!(t.passes_char("的".as_bytes(), 0));
        // Not a three-byte sequence, or cut short.
        assert!(!t.passes_char(b"\xe7\x9a", 0));
        assert!(!t.passes_char(b"\xe7\x9a\x41", 0));
    }

    /// Chinese text of every common character, with aliases among them.
    #[test]
    fn chinese_search_is_the_automatons() {
        let m = default_matcher();
        assert!(m.table.memo_fits);
        chinese_search_agrees(&m);
        // An automaton too big for the memo's entries: no memo.
        let mut m = m;
        m.table.memo_fits = false;
        chinese_search_agrees(&m);
    }

    fn chinese_search_agrees(m: &Matcher) {
        let mut text = String::new();
        for (i, c) in ('\u{4E00}'..='\u{9FFF}').enumerate() {
            text.push(c);
            match i % 50 {
                0 => text.push_str("包钢集团"),
                17 => text.push_str("稀土永磁"),
                33 => text.push_str(" 3.5万吨 rare earth "),
                _ => {}
            }
        }
        let found = agrees_along(m, &Matcher::key(&text));
        assert!(found > 1_000, "{found}");
        // From inside characters and around the aliases too.
        let key = Matcher::key(&text[..3_000]);
        agrees(m, &key);
    }

    #[test]
    fn table_search_is_the_automatons() {
        let m = default_matcher();
        // The samples (English and Chinese), as keys and as raw bytes (with
        // capitals and punctuation, which the table has no column for).
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/samples")).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for chunk in text.as_bytes().chunks(700).take(6) {
                let s = String::from_utf8_lossy(chunk);
                agrees(&m, &Matcher::key(&s));
                agrees(&m, s.as_bytes());
            }
        }
        for text in [
            "",
            " ",
            "the company said it will",
            "Baogang Group 包钢集团计划将稀土 output to 3.5万吨 in 2025",
            "在ASX上市的Lynas Rare Earths said",
            "rare earthly matters; the ministry of commerce",
            "café £5 naïve — “quoted” ‘single’ 2026…",
        ] {
            agrees(&m, &Matcher::key(text));
            agrees(&m, text.as_bytes());
        }
    }

    /// Every entry of the table against the automaton's `next_state`, and
    /// every state the key's ASCII bytes reach has a row.
    fn transitions_agree(m: &Matcher) {
        let (ac, t) = (&m.ac, &m.table);
        let start = ac.start_state(Anchored::No).unwrap();
        assert_eq!(t.states[0], start);
        for (r, &sid) in t.states.iter().enumerate() {
            for column in 0..COLUMNS {
                let entry = t.rows[r * COLUMNS + column];
                if column == usize::from(OTHER) {
                    assert_eq!(entry, SPECIAL | EXIT);
                    continue;
                }
                let want = ac.next_state(Anchored::No, sid, column_byte(column));
                let at = format!("row {r} ({sid:?}), column {column}: {entry:#x}, want {want:?}");
                if entry == SPECIAL | EXIT {
                    // Only a step to a state the table leaves out.
                    assert!(!ac.is_dead(want) && t.row_of(want).is_none(), "{at}");
                    continue;
                }
                if ac.is_dead(want) {
                    assert_eq!(entry, SPECIAL | DEAD, "{at}");
                    continue;
                }
                let row = (entry & ROW) as usize / COLUMNS;
                assert_eq!(t.states[row], want, "{at}");
                assert_eq!(entry & MATCH != 0, ac.is_match(want), "{at}");
                assert_eq!(entry & SPECIAL != 0, entry & MATCH != 0, "{at}");
                assert_eq!(t.matches[row].is_some(), ac.is_match(want), "{at}");
            }
        }
    }

    #[test]
    fn table_is_the_automatons_transitions() {
        transitions_agree(&default_matcher());
        for tsv in [
            "org.x\torg\tAb Cd|ab|=AB|b c d\t甲乙\n",
            "m.x\tmaterial\trare earth|rare earths|earth|rare|are e\t-\n",
            "c.x\tcue\tsaid|said to be|to be|be\t-\tclaim=fact\n",
        ] {
            let entries = crate::lexicon::parse("t.tsv", tsv).unwrap();
            let m = Matcher::new(&entries).unwrap();
            transitions_agree(&m);
            agrees(
                &m,
                &Matcher::key("said to be rare earths; are earth b c d ab cd 甲乙"),
            );
        }
    }

    #[test]
    fn a_table_of_the_shallowest_states_only() {
        let entries = crate::Extractor::new().unwrap().entries().to_vec();
        for rows in [1, 2, 40, 1000] {
            let m = Matcher::with_table_rows(&entries, rows).unwrap();
            assert_eq!(m.table.states(), rows);
            transitions_agree(&m);
            for text in [
                "The company said it will raise rare earth output to 3.5万吨.",
                "包钢集团计划将稀土 Baogang Group, TCL集团 and the Ministry of Commerce",
            ] {
                agrees(&m, &Matcher::key(text));
            }
        }
    }

    #[test]
    fn the_table_covers_the_default_lexicons() {
        let m = default_matcher();
        // Every Latin alias starts with the word-start space, so only the
        // space takes the start state elsewhere among ASCII bytes. The
        // Latin aliases reach some 32,000 states; the table holds the
        // shallowest of them, up to its cap, and stays small.
        assert!(m.table.only_space);
        assert_eq!(m.table.states(), MAX_ROWS);
        assert!(
            m.table.heap_bytes() < 4 << 20,
            "{} bytes",
            m.table.heap_bytes()
        );
    }

    /// Every step the memo answers is the automaton's, from states deep in
    /// it too (ids beyond 16 bits): each step is taken twice, the second
    /// time from the memo.
    #[test]
    fn memo_steps_are_the_automatons() {
        let m = default_matcher();
        let t = &m.table;
        let top = t.states.iter().map(|s| s.as_usize()).max().unwrap_or(0);
        assert!(top > 1 << 16, "{top}");
        let chars = "钢土集团永磁稀价格万吨的了。".as_bytes();
        let mut memo = Memo::new();
        memo.for_table(t);
        let mut stepped = 0;
        for &sid in t.states.iter() {
            for at in (0..chars.len()).step_by(3) {
                let mut next = sid;
                let mut inside = false;
                for (k, &b) in chars[at..at + 3].iter().enumerate() {
                    next = m.ac.next_state(Anchored::No, next, b);
                    inside |= k < 2 && m.ac.is_match(next);
                }
                let want = (!inside).then_some(next);
                let first = t.char_step(&m.ac, &mut memo, sid, chars, at);
                let second = t.char_step(&m.ac, &mut memo, sid, chars, at);
                assert_eq!((first, second), (want, want), "{sid:?} at {at}");
                stepped += usize::from(next != m.ac.start_state(Anchored::No).unwrap());
            }
        }
        assert!(stepped > 1_000, "{stepped}");
    }

    /// A thread's memo passes from one table to another (two extractors on
    /// one thread) without a step of one standing for a step of the other.
    #[test]
    fn one_memo_for_two_tables() {
        let big = default_matcher();
        let entries = crate::lexicon::parse("t.tsv", "org.x\torg\t-\t稀土永磁|土永\n").unwrap();
        let small = Matcher::new(&entries).unwrap();
        let key = Matcher::key("稀土永磁产业 包钢集团稀土 土永磁 稀土永 中国稀土集团");
        let mut memo = Memo::new();
        let filled = |memo: &Memo| memo.entries.iter().filter(|&&e| e != MEMO_EMPTY).count();
        // The small table's steps, then the big one's: the memo starts over.
        small.table.find(&small.ac, &mut memo, &key, 0);
        assert!(filled(&memo) > 0);
        big.table.find(&big.ac, &mut memo, b" the", 0);
        assert_eq!((memo.table, filled(&memo)), (big.table.id, 0));
        for _ in 0..3 {
            for m in [&big, &small] {
                let mut at = 0;
                loop {
                    let want =
                        m.ac.try_find(&Input::new(&key).span(at..key.len()))
                            .unwrap();
                    assert_eq!(m.table.find(&m.ac, &mut memo, &key, at), want, "from {at}");
                    let Some(w) = want else { break };
                    at = w.end();
                }
            }
        }
    }

    #[test]
    fn a_small_lexicon_has_a_small_table() {
        let entries = crate::lexicon::parse("t.tsv", "org.x\torg\tAb Cd|ab|=AB\t甲乙\n").unwrap();
        let m = Matcher::new(&entries).unwrap();
        agrees(&m, &Matcher::key("ab cd ab 甲乙 abc ab cdx 甲"));
        assert!(m.table.states() < 10, "{}", m.table.states());
    }

    #[test]
    fn stable_order_is_a_stable_sort() {
        for keys in [
            vec![],
            vec![0],
            vec![3, 1, 2, 1, 0, 3, 3],
            vec![5; 4],
            (0..50).rev().collect(),
        ] {
            let mut want: Vec<u32> = (0..keys.len() as u32).collect();
            want.sort_by_key(|&i| keys[i as usize]);
            assert_eq!(stable_order(&keys), want, "{keys:?}");
        }
    }

    proptest! {
        #[test]
        fn any_text(text in "[ a-zA-Z0-9.,'\\-包钢集团稀土计划将萬吨é£—]{0,60}") {
            let m = MATCHER.with(|m| m.clone());
            agrees(&m, &Matcher::key(&text));
            agrees(&m, text.as_bytes());
        }

        #[test]
        fn any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..60)) {
            let m = MATCHER.with(|m| m.clone());
            agrees(&m, &bytes);
        }
    }

    thread_local! {
        static MATCHER: Matcher = default_matcher();
    }
}
