//! Text normalisation with a map back to the original byte offsets.
//!
//! One function, [`fold_char`], decides what every character becomes; it runs
//! over lexicon aliases and over article text alike, so that both meet in the
//! same form. It folds:
//!
//! - full-width ASCII (`Ａ`, `５`, `，`, `！`) to ASCII, and the ideographic
//!   space and no-break spaces to a space;
//! - curly and angled quotes to `'` and `"`, and every dash and the minus sign
//!   to `-`;
//! - traditional and variant Chinese characters to simplified (鋼 → 钢), one
//!   character for one, from OpenCC's tables;
//! - zero-width and bidirectional-format characters, the byte-order mark and
//!   soft hyphens to nothing.
//!
//! Case is kept: the sentence splitter and the classifier read capitals, and
//! the matcher folds ASCII case itself.
//!
//! Text that needs no folding is borrowed, not copied. Otherwise
//! [`Normalized`] holds the folded text and a sparse [`OffsetMap`] with one
//! entry per character whose length changed, so mapping an offset back is a
//! binary search.

#[rustfmt::skip]
mod t2s_table;

use std::borrow::Cow;

use once_cell::sync::Lazy;

use crate::span::Span;

/// What one character folds to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fold {
    /// Unchanged.
    Keep,
    /// Replaced by another character.
    To(char),
    /// Dropped (zero-width characters).
    Drop,
}

/// First and last code point of the dense bitmap over the traditional table.
const T2S_LO: u32 = 0x3400;
const T2S_HI: u32 = 0xA000;

/// One bit per code point in `T2S_LO..T2S_HI`: set when the table maps it.
static T2S_BITS: Lazy<Vec<u64>> = Lazy::new(|| {
    let mut bits = vec![0u64; ((T2S_HI - T2S_LO) as usize).div_ceil(64)];
    for &(from, _) in t2s_table::T2S.iter() {
        let cp = from as u32;
        if (T2S_LO..T2S_HI).contains(&cp) {
            let i = (cp - T2S_LO) as usize;
            bits[i / 64] |= 1 << (i % 64);
        }
    }
    bits
});

/// One bit per code point of U+0000..U+FFFF, set for a three-byte char
/// (U+0800..U+FFFF) exactly when [`fold_char`] changes it: [`T2S_BITS`] for
/// the chars of `T2S_LO..T2S_HI` (no other fold touches that range),
/// [`fold_char`] asked for the few ranges its other folds lie in (so that
/// the CJK punctuation that stays, 。、《》「」, is passed over too; a test
/// checks every char). [`next_fold`] reads it straight from the bytes of a
/// three-byte char: the word is the code point without its low six bits,
/// the bit its low six bits.
static MAY_FOLD_BMP: Lazy<Box<[u64; 1024]>> = Lazy::new(|| {
    let mut words = Box::new([0u64; 1024]);
    let lo = (T2S_LO / 64) as usize;
    let hi = (T2S_HI / 64) as usize;
    words[lo..hi].copy_from_slice(&T2S_BITS);
    // Spaces, quotes, dashes, format chars; the ideographic space;
    // compatibility ideographs; small and full-width forms.
    let other = [
        0x800..0x2300,
        0x3000..0x3001,
        0xF900..0xFB00,
        0xFE00..0x10000,
    ];
    for cp in other.into_iter().flatten() {
        if let Some(c) = char::from_u32(cp) {
            if fold_char(c) != Fold::Keep {
                words[(cp / 64) as usize] |= 1 << (cp % 64);
            }
        }
    }
    words
});

fn traditional_to_simplified(c: char) -> Option<char> {
    let cp = c as u32;
    if (T2S_LO..T2S_HI).contains(&cp) {
        let i = (cp - T2S_LO) as usize;
        if T2S_BITS[i / 64] & (1 << (i % 64)) == 0 {
            return None;
        }
    } else if !(0xF900..0xFB00).contains(&cp) && !(0x20000..0x2FA20).contains(&cp) {
        return None;
    }
    t2s_table::T2S
        .binary_search_by_key(&c, |&(from, _)| from)
        .ok()
        .map(|i| t2s_table::T2S[i].1)
}

