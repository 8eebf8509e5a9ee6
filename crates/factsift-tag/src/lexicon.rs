//! Language data loaded once from the TSV files in `data/`.

use crate::BuildError;
use factsift_core::Bound;

/// FNV-1a maps: the keys are short words, where SipHash dominates lookup time.
pub(crate) type HashMap<K, V> = fnv::FnvHashMap<K, V>;
pub(crate) type HashSet<K> = fnv::FnvHashSet<K>;

/// The direction of a change a number is stated with.
///
/// ```
/// use factsift_tag::{Direction, Tagger};
/// let tagger = Tagger::builder().build()?;
/// let text = "Shares rose 5%.";
/// let q = &tagger.tag_str(text, None).quantities[0];
/// assert_eq!(tagger.direction(text, q), Some(Direction::Up));
/// # Ok::<(), factsift_tag::BuildError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// `rose 5%`, `up 19 cents`, `+0.2%`.
    Up,
    /// `fell 5%`, `down 1%`, `lost 1.1%`.
    Down,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumClass {
    Unit,
    Teen,
    Tens,
    Dozen,
    Ordinal,
    Fraction,
}

#[derive(Clone, Debug)]
pub(crate) struct Currency {
    pub iso: String,
    pub factor: f64,
}

#[derive(Clone, Debug)]
pub(crate) struct Unit {
    pub symbol: String,
}

/// A lookup table keyed by surface form: exact-case keys first, then
/// lowercase ones.
#[derive(Debug)]
pub(crate) struct Table<T> {
    exact: HashMap<String, T>,
    lower: HashMap<String, T>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            exact: HashMap::default(),
            lower: HashMap::default(),
        }
    }
}

impl<T> Table<T> {
    fn insert(&mut self, key: &str, exact: bool, v: T) {
        if exact {
            self.exact.insert(key.to_string(), v);
        } else {
            self.lower.insert(key.to_lowercase(), v);
        }
    }
    /// Looks up `raw` (as written) and `lower` (ASCII-lowercased).
    pub fn get(&self, raw: &str, lower: &str) -> Option<&T> {
        self.exact.get(raw).or_else(|| self.lower.get(lower))
    }
}

/// Word classes of [`Lexicon::starts`]: may start a quantity.
pub(crate) const Q_START: u8 = 1;
/// May start a time expression.
pub(crate) const T_START: u8 = 2;
/// May follow `the` in a time expression (`the second quarter`, `the rest of`).
pub(crate) const T_AFTER_THE: u8 = 4;

/// Words that start time expressions (besides months and numbers).
const TIME_STARTS: [&str; 32] = [
    "this",
    "current",
    "last",
    "previous",
    "past",
    "prior",
    "preceding",
    "next",
    "coming",
    "first",
    "1st",
    "second",
    "2nd",
    "third",
    "3rd",
    "fourth",
    "4th",
    "final",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "nine",
    "twelve",
    "eighteen",
    "q",
    "h",
    "fy",
    "fiscal",
    "12-month",
];

