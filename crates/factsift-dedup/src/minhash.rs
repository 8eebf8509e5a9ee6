//! Per-document sketches: normalised words, word shingles, one-permutation
//! MinHash with optimal densification, and LSH band keys.

use crate::BuildError;
use crate::hash::{FNV_OFFSET, FieldHasher, fnv_byte, mix64};
use factsift_core::chars::is_alphanumeric;
use serde::{Deserialize, Serialize};

/// Default shingle size in words (see the crate docs for the measurement).
pub const DEFAULT_SHINGLE: usize = 5;
/// Default number of MinHash values per document.
pub const DEFAULT_PERMUTATIONS: usize = 126;
/// Default number of LSH bands (`rows = permutations / bands`).
pub const DEFAULT_BANDS: usize = 42;
/// Default Jaccard threshold: pairs whose estimated Jaccard similarity of
/// word 5-shingles is at least this are near-duplicates (see the crate
/// docs for the measurement).
pub const DEFAULT_THRESHOLD: f64 = 0.45;
/// Largest shingle size accepted.
pub const MAX_SHINGLE: usize = 16;

/// The fingerprint of one document: all the deduplicator keeps of it.
///
/// A sketch is a pure function of the text and the [`Deduper`]'s settings,
/// so sketches made on different machines or shards can be clustered
/// together (see [`crate::DedupIndex::add`]). It serialises to JSON for the
/// shard mode.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Sketch {
    /// The document id.
    pub id: String,
    /// Number of normalised words; the canonical member of a cluster is the
    /// one with the most words.
    pub words: usize,
    /// Hash of the normalised word sequence (lowercased alphanumeric words
    /// joined by one space): equal for exact duplicates up to case,
    /// punctuation and whitespace.
    pub exact: u64,
    /// One-permutation MinHash values, densified; empty for a text with no
    /// word.
    pub minhash: Vec<u32>,
}

impl Sketch {
    /// Estimated Jaccard similarity of two sketches' shingle sets: the share
    /// of equal MinHash values. Sketches of texts without words are
    /// similar (1.0) only to each other; sketches of different lengths are
    /// not comparable (0.0).
    ///
    /// ```
    /// let d = factsift_dedup::Deduper::new();
    /// let a = d.sketch("a", "the quick brown fox jumps over the lazy dog");
    /// assert_eq!(a.similarity(&a), 1.0);
    /// ```
    pub fn similarity(&self, other: &Sketch) -> f64 {
        share_equal(&self.minhash, &other.minhash)
    }
}

/// The share of equal values at equal positions of two MinHash signatures:
/// 1.0 for two empty ones (texts without words), 0.0 when only one is empty
/// or the lengths differ (not comparable).
pub(crate) fn share_equal<T: PartialEq>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return if a.is_empty() && b.is_empty() {
            1.0
        } else {
            0.0
        };
    }
    if a.len() != b.len() {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len() as f64
}

/// The bits of a MinHash value that [`crate::DedupIndex`] keeps and LSH
/// band keys hash: the low 16, which halves the index's memory; two
/// different values agree on them by chance once in 65,536.
pub(crate) fn kept_bits(value: u32) -> u16 {
    value as u16
}

/// Streaming state of one sketch: word hashes in a ring, MinHash bins.
struct Shingler {
    k: usize,
    p: u64,
    seed: u64,
    bins: Vec<u32>,
    filled: Vec<bool>,
    ring: [u64; MAX_SHINGLE],
    nwords: usize,
    exact: u64,
    roll: u64,
    roll_k: u64,
}

impl Shingler {
    /// Adds one word hash; once `k` words are in, each word completes a
    /// shingle, hashed with a rolling polynomial over the last `k` word
    /// hashes (one multiply per word, one mix per shingle).
    #[inline]
    fn word(&mut self, word: u64) {
        let out = if self.nwords >= self.k {
            self.ring[(self.nwords - self.k) % MAX_SHINGLE]
        } else {
            0
        };
        self.ring[self.nwords % MAX_SHINGLE] = word;
        self.exact = mix64(self.exact ^ word);
        self.roll = self
            .roll
            .wrapping_mul(ROLL)
            .wrapping_add(word)
            .wrapping_sub(out.wrapping_mul(self.roll_k));
        self.nwords += 1;
        if self.nwords >= self.k {
            let h = mix64(self.roll ^ self.seed);
            let bin = (((h >> 32) * self.p) >> 32) as usize;
            self.bins[bin] = self.bins[bin].min(h as u32);
            self.filled[bin] = true;
        }
    }
}

