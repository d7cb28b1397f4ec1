//! Table lookups the scan runs at every byte, word or character, and the
//! word tables the parsers look words up in.
//!
//! Most of a text holds no figure. The scan skips it eight bytes, a word or
//! a character at a time with a table lookup each, and hands only candidates
//! (digits, number words and the few others in [`TRIGGER_WORDS`], Chinese
//! numerals and the characters in [`TRIGGER_CHARS`]) to the parsers.
//!
//! Short English words are compared as numbers: a word of up to fifteen
//! bytes is one `u128` ([`key`]), so a lookup in a fixed list ([`WordSet`])
//! is a hash probe and a `match` over words ([`kw`] constants) compares
//! integers. Chinese word lists are indexed by their first character
//! ([`PrefixSet`]). Every table is built at compile time.

use super::en::{self, W};
use crate::swar::{in_range, HIGH, ONES};

/// What a byte is to the scan.
pub(crate) const OTHER: u8 = 0;
/// `0`-`9`.
pub(crate) const DIGIT: u8 = 1;
/// `A`-`Z`, `a`-`z`.
pub(crate) const ALPHA: u8 = 2;
/// `.`, which may start `.08`.
pub(crate) const DOT: u8 = 3;
/// A byte that starts a multi-byte character.
pub(crate) const LEAD: u8 = 4;
/// A UTF-8 continuation byte (never a char boundary).
pub(crate) const CONT: u8 = 5;

