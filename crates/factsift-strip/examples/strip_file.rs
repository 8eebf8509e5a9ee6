//! Strip text files and print `factsift strip` records (one JSON line each).
//!
//! ```text
//! cargo run -p factsift-strip --example strip_file -- corpus/*.txt
//! ```
//!
//! A first line ` date YYYY-MM-DD ` marker is removed as ingestion does.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let stripper = factsift_strip::Stripper::builder().build()?;
    for path in std::env::args().skip(1) {
        let raw = std::fs::read_to_string(&path)?;
        let text = match raw.strip_prefix(" date ") {
            Some(rest) if rest.len() > 11 && rest.as_bytes().get(10) == Some(&b' ') => {
                rest[11..].to_string()
            }
            _ => raw,
        };
        let id = std::path::Path::new(&path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let doc = factsift_core::Document::new(id, text);
        println!(
            "{}",
            serde_json::to_string(&stripper.strip(&doc).record(&doc))?
        );
    }
    Ok(())
}
