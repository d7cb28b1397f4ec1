//! Exact decimal values and the Arabic-numeral scanner.
//!
//! Every figure is parsed into an integer mantissa and a decimal exponent
//! ([`Dec`]) and turned into an `f64` once, by the standard library's
//! correctly rounded parser, so that `1.2亿` is exactly `120000000` and
//! `0.3 billion` is `300000000`.

/// A decimal `±mant × 10^exp`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Dec {
    pub neg: bool,
    pub mant: u128,
    pub exp: i32,
}

/// The powers of ten a double holds exactly.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Largest mantissa kept exactly; longer digit runs drop their tail digits.
const MANT_MAX: u128 = u128::MAX / 10 - 10;

impl Dec {
    pub const ZERO: Dec = Dec {
        neg: false,
        mant: 0,
        exp: 0,
    };

    pub const fn int(n: u128) -> Dec {
        Dec {
            neg: false,
            mant: n,
            exp: 0,
        }
    }

    pub const fn pow10(k: i32) -> Dec {
        Dec {
            neg: false,
            mant: 1,
            exp: k,
        }
    }

    pub fn is_zero(self) -> bool {
        self.mant == 0
    }

    /// Appends one decimal digit to the mantissa (`12` then `3` is `123`);
    /// past 38 digits the digit is dropped and the exponent grows instead.
    pub fn push_digit(&mut self, d: u8) {
        if self.mant <= MANT_MAX {
            self.mant = self.mant * 10 + d as u128;
        } else {
            self.exp = self.exp.saturating_add(1);
        }
    }

    /// Appends a fractional digit (after the decimal point).
    pub fn push_frac_digit(&mut self, d: u8) {
        if self.mant <= MANT_MAX {
            self.mant = self.mant * 10 + d as u128;
            self.exp = self.exp.saturating_sub(1);
        }
    }

    pub fn neg(mut self) -> Dec {
        self.neg = !self.neg;
        self
    }

    pub fn shift(mut self, k: i32) -> Dec {
        self.exp = self.exp.saturating_add(k);
        self
    }

    /// Drops trailing zeros of the mantissa into the exponent.
    pub fn trim(mut self) -> Dec {
        if self.mant == 0 {
            return Dec::ZERO;
        }
        while self.mant % 10 == 0 {
            self.mant /= 10;
            self.exp = self.exp.saturating_add(1);
        }
        self
    }

    pub fn mul(self, o: Dec) -> Dec {
        let (a, b) = (self.trim(), o.trim());
        let mut x = a.mant;
        let mut y = b.mant;
        let mut exp = a.exp.saturating_add(b.exp);
        loop {
            if let Some(m) = x.checked_mul(y) {
                return Dec {
                    neg: a.neg != b.neg,
                    mant: m,
                    exp,
                };
            }
            // Lose the least significant digit of the larger factor.
            if x >= y {
                x /= 10;
            } else {
                y /= 10;
            }
            exp = exp.saturating_add(1);
        }
    }

    pub fn mul_int(self, m: u128) -> Dec {
        self.mul(Dec::int(m))
    }

    pub fn add(self, o: Dec) -> Dec {
        if o.mant == 0 {
            return self;
        }
        if self.mant == 0 {
            return o;
        }
        let (mut a, mut b) = (self.trim(), o.trim());
        // Bring both to the smaller exponent where that stays exact.
        while a.exp > b.exp {
            match a.mant.checked_mul(10) {
                Some(m) if m <= MANT_MAX => {
                    a.mant = m;
                    a.exp -= 1;
                }
                _ => {
                    b.mant /= 10;
                    b.exp += 1;
                }
            }
        }
        while b.exp > a.exp {
            match b.mant.checked_mul(10) {
                Some(m) if m <= MANT_MAX => {
                    b.mant = m;
                    b.exp -= 1;
                }
                _ => {
                    a.mant /= 10;
                    a.exp += 1;
                }
            }
        }
        if a.neg == b.neg {
            let m = a.mant.saturating_add(b.mant);
            Dec {
                neg: a.neg,
                mant: m,
                exp: a.exp,
            }
        } else if a.mant >= b.mant {
            Dec {
                neg: a.neg,
                mant: a.mant - b.mant,
                exp: a.exp,
            }
        } else {
            Dec {
                neg: b.neg,
                mant: b.mant - a.mant,
                exp: a.exp,
            }
        }
    }

