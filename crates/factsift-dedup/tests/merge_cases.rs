//! Runs `tests/cases/merge.jsonl`: hand-written merge cases.
//!
//! Each case: `input` is a list of mentions laid over a default (subject
//! `Xiaomi`, metric `shipments`, value 100, unit `count`, period `2017-Q2`,
//! one source in `doc` at `start`); `clusters` a doc → cluster map;
//! `expect` the merged facts in output order, with the keys given checked
//! (`sources`, `support`, `conflicts` are counts).
#![allow(clippy::unwrap_used)]

use factsift_core::Fact;
use factsift_dedup::{MergedFact, Merger};
use serde_json::{Value, json};

fn mention(v: &Value) -> MergedFact {
    let mut base = json!({"subject":"Xiaomi","metric":"shipments","value":100,"unit":"count","period":"2017-Q2"});
    let doc = v["doc"].as_str().unwrap();
    let start = v.get("start").and_then(Value::as_u64).unwrap_or(0);
    for (k, val) in v.as_object().unwrap() {
        if k != "doc" && k != "start" {
            base[k] = val.clone();
        }
    }
    base["sources"] =
        json!([{"doc": doc, "start": start, "end": start + 10, "text": format!("{doc} {start}")}]);
    let f: Fact = serde_json::from_value(base).unwrap();
    f.into()
}

#[test]
fn merge_cases() {
    let mut failures = Vec::new();
    let mut n = 0;
    for line in include_str!("cases/merge.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        n += 1;
        let case: Value = serde_json::from_str(line).unwrap();
        let name = case["name"].as_str().unwrap();
        let clusters = case
            .get("clusters")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        let input: Vec<MergedFact> = case["input"]
            .as_array()
            .unwrap()
            .iter()
            .map(mention)
            .collect();
        let out = Merger::new().with_clusters(clusters).merge(input);
        let want = case["expect"].as_array().unwrap();
        if out.len() != want.len() {
            failures.push(format!("{name}: {} facts, want {}", out.len(), want.len()));
            continue;
        }
        for (f, w) in out.iter().zip(want) {
            let got = serde_json::to_value(f).unwrap();
            for (k, wv) in w.as_object().unwrap() {
                let gv = match k.as_str() {
                    "sources" => json!(f.sources.len()),
                    "conflicts" => json!(f.conflicts.len()),
                    "support" => json!(f.support),
                    _ => got.get(k).cloned().unwrap_or(Value::Null),
                };
                let equal = match (gv.as_f64(), wv.as_f64()) {
                    (Some(a), Some(b)) => a == b,
                    _ => gv == *wv,
                };
                if !equal {
                    failures.push(format!("{name}: {k}: got {gv}, want {wv}"));
                }
            }
        }
    }
    assert!(n >= 15, "only {n} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn conflicts_link_each_other_by_id() {
    let input = vec![
        mention(&json!({"doc": "a", "value": 100})),
        mention(&json!({"doc": "b", "value": 120})),
    ];
    let out = Merger::new().merge(input);
    assert_eq!(out[0].conflicts, vec![out[1].id.clone().unwrap()]);
    assert_eq!(out[1].conflicts, vec![out[0].id.clone().unwrap()]);
}

#[test]
fn ids_are_stable_and_shaped() {
    let out = Merger::new().merge(vec![mention(&json!({"doc": "a"}))]);
    let again = Merger::new().merge(vec![mention(&json!({"doc": "zzz", "start": 5}))]);
    let id = out[0].id.clone().unwrap();
    // The id depends on the key and the value, not on where it was read.
    assert_eq!(Some(id.clone()), again[0].id);
    assert!(id.starts_with('f') && id.len() == 17, "{id}");
}

#[test]
fn merged_output_reads_as_contract_facts() {
    let out = Merger::new().merge(vec![
        mention(&json!({"doc": "a"})),
        mention(&json!({"doc": "b", "bound": "gt"})),
    ]);
    let text = factsift_dedup::to_jsonl(&out).unwrap();
    for line in text.lines() {
        let f: Fact = serde_json::from_str(line).unwrap();
        assert_eq!(f.sources.len(), 2);
        assert_eq!(f.support, Some(2));
    }
}
