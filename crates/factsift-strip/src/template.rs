//! Template evidence across pages of one site: lines that recur on several
//! pages of a site are its chrome (menus, footers, bylines, prompts).
//!
//! Pages are grouped by URL host when known; pages without a URL share one
//! group, where a line must recur on more pages to count (see
//! [`TemplateLearner::finish`]). Memory is bounded: lines are stored as
//! 64-bit hashes, and each site keeps at most [`TemplateLearner::MAX_LINES_PER_SITE`]
//! distinct lines and the learner at most [`TemplateLearner::MAX_SITES`] sites.

use factsift_core::Document;
use factsift_core::chars::is_alphanumeric;
use std::collections::HashMap;
use std::hash::Hasher;

/// FNV-1a with a fixed key, so templates are reproducible across runs.
pub(crate) use fnv::FnvBuildHasher as FnvBuild;
use fnv::FnvHasher;

/// A set of 64-bit hashes, hashed as themselves.
pub(crate) type HashSet64 = nohash_hasher::IntSet<u64>;

/// FNV-1a of some bytes.
pub(crate) fn fnv(bytes: &[u8]) -> u64 {
    let mut h = FnvHasher::default();
    h.write(bytes);
    h.finish()
}

/// FNV-1a's 64-bit offset basis (as in the `fnv` crate): the hash of no bytes.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a's 64-bit prime.
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// One FNV-1a step: the hash `h` with the byte `b` added.
#[inline]
pub(crate) fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
}

/// Each ASCII byte lowercased if it is alphanumeric, else 0 (not hashed);
/// 0 for the other bytes too (256 entries, so any byte indexes it).
pub(crate) static ALNUM_LOWER: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        if b.is_ascii_alphanumeric() {
            t[i] = b.to_ascii_lowercase();
        }
        i += 1;
    }
    t
};

/// The hash of a line for template purposes: its alphanumeric characters,
/// ASCII-lowercased, so spacing and punctuation do not matter. It is
/// FNV-1a over the UTF-8 bytes of those characters, in one pass over the
/// line (ASCII bytes through a table, other characters decoded).
pub(crate) fn line_hash(line: &str) -> u64 {
    let b = line.as_bytes();
    let mut h = FNV_OFFSET;
    if line.is_ascii() {
        for &x in b {
            let v = ALNUM_LOWER[usize::from(x)];
            if v != 0 {
                h = fnv_step(h, v);
            }
        }
        return h;
    }
    for (i, &x) in b.iter().enumerate() {
        if x < 0x80 {
            let v = ALNUM_LOWER[x as usize];
            if v != 0 {
                h = fnv_step(h, v);
            }
        } else if x >= 0xc0 {
            // A character's first byte (its other bytes, 0x80..0xc0, are
            // skipped): hash all its bytes if it is alphanumeric.
            if let Some(c) = line.get(i..).and_then(|r| r.chars().next())
                && is_alphanumeric(c)
            {
                for &y in &b[i..i + c.len_utf8()] {
                    h = fnv_step(h, y);
                }
            }
        }
    }
    h
}

/// The site key of a document: its URL's host without `www.`, or `""`.
pub(crate) fn site(doc: &Document) -> &str {
    let Some(url) = doc.url.as_deref() else {
        return "";
    };
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or("");
    host.strip_prefix("www.").unwrap_or(host)
}

#[derive(Debug, Default)]
struct SiteCounts {
    pages: u32,
    lines: nohash_hasher::IntMap<u64, u32>,
}

/// First pass of template learning: observe every page of a run.
///
/// ```
/// use factsift_core::Document;
/// use factsift_strip::TemplateLearner;
/// let mut learner = TemplateLearner::new();
/// for (i, body) in ["First story.", "Second story."].iter().enumerate() {
///     let mut d = Document::new(i.to_string(), format!("Site menu\n{body}"));
///     d.url = Some(format!("https://news.example/{i}"));
///     learner.observe(&d);
/// }
/// let t = learner.finish();
/// assert!(t.is_recurring("news.example", "Site menu"));
/// assert!(!t.is_recurring("news.example", "First story."));
/// ```
#[derive(Debug, Default)]
pub struct TemplateLearner {
    sites: HashMap<String, SiteCounts>,
    seen: HashSet64,
}

impl TemplateLearner {
    /// At most this many distinct lines are counted per site; later new
    /// lines are ignored (chrome shows up on the first pages anyway).
    pub const MAX_LINES_PER_SITE: usize = 20_000;
    /// At most this many sites are tracked; pages of later sites are ignored.
    pub const MAX_SITES: usize = 100_000;
    /// Lines longer than this many bytes are not template candidates.
    pub const MAX_LINE_BYTES: usize = 400;

