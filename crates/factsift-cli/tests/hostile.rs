//! Hostile inputs through the `factsift` binary: every bad input gets a
//! message naming it (and its line where there is one), the run completes
//! without a panic, and nothing takes unbounded time. The time bounds are
//! generous (they catch hangs, not slowness); the full-size cases (a 200 MB
//! one-line page, a 50 MB JSONL line) are in scripts/fuzz_hostile_big.sh.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Upper bound for any one run: only a hang should reach it.
const HANG: Duration = Duration::from_secs(60);

mod common;
use common::factsift;

/// Runs the binary with a time bound, killing it on a hang.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    let child = factsift()
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_bounded(child, args)
}

fn wait_bounded(mut child: Child, what: &[&str]) -> Output {
    let started = Instant::now();
    // Drain the pipes on threads so a chatty child cannot block on them.
    fn drain(
        pipe: Option<impl std::io::Read + Send + 'static>,
    ) -> std::thread::JoinHandle<Vec<u8>> {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            if let Some(mut pipe) = pipe {
                pipe.read_to_end(&mut v).ok();
            }
            v
        })
    }
    let out = drain(child.stdout.take());
    let err = drain(child.stderr.take());
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Output {
                status,
                stdout: out.join().unwrap(),
                stderr: err.join().unwrap(),
            };
        }
        if started.elapsed() > HANG {
            child.kill().ok();
            panic!("factsift {what:?} did not finish within {HANG:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// No panic, and stdout is JSON lines.
fn assert_sane(out: &Output) -> Vec<serde_json::Value> {
    let err = stderr(out);
    assert!(!err.contains("panicked"), "panic: {err}");
    assert!(
        matches!(out.status.code(), Some(0..=2)),
        "exit {:?}: {err}",
        out.status
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {e}: {l:.200}")))
        .collect()
}

fn stats(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("stats.json")).unwrap()).unwrap()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

const GOOD: &str =
    "Xiaomi shipped 23.16 million smartphones in the second quarter of 2017, the company said.\n";

/// Whether this process can read a file with mode 000 (root can).
fn chmod_does_not_stop_reading(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = write(dir, "probe-000", "x");
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable = std::fs::read(&probe).is_ok();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::remove_file(&probe).unwrap();
    readable
}

#[test]
fn empty_and_blank_files_are_skipped_by_name() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "zero.txt", "");
    write(dir.path(), "blank.txt", " \n\n\t\n");
    write(dir.path(), "zero.html", "");
    write(dir.path(), "good.txt", GOOD);
    let out = run_in(
        dir.path(),
        &[
            "tokenize",
            "--stats",
            "stats.json",
            "zero.txt",
            "blank.txt",
            "zero.html",
            "good.txt",
        ],
    );
    let docs = assert_sane(&out);
    let err = stderr(&out);
    assert_eq!(docs.len(), 1, "{err}");
    assert_eq!(out.status.code(), Some(1), "skips give exit 1: {err}");
    for name in ["zero.txt", "blank.txt", "zero.html"] {
        assert!(
            err.lines().any(|l| l.contains(name) && l.contains("empty")),
            "no message for {name}: {err}"
        );
    }
    let s = stats(dir.path());
    assert_eq!(s["ingest"]["documents"], 1);
    assert_eq!(s["ingest"]["skipped"], 3);
}

#[test]
fn only_empty_input_exits_2_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "zero.txt", "");
    let out = run_in(dir.path(), &["extract", "zero.txt"]);
    assert_sane(&out);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("zero.txt") && err.contains("no document"),
        "{err}"
    );
}

#[test]
fn one_line_page_over_the_line_limit_is_skipped_naming_line_1() {
    // 8 MB in one line (the 200 MB case is in scripts/fuzz_hostile_big.sh):
    // over the reader's 1 MiB line limit, so skipped, not fed to the stages.
    let dir = tempfile::tempdir().unwrap();
    let line = "Revenue rose 5% to $10.3bn in 2017 and ".repeat(8 << 20 >> 5);
    write(dir.path(), "oneline.txt", &line);
    write(dir.path(), "good.txt", GOOD);
    let started = Instant::now();
    let out = run_in(dir.path(), &["extract", "-q", "oneline.txt", "good.txt"]);
    assert_sane(&out);
    let err = stderr(&out);
    assert!(
        err.contains("oneline.txt") && err.contains("line 1"),
        "no message naming the file and line: {err}"
    );
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn page_over_max_doc_bytes_is_skipped_naming_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "big.txt", GOOD.repeat(1000));
    write(dir.path(), "good.txt", GOOD);
    let out = run_in(
        dir.path(),
        &[
            "tokenize",
            "-q",
            "--max-doc-bytes",
            "10000",
            "big.txt",
            "good.txt",
        ],
    );
    assert_eq!(assert_sane(&out).len(), 1);
    let err = stderr(&out);
    assert!(
        err.contains("big.txt") && err.contains("larger than the limit of 10000 bytes"),
        "{err}"
    );
}

