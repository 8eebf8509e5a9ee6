//! The document loop shared by the per-document subcommands: stream
//! documents from ingestion, process bounded batches on the rayon pool,
//! write results in input order, report skips, and sum up the run.

use crate::output::{Output, is_broken_pipe};
use crate::progress::Progress;
use anyhow::{Context, Result};
use factsift_core::Document;
use factsift_ingest::{Item, Items, Pending, Reader, Summary};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::VecDeque;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Instant;

/// Set by SIGINT/SIGTERM; the loop stops at the next batch.
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Documents processed together; bounds memory whatever the input size.
const BATCH_PER_THREAD: usize = 64;

/// Batches on the pool while this thread reads the next one: one being
/// worked on and one queued behind it.
const BATCHES_IN_FLIGHT: usize = 2;

/// Options shared by every subcommand that reads documents.
#[derive(Debug, Clone, clap::Args)]
pub struct InputArgs {
    /// Files, directories (read recursively in sorted order) or `-` for
    /// standard input: text pages, HTML, JSONL records, any of them gzipped.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Write results to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Worker threads (default: all cores). Output is identical for any value.
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// No progress bar and no summary line.
    #[arg(short, long)]
    pub quiet: bool,
    /// Write the run summary as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    pub stats: Option<PathBuf>,
    /// Skip documents larger than this many bytes (reported as skipped).
    #[arg(long, value_name = "BYTES", default_value_t = factsift_ingest::DEFAULT_MAX_DOCUMENT_BYTES)]
    pub max_doc_bytes: u64,
    /// Skip text pages with a line longer than this many bytes (reported as skipped).
    #[arg(long, value_name = "BYTES", default_value_t = factsift_ingest::DEFAULT_MAX_LINE_BYTES)]
    pub max_line_bytes: u64,
}

impl InputArgs {
    /// The ingestion reader these options ask for.
    pub fn reader(&self) -> Result<Reader> {
        Reader::builder()
            .max_document_bytes(self.max_doc_bytes)
            .max_line_bytes(self.max_line_bytes)
            .build()
            .context("invalid ingestion options")
    }
}

/// What a run did, for the summary line and `--stats`.
#[derive(Debug, Default, Serialize)]
pub struct RunStats {
    /// The subcommand.
    pub command: String,
    /// Ingestion's counts: documents read, skipped by reason, warnings.
    pub ingest: Summary,
    /// Output records written (documents, facts, ...).
    pub records: u64,
    /// Extra counts of the subcommand (facts, mentions, duplicates...).
    pub extra: std::collections::BTreeMap<String, u64>,
    /// Wall time in seconds.
    pub seconds: f64,
    /// Documents per second.
    pub docs_per_second: f64,
    /// Input megabytes (10^6 bytes) per second.
    pub mb_per_second: f64,
    /// Whether SIGINT/SIGTERM stopped the run early.
    pub interrupted: bool,
}

/// A run over documents: reads them, hands each to `process` on the pool,
/// and passes each result, in input order, to `sink`.
pub struct DocumentRun<'a> {
    pub args: &'a InputArgs,
    pub command: &'a str,
    /// The workers; see [`pool`].
    pub pool: &'a rayon::ThreadPool,
}

impl DocumentRun<'_> {
    /// Runs `process` over every document and `sink` over the results in
    /// input order. Returns the run's statistics.
    pub fn run<T, P, S>(&self, process: P, mut sink: S) -> Result<RunStats>
    where
        T: Send,
        P: Fn(&Document) -> T + Sync,
        S: FnMut(&Document, T) -> Result<()>,
    {
        let reader = self.args.reader()?;
        let progress = Progress::new(self.args.quiet, self.command, &self.args.inputs);
        let started = Instant::now();
        let mut items = reader.read(self.args.inputs.iter().cloned());
        let mut stats = RunStats {
            command: self.command.to_string(),
            ..RunStats::default()
        };
        let mut input_bytes = 0u64;
        let mut docs_done = 0u64;
        stats.interrupted = !in_batches(&mut items, self.pool, &process, |item, out, read| {
            match item {
                Item::Document { doc, warnings } => {
                    for warning in &warnings {
                        progress.message(&format!("factsift: {}: warning: {warning}", doc.source));
                    }
                    input_bytes += doc.text.len() as u64;
                    docs_done += 1;
                    if let Some(out) = out {
                        sink(&doc, out)?;
                    }
                }
                Item::Skipped(err) => progress.message(&format!("factsift: skipped: {err}")),
            }
            if read.batch_end {
                progress.advance(docs_done, read.bytes);
            }
            Ok(())
        })?;
        progress.finish();
        stats.ingest = items.summary().clone();
        stats.seconds = started.elapsed().as_secs_f64();
        let secs = stats.seconds.max(1e-9);
        stats.docs_per_second = stats.ingest.documents as f64 / secs;
        stats.mb_per_second = input_bytes as f64 / 1e6 / secs;
        Ok(stats)
    }
}

/// A worker pool of `threads` threads (default: one per core).
pub fn pool(threads: Option<usize>) -> Result<rayon::ThreadPool> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = threads {
        builder = builder.num_threads(n.max(1));
    }
    builder.build().context("cannot start the worker threads")
}

/// Reads every input document and hands each, in input order, to `each`:
/// a first pass that needs the documents but reports nothing (the main pass
/// reports skips and warnings). Decoding runs on `pool`.
pub fn scan_documents(
    args: &InputArgs,
    pool: &rayon::ThreadPool,
    mut each: impl FnMut(&Document),
) -> Result<()> {
    let mut items = args.reader()?.read(args.inputs.iter().cloned());
    in_batches(&mut items, pool, &|_: &Document| (), |item, _, _| {
        if let Item::Document { doc, .. } = &item {
            each(doc);
        }
        Ok(())
    })?;
    Ok(())
}

