//! The reader: inputs to a stream of documents and skips.

use crate::decode::{self, DateLine, SNIFF_BYTES};
use crate::format::{document_id, strip_gz};
use crate::record::{self, Body, Record};
use crate::warc::Warc;
use crate::{BuildError, Format, InputError, SkipReason, Summary, Warning, html};
use factsift_core::{Date, Document};
use flate2::bufread::MultiGzDecoder;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The default of [`ReaderBuilder::max_document_bytes`]: 50 MiB.
pub const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 50 * 1024 * 1024;

/// The default of [`ReaderBuilder::max_line_bytes`]: 1 MiB.
pub const DEFAULT_MAX_LINE_BYTES: u64 = 1024 * 1024;

/// Buffer size for reading files and JSONL lines.
const BUFFER_BYTES: usize = 64 * 1024;

/// At most this much is reserved for a page from its expected size.
const MAX_RESERVE: u64 = 64 * 1024 * 1024;

/// What is known of an input's size, to size buffers: they never change
/// what is read, only how often it is copied and zeroed.
struct Sizes {
    /// The read buffer: [`BUFFER_BYTES`], or less for a smaller file.
    capacity: usize,
    /// The file's length.
    plain: Option<u64>,
    /// The uncompressed size a gzip trailer gives, if the file is one.
    unpacked: Option<u64>,
}

impl Sizes {
    /// A stream of unknown size.
    fn unknown() -> Sizes {
        Sizes {
            capacity: BUFFER_BYTES,
            plain: None,
            unpacked: None,
        }
    }
}

/// The uncompressed size in the trailer of a gzip file of `len` bytes (its
/// last 4 bytes: the last member's size modulo 2^32), read without moving
/// the file's position. Only a hint: it may be wrong for a file that is not
/// gzip, has several members or holds 4 GiB or more.
#[cfg(unix)]
fn gzip_size(file: &File, len: u64) -> Option<u64> {
    use std::os::unix::fs::FileExt;
    if len < 18 {
        return None;
    }
    let mut isize = [0u8; 4];
    file.read_exact_at(&mut isize, len - 4).ok()?;
    Some(u64::from(u32::from_le_bytes(isize)))
}

/// Elsewhere no hint (reading it would move the file's position).
#[cfg(not(unix))]
fn gzip_size(_file: &File, _len: u64) -> Option<u64> {
    None
}

/// Builds a [`Reader`].
///
/// ```
/// use factsift_ingest::{Format, Reader};
/// let reader = Reader::builder()
///     .max_document_bytes(1 << 20)
///     .max_line_bytes(1 << 16)
///     .format(Some(Format::Jsonl))
///     .all_files(true)
///     .build()?;
/// assert_eq!((reader.max_document_bytes(), reader.max_line_bytes()), (1 << 20, 1 << 16));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct ReaderBuilder {
    config: Reader,
}

impl Default for ReaderBuilder {
    fn default() -> ReaderBuilder {
        ReaderBuilder {
            config: Reader {
                max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
                max_line_bytes: DEFAULT_MAX_LINE_BYTES,
                format: None,
                all_files: false,
            },
        }
    }
}

impl ReaderBuilder {
    /// The largest document read, in bytes after decompression: a text or
    /// HTML file, one JSONL line, or one WARC record's block (and its
    /// gunzipped HTTP body). A larger one is skipped with
    /// [`SkipReason::TooLarge`] without being kept. Default
    /// [`DEFAULT_MAX_DOCUMENT_BYTES`].
    pub fn max_document_bytes(mut self, limit: u64) -> ReaderBuilder {
        self.config.max_document_bytes = limit;
        self
    }

    /// The longest line of a text page (or a JSONL record's `text`), in
    /// bytes. A page with a longer line is skipped with
    /// [`SkipReason::LineTooLong`]: a line that long is data (an inline
    /// image, a minified script), not prose, and would reach every later
    /// stage as one block. HTML is not checked: its source lines do not
    /// matter. Default [`DEFAULT_MAX_LINE_BYTES`].
    pub fn max_line_bytes(mut self, limit: u64) -> ReaderBuilder {
        self.config.max_line_bytes = limit;
        self
    }

