//! The applicant's history, the staff queues and the public status check.

use qyzmet_shared::request::{Page, PublicStatus, RequestSummary};
use qyzmet_shared::workflow::Status;
use qyzmet_shared::{ApiError, ErrorCode};
use reqwest::Method;
use serde_json::json;
use sqlx::Executor;

use crate::app::{Db, TestApp};
use crate::requests::{seeded, submit};

const CITIZEN: &str = "850315400124";
const OTHER_CITIZEN: &str = "920711300344";
const CHANCELLERY: &str = "810505300788";
const HEAD: &str = "750909400915";
const MINISTRY_CHANCELLERY: &str = "790414300211";

async fn page(app: &TestApp, path: &str, cookie: &str) -> Page<RequestSummary> {
    let response = app.call(Method::GET, path, cookie, None).await;
    assert_eq!(response.status(), 200, "{path}");
    response.json().await.unwrap()
}

/// `count` drafts of an archival certificate at Astana; the first `submitted` are filed.
async fn file(app: &TestApp, cookie: &str, count: usize, submitted: usize) -> Vec<String> {
    let form = json!({
        "surname": "Нұрланова", "given_name": "Айгүл", "birth_date": "1985-03-15",
        "organisation": "«Қазақтелеком» АҚ", "period_from": "2005-01-01", "period_to": "2010-12-31",
        "phone": "+7 701 234 56 78",
    });
    let mut numbers = Vec::new();
    for i in 0..count {
        let body = json!({"service": "archival-certificate", "kind": "salary", "provider": "astana", "form": form});
        let created = app.call(Method::POST, "/requests", cookie, Some(body)).await;
        let number = created.json::<serde_json::Value>().await.unwrap()["number"]
            .as_str()
            .unwrap()
            .to_owned();
        if i < submitted {
            let response = submit(app, cookie, &number, &format!("key-{number}")).await;
            assert_eq!(response.status(), 200);
        }
        numbers.push(number);
    }
    numbers
}

async fn the_history_pages_filters_and_shows_only_ones_own(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let numbers = file(&app, &citizen, 23, 2).await;
    let first = page(&app, "/requests", &citizen).await;
    assert_eq!((first.total, first.items.len(), first.page, first.per_page), (23, 20, 1, 20));
    assert_eq!(first.items[0].number, numbers[22], "newest first");
    let second = page(&app, "/requests?page=2", &citizen).await;
    assert_eq!(second.items.len(), 3);
    let filed = page(&app, "/requests?status=submitted", &citizen).await;
    assert_eq!(filed.total, 2);
    assert!(filed.items.iter().all(|r| r.status == Status::Submitted && r.deadline.is_some()));
    let one = page(&app, &format!("/requests?number={}", numbers[5]), &citizen).await;
    assert_eq!(
        one.items.iter().map(|r| r.number.as_str()).collect::<Vec<_>>(),
        [numbers[5].as_str()]
    );
    // Someone else's history is their own, and empty.
    let other = page(&app, "/requests", &app.session(OTHER_CITIZEN).await).await;
    assert_eq!(other.total, 0);
    let bad = app.call(Method::GET, "/requests?status=lost", &citizen, None).await;
    assert_eq!(bad.status(), 422);
    // Pages are counted from 1 and end somewhere: a wild number is a mistake, never a crash.
    for wrong in ["0", "-3", "10001", "9223372036854775807"] {
        let path = format!("/requests?page={wrong}");
        let response = app.call(Method::GET, &path, &citizen, None).await;
        assert_eq!(response.status(), 422, "{path}");
        assert_eq!(response.json::<ApiError>().await.unwrap().field.as_deref(), Some("page"));
    }
    assert_eq!(page(&app, "/requests?page=10000", &citizen).await.items.len(), 0);
}

