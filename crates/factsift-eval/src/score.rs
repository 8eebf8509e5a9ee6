//! The contract's matching and scoring.

use crate::Normalizer;
use factsift_core::Fact;
use serde::Serialize;
use std::collections::HashMap;

/// The relative value tolerance of the contract: `|p - g| <= 0.005 * |g|`.
pub const VALUE_TOLERANCE: f64 = 0.005;

/// Whether a predicted value matches a gold value: `|p - g| <= 0.005 |g|`,
/// exact when `g` is 0. The tolerance is relative to the gold value.
///
/// ```
/// use factsift_eval::value_matches;
/// assert!(value_matches(100.5, 100.0));
/// assert!(!value_matches(100.6, 100.0));
/// assert!(value_matches(0.0, 0.0) && !value_matches(1e-9, 0.0));
/// ```
pub fn value_matches(pred: f64, gold: f64) -> bool {
    if gold == 0.0 {
        pred == 0.0
    } else {
        (pred - gold).abs() <= VALUE_TOLERANCE * gold.abs()
    }
}

/// Which of the contract's two match rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Subject, metric, value, unit, period, per, scope and modality match.
    Strict,
    /// Subject, value and unit match.
    Lenient,
}

/// TP/FP/FN and the derived scores of one mode.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Non-optional gold facts matched one-to-one by a prediction.
    pub tp: usize,
    /// Predictions neither matched nor dropped.
    pub fp: usize,
    /// Non-optional gold facts left unmatched.
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// Unmatched predictions dropped because they lenient-match an optional gold fact.
    pub dropped_optional: usize,
    /// `tp / (tp + fp)`, 0 when there is no prediction left.
    pub precision: f64,
    /// `tp / (tp + fn)`, 0 when there is no non-optional gold fact.
    pub recall: f64,
    /// Harmonic mean of precision and recall, 0 when both are 0.
    pub f1: f64,
}

impl Counts {
    fn new(tp: usize, fp: usize, fn_: usize, dropped_optional: usize) -> Counts {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Counts {
            tp,
            fp,
            fn_,
            dropped_optional,
            precision,
            recall,
            f1,
        }
    }
}

/// How often one field agrees over the lenient-matched pairs.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FieldScore {
    /// Pairs where the field is equal.
    pub correct: usize,
    /// Lenient-matched pairs.
    pub total: usize,
    /// `correct / total`, 0 when there is no pair.
    pub accuracy: f64,
}

/// Per-field accuracy over lenient-matched pairs.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Fields {
    /// `metric` equal.
    pub metric: FieldScore,
    /// `period` equal (both null counts as equal).
    pub period: FieldScore,
    /// `per` equal.
    pub per: FieldScore,
    /// `scope` equal.
    pub scope: FieldScore,
    /// `bound` equal.
    pub bound: FieldScore,
    /// `modality` equal.
    pub modality: FieldScore,
    /// `vs` equal.
    pub vs: FieldScore,
}

/// Source recall: gold (fact, doc) pairs whose doc is among the sources of
/// the prediction lenient-matched to the fact.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SourceRecall {
    /// Pairs whose doc the matched prediction cites.
    pub hits: usize,
    /// Distinct (fact, doc) pairs of the non-optional gold facts.
    pub total: usize,
    /// `hits / total`, 0 when there is no pair.
    pub recall: f64,
}

/// A gold fact that one mode left unmatched, with the prediction that the
/// other rule paired it with, if any (shown side by side by [`Report::show`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Miss {
    /// Index into the gold slice.
    pub gold: usize,
    /// In strict mode: the prediction lenient-matched to it, when that
    /// prediction is itself a strict false positive (a near miss).
    pub near: Option<usize>,
}

/// The result of [`score`]: serialises to JSON for `factsift eval --json`,
/// renders a table with [`Report::table`] and misses with [`Report::show`].
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// Gold facts read (optional ones included).
    pub gold: usize,
    /// Gold facts marked optional.
    pub gold_optional: usize,
    /// Predicted facts read.
    pub predicted: usize,
    /// Strict scores.
    pub strict: Counts,
    /// Lenient scores.
    pub lenient: Counts,
    /// Per-field accuracy over lenient-matched pairs.
    pub fields: Fields,
    /// Source recall over lenient-matched pairs.
    pub source_recall: SourceRecall,
    /// Strict matching: `(gold index, pred index)` pairs, in gold order.
    #[serde(skip)]
    pub strict_pairs: Vec<(usize, usize)>,
    /// Lenient matching: `(gold index, pred index)` pairs, in gold order.
    #[serde(skip)]
    pub lenient_pairs: Vec<(usize, usize)>,
    /// Strict misses, in gold order.
    #[serde(skip)]
    pub strict_misses: Vec<Miss>,
    /// Strict false positives (pred indices), in file order.
    #[serde(skip)]
    pub strict_fps: Vec<usize>,
    /// Lenient misses (gold indices).
    #[serde(skip)]
    pub lenient_misses: Vec<usize>,
    /// Lenient false positives (pred indices).
    #[serde(skip)]
    pub lenient_fps: Vec<usize>,
}

