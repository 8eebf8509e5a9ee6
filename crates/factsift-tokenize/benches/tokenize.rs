//! Tokenizer throughput in bytes per second, on the seed pages and on the
//! BBC business articles of the shared bench data.
//!
//! Run: `cargo bench -p factsift-tokenize --bench tokenize`.

// `criterion_group!` generates an undocumented public function.
#![allow(missing_docs)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factsift_tokenize::Tokenizer;
use std::hint::black_box;
use std::path::Path;

/// Reads every `.txt` file of `dir` in sorted order.
fn load(dir: &Path) -> Vec<String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

fn bench_set(c: &mut Criterion, name: &str, docs: &[String], expected_tokens: usize) {
    let tokenizer = Tokenizer::new();
    let count = |docs: &[String]| -> usize {
        docs.iter()
            .map(|d| tokenizer.tokenize(black_box(d)).tokens.len())
            .sum()
    };
    // The benchmark measures the real job: check it still does it.
    assert_eq!(
        count(docs),
        expected_tokens,
        "token count of {name} changed"
    );
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut group = c.benchmark_group("tokenize");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(name, |b| b.iter(|| count(docs)));
    group.finish();
}

fn benches(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = load(&root.join("../../corpus"));
    assert_eq!(seeds.len(), 5, "seed pages not found in corpus/");
    bench_set(c, "seeds", &seeds, SEED_TOKENS);
    let bbc = load(&root.join("../../../shared/bench/bbc_business"));
    if bbc.is_empty() {
        eprintln!("shared/bench/bbc_business not found next to the workspace; skipped");
    } else {
        bench_set(c, "bbc_business", &bbc, BBC_TOKENS);
    }
}

/// Tokens in the five seed pages.
const SEED_TOKENS: usize = 2_861;
/// Tokens in the 400 BBC business articles.
const BBC_TOKENS: usize = 149_992;

criterion_group!(tokenize, benches);
criterion_main!(tokenize);
