//! On the 181 real pages of the AEB benchmark (`../shared/bench/aeb` beside
//! the workspace): every page and truncated prefixes of it keep the
//! `Page` invariants, and the extracted full text keeps the article: the
//! ground truth's 4-token shingles are found in it (recall floor), so a
//! change that loses visible text fails here before it costs the stripper.

use std::collections::HashMap;
use std::io::Read;

fn aeb_dir() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/bench/aeb").to_string()
}

fn load() -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
    let dir = format!("{}/html", aeb_dir());
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        if path.to_string_lossy().ends_with(".html.gz") {
            paths.push(path);
        }
    }
    paths.sort();
    let mut pages = Vec::new();
    for p in &paths {
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(p)?).read_to_end(&mut bytes)?;
        let name = p.file_name().ok_or("no file name")?.to_string_lossy();
        let id = name.trim_end_matches(".html.gz").to_string();
        pages.push((id, factsift_html::decode(&bytes).0));
    }
    Ok(pages)
}

/// Tokens as the AEB metric has them: runs of word characters.
fn shingles(text: &str) -> HashMap<[&str; 4], usize> {
    let tokens: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect();
    let mut out = HashMap::new();
    for w in tokens.windows(4) {
        *out.entry([w[0], w[1], w[2], w[3]]).or_insert(0) += 1;
    }
    out
}

fn check_lines(page: &factsift_html::Page) {
    let lines: Vec<&str> = page.text.split_terminator('\n').collect();
    assert_eq!(lines.len(), page.layout.blocks.len());
    for (b, line) in page.layout.blocks.iter().zip(lines) {
        assert_eq!(b.span.slice(&page.text), line);
        assert!(!line.trim().is_empty());
        assert!(b.link_bytes <= b.span.len());
        assert!(b.element < page.layout.elements.len());
    }
    for (i, e) in page.layout.elements.iter().enumerate() {
        assert!(e.parent.is_none_or(|p| p < i));
    }
}

#[test]
fn aeb_pages_keep_invariants_and_the_article_text() {
    let pages = load().unwrap();
    assert_eq!(pages.len(), 181);
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{}/ground-truth.json", aeb_dir())).unwrap(),
    )
    .unwrap();
    let mut recalls = Vec::new();
    let (mut titles, mut urls, mut dates) = (0, 0, 0);
    for (id, html) in &pages {
        let page = factsift_html::extract(html);
        check_lines(&page);
        titles += page.title.is_some() as usize;
        urls += page.url.is_some() as usize;
        dates += page.date.is_some() as usize;
        // Truncated pages (cut mid-tag, mid-attribute, mid-entity...).
        for cut in [html.len() / 3, html.len() * 2 / 3] {
            let mut cut = cut;
            while !html.is_char_boundary(cut) {
                cut -= 1;
            }
            check_lines(&factsift_html::extract(&html[..cut]));
        }
        let body = truth[id.as_str()]["articleBody"].as_str().unwrap_or("");
        let want = shingles(body);
        let total: usize = want.values().sum();
        if total == 0 {
            continue;
        }
        let have = shingles(&page.text);
        let found: usize = want
            .iter()
            .map(|(s, &n)| n.min(have.get(s).copied().unwrap_or(0)))
            .sum();
        recalls.push(found as f64 / total as f64);
    }
    let mean = recalls.iter().sum::<f64>() / recalls.len() as f64;
    // Measured 0.993 (scripts/html_recall.py gives the per-page figures).
    assert!(mean >= 0.99, "mean recall of the article text {mean:.4}");
    // Measured: 181 titles, 174 URLs, 160 dates.
    assert_eq!(titles, 181);
    assert!(urls >= 170, "{urls} URLs");
    assert!(dates >= 155, "{dates} dates");
}
