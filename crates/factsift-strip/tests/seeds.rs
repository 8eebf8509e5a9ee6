//! Line-level scores against the hand-made gold of the five seed pages
//! (`gold/boilerplate/*.tsv`), with floors so a regression fails.

#![allow(clippy::unwrap_used)] // test helpers fail loudly on bad fixtures

use factsift_core::Document;
use factsift_strip::Stripper;
use std::path::Path;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// The document text of a seed file: the ` date YYYY-MM-DD ` marker removed.
fn seed_doc(path: &Path) -> Document {
    let raw = std::fs::read_to_string(path).unwrap();
    let text = match raw.strip_prefix(" date ") {
        Some(rest) if rest.len() > 11 && rest.as_bytes()[10] == b' ' => rest[11..].to_string(),
        _ => raw,
    };
    let id = path.file_stem().unwrap().to_string_lossy().into_owned();
    Document::new(id, text)
}

struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    titles_right: usize,
    titles: usize,
    teaser_kept: usize,
}

#[test]
fn seed_pages_match_gold() {
    let stripper = Stripper::builder().build().unwrap();
    let mut s = Score {
        tp: 0,
        fp: 0,
        fn_: 0,
        titles_right: 0,
        titles: 0,
        teaser_kept: 0,
    };
    let mut report = String::new();
    let gold_dir = Path::new(ROOT).join("gold/boilerplate");
    let mut files: Vec<_> = std::fs::read_dir(&gold_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    files.sort();
    assert_eq!(
        files.len(),
        5,
        "five seed gold files in {}",
        gold_dir.display()
    );
    for gold in files {
        let stem = gold.file_stem().unwrap().to_string_lossy().into_owned();
        let doc = seed_doc(&Path::new(ROOT).join("corpus").join(format!("{stem}.txt")));
        let out = stripper.strip(&doc);
        // Line starts of the document text, 1-based numbering.
        let mut starts = vec![0];
        starts.extend(doc.text.match_indices('\n').map(|(i, _)| i + 1));
        let line_of = |offset: usize| starts.partition_point(|&s| s <= offset);
        let kept: std::collections::HashSet<usize> =
            out.body.iter().map(|sp| line_of(sp.start())).collect();
        let title_line = out.title.map(|sp| line_of(sp.start()));
        for row in std::fs::read_to_string(&gold).unwrap().lines() {
            if row.starts_with('#') || row.trim().is_empty() {
                continue;
            }
            let mut f = row.split('\t');
            let line: usize = f.next().unwrap().parse().unwrap();
            let label = f.next().unwrap();
            let body = label == "body";
            let ours = kept.contains(&line);
            match (body, ours) {
                (true, true) => s.tp += 1,
                (false, true) => {
                    s.fp += 1;
                    if label == "related" || label == "navigation" || label == "footer" {
                        s.teaser_kept += 1;
                    }
                    report.push_str(&format!("{stem}:{line} kept but gold says {label}\n"));
                }
                (true, false) => {
                    s.fn_ += 1;
                    report.push_str(&format!("{stem}:{line} dropped but gold says body\n"));
                }
                _ => {}
            }
            if label == "title" {
                s.titles += 1;
                if title_line == Some(line) {
                    s.titles_right += 1;
                } else {
                    report.push_str(&format!(
                        "{stem}:{line} is the title, ours {title_line:?}\n"
                    ));
                }
            }
        }
    }
    let p = s.tp as f64 / (s.tp + s.fp).max(1) as f64;
    let r = s.tp as f64 / (s.tp + s.fn_).max(1) as f64;
    eprintln!(
        "seed gold: body lines precision {p:.3} recall {r:.3} (tp {} fp {} fn {}), titles {}/{}\n{report}",
        s.tp, s.fp, s.fn_, s.titles_right, s.titles
    );
    // Floors: measured 1.000 / 1.000 and 4/4 titles when written; the
    // issue's rule is that no teaser, menu or footer line is kept.
    assert_eq!(
        s.teaser_kept, 0,
        "a teaser, menu or footer line was kept:\n{report}"
    );
    assert!(p >= 0.999, "precision {p:.3} below the floor:\n{report}");
    assert!(r >= 0.999, "recall {r:.3} below the floor:\n{report}");
    assert_eq!(s.titles_right, s.titles, "titles:\n{report}");
}