/// The class of every byte.
pub(crate) static BYTE: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_alphabetic() {
            ALPHA
        } else if c == b'.' {
            DOT
        } else if c >= 0xC0 {
            LEAD
        } else if c >= 0x80 {
            CONT
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

/// ASCII letters and digits.
#[inline]
pub(crate) fn is_alnum(c: u8) -> bool {
    matches!(BYTE[c as usize], DIGIT | ALPHA)
}

/// The high bit of each byte of `x` that is an ASCII letter.
#[inline]
fn letters(x: u64) -> u64 {
    // Seven low bits of each byte, folded to lower case: adding to them
    // never carries over into the next byte.
    let t = (x & !HIGH) | (ONES * 0x20);
    in_range(t, b'a', b'z') & !x & HIGH
}

/// The end of the run of ASCII letters at `i`, eight bytes at a time.
#[inline]
pub(crate) fn letters_end(b: &[u8], mut i: usize) -> usize {
    while let Some(&[x0, x1, x2, x3, x4, x5, x6, x7]) = b.get(i..i + 8) {
        let x = u64::from_le_bytes([x0, x1, x2, x3, x4, x5, x6, x7]);
        let stop = !letters(x) & HIGH;
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i].is_ascii_alphabetic() {
        i += 1;
    }
    i
}

/// The end of the run of ASCII letters and digits at `i`, eight bytes at a
/// time, and whether there is a digit in it.
#[inline]
pub(crate) fn alnum_end(b: &[u8], mut i: usize) -> (usize, bool) {
    // Letters eight at a time; a digit (rare in words) ends the fast part.
    while let Some(&[x0, x1, x2, x3, x4, x5, x6, x7]) = b.get(i..i + 8) {
        let x = u64::from_le_bytes([x0, x1, x2, x3, x4, x5, x6, x7]);
        let stop = !letters(x) & HIGH;
        if stop != 0 {
            i += (stop.trailing_zeros() / 8) as usize;
            if !b[i].is_ascii_digit() {
                return (i, false);
            }
            break;
        }
        i += 8;
    }
    let mut digit = false;
    while i < b.len() && is_alnum(b[i]) {
        digit |= b[i].is_ascii_digit();
        i += 1;
    }
    (i, digit)
}

/// Looks at the twelve bytes before `s` at once (a sixteen-byte load, so
/// `s >= 16`): `None` when `s < 16` or one of them is not ASCII, else where
/// the last `"` or `\n` among them is, if any.
#[inline]
pub(crate) fn last_quote_or_newline(b: &[u8], s: usize) -> Option<Option<usize>> {
    const LO: u128 = u128::MAX / 255;
    const HI: u128 = LO * 0x80;
    let &[x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15] =
        b.get(s.checked_sub(16)?..s)?
    else {
        return None;
    };
    let x = u128::from_le_bytes([
        x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15,
    ]);
    // The last twelve of the sixteen bytes.
    let keep = !0u128 << 32;
    if x & HI & keep != 0 {
        return None;
    }
    // High bit of each byte equal to `c` (all bytes ASCII here).
    let eq = |c: u8| {
        let y = x ^ (LO * c as u128);
        !(((y & !HI) + !HI) | y) & HI
    };
    let m = (eq(b'"') | eq(b'\n')) & keep;
    if m == 0 {
        return Some(None);
    }
    let last = (127 - m.leading_zeros()) as usize / 8;
    Some(Some(s - 16 + last))
}

/// Words (besides those that start a written number) the scan must look at:
/// multiples, percentages written first, relative periods, signs, articles.
const TRIGGER_WORDS: &[&str] = &[
    "doubled",
    "doubling",
    "doubles",
    "double",
    "twice",
    "tripled",
    "tripling",
    "triples",
    "quadrupled",
    "quadrupling",
    "percent",
    "percents",
    "per",
    "percentage",
    "this",
    "next",
    "last",
    "coming",
    "current",
    "minus",
    "negative",
    "quarter",
    "a",
    "an",
    "half",
];

/// The words [`trigger_word`] accepts: every word that starts a written
/// number, and [`TRIGGER_WORDS`].
const TRIGGER_LIST: [&str; trigger_count()] = {
    let mut out = [""; trigger_count()];
    let mut n = 0;
    let mut k = 0;
    while k < en::WORDS.len() {
        if starts_number(en::WORDS[k].1) {
            out[n] = en::WORDS[k].0;
            n += 1;
        }
        k += 1;
    }
    let mut k = 0;
    while k < TRIGGER_WORDS.len() {
        out[n] = TRIGGER_WORDS[k];
        n += 1;
        k += 1;
    }
    out
};

/// Number words that start a written number ([`en::starts_number`]).
const fn starts_number(w: W) -> bool {
    matches!(w, W::Unit(_) | W::Teen(_) | W::Tens(_))
}

const fn trigger_count() -> usize {
    let mut n = TRIGGER_WORDS.len();
    let mut k = 0;
    while k < en::WORDS.len() {
        if starts_number(en::WORDS[k].1) {
            n += 1;
        }
        k += 1;
    }
    n
}

static TRIGGERS: WordSet<256> = WordSet::new(&TRIGGER_LIST, true);

/// Word `k` of the words the scan must look at: the trigger words
/// ([`TRIGGER_LIST`]), then `http`, `https`, `www`.
const fn scan_word(k: usize) -> &'static [u8] {
    if k < TRIGGER_LIST.len() {
        TRIGGER_LIST[k].as_bytes()
    } else {
        ["http", "https", "www"][k - TRIGGER_LIST.len()].as_bytes()
    }
}

/// Per first two letters (each as its low five bits, 1 to 26 in either
/// case; 0 for the second of a one-letter word), the lengths of the words
/// the scan must look at ([`scan_word`]).
static SCAN_LENS: [u16; 32 * 32] = {
    let mut t = [0u16; 32 * 32];
    let mut k = 0;
    while k < TRIGGER_LIST.len() + 3 {
        let w = scan_word(k);
        t[pair(w)] |= 1 << w.len();
        k += 1;
    }
    t
};

/// Per third and last letter ([`third_last`]), the lengths of the words the
/// scan must look at ([`scan_word`]): it rules out most of the words that
/// share their first two letters and length with one of them (`that` with
/// `this`, `their` with `three`, `dollar` with `double`).
static SCAN_ENDS: [u16; 32 * 32] = {
    let mut t = [0u16; 32 * 32];
    let mut k = 0;
    while k < TRIGGER_LIST.len() + 3 {
        let w = scan_word(k);
        t[third_last(w)] |= 1 << w.len();
        k += 1;
    }
    t
};

