//! # Overview
//!
//! A visual run report for factsift, in the spirit of spaCy's displaCy but
//! for the whole pipeline: one self-contained HTML file (inline CSS and
//! JavaScript, no network assets) that opens from disk and shows
//!
//! - an **index** of the documents with their counts (dropped lines,
//!   entities, numbers, times, facts) and the inputs that were skipped;
//! - **per document**, the page text with the dropped boilerplate greyed out
//!   and labelled by reason, entities, numbers and times highlighted by type
//!   with their normalised values on hover, and the document's facts, each
//!   linked to its source sentence (click a fact: the page scrolls to the
//!   sentence and highlights it);
//! - a **facts table** of the merged facts (sortable by any column,
//!   filterable by subject and metric) with support counts, sources (links
//!   into the documents) and conflicts;
//! - with gold facts, the **score summary** (strict and lenient P/R/F1) and,
//!   per predicted fact, hit / lenient hit / false positive, plus the list of
//!   missed gold facts, so a reader can walk through the errors.
//!
//! It stays usable for many documents (10,000 and more): each document is
//! kept as its text plus compact byte spans, serialised once when it is
//! added, and written as its own `<script type="application/json">` block
//! that the page parses and renders only when the document is opened. The
//! index and the facts table are rendered one page of rows at a time.
//!
//! Everything from the input is escaped: embedded JSON has `<`, `>` and `&`
//! written as `\u003c`, `\u003e` and `\u0026` (so `</script>` in page text
//! cannot end the block), and the page script inserts text with
//! `textContent`, never as HTML.
//!
//! # Example
//!
//! ```
//! use factsift_core::{Date, Document};
//! use factsift_dedup::{MergedFact, Merger};
//! use factsift_pipeline::Pipeline;
//! use factsift_report::Report;
//!
//! let pipeline = Pipeline::builder().build()?;
//! let mut doc = Document::new(
//!     "demo",
//!     "Home | News | Sport\nXiaomi shipped 23.16 million smartphones in the second quarter, the company said.",
//! );
//! doc.date = Date::new(2017, 7, 7);
//! let annotated = pipeline.run(&doc);
//!
//! let mut report = Report::new();
//! report.set_title("demo run");
//! report.add_document(&doc, &annotated);
//! let merged = Merger::new().merge(annotated.facts.iter().cloned().map(MergedFact::from));
//! report.set_facts(&merged);
//!
//! let mut html = Vec::new();
//! report.write_html(&mut html)?;
//! let html = String::from_utf8(html)?;
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(html.contains(r#"<script type="application/json" id="doc-0">"#));
//! assert!(html.contains("23.16 million"));
//! assert_eq!(report.len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Embedded data
//!
//! The page carries one `<script type="application/json" id="report-data">`
//! block (title, document index, skipped inputs, facts, gold results) and one
//! `id="doc-N"` block per document:
//!
//! ```text
//! {"id", "source", "url", "date", "text",
//!  "title": [start, end] | null,
//!  "dropped": [[start, end, reason]], "entities": [[start, end, kind, name]],
//!  "quantities": [[start, end, kind, normalised]], "times": [[start, end, period]],
//!  "sentences": [[start, end]], "facts": [[start, end, fact line]]}
//! ```
//!
//! All offsets are UTF-8 byte offsets into the document text, as everywhere
//! in factsift; the page script maps them to string indices.
#![deny(missing_docs)]

use std::io::Write;

use factsift_core::{Document, EntityKind, Fact, Quantity, QuantityKind};
use factsift_dedup::MergedFact;
use factsift_pipeline::Annotated;
use serde::Serialize;
use serde_json::{Value, json};

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// Writing to the output failed.
    #[error("writing the report: {0}")]
    Io(#[from] std::io::Error),
    /// Serialising the report's data failed.
    #[error("serialising the report data: {0}")]
    Json(#[from] serde_json::Error),
}

/// One document's index entry and its serialised data.
#[derive(Debug)]
struct DocEntry {
    meta: DocMeta,
    /// The document's JSON, already escaped for embedding.
    json: String,
}

/// The counts shown in the index.
#[derive(Debug, Serialize)]
struct DocMeta {
    id: String,
    source: String,
    date: Option<String>,
    bytes: usize,
    kept: usize,
    dropped: usize,
    entities: usize,
    quantities: usize,
    times: usize,
    facts: usize,
}

/// An input that could not be read, as shown in the index.
#[derive(Debug, Serialize)]
struct SkippedEntry {
    source: String,
    reason: String,
}

/// A run report being collected; [`Report::write_html`] writes it.
///
/// Per document only the text and compact spans are kept (serialised when
/// the document is added), so memory grows with the size of the texts, not
/// with the pipeline's intermediate structures.
#[derive(Debug, Default)]
pub struct Report {
    title: String,
    docs: Vec<DocEntry>,
    skipped: Vec<SkippedEntry>,
    facts: Vec<Fact>,
    gold: Option<Vec<Fact>>,
}

impl Report {
    /// An empty report titled "factsift run report".
    ///
    /// ```
    /// let r = factsift_report::Report::new();
    /// assert!(r.is_empty());
    /// ```
    pub fn new() -> Report {
        Report {
            title: "factsift run report".to_string(),
            ..Report::default()
        }
    }

    /// Sets the page title (shown as the heading and in the browser tab).
    ///
    /// ```
    /// let mut r = factsift_report::Report::new();
    /// r.set_title("corpus/ on 2026-11-23");
    /// let mut out = Vec::new();
    /// r.write_html(&mut out).unwrap();
    /// assert!(String::from_utf8(out).unwrap().contains("<title>corpus/ on 2026-11-23</title>"));
    /// ```
    pub fn set_title(&mut self, title: impl Into<String>) {
        self.title = title.into();
    }

    /// The number of documents added.
    ///
    /// ```
    /// let mut r = factsift_report::Report::new();
    /// let doc = factsift_core::Document::new("a", "Text.");
    /// r.add_document(&doc, &factsift_pipeline::Annotated::default());
    /// assert_eq!(r.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether no document was added.
    ///
    /// ```
    /// assert!(factsift_report::Report::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Adds one document with what the pipeline found in it. Spans outside
    /// the text or off character boundaries are left out rather than
    /// trusted.
    ///
    /// ```
    /// use factsift_core::Document;
    /// let pipeline = factsift_pipeline::Pipeline::builder().build()?;
    /// let doc = Document::new("d1", "Revenue rose 9.6% to $1.2 billion in 2016.");
    /// let mut r = factsift_report::Report::new();
    /// r.add_document(&doc, &pipeline.run(&doc));
    /// let mut out = Vec::new();
    /// r.write_html(&mut out)?;
    /// assert!(String::from_utf8(out)?.contains(r#""id":"d1""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_document(&mut self, doc: &Document, annotated: &Annotated) {
        let text = doc.text.as_str();
        let ok = |s: usize, e: usize| s <= e && text.get(s..e).is_some();
        let span = |s: factsift_core::Span| -> Option<[usize; 2]> {
            ok(s.start(), s.end()).then_some([s.start(), s.end()])
        };
        let st = &annotated.stripped;
        let dropped: Vec<(usize, usize, &str)> = st
            .dropped
            .iter()
            .filter(|d| ok(d.span.start(), d.span.end()))
            .map(|d| (d.span.start(), d.span.end(), d.reason.as_str()))
            .collect();
        let entities: Vec<(usize, usize, &str, &str)> = annotated
            .tags
            .entities
            .iter()
            .filter(|e| ok(e.span.start(), e.span.end()))
            .map(|e| {
                (
                    e.span.start(),
                    e.span.end(),
                    entity_kind(e.kind),
                    e.name.as_str(),
                )
            })
            .collect();
        let quantities: Vec<(usize, usize, &str, String)> = annotated
            .tags
            .quantities
            .iter()
            .filter(|q| ok(q.span.start(), q.span.end()))
            .map(|q| {
                (
                    q.span.start(),
                    q.span.end(),
                    quantity_kind(q.kind),
                    quantity_label(q),
                )
            })
            .collect();
        let times: Vec<(usize, usize, String)> = annotated
            .tags
            .times
            .iter()
            .filter(|t| ok(t.span.start(), t.span.end()))
            .map(|t| {
                let label = match (&t.period, &t.resolved_by) {
                    (Some(p), Some(r)) => format!("{p} (from {r})"),
                    (Some(p), None) => p.to_string(),
                    (None, _) => "unresolved".to_string(),
                };
                (t.span.start(), t.span.end(), label)
            })
            .collect();
        let sentences: Vec<[usize; 2]> = annotated
            .tokenized
            .sentences
            .iter()
            .filter_map(|s| span(s.span))
            .collect();
        let facts: Vec<(usize, usize, String)> = annotated
            .facts
            .iter()
            .map(|f| {
                let (s, e) = f
                    .sources
                    .iter()
                    .find(|src| src.doc == doc.id && ok(src.start, src.end))
                    .map_or((0, 0), |src| (src.start, src.end));
                (s, e, factsift_eval::fact_line(f))
            })
            .collect();
        let kept = st.title.map_or(0, |s| s.len()) + st.body.iter().map(|s| s.len()).sum::<usize>();
        let meta = DocMeta {
            id: doc.id.clone(),
            source: doc.source.clone(),
            date: doc.date.map(|d| d.to_string()),
            bytes: text.len(),
            kept,
            dropped: dropped.len(),
            entities: entities.len(),
            quantities: quantities.len(),
            times: times.len(),
            facts: facts.len(),
        };
        let value = json!({
            "id": doc.id,
            "source": doc.source,
            "url": doc.url,
            "date": meta.date,
            "text": text,
            "title": st.title.and_then(span),
            "dropped": dropped,
            "entities": entities,
            "quantities": quantities,
            "times": times,
            "sentences": sentences,
            "facts": facts,
        });
        let json = escape_json(&value.to_string());
        self.docs.push(DocEntry { meta, json });
    }

    /// Records an input that was skipped (shown in the index with its reason).
    ///
    /// ```
    /// let mut r = factsift_report::Report::new();
    /// r.add_skipped("pages/empty.txt", "empty file");
    /// let mut out = Vec::new();
    /// r.write_html(&mut out).unwrap();
    /// assert!(String::from_utf8(out).unwrap().contains("empty file"));
    /// ```
    pub fn add_skipped(&mut self, source: impl Into<String>, reason: impl Into<String>) {
        self.skipped.push(SkippedEntry {
            source: source.into(),
            reason: reason.into(),
        });
    }

    /// Sets the run's merged facts (the facts table, and the predictions
    /// scored against gold). Replaces facts set before.
    ///
    /// ```
    /// use factsift_dedup::{MergedFact, Merger};
    /// let fact: factsift_core::Fact = serde_json::from_str(
    ///     r#"{"subject":"Xiaomi","metric":"shipments","value":23160000,"unit":"count",
    ///         "sources":[{"doc":"d1","start":0,"end":10,"text":"Xiaomi shipped..."}]}"#)?;
    /// let merged = Merger::new().merge([MergedFact::from(fact)]);
    /// assert_eq!(merged.len(), 1);
    /// let mut r = factsift_report::Report::new();
    /// r.set_facts(&merged);
    /// let mut out = Vec::new();
    /// r.write_html(&mut out)?;
    /// assert!(String::from_utf8(out)?.contains(r#""subject":"Xiaomi""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set_facts(&mut self, facts: &[MergedFact]) {
        self.facts = facts.iter().cloned().map(Fact::from).collect();
    }

    /// Sets gold facts: the report then shows the strict and lenient scores
    /// and marks each fact as a hit or a false positive, and lists the
    /// missed gold facts.
    ///
    /// ```
    /// let gold = factsift_eval::parse_facts(&br#"{"subject":"Xiaomi","metric":"shipments","value":5,"unit":"count"}"#[..], "gold.jsonl")?;
    /// let mut r = factsift_report::Report::new();
    /// r.set_gold(&gold);
    /// let mut out = Vec::new();
    /// r.write_html(&mut out)?;
    /// assert!(String::from_utf8(out)?.contains(r#""misses":[{"#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set_gold(&mut self, gold: &[Fact]) {
        self.gold = Some(gold.to_vec());
    }

    /// Writes the report as one self-contained HTML page.
    ///
    /// # Errors
    ///
    /// [`ReportError::Io`] when writing fails.
    ///
    /// ```
    /// let mut out = Vec::new();
    /// factsift_report::Report::new().write_html(&mut out)?;
    /// let html = String::from_utf8(out)?;
    /// assert!(html.contains(r#"id="report-data""#) && html.ends_with("</html>\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_html(&self, w: &mut impl Write) -> Result<(), ReportError> {
        let data = escape_json(&serde_json::to_string(&self.data())?);
        let title = escape_html(&self.title);
        write!(
            w,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n{BODY}"
        )?;
        writeln!(
            w,
            "<script type=\"application/json\" id=\"report-data\">{data}</script>"
        )?;
        for (i, d) in self.docs.iter().enumerate() {
            writeln!(
                w,
                "<script type=\"application/json\" id=\"doc-{i}\">{}</script>",
                d.json
            )?;
        }
        write!(w, "<script>\n{JS}</script>\n</body>\n</html>\n")?;
        w.flush()?;
        Ok(())
    }

    /// The report-wide data: index, facts, and gold results.
    fn data(&self) -> Value {
        let docs: Vec<&DocMeta> = self.docs.iter().map(|d| &d.meta).collect();
        let facts: Vec<Value> = self.facts.iter().map(fact_row).collect();
        let gold = self.gold.as_ref().map(|gold| gold_data(gold, &self.facts));
        json!({
            "title": self.title,
            "docs": docs,
            "skipped": self.skipped,
            "facts": facts,
            "gold": gold,
        })
    }
}

