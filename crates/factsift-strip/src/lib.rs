//! Boilerplate stripping: keep a page's article, drop site chrome and
//! unrelated teasers, and say why every dropped span was dropped.
//!
//! # Overview
//!
//! A [`Stripper`] (built once by [`Stripper::builder`]) reads a
//! [`factsift_core::Document`] and returns [`Stripped`]: the span of the
//! article's headline, the spans of its body paragraphs, and every other
//! non-blank line as a [`Dropped`] span with a [`DropReason`]. All spans point
//! into [`Document::text`], so later stages and reports can show exactly what
//! was dropped.
//!
//! - **Text pages** (`layout == None`, one rendered line per block): every
//!   line gets features (length, stopword density, sentence punctuation,
//!   capitalisation, digits, cue phrases from `data/cues.tsv`); lines are
//!   classed as prose, near-prose, short or boilerplate; runs of short lines
//!   and cue lines split the page into sections; the richest section is the
//!   article's core, and neighbouring sections join it only when no hard cue
//!   (Related, Read more, Author, Share...) separates them and their words
//!   agree with the core's topic, so a well-written teaser about another
//!   subject is dropped although it is prose.
//! - **HTML pages** (`layout == Some`): the same line model, plus DOM
//!   evidence: link density of each block, tag and class/id hint words of its
//!   ancestors (`data/hints.tsv`: nav, footer, aside, share, related,
//!   comment...), and the element that holds most of the page's prose, which
//!   bounds the article.
//! - **Template evidence** ([`TemplateLearner`]): lines that recur across
//!   pages of one site (by URL host when known) are boilerplate; learn them in
//!   a first pass, then strip with [`Stripper::strip_with`].
//! - [`score`]: the AEB benchmark metric (4-token shingles).
//!
//! # Example
//!
//! ```
//! use factsift_core::Document;
//! use factsift_strip::{DropReason, Stripper};
//!
//! let text = "Home\nNews\nSport\n\nXiaomi ships 10 million phones in a month\n\n\
//!     Xiaomi shipped more than 10 million smartphones in September, the company said on Monday, and it wants to keep that pace.\n\n\
//!     The company said the goal is to ship 10 million phones per month for the rest of the year as it expands in Europe and India.\n\n\
//!     Related\n\nApple cuts the price of its older phones\n\n© 2017 Example Media. All rights reserved.";
//! let doc = Document::new("x", text);
//! let stripper = Stripper::builder().build()?;
//! let out = stripper.strip(&doc);
//! assert_eq!(out.title.map(|s| s.slice(&doc.text)), Some("Xiaomi ships 10 million phones in a month"));
//! assert_eq!(out.body.len(), 2);
//! assert!(out.text(&doc).starts_with("Xiaomi shipped more than 10 million"));
//! assert!(out.dropped.iter().any(|d| d.reason == DropReason::Related));
//! assert!(out.dropped.iter().any(|d| d.reason == DropReason::Footer));
//! # Ok::<(), factsift_strip::BuildError>(())
//! ```
#![deny(missing_docs)]

mod dom;
mod features;
mod lexicon;
pub mod score;
mod select;
mod template;

use factsift_core::{Document, Span};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

pub use crate::template::{Template, TemplateLearner};

/// Why a span was dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum DropReason {
    /// Menus, breadcrumbs, section lists, "Skip to content".
    Navigation,
    /// A list of languages or editions.
    Language,
    /// Bylines and author bios.
    Byline,
    /// Related stories, teasers, "Read more", most-popular lists.
    Related,
    /// Share and follow buttons.
    Social,
    /// Newsletter, subscription, cookie and consent prompts.
    Subscribe,
    /// Footers, copyright and legal links.
    Footer,
    /// Advertisements and sponsored slots.
    Advertisement,
    /// Comments and comment prompts.
    Comments,
    /// Dates, tags, captions and credits around the article.
    Metadata,
    /// Anything else that is not the article.
    Other,
}

impl DropReason {
    /// Every reason, in declaration order.
    pub const ALL: [DropReason; 11] = [
        DropReason::Navigation,
        DropReason::Language,
        DropReason::Byline,
        DropReason::Related,
        DropReason::Social,
        DropReason::Subscribe,
        DropReason::Footer,
        DropReason::Advertisement,
        DropReason::Comments,
        DropReason::Metadata,
        DropReason::Other,
    ];

    /// The reason's lowercase name, as in the JSON output and the data files.
    ///
    /// ```
    /// use factsift_strip::DropReason;
    /// assert_eq!(DropReason::Related.as_str(), "related");
    /// assert_eq!("footer".parse::<DropReason>(), Ok(DropReason::Footer));
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            DropReason::Navigation => "navigation",
            DropReason::Language => "language",
            DropReason::Byline => "byline",
            DropReason::Related => "related",
            DropReason::Social => "social",
            DropReason::Subscribe => "subscribe",
            DropReason::Footer => "footer",
            DropReason::Advertisement => "advertisement",
            DropReason::Comments => "comments",
            DropReason::Metadata => "metadata",
            DropReason::Other => "other",
        }
    }

    /// Whether this reason ends an article when it follows the body (a
    /// "Related" or "Author" line is a border; an advertisement is not).
    pub(crate) fn is_hard_border(self) -> bool {
        matches!(
            self,
            DropReason::Related
                | DropReason::Byline
                | DropReason::Social
                | DropReason::Subscribe
                | DropReason::Footer
                | DropReason::Comments
        )
    }
}

