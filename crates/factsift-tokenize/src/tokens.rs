//! Merging word-boundary pieces into tokens, so that numbers with their
//! attachments, hyphenated words and abbreviations stay whole.

use crate::lexicon::{Abbrev, Lexicon};
use crate::segment::{Class, Piece};
use factsift_core::{Span, Token, TokenKind};

/// The token is a run of sentence-final punctuation (`.`, `?!`, `...`).
pub(crate) const TERMINAL: u8 = 1;
/// The terminal run is an ellipsis (`...`, `…`).
pub(crate) const ELLIPSIS: u8 = 2;
/// An abbreviation with its period that never ends a sentence (`Mr.`, `e.g.`, `No.` before a number).
pub(crate) const ABBR_INNER: u8 = 4;
/// An abbreviation with its period that ends a sentence only before a sentence starter (`Inc.`, `U.S.`, `J.`).
pub(crate) const ABBR_FINAL: u8 = 8;
/// A full stop of a script without case (`。`, `！`): always ends a sentence.
pub(crate) const HARD_TERMINAL: u8 = 16;
/// A menu separator (`|`): ends a sentence.
pub(crate) const SEPARATOR: u8 = 32;
/// A bullet (`•`): starts a sentence.
pub(crate) const BULLET: u8 = 64;

/// Currency symbols that attach to a following number (`$5`, `£180,226`)
/// or a preceding one (`5€`).
#[inline]
pub(crate) fn is_currency(c: char) -> bool {
    matches!(
        c,
        '$' | '£'
            | '€'
            | '¥'
            | '¢'
            | '₹'
            | '₩'
            | '₽'
            | '₺'
            | '₱'
            | '₦'
            | '₫'
            | '₪'
            | '฿'
            | '₴'
            | '₡'
            | '₲'
            | '₵'
            | '₸'
            | '₭'
            | '₮'
            | '元'
            | '￥'
            | '＄'
            | '￡'
    )
}

#[inline]
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

#[inline]
fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '。' | '！' | '？' | '｡'
    )
}

/// Whether a character is punctuation (as opposed to another symbol) in the
/// sense of [`TokenKind::Punct`].
pub(crate) fn is_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\''
            | '"'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '-'
            | '/'
            | '\\'
            | '_'
            | '¡'
            | '¿'
            | '«'
            | '»'
            | '·'
            | '‹'
            | '›'
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{205E}'
            | '\u{3001}'..='\u{3003}'
            | '\u{3008}'..='\u{3011}'
            | '\u{3014}'..='\u{301F}'
            | '\u{FF01}'..='\u{FF0F}'
            | '\u{FF1A}'..='\u{FF1F}'
            | '\u{FF3B}'..='\u{FF3D}'
            | '\u{FF5B}'..='\u{FF65}'
    ) && !matches!(
        c,
        '\u{2030}' | '\u{2031}' | '\u{2044}' | '\u{2052}' | '•' | '‣' | '′' | '″' | '‴'
    )
}

/// Whether a word piece is a dotted acronym (`U.S`, `e.g`, `a.m`, `Ph.D`):
/// letters in groups of one or two separated by single periods.
fn is_dotted_acronym(s: &str) -> bool {
    if !s.contains('.') {
        return false;
    }
    s.split('.').all(|g| {
        let n = g.chars().count();
        (1..=2).contains(&n) && g.chars().all(char::is_alphabetic)
    })
}

/// Whether an ASCII word is a number with a letter prefix: one or two
/// letters before digits (`Q2`, `H1`, `FY17`), or up to three capitals before
/// a number with a separator or a scale suffix (`RM2.70`, `USD10m`,
/// `A33,232,682`). `RAV4` and `MWC17` stay words.
fn is_letter_number(s: &str) -> bool {
    let b = s.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let rest = &b[letters..];
    if !rest.first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let body = rest
        .iter()
        .take_while(|c| c.is_ascii_digit() || matches!(c, b',' | b'.'))
        .count();
    let (number, suffix) = rest.split_at(body);
    if !suffix.iter().all(u8::is_ascii_lowercase) || suffix.len() > 3 {
        return false;
    }
    let plain = number.iter().all(u8::is_ascii_digit) && suffix.is_empty();
    ((1..=2).contains(&letters) && plain)
        || ((1..=3).contains(&letters) && b[..letters].iter().all(u8::is_ascii_uppercase) && !plain)
}

