//! `cargo xtask bench`: what a visitor downloads, how a phone on slow 4G fares with the first
//! screens (Lighthouse), what verifying a signature costs the server, the
//! API's reads against an empty handler's ceiling, signed filings against bare inserts, a
//! deadline spike, hundreds of kills under load, and ten minutes of fuzzing per target.

use std::path::Path;

use anyhow::Result;

use crate::{bundle, frontend, fuzz, lighthouse, postgres, root, shell, tools};

/// How many times the bench kills the portal under load (the test suite: 3).
const CRASH_CYCLES: u32 = 300;

/// How long the bench fuzzes each target.
const FUZZ_SECONDS: u32 = 600;

/// Every figure; with `first_load_only`, the client's sizes and Lighthouse alone.
pub fn run(first_load_only: bool) -> Result<()> {
    let root = root();
    let assets = frontend::build(&root)?;
    shell::step("client bundle sizes (dist/)");
    println!(
        "{:<8} {:>10} {:>10} {:>10}  {:<10} file",
        "what", "raw", "gzip -9", "brotli 11", "loaded"
    );
    let mut total = [0usize; 3];
    for asset in &assets {
        let sizes = [asset.raw, asset.gzip, asset.brotli];
        for (t, s) in total.iter_mut().zip(sizes) {
            *t += s;
        }
        let name = asset.path.file_name().unwrap_or_default().to_string_lossy();
        println!(
            "{:<8} {:>10} {:>10} {:>10}  {:<10} {name}",
            asset.kind,
            kb(sizes[0]),
            kb(sizes[1]),
            kb(sizes[2]),
            if asset.first_load { "first" } else { "later" }
        );
    }
    println!("{:<8} {:>10} {:>10} {:>10}", "total", kb(total[0]), kb(total[1]), kb(total[2]));
    bundle::check_budget(&assets)?;
    lighthouse::run(&root)?;
    if first_load_only {
        return Ok(());
    }
    shell::step("signature verification, server (release build)");
    shell::cargo(&root, &["bench", "--package", "qyzmet-backend", "--bench", "verify"])?;
    let postgres = postgres::TempServer::start(postgres::Durability::Durable)?;
    api_load(&root, &postgres)?;
    key_file_in_the_browser(&root)?;
    crash_safety(&root, &postgres)?;
    fuzz::long(&root, FUZZ_SECONDS)
}

/// The API's reads against an empty handler's ceiling, its signed filings against bare inserts
/// and the status check's deadline spike, on SQLite and on `postgres` (`backend/benches/api/`;
/// the table also goes to `target/bench/latest.json`).
fn api_load(root: &Path, postgres: &postgres::TempServer) -> Result<()> {
    shell::step("API under load against its ceilings, SQLite and PostgreSQL (release build)");
    let mut command =
        shell::cargo_command(root, &["bench", "--package", "qyzmet-backend", "--bench", "api"]);
    command.env("QYZMET_BENCH_POSTGRES_URL", postgres.url());
    shell::status(&mut command)
}

/// The crash-safety test of the API suite with its full count of kills, on both databases.
fn crash_safety(root: &Path, postgres: &postgres::TempServer) -> Result<()> {
    shell::step(&format!("crash safety: {CRASH_CYCLES} kills under load, SQLite and PostgreSQL"));
    let mut command = shell::cargo_command(
        root,
        &["test", "--package", "qyzmet-backend", "--test", "api", "crash", "--", "--nocapture"],
    );
    command
        .env("QYZMET_TEST_POSTGRES_URL", postgres.url())
        .env("QYZMET_CRASH_CYCLES", CRASH_CYCLES.to_string());
    shell::status(&mut command)
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
    format!("{:.1} KB", bundle::kb(bytes))
}
