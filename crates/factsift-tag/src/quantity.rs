//! Numbers, money, percentages, measures, ranks and counts in one sentence.

use crate::lex::Lx;
use crate::lexicon::{Lexicon, NumClass, Q_START};
use crate::sent::Sent;
use factsift_core::{Bound, Quantity, QuantityKind, Span};

/// A bare number: digits or number words.
#[derive(Clone, Copy, Debug)]
struct Atom {
    b: usize,
    value: f64,
    word: bool,
    ordinal: bool,
}

/// A quantity with the token range it covers (`a..b`, cue excluded).
pub(crate) struct Found {
    pub q: Quantity,
    pub a: usize,
    pub b: usize,
}

/// A capitalised name followed by a number (`Galaxy S8`, `Mi 6`): a
/// product or model name rather than a count.
pub(crate) struct Model {
    pub span: Span,
}

#[derive(Default)]
pub(crate) struct Scratch {
    raw: String,
    low: String,
    /// Where to resume after a number that is not a quantity.
    skip: usize,
}

const DASHES: [&str; 3] = ["-", "–", "—"];
const DETERMINERS: [&str; 10] = [
    "the", "its", "his", "her", "their", "those", "these", "our", "my", "your",
];
const IRREGULAR_PLURALS: [&str; 9] = [
    "people",
    "men",
    "women",
    "children",
    "staff",
    "police",
    "cattle",
    "data",
    "personnel",
];
const RATE_WORDS: [&str; 6] = ["per", "a", "an", "each", "every", "/"];

fn plural(w: &str) -> bool {
    (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us"))
        || IRREGULAR_PLURALS.contains(&w)
}

/// `v` times a scale word's multiplier, without the binary residue of the
/// product: `261.9 * 1e6` is 261,900,000, not 261,899,999.99999997.
fn scale_by(v: f64, m: f64) -> f64 {
    let r = v * m;
    if m >= 1000.0 && (r - r.round()).abs() < 1e-6 {
        r.round()
    } else {
        r
    }
}

/// `v` in base units when one unit is worth `f` of the currency: `70` cents
/// at `0.01` is exactly `0.7` (dividing by 100 rounds once; multiplying by
/// 0.01 can be off in the last bit).
fn times(v: f64, f: f64) -> f64 {
    if f > 0.0 && f < 1.0 {
        v / (1.0 / f)
    } else {
        v * f
    }
}

fn parse_digits(s: &str) -> Option<f64> {
    if s.contains(',') {
        let cleaned: String = s.chars().filter(|&c| c != ',').collect();
        cleaned.parse().ok()
    } else {
        s.parse().ok()
    }
}

/// Exponent notation after the digits at `i` (whose value is `v`): `1e400`,
/// `2.5E-3`, `10^6`, each piece glued to the last. Returns the value and the
/// end; the value is infinite when it overflows.
fn exponent(s: &Sent, i: usize, v: f64) -> Option<(f64, usize)> {
    let mark = s.raw(i + 1);
    let caret = mark == "^";
    if !(caret || ((mark == "e" || mark == "E") && s.is(i + 1, Lx::Word))) || !s.glued(i + 1) {
        return None;
    }
    let mut k = i + 2;
    let mut negative = false;
    let signed = matches!(s.w(k), "-" | "−" | "+") && s.glued(k);
    if signed {
        negative = s.w(k) != "+";
        k += 1;
    }
    // `7E7` is a name (Boeing's plane); `1E6` must show it is a number with
    // a decimal point or a signed exponent.
    if mark == "E" && !signed && !s.raw(i).contains('.') {
        return None;
    }
    if !s.is(k, Lx::Num) || !s.glued(k) || s.raw(k).contains([',', '.']) {
        return None;
    }
    // A huge exponent overflows (or underflows) whatever its exact value.
    let value = match s.raw(k).parse::<i32>() {
        Ok(e) if !caret => {
            let e = if negative { -e } else { e };
            // Parsed as written, so `2.5e-3` is the nearest double to 0.0025.
            format!("{v}e{e}").parse().unwrap_or(f64::INFINITY)
        }
        Ok(e) => v.powf(f64::from(if negative { -e } else { e })),
        Err(_) if negative => 0.0,
        Err(_) => f64::INFINITY,
    };
    Some((value, k + 1))
}

pub(crate) struct Quantities<'l> {
    lx: &'l Lexicon,
}

impl<'l> Quantities<'l> {
    pub fn new(lx: &'l Lexicon) -> Self {
        Quantities { lx }
    }

    fn stop(&self, w: &str) -> bool {
        self.lx.stop.contains(w)
    }

    fn number_word(&self, w: &str) -> Option<(f64, NumClass)> {
        self.lx.numbers.get(w).copied()
    }