    /// Integer value when the decimal is a whole number that fits.
    pub fn as_int(self) -> Option<u128> {
        let d = self.trim();
        if d.neg || d.exp < 0 || d.exp > 30 {
            return if d.mant == 0 { Some(0) } else { None };
        }
        d.mant.checked_mul(10u128.checked_pow(d.exp as u32)?)
    }

    /// The nearest `f64`, rounded once.
    #[inline]
    pub fn to_f64(self) -> f64 {
        if self.mant == 0 {
            return 0.0;
        }
        // Clinger's fast path, as the standard parser takes it: mantissa and
        // power of ten are both exact doubles, so one multiplication or
        // division rounds once, to the same double the parser returns.
        if self.mant <= 1 << 53 && (-22..=22).contains(&self.exp) {
            // (Below 2^53, so the u64 conversion is exact.)
            let m = self.mant as u64 as f64;
            let p = POW10[self.exp.unsigned_abs() as usize];
            let v = if self.exp >= 0 { m * p } else { m / p };
            return if self.neg { -v } else { v };
        }
        self.to_f64_parsed()
    }

    /// [`Dec::to_f64`] off the fast path (a nonzero mantissa): the decimal
    /// written out and read back by the standard library's parser.
    #[cold]
    #[inline(never)]
    fn to_f64_parsed(self) -> f64 {
        let mut buf = [0u8; 64];
        let mut n = 0;
        if self.neg {
            buf[0] = b'-';
            n = 1;
        }
        let mut digits = [0u8; 40];
        let mut k = 0;
        let mut m = self.mant;
        while m > 0 {
            digits[k] = b'0' + (m % 10) as u8;
            m /= 10;
            k += 1;
        }
        while k > 0 {
            k -= 1;
            buf[n] = digits[k];
            n += 1;
        }
        buf[n] = b'e';
        n += 1;
        let mut e = self.exp.clamp(-9999, 9999);
        if e < 0 {
            buf[n] = b'-';
            n += 1;
            e = -e;
        }
        let mut ed = [0u8; 6];
        let mut k = 0;
        loop {
            ed[k] = b'0' + (e % 10) as u8;
            e /= 10;
            k += 1;
            if e == 0 {
                break;
            }
        }
        while k > 0 {
            k -= 1;
            buf[n] = ed[k];
            n += 1;
        }
        core::str::from_utf8(&buf[..n])
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .unwrap_or(0.0)
    }
}

/// A parsed value: exact, or a float for fractions and powers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Val {
    Exact(Dec),
    /// `num / den`, both exact.
    Ratio(Dec, Dec),
    Float(f64),
}

impl Val {
    #[inline(always)]
    pub fn to_f64(self) -> f64 {
        match self {
            Val::Exact(d) => d.to_f64(),
            _ => self.to_f64_other(),
        }
    }

    /// [`Val::to_f64`] of a ratio or a float (an exact value is the common
    /// case, inlined).
    #[inline(never)]
    fn to_f64_other(self) -> f64 {
        match self {
            Val::Exact(d) => d.to_f64(),
            Val::Ratio(n, d) => {
                let den = d.to_f64();
                if den == 0.0 {
                    0.0
                } else {
                    n.to_f64() / den
                }
            }
            Val::Float(f) => f,
        }
    }

    pub fn mul(self, m: Dec) -> Val {
        match self {
            Val::Exact(d) => Val::Exact(d.mul(m)),
            Val::Ratio(n, d) => Val::Ratio(n.mul(m), d),
            Val::Float(f) => Val::Float(f * m.to_f64()),
        }
    }

