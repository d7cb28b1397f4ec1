//! Chinese numerals (一千二百万, 两亿, 3.5万, 百分之五, 三分之二, 廿, 〇) and the
//! Chinese words that follow a number (classifiers, units).

use super::class::PrefixSet;
use super::number::{parse_arabic, Dec, Val};
use crate::figure::Precision;

/// What one character is in a numeral.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Zc {
    /// 0-9; `weak` for the financial forms that are also common words
    /// (陆 land, 伍 ranks, 拾 pick up, 肆, 参) and 两.
    Digit(u8, bool),
    /// 零 / 〇.
    Zero,
    /// 十 百 千 (and 拾 佰 仟).
    Mult(u32, bool),
    /// 廿 卅 卌.
    Tens(u32),
    /// 万 亿 兆.
    Scale(i32),
    /// 点 (decimal point).
    Point,
}

/// Classifies a character of a Chinese numeral.
#[inline]
pub(crate) fn zc(c: char) -> Option<Zc> {
    Some(match c {
        '〇' | '零' => Zc::Zero,
        '一' => Zc::Digit(1, false),
        '壹' => Zc::Digit(1, true),
        '二' => Zc::Digit(2, false),
        '两' => Zc::Digit(2, false),
        '贰' | '貳' | '弍' | '俩' => Zc::Digit(2, true),
        '三' => Zc::Digit(3, false),
        '叁' | '参' | '弎' => Zc::Digit(3, true),
        '四' => Zc::Digit(4, false),
        '肆' => Zc::Digit(4, true),
        '五' => Zc::Digit(5, false),
        '伍' => Zc::Digit(5, true),
        '六' => Zc::Digit(6, false),
        '陆' => Zc::Digit(6, true),
        '七' => Zc::Digit(7, false),
        '柒' => Zc::Digit(7, true),
        '八' => Zc::Digit(8, false),
        '捌' => Zc::Digit(8, true),
        '九' => Zc::Digit(9, false),
        '玖' => Zc::Digit(9, true),
        '十' => Zc::Mult(10, false),
        '拾' => Zc::Mult(10, true),
        '百' => Zc::Mult(100, false),
        '佰' => Zc::Mult(100, true),
        '千' => Zc::Mult(1000, false),
        '仟' => Zc::Mult(1000, true),
        '廿' => Zc::Tens(20),
        '卅' => Zc::Tens(30),
        '卌' => Zc::Tens(40),
        '万' => Zc::Scale(4),
        '亿' => Zc::Scale(8),
        '兆' => Zc::Scale(12),
        '点' => Zc::Point,
        _ => return None,
    })
}

/// True for a character that can start a Chinese numeral.
#[inline]
pub(crate) fn starts_numeral(c: char) -> bool {
    matches!(zc(c), Some(z) if !matches!(z, Zc::Point))
}

/// A parsed Chinese (or mixed Arabic/Chinese) numeral.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ZhNum {
    pub end: usize,
    pub val: Val,
    /// High end for a vague pair (三四家 = 3–4).
    pub upper: Option<Val>,
    /// Any 十 百 千 万 亿 in it.
    pub has_mult: bool,
    /// Starts with a digit (Arabic or Chinese), not a bare multiplier.
    pub leading_digit: bool,
    /// Number of numeral characters (Chinese) in it.
    pub zh_chars: u32,
    /// Made only of weak characters (陆, 伍, 拾, 两...).
    pub weak_only: bool,
    /// Only Chinese digits, read one by one (二〇二五, 一二三).
    pub digit_string: bool,
    /// Has Arabic digits in it.
    pub arabic: bool,
    /// 多, 余, 来, 几 inside: 十余家, 40多亿.
    pub approx: Option<Precision>,
    /// 百分之五 (a percentage, value in %).
    pub percent: bool,
    /// A fraction 三分之二 (value is the ratio).
    pub fraction: bool,
    /// Integer digits of an Arabic part, for year checks.
    pub arabic_int_digits: u32,
    /// Has a Chinese decimal part (九点九).
    pub decimal: bool,
    /// The Arabic part was written with separators or decimals.
    pub arabic_plain: bool,
}

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Skips ASCII spaces (at most three) when a numeral token follows.
fn skip_inner_spaces(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    let mut j = i;
    while j < b.len() && b[j] == b' ' && j - i < 4 {
        j += 1;
    }
    if j == i {
        return i;
    }
    match char_at(text, j) {
        Some(c) if zc(c).is_some() && c != '点' => j,
        Some('点') => j,
        Some(c) if c.is_ascii_digit() => j,
        Some('余') | Some('多') | Some('分') | Some('几') | Some('又') => j,
        _ => i,
    }
}

