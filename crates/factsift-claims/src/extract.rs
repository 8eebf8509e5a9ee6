//! The extraction algorithm: one pass over a document's sentences, turning
//! each tagged number into at most one fact.

use crate::lexicon::{
    CLASS_ANY, CLASS_NONE, Cat, Hit, K_COUNT, K_MONEY, K_PERCENT, K_RANK, Lexicon, PROFIT_NET,
    PROFIT_PRETAX, Place,
};
use crate::time::{self, Basis};
use factsift_core::{
    Bound, Document, Entity, EntityKind, Fact, Period, Quantity, QuantityKind, Source, Tags,
    TimeMention, Token, TokenKind, Tokenized,
};
use std::borrow::Cow;
use std::collections::HashMap;

/// A cue found in a sentence: where, and what it means.
#[derive(Clone, Copy, Debug)]
struct Cue {
    start: usize,
    end: usize,
    cat: Cat,
    /// Trigger index, noun class index, or value index, per category.
    value: usize,
}

/// A reference to a possible subject inside a sentence.
#[derive(Clone, Debug)]
struct Mention {
    start: usize,
    end: usize,
    /// The canonical name it stands for, when known.
    name: Option<String>,
    anaphor: bool,
    product: bool,
    reporter: bool,
    object: bool,
    /// Words after the number within which an agent cue before the name
    /// ("by X", "lost at X") makes it the subject; 0 when none.
    agent: usize,
}

impl Mention {
    /// A company named in the text, with no role cue around it.
    fn company(start: usize, end: usize, name: Option<String>) -> Mention {
        Mention {
            start,
            end,
            name,
            anaphor: false,
            product: false,
            reporter: false,
            object: false,
            agent: 0,
        }
    }
}

/// Token positions of the whole document, for token distances.
struct Positions {
    starts: Vec<usize>,
}

impl Positions {
    fn new(tokens: &[Token]) -> Positions {
        let mut starts: Vec<usize> = tokens.iter().map(|t| t.span.start()).collect();
        starts.sort_unstable();
        Positions { starts }
    }

    /// Number of tokens starting before byte `at`.
    fn at(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s < at)
    }

    /// Tokens between byte `a` (an end) and byte `b` (a start), 0 if `b <= a`.
    fn between(&self, a: usize, b: usize) -> usize {
        if b <= a {
            0
        } else {
            self.at(b).saturating_sub(self.at(a))
        }
    }
}

/// What a number takes over from the fact right before it (see
/// `Doc::copied`).
#[derive(Clone, Copy, Debug)]
struct Copied {
    /// Index of the metric it takes.
    metric: usize,
    /// Its value is negated (an earlier level of a loss).
    neg: bool,
    /// How it relates to that fact.
    kind: CopyKind,
}

/// How a number relates to the fact whose metric it takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CopyKind {
    /// An earlier level of the same figure ("$1.13bn ..., from $639m").
    EarlierLevel,
    /// A bare count next in a list ("3,400 from operations and 2,600
    /// across legal"), or the level a change reaches ("is increasing its
    /// dividend by 26% to 8.5 cents"): it also takes the modality of the
    /// one before.
    Listed,
    /// A change stated again in another unit ("6.2% - or $2.40").
    Change,
    /// What others expected of the figure before it ("to £546m, ahead of
    /// analysts' forecasts of £532m"): a forecast.
    Expected,
}

/// What a number measures.
struct Choice {
    metric: usize,
    neg: bool,
    change: bool,
    /// Byte where the deciding trigger starts (for modality).
    trigger_start: usize,
    /// The metric was taken from an earlier sentence ("such numbers
    /// represent a 70 percent increase"): so is the period.
    anaphoric: bool,
}

/// What the extractor knows of the sentence being read.
struct Sent<'s> {
    s0: usize,
    cues: &'s [Cue],
    entities: &'s [&'s Entity],
    mentions: &'s [Mention],
    times: &'s [&'s TimeMention],
    /// Spans of the sentence's numbers (conversions left out).
    others: &'s [(usize, usize)],
    topic: Option<&'s str>,
    source: &'s Source,
}

/// Per-paragraph reading context.
#[derive(Default)]
struct Context {
    period: Option<Period>,
    last_metric: Option<usize>,
    /// The paragraph's last geographic scope and the (base) metric and
    /// subject it was stated for.
    scope: Option<(String, String, String)>,
    /// Ordinal of the sentence being read, and of the one `scope` was
    /// stated in: a scope carries to the next sentence only.
    sentence: usize,
    scope_sentence: usize,
    /// The last period of each granularity the document stated, kept
    /// across paragraphs: "Turnover for the quarter" after "the three
    /// months to 31 December 2004" two paragraphs up.
    recent: Vec<Period>,
}

impl Context {
    /// The paragraph's period when of granularity `want`, else (with
    /// `whole_doc`, for an undated article, which has no publication date
    /// to anchor on) the document's last stated one of that granularity.
    fn recall(&self, want: &str, whole_doc: bool) -> Option<Period> {
        if let Some(p) = &self.period {
            if want == "any" || time::granularity(p) == want {
                return Some(p.clone());
            }
        }
        if want == "any" || !whole_doc {
            return None;
        }
        self.recent
            .iter()
            .find(|p| time::granularity(p) == want)
            .cloned()
    }

    fn remember(&mut self, p: Period) {
        self.recent
            .retain(|r| time::granularity(r) != time::granularity(&p));
        self.recent.push(p.clone());
        self.period = Some(p);
    }
}

struct Doc<'a> {
    lex: &'a Lexicon,
    text: &'a str,
    /// Spans of capitalised descriptors that name no company.
    descriptors: Vec<(usize, usize)>,
    pos: Positions,
    tokens: Cow<'a, [Token]>,
    homes: HashMap<String, String>,
    doc_year: Option<i32>,
    published: Option<factsift_core::Date>,
    /// The most named company, reporters included.
    main: Option<String>,
}

/// More numbers than any written claim holds: a sentence with more is a
/// table or a dump of numbers, and no fact is read from it. Each fact cites
/// its whole sentence, so reading one from every number would make the
/// output grow with the square of the sentence's length.
const MAX_SENTENCE_QUANTITIES: usize = 64;

pub(crate) fn extract(
    lex: &Lexicon,
    doc: &Document,
    tokenized: &Tokenized,
    tags: &Tags,
) -> Vec<Fact> {
    let text = doc.text.as_str();
    let lower = text.to_ascii_lowercase();
    let hits = lex.scan(&lower, &sentence_ranges(tokenized));
    // The tokenizer gives tokens in text order; only a caller's own
    // `Tokenized` may need a sorted copy.
    let tokens: Cow<[Token]> = if tokenized.tokens.is_sorted_by_key(|t| t.span.start()) {
        Cow::Borrowed(&tokenized.tokens)
    } else {
        let mut tokens = tokenized.tokens.clone();
        tokens.sort_by_key(|t| t.span.start());
        Cow::Owned(tokens)
    };
    let pos = Positions::new(&tokens);

    let mut entities: Vec<&Entity> = tags
        .entities
        .iter()
        .filter(|e| e.span.end() <= text.len())
        .collect();
    entities.sort_by_key(|e| (e.span.start(), e.span.end()));
    // A word the tagger took for a company only because a company noun
    // follows it, named once ("Brewing giant Inbev", "The High Street
    // retailer", the headline "Steel firm to cut jobs"), is a descriptor.
    let mut named: HashMap<&str, usize> = HashMap::new();
    for e in &entities {
        *named.entry(e.name.as_str()).or_default() += 1;
    }
    let mut descriptors: Vec<(usize, usize)> = Vec::new();
    entities.retain(|e| {
        let descriptor = e.kind == EntityKind::Org
            && named.get(e.name.as_str()).copied().unwrap_or(0) == 1
            && e.cue.as_deref().is_some_and(|c| {
                c != "gazetteer"
                    && lex.heads.contains(c)
                    && text.get(e.span.end()..).is_some_and(|r| {
                        r.trim_start()
                            .get(..c.len())
                            .is_some_and(|w| w.eq_ignore_ascii_case(c))
                    })
            });
        if descriptor {
            descriptors.push((e.span.start(), e.span.end()));
        }
        !descriptor
    });
    let mut quantities: Vec<(usize, &Quantity)> = tags
        .quantities
        .iter()
        .enumerate()
        .filter(|(_, q)| q.span.end() <= text.len() && q.value.is_finite())
        .collect();
    quantities.sort_by_key(|(_, q)| (q.span.start(), q.span.end()));
    let mut times: Vec<&TimeMention> = tags
        .times
        .iter()
        .filter(|t| t.span.end() <= text.len())
        .collect();
    times.sort_by_key(|t| (t.span.start(), t.span.end()));

    let mut d = Doc {
        lex,
        text,
        descriptors,
        pos,
        tokens,
        homes: HashMap::new(),
        doc_year: dominant_year(text, &times),
        published: doc.date,
        main: None,
    };
    d.learn_homes(&entities);
    d.main = d.main_entity(&entities);
    let main = d.main.clone();
    let mut freq: HashMap<String, usize> = HashMap::new();
    for e in entities.iter().filter(|e| e.kind == EntityKind::Org) {
        *freq.entry(e.name.clone()).or_default() += 1;
    }

    let mut sentences: Vec<&factsift_core::Sentence> = tokenized
        .sentences
        .iter()
        .filter(|s| s.span.end() <= text.len())
        .collect();
    sentences.sort_by_key(|s| s.span.start());

    let mut facts = Vec::new();
    let mut industry_facts: Vec<usize> = Vec::new();
    let mut topic: Option<String> = main.clone();
    let mut ctx = Context::default();
    let mut prev_end = 0usize;
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for sentence in sentences {
        let (s0, s1) = (sentence.span.start(), sentence.span.end());
        if s0 < prev_end {
            continue; // overlapping sentences: keep the first
        }
        spans.push((s0, s1));
        if text.get(prev_end..s0).is_some_and(|gap| gap.contains('\n')) {
            ctx = Context {
                recent: std::mem::take(&mut ctx.recent),
                ..Context::default()
            };
        }
        prev_end = s1;
        ctx.sentence = spans.len();
        let cues = d.cues(&hits, s0, s1);
        let sent_entities: Vec<&Entity> = in_span(&entities, s0, s1, |e| e.span)
            .iter()
            .copied()
            .filter(|e| e.span.end() <= s1)
            .collect();
        let sent_times: Vec<&TimeMention> = in_span(&times, s0, s1, |t| t.span)
            .iter()
            .copied()
            .filter(|t| t.span.end() <= s1)
            .collect();
        let mut learned = Vec::new();
        let mentions = d.mentions(
            &cues,
            &sent_entities,
            &sent_times,
            topic.as_deref(),
            (s0, s1),
            &mut learned,
        );
        for (company, country) in learned {
            d.homes.entry(company).or_insert(country);
        }
        let mut sent_quantities = in_span(&quantities, s0, s1, |(_, q)| q.span);
        if sent_quantities.len() > MAX_SENTENCE_QUANTITIES {
            sent_quantities = &[];
        }
        let source = Source {
            doc: doc.id.clone(),
            start: s0,
            end: s1,
            text: text.get(s0..s1).unwrap_or("").to_string(),
        };
        let others: Vec<(usize, usize)> = sent_quantities
            .iter()
            .filter(|(_, q)| q.conversion_of.is_none())
            .map(|(_, q)| (q.span.start(), q.span.end()))
            .collect();
        let sent = Sent {
            s0,
            cues: &cues,
            entities: &sent_entities,
            mentions: &mentions,
            times: &sent_times,
            others: &others,
            topic: topic.as_deref(),
            source: &source,
        };
        let mut first_period: Option<Period> = None;
        let mut last: Option<(usize, Fact)> = None;
        for &(_, q) in sent_quantities {
            let Some(fact) = d.fact(q, &sent, &ctx, last.as_ref()) else {
                continue;
            };
            // "from 62% at the end of 2003 to 68%": the earlier level of a
            // comparison does not say what the paragraph is about.
            if first_period.is_none() && !d.is_earlier_level(q, &cues) {
                first_period = fact
                    .period
                    .as_deref()
                    .and_then(|p| p.parse::<Period>().ok());
            }
            if let Some(m) = lex
                .metrics
                .iter()
                .position(|m| *m == fact.metric.trim_end_matches("_change"))
            {
                ctx.last_metric = Some(m);
            }
            if let Some(sc) = &fact.scope {
                ctx.scope_sentence = ctx.sentence;
                ctx.scope = Some((
                    fact.metric.trim_end_matches("_change").to_string(),
                    fact.subject.clone(),
                    sc.clone(),
                ));
            }
            last = Some((q.span.end(), fact.clone()));
            // "Sales across the industry fell to 1.25 million vehicles": a
            // whole industry's figure, in a sentence naming no company, tells
            // what the article counts (the passes below read it) but is no
            // company's fact.
            let industry = cues
                .iter()
                .any(|c| c.cat == Cat::Industry && c.end <= q.span.start())
                && !sent_entities.iter().any(|e| e.kind == EntityKind::Org);
            if industry {
                industry_facts.push(facts.len());
            }
            facts.push(fact);
        }
        // The paragraph's period: the last period this sentence states, or
        // that of its first fact.
        let stated = sent_times
            .iter()
            .rev()
            .filter(|t| {
                // Times of a comparison ("compared with 984m euros in 2003")
                // are not what the paragraph is about.
                !cues.iter().any(|c| {
                    (matches!(c.cat, Cat::Vs | Cat::Per)
                        && overlaps(c.start, c.end, t.span.start(), t.span.end()))
                        || (matches!(c.cat, Cat::ComparePre | Cat::FromPre)
                            && c.end <= t.span.start())
                }) && !d.deadline(t, s0)
                    && !d.outlook(t, s0, &cues)
                    // An undated article: a time the tagger could not place
                    // ("in a third quarter when fuel costs rose") was only
                    // guessed from the paragraph's period; it does not replace it.
                    && (d.published.is_some() || t.period.is_some() || ctx.period.is_none())
            })
            .find_map(|t| d.period_of(t, &cues, &ctx));
        let stated = first_period.or(stated);
        if stated.is_some() {
            if let Some(p) = stated {
                ctx.remember(p);
            }
        }
        if let Some(t) = d.next_topic(&mentions, s0, &freq) {
            topic = Some(t);
        }
    }
    d.by_volume(&mut facts, &hits);
    d.carry_pretax(&mut facts, &hits, &spans, &entities);
    lead_scope(text, lex, &hits, &mut facts);
    if !industry_facts.is_empty() {
        let mut i = 0;
        facts.retain(|_| {
            i += 1;
            !industry_facts.contains(&(i - 1))
        });
    }
    facts
}

/// The byte ranges the document's sentences cover, overlaps joined, in
/// text order.
fn sentence_ranges(tokenized: &Tokenized) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = tokenized
        .sentences
        .iter()
        .map(|s| (s.span.start(), s.span.end()))
        .collect();
    spans.sort_unstable();
    let mut ranges: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        match ranges.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => ranges.push((start, end)),
        }
    }
    ranges
}

/// How many non-empty lines (headline, intro, paragraphs) an opening's
/// market reaches: a long article moves on to other markets.
const LEAD_SCOPE_LINES: usize = 8;

/// Byte where the `n`-th non-empty line (1-based) ends: with 3, the
/// headline, the intro and the first paragraph.
fn lines_end(text: &str, n: usize) -> usize {
    text.split_inclusive('\n')
        .scan(0, |at, l| {
            *at += l.len();
            Some((*at, l))
        })
        .filter(|(_, l)| !l.trim().is_empty())
        .take(n)
        .last()
        .map_or(0, |(end, _)| end)
}

