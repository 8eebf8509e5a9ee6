//! The extractor's language data: metric triggers, cue words and
//! gazetteers, parsed from TSV data files and compiled into one
//! Aho-Corasick automaton.

use crate::Error;
use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};
use std::collections::HashMap;

/// Quantity kinds a trigger applies to, as a bit set.
pub(crate) const K_MONEY: u8 = 1;
pub(crate) const K_COUNT: u8 = 2;
pub(crate) const K_PERCENT: u8 = 4;
pub(crate) const K_RANK: u8 = 8;

/// Noun class bit meaning "no counted noun".
pub(crate) const CLASS_NONE: u32 = 1;
/// All noun classes, and none.
pub(crate) const CLASS_ANY: u32 = u32::MAX;

/// Where a trigger stands relative to its number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    Before,
    After,
    Any,
}

/// One row of the metric lexicon.
#[derive(Clone, Debug)]
pub(crate) struct Trigger {
    /// Index into [`Lexicon::metrics`], `None` for a blocking row.
    pub metric: Option<usize>,
    pub kinds: u8,
    pub place: Place,
    pub needs: u32,
    pub neg: bool,
    pub past: bool,
    /// `up`/`down` flag: fires only right after a rise (`1`) or fall (`-1`)
    /// change cue ("cut its workforce by"), `0` for any.
    pub dir: i8,
    /// `of` flag: fires only when "of" follows the number ("owns 8% of").
    pub of_after: bool,
    pub prio: i32,
}

/// Categories of cue words (see `data/cues.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Cat {
    Noun,
    Change,
    Vs,
    Modality,
    ThirdParty,
    Anaphor,
    AnaphorHead,
    ReporterMod,
    ReporterPre,
    ReporterPost,
    ObjectPre,
    AgentPre,
    ScopePre,
    Market,
    HomeMarket,
    Worldwide,
    Per,
    Bound,
    Age,
    RankBlock,
    LevelPre,
    FromPre,
    Now,
    AnaphoricTime,
    OtherMetric,
    ComparePre,
    Reset,
    CommonCap,
    Division,
    BrandGoods,
    Expectation,
    JointPre,
    Industry,
    OwnSpeaker,
    FigureRef,
    /// A metric trigger (value = index into `Lexicon::triggers`).
    Metric,
}

impl Cat {
    fn parse(s: &str) -> Option<Cat> {
        Some(match s {
            "noun" => Cat::Noun,
            "change" => Cat::Change,
            "vs" => Cat::Vs,
            "modality" => Cat::Modality,
            "third_party" => Cat::ThirdParty,
            "anaphor" => Cat::Anaphor,
            "anaphor_head" => Cat::AnaphorHead,
            "reporter_mod" => Cat::ReporterMod,
            "reporter_pre" => Cat::ReporterPre,
            "reporter_post" => Cat::ReporterPost,
            "object_pre" => Cat::ObjectPre,
            "agent_pre" => Cat::AgentPre,
            "scope_pre" => Cat::ScopePre,
            "market" => Cat::Market,
            "home_market" => Cat::HomeMarket,
            "worldwide" => Cat::Worldwide,
            "per" => Cat::Per,
            "bound" => Cat::Bound,
            "age" => Cat::Age,
            "rank_block" => Cat::RankBlock,
            "level_pre" => Cat::LevelPre,
            "from_pre" => Cat::FromPre,
            "now" => Cat::Now,
            "anaphoric_time" => Cat::AnaphoricTime,
            "other_metric" => Cat::OtherMetric,
            "compare_pre" => Cat::ComparePre,
            "reset" => Cat::Reset,
            "common_cap" => Cat::CommonCap,
            "division" => Cat::Division,
            "brand_goods" => Cat::BrandGoods,
            "expectation" => Cat::Expectation,
            "joint_pre" => Cat::JointPre,
            "industry" => Cat::Industry,
            "own_speaker" => Cat::OwnSpeaker,
            "figure_ref" => Cat::FigureRef,
            _ => return None,
        })
    }
}

