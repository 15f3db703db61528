//! The survey after the service, and the provider's dashboard that counts it with the requests'
//! statuses, the overdue ones and the time each step took.

use crate::helpers::plain;
use qyzmet_shared::ErrorCode;
use qyzmet_shared::calendar::{Date, DayKind, law};
use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::dashboard::Dashboard;
use qyzmet_shared::request::is_overdue;
use qyzmet_shared::result::Outcome;
use qyzmet_shared::survey::{Answer, SurveyAnswers, SurveyResults};
use qyzmet_shared::workflow::Action;
use qyzmet_shared::workflow::Status;
use reqwest::Method;
use serde_json::json;

use crate::app::{Db, TestApp};
use crate::office::{archival, filed_and_taken, walk_to_issued};
use crate::requests::{CHANCELLERY, CITIZEN, HEAD, ok, refused, seeded, step, stranger};

async fn survey(app: &TestApp, cookie: &str, number: &str) -> reqwest::Response {
    let answers = json!({"result": "satisfied", "information": "partly_satisfied"});
    app.call(Method::POST, &format!("/requests/{number}/survey"), cookie, Some(answers)).await
}

async fn dashboard(app: &TestApp, cookie: &str) -> reqwest::Response {
    app.call(Method::GET, "/office/dashboard", cookie, None).await
}

async fn the_survey_is_answered_once_after_the_result_and_counted_on_the_dashboard(db: Db) {
    let app = seeded(db).await;
    // The issued one waits at the head 3 h 10 min against a limit of one hour.
    let walk = walk_to_issued("archival-certificate", Outcome::Certificate);
    let (registered, onwards) = walk.split_at(1);
    let issued = filed_and_taken(&app, archival(), "dashboard-01", registered).await;
    app.execute(&format!(
        "UPDATE request_events SET step_deadline_at = at + 3600
         WHERE request_id = (SELECT id FROM requests WHERE number = '{}') AND to_status = 'at_head'",
        issued.number
    ))
    .await;
    app.store.clock().advance(3 * 3600 + 10 * 60);
    for (who, body) in onwards {
        ok(step(&app, &app.session(who).await, &issued.number, body.clone()).await).await;
    }
    let waiting = filed_and_taken(
        &app,
        archival(),
        "dashboard-02",
        &[(CHANCELLERY, plain(Action::Register))],
    )
    .await;
    // The head's step limit passed long ago.
    app.execute(&format!(
        "UPDATE requests SET step_deadline_at = 1 WHERE number = '{}'",
        waiting.number
    ))
    .await;

    let citizen = app.session(CITIZEN).await;
    refused(survey(&app, &citizen, &waiting.number).await, 409, ErrorCode::NotAllowedNow).await;
    let answered = ok(survey(&app, &citizen, &issued.number).await).await;
    let expected =
        SurveyAnswers { result: Answer::Satisfied, information: Answer::PartlySatisfied };
    assert_eq!(answered.survey, Some(expected));
    refused(survey(&app, &citizen, &issued.number).await, 409, ErrorCode::NotAllowedNow).await;
    let other = stranger(&app).await;
    refused(survey(&app, &other, &issued.number).await, 404, ErrorCode::NotFound).await;

    let response = dashboard(&app, &app.session(HEAD).await).await;
    assert_eq!(response.status(), 200);
    let board: Dashboard = response.json().await.unwrap();
    let count = |status| board.by_status.iter().find(|c| c.status == status).map_or(0, |c| c.count);
    assert_eq!(count(Status::Issued), 1);
    assert_eq!(count(Status::AtHead), 1);
    assert_eq!(board.overdue, 1);
    // Both were registered; only the issued one went on from the head.
    let step = |status| board.steps.iter().find(|s| s.status == status).cloned().unwrap();
    assert_eq!(step(Status::Submitted).done, 2);
    assert_eq!(step(Status::AtHead).done, 1);
    assert_eq!(step(Status::Submitted).late, 0);
    // 3 h 10 min at the head, past its hour: late, and 3 hours on average (rounded).
    assert_eq!((step(Status::AtHead).late, step(Status::AtHead).average_hours), (1, 3));
    assert_eq!(step(Status::Submitted).average_hours, 0);
    assert_eq!(
        board.survey,
        vec![SurveyResults {
            service: ServiceCode::ArchivalCertificate,
            result: [0, 0, 1],
            information: [0, 1, 0],
        }]
    );
    refused(dashboard(&app, &citizen).await, 403, ErrorCode::Forbidden).await;
}

