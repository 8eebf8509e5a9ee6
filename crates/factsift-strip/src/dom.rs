//! DOM evidence for HTML pages: link density and tag/class hints of each
//! block's ancestors.

use crate::DropReason;
use crate::features::{self, Class, Line};
use crate::lexicon::{Hint, Lexicon};
use factsift_core::{Document, Layout, Span};

/// Share of a page's prose an element must hold for its drop hints to be
/// ignored (a "sidebar-wrap" around the article is not a sidebar).
const PROTECT: f32 = 0.4;

/// What an element's tag and hint words say.
fn element_hint(lex: &Lexicon, tag: &str, hints: &str) -> Option<Hint> {
    let mut found = lex.hint(tag);
    if matches!(found, Some(Hint::Drop(_))) {
        return found;
    }
    let mut drop = None;
    for word in hints.split([' ', '-', '_', ':']) {
        if word.is_empty() {
            continue;
        }
        match lex.hint(word) {
            Some(Hint::Drop(r)) => drop = drop.or(Some(r)),
            Some(Hint::Article) => found = Some(Hint::Article),
            Some(Hint::Embed) => return None,
            None => {}
        }
    }
    drop.map(Hint::Drop).or(found)
}

/// One line per layout block, with DOM features.
pub(crate) fn block_lines(lex: &Lexicon, doc: &Document, layout: &Layout) -> Vec<Line> {
    let text = doc.text.as_str();
    let mut buf = String::new();
    let ne = layout.elements.len();
    let mut lines = Vec::with_capacity(layout.blocks.len());
    let mut elems = Vec::with_capacity(layout.blocks.len());
    for b in &layout.blocks {
        if b.span.end() > text.len()
            || !text.is_char_boundary(b.span.start())
            || !text.is_char_boundary(b.span.end())
        {
            continue;
        }
        let raw = b.span.slice(text);
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            continue;
        }
        let s = b.span.start() + lead;
        let mut l = features::line(lex, text, Span::from_range(s..s + trimmed.len()), &mut buf);
        l.link_density = (b.link_bytes as f32 / trimmed.len().max(1) as f32).min(1.0);
        l.heading = layout
            .elements
            .get(b.element)
            .is_some_and(|e| e.tag == "h1");
        l.element = b.element;
        lines.push(l);
        elems.push(b.element);
    }
    // Prose held by each element's subtree.
    let mut prose = vec![0f32; ne];
    let mut total = 0f32;
    for (l, &e) in lines.iter().zip(&elems) {
        let pw = if l.words >= 10
            && (l.stop_ratio() >= 0.15 || l.sentences >= 1)
            && l.link_density < 0.3
        {
            l.words as f32
        } else {
            0.0
        };
        if pw > 0.0 {
            total += pw;
            for a in layout.ancestors(e) {
                prose[a] += pw;
            }
        }
    }
    // Drop hints of elements, unless they hold much of the page's prose.
    let mut hint: Vec<Option<Option<DropReason>>> = vec![None; ne];
    for (l, &e) in lines.iter_mut().zip(&elems) {
        for a in layout.ancestors(e) {
            let h = *hint[a].get_or_insert_with(|| {
                let el = &layout.elements[a];
                match element_hint(lex, &el.tag, &el.hints) {
                    Some(Hint::Drop(r)) if total == 0.0 || prose[a] < PROTECT * total => Some(r),
                    _ => None,
                }
            });
            if let Some(r) = h {
                l.hint = Some(r);
                break;
            }
        }
    }
    lines
}

/// Climbing to a parent may add at most this many short lines without prose.
const MAX_ADDED_SHORT: usize = 3;

fn prose_words(l: &Line) -> f32 {
    if matches!(l.class, Class::Good) {
        l.words as f32
    } else {
        0.0
    }
}

/// Keep the lines of the article's container: start from the smallest
/// element holding all kept lines, climb to its parent while the prose the
/// parent adds is coherent with the article (`coherent` judges a set of line
/// indices) or it adds only a few short lines, then keep the container's
/// lines that are not boilerplate (short lines only from the first kept line,
/// or from `from` when it is earlier).
pub(crate) fn fill_container(
    layout: &Layout,
    lines: &[Line],
    keep: &mut [bool],
    from: Option<usize>,
    mut coherent: impl FnMut(&[usize]) -> bool,
) {
    let ne = layout.elements.len();
    // Lowest common ancestor of the kept lines' elements.
    let mut lca: Option<Vec<usize>> = None;
    for (l, _) in lines.iter().zip(keep.iter()).filter(|(_, k)| **k) {
        if l.element >= ne {
            return;
        }
        let mut chain: Vec<usize> = layout.ancestors(l.element).collect();
        chain.reverse();
        lca = Some(match lca {
            None => chain,
            Some(prev) => prev
                .iter()
                .zip(&chain)
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| *a)
                .collect(),
        });
    }
    let Some(path) = lca else {
        return;
    };
    let Some(mut depth) = path.len().checked_sub(1) else {
        return;
    };
    if path.iter().any(|&e| e >= ne) {
        return;
    }
    // For each line, the depth of the deepest element of `path` holding it
    // (`None` when outside the root of `path`).
    let mut index = vec![usize::MAX; ne];
    for (d, &e) in path.iter().enumerate() {
        index[e] = d;
    }
    let reach: Vec<Option<usize>> = lines
        .iter()
        .map(|l| {
            if l.element >= ne {
                return None;
            }
            layout
                .ancestors(l.element)
                .find_map(|a| (index[a] != usize::MAX).then_some(index[a]))
        })
        .collect();
    let within_depth = |i: usize, d: usize| reach[i].is_some_and(|r| r >= d);
    while depth > 0 {
        let added: Vec<usize> = (0..lines.len())
            .filter(|&i| {
                !matches!(lines[i].class, Class::Bad(_))
                    && within_depth(i, depth - 1)
                    && !within_depth(i, depth)
            })
            .collect();
        let prose: f32 = added.iter().map(|&i| prose_words(&lines[i])).sum();
        let ok = if prose > 0.0 {
            coherent(&added)
        } else {
            added.len() <= MAX_ADDED_SHORT
        };
        if !ok {
            break;
        }
        depth -= 1;
    }
    let first = keep.iter().position(|&k| k).unwrap_or(0);
    let first = from.map_or(first, |f| f.min(first));
    for (i, l) in lines.iter().enumerate() {
        if within_depth(i, depth)
            && !matches!(l.class, Class::Bad(_))
            && (i >= first || !matches!(l.class, Class::Short))
        {
            keep[i] = true;
        }
    }
}
