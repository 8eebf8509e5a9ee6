//! WARC files (`.warc`, `.warc.gz`): HTML response records as documents.
//!
//! A record is a `WARC/1.x` version line, header lines, a blank line, and
//! `Content-Length` bytes of block. A `response` record's block is an HTTP
//! response; its body (de-chunked and gunzipped when the HTTP headers say so)
//! is read as an HTML page. The record is read one at a time; a block over
//! the size limit is skipped over without being kept.

use crate::reader::{Meta, Pending, html_document, is_data_error};
use crate::{InputError, Item, Reader, SkipReason, Summary, Warning, decode};
use factsift_core::Date;
use std::io::{self, BufRead, Read};

/// The longest WARC or HTTP header block read.
const MAX_HEADER_BYTES: usize = 64 * 1024;

/// Why a WARC file could not be read on from a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WarcError {
    NoVersion,
    NoLength,
    HeaderTooLong,
    Truncated,
}

impl WarcError {
    pub(crate) fn message(self) -> &'static str {
        match self {
            WarcError::NoVersion => "expected a WARC/1.x version line",
            WarcError::NoLength => "record has no valid Content-Length",
            WarcError::HeaderTooLong => "record header longer than 64 KiB",
            WarcError::Truncated => "record is cut short",
        }
    }
}

/// What one call to [`Warc::next_record`] found.
pub(crate) enum Next {
    /// A document record, to decode.
    Document(Pending),
    /// A record that could not be read: its id, why, and its line.
    Skipped(Option<String>, SkipReason, u64),
    /// The file cannot be read on: report and stop.
    Fatal(SkipReason, u64),
    End,
}

/// The state of a WARC input being read record by record.
pub(crate) struct Warc<'a> {
    pub(crate) file: String,
    pub(crate) reader: Box<dyn BufRead + Send + 'a>,
    /// Lines consumed so far.
    pub(crate) lines: u64,
    /// Records seen, documents or not.
    pub(crate) records: u64,
    pub(crate) done: bool,
    pub(crate) gzip: bool,
}

/// The WARC headers ingestion uses.
#[derive(Default)]
struct Headers {
    kind: String,
    target_uri: Option<String>,
    date: Option<String>,
    record_id: Option<String>,
    length: Option<u64>,
}

