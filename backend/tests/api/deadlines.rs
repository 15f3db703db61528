//! The term calculator (`GET /api/v1/services/{code}/deadline`) against hand counts on the 2026
//! calendar, for each service and intake.

use qyzmet_shared::api::{DueDate, StepLimit};
use qyzmet_shared::calendar::Date;
use qyzmet_shared::workflow::{Limit, Status};
use qyzmet_shared::{ApiError, ErrorCode};
use reqwest::Method;
use serde_json::json;

use crate::app::{Db, TestApp};

impl TestApp {
    /// `GET /api/v1/services/{service}/deadline?intake=…&at=…`.
    pub async fn deadline(&self, service: &str, intake: &str, at: &str) -> reqwest::Response {
        let query = [("intake", intake), ("at", at)];
        self.client
            .get(format!("{}/api/v1/services/{service}/deadline", self.base))
            .query(&query)
            .send()
            .await
            .unwrap()
    }

    async fn due(&self, service: &str, intake: &str, at: &str) -> DueDate {
        let response = self.deadline(service, intake, at).await;
        assert_eq!(response.status(), 200, "{service} {intake} {at}");
        response.json().await.unwrap()
    }
}

fn date(year: i32, month: u8, day: u8) -> Date {
    Date::new(year, month, day).unwrap()
}

async fn every_service_and_intake_counts_as_its_regulation_says(db: Db) {
    let app = TestApp::spawn(db).await;
    // 003 p. 5, 10 working days through Nauryz; at a centre the day of acceptance is not counted.
    let portal = app.due("foreign-periodicals", "portal", "2026-03-19T10:00:00+05:00").await;
    assert_eq!(portal.date, date(2026, 4, 6));
    assert_eq!(portal.deadline, "2026-04-06T23:59:59+05:00");
    let csc = app.due("foreign-periodicals", "csc", "2026-03-19T05:00:00Z").await;
    assert_eq!(csc.date, date(2026, 4, 7));
    // 001: 15 calendar days from the day after filing, Nauryz counted, a Saturday end moved.
    let media = app.due("foreign-media", "portal", "2026-03-13T10:00:00+05:00").await;
    assert_eq!(media.date, date(2026, 3, 30));
    // … after hours on a Friday the count still starts the next day.
    let evening = app.due("foreign-media", "portal", "2026-03-20T20:00:00+05:00").await;
    assert_eq!(evening.date, date(2026, 4, 6));
    // 004: 15 working days; from a centre on 4 May Kurban ait (27 May) rests.
    let archives = app.due("archival-certificate", "csc", "2026-05-04T10:00:00+05:00").await;
    assert_eq!(archives.date, date(2026, 5, 28));
    let office = app.due("archival-certificate", "provider", "2026-05-04T10:00:00+05:00").await;
    assert_eq!(office.date, date(2026, 5, 26));
    // 002 sets no whole term: its steps end at 18:30 on 9 December.
    let ministry = app.due("periodicals-registration", "portal", "2026-11-30T10:00:00+05:00").await;
    assert_eq!(ministry.deadline, "2026-12-09T18:30:00+05:00");
}

async fn a_decree_entered_by_the_administrator_moves_the_answer(db: Db) {
    let app = TestApp::spawn_demo(db).await;
    let admin = app.session("900606401572").await;
    let day = serde_json::json!({"kind": "day_off", "note": {"kk": "Үкімет қаулысы", "ru": "Постановление Правительства"}});
    let set = app.call(Method::PUT, "/calendar/days/2026-03-30", &admin, Some(day)).await;
    assert_eq!(set.status(), 200);
    let media = app.due("foreign-media", "portal", "2026-03-13T10:00:00+05:00").await;
    assert_eq!(media.date, date(2026, 3, 31));
}

