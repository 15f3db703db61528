//! The tamper-evident audit log. Each state change appends an entry in the same transaction as
//! the change itself, so there is never a change without its entry nor an entry without its change.
//!
//! The log is written in `LANES` lanes (issue 16): an entry goes to the lane its subject hashes
//! to and carries the hash of that lane's entry before it, so each lane is a hash chain and
//! writes about different subjects do not wait for one another, while writes about the same
//! subject (a draft's edits and its filing) still take turns. A checkpoint entry records every
//! lane's head at once, as the single chain's head did; the server writes one each minute that
//! the log grew and logs its hash, which anchors the log outside the database.

mod walk;

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

    /// The mark that `lane` is sealed from its `place`-th entry on. Lane 0 is the log as it was
    /// before it had lanes, whose mark names no lane.
    fn sealed_from_mac(&self, lane: i64, place: i64) -> String {
        if lane == 0 {
            self.seal(format!("audit sealed from {place}").as_bytes())
        } else {
            self.seal(format!("audit lane {lane} sealed from {place}").as_bytes())
        }
    }
}

/// How many lanes the log is written in: as many as the migration that made them (0033) seeded.
pub const LANES: i64 = 64;

/// What a checkpoint entry does: record every lane's head.
const CHECKPOINT: &str = "audit.checkpoint";

/// The lane an entry about `subject` goes to: the same on every instance and in every version,
/// so that writes about one subject always take turns.
pub fn lane_of(subject: &str) -> i64 {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(subject.as_bytes());
    let mut first = [0; 8];
    first.copy_from_slice(&digest[..8]);
    let lanes = LANES.unsigned_abs();
    i64::try_from(u64::from_be_bytes(first) % lanes).unwrap_or(0)
}

/// What the first entry of `lane` links to: a name of its own, so that no entry can move to
/// another lane. Lane 0's is the single chain's.
fn genesis(lane: i64) -> String {
    if lane == 0 { "genesis".to_owned() } else { format!("genesis-{lane}") }
}

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