/// One row of the facts table.
fn fact_row(f: &Fact) -> Value {
    let sources: Vec<Value> = f
        .sources
        .iter()
        .map(|s| json!([s.doc, s.start, s.end]))
        .collect();
    json!({
        "id": f.id,
        "subject": f.subject,
        "metric": f.metric,
        "value": f.value,
        "value_max": f.value_max,
        "unit": f.unit,
        "period": f.period,
        "per": f.per,
        "scope": f.scope,
        "bound": f.bound.as_str(),
        "modality": f.modality,
        "vs": f.vs,
        "support": f.support,
        "conflicts": f.conflicts,
        "sources": sources,
    })
}

/// Scores, per-prediction status and misses against gold.
fn gold_data(gold: &[Fact], pred: &[Fact]) -> Value {
    let report = factsift_eval::score(gold, pred);
    let mut status = vec!["fp"; pred.len()];
    // A prediction that is neither a strict nor a lenient false positive
    // and unmatched was dropped by an optional gold fact.
    let strict_fp: std::collections::HashSet<usize> = report.strict_fps.iter().copied().collect();
    for (i, s) in status.iter_mut().enumerate() {
        if !strict_fp.contains(&i) {
            *s = "optional";
        }
    }
    for &(_, p) in &report.lenient_pairs {
        if let Some(s) = status.get_mut(p)
            && *s == "fp"
        {
            *s = "lenient";
        }
    }
    for &(_, p) in &report.strict_pairs {
        if let Some(s) = status.get_mut(p) {
            *s = "hit";
        }
    }
    let lenient_missed: std::collections::HashSet<usize> =
        report.lenient_misses.iter().copied().collect();
    let misses: Vec<Value> = report
        .strict_misses
        .iter()
        .filter_map(|m| {
            let g = gold.get(m.gold)?;
            let sources: Vec<Value> = g
                .sources
                .iter()
                .map(|s| json!([s.doc, s.start, s.end]))
                .collect();
            Some(json!({
                "gold": factsift_eval::fact_line(g),
                "subject": g.subject,
                "metric": g.metric,
                "near": m.near.or_else(|| {
                    report.lenient_pairs.iter().find(|(g, _)| *g == m.gold).map(|(_, p)| *p)
                }),
                "lenient_miss": lenient_missed.contains(&m.gold),
                "sources": sources,
            }))
        })
        .collect();
    json!({
        "summary": report,
        "status": status,
        "misses": misses,
    })
}

