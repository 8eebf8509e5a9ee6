//! A small lexer over one sentence: words, numbers and single punctuation
//! characters, each with whether it is glued to the token before it.
//!
//! The tagger lexes by itself rather than reusing the tokenizer's tokens so
//! that `$10.3bn`, `5.2litre` or `Q2` split the same way whatever the
//! tokenizer decided; it uses the tokenizer's sentences as regions.

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

/// Lexes `text[start..end]` into `out` (cleared first).
pub(crate) fn lex(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    out.clear();
    let Some(region) = text.get(start..end) else {
        return;
    };
    let bytes = region.as_bytes();
    let mut it = region.char_indices().peekable();
    let mut glued = false;
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            glued = false;
            continue;
        }
        let s = i;
        let kind;
        let mut e = i + c.len_utf8();
        let cap = c.is_uppercase();
        if c.is_ascii_digit()
            || (c == '.'
                && bytes.get(i + 1).is_some_and(|b| b.is_ascii_digit())
                && !out
                    .last()
                    .is_some_and(|t: &Tok| t.kind == Lx::Num && t.e == start + i))
        {
            kind = Lx::Num;
            while let Some(&(j, d)) = it.peek() {
                let separator =
                    (d == ',' || d == '.') && bytes.get(j + 1).is_some_and(|b| b.is_ascii_digit());
                if !(d.is_ascii_digit() || separator) {
                    break;
                }
                it.next();
                e = j + 1;
            }
        } else if c.is_alphabetic() {
            kind = Lx::Word;
            while let Some(&(j, d)) = it.peek() {
                let inner_apostrophe = is_apos(d)
                    && region[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(|n| n.is_alphabetic());
                if !(d.is_alphabetic() || inner_apostrophe) {
                    break;
                }
                it.next();
                e = j + d.len_utf8();
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