    /// Reads every input as this format instead of telling it from the
    /// extension and content (`None`, the default). Gzip is still detected.
    pub fn format(mut self, format: Option<Format>) -> ReaderBuilder {
        self.config.format = format;
        self
    }

    /// When walking a directory, read every file, hidden ones and those with
    /// any extension, instead of only files whose extension is a page format
    /// (see [`Format`]) or that have no extension. Default `false`; the files
    /// left out are counted in [`Summary::ignored_files`]. Files named as
    /// inputs are always read.
    pub fn all_files(mut self, yes: bool) -> ReaderBuilder {
        self.config.all_files = yes;
        self
    }

    /// The reader, or why this configuration cannot work.
    pub fn build(self) -> Result<Reader, BuildError> {
        if self.config.max_document_bytes == 0 || self.config.max_line_bytes == 0 {
            return Err(BuildError::ZeroLimit);
        }
        Ok(self.config)
    }
}

/// Reads inputs into [`Document`]s, never losing one silently: every input
/// document comes out as exactly one [`Item`], read or skipped with a reason.
///
/// A `Reader` is a small, cheap to clone configuration; reading happens in
/// the [`Items`] iterator it returns, one file at a time and JSONL line by
/// line, so memory does not grow with the number of files or records.
///
/// # Inputs
///
/// - a file: read whatever its name (its format told by extension or
///   content); gzip is recognised by its magic bytes;
/// - a directory: walked recursively in file name order, following symlinks
///   (a loop is reported as [`SkipReason::SymlinkLoop`]); files with a page
///   extension or none are read, hidden entries and other files counted as
///   ignored unless [`ReaderBuilder::all_files`]; entries that are not
///   regular files (FIFOs, sockets, devices) are always ignored;
/// - `-`: standard input, its format sniffed from the content.
///
/// # Documents
///
/// - **id**: the file name without `.gz` and one more extension, `stdin`
///   for `-` ([`document_id`](crate::document_id)), or a JSONL record's `id`;
/// - **source**: the path as given (joined with the directories walked),
///   `path:LINE` for a JSONL record, `-` for standard input;
/// - **text pages**: the whole content; a first line
///   ` date YYYY-MM-DD <rest>` sets the date and its marker (` date
///   YYYY-MM-DD ` with one space) is removed, so the text starts at `<rest>`;
///   ` date ` followed by no valid date leaves the text as it is, with no
///   date and a [`Warning::BadDateLine`];
/// - **HTML pages**: text, title, URL, date and layout from `factsift-html`;
/// - **JSONL records** `{"id", "text" or "html", "date"?, "url"?,
///   "title"?}`: `text` is a text page as above, `html` an HTML page; the
///   record's own `date`, `url` and `title` take precedence over those
///   found in the page.
/// - **WARC** (`.warc`, `.warc.gz`, or content starting `WARC/`): each
///   `response` record with a 2xx status is an HTML page (the body
///   de-chunked, gunzipped and decoded by the HTTP `charset` as needed); id
///   from `WARC-Record-ID` (the UUID of `<urn:uuid:...>`), URL from
///   `WARC-Target-URI`, date from the page, else `WARC-Date`; source
///   `path:LINE` with the line the record starts on. A non-HTML response is
///   skipped ([`SkipReason::NotHtml`]); other records are counted in
///   [`Summary::ignored_records`]. Bad record headers or a cut-short
///   record stop the file with [`SkipReason::MalformedWarc`].
///
/// ```
/// use factsift_ingest::{Item, Reader};
/// let reader = Reader::new();
/// let page = " date 2017-10-02 Xiaomi Q2\nXiaomi shipped 23.16 million smartphones.";
/// let items: Vec<Item> = reader.read_from("corpus/002.txt", page.as_bytes()).collect();
/// let Item::Document { doc, warnings } = &items[0] else { panic!("a document") };
/// assert_eq!((doc.id.as_str(), doc.source.as_str()), ("002", "corpus/002.txt"));
/// assert_eq!(doc.date.map(|d| d.to_string()).as_deref(), Some("2017-10-02"));
/// assert!(doc.text.starts_with("Xiaomi Q2\n"));
/// assert!(warnings.is_empty());
/// ```
#[derive(Clone, Debug)]
pub struct Reader {
    max_document_bytes: u64,
    max_line_bytes: u64,
    format: Option<Format>,
    all_files: bool,
}

