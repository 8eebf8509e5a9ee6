//! Tokenizes and tags text pages (seed format: an optional first line
//! ` date YYYY-MM-DD <rest>`) and prints what was found:
//! `cargo run -p factsift-tag --example tag_doc -- corpus/*.txt`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let tagger = factsift_tag::Tagger::builder().build()?;
    let tokenizer = factsift_tokenize::Tokenizer::new();
    for path in std::env::args().skip(1) {
        let raw = std::fs::read_to_string(&path)?;
        let (text, published) = match raw.strip_prefix(" date ") {
            Some(rest) if rest.len() >= 11 => (
                rest.get(11..).unwrap_or("").to_string(),
                rest.get(..10).and_then(|d| d.parse().ok()),
            ),
            _ => (raw.clone(), None),
        };
        let tokenized = tokenizer.tokenize(&text);
        let tags = tagger.tag(&text, &tokenized, published);
        println!("# {path} published={published:?}");
        for q in &tags.quantities {
            println!(
                "Q\t{}\t{:?}\t{}\t{:?}\t{}\t{:?}\tnoun={:?}\tper={:?}\tconv={:?}",
                q.span.slice(&text).replace('\n', " "),
                q.kind,
                q.value,
                q.value_max,
                q.unit,
                q.bound,
                q.noun.map(|n| n.slice(&text)),
                q.per,
                q.conversion_of
            );
        }
        for t in &tags.times {
            println!(
                "T\t{}\t{}\t{:?}",
                t.span.slice(&text).replace('\n', " "),
                t.period.as_ref().map_or("-".to_string(), |p| p.to_string()),
                t.resolved_by
            );
        }
        for e in &tags.entities {
            println!(
                "E\t{}\t{:?}\t{}\t{:?}",
                e.span.slice(&text).replace('\n', " "),
                e.kind,
                e.name,
                e.cue
            );
        }
    }
    Ok(())
}
