//! `cargo xtask bench`: what a visitor downloads, and what verifying a signature costs the server.
//! Later issues add API timings.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use crate::{frontend, root, shell, tools};

pub fn run() -> Result<()> {
    let root = root();
    frontend::build(&root)?;
    shell::step("client bundle sizes (dist/)");
    let dist = root.join("dist");
    let mut rows = Vec::new();
    for entry in std::fs::read_dir(&dist).context("reading dist/")? {
        let path = entry?.path();
        let kind = match path.extension().and_then(|e| e.to_str()) {
            Some("wasm") => "WASM",
            Some("js") => "JS glue",
            Some("css") => "CSS",
            Some("html") => "HTML",
            _ => continue,
        };
        rows.push((kind, path));
    }
    rows.sort();
    println!("{:<8} {:>10} {:>10} {:>10}  file", "what", "raw", "gzip -9", "brotli 11");
    let mut total = [0usize; 3];
    for (kind, path) in &rows {
        let sizes = sizes(path)?;
        for (t, s) in total.iter_mut().zip(sizes) {
            *t += s;
        }
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        println!(
            "{kind:<8} {:>10} {:>10} {:>10}  {name}",
            kb(sizes[0]),
            kb(sizes[1]),
            kb(sizes[2])
        );
    }
    println!("{:<8} {:>10} {:>10} {:>10}", "total", kb(total[0]), kb(total[1]), kb(total[2]));
    shell::step("signature verification, server (release build)");
    shell::cargo(&root, &["bench", "--package", "qyzmet-backend", "--bench", "verify"])?;
    key_file_in_the_browser(&root)
}

/// Opening a GOST key file and signing with it, in headless Chromium, as the shipped WebAssembly
/// does it (`frontend/tests/key_file_speed.rs`, run by wasm-bindgen's test runner).
fn key_file_in_the_browser(root: &Path) -> Result<()> {
    tools::ensure_chromium()?;
    shell::step("GOST key file, browser (WebAssembly in headless Chromium)");
    let runner = tools::cargo_bin("wasm-bindgen-test-runner");
    let mut command = shell::cargo_command(
        root,
        &[
            "test",
            "--package",
            "qyzmet-frontend",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm-release",
            "--test",
            "key_file_speed",
            "--",
            "--nocapture",
        ],
    );
    command
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", runner)
        .env("CHROMEDRIVER", tools::CHROMEDRIVER);
    shell::status(&mut command)
}

fn kb(bytes: usize) -> String {
    // Bundle files are far below 2^52 bytes, so the conversion is exact.
    #[allow(clippy::cast_precision_loss)]
    let kb = bytes as f64 / 1024.0;
    format!("{kb:.1} KB")
}

/// Raw, gzip (level 9) and brotli (quality 11) sizes of a file.
fn sizes(path: &Path) -> Result<[usize; 3]> {
    let raw = std::fs::read(path)?;
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gzip.write_all(&raw)?;
    let gzip = gzip.finish()?.len();
    let mut brotli = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut brotli, 4096, 11, 22);
        writer.write_all(&raw)?;
    }
    Ok([raw.len(), gzip, brotli.len()])
}
