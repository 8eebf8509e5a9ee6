//! The progress bar on standard error, hidden when standard error is not a
//! terminal or with `--quiet`. When the inputs' size is known (files and
//! directories, not standard input) it is a bar over the bytes as stored,
//! with an ETA; otherwise a spinner. Both show documents/s and MB/s.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new(quiet: bool, command: &str, inputs: &[PathBuf]) -> Progress {
        let visible = !quiet && std::io::stderr().is_terminal();
        let bar = visible.then(|| {
            let target = ProgressDrawTarget::stderr_with_hz(8);
            let (bar, template) = match stored_size(inputs) {
                Some(total) => (
                    ProgressBar::with_draw_target(Some(total), target),
                    format!("{command} [{{bar:20}}] {{percent:>3}}% {{msg}}, ETA {{eta}}"),
                ),
                None => (
                    ProgressBar::with_draw_target(None, target),
                    format!("{command} {{spinner}} {{msg}}, {{elapsed}}"),
                ),
            };
            let style = ProgressStyle::with_template(&template)
                .unwrap_or_else(|_| ProgressStyle::default_spinner())
                .progress_chars("=> ");
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(250));
            bar
        });
        Progress { bar }
    }

    /// Records `docs` more documents done, and the bytes of the inputs
    /// read so far as stored (compressed bytes for gzip).
    pub fn advance(&self, docs_done: u64, bytes_read: u64) {
        if let Some(bar) = &self.bar {
            if bar.length().is_some() {
                bar.set_position(bytes_read);
            }
            let secs = bar.elapsed().as_secs_f64().max(1e-9);
            bar.set_message(format!(
                "{docs_done} docs, {:.0} docs/s, {:.1} MB/s",
                docs_done as f64 / secs,
                bytes_read as f64 / 1e6 / secs
            ));
        }
    }

    /// A line on standard error that does not tear the bar. Messages about
    /// inputs are shown even with `--quiet`: nothing is dropped silently.
    pub fn message(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The total size of the inputs as stored, or `None` when one of them is
/// standard input or not a plain file or directory. Only metadata is read;
/// the walk is the reader's (sorted, symbolic links followed), so a file the
/// reader skips as unsupported still counts, which only makes the ETA err
/// on the long side.
fn stored_size(inputs: &[PathBuf]) -> Option<u64> {
    let mut total = 0u64;
    for input in inputs {
        if input.as_os_str() == "-" {
            return None;
        }
        for entry in walkdir::WalkDir::new(input).follow_links(true) {
            let Ok(entry) = entry else { continue };
            if entry.file_type().is_file() {
                total += entry.metadata().map(|m| m.len()).unwrap_or(0);
            } else if !entry.file_type().is_dir() {
                return None;
            }
        }
    }
    Some(total)
}
