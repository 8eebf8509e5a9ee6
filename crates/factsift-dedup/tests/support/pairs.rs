//! Pair precision/recall of near-duplicate detection on the benchmark that
//! `scripts/dedup_make_bench.py` writes (shared by the test and the example).
#![allow(dead_code, clippy::unwrap_used)]

use factsift_dedup::{DedupIndex, Deduper};
use std::collections::{BTreeMap, HashMap};

pub struct BenchDoc {
    pub id: String,
    pub text: String,
    pub group: String,
}

pub struct Pair {
    pub a: String,
    pub b: String,
    pub label: bool,
    pub kind: String,
}

pub fn load(dir: &std::path::Path) -> (Vec<BenchDoc>, Vec<Pair>) {
    let docs = std::fs::read_to_string(dir.join("docs.jsonl")).unwrap();
    let docs = docs
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            BenchDoc {
                id: v["id"].as_str().unwrap().to_string(),
                text: v["text"].as_str().unwrap().to_string(),
                group: v["group"].as_str().unwrap().to_string(),
            }
        })
        .collect();
    let pairs = std::fs::read_to_string(dir.join("pairs.jsonl")).unwrap();
    let pairs = pairs
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            Pair {
                a: v["a"].as_str().unwrap().to_string(),
                b: v["b"].as_str().unwrap().to_string(),
                label: v["label"].as_u64().unwrap() == 1,
                kind: v["kind"].as_str().unwrap().to_string(),
            }
        })
        .collect();
    (docs, pairs)
}

#[derive(Debug, Default)]
pub struct Eval {
    pub tp: u64,
    pub fp: u64,
    pub fn_: u64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// kind -> (pairs predicted as duplicates, pairs)
    pub kinds: BTreeMap<String, (u64, u64)>,
    /// Smallest estimated similarity of a labelled positive pair.
    pub min_positive: f64,
    /// Largest estimated similarity of a labelled hard negative pair.
    pub max_negative: f64,
}

fn c2(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

pub fn evaluate(d: &Deduper, docs: &[BenchDoc], pairs: &[Pair]) -> Eval {
    let mut index = DedupIndex::new(d);
    let mut sketches = HashMap::new();
    for doc in docs {
        let s = d.sketch(&doc.id, &doc.text);
        sketches.insert(doc.id.as_str(), s.clone());
        index.add(s);
    }
    let clusters = index.finish();
    let cluster: HashMap<&str, &str> = clusters.iter().map(|a| (a.id, a.cluster)).collect();
    // All pairs, from the contingency table of (group, cluster).
    let mut cells: HashMap<(&str, &str), u64> = HashMap::new();
    let mut groups: HashMap<&str, u64> = HashMap::new();
    let mut clus: HashMap<&str, u64> = HashMap::new();
    for doc in docs {
        let c = cluster[doc.id.as_str()];
        *cells.entry((doc.group.as_str(), c)).or_default() += 1;
        *groups.entry(doc.group.as_str()).or_default() += 1;
        *clus.entry(c).or_default() += 1;
    }
    let tp: u64 = cells.values().map(|&n| c2(n)).sum();
    let pred: u64 = clus.values().map(|&n| c2(n)).sum();
    let gold: u64 = groups.values().map(|&n| c2(n)).sum();
    let mut e = Eval {
        tp,
        fp: pred - tp,
        fn_: gold - tp,
        ..Eval::default()
    };
    e.precision = if pred == 0 {
        0.0
    } else {
        tp as f64 / pred as f64
    };
    e.recall = if gold == 0 {
        0.0
    } else {
        tp as f64 / gold as f64
    };
    e.f1 = if e.precision + e.recall == 0.0 {
        0.0
    } else {
        2.0 * e.precision * e.recall / (e.precision + e.recall)
    };
    e.min_positive = 1.0;
    for p in pairs {
        let sim = sketches[p.a.as_str()].similarity(&sketches[p.b.as_str()]);
        if p.label {
            e.min_positive = e.min_positive.min(sim);
        } else {
            e.max_negative = e.max_negative.max(sim);
        }
        let same = cluster.get(p.a.as_str()) == cluster.get(p.b.as_str());
        let k = e
            .kinds
            .entry(format!("{}{}", if p.label { "+" } else { "-" }, p.kind))
            .or_default();
        k.1 += 1;
        if same {
            k.0 += 1;
        }
    }
    e
}

pub fn render(e: &Eval) -> String {
    let mut s = format!(
        "pairs: TP {} FP {} FN {}  precision {:.4} recall {:.4} F1 {:.4}\n",
        e.tp, e.fp, e.fn_, e.precision, e.recall, e.f1
    );
    s.push_str(&format!(
        "estimated similarity: lowest labelled positive {:.3}, highest hard negative {:.3}\n",
        e.min_positive, e.max_negative
    ));
    for (k, (hit, n)) in &e.kinds {
        s.push_str(&format!(
            "  {k:<20} {hit:>4}/{n:<4} flagged as duplicates\n"
        ));
    }
    s
}
