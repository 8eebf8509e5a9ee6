//! Tokens and sentences of news text, as byte spans into the text.
//!
//! # Overview
//!
//! [`Tokenizer`] cuts a document's text into [`Token`]s and groups them into
//! [`Sentence`]s, returned together as a [`Tokenized`] whose spans all point
//! into the text it was given; nothing is copied or normalised.
//!
//! 1. **Pieces.** The text is cut at Unicode (UAX #29) word boundaries:
//!    whitespace-free runs of the characters common in English news (ASCII,
//!    Latin letters, curly quotes, dashes, `£`, `€`...) by an equivalent
//!    fast loop, any other run by `unicode-segmentation`. This already keeps
//!    `23.16`, `7,071`, `10M`, `Q2`, `U.S` and `can't` whole.
//! 2. **Tokens.** Pieces are merged so numbers keep their attachments: a
//!    sign, `#`, a currency symbol or `US$`-style prefix, a scale or unit
//!    suffix, `%`, `°C`, a fraction, hyphen joins and `/` or `:` between
//!    digits all belong to one [`TokenKind::Number`] token (`$10.3bn`,
//!    `£180,226`, `US$5`, `9.6%`, `3.5-inch`, `2017-10-02`, `10:30`, `#1`,
//!    `30°C`, `’90s`). A lower-case prefix does not take a number with it
//!    (`mid` `-` `2005`). One or two letters before digits
//!    make a number too (`Q2`, `H1`, `FY17`), as do up to three capitals
//!    before an amount (`RM2.70`, `USD10m`). Words keep inner apostrophes
//!    and hyphens (`year-on-year`, `can't`) and `&` between capitals
//!    (`AT&T`). **A final possessive `’s` / `'s` is its own word token**
//!    (`Xiaomi` `’s`), so the tagger sees the bare name; this also splits
//!    `it’s` into `it` `’s`, as spaCy does. Known abbreviations, single
//!    capitals and dotted acronyms keep their period (`Mr.`, `J.`, `U.S.`,
//!    `e.g.`). A `No.`-style abbreviation and the number after it (glued or
//!    after one space) are one number token (`No. 1`, `No.2`, `Vol. 3`).
//!    Runs of `.`, `!`, `?` are one token (`...`, `?!`). Links and e-mail
//!    addresses are one [`TokenKind::Symbol`] token, so the numbers and dots
//!    in them are neither quantities nor full stops.
//! 3. **Sentences.** A sentence ends after a `.`, `!` or `?` (and any closing
//!    quotes or brackets glued to it: `growth.”`) unless the next token starts
//!    with a lower-case letter or is a comma-like mark; after an ellipsis only
//!    before a capital; never after a title or inner abbreviation (`Mr. Jun`,
//!    `e.g. Apple`), and after other abbreviations and initials only before a
//!    common sentence starter (`... in the U.S. The firm` splits,
//!    `U.S. President` does not). Every line break ends a sentence, so the
//!    headlines and menu items of a scraped page, which have no final
//!    punctuation, are sentences of their own; for hard-wrapped text, where a
//!    single line break is a space, see [`TokenizerBuilder::wrapped_lines`].
//!    A `|` ends a menu item and a bullet starts one. A `1.` list marker at
//!    the start of a sentence does not end it, nor does a `.` inside a code
//!    (`ID.3`, `(.SXAP)`), nor stray punctuation after a full stop.
//!
//! Tests: `tests/cases.txt` holds input → expected sentences and tokens,
//! the seed pages among them; `tests/properties.rs` checks the span
//! invariants with proptest; `benches/tokenize.rs` measures MB/s; `fuzz/`
//! at the repository root has a cargo-fuzz target.
//!
//! The abbreviations and sentence starters are data
//! (`data/abbreviations.txt`, `data/sentence_starters.txt`, compiled in);
//! [`Tokenizer::builder`] adds more.
//!
//! # Example
//!
//! ```
//! use factsift_core::TokenKind;
//! use factsift_tokenize::Tokenizer;
//!
//! let text = "Mr. Jun said Xiaomi shipped 23.16 million units, up 70% in Q2.\n\
//!             It applied for 7,071 patents.";
//! let tokenizer = Tokenizer::new();
//! let t = tokenizer.tokenize(text);
//! let sentences: Vec<&str> = t.sentences.iter().map(|s| s.span.slice(text)).collect();
//! assert_eq!(sentences, [
//!     "Mr. Jun said Xiaomi shipped 23.16 million units, up 70% in Q2.",
//!     "It applied for 7,071 patents.",
//! ]);
//! let numbers: Vec<&str> = t.tokens.iter()
//!     .filter(|t| t.kind == TokenKind::Number)
//!     .map(|t| t.span.slice(text))
//!     .collect();
//! assert_eq!(numbers, ["23.16", "70%", "Q2", "7,071"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod error;
mod lexicon;
mod segment;
mod sentences;
mod tokens;

pub use crate::error::Error;
pub use factsift_core::{Sentence, Token, TokenKind, Tokenized};

