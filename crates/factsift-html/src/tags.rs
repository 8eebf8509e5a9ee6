//! What the extractor knows about HTML tag names.

/// Starts and ends a line, and is recorded in the layout.
pub(crate) const BLOCK: u16 = 1;
/// Has no content and no end tag.
pub(crate) const VOID: u16 = 1 << 1;
/// Its content is dropped (not visible text).
pub(crate) const SKIP: u16 = 1 << 2;
/// Starting it closes an open `<p>` (in button scope).
pub(crate) const CLOSES_P: u16 = 1 << 3;
/// A boundary of "button scope" (and so of "default scope").
pub(crate) const SCOPE: u16 = 1 << 4;
/// A boundary of "table scope".
pub(crate) const TABLE_SCOPE: u16 = 1 << 5;
/// Special in the WHATWG sense: an inline end tag does not close through it.
pub(crate) const SPECIAL: u16 = 1 << 6;
/// Content is raw text up to the end tag (script, style, ...).
pub(crate) const RAW: u16 = 1 << 7;
/// A heading, `h1` to `h6`.
pub(crate) const HEADING: u16 = 1 << 8;
/// Foreign content (SVG, MathML): self-closing tags are honoured.
pub(crate) const FOREIGN: u16 = 1 << 9;
/// Preformatted: whitespace is kept.
pub(crate) const PRE: u16 = 1 << 10;

/// A known tag: its lowercase name and flags.
pub(crate) struct TagInfo {
    pub(crate) name: &'static str,
    pub(crate) flags: u16,
}

const B: u16 = BLOCK | SPECIAL;
const BP: u16 = BLOCK | SPECIAL | CLOSES_P;

