//! Per-line features and the line classes built from them.

use crate::DropReason;
use crate::lexicon::Lexicon;
use factsift_core::chars::is_alphanumeric;
use factsift_core::{Document, Span};

/// What a line looks like, before any page-level decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// Prose: long, full of function words, with sentence punctuation.
    Good,
    /// Shorter prose-like text (a short sentence, a subheading in a body).
    Near,
    /// A label, a name, a menu item, a date.
    Short,
    /// Boilerplate by a cue, a DOM hint, link density or template evidence.
    Bad(DropReason),
}

/// Features of one non-blank line (or HTML block).
#[derive(Clone, Debug)]
pub(crate) struct Line {
    /// The line's bytes, trimmed of surrounding whitespace.
    pub span: Span,
    /// Word count (`\w+` runs; CJK ideographs count half a word each).
    pub words: u32,
    /// Words that are stopwords.
    pub stops: u32,
    /// Words starting with an uppercase letter.
    pub caps: u32,
    /// Words that are all digits.
    pub digits: u32,
    /// Sentence-ending marks followed by a space or the end.
    pub sentences: u32,
    /// Ends with sentence punctuation (`.`, `!`, `?`, `…`, closing quote after one).
    pub sentence_end: bool,
    /// The cue phrase the line matches, and whether it is a whole-line cue.
    pub cue: Option<(DropReason, bool)>,
    /// DOM evidence of boilerplate (HTML only).
    pub hint: Option<DropReason>,
    /// Share of the line's bytes inside links (HTML only).
    pub link_density: f32,
    /// The line recurs across pages of the site.
    pub template: bool,
    /// A blank line precedes this line in the text.
    pub blank_before: bool,
    /// The whole line is one bracketed label (`[photo caption]`): how text
    /// browsers render an image or an empty form field (text pages only).
    pub bracketed: bool,
    /// The line starts with a list bullet (`•`, `*`, `□`, `-`...).
    pub bullet: bool,
    /// The block's element in the layout (HTML only, else `usize::MAX`).
    pub element: usize,
    /// The block is an HTML `h1` (HTML only).
    pub heading: bool,
    /// The line's class, set by [`classify`].
    pub class: Class,
}

impl Line {
    /// Share of words that are stopwords.
    pub fn stop_ratio(&self) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            self.stops as f32 / self.words as f32
        }
    }

    /// A person's name alone: two to four capitalised words, no stopwords,
    /// no digits, no sentence punctuation.
    pub fn name_like(&self, text: &str) -> bool {
        (2..=4).contains(&self.words)
            && self.caps == self.words
            && self.stops == 0
            && self.digits == 0
            && !self.sentence_end
            && self
                .span
                .slice(text)
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\'' | '’'))
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

fn is_sentence_mark(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

/// Byte classes for the byte-level scan of [`line`]: an ASCII word byte.
const WORD: u8 = 1;
/// `.`, `!` or `?`.
const MARK: u8 = 4;
/// ASCII whitespace as `char::is_whitespace` defines it (with `\x0b`).
const SPACE: u8 = 8;
/// A closing quote or parenthesis that may follow a sentence mark.
const CLOSE: u8 = 16;

/// The class bits of each byte (none for the bytes of non-ASCII
/// characters, 0x80 and above).
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        let mut k = 0;
        if b.is_ascii_alphanumeric() || b == b'_' {
            k |= WORD;
        }
        if matches!(b, b'.' | b'!' | b'?') {
            k |= MARK;
        }
        if matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            k |= SPACE;
        }
        if matches!(b, b'"' | b'\'' | b')') {
            k |= CLOSE;
        }
        t[i] = k;
        i += 1;
    }
    t
};

/// Word and sentence counts of one line, accumulated by [`line`].
struct Counts {
    words: u32,
    stops: u32,
    caps: u32,
    digits: u32,
}

/// The word [`line`] is scanning.
#[derive(Clone, Copy)]
struct Word {
    /// Its start in the line.
    start: usize,
    /// All its characters so far are ASCII.
    ascii: bool,
}

/// Count `word`, which ends at `end` in the line `s`.
/// `buf` is scratch space for lowercasing.
// Always inlined: it runs for every word, and a call of seven arguments
// costs a good share of its body.
#[inline(always)]
fn count_word(
    lex: &Lexicon,
    s: &str,
    word: Word,
    end: usize,
    max_ascii_stop: usize,
    buf: &mut String,
    n: &mut Counts,
) {
    let w = &s[word.start..end];
    let ascii = word.ascii;
    let all_digits = ascii && w.bytes().all(|b| b.is_ascii_digit());
    n.words += 1;
    if all_digits {
        n.digits += 1;
    } else if ascii {
        if w.as_bytes()[0].is_ascii_uppercase() {
            n.caps += 1;
        }
    } else if w.chars().next().is_some_and(char::is_uppercase) {
        n.caps += 1;
    }
    if w.len() <= 16 && (w.len() <= max_ascii_stop || !ascii) {
        let stop = if ascii {
            lex.is_ascii_stopword(w.as_bytes())
        } else {
            crate::select::lowercase_into(w, buf);
            lex.is_stopword(buf)
        };
        if stop {
            n.stops += 1;
        }
    }
}

