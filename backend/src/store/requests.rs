//! The `requests` and `request_events` tables.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use qyzmet_shared::calendar::Intake;
use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::request::{Event, NewRequest};
use qyzmet_shared::workflow::{Action, Status};
use sqlx::any::AnyRow;
use sqlx::{AnyPool, Row};

use super::audit::{self, AuditEntry};
use super::{Account, now_unix};
use crate::error::{AppError, AppResult};

/// A request as stored, with its applicant's number and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRequest {
    pub id: i64,
    pub number: String,
    pub service: ServiceCode,
    pub kind: String,
    pub provider: String,
    pub applicant_id: i64,
    pub applicant_id_number: String,
    pub applicant_name: String,
    pub filed_by_id: i64,
    pub intake: Intake,
    pub status: Status,
    pub form: BTreeMap<String, String>,
    pub submit_key: Option<String>,
    pub created_at: i64,
    pub submitted_at: Option<i64>,
    pub deadline_at: Option<i64>,
    pub step_deadline_at: Option<i64>,
}

/// A move of the workflow, as the store records it.
#[derive(Debug, Clone)]
pub struct Move<'a> {
    pub actor: &'a Account,
    pub action: Action,
    pub to: Status,
    pub resolution: &'a str,
    pub step_deadline_at: Option<i64>,
    /// For the submission: its idempotency key and the request's overall deadline.
    pub submission: Option<(&'a str, i64)>,
}

/// Which requests a list shows.
#[derive(Debug, Clone)]
pub enum Filter<'a> {
    /// Those a person applied for or filed, optionally by status and by part of the number.
    Own { account_id: i64, status: Option<Status>, number: Option<&'a str> },
    /// Those waiting at a provider in the given (service, status) pairs: a role's queue.
    Queue { provider: &'a str, waiting: Vec<(ServiceCode, Status)> },
}

pub struct Requests<'a> {
    pool: &'a AnyPool,
}

const COLUMNS: &str = "r.id, r.number, r.service, r.kind, r.provider, r.applicant_id, a.id_number, a.full_name,
    r.filed_by_id, r.intake, r.status, r.form, r.submit_key, r.created_at, r.submitted_at, r.deadline_at,
    r.step_deadline_at";

impl<'a> Requests<'a> {
    pub(super) fn new(pool: &'a AnyPool) -> Self {
        Requests { pool }
    }

