//! Bytes to text: byte order marks, UTF-16, lossy UTF-8, binary detection,
//! and the text page's date line.

use crate::{BinaryCause, Warning};
use factsift_core::Date;

/// How many leading bytes binary detection looks at (as git does).
pub(crate) const SNIFF_BYTES: usize = 8192;

/// Whether content looks binary, judged on its first [`SNIFF_BYTES`]: a NUL
/// byte, or over a tenth of control bytes other than tab, newline, carriage
/// return and form feed. Content with a UTF-16 byte order mark is text.
pub(crate) fn binary_cause(bytes: &[u8]) -> Option<BinaryCause> {
    if utf16_bom(bytes).is_some() {
        return None;
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if let Some(offset) = memchr::memchr(0, head) {
        return Some(BinaryCause::NulByte(offset as u64));
    }
    // Counted branch-free in chunks of at most 255 bytes with a byte-sized
    // count, which the compiler turns into vector code.
    let control: usize = head
        .chunks(255)
        .map(|chunk| usize::from(chunk.iter().fold(0u8, |n, &b| n + u8::from(is_control(b)))))
        .sum();
    (control * 10 > head.len()).then_some(BinaryCause::ControlBytes)
}

/// A control byte other than tab, newline, carriage return and form feed
/// (with non-short-circuit operators, so it has no branches).
#[inline]
fn is_control(b: u8) -> bool {
    ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') & (b != 0x0c)) | (b == 0x7f)
}

/// Whether content is empty or only ASCII white space (after a UTF-8 BOM).
pub(crate) fn is_blank(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    bytes.iter().all(|b| b.is_ascii_whitespace())
}

/// `Some(big_endian)` when the bytes start with a UTF-16 byte order mark.
fn utf16_bom(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xfe, 0xff, ..] => Some(true),
        [0xff, 0xfe, ..] => Some(false),
        _ => None,
    }
}

/// Decodes content to a string: strips a UTF-8 byte order mark, decodes
/// UTF-16 with a byte order mark, and replaces invalid UTF-8 with U+FFFD.
/// Pushes a warning for anything that was not plain UTF-8.
pub(crate) fn decode(mut bytes: Vec<u8>, warnings: &mut Vec<Warning>) -> String {
    if let Some(big_endian) = utf16_bom(&bytes) {
        warnings.push(Warning::Utf16);
        return decode_utf16(&bytes[2..], big_endian, warnings);
    }
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let offset = err.utf8_error().valid_up_to() as u64;
            warnings.push(Warning::InvalidUtf8 { offset });
            String::from_utf8_lossy(err.as_bytes()).into_owned()
        }
    }
}

/// Decodes an HTML page's content like [`decode`], except that content that
/// is not valid UTF-8 is decoded in the encoding its `<meta charset>`
/// declares (e.g. windows-1252), by `factsift-html`; only bytes invalid in
/// that encoding are reported.
pub(crate) fn decode_html(bytes: Vec<u8>, warnings: &mut Vec<Warning>) -> String {
    if utf16_bom(&bytes).is_some() {
        return decode(bytes, warnings);
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            text
        }
        Err(err) => {
            let offset = err.utf8_error().valid_up_to() as u64;
            let (text, lossy) = factsift_html::decode(err.as_bytes());
            if lossy {
                warnings.push(Warning::InvalidUtf8 { offset });
            }
            text
        }
    }
}

