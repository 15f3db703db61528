//! Crash safety (issue 17): the portal as its own process (`qyzmet --demo`), killed with SIGKILL
//! while filings and the chancellery's registrations are in flight, and started again on the same
//! database, cycle after cycle. After each restart: every filing and step it acknowledged is
//! there; every request is wholly filed or wholly a draft (its status, its signature, its events
//! and its audit entries agree); a client's retry of a cut-off filing with the same idempotency
//! key files it exactly once; and `qyzmet verify-audit` finds the chain intact.
//!
//! `QYZMET_CRASH_CYCLES` sets how many kills (3 in the test suite, hundreds in `cargo xtask bench`).

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use qyzmet_backend::signatures::test_ca::Standing;
use qyzmet_shared::request::RequestView;
use qyzmet_shared::workflow::Status;
use reqwest::StatusCode;
use serde_json::json;
use sqlx::Row;
use tokio::sync::Notify;

use crate::app::{Db, TestApp, announced_base, fresh_database};
use crate::requests::{CHANCELLERY, CITIZEN, draft, ok};

/// Filings sent at once in each cycle, while the previous cycle's are registered.
const FILINGS: usize = 6;

/// The portal's process; killed when dropped.
struct Portal(Child);

impl Drop for Portal {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Portal {
    /// Starts `qyzmet --demo` on `database_url` with its files in `dir`; its base URL once it
    /// listens.
    fn start(database_url: &str, dir: &std::path::Path) -> (Portal, String) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_qyzmet"))
            .args(["--demo", "--insecure-cookies", "--addr", "127.0.0.1:0", "--data-dir"])
            .arg(dir)
            .arg("--dist")
            .arg(dir.join("dist"))
            .arg("--outbox")
            .arg(dir.join("outbox"))
            .env_clear()
            .env("DATABASE_URL", database_url)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let portal = Portal(child);
        (portal, announced_base(stdout))
    }

    /// Kills the process at once, as a power cut or the OOM killer would.
    fn kill(mut self) {
        self.0.kill().unwrap();
        self.0.wait().unwrap();
    }
}

/// How one call in flight ended: acknowledged by the portal, refused, or cut off by the kill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ended {
    Acknowledged,
    Refused(StatusCode),
    CutOff,
}

/// A call that may be cut off; `notify` hears of each acknowledgement.
async fn call(request: reqwest::RequestBuilder, acknowledged: &Notify) -> Ended {
    match request.send().await {
        Ok(response) if response.status().is_success() => match response.bytes().await {
            Ok(_) => {
                acknowledged.notify_one();
                Ended::Acknowledged
            }
            Err(_) => Ended::CutOff,
        },
        Ok(response) => Ended::Refused(response.status()),
        Err(_) => Ended::CutOff,
    }
}

fn submit_call(app: &TestApp, cookie: &str, number: &str, cms: &str) -> reqwest::RequestBuilder {
    app.client
        .post(format!("{}/api/v1/requests/{number}/submit", app.base))
        .header(reqwest::header::COOKIE, cookie)
        .header("idempotency-key", format!("crash-{number}"))
        .json(&json!({"cms": cms}))
}

fn register_call(app: &TestApp, cookie: &str, number: &str) -> reqwest::RequestBuilder {
    app.client
        .post(format!("{}/api/v1/requests/{number}/actions", app.base))
        .header(reqwest::header::COOKIE, cookie)
        .json(&json!({"action": "register"}))
}

async fn view(app: &TestApp, cookie: &str, number: &str) -> RequestView {
    let path = format!("/requests/{number}");
    ok(app.call(reqwest::Method::GET, &path, cookie, None).await).await
}

/// One request as the database holds it: its events and its audit entries of moves.
async fn moves_recorded(app: &TestApp, number: &str) -> (i64, i64) {
    let pool = sqlx::AnyPool::connect(&app.database_url).await.unwrap();
    let events = sqlx::query(
        "SELECT COUNT(*) FROM request_events e JOIN requests r ON r.id = e.request_id WHERE r.number = $1",
    )
    .bind(number)
    .fetch_one(&pool)
    .await
    .unwrap()
    .get::<i64, _>(0);
    let audited = sqlx::query(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'request.transition' AND subject = $1",
    )
    .bind(number)
    .fetch_one(&pool)
    .await
    .unwrap()
    .get::<i64, _>(0);
    pool.close().await;
    (events, audited)
}

