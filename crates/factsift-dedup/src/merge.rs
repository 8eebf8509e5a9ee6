//! Canonical fact merging with provenance, conflicts and bounds; shard-safe.

use crate::Clusters;
use crate::hash::FieldHasher;
use factsift_core::{Bound, Fact, Source};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The contract's relative value tolerance.
pub const VALUE_TOLERANCE: f64 = 0.005;

/// Half-width, relative to the value, of the interval an `approx` value
/// stands for when deciding whether two facts conflict.
pub const APPROX_WIDTH: f64 = 0.10;

/// Whether two values are within the contract's tolerance of each other,
/// made symmetric: `|a - b| <= 0.005 * max(|a|, |b|)` (exact when both are 0).
///
/// ```
/// use factsift_dedup::values_close;
/// assert!(values_close(100.0, 100.5) && values_close(100.5, 100.0));
/// assert!(!values_close(100.0, 100.6));
/// assert!(values_close(0.0, 0.0) && !values_close(0.0, 1e-12));
/// ```
pub fn values_close(a: f64, b: f64) -> bool {
    (a - b).abs() <= VALUE_TOLERANCE * a.abs().max(b.abs())
}

/// How specific a bound is: lower is more specific. A merged fact takes the
/// most specific bound of its mentions and lists the others in
/// `also_bounds`: `eq`, `range`, `ge`, `le`, `gt`, `lt`, `approx`.
pub fn bound_rank(b: Bound) -> u8 {
    match b {
        Bound::Eq => 0,
        Bound::Range => 1,
        Bound::Ge => 2,
        Bound::Le => 3,
        Bound::Gt => 4,
        Bound::Lt => 5,
        Bound::Approx => 6,
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// One mention of a merged fact: a [`Source`] plus what the mention itself
/// said (its value, bound and comparison basis) and its document's dedup
/// cluster, so that merged files can be merged again with the same result.
///
/// Readers that know only the contract's `Source` ignore the extra fields.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MergedSource {
    /// The document id.
    pub doc: String,
    /// Byte offset of the sentence in the document's ingested text.
    #[serde(default)]
    pub start: usize,
    /// End byte offset of the sentence.
    #[serde(default)]
    pub end: usize,
    /// The sentence.
    #[serde(default)]
    pub text: String,
    /// The value this mention stated (absent: the fact's value).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser_opt_num"
    )]
    pub value: Option<f64>,
    /// The bound this mention stated (absent: the fact's bound).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<Bound>,
    /// The upper end this mention stated, for a range.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser_opt_num"
    )]
    pub value_max: Option<f64>,
    /// The comparison basis this mention stated (absent: the fact's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vs: Option<String>,
    /// Whether `vs` was explicitly null in this mention (kept so a re-merge
    /// does not inherit the fact's `vs`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub vs_null: bool,
    /// The document's dedup cluster (absent: the document is its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
}

fn ser_opt_num<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => factsift_core::serialize_number(v, s),
        None => s.serialize_none(),
    }
}

/// A canonical fact as the merge writes it: the contract's fields, `id`,
/// `support`, `conflicts`, `also_bounds`, and [`MergedSource`]s.
///
/// It reads as a [`Fact`] too (through [`From`] or by parsing the JSON as
/// one), and reads any fact line of the contract (a plain fact is one
/// mention per source).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MergedFact {
    /// Canonical subject.
    pub subject: String,
    /// Metric.
    pub metric: String,
    /// The canonical value.
    #[serde(serialize_with = "factsift_core::serialize_number")]
    pub value: f64,
    /// Unit.
    pub unit: String,
    /// Period.
    #[serde(default)]
    pub period: Option<String>,
    /// Rate unit.
    #[serde(default)]
    pub per: Option<String>,
    /// Geographic scope.
    #[serde(default)]
    pub scope: Option<String>,
    /// The most specific bound stated.
    #[serde(default)]
    pub bound: Bound,
    /// Upper end for a range.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser_opt_num"
    )]
    pub value_max: Option<f64>,
    /// Modality.
    #[serde(default = "actual")]
    pub modality: String,
    /// Comparison basis.
    #[serde(default)]
    pub vs: Option<String>,
    /// Every mention.
    #[serde(default)]
    pub sources: Vec<MergedSource>,
    /// Stable id: a hash of the match key and the canonical value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Distinct dedup clusters among the sources' documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support: Option<usize>,
    /// Ids of facts with the same key whose values disagree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
    /// Other, less specific bounds the fact was stated with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_bounds: Vec<Bound>,
}

