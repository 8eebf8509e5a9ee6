//! Claim extraction: turns the numbers of tagged sentences into the
//! canonical facts of the fact contract (`shared/spec/facts.md`).
//!
//! # Overview
//!
//! [`ClaimExtractor`] reads one document at a time: its text, the
//! tokenizer's sentences and the tagger's entities, quantities and time
//! mentions. For every number of every sentence it decides
//!
//! - the **metric**, from a lexicon of trigger words (`data/metrics.tsv`:
//!   "shipped", "revenue", "net loss", "stake", "jobs" + "cut", ...), with
//!   `<metric>_change` for rises and falls ("up 70%") and their comparison
//!   basis `vs` ("year-on-year" -> `prev_year`);
//! - the **subject**: the nearest company named in the sentence, with
//!   references ("the company", "the China-based vendor", "it", "we") and
//!   sources ("according to Canalys") resolved, falling back to the
//!   document's topic company;
//! - the **period**, from the nearest time mention, an anchor in the text
//!   ("a year earlier"), or the paragraph's period;
//! - the **scope** ("in India", "the Indian smartphone market", "its home
//!   market"), the rate (`per`), the **bound** and the **modality**
//!   (`actual`, `target` for the subject's own goals, `forecast` for others'
//!   predictions).
//!
//! A number no trigger explains (a phone number, a model name like "Mi 6",
//! a year, an age, a bare count) gives no fact. Each fact has one source:
//! the sentence it was read from. Merging equal facts is the dedup stage's
//! job.
//!
//! All language knowledge is data under `data/` ([`ClaimExtractorBuilder`]
//! adds more): `vocabulary.tsv` (the contract's metrics), `metrics.tsv`
//! (triggers), `cues.tsv` (change, comparison, modality, scope, anaphora
//! and filter cues), `reporters.txt` (research firms and news outlets) and
//! `home_countries.tsv`.
//!
//! # Example
//!
//! ```
//! use factsift_claims::ClaimExtractor;
//! use factsift_core::*;
//!
//! let text = "Xiaomi shipped 23.16 million smartphones in Q2 2017.";
//! let doc = Document::new("a1", text);
//! let span = |a, b| Span::checked(text, a, b).unwrap();
//! // Tokens and tags as the tokenizer and tagger would give them.
//! let words = [(0, 6), (7, 14), (15, 20), (21, 28), (29, 40), (41, 43), (44, 46), (47, 51)];
//! let mut tokens: Vec<Token> = words
//!     .iter()
//!     .map(|&(a, b)| Token { span: span(a, b), kind: TokenKind::Word })
//!     .collect();
//! tokens.push(Token { span: span(51, 52), kind: TokenKind::Punct });
//! let tokenized = Tokenized {
//!     sentences: vec![Sentence { span: span(0, 52), tokens: 0..tokens.len() }],
//!     tokens,
//! };
//! let tags = Tags {
//!     entities: vec![Entity { span: span(0, 6), kind: EntityKind::Org, name: "Xiaomi".into(), cue: None }],
//!     quantities: vec![Quantity {
//!         span: span(15, 28), kind: QuantityKind::Count, value: 23_160_000.0, value_max: None,
//!         unit: "count".into(), bound: Bound::Eq, vague: false, cue: None,
//!         noun: Some(span(29, 40)), per: None, conversion_of: None,
//!     }],
//!     times: vec![TimeMention { span: span(44, 51), period: Some(Period::Quarter(2017, 2)), resolved_by: None }],
//! };
//!
//! let extractor = ClaimExtractor::builder().build()?;
//! let facts = extractor.extract(&doc, &tokenized, &tags);
//! assert_eq!(facts.len(), 1);
//! assert_eq!(facts[0].subject, "Xiaomi");
//! assert_eq!(facts[0].metric, "shipments");
//! assert_eq!(facts[0].value, 23_160_000.0);
//! assert_eq!(facts[0].period.as_deref(), Some("2017-Q2"));
//! assert_eq!(facts[0].sources[0].text, text);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod extract;
mod lexicon;
mod time;

use factsift_core::{Document, Fact, Tags, Tokenized};
use lexicon::Lexicon;

/// Why an extractor could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A line of a data file is malformed.
    #[error("{file}:{line}: {message}")]
    Data {
        /// The data file's name.
        file: String,
        /// The 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// The phrase automaton could not be built.
    #[error("cannot build the phrase matcher: {0}")]
    Automaton(String),
    /// A data file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file's path.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// Builds a [`ClaimExtractor`] from the default data files plus any a user adds.
///
/// ```
/// let extractor = factsift_claims::ClaimExtractor::builder()
///     .metrics_tsv("my-metrics.tsv", "bagged\tshipments\tcount\tbefore\tunit,none\tpast\n")
///     .build()?;
/// # let _ = extractor;
/// # Ok::<(), factsift_claims::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct ClaimExtractorBuilder {
    vocabulary: Vec<(String, String)>,
    metrics: Vec<(String, String)>,
    cues: Vec<(String, String)>,
    reporters: Vec<(String, String)>,
    homes: Vec<(String, String)>,
}

impl Default for ClaimExtractorBuilder {
    fn default() -> Self {
        let own = |name: &str, text: &str| vec![(name.to_string(), text.to_string())];
        ClaimExtractorBuilder {
            vocabulary: own("data/vocabulary.tsv", lexicon::DEFAULT_VOCABULARY),
            metrics: own("data/metrics.tsv", lexicon::DEFAULT_METRICS),
            cues: own("data/cues.tsv", lexicon::DEFAULT_CUES),
            reporters: own("data/reporters.txt", lexicon::DEFAULT_REPORTERS),
            homes: own("data/home_countries.tsv", lexicon::DEFAULT_HOMES),
        }
    }
}