/// The slot of a word of letters in a table by first two letters
/// ([`SCAN_LENS`], and the currency context's).
#[inline]
pub(crate) const fn pair(w: &[u8]) -> usize {
    let c1 = if w.len() > 1 { w[1] & 31 } else { 0 };
    (w[0] & 31) as usize * 32 + c1 as usize
}

/// The slot of a non-empty word of letters in [`SCAN_ENDS`]: its third
/// letter (0 for a shorter word) and its last, each as its low five bits.
#[inline]
const fn third_last(w: &[u8]) -> usize {
    let c2 = if w.len() > 2 { w[2] & 31 } else { 0 };
    c2 as usize * 32 + (w[w.len() - 1] & 31) as usize
}

/// A quick test that rules out most words the scan passes over: false when
/// `w` (ASCII letters) is neither a trigger word nor `http`, `https`, `www`,
/// by its first two letters and its length alone ([`SCAN_LENS`]), then, for
/// the few words that pass, by its third and last letter ([`SCAN_ENDS`]).
#[inline]
pub(crate) fn maybe_scan_word(w: &[u8]) -> bool {
    if w.len() >= 16 || w.is_empty() {
        return false;
    }
    let len = 1 << w.len();
    SCAN_LENS[pair(w)] & len != 0 && SCAN_ENDS[third_last(w)] & len != 0
}

/// True for a word (ASCII letters) the scan must look at: one that starts a
/// written number or is a [`TRIGGER_WORDS`] entry, in any case.
#[inline]
pub(crate) fn trigger_word(w: &[u8]) -> bool {
    TRIGGERS.contains(w)
}

/// Characters other than numerals the scan must look at: 翻番, 数亿, 几万,
/// 半, 今年, 去年, 明年, 上半年, 下半年, and vulgar fractions.
pub(crate) const TRIGGER_CHARS: &[char] = &[
    '翻', '数', '几', '半', '今', '去', '明', '上', '下', '⅔', '¾', '½', '⅓', '¼', '⅙', '⅛', '⅕',
];

/// Characters that start a Chinese numeral ([`super::zh::starts_numeral`]).
pub(crate) const NUMERAL_CHARS: &[char] = &[
    '〇', '零', '一', '壹', '二', '两', '贰', '貳', '弍', '俩', '三', '叁', '参', '弎', '四', '肆',
    '五', '伍', '六', '陆', '七', '柒', '八', '捌', '九', '玖', '十', '拾', '百', '佰', '千', '仟',
    '廿', '卅', '卌', '万', '亿', '兆',
];

/// One bit per character of the Basic Multilingual Plane: set for
/// [`NUMERAL_CHARS`] and [`TRIGGER_CHARS`] (all of them are in it).
static BMP_BITS: [u64; 0x10000 / 64] = {
    let mut t = [0u64; 0x10000 / 64];
    let mut k = 0;
    while k < NUMERAL_CHARS.len() + TRIGGER_CHARS.len() {
        let c = if k < NUMERAL_CHARS.len() {
            NUMERAL_CHARS[k]
        } else {
            TRIGGER_CHARS[k - NUMERAL_CHARS.len()]
        } as u32;
        assert!(c < 0x10000);
        t[(c / 64) as usize] |= 1 << (c % 64);
        k += 1;
    }
    t
};

/// True for a code point the scan must look at: a Chinese numeral or one of
/// [`TRIGGER_CHARS`].
#[inline]
pub(crate) fn trigger_cp(u: u32) -> bool {
    u < 0x10000 && BMP_BITS[(u / 64) as usize] >> (u % 64) & 1 == 1
}

