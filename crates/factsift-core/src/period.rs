//! Periods in the fact contract's grammar.

use crate::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// The time a number is about, in the grammar of the fact contract
/// (`2017`, `2017-H1`, `2017-Q2`, `2017-09`, `2017-07-16`, `FY2017`,
/// `FY2017-Q3`, and intervals `A/B`).
///
/// ```
/// use factsift_core::Period;
/// let p: Period = "2017-Q2".parse()?;
/// assert_eq!(p, Period::Quarter(2017, 2));
/// assert_eq!(Period::Interval(Box::new(Period::Month(2017, 10)), Box::new(Period::Month(2017, 12))).to_string(),
///            "2017-10/2017-12");
/// assert_eq!("FY2017-Q3".parse::<Period>()?, Period::FiscalQuarter(2017, 3));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    /// A calendar year.
    Year(i32),
    /// A half year, 1 or 2.
    Half(i32, u8),
    /// A quarter, 1 to 4.
    Quarter(i32, u8),
    /// A month, 1 to 12.
    Month(i32, u8),
    /// A day.
    Day(Date),
    /// A fiscal year.
    FiscalYear(i32),
    /// A quarter of a fiscal year.
    FiscalQuarter(i32, u8),
    /// From the first to the second, inclusive. Neither is an interval.
    Interval(Box<Period>, Box<Period>),
}

/// A string that is not a period of the grammar.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a period of the fact grammar: {0:?}")]
pub struct PeriodError(pub String);

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y:04}"),
            Period::Half(y, h) => write!(f, "{y:04}-H{h}"),
            Period::Quarter(y, q) => write!(f, "{y:04}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Period::Day(d) => write!(f, "{d}"),
            Period::FiscalYear(y) => write!(f, "FY{y:04}"),
            Period::FiscalQuarter(y, q) => write!(f, "FY{y:04}-Q{q}"),
            Period::Interval(a, b) => write!(f, "{a}/{b}"),
        }
    }
}

fn parse_simple(s: &str) -> Option<Period> {
    let year_of = |t: &str| -> Option<i32> {
        (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    if let Some(rest) = s.strip_prefix("FY") {
        return match rest.split_once("-Q") {
            None => Some(Period::FiscalYear(year_of(rest)?)),
            Some((y, q)) => {
                let q: u8 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
                Some(Period::FiscalQuarter(year_of(y)?, q))
            }
        };
    }
    if s.len() == 4 {
        return Some(Period::Year(year_of(s)?));
    }
    if s.len() == 10 {
        return s.parse().ok().map(Period::Day);
    }
    let (y, rest) = s.split_once('-')?;
    let y = year_of(y)?;
    if let Some(h) = rest.strip_prefix('H') {
        let h: u8 = h.parse().ok().filter(|h| (1..=2).contains(h))?;
        return Some(Period::Half(y, h));
    }
    if let Some(q) = rest.strip_prefix('Q') {
        let q: u8 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
        return Some(Period::Quarter(y, q));
    }
    if rest.len() == 2 {
        let m: u8 = rest.parse().ok().filter(|m| (1..=12).contains(m))?;
        return Some(Period::Month(y, m));
    }
    None
}

impl FromStr for Period {
    type Err = PeriodError;
    fn from_str(s: &str) -> Result<Period, PeriodError> {
        let err = || PeriodError(s.to_string());
        match s.split_once('/') {
            Some((a, b)) => {
                let a = parse_simple(a).ok_or_else(err)?;
                let b = parse_simple(b).ok_or_else(err)?;
                Ok(Period::Interval(Box::new(a), Box::new(b)))
            }
            None => parse_simple(s).ok_or_else(err),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Period, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for s in [
            "2017",
            "2017-H2",
            "2017-Q4",
            "2017-09",
            "2017-07-16",
            "FY2017",
            "FY2017-Q3",
            "2017-10/2017-12",
            "2017-07/2018-06",
        ] {
            let p: Period = s.parse().unwrap();
            assert_eq!(p.to_string(), s);
        }
    }

    #[test]
    fn rejects_malformed() {
        for s in [
            "",
            "17",
            "2017-Q5",
            "2017-13",
            "2017-H3",
            "FY17",
            "2017-02-30",
            "a/b",
            "2017/",
        ] {
            assert!(s.parse::<Period>().is_err(), "{s}");
        }
    }
}
