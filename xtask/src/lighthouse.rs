//! Lighthouse's mobile run against the portal as shipped (the release server, the built client,
//! the demo data): a phone on slow 4G (1.6 Mbit/s, 150 ms round trips) with a CPU four times
//! slower than this machine's, on the catalog, a service's page and the status check. Issue 16's
//! goals: performance ≥ 90, accessibility 100. Each report goes to `target/bench/`.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::{shell, tools};

/// The screens a first visit opens, with the names the reports are saved under.
const PAGES: [(&str, &str); 3] =
    [("catalog", "/kk"), ("service", "/kk/services/archival-certificate"), ("check", "/kk/check")];
const PERFORMANCE_GOAL: f64 = 0.9;
const ACCESSIBILITY_GOAL: f64 = 1.0;

/// The server, stopped when dropped.
struct Portal(Child);

impl Drop for Portal {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn run(root: &Path) -> Result<()> {
    let lighthouse = tools::ensure_lighthouse(root)?;
    tools::ensure_chromium()?;
    shell::cargo(root, &["build", "--release", "--package", "qyzmet-backend", "--bin", "qyzmet"])?;
    shell::step("Lighthouse, mobile (slow 4G, CPU 4× slower): the first screens");
    let reports = root.join("target/bench");
    let data = reports.join("lighthouse-data");
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data)?;
    let address = free_address()?;
    let _portal = Portal(
        Command::new(root.join("target/release/qyzmet"))
            .args(["--demo", "--insecure-cookies", "--addr", &address])
            .arg("--data-dir")
            .arg(&data)
            .arg("--dist")
            .arg(root.join("dist"))
            .stdout(Stdio::null())
            .spawn()
            .context("starting the portal")?,
    );
    wait_until_listening(&address)?;
    println!(
        "{:<8} {:>11} {:>13} {:>8} {:>8} {:>8} {:>10}",
        "screen", "performance", "accessibility", "FCP", "LCP", "TBT", "download"
    );
    let mut missed = Vec::new();
    for (name, path) in PAGES {
        let report = reports.join(format!("lighthouse-{name}.json"));
        shell::status(
            Command::new(&lighthouse)
                .arg(format!("http://{address}{path}"))
                .args(["--only-categories=performance,accessibility", "--output=json", "--quiet"])
                .arg(format!("--output-path={}", report.display()))
                .arg(format!("--chrome-path={}", tools::CHROMIUM))
                .arg("--chrome-flags=--headless=new --no-sandbox"),
        )?;
        let scores = Scores::read(&report)?;
        println!(
            "{name:<8} {:>11.0} {:>13.0} {:>6.2} s {:>6.2} s {:>5.0} ms {:>7.1} KB",
            scores.performance * 100.0,
            scores.accessibility * 100.0,
            scores.first_contentful_paint_ms / 1000.0,
            scores.largest_contentful_paint_ms / 1000.0,
            scores.total_blocking_time_ms,
            scores.download_bytes / 1024.0,
        );
        if scores.performance < PERFORMANCE_GOAL || scores.accessibility < ACCESSIBILITY_GOAL {
            missed.push(name);
        }
    }
    if missed.is_empty() {
        println!("every screen meets issue 16's goals (performance ≥ 90, accessibility 100)");
    } else {
        println!("below issue 16's goals (performance ≥ 90, accessibility 100): {missed:?}");
    }
    Ok(())
}

/// What the bench prints of a report.
struct Scores {
    performance: f64,
    accessibility: f64,
    first_contentful_paint_ms: f64,
    largest_contentful_paint_ms: f64,
    total_blocking_time_ms: f64,
    download_bytes: f64,
}

impl Scores {
    fn read(report: &Path) -> Result<Scores> {
        let text = std::fs::read_to_string(report)
            .with_context(|| format!("reading {}", report.display()))?;
        let json: Value = serde_json::from_str(&text)?;
        let number = |pointer: &str| {
            json.pointer(pointer)
                .and_then(Value::as_f64)
                .with_context(|| format!("{} has no {pointer}", report.display()))
        };
        Ok(Scores {
            performance: number("/categories/performance/score")?,
            accessibility: number("/categories/accessibility/score")?,
            first_contentful_paint_ms: number("/audits/first-contentful-paint/numericValue")?,
            largest_contentful_paint_ms: number("/audits/largest-contentful-paint/numericValue")?,
            total_blocking_time_ms: number("/audits/total-blocking-time/numericValue")?,
            download_bytes: number("/audits/total-byte-weight/numericValue")?,
        })
    }
}

/// A loopback address no one listens on now.
fn free_address() -> Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.to_string())
}

/// Waits for the portal to listen: it migrates and seeds the demo first.
fn wait_until_listening(address: &str) -> Result<()> {
    let started = Instant::now();
    while TcpStream::connect(address).is_err() {
        if started.elapsed() > Duration::from_mins(2) {
            bail!("the portal did not listen on {address} within two minutes");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    Ok(())
}
