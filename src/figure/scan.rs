//! The forward scan: finds numbers, reads what stands before and after them,
//! and turns them into figures or time mentions.

use std::borrow::Cow;
use std::cell::Cell;

use super::class::{self, fold_key, PrefixSet};
use super::en::{self, W};
use super::number::{parse_arabic, Dec, Val};
use super::time;
use super::unit::{self, UnitDef, EN_SUFFIX, ZH_SUFFIX};
use super::zh::{self, ZhNum};
use super::{CurrencySource, Figure, FigureContext, FigureKind, Precision, TimeKind, TimeMention};
use crate::span::Span;

/// The words [`Scanner::en_approx_cue`] reads as a cue, alone or ending a
/// two-word one.
const EN_APPROX_CUES: [u128; 28] = [
    kw::THAN,
    kw::LEAST,
    kw::MOST,
    kw::TO,
    kw::MANY,
    kw::MUCH,
    kw::EXCESS,
    kw::OF,
    kw::OVER,
    kw::ABOVE,
    kw::UNDER,
    kw::BELOW,
    kw::ESTIMATED,
    kw::MORE,
    kw::ABOUT,
    kw::AROUND,
    kw::APPROXIMATELY,
    kw::APPROX_DOT,
    kw::APPROX,
    kw::ROUGHLY,
    kw::SOME,
    kw::NEARLY,
    kw::ALMOST,
    kw::CIRCA,
    kw::CA_DOT,
    kw::EXCEEDING,
    kw::EXCEEDS,
    kw::TOPPING,
];

/// Per first byte (`& 31`, so a letter in either case) the lengths of the
/// words of [`EN_APPROX_CUES`] (a key holds its first byte lowest and its
/// length in its top byte).
static EN_APPROX_LENS: [u16; 32] = {
    let mut t = [0u16; 32];
    let mut k = 0;
    while k < EN_APPROX_CUES.len() {
        let key = EN_APPROX_CUES[k];
        let n = (key >> 120) as usize;
        assert!(n > 0 && n <= class::KEY_LEN);
        t[(key as u8 & 31) as usize] |= 1 << n;
        k += 1;
    }
    t
};

/// Words before a number that make it a rank (前8位, 排名第三) in `zh_after`.
const ZH_RANK_BEFORE: [&str; 7] = ["前", "排名", "位居", "位列", "排", "居", "列"];

/// The last bytes of the words of [`ZH_RANK_BEFORE`].
static ZH_RANK_LAST: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    while k < ZH_RANK_BEFORE.len() {
        let w = ZH_RANK_BEFORE[k].as_bytes();
        t[w[w.len() - 1] as usize] = true;
        k += 1;
    }
    t
};

/// Folded keys ([`class::kw`]) of the English words the scan compares words
/// with: `match fold_key(w) { kw::THAN => ... }` is an integer comparison
/// per arm where a string `match` compared bytes. Listed alphabetically.
mod kw {
    macro_rules! words {
        ($($name:ident = $w:literal,)*) => {
            $(pub(super) const $name: u128 = super::class::kw($w);)*
            /// Every word above, for tests.
            #[cfg(test)]
            pub(super) const ALL: &[&str] = &[$($w,)*];
        };
    }
    words! {
        EMPTY = "",
        A = "a",
        ABOUT = "about",
        ABOVE = "above",
        ACT = "act",
        ALMOST = "almost",
        AN = "an",
        ANNUALLY = "annually",
        APPROX = "approx",
        APPROX_DOT = "approx.",
        APPROXIMATELY = "approximately",
        AROUND = "around",
        ART = "art",
        AS = "as",
        AT = "at",
        AU = "au",
        AUD = "aud",
        BACK = "back",
        BELOW = "below",
        BILL = "bill",
        BLOCK = "block",
        BOX = "box",
        C = "c",
        CA = "ca",
        CA_DOT = "ca.",
        CAD = "cad",
        CAN = "can",
        CENT = "cent",
        CENTS = "cents",
        CIRCA = "circa",
        CLASS = "class",
        CLOSE = "close",
        CODE = "code",
        COMING = "coming",
        COULD = "could",
        CURRENT = "current",
        DAILY = "daily",
        DOLLAR = "dollar",
        DOUBLE = "double",
        DOUBLED = "doubled",
        DOUBLES = "doubles",
        DOUBLING = "doubling",
        DUE = "due",
        EACH = "each",
        ESTIMATED = "estimated",
        EURO = "euro",
        EXCEEDING = "exceeding",
        EXCEEDS = "exceeds",
        EXCESS = "excess",
        EXPECTED = "expected",
        FEWER = "fewer",
        FIRST = "first",
        FLOOR = "floor",
        FOLD = "fold",
        FORMER = "former",
        FRANC = "franc",
        FRONT = "front",
        GRADE = "grade",
        GREATER = "greater",
        HALF = "half",
        HIGHER = "higher",
        HK = "hk",
        HKD = "hkd",
        IN = "in",
        JUST = "just",
        LAST = "last",
        LATTER = "latter",
        LEAST = "least",
        LESS = "less",
        LEVEL = "level",
        LINE = "line",
        LOT = "lot",
        LOWER = "lower",
        MAIN = "main",
        MAJOR = "major",
        MANY = "many",
        MAY = "may",
        MEX = "mex",
        MIGHT = "might",
        MINUS = "minus",
        MODEL = "model",
        MONTH = "month",
        MONTHLY = "monthly",
        MORE = "more",
        MOST = "most",
        MUCH = "much",
        MX = "mx",
        MXN = "mxn",
        NEARLY = "nearly",
        NEGATIVE = "negative",
        NEXT = "next",
        NO = "no",
        NUMBER = "number",
        NZ = "nz",
        NZD = "nzd",
        OF = "of",
        ORDER = "order",
        OTHER = "other",
        OUT = "out",
        OVER = "over",
        P = "p",
        PER = "per",
        PERCENT = "percent",
        PERCENTAGE = "percentage",
        PERCENTS = "percents",
        PHASE = "phase",
        PLANNED = "planned",
        POUND = "pound",
        QUADRUPLED = "quadrupled",
        QUADRUPLING = "quadrupling",
        QUARTER = "quarter",
        QUARTERS = "quarters",
        R = "r",
        ROUGHLY = "roughly",
        ROUND = "round",
        RUPEE = "rupee",
        S = "s",
        SCHEDULED = "scheduled",
        SECOND = "second",
        SET = "set",
        SG = "sg",
        SGD = "sgd",
        SHOULD = "should",
        SLATED = "slated",
        SOME = "some",
        STAGE = "stage",
        STEP = "step",
        TARGETED = "targeted",
        THAN = "than",
        THIS = "this",
        TIER = "tier",
        TO = "to",
        TOP = "top",
        TOPPING = "topping",
        TRIPLED = "tripled",
        TRIPLES = "triples",
        TRIPLING = "tripling",
        TWICE = "twice",
        TYPE = "type",
        U_S = "u.s",
        U_S_DOT = "u.s.",
        UNDER = "under",
        UNIT = "unit",
        UP = "up",
        UPWARDS = "upwards",
        US = "us",
        USD = "usd",
        V = "v",
        WEEKLY = "weekly",
        WILL = "will",
        WOULD = "would",
        YEAR = "year",
        YEARLY = "yearly",
        YUAN = "yuan",
    }
}

/// Where a number came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Src {
    Arabic,
    Words,
    Zh,
}

/// A number before units are read.
#[derive(Clone, Copy, Debug)]
struct Num {
    start: usize,
    end: usize,
    val: Val,
    upper: Option<Val>,
    src: Src,
    /// Integer digits of the Arabic part (for years).
    int_digits: u32,
    /// Arabic written plainly: no separators, no decimals, no scale.
    plain: bool,
    /// Power of ten of a trailing scale (billion, 万) applied to `val`.
    tail_scale: Option<i32>,
    approx: Option<Precision>,
    percent: bool,
    fraction: bool,
    zh: Option<ZhFacts>,
    en: Option<EnFacts>,
}

/// What the scan reads of a Chinese numeral ([`ZhNum`]) once its value,
/// end and cues are in the [`Num`]: a few flags, so that a `Num` (moved
/// about for every number) stays small.
#[derive(Clone, Copy, Debug)]
struct ZhFacts {
    zh_chars: u32,
    arabic: bool,
    digit_string: bool,
    leading_digit: bool,
    has_mult: bool,
    weak_only: bool,
    decimal: bool,
}

impl ZhFacts {
    fn of(z: &ZhNum) -> ZhFacts {
        ZhFacts {
            zh_chars: z.zh_chars,
            arabic: z.arabic,
            digit_string: z.digit_string,
            leading_digit: z.leading_digit,
            has_mult: z.has_mult,
            weak_only: z.weak_only,
            decimal: z.decimal,
        }
    }
}

/// What the scan reads of a written English number ([`en::EnNum`]) once its
/// value and end are in the [`Num`] (see [`ZhFacts`]).
#[derive(Clone, Copy, Debug)]
struct EnFacts {
    words: u32,
    digits: bool,
    fraction: bool,
    article: bool,
}

/// The outcome for one number.
#[derive(Clone, Debug)]
enum Out {
    Fig(Built),
    Time(Span, TimeKind),
    /// Not a figure; skip to the given end.
    Skip(usize),
}

#[derive(Clone, Debug)]
struct Built {
    span: Span,
    val: Val,
    upper: Option<Val>,
    unit: Cow<'static, str>,
    kind: FigureKind,
    precision: Precision,
    currency_source: Option<CurrencySource>,
    tail_scale: Option<i32>,
    /// A count with no classifier or noun after it (a bare number).
    bare: bool,
    /// The number end (before units), for range detection.
    num_end: usize,
    num_start: usize,
    src: Src,
    /// Marked "between"/"from" on the left.
    between: bool,
    from: bool,
    /// Would be dropped as a weak count unless standalone.
    weak: bool,
}

pub(super) struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    ctx: &'a FigureContext,
    figs: &'a mut Vec<Figure>,
    times: &'a mut Vec<TimeMention>,
    zh_text: bool,
    last_fig_end: usize,
    last_fig_count: bool,
    cents: Option<&'static str>,
    /// The last two (end, start) of [`Scanner::word_before`].
    word_before_memo: Cell<[(usize, usize); 2]>,
    /// The last (at, start, end) of [`Scanner::word_before`]: asked again
    /// at the same place, it reads no byte.
    word_before_last: Cell<(usize, usize, usize)>,
    /// The last two (start, end) of [`Scanner::word_after`].
    word_after_memo: Cell<[(usize, usize); 2]>,
    /// The last (at, start, end) of [`Scanner::word_after`].
    word_after_last: Cell<(usize, usize, usize)>,
}

#[inline]
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

