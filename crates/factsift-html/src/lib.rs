//! # Overview
//!
//! `factsift-html` turns an HTML page into what every later factsift stage
//! reads: the page's visible text with one block per line, a summary of
//! the element tree for boilerplate decisions ([`Layout`]), and the page's
//! title, URL and publication date.
//!
//! - [`extract`] takes any string and never fails; [`Extractor`] does the
//!   same with options (extra date meta keys, classes that hide content).
//! - [`decode`] turns a page's bytes into a `String`, honouring a BOM and
//!   `<meta charset>`, and says whether decoding was lossy.
//!
//! The parser is a streaming WHATWG-style tokenizer with a tree builder
//! that keeps only the stack of open elements: no DOM is built, nothing
//! recurses, and deeply nested or malformed pages stay linear in time.
//!
//! # Why its own parser
//!
//! `scripts/html_parser_shootout.sh` measures the candidates on the AEB
//! pages. html5ever (through `scraper`) is spec-exact but several times
//! slower and quadratic on deep nesting (minutes for 100,000 nested
//! `<div>`s: its scope checks walk the whole open-element stack). `tl` and
//! `lol_html` are fast but give no tree construction (implied end tags,
//! scopes), so a layout built on them needs the same stack logic as here.
//! `html5gum` is a spec tokenizer only, and slower than this one. The
//! rules kept here are those that decide which element holds each piece of
//! text; `tests/cases/extract.txt` pins them down.
//!
//! # Example
//!
//! ```
//! let html = r#"<html><head><title>Xiaomi &amp; wearables</title>
//!   <meta property="article:published_time" content="2017-08-21T09:00:00Z">
//!   <link rel="canonical" href="https://example.com/a"></head>
//!   <body><nav><a href="/">Home</a></nav>
//!   <article class="post-body"><h1>Xiaomi on top</h1>
//!   <p>Xiaomi shipped <b>23.16 million</b>
//!      smartphones.<script>var x = 1;</script></p></article></body></html>"#;
//! let page = factsift_html::extract(html);
//! assert_eq!(page.title.as_deref(), Some("Xiaomi & wearables"));
//! assert_eq!(page.url.as_deref(), Some("https://example.com/a"));
//! assert_eq!(page.date.map(|d| d.to_string()).as_deref(), Some("2017-08-21"));
//! assert_eq!(page.text, "Home\nXiaomi on top\nXiaomi shipped 23.16 million smartphones.\n");
//! let blocks = &page.layout.blocks;
//! assert_eq!(blocks.len(), 3);
//! assert_eq!(blocks[0].link_bytes, 4);
//! let h1 = &page.layout.elements[blocks[1].element];
//! assert_eq!(h1.tag, "h1");
//! let article = &page.layout.elements[h1.parent.unwrap()];
//! assert_eq!((article.tag.as_str(), article.hints.as_str()), ("article", "post-body"));
//! assert_eq!(blocks[2].span.slice(&page.text), "Xiaomi shipped 23.16 million smartphones.");
//! ```
#![deny(missing_docs)]

mod charset;
mod entities;
mod extract;
mod meta;
mod tags;
mod tokenizer;

pub use crate::charset::decode;
pub use factsift_core::{Block, Date, Element, Layout};

/// What [`extract`] reads from an HTML page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    /// The `<title>`, else `og:title`; whitespace collapsed, references decoded.
    pub title: Option<String>,
    /// `<link rel="canonical">`, else `og:url`.
    pub url: Option<String>,
    /// The publication date: from `article:published_time` and similar meta
    /// tags, JSON-LD `datePublished` (also in `@graph` and arrays),
    /// `itemprop="datePublished"`, or `<time datetime>` (preferring one
    /// with `pubdate` or inside `<article>`).
    pub date: Option<Date>,
    /// The visible text, one block per line, each line ended by `\n`.
    pub text: String,
    /// The elements and blocks; each block's span is one line of `text`.
    pub layout: Layout,
}

/// Extracts text, layout and metadata from an HTML page with the default
/// options. Infallible: any input yields a [`Page`], possibly empty.
///
/// ```
/// let page = factsift_html::extract("<p>a<br>b</p><div hidden>secret</div><ul><li>c<li>d</ul>");
/// assert_eq!(page.text, "a\nb\nc\nd\n");
/// let lines: Vec<&str> = page.layout.blocks.iter().map(|b| b.span.slice(&page.text)).collect();
/// assert_eq!(lines, ["a", "b", "c", "d"]);
/// ```
pub fn extract(html: &str) -> Page {
    Extractor::default_ref().extract(html)
}

/// An error building an [`Extractor`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    /// A line of extra date meta keys is not `key<TAB>rank`.
    #[error("date meta keys, line {line}: expected `key<TAB>rank` (rank 0-255), got {text:?}")]
    DateMetaLine {
        /// 1-based line number.
        line: usize,
        /// The line.
        text: String,
    },
}