/// One person cannot fill the database with drafts: 50 unfiled at most, and deleting one frees a
/// place; filed requests do not count.
async fn drafts_are_capped_per_person(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let numbers = file(&app, &citizen, 51, 1).await;
    assert_eq!(numbers.len(), 51, "one filed and fifty drafts");
    let body = json!({"service": "archival-certificate", "kind": "salary", "provider": "astana", "form": {}});
    let refused = app.call(Method::POST, "/requests", &citizen, Some(body.clone())).await;
    assert_eq!(refused.status(), 409);
    let error: ApiError = refused.json().await.unwrap();
    assert_eq!(error.code, ErrorCode::TooManyDrafts);
    assert!(error.message.ru.contains("Удалите"), "{error:?}");
    let path = format!("/requests/{}", numbers[50]);
    assert_eq!(app.call(Method::DELETE, &path, &citizen, None).await.status(), 204);
    let again = app.call(Method::POST, "/requests", &citizen, Some(body)).await;
    assert_eq!(again.status(), 201);
}

async fn each_role_sees_its_queue_most_urgent_first_with_overdue_marked(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let numbers = file(&app, &citizen, 3, 3).await;
    // The second request's registration deadline has passed (set in the database, as time would).
    let pool = sqlx::AnyPool::connect(&app.database_url).await.unwrap();
    pool.execute(
        format!("UPDATE requests SET step_deadline_at = 1 WHERE number = '{}'", numbers[1])
            .as_str(),
    )
    .await
    .unwrap();
    pool.close().await;
    let chancellery = app.session(CHANCELLERY).await;
    let queue = page(&app, "/queue", &chancellery).await;
    let order: Vec<_> = queue.items.iter().map(|r| r.number.as_str()).collect();
    assert_eq!(order, [numbers[1].as_str(), numbers[0].as_str(), numbers[2].as_str()]);
    assert_eq!(queue.items.iter().map(|r| r.overdue).collect::<Vec<_>>(), [true, false, false]);
    // Filtered by service and by status: these are all archival, all just filed.
    let filtered = |query: &'static str| page(&app, query, &chancellery);
    assert_eq!(filtered("/queue?service=archival-certificate&status=submitted").await.total, 3);
    assert_eq!(filtered("/queue?service=foreign-media").await.total, 0);
    assert_eq!(filtered("/queue?status=at_head").await.total, 0);
    // Nothing waits for the head yet; another provider's staff see none of it.
    assert_eq!(page(&app, "/queue", &app.session(HEAD).await).await.total, 0);
    assert_eq!(page(&app, "/queue", &app.session(MINISTRY_CHANCELLERY).await).await.total, 0);
    // Once registered, it moves to the head's queue.
    let body = json!({"action": "register", "resolution": ""});
    app.call(Method::POST, &format!("/requests/{}/actions", numbers[0]), &chancellery, Some(body))
        .await;
    assert_eq!(page(&app, "/queue", &app.session(HEAD).await).await.items[0].number, numbers[0]);
    // Applicants have no queue.
    let refused = app.call(Method::GET, "/queue", &citizen, None).await;
    assert_eq!(refused.status(), 403);
}

async fn the_public_status_check_needs_the_number_and_the_iin(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let numbers = file(&app, &citizen, 2, 1).await;
    let check = |number: &str, iin: &str| {
        app.client.get(format!("{}/api/v1/status?number={number}&iin={iin}", app.base)).send()
    };
    let found: PublicStatus = check(&numbers[0], CITIZEN).await.unwrap().json().await.unwrap();
    assert_eq!(found.status, Status::Submitted);
    assert!(found.deadline.is_some());
    // The body carries nothing else: no name, no form.
    let raw: serde_json::Value = check(&numbers[0], CITIZEN).await.unwrap().json().await.unwrap();
    assert_eq!(raw.as_object().unwrap().len(), 4);
    // Another IIN, a draft, a malformed IIN.
    assert_eq!(check(&numbers[0], OTHER_CITIZEN).await.unwrap().status(), 404);
    assert_eq!(check(&numbers[1], CITIZEN).await.unwrap().status(), 404);
    let malformed: ApiError = check(&numbers[0], "123").await.unwrap().json().await.unwrap();
    assert_eq!((malformed.code, malformed.field.as_deref()), (ErrorCode::InvalidIin, Some("iin")));
    // Trawling is cut off.
    let mut last = 200;
    for _ in 0..30 {
        last = check(&numbers[0], CITIZEN).await.unwrap().status().as_u16();
    }
    assert_eq!(last, 429);
}