/// What a matched phrase means: a category and a small value.
#[derive(Clone, Debug)]
pub(crate) struct Meaning {
    pub cat: Cat,
    /// For `Metric`: the trigger index; for `Noun`: the class index; for
    /// other categories an index into [`Lexicon::values`].
    pub value: usize,
}

/// One phrase occurrence found in a document's lowercased text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    /// Index into [`Lexicon::meanings`] of the phrase.
    pub phrase: usize,
}

/// [`Lexicon::profit_kind`] of a pre-tax profit phrase.
pub(crate) const PROFIT_PRETAX: u8 = 1;
/// [`Lexicon::profit_kind`] of an explicit net profit phrase.
pub(crate) const PROFIT_NET: u8 = 2;

/// All language data, compiled.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Metric names: vocabulary order.
    pub metrics: Vec<String>,
    /// Unit class of each metric (`count`, `currency`, `percent`, `rank`).
    pub metric_units: Vec<String>,
    pub triggers: Vec<Trigger>,
    /// Default metric of each noun class (index into `metrics`).
    pub class_default: Vec<Option<usize>>,
    /// Interned string values of cue rows.
    pub values: Vec<String>,
    /// Meanings of each distinct phrase, by phrase index.
    pub meanings: Vec<Vec<Meaning>>,
    automaton: DFA,
    /// Head nouns of company descriptors ("maker", "firm").
    pub heads: std::collections::HashSet<String>,
    /// Length in bytes of the longest phrase.
    pub max_phrase: usize,
    /// Per phrase: [`PROFIT_PRETAX`] for a pre-tax profit trigger,
    /// [`PROFIT_NET`] for an explicit net profit ("net income"), else 0.
    pub profit_kind: Vec<u8>,
    /// Lowercased reporter names.
    pub reporters: std::collections::HashSet<String>,
    /// Lowercased company name -> home country.
    pub homes: HashMap<String, String>,
}

/// Default data files, compiled into the binary.
pub(crate) const DEFAULT_VOCABULARY: &str = include_str!("../data/vocabulary.tsv");
pub(crate) const DEFAULT_METRICS: &str = include_str!("../data/metrics.tsv");
pub(crate) const DEFAULT_CUES: &str = include_str!("../data/cues.tsv");
pub(crate) const DEFAULT_REPORTERS: &str = include_str!("../data/reporters.txt");
pub(crate) const DEFAULT_HOMES: &str = include_str!("../data/home_countries.tsv");

/// One named data source: its name (for errors) and text.
pub(crate) type Source = (String, String);

/// Data lines: (1-based line number, fields), skipping comments and blanks.
fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            return None;
        }
        Some((i + 1, line.split('\t').map(str::trim).collect()))
    })
}

#[derive(Default)]
struct Builder {
    phrases: Vec<String>,
    index: HashMap<String, usize>,
    meanings: Vec<Vec<Meaning>>,
    values: Vec<String>,
    value_index: HashMap<String, usize>,
}

impl Builder {
    fn phrase(&mut self, phrase: &str) -> usize {
        let key = phrase.to_lowercase();
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.phrases.len();
        self.phrases.push(key.clone());
        self.index.insert(key, i);
        self.meanings.push(Vec::new());
        i
    }

    fn value(&mut self, v: &str) -> usize {
        if let Some(&i) = self.value_index.get(v) {
            return i;
        }
        let i = self.values.len();
        self.values.push(v.to_string());
        self.value_index.insert(v.to_string(), i);
        i
    }
}

