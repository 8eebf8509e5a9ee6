//! Ingestion of scraped pages that never loses a document.
//!
//! # Overview
//!
//! A [`Reader`] turns inputs (files, directories walked in sorted order, `-`
//! for standard input, or any [`std::io::Read`]) into a stream of [`Item`]s:
//! each input document is either an [`Item::Document`] (a
//! [`factsift_core::Document`] plus any [`Warning`]s, such as invalid UTF-8
//! that was decoded lossily) or an [`Item::Skipped`] carrying an
//! [`InputError`]: the file, the line for a JSONL record, and a typed
//! [`SkipReason`] (unreadable, empty, binary, too large, malformed JSON...).
//! The run never stops at a bad input, and [`Items::summary`] counts every
//! input document exactly once, as read or skipped by reason
//! ([`Summary`], serialisable for `--stats`).
//!
//! Formats ([`Format`]): text pages (with the optional first line
//! ` date YYYY-MM-DD <rest>`), HTML pages (through `factsift-html`), and JSONL
//! records `{"id", "text" or "html", "date"?, "url"?, "title"?}`, and WARC
//! files of HTML responses, each optionally gzip-compressed. The format comes from the extension, else from
//! the content. See [`Reader`] for the exact rules for ids, sources and dates.
//!
//! Reading streams: one file is open at a time, JSONL is read line by line,
//! and no document is kept after it is yielded, so memory stays flat however
//! many files or records there are. Reading is sequential but decoding need
//! not be: [`Items::next_pending`] yields a document's bytes as a [`Pending`]
//! whose [`Pending::decode`] may run on any thread.
//!
//! # Example
//!
//! ```
//! use factsift_ingest::{Item, Reader, SkipKind};
//!
//! let jsonl = concat!(
//!     r#"{"id": "a1", "text": "Xiaomi shipped 23.16 million smartphones.", "date": "2017-08-01"}"#,
//!     "\n{\"id\": \"a2\", \"text\": 5}\n",
//!     r#"{"id": "a3", "html": "<p>Revenue rose 9.6%.</p>", "url": "https://example.com/a3"}"#,
//!     "\n",
//! );
//! let reader = Reader::builder().max_document_bytes(1 << 20).build()?;
//! let mut items = reader.read_from("dump.jsonl", jsonl.as_bytes());
//! let mut ids = Vec::new();
//! let mut errors = Vec::new();
//! for item in items.by_ref() {
//!     match item {
//!         Item::Document { doc, warnings } => {
//!             assert!(warnings.is_empty());
//!             ids.push(format!("{} {}", doc.id, doc.source));
//!         }
//!         Item::Skipped(err) => errors.push(err.to_string()),
//!     }
//! }
//! assert_eq!(ids, ["a1 dump.jsonl:1", "a3 dump.jsonl:3"]);
//! assert_eq!(errors, ["dump.jsonl:2: field \"text\" must be a string"]);
//! let summary = items.summary();
//! assert_eq!((summary.documents, summary.skipped), (2, 1));
//! assert_eq!(summary.skipped_by_reason[&SkipKind::WrongType], 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod decode;
mod error;
mod format;
mod html;
mod reader;
mod record;
mod summary;
mod warc;

pub use crate::{
    error::{BinaryCause, BuildError, InputError, SkipKind, SkipReason, Warning, WarningKind},
    format::{Format, document_id},
    reader::{
        DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_LINE_BYTES, Item, Items, Pending, Reader,
        ReaderBuilder,
    },
    summary::Summary,
};
