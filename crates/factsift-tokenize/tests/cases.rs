//! Runs every case of `tests/cases.txt` (format described at its top).

use factsift_core::{TokenKind, Tokenized};
use factsift_tokenize::Tokenizer;
use std::path::Path;

#[derive(Default)]
struct Case {
    name: String,
    line: usize,
    text: Option<String>,
    /// (section name, header line, body lines)
    checks: Vec<(String, usize, Vec<String>)>,
}

fn parse(data: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    let mut section: Option<(String, usize, Vec<String>)> = None;
    let finish = |cases: &mut Vec<Case>, section: &mut Option<(String, usize, Vec<String>)>| {
        let Some((name, line, body)) = section.take() else {
            return;
        };
        let Some(case) = cases.last_mut() else {
            panic!("cases.txt:{line}: section before any `==> case`");
        };
        if name == "text" || name == "text crlf" {
            let sep = if name == "text crlf" { "\r\n" } else { "\n" };
            case.text = Some(body.join(sep));
        } else if let Some(path) = name.strip_prefix("file ") {
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
            let raw = std::fs::read_to_string(root.join(path))
                .unwrap_or_else(|e| panic!("cases.txt:{line}: cannot read {path}: {e}"));
            // Ingestion removes a leading ` date YYYY-MM-DD ` marker.
            let text = match raw.strip_prefix(" date ") {
                Some(rest) if rest.len() > 11 && rest.as_bytes()[10] == b' ' => {
                    rest[11..].to_string()
                }
                _ => raw,
            };
            case.text = Some(text);
        } else {
            case.checks.push((name, line, body));
        }
    };
    for (i, line) in data.lines().enumerate() {
        let n = i + 1;
        let in_text = matches!(&section, Some((s, _, _)) if s.starts_with("text"));
        if let Some(name) = line.strip_prefix("==> ") {
            finish(&mut cases, &mut section);
            cases.push(Case {
                name: name.to_string(),
                line: n,
                ..Case::default()
            });
        } else if let Some(name) = line.strip_prefix("--- ") {
            finish(&mut cases, &mut section);
            section = Some((name.trim().to_string(), n, Vec::new()));
        } else if let Some((_, _, body)) = section.as_mut() {
            if in_text || (!line.starts_with('#') && !line.trim().is_empty()) {
                body.push(line.to_string());
            }
        }
    }
    finish(&mut cases, &mut section);
    // A text section ends with the blank lines before the next case.
    for case in &mut cases {
        if let Some(t) = &mut case.text {
            let trimmed = t.trim_end_matches(['\n', '\r']).len();
            t.truncate(trimmed);
        }
    }
    cases
}

fn items(body: &[String]) -> Vec<String> {
    body.iter()
        .flat_map(|l| l.split_whitespace())
        .map(|s| s.replace('␣', " "))
        .collect()
}

fn check(case: &Case, tokenizer: &Tokenizer) -> Vec<String> {
    let mut failures = Vec::new();
    let wrapped_tokenizer;
    let tokenizer = if case
        .checks
        .iter()
        .any(|(name, _, _)| name == "wrapped lines")
    {
        wrapped_tokenizer = match Tokenizer::builder().wrapped_lines(true).build() {
            Ok(t) => t,
            Err(e) => return vec![format!("cases.txt:{}: {e}", case.line)],
        };
        &wrapped_tokenizer
    } else {
        tokenizer
    };
    let Some(text) = &case.text else {
        return vec![format!("cases.txt:{}: case has no text", case.line)];
    };
    let t: Tokenized = tokenizer.tokenize(text);
    // Sentences are compared with whitespace runs collapsed to one space, so
    // that one line of the case file can hold a sentence of wrapped text.
    let collapsed: Vec<String> = t
        .sentences
        .iter()
        .map(|s| {
            s.span
                .slice(text)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let sentences: Vec<&str> = collapsed.iter().map(String::as_str).collect();
    let tokens: Vec<&str> = t.tokens.iter().map(|t| t.span.slice(text)).collect();
    let kind_of = |s: &str| {
        t.tokens
            .iter()
            .filter(|t| t.span.slice(text) == s)
            .map(|t| t.kind)
            .collect::<Vec<_>>()
    };
    for (name, line, body) in &case.checks {
        let mut fail = |msg: String| failures.push(format!("cases.txt:{line}: {name}: {msg}"));
        match name.as_str() {
            "sentences" => {
                if sentences != *body {
                    fail(format!("\n  expected {body:#?}\n  got {sentences:#?}"));
                }
            }
            "sentences contain" => {
                for s in body {
                    if !sentences.contains(&s.as_str()) {
                        let near: Vec<&&str> = sentences
                            .iter()
                            .filter(|x| {
                                x.split_whitespace()
                                    .take(2)
                                    .eq(s.split_whitespace().take(2))
                            })
                            .collect();
                        fail(format!(
                            "missing sentence {s:?}; sentences starting alike: {near:#?}"
                        ));
                    }
                }
            }
            "tokens" => {
                let want = items(body);
                if tokens != want {
                    fail(format!("\n  expected {want:?}\n  got      {tokens:?}"));
                }
            }
            "tokens contain" => {
                for s in items(body) {
                    if !tokens.contains(&s.as_str()) {
                        fail(format!("missing token {s:?}"));
                    }
                }
            }
            "not tokens" => {
                for s in items(body) {
                    if tokens.contains(&s.as_str()) {
                        fail(format!("unexpected token {s:?}"));
                    }
                }
            }
            "numbers" | "words" | "symbols" => {
                let kind = match name.as_str() {
                    "numbers" => TokenKind::Number,
                    "words" => TokenKind::Word,
                    _ => TokenKind::Symbol,
                };
                for s in items(body) {
                    let kinds = kind_of(&s);
                    if !kinds.contains(&kind) {
                        fail(format!(
                            "{s:?} is not a {kind:?} token (found as {kinds:?})"
                        ));
                    }
                }
            }
            "wrapped lines" => {}
            other => fail(format!("unknown section {other:?}")),
        }
    }
    failures
        .into_iter()
        .map(|f| format!("[{}] {f}", case.name))
        .collect()
}

#[test]
fn cases() {
    let data = include_str!("cases.txt");
    let cases = parse(data);
    assert!(cases.len() >= 20, "only {} cases parsed", cases.len());
    let tokenizer = Tokenizer::new();
    let failures: Vec<String> = cases.iter().flat_map(|c| check(c, &tokenizer)).collect();
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The runner itself: wrong expectations are reported, not ignored.
#[test]
fn runner_reports_wrong_expectations() {
    let data = "==> wrong\n--- text\nMr. Jun spoke. It rose 23.16%.\n\n\
                --- sentences\nMr.\nJun spoke. It rose 23.16%.\n\
                --- tokens\nMr Jun\n--- tokens contain\n23.16\n\
                --- numbers\nJun\n--- not tokens\nMr.\n--- bogus\nx\n";
    let cases = parse(data);
    assert_eq!(cases.len(), 1);
    let failures = check(&cases[0], &Tokenizer::new());
    assert_eq!(failures.len(), 6, "{failures:#?}");
}
