//! Durable storage: one repository layer over SQLite (the default, a file in the data directory)
//! or PostgreSQL (when `DATABASE_URL` names one). Queries are written once in the SQL both
//! understand, with `$n` placeholders; each backend has its own migrations folder because their
//! DDL differs.

mod accounts;
mod attachments;
pub mod audit;
mod backup;
mod calendar;
mod challenges;
mod clock;
mod dashboard;
mod documents;
#[cfg(test)]
mod fresh_postgres;
mod generated;
mod mobile_signs;
mod notifications;
#[cfg(test)]
mod plans;
mod powers;
mod rate_limits;
mod refusals;
mod registries;
mod registry;
mod requests;
mod sessions;
mod statistics;
mod step_limits;
mod surveys;
mod test_ca;

pub use accounts::{Account, Accounts, NewAccount};
pub use attachments::{Attachments, NewAttachment};
pub use audit::{AuditCheck, AuditEntry, AuditEntryView, AuditKey, AuditLog, Checkpoint, ShortKey};
pub use backup::{Restored, restore};
pub use calendar::CalendarDays;
pub use challenges::Challenges;
pub use clock::Clock;
pub use dashboard::Dashboards;
pub use documents::{Documents, IssuedDocument};
pub use mobile_signs::{MobileSign, MobileSigns, NewMobileSign, Outcome as MobileSignOutcome};
pub use notifications::{ClaimedMail, MAX_ATTEMPTS, Mail, Notifications, Retry};
pub use powers::{Powers, VerifiedGrant};
pub use rate_limits::{RateLimits, WRITE_EVERY};
pub use refusals::{Refusals, StoredRefusal};
pub use registries::{Registries, Route, Side};
pub use registry::RegistryTables;
pub use requests::{
    Effect, Filter, Move, Origin, Requests, SignedFor, StoredRequest, StoredResult,
    StoredSignature, Whose,
};
pub use sessions::Sessions;
pub use statistics::OpenFigures;
pub use step_limits::StepLimits;
pub use surveys::Surveys;
pub use test_ca::TestCaFiles;

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use sqlx::any::{AnyArguments, AnyQueryResult};
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::migrate::Migrator;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, AnyPool, Executor, Transaction};

