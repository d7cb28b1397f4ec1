//! Units, currencies and percent signs that follow or precede a number, and
//! the normalised unit strings they map to.

use super::class::{key, key_of, KEY_LEN};
use crate::figure::FigureKind;

/// How a unit word maps to a normalised unit.
#[derive(Clone, Copy, Debug)]
pub(crate) struct UnitDef {
    /// Surface form. Words are matched case-insensitively unless `case`.
    pub form: &'static str,
    /// Normalised unit; `$` means "the article's dollar", `¢` "the article's
    /// cent currency".
    pub unit: &'static str,
    pub kind: FigureKind,
    /// Multiplier as a power of ten (`mult_exp`) times `mult` (斤 is 5e-4 t).
    pub mult: u32,
    pub mult_exp: i32,
    /// Match case-sensitively.
    pub case: bool,
}

const fn u(form: &'static str, unit: &'static str, kind: FigureKind) -> UnitDef {
    UnitDef {
        form,
        unit,
        kind,
        mult: 1,
        mult_exp: 0,
        case: false,
    }
}

const fn uc(form: &'static str, unit: &'static str, kind: FigureKind) -> UnitDef {
    UnitDef {
        form,
        unit,
        kind,
        mult: 1,
        mult_exp: 0,
        case: true,
    }
}

const fn um(
    form: &'static str,
    unit: &'static str,
    kind: FigureKind,
    mult: u32,
    mult_exp: i32,
) -> UnitDef {
    UnitDef {
        form,
        unit,
        kind,
        mult,
        mult_exp,
        case: false,
    }
}

const fn umc(
    form: &'static str,
    unit: &'static str,
    kind: FigureKind,
    mult: u32,
    mult_exp: i32,
) -> UnitDef {
    UnitDef {
        form,
        unit,
        kind,
        mult,
        mult_exp,
        case: true,
    }
}

use FigureKind::{Money as M, Multiple as X, Percent as P, PercentagePoints as PP, Quantity as Q};

/// The unit written for percentage points: `%`, as the gold and the
/// Recognizers-Text percent suite write them. They stay apart from
/// percentages by their kind (`percentage_points` in records).
pub(crate) const PP_UNIT: &str = "%";

/// English (and symbol) units after a number. Longer forms first where one is
/// a prefix of another.
pub(crate) static EN_SUFFIX: Units = Units::new(EN_DEFS);