/// Builds an [`Extractor`] with options.
///
/// ```
/// let ex = factsift_html::Extractor::builder()
///     .date_meta_keys("my.pubdate\t0\n")
///     .hidden_class("promo")
///     .build()?;
/// let html = r#"<meta name="my.pubdate" content="2020-02-03">
///   <p>a<span class="sr-only">b</span><span class="promo">c</span></p>"#;
/// let page = ex.extract(html);
/// assert_eq!(page.date.map(|d| d.to_string()).as_deref(), Some("2020-02-03"));
/// assert_eq!(page.text, "a\n");
/// let all = factsift_html::Extractor::builder().default_hidden_classes(false).build()?;
/// assert_eq!(all.extract(html).text, "abc\n");
/// assert!(factsift_html::Extractor::builder().date_meta_keys("bad line").build().is_err());
/// # Ok::<(), factsift_html::BuildError>(())
/// ```
#[derive(Clone, Debug)]
pub struct ExtractorBuilder {
    date_meta: String,
    hidden_classes: Vec<String>,
    default_hidden_classes: bool,
}

impl Default for ExtractorBuilder {
    fn default() -> ExtractorBuilder {
        ExtractorBuilder {
            date_meta: String::new(),
            hidden_classes: Vec::new(),
            default_hidden_classes: true,
        }
    }
}

/// Screen-reader-only classes hidden by default (`data/hidden_classes.txt`).
const HIDDEN_CLASSES: &str = include_str!("../data/hidden_classes.txt");

impl ExtractorBuilder {
    /// Adds meta keys that give a publication date, one `key<TAB>rank` per
    /// line (rank 0 is the most trusted; see `data/date_meta.tsv`).
    pub fn date_meta_keys(mut self, tsv: &str) -> ExtractorBuilder {
        self.date_meta.push_str(tsv);
        self.date_meta.push('\n');
        self
    }

    /// Treats elements with this class as hidden, in addition to the
    /// screen-reader-only classes of `data/hidden_classes.txt`.
    pub fn hidden_class(mut self, class: &str) -> ExtractorBuilder {
        self.hidden_classes.push(class.to_string());
        self
    }

    /// Whether the screen-reader-only classes of `data/hidden_classes.txt`
    /// (`sr-only`, `visually-hidden`, ...) hide content (default: yes).
    pub fn default_hidden_classes(mut self, yes: bool) -> ExtractorBuilder {
        self.default_hidden_classes = yes;
        self
    }

    /// The extractor, or an error naming a malformed option line.
    pub fn build(self) -> Result<Extractor, BuildError> {
        let lexicon = if self.date_meta.trim().is_empty() {
            None
        } else {
            Some(
                meta::Lexicon::parse(&self.date_meta)
                    .map_err(|(line, text)| BuildError::DateMetaLine { line, text })?,
            )
        };
        let mut hidden_classes = self.hidden_classes;
        if self.default_hidden_classes {
            hidden_classes.extend(
                HIDDEN_CLASSES
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(str::to_string),
            );
        }
        hidden_classes.retain(|c| !c.is_empty());
        Ok(Extractor {
            lexicon,
            hidden_classes,
        })
    }
}

/// Extracts pages with fixed options; `Send + Sync`, so one can serve
/// many threads.
pub struct Extractor {
    lexicon: Option<meta::Lexicon>,
    hidden_classes: Vec<String>,
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor")
            .field("custom_lexicon", &self.lexicon.is_some())
            .field("hidden_classes", &self.hidden_classes)
            .finish()
    }
}

impl Extractor {
    /// A builder with the default options.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    fn default_ref() -> &'static Extractor {
        static DEFAULT: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
        DEFAULT.get_or_init(Extractor::default)
    }
}

impl Default for Extractor {
    /// The extractor [`extract`] uses.
    fn default() -> Extractor {
        ExtractorBuilder::default()
            .build()
            .unwrap_or_else(|_| Extractor {
                lexicon: None,
                hidden_classes: Vec::new(),
            })
    }
}

impl Extractor {
    /// Extracts text, layout and metadata; see [`extract`].
    ///
    /// ```
    /// let ex = factsift_html::Extractor::builder().build()?;
    /// let page = ex.extract("<table><tr><td>Q2<td>23.16</table>");
    /// assert_eq!(page.text, "Q2\n23.16\n");
    /// # Ok::<(), factsift_html::BuildError>(())
    /// ```
    pub fn extract(&self, html: &str) -> Page {
        let opts = extract::Options {
            lexicon: self
                .lexicon
                .as_ref()
                .unwrap_or_else(|| meta::Lexicon::default_ref()),
            hidden_classes: &self.hidden_classes,
        };
        let out = extract::run(html, opts);
        Page {
            title: out.title,
            url: out.url,
            date: out.date,
            text: out.text,
            layout: out.layout,
        }
    }
}

/// The stage struct is shared across threads by the CLI.
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<Extractor>();
};
