//! The `rate_limit_events` table: events counted per key within a time window, so that every
//! backend instance sees the same count. Each event carries the moment it may be forgotten (its
//! own limit's window past it), so that a limit with a short window never forgets what one with
//! a longer window still counts, and the sweep reads only what it removes.
//!
//! A call counted here costs no write of its own (the public status check is counted on every
//! call, and it is what a deadline rush hammers): the events wait in this process (`Unwritten`)
//! and are written together every `WRITE_EVERY`, each with its own time. A count adds what waits
//! here to what the table holds, so this process misses nothing; another instance sees the
//! events once written, so a client that spreads its calls over `n` instances gets at most `n`
//! windows' worth in one `WRITE_EVERY`, then one count. A crash loses at most `WRITE_EVERY` of
//! counts. Failed sign-ins are not counted here: they are written in the transaction that
//! records the failure (`record_events`).
//!
//! The statements that pick events by key or by moment are planned on every call
//! (`persistent(false)`), not prepared once per connection: this table goes from empty (a quiet
//! night forgets everything and PostgreSQL gathers its statistics so) to hundreds of thousands
//! of events within the minute a rush takes to be noticed, and a plan kept from the empty table
//! reads every event on each call (the status check's p99 at a million requests was 30–47 ms on
//! PostgreSQL, 10 once planned anew; `a_count_reads_its_index_when_the_table_grew_from_empty`).
//! SQLite's planner takes the index whatever the table holds; there the fresh plan costs a
//! prepare of a few microseconds (a reads-only run after: 9 595/s status checks, against
//! 9 634–10 205/s in runs before, less than runs differ), which one way for both is worth.

mod unwritten;

use std::sync::{Arc, Weak};
use std::time::Duration;

use sqlx::{AnyConnection, AnyPool};

use super::Clock;
use crate::error::{AppError, AppResult};
use unwritten::Event;
pub(crate) use unwritten::Unwritten;

/// How long counted events wait in the process before they are written.
pub const WRITE_EVERY: Duration = Duration::from_millis(200);
/// Events written by one statement: 3 parameters each, well within either database's bound.
const ROWS_PER_INSERT: usize = 500;
/// Reads of the table a count makes while writes keep committing under it, before it takes
/// the last one as it is.
const READS: usize = 3;

pub struct RateLimits<'a> {
    pool: &'a AnyPool,
    clock: &'a Clock,
    unwritten: &'a Unwritten,
}

impl<'a> RateLimits<'a> {
    pub(super) fn new(pool: &'a AnyPool, clock: &'a Clock, unwritten: &'a Unwritten) -> Self {
        RateLimits { pool, clock, unwritten }
    }

    /// Events under `key` since `since`.
    pub async fn count_since(&self, key: &str, since: i64) -> AppResult<i64> {
        self.counted(key, since, |counted, _| counted.events).await
    }

    /// Passes unless `calls` events under `key` are counted within the last `window_seconds`:
    /// then `AppError::Limited`, with the wait until the oldest of them leaves the window.
    pub async fn check(&self, key: &str, calls: i64, window_seconds: i64) -> AppResult<()> {
        let now = self.clock.now();
        self.counted(key, now - window_seconds, |counted, _| {
            counted.within(calls, window_seconds, now)
        })
        .await?
    }

    /// Counts one event under `key`, kept for `window_seconds`, unless `calls` are counted
    /// within the window already: then `AppError::Limited`, as `check` says.
    pub async fn admit(&self, key: &str, calls: i64, window_seconds: i64) -> AppResult<()> {
        let now = self.clock.now();
        self.counted(key, now - window_seconds, |counted, waiting| {
            let admitted = counted.within(calls, window_seconds, now);
            if admitted.is_ok() {
                waiting.add(key, Event { at: now, forget_at: now + window_seconds });
            }
            admitted
        })
        .await?
    }

    /// Counts one event under `key`, kept for `window_seconds`.
    pub fn record(&self, key: &str, window_seconds: i64) {
        let now = self.clock.now();
        self.unwritten.lock().add(key, Event { at: now, forget_at: now + window_seconds });
    }