impl fmt::Display for DropReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing an unknown [`DropReason`] name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown drop reason {0:?}")]
pub struct UnknownReason(pub String);

impl FromStr for DropReason {
    type Err = UnknownReason;
    fn from_str(s: &str) -> Result<DropReason, UnknownReason> {
        DropReason::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownReason(s.to_string()))
    }
}

/// A dropped span and why it was dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dropped {
    /// The dropped bytes of [`Document::text`].
    pub span: Span,
    /// Why they were dropped.
    pub reason: DropReason,
}

/// The result of stripping one document.
///
/// Spans are in document order and do not overlap; `title`, `body` and
/// `dropped` together cover every non-blank line of the text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stripped {
    /// The article's headline, when found in the text.
    pub title: Option<Span>,
    /// The article's body paragraphs (one span per kept line).
    pub body: Vec<Span>,
    /// Everything else, with reasons. Adjacent lines with the same reason are
    /// merged into one span.
    pub dropped: Vec<Dropped>,
}

impl Stripped {
    /// The article body: kept paragraphs joined by blank lines.
    ///
    /// ```
    /// use factsift_core::{Document, Span};
    /// use factsift_strip::Stripped;
    /// let doc = Document::new("d", "One.\nMenu\nTwo.");
    /// let out = Stripped { body: vec![Span::from_range(0..4), Span::from_range(10..14)], ..Stripped::default() };
    /// assert_eq!(out.text(&doc), "One.\n\nTwo.");
    /// ```
    pub fn text(&self, doc: &Document) -> String {
        let mut out = String::with_capacity(self.body.iter().map(|s| s.len() + 2).sum());
        for (i, s) in self.body.iter().enumerate() {
            if i > 0 {
                out.push_str("\n\n");
            }
            out.push_str(s.slice(&doc.text));
        }
        out
    }

    /// The headline text: the title span's text, else the document's
    /// metadata title.
    pub fn title_text<'d>(&self, doc: &'d Document) -> Option<&'d str> {
        match self.title {
            Some(s) => Some(s.slice(&doc.text)),
            None => doc.title.as_deref(),
        }
    }

    /// The record `factsift strip` writes for this document:
    /// `{"id","title","text","dropped":[{"start","end","reason"}]}`.
    ///
    /// ```
    /// use factsift_core::Document;
    /// use factsift_strip::Stripper;
    /// let doc = Document::new("d", "Menu\nThe company said on Monday that it shipped ten million phones in September, a record for the firm.");
    /// let stripper = Stripper::builder().build()?;
    /// let json = serde_json::to_string(&stripper.strip(&doc).record(&doc)).unwrap();
    /// assert!(json.starts_with(r#"{"id":"d","title":null,"text":"The company"#));
    /// assert!(json.contains(r#""dropped":[{"start":0,"end":4,"reason":"navigation"}]"#));
    /// # Ok::<(), factsift_strip::BuildError>(())
    /// ```
    pub fn record(&self, doc: &Document) -> StripRecord {
        StripRecord {
            id: doc.id.clone(),
            title: self.title_text(doc).map(str::to_string),
            text: self.text(doc),
            dropped: self
                .dropped
                .iter()
                .map(|d| DroppedRecord {
                    start: d.span.start(),
                    end: d.span.end(),
                    reason: d.reason,
                })
                .collect(),
        }
    }
}

/// One output line of `factsift strip`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StripRecord {
    /// The document id.
    pub id: String,
    /// The headline, when known.
    pub title: Option<String>,
    /// The article body, paragraphs separated by blank lines.
    pub text: String,
    /// Dropped spans with reasons.
    pub dropped: Vec<DroppedRecord>,
}

/// A dropped span as written by `factsift strip`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DroppedRecord {
    /// Start byte offset into the document text.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// Why it was dropped.
    pub reason: DropReason,
}

/// Why a [`Stripper`] could not be built.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A data file line could not be read.
    #[error("{file}:{line}: {message}")]
    Syntax {
        /// The data file's name.
        file: String,
        /// The 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The cue phrase automaton could not be built.
    #[error("cannot build the cue automaton: {0}")]
    Automaton(String),
}

/// Builds a [`Stripper`]: the default data files plus any user additions.
#[derive(Clone, Debug)]
pub struct StripperBuilder {
    cues: Vec<(String, String)>,
    hints: Vec<(String, String)>,
    stopwords: Vec<(String, String)>,
    comment_verbs: Vec<(String, String)>,
}

