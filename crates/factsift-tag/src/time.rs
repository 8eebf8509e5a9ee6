//! Dates and periods, resolved against the publication date.

use crate::lex::Lx;
use crate::lexicon::{Lexicon, T_AFTER_THE, T_START};
use crate::sent::Sent;
use factsift_core::{Date, Period, TimeMention};

const EXPLICIT: &str = "explicit";
const PUBLICATION: &str = "publication date";
const ANCHOR: &str = "text anchor";
/// How far back (bytes) an earlier time mention can anchor a relative one.
const ANCHOR_WINDOW: usize = 300;

/// Words before a month or year that make it a date.
const TIME_PREPS: [&str; 16] = [
    "in", "since", "by", "until", "till", "from", "to", "of", "during", "through", "before",
    "after", "between", "and", "early", "late",
];

/// A relative year: `this year` → 0, `last year` → -1.
fn rel_word(w: &str) -> Option<i32> {
    match w {
        "this" | "current" => Some(0),
        "last" | "previous" | "past" | "prior" | "preceding" => Some(-1),
        "next" | "coming" => Some(1),
        _ => None,
    }
}

fn ord_word(w: &str) -> Option<u8> {
    match w {
        "first" | "1st" => Some(1),
        "second" | "2nd" => Some(2),
        "third" | "3rd" => Some(3),
        "fourth" | "4th" => Some(4),
        "final" | "last" => Some(9),
        _ => None,
    }
}

fn small_number(w: &str) -> Option<u32> {
    match w {
        "one" => Some(1),
        "two" => Some(2),
        "three" => Some(3),
        "four" => Some(4),
        "five" => Some(5),
        "six" => Some(6),
        "nine" => Some(9),
        "twelve" => Some(12),
        "eighteen" => Some(18),
        "24" | "18" | "12" | "9" | "6" | "3" | "2" | "36" => w.parse().ok(),
        _ => None,
    }
}

/// Months `from..=to` counted from year 0 (`y * 12 + m - 1`) as a period:
/// a quarter, half or year when it is one, else an interval.
pub(crate) fn months_period(from: i32, to: i32) -> Option<Period> {
    if from > to {
        return None;
    }
    let (y1, m1) = (from.div_euclid(12), (from.rem_euclid(12) + 1) as u8);
    let (y2, m2) = (to.div_euclid(12), (to.rem_euclid(12) + 1) as u8);
    let n = to - from + 1;
    if y1 == y2 {
        if n == 12 {
            return Some(Period::Year(y1));
        }
        if n == 6 && (m1 == 1 || m1 == 7) {
            return Some(Period::Half(y1, m1.div_ceil(6)));
        }
        if n == 3 && m1 % 3 == 1 {
            return Some(Period::Quarter(y1, m1.div_ceil(3)));
        }
        if n == 1 {
            return Some(Period::Month(y1, m1));
        }
    }
    Some(Period::Interval(
        Box::new(Period::Month(y1, m1)),
        Box::new(Period::Month(y2, m2)),
    ))
}

fn mon_index(d: Date) -> i32 {
    d.year() * 12 + d.month() as i32 - 1
}

pub(crate) struct Times<'l> {
    lx: &'l Lexicon,
}

struct Hit {
    b: usize,
    /// Leave the numbers inside free for the quantity pass (`the next 12
    /// months` is also a duration of 12 months).
    keep: bool,
    period: Option<Period>,
    by: Option<&'static str>,
}

impl<'l> Times<'l> {
    pub fn new(lx: &'l Lexicon) -> Self {
        Times { lx }
    }

    fn year_at(&self, s: &Sent, i: usize) -> Option<i32> {
        if !s.is(i, Lx::Num) {
            return None;
        }
        let r = s.raw(i);
        if r.len() != 4 || !r.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: i32 = r.parse().ok()?;
        (1000..=2199).contains(&y).then_some(y)
    }

    fn month_at(&self, s: &Sent, i: usize) -> Option<(u8, usize)> {
        if !s.is(i, Lx::Word) || !s.cap(i) {
            return None;
        }
        let &(m, _) = self.lx.months.get(s.w(i))?;
        let mut b = i + 1;
        if s.w(b) == "." && s.glued(b) && s.w(i).len() <= 4 {
            b += 1;
        }
        Some((m, b))
    }

