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
        report.strict.f1 >= 0.93,
        "strict F1 {:.3} < 0.93",
        report.strict.f1
    );
    assert!(
        report.lenient.f1 >= 0.99,
        "lenient F1 {:.3} < 0.99",
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

/// Extracts the BBC articles `docs`, scores them against `gold_name` and
/// checks both floors.
fn bbc_scores_above(shared: &std::path::Path, gold_name: &str, docs: &[&str], floors: (f64, f64)) {
    let gold = gold(gold_name);
    let inputs: Vec<PathBuf> = docs
        .iter()
        .map(|d| shared.join("bench/bbc_business").join(format!("{d}.txt")))
        .collect();
    let pred = extract(&inputs);
    let report = factsift_eval::score(&gold, &pred);
    eprintln!("{gold_name}:\n{}", report.table());
    let (strict, lenient) = floors;
    assert!(
        report.strict.f1 >= strict,
        "{gold_name}: strict F1 {:.3} below its floor {strict}",
        report.strict.f1
    );
    assert!(
        report.lenient.f1 >= lenient,
        "{gold_name}: lenient F1 {:.3} below its floor {lenient}",
        report.lenient.f1
    );
}

#[test]
fn bbc_business_scores_above_floors() {
    let Some(shared) = shared() else { return };
    let gold = gold("bbc_business.jsonl");
    let docs: BTreeSet<&str> = gold
        .iter()
        .flat_map(|f| f.sources.iter().map(|s| s.doc.as_str()))
        .collect();
    let docs: Vec<&str> = docs.into_iter().collect();
    bbc_scores_above(&shared, "bbc_business.jsonl", &docs, (0.85, 0.92));
}

/// The held-out articles of `gold/bbc_heldout.jsonl`, chosen by a fixed
/// rule (every 13th unannotated file, see `gold/README.md`) and annotated
/// blind. Three of them state no fact, so the list is not read off the gold:
/// whatever is extracted from them is a false positive.
const HELD_OUT: [&str; 25] = [
    "002", "020", "034", "052", "070", "083", "097", "114", "134", "148", "162", "179", "193",
    "208", "222", "235", "249", "264", "280", "293", "308", "323", "337", "351", "364",
];

/// Generalisation: nobody tunes on the held-out gold, so its floor catches a
/// change that fits the tuning set at the expense of unseen articles.
#[test]
fn bbc_held_out_scores_above_floors() {
    let Some(shared) = shared() else { return };
    bbc_scores_above(&shared, "bbc_heldout.jsonl", &HELD_OUT, (0.37, 0.47));
}
