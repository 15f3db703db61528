//! The `sign_in_challenges` table: random challenges for signing in with a signature, each good
//! once until it expires.

use sqlx::AnyPool;

use super::Clock;
use crate::error::AppResult;

pub struct Challenges<'a> {
    pool: &'a AnyPool,
    clock: &'a Clock,
}

impl<'a> Challenges<'a> {
    pub(super) fn new(pool: &'a AnyPool, clock: &'a Clock) -> Self {
        Challenges { pool, clock }
    }

    /// Keeps a new challenge; expired ones are swept at the same time.
    pub async fn issue(&self, id_hash: &str, nonce: &str, expires_at: i64) -> AppResult<()> {
        super::write_alone(
            self.pool,
            sqlx::query("DELETE FROM sign_in_challenges WHERE expires_at < $1")
                .bind(self.clock.now()),
        )
        .await?;
        super::write_alone(
            self.pool,
            sqlx::query(
                "INSERT INTO sign_in_challenges (id_hash, nonce, expires_at) VALUES ($1, $2, $3)",
            )
            .bind(id_hash)
            .bind(nonce)
            .bind(expires_at),
        )
        .await?;
        Ok(())
    }

    /// A challenge not used yet and in time: its nonce and when it expires.
    pub async fn pending(&self, id_hash: &str) -> AppResult<Option<(String, i64)>> {
        Ok(sqlx::query_as(
            "SELECT nonce, expires_at FROM sign_in_challenges
             WHERE id_hash = $1 AND used_at IS NULL AND expires_at >= $2",
        )
        .bind(id_hash)
        .bind(self.clock.now())
        .fetch_optional(self.pool)
        .await?)
    }

    /// Takes a challenge for use: its nonce if it exists, has not expired and was not used
    /// before. Using it twice, even concurrently, succeeds once.
    pub async fn take(&self, id_hash: &str) -> AppResult<Option<String>> {
        let now = self.clock.now();
        let taken = super::write_alone(
            self.pool,
            sqlx::query(
                "UPDATE sign_in_challenges SET used_at = $1
             WHERE id_hash = $2 AND used_at IS NULL AND expires_at >= $1",
            )
            .bind(now)
            .bind(id_hash),
        )
        .await?
        .rows_affected();
        if taken == 0 {
            return Ok(None);
        }
        let nonce = sqlx::query_scalar("SELECT nonce FROM sign_in_challenges WHERE id_hash = $1")
            .bind(id_hash)
            .fetch_one(self.pool)
            .await?;
        Ok(Some(nonce))
    }
}
