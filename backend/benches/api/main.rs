//! The API's reads under load (issue 16), run by `cargo xtask bench` in a release build: each
//! read's requests per second as a share of an empty axum handler measured in the same run on
//! the same machine (the ceiling), and its p50/p99 latency at half of its own saturating rate.
//! On SQLite, and on PostgreSQL when `QYZMET_BENCH_POSTGRES_URL` names a server. Prints a table
//! and writes `target/bench/latest.json`.
//!
//! The load generator runs in this process beside the portal, on the same two cores: the ratios
//! hold for this machine, the absolute figures only for it.

use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use qyzmet_backend::signatures::TrustStore;
use qyzmet_backend::signatures::test_ca::{Purpose, Standing, TestCa};
use qyzmet_backend::store::{Clock, Store};
use qyzmet_backend::{AppState, demo, router, serve};
use qyzmet_shared::eds::{Content, SigningKey, sign};
use qyzmet_shared::request::{Filing, RequestView};
use qyzmet_shared::signature::{Challenge, sign_in_bytes};
use serde_json::{Value, json};
use tokio::net::TcpListener;

/// Requests in flight at once.
const CONNECTIONS: u32 = 32;
/// How long each read is driven, at saturation and again at half of it.
const SECONDS: u64 = 3;
const CITIZEN: &str = "850315400124";
const CHANCELLERY: &str = "810505300788";

/// One read to drive: its name, its path, whose session it runs in, and whether each request
/// comes from another client address (through the trusted proxy), as a public look-up does.
struct Read {
    name: &'static str,
    path: String,
    cookie: Option<String>,
    many_clients: bool,
}

/// What one read did: at saturation, and at half of that rate.
struct Figures {
    per_second: f64,
    refused: u64,
    p50_ms: f64,
    p99_ms: f64,
}

#[tokio::main]
async fn main() {
    let ceiling_base = empty_handler().await;
    let ceiling = drive(&ceiling_base, &Read::plain("empty axum handler", "/")).await;
    let mut report = json!({"connections": CONNECTIONS, "seconds": SECONDS,
        "ceiling": {"per_second": ceiling.per_second, "p50_ms": ceiling.p50_ms, "p99_ms": ceiling.p99_ms}});
    println!(
        "{:<34} {:>10} {:>9} {:>8} {:>8}  refused",
        "read", "req/s", "ceiling", "p50 ms", "p99 ms"
    );
    print_row("empty axum handler (the ceiling)", &ceiling, ceiling.per_second);
    let files = tempfile::tempdir().expect("a temporary directory");
    let mut databases = vec![(
        "sqlite",
        format!("sqlite://{}?mode=rwc", files.path().join("bench.sqlite3").display()),
    )];
    if let Ok(url) = std::env::var("QYZMET_BENCH_POSTGRES_URL") {
        databases.push(("postgres", url));
    }
    for (name, url) in databases {
        println!("-- {name}");
        let (base, reads) = portal(&url, files.path()).await;
        let mut rows = serde_json::Map::new();
        for read in reads {
            let figures = drive(&base, &read).await;
            print_row(read.name, &figures, ceiling.per_second);
            rows.insert(
                read.name.to_owned(),
                json!({"per_second": figures.per_second, "of_ceiling": figures.per_second / ceiling.per_second,
                    "p50_ms": figures.p50_ms, "p99_ms": figures.p99_ms, "refused": figures.refused}),
            );
        }
        report[name] = Value::Object(rows);
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/bench/latest.json");
    let written = std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/bench"))
        .and_then(|()| {
            std::fs::write(path, serde_json::to_string_pretty(&report).unwrap_or_default())
        });
    match written {
        Ok(()) => println!("written to target/bench/latest.json"),
        Err(e) => eprintln!("target/bench/latest.json not written: {e}"),
    }
}

fn print_row(name: &str, figures: &Figures, ceiling: f64) {
    println!(
        "{name:<34} {:>10.0} {:>8.1}% {:>8.2} {:>8.2}  {}",
        figures.per_second,
        100.0 * figures.per_second / ceiling,
        figures.p50_ms,
        figures.p99_ms,
        figures.refused
    );
}

impl Read {
    fn plain(name: &'static str, path: &str) -> Read {
        Read { name, path: path.to_owned(), cookie: None, many_clients: false }
    }
}

/// An axum handler that answers nothing, on its own port: what this machine can serve at most.
async fn empty_handler() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    let app = axum::Router::new().route("/", axum::routing::get(|| async {}));
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}