impl Default for Reader {
    fn default() -> Reader {
        Reader::new()
    }
}

/// One input document: read, or skipped with the reason.
#[derive(Debug)]
pub enum Item {
    /// A document that was read, and what was noticed about it.
    Document {
        /// The document.
        doc: Document,
        /// Warnings: it was read, but not cleanly (e.g. invalid UTF-8).
        warnings: Vec<Warning>,
    },
    /// An input document that could not be read.
    Skipped(InputError),
}

/// An input document read from its input, its decoding still to do.
///
/// Decoding (character sets, JSON records, HTML extraction) is most of what
/// ingestion costs, and unlike reading it needs nothing but the document's
/// own bytes. [`Items::next_pending`] leaves it to the caller, who may decode
/// many pending documents at once on other threads. Each decoded item must
/// then be passed to [`Items::count`] so that the summary stays exact.
///
/// ```
/// use factsift_ingest::{Item, Reader};
/// let jsonl = b"{\"id\": \"a\", \"text\": \"Sales rose 5%.\"}\n{\"id\": 7}\n";
/// let mut items = Reader::new().read_from("dump.jsonl", &jsonl[..]);
/// let mut pending = Vec::new();
/// while let Some(p) = items.next_pending() {
///     pending.push(p);
/// }
/// // Decoding is independent per document: any thread, any order.
/// let decoded: Vec<Item> = std::thread::scope(|s| {
///     let handles: Vec<_> = pending.into_iter().map(|p| s.spawn(move || p.decode())).collect();
///     handles.into_iter().map(|h| h.join().unwrap()).collect()
/// });
/// for item in &decoded {
///     items.account(item);
/// }
/// assert!(matches!(&decoded[0], Item::Document { doc, .. } if doc.id == "a"));
/// assert!(matches!(&decoded[1], Item::Skipped(err) if err.line == Some(2)));
/// assert_eq!((items.summary().documents, items.summary().skipped), (1, 1));
/// ```
pub struct Pending(Decoding);

enum Decoding {
    Done(Item),
    Later(Box<dyn FnOnce() -> Item + Send>),
}

impl Pending {
    /// Decodes the document: its [`Item`], read or skipped with the reason.
    pub fn decode(self) -> Item {
        match self.0 {
            Decoding::Done(item) => item,
            Decoding::Later(decode) => decode(),
        }
    }

    fn done(item: Item) -> Pending {
        Pending(Decoding::Done(item))
    }

    pub(crate) fn later(decode: impl FnOnce() -> Item + Send + 'static) -> Pending {
        Pending(Decoding::Later(Box::new(decode)))
    }
}

impl From<Item> for Pending {
    fn from(item: Item) -> Pending {
        Pending::done(item)
    }
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Decoding::Done(item) => f.debug_tuple("Pending").field(item).finish(),
            Decoding::Later(_) => f.write_str("Pending(..)"),
        }
    }
}

impl Reader {
    /// A reader with the default settings.
    pub fn new() -> Reader {
        ReaderBuilder::default().config
    }

    /// A builder to change the settings.
    pub fn builder() -> ReaderBuilder {
        ReaderBuilder::default()
    }

    /// The document size limit in bytes.
    pub fn max_document_bytes(&self) -> u64 {
        self.max_document_bytes
    }

    /// The line length limit of text pages in bytes.
    pub fn max_line_bytes(&self) -> u64 {
        self.max_line_bytes
    }

    /// Reads files and directories, and standard input for `-`, in the order
    /// given.
    ///
    /// ```
    /// use factsift_ingest::{Item, Reader};
    /// let dir = tempfile::tempdir()?;
    /// std::fs::write(dir.path().join("b.txt"), "Second page.")?;
    /// std::fs::write(dir.path().join("a.html"), "<title>T</title><p>First page.</p>")?;
    /// std::fs::write(dir.path().join("notes.md"), "not a page")?;
    /// let mut items = Reader::new().read([dir.path()]);
    /// let ids: Vec<String> = items
    ///     .by_ref()
    ///     .filter_map(|item| match item {
    ///         Item::Document { doc, .. } => Some(doc.id),
    ///         Item::Skipped(_) => None,
    ///     })
    ///     .collect();
    /// assert_eq!(ids, ["a", "b"]);
    /// assert_eq!(items.summary().ignored_files, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read<I, P>(&self, inputs: I) -> Items<'static>
    where
        I: IntoIterator<Item = P>,
        P: Into<PathBuf>,
    {
        let inputs = inputs.into_iter().map(|p| Input::Path(p.into())).collect();
        Items::new(self.clone(), inputs)
    }