    /// A cardinal (or ordinal) number starting at token `i`.
    fn atom(&self, s: &Sent, i: usize) -> Option<Atom> {
        if s.used(i) {
            return None;
        }
        match s.kind(i)? {
            Lx::Num => {
                let mut v = parse_digits(s.raw(i))?;
                // `-5 yards`, `minus-130 degrees`, `minus 387`
                if i > 0 {
                    let p = s.w(i - 1);
                    let before = i.wrapping_sub(2);
                    let sign_minus = (p == "-" || p == "−")
                        && s.glued(i)
                        && (!s.glued(i - 1) || s.w(before) == "minus" || s.is(before, Lx::Punct));
                    if sign_minus || (p == "minus" && !s.glued(i)) {
                        v = -v;
                    }
                }
                // `1e400`, `2.5E-3`, `10^999`: one number, infinite when it
                // overflows (the caller then drops it whole).
                if let Some((value, b)) = exponent(s, i, v) {
                    return Some(Atom {
                        b,
                        value,
                        word: false,
                        ordinal: false,
                    });
                }
                // `1/16`
                if matches!(s.w(i + 1), "/" | "⁄")
                    && s.glued(i + 1)
                    && s.is(i + 2, Lx::Num)
                    && s.glued(i + 2)
                {
                    let d = parse_digits(s.raw(i + 2))?;
                    if d != 0.0
                        && !s.raw(i).contains([',', '.'])
                        && !s.raw(i + 2).contains([',', '.'])
                        && d > v
                    {
                        return Some(Atom {
                            b: i + 3,
                            value: v / d,
                            word: false,
                            ordinal: false,
                        });
                    }
                }
                if s.glued(i + 1)
                    && s.is(i + 1, Lx::Word)
                    && matches!(s.w(i + 1), "st" | "nd" | "rd" | "th")
                {
                    return Some(Atom {
                        b: i + 2,
                        value: v,
                        word: false,
                        ordinal: true,
                    });
                }
                Some(Atom {
                    b: i + 1,
                    value: v,
                    word: false,
                    ordinal: false,
                })
            }
            Lx::Word => self.word_atom(s, i),
            Lx::Punct => None,
        }
    }

    fn word_atom(&self, s: &Sent, i: usize) -> Option<Atom> {
        let w = s.w(i);
        let mk = |b: usize, value: f64| Atom {
            b,
            value,
            word: true,
            ordinal: false,
        };
        if w == "a" || w == "an" {
            let n = s.w(i + 1);
            return match n {
                "dozen" => Some(mk(i + 2, 12.0)),
                "third" | "half" | "fifth" | "tenth" if !s.used(i + 1) => {
                    let v = match n {
                        "third" => 1.0 / 3.0,
                        "half" => 0.5,
                        "fifth" => 0.2,
                        _ => 0.1,
                    };
                    Some(mk(i + 2, v))
                }
                "quarter" if s.w(i + 2) == "of" && !s.used(i + 1) => Some(mk(i + 2, 0.25)),
                "hundred" | "thousand" | "million" | "billion" | "trillion" => Some(mk(i + 1, 1.0)),
                _ => None,
            };
        }
        if w == "half" {
            if DASHES.contains(&s.w(i + 1)) && s.glued(i + 1) {
                return None;
            }
            return Some(mk(i + 1, 0.5));
        }
        let (v, class) = self.number_word(w)?;
        match class {
            NumClass::Ordinal => {
                return Some(Atom {
                    b: i + 1,
                    value: v,
                    word: true,
                    ordinal: true,
                });
            }
            NumClass::Fraction | NumClass::Dozen => return None,
            _ => {}
        }
        if w == "one"
            && matches!(
                s.w(i.wrapping_sub(1)),
                "no" | "this" | "that" | "any" | "every" | "each" | "same" | "the" | "which"
            )
        {
            return None;
        }
        if w == "one" && s.w(i + 1) == "another" {
            return None;
        }
        // `five-year`, `four-door`: a compound adjective, not an amount.
        if (i > 0 && DASHES.contains(&s.w(i - 1)) && s.glued(i))
            || (DASHES.contains(&s.w(i + 1))
                && s.glued(i + 1)
                && s.is(i + 2, Lx::Word)
                && s.glued(i + 2)
                && self.number_word(s.w(i + 2)).is_none()
                && !matches!(
                    s.w(i + 2),
                    "cylinder" | "year" | "month" | "day" | "week" | "hour" | "minute"
                ))
        {
            return None;
        }
        let mut v = v;
        let mut b = i + 1;
        if class == NumClass::Tens && DASHES.contains(&s.w(b)) && s.glued(b) {
            if let Some((u, NumClass::Unit)) = self.number_word(s.w(b + 1)) {
                v += u;
                b += 2;
            }
        }
        if s.w(b) == "hundred" {
            v *= 100.0;
            b += 1;
            let mut c = b;
            if s.w(c) == "and" {
                c += 1;
            }
            if let Some((u, cl)) = self.number_word(s.w(c)) {
                if matches!(cl, NumClass::Unit | NumClass::Teen | NumClass::Tens) {
                    let mut add = u;
                    let mut e = c + 1;
                    if cl == NumClass::Tens && DASHES.contains(&s.w(e)) {
                        if let Some((u2, NumClass::Unit)) = self.number_word(s.w(e + 1)) {
                            add += u2;
                            e += 2;
                        }
                    }
                    v += add;
                    b = e;
                }
            }
        }
        if matches!(s.w(b), "thousand" | "million" | "billion")
            && matches!(
                self.number_word(s.w(b + 1)),
                Some((_, NumClass::Unit | NumClass::Teen | NumClass::Tens))
            )
        {
            let scale = match s.w(b) {
                "thousand" => 1e3,
                "million" => 1e6,
                _ => 1e9,
            };
            if let Some(rest) = self.word_atom(s, b + 1) {
                if rest.value < scale && !rest.ordinal {
                    v = v * scale + rest.value;
                    b = rest.b;
                }
            }
        }
        if s.at(b, &["and", "a", "half"]) {
            v += 0.5;
            b += 3;
        }
        let mut f = b;
        if DASHES.contains(&s.w(f)) && s.glued(f) {
            f += 1;
        }
        if let Some((fv, NumClass::Fraction)) = self.number_word(s.w(f)) {
            v *= fv;
            b = f + 1;
        } else if v == 1.0 && matches!(s.w(f), "third" | "fourth" | "fifth" | "tenth") && f == b {
            // `one third`, `one fourth`
            if let Some((d, _)) = self.number_word(s.w(f)) {
                v = 1.0 / d;
                b = f + 1;
            }
        }
        Some(mk(b, v))
    }

