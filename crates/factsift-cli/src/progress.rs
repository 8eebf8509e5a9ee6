//! The progress bar on standard error: documents/s and MB/s, hidden when
//! standard error is not a terminal or with `--quiet`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new(quiet: bool, command: &str) -> Progress {
        let visible = !quiet && std::io::stderr().is_terminal();
        let bar = visible.then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(8));
            let style = ProgressStyle::with_template(&format!(
                "{command} {{spinner}} {{pos}} docs ({{per_sec}}) {{msg}} [{{elapsed_precise}}]"
            ))
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
            bar.set_style(style);
            bar
        });
        Progress { bar }
    }

    pub fn advance(&self, docs: u64, bytes_read: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(docs);
            let secs = bar.elapsed().as_secs_f64().max(1e-9);
            bar.set_message(format!("{:.1} MB/s", bytes_read as f64 / 1e6 / secs));
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
