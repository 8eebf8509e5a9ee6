//! One function per subcommand: build the stages, run them, write JSON lines.

use crate::output::Output;
use crate::runner::{DocumentRun, InputArgs, finish};
use anyhow::Result;
use factsift_core::{Span, TokenKind};
use serde::Serialize;
use std::process::ExitCode;

#[derive(Serialize)]
struct SpanText<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

impl<'a> SpanText<'a> {
    fn new(span: Span, text: &'a str) -> SpanText<'a> {
        SpanText {
            start: span.start(),
            end: span.end(),
            text: span.slice(text),
        }
    }
}

#[derive(Serialize)]
struct TokenOut<'a> {
    #[serde(flatten)]
    span: SpanText<'a>,
    kind: TokenKind,
}

#[derive(Serialize)]
struct TokenizedOut<'a> {
    id: &'a str,
    sentences: Vec<SpanText<'a>>,
    tokens: Vec<TokenOut<'a>>,
}

/// `factsift tokenize`: sentences and tokens of each whole document.
pub fn tokenize(args: &InputArgs) -> Result<ExitCode> {
    let tokenizer = factsift_tokenize::Tokenizer::new();
    let mut output = Output::open(args.output.as_deref())?;
    let mut records = 0;
    let run = DocumentRun {
        args,
        command: "tokenize",
    };
    let mut stats = run.run(
        |doc| {
            let t = tokenizer.tokenize(&doc.text);
            let out = TokenizedOut {
                id: &doc.id,
                sentences: t
                    .sentences
                    .iter()
                    .map(|s| SpanText::new(s.span, &doc.text))
                    .collect(),
                tokens: t
                    .tokens
                    .iter()
                    .map(|t| TokenOut {
                        span: SpanText::new(t.span, &doc.text),
                        kind: t.kind,
                    })
                    .collect(),
            };
            serde_json::to_string(&out)
        },
        |_, line| {
            output.line(&line?)?;
            records += 1;
            Ok(())
        },
    )?;
    stats.records = records;
    finish(args, output, stats)
}