fn actual() -> String {
    "actual".to_string()
}

impl From<Fact> for MergedFact {
    /// A fact as mentions: each source becomes a mention stating the fact's
    /// value, bound and `vs`.
    fn from(f: Fact) -> MergedFact {
        let sources = f
            .sources
            .into_iter()
            .map(|s| MergedSource {
                doc: s.doc,
                start: s.start,
                end: s.end,
                text: s.text,
                value: Some(f.value),
                bound: Some(f.bound),
                value_max: f.value_max,
                vs_null: f.vs.is_none(),
                vs: f.vs.clone(),
                cluster: None,
            })
            .collect();
        MergedFact {
            subject: f.subject,
            metric: f.metric,
            value: f.value,
            unit: f.unit,
            period: f.period,
            per: f.per,
            scope: f.scope,
            bound: f.bound,
            value_max: f.value_max,
            modality: f.modality,
            vs: f.vs,
            sources,
            id: f.id,
            support: f.support,
            conflicts: f.conflicts,
            also_bounds: f.also_bounds,
        }
    }
}

impl From<MergedFact> for Fact {
    fn from(m: MergedFact) -> Fact {
        Fact {
            subject: m.subject,
            metric: m.metric,
            value: m.value,
            unit: m.unit,
            period: m.period,
            per: m.per,
            scope: m.scope,
            bound: m.bound,
            value_max: m.value_max,
            modality: m.modality,
            vs: m.vs,
            sources: m
                .sources
                .into_iter()
                .map(|s| Source {
                    doc: s.doc,
                    start: s.start,
                    end: s.end,
                    text: s.text,
                })
                .collect(),
            id: m.id,
            support: m.support,
            conflicts: m.conflicts,
            also_bounds: m.also_bounds,
            optional: false,
            aliases: Vec::new(),
        }
    }
}

/// The match key of the contract, less the value.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    subject: String,
    metric: String,
    unit: String,
    period: Option<String>,
    per: Option<String>,
    scope: Option<String>,
    modality: String,
}

/// One mention, fully resolved.
#[derive(Clone, Debug)]
struct Mention {
    value: f64,
    bound: Bound,
    value_max: Option<f64>,
    vs: Option<String>,
    doc: String,
    start: usize,
    end: usize,
    text: String,
    /// The cluster the source recorded, until [`Merger::merge_group`]
    /// resolves `cluster`.
    recorded_cluster: Option<String>,
    cluster: String,
}

impl Mention {
    fn cmp_identity(&self, o: &Mention) -> std::cmp::Ordering {
        self.value
            .total_cmp(&o.value)
            .then_with(|| self.doc.cmp(&o.doc))
            .then_with(|| self.start.cmp(&o.start))
            .then_with(|| self.end.cmp(&o.end))
            .then_with(|| self.text.cmp(&o.text))
            .then_with(|| self.bound.cmp(&o.bound))
            .then_with(|| cmp_opt_f64(self.value_max, o.value_max))
            .then_with(|| self.vs.cmp(&o.vs))
    }
}

fn cmp_opt_f64(a: Option<f64>, b: Option<f64>) -> std::cmp::Ordering {
    match (a, b) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => x.total_cmp(&y),
    }
}