/// Known tags; the index is the tag id. Id 0 is "unknown".
pub(crate) const TAGS: &[TagInfo] = &[
    TagInfo { name: "", flags: 0 },
    TagInfo {
        name: "html",
        flags: B | SCOPE | TABLE_SCOPE,
    },
    TagInfo {
        name: "body",
        flags: B,
    },
    TagInfo {
        name: "head",
        flags: SPECIAL,
    },
    TagInfo {
        name: "p",
        flags: BP,
    },
    TagInfo {
        name: "div",
        flags: BP,
    },
    TagInfo {
        name: "h1",
        flags: BP | HEADING,
    },
    TagInfo {
        name: "h2",
        flags: BP | HEADING,
    },
    TagInfo {
        name: "h3",
        flags: BP | HEADING,
    },
    TagInfo {
        name: "h4",
        flags: BP | HEADING,
    },
    TagInfo {
        name: "h5",
        flags: BP | HEADING,
    },
    TagInfo {
        name: "h6",
        flags: BP | HEADING,
    },
    TagInfo {
        name: "li",
        flags: BP,
    },
    TagInfo {
        name: "ul",
        flags: BP,
    },
    TagInfo {
        name: "ol",
        flags: BP,
    },
    TagInfo {
        name: "dl",
        flags: BP,
    },
    TagInfo {
        name: "dd",
        flags: BP,
    },
    TagInfo {
        name: "dt",
        flags: BP,
    },
    TagInfo {
        name: "table",
        flags: BP | SCOPE | TABLE_SCOPE,
    },
    TagInfo {
        name: "caption",
        flags: B | SCOPE,
    },
    TagInfo {
        name: "thead",
        flags: B,
    },
    TagInfo {
        name: "tbody",
        flags: B,
    },
    TagInfo {
        name: "tfoot",
        flags: B,
    },
    TagInfo {
        name: "tr",
        flags: B,
    },
    TagInfo {
        name: "td",
        flags: B | SCOPE,
    },
    TagInfo {
        name: "th",
        flags: B | SCOPE,
    },
    TagInfo {
        name: "blockquote",
        flags: BP,
    },
    TagInfo {
        name: "pre",
        flags: BP | PRE,
    },
    TagInfo {
        name: "listing",
        flags: BP | PRE,
    },
    TagInfo {
        name: "article",
        flags: BP,
    },
    TagInfo {
        name: "section",
        flags: BP,
    },
    TagInfo {
        name: "header",
        flags: BP,
    },
    TagInfo {
        name: "footer",
        flags: BP,
    },
    TagInfo {
        name: "nav",
        flags: BP,
    },
    TagInfo {
        name: "aside",
        flags: BP,
    },
    TagInfo {
        name: "main",
        flags: BP,
    },
    TagInfo {
        name: "figure",
        flags: BP,
    },
    TagInfo {
        name: "figcaption",
        flags: BP,
    },
    TagInfo {
        name: "address",
        flags: BP,
    },
    TagInfo {
        name: "form",
        flags: BP,
    },
    TagInfo {
        name: "fieldset",
        flags: BP,
    },
    TagInfo {
        name: "legend",
        flags: B,
    },
    TagInfo {
        name: "details",
        flags: BP,
    },
    TagInfo {
        name: "summary",
        flags: BP,
    },
    TagInfo {
        name: "dialog",
        flags: BP,
    },
    TagInfo {
        name: "hgroup",
        flags: BP,
    },
    TagInfo {
        name: "menu",
        flags: BP,
    },
    TagInfo {
        name: "dir",
        flags: BP,
    },
    TagInfo {
        name: "center",
        flags: BP,
    },
    TagInfo {
        name: "search",
        flags: BP,
    },
    TagInfo {
        name: "hr",
        flags: BLOCK | VOID | SPECIAL | CLOSES_P,
    },
    TagInfo {
        name: "br",
        flags: VOID | SPECIAL,
    },
    TagInfo {
        name: "img",
        flags: VOID | SPECIAL,
    },
    TagInfo {
        name: "input",
        flags: VOID | SPECIAL,
    },
    TagInfo {
        name: "meta",
        flags: VOID | SPECIAL,
    },
    TagInfo {
        name: "link",
        flags: VOID | SPECIAL,
    },
    TagInfo {
        name: "area",
        flags: VOID | SPECIAL,
    },
    TagInfo {
        name: "base",
        flags: VOID | SPECIAL,
    },
    TagInfo {
        name: "col",
        flags: VOID | SPECIAL,
    },
    TagInfo {
        name: "embed",
        flags: VOID | SPECIAL,
    },
    TagInfo {
        name: "param",
        flags: VOID | SPECIAL,
    },
    TagInfo {
        name: "source",
        flags: VOID | SPECIAL,
    },
    TagInfo {
        name: "track",
        flags: VOID | SPECIAL,
    },
    TagInfo {
        name: "wbr",
        flags: VOID | SPECIAL,
    },
    TagInfo {
        name: "keygen",
        flags: VOID | SPECIAL,
    },
    TagInfo {
        name: "basefont",
        flags: VOID | SPECIAL,
    },
    TagInfo {
        name: "bgsound",
        flags: VOID | SPECIAL,
    },
    TagInfo {
        name: "frame",
        flags: VOID | SPECIAL,
    },
    TagInfo {
        name: "script",
        flags: RAW | SKIP | SPECIAL,
    },
    TagInfo {
        name: "style",
        flags: RAW | SKIP | SPECIAL,
    },
    TagInfo {
        name: "noscript",
        flags: RAW | SKIP | SPECIAL,
    },
    TagInfo {
        name: "iframe",
        flags: RAW | SKIP | SPECIAL,
    },
    TagInfo {
        name: "noembed",
        flags: RAW | SKIP | SPECIAL,
    },
    TagInfo {
        name: "noframes",
        flags: RAW | SKIP | SPECIAL,
    },
    TagInfo {
        name: "textarea",
        flags: RAW | SKIP | SPECIAL,
    },
    TagInfo {
        name: "title",
        flags: RAW | SKIP | SPECIAL,
    },
    TagInfo {
        name: "xmp",
        flags: RAW | BP | PRE,
    },
    TagInfo {
        name: "plaintext",
        flags: RAW | BP | PRE,
    },
    TagInfo {
        name: "template",
        flags: SKIP | SPECIAL | SCOPE | TABLE_SCOPE,
    },
    TagInfo {
        name: "svg",
        flags: SKIP | FOREIGN,
    },
    TagInfo {
        name: "math",
        flags: SKIP | FOREIGN,
    },
    TagInfo {
        name: "object",
        flags: SKIP | SPECIAL | SCOPE,
    },
    TagInfo {
        name: "applet",
        flags: SKIP | SPECIAL | SCOPE,
    },
    TagInfo {
        name: "select",
        flags: SKIP | SPECIAL,
    },
    TagInfo {
        name: "datalist",
        flags: SKIP,
    },
    TagInfo {
        name: "video",
        flags: SKIP,
    },
    TagInfo {
        name: "audio",
        flags: SKIP,
    },
    TagInfo {
        name: "canvas",
        flags: SKIP,
    },
    TagInfo {
        name: "picture",
        flags: SKIP,
    },
    TagInfo {
        name: "marquee",
        flags: SPECIAL | SCOPE,
    },
    TagInfo {
        name: "button",
        flags: SCOPE | SPECIAL,
    },
    TagInfo {
        name: "option",
        flags: BLOCK,
    },
    TagInfo {
        name: "optgroup",
        flags: BLOCK,
    },
    TagInfo {
        name: "a",
        flags: 0,
    },
    TagInfo {
        name: "time",
        flags: 0,
    },
    TagInfo {
        name: "frameset",
        flags: B,
    },
];

