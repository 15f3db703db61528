//! Notifications: each step of a person's request reaches their cabinet and, when they gave an
//! address, their mailbox in the language they chose; nobody else's.

use crate::helpers::{plain, to_department};
use crate::powers::{AGENT, filed_by_representative};
use base64::Engine as _;
use qyzmet_shared::ErrorCode;
use qyzmet_shared::account::Me;
use qyzmet_shared::notification::Notifications;
use qyzmet_shared::workflow::Action;
use reqwest::Method;
use serde_json::json;

use std::sync::{Arc, Mutex};

use qyzmet_backend::mail::Postman;
use qyzmet_backend::store::MAX_ATTEMPTS;
use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _, BufReader};

use crate::app::{Db, TestApp};
use crate::requests::{
    CHANCELLERY, CITIZEN, HEAD, draft, ok, refused, seeded, step, stranger, submit,
};

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
    for address in ["aigul at mail", "a@b@c.kz", "aigul@example..kz"] {
        let wrong =
            app.call(Method::PUT, "/session/preferences", &citizen, preferences(address)).await;
        let error = refused(wrong, 422, ErrorCode::InvalidForm).await;
        assert_eq!(error.fields[0].field, "email", "{address}");
    }
    let saved = app
        .call(Method::PUT, "/session/preferences", &citizen, preferences("aigul@example.kz"))
        .await;
    assert_eq!(saved.status(), 200);
    let me: Me = saved.json().await.unwrap();
    assert_eq!(me.email.as_deref(), Some("aigul@example.kz"));

    let number = draft(&app, &citizen).await.number;
    ok(submit(&app, &citizen, &number, "notify-key-01").await).await;
    let registered =
        ok(step(&app, &app.session(CHANCELLERY).await, &number, plain(Action::Register)).await)
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

/// Issue 19, item 6: a request a representative filed under a power of attorney is heard of by
/// both of them, in their cabinets and by e-mail, each in their own language; once the principal
/// revokes the power, by the principal alone (who hears is who may read it).
async fn the_principal_and_the_representative_both_hear_each_in_their_language(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let agent = app.session(AGENT).await;
    for (cookie, lang, email) in
        [(&citizen, "ru", "aigul@example.kz"), (&agent, "kk", "agent@example.kz")]
    {
        let preferences = Some(json!({"lang": lang, "email": email}));
        let saved = app.call(Method::PUT, "/session/preferences", cookie, preferences).await;
        assert_eq!(saved.status(), 200);
    }
    let (power, number) = filed_by_representative(&app, &citizen).await;
    let chancellery = app.session(CHANCELLERY).await;
    ok(step(&app, &chancellery, &number, plain(Action::Register)).await).await;
    for cookie in [&citizen, &agent] {
        let listed = notifications(&app, cookie).await;
        assert_eq!(listed.items.len(), 2, "filed and registered");
        assert!(listed.items.iter().all(|n| n.request == number));
    }
    let mails: Vec<(String, String)> = app.outbox(4).await.iter().map(|m| read(m)).collect();
    let to = |address: &str| {
        let to = format!("To: {address}");
        mails.iter().filter(|(headers, _)| headers.contains(&to)).map(|m| &m.1).collect::<Vec<_>>()
    };
    let (to_principal, to_representative) = (to("aigul@example.kz"), to("agent@example.kz"));
    assert_eq!((to_principal.len(), to_representative.len()), (2, 2), "one each per step");
    assert!(to_principal.iter().all(|body| body.contains("Ход и результат заявки")));
    assert!(to_representative.iter().all(|body| body.contains("Өтініштің барысын")));

    let revoke = format!("/powers/{}", power.id);
    assert_eq!(app.call(Method::DELETE, &revoke, &citizen, None).await.status(), 204);
    ok(step(&app, &app.session(HEAD).await, &number, to_department("archives")).await).await;
    assert_eq!(notifications(&app, &citizen).await.items.len(), 3);
    assert!(notifications(&app, &agent).await.items.is_empty(), "no longer theirs to hear of");
    let mails: Vec<String> = app.outbox(5).await;
    let to_agent = mails.iter().filter(|m| read(m).0.contains("To: agent@example.kz")).count();
    assert_eq!(to_agent, 2, "the representative was not written to after the revocation");
}

/// Puts e-mails for a request of the citizen's into the outbox, as steps do (an address written
/// before the rule that refuses it included).
async fn outbox_with(app: &TestApp, addresses: &[&str]) {
    let citizen = app.session(CITIZEN).await;
    let number = draft(app, &citizen).await.number;
    for to in addresses {
        app.execute(&format!(
            "INSERT INTO mail_outbox (request_id, to_address, subject, body, created_at)
             SELECT id, '{to}', 'Өтініш / Заявка', 'Мәтін', {} FROM requests WHERE number = '{number}'",
            app.now()
        ))
        .await;
    }
}

