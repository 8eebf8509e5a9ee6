//! The streaming tree builder: tokens in, text lines, layout and metadata
//! out, with no DOM and no recursion.
//!
//! It keeps only the stack of open elements, and follows the WHATWG tree
//! construction rules that change which element a piece of text is in:
//! implied end tags (`<p>`, `<li>`, `<dd>`/`<dt>`, table cells and rows,
//! `<option>`), scope boundaries for end tags, and raw-text elements. Every
//! lookup on the stack is O(1) (per-tag position lists) or bounded, so
//! deeply nested or malformed input stays linear.

use crate::entities;
use crate::meta::{self, BestDate, Lexicon};
use crate::tags::{self, id};
use crate::tokenizer::{Attr, Token, Tokenizer};
use factsift_core::{Block, Element, Layout, Span};
use std::collections::HashMap;

/// No layout index yet.
const NONE: u32 = u32::MAX;

/// A hash of a tag name, ASCII case-insensitive (FNV-1a), to find open
/// elements of unknown names in O(1).
fn name_hash(name: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in name.as_bytes() {
        h ^= u64::from(b.to_ascii_lowercase());
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// One open element.
#[derive(Clone, Copy)]
struct Open<'a> {
    tag: u8,
    flags: u16,
    /// The name as written, for matching end tags of unknown elements.
    name: &'a str,
    /// The raw `class`, `id`, `role` and `itemprop` values (block
    /// elements), turned into hints only if the element encloses a block.
    hint_attrs: [&'a str; 4],
    /// Index in `Layout::elements`, once it encloses a block.
    layout: u32,
    skip: bool,
    link: bool,
}

/// What to do with the raw text that follows a raw-text start tag.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Capture {
    None,
    Drop,
    Title,
    JsonLd,
    Visible,
}

/// Options of one extraction.
#[derive(Clone, Copy)]
pub(crate) struct Options<'l> {
    pub(crate) lexicon: &'l Lexicon,
    pub(crate) hidden_classes: &'l [String],
}

/// The result of one extraction.
pub(crate) struct Extracted {
    pub(crate) title: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) date: Option<factsift_core::Date>,
    pub(crate) text: String,
    pub(crate) layout: Layout,
}

struct Builder<'a, 'l> {
    opts: Options<'l>,
    stack: Vec<Open<'a>>,
    /// Per tag id, the stack positions of its open elements.
    positions: Vec<Vec<u32>>,
    /// Per name hash, the stack positions of open unknown elements.
    unknown: nohash_hasher::IntMap<u64, Vec<u32>>,
    /// Stack positions of open SCOPE and TABLE_SCOPE elements, of SPECIAL
    /// elements, of SPECIAL elements other than address, div and p (which
    /// bound list items), and of foreign (SVG, MathML) roots.
    scope: Vec<u32>,
    table_scope: Vec<u32>,
    special: Vec<u32>,
    list_bound: Vec<u32>,
    foreign_roots: Vec<u32>,
    /// Stack positions of open block elements; the first `block_mat` of
    /// them have a layout index.
    blocks_open: Vec<u32>,
    block_mat: usize,
    skip: u32,
    links: u32,
    pre: u32,
    foreign: u32,
    capture: Capture,
    // Output.
    text: String,
    line_start: usize,
    line_element: usize,
    line_links: usize,
    pending_space: bool,
    last_was_link: bool,
    elements: Vec<Element>,
    blocks: Vec<Block>,
    // Metadata.
    title: Option<String>,
    og_title: Option<String>,
    canonical: Option<String>,
    og_url: Option<String>,
    date: BestDate,
    json_ld: Vec<&'a str>,
    /// A date element without a machine-readable value whose start tag is
    /// being handled: its rank.
    date_pending: Option<u8>,
    /// The text of such an element: the stack depth it lives at, its rank,
    /// and the text so far.
    date_text: Option<(usize, u8, String)>,
    scratch: String,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// Collapses whitespace and decodes references: for titles and attributes.
fn clean(s: &str, decode: bool) -> String {
    let mut decoded = String::new();
    let s = if decode && s.contains('&') {
        entities::decode_into(s, false, &mut decoded);
        decoded.as_str()
    } else {
        s
    };
    let mut out = String::with_capacity(s.len());
    for w in s.split(|c: char| c.is_whitespace()) {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn attr<'a>(attrs: &[Attr<'a>], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|a| a.name.eq_ignore_ascii_case(name))
        .map(|a| a.value)
}

fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

impl<'a, 'l> Builder<'a, 'l> {
    fn new(opts: Options<'l>, capacity: usize) -> Builder<'a, 'l> {
        let mut b = Builder {
            opts,
            stack: Vec::with_capacity(64),
            positions: vec![Vec::new(); tags::TAGS.len()],
            unknown: HashMap::default(),
            scope: Vec::new(),
            table_scope: Vec::new(),
            special: Vec::new(),
            list_bound: Vec::new(),
            foreign_roots: Vec::new(),
            blocks_open: Vec::new(),
            block_mat: 0,
            skip: 0,
            links: 0,
            pre: 0,
            foreign: 0,
            capture: Capture::None,
            text: String::with_capacity(capacity / 4),
            line_start: 0,
            line_element: 0,
            line_links: 0,
            pending_space: false,
            last_was_link: false,
            elements: Vec::new(),
            blocks: Vec::new(),
            title: None,
            og_title: None,
            canonical: None,
            og_url: None,
            date: BestDate::default(),
            json_ld: Vec::new(),
            date_pending: None,
            date_text: None,
            scratch: String::new(),
        };
        // The root every page has, whether or not it writes <html>.
        b.push(id::HTML, "html", &[], false);
        b
    }

    // ----- the stack -----

    fn push(&mut self, tag: u8, name: &'a str, attrs: &[Attr<'a>], hidden: bool) {
        let flags = tags::flags(tag);
        let pos = self.stack.len() as u32;
        let mut hint_attrs = [""; 4];
        if flags & tags::BLOCK != 0 {
            self.break_line();
            hint_attrs = hint_attrs_of(attrs);
            self.blocks_open.push(pos);
        }
        if tag != id::UNKNOWN {
            self.positions[tag as usize].push(pos);
        } else {
            self.unknown.entry(name_hash(name)).or_default().push(pos);
        }
        if flags & tags::SCOPE != 0 {
            self.scope.push(pos);
        }
        if flags & tags::TABLE_SCOPE != 0 {
            self.table_scope.push(pos);
        }
        if flags & tags::SPECIAL != 0 {
            self.special.push(pos);
            if !matches!(tag, id::ADDRESS | id::DIV | id::P) {
                self.list_bound.push(pos);
            }
        }
        if flags & tags::FOREIGN != 0 {
            self.foreign_roots.push(pos);
        }
        let skip = hidden || flags & tags::SKIP != 0;
        let link = tag == id::A && attr(attrs, "href").is_some();
        self.skip += skip as u32;
        self.links += link as u32;
        self.pre += (flags & tags::PRE != 0) as u32;
        self.foreign += (flags & tags::FOREIGN != 0) as u32;
        self.stack.push(Open {
            tag,
            flags,
            name,
            hint_attrs,
            layout: NONE,
            skip,
            link,
        });
    }

    fn pop(&mut self) {
        if self.stack.len() <= 1 {
            return;
        }
        let Some(open) = self.stack.pop() else { return };
        let flags = open.flags;
        if open.tag != id::UNKNOWN {
            self.positions[open.tag as usize].pop();
        } else if let Some(list) = self.unknown.get_mut(&name_hash(open.name)) {
            list.pop();
        }
        if flags & tags::SCOPE != 0 {
            self.scope.pop();
        }
        if flags & tags::TABLE_SCOPE != 0 {
            self.table_scope.pop();
        }
        if flags & tags::SPECIAL != 0 {
            self.special.pop();
            if !matches!(open.tag, id::ADDRESS | id::DIV | id::P) {
                self.list_bound.pop();
            }
        }
        if flags & tags::FOREIGN != 0 {
            self.foreign_roots.pop();
        }
        if flags & tags::BLOCK != 0 {
            self.break_line();
            self.blocks_open.pop();
            self.block_mat = self.block_mat.min(self.blocks_open.len());
        }
        self.skip -= open.skip as u32;
        self.links -= open.link as u32;
        self.pre -= (flags & tags::PRE != 0) as u32;
        self.foreign -= (flags & tags::FOREIGN != 0) as u32;
        if self
            .date_text
            .as_ref()
            .is_some_and(|(depth, _, _)| self.stack.len() < *depth)
        {
            self.end_date_text();
        }
    }

    /// Parses the collected text of a date element.
    fn end_date_text(&mut self) {
        if let Some((_, rank, text)) = self.date_text.take() {
            let d = self.opts.lexicon.parse_date(&clean(&text, true));
            self.date.offer(rank, d);
        }
    }

    /// Pops elements until the stack has `len` entries (never the root).
    fn pop_to(&mut self, len: usize) {
        let len = len.max(1);
        while self.stack.len() > len {
            self.pop();
        }
    }

    fn last_pos(&self, tag: u8) -> Option<usize> {
        self.positions
            .get(tag as usize)
            .and_then(|p| p.last())
            .map(|&p| p as usize)
    }

    /// The position of the innermost open `tag` if no boundary of `bounds`
    /// lies above it (a boundary may be the element itself).
    fn in_scope(&self, tag: u8, bounds: &[u32]) -> Option<usize> {
        let pos = self.last_pos(tag)?;
        let bound = bounds.last().map_or(0, |&b| b as usize);
        (pos >= bound).then_some(pos)
    }

    fn close_p(&mut self) {
        if let Some(pos) = self.in_scope(id::P, &self.scope) {
            self.pop_to(pos);
        }
    }

    /// Closes the outermost open element among `targets` that lies in the
    /// current table (table scope), and everything inside it.
    fn close_in_table_scope(&mut self, targets: &[u8]) {
        let pos = targets
            .iter()
            .filter_map(|&t| self.in_scope(t, &self.table_scope))
            .min();
        if let Some(pos) = pos {
            self.pop_to(pos);
        }
    }

    /// For `<li>`, `<dd>`, `<dt>`: closes the innermost open one unless a
    /// special element other than address, div and p is above it.
    fn close_list_item(&mut self, targets: &[u8]) {
        let pos = targets.iter().filter_map(|&t| self.last_pos(t)).max();
        let bound = self.list_bound.last().map_or(0, |&b| b as usize);
        if let Some(pos) = pos
            && pos >= bound
        {
            self.pop_to(pos);
        }
    }

    /// The innermost open element named `name` (a known tag id, or an
    /// unknown name), if no special element is above it; for foreign
    /// content, if it is inside the innermost foreign root.
    fn find_open(&self, tag: u8, name: &str) -> Option<usize> {
        let pos = if tag != id::UNKNOWN {
            self.last_pos(tag)?
        } else {
            let pos = *self.unknown.get(&name_hash(name))?.last()? as usize;
            // A hash collision would name another element: check.
            if !self.stack.get(pos)?.name.eq_ignore_ascii_case(name) {
                return None;
            }
            pos
        };
        let bound = if self.foreign > 0 {
            self.foreign_roots.last()
        } else {
            self.special.last()
        };
        let bound = bound.map_or(0, |&b| b as usize);
        (pos >= bound).then_some(pos)
    }

    // ----- tokens -----

    fn start_tag(&mut self, name: &'a str, self_closing: bool, attrs: &[Attr<'a>]) {
        let tag = tags::lookup(name);
        if self.foreign > 0 {
            // Inside SVG or MathML: all dropped, self-closing honoured.
            if !self_closing {
                self.push(id::UNKNOWN, name, attrs, false);
            }
            return;
        }
        let flags = tags::flags(tag);
        self.date_pending = None;
        if !attrs.is_empty() || tag == id::TIME {
            self.metadata(tag, attrs);
        }
        match tag {
            id::HTML => {
                if self.stack.len() == 1 && self.block_mat == 0 {
                    self.stack[0].hint_attrs = hint_attrs_of(attrs);
                }
                return;
            }
            id::BODY => {
                if self.last_pos(id::BODY).is_none() {
                    self.push(tag, name, attrs, false);
                }
                return;
            }
            id::HEAD => return,
            _ => {}
        }
        if flags & tags::CLOSES_P != 0 {
            self.close_p();
        }
        match tag {
            _ if flags & tags::HEADING != 0 => {
                if let Some(top) = self.stack.last()
                    && top.flags & tags::HEADING != 0
                {
                    self.pop();
                }
            }
            id::LI => self.close_list_item(&[id::LI]),
            id::DD | id::DT => self.close_list_item(&[id::DD, id::DT]),
            id::TD | id::TH => self.close_in_table_scope(&[id::TD, id::TH]),
            id::TR => self.close_in_table_scope(&[id::TD, id::TH, id::TR]),
            id::THEAD | id::TBODY | id::TFOOT => self.close_in_table_scope(&[
                id::TD,
                id::TH,
                id::TR,
                id::THEAD,
                id::TBODY,
                id::TFOOT,
            ]),
            id::OPTION | id::OPTGROUP => {
                if self.stack.last().is_some_and(|o| o.tag == id::OPTION) {
                    self.pop();
                }
                if tag == id::OPTGROUP && self.stack.last().is_some_and(|o| o.tag == id::OPTGROUP) {
                    self.pop();
                }
            }
            id::BR => {
                self.break_line();
                return;
            }
            // A link never nests in a link: an unclosed <a> ends at the
            // next one (in browsers, by the adoption agency algorithm), so
            // a missing </a> does not make the rest of the page link text.
            id::A => {
                if let Some(pos) = self.in_scope(id::A, &self.scope) {
                    self.pop_to(pos);
                }
            }
            _ => {}
        }
        if flags & tags::VOID != 0 {
            self.date_pending = None;
            if flags & tags::BLOCK != 0 {
                self.break_line();
            }
            return;
        }
        let hidden = !attrs.is_empty() && self.is_hidden(attrs);
        self.push(tag, name, attrs, hidden);
        if let Some(rank) = self.date_pending.take() {
            self.date_text = Some((self.stack.len(), rank, String::new()));
        }
        if flags & tags::RAW != 0 {
            self.capture = match tag {
                id::TITLE if self.title.is_none() && self.skip == 1 => Capture::Title,
                id::SCRIPT
                    if attr(attrs, "type").is_some_and(|t| contains_ignore_case(t, "ld+json")) =>
                {
                    Capture::JsonLd
                }
                _ if flags & tags::SKIP == 0 && self.skip == 0 => Capture::Visible,
                _ => Capture::Drop,
            };
        }
    }

    fn end_tag(&mut self, name: &str) {
        let tag = tags::lookup(name);
        if self.foreign > 0 {
            // Inside SVG or MathML, elements are pushed as unknown names,
            // except the foreign root itself.
            let root = self.foreign_roots.last().map(|&r| r as usize);
            let pos = match root {
                Some(r) if self.stack[r].name.eq_ignore_ascii_case(name) => {
                    let inner = self.find_open(id::UNKNOWN, name);
                    inner.filter(|&p| p > r).or(Some(r))
                }
                _ => self.find_open(id::UNKNOWN, name),
            };
            if let Some(pos) = pos {
                self.pop_to(pos);
            }
            return;
        }
        let flags = tags::flags(tag);
        match tag {
            id::HTML | id::BODY | id::HEAD => {}
            id::BR => self.break_line(),
            id::P => match self.in_scope(id::P, &self.scope) {
                Some(pos) => self.pop_to(pos),
                None => self.break_line(),
            },
            id::LI => {
                let list = self.last_pos(id::UL).max(self.last_pos(id::OL));
                if let Some(pos) = self.in_scope(id::LI, &self.scope)
                    && list.is_none_or(|l| l < pos)
                {
                    self.pop_to(pos);
                }
            }
            _ if flags & tags::HEADING != 0 => {
                let pos = (id::H1..=id::H6)
                    .filter_map(|h| self.in_scope(h, &self.scope))
                    .max();
                if let Some(pos) = pos {
                    self.pop_to(pos);
                }
            }
            id::TD | id::TH | id::TR | id::THEAD | id::TBODY | id::TFOOT | id::TABLE => {
                if let Some(pos) = self.in_scope(tag, &self.table_scope) {
                    self.pop_to(pos);
                }
            }
            _ if tag != id::UNKNOWN && flags & tags::SPECIAL != 0 => {
                if let Some(pos) = self.in_scope(tag, &self.scope) {
                    self.pop_to(pos);
                }
            }
            _ => {
                // Inline and unknown elements: the innermost one of that
                // name, unless a special element is in between.
                if let Some(pos) = self.find_open(tag, name) {
                    self.pop_to(pos);
                }
            }
        }
    }

    fn raw_text(&mut self, raw: &'a str, capture: Capture) {
        match capture {
            Capture::Title => {
                let t = clean(raw, true);
                if !t.is_empty() {
                    self.title = Some(t);
                }
            }
            Capture::JsonLd => self.json_ld.push(raw),
            Capture::Visible => self.append(raw, false),
            Capture::None | Capture::Drop => {}
        }
    }

    // ----- attributes -----

    fn is_hidden(&self, attrs: &[Attr<'a>]) -> bool {
        for a in attrs {
            let n = a.name;
            if n.eq_ignore_ascii_case("hidden") {
                return true;
            }
            if n.eq_ignore_ascii_case("aria-hidden") && a.value.trim().eq_ignore_ascii_case("true")
            {
                return true;
            }
            if n.eq_ignore_ascii_case("style") && style_hides(a.value) {
                return true;
            }
            if !self.opts.hidden_classes.is_empty() && n.eq_ignore_ascii_case("class") {
                for w in a.value.split_ascii_whitespace() {
                    if self
                        .opts
                        .hidden_classes
                        .iter()
                        .any(|h| h.eq_ignore_ascii_case(w))
                    {
                        return true;
                    }
                }
            }
        }
        false
    }

    fn metadata(&mut self, tag: u8, attrs: &[Attr<'a>]) {
        match tag {
            id::META => {
                let Some(content) = attr(attrs, "content") else {
                    return;
                };
                for key_attr in ["property", "name", "itemprop", "http-equiv"] {
                    let Some(key) = attr(attrs, key_attr) else {
                        continue;
                    };
                    let key = key.trim();
                    if key.len() > 64 {
                        continue;
                    }
                    self.scratch.clear();
                    self.scratch.push_str(key);
                    self.scratch.make_ascii_lowercase();
                    match self.scratch.as_str() {
                        "og:title" if self.og_title.is_none() => {
                            let t = clean(content, true);
                            if !t.is_empty() {
                                self.og_title = Some(t);
                            }
                        }
                        "og:url" if self.og_url.is_none() => {
                            let u = clean(content, true);
                            if !u.is_empty() {
                                self.og_url = Some(u);
                            }
                        }
                        k => {
                            if let Some(rank) = self.opts.lexicon.date_meta_rank(k) {
                                let d = self.opts.lexicon.parse_date(content);
                                self.date.offer(rank, d);
                            }
                        }
                    }
                }
            }
            id::LINK => {
                if self.canonical.is_none()
                    && attr(attrs, "rel").is_some_and(|r| {
                        r.split_ascii_whitespace()
                            .any(|w| w.eq_ignore_ascii_case("canonical"))
                    })
                    && let Some(href) = attr(attrs, "href")
                {
                    let u = clean(href, true);
                    if !u.is_empty() {
                        self.canonical = Some(u);
                    }
                }
            }
            _ => {
                let pubdate = attr(attrs, "itemprop")
                    .is_some_and(|p| p.trim().eq_ignore_ascii_case("datepublished"));
                let value = attr(attrs, "datetime").or_else(|| {
                    if pubdate {
                        attr(attrs, "content")
                    } else {
                        None
                    }
                });
                let rank = if pubdate || (tag == id::TIME && attr(attrs, "pubdate").is_some()) {
                    meta::RANK_TIME_PUBDATE
                } else if tag != id::TIME {
                    return;
                } else if self.last_pos(id::ARTICLE).is_some() {
                    meta::RANK_TIME_ARTICLE
                } else {
                    meta::RANK_TIME_OTHER
                };
                if self.date.rank().is_some_and(|r| rank >= r) {
                    return;
                }
                match value {
                    Some(value) => {
                        let d = self.opts.lexicon.parse_date(value);
                        self.date.offer(rank, d);
                    }
                    // No machine-readable value: read the element's text.
                    None if self.date_text.is_none() => self.date_pending = Some(rank),
                    None => {}
                }
            }
        }
    }
}

/// The `class`, `id`, `role` and `itemprop` values of an element.
fn hint_attrs_of<'a>(attrs: &[Attr<'a>]) -> [&'a str; 4] {
    let mut out = [""; 4];
    for a in attrs {
        let slot = match a.name.len() {
            5 if a.name.eq_ignore_ascii_case("class") => 0,
            2 if a.name.eq_ignore_ascii_case("id") => 1,
            4 if a.name.eq_ignore_ascii_case("role") => 2,
            8 if a.name.eq_ignore_ascii_case("itemprop") => 3,
            _ => continue,
        };
        out[slot] = a.value;
    }
    out
}