pub(crate) struct Lexicon {
    /// Lowercase word → classes (`Q_START`, ...), one lookup per token.
    pub starts: HashMap<String, u8>,
    /// Per first byte, a bit per key length (63 for 63 and longer) of the
    /// keys of `starts`: most words are ruled out without hashing them.
    pub start_lens: Box<[u64; 256]>,
    pub numbers: HashMap<String, (f64, NumClass)>,
    pub scales: Table<(f64, bool)>,
    pub vague: HashMap<String, (f64, f64)>,
    pub bounds_before: Vec<(Vec<String>, Bound)>,
    /// Last word of a cue in `bounds_before` → the cues' indices, in file
    /// order: one lookup replaces a scan of every cue.
    pub bounds_by_last: HashMap<String, Vec<usize>>,
    pub bounds_after: Vec<(Vec<String>, Bound)>,
    pub change: Vec<(Vec<String>, Option<Direction>)>,
    pub months: HashMap<String, (u8, bool)>,
    pub time_units: HashMap<String, String>,
    /// ISO 4217 code → the country that uses it, to resolve `DKK/NOK`.
    pub currency_countries: HashMap<String, String>,
    pub cur_pre: Table<Currency>,
    /// Lowercase first lexed piece of every currency prefix (`us` of `US$`,
    /// `$`), to skip tokens that cannot start one.
    pub pre_first: HashSet<String>,
    /// Lowercase prefixes of the currency prefixes that end after a lexed
    /// piece, written without spaces (`us`, `us$`), to stop growing early.
    pub pre_prefixes: HashSet<String>,
    pub cur_post: Table<Currency>,
    /// Lowercase first lexed piece of every unit and currency written after
    /// a number (`per` of `per cent`, `%`), to skip numbers no unit follows.
    pub post_first: HashSet<String>,
    /// The most lexed pieces of any such unit or currency (`U.S. cents`: 5).
    pub post_pieces: usize,
    /// Every lowercase prefix of those units that ends after a piece (`u`,
    /// `u.`, `u.s`, `u.s.`, `u.s. cents`), to stop growing a key early.
    pub post_prefixes: HashSet<String>,
    pub units: Table<Unit>,
    pub stop: HashSet<String>,
    /// `737 Max`: capitalised words after a number that make it a name.
    pub name_after: HashSet<String>,
    /// `49 Zorro Ranch Road`: words that end an address after a number.
    pub street: HashSet<String>,
}

/// Data rows of a TSV file: `(line number, fields)`, skipping blank lines
/// and `#` comments.
pub(crate) fn rows<'a>(text: &'a str) -> impl Iterator<Item = (usize, Vec<&'a str>)> + 'a {
    text.lines().enumerate().filter_map(|(n, l)| {
        let l = l.trim_end_matches('\r');
        if l.trim().is_empty() || l.starts_with('#') {
            None
        } else {
            Some((n + 1, l.split('\t').collect()))
        }
    })
}

pub(crate) fn field<'a>(
    file: &str,
    line: usize,
    f: &[&'a str],
    i: usize,
) -> Result<&'a str, BuildError> {
    f.get(i)
        .copied()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| BuildError::Data {
            file: file.to_string(),
            line,
            message: format!("expected at least {} tab-separated fields", i + 1),
        })
}

fn num(file: &str, line: usize, s: &str) -> Result<f64, BuildError> {
    s.parse().map_err(|_| BuildError::Data {
        file: file.to_string(),
        line,
        message: format!("{s:?} is not a number"),
    })
}

fn bound(file: &str, line: usize, s: &str) -> Result<Bound, BuildError> {
    Ok(match s {
        "gt" => Bound::Gt,
        "ge" => Bound::Ge,
        "lt" => Bound::Lt,
        "le" => Bound::Le,
        "approx" => Bound::Approx,
        "eq" => Bound::Eq,
        _ => {
            return Err(BuildError::Data {
                file: file.to_string(),
                line,
                message: format!("unknown bound {s:?} (gt, ge, lt, le, approx, eq)"),
            });
        }
    })
}

fn phrases<T>(
    file: &str,
    text: &str,
    mut f: impl FnMut(&str, usize, &str) -> Result<T, BuildError>,
) -> Result<Vec<(Vec<String>, T)>, BuildError> {
    let mut v = Vec::new();
    for (line, r) in rows(text) {
        let k = field(file, line, &r, 0)?;
        let val = f(file, line, field(file, line, &r, 1)?)?;
        v.push((k.split(' ').map(str::to_lowercase).collect::<Vec<_>>(), val));
    }
    v.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
    Ok(v)
}

macro_rules! data {
    ($name:literal) => {
        ($name, include_str!(concat!("../data/", $name)))
    };
}

impl Lexicon {
    /// Classes of the lowercase word `w`, `0` when none.
    #[inline]
    pub fn start_flags(&self, w: &str) -> u8 {
        let Some(&b) = w.as_bytes().first() else {
            return 0;
        };
        if self.start_lens[usize::from(b)] & (1 << w.len().min(63)) == 0 {
            return 0;
        }
        self.starts.get(w).copied().unwrap_or(0)
    }

