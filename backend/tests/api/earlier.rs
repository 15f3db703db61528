//! Before filing, the form learns what the person already has of the service and kind (issue 19,
//! item 5): their requests still in work, and certificates that still hold — never anyone else's.

use qyzmet_shared::ErrorCode;
use qyzmet_shared::calendar::Date;
use qyzmet_shared::request::{Earlier, StillValid};
use qyzmet_shared::result::Outcome;
use reqwest::Method;

use crate::app::{Db, TestApp};
use crate::office::{filed_and_taken, foreign_media, walk_to_issued};
use crate::requests::{CITIZEN, ok, refused, seeded, stranger};

async fn earlier(app: &TestApp, cookie: &str, service: &str, kind: &str) -> Earlier {
    let path = format!("/requests/earlier?service={service}&kind={kind}");
    let response = app.call(Method::GET, &path, cookie, None).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn the_form_learns_what_is_in_work_and_what_still_holds(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let other = stranger(&app).await;
    let media = |app, cookie| earlier(app, cookie, "foreign-media", "registration");
    assert_eq!(media(&app, &citizen).await, Earlier::default());
    // A draft repeats nothing yet.
    ok(app.call(Method::POST, "/requests", &citizen, Some(foreign_media())).await).await;
    assert_eq!(media(&app, &citizen).await, Earlier::default());

    let in_work = filed_and_taken(&app, foreign_media(), "earlier-key-01", &[]).await.number;
    let walk = walk_to_issued("foreign-media", Outcome::Certificate);
    let issued = filed_and_taken(&app, foreign_media(), "earlier-key-02", &walk).await.number;
    // A foreign-media certificate holds to 31 December of the year it was signed: this year.
    let this_year = Date::in_kazakhstan(app.now()).year();
    assert_eq!(
        media(&app, &citizen).await,
        Earlier {
            in_work: vec![in_work.clone()],
            still_valid: vec![StillValid {
                number: issued.clone(),
                valid_until: Date::new(this_year, 12, 31).unwrap()
            }],
        }
    );
    // Another service, or anyone else, hears nothing of them.
    assert_eq!(earlier(&app, &citizen, "archival-certificate", "salary").await, Earlier::default());
    assert_eq!(media(&app, &other).await, Earlier::default());
    // Signed last year, the certificate has lapsed: only the request in work is left.
    app.execute(&format!(
        "UPDATE requests SET result_signed_at = result_signed_at - 366 * 86400 WHERE number = '{issued}'"
    ))
    .await;
    assert_eq!(
        media(&app, &citizen).await,
        Earlier { in_work: vec![in_work], still_valid: Vec::new() }
    );
    let unknown_kind = "/requests/earlier?service=foreign-media&kind=nonsense";
    refused(app.call(Method::GET, unknown_kind, &citizen, None).await, 422, ErrorCode::BadRequest)
        .await;
    let anonymous = app.call(
        Method::GET,
        "/requests/earlier?service=foreign-media&kind=registration",
        "",
        None,
    );
    assert_eq!(anonymous.await.status(), 401);
}

crate::on_both_databases!(the_form_learns_what_is_in_work_and_what_still_holds);
