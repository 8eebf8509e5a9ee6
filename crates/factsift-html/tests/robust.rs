//! Robustness: invariants on arbitrary input (proptest), and deeply nested
//! documents that must neither overflow a normal thread stack nor go
//! quadratic.

use factsift_html::{Page, extract};
use proptest::prelude::*;
use std::time::{Duration, Instant};

/// Checks every invariant a `Page` promises.
fn check(page: &Page) -> Result<(), String> {
    let text = &page.text;
    let lines: Vec<&str> = text.split_terminator('\n').collect();
    let blocks = &page.layout.blocks;
    let elements = &page.layout.elements;
    if lines.len() != blocks.len() {
        return Err(format!("{} lines but {} blocks", lines.len(), blocks.len()));
    }
    if !text.is_empty() && !text.ends_with('\n') {
        return Err("text does not end with a newline".into());
    }
    let mut prev_end = 0;
    let mut offset = 0;
    for (i, (b, line)) in blocks.iter().zip(&lines).enumerate() {
        let (s, e) = (b.span.start(), b.span.end());
        if e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            return Err(format!(
                "block {i} span {s}..{e} out of bounds or not on a char boundary"
            ));
        }
        if s < prev_end {
            return Err(format!("block {i} overlaps or is out of order"));
        }
        if s != offset || &text[s..e] != *line {
            return Err(format!("block {i} is not line {i}"));
        }
        if line.trim().is_empty() {
            return Err(format!("block {i} is blank"));
        }
        if b.link_bytes > b.span.len() {
            return Err(format!("block {i} has more link bytes than bytes"));
        }
        if b.element >= elements.len() {
            return Err(format!("block {i} element out of range"));
        }
        prev_end = e;
        offset = e + 1;
    }
    for (i, el) in elements.iter().enumerate() {
        if el.parent.is_some_and(|p| p >= i) {
            return Err(format!(
                "element {i} has parent {:?} not before it",
                el.parent
            ));
        }
        if el.tag.is_empty() || el.tag.bytes().any(|c| c.is_ascii_uppercase()) {
            return Err(format!("element {i} tag {:?}", el.tag));
        }
        if el.hints.bytes().any(|c| c.is_ascii_uppercase()) {
            return Err(format!("element {i} hints not lowercase"));
        }
    }
    Ok(())
}

/// HTML-like soup: tags (known, unknown, raw-text, void), attributes,
/// entities, comments and text in random order and nesting.
fn soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=\"A b\" hidden>".to_string()),
        Just("<div id=x>".to_string()),
        Just("</div>".to_string()),
        Just("<li>".to_string()),
        Just("<ul>".to_string()),
        Just("</ul>".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("<td>".to_string()),
        Just("<tr>".to_string()),
        Just("</table>".to_string()),
        Just("<a href=/x>".to_string()),
        Just("</a>".to_string()),
        Just("<b>".to_string()),
        Just("</i>".to_string()),
        Just("<br>".to_string()),
        Just("<pre>".to_string()),
        Just("</pre>".to_string()),
        Just("<h2>".to_string()),
        Just("</h3>".to_string()),
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just("<title>".to_string()),
        Just("<svg><path/>".to_string()),
        Just("</svg>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("&amp;".to_string()),
        Just("&#x20;".to_string()),
        Just("&nbsp;".to_string()),
        Just("\u{a0}\u{ad}\u{200b}".to_string()),
        Just("<x-y>".to_string()),
        Just("</x-y>".to_string()),
        Just("<time datetime=2017-10-02>".to_string()),
        "[a-zé€ \\n\\t<>&/=\"';]{0,12}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        let page = extract(&s);
        prop_assert_eq!(check(&page), Ok(()));
    }

    #[test]
    fn html_soup_keeps_invariants(s in soup()) {
        let page = extract(&s);
        prop_assert_eq!(check(&page), Ok(()));
    }

    #[test]
    fn arbitrary_bytes_decode_and_extract(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let (text, _lossy) = factsift_html::decode(&bytes);
        let page = extract(&text);
        prop_assert_eq!(check(&page), Ok(()));
    }
}

/// Runs `f` in a thread with a 2 MB stack (the default for spawned
/// threads), so a recursive walk or drop of a deep tree would overflow.
fn on_small_stack<F: FnOnce() + Send + 'static>(f: F) {
    let handle = match std::thread::Builder::new().stack_size(2 << 20).spawn(f) {
        Ok(h) => h,
        Err(e) => panic!("cannot spawn a thread: {e}"),
    };
    if handle.join().is_err() {
        panic!("extraction failed on a 2 MB stack");
    }
}

const DEEP: usize = 100_000;
/// Far more than linear work on 100,000 elements takes, even unoptimised;
/// a quadratic algorithm takes far longer.
const LIMIT: Duration = Duration::from_secs(10);

fn timed(html: &str) -> Page {
    let t = Instant::now();
    let page = extract(html);
    let took = t.elapsed();
    assert!(took < LIMIT, "took {took:?} on {} bytes", html.len());
    if let Err(e) = check(&page) {
        panic!("{e}");
    }
    page
}

#[test]
fn deeply_nested_divs() {
    on_small_stack(|| {
        let html = format!("{}deep text{}", "<div>".repeat(DEEP), "</div>".repeat(DEEP));
        let page = timed(&html);
        assert_eq!(page.text, "deep text\n");
        // The root, then every div, each the child of the one before.
        assert_eq!(page.layout.elements.len(), DEEP + 1);
        let deepest = page.layout.blocks[0].element;
        assert_eq!(page.layout.ancestors(deepest).count(), DEEP + 1);
        drop(page);
    });
}

#[test]
fn deeply_nested_text_at_every_level() {
    on_small_stack(|| {
        let html = "<div>x".repeat(DEEP);
        let page = timed(&html);
        assert_eq!(page.layout.blocks.len(), DEEP);
    });
}

#[test]
fn deeply_nested_inline_with_unmatched_end_tags() {
    on_small_stack(|| {
        let mut html = "<span><b>".repeat(DEEP / 2);
        html.push_str("text");
        html.push_str(&"</i></em></u>".repeat(DEEP));
        html.push_str(&"</span>".repeat(DEEP));
        let page = timed(&html);
        assert_eq!(page.text, "text\n");
    });
}

#[test]
fn deeply_nested_mixed_structures() {
    on_small_stack(|| {
        for unit in [
            "<table><tr><td>",
            "<ul><li>",
            "<li><div>",
            "<a href=x><p>",
            "<blockquote><dl><dt>",
            "<svg><g>",
            "<pre>\n",
            "<div hidden>",
            "<h1><h2>",
            "<select><option>",
        ] {
            let mut html = String::new();
            for i in 0..DEEP / 4 {
                html.push_str(unit);
                if i % 100 == 0 {
                    html.push('t');
                }
            }
            html.push_str(&"</td></li></p></dt></g></div></h1>".repeat(DEEP / 8));
            timed(&html);
        }
    });
}

#[test]
fn many_unclosed_paragraphs_and_list_items_stay_linear() {
    on_small_stack(|| {
        let html = "<div><li>item<p>para".repeat(DEEP / 2);
        let page = timed(&html);
        assert_eq!(page.layout.blocks.len(), DEEP);
    });
}