fn is_upper_word(s: &str) -> bool {
    !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_uppercase())
}

struct Merger<'a> {
    text: &'a str,
    p: &'a [Piece],
    lexicon: &'a Lexicon,
    tokens: &'a mut Vec<Token>,
    flags: &'a mut Vec<u8>,
}

impl Merger<'_> {
    #[inline]
    fn adj(&self, a: usize) -> bool {
        a + 1 < self.p.len() && self.p[a].end == self.p[a + 1].start
    }

    #[inline]
    fn s(&self, i: usize) -> &str {
        &self.text[self.p[i].start..self.p[i].end]
    }

    #[inline(always)]
    fn push(&mut self, start: usize, end: usize, kind: TokenKind, flag: u8) {
        self.tokens.push(Token {
            span: Span::from_range(start..end),
            kind,
        });
        self.flags.push(flag);
    }

    /// If a number starts at piece `i` (with an optional sign, currency or
    /// `US$`-style prefix), the index of its first digit piece.
    fn number_start(&self, i: usize) -> Option<usize> {
        let p = self.p;
        let digit_at = |j: usize| j < p.len() && p[j].class == Class::Digit;
        let cur = p[i];
        if cur.class == Class::Digit {
            return Some(i);
        }
        if cur.class == Class::AlphaNum && is_letter_number(self.s(i)) {
            return Some(i);
        }
        // US$5, HK$3: capitals glued to `$` glued to a digit.
        if cur.class == Class::Alpha
            && self.s(i).len() <= 3
            && is_upper_word(self.s(i))
            && self.adj(i)
            && p[i + 1].is('$')
            && self.adj(i + 1)
            && digit_at(i + 2)
        {
            return Some(i + 2);
        }
        if cur.class != Class::Other {
            return None;
        }
        let free = i == 0 || p[i - 1].end != cur.start || !p[i - 1].is_alnum();
        // `#1`; a decade with its apostrophe: `’90s`.
        if free && self.adj(i) && digit_at(i + 1) {
            if cur.is('#') {
                return Some(i + 1);
            }
            let decade = self.s(i + 1);
            if (cur.is('\'') || cur.is('’'))
                && matches!(decade.len(), 2 | 3)
                && decade.bytes().take(2).all(|b| b.is_ascii_digit())
                && decade.as_bytes().get(2).is_none_or(|&b| b == b's')
            {
                return Some(i + 1);
            }
        }
        // A decimal without its zero, not glued to a word before it: `.500`.
        if cur.is('.')
            && (i == 0 || p[i - 1].end != cur.start || !p[i - 1].is_alnum())
            && self.adj(i)
            && digit_at(i + 1)
        {
            return Some(i + 1);
        }
        if is_currency(cur.first) && cur.end - cur.start == cur.first.len_utf8() {
            if self.adj(i) && digit_at(i + 1) {
                return Some(i + 1);
            }
            return None;
        }
        // A sign, when not glued to a preceding word (`-5%`, `+3.2`, `(-$4m)`).
        if cur.is('-') || cur.is('+') || cur.is('\u{2212}') {
            let free = i == 0
                || p[i - 1].end != cur.start
                || matches!(p[i - 1].first, '(' | '[' | '{' | '/');
            if free && self.adj(i) {
                if digit_at(i + 1) {
                    return Some(i + 1);
                }
                if i + 2 < p.len()
                    && is_currency(p[i + 1].first)
                    && p[i + 1].class == Class::Other
                    && self.adj(i + 1)
                    && digit_at(i + 2)
                {
                    return Some(i + 2);
                }
            }
        }
        None
    }

    /// Extends a number whose last piece is `e`: `%`, a glued currency,
    /// hyphen joins (`2017-10-02`, `3.5-inch`), and `/` or `:` between digits.
    fn extend_number(&self, mut e: usize) -> usize {
        let p = self.p;
        while self.adj(e) {
            let n = e + 1;
            let c = p[n].first;
            let other = p[n].class == Class::Other;
            let suffix = other
                && (matches!(c, '%' | '‰' | '‱' | '°' | '½' | '¼' | '¾' | '⅓' | '⅔' | '⅛')
                    || (is_currency(c) && p[e].class == Class::Digit));
            // `30°C`, `86°F`: the scale letter after the degree sign.
            if suffix && c == '°' && self.adj(n) && matches!(self.s(n + 1), "C" | "F" | "K") {
                e = n + 1;
                continue;
            }
            let joined = self.adj(n)
                && ((other && is_hyphen(c) && p[n + 1].is_alnum())
                    || ((p[n].is('/') || p[n].is(':'))
                        && p[e].class == Class::Digit
                        && p[n + 1].class == Class::Digit));
            if suffix {
                e = n;
            } else if joined {
                e = n + 1;
            } else {
                break;
            }
        }
        e
    }

    /// Extends a word whose last piece is `e` over hyphen joins
    /// (`year-on-year`, `COVID-19`) and `&` between capitals (`AT&T`).
    fn extend_word(&self, mut e: usize) -> usize {
        let p = self.p;
        while self.adj(e) {
            let n = e + 1;
            let hyphen = p[n].class == Class::Other && is_hyphen(p[n].first);
            let amp = p[n].is('&') && is_upper_word(self.s(e));
            if !self.adj(n) {
                break;
            }
            // `F-16`, `COVID-19`, `Sakhalin-1` join, but a lower-case prefix
            // leaves a number free for the tagger: `mid-2005`, `near-400,000`.
            let hyphen_ok = hyphen
                && p[n + 1].is_alnum()
                && !(p[n + 1].class == Class::Digit
                    && self.s(e).bytes().all(|b| b.is_ascii_lowercase()));
            if hyphen_ok || (amp && is_upper_word(self.s(n + 1))) {
                e = n + 1;
            } else {
                break;
            }
        }
        e
    }

    fn run(&mut self) {
        let p = self.p;
        let mut i = 0;
        while i < p.len() {
            let cur = p[i];
            // Most pieces are plain words followed by whitespace: no rule
            // below applies to them (only `www.` links start unglued).
            if !self.adj(i) {
                if cur.class == Class::Alpha && !matches!(cur.first, 'w' | 'W') {
                    self.push(cur.start, cur.end, TokenKind::Word, 0);
                    i += 1;
                    continue;
                }
                if cur.class == Class::Digit {
                    self.push(cur.start, cur.end, TokenKind::Number, 0);
                    i += 1;
                    continue;
                }
            }
            if let Some(d) = self.number_start(i) {
                let e = self.extend_number(d);
                self.push(cur.start, p[e].end, TokenKind::Number, 0);
                i = e + 1;
                continue;
            }
            match cur.class {
                Class::Alpha | Class::AlphaNum | Class::Digit => {
                    if let Some(e) = self.link_end(i) {
                        self.push(cur.start, p[e].end, TokenKind::Symbol, 0);
                        i = e + 1;
                        continue;
                    }
                    // A word followed by a period that belongs to it?
                    if self.adj(i) && p[i + 1].is('.') && !(self.adj(i + 1) && p[i + 2].is('.')) {
                        // `No. 1`, `No.2`: one number token.
                        if self.lexicon.abbrev(self.s(i)) == Some(Abbrev::Number)
                            && i + 2 < p.len()
                            && p[i + 2].class == Class::Digit
                            && matches!(&self.text[p[i + 1].end..p[i + 2].start], "" | " ")
                        {
                            let e = self.extend_number(i + 2);
                            self.push(cur.start, p[e].end, TokenKind::Number, 0);
                            i = e + 1;
                            continue;
                        }
                        if let Some(flag) = self.abbreviation(i) {
                            let mut e = i + 1;
                            // `U.S.-based`: the hyphen join wins.
                            if self.adj(e)
                                && is_hyphen(p[e + 1].first)
                                && p[e + 1].class == Class::Other
                                && self.adj(e + 1)
                                && p[e + 2].is_alnum()
                            {
                                e = self.extend_word(e + 2);
                                self.push(cur.start, p[e].end, TokenKind::Word, 0);
                            } else {
                                self.push(cur.start, p[e].end, TokenKind::Word, flag);
                            }
                            i = e + 1;
                            continue;
                        }
                    }
                    let e = self.extend_word(i);
                    self.push(cur.start, p[e].end, TokenKind::Word, 0);
                    i = e + 1;
                }
                Class::Other => {
                    if is_terminal(cur.first) {
                        let mut e = i;
                        while self.adj(e)
                            && p[e + 1].class == Class::Other
                            && is_terminal(p[e + 1].first)
                        {
                            e += 1;
                        }
                        let s = &self.text[cur.start..p[e].end];
                        let mut flag = TERMINAL;
                        if s.contains('…') || s.contains("..") {
                            flag |= ELLIPSIS;
                        }
                        if s.contains(['。', '！', '？', '｡']) {
                            flag |= HARD_TERMINAL;
                        }
                        self.push(cur.start, p[e].end, TokenKind::Punct, flag);
                        i = e + 1;
                    } else if (cur.is('\'') || cur.is('’'))
                        && i > 0
                        && p[i - 1].end == cur.start
                        && p[i - 1].is_alnum()
                        && self.adj(i)
                        && (p[i + 1].is('s') || p[i + 1].is('S'))
                        && !(self.adj(i + 1) && p[i + 2].is_alnum())
                    {
                        // A possessive after a number: `2017’s`.
                        self.push(cur.start, p[i + 1].end, TokenKind::Word, 0);
                        i += 2;
                    } else {
                        let flag = match cur.first {
                            '|' | '¦' => SEPARATOR,
                            '•' | '▪' | '◦' | '►' | '■' | '●' | '‣' => BULLET,
                            _ => 0,
                        };
                        let kind =
                            if cur.end - cur.start == cur.first.len_utf8() && is_punct(cur.first) {
                                TokenKind::Punct
                            } else {
                                TokenKind::Symbol
                            };
                        self.push(cur.start, cur.end, kind, flag);
                        i += 1;
                    }
                }
            }
        }
    }

    /// If a URL (`https://...`, `www.x.com/...`) or an e-mail address
    /// (`a.b@c.org`) starts at word piece `i`, the index of its last piece:
    /// the rest of the whitespace-free run, less trailing punctuation. Numbers
    /// inside links are not quantities, and their `.`/`?` are not full stops.
    fn link_end(&self, i: usize) -> Option<usize> {
        let p = self.p;
        let w = self.s(i);
        let url = (matches!(w, "http" | "https" | "ftp")
            && self.adj(i)
            && p[i + 1].is(':')
            && self.adj(i + 1)
            && p[i + 2].is('/'))
            || (w.len() > 4 && w.get(..4).is_some_and(|x| x.eq_ignore_ascii_case("www.")));
        let email = !url
            && self.adj(i)
            && p[i + 1].is('@')
            && self.adj(i + 1)
            && p[i + 2].is_alnum()
            && self.s(i + 2).contains('.');
        if !url && !email {
            return None;
        }
        let mut e = i;
        while self.adj(e) {
            e += 1;
        }
        while e > i
            && p[e].class == Class::Other
            && matches!(
                p[e].first,
                '.' | ','
                    | ';'
                    | ':'
                    | '!'
                    | '?'
                    | ')'
                    | ']'
                    | '}'
                    | '"'
                    | '\''
                    | '”'
                    | '’'
                    | '»'
                    | '…'
            )
        {
            e -= 1;
        }
        Some(e)
    }

    /// Whether word piece `i`, followed by a glued `.`, is an abbreviation,
    /// and if so its flag.
    fn abbreviation(&self, i: usize) -> Option<u8> {
        let p = self.p;
        if p[i].class == Class::Digit {
            return None;
        }
        let w = self.s(i);
        match self.lexicon.abbrev(w) {
            Some(Abbrev::Title | Abbrev::Inner) => return Some(ABBR_INNER),
            Some(Abbrev::Final) => return Some(ABBR_FINAL),
            Some(Abbrev::Number) => {
                // Only before a number: `No. 1`, `No.1`.
                return (i + 2 < p.len() && p[i + 2].class == Class::Digit).then_some(ABBR_INNER);
            }
            None => {}
        }
        let mut chars = w.chars();
        let single_capital =
            matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
        (single_capital || is_dotted_acronym(w)).then_some(ABBR_FINAL)
    }
}

/// Turns the pieces into tokens, appending to `tokens` and one flag byte per
/// token to `flags`.
pub(crate) fn merge(
    text: &str,
    pieces: &[Piece],
    lexicon: &Lexicon,
    tokens: &mut Vec<Token>,
    flags: &mut Vec<u8>,
) {
    Merger {
        text,
        p: pieces,
        lexicon,
        tokens,
        flags,
    }
    .run();
}