const EN_DEFS: &[UnitDef] = &[
    // Money.
    u("us dollars", "USD", M),
    u("us dollar", "USD", M),
    u("u.s. dollars", "USD", M),
    u("american dollars", "USD", M),
    u("australian dollars", "AUD", M),
    u("australian dollar", "AUD", M),
    u("australian dlrs", "AUD", M),
    u("canadian dollars", "CAD", M),
    u("canadian dlrs", "CAD", M),
    u("hong kong dollars", "HKD", M),
    u("hk dollars", "HKD", M),
    u("new zealand dollars", "NZD", M),
    u("singapore dollars", "SGD", M),
    u("taiwan dollars", "TWD", M),
    u("dollars", "$", M),
    u("dollar", "$", M),
    u("dlrs", "$", M),
    u("dlr", "$", M),
    u("bucks", "$", M),
    u("chinese yuan", "CNY", M),
    u("yuan", "CNY", M),
    u("renminbi", "CNY", M),
    u("rmb", "CNY", M),
    u("kuai", "CNY", M),
    u("euros", "EUR", M),
    u("euro", "EUR", M),
    u("€ur", "EUR", M),
    u("pounds sterling", "GBP", M),
    u("pounds", "GBP", M),
    u("pound", "GBP", M),
    u("stg", "GBP", M),
    u("sterling", "GBP", M),
    um("pence", "GBP", M, 1, -2),
    um("penny", "GBP", M, 1, -2),
    u("yen", "JPY", M),
    u("rand", "ZAR", M),
    u("rupees", "INR", M),
    u("rupee", "INR", M),
    u("swiss francs", "CHF", M),
    u("swiss franc", "CHF", M),
    u("francs", "FRF", M),
    u("finnish markka", "FIM", M),
    u("markka", "FIM", M),
    u("dutch guilders", "NLG", M),
    u("guilders", "NLG", M),
    u("pesetas", "ESP", M),
    u("turkish lira", "TRY", M),
    u("lire", "ITL", M),
    u("malaysian ringgits", "MYR", M),
    u("malaysian ringgit", "MYR", M),
    u("malaysia ringgits", "MYR", M),
    u("malaysia ringgit", "MYR", M),
    u("ringgits", "MYR", M),
    u("ringgit", "MYR", M),
    u("roubles", "RUB", M),
    u("rubles", "RUB", M),
    u("baht", "THB", M),
    u("rupiah", "IDR", M),
    u("bitcoins", "BTC", M),
    u("bitcoin", "BTC", M),
    u("€", "EUR", M),
    u("$", "$", M),
    u("£", "GBP", M),
    u("₡", "CRC", M),
    u("₾", "GEL", M),
    u("₭", "LAK", M),
    u("ரூ", "LKR", M),
    u("元", "CNY", M),
    uc("RM", "MYR", M),
    uc("Rs", "INR", M),
    umc("MUSD", "USD", M, 1, 6),
    umc("MEUR", "EUR", M, 1, 6),
    umc("MGBP", "GBP", M, 1, 6),
    umc("MAUD", "AUD", M, 1, 6),
    um("cents", "¢", M, 1, -2),
    um("cent", "¢", M, 1, -2),
    um("cts", "¢", M, 1, -2),
    um("ct", "¢", M, 1, -2),
    um("¢", "¢", M, 1, -2),
    // Percentages.
    u("percentage points", PP_UNIT, PP),
    u("percentage point", PP_UNIT, PP),
    u("pct points", PP_UNIT, PP),
    u("pct point", PP_UNIT, PP),
    um("basis points", PP_UNIT, PP, 1, -2),
    um("basis point", PP_UNIT, PP, 1, -2),
    um("bps", PP_UNIT, PP, 1, -2),
    u("per cent", "%", P),
    u("percent", "%", P),
    u("percents", "%", P),
    u("percentage", "%", P),
    u("pct", "%", P),
    u("%", "%", P),
    u("‰", "%", P),
    // Multiples.
    u("times", "x", X),
    u("fold", "x", X),
    // Mass.
    um("million metric tons", "t", Q, 1, 6),
    um("million metric tonnes", "t", Q, 1, 6),
    u("metric tons", "t", Q),
    u("metric tonnes", "t", Q),
    u("metric ton", "t", Q),
    u("metric tonne", "t", Q),
    u("tonnes", "t", Q),
    u("tonne", "t", Q),
    u("tons", "t", Q),
    u("ton", "t", Q),
    umc("MMT", "t", Q, 1, 6),
    umc("Mt", "t", Q, 1, 6),
    umc("mt", "t", Q, 1, 0),
    umc("kt", "t", Q, 1, 3),
    um("kilotonnes", "t", Q, 1, 3),
    um("kilotons", "t", Q, 1, 3),
    uc("t", "t", Q),
    u("kilograms", "kg", Q),
    u("kilogram", "kg", Q),
    u("kilos", "kg", Q),
    u("kilo", "kg", Q),
    uc("kg", "kg", Q),
    u("grams", "g", Q),
    u("gram", "g", Q),
    u("troy ounces", "oz", Q),
    u("ounces", "oz", Q),
    u("ounce", "oz", Q),
    uc("oz", "oz", Q),
    u("lbs", "lb", Q),
    uc("lb", "lb", Q),
    // Power and energy.
    u("gigawatts", "GW", Q),
    u("gigawatt", "GW", Q),
    u("megawatts", "MW", Q),
    u("megawatt", "MW", Q),
    u("kilowatts", "kW", Q),
    uc("GWh", "GWh", Q),
    uc("MWh", "MWh", Q),
    uc("kWh", "kWh", Q),
    uc("TWh", "TWh", Q),
    uc("GW", "GW", Q),
    uc("MW", "MW", Q),
    uc("kW", "kW", Q),
    uc("TW", "TW", Q),
    uc("kV", "kV", Q),
    uc("PFLOPS", "PFLOPS", Q),
    uc("EFLOPS", "EFLOPS", Q),
    // Length, area, volume.
    u("square kilometres", "km2", Q),
    u("square kilometers", "km2", Q),
    u("sq km", "km2", Q),
    uc("km2", "km2", Q),
    uc("km²", "km2", Q),
    u("kilometres", "km", Q),
    u("kilometers", "km", Q),
    uc("km", "km", Q),
    u("miles", "mi", Q),
    u("hectares", "ha", Q),
    uc("ha", "ha", Q),
    u("acres", "acre", Q),
    u("square metres", "m2", Q),
    u("square meters", "m2", Q),
    u("cubic metres", "m3", Q),
    u("cubic meters", "m3", Q),
    u("metres", "m", Q),
    u("meters", "m", Q),
    u("litres", "L", Q),
    u("liters", "L", Q),
    u("barrels per day", "bbl/d", Q),
    uc("bpd", "bbl/d", Q),
    u("barrels", "bbl", Q),
    uc("bbl", "bbl", Q),
];