struct Acc {
    total: Dec,
    section: Dec,
    pending: Option<(Dec, bool)>,
    last_mult: u32,
    abbrev: Option<Dec>,
    last_scale: i32,
    zero: bool,
    frac: Dec,
}

impl Acc {
    fn new() -> Acc {
        Acc {
            total: Dec::ZERO,
            section: Dec::ZERO,
            pending: None,
            last_mult: 0,
            abbrev: None,
            last_scale: 0,
            zero: false,
            frac: Dec::ZERO,
        }
    }

    /// Value of the current group, applying 两千四百五 = 2450 abbreviation.
    fn group(&self) -> Dec {
        self.group_at(false)
    }

    /// The group; before a scale (5亿1万) a digit after a scale is not an
    /// abbreviation.
    fn group_at(&self, at_scale: bool) -> Dec {
        let mut g = self.section;
        if let Some((p, single)) = self.pending {
            if single && !self.zero && self.last_mult >= 100 && self.abbrev.is_none() {
                g = g.add(p.mul_int((self.last_mult / 10) as u128));
            } else if !at_scale
                && single
                && !self.zero
                && self.abbrev.is_some()
                && self.section.is_zero()
            {
                g = g.add(p.mul(self.abbrev.unwrap_or(Dec::int(1))));
            } else {
                g = g.add(p);
            }
        }
        g.add(self.frac)
    }

    fn value(&self) -> Dec {
        self.total.add(self.group())
    }

    fn is_empty(&self) -> bool {
        self.total.is_zero()
            && self.section.is_zero()
            && self.pending.is_none()
            && self.frac.is_zero()
    }
}

/// Parses the numeral at `i`: Chinese numeral characters, optionally mixed
/// with Arabic digits (`3.5万`, `5万4千6百`, `1,100.9亿`). Returns `None` when
/// nothing numeric starts there.
pub(crate) fn parse_zh(text: &str, i: usize) -> Option<ZhNum> {
    let mut out = parse_plain(text, i)?;
    // Fractions: X分之Y; mixed Z又X分之Y.
    let mut j = skip_spaces(text, out.end);
    if text[j..].starts_with('又') {
        let k = skip_spaces(text, j + '又'.len_utf8());
        if let Some(den) = parse_plain(text, k) {
            if let Some((frac, end, _)) = fraction_after(text, &den) {
                out.val = out.val.add(frac);
                out.end = end;
                out.fraction = true;
                out.has_mult = true;
                return Some(out);
            }
        }
        return Some(out);
    }
    if let Some((frac, end, pct)) = fraction_after(text, &out) {
        out.val = frac;
        out.end = end;
        out.fraction = !pct;
        out.percent = pct;
        out.has_mult = true;
        out.upper = None;
        return Some(out);
    }
    j = out.end;
    let _ = j;
    Some(out)
}

fn skip_spaces(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    let mut j = i;
    while j < b.len() && b[j] == b' ' && j - i < 4 {
        j += 1;
    }
    j
}

