//! Files, directories and streams: the mixed-directory test, walk
//! order, symlinks, accounting and streaming.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on setup failure by design

use factsift_ingest::{Item, Reader, SkipKind, Summary, WarningKind};
use flate2::{Compression, write::GzEncoder};
use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// Reads everything; returns (documents as "id source", skips as messages,
/// summary).
fn run(reader: &Reader, inputs: &[&Path]) -> (Vec<String>, Vec<(String, SkipKind)>, Summary) {
    let mut items = reader.read(inputs.iter().copied());
    let mut docs = Vec::new();
    let mut skips = Vec::new();
    for item in items.by_ref() {
        match item {
            Item::Document { doc, .. } => docs.push(format!("{} {}", doc.id, doc.source)),
            Item::Skipped(err) => skips.push((err.to_string(), err.reason.kind())),
        }
    }
    (docs, skips, items.summary().clone())
}

/// Issue 3's done-when test: a directory mixing a seed page, an HTML page, a
/// JSONL file with one malformed line, a gzipped page, an empty file and a
/// binary file.
#[test]
fn mixed_directory_every_document_accounted_for() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let seed = include_str!("../../../corpus/002_07869cbc698ecf3d.txt");
    fs::write(root.join("002_07869cbc698ecf3d.txt"), seed).unwrap();
    fs::write(
        root.join("page.html"),
        "<html><head><title>Quarterly results</title></head>\
         <body><p>Revenue rose 9.6% to $10.3bn.</p></body></html>",
    )
    .unwrap();
    fs::write(
        root.join("records.jsonl"),
        "{\"id\":\"r1\",\"text\":\"Sales rose.\",\"date\":\"2017-10-02\"}\n\
         {\"id\":\"r2\",\"text\":\n\
         {\"id\":\"r3\",\"html\":\"<p>Profit fell.</p>\"}\n",
    )
    .unwrap();
    fs::write(
        root.join("zipped.txt.gz"),
        gzip(b" date 2019-11-19 Title\nShipments grew 5%."),
    )
    .unwrap();
    fs::write(root.join("empty.txt"), "").unwrap();
    fs::write(root.join("blob"), b"\x7fELF\x02\x01\x01\x00\x00\x00binary").unwrap();

    let reader = Reader::new();
    let (docs, skips, summary) = run(&reader, &[root]);
    let p = |name: &str| root.join(name).display().to_string();

    assert_eq!(
        docs,
        [
            format!("002_07869cbc698ecf3d {}", p("002_07869cbc698ecf3d.txt")),
            format!("page {}", p("page.html")),
            format!("r1 {}:1", p("records.jsonl")),
            format!("r3 {}:3", p("records.jsonl")),
            format!("zipped {}", p("zipped.txt.gz")),
        ]
    );
    let skip_kinds: Vec<SkipKind> = skips.iter().map(|s| s.1).collect();
    assert_eq!(
        skip_kinds,
        [SkipKind::Binary, SkipKind::Empty, SkipKind::MalformedJson]
    );
    assert_eq!(
        skips[0].0,
        format!("{}: binary content (NUL byte at offset 7)", p("blob"))
    );
    assert_eq!(skips[1].0, format!("{}: empty document", p("empty.txt")));
    assert!(
        skips[2]
            .0
            .starts_with(&format!("{}:2: malformed JSON: ", p("records.jsonl"))),
        "{}",
        skips[2].0
    );

    assert_eq!(summary.documents, 5);
    assert_eq!(summary.skipped, 3);
    assert_eq!(summary.files, 6);
    assert_eq!(summary.ignored_files, 0);
    assert_eq!(summary.total(), (docs.len() + skips.len()) as u64);
    assert_eq!(
        summary.skipped_by_reason.values().sum::<u64>(),
        summary.skipped
    );
    assert_eq!(summary.skipped_by_reason[&SkipKind::MalformedJson], 1);
    let on_disk: u64 = fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    assert_eq!(summary.bytes, on_disk);
    let json = serde_json::to_value(&summary).unwrap();
    assert_eq!(json["skipped_by_reason"]["binary"], 1);
    let back: Summary = serde_json::from_value(json).unwrap();
    assert_eq!(back, summary);
}

