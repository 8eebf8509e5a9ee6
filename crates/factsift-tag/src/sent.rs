//! Per-sentence view shared by the quantity, time and entity passes.

use crate::lex::{Lx, Tok};
use factsift_core::Span;

pub(crate) struct Sent<'a> {
    pub text: &'a str,
    /// ASCII-lowercased copy of `text` (same byte offsets).
    pub lc: &'a str,
    pub toks: &'a [Tok],
    /// Tokens already claimed by a time mention or a product name.
    pub used: Vec<bool>,
    /// Word classes of each token (`lexicon::Q_START`, ...); all set for numbers.
    pub flags: &'a [u8],
}

impl<'a> Sent<'a> {
    pub fn len(&self) -> usize {
        self.toks.len()
    }
    /// Lowercase text of token `i` (`""` out of range).
    pub fn w(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.lc.get(t.s..t.e))
            .unwrap_or("")
    }
    /// Text of token `i` as written.
    pub fn raw(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.s..t.e))
            .unwrap_or("")
    }
    pub fn kind(&self, i: usize) -> Option<Lx> {
        self.toks.get(i).map(|t| t.kind)
    }
    pub fn is(&self, i: usize, k: Lx) -> bool {
        self.kind(i) == Some(k)
    }
    pub fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.glued)
    }
    pub fn cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.cap)
    }
    /// Whether token `i` has any of the word classes `f`.
    pub fn flag(&self, i: usize, f: u8) -> bool {
        self.flags.get(i).is_some_and(|x| x & f != 0)
    }
    pub fn used(&self, i: usize) -> bool {
        self.used.get(i).copied().unwrap_or(false)
    }
    /// Span from the start of token `a` to the end of token `b - 1`.
    pub fn span(&self, a: usize, b: usize) -> Span {
        let s = self.toks.get(a).map(|t| t.s).unwrap_or(0);
        let e = self.toks.get(b.saturating_sub(1)).map(|t| t.e).unwrap_or(s);
        Span::from_range(s..e.max(s))
    }
    /// Whether tokens `i..` spell `words` (lowercase).
    pub fn at(&self, i: usize, words: &[&str]) -> bool {
        words.iter().enumerate().all(|(k, w)| self.w(i + k) == *w)
    }
    /// Whether tokens ending just before `i` spell `words` (lowercase).
    pub fn ends_before(&self, i: usize, words: &[String]) -> bool {
        i >= words.len()
            && words
                .iter()
                .enumerate()
                .all(|(k, w)| self.w(i - words.len() + k) == w)
    }
}