/// After a denominator numeral: 分之 / 份 and a numerator. Returns the value,
/// the end, and whether it is a percentage (百分之, 千分之, 万分之: no leading
/// digit).
fn fraction_after(text: &str, den: &ZhNum) -> Option<(Val, usize, bool)> {
    let mut k = skip_spaces(text, den.end);
    let rest = &text[k..];
    if rest.starts_with("分之") {
        k += "分之".len();
    } else if rest.starts_with('分') {
        let k2 = skip_spaces(text, k + '分'.len_utf8());
        if text[k2..].starts_with('之') {
            k = k2 + '之'.len_utf8();
        } else {
            return None;
        }
    } else if rest.starts_with('份') && den.leading_digit {
        k += '份'.len_utf8();
        match char_at(text, k) {
            Some(c) if matches!(zc(c), Some(Zc::Digit(..)) | Some(Zc::Mult(..))) => {}
            _ => return None,
        }
    } else {
        return None;
    }
    k = skip_spaces(text, k);
    let mut neg = false;
    if text[k..].starts_with('负') {
        neg = true;
        k += '负'.len_utf8();
    }
    let num = parse_plain(text, k)?;
    let d = den.val.exact()?;
    let n = num.val.exact()?;
    if d.is_zero() {
        return None;
    }
    let n = if neg { n.neg() } else { n };

    if !den.leading_digit {
        // 百分之五 = 5 %, 千分之五 = 0.5 %, 万分之三 = 0.03 %.
        let pct = Val::Ratio(n.mul(Dec::int(100)), d);
        let pct = match (n.mul(Dec::int(100)).trim(), d.trim()) {
            (nn, dd) if dd.mant == 1 => Val::Exact(nn.shift(-dd.exp)),
            _ => pct,
        };
        return Some((pct, num.end, true));
    }
    let v = match (n.trim(), d.trim()) {
        (nn, dd) if dd.mant == 1 => Val::Exact(nn.shift(-dd.exp)),
        (nn, dd) => Val::Ratio(nn, dd),
    };
    Some((v, num.end, false))
}

