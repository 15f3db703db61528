//! Notifications: a person's request events as their cabinet lists them, and the e-mail outbox.

use qyzmet_shared::calendar::Date;
use qyzmet_shared::notification::Notification;
use sqlx::AnyPool;

use super::Clock;
use super::requests::{parse, power_in_force};
use crate::error::AppResult;

/// How many notifications the cabinet shows.
const LATEST: i64 = 20;

/// An e-mail to deliver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// Whether the request's signed result travels with it as a PDF.
    pub attach_result: bool,
}

/// An e-mail taken from the outbox for delivery, with its request's id and number, and how many
/// times it was tried before.
#[derive(Debug, Clone)]
pub struct ClaimedMail {
    pub id: i64,
    pub request_id: i64,
    pub request: String,
    pub mail: Mail,
    pub attempts: i64,
}

/// A request's event as the cabinet's notifications read it.
#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    number: String,
    service: String,
    at: i64,
    to_status: String,
}

/// An e-mail due, as the outbox keeps it.
#[derive(sqlx::FromRow)]
struct OutboxRow {
    id: i64,
    request_id: i64,
    number: String,
    to_address: String,
    subject: String,
    body: String,
    attach_result: i64,
    attempts: i64,
}

/// How long a claim holds: a sender that has not finished by then is taken to have died.
const LEASE_SECONDS: i64 = 5 * 60;
/// Tries before an e-mail is given up.
pub const MAX_ATTEMPTS: i64 = 8;
/// The wait after the first failure; it doubles after each (1, 2, 4 … 64 minutes).
const FIRST_RETRY_SECONDS: i64 = 60;

/// What became of a failed delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Tried again at this Unix time.
    At(i64),
    /// Given up after `MAX_ATTEMPTS` tries.
    GivenUp,
}

pub struct Notifications<'a> {
    pool: &'a AnyPool,
    clock: &'a Clock,
}

impl<'a> Notifications<'a> {
    pub(super) fn new(pool: &'a AnyPool, clock: &'a Clock) -> Self {
        Notifications { pool, clock }
    }

    /// The latest changes of the person's requests, newest first, and how many they have not
    /// seen: of the requests filed for them, and of those they filed for another under a power
    /// of attorney still in force (who may read a request hears of it).
    pub async fn latest(&self, account_id: i64) -> AppResult<(i64, Vec<Notification>)> {
        let seen: i64 = sqlx::query_scalar("SELECT notifications_seen FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_one(self.pool)
            .await?;
        let theirs =
            format!("(r.applicant_id = $1 OR (r.filed_by_id = $1 AND {}))", power_in_force("$2"));
        let today = Date::in_kazakhstan(self.clock.now()).to_string();
        let unread: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM request_events e JOIN requests r ON r.id = e.request_id
             WHERE {theirs} AND e.id > $3"
        ))
        .bind(account_id)
        .bind(&today)
        .bind(seen)
        .fetch_one(self.pool)
        .await?;
        let rows = sqlx::query_as::<_, EventRow>(&format!(
            "SELECT e.id, r.number, r.service, e.at, e.to_status
             FROM request_events e JOIN requests r ON r.id = e.request_id
             WHERE {theirs} ORDER BY e.id DESC LIMIT $3"
        ))
        .bind(account_id)
        .bind(&today)
        .bind(LATEST)
        .fetch_all(self.pool)
        .await?;
        let items = rows
            .into_iter()
            .map(|row| {
                Ok(Notification {
                    id: row.id,
                    request: row.number,
                    service: parse(row.service)?,
                    at: row.at,
                    status: parse(row.to_status)?,
                    unread: row.id > seen,
                })
            })
            .collect::<AppResult<_>>()?;
        Ok((unread, items))
    }

    /// Marks everything up to `last` as seen.
    pub async fn seen(&self, account_id: i64, last: i64) -> AppResult<()> {
        super::write_alone(self.pool, sqlx::query(
            "UPDATE accounts SET notifications_seen = $1 WHERE id = $2 AND notifications_seen < $1",
        )
        .bind(last)
        .bind(account_id))
        .await?;
        Ok(())
    }

    /// Takes up to `limit` e-mails due for delivery, oldest due first: each is leased to one
    /// sender for a while, so that a sender that dies leaves them to the next.
    pub async fn claim_mail(&self, limit: i64) -> AppResult<Vec<ClaimedMail>> {
        let now = self.clock.now();
        let rows = sqlx::query_as::<_, OutboxRow>(
            "SELECT m.id, m.request_id, r.number, m.to_address, m.subject, m.body, m.attach_result,
                    m.attempts
             FROM mail_outbox m JOIN requests r ON r.id = m.request_id
             WHERE m.sent_at IS NULL AND m.failed_at IS NULL AND m.next_attempt_at <= $1
               AND (m.claimed_until IS NULL OR m.claimed_until < $1)
             ORDER BY m.next_attempt_at, m.id LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(self.pool)
        .await?;
        let mut claimed = Vec::new();
        for row in rows {
            let id = row.id;
            let taken = super::write_alone(self.pool, sqlx::query(
                "UPDATE mail_outbox SET claimed_until = $1
                 WHERE id = $2 AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < $3)",
            )
            .bind(now + LEASE_SECONDS)
            .bind(id)
            .bind(now))
            .await?
            .rows_affected();
            if taken == 1 {
                let mail = Mail {
                    to: row.to_address,
                    subject: row.subject,
                    body: row.body,
                    attach_result: row.attach_result == 1,
                };
                claimed.push(ClaimedMail {
                    id,
                    request_id: row.request_id,
                    request: row.number,
                    mail,
                    attempts: row.attempts,
                });
            }
        }
        Ok(claimed)
    }

    /// Marks a claimed e-mail delivered.
    pub async fn mark_sent(&self, id: i64) -> AppResult<()> {
        super::write_alone(
            self.pool,
            sqlx::query("UPDATE mail_outbox SET sent_at = $1, claimed_until = NULL WHERE id = $2")
                .bind(self.clock.now())
                .bind(id),
        )
        .await?;
        Ok(())
    }

    /// Records a failed delivery of a claimed e-mail: tried again later, or given up after
    /// `MAX_ATTEMPTS` tries; the error is kept either way.
    pub async fn retry_later(&self, claimed: &ClaimedMail, error: &str) -> AppResult<Retry> {
        let now = self.clock.now();
        let attempts = claimed.attempts.saturating_add(1);
        let retry = if attempts >= MAX_ATTEMPTS {
            Retry::GivenUp
        } else {
            let wait = FIRST_RETRY_SECONDS << (attempts - 1).clamp(0, 6);
            Retry::At(now + wait)
        };
        let (next, failed) = match retry {
            Retry::At(at) => (at, None),
            Retry::GivenUp => (now, Some(now)),
        };
        super::write_alone(
            self.pool,
            sqlx::query(
                "UPDATE mail_outbox SET attempts = $1, next_attempt_at = $2, failed_at = $3,
                 last_error = $4, claimed_until = NULL WHERE id = $5",
            )
            .bind(attempts)
            .bind(next)
            .bind(failed)
            .bind(error)
            .bind(claimed.id),
        )
        .await?;
        Ok(retry)
    }
}
