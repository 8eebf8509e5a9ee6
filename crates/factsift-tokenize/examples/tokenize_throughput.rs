//! Tokenizer throughput on directories of `.txt` pages, in wall-clock MB/s
//! and, on Linux, in MB per second of CPU time of this (single) thread,
//! which stays meaningful on a busy machine.
//!
//! Run: `cargo run --release -p factsift-tokenize --example tokenize_throughput -- corpus ../shared/bench/bbc_business`

use factsift_tokenize::Tokenizer;
use std::time::Instant;

/// CPU time of this thread in nanoseconds (Linux `/proc/thread-self/schedstat`).
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dirs: Vec<String> = std::env::args().skip(1).collect();
    if dirs.is_empty() {
        return Err("usage: tokenize_throughput DIR...".into());
    }
    let tokenizer = Tokenizer::new();
    for dir in &dirs {
        let mut paths: Vec<_> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        let docs: Vec<String> = paths
            .iter()
            .map(std::fs::read_to_string)
            .collect::<Result<_, _>>()?;
        let bytes: usize = docs.iter().map(String::len).sum();
        // Repeat to about 200 MB of text.
        let rounds = (200_000_000 / bytes.max(1)).clamp(1, 100_000);
        let (wall, cpu) = (Instant::now(), cpu_ns());
        let mut tokens = 0;
        let mut sentences = 0;
        for _ in 0..rounds {
            for d in &docs {
                let t = tokenizer.tokenize(std::hint::black_box(d));
                tokens += t.tokens.len();
                sentences += t.sentences.len();
            }
        }
        let secs = wall.elapsed().as_secs_f64();
        let mb = (bytes * rounds) as f64 / 1e6;
        let cpu = match (cpu, cpu_ns()) {
            (Some(a), Some(b)) if b > a => format!("{:.0} MB/s CPU", mb / ((b - a) as f64 / 1e9)),
            _ => "CPU time unavailable".to_string(),
        };
        println!(
            "{dir}: {} docs, {bytes} bytes, {} tokens, {} sentences: {:.0} MB/s wall, {cpu}",
            docs.len(),
            tokens / rounds,
            sentences / rounds,
            mb / secs,
        );
    }
    Ok(())
}
