//! Runs the data-driven cases of `tests/cases/*.txt` (format described at
//! the top of `tests/cases/extract.txt`) and reports every failing case
//! with its file and line.

use factsift_html::{Page, extract};
use std::fmt::Write as _;

struct Case {
    name: String,
    file: String,
    line: usize,
    sections: Vec<(String, String)>,
}

fn parse(file: &str, text: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    let mut section: Option<(String, String)> = None;
    for (n, line) in text.lines().enumerate() {
        if let Some(name) = line.strip_prefix("=== ") {
            if let (Some(case), Some(sec)) = (cases.last_mut(), section.take()) {
                case.sections.push(sec);
            }
            cases.push(Case {
                name: name.trim().to_string(),
                file: file.to_string(),
                line: n + 1,
                sections: Vec::new(),
            });
            continue;
        }
        if let Some(name) = line.strip_prefix("--- ") {
            if let (Some(case), Some(sec)) = (cases.last_mut(), section.take()) {
                case.sections.push(sec);
            }
            section = Some((name.trim().to_string(), String::new()));
            continue;
        }
        if let Some((name, body)) = section.as_mut() {
            if name != "html" && (line.starts_with('#') || line.trim().is_empty()) {
                continue;
            }
            body.push_str(line);
            body.push('\n');
        }
    }
    if let (Some(case), Some(sec)) = (cases.last_mut(), section.take()) {
        case.sections.push(sec);
    }
    cases
}

fn block_lines(page: &Page) -> String {
    let layout = &page.layout;
    let mut out = String::new();
    for b in &layout.blocks {
        let mut chain: Vec<usize> = layout.ancestors(b.element).collect();
        chain.reverse();
        let path: Vec<String> = chain
            .iter()
            .map(|&e| {
                let el = &layout.elements[e];
                let mut s = el.tag.clone();
                for h in el.hints.split_whitespace() {
                    s.push('.');
                    s.push_str(h);
                }
                s
            })
            .collect();
        let _ = writeln!(
            out,
            "{} {} | {}",
            path.join(">"),
            b.link_bytes,
            b.span.slice(&page.text)
        );
    }
    out
}

fn opt(v: Option<String>) -> String {
    v.unwrap_or_else(|| "none".to_string())
}

#[test]
fn extract_cases() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut count = 0;
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        for case in parse(&file, &text) {
            count += 1;
            let html = case
                .sections
                .iter()
                .find(|(n, _)| n == "html")
                .map(|(_, b)| b.strip_suffix('\n').unwrap_or(b).to_string())
                .unwrap_or_else(|| panic!("{}:{}: case has no html", case.file, case.line));
            let page = extract(&html);
            for (name, want) in &case.sections {
                let got = match name.as_str() {
                    "html" => continue,
                    "text" => page.text.clone(),
                    "blocks" => block_lines(&page),
                    "title" => opt(page.title.clone()) + "\n",
                    "url" => opt(page.url.clone()) + "\n",
                    "date" => opt(page.date.map(|d| d.to_string())) + "\n",
                    other => panic!("{}:{}: unknown section {other}", case.file, case.line),
                };
                if &got != want {
                    failures.push(format!(
                        "{}:{}: {} [{name}]\n--- want\n{want}--- got\n{got}",
                        case.file, case.line, case.name
                    ));
                }
            }
        }
    }
    assert!(count >= 40, "only {count} cases read");
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}