/// Merges facts into canonical facts; `Send + Sync`, reusable.
///
/// The merge is a function of the *set* of mentions it is given, so it is
/// associative, commutative and idempotent: merging the outputs of any
/// split of the input, in any order and grouping, gives the same bytes as
/// one merge of everything (given the same cluster map).
///
/// ```
/// use factsift_core::Fact;
/// use factsift_dedup::{Merger, MergedFact};
/// let fact = |doc: &str, v: f64, bound: &str| -> MergedFact {
///     let f: Fact = serde_json::from_value(serde_json::json!({
///         "subject": "Xiaomi", "metric": "shipments", "value": v, "unit": "count",
///         "period": "2017-Q2", "bound": bound,
///         "sources": [{"doc": doc, "start": 0, "end": 10, "text": "..."}]})).unwrap();
///     f.into()
/// };
/// let merger = Merger::new().with_clusters([("003".to_string(), "002".to_string())]);
/// let out = merger.merge(vec![
///     fact("002", 23_160_000.0, "eq"),
///     fact("003", 23_160_000.0, "approx"), // near-duplicate of 002
///     fact("000", 23_200_000.0, "eq"),     // within 0.5%
///     fact("009", 30_000_000.0, "eq"),     // same key, other value
/// ]);
/// assert_eq!(out.len(), 2);
/// assert_eq!(out[0].value, 23_160_000.0);
/// assert_eq!(out[0].sources.len(), 3);
/// assert_eq!(out[0].support, Some(2));
/// assert_eq!(out[0].also_bounds, vec![factsift_core::Bound::Approx]);
/// assert_eq!(out[0].conflicts, vec![out[1].id.clone().unwrap()]);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Merger {
    clusters: HashMap<String, String>,
    dedup: Option<Clusters>,
}

impl Merger {
    /// A merger where every document is its own cluster unless a source
    /// records one.
    pub fn new() -> Merger {
        Merger::default()
    }

    /// Sets document → dedup cluster pairs; they override clusters
    /// recorded in sources and those of [`Merger::with_dedup`].
    pub fn with_clusters(mut self, map: impl IntoIterator<Item = (String, String)>) -> Merger {
        self.clusters.extend(map);
        self
    }

    /// Takes each document's cluster from a [`DedupIndex`]'s result (looked
    /// up there, not copied into a map: a run of millions of documents
    /// keeps one copy of the ids); it overrides clusters recorded in
    /// sources.
    ///
    /// [`DedupIndex`]: crate::DedupIndex
    pub fn with_dedup(mut self, clusters: Clusters) -> Merger {
        self.dedup = Some(clusters);
        self
    }

    fn cluster_of(&self, doc: &str) -> Option<String> {
        if let Some(c) = self.clusters.get(doc) {
            return Some(c.clone());
        }
        let c = self.dedup.as_ref()?.cluster_of(doc)?;
        Some(c.to_string())
    }

    /// Merges facts (plain mentions or earlier merge outputs, in any mix)
    /// into canonical facts, sorted by key and value: [`Merger::groups`],
    /// then [`Merger::merge_group`] over each group, in order.
    pub fn merge(&self, facts: impl IntoIterator<Item = MergedFact>) -> Vec<MergedFact> {
        let mut out = Vec::new();
        for group in Merger::groups(facts) {
            out.extend(self.merge_group(group));
        }
        out
    }

