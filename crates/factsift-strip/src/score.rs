//! The article-extraction benchmark's metric (AEB, Scrapinghub/Zyte).
//!
//! Text is tokenized into `\w+` runs; each text becomes the multiset of its
//! 4-token shingles (a text with fewer than 4 tokens is one shingle of all its
//! tokens, and an empty text has none). Per page, true positives are the
//! shared shingles (multiset intersection), false positives the predicted
//! surplus and false negatives the expected surplus, normalised to sum to 1.
//! Precision and recall are averaged over the pages where they are defined
//! (`tp + fp > 0`, `tp + fn > 0`), and F1 is computed from those two means.
//!
//! ```
//! use factsift_strip::score::{Counts, Summary};
//! let page = Counts::of("the cat sat on the mat", "the cat sat on the mat today");
//! assert!(page.precision().unwrap() > 0.6 && page.recall() == Some(1.0));
//! let summary = Summary::of([page]);
//! assert!(summary.f1 > 0.8);
//! ```

use std::collections::HashMap;

/// Shingle length of the benchmark.
pub const SHINGLE: usize = 4;

/// Whether `c` is matched by Python's Unicode `\w`.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The `\w+` tokens of `text`, in order.
///
/// ```
/// assert_eq!(factsift_strip::score::tokens("It's 23.16%"), vec!["It", "s", "23", "16"]);
/// ```
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn shingles<'a, 't>(tokens: &'a [&'t str]) -> HashMap<&'a [&'t str], u32> {
    let mut map: HashMap<&'a [&'t str], u32> = HashMap::new();
    if tokens.is_empty() {
        return map;
    }
    if tokens.len() < SHINGLE {
        map.insert(tokens, 1);
        return map;
    }
    for w in tokens.windows(SHINGLE) {
        *map.entry(w).or_insert(0) += 1;
    }
    map
}

/// One page's normalised true positive, false positive and false negative
/// shares (they sum to 1, or are all 0 when both texts have no tokens).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    /// Share of shingles both in the expected and the predicted text.
    pub tp: f64,
    /// Share of predicted shingles beyond the expected ones.
    pub fp: f64,
    /// Share of expected shingles beyond the predicted ones.
    pub fn_: f64,
}

impl Counts {
    /// Compare an `expected` text with a `predicted` one.
    ///
    /// ```
    /// use factsift_strip::score::Counts;
    /// let c = Counts::of("a b c d e", "x y");
    /// assert_eq!(c.tp, 0.0);
    /// assert_eq!(c.precision(), Some(0.0));
    /// ```
    pub fn of(expected: &str, predicted: &str) -> Counts {
        let (te, tp_) = (tokens(expected), tokens(predicted));
        let (e, p) = (shingles(&te), shingles(&tp_));
        let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
        for (k, &ce) in &e {
            let cp = p.get(k).copied().unwrap_or(0);
            tp += u64::from(ce.min(cp));
            fn_ += u64::from(ce.saturating_sub(cp));
        }
        for (k, &cp) in &p {
            let ce = e.get(k).copied().unwrap_or(0);
            fp += u64::from(cp.saturating_sub(ce));
        }
        let total = (tp + fp + fn_) as f64;
        if total == 0.0 {
            return Counts::default();
        }
        Counts {
            tp: tp as f64 / total,
            fp: fp as f64 / total,
            fn_: fn_ as f64 / total,
        }
    }

    /// Precision, `None` when undefined (`tp + fp == 0`).
    pub fn precision(&self) -> Option<f64> {
        if self.tp + self.fp <= 0.0 {
            return None;
        }
        Some(if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else {
            self.tp / (self.tp + self.fp)
        })
    }

    /// Recall, `None` when undefined (`tp + fn == 0`).
    pub fn recall(&self) -> Option<f64> {
        if self.tp + self.fn_ <= 0.0 {
            return None;
        }
        Some(if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else {
            self.tp / (self.tp + self.fn_)
        })
    }
}

/// Precision and recall means over pages, and F1 from those means.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Summary {
    /// Mean precision over the pages where it is defined.
    pub precision: f64,
    /// Mean recall over the pages where it is defined.
    pub recall: f64,
    /// Harmonic mean of `precision` and `recall`.
    pub f1: f64,
    /// Number of pages scored.
    pub pages: usize,
}

impl Summary {
    /// Summarise per-page counts the benchmark's way.
    ///
    /// ```
    /// use factsift_strip::score::{Counts, Summary};
    /// let s = Summary::of([Counts::of("a b c d", "a b c d"), Counts::of("a b c d", "")]);
    /// assert_eq!((s.precision, s.recall), (1.0, 0.5));
    /// ```
    pub fn of(pages: impl IntoIterator<Item = Counts>) -> Summary {
        let (mut p, mut np, mut r, mut nr, mut n) = (0.0, 0usize, 0.0, 0usize, 0usize);
        for c in pages {
            n += 1;
            if let Some(x) = c.precision() {
                p += x;
                np += 1;
            }
            if let Some(x) = c.recall() {
                r += x;
                nr += 1;
            }
        }
        let precision = if np > 0 { p / np as f64 } else { 0.0 };
        let recall = if nr > 0 { r / nr as f64 } else { 0.0 };
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Summary {
            precision,
            recall,
            f1,
            pages: n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiset_shingles() {
        // Expected has the shingle "a a a a" twice, predicted once.
        let c = Counts::of("a a a a a", "a a a a");
        assert!((c.tp - 0.5).abs() < 1e-12 && (c.fn_ - 0.5).abs() < 1e-12 && c.fp == 0.0);
        assert_eq!(c.precision(), Some(1.0));
        assert_eq!(c.recall(), Some(0.5));
    }

    #[test]
    fn short_texts_are_one_shingle() {
        let c = Counts::of("a b", "a b");
        assert_eq!((c.precision(), c.recall()), (Some(1.0), Some(1.0)));
        let c = Counts::of("", "");
        assert_eq!((c.precision(), c.recall()), (None, None));
        let c = Counts::of("a b c d", "");
        assert_eq!((c.precision(), c.recall()), (None, Some(0.0)));
    }

    #[test]
    fn unicode_word_chars() {
        assert_eq!(tokens("naïve_x — 東京"), vec!["naïve_x", "東京"]);
    }

    #[test]
    fn summary_skips_undefined() {
        let s = Summary::of([Counts::of("a b c d", "a b c d"), Counts::of("a b c d", "")]);
        assert_eq!(s.pages, 2);
        assert!((s.f1 - 2.0 * 0.5 / 1.5).abs() < 1e-12);
    }
}
