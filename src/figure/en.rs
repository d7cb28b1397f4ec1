//! English written numbers: "twelve", "one hundred and five", "a dozen",
//! "two-thirds", "1.7 billion", "half a billion", "two point five".

use super::class::WordSet;
use super::number::{parse_arabic, Dec, Val};

/// One word of a written number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum W {
    /// 0-9.
    Unit(u8),
    /// 10-19.
    Teen(u8),
    /// 20, 30 ... 90.
    Tens(u8),
    Hundred,
    /// thousand, million, lakh, crore... as a power of ten.
    Scale(i32),
    Dozen,
    /// A denominator: third(s) = 3, quarter(s) = 4, hundredth(s) = 100.
    Ord(u64),
    /// first..ninth, only inside compound denominators (twenty-first).
    OrdUnit(u32),
    Half,
    And,
    A,
    Point,
    Of,
    /// An Arabic number inside a written one ("4 thousand 3 hundred"), and
    /// whether it is small (three digits at most, plain); its value is read
    /// again from the text ([`digits_val`]), which keeps tokens small.
    Digits(bool),
}

/// Every word of a written number, with its class.
pub(crate) const WORDS: &[(&str, W)] = &[
    ("zero", W::Unit(0)),
    ("nought", W::Unit(0)),
    ("naught", W::Unit(0)),
    ("nil", W::Unit(0)),
    ("one", W::Unit(1)),
    ("two", W::Unit(2)),
    ("three", W::Unit(3)),
    ("four", W::Unit(4)),
    ("five", W::Unit(5)),
    ("six", W::Unit(6)),
    ("seven", W::Unit(7)),
    ("eight", W::Unit(8)),
    ("nine", W::Unit(9)),
    ("ten", W::Teen(10)),
    ("eleven", W::Teen(11)),
    ("twelve", W::Teen(12)),
    ("thirteen", W::Teen(13)),
    ("fourteen", W::Teen(14)),
    ("fifteen", W::Teen(15)),
    ("sixteen", W::Teen(16)),
    ("seventeen", W::Teen(17)),
    ("eighteen", W::Teen(18)),
    ("nineteen", W::Teen(19)),
    ("twenty", W::Tens(20)),
    ("thirty", W::Tens(30)),
    ("forty", W::Tens(40)),
    ("fourty", W::Tens(40)),
    ("fifty", W::Tens(50)),
    ("sixty", W::Tens(60)),
    ("seventy", W::Tens(70)),
    ("eighty", W::Tens(80)),
    ("ninety", W::Tens(90)),
    ("hundred", W::Hundred),
    ("hundreds", W::Hundred),
    ("thousand", W::Scale(3)),
    ("thousands", W::Scale(3)),
    ("million", W::Scale(6)),
    ("millions", W::Scale(6)),
    ("mln", W::Scale(6)),
    ("mn", W::Scale(6)),
    ("mil", W::Scale(6)),
    ("billion", W::Scale(9)),
    ("billions", W::Scale(9)),
    ("bn", W::Scale(9)),
    ("bln", W::Scale(9)),
    ("trillion", W::Scale(12)),
    ("trillions", W::Scale(12)),
    ("tn", W::Scale(12)),
    ("tln", W::Scale(12)),
    ("lakh", W::Scale(5)),
    ("lakhs", W::Scale(5)),
    ("lac", W::Scale(5)),
    ("lacs", W::Scale(5)),
    ("lkh", W::Scale(5)),
    ("lkhs", W::Scale(5)),
    ("crore", W::Scale(7)),
    ("crores", W::Scale(7)),
    ("cr", W::Scale(7)),
    ("koti", W::Scale(7)),
    ("krore", W::Scale(7)),
    ("krores", W::Scale(7)),
    ("kr", W::Scale(7)),
    ("dozen", W::Dozen),
    ("dozens", W::Dozen),
    ("dz", W::Dozen),
    ("dzs", W::Dozen),
    ("doz", W::Dozen),
    ("dozs", W::Dozen),
    ("half", W::Half),
    ("halves", W::Half),
    ("third", W::Ord(3)),
    ("thirds", W::Ord(3)),
    ("fourth", W::Ord(4)),
    ("fourths", W::Ord(4)),
    ("quarter", W::Ord(4)),
    ("quarters", W::Ord(4)),
    ("fifth", W::Ord(5)),
    ("fifths", W::Ord(5)),
    ("sixth", W::Ord(6)),
    ("sixths", W::Ord(6)),
    ("seventh", W::Ord(7)),
    ("sevenths", W::Ord(7)),
    ("eighth", W::Ord(8)),
    ("eighths", W::Ord(8)),
    ("ninth", W::Ord(9)),
    ("ninths", W::Ord(9)),
    ("tenth", W::Ord(10)),
    ("tenths", W::Ord(10)),
    ("eleventh", W::Ord(11)),
    ("elevenths", W::Ord(11)),
    ("twelfth", W::Ord(12)),
    ("twelfths", W::Ord(12)),
    ("thirteenth", W::Ord(13)),
    ("thirteenths", W::Ord(13)),
    ("fifteenth", W::Ord(15)),
    ("fifteenths", W::Ord(15)),
    ("sixteenth", W::Ord(16)),
    ("sixteenths", W::Ord(16)),
    ("twentieth", W::Ord(20)),
    ("twentieths", W::Ord(20)),
    ("thirtieth", W::Ord(30)),
    ("thirtieths", W::Ord(30)),
    ("fortieth", W::Ord(40)),
    ("fortieths", W::Ord(40)),
    ("fiftieth", W::Ord(50)),
    ("fiftieths", W::Ord(50)),
    ("hundredth", W::Ord(100)),
    ("hundredths", W::Ord(100)),
    ("thousandth", W::Ord(1000)),
    ("thousandths", W::Ord(1000)),
    ("millionth", W::Ord(1_000_000)),
    ("millionths", W::Ord(1_000_000)),
    ("billionth", W::Ord(1_000_000_000)),
    ("billionths", W::Ord(1_000_000_000)),
    ("trillionth", W::Ord(1_000_000_000_000)),
    ("trillionths", W::Ord(1_000_000_000_000)),
    ("first", W::OrdUnit(1)),
    ("firsts", W::OrdUnit(1)),
    ("second", W::OrdUnit(2)),
    ("seconds", W::OrdUnit(2)),
    ("and", W::And),
    ("a", W::A),
    ("an", W::A),
    ("point", W::Point),
    ("of", W::Of),
];