async fn an_unknown_service_intake_or_time_is_refused_on_its_field(db: Db) {
    let app = TestApp::spawn(db).await;
    for (service, intake, at, field) in [
        ("no-such-service", "portal", "2026-03-19T10:00:00+05:00", "service"),
        ("foreign-media", "post", "2026-03-19T10:00:00+05:00", "intake"),
        // 002 is filed on the portal only, 003 not at the provider's chancellery.
        ("periodicals-registration", "csc", "2026-03-19T10:00:00+05:00", "intake"),
        ("foreign-periodicals", "provider", "2026-03-19T10:00:00+05:00", "intake"),
        ("foreign-media", "portal", "19.03.2026 10:00", "at"),
        ("foreign-media", "portal", "2026-03-19T10:00:00", "at"),
    ] {
        let response = app.deadline(service, intake, at).await;
        assert_eq!(response.status(), 422, "{service} {intake} {at}");
        let error: ApiError = response.json().await.unwrap();
        assert_eq!((error.code, error.field.as_deref()), (ErrorCode::BadRequest, Some(field)));
    }
}

async fn steps(app: &TestApp, service: &str) -> Vec<StepLimit> {
    let response = app.get(&format!("/api/v1/services/{service}/steps")).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn limit_of(steps: &[StepLimit], status: Status) -> (Limit, Limit) {
    let step = steps.iter().find(|s| s.status == status).unwrap();
    (step.declared, step.current)
}

/// An administrator changes a step's limit without code: the declaration stays the default, the
/// deadlines follow the new value, the audit log keeps the change, and a reset returns to the
/// regulation.
async fn an_administrator_changes_a_step_limit_and_deadlines_follow(db: Db) {
    let app = TestApp::spawn_demo(db).await;
    let (admin, citizen) = (app.session("900606401572").await, app.session("850315400124").await);
    let review = limit_of(&steps(&app, "periodicals-registration").await, Status::UnderReview);
    assert_eq!(review, (Limit::WorkingDays(7), Limit::WorkingDays(7)));
    let path = "/services/periodicals-registration/steps/under_review";
    let eight = json!({"unit": "working_days", "amount": 8});
    let refused = app.call(Method::PUT, path, &citizen, Some(eight.clone())).await;
    assert_eq!(refused.status(), 403);
    let set = app.call(Method::PUT, path, &admin, Some(eight)).await;
    assert_eq!(set.status(), 200);
    let changed: Vec<StepLimit> = set.json().await.unwrap();
    assert_eq!(
        limit_of(&changed, Status::UnderReview),
        (Limit::WorkingDays(7), Limit::WorkingDays(8))
    );
    // 002's deadline follows its steps: one more working day of review, 10 December.
    let ministry = app.due("periodicals-registration", "portal", "2026-11-30T10:00:00+05:00").await;
    assert_eq!(ministry.deadline, "2026-12-10T18:30:00+05:00");
    let pool = sqlx::AnyPool::connect(&app.database_url).await.unwrap();
    let entries: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'step_limit.set'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(entries, 1);
    pool.close().await;
    // Out of range, a term 002 does not have, a step it does not have: refused on their fields.
    for (path, body, status, field) in [
        (path, json!({"unit": "working_minutes", "amount": 0}), 422, Some("amount")),
        (path, json!({"unit": "within_term"}), 422, Some("unit")),
        (path, json!({"unit": "fortnights", "amount": 1}), 422, Some("unit")),
        (
            "/services/periodicals-registration/steps/signed",
            json!({"unit": "working_days", "amount": 1}),
            404,
            None,
        ),
    ] {
        let response = app.call(Method::PUT, path, &admin, Some(body)).await;
        assert_eq!(response.status(), status, "{path}");
        let error: ApiError = response.json().await.unwrap();
        assert_eq!(error.field.as_deref(), field);
    }
    // Back to the regulation.
    let reset: Vec<StepLimit> =
        app.call(Method::DELETE, path, &admin, None).await.json().await.unwrap();
    assert_eq!(
        limit_of(&reset, Status::UnderReview),
        (Limit::WorkingDays(7), Limit::WorkingDays(7))
    );
    let ministry = app.due("periodicals-registration", "portal", "2026-11-30T10:00:00+05:00").await;
    assert_eq!(ministry.deadline, "2026-12-09T18:30:00+05:00");
}

crate::on_both_databases!(
    an_administrator_changes_a_step_limit_and_deadlines_follow,
    every_service_and_intake_counts_as_its_regulation_says,
    a_decree_entered_by_the_administrator_moves_the_answer,
    an_unknown_service_intake_or_time_is_refused_on_its_field,
);
