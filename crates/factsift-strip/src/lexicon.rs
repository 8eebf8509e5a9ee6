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
    stopwords: HashSet<String, FnvBuild>,
    max_whole: usize,
    max_stop_len: usize,
    /// Verbs closing a comment's header line, lowercase.
    comment_verbs: Vec<String>,
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
            stopwords: stop,
        })
    }

    /// The byte length of the longest stopword.
    pub(crate) fn max_stop_len(&self) -> usize {
        self.max_stop_len
    }

    /// Whether a lowercase word is a stopword.
    pub(crate) fn is_stopword(&self, lower: &str) -> bool {
        lower.len() <= self.max_stop_len && self.stopwords.contains(lower)
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
