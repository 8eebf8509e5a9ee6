//! Prints what `extract` reads from one HTML file (`.gz` allowed): title,
//! URL, date, then each block as `element-path<TAB>link-bytes<TAB>line`.
//!
//! ```text
//! cargo run -p factsift-html --example dump -- page.html.gz
//! ```

use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: dump FILE")?;
    let mut bytes = Vec::new();
    let file = std::fs::File::open(&path)?;
    if path.ends_with(".gz") {
        flate2::read::GzDecoder::new(file).read_to_end(&mut bytes)?;
    } else {
        std::io::BufReader::new(file).read_to_end(&mut bytes)?;
    }
    let (html, lossy) = factsift_html::decode(&bytes);
    let page = factsift_html::extract(&html);
    println!(
        "title: {:?}\nurl: {:?}\ndate: {:?}\nlossy: {lossy}",
        page.title,
        page.url,
        page.date.map(|d| d.to_string())
    );
    let layout = &page.layout;
    for b in &layout.blocks {
        let depth = layout.ancestors(b.element).count();
        let el = &layout.elements[b.element];
        let hints: String = el.hints.chars().take(40).collect();
        println!(
            "{depth}\t{}.{hints}\t{}\t{}",
            el.tag,
            b.link_bytes,
            b.span.slice(&page.text)
        );
    }
    Ok(())
}
