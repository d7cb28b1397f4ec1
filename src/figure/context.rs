//! What a bare `$` (and a bare cent) means in an article.

use super::class::WordSet;
use super::{CurrencySource, FigureContext};

/// Words that put an article in Australia.
static AU: WordSet<64> = WordSet::new(AU_WORDS, false);

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
static US: WordSet<64> = WordSet::new(US_WORDS, false);

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

/// First letters of the words [`context_for`] counts.
static WORD_START: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    while k < AU_WORDS.len() + US_WORDS.len() {
        let w = if k < AU_WORDS.len() {
            AU_WORDS[k]
        } else {
            US_WORDS[k - AU_WORDS.len()]
        };
        t[w.as_bytes()[0] as usize] = true;
        k += 1;
    }
    t[b'A' as usize] = true;
    t[b'U' as usize] = true;
    let mut c = 0;
    while c < 256 {
        assert!(!t[c] || (c as u8).is_ascii_uppercase() || c as u8 == b'f');
        c += 1;
    }
    t
};

/// The high bit of each of the eight bytes of `x` (little-endian) that is
/// an ASCII capital or `f`, the first letters of [`WORD_START`].
#[inline]
fn capital_or_f(x: u64) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // Seven low bits of each byte: adding to them never carries over.
    let t = x & !HI;
    let ascii = !x & HI;
    let at_least_a = t + LO * (0x80 - b'A' as u64);
    let past_z = t + LO * (0x80 - b'Z' as u64 - 1);
    let capital = at_least_a & !past_z;
    let f = !((t ^ (LO * b'f' as u64)) + LO * 0x7F);
    (capital | f) & ascii
}

/// Decides what a bare `$` means for an article: AUD when the article is
/// about Australian companies, budgets, the ASX or the Albanese government,
/// USD otherwise. Explicit forms in the text (A$, US$, $US, AUD) always win
/// over this, figure by figure.
pub fn context_for(text: &str) -> FigureContext {
    let (mut au, mut us) = (0usize, 0usize);
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Every word that counts starts with a capital, but "franked": the
        // text between is passed over eight bytes at a time.
        if let Some(&[x0, x1, x2, x3, x4, x5, x6, x7]) = b.get(i..i + 8) {
            let m = capital_or_f(u64::from_le_bytes([x0, x1, x2, x3, x4, x5, x6, x7]));
            if m == 0 {
                i += 8;
                continue;
            }
            i += (m.trailing_zeros() / 8) as usize;
        }
        if !WORD_START[b[i] as usize] || i > 0 && b[i - 1].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_alphabetic() {
            i += 1;
        }
        let w = &b[s..i];
        if AU.contains(w) {
            au += 1;
        } else if US.contains(w) {
            us += 1;
        } else if w == b"A" && b.get(i) == Some(&b'$') || w == b"AUD" {
            au += 3;
        } else if (w == b"US" || w == b"USD") && b.get(i) == Some(&b'$') {
            us += 2;
        }
        // "$US48" is how Australian papers write US dollars.
        if w == b"US" && s > 0 && b[s - 1] == b'$' {
            au += 1;
        }
    }
    if au >= 2 && au > us * 2 {
        FigureContext {
            dollar: "AUD",
            dollar_source: CurrencySource::Context,
        }
    } else {
        FigureContext::default()
    }
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
                let m = capital_or_f(u64::from_le_bytes(x));
                let want = c.is_ascii_uppercase() || c == b'f';
                assert_eq!(m != 0, want, "{c:#x} at {k}");
                if want {
                    assert_eq!(m.trailing_zeros() / 8, k as u32);
                }
            }
        }
    }
}
