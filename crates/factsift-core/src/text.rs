//! Tokens and sentences.

use crate::Span;
use serde::{Deserialize, Serialize};

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes or hyphens (`Xiaomi`, `year-on-year`).
    Word,
    /// A number with whatever stays attached to it (`7,071`, `$10.3bn`, `9.6%`, `Q2`, `2017-10-02`).
    Number,
    /// Punctuation (`.`, `,`, `“`).
    Punct,
    /// Any other symbol (`&`, `+`, `©`).
    Symbol,
}

/// A token: a span of the document text and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Where the token is in the document text.
    pub span: Span,
    /// What the token is made of.
    pub kind: TokenKind,
}

/// A sentence: its span and the range of its tokens in [`Tokenized::tokens`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Where the sentence is in the document text (first to last token).
    pub span: Span,
    /// Indices of its tokens in [`Tokenized::tokens`].
    pub tokens: std::ops::Range<usize>,
}

/// The tokenizer's output: all tokens in text order and the sentences
/// that group them. Sentences are ordered, do not overlap, and every token
/// belongs to exactly one sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tokenized {
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
}

impl Tokenized {
    /// The tokens of one sentence.
    ///
    /// ```
    /// use factsift_core::{Sentence, Span, Token, TokenKind, Tokenized};
    /// let t = Tokenized {
    ///     tokens: vec![Token { span: Span::new(0, 2).unwrap(), kind: TokenKind::Word }],
    ///     sentences: vec![Sentence { span: Span::new(0, 2).unwrap(), tokens: 0..1 }],
    /// };
    /// assert_eq!(t.sentence_tokens(&t.sentences[0]).len(), 1);
    /// ```
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        self.tokens.get(sentence.tokens.clone()).unwrap_or(&[])
    }
}
