//! NewsQuant scorer shared by `tests/newsquant.rs` and
//! `examples/newsquant.rs`.
//!
//! NewsQuant (CQE, EMNLP 2023) gives, per sentence, quantities with `value`
//! (a scaled decimal string, ranges as `"lo-hi"`), `change` (`= ~ > < up
//! down`), `unit` as written and `normalized_unit`, but no offsets, so
//! predictions are matched to gold within each sentence, one-to-one,
//! greedily in gold order.
//!
//! - **value**: numbers equal within a relative 1e-3 (both ends of a range,
//!   in either order). Gold amounts in cents, pence or sen are compared in
//!   base units (value / 100), as the tagger reports money.
//! - **unit**: both sides normalised: lowercase, each word singular
//!   (`inches` → `inch`, a trailing `s` dropped), synonyms folded
//!   (`%`/`percent`/`percentage` → `percent`; `$`/`US$`/`united states
//!   dollar` → `dollar`; `cent` → `dollar`, `penny` → `pound sterling`, `sen`
//!   → `malaysian ringgit`; `pound-mass`/`pound`). A prediction's unit is
//!   its currency's English name (`USD` → `dollar`), `percent`, `percentage
//!   point`, its measure's name (`mph` → `mile per hour`), or for a count
//!   the noun it counts; rates add ` per <time unit or noun>`. A count
//!   matches when the gold unit's head word (its last word) is one of the
//!   noun's words, and a count with no noun matches a gold unit `-`/`count`.
//!   A predicted rate (`dollar per barrel`) also matches a gold unit that
//!   left the rate out (`dollar`).
//!   The unit matches when it equals the gold `normalized_unit` or the
//!   normalised `unit` as written.
//! - **change**: from the bound when it has a gt/ge/lt/le cue (`>`, `<`:
//!   `climbed more than 3%` is `>`), else `up`/`down` from
//!   [`Tagger::direction`] (`rose about 1.5%` is `up`), else `~` for approx,
//!   else `=`.
//!
//! Ranks (ordinals) are not quantities in NewsQuant and are left out.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // test and example code: bad benchmark data should panic

use factsift_core::{Bound, QuantityKind};
use factsift_tag::{Direction, Tagger};
use std::collections::HashMap;

pub const PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/bench/newsquant/NewsQuant.json"
);

#[derive(Clone, Debug)]
pub struct Item {
    pub lo: f64,
    pub hi: Option<f64>,
    pub unit: String,
    pub unit_raw: String,
    pub change: String,
    pub noun_words: Vec<String>,
    pub is_count: bool,
}