fn entity_kind(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Org => "ORG",
        EntityKind::Person => "PERSON",
        EntityKind::Gpe => "GPE",
        EntityKind::Product => "PRODUCT",
        #[allow(unreachable_patterns)]
        _ => "ENTITY",
    }
}

fn quantity_kind(kind: QuantityKind) -> &'static str {
    match kind {
        QuantityKind::Count => "count",
        QuantityKind::Money => "money",
        QuantityKind::Percent => "percent",
        QuantityKind::PercentagePoints => "pp",
        QuantityKind::Rank => "rank",
        QuantityKind::Measure => "measure",
        #[allow(unreachable_patterns)]
        _ => "number",
    }
}

/// A quantity's normalised value, e.g. `23160000 count` or `~1.2e9..1.5e9 USD per year`.
fn quantity_label(q: &Quantity) -> String {
    let mut out = String::new();
    if q.bound != factsift_core::Bound::Eq {
        out.push_str(q.bound.as_str());
        out.push(' ');
    }
    out.push_str(&num(q.value));
    if let Some(m) = q.value_max {
        out.push_str("..");
        out.push_str(&num(m));
    }
    if !q.unit.is_empty() {
        out.push(' ');
        out.push_str(&q.unit);
    }
    if let Some(per) = &q.per {
        out.push_str(" per ");
        out.push_str(per);
    }
    if q.vague {
        out.push_str(" (vague)");
    }
    out
}

/// A number without a trailing `.0` for integers.
fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Makes JSON safe inside a `<script>` element: `<`, `>` and `&` only occur
/// inside JSON strings, where their `\u` escapes mean the same.
fn escape_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for HTML element content and attribute values.
fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = include_str!("report.css");
const BODY: &str = include_str!("body.html");
const JS: &str = include_str!("report.js");

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn escape_json_keeps_json_valid() {
        let v = json!({"t": "</script><b>&amp;\u{2028}"});
        let e = escape_json(&v.to_string());
        assert!(!e.contains('<') && !e.contains('>') && !e.contains('&'));
        let back: Value = serde_json::from_str(&e).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn numbers_print_without_trailing_zero() {
        assert_eq!(num(23_160_000.0), "23160000");
        assert_eq!(num(9.6), "9.6");
    }
}
