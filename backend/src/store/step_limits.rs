//! The `step_limits` table: the limits an administrator changed, over the declared defaults.

use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::workflow::{Limit, Status};
use sqlx::AnyPool;

use super::Clock;
use super::audit::{self, AuditEntry, AuditKey};
use crate::error::{AppError, AppResult};

pub struct StepLimits<'a> {
    pool: &'a AnyPool,
    key: &'a AuditKey,
    clock: &'a Clock,
}

impl<'a> StepLimits<'a> {
    pub(super) fn new(pool: &'a AnyPool, key: &'a AuditKey, clock: &'a Clock) -> Self {
        StepLimits { pool, key, clock }
    }

    /// The limits changed for a service's steps.
    pub async fn of(&self, service: ServiceCode) -> AppResult<Vec<(Status, Limit)>> {
        let rows: Vec<(String, String, i64)> =
            sqlx::query_as("SELECT status, unit, amount FROM step_limits WHERE service = $1")
                .bind(service.as_str())
                .fetch_all(self.pool)
                .await?;
        rows.into_iter()
            .map(|(status, unit, amount)| {
                let status = Status::ALL
                    .into_iter()
                    .find(|s| s.as_str() == status)
                    .ok_or_else(|| corrupt("status", &status))?;
                let limit = limit(&unit, amount).ok_or_else(|| corrupt("unit", &unit))?;
                Ok((status, limit))
            })
            .collect()
    }

    /// Sets a step's limit, or (with `None`) returns it to the declared one; the audit log keeps
    /// who did it and both values.
    pub async fn set(
        &self,
        service: ServiceCode,
        status: Status,
        limit: Option<Limit>,
        declared: Limit,
        actor: &str,
    ) -> AppResult<()> {
        let mut tx = super::begin_write(self.pool).await?;
        let shown = |limit: Limit| serde_json::to_string(&limit).unwrap_or_default();
        let entry = AuditEntry {
            actor: actor.to_owned(),
            action: "step_limit.set",
            subject: format!("{}/{}", service.as_str(), status.as_str()),
            details: format!(
                "{{\"declared\":{},\"now\":{}}}",
                shown(declared),
                shown(limit.unwrap_or(declared))
            ),
        };
        audit::append(&mut tx, &entry, self.key, self.clock.now()).await?;
        sqlx::query("DELETE FROM step_limits WHERE service = $1 AND status = $2")
            .bind(service.as_str())
            .bind(status.as_str())
            .execute(&mut *tx)
            .await?;
        if let Some(limit) = limit.filter(|limit| *limit != declared) {
            let (unit, amount) = parts(limit);
            sqlx::query(
                "INSERT INTO step_limits (service, status, unit, amount) VALUES ($1, $2, $3, $4)",
            )
            .bind(service.as_str())
            .bind(status.as_str())
            .bind(unit)
            .bind(amount)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

fn parts(limit: Limit) -> (&'static str, i64) {
    match limit {
        Limit::WorkingMinutes(minutes) => ("working_minutes", i64::from(minutes)),
        Limit::WorkingDays(days) => ("working_days", i64::from(days)),
        Limit::WithinTerm => ("within_term", 0),
    }
}

fn limit(unit: &str, amount: i64) -> Option<Limit> {
    match unit {
        "working_minutes" => u32::try_from(amount).ok().map(Limit::WorkingMinutes),
        "working_days" => u16::try_from(amount).ok().map(Limit::WorkingDays),
        "within_term" => Some(Limit::WithinTerm),
        _ => None,
    }
}

fn corrupt(column: &str, value: &str) -> AppError {
    AppError::Database(sqlx::Error::Decode(
        format!("unknown {column} {value:?} in step_limits").into(),
    ))
}