/// For each ASCII byte: its lowercase form if it is a letter or digit, else 0.
static ASCII_WORD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// Multiplier of the rolling shingle hash (odd).
const ROLL: u64 = 0x9e37_79b9_7f4a_7c15;

/// Makes [`Sketch`]es and holds the LSH settings: `Send + Sync`, built once,
/// then [`Deduper::sketch`] per document from any thread.
///
/// ```
/// use factsift_dedup::Deduper;
/// let d = Deduper::builder().shingle(5).permutations(126).bands(42).threshold(0.45).build()?;
/// let text = "Xiaomi shipped 23.16 million smartphones in the second quarter, \
///             up 70 percent from the first quarter, the company said on Monday.";
/// let a = d.sketch("a", text);
/// let b = d.sketch("b", &format!("Home | News | Tech\n{text}\nShare this article"));
/// assert!(a.similarity(&b) >= 0.45);
/// assert_eq!(d.band_keys(&a).len(), 42);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Deduper {
    shingle: usize,
    permutations: usize,
    bands: usize,
    threshold: f64,
    seed: u64,
}

/// Settings of a [`Deduper`]; [`DeduperBuilder::build`] checks them.
#[derive(Clone, Debug)]
pub struct DeduperBuilder {
    shingle: usize,
    permutations: usize,
    bands: usize,
    threshold: f64,
    seed: u64,
}

impl Default for DeduperBuilder {
    fn default() -> Self {
        DeduperBuilder {
            shingle: DEFAULT_SHINGLE,
            permutations: DEFAULT_PERMUTATIONS,
            bands: DEFAULT_BANDS,
            threshold: DEFAULT_THRESHOLD,
            seed: 0x5eed_fac7_5167_0001,
        }
    }
}

impl DeduperBuilder {
    /// Shingle size in words (1..=16).
    pub fn shingle(mut self, words: usize) -> Self {
        self.shingle = words;
        self
    }
    /// Number of MinHash values (bins) per document (8..=4096).
    pub fn permutations(mut self, n: usize) -> Self {
        self.permutations = n;
        self
    }
    /// Number of LSH bands; must divide the number of permutations.
    pub fn bands(mut self, n: usize) -> Self {
        self.bands = n;
        self
    }
    /// Estimated Jaccard similarity at or above which two documents are
    /// near-duplicates, in `(0, 1]`.
    pub fn threshold(mut self, t: f64) -> Self {
        self.threshold = t;
        self
    }
    /// Hash seed: sketches are comparable only under the same seed and settings.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Checks the settings.
    ///
    /// # Errors
    /// [`BuildError`] naming the bad setting.
    ///
    /// ```
    /// use factsift_dedup::Deduper;
    /// assert!(Deduper::builder().bands(5).build().is_err()); // 126 % 5 != 0
    /// assert!(Deduper::builder().threshold(0.0).build().is_err());
    /// ```
    pub fn build(self) -> Result<Deduper, BuildError> {
        if !(1..=MAX_SHINGLE).contains(&self.shingle) {
            return Err(BuildError::Shingle(self.shingle));
        }
        if !(8..=4096).contains(&self.permutations) {
            return Err(BuildError::Permutations(self.permutations));
        }
        if self.bands == 0 || self.permutations % self.bands != 0 {
            return Err(BuildError::Bands {
                bands: self.bands,
                permutations: self.permutations,
            });
        }
        if !(self.threshold > 0.0 && self.threshold <= 1.0) {
            return Err(BuildError::Threshold(self.threshold));
        }
        Ok(Deduper {
            shingle: self.shingle,
            permutations: self.permutations,
            bands: self.bands,
            threshold: self.threshold,
            seed: self.seed,
        })
    }
}

impl Default for Deduper {
    fn default() -> Self {
        Deduper::new()
    }
}

impl Deduper {
    /// A deduplicator with the default settings.
    pub fn new() -> Deduper {
        let b = DeduperBuilder::default();
        Deduper {
            shingle: b.shingle,
            permutations: b.permutations,
            bands: b.bands,
            threshold: b.threshold,
            seed: b.seed,
        }
    }

    /// A builder to change the settings.
    pub fn builder() -> DeduperBuilder {
        DeduperBuilder::default()
    }

    /// The Jaccard threshold.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// The number of LSH bands.
    pub fn bands(&self) -> usize {
        self.bands
    }

    /// The shingle size in words.
    pub fn shingle(&self) -> usize {
        self.shingle
    }

    /// The number of MinHash values per sketch.
    pub fn permutations(&self) -> usize {
        self.permutations
    }