#[test]
fn seed_pages_read_with_dates() {
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus");
    let mut items = Reader::new().read([corpus]);
    let mut dated = Vec::new();
    let mut n = 0;
    for item in items.by_ref() {
        let Item::Document { doc, warnings } = item else {
            panic!("seed skipped: {item:?}")
        };
        assert!(warnings.is_empty(), "{}: {warnings:?}", doc.source);
        assert!(!doc.text.starts_with(" date "));
        if let Some(date) = doc.date {
            dated.push(date.to_string());
        }
        assert_eq!(doc.id.len(), "000_1547869a7589c6b4".len(), "{}", doc.id);
        n += 1;
    }
    assert_eq!(n, 5);
    // Four seeds have a date line; 004 starts with "Skip to main content".
    assert_eq!(
        dated,
        ["2017-10-02", "2017-10-31", "2017-07-07", "2017-07-08"]
    );
    // corpus/README.md is not a page.
    assert_eq!(items.summary().ignored_files, 1);
}

#[test]
fn directories_walk_recursively_in_name_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("b/inner")).unwrap();
    fs::create_dir_all(root.join(".git")).unwrap();
    for name in ["c.txt", "a.htm", "b/inner/z.txt", "b/y.ndjson", "B.txt"] {
        let body = if name.ends_with("ndjson") {
            "{\"id\":\"y1\",\"text\":\"Y.\"}".to_string()
        } else {
            format!("<p>Page {name}.</p>")
        };
        fs::write(root.join(name), body).unwrap();
    }
    fs::write(root.join(".git/config"), "x").unwrap();
    fs::write(root.join(".hidden.txt"), "x").unwrap();
    fs::write(root.join("notes.md"), "x").unwrap();
    fs::write(root.join("image.png"), "x").unwrap();

    let (docs, skips, summary) = run(&Reader::new(), &[root]);
    let ids: Vec<&str> = docs.iter().map(|d| d.split(' ').next().unwrap()).collect();
    assert_eq!(ids, ["B", "a", "z", "y1", "c"]);
    assert!(skips.is_empty());
    // .git (a hidden directory, not entered), .hidden.txt, notes.md, image.png
    assert_eq!(summary.ignored_files, 4);

    // all_files reads everything, hidden included.
    let reader = Reader::builder().all_files(true).build().unwrap();
    let (docs, _, summary) = run(&reader, &[root]);
    assert_eq!(docs.len(), 9, "{docs:?}");
    assert_eq!(summary.ignored_files, 0);
}

#[test]
fn explicit_files_are_read_whatever_their_extension_and_order_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("notes.md");
    let b = dir.path().join("a.txt");
    fs::write(&a, "Notes.").unwrap();
    fs::write(&b, "A.").unwrap();
    let missing = dir.path().join("missing.txt");
    let (docs, skips, summary) = run(&Reader::new(), &[&a, &missing, &b]);
    assert_eq!(docs.len(), 2);
    assert!(docs[0].starts_with("notes "));
    assert_eq!(skips.len(), 1);
    assert_eq!(skips[0].1, SkipKind::Unreadable);
    assert!(
        skips[0]
            .0
            .starts_with(&format!("{}: cannot read: ", missing.display()))
    );
    assert_eq!(
        (summary.documents, summary.skipped, summary.files),
        (2, 1, 2)
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_broken_links_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join("sub")).unwrap();
    fs::write(root.join("sub/page.txt"), "Page.").unwrap();
    std::os::unix::fs::symlink(root, root.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(root.join("nowhere.txt"), root.join("sub/broken.txt")).unwrap();
    let (docs, skips, summary) = run(&Reader::new(), &[root]);
    assert_eq!(docs.len(), 1);
    let kinds: Vec<SkipKind> = skips.iter().map(|s| s.1).collect();
    assert_eq!(
        kinds,
        [SkipKind::Unreadable, SkipKind::SymlinkLoop],
        "{skips:?}"
    );
    assert!(skips[1].0.contains("symlink loop"), "{}", skips[1].0);
    assert!(
        skips[1]
            .0
            .starts_with(&root.join("sub/loop").display().to_string())
    );
    assert_eq!(summary.total(), 3);
}

/// An endless JSONL stream: records are produced as they are read.
struct Endless {
    next: u64,
    pending: Vec<u8>,
}

impl Read for Endless {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pending.is_empty() {
            self.pending = format!(
                "{{\"id\":\"r{}\",\"text\":\"Revenue rose {}% in the quarter.\"}}\n",
                self.next, self.next
            )
            .into_bytes();
            self.next += 1;
        }
        let n = buf.len().min(self.pending.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        Ok(n)
    }
}