/// True for a non-ASCII character the scan must look at: a Chinese numeral
/// or one of [`TRIGGER_CHARS`].
#[inline]
pub(crate) fn trigger_char(c: char) -> bool {
    trigger_cp(c as u32)
}

/// Skips the run of three-byte characters (most of Chinese text) at `i`
/// that the scan need not look at, four at a time; returns where it stops.
#[inline]
pub(crate) fn skip_cjk(b: &[u8], mut i: usize) -> usize {
    // The code point of the three-byte character b0 b1 b2 (lead checked).
    let cp = |b0: u8, b1: u8, b2: u8| {
        (b0 as u32 & 0x0F) << 12 | (b1 as u32 & 0x3F) << 6 | (b2 as u32 & 0x3F)
    };
    let hit = |u: u32| BMP_BITS[(u / 64) as usize] >> (u % 64) & 1 == 1;
    while let Some(&[b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11]) = b.get(i..i + 12) {
        if b0 & 0xF0 != 0xE0 || hit(cp(b0, b1, b2)) {
            return i;
        }
        if b3 & 0xF0 != 0xE0 || hit(cp(b3, b4, b5)) {
            return i + 3;
        }
        if b6 & 0xF0 != 0xE0 || hit(cp(b6, b7, b8)) {
            return i + 6;
        }
        if b9 & 0xF0 != 0xE0 || hit(cp(b9, b10, b11)) {
            return i + 9;
        }
        i += 12;
    }
    while let Some(&[b0, b1, b2]) = b.get(i..i + 3) {
        if b0 & 0xF0 != 0xE0 || hit(cp(b0, b1, b2)) {
            break;
        }
        i += 3;
    }
    i
}

/// Longest word a [`key`] holds.
pub(crate) const KEY_LEN: usize = 15;

/// A short word as one number: its bytes (in ASCII lower case when `fold`),
/// little-endian, and its length in the top byte; `None` when longer than
/// [`KEY_LEN`]. Comparing keys compares words without a loop or a call.
#[inline]
pub(crate) const fn key(w: &[u8], fold: bool) -> Option<u128> {
    if w.len() > KEY_LEN {
        return None;
    }
    let mut k = (w.len() as u128) << 120;
    let mut i = 0;
    while i < w.len() {
        let c = if fold {
            w[i].to_ascii_lowercase()
        } else {
            w[i]
        };
        k |= (c as u128) << (8 * i);
        i += 1;
    }
    Some(k)
}

/// [`key`] at run time: the bytes read with a few overlapping loads and
/// folded to lower case sixteen at a time.
#[inline]
pub(crate) fn key_of(w: &[u8], fold: bool) -> Option<u128> {
    const LO: u128 = u128::MAX / 255;
    const HI: u128 = LO * 0x80;
    let n = w.len();
    // Bytes w[..n] little-endian; overlapping loads agree where they overlap.
    let k = match *w {
        [] => 0,
        [a, ..] if n < 4 => {
            let m = w[n / 2] as u128;
            a as u128 | m << (8 * (n / 2)) | (w[n - 1] as u128) << (8 * (n - 1))
        }
        [a, b, c, d, ..] if n < 8 => {
            let last = u32::from_le_bytes([w[n - 4], w[n - 3], w[n - 2], w[n - 1]]);
            u32::from_le_bytes([a, b, c, d]) as u128 | (last as u128) << (8 * (n - 4))
        }
        [a, b, c, d, e, f, g, h, ..] if n <= KEY_LEN => {
            let last = u64::from_le_bytes([
                w[n - 8],
                w[n - 7],
                w[n - 6],
                w[n - 5],
                w[n - 4],
                w[n - 3],
                w[n - 2],
                w[n - 1],
            ]);
            u64::from_le_bytes([a, b, c, d, e, f, g, h]) as u128 | (last as u128) << (8 * (n - 8))
        }
        _ => return None,
    };
    let mut k = k | (n as u128) << 120;
    if fold {
        // Seven low bits of each byte: adding to them never carries over.
        let t = k & !HI;
        let at_least_a = t + LO * (0x80 - b'A' as u128);
        let past_z = t + LO * (0x80 - b'Z' as u128 - 1);
        k |= (at_least_a & !past_z & !k & HI) >> 2;
    }
    Some(k)
}

