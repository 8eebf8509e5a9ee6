//! Language knowledge loaded from the data files: cue phrases, DOM hint words
//! and stopwords.

use crate::template::FnvBuild;
use crate::{BuildError, DropReason};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use std::collections::{HashMap, HashSet};

/// Default cue phrases (`data/cues.tsv`).
pub const DEFAULT_CUES: &str = include_str!("../data/cues.tsv");
/// Default DOM hint words (`data/hints.tsv`).
pub const DEFAULT_HINTS: &str = include_str!("../data/hints.tsv");
/// Default stopwords (`data/stopwords.txt`).
pub const DEFAULT_STOPWORDS: &str = include_str!("../data/stopwords.txt");
/// Default comment verbs (`data/comment_verbs.txt`): the words that end a
/// comment's header line before its colon ("said", "says", "wrote").
pub const DEFAULT_COMMENT_VERBS: &str = include_str!("../data/comment_verbs.txt");

/// How a cue phrase must sit in a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Line,
    Prefix,
    Contains,
}

/// Lines with more words than this are never matched by prefix or contains cues.
pub(crate) const CUE_MAX_WORDS: usize = 25;

/// The longest comment header line, in words.
pub(crate) const COMMENT_HEADER_WORDS: u32 = 20;

/// What a DOM hint word says about an element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hint {
    /// Evidence of boilerplate, with its reason.
    Drop(DropReason),
    /// Evidence of the article body.
    Article,
    /// Content embedded in the article (a quoted post, a video): its
    /// element's drop hints ("social-media-embed") do not count.
    Embed,
}

#[derive(Debug)]
pub(crate) struct Lexicon {
    whole: AhoCorasick,
    whole_meta: Vec<DropReason>,
    prefix: AhoCorasick,
    prefix_meta: Vec<DropReason>,
    contains: AhoCorasick,
    contains_meta: Vec<DropReason>,
    hints: HashMap<String, Hint, FnvBuild>,
    stopwords: StopSet,
    max_whole: usize,
    max_stop_len: usize,
    /// Verbs closing a comment's header line, lowercase.
    comment_verbs: Vec<String>,
}

/// The stopword set. Words are short: those of up to 15 bytes are packed
/// with their length into a `u128` and found in a small open-addressing
/// table, several times cheaper per word than hashing a `String` (this
/// lookup runs for every word of every page).
#[derive(Debug)]
struct StopSet {
    /// Packed words; 0 marks an empty slot. The length is a power of two.
    slots: Vec<u128>,
    /// Words too long to pack.
    long: HashSet<String, FnvBuild>,
}

impl StopSet {
    fn new(words: HashSet<String, FnvBuild>) -> StopSet {
        let mut long: HashSet<String, FnvBuild> = HashSet::default();
        let mut short = Vec::new();
        for w in words {
            if w.len() <= PACKED {
                short.push(w);
            } else {
                long.insert(w);
            }
        }
        // At most a quarter full, so probe runs stay short.
        let mut slots = vec![0u128; (4 * short.len()).next_power_of_two().max(16)];
        let mask = slots.len() - 1;
        for w in short {
            let k = pack(w.as_bytes(), false);
            let mut i = slot(k, mask);
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = k;
        }
        StopSet { slots, long }
    }

