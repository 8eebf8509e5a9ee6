//! Word-boundary pieces: the UAX #29 word segmentation of the text, with
//! whitespace dropped.
//!
//! A fast path segments the characters that make up nearly all of English
//! news text (ASCII, Latin-1 and Latin Extended letters, Cyrillic letters,
//! curly quotes and apostrophes, dashes, `…`, `£`, `€`...) by applying the
//! UAX #29 rules for just those characters. When a run of non-whitespace characters contains
//! anything else, the whole run is segmented again by `unicode-segmentation`.
//! UAX #29 always breaks at whitespace, so both paths give the same pieces
//! (a property test checks it), and the fast path is several times faster.

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
/// A mark of its own (UAX #29 "Other").
const OTHER: u8 = 4;
/// `:` joins letters (MidLetter).
const MID_LETTER: u8 = 5;
/// `,` `;` join digits (MidNum).
const MID_NUM: u8 = 6;
/// `.` `'` `‘` `’` join letters and digits (MidNumLet).
const MID_NUM_LET: u8 = 7;
/// A character the fast path does not know: segment the run slowly.
const SLOW: u8 = 8;

/// The class of every ASCII byte, and `SLOW` for the others.
static CLASS: [u8; 256] = {
    let mut t = [SLOW; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => SPACE,
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b'0'..=b'9' => DIGIT,
            b'_' => UNDER,
            b':' => MID_LETTER,
            b',' | b';' => MID_NUM,
            b'.' | b'\'' => MID_NUM_LET,
            _ => OTHER,
        };
        b += 1;
    }
    t
};

/// The fast-path class of the character at `i`, the character and its
/// length in bytes.
#[inline(always)]
fn class_at(text: &str, i: usize) -> (u8, char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (CLASS[b as usize], b as char, 1);
    }
    class_non_ascii(text, i)
}

#[inline(never)]
fn class_non_ascii(text: &str, i: usize) -> (u8, char, usize) {
    let Some(c) = text[i..].chars().next() else {
        return (SLOW, '\u{fffd}', 1);
    };
    let class = match c {
        '\u{c0}'..='\u{24f}' if c != '×' && c != '÷' => LETTER,
        // Cyrillic letters (not the thousands sign or the combining marks).
        '\u{400}'..='\u{481}' | '\u{48a}'..='\u{52f}' => LETTER,
        '\u{2018}' | '\u{2019}' => MID_NUM_LET,
        '“' | '”' | '„' | '‟' | '«' | '»' | '‹' | '›' | '–' | '—' | '―' | '‐' | '‑' | '…' | '•'
        | '£' | '€' | '¥' | '¢' | '©' | '®' | '™' | '°' | '§' | '¶' | '†' | '‡' | '′' | '″'
        | '¡' | '¿' | '±' | '½' | '¼' | '¾' => OTHER,
        '\u{a0}'
        | '\u{2000}'..='\u{200a}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{202f}'
        | '\u{205f}'
        | '\u{3000}'
        | '\u{85}'
        | '\u{1680}' => SPACE,
        _ => SLOW,
    };
    (class, c, c.len_utf8())
}

#[inline]
fn is_word_class(k: u8) -> bool {
    matches!(k, LETTER | DIGIT | UNDER)
}

/// Appends the pieces of `text[start..end]` to `out`. `start` and `end`
/// must be character boundaries of `text`.
pub(crate) fn pieces(text: &str, start: usize, end: usize, out: &mut Vec<Piece>) {
    let mut i = start;
    let mut run_start = start;
    let mut run_pieces = out.len();
    while i < end {
        let (k, c, len) = class_at(text, i);
        match k {
            SPACE => {
                i += len;
                run_start = i;
                run_pieces = out.len();
            }
            LETTER | DIGIT | UNDER => match word(text, i, k, c, end, out) {
                Some(j) => i = j,
                None => {
                    i = slow_run(text, run_start, run_pieces, end, out);
                    run_start = i;
                    run_pieces = out.len();
                }
            },
            SLOW => {
                i = slow_run(text, run_start, run_pieces, end, out);
                run_start = i;
                run_pieces = out.len();
            }
            _ => {
                out.push(Piece {
                    start: i,
                    end: i + len,
                    first: c,
                    class: Class::Other,
                });
                i += len;
            }
        }
    }
}

