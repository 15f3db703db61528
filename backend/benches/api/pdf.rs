//! The result's PDF (issue 16, item 4): requests filed by the demo citizen and walked by the demo
//! region's staff to a certificate the head signs; then each result's first download, when the
//! portal makes the PDF (fonts, QR code, the head's signature in it) and keeps it, and later
//! downloads of the same file, served as kept. p50/p95 of each against the goal of 300 ms for the
//! first.

use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use qyzmet_backend::signatures::test_ca::{Purpose, Standing, TestCa};
use qyzmet_backend::store::Clock;
use qyzmet_shared::eds::{Content, SigningKey, sign};
use qyzmet_shared::request::{Approval, RequestView, StepAction};
use qyzmet_shared::result::Outcome;
use qyzmet_shared::workflow::Action;
use serde_json::{Value, json};

use super::overload::percentile;
use super::{CHANCELLERY, HEAD, file_one, key_session};

/// How many results are made, and how many times each is downloaded again.
const RESULTS: usize = 40;
const AGAIN: usize = 5;
const GOAL_MS: f64 = 300.0;
const DEPARTMENT_HEAD: &str = "880202401133";
const SPECIALIST: &str = "831212301353";

/// The figures of the first and the later downloads.
pub struct Downloads {
    first: Vec<Duration>,
    later: Vec<Duration>,
}

/// Makes `RESULTS` signed results and downloads each, first and again.
pub async fn downloads(base: &str, citizen: &str, ca: &TestCa) -> Downloads {
    let client = reqwest::Client::new();
    let staff = [CHANCELLERY, HEAD, DEPARTMENT_HEAD, SPECIALIST];
    let mut sessions = Vec::new();
    for member in staff {
        sessions.push((member, key_session(&client, base, ca, member).await));
    }
    let session = |member: &str| {
        sessions.iter().find(|(who, _)| *who == member).map(|(_, cookie)| cookie.clone())
    };
    let mut numbers = Vec::new();
    for _ in 0..RESULTS {
        let filed = file_one(&client, base, citizen, ca).await;
        let walk = [
            (CHANCELLERY, StepAction::new(Action::Register, "Тіркелді")),
            (
                HEAD,
                StepAction {
                    department: Some("archives".to_owned()),
                    ..StepAction::new(Action::AssignDepartment, "Орындауға")
                },
            ),
            (
                DEPARTMENT_HEAD,
                StepAction {
                    specialist: Some(SPECIALIST.to_owned()),
                    ..StepAction::new(Action::AssignSpecialist, "")
                },
            ),
            (
                SPECIALIST,
                StepAction {
                    outcome: Some(Outcome::Certificate),
                    appendix_pages: Some(1),
                    ..StepAction::new(Action::DraftResult, "")
                },
            ),
        ];
        for (who, body) in walk {
            act(&client, base, &session(who).unwrap_or_default(), &filed.number, &body).await;
        }
        let head = session(HEAD).unwrap_or_default();
        let drafted: RequestView =
            get(&client, base, &head, &format!("/api/v1/requests/{}", filed.number))
                .await
                .json()
                .await
                .expect("the drafted request");
        let approval = Approval::of(&drafted).expect("a drafted result").signed_bytes();
        let key = ca.key(HEAD, Purpose::Signing, Standing::Valid).expect("the head's signing key");
        let signing_key = SigningKey::from_pkcs8_der(&key.private_key).expect("a key");
        let cms = sign(
            &approval,
            &key.certificate,
            &signing_key,
            Clock::default().now(),
            Content::Detached,
        )
        .expect("it signs");
        let signed =
            StepAction { cms: Some(STANDARD.encode(cms)), ..StepAction::new(Action::Sign, "") };
        act(&client, base, &head, &filed.number, &signed).await;
        numbers.push(filed.number);
    }
    let mut downloads = Downloads { first: Vec::new(), later: Vec::new() };
    for number in &numbers {
        let path = format!("/api/v1/requests/{number}/result.pdf");
        let (took, made) = timed(&client, base, citizen, &path).await;
        downloads.first.push(took);
        for _ in 0..AGAIN {
            let (took, kept) = timed(&client, base, citizen, &path).await;
            assert_eq!(kept, made, "a later download is the file as first made");
            downloads.later.push(took);
        }
    }
    downloads
}

impl Downloads {
    /// Prints the figures, and returns them for the report.
    pub fn report(mut self) -> Value {
        let first = (percentile(&mut self.first, 50), percentile(&mut self.first, 95));
        let later = (percentile(&mut self.later, 50), percentile(&mut self.later, 95));
        println!(
            "result PDF, {RESULTS} results: first download (made and kept) p50 {:.1} ms, p95 {:.1} ms (goal {GOAL_MS:.0}); later ones (as kept) p50 {:.1} ms, p95 {:.1} ms",
            first.0, first.1, later.0, later.1
        );
        json!({"results": RESULTS, "goal_first_p95_ms": GOAL_MS,
            "first_p50_ms": first.0, "first_p95_ms": first.1,
            "later_p50_ms": later.0, "later_p95_ms": later.1})
    }
}

async fn get(client: &reqwest::Client, base: &str, cookie: &str, path: &str) -> reqwest::Response {
    let response = client
        .get(format!("{base}{path}"))
        .header(reqwest::header::COOKIE, cookie)
        .send()
        .await
        .expect("answered");
    assert!(response.status().is_success(), "{path}: {}", response.status());
    response
}

/// The time a PDF took to arrive whole, and its bytes.
async fn timed(
    client: &reqwest::Client,
    base: &str,
    cookie: &str,
    path: &str,
) -> (Duration, Vec<u8>) {
    let sent = Instant::now();
    let bytes = get(client, base, cookie, path).await.bytes().await.expect("a PDF");
    (sent.elapsed(), bytes.to_vec())
}

async fn act(client: &reqwest::Client, base: &str, cookie: &str, number: &str, body: &StepAction) {
    let response = client
        .post(format!("{base}/api/v1/requests/{number}/actions"))
        .header(reqwest::header::COOKIE, cookie)
        .json(body)
        .send()
        .await
        .expect("answered");
    let status = response.status();
    assert!(
        status.is_success(),
        "{:?} on {number}: {status} {}",
        body.action,
        response.text().await.unwrap_or_default()
    );
}
