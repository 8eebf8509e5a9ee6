//! Grouping tokens into sentences.

use crate::lexicon::Lexicon;
use crate::tokens::{ABBR_FINAL, BULLET, ELLIPSIS, HARD_TERMINAL, SEPARATOR, TERMINAL};
use factsift_core::{Sentence, Span, Token, TokenKind};

/// Line breaks in a gap of whitespace: `\r\n`, `\n`, `\r` and the Unicode
/// line and paragraph separators each count once.
fn line_breaks(gap: &str) -> usize {
    let b = gap.as_bytes();
    if b.len() == 1 {
        return usize::from(b[0] == b'\n' || b[0] == b'\r');
    }
    let mut n = 0;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'\n' => n += 1,
            b'\r' if b.get(i + 1) != Some(&b'\n') => n += 1,
            _ => {}
        }
    }
    if gap.len() > n && !gap.is_ascii() {
        n += gap.matches(['\u{2028}', '\u{2029}', '\u{85}']).count();
    }
    n
}

#[inline]
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '”'
            | '’'
            | '»'
            | '›'
            | '」'
            | '』'
            | '）'
            | '】'
            | '〉'
            | '》'
    )
}

#[inline]
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | '[' | '{' | '“' | '‘' | '«' | '‹' | '„' | '「' | '『' | '（' | '【'
    )
}

pub(crate) struct Splitter<'a> {
    pub(crate) text: &'a str,
    pub(crate) lexicon: &'a Lexicon,
    /// Whether a single line break is just a space (hard-wrapped text).
    pub(crate) wrapped: bool,
}

impl Splitter<'_> {
    fn first_char(&self, t: &Token) -> char {
        t.span.slice(self.text).chars().next().unwrap_or(' ')
    }

    /// Whether a line break (or a blank line) separates two tokens.
    #[inline]
    fn broken(&self, a: &Token, b: &Token) -> bool {
        let (x, y) = (a.span.end(), b.span.start());
        if y <= x + 1 && self.text.as_bytes().get(x).is_none_or(|&c| c == b' ') {
            return false;
        }
        let gap = self.text.get(x..y).unwrap_or("");
        let n = line_breaks(gap);
        n >= 2 || (n == 1 && !self.wrapped)
    }

    /// Whether the sentence ends before `next`, after a terminal run.
    fn ends_after_terminal(&self, flag: u8, next: &Token) -> bool {
        if flag & HARD_TERMINAL != 0 {
            return true;
        }
        let c = self.first_char(next);
        if matches!(c, '.' | '!' | '?' | '…') {
            // Stray punctuation (`in the US. .`) stays with the sentence.
            return false;
        }
        if flag & ELLIPSIS != 0 {
            return c.is_uppercase() || is_opener(c);
        }
        !(c.is_lowercase() || matches!(c, ',' | ';' | ':' | '%' | ')' | ']' | '}'))
    }

    /// Whether the sentence ends before `next`, after an abbreviation that
    /// may end one.
    fn ends_after_final_abbrev(&self, next: &Token) -> bool {
        let c = self.first_char(next);
        if is_opener(c) && matches!(c, '"' | '“' | '«' | '„') {
            return true;
        }
        next.kind == TokenKind::Word && self.lexicon.is_starter(next.span.slice(self.text))
    }

    /// Whether the token before a terminal `.` is a list marker at the start
    /// of the sentence (`1. Introduction`, `iv. Costs`).
    fn is_list_marker(&self, tokens: &[Token], k: usize, sentence_start: usize) -> bool {
        if k == 0 || k - 1 != sentence_start || tokens[k].span.len() != 1 {
            return false;
        }
        let m = &tokens[k - 1];
        if m.span.end() != tokens[k].span.start() {
            return false;
        }
        let s = m.span.slice(self.text);
        (s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit()))
            || (s.len() <= 4 && s.bytes().all(|b| matches!(b, b'i' | b'v' | b'x')))
    }

    /// Whether the single `.` at `k` (with nothing absorbed after it, `last
    /// == k`) is inside a code or name rather than a full stop: glued to a
    /// following digit (`ID.3`), or glued to a following word but not to the
    /// preceding word (`(.SXAP)`, ` .NET`).
    fn is_code_dot(&self, tokens: &[Token], k: usize, last: usize) -> bool {
        let (dot, Some(next)) = (&tokens[k], tokens.get(k + 1)) else {
            return false;
        };
        if last != k || dot.span.len() != 1 || dot.span.end() != next.span.start() {
            return false;
        }
        let c = self.first_char(next);
        let glued_before = k > 0
            && tokens[k - 1].span.end() == dot.span.start()
            && matches!(tokens[k - 1].kind, TokenKind::Word | TokenKind::Number);
        c.is_numeric() || (c.is_alphanumeric() && !glued_before)
    }

    /// Appends the sentences of `tokens[from..]` (tokens of one span, with
    /// their flags) to `out`.
    pub(crate) fn split(
        &self,
        tokens: &[Token],
        flags: &[u8],
        from: usize,
        out: &mut Vec<Sentence>,
    ) {
        let n = tokens.len();
        let mut start = from;
        let mut k = from;
        while k < n {
            let flag = flags[k];
            let mut last = k;
            let mut end = false;
            if flag & TERMINAL != 0 {
                // Closing quotes and brackets glued to the terminal belong to
                // the sentence: `... growth.” He said`.
                // So do further glued terminals: `decision?".`
                let mut flag = flag;
                while last + 1 < n
                    && tokens[last].span.end() == tokens[last + 1].span.start()
                    && (flags[last + 1] & TERMINAL != 0
                        || (tokens[last + 1].span.len() <= 3
                            && is_closer(self.first_char(&tokens[last + 1]))))
                {
                    last += 1;
                    if flags[last] & TERMINAL != 0 {
                        flag = flags[last];
                    }
                }
                if last + 1 < n
                    && !self.is_list_marker(tokens, k, start)
                    && !self.is_code_dot(tokens, k, last)
                    && self.ends_after_terminal(flag, &tokens[last + 1])
                {
                    end = true;
                }
            } else if flag & ABBR_FINAL != 0 && last + 1 < n {
                end = self.ends_after_final_abbrev(&tokens[last + 1]);
            } else if last + 1 < n {
                // Menu separators end an item; bullets start one.
                end = flag & SEPARATOR != 0 || flags[last + 1] & BULLET != 0;
            }
            if !end && last + 1 < n {
                end = self.broken(&tokens[last], &tokens[last + 1]);
            }
            if end || last + 1 == n {
                out.push(Sentence {
                    span: Span::from_range(tokens[start].span.start()..tokens[last].span.end()),
                    tokens: start..last + 1,
                });
                start = last + 1;
            }
            k = last + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_line_breaks() {
        assert_eq!(line_breaks(" "), 0);
        assert_eq!(line_breaks("\n"), 1);
        assert_eq!(line_breaks("\r\n"), 1);
        assert_eq!(line_breaks("\r\n\r\n"), 2);
        assert_eq!(line_breaks(" \n \n"), 2);
        assert_eq!(line_breaks("\u{2029}"), 1);
    }
}
