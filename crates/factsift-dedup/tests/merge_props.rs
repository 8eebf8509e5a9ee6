//! Shard safety of the merge: any split of a mention set into parts, merged
//! in any order and grouping (through JSONL text, as files would be), gives
//! byte-identical output to one merge of everything.

#![allow(clippy::unwrap_used)] // test helpers

use factsift_core::{Bound, Fact, Source};
use factsift_dedup::{MergedFact, Merger, parse_merged, to_jsonl, values_close};
use proptest::prelude::*;

const VALUES: [f64; 10] = [
    0.0,
    100.0,
    100.4,
    100.8,
    101.3,
    23_160_000.0,
    23_200_000.0,
    -5.0,
    1e9,
    0.25,
];
const BOUNDS: [Bound; 7] = [
    Bound::Eq,
    Bound::Approx,
    Bound::Gt,
    Bound::Ge,
    Bound::Lt,
    Bound::Le,
    Bound::Range,
];

#[derive(Clone, Debug)]
struct Spec {
    subject: u8,
    metric: u8,
    period: u8,
    modality: u8,
    value: u8,
    bound: u8,
    vs: u8,
    doc: u8,
    start: u8,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0u8..2,
        0u8..2,
        0u8..2,
        0u8..2,
        0u8..10,
        0u8..7,
        0u8..3,
        0u8..6,
        0u8..3,
    )
        .prop_map(
            |(subject, metric, period, modality, value, bound, vs, doc, start)| Spec {
                subject,
                metric,
                period,
                modality,
                value,
                bound,
                vs,
                doc,
                start,
            },
        )
}

fn mention(s: &Spec) -> MergedFact {
    let value = VALUES[s.value as usize];
    let bound = BOUNDS[s.bound as usize];
    let (metric, unit) = if s.metric == 0 {
        ("shipments", "count")
    } else {
        ("revenue", "USD")
    };
    let start = s.start as usize * 10;
    Fact {
        subject: ["Xiaomi", "Samsung"][s.subject as usize].to_string(),
        metric: metric.to_string(),
        value,
        unit: unit.to_string(),
        period: [None, Some("2017-Q2".to_string())][s.period as usize].clone(),
        per: None,
        scope: None,
        bound,
        value_max: (bound == Bound::Range).then_some(value * 2.0 + 1.0),
        modality: ["actual", "target"][s.modality as usize].to_string(),
        vs: [
            None,
            Some("prev_year".to_string()),
            Some("prev_quarter".to_string()),
        ][s.vs as usize]
            .clone(),
        sources: vec![Source {
            doc: format!("d{}", s.doc),
            start,
            end: start + 9,
            text: format!("sentence {start} of d{}", s.doc),
        }],
        id: None,
        support: None,
        conflicts: Vec::new(),
        also_bounds: Vec::new(),
        optional: false,
        aliases: Vec::new(),
    }
    .into()
}

fn merger() -> Merger {
    Merger::new().with_clusters([
        ("d1".to_string(), "d0".to_string()),
        ("d3".to_string(), "d2".to_string()),
    ])
}

/// Merges and round-trips through JSONL text, as a shard's file would.
fn merge_text(parts: Vec<MergedFact>) -> String {
    to_jsonl(&merger().merge(parts)).unwrap()
}

fn parse(text: &str) -> Vec<MergedFact> {
    parse_merged(text.as_bytes(), "part").unwrap()
}

/// A small deterministic generator for shuffles and groupings.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_split_order_and_grouping_gives_the_same_bytes(
        specs in prop::collection::vec(spec(), 0..40),
        parts in 1usize..6,
        seed in 1u64..u64::MAX,
    ) {
        let all: Vec<MergedFact> = specs.iter().map(mention).collect();
        let one_run = merge_text(all.clone());

        let mut rng = Rng(seed);
        // Split into parts, each in a shuffled order.
        let mut split: Vec<Vec<MergedFact>> = vec![Vec::new(); parts];
        for m in &all {
            let p = rng.below(parts);
            let at = rng.below(split[p].len() + 1);
            split[p].insert(at, m.clone());
        }
        // Each part is merged on its own ("a shard"), written as text.
        let mut pool: Vec<String> = split.into_iter().map(merge_text).collect();
        // Then pairs of random outputs are merged until one is left.
        while pool.len() > 1 {
            let a = pool.swap_remove(rng.below(pool.len()));
            let b = pool.swap_remove(rng.below(pool.len()));
            let mut both = parse(&a);
            both.extend(parse(&b));
            pool.push(merge_text(both));
        }
        prop_assert_eq!(pool.pop().unwrap_or_default(), one_run.clone());

        // Idempotent: merging the output with itself changes nothing.
        let mut twice = parse(&one_run);
        twice.extend(parse(&one_run));
        prop_assert_eq!(merge_text(twice), one_run.clone());

        // Invariants of the output.
        let out = parse(&one_run);
        let mut total_sources = 0;
        for (i, f) in out.iter().enumerate() {
            total_sources += f.sources.len();
            prop_assert!(f.support.unwrap_or(0) >= 1 && f.support.unwrap_or(0) <= f.sources.len());
            prop_assert!(!f.also_bounds.contains(&f.bound));
            for g in &out[i + 1..] {
                let same_key = (&f.subject, &f.metric, &f.unit, &f.period, &f.per, &f.scope, &f.modality)
                    == (&g.subject, &g.metric, &g.unit, &g.period, &g.per, &g.scope, &g.modality);
                // One fact is never stated twice.
                prop_assert!(!(same_key && values_close(f.value, g.value)), "{f:?} {g:?}");
                prop_assert_ne!(&f.id, &g.id);
            }
        }
        // Every distinct mention is a source exactly once.
        let mut distinct: Vec<String> = all.iter().map(|m| serde_json::to_string(m).unwrap()).collect();
        distinct.sort();
        distinct.dedup();
        prop_assert_eq!(total_sources, distinct.len());
    }

    #[test]
    fn plain_fact_files_read_as_mentions(specs in prop::collection::vec(spec(), 1..20)) {
        // A plain fact line (no per-source fields) reads like the mention it is.
        let facts: Vec<Fact> = specs.iter().map(|s| Fact::from(mention(s))).collect();
        let text: String = facts.iter().map(|f| serde_json::to_string(f).unwrap() + "\n").collect();
        let as_merged = parse(&text);
        let direct: Vec<MergedFact> = specs.iter().map(mention).collect();
        prop_assert_eq!(merge_text(as_merged), merge_text(direct));
    }
}
