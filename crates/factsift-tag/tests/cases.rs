//! Data-driven tests: the case files in `tests/cases/` (quantities, times,
//! entities, and every quantity of the seed pages) run by one test each.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failure should panic

use factsift_core::{Date, Tags};
use factsift_tag::Tagger;

fn tagger() -> Tagger {
    Tagger::builder().build().unwrap()
}

/// Data rows of a case file: `(line number, fields)`.
fn rows(text: &str) -> Vec<(usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| (n + 1, l.split('\t').collect()))
        .collect()
}

fn name<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .unwrap()
        .as_str()
        .unwrap_or("")
        .to_string()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}

/// Checks one expected quantity `span|kind|value|unit|bound|extras...`.
fn check_quantity(t: &Tagger, text: &str, tags: &Tags, want: &str) -> Result<(), String> {
    let f: Vec<&str> = want.split('|').collect();
    let [span, kind, value, unit, bound] = f[..5] else {
        return Err(format!("malformed expectation {want:?}"));
    };
    let q = tags
        .quantities
        .iter()
        .find(|q| q.span.slice(text) == span)
        .ok_or_else(|| format!("no quantity {span:?}"))?;
    let mut errs = Vec::new();
    if name(q.kind) != kind {
        errs.push(format!("kind {} != {kind}", name(q.kind)));
    }
    let (lo, hi) = match value.split_once("..") {
        Some((a, b)) => (a.parse::<f64>().unwrap(), Some(b.parse::<f64>().unwrap())),
        None => (value.parse::<f64>().unwrap(), None),
    };
    if !close(q.value, lo)
        || hi.is_some() != q.value_max.is_some()
        || hi.zip(q.value_max).is_some_and(|(a, b)| !close(a, b))
    {
        errs.push(format!("value {}..{:?} != {value}", q.value, q.value_max));
    }
    if q.unit != unit {
        errs.push(format!("unit {} != {unit}", q.unit));
    }
    if q.bound.as_str() != bound {
        errs.push(format!("bound {} != {bound}", q.bound.as_str()));
    }
    for extra in &f[5..] {
        match extra.split_once('=') {
            Some(("noun", n)) => {
                let got = q.noun.map(|s| s.slice(text));
                if got != Some(n) {
                    errs.push(format!("noun {got:?} != {n}"));
                }
            }
            Some(("per", p)) => {
                if q.per.as_deref() != Some(p) {
                    errs.push(format!("per {:?} != {p}", q.per));
                }
            }
            Some(("cue", c)) => {
                let got = q.cue.map(|s| s.slice(text));
                if got != Some(c) {
                    errs.push(format!("cue {got:?} != {c}"));
                }
            }
            Some(("dir", d)) => {
                let got = match t.direction(text, q) {
                    Some(factsift_tag::Direction::Up) => "up",
                    Some(factsift_tag::Direction::Down) => "down",
                    None => "none",
                };
                if got != d {
                    errs.push(format!("direction {got} != {d}"));
                }
            }
            Some(("conv", c)) => {
                if q.conversion_of != Some(c.parse().unwrap()) {
                    errs.push(format!("conversion_of {:?} != {c}", q.conversion_of));
                }
            }
            None if *extra == "vague" => {
                if !q.vague {
                    errs.push("not vague".to_string());
                }
            }
            _ => errs.push(format!("unknown extra {extra:?}")),
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(format!("{span:?}: {}", errs.join(", ")))
    }
}

#[test]
fn quantity_cases() {
    let t = tagger();
    let mut failures = Vec::new();
    for (line, r) in rows(include_str!("cases/quantities.tsv")) {
        let text = r[0];
        let want: Vec<&str> = r
            .get(1)
            .map(|w| w.split(';').filter(|x| !x.is_empty()).collect())
            .unwrap_or_default();
        let tags = t.tag_str(text, None);
        for w in &want {
            if let Err(e) = check_quantity(&t, text, &tags, w) {
                failures.push(format!("quantities.tsv:{line}: {text}\n    {e}"));
            }
        }
        if tags.quantities.len() != want.len() {
            let got: Vec<&str> = tags.quantities.iter().map(|q| q.span.slice(text)).collect();
            failures.push(format!(
                "quantities.tsv:{line}: {text}\n    found {got:?}, expected {} quantities",
                want.len()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn time_cases() {
    let t = tagger();
    let mut failures = Vec::new();
    for (line, r) in rows(include_str!("cases/times.tsv")) {
        let published: Option<Date> = (r[0] != "-").then(|| r[0].parse().unwrap());
        let text = r[1];
        let tags = t.tag_str(text, published);
        let want: Vec<&str> = r[2].split(';').collect();
        for w in &want {
            let (span, period) = w.split_once('|').unwrap();
            match tags.times.iter().find(|m| m.span.slice(text) == span) {
                None => {
                    let got: Vec<&str> = tags.times.iter().map(|m| m.span.slice(text)).collect();
                    failures.push(format!("times.tsv:{line}: no time {span:?} in {got:?}"));
                }
                Some(m) => {
                    let got = m.period.as_ref().map_or("-".to_string(), |p| p.to_string());
                    if got != period {
                        failures.push(format!(
                            "times.tsv:{line}: {span:?} resolved to {got}, expected {period}"
                        ));
                    }
                    if (m.period.is_some()) != m.resolved_by.is_some() {
                        failures.push(format!(
                            "times.tsv:{line}: resolved_by {:?} with period {got}",
                            m.resolved_by
                        ));
                    }
                }
            }
        }
        // Years used as dates are times, not quantities.
        for m in &tags.times {
            if tags.quantities.iter().any(|q| q.span == m.span) {
                failures.push(format!(
                    "times.tsv:{line}: {:?} is also a quantity",
                    m.span.slice(text)
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn entity_cases() {
    let t = Tagger::builder()
        .gazetteer_tsv("test.tsv", "")
        .build()
        .unwrap();
    let mut failures = Vec::new();
    for (line, r) in rows(include_str!("cases/entities.tsv")) {
        let text = r[0];
        let tags = t.tag_str(text, None);
        for w in r[1].split(';') {
            if let Some(span) = w.strip_prefix('!') {
                if let Some(e) = tags.entities.iter().find(|e| e.span.slice(text) == span) {
                    failures.push(format!(
                        "entities.tsv:{line}: {span:?} must be no entity, is {:?} {:?}",
                        e.kind, e.name
                    ));
                }
                continue;
            }
            let f: Vec<&str> = w.split('|').collect();
            let [span, kind, canonical] = f[..] else {
                panic!("entities.tsv:{line}: malformed {w:?}")
            };
            let found = tags.entities.iter().find(|e| e.span.slice(text) == span);
            match found {
                None => {
                    let got: Vec<String> = tags
                        .entities
                        .iter()
                        .map(|e| format!("{}|{:?}|{}", e.span.slice(text), e.kind, e.name))
                        .collect();
                    failures.push(format!(
                        "entities.tsv:{line}: no entity {span:?} in {got:?}"
                    ));
                }
                Some(e) => {
                    if name(e.kind) != kind || e.name != canonical {
                        failures.push(format!("entities.tsv:{line}: {span:?} is {:?} {:?}, expected {kind} {canonical}", e.kind, e.name));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every quantity the tagger finds in the five seed pages, checked against
/// `tests/cases/seeds.tsv` (`file, span, kind, value, unit, bound`), in
/// order: a new, lost or changed number fails the test.
#[test]
fn seed_cases() {
    let t = tagger();
    let tokenizer = factsift_tokenize::Tokenizer::new();
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus");
    let mut expected: Vec<(String, String)> = Vec::new();
    for (_, r) in rows(include_str!("cases/seeds.tsv")) {
        expected.push((r[0].to_string(), r[1..].join("\t")));
    }
    let mut files: Vec<String> = expected.iter().map(|(f, _)| f.clone()).collect();
    files.dedup();
    assert_eq!(files.len(), 5, "seeds.tsv covers the five seed pages");
    let mut failures = Vec::new();
    for file in &files {
        let raw = std::fs::read_to_string(format!("{corpus}/{file}")).unwrap();
        let (text, published) = match raw.strip_prefix(" date ") {
            Some(rest) => (
                rest.get(11..).unwrap_or("").to_string(),
                rest.get(..10).and_then(|d| d.parse::<Date>().ok()),
            ),
            None => (raw.clone(), None),
        };
        let tags = t.tag(&text, &tokenizer.tokenize(&text), published);
        let got: Vec<String> = tags
            .quantities
            .iter()
            .map(|q| {
                let value = match q.value_max {
                    Some(m) => format!("{}..{}", q.value, m),
                    None => q.value.to_string(),
                };
                format!(
                    "{}\t{}\t{}\t{}\t{}",
                    q.span.slice(&text).replace(['\n', '\t'], " "),
                    name(q.kind),
                    value,
                    q.unit,
                    q.bound.as_str()
                )
            })
            .collect();
        let want: Vec<&String> = expected
            .iter()
            .filter(|(f, _)| f == file)
            .map(|(_, w)| w)
            .collect();
        for (k, w) in want.iter().enumerate() {
            if got.get(k) != Some(w) {
                failures.push(format!("{file} #{k}: expected {w:?}, got {:?}", got.get(k)));
            }
        }
        if got.len() != want.len() {
            failures.push(format!(
                "{file}: {} quantities, expected {}",
                got.len(),
                want.len()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
