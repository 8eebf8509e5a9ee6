//! What `factsift report INPUT... [--gold GOLD.jsonl] -o report.html` does,
//! as an example binary so the report can be built end to end:
//!
//! ```text
//! cargo run -p factsift-report --example report -- corpus/ --gold gold/seeds.jsonl -o report.html
//! ```
//!
//! `--copies N` repeats every document N times with ids `ID~k` (to build
//! large reports for browser load tests).

use std::io::BufWriter;

use anyhow::{Context, Result, bail};
use factsift_dedup::{MergedFact, Merger};
use factsift_ingest::{Item, Reader};
use factsift_pipeline::Pipeline;
use factsift_report::Report;

fn main() -> Result<()> {
    let mut inputs = Vec::new();
    let mut gold = None;
    let mut out = None;
    let mut copies = 1usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--gold" => gold = Some(args.next().context("--gold needs a file")?),
            "-o" | "--output" => out = Some(args.next().context("-o needs a file")?),
            "--copies" => copies = args.next().context("--copies needs a number")?.parse()?,
            _ => inputs.push(a),
        }
    }
    let Some(out) = out else {
        bail!("usage: report INPUT... [--gold GOLD.jsonl] [--copies N] -o report.html")
    };
    let pipeline = Pipeline::builder().build()?;
    let mut report = Report::new();
    report.set_title(format!("factsift report: {}", inputs.join(" ")));
    let mut facts = Vec::new();
    for item in Reader::new().read(&inputs) {
        match item {
            Item::Document { mut doc, .. } => {
                let mut annotated = pipeline.run(&doc);
                let base = doc.id.clone();
                for k in 0..copies {
                    if copies > 1 {
                        // Same page, new id: reuse the pipeline's output.
                        doc.id = format!("{base}~{k}");
                        for source in annotated
                            .facts
                            .iter_mut()
                            .flat_map(|f| f.sources.iter_mut())
                        {
                            source.doc.clone_from(&doc.id);
                        }
                    }
                    report.add_document(&doc, &annotated);
                    facts.extend(annotated.facts.iter().cloned().map(MergedFact::from));
                }
            }
            Item::Skipped(err) => report.add_skipped(err.file.clone(), err.reason.to_string()),
        }
    }
    let merged = Merger::new().merge(facts);
    report.set_facts(&merged);
    if let Some(gold) = gold {
        report.set_gold(&factsift_eval::read_facts(&gold)?);
    }
    let file = std::fs::File::create(&out).with_context(|| format!("creating {out}"))?;
    let mut w = BufWriter::new(file);
    report.write_html(&mut w)?;
    eprintln!(
        "wrote {out}: {} documents, {} facts",
        report.len(),
        merged.len()
    );
    Ok(())
}