/// The folded [`key`] of a word, or [`NO_KEY`] when it is too long to have
/// one: compared with [`kw`] constants, one integer comparison stands for a
/// case-blind string comparison.
#[inline]
pub(crate) fn fold_key(w: &str) -> u128 {
    key_of(w.as_bytes(), true).unwrap_or(NO_KEY)
}

/// The folded [`key`] of a lower-case word, at compile time.
pub(crate) const fn kw(w: &str) -> u128 {
    match key(w.as_bytes(), true) {
        Some(k) => k,
        None => panic!("keyword too long"),
    }
}

/// A fixed set of short ASCII words in a hash table of `SLOTS` slots (a
/// power of two, at least twice the words), built at compile time. A
/// folding set (words listed in lower case) matches in any case.
pub(crate) struct WordSet<const SLOTS: usize> {
    /// Per first byte (folded), the lengths of the words: most words are
    /// ruled out by this alone.
    lens: [u16; 128],
    /// [`key`]s, by open addressing with linear probing; [`NO_KEY`] marks a
    /// free slot.
    keys: [u128; SLOTS],
    /// Where each key stands in the list the set was made from.
    index: [u16; SLOTS],
    fold: bool,
}

/// A free slot of a [`WordSet`], and the [`fold_key`] of a word too long
/// for a key: no word has this key (its length byte is at most [`KEY_LEN`]).
const NO_KEY: u128 = u128::MAX;

/// The home slot of a key in a table of `slots` slots.
#[inline]
const fn slot(k: u128, slots: usize) -> usize {
    let x = k as u64 ^ ((k >> 64) as u64).rotate_left(29);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & (slots - 1)
}

impl<const SLOTS: usize> WordSet<SLOTS> {
    /// The set of `words` (each at most [`KEY_LEN`] bytes, no two alike).
    pub(crate) const fn new(words: &[&str], fold: bool) -> Self {
        assert!(SLOTS.is_power_of_two() && SLOTS >= 2 * words.len());
        let mut keys = [NO_KEY; SLOTS];
        let mut index = [0u16; SLOTS];
        let mut lens = [0u16; 128];
        let mut n = 0;
        while n < words.len() {
            let w = words[n].as_bytes();
            let Some(k) = key(w, fold) else {
                panic!("word too long for a WordSet")
            };
            assert!(!w.is_empty() && w.is_ascii());
            let c = if fold {
                w[0].to_ascii_lowercase()
            } else {
                w[0]
            };
            lens[c as usize] |= 1 << w.len();
            let mut h = slot(k, SLOTS);
            while keys[h] != NO_KEY {
                assert!(keys[h] != k, "word listed twice in a WordSet");
                h = (h + 1) & (SLOTS - 1);
            }
            keys[h] = k;
            index[h] = n as u16;
            n += 1;
        }
        WordSet {
            lens,
            keys,
            index,
            fold,
        }
    }

    /// The position of `w` in the list the set was made from.
    #[inline]
    pub(crate) fn find(&self, w: &[u8]) -> Option<usize> {
        let &c = w.first()?;
        let c = if self.fold { c.to_ascii_lowercase() } else { c };
        if c >= 128 || w.len() > KEY_LEN || self.lens[c as usize] & 1 << w.len() == 0 {
            return None;
        }
        let k = key_of(w, self.fold)?;
        let mut h = slot(k, SLOTS);
        // The table is at most half full: a free slot ends every probe.
        loop {
            let x = self.keys[h];
            if x == k {
                return Some(self.index[h] as usize);
            }
            if x == NO_KEY {
                return None;
            }
            h = (h + 1) & (SLOTS - 1);
        }
    }