fn decode_utf16(bytes: &[u8], big_endian: bool, warnings: &mut Vec<Warning>) -> String {
    let units = bytes.chunks(2).map(|pair| match (pair, big_endian) {
        ([hi, lo], true) | ([lo, hi], false) => u16::from_be_bytes([*hi, *lo]),
        // An odd trailing byte is not a code unit; it becomes U+FFFD.
        _ => 0xdc00,
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut first_bad = None;
    let mut offset = 2u64;
    for unit in char::decode_utf16(units) {
        match unit {
            Ok(c) => {
                text.push(c);
                offset += 2 * c.len_utf16() as u64;
            }
            Err(_) => {
                first_bad.get_or_insert(offset);
                text.push(char::REPLACEMENT_CHARACTER);
                offset += 2;
            }
        }
    }
    if let Some(offset) = first_bad {
        warnings.push(Warning::InvalidUtf16 { offset });
    }
    text
}

/// What a text page's first line says about its date.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum DateLine {
    /// No ` date ` marker.
    Absent,
    /// A valid marker: the date, and how many leading bytes to remove.
    Date(Date, usize),
    /// ` date ` followed by something that is not a valid date.
    Invalid(String),
}

/// Reads the optional ` date YYYY-MM-DD ` marker of a text page.
///
/// The marker is ` date `, a valid date, and then one space, a line end, or
/// the end of the text; that separator is removed with the marker so the
/// text starts at the rest of the line (or the next line).
pub(crate) fn date_line(text: &str) -> DateLine {
    let Some(rest) = text.strip_prefix(" date ") else {
        return DateLine::Absent;
    };
    let marker = " date ".len();
    if let Some(date) = rest.get(..10).and_then(|c| c.parse::<Date>().ok()) {
        let after = &rest[10..];
        let separator = if after.is_empty() {
            Some(0)
        } else if after.starts_with(' ') || after.starts_with('\n') {
            Some(1)
        } else if after.starts_with("\r\n") {
            Some(2)
        } else {
            None
        };
        if let Some(separator) = separator {
            return DateLine::Date(date, marker + 10 + separator);
        }
    }
    let line = rest.split(['\n', '\r']).next().unwrap_or("");
    DateLine::Invalid(line.chars().take(40).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_control_matches_its_definition() {
        for b in 0..=255u8 {
            let plain = (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f;
            assert_eq!(is_control(b), plain, "{b:#04x}");
        }
    }

    #[test]
    fn binary_detection() {
        assert_eq!(binary_cause(b"abc\0def"), Some(BinaryCause::NulByte(3)));
        assert_eq!(
            binary_cause(b"\x01\x02\x03\x04text"),
            Some(BinaryCause::ControlBytes)
        );
        assert_eq!(binary_cause(b"plain text\n\twith tabs\r\n"), None);
        assert_eq!(binary_cause("caf\u{e9} \u{4e2d}\u{6587}".as_bytes()), None);
        // Latin-1 is not binary: it is decoded lossily.
        assert_eq!(binary_cause(b"caf\xe9 au lait"), None);
        // UTF-16 has NUL bytes but is text.
        assert_eq!(binary_cause(b"\xff\xfea\0b\0"), None);
        assert_eq!(binary_cause(b""), None);
        // A NUL past the sniffed head does not count.
        let mut late = vec![b'a'; SNIFF_BYTES];
        late.push(0);
        assert_eq!(binary_cause(&late), None);
    }

    #[test]
    fn blank() {
        assert!(is_blank(b""));
        assert!(is_blank(b" \n\t\r\n"));
        assert!(is_blank(b"\xef\xbb\xbf\n"));
        assert!(!is_blank(b"  x "));
    }

    #[test]
    fn decoding() {
        let mut w = vec![];
        assert_eq!(decode(b"\xef\xbb\xbfhi".to_vec(), &mut w), "hi");
        assert!(w.is_empty());
        assert_eq!(decode(b"ok \xff end".to_vec(), &mut w), "ok \u{fffd} end");
        assert_eq!(w, vec![Warning::InvalidUtf8 { offset: 3 }]);

        let mut w = vec![];
        let le: Vec<u8> = [0xff, 0xfe, b'h', 0, b'i', 0, 0x3d, 0xd8, 0x00, 0xde].to_vec();
        assert_eq!(decode(le, &mut w), "hi\u{1f600}");
        assert_eq!(w, vec![Warning::Utf16]);

        let mut w = vec![];
        let be: Vec<u8> = [0xfe, 0xff, 0, b'h', 0xd8, 0x00, 0, b'i', 0x00].to_vec();
        assert_eq!(decode(be, &mut w), "h\u{fffd}i\u{fffd}");
        assert_eq!(w, vec![Warning::Utf16, Warning::InvalidUtf16 { offset: 4 }]);
    }

    #[test]
    fn date_lines() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(
            date_line(" date 2017-10-02 English\nrest"),
            DateLine::Date(d("2017-10-02"), 17)
        );
        assert_eq!(
            date_line(" date 2017-10-02\nrest"),
            DateLine::Date(d("2017-10-02"), 17)
        );
        assert_eq!(
            date_line(" date 2017-10-02\r\nrest"),
            DateLine::Date(d("2017-10-02"), 18)
        );
        assert_eq!(
            date_line(" date 2017-10-02"),
            DateLine::Date(d("2017-10-02"), 16)
        );
        assert_eq!(date_line("date 2017-10-02 x"), DateLine::Absent);
        assert_eq!(date_line("Headline\n date 2017-10-02"), DateLine::Absent);
        assert_eq!(
            date_line(" date 2017-02-30 Title\nbody"),
            DateLine::Invalid("2017-02-30 Title".into())
        );
        assert_eq!(
            date_line(" date 2017-10-021 x"),
            DateLine::Invalid("2017-10-021 x".into())
        );
        assert_eq!(
            date_line(" date unknown"),
            DateLine::Invalid("unknown".into())
        );
        // Multi-byte text right after the marker must not split a char.
        assert_eq!(
            date_line(" date 2017-10-0\u{e9}"),
            DateLine::Invalid("2017-10-0\u{e9}".into())
        );
    }
}