    /// Whether `w`, ASCII-lowercased first if `fold`, is in the set.
    // Always inlined: it runs for every word; long words take a call.
    #[inline(always)]
    fn contains(&self, w: &[u8], fold: bool) -> bool {
        if w.len() > PACKED {
            return self.contains_long(w, fold);
        }
        let k = pack(w, fold);
        let mask = self.slots.len() - 1;
        let mut i = slot(k, mask);
        loop {
            match self.slots[i] {
                0 => return false,
                x if x == k => return true,
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// [`StopSet::contains`] for a word too long to pack.
    #[cold]
    fn contains_long(&self, w: &[u8], fold: bool) -> bool {
        let lower;
        let w = if fold {
            lower = w.to_ascii_lowercase();
            &lower[..]
        } else {
            w
        };
        std::str::from_utf8(w).is_ok_and(|w| self.long.contains(w))
    }
}

/// The longest packed word, in bytes: the last byte of a key is its length.
const PACKED: usize = 15;

/// A word of at most [`PACKED`] bytes (ASCII-lowercased if `fold`) and its
/// length as a `u128` (byte `i` of the word is byte `i` of the key; the
/// last byte is the length), never 0. The bytes are read by overlapping
/// loads and folded eight at a time, not one by one.
#[inline]
fn pack(w: &[u8], fold: bool) -> u128 {
    let n = w.len();
    let (mut lo, mut hi) = match n {
        0 => (0, 0),
        1..=3 => {
            let byte = |i: usize| u64::from(w[i]) << (8 * i);
            (byte(0) | byte(n / 2) | byte(n - 1), 0)
        }
        4..=7 => (le32(w) | le32(&w[n - 4..]) << (8 * (n - 4)), 0),
        8 => (le64(w), 0),
        _ => (le64(w), le64(&w[n - 8..]) >> (8 * (16 - n))),
    };
    if fold {
        lo = ascii_lower(lo);
        hi = ascii_lower(hi);
    }
    u128::from(lo) | u128::from(hi | (n as u64) << 56) << 64
}

/// The first 4 bytes of `b`, little-endian.
fn le32(b: &[u8]) -> u64 {
    let mut a = [0u8; 4];
    a.copy_from_slice(&b[..4]);
    u64::from(u32::from_le_bytes(a))
}

/// The first 8 bytes of `b`, little-endian.
fn le64(b: &[u8]) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[..8]);
    u64::from_le_bytes(a)
}

/// The bytes of `x` with ASCII `A`-`Z` lowercased (bytes of 0x80 and more
/// are left alone).
#[inline]
fn ascii_lower(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = x & !HIGH;
    // The high bit of each byte: at least `A`, then more than `Z`.
    let ge_a = low7 + ONES * u64::from(0x80 - b'A');
    let gt_z = low7 + ONES * u64::from(0x80 - b'Z' - 1);
    let upper = (ge_a ^ gt_z) & !x & HIGH;
    x | upper >> 2
}

/// The home slot of a packed word.
#[inline]
fn slot(k: u128, mask: usize) -> usize {
    let x = (k as u64) ^ ((k >> 64) as u64).rotate_left(31);
    (x.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40) as usize & mask
}

/// One `(file, line)`-located parse of a TSV line.
fn fields<'a>(
    file: &str,
    line_no: usize,
    line: &'a str,
    n: usize,
) -> Result<Vec<&'a str>, BuildError> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() != n {
        return Err(BuildError::Syntax {
            file: file.to_string(),
            line: line_no,
            message: format!("expected {n} tab-separated fields, found {}", f.len()),
        });
    }
    Ok(f)
}

fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

fn reason(file: &str, line: usize, s: &str) -> Result<DropReason, BuildError> {
    s.parse().map_err(|_| BuildError::Syntax {
        file: file.to_string(),
        line,
        message: format!("unknown reason {s:?}"),
    })
}

