//! Period arithmetic: shifting a period back by a comparison basis, and
//! resolving a bare quarter, half or month against a context year.

use factsift_core::{Date, Period};

/// How far back a comparison reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Basis {
    Year,
    Quarter,
    Month,
}

impl Basis {
    pub(crate) fn parse(vs: &str) -> Option<Basis> {
        match vs {
            "prev_year" => Some(Basis::Year),
            "prev_quarter" => Some(Basis::Quarter),
            "prev_month" => Some(Basis::Month),
            _ => None,
        }
    }
}

/// The period one `basis` before `p`, when that is expressible:
/// `2004-Q4` a year back is `2003-Q4`, a quarter back `2004-Q3`.
pub(crate) fn shift_back(p: &Period, basis: Basis) -> Option<Period> {
    Some(match (p, basis) {
        (Period::Year(y), Basis::Year) => Period::Year(y.checked_sub(1)?),
        (Period::Half(y, h), Basis::Year) => Period::Half(y.checked_sub(1)?, *h),
        (Period::Quarter(y, q), Basis::Year) => Period::Quarter(y.checked_sub(1)?, *q),
        (Period::Month(y, m), Basis::Year) => Period::Month(y.checked_sub(1)?, *m),
        (Period::Day(d), Basis::Year) => {
            let y = d.year().checked_sub(1)?;
            Period::Day(Date::new(y, d.month(), d.day()).or_else(|| Date::new(y, d.month(), 28))?)
        }
        (Period::FiscalYear(y), Basis::Year) => Period::FiscalYear(y.checked_sub(1)?),
        (Period::FiscalQuarter(y, q), Basis::Year) => Period::FiscalQuarter(y.checked_sub(1)?, *q),
        (Period::Quarter(y, q), Basis::Quarter) => {
            if *q > 1 {
                Period::Quarter(*y, q - 1)
            } else {
                Period::Quarter(y.checked_sub(1)?, 4)
            }
        }
        (Period::FiscalQuarter(y, q), Basis::Quarter) => {
            if *q > 1 {
                Period::FiscalQuarter(*y, q - 1)
            } else {
                Period::FiscalQuarter(y.checked_sub(1)?, 4)
            }
        }
        (Period::Month(y, m), Basis::Month) => {
            if *m > 1 {
                Period::Month(*y, m - 1)
            } else {
                Period::Month(y.checked_sub(1)?, 12)
            }
        }
        (Period::Interval(a, b), basis) => Period::Interval(
            Box::new(shift_back(a, basis)?),
            Box::new(shift_back(b, basis)?),
        ),
        _ => return None,
    })
}

/// The calendar year a period lies in (its start year for an interval).
pub(crate) fn year_of(p: &Period) -> Option<i32> {
    match p {
        Period::Year(y)
        | Period::Half(y, _)
        | Period::Quarter(y, _)
        | Period::Month(y, _)
        | Period::FiscalYear(y)
        | Period::FiscalQuarter(y, _) => Some(*y),
        Period::Day(d) => Some(d.year()),
        Period::Interval(a, _) => year_of(a),
    }
}