/// The migration that tallied the past, before tallies were kept move by move, counts what they
/// count: run again on today's history, it gives the same dashboard.
async fn the_tallies_of_the_past_are_those_kept_move_by_move(db: Db) {
    let app = seeded(db).await;
    let walk = walk_to_issued("archival-certificate", Outcome::Certificate);
    let issued = filed_and_taken(&app, archival(), "tallies-01", &walk[..3]).await;
    // Seven hours with the specialist, against a limit of one.
    app.execute(&format!(
        "UPDATE request_events SET step_deadline_at = at + 3600
         WHERE request_id = (SELECT id FROM requests WHERE number = '{}') AND to_status = 'at_specialist'",
        issued.number
    ))
    .await;
    app.store.clock().advance(7 * 3600);
    for (who, body) in &walk[3..] {
        ok(step(&app, &app.session(who).await, &issued.number, body.clone()).await).await;
    }
    let registered = &[(CHANCELLERY, plain(Action::Register))];
    filed_and_taken(&app, archival(), "tallies-02", registered).await;
    ok(survey(&app, &app.session(CITIZEN).await, &issued.number).await).await;
    let head = app.session(HEAD).await;
    let kept: Dashboard = dashboard(&app, &head).await.json().await.unwrap();
    let at_specialist = kept.steps.iter().find(|step| step.status == Status::AtSpecialist);
    assert_eq!(at_specialist.map(|step| (step.late, step.average_hours)), Some((1, 7)));

    app.execute("DELETE FROM status_tallies").await;
    app.execute("DELETE FROM survey_tallies").await;
    // Both migrations folders hold the same SQL for it.
    app.execute(include_str!("../../migrations/sqlite/0031_dashboard_tallies_of_the_past.sql"))
        .await;
    let tallied: Dashboard = dashboard(&app, &head).await.json().await.unwrap();
    assert_eq!(tallied, kept);
}

/// The dashboard counts as overdue exactly the requests the shared rule marks so in every list,
/// over generated requests past and within both their deadlines.
async fn the_overdue_count_is_the_shared_rule(db: Db) {
    let app = seeded(db).await;
    app.store.generate(40_000).await.unwrap();
    let pool = sqlx::AnyPool::connect(&app.database_url).await.unwrap();
    let rows: Vec<(String, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT status, deadline_at, step_deadline_at FROM requests WHERE provider = 'astana'",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    pool.close().await;
    let now = app.now();
    let by_rule = rows
        .into_iter()
        .filter(|(status, deadline, step_deadline)| {
            let status: Status = serde_json::from_value(json!(status)).unwrap();
            is_overdue(status, *deadline, *step_deadline, now)
        })
        .count();
    let board: Dashboard = dashboard(&app, &app.session(HEAD).await).await.json().await.unwrap();
    assert!(by_rule > 10, "only {by_rule} overdue: the sample does not tell");
    assert_eq!(usize::try_from(board.overdue).unwrap(), by_rule);
    let active: i64 = board
        .by_status
        .iter()
        .filter(|count| count.status.is_with_provider())
        .map(|count| count.count)
        .sum();
    assert!(active > board.overdue, "some still within their deadlines");
}

/// Kurban ait follows the lunar calendar, so no rule gives it: until an administrator enters next
/// year's, the staff dashboard says so.
async fn the_dashboard_warns_while_next_years_kurban_ait_is_not_entered(db: Db) {
    let app = seeded(db).await;
    let admin = app.session("900606401572").await;
    let next_year = Date::in_kazakhstan(app.now()).year() + 1;
    // Whatever the seed holds for next year is taken away, then entered again.
    for day in app.store.calendar().year(next_year).await.unwrap() {
        if day.kind == DayKind::Holiday && law::day(day.date).is_none() {
            let path = format!("/calendar/days/{}", day.date);
            assert_eq!(app.call(Method::DELETE, &path, &admin, None).await.status(), 204);
        }
    }
    let head = app.session(HEAD).await;
    let board: Dashboard = dashboard(&app, &head).await.json().await.unwrap();
    assert_eq!(board.calendar_missing, Some(next_year));
    let kurban_ait = json!({"kind": "holiday", "note": {"kk": "Құрбан айт", "ru": "Курбан айт"}});
    let path = format!("/calendar/days/{next_year}-05-05");
    assert_eq!(app.call(Method::PUT, &path, &admin, Some(kurban_ait)).await.status(), 200);
    let board: Dashboard = dashboard(&app, &head).await.json().await.unwrap();
    assert_eq!(board.calendar_missing, None);
}

crate::on_both_databases!(
    the_survey_is_answered_once_after_the_result_and_counted_on_the_dashboard,
    the_tallies_of_the_past_are_those_kept_move_by_move,
    the_overdue_count_is_the_shared_rule,
    the_dashboard_warns_while_next_years_kurban_ait_is_not_entered,
);
