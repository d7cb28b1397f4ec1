//! Chinese character classes: ideographs, CJK brackets, numerals.
//!
//! Chinese sentences end at `。`, `!`, `?` and `……` whatever follows, so the
//! rules here are classes, not word lists: they tell the splitter when the
//! text after an end mark is Chinese.

/// True for CJK ideographs (the unified blocks, extension A and beyond, and
/// the compatibility block).
#[inline]
pub(super) fn is_ideograph(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{323AF}'
        | '〇')
}

/// True for the CJK brackets that open a title or quotation.
#[inline]
pub(super) fn is_opener(c: char) -> bool {
    matches!(c, '《' | '「' | '『' | '【' | '〔' | '〈' | '〖')
}

/// True for the brackets that close a quotation or an aside right after an
/// end mark (`。」`, `!)`). `》` is not one: no end mark counts inside `《》`.
#[inline]
pub(super) fn is_closer(c: char) -> bool {
    matches!(c, ')' | ']' | '}' | '」' | '』' | '】' | '〕' | '〉' | '〗')
}

/// True when `c` makes a line Chinese for the heading length rule.
#[inline]
pub(super) fn is_cjk(c: char) -> bool {
    is_ideograph(c) || matches!(c, '\u{3000}'..='\u{30FF}')
}

/// Value of a Chinese numeral digit (`一` = 1 ... `十` = 10).
#[inline]
pub(super) fn numeral(c: char) -> Option<u32> {
    Some(match c {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        _ => return None,
    })
}

/// Value of a Chinese number of up to three numerals (`一`, `十二`, `二十三`),
/// or `None` when the digits do not form one.
pub(super) fn numeral_value(digits: &[u32]) -> Option<u32> {
    match *digits {
        [d] => Some(d),
        [10, u] if u < 10 => Some(10 + u),
        [t, 10] if t < 10 => Some(t * 10),
        [t, 10, u] if t < 10 && u < 10 => Some(t * 10 + u),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        let value = |s: &str| {
            let digits: Vec<u32> = s.chars().map(|c| numeral(c).unwrap()).collect();
            numeral_value(&digits)
        };
        assert_eq!(value("一"), Some(1));
        assert_eq!(value("十"), Some(10));
        assert_eq!(value("十二"), Some(12));
        assert_eq!(value("二十"), Some(20));
        assert_eq!(value("二十三"), Some(23));
        assert_eq!(value("一二"), None);
        assert_eq!(value("十十"), None);
    }

    #[test]
    fn classes() {
        assert!(is_ideograph('稀'));
        assert!(!is_ideograph('。'));
        assert!(is_cjk('。'));
        assert!(is_opener('《'));
        assert!(is_closer('」'));
        assert!(!is_closer('》'));
    }
}
