use qyzmet_shared::api::CalendarEntry;
use qyzmet_shared::calendar::{Date, DayKind, Intake};
use qyzmet_shared::catalog::Term;
use qyzmet_shared::{ApiError, ErrorCode};

use crate::app::{Db, TestApp};
use crate::requests::{CITIZEN, draft, ok, submit};

async fn the_calendar_is_seeded_and_served_by_year(db: Db) {
    let app = TestApp::spawn(db).await;
    let response = app.get("/api/v1/calendar/2026").await;
    assert_eq!(response.status(), 200);
    let days: Vec<CalendarEntry> = response.json().await.unwrap();
    assert!(days.iter().all(|d| d.date.year() == 2026));
    assert!(days.windows(2).all(|w| w[0].date < w[1].date), "in date order");
    let nauryz = days.iter().find(|d| d.date == Date::new(2026, 3, 22).unwrap()).unwrap();
    assert_eq!((nauryz.kind, nauryz.note.ru.as_ref()), (DayKind::Holiday, "Наурыз мейрамы"));
    let moved = days.iter().find(|d| d.date == Date::new(2026, 3, 24).unwrap()).unwrap();
    assert_eq!(moved.kind, DayKind::DayOff);
    let independence = days.iter().find(|d| d.date == Date::new(2026, 12, 16).unwrap()).unwrap();
    assert_eq!(independence.note.kk, "Тәуелсіздік күні");
}

async fn the_stored_calendar_counts_deadlines_like_the_seed(db: Db) {
    let app = TestApp::spawn(db).await;
    let calendar = app.store.calendar().calendar().await.unwrap();
    // Accepted at a CSC on Wednesday 29 April 2026 (noon in Astana): 30 April, then 1 May rests,
    // then Monday 4 May.
    let accepted = Date::new(2026, 4, 29).unwrap().days_since_epoch() * 86_400 + 7 * 3600;
    let deadline = calendar.deadline(accepted, Intake::Csc, Term::WorkingDays(2));
    assert_eq!(Date::in_kazakhstan(deadline), Date::new(2026, 5, 4).unwrap());
    // Seeding again (as every start does) adds nothing.
    app.store.calendar().seed_if_empty().await.unwrap();
    assert_eq!(app.store.calendar().calendar().await.unwrap(), calendar);
}

async fn a_bad_year_is_refused_with_its_field(db: Db) {
    let app = TestApp::spawn(db).await;
    for year in ["abc", "1900", "99999999999"] {
        let response = app.get(&format!("/api/v1/calendar/{year}")).await;
        assert_eq!(response.status(), 422, "{year}");
        let body: ApiError = response.json().await.unwrap();
        assert_eq!((body.code, body.field.as_deref()), (ErrorCode::BadRequest, Some("year")));
    }
}

async fn an_administrator_enters_a_decree_and_deadlines_follow(db: Db) {
    let app = TestApp::spawn_demo(db).await;
    let admin = app.session("900606401572").await;
    let citizen = app.session("850315400124").await;
    let day = serde_json::json!({"kind": "day_off", "note": {"kk": "Үкімет қаулысы", "ru": "Постановление Правительства"}});
    // Only an administrator may.
    let refused = app
        .call(reqwest::Method::PUT, "/calendar/days/2026-12-31", &citizen, Some(day.clone()))
        .await;
    assert_eq!(refused.status(), 403);
    let set = app
        .call(reqwest::Method::PUT, "/calendar/days/2026-12-31", &admin, Some(day.clone()))
        .await;
    assert_eq!(set.status(), 200);
    let days: Vec<CalendarEntry> = app.get("/api/v1/calendar/2026").await.json().await.unwrap();
    let decree = days.iter().find(|d| d.date == Date::new(2026, 12, 31).unwrap()).unwrap();
    assert_eq!(
        (decree.kind, decree.note.ru.as_ref()),
        (DayKind::DayOff, "Постановление Правительства")
    );
    // Accepted at a CSC on Wednesday 30 December 2026: 31 December now rests, so does 1–4 January
    // 2027 (holidays, a weekend, New Year's moved day), so the one working day is 5 January.
    let calendar = app.store.calendar().calendar().await.unwrap();
    let accepted = Date::new(2026, 12, 30).unwrap().start_in_kazakhstan() + 10 * 3600;
    let deadline = calendar.deadline(accepted, Intake::Csc, Term::WorkingDays(1));
    assert_eq!(Date::in_kazakhstan(deadline), Date::new(2027, 1, 5).unwrap());
    // Undone, the day works again; a bad date is refused on its field.
    let removed =
        app.call(reqwest::Method::DELETE, "/calendar/days/2026-12-31", &admin, None).await;
    assert_eq!(removed.status(), 204);
    assert!(
        app.store
            .calendar()
            .calendar()
            .await
            .unwrap()
            .is_working_day(Date::new(2026, 12, 31).unwrap())
    );
    let bad = app.call(reqwest::Method::PUT, "/calendar/days/2026-02-30", &admin, Some(day)).await;
    let error: ApiError = bad.json().await.unwrap();
    assert_eq!((error.code, error.field.as_deref()), (ErrorCode::BadRequest, Some("date")));
}

/// A decree entered by the administrator moves the deadline of a request filed after it.
async fn a_decreed_day_off_moves_the_deadline_of_a_request_filed_after_it(db: Db) {
    // Thursday 3 December 2026, within the working day: the archive's 15 working days are 3–4,
    // 7–11, 14–15, 17–18 (16 December rests) and 21–24 December.
    let app = TestApp::spawn_demo_at(db, "2026-12-03T10:00:00+05:00").await;
    let citizen = app.session(CITIZEN).await;
    let file = async |key: &str| {
        let number = draft(&app, &citizen).await.number;
        let filed = ok(submit(&app, &citizen, &number, key).await).await;
        Date::in_kazakhstan(filed.deadline.expect("a filed request has a deadline"))
    };
    assert_eq!(file("decree-before").await, Date::new(2026, 12, 24).unwrap());
    let admin = app.session("900606401572").await;
    let day = serde_json::json!({"kind": "day_off", "note": {"kk": "Үкімет қаулысы", "ru": "Постановление Правительства"}});
    let set = app.call(reqwest::Method::PUT, "/calendar/days/2026-12-24", &admin, Some(day)).await;
    assert_eq!(set.status(), 200);
    // 24 December rests now: the fifteenth working day is the 25th.
    assert_eq!(file("decree-after").await, Date::new(2026, 12, 25).unwrap());
}

crate::on_both_databases!(
    a_decreed_day_off_moves_the_deadline_of_a_request_filed_after_it,
    an_administrator_enters_a_decree_and_deadlines_follow,
    the_calendar_is_seeded_and_served_by_year,
    the_stored_calendar_counts_deadlines_like_the_seed,
    a_bad_year_is_refused_with_its_field,
);
