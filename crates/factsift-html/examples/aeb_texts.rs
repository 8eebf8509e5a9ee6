//! Writes one JSON line `{"id", "title", "url", "date", "text"}` per
//! `.html.gz` page of a directory (default: AEB beside the workspace), for
//! checking extraction quality against a benchmark's ground truth
//! (`scripts/html_recall.py`).
//!
//! ```text
//! cargo run --release -p factsift-html --example aeb_texts [DIR] [--hide CLASS]... > texts.jsonl
//! ```
//! `--hide CLASS` also treats elements of that class as hidden.

use std::io::{Read, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/bench/aeb/html"
    )
    .to_string();
    let mut builder = factsift_html::Extractor::builder();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--hide" {
            builder = builder.hidden_class(&args.next().ok_or("--hide needs a class")?);
        } else {
            dir = arg;
        }
    }
    let extractor = builder.build()?;
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
        let page = extractor.extract(&html);
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
