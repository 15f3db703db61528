//! What the open figures count, read from the requests and the survey answers: never a person,
//! only when each request was filed, its term and when its result was signed.

use std::collections::BTreeMap;

use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::statistics::{self, Filed, PERIODS, ProviderFigures, SignedResult, Statistics};
use qyzmet_shared::survey::SurveyResults;
use sqlx::AnyPool;

use super::requests::parse;
use super::surveys;
use crate::error::AppResult;

pub struct OpenFigures<'a> {
    pool: &'a AnyPool,
}

type Row = (String, String, Option<i64>, Option<i64>, Option<i64>, Option<String>);

impl<'a> OpenFigures<'a> {
    pub(super) fn new(pool: &'a AnyPool) -> Self {
        OpenFigures { pool }
    }

    /// Each service at each provider over `PERIODS` before `now`: the requests filed or finished
    /// in the longest period (read through the indexes on the two moments), and every survey
    /// answer.
    pub async fn count(&self, now: i64) -> AppResult<Statistics> {
        let longest = PERIODS.into_iter().max().unwrap_or_default();
        let since = now - i64::from(longest) * 86_400;
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT service, provider, submitted_at, deadline_at, result_signed_at, result_outcome
             FROM requests WHERE submitted_at > $1 OR result_signed_at > $1",
        )
        .bind(since)
        .fetch_all(self.pool)
        .await?;
        let mut requests: BTreeMap<(ServiceCode, String), Vec<Filed>> = BTreeMap::new();
        for (service, provider, submitted_at, deadline_at, signed_at, outcome) in rows {
            let Some(filed_at) = submitted_at else { continue };
            let result = signed_at.map(|signed_at| SignedResult {
                signed_at,
                refused: outcome.as_deref().is_some_and(|o| o != "certificate"),
            });
            requests.entry((parse(service)?, provider)).or_default().push(Filed {
                filed_at,
                deadline_at,
                result,
            });
        }
        let mut surveys = surveys::everywhere(self.pool).await?;
        for key in surveys.keys() {
            requests.entry(key.clone()).or_default();
        }
        let providers = requests
            .into_iter()
            .map(|((service, provider), filed)| {
                let survey = surveys
                    .remove(&(service, provider.clone()))
                    .unwrap_or(SurveyResults { service, result: [0; 3], information: [0; 3] });
                let periods = PERIODS.map(|days| statistics::count(&filed, days, now)).to_vec();
                ProviderFigures { service, provider, periods, survey }
            })
            .collect();
        Ok(Statistics { counted_at: now, providers })
    }
}
