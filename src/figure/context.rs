//! What a bare `$` (and a bare cent) means in an article.

use super::class::{self, WordSet, KEY_LEN};
use super::{CurrencySource, FigureContext};
use crate::swar::{in_range, HIGH, ONES};

/// Words that put an article in Australia.
const AU_WORDS: &[&str] = &[
    "Australia",
    "Australian",
    "Australians",
    "ASX",
    "Albanese",
    "Canberra",
    "Perth",
    "Sydney",
    "Melbourne",
    "Brisbane",
    "Adelaide",
    "Queensland",
    "NSW",
    "Geraldton",
    "Kalgoorlie",
    "Labor",
    "Morrison",
    "Chalmers",
    "Dutton",
    "Iluka",
    "Lynas",
    "Arafura",
    "Eneabba",
    "franked",
    "Rinehart",
];

/// Words that put an article in the United States (or another dollar).
const US_WORDS: &[&str] = &[
    "Pentagon",
    "Washington",
    "Trump",
    "Biden",
    "Congress",
    "Nasdaq",
    "NYSE",
    "Senate",
    "Treasury",
    "American",
    "Americans",
    "Canada",
    "Canadian",
    "Singapore",
    "Zealand",
    "Hong",
];

/// The other words [`context_for`] looks at: the dollar codes (`A$`,
/// `AUD`, `US$`, `USD$`, `$US`).
const CODE_WORDS: &[&str] = &["A", "AUD", "US", "USD"];

/// [`AU_WORDS`] then [`US_WORDS`], in one list.
const WORDS: [&str; AU_WORDS.len() + US_WORDS.len()] = {
    let mut out = [""; AU_WORDS.len() + US_WORDS.len()];
    let mut k = 0;
    while k < out.len() {
        out[k] = if k < AU_WORDS.len() {
            AU_WORDS[k]
        } else {
            US_WORDS[k - AU_WORDS.len()]
        };
        k += 1;
    }
    out
};

/// [`WORDS`]: one probe says whether a word counts, and for which side (its
/// position: below `AU_WORDS.len()` for Australia).
static SET: WordSet<128> = WordSet::new(&WORDS, false);

/// Word `k` of [`WORDS`] followed by [`CODE_WORDS`] (for the tables below).
const fn counted_word(k: usize) -> &'static str {
    if k < WORDS.len() {
        WORDS[k]
    } else {
        CODE_WORDS[k - WORDS.len()]
    }
}

/// Per first two letters ([`class::pair`]), the lengths of the words of
/// [`WORDS`] and [`CODE_WORDS`]: most capitalised words are ruled out by
/// this alone, before they are hashed.
static PAIR_LENS: [u16; 32 * 32] = {
    let mut t = [0u16; 32 * 32];
    let mut k = 0;
    while k < WORDS.len() + CODE_WORDS.len() {
        let w = counted_word(k).as_bytes();
        assert!(!w.is_empty() && w.len() <= KEY_LEN);
        t[class::pair(w)] |= 1 << w.len();
        k += 1;
    }
    t
};

/// First letters of the words [`context_for`] counts.
static WORD_START: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    while k < WORDS.len() + CODE_WORDS.len() {
        t[counted_word(k).as_bytes()[0] as usize] = true;
        k += 1;
    }
    let mut c = 0;
    while c < 256 {
        assert!(!t[c] || (c as u8).is_ascii_uppercase() || c as u8 == b'f');
        c += 1;
    }
    t
};

/// The high bit of each of the eight bytes of `x` (little-endian) that is
/// an ASCII capital, or an `f` when `F`: the first letters of
/// [`WORD_START`].
#[inline]
fn capital_or_f<const F: bool>(x: u64) -> u64 {
    // Seven low bits of each byte: adding to them never carries over.
    let t = x & !HIGH;
    let ascii = !x & HIGH;
    let capital = in_range(t, b'A', b'Z');
    if F {
        let f = !((t ^ (ONES * b'f' as u64)) + ONES * 0x7F);
        (capital | f) & ascii
    } else {
        capital & ascii
    }
}

/// Decides what a bare `$` means for an article: AUD when the article is
/// about Australian companies, budgets, the ASX or the Albanese government,
/// USD otherwise. Explicit forms in the text (A$, US$, $US, AUD) always win
/// over this, figure by figure.
pub fn context_for(text: &str) -> FigureContext {
    // Every word that counts starts with a capital, but "franked": unless
    // the text holds it, a lower-case f is passed over like the rest.
    let (au, us) = if text.contains("franked") {
        count::<true>(text.as_bytes())
    } else {
        count::<false>(text.as_bytes())
    };
    if au >= 2 && au > us * 2 {
        FigureContext {
            dollar: "AUD",
            dollar_source: CurrencySource::Context,
        }
    } else {
        FigureContext::default()
    }
}

