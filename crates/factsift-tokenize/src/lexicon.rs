//! Language data: abbreviations and sentence starters, parsed from the text
//! formats of `data/abbreviations.txt` and `data/sentence_starters.txt`.

use crate::Error;
use std::collections::{HashMap, HashSet};

/// FNV-1a: the keys are short words, for which SipHash's setup dominates.
type FnvBuild = fnv::FnvBuildHasher;

/// How an abbreviation behaves at a sentence boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Before a name; never ends a sentence.
    Title,
    /// An abbreviation only before a number.
    Number,
    /// Never ends a sentence.
    Inner,
    /// Ends a sentence only before a sentence starter.
    Final,
}

/// The default abbreviation list.
pub(crate) const DEFAULT_ABBREVIATIONS: &str = include_str!("../data/abbreviations.txt");
/// The default sentence starters.
pub(crate) const DEFAULT_STARTERS: &str = include_str!("../data/sentence_starters.txt");

/// Abbreviations and sentence starters, looked up by exact word.
///
/// Lookups happen only at a word followed by a period, so a hash map is the
/// right structure here (an automaton would scan the whole text instead).
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    abbrevs: HashMap<Box<str>, Abbrev, FnvBuild>,
    starters: HashSet<Box<str>, FnvBuild>,
    /// The longest abbreviation in bytes: longer words skip the lookup.
    longest: usize,
}

fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    /// Adds abbreviations in the `abbreviations.txt` format. A later entry
    /// for the same word replaces an earlier one.
    pub(crate) fn add_abbreviations(&mut self, origin: &str, text: &str) -> Result<(), Error> {
        let mut section = None;
        for (line, entry) in lines(text) {
            if let Some(name) = entry.strip_prefix('[').and_then(|e| e.strip_suffix(']')) {
                section = Some(match name.trim() {
                    "title" => Abbrev::Title,
                    "number" => Abbrev::Number,
                    "inner" => Abbrev::Inner,
                    "final" => Abbrev::Final,
                    other => {
                        return Err(Error::UnknownSection {
                            origin: origin.to_string(),
                            line,
                            section: other.to_string(),
                        });
                    }
                });
                continue;
            }
            let Some(kind) = section else {
                return Err(Error::NoSection {
                    origin: origin.to_string(),
                    line,
                    entry: entry.to_string(),
                });
            };
            if entry.contains(char::is_whitespace) || entry.ends_with('.') {
                return Err(Error::BadEntry {
                    origin: origin.to_string(),
                    line,
                    entry: entry.to_string(),
                });
            }
            self.longest = self.longest.max(entry.len());
            self.abbrevs.insert(entry.into(), kind);
        }
        Ok(())
    }

    /// Adds sentence starters, one word a line.
    pub(crate) fn add_starters(&mut self, origin: &str, text: &str) -> Result<(), Error> {
        for (line, entry) in lines(text) {
            if entry.contains(char::is_whitespace) {
                return Err(Error::BadEntry {
                    origin: origin.to_string(),
                    line,
                    entry: entry.to_string(),
                });
            }
            self.starters.insert(entry.into());
        }
        Ok(())
    }

    /// The behaviour of `word` (without its period) as an abbreviation.
    pub(crate) fn abbrev(&self, word: &str) -> Option<Abbrev> {
        if word.len() > self.longest {
            return None;
        }
        if let Some(&a) = self.abbrevs.get(word) {
            return Some(a);
        }
        // A capitalised word also matches a lower-case entry (`Etc` -> `etc`).
        let mut chars = word.chars();
        let first = chars.next()?;
        if first.is_ascii_uppercase() && chars.as_str().chars().all(|c| !c.is_uppercase()) {
            let mut lower = [0u8; 32];
            let bytes = word.as_bytes();
            if bytes.len() <= lower.len() {
                lower[..bytes.len()].copy_from_slice(bytes);
                lower[0] = lower[0].to_ascii_lowercase();
                if let Ok(l) = std::str::from_utf8(&lower[..bytes.len()]) {
                    return self.abbrevs.get(l).copied();
                }
            }
        }
        None
    }

    /// Whether `word` commonly starts a sentence.
    pub(crate) fn is_starter(&self, word: &str) -> bool {
        self.starters.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse() {
        let mut lx = Lexicon::default();
        lx.add_abbreviations("abbreviations.txt", DEFAULT_ABBREVIATIONS)
            .unwrap();
        lx.add_starters("sentence_starters.txt", DEFAULT_STARTERS)
            .unwrap();
        assert_eq!(lx.abbrev("Mr"), Some(Abbrev::Title));
        assert_eq!(lx.abbrev("Etc"), Some(Abbrev::Final));
        assert_eq!(lx.abbrev("U.S"), Some(Abbrev::Final));
        assert_eq!(lx.abbrev("Xiaomi"), None);
        assert!(lx.is_starter("The"));
    }

    #[test]
    fn errors_name_origin_and_line() {
        let mut lx = Lexicon::default();
        let e = lx.add_abbreviations("x.txt", "# c\n[final]\nInc\n[bogus]\n");
        assert_eq!(
            e.unwrap_err().to_string(),
            "x.txt:4: unknown abbreviation section [bogus] (expected one of [title], [number], [inner], [final])"
        );
        let e = lx.add_abbreviations("y.txt", "Inc\n").unwrap_err();
        assert!(e.to_string().starts_with("y.txt:1: abbreviation `Inc`"));
        let e = lx.add_abbreviations("z.txt", "[title]\nMr.\n").unwrap_err();
        assert!(e.to_string().starts_with("z.txt:2: `Mr.`"));
    }
}