/// Chinese units after a number (and its 万/亿 scale).
pub(crate) static ZH_SUFFIX: Units = Units::new(ZH_DEFS);

const ZH_DEFS: &[UnitDef] = &[
    u("个百分点", PP_UNIT, PP),
    u("百分点", PP_UNIT, PP),
    u("人民币元", "CNY", M),
    u("人民币", "CNY", M),
    u("美元", "USD", M),
    u("美圆", "USD", M),
    u("美金", "USD", M),
    u("美刀", "USD", M),
    um("美分", "USD", M, 1, -2),
    u("欧元", "EUR", M),
    u("英镑", "GBP", M),
    u("日元", "JPY", M),
    u("日圆", "JPY", M),
    u("港元", "HKD", M),
    u("港币", "HKD", M),
    u("澳元", "AUD", M),
    u("澳币", "AUD", M),
    u("加元", "CAD", M),
    u("新台币", "TWD", M),
    u("台币", "TWD", M),
    u("韩元", "KRW", M),
    u("卢布", "RUB", M),
    u("瑞士法郎", "CHF", M),
    u("法郎", "CHF", M),
    u("奈拉", "NGN", M),
    u("卢比", "INR", M),
    u("泰铢", "THB", M),
    u("新加坡元", "SGD", M),
    u("兰特", "ZAR", M),
    u("里拉", "TRY", M),
    u("比特币", "BTC", M),
    u("元", "CNY", M),
    u("圆", "CNY", M),
    u("块钱", "CNY", M),
    u("块", "CNY", M),
    u("蚊", "CNY", M),
    u("倍", "x", X),
    u("%", "%", P),
    um("‰", "%", P, 1, -1),
    // Mass.
    u("万吨", "t", Q),
    u("吨", "t", Q),
    u("公斤", "kg", Q),
    u("千克", "kg", Q),
    um("斤", "t", Q, 5, -4),
    u("盎司", "oz", Q),
    u("克", "g", Q),
    // Power, energy.
    u("千瓦时", "kWh", Q),
    u("千瓦", "kW", Q),
    u("兆瓦", "MW", Q),
    u("吉瓦", "GW", Q),
    u("千伏", "kV", Q),
    u("伏", "V", Q),
    // Length, area, volume.
    u("平方公里", "km2", Q),
    u("平方千米", "km2", Q),
    u("平方米", "m2", Q),
    u("立方米", "m3", Q),
    u("公里", "km", Q),
    u("千米", "km", Q),
    u("英里", "mi", Q),
    u("米", "m", Q),
    u("公顷", "ha", Q),
    u("亩", "mu", Q),
    u("桶", "bbl", Q),
    u("升", "L", Q),
];

