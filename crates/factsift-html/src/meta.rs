//! Page metadata: publication dates from meta tags, JSON-LD and `<time>`.

use factsift_core::Date;
use std::collections::HashMap;
use std::sync::OnceLock;

const DATE_META_TSV: &str = include_str!("../data/date_meta.tsv");
const MONTHS_TSV: &str = include_str!("../data/months.tsv");

/// Rank of a JSON-LD `datePublished` of an article-like object.
pub(crate) const RANK_JSONLD_ARTICLE: u8 = 0;
/// Rank of a JSON-LD `datePublished` of another object.
pub(crate) const RANK_JSONLD_OTHER: u8 = 1;
/// Rank of a `<time pubdate>` or an element with `itemprop=datePublished`.
pub(crate) const RANK_TIME_PUBDATE: u8 = 1;
/// Rank of a JSON-LD `dateCreated`.
pub(crate) const RANK_JSONLD_CREATED: u8 = 2;
/// Rank of a `<time datetime>` inside `<article>`.
pub(crate) const RANK_TIME_ARTICLE: u8 = 3;
/// Rank of any other `<time datetime>`.
pub(crate) const RANK_TIME_OTHER: u8 = 4;

/// Parsed word lists, loaded once.
pub(crate) struct Lexicon {
    date_meta: HashMap<String, u8>,
    /// `*part*` lines: keys containing `part` give a date of that rank...
    date_meta_parts: Vec<(String, u8)>,
    /// ... unless they contain one of these (`!part` lines).
    date_meta_excludes: Vec<String>,
    months: HashMap<String, u8>,
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    /// The built-in lexicon, plus `extra_date_meta` lines (`key<TAB>rank`).
    pub(crate) fn parse(extra_date_meta: &str) -> Result<Lexicon, (usize, String)> {
        let mut date_meta = HashMap::new();
        let mut date_meta_parts = Vec::new();
        let mut date_meta_excludes = Vec::new();
        for (source, text) in [(0usize, DATE_META_TSV), (1, extra_date_meta)] {
            for (n, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                if let Some(part) = line.strip_prefix('!') {
                    date_meta_excludes.push(part.trim().to_ascii_lowercase());
                    continue;
                }
                let mut parts = line.split('\t');
                let key = parts.next().unwrap_or("").trim().to_ascii_lowercase();
                let rank = parts.next().and_then(|r| r.trim().parse::<u8>().ok());
                match rank {
                    Some(rank) if key.len() > 2 && key.starts_with('*') && key.ends_with('*') => {
                        date_meta_parts.push((key[1..key.len() - 1].to_string(), rank));
                    }
                    Some(rank) if !key.is_empty() => {
                        date_meta.insert(key, rank);
                    }
                    _ if source == 1 => return Err((n + 1, line.to_string())),
                    _ => {}
                }
            }
        }
        let mut months = HashMap::new();
        for line in data_lines(MONTHS_TSV) {
            let mut parts = line.split('\t');
            let Some(m) = parts.next().and_then(|m| m.parse::<u8>().ok()) else {
                continue;
            };
            for name in parts.next().unwrap_or("").split_whitespace() {
                months.insert(name.to_string(), m);
            }
        }
        Ok(Lexicon {
            date_meta,
            date_meta_parts,
            date_meta_excludes,
            months,
        })
    }