/// The words of [`WORDS`], for their [`WordSet`].
const NAMES: [&str; WORDS.len()] = {
    let mut names = [""; WORDS.len()];
    let mut k = 0;
    while k < WORDS.len() {
        names[k] = WORDS[k].0;
        k += 1;
    }
    names
};

static SET: WordSet<256> = WordSet::new(&NAMES, true);

fn lookup(w: &str) -> Option<W> {
    SET.find(w.as_bytes()).map(|k| WORDS[k].1)
}

/// The words of [`WORDS`] that scale a number written before them.
const fn scaling(w: W) -> bool {
    matches!(w, W::Scale(_) | W::Hundred | W::Dozen | W::Point)
}

/// The first letters (`& 31`, so either case) of the [`scaling`] words.
const SCALING_FIRST: u32 = {
    let mut m = 0u32;
    let mut k = 0;
    while k < WORDS.len() {
        let c = WORDS[k].0.as_bytes()[0];
        assert!(c.is_ascii_lowercase());
        if scaling(WORDS[k].1) {
            m |= 1 << (c & 31);
        }
        k += 1;
    }
    m
};

/// [`word`] when it is a scale, `hundred`, `dozen` or `point`, else `None`:
/// a word whose first letter starts none of them is not looked up.
#[inline]
pub(crate) fn scaling_word(w: &str) -> Option<W> {
    let &c = w.as_bytes().first()?;
    if c.is_ascii_alphabetic() && SCALING_FIRST & 1 << (c & 31) == 0 {
        return None;
    }
    lookup(w).filter(|&x| scaling(x))
}

