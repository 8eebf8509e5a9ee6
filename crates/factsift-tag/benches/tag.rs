//! Throughput of the tagger, single-threaded, on the seed pages and the BBC
//! business texts: `cargo bench -p factsift-tag --bench tag`.

#![allow(missing_docs, clippy::expect_used)] // criterion macros; the default data is tested to build

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factsift_core::{Date, Tokenized};
use factsift_tag::Tagger;
use std::hint::black_box;

struct Doc {
    text: String,
    published: Option<Date>,
    tokenized: Tokenized,
}

fn load(dir: &str, tokenizer: &factsift_tokenize::Tokenizer) -> Vec<Doc> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|raw| {
            let (text, published) = match raw.strip_prefix(" date ") {
                Some(rest) => (
                    rest.get(11..).unwrap_or("").to_string(),
                    rest.get(..10).and_then(|d| d.parse().ok()),
                ),
                None => (raw, None),
            };
            let tokenized = tokenizer.tokenize(&text);
            Doc {
                text,
                published,
                tokenized,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let tagger = Tagger::builder().build().expect("default data builds");
    let tokenizer = factsift_tokenize::Tokenizer::new();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    for (name, dir) in [
        ("seeds", format!("{root}/corpus")),
        (
            "bbc_business",
            format!("{root}/../shared/bench/bbc_business"),
        ),
    ] {
        let docs = load(&dir, &tokenizer);
        if docs.is_empty() {
            continue;
        }
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function("tag", |b| {
            b.iter(|| {
                let mut n = 0;
                for d in &docs {
                    n += tagger
                        .tag(black_box(&d.text), &d.tokenized, d.published)
                        .quantities
                        .len();
                }
                n
            })
        });
        g.bench_function("tokenize+tag", |b| {
            b.iter(|| {
                let mut n = 0;
                for d in &docs {
                    let t = tokenizer.tokenize(black_box(&d.text));
                    n += tagger.tag(&d.text, &t, d.published).quantities.len();
                }
                n
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