/// Scores predictions against gold with the default [`Scorer`].
///
/// ```
/// use factsift_core::Fact;
/// let fact = |s: &str, v: f64, p: &str| -> Fact {
///     serde_json::from_value(serde_json::json!(
///         {"subject": s, "metric": "shipments", "value": v, "unit": "count", "period": p})).unwrap()
/// };
/// let gold = vec![fact("Xiaomi Inc.", 23_160_000.0, "2017-Q2"), fact("Samsung", 9.4e6, "2017-Q2")];
/// let pred = vec![fact("xiaomi", 23_200_000.0, "2017-Q2"), fact("Samsung", 9.4e6, "2017-Q1")];
/// let report = factsift_eval::score(&gold, &pred);
/// assert_eq!((report.strict.tp, report.strict.fp, report.strict.fn_), (1, 1, 1));
/// assert_eq!((report.lenient.tp, report.lenient.fp, report.lenient.fn_), (2, 0, 0));
/// assert_eq!(report.fields.period.correct, 1);
/// ```
pub fn score(gold: &[Fact], pred: &[Fact]) -> Report {
    Scorer::new().score(gold, pred)
}

/// Scores with a given subject [`Normalizer`]; `Send + Sync`, reusable.
#[derive(Clone, Debug, Default)]
pub struct Scorer {
    normalizer: Normalizer,
}

struct Prepared<'a> {
    facts: &'a [Fact],
    /// Normalised names: the subject, then the aliases.
    names: Vec<Vec<String>>,
}

impl Scorer {
    /// A scorer with the contract's suffix list.
    pub fn new() -> Scorer {
        Scorer::default()
    }

    /// A scorer with a custom normaliser.
    pub fn with_normalizer(normalizer: Normalizer) -> Scorer {
        Scorer { normalizer }
    }

    /// The normaliser in use.
    pub fn normalizer(&self) -> &Normalizer {
        &self.normalizer
    }

    fn prepare<'a>(&self, facts: &'a [Fact], aliases: bool) -> Prepared<'a> {
        let names = facts
            .iter()
            .map(|f| {
                let mut v = vec![self.normalizer.normalize(&f.subject)];
                if aliases {
                    v.extend(f.aliases.iter().map(|a| self.normalizer.normalize(a)));
                }
                v
            })
            .collect();
        Prepared { facts, names }
    }

    /// Scores predictions against gold; see the crate docs for the exact reading.
    pub fn score(&self, gold: &[Fact], pred: &[Fact]) -> Report {
        let g = self.prepare(gold, true);
        let p = self.prepare(pred, false);
        // Index predictions by (normalised subject, unit): both rules need them equal.
        let mut index: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
        for (i, f) in pred.iter().enumerate() {
            index
                .entry((p.names[i][0].as_str(), f.unit.as_str()))
                .or_default()
                .push(i);
        }
        let strict = self.run(&g, &p, &index, Mode::Strict);
        let lenient = self.run(&g, &p, &index, Mode::Lenient);

        let mut report = Report {
            gold: gold.len(),
            gold_optional: gold.iter().filter(|f| f.optional).count(),
            predicted: pred.len(),
            strict: strict.counts,
            lenient: lenient.counts,
            ..Report::default()
        };

        // Per-field accuracy and source recall over the lenient pairs.
        let mut fields = Fields::default();
        for &(gi, pi) in &lenient.pairs {
            let (a, b) = (&gold[gi], &pred[pi]);
            tally(&mut fields.metric, a.metric == b.metric);
            tally(&mut fields.period, a.period == b.period);
            tally(&mut fields.per, a.per == b.per);
            tally(&mut fields.scope, a.scope == b.scope);
            tally(&mut fields.bound, a.bound == b.bound);
            tally(&mut fields.modality, a.modality == b.modality);
            tally(&mut fields.vs, a.vs == b.vs);
        }
        for f in [
            &mut fields.metric,
            &mut fields.period,
            &mut fields.per,
            &mut fields.scope,
            &mut fields.bound,
            &mut fields.modality,
            &mut fields.vs,
        ] {
            f.accuracy = if f.total == 0 {
                0.0
            } else {
                f.correct as f64 / f.total as f64
            };
        }
        report.fields = fields;

        let matched: HashMap<usize, usize> = lenient.pairs.iter().copied().collect();
        let mut sr = SourceRecall::default();
        for (gi, gf) in gold.iter().enumerate() {
            if gf.optional {
                continue;
            }
            let mut docs: Vec<&str> = gf.sources.iter().map(|s| s.doc.as_str()).collect();
            docs.sort_unstable();
            docs.dedup();
            for doc in docs {
                sr.total += 1;
                let hit = matched
                    .get(&gi)
                    .is_some_and(|&pi| pred[pi].sources.iter().any(|s| s.doc == doc));
                if hit {
                    sr.hits += 1;
                }
            }
        }
        sr.recall = if sr.total == 0 {
            0.0
        } else {
            sr.hits as f64 / sr.total as f64
        };
        report.source_recall = sr;

        // Near misses: a strict miss whose lenient partner is a strict FP.
        let strict_fp: std::collections::HashSet<usize> = strict.fps.iter().copied().collect();
        report.strict_misses = strict
            .misses
            .iter()
            .map(|&gi| Miss {
                gold: gi,
                near: matched
                    .get(&gi)
                    .copied()
                    .filter(|pi| strict_fp.contains(pi)),
            })
            .collect();
        report.strict_pairs = strict.pairs;
        report.strict_fps = strict.fps;
        report.lenient_pairs = lenient.pairs;
        report.lenient_misses = lenient.misses;
        report.lenient_fps = lenient.fps;
        report
    }

    fn run(
        &self,
        g: &Prepared<'_>,
        p: &Prepared<'_>,
        index: &HashMap<(&str, &str), Vec<usize>>,
        mode: Mode,
    ) -> Run {
        let mut used = vec![false; p.facts.len()];
        let mut pairs = Vec::new();
        let mut misses = Vec::new();
        // Pass 1: non-optional gold facts in file order, each taking the
        // first (lowest-index) unmatched prediction that matches it.
        for (gi, gf) in g.facts.iter().enumerate() {
            if gf.optional {
                continue;
            }
            match first_match(gf, &g.names[gi], p, index, &used, mode) {
                Some(pi) => {
                    used[pi] = true;
                    pairs.push((gi, pi));
                }
                None => misses.push(gi),
            }
        }
        // Pass 2: unmatched predictions that lenient-match an optional gold
        // fact are dropped. Any number of predictions may be dropped by one
        // optional fact (it is not a one-to-one match).
        let mut dropped = vec![false; p.facts.len()];
        for (gi, gf) in g.facts.iter().enumerate() {
            if !gf.optional {
                continue;
            }
            for name in &g.names[gi] {
                if let Some(list) = index.get(&(name.as_str(), gf.unit.as_str())) {
                    for &pi in list {
                        if !used[pi] && value_matches(p.facts[pi].value, gf.value) {
                            dropped[pi] = true;
                        }
                    }
                }
            }
        }
        let fps: Vec<usize> = (0..p.facts.len())
            .filter(|&i| !used[i] && !dropped[i])
            .collect();
        let n_dropped = dropped.iter().filter(|d| **d).count();
        Run {
            counts: Counts::new(pairs.len(), fps.len(), misses.len(), n_dropped),
            pairs,
            misses,
            fps,
        }
    }
}

