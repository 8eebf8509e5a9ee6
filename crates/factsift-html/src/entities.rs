//! HTML character references (`&amp;`, `&#8217;`, `&#x20AC;`, `&nbsp`).
//!
//! Named references come from `data/entities.tsv` (the WHATWG list: name
//! without `&`, then one or two code points in hex), loaded once.

use std::collections::HashMap;
use std::sync::OnceLock;

const ENTITIES_TSV: &str = include_str!("../data/entities.tsv");

struct Table {
    /// Name (with its `;` when the WHATWG list has it) -> code points.
    names: HashMap<&'static str, (char, Option<char>)>,
    /// Longest name.
    max_len: usize,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut names = HashMap::new();
        let mut max_len = 0;
        for line in ENTITIES_TSV.lines() {
            let mut parts = line.split('\t');
            let (Some(name), Some(cps)) = (parts.next(), parts.next()) else {
                continue;
            };
            let mut chars = cps
                .split(' ')
                .filter_map(|h| u32::from_str_radix(h, 16).ok())
                .filter_map(char::from_u32);
            let Some(first) = chars.next() else { continue };
            max_len = max_len.max(name.len());
            names.insert(name, (first, chars.next()));
        }
        Table { names, max_len }
    })
}

/// Windows-1252 meanings of numeric references 0x80-0x9F, as browsers do.
fn c1_fixup(cp: u32) -> u32 {
    const MAP: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    if (0x80..=0x9F).contains(&cp) {
        MAP[(cp - 0x80) as usize]
    } else {
        cp
    }
}

/// Decodes the character reference at the start of `s`, which begins just
/// after a `&`. Returns the bytes consumed (after the `&`) and the
/// character(s), or `None` when `s` does not start a reference (the `&` is
/// then literal). In attribute values a legacy reference without `;`
/// followed by an alphanumeric or `=` is not decoded, as in browsers.
pub(crate) fn decode(s: &[u8], in_attr: bool) -> Option<(usize, char, Option<char>)> {
    match s.first()? {
        b'#' => {
            let (hex, start) = match s.get(1) {
                Some(b'x' | b'X') => (true, 2),
                _ => (false, 1),
            };
            let mut i = start;
            let mut value: u32 = 0;
            while let Some(&b) = s.get(i) {
                let digit = if hex {
                    (b as char).to_digit(16)
                } else {
                    (b as char).to_digit(10)
                };
                let Some(d) = digit else { break };
                value = value
                    .saturating_mul(if hex { 16 } else { 10 })
                    .saturating_add(d);
                i += 1;
            }
            if i == start {
                return None;
            }
            if s.get(i) == Some(&b';') {
                i += 1;
            }
            let cp = c1_fixup(value);
            let c = if cp == 0 || cp > 0x10FFFF || (0xD800..=0xDFFF).contains(&cp) {
                '\u{FFFD}'
            } else {
                char::from_u32(cp).unwrap_or('\u{FFFD}')
            };
            Some((i, c, None))
        }
        b if b.is_ascii_alphanumeric() => {
            let t = table();
            let mut end = 0;
            while end < s.len() && end < t.max_len && s[end].is_ascii_alphanumeric() {
                end += 1;
            }
            if s.get(end) == Some(&b';') {
                let with_semi = std::str::from_utf8(&s[..=end]).ok()?;
                if let Some(&(a, b)) = t.names.get(with_semi) {
                    return Some((end + 1, a, b));
                }
            }
            // Legacy references without ';': the longest prefix in the list.
            for len in (2..=end.min(6)).rev() {
                let name = std::str::from_utf8(&s[..len]).ok()?;
                if let Some(&(a, b)) = t.names.get(name) {
                    if in_attr
                        && s.get(len)
                            .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'=')
                    {
                        return None;
                    }
                    return Some((len, a, b));
                }
            }
            None
        }
        _ => None,
    }
}

/// Decodes all references in `s` (an attribute value) into `out`.
pub(crate) fn decode_into(s: &str, in_attr: bool, out: &mut String) {
    let bytes = s.as_bytes();
    let mut last = 0;
    let mut i = 0;
    while let Some(j) = memchr::memchr(b'&', &bytes[i..]) {
        let at = i + j;
        match decode(&bytes[at + 1..], in_attr) {
            Some((len, a, b)) => {
                out.push_str(s.get(last..at).unwrap_or(""));
                out.push(a);
                if let Some(b) = b {
                    out.push(b);
                }
                i = at + 1 + len;
                last = i;
            }
            None => i = at + 1,
        }
    }
    out.push_str(s.get(last..).unwrap_or(""));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> String {
        let mut out = String::new();
        decode_into(s, false, &mut out);
        out
    }

    #[test]
    fn named_numeric_and_legacy() {
        assert_eq!(d("a &amp; b"), "a & b");
        assert_eq!(d("&#8217;&#x20AC;&#X20ac;"), "\u{2019}€€");
        assert_eq!(d("&#150;"), "\u{2013}");
        assert_eq!(d("&nbsp;&copy 2017"), "\u{a0}© 2017");
        assert_eq!(d("AT&T &unknown; &"), "AT&T &unknown; &");
        assert_eq!(d("&#0;&#xD800;&#99999999999;"), "\u{FFFD}\u{FFFD}\u{FFFD}");
        assert_eq!(d("&hellip;&mdash;&rsquo;&eacute;"), "…—’é");
        let mut attr = String::new();
        decode_into("?a=1&copy=2&amp;b", true, &mut attr);
        assert_eq!(attr, "?a=1&copy=2&b");
    }
}
