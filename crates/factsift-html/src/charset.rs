//! Bytes to text: BOM, `<meta charset>`, else UTF-8.

use encoding_rs::Encoding;

/// Decodes a page's bytes: a byte order mark wins, then a `<meta charset>`
/// or `<meta http-equiv="Content-Type" content="...; charset=...">` in the
/// first 1024 bytes naming a non-UTF-8 encoding; otherwise UTF-8. Returns
/// the text and whether any bytes were invalid and replaced by U+FFFD.
///
/// Valid UTF-8 is taken as UTF-8 even when the page declares another
/// encoding (a common mislabel); windows-1252 pages are decoded as such.
///
/// ```
/// let (text, lossy) = factsift_html::decode(b"<meta charset=\"windows-1252\"><p>caf\xe9 \x80</p>");
/// assert_eq!((text.as_str(), lossy), ("<meta charset=\"windows-1252\"><p>café €</p>", false));
/// let (text, lossy) = factsift_html::decode(b"<p>bad \xff byte</p>");
/// assert_eq!((text.as_str(), lossy), ("<p>bad \u{FFFD} byte</p>", true));
/// ```
pub fn decode(bytes: &[u8]) -> (String, bool) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, lossy) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), lossy);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), false);
    }
    if let Some(enc) = prescan(&bytes[..bytes.len().min(1024)])
        && enc != encoding_rs::UTF_8
    {
        let (text, lossy) = enc.decode_without_bom_handling(bytes);
        return (text.into_owned(), lossy);
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    (text, true)
}

/// Finds a charset label in `<meta>` tags of the page's head.
fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"charset") {
        let mut j = from + i + b"charset".len();
        from = j;
        while j < lower.len() && lower[j].is_ascii_whitespace() {
            j += 1;
        }
        if lower.get(j) != Some(&b'=') {
            continue;
        }
        j += 1;
        while j < lower.len() && matches!(lower[j], b' ' | b'"' | b'\'') {
            j += 1;
        }
        let start = j;
        while j < lower.len()
            && (lower[j].is_ascii_alphanumeric() || matches!(lower[j], b'-' | b'_' | b':' | b'.'))
        {
            j += 1;
        }
        if let Some(enc) = Encoding::for_label(&lower[start..j]) {
            // A page labelled UTF-16 in ASCII-compatible bytes is UTF-8.
            return Some(
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    encoding_rs::UTF_8
                } else {
                    enc
                },
            );
        }
    }
    None
}