    /// Gathers facts by key (subject, metric, unit, period, per, scope,
    /// modality), sorted by key. Groups merge independently of each other,
    /// so a caller may hand them to several threads and concatenate the
    /// results in order: the same facts as [`Merger::merge`]. Gathering
    /// needs no cluster map (a merger applies its own in
    /// [`Merger::merge_group`]), so it can run while the clusters are
    /// still being computed.
    ///
    /// ```
    /// # use factsift_dedup::{Merger, MergedFact};
    /// # let fact = |subject: &str, doc: &str| -> MergedFact {
    /// #     let f: factsift_core::Fact = serde_json::from_value(serde_json::json!({
    /// #         "subject": subject, "metric": "revenue", "value": 5.0, "unit": "USD",
    /// #         "sources": [{"doc": doc, "start": 0, "end": 3, "text": "..."}]})).unwrap();
    /// #     f.into()
    /// # };
    /// let merger = Merger::new();
    /// let facts = vec![fact("Zeta", "a"), fact("Acme", "b"), fact("Zeta", "c")];
    /// let groups: Vec<_> = Merger::groups(facts.clone()).collect();
    /// assert_eq!(groups.len(), 2);
    /// let merged: Vec<MergedFact> = groups.into_iter().flat_map(|g| merger.merge_group(g)).collect();
    /// assert_eq!(merged, merger.merge(facts));
    /// assert_eq!(merged[0].subject, "Acme");
    /// ```
    pub fn groups(facts: impl IntoIterator<Item = MergedFact>) -> Groups {
        let mut groups: BTreeMap<Key, Vec<Mention>> = BTreeMap::new();
        for f in facts {
            let key = Key {
                subject: f.subject,
                metric: f.metric,
                unit: f.unit,
                period: f.period,
                per: f.per,
                scope: f.scope,
                modality: f.modality,
            };
            let entry = groups.entry(key).or_default();
            for s in f.sources {
                entry.push(Mention {
                    value: s.value.unwrap_or(f.value),
                    bound: s.bound.unwrap_or(f.bound),
                    value_max: if s.bound.is_some() {
                        s.value_max
                    } else {
                        f.value_max
                    },
                    vs: if s.vs.is_some() || s.vs_null {
                        s.vs
                    } else {
                        f.vs.clone()
                    },
                    doc: s.doc,
                    start: s.start,
                    end: s.end,
                    text: s.text,
                    recorded_cluster: s.cluster,
                    cluster: String::new(),
                });
            }
        }
        Groups(groups.into_iter())
    }

    /// The canonical facts of one group of [`Merger::groups`], sorted by
    /// value.
    pub fn merge_group(&self, group: Group) -> Vec<MergedFact> {
        let Group { key, mut mentions } = group;
        // A document's cluster: the merger's own over the one its source
        // recorded, else the document itself.
        for m in &mut mentions {
            m.cluster = match self
                .cluster_of(&m.doc)
                .or_else(|| m.recorded_cluster.take())
            {
                Some(cluster) => cluster,
                None => m.doc.clone(),
            };
        }
        // Set semantics: an identical mention counts once; its cluster is
        // the smallest recorded, so the choice does not depend on order.
        mentions.sort_by(|a, b| a.cmp_identity(b).then_with(|| a.cluster.cmp(&b.cluster)));
        mentions.dedup_by(|b, a| a.cmp_identity(b).is_eq());
        // Value clusters: single linkage over the sorted values. Two
        // values within tolerance always end in the same fact, and the
        // canonical values of two facts of one key never are within
        // tolerance of each other; the clusters are a function of the
        // set of values, whatever the order.
        let mut bounds = Vec::new();
        let mut lo = 0;
        while lo < mentions.len() {
            let mut hi = lo + 1;
            while hi < mentions.len() && values_close(mentions[hi - 1].value, mentions[hi].value) {
                hi += 1;
            }
            bounds.push(lo);
            lo = hi;
        }
        // Hand each cluster's mentions over by value (no string copies).
        let mut chunks = Vec::with_capacity(bounds.len());
        for &lo in bounds.iter().rev() {
            chunks.push(mentions.split_off(lo));
        }
        let mut out: Vec<MergedFact> = chunks
            .into_iter()
            .rev()
            .map(|chunk| canonical(&key, chunk))
            .collect();
        link_conflicts(&mut out);
        out
    }
}

/// The facts of one key, gathered by [`Merger::groups`] and merged by
/// [`Merger::merge_group`].
///
/// ```
/// # use factsift_dedup::{Merger, MergedFact};
/// let fact = |value: f64, doc: &str| -> MergedFact {
///     let f: factsift_core::Fact = serde_json::from_value(serde_json::json!({
///         "subject": "Acme", "metric": "revenue", "value": value, "unit": "USD",
///         "sources": [{"doc": doc, "start": 0, "end": 3, "text": "..."}]})).unwrap();
///     f.into()
/// };
/// let merger = Merger::new();
/// let mut groups = Merger::groups([fact(5.0, "a"), fact(5.0, "b"), fact(9.0, "c")]);
/// assert_eq!(groups.len(), 1); // one key
/// let facts = merger.merge_group(groups.next().unwrap());
/// assert_eq!(facts.len(), 2); // two values
/// assert_eq!(facts[0].sources.len(), 2);
/// ```
#[derive(Clone, Debug)]
pub struct Group {
    key: Key,
    mentions: Vec<Mention>,
}