    pub async fn clear(&self, key: &str) -> AppResult<()> {
        self.unwritten.lock().forget(key);
        sqlx::query("DELETE FROM rate_limit_events WHERE limit_key = $1")
            .persistent(false)
            .bind(key)
            .execute(self.pool)
            .await?;
        Ok(())
    }

    /// Writes the events counted here so far, and forgets every event whose window has passed.
    /// `keep_writing` calls it every `WRITE_EVERY`; the store before it closes.
    pub async fn write_counted(&self) -> AppResult<()> {
        let _turn = self.unwritten.turn().await;
        let events = self.unwritten.lock().take();
        if events.is_empty() {
            return Ok(());
        }
        let written = write(self.pool, &events, self.clock.now()).await;
        let mut waiting = self.unwritten.lock();
        match written {
            Ok(()) => waiting.written(),
            Err(_) => waiting.not_written(),
        }
        written
    }

    /// The events under `key` since `since`, written and waiting, given to `then` with the
    /// waiting ones to change.
    async fn counted<R>(
        &self,
        key: &str,
        since: i64,
        then: impl FnOnce(Counted, &mut unwritten::Waiting) -> R,
    ) -> AppResult<R> {
        let mut read = 1;
        loop {
            let before = self.unwritten.lock().settled();
            let (events, oldest): (i64, Option<i64>) = sqlx::query_as(
                "SELECT COUNT(*), MIN(at) FROM rate_limit_events WHERE limit_key = $1 AND at >= $2",
            )
            .persistent(false)
            .bind(key)
            .bind(since)
            .fetch_one(self.pool)
            .await?;
            let mut waiting = self.unwritten.lock();
            if before.is_some() && waiting.settled() == before || read == READS {
                let counted = Counted { events, oldest }.and(waiting.count(key, since));
                return Ok(then(counted, &mut waiting));
            }
            read += 1;
        }
    }
}

/// Events counted under a key within a window, and when the oldest of them happened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Counted {
    events: i64,
    oldest: Option<i64>,
}

impl Counted {
    pub(super) fn one(at: i64) -> Counted {
        Counted { events: 1, oldest: Some(at) }
    }

    pub(super) fn and(self, other: Counted) -> Counted {
        let oldest = self.oldest.into_iter().chain(other.oldest).min();
        Counted { events: self.events.saturating_add(other.events), oldest }
    }

    /// `Ok` while fewer than `calls` are counted; else `AppError::Limited` until the oldest
    /// leaves the window, at least a second from `now`. Another instance may have counted some that
    /// this one has not read yet: then the next call after the wait may be refused again.
    fn within(self, calls: i64, window_seconds: i64, now: i64) -> AppResult<()> {
        if self.events < calls {
            return Ok(());
        }
        let leaves_at = self.oldest.map_or(now + window_seconds, |at| at + window_seconds);
        Err(AppError::Limited { wait_seconds: (leaves_at - now).max(1) })
    }
}

/// Writes what `unwritten` counts every `WRITE_EVERY`, for as long as its store is open.
pub(super) fn keep_writing(pool: AnyPool, clock: Clock, unwritten: Weak<Unwritten>) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(WRITE_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            let Some(unwritten) = unwritten.upgrade() else { return };
            if pool.is_closed() {
                return;
            }
            let written = RateLimits::new(&pool, &clock, &unwritten).write_counted().await;
            if let Err(error) = written {
                tracing::warn!(%error, "counted calls could not be written; they wait for the next try");
            }
        }
    });
}

