//! Clustering sketches into near-duplicate groups.

use crate::{Deduper, Sketch};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Most candidate comparisons one document makes inside one LSH bucket:
/// bounds the work on a bucket that many unrelated documents share.
pub const MAX_BUCKET_COMPARISONS: usize = 64;

/// One line of `factsift dedup`: a document's cluster.
///
/// # Format
///
/// `{"id": "<doc id>", "cluster": "<cluster id>", "canonical": "<doc id>", "similarity": <0..1>}`:
/// `cluster` is the smallest (byte-wise) document id in the cluster, the
/// same for all members; `canonical` the representative (the member with
/// the most words, ties to the smallest id); `similarity` the estimated
/// Jaccard similarity of this document to the canonical one (1 for the
/// canonical document itself and for exact duplicates).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    /// The document id.
    pub id: String,
    /// The cluster id: the smallest member id.
    pub cluster: String,
    /// The representative's id.
    pub canonical: String,
    /// Estimated Jaccard similarity to the representative.
    pub similarity: f64,
}

/// Collects sketches and clusters them; the result does not depend on the
/// order in which sketches are added.
///
/// Memory per document: its sketch (id and 126 × 4 bytes by default) and,
/// during [`DedupIndex::finish`], one 12-byte entry per band (42).
///
/// ```
/// use factsift_dedup::{Deduper, DedupIndex};
/// let d = Deduper::new();
/// let story = "Shares in the carmaker rose sharply on Monday after it reported record \
///     profits for the year, beating the forecasts of analysts in London and New York.";
/// let mut index = DedupIndex::new(&d);
/// index.add(d.sketch("b", story));
/// index.add(d.sketch("a", &format!("{story} Copyright 2005.")));
/// index.add(d.sketch("c", "A completely different story about oil prices and winter weather in Europe."));
/// let clusters = index.finish();
/// let a = clusters.get("a").unwrap();
/// let b = clusters.get("b").unwrap();
/// assert_eq!(a.cluster, b.cluster);
/// assert_eq!(a.canonical, "a"); // the longer text
/// assert_eq!(clusters.get("c").unwrap().canonical, "c");
/// assert_eq!(clusters.duplicates(), 1);
/// ```
#[derive(Clone, Debug)]
pub struct DedupIndex {
    deduper: Deduper,
    sketches: Vec<Sketch>,
}

impl DedupIndex {
    /// An empty index with the deduplicator's settings.
    pub fn new(deduper: &Deduper) -> DedupIndex {
        DedupIndex {
            deduper: deduper.clone(),
            sketches: Vec::new(),
        }
    }

    /// Sketches a text and adds it.
    pub fn add_text(&mut self, id: &str, text: &str) {
        let s = self.deduper.sketch(id, text);
        self.sketches.push(s);
    }

    /// Adds a sketch (made by a [`Deduper`] with the same settings, possibly
    /// elsewhere: a shard's sketches can be added to one index).
    pub fn add(&mut self, sketch: Sketch) {
        self.sketches.push(sketch);
    }

    /// Number of sketches added.
    pub fn len(&self) -> usize {
        self.sketches.len()
    }

    /// Whether no sketch was added.
    pub fn is_empty(&self) -> bool {
        self.sketches.is_empty()
    }

