//! What the provider's dashboard counts: tallies kept in the transaction of each move and each
//! survey answer (`status_tallies`, `survey_tallies`), so that a look reads a few rows per
//! status however many requests the provider has; and the overdue ones among those still with it.
//! The overdue count is `qyzmet_shared::request::is_overdue` in SQL: a test holds the two to the
//! same answer.

use qyzmet_shared::dashboard::{StatusCount, StepTime};
use qyzmet_shared::survey::SurveyAnswers;
use qyzmet_shared::workflow::Status;
use sqlx::{AnyConnection, AnyPool};

use super::requests::{StoredRequest, parse};
use crate::error::AppResult;

/// How many rows each tally is spread over: a request adds to the one its id picks.
const SHARDS: i64 = 8;

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
        let by_status = self
            .tallies(provider)
            .await?
            .into_iter()
            .filter(|tally| tally.now_in > 0)
            .map(|tally| StatusCount { status: tally.status, count: tally.now_in })
            .collect();
        Ok((by_status, self.overdue(provider, now).await?))
    }

    /// Each finished step of a provider's requests: how many, how many past the step's deadline
    /// recorded on entering it, and their average time.
    pub async fn steps(&self, provider: &str) -> AppResult<Vec<StepTime>> {
        Ok(self
            .tallies(provider)
            .await?
            .into_iter()
            .filter(|tally| tally.done > 0)
            .map(|tally| StepTime {
                status: tally.status,
                done: tally.done,
                late: tally.late,
                average_hours: (tally.seconds / tally.done + 1800) / 3600,
            })
            .collect())
    }

    async fn tallies(&self, provider: &str) -> AppResult<Vec<StatusTally>> {
        let rows: Vec<(String, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT status, CAST(SUM(entered) - SUM(exited) AS BIGINT), CAST(SUM(exited) AS BIGINT),
                 CAST(SUM(late) AS BIGINT), CAST(SUM(seconds) AS BIGINT)
             FROM status_tallies WHERE provider = $1 GROUP BY status",
        )
        .bind(provider)
        .fetch_all(self.pool)
        .await?;
        let mut tallies = rows
            .into_iter()
            .map(|(status, now_in, done, late, seconds)| {
                Ok(StatusTally { status: parse(status)?, now_in, done, late, seconds })
            })
            .collect::<AppResult<Vec<_>>>()?;
        tallies.sort_by_key(|tally| tally.status);
        Ok(tallies)
    }

    /// Of the requests still with the provider, those past a deadline at `now`: counted from the
    /// queue's index alone.
    async fn overdue(&self, provider: &str, now: i64) -> AppResult<i64> {
        let (sql, with_provider) = overdue_query();
        let mut query = sqlx::query_scalar(&sql).bind(provider).bind(now);
        for status in &with_provider {
            query = query.bind(status.as_str());
        }
        Ok(query.fetch_one(self.pool).await?)
    }
}

/// The count of a provider's (`$1`) requests overdue at `$2`: in the statuses that follow,
/// which it binds (the shared rule's: still with the provider), past either deadline, as
/// `is_overdue` says.
pub(super) fn overdue_query() -> (String, Vec<Status>) {
    let with_provider: Vec<Status> =
        Status::ALL.into_iter().filter(|status| status.is_with_provider()).collect();
    let placeholders: Vec<String> =
        (0..with_provider.len()).map(|i| format!("${}", i + 3)).collect();
    let sql = format!(
        "SELECT COUNT(*) FROM requests
         WHERE provider = $1 AND status IN ({}) AND (deadline_at < $2 OR step_deadline_at < $2)",
        placeholders.join(", ")
    );
    (sql, with_provider)
}

/// One status's tally at a provider, summed over its shards.
struct StatusTally {
    status: Status,
    now_in: i64,
    done: i64,
    late: i64,
    seconds: i64,
}

/// Counts `request` leaving its status for `to` at `now`, within the move's transaction; called
/// before the move's own event is written. The step that ends is timed from the event that
/// entered it, against the deadline recorded there.
pub(super) async fn count_move(
    conn: &mut AnyConnection,
    request: &StoredRequest,
    to: Status,
    now: i64,
) -> AppResult<()> {
    // A draft has no step to end: its filing is the first event.
    let entered: Option<(i64, Option<i64>)> = if request.status == Status::Draft {
        None
    } else {
        sqlx::query_as(
            "SELECT at, step_deadline_at FROM request_events WHERE request_id = $1
             ORDER BY id DESC LIMIT 1",
        )
        .bind(request.id)
        .fetch_optional(&mut *conn)
        .await?
    };
    if let Some((since, deadline)) = entered {
        let late = i64::from(deadline.is_some_and(|deadline| now > deadline));
        add_to_status(conn, request, request.status, (0, 1, late, now - since)).await?;
    }
    if to != Status::Draft {
        add_to_status(conn, request, to, (1, 0, 0, 0)).await?;
    }
    Ok(())
}

/// Adds `(entered, exited, late, seconds)` to the tally of `status` in the request's shard.
async fn add_to_status(
    conn: &mut AnyConnection,
    request: &StoredRequest,
    status: Status,
    (entered, exited, late, seconds): (i64, i64, i64, i64),
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO status_tallies (provider, status, shard, entered, exited, late, seconds)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (provider, status, shard) DO UPDATE SET
             entered = status_tallies.entered + excluded.entered,
             exited = status_tallies.exited + excluded.exited,
             late = status_tallies.late + excluded.late,
             seconds = status_tallies.seconds + excluded.seconds",
    )
    .bind(&request.provider)
    .bind(status.as_str())
    .bind(request.id % SHARDS)
    .bind(entered)
    .bind(exited)
    .bind(late)
    .bind(seconds)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Counts a survey's answers, within the transaction that keeps them.
pub(super) async fn count_answers(
    conn: &mut AnyConnection,
    request: &StoredRequest,
    answers: SurveyAnswers,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO survey_tallies (provider, service, result, information, shard, answers)
         VALUES ($1, $2, $3, $4, $5, 1)
         ON CONFLICT (provider, service, result, information, shard) DO UPDATE SET
             answers = survey_tallies.answers + 1",
    )
    .bind(&request.provider)
    .bind(request.service.as_str())
    .bind(answers.result.as_str())
    .bind(answers.information.as_str())
    .bind(request.id % SHARDS)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
