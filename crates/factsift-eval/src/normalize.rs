//! Subject normalisation of the contract's scoring section.

use crate::BuildError;

/// The default corporate suffix words, one per line (`data/corporate_suffixes.txt`).
pub const DEFAULT_SUFFIXES: &str = include_str!("../data/corporate_suffixes.txt");

/// Normalises subjects as the contract's scoring section says: lowercase,
/// drop punctuation, drop trailing corporate suffix words.
///
/// The suffix list is data: [`DEFAULT_SUFFIXES`] plus whatever a user adds
/// with [`NormalizerBuilder::suffixes`].
///
/// ```
/// let n = factsift_eval::Normalizer::new();
/// assert_eq!(n.normalize("PeopleSoft Inc."), "peoplesoft");
/// assert_eq!(n.normalize("Marks & Spencer Group plc"), "marks spencer");
/// assert_eq!(n.normalize("Yahoo!"), "yahoo");
/// ```
#[derive(Clone, Debug)]
pub struct Normalizer {
    suffixes: Vec<String>,
}

/// Builds a [`Normalizer`] with extra suffix words.
#[derive(Clone, Debug, Default)]
pub struct NormalizerBuilder {
    extra: Vec<String>,
    no_defaults: bool,
}

impl NormalizerBuilder {
    /// Adds suffix words from a list, one per line; blank lines and lines
    /// starting with `#` are skipped.
    pub fn suffixes(mut self, list: &str) -> Self {
        self.extra.extend(parse_list(list));
        self
    }

    /// Drops the default list (only the words added with [`Self::suffixes`] count).
    pub fn without_defaults(mut self) -> Self {
        self.no_defaults = true;
        self
    }

    /// Builds the normaliser.
    ///
    /// # Errors
    /// [`BuildError::BadSuffix`] when a suffix word is not a single lowercase
    /// word of letters and digits (it could never match a normalised word).
    ///
    /// ```
    /// let n = factsift_eval::Normalizer::builder().suffixes("gmbh\n").build()?;
    /// assert_eq!(n.normalize("Bosch GmbH"), "bosch");
    /// assert!(factsift_eval::Normalizer::builder().suffixes("S.A.\n").build().is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(self) -> Result<Normalizer, BuildError> {
        let mut suffixes: Vec<String> = if self.no_defaults {
            Vec::new()
        } else {
            parse_list(DEFAULT_SUFFIXES).collect()
        };
        for word in self.extra {
            if word.is_empty()
                || !word
                    .chars()
                    .all(|c| c.is_alphanumeric() && !c.is_uppercase())
            {
                return Err(BuildError::BadSuffix(word));
            }
            suffixes.push(word);
        }
        suffixes.sort();
        suffixes.dedup();
        Ok(Normalizer { suffixes })
    }
}

fn parse_list(list: &str) -> impl Iterator<Item = String> + '_ {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new()
    }
}

impl Normalizer {
    /// The normaliser with the contract's suffix list.
    pub fn new() -> Normalizer {
        Normalizer {
            suffixes: {
                let mut v: Vec<String> = parse_list(DEFAULT_SUFFIXES).collect();
                v.sort();
                v.dedup();
                v
            },
        }
    }

    /// A builder to extend the suffix list.
    pub fn builder() -> NormalizerBuilder {
        NormalizerBuilder::default()
    }

    /// Normalises one subject.
    ///
    /// Punctuation (any character that is neither alphanumeric nor
    /// whitespace) is removed, not replaced by a space (`"J.P. Morgan"` →
    /// `"jp morgan"`); runs of whitespace become one space. Trailing suffix
    /// words are dropped repeatedly (`"Foo Holdings Ltd"` → `"foo"`), but
    /// never the first word, so a subject that is only a suffix word
    /// (`"Group"`) stays itself.
    ///
    /// ```
    /// let n = factsift_eval::Normalizer::new();
    /// assert_eq!(n.normalize("  Ford Motor Co "), "ford motor");
    /// assert_eq!(n.normalize("Group"), "group");
    /// assert_eq!(n.normalize("J.P. Morgan"), "jp morgan");
    /// ```
    pub fn normalize(&self, subject: &str) -> String {
        let cleaned: String = subject
            .chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        let mut words: Vec<&str> = cleaned.split_whitespace().collect();
        while words.len() > 1 {
            match words.last() {
                Some(w)
                    if self
                        .suffixes
                        .binary_search_by(|s| s.as_str().cmp(w))
                        .is_ok() =>
                {
                    words.pop();
                }
                _ => break,
            }
        }
        words.join(" ")
    }
}
