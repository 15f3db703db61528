//! Generated requests for measuring the store at scale (issue 16): many citizens, each with ten
//! archival certificates, spread evenly over the twenty akimats that give them, as the country's
//! requests are; filed over the past year and walked through the regional steps with their
//! history; the newest 7 % still in work, the rest issued. The demo region's staff take the
//! steps everywhere (the other akimats have no demo staff). Written by the database itself in
//! one transaction (one SQL for both databases), so a million take a minute or two, not hours.
//! The generated citizens' numbers are not IINs: nobody can sign in as one.

use qyzmet_shared::calendar::Date;
use qyzmet_shared::catalog::{ServiceCode, catalog};

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, AnyPool};

use super::{Backend, Store, begin_write};
use crate::error::AppResult;

/// How many requests each generated citizen has.
const PER_CITIZEN: i64 = 10;

/// The steps of the regional walk, in order: the one a request stopped at, and all before it,
/// are in its history. Actors are bound: `$2` chancellery, `$3` head, `$4` department head,
/// `$5` specialist; 0 is the applicant.
const STEPS: &str = "steps (k, from_status, to_status, action, actor) AS (VALUES
    (1, 'draft', 'submitted', 'submit', 0),
    (2, 'submitted', 'at_head', 'register', $2),
    (3, 'at_head', 'at_department_head', 'assign_department', $3),
    (4, 'at_department_head', 'at_specialist', 'assign_specialist', $4),
    (5, 'at_specialist', 'awaiting_signature', 'draft_result', $5),
    (6, 'awaiting_signature', 'signed', 'sign', $3),
    (7, 'signed', 'issued', 'issue', $2))";

/// How far apart the steps of a generated request are, and how long each may take.
const STEP_SECONDS: i64 = 3600;
const STEP_LIMIT_SECONDS: i64 = 86_400;

impl Store {
    /// Adds `requests` generated requests (rounded up to whole citizens) with their histories
    /// and the dashboard's tallies, then has the database gather its statistics. The demo must be
    /// seeded: its region's staff take the steps.
    pub async fn generate(&self, requests: i64) -> AppResult<()> {
        let citizens = (requests + PER_CITIZEN - 1) / PER_CITIZEN;
        let now = self.clock.now();
        let staff = Staff::of(&self.pool).await?;
        let mut tx = begin_write(&self.pool).await?;
        let before: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM requests")
            .fetch_one(&mut *tx)
            .await?;
        let first_citizen = add_citizens(&mut tx, citizens, now).await?;
        add_requests(&mut tx, &staff, (first_citizen, citizens), now).await?;
        let year = Date::in_kazakhstan(now).year().to_string();
        sqlx::query(
            "UPDATE requests SET number = $1 || '-' || substr(CAST(10000000 + id AS TEXT), 2)
             WHERE id > $2",
        )
        .bind(year)
        .bind(before)
        .execute(&mut *tx)
        .await?;
        add_histories(&mut tx, &staff, before).await?;
        // The tallies again from all there is: both migrations folders hold this same SQL.
        sqlx::query("DELETE FROM status_tallies").execute(&mut *tx).await?;
        sqlx::query("DELETE FROM survey_tallies").execute(&mut *tx).await?;
        sqlx::raw_sql(TALLIES_OF_THE_PAST).execute(&mut *tx).await?;
        tx.commit().await?;
        // Statistics for the planner; on PostgreSQL also the visibility map its index-only
        // counts rely on, as autovacuum keeps it on a store that grew by itself.
        let gather = match self.backend {
            Backend::Sqlite => "ANALYZE",
            Backend::Postgres => "VACUUM ANALYZE",
        };
        sqlx::raw_sql(gather).execute(&self.pool).await?;
        Ok(())
    }
}

const TALLIES_OF_THE_PAST: &str =
    include_str!("../../migrations/sqlite/0031_dashboard_tallies_of_the_past.sql");

/// The demo region's staff who take the steps: bound as `$2`–`$5` of every query with `STEPS`.
struct Staff {
    chancellery: i64,
    head: i64,
    department_head: i64,
    specialist: i64,
}

impl Staff {
    async fn of(pool: &AnyPool) -> AppResult<Staff> {
        let staff = |role: &'static str, department: Option<&'static str>| async move {
            let id: i64 = sqlx::query_scalar(
                "SELECT MIN(id) FROM accounts WHERE provider = 'astana' AND role = $1
                 AND (department = $2 OR $2 IS NULL)",
            )
            .bind(role)
            .bind(department)
            .fetch_one(pool)
            .await?;
            AppResult::Ok(id)
        };
        Ok(Staff {
            chancellery: staff("chancellery", None).await?,
            head: staff("head", None).await?,
            department_head: staff("department_head", Some("archives")).await?,
            specialist: staff("specialist", Some("archives")).await?,
        })
    }

    /// `query` with `$1` bound, then the staff as `$2`–`$5`.
    fn bound<'q>(
        &self,
        query: Query<'q, Any, AnyArguments<'q>>,
    ) -> Query<'q, Any, AnyArguments<'q>> {
        query
            .bind(self.chancellery)
            .bind(self.head)
            .bind(self.department_head)
            .bind(self.specialist)
    }
}

