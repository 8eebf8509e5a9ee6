//! Page formats, told from file names and content, and document ids.

use std::path::Path;

/// The format of an input's (decompressed) content.
///
/// Told from the file extension (after a `.gz`), else from the content; set
/// one for every input with [`ReaderBuilder::format`](crate::ReaderBuilder::format).
///
/// | format | extensions | sniffed when |
/// | --- | --- | --- |
/// | [`Format::Text`] | `.txt`, `.text` | nothing else fits |
/// | [`Format::Html`] | `.html`, `.htm`, `.xhtml`, `.shtml` | it starts with `<` and an HTML tag such as `<html`, `<head`, `<body`, `<!doctype html` is in its first 1 KiB |
/// | [`Format::Jsonl`] | `.jsonl`, `.ndjson` | its first non-blank byte is `{` |
/// | [`Format::Warc`] | `.warc` | it starts with `WARC/` |
///
/// ```
/// use factsift_ingest::Format;
/// assert_eq!(Format::from_name("x.html.gz"), Some(Format::Html));
/// assert_eq!(Format::from_name("dump.NDJSON"), Some(Format::Jsonl));
/// assert_eq!(Format::from_name("notes.md"), None);
/// assert_eq!(Format::sniff(b"  <!DOCTYPE html><p>Hi"), Format::Html);
/// assert_eq!(Format::sniff(b"{\"id\":\"a\"}"), Format::Jsonl);
/// assert_eq!(Format::sniff(b"Plain page"), Format::Text);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// A text page: the whole content is one document; an optional first
    /// line ` date YYYY-MM-DD <rest>` gives its date.
    Text,
    /// An HTML page: one document, its visible text extracted by
    /// `factsift-html`.
    Html,
    /// JSON Lines: one record (one document) per line.
    Jsonl,
    /// WARC: each `response` record with a 2xx HTML response is an HTML
    /// page (id from `WARC-Record-ID`, URL from `WARC-Target-URI`, date
    /// from the page, else `WARC-Date`).
    Warc,
}

const HTML_TAGS: &[&[u8]] = &[
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<meta",
    b"<title",
    b"<div",
    b"<article",
    b"<p>",
    b"<p ",
];

impl Format {
    /// The format a file name's extension declares, ignoring a trailing
    /// `.gz`; `None` when the extension is not a page format or missing.
    pub fn from_name(name: &str) -> Option<Format> {
        let (name, _) = strip_gz(name);
        let ext = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "warc" => Some(Format::Warc),
            _ => None,
        }
    }

    /// The format the first bytes of content suggest (see the table above).
    pub fn sniff(head: &[u8]) -> Format {
        let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
        let start = head
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(head.len());
        let head = &head[start..head.len().min(start + 1024)];
        if head.starts_with(b"WARC/") {
            return Format::Warc;
        }
        match head.first() {
            Some(b'{') => Format::Jsonl,
            Some(b'<') => {
                let lower = head.to_ascii_lowercase();
                let is_html = HTML_TAGS
                    .iter()
                    .any(|tag| memchr::memmem::find(&lower, tag).is_some());
                if is_html { Format::Html } else { Format::Text }
            }
            _ => Format::Text,
        }
    }
}

/// The name without a trailing `.gz` (any case), and whether it had one.
pub(crate) fn strip_gz(name: &str) -> (&str, bool) {
    let n = name.len();
    if n > 3 && name.is_char_boundary(n - 3) && name[n - 3..].eq_ignore_ascii_case(".gz") {
        (&name[..n - 3], true)
    } else {
        (name, false)
    }
}

/// The document id of a file: its name without a `.gz` and one more
/// extension (`x.html.gz` gives `x`, `a.b.txt` gives `a.b`), or `stdin` for
/// `-`.
///
/// ```
/// use factsift_ingest::document_id;
/// assert_eq!(document_id("corpus/002_07869cbc698ecf3d.txt"), "002_07869cbc698ecf3d");
/// assert_eq!(document_id("x.html.gz"), "x");
/// assert_eq!(document_id("a.b.txt"), "a.b");
/// assert_eq!(document_id("README"), "README");
/// assert_eq!(document_id(".hidden"), ".hidden");
/// assert_eq!(document_id("-"), "stdin");
/// ```
pub fn document_id(name: &str) -> String {
    if name == "-" {
        return "stdin".to_string();
    }
    let file = Path::new(name)
        .file_name()
        .map(|f| f.to_string_lossy())
        .unwrap_or_else(|| name.into());
    let (file, _) = strip_gz(&file);
    let stem = match file.rfind('.') {
        Some(dot) if dot > 0 => &file[..dot],
        _ => file,
    };
    if stem.is_empty() {
        name.to_string()
    } else {
        stem.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gz_names() {
        assert_eq!(strip_gz("a.txt.gz"), ("a.txt", true));
        assert_eq!(strip_gz("a.txt.GZ"), ("a.txt", true));
        assert_eq!(strip_gz(".gz"), (".gz", false));
        assert_eq!(strip_gz("a\u{e9}gz"), ("a\u{e9}gz", false));
        assert_eq!(document_id("dir/x.gz"), "x");
        assert_eq!(document_id("dir/.gz"), ".gz");
    }

    #[test]
    fn sniffing() {
        assert_eq!(Format::sniff(b""), Format::Text);
        assert_eq!(Format::sniff(b"\xef\xbb\xbf\n<html lang=en>"), Format::Html);
        assert_eq!(Format::sniff(b"<b>not a page"), Format::Text);
        assert_eq!(Format::sniff(b"\n\n{\"id\":1}"), Format::Jsonl);
        assert_eq!(Format::sniff(b" date 2017-10-02 x"), Format::Text);
    }
}
