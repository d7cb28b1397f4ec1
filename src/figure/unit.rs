//! Units, currencies and percent signs that follow or precede a number, and
//! the normalised unit strings they map to.

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
pub(crate) static EN_SUFFIX: &[UnitDef] = &[
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
pub(crate) static ZH_SUFFIX: &[UnitDef] = &[
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

/// The ISO code for a code written in any case, `RMB` read as `CNY`.
pub(crate) fn iso(code: &str) -> Option<&'static str> {
    if code.len() != 3 {
        return None;
    }
    for &c in ISO {
        if c.eq_ignore_ascii_case(code) {
            return Some(if c == "RMB" { "CNY" } else { c });
        }
    }
    None
}

/// Matches the non-ASCII `form` at the start of `s`, allowing ASCII spaces
/// between its characters. Returns the bytes of `s` consumed.
fn match_spaced(s: &str, form: &str) -> Option<usize> {
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

/// Matches `defs` at the start of `s`. English words need a word boundary
/// after them. Returns the definition and its byte length.
pub(crate) fn match_suffix(s: &str, defs: &'static [UnitDef]) -> Option<(&'static UnitDef, usize)> {
    let mut best: Option<(&'static UnitDef, usize)> = None;
    for d in defs {
        let f = d.form;
        if !f.is_ascii() {
            // Chinese forms: spaces between the characters do not count
            // (个 百 分点 is 个百分点).
            if let Some(n) = match_spaced(s, f) {
                if best.is_none_or(|(_, l)| n > l) {
                    best = Some((d, n));
                }
            }
            continue;
        }
        if s.len() < f.len() {
            continue;
        }
        let head = &s.as_bytes()[..f.len()];
        let ok = if d.case {
            head == f.as_bytes()
        } else {
            head.eq_ignore_ascii_case(f.as_bytes())
        };
        if !ok || !s.is_char_boundary(f.len()) {
            continue;
        }
        let last = f.as_bytes()[f.len() - 1];
        if last.is_ascii_alphanumeric() {
            if let Some(&nx) = s.as_bytes().get(f.len()) {
                if nx.is_ascii_alphanumeric() {
                    continue;
                }
            }
        }
        if best.is_none_or(|(_, l)| f.len() > l) {
            best = Some((d, f.len()));
        }
    }
    best
}
