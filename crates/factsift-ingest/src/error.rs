//! Why an input was skipped, what was noticed about a document that was read,
//! and why a reader could not be built.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::io;
use std::path::PathBuf;

/// An input document that could not be read: where it was and why.
///
/// Its [`Display`](fmt::Display) names the file and, for a JSONL record, the
/// line: `dump.jsonl:7: malformed JSON: expected value at line 1 column 1`.
///
/// ```
/// use factsift_ingest::{Item, Reader, SkipKind};
/// let reader = Reader::new();
/// let input = "{\"id\": \"a\", \"text\": \"Sales rose.\"}\n{\"id\": 7.5}\n";
/// let items: Vec<Item> = reader.read_from("dump.jsonl", input.as_bytes()).collect();
/// let Item::Skipped(err) = &items[1] else { panic!("line 2 is malformed") };
/// assert_eq!((err.file.as_str(), err.line), ("dump.jsonl", Some(2)));
/// assert_eq!(err.reason.kind(), SkipKind::WrongType);
/// assert_eq!(
///     err.to_string(),
///     "dump.jsonl:2: field \"id\" must be a string or an integer"
/// );
/// ```
#[derive(Debug, thiserror::Error)]
pub struct InputError {
    /// The file as given (joined with the directory it was found in), or `-`
    /// for standard input.
    pub file: String,
    /// The 1-based line of a JSONL record; `None` for a whole file.
    pub line: Option<u64>,
    /// The record's id when it could be read before the error.
    pub id: Option<String>,
    /// Why it was skipped.
    #[source]
    pub reason: SkipReason,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.reason),
            None => write!(f, "{}: {}", self.file, self.reason),
        }
    }
}

/// Why an input document was skipped.
///
/// [`SkipReason::kind`] gives the reason without its details, as counted in
/// a [`Summary`](crate::Summary).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SkipReason {
    /// The file or directory could not be opened or read.
    #[error("cannot read: {0}")]
    Unreadable(#[source] io::Error),
    /// A directory symlink points back to one of its own ancestors.
    #[error("symlink loop: points back to its ancestor {}", ancestor.display())]
    SymlinkLoop {
        /// The ancestor directory the link leads back to.
        ancestor: PathBuf,
    },
    /// The gzip data is corrupt or truncated.
    #[error("corrupt gzip data: {0}")]
    Decompress(#[source] io::Error),
    /// The file, or the record's text, is empty or only white space.
    #[error("empty document")]
    Empty,
    /// The content is not text.
    #[error("binary content ({cause})")]
    Binary {
        /// What gave it away.
        cause: BinaryCause,
    },
    /// The document (or JSONL line) is over the size limit; it was not read
    /// further.
    #[error("document larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit in bytes ([`ReaderBuilder::max_document_bytes`](crate::ReaderBuilder::max_document_bytes)).
        limit: u64,
    },
    /// A text page has a line over the line length limit.
    #[error("text line {line} is longer than the limit of {limit} bytes")]
    LineTooLong {
        /// The 1-based line in the page (in the record's `text` for JSONL).
        line: u64,
        /// The limit in bytes ([`ReaderBuilder::max_line_bytes`](crate::ReaderBuilder::max_line_bytes)).
        limit: u64,
    },
    /// A JSONL line is not a JSON object.
    #[error("malformed JSON: {0}")]
    MalformedJson(#[source] serde_json::Error),
    /// A JSONL line is valid JSON but not an object (an array, a string...).
    #[error("a record must be a JSON object, not {found}")]
    NotAnObject {
        /// What the line holds, e.g. `an array`.
        found: &'static str,
    },
    /// A JSONL record has no `id`, or an empty one.
    #[error("record has no \"id\"")]
    MissingId,
    /// A JSONL record has neither `text` nor `html`.
    #[error("record has neither \"text\" nor \"html\"")]
    MissingText,
    /// A JSONL record field has the wrong JSON type.
    #[error("field \"{field}\" must be {expected}")]
    WrongType {
        /// The field name.
        field: &'static str,
        /// What it must be, e.g. `a string`.
        expected: &'static str,
    },
    /// A JSONL record's `date` does not start with a valid `YYYY-MM-DD` date.
    #[error("field \"date\" is not a YYYY-MM-DD date: {value:?}")]
    BadDate {
        /// The date as given.
        value: String,
    },
    /// An HTML page has no visible text.
    #[error("HTML page has no visible text")]
    NoText,
    /// A WARC record cannot be read: bad headers, cut short, or a response
    /// block that is not HTTP. Bad headers and a cut stop the file.
    #[error("malformed WARC record: {detail}")]
    MalformedWarc {
        /// What is wrong.
        detail: &'static str,
    },
    /// A WARC response is not an HTML page.
    #[error("WARC response is not HTML but {content_type}")]
    NotHtml {
        /// The HTTP `Content-Type` (without parameters).
        content_type: String,
    },
}

impl SkipReason {
    /// The reason without its details.
    ///
    /// ```
    /// use factsift_ingest::{SkipKind, SkipReason};
    /// assert_eq!(SkipReason::Empty.kind(), SkipKind::Empty);
    /// ```
    pub fn kind(&self) -> SkipKind {
        match self {
            SkipReason::Unreadable(_) => SkipKind::Unreadable,
            SkipReason::SymlinkLoop { .. } => SkipKind::SymlinkLoop,
            SkipReason::Decompress(_) => SkipKind::Decompress,
            SkipReason::Empty => SkipKind::Empty,
            SkipReason::Binary { .. } => SkipKind::Binary,
            SkipReason::TooLarge { .. } => SkipKind::TooLarge,
            SkipReason::LineTooLong { .. } => SkipKind::LineTooLong,
            SkipReason::MalformedJson(_) | SkipReason::NotAnObject { .. } => {
                SkipKind::MalformedJson
            }
            SkipReason::MissingId => SkipKind::MissingId,
            SkipReason::MissingText => SkipKind::MissingText,
            SkipReason::WrongType { .. } => SkipKind::WrongType,
            SkipReason::BadDate { .. } => SkipKind::BadDate,
            SkipReason::NoText => SkipKind::NoText,
            SkipReason::MalformedWarc { .. } => SkipKind::MalformedWarc,
            SkipReason::NotHtml { .. } => SkipKind::NotHtml,
        }
    }
}

/// What showed that content is binary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BinaryCause {
    /// A NUL byte at this byte offset of the (decompressed) content.
    NulByte(u64),
    /// Over a tenth of the first bytes are control characters.
    ControlBytes,
}