    /// A year expression at `i`: `2017`, `this year`, `the year`, `fiscal 2017`.
    /// Returns `(year, fiscal, end, resolved by)`.
    fn year_expr(
        &self,
        s: &Sent,
        i: usize,
        pub_date: Option<Date>,
    ) -> Option<(Option<i32>, bool, usize, &'static str)> {
        if let Some(y) = self.year_at(s, i) {
            return Some((Some(y), false, i + 1, EXPLICIT));
        }
        if s.w(i) == "fiscal" {
            let mut k = i + 1;
            if s.w(k) == "year" {
                k += 1;
            }
            if let Some(y) = self.year_at(s, k) {
                return Some((Some(y), true, k + 1, EXPLICIT));
            }
        }
        if s.w(i) == "fy" && s.is(i + 1, Lx::Num) && s.glued(i + 1) {
            let r = s.raw(i + 1);
            let y: i32 = r.parse().ok()?;
            let y = if r.len() == 2 { 2000 + y } else { y };
            return Some((Some(y), true, i + 2, EXPLICIT));
        }
        let (d, k) = if let Some(d) = rel_word(s.w(i)) {
            (d, i + 1)
        } else if s.w(i) == "the" {
            (0, i + 1)
        } else {
            return None;
        };
        if s.w(k) == "year" {
            let y = pub_date.map(|p| p.year() + d);
            return Some((y, false, k + 1, PUBLICATION));
        }
        None
    }

    pub fn find(&self, s: &mut Sent, pub_date: Option<Date>, out: &mut Vec<TimeMention>) {
        let n = s.len();
        let mut i = 0;
        while i < n {
            if !self.may_start(s, i) {
                i += 1;
                continue;
            }
            // Mentions close before this point can anchor `a year earlier`.
            let here = s.toks.get(i).map_or(0, |t| t.s);
            let near = out
                .iter()
                .rposition(|t| t.span.end() + ANCHOR_WINDOW < here)
                .map_or(0, |p| p + 1);
            match self.at(s, i, pub_date, &out[near..]) {
                Some(h) if h.b > i => {
                    for k in i..h.b {
                        let number = s.is(k, Lx::Num) || small_number(s.w(k)).is_some();
                        let duration =
                            matches!(s.w(k + 1), "months" | "years" | "quarters" | "weeks");
                        if h.keep && number && duration {
                            continue;
                        }
                        if let Some(u) = s.used.get_mut(k) {
                            *u = true;
                        }
                    }
                    out.push(TimeMention {
                        span: s.span(i, h.b),
                        period: h.period.clone(),
                        resolved_by: h.period.as_ref().and(h.by).map(str::to_string),
                    });
                    i = h.b;
                }
                _ => i += 1,
            }
        }
    }

    /// Whether token `i` can start a time expression (a cheap filter): a
    /// number, a month or time word, `the` before a word that can follow it
    /// (`the second quarter`, `the rest of`), `a year`.
    fn may_start(&self, s: &Sent, i: usize) -> bool {
        if !s.flag(i, T_START) || s.is(i, Lx::Punct) {
            return false;
        }
        match s.w(i) {
            "the" => s.flag(i + 1, T_AFTER_THE),
            "a" => s.w(i + 1) == "year",
            _ => true,
        }
    }