impl Warc<'_> {
    /// The next item of the file, counting records that are not documents
    /// in `summary`.
    pub(crate) fn next_item(&mut self, config: &Reader, summary: &mut Summary) -> Option<Pending> {
        if self.done {
            return None;
        }
        let item = |file: &str, id, reason, line| {
            Some(Pending::from(Item::Skipped(InputError {
                file: file.to_string(),
                line,
                id,
                reason,
            })))
        };
        match self.next_record(config, summary) {
            Err(err) => {
                self.done = true;
                let reason = if self.gzip && is_data_error(&err) {
                    SkipReason::Decompress(err)
                } else {
                    SkipReason::Unreadable(err)
                };
                item(&self.file, None, reason, Some(self.lines + 1))
            }
            Ok(Next::End) => {
                self.done = true;
                if self.records == 0 {
                    return item(&self.file, None, SkipReason::Empty, None);
                }
                None
            }
            Ok(Next::Fatal(reason, line)) => {
                self.done = true;
                item(&self.file, None, reason, Some(line))
            }
            Ok(Next::Skipped(id, reason, line)) => item(&self.file, id, reason, Some(line)),
            Ok(Next::Document(pending)) => Some(pending),
        }
    }

    /// Reads on to the next document record.
    pub(crate) fn next_record(
        &mut self,
        config: &Reader,
        summary: &mut Summary,
    ) -> io::Result<Next> {
        let mut line = Vec::new();
        loop {
            // Blank lines separate records.
            line.clear();
            if !self.read_line(&mut line)? {
                return Ok(Next::End);
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let start = self.lines;
            self.records += 1;
            if !line.starts_with(b"WARC/") {
                return Ok(Next::Fatal(warc_error(WarcError::NoVersion), start));
            }
            let headers = match self.headers()? {
                Ok(headers) => headers,
                Err(err) => return Ok(Next::Fatal(warc_error(err), start)),
            };
            let Some(length) = headers.length else {
                return Ok(Next::Fatal(warc_error(WarcError::NoLength), start));
            };
            let id = headers.record_id.as_deref().map(record_id);
            if headers.kind != "response" {
                if !self.skip(length)? {
                    return Ok(Next::Fatal(warc_error(WarcError::Truncated), start));
                }
                summary.ignored_records += 1;
                continue;
            }
            let limit = config.max_document_bytes();
            if length > limit {
                if !self.skip(length)? {
                    return Ok(Next::Fatal(warc_error(WarcError::Truncated), start));
                }
                return Ok(Next::Skipped(id, SkipReason::TooLarge { limit }, start));
            }
            let mut block = Vec::with_capacity(length.min(1 << 20) as usize);
            (&mut self.reader).take(length).read_to_end(&mut block)?;
            self.lines += memchr::memchr_iter(b'\n', &block).count() as u64;
            if (block.len() as u64) < length {
                return Ok(Next::Fatal(warc_error(WarcError::Truncated), start));
            }
            let Some(http) = Http::parse(&block) else {
                return Ok(Next::Skipped(
                    id,
                    SkipReason::MalformedWarc {
                        detail: "response block is not an HTTP response",
                    },
                    start,
                ));
            };
            if !(200..300).contains(&http.status) {
                summary.ignored_records += 1;
                continue;
            }
            let Some(id) = id else {
                return Ok(Next::Skipped(None, SkipReason::MissingId, start));
            };
            if let Some(ct) = &http.content_type {
                let mime = ct.split(';').next().unwrap_or("").trim();
                if !mime.is_empty() && !mime.contains("html") {
                    let reason = SkipReason::NotHtml {
                        content_type: mime.to_string(),
                    };
                    return Ok(Next::Skipped(Some(id), reason, start));
                }
            }
            let file = self.file.clone();
            return Ok(Next::Document(Pending::later(move || {
                let skipped = |id, reason| {
                    Item::Skipped(InputError {
                        file: file.clone(),
                        line: Some(start),
                        id: Some(id),
                        reason,
                    })
                };
                let body = match http.body(&block, limit) {
                    Ok(body) => body,
                    Err(reason) => return skipped(id, reason),
                };
                let mut warnings = Vec::new();
                let html = decode_body(body, http.content_type.as_deref(), &mut warnings);
                let meta = Meta {
                    date: None,
                    url: headers.target_uri,
                    title: None,
                };
                let source = format!("{file}:{start}");
                match html_document(id.clone(), source, &html, meta, limit) {
                    Ok(mut doc) => {
                        if doc.date.is_none() {
                            doc.date = headers.date.as_deref().and_then(Date::parse_prefix);
                        }
                        Item::Document { doc, warnings }
                    }
                    Err(reason) => skipped(id, reason),
                }
            })));
        }
    }

    /// Reads one line (at most [`MAX_HEADER_BYTES`]); `false` at the end.
    fn read_line(&mut self, line: &mut Vec<u8>) -> io::Result<bool> {
        let n = (&mut self.reader)
            .take(MAX_HEADER_BYTES as u64)
            .read_until(b'\n', line)?;
        if line.last() == Some(&b'\n') {
            self.lines += 1;
        }
        Ok(n > 0)
    }

    /// Reads header lines up to the blank line.
    fn headers(&mut self) -> io::Result<Result<Headers, WarcError>> {
        let mut headers = Headers::default();
        let mut line = Vec::new();
        let mut total = 0;
        loop {
            line.clear();
            if !self.read_line(&mut line)? {
                return Ok(Err(WarcError::Truncated));
            }
            total += line.len();
            if total > MAX_HEADER_BYTES || line.last() != Some(&b'\n') {
                return Ok(Err(WarcError::HeaderTooLong));
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                return Ok(Ok(headers));
            }
            let Some((name, value)) = text.split_once(':') else {
                continue;
            };
            let value = value.trim().to_string();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => headers.kind = value.to_ascii_lowercase(),
                "warc-target-uri" => headers.target_uri = Some(value),
                "warc-date" => headers.date = Some(value),
                "warc-record-id" => headers.record_id = Some(value),
                "content-length" => headers.length = value.parse().ok(),
                _ => {}
            }
        }
    }

    /// Reads and drops `length` bytes; `false` when the input ends first.
    fn skip(&mut self, length: u64) -> io::Result<bool> {
        let mut left = length;
        while left > 0 {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(false);
            }
            let n = chunk.len().min(left as usize);
            self.lines += memchr::memchr_iter(b'\n', &chunk[..n]).count() as u64;
            self.reader.consume(n);
            left -= n as u64;
        }
        Ok(true)
    }
}

fn warc_error(err: WarcError) -> SkipReason {
    SkipReason::MalformedWarc {
        detail: err.message(),
    }
}

/// `<urn:uuid:8a7c...>` gives `8a7c...`; other ids lose only their `<>`.
fn record_id(raw: &str) -> String {
    let id = raw.trim().trim_start_matches('<').trim_end_matches('>');
    id.strip_prefix("urn:uuid:").unwrap_or(id).to_string()
}

