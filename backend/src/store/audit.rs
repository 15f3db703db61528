//! The tamper-evident audit log. Each state change appends an entry in the same transaction as
//! the change itself, so there is never a change without its entry nor an entry without its change.

use std::fmt::Write as _;

use sqlx::{AnyConnection, AnyPool};

use super::Clock;
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
    /// The log is sealed with a key this check was not given (`QYZMET_AUDIT_KEY`).
    NeedsKey,
    /// Checked with a key, but nothing in the log is sealed with it: written before the key was
    /// set, or rewritten by someone without it.
    NotSealed { entries: i64 },
}

/// The secret the audit chain is sealed with (HMAC-SHA-256), kept outside the database, so that
/// someone who can write the database cannot rewrite the log and chain it again. Without one (a
/// local run, the demo) the chain is plain SHA-256: it shows edits, not a forger.
#[derive(Clone, Default)]
pub struct AuditKey(Option<Vec<u8>>);

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "AuditKey(set)" } else { "AuditKey(none)" })
    }
}

/// A key shorter than 32 bytes: too short to seal with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the audit key must be at least 32 bytes long")]
pub struct ShortKey;

impl AuditKey {
    pub fn new(secret: &[u8]) -> Result<AuditKey, ShortKey> {
        if secret.len() < 32 {
            return Err(ShortKey);
        }
        Ok(AuditKey(Some(secret.to_vec())))
    }

    pub fn is_set(&self) -> bool {
        self.0.is_some()
    }

    /// `bytes` sealed with the key (HMAC-SHA-256, hex), or their SHA-256 without one.
    fn seal(&self, bytes: &[u8]) -> String {
        use hmac::{Hmac, Mac};
        let Some(key) = &self.0 else { return sha256_hex(bytes) };
        let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(key) else {
            return sha256_hex(bytes);
        };
        mac.update(bytes);
        mac.finalize().into_bytes().iter().fold(String::with_capacity(64), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        })
    }

    /// The mark that the log is sealed from its `place`-th entry on.
    fn sealed_from_mac(&self, place: i64) -> String {
        self.seal(format!("audit sealed from {place}").as_bytes())
    }
}

const GENESIS: &str = "genesis";

/// An entry's fields and the previous hash, each length-prefixed so that no two different
/// entries serialise alike: what its hash covers.
fn canonical(
    prev_hash: &str,
    at: i64,
    actor: &str,
    action: &str,
    subject: &str,
    details: &str,
) -> Vec<u8> {
    let mut canonical = Vec::new();
    for field in [prev_hash, &at.to_string(), actor, action, subject, details] {
        canonical.extend_from_slice(&(field.len() as u64).to_be_bytes());
        canonical.extend_from_slice(field.as_bytes());
    }
    canonical
}