impl ClaimExtractorBuilder {
    /// Adds metrics to the vocabulary (`metric<TAB>unit class` lines).
    pub fn vocabulary_tsv(mut self, name: &str, text: &str) -> Self {
        self.vocabulary.push((name.to_string(), text.to_string()));
        self
    }

    /// Adds metric triggers, in the format of `data/metrics.tsv`.
    pub fn metrics_tsv(mut self, name: &str, text: &str) -> Self {
        self.metrics.push((name.to_string(), text.to_string()));
        self
    }

    /// Adds cue words, in the format of `data/cues.tsv`.
    ///
    /// ```
    /// let extractor = factsift_claims::ClaimExtractor::builder()
    ///     .cues_tsv("extra.tsv", "change\tskyrocketed\t+\n")
    ///     .build();
    /// assert!(extractor.is_ok());
    /// let bad = factsift_claims::ClaimExtractor::builder().cues_tsv("extra.tsv", "nonsense\tword\n").build();
    /// assert!(bad.unwrap_err().to_string().starts_with("extra.tsv:1:"));
    /// ```
    pub fn cues_tsv(mut self, name: &str, text: &str) -> Self {
        self.cues.push((name.to_string(), text.to_string()));
        self
    }

    /// Adds names of research firms and news outlets, one per line.
    pub fn reporters(mut self, name: &str, text: &str) -> Self {
        self.reporters.push((name.to_string(), text.to_string()));
        self
    }

    /// Adds companies' home countries (`company<TAB>country` lines).
    pub fn home_countries_tsv(mut self, name: &str, text: &str) -> Self {
        self.homes.push((name.to_string(), text.to_string()));
        self
    }

    /// Adds a data file from disk; its kind is told by its name:
    /// `*vocabulary*`, `*metrics*`, `*cues*`, `*reporters*` or `*home*`.
    ///
    /// ```
    /// let err = factsift_claims::ClaimExtractor::builder().data_file("nowhere/metrics.tsv");
    /// assert!(err.is_err());
    /// ```
    pub fn data_file(self, path: impl AsRef<std::path::Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: name.clone(),
            source,
        })?;
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        Ok(if file.contains("vocabulary") {
            self.vocabulary_tsv(&name, &text)
        } else if file.contains("metrics") {
            self.metrics_tsv(&name, &text)
        } else if file.contains("cues") {
            self.cues_tsv(&name, &text)
        } else if file.contains("reporters") {
            self.reporters(&name, &text)
        } else if file.contains("home") {
            self.home_countries_tsv(&name, &text)
        } else {
            return Err(Error::Data {
                file: name,
                line: 0,
                message: "cannot tell the kind of data file from its name".into(),
            });
        })
    }

    /// Parses the data and compiles the matcher.
    pub fn build(&self) -> Result<ClaimExtractor, Error> {
        Ok(ClaimExtractor {
            lexicon: Lexicon::build(
                &self.vocabulary,
                &self.metrics,
                &self.cues,
                &self.reporters,
                &self.homes,
            )?,
        })
    }
}

/// Turns a document's tagged numbers into facts. Build once, use on any
/// number of documents from any number of threads.
#[derive(Debug)]
pub struct ClaimExtractor {
    lexicon: Lexicon,
}

impl ClaimExtractor {
    /// A builder with the default data files.
    pub fn builder() -> ClaimExtractorBuilder {
        ClaimExtractorBuilder::default()
    }

    /// The facts the document's sentences state, one per number mention, in
    /// text order. Each fact's single source is the sentence it was read
    /// from. Never panics, whatever the tags; spans that do not fit the
    /// text are ignored.
    pub fn extract(&self, doc: &Document, tokenized: &Tokenized, tags: &Tags) -> Vec<Fact> {
        extract::extract(&self.lexicon, doc, tokenized, tags)
    }

    /// The metric vocabulary (`shipments`, `revenue`, ...), without the
    /// `_change` forms.
    ///
    /// ```
    /// let x = factsift_claims::ClaimExtractor::builder().build()?;
    /// assert!(x.metrics().any(|m| m == "market_share"));
    /// # Ok::<(), factsift_claims::Error>(())
    /// ```
    pub fn metrics(&self) -> impl Iterator<Item = &str> {
        self.lexicon.metrics.iter().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_send_sync() {
        fn check<T: Send + Sync>() {}
        check::<ClaimExtractor>();
    }

    #[test]
    fn data_errors_name_file_and_line() {
        let err = ClaimExtractor::builder()
            .metrics_tsv("x.tsv", "# c\n\nshipped\tnonsense\tcount\tbefore\n")
            .build()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.tsv:3: metric \"nonsense\" is not in the vocabulary"
        );
    }

    #[test]
    fn an_empty_trigger_phrase_is_refused() {
        // It would match at every byte of every sentence.
        let err = ClaimExtractor::builder()
            .metrics_tsv(
                "x.tsv",
                "shipped\tshipments\tcount\tbefore\n \tshipments\tcount\tbefore\n",
            )
            .build()
            .unwrap_err();
        assert_eq!(err.to_string(), "x.tsv:2: empty phrase");
    }
}
