//! One function per subcommand: build the stages, run them, write JSON lines.

use crate::output::Output;
use crate::runner::{self, DocumentRun, InputArgs, finish};
use anyhow::{Context, Result};
use factsift_claims::ClaimExtractor;
use factsift_core::{Document, Span, TokenKind};
use factsift_dedup::{DedupIndex, Deduper, Groups, MergedFact, Merger};
use factsift_pipeline::Pipeline;
use factsift_strip::{Stripper, Template, TemplateLearner};
use factsift_tag::Tagger;
use rayon::prelude::*;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Serialize)]
struct SpanText<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

impl<'a> SpanText<'a> {
    fn new(span: Span, text: &'a str) -> SpanText<'a> {
        SpanText {
            start: span.start(),
            end: span.end(),
            text: span.slice(text),
        }
    }
}

#[derive(Serialize)]
struct TokenOut<'a> {
    #[serde(flatten)]
    span: SpanText<'a>,
    kind: TokenKind,
}

#[derive(Serialize)]
struct TokenizedOut<'a> {
    id: &'a str,
    sentences: Vec<SpanText<'a>>,
    tokens: Vec<TokenOut<'a>>,
}

/// Options of the subcommands that strip boilerplate.
#[derive(Debug, Clone, clap::Args)]
pub struct StripArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Judge each page alone: skip the first pass that learns each site's
    /// template (lines recurring across its pages). Implied for `-`.
    #[arg(long)]
    pub single_pass: bool,
}

/// What `extract` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Emit {
    /// Canonical facts: merged across mentions and documents, with sources.
    Facts,
    /// One fact per mention, before merging, in document order.
    Mentions,
    /// A shard's part for `factsift merge`: its canonical facts, then one
    /// `{"sketch": ...}` line per document, in one stream (a map step of a
    /// distributed run, e.g. Spark's `RDD.pipe`).
    Partial,
}

/// Options of `extract`.
#[derive(Debug, Clone, clap::Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub strip: StripArgs,
    /// Write canonical facts or raw mentions.
    #[arg(long, value_enum, default_value_t = Emit::Facts)]
    pub emit: Emit,
    /// Also write each document's near-duplicate sketch to FILE (JSONL), so
    /// `factsift merge --sketches` can find duplicates across shards.
    #[arg(long, value_name = "FILE")]
    pub sketches: Option<PathBuf>,
}

/// `factsift tokenize`: sentences and tokens of each whole document.
pub fn tokenize(args: &InputArgs) -> Result<ExitCode> {
    let tokenizer = factsift_tokenize::Tokenizer::new();
    let pool = runner::pool(args.threads)?;
    json_lines(args, &pool, "tokenize", |doc| {
        let t = tokenizer.tokenize(&doc.text);
        let out = TokenizedOut {
            id: &doc.id,
            sentences: t
                .sentences
                .iter()
                .map(|s| SpanText::new(s.span, &doc.text))
                .collect(),
            tokens: t
                .tokens
                .iter()
                .map(|t| TokenOut {
                    span: SpanText::new(t.span, &doc.text),
                    kind: t.kind,
                })
                .collect(),
        };
        serde_json::to_string(&out)
    })
}

/// Runs `line` over every document and writes its JSON line per document.
fn json_lines<F>(
    args: &InputArgs,
    pool: &rayon::ThreadPool,
    command: &str,
    line: F,
) -> Result<ExitCode>
where
    F: Fn(&Document) -> serde_json::Result<String> + Sync,
{
    let mut output = Output::open(args.output.as_deref())?;
    let mut records = 0;
    let run = DocumentRun {
        args,
        command,
        pool,
    };
    let mut stats = run.run(line, |_, line| {
        output.line(&line?)?;
        records += 1;
        Ok(())
    })?;
    stats.records = records;
    finish(args, output, stats)
}

/// The first pass over re-readable inputs: what recurs across each site's
/// pages. Errors are not reported here; the main pass reports them.
fn learn_templates(args: &StripArgs, pool: &rayon::ThreadPool) -> Result<Template> {
    let reads_stdin = args.input.inputs.iter().any(|p| p.as_os_str() == "-");
    let mut learner = TemplateLearner::new();
    if args.single_pass || reads_stdin {
        return Ok(learner.finish());
    }
    runner::scan_documents(&args.input, pool, |doc| learner.observe(doc))?;
    Ok(learner.finish())
}