/// ISO 4217 codes (and BTC) recognised next to a number.
pub(crate) static ISO: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "AUD", "CAD", "HKD", "CHF", "INR", "ZAR", "NZD",
    "SGD", "KRW", "TWD", "MYR", "RUB", "BRL", "MXN", "SEK", "NOK", "DKK", "TRY", "IDR", "THB",
    "PHP", "VND", "SAR", "AED", "BTC", "CLP", "PEN", "ARS", "COP", "NGN", "EGP", "PKR", "ILS",
    "PLN", "CZK", "HUF",
];

/// Most codes in [`ISO`]; checked at compile time.
const ISO_MAX: usize = 64;

/// A three-letter code as a number, for sorting and searching.
const fn iso_key(b: [u8; 3]) -> u32 {
    (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32
}

/// [`ISO`] sorted by [`iso_key`], with the code each key reads as.
static ISO_SORTED: ([u32; ISO_MAX], [&str; ISO_MAX], usize) = {
    let mut keys = [u32::MAX; ISO_MAX];
    let mut codes = [""; ISO_MAX];
    assert!(ISO.len() <= ISO_MAX);
    let mut n = 0;
    while n < ISO.len() {
        let b = ISO[n].as_bytes();
        assert!(b.len() == 3);
        // Insertion sort: place code n among the n sorted before it.
        let k = iso_key([b[0], b[1], b[2]]);
        let mut j = n;
        while j > 0 && keys[j - 1] > k {
            keys[j] = keys[j - 1];
            codes[j] = codes[j - 1];
            j -= 1;
        }
        keys[j] = k;
        codes[j] = ISO[n];
        n += 1;
    }
    (keys, codes, n)
};

/// The ISO code for a code written in any case, `RMB` read as `CNY`.
pub(crate) fn iso(code: &str) -> Option<&'static str> {
    let &[a, b, c] = code.as_bytes() else {
        return None;
    };
    let k = iso_key([
        a.to_ascii_uppercase(),
        b.to_ascii_uppercase(),
        c.to_ascii_uppercase(),
    ]);
    let (keys, codes, n) = &ISO_SORTED;
    let at = keys[..*n].binary_search(&k).ok()?;
    let c = codes[at];
    Some(if c == "RMB" { "CNY" } else { c })
}

/// Most forms in one unit list; checked at compile time.
const UNITS_MAX: usize = 256;

/// A unit list with indexes built at compile time, so that a lookup tries
/// only the forms that can match (the list is consulted for every number,
/// and most of it never could): forms that start with a letter by their
/// first word, in a hash table; other forms by first byte, then by second
/// byte (ASCII) or by first character (multi-byte).
pub(crate) struct Units {
    defs: &'static [UnitDef],
    /// The forms grouped by first byte, in list order within a group.
    order: [Entry; UNITS_MAX],
    /// `order[start[b]..start[b + 1]]` are the forms whose first byte is `b`.
    start: [u16; 257],
    /// The forms that start with an ASCII letter, grouped by their first
    /// word (letters up to the first non-letter), in list order in a group.
    by_word: [Entry; UNITS_MAX],
    /// `by_word[word_start[m]..word_start[m + 1]]` are the forms of first word `m`.
    word_start: [u16; UNITS_MAX + 1],
    /// First words ([`key`], folded) in a hash table: the word's `m`.
    word_keys: [u128; WORD_SLOTS],
    word_index: [u16; WORD_SLOTS],
    /// Per first letter (`& 31`, so either case) the lengths of the first
    /// words: most words after a number are ruled out by this alone.
    word_lens: [u16; 32],
}

/// Slots of the first-word table of a [`Units`] (a power of two, at least
/// twice the words).
const WORD_SLOTS: usize = 512;

/// A free slot of the first-word table.
const NO_WORD: u128 = u128::MAX;

/// The home slot of a first-word key.
#[inline]
const fn word_slot(k: u128) -> usize {
    let x = k as u64 ^ ((k >> 64) as u64).rotate_left(29);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & (WORD_SLOTS - 1)
}