/// What the outbox row of `to` says: attempts, next attempt, given up, sent.
async fn row(app: &TestApp, to: &str) -> (i64, i64, Option<i64>, Option<i64>) {
    let pool = sqlx::AnyPool::connect(&app.database_url).await.unwrap();
    let row = sqlx::query_as(
        "SELECT attempts, next_attempt_at, failed_at, sent_at FROM mail_outbox WHERE to_address = $1",
    )
    .bind(to)
    .fetch_one(&pool)
    .await
    .unwrap();
    pool.close().await;
    row
}

fn postman(folder: &tempfile::TempDir) -> Postman {
    Postman::folder(folder.path().to_owned(), "Qyzmet <noreply@qyzmet.kz>").unwrap()
}

fn written(folder: &tempfile::TempDir) -> usize {
    std::fs::read_dir(folder.path()).unwrap().count()
}

/// An e-mail no server takes is tried again later and later, never before the others, and given
/// up after the last try with its state kept; the others go out.
async fn an_undeliverable_mail_neither_blocks_the_rest_nor_is_tried_for_ever(db: Db) {
    let app = seeded(db).await;
    let bad = "a@b@c.kz";
    outbox_with(&app, &[bad, "one@example.kz", "two@example.kz"]).await;
    let folder = tempfile::tempdir().unwrap();
    let postman = postman(&folder);
    assert_eq!(postman.deliver(&app.store).await.unwrap(), 2);
    assert_eq!(written(&folder), 2);
    let (attempts, next, failed, sent) = row(&app, bad).await;
    assert_eq!((attempts, failed, sent), (1, None, None));
    assert!(next > app.now(), "tried again later");
    assert_eq!(postman.deliver(&app.store).await.unwrap(), 0, "not due yet");
    assert_eq!(row(&app, bad).await.0, 1);
    for _ in 1..MAX_ATTEMPTS {
        app.execute("UPDATE mail_outbox SET next_attempt_at = 0 WHERE failed_at IS NULL").await;
        postman.deliver(&app.store).await.unwrap();
    }
    let (attempts, _, failed, sent) = row(&app, bad).await;
    assert_eq!((attempts, sent), (MAX_ATTEMPTS, None));
    assert!(failed.is_some(), "given up, and marked so");
    app.execute("UPDATE mail_outbox SET next_attempt_at = 0").await;
    postman.deliver(&app.store).await.unwrap();
    assert_eq!(row(&app, bad).await.0, MAX_ATTEMPTS, "not tried after giving up");
    assert!(row(&app, "one@example.kz").await.3.is_some());
}

/// A sender that took e-mails and died before sending them loses none: its claim runs out and
/// the next sender delivers them.
async fn a_sender_that_dies_mid_batch_loses_nothing(db: Db) {
    let app = seeded(db).await;
    let addresses = ["one@example.kz", "two@example.kz", "three@example.kz"];
    outbox_with(&app, &addresses).await;
    let died = app.store.notifications().claim_mail(2).await.unwrap();
    assert_eq!(died.len(), 2, "a sender took two and died");
    let folder = tempfile::tempdir().unwrap();
    let postman = postman(&folder);
    assert_eq!(postman.deliver(&app.store).await.unwrap(), 1, "its two are still claimed");
    // Five minutes on, the claim has run out.
    app.execute(&format!(
        "UPDATE mail_outbox SET claimed_until = {} WHERE claimed_until IS NOT NULL",
        app.now() - 1
    ))
    .await;
    assert_eq!(postman.deliver(&app.store).await.unwrap(), 2);
    assert_eq!(written(&folder), 3);
    for to in addresses {
        assert!(row(&app, to).await.3.is_some(), "{to} sent");
    }
}

