//! Canonical facts, as `../shared/spec/facts.md` (the fact contract) defines them.

use crate::Bound;
use serde::{Deserialize, Serialize, Serializer};

/// One number that a text asserts about one subject: a line of a facts
/// JSONL file, in the format of the fact contract.
///
/// Fields the contract does not name (`id`, `support`, `conflicts`,
/// `optional`, `aliases`, `also_bounds`) are skipped when empty, so a gold
/// file and the pipeline's output share this type.
///
/// ```
/// use factsift_core::Fact;
/// let line = r#"{"subject":"Xiaomi","metric":"shipments","value":23160000,"unit":"count",
///   "period":"2017-Q2","per":null,"scope":null,"bound":"eq","modality":"actual","vs":null,"sources":[]}"#;
/// let fact: Fact = serde_json::from_str(line)?;
/// assert_eq!(fact.value, 23_160_000.0);
/// let out = serde_json::to_string(&fact)?;
/// assert!(out.contains(r#""value":23160000,"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Canonical name of the entity the number is about.
    pub subject: String,
    /// What is measured, from the metric vocabulary.
    pub metric: String,
    /// The number in base units.
    #[serde(serialize_with = "serialize_number")]
    pub value: f64,
    /// `count`, `percent`, `rank`, an ISO 4217 code or a physical unit.
    pub unit: String,
    /// The period in the contract's grammar, if any.
    #[serde(default)]
    pub period: Option<String>,
    /// A rate's time unit, if any.
    #[serde(default)]
    pub per: Option<String>,
    /// Geographic scope, if any.
    #[serde(default)]
    pub scope: Option<String>,
    /// How the stated number relates to the true one.
    #[serde(default)]
    pub bound: Bound,
    /// The upper end, with `bound: range` only.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_opt_number"
    )]
    pub value_max: Option<f64>,
    /// `actual`, `target` or `forecast`.
    #[serde(default = "default_modality")]
    pub modality: String,
    /// For `*_change` metrics: `prev_quarter`, `prev_year`, `prev_month`.
    #[serde(default)]
    pub vs: Option<String>,
    /// Where the fact was read.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// A stable id of the canonical fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Number of distinct non-duplicate documents that state the fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support: Option<usize>,
    /// Ids of facts with equal keys whose values disagree beyond tolerance.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
    /// Less specific bounds under which the fact was also stated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_bounds: Vec<Bound>,
    /// Gold only: a fact a prediction may omit without penalty.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
    /// Gold only: other names of the subject.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

fn default_modality() -> String {
    "actual".to_string()
}

/// One mention of a fact: the document and the sentence that state it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Source {
    /// The document id.
    pub doc: String,
    /// Byte offset of the sentence in the document's ingested text.
    #[serde(default)]
    pub start: usize,
    /// End byte offset of the sentence.
    #[serde(default)]
    pub end: usize,
    /// The sentence.
    #[serde(default)]
    pub text: String,
}

/// Writes a float as a JSON integer when it is one (`23160000`, not
/// `23160000.0`), so facts read as the contract's examples do.
///
/// ```
/// #[derive(serde::Serialize)]
/// struct V(#[serde(serialize_with = "factsift_core::serialize_number")] f64);
/// assert_eq!(serde_json::to_string(&V(1e6)).unwrap(), "1000000");
/// assert_eq!(serde_json::to_string(&V(0.25)).unwrap(), "0.25");
/// ```
pub fn serialize_number<S: Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if value.fract() == 0.0 && value.abs() < EXACT {
        s.serialize_i64(*value as i64)
    } else {
        s.serialize_f64(*value)
    }
}

fn serialize_opt_number<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => serialize_number(v, s),
        None => s.serialize_none(),
    }
}
