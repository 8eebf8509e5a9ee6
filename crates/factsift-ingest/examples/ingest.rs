//! Reads inputs with factsift-ingest and reports what came out: each skip
//! and warning on stderr, then the run summary as JSON on stdout, and the
//! throughput on stderr.
//!
//! ```text
//! cargo run --release -p factsift-ingest --example ingest -- corpus/ [MORE...]
//! ```

use factsift_ingest::{Item, Reader};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let inputs: Vec<String> = std::env::args().skip(1).collect();
    if inputs.is_empty() {
        return Err("usage: ingest INPUT... (files, directories, - for stdin)".into());
    }
    let reader = Reader::new();
    let start = Instant::now();
    let mut items = reader.read(&inputs);
    let mut text_bytes = 0u64;
    for item in items.by_ref() {
        match item {
            Item::Document { doc, warnings } => {
                text_bytes += doc.text.len() as u64;
                for warning in warnings {
                    eprintln!("warning: {}: {warning}", doc.source);
                }
            }
            Item::Skipped(err) => eprintln!("skipped: {err}"),
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let summary = items.summary();
    println!("{}", serde_json::to_string(summary)?);
    eprintln!(
        "{} documents, {} skipped in {:.3} s: {:.0} documents/s, {:.1} MB/s read, {:.1} MB/s of text",
        summary.documents,
        summary.skipped,
        secs,
        summary.total() as f64 / secs,
        summary.bytes as f64 / secs / 1e6,
        text_bytes as f64 / secs / 1e6,
    );
    Ok(())
}
