//! What the provider's dashboard counts, read from the requests and their history.

use std::collections::BTreeMap;

use qyzmet_shared::dashboard::{StatusCount, StepTime};
use qyzmet_shared::request::is_overdue;
use qyzmet_shared::workflow::Status;
use sqlx::AnyPool;

use super::requests::parse;
use crate::error::AppResult;

pub struct Dashboards<'a> {
    pool: &'a AnyPool,
}

impl<'a> Dashboards<'a> {
    pub(super) fn new(pool: &'a AnyPool) -> Self {
        Dashboards { pool }
    }

    /// A provider's filed requests by status, and how many are overdue at `now` (by the shared
    /// rule the lists mark them with).
    pub async fn statuses(&self, provider: &str, now: i64) -> AppResult<(Vec<StatusCount>, i64)> {
        let rows: Vec<(String, Option<i64>, Option<i64>)> = sqlx::query_as(
            "SELECT status, deadline_at, step_deadline_at FROM requests
             WHERE provider = $1 AND status <> 'draft'",
        )
        .bind(provider)
        .fetch_all(self.pool)
        .await?;
        let mut counts: BTreeMap<Status, i64> = BTreeMap::new();
        let mut overdue = 0;
        for (status, deadline, step_deadline) in rows {
            let status: Status = parse(status)?;
            *counts.entry(status).or_default() += 1;
            overdue += i64::from(is_overdue(status, deadline, step_deadline, now));
        }
        let by_status =
            counts.into_iter().map(|(status, count)| StatusCount { status, count }).collect();
        Ok((by_status, overdue))
    }

    /// Each finished step of a provider's requests: from the event that entered a status to the
    /// next one, against the step's deadline recorded on entering.
    pub async fn steps(&self, provider: &str) -> AppResult<Vec<StepTime>> {
        let rows: Vec<(i64, String, i64, Option<i64>)> = sqlx::query_as(
            "SELECT e.request_id, e.to_status, e.at, e.step_deadline_at
             FROM request_events e JOIN requests r ON r.id = e.request_id
             WHERE r.provider = $1 ORDER BY e.request_id, e.id",
        )
        .bind(provider)
        .fetch_all(self.pool)
        .await?;
        // Per status: done, late, total seconds.
        let mut steps: BTreeMap<Status, (i64, i64, i64)> = BTreeMap::new();
        let mut entered: Option<(i64, Status, i64, Option<i64>)> = None;
        for (request, status, at, step_deadline) in rows {
            let status: Status = parse(status)?;
            if let Some((previous, waited_in, since, deadline)) = entered
                && previous == request
            {
                let step = steps.entry(waited_in).or_default();
                step.0 += 1;
                step.1 += i64::from(deadline.is_some_and(|d| at > d));
                step.2 += at - since;
            }
            entered = Some((request, status, at, step_deadline));
        }
        Ok(steps
            .into_iter()
            .map(|(status, (done, late, seconds))| StepTime {
                status,
                done,
                late,
                average_hours: (seconds / done.max(1) + 1800) / 3600,
            })
            .collect())
    }
}