    /// The built-in lexicon.
    pub(crate) fn default_ref() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            Lexicon::parse("").unwrap_or_else(|_| Lexicon {
                date_meta: HashMap::new(),
                date_meta_parts: Vec::new(),
                date_meta_excludes: Vec::new(),
                months: HashMap::new(),
            })
        })
    }

    /// The rank of a meta key (already lowercase), if it names a date.
    pub(crate) fn date_meta_rank(&self, key: &str) -> Option<u8> {
        if let Some(&rank) = self.date_meta.get(key) {
            return Some(rank);
        }
        if self
            .date_meta_excludes
            .iter()
            .any(|x| key.contains(x.as_str()))
        {
            return None;
        }
        self.date_meta_parts
            .iter()
            .filter(|(part, _)| key.contains(part.as_str()))
            .map(|&(_, rank)| rank)
            .min()
    }

    fn month(&self, word: &str) -> Option<u8> {
        let w = word.trim_end_matches('.');
        if w.len() > 9 || !w.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        self.months.get(&w.to_ascii_lowercase()).copied()
    }

    /// Parses a date as pages write it in metadata: ISO 8601 and its
    /// variants (`2017-10-02T08:00Z`, `2017/10/02`, `2017.10.02`,
    /// `20171002`), RFC 2822 (`Mon, 02 Oct 2017 08:00:00 GMT`) and English
    /// `October 2, 2017` / `2 Oct 2017`. Numeric day-month orders that are
    /// ambiguous (`02/10/2017`) give `None`.
    pub(crate) fn parse_date(&self, s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        let digits = |from: usize, n: usize| -> Option<u32> {
            let part = b.get(from..from + n)?;
            if !part.iter().all(u8::is_ascii_digit) {
                return None;
            }
            s.get(from..from + n)?.parse().ok()
        };
        let plausible = |y: u32| (1900..=2200).contains(&y);
        // YYYY-MM-DD with -, / or . separators.
        if b.len() >= 10
            && matches!(b[4], b'-' | b'/' | b'.')
            && b[7] == b[4]
            && !b.get(10).is_some_and(u8::is_ascii_digit)
        {
            let y = digits(0, 4)?;
            let m = digits(5, 2)?;
            let d = digits(8, 2)?;
            return if plausible(y) {
                Date::new(y as i32, m as u8, d as u8)
            } else {
                None
            };
        }
        // YYYYMMDD, alone or before a time.
        if b.len() >= 8
            && b[..8].iter().all(u8::is_ascii_digit)
            && !b.get(8).is_some_and(u8::is_ascii_digit)
        {
            let y = digits(0, 4)?;
            if plausible(y) {
                return Date::new(y as i32, digits(4, 2)? as u8, digits(6, 2)? as u8);
            }
            return None;
        }
        // Words: month name, day and year in either order.
        let words: Vec<&str> = s
            .split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '/')
            .filter(|w| !w.is_empty())
            .take(8)
            .collect();
        let mut month = None;
        let mut day = None;
        let mut year = None;
        for w in &words {
            if month.is_none()
                && let Some(m) = self.month(w)
            {
                month = Some(m);
                continue;
            }
            let num = w.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
            if num.is_empty() || !num.bytes().all(|c| c.is_ascii_digit()) {
                continue;
            }
            match num.len() {
                1 | 2 if day.is_none() && !w.contains(':') => day = num.parse::<u8>().ok(),
                4 if year.is_none() => year = num.parse::<u32>().ok(),
                _ => {}
            }
            if month.is_some() && day.is_some() && year.is_some() {
                break;
            }
        }
        match (year, month, day) {
            (Some(y), Some(m), Some(d)) if plausible(y) => Date::new(y as i32, m, d),
            _ => None,
        }
    }
}

/// The best date candidate seen so far: lowest rank, then first seen.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct BestDate {
    best: Option<(u8, Date)>,
}

impl BestDate {
    pub(crate) fn offer(&mut self, rank: u8, date: Option<Date>) {
        if let Some(date) = date
            && self.best.is_none_or(|(r, _)| rank < r)
        {
            self.best = Some((rank, date));
        }
    }

    pub(crate) fn rank(&self) -> Option<u8> {
        self.best.map(|(r, _)| r)
    }

    pub(crate) fn date(&self) -> Option<Date> {
        self.best.map(|(_, d)| d)
    }
}

fn is_article_type(v: &serde_json::Value) -> bool {
    let is = |s: &str| {
        s.contains("Article") || s.contains("Posting") || s.contains("Report") || s == "WebPage"
    };
    match v {
        serde_json::Value::String(s) => is(s),
        serde_json::Value::Array(a) => a.iter().any(|t| t.as_str().is_some_and(is)),
        _ => false,
    }
}