struct Run {
    counts: Counts,
    pairs: Vec<(usize, usize)>,
    misses: Vec<usize>,
    fps: Vec<usize>,
}

fn tally(f: &mut FieldScore, ok: bool) {
    f.total += 1;
    if ok {
        f.correct += 1;
    }
}

fn first_match(
    gf: &Fact,
    names: &[String],
    p: &Prepared<'_>,
    index: &HashMap<(&str, &str), Vec<usize>>,
    used: &[bool],
    mode: Mode,
) -> Option<usize> {
    let mut best: Option<usize> = None;
    for name in names {
        let Some(list) = index.get(&(name.as_str(), gf.unit.as_str())) else {
            continue;
        };
        // Lists are in prediction order: the first hit is this name's best.
        let hit = list
            .iter()
            .copied()
            .find(|&pi| !used[pi] && field_match(gf, &p.facts[pi], mode));
        if let Some(pi) = hit {
            best = Some(best.map_or(pi, |b: usize| b.min(pi)));
        }
    }
    best
}

/// Whether `pred` matches `gold` under `mode`, given that subjects and units
/// already match.
fn field_match(gold: &Fact, pred: &Fact, mode: Mode) -> bool {
    if !value_matches(pred.value, gold.value) {
        return false;
    }
    match mode {
        Mode::Lenient => true,
        Mode::Strict => {
            gold.metric == pred.metric
                && gold.period == pred.period
                && gold.per == pred.per
                && gold.scope == pred.scope
                && gold.modality == pred.modality
        }
    }
}

/// Whether two facts match under a mode, subjects normalised with `normalizer`
/// (the gold fact's aliases count).
///
/// ```
/// use factsift_core::Fact;
/// use factsift_eval::{matches, Mode, Normalizer};
/// let g: Fact = serde_json::from_str(r#"{"subject":"Alphabet","aliases":["Google"],"metric":"revenue","value":100,"unit":"USD"}"#)?;
/// let p: Fact = serde_json::from_str(r#"{"subject":"Google Inc","metric":"profit","value":100.4,"unit":"USD"}"#)?;
/// let n = Normalizer::new();
/// assert!(matches(&g, &p, Mode::Lenient, &n));
/// assert!(!matches(&g, &p, Mode::Strict, &n));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn matches(gold: &Fact, pred: &Fact, mode: Mode, normalizer: &Normalizer) -> bool {
    let ps = normalizer.normalize(&pred.subject);
    let subject_ok = normalizer.normalize(&gold.subject) == ps
        || gold.aliases.iter().any(|a| normalizer.normalize(a) == ps);
    subject_ok && gold.unit == pred.unit && field_match(gold, pred, mode)
}