    /// Reads one stream, named `name` for ids, sources, messages and the
    /// format (`-` for standard input). Its content is one page, or JSONL
    /// records, gzip-compressed or not.
    ///
    /// ```
    /// use factsift_ingest::{Item, Reader};
    /// let input = b"<html><title>Hi</title><p>Sales rose 5%.</p></html>";
    /// let mut items = Reader::new().read_from("-", &input[..]);
    /// let Some(Item::Document { doc, .. }) = items.next() else { panic!("a document") };
    /// assert_eq!((doc.id.as_str(), doc.source.as_str()), ("stdin", "-"));
    /// assert!(doc.text.contains("Sales rose 5%."));
    /// assert!(items.next().is_none());
    /// ```
    pub fn read_from<'a, R: Read + Send + 'a>(&self, name: &str, reader: R) -> Items<'a> {
        let input = Input::Stream(name.to_string(), Box::new(reader));
        Items::new(self.clone(), VecDeque::from([input]))
    }
}

/// One input not yet opened.
enum Input<'a> {
    Path(PathBuf),
    Stream(String, Box<dyn Read + Send + 'a>),
}

/// The stream of [`Item`]s of a run, and its [`Summary`].
///
/// Produced by [`Reader::read`] and [`Reader::read_from`]. It holds at most
/// one open file, one document (JSONL line, WARC record) and one directory
/// listing per level at a time. It is
/// `Send`, so a caller may read on one thread and process on others.
pub struct Items<'a> {
    config: Reader,
    inputs: VecDeque<Input<'a>>,
    walk: Option<walkdir::IntoIter>,
    /// The multi-record input being read, if any.
    records: Option<Records<'a>>,
    summary: Summary,
    bytes: Arc<AtomicU64>,
}

impl std::fmt::Debug for Items<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items")
            .field("config", &self.config)
            .field("summary", &self.summary)
            .finish_non_exhaustive()
    }
}

