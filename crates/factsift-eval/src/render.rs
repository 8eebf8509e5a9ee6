//! Human renderings of a [`Report`]: a score table and a side-by-side list
//! of misses and false positives.

use crate::{Miss, Report};
use factsift_core::Fact;
use std::fmt::Write as _;

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn opt(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("-")
}

/// One fact on one line: `subject | metric | value unit | period | per | scope | modality | bound | vs | docs`.
///
/// ```
/// let f: factsift_core::Fact = serde_json::from_str(
///     r#"{"subject":"Xiaomi","metric":"shipments","value":23160000,"unit":"count","period":"2017-Q2"}"#)?;
/// assert_eq!(factsift_eval::fact_line(&f),
///     "Xiaomi | shipments | 23160000 count | 2017-Q2 | per:- | scope:- | actual | eq | vs:- | []");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn fact_line(f: &Fact) -> String {
    let mut docs: Vec<&str> = f.sources.iter().map(|s| s.doc.as_str()).collect();
    docs.sort_unstable();
    docs.dedup();
    let value = match f.value_max {
        Some(m) => format!("{}..{}", num(f.value), num(m)),
        None => num(f.value),
    };
    format!(
        "{} | {} | {} {} | {} | per:{} | scope:{} | {} | {} | vs:{} | [{}]",
        f.subject,
        f.metric,
        value,
        f.unit,
        opt(&f.period),
        opt(&f.per),
        opt(&f.scope),
        f.modality,
        f.bound.as_str(),
        opt(&f.vs),
        docs.join(",")
    )
}

/// Names of the strict-match fields on which two facts differ.
fn differing(g: &Fact, p: &Fact) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |name: &str, a: &str, b: &str| {
        if a != b {
            out.push(format!("{name}: {a} -> {b}"));
        }
    };
    check("metric", &g.metric, &p.metric);
    check("period", opt(&g.period), opt(&p.period));
    check("per", opt(&g.per), opt(&p.per));
    check("scope", opt(&g.scope), opt(&p.scope));
    check("modality", &g.modality, &p.modality);
    out
}

impl Report {
    /// The scores as a plain-text table.
    ///
    /// ```
    /// let r = factsift_eval::score(&[], &[]);
    /// let t = r.table();
    /// assert!(t.contains("strict") && t.contains("lenient") && t.contains("source recall"));
    /// ```
    pub fn table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "gold {} ({} optional), predicted {}",
            self.gold, self.gold_optional, self.predicted
        );
        let _ = writeln!(
            s,
            "{:<8} {:>6} {:>6} {:>6} {:>8} {:>9} {:>7} {:>7}",
            "mode", "TP", "FP", "FN", "dropped", "precision", "recall", "F1"
        );
        for (name, c) in [("strict", &self.strict), ("lenient", &self.lenient)] {
            let _ = writeln!(
                s,
                "{:<8} {:>6} {:>6} {:>6} {:>8} {:>9.3} {:>7.3} {:>7.3}",
                name, c.tp, c.fp, c.fn_, c.dropped_optional, c.precision, c.recall, c.f1
            );
        }
        let _ = writeln!(
            s,
            "field accuracy over {} lenient pairs:",
            self.fields.metric.total
        );
        let f = &self.fields;
        for (name, fs) in [
            ("metric", &f.metric),
            ("period", &f.period),
            ("per", &f.per),
            ("scope", &f.scope),
            ("bound", &f.bound),
            ("modality", &f.modality),
            ("vs", &f.vs),
        ] {
            let _ = writeln!(
                s,
                "  {:<9} {:>5}/{:<5} {:.3}",
                name, fs.correct, fs.total, fs.accuracy
            );
        }
        let sr = &self.source_recall;
        let _ = writeln!(s, "source recall {}/{} {:.3}", sr.hits, sr.total, sr.recall);
        s
    }

    /// Misses and false positives side by side, for strict then lenient
    /// matching: the left column is a gold fact no prediction matched, the
    /// right one a prediction that matched no gold fact. A strict miss whose
    /// lenient partner is a strict false positive is shown on the same row,
    /// followed by the fields that differ; the other misses and false
    /// positives follow on rows of their own. `gold` and `pred` must be the
    /// slices the report was computed from.
    ///
    /// ```
    /// use factsift_core::Fact;
    /// let g: Fact = serde_json::from_str(r#"{"subject":"A","metric":"revenue","value":5,"unit":"USD","period":"2004"}"#)?;
    /// let p: Fact = serde_json::from_str(r#"{"subject":"A","metric":"revenue","value":5,"unit":"USD","period":"2005"}"#)?;
    /// let r = factsift_eval::score(std::slice::from_ref(&g), std::slice::from_ref(&p));
    /// let out = r.show(&[g], &[p]);
    /// assert!(out.contains("period: 2004 -> 2005"), "{out}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn show(&self, gold: &[Fact], pred: &[Fact]) -> String {
        let mut out = String::new();
        let line = |facts: &[Fact], i: usize| facts.get(i).map(fact_line).unwrap_or_default();
        // Strict.
        let mut rows: Vec<(String, String, Vec<String>)> = Vec::new();
        let mut paired = std::collections::HashSet::new();
        for Miss { gold: gi, near } in &self.strict_misses {
            match near {
                Some(pi) => {
                    paired.insert(*pi);
                    let diff = match (gold.get(*gi), pred.get(*pi)) {
                        (Some(g), Some(p)) => differing(g, p),
                        _ => Vec::new(),
                    };
                    rows.push((line(gold, *gi), line(pred, *pi), diff));
                }
                None => rows.push((line(gold, *gi), String::new(), Vec::new())),
            }
        }
        for pi in &self.strict_fps {
            if !paired.contains(pi) {
                rows.push((String::new(), line(pred, *pi), Vec::new()));
            }
        }
        section(&mut out, "strict", &rows);
        // Lenient.
        let mut rows: Vec<(String, String, Vec<String>)> = Vec::new();
        for gi in &self.lenient_misses {
            rows.push((line(gold, *gi), String::new(), Vec::new()));
        }
        for pi in &self.lenient_fps {
            rows.push((String::new(), line(pred, *pi), Vec::new()));
        }
        section(&mut out, "lenient", &rows);
        out
    }

    /// As [`Report::show`], written to `w`.
    ///
    /// # Errors
    /// Any error of `w`.
    pub fn write_show(
        &self,
        gold: &[Fact],
        pred: &[Fact],
        mut w: impl std::io::Write,
    ) -> std::io::Result<()> {
        w.write_all(self.show(gold, pred).as_bytes())
    }
}

fn section(out: &mut String, name: &str, rows: &[(String, String, Vec<String>)]) {
    let width = rows
        .iter()
        .map(|r| r.0.chars().count())
        .max()
        .unwrap_or(0)
        .max("MISSED (gold)".len());
    let _ = writeln!(out, "== {name}: {} rows ==", rows.len());
    let _ = writeln!(
        out,
        "{:<width$} || FALSE POSITIVE (predicted)",
        "MISSED (gold)"
    );
    for (left, right, diff) in rows {
        let _ = writeln!(out, "{left:<width$} || {right}");
        if !diff.is_empty() {
            let _ = writeln!(out, "{:<width$} ||   differs: {}", "", diff.join("; "));
        }
    }
}