async fn write(pool: &AnyPool, events: &[(String, Event)], now: i64) -> AppResult<()> {
    let mut tx = super::begin_write(pool).await?;
    for rows in events.chunks(ROWS_PER_INSERT) {
        let values: Vec<String> = (0..rows.len())
            .map(|row| format!("(${}, ${}, ${})", 3 * row + 1, 3 * row + 2, 3 * row + 3))
            .collect();
        let sql = format!(
            "INSERT INTO rate_limit_events (limit_key, at, forget_at) VALUES {}",
            values.join(", ")
        );
        let mut insert = sqlx::query(&sql);
        for (key, event) in rows {
            insert = insert.bind(key).bind(event.at).bind(event.forget_at);
        }
        insert.execute(&mut *tx).await?;
    }
    forget_passed(&mut tx, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Counts one event under each key at `now`, kept for `window_seconds`, inside the caller's
/// transaction, and forgets every event whose window has passed.
pub(super) async fn record_events(
    conn: &mut AnyConnection,
    keys: &[&str],
    now: i64,
    window_seconds: i64,
) -> AppResult<()> {
    for key in keys {
        sqlx::query("INSERT INTO rate_limit_events (limit_key, at, forget_at) VALUES ($1, $2, $3)")
            .bind(*key)
            .bind(now)
            .bind(now + window_seconds)
            .execute(&mut *conn)
            .await?;
    }
    forget_passed(conn, now).await
}

async fn forget_passed(conn: &mut AnyConnection, now: i64) -> AppResult<()> {
    sqlx::query("DELETE FROM rate_limit_events WHERE forget_at < $1")
        .persistent(false)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// A new store's events waiting to be written, and the writer that writes them.
pub(super) fn unwritten(pool: &AnyPool, clock: &Clock) -> Arc<Unwritten> {
    let unwritten = Arc::new(Unwritten::default());
    keep_writing(pool.clone(), clock.clone(), Arc::downgrade(&unwritten));
    unwritten
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait_of(counted: Counted) -> Option<i64> {
        match counted.within(3, 600, 1_000) {
            Ok(()) => None,
            Err(AppError::Limited { wait_seconds }) => Some(wait_seconds),
            Err(other) => panic!("{other}"),
        }
    }

    #[test]
    fn a_full_window_waits_until_its_oldest_event_leaves_it() {
        let two = Counted::one(900).and(Counted::one(950));
        assert_eq!(wait_of(two), None, "two of three");
        assert_eq!(wait_of(two.and(Counted::one(990))), Some(500), "900 leaves at 1 500");
        assert_eq!(wait_of(two.and(Counted::one(400))), Some(1), "leaving now: a second at least");
    }

    /// Whether PostgreSQL reports `at_least` reads of the events table through its (key, moment)
    /// index within 15 s: a connection reports its scans within ten seconds of going idle.
    async fn index_reads_reported(store: &crate::store::Store, at_least: i64) -> bool {
        for _ in 0..150 {
            let reads: i64 = sqlx::query_scalar(
                "SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = 'sign_in_failures_key_at'",
            )
            .fetch_one(&store.pool)
            .await
            .expect("the statistics");
            if reads >= at_least {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        false
    }

    /// A quiet night forgets every event and PostgreSQL gathers its statistics on the table
    /// empty; a rush then fills it in less than the minute before they are gathered again. A
    /// count planned once for the empty table and kept (a whole read costs nothing there) would
    /// read every event on each call of the rush.
    #[tokio::test]
    async fn a_count_reads_its_index_when_the_table_grew_from_empty() {
        let url = crate::store::fresh_postgres::fresh_postgres("rate_counts").await;
        let store = crate::store::Store::open(&url).await.expect("the store opens");
        let pool = &store.pool;
        sqlx::query("VACUUM ANALYZE rate_limit_events").execute(pool).await.expect("vacuumed");
        let (limits, now) = (store.rate_limits(), store.now());
        for n in 0..200 {
            limits.check(&format!("status:10.0.0.{n}"), 30, 600).await.expect("counted");
        }
        sqlx::query(
            "INSERT INTO rate_limit_events (limit_key, at, forget_at)
             SELECT 'status:10.1.' || g, $1, $1 + 600 FROM generate_series(1, 20000) g",
        )
        .bind(now)
        .execute(pool)
        .await
        .expect("a rush");
        let rush = 50;
        for n in 0..rush {
            limits.check(&format!("status:10.1.{n}"), 30, 600).await.expect("counted");
        }
        assert!(index_reads_reported(&store, rush).await, "the rush's counts read the whole table");
    }
}