    /// Scale words after token `b`: returns the multiplier and the end.
    fn scale(&self, s: &Sent, mut b: usize, digits: bool) -> (f64, usize) {
        let mut m = 1.0;
        while b < s.len() && s.is(b, Lx::Word) {
            match self.lx.scales.get(s.raw(b), s.w(b)) {
                Some(&(x, glued_only)) if !glued_only || (digits && s.glued(b)) => {
                    // `5m` is a scale but `5m-long` or `5 m` is not.
                    if glued_only && s.glued(b + 1) && !s.is(b + 1, Lx::Punct) {
                        break;
                    }
                    m *= x;
                    b += 1;
                }
                _ => break,
            }
        }
        (m, b)
    }

    /// A currency written before a number at `i`: the ISO code, factor and
    /// the index of the number.
    fn cur_prefix(&self, s: &Sent, i: usize, sc: &mut Scratch) -> Option<(String, usize)> {
        if !self.lx.pre_first.contains(s.w(i)) {
            return None;
        }
        // Grow the prefix a piece at a time while it starts a known one;
        // the longest that fits wins.
        sc.raw.clear();
        sc.low.clear();
        let mut spaced = false;
        let mut best = None;
        for n in 1..=3 {
            let k = i + n - 1;
            if i + n >= s.len() {
                break;
            }
            if k > i && !s.glued(k) {
                spaced = true;
            }
            sc.raw.push_str(s.raw(k));
            sc.low.push_str(s.w(k));
            if n > 1 && !self.lx.pre_prefixes.contains(sc.low.as_str()) {
                break;
            }
            let mut next = i + n;
            if s.w(next) == "-" && s.glued(next) && s.is(next + 1, Lx::Num) && s.glued(next + 1) {
                next += 1;
            }
            let starts_number = s.is(next, Lx::Num)
                || (s.is(next, Lx::Word) && self.number_word(s.w(next)).is_some());
            if !starts_number {
                continue;
            }
            if let Some(c) = self.lx.cur_pre.get(&sc.raw, &sc.low) {
                let letters = sc.raw.chars().filter(|c| c.is_alphabetic()).count();
                // A spaced prefix must start with a code of two or more letters
                // (`US $58`), and a letter-only prefix must touch the number
                // (`PS6m`, `Rs500`) unless it is a known multi-letter code.
                if spaced && s.raw(i).chars().count() < 2 && (s.raw(i) == "A" || !s.cap(i)) {
                    continue;
                }
                if letters > 0
                    && letters == sc.raw.chars().count()
                    && letters < 3
                    && !s.glued(next)
                    && !sc.raw.ends_with('.')
                    && sc.low != "rs"
                {
                    continue;
                }
                best = Some((c, next));
            }
        }
        best.map(|(c, next)| (c.iso.clone(), next))
    }