/// Offers the dates of one JSON-LD script to `best`.
pub(crate) fn offer_json_ld(lex: &Lexicon, script: &str, best: &mut BestDate) {
    let mut s = script.trim();
    for (open, close) in [
        ("<!--", "-->"),
        ("<![CDATA[", "]]>"),
        ("//<![CDATA[", "//]]>"),
    ] {
        if let Some(inner) = s.strip_prefix(open) {
            s = inner.trim().strip_suffix(close).unwrap_or(inner).trim();
        }
    }
    match serde_json::from_str::<serde_json::Value>(s) {
        Ok(value) => {
            // Explicit stack: JSON nesting is bounded by serde_json's
            // recursion limit, but a walk should not depend on it.
            let mut stack = vec![&value];
            while let Some(v) = stack.pop() {
                match v {
                    serde_json::Value::Object(map) => {
                        let article = map.get("@type").is_some_and(is_article_type);
                        if let Some(d) = map.get("datePublished").and_then(|d| d.as_str()) {
                            let rank = if article {
                                RANK_JSONLD_ARTICLE
                            } else {
                                RANK_JSONLD_OTHER
                            };
                            best.offer(rank, lex.parse_date(d));
                        }
                        if let Some(d) = map.get("dateCreated").and_then(|d| d.as_str()) {
                            best.offer(RANK_JSONLD_CREATED, lex.parse_date(d));
                        }
                        // Reverse so that earlier members are seen first.
                        let children: Vec<_> = map.values().collect();
                        stack.extend(children.into_iter().rev());
                    }
                    serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
                    _ => {}
                }
            }
        }
        Err(_) => {
            // Malformed JSON (trailing commas, raw newlines in strings):
            // read `"datePublished": "..."` directly.
            let key = "\"datePublished\"";
            if let Some(at) = s.find(key) {
                let rest = s[at + key.len()..].trim_start();
                if let Some(rest) = rest.strip_prefix(':') {
                    let rest = rest.trim_start();
                    if let Some(rest) = rest.strip_prefix('"') {
                        let value = rest.split('"').next().unwrap_or("");
                        best.offer(RANK_JSONLD_OTHER, lex.parse_date(value));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_usual_forms() {
        let lex = Lexicon::default_ref();
        let ok = |s: &str, want: &str| {
            assert_eq!(
                lex.parse_date(s).map(|d| d.to_string()).as_deref(),
                Some(want),
                "{s}"
            )
        };
        ok("2017-10-02T08:00:00Z", "2017-10-02");
        ok(" 2017/10/02 ", "2017-10-02");
        ok("2017.10.02", "2017-10-02");
        ok("20171002", "2017-10-02");
        ok("20171002T0800", "2017-10-02");
        ok("Mon, 02 Oct 2017 08:00:00 GMT", "2017-10-02");
        ok("October 2, 2017", "2017-10-02");
        ok("Oct. 2nd, 2017 8:00 am", "2017-10-02");
        ok("2 September 2019", "2019-09-02");
        for bad in [
            "",
            "02/10/2017",
            "2017-13-01",
            "yesterday",
            "1234567890",
            "0999-01-01",
        ] {
            assert_eq!(lex.parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn json_ld_graph_and_arrays() {
        let lex = Lexicon::default_ref();
        let mut best = BestDate::default();
        offer_json_ld(
            lex,
            r#"{"@context":"https://schema.org","@graph":[{"@type":"WebSite","dateCreated":"2001-01-01"},
               {"@type":["NewsArticle"],"datePublished":"2019-11-19T13:02:00+00:00"}]}"#,
            &mut best,
        );
        assert_eq!(
            best.date().map(|d| d.to_string()).as_deref(),
            Some("2019-11-19")
        );
        let mut best = BestDate::default();
        offer_json_ld(lex, "[{\"datePublished\": \"2018-01-05\",}]", &mut best);
        assert_eq!(
            best.date().map(|d| d.to_string()).as_deref(),
            Some("2018-01-05")
        );
    }
}
