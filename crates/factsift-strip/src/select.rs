//! Page-level decisions: sections, the article core, its extension by
//! contiguity and topic coherence, the title, and reasons for the rest.

use crate::features::{self, Class, Line};
use crate::lexicon::Lexicon;
use crate::template::HashSet64;
use crate::template::{ALNUM_LOWER, FNV_OFFSET, Template, fnv_step, line_hash};
use crate::{DropReason, Dropped, Stripped, dom};
use factsift_core::Document;
use factsift_core::chars::is_alphanumeric;

/// A section joins the article when at least this share of its content
/// words occur in the article core (or title).
const COHERENCE: f32 = 0.15;
/// Sections with fewer content words than this are judged by position only.
const SMALL_SECTION: usize = 8;

/// The hash of a short line's first two words (lowercase, a run of digits
/// as `0`),
/// for lines of 3 to [`SHAPE_WORDS`] words that are not prose.
fn line_opening(l: &Line, text: &str) -> Option<u64> {
    if l.class == Class::Good || !(3..=SHAPE_WORDS).contains(&l.words) {
        return None;
    }
    let mut h = ShapeHash::new();
    let mut words = 0;
    let mut in_word = false;
    let mut prev_digit = false;
    for c in l.span.slice(text).chars() {
        if is_alphanumeric(c) {
            in_word = true;
            // A run of digits is one `0`.
            let digit = c.is_ascii_digit();
            if digit && prev_digit {
                continue;
            }
            prev_digit = digit;
            h.char(c);
        } else if in_word {
            in_word = false;
            prev_digit = false;
            words += 1;
            if words == 2 {
                return Some(h.0);
            }
            h.byte(b' ');
        }
    }
    None
}

/// FNV-1a over a line's shape: its alphanumeric characters,
/// ASCII-lowercased, each digit as `0` (see [`line_opening`] and
/// [`recurring_shapes`]).
struct ShapeHash(u64);

impl ShapeHash {
    /// The hash of an empty shape.
    fn new() -> Self {
        Self(FNV_OFFSET)
    }

    /// Add one byte as it is.
    fn byte(&mut self, b: u8) {
        self.0 = fnv_step(self.0, b);
    }

    /// Add an alphanumeric character: a digit as `0`, ASCII lowercased,
    /// its UTF-8 bytes.
    fn char(&mut self, c: char) {
        let c = if c.is_ascii_digit() {
            '0'
        } else {
            c.to_ascii_lowercase()
        };
        let mut b = [0u8; 4];
        for &x in c.encode_utf8(&mut b).as_bytes() {
            self.byte(x);
        }
    }
}

/// What lies between two sections, as the article's extension judges it.
#[derive(Clone, Copy)]
struct Gap {
    /// Its length in lines (`usize::MAX` for a gap between list items).
    len: usize,
    /// It holds a hard border (boilerplate other than a byline or a share bar).
    hard: bool,
    /// It holds a byline or a share bar.
    weak: bool,
    /// It holds any boilerplate line.
    any_bad: bool,
    /// It is a list the article announces with a colon.
    listed: bool,
    /// It holds only advertisement slots and images.
    ads_only: bool,
}

/// `s` is one URL and nothing else (`https://...`, `www....`).
fn is_bare_url(s: &str) -> bool {
    (s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www."))
        && !s.contains(char::is_whitespace)
}

/// The longest such gap.
const AD_GAP_LINES: usize = 4;
/// HTML: this many unlinked short lines closing the article are kept.
const TAIL_LIST: usize = 4;
/// The longest such list, in lines.
const MAX_LIST: usize = 40;
/// Below this much prose, bylines and share bars do not end the article.
const HEADER_WORDS: f32 = 80.0;
/// HTML: the container grows to a parent whose added prose is this coherent.
const CLIMB_COHERENCE: f32 = 0.4;
/// Sections this close (in lines) join without a coherence test.
const ADJACENT_GAP: usize = 1;
/// The same for HTML blocks.
const ADJACENT_GAP_HTML: usize = 2;
/// The least prose (in weighted words) of a section that may seed the core.
const MIN_SEED: f32 = 8.0;
/// Small sections join across gaps of at most this many lines without boilerplate.
const SMALL_GAP: usize = 6;
/// A gap of more lines than this between sections ends the article.
const MAX_GAP: usize = 6;
/// The same for HTML blocks.
const MAX_GAP_HTML: usize = 10;
/// How many of the richest sections are tried as the article's core.
const CANDIDATES: usize = 8;
/// How much agreement with the URL slug weighs in choosing the core.
const SLUG_WEIGHT: f32 = 3.0;
/// How much a headline agreeing with a candidate core weighs in choosing it.
const TITLE_WEIGHT: f32 = 0.5;
/// How much a later position on the page counts against a candidate core.
const POSITION_WEIGHT: f32 = 0.2;
/// The shortest such run.
const BULLET_RUN: usize = 3;
/// How many lines before the body the title may be.
const TITLE_WINDOW: usize = 10;
/// HTML: how many lines before the body an agreeing `h1` title may be.
const FAR_HEADING: usize = 80;

#[derive(Clone, Copy, Debug)]
struct Section {
    lo: usize,
    hi: usize,
    score: f32,
}

/// Content words of a text: lowercase, not stopwords, at least 3 letters.
fn content_words(lex: &Lexicon, s: &str, buf: &mut String, out: &mut HashSet64) {
    each_content_word(lex, s, buf, |h| {
        out.insert(h);
    });
}

/// Call `emit` with the hash of each content word of `s` (lowercase, not a
/// stopword, at least 3 characters, not all digits).
fn each_content_word(lex: &Lexicon, s: &str, buf: &mut String, mut emit: impl FnMut(u64)) {
    let mut word = |w: &str, ascii: bool| {
        if ascii {
            // Lowercase and hash in one pass, without a copy.
            let b = w.as_bytes();
            if b.len() >= 3 && !b.iter().all(u8::is_ascii_digit) && !lex.is_ascii_stopword(b) {
                emit(
                    b.iter()
                        .fold(FNV_OFFSET, |h, &x| fnv_step(h, x.to_ascii_lowercase())),
                );
            }
            return;
        }
        if w.chars().count() < 3 {
            return;
        }
        lowercase_into(w, buf);
        if !lex.is_stopword(buf) {
            emit(crate::template::fnv(buf.as_bytes()));
        }
    };
    if s.is_ascii() {
        // One pass: find each word, lowercase and hash it through a table.
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            while i < b.len() && ALNUM_LOWER[usize::from(b[i])] == 0 {
                i += 1;
            }
            let start = i;
            let mut h = FNV_OFFSET;
            while i < b.len() {
                let v = ALNUM_LOWER[usize::from(b[i])];
                if v == 0 {
                    break;
                }
                h = fnv_step(h, v);
                i += 1;
            }
            let w = &b[start..i];
            if w.len() >= 3 && !w.iter().all(u8::is_ascii_digit) && !lex.is_ascii_stopword(w) {
                emit(h);
            }
        }
    } else {
        for w in s.split(|c: char| !is_alphanumeric(c)) {
            if !w.is_empty() {
                word(w, w.is_ascii());
            }
        }
    }
}