use crate::lexicon::{DEFAULT_ABBREVIATIONS, DEFAULT_STARTERS, Lexicon};
use factsift_core::Span;

/// Splits text into tokens and sentences. Build one (it holds the
/// abbreviation data) and share it: it is `Send + Sync` and its methods take
/// `&self`.
///
/// ```
/// let tokenizer = factsift_tokenize::Tokenizer::new();
/// let text = "Shares rose 9.6% to $10.3bn. Analysts expected less.";
/// let t = tokenizer.tokenize(text);
/// assert_eq!(t.sentences.len(), 2);
/// assert!(t.tokens.iter().any(|t| t.span.slice(text) == "$10.3bn"));
/// ```
#[derive(Clone, Debug)]
pub struct Tokenizer {
    lexicon: Lexicon,
    wrapped: bool,
}

impl Default for Tokenizer {
    fn default() -> Self {
        Tokenizer::new()
    }
}

/// Builds a [`Tokenizer`] with extra abbreviations or sentence starters.
///
/// ```
/// use factsift_tokenize::Tokenizer;
/// let tokenizer = Tokenizer::builder()
///     .abbreviations("my-abbreviations", "[title]\nGov\n[final]\nAG\n")
///     .build()?;
/// let text = "It was founded by Siemens AG. Its shares rose.";
/// assert_eq!(tokenizer.tokenize(text).sentences.len(), 2);
///
/// // Mistakes in the data are reported with their origin and line.
/// let err = Tokenizer::builder().abbreviations("extra.txt", "Inc\n").build().unwrap_err();
/// assert!(err.to_string().starts_with("extra.txt:1:"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct TokenizerBuilder {
    defaults: bool,
    abbreviations: Vec<(String, String)>,
    starters: Vec<(String, String)>,
    files: Vec<(std::path::PathBuf, bool)>,
    wrapped: bool,
}

impl Default for TokenizerBuilder {
    fn default() -> Self {
        TokenizerBuilder {
            defaults: true,
            abbreviations: Vec::new(),
            starters: Vec::new(),
            files: Vec::new(),
            wrapped: false,
        }
    }
}

impl TokenizerBuilder {
    /// Adds abbreviations in the format of `data/abbreviations.txt`
    /// (`[title]`, `[number]`, `[inner]` or `[final]` sections, one
    /// abbreviation a line without its period). `origin` names the data in
    /// error messages.
    pub fn abbreviations(mut self, origin: &str, data: &str) -> Self {
        self.abbreviations
            .push((origin.to_string(), data.to_string()));
        self
    }

    /// Adds abbreviations from a file in the format of
    /// `data/abbreviations.txt`; it is read by [`build`](Self::build).
    pub fn abbreviations_file(mut self, path: impl Into<std::path::PathBuf>) -> Self {
        self.files.push((path.into(), true));
        self
    }

    /// Adds sentence starters, one word a line (see
    /// `data/sentence_starters.txt`). `origin` names the data in error messages.
    pub fn sentence_starters(mut self, origin: &str, data: &str) -> Self {
        self.starters.push((origin.to_string(), data.to_string()));
        self
    }

    /// Adds sentence starters from a file; it is read by [`build`](Self::build).
    pub fn sentence_starters_file(mut self, path: impl Into<std::path::PathBuf>) -> Self {
        self.files.push((path.into(), false));
        self
    }

    /// Whether to start from the built-in data (default: yes).
    pub fn default_data(mut self, yes: bool) -> Self {
        self.defaults = yes;
        self
    }

    /// Treats the text as hard-wrapped: a single line break is a space and
    /// only a blank line always ends a sentence (default: no, every line
    /// break ends a sentence, as in pages rendered to text).
    ///
    /// ```
    /// use factsift_tokenize::Tokenizer;
    /// let text = "Revenue rose\nsharply. Costs fell.";
    /// let wrapped = Tokenizer::builder().wrapped_lines(true).build()?;
    /// assert_eq!(wrapped.tokenize(text).sentences.len(), 2);
    /// assert_eq!(Tokenizer::new().tokenize(text).sentences.len(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn wrapped_lines(mut self, yes: bool) -> Self {
        self.wrapped = yes;
        self
    }

    /// Builds the tokenizer, failing on malformed or unreadable data.
    pub fn build(&self) -> Result<Tokenizer, Error> {
        let mut lexicon = Lexicon::default();
        if self.defaults {
            lexicon.add_abbreviations("data/abbreviations.txt", DEFAULT_ABBREVIATIONS)?;
            lexicon.add_starters("data/sentence_starters.txt", DEFAULT_STARTERS)?;
        }
        for (origin, data) in &self.abbreviations {
            lexicon.add_abbreviations(origin, data)?;
        }
        for (origin, data) in &self.starters {
            lexicon.add_starters(origin, data)?;
        }
        for (path, abbrevs) in &self.files {
            let name = path.display().to_string();
            let data = std::fs::read_to_string(path).map_err(|source| Error::Io {
                path: name.clone(),
                source,
            })?;
            if *abbrevs {
                lexicon.add_abbreviations(&name, &data)?;
            } else {
                lexicon.add_starters(&name, &data)?;
            }
        }
        Ok(Tokenizer {
            lexicon,
            wrapped: self.wrapped,
        })
    }
}