/// The command's worker pool (one for the template pass, the document loop
/// and the merge), the pipeline and the inputs' template. Building the pipeline (loading
/// its data, compiling its automata) is serial work, so it runs beside the
/// template pass rather than before it, and in two halves: the claim
/// extractor's lexicon automaton takes as long as the other stages
/// together, which matters most to a `--single-pass` run that waits for it.
fn prepare(args: &StripArgs) -> Result<(rayon::ThreadPool, Pipeline, Template)> {
    let pool = runner::pool(args.input.threads)?;
    std::thread::scope(|scope| {
        let claims = scope.spawn(|| ClaimExtractor::builder().build());
        let stages = scope.spawn(|| {
            Ok::<_, anyhow::Error>((Stripper::builder().build()?, Tagger::builder().build()?))
        });
        let template = learn_templates(args, &pool);
        let (stripper, tagger) = joined(stages).context("cannot load the pipeline's data")?;
        let claims = joined(claims).context("cannot load the claim extractor's data")?;
        let pipeline = Pipeline::builder()
            .stripper(stripper)
            .tagger(tagger)
            .claims(claims)
            .build()
            .context("cannot load the pipeline's data")?;
        let template = template?;
        Ok((pool, pipeline, template))
    })
}

/// A scoped thread's result, its panic passed on to the caller.
fn joined<T>(thread: std::thread::ScopedJoinHandle<'_, T>) -> T {
    thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// `factsift strip`: the article text and the dropped boilerplate.
pub fn strip(args: &StripArgs) -> Result<ExitCode> {
    let (pool, pipeline, template) = prepare(args)?;
    json_lines(&args.input, &pool, "strip", |doc| {
        serde_json::to_string(&pipeline.stripper().strip_with(doc, &template).record(doc))
    })
}

/// Adds a `text` field beside every `span` object of a JSON tree, so tag
/// output can be read without the document at hand.
fn add_span_texts(value: &mut serde_json::Value, text: &str) {
    match value {
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| add_span_texts(v, text)),
        serde_json::Value::Object(map) => {
            let slice = map.get("span").and_then(|s| {
                let start = s.get("start")?.as_u64()? as usize;
                let end = s.get("end")?.as_u64()? as usize;
                text.get(start..end)
            });
            if let Some(slice) = slice {
                map.insert("text".to_string(), slice.into());
            }
            for (key, v) in map.iter_mut() {
                if key != "span" {
                    add_span_texts(v, text);
                }
            }
        }
        _ => {}
    }
}

/// A list of tags, each written with the text of its spans. Each item goes
/// through a JSON tree of its own, so memory stays that of one item rather
/// than of a tree of the whole document (~100 bytes per input byte).
struct WithSpanTexts<'a, T>(&'a [T], &'a str);

impl<T: Serialize> Serialize for WithSpanTexts<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for item in self.0 {
            let mut value = serde_json::to_value(item).map_err(S::Error::custom)?;
            add_span_texts(&mut value, self.1);
            seq.serialize_element(&value)?;
        }
        seq.end()
    }
}

/// One line of `factsift tag` (keys in alphabetical order, as before).
#[derive(Serialize)]
struct TagRecord<'a> {
    date: Option<factsift_core::Date>,
    entities: WithSpanTexts<'a, factsift_core::Entity>,
    id: &'a str,
    quantities: WithSpanTexts<'a, factsift_core::Quantity>,
    times: WithSpanTexts<'a, factsift_core::TimeMention>,
}

/// `factsift tag`: entities, quantities and times of each article.
pub fn tag(args: &StripArgs) -> Result<ExitCode> {
    let (pool, pipeline, template) = prepare(args)?;
    json_lines(&args.input, &pool, "tag", |doc| {
        let out = pipeline.tag_with(doc, &template);
        let text = doc.text.as_str();
        serde_json::to_string(&TagRecord {
            date: doc.date,
            entities: WithSpanTexts(&out.tags.entities, text),
            id: &doc.id,
            quantities: WithSpanTexts(&out.tags.quantities, text),
            times: WithSpanTexts(&out.tags.times, text),
        })
    })
}