/// The market an article's opening reports unit sales in ("US sales at GM
/// sank 12.7%") is the market of its later unit sales figures that name
/// none ("Toyota sales jumped 11%"), up to [`LEAD_SCOPE_LINES`] lines in
/// and until the text names another place or the world ("global sales").
/// Money figures (revenue, profit) are a company's totals, so they take
/// no market from the opening.
fn lead_scope(text: &str, lex: &Lexicon, hits: &[Hit], facts: &mut [Fact]) {
    let units = |f: &Fact| f.metric.trim_end_matches("_change") == "shipments";
    let lead = lines_end(text, 3);
    let Some((from, to, scope)) = facts
        .iter()
        .filter(|f| units(f))
        .filter_map(|f| {
            let s = f.sources.first()?;
            Some((s.start, s.end, f.scope.clone()?))
        })
        .find(|&(start, ..)| start < lead)
    else {
        return;
    };
    // A later figure in another market ("UK sales rose 3%"; a nationality
    // such as "Asian carmakers" is none) or "worldwide" ends its reach.
    let other_place = facts
        .iter()
        .filter_map(|f| Some((f.sources.first()?.start, f.scope.as_ref()?)))
        .filter(|&(start, s)| start >= to && *s != scope)
        .map(|(start, _)| start)
        .min();
    let world = hits
        .iter()
        .find(|h| {
            h.start >= to
                && lex
                    .meanings
                    .get(h.phrase)
                    .is_some_and(|ms| ms.iter().any(|m| m.cat == Cat::Worldwide))
        })
        .map(|h| h.start);
    let stop = [other_place, world]
        .into_iter()
        .flatten()
        .fold(lines_end(text, LEAD_SCOPE_LINES), usize::min);
    // In the opening itself, only the sentence that names the market and
    // the one right after it ("Meanwhile, Toyota sales jumped 11%").
    let carries = |start: usize| {
        (start >= lead && start < stop)
            || start == from
            || (start >= to
                && start < stop
                && text
                    .get(to..start)
                    .is_some_and(|g| g.trim_start_matches([' ', '\t']).is_empty()))
    };
    for f in facts.iter_mut() {
        if f.scope.is_none() && units(f) && f.sources.first().is_some_and(|s| carries(s.start)) {
            f.scope = Some(scope.clone());
        }
    }
}

/// The items of a list sorted by span start whose span starts in `s0..s1`.
fn in_span<T>(items: &[T], s0: usize, s1: usize, span: impl Fn(&T) -> factsift_core::Span) -> &[T] {
    let a = items.partition_point(|x| span(x).start() < s0);
    let b = items.partition_point(|x| span(x).start() < s1);
    items.get(a..b.max(a)).unwrap_or(&[])
}

fn overlaps(a0: usize, a1: usize, b0: usize, b1: usize) -> bool {
    a0 < b1 && b0 < a1
}

/// The year the document reports on, as a careful reader infers it when
/// the page has no date: each explicit year votes for itself, a year of a
/// comparison ("up 27% from its 2003 performance") for the year after, a
/// year of an outlook ("For 2005, it is projecting") for the year before.
fn dominant_year(text: &str, times: &[&TimeMention]) -> Option<i32> {
    // Votes and the first position of each year.
    let mut votes: HashMap<i32, usize> = HashMap::new();
    // Years read off a mention as it is or from a comparison, not from an
    // outlook word alone.
    let mut firm: Vec<i32> = Vec::new();
    // The headline and the lead: the first two non-empty lines.
    let lead = text
        .split_inclusive('\n')
        .scan(0, |at, l| {
            *at += l.len();
            Some((*at, l))
        })
        .filter(|(_, l)| !l.trim().is_empty())
        .nth(1)
        .map_or(0, |(end, _)| end);
    let window = |a: usize, b: usize| {
        let mut a = a;
        while a > 0 && !text.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = b.min(text.len());
        while b < text.len() && !text.is_char_boundary(b) {
            b += 1;
        }
        text.get(a..b).unwrap_or("").to_ascii_lowercase()
    };
    for t in times {
        let Some(Period::Year(y)) = t.period else {
            continue;
        };
        let start = t.span.start();
        // A decade ("the early 1980s") is history, not the year reported on.
        let tail = window(t.span.end().saturating_sub(1), t.span.end() + 1);
        if tail.ends_with('s') || tail.starts_with('s') {
            continue;
        }
        let before = window(start.saturating_sub(40), start);
        // Only this sentence's words.
        let before = before.rsplit(". ").next().unwrap_or("");
        let before = before.rsplit('\n').next().unwrap_or("");
        let near: Vec<&str> = before.split_whitespace().rev().take(5).collect();
        let wider: Vec<&str> = before.split_whitespace().rev().take(8).collect();
        // "December 2004": a date, no comparison's year.
        let dated = near
            .first()
            .is_some_and(|w| crate::time::is_calendar_word(w.trim_end_matches(',')));
        // "by 2007", "until 2010": a deadline says only that the year
        // reported on is earlier, not which one.
        if near
            .first()
            .is_some_and(|w| matches!(*w, "by" | "until" | "till"))
        {
            continue;
        }
        // "than in 2003", but not a bound ("more than 40% in 2004").
        let compare_at = near
            .iter()
            .enumerate()
            .find_map(|(i, w)| {
                (matches!(
                    *w,
                    "than" | "with" | "from" | "against" | "since" | "on" | "to" | "after"
                ) && !(*w == "than"
                    && i > 0
                    && near.get(i - 1).is_some_and(|n| {
                        n.starts_with(|c: char| c.is_ascii_digit() || "$£€¥".contains(c))
                    })
                    && near
                        .get(i + 1)
                        .is_some_and(|b| matches!(*b, "more" | "less" | "fewer" | "rather"))))
                .then_some(i)
            })
            .filter(|_| !dated)
            // "compared with a loss of 984m euros in 2003", "the same period in 2003".
            .or_else(|| {
                wider
                    .iter()
                    .position(|w| *w == "compared" || *w == "against")
                    .or_else(|| {
                        (near.contains(&"same") && near.iter().any(|w| w.starts_with("period")))
                            .then_some(4)
                    })
                    .map(|i| i.max(2))
            });
        // The outlook: a future word around the year, or a hedged one
        // earlier in its sentence ("warned that earnings in 2005 may also
        // slide").
        let sentence_before = window(start.saturating_sub(200), start);
        let sentence_before = sentence_before.rsplit(". ").next().unwrap_or("");
        let sentence_before = sentence_before.rsplit('\n').next().unwrap_or("");
        let around = window(start.saturating_sub(60), t.span.end() + 60);
        let outlook = [
            "expect", "project", "forecast", "predict", "will ", "plan", "target", "outlook",
        ]
        .iter()
        .any(|w| around.contains(w))
            || [
                " may ",
                "warn",
                "look forward",
                "hope",
                " aim",
                "likely",
                "set to",
                "recovery",
                "optimistic",
                "confident",
            ]
            .iter()
            .any(|w| sentence_before.contains(w));
        // "slower than in 2004": a comparison right before the year wins.
        // "expects the merger to boost earnings from 2007": with an outlook,
        // "from" starts a future span, it compares nothing.
        let start_of_span = outlook
            && compare_at == Some(0)
            && near.first().is_some_and(|w| *w == "from")
            && near.get(1).is_some_and(|w| {
                !w.ends_with('%')
                    && !w.starts_with(|c: char| c.is_ascii_digit() || "$£€¥".contains(c))
                    && !matches!(*w, "up" | "down" | "rise" | "fall" | "rose" | "fell")
            });
        let year = match compare_at {
            _ if start_of_span => y - 1,
            Some(i) if i <= 1 => y + 1,
            _ if outlook => y - 1,
            Some(_) => y + 1,
            None => y,
        };
        // The headline and the lead state what the article reports on.
        *votes.entry(year).or_default() += if start < lead { 2 } else { 1 };
        if year >= y {
            firm.push(year);
        }
    }
    // One outlook word near a single year ("In 2003, the firm launched an
    // ambitious plan to triple sales by 2007") is too weak a guess: the
    // article names no year it reports on.
    votes
        .into_iter()
        .max_by_key(|&(y, n)| (n, y))
        .filter(|&(y, n)| n >= 2 || firm.contains(&y))
        .map(|(y, _)| y)
}

