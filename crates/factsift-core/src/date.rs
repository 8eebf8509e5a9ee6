//! Calendar dates.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A proleptic Gregorian calendar date, always valid.
///
/// Serialised as `"YYYY-MM-DD"`.
///
/// ```
/// use factsift_core::Date;
/// let d: Date = "2017-10-02".parse()?;
/// assert_eq!((d.year(), d.month(), d.day()), (2017, 10, 2));
/// assert_eq!(d.quarter(), 4);
/// assert_eq!(d.to_string(), "2017-10-02");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// A date string that is not a valid `YYYY-MM-DD` date.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a valid YYYY-MM-DD date: {0:?}")]
pub struct DateError(pub String);

impl Date {
    /// A date, or `None` when the month or day does not exist.
    ///
    /// ```
    /// use factsift_core::Date;
    /// assert!(Date::new(2016, 2, 29).is_some());
    /// assert!(Date::new(2017, 2, 29).is_none());
    /// ```
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(&self) -> u8 {
        self.day
    }

    /// The calendar quarter, 1 to 4.
    pub fn quarter(&self) -> u8 {
        (self.month - 1) / 3 + 1
    }

    /// Parses the leading `YYYY-MM-DD` of a string such as an ISO 8601
    /// timestamp (`2017-10-02T08:00:00Z`); the rest is ignored.
    ///
    /// ```
    /// use factsift_core::Date;
    /// let d = Date::parse_prefix("2019-11-19T13:02:00+00:00").unwrap();
    /// assert_eq!(d.to_string(), "2019-11-19");
    /// assert!(Date::parse_prefix("19/11/2019").is_none());
    /// ```
    pub fn parse_prefix(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        if b.len() > 10 && b[10].is_ascii_digit() {
            return None;
        }
        let year: i32 = s.get(0..4)?.parse().ok()?;
        let month: u8 = s.get(5..7)?.parse().ok()?;
        let day: u8 = s.get(8..10)?.parse().ok()?;
        Date::new(year, month, day)
    }
}

/// Number of days in `month` (1 to 12) of `year`; 0 for a month out of range.
///
/// ```
/// assert_eq!(factsift_core::days_in_month(2000, 2), 29);
/// assert_eq!(factsift_core::days_in_month(1900, 2), 28);
/// ```
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Date, DateError> {
        if s.trim().len() != 10 {
            return Err(DateError(s.to_string()));
        }
        Date::parse_prefix(s).ok_or_else(|| DateError(s.to_string()))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}