/// `qyzmet verify-audit` on the portal's database: the operator's own check.
fn audit_is_intact(database_url: &str) {
    let out = Command::new(env!("CARGO_BIN_EXE_qyzmet"))
        .arg("verify-audit")
        .env_clear()
        .env("DATABASE_URL", database_url)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "the audit chain after a kill: {said}");
}

fn cycles() -> usize {
    std::env::var("QYZMET_CRASH_CYCLES").ok().and_then(|n| n.parse().ok()).unwrap_or(3)
}

async fn acknowledged_work_survives_a_kill(db: Db) {
    let files = tempfile::tempdir().unwrap();
    let dir = files.path().to_owned();
    let database_url = fresh_database(db, &dir).await;
    let (mut portal, base) = Portal::start(&database_url, &dir);
    let mut app = TestApp::of_process(base, database_url.clone(), files).await;
    // Sessions live in the database: the same cookies work after every restart.
    let citizen = app.session(CITIZEN).await;
    let chancellery = app.session(CHANCELLERY).await;
    let (mut to_register, mut cut_off, mut sent) = (Vec::<String>::new(), 0, 0);
    for cycle in 0..cycles() {
        let mut drafts = Vec::new();
        for _ in 0..FILINGS {
            let drafted = draft(&app, &citizen).await;
            drafts.push((drafted.number.clone(), app.sign_filing(&drafted, Standing::Valid)));
        }
        // Everything at once; the kill comes as soon as the first call is acknowledged.
        let acknowledged = Arc::new(Notify::new());
        let mut calls = tokio::task::JoinSet::new();
        for (number, cms) in &drafts {
            let (request, heard) = (submit_call(&app, &citizen, number, cms), acknowledged.clone());
            let number = number.clone();
            calls.spawn(async move { (number, false, call(request, &heard).await) });
        }
        for number in to_register.drain(..) {
            let (request, heard) =
                (register_call(&app, &chancellery, &number), acknowledged.clone());
            calls.spawn(async move { (number, true, call(request, &heard).await) });
        }
        tokio::time::timeout(Duration::from_mins(1), acknowledged.notified())
            .await
            .expect("a call is acknowledged before the kill");
        // Sometimes at once, sometimes a little later: different calls are cut at different points.
        tokio::time::sleep(Duration::from_millis(5 * (cycle % 4) as u64)).await;
        portal.kill();
        let ended = calls.join_all().await;
        cut_off += ended.iter().filter(|(_, _, e)| *e == Ended::CutOff).count();
        sent += ended.len();

        let (restarted, base) = Portal::start(&database_url, &dir);
        (portal, app.base) = (restarted, base);
        for (number, registration, end) in &ended {
            let seen = view(&app, &citizen, number).await;
            let (events, audited) = moves_recorded(&app, number).await;
            assert_eq!(events, audited, "{number}: each move has its audit entry, cycle {cycle}");
            assert_eq!(
                usize::try_from(events).unwrap(),
                seen.events.len(),
                "{number}: events as shown"
            );
            assert_eq!(
                seen.signed_by.is_some(),
                seen.status != Status::Draft,
                "{number}: filed exactly when signed, cycle {cycle}"
            );
            match (registration, end) {
                (false, Ended::Acknowledged) => assert_eq!(seen.status, Status::Submitted),
                (true, Ended::Acknowledged) => assert_eq!(seen.status, Status::AtHead),
                (_, Ended::Refused(status)) => {
                    panic!("{number}: refused {status} in cycle {cycle}")
                }
                (_, Ended::CutOff) => {}
            }
        }
        // A client whose filing was cut off sends it again with the same key: filed once.
        for (number, cms) in &drafts {
            let again = submit_call(&app, &citizen, number, cms).send().await.unwrap();
            assert_eq!(again.status(), 200, "{number}: {}", again.text().await.unwrap());
            let seen = view(&app, &citizen, number).await;
            assert_ne!(seen.status, Status::Draft, "{number}");
            let filings = seen.events.iter().filter(|e| e.to == Status::Submitted).count();
            assert_eq!(filings, 1, "{number}: filed once, cycle {cycle}");
            if seen.status == Status::Submitted {
                to_register.push(number.clone());
            }
        }
        audit_is_intact(&database_url);
    }
    eprintln!("{db:?}: {} kills cut {cut_off} of {sent} calls short", cycles());
    assert!(cut_off > 0, "the kills never cut a call short: the test proved nothing");
}

crate::on_both_databases!(acknowledged_work_survives_a_kill);