    /// Whether a digit number at `a` reads as part of a name (`Galaxy S8`,
    /// `S&P 500`, `TA-35`, `Windows 10`).
    fn model_name(&self, s: &Sent, a: usize) -> Option<usize> {
        if a == 0 {
            return None;
        }
        if s.is(a, Lx::Word) {
            // `BBC One`, `Kick Six`: a capitalised number word inside a name.
            if !(s.cap(a) && s.is(a - 1, Lx::Word) && s.cap(a - 1) && !self.stop(s.w(a - 1))) {
                return None;
            }
        } else if !s.is(a, Lx::Num) {
            return None;
        }
        let mut p = a - 1;
        let mut hyphen = false;
        if DASHES.contains(&s.w(p)) && s.glued(a) && p > 0 {
            let caps = s.raw(p - 1).chars().all(|c| c.is_uppercase()) && s.raw(p - 1).len() >= 2;
            if s.glued(p) || caps {
                p -= 1;
                hyphen = s.glued(p + 1);
                if caps && !hyphen {
                    return Some(p);
                }
            }
        }
        if !s.is(p, Lx::Word) {
            return None;
        }
        let raw = s.raw(p);
        let w = s.w(p);
        let glued_name = (s.glued(a) && !hyphen) || (hyphen && s.glued(p + 1));
        if glued_name && !matches!(w, "q" | "h" | "fy" | "mid" | "pre" | "post" | "top" | "no") {
            if self.lx.cur_pre.get(raw, w).is_some() {
                return None;
            }
            // `Galaxy S8`: the name goes on to the left.
            let mut start = p;
            while start > 0
                && s.is(start - 1, Lx::Word)
                && s.cap(start - 1)
                && !self.stop(s.w(start - 1))
                && !s.w(start - 1).contains(['\'', '’'])
            {
                start -= 1;
            }
            return Some(start);
        }
        if !raw.chars().any(char::is_uppercase) {
            return None;
        }
        if self.stop(w)
            || self.lx.months.contains_key(w)
            || self.lx.numbers.contains_key(w)
            || self.lx.cur_pre.get(raw, w).is_some()
            || self
                .lx
                .bounds_before
                .iter()
                .any(|(k, _)| k.len() == 1 && k[0] == w)
            || self
                .lx
                .change
                .iter()
                .any(|(k, _)| k.len() == 1 && k[0] == w)
            || matches!(
                w,
                "no" | "number" | "top" | "q" | "h" | "fy" | "between" | "from"
            )
        {
            return None;
        }
        // Walk back over the capitalised name.
        let mut start = p;
        while start > 0 {
            let q = start - 1;
            if (s.is(q, Lx::Word)
                && s.cap(q)
                && !self.stop(s.w(q))
                && !s.w(q).contains(['\'', '’']))
                || (s.w(q) == "&" && s.glued(q + 1))
            {
                start = q;
            } else {
                break;
            }
        }
        Some(start)
    }

    /// All quantities of one sentence.
    pub fn find(&self, s: &Sent, sc: &mut Scratch, out: &mut Vec<Found>, models: &mut Vec<Model>) {
        let n = s.len();
        let mut i = 0;
        while i < n {
            if s.used(i) {
                i += 1;
                continue;
            }
            sc.skip = 0;
            match self.at(s, i, sc, models) {
                Some(f) => {
                    i = f.b.max(i + 1);
                    out.push(f);
                }
                None => i = sc.skip.max(i + 1),
            }
        }
        self.link_conversions(s, out);
    }

    /// Whether token `i` can start a quantity at all (a cheap filter).
    fn may_start(&self, s: &Sent, i: usize) -> bool {
        s.flag(i, Q_START)
    }

