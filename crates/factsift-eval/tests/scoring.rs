//! Runs the hand-computed cases of `tests/cases/scoring.jsonl`.
//!
//! Each line is a case: `gold` and `pred` are lists of partial facts laid
//! over a default fact (subject `A`, metric `shipments`, value 1, unit
//! `count`); `strict` and `lenient` are expected `[TP, FP, FN]`; optional
//! keys: `dropped` `[strict, lenient]`, `fields` `{name: [correct, total]}`,
//! `source_recall` `[hits, total]`, `f1` `[strict, lenient]`.

#![allow(clippy::unwrap_used)] // test helpers panic on malformed case files

use factsift_core::Fact;
use serde_json::{Value, json};

fn facts(v: &Value) -> Vec<Fact> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|partial| {
            let mut base = json!({"subject":"A","metric":"shipments","value":1,"unit":"count"});
            for (k, v) in partial.as_object().unwrap() {
                base[k] = v.clone();
            }
            serde_json::from_value(base).unwrap()
        })
        .collect()
}

fn pair(v: &Value) -> (usize, usize) {
    (
        v[0].as_u64().unwrap() as usize,
        v[1].as_u64().unwrap() as usize,
    )
}

#[test]
fn hand_computed_cases() {
    let text = include_str!("cases/scoring.jsonl");
    let mut failures = Vec::new();
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        n += 1;
        let case: Value = serde_json::from_str(line).unwrap();
        let name = case["name"].as_str().unwrap();
        let gold = facts(&case["gold"]);
        let pred = facts(&case["pred"]);
        let r = factsift_eval::score(&gold, &pred);
        let mut check = |what: &str, got: String, want: String| {
            if got != want {
                failures.push(format!("{name}: {what}: got {got}, want {want}"));
            }
        };
        for (mode, c) in [("strict", &r.strict), ("lenient", &r.lenient)] {
            let w = &case[mode];
            check(
                mode,
                format!("{:?}", [c.tp, c.fp, c.fn_]),
                format!(
                    "{:?}",
                    [
                        w[0].as_u64().unwrap() as usize,
                        w[1].as_u64().unwrap() as usize,
                        w[2].as_u64().unwrap() as usize
                    ]
                ),
            );
            // Invariants of every case.
            let live = pred.len() - c.dropped_optional;
            check(
                "tp+fp == predictions not dropped",
                (c.tp + c.fp).to_string(),
                live.to_string(),
            );
            let required = gold.iter().filter(|f| !f.optional).count();
            check(
                "tp+fn == required gold",
                (c.tp + c.fn_).to_string(),
                required.to_string(),
            );
        }
        if let Some(d) = case.get("dropped") {
            let (s, l) = pair(d);
            check(
                "dropped",
                format!(
                    "{:?}",
                    (r.strict.dropped_optional, r.lenient.dropped_optional)
                ),
                format!("{:?}", (s, l)),
            );
        }
        if let Some(f) = case.get("fields").and_then(Value::as_object) {
            let json = serde_json::to_value(&r.fields).unwrap();
            for (field, want) in f {
                let got = (
                    json[field]["correct"].as_u64().unwrap() as usize,
                    json[field]["total"].as_u64().unwrap() as usize,
                );
                check(field, format!("{got:?}"), format!("{:?}", pair(want)));
            }
        }
        if let Some(sr) = case.get("source_recall") {
            check(
                "source_recall",
                format!("{:?}", (r.source_recall.hits, r.source_recall.total)),
                format!("{:?}", pair(sr)),
            );
        }
        if let Some(f1) = case.get("f1") {
            for (i, c) in [&r.strict, &r.lenient].into_iter().enumerate() {
                let want = f1[i].as_f64().unwrap();
                if (c.f1 - want).abs() > 1e-9 {
                    failures.push(format!("{name}: f1[{i}]: got {}, want {want}", c.f1));
                }
            }
        }
    }
    assert!(n >= 25, "only {n} cases read");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn report_json_shape() {
    let gold = facts(&json!([{}]));
    let r = factsift_eval::score(&gold, &gold);
    let v = serde_json::to_value(&r).unwrap();
    for key in [
        "gold",
        "gold_optional",
        "predicted",
        "strict",
        "lenient",
        "fields",
        "source_recall",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["strict"]["fn"], 0);
    assert_eq!(v["strict"]["f1"], 1.0);
    assert!(v.get("strict_pairs").is_none());
}

#[test]
fn show_lists_near_misses_side_by_side() {
    let gold = facts(&json!([{"period":"2017"}, {"value": 5}]));
    let pred = facts(&json!([{"period":"2016"}, {"value": 9}]));
    let r = factsift_eval::score(&gold, &pred);
    let out = r.show(&gold, &pred);
    let lines: Vec<&str> = out.lines().collect();
    // The near miss shares a row with its prediction.
    assert!(
        lines
            .iter()
            .any(|l| l.contains("| 2017 |") && l.contains("|| A | shipments | 1 count | 2016")),
        "{out}"
    );
    assert!(out.contains("differs: period: 2017 -> 2016"), "{out}");
    // The plain miss and the plain FP have rows of their own.
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("A | shipments | 5 count") && l.trim_end().ends_with("||")),
        "{out}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("|| A | shipments | 9 count")),
        "{out}"
    );
    let mut buf = Vec::new();
    r.write_show(&gold, &pred, &mut buf).unwrap();
    assert_eq!(String::from_utf8(buf).unwrap(), out);
}

#[test]
fn read_errors_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gold.jsonl");
    std::fs::write(&path, "{\"subject\":\"A\",\"metric\":\"m\",\"value\":1,\"unit\":\"count\"}\n\n{\"subject\":\"A\"}\n").unwrap();
    let err = factsift_eval::read_facts(&path).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("gold.jsonl:3:"), "{msg}");
    assert!(matches!(
        err,
        factsift_eval::ReadError::Json { line: 3, .. }
    ));
    std::fs::write(
        &path,
        "{\"subject\":\"A\",\"metric\":\"m\",\"value\":1,\"unit\":\"count\",\"bound\":\"range\"}\n",
    )
    .unwrap();
    assert!(matches!(
        factsift_eval::read_facts(&path),
        Err(factsift_eval::ReadError::Invalid { line: 1, .. })
    ));
    let missing = dir.path().join("nope.jsonl");
    let err = factsift_eval::read_facts(&missing).unwrap_err();
    assert!(err.to_string().contains("nope.jsonl"), "{err}");
}

#[test]
fn reads_the_project_gold_files_if_present() {
    // The project's gold files must parse with this crate's reader.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../gold");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "jsonl") {
            let gold = factsift_eval::read_facts(&p).unwrap();
            let r = factsift_eval::score(&gold, &gold);
            // Gold scored against itself: every required fact is a hit.
            assert_eq!(r.lenient.fn_, 0, "{}", p.display());
        }
    }
}