impl Lexicon {
    pub(crate) fn build(
        vocabulary: &[Source],
        metrics: &[Source],
        cues: &[Source],
        reporters: &[Source],
        homes: &[Source],
    ) -> Result<Lexicon, Error> {
        let bad = |file: &str, line: usize, message: String| Error::Data {
            file: file.to_string(),
            line,
            message,
        };
        let mut metric_names: Vec<String> = Vec::new();
        let mut metric_units: Vec<String> = Vec::new();
        for (file, text) in vocabulary {
            for (line, f) in rows(text) {
                let (Some(name), Some(unit)) = (f.first(), f.get(1)) else {
                    return Err(bad(file, line, "expected `metric<TAB>unit class`".into()));
                };
                if !matches!(*unit, "count" | "currency" | "percent" | "rank") {
                    return Err(bad(file, line, format!("unknown unit class {unit:?}")));
                }
                if !metric_names.iter().any(|m| m == name) {
                    metric_names.push((*name).to_string());
                    metric_units.push((*unit).to_string());
                }
            }
        }
        let metric_index = |name: &str| metric_names.iter().position(|m| m == name);

        let mut b = Builder::default();
        // Noun classes first: metric rows refer to them.
        let mut classes: Vec<String> = Vec::new();
        let mut defaults: Vec<(String, String, String, usize)> = Vec::new();
        let mut heads = std::collections::HashSet::new();
        for (file, text) in cues {
            for (line, f) in rows(text) {
                let (Some(cat), Some(phrase)) = (f.first(), f.get(1)) else {
                    return Err(bad(
                        file,
                        line,
                        "expected `category<TAB>phrase[<TAB>value]`".into(),
                    ));
                };
                if phrase.is_empty() {
                    return Err(bad(file, line, "empty phrase".into()));
                }
                let value = f.get(2).copied().unwrap_or("");
                match *cat {
                    "noun_default" => {
                        defaults.push((phrase.to_string(), value.to_string(), file.clone(), line))
                    }
                    "noun" => {
                        if value.is_empty() {
                            return Err(bad(file, line, "a noun needs a class".into()));
                        }
                        let class = match classes.iter().position(|c| c == value) {
                            Some(c) => c,
                            None => {
                                if classes.len() >= 30 {
                                    return Err(bad(
                                        file,
                                        line,
                                        "too many noun classes (30 max)".into(),
                                    ));
                                }
                                classes.push(value.to_string());
                                classes.len() - 1
                            }
                        };
                        let p = b.phrase(phrase);
                        b.meanings[p].push(Meaning {
                            cat: Cat::Noun,
                            value: class,
                        });
                    }
                    other => {
                        if other == "anaphor_head" {
                            heads.insert(phrase.to_lowercase());
                        }
                        let Some(cat) = Cat::parse(other) else {
                            return Err(bad(file, line, format!("unknown cue category {other:?}")));
                        };
                        let v = b.value(value);
                        let p = b.phrase(phrase);
                        b.meanings[p].push(Meaning { cat, value: v });
                    }
                }
            }
        }
        let mut class_default = vec![None; classes.len()];
        for (class, metric, file, line) in defaults {
            let Some(c) = classes.iter().position(|x| *x == class) else {
                return Err(bad(&file, line, format!("unknown noun class {class:?}")));
            };
            if metric != "-" {
                let Some(m) = metric_index(&metric) else {
                    return Err(bad(
                        &file,
                        line,
                        format!("metric {metric:?} is not in the vocabulary"),
                    ));
                };
                class_default[c] = Some(m);
            }
        }

        let mut triggers = Vec::new();
        for (file, text) in metrics {
            for (line, f) in rows(text) {
                if f.len() < 4 {
                    return Err(bad(
                        file,
                        line,
                        "expected `phrase<TAB>metric<TAB>kinds<TAB>place[<TAB>needs[<TAB>flags]]`"
                            .into(),
                    ));
                }
                if f[0].is_empty() {
                    return Err(bad(file, line, "empty phrase".into()));
                }
                let metric = match f[1] {
                    "-" => None,
                    m => Some(metric_index(m).ok_or_else(|| {
                        bad(file, line, format!("metric {m:?} is not in the vocabulary"))
                    })?),
                };
                let mut kinds = 0u8;
                for k in f[2].split(',').map(str::trim) {
                    kinds |= match k {
                        "money" => K_MONEY,
                        "count" => K_COUNT,
                        "percent" => K_PERCENT,
                        "rank" => K_RANK,
                        _ => return Err(bad(file, line, format!("unknown quantity kind {k:?}"))),
                    };
                }
                let place = match f[3] {
                    "before" => Place::Before,
                    "after" => Place::After,
                    "any" => Place::Any,
                    p => return Err(bad(file, line, format!("unknown place {p:?}"))),
                };
                let mut needs = 0u32;
                for n in f.get(4).copied().unwrap_or("*").split(',').map(str::trim) {
                    needs |= match n {
                        "*" | "" => CLASS_ANY,
                        "none" => CLASS_NONE,
                        class => match classes.iter().position(|c| c == class) {
                            Some(c) => 1u32 << (c + 1),
                            None => {
                                return Err(bad(
                                    file,
                                    line,
                                    format!("unknown noun class {class:?}"),
                                ));
                            }
                        },
                    };
                }
                let mut t = Trigger {
                    metric,
                    kinds,
                    place,
                    needs,
                    neg: false,
                    past: false,
                    dir: 0,
                    of_after: false,
                    prio: 0,
                };
                for flag in f.get(5).copied().unwrap_or("").split(',').map(str::trim) {
                    match flag {
                        "" => {}
                        "neg" => t.neg = true,
                        "past" => t.past = true,
                        "up" => t.dir = 1,
                        "down" => t.dir = -1,
                        "of" => t.of_after = true,
                        _ => match flag.strip_prefix("prio=").and_then(|n| n.parse().ok()) {
                            Some(n) => t.prio = n,
                            None => return Err(bad(file, line, format!("unknown flag {flag:?}"))),
                        },
                    }
                }
                let ti = triggers.len();
                triggers.push(t);
                let p = b.phrase(f[0]);
                b.meanings[p].push(Meaning {
                    cat: Cat::Metric,
                    value: ti,
                });
            }
        }

        let mut reporter_set = std::collections::HashSet::new();
        for (_, text) in reporters {
            for line in text.lines() {
                let line = line.trim();
                if !line.is_empty() && !line.starts_with('#') {
                    reporter_set.insert(line.to_lowercase());
                }
            }
        }
        let mut home_map = HashMap::new();
        for (file, text) in homes {
            for (line, f) in rows(text) {
                let (Some(company), Some(country)) = (f.first(), f.get(1)) else {
                    return Err(bad(file, line, "expected `company<TAB>country`".into()));
                };
                home_map.insert(company.to_lowercase(), (*country).to_string());
            }
        }

        // A DFA, walked by `scan` itself: the crate's overlapping iterator
        // returns from its search at every match, and half the matches in
        // news text lie inside longer words.
        let automaton = DFA::builder()
            .match_kind(MatchKind::Standard)
            .build(&b.phrases)
            .map_err(|e| Error::Automaton(e.to_string()))?;
        let pretax = metric_names.iter().position(|m| m == "pretax_profit");
        let profit = metric_names.iter().position(|m| m == "profit");
        let profit_kind = b
            .phrases
            .iter()
            .zip(&b.meanings)
            .map(|(phrase, ms)| {
                let metric = ms
                    .iter()
                    .filter(|m| m.cat == Cat::Metric)
                    .find_map(|m| triggers.get(m.value).and_then(|t| t.metric));
                if metric.is_some() && metric == pretax {
                    PROFIT_PRETAX
                } else if metric.is_some() && metric == profit && phrase.starts_with("net ") {
                    PROFIT_NET
                } else {
                    0
                }
            })
            .collect();
        Ok(Lexicon {
            profit_kind,
            metrics: metric_names,
            metric_units,
            triggers,
            class_default,
            values: b.values,
            meanings: b.meanings,
            automaton,
            heads,
            max_phrase: b.phrases.iter().map(String::len).max().unwrap_or(0),
            reporters: reporter_set,
            homes: home_map,
        })
    }

