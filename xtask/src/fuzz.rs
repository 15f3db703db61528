//! The fuzz targets of `backend/fuzz` (issue 17), run by cargo-fuzz on the nightly toolchain: a
//! short run of the shared readers in `cargo xtask test`, ten minutes of each, the server's CMS
//! verifier too, in `cargo xtask bench`. New inputs go to `target/fuzz/corpus/<target>`; the seeds
//! in `backend/fuzz/corpus/<target>` stay as they are; a failing input is kept in
//! `target/fuzz/artifacts/<target>/` and the run fails naming it.

use std::path::Path;
use std::process::Command;

use anyhow::Result;

use crate::{shell, tools};

/// The readers of bytes and text that every browser and the server share: key files (BER,
/// PKCS#12), request forms, IINs and BINs. Their instrumented build takes a minute or two.
const SHARED: [&str; 3] = ["key_file", "form", "id_number"];
/// CMS verification needs the whole server built with instrumentation (about ten minutes here).
const SERVER: [&str; 1] = ["cms"];

/// Each shared target for `seconds`, as `cargo xtask test` does.
pub fn short(root: &Path, seconds: u32) -> Result<()> {
    tools::ensure_cargo_fuzz()?;
    SHARED.iter().try_for_each(|target| run(root, target, seconds))
}

/// Every target for `seconds`, as `cargo xtask bench` does.
pub fn long(root: &Path, seconds: u32) -> Result<()> {
    tools::ensure_cargo_fuzz()?;
    SHARED.iter().chain(&SERVER).try_for_each(|target| run(root, target, seconds))
}

fn run(root: &Path, target: &str, seconds: u32) -> Result<()> {
    shell::step(&format!("fuzzing {target} for {seconds} s"));
    let found = root.join("target/fuzz/corpus").join(target);
    let artifacts = root.join("target/fuzz/artifacts").join(target);
    std::fs::create_dir_all(&found)?;
    std::fs::create_dir_all(&artifacts)?;
    let mut command = Command::new("rustup");
    command.current_dir(root).args(["run", "nightly", "cargo", "fuzz", "run"]);
    command.args(["--fuzz-dir", "backend/fuzz", "--target-dir", "target/fuzz"]);
    // Safe Rust: the address sanitizer finds nothing a panic would not; overflow checks on.
    command.args(["--sanitizer", "none", "--debug-assertions"]);
    if SERVER.contains(&target) {
        command.args(["--features", "backend"]);
    }
    command.arg(target).arg(&found).arg(root.join("backend/fuzz/corpus").join(target));
    command.arg("--").arg(format!("-max_total_time={seconds}")).arg("-timeout=60");
    command.arg(format!("-artifact_prefix={}/", artifacts.display()));
    shell::status(&mut command)
}
