//! The `mobile_signs` table: signing sessions with eGov Mobile, each scanned once and signed
//! once, in the database so that any instance answers the page and the phone alike.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use qyzmet_shared::ErrorCode;
use qyzmet_shared::mobile_sign::MobileSignState;
use sqlx::AnyPool;

use super::Clock;
use super::audit::{self, AuditEntry, AuditKey};
use crate::error::AppResult;

/// How long a finished session's answer stays for the page to read.
const KEPT_SECONDS: i64 = 60 * 60;

pub struct MobileSigns<'a> {
    pool: &'a AnyPool,
    key: &'a AuditKey,
    clock: &'a Clock,
}

/// A new session: what is to be signed, by whom, for whom.
#[derive(Debug)]
pub struct NewMobileSign<'a> {
    pub watch_hash: &'a str,
    pub link_hash: &'a str,
    pub purpose: &'static str,
    /// The signed-in account that started it; none for signing in.
    pub account_id: Option<i64>,
    pub request_number: Option<&'a str>,
    /// The IIN or BIN that must sign; none for signing in (anyone may).
    pub signer: Option<&'a str>,
    pub document: &'a [u8],
    pub expires_at: i64,
}

/// A session as stored.
#[derive(Debug, Clone)]
pub struct MobileSign {
    pub id: i64,
    pub purpose: String,
    pub account_id: Option<i64>,
    pub request_number: Option<String>,
    pub signer: Option<String>,
    pub link_hash: String,
    pub document: Vec<u8>,
    state: String,
    /// Why the phone's signature was refused.
    pub error: Option<ErrorCode>,
    pub cms: Option<String>,
    pub expires_at: i64,
}

impl MobileSign {
    /// Whether `me` may watch it: a session started signed in is its starter's only.
    pub fn is_watched_by(&self, me: Option<&super::Account>) -> bool {
        self.account_id.is_none_or(|starter| me.is_some_and(|me| me.id == starter))
    }

    /// Where it is as the page sees it: a session past its time that was not finished expired.
    pub fn state(&self, now: i64) -> MobileSignState {
        match self.state.as_str() {
            "signed" => MobileSignState::Signed,
            "refused" => MobileSignState::Refused,
            "cancelled" => MobileSignState::Cancelled,
            _ if now > self.expires_at => MobileSignState::Expired,
            "waiting" => MobileSignState::Waiting,
            _ => MobileSignState::Scanned,
        }
    }
}

/// How the phone's signature ended.
#[derive(Debug)]
pub enum Outcome<'a> {
    /// Verified: the CMS (base64) the page sends on.
    Signed { cms: &'a str, signer: &'a str },
    /// Refused, for this reason.
    Refused { code: ErrorCode },
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    purpose: String,
    account_id: Option<i64>,
    request_number: Option<String>,
    signer: Option<String>,
    link_hash: String,
    document: String,
    state: String,
    error: Option<String>,
    cms: Option<String>,
    expires_at: i64,
}

const COLUMNS: &str = "id, purpose, account_id, request_number, signer, link_hash, document, state,
     error, cms, expires_at";

impl From<Row> for MobileSign {
    fn from(row: Row) -> MobileSign {
        MobileSign {
            id: row.id,
            purpose: row.purpose,
            account_id: row.account_id,
            request_number: row.request_number,
            signer: row.signer,
            link_hash: row.link_hash,
            document: STANDARD.decode(row.document).unwrap_or_default(),
            state: row.state,
            error: row.error.and_then(|code| serde_json::from_value(code.into()).ok()),
            cms: row.cms,
            expires_at: row.expires_at,
        }
    }
}

impl<'a> MobileSigns<'a> {
    pub(super) fn new(pool: &'a AnyPool, key: &'a AuditKey, clock: &'a Clock) -> Self {
        MobileSigns { pool, key, clock }
    }