/// Mentions held before they are merged among themselves. Merging early
/// keeps one copy of a fact's key for all its mentions; the merge takes
/// earlier merge outputs as input and the final merge applies the dedup
/// clusters, so the output is the same. The next merge waits until the held
/// facts have doubled, so re-merging costs O(n log n) in all.
/// `FACTSIFT_PREMERGE_MENTIONS` overrides it, for the test that shows the
/// output does not change.
const PREMERGE_MENTIONS: usize = 100_000;

fn premerge_mentions() -> usize {
    std::env::var("FACTSIFT_PREMERGE_MENTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(PREMERGE_MENTIONS)
        .max(1)
}

/// `factsift extract`: the whole pipeline, then near-duplicate clustering
/// and the merge into canonical facts.
pub fn extract(args: &ExtractArgs) -> Result<ExitCode> {
    let (pool, pipeline, template) = prepare(&args.strip)?;
    let deduper = Deduper::new();
    let input = &args.strip.input;
    let mut output = Output::open(input.output.as_deref())?;
    let mut index = DedupIndex::new(&deduper);
    let mut sketch_output = args
        .sketches
        .as_deref()
        .map(|p| Output::open(Some(p)))
        .transpose()?;
    let mut mentions: Vec<MergedFact> = Vec::new();
    let premerge_min = premerge_mentions();
    let mut premerge_at = premerge_min;
    let mut partial_sketches = Vec::new();
    let mut records = 0u64;
    let mut mention_count = 0u64;
    let run = DocumentRun {
        args: input,
        command: "extract",
        pool: &pool,
    };
    let mut stats = run.run(
        |doc: &Document| {
            let out = pipeline.run_with(doc, &template);
            let sketch = deduper.sketch(&doc.id, &out.stripped.text(doc));
            (out.facts, sketch)
        },
        |_, (facts, sketch)| {
            if let Some(out) = sketch_output.as_mut() {
                out.line(&serde_json::to_string(&sketch)?)?;
            }
            if args.emit == Emit::Partial {
                partial_sketches.push(sketch.clone());
            }
            index.add(sketch);
            mention_count += facts.len() as u64;
            match args.emit {
                Emit::Mentions => {
                    for fact in &facts {
                        output.line(&serde_json::to_string(fact)?)?;
                        records += 1;
                    }
                }
                Emit::Facts | Emit::Partial => {
                    mentions.extend(facts.into_iter().map(MergedFact::from));
                    if mentions.len() >= premerge_at {
                        mentions = Merger::new().merge(std::mem::take(&mut mentions));
                        premerge_at = (2 * mentions.len()).max(premerge_min);
                    }
                }
            }
            Ok(())
        },
    )?;
    // Clustering first, then gathering the mentions by key: they do not
    // depend on each other, but side by side their peaks add up (on the
    // 1.14 GB dump: 325 MB instead of 276 MB, over the 300 MB goal).
    let clusters = index.finish();
    let duplicates = clusters.duplicates() as u64;
    if args.emit != Emit::Mentions && !stats.interrupted {
        let groups = Merger::groups(mentions);
        let merger = Merger::new().with_dedup(clusters);
        records = write_merged(&pool, &merger, groups, &mut output)?;
        partial_sketches.sort();
        for sketch in partial_sketches {
            output.line(&serde_json::to_string(&SketchLine { sketch })?)?;
        }
    }
    if let Some(out) = sketch_output {
        if stats.interrupted {
            drop(out);
        } else {
            out.finish()?;
        }
    }
    stats.records = records;
    stats.extra.insert("mentions".to_string(), mention_count);
    stats
        .extra
        .insert("duplicate documents".to_string(), duplicates);
    finish(input, output, stats)
}

/// Groups of facts merged and serialised together on the pool, so that
/// the end of a run, after the last document, is not one thread's work;
/// a bounded number at a time, so that the serialised facts of a large
/// run are never all held at once.
const GROUPS_PER_WINDOW: usize = 4096;

/// Merges `groups` on `pool` and writes the facts as JSON lines, in the
/// groups' order (the order of [`Merger::merge`]). Returns how many.
fn write_merged(
    pool: &rayon::ThreadPool,
    merger: &Merger,
    mut groups: Groups,
    output: &mut Output,
) -> Result<u64> {
    let mut facts = 0;
    loop {
        let window: Vec<_> = groups.by_ref().take(GROUPS_PER_WINDOW).collect();
        if window.is_empty() {
            return Ok(facts);
        }
        let lines: Vec<(String, u64)> = pool.install(|| {
            window
                .into_par_iter()
                .map(|group| {
                    let merged = merger.merge_group(group);
                    Ok((factsift_dedup::to_jsonl(&merged)?, merged.len() as u64))
                })
                .collect::<serde_json::Result<_>>()
        })?;
        for (text, n) in lines {
            output.write_all(text.as_bytes())?;
            facts += n;
        }
    }
}

/// `factsift dedup`: each document's near-duplicate cluster.
pub fn dedup(args: &StripArgs) -> Result<ExitCode> {
    let (pool, pipeline, template) = prepare(args)?;
    let deduper = Deduper::new();
    let mut output = Output::open(args.input.output.as_deref())?;
    let mut index = DedupIndex::new(&deduper);
    let run = DocumentRun {
        args: &args.input,
        command: "dedup",
        pool: &pool,
    };
    let mut stats = run.run(
        |doc| {
            deduper.sketch(
                &doc.id,
                &pipeline.stripper().strip_with(doc, &template).text(doc),
            )
        },
        |_, sketch| {
            index.add(sketch);
            Ok(())
        },
    )?;
    let clusters = index.finish();
    for assignment in clusters.iter() {
        output.line(&serde_json::to_string(&assignment)?)?;
    }
    stats.records = clusters.len() as u64;
    stats.extra.insert(
        "duplicate documents".to_string(),
        clusters.duplicates() as u64,
    );
    finish(&args.input, output, stats)
}

/// A sketch inside a part written with `--emit partial`.
#[derive(Serialize, serde::Deserialize)]
struct SketchLine {
    sketch: factsift_dedup::Sketch,
}

/// Options of `merge`.
#[derive(Debug, Clone, clap::Args)]
pub struct MergeArgs {
    /// Fact files (JSONL) from `extract` runs over shards of one dump.
    #[arg(required = true, value_name = "PART")]
    pub parts: Vec<PathBuf>,
    /// Write the merged facts to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Sketch files written by `extract --sketches` for the parts: documents
    /// are then clustered across all parts, as one run would.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub sketches: Vec<PathBuf>,
    /// Write the sketches after the facts, so the output is again a part
    /// (for tree-shaped reduces).
    #[arg(long)]
    pub partial: bool,
    /// Worker threads for the merge (default: all cores). Output is
    /// identical for any value.
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
}

/// `factsift merge`: one canonical fact file from shard outputs. The merge
/// is associative and commutative, so any grouping gives the same bytes.
pub fn merge(args: &MergeArgs) -> Result<ExitCode> {
    let mut facts = Vec::new();
    let mut sketches = Vec::new();
    for part in &args.parts {
        let text = std::fs::read_to_string(part)
            .with_context(|| format!("cannot read {}", part.display()))?;
        // Sketch lines of `--emit partial` parts are taken out and replaced by
        // blank lines, so fact errors still name the right line.
        let mut fact_lines = String::with_capacity(text.len());
        for (n, line) in text.lines().enumerate() {
            if line.starts_with("{\"sketch\"") {
                let parsed: SketchLine = serde_json::from_str(line)
                    .with_context(|| format!("{}:{}: not a sketch line", part.display(), n + 1))?;
                sketches.push(parsed.sketch);
            } else {
                fact_lines.push_str(line);
            }
            fact_lines.push('\n');
        }
        facts.extend(factsift_dedup::parse_merged(
            fact_lines.as_bytes(),
            part.display().to_string(),
        )?);
    }
    for path in &args.sketches {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let sketch = serde_json::from_str(line)
                .with_context(|| format!("{}:{}: not a sketch line", path.display(), n + 1))?;
            sketches.push(sketch);
        }
    }
    let mut merger = Merger::new();
    sketches.sort();
    sketches.dedup();
    if !sketches.is_empty() {
        let mut index = DedupIndex::new(&Deduper::new());
        sketches.iter().cloned().for_each(|s| index.add(s));
        merger = merger.with_dedup(index.finish());
    }
    let pool = runner::pool(args.threads)?;
    let mut output = Output::open(args.output.as_deref())?;
    write_merged(&pool, &merger, Merger::groups(facts), &mut output)?;
    if args.partial {
        for sketch in sketches {
            output.line(&serde_json::to_string(&SketchLine { sketch })?)?;
        }
    }
    output.finish()?;
    Ok(ExitCode::SUCCESS)
}

