//! Where results go: standard output, or a file written atomically.

use anyhow::{Context, Result};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A sink for output lines. A regular file is written to a temporary file
/// in the same directory and renamed over the target only by
/// [`Output::finish`], so an interrupted or failed run never leaves a
/// half-written file that looks complete, and the previous file stays
/// untouched. A target that is not a regular file (`/dev/null`, a named
/// pipe, a terminal) is written in place: renaming over it would replace
/// the device or pipe with a plain file.
pub enum Output {
    Stdout(BufWriter<io::Stdout>),
    File {
        temp: BufWriter<tempfile::NamedTempFile>,
        target: PathBuf,
    },
    Special {
        file: BufWriter<std::fs::File>,
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
        // Metadata follows symbolic links: what matters is what is written.
        match std::fs::metadata(target) {
            Ok(meta) if meta.is_dir() => {
                anyhow::bail!("cannot write {}: it is a directory", target.display())
            }
            Ok(meta) if !meta.is_file() => {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(target)
                    .with_context(|| format!("cannot open {} for writing", target.display()))?;
                return Ok(Output::Special {
                    file: BufWriter::with_capacity(1 << 16, file),
                    target: target.to_path_buf(),
                });
            }
            _ => {}
        }
        // Through a symbolic link, the file it points to is replaced and
        // the link is kept.
        let resolved = match std::fs::symlink_metadata(target) {
            Ok(meta) if meta.file_type().is_symlink() => {
                std::fs::canonicalize(target).unwrap_or_else(|_| target.to_path_buf())
            }
            _ => target.to_path_buf(),
        };
        let dir = match resolved.parent() {
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
            target: resolved,
        })
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Output::Stdout(w) => w,
            Output::File { temp, .. } => temp,
            Output::Special { file, .. } => file,
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
            Output::Special { mut file, target } => file
                .flush()
                .with_context(|| format!("cannot write {}", target.display())),
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

    /// The file that is replaced only on success, if any (for messages).
    pub fn atomic_target(&self) -> Option<&Path> {
        match self {
            Output::Stdout(_) | Output::Special { .. } => None,
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