#[inline]
fn is_space(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

impl<'a> Scanner<'a> {
    pub(super) fn new(
        text: &'a str,
        ctx: &'a FigureContext,
        figs: &'a mut Vec<Figure>,
        times: &'a mut Vec<TimeMention>,
    ) -> Scanner<'a> {
        // A text is Chinese when a CJK character shows up early.
        // (The first 400 bytes all ASCII are the first 400 characters.)
        let head = &text.as_bytes()[..text.len().min(400)];
        let zh_text = !head.is_ascii() && text.chars().take(400).any(is_cjk);
        Scanner {
            text,
            b: text.as_bytes(),
            ctx,
            figs,
            times,
            zh_text,
            last_fig_end: 0,
            last_fig_count: false,
            cents: None,
            word_before_memo: Cell::new([(usize::MAX, 0); 2]),
            word_before_last: Cell::new((usize::MAX, 0, 0)),
            word_after_memo: Cell::new([(usize::MAX, 0); 2]),
            word_after_last: Cell::new((usize::MAX, 0, 0)),
        }
    }

    /// The currency of bare cents, decided on first use.
    fn cents(&mut self) -> &'static str {
        if let Some(c) = self.cents {
            return c;
        }
        let c = super::context::cents_currency(self.text, self.ctx);
        self.cents = Some(c);
        c
    }

    #[inline]
    fn ch(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|s| s.chars().next())
    }

    /// True when a CJK character ([`is_cjk`]) starts at `i`: its lead byte
    /// (E3 or higher: U+3400 is E3 90 80) is looked at before it is decoded.
    #[inline]
    fn cjk_at(&self, i: usize) -> bool {
        self.b.get(i).is_some_and(|&c| c >= 0xE3) && self.ch(i).is_some_and(is_cjk)
    }

    #[inline]
    fn ch_before(&self, i: usize) -> Option<char> {
        self.text.get(..i).and_then(|s| s.chars().next_back())
    }

    fn skip_sp(&self, mut i: usize, max: usize) -> usize {
        let s = i;
        while i < self.b.len() && is_space(self.b[i]) && i - s < max {
            i += 1;
        }
        i
    }

    fn skip_sp_back(&self, mut i: usize, max: usize) -> usize {
        let s = i;
        while i > 0 && is_space(self.b[i - 1]) && s - i < max {
            i -= 1;
        }
        i
    }

    /// The ASCII word ending at `i` (after skipping spaces back): (start, word).
    ///
    /// A number asks for the words around it several times over (reference,
    /// month, currency, approximation...): the last two answers are kept,
    /// by where the word ends.
    #[inline]
    fn word_before(&self, i: usize) -> (usize, &'a str) {
        let (at, s, e) = self.word_before_last.get();
        if at == i {
            return (s, &self.text[s..e]);
        }
        let (s, w) = self.word_before_read(i);
        self.word_before_last.set((i, s, s + w.len()));
        (s, w)
    }

    /// [`Scanner::word_before`] read anew (but for the last two words).
    fn word_before_read(&self, i: usize) -> (usize, &'a str) {
        let b = self.b;
        let e = self.skip_sp_back(i, 3);
        let memo = self.word_before_memo.get();
        let s = if memo[0].0 == e {
            memo[0].1
        } else if memo[1].0 == e {
            memo[1].1
        } else {
            let mut s = e;
            while s > 0
                && (b[s - 1].is_ascii_alphabetic()
                    || (b[s - 1] == b'.' && s >= 2 && b[s - 2].is_ascii_alphabetic()))
            {
                s -= 1;
            }
            self.word_before_memo.set([(e, s), memo[0]]);
            s
        };
        // Keep a trailing dot only as part of an abbreviation.
        (s, &self.text[s..e])
    }

    /// The ASCII word starting at `i` (after skipping spaces): (end, word);
    /// the last two answers are kept, as for [`Scanner::word_before`].
    #[inline]
    fn word_after(&self, i: usize) -> (usize, &'a str) {
        let (at, s, e) = self.word_after_last.get();
        if at == i {
            return (e, &self.text[s..e]);
        }
        let (e, w) = self.word_after_read(i);
        self.word_after_last.set((i, e - w.len(), e));
        (e, w)
    }

    /// [`Scanner::word_after`] read anew (but for the last two words).
    fn word_after_read(&self, i: usize) -> (usize, &'a str) {
        let b = self.b;
        let s = self.skip_sp(i, 3);
        let memo = self.word_after_memo.get();
        let e = if memo[0].0 == s {
            memo[0].1
        } else if memo[1].0 == s {
            memo[1].1
        } else {
            let mut e = s;
            while e < b.len() && b[e].is_ascii_alphabetic() {
                e += 1;
            }
            self.word_after_memo.set([(s, e), memo[0]]);
            e
        };
        (e, &self.text[s..e])
    }

    fn at_line_start(&self, i: usize) -> bool {
        let mut k = i;
        while k > 0 {
            let c = self.b[k - 1];
            if c == b'\n' {
                return true;
            }
            if !is_space(c) && c != b'(' && c != b'-' && c != b'*' {
                // Full-width parentheses and brackets.
                return self.text[..k].ends_with('（') && self.at_line_start(k - '（'.len_utf8());
            }
            k -= 1;
        }
        true
    }

    /// True when nothing but white space stands before `s` and nothing but
    /// white space and punctuation after `e`: the number is the whole text.
    fn standalone(&self, s: usize, e: usize) -> bool {
        if !trim_start(&self.text[..s]).is_empty() {
            return false;
        }
        let after = self.text[e.min(self.text.len())..].trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '.' | '。' | '!' | '?' | ';' | ',' | '，')
        });
        after.is_empty()
    }

    /// Runs the scan over the whole text.
    ///
    /// Bytes, words and characters that cannot start a figure are skipped
    /// with one table lookup each ([`class`]); only digits, trigger words
    /// and trigger characters go on to the parsers.
    pub(super) fn run(&mut self) {
        let b = self.b;
        let n = b.len();
        let mut i = 0;
        while i < n {
            let c = b[i];
            match class::BYTE[c as usize] {
                class::DIGIT => {
                    let e = self.at_number(i);
                    i = e.max(i + 1);
                }
                class::DOT => {
                    if i + 1 < n
                        && b[i + 1].is_ascii_digit()
                        && (i == 0 || !class::is_alnum(b[i - 1]) && b[i - 1] != b'.')
                    {
                        let e = self.at_number(i);
                        i = e.max(i + 1);
                    } else {
                        i += 1;
                    }
                }
                class::ALPHA => {
                    if i > 0 && (class::is_alnum(b[i - 1]) || b[i - 1] == b'\'') {
                        i = class::alnum_end(b, i + 1).0;
                        continue;
                    }
                    // Words, and the single spaces between them, without a
                    // trip back through the byte classes.
                    loop {
                        // The word: letters, and (rarely) digits.
                        let (we, digits) = class::alnum_end(b, i + 1);
                        if digits {
                            // Letters and digits: G7, Q3, FY2024, USD115.
                            i = self.at_alnum(i, we);
                            break;
                        }
                        let w = &b[i..we];
                        if class::maybe_scan_word(w) {
                            // URLs and e-mail addresses hold no figures.
                            if (w.eq_ignore_ascii_case(b"http") || w.eq_ignore_ascii_case(b"https"))
                                && b[we..].starts_with(b"://")
                                || w.eq_ignore_ascii_case(b"www") && b.get(we) == Some(&b'.')
                            {
                                let mut k = we;
                                while k < n && !b[k].is_ascii_whitespace() && b[k] < 0x80 {
                                    k += 1;
                                }
                                i = k.max(we);
                                break;
                            }
                            if class::trigger_word(w) {
                                let e = self.at_word(i, we);
                                i = e.max(we);
                                break;
                            }
                        }
                        i = we;
                        if b.get(we) == Some(&b' ')
                            && b.get(we + 1)
                                .is_some_and(|&c| class::BYTE[c as usize] == class::ALPHA)
                        {
                            i = we + 1;
                            continue;
                        }
                        break;
                    }
                }
                class::LEAD => {
                    let k = class::skip_cjk(b, i);
                    if k > i {
                        i = k;
                        continue;
                    }
                    let Some(ch) = self.ch(i) else {
                        i += 1;
                        continue;
                    };
                    let l = ch.len_utf8();
                    if class::trigger_char(ch) {
                        let e = self.at_cjk(i, ch);
                        i = e.max(i + l);
                    } else {
                        i += l;
                    }
                }
                _ => i += 1,
            }
        }
        self.spread_units();
    }

    // ------------------------------------------------------------------
    // Entry points.

    /// A token mixing letters and digits (G7, 5G, Q3, FY2024, COVID19).
    #[inline(never)]
    fn at_alnum(&mut self, s: usize, e: usize) -> usize {
        let w = &self.text[s..e];
        let wb = w.as_bytes();
        // Quarters and halves: Q3, H1, 3Q.
        if wb.len() == 2 && matches!(wb[0], b'Q' | b'H') && matches!(wb[1], b'1'..=b'4') {
            let deadline = self.en_deadline(s);
            self.push_time(Span::new(s, e), TimeKind::Quarter, deadline);
            return e;
        }
        if wb.len() == 6
            && wb[..2].eq_ignore_ascii_case(b"FY")
            && wb[2..].iter().all(u8::is_ascii_digit)
        {
            self.push_time(Span::new(s, e), TimeKind::Year, false);
            return e;
        }
        // Currency codes glued to a number: USD115, GBP3.01, RM42, Rs20.
        let alpha = wb.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        if alpha > 0 && alpha < wb.len() && wb[alpha].is_ascii_digit() {
            let code = &w[..alpha];
            let dollar_code = matches!(code, "US" | "A" | "AU" | "NZ" | "HK" | "C")
                && s > 0
                && self.b[s - 1] == b'$';
            if unit::iso(code).is_some()
                || code == "RM"
                || code == "Rs"
                || code.eq_ignore_ascii_case("nzd")
                || dollar_code
            {
                return self.at_number(s + alpha);
            }
        }
        e
    }

    #[inline(never)]
    fn at_word(&mut self, s: usize, we: usize) -> usize {
        let w = &self.text[s..we];
        let lw = fold_key(w);
        match lw {
            kw::DOUBLED | kw::DOUBLING | kw::DOUBLES => {
                return self.push_multiple(s, we, 2);
            }
            kw::DOUBLE => {
                let (_, pw) = self.word_before(s);
                if matches!(
                    fold_key(pw),
                    kw::TO
                        | kw::WILL
                        | kw::WOULD
                        | kw::COULD
                        | kw::MAY
                        | kw::MIGHT
                        | kw::CAN
                        | kw::SHOULD
                        | kw::THAN
                ) {
                    return self.push_multiple(s, we, 2);
                }
                return we;
            }
            kw::TWICE => {
                let (_, nw) = self.word_after(we);
                if !matches!(
                    fold_key(nw),
                    kw::A | kw::PER | kw::EACH | kw::DAILY | kw::WEEKLY | kw::YEARLY | kw::MONTHLY
                ) {
                    return self.push_multiple(s, we, 2);
                }
                return we;
            }
            kw::TRIPLED | kw::TRIPLING | kw::TRIPLES => return self.push_multiple(s, we, 3),
            kw::QUADRUPLED | kw::QUADRUPLING => return self.push_multiple(s, we, 4),
            kw::PERCENT | kw::PERCENTS | kw::PER | kw::PERCENTAGE => {
                // "percent of 10": a percentage written before its number.
                let mut k = we;
                if lw == kw::PER {
                    let (e2, w2) = self.word_after(we);
                    if !w2.eq_ignore_ascii_case("cent") {
                        return we;
                    }
                    k = e2;
                }
                let (e3, w3) = self.word_after(k);
                if w3.eq_ignore_ascii_case("of") {
                    let (_, pw) = self.word_before(s);
                    if pw.is_empty()
                        || !(en::word(pw).is_some() || pw.bytes().all(|c| c.is_ascii_digit()))
                    {
                        let p = self.skip_sp(e3, 2);
                        if let Some(num) = self.parse_num(p) {
                            if !self.b[s..s].is_empty() || self.text[..s].trim().is_empty() {
                                let b = Built::simple(
                                    Span::new(s, num.end),
                                    num.val,
                                    "%",
                                    FigureKind::Percent,
                                );
                                self.push_fig(b);
                                return num.end;
                            }
                        }
                    }
                }
                return we;
            }
            kw::THIS | kw::NEXT | kw::LAST | kw::COMING | kw::CURRENT => {
                let (e2, w2) = self.word_after(we);
                let kind = match fold_key(w2) {
                    kw::YEAR => Some(TimeKind::Year),
                    kw::QUARTER => Some(TimeKind::Quarter),
                    kw::MONTH => Some(TimeKind::Month),
                    _ => None,
                };
                if let Some(k) = kind {
                    self.push_time(Span::new(s, e2), k, false);
                    return e2;
                }
                return we;
            }
            kw::MINUS | kw::NEGATIVE => {
                let p = self.skip_sp(we, 2);
                if let Some(num) = self.parse_num(p) {
                    let mut b =
                        Built::simple(Span::new(s, num.end), num.val.neg(), "", FigureKind::Count);
                    b.num_start = s;
                    return self.finish_from(&num, Some(b));
                }
                return we;
            }
            _ => {}
        }
        let quarter =
            lw == kw::QUARTER && matches!(en::word(self.word_after(we).1), Some(W::Scale(_)));
        if lw == kw::A || lw == kw::AN {
            // "a dollar", "a yuan": one unit of money.
            let (e2, w2) = self.word_after(we);
            if matches!(
                fold_key(w2),
                kw::DOLLAR | kw::EURO | kw::POUND | kw::YUAN | kw::RUPEE | kw::FRANC
            ) {
                let mut b = Built::simple(
                    Span::new(s, e2),
                    Val::Exact(Dec::int(1)),
                    "",
                    FigureKind::Money,
                );
                let (d, _) = unit::match_suffix(w2, &EN_SUFFIX).unwrap_or((EN_SUFFIX.first(), 0));
                b.unit = Cow::Borrowed(if d.unit == "$" {
                    self.ctx.dollar
                } else {
                    d.unit
                });
                b.currency_source = Some(CurrencySource::Explicit);
                self.push_fig(b);
                return e2;
            }
            // "a"/"an" start a number only before a word that can follow
            // them in one (a hundred, a million, a dozen, a half, a third,
            // a twenty-fifth); any other word after the space settles it.
            if !w2.is_empty()
                && !matches!(
                    en::word(w2),
                    Some(W::Hundred | W::Scale(_) | W::Dozen | W::Half | W::Ord(_) | W::Tens(_))
                )
            {
                return we;
            }
        }
        if !en::starts_number(w) && !matches!(lw, kw::A | kw::AN | kw::HALF) && !quarter {
            return we;
        }
        if lw == kw::HALF {
            let (_, pw) = self.word_before(s);
            if matches!(
                fold_key(pw),
                kw::FIRST | kw::SECOND | kw::LATTER | kw::FORMER | kw::OTHER | kw::BACK | kw::FRONT
            ) {
                self.push_time(Span::new(s, we), TimeKind::Quarter, false);
                return we;
            }
        }
        match self.parse_num(s) {
            Some(num) => self.finish(num),
            None => {
                if lw == kw::HALF
                    && matches!(
                        fold_key(self.word_before(s).1),
                        kw::FIRST
                            | kw::SECOND
                            | kw::LATTER
                            | kw::FORMER
                            | kw::OTHER
                            | kw::BACK
                            | kw::FRONT
                    )
                {
                    self.push_time(Span::new(s, we), TimeKind::Quarter, false);
                    return we;
                }
                if lw == kw::HALF {
                    // "half of the world's reserves" = 50 %.
                    let (e2, w2) = self.word_after(we);
                    if w2.eq_ignore_ascii_case("of") || w2.eq_ignore_ascii_case("the") {
                        let b = Built::simple(
                            Span::new(s, we),
                            Val::Exact(Dec::int(50)),
                            "%",
                            FigureKind::Percent,
                        );
                        self.push_fig(b);
                        let _ = e2;
                    }
                }
                we
            }
        }
    }

    #[inline(never)]
    fn at_number(&mut self, s: usize) -> usize {
        // Codes: COVID-19, F-35, A380 (letters glued before the digits).
        if s > 0 {
            let p = self.b[s - 1];
            if p.is_ascii_alphabetic() {
                let mut k = s - 1;
                while k > 0 && self.b[k - 1].is_ascii_alphabetic() {
                    k -= 1;
                }
                let code = &self.text[k..s];
                let ok = unit::iso(code).is_some()
                    || code == "RM"
                    || code == "Rs"
                    || code.eq_ignore_ascii_case("nzd")
                    || ((code == "US"
                        || code == "A"
                        || code == "AU"
                        || code == "NZ"
                        || code == "HK"
                        || code == "C")
                        && k > 0
                        && self.b[k - 1] == b'$');
                if !ok {
                    return self.skip_token(s);
                }
            } else if p == b'-' && s >= 2 && self.b[s - 2].is_ascii_alphabetic()
                || p == b'#'
                || p == b'@'
                || p == b'_'
                || p == b'/' && s >= 2 && self.b[s - 2].is_ascii_alphabetic()
            {
                return self.skip_token(s);
            } else if p == b'.' && s >= 2 && self.b[s - 2].is_ascii_digit() {
                // A later part of 192.168.1.2: whole numbers only.
                let mut e = s;
                let mut d = Dec::ZERO;
                while e < self.b.len() && self.b[e].is_ascii_digit() {
                    d.push_digit(self.b[e] - b'0');
                    e += 1;
                }
                let mut num = self.mk(s, e, Val::Exact(d), Src::Arabic);
                num.int_digits = (e - s) as u32;
                return self.finish(num);
            }
        }
        match self.parse_num(s) {
            Some(num) => self.finish(num),
            None => s + 1,
        }
    }

    fn skip_token(&self, s: usize) -> usize {
        let mut k = s;
        while k < self.b.len()
            && (self.b[k].is_ascii_alphanumeric()
                || matches!(self.b[k], b'-' | b'.' | b'/' | b'_')
                    && k + 1 < self.b.len()
                    && self.b[k + 1].is_ascii_alphanumeric())
        {
            k += 1;
        }
        k.max(s + 1)
    }

    #[inline(never)]
    fn at_cjk(&mut self, s: usize, ch: char) -> usize {
        let rest = &self.text[s..];
        // Planning periods: 十四五, 十五五.
        if ch == '十' {
            let mut it = rest.chars();
            it.next();
            if let (Some(d), Some('五')) = (it.next(), it.next()) {
                if matches!(
                    d,
                    '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
                ) && !matches!(it.next(), Some(c) if zh::zc(c).is_some() && c != '点')
                {
                    let e = s + '十'.len_utf8() + d.len_utf8() + '五'.len_utf8();
                    let deadline = self.zh_deadline(s, e);
                    self.push_time(Span::new(s, e), TimeKind::Period, deadline);
                    return e;
                }
            }
        }
        match ch {
            '翻' => {
                for (w, v) in [
                    ("翻一番", 2u128),
                    ("翻番", 2),
                    ("翻了一番", 2),
                    ("翻两番", 4),
                    ("翻了两番", 4),
                    ("翻一倍", 2),
                    ("翻了一倍", 2),
                ] {
                    if rest.starts_with(w) {
                        let e = s + w.len();
                        let b = Built::simple(
                            Span::new(s, e),
                            Val::Exact(Dec::int(v)),
                            "x",
                            FigureKind::Multiple,
                        );
                        self.push_fig(b);
                        return e;
                    }
                }
                return s + ch.len_utf8();
            }
            '今' | '去' | '明' => {
                if rest[ch.len_utf8()..].starts_with('年') {
                    let e = s + ch.len_utf8() + '年'.len_utf8();
                    self.push_time(Span::new(s, e), TimeKind::Year, false);
                    return e;
                }
                return s + ch.len_utf8();
            }
            '上' | '下' => {
                if rest[ch.len_utf8()..].starts_with("半年") {
                    let e = s + ch.len_utf8() + "半年".len();
                    let deadline = self.zh_deadline(s, e);
                    self.push_time(Span::new(s, e), TimeKind::Quarter, deadline);
                    return e;
                }
                return s + ch.len_utf8();
            }
            '数' | '几' => {
                // 数亿元, 几万吨: vague amounts.
                let k = s + ch.len_utf8();
                if let Some(c2) = self.ch(k) {
                    if matches!(zh::zc(c2), Some(zh::Zc::Mult(..) | zh::Zc::Scale(_))) {
                        if let Some(mut num) = self.parse_num(k) {
                            num.start = s;
                            num.approx = Some(Precision::Approximate);
                            return self.finish(num);
                        }
                    }
                }
                return k;
            }
            '半' => {
                if rest.starts_with("半百") {
                    let e = s + "半百".len();
                    let num = self.mk(s, e, Val::Exact(Dec::int(50)), Src::Zh);
                    return self.finish(num);
                }
                if rest.starts_with("半个") && self.standalone(s, s + "半个".len()) {
                    let e = s + "半个".len();
                    self.push_fig(Built::simple(
                        Span::new(s, e),
                        Val::Ratio(Dec::int(1), Dec::int(2)),
                        "",
                        FigureKind::Count,
                    ));
                    return e;
                }
                if rest.starts_with("半成") || rest.starts_with("半折") {
                    let e = s + "半成".len();
                    let v = if rest.starts_with("半成") { 5 } else { 50 };
                    self.push_fig(Built::simple(
                        Span::new(s, e),
                        Val::Exact(Dec::int(v)),
                        "%",
                        FigureKind::Percent,
                    ));
                    return e;
                }
                return s + ch.len_utf8();
            }
            '⅔' | '¾' | '½' | '⅓' | '¼' | '⅙' | '⅛' | '⅕' => {
                let (n, d) = match ch {
                    '⅔' => (2, 3),
                    '¾' => (3, 4),
                    '½' => (1, 2),
                    '⅓' => (1, 3),
                    '¼' => (1, 4),
                    '⅙' => (1, 6),
                    '⅛' => (1, 8),
                    _ => (1, 5),
                };
                let e = s + ch.len_utf8();
                let mut num = self.mk(s, e, Val::Ratio(Dec::int(n), Dec::int(d)), Src::Words);
                num.fraction = true;
                return self.finish(num);
            }
            _ => {}
        }
        match self.parse_num(s) {
            Some(num) => self.finish(num),
            None => s + ch.len_utf8(),
        }
    }

    fn mk(&self, s: usize, e: usize, val: Val, src: Src) -> Num {
        Num {
            start: s,
            end: e,
            val,
            upper: None,
            src,
            int_digits: 0,
            plain: false,
            tail_scale: None,
            approx: None,
            percent: false,
            fraction: false,
            zh: None,
            en: None,
        }
    }

    // ------------------------------------------------------------------
    // Numbers.

    /// Parses the number at `s` (digits, words or Chinese numerals) with
    /// its scale word.
    fn parse_num(&self, s: usize) -> Option<Num> {
        let c = self.ch(s)?;
        let b = self.b;
        if c.is_ascii_digit() || c == '.' {
            let a = parse_arabic(b, s)?;
            // Mixed Chinese: 3.5万, 5万4千, 40多亿, 4个多亿.
            let k = self.skip_sp(a.end, 2);
            // Every character below is a Chinese one: an ASCII byte is none.
            let nx = match b.get(k) {
                Some(&x) if x >= 0x80 => self.ch(k),
                _ => None,
            };
            let zh_follow = match nx {
                Some(x) if matches!(zh::zc(x), Some(zh::Zc::Mult(..) | zh::Zc::Scale(_))) => true,
                Some('多') | Some('余') => {
                    matches!(self.ch(k + 3), Some(y) if matches!(zh::zc(y), Some(zh::Zc::Scale(_))))
                }
                Some('个') => {
                    self.text[k..].starts_with("个多")
                        && matches!(self.ch(k + 6), Some(y) if matches!(zh::zc(y), Some(zh::Zc::Scale(_))))
                }
                Some('零') => true,
                Some('又') => {
                    matches!(self.ch(k + 3), Some(y) if zh::starts_numeral(y) || y.is_ascii_digit())
                }
                Some('分') => self.text[self.skip_sp(k + 3, 3)..].starts_with('之'),
                _ => false,
            };
            // 十 after an Arabic number is rarely a multiplier (3十) but 千/百 are.
            if zh_follow && !matches!(nx, Some('十')) {
                let z = zh::parse_zh(self.text, s)?;
                return Some(self.num_from_zh(s, z));
            }
            // Fractions 3/4, mixed 1 4/5.
            if b.get(a.end) == Some(&b'/') && a.int_digits > 0 && !a.decimal && !a.grouped {
                if let Some(d) = parse_arabic(b, a.end + 1) {
                    let date = b.get(d.end) == Some(&b'/')
                        || b.get(d.end).is_some_and(|x| x.is_ascii_alphanumeric());
                    if !date
                        && d.int_digits > 0
                        && !d.decimal
                        && !d.val.is_zero()
                        && d.int_digits <= 6
                    {
                        let (Some(nn), Some(dd)) = (a.val.exact(), d.val.exact()) else {
                            return None;
                        };
                        let mut num = self.mk(s, d.end, Val::Ratio(nn, dd), Src::Arabic);
                        num.fraction = true;
                        return Some(num);
                    }
                }
            }
            let fs = self.skip_sp(a.end, 2);
            // (Only a digit there can start the whole number of the fraction:
            // after a `.`, a decimal, which is no numerator here.)
            if fs > a.end
                && a.int_digits <= 3
                && !a.decimal
                && !a.grouped
                && b.get(fs).is_some_and(u8::is_ascii_digit)
            {
                if let Some(f) = parse_arabic(b, fs) {
                    if b.get(f.end) == Some(&b'/') && !f.decimal && f.int_digits <= 2 {
                        if let Some(d) = parse_arabic(b, f.end + 1) {
                            let ok = !d.decimal
                                && !d.val.is_zero()
                                && b.get(d.end)
                                    .is_none_or(|x| !x.is_ascii_alphanumeric() && *x != b'/');
                            if ok {
                                if let (Some(w), Some(nn), Some(dd)) =
                                    (a.val.exact(), f.val.exact(), d.val.exact())
                                {
                                    let v = Val::Exact(w).add(Val::Ratio(nn, dd));
                                    let mut num = self.mk(s, d.end, v, Src::Arabic);
                                    num.fraction = true;
                                    return Some(num);
                                }
                            }
                        }
                    }
                }
            }
            let mut num = self.mk(s, a.end, a.val, Src::Arabic);
            num.int_digits = a.int_digits;
            num.plain = !a.grouped && !a.decimal && !a.leading_zero;
            // Attached scale letters: 1.7bn, 400m, 10k, 3M, 1MM, 2mil.
            let k = a.end;
            let mut le = k;
            while le < b.len() && b[le].is_ascii_alphabetic() {
                le += 1;
            }
            if le > k {
                let suf = &self.text[k..le];
                let scale = match suf {
                    "bn" | "b" | "B" | "bln" | "BN" | "Bn" => Some(9),
                    "m" | "mn" | "mln" | "mil" | "M" | "MM" | "Mn" | "MN" => Some(6),
                    "k" | "K" => Some(3),
                    "tn" | "trn" | "tln" => Some(12),
                    "G" if a.int_digits != 1 || a.decimal => Some(9),
                    _ => None,
                };
                if let Some(e) = scale {
                    // A bare lower-case m is metres unless money or a noun follows.
                    let money = self.currency_prefix(s).is_some() || self.en_money_after(le);
                    let m_ok = suf != "m" || money || {
                        let (_, nw) = self.word_after(le);
                        !nw.is_empty()
                            && nw.as_bytes()[0].is_ascii_lowercase()
                            && le < b.len()
                            && b[le] == b' '
                            && !matches!(
                                nw,
                                "isn"
                                    | "is"
                                    | "of"
                                    | "long"
                                    | "high"
                                    | "deep"
                                    | "wide"
                                    | "tall"
                                    | "away"
                                    | "above"
                                    | "below"
                            )
                    };
                    if suf == "b" && !money && !a.decimal {
                        return Some(self.skip_num(s, le));
                    }
                    if !m_ok {
                        return Some(self.skip_num(s, le));
                    }
                    num.val = num.val.mul(Dec::pow10(e));
                    num.tail_scale = Some(e);
                    num.plain = false;
                    num.end = le;
                }
            } else if b.get(k) == Some(&b' ') {
                // Spaced scale: " 2.33 k", "1,674.5 G", "- 10  k".
                let k2 = self.skip_sp(k, 2);
                let mut le2 = k2;
                while le2 < b.len() && b[le2].is_ascii_alphabetic() {
                    le2 += 1;
                }
                let suf = &self.text[k2..le2];
                let e = match suf {
                    "k" | "K" => Some(3),
                    "M" | "MM" => Some(6),
                    "G" => Some(9),
                    "bn" | "bln" => Some(9),
                    "mn" | "mln" => Some(6),
                    _ => None,
                };
                if let Some(e) = e {
                    if le2 >= b.len() || !b[le2].is_ascii_alphanumeric() {
                        num.val = num.val.mul(Dec::pow10(e));
                        num.tail_scale = Some(e);
                        num.plain = false;
                        num.end = le2;
                    }
                }
            }
            // Written scales and word numbers after digits: 1.7 billion, 4 thousand 3 hundred.
            if num.tail_scale.is_none() {
                let (we, w) = self.word_after(num.end);
                if !w.is_empty()
                    && we > num.end
                    && b.get(num.end) == Some(&b' ')
                    && en::scaling_word(w).is_some()
                {
                    if let Some(e) = en::parse_words(self.text, s) {
                        if e.end > num.end {
                            return Some(self.num_from_en(s, e));
                        }
                    }
                }
            }
            return Some(num);
        }
        if c.is_ascii_alphabetic() {
            let e = en::parse_words(self.text, s)?;
            return Some(self.num_from_en(s, e));
        }
        let z = zh::parse_zh(self.text, s)?;
        Some(self.num_from_zh(s, z))
    }

    fn skip_num(&self, s: usize, e: usize) -> Num {
        let mut n = self.mk(s, e, Val::Exact(Dec::ZERO), Src::Arabic);
        n.approx = Some(Precision::Exact);
        n.int_digits = u32::MAX;
        n
    }

    fn num_from_en(&self, s: usize, e: en::EnNum) -> Num {
        let mut num = self.mk(
            s,
            e.end,
            e.val,
            if e.digits && e.words == 0 {
                Src::Arabic
            } else {
                Src::Words
            },
        );
        num.fraction = e.fraction;
        if e.scaled {
            // Find the trailing scale word's power.
            let (_, w) = self.word_before(e.end);
            if let Some(W::Scale(x)) = en::scaling_word(w) {
                num.tail_scale = Some(x);
            }
        }
        num.en = Some(EnFacts {
            words: e.words,
            digits: e.digits,
            fraction: e.fraction,
            article: e.article,
        });
        num
    }

    fn num_from_zh(&self, s: usize, z: ZhNum) -> Num {
        let mut num = self.mk(s, z.end, z.val, Src::Zh);
        num.upper = z.upper;
        num.approx = z.approx;
        num.percent = z.percent;
        num.fraction = z.fraction;
        num.int_digits = if z.zh_chars == 0 {
            z.arabic_int_digits
        } else {
            0
        };
        num.plain = z.zh_chars == 0 && z.arabic_plain;
        if z.digit_string {
            num.int_digits = z.zh_chars;
        }
        // Trailing scale: the numeral ends in 万 / 亿 (possibly after 多/余),
        // read back by bytes (all three-byte characters).
        let t = &self.b[s..z.end];
        let mut e = t.len();
        loop {
            if e >= 1 && t[e - 1] == b' ' {
                e -= 1;
            } else if e >= 3 && matches!(&t[e - 3..e], b"\xE5\xA4\x9A" | b"\xE4\xBD\x99") {
                // 多, 余
                e -= 3;
            } else {
                break;
            }
        }
        let mut p = 0;
        while e >= 3 {
            p += match &t[e - 3..e] {
                b"\xE4\xB8\x87" => 4,  // 万
                b"\xE4\xBA\xBF" => 8,  // 亿
                b"\xE5\x85\x86" => 12, // 兆
                _ => break,
            };
            e -= 3;
        }
        if p > 0 {
            num.tail_scale = Some(p);
        }
        num.zh = Some(ZhFacts::of(&z));
        num
    }

    // ------------------------------------------------------------------
    // Context.

    /// Currency written before the number at `s`: ($, US$, A$, €, USD, 人民币...).
    /// Returns (iso or "$", start of the prefix, explicit?, multiplier exp).
    fn currency_prefix(&self, s: usize) -> Option<(&'static str, usize, bool, i32)> {
        let mut j = s;
        // "$US48", "$A5": letters glued before the digits.
        let mut k = j;
        while k > 0 && self.b[k - 1].is_ascii_alphabetic() && j - k < 4 {
            k -= 1;
        }
        if k < j {
            let code = &self.text[k..j];
            if k > 0 && self.b[k - 1] == b'$' {
                let iso = match code {
                    "US" => "USD",
                    "A" | "AU" => "AUD",
                    "NZ" => "NZD",
                    "HK" => "HKD",
                    "C" => "CAD",
                    _ => return None,
                };
                return Some((iso, k - 1, true, 0));
            }
            if let Some(iso) = unit::iso(code) {
                if k == 0 || !self.b[k - 1].is_ascii_alphabetic() {
                    return Some((iso, k, true, 0));
                }
            }
            return match code {
                "RM" => Some(("MYR", k, true, 0)),
                "Rs" => Some(("INR", k, true, 0)),
                _ => None,
            };
        }
        j = self.skip_sp_back(j, 2);
        let before = &self.text[..j];
        if before.ends_with('$') {
            let d = j - 1;
            let mut k = d;
            while k > 0
                && (self.b[k - 1].is_ascii_alphabetic() || self.b[k - 1] == b'.')
                && d - k < 5
            {
                k -= 1;
            }
            let mut letters = &self.text[k..d];
            let mut start = k;
            if letters.is_empty() {
                // PTB spacing: "us $ 150", "c $ 16.4", "hk $ 10".
                let k2 = self.skip_sp_back(d, 1);
                if k2 < d {
                    let mut k3 = k2;
                    while k3 > 0
                        && (self.b[k3 - 1].is_ascii_alphabetic() || self.b[k3 - 1] == b'.')
                        && k2 - k3 < 4
                    {
                        k3 -= 1;
                    }
                    if k3 == 0 || self.b[k3 - 1] == b' ' || self.b[k3 - 1] == b'\n' {
                        let l = &self.text[k3..k2];
                        if matches!(
                            fold_key(l),
                            kw::US | kw::U_S | kw::U_S_DOT | kw::C | kw::HK | kw::NZ
                        ) {
                            letters = l;
                            start = k3;
                        }
                    }
                }
            }
            let iso = match fold_key(letters.trim_end_matches('.')) {
                kw::EMPTY => {
                    return Some((
                        self.ctx.dollar,
                        d,
                        self.ctx.dollar_source == CurrencySource::Explicit,
                        0,
                    ));
                }
                kw::US | kw::U_S | kw::USD => "USD",
                kw::A | kw::AU | kw::AUD => "AUD",
                kw::C | kw::CA | kw::CAD => "CAD",
                kw::HK | kw::HKD => "HKD",
                kw::NZ | kw::NZD => "NZD",
                kw::S | kw::SG | kw::SGD => "SGD",
                kw::MEX | kw::MX | kw::MXN => "MXN",
                kw::R => "BRL",
                _ => return Some((self.ctx.dollar, d, false, 0)),
            };
            return Some((iso, start, true, 0));
        }
        // Currency signs and 人民币: the character before says which.
        if before.as_bytes().last().is_some_and(|&c| c >= 0x80) {
            let c = before.chars().next_back()?;
            let iso = match c {
                '€' => "EUR",
                '£' => "GBP",
                '₹' => "INR",
                '₩' => "KRW",
                '₿' => "BTC",
                '￥' => "CNY",
                '₽' => "RUB",
                '₡' => "CRC",
                '¥' if self.zh_text => "CNY",
                '¥' => "JPY",
                '币' if before.ends_with("人民币") => {
                    return Some(("CNY", j - "人民币".len(), true, 0))
                }
                '幣' if before.ends_with("人民幣") => {
                    return Some(("CNY", j - "人民幣".len(), true, 0))
                }
                _ => "",
            };
            if !iso.is_empty() {
                return Some((iso, j - c.len_utf8(), true, 0));
            }
            // No word ends there: nothing below can match.
            return None;
        }
        let (ws, w) = self.word_before(j);
        if !w.is_empty() && ws + w.len() == j || !w.is_empty() {
            if w.len() == 3 && w.bytes().all(|c| c.is_ascii_uppercase()) {
                if let Some(iso) = unit::iso(w) {
                    return Some((iso, ws, true, 0));
                }
            }
            if w.len() == 4 && w.starts_with('M') {
                if let Some(iso) = unit::iso(&w[1..]) {
                    if w[1..].bytes().all(|c| c.is_ascii_uppercase()) {
                        return Some((iso, ws, true, 6));
                    }
                }
            }
            match w {
                "Rs." | "Rs" => return Some(("INR", ws, true, 0)),
                "RM" => return Some(("MYR", ws, true, 0)),
                _ => {}
            }
            if w.eq_ignore_ascii_case("ringgit") || w.eq_ignore_ascii_case("ringgits") {
                let (ws2, w2) = self.word_before(ws);
                let st = if w2.eq_ignore_ascii_case("malaysia")
                    || w2.eq_ignore_ascii_case("malaysian")
                {
                    ws2
                } else {
                    ws
                };
                return Some(("MYR", st, true, 0));
            }
        }
        None
    }

    /// True when a money word follows at `i` (for the `m` = million rule).
    fn en_money_after(&self, i: usize) -> bool {
        let k = self.skip_sp(i, 1);
        matches!(unit::match_suffix(&self.text[k..], &EN_SUFFIX), Some((d, _)) if d.kind == FigureKind::Money)
    }

    fn en_approx_before(&self, s: usize) -> (Option<Precision>, usize) {
        let (ws, w) = self.word_before(s);
        if w.is_empty() {
            if self.text[..self.skip_sp_back(s, 1)].ends_with('~') {
                return (Some(Precision::Approximate), self.skip_sp_back(s, 1) - 1);
            }
            return (None, s);
        }
        // Most words before a number are no cue: their first letter and
        // length say so before they are folded and compared.
        let wb = w.as_bytes();
        if wb.len() > class::KEY_LEN || EN_APPROX_LENS[(wb[0] & 31) as usize] & 1 << wb.len() == 0 {
            return (None, s);
        }
        self.en_approx_cue(s, ws, w)
    }

    /// [`Scanner::en_approx_before`] without its first test.
    #[cfg(test)]
    fn en_approx_before_plain(&self, s: usize) -> (Option<Precision>, usize) {
        let (ws, w) = self.word_before(s);
        if w.is_empty() {
            return self.en_approx_before(s);
        }
        self.en_approx_cue(s, ws, w)
    }

    /// The cue `w` (at `ws`, the word before the number at `s`) ends, if any.
    fn en_approx_cue(&self, s: usize, ws: usize, w: &str) -> (Option<Precision>, usize) {
        let k = fold_key(w);
        // Two-word cues end in one of these; only then is the word before read.
        if matches!(
            k,
            kw::THAN
                | kw::LEAST
                | kw::MOST
                | kw::TO
                | kw::MANY
                | kw::MUCH
                | kw::EXCESS
                | kw::OF
                | kw::OVER
                | kw::ABOVE
                | kw::UNDER
                | kw::BELOW
                | kw::ESTIMATED
                | kw::MORE
        ) {
            let (ws2, w2) = self.word_before(ws);
            let two = |p: Precision| (Some(p), ws2);
            match (fold_key(w2), k) {
                (kw::MORE | kw::GREATER | kw::HIGHER, kw::THAN) => return two(Precision::AtLeast),
                (kw::LESS | kw::FEWER | kw::LOWER, kw::THAN) => return two(Precision::AtMost),
                (kw::AT, kw::LEAST) => return two(Precision::AtLeast),
                (kw::AT, kw::MOST) => return two(Precision::AtMost),
                (kw::UP, kw::TO) => return two(Precision::AtMost),
                (kw::CLOSE, kw::TO) => return two(Precision::Approximate),
                (kw::AS, kw::MANY) | (kw::AS, kw::MUCH) => return two(Precision::AtMost),
                (kw::IN, kw::EXCESS) => return two(Precision::AtLeast),
                (kw::UPWARDS, kw::OF) => return two(Precision::AtLeast),
                (kw::JUST, kw::OVER) | (kw::JUST, kw::ABOVE) => return two(Precision::AtLeast),
                (kw::JUST, kw::UNDER) | (kw::JUST, kw::BELOW) => return two(Precision::AtMost),
                (kw::AN, kw::ESTIMATED) => return two(Precision::Approximate),
                (kw::NO, kw::MORE) => return two(Precision::AtMost),
                _ => {}
            }
        }
        let p = match k {
            kw::ABOUT
            | kw::AROUND
            | kw::APPROXIMATELY
            | kw::APPROX_DOT
            | kw::APPROX
            | kw::ROUGHLY
            | kw::SOME
            | kw::NEARLY
            | kw::ALMOST
            | kw::CIRCA
            | kw::ESTIMATED
            | kw::CA_DOT => Precision::Approximate,
            kw::OVER | kw::ABOVE | kw::EXCEEDING | kw::EXCEEDS | kw::TOPPING => Precision::AtLeast,
            kw::UNDER | kw::BELOW => Precision::AtMost,
            _ => return (None, s),
        };
        (Some(p), ws)
    }

    fn zh_approx_before(&self, s: usize) -> (Option<Precision>, usize) {
        let before = &self.text[..s];
        // Most numbers have no cue before them: one test of the character
        // before rules them out.
        if !before.ends_with(ZH_APPROX_LAST) {
            return (None, s);
        }
        for &(w, p) in ZH_APPROX_BEFORE {
            if before.ends_with(w) {
                return (Some(p), s - w.len());
            }
        }
        (None, s)
    }

    /// Deadline cue before an English time expression at `s`.
    fn en_deadline(&self, s: usize) -> bool {
        let (ws, w) = self.word_before(s);
        if time::en_deadline_cue(w) {
            return true;
        }
        if w.eq_ignore_ascii_case("than") || w.eq_ignore_ascii_case("of") {
            let (_, w2) = self.word_before(ws);
            return w2.eq_ignore_ascii_case("later") || w2.eq_ignore_ascii_case("ahead");
        }
        if w.eq_ignore_ascii_case("in") || w.eq_ignore_ascii_case("for") {
            let (_, w2) = self.word_before(ws);
            return matches!(
                fold_key(w2),
                kw::EXPECTED
                    | kw::DUE
                    | kw::SCHEDULED
                    | kw::SLATED
                    | kw::TARGETED
                    | kw::PLANNED
                    | kw::SET
            );
        }
        false
    }

    fn zh_deadline(&self, s: usize, e: usize) -> bool {
        let after = &self.text[e..];
        if time::ZH_DEADLINE_AFTER.longest(after).is_some() {
            return true;
        }
        if after.starts_with("底") || after.starts_with("末") {
            let a2 = &after[3..];
            if a2.starts_with('前') {
                return true;
            }
        }
        // Cues earlier in the clause.
        let mut k = s;
        let mut n = 0;
        while k > 0 && n < 12 {
            let Some(c) = self.ch_before(k) else { break };
            if matches!(
                c,
                '。' | '，' | ',' | '；' | ';' | '\n' | '：' | ':' | '!' | '?'
            ) {
                break;
            }
            k -= c.len_utf8();
            n += 1;
        }
        let clause = &self.text[k..s];
        if clause.ends_with('到') || clause.ends_with('至') && !clause.ends_with("截至") {
            return true;
        }
        ZH_DEADLINE_CUES.occurs_in(clause)
    }

    // ------------------------------------------------------------------
    // Assembly.

    /// Reads what stands around `num` and pushes a figure or time mention;
    /// returns where the scan goes on.
    fn finish(&mut self, num: Num) -> usize {
        self.finish_from(&num, None)
    }

    fn finish_from(&mut self, num: &Num, neg: Option<Built>) -> usize {
        if num.int_digits == u32::MAX {
            return num.end;
        }
        let out = self.build(num, neg.is_some());
        match out {
            Out::Skip(e) => e.max(num.end),
            Out::Time(span, kind) => {
                let deadline = if self.zh_text {
                    self.zh_deadline(span.start, span.end)
                } else {
                    self.en_deadline(span.start)
                };
                // A range of times: 1-4月, 2012到2020年.
                self.push_time(span, kind, deadline);
                span.end
            }
            Out::Fig(mut f) => {
                if let Some(n) = neg {
                    f.val = f.val.neg();
                    f.span.start = n.span.start;
                    f.weak = false;
                }
                let end = f.span.end;
                // Ratios written out: one over three, 1 in 21, two out of five hundred.
                if f.kind == FigureKind::Count && f.unit.is_empty() && !self.zh_text {
                    if let Some((v, e)) = self.ratio_after(&f) {
                        f.val = v;
                        f.span.end = e;
                        f.weak = false;
                        self.push_fig(f);
                        return e;
                    }
                }
                // Ranges: 10-15%, 3至5万吨, between 2,000 and 3,000 tonnes.
                if let Some((f2, e2)) = self.range_after(&f) {
                    return self.push_range(f, f2).max(e2);
                }
                if f.weak && !self.standalone(f.span.start, f.span.end) {
                    return end;
                }
                self.push_fig(f);
                end
            }
        }
    }

    fn ratio_after(&self, f: &Built) -> Option<(Val, usize)> {
        let (we, w) = self.word_after(f.num_end);
        let (k, strict) = match fold_key(w) {
            kw::OVER => (we, false),
            kw::IN => (we, true),
            kw::OUT => {
                let (we2, w2) = self.word_after(we);
                if !w2.eq_ignore_ascii_case("of") {
                    return None;
                }
                (we2, true)
            }
            _ => return None,
        };
        let s2 = self.skip_sp(k, 2);
        let y = self.parse_num(s2)?;
        if y.int_digits == u32::MAX || y.fraction || y.tail_scale.is_some() && y.src == Src::Arabic
        {
            return None;
        }
        let (_, after) = self.word_after(y.end);
        if time::en_duration(after)
            || self
                .b
                .get(y.end)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'%')
        {
            return None;
        }
        if y.src == Src::Arabic && y.plain && y.int_digits == 4 {
            return None;
        }
        let (xv, yv) = (f.val.to_f64(), y.val.to_f64());
        if yv == 0.0 || strict && xv >= yv {
            return None;
        }
        let (Some(xn), Some(yd)) = (f.val.exact(), y.val.exact()) else {
            return None;
        };
        Some((Val::Ratio(xn, yd), y.end))
    }

    fn range_after(&mut self, f: &Built) -> Option<(Out, usize)> {
        if f.kind == FigureKind::Multiple {
            return None;
        }
        let mut k = self.skip_sp(f.num_end.max(f.span.end), 2);
        let rest = &self.text[k..];
        let word_to = ci_prefix(rest, "to ");
        let conn = if rest.starts_with('-') && !rest.starts_with("--") || rest.starts_with('~') {
            1
        } else if rest.starts_with('至') || rest.starts_with('到') || rest.starts_with('—') {
            3
        } else if ci_prefix(rest, "to")
            && rest.len() > 2
            && !rest.as_bytes()[2].is_ascii_alphanumeric()
        {
            2
        } else if f.between
            && ci_prefix(rest, "and")
            && rest.len() > 3
            && !rest.as_bytes()[3].is_ascii_alphanumeric()
        {
            3
        } else {
            return None;
        };
        // "-" right after a unit (5%-5.5%) or number; not a minus of a new clause.
        k = self.skip_sp(k + conn, 2);
        let c = self.ch(k)?;
        let mut s2 = k;
        if !(c.is_ascii_digit() || zh::starts_numeral(c) || c.is_ascii_alphabetic()) {
            // A currency sign may repeat: $1.7bn-$1.8bn.
            let mut j = k;
            while j < self.b.len()
                && j - k < 4
                && !self.b[j].is_ascii_digit()
                && !self.b[j].is_ascii_whitespace()
            {
                j += 1;
            }
            if j < self.b.len() && self.b[j].is_ascii_digit() && self.currency_prefix(j).is_some() {
                s2 = j;
            } else {
                return None;
            }
        }
        if c.is_ascii_alphabetic() && !en::starts_number(self.word_after(k).1) {
            if !(self.currency_prefix(k).is_none() && self.word_after(k).1.len() <= 3) {
                return None;
            }
            // "US$" style codes before the second number.
            let (we, _) = self.word_after(k);
            let j = self.skip_sp(we, 1);
            if !(j < self.b.len() && (self.b[j] == b'$' || self.b[j].is_ascii_digit())) {
                return None;
            }
            s2 = if self.b[j] == b'$' { j + 1 } else { j };
        }
        let num2 = self.parse_num(s2)?;
        if num2.int_digits == u32::MAX {
            return None;
        }
        // "fell 35 cents to $27.60": a unit on both sides of "to" is a move,
        // not a range, unless both are written the same way ($1bn to $1.2bn).
        if word_to && !f.unit.is_empty() && f.span.end > f.num_end && s2 != k {
            return None;
        }
        let out = self.build(&num2, false);
        let e = match &out {
            Out::Fig(b) => b.span.end,
            Out::Time(sp, _) => sp.end,
            Out::Skip(e) => *e,
        };
        Some((out, e))
    }

    fn push_range(&mut self, mut f1: Built, out2: Out) -> usize {
        match out2 {
            Out::Fig(mut f2) => {
                // The second end lends its scale and unit to the first.
                if f1.tail_scale.is_none() && f1.unit.is_empty()
                    || f1.tail_scale.is_none() && f1.unit == f2.unit
                {
                    if let Some(e) = f2.tail_scale {
                        if f1.src != Src::Words || f1.val.to_f64() < 1000.0 {
                            let scaled = f1.val.mul(Dec::pow10(e));
                            if scaled.to_f64() <= f2.val.to_f64() * 1.000001 {
                                f1.val = scaled;
                                f1.tail_scale = Some(e);
                            }
                        }
                    }
                }
                if f1.unit.is_empty() && !f2.unit.is_empty() && f1.kind == FigureKind::Count {
                    f1.unit = f2.unit.clone();
                    f1.kind = f2.kind;
                    f1.currency_source = f2.currency_source;
                }
                let end = f2.span.end;
                let ascending = f1.val.to_f64() <= f2.val.to_f64();
                if (f1.weak || f2.weak)
                    && f1.unit.is_empty()
                    && f2.unit.is_empty()
                    && !self.standalone(f1.span.start, end)
                {
                    return end;
                }
                f1.weak = false;
                f2.weak = false;
                if ascending && !f1.from && f1.unit == f2.unit {
                    f1.upper = Some(f2.val);
                    f1.span.end = end;
                    f1.precision = Precision::Range;
                    self.push_fig(f1);
                } else {
                    self.push_fig(f1);
                    self.push_fig(f2);
                }
                end
            }
            Out::Time(sp, kind) => {
                // 1-4月, 2012到2020年: both ends are times.
                if f1.unit.is_empty() {
                    let deadline = self.zh_text && self.zh_deadline(f1.span.start, sp.end);
                    self.push_time(Span::new(f1.span.start, sp.end), kind, deadline);
                    return sp.end;
                }
                let e = f1.span.end;
                self.push_fig(f1);
                e
            }
            Out::Skip(e) => {
                // 零下60至70摄氏度: the first end shares the second's fate.
                if f1.unit.is_empty() {
                    return e;
                }
                let e1 = f1.span.end;
                self.push_fig(f1);
                e1
            }
        }
    }

    /// Decides what `num` is.
    fn build(&mut self, num: &Num, negated: bool) -> Out {
        let s = num.start;
        let mut start = s;
        let mut val = num.val;
        let mut precision = num.approx.unwrap_or(Precision::Exact);
        let is_zh_num = num.src == Src::Zh && num.zh.is_some_and(|z| z.zh_chars > 0);

        // ---- Left context -------------------------------------------------
        let before = &self.text[..s];
        // Ordinals and ranks: 第三, 前8位.
        if before.ends_with('第') || before.ends_with("第 ") {
            return Out::Skip(self.skip_zh_tail(num.end));
        }
        // (The cheap tests first: the numeral is Chinese and one.)
        let zh_one = is_zh_num && num.val.to_f64() == 1.0;
        if zh_one && before.ends_with('之') {
            return Out::Skip(num.end);
        }
        if zh_one
            && (before.ends_with('其')
                || before.ends_with('另')
                || before.ends_with('同')
                || before.ends_with('统')
                || before.ends_with('唯')
                || before.ends_with('逐')
                || before.ends_with('万'))
        {
            return Out::Skip(num.end);
        }
        // Parenthesised restatements and list markers: (45), (1), 1. , 一、
        if (before.ends_with('(') || before.ends_with('（'))
            && matches!(self.ch(self.skip_sp(num.end, 1)), Some(')') | Some('）'))
            && !self.standalone(s, num.end)
        {
            let close = self.skip_sp(num.end, 1);
            return Out::Skip(close + self.ch(close).map_or(1, |c| c.len_utf8()));
        }
        if num.src != Src::Words {
            // A list marker: '、', '.', ')' or '）' after a number at the
            // start of a line (looked for only after one of them).
            let k = num.end;
            let after_end = match self.b.get(k) {
                Some(&c) if c == b'.' || c == b')' || c >= 0x80 => self.ch(k),
                _ => None,
            };
            let list = match after_end {
                Some('、') => true,
                Some('.') => {
                    matches!(
                        self.b.get(k + 1),
                        None | Some(b' ') | Some(b'\n') | Some(b'\r') | Some(b'\t')
                    ) && !num.fraction
                        && num.val.to_f64() < 100.0
                }
                Some(')') | Some('）') => num.val.to_f64() < 100.0,
                _ => false,
            };
            if list && self.at_line_start(s) {
                return Out::Skip(k + after_end.map_or(1, char::len_utf8));
            }
        }
        // 一是, 二要: enumerations in Chinese task lists.
        let after_end = if is_zh_num { self.ch(num.end) } else { None };
        if is_zh_num
            && matches!(
                after_end,
                Some('是') | Some('要') | Some('则') | Some('来') | Some('方')
            )
            && num.val.to_f64() < 20.0
            && !num.zh.is_some_and(|z| z.arabic)
        {
            let prev = self.ch_before(s);
            let clause_start = matches!(
                prev,
                None | Some('\n')
                    | Some('。')
                    | Some('；')
                    | Some(';')
                    | Some('：')
                    | Some('，')
                    | Some(',')
                    | Some('“')
                    | Some('"')
                    | Some(' ')
                    | Some('）')
                    | Some(')')
            );
            if clause_start && !matches!(after_end, Some('方'))
                || after_end == Some('方')
                    && self.text[num.end..].starts_with("方面")
                    && num.val.to_f64() == 1.0
            {
                return Out::Skip(num.end);
            }
        }
        // Short quoted names: “两个屏障”, “十四五”, “1571”.
        if let Some(skip) = self.in_short_quote(s, num.end) {
            return Out::Skip(skip);
        }
        // Formulas and codes: 1+N.
        if self.b.get(num.end) == Some(&b'+')
            && self.b.get(num.end + 1).is_some_and(u8::is_ascii_alphabetic)
        {
            return Out::Skip(num.end + 2);
        }
        // Ticker codes: 600111.SH, 000778.SZ.
        if self.b.get(num.end) == Some(&b'.')
            && self
                .b
                .get(num.end + 1)
                .is_some_and(|c| c.is_ascii_uppercase())
            && self
                .b
                .get(num.end + 2)
                .is_some_and(|c| c.is_ascii_uppercase())
        {
            return Out::Skip(self.skip_token(num.end));
        }
        // Times of day and ratios: 10:30, 3:1.
        if self.b.get(num.end) == Some(&b':')
            && self.b.get(num.end + 1).is_some_and(u8::is_ascii_digit)
        {
            let mut k = num.end + 1;
            while k < self.b.len() && (self.b[k].is_ascii_digit() || self.b[k] == b':') {
                k += 1;
            }
            return Out::Skip(k);
        }
        // Dates: 2026-02-12, 5/17/2018.
        if num.src == Src::Arabic && num.plain {
            if let Some(e) = self.numeric_date(s, num.end) {
                return Out::Time(Span::new(s, e), TimeKind::Date);
            }
        }
        // English references: section 301, title 3, No. 5.
        if !self.zh_text || num.src != Src::Zh {
            let (ws, w) = self.word_before(s);
            if !w.is_empty()
                && time::en_reference(w)
                && !(w.eq_ignore_ascii_case("p") && self.b.get(s.wrapping_sub(1)) == Some(&b'p'))
            {
                let capital = w.as_bytes()[0].is_ascii_uppercase();
                let strong = !matches!(
                    fold_key(w.trim_end_matches('.')),
                    kw::LINE
                        | kw::UNIT
                        | kw::CODE
                        | kw::STEP
                        | kw::LOT
                        | kw::BOX
                        | kw::BLOCK
                        | kw::LEVEL
                        | kw::NUMBER
                        | kw::ORDER
                        | kw::TYPE
                        | kw::CLASS
                        | kw::GRADE
                        | kw::MODEL
                        | kw::ROUND
                        | kw::STAGE
                        | kw::PHASE
                        | kw::TIER
                        | kw::FLOOR
                        | kw::P
                        | kw::V
                        | kw::ACT
                        | kw::BILL
                        | kw::ART
                );
                if strong || capital {
                    let _ = ws;
                    return Out::Skip(self.skip_token(num.end.max(s)));
                }
            }
            // Month names: October 20, 10 October, April 2022.
            if num.src == Src::Arabic && num.plain {
                let mw = if !w.is_empty() { time::month(w) } else { None };
                let v = num.val.to_f64();
                let cap_or_zh =
                    !w.is_empty() && (w.as_bytes()[0].is_ascii_uppercase() || w.len() > 3);
                if mw.is_some() && cap_or_zh && (1.0..=31.0).contains(&v) {
                    let mut e = num.end;
                    // "October 20-23, 2025", "March 4, 2025"
                    if self.b.get(e) == Some(&b'-')
                        && self.b.get(e + 1).is_some_and(u8::is_ascii_digit)
                    {
                        e += 1;
                        while e < self.b.len() && self.b[e].is_ascii_digit() {
                            e += 1;
                        }
                    }
                    if self.text[e..].starts_with(", ")
                        && self.b.get(e + 2).is_some_and(u8::is_ascii_digit)
                    {
                        let mut k = e + 2;
                        while k < self.b.len() && self.b[k].is_ascii_digit() {
                            k += 1;
                        }
                        if k - e - 2 == 4 {
                            e = k;
                        }
                    }
                    return Out::Time(Span::new(ws, e), TimeKind::Date);
                }
                if mw.is_some() && cap_or_zh && num.int_digits == 4 {
                    return Out::Time(Span::new(ws, num.end), TimeKind::Month);
                }
                if (1.0..=31.0).contains(&v) && num.int_digits <= 2 {
                    let (me, mw2) = self.word_after(num.end);
                    if let Some(_m) = time::month(mw2) {
                        if mw2.as_bytes()[0].is_ascii_uppercase() {
                            let mut e = me;
                            let (ye, yw) = self.word_after_digits(me);
                            if yw == 4 {
                                e = ye;
                            }
                            return Out::Time(Span::new(s, e), TimeKind::Date);
                        }
                    }
                }
            }
        }

        // ---- Currency prefix ----------------------------------------------
        let mut currency: Option<(&'static str, bool)> = None;
        if let Some((iso, ps, explicit, m)) = self.currency_prefix(s) {
            currency = Some((iso, explicit));
            start = ps;
            if m != 0 {
                val = val.mul(Dec::pow10(m));
            }
        }
        // Negative numbers: -5, 负3.
        if !negated {
            // The character before, when it is one of the three that count
            // here (a space, '-', 负), read from its bytes.
            let bs = &self.text[..start];
            let mut p0 = match bs.as_bytes().last() {
                Some(b' ') => Some(' '),
                Some(b'-') => Some('-'),
                Some(_) if bs.ends_with('负') => Some('负'),
                _ => None,
            };
            // A minus alone on the line before the number, spaces around it.
            let mut lone_minus = false;
            if p0 == Some(' ') {
                let t = trim_end(bs);
                if t.ends_with('负') {
                    start = t.len();
                    p0 = Some('负');
                } else {
                    lone_minus = t.ends_with('-') && trim_start(&t[..t.len() - 1]).is_empty();
                }
            }
            if p0 == Some('-') || p0 == Some('负') {
                let m = start - p0.map_or(1, |c| c.len_utf8());
                let pp = self.ch_before(m);
                let ok = match pp {
                    None => true,
                    Some(c) => {
                        (c.is_whitespace()
                            || matches!(c, '(' | '（' | ':' | '：' | '=' | ',' | '，' | '、'))
                            && !self.text[..m]
                                .trim_end()
                                .ends_with(|x: char| x.is_ascii_digit() || x == '%')
                    }
                } && p0 != Some('负')
                    || p0 == Some('负')
                        && !matches!(pp, Some(c) if is_cjk(c) && !matches!(c, '为' | '是' | '达' | '至' | '到' | '长' | '降' | '值' | '约' | '从'));
                let spaced_start = trim_start(&self.text[..m]).is_empty();
                if ok || spaced_start {
                    val = val.neg();
                    start = m;
                }
            } else if lone_minus {
                val = val.neg();
                start = self.text.find('-').unwrap_or(start);
            }
        }
        // Approximations before.
        let mut between = false;
        let mut from = false;
        if self.zh_text || is_zh_num {
            let (p, ps) = self.zh_approx_before(start);
            if let Some(p) = p {
                precision = p;
                start = ps;
            }
        } else {
            let (p, ps) = self.en_approx_before(start);
            if let Some(p) = p {
                precision = p;
                start = ps;
            } else {
                let (ws, w) = self.word_before(start);
                if w.eq_ignore_ascii_case("between") {
                    between = true;
                    let _ = ws;
                } else if w.eq_ignore_ascii_case("from") {
                    from = true;
                }
            }
        }
        // Per-unit prefix: 每股0.4澳元, 每月815元.
        let mut per_prefix: Option<&'static str> = None;
        let bs = &self.text[..start];
        if bs.ends_with(PER_PREFIX_LAST) {
            for &(w, p) in PER_PREFIX {
                if bs.ends_with(w) {
                    per_prefix = Some(p);
                    start -= w.len();
                    break;
                }
            }
        }

        // ---- Right context ------------------------------------------------
        let mut end = num.end;
        let mut unit_s: Cow<'static, str> = Cow::Borrowed("");
        let mut kind = FigureKind::Count;
        let mut csource = None;
        let mut bare = false;
        let mut weak = false;
        if num.percent {
            unit_s = Cow::Borrowed("%");
            kind = FigureKind::Percent;
        }
        let rest_at = |k: usize| &self.text[k..];
        // Attached letters already handled; read the unit word.
        let k0 = num.end;
        let k = if num.src == Src::Zh || self.cjk_at(k0) {
            self.skip_sp(k0, 4)
        } else {
            self.skip_sp(k0, 2)
        };
        let mut matched: Option<(&'static UnitDef, usize)> = None;
        if !num.percent {
            let r = rest_at(k);
            // ('‰' is E2 80 B0, every CJK character starts E3 or higher.)
            let zh_next = self.b.get(k).is_some_and(|&c| c == b'%' || c >= 0xE2)
                && self
                    .ch(k)
                    .is_some_and(|c| is_cjk(c) || c == '%' || c == '‰');
            if zh_next {
                matched = unit::match_suffix(r, &ZH_SUFFIX);
            } else if num.tail_scale.is_some()
                && num.src == Src::Zh
                && r.starts_with('P')
                && !r.as_bytes().get(1).is_some_and(u8::is_ascii_alphanumeric)
            {
                // 智算规模22万P: petaflops.
                static PFLOPS: UnitDef = UnitDef {
                    form: "P",
                    unit: "PFLOPS",
                    kind: FigureKind::Quantity,
                    mult: 1,
                    mult_exp: 0,
                    case: true,
                };
                matched = Some((&PFLOPS, 1));
            }
            if matched.is_none() {
                // English units: only after a space or glued symbols/abbreviations.
                let glued = k == k0;
                if let Some((d, l)) = unit::match_suffix(r, &EN_SUFFIX).filter(|(d, l)| {
                    // "1 $10": a sign that belongs to the next number.
                    !(matches!(d.form, "$" | "€" | "£")
                        && self.b.get(k + l).is_some_and(u8::is_ascii_digit))
                }) {
                    let sym = !d.form.as_bytes()[0].is_ascii_alphabetic();
                    let glued_ok = d.case
                        || sym
                        || matches!(
                            d.form,
                            "c" | "cents" | "ct" | "cts" | "times" | "fold" | "pct" | "percent"
                        );
                    if !glued || glued_ok || d.form.len() <= 3 {
                        matched = Some((d, l));
                    }
                } else if self.b.get(k) == Some(&b'c')
                    && (k == k0)
                    && !self.b.get(k + 1).is_some_and(|c| c.is_ascii_alphanumeric())
                {
                    // 4c a share.
                    static CENT: UnitDef = UnitDef {
                        form: "c",
                        unit: "¢",
                        kind: FigureKind::Money,
                        mult: 1,
                        mult_exp: -2,
                        case: true,
                    };
                    matched = Some((&CENT, 1));
                } else if self.b.get(k) == Some(&b'x')
                    && k == k0
                    && !self.b.get(k + 1).is_some_and(|c| c.is_ascii_alphanumeric())
                {
                    static TIMES: UnitDef = UnitDef {
                        form: "x",
                        unit: "x",
                        kind: FigureKind::Multiple,
                        mult: 1,
                        mult_exp: 0,
                        case: true,
                    };
                    matched = Some((&TIMES, 1));
                }
            }
        }
        // Hyphenated compounds: five-year, 20c-a-share, 10-fold.
        if matched.is_none()
            && self.b.get(num.end) == Some(&b'-')
            && self.b.get(num.end + 1).is_some_and(u8::is_ascii_alphabetic)
        {
            let (we, w) = self.word_after(num.end + 1);
            let lw = fold_key(w);
            if lw == kw::FOLD {
                matched = unit::match_suffix("fold", &EN_SUFFIX);
            } else if lw == kw::CENT || lw == kw::CENTS {
                matched = unit::match_suffix("cent", &EN_SUFFIX).map(|(d, _)| (d, we - num.end));
            } else if time::en_duration(w) {
                return Out::Skip(we);
            } else if let Some((d, l)) = unit::match_suffix(&self.text[num.end + 1..], &EN_SUFFIX)
                .filter(|(d, _)| {
                    matches!(
                        d.kind,
                        FigureKind::Money | FigureKind::Percent | FigureKind::Quantity
                    )
                })
            {
                // one-yen bid, 10-tonne truck, 20-percent stake.
                matched = Some((d, l + num.end + 1 - k));
            } else if !w.is_empty() && lw != kw::A && en::word(w).is_none() {
                return Out::Skip(we);
            }
        }
        let mut cents_unit = false;
        if let Some((d, l)) = matched {
            // Temperatures are not figures.
            end = k + l;
            match d.kind {
                FigureKind::Money => {
                    let (iso, src) = match d.unit {
                        "$" => match currency {
                            Some((c, true)) => (c, CurrencySource::Explicit),
                            _ => (
                                self.ctx.dollar,
                                if self.ctx.dollar_source == CurrencySource::Explicit {
                                    CurrencySource::Explicit
                                } else {
                                    self.ctx.dollar_source
                                },
                            ),
                        },
                        "¢" => {
                            cents_unit = true;
                            match currency {
                                Some((c, _)) => (c, CurrencySource::Explicit),
                                None => (self.cents(), CurrencySource::Context),
                            }
                        }
                        u => (u, CurrencySource::Explicit),
                    };
                    // A symbol before and a word after (US$ 10 dollars): the prefix wins.
                    let iso = match currency {
                        Some((c, true)) if d.unit == "$" || d.unit == "¢" => c,
                        _ => iso,
                    };
                    unit_s = Cow::Borrowed(iso);
                    kind = FigureKind::Money;
                    csource = Some(src);
                }
                k2 => {
                    unit_s = Cow::Borrowed(d.unit);
                    kind = k2;
                    if currency.is_some() && kind != FigureKind::Money {
                        // "$5 times": keep the currency, drop the unit.
                        if kind == FigureKind::Multiple {
                            unit_s = Cow::Borrowed(currency.map_or("", |c| c.0));
                            kind = FigureKind::Money;
                            end = num.end;
                        }
                    }
                }
            }
            if d.mult != 1 || d.mult_exp != 0 {
                val = val.mul(Dec::int(d.mult as u128).shift(d.mult_exp));
            }
            if cents_unit && !self.zh_text {
                // "85 cts a share" etc handled by per-unit below.
            }
        } else if let Some((iso, explicit)) = currency {
            unit_s = Cow::Borrowed(iso);
            kind = FigureKind::Money;
            csource = Some(if explicit {
                CurrencySource::Explicit
            } else if iso == self.ctx.dollar {
                self.ctx.dollar_source
            } else {
                CurrencySource::Default
            });
            // "75 USD million": a scale after the code.
            let (we, w) = self.word_after(num.end);
            if let Some(W::Scale(e)) = en::scaling_word(w) {
                if num.tail_scale.is_none() && self.b.get(num.end) == Some(&b' ') {
                    val = val.mul(Dec::pow10(e));
                    end = we;
                }
            }
        }
        // ISO code after the number: 115USD, 75 USD million, 20 EUR.
        if kind == FigureKind::Count && unit_s.is_empty() {
            let (we, w) = self.word_after(num.end);
            let lower_ok = matches!(
                w,
                "usd"
                    | "rmb"
                    | "eur"
                    | "gbp"
                    | "jpy"
                    | "cny"
                    | "aud"
                    | "cad"
                    | "hkd"
                    | "inr"
                    | "chf"
            );
            let glued_digit = self.b.get(we).is_some_and(u8::is_ascii_digit);
            if !glued_digit
                && (w.len() == 3 && w.bytes().all(|c| c.is_ascii_uppercase())
                    || w.len() == 3 && (we - w.len() == num.end)
                    || lower_ok)
            {
                if let Some(iso) = unit::iso(w) {
                    unit_s = Cow::Borrowed(iso);
                    kind = FigureKind::Money;
                    csource = Some(CurrencySource::Explicit);
                    end = we;
                    let (we2, w2) = self.word_after(we);
                    if let Some(W::Scale(e)) = en::word(w2) {
                        val = val.mul(Dec::pow10(e));
                        end = we2;
                    }
                    if self.text[end..].starts_with('$') {
                        end += 1;
                    }
                }
            } else if matches!(w, "US" | "us" | "usd" | "aud" | "cad" | "mxn")
                && self.text[we..].starts_with('$')
            {
                unit_s = Cow::Borrowed(unit::iso(w).unwrap_or("USD"));
                kind = FigureKind::Money;
                csource = Some(CurrencySource::Explicit);
                end = we + 1;
            }
        }
        // Chinese money with 角/分: 壹拾壹元壹角壹分, 五元三毛, 两美元又三美分.
        if kind == FigureKind::Money {
            end = self.money_tail(end, &mut val, unit_s.as_ref());
        }
        // Rates: $110 per kg, 4c a share, 118.45万元/吨, 每股0.4澳元.
        if kind == FigureKind::Money {
            let mut per = per_prefix.filter(|p| !p.is_empty());
            if per.is_none() {
                if let Some((p, e)) = self.per_unit(end) {
                    if !p.is_empty() {
                        per = Some(p);
                    }
                    end = e;
                }
            }
            if per.is_none() && cents_unit && self.recent_word(start, "dividend", 60) {
                per = Some("share");
            }
            if let Some(p) = per {
                let mut s2 = String::with_capacity(unit_s.len() + 1 + p.len());
                s2.push_str(&unit_s);
                s2.push('/');
                s2.push_str(p);
                unit_s = Cow::Owned(s2);
            }
        } else if kind == FigureKind::Quantity {
            // 7000吨/年: per-year capacities keep the mass unit.
            if let Some((_, e)) = self.per_unit(end).filter(|(p, _)| p.is_empty()) {
                end = e;
            }
        }
        // Chinese percentages: 两成, 九折, 七成六.
        if kind == FigureKind::Count && unit_s.is_empty() {
            if let Some((v, e)) = self.zh_cheng(num, k) {
                val = v;
                unit_s = Cow::Borrowed("%");
                kind = FigureKind::Percent;
                end = e;
            }
        }
        // Fractions: 三分之一的股权 / two-thirds of: a share, in %.
        if num.fraction && kind == FigureKind::Count && self.fraction_is_share(num) {
            val = Val::Float(val.as_percent_2dp());
            unit_s = Cow::Borrowed("%");
            kind = FigureKind::Percent;
        }

        // ---- Time, counts and what is not a figure ------------------------
        if kind == FigureKind::Count && !num.fraction {
            if is_zh_num || num.src == Src::Arabic && self.cjk_at(k) || num.src == Src::Zh {
                match self.zh_after(num, k, start) {
                    ZhAfter::Time(kind_t, e) => {
                        return Out::Time(Span::new(start.min(s), e), kind_t)
                    }
                    ZhAfter::Skip(e) => return Out::Skip(e),
                    ZhAfter::Count(e, w) => {
                        end = e;
                        weak = w;
                    }
                    ZhAfter::Bare(w) => {
                        bare = true;
                        weak = w;
                    }
                    ZhAfter::Half(e) => {
                        if self.standalone(start, e) {
                            val = Val::Ratio(Dec::int(1), Dec::int(2));
                        } else {
                            val = Val::Exact(Dec::int(50));
                            unit_s = Cow::Borrowed("%");
                            kind = FigureKind::Percent;
                        }
                        end = e;
                    }
                    ZhAfter::Dozen(e) => {
                        val = val.mul(Dec::int(12));
                        end = e;
                    }
                    ZhAfter::Money(e) => {
                        unit_s = Cow::Borrowed("CNY");
                        kind = FigureKind::Money;
                        csource = Some(CurrencySource::Context);
                        end = e;
                    }
                }
            } else {
                match self.en_after(num, k, start) {
                    EnAfter::Time(kind_t, e) => return Out::Time(Span::new(start, e), kind_t),
                    EnAfter::Skip(e) => return Out::Skip(e),
                    EnAfter::Count(w) => {
                        weak = w;
                    }
                    EnAfter::Bare(w) => {
                        bare = true;
                        weak = w;
                    }
                }
            }
        } else if kind == FigureKind::Count
            && num.fraction
            && (num.src == Src::Words)
            && num.en.is_some_and(|e| e.words == 1 && !e.article)
        {
            weak = true;
        }
        // Zero as a count in running text ("0 Comments") says nothing.

        // A zero count at the head of a line ("0 Comments") or a 零 in a word
        // (零部件, 零售) says nothing.
        if kind == FigureKind::Count
            && val.is_zero()
            && !self.standalone(start, end)
            && (self.at_line_start(start)
                && num.src == Src::Arabic
                && self
                    .b
                    .get(self.skip_sp(num.end, 1))
                    .is_some_and(u8::is_ascii_uppercase)
                || is_zh_num
                    && num.zh.is_some_and(|z| z.zh_chars == 1)
                    && !self.text[k..].starts_with('个'))
        {
            weak = true;
        }
        // Suffix approximations: 左右, 以上, or more.
        let rest = &self.text[self.skip_sp(end, 1)..];
        if rest.starts_with(SUFFIX_APPROX_FIRST) {
            for &(w, p) in SUFFIX_APPROX {
                if rest.starts_with(w)
                    && (kind != FigureKind::Count
                        || !bare
                        || p != Precision::AtLeast
                        || w.len() > 3)
                {
                    precision = p;
                    end = self.skip_sp(end, 1) + w.len();
                    break;
                }
            }
        }
        if !self.zh_text {
            let r = rest.as_bytes();
            if r.len() >= 7 && r[..7].eq_ignore_ascii_case(b"or more") {
                precision = Precision::AtLeast;
            }
        }
        Out::Fig(Built {
            span: Span::new(start, end),
            val,
            upper: num.upper,
            unit: unit_s,
            kind,
            precision: if num.upper.is_some() {
                Precision::Range
            } else {
                precision
            },
            currency_source: if kind == FigureKind::Money {
                csource.or(Some(CurrencySource::Explicit))
            } else {
                None
            },
            tail_scale: num.tail_scale,
            bare,
            num_end: num.end,
            num_start: s,
            src: num.src,
            between,
            from,
            weak,
        })
    }

    fn word_after_digits(&self, i: usize) -> (usize, usize) {
        let k = self.skip_sp(i, 1);
        let k = if self.b.get(k) == Some(&b',') {
            self.skip_sp(k + 1, 1)
        } else {
            k
        };
        let mut e = k;
        while e < self.b.len() && self.b[e].is_ascii_digit() {
            e += 1;
        }
        (e, e - k)
    }

    fn numeric_date(&self, s: usize, e: usize) -> Option<usize> {
        let b = self.b;
        let l = e - s;
        // 2026-02-12
        if l == 4 && b.get(e) == Some(&b'-') {
            let m = run(b, e + 1);
            if (1..=2).contains(&m) && b.get(e + 1 + m) == Some(&b'-') {
                let d = run(b, e + 2 + m);
                if (1..=2).contains(&d) {
                    return Some(e + 2 + m + d);
                }
            }
        }
        // 5/17/2018, 17/5/18
        if l <= 2 && b.get(e) == Some(&b'/') {
            let m = run(b, e + 1);
            if (1..=2).contains(&m) && b.get(e + 1 + m) == Some(&b'/') {
                let y = run(b, e + 2 + m);
                if y == 2 || y == 4 {
                    return Some(e + 2 + m + y);
                }
            }
        }
        None
    }

    fn skip_zh_tail(&self, e: usize) -> usize {
        // Skip the classifier or unit after an ordinal (第三季度 stays a time).
        e
    }

    /// The opening quote of a short quotation before `s`: the nearest '"',
    /// “, 《, 「 or 『 among the twelve characters before it, unless a
    /// newline, closing quote or full stop comes first.
    #[inline]
    fn quote_open(&self, s: usize) -> Option<(usize, char)> {
        // Back over at most twelve characters for the opening quote. When
        // they are ASCII (most English text) they are the last twelve bytes,
        // and only '"' and '\n' count among them: one look at them all.
        if let Some(last) = class::last_quote_or_newline(self.b, s) {
            match last {
                Some(p) if self.b[p] == b'"' => Some((p, '"')),
                _ => None,
            }
        } else {
            // Every quote, bracket and full stop that counts is '"', '\n',
            // or a three-byte character E2 80 xx or E3 80 xx: the others
            // are passed over by their bytes, undecoded.
            // (The bytes not passed yet: slice patterns keep the bounds
            // checks few.)
            let mut rest = &self.b[..s];
            let mut n = 0;
            while n < 12 {
                // Two three-byte characters that are none of them (most of
                // Chinese text: no E2 80 / E3 80 start) at once. (When the
                // second is a thirteenth, passing it over changes nothing.)
                if let [ref before @ .., x0, x1, _, y0, y1, _] = *rest {
                    if x0 & 0xF0 == 0xE0 && x1 != 0x80 && y0 & 0xF0 == 0xE0 && y1 != 0x80 {
                        rest = before;
                        n += 2;
                        continue;
                    }
                }
                n += 1;
                match *rest {
                    [] => break,
                    [ref before @ .., last] if last < 0x80 => {
                        rest = before;
                        if last == b'"' {
                            return Some((rest.len(), '"'));
                        }
                        if last == b'\n' {
                            return None;
                        }
                    }
                    // (A three-byte lead there starts the character before.)
                    [ref before @ .., lead, second, third] if lead & 0xF0 == 0xE0 => {
                        rest = before;
                        if second == 0x80 {
                            let k = rest.len();
                            match (lead, third) {
                                (0xE2, 0x9C) => return Some((k, '“')),
                                (0xE3, 0x8A) => return Some((k, '《')),
                                (0xE3, 0x8C) => return Some((k, '「')),
                                (0xE3, 0x8E) => return Some((k, '『')),
                                // ” 》 。 」 』
                                (0xE2, 0x9D) | (0xE3, 0x8B | 0x82 | 0x8D | 0x8F) => return None,
                                _ => {}
                            }
                        }
                    }
                    _ => {
                        let mut k = rest.len() - 1;
                        while k > 0 && rest[k] & 0xC0 == 0x80 {
                            k -= 1;
                        }
                        rest = &rest[..k];
                    }
                }
            }
            None
        }
    }

    /// A number inside a short quotation (a name or slogan): “两个屏障”.
    fn in_short_quote(&self, s: usize, e: usize) -> Option<usize> {
        let (ok, oc) = self.quote_open(s)?;
        let close = match oc {
            '《' => '》',
            '“' => '”',
            '「' => '」',
            '『' => '』',
            _ => '"',
        };
        let after = &self.text[e..];
        let lim = if oc == '《' { 40 } else { 10 };
        let mut ce = None;
        for (k, c) in after.char_indices().take(lim) {
            if c == close {
                ce = Some(e + k + c.len_utf8());
                break;
            }
            if matches!(
                c,
                '。' | '\n' | '"' | '“' | '”' | '，' | ',' | '、' | '；' | ';' | '：' | ':'
            ) {
                return None;
            }
        }
        let ce = ce?;
        let inner = &self.text[ok + oc.len_utf8()..ce - close.len_utf8()];
        // A pure numeral in quotes ("一"和"五") stays a number.
        let numeral_only = inner
            .chars()
            .all(|c| zh::zc(c).is_some() || c.is_ascii_digit() || c == ' ');
        // “1571”工作部署: a code of three digits or more names a programme.
        if numeral_only
            && inner.bytes().filter(u8::is_ascii_digit).count() >= 3
            && inner.bytes().all(|c| c.is_ascii_digit())
        {
            return Some(ce);
        }
        if numeral_only
            && !(inner.chars().count() == 3 && inner.starts_with('十') && inner.ends_with('五'))
        {
            return None;
        }
        if !inner.chars().any(is_cjk) && oc == '"' && !self.zh_text {
            return None;
        }
        Some(ce)
    }

    /// Money sub-units after a main amount: 元壹角壹分, 元三毛, 美元又三美分,
    /// "3 dollars 50 cents", "$20 and 43c", "15 dollars 50".
    fn money_tail(&self, end: usize, val: &mut Val, iso: &str) -> usize {
        let rest = &self.text[end..];
        if self.zh_text || rest.starts_with(|c: char| is_cjk(c)) {
            let mut k = end;
            let mut r = rest;
            if r.starts_with('又') || r.starts_with('零') {
                k += 3;
                r = &self.text[k..];
            }
            let mut got = false;
            for (unitw, exp) in [("角", -1), ("毛", -1), ("分", -2), ("美分", -2)] {
                let _ = unitw;
                let _ = exp;
            }
            // digit + 角/毛, then digit + 分
            for _ in 0..2 {
                let Some(z) = zh::parse_zh(self.text, k) else {
                    break;
                };
                if z.zh_chars == 0 && !z.arabic {
                    break;
                }
                let after = &self.text[z.end..];
                let (l, exp) = if after.starts_with('角') || after.starts_with('毛') {
                    (3, -1)
                } else if after.starts_with("美分") {
                    (6, -2)
                } else if after.starts_with('分') {
                    (3, -2)
                } else {
                    break;
                };
                if let Some(d) = z.val.exact() {
                    *val = val.add(Val::Exact(d.shift(exp)));
                    k = z.end + l;
                    got = true;
                } else {
                    break;
                }
            }
            let _ = r;
            let mut e = if got { k } else { end };
            let t = &self.text[e..];
            if t.starts_with('整') || t.starts_with('正') {
                e += 3;
            }
            return e;
        }
        // English: a whole amount followed by cents.
        if val.exact().is_none_or(|d| d.trim().exp < 0) || iso.contains('/') {
            return end;
        }
        let mut k = self.skip_sp(end, 1);
        let r = &self.text[k..];
        if ci_prefix(r, "and ") {
            k = self.skip_sp(k + 4, 1);
        }
        let Some(c) = self.ch(k) else { return end };
        if !(c.is_ascii_digit() || c.is_ascii_alphabetic()) || k == end {
            return end;
        }
        let Some(n2) = self.parse_num(k) else {
            return end;
        };
        let v = n2.val.to_f64();
        if !(1.0..100.0).contains(&v)
            || n2.val.exact().is_none_or(|d| d.trim().exp < 0)
            || n2.tail_scale.is_some()
            || n2.fraction
        {
            return end;
        }
        let after = self.skip_sp(n2.end, 1);
        let mut e2 = n2.end;
        let cent_word = unit::match_suffix(&self.text[after..], &EN_SUFFIX)
            .filter(|(d, _)| d.unit == "¢" || d.form == "pence" || d.form == "sen");
        let tail = &self.text[after..];
        let sen = ci_prefix(tail, "sen");
        if let Some((_, l)) = cent_word {
            e2 = after + l;
        } else if sen {
            e2 = after + 3 + usize::from(tail.as_bytes().get(3) == Some(&b's'));
        } else if self.b.get(n2.end) == Some(&b'c')
            && !self
                .b
                .get(n2.end + 1)
                .is_some_and(u8::is_ascii_alphanumeric)
        {
            e2 = n2.end + 1;
        } else {
            // Bare cents only at the end of a sentence: "15 dollars 50."
            let t = tail.trim_start();
            let ok = t.is_empty() || t.starts_with(['.', '!', '?', ';']) || t.starts_with("more");
            if !ok {
                return end;
            }
        }
        if let Some(d) = n2.val.exact() {
            *val = val.add(Val::Exact(d.shift(-2)));
        }
        e2
    }

    /// A per-unit after money: "a share", "per kg", "/吨", "-a-share". Returns
    /// the unit ("" for per-year, which is dropped) and the end.
    fn per_unit(&self, end: usize) -> Option<(&'static str, usize)> {
        let t = &self.text[end..];
        if let Some(r) = t.strip_prefix('/') {
            for (w, u) in [
                ("吨", "t"),
                ("公斤", "kg"),
                ("千克", "kg"),
                ("克", "g"),
                ("股", "share"),
                ("月", "month"),
                ("年", ""),
                ("桶", "bbl"),
                ("盎司", "oz"),
                ("平方米", "m2"),
                ("kg", "kg"),
                ("t", "t"),
                ("tonne", "t"),
                ("ton", "t"),
                ("oz", "oz"),
                ("lb", "lb"),
                ("bbl", "bbl"),
                ("share", "share"),
                ("MWh", "MWh"),
                ("kWh", "kWh"),
                ("year", ""),
                ("yr", ""),
                ("month", "month"),
            ] {
                if r.starts_with(w) && !r[w.len()..].starts_with(|c: char| c.is_ascii_alphabetic())
                {
                    return Some((u, end + 1 + w.len()));
                }
            }
            return None;
        }
        // English: (-)a(-)share, per kg, a kilogram.
        let k = self.skip_sp(end, 2);
        let hy = self.b.get(k) == Some(&b'-');
        let k = if hy { self.skip_sp(k + 1, 2) } else { k };
        let (we, w) = self.word_after(k);
        match fold_key(w) {
            kw::A | kw::AN | kw::PER | kw::EACH => {}
            kw::ANNUALLY | kw::YEARLY => return Some(("", we)),
            _ => return None,
        }
        let mut k2 = we;
        if self.b.get(k2) == Some(&b'-') {
            k2 += 1;
        }
        let k2 = self.skip_sp(k2, 2);
        let r = &self.text[k2..];
        for (w, u) in [
            ("metric tonne unit", "mtu"),
            ("tonne unit", "mtu"),
            ("ton unit", "mtu"),
            ("share", "share"),
            ("kilogram", "kg"),
            ("kilo", "kg"),
            ("kg", "kg"),
            ("tonne", "t"),
            ("metric ton", "t"),
            ("ton", "t"),
            ("pound", "lb"),
            ("lb", "lb"),
            ("ounce", "oz"),
            ("oz", "oz"),
            ("barrel", "bbl"),
            ("month", "month"),
            ("year", ""),
            ("annum", ""),
            ("dozen", "dozen"),
            ("megawatt hour", "MWh"),
            ("MWh", "MWh"),
            ("kWh", "kWh"),
        ] {
            if r.len() >= w.len() && r.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes()) {
                let mut e = k2 + w.len();
                if self.b.get(e) == Some(&b's') {
                    e += 1;
                }
                if self.b.get(e).is_some_and(u8::is_ascii_alphabetic) {
                    continue;
                }
                return Some((u, e));
            }
        }
        None
    }

    fn recent_word(&self, s: usize, w: &str, window: usize) -> bool {
        let mut from = s.saturating_sub(window);
        while !self.text.is_char_boundary(from) {
            from += 1;
        }
        // `w` is lower case: a case-blind search of the window.
        let (seg, w) = (&self.b[from..s], w.as_bytes());
        seg.len() >= w.len() && seg.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w))
    }

    /// 两成 = 20 %, 九折 = 90 %, 75折 = 75 %, 七成六 = 76 %, 三成半 = 35 %.
    fn zh_cheng(&self, num: &Num, k: usize) -> Option<(Val, usize)> {
        // (Read from the bytes: 成 and 折 start with a lead byte, so `k` is
        // a character boundary when they match.)
        let r = &self.b[k.min(self.b.len())..];
        let c = if r.starts_with("成".as_bytes()) {
            '成'
        } else if r.starts_with("折".as_bytes()) {
            '折'
        } else {
            return None;
        };
        let nx = self.ch(k + 3);
        if c == '成'
            && matches!(
                nx,
                Some(
                    '为' | '立'
                        | '本'
                        | '功'
                        | '果'
                        | '员'
                        | '都'
                        | '交'
                        | '绩'
                        | '熟'
                        | '就'
                        | '效'
                        | '型'
                        | '长'
                        | '品'
                        | '分'
                        | '套'
                        | '批'
                        | '规'
                        | '片'
                )
            )
        {
            return None;
        }
        if c == '折'
            && matches!(
                nx,
                Some(
                    '合' | '算'
                        | '旧'
                        | '扣'
                        | '价'
                        | '射'
                        | '叠'
                        | '腾'
                        | '现'
                        | '损'
                        | '返'
                        | '线'
                        | '成'
                        | '让'
                )
            )
        {
            return None;
        }
        let v = num.val.to_f64();
        let d = num.val.exact()?;
        let mut e = k + 3;
        let pct = if v <= 10.0 {
            if c == '折' && v >= 10.0 {
                return None;
            }
            let mut p = d.mul(Dec::int(10));
            // 七成六, 三成半
            let e2 = self.skip_sp(e, 1);
            match self.ch(e2) {
                Some('半') => {
                    p = p.add(Dec::int(5));
                    e = e2 + 3;
                }
                Some(x)
                    if c == '成'
                        && matches!(zh::zc(x), Some(zh::Zc::Digit(..)))
                        && !matches!(self.ch(e2 + 3), Some(y) if zh::zc(y).is_some() || is_cjk(y) && y != '的') =>
                {
                    if let Some(zh::Zc::Digit(dd, _)) = zh::zc(x) {
                        p = p.add(Dec::int(dd as u128));
                        e = e2 + 3;
                    }
                }
                _ => {}
            }
            p
        } else if c == '折' && v < 100.0 {
            d
        } else {
            return None;
        };
        Some((Val::Exact(pct), e))
    }

    /// A fraction stands for a share (in %) when it is "of" something:
    /// 占全球的三分之一, 1/3企业, 三分之一股权, two-thirds of.
    fn fraction_is_share(&self, num: &Num) -> bool {
        let v = num.val.to_f64();
        if !(0.0..1.0).contains(&v) {
            return false;
        }
        if self.standalone(num.start, num.end) {
            return false;
        }
        let after = &self.text[num.end..];
        if let Some(c) = after.chars().next() {
            if is_cjk(c) && !matches!(c, '的' | '是' | '又' | '和' | '与' | '或') {
                return true;
            }
        }
        let (_, w) = self.word_after(num.end);
        if w.eq_ignore_ascii_case("of") {
            let (_, w2) = self.word_after(self.word_after(num.end).0);
            return !w2.is_empty() && !matches!(fold_key(w2), kw::A | kw::AN);
        }
        // 占……的三分之一
        let mut k = num.start;
        let mut n = 0;
        while k > 0 && n < 15 {
            let Some(c) = self.ch_before(k) else { break };
            if matches!(c, '。' | '，' | ',' | '；' | '\n') {
                break;
            }
            if c == '占' {
                return true;
            }
            k -= c.len_utf8();
            n += 1;
        }
        false
    }

    /// What follows a number in Chinese text.
    fn zh_after(&self, num: &Num, k: usize, start: usize) -> ZhAfter {
        let r = &self.text[k..];
        let z = num.zh;
        let v = num.val.to_f64();
        let is_arabic_only = z.is_none_or(|z| z.zh_chars == 0);
        let int4 = (is_arabic_only && num.plain && num.int_digits == 4)
            || z.is_some_and(|z| z.digit_string && z.zh_chars == 4);
        // Time words and temperature units: all of them start with one of
        // a few characters ([`zh_time_first`]), tested once.
        if zh_time_first(r) {
            // Time.
            if r.starts_with('年') {
                let e = k + 3;
                if int4 && (1000.0..3000.0).contains(&v) {
                    let mut e2 = e;
                    for w in ["年底", "年初", "年末", "年中"] {
                        if r.starts_with(w) {
                            e2 = k + w.len();
                        }
                    }
                    return ZhAfter::Time(TimeKind::Year, e2);
                }
                if r.starts_with("年代") {
                    return ZhAfter::Skip(k + 6);
                }
                if r.starts_with("年级") {
                    return ZhAfter::Skip(k + 6);
                }
                return ZhAfter::Time(TimeKind::Duration, e);
            }
            if r.starts_with("个月")
                || r.starts_with("个多月")
                || r.starts_with("个星期")
                || r.starts_with("个小时")
                || r.starts_with("个工作日")
                || r.starts_with("个季度")
            {
                let l = if r.starts_with("个多月") {
                    9
                } else if r.starts_with("个工作日") {
                    12
                } else if r.starts_with("个星期")
                    || r.starts_with("个小时")
                    || r.starts_with("个季度")
                {
                    9
                } else {
                    6
                };
                return ZhAfter::Time(TimeKind::Duration, k + l);
            }
            if r.starts_with('月') && (1.0..=12.0).contains(&v) {
                let mut e = k + 3;
                if r.starts_with("月份") {
                    e += 3;
                }
                // X月Y日
                let e2 = self.skip_sp(e, 2);
                if let Some(c) = self.ch(e2) {
                    if c.is_ascii_digit()
                        || matches!(zh::zc(c), Some(zh::Zc::Digit(..) | zh::Zc::Mult(10, _)))
                    {
                        if let Some(d) = self.parse_num(e2) {
                            let e3 = self.skip_sp(d.end, 2);
                            if self.text[e3..].starts_with('日')
                                || self.text[e3..].starts_with('号')
                            {
                                return ZhAfter::Time(TimeKind::Date, e3 + 3);
                            }
                        }
                    }
                }
                for w in ["底", "初", "末", "中旬", "上旬", "下旬"] {
                    if self.text[e..].starts_with(w) {
                        e += w.len();
                        break;
                    }
                }
                return ZhAfter::Time(TimeKind::Month, e);
            }
            if (r.starts_with('日') || r.starts_with('号') && self.text[..start].ends_with('月'))
                && (1.0..=31.0).contains(&v)
            {
                return ZhAfter::Time(TimeKind::Date, k + 3);
            }
            if r.starts_with("季度") && (1.0..=4.0).contains(&v) {
                return ZhAfter::Time(TimeKind::Quarter, k + 6);
            }
            if r.starts_with("季") && (1.0..=4.0).contains(&v) && !r.starts_with("季节") {
                return ZhAfter::Time(TimeKind::Quarter, k + 3);
            }
            for w in [
                "天", "周年", "周岁", "小时", "分钟", "秒钟", "昼夜", "星期", "世纪", "周",
            ] {
                if r.starts_with(w) {
                    return match w {
                        "周年" | "周岁" | "世纪" => ZhAfter::Skip(k + w.len()),
                        _ => ZhAfter::Time(TimeKind::Duration, k + w.len()),
                    };
                }
            }
            // Temperatures.
            if r.starts_with("摄氏度")
                || r.starts_with('℃')
                || r.starts_with("华氏度")
                || r.starts_with('度') && !r.starts_with("度电")
            {
                return ZhAfter::Skip(k + r.chars().next().map_or(3, char::len_utf8));
            }
        }

        // 前 + number: ranks (前8位) and periods (前四个月 handled above).
        let before = &self.text[..start];
        // The last byte before the number rules most numbers out at once.
        let rank = before
            .as_bytes()
            .last()
            .is_some_and(|&c| ZH_RANK_LAST[c as usize])
            && ZH_RANK_BEFORE.iter().any(|w| before.ends_with(w));
        if let Some(l) = zh::NOT_COUNT_AFTER.longest(r) {
            // 期/次/级 after a number name a phase, session or class.
            return ZhAfter::Skip(k + l);
        }
        if rank {
            return ZhAfter::Skip(num.end);
        }
        let single_one = z.is_some_and(|z| z.zh_chars == 1 && !z.arabic) && v == 1.0;
        // 一半: a half (50 % of something in running text).
        if r.starts_with('半') && v == 1.0 && z.is_some_and(|z| z.zh_chars == 1) {
            let mut e = k + 3;
            while self.text[e..].starts_with('半') {
                e += 3;
            }
            return ZhAfter::Half(e);
        }
        // 一打 = 12, 五十打 = 600 (dozens), but not 打造, 打击.
        if r.starts_with('打')
            && !matches!(
                self.ch(k + 3),
                Some(
                    '造' | '击'
                        | '破'
                        | '开'
                        | '通'
                        | '算'
                        | '工'
                        | '响'
                        | '压'
                        | '入'
                        | '败'
                        | '出'
                        | '折'
                        | '对'
                        | '车'
                        | '电'
                        | '架'
                        | '包'
                        | '扫'
                        | '赢'
                        | '好'
                        | '下'
                        | '捞'
                        | '印'
                        | '卡'
                        | '分'
                        | '交'
                        | '动'
                        | '法'
                        | '球'
                        | '牌'
                        | '仗'
                        | '针'
                        | '假'
                        | '黑'
                        | '拼'
                        | '磨'
                        | '理'
                        | '扰'
                        | '量'
                        | '听'
                )
            )
        {
            return ZhAfter::Dozen(k + 3);
        }
        if let Some(l) = zh::COUNT_WORDS.longest(r) {
            // 每千人, 百家: a bare multiplier before a classifier is a word.
            if z.is_some_and(|z| !z.leading_digit && !z.arabic) && !self.standalone(start, k + l) {
                return ZhAfter::Skip(k + l);
            }
            // 东三省, 西三角: a numeral after a direction is part of a name.
            let dir = matches!(self.ch_before(start), Some('东' | '西' | '南' | '北'));
            let dir_word = dir && !matches!(self.ch_before(start - 3), Some(c) if is_cjk(c));
            if z.is_some_and(|z| z.zh_chars == 1) && dir_word {
                return ZhAfter::Skip(k + l);
            }
            // 两个屏障 handled by quotes; 一家 only when it really counts.
            if z.is_some_and(|z| z.weak_only && z.zh_chars == 1) {
                return ZhAfter::Skip(k + l);
            }
            if z.is_some_and(|z| z.digit_string && z.zh_chars > 1) {
                return ZhAfter::Skip(k + l);
            }
            if single_one {
                let counts = self.one_counts(start, k + l);
                return ZhAfter::Count(k + l, !counts);
            }
            // 首批/一批 are vague.
            return ZhAfter::Count(k + l, false);
        }
        // Bare numbers: Arabic digits count; Chinese numerals only when they
        // cannot be words (二百零一), or after 是.
        let money_ctx = num.tail_scale.is_some_and(|t| t >= 8) && self.zh_money_context(start);
        if money_ctx {
            return ZhAfter::Money(num.end);
        }
        if is_arabic_only {
            if int4 && (1900.0..=2100.0).contains(&v) {
                return ZhAfter::Time(TimeKind::Year, num.end);
            }
            // Arabic followed by a CJK noun or punctuation: a count.
            return ZhAfter::Bare(false);
        }
        let Some(z) = z else {
            return ZhAfter::Bare(false);
        };
        // 万, 万万, 千万: scale words alone are not amounts.
        if self.text[num.start..num.end]
            .chars()
            .all(|c| matches!(c, '万' | '亿' | '兆' | '千' | '百' | '佰' | '仟' | ' '))
        {
            return ZhAfter::Skip(num.end);
        }
        // Decimals (九点九) and numerals quoted on their own (“五”) are numbers.
        let quoted = matches!(self.ch_before(num.start), Some('"' | '“' | '「'))
            && matches!(self.ch(num.end), Some('"' | '”' | '」'));
        if z.decimal || quoted {
            return ZhAfter::Bare(false);
        }
        let after_shi = before.ends_with('是') || before.ends_with('为');
        if z.digit_string {
            return ZhAfter::Bare(true);
        }
        if z.weak_only {
            return ZhAfter::Bare(true);
        }
        if !z.leading_digit && z.has_mult && !z.arabic {
            // 万, 千万, 百亿 alone are words (千万不要), not amounts.
            let strong = z.zh_chars >= 2
                && z.has_mult
                && self.ch(num.start).is_some_and(|c| matches!(c, '十' | '拾'));
            return ZhAfter::Bare(!strong);
        }
        if z.zh_chars >= 2 && z.has_mult && z.leading_digit {
            return ZhAfter::Bare(false);
        }
        ZhAfter::Bare(!after_shi)
    }

    /// 一家/一名 count only when the text stresses them: 只保留一家, 5家……及一家.
    fn one_counts(&self, start: usize, _end: usize) -> bool {
        let mut k = start;
        let mut n = 0;
        while k > 0 && n < 14 {
            let Some(c) = self.ch_before(k) else { break };
            if matches!(c, '。' | '，' | ',' | '；' | '\n' | '：') {
                break;
            }
            if matches!(c, '只' | '仅' | '唯') {
                return true;
            }
            k -= c.len_utf8();
            n += 1;
        }
        let before = self.text[..start].trim_end();
        if (before.ends_with('及')
            || before.ends_with('和')
            || before.ends_with('与')
            || before.ends_with('、'))
            && self.last_fig_count
            && start.saturating_sub(self.last_fig_end) < 60
        {
            return true;
        }
        false
    }

    /// A bare 亿 amount reads as yuan when the clause talks about money.
    fn zh_money_context(&self, start: usize) -> bool {
        let mut k = start;
        let mut n = 0;
        while k > 0 && n < 16 {
            let Some(c) = self.ch_before(k) else { break };
            if matches!(c, '。' | '；' | '\n') {
                break;
            }
            k -= c.len_utf8();
            n += 1;
        }
        ZH_MONEY_WORDS.occurs_in(&self.text[k..start])
    }

    /// What follows a number in English text.
    fn en_after(&self, num: &Num, k: usize, start: usize) -> EnAfter {
        let v = num.val.to_f64();
        let (we, w) = self.word_after(num.end);
        let k_w = fold_key(w);
        let words = num.src == Src::Words;
        let en = num.en;
        let single_word = en.is_some_and(|e| e.words == 1 && !e.digits);
        // Ordinals: 4th, 21st.
        if matches!(
            self.b.get(num.end..num.end + 2),
            Some(b"st" | b"nd" | b"rd" | b"th" | b"ST" | b"ND" | b"RD" | b"TH")
        ) && !self.b.get(num.end + 2).is_some_and(u8::is_ascii_alphabetic)
        {
            return EnAfter::Skip(num.end + 2);
        }
        // Decades: 1990s.
        if num.int_digits == 4
            && self.b.get(num.end) == Some(&b's')
            && !self.b.get(num.end + 1).is_some_and(u8::is_ascii_alphabetic)
        {
            return EnAfter::Time(TimeKind::Year, num.end + 1);
        }
        if self.b.get(num.end).is_some_and(u8::is_ascii_alphabetic) {
            // Glued letters that are not a unit: 5G, 3D, 11a.
            return EnAfter::Skip(self.skip_token(num.end));
        }
        // Durations: 10 years, nine years, three months.
        if we > num.end && time::en_duration(w) {
            return EnAfter::Time(TimeKind::Duration, we);
        }
        if k_w == kw::QUARTER || k_w == kw::QUARTERS {
            return EnAfter::Time(TimeKind::Quarter, we);
        }
        // Years: 2025, in 2022.
        let year_like = num.src == Src::Arabic
            && num.plain
            && num.int_digits == 4
            && (1800.0..=2100.0).contains(&v);
        if year_like {
            return EnAfter::Time(TimeKind::Year, num.end);
        }
        if words
            && en.is_some_and(|e| !e.fraction && e.words >= 3)
            && (1900.0..=2100.0).contains(&v)
            && v.fract() == 0.0
            && self.recent_month(start)
        {
            return EnAfter::Time(TimeKind::Year, num.end);
        }
        // Legal references after the number: 30 U.S.C. 1606, 129 Stat. 1748.
        if matches!(w, "U" | "USC" | "Stat" | "CFR" | "Fed" | "FR") && we > num.end {
            return EnAfter::Skip(we);
        }
        // Ages: 45-year-old, aged 30.
        let (_, pw) = self.word_before(start);
        if pw.eq_ignore_ascii_case("aged") || pw.eq_ignore_ascii_case("age") {
            return EnAfter::Skip(num.end);
        }
        if k_w == kw::OF && words && single_word && v < 20.0 && !en.is_some_and(|e| e.article) {
            // "two of the most", "one of".
            return EnAfter::Skip(num.end);
        }
        // Superlatives: the world's two biggest economies.
        if words
            && single_word
            && (w.len() > 4 && w.as_bytes()[w.len() - 3..].eq_ignore_ascii_case(b"est")
                || matches!(k_w, kw::MOST | kw::TOP | kw::MAJOR | kw::MAIN))
        {
            return EnAfter::Skip(num.end);
        }
        // "one" and "a" on their own are articles, not amounts.
        if words && (v == 1.0 && en.is_some_and(|e| e.words <= 1)) {
            return EnAfter::Bare(true);
        }
        let _ = k;
        if we == num.end || w.is_empty() {
            return EnAfter::Bare(
                words && single_word && v < 10.0 && !self.standalone(start, num.end),
            );
        }
        EnAfter::Count(false)
    }

    fn recent_month(&self, s: usize) -> bool {
        let mut from = s.saturating_sub(40);
        while !self.text.is_char_boundary(from) {
            from += 1;
        }
        self.text[from..s]
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| time::month(w).is_some() && w.len() > 3)
    }

    // ------------------------------------------------------------------
    // Output.

    fn push_multiple(&mut self, s: usize, e: usize, v: u128) -> usize {
        self.push_fig(Built::simple(
            Span::new(s, e),
            Val::Exact(Dec::int(v)),
            "x",
            FigureKind::Multiple,
        ));
        e
    }

    fn push_time(&mut self, span: Span, kind: TimeKind, deadline: bool) {
        if span.start >= span.end
            || !self.text.is_char_boundary(span.start)
            || !self.text.is_char_boundary(span.end)
        {
            return;
        }
        if self.times.capacity() == 0 {
            // As for figures (see `push_fig`).
            self.times.reserve(12);
        }
        self.times.push(TimeMention {
            span,
            kind,
            deadline,
        });
    }

    fn push_fig(&mut self, f: Built) {
        let mut span = f.span;
        span.end = span.end.min(self.text.len());
        span.start = span.start.min(span.end);
        while !self.text.is_char_boundary(span.start) {
            span.start -= 1;
        }
        while !self.text.is_char_boundary(span.end) {
            span.end += 1;
        }
        let value = f.val.to_f64();
        if !value.is_finite() {
            return;
        }
        self.last_fig_end = span.end;
        self.last_fig_count = f.kind == FigureKind::Count;
        let _ = f.bare;
        if self.figs.capacity() == 0 {
            // Room for a dozen figures at once (most articles have fewer),
            // not four then eight, a reallocation and a copy each; a dozen
            // still fit in a small block of the allocator.
            self.figs.reserve(12);
        }
        self.figs.push(Figure {
            span,
            value,
            upper: f.upper.map(|u| u.to_f64()),
            unit: f.unit,
            kind: f.kind,
            precision: f.precision,
            currency_source: f.currency_source,
        });
    }

    /// Units spread over lists: 1.28万亿、1.18万亿、8200亿元 (the last unit
    /// reaches back), 每月815元和615元 (a rate reaches forward).
    fn spread_units(&mut self) {
        let n = self.figs.len();
        if n < 2 {
            return;
        }
        for k in (0..n - 1).rev() {
            let (a, b) = (&self.figs[k], &self.figs[k + 1]);
            if a.span.end > b.span.start {
                continue;
            }
            let gap = trim_end(trim_start(&self.text[a.span.end..b.span.start]));
            let list_sep = matches!(gap, "、" | "," | "，" | "和" | "与" | "及" | "以及" | "或");
            if !list_sep {
                continue;
            }
            if a.kind == FigureKind::Count
                && a.unit.is_empty()
                && b.kind == FigureKind::Money
                && !b.unit.contains('/')
            {
                let t = &self.text[a.span.start..a.span.end];
                if t.ends_with('亿') || t.ends_with("万亿") || t.ends_with('万') && b.unit == "CNY"
                {
                    let unit = b.unit.clone();
                    let cs = b.currency_source;
                    let a = &mut self.figs[k];
                    a.unit = unit;
                    a.kind = FigureKind::Money;
                    a.currency_source = cs;
                }
            }
        }
        for k in 0..n - 1 {
            let (a, b) = (&self.figs[k], &self.figs[k + 1]);
            if a.span.end > b.span.start {
                continue;
            }
            let gap = trim_end(trim_start(&self.text[a.span.end..b.span.start]));
            if !matches!(gap, "、" | "和" | "与" | "及" | ",") {
                continue;
            }
            if a.kind == FigureKind::Money && b.kind == FigureKind::Money {
                if let Some((base, _)) = a.unit.split_once('/') {
                    if b.unit == base {
                        let u = a.unit.clone();
                        self.figs[k + 1].unit = u;
                    }
                }
            }
        }
    }
}

