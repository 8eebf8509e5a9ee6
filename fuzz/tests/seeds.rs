//! Replays every fuzz target on the project's pages, on hand-written hostile
//! inputs, and on every file under `fuzz/corpus/<target>` and
//! `fuzz/artifacts/<target>` (inputs libFuzzer kept or crashed on), so the
//! targets' checks run under plain `cargo test` on stable too.

use std::path::{Path, PathBuf};

type Target = fn(&[u8]);

const TARGETS: [(&str, Target); 7] = [
    ("tokenize", factsift_fuzz::tokenize),
    ("ingest", factsift_fuzz::ingest),
    ("jsonl", factsift_fuzz::jsonl),
    ("html", factsift_fuzz::html),
    ("strip", factsift_fuzz::strip),
    ("tag", factsift_fuzz::tag),
    ("pipeline", factsift_fuzz::pipeline),
];

/// The fuzz package's directory.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.is_file());
    files.sort();
    files
}

/// Inputs that hit the edges of the parsers; each is also prefixed with
/// every selector byte a target might read.
fn hostile() -> Vec<Vec<u8>> {
    let mut inputs: Vec<Vec<u8>> = vec![
        vec![],
        b" date 2017-02-30 title".to_vec(),
        b" date 9999-99-99".to_vec(),
        b"\xff\xfe\x00<\x00p\x00>\x00".to_vec(),
        b"\xef\xbb\xbf\xef\xbb\xbf text".to_vec(),
        b"\x1f\x8b\x08\x00\x00\x00".to_vec(),
        b"{\"id\": 5, \"text\": [1]}\n{\"id\":\"a\",\"html\":null}\n{".to_vec(),
        b"{\"id\":\"a\",\"text\":\"x\",\"date\":\"2017-13-45\"}\n".to_vec(),
        b"WARC/1.0\r\nContent-Length: 99999999999999999999\r\n\r\n".to_vec(),
        b"Revenue was 1e400 dollars and 1e-400 and 10^999.".to_vec(),
        b"<p><p><p><b><i><table><tr><td>unclosed".to_vec(),
        b"<!-- never closed <script> x".to_vec(),
        b"\xed\xa0\x80 lone surrogate bytes \xc0\xaf".to_vec(),
    ];
    let mut digits = b"Sales rose to $".to_vec();
    digits.extend(std::iter::repeat_n(b'9', 1000));
    digits.extend(b" billion in Q3 2017.");
    inputs.push(digits);
    let mut many = b"Xiaomi shipped".to_vec();
    for i in 0..2000 {
        many.extend(format!(" {i}.5 million,").as_bytes());
    }
    inputs.push(many);
    let deep = "<div>".repeat(20_000) + "text";
    inputs.push(deep.into_bytes());
    let mut prefixed = Vec::new();
    for input in &inputs {
        for first in 0u8..8 {
            let mut p = vec![first];
            p.extend(input);
            prefixed.push(p);
        }
    }
    inputs.extend(prefixed);
    inputs
}

#[test]
fn every_target_survives_the_seed_pages_and_hostile_inputs() {
    let mut seeds: Vec<Vec<u8>> = files_in(&root().join("../corpus"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter_map(|p| std::fs::read(p).ok())
        .collect();
    assert!(!seeds.is_empty(), "the seed pages are in corpus/");
    seeds.extend(hostile());
    for (name, target) in TARGETS {
        eprintln!("{name}: {} seeds", seeds.len());
        for seed in &seeds {
            target(seed);
        }
    }
}

#[test]
fn every_target_survives_its_kept_corpus_and_past_crashes() {
    for (name, target) in TARGETS {
        for dir in ["corpus", "artifacts", "regressions"] {
            for path in files_in(&root().join(dir).join(name)) {
                let data = std::fs::read(&path).unwrap_or_default();
                eprintln!("{name}: {}", path.display());
                target(&data);
            }
        }
    }
}
