//! The survey after the service, and the provider's dashboard that counts it with the requests'
//! statuses, the overdue ones and the time each step took.

use crate::helpers::plain;
use qyzmet_shared::ErrorCode;
use qyzmet_shared::calendar::{Date, DayKind, law};
use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::dashboard::Dashboard;
use qyzmet_shared::result::Outcome;
use qyzmet_shared::survey::{Answer, SurveyAnswers, SurveyResults};
use qyzmet_shared::workflow::Action;
use qyzmet_shared::workflow::Status;
use reqwest::Method;
use serde_json::json;

use crate::app::{Db, TestApp};
use crate::office::{archival, filed_and_taken, walk_to_issued};
use crate::requests::{CHANCELLERY, CITIZEN, HEAD, ok, refused, seeded, stranger};

async fn survey(app: &TestApp, cookie: &str, number: &str) -> reqwest::Response {
    let answers = json!({"result": "satisfied", "information": "partly_satisfied"});
    app.call(Method::POST, &format!("/requests/{number}/survey"), cookie, Some(answers)).await
}

async fn dashboard(app: &TestApp, cookie: &str) -> reqwest::Response {
    app.call(Method::GET, "/office/dashboard", cookie, None).await
}

async fn the_survey_is_answered_once_after_the_result_and_counted_on_the_dashboard(db: Db) {
    let app = seeded(db).await;
    let issued = filed_and_taken(
        &app,
        archival(),
        "dashboard-01",
        &walk_to_issued("archival-certificate", Outcome::Certificate),
    )
    .await;
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

    // The issued one waited at the head 3 h 10 min against a limit of one hour: every event
    // after its registration moves 11 400 s later, and the head's limit ends an hour after it.
    let issued_id = format!("(SELECT id FROM requests WHERE number = '{}')", issued.number);
    app.execute(&format!(
        "UPDATE request_events SET step_deadline_at = at + 3600
         WHERE request_id = {issued_id} AND to_status = 'at_head'"
    ))
    .await;
    app.execute(&format!(
        "UPDATE request_events SET at = at + 11400 WHERE request_id = {issued_id} AND id >
         (SELECT id FROM request_events WHERE request_id = {issued_id} AND to_status = 'at_head')"
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
    the_dashboard_warns_while_next_years_kurban_ait_is_not_entered,
);
