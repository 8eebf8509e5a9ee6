//! Invariants on arbitrary input: tagging never panics, every span lies in
//! bounds and on character boundaries, lists are ordered by span, and
//! conversions point at earlier quantities.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failure should panic

use factsift_core::{Sentence, Span, Tokenized};
use factsift_tag::Tagger;
use proptest::prelude::*;
use std::sync::OnceLock;

fn tagger() -> &'static Tagger {
    static T: OnceLock<Tagger> = OnceLock::new();
    T.get_or_init(|| Tagger::builder().build().unwrap())
}

fn check(text: &str, spans: &[Span]) -> Result<(), TestCaseError> {
    for s in spans {
        prop_assert!(s.end() <= text.len());
        prop_assert!(text.is_char_boundary(s.start()) && text.is_char_boundary(s.end()));
    }
    Ok(())
}

proptest! {
    #[test]
    fn spans_valid(text in "(\\PC|[0-9$£€%.,\\- ]|million|bn|Q[1-4]|the first half|last year|Inc|CEO |20[0-9][0-9]){0,60}",
                   date in proptest::option::of(2000i32..2030)) {
        let published = date.and_then(|y| factsift_core::Date::new(y, 6, 15));
        let tags = tagger().tag_str(&text, published);
        check(&text, &tags.quantities.iter().flat_map(|q| [Some(q.span), q.cue, q.noun]).flatten().collect::<Vec<_>>())?;
        check(&text, &tags.times.iter().map(|t| t.span).collect::<Vec<_>>())?;
        check(&text, &tags.entities.iter().map(|e| e.span).collect::<Vec<_>>())?;
        for w in tags.quantities.windows(2) {
            prop_assert!(w[0].span.start() <= w[1].span.start());
        }
        for w in tags.times.windows(2) {
            prop_assert!(w[0].span.start() <= w[1].span.start());
        }
        for w in tags.entities.windows(2) {
            prop_assert!(w[0].span.start() <= w[1].span.start());
        }
        for (k, q) in tags.quantities.iter().enumerate() {
            if let Some(c) = q.conversion_of {
                prop_assert!(c < k);
            }
            if let Some(m) = q.value_max {
                prop_assert!(q.value <= m);
            }
        }
    }

    #[test]
    fn sentences_limit_tagging(text in "\\PC{0,80}", a in 0usize..100, b in 0usize..100) {
        let (a, b) = (a.min(b).min(text.len()), a.max(b).min(text.len()));
        let (a, b) = (floor(&text, a), floor(&text, b));
        let tokenized = Tokenized {
            tokens: vec![],
            sentences: vec![Sentence { span: Span::new(a, b).unwrap(), tokens: 0..0 }],
        };
        let tags = tagger().tag(&text, &tokenized, None);
        for q in &tags.quantities {
            prop_assert!(q.span.start() >= a && q.span.end() <= b);
        }
    }
}

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
