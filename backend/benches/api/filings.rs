//! Signed filings (issue 16, bench 2): requests filed per second — each a signature checked
//! against its chain and revocation list, the request's move, its history, its audit entry and
//! its outbox row committed durably in one transaction — as a share of what the same database
//! commits of a bare single-row insert, driven the same way in the same run. Then the deadline
//! spike on filings (bench 5).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use qyzmet_backend::signatures::test_ca::TestCa;
use qyzmet_backend::store::{NewAttachment, Origin, Store};
use qyzmet_shared::attachment::FileKind;
use qyzmet_shared::request::NewRequest;
use sqlx::Executor as _;
use sqlx::any::AnyPoolOptions;

use crate::offer::Drafts;
use crate::overload::{self, Spike};
use crate::{
    CITIZEN, CONNECTIONS, DRIVEN, SCAN, SignedDraft, password_session, run, signed, signed_draft,
};

/// Drafts filed in all: enough that filing them takes seconds on this machine.
const FILINGS: usize = 630;
/// Drafts signed before each round of filings starts its clock: a person may keep no more than
/// 50 unfiled (`MAX_DRAFTS`), so they are filed in rounds, and only the filing is timed.
const ROUND: usize = 45;
/// Longer than any round of filings takes.
const ROUND_AT_MOST: Duration = Duration::from_mins(10);

/// Filings per second, the filings not answered 200, bare inserts per second, and the share of
/// the machine's CPU time busy while filing (portal, database server and load generator alike):
/// near 1 the cores bound the filings; well below, something they wait on does, such as a lock.
pub struct Filings {
    pub per_second: f64,
    pub refused: u64,
    pub inserts_per_second: f64,
    pub cpu_busy: f64,
    /// Whether the database makes a commit durable, as the goal's "durable commit" and "bare
    /// durable insert" mean: a PostgreSQL server run with `fsync` or `synchronous_commit` off
    /// acknowledges commits it has not written, and neither figure is then the goal's.
    pub durable: bool,
}

/// Files `FILINGS` signed drafts of the citizen (session `cookie`), `CONNECTIONS` at once, in
/// rounds of `ROUND`, spread over the instances at `bases` (drafted on the first); beside bare
/// inserts into the portal's database at `database_url`.
pub async fn filings(bases: &[&str], cookie: &str, ca: &TestCa, database_url: &str) -> Filings {
    let base = bases[0];
    let client = reqwest::Client::new();
    let mut refused = 0;
    let mut filing = Duration::ZERO;
    let (mut busy, mut all) = (0, 0);
    for _ in 0..FILINGS / ROUND {
        let mut drafts = Vec::with_capacity(ROUND);
        for _ in 0..ROUND {
            drafts.push(signed_draft(&client, base, (cookie, CITIZEN), ca).await);
        }
        let drafts = Arc::new(Drafts::new(bases, cookie, drafts));
        let start = Instant::now();
        let cpu_before = cpu_times();
        refused += run(&drafts, None, ROUND_AT_MOST).await.1;
        filing += start.elapsed();
        let cpu_after = cpu_times();
        busy += cpu_after.0.saturating_sub(cpu_before.0);
        all += cpu_after.1.saturating_sub(cpu_before.1);
    }
    let count = f64::from(u32::try_from(FILINGS / ROUND * ROUND).unwrap_or(u32::MAX));
    let per_second = count / filing.as_secs_f64();
    let (inserts_per_second, durable) = bare_inserts(database_url).await;
    let cpu_busy = if all == 0 {
        f64::NAN
    } else {
        f64::from(u32::try_from(busy).unwrap_or(u32::MAX))
            / f64::from(u32::try_from(all).unwrap_or(u32::MAX))
    };
    Filings { per_second, refused, inserts_per_second, cpu_busy, durable }
}

/// Who files in the spike: a demo applicant of their own, so that the citizen's drafts and lists
/// in the rest of the bench are not touched.
const SPIKE_FILER: &str = "920711300344";
/// Seconds of filing at the saturating rate the spike's drafts last for: the spike (60 s), its
/// calm measure before (3 s at half rate) and a recovery of up to 30 s at half rate after it.
const SPIKE_DRAFTS_LAST: f64 = 60.0 + 1.5 + 30.0;
/// Tasks preparing the spike's drafts at once.
const PREPARERS: usize = 16;