    fn at(&self, s: &Sent, i: usize, p: Option<Date>, before: &[TimeMention]) -> Option<Hit> {
        let w = s.w(i);
        let hit = |b, period: Option<Period>, by| {
            Some(Hit {
                b,
                keep: false,
                period,
                by: Some(by),
            })
        };
        // ISO date 2017-10-02
        if self.year_at(s, i).is_some()
            && s.w(i + 1) == "-"
            && s.glued(i + 1)
            && s.is(i + 2, Lx::Num)
            && s.w(i + 3) == "-"
            && s.is(i + 4, Lx::Num)
            && s.glued(i + 4)
        {
            let d = Date::parse_prefix(s.text.get(s.toks[i].s..s.toks[i + 4].e)?)?;
            return hit(i + 5, Some(Period::Day(d)), EXPLICIT);
        }
        // Q2 2017, H1 2017, FY2017, FY17
        if (w == "q" || w == "h") && s.cap(i) && s.is(i + 1, Lx::Num) && s.glued(i + 1) {
            let q: u8 = s.raw(i + 1).parse().ok()?;
            let max = if w == "q" { 4 } else { 2 };
            if !(1..=max).contains(&q) || s.glued(i + 2) && s.is(i + 2, Lx::Word) {
                return None;
            }
            let mut k = i + 2;
            if s.w(k) == "of" {
                k += 1;
            }
            let ye = self.year_expr(s, k, p);
            return Some(self.part(w == "q", q, ye, i + 2, p));
        }
        if w == "fy" || w == "fiscal" {
            if let Some((y, true, b, by)) = self.year_expr(s, i, p) {
                return hit(b, y.map(Period::FiscalYear), by);
            }
        }
        // the second quarter of this year, the first half, the final three months of 2017
        if let Some(h) = self.ordinal_part(s, i, p) {
            return Some(h);
        }
        // last year, this quarter, next month
        if let Some(d) = rel_word(w) {
            let k = i + 1;
            let unit = s.w(k);
            // `the previous quarter` after `Q2 2017` is 2017-Q1: anchored on
            // the text when an earlier mention of the sentence resolved.
            if matches!(w, "previous" | "prior" | "preceding") {
                let anchor = before.iter().rev().find_map(|t| t.period.clone());
                let shifted = match (unit, anchor) {
                    ("year", Some(a)) => shift_year(&a, -1),
                    ("quarter", Some(Period::Quarter(y, q))) => {
                        let q0 = y * 4 + i32::from(q) - 2;
                        Some(Period::Quarter(
                            q0.div_euclid(4),
                            (q0.rem_euclid(4) + 1) as u8,
                        ))
                    }
                    ("month", Some(Period::Month(y, m))) => {
                        months_period(y * 12 + i32::from(m) - 2, y * 12 + i32::from(m) - 2)
                    }
                    _ => None,
                };
                if let Some(period) = shifted {
                    return hit(k + 1, Some(period), ANCHOR);
                }
            }
            let pi = p.map(mon_index);
            let period = match unit {
                "year" => p.map(|p| Period::Year(p.year() + d)),
                "quarter" => pi.and_then(|m| {
                    let q0 = m.div_euclid(3) + d;
                    months_period(q0 * 3, q0 * 3 + 2)
                }),
                "month" => pi.and_then(|m| months_period(m + d, m + d)),
                "half" => pi.and_then(|m| {
                    let h0 = m.div_euclid(6) + d;
                    months_period(h0 * 6, h0 * 6 + 5)
                }),
                _ => {
                    if let Some((mo, b)) = self.month_at(s, k) {
                        let period = p.map(|p| {
                            let y = match d {
                                0 => p.year(),
                                -1 if mo >= p.month() => p.year() - 1,
                                -1 => p.year(),
                                _ if mo <= p.month() => p.year() + 1,
                                _ => p.year(),
                            };
                            Period::Month(y, mo)
                        });
                        return hit(b, period, PUBLICATION);
                    }
                    return None;
                }
            };
            if w == "past" && s.w(i.wrapping_sub(1)) == "the" {
                return None;
            }
            return hit(k + 1, period, PUBLICATION);
        }
        // `the fourth quarter ... up from 38m in the same period of 2003`:
        // the earlier mention's part of the year, in the year named.
        if w == "the"
            && s.w(i + 1) == "same"
            && matches!(s.w(i + 2), "period" | "quarter" | "half" | "month")
            && matches!(s.w(i + 3), "of" | "in")
        {
            if let Some(y) = self.year_at(s, i + 4) {
                // An unresolved anchor (`the fourth quarter` of an undated
                // page) is read again as if the page were of the year named.
                let anchor = before.last().and_then(|t| {
                    t.period.clone().or_else(|| {
                        let k = s.toks.iter().position(|x| x.s == t.span.start())?;
                        let d = Date::new(y, 6, 15)?;
                        self.ordinal_part(s, k, Some(d))?.period
                    })
                });
                let part = anchor
                    .filter(|a| !matches!(a, Period::Year(_) | Period::Day(_)))
                    .and_then(|a| {
                        let ay = match &a {
                            Period::Half(y, _) | Period::Quarter(y, _) | Period::Month(y, _) => *y,
                            Period::FiscalQuarter(y, _) => *y,
                            _ => return None,
                        };
                        shift_year(&a, y - ay)
                    });
                if let Some(period) = part {
                    return hit(i + 5, Some(period), ANCHOR);
                }
            }
        }
        // a year earlier, a year ago, the previous year: anchored on the text
        if (w == "a" || w == "the")
            && s.w(i + 1) == "year"
            && matches!(s.w(i + 2), "earlier" | "before" | "ago")
        {
            {
                let anchor = before.iter().rev().find_map(|t| t.period.clone());
                let period = anchor.and_then(|a| shift_year(&a, -1));
                let by = if period.is_some() {
                    ANCHOR
                } else {
                    PUBLICATION
                };
                return Some(Hit {
                    b: i + 3,
                    keep: false,
                    period,
                    by: Some(by),
                });
            }
        }
        // the rest of the year, the remainder of 2017
        if w == "the"
            && matches!(s.w(i + 1), "rest" | "remainder" | "balance")
            && s.w(i + 2) == "of"
        {
            if let Some((y, _, b, _)) = self.year_expr(s, i + 3, p) {
                let period = match (y, p) {
                    (Some(y), Some(p)) if y == p.year() && p.month() < 12 => {
                        months_period(mon_index(p) + 1, y * 12 + 11)
                    }
                    (Some(y), Some(p)) if y > p.year() => Some(Period::Year(y)),
                    _ => None,
                };
                return hit(b, period, PUBLICATION);
            }
        }
        // the next 12 months, the past six months, the coming two years
        if s.w(i) == "the" || rel_word(w).is_some() {
            let k = if s.w(i) == "the" { i + 1 } else { i };
            if let (Some(d), Some(nm)) = (rel_word(s.w(k)), small_number(s.w(k + 1))) {
                let nm = nm as i32;
                let unit = s.w(k + 2);
                let months = match unit {
                    "months" => nm,
                    "years" => nm * 12,
                    "quarters" => nm * 3,
                    _ => 0,
                };
                if months > 0 && d != 0 {
                    let period = p.and_then(|p| {
                        let m = mon_index(p);
                        if unit == "years" {
                            let y = p.year();
                            if d > 0 {
                                Some(year_interval(y + 1, y + nm))
                            } else {
                                Some(year_interval(y - nm, y - 1))
                            }
                        } else if d > 0 {
                            months_period(m + 1, m + months)
                        } else {
                            months_period(m - months, m - 1)
                        }
                    });
                    return Some(Hit {
                        b: k + 3,
                        keep: true,
                        period,
                        by: Some(PUBLICATION),
                    });
                }
            }
        }
        // three months to December, the year to November, the six months ended June 30
        if let Some(h) = self.months_to(s, i, p) {
            return Some(h);
        }
        // at the end of 2017, by the end of the year, the start of 2018
        if s.w(i) == "the"
            && matches!(s.w(i + 1), "end" | "start" | "beginning" | "middle")
            && s.w(i + 2) == "of"
        {
            if let Some((y, fiscal, b, by)) = self.year_expr(s, i + 3, p) {
                let per = y.map(|y| {
                    if fiscal {
                        Period::FiscalYear(y)
                    } else {
                        Period::Year(y)
                    }
                });
                return hit(b, per, by);
            }
        }
        // dates with months: September 8, 2017 / 8 September 2017 / September 2017 / in September
        if let Some(h) = self.month_date(s, i, p) {
            return Some(h);
        }
        // years: in 2017, 2016-17
        if let Some(y) = self.year_at(s, i) {
            if self.is_year(s, i, y) {
                if matches!(s.w(i + 1), "-" | "/" | "–")
                    && s.glued(i + 1)
                    && s.is(i + 2, Lx::Num)
                    && s.glued(i + 2)
                    && s.raw(i + 2).len() == 2
                {
                    let y2 = y / 100 * 100 + s.raw(i + 2).parse::<i32>().ok()?;
                    if y2 == y + 1 {
                        return hit(i + 3, Some(year_interval(y, y2)), EXPLICIT);
                    }
                }
                // "the 1990s": a decade, which no period of the grammar names.
                if s.w(i + 1) == "s" && s.glued(i + 1) {
                    return hit(i + 2, None, EXPLICIT);
                }
                return hit(i + 1, Some(Period::Year(y)), EXPLICIT);
            }
        }
        None
    }

