//! # Overview
//!
//! `factsift-tag` finds and normalises what facts are made of in news text:
//!
//! - **quantities** ([`Quantity`]): numbers with separators, decimals, scale
//!   words (`$10.3bn`, `23.16 million`, `2 lakh`), number words (`a dozen`,
//!   `two and a half`, `a third`), ranges (`10-15 million`, `between 5 and
//!   7`), bounds from their cues (`more than` → gt, `about` → approx, `up to`
//!   → le), vague amounts (`thousands of`), money in ISO 4217 codes with the
//!   value in base units, bracketed conversions (`895.4 reais ($332)`),
//!   percentages, percentage points, physical measures, ranks and ordinals,
//!   rates (`per month`) and the noun a count counts;
//! - **times** ([`TimeMention`]): dates and periods (`Q2 2017`, `the second
//!   quarter of this year`, `last year`, `the year to November`, `the next
//!   12 months`) resolved against the publication date into the contract's
//!   [`Period`](factsift_core::Period) grammar; years used as dates are
//!   times, not quantities;
//! - **entities** ([`Entity`]): organisations, people, places (with
//!   demonyms: `Indian` → `India`) and products, from gazetteers in `data/`
//!   matched with aho-corasick and from capitalisation and context rules
//!   (`CEO Lei Jun`, `X Inc`, `China-based`), with aliases resolved to one
//!   canonical name.
//!
//! # Data files
//!
//! | file | what |
//! |---|---|
//! | `numbers.tsv`, `scales.tsv`, `vague.tsv` | number words, ordinals, fractions; scale words (`bn`, `lakh`); vague plurals (`thousands of`) |
//! | `bounds.tsv`, `bounds_after.tsv` | bound cues before / after a number |
//! | `change.tsv` | words that state a change (`rose`, `fell`) for [`Tagger::direction`] |
//! | `currencies.tsv`, `units.tsv` | currency symbols, codes and names → ISO 4217; unit surfaces → symbols |
//! | `currency_countries.tsv` | the country of a currency, to resolve a word two countries use (`kroner`: DKK or NOK) |
//! | `months.tsv`, `time_units.tsv` | month names; rate units (`per month`) |
//! | `stopwords.txt`, `name_words.tsv` | function words; words that make a number part of a name or address |
//! | `orgs.tsv`, `places.tsv`, `products.tsv` | gazetteers: canonical name, kind, aliases separated by a vertical bar (demonyms are aliases) |
//! | `person_titles.txt`, `org_cues.txt`, `corp_suffixes.txt` | context cues of the name rules |
//! | `org_name_words.txt`, `org_next_words.txt`, `org_before.txt`, `non_org_words.txt` | evidence that an unknown name is a company (`Acme Airways`, `Acme shares`, `shares in Acme`) and words that start none (`Christmas`) |
//!
//! All language knowledge lives in the TSV and text files under `data/`,
//! compiled in with `include_str!` and loaded once by
//! [`TaggerBuilder::build`]; users can add gazetteer rows with
//! [`TaggerBuilder::gazetteer_tsv`]. Tagging is infallible, single-threaded
//! and allocation-light; a [`Tagger`] is `Send + Sync` and can be shared.
//!
//! # Example
//!
//! ```
//! use factsift_core::{Bound, Date, Period, QuantityKind, Sentence, Span, Tokenized};
//! use factsift_tag::Tagger;
//!
//! let tagger = Tagger::builder().build()?;
//! let text = "Xiaomi shipped more than 23.16 million smartphones in the second quarter of this year.";
//! let published: Date = "2017-08-01".parse()?;
//! let tags = tagger.tag_str(text, Some(published));
//!
//! let q = &tags.quantities[0];
//! assert_eq!(q.kind, QuantityKind::Count);
//! assert_eq!(q.value, 23_160_000.0);
//! assert_eq!(q.bound, Bound::Gt);
//! assert_eq!(q.noun.map(|n| n.slice(text)), Some("smartphones"));
//! assert_eq!(tags.times[0].period, Some(Period::Quarter(2017, 2)));
//! assert!(tags.entities.iter().any(|e| e.name == "Xiaomi"));
//!
//! // With the tokenizer's sentences: only the text they cover is tagged.
//! let tokenized = Tokenized {
//!     tokens: vec![],
//!     sentences: vec![Sentence { span: Span::new(0, text.len())?, tokens: 0..0 }],
//! };
//! assert_eq!(tagger.tag(text, &tokenized, Some(published)), tags);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod entity;
mod lex;
mod lexicon;
mod quantity;
mod sent;
mod time;

