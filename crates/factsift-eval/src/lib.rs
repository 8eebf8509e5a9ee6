//! # Overview
//!
//! Scores predicted facts against gold facts exactly as the scoring section
//! of the fact contract (`shared/spec/facts.md`) says:
//!
//! - [`read_facts`] / [`parse_facts`] load gold or predicted JSONL, with
//!   typed errors ([`ReadError`]) naming the file and line.
//! - [`score`] (or a reusable [`Scorer`]) matches and counts, returning a
//!   [`Report`] that serialises to JSON (`factsift eval --json`), renders a
//!   table ([`Report::table`]) and lists misses and false positives side by
//!   side ([`Report::show`]).
//! - [`Normalizer`] normalises subjects (lowercase, drop punctuation, drop
//!   trailing corporate suffix words; the list is the data file
//!   `data/corporate_suffixes.txt`, extensible with [`Normalizer::builder`]).
//!
//! # Example
//!
//! ```
//! let gold = factsift_eval::parse_facts(&br#"
//! {"subject":"Xiaomi","metric":"shipments","value":23160000,"unit":"count","period":"2017-Q2","sources":[{"doc":"002"}]}
//! {"subject":"Xiaomi","metric":"shipments","value":90000000,"unit":"count","optional":true}
//! "#[..], "gold.jsonl")?;
//! let pred = factsift_eval::parse_facts(&br#"
//! {"subject":"Xiaomi Inc.","metric":"shipments","value":23100000,"unit":"count","period":"2017-Q2","sources":[{"doc":"002"}]}
//! {"subject":"Xiaomi","metric":"shipments","value":23160000,"unit":"count","period":"2017-Q2"}
//! {"subject":"Xiaomi","metric":"shipments","value":90000000,"unit":"count"}
//! "#[..], "pred.jsonl")?;
//! let report = factsift_eval::score(&gold, &pred);
//! // 23.1m is within 0.5% of 23.16m: a hit. The repeat is a false positive;
//! // the 90m prediction matches an optional gold fact and is dropped.
//! assert_eq!((report.strict.tp, report.strict.fp, report.strict.fn_), (1, 1, 0));
//! assert_eq!(report.strict.dropped_optional, 1);
//! assert_eq!(report.source_recall.hits, 1);
//! let json = serde_json::to_value(&report)?;
//! assert_eq!(json["strict"]["precision"], 0.5);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # How the contract is read
//!
//! Where the contract leaves room, this crate decides as follows.
//!
//! - **Two independent matchings.** The strict and the lenient score each
//!   run the contract's greedy matching on their own: for the strict score
//!   every non-optional gold fact, in gold-file order, takes the first (in
//!   prediction-file order) still unmatched prediction that *strictly*
//!   matches it; the lenient score repeats the procedure from scratch with
//!   the lenient rule. So a prediction may be the strict partner of one gold
//!   fact and the lenient partner of another; each score is a one-to-one
//!   matching on its own.
//! - **Optional facts** take no part in the greedy pass. Afterwards, in each
//!   mode, every prediction left unmatched that *lenient*-matches an
//!   optional gold fact (as the contract says, lenient in both modes) is
//!   dropped, and any number of predictions may be dropped by one optional
//!   fact. Dropped predictions are counted in `dropped_optional`, not in
//!   TP/FP; optional facts are never FN.
//! - **Duplicates**: a fact predicted twice takes one gold fact with its
//!   first copy; the second copy finds no unmatched gold fact and is a false
//!   positive (unless it happens to lenient-match an optional fact).
//! - **Subjects** match when the prediction's normalised subject equals the
//!   gold fact's normalised subject or one of its normalised `aliases`.
//!   Predictions' own `aliases` are ignored. Punctuation is removed (not
//!   replaced by a space); trailing suffix words are removed repeatedly but
//!   never the first word.
//! - **Values**: `|p - g| <= 0.005 |g|` with `g` the gold value, exact when
//!   `g == 0`. `value_max` is not compared (it is not in the rule).
//! - **Units and the other strict fields** are compared as exact strings;
//!   `null` equals only `null`. `bound` and `vs` are not part of either
//!   match rule; they are reported only as field accuracies.
//! - **Per-field accuracy** is computed over the lenient pairs (the
//!   lenient matching's `(gold, prediction)` pairs), each field compared
//!   exactly (`null == null` counts as correct).
//! - **Source recall** is over the distinct `(fact, doc)` pairs of the
//!   non-optional gold facts; a pair counts when the gold fact has a lenient
//!   partner whose `sources` include that doc. Unmatched gold facts count
//!   in the denominator.
//! - **Empty denominators** give 0.0 for precision, recall, F1, accuracies
//!   and source recall.
#![deny(missing_docs)]

mod normalize;
mod read;
mod render;
mod score;

pub use crate::{
    normalize::{DEFAULT_SUFFIXES, Normalizer, NormalizerBuilder},
    read::{ReadError, parse_facts, read_facts},
    render::fact_line,
    score::{
        Counts, FieldScore, Fields, Miss, Mode, Report, Scorer, SourceRecall, VALUE_TOLERANCE,
        matches, score, value_matches,
    },
};

/// Why a [`Normalizer`] could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A suffix word that no normalised subject word could equal.
    #[error("suffix word {0:?} must be one lowercase word of letters and digits")]
    BadSuffix(String),
}