/// What `c` folds to. ASCII is always [`Fold::Keep`].
#[inline]
pub fn fold_char(c: char) -> Fold {
    if c.is_ascii() {
        return Fold::Keep;
    }
    match c {
        // Full-width ASCII variants.
        '\u{FF01}'..='\u{FF5E}' => Fold::To(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
        '\u{3000}' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => {
            Fold::To(' ')
        }
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => Fold::To('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => Fold::To('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' => Fold::To('-'),
        '\u{FF61}' => Fold::To('。'),
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{00AD}' => Fold::Drop,
        _ => match traditional_to_simplified(c) {
            Some(s) => Fold::To(s),
            None => Fold::Keep,
        },
    }
}

/// Maps byte offsets of a normalised text back to the original text.
///
/// Holds one checkpoint `(normalised, original)` after every character whose
/// folded length differs from its original length; between checkpoints the
/// two texts advance byte for byte.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    points: Vec<(u32, u32)>,
    /// Lengths of the original and normalised texts, for the end offset.
    orig_len: usize,
}

impl OffsetMap {
    /// Original byte offset of normalised byte offset `n` (which must be a
    /// char boundary of the normalised text).
    #[inline]
    pub fn to_original(&self, n: usize) -> usize {
        if self.points.is_empty() {
            return n;
        }
        let i = self.points.partition_point(|&(norm, _)| norm as usize <= n);
        self.after_checkpoint(i, n)
    }

    /// Original offset of `n`, given `i`, the number of checkpoints at or
    /// before it: the last of them plus the distance from it.
    #[inline]
    fn after_checkpoint(&self, i: usize, n: usize) -> usize {
        let orig = match i.checked_sub(1) {
            None => n,
            Some(last) => {
                let (norm, orig) = self.points[last];
                orig as usize + (n - norm as usize)
            }
        };
        orig.min(self.orig_len)
    }

    /// Original span of a normalised span.
    #[inline]
    pub fn span(&self, s: Span) -> Span {
        Span::new(self.to_original(s.start), self.to_original(s.end))
    }

    /// [`OffsetMap::to_original`] for offsets asked mostly in increasing
    /// order: `hint` is the checkpoint index the last call ended on, tried
    /// (and the one after it) before a binary search. Any order gives the
    /// same answers; the order only saves the search.
    #[inline]
    pub fn to_original_near(&self, n: usize, hint: &mut usize) -> usize {
        let points = &self.points;
        if points.is_empty() {
            return n;
        }
        // `i` is right when the checkpoints before it are at or before `n`
        // and the one at it (if any) is after.
        let fits = |i: usize| {
            (i == 0 || points[i - 1].0 as usize <= n)
                && points.get(i).is_none_or(|p| p.0 as usize > n)
        };
        let i = if *hint <= points.len() && fits(*hint) {
            *hint
        } else if *hint < points.len() && fits(*hint + 1) {
            *hint + 1
        } else {
            points.partition_point(|&(norm, _)| norm as usize <= n)
        };
        *hint = i;
        self.after_checkpoint(i, n)
    }

    /// [`OffsetMap::span`] through [`OffsetMap::to_original_near`].
    #[inline]
    pub fn span_near(&self, s: Span, hint: &mut usize) -> Span {
        let start = self.to_original_near(s.start, hint);
        Span::new(start, self.to_original_near(s.end, hint))
    }

    /// True when every offset maps to itself.
    pub fn is_identity(&self) -> bool {
        self.points.is_empty()
    }
}

/// A normalised text and the way back to the original offsets.
#[derive(Clone, Debug)]
pub struct Normalized<'a> {
    text: Cow<'a, str>,
    map: OffsetMap,
}

impl<'a> Normalized<'a> {
    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The offset map back to the original.
    pub fn map(&self) -> &OffsetMap {
        &self.map
    }

    /// True when the text needed no folding (it is borrowed).
    pub fn is_borrowed(&self) -> bool {
        matches!(self.text, Cow::Borrowed(_))
    }

    /// The folded text and the offset map, without copying either.
    pub fn into_parts(self) -> (Cow<'a, str>, OffsetMap) {
        (self.text, self.map)
    }
}

