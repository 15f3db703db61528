//! Notifications: a person's request events as their cabinet lists them, and the e-mail outbox.

use qyzmet_shared::notification::Notification;
use sqlx::{AnyPool, Row};

use super::now_unix;
use super::requests::parse;
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

/// An e-mail taken from the outbox for delivery, with its request's id and number.
#[derive(Debug, Clone)]
pub struct ClaimedMail {
    pub id: i64,
    pub request_id: i64,
    pub request: String,
    pub mail: Mail,
}

pub struct Notifications<'a> {
    pool: &'a AnyPool,
}

impl<'a> Notifications<'a> {
    pub(super) fn new(pool: &'a AnyPool) -> Self {
        Notifications { pool }
    }

    /// The latest changes of the person's requests, newest first, and how many they have not
    /// seen.
    pub async fn latest(&self, account_id: i64) -> AppResult<(i64, Vec<Notification>)> {
        let seen: i64 = sqlx::query_scalar("SELECT notifications_seen FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_one(self.pool)
            .await?;
        let unread: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM request_events e JOIN requests r ON r.id = e.request_id
             WHERE r.applicant_id = $1 AND e.id > $2",
        )
        .bind(account_id)
        .bind(seen)
        .fetch_one(self.pool)
        .await?;
        let rows = sqlx::query(
            "SELECT e.id, r.number, r.service, e.at, e.to_status
             FROM request_events e JOIN requests r ON r.id = e.request_id
             WHERE r.applicant_id = $1 ORDER BY e.id DESC LIMIT $2",
        )
        .bind(account_id)
        .bind(LATEST)
        .fetch_all(self.pool)
        .await?;
        let items = rows
            .iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                Ok(Notification {
                    id,
                    request: row.try_get("number")?,
                    service: parse(row.try_get("service")?)?,
                    at: row.try_get("at")?,
                    status: parse(row.try_get("to_status")?)?,
                    unread: id > seen,
                })
            })
            .collect::<AppResult<_>>()?;
        Ok((unread, items))
    }

    /// Marks everything up to `last` as seen.
    pub async fn seen(&self, account_id: i64, last: i64) -> AppResult<()> {
        sqlx::query(
            "UPDATE accounts SET notifications_seen = $1 WHERE id = $2 AND notifications_seen < $1",
        )
        .bind(last)
        .bind(account_id)
        .execute(self.pool)
        .await?;
        Ok(())
    }

    /// Takes up to `limit` undelivered e-mails for delivery: each is claimed by one deliverer.
    pub async fn claim_mail(&self, limit: i64) -> AppResult<Vec<ClaimedMail>> {
        let rows = sqlx::query(
            "SELECT m.id, m.request_id, r.number, m.to_address, m.subject, m.body, m.attach_result
             FROM mail_outbox m JOIN requests r ON r.id = m.request_id
             WHERE m.sent_at IS NULL ORDER BY m.id LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.pool)
        .await?;
        let mut claimed = Vec::new();
        for row in rows {
            let id: i64 = row.try_get("id")?;
            let taken = sqlx::query(
                "UPDATE mail_outbox SET sent_at = $1 WHERE id = $2 AND sent_at IS NULL",
            )
            .bind(now_unix())
            .bind(id)
            .execute(self.pool)
            .await?
            .rows_affected();
            if taken == 1 {
                let mail = Mail {
                    to: row.try_get("to_address")?,
                    subject: row.try_get("subject")?,
                    body: row.try_get("body")?,
                    attach_result: row.try_get::<i64, _>("attach_result")? == 1,
                };
                claimed.push(ClaimedMail {
                    id,
                    request_id: row.try_get("request_id")?,
                    request: row.try_get("number")?,
                    mail,
                });
            }
        }
        Ok(claimed)
    }

    /// Puts back an e-mail whose delivery failed, for the next attempt.
    pub async fn unclaim_mail(&self, id: i64) -> AppResult<()> {
        sqlx::query("UPDATE mail_outbox SET sent_at = NULL WHERE id = $1")
            .bind(id)
            .execute(self.pool)
            .await?;
        Ok(())
    }
}