#[test]
fn binary_files_are_skipped_as_binary() {
    let dir = tempfile::tempdir().unwrap();
    let mut noise = Vec::with_capacity(1 << 16);
    let mut x: u32 = 0x9e37_79b9;
    for _ in 0..(1 << 16) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        noise.push(x as u8);
    }
    write(dir.path(), "noise.txt", &noise);
    write(
        dir.path(),
        "image.html",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10",
    );
    write(dir.path(), "nul.txt", b"text\0with\0nul\0bytes\0");
    write(dir.path(), "good.txt", GOOD);
    let out = run_in(
        dir.path(),
        &[
            "extract",
            "--stats",
            "stats.json",
            "noise.txt",
            "image.html",
            "nul.txt",
            "good.txt",
        ],
    );
    assert_sane(&out);
    let err = stderr(&out);
    for name in ["noise.txt", "image.html", "nul.txt"] {
        assert!(
            err.lines()
                .any(|l| l.contains(name) && l.contains("binary")),
            "no binary message for {name}: {err}"
        );
    }
    assert_eq!(stats(dir.path())["ingest"]["documents"], 1, "{err}");
}

#[test]
fn invalid_utf8_is_read_lossily_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut page = GOOD.as_bytes().to_vec();
    page.extend(b"Caf\xe9 sales rose 5% \xff\xfe\xc0\xaf in 2017.\n");
    write(dir.path(), "latin.txt", &page);
    let out = run_in(dir.path(), &["tokenize", "latin.txt"]);
    let docs = assert_sane(&out);
    assert_eq!(docs.len(), 1);
    let err = stderr(&out);
    assert!(err.contains("warning: invalid UTF-8"), "{err}");
}

#[test]
fn warnings_name_the_input() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "latin.txt", b"Caf\xe9 sales rose 5% in 2017.\n");
    let out = run_in(dir.path(), &["tokenize", "latin.txt"]);
    assert_sane(&out);
    let err = stderr(&out);
    assert!(
        err.lines()
            .any(|l| l.contains("warning") && l.contains("latin.txt")),
        "no warning naming the file: {err}"
    );
}

