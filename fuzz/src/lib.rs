//! The checks behind the fuzz targets, as plain functions of arbitrary bytes.
//!
//! Each `fuzz_targets/<name>.rs` calls the function of the same name, so the
//! same checks run under libFuzzer (`cargo +nightly fuzz run <name>`) and
//! under `cargo test` (tests/seeds.rs replays the seed corpus and every input
//! that once crashed). A check fails by panicking: a panic in a stage is a
//! bug, and so is an output that breaks the span contract (every span of a
//! stage lies inside `Document::text`, on char boundaries).
//!
//! Inputs are split by their first byte where a target needs a choice (an
//! input name that picks the format, a publication date), so the fuzzer can
//! steer every branch from the bytes alone.

use factsift_core::{Date, Document, Span, Tokenized};
use factsift_ingest::{Item, Reader};
use factsift_pipeline::Pipeline;
use factsift_strip::Stripper;
use factsift_tag::Tagger;
use factsift_tokenize::Tokenizer;
use std::sync::LazyLock;

static TOKENIZER: LazyLock<Tokenizer> = LazyLock::new(Tokenizer::new);
static STRIPPER: LazyLock<Stripper> = LazyLock::new(|| {
    Stripper::builder()
        .build()
        .expect("the default strip data loads")
});
static TAGGER: LazyLock<Tagger> = LazyLock::new(|| {
    Tagger::builder()
        .build()
        .expect("the default tag data loads")
});
static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| {
    Pipeline::builder()
        .build()
        .expect("the default pipeline data loads")
});
/// Small limits, so the fuzzer reaches the too-large paths with small inputs.
static READER: LazyLock<Reader> = LazyLock::new(|| {
    Reader::builder()
        .max_document_bytes(1 << 16)
        .max_line_bytes(1 << 12)
        .build()
        .expect("valid ingestion limits")
});

/// Input names that pick each ingestion format (by extension, or sniffed).
const NAMES: [&str; 8] = [
    "page.txt",
    "page.html",
    "dump.jsonl",
    "crawl.warc",
    "page.txt.gz",
    "dump.jsonl.gz",
    "noextension",
    "-",
];

fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        Span::checked(text, span.start(), span.end()).is_ok(),
        "{what} span {}..{} is not a span of a text of {} bytes",
        span.start(),
        span.end(),
        text.len()
    );
}

/// Checks a document as ingestion hands it to the stages.
fn check_document(doc: &Document) {
    if let Some(layout) = &doc.layout {
        for block in &layout.blocks {
            assert_span(&doc.text, block.span, "layout block");
            assert!(block.element < layout.elements.len(), "block element index");
        }
        for (i, el) in layout.elements.iter().enumerate() {
            assert!(el.parent.is_none_or(|p| p < i), "parents before children");
        }
    }
}

fn check_tokenized(text: &str, t: &Tokenized, within: &[Span]) {
    let mut prev = 0;
    for tok in &t.tokens {
        let (s, e) = (tok.span.start(), tok.span.end());
        assert_span(text, tok.span, "token");
        assert!(s < e && s >= prev, "tokens are non-empty and ordered");
        assert!(
            within.iter().any(|w| w.contains(tok.span)),
            "token in its span"
        );
        prev = e;
    }
    let mut next = 0;
    for s in &t.sentences {
        assert_eq!(s.tokens.start, next, "sentences tile the tokens");
        assert!(s.tokens.end > s.tokens.start, "no empty sentence");
        assert!(
            within.iter().any(|w| w.contains(s.span)),
            "sentence in its span"
        );
        next = s.tokens.end;
    }
    assert_eq!(next, t.tokens.len(), "every token is in a sentence");
}

fn check_tags(text: &str, tags: &factsift_core::Tags) {
    for e in &tags.entities {
        assert_span(text, e.span, "entity");
    }
    for q in &tags.quantities {
        assert_span(text, q.span, "quantity");
        for s in [q.cue, q.noun].into_iter().flatten() {
            assert_span(text, s, "quantity cue/noun");
        }
        if let Some(i) = q.conversion_of {
            assert!(i < tags.quantities.len(), "conversion_of index");
        }
    }
    for t in &tags.times {
        assert_span(text, t.span, "time");
    }
}

/// The tokenizer: whole texts, and texts cut into two spans by the first
/// two bytes; unordered, overlapping and out-of-range spans must not panic.
pub fn tokenize(data: &[u8]) {
    let (cut, bytes) = match data {
        [a, b, rest @ ..] => (usize::from(*a) << 8 | usize::from(*b), rest),
        _ => (0, data),
    };
    let text = String::from_utf8_lossy(bytes);
    let whole = Span::from_range(0..text.len());
    check_tokenized(&text, &TOKENIZER.tokenize(&text), &[whole]);

    let mut mid = cut.min(text.len());
    while !text.is_char_boundary(mid) {
        mid -= 1;
    }
    let spans = [Span::from_range(0..mid), Span::from_range(mid..text.len())];
    check_tokenized(&text, &TOKENIZER.tokenize_spans(&text, &spans), &spans);
    let wild = [Span::from_range(cut..cut + 7), Span::from_range(1..cut / 2)];
    let _ = TOKENIZER.tokenize_spans(&text, &wild);
}