impl<'a> Items<'a> {
    fn new(config: Reader, inputs: VecDeque<Input<'a>>) -> Items<'a> {
        Items {
            config,
            inputs,
            walk: None,
            records: None,
            summary: Summary::default(),
            bytes: Arc::new(AtomicU64::new(0)),
        }
    }

    /// The counts so far; complete once the iterator returned `None`.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// The next input document with its decoding left to the caller (see
    /// [`Pending`]); `None` at the end of the inputs. Pass each decoded item
    /// to [`Items::count`].
    pub fn next_pending(&mut self) -> Option<Pending> {
        let pending = self.next_uncounted();
        self.summary.bytes = self.bytes.load(Ordering::Relaxed);
        pending
    }

    /// Counts a decoded item in the summary; [`Iterator::next`] does this
    /// itself.
    pub fn account(&mut self, item: &Item) {
        self.summary.record(item);
    }

    /// The next document to decode, before it is counted.
    fn next_uncounted(&mut self) -> Option<Pending> {
        loop {
            if let Some(records) = &mut self.records {
                match records.next_item(&self.config, &mut self.summary) {
                    Some(item) => return Some(item),
                    None => self.records = None,
                }
            }
            if let Some(walk) = &mut self.walk {
                match walk.next() {
                    None => self.walk = None,
                    Some(Err(err)) => return Some(walk_error(err).into()),
                    Some(Ok(entry)) => {
                        let hidden = entry.file_name().as_encoded_bytes().first() == Some(&b'.');
                        if entry.file_type().is_dir() {
                            if hidden && !self.config.all_files {
                                self.summary.ignored_files += 1;
                                walk.skip_current_dir();
                            }
                            continue;
                        }
                        // FIFOs, sockets and devices are not pages, and opening
                        // a FIFO would block the run.
                        let special = !entry.file_type().is_file();
                        if special
                            || !self.config.all_files
                                && (hidden || !is_page_name(entry.file_name()))
                        {
                            self.summary.ignored_files += 1;
                            continue;
                        }
                        if let Some(item) = self.open_path(entry.path()) {
                            return Some(item);
                        }
                    }
                }
                continue;
            }
            match self.inputs.pop_front()? {
                Input::Stream(name, reader) => {
                    if let Some(item) = self.open(name, reader, Sizes::unknown()) {
                        return Some(item);
                    }
                }
                Input::Path(path) if path.as_os_str() == "-" => {
                    if let Some(item) =
                        self.open("-".to_string(), Box::new(io::stdin()), Sizes::unknown())
                    {
                        return Some(item);
                    }
                }
                Input::Path(path) => match std::fs::metadata(&path) {
                    Err(err) => return Some(skipped(&path, SkipReason::Unreadable(err)).into()),
                    Ok(meta) if meta.is_dir() => {
                        self.walk = Some(
                            walkdir::WalkDir::new(&path)
                                .follow_links(true)
                                .min_depth(1)
                                .sort_by_file_name()
                                .into_iter(),
                        );
                    }
                    Ok(_) => {
                        if let Some(item) = self.open_path(&path) {
                            return Some(item);
                        }
                    }
                },
            }
        }
    }

    /// Opens a file; `None` when it holds records (JSONL, WARC: they come
    /// next).
    fn open_path(&mut self, path: &Path) -> Option<Pending> {
        match File::open(path) {
            Ok(file) => {
                // A file smaller than the buffer gets a buffer just big
                // enough: `BufReader` zeroes its whole buffer when it first
                // fills it, which for small pages cost more than parsing
                // them. The first fill still reads the whole file.
                let len = file
                    .metadata()
                    .ok()
                    .filter(std::fs::Metadata::is_file)
                    .map(|m| m.len());
                let capacity = len
                    .and_then(|n| usize::try_from(n.saturating_add(1)).ok())
                    .map_or(BUFFER_BYTES, |n| n.min(BUFFER_BYTES));
                let sizes = Sizes {
                    capacity,
                    plain: len,
                    unpacked: len
                        .filter(|_| {
                            path.extension()
                                .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
                        })
                        .and_then(|n| gzip_size(&file, n)),
                };
                self.open(path.display().to_string(), Box::new(file), sizes)
            }
            Err(err) => Some(skipped(path, SkipReason::Unreadable(err)).into()),
        }
    }

    /// Reads a single-page input to its item, or sets up the record state
    /// (JSONL, WARC) and returns `None`.
    /// `sizes` size the buffers (they never change what is read).
    fn open(
        &mut self,
        name: String,
        raw: Box<dyn Read + Send + 'a>,
        sizes: Sizes,
    ) -> Option<Pending> {
        let capacity = sizes.capacity;
        self.summary.files += 1;
        // One buffer under everything: peeking the magic bytes and the head
        // costs no extra read, and a small file is read in one call.
        let mut raw = BufReader::with_capacity(
            capacity,
            Counting {
                inner: raw,
                bytes: Arc::clone(&self.bytes),
            },
        );
        let fail = |reason| Some(skipped_named(&name, None, reason).into());
        let mut magic = Vec::with_capacity(2);
        if let Err(err) = (&mut raw).take(2).read_to_end(&mut magic) {
            return fail(SkipReason::Unreadable(err));
        }
        let gzip = magic == [0x1f, 0x8b];
        let raw = Cursor::new(magic).chain(raw);
        // The content's expected size, if known: the file's, or the
        // uncompressed size in a gzip file's trailer.
        let expected = if gzip { sizes.unpacked } else { sizes.plain };
        let mut content: Box<dyn BufRead + Send + 'a> = if gzip {
            Box::new(BufReader::with_capacity(
                expected
                    .and_then(|n| usize::try_from(n.saturating_add(1)).ok())
                    .map_or(BUFFER_BYTES, |n| n.min(BUFFER_BYTES)),
                MultiGzDecoder::new(raw),
            ))
        } else {
            Box::new(raw)
        };
        let read_error = |err| {
            if gzip && is_data_error(&err) {
                SkipReason::Decompress(err)
            } else {
                SkipReason::Unreadable(err)
            }
        };
        // (Reading zeroes the spare capacity first: no more than the file needs.)
        let mut head = Vec::with_capacity(SNIFF_BYTES.min(capacity));
        if let Err(err) = (&mut content)
            .take(SNIFF_BYTES as u64)
            .read_to_end(&mut head)
        {
            return fail(read_error(err));
        }
        let format = self
            .config
            .format
            .or_else(|| Format::from_name(strip_gz(&name).0))
            .unwrap_or_else(|| Format::sniff(&head));
        if format == Format::Warc {
            // WARC blocks hold any bytes: no binary check.
            self.records = Some(Records::Warc(Warc {
                file: name,
                reader: Box::new(Cursor::new(head).chain(content)),
                lines: 0,
                records: 0,
                done: false,
                gzip,
            }));
            return None;
        }
        if let Some(cause) = decode::binary_cause(&head) {
            return fail(SkipReason::Binary { cause });
        }
        if format == Format::Jsonl {
            self.records = Some(Records::Jsonl(Jsonl {
                file: name,
                reader: Box::new(Cursor::new(head).chain(content)),
                line: 0,
                items: 0,
                buf: Vec::new(),
                done: false,
                gzip,
            }));
            return None;
        }
        let limit = self.config.max_document_bytes;
        let mut bytes = head;
        // A head shorter than asked for ended at the end of the input.
        if bytes.len() == SNIFF_BYTES {
            let rest = (limit + 1).saturating_sub(bytes.len() as u64);
            // Room for the expected size up front (plus one byte, so that
            // reading the end needs no growth): no copies while growing,
            // and large reads bypass the buffer.
            if let Some(n) = expected
                .map(|n| n.min(limit).min(MAX_RESERVE).saturating_add(1))
                .and_then(|n| usize::try_from(n).ok())
            {
                bytes.reserve(n.saturating_sub(bytes.len()));
            }
            if let Err(err) = content.take(rest).read_to_end(&mut bytes) {
                return fail(read_error(err));
            }
        }
        if bytes.len() as u64 > limit {
            return fail(SkipReason::TooLarge { limit });
        }
        let config = self.config.clone();
        Some(Pending::later(move || {
            let mut warnings = Vec::new();
            let id = document_id(&name);
            let meta = Meta::default();
            let doc = match format {
                Format::Html => {
                    let html = decode::decode_html(bytes, &mut warnings);
                    html_document(id, name.clone(), &html, meta, limit)
                }
                _ => {
                    let text = decode::decode(bytes, &mut warnings);
                    text_document(id, name.clone(), text, meta, &config, &mut warnings)
                }
            };
            match doc {
                Ok(doc) => Item::Document { doc, warnings },
                Err(reason) => skipped_named(&name, None, reason),
            }
        }))
    }
}