    /// An empty learner.
    pub fn new() -> TemplateLearner {
        TemplateLearner::default()
    }

    /// Count the distinct lines of one page under its site.
    pub fn observe(&mut self, doc: &Document) {
        let key = site(doc);
        if !self.sites.contains_key(key) && self.sites.len() >= Self::MAX_SITES {
            return;
        }
        let counts = self.sites.entry(key.to_string()).or_default();
        counts.pages += 1;
        self.seen.clear();
        for line in doc.text.lines() {
            let line = line.trim();
            if line.is_empty() || line.len() > Self::MAX_LINE_BYTES {
                continue;
            }
            let h = line_hash(line);
            if h == FnvHasher::default().finish() || !self.seen.insert(h) {
                continue;
            }
            let room = counts.lines.len() < Self::MAX_LINES_PER_SITE;
            match counts.lines.get_mut(&h) {
                Some(n) => *n += 1,
                None if room => {
                    counts.lines.insert(h, 1);
                }
                None => {}
            }
        }
    }

    /// Keep the recurring lines of each site: lines on at least two pages
    /// of a known host, or on at least three pages (and 5% of them) of the
    /// pages without a URL.
    pub fn finish(self) -> Template {
        let mut sites = HashMap::new();
        for (name, counts) in self.sites {
            let min = if name.is_empty() {
                3.max(counts.pages / 20)
            } else {
                2
            };
            let set: HashSet64 = counts
                .lines
                .into_iter()
                .filter(|&(_, n)| n >= min)
                .map(|(h, _)| h)
                .collect();
            if !set.is_empty() {
                sites.insert(name, set);
            }
        }
        Template { sites }
    }
}

/// Recurring lines per site, learned by a [`TemplateLearner`].
#[derive(Clone, Debug, Default)]
pub struct Template {
    sites: HashMap<String, HashSet64>,
}

impl Template {
    /// Whether `line` recurs on pages of `site` (a host without `www.`, or
    /// `""` for pages without a URL).
    pub fn is_recurring(&self, site: &str, line: &str) -> bool {
        self.sites
            .get(site)
            .is_some_and(|s| s.contains(&line_hash(line.trim())))
    }

    /// The recurring-line set for a document's site, if any.
    pub(crate) fn for_doc(&self, doc: &Document) -> Option<&HashSet64> {
        self.sites.get(site(doc))
    }

    /// Number of sites with recurring lines.
    pub fn sites(&self) -> usize {
        self.sites.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        let mut d = Document::new("a", "");
        d.url = Some("https://user@www.Example.com:8080/a/b?c".into());
        assert_eq!(site(&d), "Example.com");
        d.url = None;
        assert_eq!(site(&d), "");
    }

    /// The reference definition: FNV-1a (the `fnv` crate) over the
    /// alphanumeric characters, ASCII-lowercased, UTF-8 encoded.
    fn reference_hash(line: &str) -> u64 {
        let mut h = FnvHasher::default();
        let mut buf = [0u8; 4];
        for c in line.chars().filter(|&c| c.is_alphanumeric()) {
            h.write(c.to_ascii_lowercase().encode_utf8(&mut buf).as_bytes());
        }
        h.finish()
    }

    #[test]
    fn hash_is_fnv_of_lowercase_alphanumerics() {
        for line in [
            "",
            "Read more",
            "  Ünïcode Straße — 23.16 M £1bn  ",
            "Цены: ÀÉ ½ × ÷ 東京 ½ 😀 a_b",
            "\u{a0}x\u{300}y\u{2000}",
        ] {
            assert_eq!(line_hash(line), reference_hash(line), "{line:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn hash_matches_reference(line in "\\PC{0,40}") {
            proptest::prop_assert_eq!(line_hash(&line), reference_hash(&line));
        }
    }

    #[test]
    fn hash_ignores_case_and_spacing() {
        assert_eq!(line_hash("Read  more!"), line_hash("read more"));
        assert_ne!(line_hash("Read more"), line_hash("Read less"));
    }

    #[test]
    fn unknown_site_needs_three_pages() {
        let mut l = TemplateLearner::new();
        for _ in 0..2 {
            l.observe(&Document::new("x", "Menu"));
        }
        assert!(!l.finish().is_recurring("", "Menu"));
        let mut l = TemplateLearner::new();
        for _ in 0..3 {
            l.observe(&Document::new("x", "Menu"));
        }
        assert!(l.finish().is_recurring("", "Menu"));
    }
}
