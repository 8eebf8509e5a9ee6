//! What the tagger finds: entities, quantities and time expressions.

use crate::{Period, Span};
use serde::{Deserialize, Serialize};

/// Kind of a named entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EntityKind {
    /// Companies, agencies, institutions.
    Org,
    /// People.
    Person,
    /// Countries, regions, cities.
    Gpe,
    /// Products and models (`Mi 6`, `Redmi Note 4`).
    Product,
}

/// A named entity mention.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The mention in the text (`Indian`, `PeopleSoft Inc`).
    pub span: Span,
    /// What it names.
    pub kind: EntityKind,
    /// Its canonical name (`India`, `PeopleSoft`).
    pub name: String,
    /// What identified it: `gazetteer`, or the rule or context cue (`"CEO"`, `"maker"`).
    pub cue: Option<String>,
}

/// How a stated number relates to the true one.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// Exactly as stated.
    #[default]
    Eq,
    /// About, nearly, some.
    Approx,
    /// More than.
    Gt,
    /// At least.
    Ge,
    /// Less than.
    Lt,
    /// Up to.
    Le,
    /// From `value` to `value_max`.
    Range,
}

impl Bound {
    /// The contract's name for the bound.
    ///
    /// ```
    /// assert_eq!(factsift_core::Bound::Ge.as_str(), "ge");
    /// ```
    pub fn as_str(&self) -> &'static str {
        match self {
            Bound::Eq => "eq",
            Bound::Approx => "approx",
            Bound::Gt => "gt",
            Bound::Ge => "ge",
            Bound::Lt => "lt",
            Bound::Le => "le",
            Bound::Range => "range",
        }
    }
}

/// What kind of quantity a number is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    /// A count of things (`23.16 million smartphones`), or a bare number.
    Count,
    /// An amount of money; `unit` is its ISO 4217 code.
    Money,
    /// A percentage (`70 percent`).
    Percent,
    /// Percentage points (`2.5 percentage points`).
    PercentagePoints,
    /// An ordinal or rank (`fourth`, `No. 1`, `second-largest`).
    Rank,
    /// A physical measure (`4GB`, `3.5-inch`); `unit` is its symbol.
    Measure,
}

/// A number found in the text, with its normalised value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The number expression, including its unit and scale
    /// (`$10.3bn`, `23.16 million`, `70 percent`), without bound cues.
    pub span: Span,
    /// What kind of quantity it is.
    pub kind: QuantityKind,
    /// Value in base units: `23160000`, `70` for 70 percent, `4` for fourth.
    /// For a range, the lower end.
    pub value: f64,
    /// The upper end of a range.
    pub value_max: Option<f64>,
    /// The contract's unit: `count`, `percent`, `pp`, `rank`, an ISO 4217
    /// code, or a physical unit symbol.
    pub unit: String,
    /// How the stated number relates to the true one.
    pub bound: Bound,
    /// A vague amount (`thousands of`, `dozens of`).
    pub vague: bool,
    /// The words that set the bound or vagueness (`more than`, `about`).
    pub cue: Option<Span>,
    /// The noun a count counts (`smartphones` in `23.16 million smartphones`).
    pub noun: Option<Span>,
    /// A rate's time unit (`day`, `week`, `month`, `quarter`, `year`) from
    /// `per month`, `a month`, `monthly`.
    pub per: Option<String>,
    /// For a bracketed conversion (`895.4 reais ($332)`), the index in
    /// [`Tags::quantities`] of the amount it converts.
    pub conversion_of: Option<usize>,
}

/// A time expression and, when it can be resolved, its period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeMention {
    /// The expression (`the second quarter of this year`, `last year`).
    pub span: Span,
    /// The resolved period, `None` when it cannot be resolved.
    pub period: Option<Period>,
    /// What it was resolved against: `publication date`, `explicit`, or a
    /// text anchor; `None` when unresolved.
    pub resolved_by: Option<String>,
}

/// Everything the tagger found in one document, each list ordered by span.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tags {
    /// Named entities.
    pub entities: Vec<Entity>,
    /// Numbers with their values.
    pub quantities: Vec<Quantity>,
    /// Dates and periods.
    pub times: Vec<TimeMention>,
}