/// Chinese approximations before a number, tried in order.
const ZH_APPROX_BEFORE: &[(&str, Precision)] = &[
    ("不低于", Precision::AtLeast),
    ("不少于", Precision::AtLeast),
    ("不超过", Precision::AtMost),
    ("不高于", Precision::AtMost),
    ("超过", Precision::AtLeast),
    ("多于", Precision::AtLeast),
    ("至少", Precision::AtLeast),
    ("最少", Precision::AtLeast),
    ("最多", Precision::AtMost),
    ("不到", Precision::AtMost),
    ("不足", Precision::AtMost),
    ("不及", Precision::AtMost),
    ("大约", Precision::Approximate),
    ("大概", Precision::Approximate),
    ("将近", Precision::Approximate),
    ("接近", Precision::Approximate),
    ("约", Precision::Approximate),
    ("近", Precision::Approximate),
    ("逾", Precision::AtLeast),
    ("超", Precision::AtLeast),
];

/// The last characters of [`ZH_APPROX_BEFORE`].
const ZH_APPROX_LAST: [char; 12] = [
    '于', '过', '少', '多', '到', '足', '及', '约', '概', '近', '逾', '超',
];

/// Per-unit prefixes of Chinese rates (每股0.4澳元), tried in order.
const PER_PREFIX: &[(&str, &str)] = &[
    ("每股", "share"),
    ("每吨", "t"),
    ("每月", "month"),
    ("每公斤", "kg"),
    ("每千克", "kg"),
    ("每桶", "bbl"),
    ("每盎司", "oz"),
    ("每平方米", "m2"),
    ("每年", ""),
    ("每人", ""),
];