    /// The phrase occurrences in `lower` (the ASCII-lowercased document
    /// text) that lie inside one of `ranges` and start and end on word
    /// boundaries (judged on the whole text), ordered by start. `ranges`
    /// are ordered and disjoint (sentences). Facts come only from
    /// sentences, so scanning the page's menus and footers too would only
    /// cost time.
    pub(crate) fn scan(&self, lower: &str, ranges: &[(usize, usize)]) -> Vec<Hit> {
        let mut hits = Vec::new();
        let dfa = &self.automaton;
        let Ok(start_state) = dfa.start_state(Anchored::No) else {
            return hits;
        };
        let bytes = lower.as_bytes();
        for &(start, end) in ranges {
            if lower.get(start..end).is_none() {
                continue;
            }
            let from = hits.len();
            let mut state = start_state;
            for (offset, &byte) in bytes[start..end].iter().enumerate() {
                state = dfa.next_state(Anchored::No, state, byte);
                if !dfa.is_match(state) {
                    continue;
                }
                let match_end = start + offset + 1;
                // Cheap byte tests first for the most common failure of
                // `word_boundary`, a match inside a longer word: glued to a
                // letter after it ("rise" in "rises", the same for every
                // phrase ending here) or before it ("in" in "mining").
                if glued(bytes, match_end) {
                    continue;
                }
                for i in 0..dfa.match_len(state) {
                    let phrase = dfa.match_pattern(state, i);
                    let match_start = match_end - dfa.pattern_len(phrase);
                    if !glued(bytes, match_start) && word_boundary(lower, match_start, match_end) {
                        hits.push(Hit {
                            start: match_start,
                            end: match_end,
                            phrase: phrase.as_usize(),
                        });
                    }
                }
            }
            // Matches come ordered by end; ranges are ordered and disjoint,
            // so sorting each range's few hits orders them all.
            hits[from..].sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        }
        hits
    }