/// Normalises `text` (see the module docs). Borrowed when nothing folds.
pub fn normalize(text: &str) -> Normalized<'_> {
    let may_fold: &[u64; 1024] = &MAY_FOLD_BMP;
    // Fast path: find the first character that folds.
    let Some(first) = next_fold(text, 0, may_fold) else {
        return Normalized {
            text: Cow::Borrowed(text),
            map: OffsetMap::default(),
        };
    };
    let guard = u32::try_from(text.len()).is_ok();
    let mut out = String::with_capacity(text.len());
    let mut points = Vec::new();
    let mut copied = 0;
    let mut next = Some(first);
    while let Some((i, c, fold)) = next {
        out.push_str(&text[copied..i]);
        copied = i + c.len_utf8();
        let before = out.len();
        if let Fold::To(to) = fold {
            out.push(to);
        }
        if out.len() - before != c.len_utf8() && guard {
            points.push((out.len() as u32, copied as u32));
        }
        next = next_fold(text, copied, may_fold);
    }
    out.push_str(&text[copied..]);
    if !guard {
        // Texts of 4 GiB and more keep exact offsets by folding nothing.
        return Normalized {
            text: Cow::Borrowed(text),
            map: OffsetMap::default(),
        };
    }
    Normalized {
        text: Cow::Owned(out),
        map: OffsetMap {
            points,
            orig_len: text.len(),
        },
    }
}

/// The bit of `may_fold` ([`MAY_FOLD_BMP`]) of the three-byte char
/// `b b1 b2` (lead byte checked by the caller).
#[inline(always)]
fn bmp_bit(may_fold: &[u64; 1024], b: u8, b1: u8, b2: u8) -> bool {
    may_fold[usize::from(b & 0x0F) << 6 | usize::from(b1 & 0x3F)] >> (b2 & 0x3F) & 1 != 0
}

/// The first char at or after byte `from` (a char boundary) that
/// [`fold_char`] changes: its offset, the char and its fold. `may_fold` is
/// [`MAY_FOLD_BMP`].
///
/// Reads bytes rather than chars where it can: ASCII never folds and is
/// skipped eight bytes at a time, and a three-byte char whose bit in
/// `may_fold` is clear (most Chinese characters) is kept without decoding
/// it or calling [`fold_char`]; runs of them are read four chars at a time.
#[inline]
fn next_fold(text: &str, from: usize, may_fold: &[u64; 1024]) -> Option<(usize, char, Fold)> {
    use crate::swar::HIGH;
    let bytes = text.as_bytes();
    // The bytes not read yet: slice patterns keep the bounds checks few.
    let mut rest = bytes.get(from..)?;
    loop {
        match *rest {
            [] => return None,
            [b, ..] if b < 0x80 => {
                rest = &rest[1..];
                while let Some((block, after)) = rest.split_first_chunk::<8>() {
                    if u64::from_le_bytes(*block) & HIGH != 0 {
                        break;
                    }
                    rest = after;
                }
                continue;
            }
            [b, b1, b2, ref after @ ..] if b & 0xF0 == 0xE0 && !bmp_bit(may_fold, b, b1, b2) => {
                rest = after;
                // A run of three-byte chars (Chinese text), four at a time.
                while let [b, b1, b2, c, c1, c2, d, d1, d2, e, e1, e2, ref after @ ..] = *rest {
                    if b & 0xF0 != 0xE0 || bmp_bit(may_fold, b, b1, b2) {
                        break;
                    }
                    if c & 0xF0 != 0xE0 || bmp_bit(may_fold, c, c1, c2) {
                        rest = &rest[3..];
                        break;
                    }
                    if d & 0xF0 != 0xE0 || bmp_bit(may_fold, d, d1, d2) {
                        rest = &rest[6..];
                        break;
                    }
                    if e & 0xF0 != 0xE0 || bmp_bit(may_fold, e, e1, e2) {
                        rest = &rest[9..];
                        break;
                    }
                    rest = after;
                }
                continue;
            }
            _ => {}
        }
        let i = bytes.len() - rest.len();
        let c = text.get(i..)?.chars().next()?;
        let fold = fold_char(c);
        if fold != Fold::Keep {
            return Some((i, c, fold));
        }
        rest = &rest[c.len_utf8()..];
    }
}

