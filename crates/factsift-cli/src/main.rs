//! `factsift`: turns scraped news pages into canonical, source-linked facts.
//!
//! This binary only parses arguments and composes the library crates; see
//! ARCHITECTURE.md. Each subcommand runs one stage (or the whole pipeline)
//! over documents and writes one JSON line per document or per fact.

mod commands;
mod output;
mod progress;
mod runner;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// The binary's allocator (libraries stay allocator-neutral); why in Cargo.toml.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Turn raw scraped news pages into canonical, deduplicated, source-linked facts.
#[derive(Debug, Parser)]
#[command(name = "factsift", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Split each document into sentences and tokens (one JSON line per document).
    Tokenize(runner::InputArgs),
    /// Keep the article, drop site chrome: title, text and dropped spans with reasons.
    Strip(commands::StripArgs),
    /// Entities, numbers, money, percentages, ranks, dates and periods of each article.
    Tag(commands::StripArgs),
    /// The whole pipeline: canonical, deduplicated, source-linked facts (JSONL).
    Extract(commands::ExtractArgs),
    /// Near-duplicate clusters of documents (one JSON line per document).
    Dedup(commands::StripArgs),
    /// Merge fact files of shards of one dump into one.
    Merge(commands::MergeArgs),
    /// Score predicted facts against gold facts as the fact contract says.
    Eval(commands::EvalArgs),
    /// One self-contained HTML page: kept and dropped text, tags, facts and scores.
    Report(commands::ReportArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(err) =
        ctrlc::set_handler(|| runner::INTERRUPTED.store(true, std::sync::atomic::Ordering::Relaxed))
    {
        eprintln!("factsift: warning: cannot handle interrupts: {err}");
    }
    let result = match &cli.command {
        Command::Tokenize(args) => commands::tokenize(args),
        Command::Strip(args) => commands::strip(args),
        Command::Tag(args) => commands::tag(args),
        Command::Extract(args) => commands::extract(args),
        Command::Dedup(args) => commands::dedup(args),
        Command::Merge(args) => commands::merge(args),
        Command::Eval(args) => commands::eval(args),
        Command::Report(args) => commands::report(args),
    };
    result.unwrap_or_else(runner::report_error)
}
