//! A small lexer over one sentence: words, numbers and single punctuation
//! characters, each with whether it is glued to the token before it.
//!
//! The tagger lexes by itself rather than reusing the tokenizer's tokens so
//! that `$10.3bn`, `5.2litre` or `Q2` split the same way whatever the
//! tokenizer decided; it uses the tokenizer's sentences as regions.

use factsift_core::chars::is_alphabetic;

/// What a lexed piece is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lx {
    /// Letters, with inner apostrophes (`company's`).
    Word,
    /// Digits with inner `,` or `.` followed by a digit (`7,071.5`, `.001`).
    Num,
    /// Any other single character.
    Punct,
}

/// One lexed piece of the text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub s: usize,
    pub e: usize,
    pub kind: Lx,
    /// No whitespace between this token and the one before.
    pub glued: bool,
    /// The first letter is uppercase (words only).
    pub cap: bool,
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '’'
}

const WHITE: u8 = 1;
const DIGIT: u8 = 2;
const UPPER: u8 = 4;
const LOWER: u8 = 8;
/// A byte of a non-ASCII character: classified by decoding it.
const HIGH: u8 = 16;

/// The class of every byte, so the ASCII text of news lexes without
/// decoding characters.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            HIGH
        } else if matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
            WHITE
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_lowercase() {
            LOWER
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The character at byte `i` of `s` (a char boundary) and its length.
#[inline]
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((char::from(b), 1));
    }
    let c = s.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// Whether a letter starts at byte `i` of `s`.
#[inline]
fn alpha_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        Some(&b) if CLASS[b as usize] & HIGH == 0 => CLASS[b as usize] & (UPPER | LOWER) != 0,
        Some(_) => char_at(s, i).is_some_and(|(c, _)| is_alphabetic(c)),
        None => false,
    }
}

/// Lexes `text[start..end]` into `out` (cleared first).
pub(crate) fn lex(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    out.clear();
    let Some(region) = text.get(start..end) else {
        return;
    };
    let bytes = region.as_bytes();
    let digit_at = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_digit);
    let mut glued = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let class = CLASS[b as usize];
        let (c, len) = if class & HIGH == 0 {
            (char::from(b), 1)
        } else {
            match char_at(region, i) {
                Some(x) => x,
                None => break,
            }
        };
        let white = if class & HIGH == 0 {
            class & WHITE != 0
        } else {
            c.is_whitespace()
        };
        if white {
            glued = false;
            i += len;
            continue;
        }
        let s = i;
        let kind;
        let mut e = i + len;
        let (cap, alpha) = if class & HIGH == 0 {
            (class & UPPER != 0, class & (UPPER | LOWER) != 0)
        } else {
            (c.is_uppercase(), is_alphabetic(c))
        };
        if class & DIGIT != 0
            || (c == '.'
                && digit_at(i + 1)
                && !out
                    .last()
                    .is_some_and(|t: &Tok| t.kind == Lx::Num && t.e == start + i))
        {
            kind = Lx::Num;
            while let Some(&d) = bytes.get(e) {
                let separator = (d == b',' || d == b'.') && digit_at(e + 1);
                if !(d.is_ascii_digit() || separator) {
                    break;
                }
                e += 1;
            }
        } else if alpha {
            kind = Lx::Word;
            while let Some(&d) = bytes.get(e) {
                let dc = CLASS[d as usize];
                if dc & (UPPER | LOWER) != 0 {
                    e += 1;
                } else if dc & HIGH == 0 {
                    if d == b'\'' && alpha_at(region, e + 1) {
                        e += 1;
                    } else {
                        break;
                    }
                } else {
                    let Some((ch, dl)) = char_at(region, e) else {
                        break;
                    };
                    if is_alphabetic(ch) || (is_apos(ch) && alpha_at(region, e + dl)) {
                        e += dl;
                    } else {
                        break;
                    }
                }
            }
        } else {
            kind = Lx::Punct;
        }
        out.push(Tok {
            s: start + s,
            e: start + e,
            kind,
            glued,
            cap,
        });
        glued = true;
        i = e;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_money_and_models() {
        let text = "$10.3bn, Galaxy S8 and 1,100 .5";
        let mut v = Vec::new();
        lex(text, 0, text.len(), &mut v);
        let parts: Vec<&str> = v.iter().map(|t| &text[t.s..t.e]).collect();
        assert_eq!(
            parts,
            [
                "$", "10.3", "bn", ",", "Galaxy", "S", "8", "and", "1,100", ".5"
            ]
        );
        assert!(v[1].glued && v[2].glued && !v[4].glued && v[6].glued);
    }
}