/// Checks sent at once are counted one by one: no more pass than the limit allows.
async fn status_checks_at_once_pass_no_more_than_the_limit(db: Db) {
    let app = seeded(db).await;
    let url = format!("{}/api/v1/status?number=KZ-0000-000000&iin={CITIZEN}", app.base);
    let mut checks = tokio::task::JoinSet::new();
    for _ in 0..45 {
        let check = app.client.get(&url).send();
        checks.spawn(async move { check.await.unwrap().status().as_u16() });
    }
    let mut answers = checks.join_all().await;
    answers.sort_unstable();
    assert_eq!(answers, [[404; 30].as_slice(), &[429; 15]].concat());
}

/// Status checks of `client` (an `X-Forwarded-For` address) until the limit answers; how many
/// passed.
async fn checks_until_limited(app: &TestApp, client: &str) -> usize {
    let url = format!("{}/api/v1/status?number=KZ-0000-000000&iin={CITIZEN}", app.base);
    for passed in 0..40 {
        let response = app.client.get(&url).header("x-forwarded-for", client).send().await.unwrap();
        if response.status() == 429 {
            return passed;
        }
        assert_eq!(response.status(), 404);
    }
    panic!("never limited");
}

/// Behind a reverse proxy the portal trusts, each client is counted on its own (a centre's
/// neighbours are not locked out together); from anyone else the header is ignored, so a client
/// cannot pick a fresh address for each try.
async fn behind_a_trusted_proxy_each_client_is_counted_on_its_own(db: Db) {
    let proxy = "127.0.0.1".parse().unwrap();
    let app =
        TestApp::spawn_demo_with(db, move |state, _| state.with_trusted_proxies(&[proxy])).await;
    assert_eq!(checks_until_limited(&app, "203.0.113.7").await, 30);
    assert_eq!(checks_until_limited(&app, "203.0.113.8").await, 30, "another client");
    let direct = seeded(db).await;
    assert_eq!(checks_until_limited(&direct, "203.0.113.7").await, 30);
    assert_eq!(checks_until_limited(&direct, "203.0.113.8").await, 0, "the same peer");
}

/// A queue of several (service, status) pairs is paged as one list, most urgent first: its pages
/// together are the whole queue in order, each request once, whatever page a request falls on.
async fn a_long_queue_pages_through_every_request_in_order(db: Db) {
    let app = seeded(db).await;
    app.store.generate(40_000).await.unwrap();
    let chancellery = app.session(CHANCELLERY).await;
    let first = page(&app, "/queue", &chancellery).await;
    let last_page = (first.total + first.per_page - 1) / first.per_page;
    assert!(last_page >= 3, "{} in the queue: too few to page", first.total);
    let mut paged = Vec::new();
    for n in 1..=last_page {
        let shown = page(&app, &format!("/queue?page={n}"), &chancellery).await;
        assert_eq!(shown.total, first.total);
        paged.extend(shown.items.into_iter().map(|item| item.number));
    }
    let pool = sqlx::AnyPool::connect(&app.database_url).await.unwrap();
    let expected: Vec<String> = sqlx::query_scalar(
        "SELECT number FROM requests WHERE provider = 'astana' AND status IN ('submitted', 'signed')
         ORDER BY step_deadline_at, id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    pool.close().await;
    assert_eq!(paged, expected);
}

crate::on_both_databases!(
    behind_a_trusted_proxy_each_client_is_counted_on_its_own,
    the_history_pages_filters_and_shows_only_ones_own,
    each_role_sees_its_queue_most_urgent_first_with_overdue_marked,
    the_public_status_check_needs_the_number_and_the_iin,
    status_checks_at_once_pass_no_more_than_the_limit,
    drafts_are_capped_per_person,
    a_long_queue_pages_through_every_request_in_order,
);