/// Hints: the lowercase words of the hint attributes, space separated.
fn hints_of(values: &[&str; 4]) -> String {
    let mut out = String::new();
    for v in values {
        for w in v.split_ascii_whitespace() {
            if w.len() > 64 {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            if w.is_ascii() {
                let from = out.len();
                out.push_str(w);
                out[from..].make_ascii_lowercase();
            } else {
                out.extend(w.chars().flat_map(char::to_lowercase));
            }
        }
    }
    out
}

/// Whether an inline `style` hides the element (`display:none`,
/// `visibility:hidden`), ignoring case and spaces.
fn style_hides(style: &str) -> bool {
    let b = style.as_bytes();
    if memchr::memchr(b':', b).is_none() {
        return false;
    }
    let mut squeezed = [0u8; 256];
    let mut n = 0;
    for &c in b {
        if is_ws(c) {
            continue;
        }
        if n == squeezed.len() {
            break;
        }
        squeezed[n] = c.to_ascii_lowercase();
        n += 1;
    }
    let s = &squeezed[..n];
    let has = |needle: &[u8]| s.windows(needle.len()).any(|w| w == needle);
    has(b"display:none") || has(b"visibility:hidden")
}

impl<'a, 'l> Builder<'a, 'l> {
    // ----- text -----

    /// Ends the current line: records it as a block if it has text.
    fn break_line(&mut self) {
        self.pending_space = false;
        self.last_was_link = false;
        if self.pre > 0 {
            // Preformatted lines keep leading but not trailing blanks.
            let trimmed = self.text.trim_end_matches([' ', '\t', '\u{c}']).len();
            let trimmed = trimmed.max(self.line_start);
            if trimmed < self.text.len() {
                self.line_links = self.line_links.min(trimmed - self.line_start);
                self.text.truncate(trimmed);
            }
            if self.text.as_bytes()[self.line_start..]
                .iter()
                .all(|&b| is_ws(b))
            {
                self.text.truncate(self.line_start);
            }
        }
        if self.text.len() > self.line_start {
            let span = Span::from_range(self.line_start..self.text.len());
            self.blocks.push(Block {
                span,
                element: self.line_element,
                link_bytes: self.line_links,
            });
            self.text.push('\n');
            self.line_start = self.text.len();
        }
        self.line_links = 0;
    }

    /// Gives every open block element a layout index (parents first) and
    /// sets the element of the line being started.
    fn start_line(&mut self) {
        for k in self.block_mat..self.blocks_open.len() {
            let pos = self.blocks_open[k] as usize;
            let parent = k
                .checked_sub(1)
                .map(|p| self.stack[self.blocks_open[p] as usize].layout as usize);
            let open = self.stack[pos];
            let hints = hints_of(&open.hint_attrs);
            self.elements.push(Element {
                tag: tags::name(open.tag).to_string(),
                hints,
                parent,
            });
            self.stack[pos].layout = (self.elements.len() - 1) as u32;
        }
        self.block_mat = self.blocks_open.len();
        self.line_element = self
            .blocks_open
            .last()
            .map_or(0, |&p| self.stack[p as usize].layout as usize);
    }

    /// Appends a run of non-blank text.
    fn push_run(&mut self, run: &str) {
        if run.is_empty() {
            return;
        }
        let in_link = self.links > 0;
        if self.text.len() == self.line_start {
            self.start_line();
        } else if self.pending_space {
            self.text.push(' ');
            if in_link && self.last_was_link {
                self.line_links += 1;
            }
        }
        self.pending_space = false;
        self.text.push_str(run);
        if in_link {
            self.line_links += run.len();
        }
        self.last_was_link = in_link;
    }

    /// Handles one blank character.
    fn blank(&mut self, c: u8, next: Option<u8>) {
        if self.pre == 0 {
            self.pending_space = true;
            return;
        }
        match c {
            b'\n' => self.break_line(),
            b'\r' if next == Some(b'\n') => {}
            b'\r' => self.break_line(),
            _ => {
                if self.text.len() == self.line_start {
                    self.start_line();
                }
                self.text.push(if c == b'\t' { '\t' } else { ' ' });
            }
        }
    }

    fn push_char(&mut self, c: char) {
        match c {
            ' ' | '\t' | '\n' | '\r' | '\u{c}' => self.blank(c as u8, None),
            '\u{a0}' => self.blank(b' ', None),
            '\u{ad}' | '\u{200b}' | '\u{feff}' | '\0' => {}
            _ => {
                let mut buf = [0u8; 4];
                self.push_run(c.encode_utf8(&mut buf));
            }
        }
    }

    /// Appends character data: collapses blanks (outside `<pre>`), decodes
    /// references when `decode`, drops invisible characters.
    fn append(&mut self, s: &str, decode: bool) {
        let b = s.as_bytes();
        let mut run = 0;
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if !SPECIAL_BYTE[c as usize] {
                i += 1;
                continue;
            }
            if run < i {
                self.push_run(s.get(run..i).unwrap_or(""));
            }
            match c {
                b'&' if decode => match entities::decode(&b[i + 1..], false) {
                    Some((len, x, y)) => {
                        self.push_char(x);
                        if let Some(y) = y {
                            self.push_char(y);
                        }
                        i += 1 + len;
                    }
                    None => {
                        self.push_run("&");
                        i += 1;
                    }
                },
                b'&' => {
                    self.push_run("&");
                    i += 1;
                }
                0 => i += 1,
                0xC2 => match b.get(i + 1) {
                    Some(0xA0) => {
                        self.blank(b' ', None);
                        i += 2;
                    }
                    Some(0xAD) => i += 2,
                    _ => {
                        // An ordinary character: keep it in the next run.
                        run = i;
                        i += 1;
                        continue;
                    }
                },
                0xE2 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x8B) => i += 3,
                0xEF if b.get(i + 1) == Some(&0xBB) && b.get(i + 2) == Some(&0xBF) => i += 3,
                0xE2 | 0xEF => {
                    run = i;
                    i += 1;
                    continue;
                }
                _ => {
                    self.blank(c, b.get(i + 1).copied());
                    i += 1;
                }
            }
            run = i;
        }
        if run < b.len() {
            self.push_run(s.get(run..).unwrap_or(""));
        }
    }

    fn finish(mut self) -> Extracted {
        self.break_line();
        self.end_date_text();
        if self
            .date
            .rank()
            .is_none_or(|r| r > meta::RANK_JSONLD_ARTICLE)
        {
            let lex = self.opts.lexicon;
            for script in std::mem::take(&mut self.json_ld) {
                meta::offer_json_ld(lex, script, &mut self.date);
            }
        }
        Extracted {
            title: self.title.or(self.og_title),
            url: self.canonical.or(self.og_url),
            date: self.date.date(),
            text: self.text,
            layout: Layout {
                elements: self.elements,
                blocks: self.blocks,
            },
        }
    }
}

