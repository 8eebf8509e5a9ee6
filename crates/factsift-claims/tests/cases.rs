//! Runs every case of `tests/cases/*.txt` through the extractor with the
//! tags written inline in the case, and compares all fact fields.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use factsift_claims::ClaimExtractor;
use factsift_core::Document;

fn run_file(name: &str, src: &str) -> (usize, Vec<String>) {
    let extractor = ClaimExtractor::builder().build().unwrap();
    let cases = common::parse_cases(src);
    let mut failures = Vec::new();
    for case in &cases {
        let (text, tags) = common::parse_marked(&case.marked);
        let tokenized = common::tokenize(&text);
        let mut doc = Document::new("case", text.clone());
        doc.date = case.date;
        let facts = extractor.extract(&doc, &tokenized, &tags);
        let mut got: Vec<String> = facts.iter().map(common::fact_line).collect();
        let mut want = case.expected.clone();
        got.sort();
        want.sort();
        if got != want {
            failures.push(format!(
                "{name}:{}: {text}\n  expected:\n{}\n  got:\n{}",
                case.line,
                want.iter()
                    .map(|w| format!("    {w}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
                got.iter()
                    .map(|w| format!("    {w}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ));
        }
        for f in &facts {
            let s = &f.sources[0];
            assert_eq!(text.get(s.start..s.end), Some(s.text.as_str()));
        }
    }
    (cases.len(), failures)
}

#[test]
fn case_files() {
    let files = [
        ("claims.txt", include_str!("cases/claims.txt")),
        ("non_facts.txt", include_str!("cases/non_facts.txt")),
        ("documents.txt", include_str!("cases/documents.txt")),
    ];
    let mut total = 0;
    let mut failures = Vec::new();
    for (name, src) in files {
        let (n, f) = run_file(name, src);
        total += n;
        failures.extend(f);
    }
    assert!(total >= 40, "only {total} cases");
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