/// Ingestion of arbitrary bytes in every format: the first byte picks the
/// input name (and so the format), the rest is the content. Every item is a
/// valid document or a skip that names the input, and the summary counts
/// each item exactly once.
pub fn ingest(data: &[u8]) {
    let (name, bytes) = match data {
        [first, rest @ ..] => (NAMES[usize::from(*first) % NAMES.len()], rest),
        [] => (NAMES[0], data),
    };
    read_all(name, bytes);
}

/// JSONL records (plain and gzipped, picked by the first byte's low bit).
pub fn jsonl(data: &[u8]) {
    let (name, bytes) = match data {
        [first, rest @ ..] if first & 1 == 1 => ("dump.jsonl.gz", rest),
        [_, rest @ ..] => ("dump.jsonl", rest),
        [] => ("dump.jsonl", data),
    };
    read_all(name, bytes);
}

fn read_all(name: &str, bytes: &[u8]) {
    let mut items = READER.read_from(name, bytes);
    let (mut docs, mut skipped) = (0u64, 0u64);
    for item in items.by_ref() {
        match item {
            Item::Document { doc, .. } => {
                check_document(&doc);
                assert!(
                    doc.text.len() as u64 <= READER.max_document_bytes(),
                    "document over the limit was not skipped"
                );
                docs += 1;
            }
            Item::Skipped(err) => {
                let msg = err.to_string();
                assert!(!msg.is_empty(), "a skip says why");
                skipped += 1;
            }
        }
    }
    let summary = items.summary();
    assert_eq!(
        (summary.documents, summary.skipped),
        (docs, skipped),
        "summary counts every item once"
    );
}

/// HTML extraction: the page's layout lines up with its text.
pub fn html(data: &[u8]) {
    let html = String::from_utf8_lossy(data);
    let page = factsift_html::extract(&html);
    for block in &page.layout.blocks {
        assert_span(&page.text, block.span, "layout block");
        assert_eq!(
            block.span.slice(&page.text).find('\n'),
            None,
            "a block is one line"
        );
    }
    let doc = Document {
        text: page.text,
        layout: Some(page.layout),
        ..Document::default()
    };
    check_document(&doc);
}

/// Boilerplate stripping of arbitrary text pages, and of arbitrary HTML
/// (first byte odd) through the HTML layout.
pub fn strip(data: &[u8]) {
    let doc = match data {
        [first, rest @ ..] if first & 1 == 1 => {
            let page = factsift_html::extract(&String::from_utf8_lossy(rest));
            Document {
                id: "fuzz".into(),
                text: page.text,
                layout: Some(page.layout),
                ..Document::default()
            }
        }
        _ => Document::new("fuzz", String::from_utf8_lossy(data)),
    };
    let stripped = STRIPPER.strip(&doc);
    for span in stripped.title.iter().chain(&stripped.body) {
        assert_span(&doc.text, *span, "kept");
    }
    for d in &stripped.dropped {
        assert_span(&doc.text, d.span, "dropped");
    }
    let _ = stripped.text(&doc);
    let _ = stripped.record(&doc);
}

/// The number and date parsers: arbitrary sentences tagged whole and through
/// the tokenizer's sentences; the first byte picks a publication date (or
/// none) so relative dates resolve against odd years too.
pub fn tag(data: &[u8]) {
    let (published, bytes) = match data {
        [first, rest @ ..] => (published(*first), rest),
        [] => (None, data),
    };
    let text = String::from_utf8_lossy(bytes);
    check_tags(&text, &TAGGER.tag_str(&text, published));
    let tokenized = TOKENIZER.tokenize(&text);
    check_tags(&text, &TAGGER.tag(&text, &tokenized, published));
}

fn published(byte: u8) -> Option<Date> {
    match byte {
        0 => None,
        1 => Date::new(1, 1, 1),
        2 => Date::new(9999, 12, 31),
        b => Date::new(1950 + i32::from(b % 100), 1 + b % 12, 1 + b % 28),
    }
}

/// The claim extractor behind the whole pipeline, on arbitrary text: facts
/// cite sources inside the document.
pub fn pipeline(data: &[u8]) {
    let (published, bytes) = match data {
        [first, rest @ ..] => (published(*first), rest),
        [] => (None, data),
    };
    let mut doc = Document::new("fuzz", String::from_utf8_lossy(bytes));
    doc.date = published;
    let out = PIPELINE.run(&doc);
    check_tags(&doc.text, &out.tags);
    for fact in &out.facts {
        for source in &fact.sources {
            assert!(
                Span::checked(&doc.text, source.start, source.end).is_ok(),
                "fact source {}..{} outside the text",
                source.start,
                source.end
            );
        }
        assert!(!fact.value.is_nan(), "a fact value is a number");
    }
}
