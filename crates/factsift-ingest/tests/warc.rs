//! WARC input: a small WARC built from AEB pages (issue 8), plain and
//! gzipped per record, with the record kinds a crawl holds.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test setup panics by design

use factsift_ingest::{Format, Item, Reader, SkipKind};
use flate2::{Compression, read::GzDecoder, write::GzEncoder};
use std::io::{Read, Write};
use std::path::Path;

const AEB: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/bench/aeb/html"
);

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// The first `n` AEB pages, decompressed, in name order.
fn aeb_pages(n: usize) -> Vec<Vec<u8>> {
    let mut names: Vec<_> = std::fs::read_dir(AEB)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    names.sort();
    names
        .iter()
        .take(n)
        .map(|p| {
            let mut html = Vec::new();
            GzDecoder::new(std::fs::File::open(p).unwrap())
                .read_to_end(&mut html)
                .unwrap();
            html
        })
        .collect()
}

fn record(kind: &str, id: &str, uri: &str, date: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\n\
         WARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n\
         Content-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// `body` in `Transfer-Encoding: chunked`, `size` bytes a chunk.
fn chunked(body: &[u8], size: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in body.chunks(size) {
        out.extend(format!("{:x}\r\n", chunk.len()).into_bytes());
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    r.extend_from_slice(body);
    r
}

/// The records of the test WARC; the expected documents are the responses
/// with ids `page0`, `page1`, `page2`, `chunked`, `zipped`, `latin1`.
fn records() -> Vec<Vec<u8>> {
    let date = "2017-10-02T08:00:00Z";
    let html = "Content-Type: text/html; charset=UTF-8\r\n";
    let mut out = vec![record(
        "warcinfo",
        "info",
        "",
        date,
        b"software: factsift test\r\n",
    )];
    for (i, page) in aeb_pages(3).iter().enumerate() {
        let uri = format!("https://news.example/{i}");
        out.push(record(
            "request",
            &format!("req{i}"),
            &uri,
            date,
            b"GET / HTTP/1.1\r\n\r\n",
        ));
        out.push(record(
            "response",
            &format!("page{i}"),
            &uri,
            date,
            &http("200 OK", html, page),
        ));
    }
    out.push(record(
        "response",
        "moved",
        "https://news.example/old",
        date,
        &http("301 Moved Permanently", "Location: /new\r\n", b""),
    ));
    out.push(record(
        "response",
        "logo",
        "https://news.example/logo.png",
        date,
        &http(
            "200 OK",
            "Content-Type: image/png\r\n",
            b"\x89PNG\r\n\x1a\n\0\0",
        ),
    ));
    let chunked_body = chunked(b"<html><body><p>Chunked page text.</p></body></html>", 7);
    out.push(record(
        "response",
        "chunked",
        "https://news.example/chunked",
        "2019-11-19T10:00:00Z",
        &http(
            "200 OK",
            &format!("{html}Transfer-Encoding: chunked\r\n"),
            &chunked_body,
        ),
    ));
    out.push(record(
        "response",
        "zipped",
        "https://news.example/zipped",
        date,
        &http(
            "200 OK",
            &format!("{html}Content-Encoding: gzip\r\n"),
            &gzip(b"<html><body><p>Compressed page text.</p></body></html>"),
        ),
    ));
    out.push(record(
        "response",
        "latin1",
        "https://news.example/latin1",
        date,
        &http(
            "200 OK",
            "Content-Type: text/html; charset=ISO-8859-1\r\n",
            b"<html><body><p>Caf\xe9 sales rose.</p></body></html>",
        ),
    ));
    out
}

fn check(name: &str, bytes: &[u8]) {
    let mut items = Reader::new().read_from(name, bytes);
    let mut docs = Vec::new();
    let mut skips = Vec::new();
    for item in items.by_ref() {
        match item {
            Item::Document { doc, warnings } => {
                assert!(warnings.is_empty(), "{}: {warnings:?}", doc.id);
                docs.push(doc);
            }
            Item::Skipped(err) => skips.push(err),
        }
    }
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        ["page0", "page1", "page2", "chunked", "zipped", "latin1"]
    );
    for doc in &docs[..3] {
        assert!(
            doc.url
                .as_deref()
                .unwrap()
                .starts_with("https://news.example/")
        );
        assert!(doc.text.len() > 200, "{}: {:?}", doc.id, doc.text);
        assert!(doc.layout.is_some());
        assert!(doc.date.is_some(), "{}", doc.id);
    }
    assert_eq!(docs[3].text, "Chunked page text.\n");
    assert_eq!(docs[3].date.unwrap().to_string(), "2019-11-19");
    assert_eq!(docs[4].text, "Compressed page text.\n");
    assert_eq!(docs[5].text, "Caf\u{e9} sales rose.\n");
    assert_eq!(docs[5].url.as_deref(), Some("https://news.example/latin1"));
    // Sources name the line the record starts on.
    assert!(docs[0].source.starts_with(&format!("{name}:")));
    let line: usize = docs[0].source.rsplit(':').next().unwrap().parse().unwrap();
    assert!(line > 1);

    assert_eq!(skips.len(), 1, "{skips:?}");
    assert_eq!(skips[0].reason.kind(), SkipKind::NotHtml);
    assert_eq!(skips[0].id.as_deref(), Some("logo"));
    assert!(
        skips[0]
            .to_string()
            .ends_with(": WARC response is not HTML but image/png"),
        "{}",
        skips[0]
    );
    let summary = items.summary();
    assert_eq!((summary.documents, summary.skipped), (6, 1));
    // warcinfo, three requests, one redirect
    assert_eq!(summary.ignored_records, 5);
}

#[test]
fn warc_of_aeb_pages() {
    let warc: Vec<u8> = records().concat();
    check("crawl.warc", &warc);
    // Told by content too.
    check("-", &warc);
}

#[test]
fn warc_gz_one_member_per_record() {
    let warc_gz: Vec<u8> = records().iter().flat_map(|r| gzip(r)).collect();
    check("crawl.warc.gz", &warc_gz);
}

#[test]
fn warc_files_in_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.warc.gz"),
        records().iter().flat_map(|r| gzip(r)).collect::<Vec<u8>>(),
    )
    .unwrap();
    let mut items = Reader::new().read([dir.path()]);
    let n = items
        .by_ref()
        .filter(|i| matches!(i, Item::Document { .. }))
        .count();
    assert_eq!(n, 6);
    assert_eq!(Format::from_name("x.warc.gz"), Some(Format::Warc));
}