#[test]
fn jsonl_streams_without_reading_ahead() {
    let reader = Reader::new();
    let mut items = reader.read_from(
        "endless.jsonl",
        Endless {
            next: 0,
            pending: Vec::new(),
        },
    );
    let mut last = String::new();
    let mut needed = 0;
    for item in items.by_ref().take(100_000) {
        let Item::Document { doc, .. } = item else {
            panic!("bad record")
        };
        needed += doc.text.len() as u64 + doc.id.len() as u64 + 24;
        last = doc.id;
    }
    assert_eq!(last, "r99999");
    // Only what was needed (plus one 64 KiB buffer) was read.
    let summary = items.summary();
    assert!(
        summary.bytes <= needed + 65_536,
        "read {} bytes for {needed}",
        summary.bytes
    );
    assert_eq!(summary.documents, 100_000);
}

#[test]
fn huge_single_page_is_cut_at_the_limit_not_read_whole() {
    let reader = Reader::builder().max_document_bytes(1000).build().unwrap();
    let endless = io::repeat(b'a');
    let mut items = reader.read_from("huge.txt", endless);
    let Some(Item::Skipped(err)) = items.next() else {
        panic!("too large")
    };
    assert_eq!(err.reason.kind(), SkipKind::TooLarge);
    assert!(items.next().is_none());
    assert!(items.summary().bytes < 100_000);
}

#[test]
fn warnings_are_counted_by_kind() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), b"caf\xe9").unwrap();
    fs::write(dir.path().join("b.txt"), b"na\xefve").unwrap();
    fs::write(dir.path().join("c.txt"), " date 2017-13-01 x").unwrap();
    let (docs, _, summary) = run(&Reader::new(), &[dir.path()]);
    assert_eq!(docs.len(), 3);
    assert_eq!(summary.warnings, 3);
    assert_eq!(summary.warnings_by_kind[&WarningKind::InvalidUtf8], 2);
    assert_eq!(summary.warnings_by_kind[&WarningKind::BadDateLine], 1);
}

#[test]
fn gzipped_pages_of_each_format_in_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("a.txt.gz"),
        gzip(b" date 2017-10-02 T\nText page."),
    )
    .unwrap();
    fs::write(
        root.join("b.html.gz"),
        gzip(b"<html><body><p>HTML page.</p></body></html>"),
    )
    .unwrap();
    fs::write(
        root.join("c.jsonl.gz"),
        gzip(b"{\"id\":\"c1\",\"text\":\"One.\"}\n{\"id\":\"c2\",\"text\":\"Two.\"}\n"),
    )
    .unwrap();
    // Concatenated gzip members are one stream.
    let mut two = gzip(b"{\"id\":\"d1\",\"text\":\"One.\"}\n");
    two.extend(gzip(b"{\"id\":\"d2\",\"text\":\"Two.\"}\n"));
    fs::write(root.join("d.jsonl.gz"), two).unwrap();
    let (docs, skips, _) = run(&Reader::new(), &[root]);
    let ids: Vec<&str> = docs.iter().map(|d| d.split(' ').next().unwrap()).collect();
    assert_eq!(ids, ["a", "b", "c1", "c2", "d1", "d2"]);
    assert!(skips.is_empty(), "{skips:?}");
}

#[test]
fn items_are_send() {
    fn send<T: Send>(_: &T) {}
    let items = Reader::new().read(["-"]);
    send(&items);
    fn sync<T: Send + Sync>(_: &T) {}
    sync(&Reader::new());
}

#[test]
fn a_file_that_vanishes_mid_run_is_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.txt", "b.txt", "c.txt"] {
        fs::write(dir.path().join(name), format!("Page {name}.")).unwrap();
    }
    let reader = Reader::new();
    let mut items = reader.read([dir.path()]);
    let Some(Item::Document { doc, .. }) = items.next() else {
        panic!("a.txt")
    };
    assert_eq!(doc.id, "a");
    // The directory was listed when the walk entered it; b.txt goes now.
    fs::remove_file(dir.path().join("b.txt")).unwrap();
    let Some(Item::Skipped(err)) = items.next() else {
        panic!("b.txt is gone")
    };
    assert_eq!(err.reason.kind(), SkipKind::Unreadable);
    assert!(err.file.ends_with("b.txt"), "{err}");
    let Some(Item::Document { doc, .. }) = items.next() else {
        panic!("c.txt")
    };
    assert_eq!(doc.id, "c");
    assert!(items.next().is_none());
    assert_eq!(items.summary().total(), 3);
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_directory_is_ignored_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "Page.").unwrap();
    let fifo = dir.path().join("pipe.txt");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    // Opening the FIFO would block forever with no writer.
    let (docs, skips, summary) = run(&Reader::new(), &[dir.path()]);
    assert_eq!(docs.len(), 1);
    assert!(skips.is_empty());
    assert_eq!(summary.ignored_files, 1);
}