/// The portal on `database_url` with the demo seeded and one request filed by the demo citizen;
/// where it listens, and the reads to drive.
async fn portal(database_url: &str, files: &std::path::Path) -> (String, Vec<Read>) {
    let store = Store::open(database_url).await.expect("the store opens");
    demo::seed(&store).await.expect("the demo seeds");
    let test_ca = demo::test_ca(&store).await.expect("the demo's test CA");
    let loopback = IpAddr::from([127, 0, 0, 1]);
    let state = AppState::new(store)
        .with_test_ca(test_ca.clone(), TrustStore::default())
        .expect("the test CA is trusted")
        .with_trusted_proxies(&[loopback])
        .with_secure_cookies(false);
    let dist = files.join(format!("dist-{}", Clock::default().now()));
    std::fs::create_dir_all(&dist).expect("a dist folder");
    std::fs::write(dist.join("index.html"), "<!doctype html><title>Qyzmet</title>").expect("index");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    tokio::spawn(serve(listener, router(state, &dist)));

    let client = reqwest::Client::new();
    let citizen = password_session(&client, &base).await;
    let request = file_one(&client, &base, &citizen, &test_ca).await;
    let chancellery = key_session(&client, &base, &test_ca).await;
    let reads = vec![
        Read {
            name: "status check (one client each)",
            path: format!("/api/v1/status?number={}&iin={CITIZEN}", request.number),
            cookie: None,
            many_clients: true,
        },
        Read::plain("catalog", "/api/v1/catalog"),
        Read {
            name: "a request's view (signed in)",
            path: format!("/api/v1/requests/{}", request.number),
            cookie: Some(citizen.clone()),
            many_clients: false,
        },
        Read {
            name: "queue page (chancellery)",
            path: "/api/v1/queue".to_owned(),
            cookie: Some(chancellery),
            many_clients: false,
        },
        Read {
            name: "history page (citizen)",
            path: "/api/v1/requests".to_owned(),
            cookie: Some(citizen),
            many_clients: false,
        },
    ];
    (base, reads)
}

fn cookie_of(response: &reqwest::Response) -> String {
    let set = response.headers().get(reqwest::header::SET_COOKIE).expect("a session cookie");
    set.to_str().unwrap_or_default().split(';').next().unwrap_or_default().to_owned()
}

async fn password_session(client: &reqwest::Client, base: &str) -> String {
    let form = json!({"id_number": CITIZEN, "password": demo::DEMO_PASSWORD});
    let response = client.post(format!("{base}/api/v1/session")).json(&form).send().await;
    cookie_of(&response.expect("the citizen signs in"))
}

/// The chancellery's session, opened with its sign-in key as staff must.
async fn key_session(client: &reqwest::Client, base: &str, ca: &TestCa) -> String {
    let challenge: Challenge = client
        .post(format!("{base}/api/v1/session/challenge"))
        .send()
        .await
        .expect("a challenge")
        .json()
        .await
        .expect("a challenge's body");
    let key = ca.key(CHANCELLERY, Purpose::Authentication, Standing::Valid).expect("a sign-in key");
    let signing_key = SigningKey::from_pkcs8_der(&key.private_key).expect("a key");
    let bytes = sign_in_bytes(&challenge.nonce);
    let cms =
        sign(&bytes, &key.certificate, &signing_key, Clock::default().now(), Content::Attached)
            .expect("it signs");
    let body = json!({"challenge": challenge.id, "cms": STANDARD.encode(cms)});
    let response = client.post(format!("{base}/api/v1/session/signature")).json(&body).send().await;
    cookie_of(&response.expect("the chancellery signs in"))
}

