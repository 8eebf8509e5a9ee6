//! Score the stripper on rendered AEB pages (text pages) with the AEB metric.
//!
//! ```text
//! scripts/strip_render_aeb.sh            # writes bench-out/aeb-w3m.jsonl
//! cargo run --release -p factsift-strip --example strip_eval -- \
//!     bench-out/aeb-w3m.jsonl ../shared/bench/aeb/ground-truth.json [--alone] [--worst N] [--show ID] [--pages FILE]
//! ```
//!
//! By default pages are stripped with template evidence learned over all
//! pages of the file (two passes, per URL host); `--alone` strips each page
//! on its own evidence.

use factsift_core::Document;
use factsift_strip::score::{Counts, Summary};
use factsift_strip::{Stripper, TemplateLearner};
use std::collections::HashMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(input), Some(truth)) = (args.first(), args.get(1)) else {
        eprintln!(
            "usage: strip_eval RENDERINGS.jsonl GROUND_TRUTH.json [--alone] [--worst N] [--show ID]"
        );
        std::process::exit(2);
    };
    let alone = args.iter().any(|a| a == "--alone");
    let worst: usize = args
        .iter()
        .position(|a| a == "--worst")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let show = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1));
    let truth: HashMap<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(truth)?)?;
    let mut docs = Vec::new();
    let html_mode = std::path::Path::new(input).is_dir();
    let mut html_bytes = 0usize;
    let mut html_secs = 0f64;
    if html_mode {
        let mut ids: Vec<&String> = truth.keys().collect();
        ids.sort();
        for id in ids {
            let path = std::path::Path::new(input).join(format!("{id}.html.gz"));
            let mut raw = Vec::new();
            std::io::Read::read_to_end(
                &mut flate2::read::GzDecoder::new(std::fs::File::open(&path)?),
                &mut raw,
            )?;
            let (html, _) = factsift_html::decode(&raw);
            html_bytes += html.len();
            let mut best = f64::MAX;
            let mut page = factsift_html::extract(&html);
            for _ in 0..3 {
                let t = std::time::Instant::now();
                page = std::hint::black_box(factsift_html::extract(&html));
                best = best.min(t.elapsed().as_secs_f64());
            }
            html_secs += best;
            let mut d = Document::new(id.as_str(), page.text);
            d.url = page
                .url
                .or_else(|| truth[id]["url"].as_str().map(str::to_string));
            d.title = page.title;
            d.layout = Some(page.layout);
            docs.push(d);
        }
    }
    for line in std::fs::read_to_string(if html_mode { "/dev/null" } else { input })?.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let mut d = Document::new(
            v["id"].as_str().unwrap_or_default(),
            v["text"].as_str().unwrap_or_default(),
        );
        d.url = v["url"].as_str().map(str::to_string);
        docs.push(d);
    }
    let stripper = Stripper::builder().build()?;
    let mut learner = TemplateLearner::new();
    for d in &docs {
        learner.observe(d);
    }
    let template = learner.finish();
    let dump = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1));
    let mut dumped = String::new();
    let mut counts = Vec::new();
    // Best of five timed passes (single thread), to damp noise from other load.
    let mut strip_secs = f64::MAX;
    for _ in 0..5 {
        let t = std::time::Instant::now();
        for d in &docs {
            std::hint::black_box(stripper.strip(d));
        }
        strip_secs = strip_secs.min(t.elapsed().as_secs_f64());
    }
    for d in &docs {
        let out = if alone {
            stripper.strip(d)
        } else {
            stripper.strip_with(d, &template)
        };
        let expected = truth[&d.id]["articleBody"].as_str().unwrap_or_default();
        let c = Counts::of(expected, &out.text(d));
        if show == Some(&d.id) && args.iter().any(|a| a == "--classes") {
            for (sp, c) in stripper.line_classes(d) {
                let t = sp.slice(&d.text);
                println!("{c:>14} {}", t.chars().take(120).collect::<String>());
            }
        }
        if show == Some(&d.id) {
            println!("TITLE: {:?}", out.title_text(d));
            println!("--- KEPT\n{}", out.text(d));
            for x in &out.dropped {
                println!(
                    "--- DROP {}: {}",
                    x.reason,
                    x.span.slice(&d.text).replace('\n', " | ")
                );
            }
            println!("--- EXPECTED\n{expected}");
        }
        if dump.is_some() {
            let mut parts: Vec<(usize, usize, String)> = out
                .body
                .iter()
                .map(|s| (s.start(), s.end(), "keep".to_string()))
                .collect();
            parts.extend(out.title.map(|s| (s.start(), s.end(), "title".to_string())));
            parts.extend(
                out.dropped
                    .iter()
                    .map(|x| (x.span.start(), x.span.end(), x.reason.to_string())),
            );
            parts.sort();
            let parts: Vec<_> = parts
                .into_iter()
                .map(|(a, b, r)| serde_json::json!([r, &d.text[a..b]]))
                .collect();
            dumped.push_str(&serde_json::json!({"id": d.id, "parts": parts}).to_string());
            dumped.push('\n');
        }
        counts.push((d.id.clone(), c));
    }
    if let Some(path) = dump {
        std::fs::write(path, dumped)?;
    }
    // `--pages FILE`: per-page precision and recall, to compare runs page by page.
    if let Some(path) = args
        .iter()
        .position(|a| a == "--pages")
        .and_then(|i| args.get(i + 1))
    {
        let mut rows = String::new();
        for (id, c) in &counts {
            let (p, r) = (c.precision().unwrap_or(1.0), c.recall().unwrap_or(1.0));
            let f = if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            };
            rows.push_str(&format!("{id}\t{p:.4}\t{r:.4}\t{f:.4}\n"));
        }
        std::fs::write(path, rows)?;
    }
    let s = Summary::of(counts.iter().map(|x| x.1));
    println!(
        "pages {} precision {:.4} recall {:.4} F1 {:.4}",
        s.pages, s.precision, s.recall, s.f1
    );
    let text_bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    println!(
        "strip alone: {:.0} pages/s, {:.1} MB/s of text ({:.3}s)",
        docs.len() as f64 / strip_secs,
        text_bytes as f64 / strip_secs / 1e6,
        strip_secs
    );
    if html_mode {
        let all = strip_secs + html_secs;
        println!(
            "html extract + strip: {:.0} pages/s, {:.1} MB/s of HTML ({:.3}s)",
            docs.len() as f64 / all,
            html_bytes as f64 / all / 1e6,
            all
        );
    }
    counts.sort_by(|a, b| {
        let f = |c: &Counts| c.tp;
        f(&a.1).total_cmp(&f(&b.1))
    });
    for (id, c) in counts.iter().take(worst) {
        println!(
            "{id} P {:.3} R {:.3}",
            c.precision().unwrap_or(f64::NAN),
            c.recall().unwrap_or(f64::NAN)
        );
    }
    Ok(())
}