/// Parses a numeral without fractions.
fn parse_plain(text: &str, start: usize) -> Option<ZhNum> {
    let b = text.as_bytes();
    let mut i = start;
    let mut acc = Acc::new();
    let mut has_mult = false;
    let mut zh_chars = 0u32;
    let mut weak_only = true;
    let mut digit_string = true;
    let mut digits_in_string = 0u32;
    let mut arabic = false;
    let mut arabic_int_digits = 0u32;
    let mut arabic_plain = true;
    let mut approx = None;
    let mut leading_digit = false;
    let mut upper: Option<Val> = None;
    let mut end = start;
    let mut first = true;
    let mut ds = Dec::ZERO;
    let mut decimal = false;
    while let Some(c) = char_at(text, i) {
        if c.is_ascii_digit() {
            if acc.pending.is_some() || digits_in_string > 0 {
                break;
            }
            let a = parse_arabic(b, i)?;
            let Some(d) = a.val.exact() else { break };
            let single = a.int_digits == 1 && !a.decimal;
            if first {
                leading_digit = true;
                arabic_int_digits = a.int_digits;
                arabic_plain = !a.grouped && !a.decimal;
            }
            acc.pending = Some((d, single));
            arabic = true;
            digit_string = false;
            weak_only = false;
            i = a.end;
            end = i;
            first = false;
            i = skip_inner_spaces(text, i);
            continue;
        }
        let Some(z) = zc(c) else {
            // Approximation markers inside a numeral.
            if !first && matches!(c, '多' | '余' | '几' | '来') {
                let nx = i + c.len_utf8();
                let next = char_at(text, skip_spaces(text, nx));
                let after_mult = acc.pending.is_none() && acc.last_mult > 0;
                match c {
                    '多' | '余' => {
                        approx = Some(Precision::AtLeast);
                        end = nx;
                        i = skip_inner_spaces(text, nx);
                        if matches!(next, Some(n) if matches!(zc(n), Some(Zc::Scale(_)))) {
                            continue;
                        }
                        break;
                    }
                    '几' => {
                        approx = Some(Precision::Approximate);
                        end = nx;
                        i = nx;
                        acc.zero = true;
                        if matches!(next, Some(n) if matches!(zc(n), Some(Zc::Scale(_)))) {
                            continue;
                        }
                        break;
                    }
                    _ => {
                        // 十来家: only after a multiplier, before a classifier.
                        if after_mult {
                            approx = Some(Precision::Approximate);
                            end = nx;
                        }
                        break;
                    }
                }
            }
            // 4个多亿: a classifier between the digits and 多 + scale.
            if !first && c == '个' && text[i + 3..].starts_with('多') {
                if let Some(n) = char_at(text, i + 6) {
                    if matches!(zc(n), Some(Zc::Scale(_))) {
                        approx = Some(Precision::AtLeast);
                        i += 6;
                        continue;
                    }
                }
            }
            break;
        };
        // A unit that starts with a numeral character ends the numeral:
        // 3.1亿千瓦, 220千伏, 19万兆瓦.
        if matches!(z, Zc::Mult(..) | Zc::Scale(_)) {
            let r = &text[i..];
            if [
                "千瓦",
                "千伏",
                "千克",
                "千米",
                "千卡",
                "千焦",
                "兆瓦",
                "兆帕",
                "兆焦",
                "兆赫",
                "兆字节",
                "百分点",
            ]
            .iter()
            .any(|u| r.starts_with(u))
            {
                break;
            }
        }
        match z {
            Zc::Digit(d, weak) => {
                if d == 2 && c == '两' && digit_string && digits_in_string > 0 {
                    break;
                }
                if !weak {
                    weak_only = false;
                }
                if first {
                    leading_digit = true;
                }
                if let Some((p, single)) = acc.pending {
                    // Digit after digit: a digit string (一二三), or a vague
                    // pair (三四家).
                    if digit_string
                        && (single || digits_in_string > 1)
                        && !has_mult
                        && acc.total.is_zero()
                        && acc.section.is_zero()
                    {
                        if c == '两' {
                            break;
                        }
                        if digits_in_string == 1
                            && p.as_int() == Some(d as u128 - 1)
                            && !text[i + c.len_utf8()..].starts_with(|n: char| zc(n).is_some())
                        {
                            upper = Some(Val::Exact(Dec::int(d as u128)));
                            end = i + c.len_utf8();
                            zh_chars += 1;
                            break;
                        }
                        ds.push_digit(d);
                        digits_in_string += 1;
                        acc.pending = Some((ds, digits_in_string == 1));
                    } else {
                        break;
                    }
                } else {
                    if digits_in_string == 0 && acc.is_empty() {
                        ds = Dec::int(d as u128);
                        digits_in_string = 1;
                    } else {
                        digit_string = false;
                    }
                    acc.pending = Some((Dec::int(d as u128), true));
                }
            }
            Zc::Zero => {
                if first {
                    leading_digit = true;
                }
                weak_only = false;
                if digit_string && (digits_in_string > 0 || acc.is_empty()) && !has_mult {
                    if digits_in_string == 0 {
                        ds = Dec::ZERO;
                    } else {
                        ds.push_digit(0);
                    }
                    digits_in_string += 1;
                    acc.pending = Some((ds, false));
                    if digits_in_string == 1 {
                        acc.pending = Some((Dec::ZERO, false));
                    }
                } else {
                    if let Some((p, _)) = acc.pending.take() {
                        acc.section = acc.section.add(p);
                    }
                    acc.zero = true;
                    acc.abbrev = None;
                }
            }
            Zc::Mult(m, weak) => {
                if digit_string && digits_in_string > 1 {
                    break;
                }
                if !weak {
                    weak_only = false;
                }
                digit_string = false;
                if first && m == 10 {
                    leading_digit = true;
                }
                if acc.last_mult != 0 && m >= acc.last_mult {
                    break;
                }
                let p = match acc.pending.take() {
                    Some((p, _)) if !p.is_zero() => p,
                    Some(_) => Dec::int(1),
                    None => {
                        if first && m >= 100 {
                            // 百三, 千一: a leading multiplier.
                        }
                        Dec::int(1)
                    }
                };
                acc.section = acc.section.add(p.mul_int(m as u128));
                acc.last_mult = m;
                acc.zero = false;
                acc.abbrev = None;
                has_mult = true;
            }
            Zc::Tens(t) => {
                weak_only = false;
                if digit_string && digits_in_string > 0 {
                    break;
                }
                digit_string = false;
                if acc.pending.is_some() {
                    break;
                }
                acc.section = acc.section.add(Dec::int(t as u128));
                acc.last_mult = 10;
                has_mult = true;
                if first {
                    leading_digit = true;
                }
            }
            Zc::Scale(e) => {
                if digit_string && digits_in_string > 1 {
                    break;
                }
                weak_only = false;
                digit_string = false;
                let mut g = acc.group_at(true);
                if g.is_zero() && acc.total.is_zero() && acc.last_scale == 0 {
                    // 万九 = 19000; a bare 万 is 1 万.
                    g = Dec::int(1);
                }
                let s = Dec::pow10(e);
                if acc.last_scale == 0 || e >= acc.last_scale {
                    acc.total = acc.total.add(g).mul(s);
                    acc.last_scale = e;
                } else {
                    acc.total = acc.total.add(g.mul(s));
                }
                acc.section = Dec::ZERO;
                acc.pending = None;
                acc.frac = Dec::ZERO;
                acc.last_mult = 0;
                acc.zero = false;
                acc.abbrev = Some(Dec::pow10(e - 1));
                has_mult = true;
            }
            Zc::Point => {
                if first {
                    break;
                }
                // Decimal digits: Chinese digits one by one, or Arabic.
                let mut k = skip_spaces(text, i + c.len_utf8());
                let mut f = Dec::ZERO;
                let mut nd = 0;
                if let Some(a) = parse_arabic(b, k) {
                    if a.int_digits > 0 && !a.grouped && !a.decimal {
                        let mut m = k;
                        while m < a.end {
                            f.push_frac_digit(b[m] - b'0');
                            m += 1;
                            nd += 1;
                        }
                        k = a.end;
                    }
                }
                if nd == 0 {
                    while let Some(c2) = char_at(text, k) {
                        match zc(c2) {
                            Some(Zc::Digit(d, _)) if c2 != '两' => f.push_frac_digit(d),
                            Some(Zc::Zero) => {
                                f.push_frac_digit(0);
                                f.exp = f.exp.min(0);
                            }
                            _ => break,
                        }
                        nd += 1;
                        k += c2.len_utf8();
                    }
                    // Trailing zeros keep their places: 零点零零一.
                    if nd > 0 && f.mant == 0 {
                        f = Dec::ZERO;
                    }
                }
                if nd == 0 {
                    break;
                }
                // Fold the group so far, then add the fraction.
                decimal = true;
                let g = acc.group();
                acc.section = g;
                acc.pending = None;
                acc.frac = f;
                acc.last_mult = 1;
                acc.abbrev = None;
                digit_string = false;
                zh_chars += 1 + nd;
                end = k;
                i = k;
                first = false;
                if matches!(char_at(text, i), Some(n) if matches!(zc(n), Some(Zc::Scale(_)))) {
                    // 一点五亿: the fraction belongs to the group.
                    let g = acc.section.add(acc.frac);
                    acc.section = g;
                    acc.frac = Dec::ZERO;
                    acc.last_mult = 1;
                    continue;
                }
                break;
            }
        }
        zh_chars += 1;
        i += c.len_utf8();
        end = i;
        first = false;
        i = skip_inner_spaces(text, i);
    }
    if first {
        return None;
    }
    let val = if digit_string && digits_in_string > 1 && !arabic {
        Val::Exact(ds)
    } else {
        Val::Exact(acc.value())
    };
    if zh_chars == 0 && !arabic {
        return None;
    }
    Some(ZhNum {
        end,
        val,
        upper,
        has_mult,
        leading_digit,
        zh_chars,
        weak_only,
        digit_string: digit_string && zh_chars > 1 && !arabic && digits_in_string > 1,
        arabic,
        approx,
        percent: false,
        fraction: false,
        arabic_int_digits,
        arabic_plain,
        decimal,
    })
}

