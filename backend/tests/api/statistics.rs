//! The open figures: for each service at each provider, what was filed and finished in the last
//! 30 and 365 days, how much of it in term, how long it took and how applicants rated it, for
//! anyone to read and with no person in it.

use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::result::Outcome;
use qyzmet_shared::statistics::{PeriodFigures, Statistics};
use qyzmet_shared::survey::SurveyResults;
use qyzmet_shared::workflow::Action;
use reqwest::Method;
use serde_json::json;

use crate::app::{Db, TestApp};
use crate::helpers::plain;
use crate::office::{archival, filed_and_taken, foreign_media, walk_to_issued};
use crate::requests::{CHANCELLERY, CITIZEN, seeded};

const DAY: i64 = 86_400;

/// Moves a request's filing, term and result to so many days before now.
async fn dated(app: &TestApp, number: &str, filed: i64, deadline: i64, signed: Option<i64>) {
    let now = app.now();
    let signed = signed.map_or("NULL".to_owned(), |days| (now - days * DAY).to_string());
    app.execute(&format!(
        "UPDATE requests SET submitted_at = {}, deadline_at = {}, result_signed_at = {signed}
         WHERE number = '{number}'",
        now - filed * DAY,
        now - deadline * DAY,
    ))
    .await;
}

async fn the_figures_count_each_providers_requests_and_survey_with_no_person_in_them(db: Db) {
    let app = seeded(db).await;
    let walk = |outcome| walk_to_issued("archival-certificate", outcome);
    let in_term = filed_and_taken(&app, archival(), "figures-1", &walk(Outcome::Certificate)).await;
    let late = filed_and_taken(&app, archival(), "figures-2", &walk(Outcome::Refusal)).await;
    let long_ago =
        filed_and_taken(&app, archival(), "figures-3", &walk(Outcome::Certificate)).await;
    let registered = [(CHANCELLERY, plain(Action::Register))];
    let in_work = filed_and_taken(&app, archival(), "figures-4", &registered).await;
    filed_and_taken(&app, foreign_media(), "figures-5", &registered).await;
    // Filed 10 days ago, its certificate signed 5 days later, a day before its term: 120 hours.
    dated(&app, &in_term.number, 10, 4, Some(5)).await;
    // Filed 40 days ago, refused 2 days ago, 6 days after its term: 912 hours.
    dated(&app, &late.number, 40, 8, Some(2)).await;
    // Filed and finished more than a year ago: in no period.
    dated(&app, &long_ago.number, 400, 385, Some(390)).await;
    dated(&app, &in_work.number, 3, -12, None).await;
    let citizen = app.session(CITIZEN).await;
    let answers = json!({"result": "satisfied", "information": "partly_satisfied"});
    let path = format!("/requests/{}/survey", in_term.number);
    assert_eq!(app.call(Method::POST, &path, &citizen, Some(answers)).await.status(), 200);

    // Anyone reads them, without signing in, and may keep them five minutes.
    let response = app.get("/api/v1/statistics").await;
    assert_eq!(response.status(), 200);
    let cache = response.headers().get("cache-control").unwrap().to_str().unwrap();
    assert_eq!(cache, "public, max-age=300");
    let body = response.text().await.unwrap();
    for personal in [CITIZEN, "Нұрланова", in_term.number.as_str(), "Медиа Групп"]
    {
        assert!(!body.contains(personal), "{personal} in the open figures");
    }
    let figures: Statistics = serde_json::from_str(&body).unwrap();
    assert!((figures.counted_at - app.now()).abs() < 60);
    let [media_figures, archives] = figures.providers.as_slice() else {
        panic!("two services at one provider, in the catalog's order: {:?}", figures.providers);
    };
    assert_eq!(
        (archives.service, archives.provider.as_str()),
        (ServiceCode::ArchivalCertificate, "astana")
    );
    let month = PeriodFigures {
        days: 30,
        filed: 2,
        finished: 2,
        finished_in_term: 1,
        refused: 1,
        // The mean of 120 and 912 hours.
        median_hours: Some(516),
    };
    let year = PeriodFigures { days: 365, filed: 3, ..month };
    assert_eq!(archives.periods, [month, year]);
    assert_eq!(month.in_term_percent(), Some(50));
    assert_eq!(
        archives.survey,
        SurveyResults {
            service: ServiceCode::ArchivalCertificate,
            result: [0, 0, 1],
            information: [0, 1, 0],
        }
    );
    assert_eq!(media_figures.service, ServiceCode::ForeignMedia);
    let filed_only = |days| PeriodFigures {
        days,
        filed: 1,
        finished: 0,
        finished_in_term: 0,
        refused: 0,
        median_hours: None,
    };
    assert_eq!(media_figures.periods, [filed_only(30), filed_only(365)]);
    assert_eq!(media_figures.survey.result, [0; 3]);
}

crate::on_both_databases!(
    the_figures_count_each_providers_requests_and_survey_with_no_person_in_them,
);
