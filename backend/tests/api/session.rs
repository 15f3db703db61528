use qyzmet_backend::demo::{self, DEMO_PASSWORD};
use qyzmet_backend::signatures::test_ca::{Purpose, Standing};
use qyzmet_shared::account::Me;
use qyzmet_shared::{ApiError, ErrorCode, Role};

use reqwest::Method;
use serde_json::json;

use crate::app::{Db, TestApp, session_cookie};

const CITIZEN: &str = "850315400124";
const SPECIALIST: &str = "831212301353";

async fn seeded(db: Db) -> TestApp {
    let app = TestApp::spawn(db).await;
    demo::seed(&app.store).await.unwrap();
    app
}

async fn error_of(response: reqwest::Response) -> ApiError {
    response.json().await.unwrap()
}

async fn signing_in_opens_a_session_in_an_http_only_cookie(db: Db) {
    let app = seeded(db).await;
    let response = app.sign_in(CITIZEN, DEMO_PASSWORD).await;
    assert_eq!(response.status(), 200);
    let set_cookie = response.headers()[reqwest::header::SET_COOKIE].to_str().unwrap().to_owned();
    // Over HTTPS (the default): the `__Host-` name, which no other site or subdomain can plant.
    assert!(set_cookie.starts_with("__Host-qyzmet_session="), "{set_cookie}");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Secure"] {
        assert!(set_cookie.contains(attribute), "{set_cookie} lacks {attribute}");
    }
    let cookie = session_cookie(&response);
    let me: Me = response.json().await.unwrap();
    assert_eq!(me.full_name, "Нұрланова Айгүл Серікқызы");
    assert_eq!(me.role, Role::Applicant);

    let again: Me = app.me(Some(&cookie)).await.json().await.unwrap();
    assert_eq!(again, me);
}

/// Issue 17 (6): staff work on other people's data, so a password alone does not open their
/// account — their sign-in key does. Only whoever knows the password learns that much; a wrong
/// password is refused as anyone's is.
async fn staff_sign_in_with_their_signature_only(db: Db) {
    let app = TestApp::spawn_demo(db).await;
    for staff in [SPECIALIST, "810505300788", "781122300562", "900606401572"] {
        let right = app.sign_in(staff, DEMO_PASSWORD).await;
        assert_eq!(right.status(), 403, "{staff}");
        assert!(right.headers().get(reqwest::header::SET_COOKIE).is_none(), "{staff}");
        let refusal = error_of(right).await;
        assert_eq!(refusal.code, ErrorCode::SignatureRequired);
        assert!(refusal.message.kk.contains("тек ЭЦҚ арқылы"), "{refusal:?}");
        assert!(refusal.message.ru.contains("только по ЭЦП"), "{refusal:?}");
        let wrong = error_of(app.sign_in(staff, "wrong password").await).await;
        assert_eq!(wrong.code, ErrorCode::InvalidCredentials, "{staff}");
    }
    let ca = app.test_ca.as_ref().unwrap();
    let key = ca.key(SPECIALIST, Purpose::Authentication, Standing::Valid).unwrap();
    let (by_key, _) = app.sign_in_with(key).await;
    assert_eq!(by_key.status(), 200);
    let me: Me = app.me(Some(&session_cookie(&by_key))).await.json().await.unwrap();
    assert_eq!((me.id_number.as_str(), me.role), (SPECIALIST, Role::Specialist));
}

async fn without_a_session_the_answer_is_not_signed_in(db: Db) {
    let app = seeded(db).await;
    let response = app.me(None).await;
    assert_eq!(response.status(), 401);
    assert_eq!(error_of(response).await.code, ErrorCode::NotSignedIn);
    let forged = app.me(Some("qyzmet_session=not-a-real-token")).await;
    assert_eq!(forged.status(), 401);
}

async fn a_wrong_password_and_an_unknown_number_get_the_same_refusal(db: Db) {
    let app = seeded(db).await;
    let wrong = app.sign_in(CITIZEN, "wrong password").await;
    assert_eq!(wrong.status(), 401);
    assert!(wrong.headers().get(reqwest::header::SET_COOKIE).is_none());
    let wrong = error_of(wrong).await;
    // A valid IIN with no account.
    let unknown = error_of(app.sign_in("900101300027", DEMO_PASSWORD).await).await;
    assert_eq!(wrong, unknown);
    assert_eq!(wrong.code, ErrorCode::InvalidCredentials);
    assert!(wrong.message.ru.contains("Неверный ИИН/БИН или пароль"));
    assert!(wrong.message.kk.contains("құпиясөз қате"));
}

