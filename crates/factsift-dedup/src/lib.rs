//! # Overview
//!
//! Deduplication for factsift, in two parts.
//!
//! **Near-duplicate documents.** A [`Deduper`] turns a document's
//! (boilerplate-stripped) text into a [`Sketch`]: the hash of its normalised
//! word sequence (exact duplicates) and a MinHash signature of its word
//! shingles. A [`DedupIndex`] collects sketches and, with LSH banding,
//! clusters them into [`Clusters`]: each document gets a cluster id, its
//! canonical representative and its similarity to it (the `factsift dedup`
//! lines, see [`Assignment`]). Only the sketch is kept per document. Sketches
//! and band keys ([`Deduper::band_keys`]) are plain data, so shards can
//! sketch their documents and one reducer can cluster them all.
//!
//! **Canonical facts.** A [`Merger`] merges fact mentions into canonical
//! facts: equal match keys (subject, metric, unit, period, per, scope,
//! modality) and values within the contract's tolerance become one fact
//! with every source and a `support` count of distinct dedup clusters; the
//! same key with values further apart gives separate facts linked in
//! `conflicts`; different bounds of one value merge to the most specific,
//! the others listed in `also_bounds`. The merge is associative,
//! commutative and idempotent, so `factsift merge` can reduce shard outputs
//! in any order and grouping.
//!
//! # Example
//!
//! ```
//! use factsift_dedup::{Deduper, DedupIndex, Merger, MergedFact};
//! let d = Deduper::builder().threshold(0.45).build()?;
//! let story = "Xiaomi shipped 23.16 million smartphones in the second quarter of 2017, \
//!     up 70 percent from the first quarter, the company said in a statement on Monday.";
//! let mut index = DedupIndex::new(&d);
//! index.add(d.sketch("site-a", story));
//! index.add(d.sketch("site-b", &format!("Menu Home Tech\n{story}\nRelated stories")));
//! let clusters = index.finish();
//! assert_eq!(clusters.get("site-a").unwrap().cluster, clusters.get("site-b").unwrap().cluster);
//!
//! // Both pages state the fact: one canonical fact, two sources, support 1.
//! let mention = |doc: &str| -> MergedFact {
//!     let f: factsift_core::Fact = serde_json::from_value(serde_json::json!({
//!         "subject": "Xiaomi", "metric": "shipments", "value": 23160000, "unit": "count",
//!         "period": "2017-Q2", "sources": [{"doc": doc, "start": 0, "end": 90, "text": story}]
//!     })).unwrap();
//!     f.into()
//! };
//! let merger = Merger::new().with_dedup(clusters);
//! let facts = merger.merge(vec![mention("site-a"), mention("site-b")]);
//! assert_eq!(facts.len(), 1);
//! assert_eq!((facts[0].sources.len(), facts[0].support), (2, Some(1)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Near-duplicate detection: the algorithm and its defaults
//!
//! - **Words**: maximal runs of alphanumeric characters, lowercased, each
//!   hashed with FNV-1a. Punctuation, case and whitespace never matter.
//! - **Shingles**: 5 consecutive words ([`DEFAULT_SHINGLE`]).
//! - **MinHash**: one-permutation hashing into 126 bins
//!   ([`DEFAULT_PERMUTATIONS`]) with optimal densification (Shrivastava,
//!   2017): one 64-bit hash per shingle instead of one per permutation,
//!   so sketching costs about as much as reading the text.
//! - **LSH**: 42 bands of 3 rows ([`DEFAULT_BANDS`]): a pair with Jaccard
//!   0.45 becomes a candidate with probability 1 - (1 - 0.45^3)^42 = 0.98,
//!   one with 0.3 with 0.68 (then rejected by verification), one with 0.01
//!   with 4e-5. Candidates are verified by their estimated similarity; a
//!   document compares with at most [`MAX_BUCKET_COMPARISONS`] others per
//!   bucket.
//! - **Threshold**: estimated Jaccard similarity of word 5-shingles
//!   `>= 0.45` ([`DEFAULT_THRESHOLD`]).
//! - **Clusters** are connected components of verified pairs (exact
//!   duplicates included); the cluster id is the smallest member id and the
//!   canonical member the one with the most words (the fullest copy),
//!   ties to the smallest id. Both are functions of the set of documents,
//!   not of the order they were added in.
//!
//! # Measurements behind the defaults
//!
//! On the benchmark of `scripts/dedup_make_bench.py` (406 real pages: the
//! BBC business set with its 5 byte-identical and 3 near-identical pairs,
//! and the seeds; plus 264 copies with changed chrome, swapped or dropped
//! paragraphs, 1-4% typos, truncation to 55-90%, and combinations; hard
//! negatives are 30 pairs of distinct BBC articles on one subject, with word
//! overlap >= 0.3, and the seeds' write-ups of one event), pair F1 over all
//! 223,446 document pairs, raw text with chrome (no stripping), from
//! `cargo run --release -p factsift-dedup --example dedup_eval -- DIR
//! --shingle K --perms P --bands B --threshold T` (`--sweep` for a grid):
//!
//! | shingle | perms × bands | threshold | precision | recall | F1 |
//! |---|---|---|---|---|---|
//! | 5 | 126 × 42 | 0.40 | 1.000 | 0.995 | 0.998 |
//! | **5** | **126 × 42** | **0.45** | **1.000** | **0.990** | **0.995** |
//! | 5 | 126 × 42 | 0.50 | 1.000 | 0.990 | 0.995 |
//! | 5 | 128 × 32 | 0.45 | 1.000 | 0.988 | 0.994 |
//! | 5 | 128 × 32 | 0.50 | 1.000 | 0.978 | 0.989 |
//! | 3 | 128 × 32 | 0.30 | 0.978 | 0.995 | 0.986 |
//! | 5 | 128 × 32 | 0.60 | 1.000 | 0.900 | 0.947 |
//!
//! The hardest hard negative (two BBC reports on oil prices) has an exact
//! 5-shingle Jaccard of 0.33 (estimated at most 0.32) and the lowest
//! labelled positive (a copy cut to 55% with new chrome) is estimated at
//! 0.37-0.39; 0.45 keeps 2.8 standard deviations
//! of the 126-value estimate (0.044) above the negative, trading a few
//! heavily truncated copies for precision. 5-word shingles separate
//! same-subject articles better than 3-word ones (which share stock
//! phrases), and 8-word ones lose more to typos. With a second generator
//! seed (`--seed 7`) the default gives F1 0.996.
//!
//! A crate from crates.io was measured too: `gaoya` 0.2 (`MinHasher32`,
//! 128 permutations, fed the same 5-word shingles as strings, as its API
//! takes hashable items) sketched the benchmark at 2.4-3.6 MB/s against
//! 45 MB/s here (same loaded 2-core machine, same run), and its Jaccard
//! estimates had a mean absolute error of 0.054 against exact 5-shingle
//! Jaccard on 564 pairs, against 0.011 here; it also brings rayon into a
//! library. So the sketch
//! is hand-rolled (about 150 lines).
//!
//! # Fact merging: the rules
//!
//! - Mentions are grouped by the match key; inside a group, values are
//!   sorted and split into **single-linkage** clusters: consecutive values
//!   within the symmetric tolerance [`values_close`] join. A chain
//!   `100, 100.4, 100.8` is therefore one fact. This rule is a function of
//!   the set of values (order-independent), it never puts two values within
//!   tolerance into different facts (so the output never states one fact
//!   twice), and the canonical values of two facts of one key are always
//!   beyond tolerance of each other.
//! - A cluster's **bound** is the most specific one stated ([`bound_rank`]:
//!   `eq`, `range`, `ge`, `le`, `gt`, `lt`, `approx`); its **value** the
//!   most frequent value among the mentions with that bound, ties to the
//!   smallest; `vs` the most frequent non-null `vs`.
//! - **`support`** counts distinct dedup clusters among the sources' docs
//!   (a document without a cluster is its own); near-duplicate pages thus
//!   add sources but not support, and never a second fact (their mentions
//!   have the same key and value).
//! - **`id`** is `f` + 16 hex digits of a fixed hash of the key and the
//!   canonical value: stable across runs, machines and shards.
//! - **`conflicts`**: facts of one key whose value intervals are disjoint
//!   (`eq`: the value; `approx`: ±10%; `gt`/`ge`, `lt`/`le`: half lines;
//!   `range`: its ends).
//! - **Re-merging**: each source records what its mention said (`value`,
//!   `bound`, `value_max`, `vs`) and its document's `cluster`, so a merged
//!   file is again a set of mentions. Identical mentions count once. The
//!   output is sorted by key, then value; sources by doc and offsets.
#![deny(missing_docs)]