use crate::entity::{Entities, GazetteerRows};
use crate::lexicon::Lexicon;
use crate::quantity::{Quantities, Scratch};
use crate::sent::Sent;
use crate::time::Times;
use factsift_core::{
    Date, Entity, EntityKind, Quantity, QuantityKind, Span, Tags, TimeMention, Tokenized,
};
use std::path::Path;

pub use crate::lexicon::Direction;

/// Why a [`Tagger`] could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A data or gazetteer file has a malformed line.
    #[error("{file}:{line}: {message}")]
    Data {
        /// The file's name.
        file: String,
        /// The 1-based line number.
        line: usize,
        /// What is wrong with the line.
        message: String,
    },
    /// A user gazetteer file could not be read.
    #[error("cannot read gazetteer {path}: {source}")]
    Io {
        /// The file's path.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The gazetteer automaton could not be built.
    #[error("cannot build the gazetteer matcher: {0}")]
    Matcher(#[from] aho_corasick::BuildError),
}

/// Builds a [`Tagger`]: the default data files plus user gazetteers.
#[derive(Default)]
pub struct TaggerBuilder {
    user: Vec<(String, String)>,
}

impl TaggerBuilder {
    /// Adds gazetteer rows in the format of `data/orgs.tsv`:
    /// `canonical name <TAB> ORG|PERSON|GPE|PRODUCT <TAB> alias|alias...`.
    /// `name` is used in error messages.
    ///
    /// ```
    /// let tagger = factsift_tag::Tagger::builder()
    ///     .gazetteer_tsv("mine.tsv", "Acme Widgets\tORG\tAcme|ACME Corp\n")
    ///     .build()?;
    /// let tags = tagger.tag_str("Shares of ACME Corp rose.", None);
    /// assert_eq!(tags.entities[0].name, "Acme Widgets");
    /// # Ok::<(), factsift_tag::BuildError>(())
    /// ```
    pub fn gazetteer_tsv(mut self, name: &str, text: &str) -> Self {
        self.user.push((name.to_string(), text.to_string()));
        self
    }

    /// Adds gazetteer rows from a file (see [`TaggerBuilder::gazetteer_tsv`]).
    ///
    /// ```
    /// let err = factsift_tag::Tagger::builder().gazetteer_file("no/such/file.tsv");
    /// assert!(err.is_err());
    /// ```
    pub fn gazetteer_file(self, path: impl AsRef<Path>) -> Result<Self, BuildError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| BuildError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Ok(self.gazetteer_tsv(&path.display().to_string(), &text))
    }

    /// Loads the data files and builds the matchers.
    ///
    /// ```
    /// let bad = factsift_tag::Tagger::builder().gazetteer_tsv("bad.tsv", "Acme\tCOMPANY\n").build();
    /// let message = bad.err().map(|e| e.to_string()).unwrap_or_default();
    /// assert!(message.contains("bad.tsv:1"), "{message}");
    /// ```
    pub fn build(self) -> Result<Tagger, BuildError> {
        let lexicon = Lexicon::load()?;
        let mut rows = GazetteerRows::default();
        for (name, text) in [
            ("orgs.tsv", include_str!("../data/orgs.tsv")),
            ("places.tsv", include_str!("../data/places.tsv")),
            ("products.tsv", include_str!("../data/products.tsv")),
        ] {
            rows.add_tsv(name, text)?;
        }
        for (name, text) in &self.user {
            rows.add_tsv(name, text)?;
        }
        Ok(Tagger {
            entities: Entities::build(rows)?,
            lexicon,
        })
    }
}