#[derive(Default, Clone, Copy, Debug)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Prf {
    pub fn p(&self) -> f64 {
        100.0 * self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    pub fn r(&self) -> f64 {
        100.0 * self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

pub fn singular(w: &str) -> String {
    let w = w.trim();
    for (a, b) in [
        ("inches", "inch"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("ies", "y"),
        ("feet", "foot"),
        ("men", "man"),
    ] {
        if w.len() > a.len() + 1 && w.ends_with(a) {
            return format!("{}{}", &w[..w.len() - a.len()], b);
        }
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

pub fn norm_unit(u: &str) -> String {
    let u = u.trim().to_lowercase();
    let u = u.replace("per cent", "percent");
    let words: Vec<String> = u
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(singular)
        .collect();
    let joined = words.join(" ");
    let syn: &[(&str, &str)] = &[
        ("%", "percent"),
        ("percentage", "percent"),
        ("pc", "percent"),
        ("% -", "percent"),
        ("$", "dollar"),
        ("us$", "dollar"),
        ("usd", "dollar"),
        ("united states dollar", "dollar"),
        ("cent", "dollar"),
        ("penny", "pound sterling"),
        ("p", "pound sterling"),
        ("ps", "pound sterling"),
        ("pound", "pound sterling"),
        ("sen", "malaysian ringgit"),
        ("yuan", "chinese yuan"),
        ("yen", "japanese yen"),
        ("euro", "euro"),
        ("-", "count"),
        ("time", "count"),
        ("times", "count"),
        ("pound-mass", "pound sterling"),
        ("pound-foot", "foot pound-force"),
    ];
    for (a, b) in syn {
        if joined == *a {
            return b.to_string();
        }
    }
    // `dollar per barrel`: fold the first part too.
    if let Some((a, b)) = joined.split_once(" per ") {
        return format!("{} per {}", norm_unit(a), b);
    }
    joined
}

fn parse_value(v: &str) -> Option<(f64, Option<f64>)> {
    let v = v.trim();
    let mut cut = None;
    for (i, c) in v.char_indices() {
        if c == '-' && i > 0 && !v[..i].trim_end().ends_with('e') {
            cut = Some(i);
            break;
        }
    }
    match cut {
        Some(i) => Some((
            v[..i].trim().parse().ok()?,
            Some(v[i + 1..].trim().parse().ok()?),
        )),
        None => Some((v.parse().ok()?, None)),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-3 * b.abs().max(a.abs()).max(1e-9)
}

pub fn value_match(p: &Item, g: &Item) -> bool {
    match (p.hi, g.hi) {
        (None, None) => close(p.lo, g.lo),
        (Some(ph), Some(gh)) => {
            (close(p.lo, g.lo) && close(ph, gh)) || (close(p.lo, gh) && close(ph, g.lo))
        }
        _ => false,
    }
}

pub fn unit_match(p: &Item, g: &Item) -> bool {
    if p.unit == g.unit || p.unit == g.unit_raw {
        return true;
    }
    // A rate the gold left out (`$76 a barrel` annotated as `$`).
    if let Some((base, _)) = p.unit.split_once(" per ") {
        if base == g.unit || base == g.unit_raw {
            return true;
        }
    }
    if p.is_count {
        if p.noun_words.is_empty() {
            return g.unit == "count" || g.unit_raw == "count";
        }
        let head = g.unit.rsplit(' ').next().unwrap_or("");
        let head_raw = g.unit_raw.rsplit(' ').next().unwrap_or("");
        return p.noun_words.iter().any(|w| w == head || w == head_raw);
    }
    false
}

pub struct Sentence {
    pub text: String,
    pub gold: Vec<Item>,
    pub pred: Vec<Item>,
}

pub fn load_gold() -> Vec<(String, Vec<Item>)> {
    let raw = std::fs::read_to_string(PATH).expect("NewsQuant.json (see ../shared/bench)");
    let v: serde_json::Value = serde_json::from_str(&raw).expect("NewsQuant.json is JSON");
    let mut out = Vec::new();
    for s in v.as_array().expect("array") {
        let text = s["text"].as_str().unwrap_or("").to_string();
        let mut gold = Vec::new();
        for q in s["quantities"].as_array().into_iter().flatten() {
            let Some((mut lo, mut hi)) = parse_value(q["value"].as_str().unwrap_or("")) else {
                continue;
            };
            let unit_n = q["normalized_unit"].as_str().unwrap_or("").to_lowercase();
            if matches!(unit_n.as_str(), "cent" | "penny" | "sen") {
                lo /= 100.0;
                hi = hi.map(|h| h / 100.0);
            }
            gold.push(Item {
                lo,
                hi,
                unit: norm_unit(&unit_n),
                unit_raw: norm_unit(q["unit"].as_str().unwrap_or("")),
                change: q["change"].as_str().unwrap_or("=").to_string(),
                noun_words: vec![],
                is_count: false,
            });
        }
        out.push((text, gold));
    }
    out
}

pub fn predict(
    tagger: &Tagger,
    names: &HashMap<String, String>,
    unit_names: &HashMap<String, String>,
    text: &str,
) -> Vec<Item> {
    let tags = tagger.tag_str(text, None);
    let mut out = Vec::new();
    for q in &tags.quantities {
        if q.kind == QuantityKind::Rank {
            continue;
        }
        let noun = q.noun.map(|n| n.slice(text).to_lowercase());
        let mut unit = match q.kind {
            QuantityKind::Money => names
                .get(&q.unit)
                .cloned()
                .unwrap_or_else(|| q.unit.to_lowercase()),
            QuantityKind::Percent => "percent".to_string(),
            QuantityKind::PercentagePoints => "percentage point".to_string(),
            QuantityKind::Measure => unit_names
                .get(&q.unit)
                .cloned()
                .unwrap_or_else(|| q.unit.to_lowercase()),
            _ => noun.clone().unwrap_or_else(|| "count".to_string()),
        };
        if q.kind == QuantityKind::Money {
            if let Some(n) = &noun {
                unit = format!("{unit} per {n}");
            }
        }
        if let Some(p) = &q.per {
            unit = format!("{unit} per {p}");
        }
        // A bracketed conversion moves with the amount it converts.
        let dir = tagger.direction(text, q).or_else(|| {
            q.conversion_of
                .and_then(|r| tags.quantities.get(r))
                .and_then(|o| tagger.direction(text, o))
        });
        let change = match (q.bound, dir) {
            (Bound::Approx, Some(Direction::Up)) => "up",
            (Bound::Approx, Some(Direction::Down)) => "down",
            (Bound::Approx, _) => "~",
            // An approximate range (`about 2000 - 2500`): a range keeps its
            // bound `range` and carries only an approximate cue.
            (Bound::Range, None) if q.cue.is_some() && !q.vague => "~",
            (Bound::Lt | Bound::Le, Some(Direction::Up)) => "up",
            (Bound::Lt | Bound::Le, Some(Direction::Down)) => "down",
            (Bound::Gt | Bound::Ge, _) => ">",
            (Bound::Lt | Bound::Le, _) => "<",
            (_, Some(Direction::Up)) => "up",
            (_, Some(Direction::Down)) => "down",
            _ => "=",
        };
        let is_count = q.kind == QuantityKind::Count;
        out.push(Item {
            lo: q.value,
            hi: q.value_max,
            unit: norm_unit(&unit),
            unit_raw: String::new(),
            change: change.to_string(),
            noun_words: noun
                .map(|n| {
                    n.split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .map(singular)
                        .collect()
                })
                .unwrap_or_default(),
            is_count,
        });
    }
    out
}

/// Currency ISO code → English name, measure symbol → name, from the
/// crate's data files.
pub fn name_maps() -> (HashMap<String, String>, HashMap<String, String>) {
    let mut cur = HashMap::new();
    let cur_data = include_str!("../../data/currencies.tsv");
    for l in cur_data.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() >= 5 && f.get(5).is_none() {
            cur.entry(f[1].to_string())
                .or_insert_with(|| f[4].to_string());
        }
    }
    let mut units = HashMap::new();
    for l in include_str!("../../data/units.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() >= 3 {
            units
                .entry(f[1].to_string())
                .or_insert_with(|| f[2].to_string());
        }
    }
    (cur, units)
}

pub struct Scores {
    pub value: Prf,
    pub value_unit: Prf,
    pub value_change: Prf,
    pub sentences: Vec<Sentence>,
}

fn score_one(pred: &[Item], gold: &[Item], ok: impl Fn(&Item, &Item) -> bool) -> Prf {
    let mut used = vec![false; pred.len()];
    let mut tp = 0;
    for g in gold {
        if let Some(k) = (0..pred.len()).find(|&k| !used[k] && ok(&pred[k], g)) {
            used[k] = true;
            tp += 1;
        }
    }
    Prf {
        tp,
        fp: pred.len() - tp,
        fn_: gold.len() - tp,
    }
}

fn add(a: &mut Prf, b: Prf) {
    a.tp += b.tp;
    a.fp += b.fp;
    a.fn_ += b.fn_;
}

pub fn run(tagger: &Tagger) -> Scores {
    let (names, unit_names) = name_maps();
    let mut s = Scores {
        value: Prf::default(),
        value_unit: Prf::default(),
        value_change: Prf::default(),
        sentences: vec![],
    };
    for (text, gold) in load_gold() {
        let pred = predict(tagger, &names, &unit_names, &text);
        add(&mut s.value, score_one(&pred, &gold, value_match));
        add(
            &mut s.value_unit,
            score_one(&pred, &gold, |p, g| value_match(p, g) && unit_match(p, g)),
        );
        add(
            &mut s.value_change,
            score_one(&pred, &gold, |p, g| {
                value_match(p, g) && p.change == g.change
            }),
        );
        s.sentences.push(Sentence { text, gold, pred });
    }
    s
}
