//! Pair precision/recall/F1 of near-duplicate detection on the benchmark of
//! `scripts/dedup_make_bench.py`, for the default settings or a sweep.
//!
//! ```text
//! python3 scripts/dedup_make_bench.py --out bench-out/dedup
//! cargo run --release -p factsift-dedup --example dedup_eval -- bench-out/dedup
//! cargo run --release -p factsift-dedup --example dedup_eval -- bench-out/dedup --sweep
//! cargo run --release -p factsift-dedup --example dedup_eval -- bench-out/dedup --shingle 5 --perms 126 --bands 42 --threshold 0.45
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/support/pairs.rs"]
mod pairs;

use factsift_dedup::Deduper;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = std::path::PathBuf::from(args.first().map_or("bench-out/dedup", String::as_str));
    let (docs, pairs) = pairs::load(&dir);
    if args.iter().any(|a| a == "--sweep") {
        println!(
            "shingle perms bands threshold precision recall f1 min_pos max_neg sketch_us_per_doc"
        );
        for shingle in [3, 4, 5, 6, 8] {
            for (perms, bands) in [(64, 16), (120, 40), (128, 32), (128, 16), (256, 64)] {
                for threshold in [0.3, 0.35, 0.4, 0.45, 0.5, 0.6] {
                    let d = Deduper::builder()
                        .shingle(shingle)
                        .permutations(perms)
                        .bands(bands)
                        .threshold(threshold)
                        .build()
                        .unwrap();
                    let t = std::time::Instant::now();
                    for doc in &docs {
                        std::hint::black_box(d.sketch(&doc.id, &doc.text));
                    }
                    let us = t.elapsed().as_secs_f64() * 1e6 / docs.len() as f64;
                    let e = pairs::evaluate(&d, &docs, &pairs);
                    println!(
                        "{shingle} {perms} {bands} {threshold} {:.4} {:.4} {:.4} {:.3} {:.3} {us:.1}",
                        e.precision, e.recall, e.f1, e.min_positive, e.max_negative
                    );
                }
            }
        }
    } else {
        let arg = |name: &str| {
            args.iter()
                .position(|a| a == name)
                .and_then(|i| args.get(i + 1))
                .map(|v| v.parse::<f64>().expect("a number"))
        };
        let mut b = Deduper::builder();
        if let Some(v) = arg("--shingle") {
            b = b.shingle(v as usize);
        }
        if let Some(v) = arg("--perms") {
            b = b.permutations(v as usize);
        }
        if let Some(v) = arg("--bands") {
            b = b.bands(v as usize);
        }
        if let Some(v) = arg("--threshold") {
            b = b.threshold(v);
        }
        let d = b.build().expect("valid settings");
        let e = pairs::evaluate(&d, &docs, &pairs);
        println!(
            "{} docs; shingle {} perms {} bands {} threshold {}",
            docs.len(),
            d.shingle(),
            d.permutations(),
            d.bands(),
            d.threshold()
        );
        print!("{}", pairs::render(&e));
    }
}
