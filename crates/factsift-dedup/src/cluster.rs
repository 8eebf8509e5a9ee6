//! Clustering sketches into near-duplicate groups.

use crate::{Deduper, Sketch};
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::hash_map::Entry as Slot;

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
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Assignment<'a> {
    /// The document id.
    pub id: &'a str,
    /// The cluster id: the smallest member id.
    pub cluster: &'a str,
    /// The representative's id.
    pub canonical: &'a str,
    /// Estimated Jaccard similarity to the representative.
    pub similarity: f64,
}

/// Ids of many documents in one buffer: one allocation in all instead of
/// one per document.
#[derive(Clone, Debug, Default, PartialEq)]
struct Ids {
    text: String,
    ends: Vec<usize>,
}

impl Ids {
    fn push(&mut self, id: &str) {
        self.text.push_str(id);
        self.ends.push(self.text.len());
    }

    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    fn len(&self) -> usize {
        self.ends.len()
    }
}

/// What the index keeps of a sketch besides its id and MinHash values.
#[derive(Clone, Copy, Debug)]
struct Entry {
    words: usize,
    exact: u64,
    minhash_start: usize,
    minhash_len: usize,
}

/// Collects sketches and clusters them; the result does not depend on the
/// order in which sketches are added.
///
/// Memory per document: its id, 40 bytes, and the low 16 bits of each
/// MinHash value (252 bytes by default); during [`DedupIndex::finish`],
/// 16 bytes more. Comparing 16 of a value's 32 bits changes an estimated
/// similarity only when two different values agree on those bits (a
/// chance of 1 in 65,536 per value).
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
    ids: Ids,
    entries: Vec<Entry>,
    minhash: Vec<u16>,
}

impl DedupIndex {
    /// An empty index with the deduplicator's settings.
    pub fn new(deduper: &Deduper) -> DedupIndex {
        DedupIndex {
            deduper: deduper.clone(),
            ids: Ids::default(),
            entries: Vec::new(),
            minhash: Vec::new(),
        }
    }

    /// Sketches a text and adds it.
    pub fn add_text(&mut self, id: &str, text: &str) {
        let s = self.deduper.sketch(id, text);
        self.add(s);
    }

    /// Adds a sketch (made by a [`Deduper`] with the same settings, possibly
    /// elsewhere: a shard's sketches can be added to one index).
    pub fn add(&mut self, sketch: Sketch) {
        self.ids.push(&sketch.id);
        self.entries.push(Entry {
            words: sketch.words,
            exact: sketch.exact,
            minhash_start: self.minhash.len(),
            minhash_len: sketch.minhash.len(),
        });
        self.minhash
            .extend(sketch.minhash.iter().map(|&v| crate::minhash::kept_bits(v)));
    }