#[test]
fn cut_short_warc_keeps_what_came_before_and_names_the_line() {
    let recs = records();
    let mut warc: Vec<u8> = recs[..3].concat(); // warcinfo, request, page0
    let last = &recs[3]; // the next request record
    warc.extend_from_slice(&last[..last.len() - 10]);
    let mut items = Reader::new().read_from("cut.warc", &warc[..]);
    let all: Vec<Item> = items.by_ref().collect();
    assert_eq!(all.len(), 2);
    assert!(matches!(&all[0], Item::Document { doc, .. } if doc.id == "page0"));
    let Item::Skipped(err) = &all[1] else {
        panic!("cut short")
    };
    assert_eq!(err.reason.kind(), SkipKind::MalformedWarc);
    assert!(err.to_string().contains("record is cut short"), "{err}");
    assert!(err.line.unwrap() > 1);
}

#[test]
fn oversized_record_is_skipped_and_reading_goes_on() {
    let recs = records();
    let warc: Vec<u8> = recs.concat();
    let reader = Reader::builder().max_document_bytes(1000).build().unwrap();
    let mut items = reader.read_from("small.warc", &warc[..]);
    let all: Vec<Item> = items.by_ref().collect();
    let too_large = all
        .iter()
        .filter(|i| matches!(i, Item::Skipped(e) if e.reason.kind() == SkipKind::TooLarge))
        .count();
    assert_eq!(too_large, 3, "the three AEB pages");
    let docs = all
        .iter()
        .filter(|i| matches!(i, Item::Document { .. }))
        .count();
    assert_eq!(docs, 3);
}

#[test]
fn not_a_warc_after_all() {
    let mut items = Reader::new().read_from("x.warc", &b"hello\r\n"[..]);
    let Some(Item::Skipped(err)) = items.next() else {
        panic!("malformed")
    };
    assert_eq!(
        err.to_string(),
        "x.warc:1: malformed WARC record: expected a WARC/1.x version line"
    );
    assert!(items.next().is_none());
    let mut items = Reader::new().read_from("empty.warc", &b""[..]);
    assert!(matches!(items.next(), Some(Item::Skipped(e)) if e.reason.kind() == SkipKind::Empty));
}

#[test]
fn aeb_dir_exists() {
    assert!(Path::new(AEB).is_dir());
}
