//! Eight bytes at a time in a `u64` (SWAR): the masks and byte-range test
//! that the byte-level fast paths of `classify`, `segment`, `normalize` and
//! `figure` share.

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

/// Bit `k` set when the high bit of byte `k` of `m` (only high bits set) is:
/// byte `k` shifted to 0 or 1 lands on bit `56 + k` of the product, and no
/// two partial products meet, so nothing carries.
#[inline(always)]
pub(crate) fn gather(m: u64) -> u32 {
    ((m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32
}
