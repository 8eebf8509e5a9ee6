//! Throughput of the dedup stage on real pages: sketching (per document,
//! parallel in a run), clustering (once per run) and fact merging.
//!
//! `cargo bench -p factsift-dedup --bench dedup`
//!
//! Each benchmark checks its result, so a broken stage cannot look fast.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use factsift_core::{Bound, Fact, Source};
use factsift_dedup::{DedupIndex, Deduper, MergedFact, Merger};
use std::hint::black_box;

fn pages() -> Vec<(String, String)> {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/bench/bbc_business"
    );
    let mut v: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("../shared/bench/bbc_business")
        .flatten()
        .map(|e| {
            let p = e.path();
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            (id, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    v.sort();
    v
}

fn mentions(n: usize) -> Vec<MergedFact> {
    // Fact-shaped mentions: 120 keys (40 subjects, 6 metrics, 5 periods),
    // one source each.
    (0..n)
        .map(|i| {
            let f = Fact {
                subject: format!("Company{}", i % 40),
                metric: [
                    "revenue",
                    "profit",
                    "shipments",
                    "job_cuts",
                    "stake",
                    "price",
                ][i % 6]
                    .to_string(),
                // Per key, 4 values 10% apart (conflicts), each stated with
                // variants 0.1% apart (merged).
                value: 1e6 * (10 + (i / 120) % 4) as f64 * (1.0 + ((i / 120) % 3) as f64 * 0.001),
                unit: "USD".to_string(),
                period: Some(format!("{}", 2000 + i % 5)),
                per: None,
                scope: None,
                bound: if i % 5 == 0 { Bound::Approx } else { Bound::Eq },
                value_max: None,
                modality: "actual".to_string(),
                vs: None,
                sources: vec![Source {
                    doc: format!("doc{}", i % 400),
                    start: i,
                    end: i + 80,
                    text: "The company said its revenue rose to a record in the year.".to_string(),
                }],
                id: None,
                support: None,
                conflicts: Vec::new(),
                also_bounds: Vec::new(),
                optional: false,
                aliases: Vec::new(),
            };
            f.into()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let pages = pages();
    let bytes: usize = pages.iter().map(|p| p.1.len()).sum();
    let d = Deduper::new();

    let mut g = c.benchmark_group("dedup");
    g.throughput(Throughput::Bytes(bytes as u64));
    // A baseline in the same conditions: one pass that splits the text into
    // words, the least any text stage does. The sketch's cost is best read as
    // a multiple of this (the machine is shared).
    g.bench_function("baseline_split_words", |b| {
        b.iter(|| {
            let n: usize = pages
                .iter()
                .map(|(_, t)| black_box(t).split_whitespace().count())
                .sum();
            assert!(n > 130_000, "{n}");
        })
    });
    g.bench_function("sketch_bbc_business", |b| {
        b.iter(|| {
            let n: usize = pages
                .iter()
                .map(|(id, t)| d.sketch(id, black_box(t)).minhash.len())
                .sum();
            assert_eq!(n, pages.len() * 126);
        })
    });
    let sketches: Vec<_> = pages.iter().map(|(id, t)| d.sketch(id, t)).collect();
    g.bench_function("cluster_bbc_business", |b| {
        b.iter(|| {
            let mut index = DedupIndex::new(&d);
            for s in &sketches {
                index.add(s.clone());
            }
            let clusters = index.finish();
            // 5 byte-identical pairs and 3 near-identical ones.
            assert_eq!(clusters.duplicates(), 8);
        })
    });
    g.finish();

    let ms = mentions(10_000);
    let mut g = c.benchmark_group("merge");
    g.throughput(Throughput::Elements(ms.len() as u64));
    g.bench_function("merge_10k_mentions", |b| {
        b.iter_batched(
            || ms.clone(),
            |ms| {
                let out = Merger::new().merge(black_box(ms));
                let sources: usize = out.iter().map(|f| f.sources.len()).sum();
                assert_eq!(sources, 10_000);
                assert_eq!(out.len(), 480);
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(4));
    targets = bench
}
criterion_main!(benches);
