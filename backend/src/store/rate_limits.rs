//! The `rate_limit_events` table: events counted per key within a time window, so that every
//! backend instance sees the same count. Each event carries the moment it may be forgotten (its
//! own limit's window past it), so that a limit with a short window never forgets what one with
//! a longer window still counts, and the sweep reads only what it removes.

use sqlx::{AnyConnection, AnyPool};

use super::Clock;
use crate::error::AppResult;

pub struct RateLimits<'a> {
    pool: &'a AnyPool,
    clock: &'a Clock,
}

impl<'a> RateLimits<'a> {
    pub(super) fn new(pool: &'a AnyPool, clock: &'a Clock) -> Self {
        RateLimits { pool, clock }
    }

    /// Events under `key` since `since`.
    pub async fn count_since(&self, key: &str, since: i64) -> AppResult<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM rate_limit_events WHERE limit_key = $1 AND at >= $2",
        )
        .bind(key)
        .bind(since)
        .fetch_one(self.pool)
        .await?)
    }

    /// Counts one event under `key`, kept for `window_seconds`, and forgets every event whose
    /// window has passed.
    pub async fn record(&self, key: &str, window_seconds: i64) -> AppResult<()> {
        let mut tx = super::begin_write(self.pool).await?;
        record_events(&mut tx, &[key], self.clock.now(), window_seconds).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn clear(&self, key: &str) -> AppResult<()> {
        sqlx::query("DELETE FROM rate_limit_events WHERE limit_key = $1")
            .bind(key)
            .execute(self.pool)
            .await?;
        Ok(())
    }
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
    sqlx::query("DELETE FROM rate_limit_events WHERE forget_at < $1")
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
