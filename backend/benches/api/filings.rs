//! Signed filings (issue 16, bench 2): requests filed per second — each a signature checked
//! against its chain and revocation list, the request's move, its history, its audit entry and
//! its outbox row committed durably in one transaction — as a share of what the same database
//! commits of a bare single-row insert, driven the same way in the same run.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use qyzmet_backend::signatures::test_ca::TestCa;
use sqlx::Executor as _;
use sqlx::any::AnyPoolOptions;

use crate::{CONNECTIONS, DRIVEN, SignedDraft, signed_draft};

/// Drafts filed in all: enough that filing them takes seconds on this machine.
const FILINGS: usize = 630;
/// Drafts signed before each round of filings starts its clock: a person may keep no more than
/// 50 unfiled (`MAX_DRAFTS`), so they are filed in rounds, and only the filing is timed.
const ROUND: usize = 45;

/// Filings per second, the filings not answered 200, bare inserts per second, and the share of
/// the machine's CPU time busy while filing (portal, database server and load generator alike):
/// near 1 the cores bound the filings; well below, something they wait on does, such as a lock.
pub struct Filings {
    pub per_second: f64,
    pub refused: u64,
    pub inserts_per_second: f64,
    pub cpu_busy: f64,
}

/// Files `FILINGS` signed drafts of the citizen (session `cookie`), `CONNECTIONS` at once, in
/// rounds of `ROUND`, spread over the instances at `bases` (drafted on the first); beside bare
/// inserts into the portal's database at `database_url`.
pub async fn filings(bases: &[&str], cookie: &str, ca: &TestCa, database_url: &str) -> Filings {
    let base = bases[0];
    let client = reqwest::Client::new();
    let refused = Arc::new(AtomicU64::new(0));
    let mut filing = Duration::ZERO;
    let (mut busy, mut all) = (0, 0);
    for _ in 0..FILINGS / ROUND {
        let mut drafts = Vec::with_capacity(ROUND);
        for _ in 0..ROUND {
            drafts.push(signed_draft(&client, base, cookie, ca).await);
        }
        let drafts: Arc<[SignedDraft]> = drafts.into();
        let next = Arc::new(AtomicU64::new(0));
        let start = Instant::now();
        let cpu_before = cpu_times();
        let mut filers = tokio::task::JoinSet::new();
        for n in 0..CONNECTIONS {
            let base = bases[n as usize % bases.len()].to_owned();
            let (client, cookie) = (client.clone(), cookie.to_owned());
            let (drafts, next, refused) = (drafts.clone(), next.clone(), refused.clone());
            filers.spawn(async move {
                while let Some(draft) = usize::try_from(next.fetch_add(1, Ordering::Relaxed))
                    .ok()
                    .and_then(|n| drafts.get(n))
                {
                    let filed = draft.submit(&client, &base, &cookie).await;
                    if !filed.is_ok_and(|response| response.status().is_success()) {
                        refused.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
        while filers.join_next().await.is_some() {}
        filing += start.elapsed();
        let cpu_after = cpu_times();
        busy += cpu_after.0.saturating_sub(cpu_before.0);
        all += cpu_after.1.saturating_sub(cpu_before.1);
    }
    let count = f64::from(u32::try_from(FILINGS / ROUND * ROUND).unwrap_or(u32::MAX));
    let per_second = count / filing.as_secs_f64();
    let inserts_per_second = bare_inserts(database_url).await;
    let cpu_busy = if all == 0 {
        f64::NAN
    } else {
        f64::from(u32::try_from(busy).unwrap_or(u32::MAX))
            / f64::from(u32::try_from(all).unwrap_or(u32::MAX))
    };
    Filings { per_second, refused: refused.load(Ordering::Relaxed), inserts_per_second, cpu_busy }
}

/// The machine's busy and total CPU time so far, in clock ticks, from `/proc/stat` (zeros where
/// there is none).
fn cpu_times() -> (u64, u64) {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let ticks: Vec<u64> = stat
        .lines()
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .skip(1)
        .filter_map(|field| field.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
    let all: u64 = ticks.iter().take(8).sum();
    let idle = ticks.get(3).copied().unwrap_or(0) + ticks.get(4).copied().unwrap_or(0);
    (all.saturating_sub(idle), all)
}

/// Single-row inserts per second, each its own durable commit, by `CONNECTIONS` writers for
/// `DRIVEN`, through a pool set as the portal's store sets its own (`store/mod.rs`: 4
/// connections and `synchronous = FULL` in WAL on SQLite, 16 on PostgreSQL).
async fn bare_inserts(database_url: &str) -> f64 {
    sqlx::any::install_default_drivers();
    let sqlite = database_url.starts_with("sqlite:");
    let pool = AnyPoolOptions::new()
        .max_connections(if sqlite { 4 } else { 16 })
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if sqlite {
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA synchronous = FULL").await?;
                    conn.execute("PRAGMA busy_timeout = 5000").await?;
                }
                Ok(())
            })
        })
        .connect(database_url)
        .await
        .expect("the database for bare inserts");
    pool.execute("DROP TABLE IF EXISTS bench_bare_insert").await.expect("dropped");
    pool.execute("CREATE TABLE bench_bare_insert (id BIGINT PRIMARY KEY, body TEXT NOT NULL)")
        .await
        .expect("a table for bare inserts");
    let next = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let end = start + DRIVEN;
    let mut writers = tokio::task::JoinSet::new();
    for _ in 0..CONNECTIONS {
        let (pool, next) = (pool.clone(), next.clone());
        writers.spawn(async move {
            while Instant::now() < end {
                let id = i64::try_from(next.fetch_add(1, Ordering::Relaxed)).unwrap_or(i64::MAX);
                sqlx::query("INSERT INTO bench_bare_insert (id, body) VALUES ($1, $2)")
                    .bind(id)
                    .bind("a row as long as a short history entry")
                    .execute(&pool)
                    .await
                    .expect("a bare insert");
            }
        });
    }
    while writers.join_next().await.is_some() {}
    let inserted = f64::from(u32::try_from(next.load(Ordering::Relaxed)).unwrap_or(u32::MAX));
    let per_second = inserted / start.elapsed().as_secs_f64();
    pool.execute("DROP TABLE bench_bare_insert").await.expect("dropped");
    pool.close().await;
    per_second
}