/// The content words of every line, computed once: line `i`'s distinct
/// word hashes are `hashes[ranges[i].0..ranges[i].1]`.
struct LineWords {
    hashes: Vec<u64>,
    ranges: Vec<(usize, usize)>,
}

impl LineWords {
    fn new(lex: &Lexicon, lines: &[Line], text: &str, buf: &mut String) -> LineWords {
        let mut hashes = Vec::with_capacity(lines.len() * 8);
        let mut ranges = Vec::with_capacity(lines.len());
        for l in lines {
            let lo = hashes.len();
            each_content_word(lex, l.span.slice(text), buf, |h| hashes.push(h));
            let words = &mut hashes[lo..];
            words.sort_unstable();
            let mut n = 0;
            for j in 0..words.len() {
                if j == 0 || words[j] != words[n - 1] {
                    words[n] = words[j];
                    n += 1;
                }
            }
            hashes.truncate(lo + n);
            ranges.push((lo, lo + n));
        }
        LineWords { hashes, ranges }
    }

    /// Line `i`'s distinct content-word hashes.
    fn of(&self, i: usize) -> &[u64] {
        let (lo, hi) = self.ranges[i];
        &self.hashes[lo..hi]
    }
}

/// Share of the distinct `words` found in `profile`.
fn overlap_slice(words: &[u64], profile: &HashSet64) -> f32 {
    if words.is_empty() {
        return 0.0;
    }
    words.iter().filter(|w| profile.contains(w)).count() as f32 / words.len() as f32
}

/// Lowercase `w` into `buf`, fast for ASCII.
pub(crate) fn lowercase_into(w: &str, buf: &mut String) {
    buf.clear();
    if w.is_ascii() {
        buf.push_str(w);
        buf.make_ascii_lowercase();
    } else {
        for c in w.chars() {
            push_lower(c, buf);
        }
    }
}

/// Push `c` lowercased, with fast paths for ASCII, Latin-1 and basic
/// Cyrillic (the Unicode case table lookup is slow).
#[inline]
fn push_lower(c: char, buf: &mut String) {
    match c as u32 {
        0..=0x7f => buf.push(c.to_ascii_lowercase()),
        0xdf..=0xff | 0x430..=0x45f => buf.push(c),
        0xc0..=0xd6 | 0xd8..=0xde | 0x410..=0x42f => {
            buf.push(char::from_u32(c as u32 + 0x20).unwrap_or(c));
        }
        0x400..=0x40f => buf.push(char::from_u32(c as u32 + 0x50).unwrap_or(c)),
        _ => buf.extend(c.to_lowercase()),
    }
}

/// Share of `words` found in `profile`.
fn overlap(words: &HashSet64, profile: &HashSet64) -> f32 {
    if words.is_empty() {
        return 0.0;
    }
    words.iter().filter(|w| profile.contains(w)).count() as f32 / words.len() as f32
}

fn date_like(l: &Line, s: &str) -> bool {
    l.words <= 8
        && l.digits >= 1
        && !l.sentence_end
        && s.chars().filter(|c| c.is_ascii_digit()).count() >= 2
}

/// Bylines and author bios: a bare name after a byline cue, and a name
/// followed by a line that starts with the same first name.
fn mark_bylines(lines: &mut [Line], text: &str) {
    for i in 0..lines.len() {
        if !lines[i].name_like(text) || matches!(lines[i].class, Class::Good) {
            continue;
        }
        let after_cue = i > 0 && lines[i - 1].class == Class::Bad(DropReason::Byline);
        let first = lines[i]
            .span
            .slice(text)
            .split_whitespace()
            .next()
            .unwrap_or("");
        let bio_next = lines.get(i + 1).is_some_and(|n| {
            n.span.slice(text).split_whitespace().next() == Some(first) && n.words >= 6
        });
        if after_cue || bio_next {
            lines[i].class = Class::Bad(DropReason::Byline);
        }
        if bio_next {
            lines[i + 1].class = Class::Bad(DropReason::Byline);
        }
    }
}

/// Comment headers ("Alex on May 2, 2018 at 6:34 am said:", "2. joe says:"):
/// when at least [`COMMENT_THREAD`] lines of the page read as one, the page
/// holds a comment thread and they are its comments' headers.
fn mark_comment_headers(lex: &Lexicon, lines: &mut [Line], text: &str) -> Option<usize> {
    let is_header = |l: &Line| {
        l.class != Class::Good && {
            let s = l.span.slice(text);
            s.ends_with(':') && lex.comment_header(s, l.words)
        }
    };
    if lines
        .iter()
        .filter(|l| is_header(l))
        .take(COMMENT_THREAD)
        .count()
        < COMMENT_THREAD
    {
        return None;
    }
    let mut first = None;
    for (i, l) in lines.iter_mut().enumerate() {
        if is_header(l) {
            l.class = Class::Bad(DropReason::Comments);
            first = first.or(Some(i));
        }
    }
    first
}

/// How many comment headers make a thread.
const COMMENT_THREAD: usize = 2;

/// Lines of at most this many words may be a list item's recurring header.
const SHAPE_WORDS: u32 = 8;
/// A shape is recurring when this many short lines share it.
const SHAPE_REPEATS: usize = 3;

/// Short lines whose shape (alphanumerics lowercased, digits as `0`) occurs
/// at least [`SHAPE_REPEATS`] times on the page.
fn recurring_shapes(lines: &[Line], text: &str) -> Vec<bool> {
    let shape = |l: &Line| -> Option<u64> {
        if l.words == 0 || l.words > SHAPE_WORDS || matches!(l.class, Class::Good) {
            return None;
        }
        let mut h = ShapeHash::new();
        let s = l.span.slice(text);
        if s.is_ascii() {
            for &c in s.as_bytes() {
                let v = SHAPE_BYTES[usize::from(c)];
                if v != 0 {
                    h.byte(v);
                }
            }
        } else {
            for c in s.chars().filter(|&c| is_alphanumeric(c)) {
                h.char(c);
            }
        }
        Some(h.0)
    };
    let shapes: Vec<Option<u64>> = lines.iter().map(shape).collect();
    // The shapes are hashes already: no need to hash them again.
    let mut counts: nohash_hasher::IntMap<u64, usize> = nohash_hasher::IntMap::default();
    for s in shapes.iter().flatten() {
        *counts.entry(*s).or_default() += 1;
    }
    shapes
        .iter()
        .map(|s| s.is_some_and(|s| counts.get(&s).is_some_and(|&c| c >= SHAPE_REPEATS)))
        .collect()
}