    #[inline]
    pub(crate) fn contains(&self, w: &[u8]) -> bool {
        self.find(w).is_some()
    }
}

/// The first character of a non-empty string, at compile time.
const fn first_char(s: &[u8]) -> u32 {
    let b0 = s[0] as u32;
    if b0 < 0x80 {
        b0
    } else if b0 < 0xE0 {
        (b0 & 0x1F) << 6 | (s[1] as u32 & 0x3F)
    } else if b0 < 0xF0 {
        (b0 & 0x0F) << 12 | (s[1] as u32 & 0x3F) << 6 | (s[2] as u32 & 0x3F)
    } else {
        (b0 & 0x07) << 18
            | (s[1] as u32 & 0x3F) << 12
            | (s[2] as u32 & 0x3F) << 6
            | (s[3] as u32 & 0x3F)
    }
}

/// A fixed list of words (Chinese, mostly) indexed by their first character,
/// so that a test at a position tries only the words that start there.
pub(crate) struct PrefixSet<const N: usize> {
    /// First character of each word, sorted.
    first: [u32; N],
    /// The words, in the order of `first` (list order among equals).
    words: [&'static str; N],
    /// One bit per first character, by its code point modulo 1024: most
    /// characters are ruled out by it, without the search of `first`.
    bits: [u64; 16],
}

impl<const N: usize> PrefixSet<N> {
    /// The set of `words` (`N` of them, none empty).
    pub(crate) const fn new(words: &[&'static str]) -> Self {
        assert!(words.len() == N);
        let mut first = [0u32; N];
        let mut ws = [""; N];
        let mut bits = [0u64; 16];
        let mut n = 0;
        while n < N {
            let c = first_char(words[n].as_bytes());
            bits[(c as usize % 1024) / 64] |= 1 << (c % 64);
            let mut j = n;
            while j > 0 && first[j - 1] > c {
                first[j] = first[j - 1];
                ws[j] = ws[j - 1];
                j -= 1;
            }
            first[j] = c;
            ws[j] = words[n];
            n += 1;
        }
        PrefixSet {
            first,
            words: ws,
            bits,
        }
    }

    /// False when no word starts with the character `c` (true may be wrong).
    #[inline]
    fn may_start(&self, c: u32) -> bool {
        self.bits[(c as usize % 1024) / 64] >> (c % 64) & 1 != 0
    }

    /// The byte length of the longest word `s` starts with.
    #[inline]
    pub(crate) fn longest(&self, s: &str) -> Option<usize> {
        let c = s.chars().next()? as u32;
        if !self.may_start(c) {
            return None;
        }
        let mut k = self.first.partition_point(|&x| x < c);
        let mut best: Option<usize> = None;
        while k < N && self.first[k] == c {
            let w = self.words[k];
            if s.starts_with(w) && best.is_none_or(|b| w.len() > b) {
                best = Some(w.len());
            }
            k += 1;
        }
        best
    }

    /// True when one of the words occurs anywhere in `s`.
    pub(crate) fn occurs_in(&self, s: &str) -> bool {
        s.char_indices()
            .any(|(k, c)| self.may_start(c as u32) && self.longest(&s[k..]).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::super::zh;
    use super::*;

    #[test]
    fn trigger_chars_are_the_scan_set() {
        for u in 0..0x11_0000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let want = zh::starts_numeral(c) || TRIGGER_CHARS.contains(&c);
            assert_eq!(trigger_char(c), want, "{c:?} U+{u:04X}");
        }
    }

    #[test]
    fn trigger_words_are_the_scan_set() {
        let mut words: Vec<String> = en::WORDS.iter().map(|(w, _)| w.to_string()).collect();
        words.extend(TRIGGER_WORDS.iter().map(|w| w.to_string()));
        words.extend(
            [
                "",
                "the",
                "on",
                "o",
                "tw",
                "twos",
                "onee",
                "doubl",
                "thes",
                "perc",
                "zeroes",
                "nineteens",
                "ninetyone",
                "Twenty",
                "HALF",
                "An",
                "aa",
                "quadruplings",
            ]
            .map(String::from),
        );
        for w in &words {
            for v in [w.clone(), w.to_ascii_uppercase()] {
                let lw = v.to_ascii_lowercase();
                let want = en::starts_number(&v) || TRIGGER_WORDS.contains(&lw.as_str());
                assert_eq!(trigger_word(v.as_bytes()), want, "{v:?}");
            }
        }
    }

    #[test]
    fn keys_agree() {
        let mut words: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b"AZaz@[`{".to_vec(),
            vec![0x80, 0xC1, 0xDA, b'Q'],
        ];
        for c in 0..=255u8 {
            words.push(vec![c]);
            words.push(vec![b'x', c, b'Y']);
            words.push([c; 15].to_vec());
            words.push([c; 16].to_vec());
        }
        let abc = b"aBcDeFgHiJkLmNoPqR";
        for n in 0..abc.len() {
            words.push(abc[..n].to_vec());
        }
        for w in &words {
            for fold in [false, true] {
                assert_eq!(key_of(w, fold), key(w, fold), "{w:?} {fold}");
            }
        }
    }

    #[test]
    fn quote_window() {
        let naive = |b: &[u8], s: usize| {
            let w = &b[s - 12..s];
            if !w.is_ascii() {
                return None;
            }
            Some(
                w.iter()
                    .rposition(|&c| c == b'"' || c == b'\n')
                    .map(|p| s - 12 + p),
            )
        };
        let mut x: u64 = 0x0123_4567_89AB_CDEF;
        let alphabet = b"ab \"\n.\x80\xe3\x7f\x00";
        for _ in 0..50_000 {
            let mut t = Vec::new();
            for _ in 0..24 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                t.push(alphabet[(x % alphabet.len() as u64) as usize]);
            }
            for s in 16..=t.len() {
                assert_eq!(last_quote_or_newline(&t, s), naive(&t, s), "{t:?} {s}");
            }
        }
    }

