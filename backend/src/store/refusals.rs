//! The `csc_refusals` table: refusal receipts of packages brought to a CSC counter incomplete.

use qyzmet_shared::calendar::Date;
use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::csc::Counter;
use sqlx::AnyPool;

use super::audit::{self, AuditEntry, AuditKey};
use super::requests::{delete_draft_in, parse};
use super::{Account, Clock, StoredRequest};
use crate::error::{AppError, AppResult};

/// A refusal receipt as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRefusal {
    pub number: String,
    pub csc: String,
    pub operator_id: i64,
    pub operator_name: String,
    pub applicant_id_number: String,
    pub applicant_name: String,
    pub service: ServiceCode,
    pub kind: String,
    /// The ids of the documents the package lacked.
    pub missing: Vec<String>,
    pub counter: Counter,
    pub created_at: i64,
}

pub struct Refusals<'a> {
    pool: &'a AnyPool,
    key: &'a AuditKey,
    clock: &'a Clock,
}

impl<'a> Refusals<'a> {
    pub(super) fn new(pool: &'a AnyPool, key: &'a AuditKey, clock: &'a Clock) -> Self {
        Refusals { pool, key, clock }
    }

    /// Refuses the counter draft `draft` for lacking the documents `missing`: the receipt is
    /// kept and the draft deleted with its files, in one transaction, so nothing reaches the
    /// provider. `None` (and nothing written) if it is no longer a draft.
    pub async fn refuse(
        &self,
        draft: &StoredRequest,
        operator: &Account,
        csc: &str,
        counter: &Counter,
        missing: &[String],
    ) -> AppResult<Option<String>> {
        let mut tx = super::begin_write(self.pool).await?;
        let entry = AuditEntry {
            actor: operator.id_number.clone(),
            action: "csc.refuse_incomplete",
            subject: draft.applicant_id_number.clone(),
            details: serde_json::json!({ "draft": draft.number, "missing": missing }).to_string(),
        };
        let now = self.clock.now();
        audit::append(&mut tx, &entry, self.key, now).await?;
        if !delete_draft_in(&mut tx, draft.id).await? {
            return Ok(None);
        }
        // A placeholder number, unique until the row's id gives the real one below.
        let placeholder = format!("refusal-{}-{now}", draft.id);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO csc_refusals (number, csc, operator_id, applicant_id_number, applicant_name, service, kind, missing, counter, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(&placeholder)
        .bind(csc)
        .bind(operator.id)
        .bind(&draft.applicant_id_number)
        .bind(&draft.applicant_name)
        .bind(draft.service.as_str())
        .bind(&draft.kind)
        .bind(serde_json::to_string(missing).unwrap_or_else(|_| "[]".to_owned()))
        .bind(serde_json::to_string(counter).unwrap_or_else(|_| "{}".to_owned()))
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let number = format!("{}-R{id:06}", Date::in_kazakhstan(now).year());
        sqlx::query("UPDATE csc_refusals SET number = $1 WHERE id = $2")
            .bind(&number)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(number))
    }

    pub async fn by_number(&self, number: &str) -> AppResult<Option<StoredRefusal>> {
        let row = sqlx::query_as::<_, RefusalRow>(
            "SELECT c.number, c.csc, c.operator_id, o.full_name AS operator_name,
                 c.applicant_id_number, c.applicant_name, c.service, c.kind, c.missing, c.counter,
                 c.created_at
             FROM csc_refusals c JOIN accounts o ON o.id = c.operator_id WHERE c.number = $1",
        )
        .bind(number)
        .fetch_optional(self.pool)
        .await?;
        row.map(StoredRefusal::try_from).transpose()
    }
}

/// A refusal as the database gives it; `StoredRefusal` is made from it.
#[derive(sqlx::FromRow)]
struct RefusalRow {
    number: String,
    csc: String,
    operator_id: i64,
    operator_name: String,
    applicant_id_number: String,
    applicant_name: String,
    service: String,
    kind: String,
    missing: String,
    counter: String,
    created_at: i64,
}

impl TryFrom<RefusalRow> for StoredRefusal {
    type Error = AppError;

    fn try_from(row: RefusalRow) -> AppResult<StoredRefusal> {
        let corrupt = |e: serde_json::Error| {
            AppError::Database(sqlx::Error::Decode(format!("csc_refusals: {e}").into()))
        };
        Ok(StoredRefusal {
            number: row.number,
            csc: row.csc,
            operator_id: row.operator_id,
            operator_name: row.operator_name,
            applicant_id_number: row.applicant_id_number,
            applicant_name: row.applicant_name,
            service: parse(row.service)?,
            kind: row.kind,
            missing: serde_json::from_str(&row.missing).map_err(corrupt)?,
            counter: serde_json::from_str(&row.counter).map_err(corrupt)?,
            created_at: row.created_at,
        })
    }
}
