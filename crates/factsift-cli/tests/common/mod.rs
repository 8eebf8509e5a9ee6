//! Helpers shared by the integration tests of the `factsift` binary.
#![allow(dead_code)] // each test file uses its own subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary under test.
pub fn factsift() -> Command {
    Command::new(env!("CARGO_BIN_EXE_factsift"))
}

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `command` to the end and fails the test, showing its standard
/// error, unless it succeeded.
pub fn succeed(command: &mut Command) -> Output {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{:?} failed ({}): {}",
        command,
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}