fn utf16(bom: &[u8], text: &str, le: bool) -> Vec<u8> {
    let mut bytes = bom.to_vec();
    for unit in text.encode_utf16() {
        bytes.extend(if le {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

#[test]
fn utf16_with_bom_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "le.txt", utf16(b"\xff\xfe", GOOD, true));
    write(dir.path(), "be.txt", utf16(b"\xfe\xff", GOOD, false));
    let html = format!("<html><body><p>{GOOD}</p></body></html>");
    write(dir.path(), "le.html", utf16(b"\xff\xfe", &html, true));
    let out = run_in(dir.path(), &["tokenize", "le.txt", "be.txt", "le.html"]);
    let docs = assert_sane(&out);
    let err = stderr(&out);
    assert_eq!(docs.len(), 3, "{err}");
    for doc in &docs {
        let tokens: Vec<&str> = doc["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["text"].as_str().unwrap())
            .collect();
        assert!(
            tokens.contains(&"23.16"),
            "{} not decoded: {tokens:?}",
            doc["id"]
        );
    }
}

#[test]
fn html_nested_100000_deep_completes() {
    let dir = tempfile::tempdir().unwrap();
    let mut html = String::from("<html><body>");
    html += &"<div>".repeat(100_000);
    html += "<p>Xiaomi shipped 23.16 million smartphones in the second quarter of 2017.</p>";
    html += &"</div>".repeat(100_000);
    write(dir.path(), "deep.html", &html);
    // Unclosed all the way down, and other nestings that break naive parsers.
    write(
        dir.path(),
        "unclosed-deep.html",
        "<div><span><b>".repeat(30_000) + GOOD,
    );
    let started = Instant::now();
    let out = run_in(
        dir.path(),
        &["tag", "-q", "deep.html", "unclosed-deep.html"],
    );
    let docs = assert_sane(&out);
    assert_eq!(docs.len(), 2, "{}", stderr(&out));
    assert!(started.elapsed() < Duration::from_secs(30));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("23.16 million"), "the paragraph was lost");
}

#[test]
fn unclosed_tags_keep_their_text() {
    let dir = tempfile::tempdir().unwrap();
    let pages = [
        "<p>Revenue <b>rose <i>9.6% <table><tr><td>in 2017",
        "<html><head><title>Unclosed title",
        "<p>Before<script>var x = '<p>not text</p>'; never closed",
        "<p>Before<!-- a comment that never ends <p>hidden",
        "<p>attr <a href=\"never closed>quote</a> after",
        "<p>Sales &amp rose &#99999999; &#x110000; &; 5%",
    ];
    for (i, page) in pages.iter().enumerate() {
        write(dir.path(), &format!("p{i}.html"), page);
    }
    let out = run_in(dir.path(), &["tokenize", "--stats", "stats.json", "."]);
    assert_sane(&out);
    let s = stats(dir.path());
    assert_eq!(
        s["ingest"]["documents"].as_u64().unwrap() + s["ingest"]["skipped"].as_u64().unwrap(),
        pages.len() as u64,
        "{}",
        stderr(&out)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("9.6%"));
}

#[test]
fn long_jsonl_line_is_read_and_the_next_line_too() {
    // 2 MB in one record (50 MB in scripts/fuzz_hostile_big.sh: a debug
    // build tokenizes about 1.5 MB/s); the text has short lines, so only the
    // document limit applies.
    let dir = tempfile::tempdir().unwrap();
    let text = GOOD.repeat(2 << 20 >> 7);
    let mut jsonl = serde_json::json!({"id": "huge", "text": text}).to_string();
    jsonl += "\n";
    jsonl += &serde_json::json!({"id": "after", "text": GOOD}).to_string();
    jsonl += "\n";
    write(dir.path(), "dump.jsonl", &jsonl);
    let out = run_in(dir.path(), &["tokenize", "-q", "dump.jsonl"]);
    let docs = assert_sane(&out);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["huge", "after"], "{}", stderr(&out));

    // Over --max-doc-bytes: skipped naming file and line, next line read.
    let out = run_in(
        dir.path(),
        &["tokenize", "-q", "--max-doc-bytes", "100000", "dump.jsonl"],
    );
    let docs = assert_sane(&out);
    let err = stderr(&out);
    assert_eq!(docs.len(), 1, "{err}");
    assert_eq!(docs[0]["id"], "after");
    assert!(
        err.contains("dump.jsonl:1:") && err.contains("larger than the limit"),
        "{err}"
    );
}

#[test]
fn jsonl_records_with_wrong_types_are_skipped_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id": "ok1", "text": "Revenue rose 5% in 2017."}"#,
        r#"{"id": 5, "text": "number id"}"#,
        r#"{"id": "t", "text": 5}"#,
        r#"{"id": "h", "html": {"p": 1}}"#,
        r#"{"id": "d", "text": "x", "date": 20170101}"#,
        r#"{"id": "u", "text": "x", "url": ["a"]}"#,
        r#"[1, 2, 3]"#,
        r#""just a string""#,
        r#"{"id": "trunc", "text": "cut"#,
        r#"{"id": "n", "text": null}"#,
        r#"{"id": "ok2", "text": "Profit fell 3% in 2016."}"#,
    ];
    write(dir.path(), "dump.jsonl", lines.join("\n") + "\n");
    let out = run_in(
        dir.path(),
        &["tokenize", "-q", "--stats", "stats.json", "dump.jsonl"],
    );
    let docs = assert_sane(&out);
    let err = stderr(&out);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    // A number id is taken as its decimal text; every other wrong type is a skip.
    assert_eq!(ids, ["ok1", "5", "ok2"], "{err}");
    for line in 3..=10 {
        let at = format!("dump.jsonl:{line}:");
        assert!(err.contains(&at), "no message for line {line}: {err}");
    }
    let s = stats(dir.path());
    assert_eq!(
        s["ingest"]["documents"].as_u64().unwrap() + s["ingest"]["skipped"].as_u64().unwrap(),
        lines.len() as u64
    );
}

