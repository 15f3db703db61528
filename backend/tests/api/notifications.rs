//! Notifications: each step of a person's request reaches their cabinet and, when they gave an
//! address, their mailbox in the language they chose; nobody else's.

use base64::Engine as _;
use qyzmet_shared::ErrorCode;
use qyzmet_shared::account::Me;
use qyzmet_shared::notification::Notifications;
use reqwest::Method;
use serde_json::json;

use crate::app::{Db, TestApp};
use crate::requests::{CHANCELLERY, CITIZEN, draft, ok, refused, seeded, step, stranger, submit};

async fn notifications(app: &TestApp, cookie: &str) -> Notifications {
    let response = app.call(Method::GET, "/notifications", cookie, None).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// The text of an e-mail as written (`.eml`): its headers, and its body decoded.
fn read(mail: &str) -> (String, String) {
    let (headers, body) = mail.split_once("\r\n\r\n").unwrap();
    let body = if headers.contains("Content-Transfer-Encoding: base64") {
        let joined: String = body.split_whitespace().collect();
        String::from_utf8(base64::engine::general_purpose::STANDARD.decode(joined).unwrap())
            .unwrap()
    } else {
        body.to_owned()
    };
    (headers.to_owned(), body)
}

async fn every_step_reaches_the_cabinet_and_the_mailbox_in_the_chosen_language(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let preferences = |email: &str| Some(json!({"lang": "ru", "email": email}));
    let wrong =
        app.call(Method::PUT, "/session/preferences", &citizen, preferences("aigul at mail")).await;
    let error = refused(wrong, 422, ErrorCode::InvalidForm).await;
    assert_eq!(error.fields[0].field, "email");
    let saved = app
        .call(Method::PUT, "/session/preferences", &citizen, preferences("aigul@example.kz"))
        .await;
    assert_eq!(saved.status(), 200);
    let me: Me = saved.json().await.unwrap();
    assert_eq!(me.email.as_deref(), Some("aigul@example.kz"));

    let number = draft(&app, &citizen).await.number;
    ok(submit(&app, &citizen, &number, "notify-key-01").await).await;
    let registered =
        ok(step(&app, &app.session(CHANCELLERY).await, &number, json!({"action": "register"}))
            .await)
        .await;

    let listed = notifications(&app, &citizen).await;
    assert_eq!(listed.unread, 2);
    assert_eq!(listed.items.len(), 2);
    assert_eq!(listed.items[0].request, number);
    assert_eq!(listed.items[0].status, registered.status);
    assert!(listed.items.iter().all(|n| n.unread));

    let mails = app.outbox(2).await;
    assert_eq!(mails.len(), 2, "one e-mail per step");
    for mail in &mails {
        let (headers, body) = read(mail);
        assert!(headers.contains("To: aigul@example.kz"), "{headers}");
        assert!(body.contains(&format!("Заявка № {number}")), "{body}");
        assert!(body.contains("личном кабинете"), "{body}");
    }

    // Seen in the cabinet: nothing unread; the next step is.
    let seen = app.call(Method::POST, "/notifications/seen", &citizen, None).await;
    assert_eq!(seen.status(), 204);
    assert_eq!(notifications(&app, &citizen).await.unread, 0);

    // Nobody else hears of it.
    let other = stranger(&app).await;
    assert!(notifications(&app, &other).await.items.is_empty());
    assert_eq!(app.call(Method::GET, "/notifications", "", None).await.status(), 401);
}

crate::on_both_databases!(every_step_reaches_the_cabinet_and_the_mailbox_in_the_chosen_language);
