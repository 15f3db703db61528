//! Two portals on one database, as two instances behind a load balancer (issue 16, item 6): what
//! one knows the other knows, since sessions, rate limits, numbering and the audit chain all live
//! in the database.

use qyzmet_backend::demo::DEMO_PASSWORD;
use qyzmet_backend::store::{AuditCheck, WRITE_EVERY};
use qyzmet_shared::request::RequestView;
use serde_json::json;

use crate::app::{Db, TestApp, session_cookie};

const CITIZEN: &str = "850315400124";

async fn a_session_opened_on_one_instance_is_honoured_and_ended_on_the_other(db: Db) {
    let first = TestApp::spawn_demo(db).await;
    let second = first.another_instance().await;
    let cookie = session_cookie(&first.sign_in(CITIZEN, DEMO_PASSWORD).await);
    assert_eq!(second.me(Some(&cookie)).await.status(), 200);
    assert_eq!(second.sign_out(&cookie).await.status(), 204);
    assert_eq!(first.me(Some(&cookie)).await.status(), 401, "signed out everywhere");
}

/// A guesser whose calls the balancer spreads over both instances meets one count.
async fn failed_sign_ins_count_across_instances(db: Db) {
    let first = TestApp::spawn_demo(db).await;
    let second = first.another_instance().await;
    for app in [&first, &second, &first, &second, &first] {
        assert_eq!(app.sign_in(CITIZEN, "a guess").await.status(), 401);
    }
    assert_eq!(second.sign_in(CITIZEN, DEMO_PASSWORD).await.status(), 429);
    assert_eq!(first.sign_in(CITIZEN, DEMO_PASSWORD).await.status(), 429);
}

/// A guesser who spreads status checks over both instances meets one count once each instance
/// has written what it counted (every `WRITE_EVERY`), and the count outlives the instance that
/// counted it.
async fn status_checks_count_across_instances(db: Db) {
    let first = TestApp::spawn_demo(db).await;
    let second = first.another_instance().await;
    for _ in 0..20 {
        assert_eq!(status_check(&first).await, 404);
    }
    written_everywhere(&[&first, &second], 20).await;
    for _ in 0..10 {
        assert_eq!(status_check(&second).await, 404);
    }
    written_everywhere(&[&first, &second], 30).await;
    assert_eq!(status_check(&first).await, 429);
    assert_eq!(status_check(&second).await, 429);
    second.store.close().await;
    let third = first.another_instance().await;
    assert_eq!(status_check(&third).await, 429, "counted by an instance that stopped");
}

/// A status check of a number that does not exist, from the test's own address.
async fn status_check(app: &TestApp) -> u16 {
    let url = format!("{}/api/v1/status?number=KZ-0000-000000&iin={CITIZEN}", app.base);
    app.client.get(url).send().await.unwrap().status().as_u16()
}

/// Waits until each of `apps` counts `checks` status checks from the test's address.
async fn written_everywhere(apps: &[&TestApp], checks: i64) {
    for app in apps {
        let limits = app.store.rate_limits();
        let mut counted = 0;
        for _ in 0..100 {
            counted = limits.count_since("status:127.0.0.1", 0).await.unwrap();
            if counted >= checks {
                break;
            }
            tokio::time::sleep(WRITE_EVERY / 4).await;
        }
        assert_eq!(counted, checks);
    }
}

/// Drafts opened at once on both instances get numbers of their own, and every change lands
/// in one unbroken audit chain.
async fn drafts_opened_at_once_on_both_instances_are_numbered_apart(db: Db) {
    let first = TestApp::spawn_demo(db).await;
    let second = first.another_instance().await;
    let cookie = first.session(CITIZEN).await;
    let body = json!({"service": "archival-certificate", "kind": "salary", "provider": "astana",
        "form": {"organisation": "«Қазақтелеком» АҚ"}});
    let mut drafts = tokio::task::JoinSet::new();
    for n in 0..20 {
        let app = if n % 2 == 0 { &first } else { &second };
        let opened = app
            .client
            .post(format!("{}/api/v1/requests", app.base))
            .header(reqwest::header::COOKIE, &cookie)
            .json(&body)
            .send();
        drafts.spawn(async move {
            let opened = opened.await.unwrap();
            assert_eq!(opened.status(), 201);
            opened.json::<RequestView>().await.unwrap().number
        });
    }
    let mut numbers = drafts.join_all().await;
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 20, "{numbers:?}");
    let check = first.store.audit().verify().await.unwrap();
    assert!(matches!(check, AuditCheck::Intact { .. }), "{check:?}");
}

crate::on_both_databases!(
    a_session_opened_on_one_instance_is_honoured_and_ended_on_the_other,
    failed_sign_ins_count_across_instances,
    status_checks_count_across_instances,
    drafts_opened_at_once_on_both_instances_are_numbered_apart,
);
