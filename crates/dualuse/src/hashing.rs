//! FNV-1a hashing and a bit filter over its hashes: the cheap set tests
//! that let the typo and skeleton passes skip most words before any real
//! look-up.

use std::hash::Hasher;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a of a sequence of values (characters, bytes): cheap, and no
/// string is built to hash.
pub(crate) fn fnv1a(values: impl IntoIterator<Item = u64>) -> u64 {
    values
        .into_iter()
        .fold(FNV_OFFSET, |h, v| (h ^ v).wrapping_mul(FNV_PRIME))
}

/// FNV-1a as a `Hasher`, for maps with short keys, where SipHash (the
/// default) costs more than the look-up it serves.
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(FNV_OFFSET)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = bytes
            .iter()
            .fold(self.0, |h, &b| (h ^ b as u64).wrapping_mul(FNV_PRIME));
    }
}

/// A set of hashes that may answer "maybe" for a hash never inserted
/// (two hashes sharing a bit), never "no" for one that was: a filter in
/// front of an exact test.
#[derive(Debug)]
pub(crate) struct BitFilter {
    bits: Vec<u64>,
}

impl BitFilter {
    /// A filter of `bits` bits (a multiple of 64).
    pub(crate) fn new(bits: usize) -> BitFilter {
        BitFilter {
            bits: vec![0; bits / 64],
        }
    }

    pub(crate) fn insert(&mut self, hash: u64) {
        let (word, bit) = self.place(hash);
        self.bits[word] |= 1 << bit;
    }

    pub(crate) fn may_contain(&self, hash: u64) -> bool {
        let (word, bit) = self.place(hash);
        self.bits[word] & (1 << bit) != 0
    }

    fn place(&self, hash: u64) -> (usize, u64) {
        let bit = hash % (self.bits.len() as u64 * 64);
        ((bit / 64) as usize, bit % 64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::Hash;

    #[test]
    fn filter_never_forgets() {
        let mut f = BitFilter::new(1 << 10);
        let hashes: Vec<u64> =
            (0..200u64).map(|i| fnv1a([i, i * 7])).collect();
        for &h in &hashes {
            f.insert(h);
        }
        assert!(hashes.iter().all(|&h| f.may_contain(h)));
        assert!(!BitFilter::new(64).may_contain(fnv1a([1])));
    }

    #[test]
    fn hasher_is_fnv1a_of_the_bytes() {
        let mut h = Fnv::default();
        h.write(b"abc");
        assert_eq!(h.finish(), fnv1a(b"abc".iter().map(|&b| b as u64)));
        // As a map's hasher: the same key, the same hash.
        let (mut a, mut b) = (Fnv::default(), Fnv::default());
        "steel".hash(&mut a);
        "steel".hash(&mut b);
        assert_eq!(a.finish(), b.finish());
    }
}
