//! The `survey_answers` table: what applicants answered after the service.

use std::collections::BTreeMap;

use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::survey::{Answer, SurveyAnswers, SurveyResults};
use sqlx::AnyPool;

use super::Clock;
use super::audit::{self, AuditEntry, AuditKey};
use super::requests::{StoredRequest, parse};
use crate::error::AppResult;

pub struct Surveys<'a> {
    pool: &'a AnyPool,
    key: &'a AuditKey,
    clock: &'a Clock,
}

impl<'a> Surveys<'a> {
    pub(super) fn new(pool: &'a AnyPool, key: &'a AuditKey, clock: &'a Clock) -> Self {
        Surveys { pool, key, clock }
    }

    /// Keeps the applicant's answers, unless they answered already (then `false`, nothing kept).
    pub async fn answer(
        &self,
        request: &StoredRequest,
        answers: SurveyAnswers,
        actor: &str,
    ) -> AppResult<bool> {
        let mut tx = super::begin_write(self.pool).await?;
        let now = self.clock.now();
        let kept = sqlx::query(
            "INSERT INTO survey_answers (request_id, provider, service, result, information, answered_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (request_id) DO NOTHING",
        )
        .bind(request.id)
        .bind(&request.provider)
        .bind(request.service.as_str())
        .bind(answers.result.as_str())
        .bind(answers.information.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if kept == 0 {
            return Ok(false);
        }
        super::dashboard::count_answers(&mut tx, request, answers).await?;
        let entry = AuditEntry {
            actor: actor.to_owned(),
            action: "request.survey",
            subject: request.number.clone(),
            details: format!(
                "{{\"result\":\"{}\",\"information\":\"{}\"}}",
                answers.result.as_str(),
                answers.information.as_str()
            ),
        };
        audit::append(&mut tx, &entry, self.key, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The answers given for a request, if any.
    pub async fn of_request(&self, request_id: i64) -> AppResult<Option<SurveyAnswers>> {
        let row: Option<(String, String)> =
            sqlx::query_as("SELECT result, information FROM survey_answers WHERE request_id = $1")
                .bind(request_id)
                .fetch_optional(self.pool)
                .await?;
        row.map(|(result, information)| {
            Ok(SurveyAnswers { result: parse(result)?, information: parse(information)? })
        })
        .transpose()
    }

    /// How each of a provider's services was rated.
    pub async fn results(&self, provider: &str) -> AppResult<Vec<SurveyResults>> {
        let rows = sqlx::query_as(&format!("{TALLY} WHERE provider = $1 {TALLY_GROUPS}"))
            .bind(provider)
            .fetch_all(self.pool)
            .await?;
        Ok(tally(rows)?.into_values().collect())
    }
}

/// How each service was rated at each provider, for the open figures.
pub(super) async fn everywhere(
    pool: &AnyPool,
) -> AppResult<BTreeMap<(ServiceCode, String), SurveyResults>> {
    let rows = sqlx::query_as(&format!("{TALLY} {TALLY_GROUPS}")).fetch_all(pool).await?;
    tally(rows)
}

/// The answers counted per provider, service and pair of answers, from the tallies kept as they
/// were given (summed over shards); a filter goes in between.
const TALLY: &str = "SELECT service, provider, result, information, CAST(SUM(answers) AS BIGINT)
    FROM survey_tallies";
const TALLY_GROUPS: &str = "GROUP BY service, provider, result, information";

/// Adds up the rows of `TALLY` per service and provider.
fn tally(
    rows: Vec<(String, String, String, String, i64)>,
) -> AppResult<BTreeMap<(ServiceCode, String), SurveyResults>> {
    let mut counts: BTreeMap<(ServiceCode, String), SurveyResults> = BTreeMap::new();
    for (service, provider, result, information, answers) in rows {
        let service: ServiceCode = parse(service)?;
        let result: Answer = parse(result)?;
        let information: Answer = parse(information)?;
        let of_service = counts.entry((service, provider)).or_insert(SurveyResults {
            service,
            result: [0; 3],
            information: [0; 3],
        });
        of_service.result[index(result)] += answers;
        of_service.information[index(information)] += answers;
    }
    Ok(counts)
}

/// Where an answer is counted in `SurveyResults`.
fn index(answer: Answer) -> usize {
    Answer::ALL.iter().position(|a| *a == answer).unwrap_or_default()
}