impl StripperBuilder {
    /// Add cue phrases in the format of `data/cues.tsv`
    /// (`reason<TAB>line|prefix|contains<TAB>phrase`); `name` is used in
    /// error messages.
    ///
    /// ```
    /// let s = factsift_strip::Stripper::builder()
    ///     .cues("my-cues.tsv", "related\tline\tmore headlines\n")
    ///     .build();
    /// assert!(s.is_ok());
    /// let e = factsift_strip::Stripper::builder().cues("bad.tsv", "x\tline\ty\n").build();
    /// assert_eq!(e.unwrap_err().to_string(), "bad.tsv:1: unknown reason \"x\"");
    /// ```
    pub fn cues(mut self, name: &str, tsv: &str) -> StripperBuilder {
        self.cues.push((name.to_string(), tsv.to_string()));
        self
    }

    /// Add DOM hint words in the format of `data/hints.tsv`
    /// (`reason<TAB>word`, reason `article` for positive evidence).
    pub fn hints(mut self, name: &str, tsv: &str) -> StripperBuilder {
        self.hints.push((name.to_string(), tsv.to_string()));
        self
    }

    /// Add stopwords, one per line.
    pub fn stopwords(mut self, name: &str, text: &str) -> StripperBuilder {
        self.stopwords.push((name.to_string(), text.to_string()));
        self
    }

    /// Add verbs that close a comment's header line (`said`, `wrote`...),
    /// one per line, in the format of `data/comment_verbs.txt`.
    pub fn comment_verbs(mut self, name: &str, text: &str) -> StripperBuilder {
        self.comment_verbs
            .push((name.to_string(), text.to_string()));
        self
    }

    /// Build the stripper, compiling the cue automata.
    pub fn build(self) -> Result<Stripper, BuildError> {
        Ok(Stripper {
            lexicon: lexicon::Lexicon::new(
                &self.cues,
                &self.hints,
                &self.stopwords,
                &self.comment_verbs,
            )?,
        })
    }
}

/// The boilerplate stripper. Build once, then call [`Stripper::strip`] per
/// document; it is `Send + Sync` and never fails per document.
#[derive(Debug)]
pub struct Stripper {
    lexicon: lexicon::Lexicon,
}

impl Stripper {
    /// A builder holding the default data files.
    pub fn builder() -> StripperBuilder {
        StripperBuilder {
            cues: vec![("data/cues.tsv".into(), lexicon::DEFAULT_CUES.into())],
            hints: vec![("data/hints.tsv".into(), lexicon::DEFAULT_HINTS.into())],
            stopwords: vec![(
                "data/stopwords.txt".into(),
                lexicon::DEFAULT_STOPWORDS.into(),
            )],
            comment_verbs: vec![(
                "data/comment_verbs.txt".into(),
                lexicon::DEFAULT_COMMENT_VERBS.into(),
            )],
        }
    }

    /// Strip one page on its own evidence.
    pub fn strip(&self, doc: &Document) -> Stripped {
        select::strip(&self.lexicon, doc, None)
    }

    /// Diagnostics: each line's span and class before page-level decisions
    /// (`good`, `near`, `short` or the drop reason), for tuning tools.
    #[doc(hidden)]
    pub fn line_classes(&self, doc: &Document) -> Vec<(Span, String)> {
        select::line_classes(&self.lexicon, doc)
    }

    /// Strip one page, also treating the lines that `template` learned to
    /// recur across pages of the document's site as boilerplate.
    ///
    /// ```
    /// use factsift_core::Document;
    /// use factsift_strip::{Stripper, TemplateLearner};
    /// let page = |id: &str, body: &str| {
    ///     let mut d = Document::new(id, format!("Our great site menu\n{body}\nEditorial team of the site"));
    ///     d.url = Some(format!("https://example.com/{id}"));
    ///     d
    /// };
    /// let docs = [
    ///     page("a", "The council approved the new budget on Tuesday after a long debate about the roads."),
    ///     page("b", "The museum reopened on Friday with a new wing that holds the city's old maps and coins."),
    /// ];
    /// let mut learner = TemplateLearner::new();
    /// docs.iter().for_each(|d| learner.observe(d));
    /// let template = learner.finish();
    /// let stripper = Stripper::builder().build()?;
    /// let out = stripper.strip_with(&docs[0], &template);
    /// assert_eq!(out.text(&docs[0]), "The council approved the new budget on Tuesday after a long debate about the roads.");
    /// # Ok::<(), factsift_strip::BuildError>(())
    /// ```
    pub fn strip_with(&self, doc: &Document, template: &Template) -> Stripped {
        select::strip(&self.lexicon, doc, Some(template))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_is_send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Stripper>();
        check::<Template>();
    }

    #[test]
    fn reasons_round_trip() {
        for r in DropReason::ALL {
            assert_eq!(r.as_str().parse::<DropReason>(), Ok(r));
            assert_eq!(serde_json::to_string(&r).unwrap(), format!("\"{r}\""));
        }
    }
}
