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
    /// Two words before a name that make it a company (`shares in`).
    org_before: Vec<(String, String)>,
}

/// A person's title (`CEO`, `Mr`).
const TITLE: u8 = 1;
/// A word before or after an organisation's name (`maker`, `firm`).
const ORG_CUE: u8 = 2;
/// A company suffix (`Inc`, `Ltd`).
const SUFFIX: u8 = 4;
/// A word inside a name that makes it a company's (`Airways`, `Bank`).
const ORG_WORD: u8 = 8;
/// A capitalised word that starts no company's name (`Monday`, `Christmas`).
const NOT_ORG: u8 = 16;
/// A word after a name or its possessive that makes it a company (`shares`).
const ORG_NEXT: u8 = 32;
/// The cue of a name known as a company from elsewhere in its document.
const DOCUMENT: &str = "document";

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
            (include_str!("../data/org_name_words.txt"), ORG_WORD),
            (include_str!("../data/non_org_words.txt"), NOT_ORG),
            (include_str!("../data/org_next_words.txt"), ORG_NEXT),
        ] {
            for w in words(file) {
                *cues.entry(w).or_default() |= class;
            }
        }
        let org_before: Vec<(String, String)> = words(include_str!("../data/org_before.txt"))
            .into_iter()
            .filter_map(|l| {
                let (a, b) = l.split_once(' ')?;
                Some((a.to_string(), b.trim().to_string()))
            })
            .collect();
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
            org_before,
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
    ///
    /// Runs no rule types are kept in `cands` as company names to be
    /// confirmed by the rest of the document ([`Entities::document`]).
    pub fn rules(&self, s: &Sent, known: &[Entity], out: &mut Vec<Entity>, cands: &mut Vec<Span>) {
        let n = s.len();
        let covered = |a: usize, b: usize| {
            let sp = s.span(a, b);
            known.iter().any(|e| e.span.overlaps(sp))
        };
        let mut i = 0;
        while i < n {
            // `10M unit`: a scale letter glued to a number starts no name.
            let scale = i > 0 && s.glued(i) && s.is(i - 1, Lx::Num);
            if !(s.is(i, Lx::Word) && s.cap(i)) || s.used(i) || scale {
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
                    // `Pearson's Financial Times`: a possessive ends a name.
                    if possessive(s.raw(b - 1)) > 0 {
                        break;
                    }
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
            // `Zorbix's`: the possessive is no part of the name.
            let poss = possessive(s.raw(e - 1));
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
            } else if let Some(c) = self.org_evidence(s, a, e, poss) {
                (EntityKind::Org, c, e)
            } else if e - a == 2 && matches!(next, "said" | "says" | "told") {
                (EntityKind::Person, next.to_string(), e)
            } else if a == 0 && e - a == 1 {
                self.candidate(s, a, e, poss, cands);
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
                self.candidate(s, a, e, poss, cands);
                continue;
            };
            // Trim trailing `.` of `Inc.` from the name; drop a trailing suffix.
            let cut = if name_end == e { poss } else { 0 };
            let name_span = s.span(a, name_end);
            let name_span = Span::from_range(name_span.start()..name_span.end() - cut);
            let mut name = name_span
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
            let span = s.span(a, end);
            let span = Span::from_range(span.start()..span.end() - if end == e { poss } else { 0 });
            out.push(Entity {
                span,
                kind,
                name,
                cue: Some(cue),
            });
        }
    }

    /// Why the run `a..e` (whose last word ends in a possessive of `poss`
    /// bytes) names a company, from the words in and around it: a company
    /// word inside it (`Orbis Bank`), two words before it (`shares in`), a
    /// word after it or its possessive (`Zorbix shares`, `Zorbix's
    /// profits`), or an appositive (`Zorbix, the world's largest brewer,`).
    fn org_evidence(&self, s: &Sent, a: usize, e: usize, poss: usize) -> Option<String> {
        if self.cue(s.w(a)) & NOT_ORG != 0 {
            return None;
        }
        if e - a >= 2 {
            if let Some(w) = (a..e).map(|k| s.w(k)).find(|w| self.cue(w) & ORG_WORD != 0) {
                return Some(w.to_string());
            }
        }
        if a >= 2 {
            let (p2, p1) = (s.w(a - 2), s.w(a - 1));
            if self.org_before.iter().any(|(x, y)| x == p2 && y == p1) {
                return Some(format!("{p2} {p1}"));
            }
        }
        let next = s.w(e);
        // `Operating profit rose`: a sentence's first word alone is a
        // company before `profit` only as a possessive, or before `shares`
        // when no word list knows it (`Zorbix shares`, not `Mining shares`).
        let lone_first = a == 0
            && e == 1
            && poss == 0
            && !(matches!(s.w(e), "shares" | "stock") && self.cue(s.w(a)) == 0);
        if !s.cap(e) && self.cue(next) & ORG_NEXT != 0 && !lone_first {
            return Some(next.to_string());
        }
        // `Novartis' shares`: the possessive written as a lone apostrophe.
        if matches!(next, "'" | "\u{2019}")
            && s.glued(e)
            && !lone_first
            && self.cue(s.w(e + 1)) & ORG_NEXT != 0
        {
            return Some(s.w(e + 1).to_string());
        }
        if poss == 0 && next == "," {
            return self.appositive(s, e + 1);
        }
        None
    }

    /// The company noun of an appositive starting at token `i` (`the
    /// world's fifth-largest brewer`, `a low-fare airline`, `China's
    /// biggest lender`, `one of the largest steel producers`); none when a
    /// person's title comes first (`the firm's chief executive`).
    fn appositive(&self, s: &Sent, i: usize) -> Option<String> {
        let first = s.w(i);
        let opens =
            matches!(first, "the" | "a" | "an" | "one") || s.cap(i) && possessive(s.raw(i)) > 0;
        if !opens {
            return None;
        }
        for k in i..(i + 10).min(s.len()) {
            let w = s.w(k);
            if s.is(k, Lx::Punct) && !matches!(w, "-" | "'" | "\u{2019}") {
                return None;
            }
            let c = self.cue(w);
            if c & TITLE != 0 || matches!(w, "who" | "which" | "that" | "said" | "has" | "is") {
                return None;
            }
            // The noun ends the appositive (`Besides, the company has`
            // is no appositive).
            let ends = s.is(k + 1, Lx::Punct) && s.w(k + 1) != "'"
                || matches!(s.w(k + 1), "of" | "in" | "for" | "with" | "and" | "");
            if c & ORG_CUE != 0 && possessive(s.raw(k)) == 0 && ends {
                return Some(w.to_string());
            }
        }
        None
    }

    /// Keeps the untyped run `a..e` as a company name the document may
    /// confirm elsewhere, unless its first word starts no company's name.
    fn candidate(&self, s: &Sent, a: usize, e: usize, poss: usize, cands: &mut Vec<Span>) {
        if self.cue(s.w(a)) & (NOT_ORG | TITLE) != 0 {
            return;
        }
        let span = s.span(a, e);
        cands.push(Span::from_range(span.start()..span.end() - poss));
    }

    /// Document-level names: a company a rule found in one sentence
    /// (`Zorbix Airways`) makes its other mentions, and its first word
    /// alone (`Zorbix`), companies wherever they stand in `cands`, as
    /// the first word of a gazetteer company does (`Marsh`); a two-word
    /// "person" before `said` who is such a company becomes one. A word
    /// that is the surname of a person of the document is never taken,
    /// nor a name typed only by the company noun after it (the headline
    /// `Wembley firm to cut jobs`). A first word stands for the full name
    /// only after it, or in the headline (text before `headline_end`):
    /// `MMC's history ... its MMC Capital unit` names two companies.
    /// Appends to `entities` (of `text`) and keeps them in text order.
    pub fn document(
        &self,
        text: &str,
        headline_end: usize,
        entities: &mut Vec<Entity>,
        cands: &[Span],
    ) {
        // Lowercase name -> (canonical name, where it may first be used).
        let mut known: HashMap<String, (String, usize)> = HashMap::default();
        let mut surnames: HashSet<String> = HashSet::default();
        for e in entities.iter() {
            match e.kind {
                EntityKind::Person => {
                    if let Some(last) = e.name.split(' ').next_back() {
                        surnames.insert(last.to_ascii_lowercase());
                    }
                }
                EntityKind::Org => {
                    let gazetteer = e.cue.as_deref() == Some("gazetteer");
                    let descriptor = e.cue.as_deref().is_some_and(|c| {
                        text.get(e.span.end()..)
                            .and_then(|r| r.trim_start().get(..c.len()))
                            .is_some_and(|w| w.eq_ignore_ascii_case(c))
                    });
                    // A one-word gazetteer name has no first word to lend.
                    if descriptor || gazetteer && !e.name.contains(' ') {
                        continue;
                    }
                    let lc = e.name.to_ascii_lowercase();
                    let mut ws = lc.split(' ');
                    if let (Some(first), Some(_)) = (ws.next(), ws.next()) {
                        if first.len() >= 3
                            && self.cue(first) & (NOT_ORG | ORG_WORD | ORG_CUE | TITLE) == 0
                            && !known.contains_key(first)
                        {
                            known.insert(first.to_string(), (e.name.clone(), e.span.start()));
                        }
                    }
                    if !gazetteer {
                        known.insert(lc, (e.name.clone(), 0));
                    }
                }
                _ => {}
            }
        }
        if known.is_empty() {
            return;
        }
        for e in entities.iter_mut() {
            if e.kind == EntityKind::Person
                && matches!(e.cue.as_deref(), Some("said" | "says" | "told"))
            {
                if let Some((c, _)) = known.get(&e.name.to_ascii_lowercase()) {
                    e.kind = EntityKind::Org;
                    e.name = c.clone();
                    e.cue = Some(DOCUMENT.to_string());
                }
            }
        }
        let before = entities.len();
        let mut lc = String::new();
        for &span in cands {
            lc.clear();
            lc.push_str(span.slice(text));
            lc.make_ascii_lowercase();
            if surnames.contains(&lc) {
                continue;
            }
            let start = span.start();
            if let Some((name, _)) = known
                .get(&lc)
                .filter(|(_, from)| start >= *from || start < headline_end)
            {
                entities.push(Entity {
                    span,
                    kind: EntityKind::Org,
                    name: name.clone(),
                    cue: Some(DOCUMENT.to_string()),
                });
            }
        }
        if entities.len() > before {
            entities.sort_by_key(|e| (e.span.start(), std::cmp::Reverse(e.span.end())));
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

/// The length in bytes of a possessive `'s` ending the word `w` (0 if none).
fn possessive(w: &str) -> usize {
    ["'s", "\u{2019}s", "'S"]
        .iter()
        .find(|p| w.len() > p.len() && w.ends_with(*p))
        .map_or(0, |p| p.len())
}