impl Doc<'_> {
    /// An article that counts its sales in units ("1.25 million vehicles")
    /// and never states them in money reports its sales changes by volume:
    /// "GM sales sank 12.7%" is a shipments change. A sentence with a
    /// money-only trigger ("revenue", "turnover") keeps its money reading.
    /// A report that calls a company's profit "pre-tax" once means the same
    /// measure when it later (or in its headline) says just "profits": the
    /// bare profit facts of that company become `pretax_profit`, unless the
    /// report also names the company's net profit, or the fact's own sentence
    /// says "net".
    fn carry_pretax(
        &self,
        facts: &mut [Fact],
        hits: &[Hit],
        spans: &[(usize, usize)],
        entities: &[&Entity],
    ) {
        let lex = self.lex;
        // (hit start, true for pre-tax / false for an explicit net profit)
        let marks: Vec<(usize, bool)> = hits
            .iter()
            .filter_map(|h| match lex.profit_kind.get(h.phrase).copied() {
                Some(PROFIT_PRETAX) => Some((h.start, true)),
                Some(PROFIT_NET) => Some((h.start, false)),
                _ => None,
            })
            .collect();
        if !marks.iter().any(|m| m.1) {
            return;
        }
        let sentence_of = |at: usize| spans.iter().copied().find(|&(a, b)| a <= at && at < b);
        let mut pre: Vec<String> = Vec::new();
        let mut net: Vec<String> = Vec::new();
        let mut net_sentences: Vec<usize> = Vec::new();
        for &(at, is_pre) in &marks {
            let Some((s0, s1)) = sentence_of(at) else {
                continue;
            };
            if !is_pre {
                net_sentences.push(s0);
            }
            // Whose profit: a profit fact of the sentence, else the company
            // named last before the phrase, else the sentence's first one.
            let in_sentence = |f: &&Fact| f.sources.first().is_some_and(|s| s.start == s0);
            let subject = facts
                .iter()
                .filter(in_sentence)
                .find(|f| f.metric.contains("profit"))
                .or_else(|| facts.iter().find(in_sentence))
                .map(|f| f.subject.clone())
                .or_else(|| {
                    let orgs = entities
                        .iter()
                        .filter(|e| e.kind == EntityKind::Org)
                        .filter(|e| e.span.start() >= s0 && e.span.end() <= s1);
                    orgs.clone()
                        .rfind(|e| e.span.end() <= at)
                        .or_else(|| orgs.clone().next())
                        .map(|e| e.name.clone())
                });
            if let Some(sub) = subject {
                let lower = sub.to_lowercase();
                if is_pre {
                    pre.push(lower)
                } else {
                    net.push(lower)
                }
            }
        }
        // "a 1% fall in profits in its UK retail division": a part's
        // profits are not the group's pre-tax measure.
        let part_sentences: Vec<usize> = hits
            .iter()
            .filter(|h| {
                lex.meanings
                    .get(h.phrase)
                    .is_some_and(|m| m.iter().any(|m| m.cat == Cat::Division))
            })
            .filter_map(|h| sentence_of(h.start).map(|(a, _)| a))
            .collect();
        for f in facts.iter_mut() {
            let base = f.metric.trim_end_matches("_change");
            if base != "profit" {
                continue;
            }
            let sub = f.subject.to_lowercase();
            if !pre.contains(&sub) || net.contains(&sub) {
                continue;
            }
            if f.sources
                .first()
                .is_some_and(|s| part_sentences.contains(&s.start))
            {
                continue;
            }
            if f.sources
                .first()
                .is_some_and(|s| net_sentences.contains(&s.start))
            {
                continue;
            }
            f.metric = if f.metric.ends_with("_change") {
                "pretax_profit_change".to_string()
            } else {
                "pretax_profit".to_string()
            };
        }
    }

    fn by_volume(&self, facts: &mut [Fact], hits: &[Hit]) {
        let lex = self.lex;
        let metric = |name: &str| lex.metrics.iter().position(|m| m == name);
        let (Some(revenue), Some(shipments)) = (metric("revenue"), metric("shipments")) else {
            return;
        };
        let units = facts.iter().any(|f| f.metric == "shipments");
        let money = facts.iter().any(|f| f.metric == "revenue");
        if !units || money {
            return;
        }
        for f in facts.iter_mut().filter(|f| f.metric == "revenue_change") {
            let money_word = f.sources.iter().any(|s| {
                let cues = self.cues(hits, s.start, s.end);
                let of = |c: &Cue| {
                    lex.triggers
                        .get(c.value)
                        .and_then(|t| t.metric)
                        .filter(|_| c.cat == Cat::Metric)
                };
                cues.iter().any(|c| {
                    of(c) == Some(revenue)
                        && !cues.iter().any(|o| {
                            o.start == c.start && o.end == c.end && of(o) == Some(shipments)
                        })
                })
            });
            if !money_word {
                f.metric = "shipments_change".to_string();
            }
        }
    }

    /// The cues of one sentence, with phrases inside a longer phrase dropped.
    fn cues(&self, hits: &[Hit], s0: usize, s1: usize) -> Vec<Cue> {
        // The sentence's hits, read in place: they are sorted by start, and
        // one that runs past the sentence's end is skipped where it is met.
        let first = hits.partition_point(|h| h.start < s0);
        let window = &hits[first..];
        let window = &window[..window.partition_point(|h| h.start < s1)];
        let in_sentence = |o: &Hit| o.end <= s1;
        // Most phrases have one or two meanings.
        let mut cues = Vec::with_capacity(2 * window.len());
        for (i, h) in window.iter().enumerate().filter(|(_, h)| in_sentence(h)) {
            let meanings = self
                .lex
                .meanings
                .get(h.phrase)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            // Hits are ordered by start: a containing hit starts at most
            // `max_phrase` bytes before this one, or at the same byte.
            let lo = window[..i].partition_point(|o| o.start + self.lex.max_phrase < h.start);
            let hi = i + window[i..].partition_point(|o| o.start <= h.start);
            let longer = || {
                window[lo..hi].iter().filter(|o| {
                    in_sentence(o)
                        && o.start <= h.start
                        && h.end <= o.end
                        && (o.end - o.start) > (h.end - h.start)
                })
            };
            for m in meanings {
                // A phrase inside a longer one of the same category yields to it
                // ("operating loss" over "loss"); cues that mislead inside any
                // longer phrase ("up" in "opened up", "a year" in "a year
                // earlier") yield to every category.
                let misleading = matches!(
                    m.cat,
                    Cat::Change
                        | Cat::Per
                        | Cat::Anaphor
                        | Cat::Now
                        | Cat::Market
                        | Cat::LevelPre
                        | Cat::FromPre
                        | Cat::ObjectPre
                        | Cat::ComparePre
                );
                let shadowed = longer().any(|o| {
                    misleading
                        || self
                            .lex
                            .meanings
                            .get(o.phrase)
                            .is_some_and(|om| om.iter().any(|x| x.cat == m.cat))
                });
                if !shadowed {
                    cues.push(Cue {
                        start: h.start,
                        end: h.end,
                        cat: m.cat,
                        value: m.value,
                    });
                }
            }
        }
        cues
    }

    fn value(&self, cue: &Cue) -> &str {
        self.lex
            .values
            .get(cue.value)
            .map(String::as_str)
            .unwrap_or("")
    }

    fn token_text(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .map(|t| t.span.slice(self.text))
            .unwrap_or("")
    }

    /// Companies' home countries that the document states: a place right
    /// before a company's descriptor ("Chinese computer firm Lenovo",
    /// "China-based vendor Xiaomi").
    fn learn_homes(&mut self, entities: &[&Entity]) {
        // The nearest place before each company, tracked as we go: searching
        // back from every company made long documents quadratic.
        let mut last_place: Option<&Entity> = None;
        for e in entities {
            if e.kind == EntityKind::Gpe {
                last_place = Some(e);
            }
            if e.kind != EntityKind::Org {
                continue;
            }
            let Some(g) = last_place else {
                continue;
            };
            let gap = self.text.get(g.span.end()..e.span.start()).unwrap_or("");
            if gap.len() > 40 || gap.is_empty() {
                continue;
            }
            // "Chinese computer firm Lenovo", "China-based vendor Xiaomi".
            let words: Vec<&str> = gap.split([' ', '-']).filter(|w| !w.is_empty()).collect();
            let descriptor = gap
                .chars()
                .all(|c| c.is_lowercase() || c == ' ' || c == '-')
                && words.len() <= 4
                && words.last().is_some_and(|w| self.lex.heads.contains(*w));
            if descriptor {
                self.homes
                    .entry(e.name.to_lowercase())
                    .or_insert_with(|| g.name.clone());
            }
        }
    }

    /// The document's main company: the most often named one that is not a
    /// reporter.
    fn main_entity(&self, entities: &[&Entity]) -> Option<String> {
        let mut counts: Vec<(String, usize, usize, bool)> = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            if e.kind != EntityKind::Org || e.name.is_empty() {
                continue;
            }
            match counts.iter_mut().find(|(n, ..)| *n == e.name) {
                Some(c) => c.1 += 1,
                None => counts.push((e.name.clone(), 1, i, self.is_reporter_name(&e.name))),
            }
        }
        let best = |reporters: bool| {
            counts
                .iter()
                .filter(|c| reporters || !c.3)
                .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        };
        // A news agency or research firm is the topic only of an article
        // that keeps naming it ("Reuters' profits rose ...").
        match (best(true), best(false)) {
            (Some(all), other) if all.3 && all.1 >= 3 && other.is_none_or(|o| all.1 > o.1) => {
                Some(all.0.clone())
            }
            (_, Some(other)) => Some(other.0.clone()),
            _ => None,
        }
    }

    fn is_reporter_name(&self, name: &str) -> bool {
        // An article about Reuters is about Reuters.
        self.main.as_deref() != Some(name) && self.lex.reporters.contains(&name.to_lowercase())
    }

    /// Companies the tagger does not know, named by their context: a
    /// capitalised name after a metric and "at"/"in" ("profits at
    /// Barclaycard", "shares in Acme Widgets"), or before a possessive and
    /// a metric ("Wimpey's profits").
    fn unknown_companies(
        &self,
        cues: &[Cue],
        entities: &[&Entity],
        times: &[&TimeMention],
        topic: Option<&str>,
        (s0, s1): (usize, usize),
        out: &mut Vec<Mention>,
    ) {
        let first = self.pos.at(s0);
        let last = self.pos.at(s1);
        let is_metric_at = |a: usize, b: usize| {
            cues.iter()
                .any(|c| c.cat == Cat::Metric && c.start <= a && c.end >= b)
        };
        let is_free = |i: usize| {
            self.tokens.get(i).is_some_and(|t| {
                let (a, b) = (t.span.start(), t.span.end());
                let w = t.span.slice(self.text);
                t.kind == TokenKind::Word
                    && w.chars().next().is_some_and(char::is_uppercase)
                    && !time::is_calendar_word(w)
                    && !entities
                        .iter()
                        .any(|e| overlaps(a, b, e.span.start(), e.span.end()))
                    && !times
                        .iter()
                        .any(|m| overlaps(a, b, m.span.start(), m.span.end()))
                    && !cues.iter().any(|c| overlaps(a, b, c.start, c.end))
                    && !self
                        .descriptors
                        .iter()
                        .any(|&(d0, d1)| overlaps(a, b, d0, d1))
            })
        };
        // Asked of each token once, not again as the word after a name.
        let free_at: Vec<bool> = (first..last).map(is_free).collect();
        let free = |i: usize| i.checked_sub(first).and_then(|k| free_at.get(k)) == Some(&true);
        // "Its Global Investors wing", "its Acme Direct mail order
        // division": a named division of the company "its" stands for (the
        // sentence's first company, else the topic) is its own subject.
        let cue_at = |k: usize, cat: Cat| {
            self.tokens.get(k).is_some_and(|t| {
                cues.iter()
                    .any(|c| c.cat == cat && c.start == t.span.start() && c.end == t.span.end())
            })
        };
        let division_at = |k: usize| cue_at(k, Cat::Division);
        // A place ("its UK retail division") names no division.
        let word = |k: usize, upper: bool| {
            self.tokens.get(k).is_some_and(|t| {
                t.kind == TokenKind::Word
                    && t.span
                        .slice(self.text)
                        .starts_with(|c: char| c.is_uppercase() == upper)
                    && !entities.iter().any(|e| {
                        e.kind == EntityKind::Gpe
                            && overlaps(t.span.start(), t.span.end(), e.span.start(), e.span.end())
                    })
            })
        };
        for i in first..last {
            if !self.token_text(i).eq_ignore_ascii_case("its") {
                continue;
            }
            let mut j = i + 1;
            while j < last && j - i <= 3 && word(j, true) {
                j += 1;
            }
            let mut k = j;
            while k < last && k - j < 2 && word(k, false) && !division_at(k) {
                k += 1;
            }
            let (Some(ta), Some(tb)) = (self.tokens.get(i + 1), self.tokens.get(j.wrapping_sub(1)))
            else {
                continue;
            };
            let (a, b) = (ta.span.start(), tb.span.end());
            let parent = entities
                .iter()
                .find(|e| e.kind == EntityKind::Org && e.span.end() <= a)
                .map(|e| e.name.as_str())
                .or(topic);
            if let (true, Some(p), Some(run)) =
                (j > i + 1 && division_at(k), parent, self.text.get(a..b))
            {
                let name = if run.starts_with(p) {
                    run.to_string()
                } else {
                    format!("{p} {run}")
                };
                out.push(Mention::company(a, b, Some(name)));
            }
        }
        let mut i = first;
        while i < last {
            if !free(i) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < last && j - i < 4 && free(j) && {
                // glued words only ("Laura Ashley", not "Ashley. The")
                self.tokens
                    .get(j - 1)
                    .zip(self.tokens.get(j))
                    .is_some_and(|(p, n)| self.text.get(p.span.end()..n.span.start()) == Some(" "))
            } {
                j += 1;
            }
            let (Some(ta), Some(tb)) = (self.tokens.get(i), self.tokens.get(j - 1)) else {
                break;
            };
            let (a, b) = (ta.span.start(), tb.span.end());
            // "profits at X", "shares in X", "sales at X".
            let after_metric = i >= first + 2
                && (matches!(self.token_text(i - 1), "at" | "in")
                    // "Shares of Tarnbrook fell 3%".
                    || (self.token_text(i - 1) == "of"
                        && self.token_text(i - 2).eq_ignore_ascii_case("shares"))
                    // "sales of Mini models": a brand's own sales.
                    || (self.token_text(i - 1) == "of"
                        && cue_at(j, Cat::BrandGoods)))
                && self
                    .tokens
                    .get(i - 2)
                    .is_some_and(|t| is_metric_at(t.span.start(), t.span.end()));
            // "X's profits", "X's sales".
            let possessive_metric = matches!(self.token_text(j), "'s" | "\u{2019}s")
                && self.tokens.get(j + 1).is_some_and(|t| {
                    cues.iter().any(|c| {
                        c.cat == Cat::Metric
                            && c.start >= t.span.start()
                            && self.pos.between(t.span.start(), c.start) <= 1
                    })
                });
            // "Mr Bush's spending", "EMI Music's sales": a person, or a
            // division of a company already named.
            let prev = self.token_text(i.wrapping_sub(1)).trim_end_matches('.');
            let after_name = i > first
                && (matches!(
                    prev,
                    "Mr" | "Mrs"
                        | "Ms"
                        | "Miss"
                        | "Dr"
                        | "Sir"
                        | "Lord"
                        | "Lady"
                        | "President"
                        | "Prof"
                        | "Professor"
                        | "Chancellor"
                        | "Minister"
                        | "Senator"
                ) || self
                    .tokens
                    .get(i - 1)
                    .is_some_and(|t| entities.iter().any(|e| e.span.end() == t.span.end())));
            // "Barclays Capital investment bank", "Acme Foods division": a
            // named division of a company named right before it.
            let owner = self.tokens.get(i.wrapping_sub(1)).and_then(|t| {
                entities.iter().find(|e| {
                    e.kind == EntityKind::Org
                        && e.span.end() == t.span.end()
                        && self.text.get(e.span.end()..a) == Some(" ")
                })
            });
            let division_noun = self.tokens.get(j).is_some_and(|t| {
                matches!(
                    t.span.slice(self.text),
                    "division"
                        | "unit"
                        | "arm"
                        | "wing"
                        | "subsidiary"
                        | "business"
                        | "bank"
                        | "brand"
                        | "operation"
                        | "operations"
                )
            }) || self.tokens.get(j + 1).is_some_and(|t| {
                matches!(
                    t.span.slice(self.text),
                    "division" | "unit" | "arm" | "wing" | "subsidiary" | "bank"
                ) && self
                    .tokens
                    .get(j)
                    .is_some_and(|m| m.span.slice(self.text).starts_with(char::is_lowercase))
            });
            if let (Some(e), true) = (owner, division_noun) {
                out.push(Mention::company(
                    e.span.start(),
                    b,
                    self.text.get(a..b).map(|run| format!("{} {run}", e.name)),
                ));
                i = j;
                continue;
            }
            if (after_metric || possessive_metric) && !after_name {
                out.push(Mention::company(
                    a,
                    b,
                    self.text.get(a..b).map(str::to_string),
                ));
            }
            i = j;
        }
    }

    /// "ordered 30 Airbus planes": a name right after a count (not a year)
    /// names the maker of what is counted, not the one who acts.
    fn counted_maker(&self, a: usize) -> bool {
        let Some(before) = self.text.get(a.saturating_sub(16)..a) else {
            return false;
        };
        let Some(w) = before.strip_suffix(' ') else {
            return false;
        };
        let num = w.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
        if num.is_empty() || !num.chars().all(|c| c.is_ascii_digit() || c == ',') {
            return false;
        }
        let year = num.len() == 4 && num.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y));
        !year
    }

    /// Companies and references to companies in a sentence.
    fn mentions(
        &self,
        cues: &[Cue],
        entities: &[&Entity],
        times: &[&TimeMention],
        topic: Option<&str>,
        (s0, s1): (usize, usize),
        homes: &mut Vec<(String, String)>,
    ) -> Vec<Mention> {
        let mut out: Vec<Mention> = Vec::new();
        self.unknown_companies(cues, entities, times, topic, (s0, s1), &mut out);
        // A cue right before `at`, with at most a determiner between.
        let near_before = |cat: Cat, at: usize, max: usize| {
            cues.iter().any(|c| {
                c.cat == cat && c.end <= at && self.pos.between(c.end, at) <= max && {
                    let gap = self
                        .text
                        .get(c.end..at)
                        .unwrap_or("")
                        .trim()
                        .to_ascii_lowercase();
                    max > 1 || gap.is_empty() || gap == "the" || gap == "a" || gap == "an"
                }
            })
        };
        // "to buy medical technology firm Guidant", "to buy Californian wine
        // company Chalone": a descriptor ending in a company noun between the
        // cue and the name.
        let described_after = |cat: Cat, at: usize| {
            cues.iter().any(|c| {
                c.cat == cat
                    && c.end <= at
                    && self.pos.between(c.end, at) <= 6
                    && self.text.get(c.end..at).is_some_and(|gap| {
                        let words: Vec<&str> =
                            gap.split([' ', '-']).filter(|w| !w.is_empty()).collect();
                        !words.is_empty()
                            && words.len() <= 5
                            && words.iter().all(|w| w.chars().all(char::is_alphabetic))
                            && words.last().is_some_and(|w| {
                                let w = w.to_ascii_lowercase();
                                self.lex.heads.contains(&w)
                                    || w.strip_suffix('s')
                                        .is_some_and(|s| self.lex.heads.contains(s))
                            })
                            && words.iter().enumerate().all(|(i, w)| {
                                w.chars().next().is_some_and(char::is_lowercase)
                                    // a demonym: "Californian wine company"
                                    || (i + 1 < words.len()
                                        && ["an", "ese", "ish", "ch", "i"]
                                            .iter()
                                            .any(|suf| w.ends_with(suf)))
                                    || (i + 1 < words.len()
                                        && entities.iter().any(|e| {
                                            e.kind == EntityKind::Gpe
                                                && e.span.start() >= c.end
                                                && e.span.end() <= at
                                        }))
                            })
                    })
            })
        };
        // "bought by X" reaches a number up to 4 words before it, "300 jobs
        // will be lost at X" up to 6 (the cue's value; 4 when none).
        let agent_reach = |at: usize, max: usize| {
            cues.iter()
                .filter(|c| {
                    c.cat == Cat::AgentPre
                        && c.end <= at
                        && self.pos.between(c.end, at) <= max
                        && (max > 1 || {
                            let gap = self.text.get(c.end..at).unwrap_or("").trim();
                            gap.is_empty()
                                || gap.eq_ignore_ascii_case("the")
                                || gap.eq_ignore_ascii_case("a")
                                || gap.eq_ignore_ascii_case("an")
                        })
                })
                .map(|c| self.value(c).parse::<usize>().unwrap_or(4))
                .max()
                .unwrap_or(0)
        };
        let near_after = |cat: Cat, at: usize, max: usize| {
            cues.iter()
                .any(|c| c.cat == cat && c.start >= at && self.pos.between(at, c.start) <= max)
        };
        // "A combination of Acme and Globex would have sales of ...", "a
        // tie-up between Acme and US-based Globex would create ...": the
        // figures of a pair named after a joint cue are told of the first
        // name; the second (after "and" and at most three words) is no
        // subject of its own.
        let joined_second = |at: usize| {
            entities.iter().any(|p| {
                p.kind == EntityKind::Org
                    && p.span.end() < at
                    && near_before(Cat::JointPre, p.span.start(), 1)
                    && self.text.get(p.span.end()..at).is_some_and(|gap| {
                        let mut words = gap.split_whitespace();
                        words.next().is_some_and(|w| w.eq_ignore_ascii_case("and"))
                            && words.clone().count() <= 3
                            && words.all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-'))
                    })
            })
        };
        for e in entities {
            let product = e.kind == EntityKind::Product;
            if !(e.kind == EntityKind::Org || product) || e.name.is_empty() {
                continue;
            }
            let (a, b) = (e.span.start(), e.span.end());
            out.push(Mention {
                start: a,
                end: b,
                name: Some(e.name.clone()),
                anaphor: false,
                product,
                // "Canalys said Xiaomi shipped": a source only when another
                // company follows ("Unilever said sales fell" is Unilever's).
                // "Deutsche Bank said it would cut ... at Credit Suisse": a
                // company that says "it" speaks of itself.
                reporter: self.is_reporter_name(&e.name)
                    || near_before(Cat::ReporterPre, a, 1)
                    || (near_after(Cat::ReporterPost, b, 1)
                        && entities.iter().any(|o| {
                            o.kind == EntityKind::Org
                                && o.span.start() >= b
                                && o.name != e.name
                                && !cues.iter().any(|c| {
                                    c.cat == Cat::Anaphor && c.start >= b && c.end <= o.span.start()
                                })
                        })),
                object: near_before(Cat::ObjectPre, a, 1)
                    || described_after(Cat::ObjectPre, a)
                    || self.counted_maker(a)
                    || joined_second(a),
                agent: agent_reach(a, 2),
            });
        }
        let inside_entity = |a: usize, b: usize| {
            entities
                .iter()
                .any(|e| overlaps(a, b, e.span.start(), e.span.end()))
        };
        // A reference points back to the sentence's own first company, if
        // one comes before it, else to the topic.
        let orgs: Vec<(usize, String)> = out
            .iter()
            .filter(|m| !m.reporter && !m.object && !m.product)
            .filter_map(|m| m.name.clone().map(|n| (m.end, n)))
            .collect();
        let referent = |at: usize| -> Option<String> {
            orgs.iter()
                .filter(|(end, _)| *end <= at)
                .min_by_key(|(end, _)| *end)
                .map(|(_, n)| n.clone())
                .or_else(|| topic.map(str::to_string))
        };
        for c in cues {
            match c.cat {
                Cat::Anaphor => {
                    if inside_entity(c.start, c.end) {
                        continue;
                    }
                    out.push(Mention {
                        start: c.start,
                        end: c.end,
                        name: referent(c.start),
                        anaphor: true,
                        product: false,
                        reporter: false,
                        object: near_before(Cat::ObjectPre, c.start, 0),
                        agent: agent_reach(c.start, 0),
                    });
                }
                Cat::AnaphorHead => {
                    if inside_entity(c.start, c.end) {
                        continue;
                    }
                    // A descriptor right before a name ("smartphone maker Xiaomi") is no anaphor.
                    let next = self.pos.at(c.end);
                    if entities
                        .iter()
                        .any(|e| e.kind == EntityKind::Org && self.pos.at(e.span.start()) == next)
                    {
                        continue;
                    }
                    let head = self.pos.at(c.start);
                    let mut start = None;
                    for back in 1..=4usize {
                        let Some(i) = head.checked_sub(back) else {
                            break;
                        };
                        if self.tokens.get(i).is_none_or(|t| t.span.start() < s0) {
                            break;
                        }
                        let w = self.token_text(i);
                        if matches!(w.to_ascii_lowercase().as_str(), "the" | "this" | "that") {
                            start = self.tokens.get(i).map(|t| t.span.start());
                            break;
                        }
                        // "France's second largest carmaker", "the UK's third-biggest bank".
                        if matches!(w, "'s" | "\u{2019}s") {
                            let at = self.tokens.get(i).map_or(0, |t| t.span.start());
                            if let Some(g) = entities
                                .iter()
                                .find(|g| g.kind == EntityKind::Gpe && g.span.end() == at)
                            {
                                start = Some(g.span.start());
                                let before = self.pos.at(g.span.start());
                                if let Some(t) =
                                    before.checked_sub(1).and_then(|j| self.tokens.get(j))
                                {
                                    if t.span.start() >= s0
                                        && t.span.slice(self.text).eq_ignore_ascii_case("the")
                                    {
                                        start = Some(t.span.start());
                                    }
                                }
                                break;
                            }
                        }
                        let kind = self.tokens.get(i).map(|t| t.kind);
                        if kind != Some(TokenKind::Word)
                            && !(kind == Some(TokenKind::Punct) && w == "-")
                        {
                            break;
                        }
                    }
                    let Some(start) = start else { continue };
                    let reporter = cues
                        .iter()
                        .any(|r| r.cat == Cat::ReporterMod && r.start >= start && r.end <= c.end);
                    if let (Some(t), false) = (referent(start), reporter) {
                        // "the China-based vendor": the topic's home country.
                        if let Some(g) = entities.iter().find(|g| {
                            g.kind == EntityKind::Gpe
                                && g.span.start() >= start
                                && g.span.end() <= c.end
                        }) {
                            homes.push((t.to_lowercase(), g.name.clone()));
                        }
                    }
                    out.push(Mention {
                        start,
                        end: c.end,
                        name: if reporter { None } else { referent(start) },
                        anaphor: true,
                        product: false,
                        reporter,
                        object: near_before(Cat::ObjectPre, start, 0),
                        agent: agent_reach(start, 0),
                    });
                }
                _ => {}
            }
        }
        out.sort_by_key(|m| m.start);
        out
    }

    /// "a plan to triple sales by 2007", "due for delivery between 2008 and
    /// 2012": a deadline or the span of a plan, not the time the paragraph
    /// reports on.
    fn deadline(&self, t: &TimeMention, s0: usize) -> bool {
        let before = self.text.get(s0..t.span.start()).unwrap_or("");
        let mut words = before.split_whitespace().rev();
        let is = |w: Option<&str>, of: &[&str]| {
            w.is_some_and(|w| of.iter().any(|o| w.eq_ignore_ascii_case(o)))
        };
        let last = words.next();
        if is(last, &["by", "until", "till"]) {
            return true;
        }
        // "between 2008 and 2012": both ends.
        is(last, &["between"]) || (is(last, &["and"]) && is(words.nth(1), &["between"]))
    }

    /// "expects to move into the black in 2006": the time of an outlook,
    /// not the time the paragraph's later figures are about.
    fn outlook(&self, t: &TimeMention, s0: usize, cues: &[Cue]) -> bool {
        let a = t.span.start();
        cues.iter()
            .rfind(|c| matches!(c.cat, Cat::Modality | Cat::Reset) && c.start >= s0 && c.end <= a)
            .is_some_and(|c| c.cat == Cat::Modality)
    }

    /// The company later references in the document point back to.
    fn next_topic(
        &self,
        mentions: &[Mention],
        s0: usize,
        freq: &HashMap<String, usize>,
    ) -> Option<String> {
        // "impressed with Lenovo's move": after a preposition a possessive
        // name is no object (the thing it owns is); it can take over.
        let first = mentions.iter().find(|m| {
            !m.reporter
                && (!m.object || self.possessive_at(m.end))
                && !m.product
                && m.name.is_some()
        })?;
        if first.anaphor {
            return None;
        }
        // A company named once, deep in a sentence, does not take over.
        let name = first.name.clone()?;
        // "Profits at Barclaycard rose ... The bank also blamed": a unit
        // named after the article's company (one word: Barclays ->
        // Barclaycard, Barclays Capital) does not take over from it.
        if let Some(main) = self.main.as_deref() {
            let stem = main.strip_suffix('s').unwrap_or(main);
            let unit = name != main
                && !main.contains(' ')
                && stem.len() >= 4
                && name
                    .get(..stem.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(stem));
            if unit {
                return None;
            }
        }
        let often = freq.get(&name).copied().unwrap_or(0) >= 2;
        (often || self.pos.between(s0, first.start) <= 3).then_some(name)
    }

    /// The period of a time mention: as tagged, or, when the tagger could not
    /// resolve it, against the paragraph's or the document's year; an
    /// anaphoric "the quarter" takes the paragraph's period.
    fn period_of(&self, t: &TimeMention, cues: &[Cue], ctx: &Context) -> Option<Period> {
        let (a, b) = (t.span.start(), t.span.end());
        if let Some(c) = cues.iter().find(|c| {
            c.cat == Cat::AnaphoricTime
                && c.start >= a
                && c.end <= b
                && (b - a) <= (c.end - c.start) + 4
        }) {
            if let Some(p) = ctx.recall(self.value(c), self.published.is_none()) {
                return Some(p);
            }
        }
        let resolved = match &t.period {
            Some(p) => Some(p.clone()),
            None => {
                let year = ctx
                    .period
                    .as_ref()
                    .and_then(time::year_of)
                    .or(self.doc_year);
                let expr = t.span.slice(self.text);
                // An undated article about a year's results: "last year" is that year.
                if self.published.is_none() && expr.eq_ignore_ascii_case("last year") {
                    return self.doc_year.map(Period::Year);
                }
                year.and_then(|y| time::resolve_in_year(expr, y))
            }
        };
        // "the three months to 31 December", "the year to March 2005": the
        // span that ends with the named month.
        let mut from = a.saturating_sub(40);
        while from > 0 && !self.text.is_char_boundary(from) {
            from -= 1;
        }
        if let Some(n) = self.text.get(from..a).and_then(time::span_before) {
            if let Some(p) = resolved.as_ref().and_then(|p| time::months_ending(n, p)) {
                return Some(p);
            }
        }
        resolved
    }

    fn fact(
        &self,
        q: &Quantity,
        sent: &Sent<'_>,
        ctx: &Context,
        last: Option<&(usize, Fact)>,
    ) -> Option<Fact> {
        let Sent {
            s0,
            cues,
            entities,
            mentions,
            times,
            others,
            topic,
            source,
        } = *sent;
        let (q0, q1) = (q.span.start(), q.span.end());
        if q.conversion_of.is_some() || q.vague || q.kind == QuantityKind::Measure {
            return None;
        }
        if q.kind == QuantityKind::Money && self.bracketed_conversion(q0, s0, others) {
            return None;
        }
        if self.not_a_fact(q, s0, cues, entities, times) {
            return None;
        }
        let copy = self.copied(q, cues, last);
        let choice = match &copy {
            Some(c) => Choice {
                metric: c.metric,
                neg: c.neg,
                change: c.kind == CopyKind::Change,
                trigger_start: q0,
                anaphoric: false,
            },
            None => self.metric(q, cues, mentions, ctx)?,
        };
        let metric_name = self.lex.metrics.get(choice.metric)?;
        // A small count spelled out ("two album releases", "three franchise
        // restaurants", "its three marques") is incidental unless its verb
        // stands right before it ("opened three stores").
        if q.kind == QuantityKind::Count
            && q.value < 10.0
            && q.span.slice(self.text).chars().all(char::is_alphabetic)
            && !(choice.trigger_start < q0 && self.pos.between(choice.trigger_start, q0) <= 2)
        {
            return None;
        }

        // "a $1bn special dividend paid to shareholders": the vocabulary's
        // dividend is paid per share; an amount in millions is the total
        // payout, no figure of it.
        if metric_name == "dividend" && q.kind == QuantityKind::Money && q.value.abs() >= 1e6 {
            return None;
        }

        // Subject.
        let (subject, named) = self.subject(q, mentions, metric_name, topic)?;
        let anaphor = !named
            && mentions
                .iter()
                .any(|m| m.anaphor && m.name.as_deref() == Some(subject.as_str()));
        let in_mention = |e: &Entity| {
            mentions
                .iter()
                .any(|m| m.start <= e.span.start() && e.span.end() <= m.end)
                || self
                    .text
                    .get(e.span.end()..)
                    .is_some_and(|r| r.starts_with("-based"))
                // "Chinese smartphone maker Xiaomi": a descriptor of a company.
                || entities.iter().any(|o| {
                    o.kind == EntityKind::Org
                        && o.span.start() >= e.span.end()
                        && self.text.get(e.span.end()..o.span.start()).is_some_and(|g| {
                            g.len() <= 40 && g.chars().all(|c| c.is_lowercase() || c == ' ' || c == '-')
                        })
                })
        };
        if !named && topic.is_some() {
            // A sentence about a place or a person ("Denmark is Europe's
            // second largest producer", "Cuba's tourist industry ... its")
            // is not about the topic company.
            if entities.iter().any(|e| {
                matches!(e.kind, EntityKind::Gpe | EntityKind::Person)
                    && e.span.end() <= q0
                    && self.pos.between(s0, e.span.start()) <= 1
                    && !in_mention(e)
            }) {
                return None;
            }
        }
        if !named && !anaphor && topic.is_some() {
            // Only the topic to fall back on: a place owning the metric
            // ("Chinese PC sales") means the number is no company's.
            let trig = choice.trigger_start;
            if entities.iter().any(|e| {
                e.kind == EntityKind::Gpe
                    && e.span.end() <= trig
                    && self.pos.between(e.span.end(), trig) <= 2
            }) {
                return None;
            }
            // A capitalised name the tagger did not know ("Fiat's shares",
            // "and Saab is losing money"), or a currency or economy as the
            // sentence's subject: not the topic company's number.
            if self.unknown_name_before(q0, s0, cues, entities, times, topic) {
                return None;
            }
            if cues
                .iter()
                .any(|c| c.cat == Cat::OtherMetric && c.end <= q0)
            {
                return None;
            }
        }

        // Value and unit.
        let sign = if choice.neg { -1.0 } else { 1.0 };
        let (mut value, mut value_max) = (q.value * sign, q.value_max.map(|v| v * sign));
        if let Some(m) = value_max {
            if m < value {
                value_max = Some(value);
                value = m;
            }
        }
        let unit = match q.kind {
            QuantityKind::Count => "count".to_string(),
            QuantityKind::Percent => "percent".to_string(),
            QuantityKind::PercentagePoints => "percent".to_string(),
            QuantityKind::Rank => "rank".to_string(),
            QuantityKind::Money => q.unit.clone(),
            QuantityKind::Measure => return None,
        };
        if unit.is_empty() {
            return None;
        }
        let metric = if choice.change {
            format!("{metric_name}_change")
        } else {
            metric_name.clone()
        };

        // Comparison basis.
        let vs = if choice.change {
            cues.iter()
                .filter(|c| c.cat == Cat::Vs)
                .min_by_key(|c| {
                    if c.start >= q1 {
                        self.pos.between(q1, c.start)
                    } else {
                        self.pos.between(c.end, q0) + 5
                    }
                })
                .map(|c| self.value(c).to_string())
                // "an 82% jump on 2003 figures": against a year.
                .or_else(|| self.against_year(q).map(|_| "prev_year".to_string()))
        } else {
            None
        };

        // Period.
        let mut period = if choice.anaphoric && ctx.period.is_some() {
            ctx.period.clone()
        } else {
            self.period(q, cues, times, others, ctx)
        };
        // Exact days ("since the September 11 2001 attacks", "on Thursday")
        // date events, not figures.
        if matches!(period, Some(Period::Day(_))) {
            period = None;
        }
        // A year written out in the sentence ("In 1996, ...").
        let named_year = |p: &Period| {
            matches!(p, Period::Year(_))
                && times.iter().any(|t| {
                    t.period.as_ref() == Some(p)
                        && t.span.slice(self.text).bytes().any(|b| b.is_ascii_digit())
                })
        };
        let undated = self.published.is_none();
        if let (true, Some(y), Some(p)) = (undated, self.doc_year, period.as_ref()) {
            // Far from the article's year, a guessed year is dropped; one
            // written out is history ("In 1996, its share price was ...").
            if time::year_of(p).is_some_and(|py| (py - y).abs() > 5) && !named_year(p) {
                period = None;
            }
        }
        // An undated results article: figures without a time of their own
        // are about the year it reports on.
        let results = matches!(
            metric_name.as_str(),
            "revenue"
                | "profit"
                | "operating_profit"
                | "pretax_profit"
                | "eps"
                | "dividend"
                | "shipments"
                | "user_count"
        );
        if period.is_none()
            && undated
            && results
            && !choice.anaphoric
            && ctx.period.is_none()
            && !cues.iter().any(|c| c.cat == Cat::Now)
            // The earlier level of a planned figure ("halving its dividend
            // to 17 cents from 34 cents") is as undated as the plan.
            && match (&copy, last) {
                (Some(_), Some((_, prev))) => prev.modality == "actual",
                _ => self.modality(q, s0, cues, metric_name) == "actual",
            }
        {
            period = self.doc_year.map(Period::Year);
        }
        // A plan with no time in its sentence ("is to raise its dividend by
        // 11%", "also plans to cut 200 jobs") is not dated by the paragraph.
        if times.is_empty()
            && !choice.anaphoric
            && !cues.iter().any(|c| c.cat == Cat::AnaphoricTime)
            && copy.is_none()
            && self.modality(q, s0, cues, metric_name) == "target"
        {
            period = None;
        }
        // A headcount, a stake or a count of countries is a state, not a
        // figure of the paragraph's period (with no time of its own).
        if (times.is_empty() || period == ctx.period)
            && matches!(
                metric_name.as_str(),
                "employee_count" | "stake" | "country_count"
            )
        {
            period = None;
        }
        // "from 2.4bn euros in 2003": its own time, no shift.
        let own_time = times.iter().any(|t| {
            t.span.start() >= q1
                && (self.pos.between(q1, t.span.start()) <= 2
                    // "from £3.24bn ($6.13bn) in 2003": past a conversion.
                    || self.text.get(q1..t.span.start()).is_some_and(|g| {
                        let g = g.trim_start();
                        g.starts_with('(')
                            && g.find(')').is_some_and(|close| {
                                g.get(close + 1..)
                                    .is_some_and(|rest| rest.split_whitespace().count() <= 1)
                            })
                    }))
                && !cues.iter().any(|c| {
                    c.cat == Cat::Vs && overlaps(c.start, c.end, t.span.start(), t.span.end())
                })
        });
        // "from $2.8bn for the same period in 2003": a year named right
        // after "the same period" is the earlier level's own; the part of
        // the year is the paragraph's (its three months to November).
        let same_period_in = times.iter().find(|t| {
            let (a, b) = (t.span.start(), t.span.end());
            self.text
                .get(a..b)
                .is_some_and(|x| x.bytes().any(|c| c.is_ascii_digit()))
                && cues.iter().any(|c| {
                    matches!(c.cat, Cat::Vs | Cat::AnaphoricTime)
                        && c.start >= q1
                        && c.end <= a
                        && self.pos.between(q1, c.start) <= 2
                        && self.pos.between(c.end, a) <= 1
                })
        });
        let own_time = own_time || same_period_in.is_some();
        if let (Some(Period::Year(y)), Some(p)) = (
            same_period_in.and_then(|t| t.period.as_ref()),
            ctx.period.as_ref(),
        ) {
            let mut back = Some(p.clone()).filter(|p| time::granularity(p) != "year");
            while let Some(b) = back.as_ref().filter(|b| time::year_of(b) > Some(*y)) {
                back = time::shift_back(b, Basis::Year);
            }
            if let Some(b) = back.filter(|b| time::year_of(b) == Some(*y)) {
                period = Some(b);
            }
        }
        if !choice.change && !own_time && self.is_earlier_level(q, cues) {
            let basis = cues
                .iter()
                .filter(|c| c.cat == Cat::Vs && c.start >= q1)
                .min_by_key(|c| c.start)
                .and_then(|c| Basis::parse(self.value(c)))
                .unwrap_or(Basis::Year);
            period = period.and_then(|p| time::shift_back(&p, basis));
        }

        // "9.5bn kronor in the three months to 31 December against 6.3bn
        // kronor last year": an earlier level dated by a relative year (no
        // digits) is the same part of the year before as the figure of the
        // sentence it is compared with.
        if let (false, Some((_, prev))) = (choice.change, last) {
            let from = cues
                .iter()
                .any(|c| c.cat == Cat::FromPre && c.end <= q0 && self.pos.between(c.end, q0) <= 1);
            let relative_year = || {
                times.iter().any(|t| {
                    let w = t.span.slice(self.text).as_bytes();
                    t.span.start() >= q1
                        && self.pos.between(q1, t.span.start()) <= 2
                        && matches!(t.period, Some(Period::Year(_)) | None)
                        && w.windows(4).any(|x| x.eq_ignore_ascii_case(b"year"))
                        && !w.iter().any(u8::is_ascii_digit)
                })
            };
            if from && prev.metric == metric && prev.unit == unit && relative_year() {
                if let Some(p) = prev
                    .period
                    .as_deref()
                    .and_then(|p| p.parse::<Period>().ok())
                    .filter(|p| time::granularity(p) != "year")
                {
                    period = time::shift_back(&p, Basis::Year);
                }
            }
        }
        let per = q
            .per
            .clone()
            .or_else(|| {
                let after = q.noun.map(|n| n.end().max(q1)).unwrap_or(q1);
                cues.iter()
                    .find(|c| {
                        c.cat == Cat::Per
                            && c.start >= after
                            && self.pos.between(after, c.start) <= 1
                    })
                    .map(|c| self.value(c).to_string())
            })
            .or_else(|| {
                // "annual sales of $15.6bn", "May's yearly sales are $14.4bn": a
                // company's turnover as a yearly rate.
                let before = self.text.get(..choice.trigger_start)?.trim_end();
                let word = before.get(before.len().saturating_sub(6)..)?;
                (metric_name == "revenue"
                    && !choice.change
                    && (word.eq_ignore_ascii_case("annual") || word.eq_ignore_ascii_case("yearly")))
                .then(|| "year".to_string())
            });
        let share_price = metric_name == "price"
            && self.text.get(choice.trigger_start..).is_some_and(|t| {
                let t = t.get(..5).unwrap_or(t).to_ascii_lowercase();
                t.starts_with("share") || t.starts_with("stock")
            });
        // A share price has neither a period nor a scope ("in London" is
        // where it is quoted).
        // ... unless the sentence names the year it was at ("In 1996, its
        // share price was more than 200p"): a price of the past.
        if share_price && !period.as_ref().is_some_and(named_year) {
            period = None;
        }
        if let (Some(_), Some((_, prev))) = (&copy, last) {
            if prev.metric.starts_with("price") {
                period = prev.period.as_deref().and_then(|p| p.parse().ok());
            }
        }
        let scope = if share_price {
            None
        } else if let (Some(_), Some((_, prev))) = (&copy, last) {
            prev.scope.clone()
        } else {
            self.scope(q, s0, mentions, cues, entities, &subject)
                .or_else(|| {
                    // "BMW sold 95,000 cars in Asia last year. BMW-brand sales
                    // rose 2.3% to 80,600": the paragraph's scope carries over to
                    // the same company's same metric when no place is named.
                    ctx.scope.as_ref().and_then(|(m, subj, sc)| {
                        (*m == *metric_name
                            && ctx.sentence <= ctx.scope_sentence + 1
                            && *subj == subject
                            && !entities.iter().any(|e| e.kind == EntityKind::Gpe))
                        .then(|| sc.clone())
                    })
                })
        };
        let mut bound = q.bound;
        if bound == Bound::Eq {
            if let Some(c) = cues
                .iter()
                .rfind(|c| c.cat == Cat::Bound && c.end <= q0 && self.pos.between(c.end, q0) <= 2)
            {
                bound = match self.value(c) {
                    "gt" => Bound::Gt,
                    "ge" => Bound::Ge,
                    "lt" => Bound::Lt,
                    "le" => Bound::Le,
                    "approx" => Bound::Approx,
                    _ => Bound::Eq,
                };
            }
        }
        if bound != Bound::Range {
            value_max = None;
        } else if value_max.is_none() {
            bound = Bound::Eq;
        }
        // An earlier level happened; a list item shares its head's modality.
        let modality = if let (
            Some(Copied {
                kind: CopyKind::Listed,
                ..
            }),
            Some((_, prev)),
        ) = (&copy, last)
        {
            match prev.modality.as_str() {
                "target" => "target",
                "forecast" => "forecast",
                _ => "actual",
            }
        } else if copy.as_ref().is_some_and(|c| c.kind == CopyKind::Expected) {
            "forecast"
        } else if copy.is_some() {
            "actual"
        } else {
            self.modality(q, s0, cues, metric_name)
        };

        Some(Fact {
            subject,
            metric,
            value,
            unit,
            period: period.map(|p| p.to_string()),
            per,
            scope,
            bound,
            value_max,
            modality: modality.to_string(),
            vs,
            sources: vec![source.clone()],
            id: None,
            support: None,
            conflicts: Vec::new(),
            also_bounds: Vec::new(),
            optional: false,
            aliases: Vec::new(),
        })
    }

    /// "3bn yuan in 2004 ($365m; £190m)": an amount opening a bracket (or
    /// listed in it) right after another amount, with at most three words
    /// between, is that amount's conversion even when the tagger did not
    /// link them.
    fn bracketed_conversion(&self, q0: usize, s0: usize, others: &[(usize, usize)]) -> bool {
        let Some(before) = self.text.get(s0..q0) else {
            return false;
        };
        let before = before.trim_end();
        let open = if before.ends_with('(') {
            Some(before.len() - 1)
        } else if before.ends_with(';') {
            before.rfind('(').filter(|&o| !before[o..].contains(')'))
        } else {
            None
        };
        let Some(open) = open.map(|o| s0 + o) else {
            return false;
        };
        others
            .iter()
            .filter(|&&(_, e)| e <= open)
            .max_by_key(|&&(_, e)| e)
            .is_some_and(|&(a, e)| {
                let prev = self.text.get(a..e).unwrap_or("");
                !prev.trim_end().ends_with('%')
                    && self.text.get(e..open).is_some_and(|g| {
                        g.split_whitespace().count() <= 3 && !g.contains(['(', ')'])
                    })
            })
    }

    /// Numbers that are no facts: years, model names, phone numbers, ages.
    fn not_a_fact(
        &self,
        q: &Quantity,
        s0: usize,
        cues: &[Cue],
        entities: &[&Entity],
        times: &[&TimeMention],
    ) -> bool {
        let (q0, q1) = (q.span.start(), q.span.end());
        let raw = q.span.slice(self.text);
        if raw.is_empty() {
            return true;
        }
        if times
            .iter()
            .any(|t| overlaps(q0, q1, t.span.start(), t.span.end()))
        {
            return true;
        }
        if entities.iter().any(|e| {
            matches!(e.kind, EntityKind::Product | EntityKind::Org)
                && overlaps(q0, q1, e.span.start(), e.span.end())
        }) {
            return true;
        }
        // Fractions ("half of those") count no things.
        if q.kind == QuantityKind::Count && q.value.abs() < 1.0 {
            return true;
        }
        let digits = raw.chars().filter(char::is_ascii_digit).count();
        let plain_digits = raw.chars().all(|c| c.is_ascii_digit());
        // Years used as dates.
        if q.kind == QuantityKind::Count
            && plain_digits
            && digits == 4
            && (1900.0..=2100.0).contains(&q.value)
        {
            return true;
        }
        // Phone numbers: long digit strings in separated groups.
        let groups = raw
            .split(['-', ' ', '(', ')'])
            .filter(|g| !g.is_empty())
            .count();
        // ("155,000 to 110,000", "7,000 and 8,000 annually": a range in
        // words is no phone number.)
        let phone_chars = raw
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '+' | '.'));
        if phone_chars && digits >= 7 && (groups >= 3 || raw.starts_with('+')) {
            return true;
        }
        // Model names: a short bare number glued to a capitalised word ("Mi 6", "Snapdragon 480").
        if q.kind == QuantityKind::Count && plain_digits && digits <= 4 {
            let i = self.pos.at(q0);
            if let Some(prev) = i.checked_sub(1).and_then(|p| self.tokens.get(p)) {
                let w = prev.span.slice(self.text);
                let adjacent = self.text.get(prev.span.end()..q0).is_some_and(|g| g == " ");
                let capital = w.chars().next().is_some_and(char::is_uppercase);
                let lower_w = w.to_ascii_lowercase();
                let is_trigger = cues.iter().any(|c| {
                    c.start <= prev.span.start() && c.end >= prev.span.end() && c.cat == Cat::Metric
                });
                if adjacent
                    && capital
                    && prev.span.start() > s0
                    && prev.kind == TokenKind::Word
                    && !is_trigger
                    && lower_w != "no"
                {
                    return true;
                }
            }
            let next = self.text.get(q1..).and_then(|r| r.chars().next());
            if next.is_some_and(|c| c == '+' || c.is_alphabetic()) {
                return true;
            }
        }
        // "profits 15% lower than analysts had expected", "£5m lower than
        // previously forecast": a gap to expectations, no figure. One word
        // (the comparative) and "than" right after the number, then an
        // expectation word within three more.
        let mut after = self.text.get(q1..).unwrap_or("").split_whitespace();
        if after
            .next()
            .is_some_and(|w| w.chars().all(char::is_alphabetic))
            && after.next().is_some_and(|w| w.eq_ignore_ascii_case("than"))
            && cues.iter().any(|c| {
                c.cat == Cat::Expectation && c.start >= q1 && self.pos.between(q1, c.start) <= 5
            })
        {
            return true;
        }
        // Ages.
        if cues.iter().any(|c| {
            c.cat == Cat::Age
                && ((c.end <= q0 && self.pos.between(c.end, q0) == 0)
                    || (c.start >= q1 && self.pos.between(q1, c.start) <= 1))
        }) {
            return true;
        }
        false
    }

    /// Whether a capitalised word that no entity covers stands before the
    /// number in the sentence, as a subject would: inside the sentence, or
    /// first with a possessive.
    fn unknown_name_before(
        &self,
        q0: usize,
        s0: usize,
        cues: &[Cue],
        entities: &[&Entity],
        times: &[&TimeMention],
        topic: Option<&str>,
    ) -> bool {
        let first = self.pos.at(s0);
        let last = self.pos.at(q0);
        for i in first..last {
            let Some(t) = self.tokens.get(i) else { break };
            if t.kind != TokenKind::Word {
                continue;
            }
            let w = t.span.slice(self.text);
            if !w.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let (a, b) = (t.span.start(), t.span.end());
            if entities
                .iter()
                .any(|e| overlaps(a, b, e.span.start(), e.span.end()))
            {
                continue;
            }
            // The topic company's short or run-together name ("Marsh" for
            // Marsh & McLennan, "TimeWarner" for Time Warner).
            if topic.is_some_and(|t| {
                t.split([' ', '-'])
                    .next()
                    .is_some_and(|f| f.eq_ignore_ascii_case(w))
                    || t.replace(' ', "").eq_ignore_ascii_case(w)
            }) {
                continue;
            }
            if self
                .descriptors
                .iter()
                .any(|&(d0, d1)| overlaps(a, b, d0, d1))
            {
                continue;
            }
            // "to 31 December", "on Monday": dates are no names.
            if times
                .iter()
                .any(|t| overlaps(a, b, t.span.start(), t.span.end()))
                || time::is_calendar_word(w)
            {
                continue;
            }
            if cues
                .iter()
                .any(|c| overlaps(a, b, c.start, c.end) && c.cat != Cat::Noun)
            {
                continue;
            }
            let prev = i.checked_sub(1).and_then(|p| self.tokens.get(p));
            let after_quote_or_start = i == first
                || prev.is_some_and(|p| {
                    matches!(p.span.slice(self.text), "“" | "\"" | "(" | "-" | "–" | ":")
                });
            if after_quote_or_start {
                let possessive = self.possessive_at(b);
                // "Wimpey reported a 19% rise": a name followed by its verb.
                let next = self
                    .tokens
                    .get(i + 1)
                    .map(|n| n.span.slice(self.text))
                    .unwrap_or("");
                let verb = next.chars().next().is_some_and(char::is_lowercase)
                    && (next.ends_with("ed")
                        || matches!(
                            next,
                            "is" | "was"
                                | "has"
                                | "had"
                                | "will"
                                | "said"
                                | "says"
                                | "saw"
                                | "made"
                                | "sold"
                                | "rose"
                                | "fell"
                                | "lost"
                                | "cut"
                                | "expects"
                                | "plans"
                                | "shipped"
                                | "raised"
                                | "posted"
                                | "reported"
                                | "announced"
                        ));
                if !possessive && !verb {
                    continue;
                }
            }
            return true;
        }
        false
    }

    /// For "to 17 cents a share from 34 cents": the number right after a
    /// "from" that follows another fact of the same unit is that fact's
    /// earlier level: its metric, sign and subject.
    fn copied(&self, q: &Quantity, cues: &[Cue], last: Option<&(usize, Fact)>) -> Option<Copied> {
        let (q0, q1) = (q.span.start(), q.span.end());
        let (end, prev) = last?;
        if *end > q0 {
            return None;
        }
        // A cue of `cat` before the number with only `gap_ok` text between.
        let cue_before = |cat: Cat, gap_ok: &dyn Fn(&str) -> bool| {
            cues.iter().any(|c| {
                c.cat == cat && c.end <= q0 && self.text.get(c.end..q0).is_some_and(gap_ok)
            })
        };
        let right_after = |cat: Cat| cue_before(cat, &|g| g.trim().is_empty());
        // "sank 6.2% - or $2.40 - to": the same change in money, right
        // after the percent and "or".
        if prev.metric.ends_with("_change")
            && prev.unit == "percent"
            && q.kind == QuantityKind::Money
            && q.bound == Bound::Eq
            && self.text.get(*end..q0).is_some_and(|g| {
                let g = g.trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | ',' | '('));
                g == "or"
            })
        {
            let base = prev.metric.strip_suffix("_change")?;
            let metric = self.lex.metrics.iter().position(|m| m == base)?;
            return Some(Copied {
                metric,
                neg: prev.value < 0.0,
                kind: CopyKind::Change,
            });
        }
        // "shares were trading down 0.67% at 590 pence": the level the change reached.
        if let Some(base) = prev.metric.strip_suffix("_change") {
            if prev.unit == "percent"
                && self.pos.between(*end, q0) <= 2
                && right_after(Cat::LevelPre)
            {
                let metric = self.lex.metrics.iter().position(|m| m == base)?;
                let class = self.lex.metric_units.get(metric).map(String::as_str);
                let fits = match q.kind {
                    QuantityKind::Money => class == Some("currency"),
                    QuantityKind::Count => class == Some("count"),
                    _ => false,
                };
                return fits.then_some(Copied {
                    metric,
                    neg: false,
                    kind: CopyKind::Listed,
                });
            }
            return None;
        }
        // "1,700 will go from sales, 3,400 from operations and 2,600
        // across legal": a bare count next in a list counts what the one
        // before it counted.
        if q.kind == QuantityKind::Count
            && q.noun.is_none()
            && prev.unit == "count"
            && self.pos.between(*end, q0) <= 8
            && self.text.get(..q0).is_some_and(|t| {
                let t = t.trim_end();
                t.ends_with(',') || t.ends_with(" and")
            })
            && !self
                .text
                .get(*end..q0)
                .is_some_and(|g| g.contains(['.', ';', '(']))
        {
            let metric = self.lex.metrics.iter().position(|m| *m == prev.metric)?;
            return Some(Copied {
                metric,
                neg: false,
                kind: CopyKind::Listed,
            });
        }
        // "rose 15% to £546m, ahead of analysts' forecasts of £532m": an
        // amount right after an expectation noun and "of" is what others
        // expected of the figure before it.
        let expected = cue_before(Cat::Expectation, &|g| g.trim().eq_ignore_ascii_case("of"));
        if expected
            && q.kind == QuantityKind::Money
            && prev.unit == q.unit
            && !prev.metric.ends_with("_change")
        {
            let metric = self.lex.metrics.iter().position(|m| *m == prev.metric)?;
            return Some(Copied {
                metric,
                neg: prev.value < 0.0,
                kind: CopyKind::Expected,
            });
        }
        // "$1.13bn for the three months to December, from $639m": a time
        // phrase may stand between, and a conversion in brackets right
        // after the level does not count.
        let after = self
            .text
            .get(*end..q0)
            .filter(|g| g.trim_start().starts_with('('))
            .and_then(|g| g.find(')'))
            .map_or(*end, |close| *end + close + 1);
        if self.pos.between(after, q0) > 14 {
            return None;
        }
        let from = right_after(Cat::FromPre);
        // "losses rose to £1.2m, while sales had fallen from £138m": a
        // contrasting clause between starts a figure of its own.
        let new_clause = self.contrast_between(cues, *end, q0);
        if !from || new_clause {
            return None;
        }
        let unit = match q.kind {
            QuantityKind::Money => q.unit.as_str(),
            QuantityKind::Count => "count",
            _ => return None,
        };
        if prev.unit != unit {
            return None;
        }
        // Its own metric word right after it wins ("against a $375m profit");
        // a word that is a trigger only for other kinds ("in" of "in third
        // place") is none.
        let kind_bit = match q.kind {
            QuantityKind::Money => K_MONEY,
            _ => K_COUNT,
        };
        let own = cues.iter().any(|c| {
            c.cat == Cat::Metric
                && c.start >= q1
                && self.pos.between(q1, c.start) <= 2
                && self
                    .lex
                    .triggers
                    .get(c.value)
                    .is_some_and(|t| t.kinds & kind_bit != 0)
        });
        if own {
            return None;
        }
        let metric = self.lex.metrics.iter().position(|m| *m == prev.metric)?;
        Some(Copied {
            metric,
            neg: prev.value < 0.0,
            kind: CopyKind::EarlierLevel,
        })
    }

    /// The noun class of what a count counts.
    fn noun_class(&self, q: &Quantity, cues: &[Cue]) -> Option<usize> {
        let (from, to) = match q.noun {
            Some(n) => (n.start(), n.end()),
            None => (q.span.end(), q.span.end()),
        };
        if q.noun.is_some() {
            // The head of the counted noun ("department store companies" counts companies).
            if let Some(c) = cues
                .iter()
                .find(|c| c.cat == Cat::Noun && c.start >= from && c.end == to)
            {
                return Some(c.value);
            }
            if self.text.get(from..to).is_some_and(|n| n.contains(' ')) {
                return None;
            }
        }
        // The first noun-class word within four tokens after the number,
        // stopping at punctuation.
        let start = self.pos.at(q.span.end());
        for i in start..start + 5 {
            let Some(t) = self.tokens.get(i) else { break };
            if t.kind == TokenKind::Punct || t.kind == TokenKind::Number {
                break;
            }
            if let Some(c) = cues
                .iter()
                .find(|c| c.cat == Cat::Noun && c.start == t.span.start())
            {
                return Some(c.value);
            }
            let w = t.span.slice(self.text).to_ascii_lowercase();
            if matches!(
                w.as_str(),
                "of" | "in" | "for" | "to" | "by" | "from" | "at" | "with" | "and" | "or" | "than"
            ) {
                break;
            }
        }
        None
    }

    /// Token distance of a cue from the number, and whether it is after it;
    /// `None` when the cue is on a side its place does not allow.
    /// A rank trigger glued to an ordinal by a hyphen ("fifth-largest"),
    /// which the phrase scan leaves out as part of a compound.
    fn glued_rank_trigger(&self, q: &Quantity) -> Option<(i64, &crate::lexicon::Trigger, usize)> {
        let raw = q.span.slice(self.text);
        let (head, word) = raw.split_once('-')?;
        let lower = word.to_ascii_lowercase();
        let at = q.span.start() + head.len() + 1;
        self.lex
            .scan(&lower, &[(0, lower.len())])
            .iter()
            .filter(|h| h.start == 0 && h.end == lower.len())
            .flat_map(|h| self.lex.meanings.get(h.phrase).into_iter().flatten())
            .filter(|m| m.cat == Cat::Metric)
            .filter_map(|m| self.lex.triggers.get(m.value))
            .find(|t| t.kinds & K_RANK != 0 && t.metric.is_some() && t.prio >= 0)
            .map(|t| (0, t, at))
    }

    fn placed(
        &self,
        q: &Quantity,
        c: &Cue,
        place: Place,
        before_max: usize,
        after_max: usize,
    ) -> Option<(usize, bool)> {
        let (q0, q1) = (q.span.start(), q.span.end());
        if c.start >= q0 && c.end <= q1 {
            return Some((0, false));
        }
        if c.end <= q0 {
            let d = self.pos.between(c.end, q0);
            (place != Place::After && d <= before_max).then_some((d, false))
        } else if c.start >= q1 {
            let d = self.pos.between(q1, c.start);
            (place != Place::Before && d <= after_max).then_some((d, true))
        } else {
            None
        }
    }

    /// The change cue attached to a number, if any: its sign.
    fn change_sign(&self, q: &Quantity, cues: &[Cue]) -> Option<(f64, usize)> {
        let (q0, q1) = (q.span.start(), q.span.end());
        let percent = matches!(
            q.kind,
            QuantityKind::Percent | QuantityKind::PercentagePoints
        );
        let mut best: Option<(usize, f64, usize)> = None;
        for c in cues.iter().filter(|c| c.cat == Cat::Change) {
            let sign = if self.value(c) == "-" { -1.0 } else { 1.0 };
            let d = if c.end <= q0 {
                let d = self.pos.between(c.end, q0);
                // A level word between the change and the number makes it a level:
                // "rose 2% to $11.1bn".
                // "growth of around 5%", "an increase of 4%": an "of" right
                // after a change noun names the change, not a level.
                let level = cues.iter().any(|l| {
                    matches!(l.cat, Cat::LevelPre | Cat::FromPre)
                        && l.start >= c.end
                        && l.end <= q0
                        && !(l.cat == Cat::LevelPre
                            && self.pos.between(c.end, l.start) == 0
                            && self.text.get(l.start..l.end) == Some("of"))
                }) || (!percent
                    && cues
                        .iter()
                        .any(|l| l.cat == Cat::Metric && l.start >= c.end && l.end <= q0)
                    && !self.metric_then_by(c.end, q0, cues));
                // "increase its phone shipments around the world by 83 percent".
                // Only the tail is looked at: copying the whole prefix made
                // long documents quadratic.
                let by = self.text.get(..q0).is_some_and(|t| {
                    let t = t.trim_end();
                    t.get(t.len().saturating_sub(3)..)
                        .is_some_and(|tail| tail.eq_ignore_ascii_case(" by"))
                });
                // An absolute change names its amount right after the verb:
                // "rose $7.2bn", "rose by $7.2bn", "an increase of"; not "lost a
                // $23bn contract".
                let gap = self
                    .text
                    .get(c.end..q0)
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                // "dip by at least A$30m": a bound may follow the "by".
                let direct = self.metric_then_by(c.end, q0, cues)
                    || gap.is_empty()
                    || gap == "by"
                    || gap == "of"
                    || gap.strip_prefix("by ").is_some_and(|b| {
                        matches!(
                            b,
                            "at least"
                                | "about"
                                | "around"
                                | "nearly"
                                | "almost"
                                | "some"
                                | "more than"
                                | "up to"
                                | "as much as"
                                | "over"
                                | "roughly"
                        )
                    });
                if level || d > if by { 10 } else { 3 } || (!percent && !direct) {
                    continue;
                }
                d
            } else if c.start >= q1 {
                let d = self.pos.between(q1, c.start);
                if d > 1 {
                    continue;
                }
                // "a profit of $3.36bn, up 27%": the change is the percent's;
                // the amount is the level.
                let next_number = self.text.get(c.end..).is_some_and(|r| {
                    let r = r.trim_start();
                    let r = r.strip_prefix("by ").unwrap_or(r).trim_start();
                    r.starts_with(|ch: char| ch.is_ascii_digit())
                });
                if !percent && next_number {
                    continue;
                }
                d
            } else {
                continue;
            };
            if best.is_none_or(|(bd, ..)| d < bd) {
                best = Some((d, sign, c.start));
            }
        }
        best.map(|(_, s, at)| (s, at))
    }

    /// "cut its profits by $3.8m": between a change verb ending at `from`
    /// and the number at `q0` stand only its metric and "by".
    fn metric_then_by(&self, from: usize, q0: usize, cues: &[Cue]) -> bool {
        let gap = self.text.get(from..q0).unwrap_or("").trim_end();
        gap.get(gap.len().saturating_sub(3)..)
            .is_some_and(|t| t.eq_ignore_ascii_case(" by"))
            && self.pos.between(from, q0) <= 4
            && cues.iter().any(|m| {
                m.cat == Cat::Metric
                    && m.start >= from
                    && m.end <= q0
                    && self.pos.between(m.end, q0) == 1
            })
    }

    /// What the number measures.
    fn adjacent_mention(&self, q: &Quantity, mentions: &[Mention]) -> bool {
        let q0 = q.span.start();
        mentions
            .iter()
            .any(|m| m.name.is_some() && m.end <= q0 && self.pos.between(m.end, q0) <= 2)
    }

    fn metric(
        &self,
        q: &Quantity,
        cues: &[Cue],
        mentions: &[Mention],
        ctx: &Context,
    ) -> Option<Choice> {
        let lex = self.lex;
        let kind_bit = match q.kind {
            QuantityKind::Money => K_MONEY,
            QuantityKind::Count => K_COUNT,
            QuantityKind::Percent | QuantityKind::PercentagePoints => K_PERCENT,
            QuantityKind::Rank => K_RANK,
            QuantityKind::Measure => return None,
        };
        if kind_bit != K_RANK {
            if let Some((sign, at)) = self.change_sign(q, cues) {
                // A change: of the metric the sentence is about.
                // Words from a cue to the change word; a cue after it counts 3 more.
                let distance = |c: &Cue| {
                    if c.end <= at {
                        self.pos.between(c.end, at) as i64
                    } else {
                        self.pos.between(at, c.start) as i64 + 3
                    }
                };
                let mut best: Option<(i64, usize, bool, usize)> = None;
                for c in cues
                    .iter()
                    .filter(|c| c.cat == Cat::Metric && !overlaps(c.start, c.end, at, at + 1))
                {
                    let Some(t) = lex.triggers.get(c.value) else {
                        continue;
                    };
                    let Some(m) = t.metric else { continue };
                    // "its own 7% growth target": a trigger that needs "of"
                    // after its number names no changing metric.
                    if t.kinds == K_RANK
                        || t.of_after
                        || t.prio <= -2
                        || (t.needs != CLASS_ANY && t.needs & CLASS_NONE == 0)
                    {
                        continue;
                    }
                    if kind_bit != K_PERCENT && t.kinds & kind_bit == 0 {
                        continue;
                    }
                    let d = distance(c);
                    if d > 30 {
                        continue;
                    }
                    let score = d - i64::from(t.prio);
                    // "sales" in money or in units: as the paragraph has been
                    // counting, else money.
                    let money_first = match ctx.last_metric {
                        Some(last) if last == m => true,
                        Some(last) if lex.metrics.get(last).is_some_and(|n| n == "shipments") => {
                            t.kinds & K_COUNT != 0
                        }
                        _ => t.kinds & K_MONEY != 0,
                    };
                    if best.is_none_or(|(bs, _, bm, _)| {
                        score < bs || (score == bs && money_first && !bm)
                    }) {
                        best = Some((score, m, money_first, c.start));
                    }
                }
                // "cut its debt to £160m" after "revenues fell 5%", "fuel
                // costs rose by £106m": a measure outside the vocabulary
                // closer to the change word than any trigger is what moves.
                let other = cues
                    .iter()
                    .filter(|c| c.cat == Cat::OtherMetric && !overlaps(c.start, c.end, at, at + 1))
                    .filter(|c| {
                        // a trigger phrase spanning the cue is the trigger's
                        // (unless it names no metric: "fuel costs")
                        !cues.iter().any(|t| {
                            t.cat == Cat::Metric
                                && lex
                                    .triggers
                                    .get(t.value)
                                    .is_some_and(|x| x.metric.is_some())
                                && t.start <= c.start
                                && t.end >= c.end
                                && (t.start, t.end) != (c.start, c.end)
                        })
                    })
                    .map(distance)
                    .min();
                if let (Some(o), Some((bs, ..))) = (other, best) {
                    if o < bs {
                        return None;
                    }
                }
                // "Nippon Steel lost 2.5%": a company that itself rises or
                // falls is quoted on a market: its share price.
                let stock_move = mentions.iter().any(|m| {
                    !m.anaphor
                        && m.name.is_some()
                        && m.end <= at
                        && self.pos.between(m.end, at) == 0
                });
                let price = lex.metrics.iter().position(|m| m == "price");
                let best = match (best, stock_move, price) {
                    (None, true, Some(p)) => Some((0, p, false, at)),
                    (b, ..) => b,
                };
                let (metric, trigger_start, anaphoric) = match best {
                    Some((_, m, _, s)) => (m, s, false),
                    None if kind_bit == K_PERCENT
                        && !cues
                            .iter()
                            .any(|c| c.cat == Cat::OtherMetric && c.end <= q.span.start()) =>
                    {
                        (ctx.last_metric?, at, true)
                    }
                    None => return None,
                };
                if q.kind == QuantityKind::PercentagePoints
                    && lex.metric_units.get(metric).map(String::as_str) != Some("percent")
                {
                    return None;
                }
                if kind_bit != K_PERCENT {
                    let unit_class = lex
                        .metric_units
                        .get(metric)
                        .map(String::as_str)
                        .unwrap_or("");
                    let fits = match q.kind {
                        QuantityKind::Money => unit_class == "currency",
                        QuantityKind::Count => unit_class == "count",
                        _ => false,
                    };
                    if !fits {
                        return None;
                    }
                }
                return Some(Choice {
                    metric,
                    neg: sign < 0.0,
                    change: true,
                    trigger_start,
                    anaphoric,
                });
            }
            if q.kind == QuantityKind::PercentagePoints {
                return None;
            }
        }
        if kind_bit == K_RANK {
            let q1 = q.span.end();
            let blocked = cues.iter().any(|c| {
                c.cat == Cat::RankBlock && c.start >= q1 && self.pos.between(q1, c.start) <= 1
            });
            if blocked {
                return None;
            }
            // "the third large European bank to announce cutbacks": an
            // ordinal before a noun and an infinitive counts who did
            // something, unless a rank word ("largest") stands between.
            let first = self.pos.at(q1);
            for i in first..first + 5 {
                let Some(t) = self.tokens.get(i) else { break };
                if t.kind != TokenKind::Word {
                    break;
                }
                if i > first && t.span.slice(self.text).eq_ignore_ascii_case("to") {
                    let ranked = cues.iter().any(|c| {
                        c.cat == Cat::Metric
                            && c.start >= q1
                            && c.end <= t.span.start()
                            && lex
                                .triggers
                                .get(c.value)
                                .is_some_and(|tr| tr.kinds & K_RANK != 0 && tr.prio >= 0)
                    });
                    if !ranked {
                        return None;
                    }
                    break;
                }
            }
        }
        let class = if kind_bit == K_COUNT {
            self.noun_class(q, cues)
        } else {
            None
        };
        let class_bit = class.map(Lexicon::class_bit).unwrap_or(CLASS_NONE);
        let (before_max, after_max) = match kind_bit {
            K_MONEY => (15, 5),
            K_COUNT => (12, 6),
            K_PERCENT => (8, 4),
            _ => (3, 2),
        };
        let mut best: Option<(i64, &crate::lexicon::Trigger, usize)> = None;
        // "About 1,100 jobs will go ... while 1,200 and 550 will go in IT",
        // "Another 1,700 will go": a bare count whose verb is a trigger of
        // the metric just reported counts the same things.
        let mut continued: Option<(usize, usize)> = None;
        for c in cues.iter().filter(|c| c.cat == Cat::Metric) {
            let Some(t) = lex.triggers.get(c.value) else {
                continue;
            };
            if kind_bit == K_COUNT
                && class.is_none()
                && t.kinds & kind_bit != 0
                && t.needs & class_bit == 0
                && t.metric.is_some()
                && t.metric == ctx.last_metric
                && c.start >= q.span.end()
                && (self.pos.between(q.span.end(), c.start) <= 1
                    // "1,200 and 550 will go"
                    || self.text.get(q.span.end()..c.start).is_some_and(|g| {
                        let w: Vec<&str> = g.split_whitespace().collect();
                        w.len() == 2
                            && w[0] == "and"
                            && w[1].starts_with(|ch: char| ch.is_ascii_digit())
                    }))
            {
                continued = t.metric.map(|m| (m, c.start));
            }
            if t.kinds & kind_bit == 0 || (kind_bit == K_COUNT && t.needs & class_bit == 0) {
                continue;
            }
            // "cut its workforce by": a directed trigger needs a change word
            // of its direction right before it ("grow its workforce by" is
            // no cut).
            if t.dir != 0
                && !cues.iter().any(|d| {
                    d.cat == Cat::Change
                        && d.end <= c.start
                        && self.pos.between(d.end, c.start) <= 2
                        && (self.value(d) == "-") == (t.dir < 0)
                })
            {
                continue;
            }
            // "owns 8% of Google", not "its own 5% growth target".
            if t.of_after
                && !self
                    .text
                    .get(q.span.end()..)
                    .and_then(|r| r.trim_start().strip_prefix("of"))
                    .is_some_and(|r| r.starts_with(char::is_whitespace))
            {
                continue;
            }
            // Weak triggers ("shares", "cost") only reach close numbers.
            let reach = if t.prio < 0 {
                before_max.min(5)
            } else {
                before_max
            };
            // "45% of the Indian domestic airline market": after "N% of",
            // the noun of what is shared may stand further off.
            let after_reach = if t.of_after { after_max + 4 } else { after_max };
            let Some((d, after)) = self.placed(q, c, t.place, reach, after_reach) else {
                continue;
            };
            // "losses had risen from £1m to £1.2m, while sales had fallen":
            // a trigger after a contrasting clause word is that clause's.
            if after && self.contrast_between(cues, q.span.end(), c.start) {
                continue;
            }
            let score = d as i64 + if after { 1 } else { 0 } - i64::from(t.prio);
            if best.is_none_or(|(bs, ..)| score < bs) {
                best = Some((score, t, c.start));
            }
        }
        if best.is_none() && kind_bit == K_RANK {
            // "the UK's third-biggest bank": the rank word is glued to the
            // ordinal, inside the number's own span.
            best = self.glued_rank_trigger(q);
        }
        // "Analysts expected a figure closer to A$431m": a money amount
        // named as "a figure" is of the metric the paragraph reports.
        if best.is_none() && kind_bit == K_MONEY {
            let q0 = q.span.start();
            if let Some(m) = ctx.last_metric.filter(|&m| {
                lex.metric_units.get(m).map(String::as_str) == Some("currency")
                    && cues.iter().any(|c| {
                        c.cat == Cat::FigureRef && c.end <= q0 && self.pos.between(c.end, q0) <= 2
                    })
            }) {
                return Some(Choice {
                    anaphoric: false,
                    metric: m,
                    neg: false,
                    change: false,
                    trigger_start: q0,
                });
            }
        }
        // The verb right after a bare count says more than a word further off.
        if let Some((metric, start)) = continued {
            return Some(Choice {
                anaphoric: false,
                metric,
                neg: false,
                change: false,
                trigger_start: start,
            });
        }
        match best {
            // "in the first" alone is no rank: a weak rank word needs a
            // company right before it ("Apple in fifth", "Xiaomi was fourth").
            Some((_, t, _))
                if kind_bit == K_RANK && t.prio <= -2 && !self.adjacent_mention(q, mentions) =>
            {
                None
            }
            Some((_, t, start)) => Some(Choice {
                anaphoric: false,
                metric: t.metric?,
                neg: t.neg,
                change: false,
                trigger_start: start,
            }),
            None => {
                let c = class?;
                let m = (*lex.class_default.get(c)?)?;
                Some(Choice {
                    anaphoric: false,
                    metric: m,
                    neg: false,
                    change: false,
                    trigger_start: q.span.start(),
                })
            }
        }
    }

    /// The entity the number is about, and whether the sentence names it
    /// (rather than referring to it or leaving it to the topic).
    fn subject(
        &self,
        q: &Quantity,
        mentions: &[Mention],
        metric: &str,
        topic: Option<&str>,
    ) -> Option<(String, bool)> {
        let (q0, q1) = (q.span.start(), q.span.end());
        let rank = metric == "market_rank";
        let mut best: Option<(i64, &Mention)> = None;
        for m in mentions {
            if m.name.is_none() || (m.product && metric != "price") {
                continue;
            }
            let mut score;
            if m.end <= q0 {
                let d = self.pos.between(m.end, q0) as i64;
                score = d;
                if m.object && !(rank && d <= 1) {
                    // For a deal the buyer is the subject, however far
                    // before the bought company it is named.
                    score += if metric == "deal_value" { 25 } else { 10 };
                }
                // "Sun Interbrew, Russia's second-largest brewer": a rank in
                // an apposition is the rank of the name the comma follows.
                if rank
                    && d <= 4
                    && self.text.get(m.end..q0).is_some_and(|g| {
                        g.strip_prefix(',')
                            .is_some_and(|r| !r.contains([',', '(', ')']))
                    })
                {
                    score -= 20;
                }
            } else if m.start >= q1 {
                let d = self.pos.between(q1, m.start) as i64;
                score = d + 8;
                if m.agent > 0 && d <= m.agent as i64 {
                    score = d - 3;
                } else if m.object {
                    score += 10;
                }
            } else {
                continue;
            }
            if m.reporter {
                score += 50;
            }
            if best.is_none_or(|(bs, _)| score < bs) {
                best = Some((score, m));
            }
        }
        match best {
            Some((_, m)) if !m.reporter => m.name.clone().map(|n| (n, !m.anaphor)),
            _ => topic.map(|t| (t.to_string(), false)),
        }
    }

    /// Whether the number is the earlier level of a comparison
    /// ("compared with 1.41bn rupees a year earlier", "from $10.9bn").
    fn is_earlier_level(&self, q: &Quantity, cues: &[Cue]) -> bool {
        let q0 = q.span.start();
        let from = cues
            .iter()
            .any(|c| c.cat == Cat::FromPre && c.end <= q0 && self.pos.between(c.end, q0) <= 1);
        if !from {
            return false;
        }
        let q1 = q.span.end();
        cues.iter().any(|c| {
            (c.cat == Cat::Vs && c.start >= q1 && self.pos.between(q1, c.start) <= 4)
                || (c.cat == Cat::Change && c.end <= q0)
        })
    }

    /// The period the number is about.
    fn period(
        &self,
        q: &Quantity,
        cues: &[Cue],
        times: &[&TimeMention],
        others: &[(usize, usize)],
        ctx: &Context,
    ) -> Option<Period> {
        let (q0, q1) = (q.span.start(), q.span.end());
        let earlier = self.is_earlier_level(q, cues);
        let mut best: Option<(usize, Option<Period>)> = None;
        let now = false;
        for t in times {
            let (a, b) = (t.span.start(), t.span.end());
            if overlaps(a, b, q0, q1) {
                continue;
            }
            // "May's debt": a possessive names a company or a person, not a month.
            if self.possessive_at(b) {
                continue;
            }
            if cues
                .iter()
                .any(|c| matches!(c.cat, Cat::Vs | Cat::Per) && overlaps(c.start, c.end, a, b))
            {
                continue;
            }
            // "a director since 1984", "have fallen 97% since 2003": where a
            // stretch of time starts, not the time a figure is about.
            if self.text.get(..a).is_some_and(|before| {
                let before = before.trim_end();
                before
                    .len()
                    .checked_sub(5)
                    .and_then(|i| Some((before.get(..i)?, before.get(i..)?)))
                    .is_some_and(|(rest, word)| {
                        word.eq_ignore_ascii_case("since")
                            && !rest.ends_with(|c: char| c.is_alphanumeric())
                    })
            }) {
                continue;
            }
            // "ten times more than in 2003": the time of a comparison.
            let compared = cues
                .iter()
                .any(|c| c.cat == Cat::ComparePre && c.end <= a && self.pos.between(c.end, a) <= 1);
            if compared && !earlier {
                continue;
            }
            // "up 2.6% on 2003": the year a change is measured against.
            if q.kind == QuantityKind::Percent
                && a >= q1
                && self
                    .text
                    .get(q1..a)
                    .is_some_and(|g| g.trim().eq_ignore_ascii_case("on"))
            {
                continue;
            }
            // "an 82% jump on 2003 figures": the same, past the change noun,
            // for this number or another one ("made £347m, an 82% jump on
            // 2003 figures": not the year of the £347m either).
            if others
                .iter()
                .any(|&(_, o1)| self.against_year_at(o1).is_some_and(|(ta, _)| ta == a))
            {
                continue;
            }
            // "slipped 11% from £3.24bn ($6.13bn) in 2003 to £2.89bn in
            // 2004": a time right after an earlier level ("from X") is that
            // level's own, not the time of a number after it.
            if b <= q0
                && others.iter().any(|&(o0, o1)| {
                    o1 <= a
                        && o0 < q0
                        && cues.iter().any(|c| {
                            c.cat == Cat::FromPre && c.end <= o0 && self.pos.between(c.end, o0) == 0
                        })
                        && self.text.get(o1..a).is_some_and(|g| {
                            let g = g.trim_start();
                            let g = match g.strip_prefix('(') {
                                Some(r) => r.find(')').and_then(|c| r.get(c + 1..)).unwrap_or(""),
                                None => g,
                            };
                            g.split_whitespace().count() <= 1 && !g.contains([',', ';', '.'])
                        })
                })
            {
                continue;
            }
            let mut d = if b <= q0 {
                self.pos.between(b, q0)
            } else {
                // "$261.9m (£135.6m), for the three months to 30 November":
                // a conversion in brackets does not put the time further away.
                let skip = self
                    .text
                    .get(q1..a)
                    .filter(|g| g.trim_start().starts_with('('))
                    .and_then(|g| g.find(')'))
                    .map_or(0, |close| self.pos.between(q1, q1 + close + 1));
                self.pos.between(q1, a).saturating_sub(skip)
            };
            // "DaimlerChrysler, a 30% shareholder in Mitsubishi, decided in
            // April 2004": a time after the comma closing an apposition the
            // number stands in is the time of the sentence's verb.
            if a >= q1
                && self.text.get(q1..a).is_some_and(|g| g.contains(','))
                && self.text.get(..q0).is_some_and(|t| {
                    let t = t.trim_end();
                    let t = t
                        .strip_suffix(" a")
                        .or_else(|| t.strip_suffix(" an"))
                        .unwrap_or(t);
                    t.ends_with(',')
                })
            {
                continue;
            }
            // A time well after the number belongs to a later clause, and
            // so does one after another metric ("profits drop 33% and warned
            // that earnings in 2005 may also slide").
            if a >= q1
                && (d > 8
                    || cues.iter().any(|c| {
                        c.cat == Cat::Metric
                            && c.start >= q1
                            && c.end <= a
                            && self.text.get(q1..c.start).is_some_and(|g| {
                                [" and ", " but ", " while ", " that ", " although "]
                                    .iter()
                                    .any(|w| g.contains(w))
                            })
                    }))
            {
                continue;
            }
            // Another number between the time and this one: it is that number's time.
            let other_between = others.iter().any(|&(o0, o1)| {
                (o0, o1) != (q0, q1)
                    && ((b <= q0 && o0 >= b && o1 <= q0)
                        || (a >= q1 && o0 >= q1 && o1 <= a
                            // "400m euros, compared with 984m euros in 2003"
                            && cues.iter().any(|c| {
                                matches!(c.cat, Cat::ComparePre | Cat::FromPre)
                                    && c.start >= q1
                                    && c.end <= o0
                            })))
            });
            if other_between {
                if a >= q1 {
                    continue;
                }
                d += 8;
            }
            if best.as_ref().is_none_or(|(bd, _)| d < *bd) {
                best = Some((d, self.period_of(t, cues, ctx)));
            }
        }
        let best = match best {
            Some((d, Some(p))) => Some((d, p)),
            Some((_, None)) => return None,
            None => None,
        };
        let dist = |a: usize, b: usize| {
            if b <= q0 {
                self.pos.between(b, q0)
            } else {
                self.pos.between(q1, a)
            }
        };
        // "now", "up until now" close to the number: the present, no period.
        let now_d = cues
            .iter()
            .filter(|c| c.cat == Cat::Now && !overlaps(c.start, c.end, q0, q1))
            .map(|c| dist(c.start, c.end))
            .min();
        if let Some((d, p)) = best {
            if now_d.is_some_and(|n| n < d && d > 3 && n <= 6) {
                return None;
            }
            return Some(p);
        }
        if now || now_d.is_some() {
            return None;
        }
        // "an 82% jump on 2003 figures" with no time of its own: the year
        // after the one it is measured against (or the paragraph's period
        // in that year).
        if let Some((_, y)) = self.against_year(q) {
            return match &ctx.period {
                Some(p) if time::year_of(p) == Some(y + 1) => Some(p.clone()),
                _ => Some(Period::Year(y + 1)),
            };
        }
        // "for the year" that the tagger left alone: the paragraph's period
        // when it is of that kind, else the publication year.
        for c in cues.iter().filter(|c| {
            c.cat == Cat::AnaphoricTime
                && !times
                    .iter()
                    .any(|t| overlaps(c.start, c.end, t.span.start(), t.span.end()))
        }) {
            let want = self.value(c);
            // "For the full year": the whole year of the paragraph's
            // quarter or month, else of the article.
            if want == "whole_year" {
                // A year, fiscal year or year-long span stays as it is.
                if let Some(p) = ctx
                    .period
                    .as_ref()
                    .filter(|p| matches!(time::granularity(p), "year" | "interval"))
                {
                    return Some(p.clone());
                }
                let year = ctx
                    .period
                    .as_ref()
                    .and_then(time::year_of)
                    .or_else(|| self.published.map(|d| d.year()).or(self.doc_year));
                if let Some(y) = year {
                    return Some(Period::Year(y));
                }
                continue;
            }
            if let Some(p) = ctx.recall(want, self.published.is_none()) {
                return Some(p);
            }
            if want == "year" {
                if let Some(d) = self.published {
                    return Some(Period::Year(d.year()));
                }
            }
        }
        ctx.period.clone()
    }

    /// Whether a possessive "'s" follows byte `at` ("Lenovo's move").
    fn possessive_at(&self, at: usize) -> bool {
        self.text
            .get(at..)
            .is_some_and(|r| r.starts_with("'s") || r.starts_with("\u{2019}s"))
    }

    /// Whether a contrasting clause word ("while", "but": a reset cue of
    /// value `contrast`) stands between bytes `a` and `b`.
    fn contrast_between(&self, cues: &[Cue], a: usize, b: usize) -> bool {
        cues.iter().any(|c| {
            c.cat == Cat::Reset && c.start >= a && c.end <= b && self.value(c) == "contrast"
        })
    }

    /// "an 82% jump on 2003 figures", "a 5% rise on 2003": a percent change
    /// measured against a year named right after its change noun and "on";
    /// the year's start byte and the year.
    fn against_year(&self, q: &Quantity) -> Option<(usize, i32)> {
        if q.kind != QuantityKind::Percent {
            return None;
        }
        self.against_year_at(q.span.end())
    }

    /// [`Doc::against_year`] for a number ending at byte `q1`.
    fn against_year_at(&self, q1: usize) -> Option<(usize, i32)> {
        let rest = self.text.get(q1..)?;
        let mut words = rest.split_whitespace();
        let mut skipped = 0;
        let mut w = words.next()?;
        if !w.eq_ignore_ascii_case("on") {
            if !w.chars().all(char::is_alphabetic) {
                return None;
            }
            skipped = 1;
            w = words.next()?;
        }
        if !w.eq_ignore_ascii_case("on") {
            return None;
        }
        let year_word = words.next()?;
        let digits: String = year_word.chars().take_while(char::is_ascii_digit).collect();
        if digits.len() != 4 || year_word.len() > 5 {
            return None;
        }
        let y: i32 = digits.parse().ok()?;
        if !(1900..=2100).contains(&y) {
            return None;
        }
        let at = q1 + rest.find(year_word)?;
        // the gap must be exactly the words read: no punctuation between
        let gap = self.text.get(q1..at)?;
        if gap.split_whitespace().count() != skipped + 1 {
            return None;
        }
        Some((at, y))
    }

    /// The geographic scope of the number.
    fn scope(
        &self,
        q: &Quantity,
        s0: usize,
        mentions: &[Mention],
        cues: &[Cue],
        entities: &[&Entity],
        subject: &str,
    ) -> Option<String> {
        let (q0, q1) = (q.span.start(), q.span.end());
        // "Since the 2001 attacks in the United States, BA has cut 13,000
        // jobs": a sentence opening with a clause word ("since", "after",
        // "although") has a fronted clause up to its first comma; a place in
        // it is not the scope of a number after that comma.
        let fronted_end = cues
            .iter()
            .find(|c| {
                c.cat == Cat::Reset
                    && self
                        .text
                        .get(s0..c.start)
                        .is_some_and(|g| g.trim().is_empty())
                    // "But in India, sales rose": a coordinator fronts no clause.
                    && !self
                        .text
                        .get(c.start..c.end)
                        .is_some_and(|w| w.eq_ignore_ascii_case("but"))
            })
            .and_then(|c| self.text.get(c.end..q0)?.find(',').map(|i| c.end + i));
        let dist = |a: usize, b: usize| -> usize {
            if b <= q0 {
                self.pos.between(b, q0)
            } else if a >= q1 {
                self.pos.between(q1, a)
            } else {
                0
            }
        };
        let mut best: Option<(usize, Option<String>)> = None;
        let mut offer = |d: usize, after: bool, s: Option<String>| {
            let reach = if after { 5 } else { 25 };
            if d <= reach && best.as_ref().is_none_or(|(bd, _)| d < *bd) {
                best = Some((d, s));
            }
        };
        for g in entities
            .iter()
            .filter(|e| e.kind == EntityKind::Gpe && !e.name.is_empty())
        {
            let (a, b) = (g.span.start(), g.span.end());
            // "Swiss Xstrata", "Gibraltar-based holding company": descriptors, not scopes.
            let descriptor = self.text.get(b..).is_some_and(|r| r.starts_with("-based"))
                || entities.iter().any(|o| {
                    o.kind == EntityKind::Org
                        && o.span.start() >= b
                        && self
                            .text
                            .get(b..o.span.start())
                            .is_some_and(|g| g.trim().is_empty())
                });
            // "HSBC, the biggest UK bank by valuation, will report": a
            // place in a closed apposition describes the company before it.
            let apposition = b <= q0
                && self.text.get(b..q0).is_some_and(|r| r.contains(','))
                && mentions.iter().any(|m| {
                    !m.anaphor
                        && m.name.is_some()
                        && m.end <= a
                        && self.text.get(m.end..a).is_some_and(|g| {
                            g.strip_prefix(',')
                                .is_some_and(|r| !r.contains([',', '(', ')', ';']))
                        })
                });
            // "sales fell 2.5%, although Central European sales rose": a
            // place in the next clause is that clause's.
            let next_clause = a >= q1
                && cues
                    .iter()
                    .any(|c| c.cat == Cat::Reset && c.start >= q1 && c.end <= a);
            // "cut its German workforce by 1,920 while 300 jobs will go at
            // X": a place before a contrasting clause is the earlier clause's.
            let prev_clause = b <= q0 && self.contrast_between(cues, b, q0);
            let fronted = fronted_end.is_some_and(|e| b <= e);
            // "a fight for market share in China, and Lenovo's sales were
            // down 3.7%": a place before ", and" plus a newly named subject
            // is the earlier clause's.
            let new_subject = b <= q0
                && self
                    .text
                    .get(b..q0)
                    .and_then(|g| g.find(", and "))
                    .is_some_and(|i| {
                        let at = b + i + 6;
                        mentions
                            .iter()
                            .any(|m| !m.anaphor && m.name.is_some() && m.start >= at && m.end <= q0)
                    });
            if descriptor || apposition || next_clause || prev_clause || fronted || new_subject {
                continue;
            }
            let prep = cues.iter().any(|c| {
                c.cat == Cat::ScopePre && c.end <= a && self.pos.between(c.end, a) <= 1 && {
                    // "in the" counts only directly; "in" may be followed by "the".
                    let gap = self
                        .text
                        .get(c.end..a)
                        .unwrap_or("")
                        .trim()
                        .to_ascii_lowercase();
                    gap.is_empty() || gap == "the"
                }
            });
            let market = cues.iter().any(|c| {
                (c.cat == Cat::Market && c.start >= b && self.pos.between(b, c.start) <= 3)
                    // "European sales", "US revenue"
                    || (c.cat == Cat::Metric && c.start >= b && self.pos.between(b, c.start) == 0)
            });
            let possessive_before_number =
                b <= q0 && self.possessive_at(b) && self.pos.between(b, q0) <= 3;
            if prep || market || possessive_before_number {
                offer(dist(a, b), a >= q1, Some(g.name.clone()));
            }
        }
        for c in cues {
            match c.cat {
                Cat::HomeMarket => {
                    // "its home market": the home of whoever "its" is.
                    let owner = mentions
                        .iter()
                        .rfind(|m| m.end <= c.start && !m.reporter && m.name.is_some())
                        .and_then(|m| m.name.as_deref())
                        .unwrap_or(subject)
                        .to_lowercase();
                    let home = self
                        .homes
                        .get(&owner)
                        .or_else(|| self.lex.homes.get(&owner))
                        .cloned();
                    if home.is_some() {
                        offer(dist(c.start, c.end), c.start >= q1, home);
                    }
                }
                Cat::Worldwide => offer(dist(c.start, c.end), c.start >= q1, None),
                // "China remains a concern after sales there fell 16%": the
                // place "there" stands for is the last one named before it.
                Cat::Metric
                    if self.text.get(c.end..).is_some_and(|r| {
                        r.get(..6).is_some_and(|w| w.eq_ignore_ascii_case(" there"))
                            && !r[6..].starts_with(|ch: char| ch.is_alphanumeric())
                    }) =>
                {
                    let place = entities
                        .iter()
                        .rfind(|e| e.kind == EntityKind::Gpe && e.span.end() <= c.start)
                        .map(|e| e.name.clone())
                        .filter(|n| !n.is_empty());
                    if place.is_some() {
                        offer(dist(c.start, c.end), c.start >= q1, place);
                    }
                }
                _ => {}
            }
        }
        best.and_then(|(_, s)| s)
    }

    /// Whether the number is reported, aimed at, or predicted.
    fn modality(&self, q: &Quantity, s0: usize, cues: &[Cue], metric: &str) -> &'static str {
        let (q0, q1) = (q.span.start(), q.span.end());
        let tail = q.noun.map_or(q1, |n| n.end().max(q1));
        // The last cue before the number; of cues ending together the
        // longest ("it expected to" over "expected to").
        let before = cues
            .iter()
            .filter(|c| {
                c.cat == Cat::Modality
                    && c.end <= q0
                    && c.start >= s0
                    && self.pos.between(c.end, q0) <= 12
            })
            .max_by_key(|c| (c.end, std::cmp::Reverse(c.start)));
        // "2,500 jobs are to go", "500 jobs will be cut": a plan stated after the number.
        let event = matches!(metric, "job_cuts" | "hires" | "store_openings");
        let after = || {
            cues.iter().find(|c| {
                event
                    && c.cat == Cat::Modality
                    && c.start >= tail
                    && self.pos.between(tail, c.start) <= 2
                    && !matches!(self.value(c), "forecast" | "own_after_anaphor")
            })
        };
        // "will pay $76 for each Guidant share": a past-flagged trigger of
        // the number's own metric right after it says it is so.
        if cues.iter().any(|c| {
            c.cat == Cat::Metric
                && c.start >= q1
                && self.pos.between(q1, c.start) == 0
                && self.lex.triggers.get(c.value).is_some_and(|t| {
                    t.past
                        && t.metric
                            .and_then(|m| self.lex.metrics.get(m))
                            .is_some_and(|m| m == metric)
                })
        }) {
            return "actual";
        }
        // "Analysts expected a figure closer to A$431m": others' expectation
        // of the number, with no modal cue of its own.
        if before.is_none()
            && cues.iter().any(|t| {
                t.cat == Cat::ThirdParty
                    && t.start >= s0
                    && t.end <= q0
                    && cues.iter().any(|e| {
                        e.cat == Cat::Expectation
                            && e.start >= t.end
                            && e.end <= q0
                            && self.pos.between(t.end, e.start) <= 1
                    })
            })
        {
            return "forecast";
        }
        let Some(cue) = before.or_else(after) else {
            // A headline announces cuts and hirings in the present tense
            // ("Telegraph newspapers axe 90 jobs"): they are to come.
            // A headline: the first line, on a line of its own, without a
            // full stop.
            let line_end = self
                .text
                .get(s0..)
                .and_then(|t| t.find('\n'))
                .map(|e| s0 + e);
            let headline = self.text.get(..s0).is_some_and(|t| t.trim().is_empty())
                && line_end.is_some_and(|e| {
                    self.text
                        .get(s0..e)
                        .is_some_and(|l| !l.trim_end().ends_with(['.', '!', '?']))
                });
            let past = self.text.get(s0..q0).is_some_and(|t| {
                t.split_whitespace()
                    .any(|w| matches!(w.to_ascii_lowercase().as_str(), "has" | "have" | "had"))
            });
            // "said it was halving its dividend", "is cutting 400 jobs": an
            // action announced in the progressive is still to come.
            let announced = (event || metric == "dividend")
                && self.text.get(s0..q0).is_some_and(|t| {
                    // Pairs (word, the word before it) of the last seven words.
                    let words = t.split_whitespace().rev().take(7);
                    words.clone().zip(words.skip(1)).any(|(verb, aux)| {
                        verb.len() > 4
                            && verb.ends_with("ing")
                            && !verb.eq_ignore_ascii_case("being")
                            && ["is", "was", "are", "were"]
                                .iter()
                                .any(|a| aux.eq_ignore_ascii_case(a))
                    })
                });
            return if (event && headline && !past) || announced {
                "target"
            } else {
                "actual"
            };
        };
        // "This will boost the capacity of the company - India's
        // second-largest car maker - to 400,000 units": a number inside a
        // dashed aside states what is so; the plan outside it is not its.
        if cue.end <= q0 {
            let dash = |g: &str| g.contains(" - ") || g.contains(" \u{2013} ");
            let opened = self.text.get(cue.end..q0).is_some_and(dash);
            let closed = self.text.get(q1..).is_some_and(|r| {
                let r = &r[..r.find(['.', '\n']).unwrap_or(r.len())];
                dash(r)
            });
            if opened && closed {
                return "actual";
            }
        }
        if cue.end <= q0 {
            // A past-tense trigger or a new clause between the cue and the
            // number: what it reports happened.
            let between = cues.iter().any(|c| {
                c.start >= cue.end
                    && c.end <= q0
                    && (c.cat == Cat::Reset
                        || (c.cat == Cat::Metric
                            && self.lex.triggers.get(c.value).is_some_and(|t| t.past)))
            });
            if between {
                // "... while 1,200 and 550 will go": the number's own verb.
                return match after().map(|c| self.value(c)) {
                    Some("target") | Some("own") => "target",
                    _ => "actual",
                };
            }
        }
        let word = self
            .text
            .get(cue.start..cue.end)
            .unwrap_or("")
            .to_ascii_lowercase();
        // "has forecast a net loss", "is projecting growth", "forecasts
        // earnings growth": a company's own forecast is its expectation,
        // unless analysts or others say it; "beat profit forecasts" states
        // what happened.
        let own_verb = matches!(
            word.as_str(),
            "forecast" | "forecasts" | "forecasting" | "predicts" | "projects" | "projecting"
        );
        let value = if own_verb {
            let lead = self
                .text
                .get(s0..cue.start)
                .unwrap_or("")
                .to_ascii_lowercase();
            let last: Vec<&str> = lead.split_whitespace().rev().take(3).collect();
            if last.iter().any(|w| {
                matches!(
                    *w,
                    "beat"
                        | "beats"
                        | "ahead"
                        | "than"
                        | "above"
                        | "below"
                        | "exceeded"
                        | "topped"
                        | "missed"
                        | "of"
                        | "analysts'"
                        | "market"
                )
            }) {
                if last.iter().any(|w| {
                    matches!(
                        *w,
                        "beat"
                            | "beats"
                            | "ahead"
                            | "exceeded"
                            | "topped"
                            | "missed"
                            | "above"
                            | "below"
                            | "than"
                    )
                }) {
                    return "actual";
                }
                "forecast"
            } else {
                "own"
            }
        } else {
            match self.value(cue) {
                // "said it now expected to report": the company's own;
                // "Profits expected to rise": nobody's named, a forecast.
                "own_after_anaphor" => {
                    let subject = cues.iter().any(|c| {
                        c.cat == Cat::Anaphor
                            && c.start >= s0
                            && c.end <= cue.start
                            && self.pos.between(c.end, cue.start) <= 2
                    });
                    if subject { "own" } else { "forecast" }
                }
                // "Federated is to buy May for $11bn": an announced deal is
                // agreed, what happened; "is to cut 300 jobs" is a plan.
                "announced" if metric == "deal_value" => return "actual",
                "announced" => "own",
                v => v,
            }
        };
        // "X could cut up to 45,000 jobs, its chief executive has said":
        // told by the subject's own people, a guess about its own plan is
        // its expectation.
        let own_speaker = || {
            cues.iter()
                .any(|c| c.cat == Cat::OwnSpeaker && c.start >= s0)
                && !cues
                    .iter()
                    .any(|c| c.cat == Cat::ThirdParty && c.start >= s0)
        };
        match value {
            "target" => "target",
            "forecast" if own_speaker() => "target",
            "forecast" => "forecast",
            _ => {
                // "According to analysts' forecasts, HSBC will report ...".
                let third = cues.iter().any(|c| {
                    c.end <= cue.start
                        && c.start >= s0
                        && (c.cat == Cat::ThirdParty
                            || (c.cat == Cat::Modality && self.value(c) == "forecast"))
                });
                if third { "forecast" } else { "target" }
            }
        }
    }
}