    /// Clusters the documents: exact duplicates (equal word-sequence hash
    /// and equal sketch) and pairs that share an LSH band key and whose
    /// estimated Jaccard similarity reaches the threshold are joined, and
    /// clusters are the connected components of those links (so a chain
    /// `a ~ b ~ c` is one cluster even if `a` and `c` are further apart).
    pub fn finish(mut self) -> Clusters {
        // Sort first: from here on nothing depends on the order of `add`.
        self.sketches.sort_unstable();
        let n = self.sketches.len();
        let mut uf = UnionFind::new(n);
        // Exact duplicates: runs of equal hash (verified by the sketch).
        let mut by_exact: Vec<(u64, u32)> = self
            .sketches
            .iter()
            .enumerate()
            .map(|(i, s)| (s.exact, i as u32))
            .collect();
        by_exact.sort_unstable();
        for run in by_exact.chunk_by(|a, b| a.0 == b.0) {
            let first = run[0].1 as usize;
            for &(_, j) in &run[1..] {
                let j = j as usize;
                if self.sketches[first].minhash == self.sketches[j].minhash {
                    uf.union(first, j);
                }
            }
        }
        // LSH, one band at a time so that only one band's (key, doc)
        // entries are held (the keys hash their band, so buckets never mix
        // bands): sorted entries, each run of equal keys is a bucket.
        let bands = self
            .sketches
            .iter()
            .map(|s| self.deduper.band_count(s))
            .max()
            .unwrap_or(0);
        let threshold = self.deduper.threshold();
        let mut entries: Vec<(u64, u32)> = Vec::with_capacity(n);
        for band in 0..bands {
            entries.clear();
            entries.extend(
                self.sketches
                    .iter()
                    .enumerate()
                    .filter_map(|(i, s)| Some((self.deduper.band_key(s, band)?, i as u32))),
            );
            entries.sort_unstable();
            for bucket in entries.chunk_by(|a, b| a.0 == b.0) {
                if bucket.len() < 2 {
                    continue;
                }
                for (pos, &(_, j)) in bucket.iter().enumerate().skip(1) {
                    let j = j as usize;
                    let start = pos.saturating_sub(MAX_BUCKET_COMPARISONS);
                    for &(_, i) in &bucket[start..pos] {
                        let i = i as usize;
                        if uf.find(i) == uf.find(j) {
                            continue;
                        }
                        if self.sketches[i].similarity(&self.sketches[j]) >= threshold {
                            uf.union(i, j);
                        }
                    }
                }
            }
        }
        // Components: cluster id = smallest id (sketches are sorted by id, so
        // the first member met); canonical = most words, ties to smallest id.
        let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
        for i in 0..n {
            members.entry(uf.find(i)).or_default().push(i);
        }
        let mut assignments: Vec<Assignment> = Vec::with_capacity(n);
        for group in members.values() {
            let first = group[0];
            let canon = group
                .iter()
                .copied()
                .max_by(|&a, &b| {
                    let (sa, sb) = (&self.sketches[a], &self.sketches[b]);
                    sa.words.cmp(&sb.words).then_with(|| sb.cmp(sa))
                })
                .unwrap_or(first);
            for &m in group {
                let sim = if m == canon || self.sketches[m].exact == self.sketches[canon].exact {
                    1.0
                } else {
                    self.sketches[m].similarity(&self.sketches[canon])
                };
                assignments.push(Assignment {
                    id: self.sketches[m].id.clone(),
                    cluster: self.sketches[first].id.clone(),
                    canonical: self.sketches[canon].id.clone(),
                    similarity: sim,
                });
            }
        }
        assignments.sort_by(|a, b| {
            a.id.cmp(&b.id)
                .then_with(|| a.cluster.cmp(&b.cluster))
                .then_with(|| a.similarity.total_cmp(&b.similarity))
        });
        Clusters { assignments }
    }
}

/// The clusters of a [`DedupIndex`]: one [`Assignment`] per document,
/// sorted by document id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clusters {
    /// One per document added, sorted by id.
    pub assignments: Vec<Assignment>,
}

impl Clusters {
    /// The assignment of a document id (the first, if an id was added twice).
    pub fn get(&self, id: &str) -> Option<&Assignment> {
        let i = self.assignments.partition_point(|a| a.id.as_str() < id);
        self.assignments.get(i).filter(|a| a.id == id)
    }

    /// Documents that are not their cluster's canonical member.
    pub fn duplicates(&self) -> usize {
        self.assignments
            .iter()
            .filter(|a| a.id != a.canonical)
            .count()
    }

    /// The document → cluster map that fact merging needs
    /// ([`crate::Merger::with_clusters`]).
    pub fn cluster_map(&self) -> HashMap<String, String> {
        self.assignments
            .iter()
            .map(|a| (a.id.clone(), a.cluster.clone()))
            .collect()
    }

    /// The `factsift dedup` output: one JSON line per document.
    ///
    /// ```
    /// let d = factsift_dedup::Deduper::new();
    /// let mut index = factsift_dedup::DedupIndex::new(&d);
    /// index.add_text("x", "one two three four five six");
    /// assert_eq!(index.finish().to_jsonl(),
    ///     "{\"id\":\"x\",\"cluster\":\"x\",\"canonical\":\"x\",\"similarity\":1.0}\n");
    /// ```
    pub fn to_jsonl(&self) -> String {
        let mut out = String::new();
        for a in &self.assignments {
            if let Ok(line) = serde_json::to_string(a) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        out
    }
}

struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n as u32).collect(),
        }
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] as usize != x {
            let p = self.parent[x] as usize;
            self.parent[x] = self.parent[p];
            x = p;
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        // The smaller index becomes the root: deterministic.
        if ra < rb {
            self.parent[rb] = ra as u32;
        } else if rb < ra {
            self.parent[ra] = rb as u32;
        }
    }
}
