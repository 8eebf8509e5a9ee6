//! The run tally: what was read, what was skipped and why.

use crate::{Item, SkipKind, WarningKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Counts of one ingestion run.
///
/// [`Items::summary`](crate::Items::summary) keeps one up to date as items are
/// produced. Every input document is counted exactly once, in `documents`
/// or in `skipped`, so `documents + skipped` is the number of items the run
/// produced.
///
/// Serialises to JSON for `--stats`:
///
/// ```
/// use factsift_ingest::{Reader, SkipKind};
/// let reader = Reader::new();
/// let input = "{\"id\":\"a\",\"text\":\"Up 5%.\"}\nnot json\n";
/// let mut items = reader.read_from("x.jsonl", input.as_bytes());
/// let n = items.by_ref().count();
/// let summary = items.summary();
/// assert_eq!((n, summary.documents, summary.skipped), (2, 1, 1));
/// assert_eq!(summary.skipped_by_reason[&SkipKind::MalformedJson], 1);
/// let json = serde_json::to_string(summary)?;
/// assert!(json.contains(r#""skipped_by_reason":{"malformed_json":1}"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Files (and streams such as standard input) opened for reading.
    pub files: u64,
    /// Entries found in directories but not read: hidden files and
    /// directories, names with an extension that is not a page format (see
    /// [`ReaderBuilder::all_files`](crate::ReaderBuilder::all_files)), and
    /// entries that are not regular files (FIFOs, sockets, devices).
    pub ignored_files: u64,
    /// WARC records that are not documents: `warcinfo`, `request`,
    /// `metadata`, `revisit` and other non-`response` records, and responses
    /// without a 2xx status (redirects, errors).
    pub ignored_records: u64,
    /// Bytes read from the inputs as stored (compressed bytes for gzip).
    pub bytes: u64,
    /// Documents read.
    pub documents: u64,
    /// Input documents skipped (files, records or directory entries).
    pub skipped: u64,
    /// `skipped` by reason.
    pub skipped_by_reason: BTreeMap<SkipKind, u64>,
    /// Warnings on documents that were read.
    pub warnings: u64,
    /// `warnings` by kind.
    pub warnings_by_kind: BTreeMap<WarningKind, u64>,
}

impl Summary {
    /// Counts one item: a document and its warnings, or a skip.
    ///
    /// [`Items`](crate::Items) already does this for its own summary; call it
    /// to keep a tally of items from elsewhere.
    ///
    /// ```
    /// use factsift_ingest::{Item, Summary};
    /// let mut summary = Summary::default();
    /// summary.record(&Item::Document {
    ///     doc: factsift_core::Document::new("a", "text"),
    ///     warnings: vec![],
    /// });
    /// assert_eq!(summary.documents, 1);
    /// ```
    pub fn record(&mut self, item: &Item) {
        match item {
            Item::Document { warnings, .. } => {
                self.documents += 1;
                for warning in warnings {
                    self.warnings += 1;
                    *self.warnings_by_kind.entry(warning.kind()).or_default() += 1;
                }
            }
            Item::Skipped(err) => {
                self.skipped += 1;
                *self.skipped_by_reason.entry(err.reason.kind()).or_default() += 1;
            }
        }
    }

    /// Adds another run's counts to these (e.g. shards of one dump).
    ///
    /// ```
    /// use factsift_ingest::Summary;
    /// let mut a = Summary { documents: 2, files: 1, ..Summary::default() };
    /// a.merge(&Summary { documents: 3, files: 1, ..Summary::default() });
    /// assert_eq!((a.documents, a.files), (5, 2));
    /// ```
    pub fn merge(&mut self, other: &Summary) {
        self.files += other.files;
        self.ignored_files += other.ignored_files;
        self.ignored_records += other.ignored_records;
        self.bytes += other.bytes;
        self.documents += other.documents;
        self.skipped += other.skipped;
        for (kind, n) in &other.skipped_by_reason {
            *self.skipped_by_reason.entry(*kind).or_default() += n;
        }
        self.warnings += other.warnings;
        for (kind, n) in &other.warnings_by_kind {
            *self.warnings_by_kind.entry(*kind).or_default() += n;
        }
    }

    /// Input documents seen: read plus skipped.
    ///
    /// ```
    /// use factsift_ingest::Summary;
    /// assert_eq!(Summary { documents: 4, skipped: 1, ..Summary::default() }.total(), 5);
    /// ```
    pub fn total(&self) -> u64 {
        self.documents + self.skipped
    }
}