/// The HTTP response in a response record's block.
struct Http {
    status: u16,
    content_type: Option<String>,
    chunked: bool,
    gzip: bool,
    /// Where the body starts in the block.
    body_start: usize,
}

impl Http {
    fn parse(block: &[u8]) -> Option<Http> {
        let end = memchr::memmem::find(block, b"\r\n\r\n")
            .map(|i| i + 4)
            .or_else(|| memchr::memmem::find(block, b"\n\n").map(|i| i + 2))?;
        let head = String::from_utf8_lossy(&block[..end]);
        let mut lines = head.lines();
        let status_line = lines.next()?;
        if !status_line.starts_with("HTTP/") {
            return None;
        }
        let status = status_line.split_whitespace().nth(1)?.parse().ok()?;
        let mut http = Http {
            status,
            content_type: None,
            chunked: false,
            gzip: false,
            body_start: end,
        };
        for line in lines {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim().to_ascii_lowercase();
            match name.trim().to_ascii_lowercase().as_str() {
                "content-type" => http.content_type = Some(value),
                "transfer-encoding" => http.chunked = value.contains("chunked"),
                "content-encoding" => http.gzip = value.contains("gzip"),
                _ => {}
            }
        }
        Some(http)
    }

    /// The body bytes: de-chunked and gunzipped as the headers say.
    fn body(&self, block: &[u8], limit: u64) -> Result<Vec<u8>, SkipReason> {
        let raw = &block[self.body_start..];
        let mut body = if self.chunked {
            dechunk(raw).ok_or(SkipReason::MalformedWarc {
                detail: "bad chunked transfer encoding",
            })?
        } else {
            raw.to_vec()
        };
        if self.gzip && body.starts_with(&[0x1f, 0x8b]) {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&body[..])
                .take(limit + 1)
                .read_to_end(&mut out)
                .map_err(SkipReason::Decompress)?;
            if out.len() as u64 > limit {
                return Err(SkipReason::TooLarge { limit });
            }
            body = out;
        }
        Ok(body)
    }
}

/// Decodes `Transfer-Encoding: chunked`.
fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len());
    loop {
        let eol = memchr::memchr(b'\n', raw)?;
        let size_line = std::str::from_utf8(&raw[..eol]).ok()?;
        let size_hex = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        raw = &raw[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(raw.get(..size)?);
        raw = &raw[size..];
        raw = raw
            .strip_prefix(b"\r\n")
            .or_else(|| raw.strip_prefix(b"\n"))
            .unwrap_or(raw);
    }
}

/// An HTML body as text: the HTTP `charset` when the bytes are not UTF-8 and
/// it names a known encoding, else as any HTML page.
fn decode_body(body: Vec<u8>, content_type: Option<&str>, warnings: &mut Vec<Warning>) -> String {
    let label = content_type
        .and_then(|ct| {
            ct.split(';')
                .find_map(|p| p.trim().strip_prefix("charset="))
        })
        .map(|l| l.trim_matches(['"', '\'']));
    let encoding = label
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        .filter(|&e| e != encoding_rs::UTF_8);
    match encoding {
        Some(encoding) if std::str::from_utf8(&body).is_err() => {
            let (text, _, lossy) = encoding.decode(&body);
            if lossy {
                warnings.push(Warning::InvalidUtf8 { offset: 0 });
            }
            text.into_owned()
        }
        _ => decode::decode_html(body, warnings),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_ids() {
        assert_eq!(record_id("<urn:uuid:8a7c-11>"), "8a7c-11");
        assert_eq!(record_id("<urn:x:1>"), "urn:x:1");
    }

    #[test]
    fn chunks() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5;x=1\r\npedia\r\n0\r\n\r\n").as_deref(),
            Some(&b"Wikipedia"[..])
        );
        assert_eq!(dechunk(b"zz\r\n"), None);
        assert_eq!(dechunk(b"10\r\nshort"), None);
    }

    #[test]
    fn http_heads() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<p>x";
        let http = Http::parse(block).unwrap();
        assert_eq!(http.status, 200);
        assert_eq!(
            http.content_type.as_deref(),
            Some("text/html; charset=iso-8859-1")
        );
        assert_eq!(&block[http.body_start..], b"<p>x");
        assert!(Http::parse(b"garbage").is_none());
    }

    #[test]
    fn charset_from_http() {
        let mut w = vec![];
        let text = decode_body(
            b"caf\xe9".to_vec(),
            Some("text/html; charset=iso-8859-1"),
            &mut w,
        );
        assert_eq!(text, "caf\u{e9}");
        assert!(w.is_empty());
    }
}