/// True for a word that can start a written number.
pub(crate) fn starts_number(w: &str) -> bool {
    matches!(lookup(w), Some(W::Unit(_) | W::Teen(_) | W::Tens(_)))
}

/// The word class of `w`, for the scanner.
pub(crate) fn word(w: &str) -> Option<W> {
    lookup(w)
}

/// A written number found in text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct EnNum {
    pub end: usize,
    pub val: Val,
    /// Number of number words (not counting digits) in it.
    pub words: u32,
    /// It has an Arabic part.
    pub digits: bool,
    /// A fraction ("two thirds", "a half").
    pub fraction: bool,
    /// Ends in a scale word (million, bn): value already scaled.
    pub scaled: bool,
    /// The first token was `a`/`an`.
    pub article: bool,
}

#[derive(Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    w: W,
}

fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphabetic()
}

/// Reads up to 24 tokens from `i`: words, hyphens and spaces between them.
fn tokens(text: &str, i: usize, out: &mut [Option<Tok>]) -> usize {
    let b = text.as_bytes();
    let mut j = i;
    let mut n = 0;
    while n < out.len() && j < b.len() {
        let c = b[j];
        if is_word_byte(c) {
            let s = j;
            while j < b.len() && is_word_byte(b[j]) {
                j += 1;
            }
            // A word glued to digits or apostrophes is not ours.
            if j < b.len() && (b[j].is_ascii_digit() || b[j] == b'\'') {
                break;
            }
            match lookup(&text[s..j]) {
                Some(w) => {
                    out[n] = Some(Tok {
                        start: s,
                        end: j,
                        w,
                    });
                    n += 1;
                }
                None => break,
            }
        } else if c.is_ascii_digit()
            || (c == b'.' && b.get(j + 1).is_some_and(|d| d.is_ascii_digit()))
        {
            let Some(a) = parse_arabic(b, j) else { break };
            if b.get(a.end).is_some_and(|&d| d.is_ascii_alphanumeric()) {
                break;
            }
            let small = !a.decimal && !a.grouped && a.int_digits <= 3;
            out[n] = Some(Tok {
                start: j,
                end: a.end,
                w: W::Digits(small),
            });
            n += 1;
            j = a.end;
        } else {
            break;
        }
        // Separators: spaces, one hyphen with optional spaces around it.
        let mut k = j;
        let mut hy = 0;
        while k < b.len() && (b[k] == b' ' || b[k] == b'-') && k - j < 6 {
            if b[k] == b'-' {
                hy += 1;
            }
            k += 1;
        }
        if hy > 1 || k == j {
            break;
        }
        if k < b.len() && (is_word_byte(b[k]) || b[k].is_ascii_digit()) {
            j = k;
        } else {
            break;
        }
    }
    n
}

/// The value of the Arabic number token at `i`.
fn digits_val(text: &str, i: usize) -> Option<Val> {
    parse_arabic(text.as_bytes(), i).map(|a| a.val)
}

/// Parses a written number at `i` (which starts a word or a digit).
pub(crate) fn parse_words(text: &str, i: usize) -> Option<EnNum> {
    parse_words_nested(text, i, 0)
}

/// How many times a number may continue after "and" with a number of its
/// own ("twenty and three and three fifths" takes two). Each level reads a
/// fresh window of tokens, so without a limit a chain of "one and one and
/// ..." recursed once per word and overflowed the stack.
const MAX_AND_NESTING: u8 = 4;