/// The last characters of [`PER_PREFIX`].
const PER_PREFIX_LAST: [char; 10] = ['股', '吨', '月', '斤', '克', '桶', '司', '米', '年', '人'];

/// Approximations after a number (左右, 以上, 多), tried in order.
const SUFFIX_APPROX: &[(&str, Precision)] = &[
    ("左右", Precision::Approximate),
    ("上下", Precision::Approximate),
    ("以上", Precision::AtLeast),
    ("以下", Precision::AtMost),
    ("以内", Precision::AtMost),
    ("多", Precision::AtLeast),
    ("余", Precision::AtLeast),
];

/// The first characters of [`SUFFIX_APPROX`].
const SUFFIX_APPROX_FIRST: [char; 5] = ['左', '上', '以', '多', '余'];

/// Words earlier in a Chinese clause that make a time a deadline.
static ZH_DEADLINE_CUES: PrefixSet<11> = PrefixSet::new(&[
    "力争", "计划", "预计", "争取", "目标", "确保", "拟", "将于", "将在", "要在", "有望",
]);

/// Words in a Chinese clause that make a bare 亿 amount money.
static ZH_MONEY_WORDS: PrefixSet<17> = PrefixSet::new(&[
    "投资",
    "投入",
    "资金",
    "收入",
    "营收",
    "利润",
    "产值",
    "金额",
    "融资",
    "贷款",
    "成本",
    "销售额",
    "总额",
    "资产",
    "预算",
    "支出",
    "税",
]);

