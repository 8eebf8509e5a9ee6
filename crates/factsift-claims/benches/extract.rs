//! Claim extraction throughput on the seed pages and a slice of the BBC
//! business texts, with tokens and tags computed once outside the timing.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factsift_core::{Document, Tags, Tokenized};

fn inputs() -> Vec<(Document, Tokenized, Tags)> {
    let tokenizer = factsift_tokenize::Tokenizer::new();
    let tagger = factsift_tag::Tagger::builder().build().unwrap();
    let mut docs = Vec::new();
    for dir in [
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus"),
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/bench/bbc_business"
        ),
    ] {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .take(200)
        {
            let text = std::fs::read_to_string(&path).unwrap();
            let doc = Document::new(path.display().to_string(), text);
            let tokenized = tokenizer.tokenize(&doc.text);
            let tags = tagger.tag(&doc.text, &tokenized, None);
            docs.push((doc, tokenized, tags));
        }
    }
    docs
}

fn bench(c: &mut Criterion) {
    let docs = inputs();
    let bytes: usize = docs.iter().map(|(d, ..)| d.text.len()).sum();
    let extractor = factsift_claims::ClaimExtractor::builder().build().unwrap();
    let count: usize = docs
        .iter()
        .map(|(d, t, g)| extractor.extract(d, t, g).len())
        .sum();
    // The seed pages alone give more than 20 facts.
    assert!(count > 20, "only {count} facts");
    let mut group = c.benchmark_group("claims");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("extract", |b| {
        b.iter(|| {
            let n: usize = docs
                .iter()
                .map(|(d, t, g)| extractor.extract(d, t, g).len())
                .sum();
            assert_eq!(n, count);
            n
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
