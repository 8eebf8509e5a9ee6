//! The whole factsift pipeline for one document.
//!
//! # Overview
//!
//! [`Pipeline`] composes the stage crates in order, all over the one text of
//! a [`Document`]:
//!
//! 1. `factsift-strip` finds the article (title and body spans) and the
//!    boilerplate around it;
//! 2. `factsift-tokenize` splits the title and body into sentences and tokens;
//! 3. `factsift-tag` finds entities, quantities and times;
//! 4. `factsift-claims` turns them into facts, one per mention.
//!
//! Merging facts across documents and finding near-duplicate pages is done
//! over a whole run by `factsift-dedup`. A pipeline is built once (loading
//! every data file) and then run on any number of documents; it is
//! `Send + Sync`, so callers may run it from many threads.
//!
//! # Example
//!
//! ```
//! use factsift_core::{Date, Document};
//! use factsift_pipeline::Pipeline;
//!
//! let pipeline = Pipeline::builder().build()?;
//! let mut doc = Document::new(
//!     "demo",
//!     "Xiaomi shipped 23.16 million smartphones in the second quarter of this year, the company said.",
//! );
//! doc.date = Date::new(2017, 7, 7);
//! let out = pipeline.run(&doc);
//! let fact = out.facts.iter().find(|f| f.metric == "shipments").expect("a shipments fact");
//! assert_eq!((fact.subject.as_str(), fact.value), ("Xiaomi", 23_160_000.0));
//! assert_eq!(fact.period.as_deref(), Some("2017-Q2"));
//! assert_eq!(fact.sources[0].doc, "demo");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

use factsift_claims::ClaimExtractor;
use factsift_core::{Document, Fact, Span, Tags, Tokenized};
use factsift_strip::{Stripped, Stripper, Template};
use factsift_tag::Tagger;
use factsift_tokenize::Tokenizer;

/// Why a pipeline could not be built: one of its stages failed to load its data.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The boilerplate stripper.
    #[error("boilerplate stripper: {0}")]
    Strip(#[from] factsift_strip::BuildError),
    /// The tagger.
    #[error("tagger: {0}")]
    Tag(#[from] factsift_tag::BuildError),
    /// The claim extractor.
    #[error("claim extractor: {0}")]
    Claims(#[from] factsift_claims::Error),
}

/// Builds a [`Pipeline`] from stages built with their default data, or
/// from stages the caller built with its own data.
#[derive(Default)]
pub struct PipelineBuilder {
    stripper: Option<Stripper>,
    tokenizer: Option<Tokenizer>,
    tagger: Option<Tagger>,
    claims: Option<ClaimExtractor>,
}

impl PipelineBuilder {
    /// Use this stripper instead of the default one.
    pub fn stripper(mut self, stripper: Stripper) -> Self {
        self.stripper = Some(stripper);
        self
    }

    /// Use this tokenizer instead of the default one.
    pub fn tokenizer(mut self, tokenizer: Tokenizer) -> Self {
        self.tokenizer = Some(tokenizer);
        self
    }

    /// Use this tagger (e.g. with extra gazetteers) instead of the default one.
    pub fn tagger(mut self, tagger: Tagger) -> Self {
        self.tagger = Some(tagger);
        self
    }

    /// Use this claim extractor (e.g. with an extended metric lexicon).
    pub fn claims(mut self, claims: ClaimExtractor) -> Self {
        self.claims = Some(claims);
        self
    }

    /// Builds the stages not given, from their default data.
    ///
    /// ```
    /// let pipeline = factsift_pipeline::Pipeline::builder().build();
    /// assert!(pipeline.is_ok());
    /// ```
    pub fn build(self) -> Result<Pipeline, BuildError> {
        Ok(Pipeline {
            stripper: match self.stripper {
                Some(s) => s,
                None => Stripper::builder().build()?,
            },
            tokenizer: self.tokenizer.unwrap_or_default(),
            tagger: match self.tagger {
                Some(t) => t,
                None => Tagger::builder().build()?,
            },
            claims: match self.claims {
                Some(c) => c,
                None => ClaimExtractor::builder().build()?,
            },
        })
    }
}

/// The per-document pipeline: strip, tokenize, tag, extract claims.
pub struct Pipeline {
    stripper: Stripper,
    tokenizer: Tokenizer,
    tagger: Tagger,
    claims: ClaimExtractor,
}

/// Everything the pipeline found in one document. All spans point into the
/// document's text.
#[derive(Clone, Debug, Default)]
pub struct Annotated {
    /// The article's title and body spans, and the dropped boilerplate.
    pub stripped: Stripped,
    /// Sentences and tokens of the title and body.
    pub tokenized: Tokenized,
    /// Entities, quantities and times.
    pub tags: Tags,
    /// One fact per mention, in text order.
    pub facts: Vec<Fact>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline").finish_non_exhaustive()
    }
}

impl std::fmt::Debug for PipelineBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PipelineBuilder").finish_non_exhaustive()
    }
}