    /// Sketches one document's text (normally its boilerplate-stripped
    /// text). Words are maximal runs of alphanumeric characters, lowercased;
    /// shingles are `shingle` consecutive words (a text with fewer words is
    /// one shingle). Allocates only the sketch itself.
    pub fn sketch(&self, id: &str, text: &str) -> Sketch {
        let mut st = Shingler {
            k: self.shingle,
            p: self.permutations as u64,
            seed: self.seed,
            bins: vec![u32::MAX; self.permutations],
            filled: vec![false; self.permutations],
            ring: [0; MAX_SHINGLE],
            nwords: 0,
            exact: FNV_OFFSET,
            roll: 0,
            roll_k: ROLL.wrapping_pow(self.shingle as u32),
        };
        let mut word = FNV_OFFSET;
        let mut in_word = false;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                // ASCII fast path: one table look-up per byte.
                i += 1;
                let l = ASCII_WORD[b as usize];
                if l != 0 {
                    word = fnv_byte(word, l);
                    in_word = true;
                    continue;
                }
            } else {
                let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
                    break;
                };
                i += c.len_utf8();
                if is_alphanumeric(c) {
                    for l in c.to_lowercase() {
                        let mut buf = [0u8; 4];
                        for &b in l.encode_utf8(&mut buf).as_bytes() {
                            word = fnv_byte(word, b);
                        }
                    }
                    in_word = true;
                    continue;
                }
            }
            if in_word {
                st.word(word);
                word = FNV_OFFSET;
                in_word = false;
            }
        }
        if in_word {
            st.word(word);
        }
        let Shingler {
            k,
            p,
            seed,
            mut bins,
            mut filled,
            nwords,
            exact,
            roll,
            ..
        } = st;
        if nwords == 0 {
            return Sketch {
                id: id.to_string(),
                words: 0,
                exact: mix64(exact),
                minhash: Vec::new(),
            };
        }
        if nwords < k {
            // A short text is one shingle of all its words.
            let h = mix64(roll ^ seed);
            let bin = (((h >> 32) * p) >> 32) as usize;
            bins[bin] = h as u32;
            filled[bin] = true;
        }
        let p = p as usize;
        // Optimal densification (Shrivastava 2017): an empty bin copies the
        // value of a non-empty bin chosen by a hash of (bin, attempt), the
        // same choice for every document, which keeps P(equal) = Jaccard.
        // Copying only from filled bins, which never change, so in place.
        for i in 0..p {
            if filled[i] {
                continue;
            }
            let mut attempt = 0u64;
            loop {
                let j = (mix64(seed ^ ((i as u64) << 32) ^ attempt) % p as u64) as usize;
                if filled[j] {
                    bins[i] = bins[j];
                    break;
                }
                attempt += 1;
                if attempt > 64 * p as u64 {
                    // Unreachable in practice (some bin is filled); stay total.
                    if let Some(j) = filled.iter().position(|f| *f) {
                        bins[i] = bins[j];
                    }
                    break;
                }
            }
        }
        Sketch {
            id: id.to_string(),
            words: nwords,
            exact: mix64(exact),
            minhash: bins,
        }
    }

    /// The LSH band keys of a sketch: one 64-bit key per band, mixing the
    /// band's index and the kept 16 bits of its rows. Two documents are
    /// candidate near-duplicates when they share a key. A shard mapper can
    /// emit these keys so that a reducer finds duplicates across shards; a
    /// sketch of a text without words has no band key.
    pub fn band_keys(&self, sketch: &Sketch) -> Vec<u64> {
        let values: Vec<u16> = sketch.minhash.iter().map(|&v| kept_bits(v)).collect();
        (0..self.band_count(values.len()))
            .filter_map(|band| self.band_key(&values, band))
            .collect()
    }

    /// How many band keys a signature of `len` values has (0 for a text
    /// without words).
    pub(crate) fn band_count(&self, len: usize) -> usize {
        len.div_ceil(self.rows(len))
    }

    /// The key of one band of a signature's kept bits (see
    /// [`Deduper::band_keys`]), if it has that band.
    pub(crate) fn band_key(&self, values: &[u16], band: usize) -> Option<u64> {
        let chunk = values.chunks(self.rows(values.len())).nth(band)?;
        let mut h = FieldHasher::new().u64(band as u64);
        for &v in chunk {
            h = h.u64(u64::from(v));
        }
        Some(h.finish())
    }

    fn rows(&self, len: usize) -> usize {
        (len / self.bands.max(1)).max(1)
    }
}
