//! The extractor behind the real tokenizer and tagger: the plain-text case
//! file `tests/cases/e2e.txt`, the seed pages, and arbitrary text.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use factsift_claims::ClaimExtractor;
use factsift_core::{Document, Fact};
use proptest::prelude::*;
use std::sync::OnceLock;

struct Stages {
    tokenizer: factsift_tokenize::Tokenizer,
    tagger: factsift_tag::Tagger,
    extractor: ClaimExtractor,
}

fn stages() -> &'static Stages {
    static STAGES: OnceLock<Stages> = OnceLock::new();
    STAGES.get_or_init(|| Stages {
        tokenizer: factsift_tokenize::Tokenizer::new(),
        tagger: factsift_tag::Tagger::builder().build().unwrap(),
        extractor: ClaimExtractor::builder().build().unwrap(),
    })
}

fn run(doc: &Document) -> Vec<Fact> {
    let s = stages();
    let tokenized = s.tokenizer.tokenize(&doc.text);
    let tags = s.tagger.tag(&doc.text, &tokenized, doc.date);
    s.extractor.extract(doc, &tokenized, &tags)
}

#[test]
fn e2e_cases() {
    let cases = common::parse_cases(include_str!("cases/e2e.txt"));
    assert!(cases.len() >= 5);
    let mut failures = Vec::new();
    for case in &cases {
        let mut doc = Document::new("case", case.marked.clone());
        doc.date = case.date;
        let mut got: Vec<String> = run(&doc).iter().map(common::fact_line).collect();
        let mut want = case.expected.clone();
        got.sort();
        want.sort();
        if got != want {
            failures.push(format!(
                "e2e.txt:{}: {}\n  expected: {want:#?}\n  got: {got:#?}",
                case.line, case.marked
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The seed pages read end to end: a handful of facts each, all with
/// sources that slice the page, and none from a phone number or year.
#[test]
fn seed_pages() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return; // the corpus is not shipped with the crate alone
    };
    let mut total = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        let raw = std::fs::read_to_string(&path).unwrap();
        let (date, text) = match raw.strip_prefix(" date ") {
            Some(rest) if rest.len() > 11 => (rest[..10].parse().ok(), rest[11..].to_string()),
            _ => (None, raw.clone()),
        };
        let mut doc = Document::new("seed", text);
        doc.date = date;
        let facts = run(&doc);
        for f in &facts {
            let s = &f.sources[0];
            assert_eq!(doc.text.get(s.start..s.end), Some(s.text.as_str()));
            assert!(
                !(1900.0..=2100.0).contains(&f.value) || f.unit != "count",
                "{f:?}"
            );
        }
        total += facts.len();
    }
    assert!(total >= 20, "only {total} facts from the seed pages");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Arbitrary text never panics, and every source is a sentence of it.
    #[test]
    fn arbitrary_text(text in "\\PC{0,300}") {
        let doc = Document::new("p", text);
        for f in run(&doc) {
            let s = &f.sources[0];
            prop_assert_eq!(doc.text.get(s.start..s.end), Some(s.text.as_str()));
        }
    }

    /// News-like text built from trigger words and numbers never panics.
    #[test]
    fn newsy_text(words in proptest::collection::vec(prop_oneof![
        Just("Samsung"), Just("shipped"), Just("10 million"), Just("units"), Just("in"),
        Just("Q2"), Just("2017"), Just("rose"), Just("5%"), Just("to"), Just("$3bn"),
        Just("it"), Just("the company"), Just("from"), Just("a year earlier"), Just("."),
        Just("India"), Just("its home market"), Just("fourth"), Just("place"), Just("will"),
        Just("£"), Just("’s"), Just("\n"), Just("stake"), Just("jobs"), Just("cut"),
    ], 0..60)) {
        let doc = Document::new("p", words.join(" "));
        for f in run(&doc) {
            let s = &f.sources[0];
            prop_assert_eq!(doc.text.get(s.start..s.end), Some(s.text.as_str()));
            prop_assert!(f.value.is_finite());
        }
    }
}