/// The deadline spike on filings, at ten times `saturating` filings per second: drafts enough
/// for the portal to file at that rate through the spike and the recovery, prepared beforehand
/// (opened and attached through the store, which has no limit of drafts per person, each then
/// shown and signed as a filer would), their p99 measured at half the rate, then the spike.
pub async fn spike(store: &Store, base: &str, ca: &TestCa, saturating: f64) -> Spike {
    let client = reqwest::Client::new();
    let cookie = password_session(&client, base, SPIKE_FILER).await;
    // A whole number of drafts, without a lossy cast.
    let count: usize =
        format!("{:.0}", (saturating * SPIKE_DRAFTS_LAST).ceil()).parse().unwrap_or(0);
    let preparing = Instant::now();
    let drafts = prepared(store, base, &cookie, ca, count).await;
    println!(
        "{count} drafts for the filing spike prepared in {:.0} s",
        preparing.elapsed().as_secs_f64()
    );
    let drafts = Arc::new(Drafts::new(&[base], &cookie, drafts));
    let (_, _, mut calm) = run(&drafts, Some(saturating / 2.0), DRIVEN).await;
    let calm_p99_ms = overload::percentile(&mut calm, 99);
    overload::spike(drafts, saturating, calm_p99_ms).await
}

/// `count` signed drafts of `SPIKE_FILER` (session `cookie`): the first drafted through the API,
/// which fills the form in from the registry, the rest opened with its form.
async fn prepared(
    store: &Store,
    base: &str,
    cookie: &str,
    ca: &TestCa,
    count: usize,
) -> Vec<SignedDraft> {
    let client = reqwest::Client::new();
    let first = signed_draft(&client, base, (cookie, SPIKE_FILER), ca).await;
    let requests = store.requests();
    let model = requests.by_number(&first.number).await.expect("read").expect("the first draft");
    let new = NewRequest {
        service: model.service,
        kind: model.kind.clone(),
        provider: model.provider.clone(),
        form: model.form.clone(),
        on_behalf_of: None,
        counter: None,
    };
    let filer = store.accounts().by_id_number(SPIKE_FILER).await.expect("read").expect("the filer");
    let (new, filer) = (Arc::new(new), Arc::new(filer));
    let opened = Arc::new(AtomicUsize::new(1));
    let mut preparers = tokio::task::JoinSet::new();
    for _ in 0..PREPARERS {
        let (store, client, ca) = (store.clone(), client.clone(), ca.clone());
        let (base, cookie) = (base.to_owned(), cookie.to_owned());
        let (new, filer, opened) = (new.clone(), filer.clone(), opened.clone());
        preparers.spawn(async move {
            let mut drafts = Vec::new();
            while opened.fetch_add(1, Ordering::Relaxed) < count {
                let requests = store.requests();
                let portal = Origin::Portal { power: None };
                let number = requests.create_draft(&filer, &filer, portal, &new).await;
                let number = number.expect("a draft opened");
                let draft = requests.by_number(&number).await.expect("read").expect("the draft");
                let scan = NewAttachment {
                    document: "identity",
                    name: "scan.pdf",
                    kind: FileKind::Pdf,
                    content: SCAN,
                };
                store.attachments().attach(&draft, &scan, SPIKE_FILER).await.expect("attached");
                drafts.push(signed(&client, &base, (&cookie, SPIKE_FILER), &ca, number).await);
            }
            drafts
        });
    }
    let mut drafts = vec![first];
    while let Some(prepared) = preparers.join_next().await {
        drafts.extend(prepared.expect("a preparer"));
    }
    drafts
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

/// Single-row inserts per second, each its own commit, by `CONNECTIONS` writers for `DRIVEN`,
/// through a pool set as the portal's store sets its own (`store/mod.rs`: 4 connections and
/// `synchronous = FULL` in WAL on SQLite, 16 on PostgreSQL); and whether each commit was durable.
async fn bare_inserts(database_url: &str) -> (f64, bool) {
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
    let durable = sqlite
        || sqlx::query_scalar(
            "SELECT current_setting('fsync') = 'on' AND current_setting('synchronous_commit') <> 'off'",
        )
        .fetch_one(&pool)
        .await
        .expect("the server's durability");
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
    (per_second, durable)
}
