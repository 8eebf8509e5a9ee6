//! Test support: a case file format whose texts carry their tags inline,
//! a small tokenizer, and fact formatting for comparisons.
//!
//! Case file format (`tests/cases/*.txt`), cases separated by blank lines:
//!
//! ```text
//! # comment
//! date: 2017-07-07
//! text: [Xiaomi]{org} shipped [23.16 million]{count=23160000} units in [Q2 2017]{time=2017-Q2}.
//! fact: Xiaomi | shipments | 23160000 | count | 2017-Q2 | - | - | eq | actual | -
//! ```
//!
//! A case with no `fact:` line expects no fact. Several `text:` lines make
//! paragraphs. Inline tags: `[span]{org}`, `{org=Name}`, `{gpe=India}`,
//! `{person}`, `{product}`, `{time=2017-Q2}` (`{time}` unresolved),
//! `{count=N}`, `{money=USD:N}`, `{percent=N}`, `{pp=N}`, `{rank=N}`,
//! `{measure=GB:N}`; quantity options after `;`: `gt`, `ge`, `lt`, `le`,
//! `approx`, `range=MAX`, `per=month`, `vague`, `conv`.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use factsift_core::*;

pub struct Case {
    pub line: usize,
    pub date: Option<Date>,
    /// The text with its inline tags.
    pub marked: String,
    pub expected: Vec<String>,
}

pub fn parse_cases(src: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut cur: Option<Case> = None;
    for (i, line) in src.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            if let Some(c) = cur.take() {
                cases.push(c);
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let c = cur.get_or_insert_with(|| Case {
            line: i + 1,
            date: None,
            marked: String::new(),
            expected: vec![],
        });
        if let Some(d) = line.strip_prefix("date:") {
            c.date = Some(d.trim().parse().expect("bad date"));
        } else if let Some(t) = line.strip_prefix("text:") {
            if !c.marked.is_empty() {
                c.marked.push('\n');
            }
            c.marked.push_str(t.trim());
        } else if let Some(f) = line.strip_prefix("fact:") {
            c.expected.push(normalize_expected(f));
        } else {
            panic!("line {}: unknown case line {line:?}", i + 1);
        }
    }
    if let Some(c) = cur.take() {
        cases.push(c);
    }
    cases
}

fn normalize_expected(f: &str) -> String {
    f.split('|').map(str::trim).collect::<Vec<_>>().join(" | ")
}

/// A fact as a case line: subject | metric | value | unit | period | per | scope | bound | modality | vs.
pub fn fact_line(f: &Fact) -> String {
    let value = if let Some(m) = f.value_max {
        format!("{}..{}", num(f.value), num(m))
    } else {
        num(f.value)
    };
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
    [
        f.subject.clone(),
        f.metric.clone(),
        value,
        f.unit.clone(),
        opt(&f.period),
        opt(&f.per),
        opt(&f.scope),
        f.bound.as_str().to_string(),
        f.modality.clone(),
        opt(&f.vs),
    ]
    .join(" | ")
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Plain text and tags of a marked-up case text.
pub fn parse_marked(marked: &str) -> (String, Tags) {
    let mut text = String::new();
    let mut tags = Tags::default();
    let mut rest = marked;
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find("]{").expect("unclosed [");
        let inner = &after[..close];
        let ann_end = after[close + 2..].find('}').expect("unclosed {");
        let ann = &after[close + 2..close + 2 + ann_end];
        let start = text.len();
        text.push_str(inner);
        let span = Span::new(start, text.len()).unwrap();
        add_tag(&mut tags, span, inner, ann);
        rest = &after[close + 2 + ann_end + 1..];
    }
    text.push_str(rest);
    // Tie bracketed conversions to the amount before them.
    (text, tags)
}

