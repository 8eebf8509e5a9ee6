//! Named entities: gazetteer matches (aho-corasick) and rules from
//! capitalisation and context.

use crate::BuildError;
use crate::lex::Lx;
use crate::lex::Tok;
use crate::lexicon::{HashMap, HashSet};
use crate::lexicon::{field, rows};
use crate::sent::Sent;
use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};
use factsift_core::{Entity, EntityKind, Span};

/// One gazetteer entry: a surface form and what it names.
#[derive(Clone, Debug)]
struct Entry {
    kind: EntityKind,
    canonical: String,
}

pub(crate) fn parse_kind(s: &str) -> Option<EntityKind> {
    Some(match s {
        "ORG" => EntityKind::Org,
        "PERSON" => EntityKind::Person,
        "GPE" => EntityKind::Gpe,
        "PRODUCT" => EntityKind::Product,
        _ => return None,
    })
}

/// Gazetteer rows collected by the builder before the automaton is built.
#[derive(Default)]
pub(crate) struct GazetteerRows {
    surfaces: Vec<String>,
    entries: Vec<Entry>,
}

impl GazetteerRows {
    /// Adds rows `canonical \t KIND \t alias|alias...` from `text`.
    pub fn add_tsv(&mut self, file: &str, text: &str) -> Result<(), BuildError> {
        for (line, r) in rows(text) {
            let canonical = field(file, line, &r, 0)?;
            let kind_s = field(file, line, &r, 1)?;
            let kind = parse_kind(kind_s).ok_or_else(|| BuildError::Data {
                file: file.to_string(),
                line,
                message: format!("unknown entity kind {kind_s:?} (ORG, PERSON, GPE, PRODUCT)"),
            })?;
            let aliases = r.get(2).copied().unwrap_or("");
            for surface in std::iter::once(canonical).chain(aliases.split('|')) {
                let surface = surface.trim();
                if surface.is_empty() {
                    continue;
                }
                self.surfaces.push(surface.to_string());
                self.entries.push(Entry {
                    kind,
                    canonical: canonical.to_string(),
                });
            }
        }
        Ok(())
    }
}

fn words(text: &str) -> HashSet<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

pub(crate) struct Entities {
    ac: AhoCorasick,
    entries: Vec<Entry>,
    /// Lowercase surface → entry, for names found by rules.
    by_surface: HashMap<String, usize>,
    /// Lowercase word → `TITLE | ORG_CUE | SUFFIX`: one lookup per word
    /// for all the name rules' word lists.
    cues: HashMap<String, u8>,
    /// Per first byte, a bit per length (63 for longer) of the keys of
    /// `cues`, to skip hashing most words.
    cue_lens: Box<[u64; 256]>,
    /// Lowercase names that are also common words (`next`): a company
    /// only when what follows says so (`Next has said`, `Next's shares`),
    /// never `Next year`.
    common: Vec<String>,
    /// Words after a common-word name that make it a company
    /// (`data/company_next_words.txt`: "Next has said").
    company_next: HashSet<String>,
}

/// A person's title (`CEO`, `Mr`).
const TITLE: u8 = 1;
/// A word before or after an organisation's name (`maker`, `firm`).
const ORG_CUE: u8 = 2;
/// A company suffix (`Inc`, `Ltd`).
const SUFFIX: u8 = 4;

impl Entities {
    pub fn build(rows: GazetteerRows) -> Result<Entities, BuildError> {
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .start_kind(StartKind::Anchored)
            .build(&rows.surfaces)?;
        let mut cues: HashMap<String, u8> = HashMap::default();
        for (file, class) in [
            (include_str!("../data/person_titles.txt"), TITLE),
            (include_str!("../data/org_cues.txt"), ORG_CUE),
            (include_str!("../data/corp_suffixes.txt"), SUFFIX),
        ] {
            for w in words(file) {
                *cues.entry(w).or_default() |= class;
            }
        }
        let mut by_surface = HashMap::default();
        for (i, s) in rows.surfaces.iter().enumerate() {
            by_surface.entry(s.to_lowercase()).or_insert(i);
        }
        Ok(Entities {
            ac,
            entries: rows.entries,
            by_surface,
            cue_lens: {
                let mut lens = Box::new([0u64; 256]);
                for k in cues.keys() {
                    if let Some(&b) = k.as_bytes().first() {
                        lens[usize::from(b)] |= 1 << k.len().min(63);
                    }
                }
                lens
            },
            cues,
            common: words(include_str!("../data/common_word_names.txt"))
                .into_iter()
                .collect(),
            company_next: words(include_str!("../data/company_next_words.txt")),
        })
    }