/// Bytes of the first word of a form: its leading ASCII letters.
const fn first_word_len(f: &[u8]) -> usize {
    let mut n = 0;
    while n < f.len() && f[n].is_ascii_alphabetic() {
        n += 1;
    }
    n
}

/// One form of a [`Units`] list, with what rules it out cheaply.
#[derive(Clone, Copy)]
struct Entry {
    /// Index in the list.
    def: u8,
    /// The form is ASCII.
    ascii: bool,
    /// Byte length of the form; of its first character when not ASCII.
    len: u8,
    /// Second byte of the form, ASCII letters in lower case (0 for one
    /// byte): a group of ASCII first bytes is sorted by it.
    second: u8,
    /// The bytes of the first character of the form ([`head`]): a group of
    /// multi-byte first characters is sorted by it.
    first: u32,
}

/// The first `n` (at most 4) bytes of `b` as a number; `b` holds them.
#[inline]
const fn head(b: &[u8], n: usize) -> u32 {
    match (n, b) {
        (1, [x, ..]) => *x as u32,
        (2, [x, y, ..]) => u16::from_le_bytes([*x, *y]) as u32,
        (3, [x, y, z, ..]) => u32::from_le_bytes([*x, *y, *z, 0]),
        (4, [x, y, z, w, ..]) => u32::from_le_bytes([*x, *y, *z, *w]),
        _ => 0,
    }
}

impl Units {
    const fn new(defs: &'static [UnitDef]) -> Units {
        assert!(defs.len() <= UNITS_MAX);
        let mut count = [0u16; 257];
        let mut k = 0;
        while k < defs.len() {
            let b = defs[k].form.as_bytes()[0].to_ascii_lowercase();
            count[b as usize + 1] += 1;
            k += 1;
        }
        let mut start = [0u16; 257];
        let mut b = 1;
        while b < 257 {
            start[b] = start[b - 1] + count[b];
            b += 1;
        }
        // A stable counting sort: forms keep their list order in a group.
        let mut fill = start;
        let mut order = [Entry {
            def: 0,
            ascii: true,
            len: 0,
            second: 0,
            first: 0,
        }; UNITS_MAX];
        let mut k = 0;
        while k < defs.len() {
            let f = defs[k].form.as_bytes();
            let b = f[0].to_ascii_lowercase() as usize;
            let ascii = f.is_ascii();
            let first_len = if f[0] < 0x80 {
                1
            } else if f[0] < 0xE0 {
                2
            } else if f[0] < 0xF0 {
                3
            } else {
                4
            };
            order[fill[b] as usize] = Entry {
                def: k as u8,
                ascii,
                len: if ascii {
                    f.len() as u8
                } else {
                    first_len as u8
                },
                second: if f.len() > 1 {
                    f[1].to_ascii_lowercase()
                } else {
                    0
                },
                first: head(f, first_len),
            };
            fill[b] += 1;
            k += 1;
        }
        // Each group by second byte (a stable insertion sort: list order
        // among equals), so that a lookup reads only the forms of one-byte
        // length and those whose second byte is the text's.
        // (A group of multi-byte first characters is sorted by its first
        // character instead: a lookup reads the run of `s`'s.)
        let mut g = 0;
        while g < 256 {
            let (lo, hi) = (start[g] as usize, start[g + 1] as usize);
            let mut i = lo + 1;
            while i < hi {
                let x = order[i];
                let mut j = i;
                while j > lo
                    && (g < 0x80 && order[j - 1].second > x.second
                        || g >= 0x80 && order[j - 1].first > x.first)
                {
                    order[j] = order[j - 1];
                    j -= 1;
                }
                order[j] = x;
                i += 1;
            }
            g += 1;
        }
        // Forms by first word.
        let mut words = [NO_WORD; UNITS_MAX];
        let mut word_of = [usize::MAX; UNITS_MAX];
        let mut word_lens = [0u16; 32];
        let mut nwords = 0;
        let mut k = 0;
        while k < defs.len() {
            let f = defs[k].form.as_bytes();
            let n = first_word_len(f);
            if n > 0 {
                assert!(n <= KEY_LEN);
                word_lens[(f[0] & 31) as usize] |= 1 << n;
                let Some(key) = key(f.split_at(n).0, true) else {
                    panic!("first word of a unit too long")
                };
                let mut m = 0;
                while m < nwords && words[m] != key {
                    m += 1;
                }
                if m == nwords {
                    words[m] = key;
                    nwords += 1;
                }
                word_of[k] = m;
            }
            k += 1;
        }
        let mut word_start = [0u16; UNITS_MAX + 1];
        let mut k = 0;
        while k < defs.len() {
            if word_of[k] != usize::MAX {
                word_start[word_of[k] + 1] += 1;
            }
            k += 1;
        }
        let mut m = 1;
        while m <= UNITS_MAX {
            word_start[m] += word_start[m - 1];
            m += 1;
        }
        let mut fill = word_start;
        let mut by_word = order;
        let mut k = 0;
        while k < defs.len() {
            if word_of[k] != usize::MAX {
                // The entry of def k, from the first-byte index.
                let mut e = 0;
                while order[e].def as usize != k {
                    e += 1;
                }
                by_word[fill[word_of[k]] as usize] = order[e];
                fill[word_of[k]] += 1;
            }
            k += 1;
        }
        assert!(2 * nwords <= WORD_SLOTS);
        let mut word_keys = [NO_WORD; WORD_SLOTS];
        let mut word_index = [0u16; WORD_SLOTS];
        let mut m = 0;
        while m < nwords {
            let mut h = word_slot(words[m]);
            while word_keys[h] != NO_WORD {
                h = (h + 1) & (WORD_SLOTS - 1);
            }
            word_keys[h] = words[m];
            word_index[h] = m as u16;
            m += 1;
        }
        Units {
            defs,
            order,
            start,
            by_word,
            word_start,
            word_keys,
            word_index,
            word_lens,
        }
    }