/// Bytes that interrupt a plain run of text.
static SPECIAL_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    t[b' ' as usize] = true;
    t[b'\t' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t[0x0c] = true;
    t[b'&' as usize] = true;
    t[0] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    t[0xEF] = true;
    t
};

/// Runs the tokenizer and the builder over a page.
pub(crate) fn run(html: &str, opts: Options<'_>) -> Extracted {
    let mut tok = Tokenizer::new(html);
    let mut b = Builder::new(opts, html.len());
    while let Some(token) = tok.next_token() {
        let capture = std::mem::replace(&mut b.capture, Capture::None);
        match token {
            Token::Text(t) => {
                if let Some((_, _, buf)) = b.date_text.as_mut()
                    && buf.len() < 200
                {
                    buf.push_str(t);
                }
                if capture != Capture::None {
                    b.raw_text(t, capture);
                } else if b.skip == 0 {
                    b.append(t, true);
                }
            }
            Token::Start { name, self_closing } => {
                b.start_tag(name, self_closing, tok.attrs());
                if b.capture != Capture::None {
                    let tag = tags::lookup(name);
                    tok.set_raw(if tag == id::PLAINTEXT {
                        ""
                    } else {
                        tags::name(tag)
                    });
                }
            }
            Token::End { name } => b.end_tag(name),
        }
    }
    b.finish()
}