    fn at(&self, s: &Sent, i: usize, sc: &mut Scratch, models: &mut Vec<Model>) -> Option<Found> {
        if !self.may_start(s, i) {
            return None;
        }
        // The most frequent candidates, `a` and `an`, start an amount only
        // as `a dozen`, `a third`, `a million` or `A$5`.
        if matches!(s.w(i), "a" | "an")
            && !matches!(
                s.w(i + 1),
                "$" | "dozen"
                    | "third"
                    | "half"
                    | "fifth"
                    | "tenth"
                    | "quarter"
                    | "hundred"
                    | "thousand"
                    | "million"
                    | "billion"
                    | "trillion"
            )
        {
            return None;
        }
        // Ranks: `No. 1`, `number one`, `top three`.
        if let Some(f) = self.rank(s, i) {
            return Some(f);
        }
        if let Some(f) = self.vague(s, i, sc) {
            return Some(f);
        }
        let (mut currency, j) = match self.cur_prefix(s, i, sc) {
            Some((c, j)) => (Some(c), j),
            None => (None, i),
        };
        let atom = self.atom(s, j)?;
        if s.used(j) {
            return None;
        }
        // `10^999`, a thousand digits: no quantity, and none of its parts.
        if !atom.value.is_finite() {
            sc.skip = atom.b;
            return None;
        }
        if atom.ordinal {
            // `first-quarter`, `third-year`: a time, no rank.
            if DASHES.contains(&s.w(atom.b))
                && s.glued(atom.b)
                && matches!(
                    s.w(atom.b + 1),
                    "quarter" | "half" | "year" | "month" | "week" | "day" | "time"
                )
            {
                return None;
            }
            return Some(self.ordinal(s, i, atom));
        }
        if !atom.word {
            // Times of day, scores and clock readings: `17:22`, `1:36.6`.
            if s.w(atom.b) == ":" && s.is(atom.b + 1, Lx::Num) && s.glued(atom.b + 1) {
                let mut b = atom.b + 2;
                while s.w(b) == ":" && s.is(b + 1, Lx::Num) {
                    b += 2;
                }
                sc.skip = b;
                return None;
            }
            if matches!(
                s.w(atom.b),
                "am" | "pm" | "gmt" | "bst" | "edt" | "est" | "et" | "pt"
            ) || (s.w(atom.b) == "a" && s.w(atom.b + 1) == "." && s.w(atom.b + 2) == "m")
                || (s.w(atom.b) == "p" && s.w(atom.b + 1) == "." && s.w(atom.b + 2) == "m")
            {
                return None;
            }
            if j > 0 && s.w(j - 1) == ":" && s.glued(j) && s.is(j.wrapping_sub(2), Lx::Num) {
                return None;
            }
        }
        if !atom.word {
            // `1.99×10−30`: scientific notation is left alone.
            if matches!(s.w(atom.b), "×" | "x") && s.w(atom.b + 1) == "10" {
                let mut b = atom.b + 2;
                while b < s.len()
                    && (s.is(b, Lx::Num) || matches!(s.w(b), "-" | "−" | "^"))
                    && s.glued(b)
                {
                    b += 1;
                }
                sc.skip = b;
                return None;
            }
            // `737 Max jets`, `49 Zorro Ranch Road`: part of a name.
            let mut k = atom.b;
            let mut caps = 0;
            while caps < 4 && s.is(k, Lx::Word) && s.cap(k) {
                if (caps == 0 && self.lx.name_after.contains(s.w(k)))
                    || (caps > 0 && self.lx.street.contains(s.w(k)))
                {
                    sc.skip = k + 1;
                    return None;
                }
                caps += 1;
                k += 1;
            }
        }
        // `Dak Prescott (4)`: a shirt number or reference after a name.
        if !atom.word
            && j >= 2
            && s.w(j - 1) == "("
            && s.w(atom.b) == ")"
            && s.is(j - 2, Lx::Word)
            && s.cap(j - 2)
        {
            sc.skip = atom.b;
            return None;
        }
        if currency.is_none()
            && self.scale(s, atom.b, !atom.word).0 == 1.0
            && self.suffix_unit(s, atom.b, sc).is_none()
        {
            if let Some(start) = self.model_name(s, j) {
                let mut b = atom.b;
                loop {
                    if s.glued(b) && s.is(b, Lx::Word) {
                        b += 1;
                    } else if DASHES.contains(&s.w(b))
                        && s.glued(b)
                        && s.is(b + 1, Lx::Num)
                        && s.glued(b + 1)
                    {
                        b += 2;
                    } else {
                        break;
                    }
                }
                models.push(Model {
                    span: s.span(start, b),
                });
                sc.skip = b;
                return None;
            }
        }
        let (m, mut b) = self.scale(s, atom.b, !atom.word);
        let mut value = scale_by(atom.value, m);
        let scaled = m != 1.0;
        // `$75 U.S.`, `$76 US`
        if currency.as_deref() == Some("USD") && matches!(s.raw(b), "US" | "U") {
            if s.raw(b) == "US" {
                b += 1;
            } else if s.at(b + 1, &[".", "s", "."]) {
                b += 4;
            }
        }
        let mut kind = if currency.is_some() {
            QuantityKind::Money
        } else {
            QuantityKind::Count
        };
        let mut unit = currency.clone().unwrap_or_default();
        if currency.is_none() {
            if let Some((k, u, f, e)) = self.suffix_unit(s, b, sc) {
                kind = k;
                unit = u;
                value = times(value, f);
                b = e;
                if kind == QuantityKind::Money {
                    currency = Some(unit.clone());
                }
            }
        }
        let mut bound = Bound::Eq;
        let mut value_max = None;
        // Ranges: `10-15 million`, `$4.2bn to $4.35bn`, `between 5 and 7`.
        let between = i > 0 && s.w(i - 1) == "between";
        let sep = s.w(b);
        let is_sep = (DASHES.contains(&sep)
            && (atom.word || s.is(b + 1, Lx::Num) || s.glued(b + 1)))
            || (sep == "to"
                && (!self.change_before(s, i) || (kind == QuantityKind::Count && unit.is_empty())))
            || (sep == "and" && between)
            || (sep == "/"
                && currency.is_some()
                && s.glued(b)
                && self.cur_prefix(s, b + 1, sc).is_some());
        if is_sep && b > atom.b.saturating_sub(1) {
            let k = b + 1;
            let (cur2, j2) = match self.cur_prefix(s, k, sc) {
                Some((c, j2)) => (Some(c), j2),
                None => (None, k),
            };
            if let Some(a2) = self
                .atom(s, j2)
                .filter(|a| !a.ordinal && (a.word == atom.word || !DASHES.contains(&sep)))
            {
                let compatible = cur2.is_none() || cur2 == currency;
                let not_model = cur2.is_some() || self.model_name(s, j2).is_none();
                if compatible && not_model {
                    let (m2, mut b2) = self.scale(s, a2.b, !a2.word);
                    let mut v2 = scale_by(a2.value, m2);
                    let mut ok = true;
                    if currency.is_none() && cur2.is_none() {
                        if let Some((k2, u2, f2, e2)) = self.suffix_unit(s, b2, sc) {
                            if kind == QuantityKind::Count && unit.is_empty() {
                                kind = k2;
                                unit = u2;
                                value = times(value, f2);
                                v2 = times(v2, f2);
                                b2 = e2;
                            } else if u2 == unit {
                                v2 = times(v2, f2);
                                b2 = e2;
                            } else {
                                ok = false;
                            }
                        }
                    }
                    // `boost net income by 400m euros to 2.5bn euros`: after
                    // `by`, whatever the verb, an amount with its unit and a
                    // far larger one are a change, then the level it reached;
                    // a range is narrow (`cut profits by $3.8m to $4.9m`).
                    let by_change = sep == "to"
                        && i > 0
                        && s.w(i - 1) == "by"
                        && !(kind == QuantityKind::Count && unit.is_empty())
                        && v2 * if scaled || m2 == 1.0 { 1.0 } else { m2 } > 2.0 * value;
                    if ok && !by_change {
                        if !scaled && m2 != 1.0 && atom.value <= a2.value {
                            value *= m2;
                        }
                        if let Some(c2) = cur2 {
                            kind = QuantityKind::Money;
                            unit = c2;
                        }
                        let (lo, hi) = if value <= v2 {
                            (value, v2)
                        } else {
                            (v2, value)
                        };
                        value = lo;
                        value_max = Some(hi);
                        bound = Bound::Range;
                        b = b2;
                    }
                }
            }
        }
        if kind == QuantityKind::Count && unit.is_empty() {
            unit = "count".to_string();
        }
        let mut q = Quantity {
            span: s.span(i, b),
            kind,
            value,
            value_max,
            unit,
            bound,
            vague: false,
            cue: None,
            noun: None,
            per: None,
            conversion_of: None,
        };
        let b = self.tail(s, &mut q, atom, b);
        // The rate belongs to the unit: `$9.99 per month`.
        if q.per.is_some() {
            q.span = s.span(i, b);
        }
        // A sign belongs to the number: `-5 degrees`.
        let mut i = i;
        if currency.is_none()
            && value_max.is_none()
            && q.value < 0.0
            && i > 0
            && matches!(s.w(i - 1), "-" | "−")
        {
            i -= 1;
            q.span = s.span(i, b).cover(q.span);
        }
        // ... and so does its word: `minus 387`, `minus-130 degrees`.
        if currency.is_none()
            && value_max.is_none()
            && q.value < 0.0
            && i > 0
            && s.w(i - 1) == "minus"
        {
            i -= 1;
            q.span = s.span(i, b).cover(q.span);
        }
        if q.bound == Bound::Eq {
            if let Some((bd, cue)) = self.cue_before(s, i, q.value) {
                q.bound = bd;
                q.cue = Some(cue);
            }
        } else if q.bound == Bound::Range && q.cue.is_none() {
            // `about 2000 - 2500 calories`: the range stays a range, its
            // cue says it is approximate.
            if let Some((Bound::Approx, cue)) = self.cue_before(s, i, q.value) {
                q.cue = Some(cue);
            }
        }
        // `9.9e300 billion`: a value that overflows is no quantity.
        if !q.value.is_finite() || q.value_max.is_some_and(|v| !v.is_finite()) {
            sc.skip = b;
            return None;
        }
        Some(Found { q, a: i, b })
    }

