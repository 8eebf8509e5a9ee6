//! End-to-end tests of the HTML report: sections present, hostile text kept
//! as data, embedded JSON parses and round-trips.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use factsift_core::{Date, Document, Fact};
use factsift_dedup::{MergedFact, Merger};
use factsift_pipeline::{Annotated, Pipeline};
use factsift_report::Report;
use proptest::prelude::*;
use serde_json::Value;

const HOSTILE: &str = include_str!("cases/hostile.txt");

fn hostile_lines() -> Vec<&'static str> {
    HOSTILE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect()
}

fn html(report: &Report) -> String {
    let mut out = Vec::new();
    report.write_html(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Every `<script ...>` block: (opening tag, content).
fn scripts(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut pos = 0;
    while let Some(i) = lower[pos..].find("<script") {
        let start = pos + i;
        let tag_end = start + lower[start..].find('>').unwrap() + 1;
        let end = tag_end + lower[tag_end..].find("</script").unwrap();
        out.push((
            html[start..tag_end].to_string(),
            html[tag_end..end].to_string(),
        ));
        pos = end + "</script".len();
    }
    out
}

fn json_blocks(html: &str) -> Vec<(String, Value)> {
    scripts(html)
        .into_iter()
        .filter(|(tag, _)| tag.contains("application/json"))
        .map(|(tag, body)| {
            let v: Value = serde_json::from_str(&body)
                .unwrap_or_else(|e| panic!("block {tag} does not parse: {e}"));
            (tag, v)
        })
        .collect()
}

fn pipeline_report(texts: &[(&str, &str)]) -> (Report, Vec<MergedFact>) {
    let pipeline = Pipeline::builder().build().unwrap();
    let mut report = Report::new();
    let mut facts = Vec::new();
    for (id, text) in texts {
        let mut doc = Document::new(*id, *text);
        doc.date = Date::new(2017, 7, 7);
        let annotated = pipeline.run(&doc);
        report.add_document(&doc, &annotated);
        facts.extend(annotated.facts.into_iter().map(MergedFact::from));
    }
    let merged = Merger::new().merge(facts);
    report.set_facts(&merged);
    (report, merged)
}

const PAGE: &str = "Home | News | Tech | Sport\n\
    Xiaomi shipped 23.16 million smartphones in the second quarter, the company said on Friday.\n\
    Revenue rose 9.6 percent to $1.2 billion in 2016.\n\
    Copyright 2017 Example Media. All rights reserved.";

#[test]
fn small_document_has_every_section() {
    let (mut report, merged) = pipeline_report(&[("d1", PAGE)]);
    assert!(
        !merged.is_empty(),
        "the pipeline found no fact in the test page"
    );
    let gold: Vec<Fact> = vec![Fact::from(merged[0].clone())];
    report.set_gold(&gold);
    let html = html(&report);
    for id in [
        "view-index",
        "view-facts",
        "view-gold",
        "view-doc",
        "index-table",
        "facts-table",
        "facts-subject",
        "facts-metric",
        "gold-summary",
        "gold-misses",
        "doc-text",
        "doc-facts",
        "report-data",
        "doc-0",
    ] {
        assert!(
            html.contains(&format!("id=\"{id}\"")),
            "missing element #{id}"
        );
    }
    // Self-contained: no external scripts, styles or images.
    for bad in ["src=\"http", "href=\"http", "<link", "@import", "url("] {
        assert!(!html.contains(bad), "external asset reference {bad:?}");
    }
    let blocks = json_blocks(&html);
    assert_eq!(blocks.len(), 2);
    let data = &blocks[0].1;
    assert_eq!(data["docs"][0]["id"], "d1");
    assert_eq!(data["facts"].as_array().unwrap().len(), merged.len());
    assert_eq!(data["gold"]["summary"]["strict"]["tp"], 1);
    assert_eq!(data["gold"]["status"][0], "hit");
    let statuses = data["gold"]["status"].as_array().unwrap();
    assert!(statuses[1..].iter().all(|s| s == "fp" || s == "lenient"));

    let doc = &blocks[1].1;
    let text = doc["text"].as_str().unwrap();
    assert_eq!(text, PAGE);
    // Quantities carry their normalised value for the hover text.
    let q = doc["quantities"].as_array().unwrap();
    assert!(
        q.iter()
            .any(|q| q[3].as_str().unwrap().starts_with("23160000")),
        "{q:?}"
    );
    // Every span is in bounds and on character boundaries.
    for key in [
        "dropped",
        "entities",
        "quantities",
        "times",
        "sentences",
        "facts",
    ] {
        for s in doc[key].as_array().unwrap() {
            let (a, b) = (
                s[0].as_u64().unwrap() as usize,
                s[1].as_u64().unwrap() as usize,
            );
            assert!(text.get(a..b).is_some(), "{key} span {a}..{b}");
        }
    }
    // The fact is linked to its source sentence.
    let fact = &doc["facts"][0];
    let (a, b) = (
        fact[0].as_u64().unwrap() as usize,
        fact[1].as_u64().unwrap() as usize,
    );
    assert!(text[a..b].contains("23.16 million"));
}

#[test]
fn hostile_text_stays_data() {
    let lines = hostile_lines();
    assert!(lines.len() >= 8);
    let text = lines.join("\n");
    let pipeline = Pipeline::builder().build().unwrap();
    let mut report = Report::new();
    report.set_title(lines[0]);
    for (i, line) in lines.iter().enumerate() {
        let mut doc = Document::new(format!("{line}{i}"), format!("{line}\n{text}"));
        doc.source = line.to_string();
        doc.url = Some(line.to_string());
        report.add_document(&doc, &pipeline.run(&doc));
        report.add_skipped(*line, *line);
    }
    let fact: Fact = serde_json::from_value(serde_json::json!({
        "subject": lines[0], "metric": lines[1], "value": 1, "unit": lines[2],
        "sources": [{"doc": lines[3], "start": 0, "end": 1, "text": lines[4]}]
    }))
    .unwrap();
    report.set_facts(&[MergedFact::from(fact.clone())]);
    report.set_gold(&[fact]);
    let html = html(&report);

    // Exactly our own script elements: data blocks + the page script.
    let blocks = scripts(&html);
    assert_eq!(blocks.len(), lines.len() + 2);
    assert_eq!(
        html.to_ascii_lowercase().matches("</script").count(),
        blocks.len()
    );
    assert!(!html.contains("<img") && !html.contains("<svg") && !html.contains("<!--"));
    // The title is HTML-escaped.
    assert!(html.contains("<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
    // And every string survives the trip through the embedded JSON.
    let parsed = json_blocks(&html);
    for (i, line) in lines.iter().enumerate() {
        let doc = &parsed[i + 1].1;
        assert_eq!(doc["id"], format!("{line}{i}"));
        assert_eq!(doc["source"], *line);
        assert_eq!(doc["text"], format!("{line}\n{text}"));
    }
    assert_eq!(parsed[0].1["facts"][0]["subject"], lines[0]);
    assert_eq!(parsed[0].1["skipped"][1]["reason"], lines[1]);
}

#[test]
fn bad_spans_are_left_out() {
    let doc = Document::new("d", "é and more");
    let mut annotated = Annotated::default();
    annotated.tokenized.sentences.push(factsift_core::Sentence {
        span: factsift_core::Span::from_range(1..3),
        tokens: 0..0,
    });
    annotated.tokenized.sentences.push(factsift_core::Sentence {
        span: factsift_core::Span::from_range(0..50),
        tokens: 0..0,
    });
    annotated.tokenized.sentences.push(factsift_core::Sentence {
        span: factsift_core::Span::from_range(0..2),
        tokens: 0..0,
    });
    let mut report = Report::new();
    report.add_document(&doc, &annotated);
    let parsed = json_blocks(&html(&report));
    assert_eq!(parsed[1].1["sentences"], serde_json::json!([[0, 2]]));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_text_round_trips(text in "(\\PC|<|/|>|&|script|\n){0,80}", id in "\\PC{0,12}") {
        let doc = Document::new(id.clone(), text.clone());
        let mut report = Report::new();
        report.add_document(&doc, &Annotated::default());
        let html = html(&report);
        let blocks = json_blocks(&html);
        prop_assert_eq!(blocks.len(), 2);
        prop_assert_eq!(&blocks[1].1["text"], &Value::String(text));
        prop_assert_eq!(&blocks[1].1["id"], &Value::String(id));
    }
}