/// The entity, number and time tagger. Build once, tag many documents.
pub struct Tagger {
    lexicon: Lexicon,
    entities: Entities,
}

impl Tagger {
    /// A builder with the default data files.
    ///
    /// ```
    /// let tagger = factsift_tag::Tagger::builder().build()?;
    /// assert_eq!(tagger.tag_str("It sold a dozen.", None).quantities[0].value, 12.0);
    /// # Ok::<(), factsift_tag::BuildError>(())
    /// ```
    pub fn builder() -> TaggerBuilder {
        TaggerBuilder::default()
    }

    /// Tags the sentences of `tokenized` (which may cover only part of
    /// `text`, such as the article spans), resolving relative times against
    /// `published`. Every span is a span of `text`.
    ///
    /// ```
    /// use factsift_core::{Sentence, Span, Tokenized};
    /// let tagger = factsift_tag::Tagger::builder().build()?;
    /// let text = "Menu. Revenue rose 5% to $10.3bn.";
    /// let t = Tokenized { tokens: vec![], sentences: vec![Sentence { span: Span::new(6, text.len())?, tokens: 0..0 }] };
    /// let tags = tagger.tag(text, &t, None);
    /// assert_eq!(tags.quantities.len(), 2);
    /// assert_eq!(tags.quantities[1].value, 10_300_000_000.0);
    /// assert_eq!(tags.quantities[1].unit, "USD");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tag(&self, text: &str, tokenized: &Tokenized, published: Option<Date>) -> Tags {
        let regions = tokenized
            .sentences
            .iter()
            .map(|s| (s.span.start(), s.span.end()));
        self.tag_regions(text, regions, published)
    }

    /// Tags the whole of `text` as one region (for single sentences and
    /// tests; documents should go through [`Tagger::tag`]).
    ///
    /// ```
    /// let tagger = factsift_tag::Tagger::builder().build()?;
    /// let tags = tagger.tag_str("The shares jumped 9.4 per cent.", None);
    /// assert_eq!(tags.quantities[0].unit, "percent");
    /// # Ok::<(), factsift_tag::BuildError>(())
    /// ```
    pub fn tag_str(&self, text: &str, published: Option<Date>) -> Tags {
        self.tag_regions(text, std::iter::once((0, text.len())), published)
    }

    fn tag_regions(
        &self,
        text: &str,
        regions: impl Iterator<Item = (usize, usize)>,
        published: Option<Date>,
    ) -> Tags {
        let lc = text.to_ascii_lowercase();
        let mut tags = Tags::default();
        let mut toks = Vec::new();
        let mut flags = Vec::new();
        let mut used = Vec::new();
        let mut found = Vec::new();
        let mut models = Vec::new();
        let mut sc = Scratch::default();
        let quantities = Quantities::new(&self.lexicon);
        let times = Times::new(&self.lexicon);
        let mut gaz = Vec::new();
        let mut cands = Vec::new();
        let mut headline_end = None;
        for (start, end) in regions {
            if start >= end || end > text.len() {
                continue;
            }
            headline_end.get_or_insert(end);
            lex::lex(text, start, end, &mut toks);
            flags.clear();
            flags.extend(toks.iter().map(|t| match t.kind {
                lex::Lx::Num => u8::MAX,
                _ => lc.get(t.s..t.e).map_or(0, |w| self.lexicon.start_flags(w)),
            }));
            used.clear();
            used.resize(toks.len(), false);
            let mut s = Sent {
                text,
                lc: &lc,
                toks: &toks,
                used: std::mem::take(&mut used),
                flags: &flags,
            };
            times.find(&mut s, published, &mut tags.times);
            found.clear();
            models.clear();
            quantities.find(&s, &mut sc, &mut found, &mut models);
            let base = tags.quantities.len();
            for f in found.drain(..) {
                let mut q = f.q;
                q.conversion_of = q.conversion_of.map(|c| c + base);
                tags.quantities.push(q);
            }
            gaz.clear();
            self.entities.gazetteer(text, start, end, &toks, &mut gaz);
            for m in &models {
                // `Xiaomi Mi 6`: the maker stays an ORG, the product starts after it.
                let mut span = m.span;
                if let Some(org) = gaz.iter().find(|g| {
                    g.kind == EntityKind::Org
                        && g.span.start() == span.start()
                        && g.span.end() < span.end()
                }) {
                    let rest = text.get(org.span.end()..span.end()).unwrap_or("");
                    let skip = rest.len() - rest.trim_start().len();
                    span = Span::from_range(org.span.end() + skip..span.end());
                }
                let m = quantity::Model { span };
                if !gaz
                    .iter()
                    .any(|g| g.span.contains(m.span) && g.kind == EntityKind::Product)
                {
                    let name = m.span.slice(text).to_string();
                    gaz.retain(|g| !m.span.contains(g.span) || g.kind == EntityKind::Org);
                    gaz.push(Entity {
                        span: m.span,
                        kind: EntityKind::Product,
                        name,
                        cue: Some("model number".to_string()),
                    });
                }
            }
            // `$US`, `HK$`: a currency code inside an amount is no place.
            let qs = &tags.quantities[base..];
            gaz.retain(|e| {
                !qs.iter()
                    .any(|q| q.span.overlaps(e.span) && q.span.start() <= e.span.start())
            });
            let mut rule = Vec::new();
            self.entities.rules(&s, &gaz, &mut rule, &mut cands);
            gaz.append(&mut rule);
            gaz.sort_by_key(|e| (e.span.start(), std::cmp::Reverse(e.span.end())));
            // Keep the outermost of overlapping mentions.
            let mut last_end = 0;
            for e in gaz.drain(..) {
                if e.span.start() >= last_end || tags.entities.is_empty() {
                    last_end = e.span.end();
                    tags.entities.push(e);
                }
            }
            used = s.used;
        }
        self.entities
            .document(text, headline_end.unwrap_or(0), &mut tags.entities, &cands);
        self.resolve_currencies(&mut tags);
        tags
    }

    /// `5bn kroner` is Danish or Norwegian (`DKK/NOK`): the document's
    /// country decides when it names exactly one of the candidates' countries.
    fn resolve_currencies(&self, tags: &mut Tags) {
        for q in &mut tags.quantities {
            if q.kind != QuantityKind::Money || !q.unit.contains('/') {
                continue;
            }
            let mut named = q.unit.split('/').filter(|iso| {
                self.lexicon
                    .currency_countries
                    .get(*iso)
                    .is_some_and(|country| {
                        tags.entities
                            .iter()
                            .any(|e| e.kind == EntityKind::Gpe && e.name == *country)
                    })
            });
            if let (Some(iso), None) = (named.next(), named.next()) {
                q.unit = iso.to_string();
            }
        }
    }

    /// The direction of change a quantity is stated with (`rose 5%` → up,
    /// `fell 1.1%` → down, `+0.2%` → up, `0.68 percent lower` → down), read
    /// from the words just before its cue or span.
    ///
    /// ```
    /// use factsift_tag::{Direction, Tagger};
    /// let tagger = Tagger::builder().build()?;
    /// let text = "Exports dropped 7% to $2.3 billion.";
    /// let tags = tagger.tag_str(text, None);
    /// assert_eq!(tagger.direction(text, &tags.quantities[0]), Some(Direction::Down));
    /// assert_eq!(tagger.direction(text, &tags.quantities[1]), None);
    /// # Ok::<(), factsift_tag::BuildError>(())
    /// ```
    pub fn direction(&self, text: &str, q: &Quantity) -> Option<Direction> {
        let start = q
            .cue
            .map_or(q.span.start(), |c| c.start().min(q.span.start()));
        let before = text.get(..start)?;
        if before.ends_with('+') {
            return Some(Direction::Up);
        }
        // `-1.3%` written as a signed change; `-5 yards`, `minus-260
        // degrees` are levels below zero.
        if q.value < 0.0
            && matches!(
                q.kind,
                QuantityKind::Percent | QuantityKind::PercentagePoints
            )
            && text
                .get(q.span.range())
                .is_some_and(|t| t.starts_with(['-', '−']))
        {
            return Some(Direction::Down);
        }
        let after = text.get(q.span.end()..).unwrap_or("");
        let next: String = after
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_ascii_lowercase();
        let mut words: Vec<String> = Vec::with_capacity(8);
        let mut rest = before.trim_end();
        for _ in 0..8 {
            let cut = rest
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let w = rest[cut..]
                .trim_matches(|c: char| matches!(c, ',' | '(' | ')' | '"' | '\'' | '“' | '”'));
            let stop = w.ends_with(['.', ';', ':']) && !words.is_empty();
            let w = w.trim_end_matches(['.', ';', ':']);
            if w.is_empty() || stop {
                break;
            }
            words.push(w.to_ascii_lowercase());
            rest = rest[..cut].trim_end();
        }
        words.reverse();
        // Drop `by` and bound cues between the verb and the number.
        let cue = |w: &String| {
            w == "by"
                || w == "just"
                || self
                    .lexicon
                    .bounds_before
                    .iter()
                    .any(|(k, _)| k.len() == 1 && &k[0] == w)
        };
        let mut by = false;
        while words.last().is_some_and(cue) {
            by |= words.pop().is_some_and(|w| w == "by");
        }
        let verb_at = |end: usize| -> Option<Option<Direction>> {
            self.lexicon.change.iter().find_map(|(k, d)| {
                (end >= k.len() && words[end - k.len()..end] == k[..]).then_some(*d)
            })
        };
        if let Some(d) = verb_at(words.len()) {
            return d;
        }
        // `grow sales by 35 per cent`, `cut its costs by 10%`: the verb's
        // object stands between it and `by`.
        if by {
            for skip in 1..=2.min(words.len()) {
                let w = &words[words.len() - skip];
                if w.starts_with(|c: char| c.is_ascii_digit())
                    || matches!(
                        w.as_str(),
                        "and" | "or" | "than" | "was" | "were" | "is" | "are"
                    )
                {
                    break;
                }
                if let Some(d) = verb_at(words.len() - skip) {
                    return d;
                }
            }
        }
        // `lost 190 points, or 0.6%`, `grew by 125,600 positions or 2.2
        // per cent`: the alternative shares the verb.
        if words.last().is_some_and(|w| w == "or") {
            let n = words.len() - 1;
            for end in (1..n).rev() {
                if words[end].starts_with(|c: char| c.is_ascii_digit()) {
                    let mut e = end;
                    while e > 0 && cue(&words[e - 1]) {
                        e -= 1;
                    }
                    if let Some(d) = verb_at(e) {
                        return d;
                    }
                    break;
                }
            }
        }
        match next.as_str() {
            "lower" => Some(Direction::Down),
            "higher" => Some(Direction::Up),
            _ => None,
        }
    }

    /// The time mentions of `text` taken as one region.
    ///
    /// ```
    /// let tagger = factsift_tag::Tagger::builder().build()?;
    /// let times = tagger.times_str("Sales rose last year.", "2017-10-02".parse().ok());
    /// assert_eq!(times[0].period.as_ref().map(|p| p.to_string()).as_deref(), Some("2016"));
    /// # Ok::<(), factsift_tag::BuildError>(())
    /// ```
    pub fn times_str(&self, text: &str, published: Option<Date>) -> Vec<TimeMention> {
        self.tag_str(text, published).times
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tagger_is_send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Tagger>();
    }
}
