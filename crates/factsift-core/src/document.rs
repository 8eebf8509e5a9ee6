//! Documents as ingested, with the page layout of HTML sources.

use crate::{Date, Span};
use serde::{Deserialize, Serialize};

/// One input document: a page's text as ingested, and what is known of it.
///
/// Every span of every later stage is a byte range into [`Document::text`].
/// For a text page that is the page as read (less a leading date line);
/// for an HTML page it is the visible text that ingestion extracts, one
/// block per line, and [`Document::layout`] says which element each line
/// came from.
///
/// ```
/// use factsift_core::Document;
/// let doc = Document::new("a1", "Xiaomi shipped 23.16 million units.");
/// assert_eq!(doc.id, "a1");
/// assert!(doc.date.is_none() && doc.layout.is_none());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The document id: the file name without its extensions, or a record's `id`.
    pub id: String,
    /// Where it was read from: a path, `path:line` for a JSONL record, or `-`.
    pub source: String,
    /// The page's URL, when known.
    pub url: Option<String>,
    /// The publication date, when known.
    pub date: Option<Date>,
    /// The page title given by its metadata (an HTML `<title>`), when known.
    pub title: Option<String>,
    /// The text all spans point into.
    pub text: String,
    /// Block structure of an HTML page; `None` for plain text.
    pub layout: Option<Layout>,
}

impl Document {
    /// A document with an id and text and nothing else known.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            ..Document::default()
        }
    }
}

/// A summary of an HTML page's element tree: enough for boilerplate
/// decisions on the DOM without keeping or re-parsing the HTML.
///
/// `elements` holds every element that encloses at least one block, parents
/// before children; `blocks` holds the text blocks in document order, each a
/// line of [`Document::text`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    /// Elements, parents before children; indexed by [`Block::element`] and
    /// [`Element::parent`].
    pub elements: Vec<Element>,
    /// Text blocks in document order.
    pub blocks: Vec<Block>,
}

impl Layout {
    /// The chain of element indices from `element` up to the root.
    ///
    /// ```
    /// use factsift_core::{Element, Layout};
    /// let el = |tag: &str, parent| Element { tag: tag.into(), hints: String::new(), parent };
    /// let layout = Layout {
    ///     elements: vec![el("body", None), el("article", Some(0)), el("p", Some(1))],
    ///     blocks: vec![],
    /// };
    /// assert_eq!(layout.ancestors(2).collect::<Vec<_>>(), vec![2, 1, 0]);
    /// ```
    pub fn ancestors(&self, element: usize) -> impl Iterator<Item = usize> + '_ {
        let mut next = (element < self.elements.len()).then_some(element);
        std::iter::from_fn(move || {
            let current = next?;
            next = self
                .elements
                .get(current)
                .and_then(|e| e.parent)
                .filter(|&p| p < current);
            Some(current)
        })
    }
}

/// One element of an HTML page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Element {
    /// Lowercase tag name (`div`, `p`, `article`, `nav`, ...).
    pub tag: String,
    /// Lowercase words of its `class`, `id`, `role` and `itemprop`
    /// attributes, space separated (`"post-body entry-content main"`).
    pub hints: String,
    /// Index of the parent element, `None` for a root.
    pub parent: Option<usize>,
}

/// One block of text: a line of [`Document::text`] from one block element.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// The line's bytes in the document text (without the newline).
    pub span: Span,
    /// Index of the innermost block-level element holding the text.
    pub element: usize,
    /// How many bytes of the line are link text (inside `<a href>`).
    pub link_bytes: usize,
}
