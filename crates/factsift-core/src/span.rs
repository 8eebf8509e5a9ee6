//! Byte spans into a document's text.

use serde::{Deserialize, Serialize};

/// A half-open range `start..end` of byte offsets into a document's text.
///
/// Invariant: `start <= end`. It is checked by every constructor; no stage
/// rewrites a span after it is created, so offsets stay valid through the
/// whole pipeline. [`Span::checked`] also checks that both ends lie in bounds
/// and on UTF-8 character boundaries of a given text.
///
/// ```
/// use factsift_core::Span;
/// let text = "Xiaomi shipped 23.16 million";
/// let span = Span::checked(text, 15, 20)?;
/// assert_eq!(span.slice(text), "23.16");
/// assert_eq!(span.len(), 5);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(try_from = "RawSpan")]
pub struct Span {
    start: usize,
    end: usize,
}

#[derive(Deserialize)]
struct RawSpan {
    start: usize,
    end: usize,
}

impl TryFrom<RawSpan> for Span {
    type Error = SpanError;
    fn try_from(raw: RawSpan) -> Result<Self, SpanError> {
        Span::new(raw.start, raw.end)
    }
}

/// Why a span could not be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SpanError {
    /// `start` is after `end`.
    #[error("span start {start} is after its end {end}")]
    Reversed {
        /// The start offset.
        start: usize,
        /// The end offset.
        end: usize,
    },
    /// `end` is past the end of the text.
    #[error("span end {end} is past the text's length {len}")]
    OutOfBounds {
        /// The end offset.
        end: usize,
        /// The text's length in bytes.
        len: usize,
    },
    /// An offset falls inside a multi-byte character.
    #[error("span offset {offset} is not on a character boundary")]
    NotCharBoundary {
        /// The offending offset.
        offset: usize,
    },
}

// The accessors are inlined: every stage calls them per token or match,
// and without LTO a call across crates is never inlined otherwise.
impl Span {
    /// A span from `start` to `end`; fails when `start > end`.
    ///
    /// ```
    /// use factsift_core::Span;
    /// assert!(Span::new(3, 1).is_err());
    /// assert_eq!(Span::new(1, 3).map(|s| s.len()), Ok(2));
    /// ```
    pub fn new(start: usize, end: usize) -> Result<Span, SpanError> {
        if start > end {
            return Err(SpanError::Reversed { start, end });
        }
        Ok(Span { start, end })
    }

    /// A span from `start` to `end` that is known to be valid for `text`:
    /// in bounds and on character boundaries.
    ///
    /// ```
    /// use factsift_core::Span;
    /// assert!(Span::checked("héllo", 0, 2).is_err()); // inside 'é'
    /// assert!(Span::checked("héllo", 0, 3).is_ok());
    /// ```
    pub fn checked(text: &str, start: usize, end: usize) -> Result<Span, SpanError> {
        let span = Span::new(start, end)?;
        if end > text.len() {
            return Err(SpanError::OutOfBounds {
                end,
                len: text.len(),
            });
        }
        for offset in [start, end] {
            if !text.is_char_boundary(offset) {
                return Err(SpanError::NotCharBoundary { offset });
            }
        }
        Ok(span)
    }

    /// A span for a range whose validity the caller has already established,
    /// such as the bounds of a match found in the same text. Start and end
    /// are swapped into order if given reversed, so the invariant holds.
    ///
    /// ```
    /// use factsift_core::Span;
    /// assert_eq!(Span::from_range(2..5), Span::new(2, 5).unwrap());
    /// ```
    #[inline]
    pub fn from_range(range: std::ops::Range<usize>) -> Span {
        Span {
            start: range.start.min(range.end),
            end: range.end.max(range.start),
        }
    }

    /// First byte of the span.
    #[inline]
    pub fn start(&self) -> usize {
        self.start
    }

    /// One past the last byte of the span.
    #[inline]
    pub fn end(&self) -> usize {
        self.end
    }

    /// Length in bytes.
    #[inline]
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The span as a `Range`.
    #[inline]
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The text the span covers, or `""` when the span does not fit `text`.
    ///
    /// ```
    /// use factsift_core::Span;
    /// let span = Span::new(0, 3).unwrap();
    /// assert_eq!(span.slice("abcdef"), "abc");
    /// assert_eq!(span.slice("ab"), "");
    /// ```
    #[inline]
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Whether `other` lies entirely within this span.
    ///
    /// ```
    /// use factsift_core::Span;
    /// let outer = Span::new(0, 10).unwrap();
    /// assert!(outer.contains(Span::new(2, 10).unwrap()));
    /// assert!(!outer.contains(Span::new(2, 11).unwrap()));
    /// ```
    #[inline]
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    ///
    /// ```
    /// use factsift_core::Span;
    /// let a = Span::new(0, 5).unwrap();
    /// assert!(a.overlaps(Span::new(4, 8).unwrap()));
    /// assert!(!a.overlaps(Span::new(5, 8).unwrap()));
    /// ```
    #[inline]
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    ///
    /// ```
    /// use factsift_core::Span;
    /// let a = Span::new(0, 2).unwrap().cover(Span::new(5, 8).unwrap());
    /// assert_eq!((a.start(), a.end()), (0, 8));
    /// ```
    #[inline]
    pub fn cover(&self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The span moved right by `delta` bytes (for text that was a slice of a
    /// larger text starting at `delta`).
    ///
    /// ```
    /// use factsift_core::Span;
    /// let s = Span::new(1, 3).unwrap().shift(10);
    /// assert_eq!((s.start(), s.end()), (11, 13));
    /// ```
    #[inline]
    pub fn shift(&self, delta: usize) -> Span {
        Span {
            start: self.start + delta,
            end: self.end + delta,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn deserialize_rejects_reversed() {
        assert!(serde_json::from_str::<Span>(r#"{"start":5,"end":2}"#).is_err());
        let ok: Span = serde_json::from_str(r#"{"start":2,"end":5}"#).unwrap();
        assert_eq!(ok.len(), 3);
    }

    proptest! {
        #[test]
        fn checked_spans_always_slice(text in "\\PC{0,40}", a in 0usize..200, b in 0usize..200) {
            if let Ok(span) = Span::checked(&text, a.min(b), a.max(b)) {
                prop_assert!(text.get(span.range()).is_some());
            }
        }
    }
}