    /// Rate, counted noun and trailing bound cue after the number.
    fn tail(&self, s: &Sent, q: &mut Quantity, atom: Atom, mut b: usize) -> usize {
        // Rates: `per month`, `a year`, `/month`, `annually`.
        if RATE_WORDS.contains(&s.w(b)) {
            if let Some(p) = self.lx.time_units.get(s.w(b + 1)) {
                if !matches!(
                    s.w(b + 2),
                    "ago" | "earlier" | "before" | "later" | "after" | "on"
                ) {
                    q.per = Some(p.clone());
                    b += 2;
                }
            } else if q.kind == QuantityKind::Money
                && matches!(s.w(b), "per" | "a" | "an" | "/")
                && s.is(b + 1, Lx::Word)
                && !self.stop(s.w(b + 1))
            {
                let mut sc = Scratch::default();
                let e = match self.suffix_unit(s, b + 1, &mut sc) {
                    Some((QuantityKind::Measure, _, _, e)) => e,
                    _ => b + 2,
                };
                q.noun = Some(s.span(b + 1, e));
                b = e;
            }
        } else if s.w(b).ends_with("ly") || s.w(b) == "annually" {
            if let Some(p) = self.lx.time_units.get(s.w(b)) {
                q.per = Some(p.clone());
                b += 1;
            }
        }
        if q.kind == QuantityKind::Count && q.noun.is_none() {
            let mut j = b;
            if s.w(j) == "of"
                && (atom.word && atom.value == 1.0 || DETERMINERS.contains(&s.w(j + 1)))
            {
                j += 1;
                if DETERMINERS.contains(&s.w(j)) {
                    j += 1;
                }
                if matches!(s.w(j), "most" | "least") {
                    j += 1;
                }
            } else if matches!(s.w(j), "more" | "other" | "additional" | "extra" | "new") {
                j += 1;
            }
            let start = j;
            let mut words = 0;
            while words < 3 && s.is(j, Lx::Word) && !self.stop(s.w(j)) {
                if self.lx.months.contains_key(s.w(j)) && s.cap(j) {
                    break;
                }
                // `73 raising`, `1000 come from`: a verb, not a noun.
                let w = s.w(j);
                let continues = s.is(j + 1, Lx::Word) && !self.stop(s.w(j + 1));
                if words == 0
                    && !continues
                    && (w.ends_with("ing") || w.ends_with("ed") || w.ends_with("er"))
                    && !plural(w)
                {
                    break;
                }
                words += 1;
                j += 1;
                if plural(s.w(j - 1)) {
                    break;
                }
                if DASHES.contains(&s.w(j)) && s.glued(j) && s.is(j + 1, Lx::Word) && s.glued(j + 1)
                {
                    j += 1;
                }
            }
            if words > 0 {
                q.noun = Some(s.span(start, j));
            }
        }
        if q.bound == Bound::Eq {
            for (k, bd) in &self.lx.bounds_after {
                if k.iter().enumerate().all(|(x, w)| s.w(b + x) == w) {
                    q.bound = *bd;
                    q.cue = Some(s.span(b, b + k.len()));
                    break;
                }
            }
        }
        b
    }