/// Appends an entry inside the caller's transaction, sealed with `key` when there is one and dated `at` (the store clock's reading). Call it
/// before the transaction's other writes: its first statement takes the write lock that keeps
/// the chain linear.
pub async fn append(
    conn: &mut AnyConnection,
    entry: &AuditEntry,
    key: &AuditKey,
    at: i64,
) -> AppResult<()> {
    sqlx::query("UPDATE audit_head SET entries = entries + 1 WHERE id = 1")
        .execute(&mut *conn)
        .await?;
    let (prev_hash, place, sealed_from): (String, i64, Option<i64>) =
        sqlx::query_as("SELECT hash, entries, sealed_from FROM audit_head WHERE id = 1")
            .fetch_one(&mut *conn)
            .await?;
    // A sealed log stays sealed: without its key nothing more is written.
    if sealed_from.is_some() && !key.is_set() {
        return Err(std::io::Error::other(
            "the audit log is sealed with a key: set QYZMET_AUDIT_KEY to write to it",
        )
        .into());
    }
    if key.is_set() && sealed_from.is_none() {
        sqlx::query("UPDATE audit_head SET sealed_from = $1, sealed_from_mac = $2 WHERE id = 1")
            .bind(place)
            .bind(key.sealed_from_mac(place))
            .execute(&mut *conn)
            .await?;
    }
    let hash = key.seal(&canonical(
        &prev_hash,
        at,
        &entry.actor,
        entry.action,
        &entry.subject,
        &entry.details,
    ));
    sqlx::query(
        "INSERT INTO audit_log (at, actor, action, subject, details, prev_hash, hash, sealed)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(at)
    .bind(&entry.actor)
    .bind(entry.action)
    .bind(&entry.subject)
    .bind(&entry.details)
    .bind(&prev_hash)
    .bind(&hash)
    .bind(i64::from(key.is_set()))
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(&hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// An entry as the log shows it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AuditEntryView {
    pub seq: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub details: String,
}

/// An entry as the log keeps it.
#[derive(sqlx::FromRow)]
struct EntryRow {
    seq: i64,
    at: i64,
    actor: String,
    action: String,
    subject: String,
    details: String,
    prev_hash: String,
    hash: String,
    sealed: i64,
}

pub struct AuditLog<'a> {
    pool: &'a AnyPool,
    key: &'a AuditKey,
    clock: &'a Clock,
}

impl<'a> AuditLog<'a> {
    pub(super) fn new(pool: &'a AnyPool, key: &'a AuditKey, clock: &'a Clock) -> Self {
        AuditLog { pool, key, clock }
    }

    /// Appends an entry of its own: for what changes nothing else, a read of personal data.
    pub async fn record(&self, entry: &AuditEntry) -> AppResult<()> {
        let mut tx = super::begin_write(self.pool).await?;
        append(&mut tx, entry, self.key, self.clock.now()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The newest `limit` entries, newest first: who did what to what.
    pub async fn recent(&self, limit: i64) -> AppResult<Vec<AuditEntryView>> {
        Ok(sqlx::query_as::<_, AuditEntryView>(
            "SELECT seq, at, actor, action, subject, details FROM audit_log ORDER BY seq DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.pool)
        .await?)
    }

    /// Walks the whole chain in order and names the first entry that does not hold. With a key,
    /// every entry from the sealed mark on must be sealed with it, and the mark itself too.
    pub async fn verify(&self) -> AppResult<AuditCheck> {
        let rows = sqlx::query_as::<_, EntryRow>(
            "SELECT seq, at, actor, action, subject, details, prev_hash, hash, sealed FROM audit_log ORDER BY seq",
        )
        .fetch_all(self.pool)
        .await?;
        let (head_hash, expected, sealed_from, mark): (String, i64, Option<i64>, Option<String>) =
            sqlx::query_as(
                "SELECT hash, entries, sealed_from, sealed_from_mac FROM audit_head WHERE id = 1",
            )
            .fetch_one(self.pool)
            .await?;
        let unkeyed = AuditKey::default();
        let mut prev = GENESIS.to_owned();
        for (place, row) in (1_i64..).zip(&rows) {
            let seq = row.seq;
            if row.prev_hash != prev {
                return Ok(AuditCheck::BrokenAt {
                    seq,
                    reason: "does not follow the entry before it",
                });
            }
            let sealed = row.sealed != 0;
            if sealed && !self.key.is_set() {
                return Ok(AuditCheck::NeedsKey);
            }
            if !sealed && self.key.is_set() && sealed_from.is_some_and(|from| place >= from) {
                return Ok(AuditCheck::BrokenAt {
                    seq,
                    reason: "is not sealed with the audit key",
                });
            }
            let key = if sealed { self.key } else { &unkeyed };
            let bytes = canonical(
                &row.prev_hash,
                row.at,
                &row.actor,
                &row.action,
                &row.subject,
                &row.details,
            );
            if row.hash != key.seal(&bytes) {
                return Ok(AuditCheck::BrokenAt {
                    seq,
                    reason: "was changed after it was written",
                });
            }
            prev.clone_from(&row.hash);
        }
        let entries = i64::try_from(rows.len()).unwrap_or(i64::MAX);
        if head_hash != prev || expected != entries {
            return Ok(AuditCheck::Truncated { entries, expected });
        }
        if self.key.is_set() {
            let Some(from) = sealed_from else { return Ok(AuditCheck::NotSealed { entries }) };
            if mark.as_deref() != Some(self.key.sealed_from_mac(from).as_str()) {
                return Ok(AuditCheck::BrokenAt {
                    seq: from,
                    reason: "marks where sealing began without the audit key's mark",
                });
            }
        }
        Ok(AuditCheck::Intact { entries })
    }
}
