//! A streaming HTML tokenizer over `&str`, after the WHATWG tokenizer states
//! that matter for text extraction.
//!
//! It never allocates per token: tokens and attributes are slices of the
//! input (entities are not decoded here). Comments, doctypes, processing
//! instructions and CDATA sections are skipped. The tree builder switches
//! it into raw-text mode after `<script>`, `<style>`, `<title>` and the
//! like, so their content is one [`Token::Text`] up to the matching end tag.

use memchr::memchr;

/// One token: slices of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// Character data, entities not decoded.
    Text(&'a str),
    /// A start tag; its attributes are in [`Tokenizer::attrs`] until the
    /// next call of [`Tokenizer::next_token`].
    Start {
        /// The tag name as written.
        name: &'a str,
        /// Written as `<x/>`.
        self_closing: bool,
    },
    /// An end tag.
    End {
        /// The tag name as written.
        name: &'a str,
    },
}

/// An attribute of the last start tag: name as written, value not decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Attr<'a> {
    pub(crate) name: &'a str,
    pub(crate) value: &'a str,
}

/// The tokenizer.
pub(crate) struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    attrs: Vec<Attr<'a>>,
    /// In raw-text mode: the lowercase end tag name that ends it; empty for
    /// `plaintext` (raw to the end).
    raw: Option<&'static str>,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

impl<'a> Tokenizer<'a> {
    pub(crate) fn new(src: &'a str) -> Tokenizer<'a> {
        Tokenizer {
            src,
            pos: 0,
            attrs: Vec::new(),
            raw: None,
        }
    }

    /// The attributes of the last start tag.
    pub(crate) fn attrs(&self) -> &[Attr<'a>] {
        &self.attrs
    }

    /// Reads the content after the current position as raw text up to
    /// `</end_tag` (ASCII case-insensitive); `""` means to the end.
    pub(crate) fn set_raw(&mut self, end_tag: &'static str) {
        self.raw = Some(end_tag);
    }

    /// A slice of the input; positions are always on ASCII bytes or ends.
    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.src.get(start..end).unwrap_or("")
    }