/// Segments the run starting at `run_start` with unicode-segmentation,
/// replacing the pieces the fast path made for it (from `run_pieces` on).
/// Returns the end of the run.
#[cold]
fn slow_run(
    text: &str,
    run_start: usize,
    run_pieces: usize,
    end: usize,
    out: &mut Vec<Piece>,
) -> usize {
    let bytes = text.as_bytes();
    let mut i = run_start;
    while i < end {
        let b = bytes[i];
        if b < 0x80 {
            if CLASS[b as usize] == SPACE {
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
    i
}

/// UAX #29 for a word starting at `i` with a letter, digit or `_` of class
/// `k`: letters, digits and `_` join (WB5, WB8-WB10, WB13a/b); `:`, `.`,
/// `'`, `’` join letters (WB6/7); `,`, `;`, `.`, `'`, `’` join digits
/// (WB11/12). Returns the end of the word, or `None` when it meets a
/// character the fast path does not know.
#[inline]
fn word(
    text: &str,
    i: usize,
    k: u8,
    first: char,
    end: usize,
    out: &mut Vec<Piece>,
) -> Option<usize> {
    let mut j = i + first.len_utf8();
    let mut prev = k;
    let mut has_digit = k == DIGIT;
    let bytes = text.as_bytes();
    while j < end {
        // Hot loop: a run of ASCII letters, then ASCII digits.
        if bytes[j].is_ascii_alphabetic() {
            // The rest of the run in one slice pass (one bounds check).
            let rest = bytes.get(j + 1..end).unwrap_or(&[]);
            j += 1 + rest
                .iter()
                .position(|b| !b.is_ascii_alphabetic())
                .unwrap_or(rest.len());
            prev = LETTER;
            continue;
        }
        let b = bytes[j];
        if b.is_ascii_digit() {
            has_digit = true;
            prev = DIGIT;
            let rest = bytes.get(j + 1..end).unwrap_or(&[]);
            j += 1 + rest
                .iter()
                .position(|b| !b.is_ascii_digit())
                .unwrap_or(rest.len());
            continue;
        }
        let (kj, _, len) = class_at(text, j);
        if is_word_class(kj) {
            has_digit |= kj == DIGIT;
            prev = kj;
            j += len;
            continue;
        }
        if kj == SLOW {
            return None;
        }
        if matches!(kj, MID_LETTER | MID_NUM | MID_NUM_LET) && j + len < end {
            let (next, _, next_len) = class_at(text, j + len);
            if next == SLOW {
                return None;
            }
            let joins =
                (prev == LETTER && next == LETTER && matches!(kj, MID_LETTER | MID_NUM_LET))
                    || (prev == DIGIT && next == DIGIT && matches!(kj, MID_NUM | MID_NUM_LET));
            if joins {
                has_digit |= next == DIGIT;
                prev = next;
                j += len + next_len;
                continue;
            }
        }
        break;
    }
    let class = match k {
        DIGIT => Class::Digit,
        _ if has_digit => Class::AlphaNum,
        _ => Class::Alpha,
    };
    push_word(text.as_bytes(), i, j, first, class, out);
    Some(j)
}

/// Pushes a word piece, splitting off a final possessive `'s` or `’s` as a
/// piece of its own (`Xiaomi` `’s`, `AT&T` `’s`).
// Always inlined: it runs for every word, and a call costs as much as its body.
#[inline(always)]
fn push_word(
    bytes: &[u8],
    start: usize,
    end: usize,
    first: char,
    class: Class,
    out: &mut Vec<Piece>,
) {
    let w = &bytes[start..end];
    let cut = if w.last().is_none_or(|&b| b | 0x20 != b's') {
        None
    } else if w.len() > 2 && matches!(w[w.len() - 2..], [b'\'', b's' | b'S']) {
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
        /// The fast path and unicode-segmentation agree.
        #[test]
        fn fast_path_matches_unicode_segmentation(
            s in "[a-zA-Z0-9_.,;:'$%&()\\- ’‘“”–—…•£€éÀÿ×÷\u{a0}\u{301}\u{5d0}\u{30a2}\u{4e00}\u{400}-\u{52f}]{0,40}"
        ) {
            let fast = texts(&s);
            // Reference: unicode-segmentation on each whitespace-free run.
            let mut slow = Vec::new();
            let mut run = None;
            for (i, c) in s.char_indices().chain([(s.len(), ' ')]) {
                match (run, c.is_whitespace()) {
                    (None, false) => run = Some(i),
                    (Some(r), true) => {
                        unicode_pieces(&s, r, i, &mut slow);
                        run = None;
                    }
                    _ => {}
                }
            }
            let slow: Vec<&str> = slow.iter().map(|p| &s[p.start..p.end]).collect();
            prop_assert_eq!(fast, slow);
        }
    }
}
