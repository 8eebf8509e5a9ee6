//! Tagger throughput on directories of `.txt` pages (tokenized once up
//! front), in MB per second of CPU time of this single thread, which stays
//! meaningful on a busy machine; also a steady harness for callgrind:
//!
//! `cargo run --release -p factsift-tag --example tag_throughput -- [--rounds N] corpus ../shared/bench/bbc_business`

use factsift_core::{Date, Tokenized};
use std::time::Instant;

/// CPU time of this thread in nanoseconds (Linux `/proc/thread-self/schedstat`).
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut rounds = 20;
    if let Some(k) = args.iter().position(|a| a == "--rounds") {
        rounds = args.get(k + 1).ok_or("--rounds N")?.parse()?;
        args.drain(k..k + 2);
    }
    if args.is_empty() {
        return Err("usage: tag_throughput [--rounds N] DIR...".into());
    }
    let tagger = factsift_tag::Tagger::builder().build()?;
    let tokenizer = factsift_tokenize::Tokenizer::new();
    for dir in &args {
        let mut paths: Vec<_> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        let mut docs: Vec<(String, Option<Date>, Tokenized)> = Vec::new();
        for p in &paths {
            let raw = std::fs::read_to_string(p)?;
            let (text, published) = match raw.strip_prefix(" date ") {
                Some(rest) if rest.len() >= 11 => (
                    rest.get(11..).unwrap_or("").to_string(),
                    rest.get(..10).and_then(|d| d.parse().ok()),
                ),
                _ => (raw, None),
            };
            let t = tokenizer.tokenize(&text);
            docs.push((text, published, t));
        }
        let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
        let (wall, cpu) = (Instant::now(), cpu_ns());
        let mut n = 0;
        for _ in 0..rounds {
            for (text, published, t) in &docs {
                n += tagger.tag(text, t, *published).quantities.len();
            }
        }
        let secs = wall.elapsed().as_secs_f64();
        let mb = (bytes * rounds) as f64 / 1e6;
        let cpu = cpu_ns()
            .zip(cpu)
            .map(|(b, a)| format!("{:.1} MB/s CPU", mb / ((b - a) as f64 / 1e9)));
        println!(
            "{dir}: {} docs, {bytes} bytes x {rounds}: {:.1} MB/s wall, {}, {n} quantities",
            docs.len(),
            mb / secs,
            cpu.unwrap_or_default()
        );
    }
    Ok(())
}
