//! Runs every case in `tests/cases/*.txt` (format in `tests/cases/README.md`).

#![allow(clippy::unwrap_used)] // test helpers fail loudly on bad fixtures

use factsift_core::Document;
use factsift_strip::{DropReason, Stripper};

#[derive(Debug)]
enum Want {
    Title,
    Body,
    Drop(Option<DropReason>),
}

#[test]
fn cases() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases");
    let stripper = Stripper::builder().build().unwrap();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 3);
    let mut failures = Vec::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut text = String::new();
        let mut url = None;
        let mut wants = Vec::new();
        for raw in std::fs::read_to_string(&path).unwrap().lines() {
            if let Some(u) = raw.strip_prefix("# url: ") {
                url = Some(u.to_string());
                continue;
            }
            if raw.starts_with('#') {
                continue;
            }
            let (marker, line) = raw.split_once(' ').unwrap_or((raw, ""));
            let want = match marker {
                "T" => Want::Title,
                "B" => Want::Body,
                "-*" => Want::Drop(None),
                m => Want::Drop(Some(m.trim_start_matches('-').parse().unwrap())),
            };
            let start = text.len();
            text.push_str(line);
            if !line.trim().is_empty() {
                wants.push((start, line.to_string(), want));
            }
            text.push('\n');
        }
        let mut doc = Document::new(name.clone(), text);
        doc.url = url;
        let out = stripper.strip(&doc);
        for (start, line, want) in &wants {
            let title = out.title.is_some_and(|s| s.start() == *start);
            let body = out.body.iter().any(|s| s.start() == *start);
            let dropped = out
                .dropped
                .iter()
                .find(|d| d.span.start() <= *start && *start < d.span.end())
                .map(|d| d.reason);
            let ok = match want {
                Want::Title => title,
                Want::Body => body,
                Want::Drop(None) => dropped.is_some(),
                Want::Drop(Some(r)) => dropped == Some(*r),
            };
            if !ok {
                failures.push(format!(
                    "{name}: {line:?}: want {want:?}, got title={title} body={body} dropped={dropped:?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