impl Pipeline {
    /// A builder; [`PipelineBuilder::build`] with no changes gives the
    /// default pipeline.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// The boilerplate stage.
    pub fn stripper(&self) -> &Stripper {
        &self.stripper
    }

    /// The tokenizer stage.
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// The tagger stage.
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    /// The claims stage.
    pub fn claims(&self) -> &ClaimExtractor {
        &self.claims
    }

    /// Runs every stage on one page, judging boilerplate from the page alone.
    pub fn run(&self, doc: &Document) -> Annotated {
        self.after_strip(doc, self.stripper.strip(doc))
    }

    /// Runs every stage on one page, also using what a first pass over the
    /// run learned about its site's template (lines that recur across pages).
    pub fn run_with(&self, doc: &Document, template: &Template) -> Annotated {
        self.after_strip(doc, self.stripper.strip_with(doc, template))
    }

    /// Tokenizes, tags and extracts from the article part of a stripped page.
    pub fn after_strip(&self, doc: &Document, stripped: Stripped) -> Annotated {
        let mut out = self.tag_stripped(doc, stripped);
        out.facts = self.claims.extract(doc, &out.tokenized, &out.tags);
        out
    }

    /// Strips (with template evidence), tokenizes and tags a page, without
    /// extracting facts: what `factsift tag` shows. `facts` is left empty.
    ///
    /// ```
    /// use factsift_core::Document;
    /// use factsift_pipeline::Pipeline;
    /// use factsift_strip::TemplateLearner;
    /// let pipeline = Pipeline::builder().build()?;
    /// let doc = Document::new("d", "Sales rose 5% to $1.2bn in 2004, the company said.");
    /// let out = pipeline.tag_with(&doc, &TemplateLearner::new().finish());
    /// assert!(out.tags.quantities.iter().any(|q| q.value == 1.2e9));
    /// assert!(out.facts.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tag_with(&self, doc: &Document, template: &Template) -> Annotated {
        self.tag_stripped(doc, self.stripper.strip_with(doc, template))
    }

    fn tag_stripped(&self, doc: &Document, stripped: Stripped) -> Annotated {
        let article = article_spans(&stripped);
        let tokenized = self.tokenizer.tokenize_spans(&doc.text, &article);
        let tags = self.tagger.tag(&doc.text, &tokenized, doc.date);
        Annotated {
            stripped,
            tokenized,
            tags,
            facts: Vec::new(),
        }
    }
}

/// The spans facts may come from: the headline and the body, in text order.
fn article_spans(stripped: &Stripped) -> Vec<Span> {
    let mut spans: Vec<Span> = stripped
        .title
        .into_iter()
        .chain(stripped.body.iter().copied())
        .collect();
    spans.sort();
    spans.dedup_by(|b, a| a.overlaps(*b) || a == b);
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pipeline() -> &'static Pipeline {
        static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
        PIPELINE.get_or_init(|| Pipeline::builder().build().unwrap())
    }

    #[test]
    fn is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Pipeline>();
    }

    #[test]
    fn boilerplate_gives_no_facts() {
        let doc = Document::new(
            "d",
            "Home\nNews\nSubscribe to our newsletter\n© 2017 Example Media Ltd. All rights reserved",
        );
        assert!(pipeline().run(&doc).facts.is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_text_runs_and_sources_point_into_it(text in "(\\PC|\n| |[0-9]|\\$|%|\\.){0,400}") {
            let doc = Document::new("p", text);
            let out = pipeline().run(&doc);
            for fact in &out.facts {
                for source in &fact.sources {
                    prop_assert!(doc.text.get(source.start..source.end).is_some());
                }
            }
        }
    }
}

/// The README's library example, compiled and run as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