/// The weights of the Australian and the American words of `b`; `F` says
/// whether words starting with `f` are looked at.
fn count<const F: bool>(b: &[u8]) -> (usize, usize) {
    let (mut au, mut us) = (0usize, 0usize);
    let mut i = 0;
    while i < b.len() {
        // The text between words that may count is passed over sixteen,
        // then eight bytes at a time.
        if let Some(&[x0, x1, x2, x3, x4, x5, x6, x7, y0, y1, y2, y3, y4, y5, y6, y7]) =
            b.get(i..i + 16)
        {
            let m0 = capital_or_f::<F>(u64::from_le_bytes([x0, x1, x2, x3, x4, x5, x6, x7]));
            let m1 = capital_or_f::<F>(u64::from_le_bytes([y0, y1, y2, y3, y4, y5, y6, y7]));
            if m0 == 0 {
                if m1 == 0 {
                    i += 16;
                    continue;
                }
                i += 8 + (m1.trailing_zeros() / 8) as usize;
            } else {
                i += (m0.trailing_zeros() / 8) as usize;
            }
        } else if let Some(&[x0, x1, x2, x3, x4, x5, x6, x7]) = b.get(i..i + 8) {
            let m = capital_or_f::<F>(u64::from_le_bytes([x0, x1, x2, x3, x4, x5, x6, x7]));
            if m == 0 {
                i += 8;
                continue;
            }
            i += (m.trailing_zeros() / 8) as usize;
        }
        let c = b[i];
        if !WORD_START[c as usize] || !F && c == b'f' || i > 0 && b[i - 1].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let s = i;
        i = class::letters_end(b, i + 1);
        let w = &b[s..i];
        if w.len() > KEY_LEN || PAIR_LENS[class::pair(w)] & 1 << w.len() == 0 {
            continue;
        }
        match SET.find(w) {
            Some(k) if k < AU_WORDS.len() => au += 1,
            Some(_) => us += 1,
            None => {
                if w == b"A" && b.get(i) == Some(&b'$') || w == b"AUD" {
                    au += 3;
                } else if (w == b"US" || w == b"USD") && b.get(i) == Some(&b'$') {
                    us += 2;
                }
                // "$US48" is how Australian papers write US dollars.
                if w == b"US" && s > 0 && b[s - 1] == b'$' {
                    au += 1;
                }
            }
        }
    }
    (au, us)
}

/// The currency of a bare cent amount (`4c`, `85 cts`): the article's dollar,
/// or the rand in South African news.
pub(crate) fn cents_currency(text: &str, ctx: &FigureContext) -> &'static str {
    if ctx.dollar != "USD" {
        return ctx.dollar;
    }
    // The first 2000 characters (the first 2000 bytes when they are ASCII).
    let head = if text.len() <= 2000 {
        text
    } else if text.as_bytes()[..2000].is_ascii() {
        &text[..2000]
    } else {
        match text.char_indices().nth(2000) {
            Some((k, _)) => &text[..k],
            None => text,
        }
    };
    if head.contains("JOHANNESBURG")
        || head.contains("South Africa")
        || head.contains("Johannesburg")
        || head.contains(" rand")
    {
        return "ZAR";
    }
    "USD"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capital_or_f_finds_every_one() {
        for c in 0..=255u8 {
            for k in 0..8 {
                let mut x = [b'x'; 8];
                x[k] = c;
                for (m, f) in [
                    (capital_or_f::<true>(u64::from_le_bytes(x)), true),
                    (capital_or_f::<false>(u64::from_le_bytes(x)), false),
                ] {
                    let want = c.is_ascii_uppercase() || f && c == b'f';
                    assert_eq!(m != 0, want, "{c:#x} at {k}");
                    if want {
                        assert_eq!(m.trailing_zeros() / 8, k as u32);
                    }
                }
            }
        }
    }

    /// The weights as first written: every maximal run of letters not glued
    /// after a letter or digit, looked up in each list in turn.
    fn naive(b: &[u8]) -> (usize, usize) {
        let (mut au, mut us) = (0, 0);
        let mut i = 0;
        while i < b.len() {
            if !b[i].is_ascii_alphabetic() || i > 0 && b[i - 1].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let s = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            let w = std::str::from_utf8(&b[s..i]).unwrap();
            if AU_WORDS.contains(&w) {
                au += 1;
            } else if US_WORDS.contains(&w) {
                us += 1;
            } else if w == "A" && b.get(i) == Some(&b'$') || w == "AUD" {
                au += 3;
            } else if (w == "US" || w == "USD") && b.get(i) == Some(&b'$') {
                us += 2;
            }
            if w == "US" && s > 0 && b[s - 1] == b'$' {
                au += 1;
            }
        }
        (au, us)
    }

    #[test]
    fn counts_agree_with_the_naive_reading() {
        let pieces: Vec<&str> = WORDS
            .iter()
            .chain(CODE_WORDS)
            .copied()
            .chain([
                "Australias",
                "australia",
                "AUSTRALIA",
                "frank",
                "Franked",
                "x",
                "f",
                "F",
                "$",
                " ",
                " ",
                "-",
                "7",
                "中",
                "é",
                "\n",
                "Ch",
                "Americana",
                "USDA",
                "Au",
            ])
            .collect();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            let mut t = String::new();
            for _ in 0..(x % 40) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                t.push_str(pieces[(x % pieces.len() as u64) as usize]);
            }
            let want = naive(t.as_bytes());
            assert_eq!(count::<true>(t.as_bytes()), want, "{t:?}");
            if !t.contains("franked") {
                assert_eq!(count::<false>(t.as_bytes()), want, "{t:?}");
            }
        }
    }
}