    /// Number of sketches added.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no sketch was added.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn values(&self, i: usize) -> &[u16] {
        let e = &self.entries[i];
        &self.minhash[e.minhash_start..e.minhash_start + e.minhash_len]
    }

    fn similarity(&self, a: usize, b: usize) -> f64 {
        crate::minhash::share_equal(self.values(a), self.values(b))
    }

    /// The order sketches are clustered in: by id, then words, exact hash
    /// and values, so that nothing depends on the order of `add`.
    fn sort_key_cmp(&self, a: usize, b: usize) -> Ordering {
        let (ea, eb) = (&self.entries[a], &self.entries[b]);
        self.ids
            .get(a)
            .cmp(self.ids.get(b))
            .then(ea.words.cmp(&eb.words))
            .then(ea.exact.cmp(&eb.exact))
            .then_with(|| self.values(a).cmp(self.values(b)))
    }

    /// Clusters the documents: exact duplicates (equal word-sequence hash
    /// and equal sketch) and pairs that share an LSH band key and whose
    /// estimated Jaccard similarity reaches the threshold are joined, and
    /// clusters are the connected components of those links (so a chain
    /// `a ~ b ~ c` is one cluster even if `a` and `c` are further apart).
    pub fn finish(self) -> Clusters {
        let n = self.entries.len();
        // Positions in sorted order; union-find works on positions, so the
        // smallest position of a component is its smallest id.
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_unstable_by(|&a, &b| self.sort_key_cmp(a as usize, b as usize));
        let doc = |p: usize| order[p] as usize;
        let mut uf = UnionFind::new(n);
        // Exact duplicates: runs of equal hash (verified by the values).
        let mut by_exact: Vec<(u64, u32)> = (0..n)
            .map(|p| (self.entries[doc(p)].exact, p as u32))
            .collect();
        by_exact.sort_unstable();
        for run in by_exact.chunk_by(|a, b| a.0 == b.0) {
            let first = run[0].1 as usize;
            for &(_, q) in &run[1..] {
                let q = q as usize;
                if self.values(doc(first)) == self.values(doc(q)) {
                    uf.union(first, q);
                }
            }
        }
        drop(by_exact);
        // LSH, one band at a time so that only one band's (key, position)
        // entries are held (the keys hash their band, so buckets never mix
        // bands): sorted entries, each run of equal keys is a bucket.
        let bands = self
            .entries
            .iter()
            .map(|e| self.deduper.band_count(e.minhash_len))
            .max()
            .unwrap_or(0);
        let threshold = self.deduper.threshold();
        // Buckets are grouped through a map rather than by sorting the
        // band's keys (42 sorts were most of this serial end of a run):
        // each key's first and last position, and a chain from position to
        // the next one with the same key; a bucket's members are sorted
        // into ascending positions. Buckets are visited in any order:
        // unions only join components, and a component's root is its
        // smallest position, so the clusters do not depend on it.
        let mut ends: nohash_hasher::IntMap<u64, (u32, u32)> =
            nohash_hasher::IntMap::with_capacity_and_hasher(n, Default::default());
        let mut next: Vec<u32> = vec![u32::MAX; n];
        let mut bucket: Vec<usize> = Vec::new();
        // Keys are read in the order sketches were added, which is the
        // order their values lie in memory: in sorted order, a large run
        // would miss the cache on every document of every band.
        let mut position = vec![0u32; n];
        for (p, &d) in order.iter().enumerate() {
            position[d as usize] = p as u32;
        }
        for band in 0..bands {
            ends.clear();
            for (d, &p) in position.iter().enumerate() {
                let Some(key) = self.deduper.band_key(self.values(d), band) else {
                    continue;
                };
                next[p as usize] = u32::MAX;
                match ends.entry(key) {
                    Slot::Occupied(mut e) => {
                        next[e.get().1 as usize] = p;
                        e.get_mut().1 = p;
                    }
                    Slot::Vacant(e) => {
                        e.insert((p, p));
                    }
                }
            }
            for &(first, last) in ends.values() {
                if first == last {
                    continue;
                }
                bucket.clear();
                let mut p = first;
                while p != u32::MAX {
                    bucket.push(p as usize);
                    p = next[p as usize];
                }
                bucket.sort_unstable();
                // A bucket already inside one component has no pair left
                // to compare: with near-copies in a dump, that is most
                // buckets after the first band, and checking it costs one
                // find per member instead of one per pair.
                let root = uf.find(bucket[0]);
                if bucket[1..].iter().all(|&p| uf.find(p) == root) {
                    continue;
                }
                for (pos, &q) in bucket.iter().enumerate().skip(1) {
                    let start = pos.saturating_sub(MAX_BUCKET_COMPARISONS);
                    let mut root_q = uf.find(q);
                    for &p in &bucket[start..pos] {
                        if uf.find(p) == root_q {
                            continue;
                        }
                        if self.similarity(doc(p), doc(q)) >= threshold {
                            uf.union(p, q);
                            root_q = uf.find(q);
                        }
                    }
                }
            }
        }
        drop((ends, next, bucket));
        // Components: cluster id = smallest id (the root: the smallest
        // position); canonical = most words, ties to the smallest id.
        let mut canonical: Vec<u32> = (0..n as u32).collect();
        for p in 0..n {
            let root = uf.find(p);
            let best = canonical[root] as usize;
            if self.entries[doc(p)].words > self.entries[doc(best)].words {
                canonical[root] = p as u32;
            }
        }
        let mut ids = Ids::default();
        let mut members = Vec::with_capacity(n);
        for p in 0..n {
            ids.push(self.ids.get(doc(p)));
            let root = uf.find(p);
            let canon = canonical[root] as usize;
            let (d, c) = (doc(p), doc(canon));
            let similarity = if p == canon || self.entries[d].exact == self.entries[c].exact {
                1.0
            } else {
                self.similarity(d, c)
            };
            members.push(Member {
                cluster: root as u32,
                canonical: canon as u32,
                similarity,
            });
        }
        let mut clusters = Clusters { ids, members };
        clusters.order_repeated_ids();
        clusters
    }
}