/// Facts and tags from `extract`/`tag` on `text`, checked to be JSON with
/// finite numbers.
fn extract_and_tag(dir: &Path, text: &str) -> (Vec<serde_json::Value>, Vec<serde_json::Value>) {
    write(dir, "page.txt", text);
    let facts = run_in(dir, &["extract", "-q", "--emit", "mentions", "page.txt"]);
    let facts = assert_sane(&facts);
    let tags = run_in(dir, &["tag", "-q", "page.txt"]);
    let tags = assert_sane(&tags);
    for fact in &facts {
        assert!(
            fact["value"].as_f64().is_some_and(f64::is_finite),
            "a fact value that is not a finite number: {fact}"
        );
    }
    (facts, tags)
}

#[test]
fn overflowing_numbers_do_not_become_infinite_facts() {
    let dir = tempfile::tempdir().unwrap();
    let digits = "9".repeat(1000);
    let text = format!(
        "Apple's revenue was $1e400 in 2017. Samsung's profit rose to ${digits} in 2017. \
         Xiaomi shipped 10^999 smartphones in 2017. Huawei sold 1e-400 units in 2017. \
         Revenue reached {digits}.5 billion dollars in the second quarter of 2017.\n"
    );
    extract_and_tag(dir.path(), &text);
}

#[test]
fn a_thousand_digit_number_is_not_an_infinite_quantity() {
    let dir = tempfile::tempdir().unwrap();
    let digits = "9".repeat(1000);
    let text = format!(
        "Apple's revenue was $1e400 in 2017. Samsung's profit rose to ${digits} in 2017. \
         Revenue reached {digits}.5 billion dollars in the second quarter of 2017.\n"
    );
    let (_, tags) = extract_and_tag(dir.path(), &text);
    for q in tags[0]["quantities"].as_array().unwrap() {
        assert!(q["value"].as_f64().is_some_and(f64::is_finite), "{q:.200}");
    }
}

#[test]
fn powers_and_exponents_are_not_read_as_their_parts() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Xiaomi shipped 10^999 smartphones in 2017. Apple's revenue was $1e400 in 2017.\n";
    let (facts, _) = extract_and_tag(dir.path(), text);
    for fact in &facts {
        let v = fact["value"].as_f64().unwrap();
        assert!(
            ![1.0, 10.0, 999.0].contains(&v),
            "a part read as the number: {fact}"
        );
    }
}

#[test]
fn ten_thousand_numbers_in_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Xiaomi shipped");
    for i in 0..10_000 {
        text += &format!(" {}.{} million,", i % 997, i % 10);
    }
    text += " smartphones in 2017.\n";
    let started = Instant::now();
    let (_, tags) = extract_and_tag(dir.path(), &text);
    assert!(started.elapsed() < Duration::from_secs(45));
    assert_eq!(tags.len(), 1);
}

#[test]
fn directory_symlink_loops_are_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("pages");
    std::fs::create_dir_all(root.join("a/b")).unwrap();
    write(&root, "a/b/page.txt", GOOD);
    std::os::unix::fs::symlink("../..", root.join("a/b/up")).unwrap();
    std::os::unix::fs::symlink("self", root.join("self")).unwrap();
    let out = run_in(dir.path(), &["tokenize", "--stats", "stats.json", "pages"]);
    let docs = assert_sane(&out);
    let err = stderr(&out);
    assert_eq!(docs.len(), 1, "the page is read once: {err}");
    assert!(err.contains("up") && err.contains("symlink loop"), "{err}");
    assert!(err.contains("self"), "the self link is reported: {err}");
}