    /// Whether the 4-digit number `y` at `i` is used as a year.
    fn is_year(&self, s: &Sent, i: usize, y: i32) -> bool {
        let prev = s.w(i.wrapping_sub(1));
        let prep = (TIME_PREPS.contains(&prev) && !matches!(prev, "of" | "and" | "to"))
            || self.lx.months.contains_key(prev);
        if s.glued(i) && i > 0 && !matches!(prev, "(" | "'" | "\"" | "“") {
            return false;
        }
        let next = s.w(i + 1);
        // `2000 people`, `1,500 euros` (no comma in years), `2017%`
        if s.glued(i + 1)
            && !matches!(
                next,
                "," | "." | ")" | ";" | ":" | "-" | "/" | "–" | "'" | "’" | "′" | "s"
            )
        {
            return false;
        }
        if matches!(next, "-" | "–") && s.is(i + 2, Lx::Num) {
            let other: i32 = s.raw(i + 2).parse().unwrap_or(0);
            if s.raw(i + 2).len() == 4 && !(1000..=2199).contains(&other) {
                return false;
            }
        }
        if prep && (1500..=2199).contains(&y) {
            return true;
        }
        if !(1900..=2100).contains(&y) {
            return false;
        }
        let nw = s.w(i + 1);
        let plural_noun = s.is(i + 1, Lx::Word)
            && nw.len() > 3
            && nw.ends_with('s')
            && !nw.ends_with("ss")
            && !s.cap(i + 1)
            && !self.lx.stop.contains(nw);
        !plural_noun
    }

