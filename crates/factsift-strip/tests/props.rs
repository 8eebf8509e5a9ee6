//! Invariants on arbitrary input: no panic; spans in bounds, on character
//! boundaries, ordered and disjoint; every non-blank line accounted for.

#![allow(clippy::unwrap_used)] // test helpers fail loudly on bad fixtures

use factsift_core::{Block, Document, Element, Layout, Span};
use factsift_strip::{Stripper, TemplateLearner};
use proptest::prelude::*;

fn check(doc: &Document, out: &factsift_strip::Stripped) {
    let text = &doc.text;
    let mut all: Vec<Span> = out.body.clone();
    all.extend(out.dropped.iter().map(|d| d.span));
    all.extend(out.title);
    for s in &all {
        assert!(s.end() <= text.len());
        assert!(text.is_char_boundary(s.start()) && text.is_char_boundary(s.end()));
    }
    all.sort();
    for w in all.windows(2) {
        assert!(w[0].end() <= w[1].start(), "overlap {:?} {:?}", w[0], w[1]);
    }
    assert!(out.body.windows(2).all(|w| w[0].end() <= w[1].start()));
    // Every non-blank line is title, body or dropped.
    let mut at = 0;
    for line in text.split('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let start = at + (line.len() - line.trim_start().len());
            assert!(
                all.iter()
                    .any(|s| s.start() <= start && start < s.end().max(start + 1)),
                "line at {start} not covered: {trimmed:?}"
            );
        }
        at += line.len() + 1;
    }
    let _ = out.text(doc);
    let _ = serde_json::to_string(&out.record(doc)).unwrap();
}

fn page() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        "[A-Za-z ,.'’]{0,200}",
        "(The|A|It|We) [a-z]{2,8}( (the|of|and|to|in|is) [a-z]{2,9}){5,30}\\.",
        "(Home|News|Share|Related|Read more|© 2020 Site|By Jane Doe|Advertisement|English|中文)",
        "\\PC{0,80}",
        "[ \t]{0,3}",
    ];
    prop::collection::vec(line, 0..40).prop_map(|v| v.join("\n"))
}

proptest! {
    #[test]
    fn text_pages(text in page(), url in prop::option::of("https?://[a-z]{1,8}\\.[a-z]{2,3}/[a-z0-9/-]{0,30}")) {
        let stripper = Stripper::builder().build().unwrap();
        let mut doc = Document::new("p", text);
        doc.url = url;
        let out = stripper.strip(&doc);
        check(&doc, &out);
        let mut learner = TemplateLearner::new();
        learner.observe(&doc);
        learner.observe(&doc);
        let out = stripper.strip_with(&doc, &learner.finish());
        check(&doc, &out);
    }

    #[test]
    fn html_layouts(text in page(), tags in prop::collection::vec((0usize..8, 0usize..6, 0usize..400), 0..40)) {
        // A layout over the text's lines with arbitrary tags, hints and link bytes.
        let names = ["div", "p", "nav", "article", "aside", "footer", "li", "h1"];
        let hints = ["", "post-content", "share-bar", "related", "sidebar-wrap main", "comments"];
        let mut elements = vec![Element { tag: "body".into(), hints: String::new(), parent: None }];
        let mut blocks = Vec::new();
        let mut at = 0;
        for (i, line) in text.split('\n').enumerate() {
            let (t, h, links) = tags.get(i).copied().unwrap_or((1, 0, 0));
            let parent = Some(i % elements.len());
            elements.push(Element { tag: names[t].into(), hints: hints[h].into(), parent });
            if !line.trim().is_empty() {
                blocks.push(Block { span: Span::from_range(at..at + line.len()), element: elements.len() - 1, link_bytes: links });
            }
            at += line.len() + 1;
        }
        let stripper = Stripper::builder().build().unwrap();
        let mut doc = Document::new("h", text);
        doc.layout = Some(Layout { elements, blocks });
        doc.title = Some("The title".into());
        let out = stripper.strip(&doc);
        check(&doc, &out);
    }
}
