//! Property tests: arbitrary input never panics and every input document is
//! accounted for exactly once.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on setup failure by design

use factsift_core::Date;
use factsift_ingest::{Item, Reader};
use flate2::{Compression, write::GzEncoder};
use proptest::prelude::*;
use std::io::Write;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

const NAMES: &[&str] = &["a.txt", "a.html", "a.jsonl", "a.warc", "a", "-", "a.md"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_bytes_never_panic_and_are_accounted(
        bytes in proptest::collection::vec(any::<u8>(), 0..600),
        name in proptest::sample::select(NAMES),
        compress in any::<bool>(),
        limit in prop_oneof![Just(50u64), Just(1u64 << 20)],
    ) {
        let input = if compress { gzip(&bytes) } else { bytes.clone() };
        let reader = Reader::builder().max_document_bytes(limit).build().unwrap();
        let mut items = reader.read_from(name, &input[..]);
        let got: Vec<Item> = items.by_ref().collect();
        let summary = items.summary();
        prop_assert!(!got.is_empty());
        prop_assert_eq!(summary.total(), got.len() as u64);
        prop_assert_eq!(summary.files, 1);
        prop_assert_eq!(summary.bytes, input.len() as u64);
        if matches!(name, "a.txt" | "a.html") {
            prop_assert_eq!(got.len(), 1);
        }
        for item in &got {
            match item {
                Item::Document { doc, .. } => {
                    prop_assert!(!doc.text.trim().is_empty());
                    prop_assert!(!doc.id.is_empty());
                }
                Item::Skipped(err) => prop_assert!(err.to_string().starts_with(name)),
            }
        }
    }

    #[test]
    fn arbitrary_warc_records_never_panic(
        kind in proptest::sample::select(&["response", "request", "warcinfo", "resp"][..]),
        length in 0u64..400,
        block in proptest::collection::vec(any::<u8>(), 0..300),
        http_head in "(HTTP/1\\.1 [0-9]{3} OK\r\n([A-Za-z-]{1,20}: [ -~]{0,30}\r\n){0,3}\r\n)?",
        twice in any::<bool>(),
    ) {
        let mut body = http_head.into_bytes();
        body.extend_from_slice(&block);
        let mut rec = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Length: {length}\r\n\r\n"
        )
        .into_bytes();
        rec.extend_from_slice(&body);
        rec.extend_from_slice(b"\r\n\r\n");
        let input = if twice { [rec.clone(), rec].concat() } else { rec };
        let mut items = Reader::new().read_from("x.warc", &input[..]);
        let got: Vec<Item> = items.by_ref().collect();
        prop_assert_eq!(items.summary().total(), got.len() as u64);
        for item in &got {
            if let Item::Skipped(err) = item {
                prop_assert!(err.to_string().starts_with("x.warc"));
            }
        }
    }

    #[test]
    fn every_jsonl_line_gives_exactly_one_item(
        lines in proptest::collection::vec(
            prop_oneof![
                ("[a-z0-9]{1,8}", "\\PC{0,30}").prop_map(|(id, text)| {
                    serde_json::json!({"id": id, "text": text}).to_string()
                }),
                "[ -~]{0,40}",
                "\\PC{0,40}",
                Just(String::new()),
            ],
            0..30,
        ),
        crlf in any::<bool>(),
    ) {
        let joined = lines.join(if crlf { "\r\n" } else { "\n" });
        let mut items = Reader::new().read_from("x.jsonl", joined.as_bytes());
        let got: Vec<Item> = items.by_ref().collect();
        let expected: Vec<u64> = lines
            .iter()
            .enumerate()
            // Blank as JSON sees it: ASCII whitespace (a BOM aside), not
            // every Unicode space ("\u{a0}" is a malformed record).
            .filter(|(_, l)| {
                let l = l.strip_prefix('\u{feff}').unwrap_or(l);
                !l.bytes().all(|b| b.is_ascii_whitespace())
            })
            .map(|(i, _)| i as u64 + 1)
            .collect();
        let seen: Vec<Option<u64>> = got
            .iter()
            .map(|item| match item {
                Item::Document { doc, .. } => doc
                    .source
                    .rsplit(':')
                    .next()
                    .and_then(|n| n.parse().ok()),
                Item::Skipped(err) => err.line,
            })
            .collect();
        if expected.is_empty() {
            // A file with no record is one empty input.
            prop_assert_eq!(seen, vec![None]);
        } else {
            prop_assert_eq!(seen, expected.into_iter().map(Some).collect::<Vec<_>>());
        }
        prop_assert_eq!(items.summary().total(), got.len() as u64);
    }

    #[test]
    fn date_line_sets_date_and_text_starts_at_rest(
        (y, m, d) in (1900i32..2100, 1u8..=12, 1u8..=28),
        rest in "[^\\s\\p{Cc}][^\\p{Cc}]{0,30}",
        body in "\\PC{0,60}",
    ) {
        let date = Date::new(y, m, d).unwrap();
        let page = format!(" date {date} {rest}\n{body}");
        let mut items = Reader::new().read_from("p.txt", page.as_bytes());
        let Some(Item::Document { doc, warnings }) = items.next() else {
            panic!("a document");
        };
        prop_assert!(warnings.is_empty());
        prop_assert_eq!(doc.date, Some(date));
        prop_assert_eq!(doc.text, format!("{rest}\n{body}"));
    }

    #[test]
    fn text_without_marker_is_kept_verbatim(text in "[^\\s\\p{Cc}\\p{Cf}][^\\p{Cc}]{0,80}") {
        let bytes = text.clone().into_bytes();
        let mut items = Reader::new().read_from("p.txt", &bytes[..]);
        let Some(Item::Document { doc, warnings }) = items.next() else {
            panic!("a document");
        };
        prop_assert!(warnings.is_empty());
        prop_assert_eq!(doc.date, None);
        prop_assert_eq!(doc.text, text);
    }
}