    #[test]
    fn sets() {
        static S: WordSet<8> = WordSet::new(&["per", "cent", "a", "u.s.c"], true);
        assert_eq!(S.find(b"CENT"), Some(1));
        assert_eq!(S.find(b"U.S.C"), Some(3));
        assert_eq!(S.find(b"cents"), None);
        assert!(!S.contains(b"abcdefghijklmnopq"));
        static E: WordSet<4> = WordSet::new(&["ASX", "Perth"], false);
        assert!(E.contains(b"ASX") && !E.contains(b"asx") && !E.contains(b"PERTH"));
        static P: PrefixSet<5> = PrefixSet::new(&["个", "个月", "家", "百分点", "a"]);
        assert_eq!(P.longest("个月底"), Some(6));
        assert_eq!(P.longest("个人"), Some(3));
        assert_eq!(P.longest("百分"), None);
        assert_eq!(P.longest(""), None);
        assert!(P.occurs_in("三百分点") && !P.occurs_in("三百分") && P.occurs_in("xa"));
        // A character sharing the bit of a first character (code points
        // 1024 apart) is still looked up and not found.
        let alias = char::from_u32('个' as u32 + 1024).unwrap();
        assert!(P.may_start(alias as u32));
        assert_eq!(P.longest(&format!("{alias}月")), None);
        assert!(!P.occurs_in(&format!("{alias}{alias}")));
    }