impl Lexicon {
    pub(crate) fn new(
        cues: &[(String, String)],
        hints: &[(String, String)],
        stopwords: &[(String, String)],
        comment_verbs: &[(String, String)],
    ) -> Result<Lexicon, BuildError> {
        let (mut whole_pats, mut whole_meta) = (Vec::new(), Vec::new());
        let (mut prefix_pats, mut prefix_meta) = (Vec::new(), Vec::new());
        let mut contains_pats = Vec::new();
        let mut contains_meta = Vec::new();
        for (file, text) in cues {
            for (no, line) in data_lines(text) {
                let f = fields(file, no, line, 3)?;
                let r = reason(file, no, f[0])?;
                let phrase = f[2].to_lowercase();
                let mode = match f[1] {
                    "line" => Mode::Line,
                    "prefix" => Mode::Prefix,
                    "contains" => Mode::Contains,
                    other => {
                        return Err(BuildError::Syntax {
                            file: file.clone(),
                            line: no,
                            message: format!("unknown mode {other:?} (line, prefix, contains)"),
                        });
                    }
                };
                if phrase.is_empty() {
                    return Err(BuildError::Syntax {
                        file: file.clone(),
                        line: no,
                        message: "empty phrase".into(),
                    });
                }
                match mode {
                    Mode::Line => {
                        whole_pats.push(phrase);
                        whole_meta.push(r);
                    }
                    Mode::Prefix => {
                        prefix_pats.push(phrase);
                        prefix_meta.push(r);
                    }
                    Mode::Contains => {
                        contains_pats.push(phrase);
                        contains_meta.push(r);
                    }
                }
            }
        }
        let anchored = |pats: &[String]| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .start_kind(StartKind::Anchored)
                .match_kind(MatchKind::LeftmostLongest)
                .build(pats)
                .map_err(|e| BuildError::Automaton(e.to_string()))
        };
        let whole = anchored(&whole_pats)?;
        let max_whole = whole_pats.iter().map(String::len).max().unwrap_or(0) + 8;
        let prefix = anchored(&prefix_pats)?;
        let contains = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&contains_pats)
            .map_err(|e| BuildError::Automaton(e.to_string()))?;
        let mut hint_map: HashMap<String, Hint, FnvBuild> = HashMap::default();
        for (file, text) in hints {
            for (no, line) in data_lines(text) {
                let f = fields(file, no, line, 2)?;
                let hint = if f[0] == "article" {
                    Hint::Article
                } else if f[0] == "embed" {
                    Hint::Embed
                } else {
                    Hint::Drop(reason(file, no, f[0])?)
                };
                hint_map.insert(f[1].trim().to_lowercase(), hint);
            }
        }
        let mut stop: HashSet<String, FnvBuild> = HashSet::default();
        for (_, text) in stopwords {
            for (_, line) in data_lines(text) {
                stop.insert(line.trim().to_lowercase());
            }
        }
        let mut verbs: Vec<String> = Vec::new();
        for (_, text) in comment_verbs {
            for (_, line) in data_lines(text) {
                let v = line.trim().to_lowercase();
                if !verbs.contains(&v) {
                    verbs.push(v);
                }
            }
        }
        Ok(Lexicon {
            comment_verbs: verbs,
            whole,
            whole_meta,
            max_whole,
            prefix,
            prefix_meta,
            contains,
            contains_meta,
            hints: hint_map,
            max_stop_len: stop.iter().map(String::len).max().unwrap_or(0),
            stopwords: StopSet::new(stop),
        })
    }

    /// The byte length of the longest stopword.
    pub(crate) fn max_stop_len(&self) -> usize {
        self.max_stop_len
    }

    /// Whether a lowercase word is a stopword.
    pub(crate) fn is_stopword(&self, lower: &str) -> bool {
        lower.len() <= self.max_stop_len && self.stopwords.contains(lower.as_bytes(), false)
    }

    /// Whether an ASCII word, ASCII-lowercased, is a stopword (no copy).
    #[inline]
    pub(crate) fn is_ascii_stopword(&self, word: &[u8]) -> bool {
        word.len() <= self.max_stop_len && self.stopwords.contains(word, true)
    }

    /// Whether `line` of `words` words reads as a comment's header: at most
    /// [`COMMENT_HEADER_WORDS`] words ending in a comment verb and a colon
    /// ("Alex on May 2, 2018 at 6:34 am said:").
    pub(crate) fn comment_header(&self, line: &str, words: u32) -> bool {
        if !(2..=COMMENT_HEADER_WORDS).contains(&words) {
            return false;
        }
        let Some(head) = line.trim_end().strip_suffix(':') else {
            return false;
        };
        let head = head.trim_end();
        // The verbs are short: compare the last few words only.
        let tail_start = head.char_indices().rev().nth(24).map_or(0, |(i, _)| i);
        let tail = head[tail_start..].to_lowercase();
        self.comment_verbs.iter().any(|v| {
            tail.strip_suffix(v.as_str())
                .is_some_and(|before| before.ends_with(|c: char| !c.is_alphanumeric()))
        })
    }

    /// What a hint word (lowercase) says, if anything.
    pub(crate) fn hint(&self, word: &str) -> Option<Hint> {
        self.hints.get(word).copied()
    }

    /// The cue a line matches, if any, and whether it is strong (the whole
    /// line is the cue) rather than weak (a prefix or a contained phrase).
    /// `words` is the line's word count.
    /// `buf` is scratch space for case folding.
    pub(crate) fn cue(
        &self,
        line: &str,
        words: usize,
        buf: &mut String,
    ) -> Option<(DropReason, bool)> {
        let core = line.trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, ':' | '|' | '»' | '›' | '>' | '-' | '•' | '·' | '*')
        });
        if core.is_empty() {
            return None;
        }
        if core.len() > self.max_whole && words > CUE_MAX_WORDS {
            return None;
        }
        // The automata fold ASCII case only: fold other scripts' case here
        // (the phrases are stored lowercase).
        let core = if core.is_ascii() || !core.chars().any(char::is_uppercase) {
            core
        } else {
            buf.clear();
            buf.extend(core.chars().flat_map(char::to_lowercase));
            buf.as_str()
        };
        let input = Input::new(core).anchored(Anchored::Yes);
        if let Some(m) = self.whole.find(input.clone()) {
            let rest = &core[m.end()..];
            if !rest.chars().any(char::is_alphanumeric) {
                return Some((self.whole_meta[m.pattern().as_usize()], true));
            }
        }
        if words > CUE_MAX_WORDS {
            return None;
        }
        if let Some(m) = self.prefix.find(input) {
            let rest = &core[m.end()..];
            let boundary = rest.is_empty()
                || core[..m.end()].ends_with(|c: char| !c.is_alphanumeric())
                || !rest.starts_with(char::is_alphanumeric);
            if boundary {
                return Some((self.prefix_meta[m.pattern().as_usize()], false));
            }
        }
        {
            if let Some(m) = self.contains.find(core) {
                return Some((self.contains_meta[m.pattern().as_usize()], false));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`pack`] byte by byte.
    fn reference(w: &[u8], fold: bool) -> u128 {
        let mut a = [0u8; 16];
        for (d, &x) in a.iter_mut().zip(w) {
            *d = if fold { x.to_ascii_lowercase() } else { x };
        }
        a[PACKED] = w.len() as u8;
        u128::from_le_bytes(a)
    }

    #[test]
    fn pack_agrees_with_the_byte_by_byte_reference() {
        let all: Vec<u8> = (0..=255u8).collect();
        for n in 0..=PACKED {
            for start in 0..=all.len() - n {
                let w = &all[start..start + n];
                for fold in [false, true] {
                    assert_eq!(pack(w, fold), reference(w, fold), "{w:?} {fold}");
                }
            }
        }
        assert_eq!(pack(b"ZaHlEn", true), pack(b"zahlen", false));
        assert_ne!(pack(b"an", false), pack(b"an\0", false));
    }

    #[test]
    fn stopwords_are_found_in_any_ascii_case() {
        let words: HashSet<String, FnvBuild> =
            ["the", "über", "nevertheless", "a-very-long-stopword"]
                .iter()
                .map(|w| w.to_string())
                .collect();
        let set = StopSet::new(words);
        for w in [
            "the",
            "THE",
            "ThE",
            "über",
            "nevertheless",
            "a-very-long-stopword",
            "A-VERY-LONG-STOPWORD",
        ] {
            assert!(set.contains(w.as_bytes(), true), "{w}");
        }
        assert!(!set.contains(b"THE", false));
        assert!(!set.contains("ÜBER".as_bytes(), true));
        for w in [
            "",
            "th",
            "then",
            "them",
            "nevertheles",
            "a-very-long-stopwor",
        ] {
            assert!(!set.contains(w.as_bytes(), true), "{w}");
        }
    }
}