    /// Quarter `q` or half of the year given by `ye`, or of the year
    /// nearest the publication date.
    fn part(
        &self,
        quarter: bool,
        q: u8,
        ye: Option<(Option<i32>, bool, usize, &'static str)>,
        b: usize,
        p: Option<Date>,
    ) -> Hit {
        let mk = |y: i32, fiscal: bool| {
            if quarter {
                if fiscal {
                    Period::FiscalQuarter(y, q)
                } else {
                    Period::Quarter(y, q)
                }
            } else {
                Period::Half(y, q)
            }
        };
        match ye {
            Some((y, fiscal, e, by)) => Hit {
                b: e,
                keep: false,
                period: y.map(|y| mk(y, fiscal)),
                by: Some(by),
            },
            None => {
                let period = p.map(|p| {
                    let cur = if quarter {
                        p.quarter()
                    } else {
                        p.month().div_ceil(6)
                    };
                    let y = if q <= cur + u8::from(quarter) {
                        p.year()
                    } else {
                        p.year() - 1
                    };
                    mk(y, false)
                });
                Hit {
                    b,
                    keep: false,
                    period,
                    by: Some(PUBLICATION),
                }
            }
        }
    }

    fn ordinal_part(&self, s: &Sent, i: usize, p: Option<Date>) -> Option<Hit> {
        let mut k = i;
        let the = s.w(k) == "the";
        if the {
            k += 1;
        }
        let mut fiscal = false;
        let ord = ord_word(s.w(k))?;
        k += 1;
        if s.w(k) == "fiscal" {
            fiscal = true;
            k += 1;
        }
        // "first-quarter production", "fourth-quarter profits".
        if s.w(k) == "-" && s.glued(k) && s.glued(k + 1) && matches!(s.w(k + 1), "quarter" | "half")
        {
            k += 1;
        }
        let (quarter, q, mut b) = match s.w(k) {
            "quarter" if ord <= 4 || ord == 9 => (true, if ord == 9 { 4 } else { ord }, k + 1),
            "half" if ord <= 2 || ord == 9 => (false, if ord == 9 { 2 } else { ord }, k + 1),
            _ => {
                // first / final three (six, nine) months of
                let nm = small_number(s.w(k))?;
                if s.w(k + 1) != "months" || !matches!(ord, 1 | 9) {
                    return None;
                }
                let e = k + 2;
                let mut kk = e;
                if s.w(kk) == "of" {
                    kk += 1;
                }
                let ye = self.year_expr(s, kk, p);
                let (y, end, by) = match ye {
                    Some((y, _, e2, by)) => (y, e2, by),
                    None => (p.map(|p| p.year()), e, PUBLICATION),
                };
                let period = y.and_then(|y| {
                    let nm = nm as i32;
                    if ord == 1 {
                        months_period(y * 12, y * 12 + nm - 1)
                    } else {
                        months_period(y * 12 + 12 - nm, y * 12 + 11)
                    }
                });
                return Some(Hit {
                    b: end,
                    keep: true,
                    period,
                    by: Some(by),
                });
            }
        };
        // `last quarter` without `the` is the previous quarter, handled elsewhere.
        if ord == 9 && !the {
            return None;
        }
        if matches!(s.w(b), "-") && s.glued(b) && s.w(b + 1) == "year" {
            b += 2;
        }
        let mut kk = b;
        if s.w(kk) == "of" {
            kk += 1;
        }
        let mut ye = self.year_expr(s, kk, p);
        if let Some((y, f, e, by)) = ye {
            ye = Some((y, f || fiscal, e, by));
        } else if s.w(kk) == "fy" || s.w(kk) == "fiscal" {
            ye = None;
        }
        let mut h = self.part(quarter, q, ye, b, p);
        if fiscal && ye.is_none() {
            h.period = None;
        }
        Some(h)
    }

    fn months_to(&self, s: &Sent, i: usize, p: Option<Date>) -> Option<Hit> {
        let mut k = i;
        if s.w(k) == "the" {
            k += 1;
        }
        let n = if s.w(k) == "year" || s.w(k) == "12-month" {
            k += 1;
            12
        } else if let Some(nm) = small_number(s.w(k)) {
            if s.w(k + 1) != "months" {
                return None;
            }
            k += 2;
            nm as i32
        } else if s.w(k) == "quarter" {
            k += 1;
            3
        } else {
            return None;
        };
        if !matches!(s.w(k), "to" | "ended" | "ending" | "through") {
            return None;
        }
        let (m, mut b) = self.month_at(s, k + 1)?;
        if s.is(b, Lx::Num) && s.raw(b).len() <= 2 {
            b += 1;
        }
        if s.w(b) == "," {
            b += 1;
        }
        let (y, by) = match self.year_at(s, b) {
            Some(y) => {
                b += 1;
                (Some(y), EXPLICIT)
            }
            None => {
                if s.w(b.saturating_sub(1)) == "," {
                    b -= 1;
                }
                (
                    p.map(|p| {
                        if m <= p.month() {
                            p.year()
                        } else {
                            p.year() - 1
                        }
                    }),
                    PUBLICATION,
                )
            }
        };
        let period = y.and_then(|y| {
            let end = y * 12 + m as i32 - 1;
            months_period(end - n + 1, end)
        });
        Some(Hit {
            b,
            keep: true,
            period,
            by: Some(by),
        })
    }

    fn month_date(&self, s: &Sent, i: usize, p: Option<Date>) -> Option<Hit> {
        let day_at = |k: usize| -> Option<u8> {
            if !s.is(k, Lx::Num) || s.raw(k).len() > 2 {
                return None;
            }
            let d: u8 = s.raw(k).parse().ok()?;
            (1..=31).contains(&d).then_some(d)
        };
        // 8 September 2017
        if let Some(d) = day_at(i) {
            let mut k = i + 1;
            if matches!(s.w(k), "st" | "nd" | "rd" | "th") && s.glued(k) {
                k += 1;
            }
            if let Some((m, b)) = self.month_at(s, k) {
                return Some(self.day_of(s, b, m, d, p));
            }
            return None;
        }
        let (m, b) = self.month_at(s, i)?;
        let needs_ctx = self.lx.months.get(s.w(i)).is_some_and(|x| x.1);
        // September 8, 2017 / September 8
        if let Some(d) = day_at(b) {
            if !(s.glued(b + 1)
                && s.is(b + 1, Lx::Word)
                && !matches!(s.w(b + 1), "st" | "nd" | "rd" | "th"))
            {
                let mut e = b + 1;
                if matches!(s.w(e), "st" | "nd" | "rd" | "th") && s.glued(e) {
                    e += 1;
                }
                return Some(self.day_of(s, e, m, d, p));
            }
        }
        let mut k = b;
        if s.w(k) == "of" || s.w(k) == "," {
            k += 1;
        }
        if let Some(y) = self.year_at(s, k) {
            return Some(Hit {
                b: k + 1,
                keep: false,
                period: Some(Period::Month(y, m)),
                by: Some(EXPLICIT),
            });
        }
        let prev = s.w(i.wrapping_sub(1));
        if needs_ctx && !TIME_PREPS.contains(&prev) {
            return None;
        }
        if !needs_ctx || TIME_PREPS.contains(&prev) {
            let period = p.map(|p| Period::Month(nearest_year(p, m), m));
            return Some(Hit {
                b,
                keep: false,
                period,
                by: Some(PUBLICATION),
            });
        }
        None
    }

    fn day_of(&self, s: &Sent, b: usize, m: u8, d: u8, p: Option<Date>) -> Hit {
        let mut b = b;
        // `Sept. 20-24`: a range of days in the month.
        if matches!(s.w(b), "-" | "–")
            && s.glued(b)
            && s.is(b + 1, Lx::Num)
            && s.raw(b + 1).len() <= 2
        {
            b += 2;
        }
        let mut k = b;
        if s.w(k) == "," {
            k += 1;
        }
        if let Some(y) = self.year_at(s, k) {
            return Hit {
                b: k + 1,
                keep: false,
                period: Date::new(y, m, d).map(Period::Day),
                by: Some(EXPLICIT),
            };
        }
        let period = p
            .and_then(|p| Date::new(nearest_year(p, m), m, d))
            .map(Period::Day);
        Hit {
            b,
            keep: false,
            period,
            by: Some(PUBLICATION),
        }
    }
}

/// The year that puts month `m` nearest the publication date (ties go to
/// the past).
fn nearest_year(p: Date, m: u8) -> i32 {
    let pm = mon_index(p);
    let mut best = p.year();
    let mut dist = i32::MAX;
    for y in [p.year() - 1, p.year(), p.year() + 1] {
        let d = (y * 12 + m as i32 - 1 - pm).abs();
        if d < dist {
            dist = d;
            best = y;
        }
    }
    best
}

fn year_interval(a: i32, b: i32) -> Period {
    if a == b {
        Period::Year(a)
    } else {
        Period::Interval(Box::new(Period::Year(a)), Box::new(Period::Year(b)))
    }
}

/// The same period `d` years later.
pub(crate) fn shift_year(p: &Period, d: i32) -> Option<Period> {
    Some(match p {
        Period::Year(y) => Period::Year(y + d),
        Period::Half(y, h) => Period::Half(y + d, *h),
        Period::Quarter(y, q) => Period::Quarter(y + d, *q),
        Period::Month(y, m) => Period::Month(y + d, *m),
        Period::Day(x) => Period::Day(Date::new(x.year() + d, x.month(), x.day().min(28))?),
        Period::FiscalYear(y) => Period::FiscalYear(y + d),
        Period::FiscalQuarter(y, q) => Period::FiscalQuarter(y + d, *q),
        Period::Interval(a, b) => {
            Period::Interval(Box::new(shift_year(a, d)?), Box::new(shift_year(b, d)?))
        }
    })
}