    /// Keeps a new session; long-finished ones are swept at the same time.
    pub async fn start(&self, new: &NewMobileSign<'_>) -> AppResult<()> {
        let mut tx = super::begin_write(self.pool).await?;
        let now = self.clock.now();
        sqlx::query("DELETE FROM mobile_signs WHERE expires_at < $1")
            .bind(now - KEPT_SECONDS)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO mobile_signs (watch_hash, link_hash, purpose, account_id, request_number,
                 signer, document, state, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'waiting', $8, $9)",
        )
        .bind(new.watch_hash)
        .bind(new.link_hash)
        .bind(new.purpose)
        .bind(new.account_id)
        .bind(new.request_number)
        .bind(new.signer)
        .bind(STANDARD.encode(new.document))
        .bind(now)
        .bind(new.expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The session the page watches.
    pub async fn watched(&self, watch_hash: &str) -> AppResult<Option<MobileSign>> {
        self.one("watch_hash", watch_hash).await
    }

    /// The session a phone's token opens.
    pub async fn by_token(&self, token_hash: &str) -> AppResult<Option<MobileSign>> {
        self.one("token_hash", token_hash).await
    }

    /// The session of a QR code's address.
    pub async fn by_link(&self, link_hash: &str) -> AppResult<Option<MobileSign>> {
        self.one("link_hash", link_hash).await
    }

    async fn one(&self, column: &'static str, hash: &str) -> AppResult<Option<MobileSign>> {
        let row = sqlx::query_as::<_, Row>(&format!(
            "SELECT {COLUMNS} FROM mobile_signs WHERE {column} = $1"
        ))
        .bind(hash)
        .fetch_optional(self.pool)
        .await?;
        Ok(row.map(MobileSign::from))
    }

    /// The phone read the QR code: the session gets its one-time token. Once only, and only in
    /// time; `false` otherwise.
    pub async fn scan(&self, link_hash: &str, token_hash: &str) -> AppResult<bool> {
        let scanned = super::write_alone(
            self.pool,
            sqlx::query(
                "UPDATE mobile_signs SET state = 'scanned', token_hash = $1
             WHERE link_hash = $2 AND state = 'waiting' AND expires_at >= $3",
            )
            .bind(token_hash)
            .bind(link_hash)
            .bind(self.clock.now()),
        )
        .await?
        .rows_affected();
        Ok(scanned == 1)
    }

    /// The phone sent its signature: the session is taken for checking it, once only and only in
    /// time (two signatures sent at once: one is checked, the other refused); `false` otherwise.
    pub async fn take_for_signing(&self, id: i64) -> AppResult<bool> {
        let taken = super::write_alone(
            self.pool,
            sqlx::query(
                "UPDATE mobile_signs SET state = 'signing'
             WHERE id = $1 AND state = 'scanned' AND expires_at >= $2",
            )
            .bind(id)
            .bind(self.clock.now()),
        )
        .await?
        .rows_affected();
        Ok(taken == 1)
    }

    /// Ends a session taken for signing, with its audit entry.
    pub async fn finish(&self, session: &MobileSign, outcome: &Outcome<'_>) -> AppResult<()> {
        let mut tx = super::begin_write(self.pool).await?;
        let (state, error, cms, actor) = match outcome {
            Outcome::Signed { cms, signer } => ("signed", None, Some(*cms), *signer),
            Outcome::Refused { code } => {
                let name =
                    serde_json::to_value(code).ok().and_then(|v| v.as_str().map(str::to_owned));
                ("refused", name, None, "")
            }
        };
        sqlx::query(
            "UPDATE mobile_signs SET state = $1, error = $2, cms = $3 WHERE id = $4 AND state = 'signing'",
        )
        .bind(state)
        .bind(error.as_deref())
        .bind(cms)
        .bind(session.id)
        .execute(&mut *tx)
        .await?;
        let entry = AuditEntry {
            actor: actor.to_owned(),
            action: if cms.is_some() { "mobile_sign.signed" } else { "mobile_sign.refused" },
            subject: session.request_number.clone().unwrap_or_else(|| session.purpose.clone()),
            details: format!(
                "{{\"purpose\":\"{}\",\"error\":\"{}\"}}",
                session.purpose,
                error.as_deref().unwrap_or_default()
            ),
        };
        audit::append(&mut tx, &entry, self.key, self.clock.now()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The page gave up on a session no phone has signed; `false` when there is none such.
    pub async fn cancel(&self, watch_hash: &str) -> AppResult<bool> {
        let cancelled = super::write_alone(
            self.pool,
            sqlx::query(
                "UPDATE mobile_signs SET state = 'cancelled'
             WHERE watch_hash = $1 AND state IN ('waiting', 'scanned')",
            )
            .bind(watch_hash),
        )
        .await?
        .rows_affected();
        Ok(cancelled == 1)
    }
}