    /// The forms whose first word is `w` (ASCII letters), in list order.
    #[inline]
    fn word_group(&self, w: &[u8]) -> &[Entry] {
        let n = w.len();
        if n == 0 || n > KEY_LEN || self.word_lens[(w[0] & 31) as usize] & 1 << n == 0 {
            return &[];
        }
        self.word_group_hashed(w)
    }

    /// [`Units::word_group`] without its first test.
    #[inline]
    fn word_group_hashed(&self, w: &[u8]) -> &[Entry] {
        let Some(k) = key_of(w, true) else {
            return &[];
        };
        let mut h = word_slot(k);
        // The table is at most half full: a free slot ends every probe.
        loop {
            let x = self.word_keys[h];
            if x == k {
                let m = self.word_index[h] as usize;
                return &self.by_word[self.word_start[m] as usize..self.word_start[m + 1] as usize];
            }
            if x == NO_WORD {
                return &[];
            }
            h = (h + 1) & (WORD_SLOTS - 1);
        }
    }

    /// The first form of the list.
    pub(crate) fn first(&self) -> &'static UnitDef {
        &self.defs[0]
    }
}

/// Matches the non-ASCII `form` at the start of `s`, allowing ASCII spaces
/// between its characters. Returns the bytes of `s` consumed.
fn match_spaced(s: &str, form: &str) -> Option<usize> {
    let (b, f) = (s.as_bytes(), form.as_bytes());
    let (mut i, mut j) = (0, 0);
    while j < f.len() {
        let c = f[j];
        let l = match c {
            0..0x80 => 1,
            0x80..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        };
        if j > 0 && c >= 0x80 {
            while b.get(i) == Some(&b' ') {
                i += 1;
            }
        }
        // `i` is on a character boundary of `s`: the character there is
        // the form's when their bytes agree.
        if b.len() < i + l || head(&b[i..], l) != head(&f[j..], l) {
            return None;
        }
        i += l;
        j += l;
    }
    Some(i)
}

