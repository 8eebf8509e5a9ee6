//! Throughput of `Stripper::strip`, single threaded, on the 181 AEB HTML
//! pages (`../shared/bench/aeb/html/*.html.gz` beside the workspace, turned
//! into documents by `factsift_html::extract` outside the timed loop) and on
//! the five seed text pages (`../shared/seeds/*.txt`). Each input is timed
//! twice: as pages per second and as bytes of document text per second.
//!
//! ```text
//! cargo bench -p factsift-strip --bench strip
//! ```

// criterion_group! defines an undocumented public function.
#![allow(missing_docs)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factsift_core::Document;
use factsift_strip::Stripper;
use std::hint::black_box;
use std::io::Read;
use std::path::PathBuf;

/// Pages in the AEB benchmark.
const AEB_PAGES: usize = 181;
/// Seed text pages.
const SEED_PAGES: usize = 5;

fn files(dir: &str, suffix: &str) -> Vec<PathBuf> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    paths.sort();
    paths
}

fn aeb_docs() -> Vec<Document> {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/bench/aeb/html"
    );
    files(dir, ".html.gz")
        .iter()
        .map(|p| {
            let mut bytes = Vec::new();
            let file = std::fs::File::open(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            if let Err(e) = flate2::read::GzDecoder::new(file).read_to_end(&mut bytes) {
                panic!("{}: {e}", p.display());
            }
            let page = factsift_html::extract(&factsift_html::decode(&bytes).0);
            let mut d = Document::new(p.to_string_lossy(), page.text);
            d.url = page.url;
            d.title = page.title;
            d.layout = Some(page.layout);
            d
        })
        .collect()
}

/// The seed pages as ingestion reads them: the ` date YYYY-MM-DD ` marker removed.
fn seed_docs() -> Vec<Document> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds");
    files(dir, ".txt")
        .iter()
        .map(|p| {
            let raw = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let text = match raw.strip_prefix(" date ") {
                Some(rest) if rest.len() > 11 && rest.as_bytes()[10] == b' ' => {
                    rest[11..].to_string()
                }
                _ => raw,
            };
            Document::new(p.to_string_lossy(), text)
        })
        .collect()
}

fn run(c: &mut Criterion, name: &str, docs: &[Document], stripper: &Stripper) {
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let strip_all = || {
        let mut kept = 0;
        for d in docs {
            kept += stripper.strip(black_box(d)).body.len();
        }
        kept
    };
    let kept = strip_all();
    assert!(kept > 0, "{name}: nothing kept");
    let mut group = c.benchmark_group(name);
    group.sample_size(20);
    group.throughput(Throughput::Elements(docs.len() as u64));
    group.bench_function("pages", |b| b.iter(strip_all));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("bytes", |b| b.iter(strip_all));
    group.finish();
}

fn bench(c: &mut Criterion) {
    let stripper = Stripper::builder()
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let aeb = aeb_docs();
    assert_eq!(aeb.len(), AEB_PAGES);
    run(c, "strip_aeb_html", &aeb, &stripper);
    let seeds = seed_docs();
    assert_eq!(seeds.len(), SEED_PAGES);
    run(c, "strip_seed_text", &seeds, &stripper);
}

criterion_group!(benches, bench);
criterion_main!(benches);