/// Adds `citizens` generated citizens after those generated before; returns how many there were.
async fn add_citizens(conn: &mut AnyConnection, citizens: i64, now: i64) -> AppResult<i64> {
    let before: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM accounts WHERE id_number LIKE '0000%' AND role = 'applicant'",
    )
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(
        "WITH RECURSIVE n (i) AS (SELECT $1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)
         INSERT INTO accounts (id_number, subject, full_name, role, password_hash, created_at)
         SELECT substr(CAST(1000000000000 + i AS TEXT), 2), 'individual',
             'Азамат Генерацияұлы ' || CAST(i AS TEXT), 'applicant', '', $3
         FROM n",
    )
    .bind(before + 1)
    .bind(before + citizens)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(before)
}

/// Adds `PER_CITIZEN` requests for each of the `citizens` generated after `first_citizen`,
/// numbered for now `generated-…`. They are filed evenly over the past year; the newest 7 % are
/// still in work, spread over the six steps before the result is issued.
async fn add_requests(
    conn: &mut AnyConnection,
    staff: &Staff,
    (first_citizen, citizens): (i64, i64),
    now: i64,
) -> AppResult<()> {
    let requests = citizens * PER_CITIZEN;
    let spacing = (365 * 86_400 / requests).max(1);
    let akimats: Vec<String> =
        catalog().providers(ServiceCode::ArchivalCertificate).map(|body| body.id.clone()).collect();
    // The catalog's own slugs, bound after the nine values before them.
    let providers: Vec<String> =
        (0..akimats.len()).map(|k| format!("({k}, ${})", k + 10)).collect();
    let (providers, akimats_count) = (providers.join(", "), akimats.len());
    let sql = format!(
        "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1),
         {STEPS}, providers (k, provider) AS (VALUES {providers})
         INSERT INTO requests (number, service, kind, provider, applicant_id, filed_by_id, intake,
             status, form, created_at, submitted_at, deadline_at, step_deadline_at, department,
             assignee_id)
         SELECT 'generated-' || CAST(n.i AS TEXT), 'archival-certificate', 'salary', p.provider,
             a.id, a.id, 'portal', s.to_status,
             '{{\"organisation\":\"«Қазақтелеком» АҚ\",\"period_from\":\"2005-01-01\",\"period_to\":\"2010-12-31\"}}',
             $6 - ($1 - n.i) * $7, $6 - ($1 - n.i) * $7 + 600,
             $6 - ($1 - n.i) * $7 + 600 + 15 * 86400,
             CASE WHEN s.k = 7 THEN NULL
                  ELSE $6 - ($1 - n.i) * $7 + 600 + (s.k - 1) * {STEP_SECONDS} + {STEP_LIMIT_SECONDS} END,
             CASE WHEN s.k >= 4 THEN 'archives' END, CASE WHEN s.k >= 5 THEN $5 END
         FROM n
         JOIN accounts a ON a.id_number = substr(CAST(1000000000000 + $8 + 1 + n.i % $9 AS TEXT), 2)
         JOIN providers p ON p.k = n.i % {akimats_count}
         JOIN steps s ON s.k = CASE WHEN n.i * 100 <= $1 * 93 THEN 7 ELSE 1 + n.i % 6 END
         ORDER BY n.i"
    );
    let mut insert = staff
        .bound(sqlx::query(&sql).bind(requests))
        .bind(now)
        .bind(spacing)
        .bind(first_citizen)
        .bind(citizens);
    for akimat in &akimats {
        insert = insert.bind(akimat.as_str());
    }
    insert.execute(&mut *conn).await?;
    Ok(())
}

/// Adds the history of each request after `before`: every step up to the one it stopped at.
async fn add_histories(conn: &mut AnyConnection, staff: &Staff, before: i64) -> AppResult<()> {
    let sql = format!(
        "WITH {STEPS}
         INSERT INTO request_events (request_id, at, actor_id, action, from_status, to_status,
             resolution, step_deadline_at)
         SELECT r.id, r.submitted_at + (s.k - 1) * {STEP_SECONDS},
             CASE WHEN s.actor = 0 THEN r.applicant_id ELSE s.actor END,
             s.action, s.from_status, s.to_status, '',
             CASE WHEN s.k = 7 THEN NULL
                  ELSE r.submitted_at + (s.k - 1) * {STEP_SECONDS} + {STEP_LIMIT_SECONDS} END
         FROM requests r JOIN steps reached ON reached.to_status = r.status
         JOIN steps s ON s.k <= reached.k
         WHERE r.id > $1 ORDER BY r.id, s.k"
    );
    staff.bound(sqlx::query(&sql).bind(before)).execute(&mut *conn).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_databases_tally_the_past_with_the_same_sql() {
        assert_eq!(
            super::TALLIES_OF_THE_PAST,
            include_str!("../../migrations/postgres/0031_dashboard_tallies_of_the_past.sql")
        );
    }
}
