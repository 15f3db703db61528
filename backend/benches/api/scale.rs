//! The reads at scale (issue 16, item 3): the portal on a store of a million generated requests
//! with their histories (`Store::generate`), on a fresh SQLite file and on a fresh PostgreSQL
//! database beside the bench's own; each read driven as the others are, its p99 at half of its
//! saturating rate against the goal of 10 ms. `QYZMET_BENCH_SCALE_REQUESTS` makes it fewer for a
//! quick look.

use std::path::Path;

use serde_json::{Value, json};
use sqlx::Connection as _;
use sqlx::Executor as _;

use super::{Portal, Read, drive, portal, print_row};

const REQUESTS: i64 = 1_000_000;
/// What each read's p99 must stay under at scale.
const GOAL_MS: f64 = 10.0;

/// Each read at scale, on each database: printed, and returned for the report.
pub async fn reads(files: &Path, ceiling: f64) -> Value {
    let requests = std::env::var("QYZMET_BENCH_SCALE_REQUESTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(REQUESTS);
    let mut databases =
        vec![("sqlite", format!("sqlite://{}?mode=rwc", files.join("scale.sqlite3").display()))];
    if let Ok(url) = std::env::var("QYZMET_BENCH_POSTGRES_URL") {
        databases.push(("postgres", fresh_beside(&url, "qyzmet_bench_scale").await));
    }
    let mut report = json!({"requests": requests, "goal_p99_ms": GOAL_MS});
    for (name, url) in databases {
        let Portal { base, reads, generated_in, .. } = portal(&url, files, requests).await;
        println!(
            "-- {name} at scale: {requests} generated requests with their histories, written in {:.0} s",
            generated_in.as_secs_f64()
        );
        let mut rows = serde_json::Map::new();
        rows.insert("generated_in_seconds".to_owned(), json!(generated_in.as_secs_f64()));
        // The first read driven after the store is made, driven again after the others: on
        // PostgreSQL the first was the slowest (p99 47 ms, again 7.4 ms) while the rate-limit
        // count kept a plan made for its empty table (2026-12-07).
        let again =
            reads.first().map(|first| Read { name: "status check, again last", ..first.clone() });
        for read in reads.into_iter().chain(again) {
            let figures = drive(&[&base], &read).await;
            print_row(read.name, &figures, ceiling);
            rows.insert(
                read.name.to_owned(),
                json!({"per_second": figures.per_second, "p50_ms": figures.p50_ms,
                    "p99_ms": figures.p99_ms, "within_goal": figures.p99_ms <= GOAL_MS,
                    "refused": figures.refused}),
            );
        }
        report[name] = Value::Object(rows);
    }
    report
}

/// A new, empty database named `name` on the server of `url`.
async fn fresh_beside(url: &str, name: &str) -> String {
    let mut conn = sqlx::PgConnection::connect(url).await.expect("the bench's PostgreSQL");
    conn.execute(format!("DROP DATABASE IF EXISTS {name}").as_str()).await.expect("dropped");
    conn.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("created");
    conn.close().await.expect("closed");
    let (server, _) = url.rsplit_once('/').expect("a database in the URL");
    format!("{server}/{name}")
}