/// The shape byte of each ASCII byte: alphanumerics lowercased, digits as
/// `0`, 0 for the rest (not hashed), and for non-ASCII bytes.
static SHAPE_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        if b.is_ascii_digit() {
            t[i] = b'0';
        } else if b.is_ascii_alphanumeric() {
            t[i] = b.to_ascii_lowercase();
        }
        i += 1;
    }
    t
};

/// Prose lines of at most this many words that occur twice on a page are
/// headlines or captions repeated, not body paragraphs.
const REPEAT_MAX_WORDS: u32 = 40;

/// Demote prose lines that occur more than once on the page to near-prose:
/// an article's paragraphs are not repeated verbatim, its headline (page
/// title and article heading) and captions often are. On text pages, three
/// or more copies make a line boilerplate.
fn demote_repeats(lines: &mut [Line], text: &str, html: bool) {
    let keys: Vec<Option<u64>> = lines
        .iter()
        .map(|l| {
            (l.class == Class::Good && l.words <= REPEAT_MAX_WORDS)
                .then(|| line_hash(l.span.slice(text)))
        })
        .collect();
    let mut counts: nohash_hasher::IntMap<u64, u32> = nohash_hasher::IntMap::default();
    for k in keys.iter().flatten() {
        *counts.entry(*k).or_default() += 1;
    }
    if counts.values().all(|&c| c < 2) {
        return;
    }
    for (l, k) in lines.iter_mut().zip(&keys) {
        match k.and_then(|k| counts.get(&k)) {
            // Three or more copies: an image's alt text or a card
            // repeated through the page.
            // (Text pages only: an HTML page may repeat a table row.)
            Some(&c) if c >= 3 && !html => l.class = Class::Bad(DropReason::Other),
            Some(&c) if c >= 2 => l.class = Class::Near,
            _ => {}
        }
    }
}

/// Below this much prose (weighted words) in the best core, an HTML page's
/// article is the block under its headline.
const LITTLE_PROSE: f32 = 25.0;

/// The article of a page with almost no prose: the lines under its `h1`
/// headline (the one agreeing with the metadata title, else the first),
/// from the first line that is not boilerplate or a date to the next
/// boilerplate line. Marks them in `keep` and returns the headline's index,
/// or `None` (and keeps nothing) when there is no such block.
fn block_under_h1(
    lines: &[Line],
    text: &str,
    meta_title: Option<&str>,
    keep: &mut [bool],
) -> Option<usize> {
    let agrees = |l: &Line| meta_title.is_some_and(|t| agrees_with_title(t, l.span.slice(text)));
    let h1s = || {
        lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.heading && !matches!(l.class, Class::Bad(_)))
    };
    let (h, _) = h1s().find(|(_, l)| agrees(l)).or_else(|| h1s().next())?;
    block_under(lines, text, h, keep)
}

/// Text pages with almost no prose: the block under the first unbulleted
/// headline-sized line that holds 3/5 of the URL slug's words (compared
/// without accents: slugs drop them).
fn block_under_slug_headline(
    lex: &Lexicon,
    lines: &[Line],
    text: &str,
    slug: &HashSet64,
    keep: &mut [bool],
) -> Option<usize> {
    if slug.len() < 2 {
        return None;
    }
    let (mut folded, mut buf) = (String::new(), String::new());
    let h = lines.iter().position(|l| {
        if !(2..=20).contains(&l.words) || l.bullet || matches!(l.class, Class::Bad(_)) {
            return false;
        }
        folded.clear();
        folded.extend(l.span.slice(text).chars().map(fold_accent));
        let mut words = HashSet64::default();
        content_words(lex, &folded, &mut buf, &mut words);
        holds_slug(words, slug)
    })?;
    block_under(lines, text, h, keep)
}

/// A Latin letter without its accent (`é` -> `e`); other characters as they are.
fn fold_accent(c: char) -> char {
    match c {
        'à'..='å' => 'a',
        'À'..='Å' => 'A',
        'ç' => 'c',
        'Ç' => 'C',
        'è'..='ë' => 'e',
        'È'..='Ë' => 'E',
        'ì'..='ï' => 'i',
        'Ì'..='Ï' => 'I',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ò'..='ö' | 'ø' => 'o',
        'Ò'..='Ö' | 'Ø' => 'O',
        'ù'..='ü' => 'u',
        'Ù'..='Ü' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' => 'Y',
        _ => c,
    }
}