/// Where reading stands when an item is handed on.
struct ReadState {
    /// Input bytes read so far.
    bytes: u64,
    /// Whether the item is the last of its batch.
    batch_end: bool,
}

/// A decoded batch: each item with its result when it is a document.
type Decoded<T> = Vec<(Item, Option<T>)>;

/// The loop under every pass: reads bounded batches of documents on this
/// thread (reading is sequential, decoding is not), decodes them and runs
/// `process` over them on `pool`, and hands each item, with its result when
/// it is a document, to `take` in input order. Items are counted in the
/// summary of `items`. Returns false when SIGINT/SIGTERM stopped it.
///
/// Batches overlap: while the pool works on one, the next is already queued
/// and this thread reads and hands on others, so no worker waits at the end
/// of a batch for the slowest document, nor for the reading and writing.
fn in_batches<T, P, F>(
    items: &mut Items<'_>,
    pool: &rayon::ThreadPool,
    process: &P,
    mut take: F,
) -> Result<bool>
where
    T: Send,
    P: Fn(&Document) -> T + Sync,
    F: FnMut(Item, Option<T>, ReadState) -> Result<()>,
{
    let batch_size = BATCH_PER_THREAD * pool.current_num_threads();
    pool.in_place_scope(|scope| {
        // One receiver per batch on the pool, oldest first. A batch whose
        // job panicked drops its sender unsent; the scope then re-raises.
        let mut in_flight: VecDeque<mpsc::Receiver<Decoded<T>>> = VecDeque::new();
        loop {
            if INTERRUPTED.load(Ordering::Relaxed) {
                return Ok(false);
            }
            let batch: Vec<Pending> = std::iter::from_fn(|| items.next_pending())
                .take(batch_size)
                .collect();
            let done = batch.len() < batch_size;
            if !batch.is_empty() {
                let (sender, receiver) = mpsc::channel();
                scope.spawn(move |_| {
                    let decoded = batch
                        .into_par_iter()
                        .map(|pending| {
                            let item = pending.decode();
                            let out = match &item {
                                Item::Document { doc, .. } => Some(process(doc)),
                                Item::Skipped(_) => None,
                            };
                            (item, out)
                        })
                        .collect();
                    // The receiver is gone only when the run stopped early.
                    let _ = sender.send(decoded);
                });
                in_flight.push_back(receiver);
            }
            let keep = if done { 0 } else { BATCHES_IN_FLIGHT };
            while in_flight.len() > keep {
                let Some(Ok(decoded)) = in_flight.pop_front().map(|r| r.recv()) else {
                    return Ok(true);
                };
                let last = decoded.len().saturating_sub(1);
                for (i, (item, out)) in decoded.into_iter().enumerate() {
                    items.account(&item);
                    let read = ReadState {
                        bytes: items.summary().bytes,
                        batch_end: i == last,
                    };
                    take(item, out, read)?;
                }
            }
            if done {
                return Ok(true);
            }
        }
    })
}

/// Ends a run: finishes the output, prints the summary, writes `--stats`,
/// and picks the exit code (2 when nothing could be read, 1 when some
/// inputs were skipped, 0 otherwise).
pub fn finish(args: &InputArgs, output: Output, stats: RunStats) -> Result<ExitCode> {
    let failure = if stats.interrupted {
        Some(("interrupted", ExitCode::from(130)))
    } else if stats.ingest.documents == 0 {
        Some(("no document could be read", ExitCode::from(2)))
    } else {
        None
    };
    if let Some((why, code)) = failure {
        let what = match output.atomic_target() {
            Some(path) => format!("{} was left untouched", path.display()),
            None => "output is incomplete".to_string(),
        };
        drop(output);
        eprintln!("factsift: {why}; {what}");
        return Ok(code);
    }
    output.finish()?;
    if !args.quiet {
        eprintln!("{}", summary_line(&stats));
    }
    if let Some(path) = &args.stats {
        let json = serde_json::to_string_pretty(&stats)?;
        std::fs::write(path, json + "\n")
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(exit_code(&stats.ingest))
}

pub fn exit_code(summary: &Summary) -> ExitCode {
    if summary.skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn summary_line(stats: &RunStats) -> String {
    let s = &stats.ingest;
    let mut line = format!(
        "factsift {}: {} documents read, {} skipped",
        stats.command, s.documents, s.skipped
    );
    if !s.skipped_by_reason.is_empty() {
        let reasons: Vec<String> = s
            .skipped_by_reason
            .iter()
            .map(|(kind, n)| format!("{}: {n}", snake_name(kind)))
            .collect();
        line += &format!(" ({})", reasons.join(", "));
    }
    if s.warnings > 0 {
        line += &format!(", {} warnings", s.warnings);
    }
    for (name, n) in &stats.extra {
        line += &format!(", {n} {name}");
    }
    line += &format!(
        "; {} records written in {:.2} s ({:.0} docs/s, {:.1} MB/s)",
        stats.records, stats.seconds, stats.docs_per_second, stats.mb_per_second
    );
    line
}

/// The serde name of a unit enum variant (`malformed_json`).
fn snake_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => "other".to_string(),
    }
}

/// Turns a failed run into its message and exit code; a broken pipe on
/// standard output ends quietly.
pub fn report_error(err: anyhow::Error) -> ExitCode {
    if is_broken_pipe(&err) {
        return ExitCode::SUCCESS;
    }
    eprintln!("factsift: error: {err:#}");
    ExitCode::from(2)
}