/// Classifiers and nouns counted after a number: 家 个 种 项 名 人 户...
pub(crate) static COUNT_WORDS: PrefixSet<{ COUNT_LIST.len() }> = PrefixSet::new(COUNT_LIST);

const COUNT_LIST: &[&str] = &[
    "个方面",
    "方面",
    "人次",
    "家次",
    "公司",
    "企业",
    "部门",
    "国家",
    "城市",
    "省份",
    "省区",
    "地区",
    "行业",
    "单位",
    "项目",
    "县",
    "省",
    "市",
    "区",
    "个",
    "家",
    "种",
    "项",
    "名",
    "位",
    "人",
    "户",
    "所",
    "座",
    "条",
    "台",
    "件",
    "张",
    "套",
    "部",
    "方",
    "只",
    "块",
    "对",
    "双",
    "片",
    "根",
    "支",
    "把",
    "本",
    "篇",
    "辆",
    "艘",
    "架",
    "枚",
    "颗",
    "粒",
    "栋",
    "幢",
    "处",
    "股",
    "份",
    "起",
    "例",
    "头",
    "匹",
    "道",
    "间",
    "章",
    "节",
    "款",
    "宗",
    "笔",
    "场",
    "类",
    "批",
    "所",
    "组",
    "队",
    "口",
    "扇",
    "盏",
    "群",
    "册",
    "封",
    "首",
    "集",
    "层",
    "则",
    "门",
    "票",
    "趟",
];

