//! Ingestion throughput (MB/s of input): JSONL in memory, a directory of
//! text pages, a directory of gzipped HTML pages. Each checks its count.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)] // benchmark setup; criterion_group! makes an undocumented fn

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factsift_ingest::{Item, Reader};
use std::path::Path;

const BENCH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/bench");

/// Reads everything; returns (documents, skipped).
fn drain(items: impl Iterator<Item = Item>) -> (usize, usize) {
    items.fold((0, 0), |(d, s), item| match item {
        Item::Document { .. } => (d + 1, s),
        Item::Skipped(_) => (d, s + 1),
    })
}

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum()
}

fn ingest(c: &mut Criterion) {
    let reader = Reader::new();
    let bbc = Path::new(BENCH).join("bbc_business");
    let aeb = Path::new(BENCH).join("aeb/html");

    // JSONL: the BBC pages as text records, in memory (no disk in the loop).
    let mut jsonl = Vec::new();
    let mut pages = 0;
    for entry in std::fs::read_dir(&bbc).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let record = serde_json::json!({"id": pages.to_string(), "text": text});
        jsonl.extend(record.to_string().into_bytes());
        jsonl.push(b'\n');
        pages += 1;
    }
    let mut group = c.benchmark_group("ingest");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(jsonl.len() as u64));
    group.bench_function("jsonl_text_records", |b| {
        b.iter(|| {
            let counts = drain(reader.read_from("bbc.jsonl", &jsonl[..]));
            assert_eq!(counts, (pages, 0));
        })
    });

    group.throughput(Throughput::Bytes(dir_bytes(&bbc)));
    group.bench_function("dir_text_pages", |b| {
        b.iter(|| assert_eq!(drain(reader.read([&bbc])), (401, 0)))
    });

    group.throughput(Throughput::Bytes(dir_bytes(&aeb)));
    group.bench_function("dir_html_gz_pages", |b| {
        b.iter(|| assert_eq!(drain(reader.read([&aeb])), (181, 0)))
    });
    group.finish();
}

criterion_group!(benches, ingest);
criterion_main!(benches);