/// `s.trim_end()`, with ASCII white space passed over a byte at a time.
#[inline]
fn trim_end(s: &str) -> &str {
    let b = s.as_bytes();
    let mut k = b.len();
    while k > 0 && matches!(b[k - 1], b'\t'..=b'\r' | b' ') {
        k -= 1;
    }
    if k > 0 && b[k - 1] >= 0x80 {
        // Other white space (U+3000, U+00A0...) is not ASCII.
        return s[..k].trim_end();
    }
    &s[..k]
}

/// `s.trim_start()`, with ASCII white space passed over a byte at a time.
#[inline]
fn trim_start(s: &str) -> &str {
    let b = s.as_bytes();
    let mut k = 0;
    while k < b.len() && matches!(b[k], b'\t'..=b'\r' | b' ') {
        k += 1;
    }
    if k < b.len() && b[k] >= 0x80 {
        return s[k..].trim_start();
    }
    &s[k..]
}

/// True when `r` starts with the first character of one of the time words
/// and temperature units [`Scanner::zh_after`] looks for first (年, 个月,
/// 月, 日, 号, 季度, 天, 周年, 小时, 摄氏度, ℃, 度...).
#[inline]
fn zh_time_first(r: &str) -> bool {
    matches!(
        r.chars().next(),
        Some(
            '年' | '个'
                | '月'
                | '日'
                | '号'
                | '季'
                | '天'
                | '周'
                | '小'
                | '分'
                | '秒'
                | '昼'
                | '星'
                | '世'
                | '摄'
                | '℃'
                | '华'
                | '度'
        )
    )
}