    pub fn load() -> Result<Lexicon, BuildError> {
        let (f, t) = data!("numbers.tsv");
        let mut numbers = HashMap::default();
        for (line, r) in rows(t) {
            let class = match field(f, line, &r, 2)? {
                "unit" => NumClass::Unit,
                "teen" => NumClass::Teen,
                "tens" => NumClass::Tens,
                "dozen" => NumClass::Dozen,
                "ordinal" => NumClass::Ordinal,
                "fraction" => NumClass::Fraction,
                c => {
                    return Err(BuildError::Data {
                        file: f.to_string(),
                        line,
                        message: format!("unknown number class {c:?}"),
                    });
                }
            };
            let v = num(f, line, field(f, line, &r, 1)?)?;
            numbers.insert(field(f, line, &r, 0)?.to_string(), (v, class));
        }
        let (f, t) = data!("scales.tsv");
        let mut scales = Table::default();
        for (line, r) in rows(t) {
            let k = field(f, line, &r, 0)?;
            let glued = field(f, line, &r, 2)? == "glued";
            scales.insert(k, glued, (num(f, line, field(f, line, &r, 1)?)?, glued));
        }
        let (f, t) = data!("vague.tsv");
        let mut vague = HashMap::default();
        for (line, r) in rows(t) {
            let lo = num(f, line, field(f, line, &r, 1)?)?;
            let hi = num(f, line, field(f, line, &r, 2)?)?;
            vague.insert(field(f, line, &r, 0)?.to_string(), (lo, hi));
        }
        let (f, t) = data!("bounds.tsv");
        let bounds_before = phrases(f, t, bound)?;
        let mut bounds_by_last: HashMap<String, Vec<usize>> = HashMap::default();
        for (j, (k, _)) in bounds_before.iter().enumerate() {
            if let Some(l) = k.last() {
                bounds_by_last.entry(l.clone()).or_default().push(j);
            }
        }
        let (f, t) = data!("bounds_after.tsv");
        let bounds_after = phrases(f, t, bound)?;
        let (f, t) = data!("change.tsv");
        let change = phrases(f, t, |file, line, s| match s {
            "up" => Ok(Some(Direction::Up)),
            "down" => Ok(Some(Direction::Down)),
            "none" => Ok(None),
            _ => Err(BuildError::Data {
                file: file.to_string(),
                line,
                message: format!("unknown direction {s:?} (up, down, none)"),
            }),
        })?;
        let (f, t) = data!("months.tsv");
        let mut months = HashMap::default();
        for (line, r) in rows(t) {
            let m = num(f, line, field(f, line, &r, 1)?)? as u8;
            let ctx = field(f, line, &r, 2)? == "1";
            months.insert(field(f, line, &r, 0)?.to_string(), (m, ctx));
        }
        let (f, t) = data!("time_units.tsv");
        let mut time_units = HashMap::default();
        for (line, r) in rows(t) {
            time_units.insert(
                field(f, line, &r, 0)?.to_string(),
                field(f, line, &r, 1)?.to_string(),
            );
        }
        let (f, t) = data!("currency_countries.tsv");
        let mut currency_countries = HashMap::default();
        for (line, r) in rows(t) {
            currency_countries.insert(
                field(f, line, &r, 0)?.to_string(),
                field(f, line, &r, 1)?.to_string(),
            );
        }
        let (f, t) = data!("currencies.tsv");
        let mut cur_pre = Table::default();
        let mut cur_post = Table::default();
        for (line, r) in rows(t) {
            let k = field(f, line, &r, 0)?;
            let factor = match r.get(5) {
                Some(x) if !x.is_empty() => num(f, line, x)?,
                _ => 1.0,
            };
            let c = Currency {
                iso: field(f, line, &r, 1)?.to_string(),
                factor,
            };
            let exact = field(f, line, &r, 3)? == "s";
            match field(f, line, &r, 2)? {
                "pre" => cur_pre.insert(k, exact, c),
                _ => cur_post.insert(k, exact, c),
            }
        }
        let mut pre_prefixes = HashSet::default();
        let mut pieces = Vec::new();
        for key in cur_pre.exact.keys().chain(cur_pre.lower.keys()) {
            crate::lex::lex(key, 0, key.len(), &mut pieces);
            let mut prefix = String::new();
            for p in &pieces {
                prefix.push_str(key.get(p.s..p.e).unwrap_or(""));
                pre_prefixes.insert(prefix.to_ascii_lowercase());
                pre_prefixes.insert(prefix.to_lowercase());
            }
        }
        let mut pre_first = HashSet::default();
        for key in cur_pre.exact.keys().chain(cur_pre.lower.keys()) {
            let low = key.to_lowercase();
            let first: String = match low.chars().next() {
                Some(c) if c.is_alphabetic() => {
                    low.chars().take_while(|c| c.is_alphabetic()).collect()
                }
                Some(c) => c.to_string(),
                None => continue,
            };
            pre_first.insert(first);
        }
        let (f, t) = data!("units.tsv");
        let mut units = Table::default();
        for (line, r) in rows(t) {
            let k = field(f, line, &r, 0)?;
            let exact = r.get(3) == Some(&"s");
            units.insert(
                k,
                exact,
                Unit {
                    symbol: field(f, line, &r, 1)?.to_string(),
                },
            );
        }
        let mut post_first = HashSet::default();
        let mut post_pieces = 0;
        let mut post_prefixes = HashSet::default();
        for key in (units.exact.keys().chain(units.lower.keys()))
            .chain(cur_post.exact.keys().chain(cur_post.lower.keys()))
        {
            crate::lex::lex(key, 0, key.len(), &mut pieces);
            post_pieces = post_pieces.max(pieces.len());
            for p in &pieces {
                if let Some(prefix) = key.get(..p.e) {
                    post_prefixes.insert(prefix.to_ascii_lowercase());
                    post_prefixes.insert(prefix.to_lowercase());
                }
            }
            if let Some(first) = pieces.first().and_then(|p| key.get(p.s..p.e)) {
                post_first.insert(first.to_ascii_lowercase());
                post_first.insert(first.to_lowercase());
            }
        }
        let mut starts: HashMap<String, u8> = HashMap::default();
        let q_words = ["a", "an", "half", "no", "number", "top", "bottom"];
        for w in (numbers.keys().chain(vague.keys()).chain(pre_first.iter()))
            .map(String::as_str)
            .chain(q_words)
        {
            *starts.entry(w.to_string()).or_default() |= Q_START;
        }
        for w in months
            .keys()
            .map(String::as_str)
            .chain(TIME_STARTS)
            .chain(["the", "a", "year", "quarter"])
        {
            *starts.entry(w.to_string()).or_default() |= T_START;
        }
        for w in TIME_STARTS.into_iter().chain([
            "year",
            "quarter",
            "rest",
            "remainder",
            "balance",
            "end",
            "start",
            "beginning",
            "middle",
            "same",
        ]) {
            *starts.entry(w.to_string()).or_default() |= T_AFTER_THE;
        }
        let mut start_lens = Box::new([0u64; 256]);
        for k in starts.keys() {
            if let Some(&b) = k.as_bytes().first() {
                start_lens[usize::from(b)] |= 1 << k.len().min(63);
            }
        }
        let (_, t) = data!("stopwords.txt");
        let stop = t
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        let (f, t) = data!("name_words.tsv");
        let mut name_after = HashSet::default();
        let mut street = HashSet::default();
        for (line, r) in rows(t) {
            let w = field(f, line, &r, 0)?.to_string();
            match field(f, line, &r, 1)? {
                "street" => street.insert(w),
                _ => name_after.insert(w),
            };
        }
        Ok(Lexicon {
            starts,
            start_lens,
            name_after,
            street,
            numbers,
            scales,
            vague,
            bounds_before,
            bounds_by_last,
            bounds_after,
            change,
            months,
            time_units,
            currency_countries,
            cur_pre,
            pre_first,
            pre_prefixes,
            cur_post,
            post_first,
            post_pieces,
            post_prefixes,
            units,
            stop,
        })
    }
}