    /// Opens a draft filed by `filed_by` for `applicant`; returns its number.
    pub async fn create_draft(
        &self,
        applicant: &Account,
        filed_by: &Account,
        new: &NewRequest,
    ) -> AppResult<String> {
        let mut tx = self.pool.begin().await?;
        let entry = AuditEntry {
            actor: filed_by.id_number.clone(),
            action: "request.create",
            subject: applicant.id_number.clone(),
            details: format!(
                "{{\"service\":\"{}\",\"kind\":\"{}\"}}",
                new.service.as_str(),
                new.kind
            ),
        };
        audit::append(&mut tx, &entry).await?;
        let now = now_unix();
        // A placeholder number, unique until the row's id gives the real one below.
        let placeholder = format!("draft-{}-{now}", filed_by.id);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO requests (number, service, kind, provider, applicant_id, filed_by_id, intake, status, form, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, 'portal', $7, $8, $9) RETURNING id",
        )
        .bind(&placeholder)
        .bind(new.service.as_str())
        .bind(&new.kind)
        .bind(&new.provider)
        .bind(applicant.id)
        .bind(filed_by.id)
        .bind(Status::Draft.as_str())
        .bind(form_json(&new.form))
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let number = request_number(now, id);
        sqlx::query("UPDATE requests SET number = $1 WHERE id = $2")
            .bind(&number)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(number)
    }

    pub async fn by_number(&self, number: &str) -> AppResult<Option<StoredRequest>> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM requests r JOIN accounts a ON a.id = r.applicant_id WHERE r.number = $1"
        ))
        .bind(number)
        .fetch_optional(self.pool)
        .await?;
        row.as_ref().map(request_from_row).transpose()
    }

    /// Replaces a draft's form; a request that is no longer a draft is left alone (`false`).
    pub async fn update_draft_form(
        &self,
        request: &StoredRequest,
        actor: &Account,
        form: &BTreeMap<String, String>,
    ) -> AppResult<bool> {
        let mut tx = self.pool.begin().await?;
        let entry = AuditEntry {
            actor: actor.id_number.clone(),
            action: "request.edit",
            subject: request.number.clone(),
            details: String::new(),
        };
        audit::append(&mut tx, &entry).await?;
        let updated = sqlx::query("UPDATE requests SET form = $1 WHERE id = $2 AND status = $3")
            .bind(form_json(form))
            .bind(request.id)
            .bind(Status::Draft.as_str())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if updated == 0 {
            return Ok(false);
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Deletes a draft; a request that is no longer a draft stays (`false`).
    pub async fn delete_draft(&self, request: &StoredRequest, actor: &Account) -> AppResult<bool> {
        let mut tx = self.pool.begin().await?;
        let entry = AuditEntry {
            actor: actor.id_number.clone(),
            action: "request.delete",
            subject: request.number.clone(),
            details: String::new(),
        };
        audit::append(&mut tx, &entry).await?;
        let deleted = sqlx::query("DELETE FROM requests WHERE id = $1 AND status = $2")
            .bind(request.id)
            .bind(Status::Draft.as_str())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if deleted == 0 {
            return Ok(false);
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Moves a request on, if nobody moved it first (`false` then, and nothing is written).
    pub async fn apply(&self, request: &StoredRequest, step: &Move<'_>) -> AppResult<bool> {
        let mut tx = self.pool.begin().await?;
        let entry = AuditEntry {
            actor: step.actor.id_number.clone(),
            action: "request.transition",
            subject: request.number.clone(),
            details: format!(
                "{{\"from\":\"{}\",\"to\":\"{}\"}}",
                request.status.as_str(),
                step.to.as_str()
            ),
        };
        audit::append(&mut tx, &entry).await?;
        let now = now_unix();
        let (key, deadline) =
            step.submission.map_or((None, None), |(key, deadline)| (Some(key), Some(deadline)));
        let moved = sqlx::query(
            "UPDATE requests SET status = $1, step_deadline_at = $2,
                 submit_key = COALESCE($3, submit_key),
                 submitted_at = CASE WHEN $3 IS NULL THEN submitted_at ELSE $4 END,
                 deadline_at = COALESCE($5, deadline_at)
             WHERE id = $6 AND status = $7",
        )
        .bind(step.to.as_str())
        .bind(step.step_deadline_at)
        .bind(key)
        .bind(now)
        .bind(deadline)
        .bind(request.id)
        .bind(request.status.as_str())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if moved == 0 {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO request_events (request_id, at, actor_id, action, from_status, to_status, resolution, step_deadline_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(request.id)
        .bind(now)
        .bind(step.actor.id)
        .bind(step.action.as_str())
        .bind(request.status.as_str())
        .bind(step.to.as_str())
        .bind(step.resolution)
        .bind(step.step_deadline_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// A page of requests and how many match in all: newest first for a person's own, most
    /// urgent first for a queue.
    pub async fn list(
        &self,
        filter: &Filter<'_>,
        limit: i64,
        offset: i64,
    ) -> AppResult<(Vec<StoredRequest>, i64)> {
        enum Bind {
            Int(i64),
            Text(String),
        }
        let mut binds = Vec::new();
        let mut next = |bind: Bind| {
            binds.push(bind);
            format!("${}", binds.len())
        };
        let (condition, order) = match filter {
            Filter::Own { account_id, status, number } => {
                let me = next(Bind::Int(*account_id));
                let mut condition = format!("(r.applicant_id = {me} OR r.filed_by_id = {me})");
                if let Some(status) = status {
                    let status = next(Bind::Text(status.as_str().to_owned()));
                    let _ = write!(condition, " AND r.status = {status}");
                }
                if let Some(number) = number {
                    let pattern = format!("%{}%", number.replace(['%', '_'], ""));
                    let pattern = next(Bind::Text(pattern));
                    let _ = write!(condition, " AND r.number LIKE {pattern}");
                }
                (condition, "r.created_at DESC, r.id DESC")
            }
            Filter::Queue { provider, waiting } => {
                let provider = next(Bind::Text((*provider).to_owned()));
                let pairs: Vec<String> = waiting
                    .iter()
                    .map(|(service, status)| {
                        let service = next(Bind::Text(service.as_str().to_owned()));
                        format!(
                            "(r.service = {service} AND r.status = {})",
                            next(Bind::Text(status.as_str().to_owned()))
                        )
                    })
                    .collect();
                let pairs = if pairs.is_empty() { "FALSE".to_owned() } else { pairs.join(" OR ") };
                (
                    format!("r.provider = {provider} AND ({pairs})"),
                    "r.step_deadline_at ASC, r.id ASC",
                )
            }
        };
        let from =
            format!("FROM requests r JOIN accounts a ON a.id = r.applicant_id WHERE {condition}");
        let page_sql =
            format!("SELECT {COLUMNS} {from} ORDER BY {order} LIMIT {limit} OFFSET {offset}");
        let count_sql = format!("SELECT COUNT(*) {from}");
        let mut page = sqlx::query(&page_sql);
        let mut count = sqlx::query_scalar(&count_sql);
        for bind in &binds {
            match bind {
                Bind::Int(v) => {
                    page = page.bind(*v);
                    count = count.bind(*v);
                }
                Bind::Text(v) => {
                    page = page.bind(v.as_str());
                    count = count.bind(v.as_str());
                }
            }
        }
        let rows = page.fetch_all(self.pool).await?;
        let total: i64 = count.fetch_one(self.pool).await?;
        Ok((rows.iter().map(request_from_row).collect::<AppResult<_>>()?, total))
    }

    /// The request's history, oldest first.
    pub async fn events(&self, request_id: i64) -> AppResult<Vec<Event>> {
        let rows = sqlx::query(
            "SELECT e.at, a.full_name, e.action, e.from_status, e.to_status, e.resolution, e.step_deadline_at
             FROM request_events e JOIN accounts a ON a.id = e.actor_id
             WHERE e.request_id = $1 ORDER BY e.id",
        )
        .bind(request_id)
        .fetch_all(self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Event {
                    at: row.try_get("at")?,
                    actor: row.try_get("full_name")?,
                    action: parse(row.try_get("action")?)?,
                    from: parse(row.try_get("from_status")?)?,
                    to: parse(row.try_get("to_status")?)?,
                    resolution: row.try_get("resolution")?,
                    step_deadline: row.try_get("step_deadline_at")?,
                })
            })
            .collect()
    }
}

/// Numbers people can read out on the phone: the year and a running number.
fn request_number(now: i64, id: i64) -> String {
    let year = qyzmet_shared::calendar::Date::in_kazakhstan(now).year();
    format!("{year}-{id:07}")
}

fn form_json(form: &BTreeMap<String, String>) -> String {
    serde_json::to_string(form).unwrap_or_else(|_| "{}".to_owned())
}

/// Statuses, actions and codes are stored as their serde names, the same the API uses.
fn parse<T: serde::de::DeserializeOwned>(stored: String) -> AppResult<T> {
    let decode_error = format!("unknown value {stored:?} in requests");
    serde_json::from_value(serde_json::Value::String(stored))
        .map_err(|_| AppError::Database(sqlx::Error::Decode(decode_error.into())))
}

fn request_from_row(row: &AnyRow) -> AppResult<StoredRequest> {
    let form: String = row.try_get("form")?;
    let intake: String = row.try_get("intake")?;
    Ok(StoredRequest {
        id: row.try_get("id")?,
        number: row.try_get("number")?,
        service: parse(row.try_get("service")?)?,
        kind: row.try_get("kind")?,
        provider: row.try_get("provider")?,
        applicant_id: row.try_get("applicant_id")?,
        applicant_id_number: row.try_get("id_number")?,
        applicant_name: row.try_get("full_name")?,
        filed_by_id: row.try_get("filed_by_id")?,
        intake: parse(intake)?,
        status: parse(row.try_get("status")?)?,
        form: serde_json::from_str(&form).map_err(|e| {
            AppError::Database(sqlx::Error::Decode(format!("request form: {e}").into()))
        })?,
        submit_key: row.try_get("submit_key")?,
        created_at: row.try_get("created_at")?,
        submitted_at: row.try_get("submitted_at")?,
        deadline_at: row.try_get("deadline_at")?,
        step_deadline_at: row.try_get("step_deadline_at")?,
    })
}
