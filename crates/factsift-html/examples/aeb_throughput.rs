//! Single-threaded throughput of `factsift_html::extract` on a directory of
//! `.html.gz` pages (default: the AEB benchmark beside the workspace).
//!
//! ```text
//! cargo run --release -p factsift-html --example aeb_throughput [DIR] [ROUNDS]
//! ```
//! Prints pages, MB of HTML, pages/s and MB/s (best of ROUNDS, default 5).

use std::io::Read;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/bench/aeb/html"
        )
        .to_string()
    });
    let rounds: usize = args.next().map_or(Ok(5), |r| r.parse())?;
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    paths.sort();
    let mut pages = Vec::new();
    for p in &paths {
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(p)?).read_to_end(&mut bytes)?;
        pages.push(factsift_html::decode(&bytes).0);
    }
    let total: usize = pages.iter().map(String::len).sum();
    let mut best = f64::MAX;
    let mut checksum = 0usize;
    for _ in 0..rounds {
        let t = Instant::now();
        checksum = 0;
        for page in &pages {
            let p = factsift_html::extract(page);
            checksum += p.layout.blocks.len() + p.text.len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{} pages, {:.1} MB HTML, best of {rounds}: {:.3} s = {:.0} pages/s, {:.0} MB/s (checksum {checksum})",
        pages.len(),
        total as f64 / 1e6,
        best,
        pages.len() as f64 / best,
        total as f64 / 1e6 / best
    );
    Ok(())
}
