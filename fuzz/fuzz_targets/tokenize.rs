//! Fuzzes `Tokenizer::tokenize` and `tokenize_spans` with arbitrary bytes,
//! decoded lossily as ingestion does, and checks the span invariants.
#![no_main]

use factsift_core::{Span, Tokenized};
use factsift_tokenize::Tokenizer;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static TOKENIZER: LazyLock<Tokenizer> = LazyLock::new(Tokenizer::new);

fn check(text: &str, t: &Tokenized, within: &[Span]) {
    let mut prev = 0;
    for tok in &t.tokens {
        let (s, e) = (tok.span.start(), tok.span.end());
        assert!(Span::checked(text, s, e).is_ok() && s < e && s >= prev);
        assert!(within.iter().any(|w| w.contains(tok.span)));
        prev = e;
    }
    let mut next = 0;
    for s in &t.sentences {
        assert_eq!(s.tokens.start, next);
        assert!(s.tokens.end > s.tokens.start);
        assert!(within.iter().any(|w| w.contains(s.span)));
        next = s.tokens.end;
    }
    assert_eq!(next, t.tokens.len());
}

fuzz_target!(|data: &[u8]| {
    // The first two bytes, if any, pick a span cut; the rest is the text.
    let (cut, bytes) = match data {
        [a, b, rest @ ..] => (usize::from(*a) << 8 | usize::from(*b), rest),
        _ => (0, data),
    };
    let text = String::from_utf8_lossy(bytes);
    let whole = Span::from_range(0..text.len());
    check(&text, &TOKENIZER.tokenize(&text), &[whole]);

    let mut mid = cut.min(text.len());
    while !text.is_char_boundary(mid) {
        mid -= 1;
    }
    let spans = [Span::from_range(0..mid), Span::from_range(mid..text.len())];
    check(&text, &TOKENIZER.tokenize_spans(&text, &spans), &spans);
    // Unordered, overlapping and out-of-range spans must not panic either.
    let wild = [Span::from_range(cut..cut + 7), Span::from_range(1..cut / 2)];
    let _ = TOKENIZER.tokenize_spans(&text, &wild);
});