/// Tag ids used by the tree builder.
pub(crate) mod id {
    pub(crate) const UNKNOWN: u8 = 0;
    pub(crate) const HTML: u8 = super::find("html");
    pub(crate) const BODY: u8 = super::find("body");
    pub(crate) const HEAD: u8 = super::find("head");
    pub(crate) const P: u8 = super::find("p");
    pub(crate) const LI: u8 = super::find("li");
    pub(crate) const DD: u8 = super::find("dd");
    pub(crate) const DT: u8 = super::find("dt");
    pub(crate) const TABLE: u8 = super::find("table");
    pub(crate) const THEAD: u8 = super::find("thead");
    pub(crate) const TBODY: u8 = super::find("tbody");
    pub(crate) const TFOOT: u8 = super::find("tfoot");
    pub(crate) const TR: u8 = super::find("tr");
    pub(crate) const TD: u8 = super::find("td");
    pub(crate) const TH: u8 = super::find("th");
    pub(crate) const ARTICLE: u8 = super::find("article");
    pub(crate) const BR: u8 = super::find("br");
    pub(crate) const META: u8 = super::find("meta");
    pub(crate) const LINK: u8 = super::find("link");
    pub(crate) const SCRIPT: u8 = super::find("script");
    pub(crate) const TITLE: u8 = super::find("title");
    pub(crate) const PLAINTEXT: u8 = super::find("plaintext");
    pub(crate) const OPTION: u8 = super::find("option");
    pub(crate) const OPTGROUP: u8 = super::find("optgroup");
    pub(crate) const A: u8 = super::find("a");
    pub(crate) const TIME: u8 = super::find("time");
    pub(crate) const ADDRESS: u8 = super::find("address");
    pub(crate) const DIV: u8 = super::find("div");
    pub(crate) const UL: u8 = super::find("ul");
    pub(crate) const OL: u8 = super::find("ol");
    pub(crate) const H1: u8 = super::find("h1");
    pub(crate) const H6: u8 = super::find("h6");
}

/// The id of a known lowercase tag name, at compile time; 0 when unknown.
const fn find(name: &str) -> u8 {
    let name = name.as_bytes();
    let mut i = 1;
    while i < TAGS.len() {
        let t = TAGS[i].name.as_bytes();
        if t.len() == name.len() {
            let mut j = 0;
            while j < t.len() && t[j] == name[j] {
                j += 1;
            }
            if j == t.len() {
                return i as u8;
            }
        }
        i += 1;
    }
    0
}

/// The id of a tag name (ASCII case-insensitive); 0 when unknown.
pub(crate) fn lookup(name: &str) -> u8 {
    let b = name.as_bytes();
    if b.is_empty() || b.len() > 10 {
        return id::UNKNOWN;
    }
    let mut buf = [0u8; 10];
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    let lower = &buf[..b.len()];
    let first = lower[0];
    if !first.is_ascii_lowercase() {
        return id::UNKNOWN;
    }
    for &i in &by_first_letter()[(first - b'a') as usize] {
        if TAGS[i as usize].name.as_bytes() == lower {
            return i;
        }
    }
    id::UNKNOWN
}

/// Tag ids grouped by the first letter of their name, built once.
fn by_first_letter() -> &'static [Vec<u8>; 26] {
    static INDEX: std::sync::OnceLock<[Vec<u8>; 26]> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: [Vec<u8>; 26] = Default::default();
        for (i, t) in TAGS.iter().enumerate().skip(1) {
            if let Some(&c) = t.name.as_bytes().first() {
                index[(c - b'a') as usize].push(i as u8);
            }
        }
        index
    })
}

/// The flags of a tag id.
pub(crate) fn flags(tag: u8) -> u16 {
    TAGS.get(tag as usize).map_or(0, |t| t.flags)
}

/// The lowercase name of a tag id.
pub(crate) fn name(tag: u8) -> &'static str {
    TAGS.get(tag as usize).map_or("", |t| t.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_match_names() {
        let check = [
            (id::HTML, "html"),
            (id::BODY, "body"),
            (id::HEAD, "head"),
            (id::P, "p"),
            (id::LI, "li"),
            (id::DD, "dd"),
            (id::DT, "dt"),
            (id::TABLE, "table"),
            (id::THEAD, "thead"),
            (id::TBODY, "tbody"),
            (id::TFOOT, "tfoot"),
            (id::TR, "tr"),
            (id::TD, "td"),
            (id::TH, "th"),
            (id::ARTICLE, "article"),
            (id::BR, "br"),
            (id::META, "meta"),
            (id::LINK, "link"),
            (id::SCRIPT, "script"),
            (id::TITLE, "title"),
            (id::PLAINTEXT, "plaintext"),
            (id::OPTION, "option"),
            (id::OPTGROUP, "optgroup"),
            (id::A, "a"),
            (id::TIME, "time"),
            (id::UL, "ul"),
            (id::OL, "ol"),
            (id::H1, "h1"),
            (id::H6, "h6"),
        ];
        for (i, n) in check {
            assert_eq!(name(i), n);
            assert_eq!(lookup(n), i);
            assert_eq!(lookup(&n.to_ascii_uppercase()), i);
        }
        assert!(TAGS.len() < 256);
        assert_eq!(id::H6 - id::H1, 5);
        assert_eq!(lookup("custom-element"), id::UNKNOWN);
    }
}
