//! The tamper-evident audit log. Each state change appends an entry in the same transaction as
//! the change itself, so there is never a change without its entry nor an entry without its change.

use sqlx::{AnyConnection, AnyPool, Row};

use super::now_unix;
use crate::digest::sha256_hex;
use crate::error::AppResult;

/// What happened, by whom, to what. `details` is free text (JSON where it has structure).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub actor: String,
    pub action: &'static str,
    pub subject: String,
    pub details: String,
}

/// Where the chain breaks, if it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditCheck {
    /// Every entry hashes to what it says and links to the one before.
    Intact { entries: i64 },
    /// The entry with this sequence number was changed, or one before it was removed or inserted.
    BrokenAt { seq: i64, reason: &'static str },
    /// Entries were removed from the end: the head remembers more than the log holds.
    Truncated { entries: i64, expected: i64 },
}

const GENESIS: &str = "genesis";

/// The hash of an entry: its fields and the previous hash, each length-prefixed so that no two
/// different entries serialise alike.
fn chain_hash(
    prev_hash: &str,
    at: i64,
    actor: &str,
    action: &str,
    subject: &str,
    details: &str,
) -> String {
    let mut canonical = Vec::new();
    for field in [prev_hash, &at.to_string(), actor, action, subject, details] {
        canonical.extend_from_slice(&(field.len() as u64).to_be_bytes());
        canonical.extend_from_slice(field.as_bytes());
    }
    sha256_hex(canonical)
}

/// Appends an entry inside the caller's transaction. Call it before the transaction's other writes:
/// its first statement takes the write lock that keeps the chain linear.
pub async fn append(conn: &mut AnyConnection, entry: &AuditEntry) -> AppResult<()> {
    let at = now_unix();
    sqlx::query("UPDATE audit_head SET entries = entries + 1 WHERE id = 1")
        .execute(&mut *conn)
        .await?;
    let prev_hash: String = sqlx::query_scalar("SELECT hash FROM audit_head WHERE id = 1")
        .fetch_one(&mut *conn)
        .await?;
    let hash =
        chain_hash(&prev_hash, at, &entry.actor, entry.action, &entry.subject, &entry.details);
    sqlx::query(
        "INSERT INTO audit_log (at, actor, action, subject, details, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(at)
    .bind(&entry.actor)
    .bind(entry.action)
    .bind(&entry.subject)
    .bind(&entry.details)
    .bind(&prev_hash)
    .bind(&hash)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(&hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub struct AuditLog<'a> {
    pool: &'a AnyPool,
}

impl<'a> AuditLog<'a> {
    pub(super) fn new(pool: &'a AnyPool) -> Self {
        AuditLog { pool }
    }

    /// Walks the whole chain in order and names the first entry that does not hold.
    pub async fn verify(&self) -> AppResult<AuditCheck> {
        let rows = sqlx::query(
            "SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit_log ORDER BY seq",
        )
        .fetch_all(self.pool)
        .await?;
        let mut prev = GENESIS.to_owned();
        for row in &rows {
            let seq: i64 = row.try_get("seq")?;
            let text = |column: &str| -> AppResult<String> { Ok(row.try_get(column)?) };
            let (prev_hash, hash) = (text("prev_hash")?, text("hash")?);
            if prev_hash != prev {
                return Ok(AuditCheck::BrokenAt {
                    seq,
                    reason: "does not follow the entry before it",
                });
            }
            let expected = chain_hash(
                &prev_hash,
                row.try_get("at")?,
                &text("actor")?,
                &text("action")?,
                &text("subject")?,
                &text("details")?,
            );
            if hash != expected {
                return Ok(AuditCheck::BrokenAt {
                    seq,
                    reason: "was changed after it was written",
                });
            }
            prev = hash;
        }
        let entries = i64::try_from(rows.len()).unwrap_or(i64::MAX);
        let (head_hash, expected): (String, i64) =
            sqlx::query_as("SELECT hash, entries FROM audit_head WHERE id = 1")
                .fetch_one(self.pool)
                .await?;
        if head_hash != prev || expected != entries {
            return Ok(AuditCheck::Truncated { entries, expected });
        }
        Ok(AuditCheck::Intact { entries })
    }
}
