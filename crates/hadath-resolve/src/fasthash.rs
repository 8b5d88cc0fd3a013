//! A small, fast, non-cryptographic hash for the resolver's lookup sets of short word keys.
//!
//! The standard library's SipHash resists hash flooding, which these tables (built from the
//! committed gazetteer and actor dictionary, queried with words of a document) do not need;
//! a multiply–rotate hash over eight bytes at a time is several times cheaper on short keys.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Multiply–rotate hasher over 8-byte chunks.
#[derive(Debug, Default, Clone, Copy)]
pub struct WordHasher(u64);

impl WordHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
        self.add(bytes.len() as u64);
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        // Mix the high bits down: hashbrown takes control bits from the top, buckets from the
        // bottom.
        self.0 ^ (self.0 >> 29)
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<WordHasher>>;

/// A bit filter over words (a blocked Bloom filter: two bits in one 64-bit block per word):
/// `false` means the word is surely not in the set it was built from, `true` means look it
/// up. About 32 bits a word keep false positives near 0.5% and the bits in cache, in front of
/// a larger table.
#[derive(Debug, Clone, Default)]
pub struct WordFilter {
    blocks: Vec<u64>,
}

impl WordFilter {
    /// A filter for about `expected` words.
    pub fn with_capacity(expected: usize) -> WordFilter {
        let n = (expected.max(64) / 2).next_power_of_two();
        WordFilter { blocks: vec![0; n] }
    }

    #[inline]
    fn slot(&self, word: &str) -> (usize, u64) {
        let mut h = WordHasher::default();
        h.write(word.as_bytes());
        let x = h.finish().wrapping_mul(K);
        let block = (x >> 40) as usize & (self.blocks.len() - 1);
        let mask = (1u64 << (x & 63)) | (1u64 << ((x >> 6) & 63));
        (block, mask)
    }

    pub fn insert(&mut self, word: &str) {
        let (i, m) = self.slot(word);
        self.blocks[i] |= m;
    }

    #[inline]
    pub fn may_contain(&self, word: &str) -> bool {
        if self.blocks.is_empty() {
            return false;
        }
        let (i, m) = self.slot(word);
        self.blocks[i] & m == m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_find_what_they_hold() {
        let mut set: FastSet<String> = FastSet::default();
        for w in ["", "ا", "الرياض", "دمشق", "abcdefgh", "abcdefghi"] {
            set.insert(w.to_string());
        }
        assert!(set.contains("الرياض") && set.contains("abcdefgh") && set.contains(""));
        assert!(!set.contains("الرياص") && !set.contains("abcdefg"));
        let mut filter = WordFilter::with_capacity(set.len());
        for w in &set {
            filter.insert(w);
        }
        assert!(set.iter().all(|w| filter.may_contain(w)));
    }
}
