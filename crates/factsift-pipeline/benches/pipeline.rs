//! Throughput of the whole per-document pipeline (strip, tokenize, tag,
//! extract claims), single-threaded, on the seed pages, the BBC business
//! texts and the AEB HTML pages: `cargo bench -p factsift-pipeline`.
//! Ingestion, dedup and merging are the CLI's and are left out; the bytes
//! are those of the document text as ingested (for HTML, the visible text).

#![allow(missing_docs, clippy::expect_used)] // criterion macros; the default data is tested to build

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factsift_core::Document;
use factsift_ingest::{Item, Reader};
use factsift_pipeline::Pipeline;
use std::hint::black_box;

fn documents(dir: &str) -> Vec<Document> {
    Reader::new()
        .read([dir])
        .filter_map(|item| match item {
            Item::Document { doc, .. } => Some(doc),
            Item::Skipped(_) => None,
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let pipeline = Pipeline::builder().build().expect("default data builds");
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    for (name, dir) in [
        ("seeds", format!("{root}/corpus")),
        (
            "bbc_business",
            format!("{root}/../shared/bench/bbc_business"),
        ),
        ("aeb_html", format!("{root}/../shared/bench/aeb/html")),
    ] {
        let docs = documents(&dir);
        if docs.is_empty() {
            eprintln!("skipped {name}: no documents in {dir}");
            continue;
        }
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(bytes as u64));
        group.sample_size(10);
        group.bench_function("pipeline", |b| {
            b.iter(|| {
                for doc in &docs {
                    black_box(pipeline.run(black_box(doc)));
                }
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