fn parse_words_nested(text: &str, i: usize, nesting: u8) -> Option<EnNum> {
    // The number after "and", when it may still be read.
    let rest_at = |at: usize| {
        (nesting < MAX_AND_NESTING)
            .then(|| parse_words_nested(text, at, nesting + 1))
            .flatten()
    };
    let mut buf: [Option<Tok>; 24] = [None; 24];
    let n = tokens(text, i, &mut buf);
    let t = |k: usize| -> Option<Tok> {
        if k < n {
            buf[k]
        } else {
            None
        }
    };
    let mut k = 0;
    let mut total = Dec::ZERO;
    let mut cur = Dec::ZERO;
    let mut sub = Dec::ZERO; // added since the last hundred or scale
    #[derive(PartialEq, Clone, Copy)]
    enum L {
        None,
        Unit,
        Teen,
        Tens,
        Hundred,
        Scale,
        Digits,
    }
    let mut last = L::None;
    let mut last_scale = 0;
    let mut end = i;
    let mut words = 0u32;
    let mut digits = false;
    let mut scaled = false;
    let mut article = false;
    let mut fraction = false;
    let mut extra: Option<Val> = None; // fraction part added after "and"
                                       // Checkpoint to roll back to: (k, total, cur, last, end, words)
    let mut check: Option<(usize, Dec, Dec, L, usize, u32)> = None;
    let mut prev_before_tens = Dec::ZERO;
    let mut frac_val: Option<Val> = None;
    // "quarter million", "half million": an implicit one.
    if let (
        Some(Tok {
            w: W::Ord(4) | W::Half,
            ..
        }),
        Some(Tok {
            w: W::Scale(e),
            end: se,
            ..
        }),
    ) = (t(0), t(1))
    {
        let f = if matches!(t(0).map(|x| x.w), Some(W::Half)) {
            2
        } else {
            4
        };
        let v = Val::Ratio(Dec::int(1), Dec::int(f)).mul(Dec::pow10(e));
        return Some(EnNum {
            end: se,
            val: v,
            words: 2,
            digits: false,
            fraction: false,
            scaled: true,
            article: false,
        });
    }
    let first_a = matches!(t(0), Some(Tok { w: W::A, .. }));
    if first_a {
        // "a" only starts: a dozen, a hundred, a million, a half, a third.
        match t(1).map(|x| x.w) {
            Some(W::Hundred | W::Scale(_) | W::Dozen | W::Half | W::Ord(_)) => {}
            Some(W::Tens(_)) if matches!(t(2).map(|x| x.w), Some(W::Ord(_) | W::OrdUnit(_))) => {}
            _ => return None,
        }
        article = true;
        cur = Dec::int(1);
        sub = cur;
        last = L::Unit;
        k = 1;
    }
    while let Some(tok) = t(k) {
        match tok.w {
            W::Unit(v) | W::Teen(v) | W::Tens(v) => {
                let kind = match tok.w {
                    W::Unit(_) => L::Unit,
                    W::Teen(_) => L::Teen,
                    _ => L::Tens,
                };
                let ok = match last {
                    L::None | L::Hundred | L::Scale => true,
                    L::Tens => kind == L::Unit && v > 0,
                    _ => false,
                };
                if !ok && kind == L::Tens && last != L::None {
                    // "one twenty-fifth", "three twenty-firsts": a compound denominator.
                    let unit = match t(k + 1).map(|x| x.w) {
                        Some(W::Ord(d)) if d < 10 => Some(d as u128),
                        Some(W::OrdUnit(d)) => Some(d as u128),
                        _ => None,
                    };
                    let num = total.add(cur);
                    if let Some(u) = unit {
                        if !num.is_zero() {
                            frac_val = Some(Val::Ratio(num, Dec::int(v as u128 + u)));
                            fraction = true;
                            total = Dec::ZERO;
                            cur = Dec::ZERO;
                            words += 2;
                            end = t(k + 1).map_or(end, |x| x.end);
                            break;
                        }
                    }
                }
                if !ok || (article && k == 1) {
                    break;
                }
                if matches!(last, L::Hundred | L::Scale) && check.is_none() {
                    check = Some((k, total, cur, last, end, words));
                }
                if kind == L::Tens {
                    prev_before_tens = cur;
                }
                let d = Dec::int(v as u128);
                cur = cur.add(d);
                sub = if last == L::Tens { sub.add(d) } else { d };
                last = kind;
                words += 1;
            }
            W::Digits(small) => {
                let Some(val) = digits_val(text, tok.start) else {
                    break;
                };
                let ok = match last {
                    L::None => true,
                    L::Hundred => small && val.to_f64() < 100.0,
                    L::Scale => small,
                    _ => false,
                };
                if !ok {
                    break;
                }
                if last != L::None && check.is_none() {
                    check = Some((k, total, cur, last, end, words));
                }
                let Some(d) = val.exact() else {
                    if last == L::None {
                        return None;
                    }
                    break;
                };
                cur = cur.add(d);
                sub = d;
                last = L::Digits;
                digits = true;
                if !small
                    && k + 1 < n
                    && !matches!(
                        t(k + 1).map(|x| x.w),
                        Some(W::Scale(_) | W::Hundred | W::Dozen | W::Point)
                    )
                {
                    end = tok.end;
                    break;
                }
            }
            W::Hundred => {
                if cur.is_zero() {
                    break;
                }
                if last == L::Digits && total.is_zero() && cur == sub {
                    cur = cur.mul_int(100);
                } else if matches!(last, L::Hundred | L::Scale | L::None) || cur.to_f64() >= 100.0 {
                    // "3 hundred and 2 hundred": the second starts anew.
                    if let Some((ck, ct, cc, cl, ce, cw)) = check {
                        k = ck;
                        total = ct;
                        cur = cc;
                        last = cl;
                        end = ce;
                        words = cw;
                        let _ = (k, last);
                    }
                    break;
                } else {
                    cur = cur.mul_int(100);
                }
                sub = cur;
                last = L::Hundred;
                check = None;
                words += 1;
            }
            W::Scale(e) => {
                if cur.is_zero() && total.is_zero() {
                    if let Some(f) = frac_val.take() {
                        // "half a billion", "two thirds of a million".
                        extra = Some(f.mul(Dec::pow10(e)));
                        frac_val = Some(Val::Exact(Dec::ZERO));
                        end = tok.end;
                        k += 1;
                        scaled = true;
                        words += 1;
                        continue;
                    }
                    break;
                }
                if cur.is_zero() && last == L::Scale && e > last_scale {
                    total = total.shift(e);
                } else if !total.is_zero() && e > last_scale {
                    total = total.add(cur).shift(e);
                } else if !total.is_zero() && e == last_scale {
                    if let Some((ck, ct, cc, cl, ce, cw)) = check {
                        k = ck;
                        total = ct;
                        cur = cc;
                        last = cl;
                        end = ce;
                        words = cw;
                        let _ = (k, last);
                    }
                    break;
                } else {
                    total = total.add(cur.shift(e));
                }
                if let Some(f) = frac_val.take() {
                    // "half million", "two thirds of a million".
                    total = Dec::ZERO;
                    extra = Some(f.mul(Dec::pow10(e)));
                }
                cur = Dec::ZERO;
                sub = Dec::ZERO;
                last = L::Scale;
                last_scale = e;
                scaled = true;
                check = None;
                words += 1;
            }
            W::Dozen => {
                if cur.is_zero() && total.is_zero() && frac_val.is_none() {
                    break;
                }
                if let Some(f) = frac_val.take() {
                    extra = Some(f.mul(Dec::int(12)));
                } else {
                    let base = cur.add(sub.neg());
                    cur = base.add(sub.mul_int(12));
                }
                last = L::Scale;
                words += 1;
            }
            W::Point => {
                if last == L::None || frac_val.is_some() {
                    break;
                }
                // Decimal digits follow, one word per digit.
                let mut f = Dec::ZERO;
                let mut m = k + 1;
                let mut nd = 0;
                while let Some(x) = t(m) {
                    match x.w {
                        W::Unit(v) => f.push_frac_digit(v),
                        W::Teen(v) => {
                            f.push_frac_digit(v / 10);
                            f.push_frac_digit(v % 10);
                        }
                        W::Tens(v) => {
                            f.push_frac_digit(v / 10);
                            match t(m + 1).map(|y| y.w) {
                                Some(W::Unit(u)) if u > 0 => {
                                    f.push_frac_digit(u);
                                    m += 1;
                                }
                                _ => f.push_frac_digit(0),
                            }
                        }
                        W::Digits(true) if nd == 0 => {
                            let s = &text[x.start..x.end];
                            for c in s.bytes() {
                                f.push_frac_digit(c - b'0');
                            }
                        }
                        _ => break,
                    }
                    nd += 1;
                    m += 1;
                }
                if nd == 0 {
                    break;
                }
                cur = cur.add(f);
                end = t(m - 1).map_or(end, |x| x.end);
                k = m;
                words += nd as u32;
                // A scale may follow: two point two million.
                if let Some(Tok {
                    w: W::Scale(e),
                    end: se,
                    ..
                }) = t(k)
                {
                    total = total.add(cur).shift(e);
                    cur = Dec::ZERO;
                    end = se;
                    scaled = true;
                }
                break;
            }
            W::Half => {
                // a half / one and a half / half a dozen / half million.
                let whole = total.add(cur);
                let h = Val::Ratio(Dec::int(1), Dec::int(2));
                if article && k == 1 {
                    frac_val = Some(h);
                    fraction = true;
                    cur = Dec::ZERO;
                    total = Dec::ZERO;
                } else if last == L::None {
                    frac_val = Some(h);
                    fraction = true;
                } else {
                    break;
                }
                let _ = whole;
                words += 1;
                end = tok.end;
                k += 1;
                // half a dozen / half a billion
                if let (Some(Tok { w: W::A, .. }), Some(nx)) = (t(k), t(k + 1)) {
                    if matches!(nx.w, W::Scale(_) | W::Dozen | W::Hundred) {
                        k += 1;
                    }
                }
                continue;
            }
            W::Ord(den) => {
                if last == L::None && !article {
                    break;
                }
                let mut num = total.add(cur);
                let mut den = den as u128;
                // twenty-first, thirty fifths (compound denominators).
                if last == L::Tens && den < 10 && !article {
                    let tens = cur.add(prev_before_tens.neg());
                    if !prev_before_tens.is_zero() || !total.is_zero() {
                        den += tens.as_int().unwrap_or(0);
                        num = total.add(prev_before_tens);
                    }
                }
                if num.is_zero() {
                    break;
                }
                let v = match Dec::int(den).trim() {
                    d if d.mant == 1 => Val::Exact(num.shift(-d.exp)),
                    _ => Val::Ratio(num, Dec::int(den)),
                };
                frac_val = Some(v);
                fraction = true;
                total = Dec::ZERO;
                cur = Dec::ZERO;
                words += 1;
                end = tok.end;
                k += 1;
                // "two thirds of a million"
                if let (
                    Some(Tok { w: W::Of, .. }),
                    Some(Tok { w: W::A, .. }),
                    Some(Tok { w: W::Scale(_), .. }),
                ) = (t(k), t(k + 1), t(k + 2))
                {
                    k += 2;
                }
                continue;
            }
            W::OrdUnit(u) => {
                if last == L::Tens {
                    let tens = cur.add(prev_before_tens.neg());
                    let den = tens.as_int().unwrap_or(0) + u as u128;
                    let num = if prev_before_tens.is_zero() && total.is_zero() {
                        Dec::int(1)
                    } else {
                        total.add(prev_before_tens)
                    };
                    if article || !num.is_zero() {
                        frac_val = Some(Val::Ratio(
                            if article { Dec::int(1) } else { num },
                            Dec::int(den),
                        ));
                        fraction = true;
                        total = Dec::ZERO;
                        cur = Dec::ZERO;
                        words += 1;
                        end = tok.end;
                    }
                }
                break;
            }
            W::And => {
                // "one hundred and five", "one and a half", "two thousand and two hundred".
                // A whole number and a fraction: "two and fifty-four hundredths".
                if last != L::None
                    && frac_val.is_none()
                    && !matches!(t(k + 1).map(|x| x.w), Some(W::A))
                {
                    if let Some(nx) = t(k + 1) {
                        if let Some(rest) = rest_at(nx.start) {
                            let proper = rest.val.to_f64() < 1.0 || last != L::Scale;
                            if rest.fraction
                                && proper
                                && !rest.scaled
                                && !matches!(t(k + 1).map(|x| x.w), Some(W::Ord(_)))
                            {
                                let whole = total.add(cur);
                                // "five billion and three quarters" = 5.75 billion.
                                let part = if last == L::Scale {
                                    rest.val.mul(Dec::pow10(last_scale))
                                } else {
                                    rest.val
                                };
                                return Some(EnNum {
                                    end: rest.end,
                                    val: Val::Exact(whole).add(part),
                                    words: words + rest.words,
                                    digits: digits || rest.digits,
                                    fraction: true,
                                    scaled: false,
                                    article,
                                });
                            }
                        }
                    }
                }
                match (t(k + 1).map(|x| x.w), t(k + 2).map(|x| x.w)) {
                    (Some(W::A), Some(W::Half | W::Ord(_))) | (Some(W::Unit(1)), Some(W::Half)) => {
                        let fv = match t(k + 2).map(|x| x.w) {
                            Some(W::Half) => Val::Ratio(Dec::int(1), Dec::int(2)),
                            Some(W::Ord(d)) => Val::Ratio(Dec::int(1), Dec::int(d as u128)),
                            _ => break,
                        };
                        if last == L::None {
                            break;
                        }
                        let mult = if last == L::Scale {
                            Dec::pow10(last_scale)
                        } else {
                            Dec::int(1)
                        };
                        extra = Some(fv.mul(mult));
                        end = t(k + 2).map_or(end, |x| x.end);
                        words += 2;
                        k += 3;
                        fraction = true;
                        // "five and a half million"
                        if let Some(Tok {
                            w: W::Scale(e),
                            end: se,
                            ..
                        }) = t(k)
                        {
                            if last != L::Scale {
                                let whole = total.add(cur);
                                total = whole.shift(e);
                                cur = Dec::ZERO;
                                extra = extra.map(|x| x.mul(Dec::pow10(e)));
                                end = se;
                                scaled = true;
                                // "one billion and a half million" handled above
                            } else {
                                extra = Some(fv.mul(Dec::pow10(e)));
                                end = se;
                            }
                        }
                        break;
                    }
                    (Some(W::Unit(v)), Some(W::Ord(d))) if v > 0 && last != L::None => {
                        // "twenty and three fifths", "five billion and three quarters".
                        let mult = if last == L::Scale {
                            Dec::pow10(last_scale)
                        } else {
                            Dec::int(1)
                        };
                        let fv = Val::Ratio(Dec::int(v as u128), Dec::int(d as u128)).mul(mult);
                        extra = Some(fv);
                        end = t(k + 2).map_or(end, |x| x.end);
                        words += 2;
                        k += 3;
                        fraction = true;
                        if let Some(Tok {
                            w: W::Scale(e),
                            end: se,
                            ..
                        }) = t(k)
                        {
                            extra = Some(
                                Val::Ratio(Dec::int(v as u128), Dec::int(d as u128))
                                    .mul(Dec::pow10(e)),
                            );
                            end = se;
                        }
                        break;
                    }
                    (Some(W::Unit(_) | W::Teen(_) | W::Tens(_)), _) | (Some(W::Digits(..)), _)
                        if matches!(last, L::Hundred | L::Scale)
                            || (matches!(last, L::Unit | L::Teen | L::Tens | L::Digits)
                                && total.is_zero()
                                && cur.to_f64() < 100.0
                                && matches!(t(k + 2).map(|x| x.w), Some(W::Ord(_)))) =>
                    {
                        if matches!(t(k + 1).map(|x| x.w), Some(W::Unit(0)))
                            || matches!(t(k + 1), Some(Tok { w: W::Digits(_), start, .. })
                                if digits_val(text, start).is_some_and(|v| v.is_zero()))
                        {
                            break;
                        }
                        if check.is_none() {
                            check = Some((k, total, cur, last, end, words));
                        }
                        if !matches!(last, L::Hundred | L::Scale) {
                            // "twenty and three and three fifths": a mixed number.
                            let whole = total.add(cur);
                            if let Some(rest) = rest_at(t(k + 1).map_or(end, |x| x.start)) {
                                if rest.fraction {
                                    return Some(EnNum {
                                        end: rest.end,
                                        val: Val::Exact(whole).add(rest.val),
                                        words: words + rest.words,
                                        digits: digits || rest.digits,
                                        fraction: true,
                                        scaled: false,
                                        article,
                                    });
                                }
                            }
                            break;
                        }
                        k += 1;
                        continue;
                    }
                    _ => break,
                }
            }
            W::A | W::Of => break,
        }
        end = tok.end;
        k += 1;
    }
    if words == 0 && !digits {
        return None;
    }
    let mut val = match frac_val {
        Some(f) => {
            if !cur.is_zero() || !total.is_zero() {
                f.add(Val::Exact(total.add(cur)))
            } else {
                f
            }
        }
        None => Val::Exact(total.add(cur)),
    };
    if let Some(x) = extra {
        if frac_val.is_some() && total.is_zero() && cur.is_zero() {
            val = x;
        } else {
            val = val.add(x);
        }
    }
    if val.is_zero() && words == 0 {
        return None;
    }
    Some(EnNum {
        end,
        val,
        words,
        digits,
        fraction,
        scaled,
        article,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `scaling_word` answers as `word` filtered to the scaling words.
    #[test]
    fn scaling_word_agrees_with_word() {
        let mut ws: Vec<String> = Vec::new();
        for (w, _) in WORDS {
            ws.push(w.to_string());
            ws.push(w.to_uppercase());
            ws.push(w[..1].to_uppercase() + &w[1..]);
            ws.push(format!("{w}s"));
            ws.push(w[1..].to_string());
        }
        for w in [
            "", "x", "per", "tonnes", "of", "Ü", "é", "1", "-", "MILLION", "Bn",
        ] {
            ws.push(w.to_string());
        }
        for w in &ws {
            assert_eq!(scaling_word(w), word(w).filter(|&x| scaling(x)), "{w:?}");
        }
        assert!(scaling_word("Billion").is_some() && scaling_word("point").is_some());
    }

    fn v(s: &str) -> f64 {
        parse_words(s, 0)
            .map(|n| n.val.to_f64())
            .unwrap_or(f64::NAN)
    }

    #[test]
    fn written_numbers() {
        let cases: &[(&str, f64)] = &[
            ("twelve", 12.0),
            ("one hundred and five", 105.0),
            ("twenty-one trillion and three hundred", 21000000000300.0),
            ("a dozen", 12.0),
            ("half a dozen", 6.0),
            ("three hundred and two dozens", 324.0),
            ("two thirds", 2.0 / 3.0),
            ("one and a half", 1.5),
            ("five and a half million", 5_500_000.0),
            ("two point two million", 2_200_000.0),
            ("two hundred point zero three", 200.03),
            ("4 thousand 3 hundred and 21", 4321.0),
            ("1.7 billion", 1.7e9),
            ("322 hundred", 32200.0),
            ("two hundred and two thousand", 202000.0),
            ("two  thousand  and  two hundred", 2200.0),
            ("half million", 500000.0),
            ("three quarters", 0.75),
            ("twenty and three fifths", 20.6),
            ("one million and a half", 1_500_000.0),
            ("a twenty-first", 1.0 / 21.0),
            ("three hundred crores", 3e9),
            ("fifty - two", 52.0),
        ];
        for &(s, want) in cases {
            let got = v(s);
            assert!(
                (got - want).abs() <= want.abs() * 1e-12,
                "{s}: got {got}, want {want}"
            );
        }
        // "3 hundred and 2 hundred" is two numbers.
        let n = parse_words("3 hundred and 2 hundred", 0).unwrap();
        assert_eq!(n.val.to_f64(), 300.0);
        assert_eq!(n.end, "3 hundred".len());
    }
}
