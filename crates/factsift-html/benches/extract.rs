//! Throughput of `factsift_html::extract` on the 181 AEB pages
//! (`../shared/bench/aeb/html/*.html.gz` beside the workspace), single
//! threaded. Criterion reports bytes of HTML per second.
//!
//! ```text
//! cargo bench -p factsift-html --bench extract
//! ```

// criterion_group! defines an undocumented public function.
#![allow(missing_docs)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::io::Read;

/// Pages in the AEB benchmark.
const PAGES: usize = 181;
/// Text blocks `extract` finds in them: changes only when extraction does.
const BLOCKS: usize = 28_838;

fn load() -> Vec<String> {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/bench/aeb/html"
    );
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let mut bytes = Vec::new();
            let file = std::fs::File::open(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            if let Err(e) = flate2::read::GzDecoder::new(file).read_to_end(&mut bytes) {
                panic!("{}: {e}", p.display());
            }
            factsift_html::decode(&bytes).0
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let pages = load();
    assert_eq!(pages.len(), PAGES);
    let blocks: usize = pages
        .iter()
        .map(|p| factsift_html::extract(p).layout.blocks.len())
        .sum();
    assert_eq!(
        blocks, BLOCKS,
        "block count changed: update BLOCKS if intended"
    );
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut group = c.benchmark_group("aeb");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("extract_181_pages", |b| {
        b.iter(|| {
            let mut n = 0;
            for p in &pages {
                n += factsift_html::extract(black_box(p)).layout.blocks.len();
            }
            assert_eq!(n, BLOCKS);
            n
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
