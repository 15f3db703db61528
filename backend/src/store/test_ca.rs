//! The `test_ca_files` table: the test certification authority as issued, by file name.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use sqlx::AnyPool;

use super::Clock;
use super::audit::{self, AuditEntry, AuditKey};
use crate::error::{AppError, AppResult};

pub struct TestCaFiles<'a> {
    pool: &'a AnyPool,
    key: &'a AuditKey,
    clock: &'a Clock,
}

impl<'a> TestCaFiles<'a> {
    pub(super) fn new(pool: &'a AnyPool, key: &'a AuditKey, clock: &'a Clock) -> Self {
        TestCaFiles { pool, key, clock }
    }

    /// Every file, by name.
    pub async fn all(&self) -> AppResult<Vec<(String, Vec<u8>)>> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT name, content FROM test_ca_files ORDER BY name")
                .fetch_all(self.pool)
                .await?;
        rows.into_iter()
            .map(|(name, content)| {
                let bytes = STANDARD.decode(content).map_err(|e| {
                    AppError::Database(sqlx::Error::Decode(format!("test CA file: {e}").into()))
                })?;
                Ok((name, bytes))
            })
            .collect()
    }

    /// Keeps a newly issued test CA in place of any earlier one, all of it or nothing.
    pub async fn save(&self, files: &[(String, Vec<u8>)]) -> AppResult<()> {
        let mut tx = super::begin_write(self.pool).await?;
        let entry = AuditEntry {
            actor: "system".to_owned(),
            action: "test_ca.issue",
            subject: "test-ca".to_owned(),
            details: format!("{{\"files\":{}}}", files.len()),
        };
        let now = self.clock.now();
        audit::append(&mut tx, &entry, self.key, now).await?;
        sqlx::query("DELETE FROM test_ca_files").execute(&mut *tx).await?;
        for (name, bytes) in files {
            sqlx::query(
                "INSERT INTO test_ca_files (name, content, created_at) VALUES ($1, $2, $3)",
            )
            .bind(name)
            .bind(STANDARD.encode(bytes))
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
