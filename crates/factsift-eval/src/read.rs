//! Loading gold and predicted facts from JSONL.

use factsift_core::Fact;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// Why a facts file could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A line is not a fact of the contract.
    #[error("{path}:{line}: not a fact of the contract: {source}")]
    Json {
        /// The file (or the name given to [`parse_facts`]).
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The JSON error.
        source: serde_json::Error,
    },
    /// A line parses but breaks the contract (e.g. a non-finite value, or
    /// `bound: range` without `value_max`).
    #[error("{path}:{line}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Reads a facts JSONL file (gold or predicted). Blank lines are skipped.
///
/// # Errors
/// [`ReadError`] naming the file, and the line for a bad record.
///
/// ```
/// use std::io::Write;
/// let mut f = tempfile::NamedTempFile::new()?;
/// writeln!(f, r#"{{"subject":"Xiaomi","metric":"shipments","value":23160000,"unit":"count"}}"#)?;
/// writeln!(f)?;
/// writeln!(f, r#"{{"subject":"Xiaomi","metric":"#)?;
/// let err = factsift_eval::read_facts(f.path()).unwrap_err();
/// assert!(err.to_string().contains(":3:"), "{err}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_facts(path: impl AsRef<Path>) -> Result<Vec<Fact>, ReadError> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_facts(std::io::BufReader::new(file), path)
}

/// Parses facts JSONL from a reader; `name` is used in errors.
///
/// # Errors
/// As [`read_facts`].
///
/// ```
/// let text = "{\"subject\":\"A\",\"metric\":\"revenue\",\"value\":1,\"unit\":\"USD\"}\n";
/// let facts = factsift_eval::parse_facts(text.as_bytes(), "inline")?;
/// assert_eq!(facts.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_facts(reader: impl BufRead, name: impl AsRef<Path>) -> Result<Vec<Fact>, ReadError> {
    let name = name.as_ref();
    let mut facts = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|source| ReadError::Io {
            path: name.to_path_buf(),
            source,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let fact: Fact = serde_json::from_str(&line).map_err(|source| ReadError::Json {
            path: name.to_path_buf(),
            line: i + 1,
            source,
        })?;
        let invalid = |message: String| ReadError::Invalid {
            path: name.to_path_buf(),
            line: i + 1,
            message,
        };
        if !fact.value.is_finite() {
            return Err(invalid(format!("value {} is not finite", fact.value)));
        }
        if fact.bound == factsift_core::Bound::Range && fact.value_max.is_none() {
            return Err(invalid("bound \"range\" needs value_max".to_string()));
        }
        facts.push(fact);
    }
    Ok(facts)
}
