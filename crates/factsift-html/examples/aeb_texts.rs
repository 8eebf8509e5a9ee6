//! Writes one JSON line `{"id", "title", "url", "date", "text"}` per
//! `.html.gz` page of a directory (default: AEB beside the workspace), for
//! checking extraction quality against a benchmark's ground truth
//! (`scripts/html_recall.py`).
//!
//! ```text
//! cargo run --release -p factsift-html --example aeb_texts [DIR] > texts.jsonl
//! ```

use std::io::{Read, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/bench/aeb/html"
        )
        .to_string()
    });
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    paths.sort();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for p in &paths {
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(p)?).read_to_end(&mut bytes)?;
        let (html, _) = factsift_html::decode(&bytes);
        let page = factsift_html::extract(&html);
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = name.trim_end_matches(".html.gz");
        let rec = serde_json::json!({
            "id": id,
            "title": page.title,
            "url": page.url,
            "date": page.date.map(|d| d.to_string()),
            "text": page.text,
        });
        writeln!(out, "{rec}")?;
    }
    Ok(())
}
