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

const SPACE: u8 = 0;
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const UNDER: u8 = 3;
const OTHER: u8 = 4;
const NON_ASCII: u8 = 5;

/// The class of every byte, for the ASCII fast path.
static CLASS: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => SPACE,
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b'0'..=b'9' => DIGIT,
            b'_' => UNDER,
            _ => OTHER,
        };
        b += 1;
    }
    t
};

#[inline]
fn class(b: u8) -> u8 {
    CLASS[b as usize]
}

/// Appends the pieces of `text[start..end]` to `out`. `start` and `end`
/// must be character boundaries of `text`.
///
/// ASCII is segmented in one pass. A run (between whitespace) in which a
/// non-ASCII character turns up is segmented again, whole, by
/// unicode-segmentation: its pieces so far are dropped first.
pub(crate) fn pieces(text: &str, start: usize, end: usize, out: &mut Vec<Piece>) {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut run_start = start;
    let mut run_pieces = out.len();
    while i < end {
        let b = bytes[i];
        match class(b) {
            SPACE => {
                i += 1;
                run_start = i;
                run_pieces = out.len();
            }
            OTHER => {
                out.push(Piece {
                    start: i,
                    end: i + 1,
                    first: b as char,
                    class: Class::Other,
                });
                i += 1;
            }
            NON_ASCII => {
                let Some(c) = text[i..].chars().next() else {
                    break;
                };
                i += c.len_utf8();
                if c.is_whitespace() {
                    run_start = i;
                    run_pieces = out.len();
                    continue;
                }
                // Find the end of the run and segment it whole.
                while i < end {
                    let b = bytes[i];
                    if b < 0x80 {
                        if class(b) == SPACE {
                            break;
                        }
                        i += 1;
                    } else {
                        match text[i..].chars().next() {
                            Some(c) if !c.is_whitespace() => i += c.len_utf8(),
                            _ => break,
                        }
                    }
                }
                out.truncate(run_pieces);
                unicode_pieces(text, run_start, i, out);
                run_start = i;
                run_pieces = out.len();
            }
            c => i = ascii_word(bytes, i, c, end, out),
        }
    }
}

/// UAX #29 for an ASCII word starting at `i` (a letter, digit or `_`):
/// letters, digits and `_` join (WB5, WB8-WB10, WB13a/b); `.`, `'` and `:`
/// join letters (WB6/7); `.`, `'`, `,` and `;` join digits (WB11/12).
/// Returns the end of the word.
#[inline]
fn ascii_word(bytes: &[u8], i: usize, c: u8, end: usize, out: &mut Vec<Piece>) -> usize {
    let mut j = i + 1;
    let mut has_digit = c == DIGIT;
    loop {
        if j < end {
            let k = class(bytes[j]);
            if matches!(k, LETTER | DIGIT | UNDER) {
                has_digit |= k == DIGIT;
                j += 1;
                continue;
            }
            if k == OTHER && j + 1 < end {
                let prev = class(bytes[j - 1]);
                let next = class(bytes[j + 1]);
                let mid = bytes[j];
                let joins =
                    (prev == LETTER && next == LETTER && matches!(mid, b'.' | b'\'' | b':'))
                        || (prev == DIGIT
                            && next == DIGIT
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
        DIGIT => Class::Digit,
        _ if has_digit => Class::AlphaNum,
        _ => Class::Alpha,
    };
    push_word(bytes, i, j, bytes[i] as char, class, out);
    j
}

/// Pushes a word piece, splitting off a final possessive `'s` or `’s` as a
/// piece of its own (`Xiaomi` `’s`, `AT&T` `’s`).
#[inline]
fn push_word(
    bytes: &[u8],
    start: usize,
    end: usize,
    first: char,
    class: Class,
    out: &mut Vec<Piece>,
) {
    let w = &bytes[start..end];
    let cut = if w.len() > 2 && matches!(w[w.len() - 2..], [b'\'', b's' | b'S']) {
        Some(end - 2)
    } else if w.len() > 4 && matches!(w[w.len() - 4..], [0xE2, 0x80, 0x99, b's' | b'S']) {
        Some(end - 4)
    } else {
        None
    };
    match cut {
        Some(cut) => {
            out.push(Piece {
                start,
                end: cut,
                first,
                class,
            });
            out.push(Piece {
                start: cut,
                end,
                first: if bytes[cut] == b'\'' { '\'' } else { '’' },
                class: Class::Alpha,
            });
        }
        None => out.push(Piece {
            start,
            end,
            first,
            class,
        }),
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
        if class == Class::Other {
            out.push(Piece {
                start: start + off,
                end: start + off + piece.len(),
                first,
                class,
            });
        } else {
            push_word(
                text.as_bytes(),
                start + off,
                start + off + piece.len(),
                first,
                class,
                out,
            );
        }
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
            let mut slow = Vec::new();
            unicode_pieces(&s, 0, s.len(), &mut slow);
            let slow: Vec<&str> = slow
                .iter()
                .map(|p| &s[p.start..p.end])
                .filter(|p| !p.chars().all(char::is_whitespace))
                .collect();
            prop_assert_eq!(fast, slow);
        }
    }
}
