//! Score floors: the whole pipeline, run by the binary, scored against the
//! hand-made gold with the fact contract's rule. A regression below a floor
//! fails CI. Floors sit a little under the measured scores (BENCHMARKS.md).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::collections::BTreeSet;
use std::path::PathBuf;

mod common;
use common::{factsift, repo, succeed};

/// `../shared` beside the checkout; CI always has it, elsewhere the test
/// says it skips.
fn shared() -> Option<PathBuf> {
    let dir = repo().join("../shared");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must have ../shared beside the checkout"
    );
    eprintln!("skipped: ../shared is not beside the checkout");
    None
}

fn extract(inputs: &[PathBuf]) -> Vec<factsift_core::Fact> {
    let out = succeed(factsift().args(["extract", "-q"]).args(inputs));
    factsift_eval::parse_facts(&out.stdout[..], "extract output").unwrap()
}

fn gold(name: &str) -> Vec<factsift_core::Fact> {
    factsift_eval::read_facts(repo().join("gold").join(name)).unwrap()
}

#[test]
fn seed_pages_score_above_floors() {
    let gold = gold("seeds.jsonl");
    let pred = extract(&[repo().join("corpus")]);
    let report = factsift_eval::score(&gold, &pred);
    eprintln!("{}", report.table());
    assert!(
        report.strict.f1 >= 0.90,
        "strict F1 {:.3} < 0.90",
        report.strict.f1
    );
    assert!(
        report.lenient.f1 >= 0.95,
        "lenient F1 {:.3} < 0.95",
        report.lenient.f1
    );
}

#[test]
fn no_fact_comes_from_boilerplate() {
    // Every source sentence must lie in the article: the seeds' teasers,
    // menus and bios mention numbers too (26M, $10, $150, 20 years).
    let pred = extract(&[repo().join("corpus")]);
    let boilerplate = ["26M", "$10 extra", "$150", "$6 extra", "20 years", "3210"];
    for fact in &pred {
        for source in &fact.sources {
            for needle in boilerplate {
                assert!(
                    !source.text.contains(needle),
                    "fact from boilerplate: {:?}",
                    source.text
                );
            }
        }
    }
}

#[test]
fn bbc_business_scores_above_floors() {
    let Some(shared) = shared() else { return };
    let gold = gold("bbc_business.jsonl");
    let docs: BTreeSet<&str> = gold
        .iter()
        .flat_map(|f| f.sources.iter().map(|s| s.doc.as_str()))
        .collect();
    let inputs: Vec<PathBuf> = docs
        .iter()
        .map(|d| shared.join("bench/bbc_business").join(format!("{d}.txt")))
        .collect();
    let pred = extract(&inputs);
    let report = factsift_eval::score(&gold, &pred);
    eprintln!("{}", report.table());
    assert!(
        report.strict.f1 >= 0.28,
        "strict F1 {:.3} below its floor",
        report.strict.f1
    );
    assert!(
        report.lenient.f1 >= 0.48,
        "lenient F1 {:.3} below its floor",
        report.lenient.f1
    );
}