/// A mail server as small as the SMTP dialogue allows (RFC 5321, no extensions): it greets,
/// takes every sender, refuses the recipient `refused` with 550 and takes the others, and keeps
/// each message's data as received. Its `smtp://` URL, and the messages.
async fn smtp_server(refused: &'static str) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("smtp://{}", listener.local_addr().unwrap());
    let received: Arc<Mutex<Vec<String>>> = Arc::default();
    let kept = received.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let kept = kept.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 test ESMTP\r\n").await.unwrap();
                while let Ok(Some(line)) = lines.next_line().await {
                    let verb = line.split_whitespace().next().unwrap_or("").to_uppercase();
                    let answer = match verb.as_str() {
                        "EHLO" | "HELO" => "250 test",
                        "RCPT" if line.contains(refused) => "550 no such mailbox",
                        "MAIL" | "RCPT" | "RSET" | "NOOP" => "250 OK",
                        "DATA" => {
                            write.write_all(b"354 go on\r\n").await.unwrap();
                            let mut data = String::new();
                            while let Ok(Some(line)) = lines.next_line().await {
                                if line == "." {
                                    break;
                                }
                                data.push_str(&line);
                                data.push('\n');
                            }
                            kept.lock().unwrap().push(data);
                            "250 OK"
                        }
                        "QUIT" => {
                            write.write_all(b"221 bye\r\n").await.unwrap();
                            break;
                        }
                        _ => "502 not implemented",
                    };
                    write.write_all(format!("{answer}\r\n").as_bytes()).await.unwrap();
                }
            });
        }
    });
    (url, received)
}

/// With `QYZMET_SMTP_URL` the outbox goes to the mail server: what it takes is marked sent, what
/// it refuses waits for a later try.
async fn mail_goes_out_over_smtp(db: Db) {
    let app = seeded(db).await;
    outbox_with(&app, &["one@example.kz", "nobody@example.kz"]).await;
    let (url, received) = smtp_server("nobody@example.kz").await;
    let postman = Postman::smtp(&url, "Qyzmet <noreply@qyzmet.kz>").unwrap();
    assert_eq!(postman.deliver(&app.store).await.unwrap(), 1);
    let received = received.lock().unwrap().clone();
    assert_eq!(received.len(), 1, "{received:?}");
    let message = &received[0];
    assert!(message.contains("To: one@example.kz"), "{message}");
    assert!(message.contains("From: Qyzmet <noreply@qyzmet.kz>"), "{message}");
    assert!(row(&app, "one@example.kz").await.3.is_some(), "marked sent");
    let (attempts, next, failed, sent) = row(&app, "nobody@example.kz").await;
    assert_eq!((attempts, failed, sent), (1, None, None));
    assert!(next > app.now(), "tried again later");
}

/// A step's e-mail is written in the step's own transaction: when the outbox cannot take it (the
/// table is away), the step does not happen either — no new status, no history, no audit entry —
/// and once it can, the same action goes through with its mail.
async fn a_step_whose_mail_cannot_be_written_does_not_happen(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let preferences = Some(json!({"lang": "kk", "email": "aigul@example.kz"}));
    let saved = app.call(Method::PUT, "/session/preferences", &citizen, preferences).await;
    assert_eq!(saved.status(), 200);
    let number = draft(&app, &citizen).await.number;
    let filed = ok(submit(&app, &citizen, &number, "whole-step-1").await).await;
    let chancellery = app.session(CHANCELLERY).await;
    let counts = [
        format!(
            "SELECT COUNT(*) FROM request_events e JOIN requests r ON r.id = e.request_id \
             WHERE r.number = '{number}'"
        ),
        format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'request.transition' \
             AND subject = '{number}'"
        ),
        "SELECT COUNT(*) FROM mail_outbox".to_owned(),
    ];
    let mut before = Vec::new();
    for count in &counts {
        before.push(app.count(count).await);
    }
    app.execute("ALTER TABLE mail_outbox RENAME TO mail_outbox_away").await;
    let broken = step(&app, &chancellery, &number, plain(Action::Register)).await;
    app.execute("ALTER TABLE mail_outbox_away RENAME TO mail_outbox").await;
    refused(broken, 500, ErrorCode::Internal).await;
    let path = format!("/requests/{number}");
    let unmoved = ok(app.call(Method::GET, &path, &chancellery, None).await).await;
    assert_eq!(unmoved.status, filed.status, "not registered");
    for (count, before) in counts.iter().zip(&before) {
        assert_eq!(app.count(count).await, *before, "{count}");
    }
    let registered = ok(step(&app, &chancellery, &number, plain(Action::Register)).await).await;
    assert_ne!(registered.status, filed.status);
    for (count, before) in counts.iter().zip(&before) {
        assert_eq!(app.count(count).await, before + 1, "{count}");
    }
}

crate::on_both_databases!(
    a_step_whose_mail_cannot_be_written_does_not_happen,
    mail_goes_out_over_smtp,
    every_step_reaches_the_cabinet_and_the_mailbox_in_the_chosen_language,
    the_principal_and_the_representative_both_hear_each_in_their_language,
    an_undeliverable_mail_neither_blocks_the_rest_nor_is_tried_for_ever,
    a_sender_that_dies_mid_batch_loses_nothing,
);
