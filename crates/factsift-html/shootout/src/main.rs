//! Parser shootout: pages/s and MB/s single-threaded on a directory of
//! `.html.gz` pages, and a 100,000-deep document parsed on a 2 MB stack in
//! a child process (a stack overflow aborts only the child).
//!
//! usage: factsift-html-shootout [DIR] | --deep NAME | --only NAME ROUNDS [DIR]
//!
//! `--only` runs one parser ROUNDS times and prints nothing else, so that
//! `perf stat -e task-clock` of ROUNDS=1 and ROUNDS=11 gives the CPU time
//! of 10 rounds, which a loaded machine distorts less than wall time.

use std::cell::Cell;
use std::io::Read;
use std::time::Instant;

/// Each candidate parses a page and touches its text, returning a count so
/// the work is not optimised away.
fn run(name: &str, html: &str) -> usize {
    match name {
        "factsift-html" => {
            let p = factsift_html::extract(html);
            p.text.len() + p.layout.elements.len()
        }
        "scraper(html5ever)" => {
            let doc = scraper::Html::parse_document(html);
            doc.root_element().text().map(str::len).sum::<usize>()
        }
        "tl" => match tl::parse(html, tl::ParserOptions::default()) {
            Ok(dom) => dom
                .nodes()
                .iter()
                .map(|n| match n {
                    tl::Node::Raw(b) => b.as_bytes().len(),
                    tl::Node::Tag(_) => 1,
                    _ => 0,
                })
                .sum(),
            Err(_) => 0,
        },
        "lol_html" => {
            let count = Cell::new(0usize);
            {
                let mut settings = lol_html::Settings::new();
                settings.element_content_handlers = vec![lol_html::element!("*", |_el| {
                    count.set(count.get() + 1);
                    Ok(())
                })];
                settings.document_content_handlers = vec![lol_html::doc_text!(|t| {
                    count.set(count.get() + t.as_str().len());
                    Ok(())
                })];
                let mut rw = lol_html::HtmlRewriter::new(settings, |_: &[u8]| {});
                if rw.write(html.as_bytes()).is_ok() {
                    let _ = rw.end();
                }
            }
            count.get()
        }
        "html5gum(tokenizer only)" => {
            let mut n = 0;
            for token in html5gum::Tokenizer::new(html).flatten() {
                n += match token {
                    html5gum::Token::String(s) => s.len(),
                    html5gum::Token::StartTag(_) => 1,
                    _ => 0,
                };
            }
            n
        }
        _ => 0,
    }
}

const NAMES: [&str; 5] = [
    "factsift-html",
    "scraper(html5ever)",
    "tl",
    "lol_html",
    "html5gum(tokenizer only)",
];

fn deep_doc() -> String {
    let n = 100_000;
    format!(
        "<html><body>{}x{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--deep") {
        let name = args.get(2).cloned().unwrap_or_default();
        let html = deep_doc();
        let t = Instant::now();
        let h = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || run(&name, &html))?;
        let n = h.join().map_err(|_| "panicked")?;
        println!("{:.2}s ({n})", t.elapsed().as_secs_f64());
        return Ok(());
    }
    let only = (args.get(1).map(String::as_str) == Some("--only")).then(|| {
        let name = args.get(2).cloned().unwrap_or_default();
        let rounds: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(1);
        (name, rounds)
    });
    let dir_arg = if only.is_some() { 4 } else { 1 };
    let dir = args
        .get(dir_arg)
        .cloned()
        .unwrap_or_else(|| "../shared/bench/aeb/html".into());
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
    if let Some((name, rounds)) = only {
        let mut sum = 0;
        for _ in 0..rounds {
            sum += pages.iter().map(|p| run(&name, p)).sum::<usize>();
        }
        println!("{name}: {rounds} rounds, checksum {sum}");
        return Ok(());
    }
    println!(
        "{} pages, {:.1} MB; single thread, best of 3 rounds\n{:<26} {:>9} {:>8}   100k-deep <div> on a 2 MB stack",
        pages.len(),
        total as f64 / 1e6,
        "parser",
        "pages/s",
        "MB/s"
    );
    for name in NAMES {
        let mut best = f64::MAX;
        let mut sum = 0;
        for _ in 0..3 {
            let t = Instant::now();
            sum = pages.iter().map(|p| run(name, p)).sum::<usize>();
            best = best.min(t.elapsed().as_secs_f64());
        }
        let out = std::process::Command::new(&args[0])
            .args(["--deep", name])
            .output()?;
        let deep = if out.status.success() {
            format!("ok in {}", String::from_utf8_lossy(&out.stdout).trim())
        } else {
            format!("FAILED ({})", out.status)
        };
        println!(
            "{:<26} {:>9.0} {:>8.1}   {deep}   [checksum {sum}]",
            name,
            pages.len() as f64 / best,
            total as f64 / 1e6 / best
        );
    }
    Ok(())
}
