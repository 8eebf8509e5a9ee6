//! Errors of building a [`Tokenizer`](crate::Tokenizer).

/// Why a tokenizer could not be built: a problem in a data file, named by
/// its origin and line.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A `[section]` header names no known section.
    #[error(
        "{origin}:{line}: unknown abbreviation section [{section}] (expected one of [title], [number], [inner], [final])"
    )]
    UnknownSection {
        /// Where the data came from (a file name or a caller-given label).
        origin: String,
        /// The 1-based line number.
        line: usize,
        /// The section name as written.
        section: String,
    },
    /// An abbreviation appears before any `[section]` header.
    #[error(
        "{origin}:{line}: abbreviation `{entry}` comes before any [section] header; add one such as [final] above it"
    )]
    NoSection {
        /// Where the data came from.
        origin: String,
        /// The 1-based line number.
        line: usize,
        /// The entry as written.
        entry: String,
    },
    /// An entry contains whitespace or is written with its final period.
    #[error(
        "{origin}:{line}: `{entry}` is not a single word without a final period (write `Mr`, not `Mr.`)"
    )]
    BadEntry {
        /// Where the data came from.
        origin: String,
        /// The 1-based line number.
        line: usize,
        /// The entry as written.
        entry: String,
    },
    /// A data file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file's path.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
}
