//! Invariants of the scorer on random gold and prediction sets.
#![allow(clippy::unwrap_used)]

use factsift_core::Fact;
use proptest::prelude::*;

fn fact() -> impl Strategy<Value = Fact> {
    (
        prop::sample::select(vec!["Xiaomi", "Xiaomi Inc.", "Samsung", "SAMSUNG group"]),
        prop::sample::select(vec!["shipments", "revenue"]),
        prop::sample::select(vec![0.0, 100.0, 100.4, 101.0, 5e6]),
        prop::sample::select(vec!["count", "USD"]),
        prop::option::of(prop::sample::select(vec!["2017", "2017-Q2"])),
        any::<bool>(),
        prop::sample::select(vec!["a", "b", "c"]),
    )
        .prop_map(|(s, m, v, u, p, optional, doc)| {
            serde_json::from_value(serde_json::json!({
                "subject": s, "metric": m, "value": v, "unit": u, "period": p,
                "optional": optional, "sources": [{"doc": doc}]
            }))
            .unwrap()
        })
}

proptest! {
    #[test]
    fn counts_add_up(gold in prop::collection::vec(fact(), 0..12), pred in prop::collection::vec(fact(), 0..12)) {
        let r = factsift_eval::score(&gold, &pred);
        let required = gold.iter().filter(|f| !f.optional).count();
        for c in [&r.strict, &r.lenient] {
            prop_assert_eq!(c.tp + c.fp + c.dropped_optional, pred.len());
            prop_assert_eq!(c.tp + c.fn_, required);
            prop_assert!((0.0..=1.0).contains(&c.f1));
        }
        prop_assert_eq!(r.fields.metric.total, r.lenient.tp);
        prop_assert!(r.source_recall.hits <= r.source_recall.total);
        // Every strict pair is also a lenient match (not necessarily the same pair).
        for &(g, p) in &r.strict_pairs {
            prop_assert!(factsift_eval::matches(&gold[g], &pred[p], factsift_eval::Mode::Lenient, &factsift_eval::Normalizer::new()));
        }
        // Rendering never panics and lists every miss and FP.
        let show = r.show(&gold, &pred);
        prop_assert!(show.lines().count() >= r.strict.fn_ + 4);
    }

    #[test]
    fn gold_scored_against_itself_is_perfect(gold in prop::collection::vec(fact(), 1..12)) {
        let mut gold = gold;
        for g in &mut gold {
            g.optional = false;
        }
        let r = factsift_eval::score(&gold, &gold);
        prop_assert_eq!((r.strict.fp, r.strict.fn_), (0, 0));
        prop_assert_eq!(r.strict.f1, 1.0);
        prop_assert_eq!(r.source_recall.recall, 1.0);
    }

    #[test]
    fn a_repeated_prediction_adds_one_false_positive(gold in prop::collection::vec(fact(), 1..8)) {
        let mut gold = gold;
        for g in &mut gold {
            g.optional = false;
        }
        let mut pred = gold.clone();
        let before = factsift_eval::score(&gold, &pred);
        pred.push(gold[0].clone());
        let after = factsift_eval::score(&gold, &pred);
        prop_assert_eq!(after.strict.tp, before.strict.tp);
        prop_assert_eq!(after.strict.fp, before.strict.fp + 1);
    }
}