    /// The noun class bit of class index `c`.
    pub(crate) fn class_bit(c: usize) -> u32 {
        1u32.checked_shl((c + 1) as u32).unwrap_or(0)
    }
}

/// Whether ASCII letters or digits stand on both sides of byte `at`: no
/// word boundary there. Only rejects what [`word_boundary`] rejects.
#[inline]
fn glued(b: &[u8], at: usize) -> bool {
    at > 0
        && b.get(at - 1).is_some_and(u8::is_ascii_alphanumeric)
        && b.get(at).is_some_and(u8::is_ascii_alphanumeric)
}

fn is_word_char(c: char) -> bool {
    factsift_core::chars::is_alphanumeric(c)
}

/// Whether `start..end` of `text` is a whole-word occurrence.
fn word_boundary(text: &str, start: usize, end: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..start), text.get(end..)) else {
        return false;
    };
    let first = text.get(start..end).and_then(|s| s.chars().next());
    let last = text.get(start..end).and_then(|s| s.chars().next_back());
    let left_ok = match (before.chars().next_back(), first) {
        (Some(b), Some(f)) => !(is_word_char(b) && is_word_char(f)),
        _ => true,
    };
    let right_ok = match (last, after.chars().next()) {
        (Some(l), Some(a)) => !(is_word_char(l) && is_word_char(a)),
        _ => true,
    };
    // Not a part of a hyphenated compound ("price-rigging", "non-profit").
    let joined_right = after
        .strip_prefix('-')
        .and_then(|r| r.chars().next())
        .is_some_and(is_word_char)
        && last.is_some_and(is_word_char);
    let joined_left = before
        .strip_suffix('-')
        .and_then(|r| r.chars().next_back())
        .is_some_and(is_word_char)
        && first.is_some_and(is_word_char);
    left_ok && right_ok && !joined_left && !joined_right
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        assert!(word_boundary("the company’s", 4, 11));
        assert!(!word_boundary("accompany", 2, 9));
        assert!(word_boundary("year-on-year", 0, 12));
        assert!(!word_boundary("itself", 0, 2));
        assert!(!word_boundary("price-rigging", 0, 5));
        assert!(!word_boundary("non-profit", 4, 10));
    }
}
