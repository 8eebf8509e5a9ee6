//! Scale-out on Spark: `scripts/spark_run.py` pipes repartitioned JSONL
//! documents through `factsift extract --emit partial -` and reduces with
//! `factsift merge`; its facts must be the bytes of one single-process run.
//! Skipped (with a message) when pyspark is not installed.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{factsift, repo, succeed};

/// A Python that can import pyspark: the venv of scripts/spark_setup.sh, else python3.
fn spark_python() -> Option<PathBuf> {
    let venv = repo().join("scripts/.venv-spark/bin/python");
    let candidates = [venv, PathBuf::from("python3")];
    candidates.into_iter().find(|py| {
        Command::new(py)
            .args(["-c", "import pyspark"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// One JSONL record per line, as a dump would hold them.
fn record(id: &str, text: &str, date: Option<&str>) -> String {
    let mut r = serde_json::Map::new();
    r.insert("id".into(), id.into());
    r.insert("text".into(), text.into());
    if let Some(d) = date {
        r.insert("date".into(), d.into());
    }
    serde_json::Value::Object(r).to_string()
}

/// Seed pages (date line moved into `date`), a re-chromed near-duplicate of
/// two of them (so duplicates land in different partitions), and BBC
/// business texts when ../shared is beside the checkout.
fn dump(dir: &Path) -> PathBuf {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(repo().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    pages.sort();
    let mut lines = Vec::new();
    for p in &pages {
        let raw = std::fs::read_to_string(p).unwrap();
        let id = p.file_stem().unwrap().to_string_lossy().into_owned();
        let (date, text) = match raw.strip_prefix(" date ") {
            Some(rest) if rest.len() > 11 && rest.as_bytes()[10] == b' ' => {
                (Some(&rest[..10]), &rest[11..])
            }
            _ => (None, raw.as_str()),
        };
        lines.push(record(&id, text, date));
        if id.starts_with("001") || id.starts_with("002") {
            let copy = format!("Home\nWorld\nBusiness\n{text}\nShare this story\n© Other Site");
            lines.push(record(&format!("copy-of-{id}"), &copy, date));
        }
    }
    let bbc = repo().join("../shared/bench/bbc_business");
    if bbc.is_dir() {
        for n in [1, 4, 7, 13, 21, 42, 99, 253, 265, 267, 333, 365, 386] {
            let p = bbc.join(format!("{n:03}.txt"));
            if let Ok(text) = std::fs::read_to_string(&p) {
                lines.push(record(&format!("bbc-{n:03}"), &text, None));
            }
        }
    } else {
        eprintln!("../shared is absent: the seed pages only");
    }
    let path = dir.join("docs.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

#[test]
fn spark_run_equals_single_process_run() {
    let Some(python) = spark_python() else {
        eprintln!("skipped: pyspark is not installed (scripts/spark_setup.sh installs it)");
        return;
    };
    let bin = env!("CARGO_BIN_EXE_factsift");
    let dir = tempfile::tempdir().unwrap();
    let docs = dump(dir.path());

    let single = dir.path().join("single.jsonl");
    succeed(
        factsift()
            .args(["extract", "-q", "--single-pass", "-o"])
            .arg(&single)
            .arg(&docs),
    );
    let expected = std::fs::read(&single).unwrap();
    assert!(
        expected.iter().filter(|&&b| b == b'\n').count() > 5,
        "the single-process run found too few facts to compare"
    );

    for (reduce, partitions) in [("files", "3"), ("tree", "4")] {
        let facts = dir.path().join(format!("spark-{reduce}.jsonl"));
        succeed(
            Command::new(&python)
                .arg(repo().join("scripts/spark_run.py"))
                .arg(&docs)
                .arg("-o")
                .arg(&facts)
                .args(["--partitions", partitions, "--reduce", reduce])
                .args(["--master", "local[2]"])
                .env("FACTSIFT_BIN", bin),
        );
        let got = std::fs::read(&facts).unwrap();
        assert!(
            got == expected,
            "--reduce {reduce} with {partitions} partitions: Spark facts differ from the single-process run\nspark:\n{}\nsingle:\n{}",
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&expected)
        );
    }
}