/// The granularity word of a period: `year`, `half`, `quarter`, `month`, `day`.
pub(crate) fn granularity(p: &Period) -> &'static str {
    match p {
        Period::Year(_) | Period::FiscalYear(_) => "year",
        Period::Half(..) => "half",
        Period::Quarter(..) | Period::FiscalQuarter(..) => "quarter",
        Period::Month(..) => "month",
        Period::Day(_) => "day",
        Period::Interval(..) => "interval",
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn ordinal(word: &str) -> Option<u8> {
    Some(match word {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" | "final" => 4,
        _ => return None,
    })
}

/// The span of `months` months that ends with the month of `end` ("the
/// three months to 31 December" -> a quarter, "the year to March 2005" ->
/// `2004-04/2005-03`, "the six months to June" -> a half).
pub(crate) fn months_ending(months: u8, end: &Period) -> Option<Period> {
    let (y, m) = match end {
        Period::Month(y, m) => (*y, *m),
        Period::Day(d) => (d.year(), d.month()),
        _ => return None,
    };
    if !(1..=12).contains(&m) || !(1..=12).contains(&months) {
        return None;
    }
    Some(match months {
        3 if m % 3 == 0 => Period::Quarter(y, m / 3),
        6 if m % 6 == 0 => Period::Half(y, m / 6),
        12 if m == 12 => Period::Year(y),
        1 => Period::Month(y, m),
        _ => {
            let (sy, sm) = if m >= months {
                (y, m + 1 - months)
            } else {
                (y.checked_sub(1)?, m + 13 - months)
            };
            Period::Interval(
                Box::new(Period::Month(sy, sm)),
                Box::new(Period::Month(y, m)),
            )
        }
    })
}

/// The length in months of a span that the words right before a date
/// announce: "three months to", "the year ending", "six months ended".
pub(crate) fn span_before(prefix: &str) -> Option<u8> {
    let lower = prefix.to_ascii_lowercase();
    let mut words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    // "to 31 December": the day belongs to the date.
    if words
        .last()
        .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
    {
        words.pop();
    }
    let n = words.len();
    if n < 2 || !matches!(words[n - 1], "to" | "ending" | "ended" | "through") {
        return None;
    }
    match words[n - 2] {
        "year" => Some(12),
        "quarter" => Some(3),
        "half" => Some(6),
        "months" | "month" => match words.get(n.wrapping_sub(3)).copied() {
            Some("three" | "3") => Some(3),
            Some("six" | "6") => Some(6),
            Some("nine" | "9") => Some(9),
            Some("twelve" | "12") => Some(12),
            Some("five" | "5") => Some(5),
            Some("four" | "4") => Some(4),
            _ => None,
        },
        _ => None,
    }
}

/// Whether a capitalised word is a month or weekday name ("December",
/// "Monday"), which names no company.
pub(crate) fn is_calendar_word(word: &str) -> bool {
    const WEEKDAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    // Asked of every capitalised word of a sentence with a number: compared
    // in place rather than through a lowercased copy.
    MONTHS
        .iter()
        .chain(&WEEKDAYS)
        .any(|name| name.eq_ignore_ascii_case(word))
}

/// Resolves a time expression that names a quarter, half or month without
/// its year ("the fourth quarter", "Q3", "the three months to December",
/// "the first half") against `year`. Relative expressions ("last quarter")
/// are left alone.
pub(crate) fn resolve_in_year(expr: &str, year: i32) -> Option<Period> {
    let lower = expr.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.iter().any(|w| {
        matches!(
            *w,
            "last" | "next" | "previous" | "this" | "coming" | "past"
        )
    }) {
        return None;
    }
    for (i, w) in words.iter().enumerate() {
        if let Some(q) = w.strip_prefix('q').and_then(|d| d.parse::<u8>().ok()) {
            if (1..=4).contains(&q) && w.len() == 2 {
                return Some(Period::Quarter(year, q));
            }
        }
        if let Some(h) = w.strip_prefix('h').and_then(|d| d.parse::<u8>().ok()) {
            if (1..=2).contains(&h) && w.len() == 2 {
                return Some(Period::Half(year, h));
            }
        }
        let next = words.get(i + 1).copied();
        if let Some(n) = ordinal(w) {
            match next {
                Some("quarter") => return Some(Period::Quarter(year, n)),
                Some("half") if n <= 2 => return Some(Period::Half(year, n)),
                _ => {}
            }
        }
        if *w == "months" && next == Some("to") {
            if let Some(m) = words
                .get(i + 2)
                .and_then(|m| MONTHS.iter().position(|x| x == m))
            {
                let m = (m + 1) as u8;
                if words.get(i.wrapping_sub(1)).copied() == Some("three") && m % 3 == 0 {
                    return Some(Period::Quarter(year, m / 3));
                }
                if words.get(i.wrapping_sub(1)).copied() == Some("six") && m % 6 == 0 {
                    return Some(Period::Half(year, m / 6));
                }
                if words.get(i.wrapping_sub(1)).copied() == Some("twelve")
                    || words.get(i.wrapping_sub(1)).copied() == Some("12")
                {
                    return None;
                }
            }
        }
    }
    if words.len() <= 2 {
        if let Some(m) = words
            .last()
            .and_then(|m| MONTHS.iter().position(|x| x == m))
        {
            return Some(Period::Month(year, (m + 1) as u8));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifts() {
        let p: Period = "2004-Q4".parse().unwrap();
        assert_eq!(shift_back(&p, Basis::Year).unwrap().to_string(), "2003-Q4");
        assert_eq!(
            shift_back(&p, Basis::Quarter).unwrap().to_string(),
            "2004-Q3"
        );
        let p: Period = "2017-01".parse().unwrap();
        assert_eq!(shift_back(&p, Basis::Month).unwrap().to_string(), "2016-12");
        let p: Period = "2016-02-29".parse().unwrap();
        assert_eq!(
            shift_back(&p, Basis::Year).unwrap().to_string(),
            "2015-02-28"
        );
        assert!(shift_back(&Period::Year(2004), Basis::Quarter).is_none());
    }

    #[test]
    fn spans_ending_in_a_month() {
        assert_eq!(span_before("for the three months to 31"), Some(3));
        assert_eq!(span_before("profits for the year to"), Some(12));
        assert_eq!(span_before("in the six months ending"), Some(6));
        assert_eq!(span_before("sales rose to"), None);
        assert_eq!(
            months_ending(3, &Period::Month(2004, 12)),
            Some(Period::Quarter(2004, 4))
        );
        assert_eq!(
            months_ending(12, &Period::Month(2005, 3)).map(|p| p.to_string()),
            Some("2004-04/2005-03".to_string())
        );
        assert_eq!(
            months_ending(3, &Period::Month(2004, 11)).map(|p| p.to_string()),
            Some("2004-09/2004-11".to_string())
        );
        assert_eq!(
            months_ending(12, &Period::Month(2004, 12)),
            Some(Period::Year(2004))
        );
    }

    #[test]
    fn resolves_bare_periods() {
        let r = |s| resolve_in_year(s, 2004).map(|p| p.to_string());
        assert_eq!(r("the fourth quarter").as_deref(), Some("2004-Q4"));
        assert_eq!(r("Q3").as_deref(), Some("2004-Q3"));
        assert_eq!(
            r("the three months to December").as_deref(),
            Some("2004-Q4")
        );
        assert_eq!(r("the first half").as_deref(), Some("2004-H1"));
        assert_eq!(r("in September").as_deref(), Some("2004-09"));
        assert_eq!(r("last quarter"), None);
        assert_eq!(r("two years"), None);
    }
}