    /// The bound cue ending right before token `i`, with its span.
    fn cue_before(&self, s: &Sent, mut i: usize, value: f64) -> Option<(Bound, Span)> {
        // `about minus 387`: the sign word is part of the number.
        if value < 0.0 && i > 0 && s.w(i - 1) == "minus" {
            i -= 1;
        }
        // The word just before rules out almost every cue: compare it first.
        let prev = s.w(i.wrapping_sub(1));
        for &j in self.lx.bounds_by_last.get(prev)? {
            let (k, bd) = &self.lx.bounds_before[j];
            if s.ends_before(i, k) {
                return Some((*bd, s.span(i - k.len(), i)));
            }
        }
        None
    }

    fn change_before(&self, s: &Sent, i: usize) -> bool {
        let mut p = i;
        // "rose by 5% to", "had risen from £1m to £1.2m": a move, no range.
        if p > 0 && matches!(s.w(p - 1), "by" | "from") {
            p -= 1;
        }
        let prev = s.w(p.wrapping_sub(1));
        self.lx
            .change
            .iter()
            .find(|(k, _)| k.last().is_some_and(|l| l == prev) && s.ends_before(p, k))
            .is_some_and(|(_, d)| d.is_some())
    }

    /// Percent, currency or physical unit written after the number at `b`:
    /// `(kind, unit, factor, end)`.
    fn suffix_unit(
        &self,
        s: &Sent,
        b: usize,
        sc: &mut Scratch,
    ) -> Option<(QuantityKind, String, f64, usize)> {
        // Every unit's first piece is known: most numbers are followed by
        // none, and need no lookup keys built.
        if !self.lx.post_first.contains(s.w(b)) {
            return None;
        }
        // Grow the key a piece at a time while it is the start of some unit;
        // the longest unit wins, a physical unit before a currency.
        sc.raw.clear();
        sc.low.clear();
        let mut best = None;
        for n in 1..=self.lx.post_pieces {
            let k = b + n - 1;
            if k >= s.len() {
                break;
            }
            if n > 1 && !s.glued(k) {
                sc.raw.push(' ');
                sc.low.push(' ');
            }
            sc.raw.push_str(s.raw(k));
            sc.low.push_str(s.w(k));
            if n > 1 && !self.lx.post_prefixes.contains(sc.low.as_str()) {
                break;
            }
            // `5.2 litre` yes, `the 5 s` no: letter units of one character
            // must touch the number.
            let mut chars = sc.raw.chars();
            let single_letter =
                chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none();
            if single_letter && !s.glued(b) {
                continue;
            }
            if let Some(u) = self.lx.units.get(&sc.raw, &sc.low) {
                best = Some((Ok(u), b + n));
            } else if let Some(c) = self.lx.cur_post.get(&sc.raw, &sc.low) {
                best = Some((Err(c), b + n));
            }
        }
        match best? {
            (Ok(u), e) => {
                let kind = match u.symbol.as_str() {
                    "%" => QuantityKind::Percent,
                    "pp" => QuantityKind::PercentagePoints,
                    _ => QuantityKind::Measure,
                };
                let unit = match kind {
                    QuantityKind::Percent => "percent".to_string(),
                    _ => u.symbol.clone(),
                };
                Some((kind, unit, 1.0, e))
            }
            (Err(c), e) => Some((QuantityKind::Money, c.iso.clone(), c.factor, e)),
        }
    }

    fn ordinal(&self, s: &Sent, i: usize, atom: Atom) -> Found {
        let mut b = atom.b;
        // `second-largest`, `third-biggest`
        if DASHES.contains(&s.w(b)) && s.glued(b) && s.is(b + 1, Lx::Word) {
            b += 2;
        }
        Found {
            q: rank(s.span(i, b), atom.value, Bound::Eq, None),
            a: i,
            b,
        }
    }

    fn rank(&self, s: &Sent, i: usize) -> Option<Found> {
        let w = s.w(i);
        let (num_at, bound) = if (s.raw(i) == "No" || s.raw(i) == "no") && s.w(i + 1) == "." {
            (i + 2, Bound::Eq)
        } else if w == "number" {
            (i + 1, Bound::Eq)
        } else if w == "top" || w == "bottom" {
            (i + 1, Bound::Le)
        } else {
            return None;
        };
        let a = self.atom(s, num_at).filter(|a| !a.ordinal)?;
        if a.value < 1.0 || a.value > 1000.0 || a.value.fract() != 0.0 {
            return None;
        }
        if w == "top" && !s.is(a.b, Lx::Word) {
            return None;
        }
        let cue = if bound == Bound::Le {
            Some(s.span(i, i + 1))
        } else {
            None
        };
        Some(Found {
            q: rank(s.span(i, a.b), a.value, bound, cue),
            a: i,
            b: a.b,
        })
    }