/// Appends an entry to its subject's lane inside the caller's transaction, sealed with `key`
/// when there is one and dated `at` (the store clock's reading); its hash. Call it before the
/// transaction's other writes: its first statement locks the lane, which keeps the lane's chain
/// linear and makes any other write about the same subject wait for this transaction's end.
pub async fn append(
    conn: &mut AnyConnection,
    entry: &AuditEntry,
    key: &AuditKey,
    at: i64,
) -> AppResult<String> {
    let lane = lane_of(&entry.subject);
    let (prev_hash, sealed_from): (String, Option<i64>) = sqlx::query_as(
        "UPDATE audit_lanes SET entries = entries + 1 WHERE lane = $1 RETURNING hash, sealed_from",
    )
    .bind(lane)
    .fetch_one(&mut *conn)
    .await?;
    match (key.is_set(), sealed_from) {
        // A sealed log stays sealed: without its key nothing more is written.
        (false, Some(_)) => {
            return Err(std::io::Error::other(
                "the audit log is sealed with a key: set QYZMET_AUDIT_KEY to write to it",
            )
            .into());
        }
        // A store with a key marks every lane when it opens (`seal`): a lane without its mark
        // lost it, and writing on would hide that.
        (true, None) => {
            return Err(std::io::Error::other(format!(
                "audit lane {lane} has lost its seal mark: run `qyzmet verify-audit`"
            ))
            .into());
        }
        _ => {}
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
        "INSERT INTO audit_log (at, actor, action, subject, details, prev_hash, hash, sealed, lane)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(at)
    .bind(&entry.actor)
    .bind(entry.action)
    .bind(&entry.subject)
    .bind(&entry.details)
    .bind(&prev_hash)
    .bind(&hash)
    .bind(i64::from(key.is_set()))
    .bind(lane)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE audit_lanes SET hash = $1 WHERE lane = $2")
        .bind(&hash)
        .bind(lane)
        .execute(&mut *conn)
        .await?;
    Ok(hash)
}

/// Locks, in lane order, the lanes of every subject a transaction is about to append about:
/// for a transaction that writes about several subjects (a registry and its requests), so that
/// two such transactions never wait for each other in a circle.
pub async fn take_lanes<'s>(
    conn: &mut AnyConnection,
    subjects: impl IntoIterator<Item = &'s str>,
) -> AppResult<()> {
    let lanes: std::collections::BTreeSet<i64> = subjects.into_iter().map(lane_of).collect();
    for lane in lanes {
        sqlx::query("UPDATE audit_lanes SET entries = entries WHERE lane = $1")
            .bind(lane)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Marks every lane not yet sealed as sealed with `key` from its next entry on, when a store
/// with a key opens: from then on nothing is written to any lane without the key. Lanes are
/// taken in order, so two instances opening at once do not deadlock.
pub(super) async fn seal(pool: &AnyPool, key: &AuditKey) -> AppResult<()> {
    if !key.is_set() {
        return Ok(());
    }
    let mut tx = super::begin_write(pool).await?;
    for lane in 0..LANES {
        let place: Option<i64> = sqlx::query_scalar(
            "UPDATE audit_lanes SET sealed_from = entries + 1
             WHERE lane = $1 AND sealed_from IS NULL RETURNING sealed_from",
        )
        .bind(lane)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(place) = place {
            sqlx::query("UPDATE audit_lanes SET sealed_from_mac = $1 WHERE lane = $2")
                .bind(key.sealed_from_mac(lane, place))
                .bind(lane)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// A checkpoint written: its hash, and how many entries the log held before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub hash: String,
    pub entries: i64,
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

    /// How many entries all lanes hold, as their heads count them.
    pub async fn entries(&self) -> AppResult<i64> {
        Ok(sqlx::query_scalar("SELECT CAST(SUM(entries) AS BIGINT) FROM audit_lanes")
            .fetch_one(self.pool)
            .await?)
    }

    /// Appends a checkpoint: every lane's head as committed now, in one entry. Cutting entries
    /// from a lane's end and setting its head back then no longer passes for a shorter lane, and
    /// the checkpoint's hash, kept outside the database, vouches for everything before it.
    pub async fn checkpoint(&self) -> AppResult<Checkpoint> {
        let mut tx = super::begin_write(self.pool).await?;
        let heads: Vec<(i64, String)> =
            sqlx::query_as("SELECT entries, hash FROM audit_lanes ORDER BY lane")
                .fetch_all(&mut *tx)
                .await?;
        let entries = heads.iter().map(|(entries, _)| entries).sum();
        let entry = AuditEntry {
            actor: "system".to_owned(),
            action: CHECKPOINT,
            subject: "audit".to_owned(),
            details: walk::CheckpointDetails { entries, lanes: heads }.to_json(),
        };
        let hash = append(&mut tx, &entry, self.key, self.clock.now()).await?;
        tx.commit().await?;
        Ok(Checkpoint { hash, entries })
    }

    /// The newest checkpoint, if one was written.
    pub async fn last_checkpoint(&self) -> AppResult<Option<Checkpoint>> {
        let newest: Option<(String, String)> = sqlx::query_as(
            "SELECT hash, details FROM audit_log WHERE action = 'audit.checkpoint'
             ORDER BY seq DESC LIMIT 1",
        )
        .fetch_optional(self.pool)
        .await?;
        Ok(newest.and_then(|(hash, details)| {
            let recorded: walk::CheckpointDetails = serde_json::from_str(&details).ok()?;
            Some(Checkpoint { hash, entries: recorded.entries })
        }))
    }

    /// Walks every lane's chain and names the first entry, in the log's order, that does not
    /// hold. With a key, every entry from its lane's sealed mark on must be sealed with it, and
    /// the marks themselves too.
    pub async fn verify(&self) -> AppResult<AuditCheck> {
        let rows = sqlx::query_as::<_, walk::EntryRow>(
            "SELECT seq, at, actor, action, subject, details, prev_hash, hash, sealed, lane
             FROM audit_log ORDER BY seq",
        )
        .fetch_all(self.pool)
        .await?;
        let lanes = sqlx::query_as::<_, walk::LaneRow>(
            "SELECT lane, hash, entries, sealed_from, sealed_from_mac FROM audit_lanes ORDER BY lane",
        )
        .fetch_all(self.pool)
        .await?;
        Ok(walk::check(&rows, &lanes, self.key))
    }
}

/// Writes a checkpoint each minute that the log grew, while the portal runs, and logs its hash:
/// the hash to keep outside the database.
pub fn keep_checkpointing(store: super::Store) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_mins(1));
        let mut covered = None;
        loop {
            every.tick().await;
            let audit = store.audit();
            let grew = match audit.entries().await {
                // The last checkpoint is the only entry since it.
                Ok(entries) => covered.is_none_or(|covered| entries > covered + 1),
                Err(error) => {
                    tracing::warn!(%error, "the audit lanes could not be read");
                    false
                }
            };
            if !grew {
                continue;
            }
            match audit.checkpoint().await {
                Ok(checkpoint) => {
                    tracing::info!(hash = %checkpoint.hash, entries = checkpoint.entries, "audit checkpoint");
                    covered = Some(checkpoint.entries);
                }
                Err(error) => tracing::warn!(%error, "no audit checkpoint was written"),
            }
        }
    });
}