impl fmt::Display for BinaryCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BinaryCause::NulByte(offset) => write!(f, "NUL byte at offset {offset}"),
            BinaryCause::ControlBytes => f.write_str("mostly control bytes"),
        }
    }
}

/// A [`SkipReason`] without its details; the key of
/// [`Summary::skipped_by_reason`](crate::Summary::skipped_by_reason).
///
/// Serialised in snake case: `"malformed_json"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SkipKind {
    /// See [`SkipReason::Unreadable`].
    Unreadable,
    /// See [`SkipReason::SymlinkLoop`].
    SymlinkLoop,
    /// See [`SkipReason::Decompress`].
    Decompress,
    /// See [`SkipReason::Empty`].
    Empty,
    /// See [`SkipReason::Binary`].
    Binary,
    /// See [`SkipReason::TooLarge`].
    TooLarge,
    /// See [`SkipReason::LineTooLong`].
    LineTooLong,
    /// See [`SkipReason::MalformedJson`].
    MalformedJson,
    /// See [`SkipReason::MissingId`].
    MissingId,
    /// See [`SkipReason::MissingText`].
    MissingText,
    /// See [`SkipReason::WrongType`].
    WrongType,
    /// See [`SkipReason::BadDate`].
    BadDate,
    /// See [`SkipReason::NoText`].
    NoText,
    /// See [`SkipReason::MalformedWarc`].
    MalformedWarc,
    /// See [`SkipReason::NotHtml`].
    NotHtml,
}

/// Something noticed about a document that was read all the same.
///
/// The CLI prints it after the document's source:
/// `page.txt: invalid UTF-8 at byte 120, decoded lossily`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Warning {
    /// Invalid UTF-8 was replaced by U+FFFD.
    #[error("invalid UTF-8 at byte {offset}, decoded lossily")]
    InvalidUtf8 {
        /// Offset of the first invalid byte in the (decompressed) content.
        offset: u64,
    },
    /// The content had a UTF-16 byte order mark and was decoded from UTF-16.
    #[error("decoded from UTF-16")]
    Utf16,
    /// Unpaired UTF-16 surrogates were replaced by U+FFFD.
    #[error("invalid UTF-16 at byte {offset}, decoded lossily")]
    InvalidUtf16 {
        /// Offset of the first bad code unit in the content.
        offset: u64,
    },
    /// A text page's first line starts with ` date ` but no valid
    /// `YYYY-MM-DD` date follows; the line was kept as text and the document
    /// has no date.
    #[error(
        "first line starts with \" date \" but {value:?} is not a YYYY-MM-DD date; kept as text"
    )]
    BadDateLine {
        /// Up to 40 characters after ` date `.
        value: String,
    },
    /// A JSONL record has both `text` and `html`; the HTML was used.
    #[error("record has both \"text\" and \"html\"; used \"html\"")]
    TextAndHtml,
}

impl Warning {
    /// The warning without its details.
    ///
    /// ```
    /// use factsift_ingest::{Warning, WarningKind};
    /// assert_eq!(Warning::Utf16.kind(), WarningKind::Utf16);
    /// ```
    pub fn kind(&self) -> WarningKind {
        match self {
            Warning::InvalidUtf8 { .. } => WarningKind::InvalidUtf8,
            Warning::Utf16 => WarningKind::Utf16,
            Warning::InvalidUtf16 { .. } => WarningKind::InvalidUtf16,
            Warning::BadDateLine { .. } => WarningKind::BadDateLine,
            Warning::TextAndHtml => WarningKind::TextAndHtml,
        }
    }
}

/// A [`Warning`] without its details; the key of
/// [`Summary::warnings_by_kind`](crate::Summary::warnings_by_kind).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WarningKind {
    /// See [`Warning::InvalidUtf8`].
    InvalidUtf8,
    /// See [`Warning::Utf16`].
    Utf16,
    /// See [`Warning::InvalidUtf16`].
    InvalidUtf16,
    /// See [`Warning::BadDateLine`].
    BadDateLine,
    /// See [`Warning::TextAndHtml`].
    TextAndHtml,
}

/// A reader configuration that cannot work.
///
/// ```
/// use factsift_ingest::Reader;
/// let err = Reader::builder().max_document_bytes(0).build().unwrap_err();
/// assert_eq!(err.to_string(), "max_document_bytes and max_line_bytes must be at least 1");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A size limit is zero.
    #[error("max_document_bytes and max_line_bytes must be at least 1")]
    ZeroLimit,
}