/// Keep the longest run of lines that are not boilerplate (nor headings)
/// starting within [`UNDER_H1_WINDOW`] lines after the headline `h`, less
/// leading dates; `Some(h)` when it holds at least [`UNDER_H1_MIN_LINES`].
fn block_under(lines: &[Line], text: &str, h: usize, keep: &mut [bool]) -> Option<usize> {
    // The longest run of lines that are not boilerplate (nor headings)
    // starting near the headline.
    let stop = |i: usize| matches!(lines[i].class, Class::Bad(_)) || lines[i].heading;
    let mut best = (0, 0);
    let mut i = h + 1;
    while i < lines.len().min(h + 1 + UNDER_H1_WINDOW) {
        if stop(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && !stop(i) {
            i += 1;
        }
        if i - start > best.1 - best.0 {
            best = (start, i);
        }
    }
    let (mut start, end) = best;
    while start < end && date_like(&lines[start], lines[start].span.slice(text)) {
        start += 1;
    }
    if end - start < UNDER_H1_MIN_LINES {
        return None;
    }
    keep[start..end].iter_mut().for_each(|k| *k = true);
    Some(h)
}

/// The block starts at most this many lines after the headline.
const UNDER_H1_WINDOW: usize = 10;
/// The fewest lines such a block holds.
const UNDER_H1_MIN_LINES: usize = 3;

/// A prose-like line that reads as a headline: at most [`TITLE_CASE_WORDS`]
/// words, most of them capitalised ("Can a Small Town Run Its Own Power
/// Grid?").
fn title_cased(l: &Line) -> bool {
    let words = l.words.saturating_sub(l.digits);
    l.words <= TITLE_CASE_WORDS && words >= 3 && l.caps * 5 >= words * 3
}

/// The longest such title, in words.
const TITLE_CASE_WORDS: u32 = 20;

/// The share of the slug's words it must hold.
const SLUG_HEADLINE_SHARE: f32 = 0.6;

/// HTML: at most one in this many lines of a closing run of short lines
/// may hold links (a credit line with the reporter's link ends a list).
const LINKED_SHARE: usize = 8;
/// How many of a closing run's first lines may announce it with a colon.
const LIST_INTRO_LINES: usize = 3;

/// The share of the kept prose that element must hold.
const ARTICLE_SCOPE_SHARE: f32 = 0.1;

/// Unkeep the lines outside the nearest `<article>` element holding the
/// headline line `t`, when that element holds at least
/// [`ARTICLE_SCOPE_SHARE`] of the kept prose.
fn article_scope(layout: &factsift_core::Layout, lines: &[Line], t: usize, keep: &mut [bool]) {
    let Some(scope) = layout
        .ancestors(lines[t].element)
        .find(|&a| layout.elements[a].tag == "article")
    else {
        return;
    };
    let inside: Vec<bool> = lines
        .iter()
        .map(|l| layout.ancestors(l.element).any(|a| a == scope))
        .collect();
    let (mut all, mut within) = (0f32, 0f32);
    for (i, l) in lines.iter().enumerate().filter(|(i, _)| keep[*i]) {
        let w = prose_weight(l);
        all += w;
        if inside[i] {
            within += w;
        }
    }
    if all == 0.0 || within < ARTICLE_SCOPE_SHARE * all || within == all {
        return;
    }
    for (k, &ins) in keep.iter_mut().zip(&inside) {
        *k &= ins;
    }
}

/// Prose words of a line for [`article_scope`].
fn prose_weight(l: &Line) -> f32 {
    match l.class {
        Class::Good => l.words as f32,
        Class::Near => 0.3 * l.words as f32,
        _ => 0.0,
    }
}

/// A line repeats when this share of its word 4-grams came before.
const REPEATED_SHARE: f32 = 0.8;
/// Lines with fewer word 4-grams than this are not judged.
const REPEATED_MIN: usize = 8;

/// Unkeep each kept line whose word 4-grams mostly occur in the kept lines
/// before it: a second copy of the article (a metadata dump of its body, a
/// print version) that the page renders after it.
fn drop_repeated_text(lines: &[Line], text: &str, keep: &mut [bool]) {
    // Sized once: a line has at most as many 4-grams as words.
    let kept_words = lines
        .iter()
        .zip(keep.iter())
        .filter(|(_, k)| **k)
        .map(|(l, _)| l.words as usize)
        .sum();
    let mut seen = HashSet64::with_capacity_and_hasher(kept_words, Default::default());
    let mut grams: Vec<u64> = Vec::new();
    for (l, k) in lines.iter().zip(keep.iter_mut()) {
        if !*k || l.words < REPEATED_MIN as u32 + 3 {
            if *k {
                word_grams(l.span.slice(text), &mut grams);
                seen.extend(grams.iter().copied());
            }
            continue;
        }
        word_grams(l.span.slice(text), &mut grams);
        if grams.len() >= REPEATED_MIN {
            let hits = grams.iter().filter(|g| seen.contains(g)).count();
            if hits as f32 >= REPEATED_SHARE * grams.len() as f32 {
                *k = false;
                continue;
            }
        }
        seen.extend(grams.iter().copied());
    }
}

/// The hashes of the word 4-grams of `s` into `out` (words: runs of ASCII
/// alphanumerics and non-ASCII characters other than U+00A0,
/// ASCII-lowercased).
fn word_grams(s: &str, out: &mut Vec<u64>) {
    out.clear();
    let mut last = [0u64; 4];
    let mut n = 0usize;
    let mut push = |h: u64| {
        last = [last[1], last[2], last[3], h];
        n += 1;
        if n >= 4 {
            let g = (((last[0].rotate_left(17) ^ last[1]).rotate_left(17) ^ last[2])
                .rotate_left(17)
                ^ last[3])
                .wrapping_mul(0x9e37_79b9_7f4a_7c15);
            out.push(g);
        }
    };
    // One pass over the bytes through a table: ASCII letters lowercased,
    // digits as they are, every byte of a non-ASCII character part of a
    // word (curly quotes join their word, the same way in every copy),
    // other ASCII bytes end a word, and so does a no-break space (U+00A0,
    // the bytes C2 A0: a renderer may print one where a copy has a space).
    let mut h = FNV_OFFSET;
    let mut in_word = false;
    // (Split on U+00A0 first: the table cannot tell its A0 byte from the
    // last byte of `à`.)
    for part in s.split('\u{a0}') {
        for &c in part.as_bytes() {
            let t = GRAM_BYTES[usize::from(c)];
            if t != 0 {
                h = fnv_step(h, t);
                in_word = true;
            } else if in_word {
                push(h);
                h = FNV_OFFSET;
                in_word = false;
            }
        }
        // A no-break space or the end of `s` ends the word.
        if in_word {
            push(h);
            h = FNV_OFFSET;
            in_word = false;
        }
    }
}

/// [`word_grams`]' byte classes: 0 ends a word, else the byte to hash.
static GRAM_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b.is_ascii_uppercase() {
            b.to_ascii_lowercase()
        } else if b.is_ascii_lowercase() || b.is_ascii_digit() || b >= 0x80 {
            b
        } else {
            0
        };
        i += 1;
    }
    t
};

/// A line agrees with a title (in [`norm`] form) when the normalised line
/// is not empty and one holds the other (a headline without the site's
/// name, a title cut short).
fn agrees_with_title(title: &str, line: &str) -> bool {
    let ns = norm(line);
    !ns.is_empty() && (title.contains(ns.as_str()) || ns.contains(title))
}

/// Whether `words` hold at least [`SLUG_HEADLINE_SHARE`] of the URL slug's
/// words.
fn holds_slug(words: impl IntoIterator<Item = u64>, slug: &HashSet64) -> bool {
    let hit = words.into_iter().filter(|w| slug.contains(w)).count();
    hit as f32 >= SLUG_HEADLINE_SHARE * slug.len() as f32
}

/// Normalised alphanumeric lowercase form, for comparing titles.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Words of the URL path (the slug), lowercase.
fn slug_words(lex: &Lexicon, url: Option<&str>, buf: &mut String) -> HashSet64 {
    let mut out = HashSet64::default();
    if let Some(url) = url {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let path = rest.split_once('/').map_or("", |(_, p)| p);
        let path = path.split(['?', '#']).next().unwrap_or("");
        content_words(lex, path, buf, &mut out);
    }
    out
}

pub(crate) fn line_classes(lex: &Lexicon, doc: &Document) -> Vec<(factsift_core::Span, String)> {
    let mut lines = match &doc.layout {
        Some(layout) if !layout.blocks.is_empty() => dom::block_lines(lex, doc, layout),
        _ => features::text_lines(lex, doc),
    };
    for l in &mut lines {
        l.class = features::classify(l, false);
    }
    mark_bylines(&mut lines, &doc.text);
    mark_comment_headers(lex, &mut lines, &doc.text);
    let recurring = recurring_shapes(&lines, &doc.text);
    lines
        .iter()
        .zip(recurring)
        .map(|(l, r)| {
            let c = match l.class {
                Class::Good => "good".to_string(),
                Class::Near => "near".to_string(),
                Class::Short => "short".to_string(),
                Class::Bad(r) => format!("bad:{r}"),
            };
            let c = if r { format!("rep:{c}") } else { c };
            (l.span, if l.heading { format!("h1:{c}") } else { c })
        })
        .collect()
}