/// Words after a number that make it not a figure (time, ordinals, names).
pub(crate) static NOT_COUNT_AFTER: PrefixSet<{ NOT_COUNT_LIST.len() }> =
    PrefixSet::new(NOT_COUNT_LIST);

const NOT_COUNT_LIST: &[&str] = &[
    "国道",
    "省道",
    "号线",
    "轮",
    "周年",
    "中全会",
    "世纪",
    "年代",
    "岁",
    "届",
    "级",
    "大",
    "次",
    "号",
    "路",
    "线",
    "星",
    "型",
    "代",
    "楼",
    "期",
    "版",
    "码",
    "比",
    "分",
    "秒",
    "点",
    "时",
    "寸",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> f64 {
        parse_zh(s, 0).map(|n| n.val.to_f64()).unwrap_or(f64::NAN)
    }

    #[test]
    fn chinese_numerals() {
        let cases: &[(&str, f64)] = &[
            ("一千二百万", 12_000_000.0),
            ("两亿", 200_000_000.0),
            ("3.5万", 35_000.0),
            ("1.2亿", 120_000_000.0),
            ("两千四百五", 2450.0),
            ("一千零一", 1001.0),
            ("五亿零六", 500_000_006.0),
            ("七十八万五佰零六", 780_506.0),
            (
                "四千五百六十九万八千三百一十一亿四千八百七十二万五千三百八十二",
                4569831148725382.0,
            ),
            ("四万万", 400_000_000.0),
            ("10万万", 1e9),
            ("4.78万亿", 4.78e12),
            ("5万4千6百", 54600.0),
            ("3万4000", 34000.0),
            ("2千零30万", 20_300_000.0),
            ("一百零十万", 1_100_000.0),
            ("一万零十二", 10012.0),
            ("廿二", 22.0),
            ("卅三", 33.0),
            ("一七二零", 1720.0),
            ("二〇二五", 2025.0),
            ("零点零零一", 0.001),
            ("两千万点五五四四", 20000000.5544),
            ("十点二三三", 10.233),
            ("二分之一", 0.5),
            ("百分之五", 5.0),
            ("千分之一", 0.1),
            ("三百五十又3分之1", 350.0 + 1.0 / 3.0),
            ("万九", 19000.0),
            ("百二万", 1_200_000.0),
            ("五兆六十二亿四万五千二", 5006200045200.0),
            ("1,100.9亿", 110_090_000_000.0),
            ("7 万5 千4 百", 75400.0),
            ("一百 五 十 二", 152.0),
        ];
        for &(s, want) in cases {
            let got = v(s);
            assert!(
                (got - want).abs() <= want.abs() * 1e-12,
                "{s}: got {got}, want {want}"
            );
        }
    }
}
