//! Integration tests of the `factsift` binary.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::io::Write;
use std::process::Output;

mod common;
use common::{factsift, repo, succeed};

fn run(args: &[&str]) -> Output {
    factsift().args(args).current_dir(repo()).output().unwrap()
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn tokenize_corpus_keeps_numbers_whole() {
    let out = succeed(
        factsift()
            .args(["tokenize", "-q", "corpus/"])
            .current_dir(repo()),
    );
    let docs = lines(&out);
    assert_eq!(docs.len(), 5);
    let tokens: Vec<String> = docs
        .iter()
        .flat_map(|d| {
            d["tokens"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["text"].as_str().unwrap().to_string())
        })
        .collect();
    for whole in ["23.16", "7,071", "2,895"] {
        assert!(
            tokens.iter().any(|t| t == whole),
            "{whole} is not one token"
        );
    }
    let sentences: Vec<&str> = docs
        .iter()
        .flat_map(|d| {
            d["sentences"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["text"].as_str().unwrap())
        })
        .collect();
    assert!(
        sentences.iter().all(|s| !s.ends_with("Mr.")),
        "a sentence ends at 'Mr.'"
    );
    assert!(
        sentences.iter().any(|s| s.contains("No. 1 before")),
        "'No. 1' split a sentence"
    );
}

#[test]
fn mixed_directory_is_fully_accounted_for() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        repo().join("corpus/002_07869cbc698ecf3d.txt"),
        d.join("page.txt"),
    )
    .unwrap();
    std::fs::write(
        d.join("a.html"),
        "<html><title>T</title><body><p>Sales rose 5% to $1bn.</p></body></html>",
    )
    .unwrap();
    std::fs::write(
        d.join("records.jsonl"),
        "{\"id\":\"r1\",\"text\":\"Profit fell 3%.\"}\n{broken\n",
    )
    .unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"Revenue grew 10% in 2004.").unwrap();
    std::fs::write(d.join("zipped.txt.gz"), gz.finish().unwrap()).unwrap();
    std::fs::write(d.join("empty.txt"), "").unwrap();
    std::fs::write(d.join("blob.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0]).unwrap();
    let stats = d.join("stats.json");
    let out = factsift()
        .args(["tokenize", "-q", "--stats"])
        .arg(&stats)
        .arg(d)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "some inputs were skipped: {stderr}"
    );
    let ids: Vec<String> = lines(&out)
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a", "page", "r1", "zipped"]);
    for name in ["records.jsonl:2", "empty.txt", "blob.txt"] {
        assert!(stderr.contains(name), "no message names {name}: {stderr}");
    }
    let stats: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(stats).unwrap()).unwrap();
    assert_eq!(stats["ingest"]["documents"], 4);
    assert_eq!(stats["ingest"]["skipped"], 3);
    assert_eq!(stats["records"], 4);
}

#[test]
fn output_file_is_replaced_only_on_success() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.jsonl");
    std::fs::write(&target, "previous\n").unwrap();
    let out = factsift()
        .args(["tokenize", "-q", "-o"])
        .arg(&target)
        .arg(dir.path().join("missing"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = factsift()
        .args(["tokenize", "-q", "-o"])
        .arg(&target)
        .arg(repo().join("corpus"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(std::fs::read_to_string(&target).unwrap().lines().count(), 5);
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "temporary files left behind");
}

#[test]
fn thread_count_and_input_order_do_not_change_output() {
    for command in ["tokenize", "extract"] {
        let one = run(&[command, "-q", "-j", "1", "corpus/"]);
        let many = run(&[command, "-q", "-j", "4", "corpus/"]);
        assert!(one.status.success() && !one.stdout.is_empty());
        assert!(one.stdout == many.stdout, "{command}: -j 1 and -j 4 differ");
    }
    let mut files: Vec<String> = std::fs::read_dir(repo().join("corpus"))
        .unwrap()
        .map(|e| format!("corpus/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|f| f.ends_with(".txt"))
        .collect();
    files.sort();
    let mut args = vec!["extract", "-q"];
    args.extend(files.iter().map(String::as_str));
    let forward = run(&args);
    files.reverse();
    let mut args = vec!["extract", "-q"];
    args.extend(files.iter().map(String::as_str));
    let backward = run(&args);
    assert!(
        forward.stdout == backward.stdout,
        "extract output depends on input order"
    );
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(run(&["tokenize"]).status.code(), Some(2));
    assert_eq!(run(&["no-such-command"]).status.code(), Some(2));
}

#[test]
fn new_output_files_are_not_private() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("facts.jsonl");
        let out = factsift()
            .args(["extract", "-q", "-o"])
            .arg(&target)
            .arg(repo().join("corpus"))
            .output()
            .unwrap();
        assert!(out.status.success());
        let mode = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o044,
            0o044,
            "mode {mode:o}: group and others cannot read the output"
        );
    }
}

#[test]
fn report_is_one_self_contained_page() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.html");
    succeed(
        factsift()
            .args(["report", "-q", "--gold", "gold/seeds.jsonl", "-o"])
            .arg(&target)
            .arg("corpus/")
            .current_dir(repo()),
    );
    let html = std::fs::read_to_string(&target).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") || html.starts_with("<!doctype html>"));
    for id in ["000_1547869a7589c6b4", "004_a0ffef0f7d351228"] {
        assert!(html.contains(id), "no section for {id}");
    }
    assert!(
        !html.contains("src=\"http") && !html.contains("href=\"http"),
        "network assets in the report"
    );
    let without_output = factsift()
        .args(["report", "-q", "corpus/"])
        .current_dir(repo())
        .output()
        .unwrap();
    assert_eq!(without_output.status.code(), Some(2));
}