    #[test]
    fn alnum_runs() {
        let naive = |b: &[u8], i: usize| {
            let mut e = i;
            while e < b.len() && b[e].is_ascii_alphanumeric() {
                e += 1;
            }
            (e, b[i..e].iter().any(u8::is_ascii_digit))
        };
        let mut x: u64 = 0x1234_5678_9ABC_DEF1;
        let alphabet = b"aZ09 .-_@[`{/:\x80\xff\xc3";
        for _ in 0..20_000 {
            let mut t = Vec::new();
            for _ in 0..(x % 23) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                t.push(alphabet[(x % alphabet.len() as u64) as usize]);
            }
            for i in 0..t.len() {
                assert_eq!(alnum_end(&t, i), naive(&t, i), "{t:?} {i}");
            }
        }
        for c in 0..=255u8 {
            let t = [c; 9];
            assert_eq!(alnum_end(&t, 0), naive(&t, 0), "{c}");
        }
    }

    #[test]
    fn letter_runs() {
        let naive = |b: &[u8], i: usize| {
            let mut e = i;
            while e < b.len() && b[e].is_ascii_alphabetic() {
                e += 1;
            }
            e
        };
        let mut x: u64 = 0x0F1E_2D3C_4B5A_6978;
        let alphabet = b"aZzAmM09 .-_@[`{/:\x80\xff\xc3\xe1\xda";
        for _ in 0..20_000 {
            let mut t = Vec::new();
            for _ in 0..(x % 29) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                t.push(alphabet[(x % alphabet.len() as u64) as usize]);
            }
            for i in 0..=t.len() {
                assert_eq!(letters_end(&t, i), naive(&t, i), "{t:?} {i}");
            }
        }
        for c in 0..=255u8 {
            for k in 0..9 {
                let mut t = [b'q'; 12];
                t[k] = c;
                assert_eq!(letters_end(&t, 0), naive(&t, 0), "{c} {k}");
            }
        }
    }

    /// `skip_cjk` stops where a plain walk over chars stops: at the first
    /// char that is not three bytes long or that the scan must look at.
    #[test]
    fn skip_cjk_agrees_with_chars() {
        let plain = |t: &str, i: usize| {
            let mut k = i;
            for c in t[i..].chars() {
                if c.len_utf8() != 3 || trigger_char(c) {
                    break;
                }
                k += 3;
            }
            k
        };
        // Every three-byte char, alone, after a run and before one.
        for c in (0x800..0x10000).filter_map(char::from_u32) {
            for t in [
                c.to_string(),
                format!("钢{c}"),
                format!("钢钢{c}钢"),
                format!("{c}钢a"),
            ] {
                for i in (0..t.len()).filter(|&i| t.is_char_boundary(i)) {
                    assert_eq!(skip_cjk(t.as_bytes(), i), plain(&t, i), "{t:?} {i}");
                }
            }
        }
        // Runs of every length with a stop at every place.
        for n in 0..9 {
            for k in 0..=n {
                for odd in ["一", "半", "a", "é", "\u{20000}", "，"] {
                    let t: String = (0..n).map(|j| if j == k { odd } else { "钢" }).collect();
                    for i in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                        assert_eq!(skip_cjk(t.as_bytes(), i), plain(&t, i), "{t:?} {i}");
                    }
                }
            }
        }
    }

    #[test]
    fn scan_word_filter() {
        let mut words: Vec<String> = en::WORDS.iter().map(|(w, _)| w.to_string()).collect();
        words.extend(TRIGGER_WORDS.iter().map(|w| w.to_string()));
        words.extend(["http", "https", "www", "the", "Of", "x", "wwww", "htt"].map(String::from));
        for w in &words {
            for v in [w.clone(), w.to_ascii_uppercase()] {
                let lw = v.to_ascii_lowercase();
                if trigger_word(v.as_bytes()) || ["http", "https", "www"].contains(&lw.as_str()) {
                    assert!(maybe_scan_word(v.as_bytes()), "{v}");
                }
            }
        }
        assert!(!maybe_scan_word(b"the") && !maybe_scan_word(b"company"));
        // Same first two letters and length as a trigger word, told apart
        // by the third or last letter.
        for w in ["that", "They", "their", "Than", "since", "First", "dollar"] {
            assert!(!maybe_scan_word(w.as_bytes()), "{w}");
        }
    }
}