/// ASCII case-insensitive prefix test that never slices inside a character.
#[inline]
fn ci_prefix(s: &str, p: &str) -> bool {
    s.len() >= p.len() && s.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
}

#[inline]
fn run(b: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    j - i
}

enum ZhAfter {
    Half(usize),
    Dozen(usize),
    Time(TimeKind, usize),
    Skip(usize),
    /// Counted with a classifier, ending at; weak when it may be an article.
    Count(usize, bool),
    Bare(bool),
    Money(usize),
}

enum EnAfter {
    Time(TimeKind, usize),
    Skip(usize),
    Count(bool),
    Bare(bool),
}

impl Built {
    fn simple(span: Span, val: Val, unit: &'static str, kind: FigureKind) -> Built {
        Built {
            span,
            val,
            upper: None,
            unit: Cow::Borrowed(unit),
            kind,
            precision: Precision::Exact,
            currency_source: None,
            tail_scale: None,
            bare: false,
            num_end: span.end,
            num_start: span.start,
            src: Src::Words,
            between: false,
            from: false,
            weak: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every time word and temperature unit `zh_after` tests first starts
    /// with a character of `zh_time_first`.
    #[test]
    fn zh_time_words_pass_the_first_test() {
        for w in [
            "年",
            "年底",
            "年初",
            "年末",
            "年中",
            "年代",
            "年级",
            "个月",
            "个多月",
            "个星期",
            "个小时",
            "个工作日",
            "个季度",
            "月",
            "月份",
            "日",
            "号",
            "季度",
            "季",
            "天",
            "周年",
            "周岁",
            "小时",
            "分钟",
            "秒钟",
            "昼夜",
            "星期",
            "世纪",
            "周",
            "摄氏度",
            "℃",
            "华氏度",
            "度",
        ] {
            assert!(zh_time_first(w), "{w}");
        }
        assert!(!zh_time_first("吨") && !zh_time_first("") && !zh_time_first("t"));
    }

    /// The lead-byte test of `cjk_at` agrees with decoding, at every byte.
    #[test]
    fn cjk_at_agrees_with_decoding() {
        let text = "a1 ,%‰\u{33FF}\u{3400}\u{4DBF}\u{4DC0}中\u{9FFF}\u{A000}\u{F8FF}\u{F900}\u{FAFF}\u{FB00}é€（\u{1FFFF}\u{20000}\u{2FFFF}\u{30000}";
        let ctx = FigureContext::default();
        let (mut f, mut t) = (Vec::new(), Vec::new());
        let sc = Scanner::new(text, &ctx, &mut f, &mut t);
        for i in 0..=text.len() + 1 {
            assert_eq!(sc.cjk_at(i), sc.ch(i).is_some_and(is_cjk), "{i}");
        }
    }

    /// `quote_open` finds what a plain walk back over the twelve chars
    /// before an offset finds, at every offset of texts that mix Chinese,
    /// quotes, brackets, full stops, ASCII and two- and four-byte chars.
    #[test]
    fn quote_open_agrees_with_chars() {
        let plain = |text: &str, s: usize| {
            for (k, c) in text[..s].char_indices().rev().take(12) {
                match c {
                    '"' | '“' | '《' | '「' | '『' => return Some((k, c)),
                    '\n' | '”' | '》' | '。' | '」' | '』' => return None,
                    _ => {}
                }
            }
            None
        };
        let pieces = [
            "钢",
            "稀土",
            "“",
            "”",
            "《",
            "》",
            "「",
            "」",
            "『",
            "』",
            "。",
            "、",
            "—",
            "\"",
            "\n",
            "a",
            "1",
            " ",
            "é",
            "\u{20000}",
            "〇",
            "…",
            "，",
        ];
        let ctx = FigureContext::default();
        // A quote, stop or other char, then a run of plain Chinese of every
        // length (read two chars at a time), with an odd char in it or not.
        for p in pieces {
            for n in 0..16 {
                for odd in ["", "a", "é", "、", "\u{20000}"] {
                    for at in 0..=n {
                        let text = format!("{p}{}{odd}{}", "钢".repeat(at), "钢".repeat(n - at));
                        let (mut f, mut t) = (Vec::new(), Vec::new());
                        let sc = Scanner::new(&text, &ctx, &mut f, &mut t);
                        for s in (0..=text.len()).filter(|&s| text.is_char_boundary(s)) {
                            assert_eq!(sc.quote_open(s), plain(&text, s), "{text:?} {s}");
                        }
                    }
                }
            }
        }
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for round in 0..3000 {
            let mut text = String::new();
            for _ in 0..(round % 40) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                // Mostly plain Chinese, as in news.
                let p = (x % 64) as usize;
                text.push_str(if p < pieces.len() { pieces[p] } else { "钢" });
            }
            let (mut f, mut t) = (Vec::new(), Vec::new());
            let sc = Scanner::new(&text, &ctx, &mut f, &mut t);
            for s in (0..=text.len()).filter(|&s| text.is_char_boundary(s)) {
                assert_eq!(sc.quote_open(s), plain(&text, s), "{text:?} {s}");
            }
        }
    }

    /// The first test of `en_approx_before` passes every cue: with it and
    /// without it, every keyword (and a few others) before a number reads
    /// alike, alone and after each keyword.
    #[test]
    fn en_approx_first_test_passes_every_cue() {
        let ctx = FigureContext::default();
        let mut words: Vec<String> = Vec::new();
        for w in kw::ALL
            .iter()
            .chain(&["the", "x", "Ca.", "approx.", "e.g.", "A.", "~", "$"])
        {
            words.push(w.to_string());
            words.push(w.to_uppercase());
            let mut c = w.chars();
            if let Some(f) = c.next() {
                words.push(f.to_uppercase().chain(c).collect());
            }
        }
        let mut passed = 0;
        for w in &words {
            for p in kw::ALL.iter().chain(&["", "\n"]) {
                let text = format!("{p} {w} 5");
                let (mut f, mut t) = (Vec::new(), Vec::new());
                let sc = Scanner::new(&text, &ctx, &mut f, &mut t);
                let s = text.len() - 1;
                let got = sc.en_approx_before(s);
                assert_eq!(got, sc.en_approx_before_plain(s), "{text:?}");
                passed += got.0.is_some() as usize;
            }
        }
        assert!(passed > 100);
    }

    /// A rank cue before a Chinese number is found with the first-byte test
    /// as by the words alone.
    #[test]
    fn zh_rank_last_byte_test() {
        for w in ZH_RANK_BEFORE {
            for p in ["", "a", "中", "排", "位"] {
                let before = format!("{p}{w}");
                assert!(ZH_RANK_LAST[*before.as_bytes().last().unwrap() as usize]);
            }
        }
        for before in ["", "a", "中国", "前", "排名", "位居", "列入", "居民", "第"] {
            let fast = before
                .as_bytes()
                .last()
                .is_some_and(|&c| ZH_RANK_LAST[c as usize])
                && ZH_RANK_BEFORE.iter().any(|w| before.ends_with(w));
            let plain = ZH_RANK_BEFORE.iter().any(|w| before.ends_with(w));
            assert_eq!(fast, plain, "{before:?}");
        }
    }

    /// `word_before` and `word_after` answer as reading anew, asked in any
    /// order.
    #[test]
    fn word_before_memo_agrees() {
        let ctx = FigureContext::default();
        let text = "at least 5,  up to  approx. 7 t.  U.S. 9 ab.c 3 — 中文 x4 ";
        let (mut f, mut t) = (Vec::new(), Vec::new());
        let sc = Scanner::new(text, &ctx, &mut f, &mut t);
        let fresh = |i: usize| {
            let (mut f, mut t) = (Vec::new(), Vec::new());
            let (s, w) = Scanner::new(text, &ctx, &mut f, &mut t).word_before_read(i);
            (s, w.to_string())
        };
        let at: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..5000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let i = at[(x % at.len() as u64) as usize];
            let (s, w) = sc.word_before(i);
            assert_eq!((s, w.to_string()), fresh(i), "{i}");
        }
        let fresh = |i: usize| {
            let (mut f, mut t) = (Vec::new(), Vec::new());
            let (e, w) = Scanner::new(text, &ctx, &mut f, &mut t).word_after_read(i);
            (e, w.to_string())
        };
        for _ in 0..5000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let i = at[(x % at.len() as u64) as usize];
            let (e, w) = sc.word_after(i);
            assert_eq!((e, w.to_string()), fresh(i), "{i}");
        }
    }

    /// Negative numbers, read from the bytes before them.
    #[test]
    fn minus_signs() {
        let v = |text: &str| {
            let (mut f, mut t) = (Vec::new(), Vec::new());
            super::super::find_into(text, &FigureContext::default(), &mut f, &mut t);
            f.iter()
                .map(|x| (x.value, x.span.start))
                .collect::<Vec<_>>()
        };
        assert_eq!(v("-5%"), vec![(-5.0, 0)]);
        assert_eq!(v("  -  5%"), vec![(-5.0, 2)]);
        assert_eq!(v("利润为负3亿元")[0].0, -300_000_000.0);
        assert_eq!(v("利润为负 3亿元")[0].0, -300_000_000.0);
        assert_eq!(v("rose 3-5%")[0].0, 3.0);
    }

    /// The one-character tests that guard the cue lists cover every cue.
    #[test]
    fn cue_guards_cover_the_lists() {
        for (w, _) in ZH_APPROX_BEFORE {
            assert!(w.ends_with(ZH_APPROX_LAST), "{w}");
        }
        for (w, _) in PER_PREFIX {
            assert!(w.ends_with(PER_PREFIX_LAST), "{w}");
        }
        for (w, _) in SUFFIX_APPROX {
            assert!(w.starts_with(SUFFIX_APPROX_FIRST), "{w}");
        }
    }
}