/// Compute the features of the line `span` of `text`.
///
/// Words are `\w+` runs (ASCII alphanumerics and `_`, and any other
/// alphanumeric character but CJK ideographs, which count half a word
/// each). ASCII bytes are classed by a table; other characters are decoded
/// one at a time.
pub(crate) fn line(lex: &Lexicon, text: &str, span: Span, buf: &mut String) -> Line {
    let s = span.slice(text);
    let b = s.as_bytes();
    let mut n = Counts {
        words: 0,
        stops: 0,
        caps: 0,
        digits: 0,
    };
    let (mut sentences, mut cjk) = (0u32, 0u32);
    let mut prev_mark = false;
    // ASCII lowercasing keeps a word's length, so longer words cannot be
    // stopwords; other words are looked up up to 16 bytes.
    let max_ascii_stop = lex.max_stop_len();
    // The word being scanned: its start, whether it is all ASCII.
    let mut in_word = false;
    let mut word = Word {
        start: 0,
        ascii: true,
    };
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if BYTE_CLASS[x as usize] & WORD != 0 {
            // A run of ASCII word bytes: no marks, spaces or quotes in it.
            if !in_word {
                in_word = true;
                word.start = i;
                word.ascii = true;
            }
            while i < b.len() && BYTE_CLASS[b[i] as usize] & WORD != 0 {
                i += 1;
            }
            prev_mark = false;
            continue;
        }
        if x < 0x80 {
            let k = BYTE_CLASS[x as usize];
            if in_word {
                in_word = false;
                count_word(lex, s, word, i, max_ascii_stop, buf, &mut n);
            }
            if prev_mark && k & SPACE != 0 {
                sentences += 1;
            }
            prev_mark = k & MARK != 0 || (prev_mark && k & CLOSE != 0);
            i += 1;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let wc = if is_cjk(c) {
            cjk += 1;
            false
        } else {
            is_alphanumeric(c)
        };
        if wc {
            if !in_word {
                in_word = true;
                word.start = i;
            }
            word.ascii = false;
        } else if in_word {
            in_word = false;
            count_word(lex, s, word, i, max_ascii_stop, buf, &mut n);
        }
        if prev_mark && c.is_whitespace() {
            sentences += 1;
        }
        prev_mark = is_sentence_mark(c) || (prev_mark && matches!(c, '”' | '’'));
        if matches!(c, '。' | '！' | '？') {
            sentences += 1;
            prev_mark = false;
        }
        i += c.len_utf8();
    }
    if in_word {
        count_word(lex, s, word, s.len(), max_ascii_stop, buf, &mut n);
    }
    let sentence_end = prev_mark;
    if sentence_end {
        sentences += 1;
    }
    let words = n.words + cjk / 2;
    let cue = lex.cue(s, words as usize, buf);
    Line {
        span,
        words,
        stops: n.stops,
        caps: n.caps,
        digits: n.digits,
        sentences,
        sentence_end,
        cue,
        hint: None,
        link_density: 0.0,
        template: false,
        blank_before: false,
        heading: false,
        element: usize::MAX,
        bracketed: false,
        bullet: s.starts_with(['•', '*', '□', '◦', '▪', '■', '·', '-', '–', '»', '›', '+']),
        class: Class::Short,
    }
}

/// The non-blank lines of a text page, trimmed.
pub(crate) fn text_lines(lex: &Lexicon, doc: &Document) -> Vec<Line> {
    let text = doc.text.as_str();
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut start = 0;
    let mut blank = true;
    for piece in text.split_inclusive('\n') {
        let end = start + piece.len();
        let body = piece.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        let trimmed = body.trim();
        if trimmed.is_empty() {
            blank = true;
        } else {
            let s = start + lead;
            let span = Span::from_range(s..s + trimmed.len());
            let mut l = line(lex, text, span, &mut buf);
            l.blank_before = blank;
            l.bracketed = trimmed.len() >= 2
                && trimmed.starts_with('[')
                && trimmed.ends_with(']')
                && !trimmed[1..trimmed.len() - 1].contains(['[', ']']);
            out.push(l);
            blank = false;
        }
        start = end;
    }
    out
}

