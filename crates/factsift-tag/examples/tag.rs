//! Tags each line of stdin and prints what was found:
//! `echo "Revenue rose 5% to $10.3bn." | cargo run -p factsift-tag --example tag [-- 2017-10-02]`.

use std::io::BufRead;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let tagger = factsift_tag::Tagger::builder().build()?;
    let published = std::env::args().nth(1).map(|d| d.parse()).transpose()?;
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let tags = tagger.tag_str(&line, published);
        println!("## {line}");
        for q in &tags.quantities {
            println!(
                "  Q {:?} {:?} value={} max={:?} unit={} bound={:?} vague={} cue={:?} noun={:?} per={:?} conv={:?} dir={:?}",
                q.span.slice(&line),
                q.kind,
                q.value,
                q.value_max,
                q.unit,
                q.bound,
                q.vague,
                q.cue.map(|c| c.slice(&line)),
                q.noun.map(|c| c.slice(&line)),
                q.per,
                q.conversion_of,
                tagger.direction(&line, q)
            );
        }
        for t in &tags.times {
            println!(
                "  T {:?} {:?} by={:?}",
                t.span.slice(&line),
                t.period.as_ref().map(|p| p.to_string()),
                t.resolved_by
            );
        }
        for e in &tags.entities {
            println!(
                "  E {:?} {:?} name={:?} cue={:?}",
                e.span.slice(&line),
                e.kind,
                e.name,
                e.cue
            );
        }
    }
    Ok(())
}