/// Moves `i` forward to a character boundary of `text` (at most its length).
fn ceil_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

impl Tokenizer {
    /// A tokenizer with the built-in abbreviations and sentence starters.
    pub fn new() -> Tokenizer {
        // The built-in data is tested to parse (tests `defaults_parse`); an
        // empty lexicon is the unreachable fallback.
        TokenizerBuilder::default()
            .build()
            .unwrap_or_else(|_| Tokenizer {
                lexicon: Lexicon::default(),
                wrapped: false,
            })
    }

    /// A builder to extend or replace the built-in data.
    pub fn builder() -> TokenizerBuilder {
        TokenizerBuilder::default()
    }

    /// Tokens and sentences of the whole text.
    ///
    /// ```
    /// let text = "Xiaomi’s CEO, Lei Jun, spoke.";
    /// let t = factsift_tokenize::Tokenizer::new().tokenize(text);
    /// let tokens: Vec<&str> = t.tokens.iter().map(|t| t.span.slice(text)).collect();
    /// assert_eq!(tokens, ["Xiaomi", "’s", "CEO", ",", "Lei", "Jun", ",", "spoke", "."]);
    /// ```
    pub fn tokenize(&self, text: &str) -> Tokenized {
        let mut out = Tokenized::default();
        let mut scratch = Scratch::default();
        self.tokenize_range(text, 0, text.len(), &mut scratch, &mut out);
        out
    }

    /// Tokens and sentences of the parts of `text` inside `spans` (such as
    /// the paragraphs the boilerplate stripper kept). Offsets are still into
    /// `text`, and no sentence crosses the end of a span.
    ///
    /// Spans are expected in order and not overlapping; a span's part that
    /// lies before the end of an earlier span is skipped, and ends past the
    /// text or inside a character are moved to the next character boundary,
    /// so any spans are safe.
    ///
    /// ```
    /// use factsift_core::Span;
    /// let text = "Menu Home\nXiaomi shipped 10M phones. Sales rose\nFooter";
    /// let article = [Span::new(10, 47)?];
    /// let t = factsift_tokenize::Tokenizer::new().tokenize_spans(text, &article);
    /// let sentences: Vec<&str> = t.sentences.iter().map(|s| s.span.slice(text)).collect();
    /// assert_eq!(sentences, ["Xiaomi shipped 10M phones.", "Sales rose"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tokenize_spans(&self, text: &str, spans: &[Span]) -> Tokenized {
        let mut out = Tokenized::default();
        let mut scratch = Scratch::default();
        // Sized once for all spans (a page's kept text comes in many),
        // rather than regrown span after span.
        let bytes: usize = spans.iter().map(|s| s.end() - s.start()).sum();
        out.tokens.reserve(bytes / 5);
        scratch.flags.reserve(bytes / 5);
        out.sentences.reserve(bytes / 100);
        let mut done = 0;
        for span in spans {
            let start = ceil_boundary(text, span.start().max(done));
            let end = ceil_boundary(text, span.end());
            if start < end {
                self.tokenize_range(text, start, end, &mut scratch, &mut out);
                done = end;
            }
        }
        out
    }

    fn tokenize_range(
        &self,
        text: &str,
        start: usize,
        end: usize,
        scratch: &mut Scratch,
        out: &mut Tokenized,
    ) {
        scratch.pieces.clear();
        // About one piece per five bytes of news text: grow once, not often.
        scratch.pieces.reserve((end - start) / 5);
        out.tokens.reserve((end - start) / 6);
        segment::pieces(text, start, end, &mut scratch.pieces);
        let from = out.tokens.len();
        scratch.flags.truncate(from);
        scratch.flags.resize(from, 0);
        tokens::merge(
            text,
            &scratch.pieces,
            &self.lexicon,
            &mut out.tokens,
            &mut scratch.flags,
        );
        sentences::Splitter {
            text,
            lexicon: &self.lexicon,
            wrapped: self.wrapped,
        }
        .split(&out.tokens, &scratch.flags, from, &mut out.sentences);
    }
}

/// Buffers reused across the spans of one call.
#[derive(Default)]
struct Scratch {
    pieces: Vec<segment::Piece>,
    flags: Vec<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Tokenizer>();
        assert_send_sync::<TokenizerBuilder>();
    }

    #[test]
    fn builder_reports_unreadable_files() {
        let err = Tokenizer::builder()
            .abbreviations_file("no/such/abbreviations.txt")
            .build()
            .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("cannot read no/such/abbreviations.txt:"),
            "{err}"
        );
    }

    #[test]
    fn without_default_data_titles_end_sentences() {
        let bare = Tokenizer::builder().default_data(false).build().unwrap();
        assert_eq!(bare.tokenize("Mr. Jun spoke.").sentences.len(), 2);
        assert_eq!(
            Tokenizer::new().tokenize("Mr. Jun spoke.").sentences.len(),
            1
        );
    }
}
