//! The `sessions` table, and the failed sign-ins counted in `rate_limit_events`.

use sqlx::AnyPool;

use super::accounts::{AccountRow, COLUMNS};
use super::audit::{self, AuditEntry, AuditKey};
use super::rate_limits::record_events;
use super::{Account, Clock};
use crate::auth::{IDLE_SECONDS, SEEN_EVERY_SECONDS};
use crate::error::AppResult;

pub struct Sessions<'a> {
    pool: &'a AnyPool,
    key: &'a AuditKey,
    clock: &'a Clock,
}

impl<'a> Sessions<'a> {
    pub(super) fn new(pool: &'a AnyPool, key: &'a AuditKey, clock: &'a Clock) -> Self {
        Sessions { pool, key, clock }
    }

    /// Opens a session for `account`, recorded in the audit log with the client's address.
    pub async fn create(
        &self,
        token_hash: &str,
        account: &Account,
        expires_at: i64,
        client: &str,
    ) -> AppResult<()> {
        let mut tx = super::begin_write(self.pool).await?;
        let entry = AuditEntry {
            actor: account.id_number.clone(),
            action: "session.create",
            subject: account.id_number.clone(),
            details: format!("{{\"client\":\"{client}\"}}"),
        };
        let now = self.clock.now();
        audit::append(&mut tx, &entry, self.key, now).await?;
        // Sessions past either end are of no use to anyone: gone with each new one.
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR seen_at <= $2")
            .bind(now)
            .bind(now - IDLE_SECONDS)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, account_id, created_at, expires_at, seen_at)
             VALUES ($1, $2, $3, $4, $3)",
        )
        .bind(token_hash)
        .bind(account.id)
        .bind(now)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The account of a session that has reached neither its end nor its idle limit; its use is
    /// noted (at most once a minute: the calls in between read and write nothing more, and on
    /// SQLite do not wait for the turn to write).
    pub async fn account(&self, token_hash: &str) -> AppResult<Option<Account>> {
        let now = self.clock.now();
        let row = sqlx::query_as::<_, SessionRow>(&format!(
            "SELECT {COLUMNS}, s.seen_at FROM sessions s JOIN accounts a ON a.id = s.account_id
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.seen_at > $3"
        ))
        .bind(token_hash)
        .bind(now)
        .bind(now - IDLE_SECONDS)
        .fetch_optional(self.pool)
        .await?;
        let Some(SessionRow { account, seen_at }) = row else { return Ok(None) };
        let noted_before = now - SEEN_EVERY_SECONDS;
        if seen_at < noted_before {
            super::write_alone(
                self.pool,
                sqlx::query(
                    "UPDATE sessions SET seen_at = $1 WHERE token_hash = $2 AND seen_at < $3",
                )
                .bind(now)
                .bind(token_hash)
                .bind(noted_before),
            )
            .await?;
        }
        Account::try_from(account).map(Some)
    }

    /// Ends every session of `account` but the one `keep` (a token hash) opens: after a password
    /// change, whoever knew the old one is signed out everywhere else.
    pub async fn end_others(&self, account: &Account, keep: &str) -> AppResult<u64> {
        let mut tx = super::begin_write(self.pool).await?;
        let entry = AuditEntry {
            actor: account.id_number.clone(),
            action: "session.end_others",
            subject: account.id_number.clone(),
            details: String::new(),
        };
        audit::append(&mut tx, &entry, self.key, self.clock.now()).await?;
        let ended = sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2")
            .bind(account.id)
            .bind(keep)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(ended)
    }

    /// Ends a session; a token that opens none changes nothing and records nothing.
    pub async fn delete(&self, token_hash: &str) -> AppResult<()> {
        let Some(account) = self.account(token_hash).await? else { return Ok(()) };
        let mut tx = super::begin_write(self.pool).await?;
        let entry = AuditEntry {
            actor: account.id_number.clone(),
            action: "session.delete",
            subject: account.id_number,
            details: String::new(),
        };
        audit::append(&mut tx, &entry, self.key, self.clock.now()).await?;
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a refused sign-in for `id_number` from `client`, counted under each key for
    /// `window_seconds`.
    pub async fn record_failure(
        &self,
        id_number: &str,
        client: &str,
        keys: &[&str],
        window_seconds: i64,
    ) -> AppResult<()> {
        let mut tx = super::begin_write(self.pool).await?;
        let entry = AuditEntry {
            actor: format!("client:{client}"),
            action: "session.refuse",
            subject: id_number.to_owned(),
            details: String::new(),
        };
        let now = self.clock.now();
        audit::append(&mut tx, &entry, self.key, now).await?;
        record_events(&mut tx, keys, now, window_seconds).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// A session's account, and when the session was last noted in use.
#[derive(sqlx::FromRow)]
struct SessionRow {
    #[sqlx(flatten)]
    account: AccountRow,
    seen_at: i64,
}