impl Iterator for Items<'_> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let item = self.next_pending()?.decode();
        self.account(&item);
        Some(item)
    }
}

/// Whether a directory entry's name is read by default: a page extension
/// (after `.gz`), or no extension.
fn is_page_name(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    let (base, _) = strip_gz(&name);
    Format::from_name(base).is_some() || Path::new(base).extension().is_none()
}

pub(crate) fn is_data_error(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof
    )
}

fn skipped(path: &Path, reason: SkipReason) -> Item {
    skipped_named(&path.display().to_string(), None, reason)
}

fn skipped_named(file: &str, line: Option<u64>, reason: SkipReason) -> Item {
    Item::Skipped(InputError {
        file: file.to_string(),
        line,
        id: None,
        reason,
    })
}

fn walk_error(err: walkdir::Error) -> Item {
    let file = err
        .path()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let reason = match err.loop_ancestor() {
        Some(ancestor) => SkipReason::SymlinkLoop {
            ancestor: ancestor.to_path_buf(),
        },
        None => SkipReason::Unreadable(io::Error::from(err)),
    };
    skipped_named(&file, None, reason)
}

/// Counts the bytes read from an input as stored.
struct Counting<R> {
    inner: R,
    bytes: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// What a JSONL record says of its document besides the body.
#[derive(Default)]
pub(crate) struct Meta {
    pub(crate) date: Option<Date>,
    pub(crate) url: Option<String>,
    pub(crate) title: Option<String>,
}

/// A text page's document; the marker line gives the date unless `meta`
/// has one.
fn text_document(
    id: String,
    source: String,
    mut text: String,
    meta: Meta,
    config: &Reader,
    warnings: &mut Vec<Warning>,
) -> Result<Document, SkipReason> {
    // Decoding can make the text longer than the bytes that were checked
    // (UTF-16 or a one-byte charset to UTF-8).
    let limit = config.max_document_bytes;
    if text.len() as u64 > limit {
        return Err(SkipReason::TooLarge { limit });
    }
    if let Some(line) = long_line(&text, config.max_line_bytes) {
        return Err(SkipReason::LineTooLong {
            line,
            limit: config.max_line_bytes,
        });
    }
    let mut date = None;
    match decode::date_line(&text) {
        DateLine::Absent => {}
        DateLine::Date(d, marker) => {
            date = Some(d);
            text.drain(..marker);
        }
        DateLine::Invalid(value) => warnings.push(Warning::BadDateLine { value }),
    }
    if text.trim().is_empty() {
        return Err(SkipReason::Empty);
    }
    Ok(Document {
        id,
        source,
        url: meta.url,
        date: meta.date.or(date),
        title: meta.title,
        text,
        layout: None,
    })
}

/// The 1-based number of the first line longer than `limit` bytes.
fn long_line(text: &str, limit: u64) -> Option<u64> {
    if text.len() as u64 <= limit {
        return None;
    }
    let bytes = text.as_bytes();
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    for (i, end) in ends.enumerate() {
        if (end - start) as u64 > limit {
            return Some(i as u64 + 1);
        }
        start = end + 1;
    }
    None
}

/// An HTML page's document; `meta` takes precedence over the page's own.
/// The visible text must fit in `limit` bytes: the page's bytes were checked
/// before decoding, which can make the text longer (UTF-16, one-byte
/// charsets).
pub(crate) fn html_document(
    id: String,
    source: String,
    html: &str,
    meta: Meta,
    limit: u64,
) -> Result<Document, SkipReason> {
    if html.trim().is_empty() {
        return Err(SkipReason::Empty);
    }
    let page = html::extract(html);
    if page.text.trim().is_empty() {
        return Err(SkipReason::NoText);
    }
    if page.text.len() as u64 > limit {
        return Err(SkipReason::TooLarge { limit });
    }
    Ok(Document {
        id,
        source,
        url: meta.url.or(page.url),
        date: meta.date.or(page.date),
        title: meta.title.or(page.title),
        text: page.text,
        layout: Some(page.layout),
    })
}

/// An input holding many documents, read one record at a time. A new
/// container format (e.g. WARC) is a new variant with its own state; it
/// shares the opening (gzip, binary check), the document builders
/// ([`text_document`], [`html_document`]) and the accounting.
enum Records<'a> {
    Jsonl(Jsonl<'a>),
    Warc(Warc<'a>),
}

impl Records<'_> {
    fn next_item(&mut self, config: &Reader, summary: &mut Summary) -> Option<Pending> {
        match self {
            Records::Jsonl(jsonl) => jsonl.next_item(config),
            Records::Warc(warc) => warc.next_item(config, summary),
        }
    }
}

/// The state of a JSONL input being read line by line.
struct Jsonl<'a> {
    file: String,
    reader: Box<dyn BufRead + Send + 'a>,
    /// The last line read, 1-based.
    line: u64,
    /// Items produced from this file.
    items: u64,
    buf: Vec<u8>,
    done: bool,
    gzip: bool,
}