/// Class a line from its own features; `stopless` says the page's language
/// has no stopwords in the lexicon, so prose is told by punctuation alone.
pub(crate) fn classify(l: &Line, stopless: bool) -> Class {
    if l.template {
        return Class::Bad(l.cue.map_or(DropReason::Other, |c| c.0));
    }
    if let Some((r, true)) = l.cue {
        return Class::Bad(r);
    }
    if l.bracketed {
        return Class::Bad(DropReason::Metadata);
    }
    if let Some(r) = l.hint {
        return Class::Bad(r);
    }
    let ratio = l.stop_ratio();
    let links = l.link_density;
    if links > 0.5 && l.words < 60 {
        // Linked prose (a deals roundup, a list of sources) stays a candidate.
        let prose = l.words >= 15 && ratio >= 0.25 && l.sentence_end;
        return if prose {
            Class::Near
        } else {
            Class::Bad(DropReason::Navigation)
        };
    }
    let good = if stopless {
        l.words >= 12 && l.sentences >= 1
    } else {
        (l.words >= 10 && ratio >= 0.2 && l.sentences >= 1)
            || (l.words >= 20 && ratio >= 0.15)
            || (l.words >= 40 && l.sentences >= 2)
    };
    if good && links < 0.3 && !l.bullet {
        return Class::Good;
    }
    if let Some((r, false)) = l.cue {
        return Class::Bad(r);
    }
    let near = if stopless {
        l.words >= 4 && l.sentence_end
    } else {
        (l.words >= 5 && l.sentence_end && ratio >= 0.1) || (l.words >= 8 && ratio >= 0.25)
    };
    if near || good {
        Class::Near
    } else {
        Class::Short
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The reference definition of the counts of [`line`], char by char:
    /// words, stopwords, capitalised words, all-digit words, sentences and
    /// whether the line ends a sentence.
    fn reference(lex: &Lexicon, s: &str) -> (u32, u32, u32, u32, u32, bool) {
        let (mut words, mut stops, mut caps, mut digits, mut sentences, mut cjk) =
            (0u32, 0u32, 0u32, 0u32, 0u32, 0u32);
        let mut buf = String::new();
        let mut word: Option<usize> = None;
        let mut prev_mark = false;
        let mut finish = |w: &str| {
            words += 1;
            if w.bytes().all(|b| b.is_ascii_digit()) {
                digits += 1;
            } else if w.chars().next().is_some_and(char::is_uppercase) {
                caps += 1;
            }
            if w.len() <= 16 && (w.len() <= lex.max_stop_len() || !w.is_ascii()) {
                crate::select::lowercase_into(w, &mut buf);
                if lex.is_stopword(&buf) {
                    stops += 1;
                }
            }
        };
        for (i, c) in s.char_indices() {
            let wc = if is_cjk(c) {
                cjk += 1;
                false
            } else {
                c.is_alphanumeric() || c == '_'
            };
            match (wc, word) {
                (true, None) => word = Some(i),
                (false, Some(w)) => {
                    finish(&s[w..i]);
                    word = None;
                }
                _ => {}
            }
            if prev_mark && c.is_whitespace() {
                sentences += 1;
            }
            prev_mark =
                is_sentence_mark(c) || (prev_mark && matches!(c, '"' | '”' | '’' | '\'' | ')'));
            if matches!(c, '。' | '！' | '？') {
                sentences += 1;
                prev_mark = false;
            }
        }
        if let Some(w) = word {
            finish(&s[w..]);
        }
        if prev_mark {
            sentences += 1;
        }
        (words + cjk / 2, stops, caps, digits, sentences, prev_mark)
    }

    fn counts(lex: &Lexicon, s: &str) -> (u32, u32, u32, u32, u32, bool) {
        let l = line(lex, s, Span::from_range(0..s.len()), &mut String::new());
        (
            l.words,
            l.stops,
            l.caps,
            l.digits,
            l.sentences,
            l.sentence_end,
        )
    }

    #[test]
    fn line_counts_match_the_reference() {
        let stripper = crate::Stripper::builder()
            .build()
            .expect("default data builds");
        let lex = &stripper.lexicon;
        for s in [
            "The Company said it would (not) sell. \"Really?\" Yes!",
            "Über die Straße: 23.16 Mio. Ä_b 10M und DAS ist…\u{a0}gut",
            "東京で。会議！ Цены и МЫ. ½ × ÷ It’s 4GB’s",
        ] {
            assert_eq!(counts(lex, s), reference(lex, s), "{s:?}");
        }
    }

    proptest! {
        #[test]
        fn line_counts_match_the_reference_on_any_text(
            s in "[a-zA-Z0-9_ .!?\"')(,\t’”…。！？東京ÄäßЦе½×\u{a0}\u{2003}\u{300}]{0,60}|\\PC{0,30}"
        ) {
            let stripper = crate::Stripper::builder().build().expect("default data builds");
            prop_assert_eq!(counts(&stripper.lexicon, &s), reference(&stripper.lexicon, &s));
        }
    }
}