/// The groups of [`Merger::groups`] in key order, handed out one at a time:
/// a caller that merges and writes them as it goes never holds two copies.
#[derive(Debug)]
pub struct Groups(std::collections::btree_map::IntoIter<Key, Vec<Mention>>);

impl Iterator for Groups {
    type Item = Group;

    fn next(&mut self) -> Option<Group> {
        self.0.next().map(|(key, mentions)| Group { key, mentions })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl ExactSizeIterator for Groups {}

/// Builds one canonical fact from one value cluster of mentions.
fn canonical(key: &Key, ms: Vec<Mention>) -> MergedFact {
    let best_rank = ms.iter().map(|m| bound_rank(m.bound)).min().unwrap_or(0);
    let best: Vec<&Mention> = ms
        .iter()
        .filter(|m| bound_rank(m.bound) == best_rank)
        .collect();
    let bound = best.first().map_or(Bound::Eq, |m| m.bound);
    // Canonical value: the most frequent among the most specific mentions,
    // ties to the smallest.
    let value = mode_by(best.iter().map(|m| m.value), f64::total_cmp).unwrap_or(0.0);
    let value_max = if bound == Bound::Range {
        mode_by(
            best.iter()
                .filter(|m| m.value == value)
                .filter_map(|m| m.value_max),
            f64::total_cmp,
        )
    } else {
        None
    };
    let vs = mode_by(
        ms.iter().filter_map(|m| m.vs.clone()),
        |a: &String, b: &String| a.cmp(b),
    );
    let mut also: Vec<Bound> = ms.iter().map(|m| m.bound).filter(|b| *b != bound).collect();
    also.sort_by_key(|b| bound_rank(*b));
    also.dedup();
    let mut clusters: Vec<&str> = ms.iter().map(|m| m.cluster.as_str()).collect();
    clusters.sort_unstable();
    clusters.dedup();
    let support = clusters.len();
    let mut sources: Vec<MergedSource> = ms
        .into_iter()
        .map(|m| MergedSource {
            cluster: if m.cluster == m.doc {
                None
            } else {
                Some(m.cluster)
            },
            doc: m.doc,
            start: m.start,
            end: m.end,
            text: m.text,
            value: Some(m.value),
            bound: Some(m.bound),
            value_max: m.value_max,
            vs_null: m.vs.is_none(),
            vs: m.vs,
        })
        .collect();
    sources.sort_by(|a, b| {
        a.doc
            .cmp(&b.doc)
            .then_with(|| a.start.cmp(&b.start))
            .then_with(|| a.end.cmp(&b.end))
            .then_with(|| a.text.cmp(&b.text))
            .then_with(|| cmp_opt_f64(a.value, b.value))
            .then_with(|| a.bound.cmp(&b.bound))
            .then_with(|| cmp_opt_f64(a.value_max, b.value_max))
            .then_with(|| a.vs.cmp(&b.vs))
    });
    let id = FieldHasher::new()
        .str(&key.subject)
        .str(&key.metric)
        .str(&key.unit)
        .opt(key.period.as_deref())
        .opt(key.per.as_deref())
        .opt(key.scope.as_deref())
        .str(&key.modality)
        .u64(value.to_bits())
        .finish();
    MergedFact {
        subject: key.subject.clone(),
        metric: key.metric.clone(),
        value,
        unit: key.unit.clone(),
        period: key.period.clone(),
        per: key.per.clone(),
        scope: key.scope.clone(),
        bound,
        value_max,
        modality: key.modality.clone(),
        vs,
        sources,
        id: Some(format!("f{id:016x}")),
        support: Some(support),
        conflicts: Vec::new(),
        also_bounds: also,
    }
}

/// The most frequent item, ties to the smallest.
fn mode_by<T: Clone>(
    items: impl Iterator<Item = T>,
    cmp: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> Option<T> {
    let mut v: Vec<T> = items.collect();
    v.sort_by(&cmp);
    let mut best: Option<(usize, T)> = None;
    for run in v.chunk_by(|a, b| cmp(a, b).is_eq()) {
        if best.as_ref().is_none_or(|(n, _)| run.len() > *n) {
            best = Some((run.len(), run[0].clone()));
        }
    }
    best.map(|(_, t)| t)
}

/// The interval of values a fact allows: `eq` its value (facts of one key
/// have values beyond tolerance of each other), `approx` ±10%, `gt`/`ge`
/// and `lt`/`le` a half line, `range` its two ends.
fn interval(f: &MergedFact) -> (f64, f64) {
    let v = f.value;
    let tol = |w: f64| w * v.abs();
    match f.bound {
        Bound::Eq => (v, v),
        Bound::Approx => (v - tol(APPROX_WIDTH), v + tol(APPROX_WIDTH)),
        Bound::Gt | Bound::Ge => (v, f64::INFINITY),
        Bound::Lt | Bound::Le => (f64::NEG_INFINITY, v),
        Bound::Range => (v, f.value_max.unwrap_or(v).max(v)),
    }
}

/// Links facts of one key whose value intervals are disjoint: they cannot
/// both be true. ("more than 10 million" and "12 million" do not conflict;
/// "10 million" and "12 million" do.)
fn link_conflicts(facts: &mut [MergedFact]) {
    let spans: Vec<(f64, f64)> = facts.iter().map(interval).collect();
    let ids: Vec<String> = facts
        .iter()
        .map(|f| f.id.clone().unwrap_or_default())
        .collect();
    for (i, f) in facts.iter_mut().enumerate() {
        let mut c: Vec<String> = spans
            .iter()
            .enumerate()
            .filter(|&(j, s)| j != i && (s.1 < spans[i].0 || spans[i].1 < s.0))
            .map(|(j, _)| ids[j].clone())
            .collect();
        c.sort();
        f.conflicts = c;
    }
}

/// Writes merged facts as JSONL, one fact per line.
///
/// # Errors
/// A serialisation error (not expected for finite values).
pub fn to_jsonl(facts: &[MergedFact]) -> Result<String, serde_json::Error> {
    let mut out = String::new();
    for f in facts {
        out.push_str(&serde_json::to_string(f)?);
        out.push('\n');
    }
    Ok(out)
}

/// Reads facts JSONL (merge outputs or plain facts) as [`MergedFact`]s.
///
/// # Errors
/// [`crate::ReadError`] naming `name` and the line.
///
/// ```
/// let line = r#"{"subject":"A","metric":"revenue","value":5,"unit":"USD","sources":[{"doc":"d"}]}"#;
/// let facts = factsift_dedup::parse_merged(line.as_bytes(), "part-0.jsonl")?;
/// assert_eq!(facts[0].sources[0].value, None); // inherits the fact's value
/// assert!(factsift_dedup::parse_merged(&b"{}\n"[..], "p.jsonl").unwrap_err().to_string().contains("p.jsonl:1"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_merged(
    reader: impl std::io::BufRead,
    name: impl AsRef<std::path::Path>,
) -> Result<Vec<MergedFact>, crate::ReadError> {
    let name = name.as_ref();
    let mut out = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|source| crate::ReadError::Io {
            path: name.to_path_buf(),
            source,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let f: MergedFact =
            serde_json::from_str(&line).map_err(|source| crate::ReadError::Json {
                path: name.to_path_buf(),
                line: i + 1,
                source,
            })?;
        if !f.value.is_finite() {
            return Err(crate::ReadError::Invalid {
                path: name.to_path_buf(),
                line: i + 1,
                message: format!("value {} is not finite", f.value),
            });
        }
        out.push(f);
    }
    Ok(out)
}
