//! Where results go: standard output, or a file written atomically.

use anyhow::{Context, Result};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A sink for output lines. A file is written to a temporary file in the
/// same directory and renamed over the target only by [`Output::finish`],
/// so an interrupted or failed run never leaves a half-written file that
/// looks complete, and the previous file stays untouched.
pub enum Output {
    Stdout(BufWriter<io::Stdout>),
    File {
        temp: BufWriter<tempfile::NamedTempFile>,
        target: PathBuf,
    },
}

impl Output {
    pub fn open(path: Option<&Path>) -> Result<Output> {
        let Some(target) = path.filter(|p| p.as_os_str() != "-") else {
            return Ok(Output::Stdout(BufWriter::with_capacity(
                1 << 16,
                io::stdout(),
            )));
        };
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let temp = tempfile::Builder::new()
            .prefix(".factsift-")
            .suffix(".partial")
            .tempfile_in(dir)
            .with_context(|| {
                format!("cannot create a temporary file beside {}", target.display())
            })?;
        Ok(Output::File {
            temp: BufWriter::with_capacity(1 << 16, temp),
            target: target.to_path_buf(),
        })
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Output::Stdout(w) => w,
            Output::File { temp, .. } => temp,
        }
    }

    /// Writes one line. Errors are returned as is; a broken pipe on
    /// standard output is recognised by [`is_broken_pipe`].
    pub fn line(&mut self, line: &str) -> io::Result<()> {
        let w = self.writer();
        w.write_all(line.as_bytes())?;
        w.write_all(b"\n")
    }

    /// Flushes and, for a file, renames the temporary file over the target.
    pub fn finish(self) -> Result<()> {
        match self {
            Output::Stdout(mut w) => w.flush().context("cannot write to standard output"),
            Output::File { temp, target } => {
                let temp = temp
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .context("cannot flush output")?;
                temp.as_file().sync_all().ok();
                // A temporary file is private (0600); the result should have
                // the permissions of the file it replaces, or the usual ones.
                let permissions = match std::fs::metadata(&target) {
                    Ok(meta) => meta.permissions(),
                    Err(_) => default_permissions(temp.as_file())?,
                };
                temp.as_file()
                    .set_permissions(permissions)
                    .with_context(|| format!("cannot set permissions of {}", target.display()))?;
                temp.persist(&target)
                    .map_err(|e| e.error)
                    .with_context(|| format!("cannot write {}", target.display()))?;
                Ok(())
            }
        }
    }

    /// The target file, if any (for messages).
    pub fn target(&self) -> Option<&Path> {
        match self {
            Output::Stdout(_) => None,
            Output::File { target, .. } => Some(target),
        }
    }
}

/// Whether an error chain ends in a broken pipe (the reader of our
/// standard output went away: `factsift ... | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer().write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer().flush()
    }
}

#[cfg(unix)]
fn default_permissions(_: &std::fs::File) -> Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(file: &std::fs::File) -> Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}
