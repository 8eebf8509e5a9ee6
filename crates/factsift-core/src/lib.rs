//! Shared types of the factsift pipeline.
//!
//! # Overview
//!
//! Every stage of factsift reads and writes these types, so stages compose
//! without copying or re-indexing text:
//!
//! - [`Document`]: a page as ingested, with its id, source, URL, date, text and,
//!   for HTML, a [`Layout`] of blocks and elements.
//! - [`Span`]: a checked half-open byte range into [`Document::text`]. Every
//!   token, sentence, entity, quantity, kept or dropped region is a span of
//!   the same text; no stage rewrites a span.
//! - [`Tokenized`] ([`Token`], [`Sentence`]): the tokenizer's output.
//! - [`Tags`] ([`Entity`], [`Quantity`], [`TimeMention`]): the tagger's output.
//! - [`Period`] and [`Date`]: time in the fact contract's grammar.
//! - [`Fact`] and [`Source`]: a canonical fact of the contract.
//!
//! # Example
//!
//! ```
//! use factsift_core::{Document, Span, Period};
//! let doc = Document::new("002", "Xiaomi shipped 23.16 million smartphones in Q2 2017.");
//! let number = Span::checked(&doc.text, 15, 20)?;
//! assert_eq!(number.slice(&doc.text), "23.16");
//! assert_eq!(Period::Quarter(2017, 2).to_string(), "2017-Q2");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod chars;
mod date;
mod document;
mod fact;
mod period;
mod span;
mod tags;
mod text;

pub use crate::{
    date::{Date, DateError, days_in_month},
    document::{Block, Document, Element, Layout},
    fact::{Fact, Source, serialize_number},
    period::{Period, PeriodError},
    span::{Span, SpanError},
    tags::{Bound, Entity, EntityKind, Quantity, QuantityKind, Tags, TimeMention},
    text::{Sentence, Token, TokenKind, Tokenized},
};