    pub fn add(self, o: Val) -> Val {
        match (self, o) {
            (Val::Exact(a), Val::Exact(b)) => Val::Exact(a.add(b)),
            (Val::Exact(a), Val::Ratio(n, d)) | (Val::Ratio(n, d), Val::Exact(a)) => {
                Val::Ratio(a.mul(d).add(n), d)
            }
            (a, b) => Val::Float(a.to_f64() + b.to_f64()),
        }
    }

    pub fn neg(self) -> Val {
        match self {
            Val::Exact(d) => Val::Exact(d.neg()),
            Val::Ratio(n, d) => Val::Ratio(n.neg(), d),
            Val::Float(f) => Val::Float(-f),
        }
    }

    #[inline]
    pub fn is_zero(self) -> bool {
        self.to_f64() == 0.0
    }

    pub fn exact(self) -> Option<Dec> {
        match self {
            Val::Exact(d) => Some(d),
            _ => None,
        }
    }

    /// As a percentage rounded to two decimals (`1/3` is `33.33`), the
    /// convention of the gold.
    pub fn as_percent_2dp(self) -> f64 {
        if let Val::Ratio(n, d) = self {
            if let (Some(n), Some(d)) = (n.as_int(), d.as_int()) {
                if d > 0 && n < u128::MAX / 20_000 {
                    let q = (n * 20_000 / d).div_ceil(2);
                    let neg = self.to_f64() < 0.0;
                    return Dec {
                        neg,
                        mant: q,
                        exp: -2,
                    }
                    .to_f64();
                }
            }
        }
        (self.to_f64() * 10_000.0).round() / 100.0
    }
}

/// One Arabic number as written: `227,000`, `1.7`, `.08`, `1 234 567`,
/// `1e10`, `1.3x10^6`, `2^5`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Arabic {
    pub end: usize,
    pub val: Val,
    /// Digits before the decimal point.
    pub int_digits: u32,
    /// Written with thousands separators.
    pub grouped: bool,
    /// Has a decimal part.
    pub decimal: bool,
    /// Starts with `0` and has more digits (`0033`, `007`).
    pub leading_zero: bool,
}

#[inline]
fn digit_at(b: &[u8], i: usize) -> Option<u8> {
    match b.get(i) {
        Some(&c) if c.is_ascii_digit() => Some(c - b'0'),
        _ => None,
    }
}

fn run_of_digits(b: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    j - i
}

/// Parses the Arabic number starting at `i` (a digit, or a `.` before a
/// digit). Commas group thousands (`1,234,567`, Indian `12,34,567`), a single
/// space or thin space groups only three-digit groups after a group of at most
/// three digits.
#[inline]
pub(crate) fn parse_arabic(b: &[u8], i: usize) -> Option<Arabic> {
    // Most numbers are a plain run of digits that nothing after it extends:
    // read at once, as the general reading below would. A decimal point, a
    // separator or a space group needs a digit after it, an exponent a
    // digit or a sign (`1e10`, `1.3x10^6`, `2^5`).
    let int_len = run_of_digits(b, i);
    let j = i + int_len;
    let extended = match b.get(j) {
        Some(b'.' | b',' | b' ') => digit_at(b, j + 1).is_some(),
        Some(b'e' | b'E') => matches!(b.get(j + 1), Some(b'0'..=b'9' | b'+' | b'-')),
        Some(b'x' | b'X') => b.get(j + 1) == Some(&b'1'),
        Some(b'^') => true,
        _ => false,
    };
    if int_len > 0 && !extended {
        let d = if int_len <= 19 {
            // Below 10^19: a u64 holds it, as `push_digit` would have.
            let mut m = 0u64;
            for &c in &b[i..j] {
                m = m * 10 + (c - b'0') as u64;
            }
            Dec::int(m as u128)
        } else {
            let mut d = Dec::ZERO;
            for &c in &b[i..j] {
                d.push_digit(c - b'0');
            }
            d
        };
        return Some(Arabic {
            end: i + int_len,
            val: Val::Exact(d),
            int_digits: int_len as u32,
            grouped: false,
            decimal: false,
            leading_zero: int_len > 1 && b[i] == b'0',
        });
    }
    if int_len > 0 {
        if let Some(a) = parse_arabic_common(b, i, int_len) {
            return Some(a);
        }
    }
    parse_arabic_general(b, i)
}