use crate::error::AppResult;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A transaction that writes. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`): a
/// deferred one that read first could not take it later once another writer committed
/// (`SQLITE_BUSY_SNAPSHOT`, which no busy timeout waits out), and would answer 500. And it first
/// waits for this process's turn to write to that file (`WriteTx`). PostgreSQL's row locks need
/// nothing more than its `BEGIN`.
pub(crate) async fn begin_write(pool: &AnyPool) -> Result<WriteTx, sqlx::Error> {
    match turn_to_write(pool).await {
        Some(turn) => {
            let tx = pool.begin_with("BEGIN IMMEDIATE").await?;
            Ok(WriteTx { tx, _turn: Some(turn) })
        }
        None => Ok(WriteTx { tx: pool.begin().await?, _turn: None }),
    }
}

/// One statement that writes, committed on its own: on SQLite in this process's turn to write
/// to the file, as `begin_write`'s transactions are.
pub(crate) async fn write_alone<'q>(
    pool: &AnyPool,
    statement: Query<'q, Any, AnyArguments<'q>>,
) -> Result<AnyQueryResult, sqlx::Error> {
    let _turn = turn_to_write(pool).await;
    statement.execute(pool).await
}

/// On SQLite, this process's turn to write to the file, once it comes; PostgreSQL needs none.
async fn turn_to_write(pool: &AnyPool) -> Option<tokio::sync::OwnedMutexGuard<()>> {
    let url = &pool.connect_options().database_url;
    if url.scheme().starts_with("sqlite") {
        Some(writer_of(url.as_str()).lock_owned().await)
    } else {
        None
    }
}

/// A write transaction, used as the connection it runs on. On SQLite it also holds this
/// process's turn to write to the file, so that its writers queue here, first come first served,
/// and only one at a time asks SQLite for the lock. Left to SQLite they poll: its busy handler
/// sleeps up to 100 ms between tries and serves no queue, so under a spike a writer could wait
/// out the whole busy timeout (5 s) and fail while others wrote.
pub(crate) struct WriteTx {
    tx: Transaction<'static, Any>,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl WriteTx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

impl std::ops::Deref for WriteTx {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}

/// The turn to write to the SQLite file at `url`, one per file in this process, shared by every
/// store open on it.
fn writer_of(url: &str) -> Arc<tokio::sync::Mutex<()>> {
    static WRITERS: LazyLock<Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>> =
        LazyLock::new(Mutex::default);
    let mut writers = WRITERS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    writers.entry(url.to_owned()).or_default().clone()
}

#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// What the audit chain is sealed with.
    audit_key: AuditKey,
    /// What every stored instant is read from.
    clock: Clock,
    /// Calls counted against rate limits, waiting for their write.
    unwritten: Arc<rate_limits::Unwritten>,
}

impl Store {
    /// Connects, brings the schema up to date and seeds the reference data it lacks; the audit
    /// chain is not sealed (see `open_sealed`).
    pub async fn open(url: &str) -> AppResult<Store> {
        Store::open_sealed(url, AuditKey::default()).await
    }

    /// `open`, sealing the audit entries it writes with `audit_key`.
    pub async fn open_sealed(url: &str, audit_key: AuditKey) -> AppResult<Store> {
        install_default_drivers();
        let backend = Backend::from_url(url).ok_or_else(|| {
            std::io::Error::other("the database URL must start with sqlite: or postgres:")
        })?;
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 16 })
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // Durable by default: a request acknowledged to the user is on disk.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await?;
        let migrations = match backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrations.run(&pool).await?;
        audit::seal(&pool, &audit_key).await?;
        let clock = Clock::default();
        let unwritten = rate_limits::unwritten(&pool, &clock);
        let store = Store { pool, backend, audit_key, clock, unwritten };
        store.calendar().seed_if_empty().await?;
        Ok(store)
    }

    /// The time the store dates its writes with and the server compares against.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// The clock itself, for a test to set.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The newest migration applied; also proves the database answers.
    pub async fn schema_version(&self) -> AppResult<i64> {
        let version: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
            .fetch_one(&self.pool)
            .await?;
        Ok(version.unwrap_or(0))
    }

    pub fn accounts(&self) -> Accounts<'_> {
        Accounts::new(&self.pool, &self.audit_key, &self.clock)
    }

    pub fn sessions(&self) -> Sessions<'_> {
        Sessions::new(&self.pool, &self.audit_key, &self.clock)
    }

    pub fn audit(&self) -> AuditLog<'_> {
        AuditLog::new(&self.pool, &self.audit_key, &self.clock)
    }

    pub fn rate_limits(&self) -> RateLimits<'_> {
        RateLimits::new(&self.pool, &self.clock, &self.unwritten)
    }

    pub fn registry(&self) -> RegistryTables<'_> {
        RegistryTables::new(&self.pool, &self.audit_key, &self.clock)
    }

    pub fn requests(&self) -> Requests<'_> {
        Requests::new(&self.pool, &self.audit_key, &self.clock)
    }

    pub fn mobile_signs(&self) -> MobileSigns<'_> {
        MobileSigns::new(&self.pool, &self.audit_key, &self.clock)
    }

    pub fn challenges(&self) -> Challenges<'_> {
        Challenges::new(&self.pool, &self.clock)
    }

    pub fn attachments(&self) -> Attachments<'_> {
        Attachments::new(&self.pool, &self.audit_key, &self.clock)
    }

    pub fn dashboards(&self) -> Dashboards<'_> {
        Dashboards::new(&self.pool)
    }

    pub fn open_figures(&self) -> OpenFigures<'_> {
        OpenFigures::new(&self.pool)
    }

    pub fn surveys(&self) -> Surveys<'_> {
        Surveys::new(&self.pool, &self.audit_key, &self.clock)
    }

    pub fn notifications(&self) -> Notifications<'_> {
        Notifications::new(&self.pool, &self.clock)
    }

    pub fn powers(&self) -> Powers<'_> {
        Powers::new(&self.pool, &self.audit_key, &self.clock)
    }

    pub fn registries(&self) -> Registries<'_> {
        Registries::new(&self.pool, &self.audit_key, &self.clock)
    }

    pub fn refusals(&self) -> Refusals<'_> {
        Refusals::new(&self.pool, &self.audit_key, &self.clock)
    }

    pub fn documents(&self) -> Documents<'_> {
        Documents::new(&self.pool, &self.audit_key, &self.clock)
    }

    pub fn test_ca(&self) -> TestCaFiles<'_> {
        TestCaFiles::new(&self.pool, &self.audit_key, &self.clock)
    }

    pub fn calendar(&self) -> CalendarDays<'_> {
        CalendarDays::new(&self.pool, &self.audit_key, &self.clock)
    }

    pub fn step_limits(&self) -> StepLimits<'_> {
        StepLimits::new(&self.pool, &self.audit_key, &self.clock)
    }

    /// Writes the calls counted against rate limits, then closes the connections.
    pub async fn close(&self) {
        if let Err(error) = self.rate_limits().write_counted().await {
            tracing::warn!(%error, "counted calls could not be written as the store closed");
        }
        self.pool.close().await;
    }
}