/// An archival salary certificate drafted, its scan attached, signed and filed by the citizen.
async fn file_one(client: &reqwest::Client, base: &str, cookie: &str, ca: &TestCa) -> RequestView {
    let body = json!({"service": "archival-certificate", "kind": "salary", "provider": "astana",
        "form": {"organisation": "«Қазақтелеком» АҚ", "period_from": "2005-01-01",
            "period_to": "2010-12-31", "phone": "+7 701 234 56 78"}});
    let send =
        |request: reqwest::RequestBuilder| request.header(reqwest::header::COOKIE, cookie).send();
    let drafted: RequestView = send(client.post(format!("{base}/api/v1/requests")).json(&body))
        .await
        .expect("drafted")
        .json()
        .await
        .expect("a draft");
    let number = drafted.number;
    let scan = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n".to_vec();
    let attach = client
        .put(format!("{base}/api/v1/requests/{number}/attachments/identity?name=scan.pdf"))
        .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
        .body(scan);
    send(attach).await.expect("attached");
    let shown: RequestView = send(client.get(format!("{base}/api/v1/requests/{number}")))
        .await
        .expect("shown")
        .json()
        .await
        .expect("a request");
    let key = ca.key(CITIZEN, Purpose::Signing, Standing::Valid).expect("a signing key");
    let signing_key = SigningKey::from_pkcs8_der(&key.private_key).expect("a key");
    let bytes = Filing::from(&shown).signed_bytes();
    let cms =
        sign(&bytes, &key.certificate, &signing_key, Clock::default().now(), Content::Detached)
            .expect("it signs");
    let submit = client
        .post(format!("{base}/api/v1/requests/{number}/submit"))
        .header("idempotency-key", format!("bench-{number}"))
        .json(&json!({"cms": STANDARD.encode(cms)}));
    send(submit).await.expect("filed").json().await.expect("a filed request")
}

/// `read` at saturation, then at half of that rate: the figures.
async fn drive(base: &str, read: &Read) -> Figures {
    let (per_second, refused, _) = run(base, read, None).await;
    let (_, _, mut latencies) = run(base, read, Some(per_second / 2.0)).await;
    latencies.sort_unstable();
    let at = |percent: usize| {
        let index = latencies.len().saturating_sub(1) * percent / 100;
        latencies.get(index).map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
    };
    Figures { per_second, refused, p50_ms: at(50), p99_ms: at(99) }
}

/// `CONNECTIONS` loops sending `read` for `SECONDS`, each as fast as answers come (`rate`
/// `None`) or together at `rate` requests per second; the rate reached, the answers that were
/// not a success, and every latency.
async fn run(base: &str, read: &Read, rate: Option<f64>) -> (f64, u64, Vec<Duration>) {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CONNECTIONS as usize)
        .build()
        .expect("a client");
    let url = format!("{base}{}", read.path);
    let refused = Arc::new(AtomicU64::new(0));
    let next_client = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let end = start + Duration::from_secs(SECONDS);
    let mut loops = tokio::task::JoinSet::new();
    for n in 0..CONNECTIONS {
        let (client, url, refused, next_client) =
            (client.clone(), url.clone(), refused.clone(), next_client.clone());
        let (cookie, many_clients) = (read.cookie.clone(), read.many_clients);
        let interval = rate.map(|rate| Duration::from_secs_f64(f64::from(CONNECTIONS) / rate));
        loops.spawn(async move {
            let mut latencies = Vec::new();
            // Spread the paced loops over one interval, so they do not fire together.
            if let Some(interval) = interval {
                tokio::time::sleep(interval.mul_f64(f64::from(n) / f64::from(CONNECTIONS))).await;
            }
            let mut due = Instant::now();
            while Instant::now() < end {
                let mut request = client.get(&url);
                if let Some(cookie) = &cookie {
                    request = request.header(reqwest::header::COOKIE, cookie);
                }
                if many_clients {
                    let n = next_client.fetch_add(1, Ordering::Relaxed);
                    let address = format!("10.{}.{}.{}", (n >> 16) & 255, (n >> 8) & 255, n & 255);
                    request = request.header("x-forwarded-for", address);
                }
                let sent = Instant::now();
                match request.send().await {
                    Ok(response) if response.status().is_success() => {
                        let _ = response.bytes().await;
                    }
                    _ => {
                        refused.fetch_add(1, Ordering::Relaxed);
                    }
                }
                latencies.push(sent.elapsed());
                if let Some(interval) = interval {
                    due += interval;
                    tokio::time::sleep_until(due.into()).await;
                }
            }
            latencies
        });
    }
    let mut latencies = Vec::new();
    while let Some(done) = loops.join_next().await {
        latencies.extend(done.unwrap_or_default());
    }
    let answered = f64::from(u32::try_from(latencies.len()).unwrap_or(u32::MAX));
    let per_second = answered / start.elapsed().as_secs_f64();
    (per_second, refused.load(Ordering::Relaxed), latencies)
}