fn add_tag(tags: &mut Tags, span: Span, inner: &str, ann: &str) {
    let mut parts = ann.split(';');
    let head = parts.next().unwrap_or("");
    let (key, val) = match head.split_once('=') {
        Some((k, v)) => (k, Some(v)),
        None => (head, None),
    };
    let entity = |kind| Entity {
        span,
        kind,
        name: val.unwrap_or(inner).to_string(),
        cue: None,
    };
    match key {
        "org" => tags.entities.push(entity(EntityKind::Org)),
        "gpe" => tags.entities.push(entity(EntityKind::Gpe)),
        "person" => tags.entities.push(entity(EntityKind::Person)),
        "product" => tags.entities.push(entity(EntityKind::Product)),
        "time" => tags.times.push(TimeMention {
            span,
            period: val.map(|v| v.parse().expect("bad period")),
            resolved_by: None,
        }),
        kind => {
            let (qk, unit, value) = match kind {
                "count" => (QuantityKind::Count, "count".to_string(), val.unwrap()),
                "percent" => (QuantityKind::Percent, "percent".to_string(), val.unwrap()),
                "pp" => (
                    QuantityKind::PercentagePoints,
                    "pp".to_string(),
                    val.unwrap(),
                ),
                "rank" => (QuantityKind::Rank, "rank".to_string(), val.unwrap()),
                "money" | "measure" => {
                    let (u, v) = val.unwrap().split_once(':').expect("UNIT:VALUE");
                    let k = if kind == "money" {
                        QuantityKind::Money
                    } else {
                        QuantityKind::Measure
                    };
                    (k, u.to_string(), v)
                }
                other => panic!("unknown tag {other:?}"),
            };
            let mut q = Quantity {
                span,
                kind: qk,
                value: value.parse().expect("bad number"),
                value_max: None,
                unit,
                bound: Bound::Eq,
                vague: false,
                cue: None,
                noun: None,
                per: None,
                conversion_of: None,
            };
            for opt in parts {
                match opt.split_once('=') {
                    Some(("range", m)) => {
                        q.bound = Bound::Range;
                        q.value_max = Some(m.parse().unwrap());
                    }
                    Some(("per", p)) => q.per = Some(p.to_string()),
                    _ => match opt {
                        "gt" => q.bound = Bound::Gt,
                        "ge" => q.bound = Bound::Ge,
                        "lt" => q.bound = Bound::Lt,
                        "le" => q.bound = Bound::Le,
                        "approx" => q.bound = Bound::Approx,
                        "vague" => q.vague = true,
                        "conv" => q.conversion_of = Some(tags.quantities.len().saturating_sub(1)),
                        o => panic!("unknown option {o:?}"),
                    },
                }
            }
            tags.quantities.push(q);
        }
    }
}

/// A small tokenizer for tests: words (with inner `.,'’-` between
/// alphanumerics), single-character punctuation; sentences end at `.!?`
/// before whitespace and at newlines.
pub fn tokenize(text: &str) -> Tokenized {
    let mut tokens = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() || c == '$' || c == '£' || c == '€' {
            let mut j = i + 1;
            while j < chars.len() {
                let cj = chars[j].1;
                let inner = matches!(cj, '.' | ',' | '\'' | '’' | '-')
                    && chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric())
                    && !(cj == '’' || cj == '\'');
                if cj.is_alphanumeric() || inner || cj == '%' {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map(|c| c.0).unwrap_or(text.len());
            let word = &text[at..end];
            let kind = if word.chars().any(|c| c.is_ascii_digit()) {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            tokens.push(Token {
                span: Span::new(at, end).unwrap(),
                kind,
            });
            i = j;
        } else {
            let end = chars.get(i + 1).map(|c| c.0).unwrap_or(text.len());
            let kind = if c.is_ascii_punctuation() || "“”’‘–—".contains(c) {
                TokenKind::Punct
            } else {
                TokenKind::Symbol
            };
            tokens.push(Token {
                span: Span::new(at, end).unwrap(),
                kind,
            });
            i += 1;
        }
    }
    let mut sentences = Vec::new();
    let mut first = 0;
    for k in 0..tokens.len() {
        let t = tokens[k];
        let s = t.span.slice(text);
        let next_gap = tokens
            .get(k + 1)
            .map(|n| &text[t.span.end()..n.span.start()]);
        let end_here = match next_gap {
            None => true,
            Some(gap) => gap.contains('\n') || (matches!(s, "." | "!" | "?") && !gap.is_empty()),
        };
        if end_here {
            let span = Span::new(tokens[first].span.start(), t.span.end()).unwrap();
            sentences.push(Sentence {
                span,
                tokens: first..k + 1,
            });
            first = k + 1;
        }
    }
    Tokenized { tokens, sentences }
}