/// Options of `report`.
#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub strip: StripArgs,
    /// Gold facts: adds the scores and marks each fact hit, miss or false positive.
    #[arg(long, value_name = "GOLD")]
    pub gold: Option<PathBuf>,
}

/// `factsift report`: one self-contained HTML page showing what each stage
/// kept, tagged and extracted, and how it scored.
pub fn report(args: &ReportArgs) -> Result<ExitCode> {
    let input = &args.strip.input;
    if input.output.as_deref().is_none_or(|p| p.as_os_str() == "-") {
        anyhow::bail!("factsift report needs -o FILE.html");
    }
    let gold = args
        .gold
        .as_ref()
        .map(factsift_eval::read_facts)
        .transpose()?;
    let (pool, pipeline, template) = prepare(&args.strip)?;
    let deduper = Deduper::new();
    let mut report = factsift_report::Report::new();
    let names: Vec<String> = input
        .inputs
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    report.set_title(format!("factsift report: {}", names.join(" ")));
    let mut index = DedupIndex::new(&deduper);
    let mut mentions: Vec<MergedFact> = Vec::new();
    let run = DocumentRun {
        args: input,
        command: "report",
        pool: &pool,
    };
    let mut stats = run.run(
        |doc: &Document| {
            let out = pipeline.run_with(doc, &template);
            let sketch = deduper.sketch(&doc.id, &out.stripped.text(doc));
            (out, sketch)
        },
        |doc, (out, sketch)| {
            index.add(sketch);
            report.add_document(doc, &out);
            mentions.extend(out.facts.into_iter().map(MergedFact::from));
            Ok(())
        },
    )?;
    let facts = Merger::new().with_dedup(index.finish()).merge(mentions);
    report.set_facts(&facts);
    if let Some(gold) = &gold {
        report.set_gold(gold);
    }
    let mut output = Output::open(input.output.as_deref())?;
    report
        .write_html(&mut output)
        .context("cannot write the report")?;
    stats.records = facts.len() as u64;
    finish(input, output, stats)
}

/// Options of `eval`.
#[derive(Debug, Clone, clap::Args)]
pub struct EvalArgs {
    /// Gold facts (JSONL, the fact contract's format).
    #[arg(long, value_name = "GOLD")]
    pub gold: PathBuf,
    /// Predicted facts (JSONL), e.g. the output of `factsift extract`.
    #[arg(value_name = "PRED")]
    pub pred: PathBuf,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also list misses and false positives side by side.
    #[arg(long)]
    pub show: bool,
}

/// `factsift eval`: the fact contract's scores of predictions against gold.
pub fn eval(args: &EvalArgs) -> Result<ExitCode> {
    let gold = factsift_eval::read_facts(&args.gold)?;
    let pred = factsift_eval::read_facts(&args.pred)?;
    let report = factsift_eval::score(&gold, &pred);
    let mut output = Output::open(None)?;
    if args.json {
        output.line(&serde_json::to_string_pretty(&report)?)?;
    } else {
        output.line(report.table().trim_end())?;
    }
    if args.show {
        output.line(report.show(&gold, &pred).trim_end())?;
    }
    output.finish()?;
    Ok(ExitCode::SUCCESS)
}