mod cluster;
mod hash;
mod merge;
mod minhash;

pub use crate::{
    cluster::{Assignment, Clusters, DedupIndex, MAX_BUCKET_COMPARISONS},
    merge::{
        APPROX_WIDTH, Group, Groups, MergedFact, MergedSource, Merger, VALUE_TOLERANCE, bound_rank,
        parse_merged, to_jsonl, values_close,
    },
    minhash::{
        DEFAULT_BANDS, DEFAULT_PERMUTATIONS, DEFAULT_SHINGLE, DEFAULT_THRESHOLD, Deduper,
        DeduperBuilder, MAX_SHINGLE, Sketch,
    },
};

/// Why a [`Deduper`] could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// Shingle size outside 1..=16.
    #[error("shingle size {0} is outside 1..=16 words")]
    Shingle(usize),
    /// Permutation count outside 8..=4096.
    #[error("{0} permutations is outside 8..=4096")]
    Permutations(usize),
    /// Bands that do not divide the permutations.
    #[error("{bands} bands do not divide {permutations} permutations")]
    Bands {
        /// Bands asked for.
        bands: usize,
        /// Permutations asked for.
        permutations: usize,
    },
    /// Threshold outside (0, 1].
    #[error("threshold {0} is outside (0, 1]")]
    Threshold(f64),
}

/// Why a facts file could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A line is not a fact.
    #[error("{path}:{line}: not a fact: {source}")]
    Json {
        /// The file.
        path: std::path::PathBuf,
        /// 1-based line number.
        line: usize,
        /// The JSON error.
        source: serde_json::Error,
    },
    /// A line breaks the contract.
    #[error("{path}:{line}: {message}")]
    Invalid {
        /// The file.
        path: std::path::PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}
