//! `cargo xtask run | test | bench`: the project's own installer, builder and checker, so a fresh
//! machine needs nothing but Rust and the package registries.

mod bench;
mod bundle;
mod frontend;
mod fuzz;
mod lighthouse;
mod postgres;
mod shell;
mod tools;

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

const USAGE: &str = "usage: cargo xtask <run|test|bench> [backend flags, for run]

  run     install what is missing, build the client and server, start the portal on an
          embedded SQLite database with demo accounts (flags such as --addr and --data-dir,
          and DATABASE_URL, are passed on to the server)
  test    formatting, clippy, a short fuzzing run, unit tests, API tests on SQLite and
          PostgreSQL, browser tests
  bench   sizes of the client bundle, Lighthouse on the first screens, signature verification,
          API reads against an empty handler (SQLite and PostgreSQL), crash safety, ten minutes
          of each fuzz target; `bench first-load` stops after Lighthouse";

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    let result = match command.as_str() {
        "run" => run(&rest),
        "test" => test(),
        "bench" => bench::run(rest.first().is_some_and(|only| only == "first-load")),
        _ => {
            eprintln!("{USAGE}");
            return std::process::ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// The workspace root: xtask's manifest sits one level below it.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

fn run(backend_args: &[String]) -> Result<()> {
    let root = root();
    frontend::build(&root)?;
    shell::step("building the server (release)");
    shell::cargo(&root, &["build", "--release", "--package", "qyzmet-backend", "--bin", "qyzmet"])?;
    let server = root.join("target/release/qyzmet");
    shell::step("starting the portal (Ctrl+C stops it)");
    let mut command = std::process::Command::new(server);
    command
        .current_dir(&root)
        .args(["--demo", "--insecure-cookies"])
        .arg("--dist")
        .arg(root.join("dist"))
        .args(backend_args);
    let status = command.status()?;
    if !status.success() {
        bail!("the server stopped with {status}");
    }
    Ok(())
}

/// How long `cargo xtask test` fuzzes each shared reader (the bench gives each ten minutes).
const FUZZ_SECONDS: u32 = 15;

fn test() -> Result<()> {
    let root = root();
    shell::step("formatting");
    shell::cargo(&root, &["fmt", "--all", "--check"])?;
    tools::ensure_wasm_target()?;
    shell::step("clippy, server side");
    shell::cargo(&root, &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])?;
    shell::step("clippy, browser side (wasm32)");
    shell::cargo(
        &root,
        &[
            "clippy",
            "--package",
            "qyzmet-frontend",
            "--package",
            "qyzmet-shared",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    let assets = frontend::build(&root)?;
    shell::step("the first load's budget");
    bundle::check_budget(&assets)?;
    fuzz::short(&root, FUZZ_SECONDS)?;
    tools::ensure_chromium()?;
    tools::ensure_other_implementations()?;
    let postgres = postgres::TempServer::start(postgres::Durability::Disposable)?;
    shell::step(&format!(
        "tests: unit, API on SQLite and PostgreSQL ({}), browser",
        postgres.url()
    ));
    let mut command = shell::cargo_command(&root, &["test", "--workspace", "--no-fail-fast"]);
    command
        .env("QYZMET_TEST_POSTGRES_URL", postgres.url())
        .env("QYZMET_DIST", root.join("dist"))
        .env("CHROMEDRIVER", tools::CHROMEDRIVER)
        .env("CHROMIUM", tools::CHROMIUM)
        .env("AXE_CORE", root.join("xtask/npm").join(tools::AXE_CORE));
    let outcome = shell::status(&mut command);
    drop(postgres);
    outcome
}