/// The common extended forms, read as [`parse_arabic_general`] reads them:
/// thousands groups of three (`1,234,567`), a decimal part (`3.5`,
/// `1,234.56`), at most 19 digits in all. `None` for anything else (a space
/// group, Indian or European grouping, dotted runs, exponents), which the
/// general reading then takes.
#[inline]
fn parse_arabic_common(b: &[u8], i: usize, int_len: usize) -> Option<Arabic> {
    let mut j = i + int_len;
    let mut m = 0u64;
    let mut digits = 0usize;
    let mut push = |c: u8, digits: &mut usize| {
        m = m.wrapping_mul(10).wrapping_add((c - b'0') as u64);
        *digits += 1;
    };
    for &c in &b[i..j] {
        push(c, &mut digits);
    }
    let mut grouped = false;
    if b.get(j) == Some(&b',') {
        if int_len > 3 {
            return None;
        }
        while b.get(j) == Some(&b',') && run_of_digits(b, j + 1) == 3 {
            for &c in &b[j + 1..j + 4] {
                push(c, &mut digits);
            }
            j += 4;
        }
        if j == i + int_len {
            // Indian grouping, or a comma before another run.
            return None;
        }
        grouped = true;
    }
    let int_digits = digits as u32;
    let mut frac = 0usize;
    let decimal = b.get(j) == Some(&b'.') && digit_at(b, j + 1).is_some();
    if decimal {
        let f = run_of_digits(b, j + 1);
        if !grouped
            && (b.get(j + 1 + f) == Some(&b'.')
                || int_len <= 3 && f == 3 && b.get(j + 4) == Some(&b','))
        {
            // Dotted runs (192.168.1.2), European 1.111,11.
            return None;
        }
        for &c in &b[j + 1..j + 1 + f] {
            push(c, &mut digits);
        }
        frac = f;
        j += 1 + f;
    } else if !grouped {
        // A space group, or something else the general reading knows.
        return None;
    }
    if digits > 19 || matches!(b.get(j), Some(b'e' | b'E' | b'x' | b'X' | b'^')) {
        return None;
    }
    Some(Arabic {
        end: j,
        val: Val::Exact(Dec {
            neg: false,
            mant: m as u128,
            exp: -(frac as i32),
        }),
        int_digits,
        grouped,
        decimal,
        leading_zero: int_len > 1 && b[i] == b'0',
    })
}

