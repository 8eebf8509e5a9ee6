//! Invariants of the tokenizer on generated text.

use factsift_core::{Span, Tokenized};
use factsift_tokenize::Tokenizer;
use proptest::prelude::*;
use std::sync::LazyLock;

static TOKENIZER: LazyLock<Tokenizer> = LazyLock::new(Tokenizer::new);

/// Text made of the characters the rules care about, plus any character.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 .,;:!?'’\"“”$£€%&()\\-–/|•…。\n\r\t\u{a0}À-ÿ\u{300}\u{200d}\u{2028}]{0,80}",
        "(Mr|No|Inc|U\\.S|e\\.g|J|[A-Z][a-z]{0,6}|[0-9]{1,4}|\\$|US|%|\\.|,|-|’s|\"|”|\n| |  |\n\n){0,40}",
        "\\PC{0,60}",
        any::<String>(),
    ]
}

/// Checks every structural invariant of `t` for `text`, tokens restricted to `within`.
fn check(text: &str, t: &Tokenized, within: &[Span]) -> Result<(), TestCaseError> {
    let mut prev_end = 0;
    for tok in &t.tokens {
        let (s, e) = (tok.span.start(), tok.span.end());
        prop_assert!(
            Span::checked(text, s, e).is_ok(),
            "token {s}..{e} not valid in text"
        );
        prop_assert!(s < e, "empty token at {s}");
        prop_assert!(s >= prev_end, "tokens overlap or are out of order at {s}");
        prop_assert!(
            within.iter().any(|w| w.contains(tok.span)),
            "token {s}..{e} outside spans"
        );
        let slice = tok.span.slice(text);
        prop_assert!(
            !slice.starts_with(char::is_whitespace) && !slice.ends_with(char::is_whitespace)
        );
        prev_end = e;
    }
    // Every non-whitespace character inside the spans is in a token.
    let mut k = 0;
    for w in within {
        for (i, c) in text.get(w.range()).unwrap_or("").char_indices() {
            let i = i + w.start();
            if c.is_whitespace() {
                continue;
            }
            while k < t.tokens.len() && t.tokens[k].span.end() <= i {
                k += 1;
            }
            prop_assert!(
                k < t.tokens.len() && t.tokens[k].span.start() <= i,
                "char {c:?} at {i} not covered"
            );
        }
    }
    // Sentences partition the tokens, in order, and span first to last token.
    let mut next = 0;
    for s in &t.sentences {
        prop_assert_eq!(s.tokens.start, next);
        prop_assert!(s.tokens.end > s.tokens.start, "empty sentence");
        let first = t.tokens[s.tokens.start].span;
        let last = t.tokens[s.tokens.end - 1].span;
        prop_assert_eq!(s.span, Span::from_range(first.start()..last.end()));
        prop_assert!(
            within.iter().any(|w| w.contains(s.span)),
            "sentence crosses a span boundary"
        );
        next = s.tokens.end;
    }
    prop_assert_eq!(next, t.tokens.len());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn invariants_hold(text in text()) {
        let t = TOKENIZER.tokenize(&text);
        check(&text, &t, &[Span::from_range(0..text.len())])?;
    }

    /// Prefixing text that ends in a line break shifts every span by exactly
    /// the prefix's length (nlprule's shift test).
    #[test]
    fn prefix_shifts_spans(text in text(), prefix in "[A-Za-z0-9 .,’$%\\-]{0,20}\n") {
        let plain = TOKENIZER.tokenize(&text);
        let joined = format!("{prefix}{text}");
        let shifted = TOKENIZER.tokenize(&joined);
        let before = TOKENIZER.tokenize(&prefix);
        let d = prefix.len();
        let nt = before.tokens.len();
        let ns = before.sentences.len();
        prop_assert_eq!(shifted.tokens.len(), nt + plain.tokens.len());
        for (a, b) in plain.tokens.iter().zip(&shifted.tokens[nt..]) {
            prop_assert_eq!(a.span.shift(d), b.span);
            prop_assert_eq!(a.kind, b.kind);
        }
        prop_assert_eq!(shifted.sentences.len(), ns + plain.sentences.len());
        for (a, b) in plain.sentences.iter().zip(&shifted.sentences[ns..]) {
            prop_assert_eq!(a.span.shift(d), b.span);
            prop_assert_eq!(a.tokens.start + nt, b.tokens.start);
            prop_assert_eq!(a.tokens.end + nt, b.tokens.end);
        }
    }

    /// Arbitrary bytes, decoded lossily as ingestion does, never panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let text = String::from_utf8_lossy(&bytes);
        let t = TOKENIZER.tokenize(&text);
        check(&text, &t, &[Span::from_range(0..text.len())])?;
    }

    /// Any spans are safe; tokens and sentences stay inside the (normalised)
    /// spans, and one span over the whole text equals `tokenize`.
    #[test]
    fn spans_are_respected(text in text(), cuts in proptest::collection::vec(0usize..120, 0..8)) {
        let full = TOKENIZER.tokenize_spans(&text, &[Span::from_range(0..text.len())]);
        prop_assert_eq!(&full, &TOKENIZER.tokenize(&text));
        // Arbitrary (possibly unordered, out-of-bounds, mid-character) spans never panic.
        let wild: Vec<Span> = cuts.chunks(2).map(|c| Span::from_range(c[0]..c[c.len() - 1])).collect();
        let _ = TOKENIZER.tokenize_spans(&text, &wild);
        // Ordered spans on character boundaries are respected exactly.
        let mut bounds: Vec<usize> = cuts
            .iter()
            .map(|&c| c.min(text.len()))
            .filter(|&c| text.is_char_boundary(c))
            .collect();
        bounds.sort_unstable();
        bounds.dedup();
        let spans: Vec<Span> = bounds.chunks_exact(2).map(|c| Span::from_range(c[0]..c[1])).collect();
        let t = TOKENIZER.tokenize_spans(&text, &spans);
        check(&text, &t, &spans)?;
    }
}
