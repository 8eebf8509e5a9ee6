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
    };
    result.unwrap_or_else(runner::report_error)
}
