//! Small, fixed hash functions: the output of this crate (sketches, band
//! keys, fact ids) must be identical on every platform, run and version of
//! the standard library, so it uses no `std` hasher.

/// FNV-1a offset basis.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a prime.
pub(crate) const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// One FNV-1a step.
#[inline]
pub(crate) fn fnv_byte(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
}

/// FNV-1a over bytes, from a given state.
#[inline]
pub(crate) fn fnv_bytes(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = fnv_byte(h, b);
    }
    h
}

/// The SplitMix64 finaliser: a bijective mix with good avalanche.
#[inline]
pub(crate) fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A streaming hasher of fields, with a separator after each so that
/// `("ab", "c")` and `("a", "bc")` differ.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FieldHasher(u64);

impl FieldHasher {
    pub(crate) fn new() -> Self {
        FieldHasher(FNV_OFFSET)
    }
    pub(crate) fn str(mut self, s: &str) -> Self {
        self.0 = fnv_byte(fnv_bytes(self.0, s.as_bytes()), 0xff);
        self
    }
    pub(crate) fn opt(self, s: Option<&str>) -> Self {
        match s {
            Some(s) => self.str("\u{1}").str(s),
            None => self.str("\u{0}"),
        }
    }
    pub(crate) fn u64(mut self, v: u64) -> Self {
        self.0 = fnv_byte(fnv_bytes(self.0, &v.to_le_bytes()), 0xff);
        self
    }
    pub(crate) fn finish(self) -> u64 {
        mix64(self.0)
    }
}