    /// `dozens of`, `thousands of`, `tens of thousands of`.
    fn vague(&self, s: &Sent, i: usize, sc: &mut Scratch) -> Option<Found> {
        let (mut lo, mut hi) = *self.lx.vague.get(s.w(i))?;
        if s.w(i + 1) != "of" {
            return None;
        }
        let mut b = i + 2;
        if let Some(&(l2, _)) = self.lx.vague.get(s.w(b)) {
            if s.w(b + 1) == "of" && l2 >= 100.0 {
                lo *= l2;
                hi *= l2;
                b += 2;
            }
        }
        let mut q = Quantity {
            span: s.span(i, b - 1),
            kind: QuantityKind::Count,
            value: lo,
            value_max: Some(hi),
            unit: "count".to_string(),
            bound: Bound::Range,
            vague: true,
            cue: Some(s.span(i, b)),
            noun: None,
            per: None,
            conversion_of: None,
        };
        if let Some((QuantityKind::Money, iso, f, e)) = self.suffix_unit(s, b, sc) {
            q.kind = QuantityKind::Money;
            q.unit = iso;
            q.value = times(q.value, f);
            q.value_max = Some(times(hi, f));
            q.span = s.span(i, e);
            return Some(Found { q, a: i, b: e });
        }
        let atom = Atom {
            b,
            value: lo,
            word: true,
            ordinal: false,
        };
        let b = self.tail(s, &mut q, atom, b);
        Some(Found { q, a: i, b })
    }

    /// Links `895.4 reais ($332; £179.3)` conversions to their original.
    fn link_conversions(&self, s: &Sent, found: &mut [Found]) {
        for k in 1..found.len() {
            let a = found[k].a;
            if a == 0 {
                continue;
            }
            let open = s.w(a - 1);
            let prev = &found[k - 1];
            let linked = if open == "(" && prev.b + 1 == a {
                Some(k - 1)
            } else if matches!(open, ";" | "," | "/") && prev.b + 1 == a {
                prev.q.conversion_of.map(|_| k - 1)
            } else {
                None
            };
            if let Some(p) = linked {
                let root = found[p].q.conversion_of.unwrap_or(p);
                let same_kind = found[root].q.kind == found[k].q.kind;
                if same_kind {
                    found[k].q.conversion_of = Some(root);
                    // A conversion states the same amount: same bound.
                    if found[k].q.bound == Bound::Eq && found[root].q.bound != Bound::Range {
                        found[k].q.bound = found[root].q.bound;
                        found[k].q.cue = found[root].q.cue;
                    }
                }
            }
        }
        // `rose to 77m euros, up from 38m`: a bare amount compared with
        // the money figure before it in the sentence is in that currency.
        let mut money: Option<usize> = None;
        for k in 0..found.len() {
            if found[k].q.kind == QuantityKind::Money {
                // `77m euros ($100m), up from 38m`: the original, not its
                // conversion.
                money = Some(found[k].q.conversion_of.unwrap_or(k));
                continue;
            }
            let Some(m) = money else { continue };
            let a = found[k].a;
            if found[k].q.kind == QuantityKind::Count
                && found[k].q.noun.is_none()
                && found[k].q.per.is_none()
                && a > 0
                && matches!(s.w(a - 1), "from" | "against" | "versus" | "vs")
                && found[m].q.per.is_none()
            {
                let unit = found[m].q.unit.clone();
                let x = &mut found[k].q;
                x.kind = QuantityKind::Money;
                x.unit = unit;
            }
        }
        // `eight or nine euros`: the first number shares the second's unit.
        for k in (0..found.len().saturating_sub(1)).rev() {
            let (x, y) = (&found[k], &found[k + 1]);
            if x.q.kind == QuantityKind::Count
                && x.q.noun.is_none()
                && y.q.kind != QuantityKind::Count
                && y.q.kind != QuantityKind::Rank
                && ((y.a == x.b + 1 && matches!(s.w(x.b), "or" | "and" | "to"))
                    || (y.a == x.b + 2
                        && s.w(x.b) == "-"
                        && matches!(s.w(x.b + 1), "or" | "and" | "to")))
            {
                let (kind, unit, per) = (y.q.kind, y.q.unit.clone(), y.q.per.clone());
                let x = &mut found[k].q;
                x.kind = kind;
                x.unit = unit;
                x.per = per;
            }
        }
    }
}

fn rank(span: Span, value: f64, bound: Bound, cue: Option<Span>) -> Quantity {
    Quantity {
        span,
        kind: QuantityKind::Rank,
        value,
        value_max: None,
        unit: "rank".to_string(),
        bound,
        vague: false,
        cue,
        noun: None,
        per: None,
        conversion_of: None,
    }
}
