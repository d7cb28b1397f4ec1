//! Eight bytes at a time in a `u64` (SWAR): the masks, byte-range and
//! byte-equality tests that the byte-level fast paths of `classify`,
//! `segment`, `normalize`, `figure`, the matcher's search and the JSON
//! writer share.

/// One in every byte.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of every byte.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `w` (all below 0x80) set when the byte is
/// at least `lo` (no sum passes 0xFF, so nothing carries).
#[inline(always)]
pub(crate) fn at_least(w: u64, lo: u8) -> u64 {
    w.wrapping_add(ONES * u64::from(0x80 - lo)) & HIGH
}

/// The high bit of each byte of `w` (all below 0x80) set when the byte is
/// in `lo..=hi` (`hi` below 0x7F).
#[inline(always)]
pub(crate) fn in_range(w: u64, lo: u8, hi: u8) -> u64 {
    at_least(w, lo) & !at_least(w, hi + 1)
}

/// The high bit of each byte of `w` that equals `c`, exact up to the lowest
/// one (a borrow out of a matching byte may flag the bytes above it), so
/// exact as a test for any and for the first. Any byte values.
#[inline(always)]
pub(crate) fn eq_byte(w: u64, c: u8) -> u64 {
    let x = w ^ (ONES * u64::from(c));
    x.wrapping_sub(ONES) & !x & HIGH
}

/// The high bit of each byte of `w` below `n` (`n` at most 0x80), exact up
/// to the lowest one, as [`eq_byte`]. Any byte values.
#[inline(always)]
pub(crate) fn below(w: u64, n: u8) -> u64 {
    w.wrapping_sub(ONES * u64::from(n)) & !w & HIGH
}

/// Bit `k` set when the high bit of byte `k` of `m` (only high bits set) is:
/// byte `k` shifted to 0 or 1 lands on bit `56 + k` of the product, and no
/// two partial products meet, so nothing carries.
#[inline(always)]
pub(crate) fn gather(m: u64) -> u32 {
    ((m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lowest flagged byte of `eq_byte` and `below`, against a byte loop.
    #[test]
    fn first_match_is_the_plain_one() {
        let fills = [0x00, 0x1F, 0x20, 0x21, 0x22, 0x5C, 0x7F, 0x80, 0xE5, 0xFF];
        for &fill in &fills {
            for at in 0..8 {
                for &b in &fills {
                    let mut bytes = [fill; 8];
                    bytes[at] = b;
                    let w = u64::from_le_bytes(bytes);
                    let first = |m: u64| (m != 0).then(|| m.trailing_zeros() as usize / 8);
                    for c in [b' ', b'"', b'\\'] {
                        assert_eq!(first(eq_byte(w, c)), bytes.iter().position(|&x| x == c));
                    }
                    assert_eq!(first(below(w, 0x20)), bytes.iter().position(|&x| x < 0x20));
                }
            }
        }
    }
}