pub(crate) fn strip(lex: &Lexicon, doc: &Document, template: Option<&Template>) -> Stripped {
    let text = doc.text.as_str();
    let mut lines = match &doc.layout {
        Some(layout) if !layout.blocks.is_empty() => dom::block_lines(lex, doc, layout),
        _ => features::text_lines(lex, doc),
    };
    if lines.is_empty() {
        return Stripped::default();
    }
    if let Some(set) = template.and_then(|t| t.for_doc(doc)) {
        for l in &mut lines {
            if set.contains(&line_hash(l.span.slice(text))) {
                l.template = true;
            }
        }
    }
    let (mut w, mut s) = (0u32, 0u32);
    for l in lines.iter().filter(|l| l.words >= 10) {
        w += l.words;
        s += l.stops;
    }
    let stopless = w >= 30 && (s as f32) < 0.05 * w as f32;
    for l in &mut lines {
        l.class = features::classify(l, stopless);
    }
    // HTML: an `h1` that agrees with the metadata title is the headline,
    // whatever its container's class says ("header", "nav").
    if let Some(t) = doc.title.as_deref().map(norm).filter(|t| !t.is_empty()) {
        for l in lines.iter_mut().filter(|l| l.heading && l.cue.is_none()) {
            if l.hint.is_some_and(|h| l.class == Class::Bad(h))
                && agrees_with_title(&t, l.span.slice(text))
            {
                l.class = Class::Short;
            }
        }
    }
    // HTML: a linked line whose text is a bare URL is a link the article
    // spells out, not a menu item.
    if doc.layout.is_some() {
        for l in lines.iter_mut() {
            if l.class == Class::Bad(DropReason::Navigation)
                && l.cue.is_none()
                && l.hint.is_none()
                && is_bare_url(l.span.slice(text))
            {
                l.class = Class::Short;
            }
        }
    }
    mark_bylines(&mut lines, text);
    let thread = mark_comment_headers(lex, &mut lines, text);
    demote_repeats(&mut lines, text, doc.layout.is_some());
    let n = lines.len();
    let weak = |c: Class| matches!(c, Class::Short | Class::Bad(_));
    let sep: Vec<bool> = (0..n)
        .map(|i| match lines[i].class {
            Class::Bad(_) => true,
            Class::Short => {
                (i > 0 && weak(lines[i - 1].class)) || (i + 1 < n && weak(lines[i + 1].class))
            }
            _ => false,
        })
        .collect();
    let mut sections: Vec<Section> = Vec::new();
    let mut i = 0;
    while i < n {
        if sep[i] {
            i += 1;
            continue;
        }
        let lo = i;
        let mut score = 0.0;
        let mut bullets = 0;
        while i < n && !sep[i] {
            // A list of bulleted lines ends its section where an unbulleted
            // line follows (a teaser list before a headline).
            if bullets >= BULLET_RUN && !lines[i].bullet {
                break;
            }
            bullets = if lines[i].bullet { bullets + 1 } else { 0 };
            score += match lines[i].class {
                Class::Good => lines[i].words as f32,
                Class::Near => 0.3 * lines[i].words as f32,
                _ => 0.0,
            };
            i += 1;
        }
        sections.push(Section {
            lo,
            hi: i - 1,
            score,
        });
    }
    let mut section_of = vec![None; n];
    for (k, sec) in sections.iter().enumerate() {
        section_of[sec.lo..=sec.hi]
            .iter_mut()
            .for_each(|x| *x = Some(k));
    }
    let mut buf = String::new();
    let line_words = LineWords::new(lex, &lines, text, &mut buf);
    let sec_words: Vec<HashSet64> = sections
        .iter()
        .map(|sec| {
            // Sized for all the lines' words: no regrowth while filling.
            let n = (sec.lo..=sec.hi).map(|i| line_words.of(i).len()).sum();
            let mut w = HashSet64::with_capacity_and_hasher(n, Default::default());
            for i in sec.lo..=sec.hi {
                w.extend(line_words.of(i).iter().copied());
            }
            w
        })
        .collect();
    let slug = slug_words(lex, doc.url.as_deref(), &mut buf);
    let recurring = recurring_shapes(&lines, text);
    let gap_info = |a: usize, b: usize| {
        let (glo, ghi) = (sections[a].hi + 1, sections[b].lo);
        // Two or more lines whose shape recurs on the page, one with a
        // number (a comment's "Score: 14 points" and "3 hours ago at
        // 10:05 pm", a card's "5 replies"): the sections are items of a
        // list, not one article.
        let rec = (glo..ghi).filter(|&i| recurring[i]);
        if rec.clone().count() >= 2 && rec.clone().any(|i| lines[i].digits > 0) {
            return Gap {
                len: usize::MAX,
                hard: true,
                weak: true,
                any_bad: true,
                listed: false,
                ads_only: false,
            };
        }
        let g = &lines[glo..ghi];
        let hard = g.iter().any(|l| {
            matches!(l.class, Class::Bad(r) if r.is_hard_border()
                && !matches!(r, DropReason::Byline | DropReason::Social))
        });
        // Only advertisement slots and images: the article goes on.
        let ads_only = !g.is_empty()
            && g.iter()
                .all(|l| l.bracketed || matches!(l.class, Class::Bad(DropReason::Advertisement)));
        let weak = g
            .iter()
            .any(|l| matches!(l.class, Class::Bad(DropReason::Byline | DropReason::Social)));
        let any_bad = g.iter().any(|l| matches!(l.class, Class::Bad(_)));
        // The gap is a list the article announces with a colon (and no
        // recurring line says it is a list of comments or cards).
        let listed = [glo - 1, glo]
            .iter()
            .any(|&i| lines[i].span.slice(text).ends_with(':'))
            && !recurring[glo..ghi].iter().any(|&r| r);
        Gap {
            len: g.len(),
            hard,
            weak,
            any_bad,
            listed,
            ads_only,
        }
    };
    // `short_so_far`: the article has little prose yet, so a byline or a
    // share bar is still its header rather than its end.
    let adjacent_gap = if doc.layout.is_some() {
        ADJACENT_GAP_HTML
    } else {
        ADJACENT_GAP
    };
    let max_gap = if doc.layout.is_some() {
        MAX_GAP_HTML
    } else {
        MAX_GAP
    };
    // Sections that are bulleted lists: the article does not start with one.
    let lists: Vec<bool> = sections
        .iter()
        .map(|sec| {
            sec.hi + 1 - sec.lo >= BULLET_RUN && lines[sec.lo..=sec.hi].iter().all(|l| l.bullet)
        })
        .collect();
    let joins = |k: usize, gap: Gap, profile: &HashSet64, back: bool, short_so_far: bool| {
        let Gap {
            len,
            hard,
            weak,
            any_bad,
            listed,
            ads_only,
        } = gap;
        if ads_only && len <= AD_GAP_LINES {
            return true;
        }
        if listed && !back && !any_bad && len <= MAX_LIST {
            return true;
        }
        let border = hard || (weak && !short_so_far);
        // Borders do not stop the extension backwards (share bars and bylines
        // sit between a lede and the body).
        if (border && !back) || len > max_gap {
            return false;
        }
        if len <= adjacent_gap {
            return true;
        }
        // A standfirst and the body, with only a byline block between.
        if short_so_far && !back && !any_bad && len <= SMALL_GAP {
            return true;
        }
        let words = &sec_words[k];
        if words.len() < SMALL_SECTION {
            return len <= SMALL_GAP && !any_bad;
        }
        overlap(words, profile) >= COHERENCE
    };
    // The article around section `k`: neighbours joined by contiguity and
    // coherence with `k`'s words (and `extra` words such as the title's).
    // Each short line's opening (its first two words, digits as 0).
    let opening: Vec<Option<u64>> = lines.iter().map(|l| line_opening(l, text)).collect();
    let chain = |k: usize, extra: &HashSet64, floor: usize| {
        let mut profile = sec_words[k].clone();
        profile.extend(extra.iter().copied());
        let mut last = k;
        let mut so_far = sections[k].score;
        let mut rhythm: Vec<u64> = Vec::new();
        for j in k + 1..sections.len() {
            let gap = gap_info(j - 1, j);
            let (glo, ghi) = (sections[j - 1].hi + 1, sections[j].lo);
            // The gap repeats a line opening of a gap already joined ("Buy
            // here: ...", "Find it at ..."): the items of a listicle.
            let rhythmic = !rhythm.is_empty()
                && !gap.hard
                && gap.len <= max_gap
                && (glo..ghi).any(|i| opening[i].is_some_and(|h| rhythm.contains(&h)));
            if !rhythmic && !joins(j, gap, &profile, false, so_far < HEADER_WORDS) {
                break;
            }
            rhythm.extend((glo..ghi).filter_map(|i| opening[i]));
            profile.extend(sec_words[j].iter().copied());
            so_far += sections[j].score;
            last = j;
        }
        let mut first = k;
        for j in (floor..k).rev() {
            // A bulleted list does not start the article: look past it (a
            // teaser list above the headline, a related box in the body).
            if lists[j] {
                continue;
            }
            if !joins(j, gap_info(j, first), &profile, true, true) {
                break;
            }
            profile.extend(sec_words[j].iter().copied());
            first = j;
        }
        (first, last, profile)
    };
    // Seeds of the article's core hold some prose.
    let mut order: Vec<usize> = (0..sections.len())
        .filter(|&k| sections[k].score >= MIN_SEED)
        .collect();
    // Comments follow the article: when prose precedes a comment thread,
    // the thread's sections do not seed the core.
    if let Some(t) = thread {
        if order.iter().any(|&k| sections[k].lo < t) {
            order.retain(|&k| sections[k].lo < t);
        }
    }
    order.sort_by(|&a, &b| sections[b].score.total_cmp(&sections[a].score));
    order.truncate(CANDIDATES);
    let empty = HashSet64::default();
    // Title: a headline-like line agreeing with the body's words, the URL
    // slug and the metadata title, just before (or opening) the article.
    let meta_title = doc.title.as_deref().map(norm).filter(|t| !t.is_empty());
    let mut meta_words = HashSet64::default();
    if let Some(t) = doc.title.as_deref() {
        content_words(lex, t, &mut buf, &mut meta_words);
    }
    let find_title = |lo: usize, profile: &HashSet64, far_h1: bool| {
        let mut best: Option<(f32, usize)> = None;
        // The window counts lines that are not boilerplate, up to a limit.
        let mut from = lo;
        let mut counted = 0;
        while from > 0 && counted < TITLE_WINDOW && lo - from < 3 * TITLE_WINDOW {
            from -= 1;
            if !matches!(lines[from].class, Class::Bad(_)) {
                counted += 1;
            }
        }
        // HTML: an `h1` further back is a candidate too, when its words
        // agree with the article, the URL or the metadata title.
        let far_start = if far_h1 {
            lo.saturating_sub(FAR_HEADING)
        } else {
            from
        };
        let far = (far_start..from).filter(|&k| lines[k].heading);
        for k in far.chain(from..=lo.min(lines.len().saturating_sub(1))) {
            let l = &lines[k];
            let candidate = !matches!(l.class, Class::Bad(_))
                && (l.class != Class::Good || title_cased(l))
                && (2..=40).contains(&l.words)
                && (!l.sentence_end || !l.span.slice(text).ends_with('.'))
                // A bulleted line (a list item, a teaser) is not the title.
                && !l.bullet
                && !l.name_like(text);
            if !candidate {
                continue;
            }
            let s = l.span.slice(text);
            let words = line_words.of(k);
            let mut score = overlap_slice(words, profile) + 0.5 * overlap_slice(words, &slug);
            if let Some(t) = &meta_title {
                let ns = norm(s);
                if !ns.is_empty()
                    && (t.contains(&ns) && ns.len() * 5 >= t.len() * 2 || ns.contains(t.as_str()))
                {
                    score += 1.0;
                } else if words.len() >= 3 {
                    score += overlap_slice(words, &meta_words);
                }
            }
            if k < from
                && overlap_slice(words, profile)
                    + overlap_slice(words, &slug)
                    + overlap_slice(words, &meta_words)
                    < 1.0
            {
                continue;
            }
            if l.heading {
                score += 0.5;
            }
            if words.len() < 2 {
                score *= 0.5;
            }
            if score >= 0.3 && best.is_none_or(|(b, _)| score >= b) {
                best = Some((score, k));
            }
        }
        best
    };
    let mut best_main: Option<(f32, usize)> = None;
    for &k in &order {
        let (first, last, profile) = chain(k, &empty, 0);
        let total: f32 = sections[first..=last].iter().map(|s| s.score).sum();
        let found = find_title(sections[first].lo, &profile, false);
        // The headline found before the chain counts as the chain's own
        // words for the slug (the slug is made from the headline).
        // (HTML: only an `h1`, not a subheading inside the article.)
        let title_line = found
            .filter(|t| doc.layout.is_none() || lines[t.1].heading)
            .map(|t| t.1);
        let slug_recall = if slug.len() >= 2 {
            let hit = slug
                .iter()
                .filter(|w| {
                    sec_words[first..=last].iter().any(|sw| sw.contains(w))
                        || title_line.is_some_and(|t| line_words.of(t).contains(w))
                })
                .count();
            hit as f32 / slug.len() as f32
        } else {
            0.0
        };
        let title_score = found.map_or(0.0, |t| t.0.min(1.5));
        let position = 1.0 - POSITION_WEIGHT * sections[first].lo as f32 / n as f32;
        let weight = total
            * (1.0 + SLUG_WEIGHT * slug_recall)
            * (1.0 + TITLE_WEIGHT * title_score)
            * position;
        if best_main.is_none_or(|(b, _)| weight > b) {
            best_main = Some((weight, k));
        }
    }
    let mut keep = vec![false; n];
    let mut title: Option<usize> = None;
    // HTML: a page with almost no prose (a calendar, a results table) is
    // the block under its `h1` headline.
    let little_prose = best_main.is_none_or(|(_, k)| {
        let (f, l, _) = chain(k, &empty, 0);
        sections[f..=l].iter().map(|s| s.score).sum::<f32>() < LITTLE_PROSE
    });
    let under_h1 = if !little_prose {
        None
    } else if doc.layout.is_some() {
        block_under_h1(&lines, text, meta_title.as_deref(), &mut keep)
    } else {
        block_under_slug_headline(lex, &lines, text, &slug, &mut keep)
    };
    if under_h1.is_some() {
        title = under_h1;
    } else if let Some((_, main)) = best_main {
        let (first, last0, profile) = chain(main, &empty, 0);
        let mut best = find_title(sections[first].lo, &profile, true);
        // A later line that repeats the metadata title is the headline: what
        // comes before it (a slider of other stories, the site's name) is
        // not the article.
        // Without a metadata title, a headline-sized line that repeats an
        // earlier line of the page (the page's title heading) is one.
        let lo = best.map_or(sections[first].lo, |(_, k)| k + 1);
        let chain_secs = &sections[first..=last0];
        let total: f32 = chain_secs.iter().map(|s| s.score).sum();
        let hi = sections[last0].hi;
        // A repeated headline comes before the chain's first prose line.
        let first_good = (lo..n)
            .find(|&i| lines[i].class == Class::Good)
            .unwrap_or(n);
        // Each line hash's first index, built when first needed.
        let mut first_seen: Option<fnv::FnvHashMap<u64, usize>> = None;
        let mut after = 0.0;
        let mut si = chain_secs.len();
        let mut headline = None;
        for k in (lo..hi).rev() {
            // `after`: prose of the chain's sections that start after `k`.
            while si > 0 && chain_secs[si - 1].lo > k {
                si -= 1;
                after += chain_secs[si].score;
            }
            let l = &lines[k];
            if after < 0.3 * total
                || matches!(l.class, Class::Bad(_))
                || (l.class == Class::Good && !title_cased(l))
                || !(2..=40).contains(&l.words)
            {
                continue;
            }
            let found = match meta_title.as_deref() {
                Some(t) => {
                    let ns = norm(l.span.slice(text));
                    ns.len() * 2 >= t.len() && t.contains(ns.as_str())
                }
                None => {
                    l.words >= 5 && k <= first_good && {
                        let seen = first_seen.get_or_insert_with(|| {
                            let mut m = fnv::FnvHashMap::default();
                            for (i, e) in lines[..first_good.min(hi)].iter().enumerate() {
                                m.entry(line_hash(e.span.slice(text))).or_insert(i);
                            }
                            m
                        });
                        seen.get(&line_hash(l.span.slice(text)))
                            .is_some_and(|&i| i < k)
                    }
                }
            };
            if found {
                headline = Some(k);
                break;
            }
        }
        // Without a metadata title, the first headline-like line that
        // holds most of the URL slug's words is the headline.
        if headline.is_none() && meta_title.is_none() && slug.len() >= 3 {
            // It comes before the chain's first prose paragraph.
            let prose = (lo..hi)
                .find(|&i| lines[i].class == Class::Good && !title_cased(&lines[i]))
                .unwrap_or(hi);
            headline = (lo..prose).find(|&k| {
                let l = &lines[k];
                let after: f32 = chain_secs
                    .iter()
                    .filter(|s| s.lo > k)
                    .map(|s| s.score)
                    .sum();
                after >= 0.3 * total
                    && (3..=30).contains(&l.words)
                    && (l.class != Class::Good || title_cased(l))
                    && !matches!(l.class, Class::Bad(_))
                    && !l.span.slice(text).ends_with('.')
                    && holds_slug(line_words.of(k).iter().copied(), &slug)
            });
        }
        if let Some(k) = headline {
            best = Some((f32::MAX, k));
        }
        let mut title_words = HashSet64::default();
        let mut floor = 0;
        if let Some((_, k)) = best {
            title = Some(k);
            title_words.extend(line_words.of(k).iter().copied());
            floor = sections.iter().position(|s| s.lo >= k).unwrap_or(0);
            if sections[floor].lo == k && sections[floor].hi == k {
                floor += 1;
            }
        }
        let (first, last, _) = chain(main, &title_words, floor.min(main));
        for s in &sections[first..=last] {
            keep[s.lo..=s.hi].iter_mut().for_each(|k| *k = true);
        }
        // After the last prose section, the article runs on through short
        // lines (lists, tables, notes) until boilerplate or an unrelated
        // prose section.
        let mut end = sections[last].hi;
        let mut i = end + 1;
        let profile = chain(main, &title_words, floor.min(main)).2;
        while i < n {
            match lines[i].class {
                Class::Bad(DropReason::Advertisement) => {}
                // One image between the article's list items.
                Class::Bad(_)
                    if lines[i].bracketed && !lines.get(i + 1).is_some_and(|l| l.bracketed) => {}
                Class::Bad(_) => break,
                _ => {
                    if let Some(k) = section_of[i] {
                        if sections[k].score > 0.0
                            && sec_words[k].len() >= SMALL_SECTION
                            && overlap(&sec_words[k], &profile) < COHERENCE
                        {
                            break;
                        }
                    }
                    end = i;
                }
            }
            i += 1;
        }
        // Lines between kept sections that are not boilerplate are the
        // article's lists, subheadings and short paragraphs.
        for i in sections[first].lo..=end {
            if !matches!(lines[i].class, Class::Bad(_)) {
                keep[i] = true;
            }
        }
        // HTML: the article's container is the smallest element holding the
        // kept prose; when it holds little other prose, its other lines
        // that are not boilerplate are the article's too.
        if let Some(layout) = doc.layout.as_ref() {
            let profile = chain(main, &title_words, floor.min(main)).2;
            // A "Related" or "Comments" heading after the article ends what
            // the container may add, unless the prose right after it goes on
            // with the article's topic (a related box inside the body).
            let limit = (end + 1..n)
                .find(|&i| {
                    lines[i].cue.is_some()
                        && matches!(
                            lines[i].class,
                            Class::Bad(DropReason::Related | DropReason::Comments)
                        )
                        && sections
                            .iter()
                            .position(|s| s.lo > i && s.score > 0.0)
                            .is_none_or(|k| {
                                let w = &sec_words[k];
                                w.len() < SMALL_SECTION || overlap(w, &profile) < COHERENCE
                            })
                })
                .unwrap_or(n);
            // Short lines (lists, scores, tables) between an `h1` title and
            // the prose belong to the article when its container holds them.
            let from = title.filter(|&t| lines[t].heading).map(|t| t + 1);
            dom::fill_container(layout, &lines[..limit], &mut keep[..limit], from, |added| {
                let mut words = HashSet64::default();
                for &i in added {
                    words.extend(line_words.of(i).iter().copied());
                }
                overlap(&words, &profile) >= CLIMB_COHERENCE
            });
        }
        // HTML: an `h1` headline inside an `<article>` element that holds
        // most of the kept prose bounds the article: kept lines outside it
        // are other posts (a "you may like" list of sibling articles).
        if let (Some(layout), Some(t)) = (doc.layout.as_ref(), title) {
            if lines[t].heading {
                article_scope(layout, &lines, t, &mut keep);
            }
        }
        if let Some(t) = title {
            keep[t] = false;
            keep[..t].iter_mut().for_each(|k| *k = false);
        }
        // Trim short lines at the edges of the article.
        let kept: Vec<usize> = (0..n).filter(|&i| keep[i]).collect();
        for &i in &kept {
            if lines[i].class == Class::Short {
                keep[i] = false;
            } else {
                break;
            }
        }
        // HTML: a long run of unlinked short lines closing the article is
        // its list (dates, results, items), not chrome: links would have
        // made chrome boilerplate already.
        let tail_run = kept
            .iter()
            .rev()
            .take_while(|&&i| lines[i].class == Class::Short)
            .count();
        let run = &kept[kept.len() - tail_run..];
        let list_tail = tail_run >= TAIL_LIST
            && (doc.layout.is_some()
                && run.iter().filter(|&&i| lines[i].link_density >= 0.1).count() * LINKED_SHARE
                    <= tail_run
                // A line ending in a colon announces the list that follows
                // (after an image and its caption, perhaps).
                || run.first().is_some_and(|&i| {
                    i > 0
                        && (i - 1..i + LIST_INTRO_LINES)
                            .filter(|&j| run.contains(&j) || j + 1 == i)
                            .any(|j| lines[j].span.slice(text).ends_with(':'))
                }));
        if !list_tail {
            for &i in kept.iter().rev() {
                if lines[i].class == Class::Short {
                    keep[i] = false;
                } else {
                    break;
                }
            }
        }
    }
    // Text pages: a renderer prints hidden copies of the body (metadata,
    // no-script blocks) that HTML extraction skips.
    if doc.layout.is_none() {
        drop_repeated_text(&lines, text, &mut keep);
    }
    // Reasons for everything else.
    let first_body = keep.iter().position(|&k| k).unwrap_or(n);
    let last_body = keep.iter().rposition(|&k| k).unwrap_or(0);
    let mut out = Stripped {
        title: title.map(|t| lines[t].span),
        ..Stripped::default()
    };
    let mut border: Option<DropReason> = None;
    for (i, l) in lines.iter().enumerate() {
        if keep[i] {
            out.body.push(l.span);
            continue;
        }
        if Some(i) == title {
            continue;
        }
        let s = l.span.slice(text);
        let after = i > last_body && first_body < n;
        let reason = match l.class {
            Class::Bad(r) => {
                if after && r.is_hard_border() {
                    border = Some(r);
                }
                if l.template && l.cue.is_none() {
                    if after {
                        DropReason::Footer
                    } else {
                        DropReason::Navigation
                    }
                } else {
                    r
                }
            }
            _ if date_like(l, s) => DropReason::Metadata,
            Class::Good | Class::Near if after => border.unwrap_or(DropReason::Related),
            _ if after => border.unwrap_or(DropReason::Footer),
            Class::Short if i < first_body => DropReason::Navigation,
            Class::Short => DropReason::Metadata,
            _ => DropReason::Other,
        };
        match out.dropped.last_mut() {
            Some(d)
                if d.reason == reason
                    && out.body.last().is_none_or(|b| b.start() <= d.span.start())
                    && title.is_none_or(|t| {
                        lines[t].span.start() < d.span.start()
                            || lines[t].span.start() > l.span.start()
                    }) =>
            {
                d.span = d.span.cover(l.span);
            }
            _ => out.dropped.push(Dropped {
                span: l.span,
                reason,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{line_opening, push_lower, word_grams};
    use crate::features::{self, Class};
    use factsift_core::Span;

    #[test]
    fn no_break_space_ends_a_word_in_grams() {
        let grams = |s: &str| {
            let mut out = Vec::new();
            word_grams(s, &mut out);
            out
        };
        let plain = grams("one two three four five");
        assert_eq!(plain.len(), 2);
        assert_eq!(grams("one\u{a0}two three four\u{a0}five"), plain);
        assert_eq!(grams("One, two: three four five."), plain);
        // Other characters with an A0 byte stay inside their word (`à` is
        // C3 A0): four words, one 4-gram.
        assert_eq!(grams("oàe two three four").len(), 1);
    }

    #[test]
    fn line_openings_match_list_item_lines() {
        let lex = crate::lexicon::Lexicon::new(&[], &[], &[], &[]).unwrap();
        let open = |s: &str| {
            let mut buf = String::new();
            let mut l = features::line(&lex, s, Span::from_range(0..s.len()), &mut buf);
            l.class = Class::Short;
            line_opening(&l, s)
        };
        assert!(open("• Buy here: Shop A").is_some());
        assert_eq!(open("• Buy here: Shop A"), open("Buy here: Some Store"));
        assert_eq!(
            open("Eat 60-90 minutes before"),
            open("Eat 1-2 hours after")
        );
        assert_ne!(open("Buy here: Shop A"), open("Find here: Shop A"));
        // Too short, or prose, has no opening.
        assert_eq!(open("Buy it"), None);
    }

    #[test]
    fn push_lower_agrees_with_std_everywhere() {
        let mut buf = String::new();
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            buf.clear();
            push_lower(c, &mut buf);
            assert_eq!(
                buf,
                c.to_lowercase().collect::<String>(),
                "U+{:04X}",
                c as u32
            );
        }
    }
}