async fn a_malformed_number_is_refused_on_its_field_before_any_lookup(db: Db) {
    let app = seeded(db).await;
    for (typed, code) in [("12345", ErrorCode::InvalidIin), ("850315400125", ErrorCode::InvalidIin)]
    {
        let response = app.sign_in(typed, DEMO_PASSWORD).await;
        assert_eq!(response.status(), 422, "{typed}");
        let error = error_of(response).await;
        assert_eq!((error.code, error.field.as_deref()), (code, Some("id_number")), "{typed}");
    }
}

async fn too_many_failures_lock_the_account_for_a_while(db: Db) {
    let app = seeded(db).await;
    for _ in 0..5 {
        assert_eq!(app.sign_in(CITIZEN, "guess").await.status(), 401);
    }
    // Now even the right password waits: the guesser cannot tell when they found it.
    let locked = app.sign_in(CITIZEN, DEMO_PASSWORD).await;
    assert_eq!(locked.status(), 429);
    let (wait, told) = wait_of(locked).await;
    assert!((895..=900).contains(&wait), "15 minutes from the first failure: {wait}");
    assert_eq!(told.message.ru, "Слишком много попыток. Повторите через 15 мин.");
    // Ten minutes on, the wait is what is left of the window, not the window again.
    app.store.clock().advance(10 * 60);
    let (wait, told) = wait_of(app.sign_in(CITIZEN, DEMO_PASSWORD).await).await;
    assert!((295..=300).contains(&wait), "{wait}");
    assert_eq!(told.message.kk, "Әрекеттер тым көп. 5 минуттан кейін қайталаңыз.");
    // Another account is not affected.
    assert_eq!(app.sign_in("920711300344", DEMO_PASSWORD).await.status(), 200);
}