/// Matches `units` at the start of `s`: the longest form, the first in list
/// order among equals. English words need a word boundary after them. Returns
/// the definition and its byte length.
pub(crate) fn match_suffix(s: &str, units: &'static Units) -> Option<(&'static UnitDef, usize)> {
    let sb = s.as_bytes();
    let &b0 = sb.first()?;
    let g = b0.to_ascii_lowercase() as usize;
    let group = &units.order[units.start[g] as usize..units.start[g + 1] as usize];
    // No form starts with that byte (after a number: punctuation, most
    // characters): nothing below can match. (A letter's forms are looked
    // up by its word instead.)
    if group.is_empty() && !b0.is_ascii_alphabetic() {
        return None;
    }
    // The first character of `s` (forms in the group start with its byte,
    // so with a character of its length).
    let first_len = match b0 {
        0..0x80 => 1,
        0x80..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    };
    let first = head(sb, first_len);
    // One-byte forms (second byte 0) come first in the group, then the
    // forms by second byte: only those and the run of `s`'s second byte
    // can match.
    let s1 = sb.get(1).map_or(0, u8::to_ascii_lowercase);
    // Longest match; the first in list order among equals.
    let mut best: Option<(&'static UnitDef, usize, u8)> = None;
    let better = |best: Option<(&UnitDef, usize, u8)>, n: usize, def: u8| {
        best.is_none_or(|(_, l, bd)| n > l || n == l && def < bd)
    };
    // A group of multi-byte first characters: the run of `s`'s first one;
    // for a letter, the forms whose first word is `s`'s (a form that matches
    // has the same leading letters, then a non-letter or the end).
    let group = if b0.is_ascii_alphabetic() {
        let mut we = 1;
        while we < sb.len() && sb[we].is_ascii_alphabetic() {
            we += 1;
        }
        units.word_group(&sb[..we])
    } else if b0 >= 0x80 {
        let from = group.partition_point(|e| e.first < first);
        let to = from + group[from..].partition_point(|e| e.first == first);
        &group[from..to]
    } else {
        group
    };
    for e in group {
        if b0 < 0x80 && !b0.is_ascii_alphabetic() && e.second != 0 && e.second != s1 {
            if e.second > s1 {
                break;
            }
            continue;
        }
        let d = &units.defs[e.def as usize];
        let f = d.form;
        let fl = e.len as usize;
        if !e.ascii {
            // Chinese forms: spaces between the characters do not count
            // (个 百 分点 is 个百分点). The first character must be there.
            if first != e.first {
                continue;
            }
            if let Some(n) = match_spaced(s, f) {
                if better(best, n, e.def) {
                    best = Some((d, n, e.def));
                }
            }
            continue;
        }
        if sb.len() < fl {
            continue;
        }
        let head = &sb[..fl];
        let ok = if d.case {
            head == f.as_bytes()
        } else {
            // (Forms are short: a plain loop beats the library's.)
            head.iter()
                .zip(f.as_bytes())
                .all(|(a, b)| a.eq_ignore_ascii_case(b))
        };
        if !ok || !s.is_char_boundary(fl) {
            continue;
        }
        let last = f.as_bytes()[fl - 1];
        if last.is_ascii_alphanumeric() {
            if let Some(&nx) = sb.get(fl) {
                if nx.is_ascii_alphanumeric() {
                    continue;
                }
            }
        }
        if better(best, fl, e.def) {
            best = Some((d, fl, e.def));
        }
    }
    best.map(|(d, l, _)| (d, l))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The length test of `word_group` passes every first word of a form.
    #[test]
    fn word_group_first_test() {
        let mut words: Vec<String> = Vec::new();
        for units in [&EN_SUFFIX, &ZH_SUFFIX] {
            for d in units.defs {
                let n = first_word_len(d.form.as_bytes());
                let w = &d.form[..n];
                for v in [
                    w.to_string(),
                    w.to_uppercase(),
                    w.to_lowercase(),
                    format!("{w}s"),
                ] {
                    words.push(v);
                }
                if n > 1 {
                    words.push(w[1..].to_string());
                }
            }
        }
        for w in [
            "",
            "of",
            "the",
            "x",
            "tonnes",
            "TONNES",
            "years",
            "abcdefghijklmnopq",
        ] {
            words.push(w.to_string());
        }
        let mut found = 0;
        for units in [&EN_SUFFIX, &ZH_SUFFIX] {
            for w in &words {
                let (a, b) = (
                    units.word_group(w.as_bytes()),
                    units.word_group_hashed(w.as_bytes()),
                );
                assert_eq!(
                    a.iter().map(|e| e.def).collect::<Vec<_>>(),
                    b.iter().map(|e| e.def).collect::<Vec<_>>(),
                    "{w:?}"
                );
                found += a.len();
            }
        }
        assert!(found > 50);
    }

    /// The character-by-character match `match_spaced` replaces.
    fn match_spaced_chars(s: &str, form: &str) -> Option<usize> {
        let b = s.as_bytes();
        let mut i = 0;
        for (k, fc) in form.chars().enumerate() {
            if k > 0 && !fc.is_ascii() {
                while b.get(i) == Some(&b' ') {
                    i += 1;
                }
            }
            let c = s[i..].chars().next()?;
            if c != fc {
                return None;
            }
            i += c.len_utf8();
        }
        Some(i)
    }

    /// The list scan the index replaces.
    fn match_linear(s: &str, defs: &'static [UnitDef]) -> Option<(&'static UnitDef, usize)> {
        let mut best: Option<(&'static UnitDef, usize)> = None;
        for d in defs {
            let f = d.form;
            let n = if !f.is_ascii() {
                match_spaced_chars(s, f)
            } else if s.len() >= f.len()
                && (if d.case {
                    &s.as_bytes()[..f.len()] == f.as_bytes()
                } else {
                    s.as_bytes()[..f.len()].eq_ignore_ascii_case(f.as_bytes())
                })
                && s.is_char_boundary(f.len())
                && !(f.as_bytes()[f.len() - 1].is_ascii_alphanumeric()
                    && s.as_bytes()
                        .get(f.len())
                        .is_some_and(u8::is_ascii_alphanumeric))
            {
                Some(f.len())
            } else {
                None
            };
            if let Some(n) = n {
                if best.is_none_or(|(_, l)| n > l) {
                    best = Some((d, n));
                }
            }
        }
        best
    }

    #[test]
    fn index_matches_the_list_scan() {
        for (units, defs) in [(&EN_SUFFIX, EN_DEFS), (&ZH_SUFFIX, ZH_DEFS)] {
            let mut texts: Vec<String> = Vec::new();
            for d in defs {
                for tail in ["", " ", "s", "x", "1", ".", "吨"] {
                    texts.push(format!("{}{tail}", d.form));
                    texts.push(format!("{}{tail}", d.form.to_ascii_uppercase()));
                    texts.push(format!("{}{tail}", d.form.replace("", " ").trim()));
                    let mut half = d.form.to_string();
                    while half.pop().is_some() {
                        texts.push(format!("{half}{tail}"));
                    }
                }
            }
            texts.extend(
                [
                    "",
                    " ",
                    "个 百 分点",
                    "Mt",
                    "MT",
                    "mt",
                    "t",
                    "T",
                    "€ur",
                    "km²",
                ]
                .map(String::from),
            );
            for t in &texts {
                let a = match_suffix(t, units).map(|(d, l)| (d.form, l));
                let b = match_linear(t, defs).map(|(d, l)| (d.form, l));
                assert_eq!(a, b, "{t:?}");
            }
        }
    }

    #[test]
    fn iso_codes() {
        for c in ISO {
            let want = if *c == "RMB" { "CNY" } else { c };
            assert_eq!(iso(c), Some(want));
            assert_eq!(iso(&c.to_ascii_lowercase()), Some(want));
        }
        for c in ["", "US", "USDX", "XYZ", "元", "uSd "] {
            assert_eq!(iso(c), None, "{c}");
        }
        assert_eq!(iso("uSd"), Some("USD"));
    }
}