#[test]
fn unreadable_files_are_skipped_by_name() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    if chmod_does_not_stop_reading(dir.path()) {
        eprintln!("skipped: running as root, chmod 000 does not stop reading");
        return;
    }
    let locked = write(dir.path(), "locked.txt", GOOD);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::create_dir(dir.path().join("lockeddir")).unwrap();
    write(dir.path(), "lockeddir/in.txt", GOOD);
    std::fs::set_permissions(
        dir.path().join("lockeddir"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    write(dir.path(), "good.txt", GOOD);
    let out = run_in(dir.path(), &["tokenize", "-q", "."]);
    std::fs::set_permissions(
        dir.path().join("lockeddir"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    let docs = assert_sane(&out);
    let err = stderr(&out);
    assert_eq!(docs.len(), 1, "{err}");
    assert!(
        err.contains("locked.txt") && err.contains("cannot read"),
        "{err}"
    );
    assert!(err.contains("lockeddir"), "{err}");
}

#[test]
fn file_that_vanishes_mid_run_is_skipped_by_name() {
    // The run blocks on a FIFO given first; while it waits, the second
    // input (present when the run started) is deleted.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("first.txt");
    let status = Command::new("mkfifo").arg(&fifo).status();
    if !status.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let gone = write(dir.path(), "gone.txt", GOOD);
    let child = factsift()
        .args(["tokenize", "first.txt", "gone.txt"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    std::fs::remove_file(&gone).unwrap();
    // Opening the FIFO for writing waits for the reader, then feed a page.
    let mut w = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    w.write_all(GOOD.as_bytes()).unwrap();
    drop(w);
    let out = wait_bounded(child, &["tokenize", "first.txt", "gone.txt"]);
    let docs = assert_sane(&out);
    let err = stderr(&out);
    assert_eq!(docs.len(), 1, "{err}");
    assert!(
        err.contains("gone.txt") && err.contains("cannot read"),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn every_document_of_a_mixed_directory_is_counted_once() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("mixed");
    std::fs::create_dir_all(d.join("sub")).unwrap();
    // Read: 2 text pages, 1 HTML page, 2 JSONL records, 1 gzipped page, 1 lossy page.
    write(&d, "a.txt", GOOD);
    write(&d, "sub/b.txt", format!(" date 2017-08-01 Title\n{GOOD}"));
    write(&d, "c.html", format!("<p>{GOOD}</p>"));
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(GOOD.as_bytes()).unwrap();
    write(&d, "d.txt.gz", gz.finish().unwrap());
    write(&d, "e.txt", b"Caf\xe9 revenue rose 5% in 2017.\n");
    let jsonl = [
        r#"{"id": "r1", "text": "Revenue rose 5% in 2017."}"#,
        r#"{"id": "r2", "text": 7}"#,
        r#"not json"#,
        r#"{"id": "r4", "html": "<p>Profit fell 3% in 2016.</p>"}"#,
        r#"{"text": "no id"}"#,
    ];
    write(&d, "f.jsonl", jsonl.join("\n") + "\n");
    // Skipped: empty, binary, too large, corrupt gzip, empty HTML, unreadable.
    write(&d, "g.txt", "");
    write(&d, "h.txt", b"\0\x01\x02\x03binary\0\0\0");
    write(&d, "i.txt", GOOD.repeat(200));
    write(&d, "j.txt.gz", b"\x1f\x8b\x08\x00garbage");
    write(&d, "k.html", "<script>only()</script>");
    let expect_docs = 7;
    let mut expect_skipped = 3 + 5;
    if !chmod_does_not_stop_reading(dir.path()) {
        let l = write(&d, "l.txt", GOOD);
        std::fs::set_permissions(&l, std::fs::Permissions::from_mode(0o000)).unwrap();
        expect_skipped += 1;
    } else {
        eprintln!("note: running as root, the unreadable file case is left out");
    }
    // Not documents: hidden and non-page files are counted as ignored.
    write(&d, ".hidden.txt", GOOD);
    write(&d, "notes.pdf", "%PDF-1.4");
    let out = run_in(
        dir.path(),
        &[
            "tokenize",
            "--max-doc-bytes",
            "4000",
            "--stats",
            "stats.json",
            "mixed",
        ],
    );
    let docs = assert_sane(&out);
    let err = stderr(&out);
    let s = stats(dir.path());
    let ingest = &s["ingest"];
    assert_eq!(ingest["documents"], expect_docs, "{err}");
    assert_eq!(ingest["skipped"], expect_skipped, "{err}");
    assert_eq!(docs.len() as u64, expect_docs, "{err}");
    let by_reason: u64 = ingest["skipped_by_reason"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(by_reason, expect_skipped, "{s}");
    let skip_lines = err.lines().filter(|l| l.contains("skipped:")).count() as u64;
    assert_eq!(skip_lines, expect_skipped, "one message per skip: {err}");
    assert_eq!(ingest["ignored_files"], 2, "{s}");
    // Each read document appears once in the output.
    let mut ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["a", "b", "c", "d", "e", "r1", "r4"], "{err}");
}

/// A JSONL dump big enough that a debug build spends seconds on it.
fn big_dump(dir: &Path, records: usize) -> PathBuf {
    let mut f = std::io::BufWriter::new(std::fs::File::create(dir.join("big.jsonl")).unwrap());
    for i in 0..records {
        let text = format!(
            "Company {i} said revenue rose {}.{}% in 2017. {GOOD}",
            i % 90,
            i % 10
        );
        writeln!(
            f,
            "{}",
            serde_json::json!({"id": format!("d{i}"), "text": text})
        )
        .unwrap();
    }
    f.flush().unwrap();
    dir.join("big.jsonl")
}

/// Sends `signal` to the child once it has opened its output (the
/// temporary file exists), and checks the previous output survives.
fn interrupt_keeps_previous_output(signal: &str) {
    let dir = tempfile::tempdir().unwrap();
    big_dump(dir.path(), 300_000);
    write(dir.path(), "out.jsonl", "previous run\n");
    let mut child = factsift()
        .args(["tokenize", "-q", "-j", "1", "-o", "out.jsonl", "big.jsonl"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let partial = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().ends_with(".partial"))
    };
    while !partial() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "finished before the signal"
        );
        assert!(
            started.elapsed() < HANG,
            "no temporary output file appeared"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        child.try_wait().unwrap().is_none(),
        "finished before the signal"
    );
    let kill = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let out = wait_bounded(child, &["tokenize", signal]);
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert!(
        err.contains("interrupted") && err.contains("out.jsonl") && err.contains("untouched"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap(),
        "previous run\n"
    );
    assert!(!partial(), "the temporary file was left behind");
}

#[test]
fn sigint_leaves_the_previous_output_untouched() {
    interrupt_keeps_previous_output("-INT");
}

#[test]
fn sigterm_leaves_the_previous_output_untouched() {
    interrupt_keeps_previous_output("-TERM");
}

#[test]
fn broken_pipe_on_stdout_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    big_dump(dir.path(), 50_000);
    let mut child = factsift()
        .args(["tokenize", "-q", "big.jsonl"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("{\"id\":\"d0\""), "{first:.100}");
    // The reader is dropped here: `factsift tokenize big | head -1`.
    let out = wait_bounded(child, &["tokenize", "big.jsonl", "| head -1"]);
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.to_lowercase().contains("broken pipe"), "{err}");
    assert!(out.status.success(), "{:?}: {err}", out.status);
}

/// `-o` naming a named pipe (as `/dev/null` or `/dev/stdout` would be)
/// writes into it: a rename over it would put a plain file in its place.
#[test]
fn output_to_a_named_pipe_writes_into_the_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "page.txt", GOOD);
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo failed");
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = run_in(dir.path(), &["extract", "-q", "page.txt", "-o", "pipe"]);
    assert_sane(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    // Checked before joining: a replaced pipe leaves the reader waiting.
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe was replaced: {kind:?}");
    let written = reader.join().unwrap();
    assert!(written.contains("\"subject\":\"Xiaomi\""), "{written}");
}

/// `-o` through a symbolic link replaces the file it points to and keeps
/// the link.
#[test]
fn output_through_a_symlink_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "page.txt", GOOD);
    std::fs::create_dir(dir.path().join("real")).unwrap();
    write(dir.path(), "real/facts.jsonl", "old\n");
    std::os::unix::fs::symlink("real/facts.jsonl", dir.path().join("facts.jsonl")).unwrap();
    let out = run_in(
        dir.path(),
        &["extract", "-q", "page.txt", "-o", "facts.jsonl"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let link = std::fs::symlink_metadata(dir.path().join("facts.jsonl")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    let written = std::fs::read_to_string(dir.path().join("real/facts.jsonl")).unwrap();
    assert!(written.contains("\"subject\":\"Xiaomi\""), "{written}");
}

/// `-o` naming a directory is an error that names it.
#[test]
fn output_to_a_directory_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "page.txt", GOOD);
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let out = run_in(dir.path(), &["extract", "-q", "page.txt", "-o", "out"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("out") && err.contains("directory"), "{err}");
}
