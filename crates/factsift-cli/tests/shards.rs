//! Shard-safe merging: extracting shards of a dump separately and merging
//! the parts, in any order and grouping, gives the bytes of one run.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::{Path, PathBuf};

mod common;
use common::repo;

fn factsift(args: &[&std::ffi::OsStr]) -> Vec<u8> {
    common::succeed(common::factsift().args(args)).stdout
}

fn os(s: &str) -> &std::ffi::OsStr {
    s.as_ref()
}

/// The inputs: the seed pages, near-duplicate copies of two of them with
/// other chrome (written into `dir`), and BBC business articles with their
/// real near-duplicate pairs (when ../shared is beside the checkout).
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    for seed in ["002_07869cbc698ecf3d", "001_00def8e96a0f7a69"] {
        let page =
            std::fs::read_to_string(repo().join("corpus").join(format!("{seed}.txt"))).unwrap();
        let copy = dir.join(format!("zz-copy-of-{seed}.txt"));
        std::fs::write(
            &copy,
            format!("Home\nWorld\nBusiness\n{page}\nShare this story\n© Other Site"),
        )
        .unwrap();
        files.push(copy);
    }
    let bbc = repo().join("../shared/bench/bbc_business");
    if bbc.is_dir() {
        for n in [1, 4, 7, 13, 253, 265, 267, 333, 365, 386] {
            files.push(bbc.join(format!("{n:03}.txt")));
        }
    } else {
        eprintln!("../shared is absent: shards of the seed pages only");
    }
    files.sort();
    files
}

/// Extracts `files` to `dir/name.jsonl` with sketches beside it.
fn extract(dir: &Path, name: &str, files: &[PathBuf]) -> (PathBuf, PathBuf) {
    let facts = dir.join(format!("{name}.jsonl"));
    let sketches = dir.join(format!("{name}.sketches.jsonl"));
    let mut args: Vec<&std::ffi::OsStr> =
        vec![os("extract"), os("-q"), os("--single-pass"), os("-o")];
    args.push(facts.as_os_str());
    args.push(os("--sketches"));
    args.push(sketches.as_os_str());
    args.extend(files.iter().map(|f| f.as_os_str()));
    factsift(&args);
    (facts, sketches)
}

fn merge(dir: &Path, name: &str, parts: &[(PathBuf, PathBuf)]) -> (PathBuf, PathBuf) {
    let out = dir.join(format!("{name}.jsonl"));
    let mut args: Vec<&std::ffi::OsStr> = vec![os("merge"), os("-o"), out.as_os_str()];
    args.extend(parts.iter().map(|p| p.0.as_os_str()));
    args.push(os("--sketches"));
    args.extend(parts.iter().map(|p| p.1.as_os_str()));
    factsift(&args);
    // The merged part's sketches are the union of its parts' sketches.
    let sketches = dir.join(format!("{name}.sketches.jsonl"));
    let all: String = parts
        .iter()
        .map(|p| std::fs::read_to_string(&p.1).unwrap())
        .collect();
    std::fs::write(&sketches, all).unwrap();
    (out, sketches)
}

#[test]
fn any_split_order_and_grouping_gives_one_runs_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let files = inputs(dir.path());
    let (whole, _) = extract(dir.path(), "whole", &files);
    let expected = std::fs::read(&whole).unwrap();
    let shared_support = String::from_utf8_lossy(&expected)
        .lines()
        .any(|l| l.contains("zz-copy-of-") && l.contains("\"support\":1"));
    assert!(
        shared_support,
        "the copies' facts must merge with the originals' as one supporting document"
    );

    // Deterministic pseudo-random splits into 2..=4 shards.
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..3 {
        let shards = 2 + (next() % 3) as usize;
        let mut groups: Vec<Vec<PathBuf>> = vec![Vec::new(); shards];
        for f in &files {
            groups[(next() % shards as u64) as usize].push(f.clone());
        }
        groups.retain(|g| !g.is_empty());
        let parts: Vec<_> = groups
            .iter()
            .enumerate()
            .map(|(i, g)| extract(dir.path(), &format!("r{round}-s{i}"), g))
            .collect();

        // All parts at once, in reverse order.
        let mut reversed = parts.clone();
        reversed.reverse();
        let (flat, _) = merge(dir.path(), &format!("r{round}-flat"), &reversed);
        assert!(
            std::fs::read(flat).unwrap() == expected,
            "round {round}: flat merge differs"
        );

        // Nested: merge the first two, then the rest onto that.
        if parts.len() > 2 {
            let left = merge(dir.path(), &format!("r{round}-left"), &parts[..2]);
            let mut rest = vec![left];
            rest.extend_from_slice(&parts[2..]);
            let (nested, _) = merge(dir.path(), &format!("r{round}-nested"), &rest);
            assert!(
                std::fs::read(nested).unwrap() == expected,
                "round {round}: nested merge differs"
            );
        }
    }
}

#[test]
fn partial_parts_carry_their_sketches_through_merges() {
    let dir = tempfile::tempdir().unwrap();
    let files = inputs(dir.path());
    let (whole, _) = extract(dir.path(), "whole", &files);
    let expected = std::fs::read(&whole).unwrap();
    let part = |name: &str, files: &[PathBuf]| -> PathBuf {
        let out = dir.path().join(format!("{name}.part.jsonl"));
        let mut args: Vec<&std::ffi::OsStr> = vec![
            os("extract"),
            os("-q"),
            os("--single-pass"),
            os("--emit"),
            os("partial"),
            os("-o"),
            out.as_os_str(),
        ];
        args.extend(files.iter().map(|f| f.as_os_str()));
        factsift(&args);
        out
    };
    let (odd, even): (Vec<_>, Vec<_>) = files
        .iter()
        .cloned()
        .enumerate()
        .partition(|(i, _)| i % 2 == 1);
    let odd: Vec<PathBuf> = odd.into_iter().map(|(_, f)| f).collect();
    let even: Vec<PathBuf> = even.into_iter().map(|(_, f)| f).collect();
    let (a, b) = (part("odd", &odd), part("even", &even));
    // A tree reduce: merge one part alone keeping sketches, then with the other.
    let a2 = dir.path().join("a2.part.jsonl");
    factsift(&[
        os("merge"),
        os("--partial"),
        os("-o"),
        a2.as_os_str(),
        a.as_os_str(),
    ]);
    let out = dir.path().join("final.jsonl");
    factsift(&[
        os("merge"),
        os("-o"),
        out.as_os_str(),
        b.as_os_str(),
        a2.as_os_str(),
    ]);
    assert!(
        std::fs::read(out).unwrap() == expected,
        "the tree-shaped merge differs from one run"
    );
}

/// `extract` merges the mentions it holds among themselves as they pile up
/// (every 100,000 by default); merging every few mentions gives the bytes
/// of one final merge, for facts and for partial output.
#[test]
fn early_merging_of_held_mentions_does_not_change_output() {
    let dir = tempfile::tempdir().unwrap();
    let files = inputs(dir.path());
    for emit in ["facts", "partial"] {
        let run = |premerge: Option<&str>| {
            let mut command = common::factsift();
            command.args(["extract", "-q", "--emit", emit]).args(&files);
            if let Some(n) = premerge {
                command.env("FACTSIFT_PREMERGE_MENTIONS", n);
            }
            common::succeed(&mut command).stdout
        };
        let once = run(None);
        assert!(once.iter().filter(|&&b| b == b'\n').count() > 20);
        for n in ["1", "3"] {
            assert!(
                run(Some(n)) == once,
                "--emit {emit}: merging every {n} differs"
            );
        }
    }
}