    /// Whether the name `surface` ending at `rest` may be a company: always,
    /// unless it is also a common word and what follows does not say so.
    fn company_context(&self, surface: &str, rest: &str) -> bool {
        // A handful of names: compared in place, no lowercase copy per match.
        if !self.common.iter().any(|c| c.eq_ignore_ascii_case(surface)) {
            return true;
        }
        let rest = rest.trim_start_matches(' ');
        if rest.starts_with("'s") || rest.starts_with("\u{2019}s") {
            return true;
        }
        let next = rest
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        self.company_next.contains(next.as_str())
    }

    /// The name-rule classes of the lowercase word `w`.
    #[inline]
    fn cue(&self, w: &str) -> u8 {
        let Some(&b) = w.as_bytes().first() else {
            return 0;
        };
        if self.cue_lens[usize::from(b)] & (1 << w.len().min(63)) == 0 {
            return 0;
        }
        self.cues.get(w).copied().unwrap_or(0)
    }

    /// Gazetteer matches in `text[start..end]`, whose lexed tokens are
    /// `toks`, appended to `out`.
    ///
    /// A name starts a token, capitalised or a digit, that does not touch a
    /// letter or digit before it: only there is the automaton run, anchored,
    /// for the longest name starting there; the next search starts after
    /// the name it found, kept or not (`Samsungs` hides `Samsung`).
    pub fn gazetteer(
        &self,
        text: &str,
        start: usize,
        end: usize,
        toks: &[Tok],
        out: &mut Vec<Entity>,
    ) {
        let Some(region) = text.get(start..end) else {
            return;
        };
        let b = region.as_bytes();
        let mut resume = 0;
        for (k, t) in toks.iter().enumerate() {
            let s = t.s - start;
            if s < resume {
                continue;
            }
            let name_start = match t.kind {
                Lx::Word => t.cap,
                Lx::Num => b.get(s).is_some_and(u8::is_ascii_digit),
                Lx::Punct => false,
            };
            // Glued to a word or number before it: inside a longer token.
            let inside = k > 0 && t.glued && toks[k - 1].kind != Lx::Punct;
            if !name_start || inside {
                continue;
            }
            let input = Input::new(region).range(s..).anchored(Anchored::Yes);
            let Some(m) = self.ac.find(input) else {
                continue;
            };
            let e = m.end();
            resume = e;
            let before_ok = s == 0
                || !region[..s]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
            let after_ok = e == b.len()
                || !region[e..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if !before_ok || !after_ok {
                continue;
            }
            let Some(entry) = self.entries.get(m.pattern().as_usize()) else {
                continue;
            };
            if !self.company_context(&region[s..e], &region[e..]) {
                continue;
            }
            out.push(Entity {
                span: Span::from_range(start + s..start + e),
                kind: entry.kind,
                name: entry.canonical.clone(),
                cue: Some("gazetteer".to_string()),
            });
        }
    }

    /// Rule-based names in one sentence: runs of capitalised words not
    /// already covered, typed by their context.
    pub fn rules(&self, s: &Sent, known: &[Entity], out: &mut Vec<Entity>) {
        let n = s.len();
        let covered = |a: usize, b: usize| {
            let sp = s.span(a, b);
            known.iter().any(|e| e.span.overlaps(sp))
        };
        let mut i = 0;
        while i < n {
            if !(s.is(i, Lx::Word) && s.cap(i)) || s.used(i) {
                i += 1;
                continue;
            }
            // A run of capitalised words, allowing `&`, `of`, `de` inside.
            let mut b = i + 1;
            loop {
                let joiner = matches!(s.w(b), "&" | "of" | "de" | "and")
                    && s.is(b + 1, Lx::Word)
                    && s.cap(b + 1)
                    && (s.w(b) == "&" || b + 2 < n && s.is(b + 2, Lx::Word) && s.cap(b + 2));
                let hyphen = s.w(b) == "-"
                    && s.glued(b)
                    && s.is(b + 1, Lx::Word)
                    && s.cap(b + 1)
                    && s.glued(b + 1);
                if s.is(b, Lx::Word) && s.cap(b) && !s.used(b) {
                    b += 1;
                } else if joiner || hyphen {
                    b += 2;
                } else {
                    break;
                }
            }
            let (mut a, e) = (i, b);
            i = b;
            // `Shares of Acme Widgets Inc`: a sentence's first word joined by
            // `of` is not part of the name.
            if a == 0 && s.w(1) == "of" && e > 2 {
                a = 2;
            }
            if covered(a, e) {
                continue;
            }
            let first = s.w(a);
            let first_cue = self.cue(first);
            // A lone sentence-initial word, or a function word, is no name.
            while a < e && (self.cue(s.w(a)) & TITLE != 0 || self.stop_like(s, a)) {
                a += 1;
            }
            if a >= e {
                continue;
            }
            let name_text = s.span(a, e).slice(s.text);
            let last = s.w(e - 1);
            let prev = s.w(a.wrapping_sub(1));
            let prev_cue = if a > 0 { self.cue(prev) } else { 0 };
            let prev_title = a > 0 && (prev_cue & TITLE != 0 || first_cue & TITLE != 0);
            let next = s.w(e);
            let (kind, cue, name_end) = if e - a >= 2 && self.cue(last) & SUFFIX != 0 {
                (EntityKind::Org, last.to_string(), e - 1)
            } else if s.w(e) == "-" && s.w(e + 1) == "based" {
                (EntityKind::Gpe, "based".to_string(), e)
            } else if prev_title {
                (
                    EntityKind::Person,
                    if first_cue & TITLE != 0 {
                        first.to_string()
                    } else {
                        prev.to_string()
                    },
                    e,
                )
            } else if prev_cue & ORG_CUE != 0
                || (e - a >= 1 && !s.cap(e) && self.cue(next) & ORG_CUE != 0)
            {
                let c = if prev_cue & ORG_CUE != 0 { prev } else { next };
                (EntityKind::Org, c.to_string(), e)
            } else if e - a == 2 && matches!(next, "said" | "says" | "told") {
                (EntityKind::Person, next.to_string(), e)
            } else if a == 0 && e - a == 1 {
                continue;
            } else if let Some(&k) = self.by_surface.get(&name_text.to_lowercase()).filter(|_| {
                self.company_context(name_text, s.text.get(s.span(a, e).end()..).unwrap_or(""))
            }) {
                let entry = &self.entries[k];
                out.push(Entity {
                    span: s.span(a, e),
                    kind: entry.kind,
                    name: entry.canonical.clone(),
                    cue: Some("gazetteer".to_string()),
                });
                continue;
            } else {
                continue;
            };
            // Trim trailing `.` of `Inc.` from the name; drop a trailing suffix.
            let mut name = s
                .span(a, name_end)
                .slice(s.text)
                .trim_end_matches([',', '.'])
                .to_string();
            if name.is_empty() {
                name = name_text.to_string();
            }
            let mut end = e;
            if kind == EntityKind::Org && s.w(e) == "." && s.glued(e) {
                end = e + 1;
            }
            out.push(Entity {
                span: s.span(a, end),
                kind,
                name,
                cue: Some(cue),
            });
        }
    }

    fn stop_like(&self, s: &Sent, a: usize) -> bool {
        let w = s.w(a);
        matches!(
            w,
            "the"
                | "a"
                | "an"
                | "in"
                | "on"
                | "at"
                | "but"
                | "and"
                | "for"
                | "its"
                | "it"
                | "this"
                | "that"
                | "as"
                | "by"
                | "with"
                | "from"
                | "of"
                | "to"
                | "he"
                | "she"
                | "they"
                | "we"
                | "i"
                | "after"
                | "while"
                | "when"
                | "if"
                | "however"
                | "meanwhile"
                | "according"
        )
    }
}