/// The outcome of reading one line.
enum LineRead {
    Eof,
    Complete,
    TooLong,
}

impl Jsonl<'_> {
    fn next_item(&mut self, config: &Reader) -> Option<Pending> {
        let item = self.next_uncounted(config);
        if item.is_some() {
            self.items += 1;
        }
        item
    }

    fn next_uncounted(&mut self, config: &Reader) -> Option<Pending> {
        let limit = config.max_document_bytes;
        while !self.done {
            self.buf.clear();
            let read = read_line(&mut self.reader, &mut self.buf, limit);
            let line = self.line + 1;
            match read {
                Err(err) => {
                    self.done = true;
                    let reason = if self.gzip && is_data_error(&err) {
                        SkipReason::Decompress(err)
                    } else {
                        SkipReason::Unreadable(err)
                    };
                    return Some(skipped_named(&self.file, Some(line), reason).into());
                }
                Ok(LineRead::Eof) => {
                    self.done = true;
                    if self.items == 0 {
                        return Some(skipped_named(&self.file, None, SkipReason::Empty).into());
                    }
                }
                Ok(LineRead::TooLong) => {
                    self.line = line;
                    let too_long = SkipReason::TooLarge { limit };
                    return Some(skipped_named(&self.file, Some(line), too_long).into());
                }
                Ok(LineRead::Complete) => {
                    self.line = line;
                    if let Some(item) = self.record(line, config) {
                        return Some(item);
                    }
                }
            }
        }
        None
    }

    /// The document of the line in `buf`, to decode; `None` for a blank
    /// line.
    fn record(&mut self, line: u64, config: &Reader) -> Option<Pending> {
        let mut bytes = std::mem::take(&mut self.buf);
        while matches!(bytes.last(), Some(b'\n' | b'\r')) {
            bytes.pop();
        }
        if decode::is_blank(&bytes) {
            self.buf = bytes;
            return None;
        }
        let file = self.file.clone();
        let config = config.clone();
        Some(Pending::later(move || {
            record_item(bytes, file, line, &config)
        }))
    }
}