/// [`parse_arabic`] of every form.
fn parse_arabic_general(b: &[u8], i: usize) -> Option<Arabic> {
    let n = b.len();
    let mut j = i;
    let mut d = Dec::ZERO;
    let int_len = run_of_digits(b, i);
    if int_len == 0 && !(b.get(i) == Some(&b'.') && digit_at(b, i + 1).is_some()) {
        return None;
    }
    let leading_zero = int_len > 1 && b[i] == b'0';
    let mut int_digits = int_len as u32;
    for &c in &b[i..i + int_len] {
        d.push_digit(c - b'0');
    }
    j += int_len;
    let mut grouped = false;
    // Dotted runs like 192.168.1.2 are several numbers: only the first here.
    if int_len > 0 && b.get(j) == Some(&b'.') {
        let f = run_of_digits(b, j + 1);
        if f > 0 && b.get(j + 1 + f) == Some(&b'.') && digit_at(b, j + 2 + f).is_some() {
            // European 1.111,11 (dot groups of three, comma decimals).
            if int_len <= 3 && f == 3 {
                let mut k = j;
                let mut ok = true;
                let mut e = Dec::ZERO;
                for &c in &b[i..i + int_len] {
                    e.push_digit(c - b'0');
                }
                while b.get(k) == Some(&b'.') {
                    if run_of_digits(b, k + 1) != 3 {
                        ok = false;
                        break;
                    }
                    for &c in &b[k + 1..k + 4] {
                        e.push_digit(c - b'0');
                    }
                    k += 4;
                }
                if ok && b.get(k) == Some(&b',') {
                    let r = run_of_digits(b, k + 1);
                    if (1..=2).contains(&r) && digit_at(b, k + 1 + r).is_none() {
                        for &c in &b[k + 1..k + 1 + r] {
                            e.push_frac_digit(c - b'0');
                        }
                        return Some(Arabic {
                            end: k + 1 + r,
                            val: Val::Exact(e),
                            int_digits: (k - i) as u32,
                            grouped: true,
                            decimal: true,
                            leading_zero: false,
                        });
                    }
                }
            }
            return Some(Arabic {
                end: j,
                val: Val::Exact(d),
                int_digits,
                grouped: false,
                decimal: false,
                leading_zero,
            });
        }
    }
    // European 1.111,11: one dot group of three, then decimals after a comma.
    if (1..=3).contains(&int_len)
        && b.get(j) == Some(&b'.')
        && run_of_digits(b, j + 1) == 3
        && b.get(j + 4) == Some(&b',')
    {
        let r = run_of_digits(b, j + 5);
        if (1..=2).contains(&r) {
            let mut e = d;
            for &c in &b[j + 1..j + 4] {
                e.push_digit(c - b'0');
            }
            for &c in &b[j + 5..j + 5 + r] {
                e.push_frac_digit(c - b'0');
            }
            return Some(Arabic {
                end: j + 5 + r,
                val: Val::Exact(e),
                int_digits: int_len as u32 + 3,
                grouped: true,
                decimal: true,
                leading_zero: false,
            });
        }
    }
    if int_len > 0 && int_len <= 3 {
        // Comma groups.
        let mut k = j;
        let mut groups = 0;
        let mut two_groups = 0;
        loop {
            if b.get(k) != Some(&b',') {
                break;
            }
            let r = run_of_digits(b, k + 1);
            if r == 3 {
                groups += 1;
                k += 4;
            } else if r == 2 && groups == 0 && int_len <= 2 {
                // Indian grouping: only if a three-digit group ends it.
                let mut m = k + 3;
                let mut ok = false;
                while b.get(m) == Some(&b',') {
                    let rr = run_of_digits(b, m + 1);
                    if rr == 3 {
                        ok = digit_at(b, m + 4).is_none();
                        break;
                    } else if rr == 2 {
                        m += 3;
                    } else {
                        break;
                    }
                }
                if !ok {
                    break;
                }
                two_groups += 1;
                k += 3;
            } else {
                break;
            }
        }
        if groups > 0 {
            for &c in &b[j..k] {
                if c.is_ascii_digit() {
                    d.push_digit(c - b'0');
                    int_digits += 1;
                }
            }
            j = k;
            grouped = true;
        } else if two_groups == 0 {
            // Space groups: `1 234 567`, only runs of exact three-digit groups.
            let mut k = j;
            let mut sp_groups = 0;
            while b.get(k) == Some(&b' ') && run_of_digits(b, k + 1) == 3 {
                sp_groups += 1;
                k += 4;
            }
            if sp_groups > 0
                && !matches!(b.get(k), Some(c) if c.is_ascii_alphanumeric() || *c == b'/' || *c == b',')
            {
                for &c in &b[j..k] {
                    if c.is_ascii_digit() {
                        d.push_digit(c - b'0');
                        int_digits += 1;
                    }
                }
                j = k;
                grouped = true;
            }
        }
    }
    let mut decimal = false;
    if b.get(j) == Some(&b'.') && digit_at(b, j + 1).is_some() {
        j += 1;
        while j < n && b[j].is_ascii_digit() {
            d.push_frac_digit(b[j] - b'0');
            j += 1;
        }
        decimal = true;
    }
    let mut val = Val::Exact(d);
    // Exponents: 1e10, 12.32e+14, 1.3x10^6, 2^5.
    if matches!(b.get(j), Some(b'e') | Some(b'E')) {
        let mut k = j + 1;
        let mut neg = false;
        if matches!(b.get(k), Some(b'+') | Some(b'-')) {
            neg = b[k] == b'-';
            k += 1;
        }
        let r = run_of_digits(b, k);
        if r > 0 && r <= 4 && !matches!(b.get(k + r), Some(c) if c.is_ascii_alphabetic()) {
            let mut e: i32 = 0;
            for &c in &b[k..k + r] {
                e = e * 10 + (c - b'0') as i32;
            }
            val = Val::Exact(d.shift(if neg { -e } else { e }));
            j = k + r;
        }
    } else if matches!(b.get(j), Some(b'x') | Some(b'X'))
        && b.get(j + 1) == Some(&b'1')
        && b.get(j + 2) == Some(&b'0')
        && b.get(j + 3) == Some(&b'^')
    {
        let mut k = j + 4;
        let mut neg = false;
        while matches!(b.get(k), Some(b'+') | Some(b'-')) {
            neg ^= b[k] == b'-';
            k += 1;
        }
        let r = run_of_digits(b, k);
        if r > 0 && r <= 4 {
            let mut e: i32 = 0;
            for &c in &b[k..k + r] {
                e = e * 10 + (c - b'0') as i32;
            }
            val = Val::Exact(d.shift(if neg { -e } else { e }));
            j = k + r;
        }
    } else if b.get(j) == Some(&b'^') {
        let mut k = j + 1;
        let mut neg = false;
        while matches!(b.get(k), Some(b'+') | Some(b'-')) {
            neg ^= b[k] == b'-';
            k += 1;
        }
        let r = run_of_digits(b, k);
        if r > 0 && r <= 3 {
            let mut e: i32 = 0;
            for &c in &b[k..k + r] {
                e = e * 10 + (c - b'0') as i32;
            }
            let base = d.to_f64();
            let p = base.powi(if neg { -e } else { e });
            val = match d.as_int() {
                Some(x) if !neg => match x.checked_pow(e as u32) {
                    Some(v) => Val::Exact(Dec::int(v)),
                    None => Val::Float(p),
                },
                _ => Val::Float(p),
            };
            j = k + r;
        }
    }
    Some(Arabic {
        end: j,
        val,
        int_digits,
        grouped,
        decimal,
        leading_zero,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> (f64, usize) {
        let a = parse_arabic(s.as_bytes(), 0).unwrap();
        (a.val.to_f64(), a.end)
    }

    #[test]
    fn exact_values() {
        assert_eq!(Dec::int(12).shift(7).to_f64(), 120_000_000.0);
        let d = Dec {
            neg: false,
            mant: 3,
            exp: -1,
        }
        .mul(Dec::pow10(9));
        assert_eq!(d.to_f64(), 300_000_000.0);
        let d = Dec {
            neg: false,
            mant: 11845,
            exp: -2,
        }
        .mul(Dec::pow10(4));
        assert_eq!(d.to_f64(), 1_184_500.0);
        assert_eq!(
            Dec::int(5)
                .add(Dec {
                    neg: true,
                    mant: 7,
                    exp: 0
                })
                .to_f64(),
            -2.0
        );
    }

    #[test]
    fn arabic_forms() {
        assert_eq!(v("227,000 t"), (227000.0, 7));
        assert_eq!(v("1.7bn"), (1.7, 3));
        assert_eq!(v(".08"), (0.08, 3));
        assert_eq!(v("1 234 567"), (1234567.0, 9));
        assert_eq!(v("12,34,567.89"), (1234567.89, 12));
        assert_eq!(v("22,24,26"), (22.0, 2));
        assert_eq!(v("192.168.1.2"), (192.0, 3));
        assert_eq!(v("1.111,11"), (1111.11, 8));
        assert_eq!(v("1e10"), (1e10, 4));
        assert_eq!(v("1.3x10^6"), (1.3e6, 8));
        assert_eq!(v("2^5"), (32.0, 3));
        assert_eq!(v("423 0000"), (423.0, 3));
    }

    #[test]
    fn fast_path_rounds_as_the_parser() {
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for k in 0..200_000u32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mant = match k % 4 {
                0 => (x % 1000) as u128,
                1 => (x % 100_000_000) as u128,
                2 => (x >> 10) as u128,
                _ => (1u128 << 53) - (x % 3) as u128,
            };
            let exp = ((x >> 40) % 60) as i32 - 30;
            let d = Dec {
                neg: k % 3 == 0,
                mant,
                exp,
            };
            let want: f64 = format!("{}{mant}e{exp}", if d.neg { "-" } else { "" })
                .parse()
                .unwrap();
            let want = if mant == 0 { 0.0 } else { want };
            assert_eq!(d.to_f64().to_bits(), want.to_bits(), "{d:?}");
        }
    }

    /// The fast paths of `parse_arabic` (plain digits, groups and decimals)
    /// read as the general reading does.
    #[test]
    fn fast_path_agrees_with_the_general_reading() {
        let alphabet = b"0123456789000., ,eExX^+-/a1\xe4.. ,,  999999999,123,456.78";
        let mut x: u64 = 0x0DDB_1A5E_5BAD_5EED;
        for _ in 0..200_000 {
            let mut t = Vec::new();
            for _ in 0..(x % 48) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                t.push(alphabet[(x % alphabet.len() as u64) as usize]);
            }
            fast_path_agrees(&t);
        }
    }

    /// `parse_arabic` reads what `parse_arabic_general` reads at every
    /// offset of `t`.
    fn fast_path_agrees(t: &[u8]) {
        for i in 0..t.len() {
            let (a, g) = (parse_arabic(t, i), parse_arabic_general(t, i));
            assert_eq!(a.is_some(), g.is_some(), "{t:?} {i}");
            if let (Some(a), Some(g)) = (a, g) {
                let fields = |n: &Arabic| {
                    (
                        n.end,
                        n.val,
                        n.int_digits,
                        n.grouped,
                        n.decimal,
                        n.leading_zero,
                    )
                };
                assert_eq!(fields(&a), fields(&g), "{t:?} {i}");
            }
        }
    }

    #[test]
    fn common_forms_agree_with_the_general_reading() {
        for t in [
            "1,234",
            "1,234.5",
            "12,345,678.901x",
            "1.5",
            "0.25%",
            "3.5 billion",
            "1,23,456",
            "1.111,11",
            "1.111,1x",
            "192.168.1.2",
            "1.2.",
            "1.5e3",
            "1,234e",
            "1.5^2",
            "2.5x10^3",
            "1234,567",
            "1 234 567",
            "12.345,",
            "1,234,5",
            "1,234, 5",
            "0.0",
            "00.5",
            "007,000",
            "1,234.",
            "1,234.5.6",
            "9999999999.999999999",
            "99999999999.999999999",
            "1,234,567,890,123,456,789",
            "1,234,567,890,123,456.7",
        ] {
            fast_path_agrees(t.as_bytes());
        }
        assert!(parse_arabic_common(b"1,234.5", 0, 1).is_some());
        assert!(parse_arabic_common(b"3.5 t", 0, 1).is_some());
    }

    /// What `Scanner::parse_num` relies on to look for the fraction of a
    /// mixed number (`1 4/5`) only at a digit: anywhere else there is no
    /// number, or a decimal one.
    #[test]
    fn only_a_digit_starts_a_whole_number() {
        let alphabet = b"0123456789., eE-/a\xe4";
        let mut x: u64 = 0x5EED_0FF0_0D5E_ED01;
        for _ in 0..50_000 {
            let mut t = Vec::new();
            for _ in 0..(x % 12) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                t.push(alphabet[(x % alphabet.len() as u64) as usize]);
            }
            for i in 0..t.len() {
                if !t[i].is_ascii_digit() {
                    assert!(parse_arabic(&t, i).is_none_or(|a| a.decimal), "{t:?} {i}");
                }
            }
        }
    }

    #[test]
    fn huge_runs_do_not_panic() {
        let s = "9".repeat(400);
        let a = parse_arabic(s.as_bytes(), 0).unwrap();
        assert_eq!(a.end, 400);
        assert!(a.val.to_f64() > 1e300 || a.val.to_f64().is_infinite());
    }
}