/// A document's cluster, by positions in [`Clusters`]' id list.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Member {
    cluster: u32,
    canonical: u32,
    similarity: f64,
}

/// The clusters of a [`DedupIndex`]: one [`Assignment`] per document,
/// sorted by document id (then cluster id and similarity, for an id added
/// twice). About 30 bytes and the id per document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clusters {
    ids: Ids,
    members: Vec<Member>,
}

impl Clusters {
    /// Documents sharing an id are ordered by cluster id, then similarity,
    /// as the `factsift dedup` output promises.
    fn order_repeated_ids(&mut self) {
        let n = self.members.len();
        let mut p = 0;
        while p < n {
            let mut q = p + 1;
            while q < n && self.ids.get(q) == self.ids.get(p) {
                q += 1;
            }
            if q - p > 1 {
                let mut run: Vec<Member> = self.members[p..q].to_vec();
                run.sort_by(|a, b| {
                    self.ids
                        .get(a.cluster as usize)
                        .cmp(self.ids.get(b.cluster as usize))
                        .then_with(|| a.similarity.total_cmp(&b.similarity))
                });
                self.members[p..q].copy_from_slice(&run);
            }
            p = q;
        }
    }

    fn assignment(&self, p: usize) -> Assignment<'_> {
        let m = &self.members[p];
        Assignment {
            id: self.ids.get(p),
            cluster: self.ids.get(m.cluster as usize),
            canonical: self.ids.get(m.canonical as usize),
            similarity: m.similarity,
        }
    }

    /// The assignments, sorted by document id.
    pub fn iter(&self) -> impl Iterator<Item = Assignment<'_>> {
        (0..self.ids.len()).map(|p| self.assignment(p))
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there is no document.
    pub fn is_empty(&self) -> bool {
        self.ids.len() == 0
    }

    /// The assignment of a document id (the first, if an id was added twice).
    pub fn get(&self, id: &str) -> Option<Assignment<'_>> {
        let p = self.position(id)?;
        Some(self.assignment(p))
    }

    /// The cluster id of a document id.
    pub fn cluster_of(&self, id: &str) -> Option<&str> {
        let p = self.position(id)?;
        Some(self.ids.get(self.members[p].cluster as usize))
    }

    fn position(&self, id: &str) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.ids.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.ids.get(mid) < id {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        (lo < self.ids.len() && self.ids.get(lo) == id).then_some(lo)
    }

    /// Documents that are not their cluster's canonical member.
    pub fn duplicates(&self) -> usize {
        self.iter().filter(|a| a.id != a.canonical).count()
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
        for a in self.iter() {
            if let Ok(line) = serde_json::to_string(&a) {
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
        // The smaller position becomes the root: deterministic, and the root
        // is the component's smallest id.
        if ra < rb {
            self.parent[rb] = ra as u32;
        } else if rb < ra {
            self.parent[ra] = rb as u32;
        }
    }
}