/// A refusal for too many attempts: the seconds its `Retry-After` says to wait, and its body.
async fn wait_of(refused: reqwest::Response) -> (i64, ApiError) {
    assert_eq!(refused.status(), 429);
    let wait = refused.headers()[reqwest::header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    let told = error_of(refused).await;
    assert_eq!(told.code, ErrorCode::TooManyAttempts);
    (wait, told)
}

/// A wrong current password in a password change counts as a failed sign-in (a stolen session
/// cannot be used to guess the password); the lock ends 15 minutes after the failures.
async fn wrong_current_passwords_count_and_the_lock_ends_after_fifteen_minutes(db: Db) {
    let app = seeded(db).await;
    let session = session_cookie(&app.sign_in(CITIZEN, DEMO_PASSWORD).await);
    let guess = json!({"current": "a guess at it", "new": "таудағы қар еріді 2026"});
    for _ in 0..5 {
        let refused = app.call(Method::PUT, "/session/password", &session, Some(guess.clone()));
        assert_eq!(error_of(refused.await).await.code, ErrorCode::InvalidCredentials);
    }
    let locked = app.call(Method::PUT, "/session/password", &session, Some(guess)).await;
    assert_eq!(error_of(locked).await.code, ErrorCode::TooManyAttempts);
    assert_eq!(app.sign_in(CITIZEN, DEMO_PASSWORD).await.status(), 429, "sign-in is locked too");
    // On the portal's clock: fourteen minutes later the lock holds (a locked attempt does not
    // count again); fifteen minutes and a second after the failures they are out of the window.
    app.store.clock().advance(14 * 60);
    assert_eq!(app.sign_in(CITIZEN, DEMO_PASSWORD).await.status(), 429, "still locked");
    app.store.clock().advance(60 + 1);
    assert_eq!(app.sign_in(CITIZEN, DEMO_PASSWORD).await.status(), 200);
}

/// Each limit forgets only its own events: status checks, counted for ten minutes, do not cut
/// short the fifteen minutes a sign-in lock lasts.
async fn a_shorter_limit_does_not_shorten_the_sign_in_lock(db: Db) {
    let app = seeded(db).await;
    for _ in 0..5 {
        assert_eq!(app.sign_in(CITIZEN, "guess").await.status(), 401);
    }
    app.store.clock().advance(11 * 60);
    let status = format!("{}/api/v1/status?number=000000000000&iin={CITIZEN}", app.base);
    let checked = app.client.get(status).send().await.unwrap();
    assert_eq!(checked.status(), 404, "the look-up is counted and answered");
    assert_eq!(app.sign_in(CITIZEN, DEMO_PASSWORD).await.status(), 429, "still locked");
    app.store.clock().advance(4 * 60 + 1);
    assert_eq!(app.sign_in(CITIZEN, DEMO_PASSWORD).await.status(), 200);
}

/// Thirty failures from one address lock that address out for every account (a guesser trying
/// many numbers); other addresses are not affected.
async fn one_address_is_limited_across_accounts(db: Db) {
    let proxy = std::net::IpAddr::from([127, 0, 0, 1]);
    let app =
        TestApp::spawn_demo_with(db, move |state, _| state.with_trusted_proxies(&[proxy])).await;
    let sign_in_from = async |address: &str, id_number: &str, password: &str| {
        let form = json!({"id_number": id_number, "password": password});
        app.client
            .post(format!("{}/api/v1/session", app.base))
            .header("x-forwarded-for", address)
            .json(&form)
            .send()
            .await
            .unwrap()
            .status()
    };
    // Behind a trusted proxy each client is its own address. Six numbers (accounts or not), five
    // guesses each: none is locked, but the address is after thirty, even for another account.
    let guessed = [
        "920711300344",
        "900101300027",
        "870412300017",
        "900101300811",
        "810505300788",
        "750909400915",
    ];
    for id_number in guessed {
        for _ in 0..5 {
            assert_eq!(sign_in_from("203.0.113.7", id_number, "a wrong guess").await, 401);
        }
    }
    assert_eq!(sign_in_from("203.0.113.7", CITIZEN, DEMO_PASSWORD).await, 429);
    assert_eq!(sign_in_from("198.51.100.9", CITIZEN, DEMO_PASSWORD).await, 200, "another client");
}

async fn signing_out_ends_the_session_for_good(db: Db) {
    let app = seeded(db).await;
    let cookie = session_cookie(&app.sign_in(CITIZEN, DEMO_PASSWORD).await);
    let response = app.sign_out(&cookie).await;
    assert_eq!(response.status(), 204);
    let cleared = response.headers()[reqwest::header::SET_COOKIE].to_str().unwrap();
    assert!(cleared.contains("Max-Age=0"));
    // The old token is dead even if someone kept it.
    assert_eq!(app.me(Some(&cookie)).await.status(), 401);
}

/// A password change signs out every other session (whoever knew the old password); a session
/// unused for 30 minutes ends; sessions past their end are purged when another opens.
async fn sessions_end_on_a_password_change_and_when_idle(db: Db) {
    let app = seeded(db).await;
    let here = session_cookie(&app.sign_in(CITIZEN, DEMO_PASSWORD).await);
    let elsewhere = session_cookie(&app.sign_in(CITIZEN, DEMO_PASSWORD).await);
    let change = json!({"current": DEMO_PASSWORD, "new": "таудағы қар еріді 2026"});
    let changed = app.call(Method::PUT, "/session/password", &here, Some(change)).await;
    assert_eq!(changed.status(), 200);
    assert_eq!(app.me(Some(&elsewhere)).await.status(), 401, "the other session ended");
    assert_eq!(app.me(Some(&here)).await.status(), 200, "this one goes on");

    // On the portal's clock: a use after 29 idle minutes keeps it, and is noted, so another 29
    // minutes later it is kept again; 31 minutes without use end it.
    app.store.clock().advance(29 * 60);
    assert_eq!(app.me(Some(&here)).await.status(), 200, "used within the half hour");
    app.store.clock().advance(30);
    assert_eq!(app.me(Some(&here)).await.status(), 200, "used again within the minute");
    app.store.clock().advance(29 * 60);
    assert_eq!(app.me(Some(&here)).await.status(), 200, "the use 29 minutes ago was noted");
    app.store.clock().advance(31 * 60);
    assert_eq!(app.me(Some(&here)).await.status(), 401, "idle too long");
    // A new sign-in purges what can no longer be used.
    let fresh = session_cookie(&app.sign_in(CITIZEN, "таудағы қар еріді 2026").await);
    assert_eq!(app.me(Some(&fresh)).await.status(), 200);
    let pool = sqlx::AnyPool::connect(&app.database_url).await.unwrap();
    let left: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM sessions").fetch_one(&pool).await.unwrap();
    pool.close().await;
    assert_eq!(left, 1, "only the fresh session is kept");
}

crate::on_both_databases!(
    sessions_end_on_a_password_change_and_when_idle,
    signing_in_opens_a_session_in_an_http_only_cookie,
    staff_sign_in_with_their_signature_only,
    without_a_session_the_answer_is_not_signed_in,
    a_wrong_password_and_an_unknown_number_get_the_same_refusal,
    a_malformed_number_is_refused_on_its_field_before_any_lookup,
    too_many_failures_lock_the_account_for_a_while,
    wrong_current_passwords_count_and_the_lock_ends_after_fifteen_minutes,
    a_shorter_limit_does_not_shorten_the_sign_in_lock,
    one_address_is_limited_across_accounts,
    signing_out_ends_the_session_for_good,
);
