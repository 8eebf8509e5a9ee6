//! AEB benchmark scores with floors: HTML pages through `factsift-html`,
//! and the w3m renderings of the same pages as text pages.
//!
//! The benchmark lives outside the repository (`../shared/bench/aeb` from
//! the workspace root); the renderings are made by
//! `scripts/strip_render_aeb.sh` into `bench-out/aeb-w3m.jsonl`. A test whose
//! data is absent says so and passes without scoring.

#![allow(clippy::unwrap_used)] // test helpers fail loudly on bad fixtures

use factsift_core::Document;
use factsift_strip::score::{Counts, Summary};
use factsift_strip::{Stripper, TemplateLearner};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// Floors: a little under the figures measured when they were set
/// (HTML alone 0.9754, HTML with template evidence 0.9741; w3m text pages
/// with template evidence 0.9343).
const HTML_F1_FLOOR: f64 = 0.975;
const HTML_TEMPLATE_F1_FLOOR: f64 = 0.974;
const TEXT_F1_FLOOR: f64 = 0.934;

fn aeb_dir() -> PathBuf {
    Path::new(ROOT).join("../shared/bench/aeb")
}

fn truth() -> Option<HashMap<String, serde_json::Value>> {
    let path = aeb_dir().join("ground-truth.json");
    let text = std::fs::read_to_string(&path).ok()?;
    Some(serde_json::from_str(&text).unwrap())
}

fn score(docs: &[Document], truth: &HashMap<String, serde_json::Value>, template: bool) -> Summary {
    let stripper = Stripper::builder().build().unwrap();
    let mut learner = TemplateLearner::new();
    if template {
        docs.iter().for_each(|d| learner.observe(d));
    }
    let t = learner.finish();
    Summary::of(docs.iter().map(|d| {
        let out = stripper.strip_with(d, &t);
        for s in out.body.iter().chain(out.title.iter()) {
            assert!(s.end() <= d.text.len() && d.text.is_char_boundary(s.start()));
        }
        Counts::of(truth[&d.id]["articleBody"].as_str().unwrap(), &out.text(d))
    }))
}

#[test]
fn aeb_html_pages() {
    let Some(truth) = truth() else {
        eprintln!(
            "SKIPPED: AEB benchmark not found at {}",
            aeb_dir().display()
        );
        return;
    };
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    let docs: Vec<Document> = ids
        .iter()
        .map(|id| {
            let path = aeb_dir().join("html").join(format!("{id}.html.gz"));
            let mut raw = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
                .read_to_end(&mut raw)
                .unwrap();
            let (html, _) = factsift_html::decode(&raw);
            let page = factsift_html::extract(&html);
            let mut d = Document::new(id.as_str(), page.text);
            d.url = page
                .url
                .or_else(|| truth[*id]["url"].as_str().map(str::to_string));
            d.title = page.title;
            d.layout = Some(page.layout);
            d
        })
        .collect();
    let s = score(&docs, &truth, false);
    eprintln!(
        "AEB HTML: P {:.4} R {:.4} F1 {:.4}",
        s.precision, s.recall, s.f1
    );
    assert_eq!(s.pages, 181);
    assert!(
        s.f1 >= HTML_F1_FLOOR,
        "AEB HTML F1 {:.4} < floor {HTML_F1_FLOOR}",
        s.f1
    );
    // The default mode of a run: template evidence learned over all pages.
    let t = score(&docs, &truth, true);
    eprintln!(
        "AEB HTML with templates: P {:.4} R {:.4} F1 {:.4}",
        t.precision, t.recall, t.f1
    );
    assert!(
        t.f1 >= HTML_TEMPLATE_F1_FLOOR,
        "AEB HTML F1 with templates {:.4} < floor {HTML_TEMPLATE_F1_FLOOR}",
        t.f1
    );
}

#[test]
fn aeb_w3m_renderings_as_text_pages() {
    let path = Path::new(ROOT).join("bench-out/aeb-w3m.jsonl");
    let (Some(truth), Ok(jsonl)) = (truth(), std::fs::read_to_string(&path)) else {
        eprintln!(
            "SKIPPED: no AEB renderings at {} (make them with scripts/strip_render_aeb.sh, needs w3m)",
            path.display()
        );
        return;
    };
    let docs: Vec<Document> = jsonl
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let mut d = Document::new(v["id"].as_str().unwrap(), v["text"].as_str().unwrap());
            d.url = v["url"].as_str().map(str::to_string);
            d
        })
        .collect();
    let s = score(&docs, &truth, true);
    eprintln!(
        "AEB w3m text pages: P {:.4} R {:.4} F1 {:.4}",
        s.precision, s.recall, s.f1
    );
    assert_eq!(s.pages, 181);
    assert!(
        s.f1 >= TEXT_F1_FLOOR,
        "AEB text F1 {:.4} < floor {TEXT_F1_FLOOR}",
        s.f1
    );
}