/// Folds a lexicon alias to the key two aliases are compared by: [`fold_char`]
/// on every character, ASCII lowercase, ASCII punctuation as spaces, and runs
/// of spaces as one. Two aliases with one key would be one pattern of the
/// matcher ("rare-earth steel" and "rare earth steel").
pub fn alias_key(alias: &str) -> String {
    let mut out = String::with_capacity(alias.len());
    let mut space = false;
    for c in alias.trim().chars() {
        if c.is_ascii() {
            // ASCII folds to itself; only letters and digits are kept.
            if c.is_ascii_alphanumeric() {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c.to_ascii_lowercase());
            } else {
                space = true;
            }
            continue;
        }
        let c = match fold_char(c) {
            Fold::Keep => c,
            Fold::To(t) => t,
            Fold::Drop => continue,
        };
        if c.is_whitespace() || (c.is_ascii() && !c.is_ascii_alphanumeric()) {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Folds a text with [`fold_char`], keeping case (the form the matcher's
/// patterns take).
pub fn fold_str(s: &str) -> String {
    s.chars()
        .filter_map(|c| match fold_char(c) {
            Fold::Keep => Some(c),
            Fold::To(t) => Some(t),
            Fold::Drop => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_lookups_agree_with_the_search_in_any_order() {
        let text = "“包钢”，２０１１年：稀土（钕）… A\u{00AD}B—Ｃ，。 end";
        let norm = normalize(text);
        let map = &norm.map;
        assert!(!map.is_identity());
        let n = norm.as_str().len();
        let mut offsets: Vec<usize> = (0..=n)
            .filter(|&i| norm.as_str().is_char_boundary(i))
            .collect();
        let ascending = offsets.clone();
        offsets.reverse();
        let mut shuffled = ascending.clone();
        shuffled.sort_by_key(|&i| (i * 7919) % 31);
        for order in [ascending, offsets, shuffled] {
            let mut hint = 0;
            for &i in &order {
                assert_eq!(
                    map.to_original_near(i, &mut hint),
                    map.to_original(i),
                    "offset {i}"
                );
            }
        }
        let mut hint = usize::MAX;
        assert_eq!(map.to_original_near(3, &mut hint), map.to_original(3));
    }

    #[test]
    fn ascii_is_borrowed() {
        let n = normalize("Baogang Group said 227,000 tonnes.");
        assert!(n.is_borrowed());
        assert!(n.map().is_identity());
    }

    #[test]
    fn simplified_chinese_is_borrowed() {
        assert!(normalize("包钢集团稀土钢。").is_borrowed());
    }

    #[test]
    fn traditional_folds_to_simplified() {
        assert_eq!(normalize("稀土鋼").as_str(), "稀土钢");
        assert_eq!(normalize("內蒙古包鋼稀土").as_str(), "内蒙古包钢稀土");
        assert_eq!(fold_str("發展與改革委員會"), "发展与改革委员会");
    }

    #[test]
    fn width_quotes_dashes_fold() {
        let n = normalize("“包钢”产量５０００吨，同比增长１２％—好！");
        assert_eq!(n.as_str(), "\"包钢\"产量5000吨,同比增长12%-好!");
    }

    #[test]
    fn offsets_map_back() {
        let text = "“Ａbc” — 鋼５吨";
        let n = normalize(text);
        let norm = n.as_str();
        assert_eq!(norm, "\"Abc\" - 钢5吨");
        // Every char boundary of the normalised text maps to a char boundary
        // of the original, and characters line up.
        let pairs: Vec<(usize, char)> = norm.char_indices().collect();
        let orig: Vec<(usize, char)> = text.char_indices().collect();
        assert_eq!(pairs.len(), orig.len());
        for ((n_at, _), (o_at, _)) in pairs.iter().zip(orig.iter()) {
            assert_eq!(n.map().to_original(*n_at), *o_at);
        }
        assert_eq!(n.map().to_original(norm.len()), text.len());
        let at = norm.find("钢5吨").unwrap();
        let span = n.map().span(Span::new(at, norm.len()));
        assert_eq!(span.of(text), "鋼５吨");
    }

    #[test]
    fn zero_width_characters_drop() {
        let text = "包\u{200B}钢集团";
        let n = normalize(text);
        assert_eq!(n.as_str(), "包钢集团");
        assert_eq!(n.map().span(Span::new(0, n.as_str().len())).of(text), text);
    }

    /// `normalize` as a plain loop over chars: the definition the byte
    /// scanning of [`next_fold`] must agree with.
    fn normalize_plain(text: &str) -> (String, Vec<(u32, u32)>) {
        let mut out = String::new();
        let mut points = Vec::new();
        for (i, c) in text.char_indices() {
            let before = out.len();
            match fold_char(c) {
                Fold::Keep => out.push(c),
                Fold::To(t) => out.push(t),
                Fold::Drop => {}
            }
            if out.len() - before != c.len_utf8() {
                points.push((out.len() as u32, (i + c.len_utf8()) as u32));
            }
        }
        (out, points)
    }

    #[track_caller]
    fn agrees_with_plain(text: &str) {
        let n = normalize(text);
        let (out, points) = normalize_plain(text);
        assert_eq!(n.as_str(), out, "{text:?}");
        assert_eq!(n.map().points, points, "{text:?}");
        assert_eq!(
            n.is_borrowed(),
            out == text && points.is_empty(),
            "{text:?}"
        );
    }

    #[test]
    fn byte_scan_agrees_with_fold_char() {
        // Every char, alone and between ASCII and Chinese.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let one = c.encode_utf8(&mut buf);
            let folds = next_fold(one, 0, &MAY_FOLD_BMP).is_some();
            assert_eq!(folds, fold_char(c) != Fold::Keep, "{c:?}");
        }
        for text in [
            "",
            "abc",
            "abcdefghijklmnopqrstuvwxyz 0123456789 鋼",
            "稀土鋼，產量５０００噸。",
            "“包钢”产量５０００吨，同比增长１２％—好！",
            "包\u{200B}钢\u{FEFF}集团\u{AD}",
            "\u{3400}\u{346E}\u{9FFF}\u{A000}\u{F900}\u{2F800}\u{20000}",
            "abcdefg鋼abcdefgh鋼abcdefghi",
        ] {
            agrees_with_plain(text);
        }
    }

    /// The bitmap holds exactly the three-byte chars that fold.
    #[test]
    fn may_fold_bitmap_is_exact() {
        for cp in 0x800..0x10000u32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let mut buf = [0; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(
                bmp_bit(&MAY_FOLD_BMP, b[0], b[1], b[2]),
                fold_char(c) != Fold::Keep,
                "{c:?}"
            );
        }
    }

    /// Runs of Chinese characters (read two at a time) of every length,
    /// with a char that folds, one that stays (。), a four-byte char or
    /// ASCII at every place, and the end anywhere.
    #[test]
    fn runs_of_three_byte_chars_agree() {
        for n in 0..14 {
            for k in 0..=n {
                for odd in ["鋼", "，", "。", "\u{2F800}", "a", "é", "\u{3000}"] {
                    for tail in ["", "x", "钢"] {
                        let mut t = String::new();
                        for j in 0..n {
                            t.push_str(if j == k { odd } else { "钢" });
                        }
                        t.push_str(tail);
                        agrees_with_plain(&t);
                        agrees_with_plain(&format!("a{t}"));
                    }
                }
            }
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn normalize_agrees_with_plain(text in "[a-zA-Z0-9 ,.稀土钢鋼產發與內ＡＭ５，！“”—\u{3000}\u{200B}\u{FEFF}\u{346E}\u{2F800}é]{0,40}") {
                agrees_with_plain(&text);
            }

            #[test]
            fn any_text(text in "\\PC{0,60}") {
                agrees_with_plain(&text);
            }
        }
    }

    /// `alias_key` without its ASCII branch.
    fn alias_key_plain(alias: &str) -> String {
        let mut out = String::new();
        let mut space = false;
        for c in alias.trim().chars() {
            let c = match fold_char(c) {
                Fold::Keep => c,
                Fold::To(t) => t,
                Fold::Drop => continue,
            };
            if c.is_whitespace() || (c.is_ascii() && !c.is_ascii_alphanumeric()) {
                space = true;
                continue;
            }
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c.to_ascii_lowercase());
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn alias_key_agrees_with_plain(alias in "[ a-zA-Z0-9&.,'\\-\t\u{3000}\u{200B}ＡＭ５，稀鋼é]{0,24}") {
            proptest::prop_assert_eq!(alias_key(&alias), alias_key_plain(&alias));
        }
    }

    #[test]
    fn alias_keys_fold_case_width_and_spaces() {
        assert_eq!(alias_key("  Baogang   GROUP "), "baogang group");
        assert_eq!(alias_key("ＭＩＩＴ"), "miit");
        assert_eq!(alias_key("稀土鋼"), "稀土钢");
    }
}