/// Decodes one JSONL record (`bytes`, line `line` of `file`) to its item.
fn record_item(bytes: Vec<u8>, file: String, line: u64, config: &Reader) -> Item {
    let mut warnings = Vec::new();
    let text = decode::decode(bytes, &mut warnings);
    let source = format!("{file}:{line}");
    let fail = |id, reason| {
        Item::Skipped(InputError {
            file: file.clone(),
            line: Some(line),
            id,
            reason,
        })
    };
    let Record {
        id,
        body,
        date,
        url,
        title,
    } = match record::parse(&text, &mut warnings) {
        Ok(record) => record,
        Err((id, reason)) => return fail(id, reason),
    };
    let meta = Meta { date, url, title };
    let doc = match body {
        Body::Text(text) => text_document(id.clone(), source, text, meta, config, &mut warnings),
        Body::Html(html) => {
            html_document(id.clone(), source, &html, meta, config.max_document_bytes)
        }
    };
    match doc {
        Ok(doc) => Item::Document { doc, warnings },
        Err(reason) => fail(Some(id), reason),
    }
}

/// Reads one line (with its `\n`) into `buf`, keeping at most `limit` bytes
/// of it; a longer line is read to its end, dropped, and reported.
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, limit: u64) -> io::Result<LineRead> {
    let mut any = false;
    let mut too_long = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if chunk.is_empty() {
            return Ok(match (any, too_long) {
                (false, _) => LineRead::Eof,
                (true, true) => LineRead::TooLong,
                (true, false) => LineRead::Complete,
            });
        }
        any = true;
        let (take, end) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if !too_long {
            let content = buf.len() + take - usize::from(end);
            if content as u64 > limit {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&chunk[..take]);
            }
        }
        reader.consume(take);
        if end {
            return Ok(if too_long {
                LineRead::TooLong
            } else {
                LineRead::Complete
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[cfg(unix)]
    #[test]
    fn gzip_size_reads_the_trailer_without_moving_the_file() {
        let text = "Some page text.\n".repeat(1000);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(text.as_bytes()).unwrap();
        let mut tmp = tempfile::NamedTempFile::new().unwrap();
        tmp.write_all(&gz.finish().unwrap()).unwrap();
        let mut file = File::open(tmp.path()).unwrap();
        let len = file.metadata().unwrap().len();
        assert_eq!(gzip_size(&file, len), Some(text.len() as u64));
        let mut magic = [0u8; 2];
        file.read_exact(&mut magic).unwrap();
        assert_eq!(magic, [0x1f, 0x8b]);
        assert_eq!(gzip_size(&file, 10), None);
    }
}
