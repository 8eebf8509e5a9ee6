//! Word-boundary pieces: the UAX #29 word segmentation of the text, with
//! whitespace dropped.
//!
//! The text is first cut into whitespace-free runs. Runs of pure ASCII (most
//! of an English news page) are segmented by a byte loop that applies the
//! UAX #29 rules for ASCII; any run with a non-ASCII character goes to
//! `unicode-segmentation`. UAX #29 always breaks at whitespace, so both
//! paths give the same pieces, and the ASCII path is several times faster.

use unicode_segmentation::UnicodeSegmentation;

/// What a piece starts with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// Letters (no digit anywhere): `Xiaomi`, `U.S`, `can't`.
    Alpha,
    /// Starts with a digit: `23.16`, `7,071`, `10M`, `4GB`.
    Digit,
    /// Starts with a letter and contains a digit: `Q2`, `MWC17`.
    AlphaNum,
    /// One punctuation mark or symbol (or a cluster such as an emoji).
    Other,
}

/// A piece of the text between UAX #29 word boundaries.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Piece {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// The first character.
    pub(crate) first: char,
    pub(crate) class: Class,
}

impl Piece {
    /// Whether the piece is exactly the character `c`.
    #[inline]
    pub(crate) fn is(&self, c: char) -> bool {
        self.first == c && self.end - self.start == c.len_utf8()
    }

    /// Whether the piece is letters and/or digits.
    #[inline]
    pub(crate) fn is_alnum(&self) -> bool {
        self.class != Class::Other
    }
}

#[inline]
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Appends the pieces of `text[start..end]` to `out`. `start` and `end`
/// must be character boundaries of `text`.
pub(crate) fn pieces(text: &str, start: usize, end: usize, out: &mut Vec<Piece>) {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < end {
        let b = bytes[i];
        if b < 0x80 {
            if is_ascii_space(b) {
                i += 1;
                continue;
            }
        } else if let Some(c) = text[i..].chars().next() {
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
        }
        // A run of non-whitespace characters.
        let run = i;
        let mut ascii = true;
        while i < end {
            let b = bytes[i];
            if b < 0x80 {
                if is_ascii_space(b) {
                    break;
                }
                i += 1;
            } else {
                match text[i..].chars().next() {
                    Some(c) if !c.is_whitespace() => {
                        ascii = false;
                        i += c.len_utf8();
                    }
                    _ => break,
                }
            }
        }
        if ascii {
            ascii_pieces(bytes, run, i, out);
        } else {
            unicode_pieces(text, run, i, out);
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum A {
    Letter,
    Digit,
    Under,
    Other,
}

#[inline]
fn ascii_class(b: u8) -> A {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => A::Letter,
        b'0'..=b'9' => A::Digit,
        b'_' => A::Under,
        _ => A::Other,
    }
}

/// UAX #29 for an ASCII run without whitespace: letters, digits and `_` join
/// (WB5, WB8-WB10, WB13a/b); `.`, `'` and `:` join letters (WB6/7); `.`, `'`,
/// `,` and `;` join digits (WB11/12); anything else is a piece of its own.
fn ascii_pieces(bytes: &[u8], start: usize, end: usize, out: &mut Vec<Piece>) {
    let mut i = start;
    while i < end {
        let b = bytes[i];
        let c = ascii_class(b);
        if c == A::Other {
            out.push(Piece {
                start: i,
                end: i + 1,
                first: b as char,
                class: Class::Other,
            });
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut has_digit = c == A::Digit;
        loop {
            if j < end {
                match ascii_class(bytes[j]) {
                    A::Other => {}
                    k => {
                        has_digit |= k == A::Digit;
                        j += 1;
                        continue;
                    }
                }
                if j + 1 < end {
                    let prev = ascii_class(bytes[j - 1]);
                    let next = ascii_class(bytes[j + 1]);
                    let mid = bytes[j];
                    let joins = (prev == A::Letter
                        && next == A::Letter
                        && matches!(mid, b'.' | b'\'' | b':'))
                        || (prev == A::Digit
                            && next == A::Digit
                            && matches!(mid, b'.' | b'\'' | b',' | b';'));
                    if joins {
                        j += 2;
                        continue;
                    }
                }
            }
            break;
        }
        let class = match c {
            A::Digit => Class::Digit,
            _ if has_digit => Class::AlphaNum,
            _ => Class::Alpha,
        };
        out.push(Piece {
            start: i,
            end: j,
            first: b as char,
            class,
        });
        i = j;
    }
}

fn unicode_pieces(text: &str, start: usize, end: usize, out: &mut Vec<Piece>) {
    let run = &text[start..end];
    for (off, piece) in run.split_word_bound_indices() {
        let mut chars = piece.chars();
        let Some(first) = chars.next() else { continue };
        let class = if first.is_numeric() {
            Class::Digit
        } else if first.is_alphabetic() || (first == '_' && piece.len() > 1) {
            if piece.chars().any(char::is_numeric) {
                Class::AlphaNum
            } else {
                Class::Alpha
            }
        } else {
            Class::Other
        };
        out.push(Piece {
            start: start + off,
            end: start + off + piece.len(),
            first,
            class,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        pieces(text, 0, text.len(), &mut v);
        v.iter().map(|p| &text[p.start..p.end]).collect()
    }

    #[test]
    fn ascii_pieces_follow_uax29() {
        assert_eq!(
            texts("U.S. 23.16 7,071 $10.3bn can't 9:30 a_b Q2."),
            [
                "U.S", ".", "23.16", "7,071", "$", "10.3bn", "can't", "9", ":", "30", "a_b", "Q2",
                "."
            ]
        );
    }

    proptest! {
        /// The ASCII fast path and unicode-segmentation agree on ASCII text.
        #[test]
        fn ascii_path_matches_unicode_segmentation(s in "[a-zA-Z0-9_.,;:'$%&()\\- ]{0,40}") {
            let fast = texts(&s);
            let slow: Vec<&str> = s
                .split_word_bounds()
                .filter(|p| !p.chars().all(char::is_whitespace))
                .collect();
            prop_assert_eq!(fast, slow);
        }
    }
}