    pub(crate) fn next_token(&mut self) -> Option<Token<'a>> {
        if let Some(end_tag) = self.raw.take() {
            let start = self.pos;
            let end = self.find_raw_end(end_tag);
            self.pos = end;
            if end > start {
                return Some(Token::Text(self.slice(start, end)));
            }
        }
        let bytes = self.src.as_bytes();
        loop {
            let start = self.pos;
            if start >= bytes.len() {
                return None;
            }
            if bytes[start] != b'<' {
                let end = memchr(b'<', &bytes[start..]).map_or(bytes.len(), |i| start + i);
                self.pos = end;
                return Some(Token::Text(self.slice(start, end)));
            }
            // At '<'.
            let next = bytes.get(start + 1).copied();
            match next {
                Some(b) if b.is_ascii_alphabetic() => return self.start_tag(),
                Some(b'/') => match bytes.get(start + 2).copied() {
                    Some(b) if b.is_ascii_alphabetic() => return self.end_tag(),
                    Some(b'>') => {
                        self.pos = start + 3;
                        continue;
                    }
                    None => {
                        // "</" at EOF is text.
                        self.pos = bytes.len();
                        return Some(Token::Text(self.slice(start, bytes.len())));
                    }
                    _ => {
                        self.bogus_comment(start + 2);
                        continue;
                    }
                },
                Some(b'!') => {
                    let rest = &bytes[start + 2..];
                    if rest.starts_with(b"--") {
                        self.comment(start + 4);
                    } else {
                        self.bogus_comment(start + 2);
                    }
                    continue;
                }
                Some(b'?') => {
                    self.bogus_comment(start + 1);
                    continue;
                }
                _ => {
                    // A literal '<': text up to the next '<' after it.
                    let end =
                        memchr(b'<', &bytes[start + 1..]).map_or(bytes.len(), |i| start + 1 + i);
                    self.pos = end;
                    return Some(Token::Text(self.slice(start, end)));
                }
            }
        }
    }

    fn bogus_comment(&mut self, from: usize) {
        let bytes = self.src.as_bytes();
        self.pos = match memchr(b'>', bytes.get(from..).unwrap_or(&[])) {
            Some(i) => from + i + 1,
            None => bytes.len(),
        };
    }

    /// `from` is just after `<!--`.
    fn comment(&mut self, from: usize) {
        let bytes = self.src.as_bytes();
        let rest = bytes.get(from..).unwrap_or(&[]);
        // Abruptly closed empty comments: <!--> and <!--->
        if rest.first() == Some(&b'>') {
            self.pos = from + 1;
            return;
        }
        if rest.starts_with(b"->") {
            self.pos = from + 2;
            return;
        }
        let mut i = from;
        while let Some(j) = memchr(b'-', bytes.get(i..).unwrap_or(&[])) {
            let at = i + j;
            if bytes.get(at + 1) == Some(&b'-') {
                match bytes.get(at + 2) {
                    Some(b'>') => {
                        self.pos = at + 3;
                        return;
                    }
                    Some(b'!') if bytes.get(at + 3) == Some(&b'>') => {
                        self.pos = at + 4;
                        return;
                    }
                    _ => {}
                }
            }
            i = at + 1;
        }
        self.pos = bytes.len();
    }

    /// Reads a tag name from `from`; returns its end.
    fn name_end(&self, from: usize) -> usize {
        let bytes = self.src.as_bytes();
        let mut i = from;
        while i < bytes.len() && !is_ws(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
            i += 1;
        }
        i
    }

    fn start_tag(&mut self) -> Option<Token<'a>> {
        let name_start = self.pos + 1;
        let name_end = self.name_end(name_start);
        let name = self.slice(name_start, name_end);
        self.attrs.clear();
        match self.attributes(name_end, true) {
            Some((end, self_closing)) => {
                self.pos = end;
                Some(Token::Start { name, self_closing })
            }
            None => {
                // EOF inside a tag: the tag is dropped.
                self.pos = self.src.len();
                None
            }
        }
    }

    fn end_tag(&mut self) -> Option<Token<'a>> {
        let name_start = self.pos + 2;
        let name_end = self.name_end(name_start);
        let name = self.slice(name_start, name_end);
        match self.attributes(name_end, false) {
            Some((end, _)) => {
                self.pos = end;
                Some(Token::End { name })
            }
            None => {
                self.pos = self.src.len();
                None
            }
        }
    }

    /// Parses attributes from `i` to the closing `>`; returns the position
    /// after it and whether the tag was self-closing, or `None` at EOF.
    fn attributes(&mut self, mut i: usize, keep: bool) -> Option<(usize, bool)> {
        let bytes = self.src.as_bytes();
        let n = bytes.len();
        loop {
            while i < n && is_ws(bytes[i]) {
                i += 1;
            }
            if i >= n {
                return None;
            }
            match bytes[i] {
                b'>' => return Some((i + 1, false)),
                b'/' => {
                    if bytes.get(i + 1) == Some(&b'>') {
                        return Some((i + 2, true));
                    }
                    i += 1;
                    continue;
                }
                _ => {}
            }
            // Attribute name; a leading '=' belongs to it.
            let name_start = i;
            i += 1;
            while i < n && !is_ws(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            let name_end = i;
            while i < n && is_ws(bytes[i]) {
                i += 1;
            }
            let mut value = (i, i);
            if i < n && bytes[i] == b'=' {
                i += 1;
                while i < n && is_ws(bytes[i]) {
                    i += 1;
                }
                if i >= n {
                    return None;
                }
                match bytes[i] {
                    q @ (b'"' | b'\'') => {
                        let close = memchr(q, &bytes[i + 1..])?;
                        value = (i + 1, i + 1 + close);
                        i = i + 2 + close;
                    }
                    b'>' => {}
                    _ => {
                        let s = i;
                        while i < n && !is_ws(bytes[i]) && bytes[i] != b'>' {
                            i += 1;
                        }
                        value = (s, i);
                    }
                }
            }
            if keep && self.attrs.len() < 256 {
                let name = self.slice(name_start, name_end);
                if !self.attrs.iter().any(|a| a.name.eq_ignore_ascii_case(name)) {
                    let value = self.slice(value.0, value.1);
                    self.attrs.push(Attr { name, value });
                }
            }
        }
    }

    /// The end of raw text ending at `</end_tag`; the tokenizer stays at
    /// the `<` of the end tag (or at EOF).
    fn find_raw_end(&self, end_tag: &str) -> usize {
        let bytes = self.src.as_bytes();
        let n = bytes.len();
        if end_tag.is_empty() {
            return n;
        }
        let tag = end_tag.as_bytes();
        let mut i = self.pos;
        while i < n {
            let Some(j) = memchr(b'<', &bytes[i..]) else {
                return n;
            };
            let at = i + j;
            if bytes.get(at + 1) == Some(&b'/') {
                let name_at = at + 2;
                if let Some(candidate) = bytes.get(name_at..name_at + tag.len())
                    && candidate.eq_ignore_ascii_case(tag)
                    && matches!(
                        bytes.get(name_at + tag.len()),
                        None | Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
                    )
                {
                    return at;
                }
            }
            i = at + 1;
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Vec<String> {
        let mut t = Tokenizer::new(s);
        let mut out = Vec::new();
        while let Some(tok) = t.next_token() {
            match tok {
                Token::Text(x) => out.push(format!("T{x}")),
                Token::Start { name, self_closing } => {
                    let attrs: Vec<String> = t
                        .attrs()
                        .iter()
                        .map(|a| format!("{}={}", a.name, a.value))
                        .collect();
                    out.push(format!(
                        "S{name}{}[{}]",
                        if self_closing { "/" } else { "" },
                        attrs.join(",")
                    ));
                    if name.eq_ignore_ascii_case("script") {
                        t.set_raw("script");
                    }
                }
                Token::End { name } => out.push(format!("E{name}")),
            }
        }
        out
    }

    #[test]
    fn basic_tokens() {
        assert_eq!(
            tokens(r#"a<p class="x y" id=z data-q='>'>b</p><!-- c --><br/>"#),
            vec!["Ta", "Sp[class=x y,id=z,data-q=>]", "Tb", "Ep", "Sbr/[]"]
        );
    }

    #[test]
    fn raw_script_and_odd_input() {
        assert_eq!(
            tokens("<script>if (a<b) x='</p>';</SCRIPT >z"),
            vec!["Sscript[]", "Tif (a<b) x='</p>';", "ESCRIPT", "Tz"]
        );
        assert_eq!(tokens("a < b <"), vec!["Ta ", "T< b ", "T<"]);
        assert_eq!(
            tokens("x<!DOCTYPE html>y<?php ?>z</>w"),
            vec!["Tx", "Ty", "Tz", "Tw"]
        );
        assert_eq!(tokens("<div class=\"unclosed"), Vec::<String>::new());
        assert_eq!(
            tokens("a<!-->b<!--->c<!-- x -- y --!>d"),
            vec!["Ta", "Tb", "Tc", "Td"]
        );
    }
}
