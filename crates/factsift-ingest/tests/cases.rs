//! Runs the data-driven cases of `tests/cases/*.jsonl` (format in
//! `tests/cases/README.md`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on setup failure by design

use factsift_ingest::{Format, Item, Reader};
use flate2::{Compression, write::GzEncoder};
use serde::Deserialize;
use serde_json::Value;
use std::io::Write;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    file: String,
    content: Option<String>,
    hex: Option<String>,
    #[serde(default)]
    gzip: bool,
    max_document_bytes: Option<u64>,
    max_line_bytes: Option<u64>,
    format: Option<String>,
    expect: Vec<serde_json::Map<String, Value>>,
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn snake(value: impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

/// A checked field: `Value::Null` stands for `None`.
fn opt(s: Option<&str>) -> Value {
    s.map_or(Value::Null, |s| Value::String(s.to_string()))
}

fn check(case: &str, index: usize, item: &Item, expect: &serde_json::Map<String, Value>) {
    let at = format!("case {case:?}, item {index}");
    let mut actual = serde_json::Map::new();
    match item {
        Item::Document { doc, warnings } => {
            assert!(
                !expect.contains_key("skip"),
                "{at}: expected a skip, got document {doc:?}"
            );
            actual.insert("id".into(), doc.id.clone().into());
            actual.insert("source".into(), doc.source.clone().into());
            let date = doc.date.map(|d| d.to_string());
            actual.insert("date".into(), opt(date.as_deref()));
            actual.insert("text".into(), doc.text.clone().into());
            actual.insert("url".into(), opt(doc.url.as_deref()));
            actual.insert("title".into(), opt(doc.title.as_deref()));
            let kinds: Vec<Value> = warnings.iter().map(|w| snake(w.kind()).into()).collect();
            let expected = expect
                .get("warnings")
                .cloned()
                .unwrap_or(Value::Array(vec![]));
            assert_eq!(Value::Array(kinds), expected, "{at}: warnings {warnings:?}");
            if let Some(Value::String(prefix)) = expect.get("text_starts") {
                assert!(
                    doc.text.starts_with(prefix.as_str()),
                    "{at}: text {:?}",
                    doc.text
                );
            }
            if let Some(Value::String(part)) = expect.get("text_contains") {
                assert!(
                    doc.text.contains(part.as_str()),
                    "{at}: text {:?}",
                    doc.text
                );
            }
        }
        Item::Skipped(err) => {
            let Some(Value::String(kind)) = expect.get("skip") else {
                panic!("{at}: expected a document, got skip: {err}");
            };
            assert_eq!(&snake(err.reason.kind()), kind, "{at}: {err}");
            actual.insert("line".into(), err.line.map_or(Value::Null, Value::from));
            actual.insert("id".into(), opt(err.id.as_deref()));
            actual.insert("message".into(), err.to_string().into());
            // A skip's message always names the file.
            assert!(err.to_string().starts_with(&err.file), "{at}: {err}");
        }
    }
    for (key, want) in expect {
        if matches!(
            key.as_str(),
            "skip" | "warnings" | "text_starts" | "text_contains"
        ) {
            continue;
        }
        let got = actual
            .get(key)
            .unwrap_or_else(|| panic!("{at}: unknown field {key:?}"));
        assert_eq!(got, want, "{at}: field {key}");
    }
}

fn run_file(text: &str) -> usize {
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: Case = serde_json::from_str(line).unwrap();
        let mut bytes = match (&case.content, &case.hex) {
            (Some(s), None) => s.as_bytes().to_vec(),
            (None, Some(h)) => unhex(h),
            _ => panic!("case {:?}: give content or hex", case.name),
        };
        if case.gzip {
            let mut enc = GzEncoder::new(Vec::new(), Compression::default());
            enc.write_all(&bytes).unwrap();
            bytes = enc.finish().unwrap();
        }
        let mut builder = Reader::builder();
        if let Some(limit) = case.max_document_bytes {
            builder = builder.max_document_bytes(limit);
        }
        if let Some(limit) = case.max_line_bytes {
            builder = builder.max_line_bytes(limit);
        }
        let format = case.format.as_deref().map(|f| match f {
            "text" => Format::Text,
            "html" => Format::Html,
            "jsonl" => Format::Jsonl,
            other => panic!("unknown format {other}"),
        });
        let reader = builder.format(format).build().unwrap();
        let mut items = reader.read_from(&case.file, &bytes[..]);
        let got: Vec<Item> = items.by_ref().collect();
        assert_eq!(
            got.len(),
            case.expect.len(),
            "case {:?}: items {got:#?}",
            case.name
        );
        for (i, (item, expect)) in got.iter().zip(&case.expect).enumerate() {
            check(&case.name, i, item, expect);
        }
        let summary = items.summary();
        assert_eq!(summary.total(), got.len() as u64, "case {:?}", case.name);
        assert_eq!(summary.files, 1);
        n += 1;
    }
    n
}

#[test]
fn ingest_cases() {
    let n = run_file(include_str!("cases/ingest.jsonl"));
    assert!(n >= 40, "only {n} cases ran");
}
